//! Python: installed distributions, read from their core metadata.
//!
//! - `*.dist-info/METADATA`: what pip, uv, Poetry and installers write for a wheel. The
//!   distribution owns the files listed in the `RECORD` beside it.
//! - `*.egg-info/PKG-INFO` and single-file `*.egg-info`: what setuptools writes for an egg-style or
//!   `setup.py develop` install, and what distutils writes (`foo-1.0-py3.11.egg-info` holds the
//!   `PKG-INFO` itself). pip's `installed-files.txt` lists the owned files when present.
//!
//! Projects and lockfiles, in their own files: `pyproject.toml` ([`PythonPyproject`]),
//! `requirements*.txt` ([`PythonRequirements`]), `poetry.lock` ([`PythonPoetryLock`]),
//! `Pipfile.lock` ([`PythonPipfileLock`]), `uv.lock` ([`PythonUvLock`]), `pdm.lock`
//! ([`PythonPdmLock`]) and PEP 751's `pylock.toml` ([`PythonPylock`]).
//!
//! Both installed-distribution catalogers read the same core-metadata format
//! (<https://packaging.python.org/en/latest/specifications/core-metadata/>): `Name`, `Version` and
//! the declared license (`License-Expression`, else `License`, else the `License :: …`
//! classifiers).

#[cfg(test)]
mod fixture_tests;
mod graph;
mod license;
mod metadata;
mod pdm_lock;
mod pep508;
mod pipfile_lock;
mod poetry_lock;
mod pylock;
mod pyproject;
mod record;
mod requirements;
mod toml_lock;
mod uv_lock;

pub use pdm_lock::PythonPdmLock;
pub use pipfile_lock::PythonPipfileLock;
pub use poetry_lock::PythonPoetryLock;
pub use pylock::PythonPylock;
pub use pyproject::PythonPyproject;
pub use requirements::PythonRequirements;
pub use uv_lock::PythonUvLock;

use std::borrow::Cow;
use std::io;

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode, purl};

use self::metadata::{Header, Metadata};
use self::record::{BadLine, Entry};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `*.dist-info/METADATA`: one installed distribution (a wheel install), which owns the files its
/// `RECORD` lists.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonDistInfo};
/// let tree = MemoryTree::default();
/// let metadata = b"Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n";
/// let path = "lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA";
/// let catalog = PythonDistInfo.parse(&ManifestFile::new(path, metadata, &tree));
/// let six = &catalog.components[0];
/// assert_eq!(six.purl, "pkg:pypi/six@1.16.0");
/// assert_eq!(six.roots, ["lib/python3.11/site-packages/six-1.16.0.dist-info"]);
/// assert_eq!(six.declared[0].expression.as_ref().unwrap().to_string(), "MIT");
/// ```
pub struct PythonDistInfo;

/// `*.egg-info/PKG-INFO`, or a single-file `*.egg-info`: one distribution installed by setuptools
/// or distutils, or the develop-install metadata of the project itself (an `.egg-info` directory
/// beside `setup.py` or `pyproject.toml` is first-party).
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonEggInfo};
/// use clearance_model::Origin;
/// let tree = MemoryTree::default().with("setup.py", "from setuptools import setup\nsetup()\n");
/// let pkg_info = b"Metadata-Version: 2.1\nName: acme-tools\nVersion: 0.3.0\nLicense: Proprietary\n";
/// let catalog = PythonEggInfo.parse(&ManifestFile::new("acme_tools.egg-info/PKG-INFO", pkg_info, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:pypi/acme-tools@0.3.0");
/// assert_eq!(catalog.components[0].origin, Origin::FirstParty);
/// ```
pub struct PythonEggInfo;

/// Directory names under which an installed distribution is a dependency.
const INSTALL_DIRS: &[&str] = &["site-packages", "dist-packages"];

/// Files that mark a Python project's root.
const PROJECT_FILES: &[&str] = &["setup.py", "pyproject.toml", "setup.cfg"];

/// How many garbled lines of one install record are reported one by one.
const MAX_BAD_LINES: usize = 5;

