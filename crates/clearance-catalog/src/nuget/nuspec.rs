//! `*.nuspec`: the manifest of a NuGet package.
//!
//! A restored package keeps its nuspec in its folder: `<id>/<version>/<id>.nuspec` in the global
//! packages folder (id and version in lower case), or `packages/<Id>.<version>/<Id>.nuspec` in a
//! solution's legacy `packages/` folder. Such a package is third party and its folder is its
//! root. A nuspec deeper inside an installed package is content of that package and yields
//! nothing. A nuspec anywhere else is a package specification of the product itself (first
//! party).
//!
//! The license is `<license type="expression">` (an SPDX expression), or `<license
//! type="file">` (a file in the package). The deprecated `<licenseUrl>` counts only when there is
//! no `<license>` (NuGet writes a compatibility URL beside one); it names a license only when it
//! is one of the license pages that are named by the license id (NuGet's, SPDX's, the Open
//! Source Initiative's, Apache's); any other URL is kept as declared, raw, with no expression,
//! and the package's license files decide.
//!
//! Dependencies (flat, or in per-framework `<group>`s) are version ranges; each is recorded at
//! its lower bound, the version NuGet's lowest-applicable rule picks.

use std::collections::BTreeSet;

use clearance_model::declared::Reading;
use clearance_model::{
    Component, DeclaredLicense, Ecosystem, HashAlgorithm, LicenseExpr, Origin, Problem,
    ProblemCode, Scope,
};
use roxmltree::Node;

