//! `Pipfile.lock`: the packages Pipenv resolved, `default` (runtime) and `develop` (dev).
//!
//! Each entry pins `version: "==X"` (with `hashes` and `markers`), or points at a VCS checkout
//! (`git` + `ref`), a local path or a file URL. The `Pipfile` beside the lockfile, when present,
//! tells which packages are direct dependencies. Pipenv records no licenses. Its `hashes` are
//! those of every file of the release (sdist and wheels) without their file names, so none of
//! them can be told to be the package's archive: they are not read.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Component, Ecosystem, Problem, ProblemCode, Scope, purl, python_normalised_name,
};
use serde_json::{Map, Value};
use toml::Table;

use super::pep508;
use super::poetry_lock::{empty_problem, problem_at};
use super::pyproject::scope_rank;
use super::{INSTALL_DIRS, PROJECT_FILES};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `Pipfile.lock`: every locked package with its scope.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonPipfileLock};
/// use clearance_model::Scope;
/// let tree = MemoryTree::default();
/// let lock = br#"{"_meta": {"pipfile-spec": 6}, "default": {"six": {"version": "==1.16.0"}}, "develop": {}}"#;
/// let catalog = PythonPipfileLock.parse(&ManifestFile::new("Pipfile.lock", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:pypi/six@1.16.0");
/// assert_eq!(catalog.components[0].scope, Some(Scope::Runtime));
/// ```
pub struct PythonPipfileLock;

/// The newest `pipfile-spec` this reader knows.
const PIPFILE_SPEC: i64 = 6;

/// The sections of packages and the scope of each.
const SECTIONS: [(&str, Scope); 2] = [("default", Scope::Runtime), ("develop", Scope::Dev)];

/// Normalised names of the packages the `Pipfile` beside the lockfile lists.
fn pipfile_names(file: &ManifestFile<'_>) -> Option<BTreeSet<String>> {
    let path = util::join(file.dir(), "Pipfile")?;
    let bytes = file.tree.read(&path).ok()?;
    let doc = String::from_utf8_lossy(&bytes).parse::<Table>().ok()?;
    let mut names = BTreeSet::new();
    for section in ["packages", "dev-packages"] {
        if let Some(t) = doc.get(section).and_then(toml::Value::as_table) {
            names.extend(t.keys().map(|k| python_normalised_name(k)));
        }
    }
    Some(names)
}

impl Cataloger for PythonPipfileLock {
    fn name(&self) -> &'static str {
        "python-pipfile-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &["Pipfile.lock", "**/Pipfile.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if INSTALL_DIRS.iter().any(|d| util::has_dir(file.path, d)) {
            return Catalog::default();
        }
        if let Some(p) = empty_problem(file) {
            return Catalog::problem(p);
        }
        let (text, doc) = match parse_object(file) {
            Ok(x) => x,
            Err(p) => return Catalog::problem(p),
        };
        let mut problems = Vec::new();
        check_meta(&doc, text, file.path, &mut problems);
        let direct = pipfile_names(file);
        let mut by_purl: BTreeMap<String, Component> = BTreeMap::new();
        for (section, scope) in SECTIONS {
            let Some(entries) = doc.get(section) else {
                continue;
            };
            let section_at = util::find_line(text, &format!("\"{section}\""), 0);
            let section_line = section_at.map_or(1, |(l, _)| l);
            let Some(entries) = entries.as_object() else {
                problems.push(problem_at(
                    ProblemCode::ManifestValue,
                    file.path,
                    section_line,
                    format!("`{section}` is not an object; skipped"),
                ));
                continue;
            };
            for (name, entry) in entries {
                // `"name": {` as Pipenv writes it, else the quoted name anywhere after the section.
                let line = section_at
                    .and_then(|(_, at)| {
                        util::find_line(text, &format!("\"{name}\": {{"), at)
                            .or_else(|| util::find_line(text, &format!("\"{name}\""), at))
                    })
                    .map_or(section_line, |(l, _)| l);
                let Some(version) = self.entry_version(file, name, entry, line, &mut problems)
                else {
                    continue;
                };
                let p = purl(Ecosystem::Python, None, name, version.as_deref());
                let c = by_purl.entry(p.clone()).or_insert_with(|| {
                    let mut c =
                        Component::new(Ecosystem::Python, name.as_str(), version.clone(), p);
                    c.scope = Some(scope);
                    c.direct = direct
                        .as_ref()
                        .map(|d| d.contains(&python_normalised_name(name)));
                    c
                });
                if c.scope.is_some_and(|s| scope_rank(scope) > scope_rank(s)) {
                    c.scope = Some(scope);
                }
                c.sources.push(source(self.name(), file.path, Some(line)));
            }
        }
        Catalog {
            components: by_purl.into_values().collect(),
            problems,
        }
    }
}

