//! The Markdown summary, sized for a pull-request comment.
//!
//! A heading with the gate's result, one line of counts, then the violations that fail or would
//! fail the gate (with a baseline: only the new ones; the known ones follow in a collapsed
//! block), the baseline's violations that are fixed, and collapsed details per verdict. Long
//! lists are cut ("… and N more") so that even a huge tree gives a comment of a few tens of
//! kilobytes; the JSON report has everything. Everything read from the scanned tree is escaped
//! so that it shows as written and cannot add markup, mentions or links.

use std::fmt::Write as _;

use clearance_model::Component;
use clearance_policy::{Evaluation, Verdict};

use crate::gate::Gate;
use crate::violations::{Location, Violation};
use crate::{Assessment, license_label};

/// Rows of the new violations table before "… and N more".
const NEW_ROWS: usize = 50;
/// Rows of every other list before "… and N more".
const ROWS: usize = 25;
/// Characters of a table cell before it is cut with "…".
const CELL: usize = 160;
/// Bytes of the comment after which no row or section is added (a row is at most a few
/// kilobytes, so the comment stays under 60 KB).
const BUDGET: usize = 52_000;

/// `true` when the comment has reached its [`BUDGET`].
fn full(s: &str) -> bool {
    s.len() >= BUDGET
}

