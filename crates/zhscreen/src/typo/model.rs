//! The character n-gram model of official Chinese and the candidate table, both embedded and read
//! in place: `data/typo_ngrams.bin` (written by `scripts/gen-typo-model.py`, format in its docs)
//! and `typo-confusions.bin` (compiled by `build.rs` from `data/typo_confusions.txt`). Loading
//! builds only two small indexes (a char → rank table and a bitset of the common bigrams), once
//! per process, on the first scan that needs it.

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

/// log2 of the bits of the bigram filter (4 MiB).
const FILTER_BITS: u32 = 25;

/// Whether `c` is a character the model scores (CJK Unified Ideographs, U+4E00..=U+9FFF).
pub(crate) fn is_cjk(c: char) -> bool {
    (FIRST..=LAST).contains(&(c as u32))
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&bytes[4 * i..4 * i + 4]);
    u32::from_le_bytes(b)
}

/// The model: counts of 1-, 2- and 3-grams of character ranks.
pub(crate) struct Model {
    /// The rank of each character of the block ([`UNSEEN`] when the model has none).
    rank: Vec<u16>,
    /// The code point of each rank.
    chars: &'static [u8],
    /// The count of each rank.
    unigrams: &'static [u8],
    bigram_keys: &'static [u8],
    bigram_counts: &'static [u8],
    trigram_keys: &'static [u8],
    trigram_counts: &'static [u8],
    /// log10 of the characters counted.
    log_total: f32,
    /// One bit per bigram key hash: set for every stored bigram (the cheap first pass).
    filter: Vec<u64>,
    /// The candidates of each character of the block, as ranks, and where each one's start.
    cand_offsets: Vec<u32>,
    cands: Vec<u16>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("chars", &(self.chars.len() / 4))
            .field("bigrams", &(self.bigram_counts.len()))
            .field("trigrams", &(self.trigram_counts.len()))
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
        let mut rank = vec![UNSEEN; BLOCK];
        for r in 1..n_chars {
            let c = u32_at(chars, r);
            if (FIRST..=LAST).contains(&c) {
                rank[(c - FIRST) as usize] = r as u16;
            }
        }
        let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
        for i in 0..n_bi {
            let h = filter_hash(u32_at(bigram_keys, i));
            filter[h >> 6] |= 1 << (h & 63);
        }
        let mut cand_offsets = Vec::with_capacity(BLOCK + 1);
        let mut cands = Vec::new();
        let list = &CONFUSIONS[4 * (BLOCK + 1)..];
        for b in 0..BLOCK {
            cand_offsets.push(cands.len() as u32);
            for i in u32_at(CONFUSIONS, b)..u32_at(CONFUSIONS, b + 1) {
                let c = u32_at(list, i as usize);
                let r = rank[(c - FIRST) as usize];
                if r != UNSEEN {
                    cands.push(r);
                }
            }
        }
        cand_offsets.push(cands.len() as u32);
        Model {
            rank,
            chars,
            unigrams,
            bigram_keys,
            bigram_counts,
            trigram_keys,
            trigram_counts,
            log_total: (total.max(1) as f32).log10(),
            filter,
            cand_offsets,
            cands,
        }
    }

    /// The rank of `c`: [`BOUNDARY`] for anything not CJK, [`UNSEEN`] for a CJK character the
    /// model does not know.
    pub(crate) fn rank(&self, c: char) -> u16 {
        if is_cjk(c) {
            self.rank[(c as u32 - FIRST) as usize]
        } else {
            BOUNDARY
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

    /// Whether the bigram `a b` is stored (seen at least twice); a few unseen ones pass too
    /// (hash collisions in the filter), never a stored one fails.
    #[inline]
    pub(crate) fn common(&self, a: u16, b: u16) -> bool {
        if a == UNSEEN || b == UNSEEN {
            return false;
        }
        let h = filter_hash(bigram_key(a, b));
        self.filter[h >> 6] & (1 << (h & 63)) != 0
    }

    fn unigram(&self, r: u16) -> f32 {
        if r == UNSEEN {
            return 0.0;
        }
        u32_at(self.unigrams, r as usize) as f32
    }

    fn bigram(&self, a: u16, b: u16) -> f32 {
        if a == UNSEEN || b == UNSEEN {
            return 0.0;
        }
        find(self.bigram_keys, self.bigram_counts, bigram_key(a, b))
    }

    fn trigram(&self, a: u16, b: u16, c: u16) -> f32 {
        if a == UNSEEN || b == UNSEEN || c == UNSEEN {
            return 0.0;
        }
        find(self.trigram_keys, self.trigram_counts, fingerprint(a, b, c))
    }

    /// log10 P(b | a), stupid backoff to the unigram.
    pub(crate) fn log_bigram(&self, a: u16, b: u16) -> f32 {
        let ab = self.bigram(a, b);
        if ab > 0.0 {
            (ab / self.unigram(a).max(ab)).log10()
        } else {
            BACKOFF + (self.unigram(b).max(0.5)).log10() - self.log_total
        }
    }

    /// log10 P(c | a b), stupid backoff to the bigram.
    pub(crate) fn log_trigram(&self, a: u16, b: u16, c: u16) -> f32 {
        let abc = self.trigram(a, b, c);
        if abc > 0.0 {
            let ab = self.bigram(a, b);
            if ab > 0.0 {
                return (abc / ab.max(abc)).log10();
            }
        }
        BACKOFF + self.log_bigram(b, c)
    }
}

/// log10 of stupid backoff's factor (0.4).
const BACKOFF: f32 = -0.398;

fn bigram_key(a: u16, b: u16) -> u32 {
    (u32::from(a) << 16) | u32::from(b)
}

fn filter_hash(key: u32) -> usize {
    ((u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> (64 - FILTER_BITS)) as usize
}

/// The trigram's fingerprint, as `scripts/gen-typo-model.py` computes it.
fn fingerprint(a: u16, b: u16, c: u16) -> u32 {
    let key = (u64::from(a) << 32) | (u64::from(b) << 16) | u64::from(c);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

/// The count stored for `key` in a sorted key array (0 when absent); a count byte `q` stands for
/// `2^(q/8)`.
fn find(keys: &[u8], counts: &[u8], key: u32) -> f32 {
    let (mut lo, mut hi) = (0usize, counts.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if u32_at(keys, mid) < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if lo < counts.len() && u32_at(keys, lo) == key {
        (f32::from(counts[lo]) / 8.0).exp2()
    } else {
        0.0
    }
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
        assert!(m.bigram(r('行'), r('政')) > 1000.0);
        assert!(m.log_bigram(r('行'), r('政')) > m.log_bigram(r('刑'), r('政')) + 2.0);
        assert!(
            m.log_trigram(r('法'), r('行'), r('政')) > m.log_trigram(r('法'), r('刑'), r('政'))
        );
        // every stored bigram passes the filter
        for i in (0..m.bigram_counts.len()).step_by(97) {
            let k = u32_at(m.bigram_keys, i);
            assert!(m.common((k >> 16) as u16, k as u16));
        }
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
