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
    use std::path::Path;

    use crate::{DiskTree, ManifestFile, Registry};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ecosystems/cocoapods");
    let mut paths = Vec::new();
    crate::fixture_support::files(&root, &root, &mut paths);
    let registry = Registry::new();
    let tree = DiskTree::new(&root);
    let mut parsed = 0;
    for path in paths.iter().filter(|p| !p.starts_with("empty-files/")) {
        let bytes = std::fs::read(root.join(path)).expect("fixture file");
        for (cataloger, _) in registry.matching(path) {
            let mut variants: Vec<Vec<u8>> = (0..bytes.len())
                .step_by(3)
                .map(|n| bytes[..n].to_vec())
                .collect();
            for (i, b) in [b'"', b'{', b':', b'-', b'(', b'/', b'\n', 0xff]
                .into_iter()
                .enumerate()
            {
                for at in (i..bytes.len()).step_by(23) {
                    let mut v = bytes.clone();
                    v[at] = b;
                    variants.push(v);
                }
            }
            for v in &variants {
                let catalog = cataloger.parse(&ManifestFile::new(path, v, &tree));
                for p in &catalog.problems {
                    assert!(p.line.is_some_and(|l| l >= 1), "{path}: {p:?}");
                }
                parsed += 1;
            }
        }
    }
    assert!(parsed > 200, "only {parsed} variants parsed");
}
