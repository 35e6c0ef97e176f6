//! The declared license of a distribution, chosen from the three places core metadata holds one.
//!
//! Priority: `License-Expression` (Metadata 2.4, an SPDX expression), then `License` (free text,
//! unless it says nothing, e.g. `UNKNOWN`), then the `License :: …` trove classifiers. Only the
//! one used is recorded; when the others name different licenses, a note on it says so.

use clearance_model::declared::{self, BSD_UNSPECIFIED, PROPRIETARY, PUBLIC_DOMAIN, Reading};
use clearance_model::{DeclaredLicense, LicenseExpr, Problem, ProblemCode};

use super::metadata::Metadata;
use crate::util::{declared_license, source};

/// A one-line `License` value longer than this is taken for a license text, not a name.
const LONG_LICENSE: usize = 100;

/// One of the places a license is declared, read on its own.
struct Candidate {
    /// The header it comes from, for notes.
    field: &'static str,
    decl: DeclaredLicense,
}

/// The declared license of the distribution whose metadata is `meta`, read from the file at
/// `path` by `cataloger`. Problems with the declaration (a `License-Expression` that is not SPDX)
/// are added to `problems`.
pub(crate) fn declared(
    meta: &Metadata,
    cataloger: &str,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<DeclaredLicense> {
    let mut candidates = Vec::new();

    if let Some(h) = meta.first("License-Expression") {
        let decl = declared_license(&h.value, source(cataloger, path, Some(h.line)), None);
        match (decl.reading, &decl.expression) {
            (Reading::Absent, _) => {}
            (Reading::Spdx, _) => candidates.push(Candidate {
                field: "License-Expression",
                decl,
            }),
            (_, expr) => {
                let read_as = expr
                    .as_ref()
                    .map_or_else(|| "nothing".to_string(), |e| format!("`{e}`"));
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        path,
                        format!(
                            "`License-Expression: {}` is not a valid SPDX expression; read as {read_as}",
                            one_line(&h.value)
                        ),
                    )
                    .at_line(h.line),
                );
                candidates.push(Candidate {
                    field: "License-Expression",
                    decl,
                });
            }
        }
    }

    if let Some(h) = meta.first("License") {
        let mut decl = declared_license(&h.value, source(cataloger, path, Some(h.line)), None);
        if decl.reading != Reading::Absent {
            let lines = h.value.lines().count();
            if decl.reading == Reading::Unrecognised
                && (lines > 1 || h.value.chars().count() > LONG_LICENSE)
            {
                decl.notes.push(format!(
                    "the `License` field holds a {lines}-line text rather than a license name; \
                     the license files of the distribution should decide"
                ));
            }
            candidates.push(Candidate {
                field: "License",
                decl,
            });
        }
    }

    if let Some(decl) = from_classifiers(meta, cataloger, path) {
        candidates.push(Candidate {
            field: "Classifier",
            decl,
        });
    }

    // The first readable declaration wins; an unreadable `License` text ("Dual License", a whole
    // license text) gives way to clear classifiers.
    let pick = candidates
        .iter()
        .position(|c| c.decl.reading != Reading::Unrecognised)
        .unwrap_or(0);
    if pick >= candidates.len() {
        return None;
    }
    let mut chosen = candidates.remove(pick);
    for other in candidates {
        if let (Some(used), Some(theirs)) = (&chosen.decl.expression, &other.decl.expression)
            && !agree(used, theirs)
        {
            let note = if other.decl.reading == Reading::Unrecognised {
                format!(
                    "`{}` could not be read (`{}`); `{}` used instead",
                    other.field,
                    one_line(&other.decl.raw),
                    chosen.field
                )
            } else {
                format!(
                    "`{}` says `{theirs}`, which differs; `{}` takes precedence",
                    other.field, chosen.field
                )
            };
            chosen.decl.notes.push(note);
        }
    }
    Some(chosen.decl)
}

