//! JavaScript (npm): `package.json` manifests and the lockfiles of npm (`package-lock.json` /
//! `npm-shrinkwrap.json`), Yarn (`yarn.lock`) and pnpm (`pnpm-lock.yaml`).
//!
//! - [`NpmPackageJson`] reads one `package.json`: the product or a workspace member when it lies
//!   outside `node_modules`, an installed third-party package when it is
//!   `…/node_modules/<name>/package.json` or `…/node_modules/@scope/<name>/package.json`. Any
//!   other `package.json` under `node_modules` (a `{"type": "module"}` marker in `lib/`, a test
//!   fixture) is not a package and yields nothing.
//! - [`NpmPackageLock`] reads the resolved tree of a lockfile (versions 1, 2 and 3), with each
//!   package's scope, its declared license when npm recorded one, and the dependency graph
//!   resolved the way Node resolves `require()`.
//! - [`NpmYarnLock`] reads `yarn.lock` of Yarn 1 and of Yarn 2+ (Berry), and [`NpmPnpmLock`]
//!   reads `pnpm-lock.yaml` (versions 5.x, 6.x and 9.0): the resolved packages and graph, the
//!   workspaces as first-party, direct dependencies and scopes. Neither format records licenses.
//!
//! The first two read the license forms npm has accepted over the years: an SPDX expression, the
//! deprecated `{"type": …, "url": …}` object, the deprecated `licenses` array (several entries
//! are read as a choice, `OR`), `SEE LICENSE IN <file>` and `UNLICENSED` (proprietary).

mod keylines;
mod lockgraph;
mod package_json;
mod package_lock;
mod pnpm_lock;
mod yarn_lock;

use clearance_model::{DeclaredLicense, Ecosystem, Problem, ProblemCode, Source, declared, purl};
use serde_json::{Map, Value};

use crate::ManifestFile;
use crate::util::{self, declared_license, declared_license_file};

pub use package_json::NpmPackageJson;
pub use package_lock::NpmPackageLock;
pub use pnpm_lock::NpmPnpmLock;
pub use yarn_lock::NpmYarnLock;

/// The package URL of an npm package; a scoped name (`@babel/core`) puts its scope in the purl's
/// namespace (`pkg:npm/%40babel/core@7.24.0`).
fn npm_purl(name: &str, version: Option<&str>) -> String {
    match name.strip_prefix('@').and_then(|rest| rest.split_once('/')) {
        Some((scope, base)) if !scope.is_empty() && !base.is_empty() => {
            purl(Ecosystem::Npm, Some(&format!("@{scope}")), base, version)
        }
        _ => purl(Ecosystem::Npm, None, name, version),
    }
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

/// Parses a JSON manifest into its top-level object; a parse error or a top-level value that is
/// not an object becomes a problem with its line.
fn parse_object<'a>(file: &ManifestFile<'a>) -> Result<(&'a str, Map<String, Value>), Problem> {
    let text = file.text()?;
    // npm tolerates a byte-order mark; serde_json does not. Stripping it keeps line numbers.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => Ok((text, map)),
        Ok(other) => Err(Problem::new(
            ProblemCode::ManifestValue,
            file.path,
            format!(
                "the top-level value is {}, expected an object",
                kind_of(&other)
            ),
        )
        .at_line(1)),
        Err(e) => Err(util::json_problem(file.path, &e)),
    }
}

