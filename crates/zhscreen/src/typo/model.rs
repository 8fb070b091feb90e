//! The character n-gram model of official Chinese and the candidate table, both embedded and read
//! in place: `data/typo_ngrams.bin` (written by `scripts/gen-typo-model.py`, format in its docs)
//! and `typo-confusions.bin` (compiled by `build.rs` from `data/typo_confusions.txt`). Loading
//! builds, once per process on the first scan that needs it, the indexes that make every lookup
//! a read or two: a char → rank table; the stored bigrams as a bit matrix and its transpose,
//! with the count of set bits before each word (a bigram's count by its index); the trigrams
//! by the top 17 bits of their fingerprint, each entry the low 15 bits and the count byte; and
//! each character's candidates grouped by the word of a matrix row they fall in (a 64-bit mask a
//! word), so that those that fit between two neighbours are found a word at a time.

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
#[cfg(test)]
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
    /// The candidates of each character of the block, as the words of a row of the bigram
    /// matrices they fall in (`cand_words`) and their bits in each word (`cand_masks`), words in
    /// ascending order; where each character's groups start. About 28 words for the 58
    /// candidates of a character of clean official text: the candidates that fit between two
    /// neighbours are found a word at a time.
    cand_offsets: Vec<u32>,
    cand_words: Vec<u16>,
    cand_masks: Vec<u64>,
    /// The most candidates a character has.
    most_candidates: usize,
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
        // at most a word per candidate: room for all at once (the pages not written are not
        // resident), so that growing leaves no freed copies in the heap
        let listed = u32_at(CONFUSIONS, BLOCK) as usize;
        let (mut cand_words, mut cand_masks) =
            (Vec::with_capacity(listed), Vec::with_capacity(listed));
        let mut cands = Vec::new();
        let mut most_candidates = 0;
        let list = &CONFUSIONS[4 * (BLOCK + 1)..];
        for b in 0..BLOCK {
            cand_offsets.push(cand_words.len() as u32);
            cands.clear();
            for i in u32_at(CONFUSIONS, b)..u32_at(CONFUSIONS, b + 1) {
                let c = u32_at(list, i as usize);
                let r = rank[(c - FIRST) as usize];
                if r != UNSEEN {
                    cands.push(r);
                }
            }
            // the commonest first (ranks follow frequency): the likeliest winners are scored
            // first, which lets the others be dropped after one term
            cands.sort_unstable();
            most_candidates = most_candidates.max(cands.len());
            for &r in &cands {
                let word = r / 64;
                if cand_words.last() != Some(&word) || cand_words.len() as u32 == cand_offsets[b] {
                    cand_words.push(word);
                    cand_masks.push(0);
                }
                *cand_masks.last_mut().expect("a group was pushed") |= 1u64 << (r % 64);
            }
        }
        cand_offsets.push(cand_words.len() as u32);
        cand_words.shrink_to_fit();
        cand_masks.shrink_to_fit();
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
            cand_words,
            cand_masks,
            most_candidates,
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

    /// The candidate corrections of `c` (ranks of characters that look or sound like it), in
    /// ascending order.
    #[cfg(test)]
    pub(crate) fn candidates(&self, c: char) -> Vec<u16> {
        if !is_cjk(c) {
            return Vec::new();
        }
        let b = (c as u32 - FIRST) as usize;
        let groups = self.cand_offsets[b] as usize..self.cand_offsets[b + 1] as usize;
        let mut out = Vec::new();
        for (&word, &mask) in self.cand_words[groups.clone()]
            .iter()
            .zip(&self.cand_masks[groups])
        {
            out.extend(
                (0..64)
                    .filter(|i| mask >> i & 1 != 0)
                    .map(|i| word * 64 + i),
            );
        }
        out
    }

    /// The candidates of the character of block index `b` (see [`block_index`]) that form stored
    /// bigrams after `l` and before `r` (both known, not [`UNSEEN`]), written to the start of
    /// `out` in ascending rank, and how many: the candidates worth scoring between those two
    /// neighbours. `out` has room for [`Model::most_candidates`]. A word of the two rows is read
    /// for each word of the candidates (a row of `after` and one of `before`, both in cache for
    /// the loop), and only the candidates that fit are looked at one by one. Not inlined, and
    /// with no call in its loop, so that the loop's values stay in registers.
    #[inline(never)]
    pub(crate) fn fitting(&self, b: usize, l: u16, r: u16, out: &mut [u16]) -> usize {
        let w = self.row_words;
        let after = &self.after[usize::from(l) * w..][..w];
        let before = &self.before[usize::from(r) * w..][..w];
        let groups = self.cand_offsets[b] as usize..self.cand_offsets[b + 1] as usize;
        let words = &self.cand_words[groups.clone()];
        let masks = &self.cand_masks[groups];
        let mut n = 0;
        for (&word, &mask) in words.iter().zip(masks) {
            let i = usize::from(word);
            let mut fit = after[i] & before[i] & mask;
            while fit != 0 {
                out[n] = word * 64 + fit.trailing_zeros() as u16;
                n += 1;
                fit &= fit - 1;
            }
        }
        n
    }

    /// The most candidates a character has: the room [`Model::fitting`] needs.
    pub(crate) fn most_candidates(&self) -> usize {
        self.most_candidates
    }

    /// The rank of the character of block index `b` ([`UNSEEN`] when the model has none).
    #[inline]
    pub(crate) fn rank_of_block(&self, b: usize) -> u16 {
        self.rank[b]
    }

    /// Whether the bigram `a b` is stored (seen at least twice), from row `a` of the matrix.
    #[cfg(test)]
    pub(crate) fn common(&self, a: u16, b: u16) -> bool {
        if a == UNSEEN || b == UNSEEN {
            return false;
        }
        self.first_pass().common(a, b)
    }

    /// Whether the character of rank `c` forms a stored bigram after `l` and before `r` (both
    /// known).
    #[cfg(test)]
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
    pub(crate) fn log_bigram_count(&self, a: u16, b: u16) -> Option<f32> {
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
    pub(crate) fn log_trigram_count(&self, a: u16, b: u16, c: u16) -> Option<f32> {
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
    #[cfg(test)]
    pub(crate) fn log_bigram(&self, a: u16, b: u16) -> f32 {
        self.log_bigram_given(self.log_bigram_count(a, b), a, b)
    }

    /// log10 P(b | a) given `ab`, [`Model::log_bigram_count`] of `a b`: stupid backoff to the
    /// unigram.
    #[inline]
    pub(crate) fn log_bigram_given(&self, ab: Option<f32>, a: u16, b: u16) -> f32 {
        match ab {
            Some(ab) => (ab - self.log_unigram(a).max(ab)).min(0.0),
            None => BACKOFF + self.log_unigram(b) - self.log_total,
        }
    }

    /// log10 P(c | a b), stupid backoff to the bigram.
    #[cfg(test)]
    pub(crate) fn log_trigram(&self, a: u16, b: u16, c: u16) -> f32 {
        self.log_trigram_given(
            self.log_trigram_count(a, b, c),
            || self.log_bigram_count(a, b),
            b,
            c,
            || self.log_bigram_count(b, c),
        )
    }

    /// log10 P(c | a b) given `abc`, [`Model::log_trigram_count`] of `a b c`, and the counts of
    /// the bigrams `a b` and `b c` (asked for only when needed, so that a caller can read each
    /// once for several trigrams): stupid backoff to the bigram.
    #[inline]
    pub(crate) fn log_trigram_given(
        &self,
        abc: Option<f32>,
        ab: impl FnOnce() -> Option<f32>,
        b: u16,
        c: u16,
        bc: impl FnOnce() -> Option<f32>,
    ) -> f32 {
        if let Some(abc) = abc {
            if let Some(ab) = ab() {
                return (abc - ab.max(abc)).min(0.0);
            }
        }
        BACKOFF + self.log_bigram_given(bc(), b, c)
    }
}

/// The index in the block (U+4E00..=U+9FFF) of the character whose UTF-8 starts with the three
/// bytes (the start of a character of valid UTF-8, and the two bytes after it), `None` for any
/// other character.
#[inline]
pub(crate) fn block_index([b0, b1, b2]: [u8; 3]) -> Option<usize> {
    // A three-byte character is 1110xxxx 10yyyyyy 10zzzzzz: its bytes shifted into place and
    // added are the code point plus UTF8_BIAS, without masking a byte. Any other start gives a
    // sum outside the block's: below it when the first byte is less than E4 (an ASCII byte, a
    // two-byte character, U+0800..=U+4DFF; the following bytes of valid UTF-8 are at most F4),
    // past it when it is EA or more (U+A000 and up, four-byte characters). One comparison of
    // the wrapping difference bounds both ends.
    let sum = (u32::from(b0) << 12) + (u32::from(b1) << 6) + u32::from(b2);
    let b = sum.wrapping_sub(UTF8_BIAS + FIRST) as usize;
    (b < BLOCK).then_some(b)
}

/// What the bytes of a three-byte character add to its code point when shifted into place
/// unmasked (`1110` of the first byte and `10` of the other two).
const UTF8_BIAS: u32 = (0xE0 << 12) + (0x80 << 6) + 0x80;

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
        // the candidates that fit between two neighbours are those of the list that form
        // stored bigrams with both
        let mut room = vec![0; m.most_candidates()];
        let mut fit = Vec::new();
        for (l, x, r) in [
            ('运', '舒', '部'),
            ('应', '急', '援'),
            ('依', '刑', '政'),
            ('的', '是', '的'),
        ] {
            let (l, r) = (m.rank(l), m.rank(r));
            let n = m.fitting((x as u32 - FIRST) as usize, l, r, &mut room);
            fit = room[..n].to_vec();
            let want: Vec<u16> = m
                .candidates(x)
                .into_iter()
                .filter(|&c| m.between(l, r)(c))
                .collect();
            assert_eq!(fit, want, "{x}");
        }
        assert!(fit.len() > 1 && fit.is_sorted());
    }

    #[test]
    fn block_index_reads_the_bytes_of_any_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            // the bytes of the character, then the smallest and the largest byte valid UTF-8
            // can follow it with
            for pad in [0u8, 0xF4] {
                let mut three = [pad; 3];
                for (t, b) in three.iter_mut().zip(bytes) {
                    *t = *b;
                }
                let want = is_cjk(c).then(|| (c as u32 - FIRST) as usize);
                assert_eq!(block_index(three), want, "U+{:04X}", c as u32);
            }
        }
    }
}
