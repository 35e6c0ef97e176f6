//! End-to-end scans of the fixture products: summary, JSON report and SBOM, each snapshotted and
//! checked for the facts the fixtures were built to show.

use std::path::Path;

use serde_json::Value;

use crate::support::{clearance, copy_tree, project, render, scan, strings};

struct Run {
    out: std::process::Output,
    report: Value,
    report_text: String,
    sbom: Value,
    sbom_text: String,
}

fn run(name: &str, extra: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let sbom = dir.path().join("sbom.cdx.json");
    let mut args = vec![
        "--report",
        report.to_str().unwrap(),
        "--sbom",
        sbom.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = scan(&project(name), &args);
    let report_text = std::fs::read_to_string(&report)
        .unwrap_or_else(|e| panic!("{name}: no report: {e}\n{}", render(&out)));
    let sbom_text = std::fs::read_to_string(&sbom).unwrap();
    Run {
        report: serde_json::from_str(&report_text).unwrap(),
        sbom: serde_json::from_str(&sbom_text).unwrap(),
        out,
        report_text,
        sbom_text,
    }
}

fn component<'a>(report: &'a Value, purl: &str) -> &'a Value {
    report["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["purl"] == purl)
        .unwrap_or_else(|| panic!("no component {purl}"))
}

fn concluded(report: &Value, purl: &str) -> (String, String) {
    let c = component(report, purl);
    (
        c["concluded"]["expression"]
            .as_str()
            .unwrap_or("")
            .to_string(),
        c["concluded"]["reason"].as_str().unwrap().to_string(),
    )
}

fn snapshot_all(name: &str, r: &Run) {
    insta::assert_snapshot!(format!("{name}-summary"), render(&r.out));
    insta::assert_snapshot!(format!("{name}-report"), r.report_text);
    insta::assert_snapshot!(format!("{name}-sbom"), r.sbom_text);
}

#[test]
fn cargo_workspace_with_vendor_dir() {
    let r = run("01_cargo_workspace", &[]);
    assert_eq!(r.out.status.code(), Some(0), "{}", render(&r.out));
    let comps = r.report["components"].as_array().unwrap();
    // 2 workspace members + 8 vendored crates; the vendored crates' own Cargo.lock files (their
    // development dependencies) are not components.
    assert_eq!(
        comps.len(),
        10,
        "{:#?}",
        comps.iter().map(|c| &c["purl"]).collect::<Vec<_>>()
    );
    for member in ["pkg:cargo/acme-cli@0.3.0", "pkg:cargo/acme-core@0.3.0"] {
        let c = component(&r.report, member);
        assert_eq!(c["origin"], "first-party");
        assert_eq!(
            c["concluded"]["expression"], "Apache-2.0",
            "inherited from [workspace.package]"
        );
        assert!(c.get("verdict").is_none(), "first-party code is not judged");
    }
    assert_eq!(
        concluded(&r.report, "pkg:cargo/memchr@2.8.3"),
        ("Unlicense OR MIT".into(), "agree".into())
    );
    assert_eq!(
        concluded(&r.report, "pkg:cargo/unicode-ident@1.0.27"),
        ("(MIT OR Apache-2.0) AND Unicode-3.0".into(), "agree".into())
    );
    assert_eq!(
        concluded(&r.report, "pkg:cargo/ryu@1.0.23"),
        ("Apache-2.0 OR BSL-1.0".into(), "agree".into())
    );
    let memchr = component(&r.report, "pkg:cargo/memchr@2.8.3");
    assert_eq!(memchr["roots"][0], "vendor/memchr");
    let detected = strings(&memchr["detected"], "expression");
    assert!(
        detected.contains(&"MIT") && detected.contains(&"Unlicense"),
        "{detected:?}"
    );
    // The dependency graph from Cargo.lock.
    let cli = component(&r.report, "pkg:cargo/acme-cli@0.3.0");
    let deps: Vec<&str> = cli["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        deps.contains(&"pkg:cargo/acme-core@0.3.0")
            && deps.contains(&"pkg:cargo/aho-corasick@1.1.5"),
        "{deps:?}"
    );
    assert_eq!(r.sbom["specVersion"], "1.5");
    snapshot_all("01_cargo_workspace", &r);
}