use super::{
    attr, child, children, is, line_of, minimum_version, normalise_version, nuget_purl, parse_xml,
    text, url_license,
};
use crate::util::{self, declared_license, declared_license_file, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `*.nuspec`.
pub struct NugetNuspec;

impl Cataloger for NugetNuspec {
    fn name(&self) -> &'static str {
        "nuget-nuspec"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Nuget
    }

    fn globs(&self) -> &'static [&'static str] {
        &["*.nuspec", "**/*.nuspec"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let doc = match parse_xml(file) {
            Ok(d) => d,
            Err(p) => return Catalog::problem(p),
        };
        let root = doc.root_element();
        let value_problem = |line: u32, msg: String| {
            Problem::new(ProblemCode::ManifestValue, file.path, msg).at_line(line)
        };
        if !is(root, "package") {
            return Catalog::problem(value_problem(
                line_of(root),
                format!(
                    "the root element is `<{}>`, expected `<package>`",
                    root.tag_name().name()
                ),
            ));
        }
        let Some(meta) = child(root, "metadata") else {
            return Catalog::problem(value_problem(line_of(root), "no `<metadata>`".to_string()));
        };
        let Some(id) = child(meta, "id").and_then(text) else {
            return Catalog::problem(value_problem(
                line_of(meta),
                "`<metadata>` has no `<id>`".to_string(),
            ));
        };
        // `$id$`, `$version$` and other tokens are filled in by `nuget pack` from the project:
        // the file name stands for such an id, and such a version is not a version yet.
        let id = if id.contains('$') {
            super::file_stem(file.path).to_string()
        } else {
            id
        };
        let mut problems = Vec::new();
        let version = child(meta, "version")
            .and_then(text)
            .filter(|v| !v.contains('$'))
            .map(|v| normalise_version(&v));
        let dir = file.dir();
        let restored = is_restored(file, &id, version.as_deref());
        // A nuspec deeper inside an installed package (a template's, a sample's) is content.
        if !restored && super::in_installed_package(file) {
            return Catalog::default();
        }
        let mut c = Component::new(
            Ecosystem::Nuget,
            id.clone(),
            version.clone(),
            nuget_purl(&id, version.as_deref()),
        );
        c.origin = if restored {
            Origin::ThirdParty
        } else {
            Origin::FirstParty
        };
        c.roots.push(dir.to_string());
        if child(meta, "developmentDependency")
            .and_then(text)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            // NuGet installs such a package with `PrivateAssets="all"`: it does not ship.
            c.scope = Some(Scope::Build);
        }
        let src = source(self.name(), file.path, Some(line_of(meta)));
        // A restore leaves the base64 SHA-512 of the `.nupkg` beside the nuspec.
        if restored && let Some(v) = &version {
            let name = format!("{}.{}.nupkg.sha512", id, v).to_ascii_lowercase();
            let path = util::join(dir, &name).unwrap_or(name);
            if let Ok(bytes) = file.tree.read(&path) {
                c.hashes.extend(util::base64_checksum(
                    HashAlgorithm::Sha512,
                    &String::from_utf8_lossy(&bytes),
                ));
            }
        }
        // `<authors>` is a comma-separated list; a `$author$` token is not a name yet.
        if let Some(authors) = child(meta, "authors")
            .and_then(text)
            .filter(|a| !a.contains('$'))
        {
            util::push_authors(&mut c.authors, authors.split(','));
        }

        if let Some(lic) = child(meta, "license") {
            let line = line_of(lic);
            let lsrc = source(self.name(), file.path, Some(line));
            let raw = text(lic).unwrap_or_default();
            match attr(lic, "type").map(str::trim) {
                _ if raw.is_empty() => {
                    problems.push(value_problem(line, "`<license>` is empty".to_string()));
                }
                Some("expression") => c.declared.push(declared_license(&raw, lsrc, None)),
                Some("file") => match util::join(dir, &raw) {
                    Some(path) => {
                        if !file.tree.is_file(&path) {
                            problems.push(
                                Problem::new(
                                    ProblemCode::MissingLicenseFile,
                                    file.path,
                                    format!(
                                        "`<license type=\"file\">{raw}</license>` names `{path}`, which is not in the tree"
                                    ),
                                )
                                .at_line(line),
                            );
                        }
                        c.declared.push(declared_license_file(
                            &format!("license file: {raw}"),
                            lsrc,
                            path,
                        ));
                    }
                    None => problems.push(value_problem(
                        line,
                        format!("`<license type=\"file\">` names no file in the package: `{raw}`"),
                    )),
                },
                Some(other) => problems.push(value_problem(
                    line,
                    format!("`<license>` has an unknown type `{other}`; skipped"),
                )),
                None => {
                    problems.push(value_problem(
                        line,
                        "`<license>` has no `type`; read as an expression".to_string(),
                    ));
                    c.declared.push(declared_license(&raw, lsrc, None));
                }
            }
        } else if let Some(url_node) = child(meta, "licenseUrl")
            && let Some(url) = text(url_node)
        {
            c.declared.push(license_url(
                &url,
                source(self.name(), file.path, Some(line_of(url_node))),
            ));
        }

        let mut deps = BTreeSet::new();
        if let Some(d) = child(meta, "dependencies") {
            let groups = children(d, "group");
            for dep in
                children(d, "dependency").chain(groups.flat_map(|g| children(g, "dependency")))
            {
                if let Some(p) = dependency_purl(dep) {
                    deps.insert(p);
                } else {
                    problems.push(value_problem(
                        line_of(dep),
                        "`<dependency>` without `id`; skipped".to_string(),
                    ));
                }
            }
        }
        c.dependencies = deps.into_iter().collect();
        c.sources.push(src);
        Catalog {
            components: vec![c],
            problems,
        }
    }
}

/// The purl of a `<dependency id="…" version="…">` at the range's lower bound.
fn dependency_purl(dep: Node<'_, '_>) -> Option<String> {
    let id = attr(dep, "id").map(str::trim).filter(|i| !i.is_empty())?;
    let version = attr(dep, "version").and_then(minimum_version);
    Some(nuget_purl(id, version.as_deref()))
}

