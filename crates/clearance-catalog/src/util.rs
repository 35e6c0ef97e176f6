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

use clearance_model::{Checksum, DeclaredLicense, HashAlgorithm, LicenseExpr, Source, declared};

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

/// The file's text and its top-level JSON object, or the problem that stops reading it (not
/// UTF-8, a syntax error at its line, or another JSON value than an object).
pub fn json_object<'a>(
    file: &crate::ManifestFile<'a>,
) -> Result<(&'a str, serde_json::Map<String, serde_json::Value>), clearance_model::Problem> {
    let text = file.text()?;
    match serde_json::from_str(text) {
        Ok(serde_json::Value::Object(m)) => Ok((text, m)),
        Ok(_) => Err(clearance_model::Problem::new(
            clearance_model::ProblemCode::ManifestParse,
            file.path,
            "not a JSON object",
        )
        .at_line(1)),
        Err(e) => Err(json_problem(file.path, &e)),
    }
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

/// The checksums of a Subresource-Integrity string (npm and Yarn `integrity`, pnpm
/// `resolution.integrity`): space-separated `ALGORITHM-BASE64` entries, e.g.
/// `sha512-…== sha1-…`. Entries of an unknown algorithm, with bad base64 or with a digest of the
/// wrong length are left out; the result is sorted and de-duplicated.
pub fn sri_checksums(sri: &str) -> Vec<Checksum> {
    let mut out: Vec<Checksum> = sri
        .split_whitespace()
        .filter_map(|entry| {
            let (algorithm, rest) = entry.split_once('-')?;
            let algorithm = match algorithm.to_ascii_lowercase().as_str() {
                "sha1" => HashAlgorithm::Sha1,
                "sha256" => HashAlgorithm::Sha256,
                "sha384" => HashAlgorithm::Sha384,
                "sha512" => HashAlgorithm::Sha512,
                _ => return None,
            };
            // SRI allows options after a `?`; none of them changes the digest.
            let digest = rest.split('?').next().unwrap_or(rest);
            base64_checksum(algorithm, digest)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A checksum from a base64 digest (standard alphabet, padding optional); `None` when it is not
/// base64 or not a digest of that algorithm.
pub fn base64_checksum(algorithm: HashAlgorithm, digest: &str) -> Option<Checksum> {
    use base64::Engine;
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(digest.trim()).ok()?;
    Checksum::from_hex(algorithm, &clearance_model::hex(&bytes))
}

/// A checksum written `ALGORITHM:HEX` (`sha256:…` in `uv.lock`); `None` for another algorithm
/// or a malformed digest.
pub fn prefixed_hex_checksum(value: &str) -> Option<Checksum> {
    let (algorithm, hex) = value.trim().split_once(':')?;
    let algorithm = match algorithm.to_ascii_lowercase().as_str() {
        "md5" => HashAlgorithm::Md5,
        "sha1" => HashAlgorithm::Sha1,
        "sha256" => HashAlgorithm::Sha256,
        "sha384" => HashAlgorithm::Sha384,
        "sha512" => HashAlgorithm::Sha512,
        _ => return None,
    };
    Checksum::from_hex(algorithm, hex)
}

/// A person as `Name <mail>`, from a name and an e-mail address either of which may be missing
/// or blank (then only the other is kept, a lone address bare as in an `Author-email` field);
/// `None` when both are.
pub fn person(name: Option<&str>, email: Option<&str>) -> Option<String> {
    let name = name.map(str::trim).filter(|s| !s.is_empty());
    let email = email.map(str::trim).filter(|s| !s.is_empty());
    match (name, email) {
        (Some(n), Some(e)) => Some(format!("{n} <{e}>")),
        (Some(n), None) => Some(n.to_string()),
        (None, Some(e)) => Some(e.to_string()),
        (None, None) => None,
    }
}

/// Appends the non-blank `names` (trimmed) to `authors`, leaving out any already there.
pub fn push_authors<'a>(authors: &mut Vec<String>, names: impl IntoIterator<Item = &'a str>) {
    for n in names {
        let n = n.trim();
        if !n.is_empty() && !authors.iter().any(|a| a == n) {
            authors.push(n.to_string());
        }
    }
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

    #[test]
    fn sri_strings() {
        // sha1("abc") and sha512("abc").
        let got = sri_checksums(
            "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw== sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].algorithm, HashAlgorithm::Sha1);
        assert_eq!(got[0].value, "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(got[1].algorithm, HashAlgorithm::Sha512);
        assert_eq!(
            got[1].value,
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
        // Options after `?` are ignored; a missing padding is accepted.
        assert_eq!(
            sri_checksums("sha1-qZk+NkcGgWq6PiVxeFDCbJzQ2J0?foo"),
            vec![got[0].clone()]
        );
        // Bad base64, a digest of the wrong length, an unknown algorithm, no dash: nothing.
        assert!(sri_checksums("sha512-!!!notbase64").is_empty());
        assert!(sri_checksums("sha512-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=").is_empty());
        assert!(sri_checksums("md4-qZk+NkcGgWq6PiVxeFDCbJzQ2J0=").is_empty());
        assert!(sri_checksums("sha1").is_empty());
        assert!(sri_checksums("").is_empty());
        assert!(sri_checksums("sha1-").is_empty());
    }

    #[test]
    fn prefixed_and_base64_checksums() {
        let c = prefixed_hex_checksum(
            "sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        )
        .unwrap();
        assert_eq!(c.algorithm, HashAlgorithm::Sha256);
        assert_eq!(
            c.value,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(prefixed_hex_checksum("sha256:ba7816").is_none());
        assert!(prefixed_hex_checksum("blake2:ba7816").is_none());
        assert!(prefixed_hex_checksum("ba7816bf").is_none());
        assert!(base64_checksum(HashAlgorithm::Sha1, "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=").is_some());
        assert!(base64_checksum(HashAlgorithm::Sha256, "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=").is_none());
        assert!(base64_checksum(HashAlgorithm::Sha1, "qZk+Nkc%").is_none());
    }

    #[test]
    fn persons() {
        assert_eq!(
            person(Some(" Jane Doe "), Some("jane@x.org")).as_deref(),
            Some("Jane Doe <jane@x.org>")
        );
        assert_eq!(person(Some("Jane"), Some(" ")).as_deref(), Some("Jane"));
        assert_eq!(
            person(None, Some("jane@x.org")).as_deref(),
            Some("jane@x.org")
        );
        assert_eq!(person(Some(""), None), None);
        let mut authors = vec!["A".to_string()];
        push_authors(&mut authors, ["A", " B ", "", "B"]);
        assert_eq!(authors, ["A", "B"]);
    }
}
