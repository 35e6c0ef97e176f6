//! `obj/project.assets.json`: what `dotnet restore` resolved for a project, written on every
//! restore (with or without a lockfile).
//!
//! ```json
//! {
//!   "version": 3,
//!   "targets": {
//!     "net8.0": {
//!       "Serilog/3.1.1": { "type": "package", "dependencies": { "System.Memory": "4.5.5" } },
//!       "Contoso.Core/1.4.0": { "type": "project", "framework": ".NETCoreApp,Version=v8.0" }
//!     }
//!   },
//!   "projectFileDependencyGroups": { "net8.0": ["Serilog >= 3.1.1", "Contoso.Core >= 1.4.0"] },
//!   "project": { "frameworks": { "net8.0": { "dependencies": {
//!     "Serilog": { "target": "Package", "version": "[3.1.1, )" },
//!     "StyleCop.Analyzers": { "target": "Package", "version": "[1.1.118, )", "suppressParent": "All" }
//!   } } } }
//! }
//! ```
//!
//! Every `targets` entry (`<id>/<version>`, per framework or runtime) is a component: a
//! `package` is third party, a `project` is another project of the product (first party). A
//! package resolved under several frameworks is one component. The project's own references
//! (`projectFileDependencyGroups`) are direct, the rest transitive; a direct reference with
//! `suppressParent` `All` (`PrivateAssets="all"`) is a build-time dependency, any other direct
//! one `runtime`. Dependencies resolve to what the same framework resolved.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode, Scope};
use serde_json::Value;

use super::lock::{entry_lines, parse_object};
use super::{minimum_version, nuget_purl};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `obj/project.assets.json` (version 3).
pub struct NugetProjectAssets;

/// One component being gathered over the frameworks.
struct Gathered {
    name: String,
    version: String,
    project: bool,
    direct: Option<bool>,
    scope: Option<Scope>,
    deps: BTreeSet<String>,
    line: Option<u32>,
}

