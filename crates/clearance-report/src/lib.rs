//! Renderers of clearance: the terminal summary and table, the JSON report, SARIF, JUnit, the
//! Markdown pull-request comment, the HTML due-diligence report, notices files, and diffs.
//!
//! Each reads an [`Assessment`] (the inventory plus the policy's verdict on each component) and,
//! for the gate, a [`gate::Gate`]; none re-scans. Each is deterministic: the same assessment
//! gives the same bytes.

pub mod diff;
pub mod gate;
mod html;
mod junit;
mod markdown;
mod notice;
mod sarif;
mod table;
pub mod violations;

pub use html::html_report;
pub use junit::junit;
pub use markdown::markdown;
pub use notice::{NoticeFormat, notice};
pub use sarif::{SARIF_SCHEMA, sarif};
pub use table::table;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use clearance_model::{
    Component, Ecosystem, FileRecord, Inventory, Origin, Problem, ProblemCode, WalkStats,
};
use clearance_policy::{Evaluation, Verdict};
use serde::Serialize;

/// Version of the JSON report format. Bumped on any incompatible change.
pub const REPORT_SCHEMA: &str = "clearance-report/1";

/// An inventory judged by a policy.
pub struct Assessment<'a> {
    /// What the scan found.
    pub inventory: &'a Inventory,
    /// The evaluation of each component, in the inventory's order (`None` for first-party
    /// components, which are not judged).
    pub evaluations: Vec<Option<Evaluation>>,
    /// The evaluation of each foreign-license file of the product's own code, in the
    /// inventory's order.
    pub foreign: Vec<Evaluation>,
    /// Name of the policy used.
    pub policy: String,
    /// What the policy itself should be told (unused exceptions).
    pub policy_notes: Vec<clearance_policy::PolicyNote>,
    /// Version of clearance.
    pub tool_version: String,
}

/// Counts of verdicts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct VerdictCounts {
    /// Components that pass.
    pub pass: usize,
    /// Components that need review.
    pub review: usize,
    /// Components that fail.
    pub fail: usize,
    /// First-party components (not judged).
    pub first_party: usize,
    /// Files of the product's own code under a foreign license that fail.
    pub foreign_fail: usize,
    /// Files of the product's own code under a foreign license that need review.
    pub foreign_review: usize,
}

impl<'a> Assessment<'a> {
    /// Judges an inventory by a policy.
    pub fn new(
        inventory: &'a Inventory,
        policy: &clearance_policy::Policy,
        tool_version: &str,
    ) -> Self {
        // File hashes by path, for the clarifications pinned to them (when there are any).
        let sha256: std::collections::HashMap<&str, &str> = if policy.clarifications.is_empty() {
            std::collections::HashMap::new()
        } else {
            inventory
                .files
                .iter()
                .map(|f| (f.path.as_str(), f.sha256.as_str()))
                .collect()
        };
        let sha256_of = |p: &str| sha256.get(p).map(|s| s.to_string());
        let mut policy_notes = policy.notes.clone();
        // Obligations are checked against the product when the policy describes it.
        let attribution = policy.product.unmet.map(|_| {
            let files: std::collections::HashMap<&str, &FileRecord> = inventory
                .files
                .iter()
                .map(|f| (f.path.as_str(), f))
                .collect();
            (
                files,
                clearance_policy::attribution::Notices::new(&inventory.files),
            )
        });
        if let Some((_, notices)) = &attribution
            && notices.paths.is_empty()
        {
            policy_notes.push(clearance_policy::PolicyNote {
                code: clearance_policy::diagnostics::Code::NoNoticesFile,
                line: 0,
                message: format!(
                    "no third-party notices file found (looked for {}); `clearance notice` writes one",
                    policy.product.notices.join(", ")
                ),
            });
        }
        let evaluations: Vec<Option<Evaluation>> = inventory
            .components
            .iter()
            .map(|c| {
                let (clarified, notes) = policy.clarification_for(c, &sha256_of);
                policy_notes.extend(notes);
                let mut e = policy.evaluate_clarified(c, clarified)?;
                if let Some((files, notices)) = &attribution {
                    policy.check_unmet(c, &mut e, files, notices);
                }
                Some(e)
            })
            .collect();
        policy_notes.extend(policy.unused_clarifications(&inventory.components));
        policy_notes.extend(policy.unused_exceptions(evaluations.iter().flatten()));
        Assessment {
            inventory,
            evaluations,
            foreign: inventory
                .foreign
                .iter()
                .map(|f| policy.evaluate_foreign(f))
                .collect(),
            policy: policy.source.clone(),
            policy_notes,
            tool_version: tool_version.to_string(),
        }
    }

