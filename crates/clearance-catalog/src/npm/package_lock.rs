//! `package-lock.json` and `npm-shrinkwrap.json`, lockfile versions 1, 2 and 3.

use std::collections::{BTreeMap, HashMap, HashSet};

use clearance_model::{
    Checksum, Component, DeclaredLicense, Ecosystem, Origin, Problem, ProblemCode, Scope,
};
use serde_json::{Map, Value};

use super::keylines::KeyLines;
use super::{PackageDir, kind_of, npm_purl, parse_object, read_licenses};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `package-lock.json` / `npm-shrinkwrap.json`: every package of the resolved tree, with its
/// scope, the license npm recorded for it, and its dependencies resolved as Node resolves
/// `require()` (the nearest `node_modules/<name>` up the install path).
///
/// The root project and workspace members are first-party; everything installed under
/// `node_modules` is third-party. Workspace links (`"link": true`) are not packages themselves:
/// a dependency on a link is a dependency on the member it points to.
///
/// A lockfile inside `node_modules` belongs to an installed package's own development and does
/// not describe what is installed; it yields nothing (the installed `package.json` files do).
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, npm::NpmPackageLock};
/// let lock = br#"{
///   "name": "app", "version": "1.0.0", "lockfileVersion": 3,
///   "packages": {
///     "": { "name": "app", "version": "1.0.0", "dependencies": { "ms": "^2.1.3" } },
///     "node_modules/ms": { "version": "2.1.3", "license": "MIT" }
///   }
/// }"#;
/// let tree = MemoryTree::default();
/// let catalog = NpmPackageLock.parse(&ManifestFile::new("package-lock.json", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:npm/app@1.0.0");
/// assert_eq!(catalog.components[0].dependencies, ["pkg:npm/ms@2.1.3"]);
/// ```
pub struct NpmPackageLock;

/// How the lockfile's packages are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// Version 1: a nested `dependencies` tree.
    Nested,
    /// Versions 2 and 3: a flat `packages` map keyed by install path.
    Flat,
    /// Nothing to read.
    Empty,
}

/// How a dependency is declared; only required dependencies must resolve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DepKind {
    Required,
    Optional,
    Peer,
}

/// What an entry of the lockfile is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum NodeKind {
    /// The project itself (`""`).
    Root,
    /// A package outside `node_modules`: a workspace member or a local `file:` package.
    Local,
    /// A package installed under `node_modules`.
    Installed,
    /// A workspace link; its target is the install path of the linked package.
    Link(Option<String>),
}

/// One entry of the lockfile, whatever its version.
#[derive(Debug)]
struct Node {
    /// Install path relative to the lockfile's directory (`""`, `node_modules/a`, `packages/x`).
    path: String,
    name: String,
    version: Option<String>,
    kind: NodeKind,
    scope: Option<Scope>,
    declared: Vec<DeclaredLicense>,
    deps: BTreeMap<String, DepKind>,
    /// Checksums of the package archive (`integrity`).
    hashes: Vec<Checksum>,
    /// Line of the entry's key in the lockfile.
    line: Option<u32>,
}

impl Node {
    fn new(path: String, name: String, kind: NodeKind, line: Option<u32>) -> Self {
        Node {
            path,
            name,
            version: None,
            kind,
            scope: None,
            declared: Vec::new(),
            deps: BTreeMap::new(),
            hashes: Vec::new(),
            line,
        }
    }
}

/// State of one parse.
struct Reader<'f, 'a> {
    file: &'f ManifestFile<'a>,
    cataloger: &'static str,
    problems: Vec<Problem>,
    nodes: Vec<Node>,
}

impl Cataloger for NpmPackageLock {
    fn name(&self) -> &'static str {
        "npm-package-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Npm
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "package-lock.json",
            "**/package-lock.json",
            "npm-shrinkwrap.json",
            "**/npm-shrinkwrap.json",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if util::has_dir(file.path, "node_modules") {
            return Catalog::default();
        }
        let (text, obj) = match parse_object(file) {
            Ok(parsed) => parsed,
            Err(p) => return Catalog::problem(p),
        };
        let mut reader = Reader {
            file,
            cataloger: self.name(),
            problems: Vec::new(),
            nodes: Vec::new(),
        };
        let layout = reader.layout(text, &obj);
        match layout {
            Layout::Flat => {
                let lines = KeyLines::scan(text, |parent, _| {
                    parent.is_empty() || (parent.len() == 1 && parent[0] == "packages")
                });
                reader.read_flat(&obj, &lines);
            }
            Layout::Nested => {
                let lines = KeyLines::scan(text, |parent, _| {
                    parent.is_empty()
                        || (parent.len() % 2 == 1
                            && parent.iter().step_by(2).all(|k| k == "dependencies"))
                });
                reader.read_nested(&obj, &lines);
            }
            Layout::Empty => {}
        }
        reader.finish()
    }
}

impl Reader<'_, '_> {
    fn problem(&mut self, code: ProblemCode, line: Option<u32>, message: String) {
        let p = Problem::new(code, self.file.path, message);
        self.problems.push(match line {
            Some(l) => p.at_line(l),
            None => p,
        });
    }

