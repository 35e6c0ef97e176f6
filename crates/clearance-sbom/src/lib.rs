//! SBOM writers of clearance.
//!
//! [`write`] writes an inventory in one of the [`SbomFormat`]s. The output is byte-identical for
//! the same inventory and options: components, dependencies and every list are sorted, the serial
//! number (CycloneDX) and document namespace (SPDX) are derived from the document's content, and
//! the timestamp is the one the caller gives (from `SOURCE_DATE_EPOCH`, or the clock when asked).
//! The mapping of each format is described in its module and in `docs/sbom.md`.
//!
//! [`read_sbom`] reads a supplier's SBOM (CycloneDX 1.3–1.6, SPDX 2.2–2.3) into components.

use clearance_model::{Component, ConclusionReason, Inventory, Origin};

mod cyclonedx;
pub mod read;
mod spdx;

pub use cyclonedx::{cyclonedx_json, cyclonedx_xml};
pub use read::{DocFormat, ReadError, SupplierSbom, read_sbom};
pub use spdx::{spdx_json, spdx_tag_value};

/// bom-ref of the scanned root when it is not itself a package.
pub const ROOT_REF: &str = "clearance:root";

/// Options for writing an SBOM.
#[derive(Clone, Debug, Default)]
pub struct SbomOptions {
    /// RFC 3339 timestamp for `metadata.timestamp`; omitted when `None`.
    pub timestamp: Option<String>,
    /// Version of clearance, recorded as the tool.
    pub tool_version: String,
    /// Lists the files that carry license or copyright evidence (SPDX `files` with
    /// `licenseInfoInFiles`).
    pub files: bool,
    /// Embeds the full text of every license the document names.
    pub license_text: bool,
}

/// An SBOM format clearance writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SbomFormat {
    /// CycloneDX 1.5 JSON.
    CycloneDxJson,
    /// CycloneDX 1.5 XML.
    CycloneDxXml,
    /// SPDX 2.3 JSON.
    SpdxJson,
    /// SPDX 2.3 tag-value.
    SpdxTagValue,
}

impl SbomFormat {
    /// Every format, in the order of their names.
    pub const ALL: [SbomFormat; 4] = [
        SbomFormat::CycloneDxJson,
        SbomFormat::CycloneDxXml,
        SbomFormat::SpdxJson,
        SbomFormat::SpdxTagValue,
    ];

    /// The format's name on the command line (`cyclonedx-json`).
    pub fn name(self) -> &'static str {
        match self {
            SbomFormat::CycloneDxJson => "cyclonedx-json",
            SbomFormat::CycloneDxXml => "cyclonedx-xml",
            SbomFormat::SpdxJson => "spdx-json",
            SbomFormat::SpdxTagValue => "spdx-tv",
        }
    }

    /// The format of a name given on the command line.
    pub fn from_name(name: &str) -> Option<SbomFormat> {
        SbomFormat::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Writes the inventory in `format`.
pub fn write(
    inv: &Inventory,
    format: SbomFormat,
    opts: &SbomOptions,
) -> Result<Vec<u8>, SbomError> {
    match format {
        SbomFormat::CycloneDxJson => cyclonedx_json(inv, opts),
        SbomFormat::CycloneDxXml => cyclonedx_xml(inv, opts),
        SbomFormat::SpdxJson => spdx_json(inv, opts),
        SbomFormat::SpdxTagValue => spdx_tag_value(inv, opts),
    }
}

/// Errors writing an SBOM.
#[derive(Debug, thiserror::Error)]
pub enum SbomError {
    /// The document could not be serialised.
    #[error("cannot write the SBOM: {0}")]
    Write(String),
    /// A timestamp could not be formed.
    #[error("invalid timestamp: {0}")]
    Timestamp(String),
}

/// RFC 3339 UTC timestamp of a Unix time (for `SOURCE_DATE_EPOCH`).
///
/// # Example
/// ```
/// assert_eq!(clearance_sbom::timestamp_from_epoch(1_700_000_000).unwrap(), "2023-11-14T22:13:20Z");
/// ```
pub fn timestamp_from_epoch(epoch: i64) -> Result<String, SbomError> {
    let t = time::OffsetDateTime::from_unix_timestamp(epoch)
        .map_err(|e| SbomError::Timestamp(e.to_string()))?;
    t.format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| SbomError::Timestamp(e.to_string()))
}

