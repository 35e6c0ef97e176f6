use super::*;

#[test]
fn detected_values() {
    let f = detected_finding("MIT OR Apache-2.0 | vendor/a b/LICENSE | 3-24 | 0.97").unwrap();
    assert_eq!(f.expression.to_string(), "MIT OR Apache-2.0");
    assert_eq!(f.evidence.path, "vendor/a b/LICENSE");
    assert_eq!(f.evidence.lines, Lines::new(3, 24));
    assert!((f.evidence.confidence - 0.97).abs() < 1e-6);
    assert_eq!(
        detected_finding("MIT | LICENSE | 7 | 1.00")
            .unwrap()
            .evidence
            .lines,
        Lines::one(7)
    );
    assert!(detected_finding("MIT | LICENSE | 1-2").is_none());
    assert!(detected_finding("MIT | LICENSE | a-b | 1.00").is_none());
    assert!(detected_finding("MIT | LICENSE | 1-2 | 7").is_none());
    assert!(detected_finding("MIT AND ( | LICENSE | 1-2 | 1.00").is_none());
}

#[test]
fn source_values() {
    assert_eq!(
        source_of("cargo-lock Cargo.lock:12"),
        Some(Source {
            cataloger: "cargo-lock".into(),
            path: "Cargo.lock".into(),
            line: Some(12)
        })
    );
    assert_eq!(
        source_of("npm-package-json a:b/package.json"),
        Some(Source {
            cataloger: "npm-package-json".into(),
            path: "a:b/package.json".into(),
            line: None
        })
    );
    assert_eq!(source_of("nospace"), None);
}

#[test]
fn purl_types() {
    assert_eq!(ecosystem_of_purl_type("pypi"), Ecosystem::Python);
    assert_eq!(ecosystem_of_purl_type("golang"), Ecosystem::Go);
    assert_eq!(ecosystem_of_purl_type("github"), Ecosystem::Generic);
    // Every ecosystem's purl type maps back to it.
    for eco in [
        Ecosystem::Cargo,
        Ecosystem::Npm,
        Ecosystem::Python,
        Ecosystem::Go,
        Ecosystem::Maven,
        Ecosystem::Gem,
        Ecosystem::Composer,
        Ecosystem::Nuget,
        Ecosystem::Deb,
        Ecosystem::Apk,
        Ecosystem::Rpm,
        Ecosystem::Swift,
        Ecosystem::Cocoapods,
        Ecosystem::Pub,
        Ecosystem::Conan,
        Ecosystem::Generic,
    ] {
        assert_eq!(ecosystem_of_purl_type(eco.purl_type()), eco);
    }
}

#[test]
fn error_display() {
    let e = ReadError::new("a.json", "bad").at(3, 7);
    assert_eq!(e.to_string(), "a.json:3:7: bad");
    assert_eq!(ReadError::new("a.json", "bad").to_string(), "a.json: bad");
    assert_eq!(line_col("ab\ncé\nx".as_bytes(), 7), (3, 1));
    assert_eq!(line_col("ab\ncé".as_bytes(), 5), (2, 3));
}

fn cdx(components: &str) -> SupplierSbom {
    let doc = format!(
        r#"{{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [{components}]}}"#
    );
    read_sbom("t.cdx.json", doc.as_bytes()).unwrap()
}

#[test]
fn bad_checksums_and_unknown_algorithms() {
    let s = cdx(
        r#"{"type": "library", "name": "a", "purl": "pkg:npm/a@1", "hashes": [
            {"alg": "SHA-256", "content": "abc"},
            {"alg": "SHA3-256", "content": "0000000000000000000000000000000000000000000000000000000000000000"},
            {"alg": "MD5", "content": "D41D8CD98F00B204E9800998ECF8427E"}]}"#,
    );
    let c = &s.components[0];
    assert_eq!(c.hashes.len(), 1);
    assert_eq!(c.hashes[0].value, "d41d8cd98f00b204e9800998ecf8427e");
    assert_eq!(
        s.problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "t.cdx.json: package `a` has an invalid SHA-256 checksum `abc`; it is left out [manifest-value]"
        ]
    );
}

#[test]
fn duplicates_are_kept_once() {
    let s = cdx(
        r#"{"type": "library", "bom-ref": "x", "name": "a", "purl": "pkg:npm/a@1"},
           {"type": "library", "bom-ref": "y", "name": "a", "purl": "pkg:npm/a@1"}"#,
    );
    assert_eq!(s.components.len(), 1);
    assert_eq!(s.problems.len(), 1);
    assert!(s.problems[0].message.contains("more than once"));
}

