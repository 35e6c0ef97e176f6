//! Java archives: `*.jar`, and the `*.war`, `*.ear` and Android `*.aar` archives built the same
//! way (zip files with a `META-INF/` directory).
//!
//! What is read inside:
//!
//! - `META-INF/maven/<group>/<artifact>/pom.properties` (`groupId`, `artifactId`, `version`) and
//!   `pom.xml` beside it (coordinates when the properties are missing, and `<licenses>`), as the
//!   Maven archiver writes them. A shaded ("fat") jar holds several: the one whose artifact (and
//!   version) the jar's file name starts with, or the only one, is the jar itself; the others are
//!   components nested in it, with no direct/transitive status, recorded as its dependencies.
//! - `META-INF/MANIFEST.MF` when there is no `pom.properties` for the jar itself:
//!   `Bundle-SymbolicName` / `Implementation-Title` and `Bundle-Version` /
//!   `Implementation-Version` name it, `Implementation-Vendor-Id` (the group Maven's archiver
//!   used to write there) gives its group, and `Bundle-License` declares a license (also read
//!   when a POM is there).
//! - `LICENSE*`, `LICENCE*`, `NOTICE*` and `COPYING*` in `META-INF/` or at the archive's root:
//!   license detection cannot read inside archives,
//!   so their paths (`app.jar!/META-INF/LICENSE`) are recorded in the jar's declared license as
//!   its `license_file` (with a note naming all of them). A jar that declares nothing else gets a
//!   declaration that only points at the file: its license is then reported as "see file" for a
//!   person to read, rather than left unknown.
//! - Jars nested one level deep (`BOOT-INF/lib/*.jar` of a Spring Boot jar, `WEB-INF/lib/*.jar`
//!   of a war, `lib/*.jar` of an ear, `libs/*.jar` of an aar): each read the same way, each
//!   a dependency of the outer jar.
//!
//! The jar is a file, not a directory: the jar component owns it (`owned_files`) and has no
//! roots. Entries are read with bounded memory: text entries over [`MAX_TEXT_ENTRY`] (or past
//! [`MAX_TEXT_TOTAL`] for the archive) and nested jars over [`MAX_NESTED_JAR`] are refused with a
//! problem; nested jars are read one at a time.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use clearance_model::{
    Component, DeclaredLicense, Ecosystem, LicenseExpr, Problem, ProblemCode, declared::Reading,
};

