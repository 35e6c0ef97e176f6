//! Reading supplier SBOMs: CycloneDX 1.3–1.6 and SPDX 2.2–2.3 documents into clearance
//! components.
//!
//! [`read_sbom`] recognises the format from the content (JSON, XML or SPDX tag-value), reads the
//! document and maps each package to a [`Component`] the way `docs/sbom.md` describes: the
//! `clearance:*` properties (CycloneDX) or annotations (SPDX) when clearance wrote the document,
//! and otherwise the format's own fields. A document that cannot be read at all is a
//! [`ReadError`] with the line and column; what cannot be read in an otherwise readable document
//! (a bad purl, a license expression that does not parse) is a [`Problem`] and the component is
//! kept.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use clearance_model::{
    Checksum, Component, Concluded, ConclusionReason, DeclaredLicense, Ecosystem, Evidence,
    HashAlgorithm, LicenseExpr, LicenseFinding, Lines, Origin, Problem, ProblemCode, Scope, Source,
    Tier, declared,
};

mod cyclonedx;
mod spdx;

/// Cataloger name recorded on components read from a CycloneDX document.
pub const CYCLONEDX_CATALOGER: &str = "sbom-cyclonedx";
/// Cataloger name recorded on components read from an SPDX document.
pub const SPDX_CATALOGER: &str = "sbom-spdx";

/// The format of a supplier SBOM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocFormat {
    /// CycloneDX JSON.
    CycloneDxJson,
    /// CycloneDX XML.
    CycloneDxXml,
    /// SPDX JSON.
    SpdxJson,
    /// SPDX tag-value.
    SpdxTagValue,
}

impl DocFormat {
    /// The format's name (`cyclonedx-json`, `cyclonedx-xml`, `spdx-json`, `spdx-tv`).
    pub fn name(self) -> &'static str {
        match self {
            DocFormat::CycloneDxJson => "cyclonedx-json",
            DocFormat::CycloneDxXml => "cyclonedx-xml",
            DocFormat::SpdxJson => "spdx-json",
            DocFormat::SpdxTagValue => "spdx-tv",
        }
    }

    /// The cataloger name recorded as the source of the components read.
    pub fn cataloger(self) -> &'static str {
        match self {
            DocFormat::CycloneDxJson | DocFormat::CycloneDxXml => CYCLONEDX_CATALOGER,
            DocFormat::SpdxJson | DocFormat::SpdxTagValue => SPDX_CATALOGER,
        }
    }
}

impl fmt::Display for DocFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a supplier SBOM says.
#[derive(Clone, Debug, PartialEq)]
pub struct SupplierSbom {
    /// The document's format.
    pub format: DocFormat,
    /// The version of the specification it follows (`1.5`, `2.3`).
    pub spec_version: String,
    /// The product it describes: the CycloneDX `metadata.component` name, the name of the package
    /// an SPDX document describes, or else the document's name.
    pub name: String,
    /// The product's own package, as a first-party component, when the document has one.
    pub root: Option<Component>,
    /// Every other package, sorted by purl.
    pub components: Vec<Component>,
    /// Texts of the `LicenseRef-…` licenses the document carries (SPDX
    /// `hasExtractedLicensingInfos`, CycloneDX named licenses with a `text`), by id.
    pub license_texts: BTreeMap<String, String>,
    /// What could not be read in the document; the components concerned are kept. Sorted.
    pub problems: Vec<Problem>,
}

/// A document that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", location(path, *line, *column))]
pub struct ReadError {
    /// The file, as the caller named it.
    pub path: String,
    /// 1-based line of the error, when known.
    pub line: Option<u32>,
    /// 1-based column of the error, when known.
    pub column: Option<u32>,
    /// What is wrong.
    pub message: String,
}

fn location(path: &str, line: Option<u32>, column: Option<u32>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{path}:{l}:{c}"),
        (Some(l), None) => format!("{path}:{l}"),
        _ => path.to_string(),
    }
}

