//! Conan: `conan.lock`, the recipe references Conan resolved for a C or C++ project.
//!
//! Conan 2 (lockfile `version` `0.5`) lists references by role:
//!
//! ```json
//! { "version": "0.5",
//!   "requires": ["zlib/1.3.1#f52e03ae3d251dec704634230cd806a2%1708593606.497"],
//!   "build_requires": ["cmake/3.28.1#92f79424d7b65b12a84a2180866c3a78%1705597957.31"],
//!   "python_requires": [], "config_requires": [] }
//! ```
//!
//! A reference is `name/version[@user/channel][#revision[%timestamp]]`. `requires` are host
//! packages (runtime scope: linked into the product), `build_requires` are tools (build scope),
//! `python_requires` are recipe helpers (build scope); `config_requires` are configuration
//! packages and are not components. The file says neither which are direct nor the graph.
//!
//! Conan 1 (`graph_lock` lockfiles, `version` `0.4`) stores the graph: node `0` is the consumer
//! (a `conanfile`), the others carry a `ref` and the node ids they `requires` and
//! `build_requires`. There, the consumer's requirements are direct, the edges give the
//! dependencies, and packages of the `build` context (or reached only through
//! `build_requires`) have build scope.
//!
//! The purl carries `user` and `channel` as qualifiers (`pkg:conan/zlib@1.3.1`,
//! `pkg:conan/poco@1.9.4?channel=stable&user=acme`); the recipe revision is left out, so the
//! same package locked by two lockfiles is one component.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{Component, Ecosystem, Problem, ProblemCode, Scope};
use serde_json::{Map, Value};

use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `conan.lock` (Conan 2 lockfiles and Conan 1 graph lockfiles).
pub struct ConanLock;

const NAME: &str = "conan-lock";

/// A parsed Conan reference.
#[derive(Debug, PartialEq)]
struct Reference<'a> {
    name: &'a str,
    version: Option<&'a str>,
    user: Option<&'a str>,
    channel: Option<&'a str>,
}

impl Cataloger for ConanLock {
    fn name(&self) -> &'static str {
        NAME
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Conan
    }

    fn globs(&self) -> &'static [&'static str] {
        &["conan.lock", "**/conan.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let (text, top) = match util::json_object(file) {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let at = |needle: &str| util::find_line(text, needle, 0).map_or(1, |(l, _)| l);
        if let Some(Value::Object(graph)) = top.get("graph_lock") {
            return parse_graph_lock(file, text, graph);
        }
        let mut problems = Vec::new();
        match top.get("version").and_then(Value::as_str) {
            Some("0.5") => {}
            other => problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!(
                        "unknown conan.lock version `{}`; read as version 0.5",
                        other.unwrap_or("none")
                    ),
                )
                .at_line(at("\"version\"")),
            ),
        }
        let mut found: BTreeMap<String, Component> = BTreeMap::new();
        for (key, scope) in [
            ("requires", Scope::Runtime),
            ("build_requires", Scope::Build),
            ("python_requires", Scope::Build),
        ] {
            let Some(list) = top.get(key) else { continue };
            let Some(list) = list.as_array() else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("`{key}` is not a list"),
                    )
                    .at_line(at(&format!("\"{key}\""))),
                );
                continue;
            };
            for item in list {
                let Some(raw) = item.as_str() else {
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!("an entry of `{key}` is not a string; skipped"),
                        )
                        .at_line(at(&format!("\"{key}\""))),
                    );
                    continue;
                };
                let line = util::find_line(text, &format!("\"{raw}\""), 0).map(|(l, _)| l);
                let Some(r) = parse_reference(raw) else {
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!("invalid reference `{raw}`; skipped"),
                        )
                        .at_line(line.unwrap_or(1)),
                    );
                    continue;
                };
                let c = component(&r);
                let c = found.entry(c.purl.clone()).or_insert(c);
                // The most shipping role wins (a package both required and a build tool ships).
                if c.scope
                    .is_none_or(|s| s.shipping_rank() < scope.shipping_rank())
                {
                    c.scope = Some(scope);
                }
                let s = source(NAME, file.path, line);
                if !c.sources.contains(&s) {
                    c.sources.push(s);
                }
            }
        }
        Catalog {
            components: found.into_values().collect(),
            problems,
        }
    }
}

