//! `glide.lock`: the lockfile of Glide, a dependency tool from before Go modules.

use clearance_model::{Component, Ecosystem, Problem, ProblemCode, Scope};

use super::{go_purl, lines_of, outside_the_build, vendored_root};
use crate::util::source;
use crate::{Catalog, Cataloger, ManifestFile};

/// `glide.lock` (Glide): one component per entry of `imports` (runtime) and `testImports`
/// (needed by the product's tests only: dev), at the commit Glide resolved (`version`). An entry
/// is direct when the `glide.yaml` beside the lockfile names it (`- package: …`); without that
/// file the lockfile does not say. Glide installs into `vendor/<name>`: when one of the usual
/// license files is there, the directory is the entry's root.
///
/// Glide writes the lockfile in one fixed YAML layout; that layout is read line by line.
pub struct GoGlideLock;

/// The section of the lockfile a line is in.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    Imports,
    TestImports,
    Other,
}

/// One `- name: …` entry.
struct Entry {
    name: String,
    version: Option<String>,
    scope: Scope,
    line: u32,
}

/// The packages that `glide.yaml` beside the lockfile names (`- package: …`), when it is there.
fn declared_packages(file: &ManifestFile<'_>) -> Option<Vec<String>> {
    let dir = file.dir();
    let path = if dir.is_empty() {
        "glide.yaml".to_string()
    } else {
        format!("{dir}/glide.yaml")
    };
    let bytes = file.tree.read(&path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(
        text.lines()
            .filter_map(|l| l.trim().strip_prefix("- package:"))
            .map(|p| p.trim().trim_matches(['"', '\'']).to_string())
            .collect(),
    )
}

/// The value of a `key: value` line, without quotes.
fn value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.trim().strip_prefix(key)?.strip_prefix(':')?;
    Some(rest.trim().trim_matches(['"', '\'']))
}

