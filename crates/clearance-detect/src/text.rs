//! Full-text license matching against the SPDX license list.
//!
//! Two steps, cheapest first:
//! 1. **Candidates**: every reference text (each SPDX license and exception) is indexed by its
//!    word 3-grams. A text's 3-grams vote for the references that contain them; a reference is a
//!    candidate when a large enough share of its own 3-grams is present. Common 3-grams are not
//!    dropped: the BSD family shares most of its text, and a BSD variant must stay a candidate
//!    when only its common part is present.
//! 2. **Alignment**: each candidate is aligned with the text word by word (Myers diff). The
//!    aligned words are grouped into a region of the text; the region's *precision* is the share
//!    of its words the reference explains, the *recall* the share of the reference found.
//!    Candidates are ranked by words explained minus twice the words left unexplained inside the
//!    region (minus a quarter of the reference words missing), so a reference that explains a text completely wins over a close variant that
//!    explains more words overall but contradicts some (Apache-2.0 without its appendix is
//!    Apache-2.0, not the Pixar license derived from it). Regions that do not overlap are
//!    reported separately: a file holding MIT then Apache-2.0 yields both.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp};

use crate::tokens::{Token, TokenId, UNKNOWN, Vocabulary};

/// What a reference is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// A license text (SPDX, or a license outside SPDX from ScanCode's dataset).
    License,
    /// A license's standard notice (see [`crate::notices`]).
    Notice,
    /// A license exception.
    Exception,
    /// A notice, reference or tag from ScanCode's rule set, labelled with its expression.
    Rule,
    /// A text known *not* to be a license grant (ScanCode's false-positive rules): when it is
    /// the best explanation of a region, the region yields nothing.
    FalsePositive,
}

struct Reference {
    /// The SPDX expression (or exception id) the reference stands for.
    label: Box<str>,
    /// Where the reference comes from (`MIT`, `scancode:gpl-2.0-plus_10.RULE`).
    source: Box<str>,
    kind: RefKind,
    tokens: Vec<TokenId>,
    /// Distinct 3-grams of the reference.
    grams: u32,
    /// Share of the reference a match needs, when the reference says (ScanCode's
    /// `minimum_coverage`).
    min_recall: Option<f32>,
    /// Phrases a match must contain (ScanCode's `{{ }}` required phrases), as word spans.
    required: Vec<(u32, u32)>,
}

/// A license text, notice or rule found in a larger text.
#[derive(Clone, Debug, PartialEq)]
pub struct TextMatch {
    /// The SPDX expression matched (or, for an exception, its id).
    pub id: String,
    /// The reference's source (`MIT`, `scancode:mit_21.RULE`).
    pub source: String,
    /// What kind of reference matched.
    pub kind: RefKind,
    /// 0-based first line of the matched region.
    pub start_line: u32,
    /// 0-based last line of the matched region (inclusive).
    pub end_line: u32,
    /// Share of the region's words the reference explains.
    pub precision: f32,
    /// Share of the reference's words found in the region.
    pub recall: f32,
    /// Confidence reported to users: the precision, reduced when less than 85% of the reference
    /// text is present (`precision × (0.5 + 0.5 × min(1, recall / 0.85))`).
    pub confidence: f32,
    /// How the text differs from the reference in substance, if it does: a word that changes
    /// the meaning ("must *not* reproduce") not in the reference, more than 5% of the region not
    /// explained by it, or less than 80% of the reference present.
    pub modified: Option<String>,
}

/// Words that change what a license permits when they are added to its text.
const MEANINGFUL: &[&str] = &[
    "not",
    "no",
    "never",
    "nor",
    "neither",
    "except",
    "unless",
    "without",
    "prohibited",
    "forbidden",
    "noncommercial",
    "commercial",
    "military",
    "evil",
    "revocable",
    "revoked",
    "fee",
    "royalty",
    "payment",
    "pay",
];

/// The indexed SPDX license list.
pub struct LicenseIndex {
    vocab: Vocabulary,
    refs: Vec<Reference>,
    postings: HashMap<u64, Vec<u32>>,
    /// Vocabulary ids of [`MEANINGFUL`] words, with the word.
    meaningful: HashMap<TokenId, &'static str>,
    /// Vocabulary ids of numbers.
    numeric: std::collections::HashSet<TokenId>,
    /// Vocabulary ids of [`DISCRIMINATING`] words.
    discriminating: std::collections::HashSet<TokenId>,
    /// Vocabulary ids of [`GRANTS`] words.
    grants: std::collections::HashSet<TokenId>,
}

/// Words by which a license grants: a partial license text without any of them (the warranty
/// disclaimer of an ISC text, alone) grants nothing and is not that license.
const GRANTS: &[&str] = &[
    "permission",
    "permitted",
    "granted",
    "grant",
    "grants",
    "redistribution",
    "redistributions",
    "redistribute",
    "licensed",
    "license",
    "licence",
    "licenses",
    "sublicense",
    "dedicate",
    "dedicates",
    "dedicated",
    "waive",
    "waives",
    "waiver",
    "relinquish",
    "freely",
];

/// A reference is aligned when at least this share of its 3-grams is in the text.
const MIN_CONTAINMENT: f32 = 0.35;
/// At most this many candidates are aligned per search.
const MAX_CANDIDATES: usize = 40;
/// At most this many more candidates from the SPDX list's own texts.
const SPDX_CANDIDATES: usize = 8;
/// At most this many license texts are reported in one text (a wheel's bundled-licenses file
/// holds a few dozen); a text that reaches it is reported as cut short.
pub const MAX_MATCHES: usize = 256;
/// A match needs this share of the reference text.
pub const MIN_RECALL: f32 = 0.5;
/// A match needs this share of its region explained by the reference.
pub const MIN_PRECISION: f32 = 0.75;
/// References shorter than this many words need [`MIN_RECALL`] raised to 0.9.
const SHORT_REFERENCE: usize = 40;
/// A match needs at least this many words.
const MIN_MATCHED: usize = 8;

