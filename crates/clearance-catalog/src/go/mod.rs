//! Go modules: `go.mod`, `go.sum` (and `go.work.sum`), `go.work` and `vendor/modules.txt`; and
//! from before modules, dep's `Gopkg.lock`, Glide's `glide.lock` and govendor's
//! `vendor/vendor.json`.
//!
//! - [`GoMod`] reads a `go.mod`: the `module` line is the product's own module (first party); each
//!   `require` is a dependency, direct unless marked `// indirect`; a `replace` directive swaps the
//!   module that ships for another module version or for a directory of the tree; `exclude` and
//!   `retract` are checked for form, and a requirement on an excluded version is reported.
//! - [`GoWork`] reads a `go.work`: each `use` directory is a module of the product. Its `replace`
//!   directives override those of the `go.mod` files of the modules it uses, and [`GoMod`]
//!   applies them.
//! - [`GoSum`] reads a checksum file: every `module version h1:hash` line is a module whose files
//!   were downloaded; a `module version/go.mod h1:hash` line alone only hashed that module's
//!   `go.mod` while resolving the graph, and ships nothing.
//! - [`GoVendorModules`] reads `vendor/modules.txt`, written by `go mod vendor`: each
//!   `# module version` header is a vendored module whose files are under `vendor/<module>`.
//! - [`GoDepLock`] reads dep's `Gopkg.lock`: each project at its tag or revision, rooted at
//!   `vendor/<name>` when its license file was vendored there.
//! - [`GoGlideLock`] reads Glide's `glide.lock`: imports (runtime) and test imports (dev) at their
//!   commits, rooted like dep's.
//! - [`GoGovendor`] reads govendor's `vendor/vendor.json`: its packages grouped into repositories,
//!   each rooted at `vendor/<repository>`.
//!
//! Go modules declare no license: declared licenses stay empty, and the license comes from the
//! files of a vendored module's directory.
//!
//! A `go.mod` or `go.sum` inside a `vendor/` directory (copied there by `go mod vendor` before Go
//! 1.17) or a `testdata/` directory (ignored by the go command) describes no part of the product,
//! and yields nothing. A `go.mod` at the top of a module extracted into the module cache
//! (`$GOMODCACHE/github.com/pkg/errors@v0.9.1/go.mod`, as in a build image) is that installed
//! module: third party, with the version of its directory name, rooted at its directory; its own
//! requirements and checksums are not the product's.

mod glide_lock;
mod go_mod;
mod go_sum;
mod go_work;
mod gopkg_lock;
mod govendor;
mod modules_txt;

#[cfg(test)]
mod fixture_tests;

use clearance_model::{Ecosystem, Problem, ProblemCode, purl};

use crate::ManifestFile;
use crate::util;

pub use glide_lock::GoGlideLock;
pub use go_mod::GoMod;
pub use go_sum::GoSum;
pub use go_work::GoWork;
pub use gopkg_lock::GoDepLock;
pub use govendor::GoGovendor;
pub use modules_txt::GoVendorModules;

/// License file names that dep and Glide keep when they prune a vendored project, looked for to
/// tell that the project is in `vendor/`.
const LICENSE_FILES: &[&str] = &[
    "LICENSE",
    "LICENSE.txt",
    "LICENSE.md",
    "LICENCE",
    "COPYING",
    "license",
    "LICENSE-MIT",
    "LICENSE-APACHE",
    "LICENSE-APACHE-2.0.txt",
    "UNLICENSE",
];

/// `vendor/<name>` beside the lockfile `file`, when one of the usual license files is in it (a
/// lockfile alone does not tell whether its projects were vendored).
fn vendored_root(file: &ManifestFile<'_>, name: &str) -> Option<String> {
    let root = util::join(file.dir(), &format!("vendor/{name}"))?;
    LICENSE_FILES
        .iter()
        .any(|l| file.tree.is_file(&format!("{root}/{l}")))
        .then_some(root)
}