    /// Verdict counts.
    pub fn counts(&self) -> VerdictCounts {
        let mut c = VerdictCounts::default();
        for e in &self.evaluations {
            match e.as_ref().map(|e| e.verdict) {
                Some(Verdict::Pass) => c.pass += 1,
                Some(Verdict::Review) => c.review += 1,
                Some(Verdict::Fail) => c.fail += 1,
                None => c.first_party += 1,
            }
        }
        for e in &self.foreign {
            match e.verdict {
                Verdict::Fail => c.foreign_fail += 1,
                Verdict::Review => c.foreign_review += 1,
                Verdict::Pass => {}
            }
        }
        c
    }

    /// The overall verdict: `fail` if any component fails, else `review` if any needs review,
    /// else `pass`.
    pub fn overall(&self) -> Verdict {
        self.evaluations
            .iter()
            .flatten()
            .chain(&self.foreign)
            .map(|e| e.verdict)
            .max()
            .unwrap_or(Verdict::Pass)
    }

    fn components_with(&self, v: Verdict) -> Vec<(&Component, &Evaluation)> {
        self.inventory
            .components
            .iter()
            .zip(&self.evaluations)
            .filter_map(|(c, e)| e.as_ref().filter(|e| e.verdict == v).map(|e| (c, e)))
            .collect()
    }
}

