//! The findings of one file, read together: what one finding says that another already says
//! better is dropped, so that the file's licenses are what its author wrote, once.
//!
//! * A catch-all (a warranty disclaimer, "see the license file", "other permissive terms") adds
//!   nothing beside a named license.
//! * A vague name (the GPL without a version, the BSD license without a clause count) adds
//!   nothing beside a specific license of the same family.
//! * "GPL-2.0-only" read from a part of a notice that says "or any later version" elsewhere
//!   gives way to `GPL-2.0-or-later`.
//! * A short reference (a license URL, a name in passing) near a notice or sentence that names
//!   its licenses and more ("Licensed under the Apache License or the MIT license … see
//!   `https://www.apache.org/licenses/LICENSE-2.0`") is part of that notice.

use clearance_model::declared::{BSD_UNSPECIFIED, PUBLIC_DOMAIN, is_bsd_variant};

/// Licenses that dedicate a work to the public domain: a plain dedication beside one of them is
/// that one's.
const PUBLIC_DOMAIN_INSTRUMENTS: &[&str] = &["CC0-1.0", "Unlicense"];
use std::sync::LazyLock;

use clearance_model::{LicenseExpr, LicenseFinding, Lines, Tier};
use regex::Regex;

/// Catch-all ids of the knowledge base: they say a file has *some* license terms, which a named
/// license beside them says better.
const CATCH_ALL: &[&str] = &[
    "LicenseRef-scancode-warranty-disclaimer",
    "LicenseRef-scancode-unknown-license-reference",
    "LicenseRef-scancode-unknown",
    "LicenseRef-scancode-free-unknown",
    "LicenseRef-scancode-other-permissive",
    "LicenseRef-scancode-other-copyleft",
    "LicenseRef-scancode-generic-cla",
    "LicenseRef-scancode-unknown-spdx",
];

/// Lines within which a short reference belongs to a notice or sentence that names its licenses.
const NEAR: u32 = 20;

/// The GNU family of an id and whether the id is the family's vague reading ("the GPL", "the
/// LGPL": ScanCode's `gpl-1.0-plus` and `lgpl-2.0-plus`).
fn gnu_family(id: &str) -> Option<(&'static str, bool)> {
    for (family, vague) in [
        ("AGPL-", "AGPL-1.0-or-later"),
        ("LGPL-", "LGPL-2.0-or-later"),
        ("GPL-", "GPL-1.0-or-later"),
        ("GFDL-", ""),
    ] {
        if id.starts_with(family) {
            return Some((family, id == vague));
        }
    }
    None
}

/// `true` when every license of `e` is a catch-all ("some license terms", a warranty
/// disclaimer): a reading that names a license says more.
pub fn is_catch_all(e: &LicenseExpr) -> bool {
    e.license_ids().iter().all(|id| CATCH_ALL.contains(id))
}

/// `e` with its vague terms that `specific` names specifically replaced by it ("the GNU General
/// Public License, in which case the provisions of the GPL2 are required": `BSD-3-Clause OR
/// GPL-1.0-or-later` and `GPL-2.0-only` read over the same words make `BSD-3-Clause OR
/// GPL-2.0-only`); `None` when `specific` is not a single license or refines nothing.
pub fn refine_vague(e: &LicenseExpr, specific: &LicenseExpr) -> Option<LicenseExpr> {
    let LicenseExpr::Term(s) = specific else {
        return None;
    };
    let refined = e.map_terms(&mut |t| {
        (t.exception.is_none() && vague_beside(&t.license, &[s.license.as_str()])).then(|| {
            LicenseExpr::Term(clearance_model::LicenseTerm {
                exception: s.exception.clone(),
                ..s.clone()
            })
        })
    });
    (refined != *e).then_some(refined)
}

/// `true` when `a` and `b` are single terms of the same GNU family ("GPL-2.0-only" and
/// "GPL-2.0-or-later", or "GPL-3.0-only"), without exceptions.
pub fn same_gnu_license(a: &LicenseExpr, b: &LicenseExpr) -> bool {
    match (a, b) {
        (LicenseExpr::Term(x), LicenseExpr::Term(y)) => {
            x.exception.is_none()
                && y.exception.is_none()
                && gnu_family(&x.license)
                    .is_some_and(|(f, _)| gnu_family(&y.license).is_some_and(|(g, _)| f == g))
        }
        _ => false,
    }
}

