//! Swift Package Manager: `Package.resolved`, the pins SwiftPM resolved for a package or an
//! Xcode project.
//!
//! Version 1 nests the pins under `object` and names them by `package` and `repositoryURL`:
//!
//! ```json
//! { "object": { "pins": [ { "package": "ArgumentParser",
//!     "repositoryURL": "https://github.com/apple/swift-argument-parser",
//!     "state": { "branch": null, "revision": "8f4d2…", "version": "1.2.3" } } ] },
//!   "version": 1 }
//! ```
//!
//! Versions 2 and 3 (3 adds `originHash`) list `pins` at the top with `identity`, `kind` and
//! `location`. The file does not say which pins are direct nor give the graph, so `direct` stays
//! unknown and there are no dependencies. A pin without a version (a branch or a revision) is
//! versioned by its revision. The purl namespace is the host and owner of the location URL
//! (`pkg:swift/github.com/apple/swift-argument-parser@1.2.3`).

use clearance_model::{Component, Ecosystem, Problem, ProblemCode, purl};
use serde_json::Value;

use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `Package.resolved` (versions 1, 2 and 3).
pub struct SwiftPackageResolved;

const NAME: &str = "swift-package-resolved";

impl Cataloger for SwiftPackageResolved {
    fn name(&self) -> &'static str {
        NAME
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Swift
    }

    fn globs(&self) -> &'static [&'static str] {
        &["Package.resolved", "**/Package.resolved"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let (text, top) = match util::json_object(file) {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let at = |needle: &str| util::find_line(text, needle, 0).map_or(1, |(l, _)| l);
        let mut problems = Vec::new();
        let version = top.get("version").and_then(Value::as_u64);
        let pins = match version {
            Some(1) => top
                .get("object")
                .and_then(|o| o.get("pins"))
                .and_then(Value::as_array),
            Some(2 | 3) => top.get("pins").and_then(Value::as_array),
            other => {
                let shown = other.map_or_else(|| "none".to_string(), |v| v.to_string());
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("unknown Package.resolved version `{shown}`; read as version 2"),
                    )
                    .at_line(at("\"version\"")),
                );
                top.get("pins").and_then(Value::as_array).or_else(|| {
                    top.get("object")
                        .and_then(|o| o.get("pins"))
                        .and_then(Value::as_array)
                })
            }
        };
        let Some(pins) = pins else {
            problems.push(
                Problem::new(ProblemCode::ManifestValue, file.path, "no `pins` list").at_line(1),
            );
            return Catalog {
                components: Vec::new(),
                problems,
            };
        };
        let mut components = Vec::new();
        let mut cursor = 0;
        for (i, pin) in pins.iter().enumerate() {
            let Some(pin) = pin.as_object() else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("pin {} is not an object; skipped", i + 1),
                    )
                    .at_line(at("\"pins\"")),
                );
                continue;
            };
            let ident = pin
                .get("identity")
                .or_else(|| pin.get("package"))
                .and_then(Value::as_str);
            let location = pin
                .get("location")
                .or_else(|| pin.get("repositoryURL"))
                .and_then(Value::as_str);
            let line = ident.and_then(|id| {
                util::find_line(text, &format!("\"{id}\""), cursor).map(|(l, off)| {
                    cursor = off + 1;
                    l
                })
            });
            let (namespace, name) = match location.and_then(split_location) {
                Some((ns, n)) => (ns, n),
                None => match ident {
                    Some(id) => (None, id.to_string()),
                    None => {
                        problems.push(
                            Problem::new(
                                ProblemCode::ManifestValue,
                                file.path,
                                format!("pin {} has no `identity` nor `location`; skipped", i + 1),
                            )
                            .at_line(line.unwrap_or_else(|| at("\"pins\""))),
                        );
                        continue;
                    }
                },
            };
            let state = pin.get("state");
            let version = state
                .and_then(|s| s.get("version"))
                .and_then(Value::as_str)
                .or_else(|| {
                    state
                        .and_then(|s| s.get("revision"))
                        .and_then(Value::as_str)
                })
                .filter(|v| !v.is_empty())
                .map(str::to_string);
            if version.is_none() {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("pin `{name}` has no `state.version` nor `state.revision`"),
                    )
                    .at_line(line.unwrap_or(1)),
                );
            }
            let p = purl(
                Ecosystem::Swift,
                namespace.as_deref(),
                &name,
                version.as_deref(),
            );
            let mut c = Component::new(Ecosystem::Swift, name, version, p);
            c.sources.push(source(NAME, file.path, line));
            components.push(c);
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        components.dedup_by(|a, b| a.purl == b.purl);
        Catalog {
            components,
            problems,
        }
    }
}

