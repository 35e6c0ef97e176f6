//! `clearance detect`: license detection on single files, and `clearance accuracy`: the same
//! detection scored against a labelled corpus.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clearance_detect::{DetectOptions, Detector, FileDetection};
use clearance_model::{LicenseExpr, file_expression};

use crate::{AccuracyArgs, DetectArgs, DetectAs, EXIT_OK, EXIT_VIOLATION};

/// The path detection sees for a file: its own, or one that makes it a license file or an
/// ordinary text file whatever its name (so that a corpus file name cannot give the answer).
fn detection_path(path: &str, how: DetectAs) -> &str {
    match how {
        DetectAs::Auto => path,
        DetectAs::License => "LICENSE",
        DetectAs::Source => "file.txt",
    }
}

fn detect_file(
    detector: &Detector,
    path: &Path,
    how: DetectAs,
    opts: DetectOptions,
) -> Result<FileDetection> {
    let bytes = fs_err::read(path)?;
    let shown = path.to_string_lossy();
    let mut d = detector.detect_with(detection_path(&shown, how), &bytes, opts);
    for f in &mut d.findings {
        f.evidence.path = shown.to_string();
    }
    Ok(d)
}

fn files_under(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = fs_err::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .with_context(|| format!("cannot list `{}`", path.display()))?;
        entries.sort();
        for e in entries {
            files_under(&e, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

/// Runs `clearance detect`.
pub fn run_detect(args: &DetectArgs) -> Result<u8> {
    let detector = Detector::new();
    let mut files = Vec::new();
    for p in &args.paths {
        files_under(p, &mut files)?;
    }
    let opts = DetectOptions {
        license_text: args.license_text,
    };
    let mut out = std::io::stdout().lock();
    for path in files {
        let d = match detect_file(&detector, &path, args.r#as, opts) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("error: {e:#}");
                continue;
            }
        };
        if args.json {
            let v = serde_json::json!({
                "path": path.to_string_lossy(),
                "expression": file_expression(d.findings.iter().map(|f| &f.expression)).map(|e| e.to_string()),
                "findings": d.findings,
                "copyrights": d.copyrights,
                "references": d.references,
                "truncated": d.truncated,
            });
            writeln!(out, "{v}")?;
        } else {
            let expr =
                file_expression(d.findings.iter().map(|f| &f.expression)).map(|e| e.to_string());
            writeln!(out, "{}\t{}", path.display(), expr.unwrap_or_default())?;
        }
    }
    Ok(EXIT_OK)
}

/// One labelled file of a corpus.
struct Labelled {
    file: String,
    expected: Vec<String>,
}

fn read_manifest(path: &Path) -> Result<Vec<Labelled>> {
    let text = fs_err::read_to_string(path)?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            bail!(
                "{}:{}: expected `file<TAB>expression[<TAB>alternatives]`",
                path.display(),
                n + 1
            );
        }
        let mut expected = vec![cols[1].trim().to_string()];
        if let Some(alts) = cols.get(2) {
            expected.extend(
                alts.split('|')
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty()),
            );
        }
        out.push(Labelled {
            file: cols[0].to_string(),
            expected,
        });
    }
    Ok(out)
}

/// An expression in comparable form: parsed and sorted when it parses, else the string in
/// lower case (an exception id alone is not an expression).
fn comparable(s: &str) -> String {
    match LicenseExpr::parse(s) {
        Ok(e) => e.sorted().to_string(),
        Err(_) => s.trim().to_lowercase(),
    }
}

/// License terms of an expression as strings, for id-level precision and recall.
fn terms(s: &str) -> BTreeSet<String> {
    match LicenseExpr::parse(s) {
        Ok(e) => e.terms().into_iter().map(ToString::to_string).collect(),
        Err(_) if s.trim().is_empty() => BTreeSet::new(),
        Err(_) => [s.trim().to_lowercase()].into_iter().collect(),
    }
}

/// Runs `clearance accuracy`.
pub fn run_accuracy(args: &AccuracyArgs) -> Result<u8> {
    let manifest = read_manifest(&args.manifest)?;
    let root = args.root.clone().unwrap_or_else(|| {
        args.manifest
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    });
    let detector = Detector::new();
    let (mut exact, mut detected_any, mut tp, mut fp, mut fneg) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    for l in &manifest {
        let path = root.join(&l.file);
        let d = detect_file(&detector, &path, args.r#as, DetectOptions::default())
            .with_context(|| format!("cannot read corpus file `{}`", path.display()))?;
        let found = file_expression(d.findings.iter().map(|f| &f.expression))
            .map(|e| e.to_string())
            .unwrap_or_default();
        if !found.is_empty() {
            detected_any += 1;
        }
        let ok = !found.is_empty()
            && l.expected
                .iter()
                .any(|e| comparable(e) == comparable(&found));
        if ok {
            exact += 1;
        } else {
            errors.push((l.file.clone(), l.expected[0].clone(), found.clone()));
        }
        // Id level: against the first expected expression, or the alternative that shares most.
        let got = terms(&found);
        let want = l
            .expected
            .iter()
            .map(|e| terms(e))
            .max_by_key(|w| w.intersection(&got).count())
            .unwrap_or_default();
        tp += want.intersection(&got).count();
        fp += got.difference(&want).count();
        fneg += want.difference(&got).count();
    }
    let n = manifest.len();
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let precision = pct(tp, tp + fp);
    let recall = pct(tp, tp + fneg);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "corpus: {} ({} files, read as {:?})",
        args.manifest.display(),
        n,
        args.r#as
    )?;
    writeln!(
        out,
        "exact expression match: {:.2}% ({exact}/{n})",
        pct(exact, n)
    )?;
    writeln!(
        out,
        "file precision:         {:.2}% ({exact}/{detected_any} files with a detection)",
        pct(exact, detected_any)
    )?;
    writeln!(out, "id precision:           {precision:.2}%")?;
    writeln!(out, "id recall:              {recall:.2}%")?;
    writeln!(out, "id F1:                  {f1:.2}%")?;
    if args.errors {
        writeln!(out, "# mismatches: file\texpected\tdetected")?;
        for (f, want, got) in &errors {
            writeln!(out, "{f}\t{want}\t{got}")?;
        }
    }
    if let Some(min) = args.min_exact
        && pct(exact, n) < min
    {
        writeln!(out, "below the required {min:.2}% exact expression match")?;
        return Ok(EXIT_VIOLATION);
    }
    Ok(EXIT_OK)
}
