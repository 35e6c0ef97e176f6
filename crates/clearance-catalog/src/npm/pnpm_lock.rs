//! `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.0.

use std::collections::{BTreeMap, HashMap};

use clearance_model::{Ecosystem, ProblemCode, Scope};
use serde_norway::{Mapping, Value};

use super::lockgraph::{Edge, Graph, Pkg, read_manifest, yaml_key_lines, yaml_problem};
use crate::util;
use crate::{Catalog, Cataloger, ManifestFile};

/// `pnpm-lock.yaml`: every package pnpm resolved, with its dependencies, and the importers (the
/// project and its workspace members) with the packages they name directly.
///
/// The three key formats are read: `/name/1.0.0_peer@1.0.0` (5.x), `/name@1.0.0(peer@1.0.0)`
/// (6.x) and `name@1.0.0(peer@1.0.0)` with a separate `snapshots` map (9.0). Peer-dependency
/// suffixes are not part of the version: the variants of one package are one component. Versions
/// 5 and 6 mark development packages (`dev: true`) and optional ones; otherwise the scope is the
/// most shipping path from an importer (runtime over optional over dev). pnpm does not record
/// licenses, so none are declared.
///
/// Importers are first-party, with their directory as root and their `package.json` name and
/// version; a lockfile inside `node_modules` yields nothing. pnpm 11 and later may put an "env"
/// document (the package manager itself and config dependencies) before the project's: both
/// are read, and what the env document names is in the build scope.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, npm::NpmPnpmLock};
/// let lock = b"lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ms:\n        specifier: ^2.1.3\n        version: 2.1.3\npackages:\n  ms@2.1.3:\n    resolution: {integrity: sha512-x}\nsnapshots:\n  ms@2.1.3: {}\n";
/// let tree = MemoryTree::default();
/// let catalog = NpmPnpmLock.parse(&ManifestFile::new("pnpm-lock.yaml", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:npm/ms@2.1.3");
/// assert_eq!(catalog.components[0].direct, Some(true));
/// assert_eq!(catalog.components[0].sources[0].line, Some(9));
/// ```
pub struct NpmPnpmLock;

impl Cataloger for NpmPnpmLock {
    fn name(&self) -> &'static str {
        "npm-pnpm-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Npm
    }

    fn globs(&self) -> &'static [&'static str] {
        &["pnpm-lock.yaml", "**/pnpm-lock.yaml"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if util::has_dir(file.path, "node_modules") {
            return Catalog::default();
        }
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut graph = Graph::new(file, self.name());
        if text.trim().is_empty() {
            graph.problem(
                ProblemCode::ManifestParse,
                Some(1),
                "empty lockfile".to_string(),
            );
            return graph.finish();
        }
        // pnpm 11 and later may write two documents: an "env" document (the package manager
        // and config dependencies) before the project's. Each is read.
        let mut importers = BTreeMap::new();
        for (offset, doc_text) in split_documents(text) {
            if doc_text.trim().is_empty() {
                continue;
            }
            let doc: Value = match serde_norway::from_str(doc_text) {
                Ok(v) => v,
                Err(e) => {
                    let mut p = yaml_problem(file.path, &e);
                    p.line = p.line.map(|l| l.saturating_add(offset));
                    graph.problems.push(p);
                    continue;
                }
            };
            let Value::Mapping(top) = doc else {
                graph.problem(
                    ProblemCode::ManifestValue,
                    Some(offset.saturating_add(1)),
                    "the lockfile is not a YAML mapping".to_string(),
                );
                continue;
            };
            read(&mut graph, doc_text, offset, &top, &mut importers);
        }
        graph.finish()
    }
}

/// The documents of a YAML stream, split at `---` lines, each with the number of lines before
/// it.
fn split_documents(text: &str) -> Vec<(u32, &str)> {
    let mut docs = Vec::new();
    let mut start = 0;
    let mut start_line = 0u32;
    let mut pos = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare.starts_with("--- ") {
            docs.push((start_line, &text[start..pos]));
            start = pos + line.len();
            start_line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        }
        pos += line.len();
    }
    docs.push((start_line, &text[start..]));
    docs
}

