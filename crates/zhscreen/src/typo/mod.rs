//! The statistical typo detector (错别字, category `typo`, rule `typo/statistical`): a character
//! that looks or sounds like another one (the confusion sets of `data/typo_confusions.txt`) is
//! reported when putting that other character in its place makes the clause much likelier under
//! a character n-gram model of official Chinese (`data/typo_ngrams.bin`: laws and regulations,
//! the State Council work reports, jieba's dictionary), as in 交通运舒部 → 交通运输部 or 应急救暖
//! → 应急救援. It complements the `typo` wordlist (known wrong words) with words no list has.
//!
//! How a clause is checked, per run of CJK characters of the folded text:
//! 1. **Cheap first pass**: a character is looked at only when a bigram it forms with a
//!    neighbour is rare (not among the model's stored bigrams, seen at least twice); one bit of
//!    the bigram matrix answers that, read from the text's bytes in place.
//! 2. **Candidates**: only those that form common bigrams with both neighbours (a bit of the
//!    left neighbour's row and of the right neighbour's column, both in cache for the loop).
//! 3. **Scoring**: the log-likelihood of the window (the trigrams that hold the character, with
//!    stupid backoff) with the candidate minus with the original: `margin`, in powers of ten.
//!    A candidate is dropped as soon as the terms scored so far say it cannot reach the
//!    threshold (every term is at most 0), which leaves the findings as they were.
//! 4. **Decision**: reported when the margin reaches the [`TypoThreshold`] (default
//!    [`TypoThreshold::DEFAULT`], tuned on half of ECSpell's odw sentences; see `docs/typo.md`),
//!    the character is not inside a word of the segmenter's dictionary (names, places and terms
//!    are words there) but the correction is (行 makes 行政: a correction that makes no word is
//!    a guess), not inside a quoted title (《…》), and no other finding (a wordlist term,
//!    a name, an address, the wording checker) covers it, and no noise stands between the
//!    characters of its window as written (海*洛*因 is evasion). At most one character of any two
//!    neighbours is reported (the likelier).
//!
//! The screener reports it at `warn`, or `review` when the correction completes a leader's name
//! or a fixed formulation of the wording checker; the note (from the message catalogue) says it
//! is statistical and how much likelier the correction is.
//!
//! ```
//! let screener = zhscreen::Screener::new()?;
//! let report = screener.scan("交通运舒部印发了实施方案。");
//! let f = report.findings.iter().find(|f| f.rule == "typo/statistical").unwrap();
//! assert_eq!((f.text.as_str(), f.suggestion.as_deref()), ("舒", Some("输")));
//! assert_eq!(f.severity, zhscreen::Severity::Warn);
//! assert!(f.note.as_deref().unwrap().starts_with("疑似错别字（统计模型判断"));
//!
//! // Off, or stricter:
//! let off = zhscreen::Screener::builder().typo(false).build()?;
//! assert!(off.scan("交通运舒部印发了实施方案。").findings.is_empty());
//! let strict = zhscreen::TypoThreshold::new(8.0).unwrap();
//! let _ = zhscreen::Screener::builder().typo_threshold(strict).build()?;
//! # Ok::<(), zhscreen::Error>(())
//! ```

mod model;

/// The rule id of the detector's findings.
pub const RULE: &str = "typo/statistical";

use crate::segment::Segmenter;
use model::{model, Model, BOUNDARY, UNSEEN};

/// A hash of the embedded model and confusion sets (computed by `build.rs`), part of the ruleset
/// fingerprint.
pub(crate) const MODEL_DIGEST: &str = env!("ZHSCREEN_TYPO_MODEL_DIGEST");

/// How much likelier the correction must make its clause for a character to be reported: a
/// power of ten (4.0: ten thousand times likelier), kept to hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypoThreshold(u16);

impl TypoThreshold {
    /// The default, tuned for precision on official text (see `docs/typo.md`).
    pub const DEFAULT: TypoThreshold = TypoThreshold(500);

