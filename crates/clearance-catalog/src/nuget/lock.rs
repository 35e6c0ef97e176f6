//! `packages.lock.json`: the packages NuGet resolved for a project, per target framework.
//!
//! ```json
//! {
//!   "version": 1,
//!   "dependencies": {
//!     "net8.0": {
//!       "Serilog": { "type": "Direct", "requested": "[3.1.1, )", "resolved": "3.1.1",
//!                    "contentHash": "…", "dependencies": { "System.Memory": "4.5.5" } },
//!       "System.Memory": { "type": "Transitive", "resolved": "4.5.5", "contentHash": "…" },
//!       "contoso.core": { "type": "Project", "dependencies": { "Serilog": "[3.1.1, )" } }
//!     }
//!   }
//! }
//! ```
//!
//! Version 2 (central package management) adds the `CentralTransitive` type: a transitive
//! package whose version `Directory.Packages.props` pins. A package resolved under several
//! frameworks (or runtime identifiers, `net8.0/win-x64`) is one component; its dependencies are
//! the union over the frameworks, each dependency resolved to the version the same framework
//! resolved. `Project` entries are other projects of the product (first party): the lockfile
//! names them in lower case without a version, so their id and version are read from their
//! project files when the lockfile's own project file (named like its directory) references them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use clearance_model::{
    Checksum, Component, Ecosystem, HashAlgorithm, Origin, Problem, ProblemCode,
};
use serde_json::{Map, Value};

use super::{minimum_version, nuget_purl};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `packages.lock.json` (versions 1 and 2).
pub struct NugetPackagesLock;

/// A package of one framework, as read.
struct Entry<'a> {
    framework: &'a str,
    name: &'a str,
    /// `None` for a `Project` entry.
    version: Option<String>,
    direct: Option<bool>,
    project: bool,
    deps: Vec<(&'a str, &'a str)>,
    /// `contentHash`: the SHA-512 of the `.nupkg`.
    hash: Option<Checksum>,
    line: Option<u32>,
}

/// What several frameworks say about one package.
struct Merged {
    name: String,
    version: Option<String>,
    project: bool,
    direct: Option<bool>,
    deps: BTreeSet<String>,
    hashes: BTreeSet<Checksum>,
    line: Option<u32>,
}

impl Cataloger for NugetPackagesLock {
    fn name(&self) -> &'static str {
        "nuget-packages-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Nuget
    }

    fn globs(&self) -> &'static [&'static str] {
        &["packages.lock.json", "**/packages.lock.json"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // A project template or sample shipped inside an installed package is not the product's.
        if super::in_installed_package(file) {
            return Catalog::default();
        }
        let (text, top) = match parse_object(file) {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let mut problems = Vec::new();
        let at = |needle: &str| util::find_line(text, needle, 0).map_or(1, |(l, _)| l);
        match top.get("version") {
            Some(Value::Number(n)) if matches!(n.as_u64(), Some(1 | 2)) => {}
            Some(v) => problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("unknown packages.lock.json version `{v}`; read as version 2"),
                )
                .at_line(at("\"version\"")),
            ),
            None => problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "no `version`; read as version 2",
                )
                .at_line(1),
            ),
        }
        let frameworks = match top.get("dependencies") {
            Some(Value::Object(f)) => f,
            Some(_) => {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "`dependencies` is not an object",
                    )
                    .at_line(at("\"dependencies\"")),
                );
                return Catalog {
                    components: Vec::new(),
                    problems,
                };
            }
            None => {
                problems.push(
                    Problem::new(ProblemCode::ManifestValue, file.path, "no `dependencies`")
                        .at_line(1),
                );
                return Catalog {
                    components: Vec::new(),
                    problems,
                };
            }
        };
        let lines = entry_lines(text, "dependencies");
        let mut entries = Vec::new();
        for (framework, packages) in frameworks {
            let Value::Object(packages) = packages else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("framework `{framework}` is not an object; skipped"),
                    )
                    .at_line(
                        util::find_line(text, &format!("\"{framework}\""), 0).map_or(1, |(l, _)| l),
                    ),
                );
                continue;
            };
            for (name, value) in packages {
                let line = lines.get(&(framework.clone(), name.clone())).copied();
                match read_entry(framework, name, value, line) {
                    Ok((entry, mut warnings)) => {
                        problems.extend(warnings.drain(..).map(|m| {
                            Problem::new(ProblemCode::ManifestValue, file.path, m)
                                .at_line(line.unwrap_or(1))
                        }));
                        entries.push(entry);
                    }
                    Err(m) => problems.push(
                        Problem::new(ProblemCode::ManifestValue, file.path, m)
                            .at_line(line.unwrap_or(1)),
                    ),
                }
            }
        }
        // Entries are read in key order; report in file order.
        problems.sort_by_key(|p| p.line);
        Catalog {
            components: self.components(file, &entries),
            problems,
        }
    }
}

