//! `vendor/composer/installed.json`: the packages Composer installed into `vendor/`.

use clearance_model::{Problem, ProblemCode, Scope};
use serde_json::Value;

use super::composer_lock::components_of;
use super::{entries, kind_of, parse_json, project_requires};
use crate::util;
use crate::{Catalog, Cataloger, ManifestFile};

/// `vendor/composer/installed.json`: one component per installed package, rooted at its
/// directory.
///
/// Composer 2 writes `{"packages": […], "dev": …, "dev-package-names": […]}` with each package's
/// `install-path` relative to `vendor/composer/`; the names in `dev-package-names` are dev
/// dependencies, the others runtime ones. Composer 1 writes a bare array and installs each
/// package in `vendor/<vendor>/<name>/`, the default install path; it records no scope. A
/// package is direct when the project's `composer.json` (beside `vendor/`) requires it.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, composer::ComposerInstalledJson};
/// let tree = MemoryTree::default();
/// let json = br#"{"packages": [{"name": "psr/log", "version": "3.0.0", "install-path": "../psr/log"}]}"#;
/// let catalog = ComposerInstalledJson.parse(&ManifestFile::new("vendor/composer/installed.json", json, &tree));
/// assert_eq!(catalog.components[0].roots, ["vendor/psr/log"]);
/// ```
pub struct ComposerInstalledJson;

