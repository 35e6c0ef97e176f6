//! `clearance`: SBOM license-compliance scanner.
//!
//! Exit status: 0 when the policy is satisfied, 1 when it is violated, 2 when the scan could not
//! run (a missing directory, an invalid policy, an output that cannot be written).

mod baseline;
mod check_cmd;
mod detect_cmd;
mod diff_cmd;
mod explain_cmd;
mod notice_cmd;
mod outputs;
mod policy_cmd;
mod scan_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Exit status when the policy is satisfied.
pub const EXIT_OK: u8 = 0;
/// Exit status when the policy is violated.
pub const EXIT_VIOLATION: u8 = 1;
/// Exit status when clearance could not run.
pub const EXIT_ERROR: u8 = 2;

/// An error already rendered as a diagnostic (a bad policy file, with its line), printed as is.
#[derive(Debug)]
pub struct Rendered(pub String);

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Rendered {}

/// How an error that stops a command is shown on standard error.
pub fn error_text(e: &anyhow::Error) -> String {
    match e.downcast_ref::<Rendered>() {
        Some(r) => r.0.clone(),
        None => format!("error: {e:#}\n"),
    }
}

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
    /// Detect licenses, notices and copyrights in files (no inventory, no policy): one line per
    /// file with its license expression.
    Detect(DetectArgs),
    /// Score license detection against a labelled corpus: exact-expression match, precision,
    /// recall.
    Accuracy(AccuracyArgs),
    /// Work with policy files.
    #[command(subcommand)]
    Policy(policy_cmd::PolicyCommand),
    /// Explain one component: where its license was read, what the policy decided term by term,
    /// and the obligations that apply.
    Explain(explain_cmd::ExplainArgs),
    /// Write the third-party notices file that meets the attribution obligations of the
    /// components a product ships: grouped by license, each license text once, every component
    /// with its copyright lines and NOTICE contents.
    Notice(notice_cmd::NoticeArgs),
    /// Check supplier SBOMs (CycloneDX or SPDX) against the policy, as a scanned tree would be.
    Check(check_cmd::CheckArgs),
    /// What changed between two results of a product (JSON reports or SBOMs): components
    /// added, removed and upgraded, and license changes.
    Diff(diff_cmd::DiffArgs),
}

/// How `detect` and `accuracy` treat each file.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum DetectAs {
    /// By its name: license files (`LICENSE*`, `COPYING*`, …) and documents are searched whole,
    /// other files in their head.
    #[default]
    Auto,
    /// Every file as a license file, whatever its name.
    License,
    /// Every file as an ordinary text file, whatever its name.
    Source,
}

/// Arguments of `clearance detect`.
#[derive(clap::Args, Debug)]
pub struct DetectArgs {
    /// Files or directories (searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to treat each file.
    #[arg(long = "as", value_enum, default_value_t)]
    pub r#as: DetectAs,
    /// One JSON object per file, with every finding, copyright and reference.
    #[arg(long)]
    pub json: bool,
    /// Keep the matched text in the evidence (with `--json`).
    #[arg(long)]
    pub license_text: bool,
}

/// Arguments of `clearance accuracy`.
#[derive(clap::Args, Debug)]
pub struct AccuracyArgs {
    /// Manifest of the corpus: `file<TAB>expected expression[<TAB>alt1|alt2…]` per line.
    #[arg(long)]
    pub manifest: PathBuf,
    /// Directory the manifest's file names are relative to (default: the manifest's own).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// How to treat each file; `license` (the default here) or `source` hide the file name from
    /// detection.
    #[arg(long = "as", value_enum, default_value_t = DetectAs::License)]
    pub r#as: DetectAs,
    /// List every mismatch.
    #[arg(long)]
    pub errors: bool,
    /// Exit with status 1 when the exact-expression match is below this percentage (a gate for
    /// CI: detection must not regress on a corpus).
    #[arg(long, value_name = "PERCENT")]
    pub min_exact: Option<f64>,
}

/// Which verdict fails the release gate.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailOn {
    /// Only components that fail the policy (exit 1).
    #[default]
    Fail,
    /// Components to review too.
    Review,
}

