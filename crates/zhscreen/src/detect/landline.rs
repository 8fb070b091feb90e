//! Mainland landline numbers (`personal_info/cn_landline`).
//!
//! An area code and a local number: 010 and 020-029 take 8-digit local numbers, the other codes
//! (0 + three digits, 0310-0999) 7 or 8. A local number never starts with 0, the trunk prefix; it
//! may start with 1 (real ones start with 2-9, but `010-12345678` is how examples and test data
//! write them, and nothing else has that shape). Accepted forms:
//! `010-12345678`, `010 12345678`, `(010)12345678`, `(0731) 8412 3456`, `01012345678`,
//! `+86-10-12345678`, `+86 731 84123456`, `0086-10-12345678`; the local number may be split in two
//! groups (`8412-3456`). An extension (`-8001`, `转8001`) may follow; it is not part of the span.
//!
//! Service numbers are never findings: 400/800 numbers and short numbers (12345, 12315, 12306,
//! 110, 120, 95xxx) do not fit these forms.
//!
//! A number introduced as a public contact (联系电话, 咨询电话, 热线, 监督电话, 值班电话,
//! 举报电话, 传真, 联系人, 办公室... within 12 characters before it) is an office's, which government
//! notices publish on purpose: `info`. Any other landline is `review`.

use super::{
    context_before, digits_end, glued_after, glued_before, personal, quantity_after, DetectText,
    Detection, Detector, PiiKind,
};
use crate::category::Severity;

/// Rule id.
pub const RULE: &str = "personal_info/cn_landline";

/// Words that introduce an office's public contact number, most specific first.
pub const PUBLIC_CONTACT: &[&str] = &[
    "联系电话",
    "咨询电话",
    "服务电话",
    "监督电话",
    "值班电话",
    "举报电话",
    "投诉电话",
    "办公电话",
    "受理电话",
    "报名电话",
    "服务热线",
    "热线",
    "传真",
    "联系人",
    "联系方式",
    "办公室",
    "咨询",
    "举报",
    "投诉",
    "监督",
    "值班",
];

/// Other context words naming a telephone number.
pub const CONTEXT: &[&str] = &["固定电话", "座机", "电话", "Tel", "TEL", "tel"];

/// The local-number lengths an area code takes (written without its leading 0), or `None` when
/// the digits are not an area code.
fn local_lengths(area: &[u8]) -> Option<(usize, usize)> {
    match area {
        [b'1', b'0'] | [b'2', _] => Some((8, 8)),
        [b'3'..=b'9', _, _] => Some((7, 8)),
        _ => None,
    }
}

/// The end of a local number of `min..=max` digits at `p`: one run, or two groups (3-4 or 4-4)
/// split by one space or hyphen. Returns `(end, grouped)`.
fn parse_local(bytes: &[u8], p: usize, (min, max): (usize, usize)) -> Option<(usize, bool)> {
    if !matches!(bytes.get(p), Some(b'1'..=b'9')) {
        return None;
    }
    let e1 = digits_end(bytes, p);
    let n1 = e1 - p;
    if (min..=max).contains(&n1) {
        return Some((e1, false));
    }
    if !matches!(n1, 3 | 4) || !matches!(bytes.get(e1), Some(b' ' | b'-')) {
        return None;
    }
    let e2 = digits_end(bytes, e1 + 1);
    let n = n1 + e2 - (e1 + 1);
    (e2 - (e1 + 1) == 4 && (min..=max).contains(&n)).then_some((e2, true))
}

/// A number found: value start, value end (extension excluded), area code as written, extension.
struct Found<'t> {
    start: usize,
    end: usize,
    area: &'t str,
    ext: Option<&'t str>,
}

