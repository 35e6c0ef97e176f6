//! License detection of clearance.
//!
//! Per file, cheapest test first:
//! 1. every text file is searched for `SPDX-License-Identifier:` tags (a `memchr` scan);
//! 2. a keyword prefilter (`aho-corasick`) over the file's head decides whether the file can hold
//!    a license at all; most source files stop here;
//! 3. files that can are matched against the license knowledge base ([`text::LicenseIndex`]:
//!    the SPDX license and exception texts, clearance's standard notices, and the notices,
//!    references and non-SPDX texts of ScanCode Toolkit's license dataset), then searched for
//!    short references ([`rules`]: "licensed under the MIT license", `@license MIT`, license
//!    URLs, licenses named in passing, README license sections, "see the file COPYING") and
//!    copyright statements ([`copyright`]);
//! 4. the findings of the file are read together ([`consolidate`]): what one says that another
//!    says better is dropped (a license URL inside the notice it belongs to, "the GPL" beside
//!    "version 2 of the GPL"), and a license offered as an alternative joins the one before it
//!    with `OR`.
//!
//! License files (`LICENSE*`, `COPYING*`, `NOTICE*`, …) and documents (`README*`) are searched
//! whole, up to [`LICENSE_BUDGET`]; other files up to [`HEAD_BUDGET`], where license headers
//! live. What is cut short is reported. Every finding carries its evidence: path, lines,
//! confidence, the tier that matched, and whether the text was modified.
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

pub mod consolidate;
pub mod copyright;
pub mod names;
pub mod notices;
pub mod rules;
pub mod tags;
pub mod text;
pub mod tokens;

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use clearance_model::{
    Copyright, Evidence, LicenseExpr, LicenseFileRef, LicenseFinding, Lines, Problem, ProblemCode,
    Tier,
};

use text::{LicenseIndex, RefKind};

/// Bytes of a source file searched for license notices and copyrights: its head, where headers
/// live. Tags are searched in the whole file.
pub const HEAD_BUDGET: usize = 64 * 1024;
/// Bytes of a license file or document searched for license texts.
pub const LICENSE_BUDGET: usize = 1024 * 1024;

/// Options of detection.
#[derive(Clone, Copy, Debug, Default)]
pub struct DetectOptions {
    /// Keep the matched text in the evidence of license texts, notices and references.
    pub license_text: bool,
}

/// What detection found in one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileDetection {
    /// `true` when the file name marks a license file.
    pub license_file: bool,
    /// Findings in file order.
    pub findings: Vec<LicenseFinding>,
    /// Copyright statements in file order.
    pub copyrights: Vec<Copyright>,
    /// References to license files, to be followed within the file's package.
    pub references: Vec<LicenseFileRef>,
    /// Set when the file was longer than its budget: what was searched.
    pub truncated: Option<String>,
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

/// Words whose presence lets a file hold a license or a copyright (matched case-insensitively).
static KEYWORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "licen",
            "copyright",
            "(c)",
            "©",
            "gpl",
            "public domain",
            "copr.",
            "permission is hereby granted",
            "redistribution and use",
            "same terms as",
            "creativecommons",
            "creative commons",
            "spdx",
            "general public",
            "free software foundation",
        ])
        .expect("keywords compile")
});

/// Lockfiles and package indexes: they list the licenses of other packages, one field per
/// package, and say nothing of their own license. Only tags are searched in them.
pub fn is_lockfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    matches!(
        name.as_str(),
        "package-lock.json"
            | ".package-lock.json"
            | "npm-shrinkwrap.json"
            | "yarn.lock"
            | "pnpm-lock.yaml"
            | "composer.lock"
            | "installed.json"
            | "poetry.lock"
            | "pipfile.lock"
            | "uv.lock"
            | "packages.lock.json"
            | "gemfile.lock"
            | "cargo.lock"
            | "go.sum"
            | ".cargo-checksum.json"
    )
}

/// Package manifests: their license field declares the package's license.
pub fn is_manifest(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    matches!(
        name.as_str(),
        "package.json"
            | "cargo.toml"
            | "cargo.toml.orig"
            | "pyproject.toml"
            | "setup.py"
            | "setup.cfg"
            | "metadata"
            | "pkg-info"
            | "composer.json"
            | "bower.json"
            | "component.json"
    )
}

/// `true` for README-like documents, searched whole and for license sections.
pub fn is_document(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name.starts_with("readme")
}

