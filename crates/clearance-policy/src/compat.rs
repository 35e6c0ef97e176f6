//! Compatibility of a component's license with the product's own license
//! (`[product] license`), from the rules of `policies/compatibility.toml`, each with its source.
//!
//! # Example
//! ```
//! use clearance_policy::compat::{self, Verdict};
//! use clearance_policy::obligations::Distribution;
//! let product = "Apache-2.0".parse().unwrap();
//! let found = compat::check(&product, &"GPL-2.0-only".parse().unwrap(), Distribution::Binary);
//! assert_eq!(found[0].verdict, Verdict::Incompatible);
//! assert!(compat::check(&product, &"MIT".parse().unwrap(), Distribution::Binary).is_empty());
//! ```

use std::sync::LazyLock;

use clearance_model::{LicenseExpr, LicenseTerm};
use serde::{Deserialize, Serialize};

use crate::kb::{self, Category};
use crate::obligations::Distribution;

const TABLE: &str = include_str!("../../../policies/compatibility.toml");

/// How a component's license meets the product's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The combination cannot be distributed under the product's license.
    Incompatible,
    /// It can, if the component stays separable as its license asks.
    Conditional,
}

/// A pair of licenses a rule names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The product's license (term).
    pub outbound: String,
    /// The component's license (term).
    pub inbound: String,
    /// How they meet.
    pub verdict: Verdict,
    /// Where the rule comes from.
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    rule: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rule {
    outbound: String,
    inbound: String,
    verdict: Verdict,
    distribution: Vec<Distribution>,
    source: String,
}

static RULES: LazyLock<Table> =
    LazyLock::new(|| toml::from_str(TABLE).expect("policies/compatibility.toml is valid"));

/// `true` when a rule's side (`category:NAME` or an id) names this term.
fn names(spec: &str, t: &LicenseTerm, category: &dyn Fn(&LicenseTerm) -> Category) -> bool {
    match spec.strip_prefix(crate::CATEGORY_PREFIX) {
        Some(c) => Category::from_name(c) == Some(category(t)),
        None => t.exception.is_none() && t.license == spec,
    }
}

/// The rules that apply between the product's license and a component's chosen licenses, for a
/// product shipped this way: the first rule naming each pair of terms.
pub fn check(product: &LicenseExpr, chosen: &LicenseExpr, d: Distribution) -> Vec<Finding> {
    check_with(product, chosen, d, &kb::category_of_term)
}

/// Like [`check`], with the categories of a policy (which may classify `LicenseRef-…` ids).
pub fn check_with(
    product: &LicenseExpr,
    chosen: &LicenseExpr,
    d: Distribution,
    category: &dyn Fn(&LicenseTerm) -> Category,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for o in product.terms() {
        for i in chosen.terms() {
            if let Some(r) = RULES.rule.iter().find(|r| {
                r.distribution.contains(&d)
                    && names(&r.outbound, o, category)
                    && names(&r.inbound, i, category)
            }) {
                out.push(Finding {
                    outbound: o.to_string(),
                    inbound: i.to_string(),
                    verdict: r.verdict,
                    source: r.source.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdicts(product: &str, component: &str, d: Distribution) -> Vec<Verdict> {
        check(&product.parse().unwrap(), &component.parse().unwrap(), d)
            .into_iter()
            .map(|f| f.verdict)
            .collect()
    }

    #[test]
    fn the_rules_name_known_licenses_and_categories() {
        for r in &RULES.rule {
            for side in [&r.outbound, &r.inbound] {
                match side.strip_prefix(crate::CATEGORY_PREFIX) {
                    Some(c) => assert!(Category::from_name(c).is_some(), "{side}"),
                    None => assert!(kb::entry(side).is_some(), "{side}"),
                }
            }
            assert!(!r.source.is_empty());
        }
    }

    #[test]
    fn pairs() {
        use Distribution::*;
        use Verdict::*;
        assert_eq!(
            verdicts("Apache-2.0", "GPL-2.0-only", Binary),
            [Incompatible]
        );
        assert_eq!(verdicts("Apache-2.0", "GPL-2.0-only", Saas), []);
        assert_eq!(
            verdicts("Apache-2.0", "AGPL-3.0-only", Saas),
            [Incompatible]
        );
        assert_eq!(verdicts("MIT", "LGPL-2.1-or-later", Binary), [Conditional]);
        assert_eq!(
            verdicts(
                "Apache-2.0",
                "GPL-2.0-only WITH Classpath-exception-2.0",
                Binary
            ),
            [Conditional]
        );
        assert_eq!(
            verdicts("GPL-2.0-only", "Apache-2.0", Binary),
            [Incompatible]
        );
        assert_eq!(verdicts("GPL-3.0-or-later", "Apache-2.0", Binary), []);
        assert_eq!(verdicts("GPL-2.0-or-later", "MIT", Binary), []);
        assert_eq!(
            verdicts("Apache-2.0", "MIT AND GPL-3.0-only", Binary),
            [Incompatible]
        );
        assert_eq!(verdicts("Apache-2.0", "GPL-3.0-only", Internal), []);
    }
}
