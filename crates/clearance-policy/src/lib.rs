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

pub mod attribution;
pub mod compat;
pub mod diagnostics;
mod eval;
pub mod kb;
pub mod obligations;
pub mod version;

use std::fmt;

use clearance_model::LicenseExpr;
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use eval::{Evaluation, PolicyNote, Rule, TermResult};

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
    /// What kind of mistake it is.
    pub code: diagnostics::Code,
    /// The policy file as named by the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl PolicyError {
    /// The error as a diagnostic with the policy line it points at (`text` is the policy file):
    ///
    /// ```text
    /// error[invalid-spdx-expression]: `allow`: invalid SPDX expression `Apache-2`: …
    ///  --> p.toml:2:18
    ///   |
    /// 2 | allow = ["MIT", "Apache-2"]
    ///   |                  ^
    /// ```
    pub fn render(&self, text: &str) -> String {
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        let mut out = format!(
            "{}[{}]: {}\n{pad}--> {}:{}:{}\n",
            self.code.severity().as_str(),
            self.code,
            self.message,
            self.file,
            self.line,
            self.column
        );
        if let Some(line) = text.lines().nth(self.line.saturating_sub(1)) {
            // The caret under the column, counting a tab as a tab.
            let lead: String = line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("{pad} |\n{number} | {line}\n{pad} | {lead}^\n"));
        }
        out
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    #[serde(default)]
    licenses: Option<RawLicenses>,
    #[serde(default)]
    exceptions: Vec<Spanned<RawException>>,
    #[serde(default)]
    clarify: Vec<Spanned<RawClarify>>,
    #[serde(default)]
    dev: Option<RawLicenses>,
    #[serde(default)]
    product: Option<RawProduct>,
    #[serde(default)]
    linking: Vec<Spanned<RawLinking>>,
    #[serde(default)]
    categories: std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinking {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    purl: Option<String>,
    #[serde(default)]
    version: Option<Spanned<String>>,
    linking: obligations::Linking,
}

/// How some components are linked (`[[linking]]`), overriding the ecosystem's default.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkingRule {
    /// The components it applies to.
    pub selector: Selector,
    /// How they are linked.
    pub linking: obligations::Linking,
    /// 1-based line of its table in the policy file.
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawProduct {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    license: Option<Spanned<String>>,
    #[serde(default)]
    distribution: Option<obligations::Distribution>,
    #[serde(default)]
    source_offer: Option<String>,
    #[serde(default)]
    notices: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    unmet_obligations: Option<UnmetAction>,
}

/// What an unmet obligation does to its component's verdict (`[product] unmet-obligations`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum UnmetAction {
    /// The component needs review (the default).
    #[default]
    Review,
    /// The component fails.
    Fail,
    /// Reported only; the verdict does not change.
    Warn,
}

