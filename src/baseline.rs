//! Earlier results read back: a JSON report or an SBOM, as a baseline for the gate or a side of
//! `clearance diff`.

use std::path::Path;

use anyhow::{Context, Result, bail};
use clearance_model::{Component, Inventory};
use clearance_policy::Policy;
use clearance_report::Assessment;
use clearance_report::gate::Baseline;

/// What an earlier result file holds.
enum Earlier {
    /// A JSON report: its components and, when it lists them, its violations.
    Report {
        inventory: Inventory,
        violations: Option<Vec<(String, String)>>,
    },
    /// An SBOM: its components.
    Sbom(Inventory),
}

fn read(path: &Path) -> Result<Earlier> {
    let bytes = fs_err::read(path).context("cannot read the earlier result")?;
    let label = path.display().to_string();
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes)
        && let Some(schema) = v.get("schema").and_then(|s| s.as_str())
    {
        if !schema.starts_with("clearance-report/") {
            bail!("`{label}`: a report of schema `{schema}`, not a clearance report");
        }
        let components: Vec<Component> =
            serde_json::from_value(v.get("components").cloned().unwrap_or_default())
                .with_context(|| format!("`{label}`: the report's `components` cannot be read"))?;
        let violations = v.get("violations").and_then(|x| x.as_array()).map(|list| {
            list.iter()
                .filter_map(|x| {
                    Some((
                        x.get("key")?.as_str()?.to_string(),
                        x.get("message")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        });
        let root_name = v
            .get("root")
            .and_then(|r| r.as_str())
            .unwrap_or_default()
            .to_string();
        return Ok(Earlier::Report {
            inventory: Inventory {
                root_name,
                components,
                files: Vec::new(),
                foreign: Vec::new(),
                problems: Vec::new(),
                stats: Default::default(),
            },
            violations,
        });
    }
    let sbom = clearance_sbom::read::read_sbom(&label, &bytes)?;
    Ok(Earlier::Sbom(crate::check_cmd::inventory_of(vec![sbom])))
}

/// The components of an earlier JSON report or SBOM.
pub fn inventory(path: &Path) -> Result<Inventory> {
    Ok(match read(path)? {
        Earlier::Report { inventory, .. } | Earlier::Sbom(inventory) => inventory,
    })
}

/// The baseline of the gate: the violations a JSON report recorded; for an SBOM (or a report
/// that lists none), the violations of its components under the current policy.
pub fn load(path: &Path, policy: &Policy) -> Result<Baseline> {
    let source = path.display().to_string();
    let inventory = match read(path)? {
        Earlier::Report {
            violations: Some(v),
            ..
        } => {
            return Ok(Baseline {
                source,
                violations: v.into_iter().collect(),
            });
        }
        Earlier::Report { inventory, .. } | Earlier::Sbom(inventory) => inventory,
    };
    let a = Assessment::new(&inventory, policy, env!("CARGO_PKG_VERSION"));
    Ok(Baseline::of(&a, &source))
}
