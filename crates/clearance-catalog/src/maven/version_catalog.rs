//! Gradle version catalogs (`gradle/libs.versions.toml`,
//! <https://docs.gradle.org/current/userguide/platforms.html>): the libraries a build declares,
//! each with its module and version.
//!
//! A catalog lists what the build *may* use: it does not say which subprojects use an entry,
//! in which configuration, nor give the resolved graph, so neither scope nor directness is set.
//! Plugins (`[plugins]`) are build tools and are not listed.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Problem, ProblemCode};
use toml::{Table, Value};

use super::{maven_name, maven_purl};
use crate::util::source;
use crate::{Catalog, Cataloger, ManifestFile};

/// `gradle/libs.versions.toml` and other `gradle/*.versions.toml`: the libraries of a Gradle
/// version catalog, known by their coordinates.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, maven::GradleVersionCatalog};
/// let tree = MemoryTree::default();
/// let toml = b"[versions]\nguava = \"33.0.0-jre\"\n[libraries]\nguava = { module = \"com.google.guava:guava\", version.ref = \"guava\" }\n";
/// let catalog = GradleVersionCatalog.parse(&ManifestFile::new("gradle/libs.versions.toml", toml, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:maven/com.google.guava/guava@33.0.0-jre");
/// ```
pub struct GradleVersionCatalog;

/// The line of each key of each `[section]`, found by reading the text line by line (the TOML
/// parser does not keep positions of table keys).
fn key_lines(text: &str) -> BTreeMap<(String, String), u32> {
    let mut out = BTreeMap::new();
    let mut section = String::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let t = line.trim();
        if let Some(header) = t.strip_prefix('[').and_then(|h| h.split(']').next()) {
            section = header.trim().to_string();
            continue;
        }
        let Some((key, _)) = t.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let key = match key.chars().next() {
            // A quoted key is taken whole (up to its closing quote).
            Some(q @ ('"' | '\'')) => key
                .get(1..)
                .and_then(|k| k.split(q).next())
                .unwrap_or_default(),
            // Dotted keys (`guava.module = …`) belong to the entry named by their first part.
            _ => key.split('.').next().unwrap_or(key).trim(),
        };
        out.entry((section.clone(), key.to_string()))
            .or_insert(line_no);
    }
    out
}

/// `true` when a version string is a range or dynamic version rather than one version.
fn is_range(v: &str) -> bool {
    v.contains(['[', ']', '(', ')', ',', '+']) || v.starts_with("latest.")
}

/// One version from a version value: a string, or a rich version table (`strictly`, `require`,
/// `prefer`), the first of these that names a single version. `Err` says why none could be read.
fn rich_version(v: &Value) -> Result<Option<String>, String> {
    match v {
        Value::String(s) => Ok((!is_range(s)).then(|| s.clone())),
        Value::Table(t) => {
            for key in ["strictly", "require", "prefer"] {
                if let Some(s) = t.get(key).and_then(Value::as_str)
                    && !is_range(s)
                {
                    return Ok(Some(s.to_string()));
                }
            }
            Ok(None)
        }
        _ => Err("is neither a string nor a table".to_string()),
    }
}

/// The version of a library entry: `version = "…"`, `version = { ref = "…" }` (also spelled
/// `version.ref = "…"`) or a rich version table.
fn library_version(versions: Option<&Table>, v: &Value) -> Result<Option<String>, String> {
    if let Some(r) = v.as_table().and_then(|t| t.get("ref")) {
        let Some(name) = r.as_str() else {
            return Err("`version.ref` is not a string".to_string());
        };
        return match versions.and_then(|vs| vs.get(name)) {
            Some(found) => rich_version(found).map_err(|e| format!("`[versions]` `{name}` {e}")),
            None => Err(format!("`version.ref = \"{name}\"` is not in `[versions]`")),
        };
    }
    rich_version(v).map_err(|e| format!("`version` {e}"))
}

/// The version of an entry, or why it cannot be read (the entry still counts).
type VersionResult = Result<Option<String>, String>;

/// `(group, name, version)` of one `[libraries]` entry.
fn library(
    versions: Option<&Table>,
    entry: &Value,
) -> Result<(String, String, VersionResult), String> {
    match entry {
        // "group:name:version" or "group:name".
        Value::String(s) => {
            let parts: Vec<&str> = s.split(':').collect();
            match parts.as_slice() {
                [g, n] if !g.is_empty() && !n.is_empty() => {
                    Ok((g.to_string(), n.to_string(), Ok(None)))
                }
                [g, n, v] if !g.is_empty() && !n.is_empty() => Ok((
                    g.to_string(),
                    n.to_string(),
                    Ok((!v.is_empty() && !is_range(v)).then(|| v.to_string())),
                )),
                _ => Err(format!("`{s}` is not `group:name:version`")),
            }
        }
        Value::Table(t) => {
            let (g, n) = match (t.get("module"), t.get("group"), t.get("name")) {
                (Some(Value::String(m)), _, _) => match m.split_once(':') {
                    Some((g, n)) if !g.is_empty() && !n.is_empty() && !n.contains(':') => {
                        (g.to_string(), n.to_string())
                    }
                    _ => return Err(format!("`module = \"{m}\"` is not `group:name`")),
                },
                (None, Some(Value::String(g)), Some(Value::String(n))) => (g.clone(), n.clone()),
                _ => return Err("has neither `module` nor `group` and `name`".to_string()),
            };
            let version = match t.get("version") {
                Some(v) => library_version(versions, v),
                None => Ok(None),
            };
            Ok((g, n, version))
        }
        _ => Err("is neither a string nor a table".to_string()),
    }
}

