//! The character n-gram model of official Chinese and the candidate table, both embedded and read
//! in place: `data/typo_ngrams.bin` (written by `scripts/gen-typo-model.py`, format in its docs)
//! and `typo-confusions.bin` (compiled by `build.rs` from `data/typo_confusions.txt`). Loading
//! builds, once per process on the first scan that needs it, the indexes that make every lookup
//! a read or two: a char → rank table; the stored bigrams as a bit matrix and its transpose,
//! with the count of set bits before each word (a bigram's count by its index); the trigrams
//! by the top 17 bits of their fingerprint, each entry the low 15 bits and the count byte.

use std::sync::OnceLock;

static NGRAMS: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/typo_ngrams.bin"));
static CONFUSIONS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typo-confusions.bin"));

/// The first and last code points the model knows (CJK Unified Ideographs).
pub(crate) const FIRST: u32 = 0x4E00;
const LAST: u32 = 0x9FFF;
const BLOCK: usize = (LAST - FIRST + 1) as usize;

/// The rank of the boundary (start or end of a run of CJK characters).
pub(crate) const BOUNDARY: u16 = 0;
/// The rank of a CJK character the model never saw.
pub(crate) const UNSEEN: u16 = u16::MAX;

/// log2 of the buckets of the trigram index (by the top bits of a fingerprint): about six
/// trigrams a bucket.
const TRIGRAM_BUCKET_BITS: u32 = 17;
/// The low bits of a fingerprint that an entry of the trigram index keeps (its bucket gives the
/// others).
const TRIGRAM_LOW: u32 = (1 << (32 - TRIGRAM_BUCKET_BITS)) - 1;

/// log10 of a stored count of quantised value `q` (`2^(q/8)`).
#[inline]
fn log10_count(q: u8) -> f32 {
    f32::from(q) * (std::f32::consts::LOG10_2 / 8.0)
}

/// Whether `c` is a character the model scores (CJK Unified Ideographs, U+4E00..=U+9FFF).
pub(crate) fn is_cjk(c: char) -> bool {
    (FIRST..=LAST).contains(&(c as u32))
}

/// The character the model scores that starts at byte `i` of UTF-8 `bytes`, if one does (all
/// are three bytes long: leading bytes E4 to E9).
#[inline]
pub(crate) fn cjk_at(bytes: &[u8], i: usize) -> Option<char> {
    let &[b0, b1, b2] = bytes.get(i..i + 3)? else {
        return None;
    };
    if !(0xE4..=0xE9).contains(&b0) {
        return None;
    }
    let c = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    if c < FIRST {
        return None;
    }
    char::from_u32(c)
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[4 * i..4 * i + 4]);
    u32::from_le_bytes(b)
}

/// The model: counts of 1-, 2- and 3-grams of character ranks.
pub(crate) struct Model {
    /// The rank of each character of the block ([`UNSEEN`] when the model has none).
    rank: Box<[u16; BLOCK]>,
    /// The same, but the number of ranks for a character the model has not (the bigram
    /// matrix's last row, empty: the first pass tests such a character's bigrams without a
    /// comparison).
    matrix_rank: Box<[u16; BLOCK]>,
    /// The code point of each rank.
    chars: &'static [u8],
    /// log10 of the count of each rank (of 0.5 for a count of 0).
    log_unigrams: Vec<f32>,
    bigram_counts: &'static [u8],
    /// Where the bigrams of each first rank start in the file's sorted bigrams (and counts).
    bigram_rows: Vec<u32>,
    /// For each word of a row of `after`, the bigrams of the row in the words before it: with
    /// `bigram_rows`, the index of a stored bigram in constant time.
    row_ranks: Vec<u16>,
    /// The stored trigrams, by fingerprint: each entry holds the low 15 bits of a fingerprint
    /// (its bucket gives the high 17) and the count byte, so that a lookup reads one cache line.
    trigrams: Vec<u32>,
    /// Where the trigrams of each bucket (the top bits of a fingerprint) start in `trigrams`.
    trigram_buckets: Vec<u32>,
    /// log10 of the characters counted.
    log_total: f32,
    /// Words of a row of the bigram matrices.
    row_words: usize,
    /// The stored bigrams as a bit matrix, row `a`, bit `b` (the first pass and the candidates'
    /// left neighbour: one row stays in cache while the candidates are tried).
    after: Vec<u64>,
    /// The same transposed, row `b`, bit `a` (the candidates' right neighbour).
    before: Vec<u64>,
    /// The candidates of each character of the block, as ranks, and where each one's start.
    cand_offsets: Vec<u32>,
    cands: Vec<u16>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("chars", &(self.chars.len() / 4))
            .field("bigrams", &self.bigram_counts.len())
            .field("trigrams", &self.trigrams.len())
            .finish()
    }
}

