//! Normalisation of *declared* license strings, as package authors write them in manifests, into
//! SPDX expressions.
//!
//! Manifests hold valid SPDX expressions (`MIT OR Apache-2.0`), legacy spellings (`MIT/Apache-2.0`),
//! free text (`Apache License, Version 2.0`, `GPLv2+`, `BSD`), Python trove classifiers and npm's
//! `UNLICENSED`. The result keeps the raw string and says how it was read, so a reviewer can see
//! every guess. Ambiguous names are never resolved by guessing a variant: `BSD` becomes
//! [`BSD_UNSPECIFIED`], which license-text detection can later refine.

use crate::expr::{ExprError, LicenseExpr, canonical_license_id};

/// `LicenseRef` for "the BSD license" without a clause count.
pub const BSD_UNSPECIFIED: &str = "LicenseRef-clearance-bsd-unspecified";
/// `LicenseRef` for software declared proprietary (npm `UNLICENSED`, trove `Other/Proprietary`).
pub const PROPRIETARY: &str = "LicenseRef-clearance-proprietary";
/// `LicenseRef` for a declaration of public domain dedication without a specific instrument.
pub const PUBLIC_DOMAIN: &str = "LicenseRef-clearance-public-domain";
/// `LicenseRef` for a license that is only given as text in a file (`SEE LICENSE IN …`,
/// Cargo `license-file`) and whose text could not be identified.
pub const SEE_FILE: &str = "LicenseRef-clearance-see-license-file";

/// `LicenseRef` standing for the license an exception's text modifies, when a file holds the
/// exception (`… WITH Classpath-exception-2.0`) without naming that license.
pub const EXCEPTION_ALONE: &str = "LicenseRef-clearance-exception-alone";

/// What one of clearance's own `LicenseRef`s stands for, in a sentence (SBOMs carry it as the
/// license's text when no text of it was found).
///
/// # Example
/// ```
/// use clearance_model::declared::{meaning_of, PROPRIETARY};
/// assert!(meaning_of(PROPRIETARY).unwrap().contains("proprietary"));
/// assert!(meaning_of("LicenseRef-acme").is_none());
/// ```
pub fn meaning_of(id: &str) -> Option<&'static str> {
    Some(match id {
        BSD_UNSPECIFIED => "A BSD license whose clause count was not stated.",
        PROPRIETARY => {
            "The package is declared proprietary or not licensed to others (npm `UNLICENSED`, trove `Other/Proprietary License`)."
        }
        PUBLIC_DOMAIN => "A public-domain dedication that names no specific instrument.",
        SEE_FILE => "A license given only as a file whose text was not identified.",
        EXCEPTION_ALONE => {
            "The license that an exception's text modifies, where the file does not name it."
        }
        "LicenseRef-clearance-unknown" => {
            "A license that was declared or found but could not be named."
        }
        _ => return None,
    })
}

/// How a declared string was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reading {
    /// A valid SPDX expression, taken as written (case and deprecated ids canonicalised).
    Spdx,
    /// A legacy or free-text spelling mapped to SPDX ids.
    Mapped,
    /// The string says there is no license information (`UNKNOWN`, empty, `NOASSERTION`).
    Absent,
    /// The string could not be read; a `LicenseRef` stands for it.
    Unrecognised,
}

/// A declared license after normalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalised {
    /// The SPDX expression, when one could be formed.
    pub expression: Option<LicenseExpr>,
    /// How the raw string was read.
    pub reading: Reading,
    /// Notes for the reviewer (deprecated id replaced, ambiguous separator, …).
    pub notes: Vec<String>,
}

impl Normalised {
    fn absent() -> Self {
        Normalised {
            expression: None,
            reading: Reading::Absent,
            notes: Vec::new(),
        }
    }
}