/// Parses a landline whose first digit run is `s..e`.
fn candidate<'t>(text: &'t str, s: usize, e: usize) -> Option<Found<'t>> {
    let bytes = text.as_bytes();
    let run = &bytes[s..e];
    let (start, area, local_at, grouped) =
        if run == b"0086" || (run == b"86" && s > 0 && bytes[s - 1] == b'+') {
            // +86 / 0086 / (+86), a separator, the area code without its 0, a separator.
            let mut start = if bytes[s.saturating_sub(1)] == b'+' && s > 0 {
                s - 1
            } else {
                s
            };
            let mut p = e;
            if start > 0 && bytes[start - 1] == b'(' && bytes.get(p) == Some(&b')') {
                start -= 1;
                p += 1;
            }
            if matches!(bytes.get(p), Some(b' ' | b'-')) {
                p += 1;
            }
            let a0 = p + usize::from(bytes.get(p) == Some(&b'0'));
            let ae = digits_end(bytes, a0);
            local_lengths(&bytes[a0..ae])?;
            let sep = *bytes.get(ae)?;
            if !matches!(sep, b' ' | b'-') {
                return None;
            }
            (start, &text[p..ae], ae + 1, true)
        } else if run.first() == Some(&b'0') && matches!(run.len(), 3 | 4) {
            local_lengths(&run[1..])?;
            if s > 0 && bytes[s - 1] == b'(' && bytes.get(e) == Some(&b')') {
                let p = e + 1 + usize::from(bytes.get(e + 1) == Some(&b' '));
                (s - 1, &text[s..e], p, false)
            } else if matches!(bytes.get(e), Some(b' ' | b'-')) {
                (s, &text[s..e], e + 1, true)
            } else {
                return None;
            }
        } else if run.first() == Some(&b'0') && matches!(run.len(), 11 | 12) {
            // glued: 010/02x + 8, or 0xxx + 7 or 8
            let alen = if matches!(run[1], b'1' | b'2') { 3 } else { 4 };
            let (min, max) = local_lengths(&run[1..alen])?;
            let n = run.len() - alen;
            if !(min..=max).contains(&n) || !matches!(run[alen], b'1'..=b'9') {
                return None;
            }
            if glued_before(bytes, s, false) {
                return None;
            }
            return finish(text, s, e, &text[s..s + alen], false);
        } else {
            return None;
        };
    if glued_before(bytes, start, grouped) {
        return None;
    }
    let digits = area.trim_start_matches('0');
    let (end, split) = parse_local(bytes, local_at, local_lengths(digits.as_bytes())?)?;
    finish(text, start, end, area, grouped || split)
}

/// Checks what follows a number ending at `end`: an extension, or nothing glued to it.
fn finish<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    area: &'t str,
    grouped: bool,
) -> Option<Found<'t>> {
    let bytes = text.as_bytes();
    let ext_at = if bytes.get(end) == Some(&b'-') {
        Some(end + 1)
    } else if text[end..].starts_with('转') {
        Some(end + '转'.len_utf8())
    } else {
        None
    };
    if let Some(x) = ext_at {
        let xe = digits_end(bytes, x);
        if (1..=5).contains(&(xe - x)) && !glued_after(bytes, xe, true) {
            return Some(Found {
                start,
                end,
                area,
                ext: Some(&text[x..xe]),
            });
        }
    }
    if glued_after(bytes, end, grouped) || quantity_after(text, end) {
        return None;
    }
    Some(Found {
        start,
        end,
        area,
        ext: None,
    })
}

/// Recognises mainland landline numbers.
#[derive(Debug, Default, Clone)]
pub struct LandlineDetector;

impl LandlineDetector {
    /// The detector.
    pub fn new() -> Self {
        Self
    }
}

