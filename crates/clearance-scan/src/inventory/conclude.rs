//! The concluded license of a component: its declaration reconciled with the license texts
//! found in its key files.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use clearance_model::declared::{self, BSD_UNSPECIFIED, Reading, SEE_FILE};
use clearance_model::{
    Component, Concluded, ConclusionReason, DeclaredLicense, FileRecord, LicenseExpr,
    LicenseFinding, LicenseTerm,
};

use super::{ReadDetect, parent};

/// A license family for comparing declared and detected licenses: texts cannot tell
/// `GPL-2.0-only` from `GPL-2.0-or-later` (the difference is in the notice, not the text).
///
/// A few ids name texts that differ only in a version line and are read as one family too: the
/// CPython license stack is published as `Python-2.0` and `Python-2.0.1`.
pub(crate) fn family(t: &LicenseTerm) -> String {
    let base = t
        .license
        .strip_suffix("-only")
        .or_else(|| t.license.strip_suffix("-or-later"))
        .unwrap_or(&t.license);
    let base = match base {
        "Python-2.0.1" => "Python-2.0",
        other => other,
    };
    match &t.exception {
        Some(e) => format!("{base} WITH {e}"),
        None => base.to_string(),
    }
}

pub(crate) fn and_all(exprs: &[LicenseExpr]) -> Option<LicenseExpr> {
    (!exprs.is_empty()).then(|| LicenseExpr::and(exprs.to_vec()))
}

/// Fills in the expression of declarations that point to a license file.
pub(crate) fn resolve_license_files(
    c: &mut Component,
    by_path: &HashMap<&str, &FileRecord>,
    read_detect: &ReadDetect<'_>,
    key: &mut Vec<LicenseFinding>,
) {
    for d in c.declared.iter_mut() {
        let Some(path) = d.license_file.clone() else {
            continue;
        };
        if d.expression.is_some() {
            continue;
        }
        let findings: Option<Vec<LicenseFinding>> = match by_path.get(path.as_str()) {
            Some(rec) => Some(rec.findings.clone()),
            None => read_detect(&path),
        };
        match findings {
            Some(f) if !f.is_empty() => {
                let exprs: Vec<LicenseExpr> = f.iter().map(|x| x.expression.clone()).collect();
                d.expression = and_all(&exprs);
                d.reading = Reading::Mapped;
                d.notes
                    .push(format!("read from the license text in `{path}`"));
                for x in f {
                    if !key.iter().any(|k| k.evidence == x.evidence) {
                        key.push(x);
                    }
                }
            }
            Some(_) => {
                d.expression = Some(LicenseExpr::term(SEE_FILE));
                d.reading = Reading::Unrecognised;
                d.notes
                    .push(format!("no known license text found in `{path}`"));
            }
            None => {
                d.expression = Some(LicenseExpr::term(SEE_FILE));
                d.reading = Reading::Unrecognised;
                d.notes.push(format!("`{path}` could not be read"));
            }
        }
    }
}

/// The declaration that speaks for the component: one from an installed manifest (in a root of
/// the component) before one from a lockfile; the first with an expression.
fn primary_declared(c: &Component) -> Option<&DeclaredLicense> {
    let installed = |d: &&DeclaredLicense| c.roots.iter().any(|r| parent(&d.source.path) == r);
    c.declared
        .iter()
        .filter(|d| d.expression.is_some())
        .find(installed)
        .or_else(|| c.declared.iter().find(|d| d.expression.is_some()))
}

