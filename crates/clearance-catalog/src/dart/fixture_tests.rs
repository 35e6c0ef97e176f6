//! The Dart cataloger runs through the registry on the fixtures in `fixtures/ecosystems/dart/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/dart/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("dart", scenario)
}

#[test]
fn fixture_flutter_app() {
    insta::assert_json_snapshot!("flutter_app", scan("flutter-app"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// `pubspec.lock` anywhere is read (an empty one has no `packages`: a value problem); the manifest, overrides
/// and backups are not.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("dart");
    let expected = [
        ("example/pubspec.lock", "dart-pubspec-lock", "value problem"),
        ("pubspec.lock", "dart-pubspec-lock", "value problem"),
        ("pubspec.lock.old", "", "-"),
        ("pubspec.yaml", "", "-"),
        ("pubspec_overrides.yaml", "", "-"),
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
    let parsed = crate::fixture_support::cut_and_damaged_never_panic("dart");
    assert!(parsed > 200, "only {parsed} variants parsed");
}
