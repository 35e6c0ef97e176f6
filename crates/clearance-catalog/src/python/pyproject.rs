//! `pyproject.toml`: the project itself (PEP 621 `[project]` or Poetry's `[tool.poetry]`) and the
//! dependencies it declares.
//!
//! The project is first-party and owns its directory. Its declared dependencies are ranges, not
//! versions. When a lockfile lies beside it (`poetry.lock`, `uv.lock`, `Pipfile.lock`,
//! `pdm.lock`, `pylock.toml`), the lockfile gives the versions that ship and the lockfile
//! catalogers use this file to tell direct dependencies and scopes apart: listing the ranges too
//! would only add version-less duplicates of the locked packages. Without a lockfile, the declared
//! dependencies are the only record of what the product pulls in, so each becomes a direct
//! component, without a version unless the specifier pins one (`==1.2.3`): a compliance review
//! still needs to know the package is there.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode, Scope, purl};
use toml::{Table, Value};

use super::metadata::{Header, Metadata};
use super::pep508::{self, Requirement};
use super::{INSTALL_DIRS, license};
use crate::util::{self, declared_license, declared_license_file, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `pyproject.toml`: the project (first-party), its declared license and, when no lockfile lies
/// beside it, its declared dependencies.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonPyproject};
/// let tree = MemoryTree::default();
/// let toml = b"[project]\nname = \"Acme_Sync\"\nversion = \"0.4.0\"\nlicense = \"Apache-2.0\"\ndependencies = [\"urllib3>=2.2\"]\n";
/// let catalog = PythonPyproject.parse(&ManifestFile::new("pyproject.toml", toml, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:pypi/acme-sync@0.4.0");
/// assert_eq!(catalog.components[1].purl, "pkg:pypi/urllib3");
/// ```
pub struct PythonPyproject;

/// Lockfiles that, beside a `pyproject.toml`, give the versions of its dependencies.
pub(crate) const LOCKFILES: &[&str] = &[
    "poetry.lock",
    "uv.lock",
    "Pipfile.lock",
    "pdm.lock",
    "pylock.toml",
];

/// Directory names under which a project is somebody else's code.
const THIRD_PARTY_DIRS: &[&str] = &["vendor", "_vendor", "third_party", "third-party"];

/// A dependency the project declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeclaredDep {
    /// The name as written.
    pub name: String,
    /// The version when the declaration pins one.
    pub version: Option<String>,
    /// Runtime (`dependencies`), optional (an extra, `optional = true`) or dev (a dependency
    /// group, Poetry's dev dependencies).
    pub scope: Scope,
    /// Line of the declaration.
    pub line: Option<u32>,
}

/// The order of scopes by how much they ship.
pub(crate) fn scope_rank(s: Scope) -> u8 {
    s.shipping_rank()
}

/// Line and end offset of the last of `anchors` found in turn; `None` when none is.
fn anchors_end(text: &str, anchors: &[&str]) -> Option<(u32, usize)> {
    let mut from = 0;
    let mut last = None;
    for a in anchors {
        match util::find_line(text, a, from) {
            Some((l, at)) => {
                last = Some((l, at + a.len()));
                from = at + a.len();
            }
            None => break,
        }
    }
    last
}

/// Line of `needle` after each of `anchors` in turn (a section header, then a key); the line of
/// the last anchor found when the needle is not.
fn line_after(text: &str, anchors: &[&str], needle: &str) -> Option<u32> {
    let mut from = 0;
    let mut last = None;
    for a in anchors {
        match util::find_line(text, a, from) {
            Some((l, at)) => {
                last = Some(l);
                from = at + a.len();
            }
            None => break,
        }
    }
    // A needle that starts with a newline (a key at the start of a line) is found on the line
    // before the key.
    let skip = u32::from(needle.starts_with('\n'));
    util::find_line(text, needle, from)
        .map(|(l, _)| l + skip)
        .or(last)
}