impl ReadError {
    fn new(path: &str, message: impl Into<String>) -> Self {
        ReadError {
            path: path.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(u32::try_from(line).unwrap_or(u32::MAX).max(1));
        self.column = Some(u32::try_from(column).unwrap_or(u32::MAX).max(1));
        self
    }

    /// A JSON error of serde, its location taken out of the message.
    fn json(path: &str, what: &str, e: &serde_json::Error) -> Self {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        let err = ReadError::new(path, format!("{what}: {message}"));
        if e.line() == 0 {
            err
        } else {
            err.at(e.line(), e.column())
        }
    }
}

/// Reads a supplier SBOM. `label` names the file in messages and is recorded as the source of
/// every component.
///
/// The format is recognised from the content: a JSON object with `bomFormat: "CycloneDX"` or an
/// `spdxVersion`, an XML `bom` element in a CycloneDX namespace, or SPDX tag-value text
/// (`SPDXVersion: SPDX-2.3`).
///
/// # Example
/// ```
/// let doc = br#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
///   "components": [{"type": "library", "name": "left-pad", "version": "1.3.0",
///                   "purl": "pkg:npm/left-pad@1.3.0", "licenses": [{"license": {"id": "WTFPL"}}]}]}"#;
/// let sbom = clearance_sbom::read::read_sbom("vendor.cdx.json", doc).unwrap();
/// assert_eq!(sbom.components[0].purl, "pkg:npm/left-pad@1.3.0");
/// assert_eq!(sbom.components[0].concluded.expression.as_ref().unwrap().to_string(), "WTFPL");
///
/// let err = clearance_sbom::read::read_sbom("x.json", b"{\"bomFormat\": ").unwrap_err();
/// assert_eq!(err.to_string(), "x.json:1:14: invalid JSON: EOF while parsing a value");
/// ```
pub fn read_sbom(label: &str, bytes: &[u8]) -> Result<SupplierSbom, ReadError> {
    let utf16 = utf16_text(label, bytes)?;
    let text = match &utf16 {
        Some(t) => t.as_str(),
        None => {
            let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            std::str::from_utf8(bytes).map_err(|e| {
                let (line, column) = line_col(bytes, e.valid_up_to());
                ReadError::new(label, "the document is not UTF-8 text").at(line, column)
            })?
        }
    };
    let doc = match text.trim_start().chars().next() {
        Some('{') => read_json(label, text)?,
        Some('<') => cyclonedx::read_xml(label, text)?,
        Some(_) if spdx::looks_like_tag_value(text) => spdx::read_tag_value(label, text)?,
        Some('[') => {
            return Err(ReadError::new(
                label,
                "not a CycloneDX or SPDX document: a JSON array",
            ));
        }
        Some(_) => {
            return Err(ReadError::new(
                label,
                "not a CycloneDX or SPDX document (neither JSON, XML nor SPDX tag-value)",
            ));
        }
        None => return Err(ReadError::new(label, "the document is empty")),
    };
    Ok(doc.finish(label))
}

/// 1-based line and column of the first `"key"` of a JSON text, for errors about its value.
pub(crate) fn json_key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let offset = text.find(&format!("\"{key}\""))?;
    Some(line_col(text.as_bytes(), offset))
}

impl ReadError {
    /// The error at the first `"key"` of a JSON text, when there is one.
    fn at_key(self, text: &str, key: &str) -> Self {
        match json_key_position(text, key) {
            Some((line, column)) => self.at(line, column),
            None => self,
        }
    }
}

/// Sets the line of each package that has none from where its reference is first written as
/// one of `patterns(reference)` in the text, for the problems about it.
pub(crate) fn locate_packages(doc: &mut Doc, text: &str, patterns: impl Fn(&str) -> Vec<String>) {
    for r in doc.root.iter_mut().chain(doc.components.iter_mut()) {
        if r.line.is_some() {
            continue;
        }
        let Some(reference) = r.reference.as_deref() else {
            continue;
        };
        r.line = patterns(reference)
            .iter()
            .find_map(|p| text.find(p.as_str()))
            .map(|offset| u32::try_from(line_col(text.as_bytes(), offset).0).unwrap_or(u32::MAX));
    }
}

