//! License detection of clearance.
//!
//! Per file, cheapest test first: every text file is searched for `SPDX-License-Identifier:`
//! tags; files whose *name* marks them as license files (`LICENSE*`, `COPYING*`, `NOTICE*`, …)
//! are also matched in full against the SPDX license list ([`text::LicenseIndex`]). Every finding
//! carries its evidence: path, lines, confidence and the tier that matched.
//!
//! # Example
//! ```
//! use clearance_detect::Detector;
//! let detector = Detector::new();
//! let mit = spdx::text::LICENSE_TEXTS.iter().find(|(id, _)| *id == "MIT").unwrap().1;
//! let found = detector.detect("vendor/foo/LICENSE-MIT", mit.as_bytes());
//! assert!(found.license_file);
//! assert_eq!(found.findings[0].expression.to_string(), "MIT");
//! ```

pub mod notices;
pub mod tags;
pub mod text;
pub mod tokens;

use std::borrow::Cow;

use clearance_model::{
    Evidence, LicenseExpr, LicenseFinding, LicenseTerm, Lines, Problem, ProblemCode, Tier,
};

use text::{LicenseIndex, RefKind};

/// What detection found in one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileDetection {
    /// `true` when the file name marks a license file.
    pub license_file: bool,
    /// Findings in file order.
    pub findings: Vec<LicenseFinding>,
    /// Problems (an invalid tag expression, …).
    pub problems: Vec<Problem>,
}

/// The detector: holds the indexed license list. Build it once and share it between threads.
pub struct Detector {
    index: LicenseIndex,
}

impl Default for Detector {
    fn default() -> Self {
        Self::new()
    }
}

/// Extensions that make a `LICENSE`-like name a source or data file rather than a license text
/// (`license.rs`, `license.py`, `licenses.json`).
const CODE_EXTENSIONS: &[&str] = &[
    "c", "cc", "cjs", "class", "cpp", "cs", "css", "d", "dart", "go", "gif", "h", "hpp", "java",
    "jpg", "js", "json", "jsx", "kt", "lock", "map", "mjs", "php", "pl", "pm", "png", "py", "pyc",
    "pyi", "rb", "rs", "scss", "sh", "svg", "swift", "toml", "ts", "tsx", "vue", "xml", "yaml",
    "yml", "o", "so", "a", "dll", "exe",
];

/// Name prefixes of license files, lower case.
const LICENSE_PREFIXES: &[&str] = &[
    "license",
    "licence",
    "copying",
    "notice",
    "unlicense",
    "copyright",
];

/// `true` when the path's file name marks a license file: `LICENSE*`, `LICENCE*`, `COPYING*`,
/// `NOTICE*`, `UNLICENSE`, `COPYRIGHT*`, `*-LICENSE` / `*_LICENSE` (`MIT-LICENSE`), and any
/// `.txt`/`.md` file directly in a `LICENSES/` directory (the REUSE layout). Case does not matter;
/// names with a source-code or data extension (`license.rs`, `licenses.json`) are not license
/// files.
///
/// # Example
/// ```
/// use clearance_detect::is_license_file;
/// assert!(is_license_file("vendor/serde/LICENSE-APACHE"));
/// assert!(is_license_file("COPYING.LESSER"));
/// assert!(is_license_file("LICENSES/MIT.txt"));
/// assert!(!is_license_file("src/license.rs"));
/// ```
pub fn is_license_file(path: &str) -> bool {
    let (dir, name) = match path.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    };
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if CODE_EXTENSIONS.contains(&ext) {
        return false;
    }
    let parent = dir.rsplit('/').next().unwrap_or("");
    if parent.eq_ignore_ascii_case("LICENSES") && matches!(ext, "txt" | "md" | "") {
        return true;
    }
    if LICENSE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let stem = lower.split('.').next().unwrap_or("");
    stem.ends_with("-license") || stem.ends_with("_license") || stem.ends_with("-licence")
}

/// Decodes file bytes as text: UTF-16 with a byte-order mark, else UTF-8 with invalid bytes
/// replaced.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        Cow::Owned(String::from_utf16_lossy(&units))
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        utf16(true)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        utf16(false)
    } else {
        let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        String::from_utf8_lossy(b)
    }
}

