//! `clearance diff OLD NEW`: what changed between two results of a product.

use std::path::PathBuf;

use anyhow::Result;

use crate::EXIT_OK;

/// Output of `clearance diff`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum DiffFormat {
    /// Lines for a terminal.
    #[default]
    Text,
    /// Tables for a pull-request comment.
    Markdown,
    /// `clearance-diff/1` JSON.
    Json,
}

/// Arguments of `clearance diff`.
#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The earlier result: a JSON report or an SBOM (CycloneDX or SPDX).
    pub old: PathBuf,
    /// The later result.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiffFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `clearance diff`: always exit 0 when both files could be read.
pub fn run(args: &DiffArgs) -> Result<u8> {
    let old = crate::baseline::inventory(&args.old)?;
    let new = crate::baseline::inventory(&args.new)?;
    let changes = clearance_report::diff::diff(&old, &new);
    let bytes = match args.format {
        DiffFormat::Text => clearance_report::diff::diff_text(&changes).into_bytes(),
        DiffFormat::Markdown => clearance_report::diff::diff_markdown(&changes).into_bytes(),
        DiffFormat::Json => clearance_report::diff::diff_json(&changes),
    };
    let path = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    crate::scan_cmd::write_output(&path, &bytes)?;
    Ok(EXIT_OK)
}