/// The text of a UTF-16 document (one that starts with a byte order mark, as some Windows tools
/// write XML), `None` for any other.
fn utf16_text(label: &str, bytes: &[u8]) -> Result<Option<String>, ReadError> {
    let little = match bytes {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return Ok(None),
    };
    let units = bytes
        .get(2..)
        .unwrap_or_default()
        .chunks(2)
        .map(|c| match c {
            [a, b] if little => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            // An odd last byte: not UTF-16.
            _ => 0xdc00,
        });
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                let (line, column) = line_col(text.as_bytes(), text.len());
                return Err(
                    ReadError::new(label, "the document is not valid UTF-16 text").at(line, column),
                );
            }
        }
    }
    Ok(Some(text))
}

/// 1-based line and column of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let head = bytes.get(..offset).unwrap_or(bytes);
    let line = head.iter().filter(|b| **b == b'\n').count() + 1;
    let start = head.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(head.get(start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    (line, column)
}

fn read_json(label: &str, text: &str) -> Result<Doc, ReadError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ReadError::json(label, "invalid JSON", &e))?;
    let serde_json::Value::Object(obj) = &value else {
        return Err(ReadError::new(label, "not a CycloneDX or SPDX document"));
    };
    if obj.get("bomFormat").and_then(|v| v.as_str()) == Some("CycloneDX")
        || (obj.contains_key("specVersion") && obj.contains_key("bomFormat"))
    {
        return cyclonedx::read_json(label, text, value);
    }
    if let Some(v) = obj.get("spdxVersion") {
        return spdx::read_json(label, text, v);
    }
    if obj.contains_key("@context") || obj.contains_key("@graph") {
        let spdx3 = obj
            .get("@context")
            .map(|c| c.to_string().contains("spdx.org/rdf/3"))
            .unwrap_or(false);
        return Err(ReadError::new(
            label,
            if spdx3 {
                "unsupported SPDX version 3 (JSON-LD); SPDX 2.2 and 2.3 are read"
            } else {
                "not a CycloneDX or SPDX document: a JSON-LD document"
            },
        ));
    }
    Err(ReadError::new(
        label,
        "not a CycloneDX or SPDX document: the JSON object has neither `bomFormat` nor `spdxVersion`",
    ))
}

/// A license as a document writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LicenseItem {
    /// An SPDX license id (CycloneDX `license.id`).
    Id(String),
    /// A license name (CycloneDX `license.name`), possibly a `LicenseRef-…`.
    Name(String),
    /// An SPDX expression.
    Expression(String),
}

impl LicenseItem {
    fn text(&self) -> &str {
        match self {
            LicenseItem::Id(s) | LicenseItem::Name(s) | LicenseItem::Expression(s) => s,
        }
    }
}

/// A package as the document describes it, before it becomes a component.
#[derive(Clone, Debug, Default)]
pub(crate) struct Raw {
    /// The document's reference to it (CycloneDX `bom-ref`, SPDX `SPDXID`).
    pub reference: Option<String>,
    pub name: String,
    /// CycloneDX `group`.
    pub group: Option<String>,
    pub version: Option<String>,
    pub purl: Option<String>,
    pub supplier: Option<String>,
    /// The authors.
    pub authors: Vec<String>,
    /// `(algorithm, hex)` as written.
    pub hashes: Vec<(String, String)>,
    /// The license the document gives (CycloneDX `licenses`, SPDX `licenseDeclared`).
    pub declared: Vec<LicenseItem>,
    /// The concluded license (SPDX `licenseConcluded`; CycloneDX `licenses`).
    pub concluded: Vec<LicenseItem>,
    pub copyrights: Vec<String>,
    /// The scope the format's own fields give.
    pub scope: Option<Scope>,
    /// CycloneDX `evidence.occurrences`.
    pub occurrences: Vec<String>,
    /// `clearance:*` properties or annotations, in document order.
    pub props: Vec<(String, String)>,
    /// Line of the package in the document, when known.
    pub line: Option<u32>,
}

