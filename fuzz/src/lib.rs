//! The checks behind zhscreen's fuzz targets.
//!
//! Every public function here takes one raw fuzz input and panics when zhscreen breaks one of its
//! promises on it. The libFuzzer targets (`fuzz_targets/*.rs`, built by `cargo fuzz` with
//! nightly) call them, and so does the corpus replay (`tests/replay.rs`, stable Rust, run by
//! `replay.sh` in CI): a crash found by fuzzing stays a failing replay once its input is in the
//! corpus.
//!
//! | target | input | promise |
//! |---|---|---|
//! | [`scan_bytes`] | any bytes, read as lossy UTF-8 | no panic; every finding's `text` is `input[start..end]` on char boundaries with the right char offsets; findings sorted; verdict = highest severity; the normalisation offset map is monotonic and total |
//! | [`scan_mix`] | a mix built with `arbitrary`: CJK, traditional, digits, IDs, noise, emoji, list terms (plain and spelt out with noise) | the same, and the same input gives the same report bytes |
//! | [`wordlist`] | any bytes as a wordlist | `wordlist::parse` and `Screener::builder().defaults(false)` give a ruleset or a clean `file:line` error, never a panic, and agree |
//! | [`rewrite`] | bytes or a mix, and a redaction policy | `redact`, `fix`, `redact_with`: replacements in order and apart, text outside them unchanged; `redact` and `fix` idempotent |
//! | [`cli_input`] | a format hint and a file's bytes (for .docx, mostly the `word/document.xml` of a zip made here) | the command's reading path (`zhscreen_cli::input`: decoding, HTML text, .docx paragraphs) gives a document or a one-line error, never a panic; the document's findings are located inside it, in order, on char boundaries; redaction carries over to the page source |
//! | [`c_abi`] | a sequence of C calls with pointers and lengths built from the input | statuses as documented (NULL, UTF-8, too large, range, argument), outputs written only on success, results equal to the Rust API's, no panic at the boundary |

use arbitrary::{Arbitrary, Unstructured};
use std::sync::OnceLock;
use zhscreen::normalize;
use zhscreen::{Action, Category, RedactPolicy, Redaction, Report, Screener, Verdict};

/// The default screener, built once per process.
pub fn screener() -> &'static Screener {
    static S: OnceLock<Screener> = OnceLock::new();
    S.get_or_init(|| Screener::new().expect("the default lists compile"))
}

/// Every term of the default lists, with the suggestions, `allow:` and `counter:` words: what the
/// structured inputs are made of, so that most inputs hit rules.
pub fn list_terms() -> &'static [String] {
    static T: OnceLock<Vec<String>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out = Vec::new();
        for (name, text) in zhscreen::default_lists() {
            let list = zhscreen::wordlist::parse(name, text).expect("the default lists parse");
            for e in list.entries {
                out.push(e.term);
                if let Some(s) = e.suggestion {
                    out.extend(s.split(['/', '／']).map(|x| x.trim().to_string()));
                }
            }
            out.extend(list.allows.into_iter().map(|w| w.text));
            out.extend(list.counters.into_iter().map(|w| w.text));
        }
        out.retain(|t| !t.is_empty());
        out.sort();
        out.dedup();
        out
    })
}

/// Checks a report against the text it was made from: offsets, text, order, gate, rule id and
/// verdict.
pub fn check_report(text: &str, report: &Report) {
    let (mut byte_pos, mut char_pos) = (0usize, 0usize);
    let mut prev = (0usize, 0usize);
    for f in &report.findings {
        let at = format!("{} at {}..{}", f.rule, f.start, f.end);
        assert!(f.start < f.end, "{at}: empty or reversed span");
        assert!(f.end <= text.len(), "{at}: past the end ({})", text.len());
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "{at}: not on char boundaries"
        );
        assert_eq!(
            f.text,
            &text[f.start..f.end],
            "{at}: text is not input[start..end]"
        );
        assert!(
            (f.start, f.end) >= prev,
            "{at}: findings out of order after {prev:?}"
        );
        // Findings are sorted by start, so char offsets are counted on from the previous one.
        char_pos += text[byte_pos..f.start].chars().count();
        byte_pos = f.start;
        assert_eq!(f.char_start, char_pos, "{at}: char_start");
        assert_eq!(
            f.char_end,
            char_pos + f.text.chars().count(),
            "{at}: char_end"
        );
        assert_eq!(f.gate, f.category.gate(), "{at}: gate of {}", f.category);
        let prefix = format!("{}/", f.category.as_str());
        assert!(
            f.rule.starts_with(&prefix) && f.rule.len() > prefix.len(),
            "{at}: rule id is not CATEGORY/NAME"
        );
        prev = (f.start, f.end);
    }
    let verdict = report
        .findings
        .iter()
        .map(|f| Verdict::from_severity(f.severity))
        .max()
        .unwrap_or(Verdict::Pass);
    assert_eq!(
        report.verdict, verdict,
        "verdict is not the highest severity"
    );
}

