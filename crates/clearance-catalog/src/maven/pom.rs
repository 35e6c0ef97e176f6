//! Maven POMs (<https://maven.apache.org/pom.html>): `pom.xml` of a project or module, and
//! `*.pom` files published to a Maven-layout repository directory
//! (`<group path>/<artifact>/<version>/<artifact>-<version>.pom`).
//!
//! What is read, with Maven's inheritance rules as far as the scanned tree allows:
//!
//! - coordinates: `groupId` and `version` default to the `<parent>`'s;
//! - the parent POM, looked up at `<relativePath>` (default `../pom.xml`; an empty
//!   `<relativePath/>` skips it) when the POM found there has the parent's coordinates, else in a
//!   Maven-layout repository directory of the tree: the one holding the POM itself, or one of
//!   [`REPOSITORY_DIRS`];
//! - `${…}` in coordinates, versions and scopes: `project.version`, `project.groupId`,
//!   `project.artifactId`, `project.parent.*` (and their deprecated `pom.*` spellings), and
//!   `<properties>` of the POM and its parents (the nearest wins);
//! - `<licenses>`: the POM's own, else the nearest parent's (Maven inherits the list whole);
//! - `<dependencies>` with versions from `<dependencyManagement>` of the POM and its parents
//!   and from the BOMs they import with `<scope>import</scope>`, when those are in a repository
//!   directory of the tree;
//! - dependencies inherited from parents, in the dependency graph only.
//!
//! Not read: profiles, and settings or command-line properties.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Component, DeclaredLicense, Ecosystem, LicenseExpr, Origin, Problem, ProblemCode, Scope,
    declared::Reading,
};
use roxmltree::{Document, Node};

use super::{maven_name, maven_purl};
use crate::util::{self, declared_license, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `pom.xml` and `*.pom`: one Maven project with its declared licenses and dependencies.
///
/// A `pom.xml` of the product (not in a repository directory, not in an unpacked jar's
/// `META-INF/maven/`) is first-party; each of its dependencies becomes a third-party component
/// known by its coordinates only (direct, with the scope the POM gives). A published `*.pom` is
/// third-party; in a Maven-layout repository directory or Gradle's module cache it owns its
/// version directory.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, maven::MavenPom};
/// let tree = MemoryTree::default();
/// let pom = br#"<project>
///   <groupId>com.example</groupId><artifactId>app</artifactId><version>1.0.0</version>
///   <dependencies>
///     <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.9</version></dependency>
///   </dependencies>
/// </project>"#;
/// let catalog = MavenPom.parse(&ManifestFile::new("pom.xml", pom, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:maven/com.example/app@1.0.0");
/// assert_eq!(catalog.components[0].dependencies, ["pkg:maven/org.slf4j/slf4j-api@2.0.9"]);
/// assert_eq!(catalog.components[1].purl, "pkg:maven/org.slf4j/slf4j-api@2.0.9");
/// ```
pub struct MavenPom;

/// Maven-layout repository directories looked in for parent POMs, relative to the scanned root:
/// a user's local repository and the one Debian's Java packages install.
pub const REPOSITORY_DIRS: &[&str] = &[
    ".m2/repository",
    "root/.m2/repository",
    "usr/share/maven-repo",
];

/// How deep a parent chain is followed.
const MAX_PARENTS: usize = 16;

/// How deep imported BOMs are followed (a BOM importing a BOM …).
const MAX_IMPORT_DEPTH: usize = 4;

/// How deep `${…}` references are followed (a property naming a property …).
const MAX_INTERPOLATION: usize = 16;

/// A text value with the line it is on.
#[derive(Debug, Clone, PartialEq)]
struct Text {
    value: String,
    line: u32,
}

/// `<parent>`.
#[derive(Debug, Clone)]
struct ParentRef {
    group: Option<String>,
    artifact: Option<String>,
    version: Option<String>,
    /// `None` when absent (default `../pom.xml`), `Some("")` for an empty element.
    relative_path: Option<String>,
}

/// One `<dependency>`.
#[derive(Debug, Clone)]
struct Dependency {
    group: Option<String>,
    artifact: Option<String>,
    version: Option<String>,
    scope: Option<String>,
    optional: Option<String>,
    line: u32,
}

/// One `<license>`.
#[derive(Debug, Clone)]
struct License {
    name: Option<String>,
    url: Option<String>,
}

/// The parts of a POM the cataloger reads.
#[derive(Debug, Clone)]
struct Pom {
    path: String,
    line: u32,
    group: Option<Text>,
    artifact: Option<Text>,
    version: Option<Text>,
    parent: Option<ParentRef>,
    properties: BTreeMap<String, String>,
    /// `<licenses>` with its line, when present and not empty.
    licenses: Option<(u32, Vec<License>)>,
    dependencies: Vec<Dependency>,
    managed: Vec<Dependency>,
    /// `<organization><name>`.
    organization: Option<String>,
    /// `<developers><developer><name>`, in order.
    developers: Vec<String>,
}

fn line_of(doc: &Document<'_>, node: Node<'_, '_>) -> u32 {
    doc.text_pos_at(node.range().start).row
}

/// The element child of `node` with local name `name`.
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

/// Every element child of `node` with local name `name`.
fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// The trimmed text of an element (its text and CDATA children joined), `None` when empty.
fn text_of(node: Node<'_, '_>) -> Option<String> {
    let s: String = node
        .children()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).and_then(text_of)
}

fn child_text_line(doc: &Document<'_>, node: Node<'_, '_>, name: &str) -> Option<Text> {
    let c = child(node, name)?;
    Some(Text {
        value: text_of(c)?,
        line: line_of(doc, c),
    })
}

fn read_dependencies(doc: &Document<'_>, deps: Option<Node<'_, '_>>) -> Vec<Dependency> {
    let Some(deps) = deps else {
        return Vec::new();
    };
    children(deps, "dependency")
        .map(|d| Dependency {
            group: child_text(d, "groupId"),
            artifact: child_text(d, "artifactId"),
            version: child_text(d, "version"),
            scope: child_text(d, "scope"),
            optional: child_text(d, "optional"),
            line: line_of(doc, d),
        })
        .collect()
}

