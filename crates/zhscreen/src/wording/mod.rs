//! The wording checker (政治关 beyond word lists): fixed formulations and their near misses, the
//! order of official enumerations, leaders' names, titles and protocol order. It reports under
//! `expression` with the canonical text as the suggestion.
//!
//! ```
//! let screener = zhscreen::Screener::new()?;
//! let r = screener.scan("深入学习习近平新时代中国持色社会主义思想。");
//! let f = &r.findings[0];
//! assert_eq!(f.rule, "expression/formulation");
//! assert_eq!(f.text, "习近平新时代中国持色社会主义思想");
//! assert_eq!(f.suggestion.as_deref(), Some("习近平新时代中国特色社会主义思想"));
//! assert_eq!(f.severity, zhscreen::Severity::Block);
//!
//! let r = screener.scan("全国政协主席李强出席开幕会。");
//! assert_eq!(r.findings[0].rule, "expression/leader_title");
//! assert_eq!(r.findings[0].suggestion.as_deref(), Some("国务院总理李强"));
//!
//! // A local official who shares a leader's name is not a finding.
//! assert!(screener.scan("镇长王沪宁带队检查安全生产工作。").findings.is_empty());
//! # Ok::<(), zhscreen::Error>(())
//! ```
//!
//! # How it stays linear
//! Every pattern of the checker (a piece of each formulation, enumeration members, leaders' names
//! and titles) is one more pattern of the screener's single automaton, so the text is read once.
//! A formulation that may be `k` characters off is cut into `k + 1` disjoint pieces: whatever the
//! `k` edits, one piece stands intact in the text (pigeonhole). The pieces are the rarest ones:
//! shared by the fewest data strings and seen least in official text
//! (`data/piece_frequencies.txt`, counted in the laws corpus by
//! `scripts/gen-piece-frequencies.py`). Each piece hit is tested on the characters next to it,
//! then verified by an alignment of the formulation with a window a few characters wider than it
//! (`align.rs`), so the work per hit is bounded by the formulation's length. Correct phrases,
//! frequent in official text and needed only around a near miss (rare), are not patterns of the
//! screener's automaton but of a small one run over the bytes around a near miss. Formulations
//! too short for pieces, and 习近平, are found by their one-character misspellings, which are not
//! patterns either: an exact head or tail of the form (a probe) is, and a probe hit is compared
//! with the form (`variants.rs`; [`Wording::resolve`] runs before the checks).
//!
//! The data files (`data/formulations.txt`, `data/leaders.txt`) and the rules are described in
//! `docs/wording.md`.

mod align;
mod confusables;
pub mod data;
mod variants;

pub use data::{
    parse_formulations, parse_leaders, Enumeration, Formulation, Formulations, Leader, Leaders,
    Phrase, Title, DEFAULT_FORMULATIONS, DEFAULT_LEADERS,
};

use crate::category::Severity;
use crate::error::Result;
use crate::matcher::Matcher;
use crate::messages::Messages;
use crate::normalize::{self, fold_term};
use align::{is_soft_punct, EditKind};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

/// Rule id: a broken fixed formulation.
pub const RULE_FORMULATION: &str = "expression/formulation";
/// Rule id: an enumeration out of order or with a member changed.
pub const RULE_ENUMERATION: &str = "expression/enumeration";
/// Rule id: a leader's name written wrong.
pub const RULE_LEADER_NAME: &str = "expression/leader_name";
/// Rule id: a leader's title written wrong or attached to the wrong leader.
pub const RULE_LEADER_TITLE: &str = "expression/leader_title";
/// Rule id: the Standing Committee of the Political Bureau listed out of protocol order.
pub const RULE_PBSC_ORDER: &str = "expression/pbsc_order";

/// Edits a formulation of `n` characters (punctuation not counted) may be off by, by default.
pub fn default_edits(n: usize) -> u8 {
    match n {
        0..=3 => 0,
        4..=11 => 1,
        _ => 2,
    }
}

/// A formulation as compiled.
#[derive(Debug)]
struct Form {
    /// As written: the suggestion.
    canonical: String,
    /// Folded, punctuation kept: the exact form in the text.
    folded: String,
    /// Folded, soft punctuation removed: what is aligned.
    chars: Vec<char>,
    k: u8,
    /// Soft punctuation characters in `folded`.
    punct: usize,
    /// The characters of `chars` that are not particles, with their positions.
    kept: Vec<(u16, char)>,
    /// For a form generated from the leaders table: the leader and the char range of the name.
    leader: Option<(usize, usize, usize)>,
    /// `file:line` it comes from.
    origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// A piece of form `form` starting at char `off` of its `chars`, byte `off_bytes` of `folded`.
    /// `len`: its length in characters.
    Piece {
        form: u32,
        off: u16,
        len: u16,
        off_bytes: u32,
    },
    /// A formulation under 6 characters with one character changed for a look-alike, or two
    /// swapped: short forms are found by their misspellings, not by pieces (two characters such
    /// as 人民 or 改革 would hit everywhere).
    Misspelt(u32),
    /// A member of an enumeration.
    Member { en: u16, slot: u16 },
    /// A leader's name.
    Name(u16),
    /// A one-character misspelling of a leader's name marked `anywhere`.
    Variant(u16),
    /// A title (full or short).
    Title(u16),
    /// An exact head or tail of a form whose one-character misspellings are searched around it
    /// (`variants.rs`); not a hit of the checker itself.
    Probe(u32),
}

#[derive(Debug)]
struct Enum {
    name: String,
    /// Folded forms of each slot, suffixed forms included.
    slots: Vec<Vec<String>>,
    /// The canonical listing (first forms, 、-separated).
    display: String,
    partial: bool,
}

#[derive(Debug)]
struct TitleWord {
    text: String,
    /// Some leader holds it as a full title.
    full: bool,
    /// Some leader holds it as a short title.
    short: bool,
}

/// What a lint problem of the wording data is (mapped to `lint::LintKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LintProblem {
    NeverMatches,
    FlaggedSuggestion,
}

/// The compiled wording checker. Built with the screener from the data files; immutable.
#[derive(Debug)]
pub(crate) struct Wording {
    forms: Vec<Form>,
    enums: Vec<Enum>,
    leaders: Vec<Leader>,
    titles: Vec<TitleWord>,
    date: String,
    patterns: Vec<String>,
    uses: Vec<Vec<Anchor>>,
    /// Per pattern: 0 no probe among its uses, 1 a probe and other uses, 2 only probes.
    probe_kind: Vec<u8>,
    /// The short formulations' and `anywhere` names' misspellings, found around probe hits.
    variants: variants::Variants,
    digest: Vec<u8>,
    /// `correct:` phrases (folded, punctuation removed) with their `file:line`, for lint.
    correct: Vec<(Vec<char>, String, String)>,
    /// The correct phrases (every form, every `correct:` line; folded, with and without their
    /// punctuation): not patterns of the screener's automaton (they are frequent in official
    /// text and matter only around a near miss, which is rare), but of this small one, run over
    /// the few bytes around a near miss.
    correct_phrases: Matcher,
    /// The longest correct phrase, in bytes (bounds the search around a near miss).
    max_correct: usize,
}

/// What the checker found, in folded byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) rule: &'static str,
    pub(crate) severity: Severity,
    pub(crate) suggestion: String,
    pub(crate) note: Note,
}

/// The facts of a finding's note; the words come from the message catalogue in the screener's
/// language ([`Note::render`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Note {
    Formulation(String),
    LeaderName(String, String),
    LeaderTitleTypo(String, String),
    LeaderTitle {
        name: String,
        title: String,
        holders: String,
        own: String,
        date: String,
    },
    PbscOrder(String, String),
    EnumerationOrder(String, String),
    EnumerationMember(String, String),
}

