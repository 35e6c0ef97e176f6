//! SPDX 2.3 tag-value, written from the same `spdx-rs` document as the JSON.
//!
//! Layout (SPDX 2.3 clause 5 and annex): document creation information, then each package
//! followed by the files it contains (a file written after a package is contained by it, so
//! those `CONTAINS` relationships are not repeated), the licenses outside the SPDX list, the
//! other relationships, and the packages' annotations (each naming its package with `SPDXREF`).
//! Free text is written in `<text>…</text>`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use spdx_rs::models::{
    Annotation, Checksum, ExternalPackageReferenceCategory, FileInformation, PackageInformation,
    RelationshipType, SPDX,
};

/// The document in tag-value.
pub(super) fn write(doc: &SPDX) -> String {
    let mut w = Writer::default();
    let info = &doc.document_creation_information;
    w.line("SPDXVersion", &info.spdx_version);
    w.line("DataLicense", &info.data_license);
    w.line("SPDXID", &info.spdx_identifier);
    w.line("DocumentName", &info.document_name);
    w.line("DocumentNamespace", &info.spdx_document_namespace);
    if let Some(v) = &info.creation_info.license_list_version {
        w.line("LicenseListVersion", v);
    }
    for c in &info.creation_info.creators {
        w.line("Creator", c);
    }
    w.line("Created", &json_string(&info.creation_info.created));
    if let Some(c) = &info.document_comment {
        w.text("DocumentComment", c);
    }

    // Which files each package contains (in file order); those are written after it.
    let packages: BTreeSet<&str> = doc
        .package_information
        .iter()
        .map(|p| p.package_spdx_identifier.as_str())
        .collect();
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for r in &doc.relationships {
        if r.relationship_type == RelationshipType::Contains
            && packages.contains(r.spdx_element_id.as_str())
        {
            owner
                .entry(r.related_spdx_element.as_str())
                .or_insert(r.spdx_element_id.as_str());
        }
    }
    let mut contained: BTreeMap<&str, Vec<&FileInformation>> = BTreeMap::new();
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut implied: BTreeSet<(&str, &str)> = BTreeSet::new();
    for f in &doc.file_information {
        if let Some(p) = owner.get(f.file_spdx_identifier.as_str())
            && placed.insert(&f.file_spdx_identifier)
        {
            contained.entry(p).or_default().push(f);
            implied.insert((p, &f.file_spdx_identifier));
        }
    }

    // Files no package contains come first, as the format asks.
    for f in &doc.file_information {
        if !placed.contains(f.file_spdx_identifier.as_str()) {
            w.blank();
            file(&mut w, f);
        }
    }
    for p in &doc.package_information {
        w.blank();
        package(&mut w, p);
        for f in contained
            .get(p.package_spdx_identifier.as_str())
            .into_iter()
            .flatten()
        {
            w.blank();
            file(&mut w, f);
        }
    }

    for l in &doc.other_licensing_information_detected {
        w.blank();
        w.line("LicenseID", &l.license_identifier);
        w.text("ExtractedText", &l.extracted_text);
        w.line("LicenseName", &l.license_name);
        for s in &l.license_cross_reference {
            w.line("LicenseCrossReference", s);
        }
        if let Some(c) = &l.license_comment {
            w.text("LicenseComment", c);
        }
    }

    let rels: Vec<_> = doc
        .relationships
        .iter()
        .filter(|r| {
            !implied.contains(&(r.spdx_element_id.as_str(), r.related_spdx_element.as_str()))
                || r.relationship_type != RelationshipType::Contains
        })
        .collect();
    if !rels.is_empty() {
        w.blank();
        for r in rels {
            w.line(
                "Relationship",
                &format!(
                    "{} {} {}",
                    r.spdx_element_id,
                    relationship_name(&r.relationship_type),
                    r.related_spdx_element
                ),
            );
            if let Some(c) = &r.comment {
                w.text("RelationshipComment", c);
            }
        }
    }

    for a in &doc.annotations {
        annotation(&mut w, a, None);
    }
    for p in &doc.package_information {
        for a in &p.annotations {
            annotation(&mut w, a, Some(&p.package_spdx_identifier));
        }
    }
    w.out
}

