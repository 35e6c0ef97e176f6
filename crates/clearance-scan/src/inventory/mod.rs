//! Joins components and files: which component owns which file, what its license files say, the
//! license concluded from the declaration and the texts, and what the package managers do not
//! know about: vendored code without a manifest, and files of the product's own code under a
//! foreign license.
//!
//! Order of the steps:
//! 1. merge what the catalogers found about the same package;
//! 2. follow each "see the file COPYING" reference to that file within the referencing file's
//!    package (or the tree), and give the referencing file the licenses found there;
//! 3. make a component of each vendored directory without a manifest (`unmanaged`);
//! 4. give each component its files, detected licenses and copyrights, and conclude its license;
//! 5. find the files of the product's own code whose license is not the product's (`foreign`).

mod conclude;
mod foreign;
mod unmanaged;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use clearance_model::{
    Component, FileRecord, Inventory, LicenseExpr, LicenseFinding, Lines, Origin, Problem,
    ProblemCode, Tier, WalkStats,
};

pub use conclude::conclude;

/// Finds the findings of a file that was not detected during the walk (a declared license file
/// whose name does not look like one). Returns `None` when the file cannot be read.
pub type ReadDetect<'a> = dyn Fn(&str) -> Option<Vec<LicenseFinding>> + 'a;

pub(crate) fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Which component owns which path: the deepest component root above the path, then explicit
/// file lists (Python `RECORD`) for files outside every root.
pub(crate) struct Owners<'a> {
    files: HashMap<&'a str, usize>,
    roots: HashMap<&'a str, usize>,
}

impl<'a> Owners<'a> {
    pub(crate) fn new(components: &'a [Component]) -> Self {
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
    /// A package that lists its files (a Python `RECORD`, a dpkg `.list`) owns them whatever
    /// directory holds them; other files belong to the deepest root above them.
    pub(crate) fn owner(&self, path: &str) -> Option<(usize, Option<&'a str>)> {
        let listed = self.files.get(path).copied();
        let mut dir = parent(path);
        loop {
            if let Some((root, &i)) = self.roots.get_key_value(dir) {
                // The deepest root, unless another package lists the file.
                return match listed {
                    Some(j) if j != i => Some((j, None)),
                    _ => Some((i, Some(*root))),
                };
            }
            if dir.is_empty() {
                break;
            }
            dir = parent(dir);
        }
        listed.map(|j| (j, None))
    }
}

/// `true` when a file, owned through `root`, speaks for the whole component: a license file in
/// the root itself or in its `LICENSES/` / `licenses/` directory, or a README in the root.
fn is_key_file(record: &FileRecord, root: Option<&str>) -> bool {
    let Some(root) = root else { return false };
    let path = record.path.as_str();
    let rel = if root.is_empty() {
        path
    } else {
        match path.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
            Some(r) => r,
            None => return false,
        }
    };
    if !rel.contains('/') {
        return record.license_file || clearance_detect::is_document(path);
    }
    record.license_file
        && rel
            .split('/')
            .next()
            .is_some_and(|first| first.eq_ignore_ascii_case("licenses"))
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
    leave_out_dependency_tooling(&mut components, problems);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    follow_references(&components, files);
    for f in files.iter_mut() {
        f.expression = clearance_model::file_expression(f.findings.iter().map(|x| &x.expression));
    }
    components.extend(unmanaged::find(&components, files));
    components.sort_by(|a, b| a.purl.cmp(&b.purl));