impl Note {
    /// The note in the language of `m`.
    pub(crate) fn render(&self, m: &dyn Messages) -> String {
        match self {
            Note::Formulation(c) => m.wording_formulation(c),
            Note::LeaderName(c, d) => m.wording_leader_name(c, d),
            Note::LeaderTitleTypo(c, d) => m.wording_leader_title_typo(c, d),
            Note::LeaderTitle {
                name,
                title,
                holders,
                own,
                date,
            } => m.wording_leader_title(name, title, holders, own, date),
            Note::PbscOrder(o, d) => m.wording_pbsc_order(o, d),
            Note::EnumerationOrder(n, o) => m.wording_enumeration_order(n, o),
            Note::EnumerationMember(n, o) => m.wording_enumeration_member(n, o),
        }
    }
}

struct Patterns {
    index: FxHashMap<String, usize>,
    patterns: Vec<String>,
    uses: Vec<Vec<Anchor>>,
}

impl Patterns {
    fn add(&mut self, pattern: String, anchor: Anchor) {
        if pattern.is_empty() {
            return;
        }
        let i = *self.index.entry(pattern.clone()).or_insert_with(|| {
            self.patterns.push(pattern);
            self.uses.push(Vec::new());
            self.patterns.len() - 1
        });
        // A member with and without its punctuation is often the same string: one use each.
        if !self.uses[i].contains(&anchor) {
            self.uses[i].push(anchor);
        }
    }
}

/// `folded` without soft punctuation, with the byte offset of each remaining char, and the
/// positions (in chars) before which punctuation stood.
fn strip(folded: &str) -> (Vec<char>, Vec<usize>, Vec<usize>) {
    let (mut chars, mut pos, mut breaks) = (Vec::new(), Vec::new(), Vec::new());
    let mut pending = false;
    for (i, c) in folded.char_indices() {
        if is_soft_punct(c) {
            pending = true;
            continue;
        }
        if pending && !chars.is_empty() {
            breaks.push(chars.len());
        }
        pending = false;
        chars.push(c);
        pos.push(i);
    }
    (chars, pos, breaks)
}

/// A choice of pieces and its cost.
type Choice = (u64, Vec<(usize, usize)>);

/// Chooses `k + 1` disjoint pieces of `chars` (3 to 5 characters, none across a break, a
/// character left between neighbours where the length allows, so one swap never breaks two) with
/// the least `score` in total: the pieces shared by fewest other data strings, which are the rarest
/// in official text too (社会主 of 社会主义 is everywhere; 核心价值观 is not). Fewer edits when the
/// formulation is too short for its pieces.
fn pieces(
    chars: &[char],
    breaks: &[usize],
    mut k: usize,
    score: &dyn Fn(&[char]) -> u32,
) -> (usize, Vec<(usize, usize)>) {
    let n = chars.len();
    let ok = |a: usize, b: usize| !breaks.iter().any(|&x| x > a && x < b);
    while k > 0 {
        let mut found: Option<Choice> = None;
        for gap in [1, 0] {
            // best[m][i]: least cost of m pieces within chars[..i], and the pieces.
            let parts = k + 1;
            let mut best: Vec<Vec<Option<Choice>>> = vec![vec![None; n + 1]; parts + 1];
            for row in best[0].iter_mut() {
                *row = Some((0, Vec::new()));
            }
            for m in 1..=parts {
                for i in 1..=n {
                    let mut cur = best[m][i - 1].clone();
                    for len in 3..=5usize {
                        if len > i || !ok(i - len, i) {
                            continue;
                        }
                        let a = i - len;
                        let prev_end = if m == 1 { a } else { a.saturating_sub(gap) };
                        if m > 1 && a < gap {
                            continue;
                        }
                        if let Some((c, ps)) = &best[m - 1][prev_end] {
                            // Rarer first; longer on a tie.
                            let cost = c + u64::from(score(&chars[a..i])) * 8 + (5 - len as u64);
                            if cur.as_ref().is_none_or(|(b, _)| cost < *b) {
                                let mut ps = ps.clone();
                                ps.push((a, i));
                                cur = Some((cost, ps));
                            }
                        }
                    }
                    best[m][i] = cur;
                }
            }
            if let Some((cost, ps)) = best[parts][n].take() {
                // Pieces side by side are a little worse (a swap across them breaks both).
                let cost = cost + if gap == 0 { 4 } else { 0 };
                if found.as_ref().is_none_or(|(c, _)| cost < *c) {
                    found = Some((cost, ps));
                }
            }
        }
        if let Some((_, ps)) = found {
            return (k, ps);
        }
        k -= 1;
    }
    (0, Vec::new())
}

