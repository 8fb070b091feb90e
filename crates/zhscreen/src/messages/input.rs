//! What went wrong reading an input, as facts: the CLI's reading path (`zhscreen_cli::input`)
//! returns an [`InputProblem`], and whoever shows it to a person writes it in their language with
//! [`Messages::input_problem`](super::Messages::input_problem). The enum lives beside the
//! catalogue so that each language matches it exhaustively: a new variant does not compile until
//! both languages say it.
//!
//! `Display` writes the English sentence (for logs, developers and `Box<dyn Error>`).

use super::Messages as _;
use std::fmt;

/// Why an input could not be screened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputProblem {
    /// The file (or directory) does not exist.
    NotFound,
    /// The file cannot be read for lack of permission.
    PermissionDenied,
    /// Another I/O error, with the operating system's own words (not translated).
    Io(String),
    /// A legacy binary Word or WPS file (`.doc`, `.wps`): `ext` without the dot.
    LegacyWord {
        /// The extension, lower case, without the dot.
        ext: String,
    },
    /// A file type zhscreen does not read (`.pdf`, `.xlsx`...).
    UnsupportedExtension {
        /// The extension, lower case, without the dot.
        ext: String,
    },
    /// A zip archive that is not a Word document.
    UnsupportedZip,
    /// A file named `.docx` that is not a zip container.
    NotDocxContainer,
    /// NUL bytes in the first 8 KiB: a binary file.
    BinaryFile,
    /// UTF-8 text with damaged bytes (cut in a character, a stray Latin-1 byte...).
    DamagedUtf8(ByteFault),
    /// Neither UTF-8, UTF-16 with a byte-order mark, nor GB18030.
    UnknownEncoding(ByteFault),
    /// A UTF-16 file (it has the byte-order mark) whose text is not valid UTF-16.
    InvalidUtf16 {
        /// `utf-16le` or `utf-16be`.
        encoding: &'static str,
    },
    /// A `.docx` whose zip container cannot be opened; `detail` is the zip reader's words.
    DocxZip(String),
    /// A `.docx` without `word/document.xml`.
    DocxNoDocumentXml,
    /// `word/document.xml` is too large once uncompressed.
    DocxTooLarge {
        /// Its size in MiB: the declared size, or the limit it went over.
        mib: u64,
        /// `false` when the zip declared a smaller size than the data held (it went over `mib`).
        declared: bool,
    },
    /// `word/document.xml` cannot be read (damaged compression, not UTF-8); `detail` in the
    /// reader's words.
    DocxRead(String),
    /// `word/document.xml` is not well-formed XML at `byte`; `detail` in the XML parser's words
    /// (it may quote the file: a shower escapes its control characters).
    DocxMalformedXml {
        /// Byte offset in `word/document.xml`.
        byte: u64,
        /// The parser's message.
        detail: String,
    },
    /// An entity that is neither predefined nor a character reference.
    DocxUnknownEntity {
        /// The entity's name, as written.
        name: String,
        /// Byte offset in `word/document.xml`.
        byte: u64,
    },
}

/// Where the first bad byte of a text is, and how many bad sequences it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteFault {
    /// Line of the first invalid sequence (1-based).
    pub line: usize,
    /// Column, in characters of the valid text before it (1-based).
    pub column: usize,
    /// Byte offset of the first invalid sequence.
    pub byte: usize,
    /// Invalid sequences in the whole file.
    pub sequences: usize,
}

impl InputProblem {
    /// The problem of an I/O error: the common kinds by name, the others in the operating
    /// system's words without the error number.
    pub fn from_io(e: &std::io::Error) -> InputProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => InputProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => InputProblem::PermissionDenied,
            _ => {
                let s = e.to_string();
                InputProblem::Io(match s.find(" (os error") {
                    Some(i) => s[..i].to_string(),
                    None => s,
                })
            }
        }
    }

    /// Every kind of problem with sample facts (for the catalogue's tests).
    #[cfg(test)]
    pub(crate) fn samples() -> Vec<(&'static str, InputProblem)> {
        let fault = ByteFault {
            line: 2,
            column: 13,
            byte: 76,
            sequences: 1,
        };
        let faults = ByteFault {
            sequences: 4,
            ..fault
        };
        vec![
            ("input: not found", InputProblem::NotFound),
            ("input: permission denied", InputProblem::PermissionDenied),
            // the operating system's words are quoted as they are: a sample without words
            ("input: other I/O error", InputProblem::Io("EIO 5".into())),
            (
                "input: legacy Word",
                InputProblem::LegacyWord { ext: "doc".into() },
            ),
            (
                "input: unsupported extension",
                InputProblem::UnsupportedExtension { ext: "pdf".into() },
            ),
            ("input: zip", InputProblem::UnsupportedZip),
            (
                "input: not a docx container",
                InputProblem::NotDocxContainer,
            ),
            ("input: binary", InputProblem::BinaryFile),
            ("input: damaged UTF-8", InputProblem::DamagedUtf8(fault)),
            (
                "input: damaged UTF-8, several",
                InputProblem::DamagedUtf8(faults),
            ),
            (
                "input: unknown encoding",
                InputProblem::UnknownEncoding(faults),
            ),
            (
                "input: invalid UTF-16",
                InputProblem::InvalidUtf16 {
                    encoding: "utf-16le",
                },
            ),
            ("input: docx zip", InputProblem::DocxZip("EOCD 0".into())),
            (
                "input: docx without document",
                InputProblem::DocxNoDocumentXml,
            ),
            (
                "input: docx too large",
                InputProblem::DocxTooLarge {
                    mib: 300,
                    declared: true,
                },
            ),
            (
                "input: docx over the limit",
                InputProblem::DocxTooLarge {
                    mib: 256,
                    declared: false,
                },
            ),
            ("input: docx read", InputProblem::DocxRead("x".into())),
            (
                "input: docx malformed",
                InputProblem::DocxMalformedXml {
                    byte: 40,
                    detail: "ill-formed document: expected `</w:t>`".into(),
                },
            ),
            (
                "input: docx entity",
                InputProblem::DocxUnknownEntity {
                    name: "bogus".into(),
                    byte: 12,
                },
            ),
        ]
    }
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::En.input_problem(self))
    }
}

impl std::error::Error for InputProblem {}
