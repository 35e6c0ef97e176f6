//! `Gemfile.lock`: the gems Bundler resolved, the direct ones, and the dependency graph.

use std::collections::{BTreeMap, BTreeSet};

use clearance_model::{
    Checksum, Component, Ecosystem, HashAlgorithm, Origin, Problem, ProblemCode, Scope,
};

use super::gemfile::dev_only_gems;
use super::{gem_purl, split_platform};
use crate::util::{self, source};
use crate::{Catalog, Cataloger, ManifestFile};

/// `Gemfile.lock` (and `gems.locked`, its newer name): one component per resolved gem.
///
/// The lockfile is a list of sections, each a header at column 0 followed by indented lines:
///
/// - `GEM`, `GIT`, `PATH`, `PLUGIN SOURCE`: a source (`remote:` and friends at 2 spaces), then
///   `specs:` with one gem per 4-space line (`name (version)` or `name (version-platform)`) and its
///   dependencies on 6-space lines (`name (requirement)`). `GIT` and `GEM` gems are third-party;
///   `PATH` gems are local code, first-party unless under `vendor/`, rooted at their directory.
/// - `DEPENDENCIES`: the gems the `Gemfile` names (direct); a trailing `!` marks one pinned to a
///   source.
/// - `CHECKSUMS` (Bundler 2.5 and later): `name (version) sha256=HEX` per gem, the SHA-256 of
///   its `.gem` archive.
/// - `PLATFORMS`, `RUBY VERSION`: skipped. `BUNDLED WITH`: a Bundler version other
///   than 1, 2 or 4 is reported as unknown, and the file is read as Bundler 2 writes it.
///
/// Bundler records no licenses, so components have no declared license. It records no groups
/// either: the scope comes from the groups of the `Gemfile` beside the lockfile, when there is
/// one (gems only reachable from `development` and `test` gems are dev, the others runtime).
/// A lockfile inside an installed gem (`vendor/bundle/…`) describes how that gem was developed
/// and yields nothing.
///
/// # Example
/// ```
/// use clearance_catalog::{Cataloger, ManifestFile, MemoryTree, ruby::RubyGemfileLock};
/// let tree = MemoryTree::default();
/// let lock = b"GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n\nDEPENDENCIES\n  rack\n";
/// let catalog = RubyGemfileLock.parse(&ManifestFile::new("Gemfile.lock", lock, &tree));
/// assert_eq!(catalog.components[0].purl, "pkg:gem/rack@3.0.8");
/// assert_eq!(catalog.components[0].direct, Some(true));
/// ```
pub struct RubyGemfileLock;

/// The kind of a lockfile section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Gem,
    Git,
    Path,
    Plugin,
    Platforms,
    Dependencies,
    Checksums,
    RubyVersion,
    BundledWith,
    /// A section this reader does not know; its lines are skipped.
    Unknown,
}

impl Section {
    fn of(header: &str) -> Section {
        match header {
            "GEM" => Section::Gem,
            "GIT" => Section::Git,
            "PATH" => Section::Path,
            "PLUGIN SOURCE" => Section::Plugin,
            "PLATFORMS" => Section::Platforms,
            "DEPENDENCIES" => Section::Dependencies,
            "CHECKSUMS" => Section::Checksums,
            "RUBY VERSION" => Section::RubyVersion,
            "BUNDLED WITH" => Section::BundledWith,
            _ => Section::Unknown,
        }
    }

    fn is_source(self) -> bool {
        matches!(
            self,
            Section::Gem | Section::Git | Section::Path | Section::Plugin
        )
    }
}

/// One gem of a `specs:` list.
struct Spec {
    name: String,
    version: String,
    platform: Option<String>,
    section: Section,
    /// The section's `remote:` (a directory for `PATH`).
    remote: Option<String>,
    line: u32,
    deps: Vec<String>,
}

/// `name (inner)` → `(name, Some(inner))`, `name` → `(name, None)`; `None` when the line has no
/// name or an unclosed parenthesis.
fn name_and_paren(s: &str) -> Option<(&str, Option<&str>)> {
    let s = s.trim();
    let (name, rest) = match s.split_once(' ') {
        Some((n, r)) => (n, Some(r.trim())),
        None => (s, None),
    };
    if name.is_empty() || name.contains(['(', ')', ',']) {
        return None;
    }
    match rest {
        None => Some((name, None)),
        Some(r) => {
            let inner = r.strip_prefix('(')?.strip_suffix(')')?.trim();
            (!inner.is_empty()).then_some((name, Some(inner)))
        }
    }
}