/// The license of a component as shown to users.
fn license_label(c: &Component) -> String {
    c.concluded
        .expression
        .as_ref()
        .map_or_else(|| "(unknown)".to_string(), ToString::to_string)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn ecosystem_counts(inv: &Inventory) -> BTreeMap<Ecosystem, usize> {
    let mut m = BTreeMap::new();
    for c in &inv.components {
        *m.entry(c.ecosystem).or_insert(0) += 1;
    }
    m
}

fn license_counts(a: &Assessment<'_>) -> Vec<(String, usize)> {
    let mut m: BTreeMap<String, usize> = BTreeMap::new();
    for c in a
        .inventory
        .components
        .iter()
        .filter(|c| c.origin == Origin::ThirdParty)
    {
        *m.entry(license_label(c)).or_insert(0) += 1;
    }
    let mut v: Vec<(String, usize)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn problem_counts(problems: &[Problem]) -> BTreeMap<ProblemCode, usize> {
    let mut m = BTreeMap::new();
    for p in problems {
        *m.entry(p.code).or_insert(0) += 1;
    }
    m
}

fn where_of(c: &Component) -> String {
    match c.roots.first() {
        Some(r) if r.is_empty() => ".".to_string(),
        Some(r) => r.clone(),
        None => c
            .sources
            .first()
            .map_or_else(String::new, |s| match s.line {
                Some(l) => format!("{}:{l}", s.path),
                None => s.path.clone(),
            }),
    }
}

/// How many entries of each long list the summary shows before "… and N more".
const LIST_LIMIT: usize = 25;

/// The terminal summary: what was scanned, components per ecosystem, licenses, verdicts, the
/// failing and review components with their reasons, skipped files and problems, and the result.
pub fn summary(a: &Assessment<'_>) -> String {
    let inv = a.inventory;
    let mut s = String::new();
    let st: &WalkStats = &inv.stats;
    let _ = writeln!(
        s,
        "Scanned {}: {} files ({}), {} text, {} binary",
        inv.root_name,
        st.files,
        mb(st.bytes),
        st.text_files,
        st.binary_files
    );
    let eco: Vec<String> = ecosystem_counts(inv)
        .into_iter()
        .map(|(e, n)| format!("{e} {n}"))
        .collect();
    let counts = a.counts();
    let _ = writeln!(
        s,
        "Components: {} ({}){}",
        inv.components.len(),
        if eco.is_empty() {
            "none found".to_string()
        } else {
            eco.join(", ")
        },
        if counts.first_party > 0 {
            format!(", {} first-party not judged", counts.first_party)
        } else {
            String::new()
        }
    );
    let lic = license_counts(a);
    if !lic.is_empty() {
        let _ = writeln!(s, "Licenses:");
        for (l, n) in lic.iter().take(LIST_LIMIT) {
            let _ = writeln!(s, "  {n:>5}  {l}");
        }
        if lic.len() > LIST_LIMIT {
            let _ = writeln!(s, "         … and {} more", lic.len() - LIST_LIMIT);
        }
    }
    let _ = writeln!(
        s,
        "Verdicts: {} pass, {} review, {} fail",
        counts.pass, counts.review, counts.fail
    );
    for (v, title) in [(Verdict::Fail, "Fail"), (Verdict::Review, "Review")] {
        let list = a.components_with(v);
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(s, "{title}:");
        for (c, e) in list.iter().take(LIST_LIMIT) {
            let _ = writeln!(s, "  {}  {}  [{}]", c.purl, license_label(c), where_of(c));
            let _ = writeln!(s, "      {}", e.reason);
        }
        if list.len() > LIST_LIMIT {
            let _ = writeln!(
                s,
                "  … and {} more (see the JSON report)",
                list.len() - LIST_LIMIT
            );
        }
    }
    if !inv.foreign.is_empty() {
        let _ = writeln!(
            s,
            "Foreign licenses in the product's own code: {} files ({} fail, {} review)",
            inv.foreign.len(),
            counts.foreign_fail,
            counts.foreign_review
        );
        for (f, e) in inv.foreign.iter().zip(&a.foreign).take(LIST_LIMIT) {
            let lines = f
                .findings
                .first()
                .map(|x| format!(":{}", x.evidence.lines))
                .unwrap_or_default();
            let _ = writeln!(s, "  {}{lines}  {}  [{}]", f.path, f.expression, e.verdict);
        }
        if inv.foreign.len() > LIST_LIMIT {
            let _ = writeln!(
                s,
                "  … and {} more (see the JSON report)",
                inv.foreign.len() - LIST_LIMIT
            );
        }
    }
    let unmet: Vec<(&Component, &clearance_policy::attribution::Unmet)> = inv
        .components
        .iter()
        .zip(&a.evaluations)
        .filter_map(|(c, e)| Some((c, e.as_ref()?)))
        .flat_map(|(c, e)| e.unmet.iter().map(move |u| (c, u)))
        .collect();
    if !unmet.is_empty() {
        let components: std::collections::BTreeSet<&str> =
            unmet.iter().map(|(c, _)| c.purl.as_str()).collect();
        let _ = writeln!(
            s,
            "Unmet obligations: {} in {} components",
            unmet.len(),
            components.len()
        );
        for (c, u) in unmet.iter().take(LIST_LIMIT) {
            let _ = writeln!(s, "  {}  {}: {}", c.purl, u.code, u.message);
        }
        if unmet.len() > LIST_LIMIT {
            let _ = writeln!(
                s,
                "  … and {} more (see the JSON report)",
                unmet.len() - LIST_LIMIT
            );
        }
    }
    let skipped: Vec<String> = problem_counts(&inv.problems)
        .into_iter()
        .filter(|(c, _)| c.is_skip())
        .map(|(c, n)| format!("{n} {c}"))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(s, "Skipped: {} ({})", st.skipped, skipped.join(", "));
    }
    let others: Vec<&Problem> = inv.problems.iter().filter(|p| !p.code.is_skip()).collect();
    if !others.is_empty() {
        let _ = writeln!(s, "Problems: {}", others.len());
        for p in others.iter().take(LIST_LIMIT) {
            let _ = writeln!(s, "  {p}");
        }
        if others.len() > LIST_LIMIT {
            let _ = writeln!(
                s,
                "  … and {} more (see the JSON report)",
                others.len() - LIST_LIMIT
            );
        }
    }
    if !a.policy_notes.is_empty() {
        let _ = writeln!(s, "Policy notes: {}", a.policy_notes.len());
        for n in &a.policy_notes {
            let _ = writeln!(s, "  {}: {}", n.code, n.message);
        }
    }
    let _ = writeln!(
        s,
        "Result: {}",
        match a.overall() {
            Verdict::Fail => "FAIL (policy violated)",
            Verdict::Review => "PASS with components to review",
            Verdict::Pass => "PASS",
        }
    );
    s
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    tool: Tool<'a>,
    root: &'a str,
    policy: &'a str,
    result: Verdict,
    summary: JsonSummary,
    components: Vec<JsonComponent<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign: Vec<JsonForeign<'a>>,
    files: &'a [FileRecord],
    problems: &'a [Problem],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    policy_notes: &'a [clearance_policy::PolicyNote],
    gate: JsonGate<'a>,
    violations: Vec<JsonViolation<'a>>,
}

#[derive(Serialize)]
struct JsonGate<'a> {
    fail_on: Verdict,
    result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixed: Vec<JsonFixed<'a>>,
}