/// The Markdown pull-request comment.
///
/// # Example
/// ```
/// use clearance_model::{Inventory, WalkStats};
/// use clearance_policy::{Policy, Verdict};
/// use clearance_report::gate::Gate;
/// use clearance_report::{Assessment, markdown};
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
/// assert!(markdown(&a, &gate).starts_with("## ✅ License check passed"));
/// ```
pub fn markdown(a: &Assessment<'_>, gate: &Gate<'_>) -> String {
    let mut s = String::new();
    let counts = a.counts();
    let ordered = gate.ordered();
    let new: Vec<&Violation<'_>> = ordered.iter().filter(|x| x.1).map(|x| x.0).collect();
    let known: Vec<&Violation<'_>> = ordered.iter().filter(|x| !x.1).map(|x| x.0).collect();
    let failing = gate.failing().count();
    let heading = if gate.fails() {
        format!(
            "❌ License check failed: {failing} {} the gate",
            plural(failing, "violation fails", "violations fail")
        )
    } else if gate.violations.is_empty() {
        "✅ License check passed".to_string()
    } else {
        format!(
            "⚠️ License check passed, with {} to look at",
            plural_n(gate.violations.len(), "violation", "violations")
        )
    };
    let _ = writeln!(s, "## {heading}\n");
    let mut line = vec![
        format!("**{}**", md(&a.inventory.root_name)),
        format!(
            "{}: {} pass, {} review, {} fail",
            plural_n(
                counts.pass + counts.review + counts.fail,
                "third-party component",
                "third-party components"
            ),
            counts.pass,
            counts.review,
            counts.fail
        ),
    ];
    if counts.first_party > 0 {
        line.push(format!("{} first-party (not judged)", counts.first_party));
    }
    if !a.inventory.foreign.is_empty() {
        line.push(plural_n(
            a.inventory.foreign.len(),
            "foreign-license file",
            "foreign-license files",
        ));
    }
    line.push(format!("policy {}", md(&a.policy)));
    line.push(format!("fails on `{}`", gate.fail_on.as_str()));
    if let Some(b) = &gate.baseline {
        line.push(format!(
            "baseline {}: {} new, {} known, {} fixed",
            md(b),
            new.len(),
            known.len(),
            gate.fixed.len()
        ));
    }
    let _ = writeln!(s, "{}\n", line.join(" · "));

    let title = if gate.baseline.is_some() {
        "New violations"
    } else {
        "Violations"
    };
    if !new.is_empty() {
        let _ = writeln!(s, "### {title} ({})\n", new.len());
        violation_table(&mut s, &new, NEW_ROWS);
    } else if gate.baseline.is_some() {
        let _ = writeln!(s, "### {title}\n\nNone.\n");
    }
    if !known.is_empty() {
        let _ = writeln!(
            s,
            "<details><summary>Known violations ({}): in the baseline, they do not fail the gate</summary>\n",
            known.len()
        );
        violation_table(&mut s, &known, ROWS);
        s.push_str("</details>\n\n");
    }
    if !gate.fixed.is_empty() {
        let _ = writeln!(s, "### Fixed ({})\n", gate.fixed.len());
        let mut shown = 0;
        for f in gate.fixed.iter().take(ROWS) {
            if full(&s) {
                break;
            }
            let code = f.key.split('|').next().unwrap_or("");
            let _ = writeln!(s, "- ✔️ `{}` {}", md(code), cell(&f.message));
            shown += 1;
        }
        more(&mut s, gate.fixed.len(), shown, "- ");
        s.push('\n');
    }

    let mut left_out = false;
    for (verdict, icon, title) in [
        (Verdict::Fail, "❌", "Fail"),
        (Verdict::Review, "⚠️", "Review"),
        (Verdict::Pass, "✅", "Pass"),
    ] {
        let list = a.components_with(verdict);
        if list.is_empty() {
            continue;
        }
        if full(&s) {
            left_out = true;
            continue;
        }
        let _ = writeln!(
            s,
            "<details><summary>{icon} {title}: {}</summary>\n",
            plural_n(list.len(), "component", "components")
        );
        s.push_str("| Component | Version | License | Why |\n| --- | --- | --- | --- |\n");
        let mut shown = 0;
        for (c, e) in list.iter().take(ROWS) {
            if full(&s) {
                break;
            }
            component_row(&mut s, c, e);
            shown += 1;
        }
        more(&mut s, list.len(), shown, "| ");
        s.push_str("\n</details>\n\n");
    }
    let foreign: Vec<_> = a
        .inventory
        .foreign
        .iter()
        .zip(&a.foreign)
        .filter(|(_, e)| e.verdict != Verdict::Pass)
        .collect();
    if !foreign.is_empty() && full(&s) {
        left_out = true;
    } else if !foreign.is_empty() {
        let _ = writeln!(
            s,
            "<details><summary>Foreign licenses in the product's own code: {}</summary>\n",
            plural_n(foreign.len(), "file", "files")
        );
        s.push_str("| File | License | Verdict |\n| --- | --- | --- |\n");
        let mut shown = 0;
        for (f, e) in foreign.iter().take(ROWS) {
            if full(&s) {
                break;
            }
            shown += 1;
            let lines = f
                .findings
                .first()
                .map(|x| format!(":{}", x.evidence.lines))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "| {}{lines} | {} | {} {} |",
                cell(&f.path),
                cell(&f.expression.to_string()),
                icon(e.verdict),
                e.verdict.as_str()
            );
        }
        more(&mut s, foreign.len(), shown, "| ");
        s.push_str("\n</details>\n\n");
    }
    if left_out {
        s.push_str("Some details were left out to keep this comment short.\n\n");
    }
    let _ = writeln!(
        s,
        "<sub>clearance {} · the JSON report has every component, its evidence and obligations.</sub>",
        md(&a.tool_version)
    );
    s
}

fn violation_table(s: &mut String, list: &[&Violation<'_>], rows: usize) {
    s.push_str("| | Component | License | Code | Where |\n| --- | --- | --- | --- | --- |\n");
    let mut shown = 0;
    for v in list.iter().take(rows) {
        if full(s) {
            break;
        }
        shown += 1;
        let component = match v.component {
            Some(c) => label(c),
            None => "(own code)".to_string(),
        };
        let _ = writeln!(
            s,
            "| {} {} | {} | {} | `{}` | {} |",
            icon(v.verdict),
            v.verdict.as_str(),
            cell(&component),
            cell(v.license.as_deref().unwrap_or("")),
            v.code.as_str(),
            cell(&at(&v.location))
        );
    }
    more(s, list.len(), shown, "| ");
    s.push('\n');
}

fn component_row(s: &mut String, c: &Component, e: &Evaluation) {
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |",
        cell(&c.name),
        cell(c.version.as_deref().unwrap_or("")),
        cell(&license_label(c)),
        cell(&e.reason)
    );
}