fn gram(a: TokenId, b: TokenId, c: TokenId) -> u64 {
    // Vocabulary ids are < 2^21 for any realistic list; pack three into a u64.
    (u64::from(a) << 42) ^ (u64::from(b) << 21) ^ u64::from(c)
}

fn grams(tokens: &[TokenId]) -> impl Iterator<Item = u64> + '_ {
    tokens
        .windows(3)
        .filter(|w| !w.contains(&UNKNOWN))
        .map(|w| gram(w[0], w[1], w[2]))
}

/// ScanCode Toolkit's license rules, as `examples/build_scancode_index.rs` builds them.
const SCANCODE_INDEX: &[u8] = include_bytes!("../data/scancode-rules.bin.gz");

/// One reference to index: label, source, kind, minimum recall, and its text or tokens.
pub struct Entry {
    /// The expression (or exception id) it stands for.
    pub label: String,
    /// Where it comes from.
    pub source: String,
    /// What it is.
    pub kind: RefKind,
    /// Share of it a match needs, if it says.
    pub min_recall: Option<f32>,
    /// Phrases a match must contain, as `(first word, words)` spans of the reference.
    pub required: Vec<(u32, u32)>,
    /// Its text.
    pub text: EntryText,
}

impl Entry {
    /// A reference with its plain text, labelled and sourced by its id.
    pub fn plain(id: &str, kind: RefKind, text: &'static str) -> Entry {
        Entry {
            label: id.to_string(),
            source: id.to_string(),
            kind,
            min_recall: None,
            required: Vec::new(),
            text: EntryText::Plain(text),
        }
    }
}

/// The text of an [`Entry`].
pub enum EntryText {
    /// Plain text, split into words when indexed.
    Plain(&'static str),
    /// Words already numbered in the index's vocabulary.
    Tokens(Vec<TokenId>),
}

/// Errors reading a prebuilt index.
#[derive(Debug)]
pub struct IndexError(pub String);

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid license rule index: {}", self.0)
    }
}

/// A cursor over the bytes of a prebuilt index.
struct Reader {
    buf: Vec<u8>,
    pos: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&[u8], IndexError> {
        let s = self
            .buf
            .get(self.pos..self.pos + n)
            .ok_or_else(|| IndexError("truncated".into()))?;
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, IndexError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, IndexError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, IndexError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn varint(&mut self) -> Result<u32, IndexError> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            if shift > 28 {
                return Err(IndexError("varint too long".into()));
            }
        }
    }

    fn string(&mut self, len: usize) -> Result<String, IndexError> {
        Ok(String::from_utf8_lossy(self.take(len)?).into_owned())
    }
}

/// Reads the ScanCode rule index: its vocabulary and its references.
pub fn read_rule_index(bytes: &[u8]) -> Result<(Vec<String>, Vec<Entry>), IndexError> {
    use std::io::Read;
    let mut buf = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut buf)
        .map_err(|e| IndexError(e.to_string()))?;
    let mut r = Reader { buf, pos: 0 };
    if r.take(7)? != b"CLRIDX\x02" {
        return Err(IndexError(
            "not a clearance rule index of this version".into(),
        ));
    }
    let version = r.u32()?;
    if version != crate::tokens::TOKENIZER_VERSION {
        return Err(IndexError(format!(
            "built with tokenizer version {version}, this build uses {}: rebuild it",
            crate::tokens::TOKENIZER_VERSION
        )));
    }
    let n_words = r.u32()? as usize;
    let mut words = Vec::with_capacity(n_words);
    for _ in 0..n_words {
        let len = r.u8()? as usize;
        words.push(r.string(len)?);
    }
    let n_refs = r.u32()? as usize;
    let mut entries = Vec::with_capacity(n_refs);
    for _ in 0..n_refs {
        let kind = match r.u8()? {
            0 => RefKind::License,
            2 => RefKind::Exception,
            3 => RefKind::Rule,
            4 => RefKind::FalsePositive,
            k => return Err(IndexError(format!("unknown reference kind {k}"))),
        };
        let min = r.u8()?;
        let len = r.u16()? as usize;
        let label = r.string(len)?;
        let len = r.u16()? as usize;
        let source = r.string(len)?;
        let n = r.u32()? as usize;
        let tokens = (0..n)
            .map(|_| r.varint())
            .collect::<Result<Vec<u32>, _>>()?;
        let n_required = r.u16()? as usize;
        let mut required = Vec::with_capacity(n_required);
        for _ in 0..n_required {
            required.push((r.varint()?, r.varint()?));
        }
        entries.push(Entry {
            label,
            source,
            kind,
            min_recall: (min > 0).then(|| f32::from(min) / 100.0),
            required,
            text: EntryText::Tokens(tokens),
        });
    }
    Ok((words, entries))
}

impl LicenseIndex {
    /// Indexes the SPDX license list bundled with the `spdx` crate (every current license and
    /// exception: deprecated ids are left out, their texts are those of current ids), the
    /// standard notices of [`crate::notices`], and ScanCode Toolkit's rules: notices, references
    /// and tags found in real packages, and licenses outside the SPDX list.
    pub fn spdx() -> Self {
        let (words, rules) =
            read_rule_index(SCANCODE_INDEX).expect("the embedded rule index is valid");
        Self::from_entries(
            words,
            Self::spdx_entries().into_iter().chain(rules).collect(),
        )
    }

    /// Indexes the SPDX license list and notices only, without ScanCode's rules.
    pub fn spdx_only() -> Self {
        Self::from_entries(Vec::new(), Self::spdx_entries())
    }

