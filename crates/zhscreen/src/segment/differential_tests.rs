//! The segmenter against jieba-rs itself (`Jieba::new()` plus `add_word(term, None, None)` for
//! each term, `cut(text, false)`): the same tokens, so the same boundary decisions, on the
//! project's cases, the shared annotated cases and the State Council work reports, original and
//! folded, with the default ruleset's boundary terms and with every default term added.

use super::Segmenter;
use crate::normalize;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `shared/` sits beside the repository (as in `tests/corpus.rs`).
fn shared() -> PathBuf {
    std::env::var_os("ZHSCREEN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `text` field of every line of a JSONL file, split into its lines.
fn jsonl_texts(path: &Path, out: &mut Vec<String>) {
    for (n, line) in read(path).lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
        let text = v["text"]
            .as_str()
            .unwrap_or_else(|| panic!("{}:{}: no text", path.display(), n + 1));
        out.extend(text.split('\n').map(str::to_string));
    }
}

/// The texts compared: each line of each case (and of each work report, with `reports`), as
/// written and folded.
fn texts(reports: bool) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/cases"))
        .expect("tests/cases")
        .map(|e| e.expect("tests/cases entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    assert!(files.len() > 10, "the project's cases are there");
    files.push(shared().join("corpus/cases.jsonl"));
    if reports {
        files.push(shared().join("corpus/gov_work_reports.jsonl"));
    }
    let mut texts = Vec::new();
    for f in &files {
        jsonl_texts(f, &mut texts);
    }
    let folded: Vec<String> = texts
        .iter()
        .map(|t| normalize::fold(t).text().to_string())
        .collect();
    texts.extend(folded);
    // Inputs that exercise the block splitting: ASCII runs, `\r\n`, rare ideographs, symbols.
    texts.extend(
        [
            "GDP增长5.2%，C++与C#、AT&T和e-mail，2024年\r\n第3季度",
            "𠀀𠀁中国\u{3400}人民 \t\r\r\n ａｂｃ１２３",
            "台独台独台独平台独家台独分子打击台独",
            "",
        ]
        .map(String::from),
    );
    texts
}

fn reference(terms: &[String]) -> jieba_rs::Jieba {
    let mut jieba = jieba_rs::Jieba::new();
    for t in terms {
        jieba.add_word(t, None, None);
    }
    jieba
}

fn compare(terms: Vec<String>, reports: bool, min_tokens: usize) {
    let seg = Segmenter::new(terms);
    let jieba = reference(&seg.terms);
    let texts = texts(reports);
    let mut tokens = 0usize;
    for text in &texts {
        let expected: Vec<(usize, usize)> = jieba
            .cut(text, false)
            .iter()
            .map(|t| (t.byte_start, t.byte_end))
            .collect();
        let got = seg.tokens(text);
        if got != expected {
            let show = |v: &[(usize, usize)]| {
                v.iter()
                    .map(|&(a, b)| &text[a..b])
                    .collect::<Vec<_>>()
                    .join("/")
            };
            panic!(
                "segmentation differs from jieba-rs on {text:?}\n jieba-rs: {}\n      ours: {}",
                show(&expected),
                show(&got)
            );
        }
        tokens += got.len();
    }
    assert!(tokens > min_tokens, "only {tokens} tokens compared");
}

#[test]
fn same_tokens_as_jieba_with_the_default_boundary_terms() {
    let screener = crate::Screener::new().expect("default lists compile");
    let terms = screener.rules().segmenter.terms.clone();
    assert!(terms.len() > 10, "the default ruleset has boundary terms");
    compare(terms, true, 1_000_000);
}

#[test]
fn same_tokens_as_jieba_with_every_default_term_added() {
    // Many added words, among them words of the base dictionary (re-weighted, which moves the
    // total), exercise `add_word` far beyond the boundary terms. The cases only: the reports are
    // compared above.
    let screener = crate::Screener::new().expect("default lists compile");
    let terms: Vec<String> = screener
        .rules()
        .rules
        .iter()
        .map(|r| r.folded.clone())
        .collect();
    assert!(terms.len() > 1000);
    compare(terms, false, 20_000);
}
