//! Counter-context beyond one sentence: frames by scope, and quoted condemnation.
//!
//! A sentence's own counter words (禁毒, 破获) are checked in [`crate::verify`]. This module adds
//! two stances a post takes at a larger scale:
//!
//! - **Frames.** A `frame:` word (警方提醒, 禁毒宣传, 以案释法, a law's 本法所称…) in the *head*
//!   of a paragraph (its first sentence; for a headline line, the whole line) caps the block
//!   findings of its categories in that paragraph at `review`; in the head of the text's first
//!   non-empty line (the headline or first sentence of the post) it caps them in the whole text.
//!   A paragraph is a line. Limits: a frame never lowers `advertising` (an ad headed 【提醒】 is
//!   still an ad) nor the categories counter-context never touches (`personal_info`,
//!   `confidential`, `expression`, `typo`); it lowers to `review`, never lower, so a reviewer
//!   still sees what the post shows.
//! - **Quoted condemnation.** A hit in quotation marks (“台独”) whose sentence holds a
//!   `condemn:` word of its category (反对, 粉碎, 图谋, 分裂活动) is the official usage of Party
//!   and state media: lowered to `info`. Unquoted, or quoted without such a word (支持“台独”), it
//!   stays as it is.
//!
//! Cost: the head of a paragraph is at most [`HEAD_MAX_BYTES`]; lines are found from a cache
//! that moves forward with the hits, so the work stays linear in the text.

use crate::category::Category;
use crate::normalize;
use crate::ruleset::CategorySet;

/// Bytes of a paragraph, from its start, that can be its head: a frame further in frames nothing.
pub(crate) const HEAD_MAX_BYTES: usize = 240;

/// The whole text's frame: the categories its headline's frame words cover and the first word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PostFrame {
    pub(crate) categories: CategorySet,
    pub(crate) word: String,
}

/// Whether a frame may lower a finding of `category` (advertising and what counter-context never
/// touches are out).
pub(crate) fn frameable(category: Category) -> bool {
    category.counterable() && category != Category::Advertising
}

/// The end of the head of the paragraph that starts at `start` of `t`: its first sentence end
/// (included) or its line end, at most [`HEAD_MAX_BYTES`] (on a char boundary).
pub(crate) fn head_end(t: &str, start: usize) -> usize {
    let mut end = start;
    for c in t[start..].chars() {
        if c == '\n' || c == '\r' || end - start >= HEAD_MAX_BYTES {
            break;
        }
        end += c.len_utf8();
        if normalize::is_sentence_end(c) {
            break;
        }
    }
    end
}

/// The start of the text's first non-empty line.
pub(crate) fn first_line_start(t: &str) -> usize {
    t.len() - t.trim_start().len()
}

/// The line holding byte `pos`, remembered for the hits after it.
#[derive(Default)]
pub(crate) struct LineCache {
    last: Option<(usize, usize)>,
}

impl LineCache {
    /// The byte range of the line (without its line break) that holds `pos`.
    pub(crate) fn around(&mut self, t: &str, pos: usize) -> (usize, usize) {
        if let Some((a, b)) = self.last {
            if a <= pos && pos <= b {
                return (a, b);
            }
        }
        let bytes = t.as_bytes();
        let a = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |i| i + 1);
        let b = memchr::memchr(b'\n', &bytes[pos..]).map_or(t.len(), |i| pos + i);
        self.last = Some((a, b));
        (a, b)
    }
}

/// Whether `s..e` of the folded text `ft` stands in quotation marks.
pub(crate) fn is_quoted(ft: &str, s: usize, e: usize) -> bool {
    let before = ft[..s].chars().next_back();
    let after = ft[e..].chars().next();
    matches!(
        before,
        Some('“' | '‘' | '「' | '『' | '"' | '\'' | '〝' | '《')
    ) && matches!(
        after,
        Some('”' | '’' | '」' | '』' | '"' | '\'' | '〞' | '》')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_head_is_the_first_sentence_or_the_line() {
        let t = "【警方提醒】\n谨防诈骗。不要转账。";
        assert_eq!(&t[..head_end(t, 0)], "【警方提醒】");
        let s = t.find('谨').unwrap();
        assert_eq!(&t[s..head_end(t, s)], "谨防诈骗。");
        let long = "字".repeat(200);
        assert_eq!(head_end(&long, 0), HEAD_MAX_BYTES);
        assert_eq!(first_line_start("\n\n  标题\n正文"), 4);
    }

    #[test]
    fn lines_are_found_and_cached() {
        let t = "一行\n二行\n三行";
        let mut c = LineCache::default();
        let p = t.find('二').unwrap();
        assert_eq!(&t[c.around(t, p).0..c.around(t, p).1], "二行");
        assert_eq!(c.around(t, 0), (0, "一行".len()));
        assert_eq!(c.around(t, t.len()).1, t.len());
    }

    #[test]
    fn quotation_marks_on_both_sides() {
        let t = "反对“台独”分裂";
        let s = t.find("台独").unwrap();
        assert!(is_quoted(t, s, s + "台独".len()));
        let u = "反对台独分裂";
        let s = u.find("台独").unwrap();
        assert!(!is_quoted(u, s, s + "台独".len()));
        assert!(!frameable(Category::Advertising));
        assert!(!frameable(Category::PersonalInfo));
        assert!(frameable(Category::Drugs));
    }
}
