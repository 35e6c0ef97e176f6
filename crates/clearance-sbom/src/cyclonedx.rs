//! CycloneDX 1.5 JSON and XML through the `cyclonedx-bom` model.
//!
//! Mapping: the scanned root is `metadata.component` (the product's own root package when there
//! is one); every other component carries its purl (also its `bom-ref`), version, concluded
//! license (`licenses`), the licenses found in its files (`evidence.licenses`), where it was found
//! (`evidence.occurrences`), its scope (runtime → `required`, optional → `optional`, dev and build
//! → `excluded`) and `clearance:*` properties (declared license, conclusion reason, origin,
//! sources). Lockfile dependency edges become `dependencies`.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{Component, HashAlgorithm, Inventory, LicenseExpr, Origin, Scope};
use cyclonedx_bom::external_models::normalized_string::NormalizedString;
use cyclonedx_bom::external_models::spdx::SpdxExpression;
use cyclonedx_bom::external_models::uri::Purl;
use cyclonedx_bom::models::attached_text::AttachedText;
use cyclonedx_bom::models::bom::{Bom, UrnUuid};
use cyclonedx_bom::models::component::{
    Classification, Component as CdxComponent, ComponentEvidence, Components, Copyright,
    CopyrightTexts, Occurrence, Occurrences, Scope as CdxScope,
};
use cyclonedx_bom::models::dependency::{Dependencies, Dependency};
use cyclonedx_bom::models::hash::{Hash, HashAlgorithm as CdxHashAlgorithm, HashValue, Hashes};
use cyclonedx_bom::models::license::{License, LicenseChoice, Licenses};
use cyclonedx_bom::models::metadata::Metadata;
use cyclonedx_bom::models::organization::OrganizationalEntity;
use cyclonedx_bom::models::property::{Properties, Property};
use cyclonedx_bom::models::tool::Tools;
use cyclonedx_bom::prelude::SpecVersion;

use crate::{ROOT_REF, SbomError, SbomOptions, content_uuid};

/// Where license texts come from: texts of `LicenseRef-…` ids are always embedded (they have no
/// other reference), SPDX-list texts only when asked (`--license-text`).
struct Texts {
    /// The text of each `LicenseRef-` of the inventory.
    refs: BTreeMap<String, String>,
    all: bool,
}

impl Texts {
    fn new(inv: &Inventory, all: bool) -> Texts {
        Texts {
            refs: crate::spdx::collect_refs(inv, true)
                .into_iter()
                .map(|(id, seen)| {
                    let text = crate::spdx::extracted_text(&id, seen);
                    (id, text)
                })
                .collect(),
            all,
        }
    }

    fn of(&self, id: &str) -> Option<AttachedText> {
        let text = match spdx::license_id(id) {
            Some(l) if self.all => Some(l.text().trim().to_string()),
            Some(_) => None,
            None => self.refs.get(id).cloned(),
        }?;
        Some(AttachedText {
            content_type: Some(NormalizedString::new("text/plain")),
            encoding: None,
            content: text,
        })
    }
}

/// `licenses` for an expression: a single SPDX id as `license.id`, a single `LicenseRef-…` as a
/// `license.name` (with its text), anything else as `expression`.
fn licenses_of(expr: &LicenseExpr, texts: &Texts) -> Licenses {
    // As SPDX expressions allow (`LicenseRef-x+` has no SPDX form).
    let expr = &crate::spdx::spdx_expression(expr);
    if let LicenseExpr::Term(t) = expr
        && !t.or_later
        && t.exception.is_none()
    {
        let mut license = if t.is_license_ref() {
            License::named_license(&t.license)
        } else {
            License::license_id(&t.license)
        };
        license.text = texts.of(&t.license);
        return Licenses(vec![LicenseChoice::License(license)]);
    }
    Licenses(vec![LicenseChoice::Expression(SpdxExpression::new(
        &expr.to_string(),
    ))])
}

