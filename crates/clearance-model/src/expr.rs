//! SPDX license expressions: a small, strict parser and a canonical form.
//!
//! clearance keeps its own expression tree rather than the `spdx` crate's postfix form because every
//! stage needs the same three things from it: a canonical string (for SBOMs and byte-identical
//! reports), a tree to evaluate `AND` / `OR` / `WITH` term by term (policy), and case-insensitive
//! identifier lookup with deprecated ids mapped to their current form (catalogers). License and
//! exception identifiers come from the SPDX license list bundled in the `spdx` crate.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

/// One license term: a license (SPDX id or `LicenseRef-…`), optionally `+`, optionally `WITH` an
/// exception.
///
/// # Example
/// ```
/// use clearance_model::expr::LicenseExpr;
/// let e = LicenseExpr::parse("gpl-2.0+ with classpath-exception-2.0").unwrap();
/// assert_eq!(e.to_string(), "GPL-2.0-or-later WITH Classpath-exception-2.0");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LicenseTerm {
    /// Canonical license id (`MIT`, `GPL-2.0-only`, `LicenseRef-foo`).
    pub license: String,
    /// `true` when the id carried a `+` that could not be folded into an `-or-later` id.
    pub or_later: bool,
    /// Canonical exception id after `WITH`.
    pub exception: Option<String>,
}

impl LicenseTerm {
    /// A term for a single license id, taken as written.
    pub fn new(license: impl Into<String>) -> Self {
        Self {
            license: license.into(),
            or_later: false,
            exception: None,
        }
    }

    /// `true` when the license is not on the SPDX list (`LicenseRef-…`, `DocumentRef-…`).
    pub fn is_license_ref(&self) -> bool {
        self.license.starts_with("LicenseRef-") || self.license.starts_with("DocumentRef-")
    }

    /// The license id with its `+`, without the exception (`Apache-1.0+`).
    pub fn license_with_plus(&self) -> String {
        if self.or_later {
            format!("{}+", self.license)
        } else {
            self.license.clone()
        }
    }
}

impl fmt::Display for LicenseTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.license)?;
        if self.or_later {
            f.write_str("+")?;
        }
        if let Some(exc) = &self.exception {
            write!(f, " WITH {exc}")?;
        }
        Ok(())
    }
}

/// An SPDX license expression tree. `And` and `Or` are n-ary and never directly nest themselves
/// (`A AND (B AND C)` is flattened), and hold no duplicate operands.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LicenseExpr {
    /// A single license term.
    Term(LicenseTerm),
    /// All operands apply.
    And(Vec<LicenseExpr>),
    /// Any one operand may be chosen.
    Or(Vec<LicenseExpr>),
}

/// Why an expression did not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExprError {
    /// The expression is empty.
    #[error("empty license expression")]
    Empty,
    /// A license id that is not on the SPDX list and not a `LicenseRef-`.
    #[error("unknown license id `{id}` at byte {offset}")]
    UnknownLicense {
        /// The id as written.
        id: String,
        /// Byte offset in the expression.
        offset: usize,
    },
    /// An exception id that is not on the SPDX list and not an `AdditionRef-`.
    #[error("unknown license exception `{id}` at byte {offset}")]
    UnknownException {
        /// The id as written.
        id: String,
        /// Byte offset in the expression.
        offset: usize,
    },
    /// Any other syntax error.
    #[error("{message} at byte {offset}")]
    Syntax {
        /// What was expected.
        message: String,
        /// Byte offset in the expression.
        offset: usize,
    },
}

impl ExprError {
    /// Byte offset of the error in the parsed string, when it has one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            ExprError::Empty => None,
            ExprError::UnknownLicense { offset, .. }
            | ExprError::UnknownException { offset, .. }
            | ExprError::Syntax { offset, .. } => Some(*offset),
        }
    }
}

/// Notes made while canonicalising (deprecated ids replaced, …).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseNotes {
    /// `(as written, replacement)` for each deprecated id that was replaced.
    pub deprecated: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug)]
struct IdInfo {
    name: &'static str,
    deprecated: bool,
}

