//! `clearance explain COMPONENT [DIR]`: one component's evidence, conclusion, policy decision
//! and obligations.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clearance_report::Assessment;
use clearance_scan::ScanOptions;

use crate::{EXIT_ERROR, EXIT_OK};

/// Arguments of `clearance explain`.
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The component: its name (`memchr`), its purl (`pkg:cargo/memchr@2.7.4`), or a purl without
    /// its version (`pkg:cargo/memchr`).
    pub component: String,

    /// The product tree to scan.
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// Policy file (TOML). Without it, the embedded `policies/default.toml` is used.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// Leave out paths matching GLOB (repeatable), as for `scan`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// Runs `explain`: exit 0 when the component is found, 2 when it is not.
pub fn run(args: &ExplainArgs) -> Result<u8> {
    let policy = crate::scan_cmd::load_policy(args.policy.as_deref())?;
    let opts = ScanOptions {
        walk: clearance_walk::WalkOptions {
            excludes: args.exclude.clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    let opts = crate::scan_cmd::with_attribution(opts, &policy, false);
    let inventory = clearance_scan::scan(&args.dir, &opts, &clearance_scan::NoProgress)
        .with_context(|| format!("cannot scan `{}`", args.dir.display()))?;
    let assessment = Assessment::new(&inventory, &policy, env!("CARGO_PKG_VERSION"));
    let q = args.component.as_str();
    let found: Vec<usize> = inventory
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.purl == q || c.purl.starts_with(&format!("{q}@")) || c.name.eq_ignore_ascii_case(q)
        })
        .map(|(i, _)| i)
        .collect();
    if found.is_empty() {
        eprintln!(
            "error: no component `{q}` in `{}` ({} components; `clearance scan` lists them)",
            args.dir.display(),
            inventory.components.len()
        );
        return Ok(EXIT_ERROR);
    }
    let text: Vec<String> = found
        .iter()
        .map(|&i| clearance_report::explain(&assessment, i))
        .collect();
    print!("{}", text.join("\n"));
    Ok(EXIT_OK)
}