/// Checks the normalisation offset map of `text`.
///
/// - Total: every char of the folded text maps to a non-empty range of whole original chars,
///   and every original byte outside those ranges folds to nothing (dropped noise and format
///   characters).
/// - Monotonic: successive folded chars map to the same original char (one char that decomposes
///   into several) or to a later one, never backwards and never overlapping.
/// - A range maps to the span from its first char's start to its last char's end.
pub fn check_fold(text: &str) {
    let folded = normalize::fold(text);
    let ft = folded.text();
    let mut ranges: Vec<(usize, (usize, usize))> = Vec::with_capacity(ft.len());
    let mut covered = 0usize;
    for (i, c) in ft.char_indices() {
        let (s, e) = folded.original_range(i, i + c.len_utf8());
        assert!(
            s < e && e <= text.len(),
            "folded char {i} maps to {s}..{e} of {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "folded char {i} maps to {s}..{e}: not char boundaries"
        );
        if let Some(&(_, (ps, pe))) = ranges.last() {
            assert!(
                (s, e) == (ps, pe) || s >= pe,
                "folded char {i} maps to {s}..{e}, before or across {ps}..{pe}"
            );
        }
        if s > covered {
            let gap = &text[covered..s];
            assert!(
                normalize::fold(gap).text().is_empty(),
                "original bytes {covered}..{s} ({gap:?}) are not mapped but do not fold to nothing"
            );
        }
        covered = covered.max(e);
        ranges.push((i, (s, e)));
    }
    let tail = &text[covered..];
    assert!(
        normalize::fold(tail).text().is_empty(),
        "original bytes {covered}.. ({tail:?}) are not mapped but do not fold to nothing"
    );
    // Multi-char ranges: from the first char's start to the last char's end.
    for (k, &(i, (s, _))) in ranges.iter().enumerate() {
        for &(j, (_, e)) in ranges.iter().skip(k).take(8) {
            let end = j + ft[j..].chars().next().map_or(0, char::len_utf8);
            assert_eq!(folded.original_range(i, end), (s, e), "range {i}..{end}");
        }
    }
}

/// `scan` on arbitrary bytes read as lossy UTF-8.
pub fn scan_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let report = screener().scan(&text);
    check_report(&text, &report);
    check_fold(&text);
}

const NOISE: &[char] = &[
    ' ', '*', '-', '_', '.', '~', '|', '/', '·', '•', '→', '■', '★', '☆', '\u{3000}', '\t', '\0',
    '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{202E}', '\u{FE0F}', '＊', '＿', '＃', '@', '%',
];
const EMOJI: &[&str] = &[
    "😀", "🚀", "🇨🇳", "👍🏻", "❤️", "🈲", "㊙", "①", "⑩", "㍻", "ﷺ", "𠀀", "𪚥",
];
const PUNCT: &[char] = &[
    '，', '。', '！', '？', '；', '：', '、', '“', '”', '（', '）', '《', '》', '\n', '\r', ',',
    '.', '!', '?', '…', '—',
];
const TRADITIONAL: &[char] = &[
    '賭', '博', '網', '站', '臺', '獨', '與', '東', '門', '國', '於', '覆', '乾', '隆', '後', '發',
    '體', '麼', '裡', '製', '藥', '彈', '槍', '黨', '習', '請', '勿', '傳',
];

/// One piece of a structured input.
#[derive(Debug, Arbitrary)]
enum Piece {
    /// A character of the main CJK block.
    Cjk(u16),
    /// A traditional character (folded to simplified).
    Traditional(u8),
    /// A run of digits.
    Digits(u64),
    /// Something shaped like a mobile number.
    Mobile(u32),
    /// Something shaped like a resident ID (17 digits and a check character).
    ResidentId(u64, u8),
    /// A run of noise characters.
    Noise(u8, u8),
    /// An emoji or a compatibility form.
    Emoji(u8),
    /// A term of the default lists.
    Term(u16),
    /// A term of the default lists with noise between every character.
    SpacedTerm(u16, u8),
    /// A term in full width where it is ASCII, in upper case.
    ShoutedTerm(u16),
    /// Clause or sentence punctuation.
    Punct(u8),
    /// Some ASCII.
    Ascii(u8),
    /// Any scalar value.
    Any(char),
}

fn pick<T: Copy>(items: &[T], i: usize) -> T {
    items[i % items.len()]
}