/// Lower-case id → canonical id and deprecation flag.
fn id_table(
    entries: impl Iterator<Item = (&'static str, spdx::flags::Type)>,
) -> HashMap<String, IdInfo> {
    entries
        .map(|(name, flags)| {
            (
                name.to_ascii_lowercase(),
                IdInfo {
                    name,
                    deprecated: flags & spdx::flags::IS_DEPRECATED != 0,
                },
            )
        })
        .collect()
}

static LICENSE_IDS: LazyLock<HashMap<String, IdInfo>> = LazyLock::new(|| {
    id_table(
        spdx::identifiers::LICENSES
            .iter()
            .map(|l| (l.name, l.flags)),
    )
});

static EXCEPTION_IDS: LazyLock<HashMap<String, IdInfo>> = LazyLock::new(|| {
    id_table(
        spdx::identifiers::EXCEPTIONS
            .iter()
            .map(|e| (e.name, e.flags)),
    )
});

/// Looks up an SPDX license id case-insensitively and returns its canonical spelling.
///
/// # Example
/// ```
/// assert_eq!(clearance_model::expr::canonical_license_id("apache-2.0"), Some("Apache-2.0"));
/// assert_eq!(clearance_model::expr::canonical_license_id("Apache"), None);
/// ```
pub fn canonical_license_id(id: &str) -> Option<&'static str> {
    LICENSE_IDS.get(&id.to_ascii_lowercase()).map(|i| i.name)
}

/// Looks up an SPDX exception id case-insensitively and returns its canonical spelling.
pub fn canonical_exception_id(id: &str) -> Option<&'static str> {
    EXCEPTION_IDS.get(&id.to_ascii_lowercase()).map(|i| i.name)
}

/// `true` for the GNU family ids whose `+` form is spelled `-or-later`.
fn is_gnu_base(id: &str) -> bool {
    spdx::license_id(id).is_some_and(|l| l.is_gnu())
}

/// Replacement of a deprecated license id: `(license, or_later, exception)`.
fn replace_deprecated(name: &str, plus: bool) -> Option<(String, bool, Option<&'static str>)> {
    // GNU ids: `GPL-2.0` → `GPL-2.0-only`, `GPL-2.0+` → `GPL-2.0-or-later`.
    let gnu = |base: &str, later: bool| {
        let id = format!("{base}-{}", if later { "or-later" } else { "only" });
        canonical_license_id(&id).map(|c| (c.to_string(), false, None))
    };
    if let Some(base) = name.strip_suffix('+')
        && is_gnu_base(base)
        && let Some(r) = gnu(base, true)
    {
        return Some(r);
    }
    if is_gnu_base(name)
        && !name.ends_with("-only")
        && !name.ends_with("-or-later")
        && let Some(r) = gnu(name, plus)
    {
        return Some(r);
    }
    let with = |lic: &str, exc: &'static str| Some((lic.to_string(), false, Some(exc)));
    match name {
        "GPL-2.0-with-autoconf-exception" => with("GPL-2.0-only", "Autoconf-exception-2.0"),
        "GPL-2.0-with-bison-exception" => with("GPL-2.0-only", "Bison-exception-2.2"),
        "GPL-2.0-with-classpath-exception" => with("GPL-2.0-only", "Classpath-exception-2.0"),
        "GPL-2.0-with-font-exception" => with("GPL-2.0-only", "Font-exception-2.0"),
        "GPL-2.0-with-GCC-exception" => with("GPL-2.0-only", "GCC-exception-2.0"),
        "GPL-3.0-with-autoconf-exception" => with("GPL-3.0-only", "Autoconf-exception-3.0"),
        "GPL-3.0-with-GCC-exception" => with("GPL-3.0-only", "GCC-exception-3.1"),
        "BSD-2-Clause-FreeBSD" | "BSD-2-Clause-NetBSD" => {
            Some(("BSD-2-Clause".to_string(), plus, None))
        }
        "StandardML-NJ" => Some(("SMLNJ".to_string(), plus, None)),
        "bzip2-1.0.5" => Some(("bzip2-1.0.6".to_string(), plus, None)),
        "eCos-2.0" => with("GPL-2.0-or-later", "eCos-exception-2.0"),
        "wxWindows" => with("GPL-2.0-or-later", "WxWindows-exception-3.1"),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok<'a> {
    Open,
    Close,
    And,
    Or,
    With,
    Slash,
    Word(&'a str),
}

fn tokenize(s: &str) -> Vec<(Tok<'_>, usize)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'(' => {
                out.push((Tok::Open, i));
                i += 1;
            }
            b')' => {
                out.push((Tok::Close, i));
                i += 1;
            }
            b'/' => {
                out.push((Tok::Slash, i));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < bytes.len()
                    && !bytes[i].is_ascii_whitespace()
                    && !matches!(bytes[i], b'(' | b')' | b'/')
                {
                    i += 1;
                }
                let w = &s[start..i];
                let tok = if w.eq_ignore_ascii_case("and") {
                    Tok::And
                } else if w.eq_ignore_ascii_case("or") {
                    Tok::Or
                } else if w.eq_ignore_ascii_case("with") {
                    Tok::With
                } else {
                    Tok::Word(w)
                };
                out.push((tok, start));
            }
        }
    }
    out
}

