//! The machine and pull-request formats (SARIF, JUnit, Markdown, terminal table) on the fixture
//! products: snapshots, the SARIF 2.1.0 schema, XML well-formedness, and a baseline.

use std::path::{Path, PathBuf};

use clearance_model::{Component, Ecosystem, Inventory, LicenseExpr};
use clearance_policy::{Policy, Verdict};
use clearance_report::gate::{Baseline, Gate};
use clearance_report::{Assessment, junit, markdown, sarif, table};
use clearance_scan::{NoProgress, ScanOptions};

const VERSION: &str = "0.0.0-test";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/projects").join(name)
}

/// The policy of a fixture: its own file when it has one, else the default policy.
fn policy_of(name: &str, file: Option<&str>) -> Policy {
    match file {
        None => Policy::default_policy(),
        Some(f) => {
            let text = std::fs::read_to_string(fixture(name).join(f)).unwrap();
            Policy::from_toml(f, &text).unwrap()
        }
    }
}

/// Scans a fixture as the CLI does for this policy (notices files and license texts kept when it
/// checks obligations).
fn scan(name: &str, policy: &Policy) -> Inventory {
    let mut opts = ScanOptions::default();
    if policy.product.unmet.is_some() {
        opts.notices = clearance_policy::attribution::notices_globset(&policy.product.notices);
        opts.keep_license_texts = true;
    }
    clearance_scan::scan(&fixture(name), &opts, &NoProgress).unwrap()
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("fixtures/schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(report: &[u8]) {
    let v: serde_json::Value = serde_json::from_slice(report).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF: {errors:#?}");
}

/// Parses the JUnit report and checks its counts against its test cases.
fn assert_junit_consistent(report: &[u8]) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(std::str::from_utf8(report).unwrap()).unwrap();
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let suite = suites
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let count = |tag: &str| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
            .count()
            .to_string()
    };
    for el in [suites, suite] {
        assert_eq!(
            el.attribute("tests"),
            Some(cases.len().to_string().as_str())
        );
        assert_eq!(el.attribute("failures"), Some(count("failure").as_str()));
        assert_eq!(el.attribute("skipped"), Some(count("skipped").as_str()));
    }
    doc
}

/// Every format of a fixture, checked and snapshotted.
fn formats(name: &str, policy_file: Option<&str>, fail_on: Verdict) {
    let policy = policy_of(name, policy_file);
    let inv = scan(name, &policy);
    let a = Assessment::new(&inv, &policy, VERSION);
    let gate = Gate::new(&a, None, fail_on);
    let s = sarif(&a, &gate);
    assert_valid_sarif(&s);
    assert_eq!(s, sarif(&a, &gate), "deterministic");
    let j = junit(&a, &gate);
    assert_junit_consistent(&j);
    insta::assert_snapshot!(format!("{name}.sarif.json"), text(s));
    insta::assert_snapshot!(format!("{name}.junit.xml"), text(j));
    insta::assert_snapshot!(format!("{name}.md"), markdown(&a, &gate));
    insta::assert_snapshot!(format!("{name}.table.txt"), table(&a, &gate, false));
    insta::assert_snapshot!(format!("{name}.table.ansi"), table(&a, &gate, true));
}

#[test]
fn monorepo() {
    formats("04_monorepo", None, Verdict::Fail);
}

#[test]
fn product_notices() {
    formats(
        "06_product_notices",
        Some("acme-policy.toml"),
        Verdict::Fail,
    );
}

#[test]
fn vendored_code_is_valid_sarif_and_junit() {
    let policy = Policy::default_policy();
    let inv = scan("05_vendored_code", &policy);
    assert!(
        !inv.foreign.is_empty(),
        "the fixture has foreign-license files"
    );
    let a = Assessment::new(&inv, &policy, VERSION);
    for fail_on in [Verdict::Fail, Verdict::Review] {
        let gate = Gate::new(&a, None, fail_on);
        assert_valid_sarif(&sarif(&a, &gate));
        let j = junit(&a, &gate);
        let doc = assert_junit_consistent(&j);
        // The foreign-license files are test cases.
        let foreign = doc
            .descendants()
            .filter(|n| n.attribute("classname") == Some("foreign-license"))
            .count();
        assert_eq!(foreign, inv.foreign.len());
        // Review fails the gate only under `--fail-on review`: failures then, skipped before.
        let (failures, skipped) = match fail_on {
            Verdict::Review => ("2", "0"),
            _ => ("0", "2"),
        };
        assert_eq!(doc.root_element().attribute("failures"), Some(failures));
        assert_eq!(doc.root_element().attribute("skipped"), Some(skipped));
        let md = markdown(&a, &gate);
        assert_eq!(
            md.starts_with("## ❌ License check failed: 2 violations fail the gate"),
            fail_on == Verdict::Review,
            "{md}"
        );
    }
}

