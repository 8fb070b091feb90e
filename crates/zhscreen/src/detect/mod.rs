//! Detectors: pattern-and-validation recognisers (resident ID, mobile, bank card, e-mail,
//! classification marks...) whose results join the wordlist hits in the same report.
//!
//! A detector sees a [`DetectText`]: the caller's text with full-width ASCII folded to ASCII and
//! nothing else changed, so every character keeps its position and a detector can work on plain
//! ASCII digits. It reports spans in that text's bytes; the screener maps them back to the
//! caller's original bytes.
//!
//! The personal-data detectors share the scanning helpers at the end of this file: a word-at-a-time
//! scan for ASCII digits (Chinese text is mostly bytes >= 0x80, so most of it is skipped eight bytes
//! at a time), maximal digit runs and alphanumeric tokens, and the look-back for context words.
//! Boundaries are checked in code, never with look-around.

pub mod address;
pub mod bank_card;
pub mod classification;
pub mod email;
pub mod landline;
pub mod mobile;
pub mod passport;
pub mod person_name;
pub(crate) mod readings;
pub mod registry;
pub mod resident_id;
pub mod sensitive;
pub mod url;
pub mod uscc;

use crate::category::{Category, Severity};
use crate::messages::Lang;

/// The text a detector reads: the original with full-width ASCII (`０-９`, `Ａ-Ｚ`, `＠`...) folded to
/// ASCII. Characters are neither added nor removed, so char positions equal the original's.
///
/// ```
/// use zhscreen::detect::DetectText;
/// let view = DetectText::new("编号AB12C，电话13800138000", zhscreen::Lang::Zh);
/// let runs: Vec<&str> = view.digit_runs().iter().map(|&(s, e)| &view.text[s..e]).collect();
/// assert_eq!(runs, ["12", "13800138000"]);
/// ```
#[derive(Debug)]
pub struct DetectText<'a> {
    /// The folded text.
    pub text: std::borrow::Cow<'a, str>,
    /// The language of the notes: write them with `lang.messages()` (see [`crate::messages`]).
    pub lang: Lang,
    /// The runs of ASCII digits, found once for every detector that reads them.
    digits: std::sync::OnceLock<Vec<(usize, usize)>>,
}

impl<'a> DetectText<'a> {
    /// The view of `text` with notes in `lang`.
    pub fn new(text: impl Into<std::borrow::Cow<'a, str>>, lang: Lang) -> Self {
        DetectText {
            text: text.into(),
            lang,
            digits: std::sync::OnceLock::new(),
        }
    }

    /// The maximal runs of ASCII digits, as `(start, end)` byte ranges, left to right: searched
    /// once, on the first call, and shared by the detectors of numbers.
    pub fn digit_runs(&self) -> &[(usize, usize)] {
        self.digits
            .get_or_init(|| digit_runs(self.text.as_bytes()).collect())
    }

    /// The maximal runs of ASCII letters and digits that contain at least one digit, left to
    /// right (from [`DetectText::digit_runs`]).
    pub fn alnum_tokens(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let bytes = self.text.as_bytes();
        let mut pos = 0;
        // A run that starts before the end of the last token lies inside it: tokens reach over
        // every letter and digit next to them.
        self.digit_runs().iter().filter_map(move |&(digit, _)| {
            if digit < pos {
                return None;
            }
            let mut start = digit;
            while start > pos && bytes[start - 1].is_ascii_alphanumeric() {
                start -= 1;
            }
            let mut end = digit + 1;
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            pos = end;
            Some((start, end))
        })
    }
}

/// One thing a detector found, in [`DetectText`] byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// Byte offset of the first byte, in the detect text.
    pub start: usize,
    /// Byte offset one past the last byte, in the detect text.
    pub end: usize,
    /// The category (most detectors: `personal_info`).
    pub category: Category,
    /// The severity of this finding.
    pub severity: Severity,
    /// The stable rule id, e.g. `personal_info/cn_resident_id`.
    pub rule: &'static str,
    /// What was checked, in the scan's language, from [`crate::messages`]
    /// (e.g. "居民身份证号码（校验码、出生日期有效），上下文“身份证号”，建议去标识化").
    pub note: Option<String>,
    /// The kind of value, used by redaction to choose a mask.
    pub kind: PiiKind,
}

