//! Output formats of `zhscreen scan`. Each receives the screened inputs in order, as they finish,
//! and the errors in their place; none of them decides anything about the text.

pub mod human;
pub mod json;
pub mod sarif;
pub mod sheet;

use crate::input::{Document, Format, InputError, Loc};
use std::io::{self, Write};
use zhscreen::messages::InputKind;
use zhscreen::{Finding, Lang, Report, Severity, Verdict};

/// One screened input.
#[derive(Debug)]
pub struct Scanned {
    /// The input as read and decoded.
    pub doc: Document,
    /// Its report; findings below `--min-severity` removed (the verdict is the text's own).
    pub report: Report,
    /// How many findings `--min-severity` removed.
    pub hidden: usize,
}

impl Scanned {
    /// Where a finding is, for people.
    pub fn loc(&self, f: &Finding) -> Loc {
        self.doc.locate(f.start, f.end, f.char_start, f.char_end)
    }
}

/// Totals over a run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Inputs screened.
    pub files: usize,
    /// Inputs that could not be screened.
    pub errors: usize,
    /// Findings shown, per severity, in the order of [`Severity::ALL`].
    pub findings: [usize; 4],
    /// Findings hidden by `--min-severity`.
    pub hidden: usize,
    /// Inputs per verdict, in the order of [`Verdict::ALL`].
    pub verdicts: [usize; 4],
    /// The worst verdict of all inputs.
    pub worst: Option<Verdict>,
}

impl Summary {
    /// Counts one screened input.
    pub fn add(&mut self, s: &Scanned) {
        self.files += 1;
        for f in &s.report.findings {
            self.findings[severity_index(f.severity)] += 1;
        }
        self.hidden += s.hidden;
        let v = s.report.verdict;
        self.verdicts[Verdict::ALL.iter().position(|x| *x == v).unwrap_or(0)] += 1;
        self.worst = Some(self.worst.map_or(v, |w| w.max(v)));
    }

    /// Findings shown in total.
    pub fn total(&self) -> usize {
        self.findings.iter().sum()
    }
}

/// The index of a severity in [`Severity::ALL`].
pub fn severity_index(s: Severity) -> usize {
    Severity::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// `禁止发布 1 · 需复核 2` (`block 1 · review 2` in English) for the non-zero counts, highest
/// first.
pub fn severity_counts(counts: &[usize; 4], lang: Lang) -> String {
    let counts: Vec<(Severity, usize)> = Severity::ALL.iter().copied().zip(*counts).collect();
    lang.messages().severity_counts(&counts)
}

/// What kind of input a document is, for the words that explain its positions.
pub fn input_kind(format: Format) -> InputKind {
    match format {
        Format::Html => InputKind::WebPage,
        Format::Docx => InputKind::Word,
        Format::Markdown => InputKind::Markdown,
        Format::Text => InputKind::Text,
    }
}

/// An output format: called once per input in order, then once at the end.
pub trait Emit {
    /// One screened input.
    fn file(&mut self, out: &mut dyn Write, s: &Scanned) -> io::Result<()>;
    /// One input that could not be screened (already reported on stderr).
    fn error(&mut self, out: &mut dyn Write, e: &InputError) -> io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}
