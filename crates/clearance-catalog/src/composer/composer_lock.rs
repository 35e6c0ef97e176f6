//! `composer.lock`: the packages Composer resolved for the project.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode, Scope};
use serde_json::Value;

use super::{
    Entry, author_names, composer_purl, dist_checksum, entries, kind_of, parse_json,
    project_requires, read_license, required_names,
};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `composer.lock`: one component per locked package.
///
/// `packages` are runtime dependencies, `packages-dev` dev ones. A package is direct when the
/// `composer.json` beside the lockfile requires it (`require` or `require-dev`); without that
/// file, directness is unknown. Each package's `require` gives the graph (requirements on
/// platform packages, or on virtual packages that another package `provide`s or `replace`s, have
/// no entry and are left out). A package from a `path` repository is the project's own code,
/// rooted at that path. A lockfile inside `vendor/` belongs to an installed package and yields
/// nothing.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, composer::ComposerLock};
/// let tree = MemoryTree::default();
/// let lock = br#"{"packages": [{"name": "psr/log", "version": "3.0.0", "license": ["MIT"]}], "packages-dev": []}"#;
/// let catalog = ComposerLock.parse(&ManifestFile::new("composer.lock", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:composer/psr/log@3.0.0");
/// ```
pub struct ComposerLock;

