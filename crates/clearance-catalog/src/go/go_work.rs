//! `go.work`: the modules of a workspace.

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode};

use super::go_mod::{Syntax, parse_go_mod, parse_mod_file};
use super::{go_purl, lines_of, outside_the_build};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `go.work`: each `use` directory is a module of the product (first party), named by the
/// `module` line of its `go.mod`. The workspace's `replace` directives are applied by the
/// `go-mod` cataloger to the requirements of the modules the workspace uses.
pub struct GoWork;

impl Cataloger for GoWork {
    fn name(&self) -> &'static str {
        "go-work"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Go
    }

    fn globs(&self) -> &'static [&'static str] {
        &["go.work", "**/go.work"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if outside_the_build(file.path) {
            return Catalog::default();
        }
        let mut problems = Vec::new();
        let lines = lines_of(file.path, file.contents, &mut problems);
        let parsed = parse_mod_file(&lines, Syntax::Work);
        problems.extend(
            parsed.problems.iter().map(|(line, code, msg)| {
                Problem::new(*code, file.path, msg.clone()).at_line(*line)
            }),
        );
        let mut components = Vec::new();
        for (dir, line) in &parsed.uses {
            let problem = |msg: String| {
                Problem::new(ProblemCode::ManifestValue, file.path, msg).at_line(*line)
            };
            let Some(root) = util::join(file.dir(), dir) else {
                problems.push(problem(format!(
                    "`use {dir}` names a directory outside the scanned tree"
                )));
                continue;
            };
            let go_mod = if root.is_empty() {
                "go.mod".to_string()
            } else {
                format!("{root}/go.mod")
            };
            let Ok(bytes) = file.tree.read(&go_mod) else {
                problems.push(problem(format!(
                    "`use {dir}`: `{go_mod}` is not in the tree"
                )));
                continue;
            };
            // Problems of that go.mod are reported by the `go-mod` cataloger.
            let module = parse_go_mod(&lines_of(&go_mod, &bytes, &mut Vec::new())).module;
            let Some((path, _)) = module else {
                problems.push(problem(format!(
                    "`use {dir}`: `{go_mod}` has no `module` directive"
                )));
                continue;
            };
            let mut c = Component::new(Ecosystem::Go, &path, None, go_purl(&path, None));
            c.origin = Origin::FirstParty;
            c.roots.push(root);
            c.sources.push(source(self.name(), file.path, Some(*line)));
            components.push(c);
        }
        if !parsed.any_directive && problems.is_empty() {
            problems.push(
                Problem::new(
                    ProblemCode::ManifestParse,
                    file.path,
                    "no directives: an empty `go.work` has no `go` directive",
                )
                .at_line(1),
            );
        }
        problems.sort_by_key(|p| p.line);
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
        GoWork.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    #[test]
    fn used_modules_are_first_party() {
        let tree = MemoryTree::default()
            .with("go.mod", "module example.com/root\n")
            .with("svc/api/go.mod", "module example.com/api\n\ngo 1.22\n");
        let work = "go 1.22\n\nuse .\n\nuse (\n\t./svc/api // the HTTP API\n\t\"./svc/worker\"\n\t../elsewhere\n)\n";
        let cat = parse("go.work", work, &tree);
        let got: Vec<(&str, &str, Option<u32>)> = cat
            .components
            .iter()
            .map(|c| (c.purl.as_str(), c.roots[0].as_str(), c.sources[0].line))
            .collect();
        assert_eq!(
            got,
            [
                ("pkg:golang/example.com/root", "", Some(3)),
                ("pkg:golang/example.com/api", "svc/api", Some(6)),
            ]
        );
        assert!(
            cat.components
                .iter()
                .all(|c| c.origin == Origin::FirstParty)
        );
        let problems: Vec<(Option<u32>, &str)> = cat
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    Some(7),
                    "`use ./svc/worker`: `svc/worker/go.mod` is not in the tree"
                ),
                (
                    Some(8),
                    "`use ../elsewhere` names a directory outside the scanned tree"
                ),
            ]
        );
    }

    #[test]
    fn go_mod_without_module_and_bad_directives() {
        let tree = MemoryTree::default().with("a/go.mod", "go 1.22\n");
        let cat = parse(
            "go.work",
            "go 1.22\nuse ./a\nrequire x v1.0.0\nuse\n",
            &tree,
        );
        assert!(cat.components.is_empty());
        let lines: Vec<Option<u32>> = cat.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)]);
    }

    #[test]
    fn empty_file_is_a_parse_problem() {
        let cat = parse("go.work", "", &MemoryTree::default());
        assert_eq!(cat.problems.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(1));
    }
}
