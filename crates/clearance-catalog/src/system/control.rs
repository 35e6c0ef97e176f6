//! Debian control-file syntax (RFC 822 style paragraphs), shared by `var/lib/dpkg/status` and
//! machine-readable `debian/copyright` files.
//!
//! A paragraph is a run of `Field: value` lines; a line that starts with a space or a tab
//! continues the field above it; blank (or whitespace-only) lines separate paragraphs.

/// One field of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    /// The field name as written (`Package`).
    pub name: String,
    /// The value on the field's first line, trimmed.
    pub value: String,
    /// Continuation lines, with their leading space removed (a lone `.` stands for an empty line).
    pub continuation: Vec<String>,
    /// 1-based line of the field name.
    pub line: u32,
}

/// A paragraph: fields in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Paragraph {
    /// The fields.
    pub fields: Vec<Field>,
    /// 1-based line of its first field.
    pub line: u32,
}

impl Paragraph {
    /// The first field named `name` (field names are case-insensitive).
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// The first-line value of the field named `name`, when present and not empty.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.field(name)
            .map(|f| f.value.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Paragraphs of a control file, and the lines that are neither a field nor a continuation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// Paragraphs in file order.
    pub paragraphs: Vec<Paragraph>,
    /// 1-based lines that could not be read (skipped).
    pub malformed: Vec<u32>,
}

/// Parses control-file text. Never fails: lines that do not fit are listed in `malformed`.
pub(crate) fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut current = Paragraph::default();
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !current.fields.is_empty() {
                out.paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') {
            match current.fields.last_mut() {
                Some(f) => {
                    let text = line.get(1..).unwrap_or_default().trim_end();
                    let text = if text.trim() == "." { "" } else { text };
                    f.continuation.push(text.to_string());
                }
                None => out.malformed.push(line_no),
            }
            continue;
        }
        if line.starts_with('#') {
            // Comment lines are allowed in control files outside fields.
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if is_field_name(name) => {
                if current.fields.is_empty() {
                    current.line = line_no;
                }
                current.fields.push(Field {
                    name: name.to_string(),
                    value: value.trim().to_string(),
                    continuation: Vec::new(),
                    line: line_no,
                });
            }
            _ => out.malformed.push(line_no),
        }
    }
    if !current.fields.is_empty() {
        out.paragraphs.push(current);
    }
    out
}

/// A field name: printable ASCII without spaces or `:`, not starting with `#` or `-`.
fn is_field_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['#', '-'])
        && name.bytes().all(|b| b.is_ascii_graphic() && b != b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_fields_and_continuations() {
        let text =
            "Package: a\nDescription: short\n long\n .\n more\n\n\nPackage: b\r\nVersion: 1\n";
        let p = parse(text);
        assert!(p.malformed.is_empty());
        assert_eq!(p.paragraphs.len(), 2);
        let a = &p.paragraphs[0];
        assert_eq!(a.line, 1);
        assert_eq!(a.value("package"), Some("a"));
        let d = a.field("Description").unwrap();
        assert_eq!(d.value, "short");
        assert_eq!(d.continuation, ["long", "", "more"]);
        assert_eq!(p.paragraphs[1].line, 8);
        assert_eq!(p.paragraphs[1].value("Version"), Some("1"));
    }

    #[test]
    fn malformed_lines_are_listed_and_skipped() {
        let p = parse(" orphan\nPackage: a\nno colon here\nVersion: 2\n");
        assert_eq!(p.malformed, [1, 3]);
        assert_eq!(p.paragraphs.len(), 1);
        assert_eq!(p.paragraphs[0].value("Version"), Some("2"));
        assert_eq!(p.paragraphs[0].value("Missing"), None);
    }

    #[test]
    fn empty_text_has_nothing() {
        assert_eq!(parse(""), Parsed::default());
        assert_eq!(parse("\n \n"), Parsed::default());
    }
}
