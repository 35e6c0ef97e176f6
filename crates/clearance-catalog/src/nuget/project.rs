//! MSBuild project files (`*.csproj`, `*.fsproj`, `*.vbproj`), SDK style or legacy.
//!
//! The project is a first-party component named by `<PackageId>`, else `<AssemblyName>`, else
//! the file name; its version is `<PackageVersion>`, else `<Version>`, else `<VersionPrefix>`
//! (with `<VersionSuffix>`); its license is `<PackageLicenseExpression>` or the file that
//! `<PackageLicenseFile>` names.
//!
//! Each `<PackageReference Include="…">` is a direct dependency with its version from the
//! `Version` attribute or child element (or `VersionOverride`), else from the nearest
//! `Directory.Packages.props` (central package management, whose `<GlobalPackageReference>`
//! items every project also gets, as build-time references). `PrivateAssets="all"` keeps the
//! package out of what the project ships and out of its consumers: scope `build` (analyzers,
//! source link, build tools); any other reference is `runtime`. A version that is a range or
//! floating (`[1.0,2.0)`, `6.*`) pins nothing, and the component has no version.
//!
//! Properties come from the project and from the nearest `Directory.Build.props` above it
//! (which MSBuild imports first, so the project's own definitions win); `$(Property)` references
//! are expanded from them (and `$(MSBuildProjectName)`). Conditions are not evaluated, other
//! imports are not followed, and items of `Directory.Build.props` are not read: a value that still
//! holds a reference that cannot be expanded is left out.

use std::collections::{BTreeSet, HashMap, HashSet};

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode, Scope};
use roxmltree::{Document, Node};

use super::{
    attr, child, file_stem, is, line_of, normalise_version, nuget_purl, parse_xml, pinned_version,
    text,
};
use crate::util::{self, declared_license, declared_license_file, source};
use crate::{Catalog, Cataloger, ManifestFile, Tree};

/// `*.csproj`, `*.fsproj`, `*.vbproj`.
pub struct NugetProject;

/// Where a property was set.
#[derive(Clone, Debug, PartialEq)]
struct At {
    /// The file that set it (the project, or the `Directory.Build.props` it imports).
    path: String,
    /// 1-based line.
    line: u32,
}

/// The properties of a project file, last definition winning (as MSBuild reads them): those of
/// the nearest `Directory.Build.props` first (MSBuild imports it before the project's own), then
/// the project's.
struct Properties {
    values: HashMap<String, (String, At)>,
}

impl Properties {
    fn read(doc: &Document<'_>, path: &str) -> Self {
        let mut values = HashMap::new();
        values.insert(
            "msbuildprojectname".to_string(),
            (
                file_stem(path).to_string(),
                At {
                    path: path.to_string(),
                    line: 1,
                },
            ),
        );
        let mut props = Properties { values };
        props.add(doc, path);
        props
    }

    /// The properties of a project file and of the nearest `Directory.Build.props` above it.
    /// A props file that does not parse is a problem of that file.
    fn read_with_build_props(
        doc: &Document<'_>,
        file: &ManifestFile<'_>,
        problems: &mut Vec<Problem>,
    ) -> Self {
        let mut props = Properties::read(doc, file.path);
        if let Some((path, bytes)) = nearest(file, "Directory.Build.props") {
            let props_file = ManifestFile::new(&path, &bytes, file.tree);
            match parse_xml(&props_file) {
                Ok(build) => {
                    props.add(&build, &path);
                    // The project's own definitions come after the import.
                    props.add(doc, file.path);
                }
                Err(p) => problems.push(p),
            }
        }
        props
    }

    fn add(&mut self, doc: &Document<'_>, path: &str) {
        for group in doc
            .root_element()
            .descendants()
            .filter(|n| is(*n, "PropertyGroup"))
        {
            for p in group.children().filter(Node::is_element) {
                let value = text(p).unwrap_or_default();
                let at = At {
                    path: path.to_string(),
                    line: line_of(p),
                };
                self.values
                    .insert(p.tag_name().name().to_ascii_lowercase(), (value, at));
            }
        }
    }