struct Parser<'a> {
    toks: Vec<(Tok<'a>, usize)>,
    pos: usize,
    len: usize,
    allow_slash: bool,
    notes: ParseNotes,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Tok<'a>> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn offset(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len, |(_, o)| *o)
    }

    fn syntax(&self, message: &str) -> ExprError {
        ExprError::Syntax {
            message: message.to_string(),
            offset: self.offset(),
        }
    }

    // or := and (OR and)*
    fn or_expr(&mut self) -> Result<LicenseExpr, ExprError> {
        let mut items = vec![self.and_expr()?];
        while matches!(self.peek(), Some(Tok::Or))
            || (self.allow_slash && matches!(self.peek(), Some(Tok::Slash)))
        {
            self.pos += 1;
            items.push(self.and_expr()?);
        }
        Ok(LicenseExpr::or(items))
    }

    // and := with (AND with)*
    fn and_expr(&mut self) -> Result<LicenseExpr, ExprError> {
        let mut items = vec![self.primary()?];
        while matches!(self.peek(), Some(Tok::And)) {
            self.pos += 1;
            items.push(self.primary()?);
        }
        Ok(LicenseExpr::and(items))
    }

    fn primary(&mut self) -> Result<LicenseExpr, ExprError> {
        match self.peek() {
            Some(Tok::Open) => {
                self.pos += 1;
                let e = self.or_expr()?;
                if !matches!(self.peek(), Some(Tok::Close)) {
                    return Err(self.syntax("expected `)`"));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Word(_)) => self.term(),
            None => Err(self.syntax("expected a license id")),
            Some(_) => Err(self.syntax("expected a license id or `(`")),
        }
    }

    fn term(&mut self) -> Result<LicenseExpr, ExprError> {
        let (Tok::Word(word), offset) = self.toks[self.pos].clone() else {
            unreachable!("term() is only called on a word");
        };
        self.pos += 1;
        let (mut license, mut or_later, mut exception) = self.license_id(word, offset)?;
        if matches!(self.peek(), Some(Tok::With)) {
            self.pos += 1;
            let Some((Tok::Word(exc), exc_offset)) = self.toks.get(self.pos).cloned() else {
                return Err(self.syntax("expected an exception id after `WITH`"));
            };
            self.pos += 1;
            if exception.is_some() {
                return Err(ExprError::Syntax {
                    message: format!("`{word}` already carries an exception"),
                    offset: exc_offset,
                });
            }
            exception = Some(self.exception_id(exc, exc_offset)?);
        }
        // A `+` on a GNU `-only` id means `-or-later`.
        if or_later && let Some(base) = license.strip_suffix("-only") {
            let later = format!("{base}-or-later");
            if let Some(c) = canonical_license_id(&later) {
                license = c.to_string();
                or_later = false;
            }
        }
        Ok(LicenseExpr::Term(LicenseTerm {
            license,
            or_later,
            exception,
        }))
    }

    fn license_id(
        &mut self,
        word: &str,
        offset: usize,
    ) -> Result<(String, bool, Option<String>), ExprError> {
        if word.len() > "LicenseRef-".len()
            && word
                .get(.."LicenseRef-".len())
                .is_some_and(|p| p.eq_ignore_ascii_case("LicenseRef-"))
        {
            return ref_id(word, "LicenseRef-", offset).map(|r| (r, false, None));
        }
        if word.len() > "DocumentRef-".len()
            && word
                .get(.."DocumentRef-".len())
                .is_some_and(|p| p.eq_ignore_ascii_case("DocumentRef-"))
        {
            return Ok((word.to_string(), false, None));
        }
        let (base, plus) = match word.strip_suffix('+') {
            Some(b) if !b.is_empty() => (b, true),
            _ => (word, false),
        };
        // An id such as `GPL-2.0+` is itself on the (deprecated part of the) list.
        let info = LICENSE_IDS
            .get(&word.to_ascii_lowercase())
            .map(|i| (*i, false))
            .or_else(|| {
                LICENSE_IDS
                    .get(&base.to_ascii_lowercase())
                    .map(|i| (*i, plus))
            });
        let Some((info, plus)) = info else {
            return Err(ExprError::UnknownLicense {
                id: word.to_string(),
                offset,
            });
        };
        if info.deprecated
            && let Some((lic, later, exc)) = replace_deprecated(info.name, plus)
        {
            let written = if plus {
                format!("{}+", info.name)
            } else {
                info.name.to_string()
            };
            let mut replacement = lic.clone();
            if later {
                replacement.push('+');
            }
            if let Some(e) = exc {
                replacement = format!("{replacement} WITH {e}");
            }
            self.notes.deprecated.push((written, replacement));
            return Ok((lic, later, exc.map(str::to_string)));
        }
        Ok((info.name.to_string(), plus, None))
    }

    fn exception_id(&mut self, word: &str, offset: usize) -> Result<String, ExprError> {
        if word.len() > "AdditionRef-".len()
            && word
                .get(.."AdditionRef-".len())
                .is_some_and(|p| p.eq_ignore_ascii_case("AdditionRef-"))
        {
            return ref_id(word, "AdditionRef-", offset);
        }
        match EXCEPTION_IDS.get(&word.to_ascii_lowercase()) {
            Some(info) => Ok(info.name.to_string()),
            None => Err(ExprError::UnknownException {
                id: word.to_string(),
                offset,
            }),
        }
    }
}

