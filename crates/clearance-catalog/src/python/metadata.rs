//! The core-metadata file format shared by `METADATA` (wheels, `*.dist-info`) and `PKG-INFO`
//! (sdists, `*.egg-info`): RFC 822 style headers, then an optional body (the long description).
//!
//! See <https://packaging.python.org/en/latest/specifications/core-metadata/>.

/// One header field, with its value unfolded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// The field name as written (`License`, `license`, …).
    pub name: String,
    /// The value: leading and trailing white space removed; for a value folded over several lines,
    /// the continuation lines are joined with `\n` after their common indentation (and the `|`
    /// that some writers put after it) is removed.
    pub value: String,
    /// Line of the field name (1-based).
    pub line: u32,
}

/// The header section of a core-metadata file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Metadata {
    /// Every header in file order.
    pub headers: Vec<Header>,
    /// Lines of the header section that are neither a header nor a continuation line.
    pub malformed: Vec<u32>,
}

/// A header being read: name, line, the value on the name's line and the continuation lines.
struct Open<'t> {
    name: &'t str,
    line: u32,
    first: &'t str,
    rest: Vec<&'t str>,
}

impl Open<'_> {
    fn close(self) -> Header {
        Header {
            name: self.name.to_string(),
            value: unfold(self.first, &self.rest),
            line: self.line,
        }
    }
}

impl Metadata {
    /// Reads the header section of `text`: every line up to the first empty line.
    pub fn parse(text: &str) -> Metadata {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut meta = Metadata::default();
        let mut open: Option<Open<'_>> = None;
        for (i, raw) in text.split('\n').enumerate() {
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.is_empty() {
                // The blank line that starts the body (or the end of the file).
                break;
            }
            if line.starts_with([' ', '\t']) {
                match open.as_mut() {
                    Some(o) => o.rest.push(line),
                    None => meta.malformed.push(line_no),
                }
                continue;
            }
            if let Some(o) = open.take() {
                meta.headers.push(o.close());
            }
            match line.split_once(':') {
                Some((name, value)) if is_field_name(name) => {
                    open = Some(Open {
                        name,
                        line: line_no,
                        first: value,
                        rest: Vec::new(),
                    });
                }
                _ => meta.malformed.push(line_no),
            }
        }
        if let Some(o) = open.take() {
            meta.headers.push(o.close());
        }
        meta
    }

    /// Every header named `name` (case-insensitive), in file order.
    pub fn all<'a, 'n>(&'a self, name: &'n str) -> impl Iterator<Item = &'a Header> + use<'a, 'n> {
        self.headers
            .iter()
            .filter(move |h| h.name.eq_ignore_ascii_case(name))
    }

    /// The first header named `name` (case-insensitive) whose value is not empty.
    pub fn first(&self, name: &str) -> Option<&Header> {
        self.all(name).find(|h| !h.value.is_empty())
    }
}

/// RFC 5322 field name: printable ASCII except `:` and space.
fn is_field_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':')
}

/// Joins a folded header value: the text after the colon, then the continuation lines with their
/// common indentation removed, as `importlib.metadata` does (it dedents by 8 spaces). When every
/// non-blank continuation line then starts with `|` (the escape newer setuptools use for
/// `Description`), that `|` is removed too.
fn unfold(first: &str, rest: &[&str]) -> String {
    let first = first.trim();
    if rest.is_empty() {
        return first.to_string();
    }
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> = rest
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                l.get(indent..).unwrap_or("").trim_end()
            }
        })
        .collect();
    let piped = dedented
        .iter()
        .filter(|l| !l.is_empty())
        .all(|l| l.starts_with('|'));
    let mut out = String::from(first);
    for l in dedented {
        let l = if piped {
            l.strip_prefix('|').unwrap_or(l)
        } else {
            l
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(l);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_until_blank_line() {
        let m = Metadata::parse(
            "Metadata-Version: 2.1\r\nName: six\r\nversion:1.16.0\r\n\r\nName: body\n",
        );
        assert_eq!(m.headers.len(), 3);
        assert_eq!(m.first("name").map(|h| h.value.as_str()), Some("six"));
        assert_eq!(
            m.first("VERSION").map(|h| (h.value.as_str(), h.line)),
            Some(("1.16.0", 3))
        );
        assert!(m.malformed.is_empty());
    }

    #[test]
    fn folded_values_are_dedented() {
        let text = "Name: x\nLicense: MIT License\n        \n        Copyright (c) 2020\n          indented\nVersion: 1\n";
        let m = Metadata::parse(text);
        let lic = m.first("License").map(|h| (h.value.as_str(), h.line));
        assert_eq!(
            lic,
            Some(("MIT License\n\nCopyright (c) 2020\n  indented", 2))
        );
        assert_eq!(m.first("Version").map(|h| h.line), Some(6));
    }

    #[test]
    fn piped_description_is_unescaped() {
        let m = Metadata::parse("Description: Title\n       |\n       |Body text\nName: x\n");
        assert_eq!(
            m.first("Description").map(|h| h.value.as_str()),
            Some("Title\n\nBody text")
        );
    }

    #[test]
    fn value_may_start_on_the_next_line() {
        let m = Metadata::parse("License:\n    Apache 2.0\n");
        assert_eq!(
            m.first("License").map(|h| h.value.as_str()),
            Some("Apache 2.0")
        );
    }

    #[test]
    fn malformed_lines_are_collected() {
        let m = Metadata::parse(
            "  stray continuation\nName: x\nnot a header\nbad name: y\nVersion: 1\n",
        );
        assert_eq!(m.malformed, [1, 3, 4]);
        assert_eq!(m.headers.len(), 2);
    }

    #[test]
    fn empty_values_are_skipped_by_first() {
        let m = Metadata::parse("License:\nLicense: MIT\n");
        assert_eq!(m.all("license").count(), 2);
        assert_eq!(m.first("license").map(|h| h.line), Some(2));
    }

    #[test]
    fn bom_and_empty_input() {
        assert_eq!(Metadata::parse("\u{feff}Name: x\n").headers[0].name, "Name");
        assert!(Metadata::parse("").headers.is_empty());
        assert!(Metadata::parse("\nName: x\n").headers.is_empty());
    }
}
