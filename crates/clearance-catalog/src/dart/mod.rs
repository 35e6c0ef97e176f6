//! Dart and Flutter: `pubspec.lock`, the packages `dart pub get` / `flutter pub get` resolved.
//!
//! ```yaml
//! packages:
//!   http:
//!     dependency: "direct main"
//!     description:
//!       name: http
//!       sha256: "…"
//!       url: "https://pub.dev"
//!     source: hosted
//!     version: "1.2.0"
//!   flutter:
//!     dependency: "direct main"
//!     description: flutter
//!     source: sdk
//!     version: "0.0.0"
//! sdks:
//!   dart: ">=3.2.0 <4.0.0"
//! ```
//!
//! `dependency` gives `direct` and the scope: `direct main` is runtime, `direct dev` is dev,
//! `direct overridden` is direct with no scope (an override may serve either), `transitive` is
//! indirect with no scope (the file does not say through which direct dependency). The file
//! gives no graph and no licenses.
//!
//! Packages from the SDK (`source: sdk`: `flutter`, `flutter_test`, `sky_engine`, …) are
//! reported, because Flutter compiles them into the app, but without a version: pub writes the
//! placeholder `0.0.0` for them, and their real version is the SDK's. Path packages
//! (`source: path`) get their directory, relative to the scanned root, as root so their license
//! files are found; a path outside the scanned tree gives no root.

use clearance_model::{
    Checksum, Component, Ecosystem, HashAlgorithm, Problem, ProblemCode, Scope, purl,
};
use serde_norway::{Mapping, Value};

use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `pubspec.lock`.
pub struct DartPubspecLock;

const NAME: &str = "dart-pubspec-lock";

impl Cataloger for DartPubspecLock {
    fn name(&self) -> &'static str {
        NAME
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Pub
    }

    fn globs(&self) -> &'static [&'static str] {
        &["pubspec.lock", "**/pubspec.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let doc: Value = match serde_norway::from_str(text) {
            Ok(v) => v,
            Err(e) => return Catalog::problem(yaml_problem(file.path, &e)),
        };
        let mut problems = Vec::new();
        let Some(packages) = doc.get("packages") else {
            return Catalog::problem(
                Problem::new(ProblemCode::ManifestValue, file.path, "no `packages`").at_line(1),
            );
        };
        let packages = match packages {
            Value::Mapping(m) => m,
            // `packages: {}` is written for a package without dependencies; `null` likewise.
            Value::Null => return Catalog::default(),
            _ => {
                return Catalog::problem(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "`packages` is not a mapping",
                    )
                    .at_line(line_of_key(text, "packages", 0).unwrap_or(1)),
                );
            }
        };
        let mut components = Vec::new();
        for (key, value) in packages {
            let Some(name) = key.as_str() else {
                continue;
            };
            let line = line_of_key(text, name, 2);
            let problem = |m: String| {
                Problem::new(ProblemCode::ManifestValue, file.path, m).at_line(line.unwrap_or(1))
            };
            let Value::Mapping(entry) = value else {
                problems.push(problem(format!(
                    "package `{name}` is not a mapping; skipped"
                )));
                continue;
            };
            match read_package(file, name, entry) {
                Ok((mut c, warnings)) => {
                    problems.extend(warnings.into_iter().map(&problem));
                    c.sources.push(source(NAME, file.path, line));
                    components.push(c);
                }
                Err(m) => problems.push(problem(m)),
            }
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        Catalog {
            components,
            problems,
        }
    }
}

