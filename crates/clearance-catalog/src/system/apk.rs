//! `lib/apk/db/installed`: the apk database of an Alpine (or Wolfi) root filesystem.
//!
//! Records are separated by blank lines; each line is `K:value` with a one-letter key
//! (<https://wiki.alpinelinux.org/wiki/Apk_spec>): `P` name, `V` version, `A` architecture, `L`
//! license, `o` origin (source package), `m` maintainer, `D` dependencies, `p` provides, and the
//! file list as `F` (a directory) followed by its `R` (files) lines.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Problem, ProblemCode};

use super::{lossy_text, malformed_problem, os_id, root_of, system_purl, under};
use crate::util::{declared_license, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `lib/apk/db/installed`: every installed Alpine package, its declared license, its files, and
/// its dependencies among the installed packages.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, system::ApkInstalled};
/// let tree = MemoryTree::default();
/// let db = b"P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\nF:lib\nR:ld-musl-x86_64.so.1\n";
/// let catalog = ApkInstalled.parse(&ManifestFile::new("lib/apk/db/installed", db, &tree));
/// let musl = &catalog.components[0];
/// assert_eq!(musl.purl, "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64");
/// assert_eq!(musl.owned_files, ["lib/ld-musl-x86_64.so.1"]);
/// ```
pub struct ApkInstalled;

/// Where the database lives, relative to the root filesystem.
const APK_DB: &str = "lib/apk/db/";

/// The purl namespace when the root filesystem has no `os-release`.
const DEFAULT_DISTRO: &str = "alpine";

impl Cataloger for ApkInstalled {
    fn name(&self) -> &'static str {
        "apk-installed"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Apk
    }

    fn globs(&self) -> &'static [&'static str] {
        &["lib/apk/db/installed", "**/lib/apk/db/installed"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let mut problems = Vec::new();
        let text = lossy_text(file, &mut problems);
        let root = root_of(file.path, APK_DB).unwrap_or_default();
        let (records, malformed) = records(&text);
        problems.extend(malformed_problem(file.path, &malformed, "a `K:value` line"));
        let distro = os_id(file.tree, root).unwrap_or_else(|| DEFAULT_DISTRO.to_string());
        let mut packages = Vec::new();
        for r in &records {
            let (Some(name), Some(version)) = (r.first('P'), r.first('V')) else {
                let missing = match (r.first('P'), r.first('V')) {
                    (None, None) => "no `P:` (name) and no `V:` (version)",
                    (None, _) => "no `P:` (name)",
                    _ => "no `V:` (version)",
                };
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("package record has {missing}; skipped"),
                    )
                    .at_line(r.line),
                );
                continue;
            };
            let arch = r.first('A');
            let origin = r.first('o').filter(|o| *o != name);
            let purl = system_purl(
                Ecosystem::Apk,
                &distro,
                name,
                Some(version),
                &[("arch", arch), ("upstream", origin)],
            );
            packages.push((r, name, version, purl));
        }
        // Names and provides (`so:libc.musl-x86_64.so.1`, `cmd:sh`) → the package that has them.
        let mut provider: BTreeMap<&str, &str> = BTreeMap::new();
        for (r, name, _, purl) in &packages {
            provider.entry(name).or_insert(purl);
            for p in r.all('p').flat_map(str::split_whitespace) {
                provider.entry(dependency_name(p)).or_insert(purl);
            }
        }
        let mut components = Vec::new();
        for (r, name, version, purl) in &packages {
            let mut c = Component::new(
                Ecosystem::Apk,
                *name,
                Some(version.to_string()),
                purl.clone(),
            );
            let line = r.line_of('P').unwrap_or(r.line);
            c.sources.push(source(self.name(), file.path, Some(line)));
            // `m:`, the maintainer, supplies the package.
            c.supplier = r
                .first('m')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string);
            if let Some(l) = r.first('L') {
                c.declared.push(declared_license(
                    l,
                    source(self.name(), file.path, r.line_of('L')),
                    None,
                ));
            }
            let mut deps: Vec<String> = r
                .all('D')
                .flat_map(str::split_whitespace)
                .filter(|d| !d.starts_with('!'))
                .filter_map(|d| provider.get(dependency_name(d)))
                .map(|p| p.to_string())
                .filter(|p| p != purl)
                .collect();
            deps.sort();
            deps.dedup();
            c.dependencies = deps;
            c.owned_files = r.files(root);
            components.push(c);
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        Catalog {
            components,
            problems,
        }
    }
}

/// The name of a dependency or provide: `so:libc.musl-x86_64.so.1=1` → `so:libc.musl-x86_64.so.1`,
/// `busybox>=1.36` → `busybox`.
fn dependency_name(d: &str) -> &str {
    let end = d.find(['=', '<', '>', '~']).unwrap_or(d.len());
    d.get(..end).unwrap_or(d)
}

/// One package record: its `K:value` lines in order.
struct Record<'a> {
    lines: Vec<(char, &'a str, u32)>,
    /// 1-based line of its first line.
    line: u32,
}

