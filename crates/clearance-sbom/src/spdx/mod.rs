//! SPDX 2.3 JSON and tag-value through the `spdx-rs` model.
//!
//! Mapping (see `docs/sbom.md`): the product is the package the document `DESCRIBES`
//! (`primaryPackagePurpose: APPLICATION`): the product's own root package when there is one, else
//! a package named after the scanned root (`SPDXRef-Product`). Every other component is a package
//! `SPDXRef-Package-<name>-<10 hex of the purl's SHA-256>` with its purl as a `PACKAGE-MANAGER`
//! reference, supplier, originator, archive checksums, concluded and declared licenses, copyright
//! and `clearance:*` annotations; its scope is a relationship to the product, lockfile edges are
//! `DEPENDS_ON`. Licenses outside the SPDX list are `LicenseRef-…` and carried in
//! `hasExtractedLicensingInfos`. With [`SbomOptions::files`] the files with license evidence are
//! listed, each `CONTAINS`ed by the package that owns it.
//!
//! `spdx-rs` models SPDX 2.2: the JSON it serialises is corrected to SPDX 2.3 (version, no
//! `spdxIdentifierReference` in annotations), and tag-value is written here ([`tagvalue`]), since
//! `spdx-rs` only parses it.

mod tagvalue;

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Component, ConclusionReason, FileKind, FileRecord, HashAlgorithm, Inventory, LicenseExpr,
    LicenseTerm, Origin, Scope,
};
use serde_json::Value;
use spdx_rs::models::{
    Algorithm, Annotation, Checksum, CreationInfo, DocumentCreationInformation,
    ExternalPackageReference, ExternalPackageReferenceCategory, FileInformation, FileType,
    OtherLicensingInformationDetected, PackageInformation, PackageVerificationCode,
    PrimaryPackagePurpose, Relationship, RelationshipType, SPDX, SpdxExpression,
};

use crate::{SbomError, SbomOptions, content_uuid};

/// SPDXID of the product when the tree has no root package of its own.
pub const PRODUCT_ID: &str = "SPDXRef-Product";

/// SPDXID of the document.
const DOCUMENT_ID: &str = "SPDXRef-DOCUMENT";

/// `creationInfo.created` when the caller gives no timestamp.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// Namespace prefix of every document clearance writes.
const NAMESPACE_PREFIX: &str = "https://spdx.org/spdxdocs/clearance/";

/// Writes the inventory as an SPDX 2.3 JSON document.
pub fn spdx_json(inv: &Inventory, opts: &SbomOptions) -> Result<Vec<u8>, SbomError> {
    let doc = document(inv, opts)?;
    json_bytes(&doc)
}

/// Writes the inventory as an SPDX 2.3 tag-value document.
pub fn spdx_tag_value(inv: &Inventory, opts: &SbomOptions) -> Result<Vec<u8>, SbomError> {
    let doc = document(inv, opts)?;
    Ok(tagvalue::write(&doc).into_bytes())
}

/// The document, its namespace derived from its content.
fn document(inv: &Inventory, opts: &SbomOptions) -> Result<SPDX, SbomError> {
    let mut doc = Builder::new(inv, opts)?.build()?;
    let unnamed = json_bytes(&doc)?;
    let uuid = content_uuid(&unnamed);
    let uuid = uuid.strip_prefix("urn:uuid:").unwrap_or(&uuid);
    doc.document_creation_information.spdx_document_namespace = format!(
        "{NAMESPACE_PREFIX}{}-{uuid}",
        uri_segment(&doc.document_creation_information.document_name)
    );
    Ok(doc)
}

