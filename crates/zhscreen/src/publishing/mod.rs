//! The publishing rules of the local regulations (category `publishing`) and the sign-off
//! routing (分级审核) that rides on the same pass:
//!
//! - reposts must name their source, and the source must be a publisher: a Party or government
//!   site or an approved news unit (`sources`);
//! - a leader's news names at most two of his titles (`titles`);
//! - links to commercial pages are not allowed (`links`; the URLs themselves are found by the
//!   ASCII detector [`crate::detect::url`]);
//! - the public must not be forced to follow, download, like or forward (`demands`).
//!
//! Shop pointers without a link (扫码进入商城, 小程序商城) are plain entries of
//! `wordlists/publishing.txt`. Everything these checks know comes from the `@list` items of the
//! wordlists ([`crate::lists`]), so a unit adds its own approved sources and hosts in its own list.
//! Every note is a message of the catalogue ([`crate::messages`]).
//!
//! ```
//! let screener = zhscreen::Screener::new()?;
//! let r = screener.scan("来源：网络");
//! assert_eq!(r.findings[0].rule, "publishing/source_not_publisher");
//! assert!(screener.scan("来源：新华社").findings.is_empty());
//! let r = screener.scan("县委常委、常务副县长、县公安局局长李明出席。");
//! assert_eq!(r.findings[0].suggestion.as_deref(), Some("常务副县长"));
//! # Ok::<(), zhscreen::Error>(())
//! ```

mod demands;
pub(crate) mod links;
mod sources;
mod titles;

use crate::category::Severity;
use crate::error::Result;
use crate::lists::{HostKind, ListName, NamedLists};
use crate::messages::{Lang, Messages};
use crate::normalize::Folded;
use crate::signoff::{self, RouteHit, SignOff, SignOffLevel};
use rustc_hash::{FxHashMap, FxHashSet};

/// Rule id: a repost that names no source.
pub const REPOST_NO_SOURCE: &str = "publishing/repost_no_source";
/// Rule id: a source that is not a publisher (网络, 朋友圈...).
pub const SOURCE_NOT_PUBLISHER: &str = "publishing/source_not_publisher";
/// Rule id: a named source that is not on the approved list.
pub const SOURCE_NOT_APPROVED: &str = "publishing/source_not_approved";
/// Rule id: three or more titles before a name.
pub const TITLE_CHAIN: &str = "publishing/title_chain";
/// Rule id: a link to an e-commerce, marketplace, shop or advertising host.
pub const LINK_COMMERCIAL: &str = "publishing/link_commercial";
/// Rule id: a short link.
pub const LINK_SHORTLINK: &str = "publishing/link_shortlink";
/// Rule id: a link to a host on no list (`info`).
pub const LINK_UNKNOWN: &str = "publishing/link_unknown";
/// Rule id: a demand that the public follow, download, like or forward.
pub const FORCED_ENGAGEMENT: &str = "publishing/forced_engagement";

/// A word of a named list, as the checks use it.
#[derive(Debug)]
struct Word {
    list: ListName,
    /// As written.
    text: String,
    /// Folded.
    key: String,
    flag: bool,
    level: Option<SignOffLevel>,
    note: Option<String>,
}

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Use {
    Word(u32),
    /// The head (`true`) or tail of a gapped engagement action (`关注…公众号`).
    Gap(u32, bool),
}

/// A gapped engagement action: head, then the tail within [`GAP_CHARS`] characters.
#[derive(Debug)]
struct Gap {
    text: String,
}

/// Characters a gapped action may hold between its head and its tail (关注“XX发布”公众号).
const GAP_CHARS: usize = 16;

/// The compiled publishing rules and routing words. Their words are patterns of the screener's
/// one automaton ([`Publishing::patterns`]); the scan hands their hits to [`Publishing::check`].
#[derive(Debug)]
pub(crate) struct Publishing {
    /// The folded words, one per distinct string.
    patterns: Vec<String>,
    /// For pattern `i`: what it stands for.
    uses: Vec<Vec<Use>>,
    words: Vec<Word>,
    gaps: Vec<Gap>,
    surnames: FxHashSet<char>,
    hosts: FxHashMap<String, HostKind>,
}

/// A word hit, in folded byte offsets.
#[derive(Debug, Clone, Copy)]
struct WordHit {
    s: usize,
    e: usize,
    word: u32,
}

/// A gap-part hit, in folded byte offsets.
#[derive(Debug, Clone, Copy)]
struct GapHit {
    s: usize,
    e: usize,
    gap: u32,
    head: bool,
}

/// A finding of the publishing checks, in folded byte offsets.
#[derive(Debug)]
struct FoldedHit {
    s: usize,
    e: usize,
    severity: Severity,
    rule: &'static str,
    note: String,
    suggestion: Option<String>,
}

/// A finding of the publishing checks, in the caller's byte offsets.
#[derive(Debug)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) severity: Severity,
    pub(crate) rule: &'static str,
    pub(crate) note: String,
    pub(crate) suggestion: Option<String>,
}

/// What the checks see: the folded text and the list words found in it.
struct Ctx<'a> {
    /// The caller's text, and its folding.
    text: &'a str,
    folded: &'a Folded,
    ft: &'a str,
    /// The catalogue of the screener's language.
    m: &'static dyn Messages,
    p: &'a Publishing,
    /// Ordered by start.
    hits: Vec<WordHit>,
    gaps: Vec<GapHit>,
}

