//! `zhscreen fix`: print the text with the suggested wording and typo corrections applied (or a
//! diff, or write it back in place).

use super::edit::{self, Mode};
use crate::args::{Cli, EditArgs};
use crate::style::Paint;
use crate::Failure;

/// Runs `fix`; returns the exit status.
pub fn run(cli: &Cli, args: &EditArgs, paint: Paint) -> Result<i32, Failure> {
    let screener = super::build_screener(cli, &[])?;
    edit::run(
        &screener,
        Mode::Fix,
        args,
        &mut std::io::stdout().lock(),
        paint,
    )
}