impl Cataloger for GoGlideLock {
    fn name(&self) -> &'static str {
        "go-glide-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Go
    }

    fn globs(&self) -> &'static [&'static str] {
        &["glide.lock", "**/glide.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if outside_the_build(file.path) {
            return Catalog::default();
        }
        let mut problems = Vec::new();
        let lines = lines_of(file.path, file.contents, &mut problems);
        let mut entries: Vec<Entry> = Vec::new();
        let mut section = Section::Other;
        for &(line, raw) in &lines {
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let problem = |code, msg: String| Problem::new(code, file.path, msg).at_line(line);
            if !raw.starts_with([' ', '\t', '-']) {
                let Some((key, _)) = raw.split_once(':') else {
                    problems.push(problem(
                        ProblemCode::ManifestParse,
                        format!("expected `key: value`, found `{trimmed}`; line skipped"),
                    ));
                    // A stray line (a merge-conflict marker) does not end the list it is in.
                    continue;
                };
                section = match key.trim() {
                    "imports" => Section::Imports,
                    "testImports" => Section::TestImports,
                    _ => Section::Other,
                };
                continue;
            }
            let scope = match section {
                Section::Imports => Scope::Runtime,
                Section::TestImports => Scope::Dev,
                Section::Other => continue,
            };
            if let Some(item) = raw.strip_prefix("- ") {
                match value(item, "name") {
                    Some(name) if !name.is_empty() => entries.push(Entry {
                        name: name.to_string(),
                        version: None,
                        scope,
                        line,
                    }),
                    _ => problems.push(problem(
                        ProblemCode::ManifestValue,
                        format!("entry without `name`: `{trimmed}`; skipped"),
                    )),
                }
            } else if let Some(v) = value(raw, "version")
                && raw.starts_with("  ")
                && let Some(e) = entries.last_mut()
                && e.line < line
            {
                e.version = Some(v.to_string()).filter(|v| !v.is_empty());
            }
        }
        let declared = declared_packages(file);
        let mut components = Vec::new();
        for e in entries {
            if e.version.is_none() {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("`{}` has no `version`", e.name),
                    )
                    .at_line(e.line),
                );
            }
            let mut c = Component::new(
                Ecosystem::Go,
                &e.name,
                e.version.clone(),
                go_purl(&e.name, e.version.as_deref()),
            );
            c.scope = Some(e.scope);
            c.direct = declared.as_ref().map(|d| d.contains(&e.name));
            c.roots.extend(vendored_root(file, &e.name));
            c.sources.push(source(self.name(), file.path, Some(e.line)));
            components.push(c);
        }
        problems.sort_by_key(|p| p.line);
        Catalog {
            components,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(path: &str, text: &str, tree: &MemoryTree) -> Catalog {
        GoGlideLock.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    const LOCK: &str = "hash: 8ab2a4b8e2e0c2d8a4c1e7e3f8b6d2c9a1e5f7b3d9c4a6e8f0b2d4c6a8e0f2b4
updated: 2017-10-26T09:58:26.473279-07:00
imports:
- name: github.com/pkg/errors
  version: 645ef00459ed84a119197bfb8d8205042c6df63d
- name: golang.org/x/sys
  version: 8dbc5d05d6edcc104950cc299a1ce6641235bc86
  repo: https://go.googlesource.com/sys
  vcs: git
  subpackages:
  - unix
testImports:
- name: github.com/stretchr/testify
  version: 69483b4bd14f5845b5a1e55bca19e954e827f1d0
  subpackages:
  - assert
";

    /// `(purl, scope, direct, line)` of a component.
    type Row<'a> = (&'a str, Option<Scope>, Option<bool>, Option<u32>);

    #[test]
    fn imports_and_test_imports() {
        let tree = MemoryTree::default()
            .with(
                "glide.yaml",
                "package: github.com/acme-labs/agent\nimport:\n- package: github.com/pkg/errors\n  version: ^0.8.0\ntestImport:\n- package: github.com/stretchr/testify\n",
            )
            .with("vendor/github.com/pkg/errors/LICENSE", "text");
        let cat = parse("glide.lock", LOCK, &tree);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<Row<'_>> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.scope, c.direct, c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:golang/github.com/pkg/errors@645ef00459ed84a119197bfb8d8205042c6df63d",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(4)
                ),
                (
                    "pkg:golang/golang.org/x/sys@8dbc5d05d6edcc104950cc299a1ce6641235bc86",
                    Some(Scope::Runtime),
                    Some(false),
                    Some(6)
                ),
                (
                    "pkg:golang/github.com/stretchr/testify@69483b4bd14f5845b5a1e55bca19e954e827f1d0",
                    Some(Scope::Dev),
                    Some(true),
                    Some(13)
                ),
            ]
        );
        assert_eq!(cat.components[0].roots, ["vendor/github.com/pkg/errors"]);
        assert!(cat.components[1].roots.is_empty());
    }

    #[test]
    fn without_glide_yaml_directness_is_unknown() {
        let cat = parse("glide.lock", LOCK, &MemoryTree::default());
        assert!(cat.components.iter().all(|c| c.direct.is_none()));
    }

    #[test]
    fn bad_lines() {
        let text = "hash: x\nimports: []\ntestImports:\n- name:\n- name: a.example/x\n  subpackages:\n  - y\nnot yaml at all\n- name: b.example/y\n";
        let cat = parse("glide.lock", text, &MemoryTree::default());
        let got: Vec<(Option<u32>, ProblemCode)> =
            cat.problems.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            got,
            [
                (Some(4), ProblemCode::ManifestValue),
                (Some(5), ProblemCode::ManifestValue),
                (Some(8), ProblemCode::ManifestParse),
                (Some(9), ProblemCode::ManifestValue),
            ]
        );
        // A stray line does not end the list: `b.example/y` is still a test import.
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(purls, ["pkg:golang/a.example/x", "pkg:golang/b.example/y"]);
        assert_eq!(cat.components[1].scope, Some(Scope::Dev));
        assert_eq!(
            parse("glide.lock", "", &MemoryTree::default()),
            Catalog::default()
        );
    }
}