impl NugetPackagesLock {
    /// One component per package and version, over all frameworks.
    fn components(&self, file: &ManifestFile<'_>, entries: &[Entry<'_>]) -> Vec<Component> {
        // A `Project` entry is named in lower case and without a version: take the project's
        // id and version from its project file, when the lockfile's own project file (named
        // like its directory) references it.
        let projects = if entries.iter().any(|e| e.project) {
            own_project_file(file)
                .map(|p| super::project::referenced_projects(file.tree, &p))
                .unwrap_or_default()
        } else {
            HashMap::new()
        };
        let identity = |e: &Entry<'_>| -> (String, Option<String>) {
            match projects.get(&e.name.to_ascii_lowercase()) {
                Some((name, version)) if e.project => (name.clone(), version.clone()),
                _ => (e.name.to_string(), e.version.clone()),
            }
        };
        // (framework, lower-case id) → purl of what that framework resolved.
        let mut resolved: HashMap<(&str, String), String> = HashMap::new();
        for e in entries {
            let (name, version) = identity(e);
            resolved.insert(
                (e.framework, e.name.to_ascii_lowercase()),
                nuget_purl(&name, version.as_deref()),
            );
        }
        let mut by_purl: BTreeMap<String, Merged> = BTreeMap::new();
        for e in entries {
            let (name, version) = identity(e);
            let purl = nuget_purl(&name, version.as_deref());
            let m = by_purl.entry(purl).or_insert_with(|| Merged {
                name,
                version,
                project: e.project,
                direct: None,
                deps: BTreeSet::new(),
                hashes: BTreeSet::new(),
                line: e.line,
            });
            m.hashes.extend(e.hash.clone());
            m.direct = match (m.direct, e.direct) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), _) | (_, Some(false)) => Some(false),
                _ => None,
            };
            if m.line.is_none() {
                m.line = e.line;
            }
            for (dep, range) in &e.deps {
                let p = resolved
                    .get(&(e.framework, dep.to_ascii_lowercase()))
                    .cloned()
                    .unwrap_or_else(|| nuget_purl(dep, minimum_version(range).as_deref()));
                m.deps.insert(p);
            }
        }
        by_purl
            .into_iter()
            .map(|(purl, m)| {
                let mut c = Component::new(Ecosystem::Nuget, m.name, m.version, purl);
                if m.project {
                    c.origin = Origin::FirstParty;
                }
                c.direct = m.direct;
                c.sources.push(source(self.name(), file.path, m.line));
                c.dependencies = m.deps.into_iter().collect();
                c.hashes = m.hashes.into_iter().collect();
                c
            })
            .collect()
    }
}

/// The project file beside the lockfile that is named like its directory
/// (`src/Contoso.Web/Contoso.Web.csproj`), the convention `dotnet new` follows.
fn own_project_file(file: &ManifestFile<'_>) -> Option<String> {
    let dir = file.dir();
    let name = dir.rsplit('/').next().filter(|n| !n.is_empty())?;
    ["csproj", "fsproj", "vbproj"]
        .iter()
        .map(|ext| format!("{dir}/{name}.{ext}"))
        .find(|p| file.tree.is_file(p))
}

