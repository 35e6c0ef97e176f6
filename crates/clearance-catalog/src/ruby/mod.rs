//! Ruby gems: Bundler's `Gemfile.lock` and gem specifications (`*.gemspec`).
//!
//! - [`RubyGemfileLock`] reads every gem a `Gemfile.lock` resolved (its `GEM`, `GIT`, `PATH` and
//!   `PLUGIN SOURCE` sections), which of them the `Gemfile` names (`DEPENDENCIES`: direct), and the
//!   dependency graph. A lockfile names no licenses.
//! - [`RubyGemspec`] reads a gemspec: a project's own `*.gemspec` (first-party), or an installed
//!   gem's `specifications/<name>-<version>.gemspec`, whose files are in
//!   `../gems/<name>-<version>/`. A gemspec is Ruby code: only literal strings are read.

mod gemfile;
mod gemfile_lock;
mod gemspec;

use clearance_model::{DeclaredLicense, Ecosystem, Source, purl};

pub use gemfile_lock::RubyGemfileLock;
pub use gemspec::RubyGemspec;

/// The package URL of a gem; a platform (`x86_64-linux`, `java`) becomes the `platform`
/// qualifier, as the purl spec's `gem` type says (`pkg:gem/nokogiri@1.16.0?platform=java`).
fn gem_purl(name: &str, version: Option<&str>, platform: Option<&str>) -> String {
    let base = purl(Ecosystem::Gem, None, name, version);
    let Some(platform) = platform.filter(|p| !p.is_empty() && *p != "ruby") else {
        return base;
    };
    let built = packageurl::PackageUrl::new("gem", name).and_then(|mut p| {
        if let Some(v) = version.filter(|v| !v.is_empty()) {
            p.with_version(v.to_string())?;
        }
        p.add_qualifier("platform", platform.to_string())?;
        Ok(p.to_string())
    });
    built.unwrap_or(base)
}

/// Splits a Bundler version string `1.16.0-x86_64-linux` into version and platform. A gem
/// version never holds `-` (RubyGems allows only digits, letters and dots), so the first `-`
/// starts the platform.
fn split_platform(s: &str) -> (&str, Option<&str>) {
    match s.split_once('-') {
        Some((v, p)) if !p.is_empty() => (v, Some(p)),
        Some((v, _)) => (v, None),
        None => (s, None),
    }
}

/// The licenses of a gemspec's `licenses` list. RubyGems documents no meaning for several
/// entries; gems use the list for dual licensing (`["Ruby", "BSD-2-Clause"]`, Ruby's own terms),
/// so several entries are read as a choice (`OR`), with a note saying so.
fn license_list(raws: &[String], src: Source) -> Option<DeclaredLicense> {
    let raws: Vec<&str> = raws
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    crate::util::declared_license_choice(&raws, src, |n| {
        format!("gemspec `licenses` list of {n} entries read as a choice (`OR`)")
    })
}

#[cfg(test)]
mod fixture_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::source;

    #[test]
    fn purls_carry_the_platform() {
        assert_eq!(gem_purl("rack", Some("3.0.8"), None), "pkg:gem/rack@3.0.8");
        assert_eq!(
            gem_purl("nokogiri", Some("1.16.0"), Some("x86_64-linux")),
            "pkg:gem/nokogiri@1.16.0?platform=x86_64-linux"
        );
        assert_eq!(
            gem_purl("nokogiri", Some("1.16.0"), Some("ruby")),
            "pkg:gem/nokogiri@1.16.0"
        );
        assert_eq!(gem_purl("x", None, None), "pkg:gem/x");
    }

    #[test]
    fn versions_split_off_the_platform() {
        assert_eq!(split_platform("3.0.8"), ("3.0.8", None));
        assert_eq!(
            split_platform("1.16.0-x86_64-linux"),
            ("1.16.0", Some("x86_64-linux"))
        );
        assert_eq!(split_platform("1.0-java"), ("1.0", Some("java")));
        assert_eq!(split_platform("1.0-"), ("1.0", None));
    }

    #[test]
    fn several_licenses_are_a_choice() {
        let src = source("ruby-gemspec", "a.gemspec", Some(1));
        let d =
            license_list(&["Ruby".into(), "BSD-2-Clause".into()], src.clone()).expect("declared");
        assert_eq!(
            d.expression.map(|e| e.to_string()).as_deref(),
            Some("Ruby OR BSD-2-Clause")
        );
        assert_eq!(d.raw, "Ruby OR BSD-2-Clause");
        assert!(d.notes.iter().any(|n| n.contains("choice")));
        assert!(license_list(&[" ".into()], src.clone()).is_none());
        let one = license_list(&["MIT".into()], src).expect("declared");
        assert_eq!(one.raw, "MIT");
        assert!(one.notes.is_empty());
    }
}
