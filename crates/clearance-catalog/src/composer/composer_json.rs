//! `composer.json`: the project, or an installed package's manifest.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode};
use serde_json::Value;

use super::{author_names, composer_purl, kind_of, parse_json, read_license, required_names};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `composer.json`: one package.
///
/// Outside `vendor/` it is the project (first-party), a component when it has a `name`; its
/// `require` and `require-dev` packages are its dependencies, at the versions the
/// `composer.lock` beside it resolved, or else that `vendor/composer/installed.json` records
/// (unversioned without either). Directly in
/// `vendor/<vendor>/<name>/` it is an installed third-party package, rooted at its directory,
/// unless `vendor/composer/installed.json` exists: that file then describes every installed
/// package, with its version, and the package's own manifest adds nothing. Any other
/// `composer.json` under `vendor/` (a test fixture of a package) is not a package.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, composer::ComposerJson};
/// let tree = MemoryTree::default();
/// let json = br#"{"name": "acme/shop", "license": "proprietary", "require": {"php": "^8.2", "psr/log": "^3.0"}}"#;
/// let catalog = ComposerJson.parse(&ManifestFile::new("composer.json", json, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:composer/acme/shop");
/// assert_eq!(catalog.components[0].dependencies, ["pkg:composer/psr/log"]);
/// ```
pub struct ComposerJson;

/// What a `composer.json` is, by where it lies.
#[derive(Debug, PartialEq, Eq)]
enum Location {
    Project,
    /// `…/vendor/<vendor>/<name>/composer.json`, with the vendor directory and the name the
    /// directories give.
    Installed {
        vendor_dir: String,
        name: String,
    },
    NotAPackage,
}

fn location(path: &str) -> Location {
    let dir: Vec<&str> = util::parent(path)
        .split('/')
        .filter(|c| !c.is_empty())
        .collect();
    let Some(v) = dir.iter().rposition(|c| *c == "vendor") else {
        return Location::Project;
    };
    match dir.get(v + 1..) {
        Some([vendor, name]) if *vendor != "composer" && *vendor != "bin" => Location::Installed {
            vendor_dir: dir.get(..=v).unwrap_or_default().join("/"),
            name: format!("{vendor}/{name}"),
        },
        _ => Location::NotAPackage,
    }
}

/// Versions of the packages the project in this file's directory resolved, by lower-case name:
/// from its `composer.lock`, or else from `vendor/composer/installed.json` (what was installed).
fn locked_versions(file: &ManifestFile<'_>) -> Option<BTreeMap<String, String>> {
    let dir = file.dir();
    let read = |rel: &str| {
        let bytes = file.tree.read(&util::join(dir, rel)?).ok()?;
        serde_json::from_slice::<Value>(&bytes).ok()
    };
    let lists: Vec<Value> = if let Some(Value::Object(lock)) = read("composer.lock") {
        ["packages", "packages-dev"]
            .iter()
            .filter_map(|k| lock.get(*k).cloned())
            .collect()
    } else {
        match read("vendor/composer/installed.json")? {
            // Composer 1: a bare array; Composer 2: `{"packages": [...]}`.
            list @ Value::Array(_) => vec![list],
            Value::Object(mut obj) => obj.remove("packages").into_iter().collect(),
            _ => return None,
        }
    };
    let mut out = BTreeMap::new();
    for p in lists.iter().filter_map(Value::as_array).flatten() {
        if let (Some(n), Some(v)) = (
            p.get("name").and_then(Value::as_str),
            p.get("version").and_then(Value::as_str),
        ) {
            out.insert(n.to_ascii_lowercase(), v.to_string());
        }
    }
    Some(out)
}

/// The version a project's `composer.lock` records for the package at this file's directory when
/// it installs it from a `path` repository (a package of a monorepo, `dev-main`): the nearest
/// lockfile above whose `path` entry of that name points here.
fn path_package_version(file: &ManifestFile<'_>, name: &str) -> Option<String> {
    let here = file.dir();
    let mut dir = here;
    while !dir.is_empty() {
        dir = util::parent(dir);
        let Some(path) = util::join(dir, "composer.lock") else {
            continue;
        };
        let Ok(bytes) = file.tree.read(&path) else {
            continue;
        };
        let Ok(Value::Object(obj)) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        let found = ["packages", "packages-dev"]
            .iter()
            .filter_map(|k| obj.get(*k).and_then(Value::as_array))
            .flatten()
            .find(|p| {
                let dist = p.get("dist");
                p.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    && dist.and_then(|d| d.get("type")).and_then(Value::as_str) == Some("path")
                    && dist
                        .and_then(|d| d.get("url"))
                        .and_then(Value::as_str)
                        .and_then(|u| util::join(dir, u))
                        .as_deref()
                        == Some(here)
            });
        if let Some(v) = found.and_then(|p| p.get("version")).and_then(Value::as_str) {
            return Some(v.to_string());
        }
    }
    None
}

