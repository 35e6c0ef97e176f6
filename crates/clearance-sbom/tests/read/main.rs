//! Reading supplier SBOMs: the fixtures of `fixtures/sboms`, malformed documents, and round trips
//! through the writers.

mod projection;
mod roundtrip;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clearance_sbom::read::{DocFormat, SupplierSbom, read_sbom};
use projection::{project, project_one, render};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sboms")
}

fn read_fixture(name: &str) -> SupplierSbom {
    let bytes = std::fs::read(fixtures().join(name)).unwrap();
    match read_sbom(name, &bytes) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// Everything a document was read into, compactly.
fn summary(s: &SupplierSbom) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "format: {} {}", s.format, s.spec_version);
    let _ = writeln!(out, "product: {}", s.name);
    let all: Vec<&clearance_model::Component> = s.root.iter().chain(s.components.iter()).collect();
    let known = all.iter().map(|c| c.purl.as_str()).collect();
    let mut block = |title: &str, c: &clearance_model::Component| {
        let _ = write!(out, "\n{title}{}", render(&project_one(c, &known)));
        for d in &c.declared {
            let _ = writeln!(out, "  declared as written: {} ({:?})", d.raw, d.reading);
        }
        let _ = writeln!(out, "  conclusion: {:?}", c.concluded.reason);
        if !c.roots.is_empty() {
            let _ = writeln!(out, "  roots: {}", c.roots.join(" ; "));
        }
        let sources: Vec<String> = c
            .sources
            .iter()
            .map(|s| format!("{} {}", s.cataloger, s.path))
            .collect();
        let _ = writeln!(out, "  sources: {}", sources.join(" ; "));
    };
    if let Some(r) = &s.root {
        block("root: ", r);
    }
    for c in &s.components {
        block("", c);
    }
    for (id, text) in &s.license_texts {
        let _ = writeln!(out, "\ntext of {id}: {}", text.lines().next().unwrap_or(""));
    }
    for p in &s.problems {
        let _ = writeln!(out, "\nproblem: {p}");
    }
    out
}

macro_rules! fixture_snapshot {
    ($test:ident, $file:expr, $format:expr, $version:expr) => {
        #[test]
        fn $test() {
            let s = read_fixture($file);
            assert_eq!(s.format, $format);
            assert_eq!(s.spec_version, $version);
            insta::assert_snapshot!(summary(&s));
        }
    };
}

fixture_snapshot!(
    cyclonedx_1_3_json,
    "cyclonedx-1.3.json",
    DocFormat::CycloneDxJson,
    "1.3"
);
fixture_snapshot!(
    cyclonedx_1_3_xml,
    "cyclonedx-1.3.xml",
    DocFormat::CycloneDxXml,
    "1.3"
);
fixture_snapshot!(
    cyclonedx_1_4_json,
    "cyclonedx-1.4.json",
    DocFormat::CycloneDxJson,
    "1.4"
);
fixture_snapshot!(
    cyclonedx_1_5_xml,
    "cyclonedx-1.5.xml",
    DocFormat::CycloneDxXml,
    "1.5"
);
fixture_snapshot!(
    cyclonedx_1_6_json,
    "cyclonedx-1.6.json",
    DocFormat::CycloneDxJson,
    "1.6"
);
fixture_snapshot!(spdx_2_2_json, "spdx-2.2.json", DocFormat::SpdxJson, "2.2");
fixture_snapshot!(spdx_2_3_json, "spdx-2.3.json", DocFormat::SpdxJson, "2.3");
fixture_snapshot!(
    spdx_2_3_tag_value,
    "spdx-2.3.spdx",
    DocFormat::SpdxTagValue,
    "2.3"
);

/// Each malformed document is refused with its file, line and column.
#[test]
fn malformed_documents() {
    let dir = fixtures().join("malformed");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut out = String::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let label = format!("malformed/{name}");
        let e = read_sbom(&label, &bytes).expect_err(name);
        assert_eq!(e.path, label);
        let _ = writeln!(out, "{e}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn error_locations() {
    let at = |name: &str| {
        let bytes = std::fs::read(fixtures().join("malformed").join(name)).unwrap();
        let e = read_sbom(name, &bytes).unwrap_err();
        (e.line, e.column)
    };
    // The end of the file, where the JSON stops.
    assert_eq!(at("truncated.cdx.json"), (Some(11), Some(1)));
    // `"version": 4.17`: the number where a string is expected.
    assert_eq!(at("wrong-type.cdx.json"), (Some(9), Some(22)));
    // `"checksums": {…}`: an object where a list is expected.
    assert_eq!(at("wrong-type.spdx.json").0, Some(13));
    // `</components>` closes `<component>`.
    assert_eq!(at("unclosed.cdx.xml").0, Some(7));
    // The `<text>` that is never closed.
    assert_eq!(at("unclosed-text.spdx"), (Some(9), Some(23)));
    assert_eq!(at("unknown-version.spdx"), (Some(1), Some(1)));
    // The second component, the one without a name.
    assert_eq!(at("missing-name.cdx.xml"), (Some(8), Some(5)));
    assert_eq!(at("unknown-version.cdx.xml"), (Some(2), Some(1)));
    assert_eq!(at("unknown-version.cdx.json"), (Some(3), Some(3)));
    assert_eq!(at("unknown-version.spdx.json"), (Some(2), Some(3)));
    assert_eq!(at("unknown-version.cdx.json"), (Some(3), Some(3)));
    assert_eq!(at("unknown-version.spdx.json"), (Some(2), Some(3)));
    assert_eq!(at("not-an-sbom.json"), (None, None));
}

#[test]
fn empty_and_binary_input() {
    assert_eq!(
        read_sbom("x", b"").unwrap_err().to_string(),
        "x: the document is empty"
    );
    assert_eq!(
        read_sbom("x", b"{\"a\":\n\"\xff\"}")
            .unwrap_err()
            .to_string(),
        "x:2:2: the document is not UTF-8 text"
    );
    assert_eq!(
        read_sbom("x", b"[1, 2]").unwrap_err().to_string(),
        "x: not a CycloneDX or SPDX document: a JSON array"
    );
}

/// The same product described in several formats reads into the same components where the
/// formats carry the same facts.
#[test]
fn projections_are_sorted_and_complete() {
    let s = read_fixture("spdx-2.3.spdx");
    let p = project(s.root.iter().chain(s.components.iter()));
    assert_eq!(p.len(), 4);
    assert!(p.windows(2).all(|w| w[0] <= w[1]));
}

/// Every prefix of every fixture (a document cut anywhere) and every fixture with one byte
/// changed is read or refused, never a panic.
#[test]
fn cut_and_damaged_documents_never_panic() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "md"))
        .collect();
    names.sort();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        for end in (0..bytes.len()).step_by(3) {
            let _ = read_sbom("cut", &bytes[..end]);
        }
        for at in (0..bytes.len()).step_by(5) {
            for b in [b'"', b'<', b'\n', b':', b'0', b'{'] {
                let mut damaged = bytes.clone();
                damaged[at] = b;
                let _ = read_sbom("damaged", &damaged);
            }
        }
    }
}
