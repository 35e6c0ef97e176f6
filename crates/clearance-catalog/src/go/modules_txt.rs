//! `vendor/modules.txt`: the modules `go mod vendor` copied into `vendor/`.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode};

use super::go_mod::parse_go_mod;
use super::{go_purl, is_local_path, is_version, lines_of};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `vendor/modules.txt`: one component per vendored module, rooted at `vendor/<module path>` so
/// the license files copied with it are found.
///
/// The format has three generations: before Go 1.14 only `# module version` headers and package
/// lines; from Go 1.14 a `## explicit` line marks a module that the main `go.mod` requires; from
/// Go 1.17 the marker also carries the module's Go version (`## explicit; go 1.18`), and since
/// `go.mod` then lists every module of the build, `## explicit` no longer means direct. So a
/// module is direct when the `go.mod` beside `vendor/` requires it without `// indirect`; when
/// that `go.mod` is not in the tree, a module marked `## explicit` is taken as direct and an
/// unmarked one as transitive; a file with no markers at all says nothing.
///
/// `# module version => replacement version` (or `=> ../dir`) headers record a replaced module:
/// the replacement is what ships, from `vendor/<module path>`. Headers without a version on the
/// left (`# module => replacement`) only repeat a `replace` directive and name no vendored module.
/// A module listed without packages is in the build list but none of its packages is vendored:
/// it gets no root.
pub struct GoVendorModules;

/// One `# …` header and what follows it.
struct Header {
    path: String,
    /// `None` for a bare `# path` (a workspace module of `go work vendor`).
    version: Option<String>,
    replacement: Option<Replacement>,
    explicit: bool,
    workspace: bool,
    packages: usize,
    line: u32,
}

enum Replacement {
    Module { path: String, version: String },
    Dir,
}

impl Cataloger for GoVendorModules {
    fn name(&self) -> &'static str {
        "go-vendor-modules"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Go
    }

    fn globs(&self) -> &'static [&'static str] {
        &["vendor/modules.txt", "**/vendor/modules.txt"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        let mut problems = Vec::new();
        let lines = lines_of(file.path, file.contents, &mut problems);
        let mut headers: Vec<Header> = Vec::new();
        for &(line, raw) in &lines {
            let problem = |code, msg: String| Problem::new(code, file.path, msg).at_line(line);
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Some(marks) = trimmed.strip_prefix("##") {
                let Some(h) = headers.last_mut() else {
                    problems.push(problem(
                        ProblemCode::ManifestParse,
                        "`##` annotation before any `# module` header".to_string(),
                    ));
                    continue;
                };
                for mark in marks.split(';').map(str::trim) {
                    match mark {
                        "explicit" => h.explicit = true,
                        "workspace" => h.workspace = true,
                        _ => {}
                    }
                }
            } else if let Some(rest) = trimmed.strip_prefix('#') {
                match parse_header(rest) {
                    Ok(Some(h)) => headers.push(Header { line, ..h }),
                    // `# path => replacement`: a replace directive, no vendored module.
                    Ok(None) => {}
                    Err(msg) => problems.push(problem(ProblemCode::ManifestParse, msg)),
                }
            } else {
                let Some(h) = headers.last_mut() else {
                    problems.push(problem(
                        ProblemCode::ManifestParse,
                        format!("package `{trimmed}` before any `# module` header"),
                    ));
                    continue;
                };
                let belongs = trimmed == h.path
                    || trimmed
                        .strip_prefix(h.path.as_str())
                        .is_some_and(|r| r.starts_with('/'));
                if belongs && !trimmed.contains(char::is_whitespace) {
                    h.packages += 1;
                } else {
                    problems.push(problem(
                        ProblemCode::ManifestValue,
                        format!("package `{trimmed}` is not in module `{}`; ignored", h.path),
                    ));
                }
            }
        }

        let directness = self.directness(file, &headers);
        let vendor_dir = file.dir();
        let mut components = Vec::new();
        for h in &headers {
            let mut c = match (&h.replacement, &h.version) {
                (Some(Replacement::Module { path, version }), _) => Component::new(
                    Ecosystem::Go,
                    path,
                    Some(version.clone()),
                    go_purl(path, Some(version)),
                ),
                (Some(Replacement::Dir), _) | (None, None) => {
                    Component::new(Ecosystem::Go, &h.path, None, go_purl(&h.path, None))
                }
                (None, Some(v)) => Component::new(
                    Ecosystem::Go,
                    &h.path,
                    Some(v.clone()),
                    go_purl(&h.path, Some(v)),
                ),
            };
            if h.workspace {
                // A module of the workspace: the product's own code, not copied into vendor/.
                c.origin = Origin::FirstParty;
            } else {
                c.direct = directness.get(h.path.as_str()).copied().flatten();
                if h.packages > 0
                    && let Some(root) = util::join(vendor_dir, &h.path)
                {
                    c.roots.push(root);
                }
            }
            c.sources.push(source(self.name(), file.path, Some(h.line)));
            components.push(c);
        }
        Catalog {
            components,
            problems,
        }
    }
}

