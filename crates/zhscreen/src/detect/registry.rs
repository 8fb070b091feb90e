//! The default set of detectors, and the de-identification masks (去标识化) redaction applies.
//!
//! Masks keep the value's layout: the output has exactly as many characters as the input, and
//! separators, parentheses and country prefixes stay where they were; only letters and digits are
//! replaced by `*`. A mask treats `*` as an already hidden character, so masking a masked value
//! gives it back unchanged, and no detector finds anything in a masked value (except
//! [`PiiKind::Public`] values, which are not masked).

use super::{
    bank_card::BankCardDetector, classification::ClassificationMark, email::EmailDetector,
    landline::LandlineDetector, mobile::MobileDetector, passport::PassportDetector,
    resident_id::ResidentIdDetector, uscc::UsccDetector, DetectText, Detection, Detector, PiiKind,
};

/// Every detector with its default settings: the personal-data ones and classification marks.
pub fn default_detectors() -> Vec<Box<dyn Detector>> {
    vec![
        Box::new(ClassificationMark),
        Box::new(ResidentIdDetector::new()),
        Box::new(UsccDetector::new()),
        Box::new(BankCardDetector::new()),
        Box::new(MobileDetector::new()),
        Box::new(LandlineDetector::new()),
        Box::new(EmailDetector::new()),
        Box::new(PassportDetector::new()),
    ]
}

/// Runs `detectors` over `text` and returns what they found ordered by start, then end.
pub fn detect_all(detectors: &[Box<dyn Detector>], text: &DetectText<'_>) -> Vec<Detection> {
    let mut out = Vec::new();
    for d in detectors {
        d.detect(text, &mut out);
    }
    out.sort_by(|a, b| (a.start, a.end, a.rule).cmp(&(b.start, b.end, b.rule)));
    out
}

/// Whether a character is one a mask may hide (or has hidden).
fn slot(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '*'
}