#[test]
fn node_modules_with_scoped_nested_and_dev_packages() {
    let r = run("02_node_app", &[]);
    assert_eq!(r.out.status.code(), Some(0), "{}", render(&r.out));
    let root = component(&r.report, "pkg:npm/acme-web@1.4.2");
    assert_eq!(root["origin"], "first-party");
    assert_eq!(
        root["concluded"]["expression"], "LicenseRef-clearance-proprietary",
        "UNLICENSED is not the Unlicense"
    );
    let scoped = component(&r.report, "pkg:npm/%40sindresorhus/is@4.6.0");
    assert_eq!(scoped["roots"][0], "node_modules/@sindresorhus/is");
    assert_eq!(scoped["verdict"], "pass");
    let nested = component(&r.report, "pkg:npm/ms@2.0.0");
    assert_eq!(nested["roots"][0], "node_modules/debug/node_modules/ms");
    assert_eq!(
        component(&r.report, "pkg:npm/ms@2.1.3")["roots"][0],
        "node_modules/ms"
    );
    assert_eq!(
        component(&r.report, "pkg:npm/is-number@7.0.0")["scope"],
        "dev"
    );
    // Lockfile and installed package.json are one component with both sources.
    assert_eq!(
        component(&r.report, "pkg:npm/debug@2.6.9")["sources"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        concluded(&r.report, "pkg:npm/inherits@2.0.4"),
        ("ISC".into(), "agree".into())
    );
    // The CPython license stack is one family: Python-2.0 declared, Python-2.0.1 text.
    assert_eq!(concluded(&r.report, "pkg:npm/argparse@2.0.1").1, "agree");
    let dev = r.sbom["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "is-number")
        .unwrap();
    assert_eq!(dev["scope"], "excluded");
    snapshot_all("02_node_app", &r);
}

#[test]
fn python_site_packages() {
    let r = run("03_python_venv", &[]);
    assert_eq!(r.out.status.code(), Some(0), "{}", render(&r.out));
    let sp = "venv/lib/python3.11/site-packages";
    assert_eq!(
        concluded(&r.report, "pkg:pypi/packaging@26.3"),
        ("Apache-2.0 OR BSD-2-Clause".into(), "agree".into())
    );
    assert_eq!(
        concluded(&r.report, "pkg:pypi/attrs@26.1.0"),
        ("MIT".into(), "agree".into())
    );
    // certifi's license file holds only the MPL-2.0 notice, which is enough.
    assert_eq!(
        concluded(&r.report, "pkg:pypi/certifi@2026.10.18"),
        ("MPL-2.0".into(), "agree".into())
    );
    let certifi = component(&r.report, "pkg:pypi/certifi@2026.10.18");
    assert_eq!(certifi["detected"][0]["evidence"]["tier"], "notice");
    assert_eq!(certifi["verdict"], "review");
    let six = component(&r.report, "pkg:pypi/six@1.17.0");
    assert!(
        six["owned_files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == &Value::from(format!("{sp}/six.py"))),
        "RECORD gives the files a distribution owns"
    );
    snapshot_all("03_python_venv", &r);
}

#[test]
fn monorepo_with_a_denied_license() {
    let r = run("04_monorepo", &[]);
    assert_eq!(r.out.status.code(), Some(1), "{}", render(&r.out));
    assert_eq!(r.report["result"], "fail");
    let pymupdf = component(&r.report, "pkg:pypi/pymupdf@1.24.11");
    assert_eq!(pymupdf["concluded"]["expression"], "AGPL-3.0-only");
    assert_eq!(pymupdf["verdict"], "fail");
    assert_eq!(pymupdf["evaluation"]["terms"][0]["rule"], "deny");
    // Declared MIT, but it ships an Apache-2.0 notice: both kept, review.
    let through = component(&r.report, "pkg:npm/through@2.3.8");
    assert_eq!(through["concluded"]["reason"], "conflict");
    assert_eq!(through["concluded"]["expression"], "MIT AND Apache-2.0");
    assert_eq!(through["verdict"], "review");
    // "BSD" refined by the BSD-3-Clause text.
    assert_eq!(
        concluded(&r.report, "pkg:pypi/pycparser@2.21"),
        ("BSD-3-Clause".into(), "agree".into())
    );
    let eco = &r.report["summary"]["ecosystems"];
    assert_eq!(
        (
            eco["cargo"].as_u64(),
            eco["npm"].as_u64(),
            eco["python"].as_u64()
        ),
        // Python: the API service's own project (its `pyproject.toml`) and three installed
        // packages, which that project declares (so they are direct and runtime).
        (Some(3), Some(3), Some(4))
    );
    let stdout = String::from_utf8_lossy(&r.out.stdout);
    assert!(
        stdout.contains("Result: FAIL (policy violated)"),
        "{stdout}"
    );
    snapshot_all("04_monorepo", &r);
}

#[test]
fn vendored_code_without_manifests_and_foreign_headers() {
    let r = run("05_vendored_code", &[]);
    assert_eq!(r.out.status.code(), Some(0), "{}", render(&r.out));
    // Directories copied into third_party/ and external/ are components of their own.
    let zlib = component(&r.report, "pkg:generic/third_party/zlib");
    assert_eq!(zlib["ecosystem"], "generic");
    assert_eq!(zlib["concluded"]["expression"], "Zlib");
    assert_eq!(
        zlib["copyrights"][0],
        "Copyright (C) 1995-2024 Jean-loup Gailly and Mark Adler"
    );
    let md5 = component(&r.report, "pkg:generic/external/md5");
    assert_eq!(
        md5["concluded"]["expression"], "RSA-MD",
        "from its license header alone"
    );
    // The product's own files that carry another license are listed.
    let foreign = strings(&r.report["foreign"], "path");
    assert_eq!(
        foreign,
        ["src/util/getopt_long.c", "web/static/purify.min.js"]
    );
    assert_eq!(r.report["foreign"][0]["expression"], "LGPL-2.1-or-later");
    assert_eq!(r.report["foreign"][0]["verdict"], "review");
    snapshot_all("05_vendored_code", &r);
}

#[test]
fn license_text_option_puts_the_matched_text_in_the_report() {
    let r = run("05_vendored_code", &["--license-text"]);
    let zlib = component(&r.report, "pkg:generic/third_party/zlib");
    let text = zlib["detected"][0]["evidence"]["text"].as_str().unwrap();
    assert!(text.contains("This software is provided 'as-is'"), "{text}");
}

#[test]
fn output_is_byte_identical_and_independent_of_the_location() {
    let a = run("04_monorepo", &[]);
    let b = run("04_monorepo", &["--threads", "1"]);
    assert_eq!(a.report_text, b.report_text);
    assert_eq!(a.sbom_text, b.sbom_text);
    // The same tree elsewhere on disk gives the same documents.
    let copy = tempfile::tempdir().unwrap();
    let dest = copy.path().join("04_monorepo");
    copy_tree(&project("04_monorepo"), &dest);
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    let sbom = dir.path().join("s.json");
    let out = scan(
        &dest,
        &[
            "--report",
            report.to_str().unwrap(),
            "--sbom",
            sbom.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(report).unwrap(), a.report_text);
    assert_eq!(std::fs::read_to_string(sbom).unwrap(), a.sbom_text);
    assert!(
        !a.report_text.contains(env!("CARGO_MANIFEST_DIR")),
        "no absolute path in the report"
    );
}

#[test]
fn source_date_epoch_sets_the_sbom_timestamp() {
    let dir = tempfile::tempdir().unwrap();
    let sbom = dir.path().join("s.json");
    let out = clearance()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args([
            "scan",
            project("01_cargo_workspace").to_str().unwrap(),
            "--quiet",
            "--sbom",
            sbom.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert!(out.stdout.is_empty(), "--quiet prints nothing");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(sbom).unwrap()).unwrap();
    assert_eq!(v["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
}

#[test]
fn sbom_timestamp_from_the_flag_or_the_newest_file() {
    let tree = tempfile::tempdir().unwrap();
    for (name, secs) in [("LICENSE", 1_600_000_000u64), ("src/lib.rs", 1_650_000_000)] {
        let p = tree.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "// SPDX-License-Identifier: MIT\n").unwrap();
        let f = std::fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
            .unwrap();
    }
    let stamp = |env: Option<&str>, args: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let sbom = dir.path().join("s.json");
        let mut cmd = clearance();
        match env {
            Some(v) => cmd.env("SOURCE_DATE_EPOCH", v),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        let out = cmd
            .args(["scan", tree.path().to_str().unwrap(), "-q", "--sbom"])
            .arg(&sbom)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", render(&out));
        let v: Value = serde_json::from_str(&std::fs::read_to_string(sbom).unwrap()).unwrap();
        v["metadata"]["timestamp"].as_str().unwrap().to_string()
    };
    // Without a date from the build: the newest file's modification time.
    assert_eq!(stamp(None, &[]), "2022-04-15T05:20:00Z");
    assert_eq!(stamp(Some("1700000000"), &[]), "2023-11-14T22:13:20Z");
    // The flag wins over the environment.
    assert_eq!(
        stamp(
            Some("1700000000"),
            &["--timestamp", "2024-01-02T03:04:05+01:00"]
        ),
        "2024-01-02T02:04:05Z"
    );
    assert_eq!(stamp(None, &["--timestamp", "0"]), "1970-01-01T00:00:00Z");
    let out = clearance()
        .args(["scan", tree.path().to_str().unwrap(), "-q", "--sbom", "-"])
        .args(["--timestamp", "yesterday"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--timestamp `yesterday`"));
}

#[test]
fn several_sboms_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("p.cdx.json");
    let xml = dir.path().join("p.cdx.xml");
    let other = dir.path().join("p.bom");
    let out = scan(
        &project("01_cargo_workspace"),
        &[
            "-q",
            "--sbom",
            json.to_str().unwrap(),
            "--sbom",
            xml.to_str().unwrap(),
            "--sbom",
            other.to_str().unwrap(),
            "--sbom-format",
            "cyclonedx-xml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let xml_text = std::fs::read_to_string(&xml).unwrap();
    assert!(xml_text.starts_with("<?xml"), "{xml_text:.80}");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), xml_text);
    // Every component of the JSON document is in the XML one.
    for c in v["components"].as_array().unwrap() {
        let purl = c["purl"].as_str().unwrap();
        assert!(xml_text.contains(&format!("<purl>{purl}</purl>")), "{purl}");
    }
}

#[test]
fn sbom_to_standard_output_moves_the_summary_to_standard_error() {
    let out = scan(&project("01_cargo_workspace"), &["--sbom", "-"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("stdout is the SBOM alone");
    assert_eq!(v["bomFormat"], "CycloneDX");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Result: PASS"));
}

#[test]
fn excludes_leave_paths_out() {
    let r = run(
        "04_monorepo",
        &["--exclude", "services", "--exclude", "web/node_modules"],
    );
    assert_eq!(r.out.status.code(), Some(0), "{}", render(&r.out));
    let eco = &r.report["summary"]["ecosystems"];
    assert!(eco.get("python").is_none(), "{eco}");
    assert!(r.report["summary"]["walk"]["excluded"].as_u64().unwrap() >= 2);
    // The npm packages are still known from the lockfile, but no longer installed.
    let through = component(&r.report, "pkg:npm/through@2.3.8");
    assert!(through.get("roots").is_none());
    assert_eq!(through["concluded"]["reason"], "declared-only");
}

/// Scans a fixture product with a policy given as text.
fn scan_with_policy(name: &str, policy_text: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(&policy, policy_text).unwrap();
    scan(&project(name), &["--policy", policy.to_str().unwrap()])
}

#[test]
fn custom_policy_decides() {
    let out = scan_with_policy(
        "01_cargo_workspace",
        "[licenses]\nallow = [\"MIT\", \"Apache-2.0\"]\ndeny = [\"Unlicense\"]\nunlisted = \"fail\"\n",
    );
    // `Unlicense OR MIT` still passes through its MIT side; Zlib is unlisted and fails.
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("pkg:cargo/foldhash@0.2.0  Zlib"),
        "{stdout}"
    );
    assert!(!stdout.contains("pkg:cargo/memchr"), "{stdout}");
}

#[test]
fn policy_exceptions_pass_their_components_and_unused_ones_are_reported() {
    let out = scan_with_policy(
        "01_cargo_workspace",
        "[licenses]\nallow = [\"MIT\", \"Apache-2.0\", \"Unicode-3.0\"]\ndeny = [\"Unlicense\"]\nunlisted = \"fail\"\n\n\
         [[exceptions]]\npurl = \"pkg:cargo/foldhash@0.*\"\nallow = [\"Zlib\"]\nreason = \"hashing only\"\n\
         approved-by = \"ospo@example.com\"\nexpires = 2099-12-31\n\n\
         [[exceptions]]\nname = \"left-pad\"\nallow = [\"WTFPL\"]\nreason = \"not in this product\"\n",
    );
    // foldhash's Zlib, which failed as unlisted, passes through its exception.
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Policy notes: 1"), "{stdout}");
    assert!(
        stdout.contains("unused-exception: exception `name = \"left-pad\"` (line 13)"),
        "{stdout}"
    );
}

#[test]
fn clarifications_pinned_to_a_file_hash() {
    let policy = |sha: &str| {
        format!(
            "[licenses]\nallow = [\"MIT\", \"Apache-2.0\", \"Unicode-3.0\", \"MIT-0\"]\ndeny = [\"Unlicense\"]\nunlisted = \"fail\"\n\n\
             [[clarify]]\nname = \"foldhash\"\nexpression = \"MIT-0\"\n\
             files = [{{ path = \"LICENSE\", sha256 = \"{sha}\" }}]\n"
        )
    };
    // The fixture's vendor/foldhash/LICENSE as it is.
    let out = scan_with_policy(
        "01_cargo_workspace",
        &policy("b1181a40b2a7b25cf66fd01481713bc1005df082c53ef73e851e55071b102744"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    // Pinned to another text: not applied, and reported.
    let out = scan_with_policy("01_cargo_workspace", &policy(&"0".repeat(64)));
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("stale-clarification: clarification name = \"foldhash\" (line 6) is not applied to pkg:cargo/foldhash@0.2.0: `LICENSE` has changed"),
        "{stdout}"
    );
}

#[test]
fn dependencies_that_do_not_ship_are_judged_by_dev_rules() {
    // left-pad (WTFPL) is a dev dependency in the lockfile.
    let shipped_only = "[licenses]\nallow = [\"category:permissive\", \"category:public-domain\"]\n\
                        deny = [\"WTFPL\"]\ninclude-scopes = [\"runtime\"]\n";
    let out = scan_with_policy("02_node_app", shipped_only);
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    // The same, with `[dev]` lists that deny it.
    let out = scan_with_policy(
        "02_node_app",
        &format!("{shipped_only}\n[dev]\ndeny = [\"WTFPL\"]\nunlisted = \"review\"\n"),
    );
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("`dev` dependency, judged by `[dev]`: `WTFPL` is denied"),
        "{}",
        render(&out)
    );
    // Without `include-scopes`, every scope ships.
    let out = scan_with_policy(
        "02_node_app",
        "[licenses]\nallow = [\"category:permissive\", \"category:public-domain\"]\ndeny = [\"WTFPL\"]\n",
    );
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
}

#[test]
fn shipped_policies_judge_the_fixture_products() {
    let policy = |name: &str| {
        crate::support::repo()
            .join("policies")
            .join(format!("{name}.toml"))
            .to_str()
            .unwrap()
            .to_string()
    };
    for name in ["default", "permissive-only", "saas", "binary-distribution"] {
        let out = clearance()
            .args(["policy", "check", &policy(name)])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}: {}", render(&out));
    }
    // certifi's MPL-2.0 is weak copyleft: fine in a binary, not in a permissive-only product.
    let code =
        |fixture: &str, name: &str| run(fixture, &["--policy", &policy(name)]).out.status.code();
    assert_eq!(code("03_python_venv", "permissive-only"), Some(1));
    assert_eq!(code("03_python_venv", "binary-distribution"), Some(0));
    // An LGPL-2.1+ file in the product's own code.
    assert_eq!(code("05_vendored_code", "permissive-only"), Some(1));
    assert_eq!(code("05_vendored_code", "saas"), Some(0));
    // The AGPL fails a network service, and the evaluation lists its network source offer.
    let r = run("04_monorepo", &["--policy", &policy("saas")]);
    assert_eq!(r.out.status.code(), Some(1), "{}", render(&r.out));
    let pymupdf = component(&r.report, "pkg:pypi/pymupdf@1.24.11");
    assert_eq!(pymupdf["verdict"], "fail");
    let kinds: Vec<&str> = pymupdf["evaluation"]["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["network-source"], "{pymupdf}");
}

#[test]
fn explain_shows_evidence_decision_and_obligations() {
    let dir = project("04_monorepo");
    let saas = crate::support::repo().join("policies/saas.toml");
    let out = clearance()
        .args(["explain", "pymupdf", dir.to_str().unwrap(), "--policy"])
        .arg(&saas)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let text = String::from_utf8_lossy(&out.stdout)
        .replace(&saas.display().to_string(), "policies/saas.toml");
    insta::assert_snapshot!("explain_pymupdf_saas", text);
    let out = clearance()
        .args(["explain", "no-such-thing", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", render(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no component `no-such-thing`"));
}

#[test]
fn policy_check_validates_without_scanning() {
    let default = crate::support::repo().join("policies/default.toml");
    let out = clearance()
        .args(["policy", "check", default.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains(": valid (allow "));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[licenses]\nallow = [\"MIT\"]\n\n[[exceptions]]\nname = \"x\"\nallow = [\"GPL-2.0-only\"]\nreason = \"old\"\nexpires = 2001-01-01\n").unwrap();
    let out = clearance()
        .args(["policy", "check", bad.to_str().unwrap()])
        .output()
        .unwrap();
    // Valid, but an expired exception is worth a warning.
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("warning: exception name = \"x\" (line 4) expired on 2001-01-01"),
        "{}",
        render(&out)
    );
    std::fs::write(&bad, "[licenses]\nallow = [\"category:copyleft\"]\n").unwrap();
    let out = clearance()
        .args(["policy", "check", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", render(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[unknown-category]: `allow`: unknown license category `copyleft`")
            && err.contains("bad.toml:2:11\n"),
        "{err}"
    );
}

#[test]
fn ecosystem_fixtures_scan_without_crashing() {
    // Every catalog fixture, corrupt ones included, scanned as one tree: problems are reported,
    // the scan finishes.
    let out = scan(
        &crate::support::repo().join("fixtures/ecosystems"),
        &["--quiet"],
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", render(&out));
}

#[test]
fn help_and_version() {
    let out = clearance().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("clearance "));
    let out = clearance().args(["scan", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("--exclude <GLOB>"));
}

/// Runs `clearance accuracy --as source --errors --min-exact MIN` on a manifest whose files are
/// in `root`; returns the output and its standard output.
fn accuracy(manifest: &Path, root: &Path, min: &str) -> (std::process::Output, String) {
    let out = clearance()
        .args(["accuracy", "--as", "source", "--errors", "--min-exact", min])
        .arg("--manifest")
        .arg(manifest)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, stdout)
}

#[test]
fn accuracy_on_the_notice_corpus() {
    let corpus = crate::support::repo().join("fixtures/corpus/notices");
    let (out, stdout) = accuracy(&corpus.join("manifest.tsv"), &corpus, "100");
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    assert!(
        stdout.contains("exact expression match: 100.00% (13/13)"),
        "{stdout}"
    );
}

#[test]
fn accuracy_reports_and_gates_on_mismatches() {
    // The same files, one labelled wrongly: the mismatch is listed and the gate fails.
    let dir = tempfile::tempdir().unwrap();
    let corpus = crate::support::repo().join("fixtures/corpus/notices");
    let manifest = dir.path().join("manifest.tsv");
    std::fs::write(
        &manifest,
        "apache-header.java\tApache-2.0\ngpl2-or-later.c\tGPL-2.0-only\n",
    )
    .unwrap();
    let (out, stdout) = accuracy(&manifest, &corpus, "90");
    assert_eq!(out.status.code(), Some(1), "{}", render(&out));
    assert!(
        stdout.contains("exact expression match: 50.00% (1/2)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("gpl2-or-later.c\tGPL-2.0-only\tGPL-2.0-or-later"),
        "{stdout}"
    );
}

#[test]
fn detect_reports_findings_with_evidence_and_copyrights() {
    let file = crate::support::repo().join("fixtures/corpus/notices/apache-header.java");
    let out = clearance()
        .args(["detect", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", render(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["expression"], "Apache-2.0");
    let f = &v["findings"][0]["evidence"];
    assert_eq!(
        (f["lines"]["start"].as_u64(), f["lines"]["end"].as_u64()),
        (Some(4), Some(14))
    );
    assert_eq!(f["tier"], "notice");
    assert_eq!(v["copyrights"][0]["holder"], "Example Corp");
}

#[test]
fn invalid_policies_are_diagnostics_pointing_at_their_line() {
    // One file per error code, named after it (`fixtures/policies/invalid/`).
    let dir = crate::support::repo().join("fixtures/policies/invalid");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    let mut all = String::new();
    for name in &names {
        let out = clearance()
            .current_dir(&dir)
            .args(["policy", "check", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", render(&out));
        let code = name.trim_end_matches(".toml");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("error[{code}]: ")),
            "{name}: {stderr}"
        );
        all.push_str(&format!("== {name}\n{}\n", render(&out)));
    }
    insta::assert_snapshot!("invalid_policies", all);
}
