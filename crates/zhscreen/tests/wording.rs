//! The wording checker against real official text: the State Council government work reports
//! (1954-2025) and the seed regulations gain no finding from it at `review` or above.
//!
//! Kept findings (a person would call them right, with the reason) would be listed in `KEPT`;
//! there are none: every finding the checker gave while its data was written was a false
//! positive and was fixed by a rule (particles inside a formulation are free, a near miss never
//! cuts a word, no deletion in a formulation under 8 characters) or a `correct:` phrase.

#![allow(clippy::print_stdout)] // the findings are printed for the person reading the failure

mod common;

use zhscreen::{Screener, Severity};

/// `(rule, text)` of findings that are right and stay.
const KEPT: &[(&str, &str)] = &[];

const RULES: [&str; 5] = [
    zhscreen::wording::RULE_FORMULATION,
    zhscreen::wording::RULE_ENUMERATION,
    zhscreen::wording::RULE_LEADER_NAME,
    zhscreen::wording::RULE_LEADER_TITLE,
    zhscreen::wording::RULE_PBSC_ORDER,
];

fn wording_findings(screener: &Screener, text: &str) -> Vec<String> {
    screener
        .scan(text)
        .findings
        .into_iter()
        .filter(|f| RULES.contains(&f.rule.as_str()) && f.severity >= Severity::Review)
        .filter(|f| !KEPT.contains(&(f.rule.as_str(), f.text.as_str())))
        .map(|f| format!("{} {:?} → {:?}", f.rule, f.text, f.suggestion))
        .collect()
}

