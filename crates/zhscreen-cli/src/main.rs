//! `zhscreen`: screen Chinese text files before a government account publishes them.
//!
//! The command holds no screening logic: it reads and decodes inputs (UTF-8, GBK/GB18030,
//! UTF-16; text, Markdown, HTML, .docx), hands their text to [`zhscreen::Screener`], and writes
//! the reports (human, JSON, JSON lines, SARIF, an HTML review sheet) with linter exit codes:
//! 0 below `--fail-on`, 1 at or above it, 2 on any error.

mod edit;
mod lists;
mod out;
mod style;
mod walk;

use clap::{Args, Parser, Subcommand, ValueEnum};
use input::InputError;
use out::{Emit, Scanned, Summary};
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use style::{ColorChoice, Paint};
use zhscreen::{Screener, Severity};
use zhscreen_cli::input;

/// Screen Chinese text before a government website or new-media account publishes it
/// (先审后发): politics, law, policy, secrecy and text (五关).
#[derive(Debug, Parser)]
#[command(name = "zhscreen", version, propagate_version = true)]
#[command(after_help = "Exit status: 0 below --fail-on, 1 at or above it, 2 on any error.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Add the wordlists of a directory (every *.txt under it) or one file; repeatable. They add
    /// to the defaults and override entries of the same category and term.
    #[arg(long = "wordlists", value_name = "DIR", global = true)]
    wordlists: Vec<PathBuf>,
    /// Leave out the default wordlists (detectors of personal data and marks still run).
    #[arg(long, global = true)]
    no_defaults: bool,
    /// When to colour the output (NO_COLOR is honoured by `auto`).
    #[arg(
        long,
        value_enum,
        default_value = "auto",
        global = true,
        value_name = "WHEN"
    )]
    color: ColorChoice,
    /// The language of the notes and of the human and HTML output: zh (Chinese) or en (English).
    /// Machine fields (ids, JSON keys) and the fingerprint are the same in both.
    #[arg(long, default_value = "zh", global = true, value_name = "LANG")]
    lang: zhscreen::Lang,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Screen files, directories (recursively) or standard input, and report the findings.
    Scan(ScanArgs),
    /// Print the text with personal data, classification marks and prohibited content masked.
    Redact(EditArgs),
    /// Print the text with the suggested wording and typo corrections applied.
    Fix(EditArgs),
    /// Check or count the wordlists in use.
    #[command(subcommand)]
    Lists(ListsCommand),
    /// Print the version and the fingerprint of the ruleset in use.
    Version,
}

