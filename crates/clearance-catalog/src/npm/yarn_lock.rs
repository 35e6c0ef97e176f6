//! `yarn.lock`: Yarn 1 (its own line format) and Yarn 2+ "Berry" (YAML with `__metadata`).

use std::collections::{BTreeMap, HashMap};

use clearance_model::{Ecosystem, ProblemCode};
use serde_norway::{Mapping, Value};

use super::lockgraph::{
    Edge, Graph, Manifest, Pkg, read_manifest, split_descriptor, yaml_key_lines, yaml_problem,
};
use crate::util;
use crate::{Catalog, Cataloger, ManifestFile};

/// `yarn.lock`, both formats: Yarn 1's own format (`"name@range", name@range2:` headers with
/// `version`, `resolved`, `integrity` and `dependencies` / `optionalDependencies` blocks) and the
/// YAML of Yarn 2 and later ("Berry", with `__metadata: version`).
///
/// Neither format records licenses, so lockfile-only packages declare none. The direct
/// dependencies are those the workspaces name: for Yarn 1 the `package.json` beside the lockfile
/// (Yarn 1 does not list workspaces in its lockfile), for Berry each `workspace:` entry, whose
/// `package.json` tells development dependencies apart. Workspaces are first-party.
///
/// A lockfile inside `node_modules` belongs to an installed package's own development; it
/// yields nothing.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, npm::NpmYarnLock};
/// let lock = b"# yarn lockfile v1\n\nms@^2.1.3:\n  version \"2.1.3\"\n";
/// let tree = MemoryTree::default();
/// let catalog = NpmYarnLock.parse(&ManifestFile::new("yarn.lock", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:npm/ms@2.1.3");
/// assert_eq!(catalog.components[0].sources[0].line, Some(3));
/// ```
pub struct NpmYarnLock;

impl Cataloger for NpmYarnLock {
    fn name(&self) -> &'static str {
        "npm-yarn-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Npm
    }

    fn globs(&self) -> &'static [&'static str] {
        &["yarn.lock", "**/yarn.lock"]
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
        if is_berry(text) {
            read_berry(&mut graph, text);
        } else {
            read_v1(&mut graph, text);
        }
        graph.finish()
    }
}

/// Berry lockfiles are YAML and start their data with `__metadata:`.
fn is_berry(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("__metadata:") || l.starts_with("\"__metadata\":"))
}

/// One entry of a Yarn 1 lockfile.
#[derive(Debug, Default)]
struct V1Entry {
    descriptors: Vec<String>,
    line: u32,
    version: Option<String>,
    integrity: Option<String>,
    deps: Vec<(String, String, Edge, u32)>,
}

/// A Yarn 1 value: JSON-quoted or bare.
fn unquote(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        serde_json::from_str::<String>(s).unwrap_or_else(|_| s[1..s.len() - 1].to_string())
    } else {
        s.to_string()
    }
}

/// Splits `"a@^1", a@^1.2:` into its descriptors (commas outside quotes).
fn split_header(header: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for ch in header.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                cur.push(ch);
            }
            ',' if !quoted => {
                out.push(unquote(&cur));
                cur.clear();
            }
            _ => cur.push(ch),
        }
    }
    out.push(unquote(&cur));
    out.retain(|d| !d.is_empty());
    out
}

/// `key value` (the key possibly quoted) → `(key, value)`.
fn split_field(s: &str) -> (String, Option<String>) {
    let s = s.trim();
    let split = if let Some(rest) = s.strip_prefix('"') {
        rest.find('"').map(|i| i + 2)
    } else {
        s.find(' ')
    };
    match split {
        Some(i) if i < s.len() => (unquote(&s[..i]), Some(unquote(&s[i..]))),
        _ => (unquote(s.trim_end_matches(':')), None),
    }
}

