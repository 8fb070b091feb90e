//! Normalisation: folds text so that one entry matches all the ways people write it, and keeps an
//! exact map from every folded byte back to the caller's original bytes.
//!
//! Folding, in order, per character:
//! - zero-width, bidi and other format characters, variation selectors: dropped;
//! - full-width ASCII (`Ａ`, `１`, `＊`): to ASCII; then ASCII upper case to lower case;
//! - compatibility forms (circled digits `①`, `㊙`, Kangxi radicals, compatibility ideographs,
//!   mathematical letters): their compatibility decomposition (NFKC of the one character);
//! - traditional characters: simplified ones (the table of the `fast2s` crate, with its
//!   neighbour-dependent exceptions such as 乾隆, 答覆);
//! - `☆` to `★`;
//! - noise (horizontal spaces, ASCII symbols such as `*-_.~|/`, dots, bullets, arrows, box and
//!   geometric shapes, emoji): dropped from the folded text, so a term matches across it. Entries
//!   that do not allow noise are checked against the original span afterwards
//!   ([`contains_noise`]).
//!
//! Clause punctuation (，。；：？！、quotes, brackets, line breaks) is kept: a term never matches
//! across it.
//!
//! The map is a list of segments. An identity segment says "these folded bytes are the original
//! bytes, shifted"; a mapped segment says "these folded bytes come from this one original
//! character". A plain simplified-Chinese text is one segment, copied in bulk.

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::OnceLock;

/// What folding does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Unchanged.
    Keep,
    /// Dropped from the folded text, never part of a term (zero-width, format characters).
    Drop,
    /// Dropped from the folded text; entries with `noise=off` reject a span containing it.
    Noise,
    /// Replaced by one other character.
    Char(char),
    /// Replaced by its compatibility decomposition.
    Compat,
}

/// The folded text and the way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    map: OffsetMap,
    /// Whether the text has full-width letters, digits or `＠`: a fact for callers; the
    /// detectors' view (`width_fold`) does not depend on it.
    wide_alnum: bool,
}

impl Folded {
    /// The folded text, which the matcher reads.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the original has full-width letters, digits or `＠`.
    pub fn has_wide_alnum(&self) -> bool {
        self.wide_alnum
    }

    /// The original byte range of the folded byte range `start..end` (both on char boundaries of
    /// the folded text, `start < end`). The range covers whole original characters, including any
    /// noise between the first and the last.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        self.map.original_range(start, end)
    }
}

/// Maps byte ranges of a derived text back to the text it was derived from.
#[derive(Debug, Default)]
pub(crate) struct OffsetMap {
    segs: Vec<Seg>,
    /// The segment the last lookup found: the stages ask for ranges mostly in the order of the
    /// text, so the next one is usually in it or a few segments on (a memo only: every lookup
    /// gives the same answer whatever it holds).
    last: AtomicUsize,
}

impl Clone for OffsetMap {
    fn clone(&self) -> Self {
        OffsetMap {
            segs: self.segs.clone(),
            last: AtomicUsize::new(self.last.load(Relaxed)),
        }
    }
}

/// A run of characters that all map the same way: each `ostep` original bytes became `dstep`
/// derived bytes. Unchanged text is a run with steps 1/1 (byte for byte), and so is any
/// replacement of the same length (`A` → `a`, `數` → `数`); a run of full-width letters is one
/// segment with steps 3/1. So the map stays small whatever the text: a text of upper-case or
/// full-width letters does not cost a segment per character.
#[derive(Debug, Clone, Copy)]
struct Seg {
    /// First byte of the segment in the derived text.
    derived: usize,
    /// First byte of the segment in the original text.
    orig: usize,
    /// Bytes of one derived character of the run (1 when the run maps byte for byte).
    dstep: usize,
    /// Bytes of one original character of the run.
    ostep: usize,
}

impl OffsetMap {
    /// Unchanged text from `derived` on, at `orig` in the original.
    fn identity_at(&mut self, derived: usize, orig: usize) {
        self.push(derived, orig, 1, 1);
    }

    /// One original character of `olen` bytes at `orig` became one derived character of `dlen`
    /// bytes at `derived`.
    fn mapped_at(&mut self, derived: usize, orig: usize, olen: usize, dlen: usize) {
        if olen == dlen {
            self.push(derived, orig, 1, 1);
        } else {
            self.push(derived, orig, dlen, olen);
        }
    }

    /// One original character of `olen` bytes at `orig` became `dlen` bytes of derived text at
    /// `derived`, possibly several characters (`⑴` → `(1)`): never split.
    fn expanded_at(&mut self, derived: usize, orig: usize, olen: usize, dlen: usize) {
        self.push(derived, orig, dlen, olen);
    }

    fn push(&mut self, derived: usize, orig: usize, dstep: usize, ostep: usize) {
        if let Some(last) = self.segs.last() {
            // The same mapping, continuing the last run where it ends: nothing to record.
            let (dd, od) = (derived - last.derived, orig.wrapping_sub(last.orig));
            if last.dstep == dstep
                && last.ostep == ostep
                && dd % dstep == 0
                && od == dd / dstep * ostep
            {
                return;
            }
        }
        self.segs.push(Seg {
            derived,
            orig,
            dstep,
            ostep,
        });
    }

