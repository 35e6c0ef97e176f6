//! The SARIF 2.1.0 report, for code-scanning UIs.
//!
//! One run of the tool `clearance`. Its rules are the diagnostic codes the violations use, each
//! with the explanation of `docs/diagnostics.md`; its results are the gate's violations, each
//! located at the manifest or license file (and lines) that caused it, relative to the scanned
//! root (`uriBaseId` `%SRCROOT%`).
//!
//! Levels: a violation whose verdict is `fail` is an `error`. One whose verdict is `review` is a
//! `warning` when it is at or above the failing verdict (`--fail-on review`), and a `note`
//! otherwise: it does not fail the gate, so a code-scanning UI should not show it as one that
//! does. Each result carries the violation's key as its partial fingerprint (`clearance/v1`),
//! stable across scans and versions of a package, so a UI tracks it from run to run. With a
//! baseline, each result has a `baselineState` (`new` or `unchanged`), and the baseline's
//! violations that are gone are listed in the run's `properties.fixed` (not as results: a UI
//! would show them as alerts).

use std::collections::BTreeMap;

use clearance_policy::Verdict;
use clearance_policy::diagnostics::{Code, Severity};
use serde_json::{Value, json};

use crate::Assessment;
use crate::gate::Gate;
use crate::violations::Violation;

/// The `$schema` of the report.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The explanation of each diagnostic code, as `docs/diagnostics.md` has it.
const DIAGNOSTICS_DOC: &str = include_str!("../../../docs/diagnostics.md");

/// The SARIF 2.1.0 report of the gate's violations: pretty-printed JSON, deterministic.
///
/// # Example
/// ```
/// use clearance_model::{Inventory, WalkStats};
/// use clearance_policy::{Policy, Verdict};
/// use clearance_report::gate::Gate;
/// use clearance_report::{Assessment, sarif};
/// let inv = Inventory {
///     root_name: "demo".into(),
///     components: vec![],
///     files: vec![],
///     foreign: vec![],
///     problems: vec![],
///     stats: WalkStats::default(),
/// };
/// let a = Assessment::new(&inv, &Policy::default_policy(), "1.0.0");
/// let gate = Gate::new(&a, None, Verdict::Fail);
/// let report: serde_json::Value = serde_json::from_slice(&sarif(&a, &gate)).unwrap();
/// assert_eq!(report["version"], "2.1.0");
/// assert_eq!(report["runs"][0]["tool"]["driver"]["name"], "clearance");
/// ```
pub fn sarif(a: &Assessment<'_>, gate: &Gate<'_>) -> Vec<u8> {
    // The rules: the codes used, in the order of the documentation.
    let codes: Vec<Code> = {
        let mut c: Vec<Code> = gate.violations.iter().map(|v| v.code).collect();
        c.sort();
        c.dedup();
        c
    };
    let index: BTreeMap<Code, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let rules: Vec<Value> = codes.iter().map(|c| rule(*c)).collect();
    let results: Vec<Value> = gate
        .violations
        .iter()
        .zip(&gate.new)
        .map(|(v, new)| result(v, index[&v.code], *new, gate))
        .collect();
    let mut properties = serde_json::Map::new();
    properties.insert("root".into(), json!(a.inventory.root_name));
    properties.insert("policy".into(), json!(a.policy));
    properties.insert("verdict".into(), json!(a.overall().as_str()));
    properties.insert("failOn".into(), json!(gate.fail_on.as_str()));
    properties.insert(
        "gate".into(),
        json!(if gate.fails() { "fail" } else { "pass" }),
    );
    if let Some(b) = &gate.baseline {
        properties.insert("baseline".into(), json!(b));
        let fixed: Vec<Value> = gate
            .fixed
            .iter()
            .map(|f| {
                json!({
                    "ruleId": f.key.split('|').next().unwrap_or(""),
                    "fingerprint": f.key,
                    "message": f.message,
                })
            })
            .collect();
        properties.insert("fixed".into(), Value::Array(fixed));
    }
    let report = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "clearance",
                    "version": a.tool_version,
                    "rules": rules,
                }
            },
            "originalUriBaseIds": {
                "%SRCROOT%": {
                    "description": { "text": "The root of the scanned product." }
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": properties,
        }]
    });
    let mut out = serde_json::to_vec_pretty(&report).unwrap_or_default();
    out.push(b'\n');
    out
}