/// `true` when the file name marks a product's third-party notices file, which lists the
/// licenses of the packages a product contains: `THIRD_PARTY_NOTICES.txt`,
/// `ThirdPartyNotices.md`, `third-party-licenses.html`, `3rdparty_licenses.txt`,
/// `ATTRIBUTIONS.md`, `about.html` (cargo-about's output). Case and separators do not matter.
///
/// # Example
/// ```
/// use clearance_detect::is_third_party_notices;
/// assert!(is_third_party_notices("THIRD_PARTY_NOTICES.txt"));
/// assert!(is_third_party_notices("docs/ThirdPartyLicenses.html"));
/// assert!(!is_third_party_notices("third_party/zlib/LICENSE"));
/// assert!(!is_third_party_notices("src/third_party.rs"));
/// ```
pub fn is_third_party_notices(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if CODE_EXTENSIONS.contains(&ext) && !matches!(ext, "json" | "xml") {
        return false;
    }
    let squeezed: String = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' ' | '.'))
        .collect();
    let third_party = ["thirdparty", "3rdparty", "opensource"]
        .iter()
        .any(|p| squeezed.starts_with(p));
    let about = ["notice", "licen", "attribution", "credit"]
        .iter()
        .any(|w| squeezed.contains(w));
    (third_party && about) || squeezed.starts_with("attribution") || name == "about.html"
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
    /// Builds the detector: indexes the knowledge base and, on another thread meanwhile, the
    /// table of license names (about half a second in all).
    pub fn new() -> Self {
        std::thread::scope(|s| {
            s.spawn(names::warm);
            Detector {
                index: LicenseIndex::spdx(),
            }
        })
    }

    /// The license-text index.
    pub fn index(&self) -> &LicenseIndex {
        &self.index
    }

    /// Detects licenses and copyrights in one file with default options.
    pub fn detect(&self, path: &str, bytes: &[u8]) -> FileDetection {
        self.detect_with(path, bytes, DetectOptions::default())
    }

    /// Detects licenses and copyrights in one file (`path` is root-relative, used for the
    /// evidence and to decide how the file is searched).
    pub fn detect_with(&self, path: &str, bytes: &[u8], opts: DetectOptions) -> FileDetection {
        let license_file = is_license_file(path);
        let document = is_document(path);
        let mut out = FileDetection {
            license_file,
            ..FileDetection::default()
        };
        // 1. Tags, in the whole file: a tag can only be present if its letters are.
        let may_have_tag = memchr::memmem::find(bytes, b"icense-Identifier").is_some()
            || memchr::memmem::find(bytes, b"ICENSE-IDENTIFIER").is_some()
            || memchr::memmem::find(bytes, b"icense-identifier").is_some();
        if may_have_tag {
            for tag in tags::find_tags(&decode(bytes)) {
                if let Some(why) = &tag.invalid {
                    out.problems.push(
                        Problem::new(ProblemCode::InvalidSpdxTag, path, why.clone())
                            .at_line(tag.line),
                    );
                }
                let confidence = if tag.invalid.is_some() { 0.9 } else { 1.0 };
                out.findings.push(LicenseFinding {
                    expression: tag.expression,
                    evidence: Evidence::new(path, Lines::one(tag.line), confidence, Tier::SpdxTag),
                });
            }
        }
        // 2. The region searched further, and the keyword prefilter on it.
        let budget = if license_file || document {
            LICENSE_BUDGET
        } else {
            HEAD_BUDGET
        };
        let region = if bytes.len() > budget {
            out.truncated = Some(format!(
                "{} of {} bytes searched for license texts, notices and copyrights",
                budget,
                bytes.len()
            ));
            // Cut at the end of a paragraph (a blank line) near the budget, so that a license
            // header straddling it is read whole; else at a line end.
            let reach = (budget + 8 * 1024).min(bytes.len());
            let cut = memchr::memmem::find(&bytes[budget..reach], b"\n\n")
                .map(|i| budget + i + 1)
                .or_else(|| memchr::memrchr(b'\n', &bytes[..budget]).map(|i| i + 1))
                .unwrap_or(budget);
            &bytes[..cut]
        } else {
            bytes
        };
        if !license_file && (is_lockfile(path) || KEYWORDS.find(region).is_none()) {
            return out;
        }
        // 3. Texts and notices, then references outside them, then copyrights.
        let text = decode(region);
        let (mut texts, exceptions) = self.match_texts_and_exceptions(path, &text);
        if texts.len() + exceptions.len() >= text::MAX_MATCHES {
            let cut = format!(
                "license-text search stopped after {} matches",
                text::MAX_MATCHES
            );
            out.truncated = Some(match out.truncated.take() {
                Some(t) => format!("{t}; {cut}"),
                None => cut,
            });
        }

        // Whole license texts cover their lines; notices leave them to the reference rules too,
        // which may read them better ("Licensed under the Apache License (Version 2.0), or the
        // MIT license, at your option" is more than its Apache-2.0 notice).
        let covered: Vec<(u32, u32)> = texts
            .iter()
            .filter(|f| f.evidence.tier == Tier::LicenseText)
            .map(|f| (f.evidence.lines.start - 1, f.evidence.lines.end - 1))
            .collect();
        // In a license file that holds license texts, the texts are the evidence: its other
        // sentences are commentary ("GPL-compatible licenses make it possible to combine Python
        // with other software that is released under the GPL").
        let commentary = license_file && !covered.is_empty();
        let prose = rules::Prose::new(&text);
        let (hits, refs) = if commentary {
            (Vec::new(), Vec::new())
        } else {
            rules::find(&prose, document, &covered)
        };
        // An exception's own sentences are part of it ("files distributed under the terms of
        // the GNU General Public Licence" in the wxWindows exception), but for the version
        // statement of the license it modifies, which some exception texts include (389).
        let in_exception =
            |h: &rules::RuleHit, l: &Lines| l.start <= h.start_line + 1 && h.end_line < l.end;
        let (hits, exception_words): (Vec<rules::RuleHit>, Vec<rules::RuleHit>) =
            hits.into_iter().partition(|h| {
                h.rule == "gnu-version" || !exceptions.iter().any(|(_, l, _, _)| in_exception(h, l))
            });
        // A tag quoted inside a license text is part of that text (the CAL-1.0 text shows how
        // to tag files), not a license of the file.
        out.findings.retain(|f| {
            f.evidence.tier != Tier::SpdxTag
                || !texts.iter().any(|t| {
                    t.evidence.tier == Tier::LicenseText
                        && (t.evidence.lines.start..=t.evidence.lines.end)
                            .contains(&f.evidence.lines.start)
                })
        });
        // Where a reference rule and a notice read the same lines, the one that names more wins:
        // a rule naming the notice's licenses and more replaces it; otherwise the notice (a
        // curated text) stands and the rule's reading of its lines is dropped. A modified notice
        // gives way to any rule naming its licenses.
        let overlaps = |h: &rules::RuleHit, n: &LicenseFinding| {
            h.start_line < n.evidence.lines.end && n.evidence.lines.start <= h.end_line + 1
        };
        // A GNU notice whose words stop before its version ("… under the terms of the GNU
        // Lesser General Public License, Version" and "2.1, June 1999" on the next line) gives
        // way to the reading of the version they lead to.
        let versioned_after = |h: &rules::RuleHit, n: &LicenseFinding| {
            let family = |e: &LicenseExpr| {
                names::family(e)
                    .filter(|f| f.ends_with("GPL") && e.terms()[0].exception.is_none())
                    .map(str::to_string)
            };
            h.rule == "gnu-version"
                && h.end_line + 1 > n.evidence.lines.end
                && family(&n.expression).is_some()
                && family(&n.expression) == family(&h.expression)
                && rules::gnu_notice(&lines_of(&text, n.evidence.lines)).is_none()
        };
        // Within a notice, the notice's reading stands: the licenses its sentences mention ("See
        // the GNU General Public License for more details" in an LGPL notice) are part of it. A
        // reading that runs past the notice's lines and names another license stands beside it.
        let within = |h: &rules::RuleHit, n: &LicenseFinding| {
            n.evidence.lines.start <= h.start_line + 1 && h.end_line < n.evidence.lines.end
        };
        // A notice matched (nearly) word for word, and a rule reading a sentence deep inside it
        // (not on its first or last line): the notice's reading stands over one that names more
        // (the wxWindows licence's "files distributed under the terms of the GNU General Public
        // Licence or the GNU Library General Public Licence" inside its own text). A one-line
        // notice read as more by a rule ("available under AGPL and commercial license
        // agreements") is not settled.
        let settled = |h: &rules::RuleHit, n: &LicenseFinding| {
            n.evidence.lines.start < h.start_line + 1
                && h.end_line + 1 < n.evidence.lines.end
                && n.evidence.modified.is_none()
                && n.evidence.confidence >= 0.95
                && !consolidate::is_catch_all(&n.expression)
        };
        // A rule reading "GNU General Public License version 2" says more than a notice of "the
        // GNU General Public License" it overlaps: the vague id is named, specifically.
        // A license URL is a link: it names no version more precisely than the notice around
        // it ("version 2 or later <http://www.gnu.org/licenses/old-licenses/lgpl-2.0.html>").
        let wins = |h: &rules::RuleHit, n: &LicenseFinding| {
            consolidate::says_more(&h.expression, &n.expression)
                && h.rule != "license-url"
                && (!settled(h, n) || consolidate::names_specifically(&h.expression, &n.expression))
                // A catch-all notice ("see the LICENSE file for details") gives way to the
                // license its sentence names ("… under the terms of the GPLv3 license").
                || consolidate::is_catch_all(&n.expression)
                    && !consolidate::is_catch_all(&h.expression)
                // A modified GNU notice gives way to a reading of its words naming another
                // version of the same license ("the GNU General Public version 2 License").
                || n.evidence.modified.is_some()
                    && consolidate::same_gnu_license(&h.expression, &n.expression)
                || consolidate::later_of(&h.expression, &n.expression)
                    && LATER_WORD.is_match(&lines_of(
                        &text,
                        Lines::new(h.start_line + 1, h.end_line + 1),
                    ))
                || n.evidence.modified.is_some()
                    && consolidate::covers(&h.expression, &n.expression)
                || versioned_after(h, n)
        };

        // A notice's vague name that a reading of its words names specifically takes that name
        // ("ALTERNATIVELY, … the GNU General Public License, in which case the provisions of the
        // GPL2 are required"). A curated notice matched word for word keeps its reading.
        for n in texts
            .iter_mut()
            .filter(|n| n.evidence.tier == Tier::Notice && n.evidence.confidence < 1.0)
        {
            let over: Vec<&rules::RuleHit> = hits.iter().filter(|h| overlaps(h, n)).collect();
            for h in over {
                if let Some(r) = consolidate::refine_vague(&n.expression, &h.expression) {
                    n.expression = r;
                }
            }
        }
        let hits: Vec<rules::RuleHit> = hits
            .into_iter()
            .filter(|h| {
                !texts.iter().any(|n| {
                    n.evidence.tier == Tier::Notice
                        && overlaps(h, n)
                        && !wins(h, n)
                        && (within(h, n) || consolidate::covers(&n.expression, &h.expression))
                })
            })
            .collect();
        let mut hits = hits;
        texts.retain(|n| {
            if n.evidence.tier != Tier::Notice {
                return true;
            }
            let Some(i) = hits.iter().position(|h| overlaps(h, n) && wins(h, n)) else {
                return true;
            };
            // The reading that replaces a notice matched as written keeps the notice's
            // exceptions: a reading of the words without them says less, not something else.
            // A modified notice's exception is as doubtful as the rest of it.
            let exceptions = if n.evidence.modified.is_none() {
                n.expression.terms()
            } else {
                Vec::new()
            };
            for t in exceptions {
                if let Some(exception) = &t.exception {
                    let family = t.license.split('-').next().unwrap_or("");
                    hits[i].expression = hits[i]
                        .expression
                        .with_exception(exception, |l| l.split('-').next() == Some(family));
                }
            }
            false
        });
        out.findings.extend(texts);
        for h in hits {
            let mut evidence = Evidence::new(
                path,
                Lines::new(h.start_line + 1, h.end_line + 1),
                h.confidence,
                Tier::Reference,
            );
            if opts.license_text {
                evidence.text = Some(lines_of(&text, evidence.lines));
            }
            out.findings.push(LicenseFinding {
                expression: h.expression,
                evidence,
            });
        }
        // A license file that only names its license ("MIT OR Apache-2.0", "GNU AFFERO GPL 3.0").
        if license_file && out.findings.is_empty() && text.trim().len() <= 200 {
            let n = clearance_model::declared::normalise(text.trim());
            if matches!(
                n.reading,
                clearance_model::declared::Reading::Spdx
                    | clearance_model::declared::Reading::Mapped
            ) && let Some(e) = n.expression
            {
                let last = text.trim_end().lines().count().max(1) as u32;
                out.findings.push(LicenseFinding {
                    expression: e,
                    evidence: Evidence::new(path, Lines::new(1, last), 0.9, Tier::Reference),
                });
            }
        }
        consolidate::consolidate(&mut out.findings);
        // An exception beside a license the file only names ("… the GNU General Public License,
        // version 2" and the GCC linking exception's text) is that license's.
        // An exception with no license in the file to modify is kept as what it is: the
        // exception to the one license its own words name ("In addition to the permissions in
        // the GNU General Public License, …"), else to a license stated elsewhere.
        for (id, lines, confidence, modified) in join_exceptions(&mut out.findings, exceptions) {
            let mut evidence = Evidence::new(path, lines, confidence, Tier::LicenseText);
            evidence.modified = modified;
            let named = exception_words
                .iter()
                .filter(|h| in_exception(h, &lines))
                .find_map(|h| match &h.expression {
                    LicenseExpr::Term(t) if t.exception.is_none() => Some(t.license.clone()),
                    _ => None,
                });
            let license =
                named.unwrap_or_else(|| clearance_model::declared::EXCEPTION_ALONE.into());
            out.findings.push(LicenseFinding {
                expression: LicenseExpr::Term(clearance_model::LicenseTerm {
                    exception: Some(id),
                    ..clearance_model::LicenseTerm::new(license)
                }),
                evidence,
            });
        }
        out.references = refs
            .into_iter()
            .map(|r| LicenseFileRef {
                name: r.name,
                line: r.line + 1,
                resolved: None,
            })
            .collect();
        if opts.license_text {
            for f in out
                .findings
                .iter_mut()
                .filter(|f| f.evidence.text.is_none())
            {
                if matches!(f.evidence.tier, Tier::LicenseText | Tier::Notice) {
                    f.evidence.text = Some(lines_of(&text, f.evidence.lines));
                }
            }
        }
        out.copyrights = copyright::find(&text);
        out.findings.sort_by_key(|f| f.evidence.lines);
        consolidate::alternatives(&text, &mut out.findings);
        out
    }

    /// Full-text and notice matches in `text`, with each exception joined to a license of the
    /// same file (see [`join_exceptions`]). An exception with no license text or notice in the
    /// file is not reported: alone it is not an expression.
    pub fn match_texts(&self, path: &str, text: &str) -> Vec<LicenseFinding> {
        self.match_texts_and_exceptions(path, text).0
    }

    /// Full-text and notice matches in `text`, exceptions joined to them where the file has a
    /// license text or notice, and the exceptions left over (for a license the file only names).
    fn match_texts_and_exceptions(
        &self,
        path: &str,
        text: &str,
    ) -> (Vec<LicenseFinding>, Vec<PendingException>) {
        let matches = self.index.find(text);
        let mut out: Vec<LicenseFinding> = Vec::new();
        // A GNU notice says its version and "or later" in a few words that a whole-notice match
        // weighs lightly (a GPLv2 notice with the GPLv3 "If not, see <…>" closing, a rule for
        // "version 2 of the License, or any later version" matched by "version 2 of the
        // License."): the words decide. Only for notices of one GNU license. A rule of
        // ScanCode's dataset matched word for word keeps its curated reading, but for an "or
        // later" that its lines say after the words it matched ("… version 3.0" and "or later").
        let gnu_words =
            |m: &text::TextMatch, e: &LicenseExpr, lines: Lines| -> Option<LicenseExpr> {
                let exact = m.precision >= 1.0 && m.recall >= 1.0;
                let gnu = |t: &&clearance_model::LicenseTerm| {
                    t.exception.is_none()
                        && (t.license.contains("GPL-") || t.license.starts_with("GFDL-"))
                };
                let terms = e.terms();
                let single = matches!(e, LicenseExpr::Term(_)) && terms.iter().all(gnu);
                // A choice of GNU versions matched in part ("version 2" of a "version 2 or
                // version 3" rule) is the one version its words say.
                let family = |t: &clearance_model::LicenseTerm| -> String {
                    t.license.split('-').next().unwrap_or("").to_string()
                };
                // So is a conjunction of versions of which most of the text is missing.
                let several = matches!(e, LicenseExpr::Or(_))
                    || matches!(e, LicenseExpr::And(_)) && m.recall < 0.75;
                let choice = several
                    && !exact
                    && terms.iter().all(gnu)
                    && terms.iter().all(|t| family(t) == family(terms[0]));
                if m.kind == RefKind::License {
                    return None;
                }
                // Versions of one GNU license, and ids of ScanCode's dataset that stand for GNU
                // licenses (`kde-accepted-gpl`).
                let first = terms.iter().copied().find(|t| gnu(t));
                let one_gnu_license = first.is_some_and(|f| {
                    terms.iter().all(|t| {
                        gnu(t) && family(t) == family(f)
                            || !gnu(t) && t.license.to_ascii_lowercase().contains("gpl")
                    })
                });
                if !(single || choice || one_gnu_license && !exact) {
                    return None;
                }
                let matched = lines_of(text, lines);
                let Some(words) = rules::gnu_notice(&matched) else {
                    // A notice matched in part whose words name no version does not say the
                    // version of its label: it says the family ("See the GNU Lesser General
                    // Public License for more details" matched as 58% of an LGPL-3.0 notice).
                    return first
                        .filter(|_| one_gnu_license && !exact && !VERSION_WORD.is_match(&matched))
                        .and_then(|f| consolidate::vague_of(&f.license));
                };
                if !(single || choice) {
                    return None;
                }
                if words == *e || choice && !terms.iter().any(|t| words.terms() == [*t]) {
                    return None;
                }
                let to_later = |w: &LicenseExpr| {
                    w.terms().iter().all(|t| t.license.ends_with("-or-later"))
                        && e.terms().iter().all(|t| t.license.ends_with("-only"))
                };
                (m.kind != RefKind::Rule || !exact || to_later(&words)).then_some(words)
            };
        let mut exceptions = Vec::new();
        for m in matches {
            let lines = Lines::new(m.start_line + 1, m.end_line + 1);
            match m.kind {
                RefKind::Exception => exceptions.push((m.id, lines, m.confidence, m.modified)),
                RefKind::FalsePositive => {}
                RefKind::License | RefKind::Notice | RefKind::Rule => {
                    let tier = if m.kind == RefKind::License {
                        Tier::LicenseText
                    } else {
                        Tier::Notice
                    };
                    let Ok(mut expression) = LicenseExpr::parse(&m.id) else {
                        continue;
                    };
                    let mut evidence = Evidence::new(path, lines, round3(m.confidence), tier);
                    evidence.modified = m.modified.clone();
                    if let Some(w) = gnu_words(&m, &expression, lines) {
                        expression = w;
                        evidence.modified = None;
                    }
                    if m.source != m.id {
                        evidence.rule = Some(m.source);
                    }
                    out.push(LicenseFinding {
                        expression,
                        evidence,
                    });
                }
            }
        }
        let left = join_exceptions(&mut out, exceptions);
        (out, left)
    }
}

