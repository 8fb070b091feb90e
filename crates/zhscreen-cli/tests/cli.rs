//! The `zhscreen` binary run on real files in temporary directories: every format, every exit
//! status, legacy encodings, HTML pages, Word documents, broken pipes, many files, bad inputs.

mod common;

use common::{bin, repo};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use zhscreen::Screener;

fn run(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run zhscreen")
}

fn run_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn zhscreen");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn notice() -> String {
    std::fs::read_to_string(repo().join("examples/notice.txt")).unwrap()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// 1-based line and char column of the first occurrence of `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let line = text[..at].matches('\n').count() + 1;
    let ls = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[ls..at].chars().count() + 1)
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

const SECRET_AND_TYPO: &str =
    "各单位要再接再励。\n本文为内部资料 请勿外传。\n联系电话：13907351234。\n";

#[test]
fn human_output_on_the_example_notice() {
    let o = run(&["scan", "examples/notice.txt"], &repo());
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}{}", stderr(&o));
    let text = notice();
    for (needle, rule) in [
        ("再接再励", "建议修改 typo/再接再励"),
        ("13907351234", "需复核 personal_info/cn_mobile"),
        ("431022198503152010", "personal_info/cn_resident_id"),
        ("全网最低价", "advertising/全网最低价"),
        ("内部资料", " 需复核 confidential/内部资料"),
        ("请勿外传", " 需复核 confidential/请勿外传"),
    ] {
        let (l, c) = line_col(&text, needle);
        let head = format!("examples/notice.txt:{l}:{c}: ");
        let line = out
            .lines()
            .find(|x| x.starts_with(&head))
            .unwrap_or_else(|| panic!("no `{head}` in\n{out}"));
        assert!(line.contains(rule), "{line}");
    }
    // The span is underlined in terminal columns: 4 CJK characters are 8 carets, placed under
    // the 8 characters (16 columns) before them.
    let (l, _) = line_col(&text, "再接再励");
    let shown = out
        .lines()
        .find(|x| x.starts_with(&format!("{l} | ")))
        .unwrap();
    let carets = out.lines().find(|x| x.contains("^^^^^^^^ 错别字")).unwrap();
    let col_in = |s: &str, at: usize| unicode_width_of(&s[..at]);
    assert_eq!(
        col_in(shown, shown.find("再接再励").unwrap()),
        col_in(carets, carets.find('^').unwrap())
    );
    assert!(carets.contains(&format!("{} 错别字 · 文字关", "^".repeat(8))));
    assert!(out.contains("= 建议改为 再接再厉"));
    // The summary counts what the core found (the lists may tune severities).
    let report = Screener::new().unwrap().scan(&text);
    assert_eq!(report.findings.len(), 6);
    let count = |s: &str| {
        report
            .findings
            .iter()
            .filter(|f| f.severity.as_str() == s)
            .count()
    };
    let counts: Vec<String> = [
        ("block", "禁止发布"),
        ("review", "需复核"),
        ("warn", "建议修改"),
        ("info", "提示"),
    ]
    .iter()
    .filter(|(s, _)| count(s) > 0)
    .map(|(s, zh)| format!("{zh} {}", count(s)))
    .collect();
    let summary = format!(
        "examples/notice.txt: 发现 6 处问题（{}） —— 初筛结论：{}",
        counts.join(" · "),
        zhscreen::Lang::Zh.messages().verdict(report.verdict)
    );
    assert!(out.contains(&summary), "{summary} not in\n{out}");
    assert!(!out.contains('\x1b'), "no colour into a pipe");
}

/// Terminal columns of CJK text and ASCII (all this test needs).
fn unicode_width_of(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

#[test]
fn clean_notice_passes() {
    let o = run(&["scan", "examples/clean.txt"], &repo());
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "examples/clean.txt: 未发现问题 —— 初筛结论：通过\n"
    );
    assert!(o.stderr.is_empty());
}

#[test]
fn exit_status_follows_fail_on() {
    let d = tmp();
    std::fs::write(d.path().join("typo.txt"), "各单位要再接再励。\n").unwrap();
    std::fs::write(d.path().join("pii.txt"), "联系电话：13907351234。\n").unwrap();
    std::fs::write(d.path().join("drugs.txt"), "出售海洛因，同城送货。\n").unwrap();
    let status = |args: &[&str]| code(&run(args, d.path()));
    // warn verdict
    assert_eq!(status(&["scan", "typo.txt"]), 0);
    assert_eq!(status(&["scan", "--fail-on", "warn", "typo.txt"]), 1);
    assert_eq!(
        status(&["scan", "--fail-on", "warn", "--exit-zero", "typo.txt"]),
        0
    );
    // review verdict
    assert_eq!(status(&["scan", "pii.txt"]), 1);
    assert_eq!(status(&["scan", "--fail-on", "block", "pii.txt"]), 0);
    // block verdict
    assert_eq!(status(&["scan", "--fail-on", "block", "drugs.txt"]), 1);
    assert_eq!(status(&["scan", "--exit-zero", "drugs.txt"]), 0);
    // an error beats everything, --exit-zero included
    assert_eq!(
        status(&["scan", "--exit-zero", "typo.txt", "missing.txt"]),
        2
    );
    // usage errors are 2 as well
    assert_eq!(status(&["scan", "--format", "xml", "typo.txt"]), 2);
    assert_eq!(status(&["scan", "--glob", "a[", "."]), 2);
}