    /// Reads `lockfileVersion` and decides how to read the packages.
    fn layout(&mut self, text: &str, obj: &Map<String, Value>) -> Layout {
        let packages = obj.get("packages");
        let flat = matches!(packages, Some(Value::Object(_)));
        let nested = matches!(obj.get("dependencies"), Some(Value::Object(_)));
        let version_line = || {
            KeyLines::scan(text, |parent, key| {
                parent.is_empty() && key == "lockfileVersion"
            })
            .get(&["lockfileVersion"])
        };
        let version = obj.get("lockfileVersion");
        match version.and_then(Value::as_u64) {
            Some(1) => Layout::Nested,
            Some(2 | 3) if flat => Layout::Flat,
            Some(2) if nested => {
                let line = version_line();
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    "lockfileVersion 2 without `packages`; its `dependencies` are read as version 1".into(),
                );
                Layout::Nested
            }
            Some(v @ (2 | 3)) => {
                let line = version_line();
                let what = packages.map_or("missing", kind_of);
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("lockfileVersion {v} needs a `packages` object, but it is {what}"),
                );
                Layout::Empty
            }
            _ => {
                let (layout, how) = if flat {
                    (Layout::Flat, "read as version 3")
                } else if nested {
                    (Layout::Nested, "read as version 1")
                } else {
                    (Layout::Empty, "no `packages` or `dependencies` to read")
                };
                let message = match version {
                    None => format!("no `lockfileVersion`; {how}"),
                    Some(v) => format!("unknown lockfileVersion `{v}`; {how}"),
                };
                let line = version_line();
                self.problem(ProblemCode::ManifestValue, line, message);
                layout
            }
        }
    }

    /// The root-relative directory of an install path, when it is inside the scanned tree.
    fn install_dir(&self, path: &str) -> Option<String> {
        util::join(self.file.dir(), path)
    }

    /// A string field of an entry; a value of another type is reported and ignored.
    fn string<'v>(
        &mut self,
        entry: &'v Map<String, Value>,
        key: &str,
        at: &str,
        line: Option<u32>,
    ) -> Option<&'v str> {
        match entry.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim()),
            Some(Value::String(_)) | None => None,
            Some(other) => {
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("`{key}` of {at} is {}, expected a string", kind_of(other)),
                );
                None
            }
        }
    }

    /// The checksums of an entry's `integrity` (Subresource Integrity: `sha512-…`, `sha1-…`).
    fn integrity(
        &mut self,
        entry: &Map<String, Value>,
        at: &str,
        line: Option<u32>,
    ) -> Vec<Checksum> {
        self.string(entry, "integrity", at, line)
            .map(util::sri_checksums)
            .unwrap_or_default()
    }

    /// A boolean flag of an entry (`dev`, `optional`, …); a value of another type is reported.
    fn flag(&mut self, entry: &Map<String, Value>, key: &str, at: &str, line: Option<u32>) -> bool {
        match entry.get(key) {
            Some(Value::Bool(b)) => *b,
            None => false,
            Some(other) => {
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("`{key}` of {at} is {}, expected a boolean", kind_of(other)),
                );
                false
            }
        }
    }

    /// The scope npm's flags give an entry.
    fn scope(&mut self, entry: &Map<String, Value>, at: &str, line: Option<u32>) -> Scope {
        let dev = self.flag(entry, "dev", at, line);
        let dev_optional = self.flag(entry, "devOptional", at, line);
        let optional = self.flag(entry, "optional", at, line);
        if dev || dev_optional {
            Scope::Dev
        } else if optional {
            Scope::Optional
        } else {
            Scope::Runtime
        }
    }

    /// Adds the names of a dependency map (`dependencies`, `requires`, …) to `deps`. Optional
    /// wins over required (npm lists optional dependencies in both maps); peer only fills gaps.
    fn dep_names(
        &mut self,
        entry: &Map<String, Value>,
        key: &str,
        kind: DepKind,
        deps: &mut BTreeMap<String, DepKind>,
        at: &str,
        line: Option<u32>,
    ) {
        match entry.get(key) {
            Some(Value::Object(map)) => {
                for name in map.keys() {
                    match kind {
                        DepKind::Optional => {
                            deps.insert(name.clone(), kind);
                        }
                        DepKind::Required | DepKind::Peer => {
                            deps.entry(name.clone()).or_insert(kind);
                        }
                    }
                }
            }
            // Version 1 lockfiles used `"requires": true` at the top level as a format flag.
            Some(Value::Bool(_)) if key == "requires" => {}
            None => {}
            Some(other) => self.problem(
                ProblemCode::ManifestValue,
                line,
                format!("`{key}` of {at} is {}, expected an object", kind_of(other)),
            ),
        }
    }

    /// Declared licenses of an entry, recorded with the entry's line.
    fn licenses(
        &mut self,
        entry: &Map<String, Value>,
        path: &str,
        line: Option<u32>,
    ) -> Vec<DeclaredLicense> {
        let dir = self.install_dir(path);
        let dir = dir
            .as_deref()
            .map_or(PackageDir::Unknown, PackageDir::Known);
        let (cataloger, lock) = (self.cataloger, self.file.path);
        let read = read_licenses(entry, dir, &|_field: &str| source(cataloger, lock, line));
        for (_, message) in read.problems {
            self.problem(
                ProblemCode::ManifestValue,
                line,
                format!("{message} (entry `{path}`)"),
            );
        }
        read.declared
    }

    /// Versions 2 and 3: the flat `packages` map.
    fn read_flat(&mut self, obj: &Map<String, Value>, lines: &KeyLines) {
        let Some(Value::Object(packages)) = obj.get("packages") else {
            return;
        };
        let mut has_root = false;
        for (path, value) in packages {
            let line = lines.get(&["packages", path.as_str()]);
            let at = if path.is_empty() {
                "the root entry `\"\"`".to_string()
            } else {
                format!("`{path}`")
            };
            let Value::Object(entry) = value else {
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("entry {at} is {}, expected an object", kind_of(value)),
                );
                continue;
            };
            if path.is_empty() {
                has_root = true;
                self.read_flat_root(obj, entry, line);
                continue;
            }
            let installed = path.starts_with("node_modules/") || path.contains("/node_modules/");
            if self.flag(entry, "link", &at, line) {
                let target = self
                    .string(entry, "resolved", &at, line)
                    .map(str::to_string);
                if target.is_none() {
                    self.problem(
                        ProblemCode::ManifestValue,
                        line,
                        format!("link {at} has no `resolved` target"),
                    );
                }
                let name = package_name(path).to_string();
                self.nodes
                    .push(Node::new(path.clone(), name, NodeKind::Link(target), line));
                continue;
            }
            let name = match self.string(entry, "name", &at, line) {
                Some(n) => n.to_string(),
                None => package_name(path).to_string(),
            };
            if name.is_empty() {
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("entry {at} names no package; skipped"),
                );
                continue;
            }
            let kind = if installed {
                NodeKind::Installed
            } else {
                NodeKind::Local
            };
            let mut node = Node::new(path.clone(), name, kind, line);
            node.version = self.string(entry, "version", &at, line).map(str::to_string);
            if node.version.is_none() && installed {
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("entry {at} has no `version`"),
                );
            }
            node.scope = Some(self.scope(entry, &at, line));
            node.declared = self.licenses(entry, path, line);
            node.hashes = self.integrity(entry, &at, line);
            let mut deps = BTreeMap::new();
            self.dep_names(
                entry,
                "dependencies",
                DepKind::Required,
                &mut deps,
                &at,
                line,
            );
            if !installed {
                // Workspace members list their own development dependencies.
                self.dep_names(
                    entry,
                    "devDependencies",
                    DepKind::Required,
                    &mut deps,
                    &at,
                    line,
                );
            }
            self.dep_names(
                entry,
                "optionalDependencies",
                DepKind::Optional,
                &mut deps,
                &at,
                line,
            );
            self.dep_names(
                entry,
                "peerDependencies",
                DepKind::Peer,
                &mut deps,
                &at,
                line,
            );
            node.deps = deps;
            self.nodes.push(node);
        }
        if !has_root {
            // Not written by npm, but the top level still names the project.
            self.push_root_from_top(obj, lines.get(&["name"]));
        }
    }

    /// The root entry `""` of a flat lockfile.
    fn read_flat_root(
        &mut self,
        obj: &Map<String, Value>,
        entry: &Map<String, Value>,
        line: Option<u32>,
    ) {
        let at = "the root entry `\"\"`";
        let name = self
            .string(entry, "name", at, line)
            .or_else(|| obj.get("name").and_then(Value::as_str))
            .map(str::to_string);
        let version = self
            .string(entry, "version", at, line)
            .or_else(|| obj.get("version").and_then(Value::as_str))
            .map(str::to_string);
        let mut deps = BTreeMap::new();
        for key in ["dependencies", "devDependencies"] {
            self.dep_names(entry, key, DepKind::Required, &mut deps, at, line);
        }
        self.dep_names(
            entry,
            "optionalDependencies",
            DepKind::Optional,
            &mut deps,
            at,
            line,
        );
        self.dep_names(
            entry,
            "peerDependencies",
            DepKind::Peer,
            &mut deps,
            at,
            line,
        );
        let declared = self.licenses(entry, "", line);
        // A project without a name is not a component, but it still has no third-party role.
        if let Some(name) = name {
            let mut node = Node::new(String::new(), name, NodeKind::Root, line);
            node.version = version;
            node.declared = declared;
            node.deps = deps;
            self.nodes.push(node);
        }
    }

    /// A root component from the lockfile's top-level `name` and `version`.
    fn push_root_from_top(&mut self, obj: &Map<String, Value>, line: Option<u32>) -> Option<usize> {
        let name = self.string(obj, "name", "the lockfile", line)?.to_string();
        let mut node = Node::new(String::new(), name, NodeKind::Root, line);
        node.version = self
            .string(obj, "version", "the lockfile", line)
            .map(str::to_string);
        self.nodes.push(node);
        Some(self.nodes.len() - 1)
    }

    /// Version 1: the nested `dependencies` tree. The root's own dependencies are not in the
    /// lockfile; they come from the `package.json` beside it.
    fn read_nested(&mut self, obj: &Map<String, Value>, lines: &KeyLines) {
        if let Some(root) = self.push_root_from_top(obj, lines.get(&["name"])) {
            self.nodes[root].deps = self.root_manifest_deps();
        }
        if let Some(Value::Object(deps)) = obj.get("dependencies") {
            let mut key_path = vec!["dependencies".to_string()];
            self.read_nested_level(deps, "", &mut key_path, lines);
        }
    }

    fn read_nested_level(
        &mut self,
        deps: &Map<String, Value>,
        parent: &str,
        key_path: &mut Vec<String>,
        lines: &KeyLines,
    ) {
        for (dir_name, value) in deps {
            key_path.push(dir_name.clone());
            let line = lines.get(key_path.as_slice());
            let path = if parent.is_empty() {
                format!("node_modules/{dir_name}")
            } else {
                format!("{parent}/node_modules/{dir_name}")
            };
            let at = format!(
                "`{}`",
                key_path[1..]
                    .iter()
                    .step_by(2)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" > ")
            );
            let Value::Object(entry) = value else {
                self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("entry {at} is {}, expected an object", kind_of(value)),
                );
                key_path.pop();
                continue;
            };
            let mut node = Node::new(path.clone(), dir_name.clone(), NodeKind::Installed, line);
            match self.string(entry, "version", &at, line) {
                // An alias: `"my-lodash": { "version": "npm:lodash@4.17.21" }`.
                Some(v) if v.starts_with("npm:") => match parse_alias(v) {
                    Some((real, version)) => {
                        node.name = real.to_string();
                        node.version = Some(version.to_string());
                    }
                    None => node.version = Some(v.to_string()),
                },
                // A local package: `"file:../lib"` is first-party code, not a version.
                Some(v) if v.starts_with("file:") => {
                    node.kind = NodeKind::Local;
                    let target = v.trim_start_matches("file:");
                    node.path = target.to_string();
                }
                Some(v) => node.version = Some(v.to_string()),
                None => self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("entry {at} has no `version`"),
                ),
            }
            node.scope = Some(self.scope(entry, &at, line));
            node.declared = self.licenses(entry, &path, line);
            node.hashes = self.integrity(entry, &at, line);
            let mut names = BTreeMap::new();
            self.dep_names(entry, "requires", DepKind::Required, &mut names, &at, line);
            node.deps = names;
            // A `file:` package resolves from where it is linked, as Node sees the link.
            let resolve_from = path.clone();
            let local = node.kind == NodeKind::Local;
            self.nodes.push(node);
            if local {
                // Keep the link so that dependents resolve to the local package.
                let target = self.nodes.last().map(|n| n.path.clone());
                self.nodes.push(Node::new(
                    resolve_from.clone(),
                    dir_name.clone(),
                    NodeKind::Link(target),
                    line,
                ));
            }
            match entry.get("dependencies") {
                Some(Value::Object(nested)) => {
                    key_path.push("dependencies".to_string());
                    self.read_nested_level(nested, &resolve_from, key_path, lines);
                    key_path.pop();
                }
                None => {}
                Some(other) => self.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!(
                        "`dependencies` of {at} is {}, expected an object",
                        kind_of(other)
                    ),
                ),
            }
            key_path.pop();
        }
    }

    /// The dependency names of the `package.json` beside a version 1 lockfile. Its own problems
    /// are reported by the `package.json` cataloger.
    fn root_manifest_deps(&self) -> BTreeMap<String, DepKind> {
        let mut deps = BTreeMap::new();
        let Some(path) = util::join(self.file.dir(), "package.json") else {
            return deps;
        };
        let Ok(bytes) = self.file.tree.read(&path) else {
            return deps;
        };
        let Ok(Value::Object(manifest)) = serde_json::from_slice::<Value>(&bytes) else {
            return deps;
        };
        let kinds = [
            ("dependencies", DepKind::Required),
            ("devDependencies", DepKind::Required),
            ("optionalDependencies", DepKind::Optional),
            ("peerDependencies", DepKind::Peer),
        ];
        for (key, kind) in kinds {
            if let Some(Value::Object(map)) = manifest.get(key) {
                for name in map.keys() {
                    match kind {
                        DepKind::Optional => {
                            deps.insert(name.clone(), kind);
                        }
                        _ => {
                            deps.entry(name.clone()).or_insert(kind);
                        }
                    }
                }
            }
        }
        deps
    }

    /// Resolves the graph and builds the components.
    fn finish(mut self) -> Catalog {
        let by_path: HashMap<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.path.as_str(), i))
            .collect();
        let purls: Vec<String> = self
            .nodes
            .iter()
            .map(|n| npm_purl(&n.name, n.version.as_deref()))
            .collect();
        // Link targets: the package a link stands for, and the first-party packages.
        let mut link_targets: HashMap<usize, usize> = HashMap::new();
        let mut first_party: HashSet<usize> = HashSet::new();
        let mut problems = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let NodeKind::Link(Some(target)) = &n.kind else {
                continue;
            };
            match by_path.get(target.as_str()) {
                Some(&t) if !matches!(self.nodes[t].kind, NodeKind::Link(_)) => {
                    link_targets.insert(i, t);
                    first_party.insert(t);
                }
                _ => problems.push((
                    n.line,
                    format!(
                        "link `{}` points to `{target}`, which has no package entry",
                        n.path
                    ),
                )),
            }
        }
        let mut components = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if matches!(n.kind, NodeKind::Link(_)) {
                continue;
            }
            let mut c = Component::new(
                Ecosystem::Npm,
                n.name.as_str(),
                n.version.clone(),
                purls[i].clone(),
            );
            let local = matches!(n.kind, NodeKind::Root | NodeKind::Local);
            c.origin = if local || first_party.contains(&i) {
                Origin::FirstParty
            } else {
                Origin::ThirdParty
            };
            c.scope = if n.kind == NodeKind::Root {
                None
            } else {
                n.scope
            };
            if local && let Some(dir) = util::join(self.file.dir(), &n.path) {
                c.roots.push(dir);
            }
            c.declared = n.declared.clone();
            c.hashes = n.hashes.clone();
            c.sources
                .push(source(self.cataloger, self.file.path, n.line));
            for (dep, kind) in &n.deps {
                let resolved = resolve(&by_path, &n.path, dep);
                match resolved {
                    Some(j) => match &self.nodes[j].kind {
                        NodeKind::Link(_) => {
                            // A dangling link was reported above.
                            if let Some(&t) = link_targets.get(&j) {
                                c.dependencies.push(purls[t].clone());
                            }
                        }
                        _ => c.dependencies.push(purls[j].clone()),
                    },
                    None if *kind == DepKind::Required => problems.push((
                        n.line,
                        format!(
                            "dependency `{dep}` of `{}` is not in the lockfile",
                            if n.path.is_empty() {
                                n.name.as_str()
                            } else {
                                n.path.as_str()
                            }
                        ),
                    )),
                    // Optional dependencies for other platforms and peers left to the user
                    // are legitimately absent.
                    None => {}
                }
            }
            c.dependencies.sort();
            c.dependencies.dedup();
            c.dependencies.retain(|d| *d != c.purl);
            components.push(c);
        }
        for (line, message) in problems {
            self.problem(ProblemCode::ManifestValue, line, message);
        }
        Catalog {
            // The same package installed at several paths is one component with several sources.
            components: crate::merge(components),
            problems: self.problems,
        }
    }
}