/// The vague reading of a GNU id's family ("the LGPL": `LGPL-2.0-or-later`), for an id whose
/// version the words do not say.
pub fn vague_of(id: &str) -> Option<LicenseExpr> {
    let vague = match gnu_family(id)?.0 {
        "AGPL-" => "AGPL-1.0-or-later",
        "LGPL-" => "LGPL-2.0-or-later",
        "GPL-" => "GPL-1.0-or-later",
        _ => return None,
    };
    Some(LicenseExpr::term(vague.to_string()))
}

/// `GPL-2.0-only` → `GPL-2.0-or-later`, for the GNU ids that have both; not where the
/// `-or-later` id is also its family's vague reading (`LGPL-2.0-or-later` is what "the LGPL"
/// reads as: beside `LGPL-2.0-only` it is the vague one).
fn or_later_of(id: &str) -> Option<String> {
    let later = format!("{}-or-later", id.strip_suffix("-only")?);
    (gnu_family(&later).is_none_or(|(_, vague)| !vague)).then_some(later)
}

/// `true` when `a` and `b` are the same license or `b` a revision of `a`'s text
/// (`Python-2.0` and `Python-2.0.1`).
fn same_text_family(a: &str, b: &str) -> bool {
    a == b || b.strip_prefix(a).is_some_and(|rest| rest.starts_with('.'))
}

/// How much a tier says: a whole text over a notice over a short reference.
fn strength(t: Tier) -> u8 {
    match t {
        Tier::LicenseText => 4,
        Tier::SpdxTag => 3,
        Tier::Notice => 2,
        Tier::Reference => 1,
        Tier::FileReference => 0,
    }
}

/// `true` when `id` is a vague name beside a specific one of its family among `others` (the GPL
/// without a version beside `GPL-2.0-only`, the BSD license beside `BSD-3-Clause`).
fn vague_beside(id: &str, others: &[&str]) -> bool {
    if id == BSD_UNSPECIFIED {
        return others.iter().any(|x| is_bsd_variant(x));
    }
    // "The CC0 Public Domain Dedication": the dedication named by its instrument.
    if id == PUBLIC_DOMAIN {
        return others.iter().any(|x| PUBLIC_DOMAIN_INSTRUMENTS.contains(x));
    }
    if let Some((family, true)) = gnu_family(id) {
        return others
            .iter()
            .any(|x| gnu_family(x) == Some((family, false)));
    }
    false
}

/// `true` when `id` says nothing that one of `others`, all in the same file, does not say
/// better: a vague name beside a specific one of its family, or an `-only` GNU id beside its
/// `-or-later` (read from a part of a notice that says "or any later version" elsewhere).
pub fn redundant(id: &str, others: &[&str]) -> bool {
    vague_beside(id, others) || or_later_of(id).is_some_and(|l| others.contains(&l.as_str()))
}

/// `true` when `a` names every license `b` names, or a more specific one of its family. Between
/// two readings of the same words, `-or-later` is not more specific than `-only`: which one the
/// words say is for the reading that saw the version to decide.
pub fn covers(a: &LicenseExpr, b: &LicenseExpr) -> bool {
    let named = a.license_ids();
    b.license_ids()
        .iter()
        .all(|id| named.contains(id) || vague_beside(id, &named))
}

/// `true` when `a` says all `b` says and more: more licenses, or a vague one of `b` specifically
/// ("GNU General Public License version 2" over "the GNU General Public License").
pub fn says_more(a: &LicenseExpr, b: &LicenseExpr) -> bool {
    let named = a.license_ids();
    let old = b.license_ids();
    covers(a, b) && (named.len() > old.len() || names_specifically(a, b))
}

