//! The words of `zhscreen scan` follow `--lang`: Chinese by default in the notes, the human output
//! and the review sheet of the bundled example; English with `--lang en`; the machine fields the
//! same in both.

mod common;

use common::{bin, repo};
use serde_json::Value;
use std::process::Output;
use zhscreen::messages::english_run;

fn run(args: &[&str]) -> Output {
    let o = bin().args(args).current_dir(repo()).output().unwrap();
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(run(args).stdout).unwrap()
}

/// The review sheet written by `args`, as HTML.
fn sheet(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.html");
    let mut all = vec!["scan", "--format", "html", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    run(&all);
    std::fs::read_to_string(out).unwrap()
}

/// What a person reads on a sheet: the text outside tags, scripts and styles, and the tooltips.
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let tag_end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i..tag_end];
        if let Some(t) = tag.split("title=\"").nth(1) {
            out.push_str(t.split('"').next().unwrap_or(""));
            out.push(' ');
        }
        rest = &rest[tag_end..];
        for raw in ["script", "style"] {
            if tag.starts_with(&format!("<{raw}")) {
                let close = format!("</{raw}>");
                rest = rest.find(&close).map_or("", |j| &rest[j + close.len()..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&#10;", "\n").replace("&amp;", "&")
}

fn findings(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["findings"].as_array().cloned().unwrap_or_default()
}

const EXAMPLE: &str = "examples/notice.txt";

#[test]
fn the_bundled_example_reads_in_chinese_by_default() {
    // JSON notes
    let notes: Vec<String> = findings(&stdout(&["scan", "--format", "json", EXAMPLE]))
        .iter()
        .filter_map(|f| f["note"].as_str().map(String::from))
        .collect();
    assert!(notes.len() >= 5, "{notes:?}");
    for n in &notes {
        assert_eq!(english_run(n), None, "{n}");
    }
    // human output, one input and several (with the run's summary)
    for args in [
        vec!["scan", EXAMPLE],
        vec!["scan", EXAMPLE, "examples/clean.txt"],
        vec!["scan", "--min-severity", "review", EXAMPLE],
    ] {
        let out = stdout(&args);
        assert!(out.contains("初筛结论"), "{out}");
        for line in out.lines() {
            assert_eq!(english_run(line), None, "{line}");
        }
    }
    // the review sheet
    let html = sheet(&[EXAMPLE, "examples/clean.txt"]);
    assert!(html.contains("<html lang=\"zh-CN\""));
    let text = readable(&html);
    assert!(text.contains("政务新媒体信息发布审核表"), "{text}");
    assert!(text.contains("手机号码（139号段），上下文“联系电话”，建议去标识化"));
    for line in text.lines() {
        assert_eq!(english_run(line), None, "{line}");
    }
}

#[test]
fn lang_en_gives_english_words_and_the_same_machine_fields() {
    let zh = findings(&stdout(&["scan", "--format", "json", EXAMPLE]));
    let en = findings(&stdout(&[
        "scan", "--lang", "en", "--format", "json", EXAMPLE,
    ]));
    assert_eq!(zh.len(), en.len());
    let strip = |fs: &[Value]| -> Vec<Value> {
        fs.iter()
            .map(|f| {
                let mut f = f.clone();
                f.as_object_mut().unwrap().remove("note");
                f
            })
            .collect()
    };
    assert_eq!(strip(&zh), strip(&en));
    let mobile = en
        .iter()
        .find(|f| f["rule"] == "personal_info/cn_mobile")
        .unwrap();
    assert_eq!(
        mobile["note"],
        "mainland mobile number, allocated segment 139; context 联系电话"
    );
    let out = stdout(&["scan", "--lang", "en", EXAMPLE]);
    assert!(out.contains("= note: mainland mobile number"), "{out}");
    assert!(
        out.contains("6 findings (review 5 · warn 1) — verdict: review"),
        "{out}"
    );
    let html = sheet(&["--lang", "en", EXAMPLE]);
    assert!(html.contains("<html lang=\"en\""));
    assert!(readable(&html).contains("Review sheet for publication on government new media"));
    // the ruleset fingerprint is the language's neither
    let fp = |args: &[&str]| -> String {
        let v: Value = serde_json::from_str(&stdout(args)).unwrap();
        v["ruleset"]["fingerprint"].as_str().unwrap().to_string()
    };
    assert_eq!(
        fp(&["scan", "--format", "json", EXAMPLE]),
        fp(&["scan", "--lang", "en", "--format", "json", EXAMPLE])
    );
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_it() {
    let o = bin()
        .args(["scan", "--lang", "fr", EXAMPLE])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown language \"fr\": expected \"zh\"") && err.contains("\"en\""),
        "{err}"
    );
}

/// The command's own messages on stderr: Chinese by default, English with `--lang en`; one
/// line each.
#[test]
fn input_errors_on_stderr_follow_the_language() {
    let d = tempfile::tempdir().unwrap();
    // A UTF-8 notice cut in the middle of its last character.
    let mut cut = "关于做好安全生产工作的通知\n各单位：请于今日前报送材料"
        .as_bytes()
        .to_vec();
    cut.pop();
    std::fs::write(d.path().join("cut.txt"), &cut).unwrap();
    let scan = |args: &[&str]| {
        let o = bin().args(args).current_dir(d.path()).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        String::from_utf8(o.stderr).unwrap()
    };

    let zh = scan(&["scan", "missing.txt", "cut.txt"]);
    assert_eq!(
        zh.lines().collect::<Vec<_>>(),
        [
            "zhscreen: 错误：missing.txt: 文件或目录不存在",
            "zhscreen: 错误：cut.txt: UTF-8 文本已损坏：第 2 行第 13 列（第 76 字节）起有无效字节，共 1 处",
        ],
        "{zh}"
    );
    assert_eq!(english_run(&zh), None, "{zh}");
    for cmd in ["redact", "fix"] {
        let zh = scan(&[cmd, "cut.txt"]);
        assert_eq!(zh.lines().count(), 1, "{zh}");
        assert_eq!(english_run(&zh), None, "{zh}");
        let zh = scan(&[cmd, "missing.txt"]);
        assert_eq!(english_run(&zh), None, "{zh}");
    }

    let en = scan(&["scan", "--lang", "en", "missing.txt", "cut.txt"]);
    assert_eq!(
        en.lines().collect::<Vec<_>>(),
        [
            "zhscreen: error: missing.txt: no such file or directory",
            "zhscreen: error: cut.txt: damaged UTF-8 text: invalid UTF-8 at line 2, column 13 \
             (byte 76; 1 invalid sequence)",
        ],
        "{en}"
    );

    // The review sheet lists the inputs not screened in its language too.
    let o = bin()
        .args(["scan", "--format", "html", "missing.txt", "cut.txt"])
        .current_dir(d.path())
        .output()
        .unwrap();
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(
        html.contains("<li>missing.txt: 文件或目录不存在</li>"),
        "{html}"
    );
}

/// `redact --write` and `fix --write` say what they did (or that nothing changed) in the
/// language of the run.
#[test]
fn write_notes_follow_the_language() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("clean.txt"), "今天天气很好。\n").unwrap();
    let note = |args: &[&str]| {
        let o = bin().args(args).current_dir(d.path()).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        String::from_utf8(o.stderr).unwrap()
    };
    for cmd in ["redact", "fix"] {
        assert_eq!(
            note(&[cmd, "--write", "clean.txt"]),
            "zhscreen: clean.txt：没有需要修改的内容，文件未改动\n"
        );
        assert_eq!(
            note(&[cmd, "--lang", "en", "--write", "clean.txt"]),
            "zhscreen: clean.txt: nothing to change\n"
        );
    }
    std::fs::write(d.path().join("typo.txt"), "各单位要再接再励。\n").unwrap();
    assert_eq!(
        note(&["fix", "--write", "--no-backup", "typo.txt"]),
        "zhscreen: typo.txt：已修改 1 处（utf-8 编码）\n"
    );
}