/// Reads PEP 508 strings of an array.
fn pep508_deps(
    value: Option<&Value>,
    scope: Scope,
    anchors: &[&str],
    text: &str,
    path: &str,
    out: &mut Vec<DeclaredDep>,
    problems: &mut Vec<Problem>,
) {
    let Some(items) = value.and_then(Value::as_array) else {
        return;
    };
    for item in items {
        // `{include-group = "test"}` (PEP 735) names another group, not a package.
        let Some(s) = item.as_str() else { continue };
        let line = [format!("\"{s}\""), format!("'{s}'")]
            .iter()
            .find_map(|needle| {
                let (_, from) = anchors_end(text, anchors)?;
                util::find_line(text, needle, from).map(|(l, _)| l)
            })
            .or_else(|| anchors_end(text, anchors).map(|(l, _)| l));
        match Requirement::parse(s) {
            Ok(r) => {
                let version = r.pinned().map(str::to_string).or_else(|| {
                    r.url
                        .and_then(pep508::archive_name_version)
                        .map(|(_, v)| v.to_string())
                });
                out.push(DeclaredDep {
                    name: r.name.to_string(),
                    version,
                    scope,
                    line,
                });
            }
            Err(e) => {
                let p = Problem::new(
                    ProblemCode::ManifestValue,
                    path,
                    format!("dependency `{s}` cannot be read: {e}; skipped"),
                );
                problems.push(match line {
                    Some(l) => p.at_line(l),
                    None => p,
                });
            }
        }
    }
}

/// Reads a Poetry dependency table (`name = "^1.0"`, `name = { version = "1.0", optional = true }`,
/// or an array of such tables for several constraints).
fn poetry_deps(
    table: Option<&Value>,
    scope: Scope,
    header: &str,
    text: &str,
    out: &mut Vec<DeclaredDep>,
) {
    let Some(table) = table.and_then(Value::as_table) else {
        return;
    };
    for (name, spec) in table {
        if name.eq_ignore_ascii_case("python") {
            continue;
        }
        let line = line_after(text, &[header], &format!("\n{name} ="));
        let optional = |v: &Value| v.get("optional").and_then(Value::as_bool) == Some(true);
        let (version, optional) = match spec {
            Value::String(s) => (poetry_pin(s), false),
            Value::Table(t) => (
                t.get("version")
                    .and_then(Value::as_str)
                    .and_then(poetry_pin),
                optional(spec),
            ),
            Value::Array(a) => (None, a.iter().all(optional)),
            _ => (None, false),
        };
        out.push(DeclaredDep {
            name: name.clone(),
            version,
            scope: if optional && scope == Scope::Runtime {
                Scope::Optional
            } else {
                scope
            },
            line,
        });
    }
}

/// The version a Poetry constraint pins: `==1.0`, or a bare version (`1.0`, which Poetry reads
/// as exact).
fn poetry_pin(spec: &str) -> Option<String> {
    let s = spec.trim();
    if let Some(v) = pep508::pinned(s) {
        return Some(v.to_string());
    }
    (s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '!')))
    .then(|| s.to_string())
}