impl Detector {
    /// Builds the detector (indexes the SPDX license list; tens of milliseconds).
    pub fn new() -> Self {
        Detector {
            index: LicenseIndex::spdx(),
        }
    }

    /// The license-text index.
    pub fn index(&self) -> &LicenseIndex {
        &self.index
    }

    /// Detects licenses in one file (`path` is root-relative, used for the evidence and to decide
    /// whether the file is a license file).
    pub fn detect(&self, path: &str, bytes: &[u8]) -> FileDetection {
        let license_file = is_license_file(path);
        let mut out = FileDetection {
            license_file,
            ..FileDetection::default()
        };
        // The cheap test first: a tag can only be present if its first letters are.
        let may_have_tag = memchr::memmem::find(bytes, b"icense-Identifier").is_some()
            || memchr::memmem::find(bytes, b"ICENSE-IDENTIFIER").is_some()
            || memchr::memmem::find(bytes, b"icense-identifier").is_some();
        if !license_file && !may_have_tag {
            return out;
        }
        let text = decode(bytes);
        if may_have_tag {
            for tag in tags::find_tags(&text) {
                if let Some(why) = &tag.invalid {
                    out.problems.push(
                        Problem::new(ProblemCode::InvalidSpdxTag, path, why.clone())
                            .at_line(tag.line),
                    );
                }
                out.findings.push(LicenseFinding {
                    expression: tag.expression,
                    evidence: Evidence {
                        path: path.to_string(),
                        lines: Lines::one(tag.line),
                        confidence: if tag.invalid.is_some() { 0.9 } else { 1.0 },
                        tier: Tier::SpdxTag,
                    },
                });
            }
        }
        if license_file {
            out.findings.extend(self.match_texts(path, &text));
            out.findings.sort_by_key(|f| f.evidence.lines);
        }
        out
    }

    /// Full-text matches in `text`, with each exception joined to a license of the same file
    /// (`GPL-2.0-only WITH Classpath-exception-2.0`): the nearest GNU-family license, which is
    /// what nearly every exception on the SPDX list is written for, else the nearest license.
    /// An exception with no license in the file is not reported: alone it is not an expression.
    pub fn match_texts(&self, path: &str, text: &str) -> Vec<LicenseFinding> {
        let matches = self.index.find(text);
        let mut out: Vec<LicenseFinding> = Vec::new();
        let mut exceptions = Vec::new();
        for m in matches {
            let lines = Lines::new(m.start_line + 1, m.end_line + 1);
            match m.kind {
                RefKind::Exception => exceptions.push((m.id, lines, m.confidence)),
                RefKind::License | RefKind::Notice => out.push(LicenseFinding {
                    expression: LicenseExpr::Term(LicenseTerm::new(m.id)),
                    evidence: Evidence {
                        path: path.to_string(),
                        lines,
                        confidence: round3(m.confidence),
                        tier: if m.kind == RefKind::Notice {
                            Tier::Notice
                        } else {
                            Tier::LicenseText
                        },
                    },
                }),
            }
        }
        for (id, lines, confidence) in exceptions {
            let distance = |f: &LicenseFinding| {
                let l = f.evidence.lines;
                if l.end < lines.start {
                    lines.start - l.end
                } else {
                    l.start.saturating_sub(lines.end)
                }
            };
            let gnu = |f: &LicenseFinding| {
                f.expression.terms().iter().any(|t| {
                    t.license.starts_with("GPL-")
                        || t.license.starts_with("LGPL-")
                        || t.license.starts_with("AGPL-")
                })
            };
            let free = |f: &&mut LicenseFinding| matches!(&f.expression, LicenseExpr::Term(t) if t.exception.is_none());
            let target = out
                .iter_mut()
                .filter(free)
                .min_by_key(|f| (!gnu(f), distance(f), f.evidence.lines.start));
            if let Some(f) = target
                && let LicenseExpr::Term(t) = &mut f.expression
            {
                t.exception = Some(id.to_string());
                let l = f.evidence.lines;
                f.evidence.lines = Lines::new(l.start.min(lines.start), l.end.max(lines.end));
                f.evidence.confidence = round3(f.evidence.confidence.min(confidence));
            }
        }
        out
    }
}

