//! `clearance policy check FILE`: validate a policy without scanning anything.

use std::path::PathBuf;

use anyhow::Result;

use crate::{EXIT_ERROR, EXIT_OK};

/// Commands about policy files.
#[derive(clap::Subcommand, Debug)]
pub enum PolicyCommand {
    /// Validate a policy file: every key, SPDX expression, category, date and hash. Exit 0 when
    /// it is valid, 2 when it is not (the message names the line and column).
    Check {
        /// The policy file (TOML).
        file: PathBuf,
    },
}

/// Runs a `policy` command.
pub fn run(cmd: &PolicyCommand) -> Result<u8> {
    match cmd {
        PolicyCommand::Check { file } => {
            let policy = match crate::scan_cmd::load_policy(Some(file)) {
                Ok(p) => p,
                Err(e) => {
                    eprint!("{}", crate::error_text(&e));
                    return Ok(EXIT_ERROR);
                }
            };
            let lists = |ids: usize, categories: usize| {
                if categories == 0 {
                    format!("{ids}")
                } else {
                    format!("{ids} + {categories} categories")
                }
            };
            println!(
                "{}: valid (allow {}, deny {}, review {}; {} exceptions, {} clarifications)",
                file.display(),
                lists(policy.allow.len(), policy.allow_categories.len()),
                lists(policy.deny.len(), policy.deny_categories.len()),
                lists(policy.review.len(), policy.review_categories.len()),
                policy.exceptions.len(),
                policy.clarifications.len(),
            );
            for n in &policy.notes {
                println!(
                    "{}[{}]: line {}: {}",
                    n.code.severity().as_str(),
                    n.code,
                    n.line,
                    n.message
                );
            }
            for x in policy.exceptions.iter().filter(|x| x.expired(policy.today)) {
                println!(
                    "warning: exception {} (line {}) expired on {}; the licenses it allows fail",
                    x.selector.label,
                    x.line,
                    x.expires.expect("an expired exception has a date")
                );
            }
            Ok(EXIT_OK)
        }
    }
}