impl PythonPipfileLock {
    /// The version of one entry: `Some(Some(v))` when pinned, `Some(None)` for a VCS checkout or
    /// an archive whose name tells no version, `None` for an entry that is not a third-party
    /// package (the project's own directory) or cannot be read.
    fn entry_version(
        &self,
        file: &ManifestFile<'_>,
        name: &str,
        entry: &Value,
        line: u32,
        problems: &mut Vec<Problem>,
    ) -> Option<Option<String>> {
        let Some(obj) = entry.as_object() else {
            problems.push(problem_at(
                ProblemCode::ManifestValue,
                file.path,
                line,
                format!("entry `{name}` is not an object; skipped"),
            ));
            return None;
        };
        let field = |k: &str| obj.get(k).and_then(Value::as_str);
        if let Some(v) = field("version") {
            return match pep508::pinned(v) {
                Some(v) => Some(Some(v.to_string())),
                None => {
                    problems.push(problem_at(
                        ProblemCode::ManifestValue,
                        file.path,
                        line,
                        format!(
                            "`{name}` has version `{v}`, which pins no version; listed without one"
                        ),
                    ));
                    Some(None)
                }
            };
        }
        if let Some(path) = field("path") {
            // A local directory that is a Python project in the tree (`-e .`, usually the product
            // itself) is read from its own manifest; anything else is listed by name.
            let is_project = util::join(file.dir(), path).is_some_and(|dir| {
                PROJECT_FILES
                    .iter()
                    .any(|f| util::join(&dir, f).is_some_and(|p| file.tree.is_file(&p)))
            });
            if is_project {
                return None;
            }
            return Some(pep508::archive_name_version(path).map(|(_, v)| v.to_string()));
        }
        if let Some(url) = field("file") {
            return Some(pep508::archive_name_version(url).map(|(_, v)| v.to_string()));
        }
        // `git`, `hg`, `svn`, `bzr` checkouts: the version is whatever the `ref` builds.
        Some(None)
    }
}

/// Parses the JSON document into its top-level object; a syntax error or another kind of value
/// is a problem with its line.
fn parse_object<'a>(file: &ManifestFile<'a>) -> Result<(&'a str, Map<String, Value>), Problem> {
    let text = file.text()?;
    match serde_json::from_str::<Value>(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(Value::Object(map)) => Ok((text, map)),
        Ok(_) => Err(problem_at(
            ProblemCode::ManifestValue,
            file.path,
            1,
            "the top-level value is not an object",
        )),
        Err(e) => Err(crate::util::json_problem(file.path, &e)),
    }
}

/// Reports a `_meta.pipfile-spec` newer than this reader, or a missing `_meta`.
fn check_meta(doc: &Map<String, Value>, text: &str, path: &str, problems: &mut Vec<Problem>) {
    let Some(meta) = doc.get("_meta") else {
        problems.push(problem_at(
            ProblemCode::ManifestValue,
            path,
            1,
            "no `_meta`; read as pipfile-spec 6",
        ));
        return;
    };
    let line = util::find_line(text, "\"pipfile-spec\"", 0).map_or(1, |(l, _)| l);
    match meta.get("pipfile-spec").map(|v| (v, v.as_i64())) {
        Some((_, Some(v))) if (1..=PIPFILE_SPEC).contains(&v) => {}
        Some((v, _)) => problems.push(problem_at(
            ProblemCode::ManifestValue,
            path,
            line,
            format!("unknown `pipfile-spec` `{v}`; read as {PIPFILE_SPEC}"),
        )),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    /// Purl, scope, directness and lines of a component.
    type Row<'a> = (&'a str, Option<Scope>, Option<bool>, Vec<u32>);

    fn parse(text: &str, tree: &MemoryTree) -> Catalog {
        PythonPipfileLock.parse(&ManifestFile::new("Pipfile.lock", text.as_bytes(), tree))
    }

    #[test]
    fn entry_kinds() {
        let lock = r#"{
    "_meta": {"pipfile-spec": 6},
    "default": {
        "acme": {"editable": true, "path": "."},
        "django": {"git": "https://github.com/django/django.git", "ref": "4d7ce8f3"},
        "six": {"file": "https://example.org/six-1.16.0-py2.py3-none-any.whl"},
        "requests": {"version": "==2.32.3", "markers": "python_version >= '3.8'"},
        "weird": {"version": "*"}
    },
    "develop": {
        "requests": {"version": "==2.32.3"},
        "pytest": {"version": "==8.3.3"}
    }
}"#;
        let tree = MemoryTree::default().with("setup.py", "").with(
            "Pipfile",
            "[packages]\nrequests = \"*\"\n[dev-packages]\npytest = \"*\"\n",
        );
        let cat = parse(lock, &tree);
        let got: Vec<Row<'_>> = cat
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.scope,
                    c.direct,
                    c.sources.iter().filter_map(|s| s.line).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:pypi/django",
                    Some(Scope::Runtime),
                    Some(false),
                    vec![5]
                ),
                (
                    "pkg:pypi/pytest@8.3.3",
                    Some(Scope::Dev),
                    Some(true),
                    vec![12]
                ),
                (
                    "pkg:pypi/requests@2.32.3",
                    Some(Scope::Runtime),
                    Some(true),
                    vec![7, 11]
                ),
                (
                    "pkg:pypi/six@1.16.0",
                    Some(Scope::Runtime),
                    Some(false),
                    vec![6]
                ),
                ("pkg:pypi/weird", Some(Scope::Runtime), Some(false), vec![8]),
            ]
        );
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].line, Some(8));
    }

    #[test]
    fn meta_and_corrupt() {
        let cat = parse(
            "{\"_meta\": {\"pipfile-spec\": 9}, \"default\": []}",
            &MemoryTree::default(),
        );
        let got: Vec<Option<u32>> = cat.problems.iter().map(|p| p.line).collect();
        assert_eq!(got, [Some(1), Some(1)]);
        assert!(cat.problems[0].message.contains("`pipfile-spec` `9`"));
        let cat = parse(
            "{\n\"default\": {\n\"six\": {\"version\": \"==1\"\n",
            &MemoryTree::default(),
        );
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert!(cat.components.is_empty());
        let cat = parse("{\"default\": {}}", &MemoryTree::default());
        assert!(cat.problems[0].message.starts_with("no `_meta`"));
    }
}
