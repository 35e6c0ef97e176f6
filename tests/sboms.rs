//! Supplier SBOMs end to end: `clearance check --sbom`, `scan --sbom-in`, and every format
//! written by `scan` read back by `check`.

use serde_json::Value;

use crate::support::{clearance, project, render, repo};

fn sbom(name: &str) -> String {
    repo()
        .join("fixtures/sboms")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn check(args: &[&str]) -> std::process::Output {
    clearance().arg("check").args(args).output().unwrap()
}

#[test]
fn a_supplier_sbom_goes_through_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    let out = check(&[
        "--sbom",
        &sbom("spdx-2.3.json"),
        "--sbom",
        &sbom("cyclonedx-1.5.xml"),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Review:"), "{stdout}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let comps = v["components"].as_array().unwrap();
    // The suppliers' products are components to judge, like everything they contain.
    assert!(comps.iter().all(|c| c["origin"] == "third-party"));
    assert!(comps.iter().all(|c| c["verdict"].is_string()));
    let sources: Vec<&str> = comps
        .iter()
        .flat_map(|c| c["sources"].as_array().unwrap())
        .filter_map(|s| s["cataloger"].as_str())
        .filter(|c| c.starts_with("sbom-"))
        .collect();
    assert!(sources.contains(&"sbom-spdx") && sources.contains(&"sbom-cyclonedx"));
}

#[test]
fn a_denied_license_in_a_supplier_sbom_fails() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("p.toml");
    std::fs::write(
        &policy,
        "[licenses]\nallow = [\"MIT\", \"Apache-2.0\", \"BSD-3-Clause\", \"ISC\"]\ndeny = [\"category:weak-copyleft\"]\n",
    )
    .unwrap();
    let out = check(&[
        "--sbom",
        &sbom("cyclonedx-1.5.xml"),
        "--policy",
        policy.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("pkg:pypi/psycopg2@2.9.9"));
}

#[test]
fn malformed_documents_are_errors_with_their_location() {
    for (file, expected) in [
        ("malformed/truncated.cdx.json", "truncated.cdx.json:"),
        ("malformed/unclosed.cdx.xml", "unclosed.cdx.xml:"),
        (
            "malformed/not-an-sbom.csv",
            "not a CycloneDX or SPDX document",
        ),
        ("malformed/spdx-3.0.json", "spdx-3.0.json"),
    ] {
        let out = check(&["--sbom", &sbom(file)]);
        assert_eq!(out.status.code(), Some(2), "{file}: {}", render(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{file}: {err}");
    }
    let out = check(&["--sbom", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.json"));
}

#[test]
fn supplier_components_join_a_product_scan() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    let out = clearance()
        .args(["scan", project("02_node_app").to_str().unwrap(), "-q"])
        .args(["--sbom-in", &sbom("spdx-2.3.json")])
        .args(["--report", report.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", render(&out));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let purls: Vec<&str> = v["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["purl"].as_str().unwrap())
        .collect();
    // The product's own packages and the supplier's.
    assert!(purls.contains(&"pkg:npm/left-pad@1.3.0"), "{purls:?}");
    assert!(purls.contains(&"pkg:npm/chart-widgets@0.3.1"), "{purls:?}");
}

/// Every format `scan` writes is read back by `check` into the same components and licenses.
#[test]
fn every_written_format_reads_back_the_same_components() {
    let dir = tempfile::tempdir().unwrap();
    let tree = project("04_monorepo");
    let mut args = vec![
        "scan".to_string(),
        tree.to_string_lossy().into_owned(),
        "-q".into(),
    ];
    let report = dir.path().join("scan.json");
    args.extend(["--report".into(), report.to_string_lossy().into_owned()]);
    let names = ["p.cdx.json", "p.cdx.xml", "p.spdx.json", "p.spdx"];
    for n in names {
        args.extend([
            "--sbom".into(),
            dir.path().join(n).to_string_lossy().into_owned(),
        ]);
    }
    let out = clearance().args(&args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", render(&out));
    let licenses = |v: &Value| -> Vec<(String, String)> {
        let mut l: Vec<(String, String)> = v["components"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["purl"].as_str().unwrap().to_string(),
                    c["concluded"]["expression"]
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                )
            })
            .collect();
        l.sort();
        l
    };
    let scanned: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let expected = licenses(&scanned);
    assert!(expected.len() > 5);
    for n in names {
        let back = dir.path().join(format!("{n}.report.json"));
        let out = check(&[
            "--sbom",
            dir.path().join(n).to_str().unwrap(),
            "--report",
            back.to_str().unwrap(),
        ]);
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{n}: {}",
            render(&out)
        );
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
        assert_eq!(licenses(&v), expected, "{n}");
    }
}
