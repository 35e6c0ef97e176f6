//! Round trips: an inventory written with `clearance_sbom::write` and read back with `read_sbom`
//! gives the same projection of every component, in every format clearance writes.

use std::path::Path;

use clearance_model::Inventory;
use clearance_sbom::{SbomFormat, SbomOptions, read_sbom, write};

use crate::projection::{Projected, project};

/// Writes `inv` in `format`, reads it back and compares the projections.
pub fn assert_round_trip(inv: &Inventory, format: SbomFormat) {
    let opts = SbomOptions {
        timestamp: Some("2024-01-01T00:00:00Z".into()),
        tool_version: "0.1.0".into(),
        ..SbomOptions::default()
    };
    let bytes = write(inv, format, &opts).unwrap();
    let label = format!("{}.{}", inv.root_name, format.name());
    let read = match read_sbom(&label, &bytes) {
        Ok(r) => r,
        Err(e) => panic!("{e}\n{}", String::from_utf8_lossy(&bytes)),
    };
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let mut expected: Vec<Projected> = project(inv.components.iter());
    let mut got: Vec<Projected> = project(read.root.iter().chain(read.components.iter()));
    assert_eq!(
        got.len(),
        expected.len(),
        "{}: component count",
        format.name()
    );
    if matches!(format, SbomFormat::SpdxJson | SbomFormat::SpdxTagValue) {
        let product = clearance_sbom::product_package(inv).map(|c| c.purl.as_str());
        spdx_losses(&mut expected, &mut got, product);
    }
    for (g, e) in got.iter().zip(expected.iter()) {
        assert_eq!(g, e, "{}: {}", format.name(), e.purl);
    }
}

/// What SPDX does not carry back, by the mapping of `docs/sbom.md`: the product `DEPENDS_ON`
/// every component of unknown scope, which reads back as dependencies of the product (they must
/// include the ones written).
fn spdx_losses(expected: &mut [Projected], got: &mut [Projected], product: Option<&str>) {
    for (e, g) in expected.iter_mut().zip(got.iter_mut()) {
        if Some(e.purl.as_str()) == product && g.purl == e.purl {
            assert!(
                e.dependencies.iter().all(|d| g.dependencies.contains(d)),
                "{}: {:?} lacks some of {:?}",
                e.purl,
                g.dependencies,
                e.dependencies
            );
            g.dependencies = e.dependencies.clone();
        }
    }
}

fn scanned(project: &str) -> Inventory {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/projects")
        .join(project);
    clearance_scan::scan(
        &root,
        &clearance_scan::ScanOptions::default(),
        &clearance_scan::NoProgress,
    )
    .unwrap()
}

#[test]
fn scanned_projects() {
    let mut seen: Vec<Projected> = Vec::new();
    for project in [
        "01_cargo_workspace",
        "02_node_app",
        "03_python_venv",
        "04_monorepo",
        "05_vendored_code",
        "06_product_notices",
    ] {
        let inv = scanned(project);
        for format in SbomFormat::ALL {
            assert_round_trip(&inv, format);
        }
        seen.extend(project_all(&inv));
    }
    // The scans exercise the fields of the projection (suppliers: `hand_built`).
    assert!(seen.len() > 30, "{}", seen.len());
    let has = |f: &dyn Fn(&Projected) -> bool| seen.iter().any(f);
    assert!(has(&|p| p.origin == "first-party"));
    assert!(has(&|p| p.scope.is_some()));
    assert!(has(&|p| p.direct.is_some()));
    assert!(has(&|p| !p.authors.is_empty()));
    assert!(has(&|p| !p.hashes.is_empty()));
    assert!(has(&|p| p.concluded.is_some()));
    assert!(has(&|p| !p.declared.is_empty()));
    assert!(has(&|p| !p.detected.is_empty()));
    assert!(has(&|p| !p.dependencies.is_empty()));
    assert!(has(&|p| !p.copyrights.is_empty()));
}

fn project_all(inv: &Inventory) -> Vec<Projected> {
    project(inv.components.iter())
}

