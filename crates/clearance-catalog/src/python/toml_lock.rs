//! Reading a TOML lockfile made of `[[package]]` blocks (`poetry.lock`, `uv.lock`; `[[packages]]`
//! in `pylock.toml`) so that a
//! syntax error costs only the block that holds it: when the whole file does not parse, each
//! block is parsed on its own and the others still count.

use std::borrow::Cow;

use clearance_model::{Checksum, Problem, ProblemCode};
use toml::{Table, Value};

use crate::ManifestFile;

/// The blocks of a lockfile.
#[derive(Debug, Default)]
pub(crate) struct LockDoc {
    /// Everything but the array of packages (`version`, `[metadata]`, `[manifest]`, …).
    pub top: Table,
    /// Each package table with the line of its header.
    pub packages: Vec<(Table, u32)>,
}

/// Lines (1-based) of the `[[<key>]]` headers and their byte offsets.
fn package_headers(text: &str, key: &str) -> Vec<(u32, usize)> {
    let header = format!("[[{key}]]");
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split('\n').enumerate() {
        if line.trim() == header {
            out.push((u32::try_from(i + 1).unwrap_or(u32::MAX), offset));
        }
        offset += line.len() + 1;
    }
    out
}

/// A TOML syntax problem in `chunk`, which starts at line `first_line` of the file.
fn syntax_problem(path: &str, chunk: &str, first_line: u32, e: &toml::de::Error) -> Problem {
    let p = Problem::new(
        ProblemCode::ManifestParse,
        path,
        format!("invalid TOML: {}", e.message().trim()),
    );
    match e.span() {
        Some(s) => p.at_line(crate::line_of_offset(chunk.as_bytes(), s.start) + first_line - 1),
        None => p.at_line(first_line),
    }
}

/// Reads the lockfile whose packages are the array `[[package]]`, adding problems for invalid
/// UTF-8 (read with replacement characters) and for each block that does not parse.
pub(crate) fn read(file: &ManifestFile<'_>, problems: &mut Vec<Problem>) -> LockDoc {
    read_keyed(file, "package", problems)
}

/// [`read`] for packages in the array `key`.
pub(crate) fn read_keyed(
    file: &ManifestFile<'_>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> LockDoc {
    let text = match file.text() {
        Ok(t) => Cow::Borrowed(t),
        Err(p) => {
            problems.push(Problem {
                message: format!("{}; read with replacement characters", p.message),
                ..p
            });
            String::from_utf8_lossy(file.contents)
        }
    };
    let headers = package_headers(&text, key);
    let mut doc = LockDoc::default();
    match text.parse::<Table>() {
        Ok(mut table) => {
            if let Some(Value::Array(entries)) = table.remove(key) {
                for (i, entry) in entries.into_iter().enumerate() {
                    let line = headers.get(i).map_or(1, |(l, _)| *l);
                    match entry {
                        Value::Table(t) => doc.packages.push((t, line)),
                        _ => problems.push(
                            Problem::new(
                                ProblemCode::ManifestValue,
                                file.path,
                                format!("a `{key}` entry is not a table; skipped"),
                            )
                            .at_line(line),
                        ),
                    }
                }
            }
            doc.top = table;
        }
        Err(_) => {
            // Block by block: the text before the first header, then each `[[package]]` with the
            // sub-tables that follow it (`[package.dependencies]`, a trailing `[metadata]`).
            let mut starts: Vec<(u32, usize)> = vec![(1, 0)];
            starts.extend(headers.iter().copied());
            for (k, &(line, at)) in starts.iter().enumerate() {
                let end = starts.get(k + 1).map_or(text.len(), |(_, e)| *e);
                let Some(chunk) = text.get(at..end) else {
                    continue;
                };
                match chunk.parse::<Table>() {
                    Ok(mut t) => {
                        if let Some(Value::Array(entries)) = t.remove(key) {
                            for entry in entries {
                                if let Value::Table(p) = entry {
                                    doc.packages.push((p, line));
                                }
                            }
                        }
                        doc.top.extend(t);
                    }
                    Err(e) => problems.push(syntax_problem(file.path, chunk, line, &e)),
                }
            }
        }
    }
    doc
}

/// File name endings of a source distribution (an sdist); wheels end in `.whl`, eggs in `.egg`.
const SDIST_SUFFIXES: &[&str] = &[".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"];

/// The checksum of a package's source archive among the files a Poetry or PDM lockfile lists
/// for it (`files = [{file = "six-1.16.0.tar.gz", hash = "sha256:…"}, …]`). Wheels are many (one
/// per platform), so only the sdist is *the* package's archive: its hash is taken when exactly
/// one sdist is listed, and nothing otherwise.
pub(crate) fn sdist_checksum(files: Option<&Value>) -> Option<Checksum> {
    let sdists: Vec<&Table> = files?
        .as_array()?
        .iter()
        .filter_map(Value::as_table)
        .filter(|f| {
            str_field(f, "file")
                .or_else(|| str_field(f, "url"))
                .is_some_and(|n| {
                    let n = n.to_ascii_lowercase();
                    SDIST_SUFFIXES.iter().any(|s| n.ends_with(s))
                })
        })
        .collect();
    match sdists.as_slice() {
        [one] => str_field(one, "hash").and_then(crate::util::prefixed_hex_checksum),
        _ => None,
    }
}

/// A string field of a table.
pub(crate) fn str_field<'t>(t: &'t Table, key: &str) -> Option<&'t str> {
    t.get(key).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    #[test]
    fn whole_file() {
        let text = "version = 1\n\n[[package]]\nname = \"a\"\n\n[package.dependencies]\nb = \"*\"\n\n[[package]]\nname = \"b\"\n";
        let tree = MemoryTree::default();
        let mut problems = Vec::new();
        let doc = read(
            &ManifestFile::new("x.lock", text.as_bytes(), &tree),
            &mut problems,
        );
        assert!(problems.is_empty());
        assert_eq!(doc.top.get("version").and_then(Value::as_integer), Some(1));
        let lines: Vec<u32> = doc.packages.iter().map(|(_, l)| *l).collect();
        assert_eq!(lines, [3, 9]);
    }

    #[test]
    fn broken_block_costs_only_itself() {
        let text = "version = 1\n\n[[package]]\nname = \"a\"\nversion = \n\n[[package]]\nname = \"b\"\n\n[metadata]\nlock-version = \"2.1\"\n";
        let tree = MemoryTree::default();
        let mut problems = Vec::new();
        let doc = read(
            &ManifestFile::new("x.lock", text.as_bytes(), &tree),
            &mut problems,
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].code, problems[0].line),
            (ProblemCode::ManifestParse, Some(5))
        );
        let names: Vec<(&str, u32)> = doc
            .packages
            .iter()
            .map(|(t, l)| (str_field(t, "name").unwrap_or("?"), *l))
            .collect();
        assert_eq!(names, [("b", 7)]);
        assert!(doc.top.contains_key("metadata") && doc.top.contains_key("version"));
    }
}
