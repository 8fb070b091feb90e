//! Title chains (维西制度第四条（一）: 县级领导新闻报道中的职务称谓……一般不超过2个).
//!
//! A chain is two or more title segments joined by `、` and followed by a name: each segment ends
//! with a `@list titles` word (书记, 县长, 局长...) and is made of Chinese characters only
//! (县公安局党委书记); the name starts with a `@list surnames` character followed by another Chinese
//! character. Three or more segments: `warn`. The finding covers the second segment to the end of
//! the last one, and the suggestion is the second segment, so that applying it keeps the first two
//! titles: 县委常委、常务副县长、县公安局局长李明 → 县委常委、常务副县长李明.
//!
//! Lists of posts that are no one's title chain (县委书记、县长、副县长等出席) end in a word that is
//! not a name and pass.

use super::{is_han, Ctx, FoldedHit, TITLE_CHAIN};
use crate::category::Severity;
use crate::lists::ListName;
use rustc_hash::FxHashMap;

/// Characters a title segment may hold at most (县人大常委会党组副书记).
const SEGMENT_CHARS: usize = 16;

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<FoldedHit>) {
    let ft = cx.ft;
    // end of a title word → whether one ends there
    let mut ends: FxHashMap<usize, ()> = FxHashMap::default();
    for (h, _) in cx.of(ListName::Titles) {
        ends.insert(h.e, ());
    }
    if ends.len() < 3 {
        return;
    }
    let mut sorted: Vec<usize> = ends.keys().copied().collect();
    sorted.sort_unstable();
    let mut reach = 0;
    for e in sorted {
        if e < reach || !name_follows(cx, e) {
            continue;
        }
        let mut segments = Vec::new();
        let mut seg_end = e;
        loop {
            let mut start = seg_end;
            for (n, (i, c)) in ft[..seg_end].char_indices().rev().enumerate() {
                if n == SEGMENT_CHARS || !is_han(c) {
                    break;
                }
                start = i;
            }
            segments.push((start, seg_end));
            match ft[..start].strip_suffix('、') {
                Some(before) if ends.contains_key(&before.len()) => seg_end = before.len(),
                _ => break,
            }
        }
        if segments.len() < 3 {
            continue;
        }
        segments.reverse();
        let (s2, e2) = segments[1];
        out.push(FoldedHit {
            s: s2,
            e,
            severity: Severity::Warn,
            rule: TITLE_CHAIN,
            note: cx.m.title_chain(segments.len()),
            suggestion: Some(cx.original(s2, e2).to_string()),
        });
        reach = e;
    }
}

/// Whether a name starts at `pos`: a surname and one more Chinese character.
fn name_follows(cx: &Ctx<'_>, pos: usize) -> bool {
    let mut chars = cx.ft[pos..].chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(a), Some(b)) if cx.p.surnames.contains(&a) && is_han(b)
    )
}