    fn spdx_entries() -> Vec<Entry> {
        let plain = Entry::plain;
        let mut entries = Vec::new();
        for (id, text) in spdx::text::LICENSE_TEXTS {
            if spdx::license_id(id).is_some_and(|l| !l.is_deprecated()) {
                entries.push(plain(id, RefKind::License, text));
                // The SPDX text of LGPL-3.0 is the LGPL followed by the whole GPL-3.0 it
                // supplements; `COPYING.LESSER` files usually hold the LGPL part alone.
                if let Some(cut) = text.find("\nGNU GENERAL PUBLIC LICENSE")
                    && cut > 0
                    && text.len() - cut > 10_000
                {
                    entries.push(plain(id, RefKind::License, &text[..cut]));
                }
            }
        }
        for (id, text) in crate::notices::NOTICES {
            entries.push(plain(id, RefKind::Notice, text));
        }
        for (id, text) in spdx::text::EXCEPTION_TEXTS {
            if spdx::exception_id(id).is_some_and(|e| !e.is_deprecated()) {
                entries.push(plain(id, RefKind::Exception, text));
            }
        }
        entries
    }

    /// Indexes `entries`; `words` numbers the words of entries given as tokens.
    pub fn from_entries(words: Vec<String>, entries: Vec<Entry>) -> Self {
        let mut vocab = Vocabulary::from_words(words);
        let mut refs = Vec::with_capacity(entries.len());
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::with_capacity(1 << 20);
        for (i, e) in entries.into_iter().enumerate() {
            let tokens: Vec<TokenId> = match e.text {
                EntryText::Plain(text) => {
                    vocab.intern_text(text).into_iter().map(|t| t.id).collect()
                }
                EntryText::Tokens(t) => t,
            };
            let mut distinct: Vec<u64> = grams(&tokens).collect();
            distinct.sort_unstable();
            distinct.dedup();
            for g in &distinct {
                postings.entry(*g).or_default().push(i as u32);
            }
            refs.push(Reference {
                label: e.label.into_boxed_str(),
                source: e.source.into_boxed_str(),
                kind: e.kind,
                tokens,
                grams: distinct.len() as u32,
                min_recall: e.min_recall,
                required: e.required,
            });
        }
        // A rule as long as a license is a license's text: ScanCode files some whole texts (an
        // Apache-2.0 without its appendix, a BSD-3-Clause with another owner) as notices. Long
        // rules, and rules at least half as long as the SPDX text of their license, are texts.
        let spdx_len: HashMap<Box<str>, usize> = refs
            .iter()
            .filter(|r| r.kind == RefKind::License && r.source == r.label)
            .map(|r| (r.label.clone(), r.tokens.len()))
            .collect();
        for r in refs.iter_mut().filter(|r| r.kind == RefKind::Rule) {
            let n = r.tokens.len();
            if n >= TEXT_LENGTH || spdx_len.get(&r.label).is_some_and(|&full| 2 * n >= full) {
                r.kind = RefKind::License;
            }
        }
        let meaningful = MEANINGFUL
            .iter()
            .filter_map(|w| vocab.id(w).map(|id| (id, *w)))
            .collect();
        let numeric = vocab
            .ids_where(|w| w.bytes().all(|b| b.is_ascii_digit()))
            .into_iter()
            .collect();
        let discriminating = DISCRIMINATING.iter().filter_map(|w| vocab.id(w)).collect();
        let grants = GRANTS.iter().filter_map(|w| vocab.id(w)).collect();
        LicenseIndex {
            vocab,
            refs,
            postings,
            meaningful,
            numeric,
            discriminating,
            grants,
        }
    }

    /// Indexes the given `(id, kind, text)` references.
    pub fn from_texts(entries: Vec<(&'static str, RefKind, &'static str)>) -> Self {
        Self::from_entries(
            Vec::new(),
            entries
                .into_iter()
                .map(|(id, kind, text)| Entry::plain(id, kind, text))
                .collect(),
        )
    }

    /// Number of indexed references.
    pub fn len(&self) -> usize {
        self.refs.len()
    }

    /// `true` when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// Finds the license and exception texts in `text`, ordered by position.
    ///
    /// Matching is by elimination: the best match is taken, its words are blanked out, and the
    /// rest of the text is searched again, so two copies of one license, or two licenses one
    /// after the other, are each found where they are.
    pub fn find(&self, text: &str) -> Vec<TextMatch> {
        let tokens = self.vocab.tokens(text);
        if tokens.len() < 3 {
            return Vec::new();
        }
        let mut ids: Vec<TokenId> = tokens.iter().map(|t| t.id).collect();
        let mut out = Vec::new();
        for _ in 0..MAX_MATCHES {
            let candidates = self.candidates(&ids);
            // Best explanation first; ties go to the shorter (more general) id, then
            // alphabetical, so that identical texts resolve the same way every time
            // (`GPL-2.0-only` before `GPL-2.0-or-later`, `MPL-2.0` before
            // `MPL-2.0-no-copyleft-exception`).
            let best = candidates
                .into_iter()
                .filter_map(|r| self.align(r, &ids))
                .filter(|s| self.acceptable(s))
                .min_by(|a, b| {
                    let (ra, rb) = (&self.refs[a.r], &self.refs[b.r]);
                    // A license known only to ScanCode's dataset gives way to an SPDX license
                    // within 2% of its score: a BSD-2-Clause with "COPYRIGHT HOLDER" for
                    // "COPYRIGHT HOLDERS AND CONTRIBUTORS" is not the `svndiff` variant that adds a
                    // clause the text does not have.
                    let ranked = |s: &Scored, r: &Reference| {
                        if r.label.starts_with("LicenseRef-scancode-") {
                            s.key - s.key.abs() / 50
                        } else {
                            s.key
                        }
                    };
                    ranked(b, rb)
                        .cmp(&ranked(a, ra))
                        .then(b.recall.total_cmp(&a.recall))
                        // The SPDX texts themselves before notices, and both before the rules
                        // collected from packages: the list's own text decides an even match.
                        .then(kind_rank(ra.kind).cmp(&kind_rank(rb.kind)))
                        .then(
                            ra.source
                                .starts_with(SCANCODE)
                                .cmp(&rb.source.starts_with(SCANCODE)),
                        )
                        .then(ra.label.len().cmp(&rb.label.len()))
                        .then(ra.label.cmp(&rb.label))
                        .then(ra.source.cmp(&rb.source))
                });
            let Some(s) = best else { break };
            ids[s.start..s.end].fill(UNKNOWN);
            let r = &self.refs[s.r];
            // A text known not to grant a license explains its region: nothing to report.
            if r.kind == RefKind::FalsePositive {
                continue;
            }
            out.push(TextMatch {
                id: r.label.to_string(),
                source: r.source.to_string(),
                kind: r.kind,
                start_line: tokens[s.start].line,
                end_line: tokens[s.end - 1].line,
                precision: s.precision,
                recall: s.recall,
                confidence: s.precision * (0.5 + 0.5 * (s.recall / 0.85).min(1.0)),
                modified: modification(&s, &r.label),
            });
        }
        out.sort_by_key(|m| (m.start_line, m.end_line));
        out
    }

