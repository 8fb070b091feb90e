//! Colour on terminals: each severity and verdict in its colour. The words themselves come from
//! the core's message catalogue (`zhscreen::messages`), in the run's language.

use std::io::IsTerminal;
use zhscreen::{Severity, Verdict};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour (overrides `NO_COLOR`).
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output.
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                !no_color && !dumb && std::io::stdout().is_terminal()
            }
        }
    }
}

/// ANSI styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    on: bool,
}

impl Paint {
    /// Styles that do something only when `on`.
    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    fn wrap(self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Bold.
    pub fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }

    /// Dim, for the gutter.
    pub fn gutter(self, s: &str) -> String {
        self.wrap("1;34", s)
    }

    /// Green, for added diff lines and a passing verdict.
    pub fn green(self, s: &str) -> String {
        self.wrap("32", s)
    }

    /// Red, for removed diff lines.
    pub fn red(self, s: &str) -> String {
        self.wrap("31", s)
    }

    /// Cyan, for diff hunk headers.
    pub fn cyan(self, s: &str) -> String {
        self.wrap("36", s)
    }

    /// In the colour of a severity.
    pub fn severity(self, sev: Severity, s: &str) -> String {
        self.wrap(severity_ansi(sev), s)
    }

    /// In the colour of a verdict.
    pub fn verdict(self, v: Verdict, s: &str) -> String {
        match v {
            Verdict::Pass => self.wrap("1;32", s),
            Verdict::Warn => self.severity(Severity::Warn, s),
            Verdict::Review => self.severity(Severity::Review, s),
            Verdict::Block => self.severity(Severity::Block, s),
        }
    }
}

fn severity_ansi(sev: Severity) -> &'static str {
    match sev {
        Severity::Block => "1;31",
        Severity::Review => "1;33",
        Severity::Warn => "1;36",
        Severity::Info => "1;34",
    }
}