#[test]
fn json_for_one_input_is_exactly_the_core_report() {
    let text = notice();
    let o = run(
        &["scan", "--format", "json", "examples/notice.txt"],
        &repo(),
    );
    assert_eq!(code(&o), 1);
    let core = Screener::new().unwrap().scan(&text).to_json();
    assert_eq!(stdout(&o), format!("{core}\n"));
    // And the offsets index the file.
    let v = json(&stdout(&o));
    for f in v["findings"].as_array().unwrap() {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], f["text"].as_str().unwrap());
    }
}

#[test]
fn json_array_and_jsonl_for_several_inputs() {
    let d = tmp();
    std::fs::write(d.path().join("a.txt"), SECRET_AND_TYPO).unwrap();
    std::fs::write(d.path().join("b.txt"), "今天天气很好。\n").unwrap();
    let o = run(
        &["scan", "--format", "json", "a.txt", "b.txt", "gone.txt"],
        d.path(),
    );
    assert_eq!(code(&o), 2);
    let v = json(&stdout(&o));
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    assert_eq!(arr[0]["path"], "a.txt");
    assert_eq!(arr[0]["report"]["verdict"], "review");
    assert_eq!(arr[0]["offsets"], "file");
    let n = arr[0]["report"]["findings"].as_array().unwrap().len();
    assert_eq!(arr[0]["locations"].as_array().unwrap().len(), n);
    assert_eq!(
        arr[0]["locations"][0],
        json(r#"{"line":1,"column":5,"end_line":1,"end_column":9}"#)
    );
    assert_eq!(arr[1]["report"]["verdict"], "pass");
    assert_eq!(arr[2]["path"], "gone.txt");
    // The error text is for a person, in the language of the run (Chinese by default).
    assert_eq!(arr[2]["error"], "文件或目录不存在");

    let o = run(&["scan", "--format", "jsonl", "a.txt", "b.txt"], d.path());
    assert_eq!(code(&o), 1);
    let lines: Vec<Value> = stdout(&o).lines().map(json).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "a.txt");
    assert_eq!(lines[1]["path"], "b.txt");
    let core = Screener::new().unwrap().scan(SECRET_AND_TYPO);
    assert_eq!(lines[0]["report"], serde_json::to_value(&core).unwrap());
}

#[test]
fn sarif_is_valid_2_1_0_with_one_rule_per_id() {
    let d = tmp();
    std::fs::write(d.path().join("a.txt"), SECRET_AND_TYPO).unwrap();
    std::fs::write(d.path().join("b.txt"), "再接再励，再接再励。\n").unwrap();
    let o = run(&["scan", "--format", "sarif", "a.txt", "b.txt"], d.path());
    assert_eq!(code(&o), 1);
    let v = json(&stdout(&o));
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "zhscreen");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "one rule per id: {ids:?}");
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 4 + 2);
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
    let typo: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "typo/再接再励")
        .collect();
    assert_eq!(typo.len(), 3);
    assert!(typo.iter().all(|r| r["level"] == "note"));
    let region = &typo[2]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        typo[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "b.txt"
    );
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(1), Some(6))
    );
    assert_eq!(region["endColumn"], 10);
    let mobile = results
        .iter()
        .find(|r| r["ruleId"] == "personal_info/cn_mobile")
        .unwrap();
    assert_eq!(mobile["level"], "warning");
    assert_eq!(
        mobile["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
}

#[test]
fn gbk_and_utf16_files_are_decoded() {
    let d = tmp();
    let text = notice();
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    assert!(std::str::from_utf8(&gbk).is_err());
    std::fs::write(d.path().join("notice-gbk.txt"), &gbk).unwrap();
    let o = run(&["scan", "notice-gbk.txt"], d.path());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    let (l, c) = line_col(&text, "再接再励");
    assert!(
        out.contains(&format!("notice-gbk.txt:{l}:{c}: 建议修改 typo/再接再励")),
        "{out}"
    );
    assert!(out.contains("按 GB18030 编码解码"));

    let o = run(&["scan", "--format", "jsonl", "notice-gbk.txt"], d.path());
    let v = json(stdout(&o).trim());
    assert_eq!(v["encoding"], "gb18030");
    assert_eq!(v["offsets"], "decoded");
    assert_eq!(v["report"]["findings"].as_array().unwrap().len(), 6);

    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(d.path().join("notice-utf16.txt"), &utf16).unwrap();
    let o = run(&["scan", "--format", "jsonl", "notice-utf16.txt"], d.path());
    let v = json(stdout(&o).trim());
    assert_eq!(v["encoding"], "utf-16le");
    assert_eq!(v["report"]["findings"].as_array().unwrap().len(), 6);
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于做好冬季防火工作的通知</title>
<style>.x::after { content: "内部资料"; }</style>
<script>var secret = "<p>内部资料 请勿外传</p>";</script>
</head>
<body>
<!-- 内部资料：这段注释不会显示 -->
<div class="content">
  <p>各单位要<b>再接再励</b>，做好防火工作。</p>
  <p>联系人：李明，联系电话：
     13907351234。</p>
  <p>A&amp;B 两村&nbsp;联合巡查。</p>
</div>
</body>
</html>
"#;

#[test]
fn html_pages_are_screened_by_their_visible_text() {
    let d = tmp();
    std::fs::write(d.path().join("page.html"), PAGE).unwrap();
    let o = run(&["scan", "--format", "jsonl", "page.html"], d.path());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(stdout(&o).trim());
    assert_eq!(v["format"], "html");
    assert_eq!(v["offsets"], "extracted");
    let findings = v["report"]["findings"].as_array().unwrap();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["typo/再接再励", "personal_info/cn_mobile"],
        "script, style and comments are not text"
    );
    // Locations are in the page source.
    for (i, needle) in ["再接再励", "13907351234"].iter().enumerate() {
        let (l, c) = line_col(PAGE, needle);
        let loc = &v["locations"][i];
        assert_eq!(
            (loc["line"].as_u64(), loc["column"].as_u64()),
            (Some(l as u64), Some(c as u64))
        );
    }
    let o = run(&["scan", "page.html"], d.path());
    let out = stdout(&o);
    let (l, c) = line_col(PAGE, "13907351234");
    assert!(
        out.contains(&format!("page.html:{l}:{c}: 需复核 personal_info/")),
        "{out}"
    );
    assert!(
        out.contains("13907351234。</p>"),
        "the source line is shown: {out}"
    );

    // Standard input named as a page is read as one.
    let o = run_stdin(
        &["scan", "--stdin-filename", "x.html", "--format", "jsonl"],
        d.path(),
        PAGE.as_bytes(),
    );
    let v = json(stdout(&o).trim());
    assert_eq!(v["path"], "x.html");
    assert_eq!(v["report"]["findings"].as_array().unwrap().len(), 2);

    // redact masks in the page source, char by char around tags and entities.
    std::fs::write(
        d.path().join("p.html"),
        "<p>内部<b>资料</b>，电话：&#49;3907351234</p>\n",
    )
    .unwrap();
    let o = run(&["redact", "p.html"], d.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "<p>**<b>**</b>，电话：&#49;39****1234</p>\n");
    assert_eq!(stderr(&o), "");

    // fix rewrites the page source, markup kept.
    let o = run(&["fix", "page.html"], d.path());
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), PAGE.replace("再接再励", "再接再厉"));
}

