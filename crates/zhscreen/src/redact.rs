//! De-identification (去标识化) and fixing: rewriting the spans a scan found.
//!
//! Text outside the replaced spans is left byte for byte as it was, and running either twice gives
//! the same result as once (a masked value is no longer detected; a corrected word no longer
//! flagged).

mod masks;

pub use masks::mask;

use crate::category::Category;
use crate::report::{Finding, Report};
use crate::screener::Screener;
use serde::{Deserialize, Serialize};

/// What to do with the findings of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the text as it is.
    Keep,
    /// Mask it: personal data by its kind (`139****5678`), anything else `*` per character.
    Mask,
    /// Replace it by the entry's suggestion (the first of alternatives separated by `/`); keep
    /// it where there is none.
    Suggest,
}

/// What redaction does per category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedactPolicy {
    actions: [Action; Category::ALL.len()],
}

impl Default for RedactPolicy {
    /// Masks personal data, classification marks and prohibited content; leaves wording, typos,
    /// opinion, rumour markers and advertising for the editor.
    fn default() -> Self {
        let mut p = RedactPolicy {
            actions: [Action::Keep; Category::ALL.len()],
        };
        for c in Category::ALL {
            if c == Category::PersonalInfo
                || c == Category::Confidential
                || c == Category::Insult
                || c.default_severity() == crate::Severity::Block
            {
                p.actions[c as usize] = Action::Mask;
            }
        }
        p
    }
}

impl RedactPolicy {
    /// Personal data only.
    pub fn personal_info_only() -> Self {
        RedactPolicy::none().set(Category::PersonalInfo, Action::Mask)
    }

    /// The policy of `fix`: suggestions for `expression` and `typo`, nothing else.
    pub fn fix() -> Self {
        RedactPolicy::none()
            .set(Category::Expression, Action::Suggest)
            .set(Category::Typo, Action::Suggest)
    }

    /// Keeps everything (a start for building a policy).
    pub fn none() -> Self {
        RedactPolicy {
            actions: [Action::Keep; Category::ALL.len()],
        }
    }

    /// Sets the action for one category.
    pub fn set(mut self, category: Category, action: Action) -> Self {
        self.actions[category as usize] = action;
        self
    }

    /// The action for one category.
    pub fn action(&self, category: Category) -> Action {
        self.actions[category as usize]
    }
}

/// One replaced span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// Byte offset in the input text.
    pub start: usize,
    /// Byte offset one past the end, in the input text.
    pub end: usize,
    /// The category of the finding replaced.
    pub category: Category,
    /// Its rule.
    pub rule: String,
    /// What stood there.
    pub original: String,
    /// What stands there now.
    pub replacement: String,
}

/// The rewritten text and what was replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    /// The new text.
    pub text: String,
    /// The replaced spans, in order, with offsets into the input text.
    pub replacements: Vec<Replacement>,
}

impl Screener {
    /// De-identifies `text` with the default policy ([`RedactPolicy::default`]).
    pub fn redact(&self, text: &str) -> Redaction {
        self.redact_with(text, &RedactPolicy::default())
    }

