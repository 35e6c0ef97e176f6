//! Attribution: what a shipped component's license asks the product to pass on (copyright
//! lines, license text, the contents of its `NOTICE` file, a source offer), and whether the
//! product's third-party notices files do.
//!
//! The check reads the inventory only: the scan keeps the text of notices files (and, when asked,
//! of license files) in [`FileRecord::text`]. Texts are compared normalised (lower case, words
//! only, HTML tags and entities undone), so a notices file passes whatever its layout: plain
//! text, Markdown or HTML.
//!
//! # Example
//! ```
//! use clearance_policy::attribution::normalise;
//! assert_eq!(normalise("Copyright © 2020  Jane <b>Doe</b>", false), " copyright c 2020 jane b doe b ");
//! assert_eq!(normalise("Copyright &copy; 2020 Jane <b>Doe</b>", true), " copyright c 2020 jane doe ");
//! ```

use std::collections::{BTreeSet, HashMap};

use clearance_model::{Component, FileRecord, Tier};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Serialize;

use crate::diagnostics::Code;
use crate::obligations::{Due, Kind};

/// Where a product's third-party notices are looked for when `[product] notices` does not say.
/// Paths are relative to the scanned root; `dir/` means every file under `dir`.
pub const DEFAULT_NOTICES: &[&str] = &[
    "THIRD_PARTY_NOTICES*",
    "THIRD-PARTY-NOTICES*",
    "ThirdPartyNotices*",
    "NOTICE*",
    "licenses/",
    "about.html",
];

/// One glob of `[product] notices`: `*` stays within a directory, `**` crosses them, a trailing
/// `/` names a directory and everything under it.
pub fn notices_glob(pattern: &str) -> Result<Glob, globset::Error> {
    let p = pattern.trim().trim_start_matches("./");
    let p = match p.strip_suffix('/') {
        Some(dir) => format!("{dir}/**"),
        None => p.to_string(),
    };
    GlobBuilder::new(&p).literal_separator(true).build()
}

/// The globs of `[product] notices` as one set (patterns are validated when the policy is read).
pub fn notices_globset(patterns: &[String]) -> GlobSet {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        if let Ok(g) = notices_glob(p) {
            b.add(g);
        }
    }
    b.build().unwrap_or_else(|_| GlobSet::empty())
}

