//! The human format, after ruff: `path:line:col: severity rule`, the line with the span
//! underlined (in terminal columns: a CJK character is two), the suggestion, the note, and a
//! summary with the verdict. Its words are in the run's language (`--lang`), from the catalogue
//! (`zhscreen::messages`); the rule id stays the stable ASCII id.

use super::{input_kind, severity_counts, Emit, Scanned, Summary};
use crate::input::{Encoding, Format, InputError};
use crate::style::Paint;
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;
use zhscreen::{Lang, Verdict};

/// Lines wider than this (in terminal columns) are cut around the span.
const MAX_LINE_COLUMNS: usize = 100;
/// Columns of context kept on each side of a span in a cut line.
const CONTEXT_COLUMNS: usize = 36;

/// The human format.
#[derive(Debug)]
pub struct Human {
    paint: Paint,
    inputs: usize,
    lang: Lang,
}

impl Human {
    /// `inputs`: how many inputs the run has (a per-input summary is printed when several).
    pub fn new(paint: Paint, inputs: usize, lang: Lang) -> Human {
        Human {
            paint,
            inputs,
            lang,
        }
    }
}

impl Emit for Human {
    fn file(&mut self, out: &mut dyn Write, s: &Scanned) -> io::Result<()> {
        let p = self.paint;
        let m = self.lang.messages();
        let doc = &s.doc;
        if !s.report.findings.is_empty() {
            if let Some(note) = input_note(doc.format, doc.encoding, self.lang) {
                writeln!(out, "{}: {}", p.bold(&doc.name), note)?;
            }
        }
        for f in &s.report.findings {
            let loc = s.loc(f);
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                p.bold(&doc.name),
                loc.line,
                loc.col,
                p.severity(f.severity, m.severity(f.severity)),
                p.bold(&f.rule),
            )?;
            let (vs, ve) = doc.view_range(f.start, f.end, f.char_start, f.char_end);
            let idx = doc.line_index(vs);
            let line = doc.line_text(idx);
            let ls = doc.line_start(idx);
            let from = (vs - ls).min(line.len());
            let to = ve.saturating_sub(ls).clamp(from, line.len());
            let snippet = Snippet::new(line, from, to);
            let no = loc.line.to_string();
            let pad = " ".repeat(no.len());
            writeln!(out, "{} {}", pad, p.gutter("|"))?;
            writeln!(out, "{} {} {}", p.gutter(&no), p.gutter("|"), snippet.text)?;
            let carets = "^".repeat(snippet.span_width.max(1));
            writeln!(
                out,
                "{} {} {}{} {}",
                pad,
                p.gutter("|"),
                " ".repeat(snippet.span_col),
                p.severity(f.severity, &carets),
                p.severity(
                    f.severity,
                    &format!("{} · {}", m.category(f.category), m.gate(f.gate))
                ),
            )?;
            if let Some(sugg) = &f.suggestion {
                let line = m.human_suggestion(&p.bold(sugg));
                writeln!(out, "{} {} {}", pad, p.gutter("="), line)?;
            }
            if let Some(note) = &f.note {
                writeln!(out, "{} {} {}", pad, p.gutter("="), m.human_note(note))?;
            }
            writeln!(out)?;
        }
        let n = s.report.findings.len();
        let mut counts = [0usize; 4];
        for f in &s.report.findings {
            counts[super::severity_index(f.severity)] += 1;
        }
        let v = s.report.verdict;
        let what = m.human_findings(n, &severity_counts(&counts, self.lang), s.hidden);
        let what = format!("{}: {what}", p.bold(&doc.name));
        writeln!(
            out,
            "{}",
            m.human_verdict(&what, &p.verdict(v, m.verdict(v)))
        )?;
        sign_off(out, s, p, self.lang)?;
        if self.inputs > 1 && n > 0 {
            writeln!(out)?;
        }
        out.flush()
    }

    fn error(&mut self, _out: &mut dyn Write, _e: &InputError) -> io::Result<()> {
        Ok(()) // said on stderr, where errors belong
    }

    fn finish(&mut self, out: &mut dyn Write, sum: &Summary) -> io::Result<()> {
        if self.inputs <= 1 && sum.errors == 0 {
            return out.flush();
        }
        let p = self.paint;
        let m = self.lang.messages();
        let worst = sum.worst.unwrap_or(Verdict::Pass);
        let verdicts: Vec<String> = Verdict::ALL
            .iter()
            .zip(sum.verdicts)
            .rev()
            .filter(|(_, n)| *n > 0)
            .map(|(v, n)| format!("{} {n}", m.verdict(*v)))
            .collect();
        let line = m.human_run(
            sum.files,
            &verdicts.join(" · "),
            sum.total(),
            &severity_counts(&sum.findings, self.lang),
            sum.hidden,
            sum.errors,
        );
        // An input that could not be read was not screened: the verdict covers only the others,
        // and with none screened there is no verdict to give.
        let verdict = p.verdict(worst, m.verdict(worst));
        match (sum.files, sum.errors) {
            (0, _) => writeln!(out, "{}", m.human_partial_verdict(&line, None))?,
            (_, 0) => writeln!(out, "{}", m.human_verdict(&line, &verdict))?,
            _ => writeln!(out, "{}", m.human_partial_verdict(&line, Some(&verdict)))?,
        }
        out.flush()
    }
}

