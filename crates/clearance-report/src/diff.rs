//! What changed between two results of the same product (reports or SBOMs): components added,
//! removed and upgraded, and license changes, in text, Markdown and JSON.
//!
//! Components are matched by package (the purl without version, qualifiers and subpath). Of a
//! package present in several versions on both sides, equal versions are matched first; the
//! remaining ones are paired in version order as upgrades (or downgrades), and what is left is
//! added or removed.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use clearance_model::{Component, Inventory};
use serde::Serialize;

/// What happened to a package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// In the new result only.
    Added,
    /// In the old result only.
    Removed,
    /// Another version (its license may have changed too).
    Upgraded,
    /// The same version under another license.
    LicenseChanged,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The package: its purl without version.
    pub package: String,
    /// Its name.
    pub name: String,
    /// The version before, when it was there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_version: Option<String>,
    /// The version after, when it is there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_version: Option<String>,
    /// The concluded license before (`None`: unknown or not there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_license: Option<String>,
    /// The concluded license after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_license: Option<String>,
}

impl Change {
    /// `true` when the license differs between the two sides (both present).
    pub fn license_changed(&self) -> bool {
        matches!(self.kind, ChangeKind::Upgraded | ChangeKind::LicenseChanged)
            && self.old_license != self.new_license
    }
}

fn license(c: &Component) -> Option<String> {
    c.concluded.expression.as_ref().map(ToString::to_string)
}

/// Compares versions: numeric runs as numbers, the rest as text (`1.10.0` after `1.9.2`).
fn version_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(s: &str) -> Vec<(u64, String)> {
        s.split(['.', '-', '+', '_'])
            .map(|p| {
                let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
                (digits.parse().unwrap_or(0), p[digits.len()..].to_string())
            })
            .collect()
    }
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

/// Components by package, each package's versions in order.
fn by_package(inv: &Inventory) -> BTreeMap<String, Vec<&Component>> {
    let mut m: BTreeMap<String, Vec<&Component>> = BTreeMap::new();
    for c in &inv.components {
        m.entry(clearance_model::purl_package(&c.purl).to_string())
            .or_default()
            .push(c);
    }
    for v in m.values_mut() {
        v.sort_by(|a, b| {
            version_order(
                a.version.as_deref().unwrap_or(""),
                b.version.as_deref().unwrap_or(""),
            )
        });
    }
    m
}

/// The changes from `old` to `new`, sorted by package, then kind.
pub fn diff(old: &Inventory, new: &Inventory) -> Vec<Change> {
    let (old_g, new_g) = (by_package(old), by_package(new));
    let mut keys: Vec<&String> = old_g.keys().chain(new_g.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        let mut before: Vec<&Component> = old_g.get(key).cloned().unwrap_or_default();
        let mut after: Vec<&Component> = new_g.get(key).cloned().unwrap_or_default();
        let change = |kind, o: Option<&Component>, n: Option<&Component>| Change {
            kind,
            package: key.clone(),
            name: n.or(o).map(|c| c.name.clone()).unwrap_or_default(),
            old_version: o.and_then(|c| c.version.clone()),
            new_version: n.and_then(|c| c.version.clone()),
            old_license: o.and_then(license),
            new_license: n.and_then(license),
        };
        // Same versions first.
        before.retain(
            |o| match after.iter().position(|n| n.version == o.version) {
                Some(i) => {
                    let n = after.remove(i);
                    if license(o) != license(n) {
                        out.push(change(ChangeKind::LicenseChanged, Some(o), Some(n)));
                    }
                    false
                }
                None => true,
            },
        );
        let pairs = before.len().min(after.len());
        for (o, n) in before.iter().zip(&after) {
            out.push(change(ChangeKind::Upgraded, Some(o), Some(n)));
        }
        for o in &before[pairs..] {
            out.push(change(ChangeKind::Removed, Some(o), None));
        }
        for n in &after[pairs..] {
            out.push(change(ChangeKind::Added, None, Some(n)));
        }
    }
    out
}

fn or_unknown(l: &Option<String>) -> &str {
    l.as_deref().unwrap_or("(unknown)")
}

fn versions(c: &Change) -> String {
    match (&c.old_version, &c.new_version) {
        (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
        (Some(v), _) | (None, Some(v)) => v.clone(),
        (None, None) => String::new(),
    }
}

fn licenses(c: &Change) -> String {
    match c.kind {
        ChangeKind::Added => or_unknown(&c.new_license).to_string(),
        ChangeKind::Removed => or_unknown(&c.old_license).to_string(),
        _ if c.license_changed() => format!(
            "{} → {}",
            or_unknown(&c.old_license),
            or_unknown(&c.new_license)
        ),
        _ => or_unknown(&c.new_license).to_string(),
    }
}

fn heading(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "Added",
        ChangeKind::Removed => "Removed",
        ChangeKind::Upgraded => "Upgraded",
        ChangeKind::LicenseChanged => "License changed",
    }
}