impl Ctx<'_> {
    /// The caller's text under the folded range `s..e`.
    fn original(&self, s: usize, e: usize) -> &str {
        let (a, b) = self.folded.original_range(s, e);
        &self.text[a..b]
    }

    /// The hits of one list, by start, with their words.
    fn of(&self, list: ListName) -> impl Iterator<Item = (WordHit, &Word)> + '_ {
        self.hits.iter().filter_map(move |h| {
            let w = &self.p.words[h.word as usize];
            (w.list == list).then_some((*h, w))
        })
    }
}

/// Whether `c` is a Chinese character (CJK unified ideographs and extension A).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

impl Publishing {
    /// Compiles the merged named lists.
    pub(crate) fn build(lists: &NamedLists) -> Result<Publishing> {
        let mut words = Vec::new();
        let mut gaps = Vec::new();
        let mut pattern_of: FxHashMap<String, usize> = FxHashMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut uses: Vec<Vec<Use>> = Vec::new();
        let mut add = |key: String, u: Use| {
            let p = *pattern_of.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                uses.push(Vec::new());
                patterns.len() - 1
            });
            uses[p].push(u);
        };
        for list in ListName::ALL {
            if matches!(list, ListName::Hosts | ListName::Surnames) {
                continue;
            }
            for item in lists.items(list) {
                if list == ListName::EngagementActions {
                    if let Some((head, tail)) = item.text.split_once('…') {
                        let (h, t) = (
                            crate::normalize::fold_term(head),
                            crate::normalize::fold_term(tail),
                        );
                        if !h.is_empty() && !t.is_empty() {
                            let g = gaps.len() as u32;
                            gaps.push(Gap {
                                text: item.text.clone(),
                            });
                            add(h, Use::Gap(g, true));
                            add(t, Use::Gap(g, false));
                            continue;
                        }
                    }
                }
                let w = words.len() as u32;
                words.push(Word {
                    list,
                    text: item.text.clone(),
                    key: item.key.clone(),
                    flag: item.flag,
                    level: item.level,
                    note: item.note.clone(),
                });
                add(item.key.clone(), Use::Word(w));
            }
        }
        let surnames = lists
            .items(ListName::Surnames)
            .flat_map(|i| i.key.chars())
            .collect();
        let hosts = lists
            .items(ListName::Hosts)
            .filter_map(|i| Some((i.key.clone(), i.kind?)))
            .collect();
        Ok(Publishing {
            patterns,
            uses,
            words,
            gaps,
            surnames,
            hosts,
        })
    }

    /// The folded words the screener's automaton must find for [`Publishing::check`]: pattern
    /// `i` here is `i` in the hits it is given.
    pub(crate) fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Runs the text checks and the routing over `text` (folded as `folded`). `found`: every
    /// occurrence of [`Publishing::patterns`] in the folded text (start, end, pattern), in any
    /// order.
    pub(crate) fn check(
        &self,
        text: &str,
        folded: &Folded,
        found: &[(usize, usize, u32)],
        lang: Lang,
    ) -> (Vec<Hit>, SignOff) {
        let ft = folded.text();
        let mut hits = Vec::new();
        let mut gap_hits = Vec::new();
        for &(s, e, p) in found {
            for u in &self.uses[p as usize] {
                match *u {
                    Use::Word(w) => hits.push(WordHit { s, e, word: w }),
                    Use::Gap(gap, head) => gap_hits.push(GapHit { s, e, gap, head }),
                }
            }
        }
        if hits.is_empty() && gap_hits.is_empty() {
            return (Vec::new(), SignOff::default());
        }
        hits.sort_unstable_by_key(|h| (h.s, std::cmp::Reverse(h.e), h.word));
        gap_hits.sort_unstable_by_key(|h| (h.s, h.e, h.gap, h.head));
        let cx = Ctx {
            text,
            folded,
            ft,
            m: lang.messages(),
            p: self,
            hits,
            gaps: gap_hits,
        };
        let mut found = Vec::new();
        sources::check(&cx, &mut found);
        titles::check(&cx, &mut found);
        demands::check(&cx, &mut found);
        let out = found
            .into_iter()
            .map(|h| {
                let (start, end) = folded.original_range(h.s, h.e);
                Hit {
                    start,
                    end,
                    severity: h.severity,
                    rule: h.rule,
                    note: h.note,
                    suggestion: h.suggestion,
                }
            })
            .collect();
        (out, self.route(text, folded, &cx))
    }

    /// The sign-off the text needs: routing words not inside a routine text.
    fn route(&self, text: &str, folded: &Folded, cx: &Ctx<'_>) -> SignOff {
        let routine: Vec<(usize, usize)> = cx
            .of(ListName::SignOffRoutine)
            .map(|(h, _)| (h.s, h.e))
            .collect();
        let hits = cx
            .of(ListName::SignOff)
            .filter(|(h, _)| !routine.iter().any(|&(s, e)| s < h.e && h.s < e))
            .filter_map(|(h, w)| {
                let (start, end) = folded.original_range(h.s, h.e);
                Some(RouteHit {
                    start,
                    end,
                    level: w.level?,
                    word: w.text.clone(),
                    note: w.note.clone(),
                })
            })
            .collect();
        signoff::route(text, hits, cx.m)
    }

    /// The finding a link gives, from its host: `None` for a government or approved host.
    pub(crate) fn classify_link(
        &self,
        url: &str,
        lang: Lang,
    ) -> Option<(Severity, &'static str, String)> {
        links::classify(url, &self.hosts, lang.messages())
    }
}
