//! The npm catalogers run through the registry on the fixtures in `fixtures/ecosystems/npm/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/npm/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("npm", scenario)
}

#[test]
fn fixture_lock_v1() {
    insta::assert_json_snapshot!("lock_v1", scan("lock-v1"));
}

#[test]
fn fixture_lock_v2() {
    insta::assert_json_snapshot!("lock_v2", scan("lock-v2"));
}

#[test]
fn fixture_lock_v3() {
    insta::assert_json_snapshot!("lock_v3", scan("lock-v3"));
}

#[test]
fn fixture_legacy_license_forms() {
    insta::assert_json_snapshot!("legacy_license_forms", scan("legacy-license-forms"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// Which files the catalogers pick up, and what an empty one gives: a parse problem where a
/// manifest is expected, nothing where the file is not one.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("npm");
    let expected = [
        ("bower.json", "", "-"),
        ("node_modules/.package-lock.json", "", "-"),
        (
            "node_modules/@babel/code-frame/package.json",
            "npm-package-json",
            "parse problem",
        ),
        (
            "node_modules/@babel/runtime/helpers/esm/package.json",
            "npm-package-json",
            "nothing",
        ),
        (
            "node_modules/@babel/runtime/package.json",
            "npm-package-json",
            "parse problem",
        ),
        (
            "node_modules/debug/node_modules/ms/package.json",
            "npm-package-json",
            "parse problem",
        ),
        (
            "node_modules/js-tokens/package-lock.json",
            "npm-package-lock",
            "nothing",
        ),
        (
            "node_modules/js-tokens/pnpm-lock.yaml",
            "npm-pnpm-lock",
            "nothing",
        ),
        (
            "node_modules/js-tokens/yarn.lock",
            "npm-yarn-lock",
            "nothing",
        ),
        (
            "node_modules/lodash/package.json",
            "npm-package-json",
            "parse problem",
        ),
        ("npm-shrinkwrap.json", "npm-package-lock", "parse problem"),
        ("package-lock.json", "npm-package-lock", "parse problem"),
        ("package.json", "npm-package-json", "parse problem"),
        ("package.json5", "", "-"),
        (
            "packages/api/package-lock.json",
            "npm-package-lock",
            "parse problem",
        ),
        (
            "packages/api/package.json",
            "npm-package-json",
            "parse problem",
        ),
        ("packages/api/package.json.bak", "", "-"),
        (
            "packages/api/pnpm-lock.yaml",
            "npm-pnpm-lock",
            "parse problem",
        ),
        ("packages/api/yarn.lock", "npm-yarn-lock", "parse problem"),
        ("pnpm-lock.yaml", "npm-pnpm-lock", "parse problem"),
        ("pnpm-lock.yml", "", "-"),
        ("pnpm-workspace.yaml", "", "-"),
        ("tsconfig.json", "", "-"),
        ("yarn.lock", "npm-yarn-lock", "parse problem"),
        ("yarn.lock.orig", "", "-"),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn fixture_yarn_v1() {
    insta::assert_json_snapshot!("yarn_v1", scan("yarn-v1"));
}

#[test]
fn fixture_yarn_berry() {
    insta::assert_json_snapshot!("yarn_berry", scan("yarn-berry"));
}

#[test]
fn fixture_yarn_corrupt() {
    insta::assert_json_snapshot!("yarn_corrupt", scan("yarn-corrupt"));
}

#[test]
fn fixture_pnpm_v5() {
    insta::assert_json_snapshot!("pnpm_v5", scan("pnpm-v5"));
}

#[test]
fn fixture_pnpm_v6() {
    insta::assert_json_snapshot!("pnpm_v6", scan("pnpm-v6"));
}

#[test]
fn fixture_pnpm_v9() {
    insta::assert_json_snapshot!("pnpm_v9", scan("pnpm-v9"));
}

#[test]
fn fixture_pnpm_workspace() {
    insta::assert_json_snapshot!("pnpm_workspace", scan("pnpm-workspace"));
}

#[test]
fn fixture_pnpm_corrupt() {
    insta::assert_json_snapshot!("pnpm_corrupt", scan("pnpm-corrupt"));
}

#[test]
fn fixture_yarn_v1_workspace() {
    insta::assert_json_snapshot!("yarn_v1_workspace", scan("yarn-v1-workspace"));
}

#[test]
fn fixture_yarn_berry_workspace() {
    insta::assert_json_snapshot!("yarn_berry_workspace", scan("yarn-berry-workspace"));
}

#[test]
fn fixture_pnpm_env_document() {
    insta::assert_json_snapshot!("pnpm_env_document", scan("pnpm-env-document"));
}
