//! Compiling wordlists into one ruleset: merged entries, one automaton, a fingerprint.

use crate::category::{Category, Severity};
use crate::error::Result;
use crate::matcher::Matcher;
use crate::report::RulesetInfo;
use crate::segment::Segmenter;
use crate::wordlist::{Entry, Wordlist};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};
use std::collections::hash_map::Entry as Slot;
use std::sync::Arc;

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
    /// The list it was defined in, and the line there.
    pub(crate) source: Arc<str>,
    pub(crate) line: usize,
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

    /// Where it was defined: `source:line`.
    pub(crate) fn origin(&self) -> String {
        format!("{}:{}", self.source, self.line)
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
    pub(crate) contexts: Vec<ContextRule>,
    /// For pattern `i` of the matcher: what it stands for.
    pub(crate) uses: Vec<Vec<Use>>,
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
    /// Merges the lists in order (a later entry of the same category and folded term replaces an
    /// earlier one) and compiles them.
    /// `wording`: the wording checker's patterns and the digest of its data, if it is on.
    /// `detector_words`: the detectors' context words (detector, word index, word), found in the
    /// same pass.
    pub(crate) fn compile(
        lists: &[Wordlist],
        detector_ids: &[&str],
        wording: Option<(&[String], &[u8])>,
        detector_words: &[(u16, u16, &str)],
    ) -> Result<Ruleset> {
        let mut diagnostics = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        let mut by_key: FxHashMap<(Category, &str), usize> = FxHashMap::default();
        let mut contexts: Vec<ContextRule> = Vec::new();
        let mut ctx_key: FxHashMap<(ContextKind, &str), usize> = FxHashMap::default();

        for list in lists {
            let source: Arc<str> = Arc::from(list.source.as_str());
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
            for e in &list.entries {
                let rule = compile_entry(e, &source);
                match by_key.entry((e.category, e.folded.as_str())) {
                    Slot::Occupied(slot) => {
                        let i = *slot.get();
                        diagnostics.push(Diagnostic {
                            kind: DiagnosticKind::Override,
                            origin: rule.origin(),
                            message: format!(
                                "`{}` overrides the entry at {} (same category and folded term)",
                                e.term,
                                rules[i].origin()
                            ),
                        });
                        rules[i] = rule;
                    }
                    Slot::Vacant(slot) => {
                        slot.insert(rules.len());
                        rules.push(rule);
                    }
                }
            }
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

        let named = crate::lists::NamedLists::merge(lists, &mut diagnostics);
        let publishing = crate::publishing::Publishing::build(&named)?;
        // One pattern per distinct folded string: the terms, the context words, the wording
        // checker's, the detectors' context words and the publishing words, all found in one pass.
        let mut pattern_of: FxHashMap<&str, usize> = FxHashMap::default();
        let mut patterns: Vec<&str> = Vec::new();
        let mut uses: Vec<Vec<Use>> = Vec::new();
        let mut add = |w, u: Use| {
            let p = *pattern_of.entry(w).or_insert_with(|| {
                patterns.push(w);
                uses.push(Vec::new());
                patterns.len() - 1
            });
            uses[p].push(u);
        };
        for (i, r) in rules.iter().enumerate() {
            add(&r.folded, Use::Term(i as u32));
        }
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
        let named_bytes = named.canonical();
        // The fingerprint (a sort and software SHA-256 of every rule) does not depend on the
        // automaton: for a large list it is computed on a second thread meanwhile.
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
        Ok(Ruleset {
            rules,
            contexts,
            uses,
            matcher,
            segmenter: Segmenter::new(boundary_terms),
            info,
            diagnostics,
            max_allow_len,
            named,
            publishing,
        })
    }
}

fn compile_entry(e: &Entry, source: &Arc<str>) -> Rule {
    Rule {
        category: e.category,
        severity: e.severity,
        term: e.term.clone(),
        folded: e.folded.clone(),
        suggestion: e.suggestion.clone(),
        note: e.note.clone(),
        boundary: e.boundary,
        noise: e.noise,
        ascii_head: AsciiKind::of(e.folded.chars().next()),
        ascii_tail: AsciiKind::of(e.folded.chars().next_back()),
        source: Arc::clone(source),
        line: e.line,
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