/// Reads one package entry; `Err` when it cannot give a component, with warnings about values
/// that were read around.
fn read_entry<'a>(
    framework: &'a str,
    name: &'a str,
    value: &'a Value,
    line: Option<u32>,
) -> Result<(Entry<'a>, Vec<String>), String> {
    let Value::Object(obj) = value else {
        return Err(format!(
            "package `{name}` of `{framework}` is not an object; skipped"
        ));
    };
    let mut warnings = Vec::new();
    let kind = obj.get("type").and_then(Value::as_str);
    let (direct, project) = match kind {
        Some("Direct") => (Some(true), false),
        Some("Transitive" | "CentralTransitive") => (Some(false), false),
        // Project references (direct or not: the lockfile does not say).
        Some("Project") => (None, true),
        Some(other) => {
            warnings.push(format!(
                "package `{name}` of `{framework}` has an unknown type `{other}`"
            ));
            (None, false)
        }
        None => {
            warnings.push(format!("package `{name}` of `{framework}` has no `type`"));
            (None, false)
        }
    };
    let version = match obj.get("resolved") {
        Some(Value::String(v)) if !v.trim().is_empty() => Some(v.trim().to_string()),
        _ if project => None,
        _ => {
            return Err(format!(
                "package `{name}` of `{framework}` has no `resolved` version; skipped"
            ));
        }
    };
    let mut deps = Vec::new();
    match obj.get("dependencies") {
        None => {}
        Some(Value::Object(d)) => {
            for (dep, range) in d {
                match range {
                    Value::String(r) => deps.push((dep.as_str(), r.as_str())),
                    _ => warnings.push(format!(
                        "dependency `{dep}` of `{name}` in `{framework}` has no version string"
                    )),
                }
            }
        }
        Some(_) => warnings.push(format!(
            "`dependencies` of `{name}` in `{framework}` is not an object"
        )),
    }
    Ok((
        Entry {
            framework,
            name,
            version,
            direct,
            project,
            deps,
            hash: obj
                .get("contentHash")
                .and_then(Value::as_str)
                .and_then(|h| util::base64_checksum(HashAlgorithm::Sha512, h)),
            line,
        },
        warnings,
    ))
}

/// Parses the file into its top-level object; a parse error or a top-level value that is not an
/// object becomes a problem with its line.
pub(super) fn parse_object<'a>(
    file: &ManifestFile<'a>,
) -> Result<(&'a str, Map<String, Value>), Problem> {
    let text = file.text()?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => Ok((text, map)),
        Ok(_) => Err(Problem::new(
            ProblemCode::ManifestValue,
            file.path,
            "the top-level value is not an object",
        )
        .at_line(1)),
        Err(e) => Err(crate::util::json_problem(file.path, &e)),
    }
}

