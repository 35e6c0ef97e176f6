//! The terminal table: the judged components grouped by verdict (fail, then review, then the
//! number that pass), in aligned columns, with ANSI colour when asked for (the CLI asks when
//! standard output is a terminal and `NO_COLOR` is not set).
//!
//! Files of the product's own code under a foreign license are rows of their group too (their
//! path as the component). Each row's location is where its first violation was caused. With a
//! baseline, a row whose violations are all in it is marked `(known)`, and the fixed ones are
//! listed after the table. Control characters from the scanned tree are shown escaped, so a
//! file name cannot move the cursor or change colours.

use std::fmt::Write as _;

use clearance_policy::Verdict;

use crate::gate::Gate;
use crate::violations::{Location, Violation};
use crate::{Assessment, license_label, where_of};

const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

struct Row {
    verdict: Verdict,
    cells: [String; 5],
}

/// The terminal table of the assessment and its gate; `colour` adds ANSI colours.
///
/// # Example
/// ```
/// use clearance_model::{Inventory, WalkStats};
/// use clearance_policy::{Policy, Verdict};
/// use clearance_report::gate::Gate;
/// use clearance_report::{Assessment, table};
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
/// assert!(table(&a, &gate, false).ends_with("Gate: PASS (fails on `fail`)\n"));
/// ```
pub fn table(a: &Assessment<'_>, gate: &Gate<'_>, colour: bool) -> String {
    let mut rows: Vec<Row> = Vec::new();
    let mut passing = 0usize;
    for (c, e) in a.inventory.components.iter().zip(&a.evaluations) {
        let Some(e) = e else { continue };
        if e.verdict == Verdict::Pass {
            passing += 1;
            continue;
        }
        let of: Vec<(&Violation<'_>, bool)> =
            of(gate, |v| v.component.is_some_and(|x| std::ptr::eq(x, c)));
        rows.push(Row {
            verdict: e.verdict,
            cells: [
                clean(&c.name),
                clean(c.version.as_deref().unwrap_or("-")),
                clean(&license_label(c)),
                verdict_cell(e.verdict, &of, gate),
                clean(&location(&of).unwrap_or_else(|| where_of(c))),
            ],
        });
    }
    let mut foreign_passing = 0usize;
    for (f, e) in a.inventory.foreign.iter().zip(&a.foreign) {
        if e.verdict == Verdict::Pass {
            foreign_passing += 1;
            continue;
        }
        let of = of(gate, |v| v.component.is_none() && v.location.path == f.path);
        rows.push(Row {
            verdict: e.verdict,
            cells: [
                clean(&f.path),
                "-".to_string(),
                clean(&f.expression.to_string()),
                verdict_cell(e.verdict, &of, gate),
                clean(&location(&of).unwrap_or_else(|| f.path.clone())),
            ],
        });
    }
    let header = ["COMPONENT", "VERSION", "LICENSE", "VERDICT", "LOCATION"];
    let mut widths = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(&r.cells) {
            *w = (*w).max(c.chars().count());
        }
    }
    let paint = |code: &str, text: &str| {
        if colour {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} (policy {})",
        paint(BOLD, &clean(&a.inventory.root_name)),
        clean(&a.policy)
    );
    for (verdict, title) in [(Verdict::Fail, "FAIL"), (Verdict::Review, "REVIEW")] {
        let group: Vec<&Row> = rows.iter().filter(|r| r.verdict == verdict).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "{}",
            paint(
                &format!("{BOLD}{}", colour_of(verdict)),
                &format!("{title} ({})", group.len())
            )
        );
        let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        let _ = writeln!(s, "{}", line(&head, &widths, None, colour));
        for r in group {
            let _ = writeln!(
                s,
                "{}",
                line(&r.cells, &widths, Some(colour_of(r.verdict)), colour)
            );
        }
    }
    let _ = writeln!(s);
    let mut pass = format!(
        "PASS: {passing} {}",
        if passing == 1 {
            "component"
        } else {
            "components"
        }
    );
    if foreign_passing > 0 {
        let _ = write!(pass, ", {foreign_passing} foreign-license files");
    }
    let _ = writeln!(s, "{}", paint(GREEN, &pass));
    let first_party = a.counts().first_party;
    if first_party > 0 {
        let _ = writeln!(
            s,
            "Not judged: {first_party} first-party {}",
            if first_party == 1 {
                "component"
            } else {
                "components"
            }
        );
    }
    if let Some(b) = &gate.baseline {
        let new = gate.new.iter().filter(|n| **n).count();
        let _ = writeln!(
            s,
            "Baseline {}: {new} new, {} known, {} fixed",
            clean(b),
            gate.new.len() - new,
            gate.fixed.len()
        );
        for f in &gate.fixed {
            let code = f.key.split('|').next().unwrap_or("");
            let _ = writeln!(s, "  fixed: {code}: {}", clean(&f.message));
        }
    }
    let failing = gate.failing().count();
    let result = if gate.fails() {
        paint(
            RED,
            &format!(
                "Gate: FAIL ({failing} {} at or above `{}`)",
                if failing == 1 {
                    "new violation"
                } else {
                    "new violations"
                },
                gate.fail_on.as_str()
            ),
        )
    } else {
        paint(
            GREEN,
            &format!("Gate: PASS (fails on `{}`)", gate.fail_on.as_str()),
        )
    };
    let _ = writeln!(s, "{result}");
    s
}