impl Cataloger for GradleVersionCatalog {
    fn name(&self) -> &'static str {
        "gradle-version-catalog"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Maven
    }

    fn globs(&self) -> &'static [&'static str] {
        &["gradle/*.versions.toml", "**/gradle/*.versions.toml"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let table = match text.parse::<Table>() {
            Ok(t) => t,
            Err(e) => return Catalog::problem(crate::cargo::toml_problem(file, &e)),
        };
        let lines = key_lines(text);
        let line_of =
            |section: &str, key: &str| lines.get(&(section.to_string(), key.to_string())).copied();
        let versions = table.get("versions").and_then(Value::as_table);
        let mut components = Vec::new();
        let mut problems = Vec::new();
        let Some(libraries) = table.get("libraries") else {
            return Catalog::default();
        };
        let Some(libraries) = libraries.as_table() else {
            return Catalog::problem(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "`libraries` is not a table",
                )
                .at_line(line_of("", "libraries").unwrap_or(1)),
            );
        };
        for (alias, entry) in libraries {
            let line = line_of("libraries", alias);
            match library(versions, entry) {
                Ok((group, name, version)) => {
                    let version = version.unwrap_or_else(|why| {
                        let p = Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!("library `{alias}` {why}"),
                        );
                        problems.push(match line {
                            Some(l) => p.at_line(l),
                            None => p,
                        });
                        None
                    });
                    let mut c = Component::new(
                        Ecosystem::Maven,
                        maven_name(Some(&group), &name),
                        version.clone(),
                        maven_purl(Some(&group), &name, version.as_deref()),
                    );
                    c.sources.push(source(self.name(), file.path, line));
                    components.push((line, c));
                }
                Err(why) => {
                    let p = Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("library `{alias}` {why}"),
                    );
                    problems.push(match line {
                        Some(l) => p.at_line(l),
                        None => p,
                    });
                }
            }
        }
        // File order, as the other catalogers give.
        components.sort_by_key(|(line, _)| *line);
        problems.sort_by_key(|p| p.line);
        Catalog {
            components: components.into_iter().map(|(_, c)| c).collect(),
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(text: &str) -> Catalog {
        GradleVersionCatalog.parse(&ManifestFile::new(
            "gradle/libs.versions.toml",
            text.as_bytes(),
            &MemoryTree::default(),
        ))
    }

    #[test]
    fn every_library_notation() {
        let toml = r#"[versions]
guava = "33.0.0-jre"
jackson = { strictly = "[2.15, 2.17[", prefer = "2.16.1" }
range = "[1.0,2.0)"

[libraries]
guava = { module = "com.google.guava:guava", version.ref = "guava" }
jackson-databind = { group = "com.fasterxml.jackson.core", name = "jackson-databind", version = { ref = "jackson" } }
commons-lang3 = "org.apache.commons:commons-lang3:3.14.0"
slf4j-api = "org.slf4j:slf4j-api"
"junit.jupiter" = { module = "org.junit.jupiter:junit-jupiter", version = "5.10.1" }
ranged = { module = "a:b", version.ref = "range" }
okio.module = "com.squareup.okio:okio"
okio.version = { require = "3.6.0" }

[plugins]
versions = { id = "com.github.ben-manes.versions", version = "0.50.0" }
"#;
        let cat = parse(toml);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<(&str, Option<u32>)> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:maven/com.google.guava/guava@33.0.0-jre", Some(7)),
                (
                    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1",
                    Some(8)
                ),
                ("pkg:maven/org.apache.commons/commons-lang3@3.14.0", Some(9)),
                ("pkg:maven/org.slf4j/slf4j-api", Some(10)),
                ("pkg:maven/org.junit.jupiter/junit-jupiter@5.10.1", Some(11)),
                ("pkg:maven/a/b", Some(12)),
                ("pkg:maven/com.squareup.okio/okio@3.6.0", Some(13)),
            ]
        );
        assert!(
            cat.components
                .iter()
                .all(|c| c.scope.is_none() && c.direct.is_none())
        );
    }

    #[test]
    fn bad_entries_are_problems_with_lines() {
        let toml = "[libraries]\n\
                    a = \"just-a-name\"\n\
                    b = { module = \"g:n\", version.ref = \"missing\" }\n\
                    c = { version = \"1.0\" }\n\
                    d = 42\n\
                    e = { module = \"g:n\", version = \"1.0\" }\n";
        let cat = parse(toml);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(purls, ["pkg:maven/g/n", "pkg:maven/g/n@1.0"]);
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
                    "library `a` `just-a-name` is not `group:name:version`"
                ),
                (
                    Some(3),
                    "library `b` `version.ref = \"missing\"` is not in `[versions]`"
                ),
                (
                    Some(4),
                    "library `c` has neither `module` nor `group` and `name`"
                ),
                (Some(5), "library `d` is neither a string nor a table"),
            ]
        );
    }

    #[test]
    fn corrupt_and_empty() {
        let cat = parse("[versions]\nguava = \"33.0\n");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(2));
        assert_eq!(parse(""), Catalog::default());
        let cat = parse("libraries = 3\n");
        assert_eq!(cat.problems[0].line, Some(1));
    }
}
