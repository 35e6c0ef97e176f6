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
    use std::path::Path;

    use crate::{DiskTree, ManifestFile, Registry};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ecosystems/conan");
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