/// The kind of value a detection is, which decides how it is masked by redaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PiiKind {
    /// Resident ID: keep the first 6 and last 4.
    ResidentId,
    /// Mobile number: keep the first 3 and last 4 digits.
    Mobile,
    /// Landline: keep the area code and the last 2 digits.
    Landline,
    /// Bank card: keep the last 4 digits.
    BankCard,
    /// E-mail: keep the first character and the domain.
    Email,
    /// Passport and permit numbers: keep the first character and the last 2.
    Document,
    /// Home address: keep the administrative part down to the county or town, mask the rest.
    Address,
    /// Person name: keep the surname (王**, 欧阳**).
    PersonName,
    /// Organisation codes and other values that are public: not masked.
    Public,
    /// Anything else (classification marks...): every character masked.
    Other,
}

/// Helpers for the detectors' unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{DetectText, Detection, Detector};

    /// What `detector` finds in `t`.
    pub(crate) fn detect(detector: &dyn Detector, t: &str) -> Vec<Detection> {
        detect_in(detector, t, crate::messages::Lang::Zh)
    }

    /// What `detector` finds in `t`, with notes in `lang`.
    pub(crate) fn detect_in(
        detector: &dyn Detector,
        t: &str,
        lang: crate::messages::Lang,
    ) -> Vec<Detection> {
        let mut out = Vec::new();
        detector.detect(&DetectText::new(t, lang), &mut out);
        out
    }

    /// The spans `detector` finds in `t`, as text.
    pub(crate) fn find(detector: &dyn Detector, t: &str) -> Vec<String> {
        detect(detector, t)
            .iter()
            .map(|d| t[d.start..d.end].to_string())
            .collect()
    }
}

/// A recogniser of one kind of value.
pub trait Detector:
    Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe + std::fmt::Debug
{
    /// Appends what it finds in `text` to `out`.
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>);

    /// The words this detector reads its values after (家住, 患者...). The screener finds them
    /// with every other pattern in its one automaton, in the same pass over the text, and hands
    /// their positions to [`Detector::detect_with`]. Each must be its own folded form
    /// (`normalize::fold_term(w) == w`). None by default.
    fn context_words(&self) -> &[&'static str] {
        &[]
    }

    /// [`Detector::detect`] given `hits`: every occurrence of the [`Detector::context_words`] in
    /// `text.text` (overlapping ones included) as `(start, end, index of the word)`, ordered by
    /// start, then end. By default the hits are not needed and `detect` runs.
    fn detect_with(
        &self,
        text: &DetectText<'_>,
        hits: &[(usize, usize, u32)],
        out: &mut Vec<Detection>,
    ) {
        let _ = hits;
        self.detect(text, out);
    }
}

/// Hits of a detector's context words: `(start, end, index of the word)`.
pub(crate) type ContextHits = Vec<(usize, usize, u32)>;

/// Whether `c` ends a sentence for the detectors' context windows: 。！？!?；; or a line break.
pub(crate) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n')
}

/// The sentence around `s..e` of `t`: at most `n` characters each way, stopping at a sentence
/// end.
pub(crate) fn sentence_around(t: &str, s: usize, e: usize, n: usize) -> &str {
    let (a, b) = sentence_range(t, s, e, n);
    &t[a..b]
}

/// The byte range of [`sentence_around`].
pub(crate) fn sentence_range(t: &str, s: usize, e: usize, n: usize) -> (usize, usize) {
    let mut a = s;
    for (k, (i, c)) in t[..s].char_indices().rev().enumerate() {
        if k == n || is_sentence_end(c) {
            break;
        }
        a = i;
    }
    let mut b = e;
    for (k, c) in t[e..].chars().enumerate() {
        if k == n || is_sentence_end(c) {
            break;
        }
        b += c.len_utf8();
    }
    (a, b)
}

/// The context words' hits as a leftmost-longest search would find them (what a detector reads):
/// from overlapping hits ordered by start then end, at each start the longest, the next one
/// starting at or after its end.
pub(crate) fn leftmost_longest(hits: &[(usize, usize, u32)]) -> Vec<(usize, usize, u32)> {
    let mut out: Vec<(usize, usize, u32)> = Vec::new();
    let mut i = 0;
    while i < hits.len() {
        let s = hits[i].0;
        let mut best = hits[i];
        while i < hits.len() && hits[i].0 == s {
            if hits[i].1 > best.1 {
                best = hits[i];
            }
            i += 1;
        }
        if out.last().is_none_or(|l| s >= l.1) {
            out.push(best);
        }
    }
    out
}