/// Free-text names and legacy spellings of licenses, in [`squash`]ed form, with the SPDX
/// expression each stands for.
pub const NAMES: &[(&str, &str)] = &[
    // Apache
    ("apache 2", "Apache-2.0"),
    ("apache 2.0", "Apache-2.0"),
    ("apache2", "Apache-2.0"),
    ("apache2.0", "Apache-2.0"),
    ("apache v2", "Apache-2.0"),
    ("apache v2.0", "Apache-2.0"),
    ("apache software 2.0", "Apache-2.0"),
    ("apache software", "Apache-2.0"),
    ("asl 2.0", "Apache-2.0"),
    ("asl2", "Apache-2.0"),
    ("asl 2", "Apache-2.0"),
    ("apache 1.1", "Apache-1.1"),
    // MIT family
    ("mit", "MIT"),
    ("mit x11", "MIT"),
    ("expat", "MIT"),
    ("expat (mit/x11)", "MIT"),
    ("x11", "X11"),
    ("mit-0", "MIT-0"),
    // BSD family
    ("bsd", BSD_UNSPECIFIED),
    ("bsd style", BSD_UNSPECIFIED),
    ("bsd-like", BSD_UNSPECIFIED),
    ("bsd-style", BSD_UNSPECIFIED),
    ("mit-style", "MIT"),
    ("apache-style", "Apache-2.0"),
    ("new bsd", "BSD-3-Clause"),
    ("modified bsd", "BSD-3-Clause"),
    ("revised bsd", "BSD-3-Clause"),
    ("bsd 3-clause", "BSD-3-Clause"),
    ("bsd 3 clause", "BSD-3-Clause"),
    ("3-clause bsd", "BSD-3-Clause"),
    ("bsd-3", "BSD-3-Clause"),
    ("bsd3", "BSD-3-Clause"),
    ("bsd 2-clause", "BSD-2-Clause"),
    ("bsd 2 clause", "BSD-2-Clause"),
    ("2-clause bsd", "BSD-2-Clause"),
    ("bsd-2", "BSD-2-Clause"),
    ("bsd2", "BSD-2-Clause"),
    ("simplified bsd", "BSD-2-Clause"),
    ("freebsd", "BSD-2-Clause-Views"),
    ("zero-clause bsd", "0BSD"),
    // GNU family
    ("gpl", "GPL-1.0-or-later"),
    ("gnu gpl", "GPL-1.0-or-later"),
    ("gnu general public", "GPL-1.0-or-later"),
    ("gplv2", "GPL-2.0-only"),
    ("gpl v2", "GPL-2.0-only"),
    ("gpl-2", "GPL-2.0-only"),
    ("gpl2", "GPL-2.0-only"),
    ("gnu gpl v2", "GPL-2.0-only"),
    ("gnu gplv2", "GPL-2.0-only"),
    ("gpl 2", "GPL-2.0-only"),
    ("gnu general public v2", "GPL-2.0-only"),
    ("gnu general public 2", "GPL-2.0-only"),
    ("gnu general public v2 (gplv2)", "GPL-2.0-only"),
    ("gplv2+", "GPL-2.0-or-later"),
    ("gplv2 or later", "GPL-2.0-or-later"),
    ("gpl v2 or later", "GPL-2.0-or-later"),
    ("gpl-2.0 or later", "GPL-2.0-or-later"),
    ("gpl 2 or later", "GPL-2.0-or-later"),
    ("gpl 2.0 or later", "GPL-2.0-or-later"),
    ("gplv3 or later", "GPL-3.0-or-later"),
    ("gpl v3 or later", "GPL-3.0-or-later"),
    ("gpl-3.0 or later", "GPL-3.0-or-later"),
    ("gpl 3 or later", "GPL-3.0-or-later"),
    ("gpl 3.0 or later", "GPL-3.0-or-later"),
    ("lgplv2.1 or later", "LGPL-2.1-or-later"),
    ("lgpl 2.1 or later", "LGPL-2.1-or-later"),
    ("lgpl-2.1 or later", "LGPL-2.1-or-later"),
    ("lgplv3 or later", "LGPL-3.0-or-later"),
    ("lgpl 3 or later", "LGPL-3.0-or-later"),
    ("gpl v2+", "GPL-2.0-or-later"),
    ("gpl-2+", "GPL-2.0-or-later"),
    ("gpl2+", "GPL-2.0-or-later"),
    ("gpl 2 or later", "GPL-2.0-or-later"),
    ("gnu general public v2 or later", "GPL-2.0-or-later"),
    (
        "gnu general public v2 or later (gplv2+)",
        "GPL-2.0-or-later",
    ),
    ("gplv3", "GPL-3.0-only"),
    ("gpl v3", "GPL-3.0-only"),
    ("gpl-3", "GPL-3.0-only"),
    ("gpl3", "GPL-3.0-only"),
    ("gnu gpl v3", "GPL-3.0-only"),
    ("gnu gplv3", "GPL-3.0-only"),
    ("gpl 3", "GPL-3.0-only"),
    ("gnu general public v3", "GPL-3.0-only"),
    ("gnu general public 3", "GPL-3.0-only"),
    ("gnu general public v3 (gplv3)", "GPL-3.0-only"),
    ("gplv3+", "GPL-3.0-or-later"),
    ("gpl v3+", "GPL-3.0-or-later"),
    ("gpl-3+", "GPL-3.0-or-later"),
    ("gpl3+", "GPL-3.0-or-later"),
    ("gpl 3 or later", "GPL-3.0-or-later"),
    ("gnu general public v3 or later", "GPL-3.0-or-later"),
    (
        "gnu general public v3 or later (gplv3+)",
        "GPL-3.0-or-later",
    ),
    ("lgpl", "LGPL-2.0-or-later"),
    ("gnu lgpl", "LGPL-2.0-or-later"),
    ("gnu lesser general public", "LGPL-2.0-or-later"),
    (
        "gnu library or lesser general public (lgpl)",
        "LGPL-2.0-or-later",
    ),
    ("lgplv2", "LGPL-2.0-only"),
    ("lgpl v2", "LGPL-2.0-only"),
    ("gnu lesser general public v2 (lgplv2)", "LGPL-2.0-only"),
    ("lgplv2+", "LGPL-2.0-or-later"),
    (
        "gnu lesser general public v2 or later (lgplv2+)",
        "LGPL-2.0-or-later",
    ),
    ("lgplv2.1", "LGPL-2.1-only"),
    ("lgpl v2.1", "LGPL-2.1-only"),
    ("lgpl 2.1", "LGPL-2.1-only"),
    ("lgpl-2.1", "LGPL-2.1-only"),
    ("lgplv2.1+", "LGPL-2.1-or-later"),
    ("lgpl-2.1+", "LGPL-2.1-or-later"),
    ("lgplv3", "LGPL-3.0-only"),
    ("lgpl v3", "LGPL-3.0-only"),
    ("lgpl-3", "LGPL-3.0-only"),
    ("lgpl3", "LGPL-3.0-only"),
    ("gnu lesser general public v3 (lgplv3)", "LGPL-3.0-only"),
    ("lgplv3+", "LGPL-3.0-or-later"),
    ("lgpl-3+", "LGPL-3.0-or-later"),
    (
        "gnu lesser general public v3 or later (lgplv3+)",
        "LGPL-3.0-or-later",
    ),
    ("agpl", "AGPL-3.0-or-later"),
    ("agplv3", "AGPL-3.0-only"),
    ("agpl v3", "AGPL-3.0-only"),
    ("agpl-3", "AGPL-3.0-only"),
    ("agpl3", "AGPL-3.0-only"),
    ("gnu affero general public v3", "AGPL-3.0-only"),
    ("gnu affero general public v3 (agplv3)", "AGPL-3.0-only"),
    ("agplv3+", "AGPL-3.0-or-later"),
    (
        "gnu affero general public v3 or later (agplv3+)",
        "AGPL-3.0-or-later",
    ),
    ("agpl 3.0", "AGPL-3.0-only"),
    ("agpl v3.0", "AGPL-3.0-only"),
    ("gnu agpl v3", "AGPL-3.0-only"),
    ("gnu agpl 3.0", "AGPL-3.0-only"),
    ("gnu affero gpl 3.0", "AGPL-3.0-only"),
    ("gnu affero gpl v3", "AGPL-3.0-only"),
    ("affero gpl", "AGPL-3.0-or-later"),
    ("gnu affero gpl", "AGPL-3.0-or-later"),
    ("gpl 2.0", "GPL-2.0-only"),
    ("gpl v2.0", "GPL-2.0-only"),
    ("gnu gpl 2.0", "GPL-2.0-only"),
    ("gpl 3.0", "GPL-3.0-only"),
    ("gpl v3.0", "GPL-3.0-only"),
    ("gnu gpl 3.0", "GPL-3.0-only"),
    ("lgpl 2.0", "LGPL-2.0-only"),
    ("lgpl 3.0", "LGPL-3.0-only"),
    ("gnu lgpl 2.1", "LGPL-2.1-only"),
    ("gnu lgpl v2.1", "LGPL-2.1-only"),
    ("gnu lgpl 3.0", "LGPL-3.0-only"),
    ("gnu lgpl v3", "LGPL-3.0-only"),
    // Others
    ("isc", "ISC"),
    ("isc (iscl)", "ISC"),
    ("iscl", "ISC"),
    ("mpl", "MPL-2.0"),
    ("mpl 2.0", "MPL-2.0"),
    ("mpl2", "MPL-2.0"),
    ("mpl-2", "MPL-2.0"),
    ("mpl v2", "MPL-2.0"),
    ("mozilla public 2.0", "MPL-2.0"),
    ("mozilla public 2.0 (mpl 2.0)", "MPL-2.0"),
    ("mozilla public 1.1 (mpl 1.1)", "MPL-1.1"),
    ("mpl 1.1", "MPL-1.1"),
    ("eclipse public 1.0", "EPL-1.0"),
    ("eclipse public 2.0", "EPL-2.0"),
    ("epl", "EPL-1.0"),
    ("boost", "BSL-1.0"),
    ("boost software", "BSL-1.0"),
    ("boost software 1.0", "BSL-1.0"),
    ("bsl", "BSL-1.0"),
    ("zlib", "Zlib"),
    ("zlib/libpng", "Zlib"),
    ("unlicense", "Unlicense"),
    ("unlicense (unlicense)", "Unlicense"),
    ("cc0", "CC0-1.0"),
    ("cc0 1.0", "CC0-1.0"),
    ("cc0 1.0 universal", "CC0-1.0"),
    ("cc-by-4.0", "CC-BY-4.0"),
    ("wtfpl", "WTFPL"),
    ("psf", "PSF-2.0"),
    ("psfl", "PSF-2.0"),
    ("python software foundation", "PSF-2.0"),
    ("python software foundation (psf)", "PSF-2.0"),
    ("psf 2.0", "PSF-2.0"),
    ("python", "Python-2.0"),
    ("zope public", "ZPL-2.1"),
    ("zpl", "ZPL-2.1"),
    ("zpl 2.1", "ZPL-2.1"),
    ("artistic", "Artistic-1.0-Perl"),
    ("perl", "Artistic-1.0-Perl OR GPL-1.0-or-later"),
    ("perl 5", "Artistic-1.0-Perl OR GPL-1.0-or-later"),
    ("academic free", "AFL-3.0"),
    ("afl 2.1", "AFL-2.1"),
    ("aflv2.1", "AFL-2.1"),
    ("afl-2.1", "AFL-2.1"),
    ("afl 3.0", "AFL-3.0"),
    ("aflv3.0", "AFL-3.0"),
    ("universal permissive v1.0 (upl)", "UPL-1.0"),
    ("european union public 1.2 (eupl 1.2)", "EUPL-1.2"),
    ("public domain", PUBLIC_DOMAIN),
    ("public-domain", PUBLIC_DOMAIN),
    ("unlicensed", PROPRIETARY),
    ("proprietary", PROPRIETARY),
    ("commercial", PROPRIETARY),
    ("other/proprietary", PROPRIETARY),
];