/// An exception text found in a file, not yet joined to a license: id, lines, confidence, how
/// it was modified.
type PendingException = (String, Lines, f32, Option<String>);

/// Joins each exception to a license finding of the same file (`GPL-2.0-only WITH
/// Classpath-exception-2.0`): the nearest GNU-family license, which is what nearly every
/// exception on the SPDX list is written for, else the nearest license; only a single license
/// without an exception takes one. Returns the exceptions no finding could take.
fn join_exceptions(
    findings: &mut [LicenseFinding],
    exceptions: Vec<PendingException>,
) -> Vec<PendingException> {
    let mut left = Vec::new();
    for (id, lines, confidence, modified) in exceptions {
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
        let free = |f: &&mut LicenseFinding| {
            f.evidence.tier != Tier::SpdxTag
                && matches!(&f.expression, LicenseExpr::Term(t) if t.exception.is_none())
        };
        let target = findings
            .iter_mut()
            .filter(free)
            .min_by_key(|f| (!gnu(f), distance(f), f.evidence.lines.start));
        match target {
            Some(f) => {
                if let LicenseExpr::Term(t) = &mut f.expression {
                    t.exception = Some(id.clone());
                }
                let l = f.evidence.lines;
                f.evidence.lines = Lines::new(l.start.min(lines.start), l.end.max(lines.end));
                f.evidence.confidence = round3(f.evidence.confidence.min(confidence));
                if f.evidence.modified.is_none() {
                    f.evidence.modified = modified;
                }
            }
            None => left.push((id, lines, confidence, modified)),
        }
    }
    left
}

