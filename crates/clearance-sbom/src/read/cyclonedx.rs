//! CycloneDX documents: 1.3, 1.4 and 1.5 in JSON and XML through the `cyclonedx-bom` model, and
//! 1.6 JSON read as 1.5 once the fields 1.5 does not know are mapped or dropped
//! ([`downgrade_1_6`]).

use clearance_model::Scope;
use cyclonedx_bom::errors::{JsonReadError, XmlReadError};
use cyclonedx_bom::models::bom::Bom;
use cyclonedx_bom::models::component::{Component as CdxComponent, Scope as CdxScope};
use cyclonedx_bom::models::license::{LicenseChoice, LicenseIdentifier, Licenses};
use serde_json::Value;

use super::{Doc, DocFormat, LicenseItem, Raw, ReadError, locate_packages};
use crate::ROOT_REF;

/// Joins the `authors` of a 1.6 component in the `author` field 1.5 reads, so that they can be
/// told apart again (a line break cannot be in a name).
const AUTHORS_1_6: &str = "\n";

/// The CycloneDX versions read.
const VERSIONS: &str = "1.3, 1.4, 1.5 and 1.6 (JSON), 1.3, 1.4 and 1.5 (XML)";

pub(super) fn read_json(label: &str, text: &str, value: Value) -> Result<Doc, ReadError> {
    let version = match value.get("specVersion") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(ReadError::new(
                label,
                format!("CycloneDX `specVersion` must be a string, not `{other}`"),
            )
            .at_key(text, "specVersion"));
        }
        None => {
            return Err(ReadError::new(
                label,
                "CycloneDX document without `specVersion`",
            ));
        }
    };
    let json_error = |e: JsonReadError| match e {
        JsonReadError::JsonElementReadError { error } => {
            ReadError::json(label, "invalid CycloneDX document", &error)
        }
        other => ReadError::new(
            label,
            format!(
                "invalid CycloneDX document: {}",
                lower_first(&other.to_string())
            ),
        ),
    };
    let bom = match version.as_str() {
        "1.3" => Bom::parse_from_json_v1_3(text.as_bytes()).map_err(json_error)?,
        "1.4" => Bom::parse_from_json_v1_4(text.as_bytes()).map_err(json_error)?,
        "1.5" => Bom::parse_from_json_v1_5(text.as_bytes()).map_err(json_error)?,
        "1.6" => {
            let mut value = value;
            downgrade_1_6(&mut value);
            match Bom::parse_json_value(value) {
                Ok(bom) => bom,
                // Locate the error in the document as written when reading it as 1.5 fails at
                // the same place; else report it without a location.
                Err(e) => match Bom::parse_from_json_v1_5(as_1_5(text).as_bytes()) {
                    Err(JsonReadError::JsonElementReadError { error }) => {
                        return Err(ReadError::json(label, "invalid CycloneDX document", &error));
                    }
                    _ => return Err(json_error(e)),
                },
            }
        }
        other => {
            return Err(ReadError::new(
                label,
                format!("unsupported CycloneDX version `{other}`; {VERSIONS} are read"),
            )
            .at_key(text, "specVersion"));
        }
    };
    let mut doc = map_bom(bom, DocFormat::CycloneDxJson, &version);
    locate_packages(&mut doc, text, |r| {
        let literal = serde_json::to_string(r).unwrap_or_default();
        vec![
            format!("\"bom-ref\": {literal}"),
            format!("\"bom-ref\":{literal}"),
        ]
    });
    Ok(doc)
}

/// The text of a 1.6 document with its `specVersion` written `"1.5"`, every position unchanged.
fn as_1_5(text: &str) -> String {
    let Some(key) = text.find("\"specVersion\"") else {
        return text.to_string();
    };
    match text[key..].find("\"1.6\"") {
        Some(at) => {
            let at = key + at;
            format!("{}\"1.5\"{}", &text[..at], &text[at + 5..])
        }
        None => text.to_string(),
    }
}

