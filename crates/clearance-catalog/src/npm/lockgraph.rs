//! What Yarn and pnpm lockfiles share: a resolved graph of packages, some of them the project
//! and its workspace members (importers), turned into components with direct/transitive flags
//! and scopes.

use std::collections::BTreeMap;

use clearance_model::{Checksum, Component, Ecosystem, Origin, Problem, ProblemCode, Scope};
use serde_json::Value;

use super::npm_purl;
use crate::util::{self, source};
use crate::{Catalog, ManifestFile};

/// How a package depends on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Edge {
    /// `dependencies`: needed at run time.
    Runtime,
    /// `optionalDependencies`: installed when it can be.
    Optional,
    /// Needed to install or build the project (pnpm's `configDependencies` and
    /// `packageManagerDependencies`).
    Build,
    /// `devDependencies`: only to develop the project.
    Dev,
}

impl Edge {
    /// The highest shipping rank a package reached over this edge can have.
    fn cap(self) -> u8 {
        match self {
            Edge::Runtime => 3,
            Edge::Optional => 2,
            Edge::Build => 1,
            Edge::Dev => 0,
        }
    }
}

fn rank_scope(rank: u8) -> Scope {
    match rank {
        3 => Scope::Runtime,
        2 => Scope::Optional,
        1 => Scope::Build,
        _ => Scope::Dev,
    }
}

/// One package of the lockfile (or the project / a workspace member).
#[derive(Debug)]
pub(super) struct Pkg {
    pub(super) name: String,
    pub(super) version: Option<String>,
    /// Line of the package's entry in the lockfile.
    pub(super) line: Option<u32>,
    /// For the project and its workspace members: their directory relative to the scanned root.
    pub(super) workspace: Option<String>,
    /// `false` for a workspace without a name: it has dependencies but is no component.
    pub(super) emit: bool,
    /// The scope the lockfile states for the package (pnpm's `dev` and `optional` flags).
    pub(super) stated_scope: Option<Scope>,
    /// Resolved dependencies: indices into the graph.
    pub(super) deps: Vec<(usize, Edge)>,
    /// Checksums of the package archive (Yarn 1 `integrity`, pnpm `resolution.integrity`).
    pub(super) hashes: Vec<Checksum>,
}

impl Pkg {
    /// A third-party package read from a lockfile entry.
    pub(super) fn new(name: String, version: Option<String>, line: Option<u32>) -> Self {
        Pkg {
            name,
            version,
            line,
            workspace: None,
            emit: true,
            stated_scope: None,
            deps: Vec::new(),
            hashes: Vec::new(),
        }
    }
}

/// The dependency ranges a `package.json` declares, and its identity.
#[derive(Debug, Default)]
pub(super) struct Manifest {
    pub(super) name: Option<String>,
    pub(super) version: Option<String>,
    /// Name → (range, edge). Optional wins over runtime, which wins over dev.
    pub(super) deps: BTreeMap<String, (String, Edge)>,
    /// It declares `workspaces` (members with their own `package.json`).
    pub(super) has_workspaces: bool,
}