impl Piece {
    fn push_to(&self, out: &mut String) {
        let terms = list_terms();
        match *self {
            Piece::Cjk(n) => {
                out.push(char::from_u32(0x4E00 + u32::from(n) % 0x5200).unwrap_or('一'))
            }
            Piece::Traditional(n) => out.push(pick(TRADITIONAL, n.into())),
            Piece::Digits(n) => out.push_str(&n.to_string()),
            Piece::Mobile(n) => out.push_str(&format!("1{}{:09}", 3 + n % 7, n % 1_000_000_000)),
            Piece::ResidentId(n, c) => {
                out.push_str(&format!("{:017}", n % 100_000_000_000_000_000));
                out.push(pick(
                    &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', 'x'],
                    c.into(),
                ));
            }
            Piece::Noise(n, len) => {
                for k in 0..=(len % 4) {
                    out.push(pick(NOISE, usize::from(n) + usize::from(k)));
                }
            }
            Piece::Emoji(n) => out.push_str(pick(EMOJI, n.into())),
            Piece::Term(n) => out.push_str(&terms[usize::from(n) % terms.len()]),
            Piece::SpacedTerm(n, noise) => {
                let term = &terms[usize::from(n) % terms.len()];
                for (k, c) in term.chars().enumerate() {
                    if k > 0 {
                        out.push(pick(NOISE, noise.into()));
                    }
                    out.push(c);
                }
            }
            Piece::ShoutedTerm(n) => {
                for c in terms[usize::from(n) % terms.len()].chars() {
                    match c {
                        '!'..='~' => out.push(
                            char::from_u32(c.to_ascii_uppercase() as u32 - 0x21 + 0xFF01)
                                .unwrap_or(c),
                        ),
                        _ => out.push(c),
                    }
                }
            }
            Piece::Punct(n) => out.push(pick(PUNCT, n.into())),
            Piece::Ascii(b) => out.push(char::from(b & 0x7F)),
            Piece::Any(c) => out.push(c),
        }
    }
}

/// Builds a structured text from the rest of `u`.
pub fn mix(u: &mut Unstructured<'_>) -> String {
    let mut out = String::new();
    let mut pieces = 0;
    while !u.is_empty() && pieces < 512 {
        match Piece::arbitrary(u) {
            Ok(p) => p.push_to(&mut out),
            Err(_) => break,
        }
        pieces += 1;
    }
    out
}

/// `scan` on structured mixes of CJK, digits, noise, emoji and list terms.
pub fn scan_mix(data: &[u8]) {
    let text = mix(&mut Unstructured::new(data));
    let report = screener().scan(&text);
    check_report(&text, &report);
    check_fold(&text);
    assert_eq!(
        report.to_json(),
        screener().scan(&text).to_json(),
        "the same input gave different report bytes"
    );
}

/// The wordlist parser and the builder on arbitrary bytes: a ruleset or a clean `file:line` error.
///
/// When the list compiles and has no word-boundary entries, the new screener also scans the list
/// itself and the terms of the list (a list with boundary entries would load a segmenter, ~50 ms,
/// which would slow the fuzzer down to a crawl without checking anything more of the parser).
pub fn wordlist(data: &[u8]) {
    const NAME: &str = "fuzz.txt";
    let text = String::from_utf8_lossy(data);
    let lines = text.lines().count().max(1);
    let parsed = zhscreen::wordlist::parse(NAME, &text);
    let built = Screener::builder()
        .defaults(false)
        .wordlist_text(NAME, text.as_ref())
        .build();
    match parsed {
        Err(e) => {
            let (file, line) = e
                .location()
                .unwrap_or_else(|| panic!("a parse error names no file and line: {e}"));
            assert_eq!(file, NAME, "{e}");
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {e}");
            assert!(
                e.to_string().starts_with(&format!("{NAME}:{line}: ")),
                "{e}"
            );
            let b = built.err().map(|b| b.to_string());
            assert_eq!(
                b,
                Some(e.to_string()),
                "parse failed but the build did not fail alike"
            );
        }
        Ok(list) => {
            for e in &list.entries {
                assert!(!e.folded.is_empty(), "entry {:?} folds to nothing", e.term);
                assert!(
                    (1..=lines).contains(&e.line),
                    "entry line {} of {lines}",
                    e.line
                );
            }
            for w in list.allows.iter().chain(&list.counters) {
                assert!(
                    (1..=lines).contains(&w.line),
                    "context line {} of {lines}",
                    w.line
                );
                assert!(
                    !w.categories.is_empty(),
                    "context word {:?} without categories",
                    w.text
                );
            }
            match built {
                Ok(s) => {
                    if list.entries.iter().any(|e| e.boundary) {
                        return;
                    }
                    let joined: String = list
                        .entries
                        .iter()
                        .map(|e| e.term.as_str())
                        .collect::<Vec<_>>()
                        .join("，");
                    for t in [text.as_ref(), joined.as_str()] {
                        check_report(t, &s.scan(t));
                    }
                }
                Err(zhscreen::Error::Build(m)) => assert!(!m.is_empty()),
                Err(e @ zhscreen::Error::Wordlist { .. }) => {
                    let (file, line) = e.location().unwrap_or(("", 0));
                    assert!(file == NAME && (1..=lines).contains(&line), "{e}");
                }
                Err(e) => panic!("an in-memory list failed with an I/O error: {e}"),
            }
        }
    }
}