/// Values that mean "no license information".
const ABSENT: &[&str] = &[
    "",
    "unknown",
    "none",
    "noassertion",
    "n/a",
    "na",
    "null",
    "undefined",
    "-",
    "license",
];

/// Lower-cases, trims, drops punctuation noise and filler words ("the", "license", "version", …),
/// so that "The MIT License" and "mit", or "Apache License, Version 2.0" and "apache 2.0",
/// compare equal.
///
/// # Example
/// ```
/// assert_eq!(clearance_model::declared::squash("The Apache License, Version 2.0"), "apache 2.0");
/// ```
pub fn squash(s: &str) -> String {
    const FILLER: &[&str] = &[
        "the",
        "license",
        "licence",
        "licensed",
        "version",
        "agreement",
    ];
    let lower = s.trim().to_lowercase().replace(['_', '\u{a0}'], " ");
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        let word = word.trim_matches(|c: char| c == ',' || c == ';' || c == '"' || c == '\'');
        if word.is_empty() || FILLER.contains(&word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches('.').to_string()
}

fn lookup_name(s: &str) -> Option<&'static str> {
    let sq = squash(s);
    NAMES
        .iter()
        .find(|(k, _)| *k == sq)
        .map(|(_, v)| *v)
        .or_else(|| crate::families::GENERATED.get(&sq).map(String::as_str))
        .or_else(|| {
            // `Apache-2.0 License` → strip the noise word and try the id table.
            canonical_license_id(&sq)
        })
}

