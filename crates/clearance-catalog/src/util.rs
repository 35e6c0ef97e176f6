//! Path helpers shared by the catalogers. Paths are root-relative and `/`-separated.

/// The parent directory of a path (`""` for a file at the root).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Joins a directory and a relative path, resolving `.` and `..`. Returns `None` when the result
/// would leave the root.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        return None;
    } else {
        dir.split('/').filter(|c| !c.is_empty()).collect()
    };
    for c in rel.split(['/', '\\']) {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// `true` when one of the path's directories is named `name`.
pub fn has_dir(path: &str, name: &str) -> bool {
    let dir = parent(path);
    dir.split('/').any(|c| c == name)
}

use clearance_model::{DeclaredLicense, LicenseExpr, Source, declared};

/// A JSON syntax error of the file at `path` as a `manifest-parse` problem at its line, the
/// location left out of the message (the problem carries it).
pub fn json_problem(path: &str, e: &serde_json::Error) -> clearance_model::Problem {
    let full = e.to_string();
    let location = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&location).unwrap_or(&full);
    clearance_model::Problem::new(
        clearance_model::ProblemCode::ManifestParse,
        path,
        format!("invalid JSON: {message}"),
    )
    .at_line(u32::try_from(e.line()).unwrap_or(1).max(1))
}

/// A declared license read from `raw` as written in `source`.
pub fn declared_license(
    raw: &str,
    source: Source,
    license_file: Option<String>,
) -> DeclaredLicense {
    let n = declared::normalise(raw);
    DeclaredLicense {
        raw: raw.trim().to_string(),
        expression: n.expression,
        reading: n.reading,
        license_file,
        notes: n.notes,
        source,
    }
}

/// A declared license from a list of several (a Composer `license` array, a gemspec `licenses`
/// list) that the format reads as a choice: one entry is read as it is; several are joined with
/// `OR`, and `note(n)` says why. `None` for an empty list.
pub fn declared_license_choice(
    raws: &[&str],
    src: Source,
    note: impl FnOnce(usize) -> String,
) -> Option<DeclaredLicense> {
    match raws {
        [] => None,
        [one] => Some(declared_license(one, src, None)),
        many => {
            let parts: Vec<DeclaredLicense> = many
                .iter()
                .map(|r| declared_license(r, src.clone(), None))
                .collect();
            let expressions: Vec<LicenseExpr> =
                parts.iter().filter_map(|p| p.expression.clone()).collect();
            let reading = if parts
                .iter()
                .any(|p| p.reading == declared::Reading::Unrecognised)
            {
                declared::Reading::Unrecognised
            } else if expressions.is_empty() {
                declared::Reading::Absent
            } else if parts.iter().all(|p| p.reading == declared::Reading::Spdx) {
                declared::Reading::Spdx
            } else {
                declared::Reading::Mapped
            };
            let mut notes: Vec<String> =
                parts.iter().flat_map(|p| p.notes.iter().cloned()).collect();
            notes.push(note(many.len()));
            Some(DeclaredLicense {
                raw: many.join(" OR "),
                expression: (!expressions.is_empty()).then(|| LicenseExpr::or(expressions)),
                reading,
                license_file: None,
                notes,
                source: src,
            })
        }
    }
}

/// A declaration that consists only of a pointer to a license file (Cargo `license-file`, npm
/// `SEE LICENSE IN`): the expression is filled in later from the file's detected text.
pub fn declared_license_file(raw: &str, source: Source, file: String) -> DeclaredLicense {
    DeclaredLicense {
        raw: raw.trim().to_string(),
        expression: None,
        reading: declared::Reading::Absent,
        license_file: Some(file),
        notes: Vec::new(),
        source,
    }
}

/// The source record for a cataloger reading `path`.
pub fn source(cataloger: &str, path: &str, line: Option<u32>) -> Source {
    Source {
        cataloger: cataloger.to_string(),
        path: path.to_string(),
        line,
    }
}

/// 1-based line of the first occurrence of `needle` in `text` at or after byte `from`.
pub fn find_line(text: &str, needle: &str, from: usize) -> Option<(u32, usize)> {
    let at = text.get(from..)?.find(needle)? + from;
    Some((crate::line_of_offset(text.as_bytes(), at), at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(join("a/b", "c").as_deref(), Some("a/b/c"));
        assert_eq!(join("a/b", "../c").as_deref(), Some("a/c"));
        assert_eq!(join("", "./LICENSE").as_deref(), Some("LICENSE"));
        assert_eq!(join("a", "../../x"), None);
        assert_eq!(parent("a/b/c.toml"), "a/b");
        assert_eq!(parent("c.toml"), "");
        assert!(has_dir("x/node_modules/a/package.json", "node_modules"));
        assert!(!has_dir("node_modules.json", "node_modules"));
    }
}
