//! The policy engine of clearance.
//!
//! A policy is a TOML file; it is read in two steps (as cargo-deny does): the raw file is
//! deserialised with spans, then validated into a [`Policy`] whose every SPDX expression has been
//! parsed. Errors point at the file, line and column. [`Policy::evaluate_component`] gives each component a
//! [`Verdict`] term by term: `A OR B` passes when either side is acceptable (the choice is
//! recorded), `A AND B` needs both, `X WITH exception` is a unit of its own.
//!
//! # Example
//! ```
//! use clearance_policy::{Policy, Verdict};
//! let policy = Policy::from_toml("p.toml", "[licenses]\nallow = [\"MIT\"]\ndeny = [\"GPL-3.0-only\"]\n").unwrap();
//! let e = policy.evaluate_expression(Some(&"MIT OR GPL-3.0-only".parse().unwrap()));
//! assert_eq!(e.verdict, Verdict::Pass);
//! assert_eq!(e.chosen.unwrap().to_string(), "MIT");
//! ```

mod eval;
pub mod kb;

use std::fmt;

use clearance_model::LicenseExpr;
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use eval::{Evaluation, Rule, TermResult};

/// The policy shipped in the binary (`policies/default.toml`), used when no `--policy` is given.
pub const DEFAULT_POLICY: &str = include_str!("../../../policies/default.toml");

/// Name under which the embedded default policy appears in messages.
pub const DEFAULT_POLICY_NAME: &str = "policies/default.toml (embedded)";

/// How a list entry names a license category: `category:weak-copyleft`.
pub const CATEGORY_PREFIX: &str = "category:";

/// The verdict on a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The license is acceptable.
    Pass,
    /// A human must decide.
    Review,
    /// The license is denied.
    Fail,
}

impl Verdict {
    /// The word shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Review => "review",
            Verdict::Fail => "fail",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to do with a component whose license is unknown, or a license no list names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fallback {
    /// Needs review.
    Review,
    /// Fails the gate.
    Fail,
}

impl Fallback {
    /// The value as written in a policy file.
    pub fn as_str(self) -> &'static str {
        match self {
            Fallback::Review => "review",
            Fallback::Fail => "fail",
        }
    }

    fn verdict(self) -> Verdict {
        match self {
            Fallback::Review => Verdict::Review,
            Fallback::Fail => Verdict::Fail,
        }
    }
}

/// A policy file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct PolicyError {
    /// The policy file as named by the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    licenses: Option<RawLicenses>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLicenses {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
    #[serde(default)]
    review: Vec<Spanned<String>>,
    #[serde(default)]
    prefer: Vec<Spanned<String>>,
    #[serde(default)]
    unknown: Option<Fallback>,
    #[serde(default)]
    unlisted: Option<Fallback>,
}

/// A validated policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Where it was read from.
    pub source: String,
    /// Licenses and expressions that pass.
    pub allow: Vec<LicenseExpr>,
    /// Licenses and expressions that fail.
    pub deny: Vec<LicenseExpr>,
    /// Licenses and expressions that need review.
    pub review: Vec<LicenseExpr>,
    /// Categories whose licenses pass (`category:permissive`).
    pub allow_categories: Vec<kb::Category>,
    /// Categories whose licenses fail.
    pub deny_categories: Vec<kb::Category>,
    /// Categories whose licenses need review.
    pub review_categories: Vec<kb::Category>,
    /// Order of preference among the sides of an `OR` with the same verdict.
    pub prefer: Vec<LicenseExpr>,
    /// Verdict for a component without a known license.
    pub unknown: Fallback,
    /// Verdict for a license that no list names.
    pub unlisted: Fallback,
}

/// 1-based (line, column) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, col)
}

impl Policy {
    /// The embedded default policy.
    pub fn default_policy() -> Policy {
        Policy::from_toml(DEFAULT_POLICY_NAME, DEFAULT_POLICY)
            .expect("the embedded default policy is valid")
    }

