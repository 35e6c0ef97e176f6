//! The NuGet catalogers run through the registry on the fixtures in `fixtures/ecosystems/nuget/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/nuget/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("nuget", scenario)
}

#[test]
fn fixture_lock_v1() {
    insta::assert_json_snapshot!("lock_v1", scan("lock-v1"));
}

#[test]
fn fixture_lock_v2_central() {
    insta::assert_json_snapshot!("lock_v2_central", scan("lock-v2-central"));
}

#[test]
fn fixture_packages_config() {
    insta::assert_json_snapshot!("packages_config", scan("packages-config"));
}

#[test]
fn fixture_global_packages() {
    insta::assert_json_snapshot!("global_packages", scan("global-packages"));
}

#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// Which files the catalogers pick up, and what an empty one gives: a parse problem for every
/// NuGet manifest, nothing picked up for look-alikes (solution files, user settings, MSBuild
/// props, the restore's `project.assets.json`, other project types).
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("nuget");
    let expected = [
        (".nuget/packages/serilog/3.1.1/serilog.3.1.1.nupkg", "", "-"),
        (
            ".nuget/packages/serilog/3.1.1/serilog.3.1.1.nupkg.sha512",
            "",
            "-",
        ),
        (
            ".nuget/packages/serilog/3.1.1/serilog.nuspec",
            "nuget-nuspec",
            "parse problem",
        ),
        ("App.csproj", "nuget-project", "parse problem"),
        ("App.csproj.user", "", "-"),
        ("App.sln", "", "-"),
        ("Directory.Build.props", "", "-"),
        ("Directory.Packages.props", "", "-"),
        ("Legacy/app.config", "", "-"),
        (
            "Legacy/packages.config",
            "nuget-packages-config",
            "parse problem",
        ),
        ("Legacy/packages.config.orig", "", "-"),
        ("NuGet.Config", "", "-"),
        ("global.json", "", "-"),
        (
            "packages/Owin.1.0/Owin.nuspec",
            "nuget-nuspec",
            "parse problem",
        ),
        ("paket.lock", "", "-"),
        ("src/App/App.csproj", "nuget-project", "parse problem"),
        (
            "src/App/obj/project.assets.json",
            "nuget-project-assets",
            "parse problem",
        ),
        (
            "src/App/packages.lock.json",
            "nuget-packages-lock",
            "parse problem",
        ),
        ("src/App/packages.lock.json.bak", "", "-"),
        ("src/App/project.assets.json", "", "-"),
        ("src/Lib/Lib.fsproj", "nuget-project", "parse problem"),
        ("src/Lib/Lib.shproj", "", "-"),
        ("src/Lib/Lib.sqlproj", "", "-"),
        ("src/Vb/Vb.vbproj", "nuget-project", "parse problem"),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}

/// Every prefix of every fixture file, and copies with one byte replaced by a character that
/// matters to XML or JSON, parse without a panic, and every problem they give has a line.
#[test]
fn cut_and_damaged_fixtures_never_panic() {
    use std::path::Path;

    use crate::{DiskTree, ManifestFile, Registry};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/ecosystems/nuget");
    let mut paths = Vec::new();
    crate::fixture_support::files(&root, &root, &mut paths);
    let registry = Registry::new();
    let tree = DiskTree::new(&root);
    let mut parsed = 0;
    for path in paths.iter().filter(|p| !p.starts_with("empty-files/")) {
        let bytes = std::fs::read(root.join(path)).expect("fixture file");
        for (cataloger, _) in registry.matching(path) {
            let mut variants: Vec<Vec<u8>> = (0..bytes.len())
                .step_by(5)
                .map(|n| bytes[..n].to_vec())
                .collect();
            for (i, b) in [b'<', b'"', b'{', b'$', b'&', 0xff].into_iter().enumerate() {
                for at in (i..bytes.len()).step_by(37) {
                    let mut v = bytes.clone();
                    v[at] = b;
                    variants.push(v);
                }
            }
            for v in &variants {
                let catalog = cataloger.parse(&ManifestFile::new(path, v, &tree));
                for p in &catalog.problems {
                    assert!(p.line.is_some_and(|l| l >= 1), "{path}: {p:?}");
                }
                parsed += 1;
            }
        }
    }
    assert!(parsed > 1000, "only {parsed} variants parsed");
}
