//! Sign-off routing (分级审核): which reviewer must sign a text before it is published.
//!
//! The local regulations route information by its weight: ordinary information is signed by the
//! deputy in charge, important information by the leader in charge, and major, sudden or sensitive
//! information (群体性事件, 灾情疫情, 重大事故, deaths and injuries) by the head of the unit, after
//! the county government office has seen it (维西 regulation art. 4 (2) and art. 9 (2); 郴州 art. 14:
//! 重大信息需经单位主要负责人审签). The routing words are the `@list sign_off` items of the
//! wordlists (`level=major` or `level=important`); `@list sign_off_routine` items are routine texts
//! (森林防火, 预防火灾, 死亡率) whose routing words do not route.
//!
//! Routing changes no verdict: it is a separate field of the report.
//!
//! ```
//! use zhscreen::{Screener, SignOffLevel};
//! let screener = Screener::new()?;
//! let r = screener.scan("今日凌晨某镇发生山体滑坡，造成2人死亡。");
//! assert_eq!(r.sign_off.level, SignOffLevel::Major);
//! assert_eq!(r.sign_off.reasons[0].text, "死亡");
//! let r = screener.scan("市气象台发布暴雨蓝色预警，请注意防范。");
//! assert_eq!(r.sign_off.level, SignOffLevel::Standard);
//! # Ok::<(), zhscreen::Error>(())
//! ```

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How much sign-off a text needs (分级审核), lowest first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SignOffLevel {
    /// Ordinary information: the deputy in charge signs (分管负责人审核).
    #[default]
    Standard,
    /// Important information: the deputy in charge signs; content about leaders or other units
    /// goes to them first (分管领导审签, 报有关单位审定).
    Important,
    /// Major, sudden or sensitive information: the head of the unit signs and the county (city)
    /// government office is told before publication (主要负责人审签).
    Major,
}

impl SignOffLevel {
    /// Every level, lowest first.
    pub const ALL: [SignOffLevel; 3] = [
        SignOffLevel::Standard,
        SignOffLevel::Important,
        SignOffLevel::Major,
    ];

    /// The stable id: `standard`, `important` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignOffLevel::Standard => "standard",
            SignOffLevel::Important => "important",
            SignOffLevel::Major => "major",
        }
    }
}

impl fmt::Display for SignOffLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SignOffLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SignOffLevel::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| {
                format!("unknown sign-off level `{s}` (expected standard, important or major)")
            })
    }
}

/// Why a text needs more than a standard sign-off: one routing word in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOffReason {
    /// `sign_off/WORD`, the routing word as written in its list.
    pub rule: String,
    /// The level this word asks for (the report's level is the highest of them).
    pub level: SignOffLevel,
    /// UTF-8 byte offset of the first byte in the caller's text.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte.
    pub end: usize,
    /// Offset of the first character, in Unicode scalar values.
    pub char_start: usize,
    /// Offset one past the last character, in Unicode scalar values.
    pub char_end: usize,
    /// Exactly `text[start..end]` of the caller's text.
    pub text: String,
    /// Who must sign, and the rule that says so.
    pub note: String,
}

/// The sign-off a text needs, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    /// The highest level any reason gives; `standard` without reasons.
    pub level: SignOffLevel,
    /// The first occurrence of each routing word, in text order.
    pub reasons: Vec<SignOffReason>,
}

impl SignOff {
    /// Who must sign, in `lang` (主要负责人审签...).
    pub fn signer(&self, lang: crate::Lang) -> String {
        lang.messages().signer(self.level)
    }
}

/// A routing word found in the text, in original byte offsets.
#[derive(Debug, Clone)]
pub(crate) struct RouteHit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) level: SignOffLevel,
    pub(crate) word: String,
    pub(crate) note: Option<String>,
}

/// Builds the sign-off from routing hits (already cleared of routine texts), any order.
pub(crate) fn route(
    text: &str,
    mut hits: Vec<RouteHit>,
    m: &dyn crate::messages::Messages,
) -> SignOff {
    hits.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
    });
    let mut seen = std::collections::HashSet::new();
    let mut reasons = Vec::new();
    let mut level = SignOffLevel::Standard;
    let mut reach = 0;
    let (mut byte_pos, mut char_pos) = (0usize, 0usize);
    for h in hits {
        if h.end <= reach {
            continue; // inside a longer routing word (重大事故 holds 事故)
        }
        reach = h.end;
        if !seen.insert(h.word.clone()) {
            continue;
        }
        level = level.max(h.level);
        char_pos += text[byte_pos..h.start].chars().count();
        byte_pos = h.start;
        let span = &text[h.start..h.end];
        reasons.push(SignOffReason {
            rule: format!("sign_off/{}", h.word),
            level: h.level,
            start: h.start,
            end: h.end,
            char_start: char_pos,
            char_end: char_pos + span.chars().count(),
            text: span.to_string(),
            note: h.note.unwrap_or_else(|| m.sign_off_reason(h.level)),
        });
    }
    SignOff { level, reasons }
}
