//! `pylock.toml` and `pylock.<name>.toml` (PEP 751): the standard lockfile that `pip lock` and
//! `uv export --format pylock.toml` write.
//!
//! Each `[[packages]]` entry names a package with its version (absent for a directory or VCS
//! source) and where to get it. A local `directory` is the project or a path dependency in the
//! tree, first-party like a `uv.lock` editable. The format records no licenses, no scope and,
//! usually, no graph (`dependencies` is optional): the `pyproject.toml` beside the lockfile, when
//! present, tells which packages are direct and the scope of those.
//!
//! See <https://packaging.python.org/en/latest/specifications/pylock-toml/>.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Component, Ecosystem, Origin, Problem, ProblemCode, purl, python_normalised_name,
};
use toml::{Table, Value};

use super::poetry_lock::{empty_problem, problem_at, seeds_by_name};
use super::toml_lock::{self, str_field};
use super::{INSTALL_DIRS, pyproject};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `pylock.toml`: every locked package.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonPylock};
/// let tree = MemoryTree::default();
/// let lock = b"lock-version = \"1.0\"\ncreated-by = \"pip\"\n\n[[packages]]\nname = \"six\"\nversion = \"1.16.0\"\n";
/// let catalog = PythonPylock.parse(&ManifestFile::new("pylock.toml", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:pypi/six@1.16.0");
/// ```
pub struct PythonPylock;

impl Cataloger for PythonPylock {
    fn name(&self) -> &'static str {
        "python-pylock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "pylock.toml",
            "**/pylock.toml",
            "pylock.*.toml",
            "**/pylock.*.toml",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if INSTALL_DIRS.iter().any(|d| util::has_dir(file.path, d)) {
            return Catalog::default();
        }
        if let Some(p) = empty_problem(file) {
            return Catalog::problem(p);
        }
        let mut problems = Vec::new();
        let doc = toml_lock::read_keyed(file, "packages", &mut problems);
        let text = String::from_utf8_lossy(file.contents);
        check_version(&doc.top, &text, file.path, &mut problems);

        let declared = pyproject::declared_deps_in(file, file.dir());
        let direct = declared.as_deref().map(seeds_by_name);
        let mut components = Vec::new();
        let mut purls_by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut wanted: Vec<Vec<String>> = Vec::new();
        for (t, line) in &doc.packages {
            let Some(name) = str_field(t, "name") else {
                problems.push(problem_at(
                    ProblemCode::ManifestValue,
                    file.path,
                    *line,
                    "[[packages]] without `name`; skipped",
                ));
                continue;
            };
            let local_dir = t
                .get("directory")
                .and_then(Value::as_table)
                .and_then(|d| str_field(d, "path"));
            // A local project has no version in the lock; its `pyproject.toml` may give one, so
            // that the component is the same as the one read from that file.
            let project = local_dir
                .and_then(|d| util::join(file.dir(), d))
                .and_then(|d| pyproject::project_in(file, &d))
                .filter(|(n, _)| python_normalised_name(n) == python_normalised_name(name));
            let version = str_field(t, "version")
                .or_else(|| project.as_ref().and_then(|(_, v)| v.as_deref()));
            let mut c = Component::new(
                Ecosystem::Python,
                name,
                version.map(str::to_string),
                purl(Ecosystem::Python, None, name, version),
            );
            let norm = python_normalised_name(name);
            match local_dir {
                Some(dir) => {
                    c.origin = Origin::FirstParty;
                    if let Some(root) = util::join(file.dir(), dir) {
                        c.roots.push(root);
                    }
                }
                None => {
                    if version.is_none() && !t.contains_key("vcs") {
                        problems.push(problem_at(
                            ProblemCode::ManifestValue,
                            file.path,
                            *line,
                            format!("package `{name}` has no `version`"),
                        ));
                    }
                    if let Some(d) = &direct {
                        c.direct = Some(d.contains_key(&norm));
                        c.scope = d.get(&norm).copied();
                    }
                }
            }
            c.sources.push(source(self.name(), file.path, Some(*line)));
            // The source archive's `sdist.hashes` (`{sha256 = "…"}`); the wheels' hashes are one
            // per platform and name no one archive of the package.
            if let Some(hashes) = t
                .get("sdist")
                .and_then(|s| s.get("hashes"))
                .and_then(Value::as_table)
            {
                c.hashes
                    .extend(hashes.iter().filter_map(|(algorithm, hex)| {
                        util::prefixed_hex_checksum(&format!("{algorithm}:{}", hex.as_str()?))
                    }));
                c.hashes.sort();
            }
            purls_by_name.entry(norm).or_default().push(c.purl.clone());
            wanted.push(
                t.get("dependencies")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|d| d.get("name").and_then(Value::as_str))
                            .map(python_normalised_name)
                            .collect()
                    })
                    .unwrap_or_default(),
            );
            components.push(c);
        }
        // The optional `dependencies` lists name packages of the lock.
        for (c, names) in components.iter_mut().zip(wanted) {
            let deps: BTreeSet<String> = names
                .iter()
                .filter_map(|n| purls_by_name.get(n))
                .flatten()
                .cloned()
                .collect();
            c.dependencies = deps.into_iter().collect();
        }
        Catalog {
            components,
            problems,
        }
    }
}

