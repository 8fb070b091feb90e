//! The one error type of the crate. Every variant carries what a user needs to act on it.

use std::path::PathBuf;

/// Anything that can go wrong while building a [`Screener`](crate::Screener).
///
/// Scanning itself cannot fail: any `&str` gives a [`Report`](crate::Report).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A wordlist line is malformed. Nothing of the load is kept.
    #[error("{file}:{line}: {message}")]
    Wordlist {
        /// The file (or the name given to an in-memory list).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A wordlist file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path that could not be read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The compiled rules could not be built (e.g. too many patterns for the automaton).
    #[error("cannot build the ruleset: {0}")]
    Build(String),
}

impl Error {
    pub(crate) fn wordlist(file: &str, line: usize, message: impl Into<String>) -> Self {
        Error::Wordlist {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }

    /// For a wordlist error, the file and 1-based line it names.
    pub fn location(&self) -> Option<(&str, usize)> {
        match self {
            Error::Wordlist { file, line, .. } => Some((file, *line)),
            _ => None,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