/// `true` for a version as RubyGems writes it: digits, letters and dots, starting with a digit.
fn is_version(v: &str) -> bool {
    v.starts_with(|c: char| c.is_ascii_digit())
        && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}

/// Major versions of Bundler whose lockfiles this reader knows (Bundler went from 2 to 4).
const KNOWN_BUNDLER_MAJORS: &[&str] = &["1", "2", "4"];

/// The major part of a version (`2` of `2.5.3`).
fn major(v: &str) -> &str {
    v.split('.').next().unwrap_or(v)
}

/// The number of leading spaces.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn installed_in_bundle(path: &str) -> bool {
    let parts: Vec<&str> = util::parent(path).split('/').collect();
    parts.windows(2).any(|w| w == ["vendor", "bundle"])
}

/// The scope of each gem from the groups of the `Gemfile` (or `gems.rb`) beside the lockfile:
/// gems reachable from a direct gem outside the `development` and `test` groups are runtime,
/// the others reachable from dev-only direct gems are dev. `None` without a `Gemfile`.
fn scopes<'a>(
    file: &ManifestFile<'_>,
    direct: &BTreeSet<String>,
    specs: &'a [Spec],
) -> Option<BTreeMap<&'a str, Scope>> {
    let gemfile = ["Gemfile", "gems.rb"].iter().find_map(|name| {
        let path = util::join(file.dir(), name)?;
        file.tree.read(&path).ok()
    })?;
    let dev_only = dev_only_gems(&String::from_utf8_lossy(&gemfile));
    let mut deps: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in specs {
        deps.entry(s.name.as_str())
            .or_default()
            .extend(s.deps.iter().map(String::as_str));
    }
    let mut out: BTreeMap<&'a str, Scope> = BTreeMap::new();
    // Runtime first, so that a gem both paths reach stays runtime.
    for scope in [Scope::Runtime, Scope::Dev] {
        let mut todo: Vec<&str> = direct
            .iter()
            .map(String::as_str)
            .filter(|d| dev_only.get(*d).copied().unwrap_or(false) == (scope == Scope::Dev))
            .collect();
        while let Some(name) = todo.pop() {
            let Some((key, _)) = deps.get_key_value(name) else {
                continue;
            };
            if out.contains_key(key) {
                continue;
            }
            out.insert(key, scope);
            todo.extend(deps.get(name).into_iter().flatten());
        }
    }
    Some(out)
}