/// The JSON text of the document, corrected to SPDX 2.3.
fn json_bytes(doc: &SPDX) -> Result<Vec<u8>, SbomError> {
    let mut value = serde_json::to_value(doc).map_err(|e| SbomError::Write(e.to_string()))?;
    to_spdx_2_3(&mut value);
    let mut out = serde_json::to_vec_pretty(&value).map_err(|e| SbomError::Write(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

/// Fixes what `spdx-rs` (written for SPDX 2.2) serialises differently from the SPDX 2.3 JSON
/// schema: annotations carry no `spdxIdentifierReference` (the annotated element holds them),
/// and empty lists the schema does not require are left out.
fn to_spdx_2_3(value: &mut Value) {
    let Some(doc) = value.as_object_mut() else {
        return;
    };
    for key in [
        "snippets",
        "annotations",
        "files",
        "hasExtractedLicensingInfos",
    ] {
        if doc
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            doc.remove(key);
        }
    }
    let strip = |list: Option<&mut Value>| {
        for item in list.and_then(Value::as_array_mut).into_iter().flatten() {
            for a in item
                .get_mut("annotations")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                if let Some(a) = a.as_object_mut() {
                    a.remove("spdxIdentifierReference");
                }
            }
        }
    };
    strip(doc.get_mut("packages"));
    strip(doc.get_mut("files"));
    for a in doc
        .get_mut("annotations")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(a) = a.as_object_mut() {
            a.remove("spdxIdentifierReference");
        }
    }
}

/// A URI path segment: unreserved characters kept, everything else percent-encoded.
fn uri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.is_empty() {
        out.push_str("product");
    }
    out
}

/// `s` with every character outside `[A-Za-z0-9.-]` replaced by `-` (SPDXIDs, `LicenseRef-`
/// ids).
fn id_chars(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if out.is_empty() { "-".to_string() } else { out }
}

/// SPDXID of a component: `SPDXRef-Package-<name>-<10 hex of the purl's SHA-256>`.
pub fn package_id(c: &Component) -> String {
    let hash = clearance_model::sha256_hex(c.purl.as_bytes());
    format!(
        "SPDXRef-Package-{}-{}",
        id_chars(&c.name),
        hash.get(..10).unwrap_or(&hash)
    )
}

/// SPDXID of a listed file: `SPDXRef-File-<12 hex of the path's SHA-256>`.
pub fn file_id(path: &str) -> String {
    let hash = clearance_model::sha256_hex(path.as_bytes());
    format!("SPDXRef-File-{}", hash.get(..12).unwrap_or(&hash))
}

/// The SPDX form of a license term: ids outside the SPDX list become `LicenseRef-…`, a `+` on
/// a `LicenseRef-` (which SPDX does not allow) is folded into the id, and an exception outside
/// the list makes the whole term one `LicenseRef-`.
fn spdx_term(t: &LicenseTerm) -> LicenseTerm {
    let on_list = ::spdx::license_id(&t.license).is_some();
    let exception_ok = t
        .exception
        .as_deref()
        .is_none_or(|e| ::spdx::exception_id(e).is_some());
    if on_list && exception_ok {
        return t.clone();
    }
    if t.license.starts_with("DocumentRef-") && exception_ok && !t.or_later {
        return t.clone();
    }
    if !on_list && exception_ok && !t.or_later && t.license.starts_with("LicenseRef-") {
        let rest = t.license.trim_start_matches("LicenseRef-");
        return LicenseTerm {
            license: format!("LicenseRef-{}", id_chars(rest)),
            or_later: false,
            exception: t.exception.clone(),
        };
    }
    // One LicenseRef for what SPDX 2.3 cannot say.
    let mut name = t
        .license
        .strip_prefix("LicenseRef-")
        .unwrap_or(&t.license)
        .to_string();
    if t.or_later {
        name.push_str("-or-later");
    }
    let mut exception = t.exception.clone();
    if !exception_ok && let Some(e) = exception.take() {
        let e = e.strip_prefix("AdditionRef-").unwrap_or(&e);
        name.push_str("-with-");
        name.push_str(e);
    }
    LicenseTerm {
        license: format!("LicenseRef-{}", id_chars(&name)),
        or_later: false,
        exception,
    }
}

/// The expression in SPDX form (see [`spdx_term`]).
pub fn spdx_expression(e: &LicenseExpr) -> LicenseExpr {
    e.map_terms(&mut |t| Some(LicenseExpr::Term(spdx_term(t))))
}

/// `spdx-rs`'s expression of ours; `NOASSERTION` for what it cannot read (never expected: the
/// SPDX form only holds ids and operators it knows).
fn model_expression(e: &LicenseExpr) -> SpdxExpression {
    SpdxExpression::parse(&spdx_expression(e).to_string()).unwrap_or_default()
}

fn noassertion() -> SpdxExpression {
    SpdxExpression::default()
}