/// The given lines (1-based, inclusive) of `text`.
fn lines_of(text: &str, lines: Lines) -> String {
    text.split('\n')
        .skip(lines.start.saturating_sub(1) as usize)
        .take((lines.end - lines.start + 1) as usize)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A version number in a notice's words ("version 2", "v2.1", "GPLv3", "GPL-2.0").
static VERSION_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:version|v|[la]?gpl|gfdl)[\s.-]*[0-9]|licen[cs]e[\s-]+[0-9]|\b[0-9]\.[0-9]\b",
    )
    .expect("regex compiles")
});

/// The words by which a notice says "or later": a rule's "or later" reading of a notice's "only"
/// license must rest on them, not on a name without a version (read as its family's "or later").
static LATER_WORD: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)[0-9]\s*\+|\b(?:later|newer|higher|above|greater|subsequent)\b")
        .expect("regex compiles")
});

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
    fn license_texts_and_notices_in_source_files() {
        let header = format!(
            "/*\n{}\n */\nfn main() {{}}\n",
            license_text("MIT").replace('\n', "\n * ")
        );
        let d = DETECTOR.detect("src/main.rs", header.as_bytes());
        assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
        assert_eq!(d.findings[0].evidence.tier, Tier::LicenseText);
        let d = DETECTOR.detect(
            "lib/a.py",
            b"# Licensed under the Apache License, Version 2.0\nimport os\n",
        );
        assert_eq!(d.findings[0].expression.to_string(), "Apache-2.0");
        assert!(matches!(
            d.findings[0].evidence.tier,
            Tier::Reference | Tier::Notice
        ));
        // No keyword, nothing to do.
        let d = DETECTOR.detect("src/lib.rs", b"fn f() -> u32 { 42 }\n");
        assert_eq!(d, FileDetection::default());
    }

    #[test]
    fn an_or_later_the_notice_did_not_reach_wins() {
        let expr = |text: &str| {
            let d = DETECTOR.detect("src/a.c", text.as_bytes());
            clearance_model::file_expression(d.findings.iter().map(|f| &f.expression))
                .map(|e| e.to_string())
        };
        // The curated notice reads "(LGPL) 2.1"; the "+" after it makes it "or later".
        assert_eq!(
            expr("/* the GNU Lesser General Public License (LGPL-2.1+) applies */\n").as_deref(),
            Some("LGPL-2.1-or-later")
        );
        // The notice's words stop at "Version"; the version is on the next line.
        assert_eq!(
            expr(" * This program is free software; you can redistribute it and/or modify\n * it under the terms of the GNU Lesser General Public License, Version\n * 2.1, June 1999 as published by the Free Software Foundation.\n").as_deref(),
            Some("LGPL-2.1-only")
        );
        // A choice of versions matched in part is the version the words say.
        assert_eq!(
            expr("This is free\nsoftware, and you are welcome to redistribute it under\nthe terms of the GNU General Public License version 2\n").as_deref(),
            Some("GPL-2.0-only")
        );
        // A conjunction of versions most of whose text is missing is the version the words say.
        assert_eq!(
            expr("This program is free software: you can redistribute it and/or modify\n it under the terms of the GNU General Public License as published by\n the Free Software Foundation, either version 2 of the License, or\n (at your option) any later version.\n .\n This package is distributed in the hope that it will be useful,\n but WITHOUT ANY WARRANTY; without even the implied warranty of\n MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the\n GNU General Public License for more details.\n .\n The complete text of the GNU General Public License version 2\n can be found in `/usr/share/common-licenses/GPL-2'.\n").as_deref(),
            Some("GPL-2.0-or-later")
        );
        // Boilerplate matched as part of a notice of another version says no version.
        assert_eq!(
            expr("This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Lesser Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version.\n\nThis program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU Lesser General Public License for more details.\n\nYou should have received a copy of the GNU Lesser General Public License along with this program; if not, write to the Free Software Foundation, Inc., 51 Franklin Street, Suite 500, Boston, MA 02110-1335, USA.\n").as_deref(),
            Some("LGPL-2.1-or-later")
        );
        // A link names no version more precisely than the notice around it.
        assert_eq!(
            expr(" * The genshellopt library is free software; you can redistribute it and/or\n * modify it under the terms of the GNU Library General Public License as\n * published by the Free Software Foundation; either version 2 of the\n * License, or (at your option) any later version.\n *\n * This library is distributed in the hope that it will be useful, but\n * WITHOUT ANY WARRANTY; without even the implied warranty of\n * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU\n * Library General Public License for more details.\n *\n * You should have received a copy of the GNU Library General Public\n * License along with this library; if not, see\n * <http://www.gnu.org/licenses/old-licenses/lgpl-2.0.html>\n").as_deref(),
            Some("LGPL-2.0-or-later")
        );
        // A catch-all notice gives way to the license its sentence names.
        assert_eq!(
            expr("# This software may be modified and distributed under the terms\n# of the GPLv3 license.  See the LICENSE file for details.\n").as_deref(),
            Some("GPL-3.0-only")
        );
        // A modified notice gives way to the version its words say.
        assert_eq!(
            expr("This program is free software; you can redistribute it and/or modify\nit under the terms of the GNU General Public version 2 License as\npublished by the Free Software Foundation\n").as_deref(),
            Some("GPL-2.0-only")
        );
        // A name said vaguely in a notice and specifically in its words.
        assert_eq!(
            expr("This program is free software; you can redistribute it and/or\n modify it under the terms of the Perl Artistic License or the\n GNU General Public License as published by the Free Software\n Foundation; either version 2 of the License, or (at your option) any\n later version.\n").as_deref(),
            Some("Artistic-1.0-Perl OR GPL-2.0-or-later")
        );
        // GNU boilerplate matched as part of a notice of several versions says no version; the
        // exception read with the family joins the version the grant says.
        assert_eq!(
            expr("License: GPLv2 with linking exception\n\nThis program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License, version 2, as published by the Free Software Foundation.\n\nIn addition to the permissions in the GNU General Public License, the authors give you unlimited permission to link the compiled version of this file into combinations with other programs, and to distribute those combinations without any restriction coming from the use of this file. (The General Public License restrictions do apply in other respects; for example, they cover modification of the file, and distribution when not linked into a combine executable.)\n\nThis program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public License for more details.\n\nYou should have received a copy of the GNU General Public License along with this program; see the file COPYING. If not, write to the Free Software Foundation, 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301, USA.\n").as_deref(),
            Some("GPL-2.0-only WITH GCC-exception-2.0")
        );
        // A name without a version is no "or later" of the versioned notice beside it.
        assert_eq!(
            expr("/* licensed under the terms of the GNU Library General Public License, Version 2 (LGPL). See the LGPL for more details. */\n").as_deref(),
            Some("LGPL-2.0-only")
        );
    }

    #[test]
    fn a_file_of_many_bundled_licenses_keeps_them_all() {
        // A wheel's license file lists the licenses of every library it bundles: more than the
        // sixteen texts the search once stopped at, silently.
        let ids = [
            "MIT",
            "ISC",
            "BSD-2-Clause",
            "BSD-3-Clause",
            "Zlib",
            "0BSD",
            "Unlicense",
            "WTFPL",
            "BSL-1.0",
            "NCSA",
            "PostgreSQL",
            "curl",
            "Beerware",
            "FSFAP",
            "Libpng",
            "bzip2-1.0.6",
            "Apache-2.0",
            "MPL-2.0",
            "OFL-1.1",
            "Artistic-2.0",
        ];
        let text = ids
            .iter()
            .map(|id| license_text(id))
            .collect::<Vec<_>>()
            .join("\n\n----\n\n");
        let d = DETECTOR.detect("LICENSE", text.as_bytes());
        let found = expressions(&d);
        for id in ids {
            assert!(found.iter().any(|f| f == id), "{id} missing from {found:?}");
        }
        assert_eq!(d.truncated, None);
    }

    #[test]
    fn names_without_the_word_license_pass_the_prefilter() {
        let d = DETECTOR.detect(
            "docs/credits.txt",
            b"Images: Creative Commons Attribution 2.0 Generic CC-BY-2.0\n",
        );
        assert_eq!(expressions(&d), ["CC-BY-2.0"]);
    }

    #[test]
    fn copyrights_and_references() {
        let d = DETECTOR.detect(
            "src/util.c",
            b"/*\n * Copyright (c) 2019 Example Corp.\n * See the file COPYING for copying permission.\n */\n",
        );
        assert_eq!(d.copyrights.len(), 1);
        assert_eq!(d.copyrights[0].holder.as_deref(), Some("Example Corp"));
        assert_eq!(
            d.references,
            [LicenseFileRef {
                name: "COPYING".into(),
                line: 3,
                resolved: None
            }]
        );
    }

    /// The expressions of a file's findings, in order.
    fn expressions(d: &FileDetection) -> Vec<String> {
        d.findings
            .iter()
            .map(|f| f.expression.to_string())
            .collect()
    }

    #[test]
    fn an_exception_joins_a_license_the_file_only_names() {
        let text = "This file is part of libfoo, under the GNU General Public License, version 2.\n\nIn addition to the permissions in the GNU General Public License, the Free Software\nFoundation gives you unlimited permission to link the compiled version of this file into\ncombinations with other programs, and to distribute those combinations without any\nrestriction coming from the use of this file. (The General Public License restrictions do\napply in other respects; for example, they cover modification of the file, and distribution\nwhen not linked into a combine executable.)\n";
        let d = DETECTOR.detect("src/foo.c", text.as_bytes());
        let found = expressions(&d);
        assert_eq!(
            found,
            ["GPL-2.0-only WITH GCC-exception-2.0"],
            "{:?}",
            d.findings
        );
    }

    #[test]
    fn a_dual_license_notice_is_read_by_the_rules() {
        let text = "Copyright Mozilla Foundation\n\nLicensed under the Apache License (Version 2.0), or the MIT license,\n(the \"Licenses\") at your option. You may not use this file except in\ncompliance with one of the Licenses. You may obtain copies of the\nLicenses at:\n\n   https://www.apache.org/licenses/LICENSE-2.0\n   https://opensource.org/licenses/MIT\n\nUnless required by applicable law or agreed to in writing, software\ndistributed under the Licenses is distributed on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\nSee the Licenses for the specific language governing permissions and\nlimitations under the Licenses.\n";
        let d = DETECTOR.detect("COPYRIGHT", text.as_bytes());
        let found = expressions(&d);
        assert_eq!(found, ["Apache-2.0 OR MIT"], "{:?}", d.findings);
        assert!(
            d.findings.iter().all(|f| f.evidence.modified.is_none()),
            "{:?}",
            d.findings
        );
    }

    #[test]
    fn a_license_file_that_names_its_license() {
        let d = DETECTOR.detect("vendor/typenum/LICENSE", b"MIT OR Apache-2.0");
        assert_eq!(d.findings[0].expression.to_string(), "MIT OR Apache-2.0");
        let d = DETECTOR.detect("COPYING", b"GNU AFFERO GPL 3.0");
        assert_eq!(d.findings[0].expression.to_string(), "AGPL-3.0-only");
        let d = DETECTOR.detect(
            "NOTICE",
            b"This product includes software developed by Foo.",
        );
        assert!(d.findings.is_empty());
    }

    #[test]
    fn unspecified_bsd_gives_way_to_the_bsd_text() {
        let text = format!(
            "/*\nIt is released under the same BSD license.\n\n{}\n*/\n",
            license_text("BSD-3-Clause")
        );
        let d = DETECTOR.detect("src/bindings.rs", text.as_bytes());
        let found = expressions(&d);
        assert_eq!(found, ["BSD-3-Clause"]);
    }

    #[test]
    fn gnu_notice_version_comes_from_its_words() {
        let v2_with_v3_closing = "This program is free software; you can redistribute it and/or modify\n  it under the terms of the GNU General Public License as published by\n  the Free Software Foundation; either version 2 of the License, or\n  (at your option) any later version.\n\n  This software is distributed in the hope that it will be useful,\n  but WITHOUT ANY WARRANTY; without even the implied warranty of\n  MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the\n  GNU General Public License for more details.\n\n  You should have received a copy of the GNU General Public License\n  along with this program; if not, see <http://www.gnu.org/licenses/>.\n";
        let d = DETECTOR.detect("drivers/net/x.c", v2_with_v3_closing.as_bytes());
        let found = expressions(&d);
        assert_eq!(found, ["GPL-2.0-or-later"], "{:?}", d.findings);
    }

    #[test]
    fn budgets_are_reported() {
        let mut big = b"// Licensed under the MIT license.\n".to_vec();
        big.extend(std::iter::repeat_n(b'x', HEAD_BUDGET + 10));
        let d = DETECTOR.detect("dist/app.min.js", &big);
        assert!(d.truncated.is_some());
        assert_eq!(d.findings[0].expression.to_string(), "MIT");
    }

    #[test]
    fn license_text_option_keeps_the_matched_text() {
        let d = DETECTOR.detect_with(
            "a.py",
            b"# Released under the MIT license.\n",
            DetectOptions { license_text: true },
        );
        assert_eq!(
            d.findings[0].evidence.text.as_deref(),
            Some("# Released under the MIT license.")
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
    fn a_notice_matched_as_written_keeps_its_reading_over_its_own_sentences() {
        // The wxWindows licence: the LGPL notice and the exception notice, whose third clause
        // speaks of code "distributed under the terms of the GNU General Public Licence or the
        // GNU Library General Public Licence".
        let text = spdx::text::EXCEPTION_TEXTS
            .iter()
            .find(|(i, _)| *i == "WxWindows-exception-3.1")
            .unwrap()
            .1;
        let d = DETECTOR.detect("src/wx.h", format!("/*\n{text}\n*/\n").as_bytes());
        // Alone, the exception is kept as the exception to a license stated elsewhere, and
        // its own sentences are part of it.
        assert_eq!(
            expressions(&d),
            ["LicenseRef-clearance-exception-alone WITH WxWindows-exception-3.1"]
        );
        // An exception whose words name the one license it modifies.
        let gcc = spdx::text::EXCEPTION_TEXTS
            .iter()
            .find(|(i, _)| *i == "GCC-exception-2.0")
            .unwrap()
            .1;
        let d = DETECTOR.detect("src/crt.c", format!("/*\n{gcc}\n*/\n").as_bytes());
        assert_eq!(expressions(&d), ["GPL-1.0-or-later WITH GCC-exception-2.0"]);
        // The 389 exception's text includes the notice of the license it modifies.
        let text389 = spdx::text::EXCEPTION_TEXTS
            .iter()
            .find(|(i, _)| *i == "389-exception")
            .unwrap()
            .1;
        let d = DETECTOR.detect("src/ds.c", format!("/*\n{text389}\n*/\n").as_bytes());
        assert_eq!(expressions(&d), ["GPL-2.0-only WITH 389-exception"]);
        let notice = "This library is free software; you can redistribute it and/or modify it\nunder the terms of the GNU Library General Public Licence as published by\nthe Free Software Foundation; either version 2 of the Licence, or (at\nyour option) any later version.\n\n";
        let d = DETECTOR.detect("src/wx.h", format!("/*\n{notice}{text}\n*/\n").as_bytes());
        assert_eq!(
            expressions(&d),
            ["LGPL-2.0-or-later WITH WxWindows-exception-3.1"]
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
        let found = expressions(&d);
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
    fn apache_notice_file() {
        // The Apache NOTICE sentence is the notice of Apache-2.0 software (ScanCode's rule).
        let d = DETECTOR.detect(
            "NOTICE",
            b"Apache Commons Lang\nCopyright 2001-2024 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n",
        );
        assert!(d.license_file);
        assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
        assert_eq!(d.findings[0].expression.to_string(), "Apache-2.0");
        assert!(
            d.findings[0]
                .evidence
                .rule
                .as_deref()
                .is_some_and(|r| r.starts_with("scancode:"))
        );
        // A notice that names no license gives nothing.
        let d = DETECTOR.detect(
            "NOTICE",
            b"This product includes software developed by Example Corp.\n",
        );
        assert!(d.findings.is_empty(), "{:?}", d.findings);
    }
}