/// The model, loaded on first use.
pub(crate) fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(Model::load)
}

/// Bytes of the embedded model and candidate table.
pub(crate) fn embedded_bytes() -> usize {
    NGRAMS.len() + CONFUSIONS.len()
}

impl Model {
    fn load() -> Model {
        // The file is the crate's own (checked by the tests): a malformed one is a build defect.
        assert!(
            NGRAMS.len() >= 32 && &NGRAMS[..8] == b"ZSTYPOM1",
            "data/typo_ngrams.bin: not a typo model of version 1"
        );
        let header = &NGRAMS[8..32];
        let n_chars = u32_at(header, 0) as usize;
        let n_bi = u32_at(header, 1) as usize;
        let n_tri = u32_at(header, 2) as usize;
        let total = u64::from(u32_at(header, 4)) | (u64::from(u32_at(header, 5)) << 32);
        let mut at = 32;
        let mut take = |len: usize| {
            let s = &NGRAMS[at..at + len];
            at += len;
            s
        };
        let chars = take(4 * n_chars);
        let unigrams = take(4 * n_chars);
        let bigram_keys = take(4 * n_bi);
        let bigram_counts = take(n_bi);
        let trigram_keys = take(4 * n_tri);
        let trigram_counts = take(n_tri);
        assert_eq!(at, NGRAMS.len(), "data/typo_ngrams.bin: trailing bytes");
        let mut rank: Box<[u16; BLOCK]> = vec![UNSEEN; BLOCK]
            .into_boxed_slice()
            .try_into()
            .expect("BLOCK entries");
        for r in 1..n_chars {
            let c = u32_at(chars, r);
            if (FIRST..=LAST).contains(&c) {
                rank[(c - FIRST) as usize] = r as u16;
            }
        }
        let mut matrix_rank = rank.clone();
        for r in matrix_rank.iter_mut().filter(|r| **r == UNSEEN) {
            *r = n_chars as u16;
        }
        let log_unigrams = (0..n_chars)
            .map(|r| (u32_at(unigrams, r) as f32).max(0.5).log10())
            .collect();
        assert!(
            n_chars < usize::from(UNSEEN),
            "data/typo_ngrams.bin: too many characters"
        );
        // a row and a column more than the ranks, for the characters the model has not
        let row_words = (n_chars + 1).div_ceil(64);
        let mut after = vec![0u64; (n_chars + 1) * row_words];
        let mut before = vec![0u64; n_chars * row_words];
        let mut bigram_rows = vec![0u32; n_chars + 1];
        for i in 0..n_bi {
            let key = u32_at(bigram_keys, i);
            let (a, b) = ((key >> 16) as usize, (key & 0xFFFF) as usize);
            assert!(
                a < n_chars && b < n_chars && (i == 0 || u32_at(bigram_keys, i - 1) < key),
                "data/typo_ngrams.bin: bigram {i} is out of order or past the characters"
            );
            after[a * row_words + b / 64] |= 1 << (b % 64);
            before[b * row_words + a / 64] |= 1 << (a % 64);
            bigram_rows[a + 1] = i as u32 + 1;
        }
        for r in 1..=n_chars {
            bigram_rows[r] = bigram_rows[r].max(bigram_rows[r - 1]);
        }
        let mut row_ranks = vec![0u16; (n_chars + 1) * row_words];
        for row in after.chunks_exact(row_words).enumerate() {
            let (a, words) = row;
            let mut before_word = 0u16;
            for (w, word) in words.iter().enumerate() {
                row_ranks[a * row_words + w] = before_word;
                before_word += word.count_ones() as u16;
            }
        }
        let mut trigram_buckets = vec![0u32; (1 << TRIGRAM_BUCKET_BITS) + 1];
        let mut trigrams = Vec::with_capacity(n_tri);
        for (i, &count) in trigram_counts.iter().enumerate() {
            let key = u32_at(trigram_keys, i);
            assert!(
                i == 0 || u32_at(trigram_keys, i - 1) < key,
                "data/typo_ngrams.bin: trigram {i} is out of order"
            );
            let bucket = (key >> (32 - TRIGRAM_BUCKET_BITS)) as usize;
            trigram_buckets[bucket + 1] = i as u32 + 1;
            trigrams.push(((key & TRIGRAM_LOW) << 8) | u32::from(count));
        }
        for b in 1..trigram_buckets.len() {
            trigram_buckets[b] = trigram_buckets[b].max(trigram_buckets[b - 1]);
        }
        let mut cand_offsets = Vec::with_capacity(BLOCK + 1);
        let mut cands = Vec::new();
        let list = &CONFUSIONS[4 * (BLOCK + 1)..];
        for b in 0..BLOCK {
            let first = cands.len();
            cand_offsets.push(first as u32);
            for i in u32_at(CONFUSIONS, b)..u32_at(CONFUSIONS, b + 1) {
                let c = u32_at(list, i as usize);
                let r = rank[(c - FIRST) as usize];
                if r != UNSEEN {
                    cands.push(r);
                }
            }
            // the commonest first (ranks follow frequency): the likeliest winners are scored
            // first, which lets the others be dropped after one term
            cands[first..].sort_unstable();
        }
        cand_offsets.push(cands.len() as u32);
        Model {
            rank,
            matrix_rank,
            chars,
            log_unigrams,
            bigram_counts,
            bigram_rows,
            row_ranks,
            trigrams,
            trigram_buckets,
            log_total: (total.max(1) as f32).log10(),
            row_words,
            after,
            before,
            cand_offsets,
            cands,
        }
    }

