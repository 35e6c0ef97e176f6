//! `poetry.lock`: the packages Poetry resolved, with their group and dependency graph.
//!
//! Lock versions 1.x record each package's `category` (`main` or `dev`); 2.0 records neither
//! category nor group; 2.1 (Poetry 2) records `groups`. When the format does not say, the scope
//! comes from the `pyproject.toml` beside the lockfile: packages reachable from its runtime
//! dependencies are runtime, from extras optional, from dev groups dev. That file also tells
//! which packages are direct dependencies. Poetry records no licenses.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Component, Ecosystem, Origin, Problem, ProblemCode, Scope, purl, python_normalised_name,
};
use toml::{Table, Value};

use super::pyproject::{self, DeclaredDep};
use super::toml_lock::{self, str_field};
use super::{INSTALL_DIRS, graph};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `poetry.lock`: every locked package, its scope and the dependency graph.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonPoetryLock};
/// use clearance_model::Scope;
/// let tree = MemoryTree::default();
/// let lock = b"[[package]]\nname = \"six\"\nversion = \"1.16.0\"\ncategory = \"main\"\n\n[metadata]\nlock-version = \"1.1\"\n";
/// let catalog = PythonPoetryLock.parse(&ManifestFile::new("poetry.lock", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:pypi/six@1.16.0");
/// assert_eq!(catalog.components[0].scope, Some(Scope::Runtime));
/// ```
pub struct PythonPoetryLock;

/// A problem at `line` of `path`.
pub(crate) fn problem_at(
    code: ProblemCode,
    path: &str,
    line: u32,
    message: impl Into<String>,
) -> Problem {
    Problem::new(code, path, message).at_line(line)
}

/// The problem for an empty lockfile, or `None` when the file has content.
pub(crate) fn empty_problem(file: &ManifestFile<'_>) -> Option<Problem> {
    file.contents
        .iter()
        .all(u8::is_ascii_whitespace)
        .then(|| problem_at(ProblemCode::ManifestParse, file.path, 1, "empty lockfile"))
}

/// Direct dependencies (normalised names) with the scope the project gives each.
pub(crate) fn seeds_by_name(deps: &[DeclaredDep]) -> BTreeMap<String, Scope> {
    let mut out: BTreeMap<String, Scope> = BTreeMap::new();
    for d in deps {
        let name = python_normalised_name(&d.name);
        let better = out
            .get(&name)
            .is_none_or(|s| pyproject::scope_rank(d.scope) > pyproject::scope_rank(*s));
        if better {
            out.insert(name, d.scope);
        }
    }
    out
}

impl Cataloger for PythonPoetryLock {
    fn name(&self) -> &'static str {
        "python-poetry-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &["poetry.lock", "**/poetry.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if INSTALL_DIRS.iter().any(|d| util::has_dir(file.path, d)) {
            return Catalog::default();
        }
        if let Some(p) = empty_problem(file) {
            return Catalog::problem(p);
        }
        let mut problems = Vec::new();
        let doc = toml_lock::read(file, &mut problems);
        let text = String::from_utf8_lossy(file.contents);
        check_lock_version(&doc.top, &text, file.path, &mut problems);

