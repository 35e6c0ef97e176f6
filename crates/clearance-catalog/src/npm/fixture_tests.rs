//! The npm catalogers run through the registry on the fixtures in `fixtures/ecosystems/npm/`.

use std::path::Path;

use clearance_model::ProblemCode;
use serde_json::{Value, json};

use crate::{DiskTree, ManifestFile, Registry};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/ecosystems/npm");

/// Every file under `dir`, as sorted `/`-separated paths relative to `root`.
fn files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).expect("under the root");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
}

/// Scans one scenario directory as a product tree: every file a cataloger selects, parsed.
fn scan(scenario: &str) -> Value {
    let root = Path::new(FIXTURES).join(scenario);
    let mut paths = Vec::new();
    files(&root, &root, &mut paths);
    paths.sort();
    let registry = Registry::new();
    let tree = DiskTree::new(&root);
    let mut results = Vec::new();
    for path in &paths {
        for (cataloger, _) in registry.matching(path) {
            let bytes = std::fs::read(root.join(path)).expect("fixture file");
            let catalog = cataloger.parse(&ManifestFile::new(path, &bytes, &tree));
            results.push(json!({
                "file": path,
                "cataloger": cataloger.name(),
                "components": catalog.components,
                "problems": catalog.problems,
            }));
        }
    }
    Value::Array(results)
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
    let root = Path::new(FIXTURES).join("empty-files");
    let mut paths = Vec::new();
    files(&root, &root, &mut paths);
    paths.sort();
    let registry = Registry::new();
    let tree = DiskTree::new(&root);
    let mut got = Vec::new();
    for path in &paths {
        let picked: Vec<&str> = registry.matching(path).map(|(c, _)| c.name()).collect();
        let outcome = match registry.matching(path).next() {
            None => "-",
            Some((c, _)) => {
                let catalog = c.parse(&ManifestFile::new(path, b"", &tree));
                assert!(catalog.components.is_empty(), "{path}");
                match catalog.problems.as_slice() {
                    [] => "nothing",
                    [p] if p.code == ProblemCode::ManifestParse && p.line == Some(1) => {
                        "parse problem"
                    }
                    other => panic!("{path}: unexpected {other:?}"),
                }
            }
        };
        got.push((path.as_str(), picked.join(","), outcome));
    }
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
        ("pnpm-lock.yaml", "", "-"),
        ("tsconfig.json", "", "-"),
        ("yarn.lock", "", "-"),
    ];
    let got: Vec<(&str, &str, &str)> = got.iter().map(|(p, c, o)| (*p, c.as_str(), *o)).collect();
    assert_eq!(got, expected);
}
