//! `zhscreen redact`: print the text with personal data, classification marks and prohibited
//! content masked (or a diff, or write it back in place).

use super::edit::{self, Mode};
use crate::args::{Cli, EditArgs};
use crate::style::Paint;
use crate::Failure;

/// Runs `redact`; returns the exit status.
pub fn run(cli: &Cli, args: &EditArgs, paint: Paint) -> Result<i32, Failure> {
    let screener = super::build_screener(cli, &[])?;
    edit::run(
        &screener,
        Mode::Redact,
        args,
        &mut std::io::stdout().lock(),
        paint,
    )
}
