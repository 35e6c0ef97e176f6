//! Evaluation of license expressions and components against a policy.

use std::collections::BTreeSet;

use clearance_model::{Component, ConclusionReason, ForeignLicense, LicenseExpr, Origin, Scope};
use serde::Serialize;

use crate::diagnostics::Code;
use crate::kb::{self, Category};
use crate::{Clarification, Exception, Policy, Verdict};

/// Which rule decided a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// An entry of `deny`.
    Deny,
    /// An entry of `allow`.
    Allow,
    /// An entry of `review`.
    Review,
    /// A policy exception for this component allows it.
    Exception,
    /// A policy exception for this component would allow it, but has expired.
    ExpiredException,
    /// No list names the license (`unlisted`).
    Unlisted,
    /// The license is unknown (`unknown`).
    Unknown,
}

/// How one term (or a sub-expression named by a list entry) was decided.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TermResult {
    /// The term or sub-expression.
    pub expression: LicenseExpr,
    /// Its verdict.
    pub verdict: Verdict,
    /// The rule that decided it.
    pub rule: Rule,
    /// The category through which a `category:` entry decided it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The policy exception that decided it (`name = "charlie"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<String>,
}

/// The evaluation of one license expression.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// The verdict.
    pub verdict: Verdict,
    /// The licenses chosen to comply with: for `A OR B`, the side taken; absent when the license
    /// is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<LicenseExpr>,
    /// Every term's decision, left to right.
    pub terms: Vec<TermResult>,
    /// Why, in one sentence.
    pub reason: String,
    /// The obligations the chosen licenses put on the product as it ships
    /// (`[product] distribution`); none for a component that does not ship.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub obligations: Vec<crate::obligations::Due>,
    /// How the chosen licenses meet the product's own license (`[product] license`), where a
    /// rule says.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub compatibility: Vec<crate::compat::Finding>,
    /// The obligations the product does not meet (checked when the policy has a `[product]`
    /// table; see [`Policy::check_unmet`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmet: Vec<crate::attribution::Unmet>,
    /// `false` for a component of a scope that does not ship (`include-scopes`).
    #[serde(skip)]
    pub ships: bool,
    /// How the component is linked (its ecosystem's default or a `[[linking]]` entry); set for
    /// a component that ships.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::obligations::Linking>,
}

impl Evaluation {
    /// A decision, before obligations and compatibility are added for a shipped component.
    fn new(
        verdict: Verdict,
        chosen: Option<LicenseExpr>,
        terms: Vec<TermResult>,
        reason: String,
    ) -> Evaluation {
        Evaluation {
            verdict,
            chosen,
            terms,
            reason,
            obligations: Vec::new(),
            compatibility: Vec::new(),
            unmet: Vec::new(),
            ships: true,
            linking: None,
        }
    }
}

fn worse(a: Verdict, b: Verdict) -> Verdict {
    a.max(b)
}

impl Policy {
    /// The list entry that decides `e`: an entry naming it (or the whole sub-expression) in
    /// `deny`, `allow`, `review` order; else, for one license, an entry naming its category, in
    /// the same order. A license named by id is decided by that entry whatever its category.
    fn rule_for(&self, e: &LicenseExpr) -> Option<(Verdict, Rule, Option<Category>)> {
        let s = e.sorted();
        let hit = |list: &[LicenseExpr]| list.iter().any(|x| x.sorted() == s);
        if hit(&self.deny) {
            return Some((Verdict::Fail, Rule::Deny, None));
        } else if hit(&self.allow) {
            return Some((Verdict::Pass, Rule::Allow, None));
        } else if hit(&self.review) {
            return Some((Verdict::Review, Rule::Review, None));
        }
        let LicenseExpr::Term(t) = e else {
            return None;
        };
        let c = self.category_of_term(t);
        [
            (&self.deny_categories, Verdict::Fail, Rule::Deny),
            (&self.allow_categories, Verdict::Pass, Rule::Allow),
            (&self.review_categories, Verdict::Review, Rule::Review),
        ]
        .into_iter()
        .find(|(list, _, _)| list.contains(&c))
        .map(|(_, verdict, rule)| (verdict, rule, Some(c)))
    }

    /// Rank of an expression in `prefer` (lower is preferred); unlisted ranks last.
    fn preference(&self, e: &LicenseExpr) -> usize {
        let s = e.sorted();
        self.prefer
            .iter()
            .position(|p| {
                p.sorted() == s
                    || e.terms()
                        .iter()
                        .any(|t| LicenseExpr::Term((*t).clone()) == p.sorted())
            })
            .unwrap_or(usize::MAX)
    }

