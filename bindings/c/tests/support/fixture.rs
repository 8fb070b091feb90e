//! The corpus fixture for the C and Java tests: the texts to scan, each followed by what the Rust
//! API (`zhscreen::Screener`, not this crate) says about it, in a line format a C program and a
//! Java program can reproduce and compare byte for byte.
//!
//! ```text
//! case    ID  TEXT
//! verdict VERDICT N
//! finding CATEGORY GATE SEVERITY START END CHAR_START CHAR_END UTF16_START UTF16_END RULE TEXT SUGGESTION NOTE
//! json    REPORT_JSON
//! redact  COUNT TEXT
//! fix     COUNT TEXT
//! end
//! ```
//! Fields are separated by one tab. Strings are escaped: bytes below 0x20, 0x7f and `\` are
//! written `\xNN` (lower-case hex); every other byte as it is. An absent suggestion or note is
//! `\N` (an escaped string never holds a bare `\N`). UTF-16 offsets are computed here with
//! `str::encode_utf16`, independently of the binding's own computation.
//!
//! Texts: the shared annotated cases, the project's own cases, ECSpell's official-document
//! sentences, paragraphs of the government work reports, the seed regulations, and a few made
//! here for the edges of the C ABI (empty text, NUL bytes, characters outside the BMP, control
//! characters, a long text).

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use zhscreen::Screener;

/// How many texts of each large source to take (all the annotated cases are always taken).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// ECSpell sentences.
    pub ecspell: usize,
    /// Government work report paragraphs, spread evenly over the reports.
    pub gov_paragraphs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            ecspell: 400,
            gov_paragraphs: 200,
        }
    }
}

/// The repository root (`bindings/c/../..`).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `shared/` sits beside the repository; `ZHSCREEN_SHARED` overrides it.
pub fn shared() -> PathBuf {
    std::env::var_os("ZHSCREEN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The texts to scan, as `(id, text)`.
pub fn texts(limits: Limits) -> Result<Vec<(String, String)>, String> {
    let shared = shared();
    let mut out = Vec::new();

    // Annotated cases: shared first, then the project's own, in file-name order.
    let mut case_files = vec![shared.join("corpus/cases.jsonl")];
    let own = repo().join("tests/cases");
    if let Ok(dir) = std::fs::read_dir(&own) {
        let mut own_files: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        own_files.sort();
        case_files.extend(own_files);
    }
    for path in &case_files {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (n, line) in read(path)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            let text = v["text"]
                .as_str()
                .ok_or_else(|| format!("{}:{}: no `text`", path.display(), n + 1))?;
            let id = v["id"]
                .as_str()
                .map_or_else(|| format!("{}", n + 1), str::to_string);
            out.push((format!("{stem}/{id}"), text.to_string()));
        }
    }

    // Edges of the ABI, made here; what is expected of them still comes from the Rust API.
    let edges: [&str; 9] = [
        "",
        "😀😀联系电话：13800138000，𠀀𠀁身份证110108199003071238，出售海洛因🙂",
        "abc\0def 出售海洛因\0\0报名请联系：13800138000",
        "第一行\t出售冰*毒\n第二行\r\n绝密★10年\u{7f}\u{1}",
        "ｅｍａｉｌ：li.ming@example.com 电话：１３８００１３８０００",
        "\\x41 反斜杠\\N 不是转义：出售海洛因",
        "𝕏𝕐𝕫 全网最低价，史上最强，加微信下单",
        "\u{feff}\u{200b}身\u{200b}份\u{200b}证\u{200b}：110108199003071238",
        "😀",
    ];
    for (i, t) in edges.iter().enumerate() {
        out.push((format!("edge/{i}"), (*t).to_string()));
    }
    let reports = read(&shared.join("corpus/gov_work_reports.jsonl"))?;
    if let Some(first) = reports.lines().next() {
        let v: Value = serde_json::from_str(first).map_err(|e| format!("gov_work_reports: {e}"))?;
        let long = v["text"].as_str().unwrap_or_default();
        out.push((
            "edge/long".to_string(),
            format!("😀{long}\n联系电话：13800138000"),
        ));
    }

    // The seed regulations, whole.
    let mut seed_files: Vec<PathBuf> = std::fs::read_dir(shared.join("seeds"))
        .map_err(|e| format!("{}: {e}", shared.join("seeds").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seed_files.sort();
    for p in seed_files {
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((format!("seed/{name}"), read(&p)?));
    }

    // ECSpell official-document sentences (typos and their fixes).
    let ecspell = read(&shared.join("corpus/ecspell_odw_train.tsv"))?;
    for (n, line) in ecspell.lines().enumerate().take(limits.ecspell) {
        let mut cols = line.split('\t');
        if let (Some(_), Some(source)) = (cols.next(), cols.next()) {
            out.push((format!("ecspell/{}", n + 1), source.to_string()));
        }
    }

    // Government work report paragraphs, spread evenly.
    let mut paragraphs = Vec::new();
    for line in reports.lines() {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("gov_work_reports: {e}"))?;
        let year = v["year"].to_string();
        for (i, p) in v["text"].as_str().unwrap_or_default().lines().enumerate() {
            if !p.trim().is_empty() {
                paragraphs.push((format!("gov/{year}/{i}"), p.to_string()));
            }
        }
    }
    if limits.gov_paragraphs > 0 && !paragraphs.is_empty() {
        let step = (paragraphs.len() / limits.gov_paragraphs).max(1);
        out.extend(
            paragraphs
                .into_iter()
                .step_by(step)
                .take(limits.gov_paragraphs),
        );
    }
    Ok(out)
}

/// Appends `s` escaped (see the module docs).
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        if (c as u32) < 0x20 || c == '\u{7f}' || c == '\\' {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            out.push(c);
        }
    }
}

fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "\\N".to_string(), escaped)
}

/// What the Rust API says about `text`, in the fixture's line format (without the `case` line).
pub fn expected(screener: &Screener, text: &str) -> String {
    let report = screener.scan(text);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "verdict\t{}\t{}",
        report.verdict,
        report.findings.len()
    );
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    for f in &report.findings {
        let _ = writeln!(
            out,
            "finding\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            f.category,
            f.gate,
            f.severity,
            f.start,
            f.end,
            f.char_start,
            f.char_end,
            utf16(f.start),
            utf16(f.end),
            escaped(&f.rule),
            escaped(&f.text),
            opt(f.suggestion.as_deref()),
            opt(f.note.as_deref()),
        );
    }
    let so = &report.sign_off;
    let _ = writeln!(out, "signoff\t{}\t{}", so.level, so.reasons.len());
    for r in &so.reasons {
        let _ = writeln!(
            out,
            "reason\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.level,
            r.start,
            r.end,
            utf16(r.start),
            utf16(r.end),
            escaped(&r.rule),
            escaped(&r.text),
            escaped(&r.note),
        );
    }
    let _ = writeln!(out, "json\t{}", escaped(&report.to_json()));
    let redacted = screener.redact(text);
    let _ = writeln!(
        out,
        "redact\t{}\t{}",
        redacted.replacements.len(),
        escaped(&redacted.text)
    );
    let fixed = screener.fix(text);
    let _ = writeln!(
        out,
        "fix\t{}\t{}",
        fixed.replacements.len(),
        escaped(&fixed.text)
    );
    out.push_str("end\n");
    out
}

/// Writes the fixture to `path`; returns the number of cases and of findings.
pub fn write(path: &Path, limits: Limits) -> Result<(usize, usize), String> {
    let screener = Screener::new().map_err(|e| e.to_string())?;
    let texts = texts(limits)?;
    let mut out = String::new();
    let mut findings = 0;
    for (id, text) in &texts {
        let _ = writeln!(out, "case\t{}\t{}", escaped(id), escaped(text));
        let block = expected(&screener, text);
        findings += block.lines().filter(|l| l.starts_with("finding\t")).count();
        out.push_str(&block);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((texts.len(), findings))
}