/// An inventory with every field an SBOM carries set somewhere.
pub fn hand_built() -> Inventory {
    use clearance_model::{
        Checksum, Component, Concluded, ConclusionReason, DeclaredLicense, Ecosystem, Evidence,
        HashAlgorithm, LicenseExpr, LicenseFinding, Lines, Origin, Scope, Source, Tier, WalkStats,
        declared,
    };
    let e = |s: &str| LicenseExpr::parse(s).unwrap();
    let src = |cataloger: &str, path: &str, line: Option<u32>| Source {
        cataloger: cataloger.into(),
        path: path.into(),
        line,
    };
    let declared = |raw: &str, source: Source| {
        let n = declared::normalise(raw);
        DeclaredLicense {
            raw: raw.into(),
            expression: n.expression,
            reading: n.reading,
            license_file: None,
            notes: n.notes,
            source,
        }
    };
    let finding = |expr: &str, path: &str, a: u32, b: u32| LicenseFinding {
        expression: e(expr),
        evidence: Evidence::new(path, Lines::new(a, b), 0.98, Tier::LicenseText),
    };

    let mut app = Component::new(
        Ecosystem::Npm,
        "shop",
        Some("1.0.0".into()),
        "pkg:npm/shop@1.0.0".into(),
    );
    app.origin = Origin::FirstParty;
    app.roots.push(String::new());
    app.sources
        .push(src("npm-package-json", "package.json", None));
    app.declared.push(declared(
        "MIT",
        src("npm-package-json", "package.json", None),
    ));
    app.detected.push(finding("MIT", "LICENSE", 1, 21));
    app.concluded = Concluded {
        expression: Some(e("MIT")),
        reason: ConclusionReason::Agree,
        explanation: String::new(),
        modified: None,
    };
    app.dependencies = vec![
        "pkg:npm/%40scope/util@2.0.0".into(),
        "pkg:npm/left@1.0.0".into(),
    ];
    app.authors = vec!["Shop Team <team@shop.example>".into()];

    let mut util = Component::new(
        Ecosystem::Npm,
        "@scope/util",
        Some("2.0.0".into()),
        "pkg:npm/%40scope/util@2.0.0".into(),
    );
    util.scope = Some(Scope::Runtime);
    util.direct = Some(true);
    util.roots.push("node_modules/@scope/util".into());
    util.sources
        .push(src("npm-package-lock", "package-lock.json", Some(12)));
    util.declared.push(declared(
        "MIT OR Apache-2.0",
        src(
            "npm-package-json",
            "node_modules/@scope/util/package.json",
            None,
        ),
    ));
    util.detected.push(finding(
        "MIT",
        "node_modules/@scope/util/LICENSE-MIT",
        1,
        21,
    ));
    util.detected.push(finding(
        "Apache-2.0",
        "node_modules/@scope/util/LICENSE-APACHE",
        1,
        201,
    ));
    util.concluded = Concluded {
        expression: Some(e("MIT OR Apache-2.0")),
        reason: ConclusionReason::Agree,
        explanation: String::new(),
        modified: None,
    };
    util.supplier = Some("Scope Inc.".into());
    util.authors = vec![
        "Ann Author <ann@example.org>".into(),
        "Bob Builder".into(),
        "Example, Inc.".into(),
    ];
    util.hashes = vec![
        Checksum::from_hex(HashAlgorithm::Sha512, &"ab".repeat(64)).unwrap(),
        Checksum::from_hex(HashAlgorithm::Sha1, &"0f".repeat(20)).unwrap(),
    ];
    util.hashes.sort();
    util.copyrights = vec![
        "Copyright (c) 2020 Ann Author".into(),
        "Copyright 2021 Bob Builder".into(),
    ];
    util.dependencies = vec!["pkg:npm/left@1.0.0".into()];

    let mut left = Component::new(
        Ecosystem::Npm,
        "left",
        Some("1.0.0".into()),
        "pkg:npm/left@1.0.0".into(),
    );
    left.scope = Some(Scope::Dev);
    left.direct = Some(false);
    left.sources
        .push(src("npm-package-lock", "package-lock.json", Some(30)));
    left.declared.push(declared(
        "ACME Public License",
        src("npm-package-json", "node_modules/left/package.json", None),
    ));
    left.detected.push(finding(
        "LicenseRef-clearance-acme-public-license",
        "node_modules/left/LICENSE",
        1,
        9,
    ));
    left.concluded = Concluded {
        expression: Some(e("LicenseRef-clearance-acme-public-license")),
        reason: ConclusionReason::DeclaredOnly,
        explanation: String::new(),
        modified: None,
    };

    // Nothing known but the name.
    let mut bare = Component::new(Ecosystem::Generic, "blob", None, "pkg:generic/blob".into());
    bare.scope = Some(Scope::Build);
    bare.sources.push(src("vendored", "third_party/blob", None));

    Inventory {
        root_name: "shop".into(),
        components: vec![util, bare, left, app],
        files: vec![],
        foreign: vec![],
        problems: vec![],
        stats: WalkStats::default(),
    }
}

#[test]
fn hand_built_inventory() {
    let inv = hand_built();
    for format in SbomFormat::ALL {
        assert_round_trip(&inv, format);
    }
}

#[test]
fn hand_built_without_product_package() {
    let mut inv = hand_built();
    for c in &mut inv.components {
        c.roots.retain(|r| !r.is_empty());
    }
    for format in SbomFormat::ALL {
        assert_round_trip(&inv, format);
    }
}