fn of<'g, 'a>(
    gate: &'g Gate<'a>,
    keep: impl Fn(&Violation<'a>) -> bool,
) -> Vec<(&'g Violation<'a>, bool)> {
    gate.violations
        .iter()
        .zip(&gate.new)
        .filter(|(v, _)| keep(v))
        .map(|(v, n)| (v, *n))
        .collect()
}

/// The verdict, marked `(known)` when a baseline has every one of the row's violations.
fn verdict_cell(v: Verdict, of: &[(&Violation<'_>, bool)], gate: &Gate<'_>) -> String {
    if gate.baseline.is_some() && !of.is_empty() && of.iter().all(|(_, new)| !new) {
        format!("{} (known)", v.as_str())
    } else {
        v.as_str().to_string()
    }
}

/// Where the row's first violation was caused.
fn location(of: &[(&Violation<'_>, bool)]) -> Option<String> {
    let l: &Location = &of.first()?.0.location;
    Some(match (l.start_line, l.end_line) {
        (Some(s), Some(e)) if e > s => format!("{}:{s}-{e}", l.path),
        (Some(s), _) => format!("{}:{s}", l.path),
        _ => l.path.clone(),
    })
}

fn colour_of(v: Verdict) -> &'static str {
    match v {
        Verdict::Fail => RED,
        Verdict::Review => YELLOW,
        Verdict::Pass => GREEN,
    }
}

/// One line of the table: cells padded to their column's width (the last one not padded); the
/// verdict cell coloured when `verdict_colour` is given and colour is on.
fn line(cells: &[String], widths: &[usize], verdict_colour: Option<&str>, colour: bool) -> String {
    let mut s = String::from("  ");
    let last = cells.len() - 1;
    for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
        let pad = w.saturating_sub(c.chars().count());
        let text = match verdict_colour {
            Some(code) if colour && i == 3 => format!("{code}{c}{RESET}"),
            _ => c.clone(),
        };
        s.push_str(&text);
        if i < last {
            s.push_str(&" ".repeat(pad + 2));
        }
    }
    s.trim_end().to_string()
}

/// Text from the scanned tree made safe for a terminal: control characters (escape sequences,
/// line breaks) shown as `\u{…}` escapes.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", ch as u32);
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(clean("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(clean("naïve"), "naïve");
    }

    #[test]
    fn columns_are_aligned() {
        let cells = ["a".to_string(), "bb".to_string(), "c".to_string()];
        assert_eq!(line(&cells, &[3, 2, 5], None, false), "  a    bb  c");
        assert_eq!(
            line(&cells, &[3, 2, 5], Some(RED), true),
            "  a    bb  c",
            "only the verdict column is coloured"
        );
    }
}