/// Validates the idstring of a `LicenseRef-`/`AdditionRef-` (letters, digits, `.`, `-`) and returns
/// it with the canonical prefix.
fn ref_id(word: &str, prefix: &str, offset: usize) -> Result<String, ExprError> {
    let rest = &word[prefix.len()..];
    if rest
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        Ok(format!("{prefix}{rest}"))
    } else {
        Err(ExprError::Syntax {
            message: format!("`{word}`: a {prefix} id holds only letters, digits, `.` and `-`"),
            offset,
        })
    }
}

impl LicenseExpr {
    /// Parses an SPDX expression (SPDX 2.3 Annex D). Operators and ids are matched
    /// case-insensitively, deprecated ids are replaced by their current form.
    ///
    /// # Example
    /// ```
    /// use clearance_model::expr::LicenseExpr;
    /// let e = LicenseExpr::parse("mit or (Apache-2.0 and gpl-2.0)").unwrap();
    /// assert_eq!(e.to_string(), "MIT OR (Apache-2.0 AND GPL-2.0-only)");
    /// ```
    pub fn parse(s: &str) -> Result<Self, ExprError> {
        Self::parse_with_notes(s, false).map(|(e, _)| e)
    }

    /// Parses like [`LicenseExpr::parse`], also accepting `/` as `OR` (the legacy Cargo and npm
    /// spelling, `MIT/Apache-2.0`) when `allow_slash` is set, and returns what was normalised.
    pub fn parse_with_notes(s: &str, allow_slash: bool) -> Result<(Self, ParseNotes), ExprError> {
        let toks = tokenize(s);
        if toks.is_empty() {
            return Err(ExprError::Empty);
        }
        let mut p = Parser {
            toks,
            pos: 0,
            len: s.len(),
            allow_slash,
            notes: ParseNotes::default(),
        };
        let e = p.or_expr()?;
        if p.pos != p.toks.len() {
            return Err(p.syntax("expected `AND`, `OR` or the end of the expression"));
        }
        Ok((e, p.notes))
    }

    /// A single-term expression.
    pub fn term(license: impl Into<String>) -> Self {
        LicenseExpr::Term(LicenseTerm::new(license))
    }

    /// Conjunction of `items`, flattened and de-duplicated (a single item is returned as is).
    pub fn and(items: Vec<LicenseExpr>) -> Self {
        Self::join(items, true)
    }

    /// Disjunction of `items`, flattened and de-duplicated (a single item is returned as is).
    pub fn or(items: Vec<LicenseExpr>) -> Self {
        Self::join(items, false)
    }