/// The package URL of a Go module: the module path without its last segment is the namespace
/// (`pkg:golang/github.com/pkg/errors@v0.9.1`, `pkg:golang/github.com/go-redis/redis/v8@v8.11.5`).
fn go_purl(path: &str, version: Option<&str>) -> String {
    match path.rsplit_once('/') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() => {
            purl(Ecosystem::Go, Some(ns), name, version)
        }
        _ => purl(Ecosystem::Go, None, path, version),
    }
}

/// The lines of a line-oriented file with their 1-based numbers (a trailing `\r` removed). A line
/// that is not UTF-8 is left out, with a problem at its line: the other lines still count.
fn lines_of<'a>(
    path: &str,
    contents: &'a [u8],
    problems: &mut Vec<Problem>,
) -> Vec<(u32, &'a str)> {
    let mut out = Vec::new();
    for (i, raw) in contents.split(|&b| b == b'\n').enumerate() {
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match std::str::from_utf8(raw) {
            Ok(text) => out.push((line, text)),
            Err(e) => problems.push(
                Problem::new(
                    ProblemCode::ManifestParse,
                    path,
                    format!(
                        "not valid UTF-8 (byte {} of the line); line skipped",
                        e.valid_up_to() + 1
                    ),
                )
                .at_line(line),
            ),
        }
    }
    out
}

/// `true` for a `go.mod` or `go.sum` that the go command never reads as part of the product: one
/// copied into a `vendor/` directory, one under `testdata/`, or one inside a module of the module
/// cache (see [`cached_module_version`] for the `go.mod` at the top of such a module).
fn outside_the_build(path: &str) -> bool {
    util::has_dir(path, "vendor")
        || util::has_dir(path, "testdata")
        || util::parent(path)
            .split('/')
            .any(|c| cache_dir_version(c).is_some())
}

/// The version in a module cache directory name (`errors@v0.9.1` → `v0.9.1`).
fn cache_dir_version(component: &str) -> Option<&str> {
    let (name, version) = component.rsplit_once('@')?;
    (!name.is_empty() && is_version(version)).then_some(version)
}

/// When `path` is the `go.mod` at the top of a module in the module cache
/// (`…/github.com/pkg/errors@v0.9.1/go.mod`), the module's version.
fn cached_module_version(path: &str) -> Option<&str> {
    let dir = util::parent(path);
    let (above, last) = dir.rsplit_once('/').unwrap_or(("", dir));
    let version = cache_dir_version(last)?;
    let clean = !util::has_dir(path, "vendor")
        && !util::has_dir(path, "testdata")
        && !above.split('/').any(|c| cache_dir_version(c).is_some());
    clean.then_some(version)
}

