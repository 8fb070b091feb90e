//! Sensitive combinations: an ID number, phone number or home address in the same sentence as a
//! health condition, a minor's school or a criminal case is 敏感个人信息 (个人信息保护法 第28条:
//! medical health, minors under 14, whereabouts...). The finding stays what it was; its note says
//! so, for the reviewer.
//!
//! ```
//! let screener = zhscreen::Screener::new()?;
//! let r = screener.scan("确诊患者张某，手机13800138000，曾到超市购物。");
//! let note = r.findings.iter().find(|f| f.rule == "personal_info/cn_mobile").unwrap().note.clone().unwrap();
//! assert!(note.contains("敏感个人信息"), "{note}");
//! # Ok::<(), zhscreen::Error>(())
//! ```

use super::{address, landline, mobile, resident_id, Detection};
use crate::messages::Lang;

/// What makes the sentence sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A health condition (患者, 确诊, 住院...).
    Health,
    /// A minor's school (小学, 初中, 幼儿园...).
    MinorSchool,
    /// A criminal case (涉嫌, 犯罪嫌疑人, 判处...).
    Criminal,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Health, Kind::MinorSchool, Kind::Criminal];
}

/// The words of each kind, most specific first.
const WORDS: &[(Kind, &[&str])] = &[
    (
        Kind::Health,
        &[
            "确诊",
            "患者",
            "病例",
            "病人",
            "住院",
            "就诊",
            "诊断",
            "病史",
            "艾滋病",
            "精神病",
            "精神障碍",
            "传染病",
            "阳性",
            "感染者",
            "癌症",
            "肿瘤",
            "病情",
            "残疾",
        ],
    ),
    (
        Kind::MinorSchool,
        &["幼儿园", "小学", "初中", "中学", "未成年", "在校学生"],
    ),
    (
        Kind::Criminal,
        &[
            "犯罪嫌疑人",
            "被告人",
            "涉嫌",
            "犯罪",
            "刑事",
            "判处",
            "有期徒刑",
            "拘留",
            "逮捕",
            "羁押",
            "服刑",
        ],
    ),
];

/// The rules whose findings a sensitive sentence concerns.
fn concerned(rule: &str) -> bool {
    [
        resident_id::RULE,
        resident_id::RULE_15,
        mobile::RULE,
        landline::RULE,
        address::RULE,
    ]
    .contains(&rule)
}

/// How far each way (characters) the sentence is read.
const SENTENCE_CHARS: usize = 100;

/// The first sensitive word in the sentence around `s..e` of `t`.
pub fn sensitive_word(t: &str, s: usize, e: usize) -> Option<(Kind, &'static str)> {
    let (a, b) = super::sentence_range(t, s, e, SENTENCE_CHARS);
    // One pass of a searcher over every word; the first kind in WORDS order wins.
    let (searcher, _) = searcher()?;
    searcher
        .find_overlapping_iter(&t[a..b])
        .map(|m| m.pattern().as_usize())
        .min()
        .and_then(word)
}

/// Every word of [`WORDS`] in order, one list: a word's index here is its rank (the first kind,
/// then the first word of it, wins). The screener finds them in its one pass, as it finds the
/// detectors' context words, and hands them to [`mark_with`].
pub(crate) fn words() -> &'static [&'static str] {
    searcher().map_or(&[], |(_, words)| words.as_slice())
}

/// The kind and the text of word `i` of [`words`].
fn word(i: usize) -> Option<(Kind, &'static str)> {
    let mut i = i;
    for &(kind, ws) in WORDS {
        match ws.get(i) {
            Some(w) => return Some((kind, w)),
            None => i -= ws.len(),
        }
    }
    None
}

/// The searcher over [`words`], and the words.
fn searcher() -> Option<&'static (aho_corasick::AhoCorasick, Vec<&'static str>)> {
    static S: std::sync::OnceLock<Option<(aho_corasick::AhoCorasick, Vec<&'static str>)>> =
        std::sync::OnceLock::new();
    S.get_or_init(|| {
        let words: Vec<&'static str> = WORDS
            .iter()
            .flat_map(|(_, ws)| ws.iter().copied())
            .collect();
        aho_corasick::AhoCorasick::new(&words)
            .ok()
            .map(|ac| (ac, words))
    })
    .as_ref()
}

/// Adds the sensitive-information note, in `lang`, to the findings of `found` (detections in
/// `t`) whose sentence is sensitive.
pub fn mark(t: &str, lang: Lang, found: &mut [Detection]) {
    annotate(lang, found, |d| sensitive_word(t, d.start, d.end));
}

/// [`mark`] with the sensitive words already found: `hits` are every occurrence of [`words`] in
/// `t` (start, end, index), as the screener's one pass gives them.
pub(crate) fn mark_with(
    t: &str,
    lang: Lang,
    found: &mut [Detection],
    hits: &[(usize, usize, u32)],
) {
    annotate(lang, found, |d| {
        // No sensitive word in the text (most texts): no sentence to look at.
        if hits.is_empty() {
            return None;
        }
        let (a, b) = super::sentence_range(t, d.start, d.end, SENTENCE_CHARS);
        let first = hits.partition_point(|h| h.0 < a);
        hits[first..]
            .iter()
            .take_while(|h| h.0 < b)
            .filter(|h| h.1 <= b)
            .map(|h| h.2 as usize)
            .min()
            .and_then(word)
    });
}

/// Adds the note to the concerned findings whose sentence `word_of` finds a sensitive word in.
fn annotate(
    lang: Lang,
    found: &mut [Detection],
    word_of: impl Fn(&Detection) -> Option<(Kind, &'static str)>,
) {
    for d in found.iter_mut().filter(|d| concerned(d.rule)) {
        let Some((kind, word)) = word_of(d) else {
            continue;
        };
        let note = d.note.take();
        d.note = Some(
            lang.messages()
                .sensitive_combination(note.as_deref(), kind, word),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_sentence() {
        let t = "患者张某。手机13800138000，家住某地";
        let s = t.find("138").unwrap();
        assert_eq!(sensitive_word(t, s, s + 11), None);
        let t = "张某涉嫌盗窃，身份证号110108199003071238";
        let s = t.find("110").unwrap();
        assert_eq!(sensitive_word(t, s, s + 18), Some((Kind::Criminal, "涉嫌")));
        let t = "就读于县实验小学，家住阳光小区3栋";
        assert_eq!(
            sensitive_word(t, t.len() - 3, t.len()),
            Some((Kind::MinorSchool, "小学"))
        );
    }
}