impl Detector for LandlineDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let digits = text.digit_runs();
        let lang = text.lang;
        let text: &str = &text.text;
        let mut skip_until = 0;
        for (s, e) in digits.iter().copied() {
            if s < skip_until || !matches!(e - s, 2 | 3 | 4 | 11 | 12) {
                continue;
            }
            let Some(f) = candidate(text, s, e) else {
                continue;
            };
            let public = context_before(text, f.start, PUBLIC_CONTACT);
            let (severity, ctx) = match public {
                Some(_) => (Severity::Info, None),
                None => (Severity::Review, context_before(text, f.start, CONTEXT)),
            };
            let note = lang.messages().landline(f.area, f.ext, public, ctx);
            out.push(personal(
                f.start,
                f.end,
                severity,
                RULE,
                note,
                PiiKind::Landline,
            ));
            skip_until = f.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(t: &str) -> Vec<Detection> {
        crate::detect::test_support::detect(&LandlineDetector, t)
    }

    fn find(t: &str) -> Vec<String> {
        crate::detect::test_support::find(&LandlineDetector, t)
    }

    #[test]
    fn forms() {
        assert_eq!(find("张三家010-12345678。"), ["010-12345678"]);
        assert_eq!(find("张三家(010)12345678。"), ["(010)12345678"]);
        assert_eq!(find("张三家(0731) 8412 3456。"), ["(0731) 8412 3456"]);
        assert_eq!(find("张三家0731 84123456"), ["0731 84123456"]);
        assert_eq!(find("张三家0731-8412345"), ["0731-8412345"]);
        assert_eq!(find("张三家01012345678"), ["01012345678"]);
        assert_eq!(find("张三家073184123456"), ["073184123456"]);
        assert_eq!(find("张三家07318412345"), ["07318412345"]);
        assert_eq!(find("张三家+86-10-12345678"), ["+86-10-12345678"]);
        assert_eq!(find("张三家+86 731 84123456"), ["+86 731 84123456"]);
        assert_eq!(find("张三家0086-21-62345678"), ["0086-21-62345678"]);
        assert_eq!(find("张三家(+86)-10-62345678"), ["(+86)-10-62345678"]);
        assert_eq!(find("张三家021-6234-5678"), ["021-6234-5678"]);
    }

    #[test]
    fn extensions() {
        let d = detect("张三010-12345678-8001。");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].end - d[0].start, "010-12345678".len());
        assert_eq!(
            d[0].note.as_deref(),
            Some("固定电话（区号010，分机8001），如为个人电话建议去标识化")
        );
        let en = crate::detect::test_support::detect_in(
            &LandlineDetector,
            "张三010-12345678-8001。",
            crate::messages::Lang::En,
        );
        assert_eq!(
            en[0].note.as_deref(),
            Some("landline, area code 010, extension 8001")
        );
        assert_eq!(find("张三010-12345678转8001"), ["010-12345678"]);
        assert!(find("010-12345678-123456789").is_empty());
    }

    #[test]
    fn wrong_lengths_and_codes() {
        assert!(find("010-1234567").is_empty()); // 010 needs 8 digits
        assert!(find("021-123456789").is_empty());
        assert!(find("0731-123456").is_empty());
        assert!(find("0731-841234567").is_empty());
        assert!(find("011-12345678").is_empty());
        assert!(find("0231-12345678").is_empty()); // 02x is a 3-digit code
        assert!(find("010-02345678").is_empty()); // local starts with 0
        assert_eq!(find("张三010-92345678"), ["010-92345678"]);
        assert!(find("0123456789012").is_empty());
        assert!(find("2024-01-15").is_empty());
        assert!(find("1010-12345678").is_empty());
        assert!(find("a010-12345678").is_empty());
        assert!(find("010-12345678b").is_empty());
    }

    #[test]
    fn service_numbers_are_never_findings() {
        for t in [
            "400-810-8888",
            "4008108888",
            "800-820-8820",
            "8008208820",
            "拨打12345热线",
            "12315",
            "12306",
            "110",
            "120",
            "95588",
            "0731-95588",
            "0755-96688",
            "010-12345",
        ] {
            assert!(find(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn public_contacts_are_info() {
        let t = "请各单位于2024年3月15日前报送材料，联系人：办公室，电话：0731-84123456。";
        let d = detect(t);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(
            d[0].note.as_deref(),
            Some("固定电话（区号0731），上下文“联系人”，属对外公开的工作电话，可以发布")
        );
        let en =
            crate::detect::test_support::detect_in(&LandlineDetector, t, crate::messages::Lang::En);
        assert_eq!(
            en[0].note.as_deref(),
            Some("landline, area code 0731; public contact (联系人)")
        );
        for cue in [
            "联系电话：",
            "咨询电话",
            "监督电话：",
            "值班电话",
            "举报电话 ",
            "传真：",
            "服务热线",
        ] {
            let d = detect(&format!("{cue}010-66668888"));
            assert_eq!(d[0].severity, Severity::Info, "{cue}");
        }
        let d = detect("张某电话：010-66668888");
        assert_eq!(d[0].severity, Severity::Review);
        assert_eq!(
            d[0].note.as_deref(),
            Some("固定电话（区号010），上下文“电话”，如为个人电话建议去标识化")
        );
        let en = crate::detect::test_support::detect_in(
            &LandlineDetector,
            "张某电话：010-66668888",
            crate::messages::Lang::En,
        );
        assert_eq!(
            en[0].note.as_deref(),
            Some("landline, area code 010; context 电话")
        );
    }

    #[test]
    fn statistics_are_not_numbers() {
        assert!(find("2024年增长0.5%，达到01012345678元").is_empty());
        assert!(find("2019—2024年，GDP 1349084亿元").is_empty());
    }
}