impl<'a> Record<'a> {
    fn first(&self, key: char) -> Option<&'a str> {
        self.all(key).next().filter(|v| !v.is_empty())
    }

    fn line_of(&self, key: char) -> Option<u32> {
        self.lines.iter().find(|(k, _, _)| *k == key).map(|l| l.2)
    }

    fn all(&self, key: char) -> impl Iterator<Item = &'a str> + '_ {
        self.lines
            .iter()
            .filter(move |(k, _, _)| *k == key)
            .map(|(_, v, _)| *v)
    }

    /// The files of `F:` / `R:` lines, root-relative, sorted. An `R:` before any `F:` is at the
    /// root filesystem's top; paths that would leave it are dropped.
    fn files(&self, root: &str) -> Vec<String> {
        let mut dir = "";
        let mut out = Vec::new();
        for (k, v, _) in &self.lines {
            match k {
                'F' => dir = v,
                'R' => {
                    let rel = if dir.is_empty() {
                        v.to_string()
                    } else {
                        format!("{dir}/{v}")
                    };
                    if let Some(p) = crate::util::join("", &rel)
                        && !p.is_empty()
                    {
                        out.push(under(root, &p));
                    }
                }
                _ => {}
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// Splits the database into records, and lists the lines that are not `K:value`.
fn records(text: &str) -> (Vec<Record<'_>>, Vec<u32>) {
    let mut out = Vec::new();
    let mut malformed = Vec::new();
    let mut current: Option<Record<'_>> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            out.extend(current.take());
            continue;
        }
        let mut chars = line.chars();
        match (chars.next(), chars.next()) {
            (Some(k), Some(':')) if k.is_ascii_alphanumeric() => {
                let value = line.get(2..).unwrap_or_default().trim();
                current
                    .get_or_insert_with(|| Record {
                        lines: Vec::new(),
                        line: line_no,
                    })
                    .lines
                    .push((k, value, line_no));
            }
            _ => malformed.push(line_no),
        }
    }
    out.extend(current);
    (out, malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(tree: &MemoryTree, path: &str, text: &str) -> Catalog {
        ApkInstalled.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    const DB: &str = "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\
p:so:libc.musl-x86_64.so.1=1\nF:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nR:libc.musl-x86_64.so.1\n\n\
P:busybox-binsh\nV:1.36.1-r5\nA:x86_64\nL:GPL-2.0-only\no:busybox\n\
D:busybox=1.36.1-r5 so:libc.musl-x86_64.so.1 !busybox-extras cmd:missing\np:cmd:sh=1.36.1-r5\n\n\
P:busybox\nV:1.36.1-r5\nA:x86_64\nL:GPL-2.0-only\nD:so:libc.musl-x86_64.so.1\nF:bin\nR:busybox\nF:etc\nR:securetty\n";

    #[test]
    fn packages_licenses_files_and_dependencies() {
        let tree = MemoryTree::default().with("img/etc/os-release", "ID=alpine\n");
        let cat = parse(&tree, "img/lib/apk/db/installed", DB);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:apk/alpine/busybox-binsh@1.36.1-r5?arch=x86_64&upstream=busybox",
                "pkg:apk/alpine/busybox@1.36.1-r5?arch=x86_64",
                "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64",
            ]
        );
        let binsh = &cat.components[0];
        assert_eq!(
            binsh.dependencies,
            [
                "pkg:apk/alpine/busybox@1.36.1-r5?arch=x86_64",
                "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64"
            ]
        );
        let busybox = &cat.components[1];
        assert_eq!(
            busybox.owned_files,
            ["img/bin/busybox", "img/etc/securetty"]
        );
        assert_eq!(
            busybox.declared[0].expression.as_ref().unwrap().to_string(),
            "GPL-2.0-only"
        );
        assert_eq!(busybox.declared[0].source.line, Some(24));
        let musl = &cat.components[2];
        assert_eq!(musl.sources[0].line, Some(2));
        assert_eq!(busybox.supplier, None);
        assert_eq!(
            musl.owned_files,
            [
                "img/lib/ld-musl-x86_64.so.1",
                "img/lib/libc.musl-x86_64.so.1"
            ]
        );
    }

    #[test]
    fn problems_have_lines_and_the_rest_is_read() {
        let text = "P:a\nV:1\ngarbage\n\nV:2\nL:MIT\n\nP:b\nV:3\nL:GPL-2.0-or-later AND\nF:../../etc\nR:x\n";
        let cat = parse(&MemoryTree::default(), "lib/apk/db/installed", text);
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestParse, Some(3)),
                (ProblemCode::ManifestValue, Some(5))
            ]
        );
        let names: Vec<&str> = cat.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(cat.components[1].owned_files.is_empty());
    }

    #[test]
    fn names_of_dependencies() {
        assert_eq!(
            dependency_name("so:libc.musl-x86_64.so.1=1"),
            "so:libc.musl-x86_64.so.1"
        );
        assert_eq!(dependency_name("busybox>=1.36"), "busybox");
        assert_eq!(dependency_name("a~1.2"), "a");
        assert_eq!(dependency_name("plain"), "plain");
    }

    #[test]
    fn maintainer_is_the_supplier() {
        let text = "P:musl\nV:1.2.4-r2\nm:Natanael Copa <ncopa@alpinelinux.org>\n\nP:b\nV:1\nm: \n";
        let cat = parse(&MemoryTree::default(), "lib/apk/db/installed", text);
        assert_eq!(cat.components[0].supplier, None);
        assert_eq!(
            cat.components[1].supplier.as_deref(),
            Some("Natanael Copa <ncopa@alpinelinux.org>")
        );
    }
}