/// `evidence.licenses` for several expressions: single SPDX ids as a list of `license.id`, or one
/// `expression` joining them with `AND` when any is compound (CycloneDX 1.5 does not allow both
/// forms in one list).
fn evidence_licenses(exprs: &[LicenseExpr]) -> Option<Licenses> {
    if exprs.is_empty() {
        return None;
    }
    let exprs: Vec<LicenseExpr> = exprs.iter().map(crate::spdx::spdx_expression).collect();
    let simple: Option<Vec<LicenseChoice>> = exprs
        .iter()
        .map(|e| match e {
            LicenseExpr::Term(t) if !t.or_later && t.exception.is_none() && !t.is_license_ref() => {
                Some(LicenseChoice::License(License::license_id(&t.license)))
            }
            _ => None,
        })
        .collect();
    Some(match simple {
        Some(list) => Licenses(list),
        None => Licenses(vec![LicenseChoice::Expression(SpdxExpression::new(
            &LicenseExpr::and(exprs).to_string(),
        ))]),
    })
}

fn scope_of(s: Option<Scope>) -> Option<CdxScope> {
    s.map(|s| match s {
        Scope::Runtime => CdxScope::Required,
        Scope::Optional => CdxScope::Optional,
        Scope::Dev | Scope::Test | Scope::Build => CdxScope::Excluded,
    })
}

fn cdx_component(c: &Component, classification: Classification, texts: &Texts) -> CdxComponent {
    let mut out = CdxComponent::new(
        classification,
        &c.name,
        c.version.as_deref().unwrap_or(""),
        Some(c.purl.clone()),
    );
    if c.version.is_none() {
        out.version = None;
    }
    out.purl = c.purl.parse::<Purl>().ok();
    out.scope = scope_of(c.scope);
    out.licenses = c
        .concluded
        .expression
        .as_ref()
        .map(|e| licenses_of(e, texts));
    out.supplier = crate::supplier_of(c).map(|s| OrganizationalEntity {
        bom_ref: None,
        name: Some(NormalizedString::new(&s)),
        url: None,
        contact: None,
    });
    if !c.authors.is_empty() {
        out.author = Some(NormalizedString::new(&c.authors.join(", ")));
    }
    if !c.hashes.is_empty() {
        out.hashes = Some(Hashes(
            c.hashes
                .iter()
                .map(|h| Hash {
                    alg: match h.algorithm {
                        HashAlgorithm::Md5 => CdxHashAlgorithm::MD5,
                        HashAlgorithm::Sha1 => CdxHashAlgorithm::SHA1,
                        HashAlgorithm::Sha256 => CdxHashAlgorithm::SHA_256,
                        HashAlgorithm::Sha384 => CdxHashAlgorithm::SHA_384,
                        HashAlgorithm::Sha512 => CdxHashAlgorithm::SHA_512,
                    },
                    content: HashValue(h.value.clone()),
                })
                .collect(),
        ));
    }

    let mut detected: Vec<LicenseExpr> = Vec::new();
    for f in &c.detected {
        if !detected.iter().any(|e| e.sorted() == f.expression.sorted()) {
            detected.push(f.expression.clone());
        }
    }
    // Where it is (its directories, else its manifests) and the files its licenses were found in.
    let mut locations: BTreeSet<&str> = c.roots.iter().map(String::as_str).collect();
    if locations.is_empty() {
        locations.extend(c.sources.iter().map(|s| s.path.as_str()));
    }
    locations.extend(c.detected.iter().map(|f| f.evidence.path.as_str()));
    let occurrences: Vec<Occurrence> = locations
        .into_iter()
        .map(|l| Occurrence::new(if l.is_empty() { "." } else { l }))
        .collect();
    if !c.copyrights.is_empty() {
        // A normalised string holds no line breaks: statements are separated by "; ".
        out.copyright = Some(NormalizedString::new(&c.copyrights.join("; ")));
    }
    out.evidence = Some(ComponentEvidence {
        licenses: evidence_licenses(&detected),
        copyright: (!c.copyrights.is_empty())
            .then(|| CopyrightTexts(c.copyrights.iter().map(|s| Copyright(s.clone())).collect())),
        occurrences: Some(Occurrences(occurrences)),
        callstack: None,
        identity: None,
    });

    let props = crate::properties(c)
        .into_iter()
        .map(|(k, v)| Property::new(k, &v))
        .collect();
    out.properties = Some(Properties(props));
    out
}