/// The `License :: …` trove classifiers as one declaration: each mapped to an SPDX id, several
/// joined with `AND` (the classifiers do not say whether they are alternatives).
fn from_classifiers(meta: &Metadata, cataloger: &str, path: &str) -> Option<DeclaredLicense> {
    let mut raws: Vec<&str> = Vec::new();
    let mut exprs: Vec<LicenseExpr> = Vec::new();
    let mut notes = Vec::new();
    let mut first_line = None;
    let mut unrecognised = false;
    for h in meta.all("Classifier") {
        let Some(id) = declared::classifier_license(&h.value) else {
            continue;
        };
        first_line.get_or_insert(h.line);
        raws.push(h.value.as_str());
        if id.starts_with("LicenseRef-")
            && ![BSD_UNSPECIFIED, PROPRIETARY, PUBLIC_DOMAIN].contains(&id.as_str())
        {
            unrecognised = true;
            notes.push(format!(
                "license classifier `{}` names no known license",
                h.value
            ));
        }
        let expr = LicenseExpr::parse(&id).unwrap_or_else(|_| LicenseExpr::term(id));
        if !exprs.contains(&expr) {
            exprs.push(expr);
        }
    }
    let line = first_line?;
    if exprs.len() > 1 {
        notes.push("several license classifiers read conservatively as `AND`".to_string());
    }
    Some(DeclaredLicense {
        raw: raws.join("; "),
        expression: Some(LicenseExpr::and(exprs)),
        reading: if unrecognised {
            Reading::Unrecognised
        } else {
            Reading::Mapped
        },
        license_file: None,
        notes,
        source: source(cataloger, path, Some(line)),
    })
}

/// `true` when two declarations name the same licenses (operators aside). The unspecified BSD of
/// `BSD` / `License :: OSI Approved :: BSD License` agrees with any BSD variant.
fn agree(a: &LicenseExpr, b: &LicenseExpr) -> bool {
    let (a, b) = (a.license_ids(), b.license_ids());
    covered(&a, &b) && covered(&b, &a)
}

fn covered(these: &[&str], by: &[&str]) -> bool {
    these.iter().all(|id| {
        by.contains(id)
            || (*id == BSD_UNSPECIFIED && by.iter().any(|b| declared::is_bsd_variant(b)))
            || (declared::is_bsd_variant(id) && by.contains(&BSD_UNSPECIFIED))
    })
}

