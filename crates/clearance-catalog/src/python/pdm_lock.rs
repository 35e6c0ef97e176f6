//! `pdm.lock`: the packages PDM resolved (lock format 4.x).
//!
//! Each `[[package]]` records its `groups` (with the default `inherit_metadata` strategy):
//! `default` is the project's runtime dependencies; any other group is an extra (optional) or a
//! development group (dev), which only the `pyproject.toml` beside the lockfile tells apart, so
//! without it such a package gets no scope. `dependencies` are PEP 508 strings, giving the graph;
//! the same package locked with extras is a second entry with `extras`, read as the same
//! component. PDM records no licenses.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Component, Ecosystem, Origin, Problem, ProblemCode, Scope, purl, python_normalised_name,
};
use toml::{Table, Value};

use super::pep508::Requirement;
use super::poetry_lock::{empty_problem, problem_at, seeds_by_name};
use super::pyproject::{self, scope_rank};
use super::toml_lock::{self, str_field};
use super::{INSTALL_DIRS, graph};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `pdm.lock`: every locked package, its scope and the dependency graph.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonPdmLock};
/// use clearance_model::Scope;
/// let tree = MemoryTree::default();
/// let lock = b"[metadata]\nlock_version = \"4.5.0\"\n\n[[package]]\nname = \"six\"\nversion = \"1.16.0\"\ngroups = [\"default\"]\n";
/// let catalog = PythonPdmLock.parse(&ManifestFile::new("pdm.lock", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:pypi/six@1.16.0");
/// assert_eq!(catalog.components[0].scope, Some(Scope::Runtime));
/// ```
pub struct PythonPdmLock;

impl Cataloger for PythonPdmLock {
    fn name(&self) -> &'static str {
        "python-pdm-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &["pdm.lock", "**/pdm.lock"]
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

        // One node per purl: the entries of a package with extras join the plain one.
        let mut nodes: Vec<(Component, Vec<String>, Vec<String>)> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for (t, line) in &doc.packages {
            let (Some(name), Some(version)) = (str_field(t, "name"), str_field(t, "version"))
            else {
                problems.push(problem_at(
                    ProblemCode::ManifestValue,
                    file.path,
                    *line,
                    "[[package]] without `name` and `version`; skipped",
                ));
                continue;
            };
            let p = purl(Ecosystem::Python, None, name, Some(version));
            let i = *index.entry(p.clone()).or_insert_with(|| {
                let mut c = Component::new(Ecosystem::Python, name, Some(version.to_string()), p);
                c.sources.push(source(self.name(), file.path, Some(*line)));
                nodes.push((c, Vec::new(), Vec::new()));
                nodes.len() - 1
            });
            let Some((c, groups, deps)) = nodes.get_mut(i) else {
                continue;
            };
            if let Some(path) = str_field(t, "path") {
                // A path dependency: code that lives in the tree, usually the team's own.
                c.origin = Origin::FirstParty;
                if let Some(root) = util::join(file.dir(), path).filter(|r| !c.roots.contains(r)) {
                    c.roots.push(root);
                }
            }
            c.hashes.extend(toml_lock::sdist_checksum(t.get("files")));
            groups.extend(strings(t, "groups").map(str::to_string));
            for d in strings(t, "dependencies") {
                match Requirement::parse(d) {
                    Ok(r) => deps.push(python_normalised_name(r.name)),
                    Err(e) => problems.push(problem_at(
                        ProblemCode::ManifestValue,
                        file.path,
                        *line,
                        format!("dependency `{d}` of `{name}` cannot be read: {e}"),
                    )),
                }
            }
        }

        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, (c, _, _)) in nodes.iter().enumerate() {
            by_name
                .entry(python_normalised_name(&c.name))
                .or_default()
                .push(i);
        }
        let edges: Vec<Vec<usize>> = nodes
            .iter()
            .map(|(_, _, deps)| {
                let set: BTreeSet<usize> = deps
                    .iter()
                    .filter_map(|n| by_name.get(n))
                    .flatten()
                    .copied()
                    .collect();
                set.into_iter().collect()
            })
            .collect();

        let declared = pyproject::declared_deps_in(file, file.dir());
        let direct = declared.as_deref().map(seeds_by_name);
        let extras = extras_in(file);
        let propagated = direct.as_ref().map(|d| {
            let seeds: Vec<(usize, Scope)> = d
                .iter()
                .filter_map(|(n, s)| by_name.get(n).map(|ix| ix.iter().map(move |i| (*i, *s))))
                .flatten()
                .collect();
            graph::propagate(nodes.len(), &edges, &seeds)
        });
        let purls: Vec<String> = nodes.iter().map(|(c, _, _)| c.purl.clone()).collect();
        let mut components = Vec::new();
        for (i, (mut c, groups, _)) in nodes.into_iter().enumerate() {
            let recorded = groups
                .iter()
                .filter_map(|g| group_scope(g, extras.as_ref()))
                .max_by_key(|s| scope_rank(*s));
            c.scope = if groups.is_empty() {
                propagated
                    .as_ref()
                    .and_then(|s| s.get(i).copied().flatten())
            } else {
                recorded
            };
            if c.origin == Origin::ThirdParty {
                c.direct = direct
                    .as_ref()
                    .map(|d| d.contains_key(&python_normalised_name(&c.name)));
            }
            c.dependencies = edges
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|j| purls.get(*j).cloned())
                .collect();
            c.dependencies.sort();
            components.push(c);
        }
        Catalog {
            components,
            problems,
        }
    }
}

