//! The dictionaries: the default ruleset's patterns, and term lists of 1k-100k terms from the
//! public lexicon union.
//!
//! A term list is handed to zhscreen as one wordlist (`@category political`, one term a line), and
//! to the bare matchers as the distinct folded terms: exactly the patterns zhscreen's automaton
//! holds, searched over the same folded text. Lexicon lines that are not valid wordlist entries
//! (comment or directive syntax, `|` or `=>`, clause punctuation, only noise) are left out, and
//! terms that fold to the same string are kept once, so a list of N terms is N patterns.

use crate::inputs::permutation;
use std::collections::HashSet;
use std::path::Path;
use zhscreen::normalize::{fold_term, is_clause_break};
use zhscreen::wordlist::{self, Entry};

/// The seed of the dictionary samples.
pub const SAMPLE_SEED: u64 = 20_000;

/// A term list as zhscreen and the bare matchers see it.
#[derive(Debug, Clone)]
pub struct TermList {
    /// `1k`, `10k`, `20k`, `100k`.
    pub name: String,
    /// The terms as written in the wordlist.
    pub terms: Vec<String>,
    /// The parsed entries; `entries[i].folded` is pattern `i`.
    pub entries: Vec<Entry>,
}

impl TermList {
    /// Parses `terms` exactly as zhscreen will (one political wordlist).
    pub fn new(name: &str, terms: Vec<String>) -> Result<TermList, String> {
        let list =
            wordlist::parse("bench.txt", &wordlist_text(&terms)).map_err(|e| e.to_string())?;
        if list.entries.len() != terms.len() {
            return Err(format!(
                "{name}: {} terms gave {} entries (duplicates after folding?)",
                terms.len(),
                list.entries.len()
            ));
        }
        Ok(TermList {
            name: name.to_string(),
            terms,
            entries: list.entries,
        })
    }

    /// The distinct folded patterns, in entry order.
    pub fn patterns(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.folded.as_str()).collect()
    }

    /// The wordlist zhscreen builds from.
    pub fn wordlist(&self) -> String {
        wordlist_text(&self.terms)
    }
}

/// `@category political` and one term a line.
pub fn wordlist_text(terms: &[String]) -> String {
    let mut text = String::from("@category political\n");
    for t in terms {
        text.push_str(t);
        text.push('\n');
    }
    text
}

/// Whether `term` can stand alone on a wordlist line as a plain entry.
pub fn usable(term: &str) -> bool {
    let t = term.trim();
    if t.is_empty()
        || t.starts_with('#')
        || t.starts_with('@')
        || t.starts_with("allow:")
        || t.starts_with("counter:")
        || t.contains('|')
        || t.contains("=>")
    {
        return false;
    }
    let folded = fold_term(t);
    !folded.is_empty() && !folded.chars().any(is_clause_break)
}

/// The usable terms of the lexicon file, trimmed, the first of each folded form, in file order.
pub fn load_lexicon(path: &Path) -> Result<Vec<String>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    for line in data.lines() {
        let t = line.trim();
        if usable(t) && seen.insert(fold_term(t)) {
            terms.push(t.to_string());
        }
    }
    Ok(terms)
}

/// `n` terms of `lexicon` with a fixed seed; the samples are nested (the 1k terms are among the
/// 10k). `n` at or above the lexicon's size gives all of it.
pub fn sample(lexicon: &[String], n: usize) -> Vec<String> {
    if n >= lexicon.len() {
        return lexicon.to_vec();
    }
    let mut idx: Vec<usize> = permutation(lexicon.len(), SAMPLE_SEED)
        .into_iter()
        .take(n)
        .collect();
    idx.sort_unstable();
    idx.into_iter().map(|i| lexicon[i].clone()).collect()
}

/// The distinct folded strings of the default lists (entries, `allow:`, `counter:`, `frame:` and
/// `condemn:` words): the wordlists' part of the default screener's automaton, the reference of
/// the pipeline's ratio (the screener's automaton also holds the wording checker's pieces, the
/// detectors' context words and the publishing checks' words, found in the same pass).
pub fn default_patterns() -> Result<Vec<String>, String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (name, text) in zhscreen::default_lists() {
        let list = wordlist::parse(name, text).map_err(|e| e.to_string())?;
        let words = (list.allows.iter())
            .chain(&list.counters)
            .chain(&list.frames)
            .chain(&list.condemns)
            .map(|w| &w.folded);
        for f in list.entries.iter().map(|e| &e.folded).chain(words) {
            if seen.insert(f.clone()) {
                out.push(f.clone());
            }
        }
    }
    Ok(out)
}

/// The terms of the default lists as written (what the generator mixes into the text).
pub fn default_terms() -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (name, text) in zhscreen::default_lists() {
        let list = wordlist::parse(name, text).map_err(|e| e.to_string())?;
        out.extend(list.entries.into_iter().map(|e| e.term));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_lines_are_left_out() {
        for bad in [
            "",
            "# x",
            "@category x",
            "allow: 平台",
            "a|b",
            "a=>b",
            "（测试）",
            "***",
            "你好，世界",
        ] {
            assert!(!usable(bad), "{bad}");
        }
        for good in ["海洛因", "賭博網站", "ＡＢＣ", "%共產黨", "冰 毒"] {
            assert!(usable(good), "{good}");
        }
    }

    #[test]
    fn term_lists_parse_one_entry_per_term() {
        let terms: Vec<String> = ["海洛因", "賭博網站", "abc", "冰 毒"]
            .map(String::from)
            .into();
        let list = TermList::new("t", terms).unwrap();
        assert_eq!(list.patterns(), vec!["海洛因", "赌博网站", "abc", "冰毒"]);
        assert!(list.entries[0].noise && !list.entries[2].noise);
        // Two spellings of one folded term are one pattern: the lexicon loader keeps one.
        let dup: Vec<String> = ["賭博網站", "赌博网站"].map(String::from).into();
        assert!(TermList::new("d", dup).is_err());
    }

    #[test]
    fn samples_are_nested_and_fixed() {
        let lexicon: Vec<String> = (0..1000).map(|i| format!("词{i}")).collect();
        let a = sample(&lexicon, 10);
        let b = sample(&lexicon, 100);
        assert_eq!(a, sample(&lexicon, 10));
        assert!(a.iter().all(|t| b.contains(t)));
        assert_eq!(sample(&lexicon, 5000).len(), 1000);
    }

    #[test]
    fn default_patterns_are_distinct_and_many() {
        let p = default_patterns().unwrap();
        let distinct: HashSet<&String> = p.iter().collect();
        assert_eq!(distinct.len(), p.len());
        assert!(p.len() > 1000, "{}", p.len());
    }
}
