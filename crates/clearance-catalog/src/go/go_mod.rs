//! `go.mod`: the main module, its requirements and their replacements.

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode};

use super::{
    cached_module_version, go_purl, is_local_path, is_version, lines_of, outside_the_build,
};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `go.mod`: the product's own module and the modules it requires, with `replace` applied (those
/// of the `go.work` that uses the module first, then the module's own).
pub struct GoMod;

/// A token of a `go.mod` line.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    text: String,
    /// `true` for a quoted string, which is never punctuation.
    quoted: bool,
}

impl Token {
    fn is(&self, punct: &str) -> bool {
        !self.quoted && self.text == punct
    }
}

/// Splits one line into tokens and its trailing `//` comment. Punctuation (`(`, `)`, `[`, `]`,
/// `,`, `=>`) stands alone; `"…"` and `` `…` `` strings are unquoted.
fn lex(line: &str) -> Result<(Vec<Token>, Option<&str>), String> {
    let mut tokens = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if bytes[i..].starts_with(b"//") {
            return Ok((tokens, Some(&line[i + 2..])));
        } else if matches!(c, b'(' | b')' | b'[' | b']' | b',') {
            tokens.push(Token {
                text: (c as char).to_string(),
                quoted: false,
            });
            i += 1;
        } else if bytes[i..].starts_with(b"=>") {
            tokens.push(Token {
                text: "=>".to_string(),
                quoted: false,
            });
            i += 2;
        } else if c == b'"' {
            let mut text = String::new();
            let mut chars = line[i + 1..].char_indices();
            let mut end = None;
            while let Some((j, ch)) = chars.next() {
                match ch {
                    '"' => {
                        end = Some(i + 1 + j + 1);
                        break;
                    }
                    '\\' => match chars.next() {
                        Some((_, e)) => text.push(e),
                        None => break,
                    },
                    ch => text.push(ch),
                }
            }
            let Some(end) = end else {
                return Err("unterminated quoted string".to_string());
            };
            tokens.push(Token { text, quoted: true });
            i = end;
        } else if c == b'`' {
            let rest = &line[i + 1..];
            let Some(close) = rest.find('`') else {
                return Err("unterminated raw string".to_string());
            };
            tokens.push(Token {
                text: rest[..close].to_string(),
                quoted: true,
            });
            i += close + 2;
        } else {
            let start = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii_whitespace()
                    || matches!(b, b'(' | b')' | b'[' | b']' | b',' | b'"' | b'`')
                    || bytes[i..].starts_with(b"//")
                    || bytes[i..].starts_with(b"=>")
                {
                    break;
                }
                i += 1;
            }
            tokens.push(Token {
                text: line[start..i].to_string(),
                quoted: false,
            });
        }
    }
    Ok((tokens, None))
}

/// One `require` line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Require {
    pub path: String,
    pub version: String,
    /// Marked `// indirect`.
    pub indirect: bool,
    pub line: u32,
}

/// Where a `replace` sends a module.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Target {
    /// Another module version.
    Module { path: String, version: String },
    /// A directory, as written (relative to the `go.mod`).
    Dir(String),
}

/// One `replace` line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Replace {
    pub path: String,
    /// Only this version is replaced; `None` replaces every version.
    pub version: Option<String>,
    pub target: Target,
    pub line: u32,
}

/// What a `go.mod` says, with the problems met reading it.
#[derive(Debug, Default)]
pub(super) struct GoModFile {
    /// The `module` path and its line.
    pub module: Option<(String, u32)>,
    pub requires: Vec<Require>,
    pub replaces: Vec<Replace>,
    /// `(path, version, line)` of each `exclude`.
    pub excludes: Vec<(String, String, u32)>,
    /// `(line, code, message)`.
    pub problems: Vec<(u32, ProblemCode, String)>,
    /// `false` for a file of blank lines and comments only.
    pub any_directive: bool,
    /// `use` directories of a `go.work`, as written, with their lines.
    pub uses: Vec<(String, u32)>,
    /// The `go` directive's version (`1.21`, `1.22.3`).
    pub go: Option<String>,
}

