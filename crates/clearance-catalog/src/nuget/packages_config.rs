//! `packages.config`: the legacy (pre-`PackageReference`) list of a project's packages.
//!
//! ```xml
//! <packages>
//!   <package id="Newtonsoft.Json" version="12.0.3" targetFramework="net472" />
//!   <package id="NUnit" version="3.13.3" targetFramework="net472" developmentDependency="true" />
//! </packages>
//! ```
//!
//! The list is flat: it holds the project's direct packages and everything they pulled in,
//! without saying which is which, and without the graph. `developmentDependency="true"` marks a
//! package used only to develop the project (scope `dev`); any other package ships (`runtime`).
//! A package restored into the solution's `packages/<Id>.<version>/` folder (beside the
//! `packages.config` or in a directory above it) gets that folder as its root.

use clearance_model::{Component, Ecosystem, Problem, ProblemCode, Scope};

use super::{attr, children, line_of, normalise_version, nuget_purl, parse_xml};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `packages.config`.
pub struct NugetPackagesConfig;

impl Cataloger for NugetPackagesConfig {
    fn name(&self) -> &'static str {
        "nuget-packages-config"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Nuget
    }

    fn globs(&self) -> &'static [&'static str] {
        &["packages.config", "**/packages.config"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // A project template or sample shipped inside an installed package is not the product's.
        if super::in_installed_package(file) {
            return Catalog::default();
        }
        let doc = match parse_xml(file) {
            Ok(d) => d,
            Err(p) => return Catalog::problem(p),
        };
        let root = doc.root_element();
        if !super::is(root, "packages") {
            return Catalog::problem(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!(
                        "the root element is `<{}>`, expected `<packages>`",
                        root.tag_name().name()
                    ),
                )
                .at_line(line_of(root)),
            );
        }
        let mut components = Vec::new();
        let mut problems = Vec::new();
        for p in children(root, "package") {
            let line = line_of(p);
            let id = attr(p, "id").map(str::trim).filter(|s| !s.is_empty());
            let version = attr(p, "version").map(str::trim).filter(|s| !s.is_empty());
            let (Some(id), Some(version)) = (id, version) else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "`<package>` without `id` and `version`; skipped",
                    )
                    .at_line(line),
                );
                continue;
            };
            let root = restored_folder(file, id, version);
            let version = normalise_version(version);
            let mut c = Component::new(
                Ecosystem::Nuget,
                id,
                Some(version.clone()),
                nuget_purl(id, Some(&version)),
            );
            let dev = attr(p, "developmentDependency")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
            c.scope = Some(if dev { Scope::Dev } else { Scope::Runtime });
            c.roots.extend(root);
            c.sources.push(source(self.name(), file.path, Some(line)));
            components.push(c);
        }
        Catalog {
            components,
            problems,
        }
    }
}

/// The solution's `packages/<Id>.<version>/` folder the package was restored into, looked for in
/// the directory of `packages.config` and each directory above it: the folder counts when it holds
/// the package's `.nupkg` or its nuspec.
fn restored_folder(file: &ManifestFile<'_>, id: &str, version: &str) -> Option<String> {
    let folder = format!("{id}.{version}");
    let markers = [format!("{folder}.nupkg"), format!("{id}.nuspec")];
    let mut dir = file.dir();
    loop {
        let candidate = if dir.is_empty() {
            format!("packages/{folder}")
        } else {
            format!("{dir}/packages/{folder}")
        };
        if markers
            .iter()
            .any(|m| file.tree.is_file(&format!("{candidate}/{m}")))
        {
            return Some(candidate);
        }
        if dir.is_empty() {
            return None;
        }
        dir = util::parent(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(xml: &str) -> Catalog {
        let tree = MemoryTree::default();
        NugetPackagesConfig.parse(&ManifestFile::new(
            "Legacy/packages.config",
            xml.as_bytes(),
            &tree,
        ))
    }

    #[test]
    fn packages_with_scopes_and_normalised_versions() {
        let cat = parse(
            "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>\n  <package id=\"EntityFramework\" version=\"6.4.4\" targetFramework=\"net48\" />\n  <package id=\"StyleCop.Analyzers\" version=\"1.1.118\" developmentDependency=\"true\" targetFramework=\"net48\" />\n  <package id=\"Owin\" version=\"1.0\" targetFramework=\"net48\" />\n</packages>\n",
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<(&str, Option<Scope>, Option<u32>)> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.scope, c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:nuget/EntityFramework@6.4.4",
                    Some(Scope::Runtime),
                    Some(3)
                ),
                (
                    "pkg:nuget/StyleCop.Analyzers@1.1.118",
                    Some(Scope::Dev),
                    Some(4)
                ),
                ("pkg:nuget/Owin@1.0.0", Some(Scope::Runtime), Some(5)),
            ]
        );
        assert!(cat.components.iter().all(|c| c.direct.is_none()));
    }

    #[test]
    fn restored_folders_above_become_roots() {
        let tree = MemoryTree::default()
            .with("packages/Owin.1.0/Owin.1.0.nupkg", "PK")
            .with("src/Web/packages/Dapper.2.1.24/Dapper.nuspec", "<package/>");
        let cat = NugetPackagesConfig.parse(&ManifestFile::new(
            "src/Web/packages.config",
            b"<packages><package id=\"Owin\" version=\"1.0\"/><package id=\"Dapper\" version=\"2.1.24\"/><package id=\"Moq\" version=\"4.20.70\"/></packages>",
            &tree,
        ));
        let roots: Vec<&[String]> = cat.components.iter().map(|c| c.roots.as_slice()).collect();
        assert_eq!(
            roots,
            [
                &["packages/Owin.1.0".to_string()][..],
                &["src/Web/packages/Dapper.2.1.24".to_string()][..],
                &[][..],
            ]
        );
    }

    #[test]
    fn bad_entries_and_documents() {
        let cat = parse(
            "<packages>\n<package id=\"A\" />\n<package id=\"B\" version=\"2.0.0\"/>\n</packages>",
        );
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].line, Some(2));
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);

        let cat = parse("<configuration/>");
        assert_eq!(
            cat.problems[0].message,
            "the root element is `<configuration>`, expected `<packages>`"
        );

        let cat = parse("<packages>\n  <package id=\"A\" version=\"1.0.0\">\n</packages>");
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(3));
        assert!(cat.problems[0].message.starts_with("invalid XML: "));
    }
}