#[derive(Debug, Args)]
struct ScanArgs {
    /// Files or directories to screen; none or `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Exit 1 when a verdict reaches this level.
    #[arg(long, value_enum, default_value = "review", value_name = "LEVEL")]
    fail_on: FailLevel,
    /// Exit 0 whatever the findings (errors still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Hide findings below this severity (the verdict stays the text's own).
    #[arg(long, value_enum, default_value = "info", value_name = "LEVEL")]
    min_severity: MinSeverity,
    /// In directories, screen only the files matching this glob (`!GLOB` to exclude);
    /// repeatable. Default: txt, md, html, htm, docx and the like.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// Write the output to this file instead of standard output (meant for `--format html`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The name shown for standard input; its extension chooses the format (e.g. page.html).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Debug, Args)]
struct EditArgs {
    /// The file; none or `-` reads standard input.
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,
    /// Print a unified diff instead of the text (exit 1 when there are changes).
    #[arg(long)]
    diff: bool,
    /// Rewrite the file in place, in its own encoding, keeping a copy as FILE.bak.
    #[arg(long)]
    write: bool,
    /// With --write: keep no .bak copy.
    #[arg(long, requires = "write")]
    no_backup: bool,
    /// The name shown for standard input; its extension chooses the format.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Debug, Subcommand)]
enum ListsCommand {
    /// Load the wordlists (errors as file:line) and lint them: duplicates, exceptions that hide a
    /// term, entries that can never match, suggestions that are themselves flagged. With DIRs,
    /// only their issues are shown; exit 1 when there is a problem to fix.
    Check {
        /// Wordlist directories or files to check (with the defaults unless --no-defaults).
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: lists::ListsFormat,
    },
    /// Count the entries per category, exceptions, counter-context words and detectors.
    Stats {
        /// Wordlist directories or files to add to the count.
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: lists::ListsFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// For people, after ruff: the line, the span underlined, the suggestion.
    Human,
    /// The report (DESIGN.md); with several inputs an array of {path, report, ...}.
    Json,
    /// One {path, report, ...} object per line, as each input finishes.
    Jsonl,
    /// SARIF 2.1.0 for review systems and code hosts.
    Sarif,
    /// A self-contained review sheet (审核表) to print and sign.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailLevel {
    Warn,
    Review,
    Block,
}

impl FailLevel {
    fn severity(self) -> Severity {
        match self {
            FailLevel::Warn => Severity::Warn,
            FailLevel::Review => Severity::Review,
            FailLevel::Block => Severity::Block,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MinSeverity {
    Info,
    Warn,
    Review,
    Block,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warn => Severity::Warn,
            MinSeverity::Review => Severity::Review,
            MinSeverity::Block => Severity::Block,
        }
    }
}

/// Why a command could not do its work. Every variant exits 2, but a broken pipe, which exits
/// quietly with 0 (the reader has seen what it wanted).
#[derive(Debug)]
pub enum Failure {
    /// A wrong combination of arguments.
    Usage(String),
    /// An input that cannot be read or decoded.
    Input(String),
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

/// Prints `zhscreen: error: MESSAGE` on stderr.
fn error(msg: &str) {
    let _ = writeln!(io::stderr(), "zhscreen: error: {}", one_line(msg));
}

/// Prints `zhscreen: warning: MESSAGE` on stderr.
pub fn warn(msg: &str) {
    let _ = writeln!(io::stderr(), "zhscreen: warning: {}", one_line(msg));
}

/// Prints `zhscreen: MESSAGE` on stderr.
pub fn note(msg: &str) {
    let _ = writeln!(io::stderr(), "zhscreen: {}", one_line(msg));
}

fn rules_message(e: &zhscreen::Error) -> String {
    match e {
        zhscreen::Error::Io { path, source } => {
            format!("{}: {}", path.display(), input::io_message(source))
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
            match f {
                Failure::Usage(m) | Failure::Input(m) => error(&m),
                Failure::Rules(e) => error(&rules_message(&e)),
                Failure::Io(e) => error(&format!("cannot write the output: {e}")),
            }
            ExitCode::from(2)
        }
    }
}

fn build_screener(cli: &Cli, extra: &[PathBuf]) -> Result<Screener, Failure> {
    let mut b = Screener::builder()
        .defaults(!cli.no_defaults)
        .lang(cli.lang);
    for p in cli.wordlists.iter().chain(extra) {
        if !p.exists() {
            return Err(Failure::Input(format!(
                "{}: no such wordlist file or directory",
                p.display()
            )));
        }
        b = b.wordlist_path(p);
    }
    b.build().map_err(Failure::Rules)
}

fn run(cli: &Cli, paint: Paint) -> Result<i32, Failure> {
    let stdout = io::stdout();
    match &cli.command {
        Command::Scan(args) => scan(cli, args, paint),
        Command::Redact(a) | Command::Fix(a) => {
            let mode = if matches!(cli.command, Command::Redact(_)) {
                edit::Mode::Redact
            } else {
                edit::Mode::Fix
            };
            let screener = build_screener(cli, &[])?;
            let opts = edit::EditOptions {
                path: a.path.clone(),
                diff: a.diff,
                write: a.write,
                no_backup: a.no_backup,
                stdin_filename: a.stdin_filename.clone(),
            };
            edit::run(&screener, mode, &opts, &mut stdout.lock(), paint)
        }
        Command::Lists(ListsCommand::Check { dirs, format }) => {
            let screener = build_screener(cli, dirs)?;
            let only: Vec<PathBuf> = cli.wordlists.iter().chain(dirs).cloned().collect();
            lists::check(&screener, &only, *format, &mut stdout.lock(), paint)
        }
        Command::Lists(ListsCommand::Stats { dirs, format }) => {
            let screener = build_screener(cli, dirs)?;
            lists::stats(&screener, *format, &mut stdout.lock(), paint)
        }
        Command::Version => {
            let screener = build_screener(cli, &[])?;
            let info = screener.ruleset();
            let mut out = stdout.lock();
            writeln!(out, "zhscreen {}", env!("CARGO_PKG_VERSION"))?;
            writeln!(
                out,
                "ruleset {} fingerprint {}",
                info.version, info.fingerprint
            )?;
            out.flush()?;
            Ok(0)
        }
    }
}

fn scan(cli: &Cli, args: &ScanArgs, paint: Paint) -> Result<i32, Failure> {
    let filter = walk::Filter::new(&args.glob).map_err(Failure::Usage)?;
    let screener = build_screener(cli, &[])?;
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let items = walk::collect(&args.paths, &filter, &stdin_name);
    if items.is_empty() {
        warn("no file to screen: the directories hold no txt, md, html or docx files (see --glob)");
    }
    if items
        .iter()
        .any(|i| matches!(i, Ok((input::Origin::Stdin, _))))
        && io::stdin().is_terminal()
    {
        note("reading standard input (end with Ctrl-D)");
    }

    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(io::BufWriter::new(std::fs::File::create(path).map_err(
            |e| Failure::Input(format!("{}: {}", path.display(), input::io_message(&e))),
        )?)),
        None => Box::new(io::stdout().lock()),
    };
    // Colour only where it is read: not into a file.
    let paint = if args.output.is_some() {
        Paint::new(false)
    } else {
        paint
    };
    let mut emitter: Box<dyn Emit> = match args.format {
        OutputFormat::Human => Box::new(out::human::Human::new(paint, items.len(), cli.lang)),
        OutputFormat::Json => Box::new(out::json::Json::new(items.len())),
        OutputFormat::Jsonl => Box::new(out::json::JsonLines),
        OutputFormat::Sarif => Box::new(out::sarif::Sarif::new(screener.ruleset().clone())),
        OutputFormat::Html => Box::new(out::sheet::Sheet::new(
            screener.ruleset().clone(),
            out::sheet::time_stamp(),
            cli.lang,
        )),
    };