    fn eval(
        &self,
        e: &LicenseExpr,
        ex: &[&Exception],
        terms: &mut Vec<TermResult>,
    ) -> (Verdict, LicenseExpr) {
        // An exception for this component comes first, then a list entry, either of which may
        // name this whole (sub-)expression.
        let s = e.sorted();
        if let Some(x) = ex.iter().find(|x| x.allow.iter().any(|a| a.sorted() == s)) {
            let (verdict, rule) = if x.expired(self.today) {
                (Verdict::Fail, Rule::ExpiredException)
            } else {
                (Verdict::Pass, Rule::Exception)
            };
            terms.push(TermResult {
                expression: e.clone(),
                verdict,
                rule,
                category: None,
                exception: Some(x.selector.label.clone()),
            });
            return (verdict, e.clone());
        }
        if let Some((verdict, rule, category)) = self.rule_for(e) {
            terms.push(TermResult {
                expression: e.clone(),
                verdict,
                rule,
                category,
                exception: None,
            });
            return (verdict, e.clone());
        }
        match e {
            LicenseExpr::Term(_) => {
                let verdict = self.unlisted.verdict();
                terms.push(TermResult {
                    expression: e.clone(),
                    verdict,
                    rule: Rule::Unlisted,
                    category: None,
                    exception: None,
                });
                (verdict, e.clone())
            }
            LicenseExpr::And(items) => {
                let mut verdict = Verdict::Pass;
                let mut chosen = Vec::with_capacity(items.len());
                for item in items {
                    let (v, c) = self.eval(item, ex, terms);
                    verdict = worse(verdict, v);
                    chosen.push(c);
                }
                (verdict, LicenseExpr::and(chosen))
            }
            LicenseExpr::Or(items) => {
                let results: Vec<(Verdict, LicenseExpr)> =
                    items.iter().map(|i| self.eval(i, ex, terms)).collect();
                results
                    .iter()
                    .enumerate()
                    .min_by_key(|(i, (v, c))| (*v, self.preference(c), *i))
                    .map(|(_, r)| r.clone())
                    .expect("an OR has operands")
            }
        }
    }

    /// Evaluates a license expression (`None`: the license is unknown).
    pub fn evaluate_expression(&self, expr: Option<&LicenseExpr>) -> Evaluation {
        self.evaluate_with(expr, &[])
    }

    /// Evaluates a license expression under the exceptions that apply to its component.
    fn evaluate_with(&self, expr: Option<&LicenseExpr>, ex: &[&Exception]) -> Evaluation {
        let Some(expr) = expr else {
            return Evaluation::new(
                self.unknown.verdict(),
                None,
                Vec::new(),
                format!(
                    "license unknown (policy: `unknown = \"{}\"`)",
                    self.unknown.as_str()
                ),
            );
        };
        let mut terms = Vec::new();
        let (verdict, chosen) = self.eval(expr, ex, &mut terms);
        let reason = describe(verdict, expr, &chosen, &terms);
        Evaluation::new(verdict, Some(chosen), terms, reason)
    }

    /// Evaluates a component's concluded license. First-party components (the product's own
    /// code) are not evaluated: `None`. A component gets at least `review` when its declared
    /// license and license texts conflict, or when a license text it carries is modified (a
    /// text that only resembles a license is not that license until somebody reads it).
    pub fn evaluate_component(&self, c: &Component) -> Option<Evaluation> {
        self.evaluate_clarified(c, None)
    }

    /// Evaluates a component whose license a clarification of the policy sets (see
    /// [`Policy::clarification_for`]): the clarified expression replaces the concluded one, and
    /// the human who wrote it has settled any conflict between declaration and texts.
    pub fn evaluate_clarified(
        &self,
        c: &Component,
        clarified: Option<&Clarification>,
    ) -> Option<Evaluation> {
        if c.origin == Origin::FirstParty {
            return None;
        }
        let ex: Vec<&Exception> = self
            .exceptions
            .iter()
            .filter(|x| x.selector.applies_to(c))
            .collect();
        // A dependency of a scope that does not ship is judged by `[dev]`, or not at all. A
        // component whose scope no manifest says is taken to ship.
        let scope = c.scope.unwrap_or(Scope::Runtime);
        if let Some(scopes) = &self.include_scopes
            && !scopes.contains(&scope)
        {
            let expr = clarified
                .map(|k| &k.expression)
                .or(c.concluded.expression.as_ref());
            let scope = scope.as_str();
            let mut e = match &self.dev {
                Some(dev) => {
                    let mut e = dev.evaluate_with(expr, &ex);
                    e.reason = format!("`{scope}` dependency, judged by `[dev]`: {}", e.reason);
                    e
                }
                None => Evaluation::new(
                    Verdict::Pass,
                    expr.cloned(),
                    Vec::new(),
                    format!("`{scope}` dependency: does not ship (`include-scopes`), not judged"),
                ),
            };
            e.ships = false;
            return Some(e);
        }
        let mut e = match clarified {
            Some(k) => {
                let mut e = self.evaluate_with(Some(&k.expression), &ex);
                let why = k
                    .reason
                    .as_ref()
                    .map_or_else(String::new, |r| format!(", \"{r}\""));
                e.reason = format!(
                    "license clarified by the policy as `{}` ({}, line {}{why}): {}",
                    k.expression, k.selector.label, k.line, e.reason
                );
                e
            }
            None => {
                self.conclusion_checked(c, self.evaluate_with(c.concluded.expression.as_ref(), &ex))
            }
        };
        // What shipping the component asks, for the licenses chosen.
        if let Some(chosen) = &e.chosen {
            let d = self.product.distribution;
            let linking = self.linking_of(c);
            e.linking = Some(linking);
            let category = |t: &clearance_model::LicenseTerm| self.category_of_term(t);
            e.obligations = crate::obligations::triggered_linked(chosen, d, linking, &category);
            // A separate program or a build tool does not form one work with the product.
            if let Some(product) = &self.product.license
                && linking.combined()
            {
                e.compatibility = crate::compat::check_with(product, chosen, d, &category);
            }
        }
        // A license the product's own cannot be combined with needs a human, whatever the lists.
        if let Some(f) = e
            .compatibility
            .iter()
            .find(|f| f.verdict == crate::compat::Verdict::Incompatible)
        {
            if e.verdict == Verdict::Pass {
                e.verdict = Verdict::Review;
            }
            e.reason = format!(
                "{}; `{}` is incompatible with the product's `{}` ({})",
                e.reason, f.inbound, f.outbound, f.source
            );
        }
        Some(e)
    }