/// The rule of a diagnostic code.
fn rule(code: Code) -> Value {
    let full = doc_section(code).unwrap_or_default();
    let short = first_sentence(&full);
    json!({
        "id": code.as_str(),
        "name": code.as_str(),
        "shortDescription": { "text": if short.is_empty() { code.as_str().to_string() } else { short } },
        "fullDescription": { "text": if full.is_empty() { code.as_str().to_string() } else { full.clone() } },
        "help": { "text": full.clone(), "markdown": full },
        "defaultConfiguration": { "level": severity_level(code.severity()) },
        "properties": { "tags": ["license-compliance"] },
    })
}

fn severity_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The level of a violation: see the module documentation.
fn level(v: &Violation<'_>, fail_on: Verdict) -> &'static str {
    match v.verdict {
        Verdict::Fail => "error",
        _ if v.verdict >= fail_on => "warning",
        _ => "note",
    }
}

fn result(v: &Violation<'_>, rule_index: usize, new: bool, gate: &Gate<'_>) -> Value {
    let mut region = serde_json::Map::new();
    if let Some(s) = v.location.start_line.filter(|l| *l > 0) {
        region.insert("startLine".into(), json!(s));
        if let Some(e) = v.location.end_line.filter(|e| *e >= s) {
            region.insert("endLine".into(), json!(e));
        }
    }
    let mut physical = serde_json::Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({ "uri": uri(&v.location.path), "uriBaseId": "%SRCROOT%" }),
    );
    if !region.is_empty() {
        physical.insert("region".into(), Value::Object(region));
    }
    let mut properties = serde_json::Map::new();
    if let Some(c) = v.component {
        properties.insert("purl".into(), json!(c.purl));
    }
    if let Some(l) = &v.license {
        properties.insert("license".into(), json!(l));
    }
    properties.insert("verdict".into(), json!(v.verdict.as_str()));
    let mut r = serde_json::Map::new();
    r.insert("ruleId".into(), json!(v.code.as_str()));
    r.insert("ruleIndex".into(), json!(rule_index));
    r.insert("level".into(), json!(level(v, gate.fail_on)));
    r.insert("message".into(), json!({ "text": v.message }));
    r.insert(
        "locations".into(),
        json!([{ "physicalLocation": Value::Object(physical) }]),
    );
    r.insert(
        "partialFingerprints".into(),
        json!({ "clearance/v1": v.key() }),
    );
    if gate.baseline.is_some() {
        r.insert(
            "baselineState".into(),
            json!(if new { "new" } else { "unchanged" }),
        );
    }
    r.insert("properties".into(), Value::Object(properties));
    Value::Object(r)
}

/// A path relative to the scanned root as a relative URI reference: every byte but the
/// unreserved characters and `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                s.push(b as char);
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    if s.is_empty() { ".".to_string() } else { s }
}

/// The text of the section of `docs/diagnostics.md` headed ``### `code` (severity)``, its lines
/// joined.
fn doc_section(code: Code) -> Option<String> {
    let heading = format!("### `{}`", code.as_str());
    let mut lines = DIAGNOSTICS_DOC.lines();
    lines.find(|l| {
        l.strip_prefix(&heading)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })?;
    let text: Vec<&str> = lines
        .take_while(|l| !l.starts_with('#'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Some(text.join(" "))
}

/// The first sentence of a text: up to the first `. ` (or the whole text).
fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_documentation() {
        for code in Code::ALL {
            let text = doc_section(*code).unwrap_or_default();
            assert!(text.len() > 20, "{code}: {text:?}");
            assert!(!text.contains('#'), "{code}: {text:?}");
        }
        assert_eq!(
            first_sentence(&doc_section(Code::LicenseReview).unwrap()),
            "The license is on the `review` list: someone must look at how the component is used."
        );
        // `license-unknown` is not taken for the start of `license-unlisted`.
        assert!(
            doc_section(Code::LicenseUnknown)
                .unwrap()
                .starts_with("No license could be concluded")
        );
    }

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(
            uri("node_modules/a/package.json"),
            "node_modules/a/package.json"
        );
        assert_eq!(uri("src/my file#1.c"), "src/my%20file%231.c");
        assert_eq!(uri("c:/x"), "c%3A/x");
        assert_eq!(uri("é"), "%C3%A9");
        assert_eq!(uri(""), ".");
    }
}
