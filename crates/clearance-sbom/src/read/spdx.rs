//! SPDX 2.2 and 2.3 documents, JSON and tag-value.
//!
//! Both are read into the same lenient model here rather than through `spdx-rs`: its JSON model
//! rejects any field it does not know (`deny_unknown_fields`) and any license expression
//! `spdx-expression` cannot parse, which fails a whole document on one package, and its
//! tag-value parser panics on input it does not expect (an unknown tag, an unknown checksum
//! algorithm, an expression that does not parse) and reports no line numbers.

use std::collections::BTreeMap;

use clearance_model::Scope;
use serde::Deserialize;
use serde_json::Value;

use super::{Doc, DocFormat, LicenseItem, Raw, ReadError, clearance_annotation, locate_packages};

const VERSIONS: &str = "SPDX 2.2 and 2.3 are read";

/// The `SPDXID` clearance gives the product when the tree is no package: a package without purl
/// by that id stands for the tree, not for a component.
const PRODUCT_PLACEHOLDER: &str = crate::spdx::PRODUCT_ID;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpdxDoc {
    spdx_version: String,
    #[serde(rename = "SPDXID", default)]
    spdx_id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    document_describes: Vec<String>,
    #[serde(default)]
    packages: Vec<Package>,
    #[serde(default)]
    relationships: Vec<Relationship>,
    #[serde(default)]
    has_extracted_licensing_infos: Vec<Extracted>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Package {
    name: String,
    #[serde(rename = "SPDXID")]
    spdx_id: String,
    #[serde(default)]
    version_info: Option<String>,
    #[serde(default)]
    supplier: Option<String>,
    #[serde(default)]
    originator: Option<String>,
    #[serde(default)]
    checksums: Vec<PackageChecksum>,
    #[serde(default)]
    license_concluded: Option<String>,
    #[serde(default)]
    license_declared: Option<String>,
    #[serde(default)]
    copyright_text: Option<String>,
    #[serde(default)]
    external_refs: Vec<ExternalRef>,
    #[serde(default)]
    annotations: Vec<Annotation>,
    /// Line of `PackageName` (tag-value).
    #[serde(skip)]
    line: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PackageChecksum {
    algorithm: String,
    checksum_value: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExternalRef {
    reference_category: String,
    reference_type: String,
    reference_locator: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Annotation {
    #[serde(default)]
    comment: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Relationship {
    spdx_element_id: String,
    relationship_type: String,
    related_spdx_element: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Extracted {
    license_id: String,
    #[serde(default)]
    extracted_text: Option<String>,
}

/// `SPDX-2.2` or `SPDX-2.3` → `2.2`, `2.3`.
fn version(label: &str, v: &str) -> Result<String, ReadError> {
    match v.trim() {
        "SPDX-2.2" | "SPDX-2.3" => Ok(v.trim().trim_start_matches("SPDX-").to_string()),
        other => Err(ReadError::new(
            label,
            format!("unsupported SPDX version `{other}`; {VERSIONS}"),
        )),
    }
}

pub(super) fn read_json(label: &str, text: &str, spdx_version: &Value) -> Result<Doc, ReadError> {
    let v = spdx_version.as_str().ok_or_else(|| {
        ReadError::new(
            label,
            format!("`spdxVersion` must be a string, not `{spdx_version}`"),
        )
        .at_key(text, "spdxVersion")
    })?;
    let version = version(label, v).map_err(|e| e.at_key(text, "spdxVersion"))?;
    let doc: SpdxDoc = serde_json::from_str(text)
        .map_err(|e| ReadError::json(label, "invalid SPDX document", &e))?;
    let mut doc = map_doc(doc, DocFormat::SpdxJson, &version);
    locate_packages(&mut doc, text, |r| {
        let literal = serde_json::to_string(r).unwrap_or_default();
        vec![
            format!("\"SPDXID\": {literal}"),
            format!("\"SPDXID\":{literal}"),
        ]
    });
    Ok(doc)
}

/// `true` when a line of the text starts with `SPDXVersion:`.
pub(super) fn looks_like_tag_value(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .take(50)
        .any(|l| l.starts_with("SPDXVersion:"))
}

/// The `Tag: Value` pairs of a tag-value document with the line each starts on; `<text>…</text>`
/// values may span lines.
fn tag_values(label: &str, text: &str) -> Result<Vec<(String, String, u32)>, ReadError> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((tag, value)) = trimmed.split_once(':') else {
            let col = line.len() - line.trim_start().len() + 1;
            return Err(ReadError::new(
                label,
                format!("invalid SPDX tag-value: expected `Tag: Value`, found `{trimmed}`"),
            )
            .at(i + 1, col));
        };
        let tag = tag.trim();
        if tag.is_empty() || tag.contains(char::is_whitespace) {
            return Err(ReadError::new(
                label,
                format!("invalid SPDX tag-value: expected `Tag: Value`, found `{trimmed}`"),
            )
            .at(i + 1, 1));
        }
        let value = value.trim();
        let value = match value.strip_prefix("<text>") {
            Some(rest) => match rest.find("</text>") {
                Some(end) => rest[..end].to_string(),
                None => {
                    let mut text = rest.to_string();
                    loop {
                        let Some((_, next)) = lines.next() else {
                            return Err(ReadError::new(
                                label,
                                format!("invalid SPDX tag-value: the `<text>` of `{tag}` is not closed by `</text>`"),
                            )
                            .at(i + 1, line.find("<text>").map_or(1, |c| c + 1)));
                        };
                        text.push('\n');
                        match next.find("</text>") {
                            Some(end) => {
                                text.push_str(&next[..end]);
                                break;
                            }
                            None => text.push_str(next),
                        }
                    }
                    text
                }
            },
            None => value.to_string(),
        };
        out.push((tag.to_string(), value, no));
    }
    Ok(out)
}

#[derive(PartialEq)]
enum Section {
    Document,
    Package,
    Other,
    License,
}

pub(super) fn read_tag_value(label: &str, text: &str) -> Result<Doc, ReadError> {
    let pairs = tag_values(label, text)?;
    let mut doc = SpdxDoc::default();
    let mut section = Section::Document;
    let mut version_seen = false;
    // Annotations by target, with the package they follow (for an annotation without SPDXREF).
    let mut annotations: Vec<(Option<String>, Option<usize>, String)> = Vec::new();
    let mut in_annotation = false;
    for (tag, value, line) in pairs {
        let err = |message: String| ReadError::new(label, message).at(line as usize, 1);
        match tag.as_str() {
            "SPDXVersion" if !version_seen => {
                version_seen = true;
                version(label, &value).map_err(|e| err(e.message))?;
                doc.spdx_version = value;
            }
            "DocumentName" => doc.name = Some(value),
            "PackageName" => {
                section = Section::Package;
                in_annotation = false;
                doc.packages.push(Package {
                    name: value,
                    line: Some(line),
                    ..Package::default()
                });
            }
            "FileName" | "SnippetSPDXID" => {
                section = Section::Other;
                in_annotation = false;
            }
            "LicenseID" => {
                section = Section::License;
                in_annotation = false;
                doc.has_extracted_licensing_infos.push(Extracted {
                    license_id: value,
                    extracted_text: None,
                });
            }
            "ExtractedText" if section == Section::License => {
                if let Some(x) = doc.has_extracted_licensing_infos.last_mut() {
                    x.extracted_text = Some(value);
                }
            }
            "Relationship" => {
                let parts: Vec<&str> = value.split_whitespace().collect();
                let [a, ty, b] = parts.as_slice() else {
                    return Err(err(format!(
                        "invalid SPDX tag-value: a relationship is `SPDXID TYPE SPDXID`, not `{value}`"
                    )));
                };
                doc.relationships.push(Relationship {
                    spdx_element_id: (*a).to_string(),
                    relationship_type: (*ty).to_string(),
                    related_spdx_element: (*b).to_string(),
                });
            }
            "Annotator" => {
                in_annotation = true;
                let current =
                    (section == Section::Package).then(|| doc.packages.len().saturating_sub(1));
                annotations.push((None, current, String::new()));
            }
            "SPDXREF" if in_annotation => {
                if let Some(a) = annotations.last_mut() {
                    a.0 = Some(value);
                }
            }
            "AnnotationComment" if in_annotation => {
                if let Some(a) = annotations.last_mut() {
                    a.2 = value;
                }
            }
            "SPDXID" => match section {
                Section::Document => doc.spdx_id = Some(value),
                Section::Package => {
                    if let Some(p) = doc.packages.last_mut() {
                        p.spdx_id = value;
                    }
                }
                _ => {}
            },
            _ if section == Section::Package => {
                let Some(p) = doc.packages.last_mut() else {
                    continue;
                };
                match tag.as_str() {
                    "PackageVersion" => p.version_info = Some(value),
                    "PackageSupplier" => p.supplier = Some(value),
                    "PackageOriginator" => p.originator = Some(value),
                    "PackageChecksum" => {
                        let Some((alg, hex)) = value.split_once(':') else {
                            return Err(err(format!(
                                "invalid SPDX tag-value: a checksum is `ALGORITHM: VALUE`, not `{value}`"
                            )));
                        };
                        p.checksums.push(PackageChecksum {
                            algorithm: alg.trim().to_string(),
                            checksum_value: hex.trim().to_string(),
                        });
                    }
                    "PackageLicenseConcluded" => p.license_concluded = Some(value),
                    "PackageLicenseDeclared" => p.license_declared = Some(value),
                    "PackageCopyrightText" => p.copyright_text = Some(value),
                    "ExternalRef" => {
                        let parts: Vec<&str> = value.split_whitespace().collect();
                        let [category, ty, locator] = parts.as_slice() else {
                            return Err(err(format!(
                                "invalid SPDX tag-value: an external reference is `CATEGORY TYPE LOCATOR`, not `{value}`"
                            )));
                        };
                        p.external_refs.push(ExternalRef {
                            reference_category: (*category).to_string(),
                            reference_type: (*ty).to_string(),
                            reference_locator: (*locator).to_string(),
                        });
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if !version_seen {
        return Err(ReadError::new(
            label,
            "invalid SPDX tag-value: no `SPDXVersion`",
        ));
    }
    if let Some(p) = doc.packages.iter().find(|p| p.spdx_id.is_empty()) {
        return Err(ReadError::new(
            label,
            format!(
                "invalid SPDX tag-value: package `{}` has no `SPDXID`",
                p.name
            ),
        )
        .at(p.line.unwrap_or(1) as usize, 1));
    }
    for (target, current, comment) in annotations {
        let index = match target {
            Some(t) => doc.packages.iter().position(|p| p.spdx_id == t),
            None => current,
        };
        if let Some(p) = index.and_then(|i| doc.packages.get_mut(i)) {
            p.annotations.push(Annotation { comment });
        }
    }
    let version = version(label, &doc.spdx_version)?;
    Ok(map_doc(doc, DocFormat::SpdxTagValue, &version))
}

/// `Person: Jane Doe (jane@example.org)` → `Jane Doe <jane@example.org>`; `Organization: X` →
/// `X`; `NOASSERTION` → nothing.
fn actor(s: &str) -> Option<String> {
    let s = s.trim();
    if is_none(s) {
        return None;
    }
    let s = ["Person:", "Organization:", "Tool:"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s)
        .trim();
    let s = match (s.rfind('('), s.ends_with(')')) {
        (Some(i), true) => {
            let name = s[..i].trim();
            let mail = s[i + 1..s.len() - 1].trim();
            match (name.is_empty(), mail.is_empty()) {
                (_, true) => name.to_string(),
                (true, false) => mail.to_string(),
                (false, false) => format!("{name} <{mail}>"),
            }
        }
        _ => s.to_string(),
    };
    (!s.is_empty()).then_some(s)
}

/// The statements of a `copyrightText`: one per line as clearance writes them; in other tools'
/// documents a line that does not start a statement (`Copyright`, `(c)`, `©`) continues the one
/// before.
fn copyright_statements(text: &str, by_clearance: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let lower = line.to_lowercase();
        let starts =
            lower.starts_with("copyright") || lower.starts_with("(c)") || lower.starts_with('©');
        match out.last_mut() {
            Some(last) if !by_clearance && !starts => {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
    }
    out
}

fn is_none(s: &str) -> bool {
    let s = s.trim();
    s.is_empty() || s == "NOASSERTION" || s == "NONE"
}

/// The scope a `*_DEPENDENCY_OF` relationship gives its subject.
fn dependency_scope(ty: &str) -> Option<Scope> {
    Some(match ty {
        "RUNTIME_DEPENDENCY_OF" => Scope::Runtime,
        "DEV_DEPENDENCY_OF" => Scope::Dev,
        "TEST_DEPENDENCY_OF" => Scope::Test,
        "BUILD_DEPENDENCY_OF" => Scope::Build,
        "OPTIONAL_DEPENDENCY_OF" => Scope::Optional,
        _ => return None,
    })
}

fn map_doc(doc: SpdxDoc, format: DocFormat, version: &str) -> Doc {
    let mut out = Doc::new(format, version);
    let doc_id = doc
        .spdx_id
        .clone()
        .unwrap_or_else(|| "SPDXRef-DOCUMENT".into());
    let ids: Vec<&str> = doc.packages.iter().map(|p| p.spdx_id.as_str()).collect();

    // The product: the one package the document describes.
    let mut described: Vec<&str> = doc.document_describes.iter().map(String::as_str).collect();
    for r in &doc.relationships {
        match r.relationship_type.as_str() {
            "DESCRIBES" if r.spdx_element_id == doc_id => described.push(&r.related_spdx_element),
            "DESCRIBED_BY" if r.related_spdx_element == doc_id => {
                described.push(&r.spdx_element_id)
            }
            _ => {}
        }
    }
    described.retain(|d| ids.contains(d));
    described.sort_unstable();
    described.dedup();
    let product = match described.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    };

    // Edges and scopes.
    let mut scopes: BTreeMap<&str, Scope> = BTreeMap::new();
    for r in &doc.relationships {
        let (a, b) = (r.spdx_element_id.as_str(), r.related_spdx_element.as_str());
        if !ids.contains(&a) || !ids.contains(&b) {
            continue;
        }
        let ty = r.relationship_type.as_str();
        let edge = match ty {
            "DEPENDS_ON" | "CONTAINS" => Some((a, b)),
            "CONTAINED_BY" => Some((b, a)),
            "DEPENDENCY_OF" => Some((b, a)),
            // A scope is a relationship to the product, not an edge of the dependency graph
            // (which `DEPENDS_ON` carries).
            _ => {
                if let Some(s) = dependency_scope(ty) {
                    let e = scopes.entry(a).or_insert(s);
                    if s.shipping_rank() > e.shipping_rank() {
                        *e = s;
                    }
                }
                None
            }
        };
        if let Some((from, to)) = edge {
            out.edges.push((from.to_string(), to.to_string()));
        }
    }

    for x in &doc.has_extracted_licensing_infos {
        if let Some(text) = x.extracted_text.as_deref().filter(|t| !t.trim().is_empty()) {
            out.license_texts
                .entry(x.license_id.clone())
                .or_insert_with(|| text.trim_end().to_string());
        }
    }

    for p in &doc.packages {
        let purl = p
            .external_refs
            .iter()
            .find(|r| {
                matches!(
                    r.reference_category.as_str(),
                    "PACKAGE-MANAGER" | "PACKAGE_MANAGER"
                ) && r.reference_type == "purl"
            })
            .map(|r| r.reference_locator.clone());
        let mut raw = Raw {
            reference: Some(p.spdx_id.clone()),
            name: p.name.clone(),
            version: p.version_info.clone(),
            purl,
            supplier: p.supplier.as_deref().and_then(actor),
            authors: p
                .originator
                .as_deref()
                .and_then(actor)
                .into_iter()
                .collect(),
            hashes: p
                .checksums
                .iter()
                .map(|c| (c.algorithm.clone(), c.checksum_value.clone()))
                .collect(),
            scope: scopes.get(p.spdx_id.as_str()).copied(),
            line: p.line,
            ..Raw::default()
        };
        if let Some(d) = p.license_declared.as_deref().filter(|d| !is_none(d)) {
            raw.declared.push(LicenseItem::Expression(d.to_string()));
        }
        if let Some(d) = p.license_concluded.as_deref().filter(|d| !is_none(d)) {
            raw.concluded.push(LicenseItem::Expression(d.to_string()));
        }
        raw.props = p
            .annotations
            .iter()
            .filter_map(|a| clearance_annotation(&a.comment))
            .collect();
        if let Some(c) = p.copyright_text.as_deref().filter(|c| !is_none(c)) {
            raw.copyrights = copyright_statements(c, raw.by_clearance());
        }
        if raw.by_clearance() {
            // clearance names several authors in one originator, joined with ", ".
            raw.authors = raw
                .authors
                .iter()
                .flat_map(|a| super::split_authors(a))
                .collect();
        }
        if product.as_deref() == Some(p.spdx_id.as_str()) {
            out.name = p.name.clone();
            if p.spdx_id == PRODUCT_PLACEHOLDER && raw.purl.is_none() && raw.props.is_empty() {
                out.placeholder_root = Some(p.spdx_id.clone());
            } else {
                out.root = Some(raw);
            }
        } else {
            out.components.push(raw);
        }
    }
    if out.root.is_none() && out.placeholder_root.is_none() {
        out.name = doc.name.unwrap_or_default();
    }
    out
}
