//! Word boundaries by segmentation, for entries that must be whole words (台独 must not fire in
//! 平台独家 or 电视台独家).
//!
//! The segmentation is jieba's without the HMM (what `jieba_rs::Jieba::cut(text, false)` does),
//! over jieba-rs's bundled dictionary plus the boundary terms of the ruleset added as words (so
//! that 打击台独 segments as 打击/台独, and a hit counts only if it comes out as exactly one token).
//!
//! The dictionary is prepared at build time: `build.rs` turns `data/jieba-dict.txt` (349k words
//! with their frequencies, imported from jieba-rs by `scripts/import-jieba-dict.sh`) into a table
//! of the words sorted by their bytes, embedded in the library and read in place: nothing is
//! parsed at run time (jieba-rs takes 100-150 ms to parse its dictionary into a trie, and holds
//! 32 MiB). The words of a block that start at a char (jieba's DAG) are found by narrowing the
//! sorted range char by char: the first step from an index of first chars, then two binary
//! searches a step. The boundary terms are added on top, each with the frequency
//! jieba's `add_word(term, None, None)` would give it (`suggest_freq`, in the same order, so the
//! dictionary total moves the same way). The differential tests (`differential_tests.rs`) check,
//! against jieba-rs itself, that the tokens are the same on the project's cases, the shared cases
//! and the work reports.
//!
//! Screeners with the same boundary terms share one dictionary.

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/jieba-dict.rs"));
}

/// The base dictionary as `build.rs` laid it out: the words sorted by their bytes, back to back;
/// where each starts (and the end), u32 little-endian; each one's frequency, u32 little-endian.
/// Read in place: nothing is parsed or copied at run time.
static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-words.bin"));
static OFFSETS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-offsets.bin"));
static FREQS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-freqs.bin"));
/// For each char of the Basic Multilingual Plane, the index of the first word starting with it or
/// a later char (u32 little-endian, 65,537 entries): the first step of a walk without a search.
static FIRST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/jieba-first.bin"));

const _: () = assert!(generated::WORDS > 0, "build.rs wrote an empty dictionary");

/// The base dictionary (jieba-rs's bundled one), a sorted table read in place.
struct Table;

impl Table {
    const LEN: usize = generated::WORDS;

    fn u32_at(bytes: &'static [u8], i: usize) -> u32 {
        let mut b = [0u8; 4];
        b.copy_from_slice(&bytes[4 * i..4 * i + 4]);
        u32::from_le_bytes(b)
    }

    fn word(i: usize) -> &'static [u8] {
        &WORDS[Self::u32_at(OFFSETS, i) as usize..Self::u32_at(OFFSETS, i + 1) as usize]
    }

    fn freq(i: usize) -> usize {
        Self::u32_at(FREQS, i) as usize
    }

    /// The first index of `lo..hi` where `pred` is false (`pred` true then false over the range).
    fn partition(mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The index of `word`, if it is in the table.
    fn find(word: &[u8]) -> Option<usize> {
        let i = Self::partition(0, Self::LEN, |i| Self::word(i) < word);
        (i < Self::LEN && Self::word(i) == word).then_some(i)
    }

    /// The words starting with `c`.
    fn starting_with(c: char) -> (usize, usize) {
        let u = c as usize;
        if u < 0x10000 {
            (
                Self::u32_at(FIRST, u) as usize,
                Self::u32_at(FIRST, u + 1) as usize,
            )
        } else {
            let mut buf = [0u8; 4];
            Self::narrow(0, Self::LEN, 0, c.encode_utf8(&mut buf).as_bytes())
        }
    }

    /// Narrows `lo..hi`, the words whose first `depth` bytes are the same, to those whose next
    /// bytes are `next`. Sorted words sharing a prefix are sorted by what follows it, so two
    /// binary searches over the range find them.
    fn narrow(lo: usize, hi: usize, depth: usize, next: &[u8]) -> (usize, usize) {
        let key = |i: usize| {
            let w = Self::word(i);
            &w[depth.min(w.len())..(depth + next.len()).min(w.len())]
        };
        let a = Self::partition(lo, hi, |i| key(i).cmp(next) == Ordering::Less);
        let b = Self::partition(a, hi, |i| key(i).cmp(next) != Ordering::Greater);
        (a, b)
    }
}

/// A segmenter that knows a ruleset's boundary terms.
pub(crate) struct Segmenter {
    terms: Vec<String>,
    dict: OnceLock<Arc<Dictionary>>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("terms", &self.terms.len())
            .field("loaded", &self.dict.get().is_some())
            .finish()
    }
}

