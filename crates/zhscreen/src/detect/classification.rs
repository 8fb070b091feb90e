//! Classification marks (密级标志, GB/T 9704-2012): `绝密★长期`, `机密★5年`, `秘密★6个月`,
//! `机密★2025年12月31日`, `绝密★启用前`, and the 1999 style of a spaced bare level alone on its
//! line (`秘　密`). A marked document must not be published: `block`.
//!
//! The wordlist `confidential.txt` also lists `绝密★` and friends (so traditional and noisy forms
//! fold to them); this detector adds the full mark with its period, which then covers the shorter
//! hit.

use super::{DetectText, Detection, Detector, PiiKind};
use crate::category::{Category, Severity};
use memchr::memmem;
use regex::Regex;
use std::sync::OnceLock;

/// Finds classification marks with their period.
#[derive(Debug, Default)]
pub struct ClassificationMark;

fn patterns() -> &'static (Regex, Regex) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    P.get_or_init(|| {
        let sp = r"[ \t\x{3000}]*";
        let mark = Regex::new(&format!(
            r"(?:绝{sp}密|机{sp}密|秘{sp}密){sp}[★☆]{sp}(?:长期|启用前|\d{{4}}{sp}年{sp}\d{{1,2}}{sp}月(?:{sp}\d{{1,2}}{sp}日)?|\d{{1,3}}{sp}(?:年|个月))?"
        ))
        .expect("classification mark pattern compiles");
        let bare = Regex::new(r"(?m)^[ \t\x{3000}]*((?:绝|机|秘)[ \t\x{3000}]+密)[ \t\x{3000}]*\r?$")
            .expect("bare level pattern compiles");
        (mark, bare)
    })
}

/// The literal searches for `★`, `☆` and `密`, built once (building a searcher costs more than
/// running it over a post).
fn finders() -> &'static [memmem::Finder<'static>; 3] {
    static F: OnceLock<[memmem::Finder<'static>; 3]> = OnceLock::new();
    F.get_or_init(|| ["★", "☆", "密"].map(|s| memmem::Finder::new(s).into_owned()))
}

impl Detector for ClassificationMark {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let t: &str = &text.text;
        let bytes = t.as_bytes();
        // A mark with a period has ★ (or ☆); a bare level has whitespace before its 密. Most texts
        // have neither, and two literal searches cost far less than the regexes.
        let [star, white_star, level] = finders();
        let has_star = star.find(bytes).is_some() || white_star.find(bytes).is_some();
        let spaced_level = level.find_iter(bytes).any(|i| {
            t[..i]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
        });
        if !has_star && !spaced_level {
            return;
        }
        let (mark, bare) = patterns();
        let marks = if has_star {
            Some(mark.find_iter(t))
        } else {
            None
        };
        for m in marks.into_iter().flatten() {
            out.push(Detection {
                start: m.start(),
                end: m.end(),
                category: Category::Confidential,
                severity: Severity::Block,
                rule: "confidential/classification_mark",
                note: Some(text.lang.messages().classification_mark()),
                kind: PiiKind::Other,
            });
        }
        let bares = if spaced_level {
            Some(bare.captures_iter(t))
        } else {
            None
        };
        for c in bares.into_iter().flatten() {
            if let Some(m) = c.get(1) {
                out.push(Detection {
                    start: m.start(),
                    end: m.end(),
                    category: Category::Confidential,
                    severity: Severity::Block,
                    rule: "confidential/classification_mark",
                    note: Some(text.lang.messages().bare_classification_level()),
                    kind: PiiKind::Other,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        ClassificationMark.detect(&DetectText::new(text, crate::messages::Lang::Zh), &mut out);
        out.iter().map(|d| &text[d.start..d.end]).collect()
    }

    #[test]
    fn finds_marks_with_periods() {
        assert_eq!(
            spans("绝密★10年\n关于调整防空预案的通知"),
            vec!["绝密★10年"]
        );
        assert_eq!(spans("机密★2025年12月31日前"), vec!["机密★2025年12月31日"]);
        assert_eq!(spans("绝密★启用前 2024年高考"), vec!["绝密★启用前"]);
        assert_eq!(spans("秘密 ★ 关于人事任免"), vec!["秘密 ★ "]);
        assert_eq!(spans("秘密☆6个月"), vec!["秘密☆6个月"]);
        assert_eq!(spans("000001\n秘　密\n关于……"), vec!["秘　密"]);
    }

    #[test]
    fn ignores_mentions_of_secrets() {
        assert!(spans("严禁泄露国家秘密、商业秘密和个人隐私。").is_empty());
        assert!(spans("保守国家秘密是公民的义务，秘密文件要妥善保管").is_empty());
    }
}
