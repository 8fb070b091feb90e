//! Verification of wordlist hits: what the automaton found becomes a candidate only if no
//! exception (`allow:`) of its category overlaps it, it is not glued to more ASCII of its kind
//! (`SB` is not in `isbn`), it holds no noise characters unless its entry allows them, and, for a
//! short term, the segmenter sees it as a whole word within its clause. Counter-context words
//! (禁毒, 破获...) in the same sentence lower a block to review, with a note saying which word.
//!
//! Every check looks at a bounded window around the hit, so the cost stays linear in the text.

use crate::category::{Category, Severity};
use crate::merge::{Candidate, CandidateRule};
use crate::messages::Lang;
use crate::normalize::{self, Folded};
use crate::ruleset::{AsciiKind, CategorySet, ContextKind, Rule, Ruleset};
use crate::stance::{self, LineCache, PostFrame};

/// The context hits of a text: exceptions (`start, end`), counter, frame and condemnation words
/// (`start`), in folded byte offsets, and the whole text's frame.
#[derive(Default)]
pub(crate) struct ContextHits {
    pub(crate) allows: Vec<(usize, usize, CategorySet)>,
    pub(crate) counters: Vec<(usize, CategorySet)>,
    pub(crate) frames: Vec<(usize, usize, CategorySet)>,
    pub(crate) condemns: Vec<(usize, CategorySet)>,
    /// The frame of the text's headline; `None`: take it from `frames`.
    pub(crate) post: Option<PostFrame>,
}

/// Chars of context on each side of a hit that the word-boundary check segments (less where a
/// clause ends sooner). Bounded, so the cost per hit is constant however long the line.
const BOUNDARY_WINDOW_CHARS: usize = 24;

/// The candidates among the term hits `terms` (folded `start, end, rule index`), given the
/// context hits `ctx` of the same text, in original byte offsets; notes in `lang`.
pub(crate) fn verify_terms(
    text: &str,
    folded: &Folded,
    rules: &Ruleset,
    lang: Lang,
    terms: Vec<(usize, usize, u32)>,
    ctx: ContextHits,
) -> Vec<Candidate> {
    let ft = folded.text();
    let ContextHits {
        mut allows,
        mut counters,
        mut frames,
        mut condemns,
        post,
    } = ctx;
    allows.sort_unstable_by_key(|a| a.0);
    counters.sort_unstable_by_key(|c| c.0);
    frames.sort_unstable_by_key(|c| c.0);
    condemns.sort_unstable_by_key(|c| c.0);
    let post = match post {
        Some(p) => p,
        None => post_frame_of(ft, &mut frames, rules),
    };
    let mut sentence = SentenceCache::default();
    let mut lines = LineCache::default();
    let mut out = Vec::with_capacity(terms.len());
    for (s, e, i) in terms {
        let rule = &rules.rules[i as usize];
        if is_allowed(&allows, rules.max_allow_len, s, e, rule.category) {
            continue;
        }
        let (os, oe) = folded.original_range(s, e);
        if !rule.noise && normalize::contains_noise(&text[os..oe]) {
            continue;
        }
        if rule.boundary && !is_whole_word(ft, s, e, rules) {
            continue;
        }
        let mut severity = rule.severity;
        let mut note = rule.note.clone();
        let cat = rule.category;
        if severity > Severity::Info && !condemns.is_empty() && stance::is_quoted(ft, s, e) {
            let (ss, se) = sentence.around(ft, s, e);
            if let Some(cs) = word_in(&condemns, ss, se, cat) {
                let word = context_word_at(ft, cs, rules, ContextKind::Condemn);
                severity = Severity::Info;
                note = Some(lang.messages().quoted_condemnation(note.as_deref(), word));
            }
        }
        if severity > Severity::Review && cat.counterable() && !counters.is_empty() {
            let (ss, se) = sentence.around(ft, s, e);
            if let Some(cs) = word_in(&counters, ss, se, cat) {
                let word = context_word_at(ft, cs, rules, ContextKind::Counter);
                severity = Severity::Review;
                note = Some(lang.messages().counter_context(note.as_deref(), word));
            }
        }
        if severity > Severity::Review && stance::frameable(cat) {
            let word = if post.categories.contains(cat) {
                Some(post.word.as_str())
            } else if frames.is_empty() {
                None
            } else {
                // A frame word in the head of this hit's paragraph.
                let (ls, _) = lines.around(ft, s);
                let he = stance::head_end(ft, ls);
                let from = frames.partition_point(|f| f.0 < ls);
                frames[from..]
                    .iter()
                    .take_while(|f| f.0 < he)
                    .find(|f| f.1 <= he && f.2.contains(cat))
                    .map(|f| context_word_at(ft, f.0, rules, ContextKind::Frame))
            };
            if let Some(word) = word {
                severity = Severity::Review;
                note = Some(lang.messages().frame_context(note.as_deref(), word));
            }
        }
        out.push(Candidate {
            start: os,
            end: oe,
            category: rule.category,
            severity,
            rule: CandidateRule::Wordlist(i),
            note,
            value_kind: None,
            suggestion: None,
        });
    }
    out
}