/// The strings of an array field.
fn strings<'t>(t: &'t Table, key: &str) -> impl Iterator<Item = &'t str> {
    t.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// The scope of a PDM group: `default` is runtime; an extra of the project is optional, another
/// group dev; unknown (`None`) when there is no `pyproject.toml` to tell extras from groups.
fn group_scope(group: &str, extras: Option<&BTreeSet<String>>) -> Option<Scope> {
    if group == "default" {
        return Some(Scope::Runtime);
    }
    let extras = extras?;
    Some(if extras.contains(group) {
        Scope::Optional
    } else {
        Scope::Dev
    })
}

/// The names of the extras (`[project.optional-dependencies]`) of the `pyproject.toml` beside the
/// lockfile.
fn extras_in(file: &ManifestFile<'_>) -> Option<BTreeSet<String>> {
    let path = util::join(file.dir(), "pyproject.toml")?;
    let bytes = file.tree.read(&path).ok()?;
    let doc = String::from_utf8_lossy(&bytes).parse::<Table>().ok()?;
    Some(
        doc.get("project")
            .and_then(|p| p.get("optional-dependencies"))
            .and_then(Value::as_table)
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default(),
    )
}

/// Reports a `[metadata] lock_version` whose major version is not 4, or none.
fn check_lock_version(top: &Table, text: &str, path: &str, problems: &mut Vec<Problem>) {
    let line = util::find_line(text, "lock_version", 0).map_or(1, |(l, _)| l);
    match top.get("metadata").and_then(|m| m.get("lock_version")) {
        Some(Value::String(v)) if v.split('.').next() == Some("4") => {}
        Some(v) => {
            let shown = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            problems.push(problem_at(
                ProblemCode::ManifestValue,
                path,
                line,
                format!("unknown `pdm.lock` version `{shown}`; read as 4.5"),
            ));
        }
        None => problems.push(problem_at(
            ProblemCode::ManifestValue,
            path,
            1,
            "no `[metadata] lock_version`; read as 4.5",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    /// Purl, scope, directness and line of a component.
    type Row<'a> = (&'a str, Option<Scope>, Option<bool>, Option<u32>);

    fn parse(text: &str, tree: &MemoryTree) -> Catalog {
        PythonPdmLock.parse(&ManifestFile::new("pdm.lock", text.as_bytes(), tree))
    }

    const LOCK: &str = r#"# This file is @generated by PDM.
# It is not intended for manual editing.

[metadata]
groups = ["default", "socks", "test"]
strategy = ["inherit_metadata"]
lock_version = "4.5.0"

[[package]]
name = "requests"
version = "2.32.3"
groups = ["default"]
dependencies = ["idna<4,>=2.5", "urllib3<3,>=1.21.1"]

[[package]]
name = "requests"
version = "2.32.3"
extras = ["socks"]
groups = ["socks"]
dependencies = ["PySocks!=1.5.7,>=1.5.6", "requests==2.32.3"]

[[package]]
name = "idna"
version = "3.10"
groups = ["default"]

[[package]]
name = "urllib3"
version = "2.2.3"
groups = ["default", "test"]

[[package]]
name = "pysocks"
version = "1.7.1"
groups = ["socks"]

[[package]]
name = "pytest"
version = "8.3.3"
groups = ["test"]
dependencies = ["not valid!"]

[[package]]
name = "mylib"
version = "0.1.0"
path = "./libs/mylib"
groups = ["default"]
"#;

    #[test]
    fn groups_extras_and_graph() {
        let tree = MemoryTree::default().with(
            "pyproject.toml",
            "[project]\nname = \"app\"\ndependencies = [\"requests\", \"mylib\"]\n[project.optional-dependencies]\nsocks = [\"requests[socks]\"]\n[dependency-groups]\ntest = [\"pytest\"]\n",
        );
        let cat = parse(LOCK, &tree);
        let got: Vec<Row<'_>> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.scope, c.direct, c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:pypi/requests@2.32.3",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(9)
                ),
                (
                    "pkg:pypi/idna@3.10",
                    Some(Scope::Runtime),
                    Some(false),
                    Some(22)
                ),
                (
                    "pkg:pypi/urllib3@2.2.3",
                    Some(Scope::Runtime),
                    Some(false),
                    Some(27)
                ),
                (
                    "pkg:pypi/pysocks@1.7.1",
                    Some(Scope::Optional),
                    Some(false),
                    Some(32)
                ),
                (
                    "pkg:pypi/pytest@8.3.3",
                    Some(Scope::Dev),
                    Some(true),
                    Some(37)
                ),
                ("pkg:pypi/mylib@0.1.0", Some(Scope::Runtime), None, Some(43)),
            ]
        );
        assert_eq!(
            cat.components[0].dependencies,
            [
                "pkg:pypi/idna@3.10",
                "pkg:pypi/pysocks@1.7.1",
                "pkg:pypi/requests@2.32.3",
                "pkg:pypi/urllib3@2.2.3"
            ]
        );
        assert_eq!(cat.components[5].origin, Origin::FirstParty);
        assert_eq!(cat.components[5].roots, ["libs/mylib"]);
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].line, Some(37));

        // Without pyproject.toml a group other than `default` says nothing.
        let cat = parse(LOCK, &MemoryTree::default());
        assert_eq!(cat.components[3].scope, None);
        assert_eq!(cat.components[1].scope, Some(Scope::Runtime));
        assert!(cat.components.iter().all(|c| c.direct.is_none()));
    }

    #[test]
    fn versions() {
        let cat = parse(
            "[metadata]\nlock_version = \"5.0\"\n[[package]]\nname = \"a\"\n",
            &MemoryTree::default(),
        );
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(2), "unknown `pdm.lock` version `5.0`; read as 4.5"),
                (Some(3), "[[package]] without `name` and `version`; skipped"),
            ]
        );
        let cat = parse(
            "[[package]]\nname = \"a\"\nversion = \"1\"\n",
            &MemoryTree::default(),
        );
        assert_eq!(cat.components.len(), 1);
        assert_eq!(
            cat.problems[0].message,
            "no `[metadata] lock_version`; read as 4.5"
        );
    }

    #[test]
    fn sdist_hash() {
        let lock = r#"[metadata]
lock_version = "4.5.0"

[[package]]
name = "six"
version = "1.16.0"
groups = ["default"]
files = [
    {file = "six-1.16.0-py2.py3-none-any.whl", hash = "sha256:a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571"},
    {file = "six-1.16.0.tar.gz", hash = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
]
"#;
        let cat = parse(lock, &MemoryTree::default());
        assert_eq!(cat.components[0].hashes.len(), 1);
        assert_eq!(
            cat.components[0].hashes[0].value,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
