//! The accuracy suite: the shared annotated cases and the project's own (`tests/cases/*.jsonl`),
//! the government work reports as a false-positive corpus, the seed regulations, ECSpell's
//! official-document sentences for typo precision, and a check of every default entry.
//!
//! Prints its tables (run with `--nocapture` to see them) and fails below its bounds.

#![allow(clippy::print_stdout)] // the accuracy tables are the point of this suite

mod common;

use common::{read, repo, screener, shared};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use zhscreen::{Category, Report, Severity, Verdict};

#[derive(Debug)]
struct Case {
    origin: String,
    id: String,
    text: String,
    expect: Vec<Value>,
    forbid: Vec<Value>,
    clean: bool,
    verdict_min: Option<Verdict>,
    verdict_max: Option<Verdict>,
}

fn load_cases(path: &Path) -> Vec<Case> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    common::jsonl(path)
        .into_iter()
        .map(|(n, v)| {
            let verdict = |k: &str| {
                v.get(k).and_then(Value::as_str).map(|s| {
                    s.parse::<Verdict>()
                        .unwrap_or_else(|e| panic!("{name}:{n}: {e}"))
                })
            };
            let list = |k: &str| {
                v.get(k)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            Case {
                origin: format!("{name}:{n}"),
                id: v
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string(),
                text: v["text"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}:{n}: no text"))
                    .to_string(),
                expect: list("expect"),
                forbid: list("forbid"),
                clean: v.get("clean").and_then(Value::as_bool).unwrap_or(false),
                verdict_min: verdict("verdict_min"),
                verdict_max: verdict("verdict_max"),
            }
        })
        .collect()
}