use super::pom::{license_of_url, read_embedded_pom};
use super::{maven_name, maven_purl};
use crate::util::{self, declared_license, declared_license_file, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `*.jar`, `*.war`, `*.ear`, `*.aar`: the Maven artifacts a Java archive holds, with the
/// licenses its POMs and manifest declare and the jars nested in it.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, maven::MavenJar};
/// let tree = MemoryTree::default();
/// // Not a zip archive: a problem about the file, no component.
/// let catalog = MavenJar.parse(&ManifestFile::new("lib/app.jar", b"not a zip", &tree));
/// assert!(catalog.components.is_empty());
/// assert_eq!(catalog.problems.len(), 1);
/// ```
pub struct MavenJar;

/// The largest text entry (`pom.xml`, `pom.properties`, `MANIFEST.MF`) read, in bytes.
pub const MAX_TEXT_ENTRY: u64 = 4 * 1024 * 1024;

/// The largest nested jar read, in bytes. Nested jars are read one at a time.
pub const MAX_NESTED_JAR: u64 = 64 * 1024 * 1024;

/// The most text (all `pom.xml`, `pom.properties` and `MANIFEST.MF` entries together) read from
/// one archive, in bytes.
pub const MAX_TEXT_TOTAL: u64 = 64 * 1024 * 1024;

/// Directories whose `*.jar` entries are nested jars that are read.
const NESTED_DIRS: &[&str] = &["BOOT-INF/lib/", "WEB-INF/lib/", "lib/", "libs/"];

const NAME: &str = "maven-jar";

/// The `pom.properties` and `pom.xml` of one `META-INF/maven/<group>/<artifact>/` directory.
#[derive(Default)]
struct MavenDir {
    properties: Option<String>,
    pom: Option<String>,
}

/// What one archive holds that the cataloger reads.
#[derive(Default)]
struct Contents {
    maven: BTreeMap<String, MavenDir>,
    manifest: Option<String>,
    license_entries: Vec<String>,
    /// Nested jars: entry name and index, read one at a time after the metadata.
    nested: Vec<(String, usize)>,
}

/// A zip archive read from memory.
type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// `Name: value` pairs of a manifest's main section, with continuation lines joined; each with
/// its 1-based line.
fn manifest_main(text: &str) -> BTreeMap<String, (String, u32)> {
    let mut out: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let mut last: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if let Some(cont) = line.strip_prefix(' ') {
            if let Some(entry) = last.as_ref().and_then(|k| out.get_mut(k)) {
                entry.0.push_str(cont);
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            let key = k.trim().to_string();
            out.insert(key.clone(), (v.trim().to_string(), (i + 1) as u32));
            last = Some(key);
        } else {
            last = None;
        }
    }
    out
}

/// `key=value` lines of a Java properties file (no escapes; Maven writes none in these).
fn properties(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('!'))
        .filter_map(|l| {
            let (k, v) = l.split_once(['=', ':'])?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// `true` for `LICENSE*`, `LICENCE*`, `NOTICE*` and `COPYING*` files in `META-INF/` or at the
/// root of the archive.
fn is_license_entry(name: &str) -> bool {
    let leaf = name.strip_prefix("META-INF/").unwrap_or(name);
    let upper = leaf.to_ascii_uppercase();
    !leaf.contains('/')
        && ["LICENSE", "LICENCE", "NOTICE", "COPYING"]
            .iter()
            .any(|p| upper.starts_with(p))
}

/// Reads an entry of at most `limit` bytes (its declared size checked first, then the bytes
/// actually inflated).
fn read_entry<R: Read>(entry: &mut R, declared: u64, limit: u64) -> Result<Vec<u8>, String> {
    if declared > limit {
        return Err(format!(
            "declares {declared} bytes, more than the {limit} read"
        ));
    }
    let mut buf = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if buf.len() as u64 > limit {
        return Err(format!("holds more than the {limit} bytes read"));
    }
    Ok(buf)
}

/// Reads the entries of interest of an archive. `label` names the archive in messages
/// (`app.jar`, `app.jar!/BOOT-INF/lib/x.jar`); problems are about `file`.
fn read_archive<'a>(
    bytes: &'a [u8],
    file: &str,
    label: &str,
    nested: bool,
    problems: &mut Vec<Problem>,
) -> Option<(Contents, Archive<'a>)> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            problems.push(Problem::new(
                ProblemCode::ManifestParse,
                file,
                format!("`{label}` is not a readable zip archive: {e}"),
            ));
            return None;
        }
    };
    let mut contents = Contents::default();
    let mut text_left = MAX_TEXT_TOTAL;
    for i in 0..archive.len() {
        let mut entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::new(
                    ProblemCode::ManifestParse,
                    file,
                    format!("entry {i} of `{label}` cannot be read: {e}"),
                ));
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let size = entry.size();
        let what = if name == "META-INF/MANIFEST.MF" {
            "manifest"
        } else if let Some(rest) = name.strip_prefix("META-INF/maven/")
            && let [_, _, leaf] = rest.split('/').collect::<Vec<_>>().as_slice()
            && (*leaf == "pom.properties" || *leaf == "pom.xml")
        {
            "maven"
        } else if is_license_entry(&name) {
            contents.license_entries.push(name);
            continue;
        } else if !nested
            && NESTED_DIRS.iter().any(|d| {
                name.strip_prefix(d)
                    .is_some_and(|f| !f.contains('/') && f.ends_with(".jar"))
            })
        {
            contents.nested.push((name, i));
            continue;
        } else {
            continue;
        };
        let data = match read_entry(&mut entry, size, MAX_TEXT_ENTRY.min(text_left)) {
            Ok(d) => d,
            Err(why) => {
                problems.push(Problem::new(
                    ProblemCode::ManifestParse,
                    file,
                    format!("`{label}!/{name}` {why}; skipped"),
                ));
                continue;
            }
        };
        text_left = text_left.saturating_sub(data.len() as u64);
        match what {
            "manifest" => contents.manifest = Some(String::from_utf8_lossy(&data).into_owned()),
            _ => {
                let dir = crate::util::parent(&name).to_string();
                let text = String::from_utf8_lossy(&data).into_owned();
                let slot = contents.maven.entry(dir).or_default();
                if name.ends_with("pom.xml") {
                    slot.pom = Some(text);
                } else {
                    slot.properties = Some(text);
                }
            }
        }
    }
    contents.license_entries.sort();
    contents.nested.sort_by(|a, b| a.0.cmp(&b.0));
    Some((contents, archive))
}