impl Cataloger for RubyGemfileLock {
    fn name(&self) -> &'static str {
        "ruby-gemfile-lock"
    }

    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Gem
    }

    fn globs(&self) -> &'static [&'static str] {
        &[
            "Gemfile.lock",
            "**/Gemfile.lock",
            "gems.locked",
            "**/gems.locked",
        ]
    }

    fn parse(&self, file: &ManifestFile<'_>) -> Catalog {
        if installed_in_bundle(file.path) {
            return Catalog::default();
        }
        let text = match file.text() {
            Ok(t) => t,
            Err(p) => return Catalog::problem(p),
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut problems = Vec::new();
        let problem =
            |code, line: u32, message: String| Problem::new(code, file.path, message).at_line(line);
        if text.trim().is_empty() {
            return Catalog::problem(problem(
                ProblemCode::ManifestParse,
                1,
                "empty lockfile".to_string(),
            ));
        }

        let mut specs: Vec<Spec> = Vec::new();
        let mut direct: Option<BTreeSet<String>> = None;
        // purl → the archive checksums of `CHECKSUMS`.
        let mut checksums: BTreeMap<String, Vec<Checksum>> = BTreeMap::new();
        let mut section: Option<Section> = None;
        let mut remote: Option<String> = None;
        let mut in_specs = false;
        // The spec that 6-space dependency lines belong to; `None` after a spec line that could
        // not be read, so its dependencies are not given to the gem before it.
        let mut current: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() {
                continue;
            }
            if ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
                .iter()
                .any(|m| line.starts_with(m))
            {
                problems.push(problem(
                    ProblemCode::ManifestParse,
                    line_no,
                    "merge conflict marker".to_string(),
                ));
                continue;
            }
            if line.starts_with('\t') || line.trim_start_matches(' ').starts_with('\t') {
                problems.push(problem(
                    ProblemCode::ManifestParse,
                    line_no,
                    "indented with a tab; Bundler indents with spaces".to_string(),
                ));
                continue;
            }
            let depth = indent(line);
            let body = line.trim();
            if depth == 0 {
                let s = Section::of(body);
                if s == Section::Unknown {
                    problems.push(problem(
                        ProblemCode::ManifestValue,
                        line_no,
                        format!("unknown section `{body}`; skipped"),
                    ));
                }
                if s == Section::Dependencies {
                    direct.get_or_insert_with(BTreeSet::new);
                }
                section = Some(s);
                remote = None;
                in_specs = false;
                current = None;
                continue;
            }
            let Some(sec) = section else {
                problems.push(problem(
                    ProblemCode::ManifestParse,
                    line_no,
                    "indented line before any section".to_string(),
                ));
                continue;
            };
            let bad = |what: &str| {
                problem(
                    ProblemCode::ManifestParse,
                    line_no,
                    format!("{what}: `{body}`"),
                )
            };
            match sec {
                s if s.is_source() => match depth {
                    2 => {
                        if body == "specs:" {
                            in_specs = true;
                        } else if let Some(r) = body.strip_prefix("remote:") {
                            remote = Some(r.trim().to_string());
                        } else if !body.contains(':') {
                            problems.push(bad("expected `key: value` or `specs:`"));
                        }
                    }
                    4 if in_specs => match name_and_paren(body) {
                        Some((name, Some(v))) => {
                            let (version, platform) = split_platform(v);
                            if is_version(version) {
                                current = Some(specs.len());
                                specs.push(Spec {
                                    name: name.to_string(),
                                    version: version.to_string(),
                                    platform: platform.map(str::to_string),
                                    section: s,
                                    remote: remote.clone(),
                                    line: line_no,
                                    deps: Vec::new(),
                                });
                            } else {
                                current = None;
                                problems.push(bad("invalid gem version"));
                            }
                        }
                        _ => {
                            current = None;
                            problems.push(bad("expected `name (version)`"));
                        }
                    },
                    6 if in_specs => match name_and_paren(body) {
                        Some((name, _)) => {
                            if let Some(spec) = current.and_then(|i| specs.get_mut(i)) {
                                spec.deps.push(name.to_string());
                            }
                        }
                        None => problems.push(bad("expected a dependency `name (requirement)`")),
                    },
                    _ => problems.push(bad("unexpected indentation")),
                },
                Section::Dependencies => {
                    let entry = body.strip_suffix('!').unwrap_or(body);
                    match (depth, name_and_paren(entry)) {
                        (2, Some((name, _))) => {
                            let name = name.strip_suffix('!').unwrap_or(name);
                            direct
                                .get_or_insert_with(BTreeSet::new)
                                .insert(name.to_string());
                        }
                        _ => problems.push(bad("expected a dependency `name (requirement)`")),
                    }
                }
                // A gem without a checksum (`name (version)` alone) is no problem: Bundler writes
                // that for gems it could not checksum.
                Section::Checksums => match (depth, body.split_once(") ")) {
                    (2, Some((gem, sums))) => {
                        let gem = format!("{gem})");
                        if let Some((name, Some(v))) = name_and_paren(&gem) {
                            let (version, platform) = split_platform(v);
                            let found: Vec<Checksum> = sums
                                .split(',')
                                .filter_map(|s| s.trim().strip_prefix("sha256="))
                                .filter_map(|h| Checksum::from_hex(HashAlgorithm::Sha256, h))
                                .collect();
                            checksums
                                .entry(gem_purl(name, Some(version), platform))
                                .or_default()
                                .extend(found);
                        }
                    }
                    (2, None) if name_and_paren(body).is_some() => {}
                    _ => problems.push(bad("expected `name (version) sha256=…`")),
                },
                Section::BundledWith if !is_version(body) => {
                    problems.push(problem(
                        ProblemCode::ManifestValue,
                        line_no,
                        format!("`BUNDLED WITH` holds `{body}`, not a Bundler version"),
                    ));
                }
                Section::BundledWith if !KNOWN_BUNDLER_MAJORS.contains(&major(body)) => {
                    problems.push(problem(
                        ProblemCode::ManifestValue,
                        line_no,
                        format!("unknown Bundler version `{body}`; read as a Bundler 2 lockfile"),
                    ));
                }
                // PLATFORMS, RUBY VERSION, a valid BUNDLED WITH and unknown sections hold no gems.
                _ => {}
            }
        }

        // name → purls of every resolved variant (one per platform).
        let mut by_name: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for s in &specs {
            by_name.entry(&s.name).or_default().push(gem_purl(
                &s.name,
                Some(&s.version),
                s.platform.as_deref(),
            ));
        }
        let scopes = direct.as_ref().and_then(|d| scopes(file, d, &specs));
        let mut seen = BTreeSet::new();
        let mut components = Vec::new();
        for s in &specs {
            let purl = gem_purl(&s.name, Some(&s.version), s.platform.as_deref());
            if !seen.insert(purl.clone()) {
                continue;
            }
            let mut c = Component::new(
                Ecosystem::Gem,
                s.name.as_str(),
                Some(s.version.clone()),
                purl,
            );
            if let Some(sums) = checksums.get(&c.purl) {
                c.hashes = sums.clone();
                c.hashes.sort();
                c.hashes.dedup();
            }
            if s.section == Section::Path {
                let root = s.remote.as_deref().and_then(|r| util::join(file.dir(), r));
                let vendored = root
                    .as_deref()
                    .is_some_and(|r| r.split('/').any(|d| d == "vendor"));
                if !vendored {
                    c.origin = Origin::FirstParty;
                }
                if let Some(root) = root {
                    c.roots.push(root);
                }
            }
            c.direct = direct.as_ref().map(|d| d.contains(&s.name));
            c.scope = scopes
                .as_ref()
                .and_then(|m| m.get(s.name.as_str()).copied());
            let mut deps: Vec<String> = s
                .deps
                .iter()
                .filter_map(|d| by_name.get(d.as_str()))
                .flatten()
                .cloned()
                .collect();
            deps.sort();
            deps.dedup();
            c.dependencies = deps;
            c.sources.push(source(self.name(), file.path, Some(s.line)));
            components.push(c);
        }
        if specs.is_empty() && problems.is_empty() {
            problems.push(problem(
                ProblemCode::ManifestValue,
                1,
                "no gems found (no `specs:` entries)".to_string(),
            ));
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

    fn parse(text: &str) -> Catalog {
        let tree = MemoryTree::default();
        RubyGemfileLock.parse(&ManifestFile::new(
            "app/Gemfile.lock",
            text.as_bytes(),
            &tree,
        ))
    }

    const LOCK: &str = "\
PATH
  remote: .
  specs:
    acme_api (0.3.0)
      rack (>= 2.2)

PATH
  remote: vendor/gems/legacy_auth
  specs:
    legacy_auth (1.2.0)

GIT
  remote: https://github.com/sinatra/mustermann.git
  revision: 0b0f8e3c2d1a6f0f6c1e5c3b4a2d1e0f9a8b7c6d
  branch: main
  specs:
    mustermann (3.0.3)
      ruby2_keywords (~> 0.0.1)

GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.16.0-arm64-darwin)
      racc (~> 1.4)
    nokogiri (1.16.0-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.3)
    rack (3.0.8)
    ruby2_keywords (0.0.5)

PLATFORMS
  arm64-darwin
  x86_64-linux

DEPENDENCIES
  acme_api!
  legacy_auth!
  mustermann!
  nokogiri (~> 1.16)

BUNDLED WITH
   2.5.3
";

    fn find<'a>(c: &'a Catalog, purl: &str) -> &'a Component {
        c.components
            .iter()
            .find(|x| x.purl == purl)
            .unwrap_or_else(|| panic!("{purl} missing"))
    }

    #[test]
    fn reads_sections_graph_and_direct() {
        let c = parse(LOCK);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.components.len(), 8);
        let api = find(&c, "pkg:gem/acme_api@0.3.0");
        assert_eq!(api.origin, Origin::FirstParty);
        assert_eq!(api.roots, ["app"]);
        assert_eq!(api.direct, Some(true));
        assert_eq!(api.dependencies, ["pkg:gem/rack@3.0.8"]);
        assert_eq!(api.sources[0].line, Some(4));
        let legacy = find(&c, "pkg:gem/legacy_auth@1.2.0");
        assert_eq!(legacy.origin, Origin::ThirdParty);
        assert_eq!(legacy.roots, ["app/vendor/gems/legacy_auth"]);
        let must = find(&c, "pkg:gem/mustermann@3.0.3");
        assert_eq!(must.origin, Origin::ThirdParty);
        assert!(must.roots.is_empty());
        assert_eq!(must.dependencies, ["pkg:gem/ruby2_keywords@0.0.5"]);
        let noko = find(&c, "pkg:gem/nokogiri@1.16.0?platform=x86_64-linux");
        assert_eq!(noko.version.as_deref(), Some("1.16.0"));
        assert_eq!(noko.direct, Some(true));
        assert_eq!(noko.dependencies, ["pkg:gem/racc@1.7.3"]);
        assert_eq!(find(&c, "pkg:gem/racc@1.7.3").direct, Some(false));
        assert!(c.components.iter().all(|x| x.declared.is_empty()));
    }

    #[test]
    fn scopes_follow_the_gemfile_groups() {
        let tree = MemoryTree::default().with(
            "app/Gemfile",
            "gem 'rack'\ngroup :test do\n  gem 'rack-test'\n  gem 'minitest'\nend\n",
        );
        let lock = "GEM\n  specs:\n    minitest (5.20.0)\n    rack (3.0.8)\n    rack-test (2.1.0)\n      rack (>= 1.3)\n\nDEPENDENCIES\n  minitest\n  rack\n  rack-test\n";
        let c = RubyGemfileLock.parse(&ManifestFile::new(
            "app/Gemfile.lock",
            lock.as_bytes(),
            &tree,
        ));
        let got: Vec<(&str, Option<Scope>)> = c
            .components
            .iter()
            .map(|x| (x.name.as_str(), x.scope))
            .collect();
        assert_eq!(
            got,
            [
                ("minitest", Some(Scope::Dev)),
                ("rack", Some(Scope::Runtime)),
                ("rack-test", Some(Scope::Dev)),
            ]
        );
        // Without a Gemfile, the scope is unknown.
        assert!(parse(lock).components.iter().all(|x| x.scope.is_none()));
    }

    #[test]
    fn without_dependencies_section_direct_is_unknown() {
        let c = parse("GEM\n  remote: https://rubygems.org/\n  specs:\n    rake (13.1.0)\n");
        assert_eq!(c.components[0].direct, None);
        assert!(c.problems.is_empty());
    }

    #[test]
    fn bad_lines_are_problems_and_the_rest_counts() {
        let text = "\
GEM
  remote: https://rubygems.org/
  specs:
    rack (3.0.8
    rake (13.1.0)
    thor (not-a-version)
<<<<<<< HEAD
    zeitwerk (2.6.12)
=======
    zeitwerk (2.6.13)
>>>>>>> feature
\trails (7.1.2)
       odd (1.0)

SOMETHING NEW
  x

DEPENDENCIES
  rake (~> 13.0)
  (broken

BUNDLED WITH
   two
";
        let c = parse(text);
        let purls: Vec<&str> = c.components.iter().map(|x| x.purl.as_str()).collect();
        assert_eq!(
            purls,
            [
                "pkg:gem/rake@13.1.0",
                "pkg:gem/zeitwerk@2.6.12",
                "pkg:gem/zeitwerk@2.6.13"
            ]
        );
        let got: Vec<(Option<u32>, ProblemCode)> =
            c.problems.iter().map(|p| (p.line, p.code)).collect();
        assert_eq!(
            got,
            [
                (Some(4), ProblemCode::ManifestParse),
                (Some(6), ProblemCode::ManifestParse),
                (Some(7), ProblemCode::ManifestParse),
                (Some(9), ProblemCode::ManifestParse),
                (Some(11), ProblemCode::ManifestParse),
                (Some(12), ProblemCode::ManifestParse),
                (Some(13), ProblemCode::ManifestParse),
                (Some(15), ProblemCode::ManifestValue),
                (Some(20), ProblemCode::ManifestParse),
                (Some(23), ProblemCode::ManifestValue),
            ]
        );
        assert_eq!(
            c.problems[0].message,
            "expected `name (version)`: `rack (3.0.8`"
        );
        assert_eq!(
            c.problems[7].message,
            "unknown section `SOMETHING NEW`; skipped"
        );
    }

    #[test]
    fn dependencies_of_an_unreadable_spec_are_dropped() {
        let c = parse(
            "GEM\n  specs:\n    rake (13.1.0)\n    tzinfo 2.0.6\n      concurrent-ruby (~> 1.0)\n    concurrent-ruby (1.2.2)\n",
        );
        assert_eq!(c.components.len(), 2);
        assert!(c.components.iter().all(|x| x.dependencies.is_empty()));
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.problems[0].line, Some(4));
    }

    #[test]
    fn bundler_versions() {
        for (v, problems) in [
            ("1.17.3", 0),
            ("2.5.3", 0),
            ("4.0.1", 0),
            ("3.0.0", 1),
            ("17.0", 1),
        ] {
            let c = parse(&format!(
                "GEM\n  specs:\n    rake (13.1.0)\n\nBUNDLED WITH\n   {v}\n"
            ));
            assert_eq!(c.problems.len(), problems, "{v}");
            assert_eq!(c.components.len(), 1);
            if problems == 1 {
                assert_eq!(c.problems[0].line, Some(6));
                assert_eq!(c.problems[0].code, ProblemCode::ManifestValue);
            }
        }
    }

    #[test]
    fn empty_and_gemless_files() {
        let c = parse("");
        assert_eq!(c.problems[0].code, ProblemCode::ManifestParse);
        assert_eq!(c.problems[0].line, Some(1));
        let c = parse("PLATFORMS\n  ruby\n\nDEPENDENCIES\n\nBUNDLED WITH\n   2.4.10\n");
        assert!(c.components.is_empty());
        assert_eq!(c.problems[0].code, ProblemCode::ManifestValue);
    }

    #[test]
    fn crlf_and_bom_are_tolerated() {
        let c = parse(
            "\u{feff}GEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    rack (3.0.8)\r\n",
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.components[0].purl, "pkg:gem/rack@3.0.8");
    }

    #[test]
    fn lockfiles_of_installed_gems_are_skipped() {
        let tree = MemoryTree::default();
        let c = RubyGemfileLock.parse(&ManifestFile::new(
            "vendor/bundle/ruby/3.2.0/gems/rack-3.0.8/Gemfile.lock",
            b"GEM\n  specs:\n    x (1)\n",
            &tree,
        ));
        assert_eq!(c, Catalog::default());
    }

    #[test]
    fn checksums_section_gives_archive_sha256() {
        let lock = r#"GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.16.0-x86_64-linux)
    rack (3.0.8)
    racc (1.7.3)
    thor (1.3.0)

CHECKSUMS
  nokogiri (1.16.0-x86_64-linux) sha256=BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD
  rack (3.0.8) sha256=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad,sha512=00
  racc (1.7.3) sha256=ba7816
  thor (1.3.0)
  garbage here

DEPENDENCIES
  rack
"#;
        let c = parse(lock);
        let got: Vec<(Option<u32>, &str)> = c
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [(
                Some(14),
                "expected `name (version) sha256=…`: `garbage here`"
            )]
        );
        let sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let hashes = |purl: &str| -> Vec<String> {
            find(&c, purl)
                .hashes
                .iter()
                .map(|h| h.value.clone())
                .collect()
        };
        assert_eq!(
            hashes("pkg:gem/nokogiri@1.16.0?platform=x86_64-linux"),
            [sha]
        );
        assert_eq!(hashes("pkg:gem/rack@3.0.8"), [sha]);
        assert!(hashes("pkg:gem/racc@1.7.3").is_empty());
        assert!(hashes("pkg:gem/thor@1.3.0").is_empty());
    }
}