    /// The rank of `c`: [`BOUNDARY`] for anything not CJK, [`UNSEEN`] for a CJK character the
    /// model does not know.
    #[cfg(test)]
    pub(crate) fn rank(&self, c: char) -> u16 {
        if is_cjk(c) {
            self.rank[(c as u32 - FIRST) as usize]
        } else {
            BOUNDARY
        }
    }

    /// The rank of the character at byte `i` of UTF-8 `bytes` if it is one the model scores
    /// ([`UNSEEN`] when the model does not know it), `None` for any other character.
    #[inline]
    pub(crate) fn rank_at(&self, bytes: &[u8], i: usize) -> Option<u16> {
        let &[b0, b1, b2] = bytes.get(i..i + 3)? else {
            return None;
        };
        block_index([b0, b1, b2]).map(|b| self.rank[b])
    }

    /// The tables the first pass reads for every character of a text.
    pub(crate) fn first_pass(&self) -> FirstPass<'_> {
        FirstPass {
            rank: &self.matrix_rank,
            after: &self.after,
            row_words: self.row_words,
        }
    }

    /// The character of rank `r`.
    pub(crate) fn char_of(&self, r: u16) -> char {
        char::from_u32(u32_at(self.chars, r as usize)).unwrap_or('\u{fffd}')
    }

    /// The candidate corrections of `c` (ranks of characters that look or sound like it).
    pub(crate) fn candidates(&self, c: char) -> &[u16] {
        if !is_cjk(c) {
            return &[];
        }
        let b = (c as u32 - FIRST) as usize;
        &self.cands[self.cand_offsets[b] as usize..self.cand_offsets[b + 1] as usize]
    }

    /// Whether the bigram `a b` is stored (seen at least twice), from row `a` of the matrix.
    #[cfg(test)]
    pub(crate) fn common(&self, a: u16, b: u16) -> bool {
        if a == UNSEEN || b == UNSEEN {
            return false;
        }
        self.first_pass().common(a, b)
    }

    /// The characters (as a bit set of ranks) that form a stored bigram after `l` and before
    /// `r`: the candidates worth scoring between those two neighbours. Both known.
    pub(crate) fn between(&self, l: u16, r: u16) -> impl Fn(u16) -> bool + '_ {
        let w = self.row_words;
        let after = &self.after[usize::from(l) * w..][..w];
        let before = &self.before[usize::from(r) * w..][..w];
        // one test of the two words (both rows have `w` words: one bounds check)
        move |c: u16| {
            let i = usize::from(c) / 64;
            (after[i] & before[i]) & (1u64 << (c % 64)) != 0
        }
    }

    fn log_unigram(&self, r: u16) -> f32 {
        if r == UNSEEN {
            return 0.5f32.log10();
        }
        self.log_unigrams[usize::from(r)]
    }

    /// log10 of the count of the bigram `a b`, `None` when it is not stored.
    #[inline]
    fn log_bigram_count(&self, a: u16, b: u16) -> Option<f32> {
        if a == UNSEEN || b == UNSEEN {
            return None;
        }
        // the stored bigrams of row `a` are its set bits, in the order of their keys
        let (a, b) = (usize::from(a), usize::from(b));
        let w = a * self.row_words + b / 64;
        let bit = 1u64 << (b % 64);
        let word = self.after[w];
        if word & bit == 0 {
            return None;
        }
        let i = self.bigram_rows[a] as usize
            + usize::from(self.row_ranks[w])
            + (word & (bit - 1)).count_ones() as usize;
        Some(log10_count(self.bigram_counts[i]))
    }

    /// log10 of the count of the trigram `a b c`, `None` when it is not stored.
    #[inline]
    fn log_trigram_count(&self, a: u16, b: u16, c: u16) -> Option<f32> {
        if a == UNSEEN || b == UNSEEN || c == UNSEEN {
            return None;
        }
        let key = fingerprint(a, b, c);
        let bucket = (key >> (32 - TRIGRAM_BUCKET_BITS)) as usize;
        let (lo, hi) = (
            self.trigram_buckets[bucket] as usize,
            self.trigram_buckets[bucket + 1] as usize,
        );
        let low = key & TRIGRAM_LOW;
        // a bucket holds about six entries, sorted
        for &entry in &self.trigrams[lo..hi] {
            if entry >> 8 >= low {
                return (entry >> 8 == low).then(|| log10_count(entry as u8));
            }
        }
        None
    }

    /// log10 P(b | a), stupid backoff to the unigram.
    pub(crate) fn log_bigram(&self, a: u16, b: u16) -> f32 {
        match self.log_bigram_count(a, b) {
            Some(ab) => (ab - self.log_unigram(a).max(ab)).min(0.0),
            None => BACKOFF + self.log_unigram(b) - self.log_total,
        }
    }

    /// log10 P(c | a b), stupid backoff to the bigram.
    pub(crate) fn log_trigram(&self, a: u16, b: u16, c: u16) -> f32 {
        if let Some(abc) = self.log_trigram_count(a, b, c) {
            if let Some(ab) = self.log_bigram_count(a, b) {
                return (abc - ab.max(abc)).min(0.0);
            }
        }
        BACKOFF + self.log_bigram(b, c)
    }
}