    /// Reads and validates a policy; `name` is used in error messages.
    pub fn from_toml(name: &str, text: &str) -> Result<Policy, PolicyError> {
        let err = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            PolicyError {
                file: name.to_string(),
                line,
                column,
                message,
            }
        };
        let raw: RawPolicy = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            err(offset, e.message().trim().to_string())
        })?;
        let licenses = raw.licenses.unwrap_or(RawLicenses {
            allow: Vec::new(),
            deny: Vec::new(),
            review: Vec::new(),
            prefer: Vec::new(),
            unknown: None,
            unlisted: None,
        });
        // `category:NAME` entries, and the SPDX expressions.
        let parse_categories =
            |key: &str, list: &[Spanned<String>]| -> Result<Vec<kb::Category>, PolicyError> {
                list.iter()
                    .filter_map(|s| {
                        let name = s.get_ref().strip_prefix(CATEGORY_PREFIX)?;
                        Some(kb::Category::from_name(name.trim()).ok_or_else(|| {
                            let known: Vec<&str> =
                                kb::Category::ALL.iter().map(|c| c.as_str()).collect();
                            err(
                                s.span().start + 1,
                                format!(
                                    "`{key}`: unknown license category `{name}` (one of: {})",
                                    known.join(", ")
                                ),
                            )
                        }))
                    })
                    .collect()
            };
        let parse_list = |key: &str,
                          list: &[Spanned<String>]|
         -> Result<Vec<LicenseExpr>, PolicyError> {
            list.iter()
                .filter(|s| !s.get_ref().starts_with(CATEGORY_PREFIX))
                .map(|s| {
                    let (expr, notes) =
                        LicenseExpr::parse_with_notes(s.get_ref(), false).map_err(|e| {
                            // Point inside the string: span starts at the opening quote.
                            let offset = s.span().start + 1 + e.offset().unwrap_or(0);
                            err(
                                offset,
                                format!("`{key}`: invalid SPDX expression `{}`: {e}", s.get_ref()),
                            )
                        })?;
                    // Deprecated ids are accepted and read as their current form.
                    let _ = notes;
                    Ok(expr)
                })
                .collect()
        };
        let policy = Policy {
            source: name.to_string(),
            allow: parse_list("allow", &licenses.allow)?,
            deny: parse_list("deny", &licenses.deny)?,
            review: parse_list("review", &licenses.review)?,
            allow_categories: parse_categories("allow", &licenses.allow)?,
            deny_categories: parse_categories("deny", &licenses.deny)?,
            review_categories: parse_categories("review", &licenses.review)?,
            prefer: parse_list("prefer", &licenses.prefer)?,
            unknown: licenses.unknown.unwrap_or(Fallback::Review),
            unlisted: licenses.unlisted.unwrap_or(Fallback::Review),
        };
        // One license (or category) in two lists is a mistake the user must resolve.
        let lists = [
            ("allow", &licenses.allow),
            ("deny", &licenses.deny),
            ("review", &licenses.review),
        ];
        let key = |s: &str| -> String {
            match LicenseExpr::parse(s) {
                Ok(e) => e.sorted().to_string(),
                Err(_) => s.trim().to_string(),
            }
        };
        for (i, (a_name, a)) in lists.iter().enumerate() {
            for (b_name, b) in &lists[i + 1..] {
                for entry in b.iter() {
                    if a.iter().any(|x| key(x.get_ref()) == key(entry.get_ref())) {
                        return Err(err(
                            entry.span().start,
                            format!("`{}` is in both `{a_name}` and `{b_name}`", entry.get_ref()),
                        ));
                    }
                }
            }
        }
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_is_valid() {
        let p = Policy::default_policy();
        assert!(p.allow.iter().any(|e| e.to_string() == "MIT"));
        assert!(!p.deny.is_empty());
        assert_eq!(p.unknown, Fallback::Review);
    }

    #[test]
    fn bad_id_points_at_line_and_column() {
        let e = Policy::from_toml("p.toml", "[licenses]\nallow = [\"MIT\", \"Apache-2\"]\n")
            .unwrap_err();
        assert_eq!((e.line, e.column), (2, 18));
        assert!(e.message.contains("Apache-2"), "{e}");
        assert_eq!(
            e.to_string(),
            "p.toml:2:18: `allow`: invalid SPDX expression `Apache-2`: unknown license id `Apache-2` at byte 0"
        );
    }

    #[test]
    fn unknown_key_is_an_error() {
        let e = Policy::from_toml("p.toml", "[licenses]\nalow = [\"MIT\"]\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("alow"), "{e}");
        let e = Policy::from_toml("p.toml", "[licenses]\nunknown = \"maybe\"\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn invalid_toml_is_an_error() {
        let e = Policy::from_toml("p.toml", "[licenses\nallow = []").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn same_license_in_two_lists() {
        let e = Policy::from_toml(
            "p.toml",
            "[licenses]\nallow = [\"MIT\"]\ndeny = [\"mit\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("both"), "{e}");
    }
}