fn one_line(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > 80 {
        let cut: String = joined.chars().take(77).collect();
        format!("{cut}...")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<DeclaredLicense>, Vec<Problem>) {
        let mut problems = Vec::new();
        let d = declared(
            &Metadata::parse(text),
            "python-dist-info",
            "x.dist-info/METADATA",
            &mut problems,
        );
        (d, problems)
    }

    fn expr(d: &DeclaredLicense) -> String {
        d.expression
            .as_ref()
            .map_or_else(|| "<none>".into(), ToString::to_string)
    }

    #[test]
    fn license_expression_is_preferred() {
        let (d, p) = read(
            "Name: cryptography\nLicense: Apache License 2.0\nLicense-Expression: Apache-2.0 OR BSD-3-Clause\n\
             Classifier: License :: OSI Approved :: Apache Software License\n",
        );
        let d = d.expect("declared");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(expr(&d), "Apache-2.0 OR BSD-3-Clause");
        assert_eq!(d.reading, Reading::Spdx);
        assert_eq!(d.raw, "Apache-2.0 OR BSD-3-Clause");
        assert_eq!(d.source.line, Some(3));
        // `License` and the classifier both say only Apache-2.0.
        assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
        assert!(
            d.notes[0].starts_with("`License` says `Apache-2.0`"),
            "{:?}",
            d.notes
        );
        assert!(
            d.notes[1].starts_with("`Classifier` says `Apache-2.0`"),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn invalid_license_expression_is_a_problem() {
        let (d, p) = read("Name: x\nLicense-Expression: Apache 2.0\n");
        assert_eq!(expr(&d.expect("declared")), "Apache-2.0");
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].code, p[0].line),
            (ProblemCode::ManifestValue, Some(2))
        );
    }

    #[test]
    fn free_text_license() {
        let (d, _) = read(
            "License: Apache 2.0\nClassifier: License :: OSI Approved :: Apache Software License\n",
        );
        let d = d.expect("declared");
        assert_eq!(expr(&d), "Apache-2.0");
        assert_eq!(d.reading, Reading::Mapped);
        assert_eq!(d.source.line, Some(1));
        assert!(
            d.notes.iter().all(|n| !n.contains("differs")),
            "{:?}",
            d.notes
        );

        let (d, _) = read("License: BSD\nClassifier: License :: OSI Approved :: BSD License\n");
        let d = d.expect("declared");
        assert_eq!(expr(&d), BSD_UNSPECIFIED);
        assert!(
            d.notes.iter().all(|n| !n.contains("differs")),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn bsd_variant_agrees_with_bsd_classifier() {
        let (d, _) =
            read("License: BSD-3-Clause\nClassifier: License :: OSI Approved :: BSD License\n");
        let d = d.expect("declared");
        assert_eq!(expr(&d), "BSD-3-Clause");
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }

    #[test]
    fn disagreeing_classifier_is_noted() {
        let (d, _) =
            read("License: MIT\nClassifier: License :: OSI Approved :: Apache Software License\n");
        let d = d.expect("declared");
        assert_eq!(expr(&d), "MIT");
        assert_eq!(
            d.notes,
            ["`Classifier` says `Apache-2.0`, which differs; `License` takes precedence"]
        );
    }

    #[test]
    fn whole_license_text_in_license_field() {
        let text = "Name: x\nLicense: MIT License\n        \n        Copyright (c) 2019 Jane Doe\n        \n        \
                    Permission is hereby granted, free of charge, to any person obtaining a copy\n        \
                    of this software and associated documentation files (the \"Software\"), to deal\nVersion: 1.0\n\
                    Classifier: License :: OSI Approved :: MIT License\n";
        let (d, p) = read(text);
        assert!(p.is_empty(), "{p:?}");
        // The text in `License` cannot be read as a name: the clear classifier decides, and the
        // note says why.
        let d = d.expect("declared");
        assert_eq!(expr(&d), "MIT");
        assert_eq!(d.raw, "License :: OSI Approved :: MIT License");
        assert_eq!(d.reading, Reading::Mapped);
        assert!(
            d.notes
                .iter()
                .any(|n| n
                    .starts_with("`License` could not be read (`MIT License Copyright (c) 2019")),
            "{:?}",
            d.notes
        );
        // Without a classifier the text itself is kept, read as whatever `normalise` makes of it.
        let (d, _) =
            read(&text.replace("Classifier: License :: OSI Approved :: MIT License\n", ""));
        let d = d.expect("declared");
        assert!(
            d.raw
                .starts_with("MIT License\n\nCopyright (c) 2019 Jane Doe\n\nPermission"),
            "{}",
            d.raw
        );
        assert!(d.raw.ends_with("to deal"), "{}", d.raw);
        assert_eq!(d.expression, declared::normalise(&d.raw).expression);
        assert_eq!(d.reading, Reading::Unrecognised);
        assert!(
            d.notes.iter().any(|n| n.contains("6-line text")),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn long_one_line_license() {
        let long = "Permission is hereby granted, free of charge, to any person obtaining a copy of this software, to deal in it";
        let (d, _) = read(&format!("License: {long}\n"));
        let d = d.expect("declared");
        assert_eq!(d.reading, Reading::Unrecognised);
        assert!(
            d.notes.iter().any(|n| n.contains("1-line text")),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn classifiers_only() {
        let (d, _) = read(
            "Name: x\nClassifier: Programming Language :: Python\nClassifier: License :: OSI Approved :: MIT License\n",
        );
        let d = d.expect("declared");
        assert_eq!(expr(&d), "MIT");
        assert_eq!(d.raw, "License :: OSI Approved :: MIT License");
        assert_eq!(d.reading, Reading::Mapped);
        assert_eq!(d.source.line, Some(3));
        assert!(d.notes.is_empty(), "{:?}", d.notes);
    }

    #[test]
    fn several_classifiers_are_and() {
        let (d, _) = read(
            "License: UNKNOWN\nClassifier: License :: OSI Approved :: BSD License\n\
             Classifier: License :: OSI Approved\n\
             Classifier: License :: OSI Approved :: Apache Software License\n\
             Classifier: License :: OSI Approved :: BSD License\n",
        );
        let d = d.expect("declared");
        assert_eq!(expr(&d), format!("{BSD_UNSPECIFIED} AND Apache-2.0"));
        assert_eq!(
            d.raw,
            "License :: OSI Approved :: BSD License; License :: OSI Approved :: Apache Software License; \
             License :: OSI Approved :: BSD License"
        );
        assert_eq!(
            d.notes,
            ["several license classifiers read conservatively as `AND`"]
        );
        assert_eq!(d.source.line, Some(2));
    }

    #[test]
    fn unknown_classifier_is_unrecognised() {
        let (d, _) = read("Classifier: License :: Aladdin Free Public License (AFPL)\n");
        let d = d.expect("declared");
        assert_eq!(d.reading, Reading::Unrecognised);
        assert!(
            expr(&d).starts_with("LicenseRef-clearance-aladdin"),
            "{}",
            expr(&d)
        );
    }

    #[test]
    fn unknown_and_nothing() {
        assert!(
            read("Name: x\nLicense: UNKNOWN\nClassifier: License :: OSI Approved\n")
                .0
                .is_none()
        );
        assert!(read("Name: x\n").0.is_none());
        // `UNKNOWN` falls through to the classifiers without a note.
        let (d, _) =
            read("License: UNKNOWN\nClassifier: License :: OSI Approved :: ISC License (ISCL)\n");
        let d = d.expect("declared");
        assert_eq!(expr(&d), "ISC");
        assert!(d.notes.is_empty());
    }
}