        struct Pkg<'t> {
            t: &'t Table,
            name: &'t str,
            version: &'t str,
            line: u32,
        }
        let mut pkgs = Vec::new();
        for (t, line) in &doc.packages {
            match (str_field(t, "name"), str_field(t, "version")) {
                (Some(name), Some(version)) => pkgs.push(Pkg {
                    t,
                    name,
                    version,
                    line: *line,
                }),
                _ => problems.push(problem_at(
                    ProblemCode::ManifestValue,
                    file.path,
                    *line,
                    "[[package]] without `name` and `version`; skipped",
                )),
            }
        }
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in pkgs.iter().enumerate() {
            by_name
                .entry(python_normalised_name(p.name))
                .or_default()
                .push(i);
        }
        // Several versions of one name (split by markers) are all candidates of a dependency.
        let edges: Vec<Vec<usize>> = pkgs
            .iter()
            .map(|p| {
                let mut e: Vec<usize> =
                    p.t.get("dependencies")
                        .and_then(Value::as_table)
                        .map(|deps| {
                            deps.keys()
                                .filter_map(|d| by_name.get(&python_normalised_name(d)))
                                .flatten()
                                .copied()
                                .collect()
                        })
                        .unwrap_or_default();
                e.sort_unstable();
                e.dedup();
                e
            })
            .collect();

        let declared = pyproject::declared_deps_in(file, file.dir());
        let direct = declared.as_deref().map(seeds_by_name);
        let propagated = direct.as_ref().map(|d| {
            let seeds: Vec<(usize, Scope)> = d
                .iter()
                .filter_map(|(n, s)| by_name.get(n).map(|ix| ix.iter().map(move |i| (*i, *s))))
                .flatten()
                .collect();
            graph::propagate(pkgs.len(), &edges, &seeds)
        });

        let mut components = Vec::new();
        for (i, p) in pkgs.iter().enumerate() {
            let mut c = Component::new(
                Ecosystem::Python,
                p.name,
                Some(p.version.to_string()),
                purl(Ecosystem::Python, None, p.name, Some(p.version)),
            );
            c.scope = recorded_scope(p.t).or_else(|| {
                propagated
                    .as_ref()
                    .and_then(|s| s.get(i).copied().flatten())
            });
            c.direct = direct
                .as_ref()
                .map(|d| d.contains_key(&python_normalised_name(p.name)));
            if let Some(src) = p.t.get("source").and_then(Value::as_table)
                && str_field(src, "type") == Some("directory")
            {
                // A path dependency: code that lives in the tree, usually the team's own.
                c.origin = Origin::FirstParty;
                if let Some(root) = str_field(src, "url").and_then(|u| util::join(file.dir(), u)) {
                    c.roots.push(root);
                }
            }
            c.sources.push(source(self.name(), file.path, Some(p.line)));
            // The files of lock 1.x are under `[metadata.files]`, by package name.
            let files = p.t.get("files").or_else(|| {
                doc.top
                    .get("metadata")
                    .and_then(|m| m.get("files"))
                    .and_then(|f| f.get(p.name))
            });
            c.hashes.extend(toml_lock::sdist_checksum(files));
            let deps: BTreeSet<String> = edges[i]
                .iter()
                .filter_map(|j| pkgs.get(*j))
                .map(|d| purl(Ecosystem::Python, None, d.name, Some(d.version)))
                .collect();
            c.dependencies = deps.into_iter().collect();
            components.push(c);
        }
        Catalog {
            components,
            problems,
        }
    }
}

/// The scope a package entry records: `category` (lock 1.x), or `groups` (lock 2.1), with
/// `optional = true` (installed only for an extra) making a main package optional.
fn recorded_scope(t: &Table) -> Option<Scope> {
    let main = match (
        str_field(t, "category"),
        t.get("groups").and_then(Value::as_array),
    ) {
        (Some(c), _) => c == "main",
        (None, Some(groups)) => groups.iter().any(|g| g.as_str() == Some("main")),
        (None, None) => return None,
    };
    let optional = t.get("optional").and_then(Value::as_bool) == Some(true);
    Some(match (main, optional) {
        (true, false) => Scope::Runtime,
        (true, true) => Scope::Optional,
        (false, _) => Scope::Dev,
    })
}

