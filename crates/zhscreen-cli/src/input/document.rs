//! A decoded input ready to screen: the screened text, and the way back from a finding's
//! offsets to a line and column of what the reader has in front of them (the text file, the HTML
//! page source, the Word paragraph); carrying replacements back to the page source.

use super::decode::Encoding;
use super::docx;
use super::html_text;
use super::Format;

/// A place in a document: 1-based line (paragraph for .docx) and column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    /// 1-based line of the start (paragraph for .docx; line of the HTML source).
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub col: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column one past the last character.
    pub end_col: usize,
}

/// One decoded input, ready to screen.
#[derive(Debug)]
pub struct Document {
    /// The name shown in every output: the path as given, or `<stdin>`.
    pub name: String,
    /// What kind of document it is.
    pub format: Format,
    /// How its bytes were decoded.
    pub encoding: Encoding,
    /// The text that is screened; every finding's offsets point into it.
    pub text: String,
    /// For HTML: the decoded page source, which locations refer to.
    pub source: Option<String>,
    /// For HTML: for each char of `text`, its byte range in `source`.
    pub(crate) char_map: Vec<(usize, usize)>,
    /// Byte offsets in `view()` where each line (or .docx paragraph) starts.
    pub(crate) line_starts: Vec<usize>,
}

impl Document {
    /// Builds a document from the decoded text of a file of the given format.
    pub fn from_text(
        name: String,
        format: Format,
        encoding: Encoding,
        decoded: String,
    ) -> Document {
        match format {
            Format::Html => {
                let extracted = html_text::extract(&decoded);
                let line_starts = line_starts(&decoded);
                Document {
                    name,
                    format,
                    encoding,
                    text: extracted.text,
                    source: Some(decoded),
                    char_map: extracted.char_map,
                    line_starts,
                }
            }
            _ => {
                let line_starts = line_starts(&decoded);
                Document {
                    name,
                    format,
                    encoding,
                    text: decoded,
                    source: None,
                    char_map: Vec::new(),
                    line_starts,
                }
            }
        }
    }

    pub(super) fn from_docx(name: String, doc: docx::DocxText) -> Document {
        Document {
            name,
            format: Format::Docx,
            encoding: Encoding::Utf8,
            text: doc.text,
            source: None,
            char_map: Vec::new(),
            line_starts: doc.paragraph_starts,
        }
    }

    /// The text locations refer to: the HTML source, or the screened text.
    pub fn view(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.text)
    }

    /// The byte range in `view()` of the screened text's chars `char_start..char_end` and bytes
    /// `start..end`.
    pub fn view_range(
        &self,
        start: usize,
        end: usize,
        char_start: usize,
        char_end: usize,
    ) -> (usize, usize) {
        if self.source.is_none() {
            return (start, end);
        }
        let n = self.char_map.len();
        if n == 0 {
            return (0, 0);
        }
        let first = self.char_map[char_start.min(n - 1)].0;
        let last = if char_end > char_start {
            self.char_map[(char_end - 1).min(n - 1)].1
        } else {
            first
        };
        (first, last.max(first))
    }

    /// The 0-based index of the line (paragraph) holding byte `pos` of `view()`.
    pub fn line_index(&self, pos: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= pos)
            .saturating_sub(1)
    }

    /// The text of line `idx` (0-based) of `view()`, without its line break.
    pub fn line_text(&self, idx: usize) -> &str {
        let view = self.view();
        let start = self.line_starts.get(idx).copied().unwrap_or(view.len());
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(view.len())
            .min(view.len());
        let line = &view[start.min(end)..end];
        line.strip_suffix('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .unwrap_or(line)
    }

    /// Byte offset in `view()` where line `idx` starts.
    pub fn line_start(&self, idx: usize) -> usize {
        self.line_starts.get(idx).copied().unwrap_or(0)
    }

    /// Where a finding is, for people: line and column (in characters) of `view()`.
    pub fn locate(&self, start: usize, end: usize, char_start: usize, char_end: usize) -> Loc {
        let (vs, ve) = self.view_range(start, end, char_start, char_end);
        let view = self.view();
        let point = |pos: usize| {
            let idx = self.line_index(pos);
            let ls = self.line_start(idx).min(pos);
            let mut col = view[ls..pos].chars().count() + 1;
            if idx == 0 && view.starts_with('\u{feff}') && pos > 0 {
                col -= 1; // the byte-order mark is not a column
            }
            (idx + 1, col)
        };
        let (line, col) = point(vs);
        let (end_line, end_col) = point(ve);
        Loc {
            line,
            col,
            end_line,
            end_col,
        }
    }
}