impl Cataloger for ComposerInstalledJson {
    fn name(&self) -> &'static str {
        "composer-installed-json"
    }

    fn ecosystem(&self) -> clearance_model::Ecosystem {
        clearance_model::Ecosystem::Composer
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "vendor/composer/installed.json",
            "**/vendor/composer/installed.json",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let (text, value) = match parse_json(file) {
            Ok(v) => v,
            Err(p) => return Catalog::problem(p),
        };
        let mut problems = Vec::new();
        let (items, dev_names, v2) = match &value {
            Value::Array(items) => (items.as_slice(), None, false),
            Value::Object(obj) => {
                let Some(Value::Array(items)) = obj.get("packages") else {
                    return Catalog::problem(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            "no `packages` array (neither Composer 1 nor Composer 2 form)",
                        )
                        .at_line(1),
                    );
                };
                let dev: Option<Vec<String>> = obj
                    .get("dev-package-names")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_ascii_lowercase)
                            .collect()
                    });
                (items.as_slice(), dev, true)
            }
            other => {
                return Catalog::problem(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!(
                            "the top-level value is {}, expected an array or an object",
                            kind_of(other)
                        ),
                    )
                    .at_line(1),
                );
            }
        };
        let mut from = 0;
        let list: Vec<_> = entries(file, text, items, "packages", &mut from, &mut problems)
            .into_iter()
            .map(|e| {
                let scope = dev_names.as_ref().map(|d| {
                    if d.contains(&e.name) {
                        Scope::Dev
                    } else {
                        Scope::Runtime
                    }
                });
                (e, scope)
            })
            .collect();
        // `<root>/vendor/composer/installed.json`: the vendor dir and the project root.
        let composer_dir = file.dir();
        let vendor_dir = util::parent(composer_dir);
        let project_dir = util::parent(vendor_dir);
        let direct = project_requires(file.tree, project_dir);
        let mut components = components_of(self.name(), file, project_dir, &list, &mut problems);
        for (c, (e, _)) in components.iter_mut().zip(&list) {
            c.direct = direct.as_ref().map(|d| d.contains(&c.name));
            if !c.roots.is_empty() {
                continue;
            }
            let root = if v2 {
                match e.obj.get("install-path") {
                    Some(Value::String(p)) => util::join(composer_dir, p),
                    // A metapackage installs nothing.
                    Some(Value::Null) => None,
                    Some(other) => {
                        let p = Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!(
                                "`{}`: `install-path` is {}, expected a string",
                                e.name,
                                kind_of(other)
                            ),
                        );
                        problems.push(match e.line {
                            Some(l) => p.at_line(l),
                            None => p,
                        });
                        None
                    }
                    None => util::join(vendor_dir, &e.name),
                }
            } else {
                util::join(vendor_dir, &e.name)
            };
            c.roots.extend(root);
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
    use clearance_model::Origin;

    fn parse_in(tree: &MemoryTree, text: &str) -> Catalog {
        ComposerInstalledJson.parse(&ManifestFile::new(
            "web/vendor/composer/installed.json",
            text.as_bytes(),
            tree,
        ))
    }

    #[test]
    fn composer_2_form() {
        let text = r#"{
    "packages": [
        {
            "name": "psr/log",
            "version": "3.0.0",
            "version_normalized": "3.0.0.0",
            "license": ["MIT"],
            "install-path": "../psr/log"
        },
        {
            "name": "symfony/polyfill-mbstring",
            "version": "v1.28.0",
            "require": {"php": ">=7.1", "psr/log": "*"},
            "install-path": "../symfony/polyfill-mbstring"
        },
        {
            "name": "acme/meta",
            "version": "1.0.0",
            "type": "metapackage",
            "install-path": null
        },
        {
            "name": "acme/tools",
            "version": "dev-main",
            "dist": {"type": "path", "url": "../tools"},
            "install-path": "../acme/tools"
        }
    ],
    "dev": true,
    "dev-package-names": ["symfony/polyfill-mbstring"]
}"#;
        let tree =
            MemoryTree::default().with("web/composer.json", r#"{"require": {"psr/log": "^3"}}"#);
        let c = parse_in(&tree, text);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let got: Vec<_> = c
            .components
            .iter()
            .map(|x| (x.purl.as_str(), x.scope, x.direct, x.roots.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:composer/psr/log@3.0.0",
                    Some(Scope::Runtime),
                    Some(true),
                    vec!["web/vendor/psr/log".to_string()]
                ),
                (
                    "pkg:composer/symfony/polyfill-mbstring@v1.28.0",
                    Some(Scope::Dev),
                    Some(false),
                    vec!["web/vendor/symfony/polyfill-mbstring".to_string()]
                ),
                (
                    "pkg:composer/acme/meta@1.0.0",
                    Some(Scope::Runtime),
                    Some(false),
                    vec![]
                ),
                (
                    "pkg:composer/acme/tools@dev-main",
                    Some(Scope::Runtime),
                    Some(false),
                    vec!["tools".to_string()]
                ),
            ]
        );
        assert_eq!(c.components[1].dependencies, ["pkg:composer/psr/log@3.0.0"]);
        assert_eq!(c.components[3].origin, Origin::FirstParty);
        assert_eq!(c.components[0].sources[0].line, Some(4));
    }

    #[test]
    fn composer_1_form() {
        let text = r#"[
    {"name": "psr/log", "version": "1.1.4", "license": ["MIT"]},
    {"name": "Monolog/Monolog", "version": "1.27.1", "license": ["MIT"]}
]"#;
        let c = parse_in(&MemoryTree::default(), text);
        assert!(c.problems.is_empty());
        assert_eq!(c.components[0].roots, ["web/vendor/psr/log"]);
        assert_eq!(c.components[1].roots, ["web/vendor/monolog/monolog"]);
        assert_eq!(c.components[1].scope, None);
        assert_eq!(c.components[1].direct, None);
        assert_eq!(c.components[1].sources[0].line, Some(3));
    }

    #[test]
    fn wrong_shapes() {
        let c = parse_in(&MemoryTree::default(), r#"{"dev": true}"#);
        assert_eq!(c.problems[0].code, ProblemCode::ManifestValue);
        let c = parse_in(&MemoryTree::default(), "3");
        assert_eq!(
            c.problems[0].message,
            "the top-level value is a number, expected an array or an object"
        );
        let c = parse_in(
            &MemoryTree::default(),
            "{\"packages\": [\n{\"name\": \"a/b\", \"version\": \"1\", \"install-path\": 5}]}",
        );
        assert_eq!(c.components.len(), 1);
        assert!(c.components[0].roots.is_empty());
        assert_eq!(c.problems[0].line, Some(2));
        let c = parse_in(&MemoryTree::default(), "");
        assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(c.problems[0].line, Some(1));
    }
}
