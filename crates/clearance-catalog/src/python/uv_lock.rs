//! `uv.lock`: the packages uv resolved for a project or workspace.
//!
//! The project and workspace members (`source = { editable = … }` or `{ virtual = … }`) are
//! first-party and list their own `dependencies`, `optional-dependencies` (extras) and
//! `dev-dependencies` (dependency groups): those are the direct dependencies, and every other
//! package takes the scope of the first of them it is reachable from (runtime, then optional,
//! then dev). uv records no licenses. The checksum of a package's source archive (`sdist.hash`) is
//! kept; those of its wheels are not (one per platform: none of them is *the* package's archive).

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Component, Ecosystem, Origin, Problem, ProblemCode, Scope, purl, python_normalised_name,
};
use toml::{Table, Value};

use super::poetry_lock::{empty_problem, problem_at};
use super::toml_lock::{self, str_field};
use super::{INSTALL_DIRS, graph};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `uv.lock`: every locked package, the project itself (first-party), scopes, directness and the
/// dependency graph.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonUvLock};
/// use clearance_model::{Origin, Scope};
/// let tree = MemoryTree::default();
/// let lock = b"version = 1\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\ndependencies = [{ name = \"six\" }]\n\n[[package]]\nname = \"six\"\nversion = \"1.16.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n";
/// let catalog = PythonUvLock.parse(&ManifestFile::new("uv.lock", lock, &tree));
/// assert_eq!(catalog.components[0].origin, Origin::FirstParty);
/// assert_eq!(catalog.components[1].purl, "pkg:pypi/six@1.16.0");
/// assert_eq!(catalog.components[1].scope, Some(Scope::Runtime));
/// ```
pub struct PythonUvLock;

/// One `[[package]]`.
struct Pkg<'t> {
    t: &'t Table,
    name: &'t str,
    version: Option<&'t str>,
    line: u32,
    first_party: bool,
}

/// The kinds of dependency lists of a package, with the scope each gives a direct dependency.
const LISTS: [(&str, Scope); 3] = [
    ("dependencies", Scope::Runtime),
    ("optional-dependencies", Scope::Optional),
    ("dev-dependencies", Scope::Dev),
];

/// The dependency tables of one kind: `dependencies` is an array, the other two are tables of
/// arrays (by extra or group name).
fn dep_entries<'t>(t: &'t Table, kind: &str) -> Vec<&'t Table> {
    match t.get(kind) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_table).collect(),
        Some(Value::Table(groups)) => groups
            .values()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(Value::as_table)
            .collect(),
        _ => Vec::new(),
    }
}

impl Cataloger for PythonUvLock {
    fn name(&self) -> &'static str {
        "python-uv-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &["uv.lock", "**/uv.lock"]
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
        check_version(&doc.top, &text, file.path, &mut problems);

        let mut pkgs = Vec::new();
        for (t, line) in &doc.packages {
            let Some(name) = str_field(t, "name") else {
                problems.push(problem_at(
                    ProblemCode::ManifestValue,
                    file.path,
                    *line,
                    "[[package]] without `name`; skipped",
                ));
                continue;
            };
            let src = t.get("source").and_then(Value::as_table);
            let first_party = src.is_some_and(|s| {
                s.contains_key("editable")
                    || s.contains_key("virtual")
                    || s.contains_key("directory")
            });
            let version = str_field(t, "version");
            if version.is_none() && !first_party {
                // Only the project and workspace members may have a dynamic version.
                problems.push(problem_at(
                    ProblemCode::ManifestValue,
                    file.path,
                    *line,
                    format!("package `{name}` has no `version`"),
                ));
            }
            pkgs.push(Pkg {
                t,
                name,
                version,
                line: *line,
                first_party,
            });
        }
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in pkgs.iter().enumerate() {
            by_name
                .entry(python_normalised_name(p.name))
                .or_default()
                .push(i);
        }
        // The packages a dependency entry names: when a name has several versions (a fork by
        // markers), the entry says which by `version` and `source`.
        let resolve = |d: &Table| -> Vec<usize> {
            let Some(cands) =
                str_field(d, "name").and_then(|n| by_name.get(&python_normalised_name(n)))
            else {
                return Vec::new();
            };
            cands
                .iter()
                .copied()
                .filter(|&i| {
                    let p = &pkgs[i];
                    str_field(d, "version").is_none_or(|v| p.version == Some(v))
                        && d.get("source").is_none_or(|s| p.t.get("source") == Some(s))
                })
                .collect()
        };