/// The license ids of an expression in SPDX form (`+` kept, exceptions left out), sorted.
fn term_ids(e: &LicenseExpr) -> BTreeSet<String> {
    spdx_expression(e)
        .terms()
        .into_iter()
        .map(LicenseTerm::license_with_plus)
        .collect()
}

/// An SPDX actor of a person or organisation as metadata names it: `Person: Name (e-mail)` when
/// it names an e-mail address, else `Organization: Name` (or `Person: Name` when `person`).
fn actor(raw: &str, person: bool) -> Option<String> {
    let raw = one_line(raw);
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    // `Name <mail>` (Debian, RPM, Cargo), `Name (mail)`, or a bare address.
    let (name, mail) = match (raw.find('<'), raw.rfind('>')) {
        (Some(a), Some(b)) if a < b => (raw[..a].trim(), Some(raw[a + 1..b].trim())),
        _ => match (raw.find('('), raw.rfind(')')) {
            (Some(a), Some(b)) if a < b && raw[a + 1..b].contains('@') => {
                (raw[..a].trim(), Some(raw[a + 1..b].trim()))
            }
            _ => (raw, None),
        },
    };
    let mail = mail.filter(|m| m.contains('@'));
    let name = clean_actor_name(if name.is_empty() {
        mail.unwrap_or(raw)
    } else {
        name
    });
    let kind = if person || mail.is_some() || name.contains('@') {
        "Person"
    } else {
        "Organization"
    };
    Some(match mail {
        Some(m) => format!("{kind}: {name} ({})", clean_actor_name(m)),
        None => format!("{kind}: {name}"),
    })
}