impl GoVendorModules {
    /// Whether each listed module is a direct dependency (see [`GoVendorModules`]).
    fn directness<'h>(
        &self,
        file: &ManifestFile<'_>,
        headers: &'h [Header],
    ) -> BTreeMap<&'h str, Option<bool>> {
        let go_mod_path = match util::parent(file.dir()) {
            "" => "go.mod".to_string(),
            dir => format!("{dir}/go.mod"),
        };
        let go_mod = file.tree.read(&go_mod_path).ok().map(|bytes| {
            // Problems of the go.mod are reported by the `go-mod` cataloger.
            parse_go_mod(&lines_of(&go_mod_path, &bytes, &mut Vec::new()))
        });
        let any_marker = headers.iter().any(|h| h.explicit);
        headers
            .iter()
            .map(|h| {
                let direct = match &go_mod {
                    Some(m) => Some(m.requires.iter().any(|r| r.path == h.path && !r.indirect)),
                    None if any_marker => Some(h.explicit),
                    None => None,
                };
                (h.path.as_str(), direct)
            })
            .collect()
    }
}

/// Reads a header after its `#`: `path version`, `path version => new version`,
/// `path version => dir`, or `path` alone. `Ok(None)` for `path => …`, which names no module.
fn parse_header(rest: &str) -> Result<Option<Header>, String> {
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let (left, right) = match fields.iter().position(|f| *f == "=>") {
        Some(at) => (&fields[..at], Some(&fields[at + 1..])),
        None => (&fields[..], None),
    };
    let replacement = match right {
        None => None,
        Some([dir]) if is_local_path(dir) => Some(Replacement::Dir),
        Some([path, version]) if is_version(version) => Some(Replacement::Module {
            path: path.to_string(),
            version: version.to_string(),
        }),
        Some(_) => {
            return Err(format!(
                "malformed replacement in header `#{rest}`: expected `=> module version` or `=> directory`"
            ));
        }
    };
    let header = |path: &str, version: Option<&str>| Header {
        path: path.to_string(),
        version: version.map(str::to_string),
        replacement,
        explicit: false,
        workspace: false,
        packages: 0,
        line: 0,
    };
    match left {
        [path, version] if is_version(version) => Ok(Some(header(path, Some(version)))),
        [_] if right.is_some() => Ok(None),
        [path] => Ok(Some(header(path, None))),
        _ => Err(format!(
            "malformed header `#{rest}`: expected `# module version`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(path: &str, text: &str, tree: &MemoryTree) -> Catalog {
        GoVendorModules.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    const V117: &str = "# github.com/davecgh/go-spew v1.1.1
## explicit
github.com/davecgh/go-spew/spew
# github.com/pkg/errors v0.9.1 => github.com/fork/errors v0.9.2
## explicit
github.com/pkg/errors
# golang.org/x/sys v0.15.0
## explicit; go 1.18
golang.org/x/sys/unix
golang.org/x/sys/windows
# gopkg.in/check.v1 v1.0.0-20201130134442-10cb98267c6c
## explicit; go 1.11
# example.com/local v0.0.0 => ../local
## explicit
example.com/local
# github.com/pkg/errors => github.com/fork/errors v0.9.2
";

    #[test]
    fn headers_replacements_and_roots() {
        let cat = parse("svc/vendor/modules.txt", V117, &MemoryTree::default());
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
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
                    "pkg:golang/github.com/davecgh/go-spew@v1.1.1",
                    vec!["svc/vendor/github.com/davecgh/go-spew"],
                    Some(1)
                ),
                (
                    "pkg:golang/github.com/fork/errors@v0.9.2",
                    vec!["svc/vendor/github.com/pkg/errors"],
                    Some(4)
                ),
                (
                    "pkg:golang/golang.org/x/sys@v0.15.0",
                    vec!["svc/vendor/golang.org/x/sys"],
                    Some(7)
                ),
                (
                    "pkg:golang/gopkg.in/check.v1@v1.0.0-20201130134442-10cb98267c6c",
                    vec![],
                    Some(11)
                ),
                (
                    "pkg:golang/example.com/local",
                    vec!["svc/vendor/example.com/local"],
                    Some(13)
                ),
            ]
        );
        // No go.mod in the tree: `## explicit` is read as direct.
        assert!(cat.components.iter().all(|c| c.direct == Some(true)));
        assert!(cat.components.iter().all(|c| c.declared.is_empty()));
    }

    #[test]
    fn go_mod_beside_vendor_decides_directness() {
        let go_mod = "module example.com/svc\nrequire (\n\tgithub.com/davecgh/go-spew v1.1.1\n\tgolang.org/x/sys v0.15.0 // indirect\n)\n";
        let tree = MemoryTree::default().with("svc/go.mod", go_mod);
        let cat = parse("svc/vendor/modules.txt", V117, &tree);
        let direct: Vec<Option<bool>> = cat.components.iter().map(|c| c.direct).collect();
        assert_eq!(
            direct,
            [
                Some(true),
                Some(false),
                Some(false),
                Some(false),
                Some(false)
            ]
        );
    }

    #[test]
    fn pre_go_1_14_says_nothing_about_directness() {
        let text = "# github.com/pkg/errors v0.8.1\ngithub.com/pkg/errors\n# golang.org/x/net v0.0.0-20190620200207-3b0461eec859\ngolang.org/x/net/context\n";
        let cat = parse("vendor/modules.txt", text, &MemoryTree::default());
        assert!(cat.problems.is_empty());
        assert_eq!(cat.components.len(), 2);
        assert!(cat.components.iter().all(|c| c.direct.is_none()));
        assert_eq!(cat.components[1].roots, ["vendor/golang.org/x/net"]);
    }

    #[test]
    fn unmarked_module_is_transitive_when_others_are_marked() {
        let text =
            "# a.example/x v1.0.0\n## explicit\na.example/x\n# b.example/y v1.0.0\nb.example/y\n";
        let cat = parse("vendor/modules.txt", text, &MemoryTree::default());
        assert_eq!(cat.components[0].direct, Some(true));
        assert_eq!(cat.components[1].direct, Some(false));
    }

    #[test]
    fn workspace_modules_are_first_party() {
        let text = "# example.com/api\n## workspace\n# example.com/lib v1.0.0\n## explicit; go 1.22\nexample.com/lib\n";
        let cat = parse("vendor/modules.txt", text, &MemoryTree::default());
        assert_eq!(cat.components[0].origin, Origin::FirstParty);
        assert!(cat.components[0].roots.is_empty());
        assert_eq!(cat.components[1].origin, Origin::ThirdParty);
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_counts() {
        let text = "github.com/orphan/pkg\n## explicit\n# github.com/a/x v1.0.0\n## explicit\ngithub.com/a/x\ngithub.com/b/elsewhere\n# github.com/a/y v1.0.0 => github.com/b/y\n#\n# github.com/a/z v1.2.0\ngithub.com/a/z/sub\n";
        let cat = parse("vendor/modules.txt", text, &MemoryTree::default());
        let got: Vec<(Option<u32>, ProblemCode)> =
            cat.problems.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            got,
            [
                (Some(1), ProblemCode::ManifestParse),
                (Some(2), ProblemCode::ManifestParse),
                (Some(6), ProblemCode::ManifestValue),
                (Some(7), ProblemCode::ManifestParse),
                (Some(8), ProblemCode::ManifestParse),
            ]
        );
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:golang/github.com/a/x@v1.0.0",
                "pkg:golang/github.com/a/z@v1.2.0"
            ]
        );
        assert_eq!(cat.components[1].roots, ["vendor/github.com/a/z"]);
    }

    #[test]
    fn empty_file_yields_nothing() {
        assert_eq!(
            parse("vendor/modules.txt", "", &MemoryTree::default()),
            Catalog::default()
        );
    }
}