        let mut edges: Vec<Vec<usize>> = Vec::with_capacity(pkgs.len());
        // What a package pulls in when it is installed: all its lists for a third-party package
        // (its optional dependencies are the extras somebody asked for), only `dependencies` for
        // a first-party one, whose extras and groups are seeds of their own scope.
        let mut walk: Vec<Vec<usize>> = Vec::with_capacity(pkgs.len());
        let mut seeds: Vec<(usize, Scope)> = Vec::new();
        let mut unresolved = Vec::new();
        for p in &pkgs {
            let mut e = Vec::new();
            let mut w = Vec::new();
            for (kind, scope) in LISTS {
                for d in dep_entries(p.t, kind) {
                    let targets = resolve(d);
                    if targets.is_empty() {
                        unresolved.push((
                            p.line,
                            str_field(d, "name").unwrap_or("?").to_string(),
                            p.name,
                        ));
                    }
                    if p.first_party {
                        seeds.extend(targets.iter().map(|&i| (i, scope)));
                    }
                    if !p.first_party || scope == Scope::Runtime {
                        w.extend(targets.iter().copied());
                    }
                    e.extend(targets);
                }
            }
            e.sort_unstable();
            e.dedup();
            edges.push(e);
            walk.push(w);
        }
        for (line, dep, of) in unresolved {
            problems.push(problem_at(
                ProblemCode::ManifestValue,
                file.path,
                line,
                format!("dependency `{dep}` of `{of}` is not a locked package"),
            ));
        }
        let has_project = pkgs.iter().any(|p| p.first_party);
        let scopes = graph::propagate(pkgs.len(), &walk, &seeds);
        let direct: BTreeSet<usize> = seeds.iter().map(|(i, _)| *i).collect();