impl Wording {
    /// Compiles the data: the formulations files `fs` in order (the defaults first, then the
    /// user's), the leaders table `l`.
    /// `freq`: how often short strings occur in official text (a string not in it: rarely).
    pub(crate) fn compile(
        fs: &[Formulations],
        l: &Leaders,
        freq: &FxHashMap<String, u32>,
    ) -> Result<Wording> {
        let mut pats = Patterns {
            index: FxHashMap::default(),
            patterns: Vec::new(),
            uses: Vec::new(),
        };
        let mut forms: Vec<Form> = Vec::new();
        let mut form_index: FxHashMap<String, usize> = FxHashMap::default();
        let mut add_form = |forms: &mut Vec<Form>,
                            text: &str,
                            edits: Option<u8>,
                            leader: Option<(usize, usize, usize)>,
                            origin: String| {
            let folded = fold_term(text);
            let (chars, _, _) = strip(&folded);
            // One form per text without its punctuation (不忘初心、牢记使命 = 不忘初心，牢记使命).
            let key: String = chars.iter().collect();
            if form_index.contains_key(&key) {
                return;
            }
            let k = edits.unwrap_or_else(|| default_edits(chars.len()));
            let punct = folded.chars().count() - chars.len();
            form_index.insert(key, forms.len());
            forms.push(Form {
                canonical: text.to_string(),
                folded,
                kept: align::kept_chars(&chars),
                chars,
                k,
                punct,
                leader,
                origin,
            });
        };
        // An enumeration is named once: two listings of the same name would report one
        // another's order.
        let mut enum_names: FxHashMap<&str, String> = FxHashMap::default();
        for f in fs {
            for e in &f.enumerations {
                let here = format!("{}:{}", f.source, e.line);
                if let Some(first) = enum_names.insert(&e.name, here) {
                    return Err(crate::error::Error::wordlist(
                        &f.source,
                        e.line,
                        format!("the enumeration `{}` is already defined at {first}", e.name),
                    ));
                }
            }
        }
        for f in fs {
            for x in &f.formulations {
                add_form(
                    &mut forms,
                    &x.text,
                    x.edits,
                    None,
                    format!("{}:{}", f.source, x.line),
                );
            }
        }
        // Forms generated from the leaders table: title + name, name + short title, name + 同志.
        for (li, leader) in l.leaders.iter().enumerate() {
            let name = leader.name.as_str();
            let nlen = fold_term(name).chars().count();
            for t in &leader.titles {
                let tl = fold_term(&t.title).chars().count();
                let origin = format!("{}:{}", l.source, t.line);
                let full = format!("{}{name}", t.title);
                add_form(
                    &mut forms,
                    &full,
                    None,
                    Some((li, tl, tl + nlen)),
                    origin.clone(),
                );
                if let Some(s) = &t.short {
                    add_form(
                        &mut forms,
                        &format!("{name}{s}"),
                        None,
                        Some((li, 0, nlen)),
                        origin,
                    );
                }
            }
            if nlen >= 3 {
                let origin = format!("{}:{}", l.source, leader.line);
                add_form(
                    &mut forms,
                    &format!("{name}同志"),
                    None,
                    Some((li, 0, nlen)),
                    origin,
                );
            }
        }
        // How many data strings hold each short substring: rare pieces are chosen.
        let mut shared: FxHashMap<Vec<char>, u32> = FxHashMap::default();
        {
            let mut strings: Vec<Vec<char>> = forms.iter().map(|x| x.chars.clone()).collect();
            let correct = fs.iter().flat_map(|f| &f.correct);
            strings.extend(correct.map(|p| strip(&fold_term(&p.text)).0));
            for e in fs.iter().flat_map(|f| &f.enumerations) {
                for slot in &e.slots {
                    strings.extend(slot.iter().map(|m| strip(&fold_term(m)).0));
                }
            }
            for st in &strings {
                let mut subs: Vec<&[char]> = Vec::new();
                for len in 3..=5 {
                    subs.extend(st.windows(len));
                }
                subs.sort_unstable();
                subs.dedup();
                for sub in subs {
                    *shared.entry(sub.to_vec()).or_default() += 1;
                }
            }
        }
        // Rare in the data and rare in official text: the bits of its count in the laws corpus
        // weigh like the data strings sharing it (现代化: 330 times, 9 bits; 核心价值观: never).
        let score = |p: &[char]| {
            let shared = shared.get(p).copied().unwrap_or(0);
            let mut key = String::with_capacity(p.len() * 3);
            key.extend(p);
            let seen = freq.get(&key).copied().unwrap_or(0);
            shared + (u32::BITS - seen.leading_zeros())
        };
        let exact: rustc_hash::FxHashSet<String> = forms
            .iter()
            .map(|x| x.chars.iter().collect())
            .chain(
                fs.iter()
                    .flat_map(|f| &f.correct)
                    .map(|p| strip(&fold_term(&p.text)).0.into_iter().collect()),
            )
            .collect();
        let names: Vec<String> = l.leaders.iter().map(|x| fold_term(&x.name)).collect();
        let mut variants = variants::Variants::new(exact, names.iter().cloned().collect());
        let mut correct_phrases: Vec<String> = Vec::new();
        for (fi, form) in forms.iter_mut().enumerate() {
            let (chars, pos, breaks) = strip(&form.folded);
            correct_phrases.push(form.folded.clone());
            correct_phrases.push(chars.iter().collect());
            // Too short for pieces of three characters (under 6, or cut by its punctuation as
            // 共建“一带一路”): found by its misspellings.
            let (k, ps) = pieces(&chars, &breaks, form.k as usize, &score);
            if form.k > 0 && (chars.len() < 6 || (k == 0 && chars.len() <= 8)) {
                // Misspellings: each character for a look-alike (searched around exact probes),
                // each neighbour pair swapped.
                variants.add_formulation(&mut pats, &chars, fi as u32);
                continue;
            }
            form.k = k as u8;
            for (a, b) in ps {
                let piece: String = chars[a..b].iter().collect();
                pats.add(
                    piece,
                    Anchor::Piece {
                        form: fi as u32,
                        off: a as u16,
                        len: (b - a) as u16,
                        off_bytes: pos[a] as u32,
                    },
                );
            }
        }
        let mut correct = Vec::new();
        for (f, p) in fs
            .iter()
            .flat_map(|f| f.correct.iter().map(move |p| (f, p)))
        {
            let folded = fold_term(&p.text);
            let (chars, _, _) = strip(&folded);
            correct.push((
                chars.clone(),
                p.text.clone(),
                format!("{}:{}", f.source, p.line),
            ));
            correct_phrases.push(chars.iter().collect());
            correct_phrases.push(folded);
        }
        correct_phrases.retain(|p| !p.is_empty());
        correct_phrases.sort_unstable();
        correct_phrases.dedup();
        let max_correct = correct_phrases.iter().map(String::len).max().unwrap_or(0);
        let correct_phrases = Matcher::build(
            &correct_phrases
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )?;
        let mut enums = Vec::new();
        for (ei, e) in fs.iter().flat_map(|f| &f.enumerations).enumerate() {
            let mut slots = Vec::new();
            for (si, slot) in e.slots.iter().enumerate() {
                let mut forms_of_slot = Vec::new();
                for m in slot {
                    let fm = fold_term(m);
                    forms_of_slot.push(fm.clone());
                    if let Some(s) = &e.suffix {
                        forms_of_slot.push(format!("{fm}{}", fold_term(s)));
                    }
                }
                for fm in &forms_of_slot {
                    pats.add(
                        fm.clone(),
                        Anchor::Member {
                            en: ei as u16,
                            slot: si as u16,
                        },
                    );
                    let (chars, _, _) = strip(fm);
                    pats.add(
                        chars.iter().collect(),
                        Anchor::Member {
                            en: ei as u16,
                            slot: si as u16,
                        },
                    );
                }
                slots.push(forms_of_slot);
            }
            enums.push(Enum {
                name: e.name.clone(),
                slots,
                display: e
                    .slots
                    .iter()
                    .map(|s| s[0].as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
                partial: e.partial,
            });
        }
        let mut titles: Vec<TitleWord> = Vec::new();
        let mut title_index: FxHashMap<String, usize> = FxHashMap::default();
        for (li, leader) in l.leaders.iter().enumerate() {
            pats.add(names[li].clone(), Anchor::Name(li as u16));
            for t in &leader.titles {
                for (text, full) in [(Some(&t.title), true), (t.short.as_ref(), false)] {
                    let Some(text) = text else { continue };
                    let ft = fold_term(text);
                    let ti = *title_index.entry(ft.clone()).or_insert_with(|| {
                        titles.push(TitleWord {
                            text: ft.clone(),
                            full: false,
                            short: false,
                        });
                        titles.len() - 1
                    });
                    if full {
                        titles[ti].full = true;
                    } else {
                        titles[ti].short = true;
                    }
                }
            }
            if leader.anywhere {
                let chars: Vec<char> = names[li].chars().collect();
                variants.add_name(&mut pats, &chars, li as u16);
            }
        }
        for (ti, t) in titles.iter().enumerate() {
            pats.add(t.text.clone(), Anchor::Title(ti as u16));
        }
        let mut h = Sha256::new();
        let mut parts = Vec::new();
        for f in fs {
            parts.push(f.source.clone());
            parts.push(format!("{:?}", f.formulations));
            parts.push(format!("{:?}", f.correct));
            parts.push(format!("{:?}", f.enumerations));
        }
        parts.push(format!("{:?}{:?}", l.date, l.leaders));
        for part in &parts {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let probe_kind = pats
            .uses
            .iter()
            .map(|u| {
                let probes = u.iter().filter(|a| matches!(a, Anchor::Probe(_))).count();
                match probes {
                    0 => 0,
                    p if p < u.len() => 1,
                    _ => 2,
                }
            })
            .collect();
        Ok(Wording {
            forms,
            enums,
            leaders: l.leaders.clone(),
            titles,
            date: l.date.clone(),
            patterns: pats.patterns,
            uses: pats.uses,
            probe_kind,
            variants,
            digest: h.finalize().to_vec(),
            correct,
            correct_phrases,
            max_correct,
        })
    }

    /// The patterns to add to the screener's automaton; a hit of pattern `i` is passed back as `i`.
    pub(crate) fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Turns the hits of this checker's patterns in `ft` (`(start, end, pattern)`, folded bytes,
    /// as the automaton gives them) into the checker's hits: the hits of probes
    /// (`variants.rs`) are replaced by the misspellings found around them, numbered after the
    /// patterns (`patterns().len() + target`), in order of start. Run before [`Wording::check`]
    /// and before the hits protect anything from the typo detector.
    pub(crate) fn resolve(&self, ft: &str, hits: &mut Vec<(usize, usize, u32)>) {
        let base = self.patterns.len() as u32;
        let mut found = Vec::new();
        hits.retain(|&(s, e, p)| {
            let kind = self.probe_kind[p as usize];
            if kind == 0 {
                return true;
            }
            for a in &self.uses[p as usize] {
                if let Anchor::Probe(probe) = *a {
                    self.variants.probe(ft, s, e, probe, base, &mut found);
                }
            }
            kind == 1
        });
        found.sort_unstable();
        found.dedup();
        hits.extend(found);
    }

    /// The uses of pattern `p`, or of a misspelling [`Wording::resolve`] numbered `p`.
    fn uses_of(&self, p: u32) -> &[Anchor] {
        match self.uses.get(p as usize) {
            Some(u) => u,
            None => std::slice::from_ref(self.variants.anchor(p as usize - self.uses.len())),
        }
    }

    /// Prepares what the checker builds at its first use (the look-alike table's index).
    pub(crate) fn warm(&self) {
        confusables::warm();
    }

    /// A hash of the data, for the ruleset's fingerprint.
    pub(crate) fn digest(&self) -> &[u8] {
        &self.digest
    }

    /// Problems for the maintainer of the data (`lint`): `(kind, file:line, message)`.
    /// `scan` screens a text with the whole screener.
    pub(crate) fn lint(
        &self,
        scan: &dyn Fn(&str) -> Vec<(String, Severity)>,
    ) -> Vec<(LintProblem, String, String)> {
        let mut out = Vec::new();
        for f in &self.forms {
            if f.leader.is_none() && f.k == 0 && f.chars.len() >= 4 {
                out.push((
                    LintProblem::NeverMatches,
                    f.origin.clone(),
                    format!("`{}` is too short to cut into pieces for its edits: only the exact form is known (set `edits=0`, or lengthen it)", f.canonical),
                ));
            }
            if let Some((rule, _)) = scan(&f.canonical)
                .into_iter()
                .find(|(_, sev)| *sev >= Severity::Warn)
            {
                out.push((
                    LintProblem::FlaggedSuggestion,
                    f.origin.clone(),
                    format!(
                        "the formulation `{}` is itself flagged by {rule}",
                        f.canonical
                    ),
                ));
            }
        }
        for (chars, text, origin) in &self.correct {
            let near = self.forms.iter().any(|f| {
                f.k > 0 && {
                    let mut win = chars.clone();
                    win.push('。');
                    align::align(&f.chars, &win, f.k as usize).is_some()
                }
            });
            if !near {
                out.push((
                    LintProblem::NeverMatches,
                    origin.clone(),
                    format!("the correct phrase `{text}` holds no near miss of any formulation: it changes nothing (remove it)"),
                ));
            }
            if let Some((rule, _)) = scan(text)
                .into_iter()
                .find(|(_, sev)| *sev >= Severity::Warn)
            {
                out.push((
                    LintProblem::FlaggedSuggestion,
                    origin.clone(),
                    format!("the correct phrase `{text}` is flagged by {rule}"),
                ));
            }
        }
        out
    }

    /// Checks the folded text `ft` given the automaton's hits of this checker's patterns
    /// (`(start, end, pattern)`, folded bytes), passed through [`Wording::resolve`]. `between_tokens(s, e)`: whether `s` and `e` fall
    /// between words of their clause (a near miss must not cut a word).
    pub(crate) fn check(
        &self,
        ft: &str,
        hits: &[(usize, usize, u32)],
        between_tokens: &dyn Fn(usize, usize) -> bool,
        out: &mut Vec<Hit>,
    ) {
        if hits.is_empty() {
            return;
        }
        // Sized once: most hits are pieces or members (growing them cost more than the rest).
        let mut pieces: Vec<(u32, usize, u16, u16, u32, usize)> = Vec::with_capacity(hits.len());
        let mut members: Vec<(u16, usize, usize, u16)> = Vec::with_capacity(hits.len());
        let mut names: Vec<(usize, usize, u16)> = Vec::new();
        let mut variants: Vec<(usize, usize, u16)> = Vec::new();
        let mut misspelt: Vec<(usize, usize, u32)> = Vec::new();
        let mut titles: Vec<(usize, usize, u16)> = Vec::new();
        for &(s, e, p) in hits {
            for a in self.uses_of(p) {
                match *a {
                    Anchor::Piece {
                        form,
                        off,
                        len,
                        off_bytes,
                    } => pieces.push((form, s, off, len, off_bytes, e)),
                    Anchor::Member { en, slot } => members.push((en, s, e, slot)),
                    Anchor::Name(l) => names.push((s, e, l)),
                    Anchor::Variant(l) => variants.push((s, e, l)),
                    Anchor::Misspelt(fi) => misspelt.push((s, e, fi)),
                    Anchor::Title(t) => titles.push((s, e, t)),
                    Anchor::Probe(_) => {}
                }
            }
        }
        // The misspellings of one span in the order of their forms (as one pattern's uses were
        // when the misspellings were patterns): the first one speaks for the span.
        misspelt.sort_unstable();
        variants.sort_unstable();
        let first = out.len();
        self.near_misses(ft, &mut pieces, between_tokens, out);
        for &(s, e, fi) in &misspelt {
            let f = &self.forms[fi as usize];
            if self.in_correct_phrase(ft, s, e) || !between_tokens(s, e) {
                continue;
            }
            let (rule, note) = match f.leader {
                Some((_, na, nb)) => {
                    // Which character changed: inside the name or not.
                    let changed = ft[s..e]
                        .chars()
                        .zip(&f.chars)
                        .position(|(a, b)| a != *b)
                        .unwrap_or(0);
                    if changed >= na && changed < nb {
                        (
                            RULE_LEADER_NAME,
                            Note::LeaderName(f.canonical.clone(), self.date.clone()),
                        )
                    } else {
                        (
                            RULE_LEADER_TITLE,
                            Note::LeaderTitleTypo(f.canonical.clone(), self.date.clone()),
                        )
                    }
                }
                None => (RULE_FORMULATION, Note::Formulation(f.canonical.clone())),
            };
            out.push(Hit {
                start: s,
                end: e,
                rule,
                severity: Severity::Block,
                suggestion: f.canonical.clone(),
                note,
            });
        }
        for &(s, e, l) in &variants {
            let name = &self.leaders[l as usize].name;
            out.push(Hit {
                start: s,
                end: e,
                rule: RULE_LEADER_NAME,
                severity: Severity::Block,
                suggestion: name.clone(),
                note: Note::LeaderName(name.clone(), self.date.clone()),
            });
        }
        // Nothing inside a correct phrase is a near miss (the near misses and misspellings were
        // checked before their costlier word boundaries; the leaders' name variants here).
        let mut i = first;
        while i < out.len() {
            if self.in_correct_phrase(ft, out[i].start, out[i].end) {
                out.swap_remove(i);
            } else {
                i += 1;
            }
        }
        // Overlapping near misses of several formulations (以人民为中新的发展思想: 以人民为中心,
        // 以人民为中心的发展思想): the longest formulation speaks for the span.
        out[first..].sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start));
        let mut kept: Vec<Hit> = Vec::new();
        for h in out.drain(first..) {
            if !kept.iter().any(|k| k.start < h.end && h.start < k.end) {
                kept.push(h);
            }
        }
        out.extend(kept);
        names.sort_unstable();
        titles.sort_unstable();
        self.titles_of_names(&names, &titles, out);
        self.protocol_order(ft, &names, out);
        if !members.is_empty() {
            self.enumerations(ft, &members, out);
        }
    }

