//! Short license references in prose: the sentences, tags, URLs and README sections by which a
//! file says under which license it is, without carrying a license text.
//!
//! Rules run on *prose*: the text with comment markers removed from each line, so that a sentence
//! wrapped over several comment lines reads as one. Each rule gives an expression and the lines it
//! was read from:
//!
//! | rule | example |
//! |---|---|
//! | `@license` banner | `/*! @license MIT */` in minified JavaScript |
//! | GNU version paragraph | "GNU General Public License … either version 2 … or (at your option) any later version" |
//! | "licensed under" sentence | "Licensed under the Apache License, Version 2.0", "released under the MIT license", "dual licensed under MIT or Apache-2.0" |
//! | license URL | `https://www.apache.org/licenses/LICENSE-2.0`, `opensource.org/licenses/MIT` |
//! | README license section | a "License" heading followed by a line naming a license |
//! | file reference | "see the file COPYING", "See LICENSE for details" |

use std::sync::LazyLock;

use clearance_model::LicenseExpr;
use regex::Regex;

use crate::names::phrase_expression;

/// Text with comment markers removed, and where each line starts.
pub struct Prose {
    /// The cleaned text; one line per line of the original.
    pub text: String,
    starts: Vec<usize>,
}

static COMMENT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:/\*+!?|\*+/?|//+!?|#+!?|--+|;+|%+|!+|<!--|'''|"""|REM\s|::|\|)?\s*"#)
        .expect("comment regex compiles")
});