    /// A threshold of `log10_ratio` (0 to 60), `None` for anything else (negative, NaN...).
    pub fn new(log10_ratio: f64) -> Option<TypoThreshold> {
        (log10_ratio.is_finite() && (0.0..=60.0).contains(&log10_ratio))
            .then(|| TypoThreshold((log10_ratio * 100.0).round() as u16))
    }

    /// The threshold as a power of ten.
    pub fn log10_ratio(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl std::str::FromStr for TypoThreshold {
    type Err = String;

    /// Parses a power of ten (`5`, `4.5`).
    fn from_str(s: &str) -> Result<TypoThreshold, String> {
        s.trim()
            .parse::<f64>()
            .ok()
            .and_then(TypoThreshold::new)
            .ok_or_else(|| format!("{s:?} is not a typo threshold: a number from 0 to 60"))
    }
}

impl std::fmt::Display for TypoThreshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.log10_ratio())
    }
}

impl Default for TypoThreshold {
    fn default() -> Self {
        TypoThreshold::DEFAULT
    }
}

/// A character the model finds suspicious, with its likeliest correction: what the detector
/// decides on, before the threshold and the protections. [`crate::Screener::typo_suspects`]
/// returns them for tuning and evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspect {
    /// Byte offset of the character in the text checked.
    pub start: usize,
    /// Byte offset one past it.
    pub end: usize,
    /// The character as written.
    pub found: char,
    /// The likeliest correction.
    pub likely: char,
    /// log10 of how much likelier the window is with `likely`.
    pub margin: f32,
    /// Whether `found` stands inside a word of the segmenter's dictionary (then not reported).
    pub in_word: bool,
    /// Whether the correction stands inside a word of the segmenter's dictionary once made (a
    /// correction that makes no word is not reported).
    pub likely_in_word: bool,
    /// Whether both bigrams it forms with its neighbours are rare (not only one).
    pub both_rare: bool,
    /// Whether it stands inside a quoted title 《…》 (then not reported).
    pub in_title: bool,
    /// The window of the note: up to two characters on each side, within the run.
    pub window: (usize, usize),
}

/// Every suspect of `text` (the folded text) whose margin reaches `min_margin`, in order. The
/// word checks (two segmentations of a window) are made only for those: most suspects of clean
/// text have small margins, and segmenting each was most of the detector's cost.
pub(crate) fn suspects(text: &str, segmenter: &Segmenter, min_margin: f32, out: &mut Vec<Suspect>) {
    let m = model();
    let first_pass = m.first_pass();
    let bytes = text.as_bytes();
    // The first pass's result for the current run of CJK characters (three bytes each): the
    // characters (by index in the run) whose bigram with the next one, or with the run's end,
    // is rare.
    let mut rare: Vec<u32> = Vec::new();
    // the candidates of a suspect that fit between its neighbours
    let mut fitting = vec![0u16; m.most_candidates()];
    let mut in_title = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(r) = first_pass.rank_at(bytes, i) {
            let start = i;
            rare.clear();
            i += 3;
            // one bit of the bigram matrix per character, as the run is read
            let (mut prev, mut k) = (r, 0u32);
            let mut rest = &bytes[i..];
            while let [b0, b1, b2, ref tail @ ..] = *rest {
                let Some(r) = first_pass.rank_of([b0, b1, b2]) else {
                    break;
                };
                if !first_pass.common(prev, r) {
                    rare.push(k);
                }
                (prev, k, rest) = (r, k + 1, tail);
            }
            i = bytes.len() - rest.len();
            if !first_pass.common(prev, BOUNDARY) {
                rare.push(k);
            }
            if !rare.is_empty() {
                let run = Run {
                    text,
                    start,
                    len: k as usize + 1,
                    title: in_title,
                };
                run.check(&rare, &mut fitting, segmenter, min_margin, out);
            }
            continue;
        }
        let b = bytes[i];
        if b == b'\n' {
            in_title = false;
        } else if b == TITLE_OPEN[0] {
            match bytes.get(i..i + 3) {
                Some(TITLE_OPEN) => in_title = true,
                Some(TITLE_CLOSE) => in_title = false,
                _ => {}
            }
        }
        // the next character (the text is UTF-8: `b` is a leading byte)
        i += match b {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
    }
}