    let progress = (items.len() >= 16 && io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::with_draw_target(
            Some(items.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} screening {pos}/{len} {wide_bar} {elapsed}",
        ) {
            pb.set_style(style);
        }
        pb
    });

    let min = args.min_severity.severity();
    let mut summary = Summary::default();
    let handle = |r: Result<Scanned, InputError>,
                  summary: &mut Summary,
                  emitter: &mut Box<dyn Emit>,
                  sink: &mut Box<dyn Write>|
     -> io::Result<()> {
        let mut write = |summary: &mut Summary| match &r {
            Ok(s) => {
                summary.add(s);
                emitter.file(sink.as_mut(), s)
            }
            Err(e) => {
                summary.errors += 1;
                error(&e.to_string());
                emitter.error(sink.as_mut(), e)
            }
        };
        match &progress {
            Some(pb) => {
                let res = pb.suspend(|| write(summary));
                pb.inc(1);
                res
            }
            None => write(summary),
        }
    };

    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let result: io::Result<()> = std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Result<Scanned, InputError>)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let (items, next, screener) = (&items, &next, &screener);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = match item {
                    Ok((origin, name)) => input::load(origin, name).map(|doc| {
                        let mut report = screener.scan(&doc.text);
                        let before = report.findings.len();
                        report.findings.retain(|f| f.severity >= min);
                        let hidden = before - report.findings.len();
                        Scanned {
                            doc,
                            report,
                            hidden,
                        }
                    }),
                    Err(e) => Err(InputError {
                        name: e.name.clone(),
                        message: e.message.clone(),
                    }),
                };
                if tx.send((i, r)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Results come in any order; they are written in input order, each as soon as all
        // before it are written.
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                handle(r, &mut summary, &mut emitter, &mut sink)?;
                want += 1;
            }
        }
        Ok(())
    });
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    result?;
    emitter.finish(sink.as_mut(), &summary)?;
    sink.flush()?;

    if summary.errors > 0 {
        return Ok(2);
    }
    let fails = summary
        .worst
        .is_some_and(|v| v.reaches(args.fail_on.severity()));
    Ok(i32::from(fails && !args.exit_zero))
}
