//! The subcommands, one module each (`scan`, `redact`, `fix`, `lists`, `version`, and the review
//! desk's `serve`, `users`, `audit`); `edit` is what `redact` and `fix` share. Each takes the
//! parsed arguments and returns the exit status.

pub mod edit;
pub mod fix;
pub mod lists;
pub mod redact;
pub mod scan;
pub mod version;

pub mod audit;
pub mod serve;
pub mod users;

use crate::args::Cli;
use crate::Failure;
use std::path::PathBuf;
use zhscreen::Screener;

/// The screener the command line asks for: the defaults (unless `--no-defaults`), then the
/// `--wordlists` paths, then `extra` (the paths of `lists check` and `lists stats`), and the
/// wording checker's `--wording` files.
pub fn build_screener(cli: &Cli, extra: &[PathBuf]) -> Result<Screener, Failure> {
    let mut b = Screener::builder()
        .defaults(!cli.no_defaults)
        .lang(cli.lang)
        .names(cli.names.with_relief_recipients(cli.names_relief))
        .typo(!cli.no_typo);
    if let Some(t) = cli.typo_threshold {
        b = b.typo_threshold(t);
    }
    for p in cli.wordlists.iter().chain(extra) {
        if !p.exists() {
            return Err(Failure::Input(format!(
                "{}: no such wordlist file or directory",
                p.display()
            )));
        }
        b = b.wordlist_path(p);
    }
    for p in &cli.wording {
        if !p.is_file() {
            return Err(Failure::Input(format!(
                "{}: no such formulations file (--wording)",
                p.display()
            )));
        }
        b = b.wording_file(p);
    }
    b.build().map_err(Failure::Rules)
}

/// A review desk error as a failure of the command (exit 2, the message on stderr).
pub fn desk_error(e: zhscreen_desk::Error) -> Failure {
    Failure::Input(e.message().to_string())
}
