//! The JSON report of every fixture product (and of a release against a baseline) conforms to
//! its published schema, `docs/report.schema.json`.

use serde_json::Value;

use crate::support::{project, render, repo, scan};

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("docs/report.schema.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn report_of(dir: &std::path::Path, extra: &[&str]) -> Value {
    let out_dir = tempfile::tempdir().unwrap();
    let report = out_dir.path().join("r.json");
    let mut args = vec!["--report", report.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = scan(dir, &args);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", render(&out));
    serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap()
}

#[test]
fn every_report_conforms_to_the_schema() {
    let v = validator();
    let mut reports = Vec::new();
    for entry in std::fs::read_dir(repo().join("fixtures/projects")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let policy = dir.join("acme-policy.toml");
        let extra: Vec<&str> = if policy.is_file() {
            vec!["--policy", policy.to_str().unwrap()]
        } else {
            Vec::new()
        };
        reports.push((dir.clone(), report_of(&dir, &extra)));
    }
    // A gate with a baseline: violations new and fixed.
    let base = tempfile::tempdir().unwrap();
    let later = report_of(&repo().join("fixtures/releases/v3.3.0"), &[]);
    let baseline = base.path().join("later.json");
    std::fs::write(&baseline, serde_json::to_vec(&later).unwrap()).unwrap();
    reports.push((
        "v3.2.0 against v3.3.0".into(),
        report_of(
            &repo().join("fixtures/releases/v3.2.0"),
            &["--baseline", baseline.to_str().unwrap()],
        ),
    ));
    assert!(reports.len() >= 7);
    for (name, report) in &reports {
        let errors: Vec<String> = v.iter_errors(report).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", name.display());
    }
    assert!(
        !reports.last().unwrap().1["gate"]["fixed"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // The schema is not a formality: a report without its gate, or with a verdict it does not
    // know, is rejected.
    let mut broken = reports[0].1.clone();
    broken.as_object_mut().unwrap().remove("gate");
    assert!(!v.is_valid(&broken));
    let mut broken = report_of(&project("04_monorepo"), &[]);
    broken["components"][0]["verdict"] = "maybe".into();
    assert!(!v.is_valid(&broken));
}