    /// A property's value with references expanded, and where it was set; `None` when it is
    /// not set, blank, or still holds a reference that cannot be expanded.
    fn get(&self, name: &str) -> Option<(String, At)> {
        let (v, at) = self.values.get(&name.to_ascii_lowercase())?;
        let v = self.expand(v)?;
        (!v.trim().is_empty()).then(|| (v.trim().to_string(), at.clone()))
    }

    /// Expands `$(Name)` references (nested up to a few levels); `None` when one is unknown.
    fn expand(&self, value: &str) -> Option<String> {
        let mut v = value.to_string();
        for _ in 0..8 {
            let Some(start) = v.find("$(") else {
                return Some(v);
            };
            let end = start + v.get(start..)?.find(')')?;
            let name = v.get(start + 2..end)?.trim().to_ascii_lowercase();
            let (replacement, _) = self.values.get(&name)?;
            v = format!("{}{}{}", &v[..start], replacement, &v[end + 1..]);
        }
        (!v.contains("$(")).then_some(v)
    }
}

/// A `<PackageReference>` as read.
struct Reference {
    id: String,
    version: Option<String>,
    build_only: bool,
    line: u32,
}

impl Cataloger for NugetProject {
    fn name(&self) -> &'static str {
        "nuget-project"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Nuget
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "*.csproj",
            "**/*.csproj",
            "*.fsproj",
            "**/*.fsproj",
            "*.vbproj",
            "**/*.vbproj",
        ]
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
        if !is(root, "Project") {
            return Catalog::problem(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!(
                        "the root element is `<{}>`, expected `<Project>`",
                        root.tag_name().name()
                    ),
                )
                .at_line(line_of(root)),
            );
        }
        let mut problems = Vec::new();
        let props = Properties::read_with_build_props(&doc, file, &mut problems);
        let (name, version) = identity(&props, file.path);
        let src = source(self.name(), file.path, Some(line_of(root)));

        let mut project = Component::new(
            Ecosystem::Nuget,
            name.clone(),
            version.clone(),
            nuget_purl(&name, version.as_deref()),
        );
        project.origin = Origin::FirstParty;
        project.roots.push(file.dir().to_string());
        if let Some((expr, at)) = props.get("PackageLicenseExpression") {
            project.declared.push(declared_license(
                &expr,
                source(self.name(), &at.path, Some(at.line)),
                None,
            ));
        }
        if let Some((name, at)) = props.get("PackageLicenseFile") {
            let path = license_file_path(root, file, &name, &at);
            if !file.tree.is_file(&path) {
                problems.push(
                    Problem::new(
                        ProblemCode::MissingLicenseFile,
                        &at.path,
                        format!(
                            "`<PackageLicenseFile>{name}</PackageLicenseFile>` names `{path}`, which is not in the tree"
                        ),
                    )
                    .at_line(at.line),
                );
            }
            project.declared.push(declared_license_file(
                &format!("license file: {name}"),
                source(self.name(), &at.path, Some(at.line)),
                path,
            ));
        }
        project.sources.push(src);

        let central = Central::read(file, &mut problems);
        let mut components = Vec::new();
        let mut deps = BTreeSet::new();
        for node in root.descendants().filter(|n| is(*n, "PackageReference")) {
            let line = line_of(node);
            let Some(reference) = read_reference(node, &props, line, file, &central, &mut problems)
            else {
                continue;
            };
            let purl = nuget_purl(&reference.id, reference.version.as_deref());
            deps.insert(purl.clone());
            let mut c = Component::new(Ecosystem::Nuget, reference.id, reference.version, purl);
            c.direct = Some(true);
            c.scope = Some(if reference.build_only {
                Scope::Build
            } else {
                Scope::Runtime
            });
            c.sources
                .push(source(self.name(), file.path, Some(reference.line)));
            components.push(c);
        }
        for global in central.globals {
            let purl = nuget_purl(&global.id, global.version.as_deref());
            deps.insert(purl.clone());
            let mut c = Component::new(Ecosystem::Nuget, global.id, global.version, purl);
            c.direct = Some(true);
            c.scope = Some(Scope::Build);
            c.sources
                .push(source(self.name(), &global.path, Some(global.line)));
            components.push(c);
        }
        for node in root.descendants().filter(|n| is(*n, "ProjectReference")) {
            if let Some(include) = attr(node, "Include").and_then(|i| props.expand(i)) {
                deps.insert(project_reference_purl(file, &include));
            }
        }
        project.dependencies = deps.into_iter().collect();
        components.insert(0, project);
        Catalog {
            components,
            problems,
        }
    }
}

