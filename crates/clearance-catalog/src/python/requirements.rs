//! pip requirements files (`requirements.txt`, `requirements-dev.txt`, `requirements/*.txt`).
//!
//! Every requirement becomes a component, because whatever pip installs ships:
//!
//! - `name==version` (and `===`) pins the version; extras and environment markers do not change
//!   the package, and per-requirement options (`--hash=sha256:…`) are skipped. The source line
//!   points at the requirement, where the hashes and the marker are.
//! - A requirement that pins nothing (`name>=1.0`, `name`, `name @ git+https://…`) takes the
//!   version a constraints file (`-c constraints.txt`) pins, else it is listed *without a
//!   version*: dropping it would hide a package from the review, and inventing a version would be
//!   wrong.
//! - A URL or local path (`./wheels/six-1.16.0-py2.py3-none-any.whl`,
//!   `git+https://…#egg=name`, `-e …`) gives the name and version its file name or `#egg=`
//!   fragment tells. A local directory that is a Python project in the tree (`-e .`) is read from
//!   its own manifest and not listed here; any other location that names no package is a
//!   problem at its line.
//! - `-r other.txt` is followed within the tree (each file once, so loops end); its requirements
//!   are listed with their own file and line.
//! - pip-tools' `# via` annotations tell direct requirements (`via -r requirements.in`) from
//!   transitive ones, and give the dependency graph.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{Component, Ecosystem, Problem, ProblemCode, purl, python_normalised_name};

use super::pep508::{self, Requirement};
use super::poetry_lock::problem_at;
use super::{INSTALL_DIRS, PROJECT_FILES};
use crate::util::{self, source};
use crate::{Catalog, ManifestFile};

/// `requirements*.txt` and `requirements/*.txt`: what pip is told to install.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, python::PythonRequirements};
/// let tree = MemoryTree::default();
/// let text = b"requests[socks]==2.32.3 ; python_version >= \"3.8\" \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6\nflask>=3.0\n";
/// let catalog = PythonRequirements.parse(&ManifestFile::new("requirements.txt", text, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:pypi/requests@2.32.3");
/// assert_eq!(catalog.components[1].purl, "pkg:pypi/flask");
/// ```
pub struct PythonRequirements;

/// Options that take a value and change nothing this reader records.
const VALUE_OPTIONS: &[&str] = &[
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "--trusted-host",
    "--use-feature",
    "--only-binary",
    "--no-binary",
    "--progress-bar",
];

/// Options without a value that change nothing this reader records.
const FLAG_OPTIONS: &[&str] = &["--no-index", "--pre", "--prefer-binary", "--require-hashes"];

/// URL schemes of direct references, VCS ones included.
const URL_PREFIXES: &[&str] = &[
    "http://", "https://", "file:", "git+", "hg+", "svn+", "bzr+", "git://", "ftp://",
];

/// One logical line: a requirement or option (continuations joined), or a whole-line comment.
#[derive(Debug, PartialEq, Eq)]
enum Logical {
    Entry {
        line: u32,
        text: String,
        comment: Option<String>,
    },
    Comment {
        text: String,
    },
}

/// Splits the text into logical lines: a line ending in `\` continues on the next; `#` at the
/// start of a line or after white space starts a comment.
fn logical_lines(text: &str) -> Vec<Logical> {
    let mut out = Vec::new();
    let mut open: Option<(u32, String)> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if open.is_none() && line.trim_start().starts_with('#') {
            out.push(Logical::Comment {
                text: line.trim_start().trim_start_matches('#').to_string(),
            });
            continue;
        }
        let (start, mut acc) = open.take().unwrap_or((line_no, String::new()));
        if let Some(head) = line.strip_suffix('\\') {
            acc.push_str(head);
            acc.push(' ');
            open = Some((start, acc));
            continue;
        }
        acc.push_str(line);
        let (body, comment) = split_comment(&acc);
        if !body.trim().is_empty() || comment.is_some() {
            out.push(Logical::Entry {
                line: start,
                text: body.trim().to_string(),
                comment: comment.map(str::to_string),
            });
        }
    }
    if let Some((line, acc)) = open {
        let (body, comment) = split_comment(&acc);
        out.push(Logical::Entry {
            line,
            text: body.trim().to_string(),
            comment: comment.map(str::to_string),
        });
    }
    out
}