/// `true` when `a` names specifically a license `b` names vaguely (`GPL-2.0-only` for
/// `GPL-1.0-or-later`).
pub fn names_specifically(a: &LicenseExpr, b: &LicenseExpr) -> bool {
    let named = a.license_ids();
    b.license_ids().iter().any(|id| vague_beside(id, &named))
}

/// `true` when `a` is the "or later" of the GNU license `b` names "only": the same license with
/// a "+" or "or later" that `b`'s match did not reach ("(LGPL) 2.1+").
pub fn later_of(a: &LicenseExpr, b: &LicenseExpr) -> bool {
    match (a, b) {
        (LicenseExpr::Term(x), LicenseExpr::Term(y)) => {
            x.exception == y.exception
                && y.license
                    .strip_suffix("-only")
                    .is_some_and(|stem| x.license.strip_suffix("-or-later") == Some(stem))
        }
        _ => false,
    }
}

/// Drops the terms of a conjunction or choice that its other terms say better ("the GPL …
/// version 2 or later" read as `GPL-1.0-or-later AND GPL-2.0-or-later`).
fn simplify(e: &mut LicenseExpr) {
    let and = matches!(e, LicenseExpr::And(_));
    match e {
        LicenseExpr::Term(_) => {}
        LicenseExpr::Or(items) | LicenseExpr::And(items) => {
            items.iter_mut().for_each(simplify);
            let ids: Vec<String> = items
                .iter()
                .filter_map(|i| match i {
                    LicenseExpr::Term(t) => Some(t.license.clone()),
                    _ => None,
                })
                .collect();
            let others: Vec<&str> = ids.iter().map(String::as_str).collect();
            let kept: Vec<LicenseExpr> = items
                .drain(..)
                .filter(|i| {
                    !matches!(i, LicenseExpr::Term(t) if t.exception.is_none() && redundant(&t.license, &others))
                })
                .collect();
            *e = if and {
                LicenseExpr::and(kept)
            } else {
                LicenseExpr::or(kept)
            };
        }
    }
}

/// Drops the findings of one file that others say better. See the module documentation.
pub fn consolidate(findings: &mut Vec<LicenseFinding>) {
    for f in findings.iter_mut() {
        simplify(&mut f.expression);
    }
    let ids: Vec<Vec<String>> = findings
        .iter()
        .map(|f| {
            f.expression
                .license_ids()
                .iter()
                .map(|s| s.to_string())
                .collect()
        })
        .collect();
    let all: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    let catch_all = |i: usize| ids[i].iter().all(|id| CATCH_ALL.contains(&id.as_str()));
    let named = (0..findings.len()).any(|i| !catch_all(i));

    let says_nothing_new = |i: usize| -> bool {
        let f = &findings[i];
        if named && catch_all(i) {
            return true;
        }
        if ids[i].iter().all(|id| redundant(id, &all)) {
            return true;
        }
        if !matches!(f.evidence.tier, Tier::Reference | Tier::Notice) {
            return false;
        }
        // One license named beside the text of that license, or of a later version of the same
        // text (the Python license's history beside its `Python-2.0.1` text).
        if let [id] = ids[i].as_slice()
            && findings.iter().any(|g| {
                g.evidence.tier == Tier::LicenseText
                    && g.expression
                        .license_ids()
                        .iter()
                        .any(|t| same_text_family(id, t))
            })
        {
            return true;
        }
        // A short reference near a finding that names all its licenses, and more or as
        // strongly.
        findings.iter().enumerate().any(|(j, g)| {
            if j == i {
                return false;
            }
            let (a, b) = (f.evidence.lines, g.evidence.lines);
            let near = a.start <= b.end + NEAR && b.start <= a.end + NEAR;
            let covers = ids[i].iter().all(|id| ids[j].contains(id));
            let more = ids[j].len() > ids[i].len();
            let same_but_stronger = ids[j] == ids[i]
                && (
                    strength(g.evidence.tier),
                    b.end - b.start,
                    std::cmp::Reverse(j),
                ) > (
                    strength(f.evidence.tier),
                    a.end - a.start,
                    std::cmp::Reverse(i),
                );
            near && covers && (more || same_but_stronger) && !catch_all(j)
        })
    };
    let keep: Vec<bool> = (0..findings.len()).map(|i| !says_nothing_new(i)).collect();
    // An exception read with a vague name ("the GNU Library General Public License" and its
    // OCaml linking exception) belongs to the specific license that replaces the name
    // (`LGPL-2.1-or-later` named in the notice's first sentence): it is not dropped with it.
    let moved: Vec<(String, String)> = (0..findings.len())
        .filter(|&i| !keep[i])
        .flat_map(|i| findings[i].expression.terms())
        .filter_map(|t| Some((t.license.clone(), t.exception.clone()?)))
        .collect();
    for (vague, exception) in moved {
        let target = (0..findings.len()).filter(|&j| keep[j]).find(|&j| {
            findings[j]
                .expression
                .terms()
                .iter()
                .any(|t| t.exception.is_none() && vague_beside(&vague, &[t.license.as_str()]))
        });
        let Some(j) = target else { continue };
        findings[j].expression = findings[j]
            .expression
            .with_exception(&exception, |l| vague_beside(&vague, &[l]));
    }
    let mut k = keep.iter();
    findings.retain(|_| *k.next().expect("one flag per finding"));
}