impl GoModFile {
    /// `true` when the `go` directive is 1.17 or later: the module graph is pruned, and the
    /// `go.mod` requires every module that provides a package to the build.
    pub fn lists_every_module(&self) -> bool {
        let Some(go) = &self.go else { return false };
        let mut parts = go.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        major > 1 || (major == 1 && minor >= 17)
    }
}

impl GoModFile {
    /// The replacement that applies to `path` at `version`: one naming the version wins over one
    /// for every version, and the last of equals wins, as with the go command.
    pub fn replacement(&self, path: &str, version: &str) -> Option<&Replace> {
        let exact = self
            .replaces
            .iter()
            .rev()
            .find(|r| r.path == path && r.version.as_deref() == Some(version));
        exact.or_else(|| {
            self.replaces
                .iter()
                .rev()
                .find(|r| r.path == path && r.version.is_none())
        })
    }
}

/// Which file a directive list is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    /// `go.mod`.
    Mod,
    /// `go.work`: the same lexical syntax, other directives.
    Work,
}

/// Directives of a `go.work`.
const WORK_DIRECTIVES: &[&str] = &["go", "toolchain", "godebug", "use", "replace"];

/// Directives of a `go.mod`.
const DIRECTIVES: &[&str] = &[
    "module",
    "go",
    "toolchain",
    "godebug",
    "require",
    "exclude",
    "replace",
    "retract",
    "tool",
    "ignore",
];

/// `true` when a `//` comment marks a requirement indirect (`// indirect`, `// indirect; note`).
fn is_indirect(comment: Option<&str>) -> bool {
    comment.is_some_and(|c| {
        let c = c.trim();
        c == "indirect" || c.starts_with("indirect;")
    })
}

/// Parses the numbered lines of a `go.mod`. Each bad line is a problem; the others still count.
pub(super) fn parse_go_mod(lines: &[(u32, &str)]) -> GoModFile {
    parse_mod_file(lines, Syntax::Mod)
}

/// Parses the numbered lines of a `go.mod` or `go.work`.
pub(super) fn parse_mod_file(lines: &[(u32, &str)], syntax: Syntax) -> GoModFile {
    let mut out = GoModFile::default();
    // The verb of the open block and the line that opened it.
    let mut block: Option<(String, u32)> = None;
    for &(line, raw) in lines {
        let (tokens, comment) = match lex(raw) {
            Ok(t) => t,
            Err(msg) => {
                out.problems.push((line, ProblemCode::ManifestParse, msg));
                continue;
            }
        };
        let Some(first) = tokens.first() else {
            continue;
        };
        out.any_directive = true;
        if let Some((verb, _)) = &block {
            if tokens.len() == 1 && first.is(")") {
                block = None;
            } else {
                let verb = verb.clone();
                entry(&mut out, syntax, &verb, &tokens, comment, line);
            }
            continue;
        }
        if first.is(")") {
            out.problems.push((
                line,
                ProblemCode::ManifestParse,
                "`)` without an open block".to_string(),
            ));
            continue;
        }
        let verb = first.text.clone();
        match tokens.get(1..) {
            Some([open]) if open.is("(") => block = Some((verb, line)),
            // `require ()`: an empty block.
            Some([open, close]) if open.is("(") && close.is(")") => {}
            Some(args) => entry(&mut out, syntax, &verb, args, comment, line),
            None => {}
        }
    }
    if let Some((verb, line)) = block {
        out.problems.push((
            line,
            ProblemCode::ManifestParse,
            format!("`{verb} (` block is not closed by `)`"),
        ));
    }
    out
}

