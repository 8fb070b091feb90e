//! Mainland mobile numbers (`personal_info/cn_mobile`).
//!
//! Eleven digits in a segment that is allocated (libphonenumber 9.0.43's metadata, see `docs/domain.md`):
//! 130-139, 145, 147, 150-153, 155-159, 162, 165-167, 1610, 170-173, 175-178, 17400-17405,
//! 180-189, 190-193 and 195-199. Not allocated, so never reported: 140-144, 146, 148, 149, 154,
//! 160, 161 (but 1610), 163, 164, 168, 169, 174 (but 17400-17405), 179, 194.
//!
//! Accepted forms: `13800138000`; `138 0013 8000` and `138-0013-8000` (3-4-4, one separator
//! between groups); with a country prefix `+86`, `0086`, `86` or `(+86)`, glued or followed by one
//! space or hyphen (`+86 138 0013 8000`, `8613800138000`). The number must not be glued to ASCII
//! letters or digits, nor be a decimal or continue a grouped number, nor be a quantity
//! (`13800138000元`). A context word (手机, 电话...) before it is named in the note; every finding
//! is `review`, public contact or not: a mobile number is a person's.

use super::{
    context_before, digits_end, glued_after, glued_before, personal, quantity_after, DetectText,
    Detection, Detector, PiiKind,
};
use crate::category::Severity;

/// Rule id.
pub const RULE: &str = "personal_info/cn_mobile";

/// Context words for telephone numbers, most specific first.
pub const CONTEXT: &[&str] = &[
    "手机号码",
    "手机号",
    "手机",
    "移动电话",
    "联系电话",
    "电话号码",
    "联系方式",
    "电话",
    "联系人",
    "热线",
    "致电",
    "拨打",
    "微信",
    "短信",
    "联系",
    "Tel",
    "TEL",
    "tel",
];

/// Whether 11 digits are a mobile number in an allocated segment.
pub fn is_mobile(d: &[u8]) -> bool {
    if d.len() != 11 || !d.iter().all(u8::is_ascii_digit) || d[0] != b'1' {
        return false;
    }
    let seg = |n: usize| {
        d[..n]
            .iter()
            .fold(0u32, |a, &b| a * 10 + u32::from(b - b'0'))
    };
    match seg(3) {
        130..=139 | 145 | 147 | 150..=153 | 155..=159 | 162 | 165..=167 | 170..=173 | 175..=178 => {
            true
        }
        180..=189 | 190..=193 | 195..=199 => true,
        161 => d[3] == b'0',
        174 => (17400..=17405).contains(&seg(5)),
        _ => false,
    }
}

/// The 11 digits of a mobile number written at `pos`: a plain 11-digit run or 3-4-4 groups with
/// one separator (space or hyphen) between groups. Returns the end and whether it was grouped.
fn parse_core(bytes: &[u8], pos: usize) -> Option<(usize, [u8; 11], bool)> {
    let e1 = digits_end(bytes, pos);
    let mut d = [0u8; 11];
    match e1 - pos {
        11 => {
            d.copy_from_slice(&bytes[pos..e1]);
            Some((e1, d, false))
        }
        3 => {
            let sep = *bytes.get(e1)?;
            if !matches!(sep, b' ' | b'-') {
                return None;
            }
            let e2 = digits_end(bytes, e1 + 1);
            if e2 - (e1 + 1) != 4 || bytes.get(e2) != Some(&sep) {
                return None;
            }
            let e3 = digits_end(bytes, e2 + 1);
            if e3 - (e2 + 1) != 4 {
                return None;
            }
            d[..3].copy_from_slice(&bytes[pos..e1]);
            d[3..7].copy_from_slice(&bytes[e1 + 1..e2]);
            d[7..].copy_from_slice(&bytes[e2 + 1..e3]);
            Some((e3, d, true))
        }
        _ => None,
    }
}

/// Recognises mainland mobile numbers.
#[derive(Debug, Default, Clone)]
pub struct MobileDetector;

impl MobileDetector {
    /// The detector.
    pub fn new() -> Self {
        Self
    }
}

/// Where a `+` (and a `(` before it) extends a prefix that starts at `s`.
fn plus_start(bytes: &[u8], s: usize) -> usize {
    if s > 0 && bytes[s - 1] == b'+' {
        s - 1
    } else {
        s
    }
}

/// Finds a mobile number whose first digit run starts at `s` (ends at `e`):
/// `(value start, value end, digits, grouped)`.
fn candidate(bytes: &[u8], s: usize, e: usize) -> Option<(usize, usize, [u8; 11], bool)> {
    let run = &bytes[s..e];
    match run {
        b"86" | b"0086" => {
            let mut vstart = plus_start(bytes, s);
            let mut p = e;
            if vstart > 0 && bytes[vstart - 1] == b'(' && bytes.get(p) == Some(&b')') {
                vstart -= 1;
                p += 1;
            }
            if matches!(bytes.get(p), Some(b' ' | b'-')) {
                p += 1;
            }
            if glued_before(bytes, vstart, false) {
                return None;
            }
            let (end, d, grouped) = parse_core(bytes, p)?;
            Some((vstart, end, d, grouped))
        }
        _ if run.len() == 13 && run.starts_with(b"86")
            || run.len() == 15 && run.starts_with(b"0086") =>
        {
            let vstart = plus_start(bytes, s);
            if glued_before(bytes, vstart, false) {
                return None;
            }
            let mut d = [0u8; 11];
            d.copy_from_slice(&run[run.len() - 11..]);
            Some((vstart, e, d, false))
        }
        _ => {
            let (end, d, grouped) = parse_core(bytes, s)?;
            if glued_before(bytes, s, grouped) {
                return None;
            }
            Some((s, end, d, grouped))
        }
    }
}