/// Where the metadata file sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout<'a> {
    /// `<dir>/METADATA`, `dir` ending in `.dist-info`.
    DistInfo { dir: &'a str },
    /// `<dir>/PKG-INFO`, `dir` ending in `.egg-info`.
    EggInfoDir { dir: &'a str },
    /// The file is the `.egg-info` itself.
    EggInfoFile,
}

impl Cataloger for PythonDistInfo {
    fn name(&self) -> &'static str {
        "python-dist-info"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &["*.dist-info/METADATA", "**/*.dist-info/METADATA"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        read_distribution(self.name(), file, Layout::DistInfo { dir: file.dir() })
    }
}

impl Cataloger for PythonEggInfo {
    fn name(&self) -> &'static str {
        "python-egg-info"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        // `*` does not cross `/`, so the file globs only match a path whose last component ends in
        // `.egg-info`: never a file inside an `.egg-info` directory.
        &[
            "*.egg-info/PKG-INFO",
            "**/*.egg-info/PKG-INFO",
            "*.egg-info",
            "**/*.egg-info",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let dir = file.dir();
        let file_name = file.path.rsplit('/').next().unwrap_or(file.path);
        let layout = if file_name == "PKG-INFO" && dir.ends_with(".egg-info") {
            Layout::EggInfoDir { dir }
        } else {
            Layout::EggInfoFile
        };
        read_distribution(self.name(), file, layout)
    }
}

/// Reads one core-metadata file into a component.
fn read_distribution(
    cataloger: &'static str,
    file: &ManifestFile<'_>,
    layout: Layout<'_>,
) -> Catalog {
    let mut problems = Vec::new();
    let Some(meta) = read_metadata(file, &mut problems) else {
        return Catalog {
            components: Vec::new(),
            problems,
        };
    };
    let Some((name, version)) = identity(&meta, file.path, &mut problems) else {
        return Catalog {
            components: Vec::new(),
            problems,
        };
    };
    let mut c = Component::new(
        Ecosystem::Python,
        name.value.as_str(),
        Some(version.value.clone()),
        purl(Ecosystem::Python, None, &name.value, Some(&version.value)),
    );
    let project_dir = project_dir(file, layout);
    c.origin = if project_dir.is_some() {
        Origin::FirstParty
    } else {
        Origin::ThirdParty
    };
    c.declared.extend(license::declared(
        &meta,
        cataloger,
        file.path,
        &mut problems,
    ));
    c.roots.extend(match layout {
        Layout::DistInfo { dir } | Layout::EggInfoDir { dir } if !dir.is_empty() => {
            Some(dir.to_string())
        }
        _ => None,
    });
    c.owned_files = owned_files(file, layout, &mut problems);
    add_license_files(
        file,
        layout,
        &meta,
        project_dir.as_deref(),
        &mut c.owned_files,
    );
    c.owned_files.sort();
    c.owned_files.dedup();
    c.authors = authors(&meta);
    c.sources
        .push(source(cataloger, file.path, Some(name.line)));
    Catalog {
        components: vec![c],
        problems,
    }
}

/// The people the metadata names: `Author`, `Author-email`, `Maintainer`, `Maintainer-email`, in
/// that order, de-duplicated. An `…-email` field may list several addresses
/// (`Jane <jane@x.org>, john@x.org`); each is kept as written. A single name with a single bare
/// address (what setuptools writes for `author="Jane"`, `author_email="jane@x.org"`) is one
/// person, `Jane <jane@x.org>`. `UNKNOWN` (old setuptools' placeholder) is no one.
fn authors(meta: &Metadata) -> Vec<String> {
    let value = |name: &str| {
        meta.first(name)
            .map(|h| h.value.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|v| !v.is_empty() && v != "UNKNOWN")
    };
    let mut out = Vec::new();
    for (name_field, email_field) in [
        ("Author", "Author-email"),
        ("Maintainer", "Maintainer-email"),
    ] {
        let name = value(name_field);
        let emails = value(email_field)
            .map(|e| split_addresses(&e))
            .unwrap_or_default();
        match (name, emails.as_slice()) {
            (Some(n), [e]) if !n.contains([',', '<']) && !e.contains(['<', '"']) => {
                util::push_authors(&mut out, [format!("{n} <{e}>").as_str()]);
            }
            (name, emails) => {
                util::push_authors(&mut out, name.as_deref());
                util::push_authors(&mut out, emails.iter().map(String::as_str));
            }
        }
    }
    out
}

/// Splits a list of addresses at the commas outside quotes and angle brackets.
fn split_addresses(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quoted, mut angle) = (false, false);
    for ch in list.chars() {
        match ch {
            '"' => quoted = !quoted,
            '<' if !quoted => angle = true,
            '>' if !quoted => angle = false,
            ',' if !quoted && !angle => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    out.push(cur);
    out.into_iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// Decodes and parses the metadata file. `None` for binary content; problems for invalid UTF-8
/// (read lossily) and for lines that are not headers.
fn read_metadata(file: &ManifestFile<'_>, problems: &mut Vec<Problem>) -> Option<Metadata> {
    if let Some(at) = file.contents.iter().position(|&b| b == 0) {
        problems.push(
            Problem::new(
                ProblemCode::ManifestParse,
                file.path,
                "binary content (a NUL byte); not a core-metadata file",
            )
            .at_line(crate::line_of_offset(file.contents, at)),
        );
        return None;
    }
    let text = match file.text() {
        Ok(t) => Cow::Borrowed(t),
        Err(p) => {
            problems.push(Problem {
                message: format!("{}; read with replacement characters", p.message),
                ..p
            });
            String::from_utf8_lossy(file.contents)
        }
    };
    let meta = Metadata::parse(&text);
    if let Some(&first) = meta.malformed.first() {
        let more = match meta.malformed.len() {
            1 => String::new(),
            n => format!(" ({n} such lines)"),
        };
        problems.push(
            Problem::new(
                ProblemCode::ManifestParse,
                file.path,
                format!(
                    "line is neither a `Field: value` header nor its continuation; skipped{more}"
                ),
            )
            .at_line(first),
        );
    }
    check_metadata_version(&meta, file.path, problems);
    Some(meta)
}

/// The `Name` and `Version` headers; a problem at line 1 when either is missing, and one at the
/// name when it is not a valid project name (the distribution is still read).
fn identity<'m>(
    meta: &'m Metadata,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<(&'m Header, &'m Header)> {
    let (name, version) = (meta.first("Name"), meta.first("Version"));
    let missing = match (name, version) {
        (Some(n), Some(v)) => {
            if !is_project_name(&n.value) {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        path,
                        format!(
                            "`{}` is not a valid Python project name",
                            n.value.escape_debug()
                        ),
                    )
                    .at_line(n.line),
                );
            }
            return Some((n, v));
        }
        (None, None) => "no `Name` and no `Version` header",
        (None, Some(_)) => "no `Name` header",
        (Some(_), None) => "no `Version` header",
    };
    problems.push(
        Problem::new(
            ProblemCode::ManifestValue,
            path,
            format!("{missing}; no distribution read"),
        )
        .at_line(1),
    );
    None
}

