//! CocoaPods: `Podfile.lock`, the pods `pod install` resolved for an iOS or macOS app.
//!
//! ```yaml
//! PODS:
//!   - Alamofire (5.8.1)
//!   - Firebase/Core (10.20.0):
//!     - FirebaseAnalytics (~> 10.20.0)
//!   - FirebaseAnalytics (10.20.0)
//!
//! DEPENDENCIES:
//!   - Alamofire (~> 5.8)
//!   - Firebase/Core
//!
//! SPEC REPOS:
//!   trunk:
//!     - Alamofire
//!
//! EXTERNAL SOURCES:
//!   LocalKit:
//!     :path: "../LocalKit"
//!
//! COCOAPODS: 1.15.2
//! ```
//!
//! `PODS` lists every resolved pod and subspec with its dependencies; a subspec
//! (`Firebase/Core`) belongs to its pod (`Firebase`), so the pod is one component whose
//! dependencies are the union of its subspecs' (without itself). `DEPENDENCIES` are the
//! Podfile's: those pods are direct, the others transitive. The file says no scope and no
//! license. A pod from a local `:path` (`EXTERNAL SOURCES`) is rooted at that directory; when
//! `Pods/Manifest.lock` sits beside the lockfile (the pods are installed), every other pod (from a
//! spec repository or a `:git` source) is rooted at `Pods/<name>`, so the license files found there are its.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{Component, Ecosystem, Problem, ProblemCode, purl};
use serde_norway::Value;

use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `Podfile.lock`.
pub struct CocoapodsPodfileLock;

const NAME: &str = "cocoapods-podfile-lock";

/// What `PODS` says about one pod (all its subspecs).
#[derive(Default)]
struct Pod {
    version: Option<String>,
    deps: BTreeSet<String>,
    line: Option<u32>,
}

impl Cataloger for CocoapodsPodfileLock {
    fn name(&self) -> &'static str {
        NAME
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Cocoapods
    }

    fn globs(&self) -> &'static [&'static str] {
        &["Podfile.lock", "**/Podfile.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let doc: Value = match serde_norway::from_str(text) {
            Ok(v) => v,
            Err(e) => return Catalog::problem(crate::dart::yaml_problem(file.path, &e)),
        };
        let mut problems = Vec::new();
        let Some(pods_list) = doc.get("PODS").and_then(Value::as_sequence) else {
            return Catalog::problem(
                Problem::new(ProblemCode::ManifestValue, file.path, "no `PODS` list").at_line(1),
            );
        };
        let mut pods: BTreeMap<String, Pod> = BTreeMap::new();
        let mut cursor = 0;
        for entry in pods_list {
            let (spec, deps): (&str, Vec<&str>) = match entry {
                Value::String(s) => (s.as_str(), Vec::new()),
                Value::Mapping(m) if m.len() == 1 => {
                    let Some((Some(k), v)) = m.iter().next().map(|(k, v)| (k.as_str(), v)) else {
                        continue;
                    };
                    let deps = v
                        .as_sequence()
                        .map(|s| s.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    (k, deps)
                }
                _ => {
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            "a `PODS` entry is neither a pod nor a pod with dependencies; skipped",
                        )
                        .at_line(util::find_line(text, "PODS:", 0).map_or(1, |(l, _)| l)),
                    );
                    continue;
                }
            };
            let line = util::find_line(text, &format!("- {spec}"), cursor).map(|(l, at)| {
                cursor = at + 1;
                l
            });
            let (name, version) = split_spec(spec);
            let Some(version) = version else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("pod `{spec}` has no version in parentheses; skipped"),
                    )
                    .at_line(line.unwrap_or(1)),
                );
                continue;
            };
            let root = root_name(name);
            let pod = pods.entry(root.to_string()).or_default();
            match &pod.version {
                Some(v) if v != version => problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("subspec `{name}` has version `{version}`, its pod `{root}` `{v}`"),
                    )
                    .at_line(line.unwrap_or(1)),
                ),
                Some(_) => {}
                None => pod.version = Some(version.to_string()),
            }
            pod.line = pod.line.or(line);
            for d in deps {
                let dep_root = root_name(split_spec(d).0);
                if dep_root != root {
                    pod.deps.insert(dep_root.to_string());
                }
            }
        }
        let direct: BTreeSet<&str> = doc
            .get("DEPENDENCIES")
            .and_then(Value::as_sequence)
            .map(|s| {
                s.iter()
                    .filter_map(Value::as_str)
                    .map(|d| root_name(split_spec(d).0))
                    .collect()
            })
            .unwrap_or_default();
        let has_dependencies = doc.get("DEPENDENCIES").is_some();
        let paths: BTreeMap<&str, &str> = doc
            .get("EXTERNAL SOURCES")
            .and_then(Value::as_mapping)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?, v.get(":path")?.as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        let installed =
            util::join(file.dir(), "Pods/Manifest.lock").is_some_and(|p| file.tree.is_file(&p));
        let purls: BTreeMap<&str, String> = pods
            .iter()
            .map(|(n, p)| {
                (
                    n.as_str(),
                    purl(Ecosystem::Cocoapods, None, n, p.version.as_deref()),
                )
            })
            .collect();
        let mut components = Vec::new();
        for (name, pod) in &pods {
            let Some(p) = purls.get(name.as_str()) else {
                continue;
            };
            let mut c = Component::new(Ecosystem::Cocoapods, name, pod.version.clone(), p.clone());
            if has_dependencies {
                c.direct = Some(direct.contains(name.as_str()));
            }
            c.dependencies = pod
                .deps
                .iter()
                .filter_map(|d| purls.get(d.as_str()).cloned())
                .collect();
            c.dependencies.sort();
            if let Some(path) = paths.get(name.as_str()) {
                if let Some(root) = util::join(file.dir(), path) {
                    c.roots.push(root);
                }
            } else if installed && let Some(root) = util::join(file.dir(), &format!("Pods/{name}"))
            {
                c.roots.push(root);
            }
            c.sources.push(source(NAME, file.path, pod.line));
            components.push(c);
        }
        for d in &direct {
            if !pods.contains_key(*d) {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("dependency `{d}` is not among the `PODS`"),
                    )
                    .at_line(util::find_line(text, "DEPENDENCIES:", 0).map_or(1, |(l, _)| l)),
                );
            }
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        Catalog {
            components,
            problems,
        }
    }
}