/// Every occurrence of `words` in `t` (overlapping ones included), ordered by start then end:
/// the hits the screener's shared pass gives [`Detector::detect_with`], for a detector run
/// alone. `searcher` is built on first use.
pub(crate) fn context_hits(
    searcher: &std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
    words: &[&str],
    t: &str,
) -> Vec<(usize, usize, u32)> {
    let Some(ac) = searcher
        .get_or_init(|| aho_corasick::AhoCorasick::new(words).ok())
        .as_ref()
    else {
        return Vec::new();
    };
    let mut hits: Vec<(usize, usize, u32)> = ac
        .find_overlapping_iter(t)
        .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
        .collect();
    hits.sort_unstable();
    hits
}

// ---------------------------------------------------------------------------------------------
// Scanning helpers shared by the detectors.

/// How many characters before a value are searched for a context word (身份证号, 手机...).
pub(crate) const CONTEXT_CHARS: usize = 12;

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `x` is an ASCII digit (exact, no false positives).
#[inline]
fn word_has_digit(x: u64) -> bool {
    // "hasbetween(x, '0' - 1, '9' + 1)" from Bit Twiddling Hacks: exact for bounds below 128.
    let low7 = x & (LO * 0x7f);
    ((LO * (0x7f + 0x3a) - low7) & !x & (low7 + LO * (0x7f - 0x2f)) & HI) != 0
}

/// The position of the first ASCII digit at or after `from`.
#[inline]
pub(crate) fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    // 32 bytes at a time first: a fold over a fixed-size block compiles to vector compares, and
    // six detectors run this over every text, most of which has no digit for long stretches.
    const BLOCK: usize = 32;
    while let Some(block) = bytes.get(i..i + BLOCK) {
        if block
            .iter()
            .fold(0u8, |any, &b| any | u8::from(b.wrapping_sub(b'0') < 10))
            != 0
        {
            break;
        }
        i += BLOCK;
    }
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        if word_has_digit(u64::from_le_bytes(word)) {
            break;
        }
        i += 8;
    }
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The end of the run of ASCII digits starting at `from` (`from` itself if there is none).
#[inline]
pub(crate) fn digits_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Maximal runs of ASCII digits, as `(start, end)` byte ranges, left to right.
pub(crate) fn digit_runs(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let start = next_digit(bytes, pos)?;
        let end = digits_end(bytes, start);
        pos = end;
        Some((start, end))
    })
}

/// Whether the byte at `i` exists and is an ASCII digit.
#[inline]
pub(crate) fn digit_at(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_some_and(u8::is_ascii_digit)
}

/// Whether the value at `start` continues something written before it: an ASCII letter or digit
/// right before it, a decimal point after a digit (`3.1380...`), or, for a value written in groups
/// (`grouped`), a space or hyphen after a digit (`2 138 0013 8000`).
pub(crate) fn glued_before(bytes: &[u8], start: usize, grouped: bool) -> bool {
    if start == 0 {
        return false;
    }
    match bytes[start - 1] {
        b if b.is_ascii_alphanumeric() => true,
        b'.' => start >= 2 && bytes[start - 2].is_ascii_digit(),
        b' ' | b'-' if grouped => start >= 2 && bytes[start - 2].is_ascii_digit(),
        _ => false,
    }
}

/// Whether the value ending at `end` is continued after it: an ASCII letter or digit right after,
/// a decimal point before a digit, or, for a grouped value, a space or hyphen before a digit.
pub(crate) fn glued_after(bytes: &[u8], end: usize, grouped: bool) -> bool {
    match bytes.get(end) {
        None => false,
        Some(b) if b.is_ascii_alphanumeric() => true,
        Some(b'.') => digit_at(bytes, end + 1),
        Some(b' ' | b'-') if grouped => digit_at(bytes, end + 1),
        Some(_) => false,
    }
}

/// Whether the text after `end` makes the digits before it a quantity (`13800138000元`, `...亿`).
pub(crate) fn quantity_after(text: &str, end: usize) -> bool {
    let Some(c) = text[end..].chars().next() else {
        return false;
    };
    "元角分万亿千百余多人吨户个次台件辆份名项家所座亩米斤克度倍年岁天%‰°".contains(c)
}