fn parse_mapped(value: &str) -> Option<LicenseExpr> {
    LicenseExpr::parse(value).ok()
}

/// Normalises one declared license string from a manifest.
///
/// # Example
/// ```
/// use clearance_model::declared::{normalise, Reading};
/// let n = normalise("MIT/Apache-2.0");
/// assert_eq!(n.expression.unwrap().to_string(), "MIT OR Apache-2.0");
/// assert_eq!(n.reading, Reading::Mapped);
/// let n = normalise("Apache License, Version 2.0");
/// assert_eq!(n.expression.unwrap().to_string(), "Apache-2.0");
/// ```
pub fn normalise(raw: &str) -> Normalised {
    let trimmed = raw.trim().trim_matches('"').trim();
    if ABSENT.contains(&trimmed.to_ascii_lowercase().as_str()) {
        return Normalised::absent();
    }
    // npm: UNLICENSED means "no permission granted", i.e. proprietary; never the Unlicense.
    if trimmed == "UNLICENSED" {
        return mapped(
            PROPRIETARY,
            "`UNLICENSED` means no license is granted (proprietary)",
        );
    }
    // 1. A valid SPDX expression.
    match LicenseExpr::parse_with_notes(trimmed, false) {
        Ok((expr, notes)) => {
            let notes = deprecated_notes(&notes.deprecated);
            return Normalised {
                expression: Some(expr),
                reading: Reading::Spdx,
                notes,
            };
        }
        Err(ExprError::Empty) => return Normalised::absent(),
        Err(_) => {}
    }
    // 2. A whole free-text name.
    if let Some(id) = lookup_name(trimmed).and_then(parse_mapped) {
        return Normalised {
            expression: Some(id),
            reading: Reading::Mapped,
            notes: vec![format!("free-text license name `{trimmed}` mapped")],
        };
    }
    // 3. The legacy `/` spelling of OR (Cargo before 1.0 of its license field, old npm).
    if let Ok((expr, notes)) = LicenseExpr::parse_with_notes(trimmed, true) {
        let mut n = deprecated_notes(&notes.deprecated);
        n.push("`/` read as `OR`".to_string());
        return Normalised {
            expression: Some(expr),
            reading: Reading::Mapped,
            notes: n,
        };
    }
    // 4. Free-text names joined by words or separators, each side mapped on its own.
    if let Some(n) = normalise_compound(trimmed) {
        return n;
    }
    unrecognised(trimmed)
}

