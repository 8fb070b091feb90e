//! Compiling wordlists into one ruleset: merged entries, one automaton, a fingerprint.

use crate::category::{Category, Severity};
use crate::error::Result;
use crate::matcher::Matcher;
use crate::report::RulesetInfo;
use crate::segment::Segmenter;
use crate::wordlist::{Entry, Wordlist};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::hash::BuildHasher;

/// From this many rules up, the fingerprint is computed beside the automaton on a second thread.
const PARALLEL_BUILD_RULES: usize = 10_000;

/// Bumped whenever folding or matching changes what a list means, so that fingerprints change too.
const ENGINE_REVISION: &str = "zhscreen-rules/2";

/// A set of categories as a bit mask.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CategorySet(u32);

impl CategorySet {
    pub(crate) fn of(cats: &[Category]) -> CategorySet {
        CategorySet(cats.iter().fold(0, |m, c| m | (1 << *c as u32)))
    }
    pub(crate) fn contains(self, c: Category) -> bool {
        self.0 & (1 << c as u32) != 0
    }
    pub(crate) fn union(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 | other.0)
    }
}

/// A compiled entry.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) term: String,
    pub(crate) folded: String,
    pub(crate) suggestion: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) boundary: bool,
    pub(crate) noise: bool,
    /// The folded term starts with an ASCII letter (resp. digit): a neighbouring ASCII letter
    /// (resp. digit) in the text means the hit is inside a longer word or number.
    pub(crate) ascii_head: Option<AsciiKind>,
    pub(crate) ascii_tail: Option<AsciiKind>,
    /// The list it was defined in (an index into `Ruleset::sources`), and the line there.
    pub(crate) source: u32,
    pub(crate) line: u32,
}

impl Rule {
    /// The rule id reported in findings: `CATEGORY/TERM`.
    pub(crate) fn id(&self) -> String {
        // Built by hand: one per finding, and `format!` costs several times as much.
        let category = self.category.as_str();
        let mut id = String::with_capacity(category.len() + 1 + self.term.len());
        id.push_str(category);
        id.push('/');
        id.push_str(&self.term);
        id
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AsciiKind {
    Letter,
    Digit,
}

impl AsciiKind {
    pub(crate) fn of(c: Option<char>) -> Option<AsciiKind> {
        match c {
            Some(c) if c.is_ascii_alphabetic() => Some(AsciiKind::Letter),
            Some(c) if c.is_ascii_digit() => Some(AsciiKind::Digit),
            _ => None,
        }
    }
}

/// What a pattern of the automaton stands for (one folded string may be several things).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Use {
    Term(u32),
    Allow(CategorySet),
    Counter(CategorySet),
    /// A `frame:` word (counter-context of the paragraph or text it heads).
    Frame(CategorySet),
    /// A `condemn:` word (a quoted hit in its sentence is lowered to `info`).
    Condemn(CategorySet),
    /// Pattern `i` of the wording checker (`wording::Wording::patterns`).
    Wording(u32),
    /// Context word `word` of detector `detector` (`Detector::context_words`).
    Detector {
        detector: u16,
        word: u16,
    },
    /// Pattern `i` of the publishing checks (`publishing::Publishing::patterns`).
    Publishing(u32),
}

/// An `allow:`, `counter:`, `frame:` or `condemn:` word after merging.
#[derive(Debug, Clone)]
pub(crate) struct ContextRule {
    pub(crate) text: String,
    pub(crate) folded: String,
    pub(crate) categories: CategorySet,
    pub(crate) kind: ContextKind,
    pub(crate) origin: String,
}

/// The kind of line a [`ContextRule`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ContextKind {
    /// `allow:`, an exception.
    Allow,
    /// `counter:`, counter-context of its sentence.
    Counter,
    /// `frame:`, counter-context of the paragraph or text whose head holds it.
    Frame,
    /// `condemn:`, condemnatory wording around a quoted term.
    Condemn,
}

/// Something worth telling the person who maintains the lists (not an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of note it is.
    pub kind: DiagnosticKind,
    /// `file:line` of the line concerned.
    pub origin: String,
    /// What was noticed.
    pub message: String,
}

/// What kind of note a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    /// The same entry twice in one file.
    Duplicate,
    /// An entry replaces an earlier one with the same category and folded term.
    Override,
}