/// Makes a CycloneDX 1.6 JSON document readable as 1.5: `specVersion` becomes `1.5`; a
/// component's `authors` (1.6, a list of contacts) becomes the `author` string (names joined with
/// a line break, told apart again when read) when it has none; `licenses` entries acknowledged as
/// declared become `clearance:license:declared` properties, the concluded ones stay; a
/// `cryptographic-asset` component (1.6) is dropped; what 1.5 reads with another shape or clearance does not read is
/// dropped: `evidence.identity` (a list in 1.6), `pedigree`, `modelCard`, `data`,
/// `cryptoProperties`, `omniborId`, `swhid`, `tags`, `manufacturer`, the document's
/// `vulnerabilities`, `services`, `formulation`, `annotations`, `compositions`, `declarations`,
/// `definitions`, `signature`, and the metadata's `manufacturer` and tool `services`.
pub(crate) fn downgrade_1_6(doc: &mut Value) {
    let Some(obj) = doc.as_object_mut() else {
        return;
    };
    obj.insert("specVersion".into(), Value::String("1.5".into()));
    for key in [
        "vulnerabilities",
        "services",
        "formulation",
        "annotations",
        "compositions",
        "declarations",
        "definitions",
        "signature",
    ] {
        obj.remove(key);
    }
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.remove("manufacturer");
        if let Some(c) = meta.get_mut("component") {
            downgrade_component(c);
        }
        if let Some(tools) = meta.get_mut("tools").and_then(Value::as_object_mut) {
            tools.remove("services");
            if let Some(Value::Array(list)) = tools.get_mut("components") {
                list.iter_mut().for_each(downgrade_component);
            }
        }
    }
    if let Some(Value::Array(list)) = obj.get_mut("components") {
        downgrade_components(list);
    }
}

fn downgrade_components(list: &mut Vec<Value>) {
    list.retain(|c| c.get("type").and_then(Value::as_str) != Some("cryptographic-asset"));
    list.iter_mut().for_each(downgrade_component);
}

/// Marks a component whose 1.6 `licenses` said which are declared and which concluded: its
/// remaining `licenses` are the concluded ones only.
const ACKNOWLEDGED: &str = "clearance:read:acknowledged";