    /// The index of the segment holding derived byte `pos`: the last segment starting at or
    /// before it (every derived text starts with a segment at 0 when it is not empty). Searched
    /// from segment `from` on when `pos` lies at or after its start: a few steps, doubling, then
    /// a binary search of the span they crossed; else a binary search before it.
    fn seg_index(&self, pos: usize, from: usize) -> usize {
        let segs = &self.segs;
        let Some(at) = segs.get(from) else {
            return segs.partition_point(|s| s.derived <= pos).saturating_sub(1);
        };
        if at.derived > pos {
            return segs[..from]
                .partition_point(|s| s.derived <= pos)
                .saturating_sub(1);
        }
        let (mut i, mut step) = (from, 1);
        while segs.get(i + step).is_some_and(|s| s.derived <= pos) {
            i += step;
            step *= 2;
        }
        // segs[i] starts at or before pos; segs[i + step], if any, after it.
        let hi = (i + step).min(segs.len());
        i + segs[i + 1..hi].partition_point(|s| s.derived <= pos)
    }

    pub(crate) fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end);
        let si = self.seg_index(start, self.last.load(Relaxed));
        let ei = self.seg_index(end - 1, si);
        self.last.store(si, Relaxed);
        let (s, e) = (&self.segs[si], &self.segs[ei]);
        let ostart = s.orig + (start - s.derived) / s.dstep * s.ostep;
        let oend = e.orig + (end - e.derived).div_ceil(e.dstep) * e.ostep;
        (ostart, oend)
    }
}

/// Folds `text` for matching.
pub fn fold(text: &str) -> Folded {
    let t2s = t2s();
    let kept = &t2s.kept;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    // Start of the pending identity run in the original, if any.
    let mut run: Option<usize> = None;
    let mut wide_alnum = false;
    let mut i = 0;

    macro_rules! flush {
        () => {
            if let Some(r) = run.take() {
                out.push_str(&text[r..i]);
            }
        };
    }

    while i < bytes.len() {
        // The hot path: a run of characters that fold to themselves (nearly every character of
        // a simplified-Chinese text, its common punctuation, lower-case ASCII and digits), in a
        // tight loop that reads one table bit per character. `text` is a str, so a lead byte
        // E0..EF is followed by two continuation bytes.
        let from = i;
        loop {
            i += kept.run(&bytes[i..]);
            match bytes.get(i) {
                Some(&b) if b < 0x80 && ASCII_KEPT & (1 << b) != 0 => i += 1,
                _ => break,
            }
        }
        if i > from && run.is_none() {
            run = Some(from);
            map.identity_at(out.len(), from);
        }
        let Some(&b) = bytes.get(i) else { break };
        if b < 0x80 {
            flush!();
            if let Class::Char(c) = ascii_class(b) {
                map.mapped_at(out.len(), i, 1, c.len_utf8());
                out.push(c);
            }
            i += 1;
            continue;
        }
        // Any other multi-byte character. `text` is a str, so the slice from a leading byte is
        // valid.
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        let len = c.len_utf8();
        let class = char_class(c, t2s, text, i);
        match class {
            Class::Keep => {
                if run.is_none() {
                    run = Some(i);
                    map.identity_at(out.len(), i);
                }
            }
            Class::Drop | Class::Noise => {
                wide_alnum |= is_wide_alnum(c as u32);
                flush!();
            }
            Class::Char(r) => {
                wide_alnum |= is_wide_alnum(c as u32);
                flush!();
                let at = out.len();
                push_simple(&mut out, r, t2s);
                if out.len() > at {
                    map.mapped_at(at, i, len, out.len() - at);
                }
            }
            Class::Compat => {
                flush!();
                let at = out.len();
                unicode_normalization::char::decompose_compatible(c, |d| {
                    push_simple(&mut out, d, t2s);
                });
                if out.len() > at {
                    map.expanded_at(at, i, len, out.len() - at);
                }
            }
        }
        i += len;
    }
    flush!();
    Folded {
        text: out,
        map,
        wide_alnum,
    }
}

/// The ASCII bytes folding keeps as they are (lower-case letters, digits, clause punctuation,
/// line breaks): one bit per byte.
const ASCII_KEPT: u128 = {
    let mut bits = 0u128;
    let mut b = 0u8;
    while b < 0x80 {
        if matches!(ascii_class(b), Class::Keep) {
            bits |= 1 << b;
        }
        b += 1;
    }
    bits
};

/// The three-byte characters (U+0800..U+FFFF) that fold to themselves whatever their
/// neighbours, one bit per code point, indexed by the bits of their UTF-8 bytes: the CJK
/// characters without a simplified form (U+3400..U+9FFF) and the punctuation of Chinese text that
/// folding keeps (，。、：；！？（）“”《》【】…). Every other character takes the general path.
#[derive(Debug)]
struct KeptTable {
    /// Bit `u % 64` of word `u / 64`: 1,024 words of 64 code points.
    words: Box<[u64; 1024]>,
}