/// Every dependency `pyproject.toml` declares: `[project]` dependencies and extras, PEP 735
/// dependency groups, Poetry's main, dev and group dependencies, uv's legacy dev dependencies.
pub(crate) fn declared_deps(
    doc: &Table,
    text: &str,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Vec<DeclaredDep> {
    let mut out = Vec::new();
    let project = doc.get("project");
    pep508_deps(
        project.and_then(|p| p.get("dependencies")),
        Scope::Runtime,
        &["[project]", "dependencies"],
        text,
        path,
        &mut out,
        problems,
    );
    if let Some(extras) = project
        .and_then(|p| p.get("optional-dependencies"))
        .and_then(Value::as_table)
    {
        for (extra, list) in extras {
            pep508_deps(
                Some(list),
                Scope::Optional,
                &["optional-dependencies", extra.as_str()],
                text,
                path,
                &mut out,
                problems,
            );
        }
    }
    if let Some(groups) = doc.get("dependency-groups").and_then(Value::as_table) {
        for (group, list) in groups {
            pep508_deps(
                Some(list),
                Scope::Dev,
                &["[dependency-groups]", group.as_str()],
                text,
                path,
                &mut out,
                problems,
            );
        }
    }
    let tool = doc.get("tool");
    if let Some(uv_dev) = tool
        .and_then(|t| t.get("uv"))
        .and_then(|u| u.get("dev-dependencies"))
    {
        pep508_deps(
            Some(uv_dev),
            Scope::Dev,
            &["[tool.uv]", "dev-dependencies"],
            text,
            path,
            &mut out,
            problems,
        );
    }
    if let Some(poetry) = tool.and_then(|t| t.get("poetry")) {
        poetry_deps(
            poetry.get("dependencies"),
            Scope::Runtime,
            "[tool.poetry.dependencies]",
            text,
            &mut out,
        );
        poetry_deps(
            poetry.get("dev-dependencies"),
            Scope::Dev,
            "[tool.poetry.dev-dependencies]",
            text,
            &mut out,
        );
        if let Some(groups) = poetry.get("group").and_then(Value::as_table) {
            for (group, g) in groups {
                let scope = if group == "main" {
                    Scope::Runtime
                } else {
                    Scope::Dev
                };
                poetry_deps(
                    g.get("dependencies"),
                    scope,
                    &format!("[tool.poetry.group.{group}.dependencies]"),
                    text,
                    &mut out,
                );
            }
        }
    }
    out
}

/// The dependencies declared by the `pyproject.toml` in `dir`, when there is one that parses.
pub(crate) fn declared_deps_in(file: &ManifestFile<'_>, dir: &str) -> Option<Vec<DeclaredDep>> {
    let path = util::join(dir, "pyproject.toml")?;
    let bytes = file.tree.read(&path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let doc = text.parse::<Table>().ok()?;
    Some(declared_deps(&doc, &text, &path, &mut Vec::new()))
}

/// Name and version of the project whose `pyproject.toml` is in `dir`, when it declares a name.
pub(crate) fn project_in(file: &ManifestFile<'_>, dir: &str) -> Option<(String, Option<String>)> {
    let path = util::join(dir, "pyproject.toml")?;
    let bytes = file.tree.read(&path).ok()?;
    let doc = String::from_utf8_lossy(&bytes).parse::<Table>().ok()?;
    let id = identity(&doc);
    Some((id.name?.to_string(), id.version.map(str::to_string)))
}

/// Name, version and license fields of the project: `[project]` first, `[tool.poetry]` for what
/// `[project]` leaves out.
struct Identity<'t> {
    name: Option<&'t str>,
    version: Option<&'t str>,
    license: Option<&'t Value>,
    classifiers: Vec<&'t str>,
    /// `authors` then `maintainers`: PEP 621 tables `{name, email}` or Poetry strings
    /// `"Name <mail>"`, as `Name <mail>`.
    authors: Vec<String>,
    section: &'static str,
}

fn identity(doc: &Table) -> Identity<'_> {
    let project = doc.get("project").and_then(Value::as_table);
    let poetry = doc
        .get("tool")
        .and_then(|t| t.get("poetry"))
        .and_then(Value::as_table);
    let get = |key: &str| {
        project
            .and_then(|p| p.get(key))
            .or_else(|| poetry.and_then(|p| p.get(key)))
    };
    let classifiers = get("classifiers")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut authors = Vec::new();
    for key in ["authors", "maintainers"] {
        let people: Vec<String> = get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| match p {
                Value::String(s) => Some(s.split_whitespace().collect::<Vec<_>>().join(" ")),
                Value::Table(t) => util::person(
                    t.get("name").and_then(Value::as_str),
                    t.get("email").and_then(Value::as_str),
                ),
                _ => None,
            })
            .collect();
        util::push_authors(&mut authors, people.iter().map(String::as_str));
    }
    Identity {
        authors,
        name: get("name").and_then(Value::as_str),
        version: get("version").and_then(Value::as_str),
        license: get("license"),
        classifiers,
        section: if project.is_some() {
            "[project]"
        } else {
            "[tool.poetry]"
        },
    }
}

