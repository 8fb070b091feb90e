//! `Screener::scan_chunked` and `scan_parallel` give exactly `scan`'s report: the same findings
//! with the same byte and char offsets, notes and verdict, on the project's cases, the shared
//! annotated cases and the State Council work reports, cut into chunks from single lines up, and
//! on inputs built to put findings at chunk edges and their context on other lines.

mod common;

use common::{screener, texts_of};
use zhscreen::chunked::PARALLEL_MIN_BYTES;
use zhscreen::Report;

/// Full sizes only where the code is optimised.
const RELEASE: bool = !cfg!(debug_assertions);

/// Every case text, one after another, each on its own line(s).
fn cases() -> String {
    let mut files = common::own_case_files();
    files.push(common::shared_cases_file());
    let mut text = String::new();
    for f in &files {
        for t in texts_of(f) {
            text.push_str(&t);
            text.push('\n');
        }
    }
    text
}

/// The work reports, joined (only the first 400 KB in a debug build).
fn reports() -> String {
    let mut text = texts_of(&common::work_reports_file()).join("\n");
    if !RELEASE {
        let mut end = 400_000.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

/// Lines built so that findings sit at chunk edges and depend on other lines: context words on
/// the lines before a value (across blank and CRLF lines), a classification level alone on its
/// line, values at the very start and end of lines, full-width digits, traditional characters,
/// noise, counter-context on a neighbouring line, a boundary term at a line start.
fn edges() -> String {
    [
        "身份证号：",
        "110108199003071238",
        "联系电话",
        "",
        "13800138000",
        "手机\r\n１３９１２３４５６７８\r",
        "银行卡号：\n6222021234567890128",
        "秘　密",
        "关于调整防空预案的通知",
        "绝密★10年",
        "出售海洛因",
        "禁毒宣传：",
        "海洛因危害大",
        "台独分裂活动",
        "平台独家发布",
        "電話：010-12345678",
        "海*洛*因",
        "邮箱\nzhang.san@example.com",
        "护照号码\nE12345678",
        "统一社会信用代码：\n91350100M000100Y43",
    ]
    .join("\n")
}

fn check(name: &str, text: &str, chunk_bytes: &[usize]) -> Report {
    let whole = screener().scan(text);
    for &chunk in chunk_bytes {
        for threads in [1, 2, 3] {
            let chunked = screener().scan_chunked(text, chunk, threads);
            if chunked != whole {
                let first = whole
                    .findings
                    .iter()
                    .zip(&chunked.findings)
                    .find(|(a, b)| a != b);
                panic!(
                    "{name}: chunks of {chunk} bytes on {threads} threads differ from one scan \
                     ({} against {} findings; first difference: {first:#?})",
                    chunked.findings.len(),
                    whole.findings.len()
                );
            }
        }
    }
    whole
}

#[test]
fn cases_in_chunks_down_to_single_lines() {
    let text = cases();
    let report = check("cases", &text, &[1, 64, 1000, 20_000]);
    assert!(report.findings.len() > 1000, "{}", report.findings.len());
}

#[test]
fn work_reports_in_chunks() {
    // The reports are clean: the edge lines go in after every 40th of their lines.
    let edges = edges();
    let mut text = String::new();
    for (n, line) in reports().split('\n').enumerate() {
        text.push_str(line);
        text.push('\n');
        if n % 40 == 39 {
            text.push_str(&edges);
            text.push('\n');
        }
    }
    let report = check("work reports", &text, &[1, 5_000, 100_000]);
    assert!(report.findings.len() > 100, "{}", report.findings.len());
}

#[test]
fn findings_at_edges_and_context_on_other_lines() {
    let text = edges();
    let report = check("edges", &text, &[1, 2, 10, 50]);
    // The context word on the line before matters: scanning the number's line alone would not
    // name it, so a chunk scanned without its margin would differ from the whole.
    let id = report
        .findings
        .iter()
        .find(|f| f.text == "110108199003071238")
        .expect("the ID number is found");
    let alone = screener().scan("110108199003071238");
    assert_ne!(
        id.note, alone.findings[0].note,
        "the note names the context word on the line before"
    );
    let line_start = |s: &str| text[..text.find(s).expect("in the text")].ends_with('\n');
    assert!(line_start("110108199003071238") && line_start("13800138000"));
    assert!(report.findings.iter().any(|f| f.text == "秘　密"));
}

#[test]
fn parallel_scan_of_a_large_text() {
    let mut text = cases();
    text.push_str(&edges());
    text.push('\n');
    while text.len() < PARALLEL_MIN_BYTES + 1 {
        let again = text.clone();
        text.push_str(&again);
    }
    let whole = screener().scan(&text);
    assert_eq!(screener().scan_parallel(&text, 2), whole);
    assert_eq!(screener().scan_parallel(&text, 5), whole);
    // A text without line breaks is not cut.
    let one_line = text.replace('\n', "。");
    assert_eq!(
        screener().scan_parallel(&one_line, 2),
        screener().scan(&one_line)
    );
}