    /// Every candidate's alignment of `text`, for diagnostics: `(id, key, precision, recall,
    /// first line, last line)`.
    pub fn explain(&self, text: &str) -> Vec<(String, i64, f32, f32, u32, u32)> {
        let tokens = self.vocab.tokens(text);
        let ids: Vec<TokenId> = tokens.iter().map(|t| t.id).collect();
        self.candidates(&ids)
            .into_iter()
            .filter_map(|r| self.align(r, &ids))
            .map(|s| {
                (
                    format!("{} [{}]", self.refs[s.r].label, self.refs[s.r].source),
                    s.key,
                    s.precision,
                    s.recall,
                    tokens[s.start].line + 1,
                    tokens[s.end - 1].line + 1,
                )
            })
            .collect()
    }

    /// Thresholds of a match. Short references (the one-line `any-OSI`, notices) must be found
    /// nearly whole: half of a dozen words is a coincidence, not a license.
    fn acceptable(&self, s: &Scored) -> bool {
        let r = &self.refs[s.r];
        let len = r.tokens.len();
        // A short reference is a phrase: all of it, or nearly, and nothing else in between.
        let default = if len < 20 {
            1.0
        } else if len < SHORT_REFERENCE {
            0.9
        } else {
            MIN_RECALL
        };
        let min_precision = if len < SHORT_REFERENCE {
            0.95
        } else {
            MIN_PRECISION
        };
        // A rule's own minimum coverage, where ScanCode's curators set one, replaces the default
        // for short rules and can only raise it for long ones.
        let min_recall = match r.min_recall {
            Some(m) if len < SHORT_REFERENCE => m.max(0.6),
            Some(m) => m.max(default),
            None => default,
        };
        if !s.required_ok {
            return false;
        }
        if matches!(r.kind, RefKind::License | RefKind::Rule) && s.recall < 0.95 && !s.grants {
            return false;
        }
        let matched = (s.recall * len as f32).round() as usize;
        s.recall >= min_recall && s.precision >= min_precision && matched >= MIN_MATCHED
    }

    fn candidates(&self, ids: &[TokenId]) -> Vec<usize> {
        let mut text_grams: Vec<u64> = grams(ids).collect();
        text_grams.sort_unstable();
        text_grams.dedup();
        let mut votes = vec![0u32; self.refs.len()];
        for g in &text_grams {
            if let Some(list) = self.postings.get(g) {
                for &r in list {
                    votes[r as usize] += 1;
                }
            }
        }
        // (containment, shared 3-grams, reference)
        let mut c: Vec<(f32, u32, usize)> = votes
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0)
            .map(|(r, &v)| (v as f32 / self.refs[r].grams.max(1) as f32, v, r))
            .filter(|(containment, _, _)| *containment >= MIN_CONTAINMENT)
            .collect();
        // The references sharing the most 3-grams (the long texts that could explain most of
        // the text, even when only part of them is there), then those most wholly contained
        // (the short notices).
        c.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.total_cmp(&a.0)).then(a.2.cmp(&b.2)));
        let mut out: Vec<usize> = c.iter().take(MAX_CANDIDATES * 2 / 3).map(|x| x.2).collect();
        c.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        for x in &c {
            if out.len() >= MAX_CANDIDATES {
                break;
            }
            if !out.contains(&x.2) {
                out.push(x.2);
            }
        }
        // The SPDX list's own texts that are largely in the text, even where ScanCode's many
        // variants of a common license (BSD-2-Clause has dozens) fill the places above.
        let mut spdx_added = 0;
        for x in &c {
            if spdx_added >= SPDX_CANDIDATES || x.0 < 0.5 {
                break;
            }
            if !self.refs[x.2].source.starts_with(SCANCODE) && !out.contains(&x.2) {
                out.push(x.2);
                spdx_added += 1;
            }
        }
        out
    }

    fn align(&self, r: usize, ids: &[TokenId]) -> Option<Scored> {
        let reference = &self.refs[r].tokens;
        let pairs = align_pairs(reference, ids);
        let (start, end) = best_region(&pairs)?;
        // Aligning against the whole text can spend reference words on stray matches elsewhere
        // (a comment sharing a few phrases); aligning again against the region and a margin
        // around it recovers what the region really shares with the reference.
        let margin = reference.len() / 4 + 8;
        let (lo, hi) = (start.saturating_sub(margin), (end + margin).min(ids.len()));
        let pairs = if lo > pairs[0].0 || hi <= pairs[pairs.len() - 1].0 {
            let local: Vec<(usize, usize)> = align_pairs(reference, &ids[lo..hi])
                .into_iter()
                .map(|(i, j)| (i + lo, j))
                .collect();
            if local.is_empty() { pairs } else { local }
        } else {
            pairs
        };
        let (start, end) = best_region(&pairs)?;
        let first = pairs[0].0;
        let mut matched_at = vec![false; pairs[pairs.len() - 1].0 - first + 1];
        for &(i, _) in &pairs {
            matched_at[i - first] = true;
        }
        let matched = matched_at[start - first..end - first]
            .iter()
            .filter(|&&m| m)
            .count();
        let diff = self.region_diff(r, ids, &pairs, start, end, &matched_at, first);
        let region = end - start;
        let unexplained = region - matched;
        let missing = reference.len().saturating_sub(matched);
        Some(Scored {
            r,
            start,
            end,
            // In quarter words: +1 per word explained, -2 per word of the region the reference
            // does not explain, -1/4 per reference word absent from the text. The last term
            // separates a text from a variant that adds a clause (BSD-3-Clause vs. its
            // No-Nuclear-License variant), and is small enough that an optional part left out
            // (the Apache-2.0 appendix) does not make a modified derivative win.
            key: 4 * matched as i64 - 8 * unexplained as i64 - missing as i64,
            precision: matched as f32 / region as f32,
            recall: matched as f32 / reference.len() as f32,
            added_word: diff.added_word,
            // Every required phrase matched, and no other version number in the text.
            required_ok: diff.required_ok && !diff.number_mismatch && !diff.name_mismatch,
            grants: ids[start..end].iter().any(|t| self.grants.contains(t)),
        })
    }
}