fn all_cases() -> Vec<Case> {
    let mut cases = load_cases(&common::shared_cases_file());
    for f in common::own_case_files() {
        cases.extend(load_cases(&f));
    }
    cases
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// The lowest severity a `forbid` spec forbids: `review` (the shared corpus's contract) unless the
/// spec says `"severity"`. Our own cases say `"severity": "warn"` wherever the category has `warn`
/// entries, so that a wrongly flagged typo or advertising word fails the test.
fn forbid_floor(spec: &Value) -> Severity {
    spec.get("severity")
        .and_then(Value::as_str)
        .map(|s| s.parse().expect("a forbid spec's severity is a severity"))
        .unwrap_or(Severity::Review)
}

fn categories(v: &Value) -> Vec<Category> {
    strings(&v["cat"])
        .iter()
        .map(|s| s.parse().unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// The byte range of the first occurrence of any accepted substring, per the corpus README.
fn spans(text: &str, spec: &Value) -> Vec<(usize, usize)> {
    strings(&spec["match"])
        .iter()
        .filter_map(|m| text.find(m.as_str()).map(|s| (s, s + m.len())))
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    ok: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.ok += usize::from(ok);
    }
    fn rate(self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.ok as f64 / self.total as f64
        }
    }
}

#[derive(Default)]
struct Scores {
    recall: Tally,
    clean: Tally,
    verdicts: Tally,
    suggestions: Tally,
    forbidden: Tally,
    per_category: BTreeMap<String, (Tally, Tally)>,
    failures: Vec<String>,
}

fn score(cases: &[Case]) -> Scores {
    let mut s = Scores::default();
    for case in cases {
        let report = screener().scan(&case.text);
        for spec in &case.expect {
            let cats = categories(spec);
            let ranges = spans(&case.text, spec);
            assert!(
                !ranges.is_empty(),
                "{}: expect match not in text",
                case.origin
            );
            let hit = report.findings.iter().find(|f| {
                cats.contains(&f.category) && ranges.iter().any(|&(a, b)| f.start < b && f.end > a)
            });
            s.recall.add(hit.is_some());
            let key = cats[0].to_string();
            s.per_category.entry(key).or_default().0.add(hit.is_some());
            if hit.is_none() {
                s.failures.push(format!(
                    "{} [{}] missed {}: {}",
                    case.origin, case.id, spec, case.text
                ));
            }
            if let Some(want) = spec.get("suggestion").and_then(Value::as_str) {
                let got = hit.and_then(|f| f.suggestion.as_deref());
                s.suggestions.add(got == Some(want));
                if got != Some(want) {
                    s.failures.push(format!(
                        "{} [{}] suggestion {got:?}, want {want:?}",
                        case.origin, case.id
                    ));
                }
            }
        }
        for spec in &case.forbid {
            let cats = categories(spec);
            let ranges = spans(&case.text, spec);
            let floor = forbid_floor(spec);
            let bad = report.findings.iter().find(|f| {
                cats.contains(&f.category)
                    && f.severity >= floor
                    && ranges.iter().any(|&(a, b)| f.start < b && f.end > a)
            });
            s.forbidden.add(bad.is_none());
            s.per_category
                .entry(cats[0].to_string())
                .or_default()
                .1
                .add(bad.is_none());
            if let Some(f) = bad {
                s.failures.push(format!(
                    "{} [{}] forbidden {} {}: {}",
                    case.origin, case.id, f.rule, f.text, case.text
                ));
            }
        }
        if case.clean {
            let ok = report.verdict <= Verdict::Warn;
            s.clean.add(ok);
            if !ok {
                s.failures.push(format!(
                    "{} [{}] not clean: {}",
                    case.origin,
                    case.id,
                    describe(&report)
                ));
            }
        }
        if case.verdict_min.is_some() || case.verdict_max.is_some() {
            let ok = case.verdict_min.is_none_or(|m| report.verdict >= m)
                && case.verdict_max.is_none_or(|m| report.verdict <= m);
            s.verdicts.add(ok);
            if !ok {
                s.failures.push(format!(
                    "{} [{}] verdict {} outside {:?}..{:?}: {}",
                    case.origin,
                    case.id,
                    report.verdict,
                    case.verdict_min,
                    case.verdict_max,
                    describe(&report)
                ));
            }
        }
    }
    s
}

fn describe(r: &Report) -> String {
    r.findings
        .iter()
        .map(|f| format!("{}({}) {:?}", f.rule, f.severity, f.text))
        .collect::<Vec<_>>()
        .join(", ")
}

const BOUND: f64 = 0.95;

#[test]
fn annotated_cases_meet_the_bounds() {
    let cases = all_cases();
    let s = score(&cases);
    println!("\nzhscreen corpus accuracy ({} cases)", cases.len());
    println!("{:<28} {:>8} {:>8} {:>8}", "measure", "ok", "total", "rate");
    let rows = [
        ("recall (expected findings)", s.recall),
        ("clean texts passed", s.clean),
        ("verdicts in range", s.verdicts),
        ("suggestions", s.suggestions),
        ("no forbidden hits", s.forbidden),
    ];
    for (name, t) in rows {
        println!("{:<28} {:>8} {:>8} {:>8.3}", name, t.ok, t.total, t.rate());
    }
    println!(
        "\n{:<20} {:>14} {:>14}",
        "category", "recall", "no forbidden"
    );
    for (cat, (r, f)) in &s.per_category {
        println!(
            "{:<20} {:>6}/{:<4} {:.2} {:>6}/{:<4}",
            cat,
            r.ok,
            r.total,
            r.rate(),
            f.ok,
            f.total
        );
    }
    if !s.failures.is_empty() {
        println!("\nfailures ({}):", s.failures.len());
        for f in &s.failures {
            println!("  {f}");
        }
    }
    for (name, t) in rows {
        assert!(t.rate() >= BOUND, "{name}: {:.3} < {BOUND}", t.rate());
    }
}

#[test]
fn every_category_has_positive_cases() {
    let cases = all_cases();
    let s = score(&cases);
    let missing: Vec<&str> = Category::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| s.per_category.get(*c).is_none_or(|(r, _)| r.total == 0))
        .collect();
    assert!(
        missing.is_empty(),
        "categories without positive cases: {missing:?}"
    );
}

