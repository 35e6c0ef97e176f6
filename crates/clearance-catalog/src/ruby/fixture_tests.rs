//! The Ruby catalogers run through the registry on the fixtures in `fixtures/ecosystems/ruby/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/ruby/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("ruby", scenario)
}

#[test]
fn fixture_bundler_1() {
    insta::assert_json_snapshot!("bundler_1", scan("bundler-1"));
}

#[test]
fn fixture_bundler_2() {
    insta::assert_json_snapshot!("bundler_2", scan("bundler-2"));
}

#[test]
fn fixture_installed() {
    insta::assert_json_snapshot!("installed", scan("installed"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// Which files the catalogers pick up, and what an empty one gives: a parse problem for an
/// empty lockfile, nothing for an empty gemspec or a lockfile inside an installed gem.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("ruby");
    let expected = [
        (".ruby-version", "", "-"),
        ("Gemfile", "", "-"),
        ("Gemfile.lock", "ruby-gemfile-lock", "parse problem"),
        ("Gemfile.lock.orig", "", "-"),
        ("Rakefile", "", "-"),
        ("acme.gemspec", "ruby-gemspec", "nothing"),
        ("acme.gemspec.orig", "", "-"),
        (
            "app/vendor/bundle/ruby/3.2.0/gems/rack-3.0.8/Gemfile.lock",
            "ruby-gemfile-lock",
            "nothing",
        ),
        (
            "app/vendor/bundle/ruby/3.2.0/specifications/rack-3.0.8.gemspec",
            "ruby-gemspec",
            "nothing",
        ),
        (
            "engines/billing/Gemfile.lock",
            "ruby-gemfile-lock",
            "parse problem",
        ),
        ("engines/billing/billing.gemspec", "ruby-gemspec", "nothing"),
        ("gems.locked", "ruby-gemfile-lock", "parse problem"),
        ("gems.rb", "", "-"),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}

/// Every prefix of the fixture lockfiles, gemspecs and Gemfile parses without a panic, and never
/// yields more gems than the whole file.
#[test]
fn truncated_files_never_panic() {
    use crate::{Cataloger, ManifestFile, MemoryTree};
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/ecosystems/ruby"
    );
    let tree = MemoryTree::default();
    for (path, cataloger) in [
        (
            "bundler-2/Gemfile.lock",
            &crate::ruby::RubyGemfileLock as &dyn Cataloger,
        ),
        ("corrupt/Gemfile.lock", &crate::ruby::RubyGemfileLock),
        (
            "installed/vendor/bundle/ruby/3.2.0/specifications/racc-1.7.3.gemspec",
            &crate::ruby::RubyGemspec,
        ),
        ("corrupt/latin1.gemspec", &crate::ruby::RubyGemspec),
    ] {
        let bytes = std::fs::read(format!("{root}/{path}")).expect("fixture");
        let full = cataloger
            .parse(&ManifestFile::new(path, &bytes, &tree))
            .components
            .len();
        for end in 0..bytes.len() {
            let c = cataloger.parse(&ManifestFile::new(path, &bytes[..end], &tree));
            assert!(c.components.len() <= full, "{path} cut at {end}");
        }
    }
    let gemfile = std::fs::read_to_string(format!("{root}/bundler-2/Gemfile")).expect("fixture");
    let full = super::gemfile::dev_only_gems(&gemfile).len();
    assert_eq!(full, 4);
    for end in (0..gemfile.len()).filter(|e| gemfile.is_char_boundary(*e)) {
        assert!(super::gemfile::dev_only_gems(&gemfile[..end]).len() <= full);
    }
}