/// Text for comparison: lower case, every run of characters other than letters and digits one
/// space, `©` read as `c`, with a space at both ends (so a search for `" mit "` finds whole
/// words). With `html`, tags are dropped and character references decoded first.
pub fn normalise(text: &str, html: bool) -> String {
    let decoded;
    let text = if html {
        decoded = strip_html(text);
        decoded.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for ch in text.chars() {
        if ch == '©' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str("c ");
        } else if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// HTML to text: tags (and `<script>`/`<style>` contents) dropped, character references decoded.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let lower = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
            let end_tag = if lower.starts_with("<script") {
                Some("</script>")
            } else if lower.starts_with("<style") {
                Some("</style>")
            } else {
                None
            };
            let end = match end_tag {
                Some(t) => rest
                    .to_ascii_lowercase()
                    .find(t)
                    .map(|k| k + t.len())
                    .unwrap_or(rest.len()),
                None => rest.find('>').map_or(rest.len(), |k| k + 1),
            };
            out.push(' ');
            rest = &rest[end..];
        } else {
            let (ch, len) = entity(rest);
            out.push_str(ch);
            rest = &rest[len..];
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `s` stands for, and its length (`&` alone if
/// it is not one this reader knows; letters and digits are what comparison keeps).
fn entity(s: &str) -> (&'static str, usize) {
    const NAMED: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&copy;", "©"),
        ("&nbsp;", " "),
    ];
    NAMED
        .iter()
        .find(|(name, _)| s.starts_with(name))
        .map_or(("&", 1), |(name, ch)| (*ch, name.len()))
}

/// `true` for a line that is a copyright statement (`Copyright (c) 2020 Jane Doe`), which a
/// notices file lists with its component rather than inside the license text.
pub fn is_copyright_line(line: &str) -> bool {
    let l = line.trim_start().to_ascii_lowercase();
    l.starts_with("copyright") || l.starts_with("(c)") || line.trim_start().starts_with('©')
}

/// The text of license `id` as a component carries it: the lines of its license files where
/// that license's full text was matched, without the copyright lines. For a license outside the
/// SPDX list (`LicenseRef-…`, which has no standard text to fall back on), the whole license
/// file it was found in. `None` when no license file of the component holds the text (or its
/// text was not kept).
pub fn license_text_of(
    c: &Component,
    id: &str,
    files: &HashMap<&str, &FileRecord>,
) -> Option<String> {
    matched_text_of(c, id, files).or_else(|| {
        if spdx::license_id(id).is_some() {
            return None;
        }
        c.license_files.iter().find_map(|path| {
            let f = files.get(path.as_str())?;
            let text = f.text.as_deref()?;
            f.findings
                .iter()
                .any(|x| x.expression.terms().iter().any(|t| t.license == id))
                .then(|| without_copyright_lines(text))
        })
    })
}

/// A text without its copyright lines, blank lines at both ends trimmed.
fn without_copyright_lines(text: &str) -> String {
    let body: Vec<&str> = text.lines().filter(|l| !is_copyright_line(l)).collect();
    body.join("\n").trim_matches('\n').to_string()
}

/// The lines where the full text of `id` was matched in the component's license files.
fn matched_text_of(c: &Component, id: &str, files: &HashMap<&str, &FileRecord>) -> Option<String> {
    for path in &c.license_files {
        let Some(f) = files.get(path.as_str()) else {
            continue;
        };
        let Some(text) = &f.text else { continue };
        for x in &f.findings {
            if x.evidence.tier != Tier::LicenseText
                || !x.expression.terms().iter().any(|t| t.license == id)
            {
                continue;
            }
            let start = x.evidence.lines.start.max(1) as usize - 1;
            let len = (x.evidence.lines.end as usize + 1).saturating_sub(start + 1);
            let lines: Vec<&str> = text.lines().skip(start).take(len.max(1)).collect();
            let body = without_copyright_lines(&lines.join("\n"));
            if !body.trim().is_empty() {
                return Some(body);
            }
        }
    }
    None
}

/// The `NOTICE` files of a component, with their text: `(path, text)`.
pub fn notice_files_of<'f>(
    c: &Component,
    files: &HashMap<&str, &'f FileRecord>,
) -> Vec<(&'f str, &'f str)> {
    c.license_files
        .iter()
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            name.to_ascii_lowercase().starts_with("notice")
        })
        .filter_map(|p| {
            let f = files.get(p.as_str())?;
            let text = f.text.as_deref()?;
            (!text.trim().is_empty()).then_some((f.path.as_str(), text))
        })
        .collect()
}

/// The product's third-party notices files, read for comparison.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    /// Their paths, sorted.
    pub paths: Vec<String>,
    /// Their texts, normalised and joined.
    text: String,
    /// Licenses whose full text detection found in them.
    texts_found: BTreeSet<String>,
}

impl Notices {
    /// The notices files among the inventory's files (those marked
    /// [`FileRecord::notices_file`] whose text was kept).
    pub fn new(files: &[FileRecord]) -> Notices {
        let mut n = Notices::default();
        for f in files.iter().filter(|f| f.notices_file) {
            let Some(text) = &f.text else { continue };
            n.paths.push(f.path.clone());
            let lower = f.path.to_ascii_lowercase();
            let head = text
                .trim_start()
                .get(..15)
                .unwrap_or("")
                .to_ascii_lowercase();
            let html = lower.ends_with(".html")
                || lower.ends_with(".htm")
                || head.starts_with("<!doctype html")
                || head.starts_with("<html");
            n.text.push_str(&normalise(text, html));
            for x in f
                .findings
                .iter()
                .filter(|x| x.evidence.tier == Tier::LicenseText)
            {
                n.texts_found
                    .extend(x.expression.terms().iter().map(|t| t.license.clone()));
            }
        }
        n.paths.sort();
        n
    }

    /// `true` when the normalised `text` appears in the notices files.
    pub fn contains(&self, text: &str, html: bool) -> bool {
        let needle = normalise(text, html);
        needle.trim().is_empty()
            || memchr::memmem::find(self.text.as_bytes(), needle.as_bytes()).is_some()
    }
}

