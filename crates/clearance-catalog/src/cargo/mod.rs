//! Rust: `Cargo.toml` (packages, workspaces, `cargo vendor` directories) and `Cargo.lock`.

use std::collections::BTreeMap;

use clearance_model::{
    Checksum, Component, Ecosystem, HashAlgorithm, Origin, Problem, ProblemCode, purl,
};
use toml::{Table, Value};

use crate::util::{self, declared_license, declared_license_file, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `Cargo.toml`: one package (a workspace member or a vendored crate), or a virtual workspace.
pub struct CargoToml;

/// `Cargo.lock`: every resolved package and the dependency graph.
pub struct CargoLock;

/// Markers that `cargo vendor` and `cargo package` leave in a crate directory: a published crate
/// always has the author's `Cargo.toml.orig` beside the normalised `Cargo.toml`.
const THIRD_PARTY_MARKERS: &[&str] = &[
    ".cargo-checksum.json",
    ".cargo_vcs_info.json",
    "Cargo.toml.orig",
];

/// Directory names under which a crate is somebody else's code.
const THIRD_PARTY_DIRS: &[&str] = &["vendor", "third_party", "third-party"];

pub(crate) fn toml_problem(file: &ManifestFile<'_>, e: &toml::de::Error) -> Problem {
    let line = e
        .span()
        .map(|s| crate::line_of_offset(file.contents, s.start));
    let msg = e.message().trim().to_string();
    let p = Problem::new(
        ProblemCode::ManifestParse,
        file.path,
        format!("invalid TOML: {msg}"),
    );
    match line {
        Some(l) => p.at_line(l),
        None => p,
    }
}

fn parse_table(file: &ManifestFile<'_>) -> Result<Table, Problem> {
    let text = file.text()?;
    text.parse::<Table>().map_err(|e| toml_problem(file, &e))
}

/// A `[package]` field that is either a value or `{ workspace = true }`.
enum Field<'a> {
    Missing,
    Value(&'a str),
    Inherited,
    Invalid,
}

fn field<'a>(package: &'a Table, key: &str) -> Field<'a> {
    match package.get(key) {
        None => Field::Missing,
        Some(Value::String(s)) => Field::Value(s),
        Some(Value::Table(t)) if t.get("workspace").and_then(Value::as_bool) == Some(true) => {
            Field::Inherited
        }
        Some(_) => Field::Invalid,
    }
}

/// The `[workspace.package]` table of the workspace that owns the manifest at `path`, with the
/// directory of the workspace root. Cargo looks upward from the member's directory for the first
/// `Cargo.toml` with a `[workspace]` table (or follows `package.workspace`).
fn workspace_root(
    file: &ManifestFile<'_>,
    package: &Table,
    own: &Table,
) -> Option<(String, Table)> {
    if own.contains_key("workspace") {
        return Some((file.dir().to_string(), own.clone()));
    }
    let mut candidates = Vec::new();
    if let Some(Value::String(ws)) = package.get("workspace") {
        candidates.push(util::join(file.dir(), ws)?);
    } else {
        let mut dir = file.dir();
        while !dir.is_empty() {
            dir = util::parent(dir);
            candidates.push(dir.to_string());
        }
    }
    for dir in candidates {
        let path = if dir.is_empty() {
            "Cargo.toml".to_string()
        } else {
            format!("{dir}/Cargo.toml")
        };
        let Ok(bytes) = file.tree.read(&path) else {
            continue;
        };
        let Ok(table) = String::from_utf8_lossy(&bytes).parse::<Table>() else {
            continue;
        };
        if table.contains_key("workspace") {
            return Some((dir, table));
        }
    }
    None
}

/// The SHA-256 of the `.crate` archive that `cargo vendor` records as `package` in the
/// `.cargo-checksum.json` beside the manifest (absent for a crate vendored from Git).
fn vendored_checksum(file: &ManifestFile<'_>) -> Option<Checksum> {
    let path = util::join(file.dir(), ".cargo-checksum.json")?;
    let bytes = file.tree.read(&path).ok()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    Checksum::from_hex(HashAlgorithm::Sha256, json.get("package")?.as_str()?)
}

fn is_third_party(file: &ManifestFile<'_>) -> bool {
    let dir = file.dir();
    THIRD_PARTY_MARKERS.iter().any(|m| {
        let p = if dir.is_empty() {
            m.to_string()
        } else {
            format!("{dir}/{m}")
        };
        file.tree.is_file(&p)
    }) || THIRD_PARTY_DIRS.iter().any(|d| util::has_dir(file.path, d))
}