#[test]
fn work_reports_are_not_flagged() {
    let sentences = common::work_report_sentences();
    let mut flagged = 0;
    let mut blocked = Vec::new();
    let mut terms: BTreeMap<String, usize> = BTreeMap::new();
    for s in &sentences {
        let r = screener().scan(s);
        let serious: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Review)
            .collect();
        if !serious.is_empty() {
            flagged += 1;
        }
        for f in serious {
            *terms.entry(f.rule.clone()).or_default() += 1;
            if f.severity == Severity::Block {
                blocked.push(format!("{} {:?} in {s}", f.rule, f.text));
            }
        }
    }
    let rate = flagged as f64 / sentences.len() as f64;
    let mut top: Vec<_> = terms.into_iter().collect();
    top.sort_by_key(|t| std::cmp::Reverse(t.1));
    println!(
        "\nwork reports: {flagged} of {} sentences flagged at review or above ({:.3}%), {} block findings",
        sentences.len(),
        rate * 100.0,
        blocked.len()
    );
    for (rule, n) in top.iter().take(15) {
        println!("  {n:>5}  {rule}");
    }
    for b in blocked.iter().take(20) {
        println!("  BLOCK {b}");
    }
    assert!(
        rate <= 0.005,
        "false-positive rate {:.3}% > 0.5%",
        rate * 100.0
    );
    assert!(
        blocked.is_empty(),
        "{} block findings in the work reports",
        blocked.len()
    );
}

#[test]
fn seed_regulations_are_never_blocked() {
    for (f, text) in common::seeds() {
        let r = screener().scan(&text);
        println!(
            "seed {}: {} ({})",
            f.file_name().unwrap().to_string_lossy(),
            r.verdict,
            describe(&r)
        );
        assert_ne!(
            r.verdict,
            Verdict::Block,
            "{}: {}",
            f.display(),
            describe(&r)
        );
    }
}

#[test]
fn typo_precision_on_ecspell() {
    let text = read(&shared().join("corpus/ecspell_odw_train.tsv"));
    let (mut clean, mut clean_flagged, mut wrong, mut caught) = (0, 0, 0, 0);
    let mut examples = Vec::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(n), Some(src), Some(tgt)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let Ok(n) = n.trim().parse::<usize>() else {
            continue;
        };
        let r = screener().scan(src);
        let typos: Vec<_> = r.of(Category::Typo).collect();
        if n == 0 {
            clean += 1;
            if !typos.is_empty() {
                clean_flagged += 1;
                examples.push(format!("{} in {src}", typos[0].rule));
            }
        } else {
            wrong += 1;
            // Caught: a typo finding covers a character where source and target differ.
            let diff: Vec<usize> = src
                .char_indices()
                .zip(tgt.chars())
                .filter(|((_, a), b)| a != b)
                .map(|((i, _), _)| i)
                .collect();
            if typos
                .iter()
                .any(|f| diff.iter().any(|&d| f.start <= d && d < f.end))
            {
                caught += 1;
            }
        }
    }
    let precision = 1.0 - clean_flagged as f64 / clean.max(1) as f64;
    println!(
        "\nECSpell odw: clean sentences without a typo finding {}/{} ({:.2}%); erroneous sentences caught {}/{} ({:.2}%)",
        clean - clean_flagged,
        clean,
        precision * 100.0,
        caught,
        wrong,
        caught as f64 * 100.0 / wrong.max(1) as f64
    );
    for e in examples.iter().take(10) {
        println!("  false typo: {e}");
    }
    assert!(precision >= 0.99, "typo precision {:.3} < 0.99", precision);
}

