//! Helpers shared by the CLI's integration tests: where the repository is, and the `zhscreen`
//! binary as a command with a fixed environment.
//!
//! Each test file includes it with `mod common;`; not every file uses every helper.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root (two levels above the CLI crate).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `zhscreen` binary built for these tests, with the environment fixed: `NO_COLOR` removed
/// (the tests set colour themselves) and `SOURCE_DATE_EPOCH` set, so review sheets carry the
/// same time stamp on every run.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhscreen"));
    c.env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", "1763600000");
    c
}