/// The project's package id and version.
fn identity(props: &Properties, path: &str) -> (String, Option<String>) {
    let name = ["PackageId", "AssemblyName"]
        .iter()
        .find_map(|p| props.get(p))
        .map_or_else(|| file_stem(path).to_string(), |(v, _)| v);
    let version = ["PackageVersion", "Version"]
        .iter()
        .find_map(|p| props.get(p))
        .map(|(v, _)| v)
        .or_else(|| {
            let (prefix, _) = props.get("VersionPrefix")?;
            Some(match props.get("VersionSuffix") {
                Some((suffix, _)) => format!("{prefix}-{suffix}"),
                None => prefix,
            })
        })
        .map(|v| normalise_version(&v));
    (name, version)
}

/// Where the file named by `<PackageLicenseFile>` is in the tree: the item packed at the
/// package's root under that name (`<None Include="../../LICENSE.txt" Pack="true"
/// PackagePath="" />`), else the directory of the file that set the property when the file is
/// there, else the project's directory.
fn license_file_path(root: Node<'_, '_>, file: &ManifestFile<'_>, name: &str, at: &At) -> String {
    let packed = root
        .descendants()
        .filter(|n| {
            n.is_element() && attr(*n, "Pack").is_some_and(|p| p.eq_ignore_ascii_case("true"))
        })
        .filter_map(|n| attr(n, "Include"))
        .find(|inc| {
            let base = inc.rsplit(['/', '\\']).next().unwrap_or(inc);
            base.eq_ignore_ascii_case(name)
        })
        .and_then(|inc| util::join(file.dir(), inc));
    let beside = util::join(util::parent(&at.path), name);
    packed
        .or_else(|| beside.filter(|p| file.tree.is_file(p)))
        .or_else(|| util::join(file.dir(), name))
        .unwrap_or_else(|| name.to_string())
}

/// Reads one `<PackageReference>`; `None` for an `Update` or `Remove` item (which changes an
/// item defined elsewhere) and for one that cannot be read (with a problem).
fn read_reference(
    node: Node<'_, '_>,
    props: &Properties,
    line: u32,
    file: &ManifestFile<'_>,
    central: &Central,
    problems: &mut Vec<Problem>,
) -> Option<Reference> {
    let Some(include) = attr(node, "Include") else {
        if attr(node, "Update").is_none() && attr(node, "Remove").is_none() {
            problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "`<PackageReference>` without `Include`; skipped",
                )
                .at_line(line),
            );
        }
        return None;
    };
    let Some(id) = props
        .expand(include)
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
    else {
        problems.push(
            Problem::new(
                ProblemCode::ManifestValue,
                file.path,
                format!("`<PackageReference Include=\"{include}\">` names no package that can be read; skipped"),
            )
            .at_line(line),
        );
        return None;
    };
    let value = |name: &str| {
        attr(node, name)
            .map(str::to_string)
            .or_else(|| child(node, name).and_then(text))
    };
    let spec = value("VersionOverride").or_else(|| value("Version"));
    let version = match spec {
        Some(s) => props.expand(&s).and_then(|s| pinned_version(&s)),
        None => central
            .versions
            .get(&id.to_ascii_lowercase())
            .and_then(|s| pinned_version(s)),
    };
    let build_only = value("PrivateAssets")
        .is_some_and(|p| p.split(';').any(|a| a.trim().eq_ignore_ascii_case("all")));
    Some(Reference {
        id,
        version,
        build_only,
        line,
    })
}

