//! `package.json`: the product, a workspace member, or an installed package.

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode};
use serde_json::Value;

use super::keylines::KeyLines;
use super::{PackageDir, kind_of, npm_purl, parse_object, read_licenses, see_license_in};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `package.json`: one package. Outside `node_modules` it is first-party (the product or a
/// workspace member) and is only a component when it has a `name`; directly in
/// `node_modules/<name>/` or `node_modules/@scope/<name>/` it is an installed third-party package;
/// anywhere else under `node_modules` it is not a package at all.
///
/// Dependency ranges (`dependencies`, `devDependencies`, …) are not versions and yield no
/// components: the lockfile gives the resolved graph.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, npm::NpmPackageJson};
/// let tree = MemoryTree::default();
/// let json = br#"{"name": "@babel/core", "version": "7.24.0", "license": "MIT"}"#;
/// let catalog = NpmPackageJson.parse(&ManifestFile::new("node_modules/@babel/core/package.json", json, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:npm/%40babel/core@7.24.0");
/// assert_eq!(catalog.components[0].roots, ["node_modules/@babel/core"]);
/// ```
pub struct NpmPackageJson;

/// What a `package.json` is, by where it lies.
#[derive(Debug, PartialEq, Eq)]
enum Location {
    /// Outside any `node_modules`: the product or a workspace member.
    Project,
    /// `…/node_modules/<name>/package.json`, with the name its directory gives.
    Installed(String),
    /// Somewhere else inside an installed package: not a package manifest.
    NotAPackage,
}

/// Classifies a `package.json` by its path. Node looks a package up in the nearest
/// `node_modules`, so only the part after the last one counts.
fn location(path: &str) -> Location {
    let dir: Vec<&str> = util::parent(path)
        .split('/')
        .filter(|c| !c.is_empty())
        .collect();
    let Some(last) = dir.iter().rposition(|c| *c == "node_modules") else {
        return Location::Project;
    };
    let valid = |c: &str| !c.is_empty() && !c.starts_with('.') && !c.starts_with('@');
    match &dir[last + 1..] {
        [name] if valid(name) => Location::Installed((*name).to_string()),
        [scope, name] if scope.len() > 1 && scope.starts_with('@') && valid(name) => {
            Location::Installed(format!("{scope}/{name}"))
        }
        _ => Location::NotAPackage,
    }
}

impl Cataloger for NpmPackageJson {
    fn name(&self) -> &'static str {
        "npm-package-json"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Npm
    }

    fn globs(&self) -> &'static [&'static str] {
        &["package.json", "**/package.json"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let loc = location(file.path);
        if loc == Location::NotAPackage {
            return Catalog::default();
        }
        let (text, obj) = match parse_object(file) {
            Ok(parsed) => parsed,
            Err(p) => return Catalog::problem(p),
        };
        let lines = KeyLines::scan(text, |parent, _| parent.is_empty());
        let line_of = |key: &str| lines.get(&[key]);
        let at = |key: &str, p: Problem| match line_of(key) {
            Some(l) => p.at_line(l),
            None => p,
        };
        let mut problems = Vec::new();

        let declared_name = match obj.get("name") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim()),
            Some(Value::String(_)) | None => None,
            Some(other) => {
                problems.push(at(
                    "name",
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("`name` is {}, expected a string", kind_of(other)),
                    ),
                ));
                None
            }
        };
        let (name, origin) = match (declared_name, &loc) {
            (Some(n), Location::Installed(_)) => (n.to_string(), Origin::ThirdParty),
            (None, Location::Installed(from_dir)) => (from_dir.clone(), Origin::ThirdParty),
            (Some(n), _) => (n.to_string(), Origin::FirstParty),
            // Tools write name-less package.json files (`{"type": "module"}`, `{"private": true}`)
            // that describe no package.
            (None, _) => {
                return Catalog {
                    components: Vec::new(),
                    problems,
                };
            }
        };

        let version = match obj.get("version") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::String(_)) | None => None,
            Some(other) => {
                problems.push(at(
                    "version",
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!("`version` is {}, expected a string", kind_of(other)),
                    ),
                ));
                None
            }
        };

        let dir = file.dir();
        let cataloger = self.name();
        let licenses = read_licenses(&obj, PackageDir::Known(dir), &|field: &str| {
            source(cataloger, file.path, line_of(field))
        });
        for (field, message) in licenses.problems {
            problems.push(at(
                field,
                Problem::new(ProblemCode::ManifestValue, file.path, message),
            ));
        }
        for d in &licenses.declared {
            let problem = match &d.license_file {
                Some(path) if !file.tree.is_file(path) => Problem::new(
                    ProblemCode::MissingLicenseFile,
                    file.path,
                    format!("`{}` names `{path}`, which is not in the tree", d.raw),
                ),
                None if see_license_in(&d.raw).is_some() => Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    format!("`{}` names a file outside the scanned tree", d.raw),
                ),
                _ => continue,
            };
            problems.push(match d.source.line {
                Some(l) => problem.at_line(l),
                None => problem,
            });
        }

        let mut c = Component::new(
            Ecosystem::Npm,
            name.as_str(),
            version.clone(),
            npm_purl(&name, version.as_deref()),
        );
        c.origin = origin;
        c.roots.push(dir.to_string());
        c.declared = licenses.declared;
        c.authors.extend(obj.get("author").and_then(author));
        c.sources
            .push(source(cataloger, file.path, line_of("name")));
        Catalog {
            components: vec![c],
            problems,
        }
    }
}

