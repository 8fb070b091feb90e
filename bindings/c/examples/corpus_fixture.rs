//! Writes the corpus fixture the C and Java tests compare against (see
//! `tests/support/fixture.rs`): `cargo run -p zhscreen-c --example corpus_fixture -- OUT.tsv`.
//! `--ecspell N` and `--gov N` set how many ECSpell sentences and report paragraphs to take.

// A command-line program: it reports on its standard streams.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../tests/support/fixture.rs"]
mod fixture;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut limits = fixture::Limits::default();
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        let parsed = match a.as_str() {
            "--ecspell" => number("--ecspell").map(|n| limits.ecspell = n),
            "--gov" => number("--gov").map(|n| limits.gov_paragraphs = n),
            _ if out.is_none() && !a.starts_with('-') => {
                out = Some(a);
                Ok(())
            }
            _ => Err(format!("unexpected argument `{a}`")),
        };
        if let Err(e) = parsed {
            eprintln!("corpus_fixture: {e}\nusage: corpus_fixture OUT.tsv [--ecspell N] [--gov N]");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("usage: corpus_fixture OUT.tsv [--ecspell N] [--gov N]");
        return ExitCode::from(2);
    };
    match fixture::write(std::path::Path::new(&out), limits) {
        Ok((cases, findings)) => {
            println!("{out}: {cases} cases, {findings} findings from the Rust API");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("corpus_fixture: {e}");
            ExitCode::FAILURE
        }
    }
}