/// 1.6 `licenses` entries with `acknowledgement: declared` become `clearance:license:declared`
/// properties (their text as written); the concluded ones stay in `licenses`.
fn split_acknowledged(obj: &mut serde_json::Map<String, Value>) {
    let Some(Value::Array(licenses)) = obj.get_mut("licenses") else {
        return;
    };
    let acknowledged = |l: &Value| {
        l.get("acknowledgement")
            .or_else(|| l.get("license").and_then(|x| x.get("acknowledgement")))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    if !licenses.iter().any(|l| acknowledged(l).is_some()) {
        return;
    }
    let mut declared: Vec<String> = Vec::new();
    licenses.retain(|l| {
        if acknowledged(l).as_deref() != Some("declared") {
            return true;
        }
        let text = l
            .get("expression")
            .or_else(|| l.get("license").and_then(|x| x.get("id")))
            .or_else(|| l.get("license").and_then(|x| x.get("name")))
            .and_then(Value::as_str);
        declared.extend(text.map(str::to_string));
        false
    });
    if licenses.is_empty() {
        obj.remove("licenses");
    }
    let mut props: Vec<Value> = declared
        .into_iter()
        .map(|d| serde_json::json!({"name": "clearance:license:declared", "value": d}))
        .collect();
    props.push(serde_json::json!({"name": ACKNOWLEDGED, "value": "true"}));
    match obj.get_mut("properties") {
        Some(Value::Array(existing)) => existing.extend(props),
        _ => {
            obj.insert("properties".into(), Value::Array(props));
        }
    }
}

fn downgrade_component(c: &mut Value) {
    let Some(obj) = c.as_object_mut() else {
        return;
    };
    split_acknowledged(obj);
    if let Some(Value::Array(authors)) = obj.remove("authors")
        && !obj.contains_key("author")
    {
        let names: Vec<String> = authors
            .iter()
            .filter_map(|a| {
                let name = a.get("name").and_then(Value::as_str).map(str::trim);
                let email = a.get("email").and_then(Value::as_str).map(str::trim);
                match (
                    name.filter(|n| !n.is_empty()),
                    email.filter(|e| !e.is_empty()),
                ) {
                    (Some(n), Some(e)) => Some(format!("{n} <{e}>")),
                    (Some(n), None) => Some(n.to_string()),
                    (None, Some(e)) => Some(e.to_string()),
                    (None, None) => None,
                }
            })
            .collect();
        if !names.is_empty() {
            obj.insert("author".into(), Value::String(names.join(AUTHORS_1_6)));
        }
    }
    for key in [
        "pedigree",
        "modelCard",
        "data",
        "cryptoProperties",
        "omniborId",
        "swhid",
        "tags",
        "manufacturer",
    ] {
        obj.remove(key);
    }
    if let Some(evidence) = obj.get_mut("evidence").and_then(Value::as_object_mut)
        && evidence.get("identity").is_some_and(Value::is_array)
    {
        evidence.remove("identity");
    }
    if let Some(Value::Array(list)) = obj.get_mut("components") {
        downgrade_components(list);
    }
}

pub(super) fn read_xml(label: &str, text: &str) -> Result<Doc, ReadError> {
    let xml = roxmltree::Document::parse(text).map_err(|e| {
        let pos = e.pos();
        let message = e.to_string();
        let message = message
            .strip_suffix(&format!(" at {}:{}", pos.row, pos.col))
            .unwrap_or(&message);
        ReadError::new(label, format!("invalid XML: {message}"))
            .at(pos.row as usize, pos.col as usize)
    })?;
    let root = xml.root_element();
    let ns = root.tag_name().namespace().unwrap_or("");
    if root.tag_name().name() != "bom" || !ns.starts_with("http://cyclonedx.org/schema/bom/") {
        let what = if root.tag_name().name() == "RDF" {
            "SPDX RDF/XML is not read; SPDX JSON and tag-value are".to_string()
        } else {
            format!(
                "not a CycloneDX or SPDX document: the XML root element is `{}`",
                root.tag_name().name()
            )
        };
        let pos = xml.text_pos_at(root.range().start);
        return Err(ReadError::new(label, what).at(pos.row as usize, pos.col as usize));
    }
    let version = ns.trim_start_matches("http://cyclonedx.org/schema/bom/");
    let parsed = match version {
        "1.3" => Bom::parse_from_xml_v1_3(text.as_bytes()),
        "1.4" => Bom::parse_from_xml_v1_4(text.as_bytes()),
        "1.5" => Bom::parse_from_xml_v1_5(text.as_bytes()),
        other => {
            let pos = xml.text_pos_at(root.range().start);
            return Err(ReadError::new(
                label,
                format!("unsupported CycloneDX version `{other}`; {VERSIONS} are read"),
            )
            .at(pos.row as usize, pos.col as usize));
        }
    };
    let bom = parsed.map_err(|e| xml_error(label, &xml, &e))?;
    let mut doc = map_bom(bom, DocFormat::CycloneDxXml, version);
    locate_packages(&mut doc, text, |r| {
        vec![format!("bom-ref=\"{r}\""), format!("bom-ref='{r}'")]
    });
    Ok(doc)
}

/// A `cyclonedx-bom` XML error at the element it names (the first one of that name, with the
/// value when it names one).
fn xml_error(label: &str, xml: &roxmltree::Document<'_>, e: &XmlReadError) -> ReadError {
    let err = ReadError::new(
        label,
        format!(
            "invalid CycloneDX document: {}",
            lower_first(&e.to_string())
        ),
    );
    let named = |name: &String| {
        let name = name.clone();
        xml.descendants()
            .filter(move |n| n.is_element() && n.tag_name().name() == name)
    };
    let node = match e {
        XmlReadError::UnexpectedElementReadError { element, .. } => named(element).next(),
        // The first such element without the field.
        XmlReadError::RequiredDataMissing {
            element,
            required_field,
        } => named(element).find(|n| {
            n.attribute(required_field.as_str()).is_none()
                && !n
                    .children()
                    .any(|c| c.is_element() && c.tag_name().name() == required_field)
        }),
        XmlReadError::RequiredAttributeMissing { element, attribute } => {
            named(element).find(|n| n.attribute(attribute.as_str()).is_none())
        }
        // The first such element with the value.
        XmlReadError::InvalidParseError { element, value, .. } => named(element).find(|n| {
            n.text().is_some_and(|t| t.trim() == value)
                || n.attributes().any(|a| a.value().trim() == value)
        }),
        _ => None,
    };
    match node {
        Some(n) => {
            let pos = xml.text_pos_at(n.range().start);
            err.at(pos.row as usize, pos.col as usize)
        }
        None => err,
    }
}

/// The message of another crate with a lower-case first letter, as clearance writes messages.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn map_bom(bom: Bom, format: DocFormat, version: &str) -> Doc {
    let mut doc = Doc::new(format, version);
    if let Some(meta) = bom.metadata
        && let Some(product) = meta.component
    {
        doc.name = product.name.to_string();
        let is_placeholder = product.bom_ref.as_deref() == Some(ROOT_REF) && product.purl.is_none();
        if is_placeholder {
            doc.placeholder_root = Some(ROOT_REF.to_string());
        } else {
            let mut nested = Vec::new();
            doc.root = Some(raw(&product, &mut doc.license_texts, &mut nested));
            doc.components.extend(nested);
        }
    }
    for c in bom.components.map(|c| c.0).unwrap_or_default() {
        let mut nested = Vec::new();
        let r = raw(&c, &mut doc.license_texts, &mut nested);
        doc.components.push(r);
        doc.components.extend(nested);
    }
    for d in bom.dependencies.map(|d| d.0).unwrap_or_default() {
        for to in d.dependencies {
            doc.edges.push((d.dependency_ref.clone(), to));
        }
    }
    doc
}

