//! The Composer catalogers run through the registry on the fixtures in
//! `fixtures/ecosystems/composer/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/composer/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("composer", scenario)
}

#[test]
fn fixture_project_lock() {
    insta::assert_json_snapshot!("project_lock", scan("project-lock"));
}

#[test]
fn fixture_lock_v1() {
    insta::assert_json_snapshot!("lock_v1", scan("lock-v1"));
}

#[test]
fn fixture_installed_v2() {
    insta::assert_json_snapshot!("installed_v2", scan("installed-v2"));
}

#[test]
fn fixture_installed_v1() {
    insta::assert_json_snapshot!("installed_v1", scan("installed-v1"));
}

#[test]
fn fixture_vendor_manifests() {
    insta::assert_json_snapshot!("vendor_manifests", scan("vendor-manifests"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// Which files the catalogers pick up, and what an empty one gives: a parse problem where a
/// manifest is expected, nothing where the file is not one (a test fixture inside a package, a
/// package manifest that `installed.json` already describes, a lockfile inside `vendor/`).
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("composer");
    let expected = [
        ("auth.json", "", "-"),
        ("composer.json", "composer-json", "parse problem"),
        ("composer.json.dist", "", "-"),
        ("composer.lock", "composer-lock", "parse problem"),
        ("composer.phar", "", "-"),
        (
            "packages/billing/composer.json",
            "composer-json",
            "parse problem",
        ),
        ("vendor/composer/autoload_psr4.php", "", "-"),
        (
            "vendor/composer/installed.json",
            "composer-installed-json",
            "parse problem",
        ),
        ("vendor/composer/installed.php", "", "-"),
        ("vendor/psr/log/composer.lock", "composer-lock", "nothing"),
        (
            "vendor/symfony/console/Tests/Fixtures/composer.json",
            "composer-json",
            "nothing",
        ),
        (
            "vendor/symfony/console/composer.json",
            "composer-json",
            "nothing",
        ),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}