impl Segmenter {
    pub(crate) fn new(mut terms: Vec<String>) -> Segmenter {
        terms.sort();
        terms.dedup();
        Segmenter {
            terms,
            dict: OnceLock::new(),
        }
    }

    fn dict(&self) -> &Dictionary {
        self.dict.get_or_init(|| shared_dictionary(&self.terms))
    }

    /// Whether the span `start..end` of `clause` comes out as exactly one token.
    pub(crate) fn is_whole_token(&self, clause: &str, start: usize, end: usize) -> bool {
        let mut found = false;
        self.dict()
            .cut(clause, |s, e| found |= s == start && e == end);
        found
    }

    /// Whether `start` and `end` of `clause` both fall between tokens (a near miss of the wording
    /// checker must not begin or end inside a word: 科学发展规划 holds no misspelt 科学发展观).
    pub(crate) fn is_between_tokens(&self, clause: &str, start: usize, end: usize) -> bool {
        let (mut s_ok, mut e_ok) = (start == 0, end == clause.len());
        self.dict().cut(clause, |s, _| s_ok |= s == start);
        self.dict().cut(clause, |_, e| e_ok |= e == end);
        s_ok && e_ok
    }

    /// The token of `clause` that holds the byte offset `at` (the typo detector leaves characters
    /// inside a word of the dictionary alone).
    pub(crate) fn token_at(&self, clause: &str, at: usize) -> (usize, usize) {
        let mut found = (at, at);
        self.dict().cut(clause, |s, e| {
            if s <= at && at < e {
                found = (s, e);
            }
        });
        found
    }

    /// The tokens of `text` as byte ranges, in order (the differential tests compare them with
    /// jieba-rs's).
    #[cfg(test)]
    pub(crate) fn tokens(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.dict().cut(text, |s, e| out.push((s, e)));
        out
    }

    /// Prepares the dictionary now rather than on the first boundary check.
    pub(crate) fn warm(&self) {
        self.dict();
    }
}

/// One dictionary per distinct set of added terms, alive while any screener uses it.
fn shared_dictionary(terms: &[String]) -> Arc<Dictionary> {
    static CACHE: OnceLock<Mutex<HashMap<[u8; 32], Weak<Dictionary>>>> = OnceLock::new();
    let mut hasher = Sha256::new();
    for t in terms {
        hasher.update(t.as_bytes());
        hasher.update([0]);
    }
    let key: [u8; 32] = hasher.finalize().into();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(d) = map.get(&key).and_then(Weak::upgrade) {
        return d;
    }
    let mut dict = Dictionary::base();
    for t in terms {
        dict.add_word(t);
    }
    let dict = Arc::new(dict);
    map.retain(|_, w| w.strong_count() > 0);
    map.insert(key, Arc::downgrade(&dict));
    dict
}

/// jieba's dictionary: the prepared base, and the words added (or re-weighted) on top of it.
struct Dictionary {
    /// Added words and their frequencies; they take precedence over the base.
    added: FxHashMap<Box<str>, usize>,
    /// The longest added word, in chars.
    added_max_chars: usize,
    /// Sum of all frequencies, as jieba keeps it.
    total: usize,
    log_total: f64,
}

/// One candidate word of a block: chars `start..end`, with its frequency.
#[derive(Clone, Copy)]
struct Edge {
    start: u32,
    end: u32,
    /// An added word, which wins over the base word of the same span.
    added: bool,
    freq: usize,
}

impl Dictionary {
    fn base() -> Dictionary {
        let total = generated::TOTAL as usize;
        Dictionary {
            added: FxHashMap::default(),
            added_max_chars: 0,
            total,
            log_total: (total as f64).ln(),
        }
    }

    /// The frequency of `word`, if it is in the dictionary.
    fn freq(&self, word: &str) -> Option<usize> {
        if let Some(&f) = self.added.get(word) {
            return Some(f);
        }
        Table::find(word.as_bytes()).map(Table::freq)
    }