/// An actor's name without the parentheses SPDX uses for the e-mail address.
fn clean_actor_name(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' | '<' => '[',
            ')' | '>' => ']',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn algorithm(a: HashAlgorithm) -> Algorithm {
    match a {
        HashAlgorithm::Md5 => Algorithm::MD5,
        HashAlgorithm::Sha1 => Algorithm::SHA1,
        HashAlgorithm::Sha256 => Algorithm::SHA256,
        HashAlgorithm::Sha384 => Algorithm::SHA384,
        HashAlgorithm::Sha512 => Algorithm::SHA512,
    }
}

fn reason(r: ConclusionReason) -> &'static str {
    match r {
        ConclusionReason::Agree => "agree",
        ConclusionReason::DeclaredOnly => "declared-only",
        ConclusionReason::DetectedOnly => "detected-only",
        ConclusionReason::Conflict => "conflict",
        ConclusionReason::None => "none",
    }
}

/// `YYYY-MM-DDThh:mm:ssZ` (the only form SPDX allows) of an RFC 3339 time.
fn spdx_time(ts: &str) -> Result<String, SbomError> {
    use time::format_description::well_known::Rfc3339;
    let t = time::OffsetDateTime::parse(ts.trim(), &Rfc3339)
        .map_err(|e| SbomError::Timestamp(format!("`{ts}`: {e}")))?
        .to_offset(time::UtcOffset::UTC);
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

/// Where a `LicenseRef-` was met, to give it an extracted text.
#[derive(Default)]
struct RefSeen {
    /// The text of a license file that holds it.
    file_text: Option<String>,
    /// A matched text.
    evidence_text: Option<String>,
    /// `path` + lines where it was found.
    found: BTreeSet<(String, u32, u32)>,
    /// `(raw, manifest)` of declarations read as it.
    declared: BTreeSet<(String, String)>,
}

struct Builder<'a> {
    inv: &'a Inventory,
    opts: &'a SbomOptions,
    created: String,
    annotator: String,
    /// The product's root package, when the tree has one.
    root: Option<&'a Component>,
    product_id: String,
    refs: BTreeMap<String, RefSeen>,
}

impl<'a> Builder<'a> {
    fn new(inv: &'a Inventory, opts: &'a SbomOptions) -> Result<Self, SbomError> {
        let created = match &opts.timestamp {
            Some(t) => spdx_time(t)?,
            None => EPOCH.to_string(),
        };
        let root = inv
            .components
            .iter()
            .find(|c| c.origin == Origin::FirstParty && c.roots.iter().any(String::is_empty));
        Ok(Builder {
            inv,
            opts,
            created,
            annotator: format!("Tool: clearance-{}", opts.tool_version),
            root,
            product_id: root.map_or_else(|| PRODUCT_ID.to_string(), package_id),
            refs: BTreeMap::new(),
        })
    }

    /// Records the `LicenseRef-`s of an expression, with what is known of where it came from.
    fn note_refs(&mut self, e: &LicenseExpr, mut f: impl FnMut(&mut RefSeen)) {
        for t in spdx_expression(e).terms() {
            if t.license.starts_with("LicenseRef-") {
                f(self.refs.entry(t.license.clone()).or_default());
            }
        }
    }

    fn build(mut self) -> Result<SPDX, SbomError> {
        let (creation_info, annotation) = self.creation()?;
        let inv = self.inv;

        // Every LicenseRef a component or file names, with its evidence.
        for c in &inv.components {
            if let Some(e) = &c.concluded.expression {
                self.note_refs(e, |_| {});
            }
            for d in &c.declared {
                if let Some(e) = &d.expression {
                    let seen = (d.raw.clone(), d.source.path.clone());
                    self.note_refs(e, |r| {
                        r.declared.insert(seen.clone());
                    });
                }
            }
            for f in &c.detected {
                let ev = &f.evidence;
                self.note_refs(&f.expression, |r| {
                    r.found
                        .insert((ev.path.clone(), ev.lines.start, ev.lines.end));
                    if r.evidence_text.is_none() {
                        r.evidence_text = ev.text.clone().filter(|t| !t.trim().is_empty());
                    }
                });
            }
        }
        for file in &inv.files {
            let text = file
                .text
                .clone()
                .filter(|t| file.license_file && !t.trim().is_empty());
            for f in &file.findings {
                let ev = &f.evidence;
                self.note_refs(&f.expression, |r| {
                    r.found
                        .insert((ev.path.clone(), ev.lines.start, ev.lines.end));
                    if r.file_text.is_none() {
                        r.file_text = text.clone();
                    }
                    if r.evidence_text.is_none() {
                        r.evidence_text = ev.text.clone().filter(|t| !t.trim().is_empty());
                    }
                });
            }
            if let Some(e) = &file.expression {
                self.note_refs(e, |_| {});
            }
        }

        // Files and their owners.
        let mut owned: BTreeMap<String, Vec<&FileRecord>> = BTreeMap::new();
        if self.opts.files {
            for f in &inv.files {
                owned.entry(self.owner_of(&f.path)).or_default().push(f);
            }
        }
        let mut files: Vec<FileInformation> =
            owned.values().flatten().map(|f| self.file(f)).collect();
        files.sort_by(|a, b| a.file_spdx_identifier.cmp(&b.file_spdx_identifier));

        // Packages: the product first, then the components in purl order.
        let mut packages = Vec::new();
        let mut product = match self.root {
            Some(c) => self.package(c, &annotation),
            None => PackageInformation {
                package_name: inv.root_name.clone(),
                package_spdx_identifier: PRODUCT_ID.to_string(),
                package_supplier: Some("NOASSERTION".into()),
                files_analyzed: Some(false),
                concluded_license: Some(noassertion()),
                declared_license: Some(noassertion()),
                copyright_text: Some("NOASSERTION".into()),
                ..PackageInformation::default()
            },
        };
        product.primary_package_purpose = Some(PrimaryPackagePurpose::Application);
        packages.push(product);
        for c in &inv.components {
            if self.root.is_some_and(|r| r.purl == c.purl) {
                continue;
            }
            let mut p = self.package(c, &annotation);
            p.primary_package_purpose = Some(PrimaryPackagePurpose::Library);
            packages.push(p);
        }
        for p in &mut packages {
            if let Some(list) = owned.get(&p.package_spdx_identifier) {
                analysed(p, list);
            }
        }

        // Relationships.
        let known: BTreeMap<&str, String> = inv
            .components
            .iter()
            .map(|c| (c.purl.as_str(), package_id(c)))
            .collect();
        // Sorted by element, type name and related element.
        let mut rels: BTreeMap<(String, String, String), RelationshipType> = BTreeMap::new();
        let mut rel = |a: &str, t: RelationshipType, b: &str| {
            let name = serde_json::to_value(&t)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            rels.insert((a.to_string(), name, b.to_string()), t);
        };
        rel(DOCUMENT_ID, RelationshipType::Describes, &self.product_id);
        for c in &inv.components {
            let id = package_id(c);
            if id == self.product_id {
                // The product's own lockfile edges follow.
            } else {
                match c.scope {
                    Some(Scope::Runtime) => {
                        rel(&id, RelationshipType::RuntimeDependencyOf, &self.product_id)
                    }
                    Some(Scope::Dev) => {
                        rel(&id, RelationshipType::DevDependencyOf, &self.product_id)
                    }
                    Some(Scope::Test) => {
                        rel(&id, RelationshipType::TestDependencyOf, &self.product_id)
                    }
                    Some(Scope::Build) => {
                        rel(&id, RelationshipType::BuildDependencyOf, &self.product_id)
                    }
                    Some(Scope::Optional) => rel(
                        &id,
                        RelationshipType::OptionalDependencyOf,
                        &self.product_id,
                    ),
                    None => rel(&self.product_id, RelationshipType::DependsOn, &id),
                }
            }
            for d in &c.dependencies {
                if let Some(dep) = known.get(d.as_str())
                    && *dep != id
                {
                    rel(&id, RelationshipType::DependsOn, dep);
                }
            }
        }
        for (owner, list) in &owned {
            for f in list {
                rel(owner, RelationshipType::Contains, &file_id(&f.path));
            }
        }
        let relationships = rels
            .into_iter()
            .map(|((a, _, b), t)| Relationship::new(&a, &b, t, None))
            .collect();

        // Licenses outside the SPDX list.
        let extracted = std::mem::take(&mut self.refs)
            .into_iter()
            .map(|(id, seen)| OtherLicensingInformationDetected {
                license_name: id.trim_start_matches("LicenseRef-").to_string(),
                extracted_text: extracted_text(&id, seen),
                license_identifier: id,
                license_cross_reference: Vec::new(),
                license_comment: None,
            })
            .collect();

        Ok(SPDX {
            document_creation_information: DocumentCreationInformation {
                spdx_version: "SPDX-2.3".into(),
                data_license: "CC0-1.0".into(),
                spdx_identifier: DOCUMENT_ID.into(),
                document_name: inv.root_name.clone(),
                spdx_document_namespace: String::new(),
                external_document_references: Vec::new(),
                creation_info,
                document_comment: None,
                document_describes: Vec::new(),
            },
            package_information: packages,
            other_licensing_information_detected: extracted,
            file_information: files,
            snippet_information: Vec::new(),
            relationships,
            annotations: Vec::new(),
            spdx_ref_counter: 0,
        })
    }

    /// `creationInfo`, and an annotation by clearance dated like it: read from JSON, so that
    /// this crate needs no date library besides the one `spdx-rs` uses inside.
    fn creation(&self) -> Result<(CreationInfo, Annotation), SbomError> {
        let list_version = ::spdx::identifiers::VERSION
            .split('.')
            .take(2)
            .collect::<Vec<_>>()
            .join(".");
        let bad = |e: serde_json::Error| SbomError::Timestamp(format!("`{}`: {e}", self.created));
        let info: CreationInfo = serde_json::from_value(serde_json::json!({
            "licenseListVersion": list_version,
            "creators": [self.annotator],
            "created": self.created,
        }))
        .map_err(bad)?;
        let annotation: Annotation = serde_json::from_value(serde_json::json!({
            "annotator": self.annotator,
            "annotationDate": self.created,
            "annotationType": "OTHER",
            "spdxIdentifierReference": null,
            "comment": "",
        }))
        .map_err(bad)?;
        Ok((info, annotation))
    }

    /// SPDXID of the package that owns the file at `path`: the component whose license files,
    /// owned files, detected evidence or sources name it, else the one with the longest root
    /// that holds it, else the product.
    fn owner_of(&self, path: &str) -> String {
        let comps = &self.inv.components;
        let named = comps.iter().find(|c| {
            c.license_files.iter().any(|p| p == path)
                || c.owned_files.iter().any(|p| p == path)
                || c.detected.iter().any(|f| f.evidence.path == path)
                || c.sources.iter().any(|s| s.path == path)
        });
        if let Some(c) = named {
            return package_id(c);
        }
        let mut best: Option<(usize, &Component)> = None;
        for c in comps {
            for r in &c.roots {
                let holds = r.is_empty()
                    || path
                        .strip_prefix(r.as_str())
                        .is_some_and(|rest| rest.starts_with('/'));
                if holds && best.is_none_or(|(len, _)| r.len() > len) {
                    best = Some((r.len(), c));
                }
            }
        }
        best.map_or_else(|| self.product_id.clone(), |(_, c)| package_id(c))
    }

    fn file(&self, f: &FileRecord) -> FileInformation {
        let mut checksums = Vec::new();
        if !f.sha1.is_empty() {
            checksums.push(Checksum::new(Algorithm::SHA1, &f.sha1));
        }
        if !f.sha256.is_empty() {
            checksums.push(Checksum::new(Algorithm::SHA256, &f.sha256));
        }
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for finding in &f.findings {
            ids.extend(term_ids(&finding.expression));
        }
        if let Some(e) = &f.expression {
            ids.extend(term_ids(e));
        }
        let info_in_file: Vec<SpdxExpression> = if ids.is_empty() {
            vec![SpdxExpression::parse("NONE").unwrap_or_default()]
        } else {
            ids.iter()
                .map(|id| SpdxExpression::parse(id).unwrap_or_default())
                .collect()
        };
        let copyrights: Vec<&str> = f.copyrights.iter().map(|c| c.statement.as_str()).collect();
        FileInformation {
            file_name: format!("./{}", f.path.trim_start_matches("./")),
            file_spdx_identifier: file_id(&f.path),
            file_type: vec![match f.kind {
                FileKind::Text => FileType::Text,
                FileKind::Binary => FileType::Binary,
            }],
            file_checksum: checksums,
            concluded_license: Some(
                f.expression
                    .as_ref()
                    .map_or_else(noassertion, model_expression),
            ),
            license_information_in_file: info_in_file,
            copyright_text: Some(if copyrights.is_empty() {
                "NOASSERTION".into()
            } else {
                copyrights.join("\n")
            }),
            ..FileInformation::default()
        }
    }

    fn package(&self, c: &Component, annotation: &Annotation) -> PackageInformation {
        let mut p = PackageInformation {
            package_name: c.name.clone(),
            package_spdx_identifier: package_id(c),
            package_version: c.version.clone().filter(|v| !v.is_empty()),
            package_supplier: Some(
                c.supplier
                    .as_deref()
                    .and_then(|s| actor(s, false))
                    .unwrap_or_else(|| "NOASSERTION".into()),
            ),
            package_originator: originator(&c.authors),
            files_analyzed: Some(false),
            concluded_license: Some(
                c.concluded
                    .expression
                    .as_ref()
                    .map_or_else(noassertion, model_expression),
            ),
            declared_license: Some(declared(c).map_or_else(noassertion, |e| model_expression(&e))),
            copyright_text: Some(if c.copyrights.is_empty() {
                "NOASSERTION".into()
            } else {
                c.copyrights.join("\n")
            }),
            ..PackageInformation::default()
        };
        let mut checksums: Vec<&clearance_model::Checksum> = c.hashes.iter().collect();
        checksums.sort();
        checksums.dedup();
        p.package_checksum = checksums
            .into_iter()
            .map(|h| Checksum::new(algorithm(h.algorithm), &h.value))
            .collect();
        if c.purl.starts_with("pkg:") {
            p.external_reference.push(ExternalPackageReference {
                reference_category: ExternalPackageReferenceCategory::PackageManager,
                reference_type: "purl".into(),
                reference_locator: c.purl.clone(),
                reference_comment: None,
            });
        }
        p.annotations = self
            .properties(c)
            .into_iter()
            .map(|comment| Annotation {
                annotation_comment: comment,
                ..annotation.clone()
            })
            .collect();
        p
    }

    /// The `clearance:*` properties of a component, `name=value`, sorted.
    fn properties(&self, c: &Component) -> Vec<String> {
        let mut props = BTreeSet::new();
        props.insert(format!(
            "clearance:origin={}",
            match c.origin {
                Origin::FirstParty => "first-party",
                Origin::ThirdParty => "third-party",
            }
        ));
        if let Some(s) = c.scope {
            props.insert(format!("clearance:scope={}", s.as_str()));
        }
        if let Some(d) = c.direct {
            props.insert(format!("clearance:direct={d}"));
        }
        for d in &c.declared {
            props.insert(format!("clearance:license:declared={}", d.raw));
        }
        for f in &c.detected {
            let ev = &f.evidence;
            props.insert(format!(
                "clearance:license:detected={} | {} | {}-{} | {:.2}",
                spdx_expression(&f.expression),
                ev.path,
                ev.lines.start,
                ev.lines.end,
                ev.confidence
            ));
        }
        props.insert(format!(
            "clearance:license:concluded-reason={}",
            reason(c.concluded.reason)
        ));
        for s in &c.sources {
            props.insert(match s.line {
                Some(l) => format!("clearance:source={} {}:{l}", s.cataloger, s.path),
                None => format!("clearance:source={} {}", s.cataloger, s.path),
            });
        }
        for r in &c.roots {
            props.insert(format!(
                "clearance:root={}",
                if r.is_empty() { "." } else { r.as_str() }
            ));
        }
        props.into_iter().collect()
    }
}

/// The declared license of a component: its manifests' expressions, distinct, joined with
/// `AND` (manifests that disagree all apply).
fn declared(c: &Component) -> Option<LicenseExpr> {
    let mut distinct: Vec<LicenseExpr> = Vec::new();
    for e in c.declared.iter().filter_map(|d| d.expression.as_ref()) {
        if !distinct.iter().any(|d| d.sorted() == e.sorted()) {
            distinct.push(e.clone());
        }
    }
    (!distinct.is_empty()).then(|| LicenseExpr::and(distinct))
}

/// `originator` of a component's authors: `Person: …` (one author with their address, or the
/// names of several).
fn originator(authors: &[String]) -> Option<String> {
    match authors {
        [] => None,
        [one] => actor(one, true),
        many => {
            let names: Vec<String> = many
                .iter()
                .filter_map(|a| actor(a, true))
                .map(|a| {
                    let a = a.trim_start_matches("Person: ");
                    match a.find(" (") {
                        Some(i) => a[..i].to_string(),
                        None => a.to_string(),
                    }
                })
                .collect();
            (!names.is_empty()).then(|| format!("Person: {}", names.join(", ")))
        }
    }
}

/// Marks a package as analysed with its listed files: `filesAnalyzed`, the verification code
/// over their SHA-1s and the licenses found in them.
fn analysed(p: &mut PackageInformation, files: &[&FileRecord]) {
    p.files_analyzed = Some(true);
    let mut sha1s: Vec<&str> = Vec::new();
    let mut excluded: Vec<String> = Vec::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for f in files {
        if f.sha1.len() == 40 {
            sha1s.push(&f.sha1);
        } else {
            excluded.push(format!("./{}", f.path));
        }
        for finding in &f.findings {
            ids.extend(term_ids(&finding.expression));
        }
        if let Some(e) = &f.expression {
            ids.extend(term_ids(e));
        }
    }
    p.package_verification_code = Some(PackageVerificationCode {
        value: verification_code(&sha1s),
        excludes: excluded,
    });
    if ids.is_empty() {
        ids.insert("NONE".into());
    }
    p.all_licenses_information_from_files = ids.into_iter().collect();
}

/// The SPDX package verification code: SHA-1 of the sorted, concatenated lower-case SHA-1s of
/// the package's files.
pub fn verification_code(sha1s: &[&str]) -> String {
    let mut sorted: Vec<String> = sha1s.iter().map(|s| s.to_ascii_lowercase()).collect();
    sorted.sort();
    clearance_model::sha1_hex(sorted.concat().as_bytes())
}

/// The text of a `LicenseRef-`: a license file that holds it, else a matched text, else a
/// sentence naming where it was found or declared.
fn extracted_text(id: &str, seen: RefSeen) -> String {
    if let Some(t) = seen.file_text.or(seen.evidence_text) {
        return t;
    }
    let mut parts = Vec::new();
    for (path, start, end) in &seen.found {
        let lines = if start == end {
            format!("line {start}")
        } else {
            format!("lines {start}-{end}")
        };
        parts.push(format!("found in {path} at {lines}"));
    }
    for (raw, path) in &seen.declared {
        parts.push(format!("declared as \"{}\" in {path}", one_line(raw)));
    }
    if parts.is_empty() {
        format!("The license {id} was named by clearance; no text of it was kept.")
    } else {
        format!(
            "The license {id} was {}; no text of it was kept.",
            parts.join(", ")
        )
    }
}