/// A minimal Word document: the parts Word itself requires.
fn write_docx(path: &Path, paragraphs: &[&[&str]]) {
    use zip::write::SimpleFileOptions;
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("[Content_Types].xml", opts).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    z.start_file("_rels/.rels", opts).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).unwrap();
    let mut body = String::new();
    for runs in paragraphs {
        body.push_str("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>");
        for r in *runs {
            body.push_str(&format!(
                "<w:r><w:rPr><w:rFonts w:eastAsia=\"仿宋_GB2312\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                r.replace('&', "&amp;").replace('<', "&lt;")
            ));
        }
        body.push_str("</w:p>");
    }
    z.start_file("word/document.xml", opts).unwrap();
    write!(z, r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#).unwrap();
    z.finish().unwrap();
}

#[test]
fn docx_findings_are_located_by_paragraph_and_character() {
    let d = tmp();
    let path = d.path().join("通知.docx");
    write_docx(
        &path,
        &[
            &["关于做好防火工作的通知"],
            // Word splits text into runs anywhere: a term across runs is still one term.
            &["各单位要再接", "再励，做好工作。"],
            &["本文件为", "内部资料", "，请勿外传。联系电话：13907351234"],
        ],
    );
    let o = run(&["scan", "通知.docx"], d.path());
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("通知.docx:2:5: 建议修改 typo/再接再励"),
        "{out}"
    );
    assert!(out.contains("通知.docx:3:5: "), "{out}");
    assert!(out.contains(" 需复核 confidential/内部资料\n"), "{out}");
    assert!(out.contains("通知.docx:3:10: "), "{out}");
    assert!(
        out.contains("通知.docx:3:20: 需复核 personal_info/cn_mobile"),
        "{out}"
    );
    assert!(out.contains("位置为段:字"));

    let o = run(&["scan", "--format", "jsonl", "通知.docx"], d.path());
    let v = json(stdout(&o).trim());
    assert_eq!(v["format"], "docx");
    assert_eq!(v["locations"][0]["line"], 2);

    // A .docx with a bad XML part is an error naming the file, and the rest is still screened.
    let bad = d.path().join("bad.docx");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
        z.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(b"<w:document><w:body><w:p><w:t>x</w:p>")
            .unwrap();
        z.finish().unwrap();
    }
    let o = run(&["--lang", "en", "scan", "bad.docx", "通知.docx"], d.path());
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("zhscreen: error: bad.docx: word/document.xml: malformed XML"),
        "{err}"
    );
    assert!(stdout(&o).contains("通知.docx:2:5:"));

    // redact prints the paragraphs masked; --write refuses to touch the .docx.
    let o = run(&["redact", "通知.docx"], d.path());
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("139****1234"), "{}", stdout(&o));
    let o = run(&["redact", "--write", "通知.docx"], d.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("通知.docx: --write cannot edit a .docx"));
}

