//! `clearance check --sbom FILE…`: supplier SBOMs through the same policy and obligation checks
//! as a scanned tree.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clearance_model::{Component, Inventory, Problem};
use clearance_report::Assessment;

use crate::scan_cmd::{finish, load_policy};

/// Arguments of `clearance check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// A supplier SBOM to check (repeatable): CycloneDX 1.3–1.6 JSON or XML, SPDX 2.2/2.3 JSON
    /// or tag-value.
    #[arg(long, value_name = "FILE", required = true)]
    pub sbom: Vec<PathBuf>,

    /// Policy file (TOML). Without it, the embedded `policies/default.toml` is used.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// Reports and the release gate.
    #[command(flatten)]
    pub gate: crate::GateArgs,

    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// The components of supplier SBOMs, as one inventory named after their products. What a
/// supplier delivers, its own product included, is third-party to the reader.
pub fn read_sboms(paths: &[PathBuf]) -> Result<Inventory> {
    let sboms = paths
        .iter()
        .map(|p| read_sbom(p))
        .collect::<Result<Vec<_>>>()?;
    let mut inv = inventory_of(sboms);
    for c in &mut inv.components {
        c.origin = clearance_model::Origin::ThirdParty;
    }
    Ok(inv)
}

/// SBOMs read, as one inventory named after their products: each product's own package and
/// its components, merged by purl.
pub fn inventory_of(sboms: Vec<clearance_sbom::read::SupplierSbom>) -> Inventory {
    let mut names = Vec::new();
    let mut components: Vec<Component> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    for sbom in sboms {
        names.push(sbom.name);
        components.extend(sbom.root.into_iter().chain(sbom.components));
        problems.extend(sbom.problems);
    }
    names.sort();
    names.dedup();
    problems.sort();
    Inventory {
        root_name: names.join(", "),
        components: clearance_catalog::merge(components),
        files: Vec::new(),
        foreign: Vec::new(),
        problems,
        stats: Default::default(),
    }
}

/// One SBOM file read.
fn read_sbom(path: &Path) -> Result<clearance_sbom::read::SupplierSbom> {
    let bytes = fs_err::read(path).context("cannot read the SBOM")?;
    let label = path.display().to_string();
    Ok(clearance_sbom::read::read_sbom(&label, &bytes)?)
}

/// Adds the components of supplier SBOMs (`scan --sbom-in`) to a scanned inventory; a component
/// the scan found too keeps what the scan found, with the SBOM added as a source.
pub fn add_supplier_components(inv: &mut Inventory, paths: &[PathBuf]) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    let supplied = read_sboms(paths)?;
    let mut components = std::mem::take(&mut inv.components);
    components.extend(supplied.components);
    inv.components = clearance_catalog::merge(components);
    inv.problems.extend(supplied.problems);
    inv.problems.sort();
    Ok(())
}

/// Runs `clearance check` and returns the exit status.
pub fn run(args: &CheckArgs) -> Result<u8> {
    let policy = load_policy(args.policy.as_deref())?;
    let inventory = read_sboms(&args.sbom)?;
    let assessment = Assessment::new(&inventory, &policy, env!("CARGO_PKG_VERSION"));
    finish(&assessment, &policy, &args.gate, args.quiet, false)
}