/// `true` when the nuspec lies in the folder NuGet restored the package into: the global
/// packages folder's `<id>/<version>/`, a legacy `<Id>.<version>/`, or a folder with the
/// markers a restore leaves (`.nupkg.metadata`, `<id>.<version>.nupkg.sha512`, the `.nupkg`).
fn is_restored(file: &ManifestFile<'_>, id: &str, version: Option<&str>) -> bool {
    let dir = file.dir();
    let folder = dir.rsplit('/').next().unwrap_or(dir);
    let above = util::parent(dir);
    let above = above.rsplit('/').next().unwrap_or(above);
    if let Some(v) = version {
        let global = folder.eq_ignore_ascii_case(v) && above.eq_ignore_ascii_case(id);
        // The legacy folder keeps the version as the package wrote it (`Owin.1.0`).
        let legacy = folder
            .get(..id.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(id))
            && folder
                .get(id.len()..)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| normalise_version(rest).eq_ignore_ascii_case(v));
        if global || legacy {
            return true;
        }
    }
    let lower = id.to_ascii_lowercase();
    let mut markers = vec![".nupkg.metadata".to_string()];
    if let Some(v) = version {
        let v = v.to_ascii_lowercase();
        markers.push(format!("{lower}.{v}.nupkg.sha512"));
        markers.push(format!("{lower}.{v}.nupkg"));
        markers.push(format!("{id}.{v}.nupkg"));
    }
    markers.iter().any(|m| {
        let p = if dir.is_empty() {
            m.clone()
        } else {
            format!("{dir}/{m}")
        };
        file.tree.is_file(&p)
    })
}

