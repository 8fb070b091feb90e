//! Evaluates the typo findings (category `typo`: the wordlist and the statistical detector) on
//! ECSpell's odw train file and the share of sentences flagged on clean official text; run by
//! `scripts/eval-typo.sh`, which says what each figure means (see also `docs/typo.md`).
//!
//! ```text
//! cargo run --release -p zhscreen --example typo_eval -- SHARED_DIR [--threshold T] [--dump FILE]
//! ```
//! `--dump FILE` writes every suspect of the detector (before its threshold) as TSV, for tuning.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a report for the person who runs it

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use zhscreen::{Category, Screener, TypoThreshold};

/// Predicted positions of one sentence: char index → the suggested char (if one char).
type Predicted = BTreeMap<usize, Option<char>>;

fn predicted(screener: &Screener, text: &str, statistical_only: bool) -> Predicted {
    let mut out = Predicted::new();
    for f in screener.scan(text).findings {
        if f.category != Category::Typo || (statistical_only && f.rule != "typo/statistical") {
            continue;
        }
        let found: Vec<char> = f.text.chars().collect();
        let sugg: Option<Vec<char>> = f.suggestion.as_ref().map(|s| s.chars().collect());
        match sugg {
            Some(s) if s.len() == found.len() => {
                for (k, (a, b)) in found.iter().zip(&s).enumerate() {
                    if a != b {
                        out.insert(f.char_start + k, Some(*b));
                    }
                }
            }
            _ => {
                for k in f.char_start..f.char_end {
                    out.insert(k, None);
                }
            }
        }
    }
    out
}

#[derive(Default)]
struct Score {
    pred: usize,
    gold: usize,
    det_tp: usize,
    cor_tp: usize,
    sent_pred: usize,
    sent_gold: usize,
    sent_det: usize,
    sent_cor: usize,
    sent_clean: usize,
    sent_clean_flagged: usize,
}

impl Score {
    fn add(&mut self, pred: &Predicted, src: &[char], tgt: &[char]) {
        let gold: Vec<usize> = (0..src.len()).filter(|&i| src[i] != tgt[i]).collect();
        self.pred += pred.len();
        self.gold += gold.len();
        for (i, c) in pred {
            if gold.contains(i) {
                self.det_tp += 1;
                if *c == Some(tgt[*i]) {
                    self.cor_tp += 1;
                }
            }
        }
        if gold.is_empty() {
            self.sent_clean += 1;
            self.sent_clean_flagged += usize::from(!pred.is_empty());
        } else {
            self.sent_gold += 1;
        }
        if !pred.is_empty() {
            self.sent_pred += 1;
            let keys: Vec<usize> = pred.keys().copied().collect();
            if keys == gold {
                self.sent_det += 1;
                if pred.iter().all(|(i, c)| *c == Some(tgt[*i])) {
                    self.sent_cor += 1;
                }
            }
        }
    }

