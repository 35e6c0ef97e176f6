//! Copyright statements and their holders.
//!
//! A statement starts at `Copyright`, `(C)`, `©` or `Copr.`, runs to the end of the line (or onto
//! the next line when the holder is written there), and must name somebody: a year or a `(C)`/`©`
//! sign followed by a name, or `Copyright` followed by a capitalised name. Phrases about copyright
//! ("the above copyright notice", "copyright holders") and template placeholders
//! ("`Copyright (c) <year> <copyright holders>`") are not statements.

use std::sync::LazyLock;

use clearance_model::Copyright;
use regex::Regex;

use crate::rules::Prose;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bcopyright\b|\(c\)|©|&copy;|\bcopr\.)").expect("regex compiles")
});

static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:19|20)\d{2}(?:\s*(?:-|–|,|to)\s*(?:(?:19|20)\d{2}|\d{2}|present|now))*[,.]?\s*)+",
    )
    .expect("regex compiles")
});

static SIGNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright\b|\(c\)|©|&copy;|copr\.|:|\s)+").expect("regex compiles")
});

static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\s,.;]*(?:all\s+rights\s+reserved\.?|\*/|-->|\x22\s*[,;)]?|'\s*[,;)]?)[\s.]*$",
    )
    .expect("regex compiles")
});

static RESERVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)all\s+rights\s+reserved").expect("regex compiles"));

static EMAIL_OR_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[<(\[]?\s*(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[>)\]]?|[<(\[]?\s*https?://\S+\s*[>)\]]?")
        .expect("regex compiles")
});

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[<\[{](?:yyyy|year|years|name|owner|copyright|fullname|author|holder|date)[^>\]}]*[>\]}]|\byyyy\b|\$copyright\$|\bYEAR\b")
        .expect("regex compiles")
});

/// Words that make "copyright X" a phrase about copyright rather than a statement.
const NOT_A_HOLDER: &[&str] = &[
    "notice",
    "notices",
    "holder",
    "holders",
    "owner",
    "owners",
    "law",
    "laws",
    "statement",
    "statements",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "is",
    "are",
    "the",
    "this",
    "that",
    "it",
    "its",
    "by",
    "as",
    "information",
    "protection",
    "infringement",
    "license",
    "licence",
    "licenses",
    "date",
    "year",
    "years",
    "symbol",
    "sign",
    "line",
    "lines",
    "header",
    "headers",
    "text",
    "file",
    "files",
    "info",
    "string",
    "interest",
    "interests",
    "act",
    "claim",
    "claims",
    "status",
    "policy",
    "page",
    "assignment",
    "disclaimer",
    "agreement",
    "permission",
    "permissions",
    "message",
    "field",
    "tag",
    "check",
    "checker",
    "year.",
];

static MARKDOWN_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]+)\]\([^)]*\)").expect("regex compiles"));

static DOMAIN_IN_PARENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(\s*[\w.-]+\.(?:com|org|net|io|dev|me|name|info|de|fr|uk|ca|co)\b[^)]*\)?")
        .expect("regex compiles")
});

/// Characters that make a "holder" a piece of code: `(c) => f(c)`, `(c){case …`.
const CODE_CHARS: &[&str] = &[
    "{", "}", ";", "=", "||", "&&", "$", "`", "->", "//", "/*", "*/",
];

fn clean_holder(rest: &str) -> String {
    let h = MARKDOWN_LINK.replace_all(rest, "$1");
    let h = EMAIL_OR_URL.replace_all(&h, " ");
    let h = DOMAIN_IN_PARENS.replace_all(&h, " ");
    let h = h.trim_start_matches(|c: char| c == ',' || c == ':' || c.is_whitespace());
    let h = h
        .strip_prefix("by ")
        .or_else(|| h.strip_prefix("By "))
        .unwrap_or(h);
    let h = TRAILER.replace(h, "");
    let h: String = h.split_whitespace().collect::<Vec<_>>().join(" ");
    h.trim_matches(|c: char| {
        c == ',' || c == ';' || c == '.' || c == '(' || c == ')' || c == '"' || c == '\''
    })
    .trim()
    .to_string()
}

/// Splits what follows the copyright sign into (years, holder).
/// Splits a statement into (years, holder, signed): `signed` when a `(C)`/`©` sign stands at its
/// start, before the years.
fn split(after: &str) -> (String, String, bool) {
    let signs = SIGNS.find(after).map_or("", |m| m.as_str()).to_lowercase();
    let signed = signs.contains("(c)") || signs.contains('©') || signs.contains("&copy;");
    let after = SIGNS.replace(after, "");
    let after = after.trim_start();
    let (years, rest) = match YEARS.find(after) {
        Some(m) => (
            m.as_str().trim().trim_end_matches([',', '.']).to_string(),
            &after[m.end()..],
        ),
        None => (String::new(), after),
    };
    // "(c) 2010" after a name-less "Copyright": a second sign is noise.
    let rest = SIGNS.replace(rest, "");
    (years, clean_holder(&rest), signed)
}

