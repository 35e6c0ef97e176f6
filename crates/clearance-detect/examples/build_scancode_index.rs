//! Builds clearance's index of ScanCode Toolkit license rules.
//!
//! ScanCode's license dataset (CC-BY-4.0) holds license notices, references and tags collected
//! from real packages, each labelled with its license expression, and the texts of licenses
//! outside the SPDX list. This tool reads an installed `licensedcode/data` directory, keeps what
//! clearance's matcher can use, and writes the compact index that clearance embeds:
//!
//! ```text
//! cargo run -p clearance-detect --example build_scancode_index -- DATA_DIR crates/clearance-detect/data/scancode-rules.bin.gz
//! ```
//!
//! Kept: notice, reference and tag rules, false-positive rules (to recognise what is *not* a
//! license), and the texts of non-SPDX licenses up to 2,000 words (exceptions among them as
//! `AdditionRef-scancode-*`, so that they can follow `WITH`); every rule of at least 8 words
//! whose license keys all map to SPDX ids or ScanCode's `LicenseRef-`/`AdditionRef-scancode-*`
//! ids. A non-SPDX license whose whole text is a passage of an SPDX license's text is left out. Left out:
//! whole-text rules of SPDX licenses (the SPDX texts are indexed directly), deprecated licenses,
//! and one rule in sixteen, chosen by hash of its file name, held out for the accuracy corpus
//! (`scripts/build_notice_corpus.py` picks its sample from the same held-out rules).
//!
//! Index format (gzip-compressed, little-endian): `CLRIDX` and a version byte, the tokenizer
//! version (u32), the words (u32 count, then u8 length + bytes each), the references (u32 count,
//! then per reference: kind u8 (0 license text, 2 exception text, 3 rule, 4 false positive), minimum recall in percent u8, label and source as u16 length +
//! bytes, u32 token count, tokens as LEB128 varints, u16 count of required phrases, each a first
//! word and a length as varints).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use clearance_detect::text::RefKind;
use clearance_detect::tokens::{TOKENIZER_VERSION, words};
use clearance_model::LicenseExpr;
use sha2::Digest;

/// One reference of the index, before tokenizing.
struct Item {
    kind: RefKind,
    /// Minimum recall in percent (0: the matcher's default).
    min: u8,
    label: String,
    source: String,
    text: String,
    /// Required phrases as (first word, length).
    required: Vec<(u32, u32)>,
}

/// Minimum words of a kept rule (the matcher needs eight).
const MIN_WORDS: usize = 8;
/// Longest non-SPDX license text kept, in words.
const MAX_LICENSE_WORDS: usize = 2000;

fn front_matter(text: &str) -> (HashMap<String, String>, &str) {
    let mut parts = text.splitn(3, "---");
    let (Some(_), Some(head), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
        return (HashMap::new(), text);
    };
    let mut fields = HashMap::new();
    for line in head.lines() {
        if let Some((k, v)) = line.split_once(':')
            && !k.starts_with(' ')
            && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            fields.insert(k.to_string(), v.trim().to_string());
        }
    }
    (fields, body)
}

/// `true` for the rules held out of the index for the accuracy corpus.
fn held_out(file_name: &str) -> bool {
    let digest = sha2::Sha256::digest(format!("clearance-holdout:{file_name}").as_bytes());
    digest[0] >> 4 == 0
}

fn to_expression(scancode: &str, keys: &HashMap<String, String>) -> Option<LicenseExpr> {
    let mut out = Vec::new();
    let spaced = scancode.replace('(', " ( ").replace(')', " ) ");
    for tok in spaced.split_whitespace() {
        let low = tok.to_ascii_lowercase();
        match low.as_str() {
            "and" | "or" | "with" => out.push(low.to_ascii_uppercase()),
            "(" | ")" => out.push(tok.to_string()),
            _ => out.push(keys.get(tok)?.clone()),
        }
    }
    LicenseExpr::parse(&out.join(" ")).ok()
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The rule text without its `{{ }}` markers, and the word spans `(first word, words)` they
/// enclose: phrases a match must contain (the `GPL 2.0` of "under the terms of the GPL 2.0").
fn required_phrases(body: &str) -> (String, Vec<(u32, u32)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        text.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}").unwrap_or(after.len());
        let start = words(&text).len() as u32;
        // Keep the phrase apart from its neighbours so that word counts stay exact.
        text.push(' ');
        text.push_str(&after[..close]);
        text.push(' ');
        let len = words(&text).len() as u32 - start;
        if len > 0 {
            spans.push((start, len));
        }
        rest = after.get(close + 2..).unwrap_or("");
    }
    text.push_str(rest);
    (text, spans)
}

