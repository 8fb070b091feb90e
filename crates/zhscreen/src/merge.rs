//! Merging candidates into findings: ordered by offset, the longest kept where hits of one
//! category nest (`赌博网站` over `赌博`; hits of different categories all stay), and char offsets
//! counted in the caller's text in one pass.

use crate::category::{Category, Severity};
use crate::detect::PiiKind;
use crate::report::Finding;
use crate::ruleset::Ruleset;

/// A finding before merging: a verified wordlist hit or a detection, in original byte offsets.
#[derive(Debug)]
pub(crate) struct Candidate {
    /// Byte offset of the first byte in the caller's text.
    pub(crate) start: usize,
    /// Byte offset one past the last byte.
    pub(crate) end: usize,
    /// Its category.
    pub(crate) category: Category,
    /// Its severity (after counter-context).
    pub(crate) severity: Severity,
    /// Where it comes from, for the rule id and the suggestion.
    pub(crate) rule: CandidateRule,
    /// The note the finding carries.
    pub(crate) note: Option<String>,
    /// For a detection: the kind of value, which chooses the mask.
    pub(crate) value_kind: Option<PiiKind>,
    /// A suggestion computed by a check (title chains); wordlist rules carry their own.
    pub(crate) suggestion: Option<String>,
}

/// The rule behind a candidate.
#[derive(Debug, Clone)]
pub(crate) enum CandidateRule {
    /// The wordlist rule with this index in the ruleset.
    Wordlist(u32),
    /// The detector rule with this id.
    Detector(&'static str),
    /// A rule of the wording checker, with its suggestion.
    Wording(&'static str, String),
}

/// Orders candidates, keeps the longest of nested ones in a category, and builds findings with
/// char offsets.
pub(crate) fn findings(text: &str, mut cands: Vec<Candidate>, rules: &Ruleset) -> Vec<Finding> {
    if cands.is_empty() {
        return Vec::new();
    }
    // Longest first among those starting together, so containment is seen in one pass. Small
    // keys are sorted rather than the candidates; the index last keeps equal keys in their
    // order, as a stable sort of the candidates would. The candidates come in a few runs that
    // are nearly in order already (the wordlist hits in the order of their end, then each
    // check's findings in the order of the text), which the stable sort finds and merges.
    let key = |i: usize, c: &Candidate| (c.start, usize::MAX - c.end, c.category as u8, i as u32);
    let mut order: Vec<(usize, usize, u8, u32)> =
        cands.iter().enumerate().map(|(i, c)| key(i, c)).collect();
    order.sort();
    let mut reach = [0usize; Category::ALL.len()];
    let mut kept: Vec<(usize, usize, u8, u32)> = Vec::with_capacity(order.len());
    for (start, rev_end, cat, i) in order {
        let end = usize::MAX - rev_end;
        let r = &mut reach[cat as usize];
        if end <= *r {
            continue; // inside a longer hit of the same category
        }
        *r = end;
        kept.push((start, end, cat, i));
    }
    // Kept ones by (start, end, category); ties keep the order above (stable).
    kept.sort_by_key(|&(start, end, cat, _)| (start, end, cat));
    let kept = kept.into_iter().map(|(_, _, _, i)| {
        let c = &mut cands[i as usize];
        Candidate {
            note: c.note.take(),
            rule: std::mem::replace(&mut c.rule, CandidateRule::Detector("")),
            suggestion: c.suggestion.take(),
            ..*c
        }
    });

    let mut findings = Vec::with_capacity(kept.len());
    let (mut byte_pos, mut char_pos) = (0usize, 0usize);
    for c in kept {
        char_pos += text[byte_pos..c.start].chars().count();
        byte_pos = c.start;
        let span = &text[c.start..c.end];
        let (rule, suggestion) = match c.rule {
            CandidateRule::Wordlist(i) => {
                let r = &rules.rules[i as usize];
                (r.id(), r.suggestion.clone())
            }
            CandidateRule::Detector(id) => (id.to_string(), c.suggestion),
            CandidateRule::Wording(id, suggestion) => (id.to_string(), Some(suggestion)),
        };
        findings.push(Finding {
            category: c.category,
            gate: c.category.gate(),
            severity: c.severity,
            rule,
            start: c.start,
            end: c.end,
            char_start: char_pos,
            char_end: char_pos + span.chars().count(),
            text: span.to_string(),
            suggestion,
            note: c.note,
            value_kind: c.value_kind,
        });
    }
    findings
}
