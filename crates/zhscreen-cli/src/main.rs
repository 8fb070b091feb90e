//! `zhscreen`: screen Chinese text files before a government account publishes them.
//!
//! The command holds no screening logic: it reads and decodes inputs (UTF-8, GBK/GB18030,
//! UTF-16; text, Markdown, HTML, .docx), hands their text to [`zhscreen::Screener`], and writes
//! the reports (human, JSON, JSON lines, SARIF, an HTML review sheet) with linter exit codes:
//! 0 below `--fail-on`, 1 at or above it, 2 on any error.
//!
//! The layout follows ruff's: `args.rs` holds the command line (clap types), `commands/` one
//! module per subcommand, `format/` the output formats of `scan`; the reading of inputs is the
//! library half of the crate (`zhscreen_cli::input`), which the fuzzer also drives.

mod args;
mod commands;
mod format;
mod style;
mod walk;

use args::{Cli, Command};
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;
use style::Paint;
use zhscreen::Lang;
use zhscreen_cli::input;

/// Why a command could not do its work. Every variant exits 2, but a broken pipe, which exits
/// quietly with 0 (the reader has seen what it wanted).
#[derive(Debug)]
pub enum Failure {
    /// A wrong combination of arguments.
    Usage(String),
    /// An input that cannot be read or decoded, or a file that cannot be written.
    Input(String),
    /// An input that cannot be read or decoded, written in the language of the run.
    Read(input::InputError),
    /// The wordlists cannot be loaded.
    Rules(zhscreen::Error),
    /// Writing the output failed.
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// Prints `zhscreen: error: MESSAGE` on stderr (`zhscreen: 错误：MESSAGE` in Chinese).
fn error(lang: Lang, msg: &str) {
    let line = lang.messages().cli_error(&one_line(msg));
    let _ = writeln!(io::stderr(), "zhscreen: {line}");
}

/// Prints `zhscreen: warning: MESSAGE` on stderr (`zhscreen: 警告：MESSAGE` in Chinese).
pub fn warn(lang: Lang, msg: &str) {
    let line = lang.messages().cli_warning(&one_line(msg));
    let _ = writeln!(io::stderr(), "zhscreen: {line}");
}

/// Prints `zhscreen: MESSAGE` on stderr.
pub fn note(msg: &str) {
    let _ = writeln!(io::stderr(), "zhscreen: {}", one_line(msg));
}

fn rules_message(e: &zhscreen::Error, lang: Lang) -> String {
    match e {
        zhscreen::Error::Io { path, source } => {
            format!("{}: {}", path.display(), input::io_message(source, lang))
        }
        other => other.to_string(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paint = Paint::new(cli.color.resolve());
    match run(&cli, paint) {
        Ok(code) => ExitCode::from(code as u8),
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(f) => {
            let lang = cli.lang;
            match f {
                Failure::Usage(m) | Failure::Input(m) => error(lang, &m),
                Failure::Read(e) => error(lang, &e.line(lang)),
                Failure::Rules(e) => error(lang, &rules_message(&e, lang)),
                Failure::Io(e) => error(
                    lang,
                    &lang.messages().cli_output_failed(&input::describe(
                        &input::InputProblem::from_io(&e),
                        lang,
                    )),
                ),
            }
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli, paint: Paint) -> Result<i32, Failure> {
    match &cli.command {
        Command::Scan(args) => commands::scan::run(cli, args, paint),
        Command::Redact(args) => commands::redact::run(cli, args, paint),
        Command::Fix(args) => commands::fix::run(cli, args, paint),
        Command::Lists(command) => commands::lists::run(cli, command, paint),
        Command::Version => commands::version::run(cli),
        Command::Serve(args) => commands::serve::run(cli, args),
        Command::Users(command) => commands::users::run(command),
        Command::Audit(command) => commands::audit::run(command),
    }
}