fn files_of(findings: &[LicenseFinding]) -> String {
    let paths: BTreeSet<&str> = findings.iter().map(|f| f.evidence.path.as_str()).collect();
    paths
        .into_iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The parts of `e` that a declaration naming `families` does not cover: a term outside it, an
/// `OR` none of whose sides it covers (the whole `OR`), and the uncovered parts of each side of an
/// `AND`.
fn uncovered(e: &LicenseExpr, families: &BTreeSet<String>) -> Vec<LicenseExpr> {
    match e {
        LicenseExpr::Term(t) => {
            if families.contains(&family(t)) {
                Vec::new()
            } else {
                vec![e.clone()]
            }
        }
        LicenseExpr::And(items) => items.iter().flat_map(|i| uncovered(i, families)).collect(),
        LicenseExpr::Or(items) => {
            if items.iter().any(|i| uncovered(i, families).is_empty()) {
                Vec::new()
            } else {
                vec![e.clone()]
            }
        }
    }
}

/// Concludes a component's license from its primary declaration and the findings of its key
/// license files.
pub fn conclude(c: &Component, key: &[LicenseFinding]) -> Concluded {
    let mut k = reconcile(c, key);
    k.modified = key.iter().find_map(|f| {
        let how = f.evidence.modified.as_ref()?;
        Some(format!(
            "the {} text in `{}` is modified ({how})",
            f.expression, f.evidence.path
        ))
    });
    k
}

fn reconcile(c: &Component, key: &[LicenseFinding]) -> Concluded {
    let declared = primary_declared(c);
    // Distinct detected expressions, in file order.
    let mut detected: Vec<LicenseExpr> = Vec::new();
    for f in key {
        if !detected.iter().any(|e| e.sorted() == f.expression.sorted()) {
            detected.push(f.expression.clone());
        }
    }
    let Some(d) = declared else {
        return match and_all(&detected) {
            None => Concluded {
                modified: None,
                expression: None,
                reason: ConclusionReason::None,
                explanation: if c.roots.is_empty() {
                    "declared license unknown: not installed (known only from a lockfile or manifest, so there are no files to read)".to_string()
                } else {
                    "no license declared and no license text found".to_string()
                },
            },
            Some(e) => Concluded {
                modified: None,
                explanation: format!(
                    "no license declared; concluded from the license text in {}",
                    files_of(key)
                ),
                expression: Some(e),
                reason: ConclusionReason::DetectedOnly,
            },
        };
    };
    let declared_expr = d
        .expression
        .clone()
        .unwrap_or_else(|| LicenseExpr::term(SEE_FILE));
    if detected.is_empty() {
        let why = if c.roots.is_empty() {
            "the package is not installed in the tree"
        } else {
            "no license text found in its files"
        };
        return Concluded {
            modified: None,
            expression: Some(declared_expr),
            reason: ConclusionReason::DeclaredOnly,
            explanation: format!("declared as `{}` in `{}`; {why}", d.raw, d.source.path),
        };
    }
    // Refine an unspecified BSD declaration with the BSD variant the text shows.
    let detected_terms: Vec<&LicenseTerm> = detected.iter().flat_map(|e| e.terms()).collect();
    let bsd_variants: Vec<&str> = detected_terms
        .iter()
        .map(|t| t.license.as_str())
        .filter(|id| declared::is_bsd_variant(id))
        .collect();
    let mut refined = Vec::new();
    let refined_expr = declared_expr.map_terms(&mut |t| {
        if t.license == BSD_UNSPECIFIED && !bsd_variants.is_empty() {
            refined.push(bsd_variants[0].to_string());
            Some(LicenseExpr::term(bsd_variants[0]))
        } else {
            None
        }
    });
    let declared_families: BTreeSet<String> =
        refined_expr.terms().into_iter().map(family).collect();
    // What the texts show beyond the declaration: the terms of an `AND` that the declaration
    // does not name, or a whole `OR` of which no side it names.
    let mut extras: BTreeMap<String, LicenseExpr> = BTreeMap::new();
    for e in &detected {
        for part in uncovered(e, &declared_families) {
            extras.entry(part.to_string()).or_insert(part);
        }
    }
    let refined_note = if refined.is_empty() {
        String::new()
    } else {
        format!(
            " (the unspecified BSD declaration refined to `{}` by the license text)",
            refined.join("`, `")
        )
    };
    if extras.is_empty() {
        return Concluded {
            modified: None,
            expression: Some(refined_expr.clone()),
            reason: ConclusionReason::Agree,
            explanation: format!(
                "declared as `{}` in `{}`, and the license text in {} agrees{refined_note}",
                d.raw,
                d.source.path,
                files_of(key)
            ),
        };
    }
    let extra_list: Vec<String> = extras.keys().map(|k| format!("`{k}`")).collect();
    let extra_files: Vec<LicenseFinding> = key
        .iter()
        .filter(|f| !uncovered(&f.expression, &declared_families).is_empty())
        .cloned()
        .collect();
    let mut all = vec![refined_expr];
    all.extend(extras.into_values());
    Concluded {
        modified: None,
        expression: Some(LicenseExpr::and(all)),
        reason: ConclusionReason::Conflict,
        explanation: format!(
            "declared as `{}` in `{}`, but the license text in {} shows {} too; both kept (AND) until a reviewer decides",
            d.raw,
            d.source.path,
            files_of(&extra_files),
            extra_list.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{component as comp, finding};

    fn component(declared: Option<&str>) -> Component {
        comp("foo", "vendor/foo", declared)
    }

    #[test]
    fn agree_when_texts_are_a_subset_of_the_declaration() {
        let c = component(Some("MIT OR Apache-2.0"));
        let k = conclude(&c, &[finding("MIT", "vendor/foo/LICENSE-MIT")]);
        assert_eq!(k.reason, ConclusionReason::Agree);
        assert_eq!(k.expression.unwrap().to_string(), "MIT OR Apache-2.0");
    }

    #[test]
    fn gpl_text_agrees_with_or_later_declaration() {
        let c = component(Some("GPL-2.0-or-later"));
        let k = conclude(&c, &[finding("GPL-2.0-only", "vendor/foo/COPYING")]);
        assert_eq!(k.reason, ConclusionReason::Agree);
        assert_eq!(k.expression.unwrap().to_string(), "GPL-2.0-or-later");
    }

    #[test]
    fn conflict_keeps_both() {
        let c = component(Some("MIT"));
        let k = conclude(&c, &[finding("GPL-3.0-only", "vendor/foo/COPYING")]);
        assert_eq!(k.reason, ConclusionReason::Conflict);
        assert_eq!(k.expression.unwrap().to_string(), "MIT AND GPL-3.0-only");
        assert!(k.explanation.contains("GPL-3.0-only"));
    }

    #[test]
    fn a_choice_that_includes_the_declaration_agrees() {
        let c = component(Some("AGPL-3.0-only"));
        let k = conclude(
            &c,
            &[finding(
                "AGPL-3.0-or-later OR LicenseRef-clearance-proprietary",
                "vendor/foo/README.md",
            )],
        );
        assert_eq!(k.reason, ConclusionReason::Agree, "{k:?}");
        let k = conclude(&c, &[finding("MIT OR ISC", "vendor/foo/README.md")]);
        assert_eq!(k.reason, ConclusionReason::Conflict);
        assert_eq!(
            k.expression.unwrap().to_string(),
            "AGPL-3.0-only AND (MIT OR ISC)"
        );
    }

    #[test]
    fn bsd_is_refined_by_text() {
        let c = component(Some("BSD"));
        let k = conclude(&c, &[finding("BSD-3-Clause", "vendor/foo/LICENSE")]);
        assert_eq!(k.reason, ConclusionReason::Agree);
        assert_eq!(k.expression.unwrap().to_string(), "BSD-3-Clause");
    }

    #[test]
    fn only_one_side() {
        let k = conclude(&component(None), &[finding("ISC", "vendor/foo/LICENSE")]);
        assert_eq!(k.reason, ConclusionReason::DetectedOnly);
        let k = conclude(&component(Some("ISC")), &[]);
        assert_eq!(k.reason, ConclusionReason::DeclaredOnly);
        let k = conclude(&component(None), &[]);
        assert_eq!(k.reason, ConclusionReason::None);
        assert!(k.expression.is_none());
    }
}