fn mapped(id: &str, note: &str) -> Normalised {
    Normalised {
        expression: parse_mapped(id),
        reading: Reading::Mapped,
        notes: vec![note.to_string()],
    }
}

fn deprecated_notes(dep: &[(String, String)]) -> Vec<String> {
    dep.iter()
        .map(|(from, to)| format!("deprecated SPDX id `{from}` read as `{to}`"))
        .collect()
}

/// Splits "MIT or Apache 2.0", "MIT and BSD", "MIT, Apache-2.0", "Dual MIT/GPL" into parts.
fn normalise_compound(s: &str) -> Option<Normalised> {
    let lower = s.to_lowercase();
    let body = lower
        .trim_start_matches("dual licensed under ")
        .trim_start_matches("dual license ")
        .trim_start_matches("dual ")
        .trim_start_matches('(')
        .trim_end_matches(')')
        .to_string();
    let (parts, or, note): (Vec<&str>, bool, Option<&str>) = if body.contains(" or ") {
        (body.split(" or ").collect(), true, None)
    } else if body.contains(" and ") {
        (body.split(" and ").collect(), false, None)
    } else if body.contains(" / ")
        || body.contains('/')
            && !body.contains("zlib/libpng")
            && !body.contains("other/proprietary")
    {
        (body.split('/').collect(), true, Some("`/` read as `OR`"))
    } else if body.contains(',') || body.contains(';') {
        (
            body.split([',', ';']).collect(),
            false,
            Some("several licenses separated by `,`/`;` read conservatively as `AND`"),
        )
    } else {
        return None;
    };
    if parts.len() < 2 {
        return None;
    }
    let mut items = Vec::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let expr = LicenseExpr::parse(part)
            .ok()
            .or_else(|| lookup_name(part).and_then(parse_mapped))?;
        items.push(expr);
    }
    if items.is_empty() {
        return None;
    }
    let expression = if or {
        LicenseExpr::or(items)
    } else {
        LicenseExpr::and(items)
    };
    let mut notes = vec![format!("free-text license `{s}` mapped")];
    notes.extend(note.map(str::to_string));
    Some(Normalised {
        expression: Some(expression),
        reading: Reading::Mapped,
        notes,
    })
}