/// The index in the block (U+4E00..=U+9FFF) of the character the three bytes of UTF-8 start,
/// `None` for any other character.
#[inline]
fn block_index([b0, b1, b2]: [u8; 3]) -> Option<usize> {
    if !(0xE4..=0xE9).contains(&b0) {
        return None;
    }
    // U+4000..=U+9FFF; below FIRST the subtraction wraps past the block
    let c = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
    let b = c.wrapping_sub(FIRST) as usize;
    (b < BLOCK).then_some(b)
}

/// The first pass's tables, borrowed once per text so that the loop over its characters keeps
/// them in registers: the char → index table of the bigram matrix (its length a constant, so
/// that one comparison bounds both ends of the block; the characters the model has not are the
/// matrix's empty last row and column, so that no test is needed for them) and the matrix.
pub(crate) struct FirstPass<'m> {
    rank: &'m [u16; BLOCK],
    after: &'m [u64],
    row_words: usize,
}

impl FirstPass<'_> {
    /// The matrix index of the character at byte `i` of UTF-8 `bytes` if it is one the model
    /// scores (its rank, or the empty row's when the model does not know it), `None` for any
    /// other character.
    #[inline]
    pub(crate) fn rank_at(&self, bytes: &[u8], i: usize) -> Option<u16> {
        let &[b0, b1, b2] = bytes.get(i..i + 3)? else {
            return None;
        };
        self.rank_of([b0, b1, b2])
    }

    /// [`FirstPass::rank_at`] of the three bytes that start a character.
    #[inline]
    pub(crate) fn rank_of(&self, bytes: [u8; 3]) -> Option<u16> {
        block_index(bytes).map(|b| self.rank[b])
    }

    /// Whether the bigram `a b` (matrix indexes) is stored (seen at least twice), from row `a`
    /// of the matrix.
    #[inline]
    pub(crate) fn common(&self, a: u16, b: u16) -> bool {
        let (a, b) = (usize::from(a), usize::from(b));
        self.after[a * self.row_words + b / 64] & (1 << (b % 64)) != 0
    }
}

