//! Helpers shared by the core's integration tests: where the repository and the shared corpus
//! are, the default screener built once, and readers for the texts the tests run on (the JSON
//! Lines case files, the State Council work reports, the seed regulations). Every reader panics
//! with the file (and line) it could not read, so a missing or broken corpus says where.
//!
//! Each test file includes it with `mod common;`; not every file uses every helper.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use zhscreen::Screener;

/// The repository's root (two levels above the core crate).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `shared/` sits beside the repository (CI clones main with shared/ next to it);
/// `ZHSCREEN_SHARED` overrides it.
pub fn shared() -> PathBuf {
    std::env::var_os("ZHSCREEN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"))
}

/// The default screener, built once per test binary and warmed up (the segmenter and the typo
/// model loaded), so that no test times or pays for the first load.
pub fn screener() -> &'static Screener {
    static S: OnceLock<Screener> = OnceLock::new();
    S.get_or_init(|| {
        let s = Screener::new().expect("the default lists compile");
        s.warm_up();
        s
    })
}

/// The file at `path` as UTF-8 text; panics naming the file.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The records of a JSON Lines file with their 1-based line numbers, blank lines skipped;
/// panics naming the file and line of a record that is not JSON.
pub fn jsonl(path: &Path) -> Vec<(usize, Value)> {
    read(path)
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let v = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
            (n + 1, v)
        })
        .collect()
}

/// The `text` field of every record of a JSON Lines file (cases, work reports); panics naming
/// the file and line of a record without one.
pub fn texts_of(path: &Path) -> Vec<String> {
    jsonl(path)
        .into_iter()
        .map(|(n, v)| match v["text"].as_str() {
            Some(t) => t.to_string(),
            None => panic!("{}:{n}: no text field", path.display()),
        })
        .collect()
}

/// The project's own annotated case files, `tests/cases/*.jsonl`, in name order.
pub fn own_case_files() -> Vec<PathBuf> {
    let dir = repo().join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
}

/// The shared annotated cases, `shared/corpus/cases.jsonl`.
pub fn shared_cases_file() -> PathBuf {
    shared().join("corpus/cases.jsonl")
}

/// The path of the State Council work reports (`shared/corpus/gov_work_reports.jsonl`).
pub fn work_reports_file() -> PathBuf {
    shared().join("corpus/gov_work_reports.jsonl")
}

/// The State Council work reports, one record each (`year`, `title`, `text`).
pub fn work_reports() -> Vec<Value> {
    jsonl(&work_reports_file())
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}

/// The sentences of `text`: split at 。！？； and line ends, trimmed, empty ones dropped.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '！', '？', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The sentences of all the State Council work reports.
pub fn work_report_sentences() -> Vec<String> {
    work_reports()
        .iter()
        .flat_map(|v| {
            sentences(v["text"].as_str().unwrap_or_default())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The five seed regulations (`shared/seeds/*.txt`) as `(path, text)`, in name order.
pub fn seeds() -> Vec<(PathBuf, String)> {
    let dir = shared().join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5, "{}: five seed regulations", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = read(&p);
            (p, text)
        })
        .collect()
}
