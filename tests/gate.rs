//! The release gate end to end: `--baseline`, `--fail-on review`, and `clearance diff`, on two
//! releases of one product (`fixtures/releases`: a dependency removed, one upgraded to a
//! copyleft license, one added under a denied license).

use serde_json::Value;

use crate::support::{clearance, render, repo};

fn release(v: &str) -> String {
    repo()
        .join("fixtures/releases")
        .join(v)
        .to_string_lossy()
        .into_owned()
}

/// Scans a release, writing a JSON report and a CycloneDX SBOM into `dir`.
fn scan_release(v: &str, dir: &std::path::Path, extra: &[&str]) -> (std::process::Output, Value) {
    let report = dir.join(format!("{v}.json"));
    let sbom = dir.join(format!("{v}.cdx.json"));
    let out = clearance()
        .args(["scan", &release(v), "--report"])
        .arg(&report)
        .arg("--sbom")
        .arg(&sbom)
        .args(extra)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    (out, v)
}

#[test]
fn only_new_violations_fail_against_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = scan_release("v3.2.0", dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let baseline = dir.path().join("v3.2.0.json");
    // Against the earlier release: the AGPL package is new and fails the gate.
    let (out, v) = scan_release(
        "v3.3.0",
        dir.path(),
        &["--baseline", baseline.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2 new violation(s), 0 known, 0 fixed"),
        "{stdout}"
    );
    let new: Vec<(&str, &str)> = v["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["new"] == true)
        .map(|x| (x["code"].as_str().unwrap(), x["purl"].as_str().unwrap()))
        .collect();
    assert_eq!(
        new,
        [
            ("license-review", "pkg:npm/fmt-money@2.0.0"),
            ("license-denied", "pkg:npm/pdf-stamp@1.2.0")
        ]
    );
    assert_eq!(v["gate"]["result"], "fail");
    // The same release against itself: its violations are known, the gate passes although
    // the policy is still violated; the SBOM works as a baseline too.
    for earlier in ["v3.3.0.json", "v3.3.0.cdx.json"] {
        let copy = dir.path().join(format!("earlier-{earlier}"));
        std::fs::copy(dir.path().join(earlier), &copy).unwrap();
        let (out, v) = scan_release(
            "v3.3.0",
            dir.path(),
            &["--baseline", copy.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{earlier}: {}", render(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("Gate: PASS"));
        assert_eq!(v["gate"]["result"], "pass", "{earlier}");
    }
    // Going back: both violations are fixed.
    let later = dir.path().join("later.json");
    std::fs::copy(dir.path().join("v3.3.0.json"), &later).unwrap();
    let (out, v) = scan_release(
        "v3.2.0",
        dir.path(),
        &["--baseline", later.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert_eq!(v["gate"]["fixed"].as_array().unwrap().len(), 2);
}

#[test]
fn fail_on_review() {
    let dir = tempfile::tempdir().unwrap();
    // Without the denied package, only a review remains: it passes by default and fails with
    // `--fail-on review`.
    let v320 = dir.path().join("v3.2.0.json");
    scan_release("v3.2.0", dir.path(), &[]);
    let (out, _) = scan_release(
        "v3.3.0",
        dir.path(),
        &["--baseline", v320.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let policy = dir.path().join("p.toml");
    std::fs::write(
        &policy,
        "[licenses]\nallow = [\"MIT\", \"AGPL-3.0-only\"]\nreview = [\"GPL-3.0-only\"]\n",
    )
    .unwrap();
    let p = policy.to_str().unwrap();
    let (out, _) = scan_release("v3.3.0", dir.path(), &["--policy", p]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let (out, _) = scan_release(
        "v3.3.0",
        dir.path(),
        &["--policy", p, "--fail-on", "review"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Gate: FAIL (1 violation(s) with verdict review or fail)")
    );
}

#[test]
fn diff_of_two_releases_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    scan_release("v3.2.0", dir.path(), &[]);
    scan_release("v3.3.0", dir.path(), &[]);
    let old = dir.path().join("v3.2.0.json");
    // A report against an SBOM: either kind of result works on either side.
    let new = dir.path().join("v3.3.0.cdx.json");
    let run = |format: &str| {
        let out = clearance()
            .arg("diff")
            .arg(&old)
            .arg(&new)
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", render(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    insta::assert_snapshot!("releases-diff-text", run("text"));
    insta::assert_snapshot!("releases-diff-markdown", run("markdown"));
    let v: Value = serde_json::from_str(&run("json")).unwrap();
    let kinds: Vec<(&str, &str)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap(), c["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("upgraded", "fmt-money"),
            ("added", "pdf-stamp"),
            ("removed", "retry-call")
        ]
    );
    let out = clearance()
        .args(["diff", "no-such.json"])
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
