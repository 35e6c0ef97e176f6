//! Vendored code without a manifest: directories copied into the tree under `third_party/`,
//! `vendor/`, `external/`, `deps/`, `contrib/` … that carry their own license file or license
//! headers but no package manifest. Each becomes a component of its own (ecosystem `generic`,
//! purl `pkg:generic/<parent path>/<name>`) so the policy sees it.

use std::collections::BTreeMap;

use clearance_model::{Component, Ecosystem, FileRecord, Origin, Source, Tier, purl};

use super::{Owners, third_party};

/// Directory names under which code is somebody else's, compared case-insensitively.
pub const VENDOR_DIRS: &[&str] = &[
    "third_party",
    "third-party",
    "thirdparty",
    "3rdparty",
    "3rd_party",
    "3rd-party",
    "vendor",
    "vendored",
    "external",
    "externals",
    "extern",
    "deps",
    "contrib",
    "bundled",
];

/// Name of the pseudo-cataloger recorded as the source of unmanaged components.
pub const CATALOGER: &str = "unmanaged-directory";

/// The unmanaged components of the tree. A directory becomes one when it is a child of a
/// vendoring directory, no third-party package owns it, and it holds a license file (in itself
/// or one level down), or files with license findings.
pub fn find(components: &[Component], files: &[FileRecord]) -> Vec<Component> {
    let owners = Owners::new(components);
    // root → why (first evidence path)
    let mut roots: BTreeMap<String, String> = BTreeMap::new();
    for f in files {
        if owners
            .owner(&f.path)
            .is_some_and(|(i, _)| third_party(&components[i]))
        {
            continue;
        }
        let has_text = f
            .findings
            .iter()
            .any(|x| x.evidence.tier != Tier::FileReference);
        if !f.license_file && !has_text {
            continue;
        }
        let dirs: Vec<&str> = f.path.split('/').collect();
        let dirs = &dirs[..dirs.len() - 1];
        let Some(k) = dirs
            .iter()
            .rposition(|d| VENDOR_DIRS.iter().any(|v| d.eq_ignore_ascii_case(v)))
        else {
            continue;
        };
        if k + 1 >= dirs.len() {
            continue; // a license file of the vendoring directory itself
        }
        let child = dirs[k + 1];
        let below = dirs.len() - (k + 2);
        let by_license_file = f.license_file && below <= 1;
        // Header findings deep in a directory named like a domain (`vendor/github.com/…`) belong
        // to a package manager's layout, not to one vendored directory.
        let by_headers = has_text && !child.contains('.');
        if by_license_file || by_headers {
            roots
                .entry(dirs[..=k + 1].join("/"))
                .or_insert_with(|| f.path.clone());
        }
    }
    roots
        .into_iter()
        .map(|(root, evidence)| {
            let (namespace, name) = match root.rfind('/') {
                Some(i) => (Some(&root[..i]), &root[i + 1..]),
                None => (None, root.as_str()),
            };
            let mut c = Component::new(
                Ecosystem::Generic,
                name,
                None,
                purl(Ecosystem::Generic, namespace, name, None),
            );
            c.origin = Origin::ThirdParty;
            c.roots.push(root.clone());
            c.sources.push(Source {
                cataloger: CATALOGER.to_string(),
                path: evidence,
                line: None,
            });
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{component, finding, record};

    fn roots(components: &[Component], files: &[FileRecord]) -> Vec<(String, String)> {
        find(components, files)
            .into_iter()
            .map(|c| (c.roots[0].clone(), c.purl))
            .collect()
    }

    #[test]
    fn license_file_under_third_party() {
        let files = vec![
            record(
                "src/third_party/zlib/LICENSE",
                vec![finding("Zlib", "src/third_party/zlib/LICENSE")],
            ),
            record("src/third_party/zlib/contrib/minizip/LICENSE", vec![]),
            record("src/main.c", vec![finding("MIT", "src/main.c")]),
        ];
        assert_eq!(
            roots(&[], &files),
            [
                (
                    "src/third_party/zlib".to_string(),
                    "pkg:generic/src/third_party/zlib".to_string()
                ),
                (
                    "src/third_party/zlib/contrib/minizip".to_string(),
                    "pkg:generic/src/third_party/zlib/contrib/minizip".to_string()
                ),
            ]
        );
    }

    #[test]
    fn headers_without_license_file() {
        let files = vec![record(
            "external/md5/md5.c",
            vec![finding("RSA-MD", "external/md5/md5.c")],
        )];
        assert_eq!(roots(&[], &files)[0].0, "external/md5");
        let go = vec![record(
            "vendor/github.com/x/y/z.go",
            vec![finding("MIT", "vendor/github.com/x/y/z.go")],
        )];
        assert!(roots(&[], &go).is_empty());
    }

    #[test]
    fn packages_own_their_vendor_dirs() {
        let serde = component("serde", "vendor/serde", Some("MIT"));
        let files = vec![record(
            "vendor/serde/LICENSE-MIT",
            vec![finding("MIT", "vendor/serde/LICENSE-MIT")],
        )];
        assert!(roots(&[serde], &files).is_empty());
        // A license file of the vendoring directory itself is not a component.
        assert!(roots(&[], &[record("vendor/LICENSE", vec![])]).is_empty());
    }
}