#[test]
fn a_broken_sarif_fails_validation() {
    let policy = Policy::default_policy();
    let inv = scan("04_monorepo", &policy);
    let a = Assessment::new(&inv, &policy, VERSION);
    let gate = Gate::new(&a, None, Verdict::Fail);
    let good: serde_json::Value = serde_json::from_slice(&sarif(&a, &gate)).unwrap();
    let validator = sarif_validator();
    assert!(validator.is_valid(&good));
    let mut broken = good.clone();
    broken["version"] = "2.0.0".into();
    assert!(!validator.is_valid(&broken), "wrong version accepted");
    let mut broken = good.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken), "unknown level accepted");
    let mut broken = good.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(
        !validator.is_valid(&broken),
        "result without a message accepted"
    );
    let mut broken = good;
    broken["runs"][0]["tool"]["driver"]["rules"][0]["id"] = serde_json::Value::Null;
    assert!(!validator.is_valid(&broken), "rule without an id accepted");
}

#[test]
fn sarif_levels_follow_the_gate() {
    let policy = Policy::default_policy();
    let inv = scan("04_monorepo", &policy);
    let a = Assessment::new(&inv, &policy, VERSION);
    let levels = |fail_on| {
        let v: serde_json::Value =
            serde_json::from_slice(&sarif(&a, &Gate::new(&a, None, fail_on))).unwrap();
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["properties"]["verdict"].as_str().unwrap().to_string(),
                    r["level"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let on_fail = levels(Verdict::Fail);
    assert!(on_fail.iter().any(|(v, l)| v == "fail" && l == "error"));
    assert!(on_fail.iter().any(|(v, l)| v == "review" && l == "note"));
    let on_review = levels(Verdict::Review);
    assert!(on_review.iter().all(|(v, l)| match v.as_str() {
        "fail" => l == "error",
        _ => l == "warning",
    }));
}

fn component(name: &str, version: &str, license: &str) -> Component {
    let mut c = Component::new(
        Ecosystem::Npm,
        name,
        Some(version.into()),
        format!("pkg:npm/{name}@{version}"),
    );
    c.concluded.expression = LicenseExpr::parse(license).ok();
    c.roots.push(format!("node_modules/{name}"));
    c
}

/// The monorepo as it was, then changed: a component with a denied license added, a failing one
/// removed, one that needs review upgraded.
#[test]
fn baseline_new_known_and_fixed() {
    let policy = Policy::default_policy();
    let before = scan("04_monorepo", &policy);
    let old = Assessment::new(&before, &policy, VERSION);
    let baseline = Baseline::of(&old, "baseline.json");
    let old_gate = Gate::new(&old, None, Verdict::Fail);
    let failing: Vec<&Component> = old_gate
        .violations
        .iter()
        .filter(|v| v.verdict == Verdict::Fail)
        .filter_map(|v| v.component)
        .collect();
    let removed = failing
        .first()
        .expect("the fixture has a failing component")
        .purl
        .clone();
    let reviewed = old_gate
        .violations
        .iter()
        .filter(|v| v.verdict == Verdict::Review)
        .find_map(|v| v.component)
        .expect("the fixture has a component to review")
        .purl
        .clone();

    let mut after = before.clone();
    after.components.retain(|c| c.purl != removed);
    for c in &mut after.components {
        if c.purl == reviewed {
            c.version = Some("99.0.0".into());
            c.purl = format!("{}@99.0.0", c.purl.split('@').next().unwrap());
        }
    }
    after
        .components
        .push(component("left-pad-agpl", "1.0.0", "AGPL-3.0-only"));
    after.components.sort_by(|a, b| a.purl.cmp(&b.purl));
    let a = Assessment::new(&after, &policy, VERSION);
    let gate = Gate::new(&a, Some(&baseline), Verdict::Fail);
    assert_eq!(
        gate.failing()
            .map(|v| v.component.unwrap().name.as_str())
            .collect::<Vec<_>>(),
        ["left-pad-agpl"]
    );
    assert!(!gate.fixed.is_empty());

    // SARIF: valid, the new one `new`, the upgraded one `unchanged`, the removed one fixed.
    let s = sarif(&a, &gate);
    assert_valid_sarif(&s);
    let v: serde_json::Value = serde_json::from_slice(&s).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let state = |purl_prefix: &str| {
        results
            .iter()
            .find(|r| {
                r["properties"]["purl"]
                    .as_str()
                    .is_some_and(|p| p.starts_with(purl_prefix))
            })
            .map(|r| r["baselineState"].as_str().unwrap().to_string())
    };
    assert_eq!(state("pkg:npm/left-pad-agpl").as_deref(), Some("new"));
    let reviewed_name = reviewed.split('@').next().unwrap();
    assert_eq!(state(reviewed_name).as_deref(), Some("unchanged"));
    let fixed = v["runs"][0]["properties"]["fixed"].as_array().unwrap();
    let removed_name = removed.split('@').next().unwrap();
    assert!(
        fixed
            .iter()
            .any(|f| f["fingerprint"].as_str().unwrap().contains(removed_name)),
        "{fixed:?}"
    );

    // JUnit: only the new component fails; known violations are skipped.
    let j = junit(&a, &gate);
    let doc = assert_junit_consistent(&j);
    let failed: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter(|n| n.children().any(|c| c.has_tag_name("failure")))
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(failed, ["left-pad-agpl@1.0.0"]);

    // Markdown: the new one under "New violations", before the known ones; the fixed listed.
    let md = markdown(&a, &gate);
    let new_at = md.find("### New violations").unwrap();
    let known_at = md.find("Known violations").unwrap();
    let fixed_at = md.find("### Fixed").unwrap();
    assert!(new_at < known_at && known_at < fixed_at);
    assert!(
        md[new_at..known_at].contains("left\\-pad") || md[new_at..known_at].contains("left-pad")
    );
    assert!(!md[new_at..known_at].contains(reviewed_name.rsplit('/').next().unwrap()));

    // A known failing component, upgraded: still an error in SARIF, but unchanged, and the gate
    // and JUnit pass.
    let mut upgraded = before.clone();
    for c in &mut upgraded.components {
        if c.purl == removed {
            c.version = Some("99.0.0".into());
            c.purl = format!("{}@99.0.0", c.purl.split('@').next().unwrap());
        }
    }
    let u = Assessment::new(&upgraded, &policy, VERSION);
    let ugate = Gate::new(&u, Some(&baseline), Verdict::Fail);
    assert!(!ugate.fails());
    let us: serde_json::Value = serde_json::from_slice(&sarif(&u, &ugate)).unwrap();
    let denied = us["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["properties"]["verdict"] == "fail")
        .unwrap();
    assert_eq!(denied["level"], "error");
    assert_eq!(denied["baselineState"], "unchanged");
    let uj = junit(&u, &ugate);
    let udoc = assert_junit_consistent(&uj);
    assert_eq!(udoc.root_element().attribute("failures"), Some("0"));
    assert!(markdown(&u, &ugate).starts_with("## ⚠️ License check passed"));
    assert!(table(&u, &ugate, false).contains("fail (known)"));

    insta::assert_snapshot!("baseline.sarif.json", text(s));
    insta::assert_snapshot!("baseline.junit.xml", text(j));
    insta::assert_snapshot!("baseline.md", md);
    insta::assert_snapshot!("baseline.table.txt", table(&a, &gate, false));
}

/// Names and paths from the tree cannot break out of any format.
#[test]
fn hostile_names_are_escaped() {
    let policy = Policy::default_policy();
    let mut evil = component("x", "1.0.0", "AGPL-3.0-only");
    evil.name = "<script>alert(1)</script> | @everyone `x` ]]> \u{1b}[2J\n#1".into();
    evil.version = Some("1.0\"'&".into());
    evil.roots = vec!["node_modules/a b|<c>".into()];
    let inv = Inventory {
        root_name: "p<&>".into(),
        components: vec![evil],
        files: vec![],
        foreign: vec![],
        problems: vec![],
        stats: Default::default(),
    };
    let a = Assessment::new(&inv, &policy, VERSION);
    let gate = Gate::new(&a, None, Verdict::Fail);
    assert_valid_sarif(&sarif(&a, &gate));
    let j = junit(&a, &gate);
    let doc = assert_junit_consistent(&j);
    let case = doc
        .descendants()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert!(case.attribute("name").unwrap().starts_with("<script>"));
    let md = markdown(&a, &gate);
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.contains("@everyone"), "{md}");
    assert!(!md.contains('\u{1b}'));
    for line in md.lines().filter(|l| l.starts_with("| ❌")) {
        // Five cells: the `|` of the name and of the path are escaped.
        assert_eq!(line.matches(" | ").count(), 4, "{line}");
    }
    let t = table(&a, &gate, false);
    assert!(!t.contains('\u{1b}'), "{t}");
    assert!(table(&a, &gate, true).contains("\u{1b}[31m"));
}

/// A huge tree still gives a pull-request comment that fits.
#[test]
fn markdown_of_a_huge_tree_is_capped() {
    let policy = Policy::default_policy();
    let components: Vec<Component> = (0..20_000)
        .map(|i| {
            let license = ["AGPL-3.0-only", "MIT", "MPL-2.0", ""][i % 4];
            component(
                &format!("package-with-a-long-name-{i:05}"),
                "1.2.3",
                license,
            )
        })
        .collect();
    let inv = Inventory {
        root_name: "huge".into(),
        components,
        files: vec![],
        foreign: vec![],
        problems: vec![],
        stats: Default::default(),
    };
    let a = Assessment::new(&inv, &policy, VERSION);
    let gate = Gate::new(&a, None, Verdict::Fail);
    let md = markdown(&a, &gate);
    assert!(md.len() < 60_000, "{} bytes", md.len());
    assert!(md.contains("… and "));

    // Long names that escape to several times their length.
    let components: Vec<Component> = (0..5_000)
        .map(|i| {
            let license = ["AGPL-3.0-only", "MIT", "MPL-2.0", ""][i % 4];
            let mut c = component(&format!("p{i}"), "1.2.3", license);
            c.name = format!("{i}{}", "@<#".repeat(200));
            c.version = Some("`|".repeat(100));
            c
        })
        .collect();
    let inv = Inventory { components, ..inv };
    let a = Assessment::new(&inv, &policy, VERSION);
    let gate = Gate::new(&a, Some(&Baseline::default()), Verdict::Fail);
    let md = markdown(&a, &gate);
    assert!(md.len() < 60_000, "{} bytes", md.len());
    assert!(md.contains("left out"));
}

#[test]
fn empty_product() {
    let policy = Policy::default_policy();
    let inv = Inventory {
        root_name: "empty".into(),
        components: vec![],
        files: vec![],
        foreign: vec![],
        problems: vec![],
        stats: Default::default(),
    };
    let a = Assessment::new(&inv, &policy, VERSION);
    let gate = Gate::new(&a, None, Verdict::Fail);
    assert_valid_sarif(&sarif(&a, &gate));
    assert_junit_consistent(&junit(&a, &gate));
    insta::assert_snapshot!(markdown(&a, &gate), @r"
    ## ✅ License check passed

    **empty** · 0 third-party components: 0 pass, 0 review, 0 fail · policy policies/default.toml \(embedded\) · fails on `fail`

    <sub>clearance 0.0.0-test · the JSON report has every component, its evidence and obligations.</sub>
    ");
    insta::assert_snapshot!(table(&a, &gate, false), @r"
    empty (policy policies/default.toml (embedded))

    PASS: 0 components
    Gate: PASS (fails on `fail`)
    ");
}

/// Vendored code: foreign-license files of the product's own code are rows too.
#[test]
fn vendored_code_table_and_markdown() {
    let policy = Policy::default_policy();
    let inv = scan("05_vendored_code", &policy);
    let a = Assessment::new(&inv, &policy, VERSION);
    let gate = Gate::new(&a, None, Verdict::Fail);
    insta::assert_snapshot!("05_vendored_code.md", markdown(&a, &gate));
    insta::assert_snapshot!("05_vendored_code.table.txt", table(&a, &gate, false));
    insta::assert_snapshot!("05_vendored_code.junit.xml", text(junit(&a, &gate)));
}