/// The byte offset `n` characters before `pos` (or 0).
pub(crate) fn chars_back(text: &str, pos: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = pos;
    let mut seen = 0;
    while i > 0 && seen < n {
        i -= 1;
        while i > 0 && (bytes[i] & 0xC0) == 0x80 {
            i -= 1;
        }
        seen += 1;
    }
    i
}

/// The first of `words` (list them most specific first) found in the [`CONTEXT_CHARS`]
/// characters before `pos`.
pub(crate) fn context_before(
    text: &str,
    pos: usize,
    words: &[&'static str],
) -> Option<&'static str> {
    context_within(text, pos, CONTEXT_CHARS, words)
}

/// The first of `words` found in the `chars` characters before `pos`.
pub(crate) fn context_within(
    text: &str,
    pos: usize,
    chars: usize,
    words: &[&'static str],
) -> Option<&'static str> {
    let window = &text[chars_back(text, pos, chars)..pos];
    if window.is_empty() {
        return None;
    }
    words.iter().copied().find(|w| window.contains(w))
}

/// Whether `c` is a Chinese character (CJK Unified Ideographs and Extension A).
pub(crate) fn is_cjk_char(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// A personal-data detection (category `personal_info`).
pub(crate) fn personal(
    start: usize,
    end: usize,
    severity: Severity,
    rule: &'static str,
    note: String,
    kind: PiiKind,
) -> Detection {
    Detection {
        start,
        end,
        category: Category::PersonalInfo,
        severity,
        rule,
        note: Some(note),
        kind,
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;

    #[test]
    fn word_digit_test_is_exact() {
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b'a', 0xE4, b, 0x80, b'z', 0xFF, b' ', 0x2F]);
            assert_eq!(word_has_digit(word), b.is_ascii_digit(), "byte {b:#x}");
            let word = u64::from_le_bytes([b; 8]);
            assert_eq!(word_has_digit(word), b.is_ascii_digit(), "byte {b:#x}");
        }
    }

    #[test]
    fn runs_and_tokens() {
        let t = "二〇二四年2024年共13800亿元，编号AB12C，x9";
        let runs: Vec<&str> = digit_runs(t.as_bytes()).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(runs, ["2024", "13800", "12", "9"]);
        let view = DetectText::new(t, Lang::Zh);
        let toks: Vec<&str> = view.alnum_tokens().map(|(s, e)| &t[s..e]).collect();
        assert_eq!(toks, ["2024", "13800", "AB12C", "x9"]);
        let toks: Vec<&str> = DetectText::new("A1B2 3x4y5，6", Lang::Zh)
            .alnum_tokens()
            .map(|(s, e)| &"A1B2 3x4y5，6"[s..e])
            .collect();
        assert_eq!(toks, ["A1B2", "3x4y5", "6"]);
        let long = "长".repeat(40) + "7";
        assert_eq!(next_digit(long.as_bytes(), 0), Some(120));
        // Every position of a digit, and every start, across the block and word steps.
        let mut bytes = "长".repeat(30).into_bytes();
        assert_eq!(next_digit(&bytes, 0), None);
        for at in 0..bytes.len() {
            let saved = bytes[at];
            bytes[at] = b'5';
            for from in 0..=bytes.len() {
                let want = (from <= at).then_some(at);
                assert_eq!(next_digit(&bytes, from), want, "digit at {at}, from {from}");
            }
            bytes[at] = saved;
        }
    }

    #[test]
    fn context_window_counts_characters() {
        let t = "身份证号码为：1";
        let pos = t.find('1').unwrap();
        assert_eq!(
            context_before(t, pos, &["身份证号", "身份证"]),
            Some("身份证号")
        );
        let far = format!("身份证{}1", "很".repeat(CONTEXT_CHARS));
        let pos = far.find('1').unwrap();
        assert_eq!(context_before(&far, pos, &["身份证"]), None);
        assert_eq!(chars_back("ab", 0, 3), 0);
    }
}

/// The screener finds the detectors' context words in its one pass over the folded text; the
/// detectors must get exactly the hits a search of their own view would give.
#[cfg(test)]
mod shared_pass_tests {
    use super::context_hits;

