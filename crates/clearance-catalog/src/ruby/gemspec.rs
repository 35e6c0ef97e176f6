//! `*.gemspec`: a gem specification, read for its literal `name`, `version`, licenses and
//! authors.

use clearance_model::{Component, Ecosystem, Origin, Problem, ProblemCode};

use super::{gem_purl, license_list, split_platform};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `*.gemspec`: one gem.
///
/// Where it lies decides what it is:
///
/// - `…/specifications/<name>-<version>.gemspec` is an installed gem (`vendor/bundle/ruby/3.2.0/`,
///   a system gem directory); its files are in `…/gems/<name>-<version>/`, its root. Default gems
///   (`specifications/default/`) have no directory of their own.
/// - A gemspec inside an installed gem's directory (`…/gems/<name>-<version>/`) yields nothing:
///   the gem's specification describes it.
/// - A gemspec in a Git checkout of Bundler (`bundler/gems/<name>-<revision>/`) or under
///   `vendor/` is a third-party gem rooted at its directory.
/// - Any other gemspec is the project's own gem (first-party).
///
/// A gemspec is Ruby code. Only assignments of literal strings are read (`spec.name = "rack"`,
/// `s.version = "3.0.8".freeze`, `%q{…}`, `spec.licenses = ["MIT"]`, `%w[MIT Ruby]`); a value
/// computed by code (`spec.version = Rack::RELEASE`) gives no value rather than a guess; for
/// the project's gem, the version Bundler computed is taken from the `PATH` section (`remote: .`)
/// of the `Gemfile.lock` beside it, when there is one. When a
/// field is assigned several times, the last literal assignment wins, as in Ruby.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, ruby::RubyGemspec};
/// let tree = MemoryTree::default();
/// let spec = b"Gem::Specification.new do |s|\n  s.name = \"rack\".freeze\n  s.version = \"3.0.8\"\n  s.licenses = [\"MIT\".freeze]\nend\n";
/// let path = "vendor/bundle/ruby/3.2.0/specifications/rack-3.0.8.gemspec";
/// let catalog = RubyGemspec.parse(&ManifestFile::new(path, spec, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:gem/rack@3.0.8");
/// assert_eq!(catalog.components[0].roots, ["vendor/bundle/ruby/3.2.0/gems/rack-3.0.8"]);
/// ```
pub struct RubyGemspec;

/// A value assigned to a gemspec field.
#[derive(Debug, PartialEq, Eq)]
enum Assigned {
    /// Literal strings (one for a string, several for an array).
    Literal(Vec<String>),
    /// Anything else: code, an interpolated string, a constant.
    Code,
}

/// One `receiver.field = value` line.
#[derive(Debug)]
struct Assignment {
    field: String,
    value: Assigned,
    line: u32,
}

/// Reads one Ruby string literal at the start of `s`: `"…"` without interpolation, `'…'`, or
/// `%q`/`%Q`/`%` with `{}`, `()`, `[]`, `<>` or a repeated delimiter; an optional `.freeze`
/// follows. Returns the string and the rest of the input.
fn string_literal(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let (value, rest) = if let Some(body) = s.strip_prefix('"') {
        let end = body.find('"')?;
        let v = &body[..end];
        if v.contains("#{") || v.contains('\\') {
            return None;
        }
        (v.to_string(), &body[end + 1..])
    } else if let Some(body) = s.strip_prefix('\'') {
        let end = body.find('\'')?;
        let v = &body[..end];
        if v.contains('\\') {
            return None;
        }
        (v.to_string(), &body[end + 1..])
    } else if let Some(body) = s.strip_prefix('%') {
        let body = body
            .strip_prefix('q')
            .or_else(|| body.strip_prefix('Q'))
            .unwrap_or(body);
        let open = body.chars().next()?;
        let close = match open {
            '{' => '}',
            '(' => ')',
            '[' => ']',
            '<' => '>',
            c if c.is_ascii_punctuation() => c,
            _ => return None,
        };
        let inner = &body[open.len_utf8()..];
        let end = inner.find(close)?;
        let v = &inner[..end];
        if v.contains("#{") || v.contains('\\') || v.contains(open) && open != close {
            return None;
        }
        (v.to_string(), &inner[end + close.len_utf8()..])
    } else {
        return None;
    };
    let rest = rest.strip_prefix(".freeze").unwrap_or(rest);
    Some((value, rest))
}

/// `true` when `rest` (what follows a value on its line) is blank or a comment.
fn nothing_after(rest: &str) -> bool {
    let r = rest.trim();
    r.is_empty() || r.starts_with('#')
}