/// 《 and 》 in UTF-8 (the same first byte).
const TITLE_OPEN: &[u8] = "《".as_bytes();
const TITLE_CLOSE: &[u8] = "》".as_bytes();

/// Characters on each side of a suspect that are segmented to see whether it stands in a word.
const SEGMENT: usize = 8;

/// A run of CJK characters of the text, read in place.
struct Run<'t> {
    text: &'t str,
    /// Byte offset of its first character.
    start: usize,
    /// Its characters.
    len: usize,
    /// Whether it stands inside a quoted title.
    title: bool,
}

impl Run<'_> {
    /// Its characters.
    fn len(&self) -> usize {
        self.len
    }

    /// The rank of character `k` ([`BOUNDARY`] before and after the run).
    #[inline]
    fn rank(&self, m: &Model, k: usize) -> u16 {
        if k < self.len {
            m.rank_at(self.text.as_bytes(), self.at(k))
                .unwrap_or(BOUNDARY)
        } else {
            BOUNDARY
        }
    }

    /// Byte offset of character `k`.
    fn at(&self, k: usize) -> usize {
        self.start + 3 * k
    }

    /// Its suspects: the characters next to a rare bigram (`rare`: the indexes, in order, of
    /// the characters whose bigram with the next one or with the run's end is rare; the first
    /// character's bigram with the run's start is not looked at), their neighbours known, each
    /// with its candidates. A run of fewer than three characters has none.
    fn check(
        &self,
        rare: &[u32],
        fitting: &mut [u16],
        segmenter: &Segmenter,
        min_margin: f32,
        out: &mut Vec<Suspect>,
    ) {
        let n = self.len();
        if n < 3 {
            return;
        }
        let m = model();
        let bytes = self.text.as_bytes();
        let mut consider = |k: usize, both_rare: bool| {
            // the neighbours first (`k - 1` wraps past the run: a boundary), and the candidates
            // that fit between them; the outer characters only when one does
            let (l1, r1) = (self.rank(m, k.wrapping_sub(1)), self.rank(m, k + 1));
            if l1 == UNSEEN || r1 == UNSEEN {
                return;
            }
            let at = self.at(k);
            let Some(b) = model::block_index([bytes[at], bytes[at + 1], bytes[at + 2]]) else {
                return;
            };
            let n = m.fitting(b, l1, r1, fitting);
            if n == 0 {
                return;
            }
            let w = [
                self.rank(m, k.wrapping_sub(2)),
                l1,
                m.rank_of_block(b),
                r1,
                self.rank(m, k + 2),
            ];
            if let Some(s) = self.suspect(m, k, &w, both_rare, &fitting[..n], segmenter, min_margin)
            {
                out.push(s);
            }
        };
        for (j, &k) in rare.iter().enumerate() {
            let k = k as usize;
            // character `k`, unless it came as the right side of the rare bigram before
            if j == 0 || rare[j - 1] as usize + 1 != k {
                consider(k, false);
            }
            // and character `k + 1`, rare on both sides when its own right bigram is rare too
            if k + 1 < n {
                consider(k + 1, rare.get(j + 1) == Some(&(k as u32 + 1)));
            }
        }
    }

    /// Character `k`, its window of ranks `w` (two on each side, boundaries past the ends), as
    /// a suspect if one of its candidates that fit between its neighbours (`fitting`, in
    /// ascending rank, not empty) beats it by `min_margin`.
    #[allow(clippy::too_many_arguments)] // the run's state, passed down from one loop
    fn suspect(
        &self,
        m: &Model,
        k: usize,
        w: &[u16; 5],
        both_rare: bool,
        fitting: &[u16],
        segmenter: &Segmenter,
        min_margin: f32,
    ) -> Option<Suspect> {
        let start = self.at(k);
        let found = model::cjk_at(self.text.as_bytes(), start)?;
        // The best candidate among those that form common bigrams with both neighbours, by
        // the margin of its window over the original's; candidates whose window cannot reach
        // `min_margin`, or the best so far, are dropped as soon as a term says so.
        let mut best: Option<(u16, f32)> = None;
        let mut window = Window::new(m, *w);
        let b = window
            .score(w[2], f32::NEG_INFINITY)
            .unwrap_or(f32::NEG_INFINITY);
        // a window's log-likelihood is at most 0: nothing can beat the original by
        // `min_margin` when it is likelier than that
        if -b < min_margin {
            return None;
        }
        for &c in fitting {
            let floor = b + best.map_or(min_margin.max(0.0), |(_, bm)| bm.max(min_margin));
            let Some(score) = window.score(c, floor) else {
                continue;
            };
            let margin = score - b;
            if margin <= 0.0 || margin < min_margin {
                continue;
            }
            if best.is_none_or(|(_, bm)| margin > bm) {
                best = Some((c, margin));
            }
        }
        let (c, margin) = best?;
        let end = start + 3;
        let last = self.len() - 1;
        // the words around: a window of the run, so that the cost per suspect is bounded
        let (run_start, run_end) = (
            self.at(k.saturating_sub(SEGMENT)),
            self.at((k + SEGMENT).min(last)) + 3,
        );
        let clause = &self.text[run_start..run_end];
        let (ts, te) = segmenter.token_at(clause, start - run_start);
        let likely = m.char_of(c);
        let mut corrected = String::with_capacity(clause.len() + 4);
        corrected.push_str(&clause[..start - run_start]);
        corrected.push(likely);
        corrected.push_str(&clause[end - run_start..]);
        let (cs, ce) = segmenter.token_at(&corrected, start - run_start);
        Some(Suspect {
            start,
            end,
            found,
            likely,
            margin,
            in_word: te - ts > found.len_utf8(),
            likely_in_word: ce - cs > likely.len_utf8(),
            both_rare,
            in_title: self.title,
            window: (self.at(k.saturating_sub(2)), self.at((k + 2).min(last)) + 3),
        })
    }
}