/// Whether an allow-list hit of the rule's category overlaps `s..e`.
fn is_allowed(
    allows: &[(usize, usize, CategorySet)],
    max_len: usize,
    s: usize,
    e: usize,
    category: Category,
) -> bool {
    if allows.is_empty() {
        return false;
    }
    // Candidates start after s - max_len (else they end before s) and before e.
    let from = allows.partition_point(|a| a.0 + max_len <= s);
    allows[from..]
        .iter()
        .take_while(|a| a.0 < e)
        .any(|&(_, ae, cats)| ae > s && cats.contains(category))
}

/// An ASCII term must not be glued to more ASCII of its kind (`SB` is not in `isbn`).
pub(crate) fn ascii_edges_ok(ft: &str, s: usize, e: usize, rule: &Rule) -> bool {
    let same = |k: Option<AsciiKind>, c: Option<char>| k.is_some() && AsciiKind::of(c) == k;
    !(same(rule.ascii_head, ft[..s].chars().next_back())
        || same(rule.ascii_tail, ft[e..].chars().next()))
}

/// Whether the hit `s..e` of the folded text is one segmenter token within its clause.
fn is_whole_word(ft: &str, s: usize, e: usize, rules: &Ruleset) -> bool {
    let (ws, we) = clause_window(ft, s, e);
    rules.segmenter.is_whole_token(&ft[ws..we], s - ws, e - ws)
}

/// Whether `s` and `e` of the folded text fall between words of their clause (a near miss of the
/// wording checker must not cut a word: 科学发展规划 holds no misspelt 科学发展观).
pub(crate) fn is_between_tokens(ft: &str, s: usize, e: usize, rules: &Ruleset) -> bool {
    let (ws, we) = clause_window(ft, s, e);
    rules
        .segmenter
        .is_between_tokens(&ft[ws..we], s - ws, e - ws)
}

/// The clause around `s..e` of the folded text, at most `BOUNDARY_WINDOW_CHARS` on each side.
fn clause_window(ft: &str, s: usize, e: usize) -> (usize, usize) {
    let mut ws = s;
    for (n, (i, c)) in ft[..s].char_indices().rev().enumerate() {
        if n == BOUNDARY_WINDOW_CHARS || normalize::is_clause_break(c) {
            break;
        }
        ws = i;
    }
    let mut we = e;
    for (n, c) in ft[e..].chars().enumerate() {
        if n == BOUNDARY_WINDOW_CHARS || normalize::is_clause_break(c) {
            break;
        }
        we += c.len_utf8();
    }
    (ws, we)
}

/// Bytes searched on each side of a hit for the end of its sentence: beyond that, the window is
/// taken as the sentence, so that a text without punctuation costs linear time.
const SENTENCE_WINDOW_BYTES: usize = 600;

/// The sentence around a hit, remembered for the hits that follow in the same sentence.
#[derive(Default)]
struct SentenceCache {
    last: Option<(usize, usize)>,
}

impl SentenceCache {
    /// The folded byte range of the sentence holding `s..e`.
    fn around(&mut self, ft: &str, s: usize, e: usize) -> (usize, usize) {
        if let Some((a, b)) = self.last {
            if a <= s && e <= b {
                return (a, b);
            }
        }
        let mut a = s;
        for (i, c) in ft[..s].char_indices().rev() {
            if normalize::is_sentence_end(c) || s - i > SENTENCE_WINDOW_BYTES {
                break;
            }
            a = i;
        }
        let mut b = e;
        for c in ft[e..].chars() {
            if normalize::is_sentence_end(c) || b - e > SENTENCE_WINDOW_BYTES {
                break;
            }
            b += c.len_utf8();
        }
        self.last = Some((a, b));
        (a, b)
    }
}

/// The start of the first word of `words` (sorted by start) inside `ss..se` that applies to `cat`.
fn word_in(words: &[(usize, CategorySet)], ss: usize, se: usize, cat: Category) -> Option<usize> {
    let from = words.partition_point(|c| c.0 < ss);
    words[from..]
        .iter()
        .take_while(|c| c.0 < se)
        .find(|(_, cats)| cats.contains(cat))
        .map(|c| c.0)
}

/// The frame of the text's headline: the frame words (sorted by start) that lie in the head of
/// the first non-empty line.
pub(crate) fn post_frame_of(
    ft: &str,
    frames: &mut [(usize, usize, CategorySet)],
    rules: &Ruleset,
) -> PostFrame {
    let mut post = PostFrame::default();
    if frames.is_empty() {
        return post;
    }
    frames.sort_unstable_by_key(|f| f.0);
    let hs = stance::first_line_start(ft);
    let he = stance::head_end(ft, hs);
    for f in frames.iter().filter(|f| f.0 >= hs && f.1 <= he) {
        if post.word.is_empty() {
            post.word = context_word_at(ft, f.0, rules, ContextKind::Frame).to_string();
        }
        post.categories = post.categories.union(f.2);
    }
    post
}

/// The longest context word of `kind` that starts at `start` of the folded text, as written.
fn context_word_at<'a>(
    ft: &'a str,
    start: usize,
    rules: &'a Ruleset,
    kind: ContextKind,
) -> &'a str {
    rules
        .contexts
        .iter()
        .filter(|c| c.kind == kind && ft[start..].starts_with(c.folded.as_str()))
        .map(|c| c.text.as_str())
        .max_by_key(|t| t.len())
        .unwrap_or("")
}