#[test]
fn broken_pipe_exits_quietly() {
    let d = tmp();
    for i in 0..200 {
        std::fs::write(
            d.path().join(format!("{i:03}.txt")),
            SECRET_AND_TYPO.repeat(20),
        )
        .unwrap();
    }
    // As in a shell: `zhscreen scan . | head -1`.
    let o = Command::new("bash")
        .arg("-c")
        .arg(r#""$0" scan . | head -1; echo "status=${PIPESTATUS[0]}" >&2"#)
        .arg(env!("CARGO_BIN_EXE_zhscreen"))
        .current_dir(d.path())
        .output()
        .unwrap();
    assert_eq!(stdout(&o).lines().count(), 1);
    assert!(
        stdout(&o).starts_with("./000.txt:1:5: 建议修改 typo/"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        stderr(&o).trim(),
        "status=0",
        "quiet, exit 0: {}",
        stderr(&o)
    );

    // And by closing the pipe from this side.
    let mut child = bin()
        .args(["scan", "--format", "jsonl", "."])
        .current_dir(d.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0);
    assert_eq!(stderr(&o), "");
}

#[test]
fn many_files_in_directories_with_globs() {
    let d = tmp();
    let mut expected = Vec::new();
    for i in 0..120 {
        let sub = d
            .path()
            .join(format!("dept{}", i % 4))
            .join(format!("y{}", i % 3));
        std::fs::create_dir_all(&sub).unwrap();
        let ext = ["txt", "md", "html"][i % 3];
        let body = match i % 3 {
            0 => format!("第{i}号通知：各单位要再接再励。\n"),
            1 => format!("# 第{i}号\n\n联系电话：139073512{:02}\n", i % 100),
            _ => format!("<p>第{i}号：今天天气很好。</p>"),
        };
        let p = sub.join(format!("n{i:03}.{ext}"));
        std::fs::write(&p, body).unwrap();
        expected.push(p);
    }
    std::fs::create_dir_all(d.path().join(".git")).unwrap();
    std::fs::write(d.path().join(".git/HEAD.txt"), "再接再励").unwrap();
    std::fs::write(d.path().join("photo.jpg"), [0xFF, 0xD8, 0xFF, 0x00]).unwrap();

    let o = run(&["scan", "--format", "jsonl", "."], d.path());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(json).collect();
    assert_eq!(
        lines.len(),
        120,
        "hidden directories and other extensions skipped"
    );
    let paths: Vec<&str> = lines.iter().map(|v| v["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "in path order");
    let verdicts = |ext: &str| -> Vec<&str> {
        lines
            .iter()
            .filter(|v| v["path"].as_str().unwrap().ends_with(ext))
            .map(|v| v["report"]["verdict"].as_str().unwrap())
            .collect()
    };
    assert!(verdicts(".txt").iter().all(|v| *v == "warn"));
    assert!(verdicts(".md").iter().all(|v| *v == "review"));
    assert!(verdicts(".html").iter().all(|v| *v == "pass"));

    let o = run(
        &[
            "scan",
            "--format",
            "jsonl",
            "--glob",
            "*.md",
            "--glob",
            "!dept0/**",
            ".",
        ],
        d.path(),
    );
    let n = stdout(&o).lines().count();
    assert_eq!(n, 40 - 10, "{}", stdout(&o));

    let o = run(&["scan", "."], d.path());
    let last = stdout(&o).lines().last().unwrap().to_string();
    assert_eq!(last, "共审核 120 个文件：需人工复核 40 · 建议修改后发布 40 · 通过 40；问题 80 处（需复核 40 · 建议修改 40） —— 初筛结论：需人工复核");
}

#[test]
fn bad_wordlist_is_exit_2_with_file_and_line() {
    let d = tmp();
    let lists = d.path().join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    std::fs::write(
        lists.join("local.txt"),
        "@category advertising\n本店特价\n清仓甩卖 | colour=red\n",
    )
    .unwrap();
    std::fs::write(d.path().join("a.txt"), "本店特价").unwrap();
    let o = run(
        &["scan", "--lang", "en", "--wordlists", "lists", "a.txt"],
        d.path(),
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("zhscreen: error: lists/local.txt:3: "),
        "{err}"
    );
    assert!(o.stdout.is_empty());

    let o = run(&["lists", "check", "lists"], d.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("lists/local.txt:3:"));

    // A good list is used.
    std::fs::write(
        lists.join("local.txt"),
        "@category advertising\n本店特价 | severity=block\n",
    )
    .unwrap();
    let o = run(
        &["scan", "--wordlists", "lists", "--format", "json", "a.txt"],
        d.path(),
    );
    assert_eq!(code(&o), 1);
    assert_eq!(
        json(&stdout(&o))["findings"][0]["rule"],
        "advertising/本店特价"
    );
    let o = run(&["scan", "--wordlists", "nowhere", "a.txt"], d.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("nowhere: no such wordlist"));
}

#[test]
fn unreadable_inputs_are_reported_and_the_others_still_screened() {
    let d = tmp();
    std::fs::write(d.path().join("good1.txt"), "各单位要再接再励。").unwrap();
    std::fs::write(d.path().join("good2.txt"), "联系电话：13907351234").unwrap();
    std::fs::write(d.path().join("binary.txt"), [0x00, 0x01, 0x02, 0xFF]).unwrap();
    std::fs::write(d.path().join("old.doc"), [0xD0, 0xCF, 0x11, 0xE0]).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.path().join("dangling.txt")).unwrap();
    let o = run(
        &[
            "--lang",
            "en",
            "scan",
            "--format",
            "jsonl",
            "good1.txt",
            "dangling.txt",
            "binary.txt",
            "old.doc",
            "missing.txt",
            "good2.txt",
        ],
        d.path(),
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with("zhscreen: error: dangling.txt: no such file"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("zhscreen: error: binary.txt: binary file"),
        "{err}"
    );
    assert!(
        lines[2].starts_with("zhscreen: error: old.doc: unsupported format .doc"),
        "{err}"
    );
    assert!(
        lines[3].starts_with("zhscreen: error: missing.txt: no such file"),
        "{err}"
    );
    let out: Vec<Value> = stdout(&o).lines().map(json).collect();
    assert_eq!(out.len(), 6);
    assert_eq!(out[0]["report"]["verdict"], "warn");
    assert_eq!(out[5]["report"]["verdict"], "review");
    assert!(out[1..5].iter().all(|v| v["error"].is_string()));

    // A file without read permission (root reads everything, so only checked as a user).
    let locked = d.path().join("locked.txt");
    std::fs::write(&locked, "x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_err() {
        let o = run(
            &["scan", "--lang", "en", "locked.txt", "good1.txt"],
            d.path(),
        );
        assert_eq!(code(&o), 2);
        assert!(stderr(&o).contains("locked.txt: permission denied"));
        assert!(stdout(&o).contains("good1.txt:1:5:"));
    }
}

#[test]
fn standard_input() {
    let d = tmp();
    for args in [&["scan"][..], &["scan", "-"][..]] {
        let o = run_stdin(
            args,
            d.path(),
            "请于今日前报送，联系电话：13907351234。".as_bytes(),
        );
        assert_eq!(code(&o), 1);
        assert!(
            stdout(&o).starts_with("<stdin>:1:14: 需复核 personal_info/"),
            "{}",
            stdout(&o)
        );
    }
    let (gbk, _, _) = encoding_rs::GBK.encode("再接再励");
    let o = run_stdin(&["scan", "--format", "json"], d.path(), &gbk);
    assert_eq!(code(&o), 0);
    assert_eq!(json(&stdout(&o))["findings"][0]["text"], "再接再励");
}

#[test]
fn invalid_utf8_is_exit_2_with_line_and_byte() {
    let d = tmp();
    // A UTF-8 notice cut in the middle of its last character, and bytes that are no text at all.
    let mut cut = "关于做好安全生产工作的通知\n各单位：请于今日前报送材料"
        .as_bytes()
        .to_vec();
    cut.pop();
    std::fs::write(d.path().join("cut.txt"), &cut).unwrap();
    std::fs::write(d.path().join("noise.txt"), b"abc\n\xFF\xFE\xFD\x80").unwrap();
    std::fs::write(d.path().join("good.txt"), "各单位要再接再励。").unwrap();
    for format in ["human", "json", "jsonl", "sarif", "html"] {
        let o = run(
            &[
                "--lang",
                "en",
                "scan",
                "--format",
                format,
                "cut.txt",
                "noise.txt",
                "good.txt",
            ],
            d.path(),
        );
        assert_eq!(code(&o), 2, "{format}");
        let err = stderr(&o);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines,
            [
                "zhscreen: error: cut.txt: damaged UTF-8 text: invalid UTF-8 at line 2, \
                 column 13 (byte 76; 1 invalid sequence)",
                "zhscreen: error: noise.txt: not text in UTF-8, UTF-16 or GB18030/GBK: \
                 unsupported encoding: invalid UTF-8 at line 2, column 1 (byte 4; 4 invalid \
                 sequences)",
            ],
            "{format}"
        );
    }
    // The good file is still screened and reported.
    let o = run(
        &["scan", "--format", "jsonl", "cut.txt", "good.txt"],
        d.path(),
    );
    let out: Vec<Value> = stdout(&o).lines().map(json).collect();
    assert!(out[0]["error"].as_str().unwrap().contains("第 76 字节"));
    assert_eq!(out[1]["report"]["verdict"], "warn");
    // The summary gives no verdict for what was not screened.
    let o = run(&["scan", "cut.txt", "noise.txt"], d.path());
    assert_eq!(
        stdout(&o),
        "共审核 0 个文件：无；2 个输入未能审核（见错误信息） —— 无初筛结论：没有审核任何文件\n"
    );
    let o = run(&["scan", "cut.txt", "good.txt"], d.path());
    assert!(
        stdout(&o).ends_with(
            "；1 个输入未能审核（见错误信息） —— 已审核文件的初筛结论：建议修改后发布\n"
        ),
        "{}",
        stdout(&o)
    );
    // Standard input, redact and fix say the same and write nothing.
    for cmd in ["scan", "redact", "fix"] {
        let args: &[&str] = if cmd == "scan" {
            &["scan", "--lang", "en", "--format", "json"]
        } else {
            &[cmd, "--lang", "en"]
        };
        let o = run_stdin(args, d.path(), &cut);
        assert_eq!(code(&o), 2, "{cmd}");
        assert!(stdout(&o).is_empty(), "{cmd}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("<stdin>: damaged UTF-8 text: invalid UTF-8 at line 2"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
    let o = run(&["redact", "--write", "cut.txt"], d.path());
    assert_eq!(code(&o), 2);
    assert_eq!(std::fs::read(d.path().join("cut.txt")).unwrap(), cut);
    assert!(!d.path().join("cut.txt.bak").exists());
}

#[test]
fn min_severity_hides_lower_findings() {
    let d = tmp();
    std::fs::write(d.path().join("a.txt"), SECRET_AND_TYPO).unwrap();
    let o = run(
        &[
            "scan",
            "--min-severity",
            "review",
            "--format",
            "json",
            "a.txt",
        ],
        d.path(),
    );
    let v = json(&stdout(&o));
    let sev: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert!(
        !sev.is_empty() && sev.iter().all(|s| *s == "review" || *s == "block"),
        "{sev:?}"
    );
    let o = run(&["scan", "--min-severity", "review", "a.txt"], d.path());
    assert!(!stdout(&o).contains("typo/"));
    assert!(stdout(&o).contains("另有 1 处低于 --min-severity 未显示"));
}

#[test]
fn colour_follows_color_and_no_color() {
    let d = tmp();
    std::fs::write(d.path().join("a.txt"), SECRET_AND_TYPO).unwrap();
    let o = run(&["scan", "--color", "always", "a.txt"], d.path());
    assert!(stdout(&o).contains("\x1b[1;33m需复核\x1b[0m"));
    let o = bin()
        .args(["scan", "--color", "always", "a.txt"])
        .env("NO_COLOR", "1")
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains('\x1b'),
        "--color always overrides NO_COLOR"
    );
    let o = bin()
        .args(["scan", "--color", "auto", "a.txt"])
        .env("NO_COLOR", "1")
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\x1b'));
    let o = run(&["scan", "--color", "never", "a.txt"], d.path());
    assert!(!stdout(&o).contains('\x1b'));
}

#[test]
fn redact_prints_masked_text_and_writes_in_place_with_a_backup() {
    let d = tmp();
    let original =
        "经审核，王某某（身份证号：431022198503152010，电话13907351234）的申请已通过。\n";
    std::fs::write(d.path().join("a.txt"), original).unwrap();
    let o = run(&["redact", "a.txt"], d.path());
    assert_eq!(code(&o), 0);
    let expected = Screener::new().unwrap().redact(original).text;
    assert_eq!(stdout(&o), expected);
    assert!(!expected.contains("13907351234") && !expected.contains("198503152010"));

    let o = run(&["redact", "--write", "a.txt"], d.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.txt")).unwrap(),
        expected
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.txt.bak")).unwrap(),
        original
    );
    assert!(
        stderr(&o).contains("a.txt：已遮盖 2 处（utf-8 编码，原文件备份为 a.txt.bak）"),
        "{}",
        stderr(&o)
    );

    // GBK stays GBK.
    let (gbk, _, _) = encoding_rs::GBK.encode(original);
    std::fs::write(d.path().join("g.txt"), &gbk).unwrap();
    let o = run(&["redact", "--write", "--no-backup", "g.txt"], d.path());
    assert_eq!(code(&o), 0);
    assert!(!d.path().join("g.txt.bak").exists());
    let bytes = std::fs::read(d.path().join("g.txt")).unwrap();
    let (decoded, _, bad) = encoding_rs::GBK.decode(&bytes);
    assert!(!bad && std::str::from_utf8(&bytes).is_err());
    assert_eq!(decoded, expected);

    // Standard input in, text out; --write needs a file.
    let o = run_stdin(&["redact"], d.path(), original.as_bytes());
    assert_eq!(stdout(&o), expected);
    let o = run_stdin(&["redact", "--write", "-"], d.path(), original.as_bytes());
    assert_eq!(code(&o), 2);
}

#[test]
fn fix_prints_diffs_and_writes() {
    let d = tmp();
    let original = "第一段。\n各单位要再接再励，迫不急待地开展工作。\n联系电话：13907351234。\n";
    std::fs::write(d.path().join("a.txt"), original).unwrap();
    let o = run(&["fix", "a.txt"], d.path());
    assert_eq!(code(&o), 0);
    let fixed = "第一段。\n各单位要再接再厉，迫不及待地开展工作。\n联系电话：13907351234。\n";
    assert_eq!(stdout(&o), fixed);

    let o = run(&["fix", "--diff", "a.txt"], d.path());
    assert_eq!(code(&o), 1, "changes: exit 1");
    let diff = stdout(&o);
    assert!(
        diff.starts_with("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n"),
        "{diff}"
    );
    assert!(diff.contains(
        "\n-各单位要再接再励，迫不急待地开展工作。\n+各单位要再接再厉，迫不及待地开展工作。\n"
    ));

    let o = run(&["fix", "--write", "a.txt"], d.path());
    assert_eq!(code(&o), 0);
    assert_eq!(
        std::fs::read_to_string(d.path().join("a.txt")).unwrap(),
        fixed
    );
    let o = run(&["fix", "--diff", "a.txt"], d.path());
    assert_eq!(
        (code(&o), stdout(&o).as_str()),
        (0, ""),
        "nothing left to fix"
    );
}

#[test]
fn lists_check_and_stats() {
    let d = tmp();
    let lists = d.path().join("lists");
    std::fs::create_dir_all(&lists).unwrap();
    std::fs::write(lists.join("ok.txt"), "@category advertising\n本店特价\n").unwrap();
    let o = run(&["lists", "check", "lists"], d.path());
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("词表检查通过 —— 规则集 "),
        "{}",
        stdout(&o)
    );
    let o = run(&["lists", "--lang", "en", "check", "lists"], d.path());
    assert!(stdout(&o).contains("lists OK — ruleset "), "{}", stdout(&o));

    std::fs::write(
        lists.join("dup.txt"),
        "@category typo\n按装 => 安装\n按装 => 安装\n",
    )
    .unwrap();
    let o = run(&["lists", "check", "lists"], d.path());
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("lists/dup.txt:3: duplicate"),
        "{}",
        stdout(&o)
    );
    let o = run(&["lists", "check", "--format", "json", "lists"], d.path());
    let v = json(&stdout(&o));
    assert_eq!(v["problems"], 1);

    let o = run(&["lists", "stats", "--format", "json"], d.path());
    assert_eq!(code(&o), 0);
    let v = json(&stdout(&o));
    let stats = Screener::new().unwrap().stats();
    let ads = stats
        .per_category
        .iter()
        .find(|(c, _)| c.as_str() == "advertising")
        .unwrap()
        .1;
    assert_eq!(v["per_category"]["advertising"], ads);
    // ok.txt adds 本店特价; dup.txt only overrides the default 按装.
    let o = run(
        &["lists", "stats", "--format", "json", "--wordlists", "lists"],
        d.path(),
    );
    assert_eq!(json(&stdout(&o))["per_category"]["advertising"], ads + 1);
    let o = run(&["lists", "stats"], d.path());
    let human = stdout(&o);
    assert!(human.contains("personal_info"));
    assert!(human.contains("词条合计"), "{human}");
    assert!(human.contains(&format!(
        "指纹 {}",
        Screener::new().unwrap().ruleset().fingerprint
    )));
    assert!(!human.contains("total entries"), "{human}");
    let o = run(&["lists", "stats", "--lang", "en"], d.path());
    assert!(stdout(&o).contains("total entries"));
    assert!(stdout(&o).contains("ruleset "));
}

#[test]
fn version_names_the_ruleset() {
    let o = run(&["version"], &repo());
    assert_eq!(code(&o), 0);
    let info = Screener::new().unwrap().ruleset().clone();
    assert_eq!(
        stdout(&o),
        format!(
            "zhscreen {}\nruleset {} fingerprint {}\n",
            env!("CARGO_PKG_VERSION"),
            info.version,
            info.fingerprint
        )
    );
}

fn sheet_for(dir: &Path, args: &[&str]) -> String {
    let out = dir.join("sheet.html");
    let mut all = vec!["scan", "--format", "html", "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = run(&all, &repo());
    assert!(o.stdout.is_empty());
    assert_ne!(code(&o), 2, "{}", stderr(&o));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn html_sheet_is_self_contained_and_complete() {
    let d = tmp();
    let html = sheet_for(d.path(), &["examples/notice.txt", "examples/clean.txt"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        "政务新媒体信息发布审核表",
        "examples/notice.txt",
        "examples/clean.txt",
        "data-verdict=\"pass\"",
        "通过",
        "初审",
        "复审",
        "终审",
        "政治关",
        "法律关",
        "政策关",
        "保密关",
        "文字关",
        "@page { size: A4",
        "2025-11-20",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
    let info = Screener::new().unwrap().ruleset().clone();
    assert!(html.contains(&info.fingerprint));
    for bad in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
        assert!(!html.contains(bad), "external resource: {bad}");
    }
    // Every finding of the notice has a highlight and a row.
    let report = Screener::new().unwrap().scan(&notice());
    assert!(html.contains(&format!(
        "id=\"sheet-1\" data-findings=\"6\" data-verdict=\"{}\"",
        report.verdict
    )));
    for i in 0..report.findings.len() {
        assert!(html.contains(&format!("data-row=\"{i}\"")));
        assert!(
            html.contains(&format!("data-f=\"{i}\""))
                || html.contains(&format!("data-f=\"{i} "))
                || html.contains(&format!(" {i}\"")),
            "finding {i} not highlighted"
        );
    }
    assert!(html.contains(
        "title=\"#1 错别字 · 文字关 · 建议修改&#10;规则 typo/再接再励&#10;建议改为 再接再厉\""
    ));
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH")?
            .to_str()?
            .split(':')
            .map(|d| Path::new(d).join(name))
            .find(|p| p.is_file())
    })
}

fn chromium_run(browser: &Path, profile: &Path, extra: &[&str], page: &Path) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1240,1754",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .expect("run chromium")
}

#[test]
fn html_sheet_in_headless_chromium() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("ZHSCREEN_REQUIRE_CHROMIUM").is_none(),
            "ZHSCREEN_REQUIRE_CHROMIUM is set but chromium is not installed"
        );
        let _ = writeln!(std::io::stderr(), "NOTICE: chromium not found: the screenshot of the review sheet is skipped (run crates/zhscreen-cli/run-tests.sh)");
        return;
    };
    let d = tmp();
    let page = d.path().join("sheet.html");
    let html = sheet_for(d.path(), &["examples/notice.txt"]);
    std::fs::write(&page, &html).unwrap();
    let n = Screener::new().unwrap().scan(&notice()).findings.len();

    // The page checks itself: every finding has a highlight and a row, no script error.
    let profile = d.path().join("profile");
    let o = chromium_run(
        &browser,
        &profile,
        &["--enable-logging=stderr", "--v=0", "--dump-dom"],
        &page,
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    let root = dom
        .lines()
        .find(|l| l.starts_with("<html"))
        .unwrap_or_else(|| panic!("no DOM: {}", stderr(&o)));
    assert!(root.contains("data-selfcheck=\"ok\""), "{root}");
    assert!(
        root.contains(&format!("data-findings-total=\"{n}\"")),
        "{root}"
    );
    assert!(
        root.contains(&format!("data-highlighted-total=\"{n}\"")),
        "{root}"
    );
    let console: Vec<String> = stderr(&o)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    assert!(console.is_empty(), "console messages: {console:?}");

    // The self-check fails when a highlight is missing (so the check above means something).
    let broken = html.replacen("data-f=\"0\"", "data-x=\"0\"", 1);
    assert_ne!(broken, html);
    let broken_page = d.path().join("broken.html");
    std::fs::write(&broken_page, broken).unwrap();
    let o = chromium_run(
        &browser,
        &profile,
        &["--enable-logging=stderr", "--v=0", "--dump-dom"],
        &broken_page,
    );
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(dom.contains("data-selfcheck=\"fail\""));
    assert!(stderr(&o).contains("finding 1 has no highlight"));

    // The screenshot, kept as a test artefact.
    let target = Path::new(env!("CARGO_BIN_EXE_zhscreen"))
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let png = target.join("zhscreen-sheet.png");
    let _ = std::fs::remove_file(&png);
    let o = chromium_run(
        &browser,
        &profile,
        &[&format!("--screenshot={}", png.display())],
        &page,
    );
    let bytes =
        std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot ({e}): {}", stderr(&o)));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    let (w, h) = (
        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
    );
    assert_eq!((w, h), (1240, 1754));
    assert!(
        bytes.len() > 50_000,
        "a blank page compresses to almost nothing"
    );
    let _ = writeln!(
        std::io::stderr(),
        "review sheet screenshot: {}",
        png.display()
    );
}