/// Who must sign (分级审核) and why, under an input's verdict: only when more than the standard
/// sign-off is needed, so that a routine post's output stays one line.
fn sign_off(out: &mut dyn Write, s: &Scanned, p: Paint, lang: Lang) -> io::Result<()> {
    let so = &s.report.sign_off;
    if so.level == zhscreen::SignOffLevel::Standard {
        return Ok(());
    }
    let m = lang.messages();
    let line = m.sign_off_line(m.sign_off_level(so.level), &so.signer(lang));
    writeln!(out, "{}: {}", p.bold(&s.doc.name), p.bold(&line))?;
    for r in &so.reasons {
        let loc = s.doc.locate(r.start, r.end, r.char_start, r.char_end);
        let why = m.sign_off_reason_line(&r.text, loc.line, loc.col, &r.note);
        writeln!(out, "  {} {}", p.gutter("="), why)?;
    }
    Ok(())
}

/// What a reader needs to know about positions in an input that is not plain UTF-8 text.
pub fn input_note(format: Format, encoding: Encoding, lang: Lang) -> Option<String> {
    let decoded = (encoding != Encoding::Utf8).then(|| encoding.as_str().to_uppercase());
    lang.messages()
        .human_input(decoded.as_deref(), input_kind(format))
}

/// A line as shown in a terminal, and where the span is under it.
#[derive(Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The line, tabs expanded, control characters made visible, cut around the span if long.
    pub text: String,
    /// Terminal column where the span starts.
    pub span_col: usize,
    /// Terminal columns the span covers.
    pub span_width: usize,
}

impl Snippet {
    /// The snippet of `line` with the span `from..to` (byte offsets in `line`).
    pub fn new(line: &str, from: usize, to: usize) -> Snippet {
        // Display cells: (text, width, byte offset in line).
        let mut cells: Vec<(String, usize, usize)> = Vec::new();
        for (i, c) in line.char_indices() {
            let (s, w) = match c {
                '\t' => ("    ".to_string(), 4),
                '\n' => ("↵".to_string(), 1),
                '\u{feff}' => (String::new(), 0),
                c if c.is_control() => (" ".to_string(), 1),
                c => (c.to_string(), c.width().unwrap_or(0)),
            };
            cells.push((s, w, i));
        }
        let first = cells.partition_point(|c| c.2 < from);
        let last = cells.partition_point(|c| c.2 < to);
        let width = |cs: &[(String, usize, usize)]| cs.iter().map(|c| c.1).sum::<usize>();
        let total = width(&cells);
        let (mut lo, mut hi) = (0, cells.len());
        if total > MAX_LINE_COLUMNS {
            let mut w = 0;
            lo = first;
            while lo > 0 && w + cells[lo - 1].1 <= CONTEXT_COLUMNS {
                lo -= 1;
                w += cells[lo].1;
            }
            w = 0;
            hi = last;
            while hi < cells.len() && w + cells[hi].1 <= CONTEXT_COLUMNS {
                w += cells[hi].1;
                hi += 1;
            }
        }
        let mut text = String::new();
        let mut span_col = 0;
        if lo > 0 {
            text.push('…');
            span_col += 1;
        }
        for c in &cells[lo..hi] {
            text.push_str(&c.0);
        }
        span_col += width(&cells[lo..first]);
        if hi < cells.len() {
            text.push('…');
        }
        Snippet {
            text: text.trim_end().to_string(),
            span_col,
            span_width: width(&cells[first..last]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_chars_take_two_columns() {
        let line = "联系电话：13800138000。";
        let from = line.find('1').unwrap();
        let s = Snippet::new(line, from, from + 11);
        assert_eq!((s.span_col, s.span_width), (10, 11));
        let from = line.find('电').unwrap();
        let s = Snippet::new(line, from, from + 6);
        assert_eq!((s.span_col, s.span_width), (4, 4));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}再接再励{}", "甲".repeat(200), "乙".repeat(200));
        let from = line.find('再').unwrap();
        let s = Snippet::new(&line, from, from + "再接再励".len());
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert!(s.text.chars().count() < 50);
        let shown: String = s
            .text
            .chars()
            .skip(1 + (s.span_col - 1) / 2)
            .take(4)
            .collect();
        assert_eq!(shown, "再接再励");
        assert_eq!(s.span_width, 8);
    }
}