/// Words that offer what follows as an alternative to what precedes: "The library is subject to
/// the MPL 1.1. Alternatively, it may be used under the GPL", or a line that is only "Or:"
/// between two license texts.
static ALTERNATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t]*or[ \t]*:?[ \t]*$|\b(?:alternatively|alternately|optionally\s+licen[cs]ed|may\s+(?:also\s+|optionally\s+|alternatively\s+)+be\s+(?:used|licen[cs]ed|distributed|redistributed)|is\s+also\s+(?:available|licen[cs]ed|provided|offered)|are\s+also\s+(?:available|licen[cs]ed|provided|offered)|or\s+(?:under\s+)?the\s+(?:conditions|terms|license)\s+(?:below|that\s+follow|as\s+follows))\b")
        .expect("regex compiles")
});

/// Lines between two findings within which the second can be offered as an alternative.
const ALTERNATIVE_GAP: u32 = 4;

/// Joins a finding to the one before it with `OR` where the text offers it as an alternative
/// ("Alternatively, …", "… may also be used under …") in the lines from the end of the first to
/// the start of the second. `findings` are in line order; lines are 1-based.
pub fn alternatives(text: &str, findings: &mut Vec<LicenseFinding>) {
    if findings.len() < 2 || !ALTERNATIVE.is_match(text) {
        return;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<LicenseFinding> = Vec::with_capacity(findings.len());
    for f in findings.drain(..) {
        if let Some(prev) = out.last_mut() {
            let (a, b) = (prev.evidence.lines, f.evidence.lines);
            let between = (a.end as usize..=b.start as usize)
                .filter_map(|l| lines.get(l.saturating_sub(1)))
                .copied()
                .collect::<Vec<_>>()
                .join("\n");
            if b.start > a.end
                && b.start <= a.end + ALTERNATIVE_GAP
                && prev.evidence.tier != Tier::SpdxTag
                && f.evidence.tier != Tier::SpdxTag
                && ALTERNATIVE.is_match(&between)
            {
                prev.expression = LicenseExpr::or(vec![prev.expression.clone(), f.expression]);
                prev.evidence.lines = Lines::new(a.start, b.end);
                prev.evidence.confidence = prev.evidence.confidence.min(f.evidence.confidence);
                if prev.evidence.modified.is_none() {
                    prev.evidence.modified = f.evidence.modified;
                }
                continue;
            }
        }
        out.push(f);
    }
    *findings = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::Evidence;

    fn f(expr: &str, start: u32, end: u32, tier: Tier) -> LicenseFinding {
        LicenseFinding {
            expression: LicenseExpr::parse(expr).unwrap(),
            evidence: Evidence::new("a.c", Lines::new(start, end), 1.0, tier),
        }
    }

    fn run(mut v: Vec<LicenseFinding>) -> Vec<String> {
        consolidate(&mut v);
        v.iter().map(|f| f.expression.to_string()).collect()
    }

    #[test]
    fn vague_names_take_the_specific_reading_of_the_same_words() {
        let e = |s: &str| LicenseExpr::parse(s).unwrap();
        assert_eq!(
            refine_vague(&e("BSD-3-Clause OR GPL-1.0-or-later"), &e("GPL-2.0-only"))
                .map(|x| x.to_string())
                .as_deref(),
            Some("BSD-3-Clause OR GPL-2.0-only")
        );
        // Another family, or a reading of several licenses, refines nothing.
        assert_eq!(
            refine_vague(&e("GPL-1.0-or-later"), &e("LGPL-2.1-only")),
            None
        );
        assert_eq!(
            refine_vague(&e("GPL-1.0-or-later"), &e("GPL-2.0-only OR MIT")),
            None
        );
        assert!(is_catch_all(&e(
            "LicenseRef-scancode-unknown-license-reference"
        )));
        assert!(!is_catch_all(&e("MIT")));
        assert!(same_gnu_license(&e("GPL-2.0-only"), &e("GPL-3.0-or-later")));
        assert!(!same_gnu_license(&e("GPL-2.0-only"), &e("LGPL-2.1-only")));
    }

    #[test]
    fn a_public_domain_dedication_is_the_cc0_beside_it() {
        assert_eq!(
            run(vec![
                f("LicenseRef-clearance-public-domain", 2, 2, Tier::Reference),
                f("CC0-1.0", 3, 3, Tier::Reference),
            ]),
            ["CC0-1.0"]
        );
        assert_eq!(
            run(vec![f(
                "CC0-1.0 AND LicenseRef-clearance-public-domain",
                1,
                1,
                Tier::Reference
            )]),
            ["CC0-1.0"]
        );
        // Alone, a dedication is what it is.
        assert_eq!(
            run(vec![
                f("LicenseRef-clearance-public-domain", 2, 2, Tier::Reference),
                f("MIT", 3, 3, Tier::Reference),
            ]),
            ["LicenseRef-clearance-public-domain", "MIT"]
        );
    }

    #[test]
    fn an_exception_moves_from_a_vague_name_to_the_specific_one() {
        assert_eq!(
            run(vec![
                f("LGPL-2.1-or-later", 1, 3, Tier::Notice),
                f(
                    "LGPL-2.0-or-later WITH OCaml-LGPL-linking-exception",
                    5,
                    16,
                    Tier::Notice
                ),
            ]),
            ["LGPL-2.1-or-later WITH OCaml-LGPL-linking-exception"]
        );
    }

    #[test]
    fn catch_alls_and_vague_names_give_way() {
        assert_eq!(
            run(vec![
                f("Apache-2.0", 1, 10, Tier::Notice),
                f(
                    "LicenseRef-scancode-warranty-disclaimer",
                    11,
                    14,
                    Tier::Notice
                ),
            ]),
            ["Apache-2.0"]
        );
        // Alone, a catch-all is all there is.
        assert_eq!(
            run(vec![f(
                "LicenseRef-scancode-warranty-disclaimer",
                1,
                4,
                Tier::Notice
            )]),
            ["LicenseRef-scancode-warranty-disclaimer"]
        );
        assert_eq!(
            run(vec![
                f("GPL-1.0-or-later", 1, 1, Tier::Reference),
                f("GPL-2.0-or-later", 3, 12, Tier::Notice),
            ]),
            ["GPL-2.0-or-later"]
        );
        // The vague GPL and a specific LGPL are two licenses.
        assert_eq!(
            run(vec![
                f("GPL-1.0-or-later", 1, 1, Tier::Reference),
                f("LGPL-2.1-or-later", 30, 40, Tier::Notice),
            ]),
            ["GPL-1.0-or-later", "LGPL-2.1-or-later"]
        );
        assert_eq!(
            run(vec![
                f("GPL-2.0-only", 1, 1, Tier::Reference),
                f("GPL-2.0-or-later", 3, 12, Tier::Notice),
            ]),
            ["GPL-2.0-or-later"]
        );
        assert_eq!(
            run(vec![f(
                "GPL-1.0-or-later AND GPL-2.0-or-later",
                1,
                3,
                Tier::Reference
            )]),
            ["GPL-2.0-or-later"]
        );
        // Two families are two licenses.
        assert_eq!(
            run(vec![f(
                "GPL-1.0-or-later OR LGPL-2.1-only",
                1,
                3,
                Tier::Reference
            )]),
            ["GPL-1.0-or-later OR LGPL-2.1-only"]
        );
        assert_eq!(
            run(vec![f(
                "Apache-2.0 OR GPL-2.0-only OR GPL-1.0-or-later",
                1,
                3,
                Tier::Reference
            )]),
            ["Apache-2.0 OR GPL-2.0-only"]
        );
        // "The LGPL" beside "version 2 of the LGPL" is that version; not its "or later".
        assert_eq!(
            run(vec![
                f("LGPL-2.0-only", 1, 4, Tier::Notice),
                f("LGPL-2.0-or-later", 1, 2, Tier::Reference),
            ]),
            ["LGPL-2.0-only"]
        );
    }

    #[test]
    fn an_alternative_is_a_choice() {
        let text = "## License\n\nThe library is subject to the Mozilla Public License Version 1.1.\n\nAlternatively, the library may be used under the terms of either\nthe GNU General Public License Version 2 or later, or the GNU\nLesser General Public License 2.1 or later.\n";
        let mut v = vec![
            f("MPL-1.1", 3, 3, Tier::Reference),
            f(
                "GPL-2.0-or-later OR LGPL-2.1-or-later",
                5,
                7,
                Tier::Reference,
            ),
        ];
        alternatives(text, &mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0].expression.to_string(),
            "MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later"
        );
        assert_eq!(v[0].evidence.lines, Lines::new(3, 7));
        // Without the word, two licenses apply.
        let text = "Parts are under the MIT license.\n\nOther parts are under the ISC license.\n";
        let mut v = vec![
            f("MIT", 1, 1, Tier::Reference),
            f("ISC", 3, 3, Tier::Reference),
        ];
        alternatives(text, &mut v);
        assert_eq!(v.len(), 2);
        // "… or the conditions below:" and the text below.
        let text = "You can redistribute it under either the terms of the GPL (see the file GPL), LGPL (see the file LGPL), or the conditions below:\n\nRedistribution and use in source and binary forms, …\n";
        let mut v = vec![
            f(
                "GPL-1.0-or-later OR LGPL-2.0-or-later",
                1,
                1,
                Tier::Reference,
            ),
            f("BSD-2-Clause", 3, 13, Tier::LicenseText),
        ];
        alternatives(text, &mut v);
        assert_eq!(
            v.iter()
                .map(|x| x.expression.to_string())
                .collect::<Vec<_>>(),
            ["GPL-1.0-or-later OR LGPL-2.0-or-later OR BSD-2-Clause"]
        );
    }

    #[test]
    fn short_references_join_the_notice_they_belong_to() {
        assert_eq!(
            run(vec![
                f("Apache-2.0 OR MIT", 3, 4, Tier::Reference),
                f("Apache-2.0", 8, 8, Tier::Notice),
            ]),
            ["Apache-2.0 OR MIT"]
        );
        // Far away, a second reference is a finding of its own: a part under one license only.
        assert_eq!(
            run(vec![
                f("Apache-2.0 OR MIT", 3, 4, Tier::Reference),
                f("Apache-2.0", 300, 300, Tier::Reference),
            ]),
            ["Apache-2.0 OR MIT", "Apache-2.0"]
        );
        // A license text is never dropped for a reference.
        let mut v = vec![
            f("MIT", 1, 1, Tier::Reference),
            f("MIT", 3, 21, Tier::LicenseText),
        ];
        consolidate(&mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].evidence.tier, Tier::LicenseText);
        assert_eq!(
            run(vec![
                f("MIT", 1, 21, Tier::LicenseText),
                f("ISC", 23, 35, Tier::LicenseText)
            ]),
            ["MIT", "ISC"]
        );
    }
}