/// Yarn 1: a line format of its own.
fn read_v1(graph: &mut Graph<'_, '_>, text: &str) {
    let mut entries: Vec<V1Entry> = Vec::new();
    // The block (`dependencies`, `optionalDependencies`) being read, if any; other blocks are
    // skipped.
    let mut block: Option<Option<Edge>> = None;
    let mut in_entry = false;
    for (n, raw) in text.lines().enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let raw = raw.trim_end_matches('\r');
        let content = raw.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = raw.len() - content.len();
        match indent {
            0 => {
                block = None;
                let Some(header) = content.strip_suffix(':') else {
                    graph.problem(
                        ProblemCode::ManifestParse,
                        Some(line),
                        format!("expected an entry header ending in `:`, found `{content}`"),
                    );
                    in_entry = false;
                    continue;
                };
                let descriptors = split_header(header);
                in_entry = true;
                entries.push(V1Entry {
                    descriptors,
                    line,
                    ..V1Entry::default()
                });
            }
            2 if in_entry => {
                let (key, value) = split_field(content);
                let Some(entry) = entries.last_mut() else {
                    continue;
                };
                match (key.as_str(), value) {
                    ("dependencies", None) => block = Some(Some(Edge::Runtime)),
                    ("optionalDependencies", None) => block = Some(Some(Edge::Optional)),
                    (_, None) => block = Some(None),
                    ("version", Some(v)) => {
                        block = None;
                        entry.version = Some(v).filter(|v| !v.is_empty());
                    }
                    ("integrity", Some(v)) => {
                        block = None;
                        entry.integrity = Some(v);
                    }
                    (_, Some(_)) => block = None,
                }
            }
            4 if in_entry && block.is_some() => {
                let Some(Some(edge)) = block else { continue };
                let (name, range) = split_field(content);
                match (entries.last_mut(), range) {
                    (Some(entry), Some(range)) => entry.deps.push((name, range, edge, line)),
                    _ => graph.problem(
                        ProblemCode::ManifestParse,
                        Some(line),
                        format!("expected `name range` in a dependency block, found `{content}`"),
                    ),
                }
            }
            // Deeper blocks (`peerDependenciesMeta` entries) are not read.
            _ if in_entry && block == Some(None) => {}
            _ if !in_entry => {}
            _ => graph.problem(
                ProblemCode::ManifestParse,
                Some(line),
                format!("unexpected indentation of {indent} spaces"),
            ),
        }
    }

    let mut by_descriptor: HashMap<String, usize> = HashMap::new();
    let mut indices = Vec::new();
    for e in &entries {
        let Some((name, range)) = e.descriptors.first().and_then(|d| split_descriptor(d)) else {
            graph.problem(
                ProblemCode::ManifestValue,
                Some(e.line),
                format!("entry `{}` names no package", e.descriptors.join(", ")),
            );
            indices.push(None);
            continue;
        };
        // An alias (`my-ms@npm:ms@^2`) is the real package under another name.
        let name = range
            .strip_prefix("npm:")
            .and_then(split_descriptor)
            .map_or(name, |(real, _)| real);
        if e.version.is_none() {
            graph.problem(
                ProblemCode::ManifestValue,
                Some(e.line),
                format!("entry `{name}` has no `version`"),
            );
        }
        let mut pkg = Pkg::new(name.to_string(), e.version.clone(), Some(e.line));
        pkg.hashes = e
            .integrity
            .as_deref()
            .map(util::sri_checksums)
            .unwrap_or_default();
        let i = graph.add(pkg);
        for d in &e.descriptors {
            by_descriptor.insert(d.clone(), i);
        }
        indices.push(Some(i));
    }
    for (e, i) in entries.iter().zip(&indices) {
        let Some(i) = *i else { continue };
        for (name, range, edge, line) in &e.deps {
            match by_descriptor.get(&format!("{name}@{range}")) {
                Some(&d) => graph.pkgs[i].deps.push((d, *edge)),
                None if *edge == Edge::Runtime => graph.problem(
                    ProblemCode::ManifestValue,
                    Some(*line),
                    format!("dependency `{name}@{range}` is not in the lockfile"),
                ),
                None => {}
            }
        }
    }
    // The project: Yarn 1 does not list it, its `package.json` does.
    let dir = graph.file.dir();
    if let Some(manifest) = read_manifest(graph.file, dir) {
        // Members' dependencies are in the lockfile, the members themselves are not.
        graph.all_workspaces_known = !manifest.has_workspaces;
        let root = graph.add_workspace("", Some(&manifest), None, None);
        link_manifest(graph, root, &manifest, |name, range| {
            by_descriptor.get(&format!("{name}@{range}")).copied()
        });
    }
}