/// The product the policy is for (`[product]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Product {
    /// Its name.
    pub name: Option<String>,
    /// Its own (outbound) license.
    pub license: Option<LicenseExpr>,
    /// How it reaches its users; decides which obligations apply (default: binary).
    pub distribution: obligations::Distribution,
    /// Where the source of its copyleft components is offered, if anywhere.
    pub source_offer: Option<String>,
    /// Globs of its third-party notices files (`THIRD_PARTY_NOTICES*`, `licenses/`), relative
    /// to the scanned root; [`attribution::DEFAULT_NOTICES`] when the policy does not say.
    pub notices: Vec<String>,
    /// Whether obligations are checked against the product (set by a `[product]` table), and
    /// what an unmet one does to the verdict.
    pub unmet: Option<UnmetAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawClarify {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    purl: Option<String>,
    #[serde(default)]
    version: Option<Spanned<String>>,
    expression: Spanned<String>,
    #[serde(default)]
    files: Vec<RawClarifyFile>,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClarifyFile {
    path: String,
    sha256: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawException {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    purl: Option<Spanned<String>>,
    #[serde(default)]
    version: Option<Spanned<String>>,
    allow: Vec<Spanned<String>>,
    reason: String,
    #[serde(default)]
    approved_by: Option<String>,
    #[serde(default)]
    expires: Option<Spanned<toml::value::Datetime>>,
}

/// A calendar date (for exception expiry).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl Date {
    /// The date of a Unix timestamp (UTC).
    pub fn from_unix(secs: i64) -> Date {
        // Days to civil date (Howard Hinnant's algorithm, public domain).
        let z = secs.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// Today: the date of `SOURCE_DATE_EPOCH` when set (reproducible runs), else of the clock.
    pub fn today() -> Date {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        Date::from_unix(secs)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Which components a policy entry (exception, clarification) is about: by name, by purl glob,
/// or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// How it is shown: `name = "charlie"` or `purl = "pkg:npm/charlie@3.*"`.
    pub label: String,
    /// The component name (case-insensitive), if given.
    pub name: Option<String>,
    /// The purl glob (`*` matches any run of characters), if given.
    pub purl: Option<String>,
    /// The range the component's version must be in, if given.
    pub version: Option<version::VersionReq>,
}

impl Selector {
    fn new(
        name: Option<String>,
        purl: Option<String>,
        version: Option<version::VersionReq>,
    ) -> Option<Selector> {
        let mut label = match (&name, &purl) {
            (Some(n), _) => format!("name = \"{n}\""),
            (None, Some(p)) => format!("purl = \"{p}\""),
            (None, None) => return None,
        };
        if let Some(v) = &version {
            label.push_str(&format!(", version = \"{v}\""));
        }
        Some(Selector {
            label,
            name,
            purl,
            version,
        })
    }

    /// `true` when the entry names this component.
    pub fn applies_to(&self, c: &clearance_model::Component) -> bool {
        if let Some(n) = &self.name
            && !n.eq_ignore_ascii_case(&c.name)
        {
            return false;
        }
        if let Some(glob) = &self.purl
            && !glob_match(glob, &c.purl)
        {
            return false;
        }
        if let Some(range) = &self.version
            && !c.version.as_deref().is_some_and(|v| range.matches(v))
        {
            return false;
        }
        true
    }
}

/// A policy exception: licenses allowed for some components only, with a reason, an approver
/// and an expiry date.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    /// The components it applies to.
    pub selector: Selector,
    /// The licenses (or expressions) it allows for those components.
    pub allow: Vec<LicenseExpr>,
    /// Why.
    pub reason: String,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// The last day it applies.
    pub expires: Option<Date>,
    /// 1-based line of its table in the policy file.
    pub line: usize,
}

/// A clarification: the license of some components set by hand where detection is wrong,
/// pinned to the hashes of the files it was made for.
#[derive(Debug, Clone, PartialEq)]
pub struct Clarification {
    /// The components it applies to.
    pub selector: Selector,
    /// Their license.
    pub expression: LicenseExpr,
    /// `(path relative to the component's root, SHA-256)` of each file it was made for.
    pub files: Vec<(String, String)>,
    /// Why, if the policy says.
    pub reason: Option<String>,
    /// 1-based line of its table in the policy file.
    pub line: usize,
}

impl Exception {
    /// `true` when the exception has expired by `today`.
    pub fn expired(&self, today: Date) -> bool {
        self.expires.is_some_and(|e| e < today)
    }
}

/// `*` matches any run of characters, every other character itself.
fn glob_match(glob: &str, text: &str) -> bool {
    let parts: Vec<&str> = glob.split('*').collect();
    let (first, rest) = parts.split_first().expect("split yields one part");
    let Some(mut text) = text.strip_prefix(first) else {
        return false;
    };
    for (i, part) in rest.iter().enumerate() {
        if i + 1 == rest.len() {
            return text.ends_with(part);
        }
        match text.find(part) {
            Some(k) => text = &text[k + part.len()..],
            None => return false,
        }
    }
    text.is_empty()
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
    #[serde(default)]
    include_scopes: Option<Vec<clearance_model::Scope>>,
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
    /// Exceptions, in the file's order.
    pub exceptions: Vec<Exception>,
    /// Clarifications, in the file's order.
    pub clarifications: Vec<Clarification>,
    /// Linking overrides, in the file's order (the first that applies wins).
    pub linking: Vec<LinkingRule>,
    /// Categories the policy gives license ids (`[categories]`), over the knowledge base's.
    pub categories: std::collections::BTreeMap<String, kb::Category>,
    /// What reading the file noticed without rejecting it (deprecated SPDX ids), in line order.
    pub notes: Vec<PolicyNote>,
    /// The dependency scopes that ship (`include-scopes`); `None`: every scope. A component of
    /// another scope is judged by [`Policy::dev`], or passes as not shipped.
    pub include_scopes: Option<Vec<clearance_model::Scope>>,
    /// The lists for components that do not ship (`[dev]`).
    pub dev: Option<Box<Policy>>,
    /// The product (`[product]`).
    pub product: Product,
    /// The date exceptions are checked against (see [`Date::today`]).
    pub today: Date,
}

/// Byte offset of the start of a 1-based line.
fn line_offset(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
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
        let err = |code: diagnostics::Code, offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            PolicyError {
                code,
                file: name.to_string(),
                line,
                column,
                message,
            }
        };
        let deprecated: std::cell::RefCell<Vec<PolicyNote>> = std::cell::RefCell::new(Vec::new());
        let raw: RawPolicy = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim();
            let code = if message.starts_with("unknown field") {
                diagnostics::Code::UnknownKey
            } else if message.starts_with("missing field") {
                diagnostics::Code::MissingKey
            } else if message.contains("datetime") {
                diagnostics::Code::InvalidDate
            } else if message.starts_with("invalid") || message.starts_with("unknown variant") {
                diagnostics::Code::InvalidValue
            } else {
                diagnostics::Code::PolicySyntax
            };
            let message = if code == diagnostics::Code::InvalidDate {
                format!("{message} (write the date without quotes: `expires = 2027-06-30`)")
            } else {
                message.to_string()
            };
            err(code, offset, message)
        })?;
        let licenses = raw.licenses.unwrap_or(RawLicenses {
            allow: Vec::new(),
            deny: Vec::new(),
            review: Vec::new(),
            prefer: Vec::new(),
            unknown: None,
            unlisted: None,
            include_scopes: None,
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
                                diagnostics::Code::UnknownCategory,
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
                                diagnostics::Code::InvalidSpdxExpression,
                                offset,
                                format!("`{key}`: invalid SPDX expression `{}`: {e}", s.get_ref()),
                            )
                        })?;
                    // Deprecated ids are accepted, read as their current form, and noted.
                    for (old, new) in notes.deprecated {
                        deprecated.borrow_mut().push(PolicyNote {
                            code: diagnostics::Code::DeprecatedLicenseId,
                            line: line_col(text, s.span().start).0,
                            message: format!(
                                "`{key}`: `{old}` is a deprecated SPDX id, read as `{new}`; write `{new}`"
                            ),
                        });
                    }
                    Ok(expr)
                })
                .collect()
        };
        // The lists of one table (`[licenses]`, `[dev]`), checked for entries in two lists.
        let lists_of = |l: &RawLicenses| -> Result<Policy, PolicyError> {
            let policy = Policy {
                source: name.to_string(),
                allow: parse_list("allow", &l.allow)?,
                deny: parse_list("deny", &l.deny)?,
                review: parse_list("review", &l.review)?,
                allow_categories: parse_categories("allow", &l.allow)?,
                deny_categories: parse_categories("deny", &l.deny)?,
                review_categories: parse_categories("review", &l.review)?,
                prefer: parse_list("prefer", &l.prefer)?,
                unknown: l.unknown.unwrap_or(Fallback::Review),
                unlisted: l.unlisted.unwrap_or(Fallback::Review),
                exceptions: Vec::new(),
                clarifications: Vec::new(),
                linking: Vec::new(),
                categories: std::collections::BTreeMap::new(),
                notes: Vec::new(),
                include_scopes: None,
                dev: None,
                product: Product::default(),
                today: Date::today(),
            };
            // One license (or category) in two lists is a mistake the user must resolve.
            let lists = [
                ("allow", &l.allow),
                ("deny", &l.deny),
                ("review", &l.review),
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
                                diagnostics::Code::DuplicateEntry,
                                entry.span().start,
                                format!(
                                    "`{}` is in both `{a_name}` and `{b_name}`",
                                    entry.get_ref()
                                ),
                            ));
                        }
                    }
                }
            }
            Ok(policy)
        };
        let mut policy = lists_of(&licenses)?;
        policy.include_scopes = licenses.include_scopes.clone();
        if let Some(p) = &raw.product {
            policy.product = Product {
                name: p.name.clone(),
                license: match &p.license {
                    None => None,
                    Some(l) => parse_list("product.license", std::slice::from_ref(l))?.pop(),
                },
                distribution: p.distribution.unwrap_or_default(),
                source_offer: p.source_offer.clone(),
                notices: match &p.notices {
                    None => attribution::DEFAULT_NOTICES
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                    Some(globs) => globs
                        .iter()
                        .map(|g| {
                            attribution::notices_glob(g.get_ref())
                                .map(|_| g.get_ref().clone())
                                .map_err(|e| {
                                    err(
                                        diagnostics::Code::InvalidGlob,
                                        g.span().start + 1,
                                        format!(
                                            "`notices`: invalid glob `{}`: {}",
                                            g.get_ref(),
                                            e.kind()
                                        ),
                                    )
                                })
                        })
                        .collect::<Result<_, _>>()?,
                },
                unmet: Some(p.unmet_obligations.unwrap_or_default()),
            };
        }
        if let Some(dev) = &raw.dev {
            if dev.include_scopes.is_some() {
                let at = text
                    .find("[dev]")
                    .and_then(|d| text[d..].find("include-scopes").map(|i| d + i))
                    .unwrap_or(0);
                return Err(err(
                    diagnostics::Code::MisplacedKey,
                    at,
                    "`include-scopes` belongs in `[licenses]`, not in `[dev]`".to_string(),
                ));
            }
            policy.dev = Some(Box::new(lists_of(dev)?));
        }
        // The components an entry (a table starting at `start`) names, and the entry's line.
        let selector_at = |start: usize,
                           name: &Option<String>,
                           purl: &Option<String>,
                           version: &Option<Spanned<String>>,
                           what: &str|
         -> Result<(Selector, usize), PolicyError> {
            let line = line_col(text, start).0;
            let version = match version {
                None => None,
                Some(v) => Some(v.get_ref().parse::<version::VersionReq>().map_err(|e| {
                    err(
                        diagnostics::Code::InvalidVersionRange,
                        v.span().start + 1,
                        format!("`version`: {e}"),
                    )
                })?),
            };
            let selector = Selector::new(name.clone(), purl.clone(), version).ok_or_else(|| {
                err(
                    diagnostics::Code::MissingSelector,
                    line_offset(text, line),
                    format!("{what} needs `name` or `purl`"),
                )
            })?;
            Ok((selector, line))
        };
        policy.exceptions = raw
            .exceptions
            .iter()
            .map(|x| {
                let purl = x.get_ref().purl.as_ref().map(|p| p.get_ref().clone());
                let (selector, line) = selector_at(
                    x.span().start,
                    &x.get_ref().name,
                    &purl,
                    &x.get_ref().version,
                    "an exception",
                )?;
                let x = x.get_ref();
                let expires = match &x.expires {
                    None => None,
                    Some(d) => {
                        let at = d.span().start;
                        match d.get_ref().date {
                            Some(date) if d.get_ref().time.is_none() => Some(Date {
                                year: date.year,
                                month: date.month,
                                day: date.day,
                            }),
                            _ => {
                                return Err(err(
                                    diagnostics::Code::InvalidDate,
                                    at,
                                    "`expires` must be a date (`2027-06-30`)".to_string(),
                                ));
                            }
                        }
                    }
                };
                Ok(Exception {
                    selector,
                    allow: parse_list("exceptions.allow", &x.allow)?,
                    reason: x.reason.clone(),
                    approved_by: x.approved_by.clone(),
                    expires,
                    line,
                })
            })
            .collect::<Result<_, _>>()?;
        for (id, category) in &raw.categories {
            let name = id.get_ref().trim();
            let valid = LicenseExpr::parse(name)
                .ok()
                .is_some_and(|e| matches!(&e, LicenseExpr::Term(t) if t.exception.is_none() && t.to_string() == name));
            if !valid {
                return Err(err(
                    diagnostics::Code::InvalidSpdxExpression,
                    id.span().start,
                    format!(
                        "`categories`: `{name}` is not one license id (`LicenseRef-acme-eula`, `MIT`)"
                    ),
                ));
            }
            let c = kb::Category::from_name(category.get_ref().trim()).ok_or_else(|| {
                let known: Vec<&str> = kb::Category::ALL.iter().map(|c| c.as_str()).collect();
                err(
                    diagnostics::Code::UnknownCategory,
                    category.span().start + 1,
                    format!(
                        "`categories`: unknown license category `{}` (one of: {})",
                        category.get_ref(),
                        known.join(", ")
                    ),
                )
            })?;
            policy.categories.insert(name.to_string(), c);
        }
        policy.linking = raw
            .linking
            .iter()
            .map(|x| {
                let r = x.get_ref();
                let what = "a `[[linking]]` entry";
                let (selector, line) =
                    selector_at(x.span().start, &r.name, &r.purl, &r.version, what)?;
                let linking = r.linking;
                Ok(LinkingRule {
                    selector,
                    linking,
                    line,
                })
            })
            .collect::<Result<_, _>>()?;
        policy.clarifications = raw
            .clarify
            .iter()
            .map(|x| {
                let r = x.get_ref();
                let what = "a clarification";
                let (selector, line) =
                    selector_at(x.span().start, &r.name, &r.purl, &r.version, what)?;
                let x = x.get_ref();
                let expression =
                    parse_list("clarify.expression", std::slice::from_ref(&x.expression))?
                        .pop()
                        .ok_or_else(|| {
                            err(
                                diagnostics::Code::InvalidSpdxExpression,
                                x.expression.span().start,
                                "`expression` must be an SPDX expression".to_string(),
                            )
                        })?;
                let mut files = Vec::new();
                for f in &x.files {
                    let sha = f.sha256.get_ref().to_ascii_lowercase();
                    if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
                        return Err(err(
                            diagnostics::Code::InvalidSha256,
                            f.sha256.span().start + 1,
                            format!("`sha256` of `{}` must be 64 hex digits", f.path),
                        ));
                    }
                    files.push((f.path.trim_start_matches("./").to_string(), sha));
                }
                Ok(Clarification {
                    selector,
                    expression,
                    files,
                    reason: x.reason.clone(),
                    line,
                })
            })
            .collect::<Result<_, _>>()?;
        let mut notes = deprecated.into_inner();
        notes.sort_by_key(|n| n.line);
        notes.dedup();
        policy.notes = notes;
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
    fn deprecated_ids_are_read_and_noted() {
        let p = Policy::from_toml(
            "p.toml",
            "[licenses]\nallow = [\"MIT\"]\nreview = [\"GPL-2.0+\", \"LGPL-2.1\"]\n",
        )
        .unwrap();
        let read: Vec<String> = p.review.iter().map(ToString::to_string).collect();
        assert_eq!(read, ["GPL-2.0-or-later", "LGPL-2.1-only"]);
        assert_eq!(p.notes.len(), 2);
        assert_eq!(p.notes[0].code, diagnostics::Code::DeprecatedLicenseId);
        assert_eq!(p.notes[0].line, 3);
        assert!(p.notes[0].message.contains("`GPL-2.0+`"), "{:?}", p.notes);
        assert!(
            Policy::default_policy().notes.is_empty(),
            "the shipped policy is current"
        );
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