    /// Whether `ft[s..e]` stands inside a correct phrase: the phrases are searched for in the
    /// bytes around it only (as long as the longest phrase on each side).
    fn in_correct_phrase(&self, ft: &str, s: usize, e: usize) -> bool {
        let mut a = e.saturating_sub(self.max_correct).min(s);
        while !ft.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (s + self.max_correct).max(e).min(ft.len());
        while !ft.is_char_boundary(b) {
            b += 1;
        }
        let mut covered = false;
        self.correct_phrases.for_each(&ft[a..b], |ps, pe, _| {
            covered |= a + ps <= s && a + pe >= e;
        });
        covered
    }

    #[inline(never)]
    fn near_misses(
        &self,
        ft: &str,
        pieces: &mut [(u32, usize, u16, u16, u32, usize)],
        between_tokens: &dyn Fn(usize, usize) -> bool,
        out: &mut Vec<Hit>,
    ) {
        // Most texts hold no piece of any formulation: nothing to allocate then (the per-form
        // table below is as long as the data).
        if pieces.is_empty() {
            return;
        }
        // Per formulation, the last window aligned: the other pieces of the same place skip it.
        let mut checked: Vec<(usize, usize)> = vec![(usize::MAX, 0); self.forms.len()];
        let mut seen: Vec<(u32, usize, usize)> = Vec::new();
        let mut win: Vec<char> = Vec::new();
        let mut at: Vec<usize> = Vec::new();
        let mut back: Vec<(usize, char)> = Vec::new();
        for &(fi, s, off, plen, off_bytes, e) in pieces.iter() {
            let f = &self.forms[fi as usize];
            let ob = off_bytes as usize;
            if s >= ob && ft.is_char_boundary(s - ob) && ft[s - ob..].starts_with(&f.folded) {
                continue;
            }
            let (ws, we) = checked[fi as usize];
            if s >= ws && s < we {
                continue;
            }
            let k = f.k as usize;
            let n = f.chars.len();
            let plen = plen as usize;
            // Most piece hits stand in another phrase (社会主义市场经济 for 社会主义核心价值观):
            // the characters next to the piece rule them out at once.
            if !align::sides_plausible(ft, s, e, &f.kept, off as usize, plen, k) {
                continue;
            }
            let slack = k + 2 + f.punct;
            // The window: `off + slack` chars back, the rest of the formulation + slack ahead,
            // within the sentence.
            win.clear();
            at.clear();
            back.clear();
            for (i, c) in ft[..s].char_indices().rev() {
                if back.len() == off as usize + slack || normalize::is_sentence_end(c) {
                    break;
                }
                back.push((i, c));
            }
            for &(i, c) in back.iter().rev() {
                at.push(i);
                win.push(c);
            }
            let ahead = n - off as usize + slack;
            let mut end = s;
            for (i, c) in ft[s..].char_indices() {
                if i > 0 && win.len() >= back.len() + ahead {
                    break;
                }
                if normalize::is_sentence_end(c) {
                    break;
                }
                at.push(s + i);
                win.push(c);
                end = s + i + c.len_utf8();
            }
            let ws = at.first().copied().unwrap_or(s);
            checked[fi as usize] = (ws, end);
            if !align::plausible(&f.chars, &win, back.len(), off as usize, plen, k) {
                continue;
            }
            let Some(a) = align::align(&f.chars, &win, k) else {
                continue;
            };
            if a.edits.len() == 2 {
                let (x, y) = (a.edits[0], a.edits[1]);
                let adjacent = x.pos.abs_diff(y.pos) <= 1;
                if adjacent
                    && !(x.kind == EditKind::Sub
                        && y.kind == EditKind::Sub
                        && x.confusable
                        && y.confusable)
                {
                    continue;
                }
            }
            let start = at[a.start];
            let stop = if a.end < at.len() { at[a.end] } else { end };
            if seen.contains(&(fi, start, stop)) {
                continue;
            }
            seen.push((fi, start, stop));
            if self.in_correct_phrase(ft, start, stop) || !between_tokens(start, stop) {
                continue;
            }
            // A name loses or gains no character: 李强 is not 李克强 with 克 dropped.
            if let Some((_, na, nb)) = f.leader {
                let indel_in_name = a.edits.iter().any(|e| {
                    matches!(e.kind, EditKind::Ins | EditKind::Del) && e.pos >= na && e.pos <= nb
                });
                if indel_in_name {
                    continue;
                }
            }
            let (rule, note) = match f.leader {
                Some((_, na, nb)) => {
                    let in_name = a.edits.iter().any(|e| match e.kind {
                        EditKind::Ins => e.pos > na && e.pos < nb,
                        EditKind::Swap => e.pos + 1 >= na && e.pos < nb,
                        _ => e.pos >= na && e.pos < nb,
                    });
                    if in_name {
                        (
                            RULE_LEADER_NAME,
                            Note::LeaderName(f.canonical.clone(), self.date.clone()),
                        )
                    } else {
                        (
                            RULE_LEADER_TITLE,
                            Note::LeaderTitleTypo(f.canonical.clone(), self.date.clone()),
                        )
                    }
                }
                None => (RULE_FORMULATION, Note::Formulation(f.canonical.clone())),
            };
            out.push(Hit {
                start,
                end: stop,
                rule,
                severity: Severity::Block,
                suggestion: f.canonical.clone(),
                note,
            });
        }
    }