/// Lines found in one document, moved by the lines before it.
fn shifted(lines: BTreeMap<String, u32>, offset: u32) -> BTreeMap<String, u32> {
    lines
        .into_iter()
        .map(|(k, l)| (k, l.saturating_add(offset)))
        .collect()
}

/// A YAML scalar as text (`lockfileVersion: 5.4` is a number, `'6.0'` a string).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A package key split into name and version (with any peer suffix), and whether it used the
/// 5.x form `/name/version`.
#[derive(Debug, PartialEq, Eq)]
struct Key<'k> {
    name: &'k str,
    version: &'k str,
    slash: bool,
}

/// Reads `/name/1.0.0`, `/@scope/name/1.0.0_peer@1`, `/name@1.0.0(peer@1)` and `name@1.0.0`.
fn parse_key(key: &str) -> Option<Key<'_>> {
    let k = key.strip_prefix('/').unwrap_or(key);
    let name_end = if k.starts_with('@') {
        let slash = k.find('/')?;
        if slash < 2 {
            return None;
        }
        slash + 1 + k.get(slash + 1..)?.find(['@', '/'])?
    } else {
        k.find(['@', '/'])?
    };
    let name = k.get(..name_end)?;
    let slash = k.get(name_end..)?.starts_with('/');
    let version = k.get(name_end + 1..)?;
    (!name.is_empty() && !version.is_empty()).then_some(Key {
        name,
        version,
        slash,
    })
}

impl<'k> Key<'k> {
    /// The key in one form for lookups: `name@version(peers)`.
    fn canonical(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// The version without its peer-dependency suffix.
    fn plain_version(&self) -> &'k str {
        strip_peers(self.version, self.slash)
    }
}

/// `1.0.0(react@18.2.0)` → `1.0.0`; in the 5.x form also `1.0.0_react@18.2.0` → `1.0.0`.
fn strip_peers(version: &str, underscore: bool) -> &str {
    let v = version.split('(').next().unwrap_or(version);
    if underscore {
        v.split('_').next().unwrap_or(v)
    } else {
        v
    }
}

/// Where a dependency value points.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A package, by its canonical key.
    Package(String),
    /// `link:<dir>`: a directory relative to the dependent importer.
    Link(String),
}

/// A dependency `name: value` → what it points to: `1.0.0(peer@1)`, `/real/1.0.0` or
/// `/real@1.0.0` (an alias in 5.x and 6.x), `real@1.0.0` (an alias in 9.0), `link:../lib`.
fn target(name: &str, value: &str) -> Target {
    if let Some(dir) = value.strip_prefix("link:") {
        return Target::Link(dir.to_string());
    }
    let head = value.split('(').next().unwrap_or(value);
    let alias = value.starts_with('/')
        || (head.contains('@') && !value.starts_with(|c: char| c.is_ascii_digit()));
    if alias && let Some(key) = parse_key(value) {
        return Target::Package(key.canonical());
    }
    Target::Package(format!("{name}@{value}"))
}

/// The `(name, value)` pairs of a dependency map; a value may be `1.0.0` (5.x) or
/// `{specifier, version}` (6.x and later).
fn dep_values(map: &Mapping) -> Vec<(String, String)> {
    map.iter()
        .filter_map(|(k, v)| {
            let name = k.as_str()?.to_string();
            let value = match v {
                Value::Mapping(m) => m.get("version").and_then(scalar)?,
                other => scalar(other)?,
            };
            Some((name, value))
        })
        .collect()
}

/// A dependency to resolve once every package is known.
struct PendingDep {
    from: usize,
    /// The importer's directory (relative to the lockfile) for `link:` targets.
    importer: Option<String>,
    name: String,
    value: String,
    edge: Edge,
    line: Option<u32>,
}