/// Splits off a `#` comment that starts the text or follows white space.
fn split_comment(s: &str) -> (&str, Option<&str>) {
    let at = s
        .char_indices()
        .find(|&(i, c)| c == '#' && (i == 0 || s[..i].ends_with([' ', '\t'])))
        .map(|(i, _)| i);
    match at {
        Some(i) => (&s[..i], Some(s[i + 1..].trim())),
        None => (s, None),
    }
}

/// What pip-tools says about where a requirement comes from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Via {
    /// Named by a requirements input (`-r requirements.in`) or `pyproject.toml`: direct.
    direct: bool,
    /// Packages that depend on it.
    parents: Vec<String>,
}

impl Via {
    fn add(&mut self, entry: &str) {
        let e = entry.trim();
        if e.is_empty() {
            return;
        }
        let input_file = [".in", ".txt", ".toml", ".cfg", ".py"]
            .iter()
            .any(|ext| e.ends_with(ext));
        if e.starts_with("-c") {
            // Only constrained by a file: says nothing about who asked for it.
        } else if e.starts_with("-r") || input_file {
            // `-r requirements.in`, `pyproject.toml`, `setup.cfg`: an input file of the project.
            self.direct = true;
        } else {
            let name = e.split(['[', ' ']).next().unwrap_or(e);
            self.parents.push(python_normalised_name(name));
        }
    }
}

/// One requirement read.
#[derive(Debug, Clone)]
struct Item {
    name: String,
    version: Option<String>,
    path: String,
    line: u32,
    via: Option<Via>,
}

/// Reads requirement files, following `-r` and `-c`.
struct Reader<'f, 'a> {
    file: &'f ManifestFile<'a>,
    visited: BTreeSet<String>,
    items: Vec<Item>,
    constraints: BTreeMap<String, String>,
    problems: Vec<Problem>,
}

impl Reader<'_, '_> {
    /// Reads one file; `constraints_only` for a `-c` file, whose pins give versions but add no
    /// packages.
    fn read(&mut self, path: &str, text: &str, constraints_only: bool) {
        if !self.visited.insert(path.to_string()) {
            return;
        }
        let dir = util::parent(path);
        // The requirement the `# via` comments that follow belong to, and whether a multi-line
        // `# via` list is open.
        let mut last: Option<usize> = None;
        let mut in_via = false;
        for logical in logical_lines(text) {
            match logical {
                Logical::Comment { text: c } => {
                    let indented = c.starts_with("   ");
                    let c = c.trim();
                    match (last, c.strip_prefix("via")) {
                        (Some(i), Some(rest)) if rest.is_empty() || rest.starts_with(' ') => {
                            let via = self.items[i].via.get_or_insert_with(Via::default);
                            via.add(rest);
                            in_via = rest.trim().is_empty();
                        }
                        (Some(i), _) if in_via && indented => {
                            if let Some(v) = self.items[i].via.as_mut() {
                                v.add(c);
                            }
                        }
                        _ => in_via = false,
                    }
                }
                Logical::Entry {
                    line,
                    text: body,
                    comment,
                } => {
                    in_via = false;
                    last = None;
                    if body.is_empty() {
                        continue;
                    }
                    let before = self.items.len();
                    self.entry(path, dir, line, &body, constraints_only);
                    if self.items.len() > before {
                        let i = self.items.len() - 1;
                        last = Some(i);
                        if let Some(rest) = comment.as_deref().and_then(|c| c.strip_prefix("via "))
                        {
                            let via = self.items[i].via.get_or_insert_with(Via::default);
                            for e in rest.split(',') {
                                via.add(e);
                            }
                        }
                    }
                }
            }
        }
    }

    /// One requirement or option line.
    fn entry(&mut self, path: &str, dir: &str, line: u32, body: &str, constraints_only: bool) {
        let (opt, value) = split_option(body);
        match opt {
            Some("-r" | "--requirement") | Some("-c" | "--constraint") => {
                let constraint = matches!(opt, Some("-c" | "--constraint"));
                self.follow(
                    path,
                    dir,
                    line,
                    opt.unwrap_or("-r"),
                    value,
                    constraints_only || constraint,
                );
            }
            Some("-e" | "--editable") => self.location(path, dir, line, value, constraints_only),
            Some(o) if VALUE_OPTIONS.contains(&o) || FLAG_OPTIONS.contains(&o) => {}
            Some(o) => self.problems.push(problem_at(
                ProblemCode::ManifestValue,
                path,
                line,
                format!("unknown option `{o}`; line skipped"),
            )),
            None => {
                // Per-requirement options (`--hash`, `--config-settings`) follow the requirement.
                let req = body
                    .split_whitespace()
                    .take_while(|t| !t.starts_with("--"))
                    .collect::<Vec<_>>()
                    .join(" ");
                if URL_PREFIXES.iter().any(|p| req.starts_with(p)) || looks_like_path(&req) {
                    self.location(path, dir, line, &req, constraints_only);
                } else {
                    self.requirement(path, line, &req, constraints_only);
                }
            }
        }
    }