/// Reads one directive (`args` excludes the verb, or is a whole line inside a block).
fn entry(
    out: &mut GoModFile,
    syntax: Syntax,
    verb: &str,
    args: &[Token],
    comment: Option<&str>,
    line: u32,
) {
    let known = match syntax {
        Syntax::Mod => DIRECTIVES,
        Syntax::Work => WORK_DIRECTIVES,
    };
    if !known.contains(&verb) {
        out.problems.push((
            line,
            ProblemCode::ManifestValue,
            format!(
                "unknown directive `{verb}`; ignored (known: {})",
                known.join(", ")
            ),
        ));
        return;
    }
    let texts: Vec<&str> = args.iter().map(|t| t.text.as_str()).collect();
    let bad = |out: &mut GoModFile, what: &str| {
        out.problems.push((
            line,
            ProblemCode::ManifestParse,
            format!("malformed `{verb}` directive: {what}"),
        ));
    };
    if verb == "go"
        && let [version] = texts.as_slice()
    {
        out.go = Some(version.to_string());
    }
    match verb {
        "module" => match texts.as_slice() {
            [path] => {
                if out.module.is_some() {
                    out.problems.push((
                        line,
                        ProblemCode::ManifestValue,
                        "repeated `module` directive; the first one counts".to_string(),
                    ));
                } else {
                    out.module = Some((path.to_string(), line));
                }
            }
            _ => bad(out, "expected a module path"),
        },
        "require" | "exclude" => {
            let [path, version] = texts.as_slice() else {
                bad(out, "expected a module path and a version");
                return;
            };
            check_version(out, verb, path, version, line);
            if verb == "require" {
                out.requires.push(Require {
                    path: path.to_string(),
                    version: version.to_string(),
                    indirect: is_indirect(comment),
                    line,
                });
            } else {
                out.excludes
                    .push((path.to_string(), version.to_string(), line));
            }
        }
        "replace" => {
            let Some(arrow) = args.iter().position(|t| t.is("=>")) else {
                bad(out, "expected `=>`");
                return;
            };
            let (left, right) = (&texts[..arrow], &texts[arrow + 1..]);
            let (path, version) = match left {
                [p] => (p, None),
                [p, v] => (p, Some(v.to_string())),
                _ => {
                    bad(
                        out,
                        "expected a module path and an optional version before `=>`",
                    );
                    return;
                }
            };
            let target = match right {
                [dir] if is_local_path(dir) => Target::Dir(dir.to_string()),
                [other] => {
                    bad(
                        out,
                        &format!(
                            "replacement `{other}` is neither a directory (`./…`, `../…`) nor a module path with a version"
                        ),
                    );
                    return;
                }
                [p, v] => {
                    check_version(out, verb, p, v, line);
                    Target::Module {
                        path: p.to_string(),
                        version: v.to_string(),
                    }
                }
                _ => {
                    bad(
                        out,
                        "expected a module path and a version, or a directory, after `=>`",
                    );
                    return;
                }
            };
            out.replaces.push(Replace {
                path: path.to_string(),
                version,
                target,
                line,
            });
        }
        "retract" => match texts.as_slice() {
            [v] if is_version(v) => {}
            ["[", low, ",", high, "]"] if is_version(low) && is_version(high) => {}
            _ => bad(out, "expected a version or a `[low, high]` interval"),
        },
        "use" => match texts.as_slice() {
            [dir] => out.uses.push((dir.to_string(), line)),
            _ => bad(out, "expected one directory"),
        },
        _ => {
            if texts.is_empty() {
                bad(out, "missing argument");
            }
        }
    }
}

fn check_version(out: &mut GoModFile, verb: &str, path: &str, version: &str, line: u32) {
    if !is_version(version) {
        out.problems.push((
            line,
            ProblemCode::ManifestValue,
            format!("`{verb} {path} {version}`: `{version}` is not a module version (`vX.Y.Z`)"),
        ));
    }
}

/// The `go.work` that a module belongs to.
pub(super) struct Workspace {
    /// Its directory.
    dir: String,
    /// Its path.
    path: String,
    /// What it says.
    pub(super) file: GoModFile,
}

/// The workspace of the module whose `go.mod` is `file`: the go command uses the first `go.work`
/// found from the module's directory upward, and only when that file `use`s the module.
pub(super) fn workspace(file: &ManifestFile<'_>) -> Option<Workspace> {
    let mut dir = file.dir();
    loop {
        let path = if dir.is_empty() {
            "go.work".to_string()
        } else {
            format!("{dir}/go.work")
        };
        if let Ok(bytes) = file.tree.read(&path) {
            // Problems of the go.work are reported by the `go-work` cataloger.
            let parsed = parse_mod_file(&lines_of(&path, &bytes, &mut Vec::new()), Syntax::Work);
            let uses_module = parsed
                .uses
                .iter()
                .any(|(u, _)| util::join(dir, u).as_deref() == Some(file.dir()));
            return uses_module.then(|| Workspace {
                dir: dir.to_string(),
                path,
                file: parsed,
            });
        }
        if dir.is_empty() {
            return None;
        }
        dir = util::parent(dir);
    }
}