    // Findings and copyrights of each component: (key findings, other findings).
    let mut key: Vec<Vec<LicenseFinding>> = vec![Vec::new(); components.len()];
    let mut other: Vec<Vec<LicenseFinding>> = vec![Vec::new(); components.len()];
    let mut copyrights: Vec<Vec<String>> = vec![Vec::new(); components.len()];
    let mut license_files: Vec<Vec<String>> = vec![Vec::new(); components.len()];
    let owners_of: Vec<Option<(usize, Option<String>)>> = {
        let owners = Owners::new(&components);
        files
            .iter()
            .map(|f| {
                owners
                    .owner(&f.path)
                    .map(|(i, r)| (i, r.map(str::to_string)))
            })
            .collect()
    };
    // A file named like a notices file inside a third-party package is that package's own
    // (typescript's `ThirdPartyNoticeText.txt`), not the product's.
    for (f, owner) in files.iter_mut().zip(&owners_of) {
        if f.notices_file
            && owner
                .as_ref()
                .is_some_and(|(i, _)| components[*i].origin == clearance_model::Origin::ThirdParty)
        {
            f.notices_file = false;
        }
    }
    for (f, owner) in files.iter().zip(&owners_of) {
        let Some((i, root)) = owner else { continue };
        // A notices file describes the packages a product contains, not its own license.
        if f.notices_file {
            continue;
        }
        let is_key = is_key_file(f, root.as_deref());
        if is_key && f.license_file {
            license_files[*i].push(f.path.clone());
        }
        let bucket = if is_key { &mut key[*i] } else { &mut other[*i] };
        bucket.extend(f.findings.iter().cloned());
        for c in &f.copyrights {
            // "(C) 1995 A" and "Copyright (C) 1995 A" are one statement.
            let key = statement_key(&c.statement);
            match copyrights[*i].iter_mut().find(|s| statement_key(s) == key) {
                None => copyrights[*i].push(c.statement.clone()),
                // The spelled-out form reads better: "Copyright (C) 1995 A" over "(C) 1995 A".
                Some(s) if !s.starts_with("Copyright") && c.statement.starts_with("Copyright") => {
                    *s = c.statement.clone();
                }
                Some(_) => {}
            }
        }
    }
    {
        let by_path: HashMap<&str, &FileRecord> =
            files.iter().map(|f| (f.path.as_str(), f)).collect();
        for (i, c) in components.iter_mut().enumerate() {
            conclude::resolve_license_files(c, &by_path, read_detect, &mut key[i]);
            let mut detected = std::mem::take(&mut key[i]);
            let key_count = detected.len();
            // Elsewhere in the component: one finding per distinct expression (the first file),
            // so a package whose every file carries a header does not list each one.
            let mut seen: BTreeSet<String> = detected
                .iter()
                .map(|f| f.expression.sorted().to_string())
                .collect();
            for f in std::mem::take(&mut other[i]) {
                if f.evidence.tier != Tier::FileReference
                    && seen.insert(f.expression.sorted().to_string())
                {
                    detected.push(f);
                }
            }
            // Vendored code without a manifest often has no license file of its own: its license
            // headers are all there is.
            let key_count = if key_count == 0 && c.ecosystem == clearance_model::Ecosystem::Generic
            {
                detected.len()
            } else {
                key_count
            };
            c.concluded = conclude::conclude(c, &detected[..key_count]);
            c.detected = detected;
            c.copyrights = std::mem::take(&mut copyrights[i]);
            c.license_files = std::mem::take(&mut license_files[i]);
        }
    }
    let foreign = foreign::find(&components, files, &owners_of);

    problems.sort();
    problems.dedup();
    Inventory {
        root_name,
        components,
        files: std::mem::take(files),
        foreign,
        problems: std::mem::take(problems),
        stats,
    }
}