impl Raw {
    fn prop(&self, name: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn props<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.props
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `true` when clearance wrote the package: it always records the origin and the reason of
    /// the conclusion. Other `clearance:*` properties alone refine another tool's document.
    fn by_clearance(&self) -> bool {
        self.prop("clearance:origin").is_some()
            || self.prop("clearance:license:concluded-reason").is_some()
    }
}

/// A document read into packages and edges, before the mapping common to all formats.
#[derive(Debug)]
pub(crate) struct Doc {
    pub format: DocFormat,
    pub spec_version: String,
    pub name: String,
    /// The product's own package.
    pub root: Option<Raw>,
    /// The reference of a product that is no package (clearance's `clearance:root`): edges from
    /// it are dropped.
    pub placeholder_root: Option<String>,
    pub components: Vec<Raw>,
    /// Dependency edges by reference: `(from, to)`, `from` depends on `to`.
    pub edges: Vec<(String, String)>,
    pub license_texts: BTreeMap<String, String>,
    pub problems: Vec<Problem>,
}

impl Doc {
    pub(crate) fn new(format: DocFormat, spec_version: &str) -> Self {
        Doc {
            format,
            spec_version: spec_version.to_string(),
            name: String::new(),
            root: None,
            placeholder_root: None,
            components: Vec::new(),
            edges: Vec::new(),
            license_texts: BTreeMap::new(),
            problems: Vec::new(),
        }
    }

    fn finish(mut self, label: &str) -> SupplierSbom {
        let mut ctx = Ctx {
            label,
            format: self.format,
            problems: std::mem::take(&mut self.problems),
        };
        let mut by_ref: BTreeMap<String, String> = BTreeMap::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();

        let root = self.root.as_ref().map(|r| {
            let mut c = ctx.component(r, false);
            if r.prop("clearance:origin").is_none() {
                c.origin = Origin::FirstParty;
            }
            if let Some(reference) = &r.reference {
                by_ref.insert(reference.clone(), c.purl.clone());
            }
            seen.insert(c.purl.clone());
            c
        });
        let mut components: Vec<Component> = Vec::new();
        for r in &self.components {
            let c = ctx.component(r, true);
            if !seen.insert(c.purl.clone()) {
                let is_root = root.as_ref().is_some_and(|x| x.purl == c.purl);
                if let Some(reference) = &r.reference {
                    by_ref.entry(reference.clone()).or_insert(c.purl.clone());
                }
                // Some tools list the product among the components too: that is no problem.
                if is_root {
                    continue;
                }
                ctx.problem(
                    r,
                    format!(
                        "package `{}` appears more than once (purl `{}`); the first one is kept",
                        r.name, c.purl
                    ),
                );
                continue;
            }
            if let Some(reference) = &r.reference {
                by_ref.insert(reference.clone(), c.purl.clone());
            }
            components.push(c);
        }

        // Dependency edges, by purl.
        let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in &self.edges {
            if self.placeholder_root.as_deref() == Some(from.as_str()) {
                continue;
            }
            if let (Some(f), Some(t)) = (by_ref.get(from), by_ref.get(to))
                && f != t
            {
                deps.entry(f.clone()).or_default().insert(t.clone());
            }
        }
        let mut root = root;
        for c in root.iter_mut().chain(components.iter_mut()) {
            if let Some(d) = deps.remove(&c.purl) {
                c.dependencies.extend(d);
                c.dependencies.sort();
                c.dependencies.dedup();
            }
        }
        components.sort_by(|a, b| a.purl.cmp(&b.purl));
        let mut problems = ctx.problems;
        problems.sort();
        problems.dedup();
        let name = if self.name.is_empty() {
            root.as_ref()
                .map_or_else(|| label.to_string(), |r| r.name.clone())
        } else {
            self.name
        };
        SupplierSbom {
            format: self.format,
            spec_version: self.spec_version,
            name,
            root,
            components,
            license_texts: self.license_texts,
            problems,
        }
    }
}

/// The ecosystem of a purl type (the inverse of [`Ecosystem::purl_type`]); `generic` for the
/// types clearance has no ecosystem for.
pub fn ecosystem_of_purl_type(ty: &str) -> Ecosystem {
    match ty.to_ascii_lowercase().as_str() {
        "cargo" => Ecosystem::Cargo,
        "npm" => Ecosystem::Npm,
        "pypi" => Ecosystem::Python,
        "golang" => Ecosystem::Go,
        "maven" => Ecosystem::Maven,
        "gem" => Ecosystem::Gem,
        "composer" => Ecosystem::Composer,
        "nuget" => Ecosystem::Nuget,
        "deb" => Ecosystem::Deb,
        "apk" => Ecosystem::Apk,
        "rpm" => Ecosystem::Rpm,
        "swift" => Ecosystem::Swift,
        "cocoapods" => Ecosystem::Cocoapods,
        "pub" => Ecosystem::Pub,
        "conan" => Ecosystem::Conan,
        _ => Ecosystem::Generic,
    }
}

/// The mapping state shared by the components of one document.
struct Ctx<'a> {
    label: &'a str,
    format: DocFormat,
    problems: Vec<Problem>,
}