/// Masks the slots of `value` whose index (among slots) is not kept by `keep(i, n)`.
fn mask_slots(value: &str, keep: impl Fn(usize, usize) -> bool) -> String {
    let n = value.chars().filter(|&c| slot(c)).count();
    let mut i = 0;
    value
        .chars()
        .map(|c| {
            if !slot(c) {
                return c;
            }
            let k = keep(i, n);
            i += 1;
            if k {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// How many leading slots of a landline number are its country prefix and area code.
fn landline_head(value: &str) -> usize {
    let slots: Vec<char> = value.chars().filter(|&c| slot(c)).collect();
    let plus = value.trim_start_matches('(').starts_with('+');
    let cc = if slots.starts_with(&['0', '0', '8', '6']) {
        4
    } else if plus && slots.starts_with(&['8', '6']) {
        2
    } else {
        0
    };
    let national = &slots[cc.min(slots.len())..];
    let area = match national {
        ['0', '1' | '2', ..] => 3,
        ['0', ..] => 4,
        ['1' | '2', ..] => 2,
        _ => 3,
    };
    cc + area
}

/// The de-identified form of `value`, a value of kind `kind`, with as many characters as `value`:
///
/// | kind | kept | example |
/// |---|---|---|
/// | resident ID | first 6 and last 4 | `440305********3413` |
/// | mobile | prefix, first 3 and last 4 digits | `139****5678`, `+86 139 **** 5678` |
/// | landline | country prefix, area code, last 2 digits | `010-******78` |
/// | bank card | last 4 digits | `***************8903` |
/// | e-mail | first character and the domain | `l*******@example.com` |
/// | passport, permit | first character and last 2 | `E******78` |
/// | public (credit code) | everything | unchanged |
/// | other | nothing | `*` per character |
pub fn mask(kind: PiiKind, value: &str) -> String {
    match kind {
        PiiKind::ResidentId => mask_slots(value, |i, n| i < 6 || i + 4 >= n),
        PiiKind::Mobile => mask_slots(value, |i, n| {
            // the number is the last 11 slots; anything before is the country prefix
            let first = n.saturating_sub(11);
            i < first + 3 || i + 4 >= n
        }),
        PiiKind::Landline => {
            let head = landline_head(value);
            mask_slots(value, |i, n| i < head || i + 2 >= n)
        }
        PiiKind::BankCard => mask_slots(value, |i, n| i + 4 >= n),
        PiiKind::Email => match value.rfind('@') {
            Some(at) => {
                let mut out = String::with_capacity(value.len());
                for (k, c) in value[..at].chars().enumerate() {
                    out.push(if k == 0 { c } else { '*' });
                }
                out.push_str(&value[at..]);
                out
            }
            None => value.chars().map(|_| '*').collect(),
        },
        PiiKind::Document => mask_slots(value, |i, n| i == 0 || i + 2 >= n),
        PiiKind::Public => value.to_string(),
        PiiKind::Other => value.chars().map(|_| '*').collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Severity;
    use std::borrow::Cow;

    fn scan(t: &str) -> Vec<Detection> {
        detect_all(
            &default_detectors(),
            &DetectText {
                text: Cow::Borrowed(t),
                lang: crate::messages::Lang::Zh,
            },
        )
    }

    /// Replaces every detection by its mask.
    fn redact(t: &str) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for d in scan(t) {
            if d.start < pos {
                continue;
            }
            out.push_str(&t[pos..d.start]);
            out.push_str(&mask(d.kind, &t[d.start..d.end]));
            pos = d.end;
        }
        out.push_str(&t[pos..]);
        out
    }

    #[test]
    fn masks() {
        assert_eq!(
            mask(PiiKind::ResidentId, "440305198706123413"),
            "440305********3413"
        );
        assert_eq!(
            mask(PiiKind::ResidentId, "110105 19491231 002X"),
            "110105 ******** 002X"
        );
        assert_eq!(mask(PiiKind::Mobile, "13912345678"), "139****5678");
        assert_eq!(
            mask(PiiKind::Mobile, "+86 139-1234-5678"),
            "+86 139-****-5678"
        );
        assert_eq!(mask(PiiKind::Mobile, "008613912345678"), "0086139****5678");
        assert_eq!(mask(PiiKind::Landline, "010-12345678"), "010-******78");
        assert_eq!(mask(PiiKind::Landline, "(0731)84123456"), "(0731)******56");
        assert_eq!(
            mask(PiiKind::Landline, "+86-10-12345678"),
            "+86-10-******78"
        );
        assert_eq!(
            mask(PiiKind::Landline, "0086 731 8412345"),
            "0086 731 *****45"
        );
        assert_eq!(mask(PiiKind::Landline, "07318412345"), "0731*****45");
        assert_eq!(
            mask(PiiKind::BankCard, "6228480012345678903"),
            "***************8903"
        );
        assert_eq!(
            mask(PiiKind::BankCard, "6228 4800 1234 5678 903"),
            "**** **** **** ***8 903"
        );
        assert_eq!(
            mask(PiiKind::Email, "li.ming@example.com"),
            "l******@example.com"
        );
        assert_eq!(mask(PiiKind::Document, "E12345678"), "E******78");
        assert_eq!(
            mask(PiiKind::Public, "91350100M000100Y43"),
            "91350100M000100Y43"
        );
        assert_eq!(mask(PiiKind::Other, "绝密★1年"), "*****");
    }

    #[test]
    fn masks_keep_length_and_are_idempotent() {
        let values = [
            (PiiKind::ResidentId, "440305198706123413"),
            (PiiKind::ResidentId, "11010519491231002x"),
            (PiiKind::ResidentId, "110108900307123"),
            (PiiKind::Mobile, "+86 138 0013 8000"),
            (PiiKind::Mobile, "(+86)13800138000"),
            (PiiKind::Landline, "(010) 6512 3456"),
            (PiiKind::Landline, "+86 731 84123456"),
            (PiiKind::BankCard, "4111-1111-1111-1111"),
            (PiiKind::Email, "张@例子.中国"),
            (PiiKind::Document, "MA1234567"),
            (PiiKind::Other, "内部资料"),
            (PiiKind::Email, "no-at-sign"),
            (PiiKind::Mobile, ""),
        ];
        for (kind, v) in values {
            let m = mask(kind, v);
            assert_eq!(m.chars().count(), v.chars().count(), "{v}");
            assert_eq!(mask(kind, &m), m, "{v}");
        }
    }

    #[test]
    fn redacted_text_has_nothing_left_to_find() {
        let t =
            "王某（身份证号：110108199003071238，手机 +86 138-0013-8000，座机(010)62345678转801，\
                 卡号6228 4800 1234 5678 903，邮箱li.ming@example.com，护照E12345678，\
                 港澳通行证C12345678，原身份证号码110108900307123）。\
                 单位统一社会信用代码91350100M000100Y43。";
        let found = scan(t);
        let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [
                "personal_info/cn_resident_id",
                "personal_info/cn_mobile",
                "personal_info/cn_landline",
                "personal_info/bank_card",
                "personal_info/email",
                "personal_info/passport",
                "personal_info/travel_permit",
                "personal_info/cn_resident_id_15",
                "personal_info/uscc",
            ]
        );
        let once = redact(t);
        let left: Vec<&str> = scan(&once).iter().map(|d| d.rule).collect();
        assert_eq!(left, ["personal_info/uscc"], "{once}");
        assert_eq!(redact(&once), once);
        assert_eq!(once.chars().count(), t.chars().count());
    }

    #[test]
    fn one_value_one_finding() {
        // valid credit codes, IDs and cards are each reported once, by their own detector
        let t = "代码91440300708461136T；身份证440305198706123413；卡号4111111111111111。";
        let rules: Vec<&str> = scan(t).iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [
                "personal_info/uscc",
                "personal_info/cn_resident_id",
                "personal_info/bank_card"
            ]
        );
        // valid both as an ID and as an all-digit credit code: an ID unless introduced as a code
        let both = "443488201209102877";
        assert!(crate::detect::uscc::is_valid(both) && crate::detect::resident_id::is_valid(both));
        let rules = |t: &str| scan(t).iter().map(|d| d.rule).collect::<Vec<_>>();
        assert_eq!(
            rules(&format!("当事人周某，{both}，男")),
            ["personal_info/cn_resident_id"]
        );
        assert_eq!(
            rules(&format!("身份证号{both}")),
            ["personal_info/cn_resident_id"]
        );
        assert_eq!(
            rules(&format!("统一社会信用代码：{both}")),
            ["personal_info/uscc"]
        );
    }

    #[test]
    fn government_report_style_text_has_no_review_findings() {
        let t = "2024年，国内生产总值达到1349084亿元，增长5.0%；城镇新增就业1256万人，\
                 居民人均可支配收入41314元。国发〔2024〕12号文件、2019—2024年、第14个五年规划，\
                 全年粮食产量13908.7亿斤，进出口总额438468亿元，2023年12月31日，\
                 联系电话：0731-84123456，政务服务便民热线12345，咨询电话400-810-8888。";
        let review: Vec<Detection> = scan(t)
            .into_iter()
            .filter(|d| d.severity >= Severity::Review)
            .collect();
        assert!(review.is_empty(), "{review:?}");
    }
}
