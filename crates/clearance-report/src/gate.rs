//! The release gate: which violations fail a pipeline, given the verdict that fails
//! (`--fail-on`) and an earlier result to compare with (`--baseline`).
//!
//! Without a baseline every violation at or above the failing verdict fails the gate. With one,
//! only violations that are new against it do; those the baseline had are listed as known, and
//! the baseline's violations that are gone are listed as fixed. Violations are matched by
//! [`Violation::key`]: code, package without version, and license, so upgrading a package does
//! not make its known violation new.

use std::collections::BTreeMap;

use clearance_policy::Verdict;

use crate::Assessment;
use crate::violations::{Violation, violations};

/// Violations of an earlier result, by key (with their message).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Where it was read from, for messages.
    pub source: String,
    /// Key → message.
    pub violations: BTreeMap<String, String>,
}

impl Baseline {
    /// The baseline of an assessment (an earlier result judged by the current policy).
    pub fn of(a: &Assessment<'_>, source: &str) -> Baseline {
        Baseline {
            source: source.to_string(),
            violations: violations(a)
                .into_iter()
                .map(|v| (v.key(), v.message))
                .collect(),
        }
    }
}

/// A violation of the baseline that is gone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// Its key.
    pub key: String,
    /// Its message, as the baseline had it.
    pub message: String,
}

/// The gate's view of an assessment.
pub struct Gate<'a> {
    /// Every violation, in the order of [`violations`].
    pub violations: Vec<Violation<'a>>,
    /// For each violation, `true` when it is new against the baseline (always `true` without
    /// one).
    pub new: Vec<bool>,
    /// Violations of the baseline that are gone (empty without one).
    pub fixed: Vec<Fixed>,
    /// The verdict from which a violation fails the gate: `fail` (default) or `review`.
    pub fail_on: Verdict,
    /// Where the baseline came from, when there is one.
    pub baseline: Option<String>,
}

impl<'a> Gate<'a> {
    /// The gate of an assessment.
    pub fn new(a: &Assessment<'a>, baseline: Option<&Baseline>, fail_on: Verdict) -> Gate<'a> {
        let violations = violations(a);
        let new = violations
            .iter()
            .map(|v| baseline.is_none_or(|b| !b.violations.contains_key(&v.key())))
            .collect();
        let fixed = baseline.map_or_else(Vec::new, |b| {
            let now: std::collections::BTreeSet<String> =
                violations.iter().map(Violation::key).collect();
            b.violations
                .iter()
                .filter(|(k, _)| !now.contains(*k))
                .map(|(k, m)| Fixed {
                    key: k.clone(),
                    message: m.clone(),
                })
                .collect()
        });
        Gate {
            violations,
            new,
            fixed,
            fail_on,
            baseline: baseline.map(|b| b.source.clone()),
        }
    }

    /// The violations that fail the gate: new ones at or above the failing verdict.
    pub fn failing(&self) -> impl Iterator<Item = &Violation<'a>> {
        self.violations
            .iter()
            .zip(&self.new)
            .filter(|(v, new)| **new && v.verdict >= self.fail_on)
            .map(|(v, _)| v)
    }

    /// `true` when the gate fails (exit status 1).
    pub fn fails(&self) -> bool {
        self.failing().next().is_some()
    }

    /// New violations first (failing before review), then the known ones; stable otherwise.
    pub fn ordered(&self) -> Vec<(&Violation<'a>, bool)> {
        let mut v: Vec<(&Violation<'a>, bool)> = self
            .violations
            .iter()
            .zip(self.new.iter().copied())
            .collect();
        v.sort_by_key(|(v, new)| (!*new, std::cmp::Reverse(v.verdict)));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::{Component, Ecosystem, Inventory, LicenseExpr, WalkStats};
    use clearance_policy::Policy;

    fn inv(components: &[(&str, &str, &str)]) -> Inventory {
        Inventory {
            root_name: "p".into(),
            components: components
                .iter()
                .map(|(name, version, license)| {
                    let mut c = Component::new(
                        Ecosystem::Npm,
                        *name,
                        Some(version.to_string()),
                        format!("pkg:npm/{name}@{version}"),
                    );
                    c.concluded.expression = LicenseExpr::parse(license).ok();
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
    fn only_new_violations_fail_and_fixed_ones_are_listed() {
        let policy = Policy::default_policy();
        let old = inv(&[
            ("a", "1.0.0", "AGPL-3.0-only"),
            ("gone", "1.0.0", "GPL-3.0-only"),
        ]);
        let old_a = Assessment::new(&old, &policy, "0");
        let baseline = Baseline::of(&old_a, "old.json");
        assert_eq!(baseline.violations.len(), 2);
        // `a` upgraded (same violation, not new), `gone` removed (fixed), `b` added with a
        // denied license (new).
        let now = inv(&[
            ("a", "2.0.0", "AGPL-3.0-only"),
            ("b", "1.0.0", "AGPL-3.0-only"),
        ]);
        let a = Assessment::new(&now, &policy, "0");
        let gate = Gate::new(&a, Some(&baseline), Verdict::Fail);
        let failing: Vec<&str> = gate
            .failing()
            .map(|v| v.component.unwrap().name.as_str())
            .collect();
        assert_eq!(failing, ["b"]);
        assert!(gate.fails());
        assert_eq!(gate.fixed.len(), 1);
        assert!(
            gate.fixed[0].key.contains("pkg:npm/gone"),
            "{:?}",
            gate.fixed
        );
        assert_eq!(gate.ordered()[0].0.component.unwrap().name, "b");
        // Without the new package, the gate passes although `a` still violates the policy.
        let same = inv(&[("a", "2.0.0", "AGPL-3.0-only")]);
        let s = Assessment::new(&same, &policy, "0");
        assert!(!Gate::new(&s, Some(&baseline), Verdict::Fail).fails());
        assert!(Gate::new(&s, None, Verdict::Fail).fails());
    }

    #[test]
    fn fail_on_review() {
        let policy = Policy::default_policy();
        let i = inv(&[("u", "1.0.0", "")]);
        let a = Assessment::new(&i, &policy, "0");
        assert!(!Gate::new(&a, None, Verdict::Fail).fails());
        assert!(Gate::new(&a, None, Verdict::Review).fails());
    }
}
