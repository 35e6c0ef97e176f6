//! License names inside prose: "the MIT license", "Apache License, Version 2.0", "GPLv2+",
//! `BSD-3-Clause`.
//!
//! A phrase is split into words the way [`clearance_model::declared::squash`] reads license names
//! (lower case, filler words such as "the", "license" and "version" dropped), and the longest
//! known name is taken at each position. Known names are the SPDX ids, the SPDX full names that
//! are not themselves phrases with "or"/"and", and clearance's table of free-text names.

use std::collections::HashMap;
use std::sync::LazyLock;

use clearance_model::LicenseExpr;
use clearance_model::declared::{NAMES, squash};

/// The longest name, in words.
const MAX_WORDS: usize = 9;

static TABLE: LazyLock<HashMap<String, LicenseExpr>> = LazyLock::new(|| {
    let mut m: HashMap<String, LicenseExpr> = HashMap::new();
    // Tens of thousands of generated names stand for a few hundred expressions.
    let mut parsed: HashMap<String, Option<LicenseExpr>> = HashMap::new();
    let mut add = |name: &str, expr: &str| {
        // Generated names are already lower-case words split by single spaces; only a word
        // ending in a dot ("v. 2") needs the full reading.
        let plain = !name.is_empty()
            && !name.ends_with('.')
            && !name.contains(". ")
            && !name.contains("  ")
            && name.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b' ' | b'.' | b'-' | b'+')
            });
        let key = if plain {
            name.to_string()
        } else {
            words(name).join(" ")
        };
        if key.is_empty() || m.contains_key(&key) {
            return;
        }
        let e = parsed
            .entry(expr.to_string())
            .or_insert_with(|| LicenseExpr::parse(expr).ok());
        if let Some(e) = e {
            m.insert(key, e.clone());
        }
    };
    for (name, expr) in NAMES {
        add(name, expr);
    }
    let mut generated: Vec<_> = clearance_model::families::GENERATED.iter().collect();
    generated.sort();
    for (name, expr) in generated {
        add(name, expr);
    }
    for l in spdx::identifiers::LICENSES {
        if l.flags & spdx::flags::IS_DEPRECATED != 0 {
            continue;
        }
        add(l.name, l.name);
        let full = l.full_name.to_lowercase();
        if !full.contains(" or ") && !full.contains(" and ") {
            add(l.full_name, l.name);
        }
    }
    // Deprecated GNU ids written bare in prose ("GPL-2.0", "LGPL-2.1+").
    for (name, expr) in [
        ("gpl-2.0", "GPL-2.0-only"),
        ("gpl-2.0+", "GPL-2.0-or-later"),
        ("gpl-3.0", "GPL-3.0-only"),
        ("gpl-3.0+", "GPL-3.0-or-later"),
        ("lgpl-2.1", "LGPL-2.1-only"),
        ("lgpl-2.1+", "LGPL-2.1-or-later"),
        ("lgpl-3.0", "LGPL-3.0-only"),
        ("lgpl-3.0+", "LGPL-3.0-or-later"),
        ("agpl-3.0", "AGPL-3.0-only"),
        ("agpl-3.0+", "AGPL-3.0-or-later"),
    ] {
        add(name, expr);
    }
    m
});