/// Lines of the package keys (`<top>` → framework → package) in one pass over the text.
/// Invalid JSON gives partial results, never a panic.
pub(super) fn entry_lines(text: &str, top_key: &str) -> HashMap<(String, String), u32> {
    let bytes = text.as_bytes();
    let mut out = HashMap::new();
    let mut depth = 0usize;
    // The key path to the value being read: keys[i] is the key at depth i + 1.
    let mut keys: Vec<String> = Vec::new();
    let mut line = 1u32;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => line += 1,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                keys.truncate(depth);
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                while let Some(&c) = bytes.get(j) {
                    if c == b'\n' {
                        line += 1;
                    }
                    if escaped {
                        escaped = false;
                    } else if c == b'\\' {
                        escaped = true;
                    } else if c == b'"' {
                        break;
                    }
                    j += 1;
                }
                let raw = text.get(i..=j).unwrap_or("");
                i = j + 1;
                let mut k = i;
                while bytes.get(k).is_some_and(u8::is_ascii_whitespace) {
                    k += 1;
                }
                if bytes.get(k) == Some(&b':') && depth > 0 {
                    let key: String = serde_json::from_str(raw).unwrap_or_default();
                    keys.truncate(depth - 1);
                    keys.push(key);
                    if let [top, framework, package] = keys.as_slice()
                        && top == top_key
                    {
                        out.insert((framework.clone(), package.clone()), line);
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(json: &str) -> Catalog {
        let tree = MemoryTree::default();
        NugetPackagesLock.parse(&ManifestFile::new(
            "src/App/packages.lock.json",
            json.as_bytes(),
            &tree,
        ))
    }

    const TWO_FRAMEWORKS: &str = r#"{
  "version": 1,
  "dependencies": {
    "net6.0": {
      "Serilog": {
        "type": "Direct",
        "requested": "[2.12.0, )",
        "resolved": "2.12.0",
        "contentHash": "xaiJLIdu6rYMKfQMYUZgTy8YK7SMZjB4Yk50C/u//Z4OsvxkUfSPJy4nknfvwAC34yr13q7kcyh4grbwhSxyZg=="
      },
      "System.Memory": {
        "type": "Transitive",
        "resolved": "4.5.4",
        "contentHash": "1MbJTHS1lZ4bS4FmsJjnuGJOu88ZzTT2rLvrhW7Ygic+pC0NWA+3hgAWIj+0hWTnZMAkfX0dJyUVk+uZfE3b3g==",
        "dependencies": { "system.buffers": "4.5.1" }
      },
      "System.Buffers": { "type": "Transitive", "resolved": "4.5.1", "contentHash": "x" }
    },
    "netstandard2.0": {
      "Serilog": {
        "type": "Direct",
        "requested": "[2.12.0, )",
        "resolved": "2.12.0",
        "contentHash": "x",
        "dependencies": { "System.Memory": "4.5.0" }
      },
      "System.Memory": {
        "type": "Transitive",
        "resolved": "4.5.4",
        "contentHash": "x"
      }
    }
  }
}"#;

    #[test]
    fn frameworks_merge_into_one_component() {
        let cat = parse(TWO_FRAMEWORKS);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:nuget/Serilog@2.12.0",
                "pkg:nuget/System.Buffers@4.5.1",
                "pkg:nuget/System.Memory@4.5.4"
            ]
        );
        let serilog = &cat.components[0];
        assert_eq!(serilog.direct, Some(true));
        assert_eq!(serilog.sources[0].line, Some(5));
        // netstandard2.0 asks for System.Memory >= 4.5.0 and resolved 4.5.4.
        assert_eq!(serilog.dependencies, ["pkg:nuget/System.Memory@4.5.4"]);
        let memory = &cat.components[2];
        assert_eq!(memory.direct, Some(false));
        // The dependency's spelling differs in case; it resolves to the entry's spelling.
        assert_eq!(memory.dependencies, ["pkg:nuget/System.Buffers@4.5.1"]);
        assert!(memory.declared.is_empty());
        assert!(memory.roots.is_empty());
    }

    #[test]
    fn project_entries_are_first_party_without_version() {
        let cat = parse(
            r#"{"version": 2, "dependencies": {"net8.0": {
  "contoso.core": {"type": "Project", "dependencies": {"Serilog": "[3.1.1, )"}},
  "Microsoft.Extensions.Logging": {"type": "CentralTransitive", "requested": "[8.0.0, )", "resolved": "8.0.0", "contentHash": "x"}
}}}"#,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let core = &cat.components[1];
        assert_eq!(core.purl, "pkg:nuget/contoso.core");
        assert_eq!(core.origin, Origin::FirstParty);
        assert_eq!(core.direct, None);
        assert_eq!(core.sources[0].line, Some(2));
        // Serilog is not in the framework: the range's lower bound stands for it.
        assert_eq!(core.dependencies, ["pkg:nuget/Serilog@3.1.1"]);
        let logging = &cat.components[0];
        assert_eq!(logging.direct, Some(false));
        assert_eq!(logging.origin, Origin::ThirdParty);
    }

    #[test]
    fn project_entries_take_identity_from_referenced_project_files() {
        let tree = MemoryTree::default()
            .with(
                "src/App/App.csproj",
                r#"<Project><ItemGroup><ProjectReference Include="..\Data\Data.csproj" /></ItemGroup></Project>"#,
            )
            .with(
                "src/Data/Data.csproj",
                r#"<Project><PropertyGroup><PackageId>Contoso.Data</PackageId><Version>3.0</Version></PropertyGroup>
<ItemGroup><ProjectReference Include="../Model/Model.fsproj" /><ProjectReference Include="../App/App.csproj" /></ItemGroup></Project>"#,
            )
            .with("src/Model/Model.fsproj", "<Project/>");
        let json = r#"{"version": 1, "dependencies": {"net8.0": {
  "contoso.data": {"type": "Project", "dependencies": {"Model": "[1.0.0, )"}},
  "model": {"type": "Project"},
  "other": {"type": "Project"}
}}}"#;
        let cat = NugetPackagesLock.parse(&ManifestFile::new(
            "src/App/packages.lock.json",
            json.as_bytes(),
            &tree,
        ));
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<(&str, &str, &[String])> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.name.as_str(), c.dependencies.as_slice()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:nuget/Contoso.Data@3.0.0",
                    "Contoso.Data",
                    &["pkg:nuget/Model".to_string()][..]
                ),
                ("pkg:nuget/Model", "Model", &[][..]),
                ("pkg:nuget/other", "other", &[][..]),
            ]
        );
        assert!(
            cat.components
                .iter()
                .all(|c| c.origin == Origin::FirstParty)
        );
    }

    #[test]
    fn bad_entries_are_problems_with_lines_and_the_rest_counts() {
        let cat = parse(
            r#"{
  "version": 3,
  "dependencies": {
    "net8.0": {
      "A": "1.0.0",
      "B": {"type": "Direct", "requested": "[1.0.0, )"},
      "C": {"type": "Weird", "resolved": "1.0.0", "dependencies": {"D": 5}},
      "D": {"type": "Transitive", "resolved": "2.0.0"}
    }
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
                    "unknown packages.lock.json version `3`; read as version 2"
                ),
                (Some(5), "package `A` of `net8.0` is not an object; skipped"),
                (
                    Some(6),
                    "package `B` of `net8.0` has no `resolved` version; skipped"
                ),
                (
                    Some(7),
                    "package `C` of `net8.0` has an unknown type `Weird`"
                ),
                (
                    Some(7),
                    "dependency `D` of `C` in `net8.0` has no version string"
                ),
            ]
        );
        assert!(
            cat.problems
                .iter()
                .all(|p| p.code == ProblemCode::ManifestValue)
        );
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(purls, ["pkg:nuget/C@1.0.0", "pkg:nuget/D@2.0.0"]);
        assert_eq!(cat.components[0].direct, None);
    }

    #[test]
    fn corrupt_json_is_a_parse_problem_at_its_line() {
        let cat = parse("{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {,\n");
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(4));
        assert!(cat.problems[0].message.starts_with("invalid JSON: "));
    }

    #[test]
    fn missing_parts_are_problems() {
        let cat = parse(r#"{"dependencies": []}"#);
        let got: Vec<&str> = cat.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            got,
            [
                "no `version`; read as version 2",
                "`dependencies` is not an object"
            ]
        );
        let cat = parse("[1]");
        assert_eq!(
            cat.problems[0].message,
            "the top-level value is not an object"
        );
        let cat = parse(r#"{"version": 1, "dependencies": {"net8.0": 1}}"#);
        assert_eq!(
            cat.problems[0].message,
            "framework `net8.0` is not an object; skipped"
        );
    }

    #[test]
    fn key_lines_survive_escapes_and_nesting() {
        let text = "{\"x\": {\"dependencies\": {\"a\": {\"b\": 1}}},\n\"dependencies\": {\"net\\\"8\": {\n\"P\": {\"dependencies\": {\"Q\": \"1\"}}}}}";
        let lines = entry_lines(text, "dependencies");
        assert_eq!(lines.len(), 1);
        assert_eq!(
            lines.get(&("net\"8".to_string(), "P".to_string())),
            Some(&3)
        );
        assert!(entry_lines("{\"dependencies\": {\"a\": {\"b", "dependencies").is_empty());
    }

    #[test]
    fn content_hash_is_the_package_sha512() {
        let cat = parse(TWO_FRAMEWORKS);
        let serilog = &cat.components[0];
        // One valid hash (net6.0); the `x` of netstandard2.0 is no hash.
        assert_eq!(serilog.hashes.len(), 1);
        assert_eq!(serilog.hashes[0].algorithm, HashAlgorithm::Sha512);
        assert_eq!(
            serilog.hashes[0].value,
            "c5a8892c876eeab60c29f40c6146604f2f182bb48c663078624e740bfbbffd9e0eb2fc6451f48f272e279277efc000b7e32af5deaee473287882b6f0852c7266"
        );
        assert!(cat.components[1].hashes.is_empty());
    }
}
