//! The license knowledge base: the category of every license id clearance reports, with the
//! source of each fact.
//!
//! The table (`policies/licenses.tsv`) is generated at development time by
//! `scripts/build_license_kb.py` from ScanCode LicenseDB's curated categories (CC-BY-4.0), with
//! the network clauses of the AGPL family and clearance's own ids classified by hand; it is
//! embedded in the binary. OSI approval and FSF libre flags come from the SPDX license list as
//! shipped in the `spdx` crate.
//!
//! # Example
//! ```
//! use clearance_policy::kb::{self, Category};
//! assert_eq!(kb::category_of(&"MIT".parse().unwrap()), Category::Permissive);
//! assert_eq!(kb::category_of(&"AGPL-3.0-only".parse().unwrap()), Category::NetworkCopyleft);
//! // A linking exception makes a copyleft license a weak one.
//! let classpath = "GPL-2.0-only WITH Classpath-exception-2.0".parse().unwrap();
//! assert_eq!(kb::category_of(&classpath), Category::WeakCopyleft);
//! ```

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use clearance_model::{LicenseExpr, LicenseTerm};
use serde::{Deserialize, Serialize};

/// The embedded table.
const TABLE: &str = include_str!("../../../policies/licenses.tsv");

/// A license category, from the least to the most restrictive for a product that ships.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Dedicated to the public domain (CC0, the Unlicense).
    PublicDomain,
    /// Use, change and ship freely, with attribution (MIT, BSD, Apache-2.0).
    Permissive,
    /// Copyleft limited to the component's own files or library (LGPL, MPL, EPL).
    WeakCopyleft,
    /// Copyleft over the whole work it is part of when distributed (GPL).
    StrongCopyleft,
    /// Copyleft triggered by use over a network (AGPL, OSL).
    NetworkCopyleft,
    /// Source is available but use is restricted (BUSL, Elastic, SSPL).
    SourceAvailable,
    /// Use for commercial purposes is not allowed (CC-BY-NC, PolyForm Noncommercial).
    NonCommercial,
    /// Proprietary or commercial terms.
    Proprietary,
    /// Not known: an id the knowledge base does not classify.
    Unknown,
}

impl Category {
    /// Every category, in order.
    pub const ALL: [Category; 9] = [
        Category::PublicDomain,
        Category::Permissive,
        Category::WeakCopyleft,
        Category::StrongCopyleft,
        Category::NetworkCopyleft,
        Category::SourceAvailable,
        Category::NonCommercial,
        Category::Proprietary,
        Category::Unknown,
    ];

    /// The name used in policies (`category:weak-copyleft`) and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::PublicDomain => "public-domain",
            Category::Permissive => "permissive",
            Category::WeakCopyleft => "weak-copyleft",
            Category::StrongCopyleft => "strong-copyleft",
            Category::NetworkCopyleft => "network-copyleft",
            Category::SourceAvailable => "source-available",
            Category::NonCommercial => "non-commercial",
            Category::Proprietary => "proprietary",
            Category::Unknown => "unknown",
        }
    }

    /// The category of a name as written in a policy.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// `true` for the copyleft categories.
    pub fn is_copyleft(self) -> bool {
        matches!(
            self,
            Category::WeakCopyleft | Category::StrongCopyleft | Category::NetworkCopyleft
        )
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the knowledge base knows of one id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The id as clearance reports it.
    pub id: &'static str,
    /// `true` for an exception (`Classpath-exception-2.0`), `false` for a license.
    pub exception: bool,
    /// Its category.
    pub category: Category,
    /// Where the category comes from.
    pub source: &'static str,
}

/// The table, by id and by lower-case id.
static ENTRIES: LazyLock<HashMap<String, Entry>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in TABLE.lines() {
        if line.starts_with('#') || line.starts_with("id\t") || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(4, '\t');
        let (Some(id), Some(kind), Some(category), Some(source)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let Some(category) = Category::from_name(category) else {
            continue;
        };
        map.insert(
            id.to_ascii_lowercase(),
            Entry {
                id,
                exception: kind == "exception",
                category,
                source,
            },
        );
    }
    map
});

/// The entry of a license or exception id (case-insensitive).
pub fn entry(id: &str) -> Option<&'static Entry> {
    ENTRIES.get(&id.to_ascii_lowercase())
}