    /// A PEP 508 requirement.
    fn requirement(&mut self, path: &str, line: u32, req: &str, constraints_only: bool) {
        match Requirement::parse(req) {
            Ok(r) => {
                let version = r.pinned().map(str::to_string).or_else(|| {
                    r.url
                        .and_then(pep508::archive_name_version)
                        .map(|(_, v)| v.to_string())
                });
                self.push(path, line, r.name, version, constraints_only);
            }
            Err(e) => self.problems.push(problem_at(
                ProblemCode::ManifestParse,
                path,
                line,
                format!("cannot read requirement `{req}`: {e}; skipped"),
            )),
        }
    }

    /// A URL or path, from `-e` or on its own line.
    fn location(&mut self, path: &str, dir: &str, line: u32, loc: &str, constraints_only: bool) {
        let loc = loc.split_whitespace().next().unwrap_or("");
        let egg = loc
            .split_once('#')
            .and_then(|(_, frag)| frag.split('&').find_map(|kv| kv.strip_prefix("egg=")));
        if let Some(name) = egg.filter(|n| super::is_project_name(n)) {
            let version = pep508::archive_name_version(loc).map(|(_, v)| v.to_string());
            self.push(path, line, name, version, constraints_only);
            return;
        }
        if let Some((name, version)) = pep508::archive_name_version(loc) {
            self.push(
                path,
                line,
                name,
                Some(version.to_string()),
                constraints_only,
            );
            return;
        }
        let local = loc.strip_prefix("file:").unwrap_or(loc);
        let is_local = !URL_PREFIXES.iter().any(|p| local.starts_with(p));
        let is_project = is_local
            && util::join(dir, local).is_some_and(|d| {
                PROJECT_FILES
                    .iter()
                    .any(|f| util::join(&d, f).is_some_and(|p| self.file.tree.is_file(&p)))
            });
        if !is_project && !constraints_only {
            self.problems.push(problem_at(
                ProblemCode::ManifestValue,
                path,
                line,
                format!("cannot tell which package `{loc}` installs (no `#egg=` name, no project in the tree); not listed"),
            ));
        }
    }