impl Ctx<'_> {
    fn problem(&mut self, r: &Raw, message: String) {
        let mut p = Problem::new(ProblemCode::ManifestValue, self.label, message);
        p.line = r.line;
        self.problems.push(p);
    }

    fn sbom_source(&self) -> Source {
        Source {
            cataloger: self.format.cataloger().to_string(),
            path: self.label.to_string(),
            line: None,
        }
    }

    /// The component of a package. `report_missing_purl`: a package without a purl is a problem
    /// (not for the product, which often has none).
    fn component(&mut self, r: &Raw, report_missing_purl: bool) -> Component {
        let name = match r.group.as_deref().filter(|g| !g.is_empty()) {
            Some(g) => {
                let maven = r
                    .purl
                    .as_deref()
                    .is_some_and(|p| p.starts_with("pkg:maven/"));
                if maven {
                    format!("{g}:{}", r.name)
                } else {
                    format!("{g}/{}", r.name)
                }
            }
            None => r.name.clone(),
        };
        let version = r.version.clone().filter(|v| !v.trim().is_empty());
        let generic = || clearance_model::purl(Ecosystem::Generic, None, &name, version.as_deref());
        let (purl, ecosystem) = match r.purl.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => match p.parse::<packageurl::PackageUrl<'_>>() {
                Ok(parsed) => (p.to_string(), ecosystem_of_purl_type(parsed.ty())),
                Err(e) => {
                    self.problem(
                        r,
                        format!(
                            "package `{name}` has an invalid purl `{p}` ({e}); it is read as `{}`",
                            generic()
                        ),
                    );
                    (generic(), Ecosystem::Generic)
                }
            },
            _ => {
                if report_missing_purl {
                    self.problem(
                        r,
                        format!(
                            "package `{name}` has no purl; it is read as `{}`",
                            generic()
                        ),
                    );
                }
                (generic(), Ecosystem::Generic)
            }
        };
        let mut c = Component::new(ecosystem, name.clone(), version, purl);
        let by_clearance = r.by_clearance();

        // Who: supplier and authors.
        c.authors = r
            .authors
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        c.supplier = r
            .supplier
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        // clearance lists each author as it was written (the formats' own fields join them).
        let listed: Vec<String> = r.props("clearance:author").map(str::to_string).collect();
        if by_clearance && !listed.is_empty() {
            c.authors = listed;
        }
        // clearance writes the authors as the supplier when the metadata names none (SPDX keeps
        // their names only when there are several).
        let names_only = c
            .authors
            .iter()
            .map(|a| a.split_once(" <").map_or(a.as_str(), |(n, _)| n))
            .collect::<Vec<_>>()
            .join(", ");
        if by_clearance
            && !c.authors.is_empty()
            && (c.supplier.as_deref() == Some(&c.authors.join(", "))
                || c.supplier.as_deref() == Some(&names_only))
        {
            c.supplier = None;
        }

        for (alg, value) in &r.hashes {
            let algorithm = match alg.to_ascii_uppercase().replace('-', "").as_str() {
                "MD5" => HashAlgorithm::Md5,
                "SHA1" => HashAlgorithm::Sha1,
                "SHA256" => HashAlgorithm::Sha256,
                "SHA384" => HashAlgorithm::Sha384,
                "SHA512" => HashAlgorithm::Sha512,
                // Other algorithms (SHA-3, BLAKE) have no place in the model.
                _ => continue,
            };
            match Checksum::from_hex(algorithm, value) {
                Some(h) => c.hashes.push(h),
                None => self.problem(
                    r,
                    format!(
                        "package `{name}` has an invalid {alg} checksum `{value}`; it is left out"
                    ),
                ),
            }
        }
        c.hashes.sort();
        c.hashes.dedup();

        let mut copyrights: Vec<String> = Vec::new();
        for s in &r.copyrights {
            let s = s.trim();
            if !s.is_empty() && !copyrights.iter().any(|x| x == s) {
                copyrights.push(s.to_string());
            }
        }
        c.copyrights = copyrights;

        // Licenses.
        let source = self.sbom_source();
        let declared_props: Vec<&str> = r.props("clearance:license:declared").collect();
        // CycloneDX gives one list for both: its problems are reported once.
        let report_concluded =
            r.concluded != r.declared || !declared_props.is_empty() || by_clearance;
        if !declared_props.is_empty() {
            for raw in declared_props {
                c.declared.push(declared_from_raw(raw, source.clone()));
            }
        } else if by_clearance {
            // clearance records every declared license; none is recorded, none was declared.
        } else if let Some(d) = self.license(r, &name, &r.declared, true) {
            c.declared.push(DeclaredLicense {
                raw: d.raw,
                expression: d.expression,
                reading: d.reading,
                license_file: None,
                notes: d.notes,
                source: source.clone(),
            });
        }
        let reason = r.prop("clearance:license:concluded-reason");
        let concluded = self.license(r, &name, &r.concluded, report_concluded);
        c.concluded = match (concluded.and_then(|l| l.expression), reason) {
            (Some(e), reason) => Concluded {
                expression: Some(e),
                reason: reason
                    .and_then(conclusion_reason)
                    .unwrap_or(ConclusionReason::DeclaredOnly),
                explanation: format!("as the SBOM `{}` states", self.label),
                modified: None,
            },
            // A document by clearance says what was concluded, even nothing.
            (None, Some(reason)) => Concluded {
                expression: None,
                reason: conclusion_reason(reason).unwrap_or(ConclusionReason::None),
                explanation: format!("the SBOM `{}` states no concluded license", self.label),
                modified: None,
            },
            // Another tool's document without a concluded license: its declared license.
            (None, None) => match c.declared.iter().find_map(|d| d.expression.clone()) {
                Some(e) => Concluded {
                    expression: Some(e),
                    reason: ConclusionReason::DeclaredOnly,
                    explanation: format!(
                        "the license declared in the SBOM `{}` (it states no concluded license)",
                        self.label
                    ),
                    modified: None,
                },
                None => Concluded {
                    expression: None,
                    reason: ConclusionReason::None,
                    explanation: format!("the SBOM `{}` states no license", self.label),
                    modified: None,
                },
            },
        };
        for value in r.props("clearance:license:detected") {
            match detected_finding(value) {
                Some(f) => c.detected.push(f),
                None => self.problem(
                    r,
                    format!(
                        "package `{name}` has a `clearance:license:detected` value `{value}` that is not `EXPRESSION | PATH | START-END | CONFIDENCE`"
                    ),
                ),
            }
        }

        // Where and how.
        match r.prop("clearance:origin") {
            Some("first-party") => c.origin = Origin::FirstParty,
            Some("third-party") | None => {}
            Some(other) => self.problem(
                r,
                format!("package `{name}` has an unknown `clearance:origin` `{other}`"),
            ),
        }
        c.scope = match r.prop("clearance:scope") {
            Some(s) => match scope_of(s) {
                Some(s) => Some(s),
                None => {
                    self.problem(
                        r,
                        format!("package `{name}` has an unknown `clearance:scope` `{s}`"),
                    );
                    r.scope
                }
            },
            // clearance writes the scope it knows; the format's coarser field says no more.
            None if by_clearance => None,
            None => r.scope,
        };
        c.direct = match r.prop("clearance:direct") {
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(other) => {
                self.problem(
                    r,
                    format!("package `{name}` has an invalid `clearance:direct` `{other}`"),
                );
                None
            }
            None => None,
        };
        for s in r.props("clearance:source") {
            match source_of(s) {
                Some(s) => c.sources.push(s),
                None => self.problem(
                    r,
                    format!("package `{name}` has a `clearance:source` value `{s}` that is not `CATALOGER PATH[:LINE]`"),
                ),
            }
        }
        c.sources.push(source);
        let mut roots: Vec<&str> = r.props("clearance:root").collect();
        if roots.is_empty() && !by_clearance {
            roots = r.occurrences.iter().map(String::as_str).collect();
        }
        for root in roots {
            let root = root.trim().trim_start_matches("./");
            let root = if root == "." {
                ""
            } else {
                root.trim_end_matches('/')
            };
            if !c.roots.iter().any(|x| x == root) {
                c.roots.push(root.to_string());
            }
        }
        c
    }

    /// A license of the document: its text as written and the expression it reads as. An
    /// expression that does not parse is read as a declared string is (a `LicenseRef-…` when
    /// nothing better) and reported.
    fn license(
        &mut self,
        r: &Raw,
        name: &str,
        items: &[LicenseItem],
        report: bool,
    ) -> Option<Read> {
        let items: Vec<&LicenseItem> = items.iter().filter(|i| !is_absent(i.text())).collect();
        if items.is_empty() {
            return None;
        }
        let mut expressions: Vec<LicenseExpr> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut reading = declared::Reading::Spdx;
        for item in &items {
            let text = item.text().trim();
            let parsed = match item {
                LicenseItem::Id(_) | LicenseItem::Expression(_) => LicenseExpr::parse(text).ok(),
                // A name is an id when it is a `LicenseRef-…`; else it is free text.
                LicenseItem::Name(_) if text.starts_with("LicenseRef-") => {
                    LicenseExpr::parse(text).ok()
                }
                LicenseItem::Name(_) => None,
            };
            match parsed {
                Some(e) => expressions.push(e),
                None => {
                    let n = declared::normalise(text);
                    notes.extend(n.notes);
                    let expression = match n.expression {
                        Some(e) => {
                            reading = worse(reading, n.reading);
                            e
                        }
                        None => {
                            reading = declared::Reading::Unrecognised;
                            LicenseExpr::term(declared::license_ref_for(text))
                        }
                    };
                    // A name in free text is what the field is for; an expression must parse.
                    if report && !matches!(item, LicenseItem::Name(_)) {
                        self.problem(
                            r,
                            format!("package `{name}` has a license expression `{text}` that does not parse; it is read as `{expression}`"),
                        );
                    }
                    expressions.push(expression);
                }
            }
        }
        let raw = items
            .iter()
            .map(|i| i.text().trim())
            .collect::<Vec<_>>()
            .join(" AND ");
        Some(Read {
            raw,
            expression: (!expressions.is_empty()).then(|| LicenseExpr::and(expressions)),
            reading,
            notes,
        })
    }
}