/// The `author` of a `package.json` as `Name <mail>`: either a string
/// `"Name <mail> (url)"` (the URL left out) or an object `{name, email, url}`.
fn author(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => {
            let name_end = s.find(['<', '(']).unwrap_or(s.len());
            let name = s.get(..name_end);
            let email = s
                .split_once('<')
                .and_then(|(_, rest)| rest.split_once('>'))
                .map(|(mail, _)| mail);
            util::person(name, email)
        }
        Value::Object(o) => util::person(
            o.get("name").and_then(Value::as_str),
            o.get("email").and_then(Value::as_str),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;
    use clearance_model::declared::{PROPRIETARY, Reading};

    fn parse_in(tree: &MemoryTree, path: &str, text: &str) -> Catalog {
        NpmPackageJson.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    fn parse(path: &str, text: &str) -> Catalog {
        parse_in(&MemoryTree::default(), path, text)
    }

    fn expr(c: &Catalog) -> String {
        c.components[0].declared[0]
            .expression
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    #[test]
    fn locations() {
        assert_eq!(location("package.json"), Location::Project);
        assert_eq!(location("packages/web/package.json"), Location::Project);
        assert_eq!(
            location("node_modules/lodash/package.json"),
            Location::Installed("lodash".into())
        );
        assert_eq!(
            location("node_modules/@babel/core/package.json"),
            Location::Installed("@babel/core".into())
        );
        assert_eq!(
            location("web/node_modules/a/node_modules/@s/b/package.json"),
            Location::Installed("@s/b".into())
        );
        assert_eq!(
            location("node_modules/foo/lib/package.json"),
            Location::NotAPackage
        );
        assert_eq!(
            location("node_modules/foo/test/fixtures/x/package.json"),
            Location::NotAPackage
        );
        assert_eq!(location("node_modules/package.json"), Location::NotAPackage);
        assert_eq!(
            location("node_modules/@scope/package.json"),
            Location::NotAPackage
        );
        assert_eq!(
            location("node_modules/.cache/package.json"),
            Location::NotAPackage
        );
        assert_eq!(
            location("node_modules/@/x/package.json"),
            Location::NotAPackage
        );
    }

    #[test]
    fn installed_scoped_package() {
        let cat = parse(
            "node_modules/@babel/code-frame/package.json",
            "{\n  \"name\": \"@babel/code-frame\",\n  \"version\": \"7.26.2\",\n  \"license\": \"MIT\"\n}\n",
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:npm/%40babel/code-frame@7.26.2");
        assert_eq!(c.name, "@babel/code-frame");
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.roots, ["node_modules/@babel/code-frame"]);
        assert_eq!(c.scope, None);
        assert_eq!(c.sources[0].cataloger, "npm-package-json");
        assert_eq!(c.sources[0].line, Some(2));
        assert_eq!(c.declared[0].source.line, Some(4));
        assert_eq!(c.declared[0].reading, Reading::Spdx);
        assert_eq!(expr(&cat), "MIT");
    }

    #[test]
    fn installed_package_without_name_uses_its_directory() {
        let cat = parse(
            "node_modules/left-pad/package.json",
            r#"{"version": "1.3.0"}"#,
        );
        assert!(cat.problems.is_empty());
        assert_eq!(cat.components[0].purl, "pkg:npm/left-pad@1.3.0");
        assert_eq!(cat.components[0].sources[0].line, None);
    }

    #[test]
    fn nested_package_json_under_node_modules_is_not_a_package() {
        // Even corrupt content is not read: the file is not a manifest.
        for path in [
            "node_modules/foo/lib/package.json",
            "node_modules/foo/test/fixtures/x/package.json",
            "node_modules/@babel/runtime/helpers/esm/package.json",
        ] {
            let cat = parse(path, r#"{"type": "module"}"#);
            assert_eq!(cat, Catalog::default(), "{path}");
            let cat = parse(path, "{ not json");
            assert_eq!(cat, Catalog::default(), "{path}");
        }
    }

    #[test]
    fn first_party_project_and_workspace_member() {
        let json = r#"{
  "name": "acme-shop",
  "version": "1.4.0",
  "private": true,
  "license": "UNLICENSED",
  "dependencies": { "lodash": "^4.17.21", "@babel/code-frame": "7.26.2" },
  "devDependencies": { "is-number": "7.0.0" }
}"#;
        let cat = parse("package.json", json);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        // Ranges are not versions: the dependencies yield no components.
        assert_eq!(cat.components.len(), 1);
        let c = &cat.components[0];
        assert_eq!(c.origin, Origin::FirstParty);
        assert_eq!(c.roots, [""]);
        assert!(c.dependencies.is_empty());
        // UNLICENSED is proprietary, never the Unlicense.
        assert_eq!(expr(&cat), PROPRIETARY);
        assert_ne!(expr(&cat), "Unlicense");

        let cat = parse(
            "packages/web/package.json",
            r#"{"name": "@acme/web", "version": "0.3.1"}"#,
        );
        assert_eq!(cat.components[0].origin, Origin::FirstParty);
        assert_eq!(cat.components[0].roots, ["packages/web"]);
        assert_eq!(cat.components[0].purl, "pkg:npm/%40acme/web@0.3.1");
        assert!(cat.components[0].declared.is_empty());
    }

    #[test]
    fn nameless_first_party_yields_nothing() {
        for json in [
            r#"{"type": "module"}"#,
            r#"{"private": true, "name": ""}"#,
            "{}",
        ] {
            assert_eq!(
                parse("src/package.json", json),
                Catalog::default(),
                "{json}"
            );
        }
    }

    #[test]
    fn legacy_license_object() {
        let json = r#"{
  "name": "kind-of",
  "version": "1.1.0",
  "license": {
    "type": "MIT",
    "url": "https://github.com/jonschlinkert/kind-of/blob/master/LICENSE"
  }
}"#;
        let cat = parse("node_modules/kind-of/package.json", json);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(cat.components[0].declared[0].raw, "MIT");
        assert_eq!(expr(&cat), "MIT");
        assert_eq!(cat.components[0].declared[0].source.line, Some(4));
    }

    #[test]
    fn legacy_licenses_array_is_a_choice() {
        let json = r#"{
  "name": "json-schema",
  "version": "0.2.3",
  "licenses": [
    { "type": "AFL-2.1", "url": "http://trac.dojotoolkit.org/browser/dojo/trunk/LICENSE#L43" },
    { "type": "BSD-3-Clause", "url": "http://trac.dojotoolkit.org/browser/dojo/trunk/LICENSE#L13" }
  ]
}"#;
        let cat = parse("node_modules/json-schema/package.json", json);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let d = &cat.components[0].declared;
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].raw, "AFL-2.1 OR BSD-3-Clause");
        assert_eq!(expr(&cat), "AFL-2.1 OR BSD-3-Clause");
        assert_eq!(d[0].reading, Reading::Mapped);
        assert!(
            d[0].notes.iter().any(|n| n.contains("`OR`")),
            "{:?}",
            d[0].notes
        );
        assert_eq!(d[0].source.line, Some(4));

        // One entry is just that license.
        let cat = parse(
            "node_modules/esprima/package.json",
            r#"{"name": "esprima", "version": "1.0.4", "licenses": [{"type": "BSD-2-Clause", "url": "x"}]}"#,
        );
        assert_eq!(expr(&cat), "BSD-2-Clause");
        assert_eq!(cat.components[0].declared[0].reading, Reading::Spdx);
    }

    #[test]
    fn array_of_strings_in_license_or_licenses() {
        let cat = parse(
            "node_modules/pause-stream/package.json",
            r#"{"name": "pause-stream", "version": "0.0.11", "license": ["MIT", "Apache2"]}"#,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(expr(&cat), "MIT OR Apache-2.0");
        assert_eq!(cat.components[0].declared[0].raw, "MIT OR Apache2");

        let cat = parse(
            "node_modules/x/package.json",
            r#"{"name": "x", "version": "1.0.0", "licenses": ["ISC", "MIT"]}"#,
        );
        assert_eq!(expr(&cat), "ISC OR MIT");
    }

    #[test]
    fn license_wins_over_licenses() {
        let cat = parse(
            "node_modules/x/package.json",
            r#"{"name": "x", "license": "ISC", "licenses": [{"type": "MIT"}]}"#,
        );
        assert_eq!(cat.components[0].declared.len(), 1);
        assert_eq!(expr(&cat), "ISC");
        // An unusable `license` falls back to `licenses`.
        let cat = parse(
            "node_modules/x/package.json",
            r#"{"name": "x", "license": "", "licenses": [{"type": "MIT"}]}"#,
        );
        assert_eq!(expr(&cat), "MIT");
    }

    #[test]
    fn see_license_in_file() {
        let tree =
            MemoryTree::default().with("node_modules/@ckeditor/ckeditor5-utils/LICENSE.md", "text");
        let json = r#"{"name": "@ckeditor/ckeditor5-utils", "version": "44.0.0", "license": "SEE LICENSE IN LICENSE.md"}"#;
        let cat = parse_in(
            &tree,
            "node_modules/@ckeditor/ckeditor5-utils/package.json",
            json,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let d = &cat.components[0].declared[0];
        assert_eq!(d.raw, "SEE LICENSE IN LICENSE.md");
        assert_eq!(
            d.license_file.as_deref(),
            Some("node_modules/@ckeditor/ckeditor5-utils/LICENSE.md")
        );
        assert_eq!(d.expression, None);

        // Missing file: reported, and the pointer is kept.
        let cat = parse(
            "web/package.json",
            "{\"name\": \"web\",\n\"license\": \"SEE LICENSE IN ./docs/EULA.txt\"}",
        );
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::MissingLicenseFile);
        assert_eq!(cat.problems[0].line, Some(2));
        assert_eq!(
            cat.components[0].declared[0].license_file.as_deref(),
            Some("web/docs/EULA.txt")
        );

        // Outside the tree: reported, and the raw string stays for review.
        let cat = parse(
            "package.json",
            r#"{"name": "web", "license": "SEE LICENSE IN ../LICENSE"}"#,
        );
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        assert_eq!(cat.components[0].declared[0].license_file, None);
        assert_eq!(cat.components[0].declared[0].reading, Reading::Unrecognised);
    }

    #[test]
    fn corrupt_json_names_the_line() {
        let cat = parse(
            "node_modules/a/package.json",
            "{\n  \"name\": \"a\",\n  \"version\": \"1.0.0\"\n  \"license\": \"MIT\"\n}\n",
        );
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);
        let p = &cat.problems[0];
        assert_eq!(p.code, ProblemCode::ManifestParse);
        assert_eq!(p.line, Some(4));
        assert_eq!(p.path, "node_modules/a/package.json");
        assert!(
            p.message.starts_with("invalid JSON: expected `,` or `}`"),
            "{}",
            p.message
        );
        assert!(!p.message.contains("at line"), "{}", p.message);

        let cat = parse("package.json", "");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(1));

        let cat = parse("package.json", "[1, 2]");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        assert!(cat.components.is_empty());

        let cat = NpmPackageJson.parse(&ManifestFile::new(
            "package.json",
            b"{\"name\": \"\xff\"}",
            &MemoryTree::default(),
        ));
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
    }

    #[test]
    fn byte_order_mark_is_tolerated() {
        let cat = parse(
            "node_modules/a/package.json",
            "\u{feff}{\"name\": \"a\", \"version\": \"1.0.0\"}",
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(cat.components[0].purl, "pkg:npm/a@1.0.0");
    }

    #[test]
    fn wrong_typed_fields_are_reported_and_skipped() {
        let json = "{\n  \"author\": {\"name\": \"Jane\", \"license\": \"x\"},\n  \"name\": \"a\",\n  \"version\": 1,\n  \"license\": 42\n}\n";
        let cat = parse("node_modules/a/package.json", json);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:npm/a");
        assert_eq!(c.version, None);
        assert!(c.declared.is_empty());
        assert_eq!(c.sources[0].line, Some(3));
        let got: Vec<(ProblemCode, Option<u32>)> =
            cat.problems.iter().map(|p| (p.code, p.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemCode::ManifestValue, Some(4)),
                (ProblemCode::ManifestValue, Some(5))
            ]
        );
        assert!(
            cat.problems[1].message.contains("`license` is a number"),
            "{}",
            cat.problems[1].message
        );

        // Bad entries of a list are reported; the good ones are kept.
        let json = "{\"name\": \"a\",\n\"licenses\": [{\"type\": \"MIT\"}, 7, {\"url\": \"x\"}, {\"type\": true}]}";
        let cat = parse("node_modules/a/package.json", json);
        assert_eq!(expr(&cat), "MIT");
        assert_eq!(cat.problems.len(), 3);
        assert!(cat.problems.iter().all(|p| p.line == Some(2)));

        // A wrong-typed name of an installed package falls back to its directory.
        let cat = parse(
            "node_modules/b/package.json",
            r#"{"name": ["b"], "version": "2.0.0"}"#,
        );
        assert_eq!(cat.components[0].purl, "pkg:npm/b@2.0.0");
        assert_eq!(cat.problems.len(), 1);
        // A first-party package without a usable name cannot be named: only the problem.
        let cat = parse("package.json", r#"{"name": 5}"#);
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems.len(), 1);

        let cat = parse(
            "node_modules/c/package.json",
            r#"{"name": "c", "license": {"url": "x"}}"#,
        );
        assert!(cat.components[0].declared.is_empty());
        assert_eq!(cat.problems.len(), 1);
    }

    #[test]
    fn authors_as_string_or_object() {
        let a = |json: &str| author(&serde_json::from_str(json).unwrap());
        assert_eq!(
            a(r#""Barney Rubble <b@rubble.com> (http://barnyrubble.tumblr.com/)""#).as_deref(),
            Some("Barney Rubble <b@rubble.com>")
        );
        assert_eq!(
            a(r#""Barney Rubble (http://barnyrubble.tumblr.com/)""#).as_deref(),
            Some("Barney Rubble")
        );
        assert_eq!(a(r#""  Jane  ""#).as_deref(), Some("Jane"));
        assert_eq!(
            a(r#"{"name": "Jane", "email": "jane@x.org", "url": "https://x.org"}"#).as_deref(),
            Some("Jane <jane@x.org>")
        );
        assert_eq!(a(r#"{"url": "https://x.org"}"#), None);
        assert_eq!(a(r#""<broken""#), None);
        assert_eq!(a(r#""""#), None);
        assert_eq!(a("42"), None);
        assert_eq!(a(r#"["Jane"]"#), None);
        let cat = parse(
            "node_modules/x/package.json",
            r#"{"name": "x", "version": "1.0.0", "author": "Jane <jane@x.org>"}"#,
        );
        assert_eq!(cat.components[0].authors, ["Jane <jane@x.org>"]);
    }
}
