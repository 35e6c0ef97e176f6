//! Install records: the `RECORD` of a `*.dist-info` directory (CSV rows `path,hash,size`, see
//! <https://packaging.python.org/en/latest/specifications/recording-installed-packages/#the-record-file>)
//! and the `installed-files.txt` that pip writes into an `*.egg-info` directory (one path a line).

/// One path listed by an install record, as written, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The path as written (relative to the record's base directory, may hold `..`).
    pub path: String,
    /// Line of the record (1-based).
    pub line: u32,
}

/// A line of a record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadLine {
    /// Line (1-based).
    pub line: u32,
    /// What is wrong with it.
    pub message: String,
}

/// Splits one CSV line into fields (`,` separated; a field that starts with `"` is quoted, `""`
/// inside it stands for one `"`). A `"` inside an unquoted field is kept as written, as Python's
/// `csv` module does.
fn split_csv(line: &str) -> Result<Vec<String>, &'static str> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err("unterminated quoted field"),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                }
            }
            match chars.next() {
                None => {
                    fields.push(field);
                    return Ok(fields);
                }
                Some(',') => fields.push(field),
                Some(_) => return Err("text after the closing quote of a quoted field"),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field);
                        return Ok(fields);
                    }
                    Some(',') => break,
                    Some(c) => field.push(c),
                }
            }
            fields.push(field);
        }
    }
}

/// `true` for a `RECORD` hash field: empty, or `<algorithm>=<urlsafe base64 digest>`.
fn is_hash(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    match s.split_once('=') {
        Some((algo, digest)) => {
            !algo.is_empty()
                && algo.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !digest.is_empty()
                && digest.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=' | b'+' | b'/')
                })
        }
        None => false,
    }
}

/// Reads a `RECORD` file. Rows have one to three fields (path, hash, size; the hash and size of
/// `RECORD` itself and of `.pyc` files are empty); blank lines are skipped.
pub(crate) fn parse_record(text: &str) -> (Vec<Entry>, Vec<BadLine>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let row = raw.strip_suffix('\r').unwrap_or(raw);
        if row.trim().is_empty() {
            continue;
        }
        let mut err = |message: String| bad.push(BadLine { line, message });
        let fields = match split_csv(row) {
            Ok(f) => f,
            Err(e) => {
                err(format!("garbled RECORD row ({e})"));
                continue;
            }
        };
        if fields.len() > 3 {
            err(format!(
                "garbled RECORD row: {} fields where `path,hash,size` are expected (an unquoted `,` in a path?)",
                fields.len()
            ));
            continue;
        }
        let path = fields.first().map_or("", String::as_str);
        let hash = fields.get(1).map_or("", String::as_str);
        let size = fields.get(2).map_or("", String::as_str);
        if fields.iter().any(|f| is_garbled(f)) {
            err("garbled RECORD row: it holds control characters or invalid UTF-8".to_string());
        } else if path.trim().is_empty() {
            err("garbled RECORD row: the path is empty".to_string());
        } else if !is_hash(hash) {
            err(format!(
                "garbled RECORD row: `{}` is not a `algorithm=digest` hash",
                shorten(hash)
            ));
        } else if !size.bytes().all(|b| b.is_ascii_digit()) {
            err(format!(
                "garbled RECORD row: size `{}` is not a number",
                shorten(size)
            ));
        } else {
            entries.push(Entry {
                path: path.to_string(),
                line,
            });
        }
    }
    (entries, bad)
}

/// Reads an `installed-files.txt`: one path a line, relative to the `*.egg-info` directory.
pub(crate) fn parse_installed_files(text: &str) -> (Vec<Entry>, Vec<BadLine>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let path = raw.strip_suffix('\r').unwrap_or(raw).trim();
        if path.is_empty() {
            continue;
        }
        if is_garbled(path) {
            bad.push(BadLine {
                line,
                message: "garbled line: it holds control characters or invalid UTF-8".to_string(),
            });
            continue;
        }
        entries.push(Entry {
            path: path.to_string(),
            line,
        });
    }
    (entries, bad)
}

/// `true` when a field holds control characters or U+FFFD (invalid UTF-8 read lossily).
fn is_garbled(s: &str) -> bool {
    s.chars().any(|c| c.is_control() || c == '\u{fffd}')
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields() {
        assert_eq!(
            split_csv("a,b,c"),
            Ok(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(
            split_csv("\"a,b\",,"),
            Ok(vec!["a,b".into(), "".into(), "".into()])
        );
        assert_eq!(
            split_csv("\"say \"\"hi\"\".txt\",x"),
            Ok(vec!["say \"hi\".txt".into(), "x".into()])
        );
        assert_eq!(split_csv("a\"b,c"), Ok(vec!["a\"b".into(), "c".into()]));
        assert_eq!(split_csv(""), Ok(vec!["".into()]));
        assert!(split_csv("\"open,").is_err());
        assert!(split_csv("\"a\"b,c").is_err());
    }

    #[test]
    fn record_rows() {
        let text = "six.py,sha256=TOOfQwrzj9eDAQJp3mr2aWRmFhL7R_yb2FQ5Hm7JBxI,34549\n\
                    six-1.16.0.dist-info/RECORD,,\n\
                    \n\
                    \"data/a,b.txt\",sha256=abc,3\r\n\
                    ../../../bin/tool,sha256=abc_-=,12\n";
        let (entries, bad) = parse_record(text);
        assert!(bad.is_empty(), "{bad:?}");
        let paths: Vec<(&str, u32)> = entries.iter().map(|e| (e.path.as_str(), e.line)).collect();
        assert_eq!(
            paths,
            [
                ("six.py", 1),
                ("six-1.16.0.dist-info/RECORD", 2),
                ("data/a,b.txt", 4),
                ("../../../bin/tool", 5)
            ]
        );
    }

    #[test]
    fn garbled_record_rows() {
        let text = "ok.py,,\n\"unterminated,sha256=x,1\na,b,c,d\n,sha256=x,1\nx.py,md5 nope,1\ny.py,sha256=x,12k\n\
                    z.py,sha2\0\0\0,1\n\u{fffd}.py,,\n";
        let (entries, bad) = parse_record(text);
        assert_eq!(entries.len(), 1);
        let lines: Vec<u32> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8]);
        assert!(
            bad[0].message.contains("unterminated"),
            "{}",
            bad[0].message
        );
        assert!(
            bad[5].message.contains("control characters"),
            "{}",
            bad[5].message
        );
        assert!(bad.iter().all(|b| !b.message.contains('\0')));
    }

    #[test]
    fn installed_files() {
        let (entries, bad) = parse_installed_files("../docopt.py\r\n\nPKG-INFO\n../bad\u{1}\n");
        assert_eq!(entries.len(), 2);
        assert_eq!(bad[0].line, 4);
    }
}