/// Reports a `[metadata] lock-version` this reader does not know (1.x and 2.x are known).
fn check_lock_version(top: &Table, text: &str, path: &str, problems: &mut Vec<Problem>) {
    let Some(v) = top.get("metadata").and_then(|m| m.get("lock-version")) else {
        return;
    };
    let line = util::find_line(text, "lock-version", 0).map_or(1, |(l, _)| l);
    let shown = v.as_str().map_or_else(|| v.to_string(), str::to_string);
    let major = v
        .as_str()
        .and_then(|s| s.split('.').next()?.trim().parse::<u32>().ok());
    if !matches!(major, Some(1 | 2)) {
        problems.push(problem_at(
            ProblemCode::ManifestValue,
            path,
            line,
            format!("unknown `poetry.lock` version `{shown}`; read as 2.1"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    /// Purl, scope, directness and lines of a component.
    type Row<'a> = (&'a str, Option<Scope>, Option<bool>, Option<u32>);

    fn parse(text: &str, tree: &MemoryTree) -> Catalog {
        PythonPoetryLock.parse(&ManifestFile::new("app/poetry.lock", text.as_bytes(), tree))
    }

    const LOCK_20: &str = r#"# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.

[[package]]
name = "Flask"
version = "3.0.3"
description = "A simple framework for building complex web applications."
optional = false
python-versions = ">=3.8"
files = []

[package.dependencies]
Werkzeug = ">=3.0.0"

[[package]]
name = "pytest"
version = "8.3.3"
description = "pytest: simple powerful testing with Python"
optional = false
python-versions = ">=3.8"
files = []

[package.dependencies]
werkzeug = {version = "*", optional = true}

[[package]]
name = "werkzeug"
version = "3.0.4"
description = "The comprehensive WSGI web application library."
optional = false
python-versions = ">=3.8"
files = []

[[package]]
name = "mylib"
version = "0.1.0"
description = ""
optional = false
python-versions = "*"
files = []
develop = true

[package.source]
type = "directory"
url = "../libs/mylib"

[metadata]
lock-version = "2.0"
python-versions = "^3.11"
content-hash = "0"
"#;

    #[test]
    fn lock_20_scopes_come_from_pyproject() {
        let tree = MemoryTree::default().with(
            "app/pyproject.toml",
            "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\npython = \"^3.11\"\nflask = \"^3.0\"\nmylib = {path = \"../libs/mylib\", develop = true}\n[tool.poetry.group.test.dependencies]\npytest = \"^8\"\n",
        );
        let cat = parse(LOCK_20, &tree);
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
                    "pkg:pypi/flask@3.0.3",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(3)
                ),
                (
                    "pkg:pypi/pytest@8.3.3",
                    Some(Scope::Dev),
                    Some(true),
                    Some(14)
                ),
                (
                    "pkg:pypi/werkzeug@3.0.4",
                    Some(Scope::Runtime),
                    Some(false),
                    Some(25)
                ),
                (
                    "pkg:pypi/mylib@0.1.0",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(33)
                ),
            ]
        );
        assert_eq!(cat.components[0].dependencies, ["pkg:pypi/werkzeug@3.0.4"]);
        assert_eq!(cat.components[3].origin, Origin::FirstParty);
        assert_eq!(cat.components[3].roots, ["libs/mylib"]);

        // Without a pyproject.toml nothing tells scope or directness.
        let cat = parse(LOCK_20, &MemoryTree::default());
        assert!(
            cat.components
                .iter()
                .all(|c| c.scope.is_none() && c.direct.is_none())
        );
    }

    #[test]
    fn recorded_scopes_win() {
        let lock = "[[package]]\nname = \"a\"\nversion = \"1\"\ncategory = \"dev\"\n[[package]]\nname = \"b\"\nversion = \"2\"\ngroups = [\"docs\", \"main\"]\noptional = true\n[[package]]\nname = \"c\"\nversion = \"3\"\ngroups = [\"dev\"]\n";
        let cat = parse(lock, &MemoryTree::default());
        let scopes: Vec<Option<Scope>> = cat.components.iter().map(|c| c.scope).collect();
        assert_eq!(
            scopes,
            [Some(Scope::Dev), Some(Scope::Optional), Some(Scope::Dev)]
        );
    }

    #[test]
    fn unknown_version_and_bad_entries() {
        let lock = "[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"\nversion = \"1.0\"\n\n[metadata]\nlock-version = \"3.0\"\n";
        let cat = parse(lock, &MemoryTree::default());
        assert_eq!(cat.components.len(), 1);
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestValue, Some(9)),
                (ProblemCode::ManifestValue, Some(1))
            ]
        );
        assert!(
            cat.problems[0].message.contains("`3.0`"),
            "{}",
            cat.problems[0].message
        );
    }

    #[test]
    fn empty_and_installed() {
        let cat = parse(" \n", &MemoryTree::default());
        assert_eq!(cat.problems[0].line, Some(1));
        let cat = PythonPoetryLock.parse(&ManifestFile::new(
            "venv/lib/python3.11/site-packages/x/poetry.lock",
            b"[[package]]\nname = \"a\"\nversion = \"1\"\n",
            &MemoryTree::default(),
        ));
        assert_eq!(cat, Catalog::default());
    }

    #[test]
    fn the_one_sdist_hash_of_lock_1_and_2() {
        let v2 = r#"[[package]]
name = "six"
version = "1.16.0"
files = [
    {file = "six-1.16.0-py2.py3-none-any.whl", hash = "sha256:a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571"},
    {file = "six-1.16.0.tar.gz", hash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
]

[[package]]
name = "two-sdists"
version = "1.0"
files = [
    {file = "two_sdists-1.0.tar.gz", hash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {file = "two_sdists-1.0.zip", hash = "sha256:a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571"},
]

[[package]]
name = "wheels"
version = "1.0"
files = [{file = "wheels-1.0-py3-none-any.whl", hash = "sha256:a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571"}]

[metadata]
lock-version = "2.0"
"#;
        let cat = parse(v2, &MemoryTree::default());
        let hashes: Vec<Vec<&str>> = cat
            .components
            .iter()
            .map(|c| c.hashes.iter().map(|h| h.value.as_str()).collect())
            .collect();
        assert_eq!(
            hashes,
            [
                vec!["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
                vec![],
                vec![]
            ]
        );

        let v1 = r#"[[package]]
name = "six"
version = "1.16.0"
category = "main"

[metadata]
lock-version = "1.1"

[metadata.files]
six = [
    {file = "six-1.16.0.tar.gz", hash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
]
"#;
        let cat = parse(v1, &MemoryTree::default());
        assert_eq!(cat.components[0].hashes.len(), 1);
    }
}