fn unrecognised(s: &str) -> Normalised {
    Normalised {
        expression: Some(LicenseExpr::term(license_ref_for(s))),
        reading: Reading::Unrecognised,
        notes: vec![format!(
            "`{}` is not an SPDX expression nor a known license name",
            shorten(s)
        )],
    }
}

fn shorten(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        let cut: String = one_line.chars().take(77).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

/// A stable `LicenseRef-` id for an unrecognised license name: `LicenseRef-clearance-` and the
/// name reduced to letters, digits and `-`, cut to 40 characters.
///
/// # Example
/// ```
/// assert_eq!(
///     clearance_model::declared::license_ref_for("ACME Corp. EULA v2"),
///     "LicenseRef-clearance-acme-corp-eula-v2"
/// );
/// ```
pub fn license_ref_for(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug
        .trim_matches(|c| c == '-' || c == '.')
        .replace(".-", "-");
    let slug = slug.trim_end_matches(['-', '.']);
    if slug.is_empty() {
        "LicenseRef-clearance-unknown".to_string()
    } else {
        format!("LicenseRef-clearance-{slug}")
    }
}

/// Maps a Python trove classifier (`License :: OSI Approved :: MIT License`) to an SPDX id.
/// Returns `None` for classifiers that name no license (`License :: OSI Approved`) and for
/// non-license classifiers.
///
/// # Example
/// ```
/// use clearance_model::declared::classifier_license;
/// assert_eq!(classifier_license("License :: OSI Approved :: Apache Software License").as_deref(), Some("Apache-2.0"));
/// assert_eq!(classifier_license("License :: OSI Approved"), None);
/// ```
pub fn classifier_license(classifier: &str) -> Option<String> {
    let parts: Vec<&str> = classifier.split("::").map(str::trim).collect();
    if parts.first().copied() != Some("License") || parts.len() < 2 {
        return None;
    }
    let leaf = *parts.last()?;
    let id = match leaf {
        "OSI Approved"
        | "DFSG approved"
        | "Free For Educational Use"
        | "Free For Home Use"
        | "Free for non-commercial use"
        | "Freely Distributable"
        | "Freeware"
        | "Eiffel Forum License" => {
            return None;
        }
        "Apache Software License" => "Apache-2.0",
        "BSD License" => BSD_UNSPECIFIED,
        "MIT License" => "MIT",
        "MIT No Attribution License (MIT-0)" => "MIT-0",
        "ISC License (ISCL)" => "ISC",
        "Python Software Foundation License" => "PSF-2.0",
        "Other/Proprietary License" => PROPRIETARY,
        "Public Domain" => PUBLIC_DOMAIN,
        "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication" => "CC0-1.0",
        "The Unlicense (Unlicense)" => "Unlicense",
        "Mozilla Public License 1.0 (MPL)" => "MPL-1.0",
        "Mozilla Public License 1.1 (MPL 1.1)" => "MPL-1.1",
        "Mozilla Public License 2.0 (MPL 2.0)" => "MPL-2.0",
        "GNU General Public License (GPL)" => "GPL-1.0-or-later",
        "GNU General Public License v2 (GPLv2)" => "GPL-2.0-only",
        "GNU General Public License v2 or later (GPLv2+)" => "GPL-2.0-or-later",
        "GNU General Public License v3 (GPLv3)" => "GPL-3.0-only",
        "GNU General Public License v3 or later (GPLv3+)" => "GPL-3.0-or-later",
        "GNU Lesser General Public License v2 (LGPLv2)" => "LGPL-2.0-only",
        "GNU Lesser General Public License v2 or later (LGPLv2+)" => "LGPL-2.0-or-later",
        "GNU Lesser General Public License v3 (LGPLv3)" => "LGPL-3.0-only",
        "GNU Lesser General Public License v3 or later (LGPLv3+)" => "LGPL-3.0-or-later",
        "GNU Library or Lesser General Public License (LGPL)" => "LGPL-2.0-or-later",
        "GNU Affero General Public License v3" => "AGPL-3.0-only",
        "GNU Affero General Public License v3 or later (AGPLv3+)" => "AGPL-3.0-or-later",
        "GNU Free Documentation License (FDL)" => "GFDL-1.3-or-later",
        "Academic Free License (AFL)" => "AFL-3.0",
        "Apple Public Source License" => "APSL-2.0",
        "Artistic License" => "Artistic-2.0",
        "Boost Software License 1.0 (BSL-1.0)" => "BSL-1.0",
        "Common Development and Distribution License 1.0 (CDDL-1.0)" => "CDDL-1.0",
        "Common Public License" => "CPL-1.0",
        "Eclipse Public License 1.0 (EPL-1.0)" => "EPL-1.0",
        "Eclipse Public License 2.0 (EPL-2.0)" => "EPL-2.0",
        "European Union Public Licence 1.0 (EUPL 1.0)" => "EUPL-1.0",
        "European Union Public Licence 1.1 (EUPL 1.1)" => "EUPL-1.1",
        "European Union Public Licence 1.2 (EUPL 1.2)" => "EUPL-1.2",
        "IBM Public License" => "IPL-1.0",
        "Historical Permission Notice and Disclaimer (HPND)" => "HPND",
        "Intel Open Source License" => "Intel",
        "Jabber Open Source License" => "JOSL-1.0",
        "MirOS License (MirOS)" => "MirOS",
        "Motosoto License" => "Motosoto",
        "Nokia Open Source License" => "Nokia",
        "Open Group Test Suite License" => "OGTSL",
        "Open Software License 3.0 (OSL-3.0)" => "OSL-3.0",
        "PostgreSQL License" => "PostgreSQL",
        "Python License (CNRI Python License)" => "CNRI-Python",
        "Qt Public License (QPL)" => "QPL-1.0",
        "Ricoh Source Code Public License" => "RSCPL",
        "SIL Open Font License 1.1 (OFL-1.1)" => "OFL-1.1",
        "Sleepycat License" => "Sleepycat",
        "Sun Industry Standards Source License (SISSL)" => "SISSL",
        "Sun Public License" => "SPL-1.0",
        "Universal Permissive License (UPL)" => "UPL-1.0",
        "University of Illinois/NCSA Open Source License" => "NCSA",
        "Vovida Software License 1.0" => "VSL-1.0",
        "W3C License" => "W3C",
        "X.Net License" => "Xnet",
        "zlib/libpng License" => "Zlib",
        "Zope Public License" => "ZPL-2.1",
        "Zero-Clause BSD (0BSD)" => "0BSD",
        "GNU Free Documentation License" => "GFDL-1.3-or-later",
        other => return Some(license_ref_for(other)),
    };
    Some(id.to_string())
}

/// `true` when `id` belongs to the BSD family that [`BSD_UNSPECIFIED`] may stand for.
pub fn is_bsd_variant(id: &str) -> bool {
    id == "0BSD" || id.starts_with("BSD-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(raw: &str) -> String {
        normalise(raw)
            .expression
            .map(|e| e.to_string())
            .unwrap_or_else(|| "<none>".into())
    }

    #[test]
    fn spdx_expressions_pass_through() {
        let n = normalise("MIT OR Apache-2.0");
        assert_eq!(n.reading, Reading::Spdx);
        assert_eq!(expr("MIT OR Apache-2.0"), "MIT OR Apache-2.0");
        assert_eq!(
            expr("(MIT OR Apache-2.0) AND Unicode-3.0"),
            "(MIT OR Apache-2.0) AND Unicode-3.0"
        );
        assert_eq!(expr("mit"), "MIT");
    }

    #[test]
    fn legacy_and_free_text_forms() {
        assert_eq!(expr("MIT/Apache-2.0"), "MIT OR Apache-2.0");
        assert_eq!(expr("Apache 2.0"), "Apache-2.0");
        assert_eq!(expr("Apache License, Version 2.0"), "Apache-2.0");
        assert_eq!(
            expr("The Apache Software License, Version 2.0"),
            "Apache-2.0"
        );
        assert_eq!(expr("GPLv2+"), "GPL-2.0-or-later");
        assert_eq!(expr("GPLv2"), "GPL-2.0-only");
        assert_eq!(expr("The MIT License"), "MIT");
        assert_eq!(expr("MIT License"), "MIT");
        assert_eq!(expr("BSD"), BSD_UNSPECIFIED);
        assert_eq!(expr("new BSD license"), "BSD-3-Clause");
        assert_eq!(expr("GPL"), "GPL-1.0-or-later");
        assert_eq!(expr("GPL-2.0+"), "GPL-2.0-or-later");
        assert_eq!(expr("MIT or Apache 2.0"), "MIT OR Apache-2.0");
        assert_eq!(expr("Dual MIT/GPL"), "MIT OR GPL-1.0-or-later");
        assert_eq!(expr("zlib/libpng"), "Zlib");
        assert_eq!(expr("GNU AFFERO GPL 3.0"), "AGPL-3.0-only");
        assert_eq!(expr("GPL 3.0"), "GPL-3.0-only");
    }

    #[test]
    fn comma_is_conservative_and() {
        let n = normalise("MIT, BSD-3-Clause");
        assert_eq!(n.expression.unwrap().to_string(), "MIT AND BSD-3-Clause");
        assert!(n.notes.iter().any(|x| x.contains("conservatively")));
    }

    #[test]
    fn unlicensed_is_proprietary_not_unlicense() {
        assert_eq!(expr("UNLICENSED"), PROPRIETARY);
        assert_eq!(expr("Unlicense"), "Unlicense");
    }

    #[test]
    fn absent_values() {
        for v in ["", "UNKNOWN", "NOASSERTION", "  ", "none"] {
            assert_eq!(normalise(v).reading, Reading::Absent, "{v:?}");
        }
    }

    #[test]
    fn unknown_text_becomes_license_ref() {
        let n = normalise("ACME Corp. EULA v2");
        assert_eq!(n.reading, Reading::Unrecognised);
        assert_eq!(
            expr("ACME Corp. EULA v2"),
            "LicenseRef-clearance-acme-corp-eula-v2"
        );
        assert_eq!(license_ref_for("!!!"), "LicenseRef-clearance-unknown");
    }

    #[test]
    fn classifiers() {
        assert_eq!(
            classifier_license(
                "License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)"
            )
            .as_deref(),
            Some("GPL-2.0-or-later")
        );
        assert_eq!(
            classifier_license("License :: OSI Approved :: BSD License").as_deref(),
            Some(BSD_UNSPECIFIED)
        );
        assert_eq!(classifier_license("Programming Language :: Python"), None);
        // Every mapped classifier id must be a valid expression.
        for c in [
            "License :: OSI Approved :: MIT License",
            "License :: Other/Proprietary License",
            "License :: Public Domain",
        ] {
            let id = classifier_license(c).unwrap();
            assert!(LicenseExpr::parse(&id).is_ok(), "{id}");
        }
    }

    #[test]
    fn every_name_table_value_parses() {
        for (k, v) in NAMES {
            assert!(LicenseExpr::parse(v).is_ok(), "{k} -> {v}");
            assert_eq!(squash(k), *k, "table key {k:?} is not in squashed form");
        }
    }
}
