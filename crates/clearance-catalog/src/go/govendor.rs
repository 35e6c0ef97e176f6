//! `vendor/vendor.json`: the manifest of govendor, a vendoring tool from before Go modules.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode};
use serde_json::Value;

use super::go_purl;
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `vendor/vendor.json` (govendor): the vendored packages, grouped into the repositories they
/// come from (`golang.org/x/crypto/ssh` and `golang.org/x/crypto/ssh/terminal` are one component
/// `golang.org/x/crypto`), each at its exact tag (`versionExact`) or else its `revision`, rooted
/// at `vendor/<repository>`, where govendor also copies the repository's license files. The
/// `rootPath` is the product's own import path (first party).
///
/// The repository of a package path follows the go command's rule for the known hosts
/// (`github.com/owner/repo`, `golang.org/x/repo`, `gopkg.in/pkg.v1`), and takes the first two
/// elements of any other path (`go.uber.org/zap`, `google.golang.org/grpc`).
pub struct GoGovendor;

/// The repository that holds the package at `path`.
fn repository(path: &str) -> &str {
    let parts: Vec<&str> = path.split('/').collect();
    let n = match parts.as_slice() {
        ["github.com" | "bitbucket.org" | "gitlab.com", ..] => 3,
        ["golang.org", "x", ..] => 3,
        ["gopkg.in", first, ..] if first.contains(".v") => 2,
        ["gopkg.in", ..] => 3,
        [host, ..] if host.contains('.') => 2,
        _ => parts.len(),
    };
    let end: usize = parts.iter().take(n).map(|p| p.len() + 1).sum::<usize>();
    path.get(..end.saturating_sub(1)).unwrap_or(path)
}

/// One repository and what its packages say.
struct Repo<'a> {
    version: &'a str,
    line: Option<u32>,
}