    /// The title the leader `l` should be given: a current one if any, else the last held.
    fn own_title(&self, l: usize, short: bool) -> Option<String> {
        let leader = &self.leaders[l];
        let t = leader
            .titles
            .iter()
            .find(|t| t.current(&self.date))
            .or_else(|| leader.titles.iter().max_by(|a, b| a.to.cmp(&b.to)))?;
        Some(match (short, &t.short) {
            (true, Some(s)) => s.clone(),
            _ => t.title.clone(),
        })
    }

    fn holders(&self, title: &str) -> String {
        self.leaders
            .iter()
            .filter(|x| {
                x.titles
                    .iter()
                    .any(|t| fold_term(&t.title) == title && t.current(&self.date))
            })
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    }

    fn holds(&self, l: usize, title: &str) -> bool {
        self.leaders[l].titles.iter().any(|t| {
            fold_term(&t.title) == title
                || t.short.as_deref().is_some_and(|s| fold_term(s) == title)
        })
    }

    /// A title next to a leader who never held it: 全国政协主席李强, 李强主席.
    fn titles_of_names(
        &self,
        names: &[(usize, usize, u16)],
        titles: &[(usize, usize, u16)],
        out: &mut Vec<Hit>,
    ) {
        if names.is_empty() || titles.is_empty() {
            return;
        }
        // `titles` is sorted by start; by end for the titles before a name.
        let mut by_end: Vec<(usize, usize, u16)> = titles.iter().map(|t| (t.1, t.0, t.2)).collect();
        by_end.sort_unstable();
        for &(ns, ne, l) in names {
            let l = l as usize;
            if self.leaders[l].titles.is_empty() {
                continue;
            }
            let name = &self.leaders[l].name;
            // TITLE + NAME: the longest full title ending where the name starts.
            let from = by_end.partition_point(|t| t.0 < ns);
            let before = by_end[from..]
                .iter()
                .take_while(|t| t.0 == ns)
                .filter(|t| self.titles[t.2 as usize].full)
                .max_by_key(|t| t.0 - t.1);
            if let Some(&(_, ts, ti)) = before {
                let tw = &self.titles[ti as usize];
                if !self.holds(l, &tw.text) {
                    if let Some(own) = self.own_title(l, false) {
                        out.push(Hit {
                            start: ts,
                            end: ne,
                            rule: RULE_LEADER_TITLE,
                            severity: Severity::Block,
                            suggestion: format!("{own}{name}"),
                            note: Note::LeaderTitle {
                                name: name.clone(),
                                title: tw.text.clone(),
                                holders: self.holders(&tw.text),
                                own: own.clone(),
                                date: self.date.clone(),
                            },
                        });
                    }
                }
            }
            // NAME + SHORT: the longest title starting where the name ends.
            let from = titles.partition_point(|t| t.0 < ne);
            let after = titles[from..]
                .iter()
                .take_while(|t| t.0 == ne)
                .filter(|t| self.titles[t.2 as usize].short)
                .max_by_key(|t| t.1 - t.0);
            if let Some(&(_, te, ti)) = after {
                let tw = &self.titles[ti as usize];
                if !self.holds(l, &tw.text) {
                    if let Some(own) = self.own_title(l, true) {
                        out.push(Hit {
                            start: ns,
                            end: te,
                            rule: RULE_LEADER_TITLE,
                            severity: Severity::Block,
                            suggestion: format!("{name}{own}"),
                            note: Note::LeaderTitle {
                                name: name.clone(),
                                title: tw.text.clone(),
                                holders: String::new(),
                                own: own.clone(),
                                date: self.date.clone(),
                            },
                        });
                    }
                }
            }
        }
    }