fn package(w: &mut Writer, p: &PackageInformation) {
    w.line("PackageName", &p.package_name);
    w.line("SPDXID", &p.package_spdx_identifier);
    if let Some(v) = &p.package_version {
        w.line("PackageVersion", v);
    }
    if let Some(v) = &p.package_file_name {
        w.line("PackageFileName", v);
    }
    if let Some(v) = &p.package_supplier {
        w.line("PackageSupplier", v);
    }
    if let Some(v) = &p.package_originator {
        w.line("PackageOriginator", v);
    }
    w.line("PackageDownloadLocation", &p.package_download_location);
    if let Some(a) = p.files_analyzed {
        w.line("FilesAnalyzed", if a { "true" } else { "false" });
    }
    if let Some(code) = &p.package_verification_code {
        if code.excludes.is_empty() {
            w.line("PackageVerificationCode", &code.value);
        } else {
            w.line(
                "PackageVerificationCode",
                &format!("{} (excludes: {})", code.value, code.excludes.join(" ")),
            );
        }
    }
    for c in &p.package_checksum {
        w.line("PackageChecksum", &checksum(c));
    }
    if let Some(v) = &p.package_home_page {
        w.line("PackageHomePage", v);
    }
    if let Some(v) = &p.source_information {
        w.text("PackageSourceInfo", v);
    }
    if let Some(v) = &p.concluded_license {
        w.line("PackageLicenseConcluded", &v.to_string());
    }
    for v in &p.all_licenses_information_from_files {
        w.line("PackageLicenseInfoFromFiles", v);
    }
    if let Some(v) = &p.declared_license {
        w.line("PackageLicenseDeclared", &v.to_string());
    }
    if let Some(v) = &p.comments_on_license {
        w.text("PackageLicenseComments", v);
    }
    if let Some(v) = &p.copyright_text {
        w.text("PackageCopyrightText", v);
    }
    if let Some(v) = &p.package_summary_description {
        w.text("PackageSummary", v);
    }
    if let Some(v) = &p.package_detailed_description {
        w.text("PackageDescription", v);
    }
    if let Some(v) = &p.package_comment {
        w.text("PackageComment", v);
    }
    for r in &p.external_reference {
        let category = match r.reference_category {
            ExternalPackageReferenceCategory::Security => "SECURITY",
            ExternalPackageReferenceCategory::PackageManager => "PACKAGE-MANAGER",
            ExternalPackageReferenceCategory::PersistentID => "PERSISTENT-ID",
            ExternalPackageReferenceCategory::Other => "OTHER",
        };
        w.line(
            "ExternalRef",
            &format!("{category} {} {}", r.reference_type, r.reference_locator),
        );
        if let Some(c) = &r.reference_comment {
            w.text("ExternalRefComment", c);
        }
    }
    for t in &p.package_attribution_text {
        w.text("PackageAttributionText", t);
    }
    if let Some(purpose) = &p.primary_package_purpose {
        // SCREAMING_SNAKE_CASE in JSON, SCREAMING-KEBAB-CASE in tag-value.
        w.line(
            "PrimaryPackagePurpose",
            &json_string(purpose).replace('_', "-"),
        );
    }
}

fn file(w: &mut Writer, f: &FileInformation) {
    w.line("FileName", &f.file_name);
    w.line("SPDXID", &f.file_spdx_identifier);
    for t in &f.file_type {
        w.line("FileType", &json_string(t));
    }
    for c in &f.file_checksum {
        w.line("FileChecksum", &checksum(c));
    }
    if let Some(v) = &f.concluded_license {
        w.line("LicenseConcluded", &v.to_string());
    }
    for v in &f.license_information_in_file {
        w.line("LicenseInfoInFile", &v.to_string());
    }
    if let Some(v) = &f.comments_on_license {
        w.text("LicenseComments", v);
    }
    if let Some(v) = &f.copyright_text {
        w.text("FileCopyrightText", v);
    }
    if let Some(v) = &f.file_comment {
        w.text("FileComment", v);
    }
    if let Some(v) = &f.file_notice {
        w.text("FileNotice", v);
    }
    for v in &f.file_contributor {
        w.line("FileContributor", v);
    }
}

fn annotation(w: &mut Writer, a: &Annotation, element: Option<&str>) {
    w.blank();
    w.line("Annotator", &a.annotator);
    w.line("AnnotationDate", &json_string(&a.annotation_date));
    w.line("AnnotationType", &json_string(&a.annotation_type));
    if let Some(id) = element.or(a.spdx_identifier_reference.as_deref()) {
        w.line("SPDXREF", id);
    }
    w.text("AnnotationComment", &a.annotation_comment);
}

fn checksum(c: &Checksum) -> String {
    format!("{}: {}", json_string(&c.algorithm), c.value)
}

fn relationship_name(t: &RelationshipType) -> String {
    json_string(t)
}

/// The JSON string a value serialises to (enum names, dates), without its quotes.
fn json_string<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "NOASSERTION".to_string(),
    }
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// `Tag: value` on one line (line breaks in the value become spaces).
    fn line(&mut self, tag: &str, value: &str) {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(self.out, "{tag}: {value}");
    }

    /// `Tag: <text>value</text>`; `NONE` and `NOASSERTION` are written bare. Tag-value has no
    /// escape: a `</text>` inside the value is written `</ text>` so that it does not end it.
    fn text(&mut self, tag: &str, value: &str) {
        if value == "NONE" || value == "NOASSERTION" {
            self.line(tag, value);
            return;
        }
        let value = value.replace("</text>", "</ text>");
        let _ = writeln!(self.out, "{tag}: <text>{value}</text>");
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }
}