/// `true` when `v` looks like a Go module version: `v` followed by a digit (`v1.2.3`,
/// `v0.0.0-20230101000000-abcdef123456`, `v2.0.0+incompatible`).
fn is_version(v: &str) -> bool {
    let mut chars = v.chars();
    chars.next() == Some('v') && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// `true` when a replacement target is a directory rather than a module path: the go command
/// treats a target that starts with `./`, `../` or `/` (or a Windows drive or `\`) as a
/// file-system path.
fn is_local_path(p: &str) -> bool {
    p.starts_with("./")
        || p.starts_with("../")
        || p == "."
        || p == ".."
        || p.starts_with('/')
        || p.starts_with(".\\")
        || p.starts_with("..\\")
        || p.starts_with('\\')
        || p.as_bytes().get(1) == Some(&b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purls() {
        assert_eq!(
            go_purl("github.com/pkg/errors", Some("v0.9.1")),
            "pkg:golang/github.com/pkg/errors@v0.9.1"
        );
        assert_eq!(
            go_purl("gopkg.in/yaml.v3", Some("v3.0.1")),
            "pkg:golang/gopkg.in/yaml.v3@v3.0.1"
        );
        assert_eq!(
            go_purl("github.com/go-redis/redis/v8", Some("v8.11.5")),
            "pkg:golang/github.com/go-redis/redis/v8@v8.11.5"
        );
        assert_eq!(go_purl("example", None), "pkg:golang/example");
    }

    /// Odd input of every kind gives problems, never a panic.
    #[test]
    fn odd_input_never_panics() {
        use crate::{Cataloger, ManifestFile, MemoryTree};
        let inputs: [&[u8]; 12] = [
            b"module \xc3\xa9x\xe2\x82\xac // \xf0\x9f\x98\x80",
            b"require (\n\t\xc3\xa9=>\xc3\xa9 v1\n",
            b"replace => \nreplace a =>\nreplace a v1 => b c d\n",
            b"retract [\nretract [v1.0.0,\nretract ]\n",
            b"\"\\\n`\n\"\\\"\n",
            b"# \n## \n##explicit\n#a => \n# a v1 => \n",
            b"# => b v1.0.0\n# a v1.0.0 => => v2\n\xe2\x82",
            b"a b\tc\r\nd\x00e f\n",
            b"use (\n)\n)\n(\n",
            b"\xef\xbb\xbfmodule bom\n",
            b"module a\nrequire b v1.0.0 //",
            b"",
        ];
        let tree = MemoryTree::default();
        let catalogers: [&dyn Cataloger; 7] = [
            &GoMod,
            &GoSum,
            &GoWork,
            &GoVendorModules,
            &GoDepLock,
            &GoGlideLock,
            &GoGovendor,
        ];
        let paths = [
            "go.mod",
            "go.sum",
            "go.work",
            "vendor/modules.txt",
            "Gopkg.lock",
            "glide.lock",
            "vendor/vendor.json",
        ];
        for bytes in inputs {
            for (c, path) in catalogers.iter().zip(paths) {
                let cat = c.parse(&ManifestFile::new(path, bytes, &tree));
                for p in &cat.problems {
                    assert_eq!(p.path, path);
                    assert!(p.line.is_some(), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn lines_skip_what_is_not_utf8() {
        let mut problems = Vec::new();
        let lines = lines_of("go.sum", b"a b c\r\n\xff\xfe\nd e f", &mut problems);
        assert_eq!(lines, [(1, "a b c"), (3, "d e f")]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
        assert_eq!(problems[0].code, ProblemCode::ManifestParse);
    }

    #[test]
    fn versions_and_paths() {
        assert!(is_version("v1.2.3"));
        assert!(is_version("v0.0.0-20230101000000-abcdef123456"));
        assert!(!is_version("master"));
        assert!(!is_version("v"));
        assert!(!is_version("1.2.3"));
        assert!(is_local_path("../fork"));
        assert!(is_local_path("./third_party/x"));
        assert!(is_local_path("C:\\src\\x"));
        assert!(!is_local_path("github.com/fork/x"));
        assert!(outside_the_build("vendor/github.com/a/b/go.mod"));
        assert!(outside_the_build("internal/testdata/mod/go.mod"));
        assert!(!outside_the_build("go.mod"));
        assert!(!outside_the_build("tools/go.sum"));
        assert!(outside_the_build(
            "go/pkg/mod/github.com/pkg/errors@v0.9.1/go.sum"
        ));
        assert!(outside_the_build(
            "pkg/mod/golang.org/x/sys@v0.15.0/unix/go.mod"
        ));
        assert!(!outside_the_build("svc/me@work/go.mod"));
    }

    #[test]
    fn module_cache_paths() {
        assert_eq!(
            cached_module_version("go/pkg/mod/github.com/pkg/errors@v0.9.1/go.mod"),
            Some("v0.9.1")
        );
        assert_eq!(cached_module_version("x@v1.0.0/go.mod"), Some("v1.0.0"));
        assert_eq!(cached_module_version("mod/a@v1.0.0/b@v2.0.0/go.mod"), None);
        assert_eq!(
            cached_module_version("mod/a@v1.0.0/vendor/b@v2.0.0/go.mod"),
            None
        );
        assert_eq!(cached_module_version("github.com/pkg/errors/go.mod"), None);
        assert_eq!(cached_module_version("@v1.0.0/go.mod"), None);
    }
}