impl KeptTable {
    /// Blocks outside the CJK ideographs whose kept characters are in the table: general
    /// punctuation, miscellaneous symbols (★), CJK symbols and punctuation, full-width forms.
    const BLOCKS: [(u32, u32); 4] = [
        (0x2000, 0x206F),
        (0x2600, 0x26FF),
        (0x3000, 0x303F),
        (0xFF00, 0xFFEF),
    ];

    fn build(traditional: &[u64]) -> KeptTable {
        let mut words = Box::new([0u64; 1024]);
        // U+3400..U+9FFF: the complement of the traditional characters' bitmap, whose words
        // start at U+3400 (a multiple of 64).
        for (word, traditional) in words[0x3400 / 64..0xA000 / 64].iter_mut().zip(traditional) {
            *word = !traditional;
        }
        for (lo, hi) in Self::BLOCKS {
            for u in lo..=hi {
                let Some(c) = char::from_u32(u) else { continue };
                if other_class(c) == Class::Keep {
                    words[(u / 64) as usize] |= 1 << (u % 64);
                }
            }
        }
        KeptTable { words }
    }

    /// The length in bytes of the run of characters in the table at the start of `bytes` (of a
    /// str, from a char boundary): two characters a step, then one.
    #[inline(always)]
    fn run(&self, bytes: &[u8]) -> usize {
        let mut pairs = bytes.chunks_exact(6);
        let mut len = 0;
        for c in &mut pairs {
            if !self.has(c[0], c[1], c[2]) {
                return len;
            }
            if !self.has(c[3], c[4], c[5]) {
                return len + 3;
            }
            len += 6;
        }
        match pairs.remainder() {
            &[b0, b1, b2, ..] if self.has(b0, b1, b2) => len + 3,
            _ => len,
        }
    }

    /// Whether the UTF-8 bytes `b0 b1 b2` (of a str, so that a lead byte E0..EF is followed by
    /// two continuation bytes) are a character in the table: false when `b0` does not lead a
    /// three-byte character (the word index then falls outside the table).
    #[inline(always)]
    fn has(&self, b0: u8, b1: u8, b2: u8) -> bool {
        let word = ((b0 as usize) << 6 | (b1 as usize & 0x3F)).wrapping_sub(0xE0 << 6);
        self.words
            .get(word)
            .is_some_and(|w| w & (1 << (b2 & 0x3F)) != 0)
    }
}

/// The view detectors read: full-width ASCII (`１３８`, `＠`, `（`, `，`) folded to ASCII, nothing
/// else changed. `None` when the text has no full-width ASCII character (then the view is the
/// text itself). The view of a character never depends on the rest of the text, so a detector
/// decides the same on a text and on any stretch of it (`（010）12345678` is a landline whether or
/// not a full-width digit stands elsewhere; [`crate::chunked`] relies on it).
pub(crate) fn width_fold(text: &str) -> Option<(String, WidthMap)> {
    // Full-width ASCII is U+FF01..U+FF5E: EF BC 81..BF or EF BD 80..9E in UTF-8.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut folded = Vec::new();
    // One pass over the lead bytes of U+F000..U+FFFF, copying the runs between full-width
    // characters in bulk.
    let mut copied = 0;
    for i in memchr::memchr_iter(0xEF, bytes) {
        let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
            continue;
        };
        // The ASCII character, from its full-width form's last byte (0x21 + u - U+FF01).
        let a = match (b1, b2) {
            (0xBC, 0x81..=0xBF) => b2 - 0x60,
            (0xBD, 0x80..=0x9E) => b2 - 0x20,
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        folded.push(out.len());
        out.push(char::from(a));
        copied = i + 3;
    }
    if folded.is_empty() {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, WidthMap { folded }))
}

/// The way back from the detectors' view ([`width_fold`]) to the text: where the view has a
/// one-byte ASCII character that was a three-byte full-width one. One offset per such character
/// (a Chinese text has a full-width comma every dozen characters), found by binary search.
#[derive(Debug, Clone, Default)]
pub(crate) struct WidthMap {
    /// The view's byte offsets of the folded characters, ascending.
    folded: Vec<usize>,
}

impl WidthMap {
    /// The original byte offset of view byte `pos` (a char boundary of the view, or its end):
    /// every folded character before it was two bytes longer.
    fn original(&self, pos: usize) -> usize {
        pos + 2 * self.folded.partition_point(|&f| f < pos)
    }