fn read_dir_sorted(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    v.sort();
    v
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build_scancode_index DATA_DIR OUT_FILE");
        std::process::exit(2);
    }
    let data = Path::new(&args[1]);

    // ScanCode key → SPDX id (or ScanCode's LicenseRef-scancode-* id), and non-SPDX texts.
    let mut keys: HashMap<String, String> = HashMap::new();
    // The SPDX license texts as word sequences: a non-SPDX "license" whose whole text is a
    // passage of one of them (the GPL's "This program is distributed in the hope that it will be
    // useful, but WITHOUT ANY WARRANTY …" is ScanCode's `philippe-de-muyter`) names nothing by
    // itself.
    let spdx_texts: Vec<String> = spdx::text::LICENSE_TEXTS
        .iter()
        .map(|(_, t)| format!(" {} ", words(t).join(" ")))
        .collect();
    let passage_of_spdx = |body: &str| {
        let w = format!(" {} ", words(body).join(" "));
        spdx_texts.iter().any(|t| t.contains(&w))
    };
    let mut entries: Vec<Item> = Vec::new();
    for path in read_dir_sorted(&data.join("licenses")) {
        if path.extension().and_then(|e| e.to_str()) != Some("LICENSE") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("license file reads");
        let (fields, body) = front_matter(&text);
        let key = fields.get("key").cloned().unwrap_or_default();
        let Some(mut spdx) = fields
            .get("spdx_license_key")
            .filter(|s| !s.is_empty())
            .cloned()
        else {
            continue;
        };
        // An exception outside the SPDX list is an `AdditionRef-`, so that it can follow
        // `WITH` in an expression (`LGPL-3.0-or-later WITH AdditionRef-scancode-…`).
        let exception = fields.get("is_exception").is_some_and(|v| v == "yes");
        if exception && let Some(rest) = spdx.strip_prefix("LicenseRef-") {
            spdx = format!("AdditionRef-{rest}");
        }
        keys.insert(key.clone(), spdx.clone());
        let deprecated = fields.get("is_deprecated").is_some_and(|v| v == "yes");
        let n = words(body).len();
        if (spdx.starts_with("LicenseRef-") || spdx.starts_with("AdditionRef-"))
            && !deprecated
            && (MIN_WORDS..=MAX_LICENSE_WORDS).contains(&n)
            && !passage_of_spdx(body)
        {
            // A license's own minimum coverage: a variant told from a common license by a few
            // words (`bsd-new-nomod`: "without modification" added to BSD-3-Clause) must be
            // matched nearly whole.
            let min = fields
                .get("minimum_coverage")
                .and_then(|v| v.parse::<u8>().ok())
                .unwrap_or(0)
                .min(100);
            entries.push(Item {
                kind: if exception {
                    RefKind::Exception
                } else {
                    RefKind::License
                },
                min,
                label: spdx,
                source: format!("scancode:{key}.LICENSE"),
                text: body.to_string(),
                required: Vec::new(),
            });
        }
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for path in read_dir_sorted(&data.join("rules")) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if !name.ends_with(".RULE") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("rule file reads");
        let (fields, body) = front_matter(&text);
        let yes = |k: &str| fields.get(k).is_some_and(|v| v == "yes");
        let kind = if yes("is_false_positive") {
            RefKind::FalsePositive
        } else if yes("is_license_notice") || yes("is_license_reference") || yes("is_license_tag") {
            RefKind::Rule
        } else {
            continue;
        };
        if held_out(&name) {
            *counts.entry("held out").or_default() += 1;
            continue;
        }
        let (body, required) = required_phrases(body);
        if words(&body).len() < MIN_WORDS {
            *counts.entry("too short").or_default() += 1;
            continue;
        }
        let label = if kind == RefKind::FalsePositive {
            String::new()
        } else {
            match to_expression(
                fields.get("license_expression").map_or("", String::as_str),
                &keys,
            ) {
                Some(e) => e.to_string(),
                None => {
                    *counts.entry("unmapped expression").or_default() += 1;
                    continue;
                }
            }
        };
        let min = fields
            .get("minimum_coverage")
            .and_then(|v| v.parse::<u8>().ok())
            .unwrap_or(0)
            .min(100);
        *counts
            .entry(if kind == RefKind::FalsePositive {
                "false positive"
            } else {
                "rule"
            })
            .or_default() += 1;
        entries.push(Item {
            kind,
            min,
            label,
            source: format!("scancode:{name}"),
            text: body,
            required,
        });
    }

    // Tokenize into one vocabulary.
    let mut vocab: Vec<String> = Vec::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut refs: Vec<(Item, Vec<u32>)> = Vec::new();
    for item in entries {
        let toks: Vec<u32> = words(&item.text)
            .into_iter()
            .map(|w| {
                *ids.entry(w.clone()).or_insert_with(|| {
                    vocab.push(w);
                    (vocab.len() - 1) as u32
                })
            })
            .collect();
        refs.push((item, toks));
    }

    let mut out = Vec::new();
    out.extend_from_slice(b"CLRIDX\x02");
    out.extend_from_slice(&TOKENIZER_VERSION.to_le_bytes());
    out.extend_from_slice(&(vocab.len() as u32).to_le_bytes());
    for w in &vocab {
        let b = w.as_bytes();
        let len = b.len().min(255);
        out.push(len as u8);
        out.extend_from_slice(&b[..len]);
    }
    out.extend_from_slice(&(refs.len() as u32).to_le_bytes());
    for (
        Item {
            kind,
            min,
            label,
            source,
            required,
            ..
        },
        toks,
    ) in &refs
    {
        out.push(match kind {
            RefKind::License => 0,
            RefKind::Exception => 2,
            RefKind::Rule => 3,
            RefKind::FalsePositive => 4,
            RefKind::Notice => unreachable!("not read from ScanCode"),
        });
        out.push(*min);
        for s in [label, source] {
            out.extend_from_slice(&(s.len() as u16).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        out.extend_from_slice(&(toks.len() as u32).to_le_bytes());
        for &t in toks {
            varint(&mut out, t);
        }
        out.extend_from_slice(&(required.len() as u16).to_le_bytes());
        for &(start, len) in required {
            varint(&mut out, start);
            varint(&mut out, len);
        }
    }
    let file = std::fs::File::create(&args[2]).expect("output file");
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    gz.write_all(&out).expect("index writes");
    gz.finish().expect("index writes");
    eprintln!(
        "{} references ({counts:?}), {} words, {} bytes before compression",
        refs.len(),
        vocab.len(),
        out.len()
    );
}
