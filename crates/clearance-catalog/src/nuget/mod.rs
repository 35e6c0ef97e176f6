//! .NET (NuGet): `packages.lock.json` lockfiles, SDK and legacy project files (`*.csproj`,
//! `*.fsproj`, `*.vbproj`), legacy `packages.config` lists and the `*.nuspec` manifests of
//! restored packages.
//!
//! - [`NugetPackagesLock`] reads every resolved package of every target framework of a
//!   `packages.lock.json` (versions 1 and 2), whether it is direct, and the dependency graph.
//! - [`NugetProject`] reads a project file: the project itself (first party, with its
//!   `<PackageLicenseExpression>` or `<PackageLicenseFile>`) and its `<PackageReference>` items,
//!   with versions from the item or from central package management (`Directory.Packages.props`).
//! - [`NugetProjectAssets`] reads the `obj/project.assets.json` a restore writes: every resolved
//!   package and project per framework, which are direct, and the graph.
//! - [`NugetPackagesConfig`] reads a legacy `packages.config`.
//! - [`NugetNuspec`] reads a `.nuspec`: a restored package in the global packages folder
//!   (`<id>/<version>/<id>.nuspec`) or a legacy `packages/<Id>.<version>/` folder, whose directory
//!   becomes the component's root, or the product's own package specification.
//!
//! A project file, lockfile or `packages.config` inside an installed package (under
//! `node_modules`, or in a restored NuGet package's folder: a project template, a sample) is
//! content of that package and yields nothing.
//!
//! NuGet package ids are case-insensitive; purls keep the spelling the file uses. Versions are
//! written in NuGet's normalised form (`1.0` → `1.0.0`, `4.3.0.0` → `4.3.0`, no build metadata),
//! the form lockfiles and the packages folders use.

mod assets;
mod lock;
mod nuspec;
mod packages_config;
mod project;

#[cfg(test)]
mod fixture_tests;

use clearance_model::{Ecosystem, Problem, ProblemCode, purl};
use roxmltree::{Document, Node, ParsingOptions};

use crate::ManifestFile;
use crate::util;

pub use assets::NugetProjectAssets;
pub use lock::NugetPackagesLock;
pub use nuspec::NugetNuspec;
pub use packages_config::NugetPackagesConfig;
pub use project::NugetProject;

/// The package URL of a NuGet package (`pkg:nuget/Newtonsoft.Json@13.0.3`).
fn nuget_purl(id: &str, version: Option<&str>) -> String {
    purl(Ecosystem::Nuget, None, id, version)
}

/// NuGet's normalised form of a version: at least three numeric parts, a fourth only when it is
/// not zero, leading zeros dropped, build metadata (`+…`) dropped. A string that is not a NuGet
/// version is returned trimmed, unchanged.
fn normalise_version(v: &str) -> String {
    let v = v.trim();
    let no_meta = v.split_once('+').map_or(v, |(a, _)| a);
    let (core, pre) = match no_meta.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (no_meta, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    let numeric: Option<Vec<u64>> = parts.iter().map(|p| p.parse::<u64>().ok()).collect();
    let Some(mut nums) = numeric.filter(|n| (1..=4).contains(&n.len())) else {
        return v.to_string();
    };
    if pre.is_some_and(str::is_empty) {
        return v.to_string();
    }
    while nums.len() < 3 {
        nums.push(0);
    }
    if nums.len() == 4 && nums[3] == 0 {
        nums.truncate(3);
    }
    let mut out = nums
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".");
    if let Some(p) = pre {
        out.push('-');
        out.push_str(p);
    }
    out
}

/// `true` when `v` is a plain NuGet version (no range, no floating `*`, no MSBuild property).
fn is_plain_version(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && v.starts_with(|c: char| c.is_ascii_digit())
        && !v.contains(['*', '[', ']', '(', ')', ',', '$', ' '])
}

/// The version a dependency specification pins: a plain version (`13.0.3`, which NuGet resolves
/// to that version when it is available) or an exact range (`[13.0.3]`). Ranges and floating
/// versions pin nothing.
fn pinned_version(spec: &str) -> Option<String> {
    let s = spec.trim();
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s)
        .trim();
    is_plain_version(inner).then(|| normalise_version(inner))
}

