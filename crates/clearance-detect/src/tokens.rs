//! Word tokens of license texts, with the line each came from.
//!
//! Matching works on words, not characters: case, punctuation, line wrapping, comment markers
//! and list numbering differ between copies of the same license and must not count. Copyright
//! statements differ in every copy and are left out on both sides.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Version of the word splitting and spelling rules. Indexes built ahead of time (the ScanCode
/// rule index) record it; change it with any change to [`for_each_word`] and rebuild them.
pub const TOKENIZER_VERSION: u32 = 1;

/// The words of a text, as matching sees them.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w, _| out.push(w.to_string()));
    out
}

/// A token id; [`UNKNOWN`] for a word no reference text contains.
pub type TokenId = u32;

/// The id of every word that no reference text contains: it never matches.
pub const UNKNOWN: TokenId = u32::MAX;

/// A word of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Vocabulary id.
    pub id: TokenId,
    /// 0-based line of the word in the text.
    pub line: u32,
}

/// Spelling variants that mean the same word.
fn canonical_word(w: &str) -> &str {
    match w {
        "licence" => "license",
        "licences" => "licenses",
        "licenced" => "licensed",
        "licencing" => "licensing",
        "licensor" | "licenser" => "licensor",
        "https" => "http",
        "organisation" => "organization",
        "organisations" => "organizations",
        "authorised" => "authorized",
        "recognised" => "recognized",
        other => other,
    }
}

static COPYRIGHT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[\s#*/;!%'\x22<>\-]*(?:copyright\s*(?:\(c\)|©|&copy;|\d{4}|<|\[|\{)|\(c\)\s*(?:\d{4}|<|\[)|©\s*(?:\d{4}|<|\[)|all rights reserved\.?\s*$)",
    )
    .expect("copyright regex compiles")
});

/// `true` for a line that is a copyright statement ("Copyright (c) 2019 The Foo Authors",
/// "(C) 2001 Bar", "All rights reserved."). Such lines differ in every copy of a license.
pub fn is_copyright_line(line: &str) -> bool {
    COPYRIGHT_LINE.is_match(line)
}

/// Splits `text` into lower-case words (`[a-z0-9]+`), skipping copyright statement lines and
/// single letters (list markers such as `(a)`), and calls `f(word, line)` for each.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str, u32)) {
    let mut buf = String::new();
    for (line_no, line) in text.split('\n').enumerate() {
        if is_copyright_line(line) {
            continue;
        }
        let mut emit = |buf: &mut String| {
            if buf.len() > 1 || buf.bytes().all(|b| b.is_ascii_digit()) && !buf.is_empty() {
                f(canonical_word(buf), line_no as u32);
            }
            buf.clear();
        };
        for c in line.chars() {
            if c.is_alphanumeric() {
                buf.extend(c.to_lowercase());
            } else if c == '\'' || c == '\u{2019}' {
                // "licensor's" → "licensor", and "don't" → "dont"
                continue;
            } else {
                emit(&mut buf);
            }
        }
        emit(&mut buf);
    }
}

/// The words of all reference texts, numbered.
#[derive(Default)]
pub struct Vocabulary {
    ids: HashMap<Box<str>, TokenId>,
}

impl Vocabulary {
    /// Tokens of a reference text, adding new words to the vocabulary.
    pub fn intern_text(&mut self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for_each_word(text, |w, line| {
            let next = self.ids.len() as TokenId;
            let id = *self.ids.entry(w.into()).or_insert(next);
            out.push(Token { id, line });
        });
        out
    }

    /// Tokens of a text to identify; unknown words get [`UNKNOWN`].
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        for_each_word(text, |w, line| {
            let id = self.ids.get(w).copied().unwrap_or(UNKNOWN);
            out.push(Token { id, line });
        });
        out
    }

    /// A vocabulary that starts with `words`, numbered in order.
    pub fn from_words(words: Vec<String>) -> Self {
        let ids = words
            .into_iter()
            .enumerate()
            .map(|(i, w)| (w.into_boxed_str(), i as TokenId))
            .collect();
        Vocabulary { ids }
    }

    /// The ids of the words for which `pred` holds.
    pub fn ids_where(&self, pred: impl Fn(&str) -> bool) -> Vec<TokenId> {
        self.ids
            .iter()
            .filter(|(w, _)| pred(w))
            .map(|(_, &id)| id)
            .collect()
    }

    /// The id of a word, if a reference text contains it.
    pub fn id(&self, word: &str) -> Option<TokenId> {
        self.ids.get(word).copied()
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// `true` when empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, u32)> {
        let mut v = Vec::new();
        for_each_word(text, |w, l| v.push((w.to_string(), l)));
        v
    }

    #[test]
    fn words_and_lines() {
        assert_eq!(
            all("The MIT Licence\n\n(a) Licensor's rights, 2.0"),
            [
                ("the".into(), 0),
                ("mit".into(), 0),
                ("license".into(), 0),
                ("licensors".into(), 2),
                ("rights".into(), 2),
                ("2".into(), 2),
                ("0".into(), 2)
            ]
        );
    }

    #[test]
    fn copyright_lines_are_skipped() {
        for l in [
            "Copyright (c) 2015-2020 The Foo Authors",
            " * Copyright 2019 Google LLC",
            "# (C) 2001 Bar",
            "Copyright © 2020 X",
            "Copyright (c) <year> <copyright holders>",
            "All rights reserved.",
            "// copyright [yyyy] [name of copyright owner]",
        ] {
            assert!(is_copyright_line(l), "{l}");
        }
        for l in [
            "copyright notice and this permission notice shall be included",
            "Copyright owner or by an individual or Legal Entity",
            "the above copyright notice",
        ] {
            assert!(!is_copyright_line(l), "{l}");
        }
    }

    #[test]
    fn vocabulary_marks_unknown_words() {
        let mut v = Vocabulary::default();
        let r = v.intern_text("permission is hereby granted");
        assert_eq!(r.len(), 4);
        let t = v.tokens("Permission is granted, zork");
        assert_eq!(
            t.iter().map(|t| t.id).collect::<Vec<_>>(),
            [0, 1, 3, UNKNOWN]
        );
    }
}