/// "… and N more" when a list was cut (as a table row when `lead` starts one).
fn more(s: &mut String, len: usize, shown: usize, lead: &str) {
    if len > shown {
        if lead.starts_with('|') {
            let _ = writeln!(s, "| … and {} more | | | |", len - shown);
        } else {
            let _ = writeln!(s, "{lead}… and {} more", len - shown);
        }
    }
}

fn icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Fail => "❌",
        Verdict::Review => "⚠️",
        Verdict::Pass => "✅",
    }
}

fn label(c: &Component) -> String {
    match &c.version {
        Some(v) => format!("{} {v}", c.name),
        None => c.name.clone(),
    }
}

fn at(l: &Location) -> String {
    match (l.start_line, l.end_line) {
        (Some(s), Some(e)) if e > s => format!("{}:{s}-{e}", l.path),
        (Some(s), _) => format!("{}:{s}", l.path),
        _ => l.path.clone(),
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

fn plural_n(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A table cell: on one line, cut at [`CELL`] characters, escaped; the `` `quoted` `` parts of
/// a message shown as code.
fn cell(s: &str) -> String {
    let cut: String = if s.chars().count() > CELL {
        let mut t: String = s.chars().take(CELL - 1).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    };
    rich(&cut)
}

/// A message with `` `quoted` `` parts (licenses, paths) for a table cell: the quoted parts as
/// code spans (where nothing is markup; only `|` must be escaped in a table), the rest escaped
/// with [`md`]. A message with an odd number of backticks is escaped whole.
fn rich(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return md(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, p) in parts.iter().enumerate() {
        if i.is_multiple_of(2) {
            out.push_str(&md(p));
        } else {
            let code: String = p
                .chars()
                .filter(|c| !c.is_control() || *c == '\n')
                .map(|c| if c == '\n' { ' ' } else { c })
                .collect();
            let code = code.trim();
            if code.is_empty() {
                continue;
            }
            out.push('`');
            out.push_str(&code.replace('|', "\\|"));
            out.push('`');
        }
    }
    out
}

/// Text from the scanned tree escaped for GitHub-flavoured Markdown, inline and in table cells:
/// HTML-significant characters and those that would make a mention (`@`), an issue link (`#`) or
/// a code span (`` ` ``) as character references, other Markdown punctuation behind a backslash,
/// line breaks as spaces and other control characters dropped.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '@' => out.push_str("&#64;"),
            '#' => out.push_str("&#35;"),
            '`' => out.push_str("&#96;"),
            '|' => out.push_str("\\|"),
            '\\' | '*' | '_' | '[' | ']' | '(' | ')' | '~' | '!' | '^' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_text_cannot_add_markup() {
        assert_eq!(
            md("@types/node|<script>`x` *y* [l](u) #12\nz\u{1b}"),
            "&#64;types/node\\|&lt;script&gt;&#96;x&#96; \\*y\\* \\[l\\]\\(u\\) &#35;12 z"
        );
        assert_eq!(md("a\\|b"), "a\\\\\\|b");
    }

    #[test]
    fn quoted_parts_are_code() {
        assert_eq!(
            rich("a_b: `<x|y>` is `@denied`"),
            "a\\_b: `<x\\|y>` is `@denied`"
        );
        // Unbalanced: everything escaped.
        assert_eq!(rich("a `b"), "a &#96;b");
        assert_eq!(rich("``"), "");
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "x".repeat(500);
        let c = cell(&long);
        assert_eq!(c.chars().count(), CELL);
        assert!(c.ends_with('…'));
    }
}