/// Parses a POM's text. Errors are problems about `path`.
fn parse_pom(path: &str, text: &str) -> Result<Pom, Problem> {
    let doc = Document::parse(text).map_err(|e| {
        // The end of a truncated file is its last line, not where parsing started.
        let line = match e {
            roxmltree::Error::UnexpectedEndOfStream => {
                crate::line_of_offset(text.as_bytes(), text.trim_end().len())
            }
            _ => e.pos().row,
        };
        Problem::new(
            ProblemCode::ManifestParse,
            path,
            format!("invalid XML: {e}"),
        )
        .at_line(line)
    })?;
    let project = doc.root_element();
    if project.tag_name().name() != "project" {
        return Err(Problem::new(
            ProblemCode::ManifestValue,
            path,
            format!(
                "the root element is `<{}>`, not `<project>`",
                project.tag_name().name()
            ),
        )
        .at_line(line_of(&doc, project)));
    }
    let parent = child(project, "parent").map(|p| ParentRef {
        group: child_text(p, "groupId"),
        artifact: child_text(p, "artifactId"),
        version: child_text(p, "version"),
        relative_path: child(p, "relativePath").map(|r| text_of(r).unwrap_or_default()),
    });
    let properties = child(project, "properties")
        .map(|props| {
            props
                .children()
                .filter(|n| n.is_element())
                .map(|n| {
                    (
                        n.tag_name().name().to_string(),
                        text_of(n).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let licenses = child(project, "licenses").and_then(|ls| {
        let list: Vec<License> = children(ls, "license")
            .map(|l| License {
                name: child_text(l, "name"),
                url: child_text(l, "url"),
            })
            .filter(|l| l.name.is_some() || l.url.is_some())
            .collect();
        (!list.is_empty()).then(|| (line_of(&doc, ls), list))
    });
    Ok(Pom {
        path: path.to_string(),
        line: line_of(&doc, project),
        group: child_text_line(&doc, project, "groupId"),
        artifact: child_text_line(&doc, project, "artifactId"),
        version: child_text_line(&doc, project, "version"),
        parent,
        properties,
        licenses,
        dependencies: read_dependencies(&doc, child(project, "dependencies")),
        managed: read_dependencies(
            &doc,
            child(project, "dependencyManagement").and_then(|m| child(m, "dependencies")),
        ),
        organization: child(project, "organization").and_then(|o| child_text(o, "name")),
        developers: child(project, "developers")
            .map(|ds| {
                children(ds, "developer")
                    .filter_map(|d| child_text(d, "name"))
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// `group/path/artifact/version/artifact-version.pom` for coordinates.
fn layout_path(group: &str, artifact: &str, version: &str) -> String {
    format!(
        "{}/{artifact}/{version}/{artifact}-{version}.pom",
        group.replace('.', "/")
    )
}

/// The repository directory that holds `path` when `path` is where a Maven-layout repository
/// keeps the POM of these coordinates (`""` for a repository at the scanned root).
fn repository_root<'p>(
    path: &'p str,
    group: &str,
    artifact: &str,
    version: &str,
) -> Option<&'p str> {
    let suffix = layout_path(group, artifact, version);
    let prefix = path.strip_suffix(&suffix)?;
    if prefix.is_empty() {
        Some("")
    } else {
        prefix.strip_suffix('/')
    }
}

/// The version directory of a POM in Gradle's module cache,
/// `files-2.1/<group>/<artifact>/<version>/<sha1>/<artifact>-<version>.pom`: the jar sits in a
/// sibling `<sha1>` directory.
fn gradle_cache_root(path: &str, artifact: &str, version: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [.., "files-2.1", _, a, v, _, file]
            if *a == artifact && *v == version && *file == format!("{artifact}-{version}.pom") =>
        {
            Some(util::parent(util::parent(path)).to_string())
        }
        _ => None,
    }
}

/// The root of an unpacked jar when `path` is its `META-INF/maven/<group>/<artifact>/pom.xml`.
fn unpacked_jar_root(path: &str) -> Option<&str> {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        [root @ .., "META-INF", "maven", _, _, "pom.xml"] => {
            let len: usize = root.iter().map(|p| p.len() + 1).sum();
            Some(path.get(..len.saturating_sub(1)).unwrap_or(""))
        }
        _ => None,
    }
}

fn read_pom(file: &ManifestFile<'_>, path: &str) -> Option<Pom> {
    let bytes = file.tree.read(path).ok()?;
    parse_pom(path, &String::from_utf8_lossy(&bytes)).ok()
}

/// The parent POM of `pom` in the tree, if any.
fn find_parent(file: &ManifestFile<'_>, pom: &Pom, repo_roots: &[String]) -> Option<Pom> {
    let parent = pom.parent.as_ref()?;
    let (group, artifact) = (parent.group.as_deref()?, parent.artifact.as_deref()?);
    let matches = |p: &Pom| {
        let g = p
            .group
            .as_ref()
            .map(|t| t.value.as_str())
            .or_else(|| p.parent.as_ref().and_then(|pp| pp.group.as_deref()));
        g == Some(group) && p.artifact.as_ref().map(|t| t.value.as_str()) == Some(artifact)
    };
    let relative = parent.relative_path.as_deref().unwrap_or("../pom.xml");
    if !relative.is_empty() {
        let dir = util::parent(&pom.path);
        let candidate = util::join(dir, relative).map(|p| {
            if p.ends_with(".xml") || p.ends_with(".pom") {
                p
            } else if p.is_empty() {
                "pom.xml".to_string()
            } else {
                format!("{p}/pom.xml")
            }
        });
        if let Some(found) = candidate
            .filter(|c| *c != pom.path)
            .and_then(|c| read_pom(file, &c))
            .filter(|p| matches(p))
        {
            return Some(found);
        }
    }
    let version = parent.version.as_deref()?;
    let rel = layout_path(group, artifact, version);
    repo_roots.iter().find_map(|root| {
        let path = if root.is_empty() {
            rel.clone()
        } else {
            format!("{root}/{rel}")
        };
        read_pom(file, &path).filter(|p| matches(p))
    })
}

/// A POM with its parents, nearest first.
struct Chain {
    poms: Vec<Pom>,
}

/// Where parent and imported POMs are looked for.
struct Lookup<'f, 'a> {
    file: &'f ManifestFile<'a>,
    repo_roots: Vec<String>,
}

/// `pom` with the parents found in the tree.
fn build_chain(ctx: &Lookup<'_, '_>, pom: Pom) -> Chain {
    let mut seen: BTreeSet<String> = BTreeSet::from([pom.path.clone()]);
    let mut chain = Chain { poms: vec![pom] };
    while chain.poms.len() < MAX_PARENTS {
        let Some(last) = chain.poms.last() else { break };
        let Some(parent) = find_parent(ctx.file, last, &ctx.repo_roots) else {
            break;
        };
        if !seen.insert(parent.path.clone()) {
            break;
        }
        chain.poms.push(parent);
    }
    chain
}

impl Chain {
    fn own(&self) -> &Pom {
        // A chain always holds the POM itself.
        &self.poms[0]
    }

    fn group(&self) -> Option<&str> {
        let own = self.own();
        own.group
            .as_ref()
            .map(|t| t.value.as_str())
            .or_else(|| own.parent.as_ref().and_then(|p| p.group.as_deref()))
    }

    fn version(&self) -> Option<&str> {
        let own = self.own();
        own.version
            .as_ref()
            .map(|t| t.value.as_str())
            .or_else(|| own.parent.as_ref().and_then(|p| p.version.as_deref()))
    }

    /// The raw value of a `${name}` reference.
    fn lookup(&self, name: &str) -> Option<String> {
        let own = self.own();
        let key = name
            .strip_prefix("project.")
            .or_else(|| name.strip_prefix("pom."))
            .unwrap_or(name);
        let builtin = match key {
            "version" => self.version().map(str::to_string),
            "groupId" => self.group().map(str::to_string),
            "artifactId" => own.artifact.as_ref().map(|t| t.value.clone()),
            "parent.version" => own.parent.as_ref().and_then(|p| p.version.clone()),
            "parent.groupId" => own.parent.as_ref().and_then(|p| p.group.clone()),
            "parent.artifactId" => own.parent.as_ref().and_then(|p| p.artifact.clone()),
            _ => None,
        };
        builtin.or_else(|| {
            self.poms
                .iter()
                .find_map(|p| p.properties.get(name).cloned())
        })
    }

    /// `value` with every `${…}` replaced, or why it cannot be.
    fn interpolate(&self, value: &str) -> Result<String, String> {
        self.interpolate_depth(value, 0)
    }

    fn interpolate_depth(&self, value: &str, depth: usize) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = value;
        while let Some(start) = rest.find("${") {
            out.push_str(rest.get(..start).unwrap_or_default());
            let after = rest.get(start + 2..).unwrap_or_default();
            let Some(end) = after.find('}') else {
                return Err("a `${` is not closed".to_string());
            };
            let name = after.get(..end).unwrap_or_default();
            if depth >= MAX_INTERPOLATION {
                return Err(format!("`${{{name}}}` refers to itself"));
            }
            let value = self.lookup(name).ok_or_else(|| {
                format!("`${{{name}}}` is not defined in the POM or its parents in the tree")
            })?;
            out.push_str(&self.interpolate_depth(&value, depth + 1)?);
            rest = after.get(end + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        Ok(out)
    }

    /// The nearest `<licenses>` of the chain, with the POM it is in.
    fn licenses(&self) -> Option<(&Pom, u32, &[License])> {
        self.poms
            .iter()
            .find_map(|p| p.licenses.as_ref().map(|(l, ls)| (p, *l, ls.as_slice())))
    }

    /// The version `<dependencyManagement>` of the chain gives `group:artifact`, interpolated:
    /// the chain's own entries first, then the BOMs it imports (`<scope>import</scope>`) that
    /// are in a repository directory of the tree, each read with its own properties.
    fn managed_version(
        &self,
        ctx: &Lookup<'_, '_>,
        group: &str,
        artifact: &str,
        depth: usize,
    ) -> Option<Result<String, String>> {
        let coords = |m: &Dependency| -> Option<(String, String)> {
            let g = self.interpolate(m.group.as_deref()?).ok()?;
            let a = self.interpolate(m.artifact.as_deref()?).ok()?;
            Some((g, a))
        };
        let is_import = |m: &Dependency| {
            m.scope
                .as_deref()
                .and_then(|s| self.interpolate(s).ok())
                .is_some_and(|s| s == "import")
        };
        let direct = self.poms.iter().flat_map(|p| &p.managed).find_map(|m| {
            if is_import(m) {
                return None;
            }
            let (g, a) = coords(m)?;
            let v = m.version.as_deref()?;
            (g == group && a == artifact).then(|| self.interpolate(v))
        });
        if direct.is_some() || depth >= MAX_IMPORT_DEPTH {
            return direct;
        }
        self.poms
            .iter()
            .flat_map(|p| &p.managed)
            .filter(|m| is_import(m))
            .find_map(|m| {
                let (g, a) = coords(m)?;
                let v = self.interpolate(m.version.as_deref()?).ok()?;
                let rel = layout_path(&g, &a, &v);
                let bom = ctx.repo_roots.iter().find_map(|root| {
                    let path = if root.is_empty() {
                        rel.clone()
                    } else {
                        format!("{root}/{rel}")
                    };
                    read_pom(ctx.file, &path)
                })?;
                build_chain(ctx, bom).managed_version(ctx, group, artifact, depth + 1)
            })
    }

    /// The scope `<dependencyManagement>` gives `group:artifact`, when the dependency has none.
    fn managed_scope(&self, group: &str, artifact: &str) -> Option<String> {
        self.poms.iter().find_map(|p| {
            p.managed.iter().find_map(|m| {
                let g = self.interpolate(m.group.as_deref()?).ok()?;
                let a = self.interpolate(m.artifact.as_deref()?).ok()?;
                (g == group && a == artifact)
                    .then(|| m.scope.clone())
                    .flatten()
            })
        })
    }
}

/// The scope of a dependency: Maven's `compile` (the default) and `runtime` ship; `test` is
/// for tests only; `provided` and `system` are on the build's classpath but supplied by the
/// environment at run time, so they do not ship with the product. `<optional>true</optional>`
/// makes a shipping dependency optional for the product's users.
fn scope_of(scope: Option<&str>, optional: bool) -> Result<Scope, String> {
    let base = match scope.unwrap_or("compile") {
        "compile" | "runtime" => Scope::Runtime,
        "test" => Scope::Test,
        "provided" | "system" => Scope::Build,
        other => return Err(other.to_string()),
    };
    Ok(if optional && base == Scope::Runtime {
        Scope::Optional
    } else {
        base
    })
}

/// Well-known license URLs, without scheme, `www.` and trailing `/`, with the SPDX expression
/// each names. GNU license URLs are left out: they do not say "only" or "or later".
const LICENSE_URLS: &[(&str, &str)] = &[
    ("apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
    ("apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
    ("apache.org/licenses/LICENSE-2.0.html", "Apache-2.0"),
    ("opensource.org/licenses/Apache-2.0", "Apache-2.0"),
    ("opensource.org/licenses/MIT", "MIT"),
    ("opensource.org/licenses/mit-license.php", "MIT"),
    ("opensource.org/licenses/BSD-2-Clause", "BSD-2-Clause"),
    ("opensource.org/licenses/BSD-3-Clause", "BSD-3-Clause"),
    ("eclipse.org/legal/epl-v10.html", "EPL-1.0"),
    ("eclipse.org/legal/epl-v20.html", "EPL-2.0"),
    ("eclipse.org/legal/epl-2.0", "EPL-2.0"),
    ("eclipse.org/org/documents/edl-v10.php", "BSD-3-Clause"),
    ("eclipse.org/org/documents/edl-v10.html", "BSD-3-Clause"),
    ("mozilla.org/MPL/2.0", "MPL-2.0"),
    ("creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"),
    ("opensource.org/licenses/UPL", "UPL-1.0"),
    (
        "oss.oracle.com/licenses/CDDL+GPL-1.1",
        "CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0",
    ),
    (
        "glassfish.dev.java.net/public/CDDL+GPL_1_1.html",
        "CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0",
    ),
];

/// The SPDX expression of a well-known license URL.
pub(super) fn license_of_url(url: &str) -> Option<&'static str> {
    let u = url.trim();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(u);
    let u = u.strip_prefix("www.").unwrap_or(u).trim_end_matches('/');
    LICENSE_URLS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(u))
        .map(|(_, id)| *id)
}

/// A `<licenses>` list as one declaration. The POM reference says of several licenses: "If
/// multiple licenses are listed, it is assumed that the user can select any of them, not that
/// they must accept all", so they are joined with `OR`. A license without a `<name>`, or whose
/// name is not recognised, is read from its `<url>` when that is a well-known license URL.
fn declared_licenses(
    licenses: &[License],
    src: clearance_model::Source,
) -> Option<DeclaredLicense> {
    let mut parts: Vec<DeclaredLicense> = Vec::new();
    for l in licenses {
        let Some(raw) = l.name.as_deref().or(l.url.as_deref()) else {
            continue;
        };
        let mut d = declared_license(raw, src.clone(), None);
        if matches!(d.reading, Reading::Unrecognised | Reading::Absent)
            && let Some(url) = l.url.as_deref()
            && let Some(id) = license_of_url(url)
            && let Ok(expr) = LicenseExpr::parse(id)
        {
            d.expression = Some(expr);
            d.reading = Reading::Mapped;
            d.notes = vec![format!("license URL `{url}` read as `{id}`")];
        }
        if d.reading != Reading::Absent && !parts.iter().any(|p| p.raw == d.raw) {
            parts.push(d);
        }
    }
    if parts.len() <= 1 {
        return parts.pop();
    }
    let raw = parts
        .iter()
        .map(|p| p.raw.as_str())
        .collect::<Vec<_>>()
        .join(" OR ");
    let reading = if parts.iter().any(|p| p.reading == Reading::Unrecognised) {
        Reading::Unrecognised
    } else if parts.iter().any(|p| p.reading == Reading::Mapped) {
        Reading::Mapped
    } else {
        Reading::Spdx
    };
    let exprs: Vec<LicenseExpr> = parts.iter().filter_map(|p| p.expression.clone()).collect();
    let mut notes: Vec<String> = parts.iter().flat_map(|p| p.notes.clone()).collect();
    notes.push(format!(
        "{} `<license>` entries read as a choice (`OR`), as the POM reference says",
        parts.len()
    ));
    Some(DeclaredLicense {
        raw,
        expression: (!exprs.is_empty()).then(|| LicenseExpr::or(exprs)),
        reading,
        license_file: None,
        notes,
        source: src,
    })
}

/// What a POM embedded in a jar (`META-INF/maven/<group>/<artifact>/pom.xml`) says, read on its
/// own: no parent is looked up (a jar holds none), but the POM's own properties and its parent's
/// coordinates fill in `${…}` references and inherited coordinates.
pub(super) struct EmbeddedPom {
    /// `groupId`, own or the parent's.
    pub group: Option<String>,
    /// `artifactId`.
    pub artifact: Option<String>,
    /// `version`, own or the parent's.
    pub version: Option<String>,
    /// The `<licenses>` as one declaration, with its source.
    pub declared: Option<DeclaredLicense>,
    /// `<organization><name>`.
    pub organization: Option<String>,
    /// `<developers><developer><name>`, in order.
    pub developers: Vec<String>,
}

/// Reads a POM embedded in a jar; `path` names it in problems, `source_path` in the declaration.
pub(super) fn read_embedded_pom(
    cataloger: &str,
    path: &str,
    source_path: &str,
    text: &str,
) -> Result<EmbeddedPom, Problem> {
    let pom = parse_pom(path, text)?;
    let declared = pom
        .licenses
        .as_ref()
        .and_then(|(line, ls)| declared_licenses(ls, source(cataloger, source_path, Some(*line))));
    let chain = Chain { poms: vec![pom] };
    let resolved = |v: Option<&str>| v.and_then(|v| chain.interpolate(v).ok());
    let artifact = chain.own().artifact.as_ref().map(|t| t.value.clone());
    let own = chain.own();
    Ok(EmbeddedPom {
        group: resolved(chain.group()),
        artifact: resolved(artifact.as_deref()),
        version: resolved(chain.version()),
        declared,
        organization: resolved(own.organization.as_deref()),
        developers: own
            .developers
            .iter()
            .filter_map(|d| resolved(Some(d)))
            .collect(),
    })
}

impl Cataloger for MavenPom {
    fn name(&self) -> &'static str {
        "maven-pom"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Maven
    }

    fn globs(&self) -> &'static [&'static str] {
        &["pom.xml", "**/pom.xml", "*.pom", "**/*.pom"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let text = String::from_utf8_lossy(file.contents);
        let pom = match parse_pom(file.path, &text) {
            Ok(p) => p,
            Err(p) => return Catalog::problem(p),
        };
        let mut problems = Vec::new();
        let Some(artifact_text) = pom.artifact.clone() else {
            return Catalog::problem(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "`<project>` has no `<artifactId>`",
                )
                .at_line(pom.line),
            );
        };
        // Where this POM sits in a repository directory, from its raw coordinates.
        let raw_group = pom
            .group
            .as_ref()
            .map(|t| t.value.clone())
            .or_else(|| pom.parent.as_ref().and_then(|p| p.group.clone()));
        let raw_version = pom
            .version
            .as_ref()
            .map(|t| t.value.clone())
            .or_else(|| pom.parent.as_ref().and_then(|p| p.version.clone()));
        let in_repository = match (&raw_group, &raw_version) {
            (Some(g), Some(v)) => repository_root(file.path, g, &artifact_text.value, v),
            _ => None,
        };
        let mut repo_roots: Vec<String> = in_repository.iter().map(|r| r.to_string()).collect();
        repo_roots.extend(REPOSITORY_DIRS.iter().map(|d| d.to_string()));

        let ctx = Lookup { file, repo_roots };
        let chain = build_chain(&ctx, pom);

        let resolve = |raw: Option<&str>, line: u32, what: &str, problems: &mut Vec<Problem>| {
            let raw = raw?;
            match chain.interpolate(raw) {
                Ok(v) => Some(v),
                Err(why) => {
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!("{what} `{raw}`: {why}"),
                        )
                        .at_line(line),
                    );
                    None
                }
            }
        };
        let own = chain.own();
        let coord_line = |t: &Option<Text>| t.as_ref().map_or(own.line, |t| t.line);
        let group = resolve(
            chain.group(),
            coord_line(&own.group),
            "`<groupId>`",
            &mut problems,
        );
        let artifact = resolve(
            Some(&artifact_text.value),
            artifact_text.line,
            "`<artifactId>`",
            &mut problems,
        )
        .unwrap_or_else(|| artifact_text.value.clone());
        let version = resolve(
            chain.version(),
            coord_line(&own.version),
            "`<version>`",
            &mut problems,
        );
        for (what, value) in [("groupId", chain.group()), ("version", chain.version())] {
            if value.is_none() {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!(
                            "`<project>` has no `<{what}>` and no `<parent>` to inherit it from"
                        ),
                    )
                    .at_line(own.line),
                );
            }
        }

        let third_party_root = in_repository
            .map(|_| util::parent(file.path).to_string())
            .or_else(|| {
                let v = raw_version.as_deref()?;
                gradle_cache_root(file.path, &artifact_text.value, v)
            })
            .or_else(|| unpacked_jar_root(file.path).map(str::to_string));
        let published = file.path.ends_with(".pom");
        let first_party = third_party_root.is_none() && !published;

        let mut c = Component::new(
            Ecosystem::Maven,
            maven_name(group.as_deref(), &artifact),
            version.clone(),
            maven_purl(group.as_deref(), &artifact, version.as_deref()),
        );
        c.origin = if first_party {
            Origin::FirstParty
        } else {
            Origin::ThirdParty
        };
        if let Some(root) = &third_party_root {
            c.roots.push(root.clone());
        } else if first_party {
            c.roots.push(file.dir().to_string());
        }
        if let Some((from, line, licenses)) = chain.licenses() {
            let src = source(self.name(), &from.path, Some(line));
            c.declared.extend(declared_licenses(licenses, src));
        }
        c.sources
            .push(source(self.name(), file.path, Some(own.line)));
        // The organisation and the developers are inherited from the nearest POM of the chain
        // that names them; a value whose `${…}` cannot be resolved is left out.
        c.supplier = chain
            .poms
            .iter()
            .find_map(|p| p.organization.as_deref())
            .and_then(|o| chain.interpolate(o).ok())
            .filter(|o| !o.trim().is_empty());
        if let Some(developers) = chain
            .poms
            .iter()
            .map(|p| &p.developers)
            .find(|d| !d.is_empty())
        {
            let names: Vec<String> = developers
                .iter()
                .filter_map(|d| chain.interpolate(d).ok())
                .collect();
            util::push_authors(&mut c.authors, names.iter().map(String::as_str));
        }

        let mut deps = Vec::new();
        let mut declared_here: BTreeSet<(String, String)> = BTreeSet::new();
        for d in &own.dependencies {
            let (Some(g), Some(a)) = (d.group.as_deref(), d.artifact.as_deref()) else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "`<dependency>` without `<groupId>` and `<artifactId>`; skipped",
                    )
                    .at_line(d.line),
                );
                continue;
            };
            let (Some(g), Some(a)) = (
                resolve(Some(g), d.line, "`<groupId>`", &mut problems),
                resolve(Some(a), d.line, "`<artifactId>`", &mut problems),
            ) else {
                continue;
            };
            let version = match &d.version {
                Some(v) => resolve(Some(v), d.line, "`<version>`", &mut problems),
                None => match chain.managed_version(&ctx, &g, &a, 0) {
                    Some(Ok(v)) => Some(v),
                    Some(Err(why)) => {
                        problems.push(
                            Problem::new(
                                ProblemCode::ManifestValue,
                                file.path,
                                format!("the managed version of `{g}:{a}`: {why}"),
                            )
                            .at_line(d.line),
                        );
                        None
                    }
                    None => {
                        problems.push(
                            Problem::new(
                                ProblemCode::ManifestValue,
                                file.path,
                                format!("dependency `{g}:{a}` has no `<version>` and no `<dependencyManagement>` entry in the POM, its parents or imported BOMs in the tree"),
                            )
                            .at_line(d.line),
                        );
                        None
                    }
                },
            };
            let raw_scope = d.scope.clone().or_else(|| chain.managed_scope(&g, &a));
            let scope_value = raw_scope
                .as_deref()
                .and_then(|s| resolve(Some(s), d.line, "`<scope>`", &mut problems));
            let optional = d
                .optional
                .as_deref()
                .and_then(|o| resolve(Some(o), d.line, "`<optional>`", &mut problems))
                .is_some_and(|o| o == "true");
            let scope = match scope_of(scope_value.as_deref(), optional) {
                Ok(s) => Some(s),
                Err(other) => {
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!("dependency `{g}:{a}` has an unknown scope `{other}`"),
                        )
                        .at_line(d.line),
                    );
                    None
                }
            };
            let purl = maven_purl(Some(&g), &a, version.as_deref());
            c.dependencies.push(purl.clone());
            declared_here.insert((g.clone(), a.clone()));
            if first_party {
                let mut dep =
                    Component::new(Ecosystem::Maven, maven_name(Some(&g), &a), version, purl);
                dep.direct = Some(true);
                dep.scope = scope;
                dep.sources
                    .push(source(self.name(), file.path, Some(d.line)));
                deps.push(dep);
            }
        }
        // Dependencies declared by parents are inherited: they belong to the graph, and each is
        // reported (with its problems) where its own POM is scanned.
        for d in chain.poms.iter().skip(1).flat_map(|p| &p.dependencies) {
            let coords = d
                .group
                .as_deref()
                .zip(d.artifact.as_deref())
                .and_then(|(g, a)| Some((chain.interpolate(g).ok()?, chain.interpolate(a).ok()?)));
            let Some((g, a)) = coords else { continue };
            if !declared_here.insert((g.clone(), a.clone())) {
                continue;
            }
            let version = match &d.version {
                Some(v) => chain.interpolate(v).ok(),
                None => chain.managed_version(&ctx, &g, &a, 0).and_then(Result::ok),
            };
            c.dependencies
                .push(maven_purl(Some(&g), &a, version.as_deref()));
        }
        c.dependencies.sort();
        c.dependencies.dedup();
        let mut components = vec![c];
        components.extend(deps);
        Catalog {
            components,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(path: &str, text: &str, tree: &MemoryTree) -> Catalog {
        MavenPom.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    fn expr(c: &Component) -> String {
        c.declared[0]
            .expression
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    const PARENT: &str = r#"<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>parent</artifactId>
  <version>2.3.0</version>
  <packaging>pom</packaging>
  <properties>
    <jackson.version>2.16.1</jackson.version>
    <jackson>${jackson.version}</jackson>
  </properties>
  <licenses>
    <license><name>Apache License, Version 2.0</name></license>
  </licenses>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.fasterxml.jackson.core</groupId>
        <artifactId>jackson-databind</artifactId>
        <version>${jackson}</version>
      </dependency>
      <dependency>
        <groupId>${project.groupId}</groupId>
        <artifactId>util</artifactId>
        <version>${project.version}</version>
        <scope>provided</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
</project>
"#;

    const CHILD: &str = r#"<project>
  <parent>
    <groupId>com.example</groupId>
    <artifactId>parent</artifactId>
    <version>2.3.0</version>
  </parent>
  <artifactId>core</artifactId>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>util</artifactId>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.13.2</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>com.google.code.findbugs</groupId>
      <artifactId>jsr305</artifactId>
      <version>3.0.2</version>
      <optional>true</optional>
    </dependency>
  </dependencies>
</project>
"#;

    #[test]
    fn child_inherits_from_parent_at_default_relative_path() {
        let tree = MemoryTree::default().with("pom.xml", PARENT);
        let cat = parse("core/pom.xml", CHILD, &tree);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let core = &cat.components[0];
        assert_eq!(core.purl, "pkg:maven/com.example/core@2.3.0");
        assert_eq!(core.name, "com.example:core");
        assert_eq!(core.origin, Origin::FirstParty);
        assert_eq!(core.roots, ["core"]);
        assert_eq!(expr(core), "Apache-2.0");
        assert_eq!(core.declared[0].source.path, "pom.xml");
        assert_eq!(core.declared[0].source.line, Some(12));
        assert_eq!(
            core.dependencies,
            [
                "pkg:maven/com.example/util@2.3.0",
                "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1",
                "pkg:maven/com.google.code.findbugs/jsr305@3.0.2",
                "pkg:maven/junit/junit@4.13.2",
            ]
        );
        let deps: Vec<(&str, Option<Scope>, Option<u32>)> = cat.components[1..]
            .iter()
            .map(|c| (c.purl.as_str(), c.scope, c.sources[0].line))
            .collect();
        assert_eq!(
            deps,
            [
                (
                    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1",
                    Some(Scope::Runtime),
                    Some(9)
                ),
                (
                    "pkg:maven/com.example/util@2.3.0",
                    Some(Scope::Build),
                    Some(13)
                ),
                ("pkg:maven/junit/junit@4.13.2", Some(Scope::Test), Some(17)),
                (
                    "pkg:maven/com.google.code.findbugs/jsr305@3.0.2",
                    Some(Scope::Optional),
                    Some(23)
                ),
            ]
        );
        assert!(cat.components[1..].iter().all(|c| c.direct == Some(true)
            && c.origin == Origin::ThirdParty
            && c.roots.is_empty()
            && c.declared.is_empty()));
    }

    #[test]
    fn parent_not_in_tree_leaves_unresolved_values_as_problems() {
        let cat = parse("core/pom.xml", CHILD, &MemoryTree::default());
        // Coordinates still come from `<parent>`.
        assert_eq!(cat.components[0].purl, "pkg:maven/com.example/core@2.3.0");
        assert!(cat.components[0].declared.is_empty());
        let lines: Vec<Option<u32>> = cat.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(9), Some(13)]);
        assert_eq!(
            cat.problems[0].message,
            "dependency `com.fasterxml.jackson.core:jackson-databind` has no `<version>` and no `<dependencyManagement>` entry in the POM, its parents or imported BOMs in the tree"
        );
        // The dependency is still listed, without a version.
        assert_eq!(
            cat.components[1].purl,
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind"
        );
    }

    #[test]
    fn parent_with_other_coordinates_at_relative_path_is_not_used() {
        let other = PARENT.replace(
            "<artifactId>parent</artifactId>",
            "<artifactId>other</artifactId>",
        );
        let tree = MemoryTree::default().with("pom.xml", other);
        let cat = parse("core/pom.xml", CHILD, &tree);
        assert!(cat.components[0].declared.is_empty());
        assert_eq!(cat.problems.len(), 2);
    }

    #[test]
    fn parent_in_repository_directory() {
        let tree = MemoryTree::default().with(
            ".m2/repository/com/example/parent/2.3.0/parent-2.3.0.pom",
            PARENT,
        );
        let child = CHILD.replace(
            "<version>2.3.0</version>\n  </parent>",
            "<version>2.3.0</version>\n    <relativePath/>\n  </parent>",
        );
        let cat = parse("pom.xml", &child, &tree);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(
            cat.components[0].declared[0].source.path,
            ".m2/repository/com/example/parent/2.3.0/parent-2.3.0.pom"
        );
    }

    #[test]
    fn published_pom_in_repository_is_third_party_and_owns_its_directory() {
        let path = "lib/repo/com/example/core/2.3.0/core-2.3.0.pom";
        let tree = MemoryTree::default()
            .with("lib/repo/com/example/parent/2.3.0/parent-2.3.0.pom", PARENT);
        let cat = parse(path, CHILD, &tree);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(
            cat.components.len(),
            1,
            "dependencies of a published POM are its graph only"
        );
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.roots, ["lib/repo/com/example/core/2.3.0"]);
        assert_eq!(expr(c), "Apache-2.0");
        assert_eq!(c.dependencies.len(), 4);
        assert_eq!(repository_root("a/b/1/b-1.pom", "a", "b", "1"), Some(""));
        assert_eq!(repository_root("xa/b/1/b-1.pom", "a", "b", "1"), None);
    }

    #[test]
    fn pom_in_gradle_module_cache_owns_its_version_directory() {
        let path = "home/builder/.gradle/caches/modules-2/files-2.1/com.google.guava/guava/33.0.0-jre/4f2b1b3c5e/guava-33.0.0-jre.pom";
        let pom = "<project><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.0.0-jre</version></project>";
        let cat = parse(path, pom, &MemoryTree::default());
        assert_eq!(
            cat.components[0].roots,
            ["home/builder/.gradle/caches/modules-2/files-2.1/com.google.guava/guava/33.0.0-jre"]
        );
        assert_eq!(cat.components[0].origin, Origin::ThirdParty);
        assert_eq!(
            gradle_cache_root("files-2.1/g/a/1/h/b-1.pom", "a", "1"),
            None
        );
        // A POM elsewhere is third-party, but owns no directory.
        let cat = parse("libs/guava-33.0.0-jre.pom", pom, &MemoryTree::default());
        assert_eq!(cat.components[0].origin, Origin::ThirdParty);
        assert!(cat.components[0].roots.is_empty());
    }

    #[test]
    fn unpacked_jar_pom() {
        assert_eq!(
            unpacked_jar_root("lib/guava/META-INF/maven/com.google.guava/guava/pom.xml"),
            Some("lib/guava")
        );
        assert_eq!(
            unpacked_jar_root("META-INF/maven/com.google.guava/guava/pom.xml"),
            Some("")
        );
        assert_eq!(unpacked_jar_root("guava/pom.xml"), None);
        let pom = "<project><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.0.0-jre</version></project>";
        let cat = parse(
            "lib/guava/META-INF/maven/com.google.guava/guava/pom.xml",
            pom,
            &MemoryTree::default(),
        );
        assert_eq!(cat.components[0].origin, Origin::ThirdParty);
        assert_eq!(cat.components[0].roots, ["lib/guava"]);
    }

    #[test]
    fn several_licenses_are_a_choice() {
        let pom = r#"<project>
  <groupId>org.rocksdb</groupId><artifactId>rocksdbjni</artifactId><version>7.2.2</version>
  <licenses>
    <license><name>Apache License 2.0</name><url>http://www.apache.org/licenses/LICENSE-2.0.html</url></license>
    <license><name>GNU General Public License, version 2</name></license>
    <license><url>https://example.com/eula.html</url></license>
  </licenses>
</project>"#;
        let cat = parse("pom.xml", pom, &MemoryTree::default());
        let d = &cat.components[0].declared;
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].raw,
            "Apache License 2.0 OR GNU General Public License, version 2 OR https://example.com/eula.html"
        );
        assert_eq!(d[0].reading, Reading::Unrecognised);
        let e = d[0].expression.as_ref().unwrap().to_string();
        assert!(
            e.starts_with("Apache-2.0 OR GPL-2.0-only OR LicenseRef-"),
            "{e}"
        );
        assert_eq!(d[0].source.line, Some(3));
        assert!(d[0].notes.iter().any(|n| n.contains("choice")));
    }

    #[test]
    fn license_read_from_url_when_the_name_says_nothing_known() {
        let pom = r#"<project>
  <groupId>javax.servlet</groupId><artifactId>javax.servlet-api</artifactId><version>4.0.1</version>
  <licenses>
    <license>
      <name>CDDL + GPLv2 with classpath exception</name>
      <url>https://oss.oracle.com/licenses/CDDL+GPL-1.1</url>
    </license>
  </licenses>
</project>"#;
        let cat = parse("pom.xml", pom, &MemoryTree::default());
        let d = &cat.components[0].declared[0];
        assert_eq!(d.raw, "CDDL + GPLv2 with classpath exception");
        assert_eq!(
            expr(&cat.components[0]),
            "CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0"
        );
        assert_eq!(d.reading, Reading::Mapped);
        assert_eq!(
            d.notes,
            [
                "license URL `https://oss.oracle.com/licenses/CDDL+GPL-1.1` read as `CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0`"
            ]
        );
        assert_eq!(
            license_of_url("http://www.apache.org/licenses/LICENSE-2.0.txt"),
            Some("Apache-2.0")
        );
        assert_eq!(
            license_of_url("https://www.eclipse.org/legal/epl-v20.html/"),
            Some("EPL-2.0")
        );
        assert_eq!(
            license_of_url("https://www.gnu.org/licenses/lgpl-2.1.html"),
            None
        );
        // A recognised name is not second-guessed by its URL.
        let pom = pom.replace("CDDL + GPLv2 with classpath exception", "MIT License");
        let cat = parse("pom.xml", &pom, &MemoryTree::default());
        assert_eq!(expr(&cat.components[0]), "MIT");
    }

    #[test]
    fn properties_and_project_references() {
        let pom = r#"<project>
  <groupId>${org}</groupId>
  <artifactId>app</artifactId>
  <version>${revision}${changelist}</version>
  <properties>
    <org>com.example</org>
    <revision>1.4</revision>
    <changelist>-SNAPSHOT</changelist>
    <loop>${loop}</loop>
  </properties>
  <dependencies>
    <dependency><groupId>${project.groupId}</groupId><artifactId>lib</artifactId><version>${project.version}</version></dependency>
    <dependency><groupId>x</groupId><artifactId>y</artifactId><version>${loop}</version></dependency>
    <dependency><groupId>x</groupId><artifactId>z</artifactId><version>${nope</version></dependency>
    <dependency><groupId>x</groupId><artifactId>w</artifactId><version>1</version><scope>bogus</scope></dependency>
    <dependency><artifactId>w</artifactId></dependency>
  </dependencies>
</project>"#;
        let cat = parse("pom.xml", pom, &MemoryTree::default());
        assert_eq!(
            cat.components[0].purl,
            "pkg:maven/com.example/app@1.4-SNAPSHOT"
        );
        assert_eq!(
            cat.components[1].purl,
            "pkg:maven/com.example/lib@1.4-SNAPSHOT"
        );
        assert_eq!(cat.components[2].purl, "pkg:maven/x/y");
        assert_eq!(cat.components[4].scope, None);
        let problems: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    Some(13),
                    "`<version>` `${loop}`: `${loop}` refers to itself"
                ),
                (Some(14), "`<version>` `${nope`: a `${` is not closed"),
                (Some(15), "dependency `x:w` has an unknown scope `bogus`"),
                (
                    Some(16),
                    "`<dependency>` without `<groupId>` and `<artifactId>`; skipped"
                ),
            ]
        );
    }

    #[test]
    fn corrupt_and_foreign_xml() {
        let cat = parse(
            "pom.xml",
            "<project>\n  <artifactId>a</artifactId>\n  <version>1</oops>\n</project>\n",
            &MemoryTree::default(),
        );
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(3));
        assert!(cat.problems[0].message.starts_with("invalid XML: "));

        let cat = parse(
            "pom.xml",
            "<?xml version=\"1.0\"?>\n<settings/>",
            &MemoryTree::default(),
        );
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        assert_eq!(cat.problems[0].line, Some(2));

        let cat = parse(
            "pom.xml",
            "\n<project><artifactId>a</artifactId></project>",
            &MemoryTree::default(),
        );
        assert_eq!(cat.components[0].purl, "pkg:maven/a");
        let got: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some(2),
                    "`<project>` has no `<groupId>` and no `<parent>` to inherit it from"
                ),
                (
                    Some(2),
                    "`<project>` has no `<version>` and no `<parent>` to inherit it from"
                ),
            ]
        );

        let cat = parse(
            "pom.xml",
            "<project>\n<groupId>g</groupId></project>",
            &MemoryTree::default(),
        );
        assert_eq!(cat.problems[0].message, "`<project>` has no `<artifactId>`");
        assert_eq!(cat.problems[0].line, Some(1));

        let cat = parse("pom.xml", "", &MemoryTree::default());
        assert_eq!(cat.problems[0].line, Some(1));
        let cat = parse(
            "pom.xml",
            "<project>\n  <artifactId>a</artifactId>\n  <vers\n\n",
            &MemoryTree::default(),
        );
        assert_eq!(cat.problems[0].line, Some(3));
        assert_eq!(
            cat.problems[0].message,
            "invalid XML: unexpected end of stream"
        );
    }

    #[test]
    fn versions_from_imported_bom_with_its_own_properties() {
        let bom = r#"<project>
  <groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId><version>2.16.1</version>
  <packaging>pom</packaging>
  <properties><jackson.version.databind>${project.version}</jackson.version.databind></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${jackson.version.databind}</version></dependency>
  </dependencies></dependencyManagement>
</project>"#;
        let app = r#"<project>
  <groupId>com.example</groupId><artifactId>app</artifactId><version>1.0</version>
  <properties><jackson.version>2.16.1</jackson.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId><version>${jackson.version}</version><type>pom</type><scope>import</scope></dependency>
    <dependency><groupId>org.example</groupId><artifactId>missing-bom</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId></dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-core</artifactId></dependency>
  </dependencies>
</project>"#;
        let tree = MemoryTree::default().with(
            ".m2/repository/com/fasterxml/jackson/jackson-bom/2.16.1/jackson-bom-2.16.1.pom",
            bom,
        );
        let cat = parse("pom.xml", app, &tree);
        assert_eq!(
            cat.components[1].purl,
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1"
        );
        assert_eq!(cat.components[1].scope, Some(Scope::Runtime));
        assert_eq!(
            cat.components[2].purl,
            "pkg:maven/com.fasterxml.jackson.core/jackson-core"
        );
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].line, Some(10));
        // The BOM itself is not a dependency.
        assert_eq!(cat.components.len(), 3);
    }

    #[test]
    fn every_truncation_parses_without_panic() {
        let tree = MemoryTree::default().with("pom.xml", PARENT);
        for (i, _) in CHILD.char_indices() {
            let cat = parse("core/pom.xml", &CHILD[..i], &tree);
            assert!(
                !cat.components.is_empty() || !cat.problems.is_empty(),
                "prefix of {i} bytes"
            );
        }
        let cat = MavenPom.parse(&ManifestFile::new(
            "pom.xml",
            b"<project>\xff\xfe<artifactId>a\x00</artifactId></project>",
            &tree,
        ));
        assert!(!cat.problems.is_empty());
    }

    #[test]
    fn parent_cycle_stops() {
        let a = "<project><parent><groupId>g</groupId><artifactId>b</artifactId><version>1</version><relativePath>b/pom.xml</relativePath></parent><artifactId>a</artifactId><properties><p>${q}</p></properties></project>";
        let b = "<project><parent><groupId>g</groupId><artifactId>a</artifactId><version>1</version><relativePath>../pom.xml</relativePath></parent><artifactId>b</artifactId><properties><q>${p}</q></properties></project>";
        let tree = MemoryTree::default()
            .with("pom.xml", a)
            .with("b/pom.xml", b);
        let pom = a.replace(
            "<artifactId>a</artifactId>",
            "<artifactId>a</artifactId><version>${p}</version>",
        );
        let cat = parse("pom.xml", &pom, &tree);
        assert_eq!(cat.components[0].purl, "pkg:maven/g/a");
        assert_eq!(cat.problems.len(), 1);
    }

    #[test]
    fn organization_and_developers() {
        let parent = r#"<project>
  <groupId>com.example</groupId>
  <artifactId>parent</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <properties><org>Example Corp</org></properties>
  <organization><name>${org}</name><url>https://example.com</url></organization>
  <developers>
    <developer><id>jd</id><name>Jane Doe</name><email>jane@example.com</email></developer>
    <developer><id>nameless</id></developer>
    <developer><name>  </name></developer>
    <developer><name>${undefined}</name></developer>
  </developers>
</project>
"#;
        let child = r#"<project>
  <parent><groupId>com.example</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>
  <artifactId>core</artifactId>
</project>
"#;
        let tree = MemoryTree::default().with("pom.xml", parent);
        let cat = parse("pom.xml", parent, &tree);
        assert_eq!(cat.components[0].supplier.as_deref(), Some("Example Corp"));
        assert_eq!(cat.components[0].authors, ["Jane Doe"]);
        // Inherited by a module that names neither.
        let cat = parse("core/pom.xml", child, &tree);
        assert_eq!(cat.components[0].supplier.as_deref(), Some("Example Corp"));
        assert_eq!(cat.components[0].authors, ["Jane Doe"]);
        // An organisation without a name, and an unresolvable one, supply nothing.
        let own = r#"<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
  <organization><url>https://x</url></organization></project>"#;
        let cat = parse("a/pom.xml", own, &MemoryTree::default());
        assert_eq!(cat.components[0].supplier, None);
        assert!(cat.components[0].authors.is_empty());
        let own = r#"<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>
  <organization><name>${nope}</name></organization></project>"#;
        let cat = parse("a/pom.xml", own, &MemoryTree::default());
        assert_eq!(cat.components[0].supplier, None);
    }
}