/// A `<GlobalPackageReference>` of `Directory.Packages.props`: a package every project gets,
/// always private to the build (analyzers, source link).
struct GlobalReference {
    id: String,
    version: Option<String>,
    path: String,
    line: u32,
}

/// What the nearest `Directory.Packages.props` at or above the project's directory says.
#[derive(Default)]
struct Central {
    /// `<PackageVersion Include="…" Version="…">` by lower-case id.
    versions: HashMap<String, String>,
    /// `<GlobalPackageReference Include="…" Version="…">` items.
    globals: Vec<GlobalReference>,
}

impl Central {
    /// Reads the props file; one that does not parse is a problem of that file.
    fn read(file: &ManifestFile<'_>, problems: &mut Vec<Problem>) -> Self {
        let mut out = Central::default();
        let Some((path, bytes)) = nearest(file, "Directory.Packages.props") else {
            return out;
        };
        let props_file = ManifestFile::new(&path, &bytes, file.tree);
        let doc = match parse_xml(&props_file) {
            Ok(doc) => doc,
            Err(p) => {
                problems.push(p);
                return out;
            }
        };
        let version_of = |n: Node<'_, '_>| {
            attr(n, "Version")
                .map(str::to_string)
                .or_else(|| child(n, "Version").and_then(text))
        };
        for n in doc.root_element().descendants() {
            let Some(id) = attr(n, "Include").map(str::trim).filter(|i| !i.is_empty()) else {
                continue;
            };
            if is(n, "PackageVersion") {
                if let Some(v) = version_of(n) {
                    out.versions.insert(id.to_ascii_lowercase(), v);
                }
            } else if is(n, "GlobalPackageReference") {
                out.globals.push(GlobalReference {
                    id: id.to_string(),
                    version: version_of(n).and_then(|v| pinned_version(&v)),
                    path: path.clone(),
                    line: line_of(n),
                });
            }
        }
        out
    }
}

/// The path and bytes of the nearest file named `name` at or above the project's directory.
fn nearest(file: &ManifestFile<'_>, name: &str) -> Option<(String, Vec<u8>)> {
    let mut dir = file.dir();
    loop {
        let path = if dir.is_empty() {
            name.to_string()
        } else {
            format!("{dir}/{name}")
        };
        if let Ok(bytes) = file.tree.read(&path) {
            return Some((path, bytes));
        }
        if dir.is_empty() {
            return None;
        }
        dir = util::parent(dir);
    }
}

/// A referenced project file as read from the tree: its id and version (with the properties of
/// its `Directory.Build.props`), and the paths of the projects it references in turn.
fn read_project(tree: &dyn Tree, path: &str) -> Option<(String, Option<String>, Vec<String>)> {
    let bytes = tree.read(path).ok()?;
    let file = ManifestFile::new(path, &bytes, tree);
    let doc = parse_xml(&file).ok()?;
    let props = Properties::read_with_build_props(&doc, &file, &mut Vec::new());
    let (name, version) = identity(&props, path);
    let refs = doc
        .root_element()
        .descendants()
        .filter(|n| is(*n, "ProjectReference"))
        .filter_map(|n| attr(n, "Include").and_then(|i| props.expand(i)))
        .filter_map(|inc| util::join(util::parent(path), &inc))
        .collect();
    Some((name, version, refs))
}

/// The purl of a referenced project: its id and version read from its file when it is in the
/// tree, else its file name.
fn project_reference_purl(file: &ManifestFile<'_>, include: &str) -> String {
    let read = util::join(file.dir(), include).and_then(|p| read_project(file.tree, &p));
    let (name, version) = match read {
        Some((name, version, _)) => (name, version),
        None => (file_stem(&include.replace('\\', "/")).to_string(), None),
    };
    nuget_purl(&name, version.as_deref())
}

