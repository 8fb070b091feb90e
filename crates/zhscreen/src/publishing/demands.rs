//! Demands on the public (不得强制要求群众下载使用移动客户端或点赞、转发信息: XX区制度第十五条,
//! 神木办法第十九条).
//!
//! In one sentence: an engagement action (`@list engagement_actions`: 点赞, 转发朋友圈,
//! 关注…公众号, 下载APP; `…` stands for up to 16 characters between the two parts) and a coercion
//! marker (`@list coercion_markers`: obligations 必须/务必, quotas 每人/至少, deadlines 日前/截止,
//! checks 截图/报送/纳入考核) make a demand: `review`, on the action. A sentence holding a negation
//! (`@list negations`: 不得, 严禁, 无须) forbids the demand instead and passes; an invitation
//! (欢迎关注, 敬请点赞) has no coercion marker and passes.

use super::{Ctx, FoldedHit, FORCED_ENGAGEMENT, GAP_CHARS};
use crate::category::Severity;
use crate::lists::ListName;

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<FoldedHit>) {
    let ft = cx.ft;
    let mut actions: Vec<(usize, usize, String)> = cx
        .of(ListName::EngagementActions)
        .map(|(h, w)| (h.s, h.e, w.text.clone()))
        .collect();
    // gapped actions: a head, then its tail within GAP_CHARS characters, no sentence end between
    for head in cx.gaps.iter().filter(|g| g.head) {
        let from = cx.gaps.partition_point(|t| t.s < head.e);
        let tail = cx.gaps[from..]
            .iter()
            .take_while(|t| t.s - head.e <= GAP_CHARS * 4)
            .find(|t| {
                !t.head
                    && t.gap == head.gap
                    && ft[head.e..t.s].chars().count() <= GAP_CHARS
                    && !ft[head.e..t.s]
                        .chars()
                        .any(crate::normalize::is_sentence_end)
            });
        if let Some(t) = tail {
            actions.push((head.s, t.e, cx.p.gaps[head.gap as usize].text.clone()));
        }
    }
    if actions.is_empty() {
        return;
    }
    actions.sort_by_key(|a| (a.0, std::cmp::Reverse(a.1)));
    let marker_hits: Vec<(usize, usize, &str)> = cx
        .of(ListName::CoercionMarkers)
        .map(|(h, w)| (h.s, h.e, w.text.as_str()))
        .collect();
    // a negation inside a marker is part of it (不得少于 is a quota)
    let negations: Vec<usize> = cx
        .of(ListName::Negations)
        .filter(|(h, _)| {
            let i = marker_hits.partition_point(|m| m.0 <= h.s);
            !marker_hits[..i].iter().rev().take(8).any(|m| h.e <= m.1)
        })
        .map(|(h, _)| h.s)
        .collect();
    let mut done_sentence = usize::MAX;
    for (s, e, action) in actions {
        let (a, b) = sentence(ft, s, e);
        if a == done_sentence {
            continue;
        }
        let n = negations.partition_point(|&n| n < a);
        if negations.get(n).is_some_and(|&n| n < b) {
            continue;
        }
        // a marker inside the action is part of it (转发并截图)
        let m = marker_hits.partition_point(|&(m, _, _)| m < a);
        let Some(&(_, _, marker)) = marker_hits[m..]
            .iter()
            .take_while(|&&(ms, _, _)| ms < b)
            .find(|&&(ms, me, _)| !(s <= ms && me <= e))
        else {
            continue;
        };
        done_sentence = a;
        out.push(FoldedHit {
            s,
            e,
            severity: Severity::Review,
            rule: FORCED_ENGAGEMENT,
            note: cx.m.forced_engagement(&action, marker),
            suggestion: None,
        });
    }
}

/// Bytes searched on each side of an action for the end of its sentence: a text without
/// punctuation costs linear time.
const SENTENCE_WINDOW_BYTES: usize = 600;

/// The sentence around `s..e` (folded bytes), at most [`SENTENCE_WINDOW_BYTES`] each side.
fn sentence(ft: &str, s: usize, e: usize) -> (usize, usize) {
    let mut a = s;
    for (i, c) in ft[..s].char_indices().rev() {
        if crate::normalize::is_sentence_end(c) || s - i > SENTENCE_WINDOW_BYTES {
            break;
        }
        a = i;
    }
    let mut b = e;
    for c in ft[e..].chars() {
        if crate::normalize::is_sentence_end(c) || b - e > SENTENCE_WINDOW_BYTES {
            break;
        }
        b += c.len_utf8();
    }
    (a, b)
}