    /// The original byte range of the view's byte range `start..end` (char boundaries of the
    /// view).
    pub(crate) fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.original(start), self.original(end))
    }

    /// The view's byte offset of original byte `orig` (the start of the view's character that
    /// the original character at or around `orig` became).
    pub(crate) fn view_offset(&self, orig: usize) -> usize {
        // The folded characters that start before `orig` in the original: the k-th (from 0)
        // starts at `folded[k] + 2k` there.
        let (mut lo, mut hi) = (0, self.folded.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.folded[mid] + 2 * mid < orig {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        match lo.checked_sub(1) {
            // Inside the last of them: its start.
            Some(k) if self.folded[k] + 2 * k + 3 > orig => self.folded[k],
            _ => orig - 2 * lo,
        }
    }
}

/// Whether `u` is a full-width ASCII digit, letter or `＠` (U+FF10..FF19, U+FF20..FF3A,
/// U+FF41..FF5A).
fn is_wide_alnum(u: u32) -> bool {
    matches!(u, 0xFF10..=0xFF19 | 0xFF20..=0xFF3A | 0xFF41..=0xFF5A)
}

/// Folds a wordlist term exactly as text is folded (noise dropped).
pub fn fold_term(term: &str) -> String {
    fold_simple(term).unwrap_or_else(|| fold(term).text)
}

/// [`fold`]'s text without its offset map, for a text made only of ASCII and of three-byte
/// characters that [`fold`] keeps as they are (its `KeptTable`): nearly every wordlist term. ASCII is
/// folded by its class alone, as in [`fold`] (kept, lowercased, or dropped as noise), so the
/// result is the same; `None` for any other character (then [`fold`] is needed).
fn fold_simple(text: &str) -> Option<String> {
    let t2s = t2s();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Start of the pending run of characters kept as they are.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            match ascii_class(b) {
                Class::Keep => {
                    i += 1;
                    continue;
                }
                Class::Char(c) => {
                    out.push_str(&text[run..i]);
                    out.push(c);
                }
                Class::Drop | Class::Noise => out.push_str(&text[run..i]),
                Class::Compat => return None,
            }
            i += 1;
            run = i;
        } else if i + 2 < bytes.len() && t2s.kept.has(b, bytes[i + 1], bytes[i + 2]) {
            i += 3;
        } else {
            return None;
        }
    }
    out.push_str(&text[run..]);
    Some(out)
}

/// Whether `s` (a slice of original text) contains a noise character that folding skipped.
pub fn contains_noise(s: &str) -> bool {
    let t2s = t2s();
    s.char_indices().any(|(i, c)| {
        if c.is_ascii() {
            ascii_class(c as u8) == Class::Noise
        } else {
            char_class(c, t2s, s, i) == Class::Noise
        }
    })
}

/// Whether folding drops `c` as noise (a character a term may be written across).
pub fn is_noise(c: char) -> bool {
    if c.is_ascii() {
        ascii_class(c as u8) == Class::Noise
    } else {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        char_class(c, t2s(), s, 0) == Class::Noise
    }
}

/// Whether `c` ends or separates clauses: a term never matches across it, and the word-boundary
/// check segments no further than it.
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | ','
            | ';'
            | ':'
            | '?'
            | '!'
            | '('
            | ')'
            | '，'
            | '。'
            | '；'
            | '：'
            | '？'
            | '！'
            | '、'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '〔'
            | '〕'
            | '〖'
            | '〗'
            | '…'
            | '—'
            | '―'
    )
}

/// Whether `c` ends a sentence (the scope of counter-context words).
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '\n' | '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…')
}

fn push_simple(out: &mut String, c: char, t2s: &T2s) {
    if c.is_ascii() {
        match ascii_class(c as u8) {
            Class::Keep => out.push(c),
            Class::Char(r) => out.push(r),
            _ => {}
        }
    } else if let Some(s) = t2s.get(c) {
        out.push(s);
    } else if !is_format(c) {
        out.push(c);
    }
}

#[inline(always)]
const fn ascii_class(b: u8) -> Class {
    match b {
        b'A'..=b'Z' => Class::Char((b + 32) as char),
        b' ' | b'\t' | b'*' | b'-' | b'_' | b'.' | b'~' | b'|' | b'/' | b'\\' | b'+' | b'='
        | b'^' | b'\'' | b'"' | b'`' | b'#' | b'$' | b'%' | b'&' | b'@' | b'<' | b'>' | b'['
        | b']' | b'{' | b'}' => Class::Noise,
        0..=8 | 11 | 12 | 14..=31 | 127 => Class::Drop,
        _ => Class::Keep,
    }
}

fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}'
        | '\u{0080}'..='\u{009F}'
    )
}

fn char_class(c: char, t2s: &T2s, text: &str, at: usize) -> Class {
    let u = c as u32;
    // The common case first: a CJK ideograph.
    if (0x3400..=0x9FFF).contains(&u) {
        return match t2s.get_in_context(c, text, at) {
            Some(s) if s != c => Class::Char(s),
            _ => Class::Keep,
        };
    }
    other_class(c)
}