/// Everything the scan needs, immutable once built.
#[derive(Debug)]
pub(crate) struct Ruleset {
    pub(crate) rules: Vec<Rule>,
    /// The lists' names in merge order (`Rule::source` indexes it).
    pub(crate) sources: Vec<String>,
    pub(crate) contexts: Vec<ContextRule>,
    /// For pattern `i` of the matcher: what it stands for (`uses[i]`).
    pub(crate) uses: Uses,
    pub(crate) matcher: Matcher,
    pub(crate) segmenter: Segmenter,
    pub(crate) info: RulesetInfo,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Longest allow-list pattern, in folded bytes (bounds the overlap search).
    pub(crate) max_allow_len: usize,
    /// The `@list` items, merged.
    pub(crate) named: crate::lists::NamedLists,
    /// The publishing checks and routing compiled from them.
    pub(crate) publishing: crate::publishing::Publishing,
}

impl Ruleset {
    /// Where rule `r` was defined: `source:line`.
    pub(crate) fn origin(&self, r: &Rule) -> String {
        origin(&self.sources, r)
    }

    /// Merges the lists in order (a later entry of the same category and folded term replaces an
    /// earlier one) and compiles them.
    /// `wording`: the wording checker's patterns and the digest of its data, if it is on.
    /// `detector_words`: the detectors' context words (detector, word index, word), found in the
    /// same pass.
    pub(crate) fn compile(
        mut lists: Vec<Wordlist>,
        detector_ids: &[&str],
        wording: Option<(&[String], &[u8])>,
        detector_words: &[(u16, u16, &str)],
    ) -> Result<Ruleset> {
        let mut diagnostics = Vec::new();
        let sources: Vec<String> = lists.iter().map(|l| l.source.clone()).collect();
        let entries: usize = lists.iter().map(|l| l.entries.len()).sum();
        // One pattern per distinct folded string: the terms, the context words, the wording
        // checker's, the detectors' context words and the publishing words, all found in one
        // pass. Pattern ids in a table hashed by their string; the terms' patterns are found
        // while the rules are merged (one lookup per entry), the others' after.
        let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::with_capacity(entries);
        // (pattern, use) in the order they are added.
        let mut pairs: Vec<(u32, Use)> = Vec::with_capacity(entries);
        let mut terms = TermPatterns::with_capacity(entries);

        let mut rules: Vec<Rule> = Vec::new();
        for (source, list) in lists.iter_mut().enumerate() {
            let source = source as u32;
            for d in &list.duplicates {
                diagnostics.push(Diagnostic {
                    kind: DiagnosticKind::Duplicate,
                    origin: format!("{}:{}", list.source, d.line),
                    message: format!(
                        "duplicate entry `{}` (first at line {})",
                        d.term, d.first_line
                    ),
                });
            }
            let list_entries = std::mem::take(&mut list.entries);
            if rules.is_empty() {
                // The first list's entries become the rules in place (a `Rule` is no larger
                // than an `Entry`): its (category, folded term) pairs are distinct, the parser
                // merged its repetitions.
                rules = list_entries
                    .into_iter()
                    .map(|e| compile_entry(e, source))
                    .collect();
                rules.reserve(entries - rules.len());
                for i in 0..rules.len() {
                    let p = terms.place(&mut table, &rules, i as u32);
                    pairs.push((p, Use::Term(i as u32)));
                }
                continue;
            }
            for e in list_entries {
                let rule = compile_entry(e, source);
                match terms.find(&table, &rules, &rule) {
                    Some(i) => {
                        diagnostics.push(Diagnostic {
                            kind: DiagnosticKind::Override,
                            origin: origin(&sources, &rule),
                            message: format!(
                                "`{}` overrides the entry at {} (same category and folded term)",
                                rule.term,
                                origin(&sources, &rules[i as usize])
                            ),
                        });
                        rules[i as usize] = rule;
                    }
                    None => {
                        rules.push(rule);
                        let i = rules.len() as u32 - 1;
                        let p = terms.place(&mut table, &rules, i);
                        pairs.push((p, Use::Term(i)));
                    }
                }
            }
        }

        let mut contexts: Vec<ContextRule> = Vec::new();
        let mut ctx_key: FxHashMap<(ContextKind, &str), usize> = FxHashMap::default();
        for list in &lists {
            let words = (list.allows.iter().map(|w| (ContextKind::Allow, w)))
                .chain(list.counters.iter().map(|w| (ContextKind::Counter, w)))
                .chain(list.frames.iter().map(|w| (ContextKind::Frame, w)))
                .chain(list.condemns.iter().map(|w| (ContextKind::Condemn, w)));
            for (kind, w) in words {
                let cats = CategorySet::of(&w.categories);
                match ctx_key.get(&(kind, w.folded.as_str())) {
                    Some(&i) => contexts[i].categories = contexts[i].categories.union(cats),
                    None => {
                        ctx_key.insert((kind, w.folded.as_str()), contexts.len());
                        contexts.push(ContextRule {
                            text: w.text.clone(),
                            folded: w.folded.clone(),
                            categories: cats,
                            kind,
                            origin: format!("{}:{}", list.source, w.line),
                        });
                    }
                }
            }
        }

        let named = crate::lists::NamedLists::merge(&lists, &mut diagnostics);
        let publishing = crate::publishing::Publishing::build(&named)?;
        let mut patterns: Vec<&str> = terms.strings(&rules);
        let mut add = |w, u: Use| add_pattern(&mut table, &mut patterns, &mut pairs, w, u);
        let mut max_allow_len = 0;
        for c in &contexts {
            let u = match c.kind {
                ContextKind::Allow => {
                    max_allow_len = max_allow_len.max(c.folded.len());
                    Use::Allow(c.categories)
                }
                ContextKind::Counter => Use::Counter(c.categories),
                ContextKind::Frame => Use::Frame(c.categories),
                ContextKind::Condemn => Use::Condemn(c.categories),
            };
            add(&c.folded, u);
        }
        if let Some((extra, _)) = wording {
            for (i, w) in extra.iter().enumerate() {
                add(w, Use::Wording(i as u32));
            }
        }
        for &(detector, word, w) in detector_words {
            add(w, Use::Detector { detector, word });
        }
        for (i, w) in publishing.patterns().iter().enumerate() {
            add(w, Use::Publishing(i as u32));
        }
        let uses = Uses::new(patterns.len(), &pairs);
        // Freed before the automaton is built, which allocates a lot.
        drop((pairs, table, terms));
        let named_bytes = named.canonical();
        // The fingerprint (a sort and SHA-256 of every rule: about 35 ms for 100k rules with the
        // CPU's SHA instructions) does not depend on the automaton: for a large list it is
        // computed on a second thread meanwhile.
        let compute_fingerprint = || {
            fingerprint(
                &rules,
                &contexts,
                detector_ids,
                wording.map(|w| w.1),
                &named_bytes,
            )
        };
        let (matcher, fingerprint) = if rules.len() >= PARALLEL_BUILD_RULES {
            std::thread::scope(|scope| {
                let fp = scope.spawn(compute_fingerprint);
                let matcher = Matcher::build(&patterns);
                match fp.join() {
                    Ok(fp) => (matcher, fp),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            })
        } else {
            (Matcher::build(&patterns), compute_fingerprint())
        };
        let matcher = matcher?;
        let boundary_terms = rules
            .iter()
            .filter(|r| r.boundary)
            .map(|r| r.folded.clone())
            .collect();
        let info = RulesetInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            fingerprint,
        };
        let segmenter = Segmenter::new(boundary_terms);
        Ok(Ruleset {
            rules,
            sources,
            contexts,
            uses,
            matcher,
            segmenter,
            info,
            diagnostics,
            max_allow_len,
            named,
            publishing,
        })
    }
}

