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