/// The projects that the project file at `path` references, directly or through the projects
/// it references, that are in the tree: `(name, version)` by lower-case file name and by
/// lower-case package id (`packages.lock.json` names a project entry by either, in lower case).
pub(super) fn referenced_projects(
    tree: &dyn Tree,
    path: &str,
) -> HashMap<String, (String, Option<String>)> {
    let mut out = HashMap::new();
    let mut seen = HashSet::from([path.to_string()]);
    let mut queue = match read_project(tree, path) {
        Some((_, _, refs)) => refs,
        None => return out,
    };
    while let Some(p) = queue.pop() {
        // A reference cycle or a huge solution ends here.
        if !seen.insert(p.clone()) || seen.len() > 512 {
            continue;
        }
        let Some((name, version, refs)) = read_project(tree, &p) else {
            continue;
        };
        out.insert(
            file_stem(&p).to_ascii_lowercase(),
            (name.clone(), version.clone()),
        );
        out.insert(name.to_ascii_lowercase(), (name, version));
        queue.extend(refs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::declared::Reading;

    fn parse_in(tree: &MemoryTree, path: &str, xml: &str) -> Catalog {
        NugetProject.parse(&ManifestFile::new(path, xml.as_bytes(), tree))
    }

    const SDK: &str = r#"<Project Sdk="Microsoft.NET.Sdk">

  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <AssemblyName>Contoso.Orders</AssemblyName>
    <VersionPrefix>2.1.0</VersionPrefix>
    <VersionSuffix>preview.3</VersionSuffix>
    <PackageLicenseExpression>Apache-2.0 OR MIT</PackageLicenseExpression>
    <SerilogVersion>3.1.1</SerilogVersion>
  </PropertyGroup>

  <ItemGroup>
    <PackageReference Include="Serilog" Version="$(SerilogVersion)" />
    <PackageReference Include="Polly">
      <Version>8.2.0</Version>
    </PackageReference>
    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="All" />
    <PackageReference Include="Microsoft.SourceLink.GitHub" Version="8.0.0">
      <PrivateAssets>all</PrivateAssets>
      <IncludeAssets>runtime; build; native; contentfiles; analyzers</IncludeAssets>
    </PackageReference>
    <PackageReference Include="Dapper" Version="[2.1.0, 3.0.0)" />
    <PackageReference Update="Serilog" Version="3.1.2" />
    <PackageReference Version="1.0.0" />
    <ProjectReference Include="..\Contoso.Core\Contoso.Core.csproj" />
    <ProjectReference Include="..\Missing\Missing.csproj" />
  </ItemGroup>
</Project>
"#;

    #[test]
    fn sdk_project_and_references() {
        let tree = MemoryTree::default().with(
            "src/Contoso.Core/Contoso.Core.csproj",
            "<Project><PropertyGroup><Version>1.4</Version></PropertyGroup></Project>",
        );
        let cat = parse_in(&tree, "src/Contoso.Orders/Orders.csproj", SDK);
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [(Some(24), "`<PackageReference>` without `Include`; skipped")]
        );
        let project = &cat.components[0];
        assert_eq!(project.purl, "pkg:nuget/Contoso.Orders@2.1.0-preview.3");
        assert_eq!(project.origin, Origin::FirstParty);
        assert_eq!(project.roots, ["src/Contoso.Orders"]);
        assert_eq!(project.declared.len(), 1);
        assert_eq!(
            project.declared[0]
                .expression
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("Apache-2.0 OR MIT")
        );
        assert_eq!(project.declared[0].source.line, Some(8));
        assert_eq!(
            project.dependencies,
            [
                "pkg:nuget/Contoso.Core@1.4.0",
                "pkg:nuget/Dapper",
                "pkg:nuget/Microsoft.SourceLink.GitHub@8.0.0",
                "pkg:nuget/Missing",
                "pkg:nuget/Polly@8.2.0",
                "pkg:nuget/Serilog@3.1.1",
                "pkg:nuget/StyleCop.Analyzers@1.1.118",
            ]
        );
        type Row<'a> = (&'a str, Option<Scope>, Option<bool>, Option<u32>);
        let refs: Vec<Row<'_>> = cat.components[1..]
            .iter()
            .map(|c| (c.purl.as_str(), c.scope, c.direct, c.sources[0].line))
            .collect();
        assert_eq!(
            refs,
            [
                (
                    "pkg:nuget/Serilog@3.1.1",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(13)
                ),
                (
                    "pkg:nuget/Polly@8.2.0",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(14)
                ),
                (
                    "pkg:nuget/StyleCop.Analyzers@1.1.118",
                    Some(Scope::Build),
                    Some(true),
                    Some(17)
                ),
                (
                    "pkg:nuget/Microsoft.SourceLink.GitHub@8.0.0",
                    Some(Scope::Build),
                    Some(true),
                    Some(18)
                ),
                (
                    "pkg:nuget/Dapper",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(22)
                ),
            ]
        );
        assert!(
            cat.components[1..]
                .iter()
                .all(|c| c.origin == Origin::ThirdParty && c.roots.is_empty())
        );
    }

    #[test]
    fn central_package_management() {
        let tree = MemoryTree::default().with(
            "Directory.Packages.props",
            r#"<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Serilog" Version="3.1.1" />
    <PackageVersion Include="xunit" Version="2.6.2" />
    <GlobalPackageReference Include="Microsoft.CodeAnalysis.NetAnalyzers" Version="8.0.0" />
  </ItemGroup>
</Project>"#,
        );
        let cat = parse_in(
            &tree,
            "tests/Unit/Unit.csproj",
            r#"<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="serilog" />
    <PackageReference Include="xunit" VersionOverride="2.7.0" />
    <PackageReference Include="Moq" />
  </ItemGroup>
</Project>"#,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:nuget/Unit",
                "pkg:nuget/serilog@3.1.1",
                "pkg:nuget/xunit@2.7.0",
                "pkg:nuget/Moq",
                "pkg:nuget/Microsoft.CodeAnalysis.NetAnalyzers@8.0.0",
            ]
        );
        let global = &cat.components[4];
        assert_eq!(global.scope, Some(Scope::Build));
        assert_eq!(global.direct, Some(true));
        assert_eq!(global.sources[0].path, "Directory.Packages.props");
        assert_eq!(global.sources[0].line, Some(6));
        assert!(
            cat.components[0]
                .dependencies
                .contains(&"pkg:nuget/Microsoft.CodeAnalysis.NetAnalyzers@8.0.0".to_string())
        );
        assert!(cat.components[0].declared.is_empty());
    }

    #[test]
    fn corrupt_central_props_is_its_own_problem() {
        let tree = MemoryTree::default().with(
            "Directory.Packages.props",
            "<Project>\n<ItemGroup>\n</Project>",
        );
        let cat = parse_in(
            &tree,
            "App.csproj",
            r#"<Project><ItemGroup><PackageReference Include="A" /></ItemGroup></Project>"#,
        );
        assert_eq!(cat.components.len(), 2);
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].path, "Directory.Packages.props");
        assert_eq!(cat.problems[0].line, Some(3));
    }

    #[test]
    fn legacy_project_with_license_file() {
        let tree = MemoryTree::default().with("LICENSE.txt", "MIT License");
        let cat = parse_in(
            &tree,
            "src/Legacy/Legacy.vbproj",
            r#"<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <AssemblyName>$(MSBuildProjectName).Core</AssemblyName>
    <PackageLicenseFile>LICENSE.txt</PackageLicenseFile>
  </PropertyGroup>
  <ItemGroup>
    <None Include="..\..\LICENSE.txt" Pack="true" PackagePath="" />
  </ItemGroup>
</Project>"#,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let p = &cat.components[0];
        assert_eq!(p.purl, "pkg:nuget/Legacy.Core");
        assert_eq!(p.declared[0].license_file.as_deref(), Some("LICENSE.txt"));
        assert_eq!(p.declared[0].reading, Reading::Absent);
        assert_eq!(p.declared[0].raw, "license file: LICENSE.txt");
    }

    #[test]
    fn missing_license_file_and_bad_documents() {
        let tree = MemoryTree::default();
        let cat = parse_in(
            &tree,
            "a/A.fsproj",
            "<Project>\n<PropertyGroup>\n<PackageLicenseFile>EULA.rtf</PackageLicenseFile>\n<Version>$(Undefined)</Version>\n</PropertyGroup>\n</Project>",
        );
        assert_eq!(cat.components[0].purl, "pkg:nuget/A");
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::MissingLicenseFile);
        assert_eq!(cat.problems[0].line, Some(3));
        assert_eq!(
            cat.components[0].declared[0].license_file.as_deref(),
            Some("a/EULA.rtf")
        );

        let cat = parse_in(&tree, "B.csproj", "<Solution/>");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        assert!(cat.components.is_empty());

        let cat = parse_in(
            &tree,
            "C.csproj",
            "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"X\" Version=\"1\" \n</Project>",
        );
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(4));
    }

    #[test]
    fn directory_build_props_sets_defaults() {
        let tree = MemoryTree::default()
            .with(
                "Directory.Build.props",
                "<Project>\n  <PropertyGroup>\n    <Version>9.9.9</Version>\n    <PackageLicenseExpression>BSD-3-Clause</PackageLicenseExpression>\n    <CoreVersion>4.0.1</CoreVersion>\n  </PropertyGroup>\n</Project>",
            )
            .with("src/Directory.Build.props", "<Project>\n<PropertyGroup>\n<PackageLicenseFile>LICENSE</PackageLicenseFile>\n</PropertyGroup>\n</Project>")
            .with("src/LICENSE", "BSD-3-Clause");
        // The nearest props file wins; it is the only one read.
        let cat = parse_in(
            &tree,
            "src/A/A.csproj",
            "<Project><PropertyGroup><Version>1.0.0</Version></PropertyGroup></Project>",
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let a = &cat.components[0];
        assert_eq!(a.purl, "pkg:nuget/A@1.0.0");
        assert_eq!(a.declared.len(), 1);
        assert_eq!(a.declared[0].license_file.as_deref(), Some("src/LICENSE"));
        assert_eq!(a.declared[0].source.path, "src/Directory.Build.props");
        assert_eq!(a.declared[0].source.line, Some(3));

        let cat = parse_in(
            &tree,
            "B/B.csproj",
            "<Project><ItemGroup><PackageReference Include=\"Core\" Version=\"$(CoreVersion)\"/></ItemGroup></Project>",
        );
        let b = &cat.components[0];
        assert_eq!(b.purl, "pkg:nuget/B@9.9.9");
        assert_eq!(b.declared[0].raw, "BSD-3-Clause");
        assert_eq!(b.declared[0].source.path, "Directory.Build.props");
        assert_eq!(b.declared[0].source.line, Some(4));
        assert_eq!(cat.components[1].purl, "pkg:nuget/Core@4.0.1");

        let tree =
            MemoryTree::default().with("Directory.Build.props", "<Project>\n<PropertyGroup>\n");
        let cat = parse_in(
            &tree,
            "C.csproj",
            "<Project><PropertyGroup><Version>2.0</Version></PropertyGroup></Project>",
        );
        assert_eq!(cat.components[0].purl, "pkg:nuget/C@2.0.0");
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].path, "Directory.Build.props");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
    }

    #[test]
    fn property_expansion_is_bounded() {
        let tree = MemoryTree::default();
        let cat = parse_in(
            &tree,
            "Loop.csproj",
            "<Project><PropertyGroup><A>$(B)</A><B>$(A)</B><Version>$(A)</Version><PackageId>$(</PackageId></PropertyGroup></Project>",
        );
        assert_eq!(cat.components[0].purl, "pkg:nuget/Loop");
        assert_eq!(cat.components[0].version, None);
    }
}