/// The package name an install path gives: what follows its last `node_modules/`, or the last
/// directory for a path outside `node_modules`.
fn package_name(path: &str) -> &str {
    match path.rfind("node_modules/") {
        Some(i) => &path[i + "node_modules/".len()..],
        None => path.rsplit('/').next().unwrap_or(path),
    }
}

/// `npm:<name>@<version>` → `(name, version)`; the name may be scoped.
fn parse_alias(spec: &str) -> Option<(&str, &str)> {
    let rest = spec.strip_prefix("npm:")?;
    let at = rest.get(1..)?.rfind('@')? + 1;
    let (name, version) = (rest.get(..at)?, rest.get(at + 1..)?);
    (!name.is_empty() && !version.is_empty()).then_some((name, version))
}

/// Node's lookup of `dep` required from the package at install path `from`: `<dir>/node_modules/
/// <dep>` for `from` and each of its ancestors, skipping directories that are themselves named
/// `node_modules`, up to the lockfile's own `node_modules/<dep>`.
fn resolve(by_path: &HashMap<&str, usize>, from: &str, dep: &str) -> Option<usize> {
    let mut dir = from;
    loop {
        let base = dir.rsplit('/').next().unwrap_or(dir);
        if base != "node_modules" {
            let candidate = if dir.is_empty() {
                format!("node_modules/{dep}")
            } else {
                format!("{dir}/node_modules/{dep}")
            };
            if let Some(&i) = by_path.get(candidate.as_str()) {
                return Some(i);
            }
        }
        if dir.is_empty() {
            return None;
        }
        dir = util::parent(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::declared::PROPRIETARY;

    fn parse_in(tree: &MemoryTree, path: &str, text: &str) -> Catalog {
        NpmPackageLock.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    fn parse(path: &str, text: &str) -> Catalog {
        parse_in(&MemoryTree::default(), path, text)
    }

    fn find<'c>(cat: &'c Catalog, purl: &str) -> &'c Component {
        cat.components
            .iter()
            .find(|c| c.purl == purl)
            .unwrap_or_else(|| {
                panic!(
                    "no {purl} in {:#?}",
                    cat.components.iter().map(|c| &c.purl).collect::<Vec<_>>()
                )
            })
    }

    const V3: &str = r#"{
  "name": "acme-shop",
  "version": "1.4.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "acme-shop",
      "version": "1.4.0",
      "license": "UNLICENSED",
      "workspaces": ["packages/*"],
      "dependencies": {
        "@babel/code-frame": "7.26.2",
        "debug": "2.6.9",
        "agent-base": "6.0.2"
      },
      "devDependencies": {
        "is-number": "7.0.0"
      },
      "optionalDependencies": {
        "fsevents": "2.3.3"
      }
    },
    "node_modules/@acme/web": {
      "resolved": "packages/web",
      "link": true
    },
    "node_modules/@babel/code-frame": {
      "version": "7.26.2",
      "license": "MIT",
      "dependencies": {
        "js-tokens": "^4.0.0"
      }
    },
    "node_modules/agent-base": {
      "version": "6.0.2",
      "license": "MIT",
      "dependencies": {
        "debug": "4"
      }
    },
    "node_modules/agent-base/node_modules/debug": {
      "version": "4.4.3",
      "license": "MIT",
      "dependencies": {
        "ms": "^2.1.3"
      },
      "peerDependenciesMeta": {
        "supports-color": { "optional": true }
      }
    },
    "node_modules/agent-base/node_modules/ms": {
      "version": "2.1.3",
      "license": "MIT"
    },
    "node_modules/debug": {
      "version": "2.6.9",
      "license": "MIT",
      "dependencies": {
        "ms": "2.0.0"
      }
    },
    "node_modules/is-number": {
      "version": "7.0.0",
      "dev": true,
      "license": "MIT"
    },
    "node_modules/js-tokens": {
      "version": "4.0.0",
      "devOptional": true,
      "license": "MIT"
    },
    "node_modules/ms": {
      "version": "2.0.0",
      "license": "MIT"
    },
    "packages/web": {
      "name": "@acme/web",
      "version": "0.3.1",
      "license": "UNLICENSED",
      "dependencies": {
        "debug": "4",
        "ms": "2.1.3"
      }
    },
    "packages/web/node_modules/ms": {
      "version": "2.1.3",
      "license": "MIT"
    }
  }
}
"#;

    #[test]
    fn v3_components_scopes_and_links() {
        let cat = parse("shop/package-lock.json", V3);
        // `packages/web` depends on `debug`, which resolves to the top-level debug 2.6.9.
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:npm/%40acme/web@0.3.1",
                "pkg:npm/%40babel/code-frame@7.26.2",
                "pkg:npm/acme-shop@1.4.0",
                "pkg:npm/agent-base@6.0.2",
                "pkg:npm/debug@2.6.9",
                "pkg:npm/debug@4.4.3",
                "pkg:npm/is-number@7.0.0",
                "pkg:npm/js-tokens@4.0.0",
                "pkg:npm/ms@2.0.0",
                "pkg:npm/ms@2.1.3",
            ]
        );
        let root = find(&cat, "pkg:npm/acme-shop@1.4.0");
        assert_eq!(root.origin, Origin::FirstParty);
        assert_eq!(root.scope, None);
        assert_eq!(root.roots, ["shop"]);
        assert_eq!(root.sources[0].line, Some(7));
        assert_eq!(
            root.declared[0]
                .expression
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some(PROPRIETARY)
        );
        // Direct dependencies, including dev; the optional fsevents is absent and skipped.
        assert_eq!(
            root.dependencies,
            [
                "pkg:npm/%40babel/code-frame@7.26.2",
                "pkg:npm/agent-base@6.0.2",
                "pkg:npm/debug@2.6.9",
                "pkg:npm/is-number@7.0.0",
            ]
        );

        // The workspace member is first-party, rooted at its own directory; the link itself is
        // no component.
        let web = find(&cat, "pkg:npm/%40acme/web@0.3.1");
        assert_eq!(web.origin, Origin::FirstParty);
        assert_eq!(web.roots, ["shop/packages/web"]);
        assert_eq!(web.sources[0].line, Some(77));
        assert!(
            !cat.components
                .iter()
                .any(|c| c.sources.iter().any(|s| s.line == Some(24)))
        );
        // Resolution from a workspace member: its own node_modules first, then the top.
        assert_eq!(
            web.dependencies,
            ["pkg:npm/debug@2.6.9", "pkg:npm/ms@2.1.3"]
        );

        let scoped = find(&cat, "pkg:npm/%40babel/code-frame@7.26.2");
        assert_eq!(scoped.name, "@babel/code-frame");
        assert_eq!(scoped.origin, Origin::ThirdParty);
        assert!(scoped.roots.is_empty());
        assert_eq!(scoped.scope, Some(Scope::Runtime));
        assert_eq!(scoped.sources[0].line, Some(28));
        let lic = &scoped.declared[0];
        assert_eq!(lic.raw, "MIT");
        assert_eq!(lic.source.cataloger, "npm-package-lock");
        assert_eq!(lic.source.path, "shop/package-lock.json");
        assert_eq!(lic.source.line, Some(28));

        assert_eq!(
            find(&cat, "pkg:npm/is-number@7.0.0").scope,
            Some(Scope::Dev)
        );
        assert_eq!(
            find(&cat, "pkg:npm/js-tokens@4.0.0").scope,
            Some(Scope::Dev)
        );
    }

    #[test]
    fn v3_nested_duplicate_resolves_to_the_nearest_copy() {
        let cat = parse("package-lock.json", V3);
        assert_eq!(
            find(&cat, "pkg:npm/agent-base@6.0.2").dependencies,
            ["pkg:npm/debug@4.4.3"]
        );
        // Nested debug 4 finds the ms beside it (agent-base/node_modules/ms), not the top one.
        assert_eq!(
            find(&cat, "pkg:npm/debug@4.4.3").dependencies,
            ["pkg:npm/ms@2.1.3"]
        );
        assert_eq!(
            find(&cat, "pkg:npm/debug@2.6.9").dependencies,
            ["pkg:npm/ms@2.0.0"]
        );
        // ms 2.1.3 is installed twice: one component, both entries as sources.
        let ms = find(&cat, "pkg:npm/ms@2.1.3");
        let lines: Vec<Option<u32>> = ms.sources.iter().map(|s| s.line).collect();
        assert_eq!(lines, [Some(52), Some(86)]);
        assert_eq!(ms.roots, Vec::<String>::new());
    }

    #[test]
    fn optional_scope_and_unresolvable_dependencies() {
        let lock = r#"{
  "name": "app",
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "app", "dependencies": { "a": "1", "gone": "1" }, "optionalDependencies": { "fsevents": "2" } },
    "node_modules/a": {
      "version": "1.0.0",
      "optional": true,
      "dependencies": { "b": "1", "missing": "1" },
      "optionalDependencies": { "b": "1", "not-for-linux": "1" },
      "peerDependencies": { "react": "18" }
    }
  }
}"#;
        let cat = parse("package-lock.json", lock);
        assert_eq!(find(&cat, "pkg:npm/a@1.0.0").scope, Some(Scope::Optional));
        assert_eq!(find(&cat, "pkg:npm/app").dependencies, ["pkg:npm/a@1.0.0"]);
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(5), "dependency `gone` of `app` is not in the lockfile"),
                (
                    Some(6),
                    "dependency `missing` of `node_modules/a` is not in the lockfile"
                ),
            ]
        );
        assert!(
            cat.problems
                .iter()
                .all(|p| p.code == ProblemCode::ManifestValue)
        );
    }

    #[test]
    fn v2_reads_packages_not_dependencies() {
        let lock = r#"{
  "name": "color-logger",
  "version": "2.1.0",
  "lockfileVersion": 2,
  "requires": true,
  "packages": {
    "": {
      "name": "color-logger",
      "version": "2.1.0",
      "dependencies": { "chalk": "2.4.2" }
    },
    "node_modules/chalk": {
      "version": "2.4.2",
      "license": "MIT"
    }
  },
  "dependencies": {
    "chalk": { "version": "2.4.2" },
    "only-in-v1-section": { "version": "9.9.9" }
  }
}"#;
        let cat = parse("package-lock.json", lock);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(purls, ["pkg:npm/chalk@2.4.2", "pkg:npm/color-logger@2.1.0"]);
        assert_eq!(find(&cat, "pkg:npm/chalk@2.4.2").sources[0].line, Some(12));
        assert_eq!(
            find(&cat, "pkg:npm/color-logger@2.1.0").dependencies,
            ["pkg:npm/chalk@2.4.2"]
        );
    }

    const V1: &str = r#"{
  "name": "report-cli",
  "version": "0.9.2",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "argparse": {
      "version": "2.0.1"
    },
    "js-yaml": {
      "version": "3.14.1",
      "requires": {
        "argparse": "^1.0.7",
        "sprintf-js": "~1.0.2"
      },
      "dependencies": {
        "argparse": {
          "version": "1.0.10",
          "requires": {
            "sprintf-js": "~1.0.2"
          }
        }
      }
    },
    "mkdirp": {
      "version": "0.5.6",
      "dev": true,
      "requires": {
        "minimist": "^1.2.6"
      }
    },
    "my-lodash": {
      "version": "npm:lodash@4.17.21",
      "optional": true
    },
    "sprintf-js": {
      "version": "1.0.3"
    }
  }
}"#;

    #[test]
    fn v1_nested_tree_and_graph() {
        let tree = MemoryTree::default().with(
            "cli/package.json",
            r#"{"name": "report-cli", "dependencies": {"argparse": "2", "js-yaml": "3"}, "devDependencies": {"mkdirp": "0.5"}, "optionalDependencies": {"my-lodash": "npm:lodash@4"}}"#,
        );
        let cat = parse_in(&tree, "cli/package-lock.json", V1);
        let messages: Vec<&str> = cat.problems.iter().map(|p| p.message.as_str()).collect();
        // minimist is required by mkdirp but missing from this lockfile.
        assert_eq!(
            messages,
            ["dependency `minimist` of `node_modules/mkdirp` is not in the lockfile"]
        );
        assert_eq!(cat.problems[0].line, Some(25));

        let root = find(&cat, "pkg:npm/report-cli@0.9.2");
        assert_eq!(root.origin, Origin::FirstParty);
        assert_eq!(root.roots, ["cli"]);
        assert_eq!(root.sources[0].line, Some(2));
        assert_eq!(
            root.dependencies,
            [
                "pkg:npm/argparse@2.0.1",
                "pkg:npm/js-yaml@3.14.1",
                "pkg:npm/lodash@4.17.21",
                "pkg:npm/mkdirp@0.5.6"
            ]
        );
        // The nested argparse 1 wins for js-yaml; sprintf-js resolves at the top.
        assert_eq!(
            find(&cat, "pkg:npm/js-yaml@3.14.1").dependencies,
            ["pkg:npm/argparse@1.0.10", "pkg:npm/sprintf-js@1.0.3"]
        );
        let nested = find(&cat, "pkg:npm/argparse@1.0.10");
        assert_eq!(nested.sources[0].line, Some(17));
        assert_eq!(nested.dependencies, ["pkg:npm/sprintf-js@1.0.3"]);
        assert_eq!(
            find(&cat, "pkg:npm/argparse@2.0.1").sources[0].line,
            Some(7)
        );
        assert_eq!(find(&cat, "pkg:npm/mkdirp@0.5.6").scope, Some(Scope::Dev));
        // An alias is the real package.
        let lodash = find(&cat, "pkg:npm/lodash@4.17.21");
        assert_eq!(lodash.name, "lodash");
        assert_eq!(lodash.scope, Some(Scope::Optional));
        assert_eq!(cat.components.len(), 7);
    }

    #[test]
    fn v1_without_package_json_has_a_root_without_dependencies() {
        let cat = parse("package-lock.json", V1);
        assert!(
            find(&cat, "pkg:npm/report-cli@0.9.2")
                .dependencies
                .is_empty()
        );
    }

    #[test]
    fn v1_local_file_dependency_is_first_party() {
        let lock = r#"{"name": "app", "version": "1.0.0", "lockfileVersion": 1, "dependencies": {
            "lib": {"version": "file:packages/lib", "requires": {"ms": "2"}},
            "ms": {"version": "2.1.3"},
            "user": {"version": "1.0.0", "requires": {"lib": "*"}}
        }}"#;
        let cat = parse("package-lock.json", lock);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let lib = find(&cat, "pkg:npm/lib");
        assert_eq!(lib.origin, Origin::FirstParty);
        assert_eq!(lib.roots, ["packages/lib"]);
        assert_eq!(lib.dependencies, ["pkg:npm/ms@2.1.3"]);
        assert_eq!(
            find(&cat, "pkg:npm/user@1.0.0").dependencies,
            ["pkg:npm/lib"]
        );
    }

    #[test]
    fn unknown_and_missing_lockfile_versions() {
        let lock = "{\n  \"name\": \"x\",\n  \"lockfileVersion\": 4,\n  \"packages\": {\n    \"\": {\"name\": \"x\"},\n    \"node_modules/a\": {\"version\": \"1.0.0\"}\n  }\n}";
        let cat = parse("package-lock.json", lock);
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        assert_eq!(cat.problems[0].line, Some(3));
        assert_eq!(
            cat.problems[0].message,
            "unknown lockfileVersion `4`; read as version 3"
        );
        assert_eq!(cat.components.len(), 2);

        let cat = parse(
            "package-lock.json",
            r#"{"name": "x", "dependencies": {"a": {"version": "1.0.0"}}}"#,
        );
        assert_eq!(
            cat.problems[0].message,
            "no `lockfileVersion`; read as version 1"
        );
        assert_eq!(cat.components.len(), 2);

        let cat = parse("package-lock.json", r#"{"lockfileVersion": "3"}"#);
        assert_eq!(cat.problems.len(), 1);
        assert!(cat.components.is_empty());

        let cat = parse(
            "package-lock.json",
            r#"{"lockfileVersion": 3, "packages": []}"#,
        );
        assert_eq!(
            cat.problems[0].message,
            "lockfileVersion 3 needs a `packages` object, but it is an array"
        );
        assert!(cat.components.is_empty());
    }

    #[test]
    fn corrupt_lockfile_names_the_line() {
        let truncated = "{\n  \"name\": \"x\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {\n      \"version\": \"1.0.0\",\n";
        let cat = parse("package-lock.json", truncated);
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(7));
        assert!(
            cat.problems[0].message.contains("EOF"),
            "{}",
            cat.problems[0].message
        );

        let cat = parse(
            "package-lock.json",
            "{\"lockfileVersion\": 3,\n\"packages\": {,}}",
        );
        assert_eq!(cat.problems[0].line, Some(2));
    }

    #[test]
    fn wrong_typed_entries_are_reported_with_their_line() {
        let lock = r#"{
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "app", "dependencies": {"a": "1", "b": "1", "c": "1"}},
    "node_modules/a": {"version": 1, "license": 42, "dev": "yes"},
    "node_modules/b": "1.0.0",
    "node_modules/c": {"version": "1.0.0", "dependencies": ["x"], "license": {"type": "ISC"}}
  }
}"#;
        let cat = parse("package-lock.json", lock);
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some(5),
                    "`version` of `node_modules/a` is a number, expected a string"
                ),
                (Some(5), "entry `node_modules/a` has no `version`"),
                (
                    Some(5),
                    "`dev` of `node_modules/a` is a string, expected a boolean"
                ),
                (
                    Some(5),
                    "`license` is a number, expected a string (entry `node_modules/a`)"
                ),
                (
                    Some(6),
                    "entry `node_modules/b` is a string, expected an object"
                ),
                (
                    Some(7),
                    "`dependencies` of `node_modules/c` is an array, expected an object"
                ),
                (Some(4), "dependency `b` of `app` is not in the lockfile"),
            ]
        );
        // What could be read is kept.
        let a = find(&cat, "pkg:npm/a");
        assert!(a.declared.is_empty());
        assert_eq!(a.scope, Some(Scope::Runtime));
        let c = find(&cat, "pkg:npm/c@1.0.0");
        assert_eq!(c.declared[0].raw, "ISC");
        assert_eq!(
            find(&cat, "pkg:npm/app").dependencies,
            ["pkg:npm/a", "pkg:npm/c@1.0.0"]
        );
    }

    #[test]
    fn aliases_dangling_links_and_see_license_in() {
        let lock = r#"{
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "app", "dependencies": {"my-ms": "npm:ms@2", "lib": "*"}},
    "node_modules/lib": {"resolved": "../lib", "link": true},
    "node_modules/my-ms": {"name": "ms", "version": "2.1.3", "license": "SEE LICENSE IN LICENSE.md"},
    "node_modules/no-target": {"link": true}
  }
}"#;
        let cat = parse("web/package-lock.json", lock);
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some(7),
                    "link `node_modules/no-target` has no `resolved` target"
                ),
                (
                    Some(5),
                    "link `node_modules/lib` points to `../lib`, which has no package entry"
                ),
            ]
        );
        let ms = find(&cat, "pkg:npm/ms@2.1.3");
        assert_eq!(ms.name, "ms");
        assert_eq!(
            ms.declared[0].license_file.as_deref(),
            Some("web/node_modules/my-ms/LICENSE.md")
        );
        assert_eq!(find(&cat, "pkg:npm/app").dependencies, ["pkg:npm/ms@2.1.3"]);
        assert_eq!(cat.components.len(), 2);
    }

    #[test]
    fn lockfile_inside_an_installed_package_is_not_read() {
        let cat = parse("node_modules/foo/npm-shrinkwrap.json", V3);
        assert_eq!(cat, Catalog::default());
    }

    #[test]
    fn resolution_and_names() {
        assert_eq!(package_name("node_modules/a/node_modules/@s/c"), "@s/c");
        assert_eq!(package_name("packages/web"), "web");
        assert_eq!(
            parse_alias("npm:@babel/core@7.24.0"),
            Some(("@babel/core", "7.24.0"))
        );
        assert_eq!(
            parse_alias("npm:lodash@4.17.21"),
            Some(("lodash", "4.17.21"))
        );
        assert_eq!(parse_alias("npm:lodash"), None);
        assert_eq!(parse_alias("npm:@x"), None);
        let paths = [
            "node_modules/a",
            "node_modules/a/node_modules/b",
            "node_modules/b",
            "x/node_modules/b",
        ];
        let by_path: HashMap<&str, usize> =
            paths.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        assert_eq!(resolve(&by_path, "node_modules/a", "b"), Some(1));
        assert_eq!(
            resolve(&by_path, "node_modules/a/node_modules/b", "b"),
            Some(1)
        );
        assert_eq!(resolve(&by_path, "", "b"), Some(2));
        assert_eq!(resolve(&by_path, "x", "b"), Some(3));
        assert_eq!(resolve(&by_path, "x/y/z", "b"), Some(3));
        assert_eq!(resolve(&by_path, "node_modules/a", "c"), None);
    }

    #[test]
    fn large_lockfile_is_linear() {
        // 5,000 entries in a chain: each depends on the next.
        let mut text = String::from(
            "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\"name\": \"big\", \"dependencies\": {\"p0\": \"1\"}}",
        );
        for i in 0..5000 {
            text.push_str(&format!(
                ",\n    \"node_modules/p{i}\": {{\n      \"version\": \"1.0.{i}\",\n      \"dependencies\": {{\"p{}\": \"1\"}}\n    }}",
                (i + 1) % 5000
            ));
        }
        text.push_str("\n  }\n}\n");
        let started = std::time::Instant::now();
        let cat = parse("package-lock.json", &text);
        let took = started.elapsed();
        assert!(cat.problems.is_empty());
        assert_eq!(cat.components.len(), 5001);
        let p4999 = find(&cat, "pkg:npm/p4999@1.0.4999");
        assert_eq!(p4999.sources[0].line, Some(5 + 4 * 4999));
        assert_eq!(p4999.dependencies, ["pkg:npm/p0@1.0.0"]);
        assert!(took.as_secs() < 5, "took {took:?}");
    }

    #[test]
    fn integrity_becomes_archive_checksums() {
        let v3 = r#"{
  "name": "app",
  "lockfileVersion": 3,
  "packages": {
    "": { "name": "app", "dependencies": { "a": "1", "b": "1", "c": "1" } },
    "node_modules/a": {
      "version": "1.0.0",
      "integrity": "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw== sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0="
    },
    "node_modules/b": { "version": "1.0.0", "integrity": "sha512-not*base64" },
    "node_modules/c": { "version": "1.0.0", "integrity": 7 }
  }
}"#;
        let cat = parse("package-lock.json", v3);
        let a = find(&cat, "pkg:npm/a@1.0.0");
        let algorithms: Vec<&str> = a.hashes.iter().map(|h| h.algorithm.as_str()).collect();
        assert_eq!(algorithms, ["SHA-1", "SHA-512"]);
        assert_eq!(
            a.hashes[0].value,
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert!(find(&cat, "pkg:npm/b@1.0.0").hashes.is_empty());
        assert!(find(&cat, "pkg:npm/c@1.0.0").hashes.is_empty());
        // The wrongly typed one is reported, like any other field.
        assert_eq!(cat.problems.len(), 1, "{:?}", cat.problems);

        let v1 = r#"{
  "name": "app",
  "version": "1.0.0",
  "lockfileVersion": 1,
  "dependencies": {
    "a": { "version": "1.0.0", "integrity": "sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=" }
  }
}"#;
        let cat = parse("package-lock.json", v1);
        let a = find(&cat, "pkg:npm/a@1.0.0");
        assert_eq!(a.hashes.len(), 1);
        assert_eq!(
            a.hashes[0].value,
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
    }
}
