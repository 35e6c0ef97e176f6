//! Every reason a product does not pass, one by one: what the machine formats (SARIF, JUnit),
//! the pull-request summary and baselines are made of.
//!
//! A component that fails or needs review gives one [`Violation`] per cause: each license term
//! the policy does not allow (in the side of an `OR` it must comply with), a conflict between its
//! declared license and its texts, a modified license text, an incompatibility with the
//! product's license, each unmet obligation. A file of the product's own code under a foreign
//! license gives one too. Each is located at the manifest line or license file that caused it.

use clearance_model::{Component, ConclusionReason, LicenseExpr};
use clearance_policy::diagnostics::Code;
use clearance_policy::{Evaluation, Rule, Verdict};

use crate::Assessment;

/// Where a violation was caused: a file of the scanned tree and, when known, its lines.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path relative to the scanned root (`.` for the root itself).
    pub path: String,
    /// First line, 1-based.
    pub start_line: Option<u32>,
    /// Last line, 1-based.
    pub end_line: Option<u32>,
}

/// One reason the product does not pass.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation<'a> {
    /// The diagnostic code (`license-denied`, `missing-attribution`, …).
    pub code: Code,
    /// What it leads to: `fail` or `review`.
    pub verdict: Verdict,
    /// The component it concerns; `None` for a file of the product's own code.
    pub component: Option<&'a Component>,
    /// The license (term or expression) it is about, when it is about one.
    pub license: Option<String>,
    /// What, in one sentence.
    pub message: String,
    /// Where.
    pub location: Location,
}

impl Violation<'_> {
    /// A stable identity across scans, for baselines: the code, the component's package without
    /// its version (an upgrade does not make an old violation new), and the license, or for a
    /// file of the product's own code its path.
    pub fn key(&self) -> String {
        let subject = match self.component {
            Some(c) => clearance_model::purl_package(&c.purl).to_string(),
            None => self.location.path.clone(),
        };
        format!(
            "{}|{}|{}",
            self.code,
            subject,
            self.license.as_deref().unwrap_or("")
        )
    }
}

/// Every violation of the assessment: components in inventory order, then foreign files.
pub fn violations<'a>(a: &Assessment<'a>) -> Vec<Violation<'a>> {
    let mut out = Vec::new();
    for (c, e) in a.inventory.components.iter().zip(&a.evaluations) {
        if let Some(e) = e.as_ref().filter(|e| e.verdict != Verdict::Pass) {
            component_violations(c, e, &mut out);
        }
    }
    for (f, e) in a.inventory.foreign.iter().zip(&a.foreign) {
        if e.verdict == Verdict::Pass {
            continue;
        }
        let (start, end) = f.findings.first().map_or((None, None), |x| {
            (Some(x.evidence.lines.start), Some(x.evidence.lines.end))
        });
        out.push(Violation {
            code: Code::ForeignLicense,
            verdict: e.verdict,
            component: None,
            license: Some(f.expression.to_string()),
            message: e.reason.clone(),
            location: Location {
                path: f.path.clone(),
                start_line: start,
                end_line: end,
            },
        });
    }
    out
}

