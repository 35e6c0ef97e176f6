//! Machine-readable Debian copyright files (DEP-5,
//! <https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/>), as installed in
//! `usr/share/doc/<package>/copyright`.
//!
//! The header paragraph carries `Format:`; each `Files:` paragraph names the license of a set of
//! files in its `License:` field, whose first line is a license expression over Debian short names
//! (`GPL-2+`, `BSD-3-clause or GPL-2`, `GPL-3+ with Autoconf exception`). Stand-alone `License:`
//! paragraphs hold license texts and declare nothing. A free-form copyright file (no `Format:`
//! header) is not read here: license detection reads its text.

use clearance_model::declared::{self, PUBLIC_DOMAIN};
use clearance_model::expr::{canonical_exception_id, canonical_license_id};
use clearance_model::{LicenseExpr, Problem, ProblemCode};

use super::control;

/// The licenses a DEP-5 copyright file gives its `Files` paragraphs.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Dep5 {
    /// Distinct `License:` short-name expressions of `Files` paragraphs, in file order, each with
    /// its SPDX reading and its 1-based line.
    pub licenses: Vec<Dep5License>,
    /// Problems met (malformed lines, `Files` paragraphs without a license).
    pub problems: Vec<Problem>,
}

/// One distinct `License:` expression of a `Files` paragraph.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Dep5License {
    /// As written (`GPL-2+ or Artistic`).
    pub raw: String,
    /// Its SPDX reading.
    pub expression: LicenseExpr,
    /// 1-based line of the first `License:` field that gave it.
    pub line: u32,
}

/// `true` when the text starts with a DEP-5 header: its first field is `Format:` (or the draft's
/// `Format-Specification:`) pointing at the copyright-format specification.
pub(crate) fn is_dep5(text: &str) -> bool {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'));
    first.is_some_and(|l| {
        let lower = l.to_ascii_lowercase();
        (lower.starts_with("format:") || lower.starts_with("format-specification:"))
            && (lower.contains("copyright-format")
                || lower.contains("dep5")
                || lower.contains("dep-5"))
    })
}

/// Reads a DEP-5 copyright file at `path`. `None` when it is not one (free-form text).
pub(crate) fn read(path: &str, text: &str) -> Option<Dep5> {
    if !is_dep5(text) {
        return None;
    }
    let parsed = control::parse(text);
    let mut out = Dep5::default();
    if let Some(&first) = parsed.malformed.first() {
        let more = match parsed.malformed.len() {
            1 => String::new(),
            n => format!(" ({n} such lines)"),
        };
        out.problems.push(
            Problem::new(
                ProblemCode::ManifestParse,
                path,
                format!(
                    "line is neither a `Field: value` line nor its continuation; skipped{more}"
                ),
            )
            .at_line(first),
        );
    }
    for p in parsed.paragraphs.iter().skip(1) {
        let Some(files) = p.field("Files") else {
            continue;
        };
        let Some(license) = p.field("License").filter(|l| !l.value.is_empty()) else {
            out.problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    path,
                    format!(
                        "`Files: {}` paragraph has no `License` short name",
                        files.value
                    ),
                )
                .at_line(files.line),
            );
            continue;
        };
        let raw = license.value.clone();
        if out.licenses.iter().any(|l| l.raw == raw) {
            continue;
        }
        let expression = expression(&raw);
        out.licenses.push(Dep5License {
            raw,
            expression,
            line: license.line,
        });
    }
    Some(out)
}

/// Reads a DEP-5 license expression: short names joined by `or` and `and` (`and` binds tighter),
/// `with <name> exception` after a name, and `,` to group (`A or B, and C` is `(A OR B) AND C`).
pub(crate) fn expression(raw: &str) -> LicenseExpr {
    let mut acc: Option<LicenseExpr> = None;
    for (i, segment) in raw.split(',').enumerate() {
        let segment = segment.trim();
        let (or, body) = match first_word(segment) {
            Some(("or", rest)) if i > 0 => (true, rest),
            Some(("and", rest)) if i > 0 => (false, rest),
            _ => (false, segment),
        };
        let Some(e) = or_of_ands(body) else {
            continue;
        };
        acc = Some(match acc {
            None => e,
            Some(a) if or => LicenseExpr::or(vec![a, e]),
            Some(a) => LicenseExpr::and(vec![a, e]),
        });
    }
    acc.unwrap_or_else(|| LicenseExpr::term(declared::license_ref_for(raw)))
}

/// The first word of `s`, lower-cased, and the rest.
fn first_word(s: &str) -> Option<(&'static str, &str)> {
    let (w, rest) = s.split_once(char::is_whitespace)?;
    let w = w.to_ascii_lowercase();
    match w.as_str() {
        "or" => Some(("or", rest.trim())),
        "and" => Some(("and", rest.trim())),
        _ => None,
    }
}