/// A suspect's window: the ranks of two characters on each side of the middle (boundaries past
/// the ends of the run), and the counts of the two bigrams that do not hold the middle, read once
/// for the original and all its candidates.
struct Window<'m> {
    m: &'m Model,
    w: [u16; 5],
    /// [`Model::log_bigram_count`] of the two characters on the left and of those on the right,
    /// once read.
    outer: [Option<Option<f32>>; 2],
}

impl<'m> Window<'m> {
    fn new(m: &'m Model, w: [u16; 5]) -> Self {
        Window {
            m,
            w,
            outer: [None; 2],
        }
    }

    /// The count of the bigram on the left (`side` 0) or on the right (1), read once.
    fn outer(&mut self, side: usize) -> Option<f32> {
        let (m, [l2, l1, _, r1, r2]) = (self.m, self.w);
        *self.outer[side].get_or_insert_with(|| match side {
            0 => m.log_bigram_count(l2, l1),
            _ => m.log_bigram_count(r1, r2),
        })
    }

    /// The log-likelihood of the window with rank `v` in the middle: the trigrams that hold it.
    /// Each term is a log-probability (at most 0), so the sum only falls as terms are added:
    /// when it falls below `floor`, the rest is not computed and `None` returned. The counts of
    /// the bigrams that hold `v` are read once each (a term and its backoff may both need one).
    fn score(&mut self, v: u16, floor: f32) -> Option<f32> {
        let (m, [l2, l1, _, r1, r2]) = (self.m, self.w);
        let (mut left, mut right) = (None, None);
        let mut left = || *left.get_or_insert_with(|| m.log_bigram_count(l1, v));
        let mut right = || *right.get_or_insert_with(|| m.log_bigram_count(v, r1));
        // the middle trigram first: it holds both neighbours, so it tells a wrong candidate
        // soonest (the sum is the same in any order of its first two terms)
        let mut s =
            m.log_trigram_given(m.log_trigram_count(l1, v, r1), &mut left, v, r1, &mut right);
        if s < floor {
            return None;
        }
        s += if l1 == BOUNDARY {
            m.log_bigram_given(left(), l1, v)
        } else {
            let l2l1v = m.log_trigram_count(l2, l1, v);
            m.log_trigram_given(l2l1v, || self.outer(0), l1, v, &mut left)
        };
        if s < floor {
            return None;
        }
        if r1 != BOUNDARY {
            let vr1r2 = m.log_trigram_count(v, r1, r2);
            s += m.log_trigram_given(vr1r2, &mut right, r1, r2, || self.outer(1));
        }
        (s >= floor).then_some(s)
    }
}