static COMMENT_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\s*(?:\*+/|-->|"""|''')\s*$"#).expect("comment regex compiles"));

impl Prose {
    /// Cleans `text` line by line.
    pub fn new(text: &str) -> Prose {
        let mut out = String::with_capacity(text.len());
        let mut starts = Vec::new();
        for line in text.split('\n') {
            starts.push(out.len());
            let line = line.trim_end_matches('\r');
            let lead = COMMENT_LEAD.find(line).map_or(0, |m| m.end());
            let body = &line[lead..];
            let tail = COMMENT_TAIL.find(body).map_or(body.len(), |m| m.start());
            out.push_str(&body[..tail]);
            out.push('\n');
        }
        Prose { text: out, starts }
    }

    /// 0-based line of a byte offset of [`Prose::text`].
    pub fn line_of(&self, offset: usize) -> u32 {
        (self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)) as u32
    }
}

/// Lines within which a license URL belongs to a sentence naming its license.
const URL_NEAR: u32 = 15;

/// A license reference found by a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleHit {
    /// What it names.
    pub expression: LicenseExpr,
    /// 0-based first line.
    pub start_line: u32,
    /// 0-based last line.
    pub end_line: u32,
    /// How sure the rule is.
    pub confidence: f32,
    /// Which rule.
    pub rule: &'static str,
}

/// A reference to a license file of the same package ("see the file COPYING").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    /// The file name as written (`COPYING`, `LICENSE.txt`).
    pub name: String,
    /// 0-based line.
    pub line: u32,
}

static LICENSE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@license\s+([A-Za-z0-9][A-Za-z0-9.+-]*(?:\s+(?:OR|AND|or|and)\s+[A-Za-z0-9][A-Za-z0-9.+-]*)*)")
        .expect("regex compiles")
});

static GNU_VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)\bGNU\}?\s+(?:(?P<q>Lesser\s+|Library\s+|Affero\s+)?(?:General\s+)?Public|(?P<fdl>Free\s+Documentation))\s+Licen[cs]e\b(?P<between>.{0,160}?)\bversion\s+(?P<v>[123](?:\.[0-3])?)\b(\s+of\s+(?:the\s+)?Licen[cs]e)?(?P<later>\+|[^.;]{0,64}?\bor\b[^.;]{0,40}?\blater\b|[^.;]{0,64}?\bsoit\b[^.;]{0,40}?\bult[ée]rieure\b)?",
    )
    .expect("regex compiles")
});

static VERSION_OF_GNU: LazyLock<Regex> = LazyLock::new(|| {
    // "version 2 of the GNU Lesser General Public License", "Version 3 only of the GNU General
    // Public License", "version 2 of the GNU General Public License, or (at your option) any
    // later version".
    Regex::new(
        r"(?is)\bversion\s+(?P<v>[123](?:\.[0-3])?)(?:\s+\(?only\)?)?\s+of\s+the\s+(?:GNU\s+)?(?:(?:(?P<q>Lesser\s+|Library\s+|Affero\s+)?General\s+Public|(?P<fdl>Free\s+Documentation))\s+Licen[cs]e\b|(?P<abbr>[LA]?GPL)\b)(?P<later>,?\s*\(?or\s+(?:\(?at\s+your\s+option\)?\s+)?(?:any\s+)?later(?:\s+version)?)?",
    )
    .expect("regex compiles")
});

static UNDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)(?:\b(?P<verb>licen[cs]ed|re-?licen[cs]ed|released|distributed|redistributed|redistribute|available|provided|published|offered|made\s+available|covered|governed|redistributable|usable|used|use|modify|modified|copied|conveyed|shared)\b(?:[ \t\n]+[\w\x22'-]+){0,5}?[ \t\n]+under\s+(?:the\s+)?(?:(?:terms|conditions)\s+(?:and\s+conditions\s+)?of\s+(?:the\s+)?)?|\bunder\s+the\s+(?:terms|conditions)\s+(?:and\s+conditions\s+)?of\s+(?:the\s+)?|\bunder\s+(?P<either>either)\s+(?:the\s+)?)(?P<body>.{2,240}?)(?:\.\s|\.$|;|:\s|\s\||\*/|\n\s*\n|$)",
    )
    .expect("regex compiles")
});

static DUAL: LazyLock<Regex> = LazyLock::new(|| {
    // "dual licensed under MIT or Apache-2.0", and "dual BSD and GPLv2" (two names needed then).
    Regex::new(r"(?is)\b(?:dual(?P<lic>[- ]licen[cs](?:ed|ing))?|(?:triple|multi)(?P<lic2>[- ]licen[cs](?:ed|ing)))\s+(?:under\s+)?(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?(?P<body>.{2,200}?)(?:\.\s|\.$|;|:\s|\n\s*\n|$)")
        .expect("regex compiles")
});

static EITHER_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:licen[cs]ed|released|distributed|available|provided|offered|usable|used)\s+under\s+(?:either|any|one)\s+of\b")
        .expect("regex compiles")
});

/// The list that follows "licensed under either of": up to a dozen lines (bullets lose their
/// `*` to comment cleaning, so the list is told by where it ends: a heading, a paragraph about
/// contributions, or the closing "at your option"). Returns the list's text and its end offset.
fn either_list(text: &str, from: usize) -> (String, usize) {
    let mut out = String::new();
    let mut end = from;
    for (k, line) in text[from..].split_inclusive('\n').enumerate() {
        let t = line.trim();
        let lower = t.to_lowercase();
        if k > 0
            && (t.starts_with('#')
                || t.starts_with("==")
                || lower.contains("contribution")
                || k > 12)
        {
            break;
        }
        out.push_str(line);
        end += line.len();
        // "… either of the following, at your option:" announces the list; later, it closes it
        // (but not the GNU "or (at your option) any later version" of an item).
        let gnu_later = lower.contains("later") || lower.trim_end().ends_with(" any");
        if k > 0
            && (lower.contains("at your option") || lower.contains("at your choice"))
            && !gnu_later
        {
            break;
        }
    }
    (out, end)
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:https?://)?(?:www\.)?(apache\.org/licenses/LICENSE-2\.0|opensource\.org/licenses?/[A-Za-z0-9.+-]+|spdx\.org/licenses/[A-Za-z0-9.+-]+|licenses\.nuget\.org/[A-Za-z0-9.+-]+|mozilla\.org/MPL/2\.0|gnu\.org/licenses/(?:old-licenses/)?[a-z]+-[0-9]+(?:\.[0-9]+)?|gnu\.org/licenses/(?:gpl|lgpl|agpl|fdl)\.(?:html|txt)|creativecommons\.org/(?:licenses/[a-z-]+/[0-9.]+|publicdomain/zero/1\.0)|unlicense\.org|boost\.org/LICENSE_1_0\.txt|eclipse\.org/legal/epl-[0-9.]+|wtfpl\.net|choosealicense\.com/licenses/[a-z0-9.-]+)",
    )
    .expect("regex compiles")
});

static SEE_FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:see|refer\s+to|found\s+in|contained\s+in|in\s+the\s+accompanying|included\s+in)\s+(?:the\s+)?(?:file\s+)?(?:(?:called|named)\s+)?[`'\x22\[(]?((?:LICEN[CS]E|COPYING|COPYRIGHT|UNLICENSE)(?:[-._][A-Za-z0-9]+)*)\b",
    )
    .expect("regex compiles")
});

/// Further file names after a [`SEE_FILE`] match: "found in LICENSE.APACHE or LICENSE.BSD",
/// "see COPYING and COPYING.LESSER".
static SEE_FILE_MORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[`'\x22\])]?\s*(?:,\s*(?:and|or)?|and|or|&)\s+(?:the\s+)?(?:file\s+)?[`'\x22\[(]?((?:LICEN[CS]E|COPYING|COPYRIGHT|UNLICENSE)(?:[-._][A-Za-z0-9]+)*)\b",
    )
    .expect("regex compiles")
});

/// Words only one license's text uses of itself: the Unlicense's "free and unencumbered
/// software released into the public domain", the Apache License 2.0's title block ("Version
/// 2.0, January 2004").
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)\b(?P<unlicense>free\s+and\s+unencumbered\b[^.]{0,40}\bpublic\s+domain)|\b(?P<apache>Version\s+2\.0,\s+January\s+2004)\b")
        .expect("regex compiles")
});

static PUBLIC_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)\b(?:is|are|been|placed|released|dedicated|put)\s+(?:in|into|to)\s+the\s+public\s+domain\b")
        .expect("regex compiles")
});

static LICENSE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    // `license = "MIT"` (TOML, setup.py), `"license": "MIT"` (JSON), `License: MIT` and
    // `License-Expression: MIT` (Python metadata), `license: MIT` (YAML).
    Regex::new(r#"(?im)^[ \t]*(?:["']?(?:__)?licen[cs]e(?:[-_]expression|__)?["']?[ \t]*[:=][ \t]*["']([^"'\n]{1,120})["']|:?licen[cs]e(?:-expression)?:[ \t]*([^\n]{1,120}))[ \t,]*$"#)
        .expect("regex compiles")
});

static LICENSED_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    // "Permissively licensed (0BSD)", "licensed (MIT OR Apache-2.0)".
    Regex::new(
        r"(?i)\blicen[cs]ed\s*\(\s*([A-Za-z0-9.+-]+(?:\s+(?:OR|AND|WITH)\s+[A-Za-z0-9.+-]+)*)\s*\)",
    )
    .expect("regex compiles")
});

static LICENSED_AS: LazyLock<Regex> = LazyLock::new(|| {
    // "is licensed GPLv3, which …", "text is licensed as [CC BY 4.0][ccby40]", "This file is
    // GPLv2 as found in COPYING": a name right after "licensed (as)" or "is", read as a whole.
    Regex::new(
        r"(?im)\b(?:licen[cs]ed(?:\s+as)?|is(?:\s+licen[cs]ed(?:\s+as)?)?)[ \t]+\[?([A-Za-z][A-Za-z0-9 .+-]{0,40})",
    )
    .expect("regex compiles")
});

static NAME_LICENSED: LazyLock<Regex> = LazyLock::new(|| {
    // "MIT licensed", "Apache2/MIT licensed", "BSD-3-Clause licensed".
    Regex::new(
        r"(?i)\b([A-Za-z0-9][A-Za-z0-9.+-]*(?:\s*/\s*[A-Za-z0-9][A-Za-z0-9.+-]*)?)\s+licen[cs]ed\b",
    )
    .expect("regex compiles")
});

static BADGE: LazyLock<Regex> = LazyLock::new(|| {
    // shields.io static badges: `img.shields.io/badge/license-MIT-blue.svg`,
    // `badge/License-Apache%202.0-blue`; `--` is a literal dash.
    Regex::new(r"(?i)img\.shields\.io/badge/licen[cs]e-((?:[^-\s)\]]|--)+)-")
        .expect("regex compiles")
});

static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    // A header line that is only a license's name: "BSD 2-Clause License", "The MIT License (MIT)".
    Regex::new(r"(?im)^[ \t]*((?:the\s+)?[A-Za-z0-9][A-Za-z0-9 .,/+-]{1,60}?\s+licen[cs]e(?:\s*,?\s*version\s+[0-9.]+)?)(?:\s*\([^)\n]{1,100}\))?[ \t.]*$")
        .expect("regex compiles")
});

/// A Creative Commons license named with its version, with or without the word "license":
/// "Creative Commons Attribution Non Commercial Share Alike 4.0 International", "CC BY-SA 3.0".
static CC_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?i:creative\s+commons)|CC)[ \t-]+(?i:attribution|by)\b[A-Za-z \t-]{0,60}?[ \t-][1-4]\.[05]\b(?i:[ \t]+(?:international|unported|generic))?")
        .expect("regex compiles")
});

/// A word shaped like a versioned SPDX license id ("CC-BY-ND-4.0", "GPL-2.0-or-later",
/// "SHL-2.1"), not part of a path or URL.
static BARE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(\x22'`,;:\[])([A-Z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*-[0-9][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*\+?)(?:$|[\s)\x22'`,;:\]]|\.\s|\.$)")
        .expect("regex compiles")
});

/// Ids joined by SPDX operators: "MIT OR Apache-2.0", "MIT AND (MIT OR Apache-2.0)".
static EXPRESSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[()]*[A-Za-z0-9.+-]+[()]*(?:\s+(?:OR|AND|WITH|or|and|with)\s+[()]*[A-Za-z0-9.+-]+[()]*)+",
    )
    .expect("regex compiles")
});

/// A line that speaks of licenses: a bare id on it is a license's name, not a version string.
static LICENSE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)licen[cs]|spdx|creative\s+commons|copyright").expect("regex compiles")
});

static PAREN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    // "(MIT License)", "(the Apache License 2.0)", `[![License: MIT/Apache-2.0](…)`.
    Regex::new(r"(?i)(?:\(\s*((?:the\s+)?[A-Za-z0-9][\w .+/-]{0,40}?\s+licen[cs]e(?:\s+[0-9.]+)?)\s*\)|\[!\[licen[cs]e:?\s*([^\]\n]{1,60})\])")
        .expect("regex compiles")
});

static README_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^(?:#{1,6}\s*|=+\s*)?licen[cs](?:e|ing)\s*:?\s*#*\s*\n(?:[=\-~^]{3,}\s*\n)?\s*\n?([^\n]{1,200})").expect("regex compiles")
});

static LICENSE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\blicen[cs]e\b").expect("regex compiles"));

static VERSION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    // ", Version 2.0", " v2.1", " (v3)", " 2.0 or later", ", version 3 or any later version",
    // and the name said again with its version: " GPLv2 or higher", " (LGPL-2.1+)".
    Regex::new(r"(?i)^[ \t]*,?[ \t]*\n?[ \t]*\(?(?P<restated>(?:GNU[ \t]+)?(?:[LA]?GPL|GFDL)[ \t-]*)?(?:(?:version|ver\.?|v\.?|rev\.?)[ \t]*)?[0-9]+(?:\.[0-9]+)*\+?\)?(?:,?[ \t]+(?:only|or[ \t]+(?:\(?at[ \t]+your[ \t]+option\)?[ \t]+)?(?:any[ \t]+)?(?:later|newer|higher|above|greater)(?:[ \t]+versions?)?))?")
        .expect("regex compiles")
});

/// Words before a license word looked at for its name.
const NAME_WORDS_BEFORE: usize = 9;

/// The license named by the words right before the word "license" at `start..end` of `text`
/// (and by the version right after it): the longest run of preceding words, within the sentence,
/// that is as a whole one known name. Returns the byte span of name and version, and the license.
/// A name that only says "proprietary"/"commercial" is not taken: "contact us for a commercial
/// license" names no license.
fn name_before(text: &str, start: usize, end: usize) -> Option<(usize, usize, LicenseExpr)> {
    let found = VERSION_AFTER.captures(&text[end..]);
    let after = found
        .as_ref()
        .map_or(0, |c| c.get(0).map_or(0, |m| m.end()));
    // A name said again after the word, with its version ("GNU General Public License GPLv2
    // or higher"), is looked up alone; the words before only confirm its family.
    let restated = found.as_ref().and_then(|c| c.name("restated")).map(|_| {
        let w = crate::names::words(&text[end..end + after]);
        crate::names::lookup(&w).cloned()
    });
    let version = if restated.is_some() {
        ""
    } else {
        &text[end..end + after]
    };
    // The sentence so far: back to a full stop, a colon or semicolon, or a blank line.
    let window_start = start.saturating_sub(120);
    let window_start = (window_start..start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    let before = &text[window_start..start];
    let cut = [". ", ".\n", ";", ":", "\n\n", "\"", "(", "["]
        .iter()
        .filter_map(|s| before.rfind(s).map(|i| i + s.len()))
        .max()
        .unwrap_or(0);
    let before = &before[cut..];
    let base = window_start + cut;
    // Word starts in `before`, last first.
    let mut word_starts: Vec<usize> = before
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || before[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    word_starts.reverse();
    let mut best = None;
    for &ws in word_starts.iter().take(NAME_WORDS_BEFORE) {
        let phrase = format!("{} license{}", &before[ws..], version);
        let w = crate::names::words(&phrase);
        if let Some(e) = crate::names::lookup(&w) {
            best = Some((base + ws, e));
        }
    }
    let (s, e) = best?;
    let mut e = e.clone();
    let mut stop = end + after;
    if let Some(again) = restated {
        use crate::names::family;
        match again {
            Some(r) if family(&r).is_some() && family(&r) == family(&e) => e = r,
            // Another license after the name: the name stands alone, the words after are
            // read on their own.
            _ => stop = end,
        }
    }
    if e.terms()
        .iter()
        .any(|t| t.license == clearance_model::declared::PROPRIETARY)
    {
        return None;
    }
    if yardstick(&text[base..s]) {
        return None;
    }
    Some((s, stop, e))
}

/// `true` when the words before a license's name make it the yardstick of the sentence, not the
/// file's license: "as defined in the Apache-2.0 license", "compatible with the GPL license".
fn yardstick(before: &str) -> bool {
    let lead = before.to_lowercase();
    let lead = lead.trim_end().trim_end_matches("the").trim_end();
    ["defined in", "compatible with", "defined by"]
        .iter()
        .any(|p| lead.ends_with(p))
}

/// Words that open an exception or exemption to the license named before them ("version 2,
/// with the explicit exemption that linking with the OpenSSL libraries is permitted"): what they
/// name is what the exception is about, not a license of the file.
static EXCEPTION_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?is)\bwith\s+(?:the\s+|an?\s+)?(?:[\w\x22'-]+\s+){0,3}?(?:exception|exemption)s?\b.*",
    )
    .expect("regex compiles")
});

/// The licenses a sentence names, its license URLs and GNU version statements included:
/// "available under [open-source AGPL](https://www.gnu.org/licenses/agpl-3.0.html) and
/// commercial license agreements" names the AGPL in version 3.0 by its link; "either the Apache
/// License, Version 2.0, or the GNU General Public License (GPL), either version 2, or any later
/// version" names `GPL-2.0-or-later` by its version statement.
fn sentence_expression(sentence: &str) -> Option<LicenseExpr> {
    // The clause runs to the end of the sentence: what comes before it names the licenses.
    let (sentence, clause) = match EXCEPTION_CLAUSE.find(sentence) {
        Some(m) => (&sentence[..m.start()], Some(m.as_str().to_lowercase())),
        None => (sentence, None),
    };
    let named = licenses_named(sentence)?;
    // An exception known by name ("with the Classpath exception") joins the last license
    // before it of the family it is written for.
    let Some(&(_, exception, family)) =
        clause.and_then(|c| EXCEPTION_NAMES.iter().find(|(name, _, _)| c.contains(name)))
    else {
        return Some(named);
    };
    let target = named
        .terms()
        .iter()
        .rev()
        .find(|t| t.exception.is_none() && t.license.contains(family))
        .map(|t| t.license.clone());
    let Some(target) = target else {
        return Some(named);
    };
    Some(named.with_exception(exception, |l| l == target))
}

/// Exceptions people name in prose: words of the name, the SPDX id, and the part of the ids of
/// the licenses it is written for (`GPL-` also matches the LGPL and AGPL).
const EXCEPTION_NAMES: &[(&str, &str, &str)] = &[
    ("classpath", "Classpath-exception-2.0", "GPL-"),
    ("gcc runtime library", "GCC-exception-3.1", "GPL-"),
    ("llvm exception", "LLVM-exception", "Apache-"),
    ("universal foss", "Universal-FOSS-exception-1.0", "GPL-"),
    ("font exception", "Font-exception-2.0", "GPL-"),
    ("ocaml", "OCaml-LGPL-linking-exception", "LGPL-"),
    ("wxwindows", "WxWindows-exception-3.1", "GPL-"),
    ("bison", "Bison-exception-2.2", "GPL-"),
    ("libtool", "Libtool-exception", "GPL-"),
    ("ecos", "eCos-exception-2.0", "GPL-"),
    ("syscall", "Linux-syscall-note", "GPL-"),
];

/// The licenses a sentence names, once its exception clause is cut off (see
/// [`sentence_expression`]).
fn licenses_named(sentence: &str) -> Option<LicenseExpr> {
    let sentence = if GNU_VERSION.is_match(sentence) || VERSION_OF_GNU.is_match(sentence) {
        let by_id = |c: &regex::Captures<'_>| {
            gnu_expression(c).map_or_else(|| c[0].to_string(), |e| format!(" {e} "))
        };
        let named = GNU_VERSION.replace_all(sentence, &by_id);
        VERSION_OF_GNU.replace_all(&named, &by_id).into_owned()
    } else {
        sentence.to_string()
    };
    if !URL.is_match(&sentence) {
        return phrase_expression(&sentence);
    }
    let named = URL.replace_all(&sentence, |c: &regex::Captures<'_>| {
        // A family's page (gnu.org/licenses/agpl.html) names the family without a version: it
        // gives way to the version the words say ("the AGPLv3 license (…/agpl.html)").
        let tail = c[0].to_ascii_lowercase();
        let tail = tail.rsplit('/').next().unwrap_or("");
        match tail.trim_end_matches(".html").trim_end_matches(".txt") {
            family @ ("gpl" | "lgpl" | "agpl") if tail.contains('.') => format!(" {family} "),
            _ => url_license(&c[0]).map_or_else(|| " ".to_string(), |e| format!(" {e} ")),
        }
    });
    phrase_expression(&named)
}

/// The license a license URL stands for, if it is specific enough.
fn url_license(url: &str) -> Option<LicenseExpr> {
    let u = url.to_ascii_lowercase();
    let tail = u
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".php")
        .trim_end_matches(".html")
        .trim_end_matches(".txt");
    let id = if u.contains("apache.org/licenses/license-2.0") {
        "Apache-2.0".to_string()
    } else if u.contains("mozilla.org/mpl/2.0") {
        "MPL-2.0".to_string()
    } else if u.contains("unlicense.org") {
        "Unlicense".to_string()
    } else if u.contains("boost.org/license_1_0") {
        "BSL-1.0".to_string()
    } else if u.contains("wtfpl.net") {
        "WTFPL".to_string()
    } else if u.contains("publicdomain/zero/1.0") {
        "CC0-1.0".to_string()
    } else if let Some(rest) = u.split("creativecommons.org/licenses/").nth(1) {
        let mut parts = rest.split('/');
        let kind = parts.next().unwrap_or("");
        let version = parts.next().unwrap_or("");
        format!("CC-{}-{}", kind.to_ascii_uppercase(), version)
    } else if let Some(rest) = u.split("eclipse.org/legal/").nth(1) {
        rest.to_ascii_uppercase()
    } else if u.contains("gnu.org/licenses/") {
        // gpl-3.0, lgpl-2.1, agpl-3.0: the URL gives the version, not "or later"; gpl.html
        // names the family only.
        match tail {
            "fdl" => "gfdl".to_string(),
            "gpl" | "lgpl" | "agpl" => tail.to_string(),
            _ => format!("{}-only", tail.to_ascii_uppercase()),
        }
    } else {
        // opensource.org/licenses/MIT, mit-license.php, spdx.org/licenses/X,
        // choosealicense.com/licenses/mit
        let t = tail.trim_end_matches("-license");
        match t {
            "mit" => "MIT".to_string(),
            "bsd" => return None,
            other => other.to_string(),
        }
    };
    // The SPDX list's and NuGet's license pages are named by the id itself.
    let by_id = (u.contains("spdx.org/licenses/") || u.contains("licenses.nuget.org/"))
        .then(|| {
            let tail = url.rsplit('/').next().unwrap_or("");
            let tail = tail.strip_suffix(".html").unwrap_or(tail);
            clearance_model::expr::canonical_license_id(tail)
                .map(|id| LicenseExpr::term(id.to_string()))
        })
        .flatten();
    let e = by_id
        .or_else(|| phrase_expression(&id))
        .or_else(|| LicenseExpr::parse(&id).ok())?;
    // A URL names one license; a "phrase" reading that found several is not that.
    matches!(e, LicenseExpr::Term(_)).then_some(e)
}

/// The GNU id a match of [`GNU_VERSION`] or [`VERSION_OF_GNU`] names: its family qualifier
/// ("Lesser", "Library", "Affero", none) or the Free Documentation License, its version, and
/// whether "or later" was said.
fn gnu_expression(c: &regex::Captures<'_>) -> Option<LicenseExpr> {
    let qualifier = c.name("q").map(|m| m.as_str().trim().to_ascii_lowercase());
    let abbr = c.name("abbr").map(|m| m.as_str().to_ascii_uppercase());
    let qualifier = match abbr.as_deref() {
        Some("LGPL") => Some("lesser".to_string()),
        Some("AGPL") => Some("affero".to_string()),
        _ => qualifier,
    };
    let family = match qualifier {
        _ if c.name("fdl").is_some() => "GFDL",
        None => "GPL",
        Some(k) if k == "affero" => "AGPL",
        Some(_) => "LGPL",
    };
    let version = c.name("v")?.as_str();
    let later = c.name("later").is_some();
    let mut version = version.to_string();
    if !version.contains('.') {
        version.push_str(".0");
    }
    let id = format!(
        "{family}-{version}-{}",
        if later { "or-later" } else { "only" }
    );
    LicenseExpr::parse(&id).ok()
}

/// The GNU license a notice's own words name ("… either version 2 of the License, or (at your
/// option) any later version"), if they name one: the words decide between versions and between
/// `-only` and `-or-later` where a whole-notice match is a few words off.
pub fn gnu_notice(text: &str) -> Option<LicenseExpr> {
    let prose = Prose::new(text);
    GNU_VERSION
        .captures(&prose.text)
        .and_then(|c| gnu_expression(&c))
}

/// The hits of the rules on one text, with the bytes each reads: no two readings share words.
struct Hits<'a> {
    prose: &'a Prose,
    /// 0-based line ranges already explained by a license text (see [`find`]).
    covered: &'a [(u32, u32)],
    found: Vec<((usize, usize), RuleHit)>,
}

impl Hits<'_> {
    /// Records what a rule read in bytes `s..e` of the prose, unless the lines are covered or
    /// an earlier reading of the same words says as much.
    fn add(&mut self, s: usize, e: usize, expr: LicenseExpr, conf: f32, rule: &'static str) {
        let text = &self.prose.text;
        // Trailing blank lines caught by the sentence end are not part of the reference.
        let e = s + text[s..e].trim_end().len();
        let (a, b) = (
            self.prose.line_of(s),
            self.prose.line_of(e.saturating_sub(1).max(s)),
        );
        if self.covered.iter().any(|&(cs, ce)| a >= cs && b <= ce) {
            return;
        }
        // A reading that says more than the earlier ones over the same words replaces them
        // ("either the GNU General Public License Version 2 or later, or the GNU Lesser General
        // Public License 2.1 or later" over its "GNU General Public License Version 2 or later").
        let over = |(span, _): &((usize, usize), RuleHit)| s < span.1 && span.0 < e;
        // A vague name in the new reading that an earlier reading of the same words names
        // specifically takes that name ("the Perl Artistic License or the GNU General Public
        // License … either version 2 …, or … any later version").
        let mut expr = expr;
        for (_, h) in self.found.iter().filter(|h| over(h)) {
            if let Some(r) = crate::consolidate::refine_vague(&expr, &h.expression) {
                expr = r;
            }
        }
        if !self
            .found
            .iter()
            .filter(|h| over(h))
            .all(|(_, h)| crate::consolidate::says_more(&expr, &h.expression))
        {
            return;
        }
        self.found.retain(|h| !over(h));
        self.found.push((
            (s, e),
            RuleHit {
                expression: expr,
                start_line: a,
                end_line: b,
                confidence: conf,
                rule,
            },
        ));
    }
}

/// Runs the rules on `prose`. `covered` lists 0-based line ranges (inclusive) already explained
/// by a license text or notice: references inside them are part of that text, not new findings.
pub fn find(prose: &Prose, readme: bool, covered: &[(u32, u32)]) -> (Vec<RuleHit>, Vec<FileRef>) {
    let text = &prose.text;
    let inside = |a: u32, b: u32| covered.iter().any(|&(s, e)| a >= s && b <= e);
    let mut hits = Hits {
        prose,
        covered,
        found: Vec::new(),
    };

    for c in LICENSE_TAG.captures_iter(text) {
        let m = c.get(0).expect("match");
        let n = clearance_model::declared::normalise(&c[1]);
        if let Some(e) = n
            .expression
            .filter(|e| !e.terms().iter().any(|t| t.is_license_ref()))
        {
            hits.add(m.start(), m.end(), e, 0.95, "license-banner");
        }
    }
    let gnu_matches = GNU_VERSION
        .captures_iter(text)
        .chain(VERSION_OF_GNU.captures_iter(text));
    for c in gnu_matches {
        let m = c.get(0).expect("match");
        // "version 2 of the License" must follow the license name closely, without another
        // license named in between.
        if c.name("between").is_some_and(|b| {
            b.as_str().contains("icense ")
                && b.as_str().to_lowercase().contains("general public licen")
        }) {
            continue;
        }
        if let Some(e) = gnu_expression(&c) {
            hits.add(m.start(), m.end(), e, 0.95, "gnu-version");
        }
    }

    for m in EITHER_OF.find_iter(text) {
        let (list, end) = either_list(text, m.end());
        if let Some(e) = sentence_expression(&format!("either {list}")) {
            hits.add(m.start(), end, e, 0.9, "licensed-under-either");
        }
    }
    for c in DUAL.captures_iter(text) {
        let m = c.get(0).expect("match");
        // "is dual-licensed under:" and a list.
        let announced = c["body"].trim().to_ascii_lowercase();
        let (body, end) = if matches!(announced.as_str(), "under" | "either" | "under either") {
            either_list(text, m.end())
        } else {
            (c["body"].to_string(), m.end())
        };
        let named = sentence_expression(&format!("dual {body}")).filter(|e| {
            c.name("lic").or(c.name("lic2")).is_some() || matches!(e, LicenseExpr::Or(_))
        });
        if let Some(e) = named {
            hits.add(m.start(), end, e, 0.9, "dual-licensed");
        }
    }
    for c in UNDER.captures_iter(text) {
        let m = c.get(0).expect("match");
        // Software "available under X and Y" is offered under either: a choice.
        let offered = c.name("verb").is_some_and(|v| {
            matches!(
                v.as_str().to_ascii_lowercase().as_str(),
                "available" | "offered" | "made available"
            )
        });
        // "distributed under the following three licenses:" and a list.
        let body = c.name("body").expect("group");
        let (body, end) = if body.as_str().to_lowercase().contains("following") {
            either_list(text, body.start())
        } else {
            (body.as_str().to_string(), m.end())
        };
        let lower = body.to_lowercase();
        let choice = offered
            || c.name("either").is_some()
            || lower.contains("any of")
            || lower.contains("at your option");
        let phrase = if choice {
            format!("either {body}")
        } else {
            body
        };
        if let Some(e) = sentence_expression(&phrase) {
            hits.add(m.start(), end, e, 0.9, "licensed-under");
        }
    }
    // Names that must be read as a whole: the value of a license field, the parenthesised id
    // after "licensed", the words before "licensed", a badge, a line naming a license.
    let whole = |s: &str| -> Option<LicenseExpr> {
        let n = clearance_model::declared::normalise(s);
        match n.reading {
            clearance_model::declared::Reading::Spdx
            | clearance_model::declared::Reading::Mapped => n.expression,
            _ => None,
        }
    };
    for c in LICENSE_FIELD.captures_iter(text) {
        let m = c.get(0).expect("match");
        // ":license: BSD, see LICENSE for more details." (a docstring field): the pointer is
        // followed as a reference, the value is the name.
        let value = c.get(1).or(c.get(2)).map_or("", |v| v.as_str());
        let value = value.split(", see ").next().unwrap_or(value);
        if let Some(e) = whole(value) {
            hits.add(m.start(), m.end(), e, 0.9, "license-field");
        }
    }
    for c in LICENSED_PAREN.captures_iter(text) {
        let m = c.get(0).expect("match");
        if let Ok(e) = LicenseExpr::parse(&c[1]) {
            hits.add(m.start(), m.end(), e, 0.9, "licensed-paren");
        }
    }
    for c in LICENSED_AS.captures_iter(text) {
        let m = c.get(0).expect("match");
        let after = c.get(1).expect("group");
        let bare_is = text[m.start()..after.start()]
            .trim()
            .trim_end_matches('[')
            .trim()
            .eq_ignore_ascii_case("is");
        // The longest run of words after it that is, as a whole, a license's name and nothing
        // else ("is MIT", not "is free"; "licensed GPLv3, which …").
        let ends: Vec<usize> = after
            .as_str()
            .char_indices()
            .filter(|&(i, ch)| ch == ' ' && i > 0 || i + ch.len_utf8() == after.as_str().len())
            .map(|(i, ch)| if ch == ' ' { i } else { i + ch.len_utf8() })
            .collect();
        let found = ends.iter().rev().find_map(|&end| {
            let name = after.as_str()[..end].trim_end_matches(['.', ' ']);
            // After a bare "is", only a name written as an id ("is GPLv2", "is MIT"): "the
            // language is Python" names a language.
            let id_like = name.chars().any(|ch| ch.is_ascii_digit())
                || name.chars().all(|ch| !ch.is_ascii_lowercase());
            if bare_is && !id_like {
                return None;
            }
            whole(name)
                .filter(|e| {
                    !e.terms()
                        .iter()
                        .any(|t| t.license.starts_with("LicenseRef-clearance-"))
                })
                .map(|e| (after.start() + name.len(), e))
        });
        if let Some((end, e)) = found {
            hits.add(m.start(), end, e, 0.8, "licensed-as");
        }
    }
    for c in NAME_LICENSED.captures_iter(text) {
        let m = c.get(0).expect("match");
        if let Some(e) = whole(&c[1]) {
            hits.add(m.start(), m.end(), e, 0.85, "name-licensed");
        }
    }
    for c in BADGE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let name = c[1]
            .replace("--", "\u{0}")
            .replace('-', " ")
            .replace('\u{0}', "-")
            .replace("%20", " ")
            .replace('_', " ");
        if let Some(e) = whole(&name).or_else(|| phrase_expression(&name)) {
            hits.add(m.start(), m.end(), e, 0.85, "license-badge");
        }
    }
    for c in PAREN_NAME.captures_iter(text) {
        let m = c.get(0).expect("match");
        let name = c.get(1).or(c.get(2)).map_or("", |g| g.as_str());
        if let Some(e) = whole(name) {
            hits.add(m.start(), m.end(), e, 0.85, "license-name");
        }
    }
    for c in NAME_LINE.captures_iter(text) {
        let m = c.get(1).expect("group");
        if let Some(e) = whole(m.as_str()) {
            hits.add(m.start(), m.end(), e, 0.85, "license-name-line");
        }
    }
    // A license named in passing: "carries an ASL 2.0 license", "subject to the terms of the New
    // BSD License", "the GNU Public License, v.2": the words before the word "license" (and a
    // version after it) that are, as a whole, one license's name.
    // A bare SPDX id, exactly as the list spells it, on a line about licenses or alone on its
    // line: "LICENSE C-UDA-1.0", "Creative Commons Attribution 3.0 United States CC-BY-3.0-US".
    // The line of bytes `s..e`, and whether it speaks of licenses in other words than those
    // (an id's own "…-No-Military-License" does not count) or holds nothing else.
    let license_line = |s: usize, e: usize| {
        let ls = text[..s].rfind('\n').map_or(0, |i| i + 1);
        let le = text[e..].find('\n').map_or(text.len(), |i| e + i);
        let (line, word) = (&text[ls..le], &text[s..e]);
        let others = line.to_lowercase().replace(&word.to_lowercase(), " ");
        (
            ls,
            le,
            LICENSE_LINE.is_match(&others) || line.trim() == word,
        )
    };
    for c in BARE_ID.captures_iter(text) {
        let m = c.get(1).expect("group");
        let (ls, le, about_licenses) = license_line(m.start(), m.end());
        let line = &text[ls..le];
        let word = m.as_str();
        if !about_licenses || yardstick(&text[ls..m.start()]) {
            continue;
        }
        let id = word.strip_suffix('+').unwrap_or(word);
        if clearance_model::expr::canonical_license_id(id) != Some(id) {
            continue;
        }
        // The whole expression the id is part of ("MIT OR Apache-2.0"), else the id alone; a
        // deprecated id ("GPL-2.0") reads as its current form.
        let whole = EXPRESSION
            .find_iter(line)
            .find(|x| ls + x.start() <= m.start() && m.end() <= ls + x.end())
            .and_then(|x| {
                let s = x.as_str();
                LicenseExpr::parse(s)
                    .or_else(|_| LicenseExpr::parse(s.trim_matches(['(', ')'])))
                    .ok()
                    .map(|e| (ls + x.start(), ls + x.end(), e))
            });
        if let Some((s, e, expr)) = whole {
            hits.add(s, e, expr, 0.8, "license-id");
        } else if let Ok(e) = LicenseExpr::parse(word) {
            hits.add(m.start(), m.end(), e, 0.8, "license-id");
        }
    }
    for m in CC_NAME.find_iter(text) {
        // "CC BY 4.0" is an abbreviation: on a line about licenses only.
        if !m.as_str()[..2].eq_ignore_ascii_case("cr") && !license_line(m.start(), m.end()).2 {
            continue;
        }
        if let Some(e) = crate::names::lookup(&crate::names::words(m.as_str())) {
            hits.add(m.start(), m.end(), e.clone(), 0.85, "license-name");
        }
    }
    for m in LICENSE_WORD.find_iter(text) {
        if let Some((s, e, expr)) = name_before(text, m.start(), m.end()) {
            hits.add(s, e, expr, 0.75, "license-name");
        }
    }
    for c in SIGNATURE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let id = if c.name("unlicense").is_some() {
            "Unlicense"
        } else {
            "Apache-2.0"
        };
        hits.add(
            m.start(),
            m.end(),
            LicenseExpr::term(id),
            0.9,
            "license-signature",
        );
    }
    for m in PUBLIC_DOMAIN.find_iter(text) {
        if let Ok(e) = LicenseExpr::parse(clearance_model::declared::PUBLIC_DOMAIN) {
            hits.add(m.start(), m.end(), e, 0.85, "public-domain");
        }
    }
    for m in URL.find_iter(text) {
        if let Some(e) = url_license(m.as_str()) {
            hits.add(m.start(), m.end(), e, 0.8, "license-url");
        }
    }
    if readme {
        for c in README_HEADING.captures_iter(text) {
            let m = c.get(1).expect("group");
            // The line right after the heading, when it starts with a license name:
            // "MIT © Sindre Sorhus", "[MIT](LICENSE)", "Apache-2.0".
            let line = m.as_str().trim_start_matches(['[', '*', '_', ' ']);
            let first: String = line.split(['©', '(', ']']).next().unwrap_or("").to_string();
            if first.split_whitespace().count() <= 6
                && let Some(e) = phrase_expression(&first)
            {
                hits.add(m.start(), m.end(), e, 0.85, "readme-license-section");
            }
        }
    }
    // A license named without a version, read as its family's usual version, gives way to a
    // version of the same family named on the same or the next line ("licensed under the
    // Apache software license. See Apache Software License version 1.1").
    let found = &hits.found;
    let unversioned = |(span, h): &((usize, usize), RuleHit)| {
        !text[span.0..span.1].chars().any(|c| c.is_ascii_digit())
            && crate::names::family(&h.expression).is_some()
    };
    let gives_way: Vec<bool> = found
        .iter()
        .map(|x| {
            unversioned(x)
                && found.iter().any(|y| {
                    !std::ptr::eq(x, y)
                        && !unversioned(y)
                        && y.1.expression != x.1.expression
                        && crate::names::family(&y.1.expression)
                            == crate::names::family(&x.1.expression)
                        && y.1.start_line <= x.1.end_line + 1
                        && x.1.start_line <= y.1.end_line + 1
                })
        })
        .collect();
    let mut keep = gives_way.iter().map(|g| !g);
    let mut hits: Vec<RuleHit> = hits
        .found
        .into_iter()
        .filter(|_| keep.next().unwrap_or(true))
        .map(|(_, h)| h)
        .collect();
    let mut refs: Vec<FileRef> = Vec::new();
    for c in SEE_FILE.captures_iter(text) {
        let m = c.get(1).expect("group");
        let (mut start, mut end) = (m.start(), m.end());
        loop {
            let line = prose.line_of(start);
            let name = &text[start..end];
            if !inside(line, line) && !refs.iter().any(|r| r.name == name) {
                refs.push(FileRef {
                    name: name.to_string(),
                    line,
                });
            }
            let Some(next) = SEE_FILE_MORE
                .captures(&text[end..])
                .and_then(|more| more.get(1))
            else {
                break;
            };
            (start, end) = (end + next.start(), end + next.end());
        }
    }
    // A license URL next to a sentence that names the same license is that sentence's link, not
    // a second reference ("Licensed under the Apache License … You may obtain a copy at …").
    let named: Vec<(u32, u32, Vec<String>)> = hits
        .iter()
        .filter(|h| h.rule != "license-url")
        .map(|h| {
            (
                h.start_line,
                h.end_line,
                h.expression
                    .license_ids()
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            )
        })
        .collect();
    hits.retain(|h| {
        h.rule != "license-url"
            || !named.iter().any(|(a, b, ids)| {
                h.start_line + URL_NEAR >= *a
                    && h.start_line <= b + URL_NEAR
                    && h.expression
                        .license_ids()
                        .iter()
                        .all(|id| ids.iter().any(|x| x == id))
            })
    });
    hits.sort_by_key(|h| (h.start_line, h.end_line));
    (hits, refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, &'static str)> {
        let (hits, _) = find(&Prose::new(text), false, &[]);
        hits.into_iter()
            .map(|h| (h.expression.to_string(), h.rule))
            .collect()
    }

    fn exprs(text: &str) -> Vec<String> {
        run(text).into_iter().map(|(e, _)| e).collect()
    }

    #[test]
    fn licensed_under_sentences() {
        assert_eq!(
            exprs("// Licensed under the Apache License, Version 2.0 (the \"License\");"),
            ["Apache-2.0"]
        );
        assert_eq!(
            exprs("This project is released under the MIT license.\n"),
            ["MIT"]
        );
        assert_eq!(
            exprs("# This file is distributed under the terms of the\n# BSD 3-Clause License.\n"),
            ["BSD-3-Clause"]
        );
        assert_eq!(
            exprs(" * Licensed under the MIT or Apache-2.0 license, at your option.\n"),
            ["MIT OR Apache-2.0"]
        );
        assert_eq!(
            exprs("Copyright 2020. Distributed under the Boost Software License, Version 1.0.\n"),
            ["BSL-1.0"]
        );
        assert_eq!(
            exprs(
                "# This software is released as open source software under the \"MIT\" license:\n"
            ),
            ["MIT"]
        );
        assert_eq!(
            exprs("You may alternatively use these files under the MIT License:\n"),
            ["MIT"]
        );
        assert_eq!(
            exprs(
                "Available for use under the [MIT License](http://en.wikipedia.org/wiki/MIT_License)\n"
            ),
            ["MIT"]
        );
        assert_eq!(
            exprs(
                "/*! @license DOMPurify 3.0.6 | (c) Cure53 and other contributors | Released under the Apache license 2.0 and Mozilla Public License 2.0 | github.com/cure53/DOMPurify/blob/3.0.6/LICENSE */\n!function(e,t){\"object\"==typeof exports&&\"undefined\"!=typeof module?module.exports=t():e.DOMPurify=t()}(this,(function(){return 1}));\n"
            ),
            ["Apache-2.0 AND MPL-2.0"]
        );
        assert_eq!(
            exprs(
                "**PyMuPDF** is available under [open-source AGPL](https://www.gnu.org/licenses/agpl-3.0.html) and commercial license agreements.\n"
            ),
            // The link names the version.
            ["AGPL-3.0-only OR LicenseRef-clearance-proprietary"]
        );
    }

    #[test]
    fn wrapped_over_comment_lines() {
        let text = "/*\n * This library is free software, licensed\n * under the terms of the ISC\n * license.\n */\n";
        assert_eq!(exprs(text), ["ISC"]);
    }

    #[test]
    fn dual_and_either() {
        assert_eq!(
            exprs("Dual licensed under MIT or Apache-2.0.\n"),
            ["MIT OR Apache-2.0"]
        );
        let rust_readme = "## License\n\nLicensed under either of\n\n * Apache License, Version 2.0\n   ([LICENSE-APACHE](LICENSE-APACHE) or http://www.apache.org/licenses/LICENSE-2.0)\n * MIT license\n   ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\nat your option.\n";
        assert_eq!(exprs(rust_readme), ["Apache-2.0 OR MIT"]);
        let version_check = "## License\n\n`version_check` is licensed under either of the following, at your option:\n\n * Apache License, Version 2.0, ([LICENSE-APACHE](LICENSE-APACHE) or http://www.apache.org/licenses/LICENSE-2.0)\n * MIT License ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n";
        assert_eq!(exprs(version_check), ["Apache-2.0 OR MIT"]);
        let whoami = "Licensed under any of\n - Apache License, Version 2.0, ([LICENSE_APACHE][7]\n   or [https://www.apache.org/licenses/LICENSE-2.0][8])\n - Boost Software License, Version 1.0, ([LICENSE_BOOST][11]\n   or [https://www.boost.org/LICENSE_1_0.txt][12])\n - MIT License, ([LICENSE_MIT][9] or [https://mit-license.org/][10])\n\nat your option.\n\n### Contribution\n";
        assert_eq!(exprs(whoami), ["Apache-2.0 OR BSL-1.0 OR MIT"]);
        let reqwest = "Licensed under either of\n\n- Apache License, Version 2.0 ([LICENSE-APACHE](LICENSE-APACHE) or http://apache.org/licenses/LICENSE-2.0)\n- MIT license ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\n### Contribution\n\nUnless you explicitly state otherwise, any contribution intentionally submitted\nfor inclusion in the work by you, as defined in the Apache-2.0 license, shall\nbe dual licensed as above, without any additional terms or conditions.\n";
        assert_eq!(exprs(reqwest), ["Apache-2.0 OR MIT"]);
        let getrandom = "## License\n\nThe `getrandom` library is distributed under either of\n\n * [Apache License, Version 2.0][LICENSE-APACHE]\n * [MIT license][LICENSE-MIT]\n\nat your option.\n";
        assert_eq!(exprs(getrandom), ["Apache-2.0 OR MIT"]);
        let hyper = "hyper-rustls is distributed under the following three licenses:\n\n- Apache License version 2.0.\n- MIT license.\n- ISC license.\n\nThese are included as LICENSE-APACHE, LICENSE-MIT and LICENSE-ISC respectively. You may use this\nsoftware under the terms of any of these licenses, at your option.\n";
        assert_eq!(exprs(hyper)[0], "Apache-2.0 OR MIT OR ISC");
        assert_eq!(
            exprs(
                "num_enum may be used under your choice of the BSD 3-clause, Apache 2, or MIT license.\n"
            ),
            ["BSD-3-Clause OR Apache-2.0 OR MIT"]
        );
    }

    #[test]
    fn choices_across_paragraphs_and_pointers() {
        assert_eq!(
            exprs(
                "This program and the accompanying materials are dual-licensed under\neither\n\n(a) the terms of the GNU Lesser General Public License version 2.1\nas published by the Free Software Foundation, or (at your option) any\nlater version.\n\nor (per the licensee's choosing)\n\n(b) the terms of the Eclipse Public License v1.0 as published by\nthe Eclipse Foundation.\n"
            ),
            ["LGPL-2.1-or-later OR EPL-1.0"]
        );
        assert_eq!(
            exprs(
                "You can redistribute it and/or modify it under either the terms of the GPL (see the file GPL), LGPL (see the file LGPL), or the conditions below:\n"
            ),
            ["GPL-1.0-or-later OR LGPL-2.0-or-later"]
        );
        assert_eq!(
            exprs("It is licensed under a liberal, and commercial friendly, MIT license.\n"),
            ["MIT"]
        );
    }

    #[test]
    fn docstring_license_fields() {
        assert_eq!(
            exprs("    :license: BSD-3-Clause, see LICENSE for more details.\n"),
            ["BSD-3-Clause"]
        );
        assert_eq!(
            exprs(
                ":copyright: (c) 2019 by The OAuthlib Community\n    :license: BSD, see LICENSE for details.\n"
            ),
            ["LicenseRef-clearance-bsd-unspecified"]
        );
    }

    #[test]
    fn signatures() {
        assert_eq!(
            exprs(
                "License\n is free and unencumbered public domain software. For more information, see the accompanying UNLICENSE file.\n"
            ),
            ["Unlicense"]
        );
        assert_eq!(
            exprs("Version 2.0, January 2004\nhttp://www.apache.org/licenses/\n"),
            ["Apache-2.0"]
        );
    }

    #[test]
    fn bare_ids_on_license_lines() {
        assert_eq!(
            exprs("LICENSE C-UDA-1.0 https://example.com/"),
            ["C-UDA-1.0"]
        );
        assert_eq!(exprs("OFL-1.1\n"), ["OFL-1.1"]);
        assert_eq!(
            exprs("__license__ = \"BSD-2-Clause or Apache-2.0\"\n"),
            ["BSD-2-Clause OR Apache-2.0"]
        );
        assert_eq!(
            exprs("- Update licensing to MIT AND (MIT OR Apache-2.0), as this is derivative\n"),
            ["MIT AND (MIT OR Apache-2.0)"]
        );
        // A table of ids is data, not a license statement.
        assert!(
            exprs("    'bsd-3-clause-no-military-license': {'id': 'BSD-3-Clause-No-Military-License'},\n    'cc-by-1.0': {'id': 'CC-BY-1.0', 'deprecated': False},\n")
                .is_empty()
        );
        // Not a license line, not the exact spelling, part of a path: a version string.
        assert!(exprs("requires Python-2.0 or newer\n").is_empty());
        assert!(exprs("see licenses/GPL-2.0.txt for the license\n").is_empty());
    }

    #[test]
    fn creative_commons_names_without_the_word_license() {
        assert_eq!(
            exprs("Creative Commons Attribution Non Commercial Share Alike 4.0 International"),
            ["CC-BY-NC-SA-4.0"]
        );
        assert_eq!(
            exprs("License of the text: CC BY-SA 3.0, of the images: CC BY 4.0."),
            ["CC-BY-SA-3.0", "CC-BY-4.0"]
        );
        assert!(exprs("cc by 5.0 and the like").is_empty());
    }

    #[test]
    fn gnu_names_said_again_with_their_version() {
        assert_eq!(
            exprs("under the GNU General Public License GPLv2 or higher."),
            ["GPL-2.0-or-later"]
        );
        assert_eq!(
            exprs("This file is released under the GPLv2 and any later version."),
            ["GPL-2.0-or-later"]
        );
        assert_eq!(
            exprs("the GNU Lesser General Public License (LGPL-2.1+) applies"),
            ["LGPL-2.1-or-later"]
        );
        assert_eq!(
            exprs(
                "it under the terms of the GNU Library Public License as published by\nthe Free Software Foundation; either version 2, or (at your option)\nany later version."
            ),
            ["LGPL-2.0-or-later"]
        );
        // What an exception clause names is what the exception is about.
        assert_eq!(
            exprs(
                "This program is released under the GNU General Public License (GPL),\n version 2, with the explicit exemption that linking with the OpenSSL\n libraries is permitted."
            ),
            ["GPL-2.0-only"]
        );
        assert_eq!(
            exprs(
                "You may use this work under the terms of either the Apache License,\nVersion 2.0, or the GNU General Public License (GPL), either version 2,\nor any later version, with \"Classpath\" exception (details below)."
            ),
            ["Apache-2.0 OR GPL-2.0-or-later WITH Classpath-exception-2.0"]
        );
        assert_eq!(
            exprs(
                "This project is triple-licensed under the MIT License, the Apache\nLicense, Version 2.0, and the GNU Lesser General Public License,\nVersion 2.1+.\n"
            ),
            ["MIT OR Apache-2.0 OR LGPL-2.1-or-later"]
        );
        assert_eq!(
            exprs("Licensed under the Apache License v2.0 with LLVM Exceptions."),
            ["Apache-2.0 WITH LLVM-exception"]
        );
        // The family's page gives way to the version the words say.
        assert_eq!(
            exprs(
                "distributed under the terms of the AGPLv3 license\n(https://www.gnu.org/licenses/agpl.html)."
            ),
            ["AGPL-3.0-only"]
        );
        assert_eq!(
            exprs("licensed under version 2 (only) of the GNU GPL."),
            ["GPL-2.0-only"]
        );
        assert_eq!(
            exprs("under version 2.1 of the LGPL, or (at your option) any later version."),
            ["LGPL-2.1-or-later"]
        );
    }

    #[test]
    fn an_unversioned_name_gives_way_to_the_version_beside_it() {
        assert_eq!(
            exprs(
                "licensed under the Apache software license. See Apache Software License version 1.1\n"
            ),
            ["Apache-1.1"]
        );
        // A public-domain dedication and a license of ScanCode's dataset are not one family.
        assert_eq!(
            exprs(
                "This file is placed in the public domain.\nLicense: LicenseRef-scancode-ijg-2020\n"
            )
            .len(),
            2
        );
    }

    #[test]
    fn gnu_version_paragraphs_in_texinfo() {
        assert_eq!(
            exprs(
                "This document is released under the terms of the @acronym{GNU} Free\nDocumentation License as published by the Free Software Foundation;\neither version 1.1, or (at your option) any later version.\n"
            ),
            ["GFDL-1.1-or-later"]
        );
    }

    #[test]
    fn gnu_version_paragraphs_in_french() {
        assert_eq!(
            exprs(
                "Ce programme est un logiciel libre ; vous pouvez le redistribuer\net/ou le modifier sous les termes de la GNU General Public Licence\ntelle que publiée par la Free Software Fundation ; soit dans la\nversion 2 de la Licence, soit (à votre choix) dans une version\nultérieure.\n"
            ),
            ["GPL-2.0-or-later"]
        );
    }

    #[test]
    fn gnu_version_paragraphs() {
        let later = "# This program is free software; you can redistribute it and/or modify\n# it under the terms of the GNU General Public License as published by\n# the Free Software Foundation; either version 2 of the License, or\n# (at your option) any later version.\n";
        assert_eq!(exprs(later), ["GPL-2.0-or-later"]);
        let only = "under the terms of the GNU General Public License version 2 as published by the Free Software Foundation.";
        assert_eq!(exprs(only), ["GPL-2.0-only"]);
        assert_eq!(
            exprs(
                "GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version."
            ),
            ["LGPL-2.1-or-later"]
        );
        assert_eq!(
            exprs(
                "the GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version."
            ),
            ["AGPL-3.0-or-later"]
        );
        assert_eq!(
            exprs(
                "GNU General Public License as published by the\", \"Free Software Foundation; either version 2 of License, or (at your\", \"option) any later version"
            ),
            ["GPL-2.0-or-later"]
        );
        assert_eq!(
            exprs(
                " * it under the terms of the GNU General Public License as published by\n * the Free Software Foundation; either version 2, or (at your option)\n * any later version.\n"
            ),
            ["GPL-2.0-or-later"]
        );
        assert_eq!(
            exprs("is licensed under the GPLv2 or later, see `/usr/share/common-licenses/GPL-2'."),
            ["GPL-2.0-or-later"]
        );
    }

    #[test]
    fn banners_and_urls() {
        assert_eq!(
            run("/*! jQuery v3.7.1 | (c) OpenJS Foundation | @license MIT */"),
            [("MIT".to_string(), "license-banner")]
        );
        assert_eq!(
            exprs("/** @license React v18.3.1 react.production.min.js */"),
            Vec::<String>::new()
        );
        assert_eq!(
            run("See https://www.apache.org/licenses/LICENSE-2.0 for details"),
            [("Apache-2.0".to_string(), "license-url")]
        );
        assert_eq!(
            exprs(
                "[![License](https://img.shields.io/badge/License-MIT-yellow.svg)](https://opensource.org/licenses/MIT)"
            ),
            ["MIT"]
        );
        assert_eq!(
            exprs("https://www.gnu.org/licenses/gpl-3.0.html"),
            ["GPL-3.0-only"]
        );
        assert_eq!(
            exprs("http://creativecommons.org/licenses/by/4.0/"),
            ["CC-BY-4.0"]
        );
        assert_eq!(
            exprs("http://www.opensource.org/licenses/bsd-license.php"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn fields_badges_and_names() {
        assert_eq!(
            run("license = \"MIT OR Apache-2.0\"\n"),
            [("MIT OR Apache-2.0".to_string(), "license-field")]
        );
        assert_eq!(exprs("  \"license\": \"ISC\",\n"), ["ISC"]);
        assert_eq!(exprs("License: BSD-3-Clause\n"), ["BSD-3-Clause"]);
        assert_eq!(exprs("    license='Apache 2.0',\n"), ["Apache-2.0"]);
        assert_eq!(
            exprs("- Permissively licensed (0BSD) clean-room implementation.\n"),
            ["0BSD"]
        );
        assert_eq!(exprs("[![MIT licensed][mit-badge]][mit-url]\n"), ["MIT"]);
        assert_eq!(
            exprs("![Apache2/MIT licensed][license-image]\n"),
            ["Apache-2.0 OR MIT"]
        );
        assert_eq!(
            exprs("[mit-badge]: https://img.shields.io/badge/license-MIT-blue.svg\n"),
            ["MIT"]
        );
        assert_eq!(
            exprs("https://img.shields.io/badge/License-Apache%202.0-blue.svg\n"),
            ["Apache-2.0"]
        );
        assert_eq!(
            exprs("# BSD 2-Clause License (https://opensource.org/licenses/bsd-license.php)\n"),
            ["BSD-2-Clause"]
        );
        assert_eq!(exprs("The MIT License (MIT)\n"), ["MIT"]);
        assert_eq!(
            exprs("// Integration tests from https://github.com/x/saslprep (MIT License)\n"),
            ["MIT"]
        );
        assert_eq!(
            exprs(
                "[![License: MIT/Apache-2.0](https://img.shields.io/crates/l/x.svg)](#license)\n"
            ),
            ["MIT OR Apache-2.0"]
        );
        // Not a license name: nothing.
        for t in [
            "license = \"see file\"\n",
            "dual licensed\n",
            "This is the end of the license\n",
            "  license: &license\n",
        ] {
            assert!(exprs(t).is_empty(), "{t}: {:?}", exprs(t));
        }
    }

    #[test]
    fn public_domain_dedications() {
        assert_eq!(
            run("Please do not copyright this code.  This code is in the public domain.\n"),
            [(
                clearance_model::declared::PUBLIC_DOMAIN.to_string(),
                "public-domain"
            )]
        );
        assert!(exprs("the public domain software movement").is_empty());
    }

    #[test]
    fn readme_license_section() {
        let (hits, _) = find(
            &Prose::new("# foo\n\n## License\n\nMIT © [Sindre Sorhus](https://sindresorhus.com)\n"),
            true,
            &[],
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].expression.to_string(), "MIT");
        assert_eq!(hits[0].start_line, 4);
        let (hits, _) = find(&Prose::new("License\n=======\n\nApache-2.0\n"), true, &[]);
        assert_eq!(hits[0].expression.to_string(), "Apache-2.0");
    }

    #[test]
    fn file_references() {
        let (_, refs) = find(
            &Prose::new("# Copyright 2020 Foo\n# See the file COPYING for copying conditions.\n"),
            false,
            &[],
        );
        assert_eq!(
            refs,
            [FileRef {
                name: "COPYING".into(),
                line: 1
            }]
        );
        let (_, refs) = find(
            &Prose::new(
                "// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n",
            ),
            false,
            &[],
        );
        assert_eq!(
            refs,
            [FileRef {
                name: "LICENSE".into(),
                line: 1
            }]
        );
        let (_, refs) = find(
            &Prose::new(
                "This software is made available under the terms of *either* of the licenses\nfound in LICENSE.APACHE or LICENSE.BSD. Contributions to this software is made\n",
            ),
            false,
            &[],
        );
        let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["LICENSE.APACHE", "LICENSE.BSD"]);
        let (_, refs) = find(
            &Prose::new("See COPYING, COPYING.LESSER and the file LICENSE-MIT for details.\n"),
            false,
            &[],
        );
        let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["COPYING", "COPYING.LESSER", "LICENSE-MIT"]);
    }

    #[test]
    fn no_false_positives() {
        for t in [
            "- AIX: Add an AIX triple to Cargo.toml for doc ([#4475](https://github.com/rust-lang/libc/pull/4475))",
            "let available = under_the_hood();",
            "This is available under the hood.",
            "Licensed under the License.",
            "// the license key is checked below",
            "Copyright (c) 2020 The Authors",
            "The scripting language is Python, and the build is zlib-compressed.",
            "Contact sales for a commercial license.",
            "Contributions are licensed as defined in the Apache-2.0 license.",
            "This crate is free, and the demo is fun.",
        ] {
            assert!(exprs(t).is_empty(), "{t}: {:?}", exprs(t));
        }
    }

    #[test]
    fn names_in_passing() {
        let cases = [
            (
                "Code in this file derives from Woodstox, which carries a ASL 2.0 license.",
                "Apache-2.0",
            ),
            (
                "is subject to the terms and conditions of the New BSD License.",
                "BSD-3-Clause",
            ),
            (
                "Subject to the GNU public license, v.2. No warranty of any kind.",
                "GPL-2.0-only",
            ),
            (
                "data is now licensed under the Open Database License.",
                "ODbL-1.0",
            ),
            (
                "GNU Lesser General Public License, V2.1 is applicable to the following component(s).",
                "LGPL-2.1-only",
            ),
            (
                "# Licensed under the GNU Public License version 3 or any later version",
                "GPL-3.0-or-later",
            ),
            (
                "licensed under the Creative Commons Attribution 2.5 License",
                "CC-BY-2.5",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(exprs(text), [want], "{text}");
        }
    }

    #[test]
    fn more_sentence_forms() {
        let cases = [
            (
                "under the terms of version 2 of the GNU Lesser General Public License\nas published by the Free Software Foundation.",
                "LGPL-2.0-only",
            ),
            (
                "Version 3 only of the GNU General Public License",
                "GPL-3.0-only",
            ),
            (
                "under the terms of the GNU Free Documentation License,\nVersion 1.1 or any later version published by the Free Software Foundation",
                "GFDL-1.1-or-later",
            ),
            (
                "You may redistribute it and/or modify it under the same\nlicense terms as Ruby or LGPL.",
                "Ruby OR LGPL-2.0-or-later",
            ),
            ("UNDER THE TERMS OF THE LGPL 2.1", "LGPL-2.1-only"),
            ("dual GPL (3.0 or later) and MIT", "GPL-3.0-or-later OR MIT"),
            ("* text is licensed as [CC BY 4.0][ccby40].", "CC-BY-4.0"),
            (
                "is licensed GPLv3, which is more restrictive than the Pillow license",
                "GPL-3.0-only",
            ),
            ("This file is GPLv2 as found in COPYING.", "GPL-2.0-only"),
            (
                "Licence information: http://www.gnu.org/licenses/gpl.txt",
                "GPL-1.0-or-later",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                exprs(text).first().map(String::as_str),
                Some(want),
                "{text}: {:?}",
                exprs(text)
            );
        }
    }

    #[test]
    fn covered_lines_are_skipped() {
        let text = "Licensed under the Apache License, Version 2.0\n";
        let (hits, _) = find(&Prose::new(text), false, &[(0, 0)]);
        assert!(hits.is_empty());
    }
}