/// `A or B and C with X exception` → `A OR (B AND C WITH X)`.
fn or_of_ands(s: &str) -> Option<LicenseExpr> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut ors: Vec<LicenseExpr> = Vec::new();
    let mut ands: Vec<LicenseExpr> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words.get(i).copied().unwrap_or_default();
        if w.eq_ignore_ascii_case("or") {
            if !ands.is_empty() {
                ors.push(LicenseExpr::and(std::mem::take(&mut ands)));
            }
            i += 1;
            continue;
        }
        if w.eq_ignore_ascii_case("and") {
            i += 1;
            continue;
        }
        // A name runs until an operator or `with`.
        let start = i;
        while i < words.len()
            && !["or", "and", "with"]
                .iter()
                .any(|op| words.get(i).is_some_and(|w| w.eq_ignore_ascii_case(op)))
        {
            i += 1;
        }
        let name = words.get(start..i).unwrap_or_default().join(" ");
        let mut exception = None;
        if words.get(i).is_some_and(|w| w.eq_ignore_ascii_case("with")) {
            let from = i + 1;
            i = from;
            while i < words.len()
                && !words
                    .get(i)
                    .is_some_and(|w| w.eq_ignore_ascii_case("exception"))
            {
                i += 1;
            }
            let x = words.get(from..i).unwrap_or_default().join(" ");
            if i < words.len() {
                i += 1; // `exception`
            }
            if !x.is_empty() {
                exception = Some(x);
            }
        }
        if !name.is_empty() {
            ands.push(term(&name, exception.as_deref()));
        }
    }
    if !ands.is_empty() {
        ors.push(LicenseExpr::and(ands));
    }
    (!ors.is_empty()).then(|| LicenseExpr::or(ors))
}

/// Debian short names that are not SPDX ids (lower case) and their SPDX expression.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("expat", "MIT"),
    ("artistic", "Artistic-1.0-Perl"),
    ("artistic-1", "Artistic-1.0-Perl"),
    ("artistic-2", "Artistic-2.0"),
    ("perl", "Artistic-1.0-Perl OR GPL-1.0-or-later"),
    ("psf-2", "PSF-2.0"),
    ("python", "Python-2.0"),
    ("zope-2.1", "ZPL-2.1"),
    ("zope", "ZPL-2.1"),
    ("cc0", "CC0-1.0"),
    ("sil-ofl-1.1", "OFL-1.1"),
    ("ofl", "OFL-1.1"),
    ("apache-2", "Apache-2.0"),
    ("mpl-2", "MPL-2.0"),
    ("bsd-2", "BSD-2-Clause"),
    ("bsd-3", "BSD-3-Clause"),
    ("bsd-4", "BSD-4-Clause"),
    ("lppl", "LPPL-1.3c"),
    ("wtfpl", "WTFPL"),
];

/// Names of public-domain dedications.
const PUBLIC_DOMAIN_NAMES: &[&str] = &["public-domain", "public domain", "pd", "publicdomain"];

/// One short name, with an optional exception name (`Autoconf` of `with Autoconf exception`).
fn term(name: &str, exception: Option<&str>) -> LicenseExpr {
    let base = license(name);
    let Some(x) = exception else {
        return base;
    };
    let id = exception_id(x, &base.license_ids());
    // `WITH` applies to a single license; `with` after a compound name keeps the compound and the
    // exception as a separate unit would be wrong, so the whole becomes a LicenseRef.
    match &base {
        LicenseExpr::Term(_) => {
            let text = format!("{base} WITH {id}");
            LicenseExpr::parse(&text).unwrap_or_else(|_| {
                LicenseExpr::term(declared::license_ref_for(&format!(
                    "{name} with {x} exception"
                )))
            })
        }
        _ => LicenseExpr::term(declared::license_ref_for(&format!(
            "{name} with {x} exception"
        ))),
    }
}

/// A short name without exception → SPDX.
fn license(name: &str) -> LicenseExpr {
    let lower = name.trim().to_ascii_lowercase();
    if PUBLIC_DOMAIN_NAMES.contains(&lower.as_str()) {
        return LicenseExpr::term(PUBLIC_DOMAIN);
    }
    if let Some((_, spdx)) = SHORT_NAMES.iter().find(|(k, _)| *k == lower)
        && let Ok(e) = LicenseExpr::parse(spdx)
    {
        return e;
    }
    if let Some(id) = gnu(&lower)
        && let Ok(e) = LicenseExpr::parse(&id)
    {
        return e;
    }
    if let Some(id) = canonical_license_id(&lower) {
        return LicenseExpr::term(id);
    }
    if let Some(base) = lower.strip_suffix('+')
        && let Some((_, spdx)) = SHORT_NAMES.iter().find(|(k, _)| *k == base)
        && let Ok(e) = LicenseExpr::parse(&format!("{spdx}+"))
    {
        return e;
    }
    if let Ok(e) = LicenseExpr::parse(name.trim()) {
        return e;
    }
    // Free text (`GPLv2+`, `BSD`): the declared-license reader, which maps what it knows and
    // gives a LicenseRef otherwise.
    declared::normalise(name)
        .expression
        .unwrap_or_else(|| LicenseExpr::term(declared::license_ref_for(name)))
}