/// The suspects to report: margin at least `threshold`, not in a word or a title, making a word
/// once corrected, the likelier of two neighbours.
pub(crate) fn decide(mut suspects: Vec<Suspect>, threshold: TypoThreshold) -> Vec<Suspect> {
    let t = threshold.log10_ratio() as f32;
    suspects.retain(|s| s.margin >= t && !s.in_word && s.likely_in_word && !s.in_title);
    let mut order: Vec<usize> = (0..suspects.len()).collect();
    order.sort_by(|&a, &b| suspects[b].margin.total_cmp(&suspects[a].margin));
    let mut kept: Vec<usize> = Vec::new();
    let mut taken = rustc_hash::FxHashSet::default();
    for i in order {
        let s = &suspects[i];
        // neighbours: the other one starts one CJK character (3 bytes) away
        if !taken.contains(&(s.start + 3)) && !taken.contains(&s.start.wrapping_sub(3)) {
            taken.insert(s.start);
            kept.push(i);
        }
    }
    kept.sort_unstable();
    kept.into_iter().map(|k| suspects[k].clone()).collect()
}

/// Byte ranges asked whether they overlap a range, in logarithmic time (a text full of findings
/// and suspects stays linear).
pub(crate) struct Spans {
    /// `(start, end)` sorted by start.
    spans: Vec<(usize, usize)>,
    /// The greatest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl Spans {
    pub(crate) fn new(spans: impl Iterator<Item = (usize, usize)>) -> Spans {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let mut reach = Vec::with_capacity(spans.len());
        let mut r = 0;
        for &(_, e) in &spans {
            r = r.max(e);
            reach.push(r);
        }
        Spans { spans, reach }
    }

    /// Whether a span overlaps `start..end`.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        // the spans that start before `end`; one of them must end after `start`
        let k = self.spans.partition_point(|&(s, _)| s < end);
        k > 0 && self.reach[k - 1] > start
    }
}

/// Bytes of the embedded model and candidate table (for the documentation's size figure).
pub fn embedded_bytes() -> usize {
    model::embedded_bytes()
}