impl Cataloger for CargoToml {
    fn name(&self) -> &'static str {
        "cargo-toml"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Cargo
    }

    fn globs(&self) -> &'static [&'static str] {
        &["Cargo.toml", "**/Cargo.toml"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let table = match parse_table(file) {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let Some(package) = table.get("package").and_then(Value::as_table) else {
            // A virtual workspace manifest (or a malformed one) describes no package itself.
            if !table.contains_key("workspace") {
                return Catalog::problem(Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "no [package] or [workspace] table",
                ));
            }
            return Catalog::default();
        };
        let mut problems = Vec::new();
        let line = util::find_line(file.text().unwrap_or_default(), "[package]", 0).map(|(l, _)| l);
        let Some(name) = package.get("name").and_then(Value::as_str) else {
            return Catalog::problem(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "[package] has no `name`",
                )
                .at_line(line.unwrap_or(1)),
            );
        };
        let ws = workspace_root(file, package, &table);
        let ws_package = ws
            .as_ref()
            .and_then(|(_, t)| t.get("workspace")?.get("package")?.as_table().cloned());
        let inherited = |key: &str| {
            ws_package
                .as_ref()
                .and_then(|p| p.get(key))
                .and_then(Value::as_str)
        };
        let mut missing_inherit: Vec<&str> = Vec::new();
        let version = match field(package, "version") {
            Field::Value(v) => Some(v.to_string()),
            Field::Inherited => {
                let v = inherited("version").map(str::to_string);
                if v.is_none() {
                    missing_inherit.push("version");
                }
                v
            }
            _ => None,
        };
        let src = source(self.name(), file.path, line);
        let mut declared = Vec::new();
        match field(package, "license") {
            Field::Value(l) => declared.push(declared_license(l, src.clone(), None)),
            Field::Inherited => match inherited("license") {
                Some(l) => declared.push(declared_license(l, src.clone(), None)),
                None => missing_inherit.push("license"),
            },
            Field::Invalid => problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "`license` is not a string",
                )
                .at_line(line.unwrap_or(1)),
            ),
            Field::Missing => {}
        }
        let license_file = match field(package, "license-file") {
            Field::Value(f) => util::join(file.dir(), f).map(|p| (f.to_string(), p)),
            // An inherited license-file is relative to the workspace root.
            Field::Inherited => match (inherited("license-file"), &ws) {
                (Some(f), Some((root, _))) => util::join(root, f).map(|p| (f.to_string(), p)),
                _ => {
                    missing_inherit.push("license-file");
                    None
                }
            },
            _ => None,
        };
        if let Some((raw, path)) = license_file {
            if !file.tree.is_file(&path) {
                problems.push(
                    Problem::new(
                        ProblemCode::MissingLicenseFile,
                        file.path,
                        format!(
                            "`license-file = \"{raw}\"` names `{path}`, which is not in the tree"
                        ),
                    )
                    .at_line(line.unwrap_or(1)),
                );
            }
            declared.push(declared_license_file(
                &format!("license-file: {raw}"),
                src.clone(),
                path,
            ));
        }

        for key in missing_inherit {
            problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("`{key}.workspace = true` but no workspace root with [workspace.package] {key} was found"),
                )
                .at_line(line.unwrap_or(1)),
            );
        }
        let mut c = Component::new(
            Ecosystem::Cargo,
            name,
            version.clone(),
            purl(Ecosystem::Cargo, None, name, version.as_deref()),
        );
        c.origin = if is_third_party(file) {
            Origin::ThirdParty
        } else {
            Origin::FirstParty
        };
        c.roots.push(file.dir().to_string());
        c.declared = declared;
        c.sources.push(src);
        // `authors = [...]`, or `authors.workspace = true` for the workspace's list.
        let authors = match package.get("authors") {
            Some(Value::Table(t)) if t.get("workspace").and_then(Value::as_bool) == Some(true) => {
                ws_package.as_ref().and_then(|p| p.get("authors"))
            }
            other => other,
        };
        if let Some(list) = authors.and_then(Value::as_array) {
            util::push_authors(&mut c.authors, list.iter().filter_map(Value::as_str));
        }
        c.hashes.extend(vendored_checksum(file));
        Catalog {
            components: vec![c],
            problems,
        }
    }
}