/// GNU licenses in Debian spelling (`GPL-2`, `LGPL-2.1+`, `AGPL-3`, `GFDL-NIV-1.3+`, `GPL`) →
/// SPDX id with `-only` / `-or-later`.
fn gnu(lower: &str) -> Option<String> {
    let (body, later) = match lower.strip_suffix('+') {
        Some(b) => (b, true),
        None => (lower, false),
    };
    let families = [
        ("gfdl-niv", "GFDL", "-no-invariants"),
        ("agpl", "AGPL", ""),
        ("lgpl", "LGPL", ""),
        ("gfdl", "GFDL", ""),
        ("gpl", "GPL", ""),
    ];
    let (family, spdx, niv) = families
        .iter()
        .find(|(f, _, _)| body == *f || body.strip_prefix(f).is_some_and(|r| r.starts_with('-')))?;
    let version = body.strip_prefix(family)?.trim_start_matches('-');
    let (version, later) = if version.is_empty() {
        // An unversioned GNU license lets the recipient pick any version.
        let first = match *spdx {
            "LGPL" => "2.0",
            "AGPL" => "1.0",
            "GFDL" => "1.1",
            _ => "1.0",
        };
        (first.to_string(), true)
    } else {
        let v = if version.contains('.') {
            version.to_string()
        } else {
            format!("{version}.0")
        };
        (v, later)
    };
    let suffix = if later { "or-later" } else { "only" };
    let id = format!("{spdx}-{version}{niv}-{suffix}");
    canonical_license_id(&id).map(str::to_string)
}