/// `Name (version)` → (`Name`, `version`); a requirement's text (`~> 5.8`, `from \`../x\``)
/// comes back as the "version" too, which callers ignore for dependencies.
fn split_spec(spec: &str) -> (&str, Option<&str>) {
    let spec = spec.trim();
    match spec.split_once(" (") {
        Some((name, rest)) => (
            name.trim(),
            rest.strip_suffix(')')
                .map(str::trim)
                .filter(|v| !v.is_empty()),
        ),
        None => (spec, None),
    }
}

/// The pod a subspec belongs to: `Firebase/Core` → `Firebase`.
fn root_name(name: &str) -> &str {
    name.split('/').next().unwrap_or(name)
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(tree: &MemoryTree, text: &str) -> Catalog {
        CocoapodsPodfileLock.parse(&ManifestFile::new(
            "ios/Podfile.lock",
            text.as_bytes(),
            tree,
        ))
    }

    #[test]
    fn specs() {
        assert_eq!(
            split_spec("Alamofire (5.8.1)"),
            ("Alamofire", Some("5.8.1"))
        );
        assert_eq!(split_spec("Firebase/Core"), ("Firebase/Core", None));
        assert_eq!(root_name("Firebase/Core"), "Firebase");
        assert_eq!(split_spec("Broken ("), ("Broken", None));
    }

    #[test]
    fn subspecs_merge_and_installed_pods_are_rooted() {
        let tree = MemoryTree::default().with("ios/Pods/Manifest.lock", "");
        let c = parse(
            &tree,
            "PODS:\n  - Firebase/Core (10.20.0):\n    - Firebase/CoreOnly\n    - FirebaseAnalytics (~> 10.20.0)\n  - Firebase/CoreOnly (10.20.0)\n  - FirebaseAnalytics (10.20.0)\n\nDEPENDENCIES:\n  - Firebase/Core\n\nCOCOAPODS: 1.15.2\n",
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let got: Vec<_> = c
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.direct,
                    c.dependencies.clone(),
                    c.roots.clone(),
                    c.sources[0].line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:cocoapods/Firebase@10.20.0",
                    Some(true),
                    vec!["pkg:cocoapods/FirebaseAnalytics@10.20.0".to_string()],
                    vec!["ios/Pods/Firebase".to_string()],
                    Some(2)
                ),
                (
                    "pkg:cocoapods/FirebaseAnalytics@10.20.0",
                    Some(false),
                    vec![],
                    vec!["ios/Pods/FirebaseAnalytics".to_string()],
                    Some(6)
                ),
            ]
        );
    }

    #[test]
    fn bad_entries_are_problems_with_lines() {
        let tree = MemoryTree::default();
        let c = parse(
            &tree,
            "PODS:\n  - Good (1.0)\n  - NoVersion\n  - 42\n  - Good/Sub (2.0)\n\nDEPENDENCIES:\n  - Missing\n",
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
                    "pod `NoVersion` has no version in parentheses; skipped",
                    Some(3)
                ),
                (
                    "a `PODS` entry is neither a pod nor a pod with dependencies; skipped",
                    Some(1)
                ),
                (
                    "subspec `Good/Sub` has version `2.0`, its pod `Good` `1.0`",
                    Some(5)
                ),
                ("dependency `Missing` is not among the `PODS`", Some(7)),
            ]
        );
        assert_eq!(c.components.len(), 1);
        assert!(c.components[0].roots.is_empty());
    }
}