/// The region of the text an alignment explains: the stretch that maximises the ranking key,
/// with +5 per word explained and -8 per word not explained (Kadane's maximum-sum segment). See
/// the ranking key in `align`.
fn best_region(pairs: &[(usize, usize)]) -> Option<(usize, usize)> {
    let (first, last) = (pairs.first()?.0, pairs.last()?.0);
    let mut matched_at = vec![false; last - first + 1];
    for &(i, _) in pairs {
        matched_at[i - first] = true;
    }
    let (mut best_sum, mut best_span) = (i64::MIN, (first, first));
    let (mut sum, mut start) = (0i64, first);
    for (k, &m) in matched_at.iter().enumerate() {
        let i = first + k;
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += if m { 5 } else { -8 };
        if sum > best_sum {
            best_sum = sum;
            best_span = (start, i + 1);
        }
    }
    Some(best_span)
}

fn kind_rank(k: RefKind) -> u8 {
    match k {
        RefKind::License | RefKind::Exception => 0,
        RefKind::Notice => 1,
        RefKind::Rule => 2,
        RefKind::FalsePositive => 3,
    }
}

fn modification(s: &Scored, id: &str) -> Option<String> {
    if let Some(w) = s.added_word {
        return Some(format!("the word \"{w}\" is not in the {id} text"));
    }
    if s.precision < 0.95 {
        return Some(format!(
            "{:.0}% of the matched text is not in the {id} text",
            (1.0 - s.precision) * 100.0
        ));
    }
    if s.recall < 0.8 {
        return Some(format!(
            "only {:.0}% of the {id} text is present",
            s.recall * 100.0
        ));
    }
    None
}

impl LicenseIndex {
    /// How the text of a region differs from the reference, in the ways that decide whether it
    /// is the same license.
    ///
    /// * The first meaningful word the region adds: a word of [`MEANINGFUL`] that the reference
    ///   does not explain. Negations are weighed against the negations of the reference that the
    ///   region leaves out, so that a reworded clause ("the names of any contributors may *not*
    ///   be used" for "*neither* the name of the copyright holder *nor* the names of its
    ///   contributors may be used") is not taken for an added one ("must *not* reproduce").
    /// * A number of the text where the reference has another: a version
    ///   ("GNU Free Documentation License, Version 1.1" is not the 1.2 notice).
    /// * Whether every required phrase of the reference is matched.
    #[allow(clippy::too_many_arguments)]
    fn region_diff(
        &self,
        r: usize,
        ids: &[TokenId],
        pairs: &[(usize, usize)],
        start: usize,
        end: usize,
        matched_at: &[bool],
        first: usize,
    ) -> RegionDiff {
        let reference = &self.refs[r].tokens;
        let in_region: Vec<usize> = pairs
            .iter()
            .filter(|(i, _)| (start..end).contains(i))
            .map(|&(_, j)| j)
            .collect();
        let mut diff = RegionDiff {
            added_word: None,
            number_mismatch: false,
            name_mismatch: false,
            required_ok: true,
        };
        let (Some(&jmin), Some(&jmax)) = (in_region.first(), in_region.last()) else {
            diff.required_ok = self.refs[r].required.is_empty();
            return diff;
        };
        let matched_refs: std::collections::HashSet<usize> = in_region.into_iter().collect();
        diff.required_ok = self.refs[r]
            .required
            .iter()
            .all(|&(s, n)| (s as usize..(s + n) as usize).all(|j| matched_refs.contains(&j)));
        let left_out: Vec<usize> = (jmin..=jmax)
            .filter(|j| !matched_refs.contains(j))
            .collect();
        let negations_left_out = left_out
            .iter()
            .filter(|&&j| {
                self.meaningful
                    .get(&reference[j])
                    .is_some_and(|w| NEGATIONS.contains(w))
            })
            .count();
        let numbers_left_out = left_out
            .iter()
            .any(|&j| self.numeric.contains(&reference[j]));
        let short = reference.len() < NOTICE_LENGTH;
        // A short reference naming a license the matched words never name is another notice
        // ("Apache-2.0 or GPL-2.0 with the Classpath exception" matched by its Apache tail).
        let notice = matches!(self.refs[r].kind, RefKind::Notice | RefKind::Rule)
            && reference.len() < 3 * NOTICE_LENGTH;
        if notice
            && reference
                .iter()
                .enumerate()
                .filter(|(_, w)| self.discriminating.contains(w))
                .any(|(_, w)| !matched_refs.iter().any(|&j| reference[j] == *w))
        {
            diff.name_mismatch = true;
        }
        let mut negations_added = 0;
        for i in (start..end).filter(|&i| !matched_at[i - first]) {
            if numbers_left_out && self.numeric.contains(&ids[i]) {
                diff.number_mismatch = true;
            }
            if (short || notice) && self.discriminating.contains(&ids[i]) {
                diff.name_mismatch = true;
            }
            if diff.added_word.is_some() {
                continue;
            }
            let Some(&w) = self.meaningful.get(&ids[i]) else {
                continue;
            };
            // An added "nor" lists one more name ("neither Facebook, nor Meta, nor the names
            // of its contributors"); it does not turn a permission into a prohibition.
            if w == "nor" || w == "neither" {
                continue;
            }
            if NEGATIONS.contains(&w) {
                negations_added += 1;
                if negations_added > negations_left_out {
                    diff.added_word = Some(w);
                }
            } else {
                diff.added_word = Some(w);
            }
        }
        diff
    }
}

