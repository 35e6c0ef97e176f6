//! `var/lib/dpkg/status`: the dpkg database of a Debian or Ubuntu root filesystem.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, LicenseExpr, Problem, ProblemCode, declared};

use super::control::{self, Paragraph};
use super::{dep5, lossy_text, malformed_problem, os_id, root_of, system_purl, under};
use crate::util::{declared_license, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `var/lib/dpkg/status`, and the one-package files of `var/lib/dpkg/status.d/` that distroless
/// images carry instead: every installed package, its dependencies among the installed packages,
/// and the license its machine-readable `usr/share/doc/<package>/copyright` declares.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, system::DpkgStatus};
/// let tree = MemoryTree::default().with("etc/os-release", "ID=ubuntu\n");
/// let status = b"Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1:1.3\n";
/// let catalog = DpkgStatus.parse(&ManifestFile::new("var/lib/dpkg/status", status, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:deb/ubuntu/zlib1g@1:1.3?arch=amd64");
/// ```
pub struct DpkgStatus;

/// Where the dpkg database lives, relative to the root filesystem.
const DPKG_DIR: &str = "var/lib/dpkg/";

/// The purl namespace when the root filesystem has no `os-release`.
const DEFAULT_DISTRO: &str = "debian";

impl Cataloger for DpkgStatus {
    fn name(&self) -> &'static str {
        "dpkg-status"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Deb
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "var/lib/dpkg/status",
            "**/var/lib/dpkg/status",
            "var/lib/dpkg/status.d/*",
            "**/var/lib/dpkg/status.d/*",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // distroless images keep `<package>.md5sums` beside each `status.d/<package>`.
        if file.path.ends_with(".md5sums") {
            return Catalog::default();
        }
        let mut problems = Vec::new();
        let text = lossy_text(file, &mut problems);
        let parsed = control::parse(&text);
        problems.extend(malformed_problem(
            file.path,
            &parsed.malformed,
            "a `Field: value` line nor its continuation",
        ));
        let root = root_of(file.path, DPKG_DIR).unwrap_or_default();
        let distro = os_id(file.tree, root).unwrap_or_else(|| DEFAULT_DISTRO.to_string());
        let mut packages = Vec::new();
        for p in &parsed.paragraphs {
            if let Some(pkg) = Package::read(p, file.path, &distro, &mut problems) {
                packages.push(pkg);
            }
        }
        let index = Index::new(&packages);
        let status_d = file.dir().ends_with("status.d");
        let mut components = Vec::new();
        for pkg in &packages {
            let mut c = Component::new(
                Ecosystem::Deb,
                pkg.name.as_str(),
                pkg.version.clone(),
                pkg.purl.clone(),
            );
            c.sources
                .push(source(self.name(), file.path, Some(pkg.line)));
            c.supplier = pkg.maintainer.clone();
            let mut deps = Vec::new();
            for dep in &pkg.depends {
                let mut found = index.resolve(dep, &pkg.arch);
                if found.is_empty() && status_d {
                    found = sibling(file, dep, &distro, &pkg.arch);
                }
                deps.extend(found);
            }
            deps.retain(|d| *d != pkg.purl);
            deps.sort();
            deps.dedup();
            c.dependencies = deps;
            c.owned_files = owned_files(file, root, pkg, status_d);
            read_copyright(self.name(), file, root, pkg, &mut c, &mut problems);
            components.push(c);
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        Catalog {
            components,
            problems,
        }
    }
}

/// One installed package of the database.
#[derive(Clone, Debug)]
struct Package {
    name: String,
    version: Option<String>,
    arch: String,
    /// `Multi-Arch:` (`same`, `foreign`, `allowed`), empty when absent.
    multi_arch: String,
    purl: String,
    /// Names provided (`Provides:`), virtual packages others may depend on.
    provides: Vec<String>,
    /// Names it depends on (`Depends` and `Pre-Depends`), alternatives flattened.
    depends: Vec<String>,
    /// `Maintainer:`, the package's supplier.
    maintainer: Option<String>,
    /// Line of `Package:`.
    line: u32,
}

impl Package {
    /// Reads a paragraph; `None` for a package that is not installed, or a paragraph without
    /// `Package` (a problem).
    fn read(
        p: &Paragraph,
        path: &str,
        distro: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<Package> {
        let Some(name_field) = p.field("Package").filter(|f| !f.value.is_empty()) else {
            problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    path,
                    "paragraph has no `Package` field; skipped",
                )
                .at_line(p.line),
            );
            return None;
        };
        let name = name_field.value.clone();
        // dpkg's status is `want flag status`; the package's files are on disk when the status
        // word is `installed` (`install ok installed`, `hold ok installed`). distroless
        // `status.d` files may leave the field out: they only list installed packages.
        if let Some(status) = p.value("Status")
            && status.split_whitespace().nth(2) != Some("installed")
        {
            return None;
        }
        let version = p.value("Version").map(str::to_string);
        if version.is_none() {
            problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    path,
                    format!("package `{name}` has no `Version`"),
                )
                .at_line(name_field.line),
            );
        }
        let arch = p.value("Architecture").unwrap_or_default().to_string();
        let multi_arch = p
            .value("Multi-Arch")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let upstream = p.value("Source").map(upstream);
        let purl = system_purl(
            Ecosystem::Deb,
            distro,
            &name,
            version.as_deref(),
            &[("arch", Some(&arch)), ("upstream", upstream.as_deref())],
        );
        let mut depends = Vec::new();
        for key in ["Pre-Depends", "Depends"] {
            if let Some(f) = p.field(key) {
                let mut all = f.value.clone();
                for c in &f.continuation {
                    all.push(' ');
                    all.push_str(c);
                }
                depends.extend(relation_names(&all));
            }
        }
        let provides = p.value("Provides").map(relation_names).unwrap_or_default();
        Some(Package {
            name,
            version,
            arch,
            multi_arch,
            purl,
            provides,
            depends,
            maintainer: p
                .value("Maintainer")
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string),
            line: name_field.line,
        })
    }
}