impl Cataloger for PythonPyproject {
    fn name(&self) -> &'static str {
        "python-pyproject"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &["pyproject.toml", "**/pyproject.toml"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // An installed distribution is read from its `.dist-info`; a `pyproject.toml` that came
        // along inside `site-packages` (a vendored test project) says nothing about the product.
        if INSTALL_DIRS.iter().any(|d| util::has_dir(file.path, d)) {
            return Catalog::default();
        }
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let doc = match text.parse::<Table>() {
            Ok(d) => d,
            Err(e) => return Catalog::problem(crate::cargo::toml_problem(file, &e)),
        };
        let id = identity(&doc);
        let mut problems = Vec::new();
        let section_line = util::find_line(text, id.section, 0).map(|(l, _)| l);
        let Some(name) = id.name else {
            // A `pyproject.toml` that only configures tools (`[tool.black]`, `[build-system]`)
            // describes no project.
            if doc.contains_key("project") {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "[project] has no `name`",
                    )
                    .at_line(section_line.unwrap_or(1)),
                );
            }
            return Catalog {
                components: Vec::new(),
                problems,
            };
        };
        let src = source(self.name(), file.path, section_line);
        let mut project = Component::new(
            Ecosystem::Python,
            name,
            id.version.map(str::to_string),
            purl(Ecosystem::Python, None, name, id.version),
        );
        let third_party = THIRD_PARTY_DIRS.iter().any(|d| util::has_dir(file.path, d));
        project.origin = if third_party {
            Origin::ThirdParty
        } else {
            Origin::FirstParty
        };
        project.roots.push(file.dir().to_string());
        project.authors = id.authors.clone();
        project.sources.push(src.clone());
        self.read_license(file, text, &id, &mut project, &mut problems);
        check_license_files(file, text, &doc, &mut problems);

        let mut components = Vec::new();
        let has_lock = LOCKFILES
            .iter()
            .any(|l| util::join(file.dir(), l).is_some_and(|p| file.tree.is_file(&p)));
        let deps = declared_deps(&doc, text, file.path, &mut problems);
        if !has_lock && !third_party {
            let mut by_purl: BTreeMap<String, Component> = BTreeMap::new();
            for d in deps {
                let p = purl(Ecosystem::Python, None, &d.name, d.version.as_deref());
                let entry = by_purl.entry(p.clone()).or_insert_with(|| {
                    let mut c =
                        Component::new(Ecosystem::Python, d.name.as_str(), d.version.clone(), p);
                    c.direct = Some(true);
                    c.scope = Some(d.scope);
                    c
                });
                if entry
                    .scope
                    .is_some_and(|s| scope_rank(d.scope) > scope_rank(s))
                {
                    entry.scope = Some(d.scope);
                }
                let s = source(self.name(), file.path, d.line);
                if !entry.sources.contains(&s) {
                    entry.sources.push(s);
                }
            }
            project.dependencies = by_purl.keys().cloned().collect();
            components.extend(by_purl.into_values());
        }
        components.insert(0, project);
        Catalog {
            components,
            problems,
        }
    }
}

impl PythonPyproject {
    /// The declared license: `license` as an SPDX expression (PEP 639), `{text = …}` or
    /// `{file = …}` (PEP 621), else the `License :: …` classifiers.
    fn read_license(
        &self,
        file: &ManifestFile<'_>,
        text: &str,
        id: &Identity<'_>,
        project: &mut Component,
        problems: &mut Vec<Problem>,
    ) {
        let line = line_after(text, &[id.section], "\nlicense");
        let src = source(self.name(), file.path, line);
        let at = |p: Problem| match line {
            Some(l) => p.at_line(l),
            None => p,
        };
        match id.license {
            Some(Value::String(s)) => project.declared.push(declared_license(s, src, None)),
            Some(Value::Table(t)) => {
                if let Some(s) = t.get("text").and_then(Value::as_str) {
                    project
                        .declared
                        .push(declared_license(s, src.clone(), None));
                }
                if let Some(f) = t.get("file").and_then(Value::as_str) {
                    match util::join(file.dir(), f) {
                        Some(path) => {
                            if !file.tree.is_file(&path) {
                                problems.push(at(Problem::new(
                                    ProblemCode::MissingLicenseFile,
                                    file.path,
                                    format!("`license = {{ file = \"{f}\" }}` names `{path}`, which is not in the tree"),
                                )));
                            }
                            project.declared.push(declared_license_file(
                                &format!("file: {f}"),
                                src,
                                path,
                            ));
                        }
                        None => problems.push(at(Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!("`license = {{ file = \"{f}\" }}` leaves the scanned tree"),
                        ))),
                    }
                }
                if !t.contains_key("text") && !t.contains_key("file") {
                    problems.push(at(Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "`license` table has neither `text` nor `file`",
                    )));
                }
            }
            Some(_) => problems.push(at(Problem::new(
                ProblemCode::ManifestValue,
                file.path,
                "`license` is neither a string nor a table",
            ))),
            None => {
                // The trove classifiers, read as core metadata reads them.
                let headers = id
                    .classifiers
                    .iter()
                    .map(|c| Header {
                        name: "Classifier".to_string(),
                        value: (*c).to_string(),
                        line: line_after(text, &[id.section, "classifiers"], &format!("\"{c}\""))
                            .unwrap_or(1),
                    })
                    .collect();
                let meta = Metadata {
                    headers,
                    malformed: Vec::new(),
                };
                project
                    .declared
                    .extend(license::declared(&meta, self.name(), file.path, problems));
            }
        }
    }
}

