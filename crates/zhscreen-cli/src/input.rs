//! Reading inputs: bytes → decoded text → the text that is screened, and the way back from a
//! finding's offsets to a place a person can find (file line and column, Word paragraph and
//! character, HTML source line and column).

use crate::docx;
use crate::html_text;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How the bytes of an input were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a leading byte-order mark is kept in the text, so offsets are file offsets).
    Utf8,
    /// UTF-16 little-endian with a byte-order mark (Notepad's "Unicode").
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// GB18030, which includes GBK and GB2312 (legacy Chinese Windows).
    Gb18030,
}

impl Encoding {
    /// The label used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }

    /// Encodes `text` back to this encoding (for `--write`).
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let mut out = Vec::with_capacity(text.len() * 2 + 2);
                let le = self == Encoding::Utf16Le;
                let bom: u16 = 0xFEFF;
                for unit in std::iter::once(bom).chain(text.encode_utf16()) {
                    out.extend_from_slice(&if le {
                        unit.to_le_bytes()
                    } else {
                        unit.to_be_bytes()
                    });
                }
                out
            }
            Encoding::Gb18030 => {
                // GB18030 covers all of Unicode: nothing is lost.
                let (bytes, _, _) = encoding_rs::GB18030.encode(text);
                bytes.into_owned()
            }
        }
    }
}

/// What kind of document an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown, screened as text.
    Markdown,
    /// An HTML page: its visible text is screened.
    Html,
    /// A Word document: the paragraphs of `word/document.xml`.
    Docx,
}

impl Format {
    /// The label used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// Extensions screened when walking a directory without `--glob`.
pub const DEFAULT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "docx",
];

/// An input that could not be screened, with the path it concerns.
#[derive(Debug)]
pub struct InputError {
    /// The path (or `<stdin>`).
    pub name: String,
    /// What went wrong, as one line.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for InputError {}

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file.
    File(PathBuf),
    /// Standard input, shown as `name`.
    Stdin,
}

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
    char_map: Vec<(usize, usize)>,
    /// Byte offsets in `view()` where each line (or .docx paragraph) starts.
    line_starts: Vec<usize>,
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

    fn from_docx(name: String, doc: docx::DocxText) -> Document {
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

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
    starts
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

/// The format of a file, from its extension; `None` for an unknown extension (sniffed later).
fn format_from_extension(path: &Path) -> Result<Option<Format>, String> {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Ok(None);
    };
    let ext = ext.to_ascii_lowercase();
    Ok(match ext.as_str() {
        "txt" | "text" | "log" | "csv" | "tsv" => Some(Format::Text),
        "md" | "markdown" | "mdown" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "docx" | "docm" => Some(Format::Docx),
        "doc" | "wps" => {
            return Err(format!(
                "unsupported format .{ext} (legacy binary Word/WPS): save it as .docx or .txt"
            ))
        }
        "pdf" | "xls" | "xlsx" | "et" | "ppt" | "pptx" | "dps" | "odt" | "ods" | "odp" | "rtf"
        | "ofd" => {
            return Err(format!(
                "unsupported format .{ext}: export the text as .docx or .txt"
            ))
        }
        _ => None,
    })
}

/// Reads and decodes one input.
pub fn load(origin: &Origin, name: &str) -> Result<Document, InputError> {
    let err = |message: String| InputError {
        name: name.to_string(),
        message,
    };
    let (bytes, hinted) = match origin {
        Origin::File(path) => {
            let hinted = format_from_extension(path).map_err(err)?;
            let bytes = std::fs::read(path).map_err(|e| err(io_message(&e)))?;
            (bytes, hinted)
        }
        Origin::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| err(io_message(&e)))?;
            let hinted = format_from_extension(Path::new(name)).map_err(err)?;
            (bytes, hinted)
        }
    };
    from_bytes(name, hinted, bytes).map_err(err)
}

/// Decodes the bytes of one input of the given (or sniffed) format. An error is one line: what
/// it quotes from the file (a tag name in malformed XML, say) has its control characters escaped.
pub fn from_bytes(name: &str, hinted: Option<Format>, bytes: Vec<u8>) -> Result<Document, String> {
    read_document(name, hinted, bytes).map_err(|message| {
        let mut line = String::with_capacity(message.len());
        for c in message.chars() {
            if c.is_control() {
                line.extend(c.escape_debug());
            } else {
                line.push(c);
            }
        }
        line
    })
}

