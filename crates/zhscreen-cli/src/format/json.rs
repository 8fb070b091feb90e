//! `json` and `jsonl`.
//!
//! `json` with one input prints exactly the core report (`docs/contract.md`). With several inputs it
//! prints an array of entries, and `jsonl` prints one entry a line as each input finishes. An
//! entry is `{path, format, encoding, offsets, report, locations}`:
//! - `offsets` says what the report's offsets index: `file` (the file's own UTF-8 bytes),
//!   `decoded` (the UTF-8 text decoded from GB18030 or UTF-16), or `extracted` (the visible text
//!   of an HTML page, the paragraphs of a .docx joined by `\n`);
//! - `locations[i]` places `report.findings[i]` in the file: 1-based `line`/`column` and
//!   `end_line`/`end_column` in characters (HTML: of the page source; .docx: paragraph and
//!   character).
//!
//! An input that could not be screened is an entry `{path, error}`. `error` is a sentence for a
//! person in the `--lang` language (Chinese by default), like the notes: a program tests whether
//! `error` is there, never its words.

use super::{Emit, Scanned, Summary};
use crate::input::{Encoding, Format, InputError};
use serde::Serialize;
use std::io::{self, Write};
use zhscreen::{Lang, Report};

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    format: &'static str,
    encoding: &'static str,
    offsets: &'static str,
    report: &'a Report,
    locations: Vec<Location>,
}

#[derive(Serialize)]
struct Location {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct ErrorEntry<'a> {
    path: &'a str,
    error: &'a str,
}

fn entry(s: &Scanned) -> Entry<'_> {
    let doc = &s.doc;
    let offsets = match (doc.format, doc.encoding) {
        (Format::Html | Format::Docx, _) => "extracted",
        (_, Encoding::Utf8) => "file",
        _ => "decoded",
    };
    Entry {
        path: &doc.name,
        format: doc.format.as_str(),
        encoding: doc.encoding.as_str(),
        offsets,
        report: &s.report,
        locations: s
            .report
            .findings
            .iter()
            .map(|f| {
                let l = s.loc(f);
                Location {
                    line: l.line,
                    column: l.col,
                    end_line: l.end_line,
                    end_column: l.end_col,
                }
            })
            .collect(),
    }
}

fn to_line<T: Serialize>(v: &T) -> io::Result<String> {
    serde_json::to_string(v).map_err(io::Error::other)
}

/// `--format json`.
#[derive(Debug)]
pub struct Json {
    single: bool,
    written: usize,
    lang: Lang,
}

impl Json {
    /// `inputs`: how many inputs the run has; with one, the bare report is printed. `lang` is
    /// the language of an input's `error` text (the notes follow the screener's language).
    pub fn new(inputs: usize, lang: Lang) -> Json {
        Json {
            single: inputs == 1,
            written: 0,
            lang,
        }
    }

    fn item(&mut self, out: &mut dyn Write, line: &str) -> io::Result<()> {
        let sep = if self.written == 0 { "[\n" } else { ",\n" };
        self.written += 1;
        write!(out, "{sep}{line}")
    }
}

impl Emit for Json {
    fn file(&mut self, out: &mut dyn Write, s: &Scanned) -> io::Result<()> {
        if self.single {
            self.written += 1;
            return writeln!(out, "{}", s.report.to_json());
        }
        let line = to_line(&entry(s))?;
        self.item(out, &line)
    }

    fn error(&mut self, out: &mut dyn Write, e: &InputError) -> io::Result<()> {
        if self.single {
            return Ok(());
        }
        let line = to_line(&ErrorEntry {
            path: &e.name,
            error: &e.message(self.lang),
        })?;
        self.item(out, &line)
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Summary) -> io::Result<()> {
        if !self.single {
            if self.written == 0 {
                writeln!(out, "[]")?;
            } else {
                writeln!(out, "\n]")?;
            }
        }
        out.flush()
    }
}

/// `--format jsonl`: one entry a line, flushed as each input finishes; an input's `error` text in
/// the language given.
#[derive(Debug, Default)]
pub struct JsonLines(pub Lang);

impl Emit for JsonLines {
    fn file(&mut self, out: &mut dyn Write, s: &Scanned) -> io::Result<()> {
        writeln!(out, "{}", to_line(&entry(s))?)?;
        out.flush()
    }

    fn error(&mut self, out: &mut dyn Write, e: &InputError) -> io::Result<()> {
        let line = to_line(&ErrorEntry {
            path: &e.name,
            error: &e.message(self.0),
        })?;
        writeln!(out, "{line}")?;
        out.flush()
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Summary) -> io::Result<()> {
        out.flush()
    }
}