fn compile_entry(e: Entry, source: u32) -> Rule {
    Rule {
        category: e.category,
        severity: e.severity,
        ascii_head: AsciiKind::of(e.folded.chars().next()),
        ascii_tail: AsciiKind::of(e.folded.chars().next_back()),
        term: e.term,
        folded: e.folded,
        suggestion: e.suggestion,
        note: e.note,
        boundary: e.boundary,
        noise: e.noise,
        source,
        line: u32::try_from(e.line).unwrap_or(u32::MAX),
    }
}

/// Adds use `u` of string `w` to its pattern, a new one if `w` is not a pattern yet.
fn add_pattern<'a>(
    table: &mut hashbrown::HashTable<u32>,
    patterns: &mut Vec<&'a str>,
    pairs: &mut Vec<(u32, Use)>,
    w: &'a str,
    u: Use,
) {
    let hasher = rustc_hash::FxBuildHasher;
    let hash = hasher.hash_one(w);
    let p = match table.find(hash, |&p| patterns[p as usize] == w) {
        Some(&p) => p,
        None => {
            let p = patterns.len() as u32;
            table.insert_unique(hash, p, |&q| hasher.hash_one(patterns[q as usize]));
            patterns.push(w);
            p
        }
    };
    pairs.push((p, u));
}

/// `source:line` of a rule, `sources` being the lists' names in merge order.
fn origin(sources: &[String], r: &Rule) -> String {
    format!("{}:{}", sources[r.source as usize], r.line)
}

/// The terms' patterns while the rules are merged: pattern `p` is the folded term of rule
/// `first[p]`; the rules of one pattern (one folded term in several categories) are chained
/// through `next`, so that an entry finds the rule it overrides by its pattern.
struct TermPatterns {
    first: Vec<u32>,
    next: Vec<u32>,
    hasher: rustc_hash::FxBuildHasher,
}