fn component_violations<'a>(c: &'a Component, e: &Evaluation, out: &mut Vec<Violation<'a>>) {
    let before = out.len();
    let chosen: Option<Vec<&str>> = e.chosen.as_ref().map(LicenseExpr::license_ids);
    for t in &e.terms {
        if t.verdict == Verdict::Pass {
            continue;
        }
        // A term of the side of an `OR` not taken does not bind the product.
        let ids = t.expression.license_ids();
        if let Some(chosen) = &chosen
            && !ids.iter().all(|id| chosen.contains(id))
        {
            continue;
        }
        let code = match t.rule {
            Rule::Deny => Code::LicenseDenied,
            Rule::Review => Code::LicenseReview,
            Rule::Unlisted => Code::LicenseUnlisted,
            Rule::Unknown => Code::LicenseUnknown,
            Rule::ExpiredException => Code::ExpiredException,
            Rule::Allow | Rule::Exception => continue,
        };
        let term = t.expression.to_string();
        let how = match t.rule {
            Rule::Deny => "is denied by the policy",
            Rule::Review => "needs review under the policy",
            Rule::Unlisted => "is on no list of the policy",
            Rule::Unknown => "is unknown",
            _ => "was allowed by an exception that has expired",
        };
        let via = t
            .category
            .map(|k| format!(" (category `{}`)", k.as_str()))
            .unwrap_or_default();
        out.push(Violation {
            code,
            verdict: t.verdict,
            component: Some(c),
            license: Some(term.clone()),
            message: format!("{}: `{term}`{via} {how}", label(c)),
            location: location_of_license(c, &ids),
        });
    }
    if e.chosen.is_none() {
        out.push(Violation {
            code: Code::LicenseUnknown,
            verdict: e.verdict,
            component: Some(c),
            license: None,
            message: format!("{}: {}", label(c), e.reason),
            location: where_declared(c),
        });
    }
    if c.concluded.reason == ConclusionReason::Conflict && e.reason.contains("disagree") {
        out.push(Violation {
            code: Code::LicenseConflict,
            verdict: Verdict::Review,
            component: Some(c),
            license: c.concluded.expression.as_ref().map(ToString::to_string),
            message: format!(
                "{}: the declared license and the license texts disagree ({})",
                label(c),
                c.concluded.explanation
            ),
            location: first_license_file(c).unwrap_or_else(|| where_declared(c)),
        });
    }
    if let Some(m) = &c.concluded.modified
        && e.reason.contains(m.as_str())
    {
        out.push(Violation {
            code: Code::LicenseModified,
            verdict: Verdict::Review,
            component: Some(c),
            license: c.concluded.expression.as_ref().map(ToString::to_string),
            message: format!("{}: {m}", label(c)),
            location: first_license_file(c).unwrap_or_else(|| where_declared(c)),
        });
    }
    for f in &e.compatibility {
        if f.verdict != clearance_policy::compat::Verdict::Incompatible {
            continue;
        }
        out.push(Violation {
            code: Code::IncompatibleLicense,
            verdict: e.verdict,
            component: Some(c),
            license: Some(f.inbound.clone()),
            message: format!(
                "{}: `{}` is incompatible with the product's `{}` ({})",
                label(c),
                f.inbound,
                f.outbound,
                f.source
            ),
            location: location_of_license(c, &[f.inbound.trim_end_matches('+')]),
        });
    }
    for u in &e.unmet {
        out.push(Violation {
            code: u.code,
            verdict: e.verdict,
            component: Some(c),
            license: Some(u.license.clone()),
            message: format!("{}: {}", label(c), u.message),
            location: where_declared(c),
        });
    }
    // Whatever lowered the verdict is reported, even a cause this list does not name.
    if out.len() == before {
        out.push(Violation {
            code: match e.verdict {
                Verdict::Fail => Code::LicenseDenied,
                _ => Code::LicenseReview,
            },
            verdict: e.verdict,
            component: Some(c),
            license: c.concluded.expression.as_ref().map(ToString::to_string),
            message: format!("{}: {}", label(c), e.reason),
            location: where_declared(c),
        });
    }
}

fn label(c: &Component) -> String {
    match &c.version {
        Some(v) => format!("{} {v}", c.name),
        None => c.name.clone(),
    }
}

/// Where a license with these ids came from: the manifest line that declares it, else the
/// license file (and lines) where it was found, else where the component was read.
fn location_of_license(c: &Component, ids: &[&str]) -> Location {
    let names = |e: &LicenseExpr| {
        let have = e.license_ids();
        ids.iter().any(|id| have.contains(id))
    };
    if let Some(d) = c
        .declared
        .iter()
        .find(|d| d.expression.as_ref().is_some_and(names))
    {
        return Location {
            path: d.source.path.clone(),
            start_line: d.source.line,
            end_line: d.source.line,
        };
    }
    if let Some(f) = c.detected.iter().find(|f| names(&f.expression)) {
        return Location {
            path: f.evidence.path.clone(),
            start_line: Some(f.evidence.lines.start),
            end_line: Some(f.evidence.lines.end),
        };
    }
    where_declared(c)
}

/// The component's first license file with a finding, at the finding's lines.
fn first_license_file(c: &Component) -> Option<Location> {
    c.detected
        .iter()
        .find(|f| c.license_files.contains(&f.evidence.path))
        .map(|f| Location {
            path: f.evidence.path.clone(),
            start_line: Some(f.evidence.lines.start),
            end_line: Some(f.evidence.lines.end),
        })
}