        let mut components = Vec::new();
        for (i, p) in pkgs.iter().enumerate() {
            let mut c = Component::new(
                Ecosystem::Python,
                p.name,
                p.version.map(str::to_string),
                purl(Ecosystem::Python, None, p.name, p.version),
            );
            let src = p.t.get("source").and_then(Value::as_table);
            if p.first_party {
                c.origin = Origin::FirstParty;
                let dir = src.and_then(|s| {
                    ["editable", "virtual", "directory"]
                        .iter()
                        .find_map(|k| str_field(s, k))
                });
                if let Some(root) = dir.and_then(|d| util::join(file.dir(), d)) {
                    c.roots.push(root);
                }
            } else if has_project {
                c.scope = scopes.get(i).copied().flatten();
                c.direct = Some(direct.contains(&i));
            }
            c.sources.push(source(self.name(), file.path, Some(p.line)));
            // The checksum of the source archive (`sdist.hash`, `sha256:…`). A package has one
            // sdist but a wheel per platform, so the wheels' hashes name no one archive of it.
            c.hashes.extend(
                p.t.get("sdist")
                    .and_then(Value::as_table)
                    .and_then(|s| str_field(s, "hash"))
                    .and_then(util::prefixed_hex_checksum),
            );
            let deps: BTreeSet<String> = edges
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|j| pkgs.get(*j))
                .map(|d| purl(Ecosystem::Python, None, d.name, d.version))
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

/// Reports a missing or unknown top-level `version` (1 is the only one uv has written).
fn check_version(top: &Table, text: &str, path: &str, problems: &mut Vec<Problem>) {
    let line = util::find_line(text, "version", 0).map_or(1, |(l, _)| l);
    match top.get("version") {
        Some(Value::Integer(1)) => {}
        Some(v) => problems.push(problem_at(
            ProblemCode::ManifestValue,
            path,
            line,
            format!("unknown `uv.lock` version `{v}`; read as version 1"),
        )),
        None => problems.push(problem_at(
            ProblemCode::ManifestValue,
            path,
            1,
            "no top-level `version`; read as version 1",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    /// Purl, scope, directness and lines of a component.
    type Row<'a> = (&'a str, Origin, Option<Scope>, Option<bool>, u32);

    fn parse(text: &str) -> Catalog {
        PythonUvLock.parse(&ManifestFile::new(
            "svc/uv.lock",
            text.as_bytes(),
            &MemoryTree::default(),
        ))
    }

    const WORKSPACE: &str = r#"version = 1
revision = 2
requires-python = ">=3.12"

[manifest]
members = ["api", "core"]

[[package]]
name = "api"
version = "0.2.0"
source = { editable = "api" }
dependencies = [{ name = "core" }]

[package.dev-dependencies]
test = [{ name = "pytest" }]

[[package]]
name = "core"
source = { virtual = "core" }
dependencies = [{ name = "attrs" }]

[package.optional-dependencies]
fast = [{ name = "orjson" }]

[[package]]
name = "attrs"
version = "24.2.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "orjson"
version = "3.10.7"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.3.3"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "attrs" }, { name = "pluggy" }]
"#;

    #[test]
    fn workspace_members_are_first_party() {
        let cat = parse(WORKSPACE);
        let got: Vec<Row<'_>> = cat
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.origin,
                    c.scope,
                    c.direct,
                    c.sources[0].line.unwrap_or(0),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:pypi/api@0.2.0", Origin::FirstParty, None, None, 8),
                ("pkg:pypi/core", Origin::FirstParty, None, None, 17),
                (
                    "pkg:pypi/attrs@24.2.0",
                    Origin::ThirdParty,
                    Some(Scope::Runtime),
                    Some(true),
                    25
                ),
                (
                    "pkg:pypi/orjson@3.10.7",
                    Origin::ThirdParty,
                    Some(Scope::Optional),
                    Some(true),
                    30
                ),
                (
                    "pkg:pypi/pytest@8.3.3",
                    Origin::ThirdParty,
                    Some(Scope::Dev),
                    Some(true),
                    35
                ),
            ]
        );
        assert_eq!(cat.components[0].roots, ["svc/api"]);
        assert_eq!(
            cat.components[0].dependencies,
            ["pkg:pypi/core", "pkg:pypi/pytest@8.3.3"]
        );
        // `pluggy` is missing from the lock.
        assert_eq!(cat.problems.len(), 1, "{:?}", cat.problems);
        assert_eq!(cat.problems[0].line, Some(35));
        assert!(cat.problems[0].message.contains("`pluggy`"));
    }

    #[test]
    fn forks_resolve_by_version() {
        let lock = "version = 1\n[[package]]\nname = \"app\"\nsource = { virtual = \".\" }\ndependencies = [{ name = \"click\", version = \"8.1.8\", source = { registry = \"r\" }, marker = \"python_full_version < '3.10'\" }]\n[[package]]\nname = \"click\"\nversion = \"8.1.8\"\nsource = { registry = \"r\" }\n[[package]]\nname = \"click\"\nversion = \"8.5.1\"\nsource = { registry = \"r\" }\n";
        let cat = parse(lock);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(cat.components[0].dependencies, ["pkg:pypi/click@8.1.8"]);
        assert_eq!(cat.components[2].direct, Some(false));
        assert_eq!(cat.components[2].scope, None);
    }

    #[test]
    fn version_problems() {
        let cat = parse(
            "version = 2\n[[package]]\nname = \"a\"\nsource = { registry = \"r\" }\n[[package]]\nversion = \"1\"\n",
        );
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(1), "unknown `uv.lock` version `2`; read as version 1"),
                (Some(2), "package `a` has no `version`"),
                (Some(5), "[[package]] without `name`; skipped"),
            ]
        );
        assert_eq!(cat.components.len(), 1);
        assert!(
            parse("[[package]]\nname = \"a\"\nversion = \"1\"\n").problems[0]
                .message
                .starts_with("no top-level")
        );
    }

    #[test]
    fn sdist_hash_only() {
        let lock = r#"version = 1

[[package]]
name = "six"
version = "1.16.0"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://x/six-1.16.0.tar.gz", hash = "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", size = 3 }
wheels = [{ url = "https://x/six-1.16.0-py2.py3-none-any.whl", hash = "sha256:a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571" }]

[[package]]
name = "bad"
version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://x/bad-1.0.0.tar.gz", hash = "sha256:ba7816" }

[[package]]
name = "wheels-only"
version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
wheels = [{ url = "https://x/w-1.0.0-py3-none-any.whl", hash = "sha256:a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571" }]
"#;
        let cat = parse(lock);
        let six = &cat.components[0];
        assert_eq!(six.hashes.len(), 1);
        assert_eq!(six.hashes[0].algorithm.as_str(), "SHA-256");
        assert_eq!(
            six.hashes[0].value,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(cat.components[1].hashes.is_empty());
        assert!(cat.components[2].hashes.is_empty());
    }
}