/// A Conan 1 `graph_lock`.
fn parse_graph_lock(file: &ManifestFile<'_>, text: &str, graph: &Map<String, Value>) -> Catalog {
    let mut problems = Vec::new();
    let Some(nodes) = graph.get("nodes").and_then(Value::as_object) else {
        return Catalog::problem(
            Problem::new(
                ProblemCode::ManifestValue,
                file.path,
                "`graph_lock` has no `nodes`",
            )
            .at_line(util::find_line(text, "\"graph_lock\"", 0).map_or(1, |(l, _)| l)),
        );
    };
    let ids = |node: &Value, key: &str| -> Vec<String> {
        node.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    // The components of the nodes that carry a package reference.
    let mut by_id: BTreeMap<&str, Component> = BTreeMap::new();
    for (id, node) in nodes {
        let Some(raw) = node.get("ref").and_then(Value::as_str) else {
            continue;
        };
        // The consumer's own node is a `conanfile` path, not a package reference.
        if raw.starts_with("conanfile") || (id == "0" && !raw.contains('/')) {
            continue;
        }
        let line = util::find_line(text, &format!("\"{raw}\""), 0).map(|(l, _)| l);
        let Some(r) = parse_reference(raw) else {
            problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("node `{id}` has an invalid reference `{raw}`; skipped"),
                )
                .at_line(line.unwrap_or(1)),
            );
            continue;
        };
        let mut c = component(&r);
        c.sources.push(source(NAME, file.path, line));
        c.direct = Some(false);
        by_id.insert(id.as_str(), c);
    }
    // Runtime reach from the consumer through `requires` edges; anything else is build.
    let root_ids: Vec<&str> = nodes
        .iter()
        .filter(|(id, n)| {
            !by_id.contains_key(id.as_str())
                && n.get("ref").is_none_or(|r| {
                    r.as_str()
                        .is_some_and(|r| !r.contains('/') || r.starts_with("conanfile"))
                })
        })
        .map(|(id, _)| id.as_str())
        .collect();
    let mut runtime: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = Vec::new();
    for root in &root_ids {
        if let Some(n) = nodes.get(*root) {
            for d in ids(n, "requires") {
                if let Some(c) = by_id.get_mut(d.as_str()) {
                    c.direct = Some(true);
                }
                stack.push(d);
            }
            for d in ids(n, "build_requires") {
                if let Some(c) = by_id.get_mut(d.as_str()) {
                    c.direct = Some(true);
                }
            }
        }
    }
    while let Some(id) = stack.pop() {
        if !runtime.insert(id.clone()) {
            continue;
        }
        if let Some(n) = nodes.get(&id) {
            stack.extend(ids(n, "requires"));
        }
    }
    let purls: BTreeMap<&str, String> = by_id.iter().map(|(id, c)| (*id, c.purl.clone())).collect();
    let mut out: BTreeMap<String, Component> = BTreeMap::new();
    for (id, mut c) in by_id {
        let node = nodes.get(id);
        let build_context =
            node.and_then(|n| n.get("context")).and_then(Value::as_str) == Some("build");
        c.scope = Some(if runtime.contains(id) && !build_context {
            Scope::Runtime
        } else {
            Scope::Build
        });
        if let Some(n) = node {
            let mut deps: Vec<String> = ids(n, "requires")
                .into_iter()
                .chain(ids(n, "build_requires"))
                .filter_map(|d| purls.get(d.as_str()).cloned())
                .collect();
            deps.sort();
            deps.dedup();
            c.dependencies = deps;
        }
        match out.get_mut(&c.purl) {
            Some(prev) => {
                if prev.scope.map_or(0, |s| s.shipping_rank())
                    < c.scope.map_or(0, |s| s.shipping_rank())
                {
                    prev.scope = c.scope;
                }
                prev.direct = Some(prev.direct == Some(true) || c.direct == Some(true));
                prev.dependencies.extend(c.dependencies);
                prev.dependencies.sort();
                prev.dependencies.dedup();
            }
            None => {
                out.insert(c.purl.clone(), c);
            }
        }
    }
    Catalog {
        components: out.into_values().collect(),
        problems,
    }
}