/// Reports a missing `lock-version`, or one whose major version is not 1 (PEP 751: a reader must
/// not read a lockfile of an unknown major version; this one reads what it can and says so).
fn check_version(top: &Table, text: &str, path: &str, problems: &mut Vec<Problem>) {
    let line = util::find_line(text, "lock-version", 0).map_or(1, |(l, _)| l);
    match top.get("lock-version") {
        Some(Value::String(v)) if v.split('.').next() == Some("1") => {}
        Some(v) => {
            let shown = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            problems.push(problem_at(
                ProblemCode::ManifestValue,
                path,
                line,
                format!("unknown `pylock.toml` `lock-version` `{shown}`; read as 1.0"),
            ))
        }
        None => problems.push(problem_at(
            ProblemCode::ManifestValue,
            path,
            1,
            "no `lock-version`; read as 1.0",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::Scope;

    /// Purl, origin, scope, directness and line of a component.
    type Row<'a> = (&'a str, Origin, Option<Scope>, Option<bool>, Option<u32>);

    fn parse(path: &str, text: &str, tree: &MemoryTree) -> Catalog {
        PythonPylock.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    const LOCK: &str = r#"lock-version = "1.0"
created-by = "pip"

[[packages]]
name = "app"
directory = { path = ".", editable = true }

[[packages]]
name = "Requests"
version = "2.32.3"
dependencies = [{ name = "idna" }, { name = "missing" }]
index = "https://pypi.org/simple"

[[packages]]
name = "idna"
version = "3.10"

[[packages]]
name = "rich"
vcs = { type = "git", url = "https://github.com/Textualize/rich", commit-id = "abc" }

[[packages]]
name = "pytest"
version = "8.3.3"
"#;

    #[test]
    fn packages_and_project() {
        let tree = MemoryTree::default().with(
            "svc/pyproject.toml",
            "[project]\nname = \"App\"\nversion = \"2.0\"\ndependencies = [\"requests\", \"rich\"]\n[dependency-groups]\ntest = [\"pytest\"]\n",
        );
        let cat = parse("svc/pylock.toml", LOCK, &tree);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<Row<'_>> = cat
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.origin,
                    c.scope,
                    c.direct,
                    c.sources[0].line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:pypi/app@2.0", Origin::FirstParty, None, None, Some(4)),
                (
                    "pkg:pypi/requests@2.32.3",
                    Origin::ThirdParty,
                    Some(Scope::Runtime),
                    Some(true),
                    Some(8)
                ),
                (
                    "pkg:pypi/idna@3.10",
                    Origin::ThirdParty,
                    None,
                    Some(false),
                    Some(14)
                ),
                (
                    "pkg:pypi/rich",
                    Origin::ThirdParty,
                    Some(Scope::Runtime),
                    Some(true),
                    Some(18)
                ),
                (
                    "pkg:pypi/pytest@8.3.3",
                    Origin::ThirdParty,
                    Some(Scope::Dev),
                    Some(true),
                    Some(22)
                ),
            ]
        );
        assert_eq!(cat.components[0].roots, ["svc"]);
        assert_eq!(cat.components[1].dependencies, ["pkg:pypi/idna@3.10"]);
    }

    #[test]
    fn version_problems() {
        let cat = parse(
            "pylock.dev.toml",
            "lock-version = \"2.0\"\n[[packages]]\nname = \"a\"\n[[packages]]\nversion = \"1\"\n",
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
                (
                    Some(1),
                    "unknown `pylock.toml` `lock-version` `2.0`; read as 1.0"
                ),
                (Some(2), "package `a` has no `version`"),
                (Some(4), "[[packages]] without `name`; skipped"),
            ]
        );
        let cat = parse(
            "pylock.toml",
            "[[packages]]\nname = \"a\"\nversion = \"1\"\n",
            &MemoryTree::default(),
        );
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.problems[0].message, "no `lock-version`; read as 1.0");
    }

    #[test]
    fn sdist_hashes() {
        let lock = r#"lock-version = "1.0"

[[packages]]
name = "six"
version = "1.16.0"
sdist = { url = "https://x/six-1.16.0.tar.gz", hashes = { sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", blake2b = "00", sha512 = 7 } }
wheels = [{ url = "https://x/six-1.16.0-py3-none-any.whl", hashes = { sha256 = "a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571" } }]

[[packages]]
name = "w"
version = "1.0"
wheels = [{ url = "https://x/w-1.0-py3-none-any.whl", hashes = { sha256 = "a9993e364706816aba3e25717850c26c9cd0d89da9993e364706816aba3e2571" } }]
"#;
        let cat = parse("pylock.toml", lock, &MemoryTree::default());
        assert_eq!(cat.components[0].hashes.len(), 1);
        assert_eq!(
            cat.components[0].hashes[0].value,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(cat.components[1].hashes.is_empty());
    }
}
