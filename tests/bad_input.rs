//! Bad input never panics and never stops a scan that can go on: each case gives a clear message
//! naming the file (and line where there is one) and the right exit status.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{clearance, project, render, scan, strings};

/// A product tree in a temporary directory, named `product` so outputs are stable.
struct Tree {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Tree {
    fn new() -> Tree {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("product");
        fs::create_dir(&root).unwrap();
        Tree { _dir: dir, root }
    }

    fn file(&self, path: &str, contents: impl AsRef<[u8]>) -> &Tree {
        let p = self.root.join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
        self
    }

    fn report(&self, extra: &[&str]) -> (std::process::Output, Value) {
        let out_dir = tempfile::tempdir().unwrap();
        let report = out_dir.path().join("r.json");
        let mut args = vec!["--report", report.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = scan(&self.root, &args);
        let v = fs::read_to_string(&report)
            .map(|t| serde_json::from_str(&t).unwrap())
            .unwrap_or_else(|_| panic!("no report:\n{}", render(&out)));
        (out, v)
    }
}

fn problems(report: &Value) -> Vec<(String, Option<u64>, String)> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["line"].as_u64(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn mit() -> &'static str {
    "MIT License\n\nCopyright (c) 2020 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the \"Software\"), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\nAUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\nLIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\nOUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\nSOFTWARE.\n"
}

#[test]
fn missing_directory() {
    let out = scan(Path::new("/nonexistent/product-tree"), &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error: cannot scan `/nonexistent/product-tree`"),
        "{err}"
    );
    assert!(err.contains("No such file or directory"), "{err}");
}

#[test]
fn root_is_a_file() {
    let t = Tree::new();
    t.file("a.txt", "x");
    let out = scan(&t.root.join("a.txt"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a directory"));
}

#[test]
fn invalid_policy_points_at_the_line() {
    let t = Tree::new();
    t.file(
        "policy.toml",
        "[licenses]\nallow = [\"MIT\"]\ndeny = [\"GPL-3.0-only\", \"Apache 2\"]\n",
    );
    let policy = t.root.join("policy.toml");
    let out = scan(&t.root, &["--policy", policy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", render(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[invalid-spdx-expression]: `deny`: invalid SPDX expression `Apache 2`")
            && err.contains("policy.toml:3:26\n"),
        "{err}"
    );

    t.file("policy.toml", "[licences]\nallow = []\n");
    let out = scan(&t.root, &["--policy", policy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[unknown-key]: unknown field `licences`")
            && err.contains("policy.toml:1:2\n"),
        "{err}"
    );

    let out = scan(
        &t.root,
        &["--policy", t.root.join("missing.toml").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn invalid_options() {
    let t = Tree::new();
    let out = scan(&t.root, &["--threads", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let out = scan(&t.root, &["--exclude", "a[b"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid exclude glob `a[b`"));
    let out = clearance()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .arg("scan")
        .arg(&t.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SOURCE_DATE_EPOCH"));
    let out = scan(
        &t.root,
        &[
            "--report",
            t.root.join("no/such/dir/r.json").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("r.json"),
        "{}",
        render(&out)
    );
}

#[test]
fn corrupt_manifests_are_reported_and_the_scan_goes_on() {
    let t = Tree::new();
    t.file(
        "node_modules/broken/package.json",
        "{\n  \"name\": \"broken\",\n  \"version\": \"1.0.0\",\n  \"license\": \n}\n",
    )
    .file(
        "node_modules/fine/package.json",
        "{\"name\": \"fine\", \"version\": \"2.0.0\", \"license\": \"MIT\"}",
    )
    .file("node_modules/fine/LICENSE", mit())
    .file(
        "vendor/bad/Cargo.toml",
        "[package]\nname = \"bad\"\nversion = \"0.1.0\nlicense = \"MIT\"\n",
    )
    .file("vendor/bad/.cargo-checksum.json", "{}")
    .file(
        "site-packages/weird-1.0.dist-info/METADATA",
        b"Metadata-Version: 2.1\nName: weird\nVersion: 1.0\nLicense: caf\xe9 license\n".as_slice(),
    )
    .file(
        "site-packages/nameless-1.0.dist-info/METADATA",
        "Metadata-Version: 2.1\nSummary: nothing\n",
    );
    let (out, report) = t.report(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let p = problems(&report);
    assert!(
        p.contains(&(
            "node_modules/broken/package.json".into(),
            Some(5),
            "manifest-parse".into()
        )),
        "{p:?}"
    );
    assert!(
        p.contains(&(
            "vendor/bad/Cargo.toml".into(),
            Some(3),
            "manifest-parse".into()
        )),
        "{p:?}"
    );
    assert!(
        p.iter().any(
            |(path, line, code)| path == "site-packages/weird-1.0.dist-info/METADATA"
                && line.is_some()
                && code == "manifest-parse"
        ),
        "{p:?}"
    );
    assert!(
        p.iter().any(
            |(path, _, code)| path == "site-packages/nameless-1.0.dist-info/METADATA"
                && code == "manifest-value"
        ),
        "{p:?}"
    );
    // What could be read still counts.
    let purls = strings(&report["components"], "purl");
    assert!(
        purls.contains(&"pkg:npm/fine@2.0.0") && purls.contains(&"pkg:pypi/weird@1.0"),
        "{purls:?}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("node_modules/broken/package.json:5:"),
        "the summary names file and line:\n{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_symlinks() {
    let t = Tree::new();
    t.file("lib/a/LICENSE", mit());
    std::os::unix::fs::symlink("..", t.root.join("lib/a/up")).unwrap();
    std::os::unix::fs::symlink("LICENSE", t.root.join("lib/a/COPYING")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(t.root.join("pipe"))
        .status()
        .unwrap();
    assert!(status.success());

    let (out, report) = t.report(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let p = problems(&report);
    assert!(
        p.contains(&("pipe".into(), None, "special-file".into())),
        "{p:?}"
    );
    assert!(
        p.contains(&("lib/a/up".into(), None, "symlink".into())),
        "{p:?}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Skipped: 3 (2 symlink, 1 special-file)"),
        "{stdout}"
    );

    let (out, report) = t.report(&["--follow-symlinks"]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let p = problems(&report);
    assert!(
        p.iter()
            .any(|(path, _, code)| path == "lib/a/up" && code == "symlink-loop"),
        "{p:?}"
    );
    // The followed link is read like a file.
    let files = strings(&report["files"], "path");
    assert!(files.contains(&"lib/a/COPYING"), "{files:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let t = Tree::new();
    let dir = t.root.join(std::ffi::OsStr::from_bytes(b"caf\xe9"));
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("LICENSE"), mit()).unwrap();
    let (out, report) = t.report(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let p = problems(&report);
    assert!(
        p.contains(&("caf\u{fffd}".into(), None, "non-utf8-path".into())),
        "{p:?}"
    );
    let files = report["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "caf\u{fffd}/LICENSE");
    assert_eq!(
        files[0]["findings"][0]["expression"], "MIT",
        "the file is still scanned"
    );
}

/// Runs `clearance` as an unprivileged user when the tests run as root (root can read anything).
#[cfg(target_os = "linux")]
fn as_unprivileged(root: &Path, report: &Path) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("clearance");
    let uid = String::from_utf8(
        std::process::Command::new("id")
            .arg("-u")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let mut cmd = if uid.trim() == "0" {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    cmd.arg("scan")
        .arg(root)
        .arg("--report")
        .arg(report)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn unreadable_files_and_directories() {
    use std::os::unix::fs::PermissionsExt;
    let t = Tree::new();
    t.file("ok/LICENSE", mit())
        .file("secret/LICENSE", mit())
        .file("locked.txt", "x");
    // Everything readable by anybody, but `locked.txt` and `secret/`.
    for p in [t.root.parent().unwrap(), &t.root, &t.root.join("ok")] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o777)).unwrap();
    }
    fs::set_permissions(t.root.join("ok/LICENSE"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(t.root.join("locked.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(t.root.join("secret"), fs::Permissions::from_mode(0o000)).unwrap();
    let report = t.root.join("report.json");
    let out = as_unprivileged(&t.root, &report);
    fs::set_permissions(t.root.join("secret"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let v: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    let p = problems(&v);
    assert!(
        p.contains(&("locked.txt".into(), None, "unreadable".into())),
        "{p:?}"
    );
    assert!(
        p.contains(&("secret".into(), None, "unreadable".into())),
        "{p:?}"
    );
    let msg = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "locked.txt")
        .unwrap()["message"]
        .clone();
    assert!(msg.as_str().unwrap().contains("Permission denied"), "{msg}");
    let files = strings(&v["files"], "path");
    assert!(files.contains(&"ok/LICENSE"), "{files:?}");
}

#[test]
fn binary_files_are_recognised_and_skipped() {
    let t = Tree::new();
    let mut blob = vec![0x7f, b'E', b'L', b'F', 0, 0, 0, 0];
    blob.extend_from_slice(b"SPDX-License-Identifier: GPL-3.0-only");
    t.file("lib/libfoo.so", blob).file("LICENSE", mit());
    let (out, report) = t.report(&[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(report["summary"]["walk"]["binary_files"], 1);
    let files = strings(&report["files"], "path");
    assert_eq!(files, ["LICENSE"]);
}

#[test]
fn empty_tree() {
    let t = Tree::new();
    let (out, report) = t.report(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert_eq!(report["summary"]["components"], 0);
    insta::assert_snapshot!(render(&out));
}

#[test]
fn file_with_two_licenses_and_tags_everywhere() {
    let t = Tree::new();
    let apache = project("01_cargo_workspace").join("vendor/itoa/LICENSE-APACHE");
    let both = format!("{}\n\n{}", mit(), fs::read_to_string(apache).unwrap());
    t.file("third_party/lib/LICENSE", both)
        .file(
            "src/main.c",
            "/* SPDX-License-Identifier: BSD-3-Clause */\nint main(void) { return 0; }\n",
        )
        .file(
            "docs/x.md",
            "<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n# Doc\n",
        );
    let (_, report) = t.report(&[]);
    let files = report["files"].as_array().unwrap();
    let lic = files
        .iter()
        .find(|f| f["path"] == "third_party/lib/LICENSE")
        .unwrap();
    let found = strings(&lic["findings"], "expression");
    assert_eq!(found, ["MIT", "Apache-2.0"]);
    let tag = files.iter().find(|f| f["path"] == "src/main.c").unwrap();
    assert_eq!(tag["findings"][0]["expression"], "BSD-3-Clause");
    assert_eq!(tag["findings"][0]["evidence"]["tier"], "spdx-tag");
    assert_eq!(tag["findings"][0]["evidence"]["lines"]["start"], 1);
}
