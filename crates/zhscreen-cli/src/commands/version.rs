//! `zhscreen version`: the version and the fingerprint of the ruleset in use.

use crate::args::Cli;
use crate::Failure;
use std::io::Write;

/// Runs `version`; returns the exit status.
pub fn run(cli: &Cli) -> Result<i32, Failure> {
    let screener = super::build_screener(cli, &[])?;
    let info = screener.ruleset();
    let mut out = std::io::stdout().lock();
    writeln!(out, "zhscreen {}", env!("CARGO_PKG_VERSION"))?;
    writeln!(
        out,
        "ruleset {} fingerprint {}",
        info.version, info.fingerprint
    )?;
    out.flush()?;
    Ok(0)
}