impl Cataloger for NugetProjectAssets {
    fn name(&self) -> &'static str {
        "nuget-project-assets"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Nuget
    }

    fn globs(&self) -> &'static [&'static str] {
        &["obj/project.assets.json", "**/obj/project.assets.json"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if super::in_installed_package(file) {
            return Catalog::default();
        }
        let (text, top) = match parse_object(file) {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let mut problems = Vec::new();
        let at = |needle: &str| util::find_line(text, needle, 0).map_or(1, |(l, _)| l);
        let value_problem = |line: u32, msg: String| {
            Problem::new(ProblemCode::ManifestValue, file.path, msg).at_line(line)
        };
        match top.get("version").and_then(Value::as_u64) {
            Some(3) => {}
            Some(v) => problems.push(value_problem(
                at("\"version\""),
                format!("unknown project.assets.json version `{v}`; read as version 3"),
            )),
            None => problems.push(value_problem(
                1,
                "no `version`; read as version 3".to_string(),
            )),
        }
        let Some(targets) = top.get("targets").and_then(Value::as_object) else {
            problems.push(value_problem(
                at("\"targets\""),
                "no `targets` object".to_string(),
            ));
            return Catalog {
                components: Vec::new(),
                problems,
            };
        };
        let lines = entry_lines(text, "targets");

        // The project's own references, by lower-case id; `None` when the file does not say.
        let direct: Option<HashSet<String>> = top
            .get("projectFileDependencyGroups")
            .and_then(Value::as_object)
            .map(|groups| {
                groups
                    .values()
                    .filter_map(Value::as_array)
                    .flatten()
                    .filter_map(Value::as_str)
                    .filter_map(|d| d.split_whitespace().next())
                    .map(str::to_ascii_lowercase)
                    .collect()
            });
        // Direct references private to the build, by lower-case id.
        let mut build_only = HashSet::new();
        if let Some(frameworks) = top
            .get("project")
            .and_then(|p| p.get("frameworks"))
            .and_then(Value::as_object)
        {
            for fw in frameworks.values() {
                let Some(deps) = fw.get("dependencies").and_then(Value::as_object) else {
                    continue;
                };
                for (name, d) in deps {
                    let suppressed =
                        d.get("suppressParent")
                            .and_then(Value::as_str)
                            .is_some_and(|s| {
                                s.split(',').any(|a| a.trim().eq_ignore_ascii_case("all"))
                            });
                    if suppressed {
                        build_only.insert(name.to_ascii_lowercase());
                    }
                }
            }
        }

        // (framework, lower-case id) → purl resolved there.
        let mut resolved: HashMap<(&str, String), String> = HashMap::new();
        let mut entries = Vec::new();
        for (framework, packages) in targets {
            let Some(packages) = packages.as_object() else {
                problems.push(value_problem(
                    at(&format!("\"{framework}\"")),
                    format!("target `{framework}` is not an object; skipped"),
                ));
                continue;
            };
            for (key, entry) in packages {
                let line = lines.get(&(framework.clone(), key.clone())).copied();
                let Some((name, version)) = key
                    .rsplit_once('/')
                    .filter(|(n, v)| !n.is_empty() && !v.is_empty())
                else {
                    problems.push(value_problem(
                        line.unwrap_or(1),
                        format!("entry `{key}` of `{framework}` is not `<id>/<version>`; skipped"),
                    ));
                    continue;
                };
                resolved.insert(
                    (framework.as_str(), name.to_ascii_lowercase()),
                    nuget_purl(name, Some(version)),
                );
                entries.push((framework.as_str(), name, version, entry, line));
            }
        }

        let mut by_purl: BTreeMap<String, Gathered> = BTreeMap::new();
        for (framework, name, version, entry, line) in entries {
            let project = match entry.get("type").and_then(Value::as_str) {
                Some("package") => false,
                Some("project") => true,
                other => {
                    problems.push(value_problem(
                        line.unwrap_or(1),
                        format!(
                            "entry `{name}/{version}` of `{framework}` has {}; read as a package",
                            other.map_or("no `type`".to_string(), |t| format!(
                                "an unknown type `{t}`"
                            ))
                        ),
                    ));
                    false
                }
            };
            let lower = name.to_ascii_lowercase();
            let is_direct = direct.as_ref().map(|d| d.contains(&lower));
            let g = by_purl
                .entry(nuget_purl(name, Some(version)))
                .or_insert_with(|| Gathered {
                    name: name.to_string(),
                    version: version.to_string(),
                    project,
                    direct: None,
                    scope: None,
                    deps: BTreeSet::new(),
                    line,
                });
            g.direct = match (g.direct, is_direct) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), _) | (_, Some(false)) => Some(false),
                _ => None,
            };
            if is_direct == Some(true) && !project {
                g.scope = Some(if build_only.contains(&lower) {
                    Scope::Build
                } else {
                    Scope::Runtime
                });
            }
            match entry.get("dependencies") {
                None => {}
                Some(Value::Object(deps)) => {
                    for (dep, range) in deps {
                        let p = resolved
                            .get(&(framework, dep.to_ascii_lowercase()))
                            .cloned()
                            .unwrap_or_else(|| {
                                let min = range.as_str().and_then(minimum_version);
                                nuget_purl(dep, min.as_deref())
                            });
                        g.deps.insert(p);
                    }
                }
                Some(_) => problems.push(value_problem(
                    line.unwrap_or(1),
                    format!(
                        "`dependencies` of `{name}/{version}` in `{framework}` is not an object"
                    ),
                )),
            }
        }
        problems.sort_by_key(|p| p.line);
        let components = by_purl
            .into_iter()
            .map(|(purl, g)| {
                let mut c = Component::new(Ecosystem::Nuget, g.name, Some(g.version), purl);
                if g.project {
                    c.origin = Origin::FirstParty;
                }
                c.direct = g.direct;
                c.scope = g.scope;
                c.sources.push(source(self.name(), file.path, g.line));
                c.dependencies = g.deps.into_iter().collect();
                c
            })
            .collect();
        Catalog {
            components,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(json: &str) -> Catalog {
        let tree = MemoryTree::default();
        NugetProjectAssets.parse(&ManifestFile::new(
            "src/App/obj/project.assets.json",
            json.as_bytes(),
            &tree,
        ))
    }

    const ASSETS: &str = r#"{
  "version": 3,
  "targets": {
    "net8.0": {
      "Serilog/3.1.1": {
        "type": "package",
        "dependencies": { "system.memory": "4.5.0" }
      },
      "StyleCop.Analyzers/1.1.118": { "type": "package" },
      "System.Memory/4.5.5": { "type": "package" },
      "Contoso.Core/1.4.0": { "type": "project", "dependencies": { "Serilog": "3.1.1" } }
    },
    "net8.0/linux-x64": {
      "Serilog/3.1.1": { "type": "package" }
    }
  },
  "projectFileDependencyGroups": {
    "net8.0": ["Contoso.Core >= 1.4.0", "Serilog >= 3.1.1", "StyleCop.Analyzers >= 1.1.118"]
  },
  "project": {
    "frameworks": {
      "net8.0": {
        "dependencies": {
          "Serilog": { "target": "Package", "version": "[3.1.1, )" },
          "StyleCop.Analyzers": { "target": "Package", "version": "[1.1.118, )", "suppressParent": "All" }
        }
      }
    }
  }
}"#;

    #[test]
    fn targets_become_components_with_direct_scope_and_graph() {
        let cat = parse(ASSETS);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        type Row<'a> = (&'a str, Origin, Option<bool>, Option<Scope>, Option<u32>);
        let got: Vec<Row<'_>> = cat
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.origin,
                    c.direct,
                    c.scope,
                    c.sources[0].line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:nuget/Contoso.Core@1.4.0",
                    Origin::FirstParty,
                    Some(true),
                    None,
                    Some(11)
                ),
                (
                    "pkg:nuget/Serilog@3.1.1",
                    Origin::ThirdParty,
                    Some(true),
                    Some(Scope::Runtime),
                    Some(5)
                ),
                (
                    "pkg:nuget/StyleCop.Analyzers@1.1.118",
                    Origin::ThirdParty,
                    Some(true),
                    Some(Scope::Build),
                    Some(9)
                ),
                (
                    "pkg:nuget/System.Memory@4.5.5",
                    Origin::ThirdParty,
                    Some(false),
                    None,
                    Some(10)
                ),
            ]
        );
        assert_eq!(
            cat.components[1].dependencies,
            ["pkg:nuget/System.Memory@4.5.5"]
        );
        assert_eq!(cat.components[0].dependencies, ["pkg:nuget/Serilog@3.1.1"]);
    }

    #[test]
    fn problems_with_lines() {
        let cat = parse(
            r#"{
  "version": 4,
  "targets": {
    "net8.0": {
      "NoVersion": { "type": "package" },
      "A/1.0.0": { "type": "weird", "dependencies": [] },
      "B/2.0.0": { "type": "package" }
    },
    "net6.0": 5
  }
}"#,
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
                    Some(2),
                    "unknown project.assets.json version `4`; read as version 3"
                ),
                (
                    Some(5),
                    "entry `NoVersion` of `net8.0` is not `<id>/<version>`; skipped"
                ),
                (
                    Some(6),
                    "entry `A/1.0.0` of `net8.0` has an unknown type `weird`; read as a package"
                ),
                (
                    Some(6),
                    "`dependencies` of `A/1.0.0` in `net8.0` is not an object"
                ),
                (Some(9), "target `net6.0` is not an object; skipped"),
            ]
        );
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(purls, ["pkg:nuget/A@1.0.0", "pkg:nuget/B@2.0.0"]);
        // Without `projectFileDependencyGroups` nothing says what is direct.
        assert!(cat.components.iter().all(|c| c.direct.is_none()));

        let cat = parse(r#"{"version": 3}"#);
        assert_eq!(cat.problems[0].message, "no `targets` object");
        let cat = parse("{\n  \"version\": 3,\n  \"targets\": {\n");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
    }
}
