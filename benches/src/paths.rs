//! Where the shared data is read and the results are written.

use std::path::PathBuf;

/// The shared data directory: `$ZHSCREEN_SHARED`, else `shared/` beside the repository.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("ZHSCREEN_SHARED") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared")),
    }
}

/// The government work reports (JSON lines with a `text` field).
pub fn work_reports() -> PathBuf {
    shared_dir().join("corpus/gov_work_reports.jsonl")
}

/// The 115k-term union of public lexicons.
pub fn lexicon() -> PathBuf {
    shared_dir().join("bench/public_lexicon_union.txt")
}

/// Where results and generated inputs go: `$ZHSCREEN_BENCH_OUT`, else `zhscreen-bench/` in the
/// cargo target directory (`$CARGO_TARGET_DIR` or the workspace's `target/`).
pub fn out_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ZHSCREEN_BENCH_OUT").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let target = match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")),
    };
    target.join("zhscreen-bench")
}