/// Follows "see the file COPYING" references: the named file is looked for beside the
/// referencing file, then in each directory above it up to the root of the package that owns
/// it (or of the tree). A reference that leads to a file with license findings gives the
/// referencing file those licenses, as `file-reference` findings.
fn follow_references(components: &[Component], files: &mut [FileRecord]) {
    let owners = Owners::new(components);
    let by_name: HashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.to_ascii_lowercase(), i))
        .collect();
    let mut added: Vec<(usize, usize, Option<usize>)> = Vec::new(); // (file, reference, target)
    for (fi, f) in files.iter().enumerate() {
        if f.references.is_empty() {
            continue;
        }
        let owner = owners.owner(&f.path);
        let stop = owner.and_then(|(_, r)| r).unwrap_or("");
        for (ri, r) in f.references.iter().enumerate() {
            let mut dir = parent(&f.path);
            let mut target = None;
            loop {
                for candidate in [
                    r.name.clone(),
                    format!("{}.txt", r.name),
                    format!("{}.md", r.name),
                ] {
                    let p = if dir.is_empty() {
                        candidate
                    } else {
                        format!("{dir}/{candidate}")
                    };
                    if let Some(&t) = by_name.get(&p.to_ascii_lowercase())
                        && t != fi
                    {
                        target = Some(t);
                        break;
                    }
                }
                if target.is_some() || dir.is_empty() || dir == stop {
                    break;
                }
                dir = parent(dir);
            }
            // A package that lists its files (a Python distribution's RECORD) keeps its license
            // files in its metadata directory, away from the code that points to them:
            // `pygments/__init__.py`'s "see LICENSE" is `Pygments-….dist-info/licenses/LICENSE`.
            if target.is_none()
                && let Some((ci, None)) = owner
            {
                let wanted = [
                    r.name.to_ascii_lowercase(),
                    format!("{}.txt", r.name.to_ascii_lowercase()),
                    format!("{}.md", r.name.to_ascii_lowercase()),
                ];
                target = components[ci]
                    .owned_files
                    .iter()
                    .filter(|p| {
                        let name = p.rsplit('/').next().unwrap_or(p).to_ascii_lowercase();
                        wanted.contains(&name)
                    })
                    .min_by_key(|p| (p.len(), p.as_str()))
                    .and_then(|p| by_name.get(&p.to_ascii_lowercase()).copied())
                    .filter(|&t| t != fi);
            }
            added.push((fi, ri, target));
        }
    }
    for (fi, ri, target) in added {
        let Some(t) = target else { continue };
        let target_path = files[t].path.clone();
        let found: Vec<LicenseFinding> = files[t].findings.clone();
        let line = files[fi].references[ri].line;
        files[fi].references[ri].resolved = Some(target_path);
        if found.is_empty() {
            continue;
        }
        let expr = LicenseExpr::and(found.iter().map(|x| x.expression.clone()).collect());
        // A file that names its license vaguely ("the BSD-style license found in the LICENSE
        // file") gets the exact license from the file it points to.
        let target_ids = expr.license_ids();
        let mut bsd_ids = target_ids
            .iter()
            .copied()
            .filter(|id| clearance_model::declared::is_bsd_variant(id));
        // One BSD variant in the target, or none to refine to.
        let bsd: Option<&str> = match (bsd_ids.next(), bsd_ids.next()) {
            (Some(b), None) => Some(b),
            _ => None,
        };
        let mut refined = false;
        for x in files[fi].findings.iter_mut() {
            let before = x.expression.clone();
            // A notice's BSD variant is the text's it points to: a notice cannot count clauses,
            // and its label often defaults to the 3-clause license.
            let notice = !matches!(x.evidence.tier, Tier::LicenseText);
            x.expression = before.map_terms(&mut |t| match t.license.as_str() {
                clearance_model::declared::BSD_UNSPECIFIED => bsd.map(LicenseExpr::term),
                clearance_model::declared::SEE_FILE => Some(expr.clone()),
                id if notice
                    && clearance_model::declared::is_bsd_variant(id)
                    && bsd.is_some_and(|b| b != id) =>
                {
                    bsd.map(LicenseExpr::term)
                }
                _ => None,
            });
            refined |= x.expression != before;
        }
        // A file that states a license of its own keeps it; the reference only supports it.
        let own = files[fi]
            .findings
            .iter()
            .any(|x| x.evidence.tier != Tier::FileReference);
        if refined || own {
            continue;
        }
        let confidence = found
            .iter()
            .map(|x| x.evidence.confidence)
            .fold(1.0f32, f32::min)
            * 0.9;
        let path = files[fi].path.clone();
        let already = files[fi]
            .findings
            .iter()
            .any(|x| x.expression.sorted() == expr.sorted());
        if !already {
            files[fi].findings.push(LicenseFinding {
                expression: expr,
                evidence: clearance_model::Evidence::new(
                    path,
                    Lines::one(line),
                    (confidence * 1000.0).round() / 1000.0,
                    Tier::FileReference,
                ),
            });
            files[fi].findings.sort_by_key(|x| x.evidence.lines);
        }
    }
}