/// Loads the model now rather than at the first scan that needs it.
pub(crate) fn warm() {
    model();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<(char, char)> {
        let seg = Segmenter::new(Vec::new());
        let mut out = Vec::new();
        suspects(text, &seg, 0.0, &mut out);
        decide(out, TypoThreshold::DEFAULT)
            .iter()
            .map(|s| (s.found, s.likely))
            .collect()
    }

    #[test]
    fn finds_the_issues_examples() {
        assert_eq!(check("交通运舒部发布通知。"), [('舒', '输')]);
        assert_eq!(check("全面提升基层应急救暖能力。"), [('暖', '援')]);
        // 刑政 is a word of jieba's dictionary: the detector leaves words alone
        assert_eq!(check("各级政府要坚持依法刑政。"), []);
    }

    #[test]
    fn leaves_clean_official_text_alone() {
        for t in [
            "国务院总理李强作政府工作报告。",
            "推动高质量发展，加快建设现代化产业体系。",
            "最高人民法院发布司法解释。",
        ] {
            assert_eq!(check(t), [], "{t}");
        }
    }

    #[test]
    fn window_scores_are_the_sums_of_their_terms() {
        // every window of these runs, with the original and each candidate in the middle, scored
        // by `Window` (each bigram count read once) and term by term
        let m = model();
        let text = "交通运舒部发布通知全面提升基层应急救暖能力各级政府要坚持依法刑政\
                    推动高质量发展加快建设现代化产业体系最高人民法院发布司法解释\
                    国务院总理李强作政府工作报告提高办事效律欢迎您啦龘通知龘龘运舒部";
        let ranks: Vec<u16> = text.chars().map(|c| m.rank(c)).collect();
        let at = |k: isize| -> u16 {
            usize::try_from(k)
                .ok()
                .and_then(|k| ranks.get(k).copied())
                .unwrap_or(BOUNDARY)
        };
        let mut scored = 0;
        for (k, x) in text.chars().enumerate() {
            let k = k as isize;
            let w = [at(k - 2), at(k - 1), at(k), at(k + 1), at(k + 2)];
            let [l2, l1, _, r1, r2] = w;
            let mut window = Window::new(m, w);
            for v in std::iter::once(w[2]).chain(m.candidates(x)) {
                let mut want = m.log_trigram(l1, v, r1);
                want += if l1 == BOUNDARY {
                    m.log_bigram(BOUNDARY, v)
                } else {
                    m.log_trigram(l2, l1, v)
                };
                if r1 != BOUNDARY {
                    want += m.log_trigram(v, r1, r2);
                }
                assert_eq!(window.score(v, f32::NEG_INFINITY), Some(want), "{x} at {k}");
                for floor in [want - 0.5, want, want + 0.5, -3.0] {
                    let got = window.score(v, floor);
                    assert_eq!(got, (want >= floor).then_some(want), "{x} at {k}");
                }
                scored += 1;
            }
        }
        assert!(scored > 5000, "{scored}");
    }

    #[test]
    fn titles_are_left_alone() {
        let seg = Segmenter::new(Vec::new());
        let mut out = Vec::new();
        suspects("学习《依法刑政论》一书。", &seg, 0.0, &mut out);
        assert!(out.iter().all(|s| s.in_title), "{out:?}");
        assert_eq!(decide(out, TypoThreshold::DEFAULT), []);
    }

    #[test]
    fn spans_overlap() {
        let s = Spans::new([(10, 20), (0, 3), (30, 33)].into_iter());
        assert!(s.overlaps(2, 5) && s.overlaps(19, 25) && s.overlaps(12, 13) && s.overlaps(0, 100));
        assert!(!s.overlaps(3, 10) && !s.overlaps(20, 30) && !s.overlaps(33, 40));
        assert!(!Spans::new(std::iter::empty()).overlaps(0, 10));
    }

    #[test]
    fn thresholds_parse() {
        assert_eq!(TypoThreshold::new(4.5), Some(TypoThreshold(450)));
        assert_eq!(TypoThreshold::new(-1.0), None);
        assert_eq!(TypoThreshold::new(f64::NAN), None);
        assert_eq!(TypoThreshold::new(61.0), None);
        assert_eq!(TypoThreshold::default().log10_ratio(), 5.0);
        assert_eq!("4.5".parse(), Ok(TypoThreshold(450)));
        assert!("x".parse::<TypoThreshold>().unwrap_err().contains("\"x\""));
        assert!("-2".parse::<TypoThreshold>().is_err());
        assert_eq!(TypoThreshold(450).to_string(), "4.5");
    }
}
