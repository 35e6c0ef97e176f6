//! The Cargo catalogers run through the registry on the fixtures in `fixtures/ecosystems/cargo/`.

use crate::fixture_support::{empty_file_outcomes, scan_fixture};

#[test]
fn fixture_workspace() {
    insta::assert_json_snapshot!("workspace", scan_fixture("cargo", "workspace"));
}

#[test]
fn fixture_lock_v1() {
    insta::assert_json_snapshot!("lock_v1", scan_fixture("cargo", "lock-v1"));
}

#[test]
fn fixture_lock_v3() {
    insta::assert_json_snapshot!("lock_v3", scan_fixture("cargo", "lock-v3"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan_fixture("cargo", "corrupt"));
}

/// Which files the Cargo catalogers pick up, and what an empty one gives.
#[test]
fn fixture_empty_files_selection() {
    let got = empty_file_outcomes("cargo");
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(
        got,
        [
            ("Cargo.lock", "cargo-lock", "value problem"),
            ("Cargo.toml", "cargo-toml", "value problem"),
            ("cargo.toml.in", "", "-"),
            ("src/Cargo.toml.bak", "", "-"),
            // A lockfile inside a vendored crate records how that crate was built, not what ships.
            ("vendor/foo/Cargo.lock", "cargo-lock", "nothing"),
            ("vendor/x/Cargo.toml", "cargo-toml", "value problem"),
            ("vendor/x/Cargo.toml.orig", "", "-"),
        ]
    );
}