/// A UUID (RFC 9562 version 8, "custom") from the SHA-256 of `bytes`: the same content gives the
/// same serial number.
pub(crate) fn content_uuid(bytes: &[u8]) -> String {
    let h = clearance_model::sha256_hex(bytes);
    let mut hex: Vec<char> = h[..32].chars().collect();
    hex[12] = '8'; // version 8
    // variant 10xx
    let v = hex[16].to_digit(16).unwrap_or(0);
    hex[16] = char::from_digit((v & 0x3) | 0x8, 16).unwrap_or('8');
    let s: String = hex.into_iter().collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &s[0..8],
        &s[8..12],
        &s[12..16],
        &s[16..20],
        &s[20..32]
    )
}

/// The product's own root package, when the tree has one: the first-party component at the top
/// of the tree. It is the document's subject.
pub fn product_package(inv: &Inventory) -> Option<&Component> {
    inv.components
        .iter()
        .find(|c| c.origin == Origin::FirstParty && c.roots.iter().any(String::is_empty))
}

/// The supplier to write: the one the metadata names, else its authors (for open-source packages
/// the authors are who supplies them, which is how the NTIA minimum elements read "supplier").
pub fn supplier_of(c: &Component) -> Option<String> {
    c.supplier
        .clone()
        .or_else(|| (!c.authors.is_empty()).then(|| c.authors.join(", ")))
}

/// The `clearance:*` properties of a component, in writing order (see `docs/sbom.md`).
pub fn properties(c: &Component) -> Vec<(&'static str, String)> {
    let mut props: Vec<(&'static str, String)> = vec![(
        "clearance:origin",
        match c.origin {
            Origin::FirstParty => "first-party",
            Origin::ThirdParty => "third-party",
        }
        .to_string(),
    )];
    if let Some(s) = c.scope {
        props.push(("clearance:scope", s.as_str().to_string()));
    }
    if let Some(d) = c.direct {
        props.push(("clearance:direct", d.to_string()));
    }
    // Each author as the manifest names it (the formats' own fields join them, and SPDX keeps
    // one e-mail address per actor).
    props.extend(c.authors.iter().map(|a| ("clearance:author", a.clone())));
    let mut declared: Vec<&str> = Vec::new();
    for d in &c.declared {
        if !declared.contains(&d.raw.as_str()) {
            declared.push(&d.raw);
        }
    }
    props.extend(
        declared
            .into_iter()
            .map(|d| ("clearance:license:declared", d.to_string())),
    );
    props.extend(c.detected.iter().map(|f| {
        (
            "clearance:license:detected",
            format!(
                "{} | {} | {}-{} | {:.2}",
                f.expression,
                f.evidence.path,
                f.evidence.lines.start,
                f.evidence.lines.end,
                f.evidence.confidence
            ),
        )
    }));
    props.push((
        "clearance:license:concluded-reason",
        match c.concluded.reason {
            ConclusionReason::Agree => "agree",
            ConclusionReason::DeclaredOnly => "declared-only",
            ConclusionReason::DetectedOnly => "detected-only",
            ConclusionReason::Conflict => "conflict",
            ConclusionReason::None => "none",
        }
        .to_string(),
    ));
    props.extend(c.sources.iter().map(|s| {
        let loc = match s.line {
            Some(l) => format!("{}:{}", s.path, l),
            None => s.path.clone(),
        };
        ("clearance:source", format!("{} {}", s.cataloger, loc))
    }));
    props.extend(c.roots.iter().map(|r| {
        (
            "clearance:root",
            if r.is_empty() { "." } else { r }.to_string(),
        )
    }));
    props
}