/// See [`LicenseIndex::region_diff`].
struct RegionDiff {
    added_word: Option<&'static str>,
    number_mismatch: bool,
    name_mismatch: bool,
    required_ok: bool,
}

/// Words that tell one license family or variant from another: in a notice, one of them more or
/// less is another license ("GNU *Lesser* General Public License", "Attribution-*NonCommercial*",
/// "*Eclipse* Public License").
const DISCRIMINATING: &[&str] = &[
    "lesser",
    "library",
    "affero",
    "gpl",
    "lgpl",
    "agpl",
    "gfdl",
    "fdl",
    "documentation",
    "noncommercial",
    "nc",
    "nd",
    "sa",
    "sharealike",
    "share",
    "alike",
    "noderivatives",
    "noderivs",
    "derivatives",
    "commercial",
    "eclipse",
    "common",
    "mozilla",
    "mpl",
    "apache",
    "mit",
    "bsd",
    "isc",
    "zlib",
    "boost",
    "artistic",
    "perl",
    "python",
    "academic",
    "afl",
    "creative",
    "commons",
    "attribution",
    "cddl",
    "epl",
    "cpl",
    "sun",
    "netscape",
    "ibm",
    "unlicense",
    "wtfpl",
    "cc0",
    "cc",
    "ruby",
    "php",
    "openssl",
    "ssleay",
    "x11",
    "expat",
    "classpath",
    "exception",
    "proprietary",
    "evaluation",
    "trial",
];

/// Prefix of the sources of references from ScanCode's dataset.
const SCANCODE: &str = "scancode:";

/// Rules at least this many words long are license texts, whatever their curation says.
const TEXT_LENGTH: usize = 400;

/// Notices, references and short texts: the length under which a differing discriminating word
/// rejects a match.
const NOTICE_LENGTH: usize = 120;

/// The negations among [`MEANINGFUL`] words.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "except", "unless", "without",
];

/// 3-grams that occur more often than this in a reference do not anchor an alignment.
const MAX_ANCHOR_REPEATS: usize = 8;
/// Unmatched stretches up to this long (on both sides) between anchors are diffed word by word.
const GAP_DIFF: usize = 80;

/// Aligns `text` with `reference` and returns the matched word pairs `(text index, reference
/// index)`, strictly increasing on both sides.
///
/// Anchors are the word 3-grams the two share; the longest chain of anchors increasing on both
/// sides (a longest increasing subsequence, O(n log n)) gives the backbone, and the short
/// stretches between consecutive anchors are diffed word by word. This finds the same matches as
/// a full diff on license texts, in a fraction of the time when the texts differ a lot.
pub fn align_pairs(reference: &[TokenId], text: &[TokenId]) -> Vec<(usize, usize)> {
    let mut positions: HashMap<u64, Vec<u32>> = HashMap::with_capacity(reference.len());
    for (j, w) in reference.windows(3).enumerate() {
        positions
            .entry(gram(w[0], w[1], w[2]))
            .or_default()
            .push(j as u32);
    }
    // Anchors in text order; for one text position, reference positions in decreasing order so
    // that the chain takes at most one of them.
    let mut anchors: Vec<(u32, u32)> = Vec::new();
    for (i, w) in text.windows(3).enumerate() {
        if w.contains(&UNKNOWN) {
            continue;
        }
        if let Some(js) = positions.get(&gram(w[0], w[1], w[2]))
            && js.len() <= MAX_ANCHOR_REPEATS
        {
            anchors.extend(js.iter().rev().map(|&j| (i as u32, j)));
        }
    }
    let anchors = densest_band(anchors, reference.len());
    let chain = longest_chain(&anchors);
    let mut pairs: Vec<(usize, usize)> = Vec::with_capacity(chain.len() + 2);
    let push = |pairs: &mut Vec<(usize, usize)>, i: usize, j: usize| {
        if pairs.last().is_none_or(|&(li, lj)| i > li && j > lj) {
            pairs.push((i, j));
        }
    };
    let mut prev: Option<(usize, usize)> = None;
    for &(i, j) in &chain {
        let (i, j) = (i as usize, j as usize);
        if let Some((pi, pj)) = prev {
            // Words between the end of the previous anchor and this one.
            let (ti, tj) = (pi + 3, pj + 3);
            if i > ti && j > tj && i - ti <= GAP_DIFF && j - tj <= GAP_DIFF {
                for op in
                    similar::capture_diff_slices(Algorithm::Myers, &reference[tj..j], &text[ti..i])
                {
                    if let DiffOp::Equal {
                        old_index,
                        new_index,
                        len,
                    } = op
                    {
                        for t in 0..len {
                            push(&mut pairs, ti + new_index + t, tj + old_index + t);
                        }
                    }
                }
            }
        }
        for t in 0..3 {
            push(&mut pairs, i + t, j + t);
        }
        prev = Some((i, j));
    }
    pairs
}