    /// Three or more members of the Standing Committee listed together out of protocol order.
    fn protocol_order(&self, ft: &str, names: &[(usize, usize, u16)], out: &mut Vec<Hit>) {
        let ranked: Vec<(usize, usize, u8)> = names
            .iter()
            .filter_map(|&(s, e, l)| self.leaders[l as usize].pbsc.map(|r| (s, e, r)))
            .collect();
        let mut i = 0;
        while i < ranked.len() {
            let mut j = i;
            while j + 1 < ranked.len()
                && is_list_gap(&ft[ranked[j].1.min(ranked[j + 1].0)..ranked[j + 1].0])
                && ranked[j].1 <= ranked[j + 1].0
            {
                j += 1;
            }
            let chain = &ranked[i..=j];
            if chain.len() >= 2 {
                self.misspelt_in_listing(ft, chain, out);
            }
            if chain.len() >= 3 && chain.windows(2).any(|w| w[0].2 >= w[1].2) {
                let mut sorted: Vec<&(usize, usize, u8)> = chain.iter().collect();
                sorted.sort_by_key(|c| c.2);
                let mut suggestion = String::new();
                for (n, c) in sorted.iter().enumerate() {
                    suggestion.push_str(&ft[c.0..c.1]);
                    if n + 1 < chain.len() {
                        suggestion.push_str(&ft[chain[n].1..chain[n + 1].0]);
                    }
                }
                let mut all: Vec<&Leader> =
                    self.leaders.iter().filter(|x| x.pbsc.is_some()).collect();
                all.sort_by_key(|x| x.pbsc);
                let order = all
                    .iter()
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、");
                out.push(Hit {
                    start: chain[0].0,
                    end: chain[chain.len() - 1].1,
                    rule: RULE_PBSC_ORDER,
                    severity: Severity::Block,
                    suggestion,
                    note: Note::PbscOrder(order, self.date.clone()),
                });
            }
            i = j + 1;
        }
    }

    /// A name one confusable character off a member of the Standing Committee, next to a listing
    /// of two or more of them (习近平、李强、赵乐济、王沪宁).
    fn misspelt_in_listing(&self, ft: &str, chain: &[(usize, usize, u8)], out: &mut Vec<Hit>) {
        let items = [
            item_before(ft, chain[0].0),
            item_after(ft, chain[chain.len() - 1].1),
        ];
        for (s, x) in items.into_iter().flatten() {
            let xs: Vec<char> = x.chars().collect();
            for leader in self.leaders.iter().filter(|l| l.pbsc.is_some()) {
                if chain.iter().any(|c| Some(c.2) == leader.pbsc) {
                    continue;
                }
                let name: Vec<char> = leader.name.chars().collect();
                if xs.len() < name.len() {
                    continue;
                }
                // Before the listing the name ends the item; after it, it starts the item.
                let cand = if s < chain[0].0 {
                    &xs[xs.len() - name.len()..]
                } else {
                    &xs[..name.len()]
                };
                let diff: Vec<usize> = (0..name.len()).filter(|&k| cand[k] != name[k]).collect();
                if diff.len() == 1 && confusables::are_confusable(name[diff[0]], cand[diff[0]]) {
                    let skip: usize = xs[..xs.len() - cand.len()]
                        .iter()
                        .map(|c| c.len_utf8())
                        .sum();
                    let start = if s < chain[0].0 { s + skip } else { s };
                    let end = start + cand.iter().map(|c| c.len_utf8()).sum::<usize>();
                    if !out.iter().any(|h| h.start == start && h.end == end) {
                        out.push(Hit {
                            start,
                            end,
                            rule: RULE_LEADER_NAME,
                            severity: Severity::Block,
                            suggestion: leader.name.clone(),
                            note: Note::LeaderName(leader.name.clone(), self.date.clone()),
                        });
                    }
                    break;
                }
            }
        }
    }

    /// Listings of enumeration members. The hits come in order of their end: each enumeration
    /// keeps its current listing, extended while only separators (or one item that is not a
    /// member) stand between its members.
    #[inline(never)]
    fn enumerations(&self, ft: &str, members: &[(u16, usize, usize, u16)], out: &mut Vec<Hit>) {
        // A listing needs two members of one enumeration: with fewer hits there is none, and the
        // per-enumeration tables below (as long as the data) are not built.
        if members.len() < 2 {
            return;
        }
        let mut chains: Vec<Vec<(u16, usize, usize, u16)>> = vec![Vec::new(); self.enums.len()];
        let mut bridged = vec![false; self.enums.len()];
        for &m in members {
            let en = m.0 as usize;
            if let Some(last) = chains[en].last_mut() {
                if m.1 < last.2 {
                    // Nested or overlapping: the longer (创新发展 over 创新) stays.
                    if m.1 <= last.1 && m.2 >= last.2 {
                        *last = m;
                    }
                    continue;
                }
                let gap = (last.2, m.1);
                if is_list_gap(&ft[gap.0..gap.1]) {
                    chains[en].push(m);
                    continue;
                }
                if !bridged[en]
                    && item_between(ft, gap.0, gap.1)
                        .is_some_and(|(_, x)| x.chars().count() <= 8 && x.chars().all(data::is_han))
                {
                    bridged[en] = true;
                    chains[en].push(m);
                    continue;
                }
                if chains[en].len() >= 2 {
                    self.check_listing(ft, &self.enums[en], &chains[en], out);
                }
                chains[en].clear();
                bridged[en] = false;
            }
            chains[en].push(m);
        }
        for (en, chain) in chains.iter().enumerate() {
            if chain.len() >= 2 {
                self.check_listing(ft, &self.enums[en], chain, out);
            }
        }
    }