#[test]
fn names_policy_and_home_addresses() {
    let d = tmp();
    std::fs::write(
        d.path().join("victim.txt"),
        "受害人王小明（男，12岁）在上学途中被撞。\n",
    )
    .unwrap();
    std::fs::write(d.path().join("relief.txt"), "救助对象王小明，男，68岁。\n").unwrap();
    std::fs::write(
        d.path().join("home.txt"),
        "申请人张某，家住郴州市北湖区人民路88号5栋302室。\n",
    )
    .unwrap();
    let status = |args: &[&str]| code(&run(args, d.path()));
    // names of protected people are warn by default, review under --names protect
    assert_eq!(status(&["scan", "victim.txt"]), 0);
    assert_eq!(status(&["scan", "--names", "protect", "victim.txt"]), 1);
    assert_eq!(status(&["--names", "protect", "scan", "victim.txt"]), 1);
    // relief recipients only with --names-relief
    assert_eq!(status(&["scan", "--names", "protect", "relief.txt"]), 0);
    assert_eq!(
        status(&["scan", "--names", "protect", "--names-relief", "relief.txt"]),
        1
    );
    // a bad policy is a usage error naming it
    let o = run(&["scan", "--names", "hide", "victim.txt"], d.path());
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("unknown names policy `hide`"),
        "{}",
        stderr(&o)
    );
    // home addresses are review, masked down to the county
    assert_eq!(status(&["scan", "home.txt"]), 1);
    let o = run(&["redact", "home.txt"], d.path());
    assert_eq!(stdout(&o), "申请人张某，家住郴州市北湖区************。\n");
    let o = run(&["--names", "protect", "redact", "victim.txt"], d.path());
    assert_eq!(stdout(&o), "受害人王**（男，12岁）在上学途中被撞。\n");
}