impl Cataloger for GoMod {
    fn name(&self) -> &'static str {
        "go-mod"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Go
    }

    fn globs(&self) -> &'static [&'static str] {
        &["go.mod", "**/go.mod"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if let Some(version) = cached_module_version(file.path) {
            return self.cached_module(file, version);
        }
        if outside_the_build(file.path) {
            return Catalog::default();
        }
        let mut problems = Vec::new();
        let lines = lines_of(file.path, file.contents, &mut problems);
        let parsed = parse_go_mod(&lines);
        problems.extend(
            parsed.problems.iter().map(|(line, code, msg)| {
                Problem::new(*code, file.path, msg.clone()).at_line(*line)
            }),
        );
        let work = workspace(file);
        let mut components = Vec::new();
        let mut direct_deps = Vec::new();
        for req in &parsed.requires {
            let c = self.requirement(file, &parsed, work.as_ref(), req);
            if let Some((_, _, eline)) = parsed
                .excludes
                .iter()
                .find(|(p, v, _)| *p == req.path && *v == req.version)
            {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        format!(
                            "`{} {}` is required but excluded (line {eline}); the go command uses the next version that is not excluded",
                            req.path, req.version
                        ),
                    )
                    .at_line(req.line),
                );
            }
            if !req.indirect {
                direct_deps.push(c.purl.clone());
            }
            components.push(c);
        }
        match &parsed.module {
            Some((path, line)) => {
                let mut c = Component::new(Ecosystem::Go, path, None, go_purl(path, None));
                c.origin = Origin::FirstParty;
                c.roots.push(file.dir().to_string());
                c.sources.push(source(self.name(), file.path, Some(*line)));
                direct_deps.sort();
                direct_deps.dedup();
                c.dependencies = direct_deps;
                components.insert(0, c);
            }
            None if !parsed.any_directive => problems.push(
                Problem::new(
                    ProblemCode::ManifestParse,
                    file.path,
                    "no directives: an empty `go.mod` has no `module` directive",
                )
                .at_line(1),
            ),
            None => problems.push(
                Problem::new(
                    ProblemCode::ManifestValue,
                    file.path,
                    "no `module` directive: the product's own module is unknown",
                )
                .at_line(1),
            ),
        }
        problems.sort_by_key(|p| p.line);
        Catalog {
            components,
            problems,
        }
    }
}

impl GoMod {
    /// The `go.mod` at the top of a module in the module cache: that module, installed.
    fn cached_module(&self, file: &ManifestFile<'_>, version: &str) -> Catalog {
        let mut problems = Vec::new();
        let lines = lines_of(file.path, file.contents, &mut problems);
        let parsed = parse_go_mod(&lines);
        problems.extend(
            parsed.problems.iter().map(|(line, code, msg)| {
                Problem::new(*code, file.path, msg.clone()).at_line(*line)
            }),
        );
        let Some((path, line)) = &parsed.module else {
            problems.push(
                Problem::new(
                    ProblemCode::ManifestParse,
                    file.path,
                    "no `module` directive in the `go.mod` of a cached module",
                )
                .at_line(1),
            );
            return Catalog {
                components: Vec::new(),
                problems,
            };
        };
        let mut c = Component::new(
            Ecosystem::Go,
            path,
            Some(version.to_string()),
            go_purl(path, Some(version)),
        );
        c.roots.push(file.dir().to_string());
        c.sources.push(source(self.name(), file.path, Some(*line)));
        Catalog {
            components: vec![c],
            problems,
        }
    }