#[derive(Serialize)]
struct JsonFixed<'a> {
    key: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonViolation<'a> {
    code: clearance_policy::diagnostics::Code,
    verdict: Verdict,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    message: &'a str,
    location: JsonLocation<'a>,
    key: String,
    new: bool,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
}

#[derive(Serialize)]
struct JsonForeign<'a> {
    #[serde(flatten)]
    file: &'a clearance_model::ForeignLicense,
    verdict: Verdict,
    evaluation: &'a Evaluation,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    components: usize,
    ecosystems: BTreeMap<Ecosystem, usize>,
    verdicts: VerdictCounts,
    licenses: BTreeMap<String, usize>,
    walk: WalkStats,
    problems: BTreeMap<ProblemCode, usize>,
}

#[derive(Serialize)]
struct JsonComponent<'a> {
    #[serde(flatten)]
    component: &'a Component,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<Verdict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluation: Option<&'a Evaluation>,
}

/// The JSON report (schema `docs/report.schema.json`): every component with its evidence,
/// conclusion and verdict, every license file and file with findings, every problem, summary
/// counts, every violation with where it was caused and whether it is new against the baseline,
/// and the gate's result. Pretty-printed, keys in a fixed order, lists sorted.
pub fn json(a: &Assessment<'_>, gate: &gate::Gate<'_>) -> Vec<u8> {
    let inv = a.inventory;
    let report = JsonReport {
        schema: REPORT_SCHEMA,
        tool: Tool {
            name: "clearance",
            version: &a.tool_version,
        },
        root: &inv.root_name,
        policy: &a.policy,
        result: a.overall(),
        summary: JsonSummary {
            components: inv.components.len(),
            ecosystems: ecosystem_counts(inv),
            verdicts: a.counts(),
            licenses: license_counts(a).into_iter().collect(),
            walk: inv.stats.clone(),
            problems: problem_counts(&inv.problems),
        },
        components: inv
            .components
            .iter()
            .zip(&a.evaluations)
            .map(|(c, e)| JsonComponent {
                component: c,
                verdict: e.as_ref().map(|e| e.verdict),
                evaluation: e.as_ref(),
            })
            .collect(),
        foreign: inv
            .foreign
            .iter()
            .zip(&a.foreign)
            .map(|(file, e)| JsonForeign {
                file,
                verdict: e.verdict,
                evaluation: e,
            })
            .collect(),
        files: &inv.files,
        problems: &inv.problems,
        policy_notes: &a.policy_notes,
        gate: JsonGate {
            fail_on: gate.fail_on,
            result: if gate.fails() { "fail" } else { "pass" },
            baseline: gate.baseline.as_deref(),
            fixed: gate
                .fixed
                .iter()
                .map(|f| JsonFixed {
                    key: &f.key,
                    message: &f.message,
                })
                .collect(),
        },
        violations: gate
            .violations
            .iter()
            .zip(&gate.new)
            .map(|(v, new)| JsonViolation {
                code: v.code,
                verdict: v.verdict,
                purl: v.component.map(|c| c.purl.as_str()),
                license: v.license.as_deref(),
                message: &v.message,
                location: JsonLocation {
                    path: &v.location.path,
                    start_line: v.location.start_line,
                    end_line: v.location.end_line,
                },
                key: v.key(),
                new: *new,
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&report).expect("the report serialises");
    out.push(b'\n');
    out
}

/// The name a value has in the JSON report (`third-party`, `network-source`).
fn word<T: Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Where a source was read: `path:line`, or the path.
fn at(path: &str, line: Option<u32>) -> String {
    line.map_or_else(|| path.to_string(), |l| format!("{path}:{l}"))
}

/// One component explained for a human: its evidence (declared licenses with where they were
/// read, license findings with file, lines, tier and confidence), its concluded license and why,
/// the policy's decision term by term, and the obligations and compatibility findings that
/// apply.
pub fn explain(a: &Assessment<'_>, index: usize) -> String {
    let c = &a.inventory.components[index];
    let mut s = String::new();
    let _ = writeln!(s, "{}", c.purl);
    let _ = writeln!(
        s,
        "  ecosystem: {}; scope: {}; origin: {}",
        c.ecosystem.as_str(),
        c.scope.map_or("not stated", |x| x.as_str()),
        word(&c.origin)
    );
    for r in &c.roots {
        let _ = writeln!(s, "  directory: {r}");
    }
    let _ = writeln!(s, "Declared:");
    if c.declared.is_empty() {
        let _ = writeln!(s, "  (nothing declared)");
    }
    for d in &c.declared {
        let read = d.expression.as_ref().map_or_else(
            || "not an SPDX expression".to_string(),
            |e| format!("read as `{e}`"),
        );
        let _ = writeln!(
            s,
            "  `{}` {read}  [{} {}]",
            d.raw,
            d.source.cataloger,
            at(&d.source.path, d.source.line)
        );
        for n in &d.notes {
            let _ = writeln!(s, "      {n}");
        }
    }
    let _ = writeln!(s, "Found in its files:");
    if c.detected.is_empty() {
        let _ = writeln!(s, "  (no license text, notice or tag)");
    }
    for f in &c.detected {
        let ev = &f.evidence;
        let _ = writeln!(
            s,
            "  {}  {}:{}  {} {:.2}{}",
            f.expression,
            ev.path,
            ev.lines,
            ev.tier.as_str(),
            ev.confidence,
            ev.modified
                .as_ref()
                .map_or_else(String::new, |m| format!(" ({m})"))
        );
    }
    let _ = writeln!(
        s,
        "Concluded: {} ({}): {}",
        license_label(c),
        word(&c.concluded.reason),
        c.concluded.explanation
    );
    match a.evaluations[index].as_ref() {
        None => {
            let _ = writeln!(s, "Policy: not judged (the product's own code)");
        }
        Some(e) => {
            let _ = writeln!(s, "Policy ({}): {}", a.policy, e.verdict);
            for t in &e.terms {
                let via = match (&t.category, &t.exception) {
                    (Some(c), _) => format!(" via category:{c}"),
                    (None, Some(x)) => format!(" via exception {x}"),
                    (None, None) => String::new(),
                };
                let _ = writeln!(
                    s,
                    "  {}: {} ({}{via})",
                    t.expression,
                    t.verdict,
                    word(&t.rule)
                );
            }
            if let Some(chosen) = &e.chosen {
                let _ = writeln!(s, "  complied with as: {chosen}");
            }
            if let Some(linking) = e.linking {
                let _ = writeln!(s, "  linked: {}", linking.as_str());
            }
            let _ = writeln!(s, "  why: {}", e.reason);
            if !e.obligations.is_empty() {
                let _ = writeln!(s, "Obligations:");
                for o in &e.obligations {
                    let _ = writeln!(
                        s,
                        "  {}: {} (on {}): {}",
                        o.license,
                        word(&o.kind),
                        word(&o.trigger),
                        o.clause
                    );
                }
            }
            for f in &e.compatibility {
                let _ = writeln!(
                    s,
                    "Compatibility: `{}` with the product's `{}`: {}: {}",
                    f.inbound,
                    f.outbound,
                    word(&f.verdict),
                    f.source
                );
            }
            if !e.unmet.is_empty() {
                let _ = writeln!(s, "Unmet obligations:");
                for u in &e.unmet {
                    let _ = writeln!(s, "  {}: {}", u.code, u.message);
                }
            }
        }
    }
    if !c.copyrights.is_empty() {
        let _ = writeln!(s, "Copyrights:");
        for line in &c.copyrights {
            let _ = writeln!(s, "  {line}");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::{LicenseExpr, Problem};
    use clearance_policy::Policy;

    fn assessment(inv: &Inventory) -> Assessment<'_> {
        Assessment::new(inv, &Policy::default_policy(), "0.0.0")
    }

    fn inv() -> Inventory {
        let mut a = Component::new(
            Ecosystem::Npm,
            "a",
            Some("1.0.0".into()),
            "pkg:npm/a@1.0.0".into(),
        );
        a.concluded.expression = Some(LicenseExpr::parse("MIT").unwrap());
        a.roots.push("node_modules/a".into());
        let mut b = Component::new(
            Ecosystem::Npm,
            "b",
            Some("2.0.0".into()),
            "pkg:npm/b@2.0.0".into(),
        );
        b.concluded.expression = Some(LicenseExpr::parse("AGPL-3.0-only").unwrap());
        b.roots.push("node_modules/b".into());
        let c = Component::new(
            Ecosystem::Cargo,
            "c",
            Some("0.1.0".into()),
            "pkg:cargo/c@0.1.0".into(),
        );
        Inventory {
            root_name: "demo".into(),
            components: vec![a, b, c],
            files: vec![],
            foreign: vec![],
            problems: vec![Problem::new(
                ProblemCode::Symlink,
                "node_modules/.bin/x",
                "symbolic link to `../x`; not followed",
            )],
            stats: WalkStats {
                files: 10,
                bytes: 12_345,
                text_files: 9,
                binary_files: 1,
                skipped: 1,
                excluded: 0,
                newest_mtime: None,
            },
        }
    }

    #[test]
    fn summary_text() {
        let inv = inv();
        let a = assessment(&inv);
        assert_eq!(a.overall(), Verdict::Fail);
        insta::assert_snapshot!(summary(&a));
    }

    #[test]
    fn json_report_shape() {
        let inv = inv();
        let a = assessment(&inv);
        let g = gate::Gate::new(&a, None, Verdict::Fail);
        let v: serde_json::Value = serde_json::from_slice(&json(&a, &g)).unwrap();
        assert_eq!(v["schema"], REPORT_SCHEMA);
        assert_eq!(v["result"], "fail");
        assert_eq!(v["summary"]["verdicts"]["fail"], 1);
        assert_eq!(v["components"][1]["verdict"], "fail");
        assert_eq!(
            v["components"][2]["evaluation"]["reason"],
            "license unknown (policy: `unknown = \"review\"`)"
        );
        assert_eq!(v["gate"]["result"], "fail");
        assert_eq!(v["violations"][0]["code"], "license-denied");
        assert_eq!(v["violations"][0]["purl"], "pkg:npm/b@2.0.0");
        assert_eq!(json(&a, &g), json(&a, &g));
    }
}
