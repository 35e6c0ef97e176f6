//! Diagnostic codes of the policy engine: every finding about a policy file, the policy's own
//! entries, and a product's obligations has a stable kebab-case code and a severity.
//! `docs/diagnostics.md` explains each one and how to fix it (a test keeps the two in step).
//!
//! # Example
//! ```
//! use clearance_policy::diagnostics::{Code, Severity};
//! assert_eq!(Code::MissingAttribution.as_str(), "missing-attribution");
//! assert_eq!(Code::InvalidSpdxExpression.severity(), Severity::Error);
//! ```

use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The policy cannot be used: nothing is scanned (exit 2).
    Error,
    /// Something the product or the policy must fix; it lowers a verdict where it says so.
    Warning,
    /// Worth knowing; changes no verdict.
    Note,
}

impl Severity {
    /// The word shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Every diagnostic code of the policy engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The policy file is not valid TOML.
    PolicySyntax,
    /// A key the policy language does not have.
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value of the wrong type or not among the allowed words.
    InvalidValue,
    /// A license list entry that is not an SPDX expression.
    InvalidSpdxExpression,
    /// `category:NAME` with an unknown name.
    UnknownCategory,
    /// `expires` that is not a date.
    InvalidDate,
    /// One license in two of `allow`, `deny`, `review`.
    DuplicateEntry,
    /// A clarification's `sha256` that is not 64 hex digits.
    InvalidSha256,
    /// An exception or clarification with neither `name` nor `purl`.
    MissingSelector,
    /// A `version` range that does not parse.
    InvalidVersionRange,
    /// A `[product] notices` glob that does not parse.
    InvalidGlob,
    /// A key in the wrong table.
    MisplacedKey,
    /// A deprecated SPDX id in the policy (`GPL-2.0+`), read as its current form.
    DeprecatedLicenseId,
    /// An exception no component used.
    UnusedException,
    /// A clarification whose pinned file changed.
    StaleClarification,
    /// A clarification no component matched.
    UnusedClarification,
    /// No third-party notices file in the product.
    NoNoticesFile,
    /// A component's copyright lines are not in the notices files.
    MissingAttribution,
    /// A component's license text is not in the notices files.
    MissingLicenseText,
    /// A component's NOTICE file contents are not in the notices files.
    MissingNoticeContent,
    /// A copyleft component ships and the product declares no source offer.
    MissingSourceOffer,
    /// A component's license is on the `deny` list.
    LicenseDenied,
    /// A component's license is on the `review` list.
    LicenseReview,
    /// A component's license is on no list (`unlisted` decides).
    LicenseUnlisted,
    /// A component's license is unknown (`unknown` decides).
    LicenseUnknown,
    /// The exception that allowed a component has expired.
    ExpiredException,
    /// A component's declared license and its license texts disagree.
    LicenseConflict,
    /// A component's license text is modified from the standard text.
    LicenseModified,
    /// A component's license cannot be combined with the product's own.
    IncompatibleLicense,
    /// A file of the product's own code carries a license that is not the product's.
    ForeignLicense,
}

impl Code {
    /// Every code, in the order of `docs/diagnostics.md`.
    pub const ALL: &'static [Code] = &[
        Code::PolicySyntax,
        Code::UnknownKey,
        Code::MissingKey,
        Code::InvalidValue,
        Code::InvalidSpdxExpression,
        Code::UnknownCategory,
        Code::InvalidDate,
        Code::DuplicateEntry,
        Code::InvalidSha256,
        Code::MissingSelector,
        Code::InvalidVersionRange,
        Code::InvalidGlob,
        Code::MisplacedKey,
        Code::DeprecatedLicenseId,
        Code::UnusedException,
        Code::StaleClarification,
        Code::UnusedClarification,
        Code::NoNoticesFile,
        Code::MissingAttribution,
        Code::MissingLicenseText,
        Code::MissingNoticeContent,
        Code::MissingSourceOffer,
        Code::LicenseDenied,
        Code::LicenseReview,
        Code::LicenseUnlisted,
        Code::LicenseUnknown,
        Code::ExpiredException,
        Code::LicenseConflict,
        Code::LicenseModified,
        Code::IncompatibleLicense,
        Code::ForeignLicense,
    ];

    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::PolicySyntax => "policy-syntax",
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::InvalidValue => "invalid-value",
            Code::InvalidSpdxExpression => "invalid-spdx-expression",
            Code::UnknownCategory => "unknown-category",
            Code::InvalidDate => "invalid-date",
            Code::DuplicateEntry => "duplicate-entry",
            Code::InvalidSha256 => "invalid-sha256",
            Code::MissingSelector => "missing-selector",
            Code::InvalidVersionRange => "invalid-version-range",
            Code::InvalidGlob => "invalid-glob",
            Code::MisplacedKey => "misplaced-key",
            Code::DeprecatedLicenseId => "deprecated-license-id",
            Code::UnusedException => "unused-exception",
            Code::StaleClarification => "stale-clarification",
            Code::UnusedClarification => "unused-clarification",
            Code::NoNoticesFile => "no-notices-file",
            Code::MissingAttribution => "missing-attribution",
            Code::MissingLicenseText => "missing-license-text",
            Code::MissingNoticeContent => "missing-notice-content",
            Code::MissingSourceOffer => "missing-source-offer",
            Code::LicenseDenied => "license-denied",
            Code::LicenseReview => "license-review",
            Code::LicenseUnlisted => "license-unlisted",
            Code::LicenseUnknown => "license-unknown",
            Code::ExpiredException => "expired-exception",
            Code::LicenseConflict => "license-conflict",
            Code::LicenseModified => "license-modified",
            Code::IncompatibleLicense => "incompatible-license",
            Code::ForeignLicense => "foreign-license",
        }
    }

    /// How serious it is.
    pub fn severity(self) -> Severity {
        match self {
            Code::PolicySyntax
            | Code::UnknownKey
            | Code::MissingKey
            | Code::InvalidValue
            | Code::InvalidSpdxExpression
            | Code::UnknownCategory
            | Code::InvalidDate
            | Code::DuplicateEntry
            | Code::InvalidSha256
            | Code::MissingSelector
            | Code::InvalidVersionRange
            | Code::InvalidGlob
            | Code::MisplacedKey => Severity::Error,
            Code::StaleClarification
            | Code::NoNoticesFile
            | Code::MissingAttribution
            | Code::MissingLicenseText
            | Code::MissingNoticeContent
            | Code::MissingSourceOffer
            | Code::LicenseDenied
            | Code::LicenseReview
            | Code::LicenseUnlisted
            | Code::LicenseUnknown
            | Code::ExpiredException
            | Code::LicenseConflict
            | Code::LicenseModified
            | Code::IncompatibleLicense
            | Code::ForeignLicense => Severity::Warning,
            Code::DeprecatedLicenseId | Code::UnusedException | Code::UnusedClarification => {
                Severity::Note
            }
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_with_its_severity() {
        let docs = include_str!("../../../docs/diagnostics.md");
        for code in Code::ALL {
            let heading = format!("### `{code}` ({})", code.severity().as_str());
            assert!(
                docs.contains(&heading),
                "docs/diagnostics.md lacks `{heading}`"
            );
            // Serialised as written.
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len(), "codes are unique");
    }
}