    /// `-r`/`-c` to another file, read from the tree.
    fn follow(
        &mut self,
        path: &str,
        dir: &str,
        line: u32,
        opt: &str,
        target: &str,
        constraints_only: bool,
    ) {
        if URL_PREFIXES.iter().any(|p| target.starts_with(p)) {
            self.problems.push(problem_at(
                ProblemCode::ManifestValue,
                path,
                line,
                format!("`{opt} {target}` is a URL; not followed"),
            ));
            return;
        }
        if target.is_empty() {
            self.problems.push(problem_at(
                ProblemCode::ManifestValue,
                path,
                line,
                format!("`{opt}` without a file name"),
            ));
            return;
        }
        let Some(joined) = util::join(dir, target) else {
            self.problems.push(problem_at(
                ProblemCode::ManifestValue,
                path,
                line,
                format!("`{opt} {target}` leaves the scanned tree; not followed"),
            ));
            return;
        };
        if self.visited.contains(&joined) {
            return;
        }
        let bytes = match self.file.tree.read(&joined) {
            Ok(b) => b,
            Err(_) => {
                self.problems.push(problem_at(
                    ProblemCode::ManifestValue,
                    path,
                    line,
                    format!("`{opt} {target}` names `{joined}`, which is not in the tree"),
                ));
                return;
            }
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // A file the globs select reports its own problems when it is read on its own.
        let own_problems = selected_by_globs(&joined).then_some(self.problems.len());
        self.read(&joined, &text, constraints_only);
        if let Some(n) = own_problems {
            let mut i = 0;
            self.problems.retain(|p| {
                i += 1;
                i <= n || p.path != joined
            });
        }
    }

    fn push(
        &mut self,
        path: &str,
        line: u32,
        name: &str,
        version: Option<String>,
        constraints_only: bool,
    ) {
        if constraints_only {
            if let Some(v) = version {
                self.constraints.insert(python_normalised_name(name), v);
            }
            return;
        }
        self.items.push(Item {
            name: name.to_string(),
            version,
            path: path.to_string(),
            line,
            via: None,
        });
    }
}

/// `(option, value)` of an option line (`-r x`, `--requirement=x`, `-rx`), or `(None, line)`.
fn split_option(body: &str) -> (Option<&str>, &str) {
    if !body.starts_with('-') {
        return (None, body);
    }
    if let Some((opt, value)) = body
        .split_once('=')
        .filter(|(o, _)| o.starts_with("--") && !o.contains(' '))
    {
        return (Some(opt), value.trim());
    }
    let (opt, value) = body.split_once([' ', '\t']).unwrap_or((body, ""));
    // Short options may be glued to their value: `-rbase.txt`.
    if !opt.starts_with("--")
        && opt.len() > 2
        && let Some(short) = opt.get(..2)
    {
        return (Some(short), opt.get(2..).unwrap_or("").trim());
    }
    (Some(opt), value.trim())
}

/// `true` when [`PythonRequirements`] reads the file at `path` on its own.
fn selected_by_globs(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let in_requirements_dir = util::parent(path).rsplit('/').next() == Some("requirements");
    name.ends_with(".txt")
        && (name.starts_with("requirements") || in_requirements_dir)
        && !name.contains("constraint")
}

/// `true` for a local path or archive rather than a project name: it starts with `.` or `/`,
/// holds a path separator, or ends like an archive.
fn looks_like_path(req: &str) -> bool {
    let first = req.split([';', ' ']).next().unwrap_or(req);
    first.starts_with(['.', '/', '~'])
        || (first.contains(['/', '\\']) && !first.contains('@'))
        || [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"]
            .iter()
            .any(|e| first.ends_with(e))
}

impl crate::Cataloger for PythonRequirements {
    fn name(&self) -> &'static str {
        "python-requirements"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Python
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "requirements*.txt",
            "**/requirements*.txt",
            "requirements/*.txt",
            "**/requirements/*.txt",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // A requirements file shipped inside an installed package is how that package was
        // developed, not what the product installs.
        if INSTALL_DIRS.iter().any(|d| util::has_dir(file.path, d)) {
            return Catalog::default();
        }
        // `requirements/constraints.txt` only pins what other files ask for; it is read when a
        // requirements file names it with `-c`.
        let file_name = file.path.rsplit('/').next().unwrap_or(file.path);
        if file_name.contains("constraint") {
            return Catalog::default();
        }
        let mut problems = Vec::new();
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
        let mut reader = Reader {
            file,
            visited: BTreeSet::new(),
            items: Vec::new(),
            constraints: BTreeMap::new(),
            problems,
        };
        reader.read(file.path, &text, false);
        let Reader {
            items,
            constraints,
            problems,
            ..
        } = reader;
        Catalog {
            components: components(self.name(), items, &constraints),
            problems,
        }
    }
}

/// Components from the items, in file order, one per purl; versions from constraints for
/// unpinned ones, directness and the graph from `# via` annotations.
fn components(
    cataloger: &str,
    items: Vec<Item>,
    constraints: &BTreeMap<String, String>,
) -> Vec<Component> {
    let mut out: Vec<Component> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    // Normalised name → purls, per file, for the `# via` graph.
    let mut by_name: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    let mut edges: Vec<(usize, String, String)> = Vec::new();
    for item in items {
        let norm = python_normalised_name(&item.name);
        let version = item.version.or_else(|| constraints.get(&norm).cloned());
        let p = purl(Ecosystem::Python, None, &item.name, version.as_deref());
        let i = *index.entry(p.clone()).or_insert_with(|| {
            out.push(Component::new(
                Ecosystem::Python,
                item.name.as_str(),
                version,
                p,
            ));
            out.len() - 1
        });
        let Some(c) = out.get_mut(i) else { continue };
        let s = source(cataloger, &item.path, Some(item.line));
        if !c.sources.contains(&s) {
            c.sources.push(s);
        }
        by_name
            .entry((item.path.clone(), norm))
            .or_default()
            .push(i);
        if let Some(via) = item.via {
            let direct = via.direct || c.direct == Some(true);
            c.direct = Some(direct);
            for parent in via.parents {
                edges.push((i, item.path.clone(), parent));
            }
        }
    }
    for (child, path, parent) in edges {
        let Some(child_purl) = out.get(child).map(|c| c.purl.clone()) else {
            continue;
        };
        for &p in by_name.get(&(path, parent)).into_iter().flatten() {
            if let Some(c) = out.get_mut(p)
                && !c.dependencies.contains(&child_purl)
            {
                c.dependencies.push(child_purl.clone());
            }
        }
    }
    for c in &mut out {
        c.dependencies.sort();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cataloger, MemoryTree};

    fn parse(path: &str, text: &str, tree: &MemoryTree) -> Catalog {
        PythonRequirements.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    fn summary(cat: &Catalog) -> Vec<(String, Option<bool>, String)> {
        cat.components
            .iter()
            .map(|c| {
                let lines: Vec<String> = c
                    .sources
                    .iter()
                    .map(|s| format!("{}:{}", s.path, s.line.unwrap_or(0)))
                    .collect();
                (c.purl.clone(), c.direct, lines.join(" "))
            })
            .collect()
    }

    #[test]
    fn logical_lines_join_continuations_and_split_comments() {
        let got = logical_lines(
            "# top\nsix==1.0 \\\n  --hash=sha256:ab # pinned\n\nurl#frag # c\n  # via x\nlast \\",
        );
        assert_eq!(
            got,
            [
                Logical::Comment {
                    text: " top".into()
                },
                Logical::Entry {
                    line: 2,
                    text: "six==1.0    --hash=sha256:ab".into(),
                    comment: Some("pinned".into())
                },
                Logical::Entry {
                    line: 5,
                    text: "url#frag".into(),
                    comment: Some("c".into())
                },
                Logical::Comment {
                    text: " via x".into()
                },
                Logical::Entry {
                    line: 7,
                    text: "last".into(),
                    comment: None
                },
            ]
        );
    }

    #[test]
    fn pins_markers_extras_and_unpinned() {
        let text = "requests[socks,security]==2.32.3 ; python_version >= \"3.8\" \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6 \\\n    --hash=sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760\n\
                    Django>=4.2,<5  # LTS\nnumpy===1.26.4\nzope.interface\n";
        let cat = parse("requirements.txt", text, &MemoryTree::default());
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<(String, Option<String>, Option<u32>)> = cat
            .components
            .iter()
            .map(|c| (c.purl.clone(), c.version.clone(), c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:pypi/requests@2.32.3".to_string(),
                    Some("2.32.3".to_string()),
                    Some(1)
                ),
                ("pkg:pypi/django".to_string(), None, Some(4)),
                (
                    "pkg:pypi/numpy@1.26.4".to_string(),
                    Some("1.26.4".to_string()),
                    Some(5)
                ),
                ("pkg:pypi/zope-interface".to_string(), None, Some(6)),
            ]
        );
        assert_eq!(cat.components[1].name, "Django");
        assert!(
            cat.components
                .iter()
                .all(|c| c.direct.is_none() && c.scope.is_none())
        );
    }

    #[test]
    fn includes_and_constraints() {
        let tree = MemoryTree::default()
            .with("reqs/base.txt", "-r ../requirements.txt\nflask==3.0.3\n")
            .with("constraints.txt", "werkzeug==3.0.4\nitsdangerous==2.2.0\n");
        let text = "-r reqs/base.txt\n--constraint=constraints.txt\nwerkzeug\n-r missing.txt\n-r https://example.org/r.txt\n-r ../../x.txt\n";
        let cat = parse("requirements.txt", text, &tree);
        assert_eq!(
            summary(&cat),
            [
                (
                    "pkg:pypi/flask@3.0.3".to_string(),
                    None,
                    "reqs/base.txt:2".to_string()
                ),
                (
                    "pkg:pypi/werkzeug@3.0.4".to_string(),
                    None,
                    "requirements.txt:3".to_string()
                ),
            ]
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
                    Some(4),
                    "`-r missing.txt` names `missing.txt`, which is not in the tree"
                ),
                (
                    Some(5),
                    "`-r https://example.org/r.txt` is a URL; not followed"
                ),
                (
                    Some(6),
                    "`-r ../../x.txt` leaves the scanned tree; not followed"
                ),
            ]
        );
    }

    #[test]
    fn locations_and_editables() {
        let tree = MemoryTree::default().with("pyproject.toml", "[project]\nname = \"app\"\n");
        let text = "-e .\n-e git+https://github.com/pallets/click.git@8.1.7#egg=click\n./wheels/six-1.16.0-py2.py3-none-any.whl\n\
                    https://files.example.org/attrs-24.2.0.tar.gz#sha256=ab\nrich @ git+https://github.com/Textualize/rich@v13.8.1\n\
                    ./vendor/thing\nhttps://example.org/download\n";
        let cat = parse("requirements.txt", text, &tree);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:pypi/click",
                "pkg:pypi/six@1.16.0",
                "pkg:pypi/attrs@24.2.0",
                "pkg:pypi/rich"
            ]
        );
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestValue, Some(6)),
                (ProblemCode::ManifestValue, Some(7))
            ]
        );
    }

    #[test]
    fn problems_of_included_files_are_reported_once() {
        // `requirements/base.txt` is read on its own too: its problem is reported there only.
        // `common.in` is not: its problem comes with the file that includes it.
        let tree = MemoryTree::default()
            .with(
                "requirements/base.txt",
                "six==1.16.0
-r nowhere.txt
",
            )
            .with(
                "common.in",
                "idna==3.10
-x
",
            );
        let cat = parse(
            "requirements.txt",
            "-r requirements/base.txt
-r common.in
",
            &tree,
        );
        assert_eq!(cat.components.len(), 2);
        let got: Vec<(&str, Option<u32>)> = cat
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.line))
            .collect();
        assert_eq!(got, [("common.in", Some(2))]);
        let cat = parse(
            "requirements/base.txt",
            "six==1.16.0\n-r nowhere.txt\n",
            &tree,
        );
        assert_eq!(cat.problems.len(), 1, "{:?}", cat.problems);
    }

    #[test]
    fn include_loops_end() {
        let tree = MemoryTree::default()
            .with("requirements/a.txt", "-r b.txt\nsix==1.16.0\n")
            .with("requirements/b.txt", "-r a.txt\nidna==3.10\n");
        let text = "-r b.txt\nsix==1.16.0\n";
        let cat = parse("requirements/a.txt", text, &tree);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(
            summary(&cat),
            [
                (
                    "pkg:pypi/idna@3.10".to_string(),
                    None,
                    "requirements/b.txt:2".to_string()
                ),
                (
                    "pkg:pypi/six@1.16.0".to_string(),
                    None,
                    "requirements/a.txt:2".to_string()
                ),
            ]
        );
    }

    #[test]
    fn pip_compile_annotations() {
        let text = "#\n# This file is autogenerated by pip-compile with Python 3.12\n#\n\
                    blinker==1.8.2\n    # via flask\nclick==8.1.7\n    # via\n    #   -r requirements.in\n    #   flask\n\
                    flask==3.0.3\n    # via -r requirements.in\nitsdangerous==2.2.0  # via flask\n";
        let cat = parse("requirements.txt", text, &MemoryTree::default());
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<(&str, Option<bool>)> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.direct))
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:pypi/blinker@1.8.2", Some(false)),
                ("pkg:pypi/click@8.1.7", Some(true)),
                ("pkg:pypi/flask@3.0.3", Some(true)),
                ("pkg:pypi/itsdangerous@2.2.0", Some(false)),
            ]
        );
        assert_eq!(
            cat.components[2].dependencies,
            [
                "pkg:pypi/blinker@1.8.2",
                "pkg:pypi/click@8.1.7",
                "pkg:pypi/itsdangerous@2.2.0"
            ]
        );
    }

    #[test]
    fn bad_lines_are_problems_and_the_rest_counts() {
        let text = "six==1.16.0\nnot a requirement!\n--frobnicate\nfoo[bar==1\n-i https://pypi.org/simple\n--no-index\nidna==3.10\n";
        let cat = parse("requirements.txt", text, &MemoryTree::default());
        assert_eq!(cat.components.len(), 2);
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestParse, Some(2)),
                (ProblemCode::ManifestValue, Some(3)),
                (ProblemCode::ManifestParse, Some(4)),
            ]
        );
    }

    #[test]
    fn non_utf8_and_installed() {
        let cat = PythonRequirements.parse(&ManifestFile::new(
            "requirements.txt",
            b"six==1.16.0 # caf\xe9\nidna==3.10\n",
            &MemoryTree::default(),
        ));
        assert_eq!(cat.components.len(), 2);
        assert_eq!(
            (cat.problems[0].code, cat.problems[0].line),
            (ProblemCode::ManifestParse, Some(1))
        );
        let cat = parse(
            "venv/lib/python3.12/site-packages/foo/requirements.txt",
            "six==1.16.0\n",
            &MemoryTree::default(),
        );
        assert_eq!(cat, Catalog::default());
        assert_eq!(split_option("-rbase.txt"), (Some("-r"), "base.txt"));
        assert_eq!(
            split_option("--requirement=x.txt"),
            (Some("--requirement"), "x.txt")
        );
    }
}