/// A copyright statement reduced for comparison: lower case, without the word "copyright", the
/// sign, and punctuation.
fn statement_key(s: &str) -> String {
    s.to_lowercase()
        .replace("copyright", "")
        .replace("(c)", "")
        .replace('©', "")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Leaves out what manifests inside a third-party package say when they are not the package's
/// own: the requirements of a vendored crate's test suite, a `.nuspec` template in its packaging
/// scripts. Such a manifest describes how that package is built or tested, not what the product
/// ships. A component is left out when it has no installed directory of its own outside such a
/// package (declared only, or a project found by location) and every manifest it was read from
/// lies inside one; an installed package nested in another (`node_modules/a/node_modules/b`) is
/// kept. Each manifest left out is reported once.
fn leave_out_dependency_tooling(components: &mut Vec<Component>, problems: &mut Vec<Problem>) {
    let packages: Vec<(&str, &str)> = components
        .iter()
        .filter(|c| third_party(c))
        .flat_map(|c| {
            c.roots
                .iter()
                .filter(|r| !r.is_empty())
                .map(move |r| (r.as_str(), c.purl.as_str()))
        })
        .collect();
    if packages.is_empty() {
        return;
    }
    let inside = |path: &str, own: &str| {
        packages
            .iter()
            .filter(|(root, purl)| *purl != own && is_under(path, root))
            .max_by_key(|(root, _)| root.len())
            .copied()
    };
    let mut reported: BTreeMap<String, (String, String, usize)> = BTreeMap::new();
    let mut left_out = vec![false; components.len()];
    for (i, c) in components.iter().enumerate() {
        let installed = third_party(c) && !c.roots.is_empty();
        if installed || c.sources.is_empty() {
            continue;
        }
        let holders: Option<Vec<(&str, &str)>> = c
            .sources
            .iter()
            .map(|s| s.path.as_str())
            .chain(c.roots.iter().map(String::as_str))
            .map(|p| inside(p, &c.purl))
            .collect();
        let Some(holders) = holders else { continue };
        left_out[i] = true;
        for (s, (root, purl)) in c.sources.iter().zip(holders) {
            reported
                .entry(s.path.clone())
                .or_insert_with(|| (root.to_string(), purl.to_string(), 0))
                .2 += 1;
        }
    }
    for (path, (root, purl, n)) in reported {
        problems.push(Problem::new(
            ProblemCode::DependencyTooling,
            &path,
            format!(
                "inside the third-party package `{purl}` (`{root}`) and not its own manifest: it \
                 describes how that package is built or tested; {n} {} not inventoried",
                if n == 1 { "entry" } else { "entries" }
            ),
        ));
    }
    let mut i = 0;
    components.retain(|_| {
        i += 1;
        !left_out[i - 1]
    });
}

/// `true` when `path` is `dir` or below it.
fn is_under(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `true` for third-party components.
pub(crate) fn third_party(c: &Component) -> bool {
    c.origin == Origin::ThirdParty
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::declared::{self, Reading};
    use clearance_model::{
        ConclusionReason, DeclaredLicense, Ecosystem, Evidence, FileKind, LicenseFileRef, Source,
    };

    pub(crate) fn finding(expr: &str, path: &str) -> LicenseFinding {
        LicenseFinding {
            expression: LicenseExpr::parse(expr).unwrap(),
            evidence: Evidence::new(path, Lines::new(1, 20), 1.0, Tier::LicenseText),
        }
    }

    pub(crate) fn component(name: &str, root: &str, declared: Option<&str>) -> Component {
        let mut c = Component::new(
            Ecosystem::Cargo,
            name,
            Some("1.0.0".into()),
            format!("pkg:cargo/{name}@1.0.0"),
        );
        c.roots.push(root.into());
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
                    path: format!("{root}/Cargo.toml"),
                    line: Some(1),
                },
            });
        }
        c
    }

    pub(crate) fn record(path: &str, findings: Vec<LicenseFinding>) -> FileRecord {
        FileRecord {
            path: path.into(),
            size: 1,
            sha256: String::new(),
            sha1: String::new(),
            kind: FileKind::Text,
            license_file: clearance_detect::is_license_file(path),
            expression: None,
            findings,
            copyrights: Vec::new(),
            references: Vec::new(),
            truncated: None,
            notices_file: false,
            text: None,
        }
    }

    #[test]
    fn manifests_of_a_dependency_s_own_tooling_are_left_out_and_reported() {
        let krate = component("rdkafka-sys", "vendor/rdkafka-sys", Some("MIT"));
        let declared_in = |name: &str, eco: Ecosystem, path: &str| {
            let mut c = Component::new(eco, name, None, format!("pkg:generic/{name}"));
            c.sources.push(Source {
                cataloger: "x".into(),
                path: path.into(),
                line: Some(1),
            });
            c
        };
        // The crate's test requirements and a packaging template (a project by location).
        let numpy = declared_in(
            "numpy",
            Ecosystem::Python,
            "vendor/rdkafka-sys/librdkafka/tests/requirements.txt",
        );
        let boto = declared_in(
            "boto3",
            Ecosystem::Python,
            "vendor/rdkafka-sys/librdkafka/tests/requirements.txt",
        );
        let mut template = declared_in(
            "librdkafka.redist",
            Ecosystem::Nuget,
            "vendor/rdkafka-sys/packaging/a.nuspec",
        );
        template.origin = Origin::FirstParty;
        template.roots.push("vendor/rdkafka-sys/packaging".into());
        // What the product itself asks for, and a package installed inside another, stay.
        let own = declared_in("requests", Ecosystem::Python, "requirements.txt");
        let nested = component("b", "vendor/rdkafka-sys/vendor/b", Some("MIT"));
        let inv = build(
            "t".into(),
            vec![krate, numpy, boto, template, own, nested],
            Vec::new(),
            Vec::new(),
            WalkStats::default(),
        );
        let names: Vec<&str> = inv.components.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["b", "rdkafka-sys", "requests"]);
        let problems: Vec<(&str, &str)> = inv
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.code.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    "vendor/rdkafka-sys/librdkafka/tests/requirements.txt",
                    "dependency-tooling"
                ),
                (
                    "vendor/rdkafka-sys/packaging/a.nuspec",
                    "dependency-tooling"
                ),
            ]
        );
        assert!(
            inv.problems[0]
                .message
                .contains("2 entries not inventoried")
        );
    }

    #[test]
    fn ownership_and_key_files() {
        let a = component("a", "vendor/a", Some("MIT"));
        let b = component("b", "vendor/a/nested", Some("MIT"));
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
        // The test-data license is not a key file: listed, but not part of the conclusion.
        assert_eq!(a.concluded.expression.as_ref().unwrap().to_string(), "MIT");
        let b = &inv.components[1];
        assert_eq!(b.concluded.reason, ConclusionReason::Conflict);
        assert_eq!(inv.files.len(), 4);
    }

    #[test]
    fn declared_license_file_is_read() {
        let mut c = component("foo", "vendor/foo", None);
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

    #[test]
    fn references_are_followed_within_the_package() {
        let a = component("a", "vendor/a", None);
        let mut src = record("vendor/a/src/x.c", vec![]);
        src.references.push(LicenseFileRef {
            name: "COPYING".into(),
            line: 3,
            resolved: None,
        });
        let files = vec![
            record(
                "vendor/a/COPYING",
                vec![finding("LGPL-2.1-only", "vendor/a/COPYING")],
            ),
            src,
            record("COPYING", vec![finding("GPL-3.0-only", "COPYING")]),
        ];
        let inv = build("t".into(), vec![a], files, Vec::new(), WalkStats::default());
        let x = inv
            .files
            .iter()
            .find(|f| f.path == "vendor/a/src/x.c")
            .unwrap();
        assert_eq!(
            x.references[0].resolved.as_deref(),
            Some("vendor/a/COPYING")
        );
        assert_eq!(x.findings[0].expression.to_string(), "LGPL-2.1-only");
        assert_eq!(x.findings[0].evidence.tier, Tier::FileReference);
        assert_eq!(x.findings[0].evidence.lines, Lines::one(3));
    }

    #[test]
    fn a_vague_bsd_reference_is_refined_by_the_file_it_names() {
        let a = component("zstd", "vendor/zstd", None);
        let mut src = record(
            "vendor/zstd/lib/x.c",
            vec![finding(
                "LicenseRef-clearance-bsd-unspecified OR GPL-2.0-only",
                "vendor/zstd/lib/x.c",
            )],
        );
        src.references.push(LicenseFileRef {
            name: "LICENSE".into(),
            line: 5,
            resolved: None,
        });
        let files = vec![
            record(
                "vendor/zstd/LICENSE",
                vec![finding("BSD-3-Clause", "vendor/zstd/LICENSE")],
            ),
            src,
        ];
        let inv = build("t".into(), vec![a], files, Vec::new(), WalkStats::default());
        let x = inv
            .files
            .iter()
            .find(|f| f.path == "vendor/zstd/lib/x.c")
            .unwrap();
        assert_eq!(x.findings.len(), 1);
        assert_eq!(
            x.expression.as_ref().unwrap().to_string(),
            "BSD-3-Clause OR GPL-2.0-only"
        );
    }

    #[test]
    fn a_listed_package_resolves_references_to_its_metadata_license() {
        let mut c = component("pygments", "unused", None);
        c.roots.clear();
        c.owned_files = vec![
            "site/pygments/__init__.py".into(),
            "site/pygments-2.0.dist-info/licenses/LICENSE".into(),
        ];
        let mut src = record(
            "site/pygments/__init__.py",
            vec![finding(
                "LicenseRef-clearance-bsd-unspecified",
                "site/pygments/__init__.py",
            )],
        );
        src.references.push(LicenseFileRef {
            name: "LICENSE".into(),
            line: 9,
            resolved: None,
        });
        let files = vec![
            src,
            record(
                "site/pygments-2.0.dist-info/licenses/LICENSE",
                vec![finding(
                    "BSD-2-Clause",
                    "site/pygments-2.0.dist-info/licenses/LICENSE",
                )],
            ),
        ];
        let inv = build("t".into(), vec![c], files, Vec::new(), WalkStats::default());
        let x = inv
            .files
            .iter()
            .find(|f| f.path == "site/pygments/__init__.py")
            .unwrap();
        assert_eq!(
            x.references[0].resolved.as_deref(),
            Some("site/pygments-2.0.dist-info/licenses/LICENSE")
        );
        assert_eq!(x.expression.as_ref().unwrap().to_string(), "BSD-2-Clause");
    }

    #[test]
    fn a_notice_takes_the_bsd_variant_of_the_text_it_points_to() {
        let a = component("packaging", "site/packaging", None);
        let mut notice = finding("BSD-3-Clause OR Apache-2.0", "site/packaging/LICENSE");
        notice.evidence.tier = Tier::Notice;
        let mut l = record("site/packaging/LICENSE", vec![notice]);
        for (name, line) in [("LICENSE.APACHE", 2), ("LICENSE.BSD", 2)] {
            l.references.push(LicenseFileRef {
                name: name.into(),
                line,
                resolved: None,
            });
        }
        let files = vec![
            l,
            record(
                "site/packaging/LICENSE.APACHE",
                vec![finding("Apache-2.0", "site/packaging/LICENSE.APACHE")],
            ),
            record(
                "site/packaging/LICENSE.BSD",
                vec![finding("BSD-2-Clause", "site/packaging/LICENSE.BSD")],
            ),
        ];
        let inv = build("t".into(), vec![a], files, Vec::new(), WalkStats::default());
        let x = &inv
            .files
            .iter()
            .find(|f| f.path == "site/packaging/LICENSE")
            .unwrap();
        assert_eq!(
            x.expression.as_ref().unwrap().to_string(),
            "BSD-2-Clause OR Apache-2.0"
        );
    }

    #[test]
    fn copyrights_are_gathered_per_component() {
        let a = component("a", "vendor/a", Some("MIT"));
        let mut l = record("vendor/a/LICENSE", vec![finding("MIT", "vendor/a/LICENSE")]);
        l.copyrights.push(clearance_model::Copyright {
            statement: "Copyright (c) 2020 A".into(),
            holder: Some("A".into()),
            line: 1,
        });
        let mut s = record("vendor/a/src/lib.rs", vec![]);
        s.copyrights = l.copyrights.clone();
        s.copyrights.push(clearance_model::Copyright {
            statement: "Copyright 2021 B".into(),
            holder: Some("B".into()),
            line: 2,
        });
        let inv = build(
            "t".into(),
            vec![a],
            vec![l, s],
            Vec::new(),
            WalkStats::default(),
        );
        assert_eq!(
            inv.components[0].copyrights,
            ["Copyright (c) 2020 A", "Copyright 2021 B"]
        );
    }
}
