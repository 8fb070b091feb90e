//! Reading inputs: bytes → decoded text ([`decode`]) → the text that is screened
//! ([`document`]: plain text and Markdown as they are, the visible text of an HTML page, the
//! paragraphs of a .docx), and the way back from a finding's offsets to a place a person can find
//! (file line and column, Word paragraph and character, HTML source line and column).
//!
//! This module decides what an input is (from its extension, or by sniffing) and reads it.

pub mod decode;
pub mod document;
mod docx;
mod html_text;

pub use decode::{decode, Encoding};
pub use document::{Document, Loc};

pub use zhscreen::messages::{ByteFault, InputProblem};

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use zhscreen::Lang;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path (or `<stdin>`).
    pub name: String,
    /// What went wrong, as facts: [`InputError::message`] writes it in a language.
    pub problem: InputProblem,
}

impl InputError {
    /// What went wrong, in `lang`, as one line (see [`describe`]).
    pub fn message(&self, lang: Lang) -> String {
        describe(&self.problem, lang)
    }

    /// `path: what went wrong`, in `lang`, as one line.
    pub fn line(&self, lang: Lang) -> String {
        format!("{}: {}", self.name, self.message(lang))
    }
}

/// `path: what went wrong` in English (the reviewer-facing places use [`InputError::line`]).
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}

impl std::error::Error for InputError {}

/// A problem written in `lang` through the message catalogue, as one line: what it quotes from
/// the file (a tag name in malformed XML, say) has its control characters escaped.
pub fn describe(problem: &InputProblem, lang: Lang) -> String {
    let message = lang.messages().input_problem(problem);
    let mut line = String::with_capacity(message.len());
    for c in message.chars() {
        if c.is_control() {
            line.extend(c.escape_debug());
        } else {
            line.push(c);
        }
    }
    line
}

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file.
    File(PathBuf),
    /// Standard input, shown as `name`.
    Stdin,
}

/// The format of a file, from its extension; `None` for an unknown extension (sniffed later).
pub(crate) fn format_from_extension(path: &Path) -> Result<Option<Format>, InputProblem> {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Ok(None);
    };
    let ext = ext.to_ascii_lowercase();
    Ok(match ext.as_str() {
        "txt" | "text" | "log" | "csv" | "tsv" => Some(Format::Text),
        "md" | "markdown" | "mdown" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
        "docx" | "docm" => Some(Format::Docx),
        "doc" | "wps" => return Err(InputProblem::LegacyWord { ext }),
        "pdf" | "xls" | "xlsx" | "et" | "ppt" | "pptx" | "dps" | "odt" | "ods" | "odp" | "rtf"
        | "ofd" => return Err(InputProblem::UnsupportedExtension { ext }),
        _ => None,
    })
}

/// Reads and decodes one input.
pub fn load(origin: &Origin, name: &str) -> Result<Document, InputError> {
    let err = |problem: InputProblem| InputError {
        name: name.to_string(),
        problem,
    };
    let (bytes, hinted) = match origin {
        Origin::File(path) => {
            let hinted = format_from_extension(path).map_err(err)?;
            let bytes = std::fs::read(path).map_err(|e| err(InputProblem::from_io(&e)))?;
            (bytes, hinted)
        }
        Origin::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| err(InputProblem::from_io(&e)))?;
            let hinted = format_from_extension(Path::new(name)).map_err(err)?;
            (bytes, hinted)
        }
    };
    from_bytes(name, hinted, bytes).map_err(err)
}

/// Decodes the bytes of one input of the given (or sniffed) format. A problem is facts:
/// [`describe`] writes it in a language, as one line.
pub fn from_bytes(
    name: &str,
    hinted: Option<Format>,
    bytes: Vec<u8>,
) -> Result<Document, InputProblem> {
    read_document(name, hinted, bytes)
}

fn read_document(
    name: &str,
    hinted: Option<Format>,
    bytes: Vec<u8>,
) -> Result<Document, InputProblem> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let format = match hinted {
        Some(f) => f,
        None if is_zip => Format::Docx,
        None => Format::Text,
    };
    if format == Format::Docx {
        if !is_zip {
            return Err(InputProblem::NotDocxContainer);
        }
        let doc = docx::extract(&bytes)?;
        return Ok(Document::from_docx(name.to_string(), doc));
    }
    if is_zip {
        return Err(InputProblem::UnsupportedZip);
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

/// An I/O error as a short message in `lang`, without the OS error number.
pub fn io_message(e: &std::io::Error, lang: Lang) -> String {
    describe(&InputProblem::from_io(e), lang)
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
        let problem = from_bytes("x.docx", Some(Format::Docx), bytes).unwrap_err();
        for lang in Lang::ALL {
            let err = describe(&problem, lang);
            assert!(!err.chars().any(char::is_control), "{err:?}");
        }
        let err = describe(&problem, Lang::En);
        assert!(err.contains(r"</w:d\0\nText>"), "{err}");
        // Chinese names the part and the byte, not the parser's English.
        let zh = describe(&problem, Lang::Zh);
        assert!(zh.starts_with("word/document.xml 第 "), "{zh}");
        assert_eq!(zhscreen::messages::english_run(&zh), None, "{zh}");
    }

    #[test]
    fn damaged_utf8_is_an_error_not_gb18030() {
        // A UTF-8 file cut in the middle of its last character.
        let mut cut = "第一行\n第二行内部资料".as_bytes().to_vec();
        cut.pop();
        let err = decode(cut).unwrap_err();
        assert_eq!(
            err,
            InputProblem::DamagedUtf8(ByteFault {
                line: 2,
                column: 7,
                byte: 28,
                sequences: 1
            })
        );
        assert_eq!(
            describe(&err, Lang::En),
            "damaged UTF-8 text: invalid UTF-8 at line 2, column 7 (byte 28; 1 invalid sequence)"
        );
        assert_eq!(
            describe(&err, Lang::Zh),
            "UTF-8 文本已损坏：第 2 行第 7 列（第 28 字节）起有无效字节，共 1 处"
        );
        // A stray Latin-1 byte (é) in the middle.
        let mut stray = "请于今日前报送，联系电话：".as_bytes().to_vec();
        stray.push(0xE9);
        stray.extend_from_slice("谢谢".as_bytes());
        assert!(
            describe(&decode(stray).unwrap_err(), Lang::En).contains("line 1, column 14 (byte 39;")
        );
        // GBK text is still GBK, however long, even where it happens to hold UTF-8 sequences.
        let long = "各级政府要认真贯彻落实中央决策部署，切实做好民生保障工作。".repeat(200);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        let (text, enc) = decode(gbk.into_owned()).unwrap();
        assert_eq!((text.as_str(), enc), (long.as_str(), Encoding::Gb18030));
        // Neither: the message still points at the first bad byte.
        let err = describe(&decode(b"ok\n\xFF\xFF".to_vec()).unwrap_err(), Lang::En);
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
                    Err(e) => prop_assert!(page.contains('\0') && e == InputProblem::BinaryFile, "{e}"),
                }
            }

            #[test]
            fn hostile_docx(body in docx_body()) {
                match from_bytes("x.docx", Some(Format::Docx), docx_bytes(&body)) {
                    Ok(doc) => check_document(&doc)?,
                    Err(e) => prop_assert!(e.to_string().contains("word/document.xml"), "{e}"),
                }
            }
        }
    }
}