/// An exception name of `with <name> exception` → an SPDX exception id, or an `AdditionRef-`.
fn exception_id(name: &str, licenses: &[&str]) -> String {
    let lower = name.trim().to_ascii_lowercase();
    let gpl3 = licenses.iter().any(|l| l.starts_with("GPL-3.0"));
    let known = match lower.as_str() {
        "autoconf" if gpl3 => Some("Autoconf-exception-3.0"),
        "autoconf" => Some("Autoconf-exception-2.0"),
        "bison" => Some("Bison-exception-2.2"),
        "classpath" => Some("Classpath-exception-2.0"),
        "font" => Some("Font-exception-2.0"),
        "gcc" if gpl3 => Some("GCC-exception-3.1"),
        "gcc" => Some("GCC-exception-2.0"),
        "libtool" => Some("Libtool-exception"),
        "gcc-runtime-3.1" | "gcc-runtime" => Some("GCC-exception-3.1"),
        _ => None,
    };
    if let Some(id) = known {
        return id.to_string();
    }
    // `Bison-2.2` → `Bison-exception-2.2`.
    let versioned = lower
        .rsplit_once('-')
        .filter(|(_, v)| v.starts_with(|c: char| c.is_ascii_digit()))
        .map(|(n, v)| format!("{n}-exception-{v}"));
    if let Some(id) = canonical_exception_id(&lower)
        .or_else(|| canonical_exception_id(&format!("{lower}-exception")))
        .or_else(|| versioned.as_deref().and_then(canonical_exception_id))
    {
        return id.to_string();
    }
    let slug = declared::license_ref_for(&format!("{name} exception"));
    slug.replacen("LicenseRef-", "AdditionRef-", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spdx(raw: &str) -> String {
        expression(raw).to_string()
    }

    #[test]
    fn short_names_map_to_spdx() {
        assert_eq!(spdx("GPL-2+"), "GPL-2.0-or-later");
        assert_eq!(spdx("GPL-2"), "GPL-2.0-only");
        assert_eq!(spdx("LGPL-2.1"), "LGPL-2.1-only");
        assert_eq!(spdx("LGPL-2.1+"), "LGPL-2.1-or-later");
        assert_eq!(spdx("LGPL-3+"), "LGPL-3.0-or-later");
        assert_eq!(spdx("AGPL-3"), "AGPL-3.0-only");
        assert_eq!(spdx("GFDL-NIV-1.3+"), "GFDL-1.3-no-invariants-or-later");
        assert_eq!(spdx("GPL"), "GPL-1.0-or-later");
        assert_eq!(spdx("Expat"), "MIT");
        assert_eq!(spdx("BSD-3-clause"), "BSD-3-Clause");
        assert_eq!(spdx("zlib"), "Zlib");
        assert_eq!(spdx("Apache-2.0"), "Apache-2.0");
        assert_eq!(spdx("curl"), "curl");
        assert_eq!(spdx("public-domain"), PUBLIC_DOMAIN);
        assert_eq!(spdx("Artistic"), "Artistic-1.0-Perl");
        assert_eq!(spdx("BSD-variant"), "LicenseRef-clearance-bsd-variant");
        // Non-ASCII names (seen in real copyright files) give a LicenseRef, never a panic.
        assert!(spdx("Licénce-libre").starts_with("LicenseRef-clearance-"));
        assert!(
            spdx("GPL-2+ with Ausnähme exception")
                .starts_with("GPL-2.0-or-later WITH AdditionRef-")
        );
    }

    #[test]
    fn combinations() {
        assert_eq!(
            spdx("BSD-3-clause or GPL-2"),
            "BSD-3-Clause OR GPL-2.0-only"
        );
        assert_eq!(
            spdx("Artistic or GPL-1+"),
            "Artistic-1.0-Perl OR GPL-1.0-or-later"
        );
        assert_eq!(spdx("GPL-2+ and Expat"), "GPL-2.0-or-later AND MIT");
        assert_eq!(spdx("MIT or Expat and ISC"), "MIT OR (MIT AND ISC)");
        assert_eq!(
            spdx("GPL-2+ or Artistic, and BSD-3-clause"),
            "(GPL-2.0-or-later OR Artistic-1.0-Perl) AND BSD-3-Clause"
        );
        assert_eq!(
            spdx("GPL-2, or MIT and ISC"),
            "GPL-2.0-only OR (MIT AND ISC)"
        );
    }

    #[test]
    fn exceptions() {
        assert_eq!(
            spdx("GPL-2+ with Libtool exception"),
            "GPL-2.0-or-later WITH Libtool-exception"
        );
        assert_eq!(
            spdx("GPL-3+ with Autoconf exception"),
            "GPL-3.0-or-later WITH Autoconf-exception-3.0"
        );
        assert_eq!(
            spdx("GPL-3+ with GCC exception or MIT"),
            "GPL-3.0-or-later WITH GCC-exception-3.1 OR MIT"
        );
        assert_eq!(
            spdx("GPL-3+ with Bison-2.2 exception"),
            "GPL-3.0-or-later WITH Bison-exception-2.2"
        );
        assert_eq!(
            spdx("GPL-3+ with GCC-Runtime-3.1 exception"),
            "GPL-3.0-or-later WITH GCC-exception-3.1"
        );
        assert_eq!(
            spdx("GPL-2+ with OpenSSL exception"),
            "GPL-2.0-or-later WITH AdditionRef-clearance-openssl-exception"
        );
    }

    #[test]
    fn files_paragraphs_give_distinct_licenses() {
        let text = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\
Upstream-Name: zstd\n\
\n\
Files: *\n\
Copyright: Meta\n\
License: BSD-3-clause or GPL-2\n\
\n\
Files: examples/*\n\
License: BSD-3-clause or GPL-2\n\
\n\
Files: debian/*\n\
License: Expat\n\
\n\
License: Expat\n Permission is hereby granted...\n\n\
License: GPL-2\n text\n";
        let d = read("usr/share/doc/libzstd1/copyright", text).unwrap();
        assert!(d.problems.is_empty());
        let got: Vec<(&str, String, u32)> = d
            .licenses
            .iter()
            .map(|l| (l.raw.as_str(), l.expression.to_string(), l.line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "BSD-3-clause or GPL-2",
                    "BSD-3-Clause OR GPL-2.0-only".to_string(),
                    6
                ),
                ("Expat", "MIT".to_string(), 12),
            ]
        );
    }

    #[test]
    fn problems_have_lines() {
        let text = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\
\n\
Files: *\n\
Copyright: someone\n\
\n\
Files: lib/*\n\
this line is garbage\n\
License: MIT\n";
        let d = read("copyright", text).unwrap();
        let got: Vec<(ProblemCode, Option<u32>)> =
            d.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestParse, Some(7)),
                (ProblemCode::ManifestValue, Some(3))
            ]
        );
        assert_eq!(d.licenses.len(), 1);
    }

    #[test]
    fn free_form_is_not_dep5() {
        assert!(read("c", "This is the Debian prepackaged version of zlib.\n").is_none());
        assert!(read("c", "").is_none());
        assert!(is_dep5(
            "Format: http://www.debian.org/doc/packaging-manuals/copyright-format/1.0\n"
        ));
    }
}
