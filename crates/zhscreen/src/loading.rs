//! Loading wordlists: the embedded defaults and the user's sources (files, directories, text held
//! in memory) → parsed [`Wordlist`]s, in the order they are merged. A file that cannot be read
//! is an I/O error naming it; a file that is not UTF-8 is a `file:line` error; a directory
//! without any `*.txt` is an error rather than an empty set of rules.

use crate::defaults::DEFAULT_LISTS;
use crate::error::{Error, Result};
use crate::screener::Config;
use crate::wordlist::{self, Wordlist};
use std::path::{Path, PathBuf};

/// Where a user wordlist comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// One file.
    File(PathBuf),
    /// Every `*.txt` file of a directory (and its subdirectories), in name order.
    Dir(PathBuf),
    /// A list held in memory; `name` stands for the file name in errors.
    Text {
        /// The name used in `name:line` errors and rule origins.
        name: String,
        /// The list itself.
        text: String,
    },
}

/// The lists `config` names, parsed, in merge order: the defaults first (when on), then each
/// source in turn.
pub(crate) fn load_lists(config: &Config) -> Result<Vec<Wordlist>> {
    let mut lists = Vec::new();
    if config.defaults {
        for (name, text) in DEFAULT_LISTS {
            lists.push(wordlist::parse(&format!("wordlists/{name}"), text)?);
        }
    }
    for source in &config.sources {
        load_source(source, &mut lists)?;
    }
    Ok(lists)
}

/// The texts a source names, as `(name, text)` (a file's name is its path), in order: for data
/// files other than wordlists (the wording checker's formulations). Errors name the file.
pub(crate) fn source_texts(source: &Source) -> Result<Vec<(String, String)>> {
    match source {
        Source::Text { name, text } => Ok(vec![(name.clone(), text.clone())]),
        Source::File(path) => Ok(vec![read_text(path)?]),
        Source::Dir(dir) => {
            let mut files = Vec::new();
            collect_txt(dir, &mut files)?;
            files.sort();
            files.iter().map(|f| read_text(f)).collect()
        }
    }
}

fn load_source(source: &Source, lists: &mut Vec<Wordlist>) -> Result<()> {
    match source {
        Source::Text { name, text } => lists.push(wordlist::parse(name, text)?),
        Source::File(path) => lists.push(load_file(path)?),
        Source::Dir(dir) => {
            let mut files = Vec::new();
            collect_txt(dir, &mut files)?;
            if files.is_empty() {
                return Err(Error::Io {
                    path: dir.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no wordlist (*.txt) in this directory",
                    ),
                });
            }
            files.sort();
            for f in files {
                lists.push(load_file(&f)?);
            }
        }
    }
    Ok(())
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_txt(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn load_file(path: &Path) -> Result<Wordlist> {
    let (name, text) = read_text(path)?;
    wordlist::parse(&name, &text)
}

/// A data file's path (as its name in errors) and its text; `file:line` when it is not UTF-8.
fn read_text(path: &Path) -> Result<(String, String)> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path.display().to_string();
    match String::from_utf8(bytes) {
        Ok(text) => Ok((name, text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::wordlist(
                &name,
                line,
                "not valid UTF-8 (save the list as UTF-8)",
            ))
        }
    }
}
