//! CycloneDX 1.5 JSON and XML through the `cyclonedx-bom` model.
//!
//! Mapping: the scanned root is `metadata.component` (the product's own root package when there
//! is one); every other component carries its purl (also its `bom-ref`), version, concluded
//! license (`licenses`), the licenses found in its files (`evidence.licenses`), where it was found
//! (`evidence.occurrences`), its scope (runtime → `required`, optional → `optional`, dev and build
//! → `excluded`) and `clearance:*` properties (declared license, conclusion reason, origin,
//! sources). Lockfile dependency edges become `dependencies`.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{Component, Inventory, LicenseExpr, Origin, Scope};
use cyclonedx_bom::external_models::normalized_string::NormalizedString;
use cyclonedx_bom::external_models::spdx::SpdxExpression;
use cyclonedx_bom::external_models::uri::Purl;
use cyclonedx_bom::models::bom::{Bom, UrnUuid};
use cyclonedx_bom::models::component::{
    Classification, Component as CdxComponent, ComponentEvidence, Components, Copyright,
    CopyrightTexts, Occurrence, Occurrences, Scope as CdxScope,
};
use cyclonedx_bom::models::dependency::{Dependencies, Dependency};
use cyclonedx_bom::models::license::{License, LicenseChoice, Licenses};
use cyclonedx_bom::models::metadata::Metadata;
use cyclonedx_bom::models::property::{Properties, Property};
use cyclonedx_bom::models::tool::Tools;
use cyclonedx_bom::prelude::SpecVersion;

use crate::{ROOT_REF, SbomError, SbomOptions, content_uuid};

/// `licenses` for an expression: a single SPDX id as `license.id`, anything else as `expression`.
fn licenses_of(expr: &LicenseExpr) -> Licenses {
    if let LicenseExpr::Term(t) = expr
        && !t.or_later
        && t.exception.is_none()
        && !t.is_license_ref()
    {
        return Licenses(vec![LicenseChoice::License(License::license_id(
            &t.license,
        ))]);
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
        None => licenses_of(&LicenseExpr::and(exprs.to_vec())),
    })
}

fn scope_of(s: Option<Scope>) -> Option<CdxScope> {
    s.map(|s| match s {
        Scope::Runtime => CdxScope::Required,
        Scope::Optional => CdxScope::Optional,
        Scope::Dev | Scope::Test | Scope::Build => CdxScope::Excluded,
    })
}

fn cdx_component(c: &Component, classification: Classification) -> CdxComponent {
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
    out.licenses = c.concluded.expression.as_ref().map(licenses_of);

    let mut detected: Vec<LicenseExpr> = Vec::new();
    for f in &c.detected {
        if !detected.iter().any(|e| e.sorted() == f.expression.sorted()) {
            detected.push(f.expression.clone());
        }
    }
    let mut locations: BTreeSet<&str> = c.roots.iter().map(String::as_str).collect();
    if locations.is_empty() {
        locations.extend(c.sources.iter().map(|s| s.path.as_str()));
    }
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

    let mut props = Vec::new();
    if let Some(d) = c
        .declared
        .iter()
        .find(|d| d.expression.is_some())
        .or(c.declared.first())
    {
        props.push(Property::new("clearance:license:declared", &d.raw));
    }
    props.push(Property::new(
        "clearance:license:concluded-reason",
        match c.concluded.reason {
            clearance_model::ConclusionReason::Agree => "agree",
            clearance_model::ConclusionReason::DeclaredOnly => "declared-only",
            clearance_model::ConclusionReason::DetectedOnly => "detected-only",
            clearance_model::ConclusionReason::Conflict => "conflict",
            clearance_model::ConclusionReason::None => "none",
        },
    ));
    props.push(Property::new(
        "clearance:origin",
        match c.origin {
            Origin::FirstParty => "first-party",
            Origin::ThirdParty => "third-party",
        },
    ));
    for s in &c.sources {
        let loc = match s.line {
            Some(l) => format!("{}:{}", s.path, l),
            None => s.path.clone(),
        };
        props.push(Property::new(
            "clearance:source",
            &format!("{} {}", s.cataloger, loc),
        ));
    }
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
    // The product's own root package, when there is one, is the document's subject.
    let root_pkg = inv
        .components
        .iter()
        .find(|c| c.origin == Origin::FirstParty && c.roots.iter().any(String::is_empty));
    let root_ref = root_pkg.map_or_else(|| ROOT_REF.to_string(), |c| c.purl.clone());
    let root = match root_pkg {
        Some(c) => cdx_component(c, Classification::Application),
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
        .map(|c| cdx_component(c, Classification::Library))
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