#[test]
fn work_reports_gain_no_wording_finding() {
    let screener = Screener::new().expect("defaults compile");
    let (mut reports, mut chars, mut bad) = (0, 0, Vec::new());
    for v in common::work_reports() {
        let report = v["text"].as_str().unwrap_or_default();
        reports += 1;
        chars += report.chars().count();
        // Whole paragraphs: enumerations and leader lists span clauses.
        for para in report.split('\n') {
            for f in wording_findings(&screener, para) {
                bad.push(format!("{} ({}): {f}", v["year"], v["title"]));
            }
        }
    }
    println!(
        "work reports: {reports} texts, {chars} characters, {} wording findings",
        bad.len()
    );
    assert!(
        reports >= 70 && chars > 1_000_000,
        "the corpus is incomplete"
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn seed_regulations_gain_no_wording_finding() {
    let screener = Screener::new().expect("defaults compile");
    for (path, text) in common::seeds() {
        let bad = wording_findings(&screener, &text);
        assert!(bad.is_empty(), "{}: {bad:?}", path.display());
    }
}

#[test]
fn fix_applies_the_suggestions() {
    let screener = Screener::new().expect("defaults compile");
    let fixed = screener.fix("坚持不忘初心、牢记使名，学习习近平新时代中国持色社会主义思想，全国政协主席李强出席，坚持创新、协调、开放、绿色、共享的新发展理念。");
    assert_eq!(
        fixed.text,
        "坚持不忘初心、牢记使命，学习习近平新时代中国特色社会主义思想，国务院总理李强出席，坚持创新、协调、绿色、开放、共享的新发展理念。"
    );
    // Fixing again changes nothing.
    assert_eq!(screener.fix(&fixed.text).text, fixed.text);
}

#[test]
fn the_table_date_is_in_leader_notes_in_both_languages() {
    let screener = Screener::new().expect("defaults compile");
    let zh = screener.scan("国务院总理李墙出席。");
    let note = zh.findings[0].note.as_deref().unwrap_or_default();
    assert!(note.contains("2026-12-07"), "{note}");
    let en = screener
        .with_lang(zhscreen::Lang::En)
        .scan("国务院总理李墙出席。");
    let note = en.findings[0].note.as_deref().unwrap_or_default();
    assert!(note.contains("leaders table of 2026-12-07"), "{note}");
    assert_eq!(zh.findings[0].rule, en.findings[0].rule);
}

#[test]
fn the_checker_can_be_turned_off() {
    let off = Screener::builder().wording(false).build().expect("build");
    assert!(off.scan("不忘初心、牢记使名").findings.is_empty());
    assert_ne!(
        off.ruleset().fingerprint,
        Screener::new().expect("build").ruleset().fingerprint
    );
}

/// A reviewer's office adds its own formulations (a provincial slogan, an enumeration of its
/// own) from a file of the same format; they are checked like the defaults.
const LOCAL: &str = "\
# 本省提法
奋力谱写中国式现代化湖北篇章
correct: 奋力谱写中国式现代化湖北新篇章
enumeration: 本省三个着力 = 着力稳增长、着力促改革、着力惠民生
";

#[test]
fn user_formulations_are_checked_like_the_defaults() {
    let dir = std::env::temp_dir().join(format!("zhscreen-wording-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("local.txt");
    std::fs::write(&path, LOCAL).expect("write");
    let from_file = Screener::builder()
        .wording_file(&path)
        .build()
        .expect("a good file builds");
    let from_text = Screener::builder()
        .wording_text("local.txt", LOCAL)
        .build()
        .expect("a good text builds");
    for s in [&from_file, &from_text] {
        let r = s.scan("全省上下奋力谱写中国式现代化湖北篇张。");
        assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
        assert_eq!(r.findings[0].rule, zhscreen::wording::RULE_FORMULATION);
        assert_eq!(
            r.findings[0].suggestion.as_deref(),
            Some("奋力谱写中国式现代化湖北篇章")
        );
        // The exact form, and the user's correct phrase, pass.
        assert!(wording_findings(s, "奋力谱写中国式现代化湖北篇章。").is_empty());
        assert!(wording_findings(s, "奋力谱写中国式现代化湖北新篇章。").is_empty());
        // The user's enumeration out of order.
        let r = s.scan("着力促改革、着力稳增长、着力惠民生。");
        assert_eq!(r.findings[0].rule, zhscreen::wording::RULE_ENUMERATION);
        // The defaults still work.
        assert!(!wording_findings(s, "不忘初心、牢记使名").is_empty());
    }
    // Without the file, the slogan is not known.
    let plain = Screener::new().expect("defaults");
    assert!(wording_findings(&plain, "全省上下奋力谱写中国式现代化湖北篇张。").is_empty());
    // The user's entries are part of the ruleset: another fingerprint, the same for the same data.
    assert_ne!(from_text.ruleset().fingerprint, plain.ruleset().fingerprint);
    let other = Screener::builder()
        .wording_text("local.txt", "奋力谱写中国式现代化湖南篇章\n")
        .build()
        .expect("build");
    assert_ne!(other.ruleset().fingerprint, from_text.ruleset().fingerprint);
    let again = Screener::builder()
        .wording_text("local.txt", LOCAL)
        .build()
        .expect("build");
    assert_eq!(again.ruleset().fingerprint, from_text.ruleset().fingerprint);
    // Read back from the config (what the bindings pickle).
    assert_eq!(from_text.config().wording_sources.len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_user_formulations_fail_with_file_and_line() {
    let err = |text: &str| {
        Screener::builder()
            .wording_text("local.txt", text)
            .build()
            .expect_err("a bad line fails the build")
            .to_string()
    };
    let e = err("# 本省提法\n奋力谱写新篇章\nenumeration: 三个着力\n");
    assert!(e.contains("local.txt:3"), "{e}");
    let e = err("奋力谱写新篇章 | edits=5\n");
    assert!(e.contains("local.txt:1") && e.contains("edits"), "{e}");
    let e = err("abc\n");
    assert!(e.contains("local.txt:1"), "{e}");
    // An enumeration of the defaults defined again.
    let e = err("\n\nenumeration: 新发展理念 = 创新、协调、开放\n");
    assert!(
        e.contains("local.txt:3") && e.contains("already defined at data/formulations.txt:"),
        "{e}"
    );
    // A file that is not there names its path.
    let e = Screener::builder()
        .wording_file("/nonexistent/local-wording.txt")
        .build()
        .expect_err("missing file")
        .to_string();
    assert!(e.contains("/nonexistent/local-wording.txt"), "{e}");
    // Without the checker the file would be silently unused: an error instead.
    for builder in [
        Screener::builder().wording(false),
        Screener::builder().defaults(false),
    ] {
        let e = builder
            .wording_text("local.txt", "奋力谱写新篇章\n")
            .build()
            .expect_err("no checker")
            .to_string();
        assert!(e.contains("wording"), "{e}");
    }
}
