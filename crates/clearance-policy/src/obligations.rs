//! License obligations: what each license asks of a product that uses the licensed component,
//! with the clause that creates each and what triggers it (`policies/obligations.toml`).
//!
//! # Example
//! ```
//! use clearance_policy::obligations::{self, Distribution, Kind};
//! let apache: clearance_model::LicenseExpr = "Apache-2.0".parse().unwrap();
//! let due = obligations::triggered(&apache, Distribution::Binary);
//! assert!(due.iter().any(|o| o.kind == Kind::NoticeFile && o.clause.starts_with("§4(d)")));
//! // Nothing is triggered by internal use.
//! assert!(obligations::triggered(&apache, Distribution::Internal).is_empty());
//! ```

use std::collections::BTreeMap;
use std::sync::LazyLock;

use clearance_model::{LicenseExpr, LicenseTerm};
use serde::{Deserialize, Serialize};

use crate::kb::{self, Category};

const TABLE: &str = include_str!("../../../policies/obligations.toml");

/// What an obligation asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Keep the copyright notices.
    Attribution,
    /// Give recipients the license text.
    LicenseText,
    /// Pass on the contents of the component's NOTICE file.
    NoticeFile,
    /// Mark modified files as changed.
    StateChanges,
    /// Make the component's source (and changes) available to recipients.
    DiscloseSource,
    /// Offer the source to users who interact with it over a network.
    NetworkSource,
    /// Let users relink the product with a modified version of the library.
    Relinking,
    /// Do not use the authors' names to promote the product.
    NoEndorsement,
    /// Patent grants that end on patent litigation.
    PatentTerms,
}

/// What makes an obligation apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    /// The product is given to others.
    Distribution,
    /// Users interact with the product over a network.
    Network,
    /// The component is linked statically (or compiled in) and distributed.
    StaticLinking,
    /// Whenever the component is used.
    Always,
}

/// How the product reaches its users (`[product] distribution`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Distribution {
    /// Shipped as binaries (apps, images, devices, libraries).
    #[default]
    Binary,
    /// Shipped as source code.
    Source,
    /// Run as a network service that users interact with.
    Saas,
    /// Used only inside the organisation.
    Internal,
}

impl Distribution {
    /// `true` when an obligation with this trigger applies to a product shipped this way.
    pub fn fires(self, t: Trigger) -> bool {
        match t {
            Trigger::Always => self != Distribution::Internal,
            Trigger::Distribution | Trigger::StaticLinking => {
                matches!(self, Distribution::Binary | Distribution::Source)
            }
            Trigger::Network => self == Distribution::Saas,
        }
    }
}

/// How a component is combined with the product (`[[linking]]`); decides which obligations
/// fire and whether the product's license must be compatible with the component's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Linking {
    /// Compiled or linked into the product's binary (Rust crates, vendored C, bundled JS).
    Static,
    /// Loaded at run time as a separate library or module (shared libraries, Python imports,
    /// Node modules).
    Dynamic,
    /// Run as a separate program the product talks to (a database, a CLI it spawns):
    /// distributed alongside, not combined; the product's license need not be compatible.
    Process,
    /// Used only to build or test the product and not shipped: no distribution obligation.
    Tool,
}

impl Linking {
    /// The default for an ecosystem: Rust crates, Go modules and vendored code are compiled in;
    /// npm, Python, Java, Ruby, PHP and .NET packages are loaded at run time; system packages
    /// (Debian, Alpine, RPM) are separate programs and libraries beside the product.
    pub fn default_for(ecosystem: clearance_model::Ecosystem) -> Linking {
        use clearance_model::Ecosystem;
        match ecosystem {
            Ecosystem::Cargo
            | Ecosystem::Go
            | Ecosystem::Swift
            | Ecosystem::Cocoapods
            | Ecosystem::Pub
            | Ecosystem::Conan
            | Ecosystem::Generic => Linking::Static,
            Ecosystem::Npm
            | Ecosystem::Python
            | Ecosystem::Maven
            | Ecosystem::Gem
            | Ecosystem::Composer
            | Ecosystem::Nuget => Linking::Dynamic,
            // Packages of an operating system are programs and libraries beside the product.
            Ecosystem::Deb | Ecosystem::Apk | Ecosystem::Rpm => Linking::Process,
        }
    }