/// What the license fields of a manifest or lockfile entry declare.
#[derive(Debug, Default)]
struct Licenses {
    /// Declarations read (at most one from `license`/`licenses`).
    declared: Vec<DeclaredLicense>,
    /// `(field, message)` for values of the wrong type.
    problems: Vec<(&'static str, String)>,
}

/// Where `SEE LICENSE IN <file>` paths are relative to.
#[derive(Clone, Copy)]
enum PackageDir<'a> {
    /// The package's directory, relative to the scanned root.
    Known(&'a str),
    /// The package's directory is outside the scanned tree.
    Unknown,
}

/// Reads the `license` field and, when it says nothing usable, the deprecated `licenses` field.
///
/// `source_for(field)` gives the source to record on a declaration read from `field`.
fn read_licenses(
    obj: &Map<String, Value>,
    dir: PackageDir<'_>,
    source_for: &dyn Fn(&str) -> Source,
) -> Licenses {
    let mut out = Licenses::default();
    if let Some(v) = obj.get("license") {
        read_license_value("license", v, dir, source_for("license"), &mut out);
    }
    if out.declared.is_empty()
        && let Some(v) = obj.get("licenses")
    {
        read_license_value("licenses", v, dir, source_for("licenses"), &mut out);
    }
    out
}

/// One `license` or `licenses` value, in any of the forms npm has accepted.
fn read_license_value(
    field: &'static str,
    v: &Value,
    dir: PackageDir<'_>,
    src: Source,
    out: &mut Licenses,
) {
    match v {
        Value::String(s) => out.declared.extend(license_string(s, dir, src)),
        Value::Object(o) => match o.get("type") {
            Some(Value::String(t)) => {
                out.declared
                    .extend(license_string(t, dir, src).map(|mut d| {
                        d.notes
                            .push(format!("deprecated `{field}` object read by its `type`"));
                        d
                    }))
            }
            Some(other) => out.problems.push((
                field,
                format!("`{field}.type` is {}, expected a string", kind_of(other)),
            )),
            None => out
                .problems
                .push((field, format!("`{field}` is an object without a `type`"))),
        },
        Value::Array(items) => {
            let mut raws = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => raws.push(s.as_str()),
                    Value::Object(o) => match o.get("type") {
                        Some(Value::String(t)) => raws.push(t.as_str()),
                        Some(other) => out.problems.push((
                            field,
                            format!(
                                "`{field}[{i}].type` is {}, expected a string",
                                kind_of(other)
                            ),
                        )),
                        None => out.problems.push((
                            field,
                            format!("`{field}[{i}]` is an object without a `type`"),
                        )),
                    },
                    other => out.problems.push((
                        field,
                        format!(
                            "`{field}[{i}]` is {}, expected a string or an object",
                            kind_of(other)
                        ),
                    )),
                }
            }
            out.declared.extend(license_list(field, &raws, dir, src));
        }
        other => out.problems.push((
            field,
            format!("`{field}` is {}, expected a string", kind_of(other)),
        )),
    }
}

/// The file named by `SEE LICENSE IN <file>` (also the British `LICENCE`), when `raw` says so.
fn see_license_in(raw: &str) -> Option<&str> {
    let t = raw.trim();
    let head = t.get(..15)?;
    if !head.eq_ignore_ascii_case("see license in ")
        && !head.eq_ignore_ascii_case("see licence in ")
    {
        return None;
    }
    let file = t
        .get(15..)?
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '`')
        .trim();
    (!file.is_empty()).then_some(file)
}

/// One license string: a file pointer or an expression to normalise. Blank strings declare
/// nothing.
fn license_string(raw: &str, dir: PackageDir<'_>, src: Source) -> Option<DeclaredLicense> {
    if raw.trim().is_empty() {
        return None;
    }
    if let Some(file) = see_license_in(raw)
        && let PackageDir::Known(dir) = dir
        && let Some(path) = util::join(dir, file)
    {
        return Some(declared_license_file(raw, src, path));
    }
    // A file outside the tree (or a package dir that is) cannot be read: keep the raw string,
    // which normalises to a `LicenseRef` that needs review.
    Some(declared_license(raw, src, None))
}