    /// The category of a license term: the policy's own (`[categories]`), else the knowledge
    /// base's.
    pub fn category_of_term(&self, t: &clearance_model::LicenseTerm) -> Category {
        match self.categories.get(&t.license) {
            Some(c) => *c,
            None => kb::category_of_term(t),
        }
    }

    /// How a component is linked: the first `[[linking]]` entry that names it, else its
    /// ecosystem's default.
    pub fn linking_of(&self, c: &Component) -> crate::obligations::Linking {
        self.linking
            .iter()
            .find(|r| r.selector.applies_to(c))
            .map_or_else(
                || crate::obligations::Linking::default_for(c.ecosystem),
                |r| r.linking,
            )
    }

    /// At least `review` for a component whose declared license and license texts conflict, or
    /// whose license text is modified.
    fn conclusion_checked(&self, c: &Component, mut e: Evaluation) -> Evaluation {
        if e.verdict == Verdict::Pass {
            if c.concluded.reason == ConclusionReason::Conflict {
                e.verdict = Verdict::Review;
                e.reason = format!(
                    "{}; but the declared license and the license texts disagree: review",
                    e.reason
                );
            } else if let Some(m) = &c.concluded.modified {
                e.verdict = Verdict::Review;
                e.reason = format!("{}; but {m}: review", e.reason);
            }
        }
        e
    }

    /// Checks the obligations of a shipped component against the product's third-party notices
    /// files and its source offer, when the policy has a `[product]` table, and lowers the
    /// verdict as `[product] unmet-obligations` says (`review` unless told otherwise).
    pub fn check_unmet(
        &self,
        c: &Component,
        e: &mut Evaluation,
        files: &std::collections::HashMap<&str, &clearance_model::FileRecord>,
        notices: &crate::attribution::Notices,
    ) {
        let Some(action) = self.product.unmet else {
            return;
        };
        e.unmet = crate::attribution::unmet(
            c,
            &e.obligations,
            files,
            notices,
            self.product.source_offer.as_deref(),
        );
        let floor = match action {
            crate::UnmetAction::Review => Verdict::Review,
            crate::UnmetAction::Fail => Verdict::Fail,
            crate::UnmetAction::Warn => return,
        };
        if !e.unmet.is_empty() && e.verdict < floor {
            e.verdict = floor;
            let codes: BTreeSet<&str> = e.unmet.iter().map(|u| u.code.as_str()).collect();
            let codes: Vec<&str> = codes.into_iter().collect();
            e.reason = format!(
                "{}; but obligations are unmet ({})",
                e.reason,
                codes.join(", ")
            );
        }
    }

    /// Evaluates a file of the product's own code that carries a foreign license.
    pub fn evaluate_foreign(&self, f: &ForeignLicense) -> Evaluation {
        let mut e = self.evaluate_expression(Some(&f.expression));
        e.reason = format!("`{}` carries {}: {}", f.path, f.expression, e.reason);
        e
    }
}

/// Something the policy itself should be told, found while judging a product: an exception no
/// component used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyNote {
    /// Stable kebab-case code: `unused-exception`.
    pub code: Code,
    /// 1-based line of the policy entry; 0 when the note is about the product rather than one
    /// entry.
    pub line: usize,
    /// What, in one sentence.
    pub message: String,
}

impl Policy {
    /// The clarification that sets this component's license, if one names it and every file it
    /// was pinned to still has its hash; `sha256_of` gives the SHA-256 of a scanned file by its
    /// path. A clarification whose files changed or are gone is not applied: the note says so.
    pub fn clarification_for(
        &self,
        c: &Component,
        sha256_of: &dyn Fn(&str) -> Option<String>,
    ) -> (Option<&Clarification>, Vec<PolicyNote>) {
        let mut notes = Vec::new();
        for k in self
            .clarifications
            .iter()
            .filter(|k| k.selector.applies_to(c))
        {
            let mismatch = k.files.iter().find_map(|(path, sha)| {
                let found = c
                    .roots
                    .iter()
                    .map(|r| {
                        if r.is_empty() {
                            path.clone()
                        } else {
                            format!("{r}/{path}")
                        }
                    })
                    .chain(std::iter::once(path.clone()))
                    .find_map(|p| sha256_of(&p));
                match found {
                    Some(s) if s == *sha => None,
                    Some(s) => Some(format!("`{path}` has changed (SHA-256 {s}, pinned {sha})")),
                    None => Some(format!("`{path}` is not in the component")),
                }
            });
            match mismatch {
                None => return (Some(k), notes),
                Some(why) => notes.push(PolicyNote {
                    code: Code::StaleClarification,
                    line: k.line,
                    message: format!(
                        "clarification {} (line {}) is not applied to {}: {why}",
                        k.selector.label, k.line, c.purl
                    ),
                }),
            }
        }
        (None, notes)
    }