/// Reads one document whose first line follows `offset` lines of the file. `by_dir` holds the
/// importers read so far (a second document names the same project).
fn read(
    graph: &mut Graph<'_, '_>,
    text: &str,
    offset: u32,
    top: &Mapping,
    by_dir: &mut BTreeMap<String, usize>,
) {
    let top_lines = shifted(yaml_key_lines(text, None, 0), offset);
    let version_line = top_lines.get("lockfileVersion").copied();
    match top.get("lockfileVersion").and_then(scalar) {
        Some(v) => {
            let major = v.split('.').next().unwrap_or_default();
            if !matches!(major, "5" | "6" | "7" | "9") {
                graph.problem(
                    ProblemCode::ManifestValue,
                    version_line,
                    format!("unknown lockfileVersion `{v}`; read by its key format"),
                );
            }
        }
        None => graph.problem(
            ProblemCode::ManifestValue,
            version_line,
            "no `lockfileVersion`; read by its key format".to_string(),
        ),
    }

    let mapping = |key: &str| match top.get(key) {
        Some(Value::Mapping(m)) => Some(m),
        _ => None,
    };
    for key in ["importers", "packages", "snapshots"] {
        if let Some(v) = top.get(key)
            && !matches!(v, Value::Mapping(_) | Value::Null)
        {
            let line = top_lines.get(key).copied();
            graph.problem(
                ProblemCode::ManifestValue,
                line,
                format!("`{key}` is not a mapping"),
            );
        }
    }
    let packages = mapping("packages");
    let snapshots = mapping("snapshots");
    let package_lines = shifted(yaml_key_lines(text, Some("packages"), 2), offset);
    let snapshot_lines = shifted(yaml_key_lines(text, Some("snapshots"), 2), offset);

    // Packages: from `snapshots` in 9.0 (with `packages` as their metadata), else `packages`.
    let (entries, entry_lines) = match snapshots {
        Some(s) => (Some(s), &snapshot_lines),
        None => (packages, &package_lines),
    };
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<PendingDep> = Vec::new();
    for (key, value) in entries.into_iter().flatten() {
        let Some(key) = key.as_str() else { continue };
        let mut line = entry_lines.get(key).copied();
        let Some(parsed) = parse_key(key) else {
            graph.problem(
                ProblemCode::ManifestValue,
                line,
                format!("cannot read a package name and version from `{key}`"),
            );
            continue;
        };
        let entry = match value {
            Value::Mapping(m) => Some(m),
            Value::Null => None,
            _ => {
                graph.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("entry `{key}` is not a mapping"),
                );
                continue;
            }
        };
        // 9.0: the package's own entry is under its key without peers.
        let meta = if snapshots.is_some() {
            let base = key.split('(').next().unwrap_or(key);
            if let Some(l) = package_lines.get(base) {
                line = Some(*l);
            }
            packages
                .and_then(|p| p.get(base))
                .and_then(Value::as_mapping)
        } else {
            entry
        };
        let field = |k: &str| meta.and_then(|m| m.get(k)).and_then(scalar);
        let name = field("name").unwrap_or_else(|| parsed.name.to_string());
        let version = field("version").unwrap_or_else(|| parsed.plain_version().to_string());
        let mut pkg = Pkg::new(name, Some(version), line);
        pkg.hashes = meta
            .and_then(|m| m.get("resolution"))
            .and_then(|r| r.get("integrity"))
            .and_then(scalar)
            .map(|i| util::sri_checksums(&i))
            .unwrap_or_default();
        if snapshots.is_none() {
            let flag = |k: &str| entry.and_then(|m| m.get(k)).and_then(Value::as_bool);
            pkg.stated_scope = match (flag("dev"), flag("optional")) {
                (Some(true), _) => Some(Scope::Dev),
                (Some(false), Some(true)) => Some(Scope::Optional),
                (Some(false), _) => Some(Scope::Runtime),
                (None, _) => None,
            };
        }
        let index = graph.add(pkg);
        by_key.insert(parsed.canonical(), index);
        for (block, edge) in [
            ("dependencies", Edge::Runtime),
            ("optionalDependencies", Edge::Optional),
        ] {
            match entry.and_then(|e| e.get(block)) {
                Some(Value::Mapping(map)) => {
                    for (name, value) in dep_values(map) {
                        pending.push(PendingDep {
                            from: index,
                            importer: None,
                            name,
                            value,
                            edge,
                            line,
                        });
                    }
                }
                None | Some(Value::Null) => {}
                Some(_) => graph.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("`{block}` of `{key}` is not a mapping"),
                ),
            }
        }
    }

    // Importers: `importers` (workspaces, and every 9.0 lockfile), else the top level is the
    // only importer.
    let importer_lines = shifted(yaml_key_lines(text, Some("importers"), 2), offset);
    let importers: Vec<(String, &Mapping, Option<u32>)> = match mapping("importers") {
        Some(map) => map
            .iter()
            .filter_map(|(k, v)| {
                let path = k.as_str()?.to_string();
                let line = importer_lines.get(&path).copied();
                match v {
                    Value::Mapping(m) => Some((path, m, line)),
                    _ => None,
                }
            })
            .collect(),
        None => vec![(".".to_string(), top, None)],
    };
    for (path, importer, line) in importers {
        let dir = util::join("", &path).unwrap_or_default();
        let index = match by_dir.get(&dir) {
            Some(&i) => i,
            None => {
                let root_dir = util::join(graph.file.dir(), &dir).unwrap_or_default();
                let manifest = read_manifest(graph.file, &root_dir);
                let i = graph.add_workspace(&dir, manifest.as_ref(), None, line);
                by_dir.insert(dir.clone(), i);
                i
            }
        };
        for (block, edge) in [
            ("dependencies", Edge::Runtime),
            ("devDependencies", Edge::Dev),
            ("optionalDependencies", Edge::Optional),
            ("configDependencies", Edge::Build),
            ("packageManagerDependencies", Edge::Build),
        ] {
            if let Some(Value::Mapping(map)) = importer.get(block) {
                let block_line = if line.is_none() {
                    top_lines.get(block).copied()
                } else {
                    line
                };
                for (name, value) in dep_values(map) {
                    pending.push(PendingDep {
                        from: index,
                        importer: Some(dir.clone()),
                        name,
                        value,
                        edge,
                        line: block_line,
                    });
                }
            }
        }
    }

    for dep in pending {
        let resolved = match target(&dep.name, &dep.value) {
            Target::Package(key) => by_key.get(&key).copied(),
            Target::Link(rel) => {
                // A link to a directory that is no importer (outside the workspace) names no
                // package of the lockfile.
                let Some(dir) = dep.importer.as_deref().and_then(|i| util::join(i, &rel)) else {
                    continue;
                };
                match by_dir.get(&dir) {
                    Some(&i) => Some(i),
                    None => continue,
                }
            }
        };
        match resolved {
            Some(d) => graph.pkgs[dep.from].deps.push((d, dep.edge)),
            None if dep.edge == Edge::Optional => {}
            None => graph.problem(
                ProblemCode::ManifestValue,
                dep.line,
                format!(
                    "dependency `{}` at `{}` is not in the lockfile",
                    dep.name, dep.value
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::{Component, Origin};

    fn parse_in(tree: &MemoryTree, path: &str, text: &str) -> Catalog {
        NpmPnpmLock.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    fn parse(path: &str, text: &str) -> Catalog {
        parse_in(&MemoryTree::default(), path, text)
    }

    fn find<'c>(cat: &'c Catalog, purl: &str) -> &'c Component {
        cat.components
            .iter()
            .find(|c| c.purl == purl)
            .unwrap_or_else(|| panic!("no {purl} in {:#?}", cat.components))
    }

    fn problems(cat: &Catalog) -> Vec<(Option<u32>, &str)> {
        cat.problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect()
    }

    #[test]
    fn keys_of_every_version() {
        let k = |s| parse_key(s).map(|k| (k.name, k.plain_version(), k.canonical()));
        assert_eq!(
            k("/ms/2.1.3"),
            Some(("ms", "2.1.3", "ms@2.1.3".to_string()))
        );
        assert_eq!(
            k("/react-dom/18.3.1_react@18.3.1"),
            Some((
                "react-dom",
                "18.3.1",
                "react-dom@18.3.1_react@18.3.1".to_string()
            ))
        );
        assert_eq!(
            k("/@babel/core/7.24.0"),
            Some(("@babel/core", "7.24.0", "@babel/core@7.24.0".to_string()))
        );
        assert_eq!(
            k("/react-dom@18.3.1(react@18.3.1)"),
            Some((
                "react-dom",
                "18.3.1",
                "react-dom@18.3.1(react@18.3.1)".to_string()
            ))
        );
        assert_eq!(
            k("@types/node@20.0.0"),
            Some(("@types/node", "20.0.0", "@types/node@20.0.0".to_string()))
        );
        // A 6.x+ version keeps an underscore: only 5.x suffixes peers with it.
        assert_eq!(k("a@1.0.0_x").map(|t| t.1), Some("1.0.0_x"));
        for bad in ["", "/", "ms", "@scope", "@scope/x", "/ms@", "@/x@1"] {
            assert_eq!(parse_key(bad).map(|k| k.canonical()), None, "{bad}");
        }
    }

    #[test]
    fn dependency_targets() {
        let p = |s: &str| Target::Package(s.to_string());
        assert_eq!(target("ms", "2.1.3"), p("ms@2.1.3"));
        assert_eq!(
            target("react-dom", "18.3.1_react@18.3.1"),
            p("react-dom@18.3.1_react@18.3.1")
        );
        assert_eq!(
            target("react-dom", "18.3.1(react@18.3.1)"),
            p("react-dom@18.3.1(react@18.3.1)")
        );
        assert_eq!(target("sw", "/string-width/4.2.3"), p("string-width@4.2.3"));
        assert_eq!(target("sw", "/string-width@4.2.3"), p("string-width@4.2.3"));
        assert_eq!(target("sw", "string-width@4.2.3"), p("string-width@4.2.3"));
        assert_eq!(
            target("lib", "link:../lib"),
            Target::Link("../lib".to_string())
        );
    }

    const V5_WORKSPACE: &str = "lockfileVersion: 5.4

importers:

  .:
    specifiers:
      lib: workspace:*
      typescript: ^5.0.0
    dependencies:
      lib: link:packages/lib
    devDependencies:
      typescript: 5.3.3

  packages/lib:
    specifiers:
      react-dom: ^18.2.0
    dependencies:
      react-dom: 18.3.1_react@18.3.1
    optionalDependencies:
      fsevents: 2.3.3

packages:

  /react-dom/18.3.1_react@18.3.1:
    resolution: {integrity: sha512-x}
    dependencies:
      react: 18.3.1
    dev: false

  /react/18.3.1:
    resolution: {integrity: sha512-y}
    dev: false

  /typescript/5.3.3:
    resolution: {integrity: sha512-z}
    dev: true
";

    #[test]
    fn v5_workspace_importers_links_and_flags() {
        let tree = MemoryTree::default()
            .with(
                "package.json",
                r#"{"name": "mono", "version": "1.0.0", "private": true}"#,
            )
            .with(
                "packages/lib/package.json",
                r#"{"name": "@mono/lib", "version": "0.1.0"}"#,
            );
        let cat = parse_in(&tree, "pnpm-lock.yaml", V5_WORKSPACE);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let mono = find(&cat, "pkg:npm/mono@1.0.0");
        assert_eq!(mono.origin, Origin::FirstParty);
        assert_eq!(mono.roots, [""]);
        assert_eq!(mono.sources[0].line, Some(5));
        assert_eq!(
            mono.dependencies,
            ["pkg:npm/%40mono/lib@0.1.0", "pkg:npm/typescript@5.3.3"]
        );
        let lib = find(&cat, "pkg:npm/%40mono/lib@0.1.0");
        assert_eq!(lib.roots, ["packages/lib"]);
        assert_eq!(lib.dependencies, ["pkg:npm/react-dom@18.3.1"]);
        let rd = find(&cat, "pkg:npm/react-dom@18.3.1");
        assert_eq!((rd.direct, rd.scope), (Some(true), Some(Scope::Runtime)));
        assert_eq!(rd.sources[0].line, Some(24));
        assert_eq!(rd.dependencies, ["pkg:npm/react@18.3.1"]);
        let react = find(&cat, "pkg:npm/react@18.3.1");
        assert_eq!(
            (react.direct, react.scope),
            (Some(false), Some(Scope::Runtime))
        );
        let ts = find(&cat, "pkg:npm/typescript@5.3.3");
        assert_eq!((ts.direct, ts.scope), (Some(true), Some(Scope::Dev)));
        assert!(cat.components.iter().all(|c| c.declared.is_empty()));
        assert_eq!(cat.components.len(), 5);
    }

    #[test]
    fn v9_peer_variants_are_one_component_and_scope_follows_the_graph() {
        let lock = "lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      a:
        specifier: ^1.0.0
        version: 1.0.0(react@18.3.1)
    devDependencies:
      b:
        specifier: ^1.0.0
        version: 1.0.0
      react:
        specifier: ^18.0.0
        version: 18.3.1

packages:

  a@1.0.0:
    resolution: {integrity: sha512-a}

  b@1.0.0:
    resolution: {integrity: sha512-b}

  react@18.3.1:
    resolution: {integrity: sha512-r}

snapshots:

  a@1.0.0(react@17.0.2):
    dependencies:
      react: 17.0.2

  a@1.0.0(react@18.3.1):
    dependencies:
      react: 18.3.1

  b@1.0.0:
    dependencies:
      a: 1.0.0(react@17.0.2)

  react@18.3.1: {}
";
        let cat = parse("pnpm-lock.yaml", lock);
        // `react@17.0.2` has no snapshot: a required dependency that is missing.
        assert_eq!(
            problems(&cat),
            [(
                Some(20),
                "dependency `react` at `17.0.2` is not in the lockfile"
            )]
        );
        let a = find(&cat, "pkg:npm/a@1.0.0");
        assert_eq!(a.sources.len(), 1);
        assert_eq!(a.sources[0].line, Some(20));
        assert_eq!((a.direct, a.scope), (Some(true), Some(Scope::Runtime)));
        // react is a dev dependency, but `a` ships it at run time.
        let react = find(&cat, "pkg:npm/react@18.3.1");
        assert_eq!(
            (react.direct, react.scope),
            (Some(true), Some(Scope::Runtime))
        );
        let b = find(&cat, "pkg:npm/b@1.0.0");
        assert_eq!((b.direct, b.scope), (Some(true), Some(Scope::Dev)));
        // No package.json beside it: the project is no component.
        assert_eq!(cat.components.len(), 3);
    }

    #[test]
    fn wrong_values_are_reported_with_their_line() {
        let lock = "lockfileVersion: '42.0'
packages:
  /ok@1.0.0:
    resolution: {integrity: sha512-a}
    dependencies:
      gone: 2.0.0
  /bad@1.0.0: 7
  nonsense:
    resolution: {}
  /deps@1.0.0:
    dependencies: [x]
";
        let cat = parse("pnpm-lock.yaml", lock);
        assert_eq!(
            problems(&cat),
            [
                (
                    Some(1),
                    "unknown lockfileVersion `42.0`; read by its key format"
                ),
                (Some(7), "entry `/bad@1.0.0` is not a mapping"),
                (
                    Some(8),
                    "cannot read a package name and version from `nonsense`"
                ),
                (Some(10), "`dependencies` of `/deps@1.0.0` is not a mapping"),
                (
                    Some(3),
                    "dependency `gone` at `2.0.0` is not in the lockfile"
                ),
            ]
        );
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(purls, ["pkg:npm/deps@1.0.0", "pkg:npm/ok@1.0.0"]);
    }

    #[test]
    fn documents_keep_their_file_lines() {
        assert_eq!(split_documents("a: 1\n"), [(0, "a: 1\n")]);
        assert_eq!(
            split_documents("---\na: 1\n---\r\nb: 2\n--- # c\n"),
            [(0, ""), (1, "a: 1\n"), (3, "b: 2\n"), (5, "")]
        );
        // A broken second document is reported at its line in the file; the first still counts.
        let lock = "---\nlockfileVersion: '9.0'\npackages:\n  a@1.0.0: {}\n---\nlockfileVersion: '9.0'\npackages: {b@1: [\n";
        let cat = parse("pnpm-lock.yaml", lock);
        assert_eq!(cat.components[0].purl, "pkg:npm/a@1.0.0");
        assert_eq!(cat.components[0].sources[0].line, Some(4));
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert!(
            cat.problems[0].line.is_some_and(|l| l >= 7),
            "{:?}",
            cat.problems
        );
    }

    #[test]
    fn truncated_lockfiles_never_panic() {
        for text in [
            V5_WORKSPACE,
            "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a: {version: link:../x}\n",
        ] {
            for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
                let _ = parse("pnpm-lock.yaml", &text[..end]);
            }
        }
    }

    #[test]
    fn corrupt_missing_version_and_node_modules() {
        let cat = parse(
            "pnpm-lock.yaml",
            "lockfileVersion: '9.0'\npackages:\n  a@1: {\n",
        );
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert!(cat.problems[0].line.is_some());

        let cat = parse("pnpm-lock.yaml", "packages:\n  /a/1.0.0: {}\n");
        assert_eq!(
            problems(&cat),
            [(None, "no `lockfileVersion`; read by its key format")]
        );
        assert_eq!(cat.components[0].purl, "pkg:npm/a@1.0.0");

        let cat = parse("pnpm-lock.yaml", "- a\n");
        assert_eq!(
            problems(&cat),
            [(Some(1), "the lockfile is not a YAML mapping")]
        );

        assert_eq!(
            parse("node_modules/x/pnpm-lock.yaml", V5_WORKSPACE),
            Catalog::default()
        );
    }

    #[test]
    fn resolution_integrity_of_v6_and_v9() {
        let v9 = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.0.0\n      b:\n        specifier: ^1\n        version: 1.0.0\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=}\n  b@1.0.0:\n    resolution: {integrity: sha512-x}\nsnapshots:\n  a@1.0.0: {}\n  b@1.0.0: {}\n";
        let cat = parse("pnpm-lock.yaml", v9);
        let a = find(&cat, "pkg:npm/a@1.0.0");
        assert_eq!(a.hashes.len(), 1);
        assert_eq!(
            a.hashes[0].value,
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert!(find(&cat, "pkg:npm/b@1.0.0").hashes.is_empty());

        let v6 = "lockfileVersion: '6.0'\ndependencies:\n  a:\n    specifier: ^1\n    version: 1.0.0\npackages:\n  /a@1.0.0:\n    resolution: {integrity: sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=}\n    dev: false\n";
        let cat = parse("pnpm-lock.yaml", v6);
        assert_eq!(find(&cat, "pkg:npm/a@1.0.0").hashes.len(), 1);
    }
}