/// Reads an array of string literals (`["MIT", 'Ruby'.freeze]`, `%w[MIT Ruby]`).
fn array_literal(s: &str) -> Option<(Vec<String>, &str)> {
    let s = s.trim_start();
    if let Some(body) = s.strip_prefix("%w") {
        let open = body.chars().next()?;
        let close = match open {
            '[' => ']',
            '(' => ')',
            '{' => '}',
            '<' => '>',
            _ => return None,
        };
        let inner = &body[1..];
        let end = inner.find(close)?;
        let items = inner[..end]
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let rest = &inner[end + 1..];
        return Some((items, rest.strip_prefix(".freeze").unwrap_or(rest)));
    }
    let mut rest = s.strip_prefix('[')?;
    let mut items = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix(']') {
            return Some((items, r.strip_prefix(".freeze").unwrap_or(r)));
        }
        let (item, r) = string_literal(rest)?;
        items.push(item);
        rest = r.trim_start();
        if let Some(r) = rest.strip_prefix(',') {
            rest = r;
        } else if !rest.starts_with(']') {
            return None;
        }
    }
}

/// Reads the value of an assignment: a string or an array literal, else code.
fn value_of(s: &str) -> Assigned {
    if let Some((v, rest)) = string_literal(s)
        && nothing_after(rest)
    {
        return Assigned::Literal(vec![v]);
    }
    if let Some((v, rest)) = array_literal(s)
        && nothing_after(rest)
    {
        return Assigned::Literal(v);
    }
    Assigned::Code
}

/// The fields read from a gemspec.
const FIELDS: &[&str] = &[
    "name", "version", "license", "licenses", "author", "authors",
];

/// Every `receiver.field = value` assignment of a field in [`FIELDS`], in file order. An array
/// that spans lines is joined up to its closing `]`.
fn assignments(text: &str) -> Vec<Assignment> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = lines.get(i).copied().unwrap_or_default().trim();
        i += 1;
        let Some((lhs, rhs)) = line.split_once('=') else {
            continue;
        };
        // `==`, `=~`, `>=`, `<=`, `!=` are not assignments.
        if rhs.starts_with(['=', '~']) || lhs.ends_with(['<', '>', '!', '+', '-', '|', '&']) {
            continue;
        }
        let Some((receiver, field)) = lhs.trim().split_once('.') else {
            continue;
        };
        let receiver_ok = !receiver.is_empty()
            && receiver
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        let field = field.trim();
        if !receiver_ok || !FIELDS.contains(&field) {
            continue;
        }
        let mut rhs = rhs.trim().to_string();
        // A multi-line array: join until the closing bracket (at most 50 lines).
        if rhs.starts_with('[') && !rhs.contains(']') {
            let mut joined = 0;
            while i < lines.len() && joined < 50 {
                let next = lines.get(i).copied().unwrap_or_default().trim();
                i += 1;
                joined += 1;
                rhs.push(' ');
                rhs.push_str(next);
                if next.contains(']') {
                    break;
                }
            }
        }
        out.push(Assignment {
            field: field.to_string(),
            value: value_of(&rhs),
            line: line_no,
        });
    }
    out
}

/// What a gemspec is, by where it lies.
#[derive(Debug, PartialEq, Eq)]
enum Location {
    /// `…/specifications/<stem>.gemspec`, with the gem's directory when it has one.
    Installed(Option<String>),
    /// A third-party gem's own gemspec, rooted at its directory.
    Vendored,
    /// A file inside an installed gem whose specification describes it: adds nothing (and a
    /// gemspec deeper in it is a test fixture, not a package).
    Described,
    /// The project's gem.
    Project,
}

fn location(file: &ManifestFile<'_>) -> Location {
    let dir = file.dir();
    let file_name = file.path.rsplit('/').next().unwrap_or(file.path);
    let stem = file_name.strip_suffix(".gemspec").unwrap_or(file_name);
    if dir.rsplit('/').next() == Some("specifications") {
        let base = util::parent(dir);
        return Location::Installed(util::join(base, &format!("gems/{stem}")));
    }
    let parts: Vec<&str> = dir.split('/').collect();
    if parts.ends_with(&["specifications", "default"]) {
        return Location::Installed(None);
    }
    // Inside `<base>/gems/<stem>/…`, where `<base>/specifications/<stem>.gemspec` exists.
    for (i, part) in parts.iter().enumerate() {
        if *part == "gems"
            && let Some(gem_dir) = parts.get(i + 1)
        {
            let mut spec = parts[..i].to_vec();
            spec.push("specifications");
            let spec = format!("{}/{gem_dir}.gemspec", spec.join("/"));
            if file.tree.is_file(spec.trim_start_matches('/')) {
                return Location::Described;
            }
        }
    }
    // Git-sourced gems: `<gem home>/bundler/gems/<name>-<revision>/<name>.gemspec`.
    let git_checkout = parts.windows(2).any(|w| w == ["bundler", "gems"]);
    if git_checkout || util::has_dir(file.path, "vendor") {
        return Location::Vendored;
    }
    Location::Project
}