/// Where the component was read: its first manifest or lockfile entry, else its directory.
fn where_declared(c: &Component) -> Location {
    if let Some(s) = c.sources.first() {
        return Location {
            path: s.path.clone(),
            start_line: s.line,
            end_line: s.line,
        };
    }
    Location {
        path: match c.roots.first() {
            Some(r) if !r.is_empty() => r.clone(),
            _ => ".".to_string(),
        },
        start_line: None,
        end_line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::{
        Concluded, DeclaredLicense, Ecosystem, Inventory, Source, WalkStats, declared,
    };
    use clearance_policy::Policy;

    fn component(name: &str, declared_as: &str, concluded: &str) -> Component {
        let mut c = Component::new(
            Ecosystem::Npm,
            name,
            Some("1.0.0".into()),
            format!("pkg:npm/{name}@1.0.0"),
        );
        c.roots.push(format!("node_modules/{name}"));
        let source = Source {
            cataloger: "npm-package-json".into(),
            path: format!("node_modules/{name}/package.json"),
            line: Some(4),
        };
        c.sources.push(source.clone());
        let n = declared::normalise(declared_as);
        c.declared.push(DeclaredLicense {
            raw: declared_as.into(),
            expression: n.expression,
            reading: n.reading,
            license_file: None,
            notes: n.notes,
            source,
        });
        c.concluded = Concluded {
            expression: LicenseExpr::parse(concluded).ok(),
            reason: ConclusionReason::DeclaredOnly,
            explanation: String::new(),
            modified: None,
        };
        c
    }

    #[test]
    fn each_cause_with_its_code_and_location() {
        let policy = Policy::from_toml(
            "p.toml",
            "[licenses]\nallow = [\"MIT\", \"Apache-2.0\"]\ndeny = [\"AGPL-3.0-only\"]\nreview = [\"MPL-2.0\"]\n",
        )
        .unwrap();
        let inv = Inventory {
            root_name: "demo".into(),
            components: vec![
                component("ok", "MIT", "MIT"),
                component("agpl", "AGPL-3.0-only", "AGPL-3.0-only"),
                // The side of the `OR` not taken binds nobody.
                component("either", "MIT OR AGPL-3.0-only", "MIT OR AGPL-3.0-only"),
                component(
                    "both",
                    "MPL-2.0 AND AGPL-3.0-only",
                    "MPL-2.0 AND AGPL-3.0-only",
                ),
                {
                    let mut c = component("none", "", "");
                    c.declared.clear();
                    c.concluded.expression = None;
                    c
                },
            ],
            files: vec![],
            foreign: vec![],
            problems: vec![],
            stats: WalkStats::default(),
        };
        let a = Assessment::new(&inv, &policy, "0");
        let v = violations(&a);
        let got: Vec<(String, &str, Verdict, String)> = v
            .iter()
            .map(|v| {
                (
                    v.component.unwrap().name.clone(),
                    v.code.as_str(),
                    v.verdict,
                    format!("{}:{}", v.location.path, v.location.start_line.unwrap_or(0)),
                )
            })
            .collect();
        let row = |n: &str, code: &'static str, verdict: Verdict, at: &str| {
            (n.to_string(), code, verdict, at.to_string())
        };
        assert_eq!(
            got,
            [
                row(
                    "agpl",
                    "license-denied",
                    Verdict::Fail,
                    "node_modules/agpl/package.json:4"
                ),
                row(
                    "both",
                    "license-review",
                    Verdict::Review,
                    "node_modules/both/package.json:4"
                ),
                row(
                    "both",
                    "license-denied",
                    Verdict::Fail,
                    "node_modules/both/package.json:4"
                ),
                row(
                    "none",
                    "license-unknown",
                    Verdict::Review,
                    "node_modules/none/package.json:4"
                ),
            ]
        );
        assert_eq!(
            v[0].message,
            "agpl 1.0.0: `AGPL-3.0-only` is denied by the policy"
        );
        // The key survives an upgrade.
        assert_eq!(v[0].key(), "license-denied|pkg:npm/agpl|AGPL-3.0-only");
    }
}