/// Adds the dependencies a workspace's `package.json` declares, found with `lookup`. A range
/// the lockfile does not resolve (not installed yet, or a `link:`) is skipped.
fn link_manifest(
    graph: &mut Graph<'_, '_>,
    ws: usize,
    manifest: &Manifest,
    lookup: impl Fn(&str, &str) -> Option<usize>,
) {
    for (name, (range, edge)) in &manifest.deps {
        if let Some(d) = lookup(name, range) {
            graph.pkgs[ws].deps.push((d, *edge));
        }
    }
}

/// A string field of a Berry entry.
fn field<'v>(entry: &'v Mapping, key: &str) -> Option<&'v str> {
    entry
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A YAML scalar as text (Berry writes `version: 1.0.0` unquoted, and `1` parses as a number).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Yarn 2+: YAML keyed by comma-separated descriptors (`"ms@npm:^2.0.0, ms@npm:^2.1.3"`).
///
/// An entry's `checksum` is not read: it is a digest of the zip archive Yarn builds for its own
/// cache, not of the package's published archive, so no standard checksum of the package.
fn read_berry(graph: &mut Graph<'_, '_>, text: &str) {
    let doc: Value = match serde_norway::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let p = yaml_problem(graph.file.path, &e);
            graph.problems.push(p);
            return;
        }
    };
    let Value::Mapping(top) = doc else {
        graph.problem(
            ProblemCode::ManifestValue,
            Some(1),
            "the lockfile is not a YAML mapping".to_string(),
        );
        return;
    };
    let lines = yaml_key_lines(text, None, 0);
    let meta_line = lines.get("__metadata").copied();
    match top.get("__metadata").and_then(|m| m.get("version")) {
        Some(v) if scalar(v).is_some_and(|s| s.parse::<u32>().is_ok_and(|n| n >= 4)) => {}
        Some(v) => graph.problem(
            ProblemCode::ManifestValue,
            meta_line,
            format!(
                "unknown lockfile version `{}`; read as Yarn 2+",
                scalar(v).unwrap_or_else(|| "?".into())
            ),
        ),
        None => graph.problem(
            ProblemCode::ManifestValue,
            meta_line,
            "`__metadata` has no `version`; read as Yarn 2+".to_string(),
        ),
    }

    struct Read {
        index: usize,
        line: Option<u32>,
        deps: Vec<(String, String, Edge)>,
        workspace: Option<String>,
    }
    let mut by_descriptor: HashMap<String, usize> = HashMap::new();
    let mut read: Vec<Read> = Vec::new();
    for (key, value) in &top {
        let Some(key) = key.as_str() else { continue };
        if key == "__metadata" {
            continue;
        }
        let line = lines.get(key).copied();
        let Value::Mapping(entry) = value else {
            graph.problem(
                ProblemCode::ManifestValue,
                line,
                format!("entry `{key}` is not a mapping"),
            );
            continue;
        };
        let descriptors: Vec<&str> = key.split(',').map(str::trim).collect();
        let resolution = field(entry, "resolution");
        let Some((name, reference)) = resolution
            .and_then(split_descriptor)
            .or_else(|| descriptors.first().and_then(|d| split_descriptor(d)))
        else {
            graph.problem(
                ProblemCode::ManifestValue,
                line,
                format!("entry `{key}` names no package"),
            );
            continue;
        };
        let workspace = reference
            .strip_prefix("workspace:")
            .map(|p| p.trim().to_string());
        let version = entry.get("version").and_then(scalar);
        if version.is_none() && workspace.is_none() {
            graph.problem(
                ProblemCode::ManifestValue,
                line,
                format!("entry `{key}` has no `version`"),
            );
        }
        let soft = field(entry, "linkType") == Some("soft");
        let index = if let Some(path) = &workspace {
            let dir = util::join(graph.file.dir(), path).unwrap_or_default();
            let manifest = read_manifest(graph.file, &dir);
            let i = graph.add_workspace(path, manifest.as_ref(), Some(name), line);
            // A workspace's own version is in its `package.json`; Berry writes a placeholder.
            if manifest.is_none() {
                graph.pkgs[i].version = None;
            }
            i
        } else {
            let mut pkg = Pkg::new(name.to_string(), version, line);
            if soft {
                // `link:` and `portal:` packages are local directories: first-party code.
                pkg.workspace = util::join(
                    graph.file.dir(),
                    reference.split_once(':').map_or(reference, |(_, p)| p),
                );
                pkg.version = None;
            }
            graph.add(pkg)
        };
        for d in &descriptors {
            by_descriptor.insert((*d).to_string(), index);
        }
        if let Some(r) = resolution {
            by_descriptor.entry(r.to_string()).or_insert(index);
        }
        let optional_meta = |dep: &str| {
            entry
                .get("dependenciesMeta")
                .and_then(|m| m.get(dep))
                .and_then(|m| m.get("optional"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let mut deps = Vec::new();
        for (block, edge) in [
            ("dependencies", Edge::Runtime),
            ("optionalDependencies", Edge::Optional),
        ] {
            match entry.get(block) {
                Some(Value::Mapping(map)) => {
                    for (dep, range) in map {
                        let (Some(dep), Some(range)) = (dep.as_str(), scalar(range)) else {
                            continue;
                        };
                        let edge = if optional_meta(dep) {
                            Edge::Optional
                        } else {
                            edge
                        };
                        deps.push((dep.to_string(), range, edge));
                    }
                }
                None => {}
                Some(_) => graph.problem(
                    ProblemCode::ManifestValue,
                    line,
                    format!("`{block}` of `{key}` is not a mapping"),
                ),
            }
        }
        read.push(Read {
            index,
            line,
            deps,
            workspace,
        });
    }

    let lookup = |name: &str, range: &str| {
        by_descriptor
            .get(&format!("{name}@{range}"))
            .or_else(|| by_descriptor.get(&format!("{name}@npm:{range}")))
            .copied()
    };
    for r in &read {
        // A workspace's `package.json` tells which of its dependencies are for development.
        let dev_kinds: BTreeMap<String, Edge> = r
            .workspace
            .as_deref()
            .and_then(|p| util::join(graph.file.dir(), p))
            .and_then(|dir| read_manifest(graph.file, &dir))
            .map(|m| m.deps.into_iter().map(|(n, (_, e))| (n, e)).collect())
            .unwrap_or_default();
        for (name, range, edge) in &r.deps {
            let edge = match (edge, dev_kinds.get(name)) {
                (Edge::Runtime, Some(declared)) => *declared,
                _ => *edge,
            };
            match lookup(name, range) {
                Some(d) => graph.pkgs[r.index].deps.push((d, edge)),
                None if edge == Edge::Optional => {}
                None => graph.problem(
                    ProblemCode::ManifestValue,
                    r.line,
                    format!("dependency `{name}@{range}` is not in the lockfile"),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::{Component, Origin, Scope};

    fn parse_in(tree: &MemoryTree, path: &str, text: &str) -> Catalog {
        NpmYarnLock.parse(&ManifestFile::new(path, text.as_bytes(), tree))
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

    const V1: &str = r#"# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
  version "7.22.13"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.22.13.tgz"
  dependencies:
    chalk "^2.4.2"
  optionalDependencies:
    fsevents "~2.3.2"

chalk@^2.4.2:
  version "2.4.2"

string-width-cjs@npm:string-width@^4.2.0:
  version "4.2.3"
"#;

    #[test]
    fn v1_entries_descriptors_and_aliases() {
        let cat = parse("yarn.lock", V1);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:npm/%40babel/code-frame@7.22.13",
                "pkg:npm/chalk@2.4.2",
                "pkg:npm/string-width@4.2.3"
            ]
        );
        let cf = find(&cat, "pkg:npm/%40babel/code-frame@7.22.13");
        assert_eq!(cf.sources[0].line, Some(5));
        assert_eq!(cf.sources[0].cataloger, "npm-yarn-lock");
        // The optional `fsevents` is absent (another platform) and that is fine.
        assert_eq!(cf.dependencies, ["pkg:npm/chalk@2.4.2"]);
        // No package.json: direct and scope are unknown, and no license is invented.
        assert_eq!(cf.direct, None);
        assert_eq!(cf.scope, None);
        assert!(cf.declared.is_empty());
        assert_eq!(find(&cat, "pkg:npm/chalk@2.4.2").sources[0].line, Some(13));
    }

    #[test]
    fn v1_direct_and_scope_from_package_json() {
        let tree = MemoryTree::default().with(
            "web/package.json",
            r#"{"name": "web", "version": "1.0.0", "dependencies": {"@babel/code-frame": "^7.0.0"}, "devDependencies": {"string-width-cjs": "npm:string-width@^4.2.0"}}"#,
        );
        let cat = parse_in(&tree, "web/yarn.lock", V1);
        let web = find(&cat, "pkg:npm/web@1.0.0");
        assert_eq!(web.origin, Origin::FirstParty);
        assert_eq!(web.roots, ["web"]);
        assert_eq!(
            web.dependencies,
            [
                "pkg:npm/%40babel/code-frame@7.22.13",
                "pkg:npm/string-width@4.2.3"
            ]
        );
        let cf = find(&cat, "pkg:npm/%40babel/code-frame@7.22.13");
        assert_eq!((cf.direct, cf.scope), (Some(true), Some(Scope::Runtime)));
        let chalk = find(&cat, "pkg:npm/chalk@2.4.2");
        assert_eq!(
            (chalk.direct, chalk.scope),
            (Some(false), Some(Scope::Runtime))
        );
        let sw = find(&cat, "pkg:npm/string-width@4.2.3");
        assert_eq!((sw.direct, sw.scope), (Some(true), Some(Scope::Dev)));
    }

    #[test]
    fn v1_workspaces_leave_transitive_unknown() {
        let tree = MemoryTree::default().with(
            "package.json",
            r#"{"name": "mono", "private": true, "workspaces": ["packages/*"], "dependencies": {"chalk": "^2.4.2"}}"#,
        );
        let cat = parse_in(&tree, "yarn.lock", V1);
        let chalk = find(&cat, "pkg:npm/chalk@2.4.2");
        assert_eq!(
            (chalk.direct, chalk.scope),
            (Some(true), Some(Scope::Runtime))
        );
        // A member may name these directly: the lockfile cannot say.
        let cf = find(&cat, "pkg:npm/%40babel/code-frame@7.22.13");
        assert_eq!((cf.direct, cf.scope), (None, None));
        assert_eq!(find(&cat, "pkg:npm/mono").roots, [""]);
        // Reached only by a development path of the root, which a member may ship: unknown.
        let tree = MemoryTree::default().with(
            "package.json",
            r#"{"name": "mono", "workspaces": {"packages": ["lib"]}, "devDependencies": {"chalk": "^2.4.2"}}"#,
        );
        let cat = parse_in(&tree, "yarn.lock", V1);
        let chalk = find(&cat, "pkg:npm/chalk@2.4.2");
        assert_eq!((chalk.direct, chalk.scope), (Some(true), None));
    }

    #[test]
    fn v1_bad_lines_are_reported_and_the_rest_is_read() {
        let text = "# yarn lockfile v1\n\nms@^2.1.3:\n  version \"2.1.3\"\n  dependencies:\n    missing \"^1.0.0\"\n    lonely\n\nthis is not a header\n  version \"9\"\n\nnoversion@^1:\n  resolved \"x\"\n\ndebug@^4:\n   version \"4.3.4\"\n";
        let cat = parse("yarn.lock", text);
        assert_eq!(
            problems(&cat),
            [
                (
                    Some(7),
                    "expected `name range` in a dependency block, found `lonely`"
                ),
                (
                    Some(9),
                    "expected an entry header ending in `:`, found `this is not a header`"
                ),
                (Some(16), "unexpected indentation of 3 spaces"),
                (Some(12), "entry `noversion` has no `version`"),
                (Some(15), "entry `debug` has no `version`"),
                (
                    Some(6),
                    "dependency `missing@^1.0.0` is not in the lockfile"
                ),
            ]
        );
        assert!(
            cat.problems
                .iter()
                .take(3)
                .all(|p| p.code == ProblemCode::ManifestParse)
        );
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            ["pkg:npm/debug", "pkg:npm/ms@2.1.3", "pkg:npm/noversion"]
        );
    }

    const BERRY: &str = r#"__metadata:
  version: 8
  cacheKey: 10c0

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    lib: "workspace:*"
    ms: "npm:^2.1.3"
    typescript: "npm:^5.0.0"
  languageName: unknown
  linkType: soft

"lib@workspace:*, lib@workspace:packages/lib":
  version: 0.0.0-use.local
  resolution: "lib@workspace:packages/lib"
  dependencies:
    fsevents: "npm:~2.3.2"
    left-pad: "npm:^1.3.0"
  dependenciesMeta:
    fsevents:
      optional: true
  languageName: unknown
  linkType: soft

"left-pad@npm:^1.3.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"
  languageName: node
  linkType: hard

"ms@npm:^2.1.3":
  version: 2.1.3
  resolution: "ms@npm:2.1.3"
  languageName: node
  linkType: hard

"typescript@npm:^5.0.0":
  version: 5.3.3
  resolution: "typescript@npm:5.3.3"
  languageName: node
  linkType: hard

"typescript@patch:typescript@npm%3A^5.0.0#~builtin<compat/typescript>":
  version: 5.3.3
  resolution: "typescript@patch:typescript@npm%3A5.3.3#~builtin<compat/typescript>::version=5.3.3&hash=e012d7"
  languageName: node
  linkType: hard
"#;

    #[test]
    fn berry_workspaces_are_first_party_and_name_the_direct_dependencies() {
        let tree = MemoryTree::default()
            .with(
                "package.json",
                r#"{"name": "app", "version": "3.1.0", "dependencies": {"lib": "workspace:*", "ms": "^2.1.3"}, "devDependencies": {"typescript": "^5.0.0"}}"#,
            )
            .with(
            "packages/lib/package.json",
            r#"{"name": "lib", "version": "0.2.0", "dependencies": {"left-pad": "^1.3.0"}, "optionalDependencies": {"fsevents": "~2.3.2"}}"#,
        );
        let cat = parse_in(&tree, "yarn.lock", BERRY);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let app = find(&cat, "pkg:npm/app@3.1.0");
        assert_eq!(app.origin, Origin::FirstParty);
        assert_eq!(app.roots, [""]);
        assert_eq!(app.sources[0].line, Some(5));
        assert_eq!(
            app.dependencies,
            [
                "pkg:npm/lib@0.2.0",
                "pkg:npm/ms@2.1.3",
                "pkg:npm/typescript@5.3.3"
            ]
        );
        let lib = find(&cat, "pkg:npm/lib@0.2.0");
        assert_eq!(lib.roots, ["packages/lib"]);
        assert_eq!(lib.dependencies, ["pkg:npm/left-pad@1.3.0"]);
        let ms = find(&cat, "pkg:npm/ms@2.1.3");
        assert_eq!((ms.direct, ms.scope), (Some(true), Some(Scope::Runtime)));
        assert_eq!(ms.sources[0].line, Some(33));
        let lp = find(&cat, "pkg:npm/left-pad@1.3.0");
        assert_eq!((lp.direct, lp.scope), (Some(true), Some(Scope::Runtime)));
        // The patched typescript is the same package and version: one component, two entries.
        let ts = find(&cat, "pkg:npm/typescript@5.3.3");
        assert_eq!((ts.direct, ts.scope), (Some(true), Some(Scope::Dev)));
        assert_eq!(ts.sources.len(), 2);
        assert_eq!(cat.components.len(), 5);
    }

    #[test]
    fn berry_without_manifests_and_with_problems() {
        let text = "__metadata:\n  version: x\n\n\"a@npm:^1\":\n  resolution: \"a@npm:1.0.0\"\n  dependencies:\n    b: \"npm:^2\"\n\n\"c@npm:^1\": 3\n";
        let cat = parse("yarn.lock", text);
        assert_eq!(
            problems(&cat),
            [
                (Some(1), "unknown lockfile version `x`; read as Yarn 2+"),
                (Some(4), "entry `a@npm:^1` has no `version`"),
                (Some(9), "entry `c@npm:^1` is not a mapping"),
                (Some(4), "dependency `b@npm:^2` is not in the lockfile"),
            ]
        );
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.components[0].purl, "pkg:npm/a");
    }

    #[test]
    fn corrupt_berry_names_the_line() {
        let text = "__metadata:\n  version: 8\n\n\"a@npm:^1\":\n  version: 1.0.0\n  resolution: [unclosed\n";
        let cat = parse("yarn.lock", text);
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert!(
            cat.problems[0].message.starts_with("invalid YAML: "),
            "{}",
            cat.problems[0].message
        );
        assert_eq!(cat.problems[0].line, Some(7));
    }

    #[test]
    fn inside_node_modules_and_empty() {
        assert_eq!(parse("node_modules/x/yarn.lock", V1), Catalog::default());
        let cat = parse("yarn.lock", "\n");
        assert_eq!(problems(&cat), [(Some(1), "empty lockfile")]);
        let cat = parse("yarn.lock", "# yarn lockfile v1\n");
        assert!(cat.components.is_empty() && cat.problems.is_empty());
    }

    #[test]
    fn truncated_lockfiles_never_panic() {
        let tree = MemoryTree::default().with(
            "package.json",
            r#"{"name": "app", "workspaces": ["lib"], "dependencies": {"ms": "^2.1.3"}}"#,
        );
        for text in [V1, BERRY] {
            for end in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
                let _ = parse_in(&tree, "yarn.lock", &text[..end]);
            }
        }
    }

    #[test]
    fn header_and_field_splitting() {
        assert_eq!(
            split_header(r#""a@^1, x", b@^2, "@c/d@npm:^3""#),
            ["a@^1, x", "b@^2", "@c/d@npm:^3"]
        );
        assert_eq!(
            split_field(r#""@babel/core" "^7.0.0""#),
            ("@babel/core".to_string(), Some("^7.0.0".to_string()))
        );
        assert_eq!(
            split_field("version \"1.0.0\""),
            ("version".to_string(), Some("1.0.0".to_string()))
        );
        assert_eq!(
            split_field("dependencies:"),
            ("dependencies".to_string(), None)
        );
        assert_eq!(unquote("\"\\u0061\""), "a");
        assert_eq!(unquote("\""), "\"");
    }

    #[test]
    fn v1_integrity_is_read_and_berry_checksum_is_not() {
        let v1 = "# yarn lockfile v1\n\na@^1.0.0:\n  version \"1.0.0\"\n  integrity sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=\n\nb@^1.0.0:\n  version \"1.0.0\"\n  integrity sha512-%%%\n";
        let cat = parse("yarn.lock", v1);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let a = find(&cat, "pkg:npm/a@1.0.0");
        assert_eq!(a.hashes.len(), 1);
        assert_eq!(
            a.hashes[0].value,
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert!(find(&cat, "pkg:npm/b@1.0.0").hashes.is_empty());

        let berry = "__metadata:\n  version: 8\n\n\"a@npm:^1.0.0\":\n  version: 1.0.0\n  resolution: \"a@npm:1.0.0\"\n  checksum: 10c0/ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\n  languageName: node\n  linkType: hard\n";
        let cat = parse("yarn.lock", berry);
        assert!(find(&cat, "pkg:npm/a@1.0.0").hashes.is_empty());
    }
}