/// Number of ids the knowledge base classifies.
pub fn len() -> usize {
    ENTRIES.len()
}

/// The category of one license term. With an exception, the term is as restrictive as the
/// less restrictive of its license and its exception's own category: a linking exception
/// (`Classpath-exception-2.0`, weak copyleft) makes `GPL-2.0-only WITH …` weak copyleft, the
/// `LLVM-exception` (permissive) keeps Apache-2.0 permissive.
pub fn category_of_term(t: &LicenseTerm) -> Category {
    let license = entry(&t.license).map_or(Category::Unknown, |e| e.category);
    match t.exception.as_deref().and_then(entry) {
        Some(e) if license.is_copyleft() && e.category < license => e.category,
        _ => license,
    }
}

/// The category of a single license term; for a compound expression, the most restrictive of
/// its terms (a policy decides `OR` and `AND` term by term, this is for summaries).
pub fn category_of(e: &LicenseExpr) -> Category {
    e.terms()
        .into_iter()
        .map(category_of_term)
        .max()
        .unwrap_or(Category::Unknown)
}

/// `true` when the SPDX license list marks the id OSI approved.
pub fn osi_approved(id: &str) -> bool {
    spdx::license_id(id).is_some_and(|l| l.is_osi_approved())
}

/// `true` when the SPDX license list marks the id FSF libre.
pub fn fsf_libre(id: &str) -> bool {
    spdx::license_id(id).is_some_and(|l| l.is_fsf_free_libre())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spdx_license_and_exception_is_classified() {
        let mut missing = Vec::new();
        for l in spdx::identifiers::LICENSES {
            if l.flags & spdx::flags::IS_DEPRECATED == 0 && entry(l.name).is_none() {
                missing.push(l.name);
            }
        }
        for e in spdx::identifiers::EXCEPTIONS {
            if e.flags & spdx::flags::IS_DEPRECATED == 0 && entry(e.name).is_none() {
                missing.push(e.name);
            }
        }
        assert!(
            missing.is_empty(),
            "not in policies/licenses.tsv: {missing:?}"
        );
    }

    #[test]
    fn categories_of_well_known_licenses() {
        let c = |s: &str| category_of(&s.parse().unwrap());
        assert_eq!(c("MIT"), Category::Permissive);
        assert_eq!(c("Apache-2.0"), Category::Permissive);
        assert_eq!(c("CC0-1.0"), Category::PublicDomain);
        assert_eq!(c("LGPL-2.1-or-later"), Category::WeakCopyleft);
        assert_eq!(c("MPL-2.0"), Category::WeakCopyleft);
        assert_eq!(c("GPL-3.0-only"), Category::StrongCopyleft);
        assert_eq!(c("AGPL-3.0-or-later"), Category::NetworkCopyleft);
        assert_eq!(c("BUSL-1.1"), Category::SourceAvailable);
        assert_eq!(c("CC-BY-NC-SA-4.0"), Category::NonCommercial);
        assert_eq!(c("LicenseRef-clearance-proprietary"), Category::Proprietary);
        assert_eq!(
            c("LicenseRef-clearance-bsd-unspecified"),
            Category::Permissive
        );
        assert_eq!(
            c("LicenseRef-scancode-secret-labs-2011"),
            Category::Permissive
        );
        assert_eq!(c("LicenseRef-nobody-knows"), Category::Unknown);
        assert_eq!(c("Apache-2.0 WITH LLVM-exception"), Category::Permissive);
        assert_eq!(
            c("GPL-3.0-or-later WITH GCC-exception-3.1"),
            Category::WeakCopyleft
        );
        // A compound expression is as restrictive as its most restrictive term.
        assert_eq!(c("MIT AND GPL-2.0-only"), Category::StrongCopyleft);
        assert!(entry("mit").is_some_and(|e| e.source.contains("ScanCode")));
        assert!(osi_approved("Apache-2.0") && fsf_libre("GPL-3.0-only"));
        assert!(!osi_approved("BUSL-1.1"));
    }

    #[test]
    fn category_names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.as_str()), Some(c));
        }
        assert_eq!(Category::from_name("copyleft"), None);
    }
}