    /// `true` when an obligation with this trigger applies to a component linked this way.
    pub fn fires(self, t: Trigger) -> bool {
        match self {
            Linking::Tool => false,
            Linking::Static => true,
            Linking::Dynamic | Linking::Process => t != Trigger::StaticLinking,
        }
    }

    /// `true` when the component and the product form one work, so that their licenses must be
    /// compatible.
    pub fn combined(self) -> bool {
        matches!(self, Linking::Static | Linking::Dynamic)
    }

    /// The value as written in a policy.
    pub fn as_str(self) -> &'static str {
        match self {
            Linking::Static => "static",
            Linking::Dynamic => "dynamic",
            Linking::Process => "process",
            Linking::Tool => "tool",
        }
    }
}

/// One obligation of one license.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    /// What it asks.
    pub kind: Kind,
    /// What makes it apply.
    pub trigger: Trigger,
    /// The clause that creates it, or the category default it comes from.
    pub clause: String,
}

/// An obligation due for one license of a component.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The license (term) that creates it.
    pub license: String,
    /// What it asks.
    pub kind: Kind,
    /// What made it apply.
    pub trigger: Trigger,
    /// The clause that creates it.
    pub clause: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    category: BTreeMap<String, Entry>,
    license: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Entry {
    #[serde(default)]
    obligations: Option<Vec<Obligation>>,
    #[serde(default)]
    same_as: Option<String>,
}

static TABLE_PARSED: LazyLock<Table> =
    LazyLock::new(|| toml::from_str(TABLE).expect("policies/obligations.toml is valid"));

/// The obligations of one license term: its own entry (or the entry it is `same-as`), else its
/// category's defaults. A term whose exception makes it less restrictive than its license
/// (`GPL-2.0-only WITH Classpath-exception-2.0`) takes the defaults of the term's category.
pub fn of_term(t: &LicenseTerm) -> Vec<Obligation> {
    of_term_as(t, kb::category_of_term(t))
}

/// Like [`of_term`], for a term a policy puts in `category` (a `LicenseRef-…` it classifies).
pub fn of_term_as(t: &LicenseTerm, category: Category) -> Vec<Obligation> {
    let table = &*TABLE_PARSED;
    let license_category = kb::entry(&t.license).map_or(Category::Unknown, |e| e.category);
    // An entry's own list, or that of the entry it is `same-as` (one step: a test checks that
    // every `same-as` names an entry with a list).
    let listed = |id: &str| -> Option<Vec<Obligation>> {
        let e = table.license.get(id)?;
        e.obligations.clone().or_else(|| {
            table
                .license
                .get(e.same_as.as_deref()?)?
                .obligations
                .clone()
        })
    };
    let own = if category == license_category {
        listed(&t.license)
    } else {
        None
    };
    own.or_else(|| {
        table
            .category
            .get(category.as_str())
            .and_then(|e| e.obligations.clone())
    })
    .unwrap_or_default()
}

/// The obligations a license expression (the side of each `OR` the policy chose) puts on a
/// product shipped this way, for a component linked statically, one per license and kind,
/// sorted.
pub fn triggered(chosen: &LicenseExpr, distribution: Distribution) -> Vec<Due> {
    triggered_linked(chosen, distribution, Linking::Static, &kb::category_of_term)
}