/// Reports and the release gate, shared by `scan` and `check`.
#[derive(clap::Args, Debug, Default)]
pub struct GateArgs {
    /// Write a report to FILE (`-` for standard output); repeatable. Its format is the
    /// `--report-format` that follows, else the file name's (`.sarif`, `.xml` JUnit, `.md`,
    /// `.html`, `.txt`), else JSON.
    #[arg(long, value_name = "FILE")]
    pub report: Vec<PathBuf>,

    /// Format of the `--report` before it: json, sarif, junit, markdown, html, text.
    #[arg(long, value_name = "FORMAT")]
    pub report_format: Vec<String>,

    /// The verdict that fails the gate (exit 1).
    #[arg(long, value_enum, default_value_t)]
    pub fail_on: FailOn,

    /// An earlier JSON report or SBOM of the product: only violations that are new against it
    /// fail the gate; those it had and that are gone are listed as fixed.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// The reports to write, paired with their formats (filled from the command line).
    #[arg(skip)]
    pub report_outputs: Vec<(PathBuf, outputs::ReportFormat)>,
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

    /// Write an SBOM to FILE (`-` for standard output); repeatable. Its format is the
    /// `--sbom-format` that follows, else the file name's (`.cdx.xml`, `.spdx.json`, `.spdx`),
    /// else CycloneDX JSON.
    #[arg(long, value_name = "FILE")]
    pub sbom: Vec<PathBuf>,

    /// Format of the `--sbom` before it: cyclonedx-json, cyclonedx-xml, spdx-json, spdx-tv.
    #[arg(long, value_name = "FORMAT")]
    pub sbom_format: Vec<String>,

    /// List the files that carry license or copyright evidence in SPDX SBOMs (`files`, with
    /// `licenseInfoInFiles`).
    #[arg(long)]
    pub files: bool,

    /// SBOM timestamp: `now`, seconds since the Unix epoch, or an RFC 3339 time. Without it:
    /// `SOURCE_DATE_EPOCH` when set, else the modification time of the newest file scanned.
    #[arg(long, value_name = "WHEN")]
    pub timestamp: Option<String>,

    /// A supplier SBOM whose components the product ships (repeatable): they are added to the
    /// scan's inventory and checked with it.
    #[arg(long, value_name = "FILE")]
    pub sbom_in: Vec<PathBuf>,

    /// The SBOMs to write, paired with their formats (filled from the command line).
    #[arg(skip)]
    pub sbom_outputs: Vec<(PathBuf, clearance_sbom::SbomFormat)>,

    /// Reports and the release gate.
    #[command(flatten)]
    pub gate: GateArgs,

    /// Number of threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,

    /// Follow symbolic links (loops are detected and reported).
    #[arg(long)]
    pub follow_symlinks: bool,

    /// Keep the matched text of every license text, notice and reference in the report's
    /// evidence, and embed full license texts in CycloneDX SBOMs.
    #[arg(long)]
    pub license_text: bool,

    /// Text files larger than this many bytes are not read (reported as skipped).
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_file_size: u64,
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Scan(mut args) => matches
            .subcommand_matches("scan")
            .map_or(Ok(()), |m| {
                args.sbom_outputs = outputs::sbom_outputs(m)?;
                args.gate.report_outputs = outputs::report_outputs(m)?;
                Ok(())
            })
            .and_then(|()| scan_cmd::run(&args)),
        Command::Detect(args) => detect_cmd::run_detect(&args),
        Command::Accuracy(args) => detect_cmd::run_accuracy(&args),
        Command::Policy(cmd) => policy_cmd::run(&cmd),
        Command::Explain(args) => explain_cmd::run(&args),
        Command::Notice(args) => notice_cmd::run(&args),
        Command::Check(mut args) => matches
            .subcommand_matches("check")
            .map_or(Ok(()), |m| {
                args.gate.report_outputs = outputs::report_outputs(m)?;
                Ok(())
            })
            .and_then(|()| check_cmd::run(&args)),
        Command::Diff(args) => diff_cmd::run(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprint!("{}", error_text(&e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}