/// Keeps the anchors near the densest diagonal (text index minus reference index).
///
/// A text that holds the same license twice gives two parallel diagonals; without this, the chain
/// could jump from one copy to the other half-way through. The band is wide enough for the shift
/// that an inserted or deleted clause causes.
fn densest_band(anchors: Vec<(u32, u32)>, ref_len: usize) -> Vec<(u32, u32)> {
    if anchors.is_empty() {
        return anchors;
    }
    let width = (ref_len as i64 / 8).max(32);
    let mut diags: Vec<i64> = anchors
        .iter()
        .map(|&(i, j)| i64::from(i) - i64::from(j))
        .collect();
    diags.sort_unstable();
    // The window of `width` diagonals holding the most anchors.
    let (mut best, mut best_lo, mut lo) = (0usize, diags[0], 0usize);
    for hi in 0..diags.len() {
        while diags[hi] - diags[lo] > width {
            lo += 1;
        }
        if hi + 1 - lo > best {
            best = hi + 1 - lo;
            best_lo = diags[lo];
        }
    }
    let (keep_lo, keep_hi) = (best_lo - width, best_lo + 2 * width);
    anchors
        .into_iter()
        .filter(|&(i, j)| (keep_lo..=keep_hi).contains(&(i64::from(i) - i64::from(j))))
        .collect()
}

