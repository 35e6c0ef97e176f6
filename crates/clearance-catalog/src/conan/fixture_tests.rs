//! The Conan cataloger runs through the registry on the fixtures in `fixtures/ecosystems/conan/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/conan/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("conan", scenario)
}

#[test]
fn fixture_lock_v2() {
    insta::assert_json_snapshot!("lock_v2", scan("lock-v2"));
}

#[test]
fn fixture_graph_lock_v1() {
    insta::assert_json_snapshot!("graph_lock_v1", scan("graph-lock-v1"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// `conan.lock` anywhere is read (an empty one is a parse problem); recipes, generated files
/// and backups are not.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("conan");
    let expected = [
        ("build/conan.lock", "conan-lock", "parse problem"),
        ("conan.lock", "conan-lock", "parse problem"),
        ("conan.lock.bak", "", "-"),
        ("conanbuildinfo.txt", "", "-"),
        ("conanfile.py", "", "-"),
        ("conanfile.txt", "", "-"),
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
    let parsed = crate::fixture_support::cut_and_damaged_never_panic("conan");
    assert!(parsed > 200, "only {parsed} variants parsed");
}