    fn join(items: Vec<LicenseExpr>, and: bool) -> Self {
        let mut flat: Vec<LicenseExpr> = Vec::with_capacity(items.len());
        for item in items {
            match item {
                LicenseExpr::And(inner) if and => flat.extend(inner),
                LicenseExpr::Or(inner) if !and => flat.extend(inner),
                other => flat.push(other),
            }
        }
        let mut out: Vec<LicenseExpr> = Vec::with_capacity(flat.len());
        for item in flat {
            if !out.contains(&item) {
                out.push(item);
            }
        }
        match out.len() {
            1 => out.pop().expect("one item"),
            _ if and => LicenseExpr::And(out),
            _ => LicenseExpr::Or(out),
        }
    }

    /// Every term of the expression, left to right, with duplicates.
    pub fn terms(&self) -> Vec<&LicenseTerm> {
        let mut out = Vec::new();
        self.collect_terms(&mut out);
        out
    }

    fn collect_terms<'a>(&'a self, out: &mut Vec<&'a LicenseTerm>) {
        match self {
            LicenseExpr::Term(t) => out.push(t),
            LicenseExpr::And(v) | LicenseExpr::Or(v) => v.iter().for_each(|e| e.collect_terms(out)),
        }
    }

    /// The set of license ids (without `+` or exceptions), sorted and unique.
    pub fn license_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.terms().iter().map(|t| t.license.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// A copy with operand order made canonical (sorted) at every level, so that two expressions
    /// that differ only in operand order compare equal.
    pub fn sorted(&self) -> LicenseExpr {
        match self {
            LicenseExpr::Term(t) => LicenseExpr::Term(t.clone()),
            LicenseExpr::And(v) | LicenseExpr::Or(v) => {
                let mut items: Vec<LicenseExpr> = v.iter().map(LicenseExpr::sorted).collect();
                items.sort();
                items.dedup();
                if matches!(self, LicenseExpr::And(_)) {
                    LicenseExpr::and(items)
                } else {
                    LicenseExpr::or(items)
                }
            }
        }
    }

    /// Replaces every term for which `f` returns `Some`.
    pub fn map_terms(
        &self,
        f: &mut impl FnMut(&LicenseTerm) -> Option<LicenseExpr>,
    ) -> LicenseExpr {
        match self {
            LicenseExpr::Term(t) => f(t).unwrap_or_else(|| LicenseExpr::Term(t.clone())),
            LicenseExpr::And(v) => LicenseExpr::and(v.iter().map(|e| e.map_terms(f)).collect()),
            LicenseExpr::Or(v) => LicenseExpr::or(v.iter().map(|e| e.map_terms(f)).collect()),
        }
    }

    /// Gives `exception` to every term without one for which `pick` holds
    /// (`GPL-2.0-or-later` → `GPL-2.0-or-later WITH Classpath-exception-2.0`).
    pub fn with_exception(&self, exception: &str, pick: impl Fn(&str) -> bool) -> LicenseExpr {
        self.map_terms(&mut |t| {
            (t.exception.is_none() && pick(&t.license)).then(|| {
                LicenseExpr::Term(LicenseTerm {
                    exception: Some(exception.to_string()),
                    ..t.clone()
                })
            })
        })
    }

    /// Writes the expression; a nested operator group is always parenthesised, so a reader never
    /// has to know that `AND` binds tighter than `OR`.
    fn fmt_inner(&self, f: &mut fmt::Formatter<'_>, nested: bool) -> fmt::Result {
        let (items, sep) = match self {
            LicenseExpr::Term(t) => return write!(f, "{t}"),
            LicenseExpr::And(v) => (v, " AND "),
            LicenseExpr::Or(v) => (v, " OR "),
        };
        if nested {
            f.write_str("(")?;
        }
        for (i, e) in items.iter().enumerate() {
            if i > 0 {
                f.write_str(sep)?;
            }
            e.fmt_inner(f, true)?;
        }
        if nested {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Display for LicenseExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_inner(f, false)
    }
}

impl std::str::FromStr for LicenseExpr {
    type Err = ExprError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LicenseExpr::parse(s)
    }
}