/// Confidence rounded to three decimals, so reports do not change with float noise.
fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static DETECTOR: LazyLock<Detector> = LazyLock::new(Detector::new);

    use crate::text::tests::text_of as license_text;

    #[test]
    fn license_file_names() {
        for p in [
            "LICENSE",
            "LICENSE.md",
            "License.txt",
            "LICENCE",
            "COPYING",
            "COPYING.LIB",
            "NOTICE",
            "UNLICENSE",
            "LICENSE-MIT",
            "a/b/LICENSE-APACHE",
            "MIT-LICENSE",
            "license.md",
            "LICENSES/Apache-2.0.txt",
            "COPYRIGHT",
            "x.dist-info/licenses/LICENSE",
        ] {
            assert!(is_license_file(p), "{p}");
        }
        for p in [
            "src/license.rs",
            "licenses.json",
            "README.md",
            "lib/licensing.py",
            "LICENSES/README.rst",
            "package.json",
        ] {
            assert!(!is_license_file(p), "{p}");
        }
    }

    #[test]
    fn tags_in_any_text_file() {
        let d = DETECTOR.detect(
            "src/main.c",
            b"/* SPDX-License-Identifier: GPL-2.0-only */\nint main;",
        );
        assert!(!d.license_file);
        assert_eq!(d.findings.len(), 1);
        assert_eq!(d.findings[0].evidence.tier, Tier::SpdxTag);
        assert_eq!(d.findings[0].evidence.lines, Lines::one(1));
    }

    #[test]
    fn source_files_without_tags_cost_nothing() {
        let d = DETECTOR.detect("src/main.rs", license_text("MIT").as_bytes());
        assert!(
            d.findings.is_empty(),
            "full matching only runs on license files"
        );
    }

    #[test]
    fn license_file_text_and_lines() {
        let text = format!("Copyright (c) 2024 Example Corp\n\n{}", license_text("MIT"));
        let d = DETECTOR.detect("LICENSE", text.as_bytes());
        assert_eq!(d.findings.len(), 1);
        let f = &d.findings[0];
        assert_eq!(f.expression.to_string(), "MIT");
        assert_eq!(f.evidence.tier, Tier::LicenseText);
        assert!(f.evidence.lines.start >= 3, "{:?}", f.evidence.lines);
    }

    #[test]
    fn license_with_exception() {
        let exc = spdx::text::EXCEPTION_TEXTS
            .iter()
            .find(|(i, _)| *i == "Classpath-exception-2.0")
            .unwrap()
            .1;
        let text = format!("{}\n\n{}", license_text("GPL-2.0-only"), exc);
        let d = DETECTOR.detect("COPYING", text.as_bytes());
        assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
        assert_eq!(
            d.findings[0].expression.to_string(),
            "GPL-2.0-only WITH Classpath-exception-2.0"
        );
    }

    #[test]
    fn exception_joins_the_gnu_license_not_the_nearest_text() {
        // numpy's wheel: a BSD-style text, then the GCC runtime exception, then the GPL it
        // modifies.
        let exc = spdx::text::EXCEPTION_TEXTS
            .iter()
            .find(|(i, _)| *i == "GCC-exception-3.1")
            .unwrap()
            .1;
        let text = format!(
            "{}\n\n{}\n\n{}",
            license_text("BSD-3-Clause"),
            exc,
            license_text("GPL-3.0-only")
        );
        let d = DETECTOR.detect("LICENSE.txt", text.as_bytes());
        let found: Vec<String> = d
            .findings
            .iter()
            .map(|f| f.expression.to_string())
            .collect();
        assert_eq!(
            found,
            ["BSD-3-Clause", "GPL-3.0-only WITH GCC-exception-3.1"]
        );
    }

    #[test]
    fn utf16_license_file() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in license_text("ISC").encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = DETECTOR.detect("LICENSE.txt", &bytes);
        assert_eq!(d.findings[0].expression.to_string(), "ISC");
    }

    #[test]
    fn notice_file_without_license_text_has_no_finding() {
        let d = DETECTOR.detect(
            "NOTICE",
            b"Apache Commons Lang\nCopyright 2001-2024 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n",
        );
        assert!(d.license_file);
        assert!(d.findings.is_empty(), "{:?}", d.findings);
    }
}