/// The inclusive lower bound of a version range (`[1.0, 2.0)`, `1.0`), normalised.
fn minimum_version(spec: &str) -> Option<String> {
    let s = spec.trim();
    if let Some(rest) = s.strip_prefix('[') {
        let low = rest.split([',', ']']).next().unwrap_or("").trim();
        return is_plain_version(low).then(|| normalise_version(low));
    }
    pinned_version(s)
}

/// Parses an XML file. A byte-order mark is allowed; a document type declaration is allowed
/// but its entities are not expanded beyond what `roxmltree` does. A parse error becomes a
/// `manifest-parse` problem at its line.
fn parse_xml<'a>(file: &ManifestFile<'a>) -> Result<Document<'a>, Problem> {
    let text = file.text()?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(body, options).map_err(|e| {
        Problem::new(
            ProblemCode::ManifestParse,
            file.path,
            format!("invalid XML: {e}"),
        )
        .at_line(e.pos().row.max(1))
    })
}

/// 1-based line where an element starts.
fn line_of(node: Node<'_, '_>) -> u32 {
    node.document().text_pos_at(node.range().start).row.max(1)
}

/// `true` when `node` is an element named `name` (ignoring namespace and ASCII case: MSBuild
/// reads element names case-insensitively).
fn is(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

/// The child elements of `node` named `name`.
fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| is(*c, name))
}

/// The first child element named `name`.
fn child<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> Option<Node<'a, 'i>> {
    children(node, name).next()
}

/// An attribute by name, ignoring ASCII case (MSBuild does).
fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name().eq_ignore_ascii_case(name))
        .map(|a| a.value())
}

