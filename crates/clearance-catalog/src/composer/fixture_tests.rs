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

/// Every strict prefix of the fixture JSON files gives a parse problem and no panic.
#[test]
fn truncated_files_never_panic() {
    use crate::{Cataloger, ManifestFile, MemoryTree};
    use clearance_model::ProblemCode;
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/ecosystems/composer"
    );
    let tree = MemoryTree::default();
    for (path, cataloger) in [
        (
            "lock-v1/composer.lock",
            &crate::composer::ComposerLock as &dyn Cataloger,
        ),
        (
            "installed-v1/vendor/composer/installed.json",
            &crate::composer::ComposerInstalledJson,
        ),
        ("project-lock/composer.json", &crate::composer::ComposerJson),
    ] {
        let bytes = std::fs::read(format!("{root}/{path}")).expect("fixture");
        let text = String::from_utf8(bytes).expect("UTF-8 fixture");
        // Up to the closing brace or bracket: every shorter prefix is incomplete JSON.
        let last = text.trim_end().len() - 1;
        for end in (0..last).filter(|e| text.is_char_boundary(*e)) {
            let c = cataloger.parse(&ManifestFile::new(path, &text.as_bytes()[..end], &tree));
            assert!(c.components.is_empty(), "{path} cut at {end}");
            assert_eq!(c.problems.len(), 1, "{path} cut at {end}");
            assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
        }
    }
}