/// One entry of `packages`, with warnings about values out of place.
fn read_package(
    file: &ManifestFile<'_>,
    name: &str,
    entry: &Mapping,
) -> Result<(Component, Vec<String>), String> {
    let mut warnings = Vec::new();
    let get = |k: &str| entry.get(k).and_then(Value::as_str);
    let src = get("source");
    let version = match entry.get("version") {
        Some(Value::String(v)) => Some(v.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let version = match (src, version) {
        (Some("sdk"), _) => None,
        (_, Some(v)) => Some(v),
        (_, None) => {
            return Err(format!("package `{name}` has no `version`; skipped"));
        }
    };
    let (direct, scope) = match get("dependency") {
        Some("direct main") => (Some(true), Some(Scope::Runtime)),
        Some("direct dev") => (Some(true), Some(Scope::Dev)),
        Some("direct overridden") => (Some(true), None),
        Some("transitive") => (Some(false), None),
        Some(other) => {
            warnings.push(format!(
                "package `{name}` has an unknown `dependency` value `{other}`"
            ));
            (None, None)
        }
        None => (None, None),
    };
    // A hosted package may come from another repository than pub.dev; its `description.name`
    // is the name there.
    let purl_name = entry
        .get("description")
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
        .filter(|_| src == Some("hosted"))
        .unwrap_or(name);
    let p = purl(Ecosystem::Pub, None, purl_name, version.as_deref());
    let mut c = Component::new(Ecosystem::Pub, name, version, p);
    c.direct = direct;
    c.scope = scope;
    match src {
        Some("path") => {
            let path = entry
                .get("description")
                .and_then(|d| d.get("path"))
                .and_then(Value::as_str);
            let relative = entry
                .get("description")
                .and_then(|d| d.get("relative"))
                .and_then(Value::as_bool)
                .unwrap_or(true);
            if let Some(root) = path
                .filter(|_| relative)
                .and_then(|p| util::join(file.dir(), p))
            {
                c.roots.push(root);
            }
        }
        Some("hosted") => {
            // The SHA-256 of the package archive pub downloaded.
            c.hashes.extend(
                entry
                    .get("description")
                    .and_then(|d| d.get("sha256"))
                    .and_then(Value::as_str)
                    .and_then(|h| Checksum::from_hex(HashAlgorithm::Sha256, h)),
            );
        }
        Some("git" | "sdk") => {}
        Some(other) => warnings.push(format!("package `{name}` has an unknown source `{other}`")),
        None => warnings.push(format!("package `{name}` has no `source`")),
    }
    Ok((c, warnings))
}

/// 1-based line of the block key `name:` indented by `indent` spaces.
fn line_of_key(text: &str, name: &str, indent: usize) -> Option<u32> {
    let pad = " ".repeat(indent);
    let candidates = [format!("{pad}{name}:"), format!("{pad}\"{name}\":")];
    text.lines().enumerate().find_map(|(i, l)| {
        candidates
            .iter()
            .any(|c| l == c || l.starts_with(&format!("{c} ")))
            .then(|| u32::try_from(i + 1).unwrap_or(u32::MAX))
    })
}

/// A YAML parse error as a problem with its line (line 1 when the parser gives none).
pub(crate) fn yaml_problem(path: &str, e: &serde_norway::Error) -> Problem {
    let full = e.to_string();
    let message = full.find(" at line ").map_or(full.as_str(), |i| &full[..i]);
    let p = Problem::new(
        ProblemCode::ManifestParse,
        path,
        format!("invalid YAML: {message}"),
    );
    // An error without a place (several documents in one file) is reported on the first line.
    let line = e
        .location()
        .and_then(|l| u32::try_from(l.line()).ok())
        .filter(|l| *l > 0)
        .unwrap_or(1);
    p.at_line(line)
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(path: &str, text: &str) -> Catalog {
        let tree = MemoryTree::default();
        DartPubspecLock.parse(&ManifestFile::new(path, text.as_bytes(), &tree))
    }

    #[test]
    fn scopes_sources_and_roots() {
        let c = parse(
            "app/pubspec.lock",
            r#"packages:
  meta:
    dependency: transitive
    description:
      name: meta
      url: "https://pub.dev"
    source: hosted
    version: "1.11.0"
  mocktail:
    dependency: "direct dev"
    description:
      name: mocktail
      url: "https://pub.dev"
    source: hosted
    version: "1.0.3"
  shared:
    dependency: "direct main"
    description:
      path: "../packages/shared"
      relative: true
    source: path
    version: "0.1.0"
  flutter:
    dependency: "direct main"
    description: flutter
    source: sdk
    version: "0.0.0"
sdks:
  dart: ">=3.2.0 <4.0.0"
"#,
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let got: Vec<_> = c
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.direct,
                    c.scope,
                    c.roots.clone(),
                    c.sources[0].line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:pub/flutter",
                    Some(true),
                    Some(Scope::Runtime),
                    vec![],
                    Some(23)
                ),
                ("pkg:pub/meta@1.11.0", Some(false), None, vec![], Some(2)),
                (
                    "pkg:pub/mocktail@1.0.3",
                    Some(true),
                    Some(Scope::Dev),
                    vec![],
                    Some(9)
                ),
                (
                    "pkg:pub/shared@0.1.0",
                    Some(true),
                    Some(Scope::Runtime),
                    vec!["packages/shared".to_string()],
                    Some(16)
                ),
            ]
        );
    }

    #[test]
    fn bad_entries_are_problems_with_lines() {
        let c = parse(
            "pubspec.lock",
            "packages:\n  a:\n    dependency: sideways\n    source: hosted\n    version: \"1.0.0\"\n  b: 3\n  c:\n    source: hosted\n",
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
                    "package `a` has an unknown `dependency` value `sideways`",
                    Some(2)
                ),
                ("package `b` is not a mapping; skipped", Some(6)),
                ("package `c` has no `version`; skipped", Some(7)),
            ]
        );
        assert_eq!(c.components.len(), 1);
        assert_eq!(c.components[0].direct, None);
    }

    #[test]
    fn corrupt_yaml_has_a_line() {
        let c = parse("pubspec.lock", "packages:\n  a:\n    version: [\n");
        assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
        assert!(c.problems[0].line.is_some());
        assert!(c.components.is_empty());
    }

    #[test]
    fn hosted_archive_sha256() {
        let c = parse(
            "pubspec.lock",
            r#"packages:
  meta:
    dependency: transitive
    description:
      name: meta
      sha256: "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
      url: "https://pub.dev"
    source: hosted
    version: "1.11.0"
  path:
    dependency: transitive
    description:
      name: path
      sha256: "ba7816"
      url: "https://pub.dev"
    source: hosted
    version: "1.9.0"
  flutter:
    dependency: "direct main"
    description: flutter
    source: sdk
    version: "0.0.0"
"#,
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let meta = &c.components[1];
        assert_eq!(meta.purl, "pkg:pub/meta@1.11.0");
        assert_eq!(
            meta.hashes,
            [Checksum::from_hex(
                HashAlgorithm::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            )
            .unwrap()]
        );
        assert!(c.components[0].hashes.is_empty());
        assert!(c.components[2].hashes.is_empty());
    }
}
