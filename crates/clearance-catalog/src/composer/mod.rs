//! PHP (Composer): `composer.json`, `composer.lock` and `vendor/composer/installed.json`.
//!
//! - [`ComposerJson`] reads the project's `composer.json` (first-party, with its required
//!   packages as dependencies) or an installed package's `vendor/<vendor>/<name>/composer.json`
//!   when no `installed.json` describes the vendor directory.
//! - [`ComposerLock`] reads every locked package (`packages`: runtime, `packages-dev`: dev), which
//!   of them the project requires directly, their licenses and the dependency graph.
//! - [`ComposerInstalledJson`] reads what Composer installed into `vendor/` (Composer 1's array
//!   and Composer 2's `{"packages": […]}`), each package rooted at its install path.
//!
//! A `license` is a string or an array; Composer documents several entries in the array as a
//! choice between licenses ("disjunctive license"), so they are read as `OR`. Requirements
//! without a `/` (`php`, `ext-json`, `lib-icu`, `composer-plugin-api`) are platform
//! requirements, not packages, and are left out.

mod composer_json;
mod composer_lock;
mod installed_json;

use std::collections::BTreeSet;

use clearance_model::{
    Checksum, DeclaredLicense, Ecosystem, HashAlgorithm, Problem, ProblemCode, Source, purl,
};
use serde_json::{Map, Value};

use crate::util::declared_license;
use crate::{ManifestFile, Tree};

pub use composer_json::ComposerJson;
pub use composer_lock::ComposerLock;
pub use installed_json::ComposerInstalledJson;

/// The package URL of a Composer package: the vendor is the namespace
/// (`pkg:composer/symfony/console@v6.4.1`). Composer package names are case-insensitive and
/// stored in lower case.
fn composer_purl(name: &str, version: Option<&str>) -> String {
    let name = name.to_ascii_lowercase();
    match name.split_once('/') {
        Some((vendor, base)) if !vendor.is_empty() && !base.is_empty() => {
            purl(Ecosystem::Composer, Some(vendor), base, version)
        }
        _ => purl(Ecosystem::Composer, None, &name, version),
    }
}

/// `true` for a platform requirement (`php`, `ext-mbstring`, `lib-openssl`, `composer-plugin-api`):
/// every real package name has a `vendor/` part.
fn is_platform(name: &str) -> bool {
    !name.contains('/')
}

/// `a string`, `a number`, …: how a JSON value is named in problem messages.
fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses a JSON file; a syntax error becomes a `manifest-parse` problem at its line.
fn parse_json<'a>(file: &ManifestFile<'a>) -> Result<(&'a str, Value), Problem> {
    let text = file.text()?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Value>(body)
        .map(|v| (text, v))
        .map_err(|e| crate::util::json_problem(file.path, &e))
}

/// Line numbers of byte offsets in one text, found by binary search over its newlines (a lockfile
/// can hold thousands of entries: counting lines from the start for each would be quadratic).
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> u32 {
        u32::try_from(self.0.partition_point(|&nl| nl < offset) + 1).unwrap_or(u32::MAX)
    }
}

/// The byte offset of the value of `"key": "value"` at or after byte `from` (any spacing around
/// the colon).
fn key_value_offset(text: &str, key: &str, value: &str, from: usize) -> Option<usize> {
    let quoted_value = serde_json::to_string(value).ok()?;
    key_value_offset_as(text, key, &quoted_value, from).or_else(|| {
        // Old Composer versions escaped slashes: `"psr\/log"`.
        let escaped = quoted_value.replace('/', "\\/");
        key_value_offset_as(text, key, &escaped, from)
    })
}

/// [`key_value_offset`] with the value as it is spelled in the text.
fn key_value_offset_as(text: &str, key: &str, quoted_value: &str, from: usize) -> Option<usize> {
    let quoted_key = format!("\"{key}\"");
    let mut at = from;
    while let Some(found) = text.get(at..).and_then(|t| t.find(quoted_value)) {
        let pos = at + found;
        let before = text.get(..pos).unwrap_or_default().trim_end();
        if let Some(b) = before.strip_suffix(':')
            && b.trim_end().ends_with(&quoted_key)
        {
            return Some(pos);
        }
        at = pos + quoted_value.len();
    }
    None
}