    fn check_listing(
        &self,
        ft: &str,
        e: &Enum,
        chain: &[(u16, usize, usize, u16)],
        out: &mut Vec<Hit>,
    ) {
        let n = e.slots.len();
        let mut slots: Vec<u16> = chain.iter().map(|c| c.3).collect();
        let distinct = {
            let mut s = slots.clone();
            s.sort_unstable();
            s.dedup();
            s.len() == slots.len()
        };
        if !distinct || chain.len() < 2 {
            return;
        }
        let ordered = slots.windows(2).all(|w| w[0] < w[1]);
        let bridged = chain.windows(2).any(|w| !is_list_gap(&ft[w[0].2..w[1].1]));
        if !ordered && !bridged && (chain.len() == n || (e.partial && chain.len() >= 3)) {
            let mut sorted: Vec<&(u16, usize, usize, u16)> = chain.iter().collect();
            sorted.sort_by_key(|c| c.3);
            let mut suggestion = String::new();
            for (k, c) in sorted.iter().enumerate() {
                suggestion.push_str(&ft[c.1..c.2]);
                if k + 1 < chain.len() {
                    suggestion.push_str(&ft[chain[k].2..chain[k + 1].1]);
                }
            }
            out.push(Hit {
                start: chain[0].1,
                end: chain[chain.len() - 1].2,
                rule: RULE_ENUMERATION,
                severity: Severity::Review,
                suggestion,
                note: Note::EnumerationOrder(e.name.clone(), e.display.clone()),
            });
            return;
        }
        if !ordered || chain.len() + 1 != n {
            return;
        }
        // One member changed: the missing slot's place holds an item one character off.
        slots.sort_unstable();
        let missing = (0..n as u16).find(|s| !slots.contains(s)).unwrap_or(0);
        let place = chain
            .iter()
            .position(|c| c.3 > missing)
            .unwrap_or(chain.len());
        let found = if place == 0 {
            item_before(ft, chain[0].1)
        } else if place == chain.len() {
            item_after(ft, chain[chain.len() - 1].2)
        } else {
            item_between(ft, chain[place - 1].2, chain[place].1)
        };
        let Some((s, x)) = found else { return };
        for form in &e.slots[missing as usize] {
            let m: Vec<char> = form.chars().collect();
            let xs: Vec<char> = x.chars().take(m.len()).collect();
            if xs.len() != m.len() {
                continue;
            }
            let diff = m.iter().zip(&xs).filter(|(a, b)| a != b).count();
            if diff == 1 && xs.iter().all(|c| data::is_han(*c)) {
                let len: usize = xs.iter().map(|c| c.len_utf8()).sum();
                // Inside a listing, the item must be exactly the member's length.
                if place > 0 && place < chain.len() && len != x.len() {
                    continue;
                }
                out.push(Hit {
                    start: s,
                    end: s + len,
                    rule: RULE_ENUMERATION,
                    severity: Severity::Review,
                    suggestion: form.clone(),
                    note: Note::EnumerationMember(e.name.clone(), e.display.clone()),
                });
                return;
            }
        }
    }
}

/// Whether the text between two items of a listing only separates them (、，和 与 及 同志).
fn is_list_gap(gap: &str) -> bool {
    // Bounded before anything else: two hits may stand megabytes apart.
    if gap.len() > 12 {
        return false;
    }
    // At most two separators once every 同志 is left out (no allocation: most listings of
    // members are checked here).
    let mut rest = gap;
    let mut separators = 0;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("同志") {
            rest = after;
            continue;
        }
        if !matches!(c, '、' | '，' | ',' | '和' | '与' | '及') {
            return false;
        }
        separators += 1;
        if separators > 2 {
            return false;
        }
        rest = &rest[c.len_utf8()..];
    }
    true
}

const LIST_SEPARATORS: [char; 3] = ['、', '，', ','];

/// The item before a listing: `X、` ending at `at`.
fn item_before(ft: &str, at: usize) -> Option<(usize, &str)> {
    let head = &ft[..at];
    let sep = head.chars().next_back()?;
    if !LIST_SEPARATORS.contains(&sep) {
        return None;
    }
    let head = &head[..head.len() - sep.len_utf8()];
    let start = head
        .char_indices()
        .rev()
        .take(16)
        .take_while(|(_, c)| data::is_han(*c))
        .last()
        .map(|(i, _)| i)?;
    Some((start, &head[start..]))
}