#[test]
fn sign_off_is_printed_in_every_format_and_changes_no_exit_status() {
    let text = "今日凌晨某镇发生山体滑坡，造成2人死亡。\n县长王强赶赴现场。\n".as_bytes();
    let o = run_stdin(&["scan", "-"], &repo(), text);
    assert_eq!(code(&o), 0, "a sign-off is not a finding: {}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("签批：重大信息，主要负责人审签"),
        "the level and who signs: {out}"
    );
    assert!(out.contains("因“死亡”（第1行第18列）"), "{out}");
    assert!(out.contains("因“县长”（第2行第1列）"), "{out}");
    let en = stdout(&run_stdin(&["scan", "--lang", "en", "-"], &repo(), text));
    assert!(
        en.contains("sign-off: major — the head of the unit signs"),
        "{en}"
    );
    // a routine text keeps its one line
    let o = run(&["scan", "examples/clean.txt"], &repo());
    assert!(!stdout(&o).contains("签批"), "{}", stdout(&o));
    // JSON: the core report, sign_off included
    let json: Value = serde_json::from_str(&stdout(&run_stdin(
        &["scan", "--format", "json", "-"],
        &repo(),
        text,
    )))
    .unwrap();
    assert_eq!(json["sign_off"]["level"], "major");
    assert_eq!(json["sign_off"]["reasons"][0]["text"], "死亡");
    // the review sheet shows who must sign, for a standard text too
    let html = stdout(&run_stdin(
        &["scan", "--format", "html", "-"],
        &repo(),
        text,
    ));
    assert!(
        html.contains("data-sign-off=\"major\"") && html.contains("因“死亡”"),
        "{html}"
    );
    let html = stdout(&run(
        &["scan", "--format", "html", "examples/clean.txt"],
        &repo(),
    ));
    assert!(
        html.contains("data-sign-off=\"standard\"")
            && html.contains("签批：一般信息，分管负责人终审"),
        "{html}"
    );
}