    /// The clarifications that named no component of the product.
    pub fn unused_clarifications(&self, components: &[Component]) -> Vec<PolicyNote> {
        self.clarifications
            .iter()
            .filter(|k| !components.iter().any(|c| k.selector.applies_to(c)))
            .map(|k| PolicyNote {
                code: Code::UnusedClarification,
                line: k.line,
                message: format!(
                    "clarification {} (line {}) names no component",
                    k.selector.label, k.line
                ),
            })
            .collect()
    }

    /// The exceptions that decided no term of any of these evaluations: unused, they should be
    /// removed (or they name the component wrongly).
    pub fn unused_exceptions<'e>(
        &self,
        evaluations: impl IntoIterator<Item = &'e Evaluation>,
    ) -> Vec<PolicyNote> {
        let used: std::collections::HashSet<&str> = evaluations
            .into_iter()
            .flat_map(|e| e.terms.iter().filter_map(|t| t.exception.as_deref()))
            .collect();
        self.exceptions
            .iter()
            .filter(|x| !used.contains(x.selector.label.as_str()))
            .map(|x| PolicyNote {
                code: Code::UnusedException,
                line: x.line,
                message: format!(
                    "exception `{}` (line {}) allowed no license of any component{}",
                    x.selector.label,
                    x.line,
                    if x.expired(self.today) {
                        format!("; it expired on {}", x.expires.expect("expired has a date"))
                    } else {
                        String::new()
                    }
                ),
            })
            .collect()
    }
}