    /// `Jieba::add_word(word, None, None)`.
    fn add_word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        let freq = self.suggest_freq(word);
        match self.freq(word) {
            Some(old) => {
                self.total += freq;
                self.total -= old;
            }
            None => self.total += freq,
        }
        self.added.insert(word.into(), freq);
        self.added_max_chars = self.added_max_chars.max(word.chars().count());
        self.log_total = (self.total as f64).ln();
    }

    /// `Jieba::suggest_freq`: the frequency that makes `segment` come out as one word.
    fn suggest_freq(&self, segment: &str) -> usize {
        let logtotal = self.log_total;
        let mut logfreq = 0f64;
        self.cut(segment, |s, e| {
            logfreq = logfreq + (self.freq(&segment[s..e]).unwrap_or(1) as f64).ln() - logtotal;
        });
        std::cmp::max(
            (logfreq + logtotal).exp() as usize + 1,
            self.freq(segment).unwrap_or(1),
        )
    }

    /// `Jieba::cut(text, false)`: calls `token(start, end)` (byte offsets) for each token, in
    /// order.
    fn cut(&self, text: &str, mut token: impl FnMut(usize, usize)) {
        let mut chars: Vec<(u32, char)> = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            // The next run of characters that are all, or all not, of jieba's RE_HAN_DEFAULT.
            chars.clear();
            let start = pos;
            let mut iter = text[start..].char_indices();
            let Some((_, first)) = iter.next() else { break };
            let han = is_han_default(first);
            chars.push((0, first));
            let mut end = start + first.len_utf8();
            for (i, c) in iter {
                if is_han_default(c) != han {
                    break;
                }
                chars.push((i as u32, c));
                end = start + i + c.len_utf8();
            }
            pos = end;
            let block = &text[start..end];
            if han {
                self.cut_block(block, &chars, |s, e| token(start + s, start + e));
            } else {
                // Every character a token, `\r\n` together.
                let mut i = 0;
                while let Some(&(offset, c)) = chars.get(i) {
                    let offset = offset as usize;
                    if c == '\r' && matches!(chars.get(i + 1), Some(&(_, '\n'))) {
                        token(start + offset, start + offset + 2);
                        i += 2;
                    } else {
                        token(start + offset, start + offset + c.len_utf8());
                        i += 1;
                    }
                }
            }
        }
    }

    /// The words of one block of RE_HAN_DEFAULT characters along the best route; single ASCII
    /// alphanumerics the route leaves alone are joined into one token.
    fn cut_block(&self, block: &str, chars: &[(u32, char)], mut token: impl FnMut(usize, usize)) {
        let n = chars.len();
        let edges = self.dag(block, chars);
        let byte_at = |idx: usize| chars.get(idx).map_or(block.len(), |&(o, _)| o as usize);

        // Best route from the end (jieba's `calc`): per char, the log-probability of the rest of
        // the block and the end of the word chosen there. Same operations in the same order as
        // jieba-rs, so the same floating-point results and the same ties.
        let logtotal = self.log_total;
        let log1 = 0.0f64 - logtotal;
        let mut route: Vec<(f64, usize)> = vec![(0.0, 0); n + 1];
        route[n] = (0.0, n);
        let mut e = edges.len();
        for idx in (0..n).rev() {
            // Edges are sorted by (start, end): those of `idx` end just before index `e`.
            let hi = e;
            while e > 0 && edges[e - 1].start as usize == idx {
                e -= 1;
            }
            let mut best: Option<(f64, usize)> = None;
            for edge in &edges[e..hi] {
                let end = edge.end as usize;
                let prob = (edge.freq as f64).ln() - logtotal + route[end].0;
                match best {
                    Some((bp, be)) if !(prob > bp || (prob == bp && end > be)) => {}
                    _ => best = Some((prob, end)),
                }
            }
            route[idx] = best.unwrap_or((log1 + route[idx + 1].0, idx + 1));
        }

        let mut x = 0;
        let mut left: Option<usize> = None;
        while x < n {
            let y = route[x].1;
            if y - x == 1 && chars[x].1.is_ascii_alphanumeric() {
                left.get_or_insert(x);
            } else {
                if let Some(l) = left.take() {
                    token(byte_at(l), byte_at(x));
                }
                token(byte_at(x), byte_at(y));
            }
            x = y;
        }
        if let Some(l) = left {
            token(byte_at(l), block.len());
        }
    }

    /// Every dictionary word of the block, sorted by (start, end), one edge per span.
    fn dag(&self, block: &str, chars: &[(u32, char)]) -> Vec<Edge> {
        let n = chars.len();
        let mut edges: Vec<Edge> = Vec::new();
        for s in 0..n {
            // Walk the table down the chars from `s`: every prefix that is a word is an edge.
            let mut buf = [0u8; 4];
            let (mut lo, mut hi, mut depth) = (0, 0, 0);
            for e in s + 1..=n {
                let c = chars[e - 1].1;
                if e == s + 1 {
                    (lo, hi) = Table::starting_with(c);
                } else {
                    (lo, hi) = Table::narrow(lo, hi, depth, c.encode_utf8(&mut buf).as_bytes());
                }
                if lo == hi {
                    break;
                }
                depth += c.len_utf8();
                // The word that is exactly the prefix, if any, sorts first.
                if Table::word(lo).len() == depth {
                    edges.push(Edge {
                        start: s as u32,
                        end: e as u32,
                        added: false,
                        freq: Table::freq(lo),
                    });
                }
            }
        }
        if !self.added.is_empty() {
            let byte_at = |idx: usize| chars.get(idx).map_or(block.len(), |&(o, _)| o as usize);
            for s in 0..n {
                for e in s + 1..=n.min(s + self.added_max_chars) {
                    if let Some(&freq) = self.added.get(&block[byte_at(s)..byte_at(e)]) {
                        edges.push(Edge {
                            start: s as u32,
                            end: e as u32,
                            added: true,
                            freq,
                        });
                    }
                }
            }
        }
        // An added word replaces the base word of the same span.
        edges.sort_unstable_by_key(|e| (e.start, e.end, !e.added));
        edges.dedup_by_key(|e| (e.start, e.end));
        edges
    }
}