/// Like [`triggered`], for a component linked as `linking` says, with the categories of a policy.
pub fn triggered_linked(
    chosen: &LicenseExpr,
    distribution: Distribution,
    linking: Linking,
    category: &dyn Fn(&LicenseTerm) -> Category,
) -> Vec<Due> {
    let mut out: Vec<Due> = chosen
        .terms()
        .into_iter()
        .flat_map(|t| {
            of_term_as(t, category(t))
                .into_iter()
                .filter(|o| distribution.fires(o.trigger) && linking.fires(o.trigger))
                .map(|o| Due {
                    license: t.to_string(),
                    kind: o.kind,
                    trigger: o.trigger,
                    clause: o.clause,
                })
        })
        .collect();
    out.sort_by(|a, b| (&a.license, a.kind).cmp(&(&b.license, b.kind)));
    out.dedup_by(|a, b| a.license == b.license && a.kind == b.kind);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(e: &str, d: Distribution) -> Vec<Kind> {
        triggered(&e.parse().unwrap(), d)
            .into_iter()
            .map(|o| o.kind)
            .collect()
    }

    #[test]
    fn the_table_parses_and_every_same_as_resolves() {
        let table = &*TABLE_PARSED;
        for (id, e) in &table.license {
            if let Some(other) = &e.same_as {
                let target = table.license.get(other).expect("same-as names an entry");
                assert!(target.obligations.is_some(), "{id} → {other}");
            }
            assert!(kb::entry(id).is_some(), "{id} is not a known license id");
        }
        for name in table.category.keys() {
            assert!(Category::from_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn obligations_depend_on_how_the_product_ships() {
        use Distribution::*;
        // The AGPL bites a network service, the GPL does not.
        assert!(kinds("AGPL-3.0-or-later", Saas).contains(&Kind::NetworkSource));
        assert!(!kinds("GPL-3.0-only", Saas).contains(&Kind::DiscloseSource));
        assert!(kinds("GPL-2.0-or-later", Binary).contains(&Kind::DiscloseSource));
        // The LGPL asks for relinking material when linked statically.
        assert!(kinds("LGPL-2.1-only", Binary).contains(&Kind::Relinking));
        // Nothing is triggered by internal use.
        assert!(kinds("GPL-3.0-only", Internal).is_empty());
        // A license without an entry of its own gets its category's defaults.
        assert_eq!(
            kinds("PostgreSQL", Binary),
            [Kind::Attribution, Kind::LicenseText]
        );
        assert!(kinds("CC0-1.0", Binary).is_empty());
        // Linked dynamically, the LGPL asks for no relinking material; a build tool owes nothing;
        // a separate process still passes on its own source.
        let lgpl = "LGPL-2.1-only".parse().unwrap();
        let dynamic = triggered_linked(&lgpl, Binary, Linking::Dynamic, &kb::category_of_term);
        assert!(
            dynamic.iter().all(|d| d.kind != Kind::Relinking),
            "{dynamic:?}"
        );
        assert!(dynamic.iter().any(|d| d.kind == Kind::DiscloseSource));
        assert!(triggered_linked(&lgpl, Binary, Linking::Tool, &kb::category_of_term).is_empty());
        let gpl = "GPL-2.0-only".parse().unwrap();
        assert!(
            triggered_linked(&gpl, Binary, Linking::Process, &kb::category_of_term)
                .iter()
                .any(|d| d.kind == Kind::DiscloseSource)
        );
        // A linking exception: the term's category (weak copyleft) decides.
        let classpath = kinds("GPL-2.0-only WITH Classpath-exception-2.0", Binary);
        assert!(!classpath.contains(&Kind::StateChanges), "{classpath:?}");
        // BSD-3-Clause's no-endorsement clause holds wherever the product goes.
        assert!(kinds("BSD-3-Clause", Saas).contains(&Kind::NoEndorsement));
        // Each obligation of an expression once per license.
        let due = triggered(&"MIT AND Apache-2.0".parse().unwrap(), Binary);
        assert_eq!(due.iter().filter(|d| d.license == "MIT").count(), 2);
        assert!(due.iter().all(|d| !d.clause.is_empty()));
    }
}