    /// The component a `require` line ships, with its replacement applied.
    fn requirement(
        &self,
        file: &ManifestFile<'_>,
        parsed: &GoModFile,
        work: Option<&Workspace>,
        req: &Require,
    ) -> Component {
        // A `replace` of the workspace overrides the module's own.
        let replace = work
            .and_then(|w| {
                w.file
                    .replacement(&req.path, &req.version)
                    .map(|r| (r, w.dir.as_str(), w.path.as_str()))
            })
            .or_else(|| {
                parsed
                    .replacement(&req.path, &req.version)
                    .map(|r| (r, file.dir(), file.path))
            });
        let mut c = match replace.map(|(r, _, _)| &r.target) {
            Some(Target::Module { path, version }) => Component::new(
                Ecosystem::Go,
                path,
                Some(version.clone()),
                go_purl(path, Some(version)),
            ),
            Some(Target::Dir(dir)) => {
                // The directory's code ships under the required module's path, with no version.
                let mut c =
                    Component::new(Ecosystem::Go, &req.path, None, go_purl(&req.path, None));
                let base = replace.map_or(file.dir(), |(_, base, _)| base);
                if let Some(root) = util::join(base, dir) {
                    c.roots.push(root);
                }
                c
            }
            None => Component::new(
                Ecosystem::Go,
                &req.path,
                Some(req.version.clone()),
                go_purl(&req.path, Some(&req.version)),
            ),
        };
        c.direct = Some(!req.indirect);
        c.sources
            .push(source(self.name(), file.path, Some(req.line)));
        if let Some((r, _, path)) = replace {
            c.sources.push(source(self.name(), path, Some(r.line)));
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    fn parse(path: &str, text: &str) -> Catalog {
        GoMod.parse(&ManifestFile::new(
            path,
            text.as_bytes(),
            &MemoryTree::default(),
        ))
    }

    #[test]
    fn lexes_quotes_comments_and_punctuation() {
        let (t, c) = lex("\t\"github.com/a/b\" v1.0.0 // indirect").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].text, "github.com/a/b");
        assert!(t[0].quoted);
        assert_eq!(c, Some(" indirect"));
        let (t, _) = lex("replace a=>`b` v1.0.0").unwrap();
        let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["replace", "a", "=>", "b", "v1.0.0"]);
        let (t, _) = lex("retract [v1.0.0,v1.0.5]").unwrap();
        assert_eq!(t.len(), 6);
        assert!(lex("module \"unterminated").is_err());
        assert!(lex("module `raw").is_err());
    }

    #[test]
    fn indirect_markers() {
        assert!(is_indirect(Some(" indirect")));
        assert!(is_indirect(Some("indirect; used by tests")));
        assert!(!is_indirect(Some(" indirectly")));
        assert!(!is_indirect(None));
    }

    #[test]
    fn requires_with_lines_and_directness() {
        let text = "module example.com/app\n\ngo 1.21\n\nrequire github.com/pkg/errors v0.9.1\n\nrequire (\n\tgithub.com/stretchr/testify v1.8.4\n\tgopkg.in/yaml.v3 v3.0.1 // indirect\n)\n";
        let cat = parse("go.mod", text);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:golang/example.com/app",
                "pkg:golang/github.com/pkg/errors@v0.9.1",
                "pkg:golang/github.com/stretchr/testify@v1.8.4",
                "pkg:golang/gopkg.in/yaml.v3@v3.0.1",
            ]
        );
        let app = &cat.components[0];
        assert_eq!(app.origin, Origin::FirstParty);
        assert_eq!(app.roots, [""]);
        assert_eq!(app.sources[0].line, Some(1));
        assert_eq!(
            app.dependencies,
            [
                "pkg:golang/github.com/pkg/errors@v0.9.1",
                "pkg:golang/github.com/stretchr/testify@v1.8.4"
            ]
        );
        let lines: Vec<Option<u32>> = cat.components[1..]
            .iter()
            .map(|c| c.sources[0].line)
            .collect();
        assert_eq!(lines, [Some(5), Some(8), Some(9)]);
        assert_eq!(cat.components[2].direct, Some(true));
        assert_eq!(cat.components[3].direct, Some(false));
        assert_eq!(cat.components[3].origin, Origin::ThirdParty);
        assert!(cat.components.iter().all(|c| c.declared.is_empty()));
    }

    #[test]
    fn replacements_apply_exact_version_first() {
        let text = "module example.com/app\nrequire (\n\tgithub.com/a/x v1.0.0\n\tgithub.com/a/y v1.2.0\n\tgithub.com/a/z v0.3.0\n)\nreplace github.com/a/x => github.com/fork/x v1.0.1\nreplace github.com/a/x v1.0.0 => github.com/fork/x v1.0.2\nreplace github.com/a/y => ../y\nreplace github.com/a/z v0.1.0 => github.com/fork/z v0.1.1\nreplace github.com/unused/m => github.com/fork/m v1.0.0\n";
        let cat = parse("svc/go.mod", text);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let x = &cat.components[1];
        assert_eq!(x.purl, "pkg:golang/github.com/fork/x@v1.0.2");
        assert_eq!(x.name, "github.com/fork/x");
        let lines: Vec<Option<u32>> = x.sources.iter().map(|s| s.line).collect();
        assert_eq!(lines, [Some(3), Some(8)]);
        let y = &cat.components[2];
        assert_eq!(y.purl, "pkg:golang/github.com/a/y");
        assert_eq!(y.version, None);
        assert_eq!(y.roots, ["y"]);
        // A replacement of another version does not apply.
        assert_eq!(cat.components[3].purl, "pkg:golang/github.com/a/z@v0.3.0");
        assert_eq!(cat.components[3].sources.len(), 1);
        assert_eq!(cat.components.len(), 4);
    }

    #[test]
    fn local_replacement_outside_the_root_has_no_root() {
        let text = "module m\nrequire example.com/x v1.0.0\nreplace example.com/x => ../../x\n";
        let cat = parse("go.mod", text);
        assert!(cat.components[1].roots.is_empty());
    }

    #[test]
    fn exclude_and_retract() {
        let text = "module example.com/app\nrequire example.com/x v1.1.0\nexclude (\n\texample.com/x v1.1.0\n\texample.com/x v1.0.0\n)\nretract v1.0.0\nretract [v1.1.0, v1.2.0] // broken\nretract (\n\tv0.9.0\n\tnot-a-version\n)\n";
        let cat = parse("go.mod", text);
        assert_eq!(cat.components.len(), 2);
        assert_eq!(cat.problems.len(), 2, "{:?}", cat.problems);
        assert_eq!(cat.problems[0].line, Some(2));
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        assert!(cat.problems[0].message.contains("excluded (line 4)"));
        assert_eq!(cat.problems[1].line, Some(11));
        assert_eq!(cat.problems[1].code, ProblemCode::ManifestParse);
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_counts() {
        let text = "module example.com/app\nrequire (\n\tgithub.com/a/x\n\tgithub.com/a/y master\n\t\"github.com/a/z v1.0.0\n\tgithub.com/a/w v1.0.0\n)\nreplace github.com/a/w => github.com/b/w\nfrobnicate on\n)\nrequire (\n\tgithub.com/a/v v2.0.0+incompatible\n";
        let cat = parse("go.mod", text);
        let got: Vec<(Option<u32>, ProblemCode)> =
            cat.problems.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            got,
            [
                (Some(3), ProblemCode::ManifestParse),
                (Some(4), ProblemCode::ManifestValue),
                (Some(5), ProblemCode::ManifestParse),
                (Some(8), ProblemCode::ManifestParse),
                (Some(9), ProblemCode::ManifestValue),
                (Some(10), ProblemCode::ManifestParse),
                (Some(11), ProblemCode::ManifestParse),
            ]
        );
        let purls: Vec<&str> = cat.components.iter().map(|c| c.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:golang/example.com/app",
                "pkg:golang/github.com/a/y@master",
                "pkg:golang/github.com/a/w@v1.0.0",
                "pkg:golang/github.com/a/v@v2.0.0%2Bincompatible",
            ]
        );
    }

    #[test]
    fn missing_module_and_empty_file() {
        let cat = parse("go.mod", "require github.com/a/x v1.0.0\n");
        assert_eq!(cat.components.len(), 1);
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestValue);
        let cat = parse("go.mod", "\n// nothing\n");
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(cat.problems[0].line, Some(1));
        let cat = parse("go.mod", "module a\nmodule b\n");
        assert_eq!(cat.components[0].name, "a");
        assert_eq!(cat.problems[0].line, Some(2));
    }

    #[test]
    fn vendored_and_testdata_go_mod_yield_nothing() {
        let text = "module github.com/a/x\nrequire github.com/b/y v1.0.0\n";
        assert_eq!(
            parse("vendor/github.com/a/x/go.mod", text),
            Catalog::default()
        );
        assert_eq!(parse("pkg/testdata/go.mod", text), Catalog::default());
    }

    #[test]
    fn module_cache_go_mod_is_the_installed_module() {
        let text = "module github.com/sirupsen/logrus\n\nrequire (\n\tgithub.com/stretchr/testify v1.7.0\n)\n\ngo 1.13\n";
        let cat = parse("go/pkg/mod/github.com/sirupsen/logrus@v1.9.3/go.mod", text);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(cat.components.len(), 1);
        let c = &cat.components[0];
        assert_eq!(c.purl, "pkg:golang/github.com/sirupsen/logrus@v1.9.3");
        assert_eq!(c.origin, Origin::ThirdParty);
        assert_eq!(c.direct, None);
        assert_eq!(c.roots, ["go/pkg/mod/github.com/sirupsen/logrus@v1.9.3"]);
        // Upper case is escaped in the directory name; the `module` line has the real path.
        let cat = parse(
            "pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/go.mod",
            "module github.com/BurntSushi/toml\n",
        );
        assert_eq!(cat.components[0].name, "github.com/BurntSushi/toml");
        // The purl's golang type lowercases the namespace.
        assert_eq!(
            cat.components[0].purl,
            "pkg:golang/github.com/burntsushi/toml@v1.3.2"
        );
        let cat = parse("pkg/mod/example.com/x@v1.0.0/go.mod", "go 1.21\n");
        assert!(cat.components.is_empty());
        assert_eq!(cat.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(
            parse("pkg/mod/example.com/x@v1.0.0/sub/go.mod", text),
            Catalog::default()
        );
    }

    #[test]
    fn workspace_replacements_override_the_module_s() {
        let work = "go 1.22\n\nuse (\n\t./api\n\t./lib\n)\n\nreplace github.com/a/x => github.com/fork/x v1.0.5\nreplace github.com/a/y => ./forks/y\n";
        let tree = MemoryTree::default().with("go.work", work);
        let text = "module example.com/api\nrequire (\n\tgithub.com/a/x v1.0.0\n\tgithub.com/a/y v1.0.0\n)\nreplace github.com/a/x => github.com/other/x v1.0.1\n";
        let cat = GoMod.parse(&ManifestFile::new("api/go.mod", text.as_bytes(), &tree));
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        let x = &cat.components[1];
        assert_eq!(x.purl, "pkg:golang/github.com/fork/x@v1.0.5");
        assert_eq!(x.sources[1].path, "go.work");
        assert_eq!(x.sources[1].line, Some(8));
        let y = &cat.components[2];
        assert_eq!(y.roots, ["forks/y"]);
        // A module the workspace does not use keeps its own replacements.
        let cat = GoMod.parse(&ManifestFile::new("tools/go.mod", text.as_bytes(), &tree));
        assert_eq!(
            cat.components[1].purl,
            "pkg:golang/github.com/other/x@v1.0.1"
        );
    }

    #[test]
    fn work_syntax_has_its_own_directives() {
        let lines = [(1, "use ./a"), (2, "require x v1.0.0"), (3, "use")];
        let parsed = parse_mod_file(&lines, Syntax::Work);
        assert_eq!(parsed.uses, [("./a".to_string(), 1)]);
        assert_eq!(parsed.problems.len(), 2);
        let parsed = parse_go_mod(&lines);
        assert_eq!(parsed.problems[0].0, 1);
        assert_eq!(parsed.problems[0].1, ProblemCode::ManifestValue);
    }

    #[test]
    fn not_utf8_is_a_problem() {
        let cat = GoMod.parse(&ManifestFile::new(
            "go.mod",
            b"module a\n\xff\n",
            &MemoryTree::default(),
        ));
        assert_eq!(cat.problems[0].line, Some(2));
        assert_eq!(cat.components.len(), 1);
    }
}
