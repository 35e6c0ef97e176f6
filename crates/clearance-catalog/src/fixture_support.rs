//! Test support: a fixture scenario scanned through the registry, for snapshot tests.

use std::path::Path;

use clearance_model::ProblemCode;
use serde_json::{Value, json};

use crate::{DiskTree, ManifestFile, Registry};

/// `fixtures/ecosystems/` of the repository.
pub(crate) const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/ecosystems");

/// Every file under `dir`, as sorted `/`-separated paths relative to `root`.
pub(crate) fn files(root: &Path, dir: &Path, out: &mut Vec<String>) {
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

/// Scans one scenario directory (`fixtures/ecosystems/<ecosystem>/<scenario>/`) as a product
/// tree: every file a cataloger selects, parsed, as JSON (file, cataloger, components,
/// problems), in path order.
pub(crate) fn scan_fixture(ecosystem: &str, scenario: &str) -> Value {
    let root = Path::new(FIXTURES).join(ecosystem).join(scenario);
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

/// Which catalogers pick up each file of `fixtures/ecosystems/<ecosystem>/empty-files/` (files
/// that are empty, named like manifests or not), and what parsing an empty file gives:
/// `(path, catalogers joined with ",", outcome)` where the outcome is `-` (no cataloger),
/// `nothing`, `parse problem` (a `manifest-parse` problem at line 1) or `value problem` (one
/// `manifest-value` problem: the file parses but lacks what the format requires) or `archive
/// problem` (a `manifest-parse` problem without a line: a binary file). Anything else
/// panics: an
/// empty file never yields a component.
pub(crate) fn empty_file_outcomes(ecosystem: &str) -> Vec<(String, String, &'static str)> {
    let root = Path::new(FIXTURES).join(ecosystem).join("empty-files");
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
                    [p] if p.code == ProblemCode::ManifestValue => "value problem",
                    [p] if p.code == ProblemCode::ManifestParse && p.line.is_none() => {
                        "archive problem"
                    }
                    other => panic!("{path}: unexpected {other:?}"),
                }
            }
        };
        got.push((path.clone(), picked.join(","), outcome));
    }
    got
}

/// Feeds every cataloger every prefix (in steps of 3 bytes) of every fixture file of
/// `fixtures/ecosystems/<ecosystem>/` (but `empty-files/`), and copies with one byte replaced
/// by a character that matters to most formats: none may panic, and every problem they give has
/// a line. Returns how many variants were parsed.
pub(crate) fn cut_and_damaged_never_panic(ecosystem: &str) -> usize {
    let root = Path::new(FIXTURES).join(ecosystem);
    let mut paths = Vec::new();
    files(&root, &root, &mut paths);
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
    parsed
}