/// A license read from the document.
struct Read {
    raw: String,
    expression: Option<LicenseExpr>,
    reading: declared::Reading,
    notes: Vec<String>,
}

/// Several authors that clearance joined with `, `; a part that is a company-form suffix
/// (`Example, Inc.`) stays with the name before it.
pub(crate) fn split_authors(joined: &str) -> Vec<String> {
    const SUFFIXES: &[&str] = &[
        "inc", "inc.", "ltd", "ltd.", "llc", "llc.", "gmbh", "ag", "co.", "corp.", "s.a.", "b.v.",
        "plc", "a/s", "ab", "oy", "srl", "s.r.l.", "pty ltd", "l.p.",
    ];
    let mut out: Vec<String> = Vec::new();
    for part in joined.split(", ") {
        let suffix = SUFFIXES.contains(&part.trim().to_lowercase().as_str());
        match out.last_mut() {
            Some(last) if suffix => {
                last.push_str(", ");
                last.push_str(part);
            }
            _ => out.push(part.to_string()),
        }
    }
    out
}

/// The less certain of two readings.
fn worse(a: declared::Reading, b: declared::Reading) -> declared::Reading {
    use declared::Reading::{Absent, Mapped, Spdx, Unrecognised};
    match (a, b) {
        (Unrecognised, _) | (_, Unrecognised) => Unrecognised,
        (Mapped, _) | (_, Mapped) => Mapped,
        (Spdx, _) | (_, Spdx) => Spdx,
        (Absent, Absent) => Absent,
    }
}

