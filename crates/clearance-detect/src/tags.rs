//! `SPDX-License-Identifier:` tags.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use clearance_model::declared::{self, Reading};
use clearance_model::expr::LicenseExpr;

/// A tag found in a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    /// 1-based line.
    pub line: u32,
    /// The expression as written after the colon.
    pub raw: String,
    /// The expression it was read as.
    pub expression: LicenseExpr,
    /// `Some(why)` when the raw text is not a valid SPDX expression and had to be mapped.
    pub invalid: Option<String>,
}

static FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["SPDX-License-Identifier"])
        .expect("tag pattern compiles")
});

/// `true` for a character that can appear in an SPDX expression.
fn expression_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | '(' | ')' | ':' | ' ' | '\t')
}

/// Finds every `SPDX-License-Identifier:` tag in `text`.
///
/// The expression runs from the colon to the first character that cannot be part of an
/// expression (a comment closer `*/`, `-->`, a quote), so tags inside any comment syntax are read.
/// Mentions of the tag without an expression (in documentation) are ignored.
///
/// # Example
/// ```
/// let tags = clearance_detect::tags::find_tags("/* SPDX-License-Identifier: MIT OR Apache-2.0 */\nint x;");
/// assert_eq!(tags[0].expression.to_string(), "MIT OR Apache-2.0");
/// assert_eq!(tags[0].line, 1);
/// ```
pub fn find_tags(text: &str) -> Vec<Tag> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line = 1u32;
    let mut counted_to = 0usize;
    for m in FINDER.find_iter(bytes) {
        line += memchr::memchr_iter(b'\n', &bytes[counted_to..m.start()]).count() as u32;
        counted_to = m.start();
        let rest = &text[m.end()..];
        let Some(rest) = rest.strip_prefix(':').or_else(|| rest.strip_prefix(" :")) else {
            continue;
        };
        let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let candidate = &rest[..line_end];
        let cut = candidate
            .find(|c: char| !expression_char(c))
            .unwrap_or(candidate.len());
        // `-->` leaves a trailing `--`.
        let raw = candidate[..cut]
            .trim()
            .trim_end_matches(['-', ':', ' ', '\t']);
        // A closing `)` of the surrounding comment syntax `(* … *)` has been cut by `*`; a bare
        // trailing `)` without a matching `(` is dropped.
        let raw = balance_parens(raw);
        if raw.is_empty() || !raw.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '(') {
            continue;
        }
        let n = declared::normalise(raw);
        let Some(expression) = n.expression else {
            continue;
        };
        let invalid = match n.reading {
            Reading::Spdx => None,
            _ => Some(format!(
                "`{raw}` is not a valid SPDX expression; read as `{expression}`"
            )),
        };
        out.push(Tag {
            line,
            raw: raw.to_string(),
            expression,
            invalid,
        });
    }
    out
}

fn balance_parens(s: &str) -> &str {
    let mut s = s;
    while s.ends_with(')') && s.matches(')').count() > s.matches('(').count() {
        s = s[..s.len() - 1].trim_end();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exprs(text: &str) -> Vec<(u32, String, bool)> {
        find_tags(text)
            .into_iter()
            .map(|t| (t.line, t.expression.to_string(), t.invalid.is_some()))
            .collect()
    }

    #[test]
    fn comment_syntaxes() {
        let text = "// SPDX-License-Identifier: MIT\n\
                    # SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception\n\
                    <!-- SPDX-License-Identifier: BSD-3-Clause -->\n\
                    (* SPDX-License-Identifier: ISC *)\n\
                    \"SPDX-License-Identifier: Zlib\",\n\
                    -- spdx-license-identifier: GPL-2.0+\n";
        assert_eq!(
            exprs(text),
            [
                (1, "MIT".into(), false),
                (2, "Apache-2.0 WITH LLVM-exception".into(), false),
                (3, "BSD-3-Clause".into(), false),
                (4, "ISC".into(), false),
                (5, "Zlib".into(), false),
                (6, "GPL-2.0-or-later".into(), false),
            ]
        );
    }

    #[test]
    fn documentation_mentions_are_ignored() {
        assert!(exprs("Add an `SPDX-License-Identifier:` tag to each file").is_empty());
        assert!(exprs("SPDX-License-Identifier: <SPDX License Expression>").is_empty());
        assert!(exprs("the SPDX-License-Identifier header").is_empty());
    }

    #[test]
    fn invalid_expressions_are_mapped_and_flagged() {
        let t = exprs("// SPDX-License-Identifier: Apache 2.0\n");
        assert_eq!(t, [(1, "Apache-2.0".into(), true)]);
        let t = exprs("// SPDX-License-Identifier: Proprietary\n");
        assert_eq!(t, [(1, declared::PROPRIETARY.into(), true)]);
    }
}
