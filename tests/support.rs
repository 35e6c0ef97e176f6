//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture product tree.
pub fn project(name: &str) -> PathBuf {
    repo().join("fixtures/projects").join(name)
}

/// `clearance` with a fixed environment for deterministic output (`SOURCE_DATE_EPOCH` set, so
/// SBOMs do not take the fixture files' modification times).
pub fn clearance() -> Command {
    let mut cmd = Command::cargo_bin("clearance").expect("the clearance binary is built");
    cmd.env("SOURCE_DATE_EPOCH", "1700000000")
        .env("NO_COLOR", "1");
    cmd.timeout(std::time::Duration::from_secs(120));
    cmd
}

/// Runs `clearance scan DIR ARGS…` and returns its output.
pub fn scan(dir: &Path, args: &[&str]) -> Output {
    clearance()
        .arg("scan")
        .arg(dir)
        .args(args)
        .output()
        .expect("clearance runs")
}

/// Exit status, standard output and standard error, for snapshots.
pub fn render(out: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status
            .code()
            .map_or_else(|| "signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The string field `key` of every object in a JSON array.
pub fn strings<'a>(list: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|item| {
            item[key]
                .as_str()
                .unwrap_or_else(|| panic!("`{key}` is not a string in {item}"))
        })
        .collect()
}

/// Copies a tree (directories and regular files).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir_lite(from) {
        let rel = entry.strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &target).unwrap();
        }
    }
}

/// Every path under `root`, parents before children, sorted.
pub fn walkdir_lite(root: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![root.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut children: Vec<_> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            children.sort();
            out.extend(children);
        }
        i += 1;
    }
    out
}