fn plausible_holder(holder: &str, has_year: bool, has_sign: bool) -> bool {
    let first = holder.split_whitespace().next().unwrap_or("");
    let first_lower = first.to_lowercase();
    // "copyright, i.e., …": prose about copyright, not a holder.
    if !has_year && first.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    // A name has a word of two letters or more: not `' 83, // 'ª` (a byte table's comment).
    let has_word = holder
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 2)
        || holder.chars().next().is_some_and(char::is_uppercase);
    if holder.is_empty() || !has_word {
        return false;
    }
    if NOT_A_HOLDER.contains(&first_lower.trim_matches(|c: char| !c.is_alphanumeric())) && !has_year
    {
        return false;
    }
    if holder.len() > 160 || CODE_CHARS.iter().any(|c| holder.contains(c)) {
        return false;
    }
    // Without a year or a sign, only a capitalised name makes a statement ("Copyright Joyent, Inc.").
    has_year || has_sign || first.chars().next().is_some_and(char::is_uppercase)
}

/// Finds the copyright statements in a text.
///
/// # Example
/// ```
/// use clearance_detect::copyright::find;
/// let c = find(" * Copyright (c) 2015-2020 The Foo Authors. All rights reserved.\n");
/// assert_eq!(c[0].statement, "Copyright (c) 2015-2020 The Foo Authors");
/// assert_eq!(c[0].holder.as_deref(), Some("The Foo Authors"));
/// assert_eq!(c[0].line, 1);
/// ```
pub fn find(text: &str) -> Vec<Copyright> {
    let decoded;
    let text = if text.contains('&') {
        decoded = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&copy;", "©")
            .replace("&amp;", "&");
        decoded.as_str()
    } else {
        text
    };
    let prose = Prose::new(text);
    let lines: Vec<&str> = prose.text.split('\n').collect();
    let mut out: Vec<Copyright> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if !MARKER.is_match(line) || PLACEHOLDER.is_match(line) {
            i += 1;
            continue;
        }
        // The first marker of the line that starts a statement ("… notice of copyright, i.e.,
        // "Copyright (c) 2001 …" starts at the second one).
        let mut consumed = 1;
        let mut found = None;
        for m in MARKER.find_iter(line) {
            // A statement ends at "All rights reserved" (and what follows it).
            let rest = &line[m.start()..];
            let mut end = RESERVED.find(rest).map_or(rest.len(), |r| r.start());
            // "… Created 1991. All\nrights reserved.": the phrase split over two lines.
            if rest[..end].trim_end().to_lowercase().ends_with(" all")
                && lines
                    .get(i + 1)
                    .is_some_and(|n| n.trim_start().to_lowercase().starts_with("rights reserved"))
            {
                end = rest[..end].trim_end().len() - 3;
            }
            let mut statement = rest[..end].trim().to_string();
            let (mut years, mut holder, mut signed) = split(&statement);
            // The holder on the next line: "Copyright (c) 2015-2020\n *   The Foo Authors".
            if holder.is_empty()
                && let Some(next) = lines.get(i + 1)
                && !next.trim().is_empty()
                && !MARKER.is_match(next)
            {
                let joined = format!("{} {}", statement, next.trim());
                let (y, h, s) = split(&joined);
                if !h.is_empty() {
                    statement = joined;
                    (years, holder, signed) = (y, h, s);
                    consumed = 2;
                }
            }
            // A bare "(c)" is also a list marker ("(c) You must retain …"): it starts a
            // statement only with a year.
            let bare_sign =
                !statement.to_lowercase().starts_with("copyright") && !statement.contains('©');
            if bare_sign && years.is_empty() {
                consumed = 1;
                continue;
            }
            if plausible_holder(&holder, !years.is_empty(), signed) {
                found = Some((statement, holder));
                break;
            }
            consumed = 1;
        }
        if let Some((statement, holder)) = found {
            let clean = TRAILER.replace(&statement, "");
            let clean: String = clean.split_whitespace().collect::<Vec<_>>().join(" ");
            let clean = clean.trim_end_matches([',', ';', '.']).trim().to_string();
            if !out.iter().any(|c| c.statement == clean) {
                out.push(Copyright {
                    statement: clean,
                    holder: Some(holder),
                    line: i as u32 + 1,
                });
            }
        }
        i += consumed;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stmts(text: &str) -> Vec<(String, Option<String>)> {
        find(text)
            .into_iter()
            .map(|c| (c.statement, c.holder))
            .collect()
    }

    fn one(text: &str) -> (String, String) {
        let v = stmts(text);
        assert_eq!(v.len(), 1, "{text:?}: {v:?}");
        (v[0].0.clone(), v[0].1.clone().unwrap_or_default())
    }

    #[test]
    fn code_is_not_a_holder() {
        assert!(stmts("    83,  // '\u{aa}'\n    91,  // '\u{a9}'\n").is_empty());
        assert!(stmts("    b'\u{a9}' => 83, // '\u{aa}'\n").is_empty());
    }

    #[test]
    fn common_forms() {
        assert_eq!(
            one("Copyright (c) 2015-2020 The Foo Authors"),
            (
                "Copyright (c) 2015-2020 The Foo Authors".into(),
                "The Foo Authors".into()
            )
        );
        assert_eq!(
            one("# (C) 2001 Bar Inc."),
            ("(C) 2001 Bar Inc".into(), "Bar Inc".into())
        );
        assert_eq!(one("© 2020 Jane"), ("© 2020 Jane".into(), "Jane".into()));
        assert_eq!(
            one("// Copyright 2019 Jane Doe <jane@example.com>"),
            (
                "Copyright 2019 Jane Doe <jane@example.com>".into(),
                "Jane Doe".into()
            )
        );
        assert_eq!(
            one("Copyright (c) Microsoft Corporation."),
            (
                "Copyright (c) Microsoft Corporation".into(),
                "Microsoft Corporation".into()
            )
        );
        assert_eq!(
            one("Copyright Joyent, Inc. and other Node contributors. All rights reserved."),
            (
                "Copyright Joyent, Inc. and other Node contributors".into(),
                "Joyent, Inc. and other Node contributors".into()
            )
        );
        assert_eq!(
            one("Copyright 2008-2011 Andrey Petrov and contributors (see CONTRIBUTORS.txt),"),
            (
                "Copyright 2008-2011 Andrey Petrov and contributors (see CONTRIBUTORS.txt)".into(),
                "Andrey Petrov and contributors (see CONTRIBUTORS.txt".into()
            )
        );
        assert_eq!(
            one("__copyright__ = \"Copyright 2020 Foo Ltd\""),
            ("Copyright 2020 Foo Ltd".into(), "Foo Ltd".into())
        );
        assert_eq!(
            one("Copyright 2015, 2017-2019 Alex"),
            ("Copyright 2015, 2017-2019 Alex".into(), "Alex".into())
        );
        assert_eq!(
            one("/* Copyright (C) 1991-2, RSA Data Security, Inc. Created 1991. All\nrights reserved.\n").0,
            "Copyright (C) 1991-2, RSA Data Security, Inc. Created 1991"
        );
        assert_eq!(
            one(
                "notice of copyright, i.e., \"Copyright (c) 2001 Python Software Foundation; All Rights Reserved\" are retained"
            ),
            (
                "Copyright (c) 2001 Python Software Foundation".into(),
                "Python Software Foundation".into()
            )
        );
        assert_eq!(
            one("Copyright (c) 2013 Julian Gruber &lt;julian@juliangruber.com&gt;"),
            (
                "Copyright (c) 2013 Julian Gruber <julian@juliangruber.com>".into(),
                "Julian Gruber".into()
            )
        );
    }

    #[test]
    fn code_is_not_a_statement() {
        for t in [
            "const f = (c) => replaceXRange(c, options))",
            "function(c){case \"string\":h=!0;break}",
            "if (isDigit(c) && !isWhitespace(c)) {",
            "(c)||1>c)return d(null,[]);",
            "(c) You must retain, in the Source form of any Derivative Works",
        ] {
            assert!(stmts(t).is_empty(), "{t}: {:?}", stmts(t));
        }
    }

    #[test]
    fn links_and_domains_are_not_part_of_the_holder() {
        assert_eq!(
            one("Copyright © 2018, [Jon Schlinkert](https://github.com/jonschlinkert)").1,
            "Jon Schlinkert"
        );
        assert_eq!(
            one("Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (sindresorhus.com)").1,
            "Sindre Sorhus"
        );
    }

    #[test]
    fn holder_on_the_next_line() {
        let v = find("/*\n * Copyright (c) 2015-2020\n *   The Foo Authors\n */\n");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].holder.as_deref(), Some("The Foo Authors"));
        assert_eq!(v[0].line, 2);
    }

    #[test]
    fn phrases_and_placeholders_are_not_statements() {
        for t in [
            "The above copyright notice and this permission notice shall be included",
            "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS",
            "Copyright (c) <year> <copyright holders>",
            "Copyright [yyyy] [name of copyright owner]",
            "copyright law",
            "// Check the copyright header",
            "let copyright = header.copyright;",
            "Copyright",
        ] {
            assert!(stmts(t).is_empty(), "{t}: {:?}", stmts(t));
        }
    }

    #[test]
    fn several_and_deduplicated() {
        let v = find("Copyright (c) 2010 A\nCopyright (c) 2011 B\nCopyright (c) 2010 A\n");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].line, 2);
    }
}