/// log10 of stupid backoff's factor (0.4).
const BACKOFF: f32 = -0.398;

/// The trigram's fingerprint, as `scripts/gen-typo-model.py` computes it.
fn fingerprint(a: u16, b: u16, c: u16) -> u32 {
    let key = (u64::from(a) << 32) | (u64::from(b) << 16) | u64::from(c);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_knows_official_chinese() {
        let m = model();
        let r = |c: char| m.rank(c);
        assert!(m.chars.len() / 4 > 4000, "{m:?}");
        assert_eq!(r('a'), BOUNDARY);
        assert_eq!(m.char_of(r('政')), '政');
        // 行政 is everywhere in official text, 刑政 nowhere.
        assert!(m.common(r('行'), r('政')));
        assert!(m.log_bigram_count(r('行'), r('政')).unwrap() > 3.0);
        assert_eq!(m.log_bigram_count(r('运'), r('舒')), None);
        assert!(!m.common(r('运'), r('舒')));
        assert!(m.log_bigram(r('行'), r('政')) > m.log_bigram(r('刑'), r('政')) + 2.0);
        assert!(
            m.log_trigram(r('法'), r('行'), r('政')) > m.log_trigram(r('法'), r('刑'), r('政'))
        );
        // every stored bigram is common and found, and its count read back
        let n_chars = u32_at(&NGRAMS[8..], 0) as usize;
        let bigram_keys = &NGRAMS[32 + 8 * n_chars..];
        for i in (0..m.bigram_counts.len()).step_by(97) {
            let k = u32_at(bigram_keys, i);
            let (a, b) = ((k >> 16) as u16, k as u16);
            assert!(m.common(a, b));
            assert_eq!(m.between(a, b)(a), m.common(a, a));
            assert_eq!(m.between(a, b)(b), m.common(b, b));
            assert_eq!(
                m.log_bigram_count(a, b),
                Some(log10_count(m.bigram_counts[i]))
            );
        }
        // and every stored trigram is found
        let n_tri = u32_at(&NGRAMS[8..], 2) as usize;
        let keys_at = NGRAMS.len() - 5 * n_tri;
        for i in (0..n_tri).step_by(101) {
            let key = u32_at(&NGRAMS[keys_at..], i);
            let count = NGRAMS[keys_at + 4 * n_tri + i];
            let bucket = (key >> (32 - TRIGRAM_BUCKET_BITS)) as usize;
            let (lo, hi) = (m.trigram_buckets[bucket], m.trigram_buckets[bucket + 1]);
            assert!(
                (lo..hi).contains(&(i as u32)),
                "trigram {i} outside its bucket"
            );
            assert_eq!(m.trigrams[i], ((key & TRIGRAM_LOW) << 8) | u32::from(count));
        }
        let (a, b, c) = (r('依'), r('法'), r('行'));
        assert!(m.log_trigram_count(a, b, c).is_some());
        assert!(m.log_trigram(a, b, c) > m.log_trigram(a, b, r('刑')) + 1.0);
        // a bigram not stored is not common, from either side
        assert!(!m.between(r('运'), r('部'))(r('舒')));
        assert!(m.between(r('运'), r('部'))(r('输')));
    }

    #[test]
    fn candidates_come_from_the_confusion_sets() {
        let m = model();
        let of = |c: char| -> Vec<char> { m.candidates(c).iter().map(|&r| m.char_of(r)).collect() };
        assert!(of('刑').contains(&'行'));
        assert!(of('舒').contains(&'输'));
        assert!(of('暖').contains(&'援'), "{:?}", of('暖'));
        assert!(of('a').is_empty());
    }
}