/// A package of the document; its nested `components` are added to `nested`.
fn raw(
    c: &CdxComponent,
    texts: &mut std::collections::BTreeMap<String, String>,
    nested: &mut Vec<Raw>,
) -> Raw {
    let mut r = Raw {
        reference: c.bom_ref.clone(),
        name: c.name.to_string(),
        group: c.group.as_ref().map(ToString::to_string),
        version: c.version.as_ref().map(ToString::to_string),
        purl: c.purl.as_ref().map(ToString::to_string),
        supplier: c
            .supplier
            .as_ref()
            .and_then(|s| s.name.as_ref())
            .map(ToString::to_string),
        ..Raw::default()
    };
    for h in c.hashes.iter().flat_map(|h| h.0.iter()) {
        r.hashes.push((h.alg.to_string(), h.content.0.clone()));
    }
    let acknowledged = c
        .properties
        .iter()
        .flat_map(|p| p.0.iter())
        .any(|p| p.name == ACKNOWLEDGED);
    if let Some(licenses) = &c.licenses {
        let items = license_items(licenses, texts);
        if !acknowledged {
            r.declared = items.clone();
        }
        r.concluded = items;
    }
    match c.evidence.as_ref().and_then(|e| e.copyright.as_ref()) {
        Some(list) if !list.0.is_empty() => {
            r.copyrights = list.0.iter().map(|c| c.0.clone()).collect();
        }
        _ => r
            .copyrights
            .extend(c.copyright.as_ref().map(ToString::to_string)),
    }
    r.scope = c.scope.as_ref().and_then(|s| match s {
        CdxScope::Required => Some(Scope::Runtime),
        CdxScope::Optional => Some(Scope::Optional),
        // Not part of the runtime; which of dev, test or build is not said.
        CdxScope::Excluded => Some(Scope::Dev),
        _ => None,
    });
    if let Some(occ) = c.evidence.as_ref().and_then(|e| e.occurrences.as_ref()) {
        r.occurrences = occ.0.iter().map(|o| o.location.clone()).collect();
    }
    for p in c.properties.iter().flat_map(|p| p.0.iter()) {
        if p.name.starts_with("clearance:") && p.name != ACKNOWLEDGED {
            r.props.push((p.name.clone(), p.value.to_string()));
        }
    }
    if let Some(author) = c.author.as_ref().map(ToString::to_string) {
        r.authors = if r.by_clearance() {
            // clearance joins several authors with ", ".
            super::split_authors(&author)
        } else {
            author.split(AUTHORS_1_6).map(str::to_string).collect()
        };
    }
    for child in c.components.iter().flat_map(|c| c.0.iter()) {
        let mut deeper = Vec::new();
        let child_raw = raw(child, texts, &mut deeper);
        nested.push(child_raw);
        nested.extend(deeper);
    }
    r
}

fn license_items(
    licenses: &Licenses,
    texts: &mut std::collections::BTreeMap<String, String>,
) -> Vec<LicenseItem> {
    let mut items = Vec::new();
    for choice in &licenses.0 {
        match choice {
            LicenseChoice::Expression(e) => items.push(LicenseItem::Expression(e.to_string())),
            LicenseChoice::License(l) => {
                let item = match &l.license_identifier {
                    LicenseIdentifier::SpdxId(id) => LicenseItem::Id(id.to_string()),
                    LicenseIdentifier::Name(name) => LicenseItem::Name(name.to_string()),
                };
                if let (LicenseItem::Name(name), Some(text)) = (&item, &l.text)
                    && name.starts_with("LicenseRef-")
                    && text.encoding.is_none()
                    && !text.content.trim().is_empty()
                {
                    texts
                        .entry(name.clone())
                        .or_insert_with(|| text.content.trim_end().to_string());
                }
                items.push(item);
            }
        }
    }
    items
}
