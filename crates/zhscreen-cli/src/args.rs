//! The command line: every subcommand, argument and option (clap types only; what they do is in
//! `commands/`).

use crate::style::ColorChoice;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;
use zhscreen::Severity;

/// Screen Chinese text before a government website or new-media account publishes it
/// (先审后发): politics, law, policy, secrecy and text (五关).
#[derive(Debug, Parser)]
#[command(name = "zhscreen", version, propagate_version = true)]
#[command(after_help = "Exit status: 0 below --fail-on, 1 at or above it, 2 on any error.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Add the wordlists of a directory (every *.txt under it) or one file; repeatable. They add
    /// to the defaults and override entries of the same category and term.
    #[arg(long = "wordlists", value_name = "DIR", global = true)]
    pub wordlists: Vec<PathBuf>,
    /// A formulations file of your own for the wording checker (repeatable): fixed formulations
    /// such as a provincial slogan, `correct:` phrases and `enumeration:` lines, in the format of
    /// the checker's data/formulations.txt (docs/wording.md); added to the defaults.
    #[arg(long = "wording", value_name = "FILE", global = true)]
    pub wording: Vec<PathBuf>,
    /// Leave out the default wordlists (detectors of personal data and marks still run).
    #[arg(long, global = true)]
    pub no_defaults: bool,
    /// When to colour the output (NO_COLOR is honoured by `auto`).
    #[arg(
        long,
        value_enum,
        default_value = "auto",
        global = true,
        value_name = "WHEN"
    )]
    pub color: ColorChoice,
    /// The language of the notes and of the human and HTML output: zh (Chinese) or en (English).
    /// Machine fields (ids, JSON keys) and the fingerprint are the same in both.
    #[arg(long, default_value = "zh", global = true, value_name = "LANG")]
    pub lang: zhscreen::Lang,
    /// The names policy: names of protected people (patients, minors, students named with their
    /// school, victims, parties in a case) at warn, or at review with `protect`.
    #[arg(
        long,
        default_value = "warn",
        global = true,
        value_name = "warn|protect"
    )]
    pub names: zhscreen::NamesPolicy,
    /// Also read the names of relief recipients (救助对象, 低保对象, 特困人员).
    #[arg(long, global = true)]
    pub names_relief: bool,
    /// Turn off the statistical typo detector (the `typo` wordlist still runs).
    #[arg(long, global = true)]
    pub no_typo: bool,
    /// The statistical typo detector's threshold: how many powers of ten likelier the corrected
    /// text must be (0 to 60; default 5: fewer and surer findings above it).
    #[arg(long, global = true, value_name = "T", conflicts_with = "no_typo")]
    pub typo_threshold: Option<zhscreen::TypoThreshold>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
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
    /// Run the review desk: the JSON API, the 三审制 sign-offs, the audit trail and the page.
    Serve(ServeArgs),
    /// Add, list or disable the users of a review desk database.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Check the audit trail of a review desk database.
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to screen; none or `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Exit 1 when a verdict reaches this level.
    #[arg(long, value_enum, default_value = "review", value_name = "LEVEL")]
    pub fail_on: FailLevel,
    /// Exit 0 whatever the findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Hide findings below this severity (the verdict stays the text's own).
    #[arg(long, value_enum, default_value = "info", value_name = "LEVEL")]
    pub min_severity: MinSeverity,
    /// In directories, screen only the files matching this glob (`!GLOB` to exclude);
    /// repeatable. Default: txt, md, html, htm, docx and the like.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Write the output to this file instead of standard output (meant for `--format html`).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The name shown for standard input; its extension chooses the format (e.g. page.html).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The file; none or `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Print a unified diff instead of the text (exit 1 when there are changes).
    #[arg(long)]
    pub diff: bool,
    /// Rewrite the file in place, in its own encoding, keeping a copy as FILE.bak.
    #[arg(long)]
    pub write: bool,
    /// With --write: keep no .bak copy.
    #[arg(long, requires = "write")]
    pub no_backup: bool,
    /// The name shown for standard input; its extension chooses the format.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ListsCommand {
    /// Load the wordlists (errors as file:line) and lint them: duplicates, exceptions that hide a
    /// term, entries that can never match, suggestions that are themselves flagged. With DIRs,
    /// only their issues are shown; exit 1 when there is a problem to fix.
    Check {
        /// Wordlist directories or files to check (with the defaults unless --no-defaults).
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: ListsFormat,
    },
    /// Count the entries per category, exceptions, counter-context words and detectors.
    Stats {
        /// Wordlist directories or files to add to the count.
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: ListsFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people, after ruff: the line, the span underlined, the suggestion.
    Human,
    /// The report (docs/contract.md); with several inputs an array of {path, report, ...}.
    Json,
    /// One {path, report, ...} object per line, as each input finishes.
    Jsonl,
    /// SARIF 2.1.0 for review systems and code hosts.
    Sarif,
    /// A self-contained review sheet (审核表) to print and sign.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Warn,
    Review,
    Block,
}

impl FailLevel {
    pub fn severity(self) -> Severity {
        match self {
            FailLevel::Warn => Severity::Warn,
            FailLevel::Review => Severity::Review,
            FailLevel::Block => Severity::Block,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinSeverity {
    Info,
    Warn,
    Review,
    Block,
}

impl MinSeverity {
    pub fn severity(self) -> Severity {
        match self {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warn => Severity::Warn,
            MinSeverity::Review => Severity::Review,
            MinSeverity::Block => Severity::Block,
        }
    }
}

/// Output of the lists commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListsFormat {
    /// For people.
    Human,
    /// One JSON object.
    Json,
}

/// `zhscreen serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on (the loopback interface by default; port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// The database file (created if it does not exist).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// The largest request body, in bytes (larger requests are answered 413).
    #[arg(long, default_value_t = zhscreen_desk::DEFAULT_MAX_BODY, value_name = "BYTES")]
    pub max_body: usize,
}

/// `zhscreen users`.
#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a user and print their API token (one line; only its hash is stored).
    Add {
        /// The database file (created if it does not exist).
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The user's name, shown on signatures and in the audit trail.
        #[arg(long)]
        name: String,
        /// What the user signs: editor (初审), secrecy (复审) or head (终审).
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List the users: id, name, role, status, when added.
    List {
        /// The database file.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
    /// Disable a user: their token and sessions stop working at once.
    Disable {
        /// The database file.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The user's name.
        #[arg(long)]
        name: String,
    },
}

/// A role on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// 编辑: creates drafts, signs 初审.
    Editor,
    /// 保密审查员: signs 复审.
    Secrecy,
    /// 单位负责人: signs 终审.
    Head,
}

impl RoleArg {
    /// The desk's role.
    pub fn role(self) -> zhscreen_desk::workflow::Role {
        use zhscreen_desk::workflow::Role;
        match self {
            RoleArg::Editor => Role::Editor,
            RoleArg::Secrecy => Role::Secrecy,
            RoleArg::Head => Role::Head,
        }
    }
}

/// `zhscreen audit`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain and the tables against it: exit 0 when intact, 1 naming the first
    /// event that does not verify.
    Verify {
        /// The database file.
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
}