/// The trimmed text of an element (its text children joined), `None` when blank.
fn text(node: Node<'_, '_>) -> Option<String> {
    let t: String = node
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// `true` when the file lies inside an installed package rather than in the product's own tree:
/// under `node_modules`, or in a folder NuGet restored a package into (one holding the restore's
/// `.nupkg.metadata`, or a legacy `packages/<Id>.<version>/` folder holding its `.nupkg`). Such
/// a project file, lockfile or `packages.config` is content of that package (a project
/// template, a sample), not part of what the product builds.
fn in_installed_package(file: &ManifestFile<'_>) -> bool {
    if util::has_dir(file.path, "node_modules") {
        return true;
    }
    let mut dir = file.dir();
    while !dir.is_empty() {
        let parent = util::parent(dir);
        let name = dir.rsplit('/').next().unwrap_or(dir);
        if file.tree.is_file(&format!("{dir}/.nupkg.metadata")) {
            return true;
        }
        let parent_name = parent.rsplit('/').next().unwrap_or(parent);
        if parent_name.eq_ignore_ascii_case("packages")
            && file.tree.is_file(&format!("{dir}/{name}.nupkg"))
        {
            return true;
        }
        dir = parent;
    }
    false
}

/// The file name without its last extension.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// The SPDX id a license URL names, for the few URLs that name one unambiguously: NuGet's own
/// license pages (`https://licenses.nuget.org/MIT`, which NuGet writes beside a license
/// expression), the SPDX list's pages, the Open Source Initiative's pages and the Apache
/// License 2.0. Any other URL names no license here.
fn url_license(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    let lower = rest.to_ascii_lowercase();
    if lower == "apache.org/licenses/license-2.0"
        || lower == "apache.org/licenses/license-2.0.html"
        || lower == "apache.org/licenses/license-2.0.txt"
    {
        return Some("Apache-2.0".to_string());
    }
    let (host_path, tail) = rest.rsplit_once('/')?;
    let host_path = host_path.to_ascii_lowercase();
    let tail = tail
        .strip_suffix(".html")
        .or_else(|| tail.strip_suffix(".php"))
        .or_else(|| tail.strip_suffix(".json"))
        .unwrap_or(tail);
    match host_path.as_str() {
        // NuGet's pages are named by the whole expression (`MIT`, `MIT%20OR%20Apache-2.0`).
        "licenses.nuget.org" => {
            let expr = tail.replace("%20", " ").replace('+', " ");
            let expr = expr.trim();
            clearance_model::LicenseExpr::parse(expr)
                .ok()
                .map(|e| e.to_string())
        }
        "spdx.org/licenses" => {
            clearance_model::expr::canonical_license_id(tail).map(str::to_string)
        }
        "opensource.org/licenses" | "opensource.org/license" => {
            let id = tail.strip_suffix("-license").unwrap_or(tail);
            clearance_model::expr::canonical_license_id(id).map(str::to_string)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_normalised() {
        assert_eq!(normalise_version("1.0"), "1.0.0");
        assert_eq!(normalise_version("4.3.0.0"), "4.3.0");
        assert_eq!(normalise_version("4.3.0.1"), "4.3.0.1");
        assert_eq!(normalise_version("01.2.3"), "1.2.3");
        assert_eq!(normalise_version("2.0.0-beta.1+sha.abc"), "2.0.0-beta.1");
        assert_eq!(normalise_version("1.2.3.4.5"), "1.2.3.4.5");
        assert_eq!(normalise_version("$(Version)"), "$(Version)");
        assert_eq!(normalise_version("1.0-"), "1.0-");
    }

    #[test]
    fn pinned_and_minimum_versions() {
        assert_eq!(pinned_version("13.0.3").as_deref(), Some("13.0.3"));
        assert_eq!(pinned_version("[13.0.3]").as_deref(), Some("13.0.3"));
        assert_eq!(pinned_version("[1.0, 2.0)"), None);
        assert_eq!(pinned_version("6.*"), None);
        assert_eq!(pinned_version("$(SerilogVersion)"), None);
        assert_eq!(pinned_version(""), None);
        assert_eq!(minimum_version("[1.0, 2.0)").as_deref(), Some("1.0.0"));
        assert_eq!(minimum_version("[4.3.0, )").as_deref(), Some("4.3.0"));
        assert_eq!(minimum_version("(4.3.0, )"), None);
        assert_eq!(minimum_version("4.3.0").as_deref(), Some("4.3.0"));
        assert_eq!(minimum_version("["), None);
    }

    #[test]
    fn license_urls() {
        assert_eq!(
            url_license("https://licenses.nuget.org/MIT").as_deref(),
            Some("MIT")
        );
        assert_eq!(
            url_license("https://licenses.nuget.org/MIT%20OR%20Apache-2.0").as_deref(),
            Some("MIT OR Apache-2.0")
        );
        assert_eq!(
            url_license("http://www.apache.org/licenses/LICENSE-2.0").as_deref(),
            Some("Apache-2.0")
        );
        assert_eq!(
            url_license("https://opensource.org/licenses/MIT").as_deref(),
            Some("MIT")
        );
        assert_eq!(
            url_license("https://spdx.org/licenses/BSD-3-Clause.html").as_deref(),
            Some("BSD-3-Clause")
        );
        assert_eq!(
            url_license("https://github.com/JamesNK/Newtonsoft.Json/blob/master/LICENSE.md"),
            None
        );
        assert_eq!(url_license("https://aka.ms/deprecateLicenseUrl"), None);
        assert_eq!(url_license("https://licenses.nuget.org/"), None);
        assert_eq!(url_license("not a url"), None);
    }

    #[test]
    fn installed_packages_are_recognised() {
        let tree = crate::MemoryTree::default()
            .with(".nuget/packages/t/1.0.0/.nupkg.metadata", "{}")
            .with("packages/T.1.0/T.1.0.nupkg", "PK");
        let inside = |path: &str| in_installed_package(&ManifestFile::new(path, b"", &tree));
        assert!(inside(".nuget/packages/t/1.0.0/content/App/App.csproj"));
        assert!(inside("packages/T.1.0/content/packages.config"));
        assert!(inside("web/node_modules/edge-js/lib/Edge.csproj"));
        assert!(!inside("src/App/App.csproj"));
        assert!(!inside("App.csproj"));
        assert!(!inside("packages/Other.2.0/x.csproj"));
    }

    #[test]
    fn stems() {
        assert_eq!(file_stem("src/Api/Contoso.Api.csproj"), "Contoso.Api");
        assert_eq!(file_stem("x"), "x");
    }
}