impl TermPatterns {
    const END: u32 = u32::MAX;

    fn with_capacity(rules: usize) -> TermPatterns {
        TermPatterns {
            first: Vec::with_capacity(rules),
            next: Vec::with_capacity(rules),
            hasher: rustc_hash::FxBuildHasher,
        }
    }

    /// The pattern of `folded` among the terms' patterns so far.
    fn pattern(
        &self,
        table: &hashbrown::HashTable<u32>,
        rules: &[Rule],
        folded: &str,
    ) -> Option<u32> {
        let first = &self.first;
        table
            .find(self.hasher.hash_one(folded), |&p| {
                rules[first[p as usize] as usize].folded == folded
            })
            .copied()
    }

    /// The rule of the same category and folded term as `rule`, if any.
    fn find(&self, table: &hashbrown::HashTable<u32>, rules: &[Rule], rule: &Rule) -> Option<u32> {
        let p = self.pattern(table, rules, &rule.folded)?;
        let mut i = self.first[p as usize];
        while i != Self::END {
            if rules[i as usize].category == rule.category {
                return Some(i);
            }
            i = self.next[i as usize];
        }
        None
    }

    /// Rule `i` (new, its category and folded term not yet among the rules): its pattern, new
    /// or that of the same folded term in another category.
    fn place(&mut self, table: &mut hashbrown::HashTable<u32>, rules: &[Rule], i: u32) -> u32 {
        debug_assert_eq!(self.next.len(), i as usize);
        self.next.push(Self::END);
        let folded = rules[i as usize].folded.as_str();
        match self.pattern(table, rules, folded) {
            Some(p) => {
                // At the end of the pattern's chain.
                let mut j = self.first[p as usize];
                while self.next[j as usize] != Self::END {
                    j = self.next[j as usize];
                }
                self.next[j as usize] = i;
                p
            }
            None => {
                let p = self.first.len() as u32;
                self.first.push(i);
                let (first, hasher) = (&self.first, &self.hasher);
                table.insert_unique(hasher.hash_one(folded), p, |&q| {
                    hasher.hash_one(rules[first[q as usize] as usize].folded.as_str())
                });
                p
            }
        }
    }

    /// The terms' patterns, by pattern id.
    fn strings<'r>(&self, rules: &'r [Rule]) -> Vec<&'r str> {
        let mut patterns = Vec::with_capacity(self.first.len() + 1024);
        patterns.extend(
            self.first
                .iter()
                .map(|&i| rules[i as usize].folded.as_str()),
        );
        patterns
    }
}

/// What each pattern of the matcher stands for: the uses of pattern `p` are `uses[p]`, in the
/// order they were added. One array for all patterns (a 100k-term list would otherwise hold
/// 100k small vectors).
#[derive(Debug, Default)]
pub(crate) struct Uses {
    /// Pattern `p`'s uses are `all[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    all: Vec<Use>,
}

impl Uses {
    /// From `(pattern, use)` pairs in the order they were added (a stable counting sort).
    fn new(patterns: usize, pairs: &[(u32, Use)]) -> Uses {
        let mut starts = vec![0u32; patterns + 1];
        for &(p, _) in pairs {
            starts[p as usize + 1] += 1;
        }
        for p in 0..patterns {
            starts[p + 1] += starts[p];
        }
        let mut next = starts.clone();
        let mut all = vec![Use::Term(0); pairs.len()];
        for &(p, u) in pairs {
            let at = &mut next[p as usize];
            all[*at as usize] = u;
            *at += 1;
        }
        Uses { starts, all }
    }
}

impl std::ops::Index<usize> for Uses {
    type Output = [Use];

    fn index(&self, p: usize) -> &[Use] {
        &self.all[self.starts[p] as usize..self.starts[p + 1] as usize]
    }
}