/// `NOASSERTION`, `NONE` or empty: no license information.
fn is_absent(s: &str) -> bool {
    let s = s.trim();
    s.is_empty() || s.eq_ignore_ascii_case("NOASSERTION") || s.eq_ignore_ascii_case("NONE")
}

/// A declared license from the raw text clearance recorded, read the way catalogers read
/// manifests.
fn declared_from_raw(raw: &str, source: Source) -> DeclaredLicense {
    let n = declared::normalise(raw);
    DeclaredLicense {
        raw: raw.trim().to_string(),
        expression: n.expression,
        reading: n.reading,
        license_file: None,
        notes: n.notes,
        source,
    }
}

fn conclusion_reason(s: &str) -> Option<ConclusionReason> {
    Some(match s.trim() {
        "agree" => ConclusionReason::Agree,
        "declared-only" => ConclusionReason::DeclaredOnly,
        "detected-only" => ConclusionReason::DetectedOnly,
        "conflict" => ConclusionReason::Conflict,
        "none" => ConclusionReason::None,
        _ => return None,
    })
}

fn scope_of(s: &str) -> Option<Scope> {
    Some(match s.trim() {
        "runtime" => Scope::Runtime,
        "dev" => Scope::Dev,
        "test" => Scope::Test,
        "build" => Scope::Build,
        "optional" => Scope::Optional,
        _ => return None,
    })
}