/// The version Bundler resolved for the project's own gem `name`: the `PATH` spec with
/// `remote: .` in the `Gemfile.lock` (or `gems.locked`) beside the gemspec. Bundler evaluated
/// the gemspec's Ruby code to write it, so it is the version the code computes.
fn bundled_version(file: &ManifestFile<'_>, name: &str) -> Option<String> {
    let dir = file.dir();
    ["Gemfile.lock", "gems.locked"].iter().find_map(|lock| {
        let path = util::join(dir, lock)?;
        let bytes = file.tree.read(&path).ok()?;
        let catalog = super::RubyGemfileLock.parse(&ManifestFile::new(&path, &bytes, file.tree));
        catalog
            .components
            .into_iter()
            .find(|c| c.name == name && c.origin == Origin::FirstParty && c.roots == [dir])
            .and_then(|c| c.version)
    })
}

impl Cataloger for RubyGemspec {
    fn name(&self) -> &'static str {
        "ruby-gemspec"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Gem
    }

    fn globs(&self) -> &'static [&'static str] {
        &["*.gemspec", "**/*.gemspec"]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        // Gemspecs written in Latin-1 (an author's name) still name their gem in ASCII: read
        // them with replacement characters and say so.
        let mut problems = Vec::new();
        let lossy;
        let loc = location(file);
        if loc == Location::Described {
            return Catalog::default();
        }
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => {
                problems.push(Problem {
                    message: format!("{}; read with replacement characters", p.message),
                    ..p
                });
                lossy = String::from_utf8_lossy(file.contents);
                &lossy
            }
        };
        if text.trim().is_empty() {
            return Catalog {
                components: Vec::new(),
                problems,
            };
        }
        let mut name: Option<(String, u32)> = None;
        let mut version: Option<(String, u32)> = None;
        let mut licenses: Option<(Vec<String>, u32)> = None;
        let mut authors: Vec<String> = Vec::new();
        let mut code_name_line = None;
        for a in assignments(text) {
            let value = match a.value {
                Assigned::Literal(v) => v,
                // Authors computed by code are not read; they are not worth a problem.
                Assigned::Code if a.field.starts_with("author") => {
                    authors.clear();
                    continue;
                }
                Assigned::Code => {
                    if a.field == "name" {
                        code_name_line = Some(a.line);
                        name = None;
                    }
                    if a.field == "version" {
                        version = None;
                    }
                    if a.field.starts_with("license") {
                        licenses = None;
                    }
                    problems.push(
                        Problem::new(
                            ProblemCode::ManifestValue,
                            file.path,
                            format!("`{}` is computed by Ruby code; not read", a.field),
                        )
                        .at_line(a.line),
                    );
                    continue;
                }
            };
            match a.field.as_str() {
                "name" | "version" => {
                    let [one] = value.as_slice() else {
                        problems.push(
                            Problem::new(
                                ProblemCode::ManifestValue,
                                file.path,
                                format!("`{}` is an array, expected a string", a.field),
                            )
                            .at_line(a.line),
                        );
                        continue;
                    };
                    let v = Some((one.trim().to_string(), a.line));
                    if a.field == "name" {
                        name = v;
                    } else {
                        version = v;
                    }
                }
                "author" | "authors" => authors = value,
                _ => licenses = Some((value, a.line)),
            }
        }
        let Some((name, name_line)) = name.filter(|(n, _)| !n.is_empty()) else {
            if code_name_line.is_none() {
                problems.push(
                    Problem::new(
                        ProblemCode::ManifestValue,
                        file.path,
                        "no literal `name` assignment found",
                    )
                    .at_line(1),
                );
            }
            return Catalog {
                components: Vec::new(),
                problems,
            };
        };
        // RubyGems writes a platform gem's version without the platform (`s.platform = …`), but
        // an installed spec's file name carries it: `nokogiri-1.16.0-x86_64-linux.gemspec`.

        let mut version = version.map(|(v, _)| v).filter(|v| !v.is_empty());
        if version.is_none() && loc == Location::Project {
            version = bundled_version(file, &name);
        }
        let platform = match (&loc, &version) {
            (Location::Installed(_), Some(v)) => {
                let file_name = file.path.rsplit('/').next().unwrap_or(file.path);
                let stem = file_name.strip_suffix(".gemspec").unwrap_or(file_name);
                stem.strip_prefix(&format!("{name}-"))
                    .and_then(|rest| rest.strip_prefix(v.as_str()))
                    .and_then(|rest| rest.strip_prefix('-'))
                    .map(|p| split_platform(&format!("0-{p}")).1.map(str::to_string))
                    .unwrap_or_default()
            }
            _ => None,
        };
        let src = source(self.name(), file.path, Some(name_line));
        let mut c = Component::new(
            Ecosystem::Gem,
            name.as_str(),
            version.clone(),
            gem_purl(&name, version.as_deref(), platform.as_deref()),
        );
        match loc {
            Location::Installed(root) => c.roots.extend(root),
            Location::Vendored | Location::Described => c.roots.push(file.dir().to_string()),
            Location::Project => {
                c.origin = Origin::FirstParty;
                c.roots.push(file.dir().to_string());
            }
        }
        if let Some((raws, line)) = licenses {
            c.declared.extend(license_list(
                &raws,
                source(self.name(), file.path, Some(line)),
            ));
        }
        util::push_authors(&mut c.authors, authors.iter().map(String::as_str));
        c.sources.push(src);
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

    fn parse_in(tree: &MemoryTree, path: &str, text: &str) -> Catalog {
        RubyGemspec.parse(&ManifestFile::new(path, text.as_bytes(), tree))
    }

    fn parse(path: &str, text: &str) -> Catalog {
        parse_in(&MemoryTree::default(), path, text)
    }

    #[test]
    fn literals() {
        assert_eq!(
            string_literal(r#""rack".freeze # x"#),
            Some(("rack".to_string(), " # x"))
        );
        assert_eq!(string_literal("'rack'"), Some(("rack".to_string(), "")));
        assert_eq!(string_literal("%q{rack}"), Some(("rack".to_string(), "")));
        assert_eq!(
            string_literal("%q<rack>.freeze"),
            Some(("rack".to_string(), ""))
        );
        assert_eq!(string_literal(r##""#{NAME}""##), None);
        assert_eq!(string_literal("Rack::RELEASE"), None);
        assert_eq!(string_literal("\"unterminated"), None);
        assert_eq!(string_literal("%"), None);
        assert_eq!(
            value_of(r#"["MIT".freeze, 'Ruby']"#),
            Assigned::Literal(vec!["MIT".into(), "Ruby".into()])
        );
        assert_eq!(
            value_of("%w[Ruby BSD-2-Clause]"),
            Assigned::Literal(vec!["Ruby".into(), "BSD-2-Clause".into()])
        );
        assert_eq!(value_of("[]"), Assigned::Literal(vec![]));
        assert_eq!(value_of(r#""1.0" + suffix"#), Assigned::Code);
        assert_eq!(value_of(r#"["MIT", LICENSE]"#), Assigned::Code);
        assert_eq!(value_of("File.read('VERSION').strip"), Assigned::Code);
    }

    #[test]
    fn project_gemspec_with_code_values() {
        let text = r#"# frozen_string_literal: true

require_relative "lib/acme/version"

Gem::Specification.new do |spec|
  spec.name = "acme-client"
  spec.version = Acme::VERSION
  spec.licenses = [
    "MIT",
    "Apache-2.0",
  ]
  spec.required_ruby_version = ">= 3.0"
  spec.metadata["rubygems_mfa_required"] = "true"
  if spec.name == "x"
  end
end
"#;
        let c = parse("acme-client.gemspec", text);
        let comp = &c.components[0];
        assert_eq!(comp.purl, "pkg:gem/acme-client");
        assert_eq!(comp.version, None);
        assert_eq!(comp.origin, Origin::FirstParty);
        assert_eq!(comp.roots, [""]);
        assert_eq!(comp.sources[0].line, Some(6));
        assert_eq!(
            comp.declared[0]
                .expression
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("MIT OR Apache-2.0")
        );
        assert_eq!(comp.declared[0].source.line, Some(8));
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.problems[0].line, Some(7));
        assert_eq!(
            c.problems[0].message,
            "`version` is computed by Ruby code; not read"
        );
    }

    #[test]
    fn installed_specification_with_platform() {
        let text = "Gem::Specification.new do |s|\n  s.name = \"nokogiri\".freeze\n  s.version = \"1.16.0\"\n  s.platform = \"x86_64-linux\".freeze\n  s.licenses = [\"MIT\".freeze]\nend\n";
        let c = parse(
            "vendor/bundle/ruby/3.2.0/specifications/nokogiri-1.16.0-x86_64-linux.gemspec",
            text,
        );
        let comp = &c.components[0];
        assert_eq!(comp.purl, "pkg:gem/nokogiri@1.16.0?platform=x86_64-linux");
        assert_eq!(
            comp.roots,
            ["vendor/bundle/ruby/3.2.0/gems/nokogiri-1.16.0-x86_64-linux"]
        );
        assert_eq!(comp.origin, Origin::ThirdParty);
        let c = parse(
            "usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec",
            "Gem::Specification.new do |s|\n  s.name = \"json\"\n  s.version = \"2.6.1\"\n  s.licenses = [\"Ruby\".freeze]\nend\n",
        );
        assert!(c.components[0].roots.is_empty());
    }

    #[test]
    fn gemspec_inside_an_installed_gem_is_third_party() {
        let tree = MemoryTree::default().with(
            "vendor/bundle/ruby/3.2.0/specifications/rack-3.0.8.gemspec",
            "",
        );
        let text = "Gem::Specification.new do |s|\n  s.name = 'rack'\n  s.license = 'MIT'\nend\n";
        // Described by its specification.
        for path in [
            "vendor/bundle/ruby/3.2.0/gems/rack-3.0.8/rack.gemspec",
            "vendor/bundle/ruby/3.2.0/gems/rack-3.0.8/test/fixtures/x.gemspec",
        ] {
            assert_eq!(parse_in(&tree, path, text), Catalog::default(), "{path}");
        }
        // Without a specification: a vendored gem.
        let c = parse("vendor/gems/rack/rack.gemspec", text);
        assert_eq!(c.components[0].origin, Origin::ThirdParty);
        assert_eq!(c.components[0].roots, ["vendor/gems/rack"]);
        let c = parse(
            "home/.gem/ruby/3.2.0/bundler/gems/mustermann-4a3e8b8f2c6d/mustermann.gemspec",
            "s.name = 'mustermann'\n",
        );
        assert_eq!(c.components[0].origin, Origin::ThirdParty);
        let tree = MemoryTree::default().with("gems/x-1.0/x.gemspec", "");
        let c = parse_in(&tree, "gems/x-1.0/x.gemspec", "s.name = 'x'\n");
        assert_eq!(c.components[0].origin, Origin::FirstParty);
    }

    #[test]
    fn missing_or_odd_names() {
        let c = parse("x.gemspec", "");
        assert_eq!(c, Catalog::default());
        let c = parse("x.gemspec", "puts 1\n");
        assert!(c.components.is_empty());
        assert_eq!(c.problems[0].line, Some(1));
        let c = parse("x.gemspec", "s.name = NAME\n");
        assert!(c.components.is_empty());
        assert_eq!(c.problems.len(), 1);
        let c = parse("x.gemspec", "s.name = [\"a\", \"b\"]\n");
        assert!(c.components.is_empty());
        assert_eq!(c.problems.len(), 2);
        // The last literal assignment wins.
        let c = parse(
            "x.gemspec",
            "s.license = 'GPL-2.0'\ns.name = 'x'\ns.license = 'MIT'\n",
        );
        assert_eq!(c.components[0].declared[0].raw, "MIT");
    }

    #[test]
    fn authors_literal_or_not_at_all() {
        let text = "Gem::Specification.new do |s|\n  s.name = \"rack\".freeze\n  s.version = \"3.0.8\"\n  s.authors = [\"Leah Neukirchen\".freeze, \"\", \"Leah Neukirchen\"]\nend\n";
        let cat = parse(
            "vendor/bundle/ruby/3.2.0/specifications/rack-3.0.8.gemspec",
            text,
        );
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert_eq!(cat.components[0].authors, ["Leah Neukirchen"]);
        let text = "Gem::Specification.new do |s|\n  s.name = \"x\"\n  s.version = \"1\"\n  s.author = 'Jane'\n  s.authors = AUTHORS\nend\n";
        let cat = parse("x.gemspec", text);
        assert!(cat.problems.is_empty(), "{:?}", cat.problems);
        assert!(cat.components[0].authors.is_empty());
        let text = "Gem::Specification.new do |s|\n  s.name = \"x\"\n  s.version = \"1\"\n  s.author = 'Jane'\nend\n";
        assert_eq!(parse("x.gemspec", text).components[0].authors, ["Jane"]);
    }
}