/// [`char_class`] of a character outside U+3400..U+9FFF, which never depends on its neighbours.
fn other_class(c: char) -> Class {
    let u = c as u32;
    // Full-width ASCII first: in Chinese text, the commonest characters that get here.
    if (0xFF01..=0xFF5E).contains(&u) {
        // Letters and digits to ASCII, symbols are noise like their ASCII forms; clause
        // punctuation (，：（）) stays as it is.
        let a = (u - 0xFF01 + 0x21) as u8;
        return match ascii_class(a) {
            Class::Keep if a.is_ascii_alphanumeric() => Class::Char(a as char),
            other => other,
        };
    }
    if is_format(c) {
        return Class::Drop;
    }
    match u {
        0x2605 => Class::Keep,
        0x2606 => Class::Char('★'),
        // Dingbat circled digits have no compatibility decomposition.
        0x2776..=0x277F => Class::Char(char::from_digit(u - 0x2776 + 1, 10).unwrap_or('0')),
        0x2780..=0x2789 => Class::Char(char::from_digit(u - 0x2780 + 1, 10).unwrap_or('0')),
        0x278A..=0x2793 => Class::Char(char::from_digit(u - 0x278A + 1, 10).unwrap_or('0')),
        // Whitespace other than ASCII.
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 => {
            Class::Noise
        }
        // Dots, bullets, hyphens (not the dashes — and ―, which are clause punctuation).
        0x00B7 | 0x2010..=0x2013 | 0x2022 | 0x2027 | 0x2043 | 0x30FB | 0xFF65 | 0x301C | 0x3030 => {
            Class::Noise
        }
        // Compatibility forms: enclosed alphanumerics, enclosed CJK, squared forms, Kangxi and
        // supplementary radicals, compatibility ideographs, half-width forms, math letters.
        0x2460..=0x24FF
        | 0x2E80..=0x2FDF
        | 0x3200..=0x33FF
        | 0xF900..=0xFAFF
        | 0xFF5F..=0xFFEF
        | 0x1D400..=0x1D7FF
        | 0x1F100..=0x1F1E5
        | 0x2F800..=0x2FA1F => {
            if unicode_normalization::char::is_combining_mark(c) {
                Class::Drop
            } else {
                let mut changed = false;
                unicode_normalization::char::decompose_compatible(c, |d| changed |= d != c);
                if changed {
                    Class::Compat
                } else if (0x2460..=0x24FF).contains(&u) {
                    Class::Noise
                } else {
                    Class::Keep
                }
            }
        }
        // Symbols: punctuation supplements, arrows, math operators, technical, box drawing,
        // geometric shapes, miscellaneous symbols and dingbats, emoji, regional indicators.
        0x2016
        | 0x2017
        | 0x2020..=0x2025
        | 0x2030..=0x205E
        | 0x2100..=0x214F
        | 0x2190..=0x23FF
        | 0x2500..=0x27BF
        | 0x2900..=0x2BFF
        | 0x1F000..=0x1FAFF => Class::Noise,
        // Combining marks (diacritics stacked on letters to break matching).
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => {
            Class::Drop
        }
        // Extension B and beyond: compatibility decomposition only where there is one.
        _ => Class::Keep,
    }
}

/// The traditional → simplified character table.
#[derive(Debug)]
pub(crate) struct T2s {
    /// One bit per code point in U+3400..=U+9FFF: set when the character has a simplified form.
    changed: Vec<u64>,
    /// The simplified form, sorted by traditional character.
    pairs: Vec<(char, char)>,
    /// The three-byte characters folding keeps as they are.
    kept: KeptTable,
    /// [`CONTEXT_SENSITIVE`], one bit per code point in U+3400..=U+9FFF as in `changed`.
    context: Vec<u64>,
}

/// Characters whose simplified form depends on their neighbours (乾隆 keeps 乾, 答覆 keeps 覆).
const CONTEXT_SENSITIVE: &str = "兒覆夥藉瞭麽幺於乾著苧闔鍾讎畫";

/// Characters the `fast2s` table maps although they are standard simplified characters in their
/// own right (捍卫, 磐石, 呵护, 甯 as a surname): folding them would merge a typo with its correction
/// (坚如盘石 / 坚如磐石).
const NOT_TRADITIONAL: &str = "捍磐呵甯矽";

impl T2s {
    fn build() -> T2s {
        let mut changed = vec![0u64; (0x9FFF - 0x3400 + 1) / 64 + 1];
        let mut pairs = Vec::with_capacity(3000);
        // Every character alone, in one call: separated by line breaks, which no context rule
        // of `fast2s` reads as a neighbour, and converted one character for one.
        let all: Vec<char> = (0x3400u32..=0x9FFF).filter_map(char::from_u32).collect();
        let mut line = String::with_capacity(all.len() * 4);
        for &c in &all {
            line.push(c);
            line.push('\n');
        }
        let simplified = fast2s::convert(&line);
        let context: Vec<char> = CONTEXT_SENSITIVE.chars().collect();
        let not_traditional: Vec<char> = NOT_TRADITIONAL.chars().collect();
        for (c, r) in all.iter().copied().zip(simplified.chars().step_by(2)) {
            if (r != c || context.contains(&c)) && !not_traditional.contains(&c) {
                let bit = (c as u32 - 0x3400) as usize;
                changed[bit / 64] |= 1 << (bit % 64);
                pairs.push((c, r));
            }
        }
        let kept = KeptTable::build(&changed);
        let mut context = vec![0u64; changed.len()];
        for c in CONTEXT_SENSITIVE.chars() {
            let bit = (c as u32 - 0x3400) as usize;
            context[bit / 64] |= 1 << (bit % 64);
        }
        T2s {
            changed,
            pairs,
            kept,
            context,
        }
    }