/// A declaration read from the deprecated `<licenseUrl>`.
fn license_url(url: &str, src: clearance_model::Source) -> DeclaredLicense {
    match url_license(url).and_then(|id| LicenseExpr::parse(&id).ok()) {
        Some(expr) => DeclaredLicense {
            raw: url.to_string(),
            notes: vec![format!("license URL names `{expr}`")],
            expression: Some(expr),
            reading: Reading::Mapped,
            license_file: None,
            source: src,
        },
        None => DeclaredLicense {
            raw: url.to_string(),
            expression: None,
            reading: Reading::Unrecognised,
            license_file: None,
            notes: vec![
                "deprecated `licenseUrl` does not name a license by itself; the package's license files decide"
                    .to_string(),
            ],
            source: src,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse_in(tree: &MemoryTree, path: &str, xml: &str) -> Catalog {
        NugetNuspec.parse(&ManifestFile::new(path, xml.as_bytes(), tree))
    }

    fn nuspec(metadata: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<package xmlns=\"http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd\">\n  <metadata>\n{metadata}\n  </metadata>\n</package>\n"
        )
    }

    #[test]
    fn global_folder_package_with_expression_and_groups() {
        let tree = MemoryTree::default();
        let cat = parse_in(
            &tree,
            "packages/serilog/3.1.1/serilog.nuspec",
            &nuspec(
                r#"    <id>Serilog</id>
    <version>3.1.1</version>
    <license type="expression">Apache-2.0</license>
    <licenseUrl>https://licenses.nuget.org/Apache-2.0</licenseUrl>
    <dependencies>
      <group targetFramework=".NETFramework4.6.2">
        <dependency id="System.Diagnostics.DiagnosticSource" version="7.0.2" exclude="Build,Analyzers" />
      </group>
      <group targetFramework=".NETStandard2.0">
        <dependency id="System.Diagnostics.DiagnosticSource" version="7.0.2" exclude="Build,Analyzers" />
        <dependency id="System.Memory" version="[4.5.5, 5.0.0)" />
      </group>
      <group targetFramework="net6.0" />
    </dependencies>"#,
            ),
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:nuget/Serilog@3.1.1");
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.roots, ["packages/serilog/3.1.1"]);
        assert_eq!(c.declared.len(), 1);
        assert_eq!(c.declared[0].raw, "Apache-2.0");
        assert_eq!(c.declared[0].source.line, Some(6));
        assert_eq!(c.sources[0].line, Some(3));
        assert_eq!(
            c.dependencies,
            [
                "pkg:nuget/System.Diagnostics.DiagnosticSource@7.0.2",
                "pkg:nuget/System.Memory@4.5.5"
            ]
        );
    }

    #[test]
    fn legacy_folder_and_license_url() {
        let tree = MemoryTree::default();
        let cat = parse_in(
            &tree,
            "packages/Owin.1.0/Owin.nuspec",
            &nuspec(
                "    <id>Owin</id>\n    <version>1.0</version>\n    <licenseUrl>https://github.com/owin-contrib/owin-hosting/blob/master/LICENSE.txt</licenseUrl>\n    <dependencies><dependency id=\"X\" /></dependencies>",
            ),
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:nuget/Owin@1.0.0");
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.declared[0].expression, None);
        assert_eq!(c.declared[0].reading, Reading::Unrecognised);
        assert_eq!(
            c.declared[0].raw,
            "https://github.com/owin-contrib/owin-hosting/blob/master/LICENSE.txt"
        );
        assert_eq!(c.dependencies, ["pkg:nuget/X"]);

        let cat = parse_in(
            &tree,
            "packages/EntityFramework.6.4.4/EntityFramework.nuspec",
            &nuspec(
                "<id>EntityFramework</id><version>6.4.4</version><licenseUrl>https://www.apache.org/licenses/LICENSE-2.0</licenseUrl>",
            ),
        );
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(
            c.declared[0]
                .expression
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("Apache-2.0")
        );
        assert_eq!(c.declared[0].reading, Reading::Mapped);
    }

    #[test]
    fn license_file_present_or_missing() {
        let tree = MemoryTree::default().with("pkgs/foo/1.0.0/LICENSE.txt", "MIT");
        let cat = parse_in(
            &tree,
            "pkgs/foo/1.0.0/foo.nuspec",
            &nuspec(
                "<id>Foo</id><version>1.0.0</version>\n<license type=\"file\">LICENSE.txt</license>",
            ),
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let d = &cat.components[0].declared[0];
        assert_eq!(
            d.license_file.as_deref(),
            Some("pkgs/foo/1.0.0/LICENSE.txt")
        );
        assert_eq!(d.raw, "license file: LICENSE.txt");

        let cat = parse_in(
            &tree,
            "pkgs/bar/2.0.0/bar.nuspec",
            &nuspec(
                "<id>Bar</id><version>2.0.0</version>\n<license type=\"file\">docs\\EULA.md</license>",
            ),
        );
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::MissingLicenseFile);
        assert_eq!(cat.problems[0].line, Some(5));
        assert_eq!(
            cat.components[0].declared[0].license_file.as_deref(),
            Some("pkgs/bar/2.0.0/docs/EULA.md")
        );
    }

    #[test]
    fn own_package_spec_is_first_party() {
        let tree = MemoryTree::default();
        let cat = parse_in(
            &tree,
            "build/Contoso.Sdk.nuspec",
            &nuspec(
                "<id>$id$</id><version>$version$</version><license type=\"expression\">MIT</license><developmentDependency>true</developmentDependency>",
            ),
        );
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:nuget/Contoso.Sdk");
        assert_eq!(c.origin, Origin::FirstParty);
        assert_eq!(c.scope, Some(Scope::Build));
    }

    #[test]
    fn a_nuspec_inside_an_installed_package_is_content() {
        let tree = MemoryTree::default().with("p/t/1.0.0/.nupkg.metadata", "{}");
        let cat = parse_in(
            &tree,
            "p/t/1.0.0/content/Lib/Lib.nuspec",
            &nuspec("<id>Lib</id><version>$version$</version>"),
        );
        assert_eq!(cat, Catalog::default());
        let cat = parse_in(
            &tree,
            "p/t/1.0.0/t.nuspec",
            &nuspec("<id>T</id><version>1.0.0</version>"),
        );
        assert_eq!(cat.components.len(), 1);
    }

    #[test]
    fn restore_markers_make_a_package_third_party() {
        let tree = MemoryTree::default().with("cache/x/.nupkg.metadata", "{}");
        let cat = parse_in(
            &tree,
            "cache/x/x.nuspec",
            &nuspec("<id>X</id><version>1.0.0</version>"),
        );
        assert_eq!(cat.components[0].origin, Origin::ThirdParty);
    }

    #[test]
    fn problems_with_lines() {
        let tree = MemoryTree::default();
        let cat = parse_in(
            &tree,
            "a/1.0.0/a.nuspec",
            &nuspec(
                "<id>A</id>\n<version>1.0.0</version>\n<license type=\"url\">x</license>\n<dependencies><dependency version=\"1.0\"/></dependencies>",
            ),
        );
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(6), "`<license>` has an unknown type `url`; skipped"),
                (Some(7), "`<dependency>` without `id`; skipped"),
            ]
        );
        assert_eq!(cat.components.len(), 1);

        let cat = parse_in(
            &tree,
            "b.nuspec",
            &nuspec("<license>MIT</license><id>B</id>"),
        );
        assert_eq!(
            cat.problems[0].message,
            "`<license>` has no `type`; read as an expression"
        );
        assert_eq!(cat.components[0].declared.len(), 1);

        let cat = parse_in(
            &tree,
            "g.nuspec",
            &nuspec("<id>G</id>\n<license type=\"expression\"> </license>"),
        );
        assert_eq!(cat.problems[0].message, "`<license>` is empty");
        assert_eq!(cat.problems[0].line, Some(5));
        assert!(cat.components[0].declared.is_empty());

        let cat = parse_in(&tree, "c.nuspec", &nuspec("<version>1.0.0</version>"));
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems[0].message, "`<metadata>` has no `<id>`");
        assert_eq!(cat.problems[0].line, Some(3));

        let cat = parse_in(&tree, "d.nuspec", "<package/>");
        assert_eq!(cat.problems[0].message, "no `<metadata>`");
        let cat = parse_in(&tree, "e.nuspec", "<Project/>");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        let cat = parse_in(&tree, "f.nuspec", "<package>\n<metadata>\n<id>F</i>\n");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(3));
    }

    #[test]
    fn authors_are_a_comma_separated_list() {
        let tree = MemoryTree::default();
        let meta = |authors: &str| {
            parse_in(
                &tree,
                "packages/x/1.0.0/x.nuspec",
                &nuspec(&format!(
                    "    <id>X</id>\n    <version>1.0.0</version>\n    <authors>{authors}</authors>\n    <owners>Owner</owners>"
                )),
            )
            .components[0]
                .authors
                .clone()
        };
        assert_eq!(meta("James Newton-King"), ["James Newton-King"]);
        assert_eq!(
            meta("Serilog Contributors, Jane ,, Jane"),
            ["Serilog Contributors", "Jane"]
        );
        assert!(meta("$author$").is_empty());
        assert!(meta(" ").is_empty());
    }

    #[test]
    fn restore_hash_file_is_the_package_sha512() {
        // sha512("abc"), as NuGet writes it: base64.
        let sha = "3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==";
        let xml = nuspec("    <id>Serilog</id>\n    <version>3.1.1</version>");
        let tree = MemoryTree::default()
            .with("packages/serilog/3.1.1/serilog.3.1.1.nupkg.sha512", sha)
            .with(
                "bad/serilog/3.1.1/serilog.3.1.1.nupkg.sha512",
                "not base64!",
            );
        let cat = parse_in(&tree, "packages/serilog/3.1.1/serilog.nuspec", &xml);
        let h = &cat.components[0].hashes;
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].algorithm, HashAlgorithm::Sha512);
        assert!(h[0].value.starts_with("ddaf35a193617aba"));
        let cat = parse_in(&tree, "bad/serilog/3.1.1/serilog.nuspec", &xml);
        assert!(cat.components[0].hashes.is_empty());
        // A project's own nuspec has no restore hash.
        let cat = parse_in(&tree, "src/serilog.nuspec", &xml);
        assert!(cat.components[0].hashes.is_empty());
    }
}