impl Detector for MobileDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let digits = text.digit_runs();
        let lang = text.lang;
        let text: &str = &text.text;
        let bytes = text.as_bytes();
        let mut skip_until = 0;
        for (s, e) in digits.iter().copied() {
            if s < skip_until || !matches!(e - s, 2 | 3 | 4 | 11 | 13 | 15) {
                continue;
            }
            let Some((vs, ve, d, grouped)) = candidate(bytes, s, e) else {
                continue;
            };
            if !is_mobile(&d) || glued_after(bytes, ve, grouped) || quantity_after(text, ve) {
                continue;
            }
            let segment = std::str::from_utf8(&d[..3]).unwrap_or_default();
            let note = lang
                .messages()
                .mobile(segment, context_before(text, vs, CONTEXT));
            out.push(personal(
                vs,
                ve,
                Severity::Review,
                RULE,
                note,
                PiiKind::Mobile,
            ));
            skip_until = ve;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(t: &str) -> Vec<String> {
        let mut out = Vec::new();
        MobileDetector.detect(&DetectText::new(t, crate::messages::Lang::Zh), &mut out);
        out.iter().map(|d| t[d.start..d.end].to_string()).collect()
    }

    #[test]
    fn plain_and_grouped() {
        assert_eq!(find("报名请联系：13800138000（孙老师）"), ["13800138000"]);
        assert_eq!(find("联系电话：186 0000 1234"), ["186 0000 1234"]);
        assert_eq!(find("手机138-0013-8000。"), ["138-0013-8000"]);
        assert_eq!(
            find("13800138000、13900139000"),
            ["13800138000", "13900139000"]
        );
        assert_eq!(
            find("13800138000 13900139000"),
            ["13800138000", "13900139000"]
        );
        assert_eq!(
            find("13800138000,13900139000"),
            ["13800138000", "13900139000"]
        );
    }

    #[test]
    fn note_names_segment_and_context() {
        let t = "手机号：+86 138 0013 8000";
        let mut out = Vec::new();
        MobileDetector.detect(&DetectText::new(t, crate::messages::Lang::Zh), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            out[0].note.as_deref(),
            Some("手机号码（138号段），上下文“手机号”，建议去标识化")
        );
        let en =
            crate::detect::test_support::detect_in(&MobileDetector, t, crate::messages::Lang::En);
        assert_eq!(
            en[0].note.as_deref(),
            Some("mainland mobile number, allocated segment 138; context 手机号")
        );
        assert_eq!(out[0].severity, Severity::Review);
    }

    #[test]
    fn country_prefixes() {
        assert_eq!(find("电话+8613800138000"), ["+8613800138000"]);
        assert_eq!(find("电话+86 13800138000"), ["+86 13800138000"]);
        assert_eq!(find("电话+86-138-0013-8000"), ["+86-138-0013-8000"]);
        assert_eq!(find("电话0086 13800138000"), ["0086 13800138000"]);
        assert_eq!(find("电话008613800138000"), ["008613800138000"]);
        assert_eq!(find("电话(+86)13800138000"), ["(+86)13800138000"]);
        assert_eq!(find("电话8613800138000。"), ["8613800138000"]);
        // a parenthesis around the whole number is not part of it
        assert_eq!(find("张某(+86 13800138000)"), ["+86 13800138000"]);
        assert_eq!(find("张某(0086 138 0013 8000)"), ["0086 138 0013 8000"]);
    }

    #[test]
    fn segments() {
        for ok in [
            "13000000000",
            "14500000000",
            "14700000000",
            "16200000000",
            "16100000000",
            "17400000000",
            "17405999999",
            "19200000000",
            "19999999999",
            "16699999999",
        ] {
            assert!(is_mobile(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "14000000000",
            "14600000000",
            "14900000000",
            "15400000000",
            "16000000000",
            "16110000000",
            "16300000000",
            "16800000000",
            "16900000000",
            "17406000000",
            "17900000000",
            "19400000000",
            "12000000000",
            "11000000000",
            "23800138000",
        ] {
            assert!(!is_mobile(bad.as_bytes()), "{bad}");
            assert!(find(&format!("手机{bad}")).is_empty(), "{bad}");
        }
    }

    #[test]
    fn never_inside_longer_runs_or_tokens() {
        assert!(find("订单号138001380001").is_empty());
        assert!(find("订单号213800138000").is_empty());
        assert!(find("12345678901234567").is_empty());
        assert!(find("ab13800138000").is_empty());
        assert!(find("13800138000cd").is_empty());
        assert!(find("1.13800138000").is_empty());
        assert!(find("13800138000.5").is_empty());
        assert!(find("138 0013 8000 1234").is_empty());
        assert!(find("2 138 0013 8000").is_empty());
        assert!(find("138 0013-8000").is_empty());
        assert!(find("1380 0138 000").is_empty());
        assert!(find("x8613800138000").is_empty());
    }

    #[test]
    fn statistics_are_not_numbers() {
        assert!(find("2024年13800亿元，增长5.2%").is_empty());
        assert!(find("全年完成投资13500000000元").is_empty());
        assert!(find("共计13500000000万吨").is_empty());
        assert!(find("95588、12345、110、4008123123").is_empty());
    }
}