/// One `[[package]]` of a lockfile.
struct LockPackage {
    name: String,
    version: String,
    source: Option<String>,
    deps: Vec<String>,
    checksum: Option<String>,
    line: Option<u32>,
}

impl Cataloger for CargoLock {
    fn name(&self) -> &'static str {
        "cargo-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Cargo
    }

    fn globs(&self) -> &'static [&'static str] {
        &["Cargo.lock", "**/Cargo.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // A lockfile shipped inside a published or vendored crate records how that crate was
        // developed, not what this product builds with.
        if is_third_party(file) {
            return Catalog::default();
        }
        let table = match parse_table(file) {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let text = file.text().unwrap_or_default();
        let mut problems = Vec::new();
        match table.get("version").and_then(Value::as_integer) {
            // v1 and v2 lockfiles carry no `version` key; 3 and 4 are current.
            None | Some(3) | Some(4) => {}
            Some(v) => problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("unknown Cargo.lock version {v}; read as version 4"),
                )
                .at_line(util::find_line(text, "version", 0).map_or(1, |(l, _)| l)),
            ),
        }
        let Some(entries) = table.get("package").and_then(Value::as_array) else {
            problems.push(Problem::new(
                ProblemCode::ManifestValue,
                file.path,
                "no [[package]] entries",
            ));
            return Catalog {
                components: Vec::new(),
                problems,
            };
        };
        // Line of each `[[package]]` header, in order.
        let mut header_lines = Vec::new();
        let mut from = 0;
        while let Some((l, at)) = util::find_line(text, "[[package]]", from) {
            header_lines.push(l);
            from = at + 1;
        }
        let mut packages = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let line = header_lines.get(i).copied();
            let (Some(name), Some(version)) = (
                entry.get("name").and_then(Value::as_str),
                entry.get("version").and_then(Value::as_str),
            ) else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        match entry.get("name").and_then(Value::as_str) {
                            Some(name) => format!("[[package]] `{name}` has no `version`; skipped"),
                            None => "[[package]] without a `name`; skipped".to_string(),
                        },
                    )
                    .at_line(line.unwrap_or(1)),
                );
                continue;
            };
            packages.push(LockPackage {
                name: name.to_string(),
                version: version.to_string(),
                source: entry
                    .get("source")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                deps: entry
                    .get("dependencies")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                checksum: entry
                    .get("checksum")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                line,
            });
        }
        // name → versions, to resolve the short `dependencies` spellings.
        let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for p in &packages {
            by_name.entry(&p.name).or_default().push(&p.version);
        }
        // Version 1 lockfiles keep the checksums apart, in `[metadata]`:
        // `"checksum NAME VERSION (SOURCE)" = "HEX"`.
        let mut v1_checksums: BTreeMap<(&str, &str), &str> = BTreeMap::new();
        if let Some(metadata) = table.get("metadata").and_then(Value::as_table) {
            for (key, value) in metadata {
                let mut parts = key.split_whitespace();
                if let (Some("checksum"), Some(name), Some(version), Some(hex)) =
                    (parts.next(), parts.next(), parts.next(), value.as_str())
                {
                    v1_checksums.insert((name, version), hex);
                }
            }
        }
        let mut components = Vec::new();
        for p in &packages {
            let mut c = Component::new(
                Ecosystem::Cargo,
                &p.name,
                Some(p.version.clone()),
                purl(Ecosystem::Cargo, None, &p.name, Some(&p.version)),
            );
            // Packages without a source are workspace members or path dependencies.
            c.origin = if p.source.is_some() {
                Origin::ThirdParty
            } else {
                Origin::FirstParty
            };
            c.sources.push(source(self.name(), file.path, p.line));
            // The SHA-256 of the `.crate` archive.
            let checksum = p.checksum.as_deref().or_else(|| {
                v1_checksums
                    .get(&(p.name.as_str(), p.version.as_str()))
                    .copied()
            });
            c.hashes
                .extend(checksum.and_then(|h| Checksum::from_hex(HashAlgorithm::Sha256, h)));
            for dep in &p.deps {
                // "name", "name version" or "name version (source)".
                let mut parts = dep.split_whitespace();
                let Some(dname) = parts.next() else { continue };
                let dversion = match parts.next() {
                    Some(v) => Some(v),
                    None => match by_name.get(dname).map(Vec::as_slice) {
                        Some([only]) => Some(*only),
                        _ => None,
                    },
                };
                match dversion {
                    Some(v) => c
                        .dependencies
                        .push(purl(Ecosystem::Cargo, None, dname, Some(v))),
                    None => problems.push(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!(
                                "dependency `{dep}` of {} {} does not resolve to one package",
                                p.name, p.version
                            ),
                        )
                        .at_line(p.line.unwrap_or(1)),
                    ),
                }
            }
            components.push(c);
        }
        Catalog {
            components,
            problems,
        }
    }
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(c: &dyn Cataloger, path: &str, text: &str, tree: &MemoryTree) -> Catalog {
        c.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    #[test]
    fn vendored_crate_with_legacy_slash() {
        let tree = MemoryTree::default().with("vendor/foo/.cargo-checksum.json", "{}");
        let cat = parse(
            &CargoToml,
            "vendor/foo/Cargo.toml",
            "[package]\nname = \"foo\"\nversion = \"0.1.0\"\nlicense = \"MIT/Apache-2.0\"\n",
            &tree,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:cargo/foo@0.1.0");
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.roots, ["vendor/foo"]);
        assert_eq!(
            c.declared[0].expression.as_ref().unwrap().to_string(),
            "MIT OR Apache-2.0"
        );
        assert_eq!(c.sources[0].line, Some(1));
    }

    #[test]
    fn workspace_inheritance() {
        let root = "[workspace]\nmembers = [\"crates/*\"]\n[workspace.package]\nversion = \"2.1.0\"\nlicense = \"Apache-2.0\"\nlicense-file = \"LICENSE\"\n";
        let tree = MemoryTree::default()
            .with("Cargo.toml", root)
            .with("LICENSE", "text");
        let member = "[package]\nname = \"core\"\nversion.workspace = true\nlicense.workspace = true\nlicense-file.workspace = true\n";
        let cat = parse(&CargoToml, "crates/core/Cargo.toml", member, &tree);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:cargo/core@2.1.0");
        assert_eq!(c.origin, Origin::FirstParty);
        assert_eq!(
            c.declared[0].expression.as_ref().unwrap().to_string(),
            "Apache-2.0"
        );
        assert_eq!(c.declared[1].license_file.as_deref(), Some("LICENSE"));
    }

    #[test]
    fn missing_workspace_root_is_reported() {
        let tree = MemoryTree::default();
        let member =
            "[package]\nname = \"core\"\nversion.workspace = true\nlicense.workspace = true\n";
        let cat = parse(&CargoToml, "crates/core/Cargo.toml", member, &tree);
        assert_eq!(cat.problems.len(), 2);
        assert_eq!(cat.components[0].purl, "pkg:cargo/core");
    }

    #[test]
    fn virtual_workspace_has_no_component() {
        let cat = parse(
            &CargoToml,
            "Cargo.toml",
            "[workspace]\nmembers = []\n",
            &MemoryTree::default(),
        );
        assert!(cat.components.is_empty() && cat.problems.is_empty());
    }

    #[test]
    fn corrupt_manifest_names_line() {
        let cat = parse(
            &CargoToml,
            "a/Cargo.toml",
            "[package]\nname = \"x\"\nversion = \n",
            &MemoryTree::default(),
        );
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(3));
        assert_eq!(cat.problems[0].path, "a/Cargo.toml");
    }

    #[test]
    fn missing_license_file_is_reported() {
        let cat = parse(
            &CargoToml,
            "a/Cargo.toml",
            "[package]\nname = \"x\"\nversion = \"1.0.0\"\nlicense-file = \"LICENSE.txt\"\n",
            &MemoryTree::default(),
        );
        assert_eq!(cat.problems[0].code, ProblemCode::MissingLicenseFile);
        assert_eq!(
            cat.components[0].declared[0].license_file.as_deref(),
            Some("a/LICENSE.txt")
        );
    }

    #[test]
    fn lockfile_graph() {
        let lock = r#"# This file is automatically @generated by Cargo.
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "serde",
 "syn 2.0.87",
]