    fn texts() -> Vec<String> {
        let mut out = Vec::new();
        for file in [
            include_str!("../../../../tests/cases/home_address.jsonl"),
            include_str!("../../../../tests/cases/protected_names.jsonl"),
            include_str!("../../../../tests/cases/personal_info.jsonl"),
        ] {
            for line in file.lines().filter(|l| !l.trim().is_empty()) {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                out.push(v["text"].as_str().unwrap().to_string());
            }
        }
        let wide: Vec<String> = out
            .iter()
            .map(|t| {
                t.chars()
                    .map(|c| match c {
                        '0'..='9' | 'A'..='Z' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                        c => c,
                    })
                    .collect()
            })
            .collect();
        out.extend(wide);
        out.extend(
            [
                "家*住郴州市北湖区人民路88号",
                "家住 郴州市北湖区人民路８８号５栋",
                "ＡＢ家住户籍地址：郴州市北湖区人民路8号，住院患者王小明因病",
                "現住址：郴州市北湖區人民路88號",
                "患者患者王明、李红，家住家住",
                "",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn context_words_are_their_own_folded_forms() {
        for d in super::registry::default_detectors().unwrap() {
            for w in d.context_words() {
                assert_eq!(crate::normalize::fold_term(w), *w, "{d:?}");
            }
        }
    }

    #[test]
    fn the_screener_finds_what_a_search_of_the_view_finds() {
        let screener = crate::Screener::new().unwrap();
        let detectors = super::registry::default_detectors().unwrap();
        let mut with_words = 0;
        for t in texts() {
            let (view, hits) = screener.context_words_of(&t);
            assert_eq!(hits.len(), detectors.len() + 1);
            let words = (detectors
                .iter()
                .map(|d| (format!("{d:?}"), d.context_words())))
            .chain([("sensitive".to_string(), super::sensitive::words())]);
            for ((d, words), got) in words.zip(&hits) {
                let alone = context_hits(&std::sync::OnceLock::new(), words, &view);
                assert_eq!(got, &alone, "{t}: {d}");
                with_words += usize::from(!alone.is_empty());
            }
        }
        assert!(with_words > 100, "{with_words}");
    }

    /// The sensitive-combination notes from the shared pass's hits are those of a search of each
    /// finding's sentence.
    #[test]
    fn sensitive_notes_from_the_pass_equal_those_of_a_search() {
        let screener = crate::Screener::new().unwrap();
        let detectors = super::registry::default_detectors().unwrap();
        let mut marked = 0;
        let mut texts = texts();
        texts.extend(
            [
                "确诊患者张某，手机13800138000，曾到超市购物。",
                "犯罪嫌疑人李某涉嫌诈骗，身份证号110108199003071238，现已逮捕",
                "就读于县实验小学，家住郴州市北湖区人民路88号。住院病人王某",
                "患者。手机13800138000，病情稳定",
            ]
            .map(String::from),
        );
        for t in texts {
            let (view, hits) = screener.context_words_of(&t);
            let mut found = Vec::new();
            for d in &detectors {
                d.detect(
                    &super::DetectText::new(view.as_str(), crate::messages::Lang::Zh),
                    &mut found,
                );
            }
            let mut searched = found.clone();
            super::sensitive::mark(&view, crate::messages::Lang::Zh, &mut searched);
            super::sensitive::mark_with(
                &view,
                crate::messages::Lang::Zh,
                &mut found,
                &hits[detectors.len()],
            );
            assert_eq!(found, searched, "{t}");
            marked += searched
                .iter()
                .filter(|d| {
                    d.note
                        .as_deref()
                        .is_some_and(|n| n.contains("敏感个人信息"))
                })
                .count();
        }
        assert!(marked >= 4, "{marked}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_their_marks_or_after_n_characters() {
        for c in ['。', '！', '？', '!', '?', '；', ';', '\n'] {
            assert!(is_sentence_end(c), "{c:?}");
        }
        for c in ['，', '、', '：', ',', '.', 'a', '中'] {
            assert!(!is_sentence_end(c), "{c:?}");
        }
        let t = "前一句。患者张某，电话13800138000！后一句";
        let s = t.find("138").unwrap();
        assert_eq!(
            sentence_around(t, s, s + 11, 80),
            "患者张某，电话13800138000"
        );
        assert_eq!(sentence_around(t, s, s + 11, 2), "电话13800138000");
        assert_eq!(sentence_around(t, 0, 0, 80), "前一句");
    }
}