/// The names of the `authors` of a package (`[{"name": …, "email": …}]`), in order.
fn author_names(authors: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Value::Array(list)) = authors {
        crate::util::push_authors(
            &mut out,
            list.iter()
                .filter_map(|a| a.get("name"))
                .filter_map(Value::as_str),
        );
    }
    out
}

/// The SHA-1 of a package's archive: `dist.shasum`, which Composer leaves empty for archives
/// it did not checksum.
fn dist_checksum(dist: Option<&Value>) -> Option<Checksum> {
    let shasum = dist?.get("shasum")?.as_str()?;
    Checksum::from_hex(HashAlgorithm::Sha1, shasum)
}

/// The names (lower case) that a `require`-like object lists, platform requirements left out.
fn required_names(obj: Option<&Value>) -> Vec<String> {
    let Some(Value::Object(map)) = obj else {
        return Vec::new();
    };
    map.keys()
        .filter(|k| !is_platform(k))
        .map(|k| k.to_ascii_lowercase())
        .collect()
}

/// The packages the project in `dir` requires (`require` and `require-dev` of its
/// `composer.json`), when that file is in the tree and readable.
fn project_requires(tree: &dyn Tree, dir: &str) -> Option<BTreeSet<String>> {
    let path = if dir.is_empty() {
        "composer.json".to_string()
    } else {
        format!("{dir}/composer.json")
    };
    let bytes = tree.read(&path).ok()?;
    let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(&bytes) else {
        return None;
    };
    let mut names: BTreeSet<String> = required_names(obj.get("require")).into_iter().collect();
    names.extend(required_names(obj.get("require-dev")));
    Some(names)
}

/// Reads a `license` value: a string, or an array read as a choice (`OR`). Returns the
/// declaration (if any) and a message for a value of the wrong type.
fn read_license(v: Option<&Value>, src: Source) -> (Option<DeclaredLicense>, Option<String>) {
    match v {
        None | Some(Value::Null) => (None, None),
        Some(Value::String(s)) if s.trim().is_empty() => (None, None),
        Some(Value::String(s)) => (Some(declared_license(s, src, None)), None),
        Some(Value::Array(items)) => {
            let mut raws = Vec::new();
            let mut problem = None;
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) if !s.trim().is_empty() => raws.push(s.trim()),
                    Value::String(_) => {}
                    other => {
                        problem = Some(format!(
                            "`license[{i}]` is {}, expected a string",
                            kind_of(other)
                        ))
                    }
                }
            }
            (license_choice(&raws, src), problem)
        }
        Some(other) => (
            None,
            Some(format!(
                "`license` is {}, expected a string or an array",
                kind_of(other)
            )),
        ),
    }
}

/// Several licenses of a `license` array: a choice between them (`OR`), as Composer documents.
fn license_choice(raws: &[&str], src: Source) -> Option<DeclaredLicense> {
    crate::util::declared_license_choice(raws, src, |n| {
        format!("`license` array of {n} entries read as a choice (`OR`), as Composer documents")
    })
}

/// One package entry of a `composer.lock` or `installed.json`.
struct Entry<'a> {
    name: String,
    version: Option<String>,
    obj: &'a Map<String, Value>,
    line: Option<u32>,
    /// Byte offset of the entry's `"name"` value, when found.
    at: Option<usize>,
    /// Line of the entry's `"license"` key, when found.
    license_line: Option<u32>,
}