/// The files an install record lists: `RECORD` for a `.dist-info` (paths relative to the
/// directory that holds it), pip's `installed-files.txt` for an `.egg-info` directory (paths
/// relative to it; `SOURCES.txt` lists the sdist's files, not what was installed), and the file
/// itself for a single-file `.egg-info`.
fn owned_files(
    file: &ManifestFile<'_>,
    layout: Layout<'_>,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let mut owned = Vec::new();
    let beside = |name: &str| util::join(util::parent(file.path), name).unwrap_or_default();
    match layout {
        Layout::DistInfo { dir } => read_install_record(
            file,
            &beside("RECORD"),
            util::parent(dir),
            record::parse_record,
            &mut owned,
            problems,
        ),
        Layout::EggInfoDir { dir } => read_install_record(
            file,
            &beside("installed-files.txt"),
            dir,
            record::parse_installed_files,
            &mut owned,
            problems,
        ),
        Layout::EggInfoFile => owned.push(file.path.to_string()),
    }
    owned
}

/// Reports a `Metadata-Version` this reader does not know.
fn check_metadata_version(meta: &Metadata, path: &str, problems: &mut Vec<Problem>) {
    let Some(h) = meta.first("Metadata-Version") else {
        return;
    };
    let major = h
        .value
        .split('.')
        .next()
        .and_then(|m| m.trim().parse::<u32>().ok());
    let message = match major {
        Some(1 | 2) => return,
        Some(_) => format!(
            "`Metadata-Version: {}` is newer than this reader; read as 2.x",
            h.value
        ),
        None => format!(
            "`Metadata-Version: {}` is not a version; read as 2.x",
            h.value.escape_debug()
        ),
    };
    problems.push(Problem::new(ProblemCode::ManifestValue, path, message).at_line(h.line));
}

/// A project name as PEP 508 allows: ASCII letters and digits, with `.`, `_`, `-` inside.
fn is_project_name(name: &str) -> bool {
    let b = name.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
        }
        _ => false,
    }
}

/// The project root of a develop install: an `.egg-info` directory outside any `site-packages`
/// whose parent (or, for a `src/` layout, grandparent) holds `setup.py`, `pyproject.toml` or
/// `setup.cfg`. Installed distributions (`.dist-info`, single-file `.egg-info`) have none.
fn project_dir(file: &ManifestFile<'_>, layout: Layout<'_>) -> Option<String> {
    let Layout::EggInfoDir { dir } = layout else {
        return None;
    };
    if INSTALL_DIRS.iter().any(|d| util::has_dir(file.path, d)) {
        return None;
    }
    let parent = util::parent(dir);
    let mut candidates = vec![parent];
    if parent == "src" || parent.ends_with("/src") {
        candidates.push(util::parent(parent));
    }
    candidates.into_iter().find_map(|d| {
        let has_project_file = PROJECT_FILES
            .iter()
            .any(|f| util::join(d, f).is_some_and(|p| file.tree.is_file(&p)));
        has_project_file.then(|| d.to_string())
    })
}

/// Reads an install record at `record` (RECORD or `installed-files.txt`) whose paths are relative
/// to `base`, adding the root-relative paths to `owned`. A missing record is not a problem; paths
/// that leave the scanned root (`../../../bin/x` of an install prefix outside it, absolute paths)
/// are dropped.
fn read_install_record(
    file: &ManifestFile<'_>,
    record: &str,
    base: &str,
    parse: fn(&str) -> (Vec<Entry>, Vec<BadLine>),
    owned: &mut Vec<String>,
    problems: &mut Vec<Problem>,
) {
    let bytes = match file.tree.read(record) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return,
        Err(e) => {
            problems.push(Problem::new(
                ProblemCode::Unreadable,
                record,
                format!("cannot read the install record: {e}"),
            ));
            return;
        }
    };
    // Rows with invalid UTF-8 come out with U+FFFD and are reported as garbled, with their line.
    let text = String::from_utf8_lossy(&bytes);
    let (entries, bad) = parse(&text);
    for b in bad.iter().take(MAX_BAD_LINES) {
        problems.push(
            Problem::new(ProblemCode::ManifestValue, record, b.message.as_str()).at_line(b.line),
        );
    }
    if let Some(next) = bad.get(MAX_BAD_LINES) {
        problems.push(
            Problem::new(
                ProblemCode::ManifestValue,
                record,
                format!(
                    "{} more garbled lines from here on, not listed one by one",
                    bad.len() - MAX_BAD_LINES
                ),
            )
            .at_line(next.line),
        );
    }
    for entry in entries {
        if is_absolute(&entry.path) {
            continue;
        }
        if let Some(p) = util::join(base, &entry.path).filter(|p| !p.is_empty()) {
            owned.push(p);
        }
    }
}