impl Document {
    /// Checks what the command tells a reader about `report` (a report of [`Document::text`]):
    /// the document's own maps are consistent (line starts increasing; for HTML one source range
    /// per char, on char boundaries); every finding's range in [`Document::view`] lies on char
    /// boundaries, inside the view, in order of the findings (for text, exactly the finding's
    /// text); its line and column lie inside the document, start before end. The fuzzer and the
    /// property tests call it; an error names the first thing that does not hold.
    pub fn check_locations(&self, report: &zhscreen::Report) -> Result<(), String> {
        let view = self.view();
        if !self.line_starts.windows(2).all(|w| w[0] < w[1]) {
            return Err(format!(
                "line starts not increasing: {:?}",
                self.line_starts
            ));
        }
        if let Some(source) = &self.source {
            if self.char_map.len() != self.text.chars().count() {
                return Err(format!(
                    "{} source ranges for {} chars",
                    self.char_map.len(),
                    self.text.chars().count()
                ));
            }
            for &(s, e) in &self.char_map {
                if !(s <= e && source.is_char_boundary(s) && source.is_char_boundary(e)) {
                    return Err(format!("source range {s}..{e} of {} bytes", source.len()));
                }
            }
        }
        let mut prev = 0;
        for f in &report.findings {
            let (vs, ve) = self.view_range(f.start, f.end, f.char_start, f.char_end);
            if !(vs <= ve && view.is_char_boundary(vs) && view.is_char_boundary(ve)) {
                return Err(format!("{}: {vs}..{ve} of {} bytes", f.rule, view.len()));
            }
            if self.source.is_none() && view[vs..ve] != f.text {
                return Err(format!("{}: {vs}..{ve} is not {:?}", f.rule, f.text));
            }
            if vs < prev {
                return Err(format!("{}: at {vs}, before the previous finding", f.rule));
            }
            prev = vs;
            let loc = self.locate(f.start, f.end, f.char_start, f.char_end);
            let lines = self.line_starts.len().max(1);
            if loc.line < 1 || loc.col < 1 || loc.end_line > lines {
                return Err(format!("{}: {loc:?} in {lines} lines", f.rule));
            }
            if (loc.line, loc.col) > (loc.end_line, loc.end_col) {
                return Err(format!("{}: {loc:?} ends before it starts", f.rule));
            }
            // A .docx paragraph may hold line breaks (`<w:br/>`); it is one "line" all the same.
            if self.format != Format::Docx && self.line_text(loc.line - 1).contains('\n') {
                return Err(format!("{}: line {} holds a line break", f.rule, loc.line));
            }
        }
        Ok(())
    }

    /// Applies replacements made on the screened text to the text a user edits: the text itself,
    /// or for HTML the page source, where each replaced span must stand in the source as it
    /// stands in the text (no tag or entity inside it). Returns the new text and, for each
    /// replacement that could not be carried over, why.
    pub fn apply(
        &self,
        replacements: &[zhscreen::Replacement],
        rewritten: &str,
    ) -> (String, Vec<String>) {
        let Some(source) = &self.source else {
            return (rewritten.to_string(), Vec::new());
        };
        let mut out = String::with_capacity(source.len());
        let mut skipped = Vec::new();
        let mut pos = 0;
        let (mut byte, mut chars) = (0usize, 0usize);
        for r in replacements {
            chars += self.text[byte..r.start].chars().count();
            byte = r.start;
            let cs = chars;
            let ce = cs + r.original.chars().count();
            let (s, e) = self.view_range(r.start, r.end, cs, ce);
            if s >= pos && source.get(s..e) == Some(r.original.as_str()) {
                out.push_str(&source[pos..s]);
                out.push_str(&escape_html_text(&r.replacement));
                pos = e;
                continue;
            }
            // Markup or entities inside the span: replace char by char where the replacement
            // has as many chars (masks do), leaving the tags between them alone.
            let ranges = self.char_map.get(cs..ce).unwrap_or(&[]);
            let ordered = !ranges.is_empty()
                && ranges[0].0 >= pos
                && ranges.windows(2).all(|w| w[1].0 >= w[0].1);
            if ordered && r.replacement.chars().count() == ranges.len() {
                for ((&(rs, re), old), new) in ranges
                    .iter()
                    .zip(r.original.chars())
                    .zip(r.replacement.chars())
                {
                    out.push_str(&source[pos..rs]);
                    if old == new {
                        out.push_str(&source[rs..re]);
                    } else {
                        out.push_str(&escape_html_text(new.encode_utf8(&mut [0; 4])));
                    }
                    pos = re;
                }
                continue;
            }
            let loc = self.locate(r.start, r.end, cs, ce);
            skipped.push(format!(
                "{}:{}:{}: `{}` cannot be replaced in the page source (markup inside it): left as it is",
                self.name, loc.line, loc.col, r.original
            ));
        }
        out.push_str(&source[pos..]);
        (out, skipped)
    }
}

fn escape_html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The byte offset of every line's start.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}