/// One Maven artifact found in `META-INF/maven/`.
struct Artifact {
    group: Option<String>,
    artifact: String,
    version: Option<String>,
    declared: Option<DeclaredLicense>,
    /// The POM's organisation and developers.
    organization: Option<String>,
    developers: Vec<String>,
}

/// The artifacts of `META-INF/maven/`, in directory order.
fn artifacts(
    contents: &Contents,
    file: &str,
    label: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Artifact> {
    let mut out = Vec::new();
    for (dir, m) in &contents.maven {
        let props = m.properties.as_deref().map(properties).unwrap_or_default();
        let pom = m.pom.as_deref().and_then(|text| {
            let pom_path = format!("{label}!/{dir}/pom.xml");
            match read_embedded_pom(NAME, file, &pom_path, text) {
                Ok(p) => Some(p),
                Err(mut p) => {
                    // The line is one of the entry, not of the archive: it goes in the message.
                    p.message = match p.line.take() {
                        Some(line) => format!("`{pom_path}` line {line}: {}", p.message),
                        None => format!("`{pom_path}`: {}", p.message),
                    };
                    problems.push(p);
                    None
                }
            }
        });
        let get = |key: &str, from_pom: Option<&String>| {
            props.get(key).cloned().or_else(|| from_pom.cloned())
        };
        let group = get("groupId", pom.as_ref().and_then(|p| p.group.as_ref()));
        let version = get("version", pom.as_ref().and_then(|p| p.version.as_ref()));
        let Some(artifact) = get("artifactId", pom.as_ref().and_then(|p| p.artifact.as_ref()))
        else {
            problems.push(Problem::new(
                ProblemCode::ManifestValue,
                file,
                format!("`{label}!/{dir}/` gives no `artifactId`; skipped"),
            ));
            continue;
        };
        let (declared, organization, developers) = match pom {
            Some(p) => (p.declared, p.organization, p.developers),
            None => (None, None, Vec::new()),
        };
        out.push(Artifact {
            group,
            artifact,
            version,
            declared,
            organization,
            developers,
        });
    }
    out
}

/// The file name of an archive path without its extension.
fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// `true` when the archive's file name is the artifact's: `artifact`, `artifact-version` or
/// `artifact-version-classifier`.
fn names_artifact(stem: &str, a: &Artifact) -> bool {
    match &a.version {
        Some(v) => {
            let av = format!("{}-{v}", a.artifact);
            stem == a.artifact || stem == av || stem.starts_with(&format!("{av}-"))
        }
        None => stem == a.artifact,
    }
}

/// A `Bundle-License` header as a declaration: OSGi writes a list of licenses, each an SPDX
/// identifier, a name or a URL, with `;link=` / `;description=` attributes, which are left out.
fn bundle_license(raw: &str, src: clearance_model::Source) -> Option<DeclaredLicense> {
    let first = raw
        .split(';')
        .next()
        .unwrap_or(raw)
        .trim()
        .trim_matches('"');
    if first.is_empty() {
        return None;
    }
    let mut d = declared_license(first, src, None);
    d.raw = raw.trim().to_string();
    if matches!(d.reading, Reading::Unrecognised | Reading::Absent)
        && let Some(id) = license_of_url(first)
        && let Ok(expr) = LicenseExpr::parse(id)
    {
        d.expression = Some(expr);
        d.reading = Reading::Mapped;
        d.notes = vec![format!("license URL `{first}` read as `{id}`")];
    }
    Some(d)
}

/// A component for Maven coordinates.
fn component(
    group: Option<&str>,
    artifact: &str,
    version: Option<String>,
    file: &str,
) -> Component {
    let mut c = Component::new(
        Ecosystem::Maven,
        maven_name(group, artifact),
        version.clone(),
        maven_purl(group, artifact, version.as_deref()),
    );
    c.sources.push(source(NAME, file, None));
    c
}

/// The components of one archive (the jar itself first, when known, and then `true`) and, for
/// the outer archive, those of the jars nested in it.
fn catalog_archive(
    bytes: &[u8],
    file: &str,
    label: &str,
    nested: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<Component>, bool) {
    let Some((contents, mut archive)) = read_archive(bytes, file, label, nested, problems) else {
        return (Vec::new(), false);
    };
    let mut found = artifacts(&contents, file, label, problems);
    let own_stem = stem(label);
    let outer_index = match found.as_slice() {
        [_] => Some(0),
        many => many.iter().position(|a| names_artifact(own_stem, a)),
    };
    let outer_artifact = outer_index.map(|i| found.remove(i));
    let manifest = contents
        .manifest
        .as_deref()
        .map(manifest_main)
        .unwrap_or_default();
    let header = |k: &str| manifest.get(k).filter(|(v, _)| !v.is_empty());
    let manifest_path = format!("{label}!/META-INF/MANIFEST.MF");

    let mut outer = match outer_artifact {
        Some(a) => {
            let mut c = component(a.group.as_deref(), &a.artifact, a.version, file);
            c.declared.extend(a.declared);
            c.supplier = a.organization;
            util::push_authors(&mut c.authors, a.developers.iter().map(String::as_str));
            Some(c)
        }
        None => {
            let version = header("Bundle-Version")
                .or_else(|| header("Implementation-Version"))
                .map(|(v, _)| v.clone());
            let title = header("Bundle-SymbolicName")
                .map(|(v, _)| v.split(';').next().unwrap_or(v).trim().to_string())
                .or_else(|| header("Implementation-Title").map(|(v, _)| v.clone()));
            // The file name without its version is the artifact when it ends with the version.
            let from_file = version
                .as_deref()
                .and_then(|v| own_stem.strip_suffix(&format!("-{v}")))
                .filter(|s| !s.is_empty());
            let artifact = from_file.map(str::to_string).or(title);
            let group = header("Implementation-Vendor-Id").map(|(v, _)| v.as_str());
            match artifact {
                Some(a) => Some(component(group, &a, version, file)),
                None => {
                    if found.is_empty() {
                        problems.push(Problem::new(
                            ProblemCode::ManifestValue,
                            file,
                            format!(
                                "`{label}` has no `META-INF/maven/` coordinates and no name in `META-INF/MANIFEST.MF`"
                            ),
                        ));
                    }
                    None
                }
            }
        }
    };
    if let Some(c) = outer.as_mut() {
        if c.supplier.is_none() {
            c.supplier = header("Implementation-Vendor")
                .or_else(|| header("Bundle-Vendor"))
                .map(|(v, _)| v.trim().to_string())
                .filter(|v| !v.is_empty());
        }
        if let Some((raw, line)) = header("Bundle-License") {
            c.declared.extend(bundle_license(
                raw,
                source(NAME, &manifest_path, Some(*line)),
            ));
        }
        if let Some(first) = contents.license_entries.first() {
            let file_ref = format!("{label}!/{first}");
            let listed = contents
                .license_entries
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let note = format!(
                "the archive holds {listed}; license detection does not read inside archives"
            );
            match c.declared.first_mut() {
                Some(d) => {
                    d.license_file = Some(file_ref);
                    d.notes.push(note);
                }
                None => {
                    let mut d = declared_license_file(first, source(NAME, label, None), file_ref);
                    d.notes.push(note);
                    c.declared.push(d);
                }
            }
        }
        if !nested {
            c.owned_files.push(file.to_string());
        }
    }

    let mut inner = Vec::new();
    let mut deps = Vec::new();
    for a in found {
        let mut c = component(a.group.as_deref(), &a.artifact, a.version, file);
        c.declared.extend(a.declared);
        c.supplier = a.organization;
        util::push_authors(&mut c.authors, a.developers.iter().map(String::as_str));
        deps.push(c.purl.clone());
        inner.push(c);
    }
    for (name, index) in &contents.nested {
        let nested_label = format!("{label}!/{name}");
        let data = archive
            .by_index(*index)
            .map_err(|e| format!("cannot be read: {e}"))
            .and_then(|mut entry| {
                let size = entry.size();
                read_entry(&mut entry, size, MAX_NESTED_JAR)
            });
        let data = match data {
            Ok(d) => d,
            Err(why) => {
                problems.push(Problem::new(
                    ProblemCode::ManifestParse,
                    file,
                    format!("`{nested_label}` {why}; skipped"),
                ));
                continue;
            }
        };
        let (got, has_outer) = catalog_archive(&data, file, &nested_label, true, problems);
        match got.first() {
            Some(first) if has_outer => deps.push(first.purl.clone()),
            _ => deps.extend(got.iter().map(|c| c.purl.clone())),
        }
        inner.extend(got);
    }
    let has_outer = outer.is_some();
    let mut components: Vec<Component> = Vec::new();
    if let Some(mut o) = outer {
        deps.retain(|d| *d != o.purl);
        deps.sort();
        deps.dedup();
        o.dependencies = deps;
        components.push(o);
    }
    for c in inner {
        if !components.iter().any(|k| k.purl == c.purl) {
            components.push(c);
        }
    }
    (components, has_outer)
}

impl Cataloger for MavenJar {
    fn name(&self) -> &'static str {
        NAME
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Maven
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "*.jar", "**/*.jar", "*.war", "**/*.war", "*.ear", "**/*.ear", "*.aar", "**/*.aar",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let mut problems = Vec::new();
        let (components, _) =
            catalog_archive(file.contents, file.path, file.path, false, &mut problems);
        Catalog {
            components,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::MemoryTree;

    /// A zip archive of `entries`, deflated.
    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start entry");
            w.write_all(data).expect("write entry");
        }
        w.finish().expect("finish").into_inner()
    }

    fn parse(path: &str, bytes: &[u8]) -> Catalog {
        MavenJar.parse(&ManifestFile::new(path, bytes, &MemoryTree::default()))
    }

    const PROPS: &[u8] =
        b"#Generated by Maven\ngroupId=org.slf4j\nartifactId=slf4j-api\nversion=2.0.9\n";

    #[test]
    fn pom_properties_name_the_jar() {
        let jar = zip(&[
            ("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS),
            ("META-INF/LICENSE.txt", b"MIT"),
        ]);
        let cat = parse("lib/slf4j-api-2.0.9.jar", &jar);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let [c] = cat.components.as_slice() else {
            panic!("{:?}", cat.components)
        };
        assert_eq!(c.purl, "pkg:maven/org.slf4j/slf4j-api@2.0.9");
        assert_eq!(c.name, "org.slf4j:slf4j-api");
        assert_eq!(c.owned_files, ["lib/slf4j-api-2.0.9.jar"]);
        assert!(c.roots.is_empty());
        assert_eq!(c.direct, None);
        // Only a license file: a declaration pointing at it, no expression.
        assert_eq!(c.declared.len(), 1);
        assert_eq!(c.declared[0].expression, None);
        assert_eq!(
            c.declared[0].license_file.as_deref(),
            Some("lib/slf4j-api-2.0.9.jar!/META-INF/LICENSE.txt")
        );
    }

    #[test]
    fn pom_xml_gives_licenses_and_coordinates_without_properties() {
        let pom = b"<project>\n  <groupId>g</groupId>\n  <artifactId>a</artifactId>\n  <version>${v}</version>\n  <properties><v>1.5</v></properties>\n  <licenses>\n    <license><name>Apache License, Version 2.0</name></license>\n  </licenses>\n</project>\n";
        let jar = zip(&[("META-INF/maven/g/a/pom.xml", pom)]);
        let cat = parse("a.jar", &jar);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:maven/g/a@1.5");
        let d = &c.declared[0];
        assert_eq!(
            d.expression.as_ref().map(ToString::to_string).as_deref(),
            Some("Apache-2.0")
        );
        assert_eq!(d.source.path, "a.jar!/META-INF/maven/g/a/pom.xml");
        assert_eq!(d.source.line, Some(6));
    }

    #[test]
    fn shaded_jar_outer_by_file_name_others_nested() {
        let jar = zip(&[
            (
                "META-INF/maven/com.google.code.gson/gson/pom.properties",
                b"groupId=com.google.code.gson\nartifactId=gson\nversion=2.10.1\n",
            ),
            (
                "META-INF/maven/com.example/tool/pom.properties",
                b"groupId=com.example\nartifactId=tool\nversion=1.2\n",
            ),
        ]);
        let cat = parse("tool-1.2-all.jar", &jar);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:maven/com.example/tool@1.2",
                "pkg:maven/com.google.code.gson/gson@2.10.1"
            ]
        );
        assert_eq!(
            cat.components[0].dependencies,
            ["pkg:maven/com.google.code.gson/gson@2.10.1"]
        );
        assert_eq!(cat.components[0].owned_files, ["tool-1.2-all.jar"]);
        assert!(cat.components[1].owned_files.is_empty());
        assert_eq!(cat.components[1].direct, None);
    }

    #[test]
    fn shaded_jar_with_unknown_file_name_has_no_outer() {
        let jar = zip(&[
            (
                "META-INF/maven/x/a/pom.properties",
                b"groupId=x\nartifactId=a\nversion=1\n",
            ),
            (
                "META-INF/maven/x/b/pom.properties",
                b"groupId=x\nartifactId=b\nversion=1\n",
            ),
        ]);
        let cat = parse("bundle.jar", &jar);
        assert_eq!(cat.components.len(), 2);
        assert!(cat.components.iter().all(|c| c.dependencies.is_empty()));
    }

    #[test]
    fn manifest_fallback_with_continuation_lines_and_bundle_license() {
        let mf = b"Manifest-Version: 1.0\r\nBundle-SymbolicName: org.example.very.long.symbolic.name.that.wraps.past.seventy-tw\r\n o.bytes;singleton:=true\r\nBundle-Version: 4.1\r\nBundle-License: \"Apache-2.0\";link=\"https://www.apache.org/licenses/LICENSE-2.0\"\r\n\r\nName: org/example/\r\nImplementation-Title: other\r\n";
        let jar = zip(&[("META-INF/MANIFEST.MF", mf)]);
        let cat = parse("plugins/bundle.jar", &jar);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(
            c.name,
            "org.example.very.long.symbolic.name.that.wraps.past.seventy-two.bytes"
        );
        assert_eq!(c.version.as_deref(), Some("4.1"));
        let d = &c.declared[0];
        assert_eq!(
            d.expression.as_ref().map(ToString::to_string).as_deref(),
            Some("Apache-2.0")
        );
        assert_eq!(d.source.path, "plugins/bundle.jar!/META-INF/MANIFEST.MF");
        assert_eq!(d.source.line, Some(5));
    }

    #[test]
    fn manifest_artifact_from_file_name_and_vendor_id_group() {
        let mf = b"Manifest-Version: 1.0\nImplementation-Title: Commons Lang\nImplementation-Version: 2.6\nImplementation-Vendor-Id: commons-lang\nBundle-License: http://www.apache.org/licenses/LICENSE-2.0.txt\n";
        let cat = parse(
            "commons-lang-2.6.jar",
            &zip(&[("META-INF/MANIFEST.MF", mf)]),
        );
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:maven/commons-lang/commons-lang@2.6");
        let d = &c.declared[0];
        assert_eq!(
            d.expression.as_ref().map(ToString::to_string).as_deref(),
            Some("Apache-2.0")
        );
    }

    #[test]
    fn nested_jars_are_dependencies_of_the_outer_one() {
        let inner = zip(&[("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS)]);
        let outer = zip(&[
            (
                "META-INF/maven/com.example/app/pom.properties",
                b"groupId=com.example\nartifactId=app\nversion=1.0\n",
            ),
            ("BOOT-INF/lib/slf4j-api-2.0.9.jar", &inner),
            ("BOOT-INF/lib/sub/ignored.jar", &inner),
        ]);
        let cat = parse("app.jar", &outer);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(cat.components.len(), 2);
        assert_eq!(
            cat.components[0].dependencies,
            ["pkg:maven/org.slf4j/slf4j-api@2.0.9"]
        );
        assert_eq!(cat.components[1].sources[0].path, "app.jar");
    }

    #[test]
    fn corrupt_nested_jar_is_a_problem_and_the_rest_counts() {
        let good = zip(&[("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS)]);
        let outer = zip(&[
            ("WEB-INF/lib/bad.jar", b"not a zip"),
            ("WEB-INF/lib/slf4j-api-2.0.9.jar", &good),
            (
                "META-INF/MANIFEST.MF",
                b"Implementation-Title: shop\nImplementation-Version: 2\n",
            ),
        ]);
        let cat = parse("webapps/shop.war", &outer);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            ["pkg:maven/shop@2", "pkg:maven/org.slf4j/slf4j-api@2.0.9"]
        );
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].path, "webapps/shop.war");
        assert!(
            cat.problems[0].message.starts_with(
                "`webapps/shop.war!/WEB-INF/lib/bad.jar` is not a readable zip archive"
            ),
            "{}",
            cat.problems[0].message
        );
    }

    #[test]
    fn corrupt_archives_are_problems() {
        let cat = parse("x.jar", b"PK\x03\x04garbage");
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert!(
            cat.problems[0]
                .message
                .contains("`x.jar` is not a readable zip archive")
        );

        let nothing = parse("y.jar", &zip(&[("a/B.class", b"\xca\xfe")]));
        assert!(nothing.components.is_empty());
        assert_eq!(nothing.problems[0].code, ProblemCode::ManifestValue);
    }

    #[test]
    fn bad_pom_line_is_reported_and_properties_still_count() {
        let jar = zip(&[
            ("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS),
            (
                "META-INF/maven/org.slf4j/slf4j-api/pom.xml",
                b"<project>\n<licenses>\n</project>\n",
            ),
        ]);
        let cat = parse("slf4j-api-2.0.9.jar", &jar);
        assert_eq!(
            cat.components[0].purl,
            "pkg:maven/org.slf4j/slf4j-api@2.0.9"
        );
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].line, None);
        assert!(cat.problems[0].message.starts_with(
            "`slf4j-api-2.0.9.jar!/META-INF/maven/org.slf4j/slf4j-api/pom.xml` line 3: invalid XML"
        ));
    }

    #[test]
    fn oversized_entries_are_refused() {
        let big = vec![b' '; (MAX_TEXT_ENTRY + 1) as usize];
        let jar = zip(&[
            ("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS),
            ("META-INF/maven/org.slf4j/slf4j-api/pom.xml", &big),
        ]);
        let cat = parse("slf4j-api-2.0.9.jar", &jar);
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.problems.len(), 1);
        assert!(
            cat.problems[0].message.contains("more than the 4194304"),
            "{}",
            cat.problems[0].message
        );
    }

    #[test]
    fn every_truncation_parses_without_panic() {
        let inner = zip(&[("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS)]);
        let jar = zip(&[
            (
                "META-INF/MANIFEST.MF",
                b"Manifest-Version: 1.0\nBundle-Version: 1\n",
            ),
            ("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS),
            ("BOOT-INF/lib/a.jar", &inner),
        ]);
        for end in 0..jar.len() {
            let cat = parse("t.jar", jar.get(..end).unwrap_or_default());
            assert!(cat.components.len() <= 2);
        }
        assert_eq!(parse("t.jar", &jar).components.len(), 1);
    }

    #[test]
    fn manifest_and_properties_readers() {
        let m = manifest_main("A: 1\nB: long\n  value\n\nA: 2\n");
        assert_eq!(m.get("A"), Some(&("1".to_string(), 1)));
        assert_eq!(m.get("B"), Some(&("long value".to_string(), 2)));
        let p = properties("# c\n! c\nk = v\nempty=\nx:y\n");
        assert_eq!(p.get("k").map(String::as_str), Some("v"));
        assert_eq!(p.get("x").map(String::as_str), Some("y"));
        assert!(!p.contains_key("empty"));
        assert_eq!(stem("a/b/c-1.0.jar"), "c-1.0");
        assert!(is_license_entry("META-INF/LICENSE.txt"));
        assert!(is_license_entry("NOTICE"));
        assert!(is_license_entry("META-INF/licence.md"));
        assert!(!is_license_entry("META-INF/services/LICENSE"));
        assert!(!is_license_entry("META-INF/MANIFEST.MF"));
    }

    #[test]
    fn supplier_and_authors() {
        // The manifest's vendor supplies the jar.
        let mf = b"Manifest-Version: 1.0\nImplementation-Title: x\nImplementation-Version: 1\nImplementation-Vendor: The Apache Software Foundation\nBundle-Vendor: Other\n";
        let cat = parse("x.jar", &zip(&[("META-INF/MANIFEST.MF", mf)]));
        assert_eq!(
            cat.components[0].supplier.as_deref(),
            Some("The Apache Software Foundation")
        );
        let mf = b"Manifest-Version: 1.0\nBundle-SymbolicName: x\nBundle-Version: 1\nImplementation-Vendor: \nBundle-Vendor: Eclipse.org\n";
        let cat = parse("x.jar", &zip(&[("META-INF/MANIFEST.MF", mf)]));
        assert_eq!(cat.components[0].supplier.as_deref(), Some("Eclipse.org"));
        // The embedded POM's organisation wins over the manifest, and names the developers.
        let pom = b"<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>\n<organization><name>QOS.ch</name></organization>\n<developers><developer><name>Ceki</name></developer></developers></project>\n";
        let mf = b"Manifest-Version: 1.0\nImplementation-Vendor: Somebody\n";
        let cat = parse(
            "a.jar",
            &zip(&[
                ("META-INF/MANIFEST.MF", mf),
                ("META-INF/maven/g/a/pom.xml", pom),
            ]),
        );
        assert_eq!(cat.components[0].supplier.as_deref(), Some("QOS.ch"));
        assert_eq!(cat.components[0].authors, ["Ceki"]);
        // Neither: nothing.
        let cat = parse(
            "slf4j-api-2.0.9.jar",
            &zip(&[("META-INF/maven/org.slf4j/slf4j-api/pom.properties", PROPS)]),
        );
        assert_eq!(cat.components[0].supplier, None);
        assert!(cat.components[0].authors.is_empty());
    }
}
