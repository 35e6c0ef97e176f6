//! `clearance`: SBOM license-compliance scanner.
//!
//! Exit status: 0 when the policy is satisfied, 1 when it is violated, 2 when the scan could not
//! run (a missing directory, an invalid policy, an output that cannot be written).

mod scan_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status when the policy is satisfied.
pub const EXIT_OK: u8 = 0;
/// Exit status when the policy is violated.
pub const EXIT_VIOLATION: u8 = 1;
/// Exit status when clearance could not run.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "clearance",
    version,
    about = "SBOM license-compliance scanner: what open source is in a product, under which licenses, and whether the policy is met",
    long_about = None,
    after_help = "Exit status: 0 policy satisfied, 1 policy violated, 2 could not run."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a product tree: inventory its components and licenses, write SBOM and report, and
    /// check the policy.
    Scan(ScanArgs),
}

/// Arguments of `clearance scan`.
#[derive(clap::Args, Debug)]
pub struct ScanArgs {
    /// The product tree to scan.
    pub dir: PathBuf,

    /// Policy file (TOML). Without it, the embedded `policies/default.toml` is used.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// Leave out paths matching GLOB (repeatable). A glob without `/` matches a name at any depth
    /// (`target`, `*.min.js`); with `/` it matches the path from the root (`docs/**`). `.git` is
    /// always left out; `.gitignore` is not honoured, because ignored directories such as
    /// `node_modules` ship.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Write a CycloneDX 1.5 JSON SBOM to FILE (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    pub sbom: Option<PathBuf>,

    /// Write the JSON report (every component, finding, verdict and problem) to FILE (`-` for
    /// standard output).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Number of threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,

    /// Follow symbolic links (loops are detected and reported).
    #[arg(long)]
    pub follow_symlinks: bool,

    /// Text files larger than this many bytes are not read (reported as skipped).
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_file_size: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan(args) => scan_cmd::run(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