    /// Whether code point `u` (in U+3400..=U+9FFF) has a simplified form.
    #[cfg(test)]
    fn is_traditional(&self, u: u32) -> bool {
        let bit = (u - 0x3400) as usize;
        self.changed[bit / 64] & (1 << (bit % 64)) != 0
    }

    #[inline(always)]
    fn get(&self, c: char) -> Option<char> {
        let u = c as u32;
        if !(0x3400..=0x9FFF).contains(&u) {
            return None;
        }
        let bit = (u - 0x3400) as usize;
        if self.changed[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.pairs
            .binary_search_by_key(&c, |p| p.0)
            .ok()
            .map(|i| self.pairs[i].1)
    }

    /// The simplified form of `c` at byte `at` of `text`, looking at its neighbours for the few
    /// characters that need it.
    fn get_in_context(&self, c: char, text: &str, at: usize) -> Option<char> {
        let plain = self.get(c)?;
        // `get` found it, so it is in U+3400..=U+9FFF.
        let bit = (c as u32 - 0x3400) as usize;
        if self.context[bit / 64] & (1 << (bit % 64)) == 0 {
            return Some(plain);
        }
        let prev = text[..at].chars().next_back();
        let next = text[at + c.len_utf8()..].chars().next();
        let mut window = String::with_capacity(12);
        window.extend(prev);
        window.push(c);
        window.extend(next);
        let converted = fast2s::convert(&window);
        let skip = usize::from(prev.is_some());
        converted.chars().nth(skip).or(Some(plain))
    }
}

/// The shared table, built on first use (a few milliseconds).
pub(crate) fn t2s() -> &'static T2s {
    static TABLE: OnceLock<T2s> = OnceLock::new();
    TABLE.get_or_init(T2s::build)
}

#[cfg(test)]
mod tests {
    /// The table built in one call of `fast2s` equals the one built a character at a time.
    #[test]
    fn the_table_is_that_of_each_character_alone() {
        let t = t2s();
        let mut buf = [0u8; 4];
        let mut pairs = Vec::new();
        for u in 0x3400u32..=0x9FFF {
            let Some(c) = char::from_u32(u) else { continue };
            let s = fast2s::convert(c.encode_utf8(&mut buf));
            let mut it = s.chars();
            if let (Some(r), None) = (it.next(), it.next()) {
                if !NOT_TRADITIONAL.contains(c) && (r != c || CONTEXT_SENSITIVE.contains(c)) {
                    pairs.push((c, r));
                }
            }
            assert_eq!(
                t.is_traditional(u),
                pairs.last().is_some_and(|p| p.0 == c),
                "{c}"
            );
            let bit = (u - 0x3400) as usize;
            assert_eq!(
                t.context[bit / 64] & (1 << (bit % 64)) != 0,
                CONTEXT_SENSITIVE.contains(c),
                "{c}"
            );
        }
        assert_eq!(t.pairs, pairs);
        assert!(pairs.len() > 2000, "{}", pairs.len());
    }

    use super::*;

