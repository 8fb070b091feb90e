//! Match counts that must agree across engines where their semantics are equal.
//!
//! - Every bare engine, searching the same folded text for the same patterns with overlapping
//!   (standard) semantics, finds the same number of matches; with leftmost-longest semantics,
//!   likewise.
//! - zhscreen with a term list (one political wordlist, no exceptions, no counter words, no
//!   boundary checks) reports exactly the findings that follow from daachorse's overlapping
//!   matches by zhscreen's documented rules: a match is dropped where an ASCII term is glued to
//!   more ASCII of its kind or where a `noise=off` term spans noise in the original text, and of
//!   nested or identical spans only the longest is kept. [`expected_findings`] applies those rules
//!   to the bare matches, independently of the core's code.

use daachorse::CharwiseDoubleArrayAhoCorasick;
use std::cmp::Reverse;
use zhscreen::normalize::{contains_noise, Folded};
use zhscreen::wordlist::Entry;
use zhscreen::{Category, Report};

/// The political findings of a report (those a term list produces).
pub fn political_findings(report: &Report) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.category == Category::Political)
        .count()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AsciiKind {
    Letter,
    Digit,
}

fn ascii_kind(c: Option<char>) -> Option<AsciiKind> {
    match c {
        Some(c) if c.is_ascii_alphabetic() => Some(AsciiKind::Letter),
        Some(c) if c.is_ascii_digit() => Some(AsciiKind::Digit),
        _ => None,
    }
}

/// The findings zhscreen should report for a term list whose pattern `i` is `entries[i]`, given
/// the daachorse automaton `automaton` built over those patterns with values `i`.
pub fn expected_findings(
    text: &str,
    folded: &Folded,
    automaton: &CharwiseDoubleArrayAhoCorasick<u32>,
    entries: &[Entry],
) -> usize {
    let ft = folded.text();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for m in automaton.find_overlapping_iter(ft) {
        let entry = &entries[m.value() as usize];
        let (s, e) = (m.start(), m.end());
        let head = ascii_kind(entry.folded.chars().next());
        let tail = ascii_kind(entry.folded.chars().next_back());
        let glued = |k: Option<AsciiKind>, c: Option<char>| k.is_some() && ascii_kind(c) == k;
        if glued(head, ft[..s].chars().next_back()) || glued(tail, ft[e..].chars().next()) {
            continue;
        }
        let (os, oe) = folded.original_range(s, e);
        if !entry.noise && contains_noise(&text[os..oe]) {
            continue;
        }
        spans.push((os, oe));
    }
    spans.sort_unstable_by_key(|&(s, e)| (s, Reverse(e)));
    let mut reach = 0;
    let mut kept = 0;
    for (_, e) in spans {
        if e > reach {
            reach = e;
            kept += 1;
        }
    }
    kept
}

/// A named count, and whether it equals the count it is checked against.
#[derive(Debug, Clone)]
pub struct Check {
    /// What was compared.
    pub what: String,
    /// The reference count.
    pub expected: usize,
    /// The count checked against it.
    pub got: usize,
}

impl Check {
    /// Whether the counts agree.
    pub fn ok(&self) -> bool {
        self.expected == self.got
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::TermList;
    use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

    fn automaton(list: &TermList) -> CharwiseDoubleArrayAhoCorasick<u32> {
        CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(list.patterns().into_iter().zip(0u32..))
            .unwrap()
    }

    #[test]
    fn agrees_with_zhscreen_on_edge_cases() {
        let terms: Vec<String> = ["台独", "台独党纲", "abc", "12", "冰毒", "独党"]
            .map(String::from)
            .into();
        let list = TermList::new("t", terms).unwrap();
        let a = automaton(&list);
        let screener = zhscreen::Screener::builder()
            .defaults(false)
            .wordlist_text("bench.txt", list.wordlist())
            .build()
            .unwrap();
        for text in [
            "台独党纲与台独，abc与xabc，a b c，12与123，冰*毒与冰 毒，ＡＢＣ。",
            "臺獨黨綱",
            "",
        ] {
            let folded = zhscreen::normalize::fold(text);
            let expected = expected_findings(text, &folded, &a, &list.entries);
            let got = political_findings(&screener.scan(text));
            assert_eq!(expected, got, "{text}");
        }
        let text = "台独党纲与台独，abc与xabc，a b c，12与123";
        // 台独党纲 (with 台独 and 独党 inside it), 台独, abc, 12: four.
        let folded = zhscreen::normalize::fold(text);
        assert_eq!(expected_findings(text, &folded, &a, &list.entries), 4);
    }
}
