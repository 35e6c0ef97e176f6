//! Joins components and files: which component owns which file, what its license files say, and
//! the license concluded from the declaration and the texts.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use clearance_model::declared::{self, BSD_UNSPECIFIED, Reading, SEE_FILE};
use clearance_model::{
    Component, Concluded, ConclusionReason, DeclaredLicense, FileRecord, Inventory, LicenseExpr,
    LicenseFinding, LicenseTerm, Problem, Tier, WalkStats,
};

/// Finds the findings of a file that was not detected during the walk (a declared license file
/// whose name does not look like one). Returns `None` when the file cannot be read.
pub type ReadDetect<'a> = dyn Fn(&str) -> Option<Vec<LicenseFinding>> + 'a;

fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Which component owns which path: explicit file lists first (Python `RECORD`), then the
/// deepest component root above the path.
struct Owners<'a> {
    files: HashMap<&'a str, usize>,
    roots: HashMap<&'a str, usize>,
}

impl<'a> Owners<'a> {
    fn new(components: &'a [Component]) -> Self {
        let mut files = HashMap::new();
        let mut roots = HashMap::new();
        for (i, c) in components.iter().enumerate() {
            for f in &c.owned_files {
                files.entry(f.as_str()).or_insert(i);
            }
            for r in &c.roots {
                roots.entry(r.as_str()).or_insert(i);
            }
        }
        Owners { files, roots }
    }

    /// The owner of `path` and the root through which it owns it (`None` for an explicit list).
    fn owner(&self, path: &str) -> Option<(usize, Option<&'a str>)> {
        let mut dir = parent(path);
        loop {
            if let Some((root, &i)) = self.roots.get_key_value(dir) {
                // An explicit list names files outside the root too (a dist-info's RECORD names
                // the package's modules); a deeper root still wins for files under it.
                return Some((i, Some(*root)));
            }
            if dir.is_empty() {
                break;
            }
            dir = parent(dir);
        }
        self.files.get(path).map(|&i| (i, None))
    }
}

/// `true` when a file, owned through `root`, speaks for the whole component: it sits in the
/// root itself or in its `LICENSES/` / `licenses/` directory.
fn is_key_file(path: &str, root: Option<&str>) -> bool {
    let Some(root) = root else { return false };
    let rel = if root.is_empty() {
        path
    } else {
        match path.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
            Some(r) => r,
            None => return false,
        }
    };
    if !rel.contains('/') {
        return true;
    }
    let mut parts = rel.splitn(2, '/');
    let first = parts.next().unwrap_or("");
    first.eq_ignore_ascii_case("licenses")
}