    /// Rewrites `text` per `policy`.
    ///
    /// A replacement can make a new finding with the text beside it: masking changes what a
    /// detector sees next to a value (a mobile number followed by 台 is read as a quantity;
    /// followed by `**` it is a number), and a suggestion can complete a term with what follows
    /// (WTO成员国國國 → WTO成员國國 → …). So the text is screened again until nothing changes, and
    /// rewriting the result once more changes nothing. When suggestions undo each other the rounds
    /// go round a cycle; the result is then the cycle's smallest text, whichever of its texts the
    /// rounds started from. Only text built to exhaust the work bound (about 16 scans of the input
    /// plus 16 MiB) stops early.
    pub fn redact_with(&self, text: &str, policy: &RedactPolicy) -> Redaction {
        let mut pieces = Pieces::new(text);
        // The texts reached so far (by hash: a long chain must not keep a copy of each), with
        // how they were reached.
        let mut seen = vec![(text_hash(text), pieces.clone())];
        let budget = text.len().saturating_mul(16).saturating_add(16 << 20);
        let mut scanned = 0usize;
        // The text as it stands: each round's output, which `pieces` also spells.
        let mut current = text.to_string();
        while scanned <= budget {
            scanned += current.len().max(1);
            let round = apply(&current, &self.scan(&current), policy);
            if round.replacements.is_empty() {
                break;
            }
            let hash = text_hash(&round.text);
            if let Some(k) = seen.iter().position(|(h, _)| *h == hash) {
                // A cycle (大屠杀戮穿: 戮穿 → 戳穿 makes 杀戳, 杀戳 → 杀戮 makes 戮穿 again):
                // settle on its smallest text.
                let settled = seen[k..]
                    .iter()
                    .map(|(_, p)| (p.text(), p))
                    .min_by(|a, b| a.0.cmp(&b.0))
                    .map(|(_, p)| p.clone());
                pieces = settled.unwrap_or(pieces);
                break;
            }
            pieces.replace(&round.replacements);
            seen.push((hash, pieces.clone()));
            current = round.text;
        }
        pieces.into_redaction(text)
    }

    /// Applies the suggestions of `expression` and `typo` findings.
    pub fn fix(&self, text: &str) -> Redaction {
        self.redact_with(text, &RedactPolicy::fix())
    }
}

/// A text's identity in the rounds of [`Screener::redact_with`].
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// The redacted text as pieces of the original and replacements, so that the replacements of
/// later rounds can be reported against the caller's offsets.
#[derive(Clone)]
struct Pieces<'a> {
    original: &'a str,
    pieces: Vec<Piece>,
}

#[derive(Clone)]
enum Piece {
    /// `original[range]`, unchanged.
    Same(std::ops::Range<usize>),
    /// A replacement of `original[range]`.
    New(std::ops::Range<usize>, String, Category, String),
}

impl<'a> Pieces<'a> {
    fn new(original: &'a str) -> Self {
        Pieces {
            original,
            pieces: vec![Piece::Same(0..original.len())],
        }
    }

    fn len_of(p: &Piece) -> usize {
        match p {
            Piece::Same(r) => r.len(),
            Piece::New(_, s, _, _) => s.len(),
        }
    }

    fn text(&self) -> String {
        let mut out = String::with_capacity(self.original.len());
        for p in &self.pieces {
            match p {
                Piece::Same(r) => out.push_str(&self.original[r.clone()]),
                Piece::New(_, s, _, _) => out.push_str(s),
            }
        }
        out
    }