    fn print(&self, name: &str) {
        let r = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        println!(
            "| {name} | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} / {:.3} | {} of {} ({:.1}%) |",
            r(self.sent_det, self.sent_pred),
            r(self.sent_det, self.sent_gold),
            r(self.sent_cor, self.sent_pred),
            r(self.sent_cor, self.sent_gold),
            r(self.det_tp, self.pred),
            r(self.det_tp, self.gold),
            r(self.cor_tp, self.pred),
            r(self.cor_tp, self.gold),
            self.sent_clean_flagged,
            self.sent_clean,
            100.0 * r(self.sent_clean_flagged, self.sent_clean),
        );
    }
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '！', '？', '；', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().count() >= 4)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = PathBuf::from(args.first().map(String::as_str).unwrap_or("../shared"));
    let mut builder = Screener::builder();
    let mut dump: Option<fs::File> = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--threshold" => {
                let t: f64 = args[i + 1].parse().expect("--threshold takes a number");
                builder = builder
                    .typo_threshold(TypoThreshold::new(t).expect("a threshold from 0 to 60"));
                i += 1;
            }
            "--dump" => {
                dump = Some(fs::File::create(&args[i + 1]).expect("--dump FILE is writable"));
                i += 1;
            }
            other => panic!("unknown argument {other:?}"),
        }
        i += 1;
    }
    let screener = builder.build().expect("the default screener builds");
    let threshold = screener.typo_threshold().map_or(0.0, |t| t.log10_ratio());
    let mut dump_line = |set: &str, id: usize, text: &str, tgt: Option<&[char]>| {
        let Some(f) = dump.as_mut() else { return };
        for s in screener.typo_suspects(text) {
            let at = text[..s.start].chars().count();
            let (err, right) = match tgt {
                Some(t) => {
                    let src: Vec<char> = text.chars().collect();
                    (src[at] != t[at], t[at] == s.likely)
                }
                None => (false, false),
            };
            writeln!(
                f,
                "{set}\t{id}\t{at}\t{}\t{}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{}",
                s.found,
                s.likely,
                s.margin,
                s.in_word as u8,
                s.in_title as u8,
                err as u8,
                right as u8,
                s.likely_in_word as u8,
                s.both_rare as u8
            )
            .expect("dump written");
        }
    };

    // ECSpell odw: even lines (0, 2, ...) tuned the threshold; odd lines are held out.
    let odw = fs::read_to_string(shared.join("corpus/ecspell_odw_train.tsv"))
        .expect("corpus/ecspell_odw_train.tsv is readable");
    let mut scores: Vec<(String, Score)> = [
        "all",
        "tuning half (even lines)",
        "held-out half (odd lines)",
    ]
    .iter()
    .map(|n| (n.to_string(), Score::default()))
    .collect();
    let mut stat = (Score::default(), Score::default());
    for (n, line) in odw.lines().enumerate() {
        let mut fields = line.split('\t');
        let (Some(_), Some(src), Some(tgt)) = (fields.next(), fields.next(), fields.next()) else {
            panic!("ecspell_odw_train.tsv:{}: expected three fields", n + 1)
        };
        let (s, t): (Vec<char>, Vec<char>) = (src.chars().collect(), tgt.chars().collect());
        if s.len() != t.len() {
            continue;
        }
        let all = predicted(&screener, src, false);
        scores[0].1.add(&all, &s, &t);
        scores[1 + n % 2].1.add(&all, &s, &t);
        let st = predicted(&screener, src, true);
        if n % 2 == 0 {
            stat.0.add(&st, &s, &t);
        } else {
            stat.1.add(&st, &s, &t);
        }
        dump_line(
            if n % 2 == 0 { "odw-even" } else { "odw-odd" },
            n,
            src,
            Some(&t),
        );
    }
    println!("threshold {threshold}\n");
    println!("ECSpell odw train file, category `typo` (wordlist + statistical):\n");
    println!("| sentences | detection P / R (sentence) | correction P / R (sentence) | detection P / R (char) | correction P / R (char) | clean sentences flagged |");
    println!("|---|---|---|---|---|---|");
    for (name, s) in &scores {
        s.print(name);
    }
    stat.0.print("statistical only, tuning half");
    stat.1.print("statistical only, held-out half");

    // Clean text: the share of sentences with a `typo/statistical` finding.
    println!("\nClean text, sentences with a `typo/statistical` finding:\n");
    println!("| text | sentences | flagged | share |");
    println!("|---|---|---|---|");
    let mut clean = |name: &str, set: &str, texts: Vec<String>| {
        let (mut n, mut flagged) = (0usize, 0usize);
        for (k, text) in texts.iter().enumerate() {
            for s in sentences(text) {
                n += 1;
                let report = screener.scan(s);
                if report.findings.iter().any(|f| f.rule == "typo/statistical") {
                    flagged += 1;
                    if std::env::var_os("TYPO_EVAL_SHOW").is_some() {
                        for f in report
                            .findings
                            .iter()
                            .filter(|f| f.rule == "typo/statistical")
                        {
                            eprintln!("{set}: {} → {:?} in {s}", f.text, f.suggestion);
                        }
                    }
                }
                dump_line(set, k, s, None);
            }
        }
        println!(
            "| {name} | {n} | {flagged} | {:.2}% |",
            100.0 * flagged as f64 / n.max(1) as f64
        );
    };
    let reports = fs::read_to_string(shared.join("corpus/gov_work_reports.jsonl"))
        .expect("corpus/gov_work_reports.jsonl is readable");
    let (mut seen, mut held_out) = (Vec::new(), Vec::new());
    let mut year = 0;
    for line in reports.lines() {
        let doc: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        // an NPC resolution (no year) follows the report it approves
        if let Some(y) = doc["year"].as_str() {
            year = y.parse().expect("a year");
        }
        let text = doc["text"].as_str().unwrap_or_default().to_string();
        if year >= 2016 {
            &mut held_out
        } else {
            &mut seen
        }
        .push(text);
    }
    clean(
        "work reports 2016-2025 (not in the model)",
        "reports-heldout",
        held_out,
    );
    clean(
        "work reports 1954-2015 (in the model)",
        "reports-seen",
        seen,
    );
    let mut seeds = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(shared.join("seeds"))
        .expect("seeds/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    paths.sort();
    for p in paths {
        seeds.push(fs::read_to_string(&p).expect("a seed is readable"));
    }
    clean("the five seed regulations", "seeds", seeds);
    let mut cases = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases");
    let mut files: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/cases is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    files.push(shared.join("corpus/cases.jsonl"));
    files.sort();
    for p in files {
        for line in fs::read_to_string(&p).expect("cases are readable").lines() {
            let case: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            if case["clean"].as_bool() == Some(true) {
                cases.push(case["text"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    clean("the project's clean cases", "cases", cases);
}