/// A license family for comparing declared and detected licenses: texts cannot tell
/// `GPL-2.0-only` from `GPL-2.0-or-later` (the difference is in the notice, not the text).
///
/// A few ids name texts that differ only in a version line and are read as one family too: the
/// CPython license stack is published as `Python-2.0` and `Python-2.0.1`.
fn family(t: &LicenseTerm) -> String {
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

fn and_all(exprs: &[LicenseExpr]) -> Option<LicenseExpr> {
    (!exprs.is_empty()).then(|| LicenseExpr::and(exprs.to_vec()))
}

/// Builds the inventory from what the walk, detection and catalogers produced.
pub fn build(
    root_name: String,
    components: Vec<Component>,
    mut files: Vec<FileRecord>,
    mut problems: Vec<Problem>,
    stats: WalkStats,
) -> Inventory {
    build_with(
        root_name,
        components,
        &mut files,
        &mut problems,
        stats,
        &|_| None,
    )
}

/// Like [`build`], with a way to detect licenses in declared license files that the walk did not
/// recognise as license files.
pub fn build_with(
    root_name: String,
    components: Vec<Component>,
    files: &mut Vec<FileRecord>,
    problems: &mut Vec<Problem>,
    stats: WalkStats,
    read_detect: &ReadDetect<'_>,
) -> Inventory {
    let mut components = clearance_catalog::merge(components);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let by_path: HashMap<&str, &FileRecord> = files.iter().map(|f| (f.path.as_str(), f)).collect();

    // Findings of each component: (key findings, other findings).
    let mut key: Vec<Vec<LicenseFinding>> = vec![Vec::new(); components.len()];
    let mut other: Vec<Vec<LicenseFinding>> = vec![Vec::new(); components.len()];
    {
        let owners = Owners::new(&components);
        for f in files.iter() {
            let Some((i, root)) = owners.owner(&f.path) else {
                continue;
            };
            let bucket = if is_key_file(&f.path, root) {
                &mut key[i]
            } else {
                &mut other[i]
            };
            bucket.extend(f.findings.iter().cloned());
        }
    }

    for (i, c) in components.iter_mut().enumerate() {
        resolve_license_files(c, &by_path, read_detect, &mut key[i]);
        let mut detected = std::mem::take(&mut key[i]);
        let key_count = detected.len();
        // Tags elsewhere in the component: one finding per distinct expression (the first file).
        let mut seen: BTreeSet<String> = detected
            .iter()
            .map(|f| f.expression.sorted().to_string())
            .collect();
        for f in std::mem::take(&mut other[i]) {
            if f.evidence.tier == Tier::SpdxTag && seen.insert(f.expression.sorted().to_string()) {
                detected.push(f);
            }
        }
        c.concluded = conclude(c, &detected[..key_count]);
        c.detected = detected;
    }

    problems.sort();
    problems.dedup();
    Inventory {
        root_name,
        components,
        files: std::mem::take(files),
        problems: std::mem::take(problems),
        stats,
    }
}

/// Fills in the expression of declarations that point to a license file.
fn resolve_license_files(
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

/// Concludes a component's license from its primary declaration and the findings of its key
/// license files.
pub fn conclude(c: &Component, key: &[LicenseFinding]) -> Concluded {
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
                expression: None,
                reason: ConclusionReason::None,
                explanation: if c.roots.is_empty() {
                    "no license declared, and the package is not installed in the tree".to_string()
                } else {
                    "no license declared and no license text found".to_string()
                },
            },
            Some(e) => Concluded {
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
    let mut extras: BTreeMap<String, LicenseExpr> = BTreeMap::new();
    for e in &detected {
        for t in e.terms() {
            if !declared_families.contains(&family(t)) {
                extras
                    .entry(t.to_string())
                    .or_insert_with(|| LicenseExpr::Term(t.clone()));
            }
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
        .filter(|f| {
            f.expression
                .terms()
                .iter()
                .any(|t| !declared_families.contains(&family(t)))
        })
        .cloned()
        .collect();
    let mut all = vec![refined_expr];
    all.extend(extras.into_values());
    Concluded {
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
    use clearance_model::{Ecosystem, Evidence, Lines, Source};

    fn finding(expr: &str, path: &str) -> LicenseFinding {
        LicenseFinding {
            expression: LicenseExpr::parse(expr).unwrap(),
            evidence: Evidence {
                path: path.into(),
                lines: Lines::new(1, 20),
                confidence: 1.0,
                tier: Tier::LicenseText,
            },
        }
    }

    fn component(declared: Option<&str>) -> Component {
        let mut c = Component::new(
            Ecosystem::Cargo,
            "foo",
            Some("1.0.0".into()),
            "pkg:cargo/foo@1.0.0".into(),
        );
        c.roots.push("vendor/foo".into());
        if let Some(raw) = declared {
            let n = declared::normalise(raw);
            c.declared.push(DeclaredLicense {
                raw: raw.into(),
                expression: n.expression,
                reading: n.reading,
                license_file: None,
                notes: n.notes,
                source: Source {
                    cataloger: "cargo-toml".into(),
                    path: "vendor/foo/Cargo.toml".into(),
                    line: Some(1),
                },
            });
        }
        c
    }

    fn record(path: &str, findings: Vec<LicenseFinding>) -> FileRecord {
        FileRecord {
            path: path.into(),
            size: 1,
            sha256: String::new(),
            kind: clearance_model::FileKind::Text,
            license_file: true,
            findings,
        }
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

    #[test]
    fn ownership_and_key_files() {
        let mut a = component(Some("MIT"));
        a.roots = vec!["vendor/a".into()];
        a.purl = "pkg:cargo/a@1".into();
        let mut b = component(Some("MIT"));
        b.roots = vec!["vendor/a/nested".into()];
        b.purl = "pkg:cargo/b@1".into();
        let files = vec![
            record("vendor/a/LICENSE", vec![finding("MIT", "vendor/a/LICENSE")]),
            record(
                "vendor/a/tests/data/LICENSE",
                vec![finding("GPL-3.0-only", "vendor/a/tests/data/LICENSE")],
            ),
            record(
                "vendor/a/nested/LICENSE",
                vec![finding("Apache-2.0", "vendor/a/nested/LICENSE")],
            ),
            record("LICENSE", vec![finding("Apache-2.0", "LICENSE")]),
        ];
        let inv = build(
            "t".into(),
            vec![a, b],
            files,
            Vec::new(),
            WalkStats::default(),
        );
        let a = &inv.components[0];
        assert_eq!(
            a.concluded.reason,
            ConclusionReason::Agree,
            "{:?}",
            a.concluded
        );
        // The test-data license is not a key file and is not a tag: not part of `detected`.
        assert_eq!(a.detected.len(), 1);
        let b = &inv.components[1];
        assert_eq!(b.concluded.reason, ConclusionReason::Conflict);
        assert_eq!(inv.files.len(), 4);
    }

    #[test]
    fn declared_license_file_is_read() {
        let mut c = component(None);
        c.declared.push(DeclaredLicense {
            raw: "license-file: EULA.txt".into(),
            expression: None,
            reading: Reading::Absent,
            license_file: Some("vendor/foo/EULA.txt".into()),
            notes: vec![],
            source: Source {
                cataloger: "cargo-toml".into(),
                path: "vendor/foo/Cargo.toml".into(),
                line: Some(1),
            },
        });
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let inv = build_with(
            "t".into(),
            vec![c],
            &mut files,
            &mut problems,
            WalkStats::default(),
            &|p| {
                assert_eq!(p, "vendor/foo/EULA.txt");
                Some(vec![finding("Zlib", p)])
            },
        );
        let c = &inv.components[0];
        assert_eq!(
            c.declared[0].expression.as_ref().unwrap().to_string(),
            "Zlib"
        );
        assert_eq!(c.concluded.reason, ConclusionReason::Agree);
    }
}