/// Reads `<dir>/package.json` (dir relative to the scanned root) through the tree. Its own
/// problems are reported by the `package.json` cataloger, so a missing or broken one is `None`.
pub(super) fn read_manifest(file: &ManifestFile<'_>, dir: &str) -> Option<Manifest> {
    let path = util::join(dir, "package.json")?;
    let bytes = file.tree.read(&path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let string = |key: &str| {
        obj.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut m = Manifest {
        name: string("name"),
        version: string("version"),
        deps: BTreeMap::new(),
        has_workspaces: obj.contains_key("workspaces"),
    };
    for (key, edge) in [
        ("devDependencies", Edge::Dev),
        ("dependencies", Edge::Runtime),
        ("optionalDependencies", Edge::Optional),
    ] {
        if let Some(Value::Object(map)) = obj.get(key) {
            for (name, range) in map {
                let range = range.as_str().unwrap_or_default().to_string();
                m.deps.insert(name.clone(), (range, edge));
            }
        }
    }
    Some(m)
}

/// The packages of one lockfile and the problems met reading it.
pub(super) struct Graph<'f, 'a> {
    pub(super) file: &'f ManifestFile<'a>,
    pub(super) cataloger: &'static str,
    pub(super) pkgs: Vec<Pkg>,
    pub(super) problems: Vec<Problem>,
    /// `false` when some workspaces could not be read (Yarn 1 lists none in its lockfile):
    /// a package no known workspace names is then not known to be transitive.
    pub(super) all_workspaces_known: bool,
}

impl<'f, 'a> Graph<'f, 'a> {
    /// An empty graph for `file`.
    pub(super) fn new(file: &'f ManifestFile<'a>, cataloger: &'static str) -> Self {
        Graph {
            file,
            cataloger,
            pkgs: Vec::new(),
            problems: Vec::new(),
            all_workspaces_known: true,
        }
    }

    /// Records a problem at `line`.
    pub(super) fn problem(&mut self, code: ProblemCode, line: Option<u32>, message: String) {
        let p = Problem::new(code, self.file.path, message);
        self.problems.push(match line {
            Some(l) => p.at_line(l),
            None => p,
        });
    }

    /// Adds a package and returns its index.
    pub(super) fn add(&mut self, pkg: Pkg) -> usize {
        self.pkgs.push(pkg);
        self.pkgs.len() - 1
    }

    /// Adds the project or a workspace member at `dir` (relative to the lockfile's directory),
    /// named by its `package.json` when there is one, else by `fallback_name`.
    pub(super) fn add_workspace(
        &mut self,
        dir: &str,
        manifest: Option<&Manifest>,
        fallback_name: Option<&str>,
        line: Option<u32>,
    ) -> usize {
        let root_dir = util::join(self.file.dir(), dir);
        let name = manifest
            .and_then(|m| m.name.clone())
            .or_else(|| fallback_name.map(str::to_string));
        let mut pkg = Pkg::new(
            name.clone().unwrap_or_default(),
            manifest.and_then(|m| m.version.clone()),
            line,
        );
        pkg.emit = name.is_some();
        pkg.workspace = Some(root_dir.unwrap_or_default());
        self.add(pkg)
    }

    /// The components: workspaces are first-party with their directory as root; a package
    /// that a workspace names is direct, any other that a workspace reaches is transitive
    /// (unknown when no workspace reaches it, or when not every workspace could be read). A
    /// package's scope is the one the lockfile states, else the most shipping path from a
    /// workspace reaches it with (runtime over optional over dev).
    pub(super) fn finish(self) -> Catalog {
        let Graph {
            file,
            cataloger,
            pkgs,
            problems,
            all_workspaces_known,
        } = self;
        let has_workspaces = pkgs.iter().any(|p| p.workspace.is_some());
        let mut direct = vec![false; pkgs.len()];
        let mut rank: Vec<Option<u8>> = vec![None; pkgs.len()];
        let mut work = Vec::new();
        for p in pkgs.iter().filter(|p| p.workspace.is_some()) {
            for &(d, edge) in &p.deps {
                if pkgs[d].workspace.is_some() {
                    continue;
                }
                direct[d] = true;
                if rank[d].is_none_or(|r| r < edge.cap()) {
                    rank[d] = Some(edge.cap());
                    work.push(d);
                }
            }
        }
        while let Some(i) = work.pop() {
            let Some(r) = rank[i] else { continue };
            for &(d, edge) in &pkgs[i].deps {
                if pkgs[d].workspace.is_some() {
                    continue;
                }
                let reach = r.min(edge.cap());
                if rank[d].is_none_or(|old| old < reach) {
                    rank[d] = Some(reach);
                    work.push(d);
                }
            }
        }
        let purls: Vec<String> = pkgs
            .iter()
            .map(|p| npm_purl(&p.name, p.version.as_deref()))
            .collect();
        let mut components = Vec::new();
        for (i, p) in pkgs.iter().enumerate() {
            if !p.emit || p.name.is_empty() {
                continue;
            }
            let mut c = Component::new(Ecosystem::Npm, p.name.as_str(), p.version.clone(), {
                purls[i].clone()
            });
            if let Some(dir) = &p.workspace {
                c.origin = Origin::FirstParty;
                c.roots.push(dir.clone());
            } else {
                c.direct = if direct[i] {
                    Some(true)
                } else if has_workspaces && all_workspaces_known && rank[i].is_some() {
                    Some(false)
                } else {
                    None
                };
                // With workspaces unread, a path from one of them could still raise a dev or
                // optional scope: only a runtime one is certain.
                let computed =
                    rank[i].filter(|r| all_workspaces_known || *r == Edge::Runtime.cap());
                c.scope = p.stated_scope.or(computed.map(rank_scope));
            }
            c.sources.push(source(cataloger, file.path, p.line));
            c.hashes = p.hashes.clone();
            c.dependencies = p
                .deps
                .iter()
                .filter(|(d, _)| pkgs[*d].emit && !pkgs[*d].name.is_empty())
                .map(|(d, _)| purls[*d].clone())
                .filter(|d| *d != c.purl)
                .collect();
            c.dependencies.sort();
            c.dependencies.dedup();
            components.push(c);
        }
        Catalog {
            components: crate::merge(components),
            problems,
        }
    }
}

/// `name@range` → `(name, range)`; the name may be scoped (`@babel/core@^7.0.0`).
pub(super) fn split_descriptor(d: &str) -> Option<(&str, &str)> {
    let at = d.get(1..)?.find('@')? + 1;
    let (name, range) = (d.get(..at)?, d.get(at + 1..)?);
    (!name.is_empty()).then_some((name, range))
}

/// Lines of the keys at `indent` spaces in a YAML text, inside the top-level `section` (or at
/// the top level when `section` is `None`), by their unquoted key. Generated lockfiles write one
/// key per line, so a line scan finds them without a YAML parser that keeps positions.
pub(super) fn yaml_key_lines(
    text: &str,
    section: Option<&str>,
    indent: usize,
) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let spaces = raw.len() - raw.trim_start_matches(' ').len();
        let rest = &raw[spaces..];
        if rest.is_empty() || rest.starts_with('#') || rest.starts_with('-') {
            continue;
        }
        let key = yaml_key(rest);
        if spaces == 0 {
            current = key.clone();
        }
        let in_section = match section {
            None => true,
            Some(s) => current.as_deref() == Some(s),
        };
        if spaces == indent
            && in_section
            && let Some(k) = key
        {
            out.entry(k).or_insert(line);
        }
    }
    out
}

