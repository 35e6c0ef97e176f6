//! `clearance notice [DIR]`: write the product's third-party notices file.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clearance_report::{Assessment, NoticeFormat};
use clearance_scan::ScanOptions;

use crate::EXIT_OK;

/// Layouts of the notices file.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// Arguments of `clearance notice`.
#[derive(clap::Args, Debug)]
pub struct NoticeArgs {
    /// The product tree to scan.
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// Policy file (TOML): decides which components ship (`include-scopes`), which side of an
    /// `OR` is complied with (`prefer`), and names the product (`[product] name`).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Layout; by default from the output's extension (`.md` Markdown, `.html` HTML), else text.
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Leave out paths matching GLOB (repeatable), as for `scan`.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

/// Runs `notice`: exit 0 when the file is written.
pub fn run(args: &NoticeArgs) -> Result<u8> {
    let policy = crate::scan_cmd::load_policy(args.policy.as_deref())?;
    let format = match args.format {
        Some(Format::Text) => NoticeFormat::Text,
        Some(Format::Markdown) => NoticeFormat::Markdown,
        Some(Format::Html) => NoticeFormat::Html,
        None => {
            let ext = args
                .output
                .as_ref()
                .and_then(|p| p.extension())
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match ext.as_deref() {
                Some("md" | "markdown") => NoticeFormat::Markdown,
                Some("html" | "htm") => NoticeFormat::Html,
                _ => NoticeFormat::Text,
            }
        }
    };
    let opts = ScanOptions {
        walk: clearance_walk::WalkOptions {
            excludes: args.exclude.clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    let opts = crate::scan_cmd::with_attribution(opts, &policy, true);
    let inventory = clearance_scan::scan(&args.dir, &opts, &clearance_scan::NoProgress)
        .with_context(|| format!("cannot scan `{}`", args.dir.display()))?;
    let assessment = Assessment::new(&inventory, &policy, env!("CARGO_PKG_VERSION"));
    let product = policy
        .product
        .name
        .clone()
        .unwrap_or_else(|| inventory.root_name.clone());
    let text = clearance_report::notice(&assessment, &product, format);
    match &args.output {
        None => print!("{text}"),
        Some(path) => {
            fs_err::write(path, text.as_bytes()).context("cannot write the notices file")?;
        }
    }
    Ok(EXIT_OK)
}