    fn check_map(text: &str) {
        let f = fold(text);
        // Every folded char maps back to whole original chars.
        for (i, c) in f.text().char_indices() {
            let (s, e) = f.original_range(i, i + c.len_utf8());
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{text:?} {i}"
            );
            assert!(s < e && e <= text.len());
        }
    }

    /// Folding one character at a time through the general path, without the hot path's
    /// table: the folded text and, for each folded character, the original range it comes
    /// from.
    fn fold_reference(text: &str) -> (String, Vec<(usize, usize)>) {
        let t2s = t2s();
        let mut out = String::new();
        let mut from = Vec::new();
        for (i, c) in text.char_indices() {
            let at = out.len();
            let class = if c.is_ascii() {
                ascii_class(c as u8)
            } else {
                char_class(c, t2s, text, i)
            };
            match class {
                Class::Keep => out.push(c),
                Class::Drop | Class::Noise => {}
                Class::Char(r) => push_simple(&mut out, r, t2s),
                Class::Compat => unicode_normalization::char::decompose_compatible(c, |d| {
                    push_simple(&mut out, d, t2s);
                }),
            }
            from.extend(out[at..].chars().map(|_| (i, i + c.len_utf8())));
        }
        (out, from)
    }

    /// `fold` gives the text and the map of the reference, character for character.
    fn check_against_reference(text: &str) {
        let f = fold(text);
        let (want, from) = fold_reference(text);
        assert_eq!(f.text(), want, "{text:?}");
        for ((i, c), want) in f.text().char_indices().zip(from) {
            assert_eq!(
                f.original_range(i, i + c.len_utf8()),
                want,
                "{text:?} at {i}"
            );
        }
    }

    /// The hot path's table holds only characters the general path keeps as they are, and no
    /// lead byte other than E0..EF reads it.
    #[test]
    fn the_kept_table_agrees_with_the_general_path() {
        let t2s = t2s();
        let mut kept = 0;
        for u in 0x800u32..=0xFFFF {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let b = s.as_bytes();
            if t2s.kept.has(b[0], b[1], b[2]) {
                kept += 1;
                assert_eq!(char_class(c, t2s, s, 0), Class::Keep, "U+{u:04X}");
                assert!(
                    !(0x3400..=0x9FFF).contains(&u) || !t2s.is_traditional(u),
                    "U+{u:04X} depends on its neighbours"
                );
            }
        }
        // The CJK characters without a simplified form and the common punctuation.
        assert!(kept > 24_000, "{kept}");
        for c in "，。、：；！？（）“”《》【】…—★中国".chars() {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert!(t2s.kept.has(b[0], b[1], b[2]), "{c}");
        }
        for b0 in (0..=0xFFu8).filter(|b| !(0xE0..=0xEF).contains(b)) {
            for b1 in [0x80, 0x9F, 0xBF] {
                assert!(!t2s.kept.has(b0, b1, 0x80), "{b0:#x}");
            }
        }
    }

    #[test]
    fn fold_equals_the_general_path() {
        for t in [
            "",
            "a",
            "中",
            "提出上述预期目标，综合考虑了国内外形势。",
            "２０２４年经济增长５％左右，ＧＤＰ达到１３４．９万亿元",
            "賭博網站與數量，乾隆年間，答覆如下；看著他",
            "𠀀𠀁中𝐀𝟏😀冰*毒 海-洛-因\u{200B}Ａ＊Ｂ（１）",
            "⑴⒈㈠㍿①②⑩❶㊙⼈☆★",
            "ABC abc 123 !?;:,() \t\r\n\u{7F}\u{1}",
            "\u{FEFF}\u{200D}\u{3000}\u{A0}·•→",
            "ꀀ㐀䶵乾坤 隻 著 麽",
        ] {
            check_against_reference(t);
        }
        // Every character of the CJK and punctuation blocks, in runs and alone.
        let blocks: String = (0x2000u32..0x3100)
            .chain(0x3400..0xA100)
            .chain(0xFE00..0x1_0000)
            .filter_map(char::from_u32)
            .collect();
        check_against_reference(&blocks);
        for (k, c) in blocks.chars().enumerate().filter(|(k, _)| k % 7 == 0) {
            check_against_reference(&format!("中{c}a{c}{c}，"));
            if k % 91 == 0 {
                check_against_reference(&c.to_string());
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_equals_the_general_path_on_mixed_text(
            text in "[一-龥乾隆答覆著㐀-䶵，。：（）“”０-９Ａ-Ｚａ-ｚ＠＊a-zA-Z0-9 *\\-_.\n\u{200B}\u{FEFF}①⑴㊙😀𠀀𝐀]{0,40}"
        ) {
            check_against_reference(&text);
        }
    }

    /// The view's map against a count of the folded characters before each boundary.
    fn check_width_map(text: &str) {
        let Some((view, map)) = width_fold(text) else {
            return;
        };
        assert_eq!(view.chars().count(), text.chars().count());
        let mut orig = 0;
        for (v, c) in view.char_indices().chain([(view.len(), ' ')]) {
            assert_eq!(map.original_range(v, v), (orig, orig), "{text:?} at {v}");
            assert_eq!(map.view_offset(orig), v, "{text:?} at {orig}");
            let Some(o) = text[orig..].chars().next() else {
                break;
            };
            if o.len_utf8() != c.len_utf8() {
                // Inside a folded character: its start in the view.
                assert_eq!(map.view_offset(orig + 1), v);
                assert_eq!(map.view_offset(orig + 2), v);
            }
            orig += o.len_utf8();
        }
        assert_eq!(orig, text.len());
    }

    #[test]
    fn width_map_maps_every_boundary() {
        for t in [
            "电话：１３８ ００１３ ８０００（孙）",
            "１",
            "ａ，",
            "，ａ",
            "𠀀１𠀀，賭２😀＠ｘ．ｃｎ",
            "２０２４年经济增长５％左右，ＧＤＰ达到１３４．９万亿元，\u{FEFF}ﾊ￥",
        ] {
            check_width_map(t);
        }
    }

    proptest::proptest! {
        #[test]
        fn width_map_maps_every_boundary_of_mixed_text(
            text in "[一-龥賭，。：（）！？０-９Ａ-Ｚａ-ｚ＠＊a-z0-9 \u{FEFF}\u{FF61}-\u{FF9F}😀𠀀]{0,40}"
        ) {
            check_width_map(&text);
        }
    }

    /// Lookups from any previous segment find what a binary search of all segments finds.
    #[test]
    fn lookups_in_any_order_find_the_segment_of_a_binary_search() {
        let text = "２０２４年，ＧＤＰ１３４．９万亿元。賭博網站*海-洛-因😀AB⑩ｘ".repeat(20);
        let f = fold(&text);
        let segs = &f.map.segs;
        assert!(segs.len() > 200, "{}", segs.len());
        let ends: Vec<usize> = f
            .text()
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .collect();
        for (k, (i, _)) in f.text().char_indices().enumerate() {
            let want = segs.partition_point(|s| s.derived <= i) - 1;
            for from in [
                0,
                want.saturating_sub(1),
                want,
                want + 1,
                want + 5,
                segs.len() - 1,
            ] {
                assert_eq!(f.map.seg_index(i, from), want, "{i} from {from}");
            }
            // Ranges asked backwards and forwards after any other.
            for end in [ends[k], ends[(k + 3).min(ends.len() - 1)]] {
                let plain = {
                    let s = &segs[want];
                    let e = &segs[segs.partition_point(|s| s.derived < end) - 1];
                    (
                        s.orig + (i - s.derived) / s.dstep * s.ostep,
                        e.orig + (end - e.derived).div_ceil(e.dstep) * e.ostep,
                    )
                };
                f.map.last.store((k * 7919) % segs.len(), Relaxed);
                assert_eq!(f.original_range(i, end), plain, "{i}..{end}");
            }
        }
    }

    #[test]
    fn folds_width_case_and_script() {
        assert_eq!(fold("ＡＢｃ１２３").text(), "abc123");
        assert_eq!(fold("賭博網站").text(), "赌博网站");
        assert_eq!(fold("數量").text(), "数量");
        assert_eq!(fold("乾隆").text(), "乾隆");
        assert_eq!(fold("乾淨").text(), "干净");
        assert_eq!(fold("坚如磐石，捍卫").text(), "坚如磐石，捍卫");
        assert_eq!(fold("①②⑩").text(), "1210");
        assert_eq!(fold("❶").text(), "1");
        assert_eq!(fold("㊙").text(), "秘");
        assert_eq!(fold("⼈").text(), "人");
        assert_eq!(fold("绝密☆").text(), "绝密★");
    }

    #[test]
    fn drops_noise_and_format_but_keeps_clause_punctuation() {
        assert_eq!(fold("海\u{200B}洛\u{200B}因").text(), "海洛因");
        assert_eq!(fold("冰*毒").text(), "冰毒");
        assert_eq!(fold("海-洛-因").text(), "海洛因");
        assert_eq!(fold("绝 密 ★").text(), "绝密★");
        assert_eq!(fold("冰😀毒").text(), "冰毒");
        assert_eq!(fold("台湾，独立").text(), "台湾，独立");
        assert_eq!(fold("Ａ＊Ｂ（１）").text(), "ab（1）");
        assert_eq!(fold("一\n二").text(), "一\n二");
        assert_eq!(fold("“台独”…").text(), "“台独”…");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let text = "出售海-洛-因。";
        let f = fold(text);
        let start = f.text().find("海洛因").unwrap();
        let (s, e) = f.original_range(start, start + "海洛因".len());
        assert_eq!(&text[s..e], "海-洛-因");

        let text = "ＡＢ賭博網站⑩号";
        let f = fold(text);
        assert_eq!(f.text(), "ab赌博网站10号");
        let start = f.text().find("赌博").unwrap();
        let (s, e) = f.original_range(start, start + "赌博网站".len());
        assert_eq!(&text[s..e], "賭博網站");
        let one = f.text().find('1').unwrap();
        let (s, e) = f.original_range(one, one + 1);
        assert_eq!(&text[s..e], "⑩");
        let (s, e) = f.original_range(0, f.text().len());
        assert_eq!(&text[s..e], text);
    }

    #[test]
    fn maps_every_char_of_mixed_input() {
        for t in [
            "",
            "abc",
            "AbC ＤＥ ①② 賭 博\u{200B}x😀y",
            "\u{FEFF}\u{200D}",
            "⑴⒈㈠㍿𝐀𝟏",
            "乾坤 答覆 看著",
        ] {
            check_map(t);
        }
    }

    #[test]
    fn width_fold_keeps_chars_in_place() {
        assert!(width_fold("电话13800138000。谢谢").is_none());
        let (view, _) = width_fold("电话（010）12345678，谢谢").unwrap();
        assert_eq!(view, "电话(010)12345678,谢谢");
        let text = "电话：１３８ ００１３ ８０００（孙）";
        let (view, map) = width_fold(text).unwrap();
        assert_eq!(view, "电话:138 0013 8000(孙)");
        let s = view.find("138").unwrap();
        let (os, oe) = map.original_range(s, s + "138 0013 8000".len());
        assert_eq!(&text[os..oe], "１３８ ００１３ ８０００");
        assert_eq!(view.chars().count(), text.chars().count());
    }

    #[test]
    fn noise_classification() {
        assert!(contains_noise("冰*毒"));
        assert!(contains_noise("s b"));
        assert!(!contains_noise("冰毒"));
        assert!(!contains_noise("海\u{200B}洛因"));
        assert!(is_noise('·'));
        assert!(!is_noise('★'));
        assert!(!is_noise('，'));
    }
}