/// The purl namespace (host and path without the last segment) and name (the last segment
/// without `.git`) of a package location: `https://github.com/apple/swift-nio.git`,
/// `git@github.com:apple/swift-nio.git`. A local path gives no namespace.
fn split_location(location: &str) -> Option<(Option<String>, String)> {
    let loc = location.trim().trim_end_matches('/');
    let rest = if let Some((_, r)) = loc.split_once("://") {
        // Drop user info (`https://user@host/...`).
        r.rsplit_once('@')
            .filter(|(u, _)| !u.contains('/'))
            .map_or(r, |(_, r)| r)
    } else if let Some((user_host, path)) = loc.split_once(':').filter(|(h, _)| h.contains('@')) {
        // scp-like `git@github.com:owner/repo.git`.
        let host = user_host.rsplit_once('@').map_or(user_host, |(_, h)| h);
        return split_path(&format!("{host}/{path}"), true);
    } else {
        return split_path(loc, false);
    };
    split_path(rest, true)
}

fn split_path(path: &str, remote: bool) -> Option<(Option<String>, String)> {
    let path = path.trim_end_matches('/');
    let (ns, last) = match path.rsplit_once('/') {
        Some((ns, last)) => (Some(ns), last),
        None => (None, path),
    };
    let name = last.strip_suffix(".git").unwrap_or(last);
    if name.is_empty() {
        return None;
    }
    let ns = ns
        .filter(|_| remote)
        .map(|n| n.trim_start_matches('/').to_lowercase_host())
        .filter(|n| !n.is_empty());
    Some((ns, name.to_string()))
}

/// Lower-cases the host part of `host/owner` (hosts are case-insensitive, owners are kept).
trait LowercaseHost {
    fn to_lowercase_host(&self) -> String;
}

impl LowercaseHost for str {
    fn to_lowercase_host(&self) -> String {
        match self.split_once('/') {
            Some((h, rest)) => format!("{}/{rest}", h.to_ascii_lowercase()),
            None => self.to_ascii_lowercase(),
        }
    }
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(text: &str) -> Catalog {
        let tree = MemoryTree::default();
        SwiftPackageResolved.parse(&ManifestFile::new(
            "App/Package.resolved",
            text.as_bytes(),
            &tree,
        ))
    }

    #[test]
    fn locations() {
        assert_eq!(
            split_location("https://github.com/apple/swift-nio.git"),
            Some((Some("github.com/apple".into()), "swift-nio".into()))
        );
        assert_eq!(
            split_location("git@GitHub.com:Alamofire/Alamofire.git"),
            Some((Some("github.com/Alamofire".into()), "Alamofire".into()))
        );
        assert_eq!(
            split_location("https://user@gitlab.example.com/a/b/c/"),
            Some((Some("gitlab.example.com/a/b".into()), "c".into()))
        );
        assert_eq!(
            split_location("../LocalKit"),
            Some((None, "LocalKit".into()))
        );
    }

    #[test]
    fn v2_pin_with_revision_only() {
        let c = parse(
            r#"{
  "pins" : [
    {
      "identity" : "swift-log",
      "kind" : "remoteSourceControl",
      "location" : "https://github.com/apple/swift-log.git",
      "state" : { "branch" : "main", "revision" : "abc123" }
    }
  ],
  "version" : 2
}"#,
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(
            c.components[0].purl,
            "pkg:swift/github.com/apple/swift-log@abc123"
        );
        assert_eq!(c.components[0].sources[0].line, Some(4));
        assert_eq!(c.components[0].direct, None);
    }

    #[test]
    fn unknown_version_and_bad_pins() {
        let c = parse(
            r#"{
  "version" : 9,
  "pins" : [
    1,
    { "identity" : "nostate", "location" : "https://github.com/a/nostate" }
  ]
}"#,
        );
        let msgs: Vec<(&str, Option<u32>)> = c
            .problems
            .iter()
            .map(|p| (p.message.as_str(), p.line))
            .collect();
        assert_eq!(
            msgs,
            [
                (
                    "unknown Package.resolved version `9`; read as version 2",
                    Some(2)
                ),
                ("pin 1 is not an object; skipped", Some(3)),
                (
                    "pin `nostate` has no `state.version` nor `state.revision`",
                    Some(5)
                ),
            ]
        );
        assert_eq!(c.components.len(), 1);
        assert_eq!(c.components[0].purl, "pkg:swift/github.com/a/nostate");
    }

    #[test]
    fn corrupt_json_has_a_line() {
        let c = parse("{\n  \"pins\": [\n    {,\n");
        assert!(c.components.is_empty());
        assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(c.problems[0].line, Some(3));
    }
}