/// Reports literal `license-files` entries (PEP 639) that are not in the tree. Glob patterns
/// (`LICEN[CS]E*`) are left to the inventory, which finds license files under the project's
/// directory anyway.
fn check_license_files(
    file: &ManifestFile<'_>,
    text: &str,
    doc: &Table,
    problems: &mut Vec<Problem>,
) {
    let Some(list) = doc
        .get("project")
        .and_then(|p| p.get("license-files"))
        .and_then(Value::as_array)
    else {
        return;
    };
    for f in list.iter().filter_map(Value::as_str) {
        if f.contains(['*', '?', '[']) {
            continue;
        }
        let found = util::join(file.dir(), f).is_some_and(|p| file.tree.is_file(&p));
        if !found {
            let p = Problem::new(
                ProblemCode::MissingLicenseFile,
                file.path,
                format!("`license-files` names `{f}`, which is not in the tree"),
            );
            problems.push(
                match line_after(text, &["license-files"], &format!("\"{f}\"")) {
                    Some(l) => p.at_line(l),
                    None => p,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::declared::Reading;

    fn parse(path: &str, text: &str, tree: &MemoryTree) -> Catalog {
        PythonPyproject.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    fn expr(c: &Component) -> String {
        c.declared
            .first()
            .and_then(|d| d.expression.as_ref())
            .map_or_else(|| "<none>".into(), ToString::to_string)
    }

    #[test]
    fn license_forms() {
        let tree = MemoryTree::default();
        let cat = parse(
            "pyproject.toml",
            "[project]\nname = \"a\"\nversion = \"1\"\nlicense = \"MIT OR Apache-2.0\"\n",
            &tree,
        );
        let c = &cat.components[0];
        assert_eq!(expr(c), "MIT OR Apache-2.0");
        assert_eq!(c.declared[0].reading, Reading::Spdx);
        assert_eq!(c.declared[0].source.line, Some(4));
        assert_eq!(c.origin, Origin::FirstParty);
        assert_eq!(c.roots, [""]);

        let cat = parse(
            "pkg/pyproject.toml",
            "[project]\nname = \"a\"\nlicense = {text = \"BSD 3-Clause License\"}\n",
            &tree,
        );
        assert_eq!(expr(&cat.components[0]), "BSD-3-Clause");
        assert_eq!(cat.components[0].purl, "pkg:pypi/a");

        let cat = parse(
            "pkg/pyproject.toml",
            "[project]\nname = \"a\"\n\nlicense = { file = \"COPYING\" }\n",
            &tree,
        );
        let d = &cat.components[0].declared[0];
        assert_eq!(d.license_file.as_deref(), Some("pkg/COPYING"));
        assert_eq!(d.expression, None);
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(
            (cat.problems[0].code, cat.problems[0].line),
            (ProblemCode::MissingLicenseFile, Some(4))
        );

        let cat = parse(
            "pyproject.toml",
            "[project]\nname = \"a\"\nlicense = 3\nlicense-files = [\"LICENSE\", \"LICENSES/*.txt\"]\n",
            &tree,
        );
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestValue, Some(3)),
                (ProblemCode::MissingLicenseFile, Some(4))
            ]
        );
    }

    #[test]
    fn poetry_project() {
        let text = "[tool.poetry]\nname = \"legacy\"\nversion = \"0.9.2\"\nlicense = \"Apache 2.0\"\n\n\
                    [tool.poetry.dependencies]\npython = \"^3.10\"\nrequests = \"2.32.3\"\nattrs = \">=23\"\nboto3 = { version = \"==1.35.0\", optional = true }\n\
                    numpy = [{ version = \"^1.26\", python = \"<3.13\" }, { version = \"^2.1\", python = \">=3.13\" }]\n\n\
                    [tool.poetry.dev-dependencies]\npytest = \"^8\"\n";
        let cat = parse("pyproject.toml", text, &MemoryTree::default());
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(expr(&cat.components[0]), "Apache-2.0");
        let got: Vec<(&str, Option<Scope>, Option<u32>)> = cat.components[1..]
            .iter()
            .map(|c| (c.purl.as_str(), c.scope, c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:pypi/attrs", Some(Scope::Runtime), Some(9)),
                ("pkg:pypi/boto3@1.35.0", Some(Scope::Optional), Some(10)),
                ("pkg:pypi/numpy", Some(Scope::Runtime), Some(11)),
                ("pkg:pypi/pytest", Some(Scope::Dev), Some(14)),
                ("pkg:pypi/requests@2.32.3", Some(Scope::Runtime), Some(8)),
            ]
        );
        assert!(cat.components[1..].iter().all(|c| c.direct == Some(true)));
        assert_eq!(poetry_pin("1.0.0"), Some("1.0.0".to_string()));
        assert_eq!(poetry_pin("^1.0"), None);
        assert_eq!(poetry_pin("1.*"), None);
    }

    #[test]
    fn lockfile_beside_keeps_only_the_project() {
        let text = "[project]\nname = \"app\"\nversion = \"1.0\"\ndependencies = [\"requests\"]\n";
        let tree = MemoryTree::default().with("svc/uv.lock", "version = 1\n");
        let cat = parse("svc/pyproject.toml", text, &tree);
        assert_eq!(cat.components.len(), 1);
        assert!(cat.components[0].dependencies.is_empty());
        let cat = parse("pyproject.toml", text, &tree);
        assert_eq!(cat.components.len(), 2);
        assert_eq!(cat.components[0].dependencies, ["pkg:pypi/requests"]);
    }

    #[test]
    fn no_project() {
        let tree = MemoryTree::default();
        let cat = parse("pyproject.toml", "[tool.black]\nline-length = 100\n", &tree);
        assert_eq!(cat, Catalog::default());
        let cat = parse(
            "pyproject.toml",
            "[build-system]\n\n[project]\nversion = \"1\"\n",
            &tree,
        );
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems[0].line, Some(3));
        let cat = parse("pyproject.toml", "[project\nname = \"x\"\n", &tree);
        assert_eq!(
            (cat.problems[0].code, cat.problems[0].line),
            (ProblemCode::ManifestParse, Some(1))
        );
        let cat = parse(
            ".venv/lib/python3.12/site-packages/x/pyproject.toml",
            "[project]\nname = \"x\"\n",
            &tree,
        );
        assert_eq!(cat, Catalog::default());
    }

    #[test]
    fn classifiers_when_no_license() {
        let text = "[project]\nname = \"t\"\nclassifiers = [\n  \"Programming Language :: Python\",\n  \"License :: OSI Approved :: MIT License\",\n]\n";
        let cat = parse("vendor/t/pyproject.toml", text, &MemoryTree::default());
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(expr(c), "MIT");
        assert_eq!(c.declared[0].source.line, Some(5));
    }

    #[test]
    fn authors_and_maintainers_of_pep_621_and_poetry() {
        let pep621 = "[project]\nname = \"a\"\nversion = \"1\"\nauthors = [{name = \"Simon Sapin\", email = \"simon@x.org\"}, {email = \"team@x.org\"}, {}]\nmaintainers = [{name = \"CourtBouillon\"}, {name = \"Simon Sapin\", email = \"simon@x.org\"}, 3]\n";
        let cat = parse("pyproject.toml", pep621, &MemoryTree::default());
        assert_eq!(
            cat.components[0].authors,
            ["Simon Sapin <simon@x.org>", "team@x.org", "CourtBouillon"]
        );
        let poetry = "[tool.poetry]\nname = \"b\"\nversion = \"1\"\nauthors = [\"ACME  Developers <dev@acme.example>\", \"\"]\n";
        let cat = parse("pyproject.toml", poetry, &MemoryTree::default());
        assert_eq!(
            cat.components[0].authors,
            ["ACME Developers <dev@acme.example>"]
        );
        let none = "[project]\nname = \"c\"\nauthors = \"Jane\"\n";
        let cat = parse("pyproject.toml", none, &MemoryTree::default());
        assert!(cat.components[0].authors.is_empty());
    }
}