fn by_kind(changes: &[Change]) -> BTreeMap<ChangeKind, Vec<&Change>> {
    let mut m: BTreeMap<ChangeKind, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        m.entry(c.kind).or_default().push(c);
    }
    m
}

/// The changes for a terminal.
pub fn diff_text(changes: &[Change]) -> String {
    let mut s = String::new();
    if changes.is_empty() {
        s.push_str("No component changes.\n");
        return s;
    }
    for (kind, list) in by_kind(changes) {
        let _ = writeln!(s, "{} ({}):", heading(kind), list.len());
        for c in list {
            let flag = if c.license_changed() && kind == ChangeKind::Upgraded {
                "  [license changed]"
            } else {
                ""
            };
            let _ = writeln!(s, "  {}  {}  {}{flag}", c.package, versions(c), licenses(c));
        }
    }
    s
}

/// Escapes text for a Markdown table cell.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// The changes as Markdown (a table per kind), for a pull-request comment.
pub fn diff_markdown(changes: &[Change]) -> String {
    let mut s = String::from("## Component changes\n\n");
    if changes.is_empty() {
        s.push_str("No component changes.\n");
        return s;
    }
    for (kind, list) in by_kind(changes) {
        let _ = writeln!(s, "### {} ({})\n", heading(kind), list.len());
        s.push_str("| package | version | license |\n|---|---|---|\n");
        for c in list {
            let _ = writeln!(
                s,
                "| {} | {} | {}{} |",
                md(&c.package),
                md(&versions(c)),
                md(&licenses(c)),
                if c.license_changed() && kind == ChangeKind::Upgraded {
                    " **(license changed)**"
                } else {
                    ""
                }
            );
        }
        s.push('\n');
    }
    s
}

/// The changes as JSON: `{"schema": "clearance-diff/1", "changes": [...]}`.
pub fn diff_json(changes: &[Change]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        changes: Vec<Row<'a>>,
    }
    #[derive(Serialize)]
    struct Row<'a> {
        #[serde(flatten)]
        change: &'a Change,
        license_changed: bool,
    }
    let doc = Doc {
        schema: "clearance-diff/1",
        changes: changes
            .iter()
            .map(|c| Row {
                change: c,
                license_changed: c.license_changed(),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::{Ecosystem, LicenseExpr, WalkStats};

    fn inv(list: &[(&str, &str, &str)]) -> Inventory {
        Inventory {
            root_name: "p".into(),
            components: list
                .iter()
                .map(|(n, v, l)| {
                    let mut c = Component::new(
                        Ecosystem::Npm,
                        *n,
                        Some(v.to_string()),
                        format!("pkg:npm/{n}@{v}"),
                    );
                    c.concluded.expression = LicenseExpr::parse(l).ok();
                    c
                })
                .collect(),
            files: vec![],
            foreign: vec![],
            problems: vec![],
            stats: WalkStats::default(),
        }
    }

    #[test]
    fn added_removed_upgraded_and_relicensed() {
        let old = inv(&[
            ("keep", "1.0.0", "MIT"),
            ("gone", "1.0.0", "MIT"),
            ("up", "1.9.2", "MIT"),
            ("relicensed", "2.0.0", "MIT"),
            ("ms", "2.0.0", "MIT"),
            ("ms", "2.1.3", "MIT"),
        ]);
        let new = inv(&[
            ("keep", "1.0.0", "MIT"),
            ("new", "0.1.0", "AGPL-3.0-only"),
            ("up", "1.10.0", "BUSL-1.1"),
            ("relicensed", "2.0.0", "Apache-2.0"),
            ("ms", "2.1.3", "MIT"),
        ]);
        let changes = diff(&old, &new);
        let got: Vec<(ChangeKind, &str, String, bool)> = changes
            .iter()
            .map(|c| (c.kind, c.name.as_str(), versions(c), c.license_changed()))
            .collect();
        assert_eq!(
            got,
            [
                (ChangeKind::Removed, "gone", "1.0.0".to_string(), false),
                (ChangeKind::Removed, "ms", "2.0.0".to_string(), false),
                (ChangeKind::Added, "new", "0.1.0".to_string(), false),
                (
                    ChangeKind::LicenseChanged,
                    "relicensed",
                    "2.0.0".to_string(),
                    true
                ),
                (
                    ChangeKind::Upgraded,
                    "up",
                    "1.9.2 → 1.10.0".to_string(),
                    true
                ),
            ]
        );
        insta::assert_snapshot!(diff_text(&changes));
        insta::assert_snapshot!(diff_markdown(&changes));
        let v: serde_json::Value = serde_json::from_slice(&diff_json(&changes)).unwrap();
        assert_eq!(v["changes"][4]["old_license"], "MIT");
        assert_eq!(v["changes"][4]["new_license"], "BUSL-1.1");
        assert_eq!(v["changes"][4]["license_changed"], true);
        assert_eq!(diff_text(&diff(&old, &old)), "No component changes.\n");
    }
}
