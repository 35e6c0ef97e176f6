//! Output files given as `--OUT FILE [--OUT-format FORMAT]` pairs.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::ArgMatches;
use clearance_sbom::SbomFormat;

/// The `(file, format)` pairs of a repeatable output option `file_id` and its format option
/// `format_id`: each format applies to the nearest file before it; a file without one has
/// `None`.
pub fn pairs(
    m: &ArgMatches,
    file_id: &str,
    format_id: &str,
) -> Result<Vec<(PathBuf, Option<String>)>> {
    let flag = |id: &str| format!("--{}", id.replace('_', "-"));
    let files: Vec<(usize, PathBuf)> = match (m.indices_of(file_id), m.get_many::<PathBuf>(file_id))
    {
        (Some(i), Some(v)) => i.zip(v.cloned()).collect(),
        _ => Vec::new(),
    };
    let formats: Vec<(usize, String)> =
        match (m.indices_of(format_id), m.get_many::<String>(format_id)) {
            (Some(i), Some(v)) => i.zip(v.cloned()).collect(),
            _ => Vec::new(),
        };
    let mut out: Vec<(PathBuf, Option<String>)> =
        files.iter().map(|(_, f)| (f.clone(), None)).collect();
    for (at, format) in formats {
        let Some(k) = files.iter().rposition(|(i, _)| *i < at) else {
            bail!(
                "`{} {format}` must follow the `{}` it applies to",
                flag(format_id),
                flag(file_id)
            );
        };
        if let Some(first) = &out[k].1 {
            bail!(
                "`{} {}` has two formats (`{first}` and `{format}`)",
                flag(file_id),
                out[k].0.display()
            );
        }
        out[k].1 = Some(format);
    }
    Ok(out)
}

/// The SBOM format a file name suggests: `.cdx.xml`/`.xml` CycloneDX XML, `.spdx.json` SPDX
/// JSON, `.spdx`/`.spdx.tv` SPDX tag-value, anything else CycloneDX JSON.
fn sbom_format_of(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".xml") {
        "cyclonedx-xml"
    } else if name.ends_with(".spdx.json") {
        "spdx-json"
    } else if name.ends_with(".spdx") || name.ends_with(".spdx.tv") {
        "spdx-tv"
    } else {
        "cyclonedx-json"
    }
}

/// The SBOMs to write: `--sbom FILE [--sbom-format FORMAT]` pairs, the format taken from the file
/// name when not given.
pub fn sbom_outputs(m: &ArgMatches) -> Result<Vec<(PathBuf, SbomFormat)>> {
    let mut out = Vec::new();
    for (path, format) in pairs(m, "sbom", "sbom_format")? {
        let name = format.unwrap_or_else(|| sbom_format_of(&path).to_string());
        let Some(f) = SbomFormat::from_name(&name) else {
            bail!(
                "unknown SBOM format `{name}` for `{}` (known: {})",
                path.display(),
                SbomFormat::ALL.map(SbomFormat::name).join(", ")
            );
        };
        out.push((path, f));
    }
    Ok(out)
}

/// A report format clearance writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// The JSON report (`docs/report.schema.json`).
    Json,
    /// SARIF 2.1.0, for code-scanning interfaces.
    Sarif,
    /// JUnit XML, one test case per component.
    Junit,
    /// A Markdown summary for a pull-request comment.
    Markdown,
    /// The HTML due-diligence report.
    Html,
    /// The terminal summary and table, without colour.
    Text,
}

impl ReportFormat {
    const ALL: [(ReportFormat, &'static str); 6] = [
        (ReportFormat::Json, "json"),
        (ReportFormat::Sarif, "sarif"),
        (ReportFormat::Junit, "junit"),
        (ReportFormat::Markdown, "markdown"),
        (ReportFormat::Html, "html"),
        (ReportFormat::Text, "text"),
    ];

    fn from_name(name: &str) -> Option<ReportFormat> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }

    /// The format a file name suggests: `.sarif`/`.sarif.json` SARIF, `.xml` JUnit, `.md`
    /// Markdown, `.html`/`.htm` HTML, `.txt` text, anything else JSON.
    fn of_path(path: &Path) -> ReportFormat {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let ends = |s: &str| name.ends_with(s);
        if ends(".sarif") || ends(".sarif.json") {
            ReportFormat::Sarif
        } else if ends(".xml") {
            ReportFormat::Junit
        } else if ends(".md") || ends(".markdown") {
            ReportFormat::Markdown
        } else if ends(".html") || ends(".htm") {
            ReportFormat::Html
        } else if ends(".txt") {
            ReportFormat::Text
        } else {
            ReportFormat::Json
        }
    }
}

/// The reports to write: `--report FILE [--report-format FORMAT]` pairs, the format taken from
/// the file name when not given.
pub fn report_outputs(m: &ArgMatches) -> Result<Vec<(PathBuf, ReportFormat)>> {
    let mut out = Vec::new();
    for (path, format) in pairs(m, "report", "report_format")? {
        let f = match format {
            None => ReportFormat::of_path(&path),
            Some(name) => ReportFormat::from_name(&name).ok_or_else(|| {
                anyhow::anyhow!(
                    "unknown report format `{name}` for `{}` (known: {})",
                    path.display(),
                    ReportFormat::ALL.map(|(_, n)| n).join(", ")
                )
            })?,
        };
        out.push((path, f));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction, Command, value_parser};

    fn matches(args: &[&str]) -> ArgMatches {
        Command::new("t")
            .arg(
                Arg::new("sbom")
                    .long("sbom")
                    .action(ArgAction::Append)
                    .value_parser(value_parser!(PathBuf)),
            )
            .arg(
                Arg::new("sbom_format")
                    .long("sbom-format")
                    .action(ArgAction::Append),
            )
            .try_get_matches_from(std::iter::once("t").chain(args.iter().copied()))
            .unwrap()
    }

    #[test]
    fn formats_pair_with_the_file_before_them() {
        let m = matches(&[
            "--sbom",
            "a.json",
            "--sbom",
            "b.xml",
            "--sbom",
            "c",
            "--sbom-format",
            "cyclonedx-xml",
        ]);
        let p = sbom_outputs(&m).unwrap();
        assert_eq!(
            p,
            [
                (PathBuf::from("a.json"), SbomFormat::CycloneDxJson),
                (PathBuf::from("b.xml"), SbomFormat::CycloneDxXml),
                (PathBuf::from("c"), SbomFormat::CycloneDxXml),
            ]
        );
    }

    #[test]
    fn report_formats_from_the_flag_or_the_name() {
        let m = Command::new("t")
            .arg(
                Arg::new("report")
                    .long("report")
                    .action(ArgAction::Append)
                    .value_parser(value_parser!(PathBuf)),
            )
            .arg(
                Arg::new("report_format")
                    .long("report-format")
                    .action(ArgAction::Append),
            )
            .try_get_matches_from([
                "t",
                "--report",
                "a.sarif",
                "--report",
                "b.xml",
                "--report",
                "c.md",
                "--report",
                "d.html",
                "--report",
                "e.txt",
                "--report",
                "f.json",
                "--report",
                "g",
                "--report-format",
                "junit",
            ])
            .unwrap();
        let formats: Vec<ReportFormat> = report_outputs(&m)
            .unwrap()
            .into_iter()
            .map(|(_, f)| f)
            .collect();
        assert_eq!(
            formats,
            [
                ReportFormat::Sarif,
                ReportFormat::Junit,
                ReportFormat::Markdown,
                ReportFormat::Html,
                ReportFormat::Text,
                ReportFormat::Json,
                ReportFormat::Junit,
            ]
        );
    }

    #[test]
    fn misplaced_or_doubled_formats_are_errors() {
        let e =
            sbom_outputs(&matches(&["--sbom-format", "cyclonedx-xml", "--sbom", "a"])).unwrap_err();
        assert!(e.to_string().contains("must follow the `--sbom`"), "{e}");
        let e = sbom_outputs(&matches(&[
            "--sbom",
            "a",
            "--sbom-format",
            "cyclonedx-xml",
            "--sbom-format",
            "cyclonedx-json",
        ]))
        .unwrap_err();
        assert!(e.to_string().contains("two formats"), "{e}");
        let e = sbom_outputs(&matches(&["--sbom", "a", "--sbom-format", "pdf"])).unwrap_err();
        assert!(e.to_string().contains("unknown SBOM format `pdf`"), "{e}");
    }
}