/// Checks a rewrite of `text`: the replacements are in order, apart, on char boundaries, each
/// names the rule of its category that fired, and the text outside them is unchanged. (They need
/// not be findings of the first scan: redaction screens its result again, and a mask can reveal a
/// term that a longer finding hid.)
pub fn check_rewrite(text: &str, r: &Redaction) {
    let mut rebuilt = String::with_capacity(text.len());
    let mut pos = 0;
    for rep in &r.replacements {
        assert!(
            pos <= rep.start && rep.start < rep.end && rep.end <= text.len(),
            "{rep:?} after {pos}"
        );
        assert_eq!(
            text.get(rep.start..rep.end),
            Some(rep.original.as_str()),
            "{rep:?}"
        );
        assert_ne!(rep.replacement, rep.original, "{rep:?} replaces nothing");
        assert!(
            rep.rule.starts_with(&format!("{}/", rep.category.as_str())),
            "{rep:?}: rule of another category"
        );
        rebuilt.push_str(&text[pos..rep.start]);
        rebuilt.push_str(&rep.replacement);
        pos = rep.end;
    }
    rebuilt.push_str(&text[pos..]);
    assert_eq!(rebuilt, r.text, "text outside the replacements changed");
}

/// `redact`, `fix` and `redact_with` on bytes or a structured mix.
pub fn rewrite(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let structured = u.arbitrary::<bool>().unwrap_or(false);
    let mut policy = RedactPolicy::none();
    for c in Category::ALL {
        let action = match u.int_in_range(0..=2u8).unwrap_or(0) {
            0 => Action::Keep,
            1 => Action::Mask,
            _ => Action::Suggest,
        };
        policy = policy.set(c, action);
    }
    let text = if structured {
        mix(&mut u)
    } else {
        String::from_utf8_lossy(u.take_rest()).into_owned()
    };
    let s = screener();
    check_report(&text, &s.scan(&text));

    let redacted = s.redact(&text);
    check_rewrite(&text, &redacted);
    assert_eq!(
        s.redact(&redacted.text).text,
        redacted.text,
        "redact is not idempotent on {text:?}"
    );

    let fixed = s.fix(&text);
    check_rewrite(&text, &fixed);
    assert_eq!(
        s.fix(&fixed.text).text,
        fixed.text,
        "fix is not idempotent on {text:?}"
    );

    let custom = s.redact_with(&text, &policy);
    check_rewrite(&text, &custom);
}

/// Target `cli_input`: any file through the command's reading path. The first byte chooses the
/// format hint (none, so sniffed; text; Markdown; HTML; .docx) and, for .docx, whether the rest
/// is the whole file or, mostly, the `word/document.xml` of a zip made here, so that the fuzzer
/// spends its time in the XML rather than in the zip's checksums.
pub fn cli_input(data: &[u8]) {
    use zhscreen_cli::input::{from_bytes, Format};
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let hint = match selector % 5 {
        0 => None,
        1 => Some(Format::Text),
        2 => Some(Format::Markdown),
        3 => Some(Format::Html),
        _ => Some(Format::Docx),
    };
    let bytes = if hint == Some(Format::Docx) && selector & 0x80 == 0 {
        document_xml_in_a_zip(rest)
    } else {
        rest.to_vec()
    };
    let doc = match from_bytes("fuzz", hint, bytes) {
        Ok(doc) => doc,
        Err(e) => {
            for lang in zhscreen::Lang::ALL {
                let line = zhscreen_cli::input::describe(&e, lang);
                assert!(
                    !line.is_empty() && !line.contains('\n'),
                    "an error is one line: {line:?}"
                );
            }
            return;
        }
    };
    let s = screener();
    let report = s.scan(&doc.text);
    check_report(&doc.text, &report);
    if let Err(e) = doc.check_locations(&report) {
        panic!("{e} in {:?}", doc.text);
    }
    let redacted = s.redact(&doc.text);
    let (edited, skipped) = doc.apply(&redacted.replacements, &redacted.text);
    assert!(skipped.len() <= redacted.replacements.len());
    if doc.source.is_none() {
        assert_eq!(
            edited, redacted.text,
            "a text document is edited as screened"
        );
    }
}

/// A .docx holding `xml` as its `word/document.xml`, stored uncompressed.
fn document_xml_in_a_zip(xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored)
        .expect("a zip entry in memory");
    zip.write_all(xml).expect("writing to memory");
    zip.finish().expect("a zip in memory").into_inner()
}

pub mod c_api;
pub use c_api::c_abi;
