//! The Swift cataloger runs through the registry on the fixtures in `fixtures/ecosystems/swift/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/swift/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("swift", scenario)
}

#[test]
fn fixture_resolved_v1() {
    insta::assert_json_snapshot!("resolved_v1", scan("resolved-v1"));
}

#[test]
fn fixture_resolved_v2() {
    insta::assert_json_snapshot!("resolved_v2", scan("resolved-v2"));
}

#[test]
fn fixture_resolved_v3() {
    insta::assert_json_snapshot!("resolved_v3", scan("resolved-v3"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// `Package.resolved` anywhere is read (an empty one is a parse problem); the manifest
/// `Package.swift`, sources and backups are not.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("swift");
    let expected = [
        (
            "Package.resolved",
            "swift-package-resolved",
            "parse problem",
        ),
        ("Package.resolved.orig", "", "-"),
        ("Package.swift", "", "-"),
        ("Sources/App/main.swift", "", "-"),
        (
            "Tool/Package.resolved",
            "swift-package-resolved",
            "parse problem",
        ),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}

/// Every prefix of every fixture file, and copies with one byte replaced by a character that
/// matters to the format, parse without a panic, and every problem they give has a line.
#[test]
fn cut_and_damaged_fixtures_never_panic() {
    let parsed = crate::fixture_support::cut_and_damaged_never_panic("swift");
    assert!(parsed > 200, "only {parsed} variants parsed");
}
