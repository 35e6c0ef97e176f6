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
    Component, FileKind, FileRecord, HashAlgorithm, Inventory, LicenseExpr, LicenseTerm, Scope,
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
/// `primaryPackagePurpose` is spelled with `-` (`OPERATING-SYSTEM`), and empty lists the schema
/// does not require are left out.
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
    for p in doc
        .get_mut("packages")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(purpose) = p.get_mut("primaryPackagePurpose")
            && let Some(s) = purpose.as_str()
        {
            *purpose = Value::String(s.replace('_', "-"));
        }
    }
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
        // `NOASSERTION` and `NONE` are values of the field, not licenses (a table of SPDX
        // identifiers names them too).
        .filter(|t| t.license != "NOASSERTION" && t.license != "NONE")
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
pub(crate) struct RefSeen {
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
        let root = crate::product_package(inv);
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

    fn build(mut self) -> Result<SPDX, SbomError> {
        let (creation_info, annotation) = self.creation()?;
        let inv = self.inv;

        self.refs = collect_refs(inv, self.opts.files);

        // Files and their owners.
        let mut owned: BTreeMap<String, Vec<&FileRecord>> = BTreeMap::new();
        if self.opts.files {
            let owners = Owners::new(inv);
            // SPDX requires a SHA-1 of every file: a record without one (read from an older
            // inventory) cannot be listed.
            for f in inv.files.iter().filter(|f| is_sha1(&f.sha1)) {
                let owner = owners
                    .of(&f.path)
                    .map_or_else(|| self.product_id.clone(), package_id);
                owned.entry(owner).or_default().push(f);
            }
        }
        let mut files: Vec<FileInformation> =
            owned.values().flatten().map(|f| self.file(f)).collect();
        files.sort_by(|a, b| a.file_name.cmp(&b.file_name));

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
            // Without a supplier in its metadata, its authors supply it (as in CycloneDX: see
            // `crate::supplier_of`).
            package_supplier: Some(
                c.supplier
                    .as_deref()
                    .and_then(|s| actor(s, false))
                    .or_else(|| originator(&c.authors))
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

    /// The `clearance:*` properties of a component (see [`crate::properties`]), `name=value`,
    /// in writing order (authors keep theirs), each once.
    fn properties(&self, c: &Component) -> Vec<String> {
        let mut props: Vec<String> = Vec::new();
        for p in crate::properties(c)
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
        {
            if !props.contains(&p) {
                props.push(p);
            }
        }
        props
    }
}

/// Who owns a listed file: the component whose license files, owned files, detected evidence
/// or sources name it, else the one with the longest root that holds it (the first in purl
/// order on a tie); `None` leaves it to the product.
struct Owners<'a> {
    named: BTreeMap<&'a str, &'a Component>,
    roots: BTreeMap<&'a str, &'a Component>,
}

impl<'a> Owners<'a> {
    fn new(inv: &'a Inventory) -> Self {
        let mut named = BTreeMap::new();
        let mut roots = BTreeMap::new();
        for c in &inv.components {
            let paths = c
                .license_files
                .iter()
                .chain(&c.owned_files)
                .map(String::as_str)
                .chain(c.detected.iter().map(|f| f.evidence.path.as_str()))
                .chain(c.sources.iter().map(|s| s.path.as_str()));
            for p in paths {
                named.entry(p).or_insert(c);
            }
            for r in &c.roots {
                roots.entry(r.trim_end_matches('/')).or_insert(c);
            }
        }
        Owners { named, roots }
    }

