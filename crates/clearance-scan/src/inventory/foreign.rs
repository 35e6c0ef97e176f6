//! Files of the product's own code whose license is not the product's: code copied in from
//! elsewhere with its header, a GPL notice in a proprietary tree.

use std::collections::BTreeSet;

use clearance_model::{Component, FileRecord, ForeignLicense, LicenseExpr, Origin, Tier};

use super::conclude::family;
use super::parent;

/// The product's license: the concluded licenses of its first-party packages, and the license
/// files at the root of the tree.
fn product_license(components: &[Component], files: &[FileRecord]) -> Option<LicenseExpr> {
    let mut parts: Vec<LicenseExpr> = components
        .iter()
        .filter(|c| c.origin == Origin::FirstParty)
        .filter_map(|c| c.concluded.expression.clone())
        .collect();
    for f in files
        .iter()
        .filter(|f| f.license_file && !f.notices_file && parent(&f.path).is_empty())
    {
        parts.extend(f.findings.iter().map(|x| x.expression.clone()));
    }
    (!parts.is_empty()).then(|| LicenseExpr::and(parts))
}

/// The foreign-license files. `owners` gives, per file, its owning component (as computed for
/// the inventory).
pub fn find<R>(
    components: &[Component],
    files: &[FileRecord],
    owners: &[Option<(usize, R)>],
) -> Vec<ForeignLicense> {
    let product = product_license(components, files);
    let product_families: BTreeSet<String> = product
        .as_ref()
        .map(|p| p.terms().into_iter().map(family).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (f, owner) in files.iter().zip(owners) {
        if owner
            .as_ref()
            .is_some_and(|(i, _)| components[*i].origin == Origin::ThirdParty)
        {
            continue;
        }
        // License files and documents describe licenses, manifests declare the package's own;
        // code carries them.
        if f.license_file
            || f.notices_file
            || clearance_detect::is_document(&f.path)
            || clearance_detect::is_manifest(&f.path)
        {
            continue;
        }
        let findings: Vec<_> = f
            .findings
            .iter()
            .filter(|x| x.evidence.tier != Tier::FileReference || product.is_none())
            .cloned()
            .collect();
        if findings.is_empty() {
            continue;
        }
        let foreign = findings
            .iter()
            .flat_map(|x| x.expression.terms())
            .any(|t| !product_families.contains(&family(t)));
        if foreign {
            let expression =
                LicenseExpr::and(findings.iter().map(|x| x.expression.clone()).collect());
            out.push(ForeignLicense {
                path: f.path.clone(),
                expression,
                findings,
                product_license: product.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::tests::{component, finding, record};

    #[test]
    fn gpl_header_in_an_apache_product() {
        let mut app = component("app", "", Some("Apache-2.0"));
        app.origin = Origin::FirstParty;
        app.concluded.expression = Some(LicenseExpr::parse("Apache-2.0").unwrap());
        let files = vec![
            record("src/main.rs", vec![finding("Apache-2.0", "src/main.rs")]),
            record(
                "src/copied.c",
                vec![finding("GPL-2.0-or-later", "src/copied.c")],
            ),
            record("README.md", vec![finding("MIT", "README.md")]),
        ];
        let owners = vec![Some((0, ())), Some((0, ())), Some((0, ()))];
        let f = find(&[app], &files, &owners);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "src/copied.c");
        assert_eq!(
            f[0].product_license.as_ref().unwrap().to_string(),
            "Apache-2.0"
        );
    }

    #[test]
    fn without_a_product_license_every_license_is_foreign() {
        let files = vec![record("lib/util.js", vec![finding("MIT", "lib/util.js")])];
        let owners: Vec<Option<(usize, ())>> = vec![None];
        assert_eq!(find(&[], &files, &owners).len(), 1);
    }
}