impl Cataloger for GoGovendor {
    fn name(&self) -> &'static str {
        "go-govendor"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Go
    }

    fn globs(&self) -> &'static [&'static str] {
        &["vendor/vendor.json", "**/vendor/vendor.json"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let doc = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                return Catalog::problem(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "the top-level value is not an object",
                    )
                    .at_line(1),
                );
            }
            Err(e) => return Catalog::problem(crate::util::json_problem(file.path, &e)),
        };
        let mut problems = Vec::new();
        let mut components = Vec::new();
        // The directory that holds `vendor/`.
        let project_dir = util::parent(file.dir());
        if let Some(root_path) = doc.get("rootPath").and_then(Value::as_str)
            && !root_path.is_empty()
        {
            let mut c = Component::new(Ecosystem::Go, root_path, None, go_purl(root_path, None));
            c.origin = Origin::FirstParty;
            c.roots.push(project_dir.to_string());
            let line = util::find_line(text, "\"rootPath\"", 0).map(|(l, _)| l);
            c.sources.push(source(self.name(), file.path, line));
            components.push(c);
        }
        let package_line = util::find_line(text, "\"package\"", 0).map_or(1, |(l, _)| l);
        let packages = match doc.get("package") {
            None | Some(Value::Null) => &Vec::new(),
            Some(Value::Array(a)) => a,
            Some(_) => {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "`package` is not an array",
                    )
                    .at_line(package_line),
                );
                &Vec::new()
            }
        };
        // (repository, version) → first entry, in path order.
        let mut repos: BTreeMap<(&str, &str), Repo<'_>> = BTreeMap::new();
        let mut from = 0;
        for entry in packages {
            let field = |k: &str| {
                entry
                    .get(k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            };
            // Entries appear in file order; find each one's `"path"` after the previous one.
            let found = field("path").and_then(|p| {
                util::find_line(text, &format!("\"{}\"", p.replace('"', "\\\"")), from)
            });
            if let Some((_, at)) = found {
                from = at + 1;
            }
            let line = found.map(|(l, _)| l);
            let (Some(path), Some(version)) =
                (field("path"), field("versionExact").or(field("revision")))
            else {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "package entry without `path` and `revision`; skipped",
                    )
                    .at_line(line.unwrap_or(package_line)),
                );
                continue;
            };
            repos
                .entry((repository(path), version))
                .or_insert(Repo { version, line });
        }
        for ((repo, _), r) in repos {
            let mut c = Component::new(
                Ecosystem::Go,
                repo,
                Some(r.version.to_string()),
                go_purl(repo, Some(r.version)),
            );
            if let Some(root) = util::join(file.dir(), repo) {
                c.roots.push(root);
            }
            c.sources.push(source(self.name(), file.path, r.line));
            components.push(c);
        }
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

    fn parse(path: &str, text: &str) -> Catalog {
        GoGovendor.parse(&ManifestFile::new(
            path,
            text.as_bytes(),
            &MemoryTree::default(),
        ))
    }

    #[test]
    fn repositories() {
        assert_eq!(repository("github.com/pkg/errors"), "github.com/pkg/errors");
        assert_eq!(
            repository("github.com/xeipuuv/gojsonschema/sub"),
            "github.com/xeipuuv/gojsonschema"
        );
        assert_eq!(
            repository("golang.org/x/crypto/ssh/terminal"),
            "golang.org/x/crypto"
        );
        assert_eq!(repository("gopkg.in/yaml.v2"), "gopkg.in/yaml.v2");
        assert_eq!(
            repository("gopkg.in/alecthomas/kingpin.v2"),
            "gopkg.in/alecthomas/kingpin.v2"
        );
        assert_eq!(
            repository("google.golang.org/grpc/codes"),
            "google.golang.org/grpc"
        );
        assert_eq!(repository("github.com/short"), "github.com/short");
        assert_eq!(repository("local"), "local");
    }

    const JSON: &str = r#"{
	"comment": "",
	"ignore": "test",
	"package": [
		{
			"checksumSHA1": "ynJSWoF6v+3zMnh9R0QmmG6iGV8=",
			"path": "github.com/pkg/errors",
			"revision": "645ef00459ed84a119197bfb8d8205042c6df63d",
			"revisionTime": "2016-09-29T01:48:01Z",
			"version": "v0.8",
			"versionExact": "v0.8.0"
		},
		{
			"checksumSHA1": "3tS8k6Dzd6Jd+1PU+pe1B2bdgQ4=",
			"path": "golang.org/x/crypto/ssh",
			"revision": "a49355c7e3f8fe157a85be2f77e6e269a0f89602",
			"revisionTime": "2018-06-20T09:14:27Z"
		},
		{
			"checksumSHA1": "BGm8lKZmvJbf/YOJLeL1rw2WVjA=",
			"path": "golang.org/x/crypto/ssh/terminal",
			"revision": "a49355c7e3f8fe157a85be2f77e6e269a0f89602",
			"revisionTime": "2018-06-20T09:14:27Z"
		},
		{
			"checksumSHA1": "bad"
		}
	],
	"rootPath": "github.com/acme-labs/nri-example"
}
"#;

    #[test]
    fn packages_grouped_by_repository() {
        let cat = parse("vendor/vendor.json", JSON);
        let got: Vec<(&str, Vec<&str>, Option<u32>)> = cat
            .components
            .iter()
            .map(|c| {
                (
                    c.purl.as_str(),
                    c.roots.iter().map(String::as_str).collect(),
                    c.sources[0].line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "pkg:golang/github.com/acme-labs/nri-example",
                    vec![""],
                    Some(29)
                ),
                (
                    "pkg:golang/github.com/pkg/errors@v0.8.0",
                    vec!["vendor/github.com/pkg/errors"],
                    Some(7)
                ),
                (
                    "pkg:golang/golang.org/x/crypto@a49355c7e3f8fe157a85be2f77e6e269a0f89602",
                    vec!["vendor/golang.org/x/crypto"],
                    Some(15)
                ),
            ]
        );
        assert_eq!(cat.components[0].origin, Origin::FirstParty);
        assert_eq!(cat.components[1].origin, Origin::ThirdParty);
        assert_eq!(cat.problems.len(), 1);
        // An entry without `path` is reported at the `package` key.
        assert_eq!(cat.problems[0].line, Some(4));
    }

    #[test]
    fn corrupt_and_odd_files() {
        let cat = parse("vendor/vendor.json", "{\n\t\"package\": [\n\t\t{,\n");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(3));
        let cat = parse("vendor/vendor.json", "[]");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        let cat = parse("vendor/vendor.json", "{\"package\": 3}");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        assert!(cat.components.is_empty());
        let cat = parse("vendor/vendor.json", "");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(1));
    }
}
