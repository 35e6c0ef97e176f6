//! The JUnit XML report, which any CI shows natively.
//!
//! One `<testsuite>` for the product. One `<testcase>` per third-party component (class name its
//! ecosystem, name `name@version`) and per file of the product's own code under a foreign
//! license (class name `foreign-license`, name its path). First-party components are left out:
//! they are the product itself, not judged by the policy.
//!
//! A test case fails (`<failure>`, `type` the code of its first violation, the text every
//! violation with where it was caused) when one of its violations fails the gate: it is new
//! (always, without a baseline) and at or above the failing verdict. A test case whose
//! violations do not fail the gate (`review` under `--fail-on fail`, or known from the baseline)
//! is `<skipped>`, with the violations as the message, so it shows as flagged. Every other test
//! case passes.

use std::fmt::Write as _;

use clearance_model::Component;
use clearance_policy::Verdict;

use crate::Assessment;
use crate::gate::Gate;
use crate::violations::Violation;

/// What one test case shows.
enum Outcome {
    Pass,
    Skipped(String),
    Failure { kind: String, message: String },
}

struct Case {
    classname: String,
    name: String,
    outcome: Outcome,
    text: String,
}

/// The JUnit XML report: one test case per third-party component and foreign-license file.
///
/// # Example
/// ```
/// use clearance_model::{Inventory, WalkStats};
/// use clearance_policy::{Policy, Verdict};
/// use clearance_report::gate::Gate;
/// use clearance_report::{Assessment, junit};
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
/// let xml = String::from_utf8(junit(&a, &gate)).unwrap();
/// assert!(xml.contains("<testsuite name=\"clearance: demo\" tests=\"0\""));
/// ```
pub fn junit(a: &Assessment<'_>, gate: &Gate<'_>) -> Vec<u8> {
    let mut cases = Vec::new();
    for (c, e) in a.inventory.components.iter().zip(&a.evaluations) {
        if e.is_none() {
            continue;
        }
        let of: Vec<(&Violation<'_>, bool)> = gate
            .violations
            .iter()
            .zip(&gate.new)
            .filter(|(v, _)| v.component.is_some_and(|x| std::ptr::eq(x, c)))
            .map(|(v, n)| (v, *n))
            .collect();
        cases.push(case(
            c.ecosystem.as_str().to_string(),
            test_name(c),
            &of,
            gate,
        ));
    }
    for f in &a.inventory.foreign {
        let of: Vec<(&Violation<'_>, bool)> = gate
            .violations
            .iter()
            .zip(&gate.new)
            .filter(|(v, _)| v.component.is_none() && v.location.path == f.path)
            .map(|(v, n)| (v, *n))
            .collect();
        cases.push(case(
            "foreign-license".to_string(),
            f.path.clone(),
            &of,
            gate,
        ));
    }
    let failures = cases
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Failure { .. }))
        .count();
    let skipped = cases
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Skipped(_)))
        .count();
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"clearance\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
        cases.len()
    );
    let _ = writeln!(
        s,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
        xml(&format!("clearance: {}", a.inventory.root_name)),
        cases.len()
    );
    s.push_str("    <properties>\n");
    let mut props = vec![
        ("policy", a.policy.clone()),
        ("fail-on", gate.fail_on.as_str().to_string()),
        ("verdict", a.overall().as_str().to_string()),
        (
            "gate",
            if gate.fails() { "fail" } else { "pass" }.to_string(),
        ),
        ("clearance-version", a.tool_version.clone()),
    ];
    if let Some(b) = &gate.baseline {
        props.push(("baseline", b.clone()));
        props.push(("fixed", gate.fixed.len().to_string()));
    }
    for (k, v) in props {
        let _ = writeln!(s, "      <property name=\"{k}\" value=\"{}\"/>", xml(&v));
    }
    s.push_str("    </properties>\n");
    for c in &cases {
        let open = format!(
            "    <testcase classname=\"{}\" name=\"{}\"",
            xml(&c.classname),
            xml(&c.name)
        );
        match &c.outcome {
            Outcome::Pass => {
                let _ = writeln!(s, "{open}/>");
            }
            Outcome::Skipped(message) => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(s, "      <skipped message=\"{}\"/>", xml(message));
                let _ = writeln!(s, "      <system-out>{}</system-out>", xml_text(&c.text));
                s.push_str("    </testcase>\n");
            }
            Outcome::Failure { kind, message } => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(
                    s,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    xml(message),
                    xml(kind),
                    xml_text(&c.text)
                );
                s.push_str("    </testcase>\n");
            }
        }
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s.into_bytes()
}

/// `name@version`, or the name.
fn test_name(c: &Component) -> String {
    match &c.version {
        Some(v) => format!("{}@{v}", c.name),
        None => c.name.clone(),
    }
}

fn case(classname: String, name: String, of: &[(&Violation<'_>, bool)], gate: &Gate<'_>) -> Case {
    let failing = |(v, new): &(&Violation<'_>, bool)| *new && v.verdict >= gate.fail_on;
    let text: String = of
        .iter()
        .map(|(v, new)| {
            let at = match (v.location.start_line, v.location.end_line) {
                (Some(s), Some(e)) if e > s => format!("{}:{s}-{e}", v.location.path),
                (Some(s), _) => format!("{}:{s}", v.location.path),
                _ => v.location.path.clone(),
            };
            let known = if gate.baseline.is_some() && !new {
                " (known: in the baseline)"
            } else {
                ""
            };
            format!(
                "{} [{}] {}{known}\n  at {at}\n",
                v.code,
                v.verdict.as_str(),
                v.message
            )
        })
        .collect();
    let outcome = if let Some((first, _)) = of.iter().find(|x| failing(x)) {
        let n = of.iter().filter(|x| failing(x)).count();
        Outcome::Failure {
            kind: first.code.as_str().to_string(),
            message: if n > 1 {
                format!("{} (and {} more)", first.message, n - 1)
            } else {
                first.message.clone()
            },
        }
    } else if let Some((first, new)) = of.first() {
        let why = if !new && gate.baseline.is_some() {
            "known violation (in the baseline)"
        } else if first.verdict == Verdict::Review {
            "needs review"
        } else {
            "does not fail the gate"
        };
        Outcome::Skipped(format!("{why}: {}", first.message))
    } else {
        Outcome::Pass
    };
    Case {
        classname,
        name,
        outcome,
        text,
    }
}

/// Text escaped for an XML 1.0 attribute value: markup characters as entities, line breaks
/// and tabs as character references (so they are kept), and characters XML cannot hold (other
/// control characters, U+FFFE, U+FFFF) as U+FFFD.
fn xml(s: &str) -> String {
    escape(s, true)
}

/// Text escaped for XML 1.0 element content: as [`xml`], with line feeds and tabs as they are.
fn xml_text(s: &str) -> String {
    escape(s, false)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\n' | '\t' if !attribute => out.push(ch),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(
            xml("a<b>&\"c\" 'd'\n\u{1b}[31m\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;&#10;\u{FFFD}[31m\u{FFFD}"
        );
        assert_eq!(xml_text("a\n\tb\r"), "a\n\tb&#13;");
        let doc = format!(
            "<x a=\"{}\">{}</x>",
            xml("\"<&\u{0}\n"),
            xml_text("]]><!--\n")
        );
        let parsed = roxmltree::Document::parse(&doc).unwrap();
        assert_eq!(parsed.root_element().attribute("a"), Some("\"<&\u{FFFD}\n"));
        assert_eq!(parsed.root_element().text(), Some("]]><!--\n"));
    }
}