/// jieba's RE_HAN_DEFAULT: CJK ideographs, ASCII alphanumerics and `+#&._%-`.
fn is_han_default(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2B73F}'
            | '\u{2B740}'..='\u{2B81F}'
            | '\u{2B820}'..='\u{2CEAF}'
            | '\u{2CEB0}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}'
        )
    }
}

#[cfg(test)]
mod differential_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_tokens_only() {
        let s = Segmenter::new(vec!["台独".to_string()]);
        let check = |clause: &str, term: &str| {
            let start = clause.find(term).unwrap();
            s.is_whole_token(clause, start, start + term.len())
        };
        assert!(check("坚决反对台独分裂活动", "台独"));
        assert!(!check("省电视台独家专访", "台独"));
        assert!(!check("平台独家发布", "台独"));
    }

    #[test]
    fn table_is_whole_and_sorted() {
        assert_eq!(FIRST.len(), 4 * 0x10001);
        for c in ['我', 'a', '中', '\u{3400}', '\u{1F600}', '𠀀'] {
            let mut buf = [0u8; 4];
            let by_search = Table::narrow(0, Table::LEN, 0, c.encode_utf8(&mut buf).as_bytes());
            assert_eq!(Table::starting_with(c), by_search, "{c}");
        }
        assert_eq!(OFFSETS.len(), 4 * (Table::LEN + 1));
        assert_eq!(FREQS.len(), 4 * Table::LEN);
        assert_eq!(Table::u32_at(OFFSETS, Table::LEN) as usize, WORDS.len());
        let mut total = 0u64;
        for i in 0..Table::LEN {
            if i > 0 {
                assert!(Table::word(i - 1) < Table::word(i), "word {i}");
            }
            assert!(std::str::from_utf8(Table::word(i)).is_ok(), "word {i}");
            total += Table::freq(i) as u64;
        }
        assert_eq!(total, generated::TOTAL);
        assert_eq!(
            Table::find("我们".as_bytes()).map(Table::freq),
            Some(98_740)
        );
        assert_eq!(Table::find("我们们".as_bytes()), None);
    }

    #[test]
    fn tokens_cover_the_text_in_order() {
        let s = Segmenter::new(Vec::new());
        let text = "我们在2024年用了GPU，\r\n效果 很好。abc中国";
        let tokens = s.tokens(text);
        let mut at = 0;
        for &(a, b) in &tokens {
            assert_eq!(a, at, "{tokens:?}");
            assert!(b > a);
            at = b;
        }
        assert_eq!(at, text.len());
        let crlf = text.find('\r').unwrap();
        assert!(tokens.contains(&(crlf, crlf + 2)));
        let words: Vec<&str> = tokens.iter().map(|&(a, b)| &text[a..b]).collect();
        assert!(words.contains(&"我们"), "{words:?}");
        assert!(words.contains(&"2024"), "{words:?}");
    }

    #[test]
    fn added_term_gets_a_frequency_and_moves_the_total() {
        let base = Dictionary::base();
        let mut d = Dictionary::base();
        d.add_word("台独");
        let f = d.freq("台独").unwrap();
        assert!(f > 0);
        assert_eq!(d.total, base.total + f - base.freq("台独").unwrap_or(0));
    }
}