/// The key of a `key:` or `key: value` line (without its indentation), unquoted.
fn yaml_key(rest: &str) -> Option<String> {
    if let Some(q @ ('"' | '\'')) = rest.chars().next() {
        let body = &rest[1..];
        let end = body.find(q)?;
        let inner = &body[..end];
        return Some(if q == '"' {
            serde_json::from_str::<String>(&format!("\"{inner}\"")).unwrap_or(inner.to_string())
        } else {
            inner.to_string()
        });
    }
    let key = match rest.strip_suffix(':') {
        Some(k) if !k.contains(": ") => k,
        _ => rest.split_once(": ")?.0,
    };
    Some(key.trim_end().to_string())
}

/// A YAML parse error as a problem with its line.
pub(super) fn yaml_problem(path: &str, e: &serde_norway::Error) -> Problem {
    let full = e.to_string();
    let message = match full.find(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    let p = Problem::new(
        ProblemCode::ManifestParse,
        path,
        format!("invalid YAML: {message}"),
    );
    match e.location().and_then(|l| u32::try_from(l.line()).ok()) {
        Some(line) if line > 0 => p.at_line(line),
        _ => p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors() {
        assert_eq!(split_descriptor("ms@^2.1.3"), Some(("ms", "^2.1.3")));
        assert_eq!(
            split_descriptor("@babel/core@npm:^7.0.0"),
            Some(("@babel/core", "npm:^7.0.0"))
        );
        assert_eq!(
            split_descriptor("a@npm:b@1.0.0"),
            Some(("a", "npm:b@1.0.0"))
        );
        assert_eq!(split_descriptor("@babel"), None);
        assert_eq!(split_descriptor(""), None);
    }

    #[test]
    fn key_lines_of_a_section() {
        let text = "lockfileVersion: '9.0'\n\npackages:\n\n  ms@2.1.3:\n    resolution: {}\n  '@a/b@1.0.0':\n    x: 1\n\nsnapshots:\n  ms@2.1.3: {}\n";
        let lines = yaml_key_lines(text, Some("packages"), 2);
        assert_eq!(lines.get("ms@2.1.3"), Some(&5));
        assert_eq!(lines.get("@a/b@1.0.0"), Some(&7));
        assert_eq!(lines.len(), 2);
        let snaps = yaml_key_lines(text, Some("snapshots"), 2);
        assert_eq!(snaps.get("ms@2.1.3"), Some(&11));
        let top = yaml_key_lines(text, None, 0);
        assert_eq!(top.get("lockfileVersion"), Some(&1));
        assert_eq!(top.get("snapshots"), Some(&10));
        let quoted = yaml_key_lines("\"a@npm:1, a@npm:^1\":\n  version: 1\n", None, 0);
        assert_eq!(quoted.get("a@npm:1, a@npm:^1"), Some(&1));
        // Garbage never panics.
        let _ = yaml_key_lines("\"unterminated\n'\n:\n  : x\n", None, 0);
    }
}