impl Cataloger for ComposerJson {
    fn name(&self) -> &'static str {
        "composer-json"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Composer
    }

    fn globs(&self) -> &'static [&'static str] {
        &["composer.json", "**/composer.json"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let loc = location(file.path);
        match &loc {
            Location::NotAPackage => return Catalog::default(),
            Location::Installed { vendor_dir, .. }
                if file
                    .tree
                    .is_file(&format!("{vendor_dir}/composer/installed.json")) =>
            {
                return Catalog::default();
            }
            _ => {}
        }
        let (text, value) = match parse_json(file) {
            Ok(v) => v,
            Err(p) => return Catalog::problem(p),
        };
        let Value::Object(obj) = &value else {
            return Catalog::problem(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!(
                        "the top-level value is {}, expected an object",
                        kind_of(&value)
                    ),
                )
                .at_line(1),
            );
        };
        let line_of = |key: &str| util::find_line(text, &format!("\"{key}\""), 0).map(|(l, _)| l);
        let at = |key: &str, p: Problem| match line_of(key) {
            Some(l) => p.at_line(l),
            None => p,
        };
        let mut problems = Vec::new();
        let string_field = |key: &str, problems: &mut Vec<Problem>| match obj.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::String(_)) | None => None,
            Some(other) => {
                problems.push(at(
                    key,
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("`{key}` is {}, expected a string", kind_of(other)),
                    ),
                ));
                None
            }
        };
        let declared_name = string_field("name", &mut problems);
        let (name, origin) = match (declared_name, &loc) {
            (Some(n), Location::Installed { .. }) => (n, Origin::ThirdParty),
            (None, Location::Installed { name, .. }) => (name.clone(), Origin::ThirdParty),
            (Some(n), _) => (n, Origin::FirstParty),
            // A project may leave out its name; it then describes no package of its own.
            (None, _) => {
                return Catalog {
                    components: Vec::new(),
                    problems,
                };
            }
        };
        let name = name.to_ascii_lowercase();
        let mut version = string_field("version", &mut problems);
        if version.is_none() && origin == Origin::FirstParty {
            version = path_package_version(file, &name);
        }
        let mut c = Component::new(
            Ecosystem::Composer,
            name.as_str(),
            version.clone(),
            composer_purl(&name, version.as_deref()),
        );
        c.origin = origin;
        c.roots.push(file.dir().to_string());
        c.authors = author_names(obj.get("authors"));
        let (declared, problem) = read_license(
            obj.get("license"),
            source(self.name(), file.path, line_of("license")),
        );
        c.declared.extend(declared);
        if let Some(message) = problem {
            problems.push(at(
                "license",
                Problem::new(ProblemCode::ManifestValue, file.path, message),
            ));
        }
        if origin == Origin::FirstParty {
            let locked = locked_versions(file);
            let mut deps: Vec<String> = required_names(obj.get("require"))
                .into_iter()
                .chain(required_names(obj.get("require-dev")))
                .map(|n| {
                    let v = locked.as_ref().and_then(|l| l.get(&n));
                    composer_purl(&n, v.map(String::as_str))
                })
                .collect();
            deps.sort();
            deps.dedup();
            c.dependencies = deps;
        }
        c.sources
            .push(source(self.name(), file.path, line_of("name")));
        problems.sort();
        Catalog {
            components: vec![c],
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    #[test]
    fn locations() {
        assert_eq!(location("composer.json"), Location::Project);
        assert_eq!(
            location("packages/billing/composer.json"),
            Location::Project
        );
        assert_eq!(
            location("web/vendor/symfony/console/composer.json"),
            Location::Installed {
                vendor_dir: "web/vendor".into(),
                name: "symfony/console".into()
            }
        );
        assert_eq!(
            location("vendor/symfony/console/Tests/Fixtures/composer.json"),
            Location::NotAPackage
        );
        assert_eq!(
            location("vendor/composer/composer.json"),
            Location::NotAPackage
        );
        assert_eq!(location("vendor/composer.json"), Location::NotAPackage);
        // A package's own vendor directory, shipped with it.
        assert_eq!(
            location("vendor/acme/plugin/vendor/psr/log/composer.json"),
            Location::Installed {
                vendor_dir: "vendor/acme/plugin/vendor".into(),
                name: "psr/log".into()
            }
        );
    }

    #[test]
    fn project_with_lock_versions() {
        let tree = MemoryTree::default().with(
            "composer.lock",
            r#"{"packages": [{"name": "psr/log", "version": "3.0.0"}], "packages-dev": [{"name": "phpunit/phpunit", "version": "10.5.5"}]}"#,
        );
        let text = r#"{
    "name": "Acme/Shop",
    "type": "project",
    "license": ["MIT", "Apache-2.0"],
    "require": {"php": "^8.2", "ext-json": "*", "psr/log": "^3.0", "acme/unlocked": "*"},
    "require-dev": {"phpunit/phpunit": "^10.5"}
}"#;
        let c = ComposerJson.parse(&ManifestFile::new("composer.json", text.as_bytes(), &tree));
        assert!(c.problems.is_empty());
        let comp = &c.components[0];
        assert_eq!(comp.purl, "pkg:composer/acme/shop");
        assert_eq!(comp.origin, Origin::FirstParty);
        assert_eq!(comp.sources[0].line, Some(2));
        assert_eq!(comp.declared[0].source.line, Some(4));
        assert_eq!(
            comp.dependencies,
            [
                "pkg:composer/acme/unlocked",
                "pkg:composer/phpunit/phpunit@10.5.5",
                "pkg:composer/psr/log@3.0.0"
            ]
        );
    }

    #[test]
    fn path_package_takes_the_locked_version() {
        let tree = MemoryTree::default().with(
            "composer.lock",
            r#"{"packages": [{"name": "acme/billing", "version": "dev-main", "dist": {"type": "path", "url": "./packages/billing"}}]}"#,
        );
        let text = r#"{"name": "acme/billing", "license": "proprietary"}"#;
        let c = ComposerJson.parse(&ManifestFile::new(
            "packages/billing/composer.json",
            text.as_bytes(),
            &tree,
        ));
        assert_eq!(c.components[0].purl, "pkg:composer/acme/billing@dev-main");
        let c = ComposerJson.parse(&ManifestFile::new(
            "packages/other/composer.json",
            text.as_bytes(),
            &tree,
        ));
        assert_eq!(c.components[0].purl, "pkg:composer/acme/billing");
    }

    #[test]
    fn project_with_installed_versions() {
        let text = r#"{"name": "acme/app", "require": {"psr/log": "^1.1"}}"#;
        for installed in [
            r#"[{"name": "psr/log", "version": "1.1.4"}]"#,
            r#"{"packages": [{"name": "psr/log", "version": "1.1.4"}]}"#,
        ] {
            let tree = MemoryTree::default().with("app/vendor/composer/installed.json", installed);
            let c = ComposerJson.parse(&ManifestFile::new(
                "app/composer.json",
                text.as_bytes(),
                &tree,
            ));
            assert_eq!(c.components[0].dependencies, ["pkg:composer/psr/log@1.1.4"]);
        }
    }

    #[test]
    fn installed_package_manifest() {
        let tree = MemoryTree::default();
        let text = r#"{"name": "psr/log", "license": "MIT", "require": {"php": ">=8.0.0"}}"#;
        let c = ComposerJson.parse(&ManifestFile::new(
            "vendor/psr/log/composer.json",
            text.as_bytes(),
            &tree,
        ));
        let comp = &c.components[0];
        assert_eq!(comp.purl, "pkg:composer/psr/log");
        assert_eq!(comp.origin, Origin::ThirdParty);
        assert_eq!(comp.roots, ["vendor/psr/log"]);
        assert!(comp.dependencies.is_empty());
        // With installed.json, it is described there.
        let tree = MemoryTree::default().with("vendor/composer/installed.json", "{}");
        let c = ComposerJson.parse(&ManifestFile::new(
            "vendor/psr/log/composer.json",
            text.as_bytes(),
            &tree,
        ));
        assert_eq!(c, Catalog::default());
    }

    #[test]
    fn odd_values() {
        let tree = MemoryTree::default();
        let parse =
            |t: &str| ComposerJson.parse(&ManifestFile::new("composer.json", t.as_bytes(), &tree));
        let c = parse(r#"{"require": {"psr/log": "^3"}}"#);
        assert_eq!(c, Catalog::default());
        let c = parse("{\n  \"name\": 5,\n  \"license\": {\"x\": 1}\n}");
        assert!(c.components.is_empty());
        assert_eq!(c.problems[0].line, Some(2));
        let c = parse("{\n  \"name\": \"a/b\",\n  \"license\": {\"x\": 1}\n}");
        assert_eq!(c.components.len(), 1);
        assert_eq!(c.problems[0].line, Some(3));
        let c = parse("[1]");
        assert_eq!(c.problems[0].code, ProblemCode::ManifestValue);
        let c = parse("{\"name\": \"a/b\",,}");
        assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
    }

    #[test]
    fn authors_names() {
        let cat = ComposerJson.parse(&ManifestFile::new(
            "composer.json",
            br#"{"name": "acme/shop", "authors": [{"name": "Acme Devs", "homepage": "https://acme.example"}, {"name": 7}]}"#,
            &MemoryTree::default(),
        ));
        assert_eq!(cat.components[0].authors, ["Acme Devs"]);
    }
}
