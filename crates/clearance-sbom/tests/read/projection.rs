//! A compact projection of components: what an SBOM carries of each, for snapshots and round
//! trips (write an inventory, read it back, compare the projections).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use clearance_model::{Component, Origin};

/// What an SBOM keeps of a component.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Projected {
    pub purl: String,
    pub name: String,
    pub version: Option<String>,
    pub origin: &'static str,
    pub scope: Option<&'static str>,
    pub direct: Option<bool>,
    pub supplier: Option<String>,
    pub authors: Vec<String>,
    /// `ALGORITHM:hex`, sorted.
    pub hashes: Vec<String>,
    pub concluded: Option<String>,
    /// The distinct declared expressions, sorted.
    pub declared: Vec<String>,
    /// `EXPRESSION | PATH | START-END` of each finding, sorted and distinct.
    pub detected: Vec<String>,
    /// Dependencies among `known` purls, sorted.
    pub dependencies: Vec<String>,
    pub copyrights: Vec<String>,
}

/// The projection of one component; dependencies on purls outside `known` are left out (SBOMs
/// only record edges between the components they list).
pub fn project_one(c: &Component, known: &BTreeSet<&str>) -> Projected {
    let mut declared: Vec<String> = c
        .declared
        .iter()
        .filter_map(|d| d.expression.as_ref().map(ToString::to_string))
        .collect();
    declared.sort();
    declared.dedup();
    let mut detected: Vec<String> = c
        .detected
        .iter()
        .map(|f| {
            format!(
                "{} | {} | {}-{}",
                f.expression, f.evidence.path, f.evidence.lines.start, f.evidence.lines.end
            )
        })
        .collect();
    detected.sort();
    detected.dedup();
    let mut hashes: Vec<String> = c
        .hashes
        .iter()
        .map(|h| format!("{}:{}", h.algorithm.as_str(), h.value))
        .collect();
    hashes.sort();
    Projected {
        purl: c.purl.clone(),
        name: c.name.clone(),
        version: c.version.clone(),
        origin: match c.origin {
            Origin::FirstParty => "first-party",
            Origin::ThirdParty => "third-party",
        },
        scope: c.scope.map(|s| s.as_str()),
        direct: c.direct,
        supplier: c.supplier.clone(),
        authors: c.authors.clone(),
        hashes,
        concluded: c.concluded.expression.as_ref().map(ToString::to_string),
        declared,
        detected,
        dependencies: c
            .dependencies
            .iter()
            .filter(|d| known.contains(d.as_str()))
            .cloned()
            .collect(),
        copyrights: c.copyrights.clone(),
    }
}

/// The projections of components, sorted by purl.
pub fn project<'a>(components: impl IntoIterator<Item = &'a Component>) -> Vec<Projected> {
    let all: Vec<&Component> = components.into_iter().collect();
    let known: BTreeSet<&str> = all.iter().map(|c| c.purl.as_str()).collect();
    let mut out: Vec<Projected> = all.iter().map(|c| project_one(c, &known)).collect();
    out.sort();
    out
}

/// A readable rendering of a projection, for snapshots.
pub fn render(p: &Projected) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}{}{})",
        p.purl,
        p.origin,
        p.scope.map(|s| format!(", {s}")).unwrap_or_default(),
        match p.direct {
            Some(true) => ", direct",
            Some(false) => ", transitive",
            None => "",
        }
    );
    let _ = writeln!(
        s,
        "  name: {}{}",
        p.name,
        p.version
            .as_deref()
            .map(|v| format!(" {v}"))
            .unwrap_or_default()
    );
    let mut line = |k: &str, v: &[String]| {
        if !v.is_empty() {
            let _ = writeln!(s, "  {k}: {}", v.join(" ; "));
        }
    };
    line("supplier", p.supplier.as_slice());
    line("authors", &p.authors);
    line("hashes", &p.hashes);
    line("concluded", p.concluded.as_slice());
    line("declared", &p.declared);
    line("detected", &p.detected);
    line("dependencies", &p.dependencies);
    line("copyrights", &p.copyrights);
    s
}
