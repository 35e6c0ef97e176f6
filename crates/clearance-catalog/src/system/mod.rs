//! System packages installed in a root filesystem or an unpacked container image.
//!
//! - `var/lib/dpkg/status` (and `var/lib/dpkg/status.d/*` of distroless images): the Debian and
//!   Ubuntu package database. Each installed package's `usr/share/doc/<package>/copyright` is read
//!   too: a machine-readable (DEP-5) one gives the declared license.
//! - `lib/apk/db/installed`: the Alpine package database, with each package's files.
//! - `var/lib/rpm/rpmdb.sqlite` (or `usr/lib/sysimage/rpm/rpmdb.sqlite`): the SQLite RPM
//!   database of Fedora, RHEL 9 and openSUSE, with each package's files.
//!
//! The distribution, which is the purl namespace, comes from `etc/os-release` (else
//! `usr/lib/os-release`) of the same root filesystem.

mod apk;
mod control;
mod dep5;
mod dpkg;
#[cfg(test)]
mod fixture_tests;
mod rpm;

use std::borrow::Cow;

use clearance_model::{Ecosystem, Problem, ProblemCode};

pub use apk::ApkInstalled;
pub use dpkg::DpkgStatus;
pub use rpm::RpmDb;

use crate::{ManifestFile, Tree};

/// The root filesystem that holds a database at `<root>/<db>`: the part of `path` before `db`
/// (`""` for the scanned root itself). `None` when `db` is not a whole-component part of `path`.
fn root_of<'a>(path: &'a str, db: &str) -> Option<&'a str> {
    if path.starts_with(db) {
        return Some("");
    }
    let at = path.find(&format!("/{db}"))?;
    path.get(..at)
}

/// A path under `root` (`root` may be `""`).
fn under(root: &str, rel: &str) -> String {
    if root.is_empty() {
        rel.to_string()
    } else {
        format!("{root}/{rel}")
    }
}

/// The `ID` of the root filesystem's `os-release` (lower case), when it has one.
fn os_id(tree: &dyn Tree, root: &str) -> Option<String> {
    ["etc/os-release", "usr/lib/os-release"]
        .iter()
        .find_map(|rel| tree.read(&under(root, rel)).ok())
        .and_then(|bytes| {
            String::from_utf8_lossy(&bytes).lines().find_map(|l| {
                let v = l.trim().strip_prefix("ID=")?;
                let v = v.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
                (!v.is_empty()
                    && v.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')))
                .then_some(v)
            })
        })
}

/// A purl with qualifiers (`arch`, `upstream`), built with the `packageurl` crate, which sorts
/// and encodes them as the purl spec asks.
fn system_purl(
    eco: Ecosystem,
    namespace: &str,
    name: &str,
    version: Option<&str>,
    qualifiers: &[(&str, Option<&str>)],
) -> String {
    let built = packageurl::PackageUrl::new(eco.purl_type(), name).and_then(|mut p| {
        p.with_namespace(namespace.to_string())?;
        if let Some(v) = version.filter(|v| !v.is_empty()) {
            p.with_version(v.to_string())?;
        }
        for (k, v) in qualifiers {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                p.add_qualifier(k.to_string(), v.to_string())?;
            }
        }
        Ok(p.to_string())
    });
    built.unwrap_or_else(|_| clearance_model::purl(eco, Some(namespace), name, version))
}

/// The file as text: read lossily (with a problem) when it is not valid UTF-8.
fn lossy_text<'a>(file: &ManifestFile<'a>, problems: &mut Vec<Problem>) -> Cow<'a, str> {
    match file.text() {
        Ok(t) => Cow::Borrowed(t),
        Err(p) => {
            problems.push(Problem {
                message: format!("{}; read with replacement characters", p.message),
                ..p
            });
            String::from_utf8_lossy(file.contents)
        }
    }
}

/// One problem for the malformed lines of a file: at the first, with the count.
fn malformed_problem(path: &str, lines: &[u32], what: &str) -> Option<Problem> {
    let first = *lines.first()?;
    let more = match lines.len() {
        1 => String::new(),
        n => format!(" ({n} such lines)"),
    };
    Some(
        Problem::new(
            ProblemCode::ManifestParse,
            path,
            format!("line is not {what}; skipped{more}"),
        )
        .at_line(first),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryTree;

    #[test]
    fn roots() {
        assert_eq!(root_of("var/lib/dpkg/status", "var/lib/dpkg/"), Some(""));
        assert_eq!(
            root_of("image/rootfs/var/lib/dpkg/status", "var/lib/dpkg/"),
            Some("image/rootfs")
        );
        assert_eq!(root_of("xvar/lib/dpkg/status", "var/lib/dpkg/"), None);
        assert_eq!(under("", "etc/os-release"), "etc/os-release");
        assert_eq!(under("r", "etc/os-release"), "r/etc/os-release");
    }

    #[test]
    fn os_release_id() {
        let tree = MemoryTree::default()
            .with(
                "a/etc/os-release",
                "NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\n",
            )
            .with("b/usr/lib/os-release", "ID=\"Debian\"\n")
            .with("c/etc/os-release", "ID=\"bad id/../x\"\n");
        assert_eq!(os_id(&tree, "a").as_deref(), Some("ubuntu"));
        assert_eq!(os_id(&tree, "b").as_deref(), Some("debian"));
        assert_eq!(os_id(&tree, "c"), None);
        assert_eq!(os_id(&tree, ""), None);
    }

    #[test]
    fn purls_with_qualifiers() {
        assert_eq!(
            system_purl(
                Ecosystem::Deb,
                "debian",
                "curl",
                Some("7.88.1-10"),
                &[("arch", Some("amd64"))]
            ),
            "pkg:deb/debian/curl@7.88.1-10?arch=amd64"
        );
        assert_eq!(
            system_purl(
                Ecosystem::Apk,
                "alpine",
                "musl",
                Some("1.2.4-r2"),
                &[("upstream", None), ("arch", Some("x86_64"))]
            ),
            "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64"
        );
        assert_eq!(
            system_purl(
                Ecosystem::Deb,
                "debian",
                "zlib1g",
                Some("1:1.2.13.dfsg-1"),
                &[("upstream", Some("zlib")), ("arch", Some("amd64"))]
            ),
            "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&upstream=zlib"
        );
    }
}