#[test]
fn clearance_properties() {
    let s = cdx(
        r#"{"type": "library", "name": "a", "purl": "pkg:npm/a@1", "scope": "excluded",
            "author": "Ann, Bob <bob@example.org>",
            "supplier": {"name": "Ann, Bob <bob@example.org>"},
            "licenses": [{"license": {"id": "MIT"}}],
            "properties": [
              {"name": "clearance:origin", "value": "third-party"},
              {"name": "clearance:scope", "value": "test"},
              {"name": "clearance:direct", "value": "false"},
              {"name": "clearance:license:declared", "value": "MIT/X11"},
              {"name": "clearance:license:detected", "value": "MIT | node_modules/a/LICENSE | 1-21 | 1.00"},
              {"name": "clearance:license:concluded-reason", "value": "agree"},
              {"name": "clearance:source", "value": "npm-package-lock package-lock.json:40"},
              {"name": "clearance:root", "value": "node_modules/a"}
            ]}"#,
    );
    let c = &s.components[0];
    assert_eq!(c.scope, Some(Scope::Test));
    assert_eq!(c.direct, Some(false));
    assert_eq!(c.authors, ["Ann", "Bob <bob@example.org>"]);
    // The supplier clearance wrote from the authors is no supplier.
    assert_eq!(c.supplier, None);
    assert_eq!(c.declared.len(), 1);
    assert_eq!(c.declared[0].raw, "MIT/X11");
    assert_eq!(c.declared[0].source.cataloger, CYCLONEDX_CATALOGER);
    assert_eq!(c.concluded.reason, ConclusionReason::Agree);
    assert_eq!(c.detected[0].evidence.path, "node_modules/a/LICENSE");
    assert_eq!(c.roots, ["node_modules/a"]);
    assert_eq!(c.sources.len(), 2);
    assert_eq!(c.sources[0].line, Some(40));
    assert_eq!(c.sources[1].path, "t.cdx.json");
    assert!(s.problems.is_empty());
}

#[test]
fn other_tools_scope_and_licenses() {
    let s = cdx(
        r#"{"type": "library", "name": "a", "purl": "pkg:npm/a@1", "scope": "excluded",
            "licenses": [{"license": {"id": "MIT"}}, {"license": {"name": "Apache License 2.0"}}]}"#,
    );
    let c = &s.components[0];
    assert_eq!(c.scope, Some(Scope::Dev));
    assert_eq!(c.origin, Origin::ThirdParty);
    assert_eq!(c.declared[0].raw, "MIT AND Apache License 2.0");
    assert_eq!(
        c.concluded.expression.as_ref().unwrap().to_string(),
        "MIT AND Apache-2.0"
    );
    assert_eq!(c.concluded.reason, ConclusionReason::DeclaredOnly);
}

#[test]
fn cyclonedx_1_6_is_read_as_1_5() {
    let doc = br#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "components": [
          {"type": "library", "name": "a", "purl": "pkg:npm/a@1",
           "authors": [{"name": "Ann"}, {"email": "bob@example.org"}],
           "evidence": {"identity": [{"field": "purl", "confidence": 1}]}},
          {"type": "cryptographic-asset", "name": "AES"}
        ]}"#;
    let s = read_sbom("t.json", doc).unwrap();
    assert_eq!(s.spec_version, "1.6");
    assert_eq!(s.components.len(), 1);
    assert_eq!(s.components[0].authors, ["Ann", "bob@example.org"]);
    let err = read_sbom(
        "t.json",
        b"{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n \"version\": \"x\"}",
    )
    .unwrap_err();
    assert_eq!(err.line, Some(2));
}

#[test]
fn tag_value_errors() {
    let err = read_sbom(
        "t.spdx",
        b"SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n\nthis is no tag\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.spdx:4:1: invalid SPDX tag-value: expected `Tag: Value`, found `this is no tag`"
    );
    let err = read_sbom(
        "t.spdx",
        b"SPDXVersion: SPDX-2.3\nPackageName: a\nPackageVersion: 1\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.spdx:2:1: invalid SPDX tag-value: package `a` has no `SPDXID`"
    );
    let err = read_sbom(
        "t.spdx",
        b"SPDXVersion: SPDX-2.3\nRelationship: a DEPENDS_ON\n",
    )
    .unwrap_err();
    assert_eq!(err.line, Some(2));
}

#[test]
fn spdx_annotations_and_actors() {
    let doc = b"SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: d\n\
PackageName: a\nSPDXID: SPDXRef-a\nPackageOriginator: Person: Ann, Bob\n\
PackageSupplier: Person: Ann (ann@example.org)\nPackageLicenseConcluded: NOASSERTION\n\
PackageLicenseDeclared: MIT\n\
ExternalRef: PACKAGE-MANAGER purl pkg:cargo/a@1.0.0\n\
Annotator: Tool: clearance-0.1.0\nAnnotationType: OTHER\nSPDXREF: SPDXRef-a\nAnnotationComment: clearance:origin=first-party\n\
Annotator: Tool: clearance-0.1.0\nAnnotationType: OTHER\nSPDXREF: SPDXRef-a\nAnnotationComment: clearance:license:concluded-reason=none\n";
    let s = read_sbom("t.spdx", doc).unwrap();
    let c = &s.components[0];
    assert_eq!(c.ecosystem, Ecosystem::Cargo);
    assert_eq!(c.origin, Origin::FirstParty);
    assert_eq!(c.authors, ["Ann", "Bob"]);
    assert_eq!(c.supplier.as_deref(), Some("Ann <ann@example.org>"));
    // clearance concluded nothing: the declared license is not taken for it.
    assert_eq!(c.concluded.expression, None);
    // clearance records each declared license as an annotation: none is recorded here.
    assert!(c.declared.is_empty());
    assert_eq!(s.name, "d");
}