    /// Applies replacements given in offsets of the current text (sorted, disjoint). A new
    /// replacement that touches an earlier one absorbs it whole, so every replacement still names
    /// a range of the original.
    fn replace(&mut self, reps: &[Replacement]) {
        let current = self.text();
        let mut spans = Vec::with_capacity(self.pieces.len());
        let mut pos = 0;
        for p in &self.pieces {
            let len = Self::len_of(p);
            spans.push(pos..pos + len);
            pos += len;
        }
        // Regions to replace, in current offsets, grown to whole earlier replacements.
        let mut regions: Vec<(usize, usize, String, Category, String)> = Vec::new();
        for rep in reps {
            let (mut a, mut b) = (rep.start, rep.end);
            loop {
                let (a0, b0) = (a, b);
                for (p, sp) in self.pieces.iter().zip(&spans) {
                    if matches!(p, Piece::New(..)) && sp.start < b && sp.end > a {
                        a = a.min(sp.start);
                        b = b.max(sp.end);
                    }
                }
                if (a, b) == (a0, b0) {
                    break;
                }
            }
            match regions.last_mut() {
                Some(last) if a < last.1 => {
                    // Shares an absorbed piece with the previous region: join them. The end of
                    // the previous region's text is current text verbatim from the previous
                    // replacement's end, so what lies at and after this replacement is cut off
                    // and written again.
                    let cut = last.1.saturating_sub(rep.start);
                    last.2.truncate(last.2.len() - cut);
                    if last.1 < rep.start {
                        last.2.push_str(&current[last.1..rep.start]);
                    }
                    last.2.push_str(&rep.replacement);
                    let end = b.max(last.1);
                    last.2.push_str(&current[rep.end..end]);
                    last.1 = end;
                }
                _ => {
                    let text = format!(
                        "{}{}{}",
                        &current[a..rep.start],
                        rep.replacement,
                        &current[rep.end..b]
                    );
                    regions.push((a, b, text, rep.category, rep.rule.clone()));
                }
            }
        }
        let orig_start = |x: usize| -> usize {
            let i = spans.partition_point(|sp| sp.end <= x);
            match &self.pieces[i] {
                Piece::Same(r) => r.start + (x - spans[i].start),
                Piece::New(r, ..) => r.start,
            }
        };
        let orig_end = |x: usize| -> usize {
            let i = spans.partition_point(|sp| sp.end < x);
            match &self.pieces[i] {
                Piece::Same(r) => r.start + (x - spans[i].start),
                Piece::New(r, ..) => r.end,
            }
        };
        let mut out = Vec::with_capacity(self.pieces.len() + 2 * regions.len());
        let mut gap_start = 0;
        let push_gap = |out: &mut Vec<Piece>, g0: usize, g1: usize| {
            for (p, sp) in self.pieces.iter().zip(&spans) {
                if sp.end <= g0 || sp.start >= g1 {
                    continue;
                }
                match p {
                    Piece::Same(r) => {
                        let from = r.start + (sp.start.max(g0) - sp.start);
                        let to = r.start + (sp.end.min(g1) - sp.start);
                        if from < to {
                            out.push(Piece::Same(from..to));
                        }
                    }
                    Piece::New(r, t, c, rule) => {
                        out.push(Piece::New(r.clone(), t.clone(), *c, rule.clone()))
                    }
                }
            }
        };
        for (a, b, text, category, rule) in regions {
            push_gap(&mut out, gap_start, a);
            out.push(Piece::New(orig_start(a)..orig_end(b), text, category, rule));
            gap_start = b;
        }
        push_gap(&mut out, gap_start, current.len());
        self.pieces = out;
    }

    fn into_redaction(self, original: &str) -> Redaction {
        let text = self.text();
        let replacements = self
            .pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::New(r, s, _, _) if original[r.clone()] == *s => None,
                Piece::New(r, s, category, rule) => Some(Replacement {
                    start: r.start,
                    end: r.end,
                    category,
                    rule,
                    original: original[r].to_string(),
                    replacement: s,
                }),
                Piece::Same(_) => None,
            })
            .collect();
        Redaction { text, replacements }
    }
}

/// Rewrites `text` from a report of it. Overlapping findings: the first (by start) wins.
pub fn apply(text: &str, report: &Report, policy: &RedactPolicy) -> Redaction {
    let mut out = String::with_capacity(text.len());
    let mut replacements = Vec::new();
    let mut pos = 0;
    for f in &report.findings {
        if f.start < pos || f.end > text.len() {
            continue;
        }
        let Some(replacement) = replacement_for(f, policy.action(f.category)) else {
            continue;
        };
        if replacement == f.text {
            continue;
        }
        out.push_str(&text[pos..f.start]);
        out.push_str(&replacement);
        pos = f.end;
        replacements.push(Replacement {
            start: f.start,
            end: f.end,
            category: f.category,
            rule: f.rule.clone(),
            original: f.text.clone(),
            replacement,
        });
    }
    out.push_str(&text[pos..]);
    Redaction {
        text: out,
        replacements,
    }
}

fn replacement_for(f: &Finding, action: Action) -> Option<String> {
    match action {
        Action::Keep => None,
        Action::Mask => Some(match f.value_kind {
            Some(kind) => mask(kind, &f.text),
            None => f.text.chars().map(|_| '*').collect(),
        }),
        Action::Suggest => {
            let s = f.suggestion.as_deref()?;
            let first = s.split(['/', '／']).next().unwrap_or("").trim();
            (!first.is_empty()).then(|| first.to_string())
        }
    }
}