    fn of(&self, path: &str) -> Option<&'a Component> {
        if let Some(c) = self.named.get(path) {
            return Some(c);
        }
        // The directories holding `path`, deepest first, then the root itself.
        let mut dir = path;
        while let Some(i) = dir.rfind('/') {
            dir = &dir[..i];
            if let Some(c) = self.roots.get(dir) {
                return Some(c);
            }
        }
        self.roots.get("").copied()
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
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for f in files {
        sha1s.push(&f.sha1);
        for finding in &f.findings {
            ids.extend(term_ids(&finding.expression));
        }
        if let Some(e) = &f.expression {
            ids.extend(term_ids(e));
        }
    }
    p.package_verification_code = Some(PackageVerificationCode {
        value: verification_code(&sha1s),
        excludes: Vec::new(),
    });
    if ids.is_empty() {
        ids.insert("NONE".into());
    }
    p.all_licenses_information_from_files = ids.into_iter().collect();
}

fn is_sha1(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The SPDX package verification code: SHA-1 of the sorted, concatenated lower-case SHA-1s of
/// the package's files.
pub fn verification_code(sha1s: &[&str]) -> String {
    let mut sorted: Vec<String> = sha1s.iter().map(|s| s.to_ascii_lowercase()).collect();
    sorted.sort();
    clearance_model::sha1_hex(sorted.concat().as_bytes())
}

/// Every `LicenseRef-` (as SPDX spells it: see [`spdx_expression`]) a component names, or a file
/// whose findings are written (`listed_files`), with what is known of where it came from.
pub(crate) fn collect_refs(inv: &Inventory, listed_files: bool) -> BTreeMap<String, RefSeen> {
    let mut refs = BTreeMap::new();
    for c in &inv.components {
        if let Some(e) = &c.concluded.expression {
            note_refs(&mut refs, e, true, |_| {});
        }
        for d in &c.declared {
            if let Some(e) = &d.expression {
                let seen = (d.raw.clone(), d.source.path.clone());
                note_refs(&mut refs, e, true, |r| {
                    r.declared.insert(seen.clone());
                });
            }
        }
        for f in &c.detected {
            let ev = &f.evidence;
            note_refs(&mut refs, &f.expression, true, |r| {
                r.found
                    .insert((ev.path.clone(), ev.lines.start, ev.lines.end));
                if r.evidence_text.is_none() {
                    r.evidence_text = ev.text.clone().filter(|t| !t.trim().is_empty());
                }
            });
        }
    }
    // A file's licenses are written only when the file is listed; its texts serve all.
    for file in &inv.files {
        let listed = listed_files && is_sha1(&file.sha1);
        // A license file's text, not a notices file's (it holds other packages' licenses).
        let text = file
            .text
            .clone()
            .filter(|t| file.license_file && !file.notices_file && !t.trim().is_empty());
        for f in &file.findings {
            let ev = &f.evidence;
            note_refs(&mut refs, &f.expression, listed, |r| {
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
            note_refs(&mut refs, e, listed, |_| {});
        }
    }

    refs
}

/// Records the `LicenseRef-`s of an expression, with what is known of where it came from;
/// unless `used`, only those already recorded are updated (the expression is not written).
fn note_refs(
    refs: &mut BTreeMap<String, RefSeen>,
    e: &LicenseExpr,
    used: bool,
    mut f: impl FnMut(&mut RefSeen),
) {
    for t in spdx_expression(e).terms() {
        if !t.license.starts_with("LicenseRef-") {
            continue;
        }
        if used {
            f(refs.entry(t.license.clone()).or_default());
        } else if let Some(seen) = refs.get_mut(&t.license) {
            f(seen);
        }
    }
}

/// The text of a `LicenseRef-`: a license file that holds it, else a matched text, else a
/// sentence naming where it was found or declared.
pub(crate) fn extracted_text(id: &str, seen: RefSeen) -> String {
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
    // What one of clearance's own ids stands for.
    let meaning = clearance_model::declared::meaning_of(id)
        .map(|m| format!("{m} "))
        .unwrap_or_default();
    if parts.is_empty() {
        format!("{meaning}The license {id} was named by clearance; no text of it was kept.")
    } else {
        format!(
            "{meaning}The license {id} was {}; no text of it was kept.",
            parts.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_model::{
        Concluded, ConclusionReason, Copyright, DeclaredLicense, Evidence, LicenseFinding, Lines,
        Origin, Source, Tier, WalkStats, declared::Reading,
    };

    fn expr(s: &str) -> LicenseExpr {
        LicenseExpr::parse(s).unwrap()
    }

    fn component(name: &str, version: &str) -> Component {
        Component::new(
            clearance_model::Ecosystem::Npm,
            name,
            Some(version.into()),
            format!("pkg:npm/{name}@{version}"),
        )
    }

    fn finding(e: LicenseExpr, path: &str, start: u32, end: u32) -> LicenseFinding {
        LicenseFinding {
            expression: e,
            evidence: Evidence::new(path, Lines::new(start, end), 1.0, Tier::LicenseText),
        }
    }

    fn record(path: &str, sha1: &str) -> FileRecord {
        FileRecord {
            path: path.into(),
            size: 10,
            sha256: clearance_model::sha256_hex(path.as_bytes()),
            sha1: sha1.into(),
            kind: FileKind::Text,
            license_file: false,
            expression: None,
            findings: Vec::new(),
            copyrights: Vec::new(),
            references: Vec::new(),
            truncated: None,
            notices_file: false,
            text: None,
        }
    }

    fn inventory() -> Inventory {
        let mut app = component("app", "1.0.0");
        app.origin = Origin::FirstParty;
        app.roots.push(String::new());
        app.dependencies = vec!["pkg:npm/a@2.0.0".into(), "pkg:npm/missing@1.0.0".into()];
        app.concluded.expression = Some(expr("MIT"));

        let mut a = component("@scope/a", "2.0.0");
        a.purl = "pkg:npm/a@2.0.0".into();
        a.scope = Some(Scope::Runtime);
        a.direct = Some(true);
        a.roots.push("node_modules/a".into());
        a.supplier = Some("Jane Doe <jane@example.com>".into());
        a.authors = vec!["Jane Doe <jane@example.com>".into()];
        a.hashes = vec![
            clearance_model::Checksum::from_hex(HashAlgorithm::Sha512, &"ab".repeat(64)).unwrap(),
        ];
        a.dependencies = vec!["pkg:npm/b@1.0.0".into()];
        a.license_files = vec!["node_modules/a/LICENSE".into()];
        a.copyrights = vec![
            "Copyright 2020 Jane Doe".into(),
            "Copyright 2021 Acme".into(),
        ];
        a.concluded = Concluded {
            expression: Some(expr("MIT OR LicenseRef-acme")),
            reason: ConclusionReason::Agree,
            explanation: String::new(),
            modified: None,
        };
        a.declared.push(DeclaredLicense {
            raw: "MIT OR LicenseRef-acme".into(),
            expression: Some(expr("MIT OR LicenseRef-acme")),
            reading: Reading::Spdx,
            license_file: None,
            notes: Vec::new(),
            source: Source {
                cataloger: "npm-package-json".into(),
                path: "node_modules/a/package.json".into(),
                line: Some(4),
            },
        });
        a.sources.push(a.declared[0].source.clone());
        a.detected.push(finding(
            expr("LicenseRef-acme"),
            "node_modules/a/LICENSE",
            1,
            20,
        ));

        let mut b = component("b", "1.0.0");
        b.scope = Some(Scope::Dev);
        b.supplier = Some("Acme Corp".into());
        b.concluded.expression = Some(LicenseExpr::term("Foo-License"));

        let mut c = component("c", "0.1.0");
        c.concluded.expression = Some(expr("GPL-2.0-or-later WITH Classpath-exception-2.0"));
        c.authors = vec!["Ann".into(), "Bob <bob@example.com>".into()];

        let mut license = record(
            "node_modules/a/LICENSE",
            "a9993e364706816aba3e25717850c26c9cd0d89d",
        );
        license.license_file = true;
        license.text = Some("Acme license text.\n".into());
        license.findings = vec![finding(
            expr("LicenseRef-acme"),
            "node_modules/a/LICENSE",
            1,
            20,
        )];
        license.expression = Some(expr("LicenseRef-acme"));
        let mut main = record("src/main.js", "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        main.findings = vec![finding(expr("MIT"), "src/main.js", 1, 1)];
        main.expression = Some(expr("MIT"));
        main.copyrights = vec![Copyright {
            statement: "Copyright 2024 App Inc".into(),
            holder: None,
            line: 2,
        }];
        let readme = record("node_modules/a/README.md", "");
        let notice = record("node_modules/a/NOTICE", &"1".repeat(40));

        Inventory {
            root_name: "my app".into(),
            components: vec![a, app, b, c],
            files: vec![license, notice, readme, main],
            foreign: vec![],
            problems: vec![],
            stats: WalkStats::default(),
        }
    }

    fn opts(files: bool) -> SbomOptions {
        SbomOptions {
            timestamp: Some("2024-05-01T14:00:00.5+02:00".into()),
            tool_version: "0.1.0".into(),
            files,
            license_text: false,
        }
    }

    fn json(inv: &Inventory, files: bool) -> Value {
        serde_json::from_slice(&spdx_json(inv, &opts(files)).unwrap()).unwrap()
    }

    fn package<'v>(v: &'v Value, name: &str) -> &'v Value {
        v["packages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()
    }

    fn relationships(v: &Value) -> Vec<String> {
        v["relationships"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} {} {}",
                    r["spdxElementId"].as_str().unwrap(),
                    r["relationshipType"].as_str().unwrap(),
                    r["relatedSpdxElement"].as_str().unwrap()
                )
            })
            .collect()
    }

    #[test]
    fn document_header() {
        let v = json(&inventory(), false);
        assert_eq!(v["spdxVersion"], "SPDX-2.3");
        assert_eq!(v["dataLicense"], "CC0-1.0");
        assert_eq!(v["SPDXID"], "SPDXRef-DOCUMENT");
        assert_eq!(v["name"], "my app");
        assert_eq!(v["creationInfo"]["created"], "2024-05-01T12:00:00Z");
        assert_eq!(v["creationInfo"]["creators"][0], "Tool: clearance-0.1.0");
        let ns = v["documentNamespace"].as_str().unwrap();
        let uuid = ns
            .strip_prefix("https://spdx.org/spdxdocs/clearance/my%20app-")
            .unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(uuid.as_bytes()[14], b'8');
        assert!(v.get("files").is_none());
        assert!(!v.to_string().contains("spdxIdentifierReference"));
    }

    #[test]
    fn packages() {
        let v = json(&inventory(), false);
        let packages = v["packages"].as_array().unwrap();
        assert_eq!(packages.len(), 4);
        assert_eq!(packages[0]["name"], "app");
        assert_eq!(packages[0]["primaryPackagePurpose"], "APPLICATION");
        for p in packages {
            let id = p["SPDXID"].as_str().unwrap();
            let rest = id.strip_prefix("SPDXRef-").unwrap();
            assert!(
                rest.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
                "{id}"
            );
            assert_eq!(p["downloadLocation"], "NOASSERTION");
            assert_eq!(p["filesAnalyzed"], false);
        }
        let a = package(&v, "@scope/a");
        let hash = clearance_model::sha256_hex(b"pkg:npm/a@2.0.0");
        assert_eq!(
            a["SPDXID"],
            format!("SPDXRef-Package--scope-a-{}", &hash[..10])
        );
        assert_eq!(a["primaryPackagePurpose"], "LIBRARY");
        assert_eq!(a["versionInfo"], "2.0.0");
        assert_eq!(a["supplier"], "Person: Jane Doe (jane@example.com)");
        assert_eq!(a["originator"], "Person: Jane Doe (jane@example.com)");
        assert_eq!(a["checksums"][0]["algorithm"], "SHA512");
        assert_eq!(a["checksums"][0]["checksumValue"], "ab".repeat(64));
        assert_eq!(a["externalRefs"][0]["referenceCategory"], "PACKAGE-MANAGER");
        assert_eq!(a["externalRefs"][0]["referenceType"], "purl");
        assert_eq!(a["externalRefs"][0]["referenceLocator"], "pkg:npm/a@2.0.0");
        assert_eq!(a["licenseConcluded"], "MIT OR LicenseRef-acme");
        assert_eq!(a["licenseDeclared"], "MIT OR LicenseRef-acme");
        assert_eq!(
            a["copyrightText"],
            "Copyright 2020 Jane Doe\nCopyright 2021 Acme"
        );
        let comments: Vec<&str> = a["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                assert_eq!(x["annotationType"], "OTHER");
                assert_eq!(x["annotator"], "Tool: clearance-0.1.0");
                assert_eq!(x["annotationDate"], "2024-05-01T12:00:00Z");
                x["comment"].as_str().unwrap()
            })
            .collect();
        assert_eq!(
            comments,
            [
                "clearance:origin=third-party",
                "clearance:scope=runtime",
                "clearance:direct=true",
                "clearance:author=Jane Doe <jane@example.com>",
                "clearance:license:declared=MIT OR LicenseRef-acme",
                "clearance:license:detected=LicenseRef-acme | node_modules/a/LICENSE | 1-20 | 1.00",
                "clearance:license:concluded-reason=agree",
                "clearance:source=npm-package-json node_modules/a/package.json:4",
                "clearance:root=node_modules/a",
            ]
        );
        let b = package(&v, "b");
        assert_eq!(b["supplier"], "Organization: Acme Corp");
        assert_eq!(b["licenseConcluded"], "LicenseRef-Foo-License");
        assert_eq!(b["licenseDeclared"], "NOASSERTION");
        assert_eq!(b["copyrightText"], "NOASSERTION");
        let c = package(&v, "c");
        // Without a supplier, its authors supply it.
        assert_eq!(c["supplier"], "Person: Ann, Bob");
        assert_eq!(c["originator"], "Person: Ann, Bob");
        assert_eq!(
            c["licenseConcluded"],
            "GPL-2.0-or-later WITH Classpath-exception-2.0"
        );
    }

    #[test]
    fn relationships_to_the_product() {
        let v = json(&inventory(), false);
        let id = |name: &str| package(&v, name)["SPDXID"].as_str().unwrap().to_string();
        let (app, a, b, c) = (id("app"), id("@scope/a"), id("b"), id("c"));
        let rels = relationships(&v);
        let mut want = vec![
            format!("SPDXRef-DOCUMENT DESCRIBES {app}"),
            format!("{a} RUNTIME_DEPENDENCY_OF {app}"),
            format!("{a} DEPENDS_ON {b}"),
            format!("{b} DEV_DEPENDENCY_OF {app}"),
            format!("{app} DEPENDS_ON {c}"),
            format!("{app} DEPENDS_ON {a}"),
        ];
        want.sort();
        let mut got = rels.clone();
        got.sort();
        assert_eq!(got, want);
        // Written sorted.
        let mut sorted = rels.clone();
        sorted.sort_by(|x, y| {
            let k = |s: &str| {
                let p: Vec<&str> = s.split(' ').collect();
                (p[0].to_string(), p[1].to_string(), p[2].to_string())
            };
            k(x).cmp(&k(y))
        });
        assert_eq!(rels, sorted);
    }

    #[test]
    fn license_refs_are_extracted() {
        let v = json(&inventory(), false);
        let infos = v["hasExtractedLicensingInfos"].as_array().unwrap();
        let ids: Vec<&str> = infos
            .iter()
            .map(|i| i["licenseId"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["LicenseRef-Foo-License", "LicenseRef-acme"]);
        assert_eq!(infos[0]["name"], "Foo-License");
        assert_eq!(
            infos[0]["extractedText"],
            "The license LicenseRef-Foo-License was named by clearance; no text of it was kept."
        );
        assert_eq!(infos[1]["name"], "acme");
        assert_eq!(infos[1]["extractedText"], "Acme license text.\n");

        // Without the kept text: the matched text, else where it was found.
        let mut inv = inventory();
        inv.files[0].text = None;
        let v = json(&inv, false);
        assert_eq!(
            v["hasExtractedLicensingInfos"][1]["extractedText"],
            "The license LicenseRef-acme was found in node_modules/a/LICENSE at lines 1-20, \
             declared as \"MIT OR LicenseRef-acme\" in node_modules/a/package.json; no text of \
             it was kept."
        );
        inv.components[0].detected[0].evidence.text = Some("matched".into());
        let v = json(&inv, false);
        assert_eq!(
            v["hasExtractedLicensingInfos"][1]["extractedText"],
            "matched"
        );
    }

    #[test]
    fn terms_outside_the_list() {
        let term = |license: &str, or_later: bool, exception: Option<&str>| {
            spdx_term(&LicenseTerm {
                license: license.into(),
                or_later,
                exception: exception.map(str::to_string),
            })
            .to_string()
        };
        assert_eq!(term("MIT", false, None), "MIT");
        assert_eq!(term("Apache-1.0", true, None), "Apache-1.0+");
        assert_eq!(term("Foo License", false, None), "LicenseRef-Foo-License");
        assert_eq!(term("LicenseRef-a_b", false, None), "LicenseRef-a-b");
        assert_eq!(term("LicenseRef-x", true, None), "LicenseRef-x-or-later");
        assert_eq!(
            term("GPL-2.0-only", false, Some("Classpath-exception-2.0")),
            "GPL-2.0-only WITH Classpath-exception-2.0"
        );
        assert_eq!(
            term("GPL-2.0-only", false, Some("AdditionRef-foo")),
            "LicenseRef-GPL-2.0-only-with-foo"
        );
        assert_eq!(
            spdx_expression(&LicenseExpr::or(vec![
                LicenseExpr::term("weird"),
                expr("MIT AND ISC")
            ]))
            .to_string(),
            "LicenseRef-weird OR (MIT AND ISC)"
        );
    }

    #[test]
    fn files_and_their_packages() {
        let v = json(&inventory(), true);
        let files = v["files"].as_array().unwrap();
        let names: Vec<&str> = files
            .iter()
            .map(|f| f["fileName"].as_str().unwrap())
            .collect();
        // The README has no SHA-1: it cannot be listed.
        assert_eq!(
            names,
            [
                "./node_modules/a/LICENSE",
                "./node_modules/a/NOTICE",
                "./src/main.js"
            ]
        );
        let license = &files[0];
        let hash = clearance_model::sha256_hex(b"node_modules/a/LICENSE");
        assert_eq!(license["SPDXID"], format!("SPDXRef-File-{}", &hash[..12]));
        assert_eq!(license["checksums"][0]["algorithm"], "SHA1");
        assert_eq!(license["checksums"][1]["algorithm"], "SHA256");
        assert_eq!(license["licenseInfoInFiles"][0], "LicenseRef-acme");
        assert_eq!(license["licenseConcluded"], "LicenseRef-acme");
        assert_eq!(license["copyrightText"], "NOASSERTION");
        assert_eq!(files[1]["licenseInfoInFiles"][0], "NONE");
        assert_eq!(files[1]["licenseConcluded"], "NOASSERTION");
        assert_eq!(files[2]["copyrightText"], "Copyright 2024 App Inc");

        let rels = relationships(&v);
        let a = package(&v, "@scope/a");
        let app = package(&v, "app");
        let file = |i: usize| files[i]["SPDXID"].as_str().unwrap().to_string();
        for (owner, i) in [(a, 0), (a, 1), (app, 2)] {
            let r = format!("{} CONTAINS {}", owner["SPDXID"].as_str().unwrap(), file(i));
            assert!(rels.contains(&r), "{r}");
        }
        assert_eq!(a["filesAnalyzed"], true);
        assert_eq!(
            a["packageVerificationCode"]["packageVerificationCodeValue"],
            verification_code(&["a9993e364706816aba3e25717850c26c9cd0d89d", &"1".repeat(40)])
        );
        assert!(
            a["packageVerificationCode"]
                .get("packageVerificationCodeExcludedFiles")
                .is_none()
        );
        assert_eq!(
            a["licenseInfoFromFiles"],
            serde_json::json!(["LicenseRef-acme"])
        );
        assert_eq!(app["filesAnalyzed"], true);
        assert_eq!(app["licenseInfoFromFiles"], serde_json::json!(["MIT"]));
        assert_eq!(package(&v, "b")["filesAnalyzed"], false);
        assert!(package(&v, "b").get("licenseInfoFromFiles").is_none());
    }

    #[test]
    fn file_owner_by_longest_root() {
        let mut inv = inventory();
        inv.components[0].license_files.clear();
        inv.components[0].detected.clear();
        let v = json(&inv, true);
        let a = package(&v, "@scope/a")["SPDXID"]
            .as_str()
            .unwrap()
            .to_string();
        let license = v["files"][0]["SPDXID"].as_str().unwrap().to_string();
        assert!(relationships(&v).contains(&format!("{a} CONTAINS {license}")));

        // Without a root package, files nobody holds go to the product.
        inv.components.retain(|c| c.name != "app");
        let v = json(&inv, true);
        let main = v["files"][2]["SPDXID"].as_str().unwrap().to_string();
        assert!(relationships(&v).contains(&format!("{PRODUCT_ID} CONTAINS {main}")));
    }

    #[test]
    fn verification_code_follows_the_spdx_algorithm() {
        let a = "a9993e364706816aba3e25717850c26c9cd0d89d";
        let b = "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709";
        // SHA-1 of the sorted, concatenated lower-case SHA-1s.
        assert_eq!(
            verification_code(&[b, a]),
            "29d0dbdfff975c93e2d75e5024fe8b650ec847af"
        );
        assert_eq!(verification_code(&[a, b]), verification_code(&[b, a]));
    }

    #[test]
    fn product_without_package() {
        let mut inv = inventory();
        inv.components.retain(|c| c.name != "app");
        let v = json(&inv, false);
        let p = &v["packages"][0];
        assert_eq!(p["SPDXID"], PRODUCT_ID);
        assert_eq!(p["name"], "my app");
        assert_eq!(p["primaryPackagePurpose"], "APPLICATION");
        assert_eq!(p["supplier"], "NOASSERTION");
        assert_eq!(p["licenseConcluded"], "NOASSERTION");
        assert!(relationships(&v).contains(&format!("SPDXRef-DOCUMENT DESCRIBES {PRODUCT_ID}")));
    }

    #[test]
    fn deterministic_and_content_addressed() {
        let a = spdx_json(&inventory(), &opts(true)).unwrap();
        let b = spdx_json(&inventory(), &opts(true)).unwrap();
        assert_eq!(a, b);
        assert_eq!(
            spdx_tag_value(&inventory(), &opts(true)).unwrap(),
            spdx_tag_value(&inventory(), &opts(true)).unwrap()
        );
        let ns = |bytes: &[u8]| {
            serde_json::from_slice::<Value>(bytes).unwrap()["documentNamespace"].clone()
        };
        let mut other = inventory();
        other.components[2].version = Some("1.0.1".into());
        let c = spdx_json(&other, &opts(true)).unwrap();
        assert_ne!(ns(&a), ns(&c));
        // The namespace is the same in both formats.
        let tv = String::from_utf8(spdx_tag_value(&inventory(), &opts(true)).unwrap()).unwrap();
        assert!(tv.contains(&format!(
            "DocumentNamespace: {}\n",
            ns(&a).as_str().unwrap()
        )));
    }

    #[test]
    fn timestamps() {
        let v: Value =
            serde_json::from_slice(&spdx_json(&inventory(), &SbomOptions::default()).unwrap())
                .unwrap();
        assert_eq!(v["creationInfo"]["created"], EPOCH);
        let bad = SbomOptions {
            timestamp: Some("yesterday".into()),
            ..SbomOptions::default()
        };
        assert!(matches!(
            spdx_json(&inventory(), &bad),
            Err(SbomError::Timestamp(_))
        ));
    }

    #[test]
    fn json_is_spdx_2_3() {
        let mut v = serde_json::json!({
            "packages": [{
                "primaryPackagePurpose": "OPERATING_SYSTEM",
                "annotations": [{"comment": "x", "spdxIdentifierReference": null}],
            }],
            "snippets": [],
        });
        to_spdx_2_3(&mut v);
        assert_eq!(
            v,
            serde_json::json!({
                "packages": [{
                    "primaryPackagePurpose": "OPERATING-SYSTEM",
                    "annotations": [{"comment": "x"}],
                }],
            })
        );
    }

    #[test]
    fn odd_input_gives_a_valid_shape() {
        let empty = Inventory {
            root_name: String::new(),
            components: vec![],
            files: vec![],
            foreign: vec![],
            problems: vec![],
            stats: WalkStats::default(),
        };
        let v = json(&empty, true);
        assert_eq!(v["packages"][0]["SPDXID"], PRODUCT_ID);
        assert!(
            v["documentNamespace"]
                .as_str()
                .unwrap()
                .starts_with("https://spdx.org/spdxdocs/clearance/product-")
        );

        let mut inv = empty.clone();
        let mut odd = Component::new(
            clearance_model::Ecosystem::Generic,
            "",
            Some(String::new()),
            "not a purl".into(),
        );
        odd.supplier = Some("<>".into());
        odd.authors = vec![String::new(), "(".into()];
        odd.roots = vec!["dir/".into()];
        odd.concluded.expression = Some(LicenseExpr::term("Ünïcode licence (v2)+"));
        let mut weird = component("名前/x", "1");
        weird.concluded.expression = Some(LicenseExpr::term(""));
        inv.components = vec![odd, weird];
        let mut f = record("dir/ä b.txt", "");
        f.sha256.clear();
        let mut g = record("dir/ä c.txt", &"0".repeat(40));
        g.sha256.clear();
        inv.files = vec![f, g];
        let v = json(&inv, true);
        for p in v["packages"].as_array().unwrap() {
            let id = p["SPDXID"].as_str().unwrap();
            assert!(
                id.strip_prefix("SPDXRef-")
                    .unwrap()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'),
                "{id}"
            );
        }
        assert!(v["packages"][1].get("externalRefs").is_none());
        assert!(v["packages"][1].get("versionInfo").is_none());
        assert_eq!(
            v["packages"][1]["licenseConcluded"],
            "LicenseRef--n-code-licence--v2--"
        );
        assert_eq!(v["packages"][2]["licenseConcluded"], "LicenseRef--");
        assert_eq!(v["files"].as_array().unwrap().len(), 1);
        assert_eq!(v["files"][0]["fileName"], "./dir/ä c.txt");
        let tv = spdx_tag_value(&inv, &opts(true)).unwrap();
        assert!(!tv.is_empty());
    }

    #[test]
    fn actors() {
        assert_eq!(
            actor("Jane Doe <jane@example.com>", false).unwrap(),
            "Person: Jane Doe (jane@example.com)"
        );
        assert_eq!(
            actor("Jane Doe (jane@example.com)", false).unwrap(),
            "Person: Jane Doe (jane@example.com)"
        );
        assert_eq!(
            actor("jane@example.com", false).unwrap(),
            "Person: jane@example.com"
        );
        assert_eq!(
            actor("Acme (Europe) Ltd", false).unwrap(),
            "Organization: Acme [Europe] Ltd"
        );
        assert_eq!(actor("Ann", true).unwrap(), "Person: Ann");
        assert_eq!(actor("  ", false), None);
    }

    #[test]
    fn tag_value_layout() {
        let tv = String::from_utf8(spdx_tag_value(&inventory(), &opts(true)).unwrap()).unwrap();
        assert!(tv.starts_with(
            "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: my app\n"
        ));
        assert!(tv.contains("\nCreator: Tool: clearance-0.1.0\nCreated: 2024-05-01T12:00:00Z\n"));
        assert!(tv.contains(
            "PackageCopyrightText: <text>Copyright 2020 Jane Doe\nCopyright 2021 Acme</text>\n"
        ));
        assert!(tv.contains("\nPackageSupplier: Person: Jane Doe (jane@example.com)\n"));
        assert!(tv.contains("\nPackageChecksum: SHA512: "));
        assert!(tv.contains("\nExternalRef: PACKAGE-MANAGER purl pkg:npm/a@2.0.0\n"));
        assert!(tv.contains("\nPrimaryPackagePurpose: APPLICATION\n"));
        assert!(tv.contains("\nFilesAnalyzed: true\nPackageVerificationCode: "));
        assert!(tv.contains(
            "\nLicenseID: LicenseRef-acme\nExtractedText: <text>Acme license text.\n</text>\nLicenseName: acme\n"
        ));
        // A package's files follow it, and their CONTAINS is implied.
        let a = tv.find("PackageName: @scope/a\n").unwrap();
        let b = tv.find("PackageName: b\n").unwrap();
        let license = tv.find("FileName: ./node_modules/a/LICENSE\n").unwrap();
        assert!(a < license && license < b);
        assert!(!tv.contains(" CONTAINS "));
        assert!(tv.contains("\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Package-app-"));
        assert!(tv.contains(
            "\nAnnotator: Tool: clearance-0.1.0\nAnnotationDate: 2024-05-01T12:00:00Z\nAnnotationType: OTHER\nSPDXREF: SPDXRef-Package--scope-a-"
        ));
        assert!(tv.contains("AnnotationComment: <text>clearance:scope=runtime</text>\n"));
        assert!(tv.contains("\nLicenseInfoInFile: NONE\n"));
    }

    /// `spdx-rs`'s own readers get the same document back from the JSON and the tag-value.
    #[test]
    fn both_formats_read_back_alike() {
        let inv = inventory();
        let json: SPDX = serde_json::from_slice(&spdx_json(&inv, &opts(true)).unwrap()).unwrap();
        let tv = String::from_utf8(spdx_tag_value(&inv, &opts(true)).unwrap()).unwrap();
        let mut tv = spdx_rs::parsers::spdx_from_tag_value(&tv).unwrap();
        // spdx-rs's tag-value reader starts from its example creators and adds those it reads.
        let creators = &mut tv.document_creation_information.creation_info.creators;
        let read = creators.split_off(creators.len().saturating_sub(1));
        *creators = read;
        assert_eq!(
            json.document_creation_information,
            tv.document_creation_information
        );
        let strip = |doc: &SPDX| {
            let mut packages = doc.package_information.clone();
            for p in &mut packages {
                p.annotations.clear();
                // spdx-rs's tag-value reader does not keep these two.
                p.files_analyzed = None;
                p.primary_package_purpose = None;
            }
            // Nor the external reference of the last package of a document.
            if let Some(last) = packages.last_mut() {
                last.external_reference.clear();
            }
            packages
        };
        assert_eq!(strip(&json), strip(&tv));
        // Tag-value writes each package's files after it.
        let mut files = tv.file_information.clone();
        files.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        assert_eq!(json.file_information, files);
        assert_eq!(
            json.other_licensing_information_detected,
            tv.other_licensing_information_detected
        );
        let set = |doc: &SPDX| {
            doc.relationships
                .iter()
                .map(|r| format!("{r:?}"))
                .collect::<BTreeSet<_>>()
        };
        assert_eq!(set(&json), set(&tv));
        let annotations = |doc: &SPDX| {
            let mut all: Vec<String> = doc
                .annotations
                .iter()
                .map(|a| format!("{a:?}"))
                .chain(doc.package_information.iter().flat_map(|p| {
                    p.annotations.iter().map(|a| {
                        format!(
                            "{:?}",
                            Annotation {
                                spdx_identifier_reference: Some(p.package_spdx_identifier.clone()),
                                ..a.clone()
                            }
                        )
                    })
                }))
                .collect();
            all.sort();
            all
        };
        assert_eq!(annotations(&json), annotations(&tv));
    }

    #[test]
    fn tag_value_text_cannot_be_closed_early() {
        let mut inv = inventory();
        inv.components[0].copyrights = vec!["a </text> b".into()];
        let tv = String::from_utf8(spdx_tag_value(&inv, &opts(false)).unwrap()).unwrap();
        assert!(tv.contains("PackageCopyrightText: <text>a </ text> b</text>\n"));
    }
}