/// `Source: glibc` → `glibc`; `Source: brotli (1.0.9-2)` → `brotli@1.0.9-2`.
fn upstream(source: &str) -> String {
    match source.split_once('(') {
        Some((name, rest)) => {
            let version = rest.trim_end().trim_end_matches(')').trim();
            if version.is_empty() {
                name.trim().to_string()
            } else {
                format!("{}@{version}", name.trim())
            }
        }
        None => source.trim().to_string(),
    }
}

/// The package names of a relationship field: `libc6 (>= 2.34), debconf | debconf-2.0,
/// python3:any` → `libc6`, `debconf`, `debconf-2.0`, `python3`. Version constraints,
/// architecture qualifiers and restriction lists are dropped.
fn relation_names(field: &str) -> Vec<String> {
    let mut out = Vec::new();
    for group in field.split(',') {
        for alt in group.split('|') {
            let name = alt
                .trim()
                .split(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '<'))
                .next()
                .unwrap_or_default();
            let name = name.split(':').next().unwrap_or_default();
            if !name.is_empty() {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Installed packages by name and by provided name.
struct Index {
    by_name: BTreeMap<String, Vec<(String, String, String)>>,
    by_provides: BTreeMap<String, Vec<String>>,
}

impl Index {
    fn new(packages: &[Package]) -> Self {
        let mut by_name: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
        let mut by_provides: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in packages {
            by_name.entry(p.name.clone()).or_default().push((
                p.arch.clone(),
                p.multi_arch.clone(),
                p.purl.clone(),
            ));
            for v in &p.provides {
                by_provides
                    .entry(v.clone())
                    .or_default()
                    .push(p.purl.clone());
            }
        }
        Index {
            by_name,
            by_provides,
        }
    }

    /// The installed packages that satisfy a dependency on `name` from a package of `arch`: the
    /// package of that name that can serve it (the same architecture, `all`, or `Multi-Arch:
    /// foreign`; any when the dependent is `all`), else those that provide it.
    fn resolve(&self, name: &str, arch: &str) -> Vec<String> {
        if let Some(candidates) = self.by_name.get(name) {
            let same = candidates.iter().find(|(a, _, _)| a == arch);
            let other = candidates
                .iter()
                .find(|(a, m, _)| a == "all" || m == "foreign" || arch == "all" || arch.is_empty());
            let pick = same.or(other);
            return pick.map(|(_, _, purl)| purl.clone()).into_iter().collect();
        }
        self.by_provides.get(name).cloned().unwrap_or_default()
    }
}

/// In a `status.d` directory each package has its own file: a dependency on `name` is the
/// package in `status.d/<name>`, when there is one.
fn sibling(file: &ManifestFile<'_>, name: &str, distro: &str, arch: &str) -> Vec<String> {
    let path = format!("{}/{name}", file.dir());
    let Ok(bytes) = file.tree.read(&path) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut ignored = Vec::new();
    let packages: Vec<Package> = control::parse(&text)
        .paragraphs
        .iter()
        .filter_map(|p| Package::read(p, &path, distro, &mut ignored))
        .collect();
    Index::new(&packages).resolve(name, arch)
}

/// The files dpkg records for a package, root-relative and sorted: `info/<package>[:<arch>].list`
/// beside the status file (directories left out), or in a `status.d` directory the paths of
/// `<package>.md5sums`. Paths that would leave the root are dropped.
fn owned_files(file: &ManifestFile<'_>, root: &str, pkg: &Package, status_d: bool) -> Vec<String> {
    let dir = file.dir();
    let listed: Vec<String> = if status_d {
        let Ok(b) = file.tree.read(&format!("{dir}/{}.md5sums", pkg.name)) else {
            return Vec::new();
        };
        String::from_utf8_lossy(&b)
            .lines()
            .filter_map(|l| l.split_once("  ").map(|(_, p)| p.to_string()))
            .collect()
    } else {
        let candidates = [
            format!("{dir}/info/{}:{}.list", pkg.name, pkg.arch),
            format!("{dir}/info/{}.list", pkg.name),
        ];
        let Some(b) = candidates.iter().find_map(|c| file.tree.read(c).ok()) else {
            return Vec::new();
        };
        let paths: Vec<String> = String::from_utf8_lossy(&b)
            .lines()
            .map(str::to_string)
            .collect();
        // A listed path that another listed path is in is a directory.
        let dirs: std::collections::BTreeSet<&str> =
            paths.iter().map(|p| crate::util::parent(p)).collect();
        paths
            .iter()
            .filter(|p| !dirs.contains(p.as_str()))
            .cloned()
            .collect()
    };
    let mut out: Vec<String> = listed
        .iter()
        .filter_map(|p| crate::util::join("", p.trim().trim_start_matches('/')))
        .filter(|p| !p.is_empty())
        .map(|p| under(root, &p))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Reads `usr/share/doc/<package>/copyright`: its directory becomes the package's root, and a
/// machine-readable (DEP-5) file gives the declared license.
fn read_copyright(
    cataloger: &str,
    file: &ManifestFile<'_>,
    root: &str,
    pkg: &Package,
    c: &mut Component,
    problems: &mut Vec<Problem>,
) {
    let doc = under(root, &format!("usr/share/doc/{}", pkg.name));
    let path = format!("{doc}/copyright");
    let Ok(bytes) = file.tree.read(&path) else {
        return;
    };
    c.roots.push(doc);
    let text = String::from_utf8_lossy(&bytes);
    let Some(dep5) = dep5::read(&path, &text) else {
        return;
    };
    problems.extend(dep5.problems);
    let Some(first) = dep5.licenses.first() else {
        return;
    };
    let mut distinct: Vec<&LicenseExpr> = Vec::new();
    for l in &dep5.licenses {
        if !distinct.iter().any(|d| d.sorted() == l.expression.sorted()) {
            distinct.push(&l.expression);
        }
    }
    let expression = LicenseExpr::and(distinct.into_iter().cloned().collect());
    let raw = dep5
        .licenses
        .iter()
        .map(|l| {
            if dep5.licenses.len() > 1 && l.raw.contains(char::is_whitespace) {
                format!("({})", l.raw)
            } else {
                l.raw.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" and ");
    let mut d = declared_license(
        &expression.to_string(),
        source(cataloger, &path, Some(first.line)),
        Some(path.clone()),
    );
    if raw != d.raw {
        d.reading = declared::Reading::Mapped;
        d.notes
            .push(format!("DEP-5 license `{raw}` mapped to SPDX"));
    }
    d.raw = raw;
    c.declared.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(tree: &MemoryTree, path: &str, text: &str) -> Catalog {
        DpkgStatus.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    #[test]
    fn relations() {
        assert_eq!(
            relation_names(
                "libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0, python3:any, foo [amd64] <!nocheck>"
            ),
            ["libc6", "debconf", "debconf-2.0", "python3", "foo"]
        );
        assert!(relation_names("").is_empty());
        assert_eq!(upstream("brotli (1.0.9-2)"), "brotli@1.0.9-2");
        assert_eq!(upstream("glibc"), "glibc");
    }

    #[test]
    fn only_installed_packages_with_dependencies_and_provides() {
        let text = "Package: a\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1\n\
Depends: b (>= 1), virt | missing, c:any\nPre-Depends: d\n\n\
Package: b\nStatus: hold ok installed\nArchitecture: amd64\nVersion: 2\nProvides: virt (= 2)\n\n\
Package: c\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 3\n\n\
Package: d\nStatus: install ok installed\nArchitecture: all\nVersion: 4\nDepends: a\n";
        let cat = parse(&MemoryTree::default(), "var/lib/dpkg/status", text);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<(&str, Vec<&str>)> = cat
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.dependencies.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:deb/debian/a@1?arch=amd64",
                    vec![
                        "pkg:deb/debian/b@2?arch=amd64",
                        "pkg:deb/debian/d@4?arch=all"
                    ]
                ),
                ("pkg:deb/debian/b@2?arch=amd64", vec![]),
                (
                    "pkg:deb/debian/d@4?arch=all",
                    vec!["pkg:deb/debian/a@1?arch=amd64"]
                ),
            ]
        );
        assert_eq!(cat.components[0].sources[0].line, Some(1));
        assert_eq!(cat.components[0].supplier, None);
    }

    #[test]
    fn maintainer_is_the_supplier() {
        let text = "Package: a\nStatus: install ok installed\nVersion: 1\n\
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n\n\
Package: b\nStatus: install ok installed\nVersion: 1\nMaintainer:\n";
        let cat = parse(&MemoryTree::default(), "var/lib/dpkg/status", text);
        assert_eq!(
            cat.components[0].supplier.as_deref(),
            Some("GNU Libc Maintainers <debian-glibc@lists.debian.org>")
        );
        assert_eq!(cat.components[1].supplier, None);
    }

    #[test]
    fn multi_arch_dependencies_pick_a_usable_architecture() {
        let text = "Package: app\nArchitecture: i386\nVersion: 1\nDepends: libx, tool, data\n\n\
Package: libx\nArchitecture: amd64\nMulti-Arch: same\nVersion: 1\n\n\
Package: tool\nArchitecture: amd64\nMulti-Arch: foreign\nVersion: 1\n\n\
Package: data\nArchitecture: all\nVersion: 1\n";
        let cat = parse(&MemoryTree::default(), "var/lib/dpkg/status", text);
        let app = cat.components.iter().find(|c| c.name == "app").unwrap();
        assert_eq!(
            app.dependencies,
            [
                "pkg:deb/debian/data@1?arch=all",
                "pkg:deb/debian/tool@1?arch=amd64"
            ]
        );
    }

    #[test]
    fn problems_have_lines_and_the_rest_is_read() {
        let text = "Package: a\nVersion: 1\nnot a field\n\nStatus: install ok installed\nVersion: 9\n\n\
Package: b\nStatus: install ok installed\n";
        let cat = parse(&MemoryTree::default(), "var/lib/dpkg/status", text);
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestParse, Some(3)),
                (ProblemCode::ManifestValue, Some(5)),
                (ProblemCode::ManifestValue, Some(8)),
            ]
        );
        let names: Vec<&str> = cat.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(cat.components[1].version, None);
    }

    #[test]
    fn copyright_gives_root_and_declared_license() {
        let tree = MemoryTree::default()
            .with("rootfs/etc/os-release", "ID=ubuntu\n")
            .with(
                "rootfs/usr/share/doc/libzstd1/copyright",
                "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n\
Files: *\nCopyright: Meta\nLicense: BSD-3-clause or GPL-2\n\n\
Files: debian/*\nCopyright: Debian\nLicense: Expat\n",
            )
            .with(
                "rootfs/usr/share/doc/libc6/copyright",
                "This is the Debian prepackaged version of the GNU C Library.\n",
            );
        let text = "Package: libzstd1\nArchitecture: amd64\nVersion: 1.5.4\nSource: libzstd\n\n\
Package: libc6\nArchitecture: amd64\nVersion: 2.36\n\n\
Package: nodoc\nArchitecture: all\nVersion: 1\n";
        let cat = parse(&tree, "rootfs/var/lib/dpkg/status", text);
        assert!(cat.problems.is_empty());
        let zstd = cat
            .components
            .iter()
            .find(|c| c.name == "libzstd1")
            .unwrap();
        assert_eq!(
            zstd.purl,
            "pkg:deb/ubuntu/libzstd1@1.5.4?arch=amd64&upstream=libzstd"
        );
        assert_eq!(zstd.roots, ["rootfs/usr/share/doc/libzstd1"]);
        let d = &zstd.declared[0];
        assert_eq!(
            d.expression.as_ref().unwrap().to_string(),
            "(BSD-3-Clause OR GPL-2.0-only) AND MIT"
        );
        assert_eq!(d.raw, "(BSD-3-clause or GPL-2) and Expat");
        assert_eq!(d.source.line, Some(5));
        let libc = cat.components.iter().find(|c| c.name == "libc6").unwrap();
        assert_eq!(libc.roots, ["rootfs/usr/share/doc/libc6"]);
        assert!(libc.declared.is_empty());
        let nodoc = cat.components.iter().find(|c| c.name == "nodoc").unwrap();
        assert!(nodoc.roots.is_empty());
    }

    #[test]
    fn status_d_reads_siblings_and_skips_md5sums() {
        let tree = MemoryTree::default().with(
            "var/lib/dpkg/status.d/libc6",
            "Package: libc6\nArchitecture: amd64\nVersion: 2.36\n",
        );
        let cat = parse(
            &tree,
            "var/lib/dpkg/status.d/base",
            "Package: base\nArchitecture: amd64\nVersion: 1\nDepends: libc6 (>= 2), gone\n",
        );
        assert_eq!(
            cat.components[0].dependencies,
            ["pkg:deb/debian/libc6@2.36?arch=amd64"]
        );
        let md5 = parse(
            &tree,
            "var/lib/dpkg/status.d/base.md5sums",
            "abc  usr/bin/x\n",
        );
        assert_eq!(md5, Catalog::default());
    }

    #[test]
    fn owned_files_from_info_lists_and_md5sums() {
        let tree = MemoryTree::default()
            .with(
                "r/var/lib/dpkg/info/zlib1g:amd64.list",
                "/.\n/usr\n/usr/lib\n/usr/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu/libz.so.1\n\
/usr/lib/x86_64-linux-gnu/libz.so.1.2.13\n/usr/share/doc/zlib1g/../../../../../etc/x\n",
            )
            .with("r/var/lib/dpkg/info/curl.list", "/usr\n/usr/bin\n/usr/bin/curl\n")
            .with(
                "var/lib/dpkg/status.d/tzdata.md5sums",
                "0123abcd  usr/share/zoneinfo/UTC\nbroken line\n",
            );
        let text = "Package: zlib1g\nArchitecture: amd64\nMulti-Arch: same\nVersion: 1\n\n\
Package: curl\nArchitecture: amd64\nVersion: 7\n";
        let cat = parse(&tree, "r/var/lib/dpkg/status", text);
        let zlib = cat.components.iter().find(|c| c.name == "zlib1g").unwrap();
        assert_eq!(
            zlib.owned_files,
            [
                "r/usr/lib/x86_64-linux-gnu/libz.so.1",
                "r/usr/lib/x86_64-linux-gnu/libz.so.1.2.13"
            ]
        );
        let curl = cat.components.iter().find(|c| c.name == "curl").unwrap();
        assert_eq!(curl.owned_files, ["r/usr/bin/curl"]);
        let cat = parse(
            &tree,
            "var/lib/dpkg/status.d/tzdata",
            "Package: tzdata\nArchitecture: all\nVersion: 1\n",
        );
        assert_eq!(cat.components[0].owned_files, ["usr/share/zoneinfo/UTC"]);
    }

    #[test]
    fn invalid_utf8_is_read_lossily() {
        let tree = MemoryTree::default();
        let bytes = b"Package: a\nVersion: 1\nMaintainer: J\xe9r\xf4me\n";
        let cat = DpkgStatus.parse(&ManifestFile::new("var/lib/dpkg/status", bytes, &tree));
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.problems[0].line, Some(3));
    }
}