/// Longest chain of anchors strictly increasing in both coordinates (anchors are sorted by the
/// first coordinate; equal first coordinates come with decreasing second ones).
fn longest_chain(anchors: &[(u32, u32)]) -> Vec<(u32, u32)> {
    // Patience sorting on the second coordinate, keeping back-pointers.
    let mut tails: Vec<usize> = Vec::new(); // index into anchors of the smallest tail per length
    let mut back: Vec<usize> = vec![usize::MAX; anchors.len()];
    for (k, &(_, j)) in anchors.iter().enumerate() {
        let pos = tails.partition_point(|&t| anchors[t].1 < j);
        if pos > 0 {
            back[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(anchors[k]);
        k = back[k];
    }
    chain.reverse();
    chain
}

struct Scored {
    r: usize,
    start: usize,
    end: usize,
    key: i64,
    precision: f32,
    recall: f32,
    /// The first meaningful word of the region that the reference does not explain.
    added_word: Option<&'static str>,
    /// `true` when every required phrase of the reference is matched.
    required_ok: bool,
    /// `true` when the region holds a word that grants something ("permission", "granted",
    /// "redistribution", "licensed", "dedicate", …).
    grants: bool,
}

/// Tokens of `text` in the index's vocabulary (for tests and diagnostics).
pub fn tokens_of(index: &LicenseIndex, text: &str) -> Vec<Token> {
    index.vocab.tokens(text)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::LazyLock;

    static INDEX: LazyLock<LicenseIndex> = LazyLock::new(LicenseIndex::spdx);

    /// The SPDX text of a license, for tests.
    pub(crate) fn text_of(id: &str) -> &'static str {
        spdx::text::LICENSE_TEXTS
            .iter()
            .find(|(i, _)| *i == id)
            .unwrap()
            .1
    }

    fn ids(text: &str) -> Vec<String> {
        INDEX.find(text).into_iter().map(|m| m.id).collect()
    }

    #[test]
    fn exact_texts_match_themselves() {
        for id in [
            "MIT",
            "Apache-2.0",
            "BSD-3-Clause",
            "ISC",
            "MPL-2.0",
            "Zlib",
            "Unlicense",
            "BSL-1.0",
        ] {
            let m = INDEX.find(text_of(id));
            assert_eq!(m.len(), 1, "{id}: {m:?}");
            assert_eq!(m[0].id, id);
            assert!(m[0].confidence > 0.99, "{id}: {m:?}");
        }
    }

    #[test]
    fn identical_texts_resolve_to_the_general_id() {
        assert_eq!(ids(text_of("GPL-2.0-only")), ["GPL-2.0-only"]);
        assert_eq!(ids(text_of("GPL-2.0-or-later")), ["GPL-2.0-only"]);
    }

    #[test]
    fn apache_without_appendix_is_apache() {
        let full = text_of("Apache-2.0");
        let cut = &full[..full.find("APPENDIX").unwrap()];
        let m = INDEX.find(cut);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].id, "Apache-2.0");
        assert!(m[0].confidence > 0.99, "{m:?}");
    }

    #[test]
    fn two_licenses_in_one_file() {
        let text = format!(
            "Copyright (c) 2020 Foo\n\n{}\n\n-----\n\n{}",
            text_of("MIT"),
            text_of("Apache-2.0")
        );
        let m = INDEX.find(&text);
        assert_eq!(
            m.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
            ["MIT", "Apache-2.0"]
        );
        assert!(m[0].end_line < m[1].start_line);
    }

    #[test]
    fn mit_with_extra_clause_is_modified() {
        let text = text_of("MIT").replace(
            "The above copyright notice",
            "The Software shall be used for Good, not Evil.\n\nThe above copyright notice",
        );
        let m = INDEX.find(&text);
        assert!(!m.is_empty());
        // Either reported as a modified MIT (lower confidence) or as the JSON license, which is
        // exactly MIT plus that clause.
        if m[0].id == "MIT" {
            assert!(m[0].confidence < 0.99, "{m:?}");
            assert!(m[0].modified.is_some(), "{m:?}");
        } else {
            assert_eq!(m[0].id, "JSON");
        }
    }

    #[test]
    fn bsd_with_other_owner_wording_is_plain_bsd() {
        // The Go / Chromium BSD text: "Google Inc." and "COPYRIGHT OWNER" instead of the SPDX
        // template's words, which one variant with an extra clause happens to share.
        let text = "Copyright (c) 2009 The Go Authors. All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are
met:

   * Redistributions of source code must retain the above copyright
notice, this list of conditions and the following disclaimer.
   * Redistributions in binary form must reproduce the above
copyright notice, this list of conditions and the following disclaimer
in the documentation and/or other materials provided with the
distribution.
   * Neither the name of Google Inc. nor the names of its
contributors may be used to endorse or promote products derived from
this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS
\"AS IS\" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR
A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT
OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,
SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
";
        assert_eq!(ids(text), ["BSD-3-Clause"]);
        let with_tail = format!(
            "{text}\nBoringSSL uses the Chromium test infrastructure to run a continuous build.\n"
        );
        assert_eq!(ids(&with_tail), ["BSD-3-Clause"]);
    }

    #[test]
    fn bsd_with_reworded_third_clause() {
        // fast-uri / uri-js: the third clause names "any contributors" instead of "the copyright
        // holder"; still BSD-3-Clause, not the one-clause BSD its first condition resembles.
        let text = "Copyright (c) 2021-present The Fastify team
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:
    * Redistributions of source code must retain the above copyright
      notice, this list of conditions and the following disclaimer.
    * Redistributions in binary form must reproduce the above copyright
      notice, this list of conditions and the following disclaimer in the
      documentation and/or other materials provided with the distribution.
    * The names of any contributors may not be used to endorse or promote
      products derived from this software without specific prior written
      permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\" AND
ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS AND CONTRIBUTORS BE LIABLE FOR ANY
DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND
ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
";
        let m = INDEX.find(text);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].id, "BSD-3-Clause", "{m:?}");
        assert_eq!(
            m[0].modified, None,
            "a reworded clause that keeps its meaning: {m:?}"
        );
        // click-plugins: "Neither click-plugins nor the names of its contributors may not be
        // used" says the opposite.
        let double = text.replace(
            "The names of any contributors may not",
            "Neither the project nor the names of its contributors may not",
        );
        assert!(
            INDEX.find(&double)[0].modified.is_some(),
            "{:?}",
            INDEX.find(&double)
        );
    }

    #[test]
    fn notices_name_only_and_or_later() {
        let later = crate::notices::NOTICES
            .iter()
            .find(|(id, _)| *id == "GPL-2.0-or-later")
            .unwrap()
            .1;
        let m = INDEX.find(later);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(
            (m[0].id.as_str(), m[0].kind),
            ("GPL-2.0-or-later", RefKind::Notice)
        );
        let only = later.replace(
            "General Public License as published by\nthe Free Software Foundation; either version 2 of the License, or\n(at your option) any later version.",
            "General Public License version 2 as\npublished by the Free Software Foundation.",
        );
        assert_eq!(ids(&only), ["GPL-2.0-only"]);
        let apache = "Copyright 2015 The Authors\n\nLicensed under the Apache License, Version 2.0 (the \"License\");\nyou may not use this file except in compliance with the License.\nYou may obtain a copy of the License at\n\n    https://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to in writing, software\ndistributed under the License is distributed on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\nSee the License for the specific language governing permissions and\nlimitations under the License.\n";
        assert_eq!(ids(apache), ["Apache-2.0"]);
        // The full GPL text holds the notice in its appendix: it is one GPL-2.0 text.
        assert_eq!(ids(text_of("GPL-2.0-only")), ["GPL-2.0-only"]);
    }

    #[test]
    fn the_same_license_twice() {
        let mit = text_of("MIT");
        let text = format!(
            "Node.js is licensed for use as follows:\n\n\"\"\"\n{mit}\n\"\"\"\n\nThis license applies to parts of Node.js originating from the\nhttps://github.com/joyent/node repository:\n\n\"\"\"\n{mit}\n\"\"\"\n"
        );
        let m = INDEX.find(&text);
        assert_eq!(
            m.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
            ["MIT", "MIT"],
            "{m:?}"
        );
        assert!(m[0].end_line < m[1].start_line);
        assert!(m.iter().all(|m| m.confidence > 0.99), "{m:?}");
    }

    #[test]
    fn a_negation_is_a_modification() {
        let good = text_of("BSD-3-Clause");
        assert_eq!(INDEX.find(good)[0].modified, None);
        let bad = good.replace("must reproduce", "must not reproduce");
        let m = INDEX.find(&bad);
        assert_eq!(m[0].id, "BSD-3-Clause");
        assert_eq!(
            m[0].modified.as_deref(),
            Some("the word \"not\" is not in the BSD-3-Clause text")
        );
    }

    #[test]
    fn lgpl3_without_the_gpl_it_supplements() {
        let full = text_of("LGPL-3.0-only");
        let lesser = &full[..full.find("\nGNU GENERAL PUBLIC LICENSE").unwrap()];
        assert_eq!(ids(lesser), ["LGPL-3.0-only"]);
        assert_eq!(ids(full), ["LGPL-3.0-only"]);
    }

    #[test]
    fn a_url_line_is_not_a_short_license() {
        // `any-OSI` is one sentence and a URL; a line citing another license's URL shares half
        // of its words.
        let text = "Urllib3 License\n===============\n\nThis is the MIT license: http://www.opensource.org/licenses/mit-license.php\n";
        assert!(
            !ids(text).contains(&"any-OSI".to_string()),
            "{:?}",
            INDEX.find(text)
        );
    }

    #[test]
    fn a_disclaimer_alone_grants_nothing() {
        // The warranty disclaimer of the ISC/0BSD text, at the top of a README: no license.
        let text = "THE SOFTWARE IS PROVIDED \"AS IS\" AND THE AUTHORS DISCLAIM ALL WARRANTIES WITH\nREGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY\nAND FITNESS. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR ANY SPECIAL, DIRECT,\nINDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM\nLOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR\nOTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR\nPERFORMANCE OF THIS SOFTWARE.\n";
        assert!(ids(text).is_empty(), "{:?}", ids(text));
        // With its grant, it is a license.
        let isc = format!(
            "Permission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted.\n\n{text}"
        );
        assert_eq!(ids(&isc), ["0BSD"]);
    }

    #[test]
    fn unrelated_text_matches_nothing() {
        assert!(ids("fn main() { println!(\"hello world\"); }\n// nothing to see here").is_empty());
        assert!(ids("").is_empty());
        let readme = "This project is a web server. To build it, run make. Contributions welcome; \
                      please open a pull request and describe your change.";
        assert!(ids(readme).is_empty());
    }
}
