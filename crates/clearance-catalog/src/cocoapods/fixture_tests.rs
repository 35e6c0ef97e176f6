//! The CocoaPods cataloger runs through the registry on the fixtures in
//! `fixtures/ecosystems/cocoapods/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/cocoapods/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("cocoapods", scenario)
}

#[test]
fn fixture_ios_app() {
    insta::assert_json_snapshot!("ios_app", scan("ios-app"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// `Podfile.lock` anywhere is read (an empty one has no `PODS`: a value problem); the Podfile,
/// podspecs, the installed copy `Pods/Manifest.lock` and backups are not.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("cocoapods");
    let expected = [
        ("Kit.podspec", "", "-"),
        ("Podfile", "", "-"),
        ("Podfile.lock", "cocoapods-podfile-lock", "value problem"),
        ("Podfile.lock.orig", "", "-"),
        (
            "ios/Podfile.lock",
            "cocoapods-podfile-lock",
            "value problem",
        ),
        ("ios/Pods/Manifest.lock", "", "-"),
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
    let parsed = crate::fixture_support::cut_and_damaged_never_panic("cocoapods");
    assert!(parsed > 200, "only {parsed} variants parsed");
}