[[package]]
name = "serde"
version = "1.0.210"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "1.0.109"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "syn"
version = "2.0.87"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;
        let cat = parse(&CargoLock, "Cargo.lock", lock, &MemoryTree::default());
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(cat.components.len(), 4);
        let app = &cat.components[0];
        assert_eq!(app.origin, Origin::FirstParty);
        assert_eq!(app.sources[0].line, Some(4));
        assert_eq!(
            app.dependencies,
            ["pkg:cargo/serde@1.0.210", "pkg:cargo/syn@2.0.87"]
        );
        assert_eq!(cat.components[3].sources[0].line, Some(22));
    }

    #[test]
    fn lockfile_inside_a_published_crate_is_ignored() {
        let tree = MemoryTree::default().with("vendor/foo/Cargo.toml.orig", "");
        let lock = "version = 4\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n";
        assert_eq!(
            parse(&CargoLock, "vendor/foo/Cargo.lock", lock, &tree),
            Catalog::default()
        );
        assert_eq!(
            parse(&CargoLock, "vendor/bar/Cargo.lock", lock, &tree),
            Catalog::default()
        );
        assert_eq!(
            parse(&CargoLock, "Cargo.lock", lock, &tree)
                .components
                .len(),
            1
        );
    }

    #[test]
    fn lockfile_unknown_version_and_bad_entry() {
        let lock = "version = 9\n[[package]]\nname = \"a\"\n[[package]]\nname = \"b\"\nversion = \"1.0.0\"\n";
        let cat = parse(&CargoLock, "Cargo.lock", lock, &MemoryTree::default());
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.problems.len(), 2);
        assert_eq!(cat.problems[1].line, Some(2));
    }

    #[test]
    fn authors_own_and_inherited() {
        let root = "[workspace]\nmembers = [\"a\"]\n[workspace.package]\nauthors = [\"Acme <oss@acme.example>\"]\n";
        let tree = MemoryTree::default().with("Cargo.toml", root);
        let member = "[package]\nname = \"a\"\nversion = \"1.0.0\"\nauthors.workspace = true\n";
        let cat = parse(&CargoToml, "a/Cargo.toml", member, &tree);
        assert_eq!(cat.components[0].authors, ["Acme <oss@acme.example>"]);
        let own = "[package]\nname = \"b\"\nversion = \"1.0.0\"\nauthors = [\"X <x@y.z>\", \"Y\", \"X <x@y.z>\", 3]\n";
        let cat = parse(&CargoToml, "b/Cargo.toml", own, &MemoryTree::default());
        assert_eq!(cat.components[0].authors, ["X <x@y.z>", "Y"]);
        // Not a list: nothing, and no panic.
        let bad = "[package]\nname = \"c\"\nversion = \"1.0.0\"\nauthors = \"X\"\n";
        let cat = parse(&CargoToml, "c/Cargo.toml", bad, &MemoryTree::default());
        assert!(cat.components[0].authors.is_empty());
    }

    #[test]
    fn lockfile_checksums() {
        let lock = r#"version = 4
[[package]]
name = "a"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"

[[package]]
name = "b"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "ba7816bf"
"#;
        let cat = parse(&CargoLock, "Cargo.lock", lock, &MemoryTree::default());
        assert_eq!(
            cat.components[0].hashes,
            [Checksum::from_hex(
                HashAlgorithm::Sha256,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            )
            .unwrap()]
        );
        // A checksum of the wrong length is left out.
        assert!(cat.components[1].hashes.is_empty());

        let v1 = r#"[[package]]
name = "a"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[metadata]
"checksum a 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)" = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
"checksum" = "x"
"#;
        let cat = parse(&CargoLock, "Cargo.lock", v1, &MemoryTree::default());
        assert_eq!(cat.components[0].hashes.len(), 1);
    }

    #[test]
    fn vendored_crate_checksum() {
        let manifest = "[package]\nname = \"foo\"\nversion = \"0.1.0\"\n";
        let tree = MemoryTree::default()
            .with(
                "vendor/foo/.cargo-checksum.json",
                r#"{"files": {"src/lib.rs": "00"}, "package": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}"#,
            )
            .with("vendor/git/.cargo-checksum.json", r#"{"files": {}, "package": null}"#)
            .with("vendor/bad/.cargo-checksum.json", "{ not json");
        let cat = parse(&CargoToml, "vendor/foo/Cargo.toml", manifest, &tree);
        assert_eq!(cat.components[0].hashes.len(), 1);
        assert_eq!(
            cat.components[0].hashes[0].value,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        for dir in ["git", "bad", "none"] {
            let cat = parse(
                &CargoToml,
                &format!("vendor/{dir}/Cargo.toml"),
                manifest,
                &tree,
            );
            assert!(cat.components[0].hashes.is_empty(), "{dir}");
        }
    }
}