/// A hash of what the rules mean (not where they were written), independent of list order.
fn fingerprint(
    rules: &[Rule],
    contexts: &[ContextRule],
    detector_ids: &[&str],
    wording: Option<&[u8]>,
    named_lists: &[u8],
) -> String {
    fn field(h: &mut Sha256, bytes: &[u8]) {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    let mut order: Vec<&Rule> = rules.iter().collect();
    order.sort_unstable_by(|a, b| (a.category, &a.folded).cmp(&(b.category, &b.folded)));
    let mut h = Sha256::new();
    field(&mut h, ENGINE_REVISION.as_bytes());
    for r in order {
        h.update([
            b'T',
            r.category as u8,
            r.severity as u8,
            u8::from(r.boundary),
            u8::from(r.noise),
        ]);
        field(&mut h, r.folded.as_bytes());
        field(&mut h, r.suggestion.as_deref().unwrap_or("").as_bytes());
        field(&mut h, r.note.as_deref().unwrap_or("").as_bytes());
    }
    let mut ctx: Vec<&ContextRule> = contexts.iter().collect();
    ctx.sort_unstable_by(|a, b| (a.kind, &a.folded).cmp(&(b.kind, &b.folded)));
    for c in ctx {
        h.update([b'C', c.kind as u8]);
        h.update(c.categories.0.to_le_bytes());
        field(&mut h, c.folded.as_bytes());
    }
    let mut ids = detector_ids.to_vec();
    ids.sort_unstable();
    for d in ids {
        h.update([b'D']);
        field(&mut h, d.as_bytes());
    }
    if let Some(w) = wording {
        h.update([b'W']);
        field(&mut h, w);
    }
    h.update([b'L']);
    field(&mut h, named_lists);
    let digest = h.finalize();
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wordlist;

    fn uses_as_vecs(uses: &Uses, patterns: usize) -> Vec<Vec<String>> {
        (0..patterns)
            .map(|p| uses[p].iter().map(|u| format!("{u:?}")).collect())
            .collect()
    }

    #[test]
    fn uses_keep_the_order_they_were_added_in() {
        let pairs = [
            (2, Use::Term(0)),
            (0, Use::Term(1)),
            (2, Use::Counter(CategorySet(1))),
            (1, Use::Wording(7)),
            (2, Use::Publishing(3)),
            (
                0,
                Use::Detector {
                    detector: 1,
                    word: 2,
                },
            ),
        ];
        let uses = Uses::new(4, &pairs);
        let mut naive = vec![Vec::new(); 4];
        for (p, u) in pairs {
            naive[p as usize].push(format!("{u:?}"));
        }
        assert_eq!(uses_as_vecs(&uses, 4), naive);
        assert!(uses[3].is_empty());
    }

    /// The merge of several lists: overrides by category and folded term (not by the term as
    /// written), the same folded term in two categories one pattern with two uses, diagnostics in
    /// list order with their origins.
    #[test]
    fn lists_merge_by_category_and_folded_term() {
        let lists = vec![
            wordlist::parse(
                "a.txt",
                "@category drugs\n冰毒\n海洛因\n@category gambling\n冰毒\nabc\n",
            )
            .unwrap(),
            wordlist::parse("b.txt", "@category drugs\n海洛因 | severity=info\nK粉\n").unwrap(),
            wordlist::parse("c.txt", "@category gambling\nABC | note=x\n冰毒\n冰毒\n").unwrap(),
        ];
        let r = Ruleset::compile(lists, &[], None, &[]).unwrap();
        let rules: Vec<(String, &str, &str, Severity)> = r
            .rules
            .iter()
            .map(|x| {
                (
                    r.origin(x),
                    x.category.as_str(),
                    x.term.as_str(),
                    x.severity,
                )
            })
            .collect();
        let (block, review) = (
            Category::Drugs.default_severity(),
            Category::Gambling.default_severity(),
        );
        assert_eq!(
            rules,
            [
                ("a.txt:2".to_string(), "drugs", "冰毒", block),
                ("b.txt:2".to_string(), "drugs", "海洛因", Severity::Info),
                ("c.txt:3".to_string(), "gambling", "冰毒", review),
                ("c.txt:2".to_string(), "gambling", "ABC", review),
                ("b.txt:3".to_string(), "drugs", "K粉", block),
            ]
        );
        let diagnostics: Vec<(DiagnosticKind, &str)> = r
            .diagnostics
            .iter()
            .map(|d| (d.kind, d.origin.as_str()))
            .collect();
        assert_eq!(
            diagnostics,
            [
                (DiagnosticKind::Override, "b.txt:2"),
                (DiagnosticKind::Duplicate, "c.txt:4"),
                (DiagnosticKind::Override, "c.txt:2"),
                (DiagnosticKind::Override, "c.txt:3"),
            ]
        );
        assert!(r.diagnostics[0]
            .message
            .contains("overrides the entry at a.txt:3"));
        // 冰毒 is one pattern used by both categories' rules, in rule order.
        let mut hits = Vec::new();
        r.matcher.for_each("冰毒", |_, _, p| hits.push(p));
        assert_eq!(hits.len(), 1);
        let uses: Vec<String> = r.uses[hits[0]].iter().map(|u| format!("{u:?}")).collect();
        assert_eq!(uses, ["Term(0)", "Term(2)"]);
    }
}