#[test]
fn wording_files_add_formulations_and_fail_with_file_and_line() {
    let d = tmp();
    std::fs::write(
        d.path().join("a.txt"),
        "全省上下奋力谱写中国式现代化湖北篇张。\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("local.txt"),
        "# 本省提法\n奋力谱写中国式现代化湖北篇章\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("bad.txt"),
        "奋力谱写新篇章\nenumeration: 三个着力\n",
    )
    .unwrap();
    // Without the file the slogan is not known; with it, its near miss is found and fixed.
    let o = run(
        &["scan", "--no-typo", "--format", "json", "a.txt"],
        d.path(),
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let o = run(
        &[
            "scan",
            "--wording",
            "local.txt",
            "--format",
            "json",
            "a.txt",
        ],
        d.path(),
    );
    assert_eq!(code(&o), 1);
    let v = json(&stdout(&o));
    assert_eq!(v["findings"][0]["rule"], "expression/formulation");
    assert_eq!(
        v["findings"][0]["suggestion"],
        "奋力谱写中国式现代化湖北篇章"
    );
    let o = run(&["fix", "--wording", "local.txt", "a.txt"], d.path());
    assert!(stdout(&o).contains("湖北篇章。"), "{}", stdout(&o));
    // The fingerprint names the ruleset with the user's entries.
    let plain = stdout(&run(&["version"], d.path()));
    let with = stdout(&run(&["--wording", "local.txt", "version"], d.path()));
    assert_ne!(plain, with);
    // A bad line: file:line, exit 2; a missing file: its path.
    let o = run(&["scan", "--wording", "bad.txt", "a.txt"], d.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.txt:2"), "{}", stderr(&o));
    let o = run(&["scan", "--wording", "nowhere.txt", "a.txt"], d.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("nowhere.txt"), "{}", stderr(&o));
    // `lists check` lints the file like the built-in data: a correct phrase near nothing.
    std::fs::write(
        d.path().join("lint.txt"),
        "奋力谱写中国式现代化湖北篇章\ncorrect: 建设美丽乡村示范点\n",
    )
    .unwrap();
    let o = run(&["--wording", "lint.txt", "lists", "check"], d.path());
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("lint.txt:2"), "{}", stdout(&o));
    let o = run(&["--wording", "local.txt", "lists", "check"], d.path());
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}