/// `true` for `/x`, `\x` and `C:\x` / `C:/x`.
fn is_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with(['/', '\\']) || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// Adds the files named by `License-File` headers to `owned`: Metadata 2.4 puts them under
/// `<dist-info>/licenses/`, older writers in the metadata directory itself; a develop install's
/// are in the project root. Files not present, and paths that are absolute or climb with `..`
/// (the specification forbids both), are skipped.
fn add_license_files(
    file: &ManifestFile<'_>,
    layout: Layout<'_>,
    meta: &Metadata,
    project_dir: Option<&str>,
    owned: &mut Vec<String>,
) {
    let dir = match layout {
        Layout::DistInfo { dir } | Layout::EggInfoDir { dir } => dir,
        Layout::EggInfoFile => return,
    };
    let licenses = util::join(dir, "licenses").unwrap_or_default();
    let bases: Vec<&str> = [Some(licenses.as_str()), Some(dir), project_dir]
        .into_iter()
        .flatten()
        .collect();
    for h in meta.all("License-File") {
        if h.value.is_empty()
            || is_absolute(&h.value)
            || h.value.split(['/', '\\']).any(|c| c == "..")
        {
            continue;
        }
        let found = bases
            .iter()
            .filter_map(|b| util::join(b, &h.value))
            .find(|p| file.tree.is_file(p));
        owned.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DiskTree, MemoryTree, Registry};
    use clearance_model::declared::Reading;

    const DIST: &str = "lib/python3.11/site-packages/requests-2.32.3.dist-info";

    fn parse(c: &dyn Cataloger, path: &str, contents: &[u8], tree: &MemoryTree) -> Catalog {
        c.parse(&ManifestFile::new(path, contents, tree))
    }

    fn expr(c: &Component) -> String {
        c.declared
            .first()
            .and_then(|d| d.expression.as_ref())
            .map_or_else(|| "<none>".into(), ToString::to_string)
    }

    #[test]
    fn authors_and_maintainers() {
        let meta = |text: &str| authors(&Metadata::parse(text));
        assert_eq!(
            meta("Name: a\nAuthor: Jane Doe\nAuthor-email: jane@x.org\nMaintainer: Bob\n"),
            ["Jane Doe <jane@x.org>", "Bob"]
        );
        assert_eq!(
            meta(
                "Name: a\nAuthor-email: \"Doe, Jane\" <jane@x.org>, John <john@x.org>\nMaintainer-email: Jane <jane@x.org>\n"
            ),
            [
                "\"Doe, Jane\" <jane@x.org>",
                "John <john@x.org>",
                "Jane <jane@x.org>"
            ]
        );
        // The same person as author and maintainer is named once.
        assert_eq!(
            meta(
                "Name: a\nAuthor: Jane\nAuthor-email: jane@x.org\nMaintainer: Jane\nMaintainer-email: jane@x.org\n"
            ),
            ["Jane <jane@x.org>"]
        );
        // Several names, or a name with an address of its own, stay apart.
        assert_eq!(
            meta("Name: a\nAuthor: Jane, John\nAuthor-email: team@x.org\n"),
            ["Jane, John", "team@x.org"]
        );
        assert_eq!(
            meta("Name: a\nAuthor: UNKNOWN\nAuthor-email: UNKNOWN\nMaintainer:\n"),
            Vec::<String>::new()
        );
        assert_eq!(meta("Name: a\nAuthor-email: ,,<\n"), ["<"]);
    }

    #[test]
    fn globs() {
        let r = Registry::new();
        let python = |p: &str| {
            r.matching(p)
                .filter(|(c, _)| c.ecosystem() == Ecosystem::Python)
                .map(|(c, _)| c.name())
                .collect::<Vec<_>>()
        };
        let dist = ["python-dist-info"];
        let egg = ["python-egg-info"];
        assert_eq!(
            python("lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA"),
            dist
        );
        assert_eq!(python("six-1.16.0.dist-info/METADATA"), dist);
        assert_eq!(python("src/foo.egg-info/PKG-INFO"), egg);
        assert_eq!(python("foo.egg-info/PKG-INFO"), egg);
        assert_eq!(python("usr/lib/python2.7/wsgiref.egg-info"), egg);
        assert_eq!(python("Python-2.7.18-py2.7.egg-info"), egg);
        for none in [
            "lib/python3.11/site-packages/six-1.16.0.dist-info/RECORD",
            "lib/python3.11/site-packages/six-1.16.0.dist-info/licenses/METADATA/x",
            "src/foo.egg-info/SOURCES.txt",
            "src/foo.egg-info/installed-files.txt",
            "PKG-INFO",
            "METADATA",
            "build/METADATA",
            "foo.dist-info.bak/METADATA",
            "foo.egg-info.txt",
            "foo.egg",
            "six-1.16.0.dist-info",
        ] {
            assert!(python(none).is_empty(), "{none} should not be read");
        }
    }

    #[test]
    fn dist_info_with_record() {
        let record = "requests/__init__.py,sha256=4xaAERmPDIBPsa2PsjpU9r06yooK-2mZKHTZAhWRWts,4948\n\
                      requests/__pycache__/__init__.cpython-311.pyc,,\n\
                      \"requests/data/a,b.txt\",sha256=abc,3\n\
                      requests-2.32.3.dist-info/LICENSE,sha256=CeipvOyAZxBGUsFoaFqwkx54aPnIKEtm9a5u2uXxEws,10142\n\
                      requests-2.32.3.dist-info/METADATA,sha256=ZY7oRUweLnb7jCEnc_3e4oG-Y0EXb8vEAwwWu4cmuYg,4610\n\
                      requests-2.32.3.dist-info/RECORD,,\n\
                      ../../../bin/normalizer,sha256=abc,250\n\
                      ../../../../../usr/bin/outside,sha256=abc,250\n\
                      /opt/absolute/tool,sha256=abc,250\n";
        let tree = MemoryTree::default()
            .with(&format!("{DIST}/RECORD"), record)
            .with(&format!("{DIST}/LICENSE"), "Apache License");
        let metadata = "Metadata-Version: 2.1\nName: requests\nVersion: 2.32.3\nLicense: Apache-2.0\n\
                        Classifier: License :: OSI Approved :: Apache Software License\nLicense-File: LICENSE\n\n# Requests\n";
        let cat = parse(
            &PythonDistInfo,
            &format!("{DIST}/METADATA"),
            metadata.as_bytes(),
            &tree,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:pypi/requests@2.32.3");
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.roots, [DIST]);
        assert_eq!(expr(c), "Apache-2.0");
        assert_eq!(c.declared[0].reading, Reading::Spdx);
        assert!(c.declared[0].notes.is_empty(), "{:?}", c.declared[0].notes);
        assert_eq!(c.sources[0].line, Some(2));
        assert_eq!(
            c.owned_files,
            [
                "bin/normalizer",
                "lib/python3.11/site-packages/requests-2.32.3.dist-info/LICENSE",
                "lib/python3.11/site-packages/requests-2.32.3.dist-info/METADATA",
                "lib/python3.11/site-packages/requests-2.32.3.dist-info/RECORD",
                "lib/python3.11/site-packages/requests/__init__.py",
                "lib/python3.11/site-packages/requests/__pycache__/__init__.cpython-311.pyc",
                "lib/python3.11/site-packages/requests/data/a,b.txt",
            ]
        );
    }

    #[test]
    fn license_expression_and_licenses_dir() {
        let dir = "venv/lib/python3.12/site-packages/attrs-25.1.0.dist-info";
        let tree =
            MemoryTree::default().with(&format!("{dir}/licenses/LICENSE"), "The MIT License (MIT)");
        let metadata = "Metadata-Version: 2.4\nName: attrs\nVersion: 25.1.0\nLicense-Expression: MIT\nLicense-File: LICENSE\n";
        let cat = parse(
            &PythonDistInfo,
            &format!("{dir}/METADATA"),
            metadata.as_bytes(),
            &tree,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(expr(c), "MIT");
        assert_eq!(c.declared[0].reading, Reading::Spdx);
        assert_eq!(c.declared[0].source.line, Some(4));
        // No RECORD: still the License-File.
        assert_eq!(c.owned_files, [format!("{dir}/licenses/LICENSE")]);

        // A License-File may not climb out of the metadata directory.
        let tree = tree.with("venv/lib/python3.12/site-packages/other/LICENSE", "x");
        let metadata = "Name: attrs\nVersion: 25.1.0\nLicense-File: ../other/LICENSE\nLicense-File: /etc/LICENSE\n";
        let cat = parse(
            &PythonDistInfo,
            &format!("{dir}/METADATA"),
            metadata.as_bytes(),
            &tree,
        );
        assert!(
            cat.components[0].owned_files.is_empty(),
            "{:?}",
            cat.components[0].owned_files
        );
    }

    #[test]
    fn target_dir_dist_info_is_third_party() {
        let cat = parse(
            &PythonDistInfo,
            "vendor/python/six-1.16.0.dist-info/METADATA",
            b"Name: six\nVersion: 1.16.0\nLicense: MIT\n",
            &MemoryTree::default(),
        );
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::ThirdParty);
        // RECORD paths of a `--target` dir are relative to the target dir.
        assert!(c.owned_files.is_empty());
        assert!(cat.problems.is_empty());
    }

    #[test]
    fn name_keeps_spelling_and_purl_normalises() {
        let cat = parse(
            &PythonDistInfo,
            "site-packages/Typing_Extensions-4.12.2.dist-info/METADATA",
            b"Name: Typing_Extensions\nVersion: 4.12.2\n",
            &MemoryTree::default(),
        );
        let c = &cat.components[0];
        assert_eq!(c.name, "Typing_Extensions");
        assert_eq!(c.purl, "pkg:pypi/typing-extensions@4.12.2");
        assert!(c.declared.is_empty());
    }

    #[test]
    fn unknown_license_declares_nothing() {
        let cat = parse(
            &PythonDistInfo,
            "site-packages/backcall-0.2.0.dist-info/METADATA",
            b"Metadata-Version: 2.1\nName: backcall\nVersion: 0.2.0\nLicense: UNKNOWN\nPlatform: UNKNOWN\n",
            &MemoryTree::default(),
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert!(cat.components[0].declared.is_empty());
    }

    #[test]
    fn egg_info_dir_with_installed_files() {
        let dir = "venv/lib/python3.8/site-packages/docopt-0.6.2-py3.8.egg-info";
        let installed = "../docopt.py\n../__pycache__/docopt.cpython-38.pyc\nPKG-INFO\nSOURCES.txt\n\
                         ../../../../bin/docopt-run\n../../../../../../etc/outside\n";
        let tree = MemoryTree::default()
            .with(&format!("{dir}/installed-files.txt"), installed)
            .with("setup.py", "not this project's egg");
        let pkg_info = "Metadata-Version: 1.1\nName: docopt\nVersion: 0.6.2\nLicense: MIT\n\
                        Description: ``docopt`` creates *beautiful* command-line interfaces\n        ====\n\
                        Classifier: License :: OSI Approved :: MIT License\n";
        let cat = parse(
            &PythonEggInfo,
            &format!("{dir}/PKG-INFO"),
            pkg_info.as_bytes(),
            &tree,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.roots, [dir]);
        assert_eq!(expr(c), "MIT");
        assert_eq!(
            c.owned_files,
            [
                "venv/bin/docopt-run",
                "venv/lib/python3.8/site-packages/__pycache__/docopt.cpython-38.pyc",
                "venv/lib/python3.8/site-packages/docopt-0.6.2-py3.8.egg-info/PKG-INFO",
                "venv/lib/python3.8/site-packages/docopt-0.6.2-py3.8.egg-info/SOURCES.txt",
                "venv/lib/python3.8/site-packages/docopt.py",
            ]
        );
    }

    #[test]
    fn egg_info_file_form() {
        let path = "usr/lib/python2.7/wsgiref.egg-info";
        let cat = parse(
            &PythonEggInfo,
            path,
            b"Metadata-Version: 1.0\nName: wsgiref\nVersion: 0.1.2\nLicense: PSF\nPlatform: UNKNOWN",
            &MemoryTree::default(),
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:pypi/wsgiref@0.1.2");
        assert_eq!(c.origin, Origin::ThirdParty);
        assert!(c.roots.is_empty());
        assert_eq!(c.owned_files, [path]);
        assert_eq!(expr(c), "PSF-2.0");
    }

    #[test]
    fn egg_info_dir_without_record_ignores_sources_txt() {
        let dir = "usr/lib/python3/dist-packages/crcmod-1.7.egg-info";
        let tree = MemoryTree::default()
            .with(
                &format!("{dir}/SOURCES.txt"),
                "setup.py\ncrcmod/__init__.py\n",
            )
            .with(
                "usr/lib/python3/dist-packages/setup.py",
                "odd, but in dist-packages",
            );
        let cat = parse(
            &PythonEggInfo,
            &format!("{dir}/PKG-INFO"),
            b"Name: crcmod\nVersion: 1.7\nLicense: MIT\n",
            &tree,
        );
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.roots, [dir]);
        assert!(c.owned_files.is_empty(), "{:?}", c.owned_files);
    }

    #[test]
    fn first_party_egg_info_beside_setup_py() {
        let pkg_info = b"Metadata-Version: 2.1\nName: acme-reporting\nVersion: 0.3.0\nLicense: Proprietary\nLicense-File: LICENSE.txt\n";
        // Flat layout: `project/acme_reporting.egg-info` beside `project/setup.py`.
        let tree = MemoryTree::default()
            .with("project/setup.py", "")
            .with("project/LICENSE.txt", "All rights reserved.");
        let cat = parse(
            &PythonEggInfo,
            "project/acme_reporting.egg-info/PKG-INFO",
            pkg_info,
            &tree,
        );
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::FirstParty);
        assert_eq!(c.roots, ["project/acme_reporting.egg-info"]);
        assert_eq!(c.owned_files, ["project/LICENSE.txt"]);
        assert_eq!(expr(c), clearance_model::declared::PROPRIETARY);

        // `src/` layout with a pyproject.toml.
        let tree =
            MemoryTree::default().with("pyproject.toml", "[project]\nname = \"acme-reporting\"\n");
        let cat = parse(
            &PythonEggInfo,
            "src/acme_reporting.egg-info/PKG-INFO",
            pkg_info,
            &tree,
        );
        assert_eq!(cat.components[0].origin, Origin::FirstParty);

        // Nothing beside it: somebody else's metadata.
        let cat = parse(
            &PythonEggInfo,
            "lib/acme_reporting.egg-info/PKG-INFO",
            pkg_info,
            &MemoryTree::default(),
        );
        assert_eq!(cat.components[0].origin, Origin::ThirdParty);
    }

    #[test]
    fn missing_name_or_version() {
        let cat = parse(
            &PythonDistInfo,
            "a.dist-info/METADATA",
            b"Metadata-Version: 2.1\nName: a\n",
            &MemoryTree::default(),
        );
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        let p = &cat.problems[0];
        assert_eq!(
            (p.code, p.line, p.path.as_str()),
            (ProblemCode::ManifestValue, Some(1), "a.dist-info/METADATA")
        );
        assert!(p.message.contains("no `Version`"), "{}", p.message);

        let cat = parse(
            &PythonDistInfo,
            "a.dist-info/METADATA",
            b"",
            &MemoryTree::default(),
        );
        assert!(
            cat.problems[0]
                .message
                .contains("no `Name` and no `Version`"),
            "{:?}",
            cat.problems
        );
    }

    #[test]
    fn truncated_metadata_names_lines() {
        let text = b"Metadata-Version: 2.3\nName: urllib3\nSummary: HTTP library with thread-safe connection pooling\nVers";
        let cat = parse(
            &PythonDistInfo,
            "x/urllib3-2.2.3.dist-info/METADATA",
            text,
            &MemoryTree::default(),
        );
        assert!(cat.components.is_empty());
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestParse, Some(4)),
                (ProblemCode::ManifestValue, Some(1))
            ]
        );
    }

    #[test]
    fn non_utf8_metadata_is_read_lossily() {
        let mut text = b"Metadata-Version: 2.1\nName: Unidecode\nVersion: 1.3.8\nAuthor: Toma\x9e \x8aolc\nLicense: GPL\n".to_vec();
        text.extend_from_slice(b"Classifier: License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)\n");
        let cat = parse(
            &PythonDistInfo,
            "s/Unidecode-1.3.8.dist-info/METADATA",
            &text,
            &MemoryTree::default(),
        );
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.problems.len(), 1);
        let p = &cat.problems[0];
        assert_eq!((p.code, p.line), (ProblemCode::ManifestParse, Some(4)));
        assert!(
            p.message.contains("UTF-8") && p.message.contains("replacement"),
            "{}",
            p.message
        );
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:pypi/unidecode@1.3.8");
        assert_eq!(expr(c), "GPL-1.0-or-later");
        assert!(
            c.declared[0]
                .notes
                .iter()
                .any(|n| n.contains("`GPL-2.0-or-later`")),
            "{:?}",
            c.declared[0].notes
        );
    }

    #[test]
    fn binary_garbage_is_one_problem() {
        let junk: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
        let cat = parse(
            &PythonDistInfo,
            "x/idna-3.10.dist-info/METADATA",
            &junk,
            &MemoryTree::default(),
        );
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(
            (cat.problems[0].code, cat.problems[0].line),
            (ProblemCode::ManifestParse, Some(1))
        );

        // Garbage without NUL bytes: problems, no panic, no component.
        let junk: Vec<u8> = (1..=255u8).rev().cycle().take(3000).collect();
        let cat = parse(
            &PythonEggInfo,
            "x/junk.egg-info",
            &junk,
            &MemoryTree::default(),
        );
        assert!(cat.components.is_empty());
        assert!(
            cat.problems
                .iter()
                .any(|p| p.code == ProblemCode::ManifestValue)
        );
    }

    #[test]
    fn garbled_record_lines_are_reported() {
        let dir = "site-packages/charset_normalizer-3.4.0.dist-info";
        let record = "charset_normalizer/__init__.py,sha256=OKRxRv2Zhnqk00tqkN0c1BtJjm165fWXLydE52IKuHc,1590\n\
                      \"charset_normalizer/api.py,sha256=qBRz8mJ_R5E713R,19723\n\
                      charset_normalizer/cd.py,sha256=x,1,extra\n\
                      charset_normalizer/md.py,sha256=x,20kb\n";
        let tree = MemoryTree::default().with(&format!("{dir}/RECORD"), record);
        let cat = parse(
            &PythonDistInfo,
            &format!("{dir}/METADATA"),
            b"Name: charset-normalizer\nVersion: 3.4.0\nLicense: MIT\n",
            &tree,
        );
        assert_eq!(
            cat.components[0].owned_files,
            ["site-packages/charset_normalizer/__init__.py"]
        );
        let got: Vec<(&str, ProblemCode, Option<u32>)> = cat
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.code, p.line))
            .collect();
        let rec = format!("{dir}/RECORD");
        assert_eq!(
            got,
            [
                (rec.as_str(), ProblemCode::ManifestValue, Some(2)),
                (rec.as_str(), ProblemCode::ManifestValue, Some(3)),
                (rec.as_str(), ProblemCode::ManifestValue, Some(4)),
            ]
        );
    }

    #[test]
    fn many_garbled_record_lines_are_summarised() {
        let record: String = (0..20).map(|i| format!("\"bad{i},,\n")).collect();
        let tree = MemoryTree::default().with("a.dist-info/RECORD", record);
        let cat = parse(
            &PythonDistInfo,
            "a.dist-info/METADATA",
            b"Name: a\nVersion: 1\n",
            &tree,
        );
        assert_eq!(cat.problems.len(), MAX_BAD_LINES + 1);
        let last = &cat.problems[MAX_BAD_LINES];
        assert_eq!(last.line, Some(6));
        assert!(last.message.starts_with("15 more"), "{}", last.message);
    }

    #[test]
    fn odd_values_are_reported() {
        let cat = parse(
            &PythonDistInfo,
            "a.dist-info/METADATA",
            b"Metadata-Version: 3.0\nName: not a name!\nVersion: 1\n",
            &MemoryTree::default(),
        );
        assert_eq!(cat.components.len(), 1);
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestValue, Some(1)),
                (ProblemCode::ManifestValue, Some(2))
            ]
        );
        assert!(
            is_project_name("zope.interface")
                && is_project_name("a")
                && !is_project_name("-a")
                && !is_project_name("")
        );
    }

    // ---- fixtures -------------------------------------------------------------------------------

    const FIXTURES: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/ecosystems/python"
    );

    /// Every file under `dir`, root-relative, sorted.
    fn files(root: &std::path::Path, rel: &str, out: &mut Vec<String>) {
        let dir = if rel.is_empty() {
            root.to_path_buf()
        } else {
            root.join(rel)
        };
        let Ok(read) = std::fs::read_dir(&dir) else {
            return;
        };
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            match entry.file_type() {
                Ok(t) if t.is_dir() => files(root, &path, out),
                Ok(t) if t.is_file() => out.push(path),
                _ => {}
            }
        }
        out.sort();
    }

    /// Runs the Python catalogers of the registry over a fixture scenario.
    fn scan(scenario: &str) -> (Vec<Component>, Vec<Problem>) {
        let root = std::path::Path::new(FIXTURES).join(scenario);
        assert!(root.is_dir(), "missing fixture {}", root.display());
        let tree = DiskTree::new(&root);
        let registry = Registry::new();
        let mut paths = Vec::new();
        files(&root, "", &mut paths);
        let mut components = Vec::new();
        let mut problems = Vec::new();
        for path in &paths {
            for (cataloger, _) in registry
                .matching(path)
                .filter(|(c, _)| c.ecosystem() == Ecosystem::Python)
            {
                let bytes = std::fs::read(root.join(path)).expect("fixture file reads");
                let cat = cataloger.parse(&ManifestFile::new(path, &bytes, &tree));
                components.extend(cat.components);
                problems.extend(cat.problems);
            }
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        problems.sort();
        (components, problems)
    }

    fn json(components: &[Component]) -> serde_json::Value {
        serde_json::to_value(components).expect("components serialise")
    }

    #[test]
    fn fixture_site_packages() {
        let (components, problems) = scan("site-packages");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(components.len(), 6);
        assert!(components.iter().all(|c| c.origin == Origin::ThirdParty));
        insta::assert_json_snapshot!("site_packages_components", json(&components));
    }

    #[test]
    fn fixture_egg_info() {
        let (components, problems) = scan("egg-info");
        assert!(problems.is_empty(), "{problems:?}");
        let first_party: Vec<&str> = components
            .iter()
            .filter(|c| c.origin == Origin::FirstParty)
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(first_party, ["acme-reporting"]);
        insta::assert_json_snapshot!("egg_info_components", json(&components));
    }

    #[test]
    fn fixture_corrupt() {
        let (components, problems) = scan("corrupt");
        insta::assert_json_snapshot!("corrupt_components", json(&components));
        insta::assert_debug_snapshot!("corrupt_problems", problems);
    }

    #[test]
    fn fixture_empty_files_select_only_metadata() {
        let root = std::path::Path::new(FIXTURES).join("empty-files");
        let registry = Registry::new();
        let mut paths = Vec::new();
        files(&root, "", &mut paths);
        let selected: Vec<String> = paths
            .iter()
            .flat_map(|p| {
                registry
                    .matching(p)
                    .filter(|(c, _)| c.ecosystem() == Ecosystem::Python)
                    .map(move |(c, _)| format!("{p} -> {}", c.name()))
            })
            .collect();
        insta::assert_debug_snapshot!("empty_files_selected", selected);
        // Empty metadata files give a problem each and nothing else.
        let (components, problems) = scan("empty-files");
        assert!(components.is_empty());
        assert_eq!(problems.len(), selected.len());
        assert!(
            problems
                .iter()
                .all(|p| p.code == ProblemCode::ManifestValue && p.line == Some(1))
        );
    }
}
