//! `clearance scan`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clearance_model::Inventory;
use clearance_policy::{Policy, Verdict};
use clearance_report::Assessment;
use clearance_scan::clearance_walk::{FileInfo, WalkOptions};
use clearance_scan::{DetectOptions, Progress, ScanOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::outputs::ReportFormat;
use crate::{EXIT_OK, EXIT_VIOLATION, ScanArgs};
use clearance_report::gate::Gate;

/// A progress bar on standard error.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, files: u64) {
        self.0.set_style(
            ProgressStyle::with_template(
                "{spinner} scanning [{bar:30}] {human_pos}/{human_len} files, {elapsed}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        self.0.set_length(files);
    }

    fn file(&self, _info: &FileInfo) {
        self.0.inc(1);
    }
}

/// The policy at `path`, or the embedded default.
pub(crate) fn load_policy(path: Option<&Path>) -> Result<Policy> {
    match path {
        None => Ok(Policy::default_policy()),
        Some(p) => {
            let text = fs_err::read_to_string(p).context("cannot read the policy")?;
            Policy::from_toml(&p.display().to_string(), &text)
                .map_err(|e| anyhow::Error::new(crate::Rendered(e.render(&text))))
        }
    }
}

/// Scan options for a policy that checks obligations against the product (a `[product]` table):
/// its notices files are recognised and license texts kept. `keep_texts` keeps license texts in
/// any case (the notices generator needs them).
pub(crate) fn with_attribution(
    mut opts: ScanOptions,
    policy: &Policy,
    keep_texts: bool,
) -> ScanOptions {
    if policy.product.unmet.is_some() {
        opts.notices = clearance_policy::attribution::notices_globset(&policy.product.notices);
        opts.keep_license_texts = true;
    }
    opts.keep_license_texts |= keep_texts;
    opts
}

/// The SBOM timestamp asked for: `--timestamp` (`now`, seconds since the epoch, or RFC 3339),
/// else `SOURCE_DATE_EPOCH` (reproducible builds); `None` when neither is given.
fn sbom_timestamp(flag: Option<&str>) -> Result<Option<String>> {
    if let Some(v) = flag {
        let v = v.trim();
        if v == "now" {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .context("the system clock is before 1970")?;
            return Ok(Some(clearance_sbom::timestamp_from_epoch(
                i64::try_from(now.as_secs()).context("the system clock is out of range")?,
            )?));
        }
        if let Ok(epoch) = v.parse::<i64>() {
            return Ok(Some(clearance_sbom::timestamp_from_epoch(epoch)?));
        }
        let t = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
            .with_context(|| {
                format!(
                    "--timestamp `{v}` is not `now`, seconds since the epoch, or an RFC 3339 time"
                )
            })?;
        return Ok(Some(clearance_sbom::timestamp_from_epoch(
            t.unix_timestamp(),
        )?));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => {
            let epoch: i64 = v
                .trim()
                .parse()
                .with_context(|| format!("SOURCE_DATE_EPOCH=`{v}` is not a number of seconds"))?;
            Ok(Some(clearance_sbom::timestamp_from_epoch(epoch)?))
        }
    }
}

pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .context("cannot write to standard output")?;
        return out.flush().context("cannot write to standard output");
    }
    fs_err::write(path, bytes).context("cannot write output")?;
    Ok(())
}

fn is_stdout(p: Option<&Path>) -> bool {
    p.is_some_and(|p| p.as_os_str() == "-")
}