/// An obligation the product does not meet for one component.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmet {
    /// The diagnostic code: `missing-attribution`, `missing-license-text`,
    /// `missing-notice-content`, `missing-source-offer`.
    pub code: Code,
    /// The obligation.
    pub kind: Kind,
    /// The license that creates it.
    pub license: String,
    /// What is missing, for a human.
    pub message: String,
}

/// The obligations of `due` (a component's triggered obligations) that the notices files and the
/// product's source offer do not meet.
pub fn unmet(
    c: &Component,
    due: &[Due],
    files: &HashMap<&str, &FileRecord>,
    notices: &Notices,
    source_offer: Option<&str>,
) -> Vec<Unmet> {
    let mut out = Vec::new();
    let where_ = || {
        if notices.paths.is_empty() {
            "no third-party notices file was found".to_string()
        } else {
            format!("not in {}", notices.paths.join(", "))
        }
    };
    let mut attribution_checked = false;
    let mut notice_checked = false;
    let mut source_checked = false;
    for d in due {
        match d.kind {
            Kind::Attribution if !attribution_checked => {
                attribution_checked = true;
                let missing: Vec<&String> = c
                    .copyrights
                    .iter()
                    .filter(|s| !notices.contains(s, false))
                    .collect();
                let message = if c.copyrights.is_empty() {
                    (!notices.contains(&c.name, false))
                        .then(|| format!("`{}` is not named ({})", c.name, where_()))
                } else if missing.is_empty() {
                    None
                } else {
                    let shown: Vec<String> =
                        missing.iter().take(3).map(|s| format!("\"{s}\"")).collect();
                    let more = missing.len().saturating_sub(3);
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    Some(format!(
                        "{} of {} copyright lines missing: {}{more} ({})",
                        missing.len(),
                        c.copyrights.len(),
                        shown.join(", "),
                        where_()
                    ))
                };
                if let Some(message) = message {
                    out.push(Unmet {
                        code: Code::MissingAttribution,
                        kind: d.kind,
                        license: d.license.clone(),
                        message,
                    });
                }
            }
            Kind::LicenseText => {
                let id = d
                    .license
                    .split(" WITH ")
                    .next()
                    .unwrap_or(&d.license)
                    .trim_end_matches('+');
                let own = license_text_of(c, id, files);
                let met = notices.texts_found.contains(id)
                    || own.as_deref().is_some_and(|t| notices.contains(t, false))
                    || spdx::license_id(id).is_some_and(|l| notices.contains(l.text(), false));
                if !met {
                    out.push(Unmet {
                        code: Code::MissingLicenseText,
                        kind: d.kind,
                        license: d.license.clone(),
                        message: format!("the text of {id} is missing ({})", where_()),
                    });
                }
            }
            Kind::NoticeFile if !notice_checked => {
                notice_checked = true;
                for (path, text) in notice_files_of(c, files) {
                    if !notices.contains(text, false) {
                        out.push(Unmet {
                            code: Code::MissingNoticeContent,
                            kind: d.kind,
                            license: d.license.clone(),
                            message: format!("the contents of `{path}` are missing ({})", where_()),
                        });
                    }
                }
            }
            Kind::DiscloseSource | Kind::NetworkSource
                if !source_checked && source_offer.is_none() =>
            {
                source_checked = true;
                out.push(Unmet {
                    code: Code::MissingSourceOffer,
                    kind: d.kind,
                    license: d.license.clone(),
                    message: format!(
                        "{} asks that its source be offered ({}), and `[product] source-offer` is not set",
                        d.license,
                        if d.kind == Kind::NetworkSource {
                            "to network users"
                        } else {
                            "to recipients"
                        }
                    ),
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::obligations::Trigger;

    fn record(path: &str, text: &str) -> FileRecord {
        FileRecord {
            path: path.into(),
            size: text.len() as u64,
            sha256: String::new(),
            sha1: String::new(),
            kind: clearance_model::FileKind::Text,
            license_file: true,
            expression: None,
            findings: Vec::new(),
            copyrights: Vec::new(),
            references: Vec::new(),
            truncated: None,
            notices_file: false,
            text: Some(text.into()),
        }
    }

    fn due(license: &str, kind: Kind) -> Due {
        Due {
            license: license.into(),
            kind,
            trigger: Trigger::Distribution,
            clause: String::new(),
        }
    }

    fn notices(text: &str, path: &str) -> Notices {
        let mut f = record(path, text);
        f.notices_file = true;
        Notices::new(&[f])
    }

    #[test]
    fn notices_globs() {
        let set = notices_globset(&["THIRD_PARTY_NOTICES*".into(), "licenses/".into()]);
        assert!(set.is_match("THIRD_PARTY_NOTICES.txt"));
        assert!(
            !set.is_match("docs/THIRD_PARTY_NOTICES.txt"),
            "`*` stays at the root"
        );
        assert!(set.is_match("licenses/npm/ms.txt"));
        assert!(!set.is_match("vendor/licenses/x"));
        assert!(notices_glob("[oops").is_err());
    }

    #[test]
    fn html_is_read_as_text() {
        let n = notices(
            "<!DOCTYPE html><html><style>p { x: 1 }</style><pre>Copyright (c) Jane &lt;jane@example.org&gt;</pre></html>",
            "notices.txt",
        );
        assert!(n.contains("Copyright (c) Jane <jane@example.org>", false));
        assert!(!n.contains("x 1", false), "style contents are not text");
        assert!(is_copyright_line("  © 2020 Jane"));
        assert!(!is_copyright_line("The above copyright notice"));
    }

    #[test]
    fn each_obligation_is_checked_against_the_notices() {
        let mut c = Component::new(
            clearance_model::Ecosystem::Npm,
            "aws-sdk",
            Some("2.0.0".into()),
            "pkg:npm/aws-sdk@2.0.0".into(),
        );
        c.copyrights = vec!["Copyright 2012-2017 Amazon.com, Inc.".into()];
        c.license_files = vec!["node_modules/aws-sdk/NOTICE.txt".into()];
        let notice = record(
            "node_modules/aws-sdk/NOTICE.txt",
            "AWS SDK for JavaScript\nCopyright 2012-2017 Amazon.com, Inc.\n\nThis product includes software developed at Amazon.\n",
        );
        let files: HashMap<&str, &FileRecord> = [(notice.path.as_str(), &notice)].into();
        let all = [
            due("Apache-2.0", Kind::Attribution),
            due("Apache-2.0", Kind::LicenseText),
            due("Apache-2.0", Kind::NoticeFile),
        ];
        let codes =
            |c: &Component, n: &Notices, offer: Option<&str>, due: &[Due]| -> Vec<&'static str> {
                unmet(c, due, &files, n, offer)
                    .into_iter()
                    .map(|u| u.code.as_str())
                    .collect()
            };
        // Nothing there.
        let empty = Notices::default();
        assert_eq!(
            codes(&c, &empty, None, &all),
            [
                "missing-attribution",
                "missing-license-text",
                "missing-notice-content"
            ]
        );
        // The copyright line in another layout, the SPDX text, the NOTICE contents: all met.
        let apache = spdx::license_id("Apache-2.0").unwrap().text();
        let full = notices(
            &format!(
                "aws-sdk\n  COPYRIGHT 2012-2017 AMAZON.COM, INC.\n\n  AWS SDK for JavaScript\n  Copyright 2012-2017 Amazon.com, Inc.\n  This product includes software developed at Amazon.\n\n{apache}"
            ),
            "THIRD_PARTY_NOTICES.md",
        );
        assert!(codes(&c, &full, None, &all).is_empty());
        // Copyleft without a source offer.
        let gpl = [due("GPL-2.0-only", Kind::DiscloseSource)];
        assert_eq!(codes(&c, &full, None, &gpl), ["missing-source-offer"]);
        assert!(codes(&c, &full, Some("https://example.org/oss"), &gpl).is_empty());
        // A component without copyright lines is attributed by its name.
        c.copyrights.clear();
        let named = notices("aws-sdk 2.0.0", "NOTICE");
        assert!(codes(&c, &named, None, &all[..1]).is_empty());
        let unnamed = notices("something else", "NOTICE");
        assert_eq!(
            codes(&c, &unnamed, None, &all[..1]),
            ["missing-attribution"]
        );
    }
}