fn read_document(name: &str, hinted: Option<Format>, bytes: Vec<u8>) -> Result<Document, String> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let format = match hinted {
        Some(f) => f,
        None if is_zip => Format::Docx,
        None => Format::Text,
    };
    if format == Format::Docx {
        if !is_zip {
            return Err("not a .docx file (no zip container): save it again from Word".into());
        }
        let doc = docx::extract(&bytes)?;
        return Ok(Document::from_docx(name.to_string(), doc));
    }
    if is_zip {
        return Err("unsupported format (a zip archive that is not a Word document)".into());
    }
    let (text, encoding) = decode(bytes)?;
    let format = match hinted {
        Some(f) => f,
        None if looks_like_html(&text) => Format::Html,
        None => Format::Text,
    };
    Ok(Document::from_text(
        name.to_string(),
        format,
        encoding,
        text,
    ))
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Decodes text: UTF-8, UTF-16 with a byte-order mark, or else GB18030 (GBK).
///
/// Bytes that are not valid UTF-8 are GB18030 unless they are mostly UTF-8: a UTF-8 file with a
/// few damaged bytes (cut in the middle of a character, a stray Latin-1 byte) also decodes as
/// GB18030 more often than not, into text in which nothing would be found. Such a file is an
/// error naming the line, column and byte of the first damaged sequence.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Encoding), String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    let probe = &bytes[..bytes.len().min(8192)];
    if probe.contains(&0) {
        return Err("binary file (NUL bytes), not text: unsupported format".into());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, Encoding::Utf8)),
        Err(e) => {
            let bytes = e.into_bytes();
            let damage = Utf8Damage::measure(&bytes);
            if damage.is_damaged_utf8() {
                return Err(damage.describe("damaged UTF-8 text"));
            }
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes) {
                Some(text) => Ok((text.into_owned(), Encoding::Gb18030)),
                None => Err(damage
                    .describe("not text in UTF-8, UTF-16 or GB18030/GBK: unsupported encoding")),
            }
        }
    }
}

/// How much of a byte string that is not valid UTF-8 is UTF-8 all the same.
struct Utf8Damage {
    /// Valid characters of two to four bytes.
    multibyte: usize,
    /// Invalid sequences.
    invalid: usize,
    /// Where the first invalid sequence starts: byte offset, line and column (1-based, in
    /// characters of the valid text before it).
    first: (usize, usize, usize),
}

impl Utf8Damage {
    fn measure(bytes: &[u8]) -> Utf8Damage {
        let (mut multibyte, mut invalid, mut offset) = (0, 0, 0);
        let mut first = None;
        let (mut line, mut col) = (1, 1);
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
            if first.is_none() {
                for c in valid.chars() {
                    if c == '\n' {
                        (line, col) = (line + 1, 1);
                    } else {
                        col += 1;
                    }
                }
                if !chunk.invalid().is_empty() {
                    first = Some((offset + valid.len(), line, col));
                }
            }
            invalid += usize::from(!chunk.invalid().is_empty());
            offset += valid.len() + chunk.invalid().len();
        }
        Utf8Damage {
            multibyte,
            invalid,
            first: first.unwrap_or((offset, line, col)),
        }
    }

    /// Text in another encoding forms a valid multi-byte UTF-8 character now and then, and
    /// breaks the rules at almost every other character; UTF-8 with a little damage has many
    /// valid characters to each broken one.
    fn is_damaged_utf8(&self) -> bool {
        self.multibyte >= 4 * self.invalid.max(1)
    }

    fn describe(&self, what: &str) -> String {
        let (byte, line, col) = self.first;
        let s = if self.invalid == 1 { "" } else { "s" };
        format!(
            "{what}: invalid UTF-8 at line {line}, column {col} (byte {byte}; {} invalid sequence{s})",
            self.invalid
        )
    }
}

fn decode_utf16(
    rest: &[u8],
    enc: &'static encoding_rs::Encoding,
    ours: Encoding,
) -> Result<(String, Encoding), String> {
    enc.decode_without_bom_handling_and_without_replacement(rest)
        .map(|t| (t.into_owned(), ours))
        .ok_or_else(|| format!("invalid {} text", ours.as_str()))
}

