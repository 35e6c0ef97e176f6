//! Unmet obligations and the notices generator, end to end: a product whose notices file misses
//! entries, and the same product after `clearance notice`.

use std::path::Path;

use serde_json::Value;

use crate::support::{clearance, copy_tree, project, render, scan};

const PRODUCT: &str = "06_product_notices";

fn policy(root: &Path) -> String {
    root.join("acme-policy.toml").to_string_lossy().into_owned()
}

/// Scans `root` with its policy and returns the output and the JSON report.
fn scan_product(root: &Path) -> (std::process::Output, Value) {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = scan(
        root,
        &[
            "--policy",
            &policy(root),
            "--report",
            report.to_str().unwrap(),
        ],
    );
    let report = std::fs::read_to_string(&report)
        .unwrap_or_else(|e| panic!("no report: {e}\n{}", render(&out)));
    (out, serde_json::from_str(&report).unwrap())
}

/// `(purl, code)` of every unmet obligation in a report.
fn unmet(report: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in report["components"].as_array().unwrap() {
        for u in c["evaluation"]["unmet"].as_array().into_iter().flatten() {
            out.push((
                c["purl"].as_str().unwrap().to_string(),
                u["code"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

#[test]
fn a_notices_file_missing_entries_leaves_obligations_unmet() {
    let root = project(PRODUCT);
    let (out, report) = scan_product(&root);
    // Unmet obligations need review by default: the gate passes, the summary says what is missing.
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        unmet(&report),
        pairs(&[
            // Its Apache-2.0 text and copyright line are there; its NOTICE file's are not.
            ("pkg:npm/aws-sdk@2.1693.0", "missing-notice-content"),
            // Not listed at all (the Apache-2.0 text it shares with aws-sdk is there).
            ("pkg:npm/jmespath@0.16.0", "missing-attribution"),
            ("pkg:npm/sax@1.2.1", "missing-attribution"),
            ("pkg:npm/sax@1.2.1", "missing-license-text"),
            ("pkg:npm/sax@1.2.1", "missing-license-text"),
            ("pkg:npm/sax@1.2.1", "missing-license-text"),
        ])
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("pkg:npm/jmespath@0.16.0  missing-attribution: 1 of 1 copyright lines missing: \"Copyright 2014 James Saryerwinnie\" (not in THIRD_PARTY_NOTICES.txt)"),
        "{stdout}"
    );
    // ms is listed with its copyright line and MIT text: nothing unmet, it passes.
    let ms = report["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["purl"] == "pkg:npm/ms@2.1.3")
        .unwrap();
    assert_eq!(ms["verdict"], "pass");
    // With `unmet-obligations = "fail"`, the same product fails the gate.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root, dir.path());
    let text = std::fs::read_to_string(dir.path().join("acme-policy.toml")).unwrap();
    std::fs::write(
        dir.path().join("acme-policy.toml"),
        text.replace("[product]\n", "[product]\nunmet-obligations = \"fail\"\n"),
    )
    .unwrap();
    let (out, _) = scan_product(dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
}

#[test]
fn the_generated_notices_file_meets_every_attribution_obligation() {
    for (format, file) in [
        ("text", "THIRD_PARTY_NOTICES.txt"),
        ("markdown", "THIRD_PARTY_NOTICES.md"),
        ("html", "THIRD_PARTY_NOTICES.html"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&project(PRODUCT), dir.path());
        let out = clearance()
            .arg("notice")
            .arg(dir.path())
            .args(["--policy", &policy(dir.path()), "--format", format, "-o"])
            .arg(dir.path().join(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", render(&out));
        let (out, report) = scan_product(dir.path());
        assert_eq!(unmet(&report), Vec::new(), "{format}: {}", render(&out));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("Unmet"), "{format}: {stdout}");
        // The notices file is the product's description of others' licenses: it adds no
        // license of its own, no foreign-license finding, and no component.
        assert!(
            report["foreign"].is_null(),
            "{format}: {}",
            report["foreign"]
        );
        assert_eq!(report["components"].as_array().unwrap().len(), 5);
    }
}

#[test]
fn notice_is_deterministic_and_grouped_by_license() {
    let root = project(PRODUCT);
    let run = |format: &str| {
        let out = clearance()
            .arg("notice")
            .arg(&root)
            .args(["--policy", &policy(&root), "--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", render(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let md = run("markdown");
    assert_eq!(md, run("markdown"));
    insta::assert_snapshot!("notice_product_markdown", md);
    let html = run("html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h2 id=\"license-Apache-2-0\">Apache-2.0</h2>"));
    // The NOTICE file of aws-sdk is passed on, escaped.
    assert!(html.contains("This product includes software developed at\nAmazon Web Services"));
    // The product's own code is not a third party.
    assert!(!md.contains("acme-portal 1.4.0"), "{md}");
}