/// The words of a phrase as names are compared: squashed, then split on spaces and on
/// punctuation that cannot be part of a license id (ids keep `-`, `.` and `+`).
pub fn words(phrase: &str) -> Vec<String> {
    let cleaned: String = phrase
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | ' ' | '/') {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        // "MIT/Apache-2.0": the slash is a word of its own, read as "or".
        .replace('/', " / ");
    squash(&cleaned)
        .split(' ')
        .map(|w| w.trim_matches('.').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A license name found in a phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct NameHit {
    /// Index of its first word.
    pub start: usize,
    /// Index after its last word.
    pub end: usize,
    /// What it stands for.
    pub expression: LicenseExpr,
}

/// Builds the table of names now rather than at first use (a few tenths of a second, done by
/// [`crate::Detector::new`] beside the index).
pub fn warm() {
    LazyLock::force(&TABLE);
}

/// The license `words` name as a whole, if they are one known name.
pub fn lookup(words: &[String]) -> Option<&'static LicenseExpr> {
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    TABLE.get(&words.join(" "))
}

/// Every license name in `words`, longest first at each position, left to right.
pub fn find(words: &[String]) -> Vec<NameHit> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut hit = None;
        for n in (1..=MAX_WORDS.min(words.len() - i)).rev() {
            let key = words[i..i + n].join(" ");
            if let Some(e) = TABLE.get(&key) {
                hit = Some((n, e.clone()));
                break;
            }
        }
        match hit {
            Some((n, expression)) => {
                out.push(NameHit {
                    start: i,
                    end: i + n,
                    expression,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The family of a single license: the id's first part (`GPL` of `GPL-2.0-only`, `Apache` of
/// `Apache-2.0`); `None` for a compound expression and for a `LicenseRef-` (each its own).
pub fn family(e: &LicenseExpr) -> Option<&str> {
    match e {
        LicenseExpr::Term(t) if !t.license.starts_with("LicenseRef-") => {
            t.license.split('-').next()
        }
        _ => None,
    }
}

/// A parenthesised pointer to a file or page: "(see the file GPL)", "(see below)".
static SEE_PAREN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\(\s*see\s[^()]{0,80}\)").expect("regex compiles")
});

/// Reads a phrase naming one or more licenses ("MIT or Apache-2.0", "the Apache License,
/// Version 2.0", "either of Apache 2.0 and MIT at your option") into one expression: names joined
/// by "or" (or in an "either"/"dual"/"at your option" phrase) become `OR`, otherwise `AND`.
/// Returns `None` when no license is named.
///
/// # Example
/// ```
/// use clearance_detect::names::phrase_expression;
/// assert_eq!(phrase_expression("the MIT License").unwrap().to_string(), "MIT");
/// assert_eq!(phrase_expression("MIT or Apache License 2.0").unwrap().to_string(), "MIT OR Apache-2.0");
/// assert!(phrase_expression("the same terms").is_none());
/// ```
pub fn phrase_expression(phrase: &str) -> Option<LicenseExpr> {
    // "the GPLv2 or later, see `/usr/share/common-licenses/GPL-2'": what follows "see" points
    // to a copy, it names nothing more.
    // "the GPL (see the file GPL), LGPL (see the file LGPL), or …": a parenthesised pointer
    // is left out, and the phrase goes on after it.
    let unpointed = SEE_PAREN.replace_all(phrase, " ");
    let phrase = unpointed.as_ref();
    let lower = phrase.to_lowercase();
    let phrase = match [", see ", " (see ", "; see ", " - see "]
        .iter()
        .filter_map(|s| lower.find(s))
        .min()
    {
        Some(cut) => &phrase[..cut],
        None => phrase,
    };
    let w = words(phrase);
    let mut hits = find(&w);
    // "commercial" before a word it qualifies is no license: "a liberal, and commercial
    // friendly, MIT license", "free for commercial use".
    hits.retain(|h| {
        w[h.start..h.end] != ["commercial"]
            || !w.get(h.end).is_some_and(|x| {
                [
                    "friendly", "use", "purposes", "projects", "products", "software", "support",
                ]
                .contains(&x.as_str())
            })
    });
    if hits.is_empty() {
        return None;
    }
    // A name without a version beside a versioned name of the same family is that one said
    // twice: "the GNU Affero General Public License (GNU AGPLv3)".
    let family = |h: &NameHit| family(&h.expression).map(str::to_string);
    let versioned = |h: &NameHit| {
        w[h.start..h.end]
            .iter()
            .any(|x| x.chars().any(|c| c.is_ascii_digit()))
    };
    let keep: Vec<bool> = hits
        .iter()
        .map(|h| {
            versioned(h)
                || !hits
                    .iter()
                    .any(|o| versioned(o) && family(o).is_some() && family(o) == family(h))
        })
        .collect();
    let mut k = keep.iter();
    hits.retain(|_| *k.next().expect("one flag per hit"));
    if hits.len() == 1 {
        return Some(hits[0].expression.clone());
    }
    let lower = phrase.to_lowercase();
    let choice = lower.contains("either")
        || lower.contains("dual")
        || lower.contains("both")
        || lower.contains("at your option")
        || lower.contains("at your choice")
        || lower.contains("your choice")
        || hits.windows(2).any(|p| {
            w[p[0].end..p[1].start]
                .iter()
                .any(|x| x == "or" || x == "/")
        });
    let items: Vec<LicenseExpr> = hits.into_iter().map(|h| h.expression).collect();
    Some(if choice {
        LicenseExpr::or(items)
    } else {
        LicenseExpr::and(items)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        phrase_expression(s).map(|e| e.to_string())
    }

    #[test]
    fn names_in_prose() {
        assert_eq!(
            p("the Apache License, Version 2.0 (the \"License\")").as_deref(),
            Some("Apache-2.0")
        );
        assert_eq!(p("MIT").as_deref(), Some("MIT"));
        assert_eq!(p("BSD-3-Clause").as_deref(), Some("BSD-3-Clause"));
        assert_eq!(
            p("the GNU General Public License v3.0 only").as_deref(),
            Some("GPL-3.0-only")
        );
        assert_eq!(p("GPLv2+").as_deref(), Some("GPL-2.0-or-later"));
        assert_eq!(p("Mozilla Public License 2.0").as_deref(), Some("MPL-2.0"));
        assert_eq!(
            p("the same license as Perl itself").as_deref(),
            Some("Artistic-1.0-Perl OR GPL-1.0-or-later")
        );
    }

    #[test]
    fn several_names() {
        assert_eq!(p("MIT or Apache-2.0").as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(p("MIT / Apache2").as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(p("MIT/Apache-2.0").as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(
            p("either of Apache License, Version 2.0 and MIT license at your option").as_deref(),
            Some("Apache-2.0 OR MIT")
        );
        assert_eq!(
            p("the MIT license and the ISC license").as_deref(),
            Some("MIT AND ISC")
        );
        assert_eq!(
            p("the GNU Affero General Public License (GNU AGPLv3)").as_deref(),
            Some("AGPL-3.0-only")
        );
        assert_eq!(
            p("both open-source AGPL and commercial license agreements").as_deref(),
            Some("AGPL-3.0-or-later OR LicenseRef-clearance-proprietary")
        );
    }

    #[test]
    fn no_names() {
        assert_eq!(p("the terms of this agreement"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("the hood"), None);
    }
}