/// Parses `name/version[@user/channel][#revision[%timestamp]]`.
fn parse_reference(raw: &str) -> Option<Reference<'_>> {
    let base = raw.split(['#', '%']).next()?.trim();
    let (nv, uc) = match base.split_once('@') {
        Some((nv, uc)) => (nv, Some(uc)),
        None => (base, None),
    };
    let (name, version) = match nv.split_once('/') {
        Some((n, v)) => (n, Some(v)),
        None => (nv, None),
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'))
    };
    if !valid(name) || version.is_some_and(|v| !valid(v)) || version.is_none() {
        return None;
    }
    let (user, channel) = match uc {
        Some(uc) => match uc.split_once('/') {
            Some((u, c)) => (Some(u), Some(c)),
            None => (Some(uc), None),
        },
        None => (None, None),
    };
    Some(Reference {
        name,
        version,
        user: user.filter(|s| !s.is_empty() && *s != "_"),
        channel: channel.filter(|s| !s.is_empty() && *s != "_"),
    })
}

/// The component of a reference, with its purl.
fn component(r: &Reference<'_>) -> Component {
    let p = conan_purl(r);
    Component::new(Ecosystem::Conan, r.name, r.version.map(str::to_string), p)
}

fn conan_purl(r: &Reference<'_>) -> String {
    let built = packageurl::PackageUrl::new("conan", r.name).and_then(|mut p| {
        if let Some(v) = r.version {
            p.with_version(v.to_string())?;
        }
        if let Some(u) = r.user {
            p.add_qualifier("user", u.to_string())?;
        }
        if let Some(c) = r.channel {
            p.add_qualifier("channel", c.to_string())?;
        }
        Ok(p.to_string())
    });
    built.unwrap_or_else(|_| clearance_model::purl(Ecosystem::Conan, None, r.name, r.version))
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(text: &str) -> Catalog {
        let tree = MemoryTree::default();
        ConanLock.parse(&ManifestFile::new("conan.lock", text.as_bytes(), &tree))
    }

    #[test]
    fn references() {
        assert_eq!(
            parse_reference("zlib/1.3.1#f52e03ae3d251dec704634230cd806a2%1708593606.497"),
            Some(Reference {
                name: "zlib",
                version: Some("1.3.1"),
                user: None,
                channel: None
            })
        );
        let r = parse_reference("poco/1.9.4@acme/stable#abc").unwrap_or_else(|| panic!("parses"));
        assert_eq!((r.user, r.channel), (Some("acme"), Some("stable")));
        assert_eq!(
            conan_purl(&r),
            "pkg:conan/poco@1.9.4?channel=stable&user=acme"
        );
        assert_eq!(parse_reference("no version"), None);
        assert_eq!(parse_reference("zlib"), None);
        assert_eq!(parse_reference("/1.0"), None);
    }

    #[test]
    fn roles_give_scopes_and_bad_entries_lines() {
        let c = parse(
            r#"{
    "version": "0.9",
    "requires": [
        "fmt/10.2.1#9199a7a0611866dea5c8849a77467b25%1703810658.592",
        "not a reference",
        7
    ],
    "build_requires": [
        "fmt/10.2.1#9199a7a0611866dea5c8849a77467b25%1703810658.592",
        "cmake/3.28.1"
    ],
    "python_requires": "x"
}"#,
        );
        let got: Vec<_> = c
            .problems
            .iter()
            .map(|p| (p.message.as_str(), p.line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "unknown conan.lock version `0.9`; read as version 0.5",
                    Some(2)
                ),
                ("invalid reference `not a reference`; skipped", Some(5)),
                ("an entry of `requires` is not a string; skipped", Some(3)),
                ("`python_requires` is not a list", Some(12)),
            ]
        );
        let got: Vec<_> = c
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.scope, c.direct))
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:conan/cmake@3.28.1", Some(Scope::Build), None),
                ("pkg:conan/fmt@10.2.1", Some(Scope::Runtime), None),
            ]
        );
    }

    #[test]
    fn corrupt_json_has_a_line() {
        let c = parse("{\n \"version\": \"0.5\",\n \"requires\": [\n");
        assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(c.problems[0].line, Some(4));
    }
}