/// Runs a scan and returns the exit status.
pub fn run(args: &ScanArgs) -> Result<u8> {
    let sbom_to_stdout = args
        .sbom_outputs
        .iter()
        .filter(|(p, _)| is_stdout(Some(p)))
        .count();
    let report_to_stdout = args
        .gate
        .report_outputs
        .iter()
        .filter(|(p, _)| is_stdout(Some(p)))
        .count();
    if sbom_to_stdout + report_to_stdout > 1 {
        bail!("only one of the --sbom and --report outputs can be standard output");
    }
    // Fail on a bad policy or timestamp before spending time on the scan.
    let policy = load_policy(args.policy.as_deref())?;
    let timestamp = sbom_timestamp(args.timestamp.as_deref())?;
    if let Some(n) = args.threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("cannot start the thread pool")?;
    }
    let opts = ScanOptions {
        walk: WalkOptions {
            excludes: args.exclude.clone(),
            follow_symlinks: args.follow_symlinks,
            max_file_size: args.max_file_size,
            include_git: false,
        },
        detect: DetectOptions {
            license_text: args.license_text,
        },
        ..Default::default()
    };
    let opts = with_attribution(opts, &policy, !args.sbom_outputs.is_empty());

    let started = Instant::now();
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if show_progress {
        bar.set_style(
            ProgressStyle::with_template("{spinner} listing files")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let mut inventory: Inventory = clearance_scan::scan(&args.dir, &opts, &Bar(bar.clone()))
        .with_context(|| format!("cannot scan `{}`", args.dir.display()))?;
    bar.finish_and_clear();
    crate::check_cmd::add_supplier_components(&mut inventory, &args.sbom_in)?;

    let assessment = Assessment::new(&inventory, &policy, env!("CARGO_PKG_VERSION"));

    let sbom_opts = clearance_sbom::SbomOptions {
        // Without a timestamp from the build, the time of the newest file described.
        timestamp: match timestamp {
            Some(t) => Some(t),
            None => inventory
                .stats
                .newest_mtime
                .map(clearance_sbom::timestamp_from_epoch)
                .transpose()?,
        },
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        files: args.files,
        license_text: args.license_text,
    };
    for (path, format) in &args.sbom_outputs {
        let bytes = clearance_sbom::write(&inventory, *format, &sbom_opts)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        write_output(path, &bytes)?;
    }
    let status = finish(
        &assessment,
        &policy,
        &args.gate,
        args.quiet,
        sbom_to_stdout > 0,
    )?;
    if !args.quiet && show_progress {
        eprintln!("Scanned in {:.2} s", started.elapsed().as_secs_f64());
    }
    Ok(status)
}

/// Writes the reports, prints the summary (on standard error when standard output carries a
/// document: `stdout_taken`, or a report) and returns the exit status of the gate: 1 when a
/// violation at or above `--fail-on` is new against `--baseline` (every violation is new without
/// one).
pub(crate) fn finish(
    assessment: &Assessment<'_>,
    policy: &Policy,
    args: &crate::GateArgs,
    quiet: bool,
    stdout_taken: bool,
) -> Result<u8> {
    let baseline = match &args.baseline {
        Some(path) => Some(crate::baseline::load(path, policy)?),
        None => None,
    };
    let gate = Gate::new(
        assessment,
        baseline.as_ref(),
        match args.fail_on {
            crate::FailOn::Fail => Verdict::Fail,
            crate::FailOn::Review => Verdict::Review,
        },
    );
    for (path, format) in &args.report_outputs {
        write_output(path, &render(assessment, &gate, *format))?;
    }
    let stdout_taken = stdout_taken || args.report_outputs.iter().any(|(p, _)| is_stdout(Some(p)));
    if !quiet {
        let summary = clearance_report::summary(assessment);
        if stdout_taken {
            eprint!("{summary}{}", gate_lines(&gate));
        } else if std::io::stdout().is_terminal() {
            // On a terminal, the table of what needs attention (it ends with the gate), in
            // colour unless `NO_COLOR`.
            let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            print!(
                "{summary}\n{}",
                clearance_report::table(assessment, &gate, colour)
            );
        } else {
            print!("{summary}{}", gate_lines(&gate));
        }
    }
    Ok(if gate.fails() {
        EXIT_VIOLATION
    } else {
        EXIT_OK
    })
}

/// What the gate adds to the summary when it is not the plain default.
fn gate_lines(gate: &Gate<'_>) -> String {
    let mut s = String::new();
    let failing = gate.failing().count();
    if let Some(b) = &gate.baseline {
        let new = gate.new.iter().filter(|n| **n).count();
        s.push_str(&format!(
            "Against the baseline `{b}`: {new} new violation(s), {} known, {} fixed\n",
            gate.violations.len() - new,
            gate.fixed.len()
        ));
    }
    if gate.baseline.is_some() || gate.fail_on == Verdict::Review {
        let on = if gate.fail_on == Verdict::Review {
            "review or fail"
        } else {
            "fail"
        };
        let new = if gate.baseline.is_some() { "new " } else { "" };
        if failing > 0 {
            s.push_str(&format!(
                "Gate: FAIL ({failing} {new}violation(s) with verdict {on})\n"
            ));
        } else {
            s.push_str(&format!(
                "Gate: PASS (no {new}violation with verdict {on})\n"
            ));
        }
    }
    s
}

/// One report in one format.
fn render(a: &Assessment<'_>, gate: &Gate<'_>, format: ReportFormat) -> Vec<u8> {
    match format {
        ReportFormat::Json => clearance_report::json(a, gate),
        ReportFormat::Text => {
            let mut s = clearance_report::summary(a);
            s.push('\n');
            s.push_str(&clearance_report::table(a, gate, false));
            s.into_bytes()
        }
        ReportFormat::Sarif => clearance_report::sarif(a, gate),
        ReportFormat::Junit => clearance_report::junit(a, gate),
        ReportFormat::Markdown => clearance_report::markdown(a, gate).into_bytes(),
        ReportFormat::Html => clearance_report::html_report(a, gate).into_bytes(),
    }
}