/// The deprecated list form: one entry is read as that entry, several as a choice between them
/// (`OR`), as npm documented it.
fn license_list(
    field: &str,
    raws: &[&str],
    dir: PackageDir<'_>,
    src: Source,
) -> Option<DeclaredLicense> {
    let raws: Vec<&str> = raws
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    match raws.as_slice() {
        [] => None,
        [one] => license_string(one, dir, src),
        many => {
            let parts: Vec<DeclaredLicense> = many
                .iter()
                .map(|r| declared_license(r, src.clone(), None))
                .collect();
            let expressions: Vec<_> = parts.iter().filter_map(|p| p.expression.clone()).collect();
            let reading = if parts
                .iter()
                .any(|p| p.reading == declared::Reading::Unrecognised)
            {
                declared::Reading::Unrecognised
            } else if expressions.is_empty() {
                declared::Reading::Absent
            } else {
                declared::Reading::Mapped
            };
            let mut notes: Vec<String> =
                parts.iter().flat_map(|p| p.notes.iter().cloned()).collect();
            notes.push(format!(
                "deprecated `{field}` list of {} entries read as a choice (`OR`)",
                many.len()
            ));
            Some(DeclaredLicense {
                raw: many.join(" OR "),
                expression: (!expressions.is_empty())
                    .then(|| clearance_model::LicenseExpr::or(expressions)),
                reading,
                license_file: None,
                notes,
                source: src,
            })
        }
    }
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::declared::{PROPRIETARY, Reading};

    fn src() -> Source {
        util::source("npm-package-json", "package.json", Some(3))
    }

    fn read(json: &str) -> Licenses {
        let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(json) else {
            panic!("test JSON")
        };
        read_licenses(&obj, PackageDir::Known("node_modules/x"), &|_| src())
    }

    fn expr(l: &Licenses) -> String {
        l.declared[0]
            .expression
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    #[test]
    fn scoped_purls_use_the_spec_form() {
        assert_eq!(
            npm_purl("@babel/core", Some("7.24.0")),
            "pkg:npm/%40babel/core@7.24.0"
        );
        assert_eq!(
            npm_purl("lodash", Some("4.17.21")),
            "pkg:npm/lodash@4.17.21"
        );
        assert_eq!(npm_purl("left-pad", None), "pkg:npm/left-pad");
        // Build metadata and odd names stay readable and unique.
        assert_eq!(
            npm_purl("x", Some("1.0.0+build.1")),
            "pkg:npm/x@1.0.0%2Bbuild.1"
        );
        assert_eq!(npm_purl("@/x", Some("1")), "pkg:npm/%40%2Fx@1");
    }

    #[test]
    fn unlicensed_is_proprietary_in_every_spelling() {
        for json in [
            r#"{"license": "UNLICENSED"}"#,
            r#"{"license": "unlicensed"}"#,
            r#"{"license": {"type": "UNLICENSED"}}"#,
        ] {
            assert_eq!(expr(&read(json)), PROPRIETARY, "{json}");
        }
        assert_eq!(expr(&read(r#"{"license": "Unlicense"}"#)), "Unlicense");
    }

    #[test]
    fn see_license_in_forms() {
        assert_eq!(
            see_license_in("SEE LICENSE IN LICENSE.md"),
            Some("LICENSE.md")
        );
        assert_eq!(
            see_license_in("  see license in  'EULA.txt' "),
            Some("EULA.txt")
        );
        assert_eq!(see_license_in("SEE LICENCE IN LICENCE"), Some("LICENCE"));
        assert_eq!(see_license_in("SEE LICENSE IN "), None);
        assert_eq!(see_license_in("MIT"), None);
        assert_eq!(see_license_in("SEE LICENSE \u{e9}N x"), None);
        let l = read(r#"{"license": "SEE LICENSE IN ./docs/../LICENSE"}"#);
        assert_eq!(
            l.declared[0].license_file.as_deref(),
            Some("node_modules/x/LICENSE")
        );
        assert_eq!(l.declared[0].reading, Reading::Absent);
    }

    #[test]
    fn license_lists() {
        let l = read(r#"{"licenses": [{"type": "MIT"}, {"type": "Apache 2.0"}, {"type": "MIT"}]}"#);
        assert_eq!(expr(&l), "MIT OR Apache-2.0");
        assert_eq!(l.declared[0].raw, "MIT OR Apache 2.0 OR MIT");
        assert_eq!(l.declared[0].reading, Reading::Mapped);
        let l = read(r#"{"licenses": [{"type": "MIT"}, {"type": "ACME EULA"}]}"#);
        assert_eq!(l.declared[0].reading, Reading::Unrecognised);
        assert_eq!(expr(&l), "MIT OR LicenseRef-clearance-acme-eula");
        let l = read(r#"{"licenses": []}"#);
        assert!(l.declared.is_empty() && l.problems.is_empty());
        let l = read(r#"{"licenses": ["", "  "]}"#);
        assert!(l.declared.is_empty());
        // A single object in `licenses` is tolerated.
        assert_eq!(expr(&read(r#"{"licenses": {"type": "ISC"}}"#)), "ISC");
        let l = read(r#"{"licenses": null}"#);
        assert_eq!(
            l.problems,
            [(
                "licenses",
                "`licenses` is null, expected a string".to_string()
            )]
        );
    }

    #[test]
    fn parse_errors_carry_the_line() {
        let tree = MemoryTree::default();
        let file = ManifestFile::new("a/package.json", b"{\n\"a\": 1,\n}", &tree);
        let Err(p) = parse_object(&file) else {
            panic!("trailing comma accepted")
        };
        assert_eq!(p.code, ProblemCode::ManifestParse);
        assert_eq!(p.line, Some(3));
        assert_eq!(p.message, "invalid JSON: trailing comma");
    }
}