/// Reads the packages of a lock or installed list into components: origin and root from a
/// `path` dist (its `url` is relative to `project_dir`), license, graph resolved against the
/// list, source line.
pub(super) fn components_of(
    cataloger: &str,
    file: &ManifestFile<'_>,
    project_dir: &str,
    list: &[(Entry<'_>, Option<Scope>)],
    problems: &mut Vec<Problem>,
) -> Vec<Component> {
    let mut by_name: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (e, _) in list {
        by_name
            .entry(e.name.as_str())
            .or_default()
            .push(composer_purl(&e.name, e.version.as_deref()));
    }
    let mut out = Vec::new();
    for (e, scope) in list {
        let mut c = Component::new(
            Ecosystem::Composer,
            e.name.as_str(),
            e.version.clone(),
            composer_purl(&e.name, e.version.as_deref()),
        );
        c.scope = *scope;
        let dist = e.obj.get("dist");
        c.authors = author_names(e.obj.get("authors"));
        c.hashes.extend(dist_checksum(dist));
        if dist.and_then(|d| d.get("type")).and_then(Value::as_str) == Some("path") {
            c.origin = Origin::FirstParty;
            if let Some(root) = dist
                .and_then(|d| d.get("url"))
                .and_then(Value::as_str)
                .and_then(|u| util::join(project_dir, u))
            {
                c.roots.push(root);
            }
        }
        let license_line = e.license_line.or(e.line);
        let (declared, problem) = read_license(
            e.obj.get("license"),
            source(cataloger, file.path, license_line),
        );
        c.declared.extend(declared);
        if let Some(message) = problem {
            let p = Problem::new(
                ProblemCode::ManifestValue,
                file.path,
                format!("`{}`: {message}", e.name),
            );
            problems.push(match e.line {
                Some(l) => p.at_line(l),
                None => p,
            });
        }
        let mut deps: Vec<String> = required_names(e.obj.get("require"))
            .iter()
            .filter_map(|n| by_name.get(n.as_str()))
            .flatten()
            .cloned()
            .collect();
        deps.sort();
        deps.dedup();
        c.dependencies = deps;
        c.sources.push(source(cataloger, file.path, e.line));
        out.push(c);
    }
    out
}

impl Cataloger for ComposerLock {
    fn name(&self) -> &'static str {
        "composer-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Composer
    }

    fn globs(&self) -> &'static [&'static str] {
        &["composer.lock", "**/composer.lock"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if util::has_dir(file.path, "vendor") {
            return Catalog::default();
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
        let mut problems = Vec::new();
        let line_of = |key: &str| util::find_line(text, &format!("\"{key}\""), 0).map(|(l, _)| l);
        if let Some(v) = obj.get("plugin-api-version") {
            let major = v.as_str().and_then(|s| s.split('.').next());
            if !matches!(major, Some("1" | "2")) {
                let p = Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("unknown `plugin-api-version` {v}; read as Composer 2"),
                );
                problems.push(match line_of("plugin-api-version") {
                    Some(l) => p.at_line(l),
                    None => p,
                });
            }
        }
        let mut from = 0;
        let mut list = Vec::new();
        for (key, scope) in [("packages", Scope::Runtime), ("packages-dev", Scope::Dev)] {
            match obj.get(key) {
                Some(Value::Array(items)) => {
                    list.extend(
                        entries(file, text, items, key, &mut from, &mut problems)
                            .into_iter()
                            .map(|e| (e, Some(scope))),
                    );
                }
                // `composer update --no-dev` with old Composer versions wrote `null`.
                Some(Value::Null) if key == "packages-dev" => {}
                None if key == "packages-dev" => {}
                other => {
                    let what = other.map_or("missing", kind_of);
                    let p = Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("`{key}` is {what}, expected an array"),
                    );
                    problems.push(match line_of(key) {
                        Some(l) => p.at_line(l),
                        None => p,
                    });
                }
            }
        }
        let direct = project_requires(file.tree, file.dir());
        let mut components = components_of(self.name(), file, file.dir(), &list, &mut problems);
        for c in &mut components {
            c.direct = direct.as_ref().map(|d| d.contains(&c.name));
        }
        problems.sort();
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

    const LOCK: &str = r#"{
    "_readme": ["This file locks the dependencies of your project to a known state"],
    "content-hash": "0c6a5e1f3b0e2d8c9f4a7b6e5d4c3b2a",
    "packages": [
        {
            "name": "monolog/monolog",
            "version": "3.5.0",
            "require": {
                "php": ">=8.1",
                "psr/log": "^2.0 || ^3.0"
            },
            "provide": {"psr/log-implementation": "3.0.0"},
            "license": ["MIT"],
            "type": "library"
        },
        {
            "name": "psr/log",
            "version": "3.0.0",
            "license": ["MIT"]
        },
        {
            "name": "acme/billing",
            "version": "dev-main",
            "dist": {"type": "path", "url": "packages/billing", "reference": "abc"},
            "require": {"psr/log-implementation": "*"},
            "license": ["proprietary"]
        }
    ],
    "packages-dev": [
        {
            "name": "nette/utils",
            "version": "v4.0.3",
            "license": ["BSD-3-Clause", "GPL-2.0-only", "GPL-3.0-only"]
        }
    ],
    "platform": {"php": "^8.2"},
    "plugin-api-version": "2.6.0"
}
"#;

    fn parse_in(tree: &MemoryTree, text: &str) -> Catalog {
        ComposerLock.parse(&ManifestFile::new(
            "app/composer.lock",
            text.as_bytes(),
            tree,
        ))
    }

    #[test]
    fn reads_packages_scopes_graph_and_direct() {
        let tree = MemoryTree::default().with(
            "app/composer.json",
            r#"{"require": {"php": "^8.2", "Monolog/Monolog": "^3.5", "acme/billing": "*"}, "require-dev": {"nette/utils": "^4"}}"#,
        );
        let c = parse_in(&tree, LOCK);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let got: Vec<_> = c
            .components
            .iter()
            .map(|x| (x.purl.as_str(), x.scope, x.direct, x.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:composer/monolog/monolog@3.5.0",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(6)
                ),
                (
                    "pkg:composer/psr/log@3.0.0",
                    Some(Scope::Runtime),
                    Some(false),
                    Some(17)
                ),
                (
                    "pkg:composer/acme/billing@dev-main",
                    Some(Scope::Runtime),
                    Some(true),
                    Some(22)
                ),
                (
                    "pkg:composer/nette/utils@v4.0.3",
                    Some(Scope::Dev),
                    Some(true),
                    Some(31)
                ),
            ]
        );
        assert_eq!(c.components[0].dependencies, ["pkg:composer/psr/log@3.0.0"]);
        assert!(c.components[2].dependencies.is_empty());
        assert_eq!(c.components[2].origin, Origin::FirstParty);
        assert_eq!(c.components[2].roots, ["app/packages/billing"]);
        assert_eq!(
            c.components[3].declared[0]
                .expression
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("BSD-3-Clause OR GPL-2.0-only OR GPL-3.0-only")
        );
    }

    #[test]
    fn without_composer_json_directness_is_unknown() {
        let c = parse_in(&MemoryTree::default(), LOCK);
        assert!(c.components.iter().all(|x| x.direct.is_none()));
    }

    #[test]
    fn bad_values_are_problems_and_the_rest_counts() {
        let text = r#"{
  "packages": [
    {"name": "a/b", "version": "1.0.0", "license": 7},
    {"version": "2.0.0"},
    "c/d",
    {"name": "e/f"}
  ],
  "packages-dev": {},
  "plugin-api-version": "9.0.0"
}"#;
        let c = parse_in(&MemoryTree::default(), text);
        let purls: Vec<&str> = c.components.iter().map(|x| x.purl.as_str()).collect();
        assert_eq!(purls, ["pkg:composer/a/b@1.0.0", "pkg:composer/e/f"]);
        let got: Vec<(Option<u32>, &str)> = c
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (None, "`packages[1]` has no `name`; skipped"),
                (
                    None,
                    "`packages[2]` is a string, expected an object; skipped"
                ),
                (
                    Some(3),
                    "`a/b`: `license` is a number, expected a string or an array"
                ),
                (Some(6), "`e/f` has no `version`"),
                (Some(8), "`packages-dev` is an object, expected an array"),
                (
                    Some(9),
                    "unknown `plugin-api-version` \"9.0.0\"; read as Composer 2"
                ),
            ]
        );
    }

    #[test]
    fn corrupt_and_vendored_lockfiles() {
        let c = parse_in(
            &MemoryTree::default(),
            "{\n  \"packages\": [\n    {\"name\": \"a/b\",}\n",
        );
        assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(c.problems[0].line, Some(3));
        let c = parse_in(&MemoryTree::default(), "[]");
        assert_eq!(c.problems[0].code, ProblemCode::ManifestValue);
        let tree = MemoryTree::default();
        let c = ComposerLock.parse(&ManifestFile::new("vendor/a/b/composer.lock", b"{", &tree));
        assert_eq!(c, Catalog::default());
    }

    #[test]
    fn authors_and_dist_shasum() {
        let lock = r#"{"packages": [
  {"name": "a/one", "version": "1.0.0",
   "dist": {"type": "zip", "url": "https://x/one.zip", "shasum": "A9993E364706816ABA3E25717850C26C9CD0D89D"},
   "authors": [{"name": "Jane Doe", "email": "jane@x.org"}, {"email": "nobody@x.org"}, {"name": "Jane Doe"}]},
  {"name": "a/two", "version": "1.0.0", "dist": {"type": "zip", "shasum": ""}, "authors": "Jane"},
  {"name": "a/three", "version": "1.0.0", "dist": {"type": "zip", "shasum": "a9993e"}}
]}"#;
        let c = parse_in(&MemoryTree::default(), lock);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let one = &c.components[0];
        assert_eq!(one.authors, ["Jane Doe"]);
        assert_eq!(
            one.hashes,
            [clearance_model::Checksum::from_hex(
                clearance_model::HashAlgorithm::Sha1,
                "a9993e364706816aba3e25717850c26c9cd0d89d"
            )
            .unwrap()]
        );
        // An empty or malformed shasum and authors that are not a list give nothing.
        assert!(c.components[1].authors.is_empty());
        assert!(c.components[1].hashes.is_empty());
        assert!(c.components[2].hashes.is_empty());
    }
}