/// Reads the package entries of an array, finding each entry's line by its `"name"` in order.
/// Entries without a string `name` become problems.
fn entries<'a>(
    file: &ManifestFile<'_>,
    text: &str,
    list: &'a [Value],
    what: &str,
    from: &mut usize,
    problems: &mut Vec<Problem>,
) -> Vec<Entry<'a>> {
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let Value::Object(obj) = v else {
            problems.push(Problem::new(
                ProblemCode::ManifestValue,
                file.path,
                format!(
                    "`{what}[{i}]` is {}, expected an object; skipped",
                    kind_of(v)
                ),
            ));
            continue;
        };
        let Some(name) = obj
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            problems.push(Problem::new(
                ProblemCode::ManifestValue,
                file.path,
                format!("`{what}[{i}]` has no `name`; skipped"),
            ));
            continue;
        };
        let found = key_value_offset(text, "name", name, *from);
        if let Some(at) = found {
            *from = at;
        }
        let line = found.map(|at| index.line(at));
        let version = match obj.get("version") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => {
                let p = Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("`{name}` has no `version`"),
                );
                problems.push(match line {
                    Some(l) => p.at_line(l),
                    None => p,
                });
                None
            }
        };
        out.push(Entry {
            name: name.to_ascii_lowercase(),
            version,
            obj,
            line,
            at: found,
            license_line: None,
        });
    }
    // The `"license"` key of each entry lies between its name and the next entry's name.
    let ends: Vec<Option<usize>> = out
        .iter()
        .skip(1)
        .map(|e| e.at)
        .chain([Some(text.len())])
        .collect();
    for (e, end) in out.iter_mut().zip(ends) {
        if e.obj.contains_key("license")
            && let (Some(start), Some(end)) = (e.at, end)
            && let Some(found) = text.get(start..end).and_then(|t| t.find("\"license\""))
        {
            e.license_line = Some(index.line(start + found));
        }
    }
    out
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::source;

    #[test]
    fn purls() {
        assert_eq!(
            composer_purl("symfony/console", Some("v6.4.1")),
            "pkg:composer/symfony/console@v6.4.1"
        );
        assert_eq!(
            composer_purl("Monolog/Monolog", Some("3.5.0")),
            "pkg:composer/monolog/monolog@3.5.0"
        );
        assert_eq!(composer_purl("acme/app", None), "pkg:composer/acme/app");
        assert!(is_platform("php") && is_platform("ext-mbstring") && !is_platform("psr/log"));
    }

    #[test]
    fn key_value_lines() {
        let text = "{\n  \"require\": {\"psr/log\": \"^3\"},\n  \"name\" :  \"psr/log\"\n}";
        let index = LineIndex::new(text);
        let at = key_value_offset(text, "name", "psr/log", 0).expect("found");
        assert_eq!(index.line(at), 3);
        assert_eq!(key_value_offset(text, "name", "x/y", 0), None);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(text.len()), 4);
    }

    #[test]
    fn licenses() {
        let src = source("composer-lock", "composer.lock", Some(1));
        let arr: Value = serde_json::json!(["BSD-3-Clause", "GPL-2.0-only", "GPL-3.0-only"]);
        let (d, p) = read_license(Some(&arr), src.clone());
        let d = d.expect("declared");
        assert!(p.is_none());
        assert_eq!(
            d.expression.map(|e| e.to_string()).as_deref(),
            Some("BSD-3-Clause OR GPL-2.0-only OR GPL-3.0-only")
        );
        assert_eq!(d.reading, clearance_model::declared::Reading::Spdx);
        let (d, _) = read_license(Some(&serde_json::json!("MIT")), src.clone());
        assert_eq!(d.expect("declared").raw, "MIT");
        let (d, p) = read_license(Some(&serde_json::json!(["MIT", 3])), src.clone());
        assert_eq!(d.expect("declared").raw, "MIT");
        assert_eq!(
            p.as_deref(),
            Some("`license[1]` is a number, expected a string")
        );
        let (d, p) = read_license(Some(&serde_json::json!({"type": "MIT"})), src.clone());
        assert!(d.is_none());
        assert!(p.is_some());
        let (d, p) = read_license(Some(&serde_json::json!([])), src);
        assert!(d.is_none() && p.is_none());
    }
}