/// Each default entry alone is found; its suggestion is not flagged in its category; each
/// exception text passes in its categories.
#[test]
fn every_default_entry_is_live() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, text) in zhscreen::default_lists() {
        let list = zhscreen::wordlist::parse(name, text).expect("default list parses");
        for e in &list.entries {
            checked += 1;
            let r = screener().scan(&e.term);
            if !r.of(e.category).any(|f| f.text == e.term) {
                problems.push(format!(
                    "{name}:{} `{}` alone is not found as {}: {}",
                    e.line,
                    e.term,
                    e.category,
                    describe(&r)
                ));
            }
            if let Some(s) = &e.suggestion {
                for alt in s
                    .split(['/', '／'])
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                {
                    let r = screener().scan(alt);
                    if let Some(f) = r.of(e.category).find(|f| f.severity >= Severity::Warn) {
                        problems.push(format!(
                            "{name}:{} suggestion `{alt}` is itself flagged by {}",
                            e.line, f.rule
                        ));
                    };
                }
            }
        }
        for a in &list.allows {
            let r = screener().scan(&a.text);
            if let Some(f) = r
                .findings
                .iter()
                .find(|f| a.categories.contains(&f.category))
            {
                problems.push(format!(
                    "{name}:{} allow `{}` still gives {}",
                    a.line, a.text, f.rule
                ));
            }
        }
    }
    println!(
        "\nchecked {checked} default entries; {} problems",
        problems.len()
    );
    for p in &problems {
        println!("  {p}");
    }
    assert!(
        problems.is_empty(),
        "{} default entries are not live; see the list above",
        problems.len()
    );
}

#[test]
fn default_lists_lint_clean() {
    let issues = zhscreen::lint::lint(screener());
    for i in &issues {
        println!("  {:?} {}: {}", i.kind, i.origin, i.message);
    }
    assert!(
        issues.is_empty(),
        "{} lint issues in the default lists",
        issues.len()
    );
}

/// The held-out posts of `tests/heldout/` (issue 20): written from knowledge of the field, not
/// from the lists, split once by a fixed rule (the first byte of the SHA-256 of the id, even →
/// `dev.jsonl`, odd → `test.jsonl`) before any result was seen. Lists are tuned on the dev half
/// only; the test half measures what the lists do on posts nobody tuned for. The floors are
/// below the figures measured in docs/recall.md, so that a change that loses recall on unseen
/// posts fails here.
#[test]
fn heldout_posts() {
    let dir = repo().join("tests/heldout");
    let halves = [("dev", HELDOUT_DEV_FLOOR), ("test", HELDOUT_TEST_FLOOR)];
    let mut below = Vec::new();
    for (half, (recall_floor, clean_floor, frame_floor)) in halves {
        let cases = load_cases(&dir.join(format!("{half}.jsonl")));
        let s = score(&cases);
        println!(
            "\nheld-out {half} ({} posts): recall {}/{} {:.3}, clean passed {}/{} {:.3}, warnings and reports at most review {}/{} {:.3}",
            cases.len(),
            s.recall.ok,
            s.recall.total,
            s.recall.rate(),
            s.clean.ok,
            s.clean.total,
            s.clean.rate(),
            s.verdicts.ok,
            s.verdicts.total,
            s.verdicts.rate()
        );
        for (cat, (r, _)) in &s.per_category {
            println!("  {:<20} {:>4}/{:<4} {:.2}", cat, r.ok, r.total, r.rate());
        }
        // Only the dev half's misses are printed: the test half is not for tuning.
        if half == "dev" {
            for f in &s.failures {
                println!("  {f}");
            }
        }
        for (name, t, floor) in [
            ("recall", s.recall, recall_floor),
            ("clean", s.clean, clean_floor),
            ("framed", s.verdicts, frame_floor),
        ] {
            if t.rate() < floor {
                below.push(format!("{half} {name} {:.3} < {floor}", t.rate()));
            }
        }
    }
    assert!(
        below.is_empty(),
        "held-out posts below their floors: {below:?}"
    );
}

/// Floors of the held-out halves: recall, clean pass rate, framed posts at most `review`.
const HELDOUT_DEV_FLOOR: (f64, f64, f64) = (0.74, 0.99, 1.0);
const HELDOUT_TEST_FLOOR: (f64, f64, f64) = (0.5, 0.98, 1.0);