fn describe(
    verdict: Verdict,
    expr: &LicenseExpr,
    chosen: &LicenseExpr,
    terms: &[TermResult],
) -> String {
    let rule_word = |r: Rule| match r {
        Rule::Deny => "denied",
        Rule::Allow => "allowed",
        Rule::Review => "listed for review",
        Rule::Exception => "allowed by a policy exception",
        Rule::ExpiredException => "allowed only by a policy exception that has expired",
        Rule::Unlisted => "not named by the policy",
        Rule::Unknown => "unknown",
    };
    let decisive: Vec<String> = terms
        .iter()
        .filter(|t| {
            chosen.sorted() == t.expression.sorted()
                || chosen
                    .terms()
                    .iter()
                    .any(|c| LicenseExpr::Term((*c).clone()) == t.expression)
        })
        .filter(|t| t.verdict == verdict)
        .map(|t| match (&t.category, &t.exception) {
            (Some(c), _) => format!("`{}` is {} ({c})", t.expression, rule_word(t.rule)),
            (None, Some(x)) => format!("`{}` is {} ({x})", t.expression, rule_word(t.rule)),
            (None, None) => format!("`{}` is {}", t.expression, rule_word(t.rule)),
        })
        .collect();
    let mut s = if decisive.is_empty() {
        format!("`{expr}`: {verdict}")
    } else {
        decisive.join(", ")
    };
    if chosen.sorted() != expr.sorted() {
        s.push_str(&format!("; `{chosen}` chosen from `{expr}`"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Fallback;

    fn policy(text: &str) -> Policy {
        Policy::from_toml("t.toml", text).unwrap()
    }

    fn eval(p: &Policy, e: &str) -> Evaluation {
        p.evaluate_expression(Some(&LicenseExpr::parse(e).unwrap()))
    }

    const P: &str = "[licenses]\nallow = [\"MIT\", \"Apache-2.0\", \"GPL-2.0-only WITH Classpath-exception-2.0\"]\n\
                     deny = [\"AGPL-3.0-only\"]\nreview = [\"LGPL-2.1-only\", \"GPL-2.0-only\"]\n";

    #[test]
    fn categories_decide_licenses_no_entry_names() {
        let p = policy(
            "[licenses]\nallow = [\"category:permissive\", \"category:public-domain\", \"MPL-2.0\"]\n\
             deny = [\"category:network-copyleft\", \"category:non-commercial\", \"WTFPL\"]\n\
             review = [\"category:weak-copyleft\", \"category:strong-copyleft\"]\n",
        );
        let v = |e: &str| eval(&p, e).verdict;
        assert_eq!(v("MIT"), Verdict::Pass);
        assert_eq!(v("CC0-1.0"), Verdict::Pass);
        assert_eq!(v("AGPL-3.0-or-later"), Verdict::Fail);
        assert_eq!(v("CC-BY-NC-4.0"), Verdict::Fail);
        assert_eq!(v("LGPL-2.1-only"), Verdict::Review);
        assert_eq!(v("GPL-3.0-only"), Verdict::Review);
        // An entry naming the license wins over its category, in either direction.
        assert_eq!(v("MPL-2.0"), Verdict::Pass);
        assert_eq!(v("WTFPL"), Verdict::Fail);
        // A category no list names falls to `unlisted`.
        assert_eq!(v("BUSL-1.1"), Verdict::Review);
        // A linking exception makes the GPL weak copyleft.
        assert_eq!(
            v("GPL-2.0-only WITH Classpath-exception-2.0"),
            Verdict::Review
        );
        // `OR` takes the permissive side, and says why.
        let e = eval(&p, "GPL-3.0-only OR MIT");
        assert_eq!(e.verdict, Verdict::Pass);
        assert_eq!(e.chosen.unwrap().to_string(), "MIT");
        assert!(e.reason.contains("(permissive)"), "{}", e.reason);
        assert_eq!(e.terms[1].category, Some(Category::Permissive));
    }

    fn component(name: &str, purl: &str, license: &str) -> Component {
        let mut c = Component::new(
            clearance_model::Ecosystem::Npm,
            name,
            Some("3.1.0".into()),
            purl.into(),
        );
        c.concluded.expression = Some(license.parse().unwrap());
        c
    }

    #[test]
    fn the_policy_classifies_licenses_outside_the_spdx_list() {
        let p = policy(
            "[licenses]\nallow = [\"category:permissive\"]\ndeny = [\"category:proprietary\"]\n\
             [categories]\n\"LicenseRef-acme-eula\" = \"proprietary\"\n\"LicenseRef-scancode-bsd-new-derivative\" = \"permissive\"\n",
        );
        assert_eq!(eval(&p, "LicenseRef-acme-eula").verdict, Verdict::Fail);
        let e = eval(&p, "LicenseRef-scancode-bsd-new-derivative");
        assert_eq!(e.verdict, Verdict::Pass);
        assert_eq!(e.terms[0].category, Some(Category::Permissive));
        // Its obligations are those of the category.
        let c = component(
            "x",
            "pkg:npm/x@3.1.0",
            "LicenseRef-scancode-bsd-new-derivative",
        );
        let kinds: Vec<_> = p
            .evaluate_component(&c)
            .unwrap()
            .obligations
            .iter()
            .map(|o| o.kind)
            .collect();
        assert!(
            kinds.contains(&crate::obligations::Kind::Attribution),
            "{kinds:?}"
        );
        for (bad, code, line) in [
            (
                "[categories]\n\"MIT OR ISC\" = \"permissive\"\n",
                crate::diagnostics::Code::InvalidSpdxExpression,
                2,
            ),
            (
                "[categories]\n\"LicenseRef-x\" = \"free\"\n",
                crate::diagnostics::Code::UnknownCategory,
                2,
            ),
        ] {
            let err = Policy::from_toml("t.toml", bad).unwrap_err();
            assert_eq!((err.code, err.line), (code, line), "{err}");
        }
    }

    #[test]
    fn exceptions_with_a_version_range() {
        let p = policy(
            "[licenses]\ndeny = [\"AGPL-3.0-only\"]\n[[exceptions]]\nname = \"charlie\"\nversion = \"^3.1\"\n\
             allow = [\"AGPL-3.0-only\"]\nreason = \"internal service\"\n",
        );
        assert_eq!(
            p.exceptions[0].selector.label,
            "name = \"charlie\", version = \"^3.1\""
        );
        let c = component("charlie", "pkg:npm/charlie@3.1.0", "AGPL-3.0-only");
        assert_eq!(p.evaluate_component(&c).unwrap().verdict, Verdict::Pass);
        let mut four = c.clone();
        four.version = Some("4.0.0".into());
        assert_eq!(p.evaluate_component(&four).unwrap().verdict, Verdict::Fail);
        let mut unknown = c;
        unknown.version = None;
        assert_eq!(
            p.evaluate_component(&unknown).unwrap().verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn linking_decides_relinking_and_compatibility() {
        use crate::obligations::{Kind, Linking};
        let text = "[product]\nlicense = \"Apache-2.0\"\n[licenses]\nallow = [\"category:weak-copyleft\", \"GPL-2.0-only\"]\n\
                    [[linking]]\npurl = \"pkg:npm/bundled-*\"\nlinking = \"static\"\n\
                    [[linking]]\nname = \"gpl-daemon\"\nlinking = \"process\"\n";
        let p = policy(text);
        assert_eq!(p.linking.len(), 2);
        // npm packages are loaded at run time: the LGPL asks for no relinking material…
        let lib = component("lgpl-lib", "pkg:npm/lgpl-lib@3.1.0", "LGPL-2.1-only");
        let e = p.evaluate_component(&lib).unwrap();
        assert_eq!(e.linking, Some(Linking::Dynamic));
        assert!(!e.obligations.iter().any(|o| o.kind == Kind::Relinking));
        // …unless the policy says they are bundled (compiled in).
        let bundled = component(
            "bundled-lgpl",
            "pkg:npm/bundled-lgpl@3.1.0",
            "LGPL-2.1-only",
        );
        let e = p.evaluate_component(&bundled).unwrap();
        assert_eq!(e.linking, Some(Linking::Static));
        assert!(e.obligations.iter().any(|o| o.kind == Kind::Relinking));
        // GPL code combined with an Apache-2.0 product needs review; run as a separate process,
        // it does not combine with the product, but its own source is still owed.
        let gpl = component("gpl-lib", "pkg:npm/gpl-lib@3.1.0", "GPL-2.0-only");
        assert_eq!(p.evaluate_component(&gpl).unwrap().verdict, Verdict::Review);
        let daemon = component("gpl-daemon", "pkg:npm/gpl-daemon@3.1.0", "GPL-2.0-only");
        let e = p.evaluate_component(&daemon).unwrap();
        assert_eq!(
            (e.verdict, e.linking),
            (Verdict::Pass, Some(Linking::Process))
        );
        assert!(e.compatibility.is_empty());
        assert!(e.obligations.iter().any(|o| o.kind == Kind::DiscloseSource));
        let err = Policy::from_toml("t.toml", "[[linking]]\nlinking = \"static\"\n").unwrap_err();
        assert_eq!(
            (err.code, err.line),
            (crate::diagnostics::Code::MissingSelector, 1)
        );
    }

    const EXCEPTIONS: &str = "[licenses]\nallow = [\"MIT\"]\ndeny = [\"AGPL-3.0-only\"]\n\n\
        [[exceptions]]\nname = \"charlie\"\nallow = [\"AGPL-3.0-only\"]\n\
        reason = \"runs as a separate internal service\"\napproved-by = \"ospo@acme.example\"\n\
        expires = 2027-06-30\n\n\
        [[exceptions]]\npurl = \"pkg:npm/delta@3.*\"\nallow = [\"GPL-3.0-only\"]\nreason = \"build tool\"\n\n\
        [[exceptions]]\nname = \"nobody\"\nallow = [\"GPL-2.0-only\"]\nreason = \"gone\"\nexpires = 2020-01-01\n";

    #[test]
    fn exceptions_allow_licenses_for_their_components_until_they_expire() {
        let mut p = policy(EXCEPTIONS);
        p.today = crate::Date {
            year: 2026,
            month: 11,
            day: 24,
        };
        let charlie = component("charlie", "pkg:npm/charlie@3.1.0", "AGPL-3.0-only");
        let e = p.evaluate_component(&charlie).unwrap();
        assert_eq!(e.verdict, Verdict::Pass);
        assert_eq!(e.terms[0].rule, Rule::Exception);
        assert_eq!(e.terms[0].exception.as_deref(), Some("name = \"charlie\""));
        assert!(e.reason.contains("policy exception"), "{}", e.reason);
        // Another component with the same license is not excepted.
        let other = component("other", "pkg:npm/other@1.0.0", "AGPL-3.0-only");
        assert_eq!(p.evaluate_component(&other).unwrap().verdict, Verdict::Fail);
        // By purl glob, version included.
        let d3 = component("delta", "pkg:npm/delta@3.4.1", "GPL-3.0-only");
        let d4 = component("delta", "pkg:npm/delta@4.0.0", "GPL-3.0-only");
        assert_eq!(p.evaluate_component(&d3).unwrap().verdict, Verdict::Pass);
        assert_eq!(p.evaluate_component(&d4).unwrap().verdict, Verdict::Review);
        // After the expiry date the exception fails the component.
        p.today = crate::Date {
            year: 2027,
            month: 7,
            day: 1,
        };
        let e = p.evaluate_component(&charlie).unwrap();
        assert_eq!(e.verdict, Verdict::Fail);
        assert_eq!(e.terms[0].rule, Rule::ExpiredException);
        assert!(e.reason.contains("expired"), "{}", e.reason);
        // Unused exceptions are reported with their line.
        let evals: Vec<Evaluation> = [&charlie, &d3]
            .iter()
            .map(|c| p.evaluate_component(c).unwrap())
            .collect();
        let notes = p.unused_exceptions(&evals);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].code, "unused-exception");
        assert_eq!(notes[0].line, 17);
        assert!(
            notes[0].message.contains("expired on 2020-01-01"),
            "{}",
            notes[0].message
        );
    }

    #[test]
    fn clarifications_set_a_license_while_their_files_are_unchanged() {
        let sha = "a".repeat(64);
        let p = policy(&format!(
            "[licenses]\nallow = [\"ISC\", \"MIT\", \"OpenSSL\"]\n\n\
             [[clarify]]\nname = \"ring\"\nexpression = \"ISC AND MIT AND OpenSSL\"\nreason = \"three texts in one file\"\n\
             files = [{{ path = \"LICENSE\", sha256 = \"{sha}\" }}]\n\n\
             [[clarify]]\nname = \"absent\"\nexpression = \"MIT\"\n"
        ));
        let mut ring = component("ring", "pkg:cargo/ring@0.17.8", "LicenseRef-ring-unclear");
        ring.roots = vec!["vendor/ring".into()];
        // The pinned file is as it was: the clarification decides.
        let same = |path: &str| (path == "vendor/ring/LICENSE").then(|| "a".repeat(64));
        let (k, notes) = p.clarification_for(&ring, &same);
        assert!(notes.is_empty());
        let e = p.evaluate_clarified(&ring, k).unwrap();
        assert_eq!(e.verdict, Verdict::Pass);
        assert!(
            e.reason
                .starts_with("license clarified by the policy as `ISC AND MIT AND OpenSSL` (name = \"ring\", line 4, \"three texts in one file\")"),
            "{}",
            e.reason
        );
        // The file changed: not applied, and said.
        let changed = |path: &str| (path == "vendor/ring/LICENSE").then(|| "b".repeat(64));
        let (k, notes) = p.clarification_for(&ring, &changed);
        assert!(k.is_none());
        assert_eq!(notes[0].code, "stale-clarification");
        assert!(
            notes[0].message.contains("`LICENSE` has changed"),
            "{}",
            notes[0].message
        );
        assert_eq!(
            p.evaluate_clarified(&ring, k).unwrap().verdict,
            Verdict::Review
        );
        // A clarification that names no component.
        let unused = p.unused_clarifications(std::slice::from_ref(&ring));
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].code, "unused-clarification");
        assert_eq!(unused[0].line, 10);
    }

    #[test]
    fn obligations_follow_the_product_distribution() {
        let saas = policy(
            "[product]\nname = \"acme-portal\"\nlicense = \"Apache-2.0\"\ndistribution = \"saas\"\n\
             source-offer = \"https://acme.example/oss\"\nnotices = [\"THIRD_PARTY_NOTICES*\"]\n\
             [licenses]\nreview = [\"category:network-copyleft\"]\n",
        );
        assert_eq!(
            saas.product.license.as_ref().unwrap().to_string(),
            "Apache-2.0"
        );
        let c = component("charlie", "pkg:npm/charlie@3.1.0", "AGPL-3.0-only");
        let e = saas.evaluate_component(&c).unwrap();
        let kinds: Vec<_> = e.obligations.iter().map(|o| o.kind).collect();
        assert_eq!(kinds, [crate::obligations::Kind::NetworkSource]);
        assert!(e.obligations[0].clause.starts_with("§13"));
        let internal = policy("[product]\ndistribution = \"internal\"\n");
        assert!(
            internal
                .evaluate_component(&c)
                .unwrap()
                .obligations
                .is_empty()
        );
        // Default: shipped as binaries.
        let e = policy("").evaluate_component(&c).unwrap();
        assert!(
            e.obligations
                .iter()
                .any(|o| o.kind == crate::obligations::Kind::DiscloseSource)
        );
        let err = Policy::from_toml("t.toml", "[product]\ndistribution = \"cloud\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = Policy::from_toml("t.toml", "[product]\nlicense = \"Apache 2\"\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn a_license_the_products_own_cannot_take_is_flagged() {
        let p = policy(
            "[product]\nlicense = \"Apache-2.0\"\ndistribution = \"binary\"\n\
             [licenses]\nallow = [\"MIT\", \"GPL-2.0-only\", \"LGPL-2.1-only\"]\n",
        );
        let gpl = component("readline", "pkg:generic/readline@8.2", "GPL-2.0-only");
        let e = p.evaluate_component(&gpl).unwrap();
        assert_eq!(e.verdict, Verdict::Review);
        assert!(
            e.reason
                .contains("`GPL-2.0-only` is incompatible with the product's `Apache-2.0`"),
            "{}",
            e.reason
        );
        // Weak copyleft is listed with its condition, and passes.
        let lgpl = component("glib", "pkg:generic/glib@2.80", "LGPL-2.1-only");
        let e = p.evaluate_component(&lgpl).unwrap();
        assert_eq!(e.verdict, Verdict::Pass);
        assert_eq!(
            e.compatibility[0].verdict,
            crate::compat::Verdict::Conditional
        );
        let mit = component("ms", "pkg:npm/ms@2.1.3", "MIT");
        assert!(p.evaluate_component(&mit).unwrap().compatibility.is_empty());
    }

    #[test]
    fn scopes_that_do_not_ship() {
        let p = policy(
            "[licenses]\nallow = [\"MIT\"]\ndeny = [\"GPL-3.0-only\"]\ninclude-scopes = [\"runtime\", \"optional\"]\n",
        );
        let mut c = component("jest", "pkg:npm/jest@29.0.0", "GPL-3.0-only");
        assert_eq!(p.evaluate_component(&c).unwrap().verdict, Verdict::Fail);
        c.scope = Some(clearance_model::Scope::Dev);
        let e = p.evaluate_component(&c).unwrap();
        assert_eq!(e.verdict, Verdict::Pass);
        assert!(e.reason.contains("does not ship"), "{}", e.reason);
        let e = Policy::from_toml(
            "t.toml",
            "[licenses]\ninclude-scopes = [\"runtime\"]\n[dev]\ninclude-scopes = [\"dev\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4);
        let e = Policy::from_toml("t.toml", "[licenses]\ninclude-scopes = [\"shipping\"]\n")
            .unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn bad_clarifications_are_errors() {
        let e = Policy::from_toml(
            "t.toml",
            "[[clarify]]\nname = \"a\"\nexpression = \"MIT\"\nfiles = [{ path = \"LICENSE\", sha256 = \"abc\" }]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("64 hex digits"), "{e}");
        let e = Policy::from_toml(
            "t.toml",
            "[[clarify]]\nname = \"a\"\nexpression = \"MIT OR\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn bad_exceptions_are_errors_at_their_line() {
        let e = Policy::from_toml(
            "t.toml",
            "[[exceptions]]\nallow = [\"MIT\"]\nreason = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("`name` or `purl`"), "{e}");
        let e = Policy::from_toml(
            "t.toml",
            "[[exceptions]]\nname = \"a\"\nallow = [\"MIT\"]\nreason = \"x\"\nexpires = 2027-06-30T10:00:00\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 5);
        let e = Policy::from_toml(
            "t.toml",
            "[[exceptions]]\nname = \"a\"\nallow = [\"MIT\"]\n",
        )
        .unwrap_err();
        assert!(e.message.contains("reason"), "{e}");
    }

    #[test]
    fn dates_from_timestamps() {
        assert_eq!(crate::Date::from_unix(0).to_string(), "1970-01-01");
        assert_eq!(
            crate::Date::from_unix(1_795_996_800).to_string(),
            "2026-11-30"
        );
        assert_eq!(
            crate::Date::from_unix(951_782_400).to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn unknown_categories_and_duplicates_are_errors() {
        let e = Policy::from_toml("t.toml", "[licenses]\ndeny = [\"category:copyleft\"]\n")
            .unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
        assert!(
            e.message.contains("unknown license category `copyleft`"),
            "{e}"
        );
        assert!(e.message.contains("network-copyleft"), "{e}");
        let e = Policy::from_toml(
            "t.toml",
            "[licenses]\nallow = [\"category:permissive\"]\nreview = [\"category:permissive\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("both"), "{e}");
    }

    #[test]
    fn single_terms() {
        let p = policy(P);
        assert_eq!(eval(&p, "MIT").verdict, Verdict::Pass);
        assert_eq!(eval(&p, "AGPL-3.0-only").verdict, Verdict::Fail);
        assert_eq!(eval(&p, "LGPL-2.1-only").verdict, Verdict::Review);
        assert_eq!(
            eval(&p, "ISC").verdict,
            Verdict::Review,
            "unlisted defaults to review"
        );
        assert_eq!(eval(&p, "ISC").terms[0].rule, Rule::Unlisted);
    }

    #[test]
    fn or_takes_the_best_side_and_records_it() {
        let p = policy(P);
        let e = eval(&p, "AGPL-3.0-only OR MIT");
        assert_eq!(e.verdict, Verdict::Pass);
        assert_eq!(e.chosen.unwrap().to_string(), "MIT");
        assert!(e.reason.contains("chosen"), "{}", e.reason);
    }

    #[test]
    fn and_needs_every_side() {
        let p = policy(P);
        assert_eq!(eval(&p, "MIT AND AGPL-3.0-only").verdict, Verdict::Fail);
        assert_eq!(eval(&p, "MIT AND LGPL-2.1-only").verdict, Verdict::Review);
        assert_eq!(
            eval(&p, "(MIT OR AGPL-3.0-only) AND Apache-2.0")
                .chosen
                .unwrap()
                .to_string(),
            "MIT AND Apache-2.0"
        );
    }

    #[test]
    fn with_exception_is_its_own_unit() {
        let p = policy(P);
        assert_eq!(
            eval(&p, "GPL-2.0-only WITH Classpath-exception-2.0").verdict,
            Verdict::Pass
        );
        assert_eq!(eval(&p, "GPL-2.0-only").verdict, Verdict::Review);
        assert_eq!(
            eval(&p, "GPL-2.0-or-later").verdict,
            Verdict::Review,
            "-or-later is not -only"
        );
        assert_eq!(eval(&p, "GPL-2.0-or-later").terms[0].rule, Rule::Unlisted);
    }

    #[test]
    fn whole_expression_entries() {
        let p =
            policy("[licenses]\nallow = [\"MIT AND GPL-3.0-only\"]\ndeny = [\"GPL-3.0-only\"]\n");
        assert_eq!(eval(&p, "GPL-3.0-only AND MIT").verdict, Verdict::Pass);
        assert_eq!(eval(&p, "GPL-3.0-only").verdict, Verdict::Fail);
    }

    #[test]
    fn prefer_breaks_ties() {
        let p =
            policy("[licenses]\nallow = [\"MIT\", \"Apache-2.0\"]\nprefer = [\"Apache-2.0\"]\n");
        assert_eq!(
            eval(&p, "MIT OR Apache-2.0").chosen.unwrap().to_string(),
            "Apache-2.0"
        );
        let p = policy("[licenses]\nallow = [\"MIT\", \"Apache-2.0\"]\n");
        assert_eq!(
            eval(&p, "MIT OR Apache-2.0").chosen.unwrap().to_string(),
            "MIT"
        );
    }

    #[test]
    fn unknown_and_unlisted_fallbacks() {
        let p = policy("[licenses]\nunknown = \"fail\"\nunlisted = \"fail\"\n");
        assert_eq!(p.unknown, Fallback::Fail);
        assert_eq!(p.evaluate_expression(None).verdict, Verdict::Fail);
        assert_eq!(eval(&p, "MIT").verdict, Verdict::Fail);
        let p = policy("");
        assert_eq!(p.evaluate_expression(None).verdict, Verdict::Review);
    }

    #[test]
    fn deny_wins_over_allow_for_the_same_term_in_whole_and_part() {
        let p =
            policy("[licenses]\nallow = [\"MIT OR GPL-3.0-only\"]\ndeny = [\"GPL-3.0-only\"]\n");
        // The whole expression is allowed as written.
        assert_eq!(eval(&p, "MIT OR GPL-3.0-only").verdict, Verdict::Pass);
    }
}