#[test]
fn cyclonedx_1_6_acknowledgements() {
    let doc = br#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "components": [
          {"type": "library", "name": "a", "purl": "pkg:npm/a@1", "licenses": [
            {"license": {"id": "MIT", "acknowledgement": "declared"}},
            {"expression": "MIT AND BSD-3-Clause", "acknowledgement": "concluded"}]},
          {"type": "library", "name": "b", "purl": "pkg:npm/b@1", "licenses": [
            {"license": {"name": "Apache License 2.0", "acknowledgement": "declared"}}]},
          {"type": "library", "name": "c", "purl": "pkg:npm/c@1", "licenses": [
            {"license": {"id": "ISC"}}]}
        ]}"#;
    let s = read_sbom("t.json", doc).unwrap();
    let declared = |c: &Component| {
        c.declared
            .iter()
            .map(|d| {
                format!(
                    "{} -> {:?}",
                    d.raw,
                    d.expression.as_ref().map(ToString::to_string)
                )
            })
            .collect::<Vec<_>>()
    };
    let concluded = |c: &Component| c.concluded.expression.as_ref().map(ToString::to_string);
    let [a, b, c] = s.components.as_slice() else {
        panic!("{:?}", s.components);
    };
    assert_eq!(declared(a), ["MIT -> Some(\"MIT\")"]);
    assert_eq!(concluded(a).as_deref(), Some("MIT AND BSD-3-Clause"));
    assert_eq!(declared(b), ["Apache License 2.0 -> Some(\"Apache-2.0\")"]);
    assert_eq!(concluded(b).as_deref(), Some("Apache-2.0"));
    assert_eq!(declared(c), ["ISC -> Some(\"ISC\")"]);
    assert_eq!(concluded(c).as_deref(), Some("ISC"));
    assert!(s.problems.is_empty());
}

#[test]
fn product_listed_among_components() {
    let doc = br#"{"bomFormat": "CycloneDX", "specVersion": "1.4", "version": 1,
        "metadata": {"component": {"type": "application", "bom-ref": "app", "name": "app", "purl": "pkg:npm/app@1"}},
        "components": [
          {"type": "application", "bom-ref": "app-again", "name": "app", "purl": "pkg:npm/app@1"},
          {"type": "library", "bom-ref": "a", "name": "a", "purl": "pkg:npm/a@1"}],
        "dependencies": [{"ref": "app-again", "dependsOn": ["a"]}]}"#;
    let s = read_sbom("t.json", doc).unwrap();
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(s.components.len(), 1);
    let root = s.root.unwrap();
    assert_eq!(root.origin, Origin::FirstParty);
    assert_eq!(root.dependencies, ["pkg:npm/a@1"]);
}

#[test]
fn utf16_documents() {
    let doc = r#"{"bomFormat": "CycloneDX", "specVersion": "1.4", "version": 1,
        "components": [{"type": "library", "name": "é", "purl": "pkg:npm/e@1"}]}"#;
    let mut le = vec![0xff, 0xfe];
    le.extend(doc.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(doc.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [le, be] {
        assert_eq!(read_sbom("t.json", &bytes).unwrap().components[0].name, "é");
    }
    let err = read_sbom("t.json", &[0xff, 0xfe, b'{', 0, b'\n', 0, 0x00, 0xdc]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.json:2:1: the document is not valid UTF-16 text"
    );
}

#[test]
fn spdx_product_placeholder() {
    let doc = br#"{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "tree-doc",
        "packages": [
          {"name": "tree", "SPDXID": "SPDXRef-Product", "primaryPackagePurpose": "APPLICATION"},
          {"name": "a", "SPDXID": "SPDXRef-a", "externalRefs": [
            {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/a@1"}]}],
        "relationships": [
          {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Product"},
          {"spdxElementId": "SPDXRef-Product", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-a"}]}"#;
    let s = read_sbom("t.spdx.json", doc).unwrap();
    assert_eq!(s.name, "tree");
    assert!(s.root.is_none());
    assert_eq!(s.components.len(), 1);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
}

#[test]
fn authors_joined_by_clearance() {
    assert_eq!(
        split_authors("Ann <ann@example.org>, Example, Inc., Bob, Acme GmbH"),
        ["Ann <ann@example.org>", "Example, Inc.", "Bob", "Acme GmbH"]
    );
    assert_eq!(split_authors("Ann"), ["Ann"]);
}
