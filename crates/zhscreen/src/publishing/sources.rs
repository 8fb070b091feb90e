//! Reposts and their sources (转载须注明来源; 原则上只转载党委和政府网站以及有关主管部门确定的稿源
//! 单位发布的信息).
//!
//! A source label is a `@list repost_markers` word (来源, 稿源, 转自...) that starts a label (no
//! Chinese character before it: 资金来源 is not one) and is followed by a colon (or `丨`, `|`,
//! `】`); a marker with the `direct` option (转自, 来源于) may take the name right after it. The
//! name runs to the next punctuation, digit or byline word (作者, 编辑, 发布时间...). Then:
//! - no name: `review` ([`super::REPOST_NO_SOURCE`]);
//! - an approved source (`@list approved_sources`; an item with `suffix` approves every name
//!   ending with it, such as 人民政府; an account word after it — 网站, 公众号, 客户端 — is
//!   allowed): nothing;
//! - a name holding a `@list non_publisher_sources` word (网络, 朋友圈, 微信群, 网友): `review`;
//! - any other name: `warn`, the unit checks it and may add it to its list.
//!
//! A text that says it is a repost (`@list repost_claims`: 本文转载, 如有侵权请联系删除) but has
//! no source label within [`CLAIM_WINDOW_BYTES`] of it is `review`.

use super::{is_han, Ctx, FoldedHit, REPOST_NO_SOURCE, SOURCE_NOT_APPROVED};
use super::{Word, SOURCE_NOT_PUBLISHER};
use crate::category::Severity;
use crate::lists::ListName;

/// Bytes (of the caller's text) around a repost claim searched for a source label: within the
/// chunked scan's margin.
const CLAIM_WINDOW_BYTES: usize = 512;

/// Characters of a source name at most.
const NAME_CHARS: usize = 30;

/// Byline words that end a source name (来源:新华社作者:...; spaces are folded away).
const BYLINE: &[&str] = &[
    "作者",
    "编辑",
    "责编",
    "责任编辑",
    "记者",
    "通讯员",
    "发布时间",
    "发布日期",
    "时间",
    "日期",
    "浏览",
    "阅读",
    "点击",
    "字号",
    "字体",
    "原标题",
    "撰稿",
    "审核",
    "供稿",
];

/// Account words allowed after an approved name (新华社客户端, XX县人民政府网站).
const ACCOUNT: &[&str] = &[
    "门户网站",
    "官方网站",
    "网站",
    "官网",
    "微信公众号",
    "公众号",
    "微信",
    "官方微博",
    "微博",
    "客户端",
    "政务新媒体",
    "抖音号",
    "视频号",
    "网",
];

pub(super) fn check(cx: &Ctx<'_>, out: &mut Vec<FoldedHit>) {
    let ft = cx.ft;
    let mut labels: Vec<usize> = Vec::new();
    let mut last_end = 0;
    for (h, w) in cx.of(ListName::RepostMarkers) {
        if h.s < last_end {
            continue; // inside a longer marker already read (本文来源 holds 来源)
        }
        if ft[..h.s].chars().next_back().is_some_and(is_han) {
            continue;
        }
        let mut p = h.e;
        match ft[p..].chars().next() {
            Some(c @ (':' | '：' | '丨' | '|' | '】' | ']')) => p += c.len_utf8(),
            _ if w.flag => {}
            _ => continue,
        }
        labels.push(cx.folded.original_range(h.s, h.e).0);
        last_end = p;
        let end = name_end(ft, p);
        let name = &ft[p..end];
        if name.is_empty() {
            out.push(FoldedHit {
                s: h.s,
                e: p,
                severity: Severity::Review,
                rule: REPOST_NO_SOURCE,
                note: cx.m.repost_no_source(),
                suggestion: None,
            });
            continue;
        }
        last_end = end;
        if is_approved(cx, name) {
            continue;
        }
        let non_publisher =
            cx.p.words
                .iter()
                .any(|x| x.list == ListName::NonPublisherSources && name.contains(x.key.as_str()));
        out.push(if non_publisher {
            FoldedHit {
                s: p,
                e: end,
                severity: Severity::Review,
                rule: SOURCE_NOT_PUBLISHER,
                note: cx.m.source_not_publisher(cx.original(p, end)),
                suggestion: None,
            }
        } else {
            FoldedHit {
                s: p,
                e: end,
                severity: Severity::Warn,
                rule: SOURCE_NOT_APPROVED,
                note: cx.m.source_not_approved(cx.original(p, end)),
                suggestion: None,
            }
        });
    }
    let mut reach = 0;
    for (h, _) in cx.of(ListName::RepostClaims) {
        if h.s < reach {
            continue;
        }
        reach = h.e;
        // a source label near the claim names its source (bounded, so that a chunked scan sees
        // what one scan sees)
        let at = cx.folded.original_range(h.s, h.e).0;
        if labels.iter().any(|&l| l.abs_diff(at) <= CLAIM_WINDOW_BYTES) {
            continue;
        }
        {
            out.push(FoldedHit {
                s: h.s,
                e: h.e,
                severity: Severity::Review,
                rule: REPOST_NO_SOURCE,
                note: cx.m.repost_no_source(),
                suggestion: None,
            });
        }
    }
}

/// The end of the source name starting at `from`.
fn name_end(ft: &str, from: usize) -> usize {
    let mut end = from;
    for (n, c) in ft[from..].chars().enumerate() {
        let rest = &ft[end..];
        if n == NAME_CHARS
            || crate::normalize::is_clause_break(c)
            || c.is_ascii_digit()
            || matches!(c, '|' | '丨' | '[' | ']' | '/' | '<' | '>' | '"' | '\'')
            || (n > 0 && BYLINE.iter().any(|b| rest.starts_with(b)))
        {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// Whether `name` is an approved source.
fn is_approved(cx: &Ctx<'_>, name: &str) -> bool {
    let approved = |w: &&Word| w.list == ListName::ApprovedSources;
    let bare = ACCOUNT
        .iter()
        .find_map(|a| name.strip_suffix(a).filter(|b| !b.is_empty()));
    cx.p.words.iter().filter(approved).any(|w| {
        let k = w.key.as_str();
        if w.flag {
            [Some(name), bare]
                .into_iter()
                .flatten()
                .any(|n| n.len() > k.len() && n.ends_with(k) || n == k)
        } else {
            name.starts_with(k)
        }
    })
}
