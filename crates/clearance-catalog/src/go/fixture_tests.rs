//! The Go catalogers run through the registry on the fixtures in `fixtures/ecosystems/go/`.

use serde_json::Value;

/// Scans one scenario of `fixtures/ecosystems/go/`.
fn scan(scenario: &str) -> Value {
    crate::fixture_support::scan_fixture("go", scenario)
}

/// `go 1.21` module: `## explicit; go 1.x` markers, an indirect requirement, a module replaced by
/// another version and one replaced by a directory of the tree, `exclude` and `retract`.
#[test]
fn fixture_vendor_go1_17() {
    insta::assert_json_snapshot!("vendor_go1_17", scan("vendor-go1.17"));
}

/// `go 1.16` module: bare `## explicit` markers, and a `go.mod` copied into `vendor/`.
#[test]
fn fixture_vendor_go1_14() {
    insta::assert_json_snapshot!("vendor_go1_14", scan("vendor-go1.14"));
}

/// `go 1.12` module: `modules.txt` without `## explicit` markers; directness comes from the
/// `go.mod` beside `vendor/`.
#[test]
fn fixture_vendor_pre_go1_14() {
    insta::assert_json_snapshot!("vendor_pre_go1_14", scan("vendor-pre-go1.14"));
}

/// A module without `vendor/`: the `go.sum` names modules whose `go.mod` alone was hashed.
#[test]
fn fixture_module_only() {
    insta::assert_json_snapshot!("module_only", scan("module-only"));
}

/// A workspace: `go.work` uses two modules (and one that is missing), and its `replace`
/// directives override those of the modules' `go.mod` files.
#[test]
fn fixture_workspace() {
    insta::assert_json_snapshot!("workspace", scan("workspace"));
}

/// dep: a `Gopkg.lock` with `input-imports`, a project pinned to a branch, vendored license files.
#[test]
fn fixture_dep_vendored() {
    insta::assert_json_snapshot!("dep_vendored", scan("dep-vendored"));
}

/// Glide: imports and test imports, directness from `glide.yaml`, vendored license files.
#[test]
fn fixture_glide() {
    insta::assert_json_snapshot!("glide", scan("glide"));
}

/// govendor: the `vendor/vendor.json` of a real project, packages grouped into repositories.
#[test]
fn fixture_govendor() {
    insta::assert_json_snapshot!("govendor", scan("govendor"));
}

/// A module cache (`$GOMODCACHE`, as in a build image): each module's `go.mod` is that module,
/// installed; its `go.sum` is not the product's.
#[test]
fn fixture_module_cache() {
    insta::assert_json_snapshot!("module_cache", scan("module-cache"));
}

/// Broken lines in each format, a merge conflict in `go.sum`, a `go.sum` that is not text and a
/// `Gopkg.lock` with an unterminated string, a `glide.lock` with a merge conflict and a
/// `vendor.json` with a trailing comma.
#[test]
fn fixture_corrupt() {
    insta::assert_json_snapshot!("corrupt", scan("corrupt"));
}

/// Which files the catalogers pick up, and what an empty one gives: a parse problem for
/// `go.mod` (it must name its module), nothing for the others (a module without dependencies
/// has an empty `go.sum`), nothing for the copies under `vendor/` and `testdata/`.
#[test]
fn fixture_empty_files_selection() {
    let got = crate::fixture_support::empty_file_outcomes("go");
    let expected = [
        ("Gopkg.lock", "go-dep-lock", "nothing"),
        ("cmd/agent/go.mod", "go-mod", "parse problem"),
        ("cmd/agent/go.sum", "go-sum", "nothing"),
        (
            "cmd/agent/vendor/modules.txt",
            "go-vendor-modules",
            "nothing",
        ),
        ("docs/vendor-modules.txt", "", "-"),
        ("glide.lock", "go-glide-lock", "nothing"),
        ("go.mod", "go-mod", "parse problem"),
        ("go.mod.bak", "", "-"),
        ("go.sum", "go-sum", "nothing"),
        ("go.work", "go-work", "parse problem"),
        ("go.work.sum", "go-sum", "nothing"),
        (
            "go/pkg/mod/github.com/acme-labs/empty@v1.0.0/go.mod",
            "go-mod",
            "parse problem",
        ),
        (
            "go/pkg/mod/github.com/acme-labs/empty@v1.0.0/go.sum",
            "go-sum",
            "nothing",
        ),
        ("internal/testdata/mod/go.mod", "go-mod", "nothing"),
        ("modules.txt", "", "-"),
        ("vendor/github.com/spf13/pflag/go.mod", "go-mod", "nothing"),
        ("vendor/github.com/spf13/pflag/go.sum", "go-sum", "nothing"),
        ("vendor/modules.txt", "go-vendor-modules", "nothing"),
        ("vendor/vendor.json", "go-govendor", "parse problem"),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(p, c, o)| (p.as_str(), c.as_str(), *o))
        .collect();
    assert_eq!(got, expected);
}