/// Writes the inventory as a CycloneDX 1.5 JSON document.
pub fn cyclonedx_json(inv: &Inventory, opts: &SbomOptions) -> Result<Vec<u8>, SbomError> {
    let bom = bom(inv, opts)?;
    write_json(bom)
}

/// Writes the inventory as a CycloneDX 1.5 XML document.
pub fn cyclonedx_xml(inv: &Inventory, opts: &SbomOptions) -> Result<Vec<u8>, SbomError> {
    let bom = bom(inv, opts)?;
    let mut out = Vec::new();
    bom.output_as_xml_v1_5(&mut out)
        .map_err(|e| SbomError::Write(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

/// The document, its serial number derived from its content.
fn bom(inv: &Inventory, opts: &SbomOptions) -> Result<Bom, SbomError> {
    let root_pkg = crate::product_package(inv);
    let texts = Texts::new(inv, opts.license_text);
    let root_ref = root_pkg.map_or_else(|| ROOT_REF.to_string(), |c| c.purl.clone());
    let root = match root_pkg {
        Some(c) => cdx_component(c, Classification::Application, &texts),
        None => {
            let mut r = CdxComponent::new(
                Classification::Application,
                &inv.root_name,
                "",
                Some(ROOT_REF.to_string()),
            );
            r.version = None;
            r
        }
    };

    let others: Vec<&Component> = inv
        .components
        .iter()
        .filter(|c| c.purl != root_ref)
        .collect();
    let known: BTreeSet<&str> = inv.components.iter().map(|c| c.purl.as_str()).collect();
    let components: Vec<CdxComponent> = others
        .iter()
        .map(|c| cdx_component(c, Classification::Library, &texts))
        .collect();

    // Dependency graph from lockfiles; the root depends on the first-party packages and on what
    // its own lockfile entry names.
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in &inv.components {
        let entry = deps.entry(c.purl.clone()).or_default();
        entry.extend(
            c.dependencies
                .iter()
                .filter(|d| known.contains(d.as_str()))
                .cloned(),
        );
    }
    if root_pkg.is_none() {
        let firsts: BTreeSet<String> = inv
            .components
            .iter()
            .filter(|c| c.origin == Origin::FirstParty)
            .map(|c| c.purl.clone())
            .collect();
        deps.insert(ROOT_REF.to_string(), firsts);
    }
    let dependencies = Dependencies(
        deps.into_iter()
            .map(|(r, d)| Dependency {
                dependency_ref: r,
                dependencies: d.into_iter().collect(),
            })
            .collect(),
    );

    let mut tool = CdxComponent::new(
        Classification::Application,
        "clearance",
        &opts.tool_version,
        None,
    );
    tool.description = Some(NormalizedString::new("SBOM license-compliance scanner"));
    let metadata = Metadata {
        timestamp: match &opts.timestamp {
            Some(t) => Some(t.clone().try_into().map_err(
                |e: cyclonedx_bom::external_models::date_time::DateTimeError| {
                    SbomError::Timestamp(e.to_string())
                },
            )?),
            None => None,
        },
        tools: Some(Tools::Object {
            services: None,
            components: Some(Components(vec![tool])),
        }),
        authors: None,
        component: Some(root),
        manufacture: None,
        supplier: None,
        licenses: None,
        properties: None,
        lifecycles: None,
    };
    let mut bom = Bom {
        version: 1,
        serial_number: None,
        metadata: Some(metadata),
        components: Some(Components(components)),
        services: None,
        external_references: None,
        dependencies: Some(dependencies),
        compositions: None,
        properties: None,
        vulnerabilities: None,
        signature: None,
        annotations: None,
        formulation: None,
        spec_version: SpecVersion::V1_5,
    };
    let unserialised = write_json(bom.clone())?;
    bom.serial_number = Some(
        UrnUuid::new(content_uuid(&unserialised))
            .map_err(|e| SbomError::Write(format!("{e:?}")))?,
    );
    Ok(bom)
}

fn write_json(bom: Bom) -> Result<Vec<u8>, SbomError> {
    let mut out = Vec::new();
    bom.output_as_json_v1_5(&mut out)
        .map_err(|e| SbomError::Write(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::{Concluded, ConclusionReason, Ecosystem, WalkStats};

    fn inventory() -> Inventory {
        let mut app = Component::new(
            Ecosystem::Npm,
            "app",
            Some("1.0.0".into()),
            "pkg:npm/app@1.0.0".into(),
        );
        app.origin = Origin::FirstParty;
        app.roots.push(String::new());
        app.dependencies.push("pkg:npm/a@2.0.0".into());
        let mut a = Component::new(
            Ecosystem::Npm,
            "a",
            Some("2.0.0".into()),
            "pkg:npm/a@2.0.0".into(),
        );
        a.scope = Some(Scope::Runtime);
        a.roots.push("node_modules/a".into());
        a.concluded = Concluded {
            expression: Some(LicenseExpr::parse("MIT OR Apache-2.0").unwrap()),
            reason: ConclusionReason::DeclaredOnly,
            explanation: String::new(),
            modified: None,
        };
        let mut b = Component::new(
            Ecosystem::Npm,
            "b",
            Some("1.0.0".into()),
            "pkg:npm/b@1.0.0".into(),
        );
        b.scope = Some(Scope::Dev);
        b.concluded.expression = Some(LicenseExpr::parse("ISC").unwrap());
        Inventory {
            root_name: "app".into(),
            components: vec![a, app, b],
            files: vec![],
            foreign: vec![],
            problems: vec![],
            stats: WalkStats::default(),
        }
    }

    fn json(inv: &Inventory, ts: Option<&str>) -> serde_json::Value {
        let bytes = cyclonedx_json(
            inv,
            &SbomOptions {
                timestamp: ts.map(str::to_string),
                tool_version: "0.1.0".into(),
                ..Default::default()
            },
        )
        .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn structure() {
        let v = json(&inventory(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(v["specVersion"], "1.5");
        assert_eq!(v["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
        assert_eq!(v["metadata"]["component"]["bom-ref"], "pkg:npm/app@1.0.0");
        let comps = v["components"].as_array().unwrap();
        assert_eq!(comps.len(), 2);
        assert_eq!(comps[0]["purl"], "pkg:npm/a@2.0.0");
        assert_eq!(comps[0]["licenses"][0]["expression"], "MIT OR Apache-2.0");
        assert_eq!(comps[0]["scope"], "required");
        assert_eq!(comps[1]["licenses"][0]["license"]["id"], "ISC");
        assert_eq!(comps[1]["scope"], "excluded");
        let deps = v["dependencies"].as_array().unwrap();
        let app = deps
            .iter()
            .find(|d| d["ref"] == "pkg:npm/app@1.0.0")
            .unwrap();
        assert_eq!(app["dependsOn"][0], "pkg:npm/a@2.0.0");
        assert!(v["serialNumber"].as_str().unwrap().starts_with("urn:uuid:"));
    }

    #[test]
    fn deterministic_and_content_addressed() {
        let a = cyclonedx_json(&inventory(), &SbomOptions::default()).unwrap();
        let b = cyclonedx_json(&inventory(), &SbomOptions::default()).unwrap();
        assert_eq!(a, b);
        let mut other = inventory();
        other.components[0].version = Some("2.0.1".into());
        let c = cyclonedx_json(&other, &SbomOptions::default()).unwrap();
        let serial = |b: &[u8]| {
            serde_json::from_slice::<serde_json::Value>(b).unwrap()["serialNumber"].clone()
        };
        assert_ne!(serial(&a), serial(&c));
        assert!(
            json(&inventory(), None)["metadata"]
                .get("timestamp")
                .is_none()
        );
    }

    #[test]
    fn supplier_hashes_properties_and_license_refs() {
        let mut inv = inventory();
        let a = inv.components.iter_mut().find(|c| c.name == "a").unwrap();
        a.authors = vec!["Jane Doe <jane@example.org>".into()];
        a.hashes.push(
            clearance_model::Checksum::from_hex(
                HashAlgorithm::Sha1,
                "a9993e364706816aba3e25717850c26c9cd0d89d",
            )
            .unwrap(),
        );
        a.direct = Some(true);
        let b = inv.components.iter_mut().find(|c| c.name == "b").unwrap();
        b.supplier = Some("Example Corp".into());
        b.concluded.expression = Some(LicenseExpr::parse("LicenseRef-acme-eula").unwrap());
        let finding: clearance_model::LicenseFinding = serde_json::from_value(serde_json::json!({
            "expression": "LicenseRef-acme-eula",
            "evidence": {"path": "node_modules/b/EULA", "lines": {"start": 1, "end": 3},
                         "confidence": 1.0, "tier": "license-text"}
        }))
        .unwrap();
        inv.files.push(
            serde_json::from_value(serde_json::json!({
                "path": "node_modules/b/EULA", "size": 10, "sha256": "", "kind": "text",
                "license_file": true, "findings": [finding]
            }))
            .unwrap(),
        );
        let v = json(&inv, None);
        let comps = v["components"].as_array().unwrap();
        let (a, b) = (&comps[0], &comps[1]);
        // Without a supplier, the authors supply the package.
        assert_eq!(a["supplier"]["name"], "Jane Doe <jane@example.org>");
        assert_eq!(a["author"], "Jane Doe <jane@example.org>");
        assert_eq!(a["hashes"][0]["alg"], "SHA-1");
        let props: Vec<(String, String)> = a["properties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().into(),
                    p["value"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert!(props.contains(&("clearance:scope".into(), "runtime".into())));
        assert!(props.contains(&("clearance:direct".into(), "true".into())));
        assert!(props.contains(&("clearance:root".into(), "node_modules/a".into())));
        assert_eq!(b["supplier"]["name"], "Example Corp");
        // A license outside the SPDX list keeps its id as the name; its text was not kept by the
        // scan, so the text says where it was found.
        assert_eq!(b["licenses"][0]["license"]["name"], "LicenseRef-acme-eula");
        assert!(
            b["licenses"][0]["license"]["text"]["content"]
                .as_str()
                .unwrap()
                .contains("found in node_modules/b/EULA at lines 1-3")
        );
        // SPDX texts are embedded only when asked.
        assert!(a["licenses"][0].get("license").is_none());
        let with_text = cyclonedx_json(
            &{
                let mut i = inv.clone();
                i.components[0].concluded.expression = Some(LicenseExpr::parse("MIT").unwrap());
                i
            },
            &SbomOptions {
                license_text: true,
                ..Default::default()
            },
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&with_text).unwrap();
        assert!(
            v["components"][0]["licenses"][0]["license"]["text"]["content"]
                .as_str()
                .unwrap()
                .contains("Permission is hereby granted")
        );
    }

    #[test]
    fn xml() {
        let xml = cyclonedx_xml(&inventory(), &SbomOptions::default()).unwrap();
        let text = String::from_utf8(xml).unwrap();
        assert!(text.contains("xmlns=\"http://cyclonedx.org/schema/bom/1.5\""));
        assert!(text.contains("<purl>pkg:npm/a@2.0.0</purl>"));
        let again = Bom::parse_from_xml_v1_5(text.as_bytes()).unwrap();
        assert_eq!(again.components.unwrap().0.len(), 2);
    }

    #[test]
    fn root_without_package() {
        let mut inv = inventory();
        inv.components.retain(|c| c.name != "app");
        let v = json(&inv, None);
        assert_eq!(v["metadata"]["component"]["bom-ref"], ROOT_REF);
        assert_eq!(v["metadata"]["component"]["name"], "app");
    }
}