/// `EXPRESSION | PATH | START-END | CONFIDENCE`. The tier is not recorded in SBOMs; findings
/// read back are marked [`Tier::LicenseText`].
fn detected_finding(value: &str) -> Option<LicenseFinding> {
    let (expression, rest) = value.split_once(" | ")?;
    let (rest, confidence) = rest.rsplit_once(" | ")?;
    let (path, lines) = rest.rsplit_once(" | ")?;
    let (start, end) = lines
        .trim()
        .split_once('-')
        .unwrap_or((lines.trim(), lines.trim()));
    let confidence: f32 = confidence.trim().parse().ok()?;
    if !(0.0..=1.0).contains(&confidence) {
        return None;
    }
    Some(LicenseFinding {
        expression: LicenseExpr::parse(expression.trim()).ok()?,
        evidence: Evidence::new(
            path.trim(),
            Lines::new(start.trim().parse().ok()?, end.trim().parse().ok()?),
            confidence,
            Tier::LicenseText,
        ),
    })
}

/// `CATALOGER PATH[:LINE]`.
fn source_of(value: &str) -> Option<Source> {
    let (cataloger, location) = value.trim().split_once(' ')?;
    let (path, line) = match location.rsplit_once(':') {
        Some((p, l)) if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) => {
            (p, l.parse().ok())
        }
        _ => (location, None),
    };
    Some(Source {
        cataloger: cataloger.to_string(),
        path: path.to_string(),
        line,
    })
}

/// A `clearance:*` property or annotation comment (`name=value`), when it is one.
pub(crate) fn clearance_annotation(comment: &str) -> Option<(String, String)> {
    let (k, v) = comment.trim().split_once('=')?;
    k.starts_with("clearance:")
        .then(|| (k.trim().to_string(), v.trim().to_string()))
}

#[cfg(test)]
mod tests;
