//! `go.sum` and `go.work.sum`: the checksums of the modules a build downloaded.

use std::collections::BTreeSet;

use clearance_model::{Component, Ecosystem, Problem, ProblemCode};

use super::{go_purl, is_version, lines_of, outside_the_build};
use crate::util::source;
use crate::{Catalog, Cataloger, ManifestFile};

/// `go.sum` (and a workspace's `go.work.sum`): one component per module version whose files were
/// hashed (`module version h1:…`). A `module version/go.mod h1:…` line alone only hashed the
/// module's `go.mod` while the go command resolved the module graph: nothing of it ships. When
/// the `go.mod` beside it says `go 1.17` or later, that `go.mod` requires every module of the
/// build, so a version it does not require (one the tests of a dependency needed, or a version
/// minimal version selection passed over) does not ship either.
pub struct GoSum;

/// `true` for a well-formed hash: `h1:` and the base64 of a SHA-256 (44 characters).
fn is_hash(h: &str) -> bool {
    h.strip_prefix("h1:").is_some_and(|b64| {
        b64.len() == 44
            && b64.ends_with('=')
            && b64
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    })
}

/// The module versions of the build, from the `go.mod` beside a `go.sum` when it lists them all
/// (`go 1.17` or later): its requires, and the modules they are replaced by (by the `go.mod`, or
/// by the `go.work` of a workspace that uses the module).
fn build_list(file: &ManifestFile<'_>) -> Option<BTreeSet<(String, String)>> {
    if !file.path.ends_with("go.sum") || file.path.ends_with("go.work.sum") {
        return None;
    }
    let path = crate::util::join(file.dir(), "go.mod")?;
    let bytes = file.tree.read(&path).ok()?;
    let mut ignored = Vec::new();
    let lines = lines_of(&path, &bytes, &mut ignored);
    let m = super::go_mod::parse_go_mod(&lines);
    // A go.mod that could not be read whole does not say what the build is.
    if !m.lists_every_module() || !m.problems.is_empty() {
        return None;
    }
    let work = super::go_mod::workspace(file);
    let mut out = BTreeSet::new();
    for r in &m.requires {
        out.insert((r.path.clone(), r.version.clone()));
        let replaced = [Some(&m), work.as_ref().map(|w| &w.file)]
            .into_iter()
            .flatten()
            .filter_map(|f| f.replacement(&r.path, &r.version));
        for rep in replaced {
            if let super::go_mod::Target::Module { path, version } = &rep.target {
                out.insert((path.clone(), version.clone()));
            }
        }
    }
    Some(out)
}