/// The item after a listing: `、X` from `at` (X: the Chinese characters that follow).
fn item_after(ft: &str, at: usize) -> Option<(usize, &str)> {
    let tail = &ft[at..];
    let sep = tail.chars().next()?;
    if !LIST_SEPARATORS.contains(&sep) && sep != '和' && sep != '与' {
        return None;
    }
    let start = at + sep.len_utf8();
    let len: usize = ft[start..]
        .chars()
        .take(16)
        .take_while(|c| data::is_han(*c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (start, &ft[start..start + len]))
}

/// The item between two members: `、X、`.
fn item_between(ft: &str, a: usize, b: usize) -> Option<(usize, &str)> {
    // An item is a word or two, never a paragraph: bounded before anything else.
    if b - a > 3 * 16 {
        return None;
    }
    let gap = &ft[a..b];
    let first = gap.chars().next()?;
    let last = gap.chars().next_back()?;
    if !LIST_SEPARATORS.contains(&first)
        || !LIST_SEPARATORS.contains(&last)
        || gap.len() <= first.len_utf8() + last.len_utf8()
    {
        return None;
    }
    let s = a + first.len_utf8();
    let x = &ft[s..b - last.len_utf8()];
    (!x.contains(LIST_SEPARATORS)).then_some((s, x))
}

/// The default data, compiled once per screener build.
#[cfg(test)]
pub(crate) fn default_wording() -> Result<Wording> {
    default_wording_with(&[])
}

/// The default data and the user's formulations files `user` (`(name, text)`, in order; the same
/// format as `data/formulations.txt`, errors with the user's `name:line`), compiled.
pub(crate) fn default_wording_with(user: &[(String, String)]) -> Result<Wording> {
    let mut fs = vec![parse_formulations(
        "data/formulations.txt",
        DEFAULT_FORMULATIONS,
    )?];
    for (name, text) in user {
        fs.push(parse_formulations(name, text)?);
    }
    let l = parse_leaders("data/leaders.txt", DEFAULT_LEADERS)?;
    let freq =
        data::parse_piece_frequencies("data/piece_frequencies.txt", data::PIECE_FREQUENCIES)?;
    Wording::compile(&fs, &l, &freq)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Vec<Hit> {
        let w = default_wording().unwrap();
        let folded = normalize::fold(text);
        let ft = folded.text();
        let m = crate::matcher::Matcher::build(
            &w.patterns().iter().map(String::as_str).collect::<Vec<_>>(),
        )
        .unwrap();
        let mut hits = Vec::new();
        m.for_each(ft, |s, e, p| hits.push((s, e, p as u32)));
        w.resolve(ft, &mut hits);
        let mut out = Vec::new();
        let seg = crate::segment::Segmenter::new(Vec::new());
        let between = |s: usize, e: usize| seg.is_between_tokens(ft, s, e);
        w.check(ft, &hits, &between, &mut out);
        out
    }

    #[test]
    fn every_piece_frequency_is_a_piece_of_the_data() {
        let freq =
            data::parse_piece_frequencies("data/piece_frequencies.txt", data::PIECE_FREQUENCIES)
                .unwrap();
        assert!(freq.len() > 1000, "{}", freq.len());
        let l = parse_leaders("data/leaders.txt", DEFAULT_LEADERS).unwrap();
        let joined: Vec<String> = l
            .leaders
            .iter()
            .flat_map(|x| {
                x.titles
                    .iter()
                    .map(move |t| format!("{}{}", t.title, x.name))
            })
            .collect();
        for (piece, count) in &freq {
            let n = piece.chars().count();
            assert!((3..=5).contains(&n) && *count >= 2, "{piece} {count}");
            assert!(
                DEFAULT_FORMULATIONS.contains(piece.as_str())
                    || DEFAULT_LEADERS.contains(piece.as_str())
                    || joined.iter().any(|j| j.contains(piece.as_str())),
                "{piece} is no piece of the data: run scripts/gen-piece-frequencies.py"
            );
        }
        let e = |t: &str| {
            data::parse_piece_frequencies("f.txt", t)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            e("# c\n现代化\n"),
            "f.txt:2: expected `PIECE COUNT`, found `现代化`"
        );
        assert_eq!(e("现代化 x\n"), "f.txt:1: `x` is not a count");
        assert_eq!(
            e("现代化 1\n现代化 2\n"),
            "f.txt:2: `现代化` is listed twice"
        );
    }

    #[test]
    fn pieces_cover_the_pigeonhole() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let none = |_: &[char]| 0;
        let (k, p) = pieces(&c("习近平新时代中国特色社会主义思想"), &[], 2, &none);
        assert_eq!((k, p.len()), (2, 3));
        assert!(
            p.windows(2).all(|w| w[0].1 < w[1].0),
            "disjoint with a gap: {p:?}"
        );
        // 不忘初心、牢记使命: the pieces stay on each side of the 、.
        let (_, p) = pieces(&c("不忘初心牢记使命"), &[4], 1, &none);
        assert!(p.iter().all(|&(a, b)| b <= 4 || a >= 4), "{p:?}");
        // Rare pieces are preferred.
        let common = |p: &[char]| u32::from(p.starts_with(&['社', '会']));
        let (_, p) = pieces(&c("社会主义核心价值观"), &[], 1, &common);
        assert!(p.iter().all(|&(a, _)| a != 0), "{p:?}");
        assert_eq!(pieces(&c("四个意识"), &[], 1, &none), (0, vec![]));
    }

    #[test]
    fn near_misses_of_formulations() {
        let h = check("不忘初心、牢记使名");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].suggestion, "不忘初心、牢记使命");
        assert!(check("不忘初心 牢记使命，不忘初心，牢记使命").is_empty());
        assert!(check("习近平新时代中国特色社会主义思想").is_empty());
    }

    #[test]
    fn leaders() {
        let h = check("全国政协主席李强");
        assert_eq!(h[0].rule, RULE_LEADER_TITLE);
        let h = check("习近平总书计");
        assert_eq!(h[0].rule, RULE_LEADER_TITLE, "{h:?}");
        let h = check("国务院总理李墙");
        assert_eq!(h[0].rule, RULE_LEADER_NAME, "{h:?}");
        assert!(check("镇长王沪宁").is_empty());
        assert!(check("国务院总理李克强").is_empty());
        let h = check("习近平、李强、赵乐济、王沪宁出席");
        assert_eq!(
            (h[0].rule, h[0].suggestion.as_str()),
            (RULE_LEADER_NAME, "赵乐际"),
            "{h:?}"
        );
        assert_eq!(
            &"习近平、李强、赵乐济、王沪宁出席"[h[0].start..h[0].end],
            "赵乐济"
        );
        let h = check("习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李熙等");
        assert_eq!(
            (h[0].rule, h[0].suggestion.as_str()),
            (RULE_LEADER_NAME, "李希"),
            "{h:?}"
        );
        let h = check("习近平、李强、王沪宁、赵乐际、蔡奇、丁薛祥、李希");
        assert_eq!(h[0].rule, RULE_PBSC_ORDER);
        assert_eq!(
            h[0].suggestion,
            "习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希"
        );
    }

    /// Every formulation alone passes; a homophone or look-alike in its middle is reported with
    /// the formulation as the suggestion; every correct phrase alone passes; every enumeration
    /// with its first two members swapped is reported; every title with its holder passes.
    #[test]
    fn every_entry() {
        let screener = crate::Screener::new().unwrap();
        let w = default_wording().unwrap();
        let mut problems = Vec::new();
        let mut typos = 0;
        for f in &w.forms {
            let r = screener.scan(&f.canonical);
            if let Some(x) = r.of(crate::Category::Expression).next() {
                problems.push(format!(
                    "{}: `{}` alone gives {}",
                    f.origin, f.canonical, x.rule
                ));
            }
            if f.k == 0 {
                continue;
            }
            let mid = f.chars.len() / 2;
            let Some(t) = confusables::of(f.chars[mid]).iter().copied().find(|c| {
                data::is_han(*c) && !"的地之和与及一二三四五六七八九十两百千万零".contains(*c)
            }) else {
                continue;
            };
            let mut typo = f.chars.clone();
            typo[mid] = t;
            let typo: String = typo.into_iter().collect();
            typos += 1;
            let r = screener.scan(&typo);
            let found = r.findings.iter().any(|x| {
                x.rule.starts_with("expression/")
                    && x.suggestion.as_deref().is_some_and(|s| {
                        fold_term(s).contains(&fold_term(&f.canonical))
                            || fold_term(&f.canonical).contains(&fold_term(s))
                    })
            });
            if !found {
                problems.push(format!(
                    "{}: `{typo}` (a typo of `{}`) is not reported",
                    f.origin, f.canonical
                ));
            }
        }
        for (_, text, origin) in &w.correct {
            if let Some(x) = screener.scan(text).of(crate::Category::Expression).next() {
                problems.push(format!(
                    "{origin}: correct phrase `{text}` gives {}",
                    x.rule
                ));
            }
        }
        for e in &w.enums {
            let mut members: Vec<&str> = e.display.split('、').collect();
            members.swap(0, 1);
            let text = members.join("、");
            let r = screener.scan(&text);
            if !r.findings.iter().any(|x| x.rule == RULE_ENUMERATION) {
                problems.push(format!("enumeration {}: `{text}` is not reported", e.name));
            }
            if let Some(x) = screener
                .scan(&e.display)
                .of(crate::Category::Expression)
                .next()
            {
                problems.push(format!(
                    "enumeration {}: in order, gives {}",
                    e.name, x.rule
                ));
            }
        }
        assert!(typos > 200, "{typos} typos checked");
        assert!(
            problems.is_empty(),
            "{} problems:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }

    #[test]
    fn data_lints_clean() {
        let screener = crate::Screener::new().unwrap();
        let w = screener.wording().unwrap();
        let scan = |t: &str| {
            screener
                .scan(t)
                .findings
                .into_iter()
                .map(|f| (f.rule, f.severity))
                .collect()
        };
        let problems = w.lint(&scan);
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn list_gaps() {
        // At most two separators once every 同志 is left out; nothing else.
        for gap in ["", "、", "，", "和", "、和", "同志、", "同志和", "同志"] {
            assert!(is_list_gap(gap), "{gap}");
        }
        // Bounded at 12 bytes before anything else (同志和同志: 15).
        for gap in [
            "、、、",
            "的",
            "同同志志",
            "同志和同志",
            "同志同志同志同志、",
            "x",
        ] {
            assert!(!is_list_gap(gap), "{gap}");
        }
    }

    #[test]
    fn enumerations() {
        let h = check("创新、协调、开放、绿色、共享的新发展理念");
        assert_eq!(h[0].suggestion, "创新、协调、绿色、开放、共享");
        let h = check("创新、协调、绿色、开发、共享");
        assert_eq!(
            (h[0].suggestion.as_str(), h[0].rule),
            ("开放", RULE_ENUMERATION)
        );
        assert!(check("坚持创新、协调、绿色发展").is_empty());
    }
}