/// An I/O error as a short message without the OS error number.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_gbk_and_utf16() {
        let (gbk, _, _) = encoding_rs::GBK.encode("内部资料");
        let (text, enc) = decode(gbk.into_owned()).unwrap();
        assert_eq!((text.as_str(), enc), ("内部资料", Encoding::Gb18030));
        let utf16 = Encoding::Utf16Le.encode("再接再励");
        let (text, enc) = decode(utf16.clone()).unwrap();
        assert_eq!((text.as_str(), enc), ("再接再励", Encoding::Utf16Le));
        assert_eq!(Encoding::Utf16Le.encode(&text), utf16);
        assert!(decode(vec![0x00, 0x01, 0x02]).is_err());
        assert!(decode(vec![0xFF, 0x80, 0x80]).is_err());
    }

    #[test]
    fn an_error_quoting_the_file_is_one_line() {
        // Found by the `cli_input` fuzzer: malformed XML quotes a tag name holding NUL and a
        // line feed.
        let xml = "<w:p><w:r><w:delText>x</w:d\0\nText></w:r></w:p>";
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let err = from_bytes("x.docx", Some(Format::Docx), bytes).unwrap_err();
        assert!(!err.chars().any(char::is_control), "{err:?}");
        assert!(err.contains(r"</w:d\0\nText>"), "{err}");
    }

    #[test]
    fn damaged_utf8_is_an_error_not_gb18030() {
        // A UTF-8 file cut in the middle of its last character.
        let mut cut = "第一行\n第二行内部资料".as_bytes().to_vec();
        cut.pop();
        let err = decode(cut).unwrap_err();
        assert_eq!(
            err,
            "damaged UTF-8 text: invalid UTF-8 at line 2, column 7 (byte 28; 1 invalid sequence)"
        );
        // A stray Latin-1 byte (é) in the middle.
        let mut stray = "请于今日前报送，联系电话：".as_bytes().to_vec();
        stray.push(0xE9);
        stray.extend_from_slice("谢谢".as_bytes());
        assert!(decode(stray)
            .unwrap_err()
            .contains("line 1, column 14 (byte 39;"));
        // GBK text is still GBK, however long, even where it happens to hold UTF-8 sequences.
        let long = "各级政府要认真贯彻落实中央决策部署，切实做好民生保障工作。".repeat(200);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        let (text, enc) = decode(gbk.into_owned()).unwrap();
        assert_eq!((text.as_str(), enc), (long.as_str(), Encoding::Gb18030));
        // Neither: the message still points at the first bad byte.
        let err = decode(b"ok\n\xFF\xFF".to_vec()).unwrap_err();
        assert!(
            err.starts_with("not text in UTF-8, UTF-16 or GB18030/GBK"),
            "{err}"
        );
        assert!(err.contains("line 2, column 1 (byte 3;"), "{err}");
    }

    #[test]
    fn locates_by_line_and_char() {
        let doc = Document::from_text(
            "t".into(),
            Format::Text,
            Encoding::Utf8,
            "第一行\n电话：13800138000\n".into(),
        );
        let start = doc.text.find("138").unwrap();
        let loc = doc.locate(start, start + 11, 7, 18);
        assert_eq!(
            (loc.line, loc.col, loc.end_line, loc.end_col),
            (2, 4, 2, 15)
        );
        assert_eq!(doc.line_text(1), "电话：13800138000");
    }

    /// Hostile inputs of every format, through the CLI's own reading path: decoding, HTML text
    /// extraction and .docx parsing give a document or an error, never a panic, and every
    /// finding of the screened text is located inside the text a reader sees.
    mod hostile {
        use super::super::*;
        use proptest::prelude::*;
        use std::io::Write;
        use std::sync::OnceLock;

        fn screener() -> &'static zhscreen::Screener {
            static S: OnceLock<zhscreen::Screener> = OnceLock::new();
            S.get_or_init(|| zhscreen::Screener::new().expect("defaults compile"))
        }

        fn pieces(markup: &'static [&'static str]) -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                3 => proptest::sample::select(markup).prop_map(str::to_string),
                2 => "[一-龥]{1,5}",
                1 => proptest::sample::select(&[
                    "再接再励", "13800138000", "海洛因", "台独", "内部资料", "平台独家",
                    "110108199003071238", "賭博網站",
                ][..]).prop_map(str::to_string),
                1 => "[ \t\n\r]{1,3}",
                1 => "[a-zA-Z0-9<>&;#\"'=/!-]{1,4}",
                1 => any::<char>().prop_map(String::from),
            ];
            proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
        }

        const HTML: &[&str] = &[
            "<p>",
            "</p>",
            "<br>",
            "<br/>",
            "<div class=\"x\">",
            "</div>",
            "<b>",
            "</b>",
            "<script>",
            "</script>",
            "<style>p{}</style>",
            "<!--",
            "-->",
            "<a href='>'>",
            "</a>",
            "<title>",
            "</title>",
            "<!DOCTYPE html>",
            "<html>",
            "<template>",
            "&amp;",
            "&nbsp;",
            "&#21169;",
            "&#x5F8B;",
            "&bogus;",
            "&#xFFFFFFFF;",
            "&#0;",
            "&",
            "<",
            ">",
            "<p",
            "</",
        ];

        /// A `word/document.xml` body: paragraphs of runs of text, tabs and breaks, some of them
        /// deleted text, field codes or fallback copies, nested text-box paragraphs, and now and
        /// then a piece of broken markup.
        fn docx_body() -> impl Strategy<Value = String> {
            let text = pieces(&[""]).prop_map(|t| {
                t.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            });
            let run = (0..8usize, text).prop_map(|(kind, t)| match kind {
                0 => format!("<w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r>"),
                1 => format!("<w:r><w:delText>{t}</w:delText></w:r>"),
                2 => format!("<w:r><w:instrText>{t}</w:instrText></w:r>"),
                3 => "<w:r><w:tab/><w:br/><w:cr/></w:r>".to_string(),
                4 => format!("<mc:AlternateContent><mc:Choice><w:p><w:r><w:t>{t}</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:t>{t}</w:t></mc:Fallback></mc:AlternateContent>"),
                _ => format!("<w:r><w:t>{t}</w:t></w:r>"),
            });
            let paragraph = proptest::collection::vec(run, 0..5)
                .prop_map(|runs| format!("<w:p><w:pPr/>{}</w:p>", runs.concat()));
            let part = prop_oneof![
                12 => paragraph,
                1 => proptest::sample::select(DOCX).prop_map(str::to_string),
            ];
            proptest::collection::vec(part, 0..12).prop_map(|v| v.concat())
        }

        const DOCX: &[&str] = &[
            "<w:p>",
            "</w:p>",
            "<w:r>",
            "</w:r>",
            "<w:t>",
            "</w:t>",
            "<w:t xml:space=\"preserve\">",
            "<w:tab/>",
            "<w:br/>",
            "<w:cr/>",
            "<w:delText>",
            "</w:delText>",
            "<w:instrText>",
            "</w:instrText>",
            "<mc:Fallback>",
            "</mc:Fallback>",
            "&amp;",
            "&lt;",
            "&bogus;",
            "&#21169;",
            "<",
            "]]>",
            "<![CDATA[",
            "<?x?>",
        ];

        fn docx_bytes(body: &str) -> Vec<u8> {
            let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file("word/document.xml", opts).unwrap();
            write!(
                z,
                "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
            )
            .unwrap();
            z.finish().unwrap().into_inner()
        }

        /// Screens a document, checks where each finding is said to be, and carries its
        /// redaction over to the text a user edits.
        fn check_document(doc: &Document) -> Result<(), TestCaseError> {
            let report = screener().scan(&doc.text);
            doc.check_locations(&report).map_err(TestCaseError::fail)?;
            let redacted = screener().redact(&doc.text);
            let (_, skipped) = doc.apply(&redacted.replacements, &redacted.text);
            prop_assert!(skipped.len() <= redacted.replacements.len());
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

            #[test]
            fn any_bytes_in_any_format(
                bytes in proptest::collection::vec(any::<u8>(), 0..600),
                zip_magic in any::<bool>(),
                hint in 0..5usize,
            ) {
                let hinted = [None, Some(Format::Text), Some(Format::Markdown), Some(Format::Html),
                              Some(Format::Docx)][hint];
                let bytes = if zip_magic { [&b"PK\x03\x04"[..], &bytes].concat() } else { bytes };
                if let Ok(doc) = from_bytes("x", hinted, bytes) {
                    check_document(&doc)?;
                }
            }

            #[test]
            fn hostile_html(src in pieces(HTML), hinted in any::<bool>()) {
                let x = html_text::extract(&src);
                prop_assert_eq!(x.char_map.len(), x.text.chars().count());
                let hint = if hinted { Some(Format::Html) } else { None };
                let page = format!("<html>{src}");
                match from_bytes("x.html", hint, page.clone().into_bytes()) {
                    Ok(doc) => {
                        prop_assert_eq!(doc.format, Format::Html);
                        check_document(&doc)?;
                    }
                    Err(e) => prop_assert!(page.contains('\0') && e.contains("NUL"), "{e}"),
                }
            }

            #[test]
            fn hostile_docx(body in docx_body()) {
                match from_bytes("x.docx", Some(Format::Docx), docx_bytes(&body)) {
                    Ok(doc) => check_document(&doc)?,
                    Err(e) => prop_assert!(e.contains("word/document.xml"), "{e}"),
                }
            }
        }
    }
}