impl Cataloger for GoSum {
    fn name(&self) -> &'static str {
        "go-sum"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Go
    }

    fn globs(&self) -> &'static [&'static str] {
        &["go.sum", "**/go.sum", "go.work.sum", "**/go.work.sum"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if outside_the_build(file.path) {
            return Catalog::default();
        }
        let mut problems = Vec::new();
        let lines = lines_of(file.path, file.contents, &mut problems);
        let mut components = Vec::new();
        let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
        let build = build_list(file);
        for &(line, raw) in &lines {
            let fields: Vec<&str> = raw.split_whitespace().collect();
            let problem = |code, msg: String| Problem::new(code, file.path, msg).at_line(line);
            let (path, version, hash) = match fields.as_slice() {
                [] => continue,
                [p, v, h] => (*p, *v, *h),
                _ => {
                    problems.push(problem(
                        ProblemCode::ManifestParse,
                        format!(
                            "expected `module version hash`, found {} field(s); line skipped",
                            fields.len()
                        ),
                    ));
                    continue;
                }
            };
            let (version, go_mod_only) = match version.strip_suffix("/go.mod") {
                Some(v) => (v, true),
                None => (version, false),
            };
            if !is_version(version) {
                problems.push(problem(
                    ProblemCode::ManifestParse,
                    format!("`{version}` of `{path}` is not a module version; line skipped"),
                ));
                continue;
            }
            if !is_hash(hash) {
                problems.push(problem(
                    ProblemCode::ManifestValue,
                    format!("`{hash}` for `{path} {version}` is not an `h1:` SHA-256 hash"),
                ));
            }
            if go_mod_only || !seen.insert((path, version)) {
                continue;
            }
            if build
                .as_ref()
                .is_some_and(|b| !b.contains(&(path.to_string(), version.to_string())))
            {
                continue;
            }
            let mut c = Component::new(
                Ecosystem::Go,
                path,
                Some(version.to_string()),
                go_purl(path, Some(version)),
            );
            c.sources.push(source(self.name(), file.path, Some(line)));
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
        GoSum.parse(&ManifestFile::new(
            path,
            text.as_bytes(),
            &MemoryTree::default(),
        ))
    }

    const SUM: &str =
        "github.com/davecgh/go-spew v1.1.1 h1:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c=
github.com/davecgh/go-spew v1.1.1/go.mod h1:J7Y8YcW2NihsgmVo/mv3lAwl/skON4iLHjSsI+c5H38=
github.com/kr/pretty v0.1.0/go.mod h1:dAy3ld7l9f0ibDNOQOHHMYYIIbhfbHSm3C4ZsoJORNo=
gopkg.in/yaml.v3 v3.0.1 h1:fxVm/GzAzEWqLHuvctI91KS9hhNmmWOoWu0XTYJS7CA=
";

    #[test]
    fn go_mod_only_lines_ship_nothing() {
        let cat = parse("go.sum", SUM);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let got: Vec<(&str, Option<u32>)> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:golang/github.com/davecgh/go-spew@v1.1.1", Some(1)),
                ("pkg:golang/gopkg.in/yaml.v3@v3.0.1", Some(4)),
            ]
        );
        assert!(
            cat.components
                .iter()
                .all(|c| c.direct.is_none() && c.roots.is_empty() && c.declared.is_empty())
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_their_line() {
        let text = "github.com/a/x v1.0.0\n\ngithub.com/a/y latest h1:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c=\ngithub.com/a/z v1.0.0 md5:abc\ngithub.com/a/w v0.2.0 h1:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c= extra\n";
        let cat = parse("go.sum", text);
        let got: Vec<(Option<u32>, ProblemCode)> =
            cat.problems.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            got,
            [
                (Some(1), ProblemCode::ManifestParse),
                (Some(3), ProblemCode::ManifestParse),
                (Some(4), ProblemCode::ManifestValue),
                (Some(5), ProblemCode::ManifestParse),
            ]
        );
        // A bad hash still names a module version that was downloaded.
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.components[0].purl, "pkg:golang/github.com/a/z@v1.0.0");
    }

    #[test]
    fn duplicates_count_once_and_versions_stay_apart() {
        let line = |v: &str| {
            format!("github.com/a/x {v} h1:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c=\n")
        };
        let text = [line("v1.0.0"), line("v1.0.0"), line("v1.1.0")].concat();
        let cat = parse("tools/go.work.sum", &text);
        assert_eq!(cat.components.len(), 2);
        assert_eq!(cat.components[1].sources[0].line, Some(3));
    }

    #[test]
    fn empty_and_vendored_files_yield_nothing() {
        assert_eq!(parse("go.sum", ""), Catalog::default());
        assert_eq!(
            parse("vendor/github.com/a/x/go.sum", SUM),
            Catalog::default()
        );
    }

    #[test]
    fn with_a_go_1_17_go_mod_only_the_build_list_ships() {
        let sum = "github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=
github.com/stretchr/testify v1.7.0 h1:nwc3DEeHmmLAfoZucVR881uASk0Mfjw8xYJ99tb5CcY=
github.com/kr/text v0.1.0 h1:45sCR5RtlFHMR4UwH9sdQ5TC8v0qDQCHnXt+kaKSTVE=
";
        let names = |go_mod: Option<&str>| -> Vec<String> {
            let mut tree = MemoryTree::default();
            if let Some(m) = go_mod {
                tree = tree.with("app/go.mod", m);
            }
            GoSum
                .parse(&ManifestFile::new("app/go.sum", sum.as_bytes(), &tree))
                .components
                .into_iter()
                .map(|c| c.purl)
                .collect()
        };
        let pruned = "module acme.example/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/pkg/errors v0.9.1\n\tgithub.com/stretchr/testify v1.7.0 // indirect\n)\n";
        assert_eq!(
            names(Some(pruned)),
            [
                "pkg:golang/github.com/pkg/errors@v0.9.1",
                "pkg:golang/github.com/stretchr/testify@v1.7.0"
            ]
        );
        // Before Go 1.17 the go.mod does not list every module: every hashed module counts.
        let old = pruned.replace("go 1.21", "go 1.16");
        assert_eq!(names(Some(&old)).len(), 3);
        assert_eq!(names(None).len(), 3);
    }

    #[test]
    fn hashes() {
        assert!(is_hash("h1:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c="));
        assert!(!is_hash("h1:short="));
        assert!(!is_hash("h2:vj9j/u1bqnvCEfJOwUhtlOARqs3+rkHYY13jYWTU97c="));
    }
}