impl serde::Serialize for LicenseExpr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for LicenseExpr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LicenseExpr::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        LicenseExpr::parse(s).unwrap().to_string()
    }

    #[test]
    fn canonical_case_and_precedence() {
        assert_eq!(canon("mit"), "MIT");
        assert_eq!(
            canon("MIT or Apache-2.0 and BSD-3-Clause"),
            "MIT OR (Apache-2.0 AND BSD-3-Clause)"
        );
        assert_eq!(
            canon("(MIT OR Apache-2.0) AND BSD-3-Clause"),
            "(MIT OR Apache-2.0) AND BSD-3-Clause"
        );
        assert_eq!(canon("((MIT))"), "MIT");
        assert_eq!(canon("MIT AND (ISC AND Zlib)"), "MIT AND ISC AND Zlib");
        assert_eq!(canon("MIT OR MIT"), "MIT");
    }

    #[test]
    fn deprecated_gnu_ids_become_only_or_later() {
        let (e, notes) = LicenseExpr::parse_with_notes("GPL-2.0+ OR LGPL-2.1", false).unwrap();
        assert_eq!(e.to_string(), "GPL-2.0-or-later OR LGPL-2.1-only");
        assert_eq!(notes.deprecated.len(), 2);
        assert_eq!(canon("GPL-2.0-only+"), "GPL-2.0-or-later");
        assert_eq!(canon("GPL-3.0"), "GPL-3.0-only");
        assert_eq!(
            canon("GPL-2.0-with-classpath-exception"),
            "GPL-2.0-only WITH Classpath-exception-2.0"
        );
    }

    #[test]
    fn or_later_on_non_gnu_license_keeps_plus() {
        let e = LicenseExpr::parse("Apache-1.1+").unwrap();
        assert_eq!(e.to_string(), "Apache-1.1+");
        assert!(e.terms()[0].or_later);
    }

    #[test]
    fn with_exception_and_refs() {
        assert_eq!(
            canon("apache-2.0 with llvm-exception"),
            "Apache-2.0 WITH LLVM-exception"
        );
        assert_eq!(canon("licenseref-Foo.1"), "LicenseRef-Foo.1");
        assert!(LicenseExpr::parse("LicenseRef-a_b").is_err());
    }

    #[test]
    fn non_ascii_words_are_errors_not_panics() {
        // A multi-byte character across the length of a `LicenseRef-` prefix.
        assert!(LicenseExpr::parse("Lizénzbedingungen").is_err());
        assert!(LicenseExpr::parse("MIT WITH Ausnähmeklausel").is_err());
        assert!(LicenseExpr::parse("Dokumentéférence").is_err());
    }

    #[test]
    fn slash_only_when_allowed() {
        assert!(LicenseExpr::parse("MIT/Apache-2.0").is_err());
        let (e, _) = LicenseExpr::parse_with_notes("MIT/Apache-2.0", true).unwrap();
        assert_eq!(e.to_string(), "MIT OR Apache-2.0");
    }

    #[test]
    fn errors_carry_offsets() {
        assert_eq!(
            LicenseExpr::parse("MIT AND Foo").unwrap_err(),
            ExprError::UnknownLicense {
                id: "Foo".into(),
                offset: 8
            }
        );
        assert!(matches!(
            LicenseExpr::parse("MIT AND"),
            Err(ExprError::Syntax { offset: 7, .. })
        ));
        assert!(matches!(
            LicenseExpr::parse("(MIT"),
            Err(ExprError::Syntax { .. })
        ));
        assert!(matches!(
            LicenseExpr::parse("MIT WITH Nope"),
            Err(ExprError::UnknownException { .. })
        ));
        assert_eq!(LicenseExpr::parse("  ").unwrap_err(), ExprError::Empty);
        assert!(LicenseExpr::parse("MIT Apache-2.0").is_err());
    }

    #[test]
    fn sorted_ignores_operand_order() {
        let a = LicenseExpr::parse("MIT OR Apache-2.0").unwrap();
        let b = LicenseExpr::parse("Apache-2.0 OR MIT").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.sorted(), b.sorted());
        assert_eq!(a.license_ids(), vec!["Apache-2.0", "MIT"]);
    }

    #[test]
    fn serde_roundtrip_as_string() {
        let e = LicenseExpr::parse("MIT OR Apache-2.0").unwrap();
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, "\"MIT OR Apache-2.0\"");
        let back: LicenseExpr = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }
}
