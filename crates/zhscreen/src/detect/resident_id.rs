//! Resident identity card numbers (公民身份号码, GB 11643-1999).
//!
//! An 18-character number is reported when all of these hold:
//! - 17 digits and a check character (`0-9`, `X` or `x`) that matches ISO 7064 MOD 11-2;
//! - a real province-level prefix (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71), or a residence
//!   permit for Hong Kong, Macau or Taiwan residents (810000, 820000, 830000), or a 2023 permanent
//!   residence card for foreigners (`9` + the issuing province + nationality code);
//! - a birth date (positions 7-14) that exists, from 1900 on, and is not after today (China time).
//!
//! A checksum-valid number with an impossible or future date is not an ID and is not reported.
//! The number may be written plain or in 6-8-4 groups (`110108 19900307 1238`); it must not be
//! glued to other letters or digits.
//!
//! First-generation 15-digit numbers (6-digit division code + YYMMDD + 3-digit sequence, no check)
//! are reported under `personal_info/cn_resident_id_15` when their prefix and date are valid: at
//! `review` when an ID context word (身份证...) is before them, at `info` otherwise, because one
//! random 15-digit number in six passes these checks.
//!
//! About one valid ID in 300 is also a valid all-digit unified social credit code: which reading
//! wins is decided in one place, `detect/readings.rs`.

use super::{
    context_before, digits_end, glued_after, glued_before, personal, DetectText, Detection,
    Detector, PiiKind,
};
use crate::category::Severity;
use crate::messages::Lang;

/// Rule id of 18-character resident IDs.
pub const RULE: &str = "personal_info/cn_resident_id";
/// Rule id of 15-digit first-generation resident IDs.
pub const RULE_15: &str = "personal_info/cn_resident_id_15";

/// Context words naming an identity document, most specific first.
pub const CONTEXT: &[&str] = &[
    "公民身份号码",
    "身份证号码",
    "身份证件号码",
    "身份证号",
    "身份证",
    "身份号码",
    "居住证",
    "居留证",
    "证件号码",
    "证件号",
];

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [u8; 11] = *b"10X98765432";

/// The GB 11643 check character (`0-9` or `X`) of the first 17 digits.
pub fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(&d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// Whether a two-digit province-level code is a mainland one (11-65).
fn mainland_province(p: u32) -> bool {
    matches!(p, 11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65)
}

/// Whether a province-level code is one of GB/T 2260's, Taiwan, Hong Kong or Macau included.
fn province(p: u32) -> bool {
    mainland_province(p) || matches!(p, 71 | 81 | 82)
}

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0'))
}

/// Whose document an 18-digit number is, by its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdHolder {
    /// A mainland resident ID (居民身份证): a province's division code.
    Mainland,
    /// A residence permit for Hong Kong residents (prefix `810000`).
    HongKong,
    /// A residence permit for Macau residents (prefix `820000`).
    Macau,
    /// A residence permit for Taiwan residents (prefix `830000`).
    Taiwan,
    /// A foreigner's permanent residence card (9 and a province code).
    Foreigner,
}

impl IdHolder {
    /// Every kind of holder.
    pub const ALL: [IdHolder; 5] = [
        IdHolder::Mainland,
        IdHolder::HongKong,
        IdHolder::Macau,
        IdHolder::Taiwan,
        IdHolder::Foreigner,
    ];
}

/// What kind of holder an 18-digit number's prefix says, or `None` for no real prefix.
fn holder(digits: &[u8]) -> Option<IdHolder> {
    let p = num(&digits[..2]);
    match p {
        81..=83 if &digits[2..6] == b"0000" => Some(match p {
            81 => IdHolder::HongKong,
            82 => IdHolder::Macau,
            _ => IdHolder::Taiwan,
        }),
        81..=83 => None,
        90..=99 if mainland_province(num(&digits[1..3])) => Some(IdHolder::Foreigner),
        _ if province(p) => Some(IdHolder::Mainland),
        _ => None,
    }
}

/// Days in a month of a (Gregorian) year.
fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `yyyymmdd` is a real date from 1900 on and not after `today` (also `yyyymmdd`).
pub fn valid_birth_date(yyyymmdd: u32, today: u32) -> bool {
    let (y, m, d) = (yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    y >= 1900 && d >= 1 && d <= days_in_month(y, m) && yyyymmdd <= today
}

/// Today's date in China (UTC+8) as `yyyymmdd`, from the system clock.
pub fn today() -> u32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(((secs + 8 * 3600) / 86_400) as i64)
}

/// The `yyyymmdd` date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> u32 {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y * 10000 + m * 100 + d) as u32
}

/// Why an 18-character value is or is not a resident ID.
fn check18(id: &[u8], today: u32) -> Option<IdHolder> {
    if id.len() != 18 || !id[..17].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if id[17].to_ascii_uppercase() != check_char(&id[..17]) {
        return None;
    }
    let holder = holder(id)?;
    valid_birth_date(num(&id[6..14]), today).then_some(holder)
}

/// Whether `id` (18 characters, no separators) is a valid resident ID number today.
pub fn is_valid(id: &str) -> bool {
    check18(id.as_bytes(), today()).is_some()
}

/// Whether `id` (15 digits) is a plausible first-generation ID: province prefix and date 19YYMMDD.
pub fn is_valid_15(id: &str) -> bool {
    valid_15(id.as_bytes())
}

fn valid_15(id: &[u8]) -> bool {
    id.len() == 15
        && id.iter().all(u8::is_ascii_digit)
        && mainland_province(num(&id[..2]))
        && valid_birth_date(19_000_000 + num(&id[6..12]), u32::MAX)
}

/// Recognises resident ID numbers: `personal_info/cn_resident_id` and `.../cn_resident_id_15`.
#[derive(Debug, Default, Clone)]
pub struct ResidentIdDetector {
    /// A fixed "today" (`yyyymmdd`) for tests; `None` reads the system clock.
    pub today: Option<u32>,
}

impl ResidentIdDetector {
    /// A detector that reads today's date from the system clock.
    pub fn new() -> Self {
        Self::default()
    }

    fn report(
        &self,
        view: &DetectText<'_>,
        (start, end): (usize, usize),
        id: &[u8],
        today: &mut Option<u32>,
        out: &mut Vec<Detection>,
    ) {
        let (text, lang): (&str, Lang) = (&view.text, view.lang);
        let today = *today.get_or_insert_with(|| self.today.unwrap_or_else(self::today));
        let Some(holder) = check18(id, today) else {
            return;
        };
        let ctx = context_before(text, start, CONTEXT);
        let note = lang.messages().resident_id(holder, ctx);
        out.push(personal(
            start,
            end,
            Severity::Review,
            RULE,
            note,
            PiiKind::ResidentId,
        ));
    }
}

impl Detector for ResidentIdDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let tokens = text.alnum_tokens();
        let view = text;
        let lang = view.lang;
        let text: &str = &view.text;
        let bytes = text.as_bytes();
        let mut today = None;
        let mut skip_until = 0;
        for (s, e) in tokens {
            if s < skip_until
                || !matches!(e - s, 6 | 15 | 18)
                || glued_before(bytes, s, false)
                || glued_after(bytes, e, false)
            {
                continue;
            }
            let tok = &bytes[s..e];
            match tok.len() {
                18 => self.report(view, (s, e), tok, &mut today, out),
                15 if valid_15(tok) => {
                    let ctx = context_before(text, s, CONTEXT);
                    let note =
                        lang.messages()
                            .resident_id_15(&text[s..s + 6], &text[s + 6..s + 12], ctx);
                    let sev = if ctx.is_some() {
                        Severity::Review
                    } else {
                        Severity::Info
                    };
                    out.push(personal(s, e, sev, RULE_15, note, PiiKind::ResidentId));
                }
                6 if tok.iter().all(u8::is_ascii_digit) => {
                    // 6-8-4 groups with one separator: `110108 19900307 1238`.
                    let Some(&sep @ (b' ' | b'-')) = bytes.get(e) else {
                        continue;
                    };
                    let d2 = digits_end(bytes, e + 1);
                    if d2 - (e + 1) != 8 || bytes.get(d2) != Some(&sep) {
                        continue;
                    }
                    let mut d3 = digits_end(bytes, d2 + 1);
                    if d3 - (d2 + 1) == 3 && matches!(bytes.get(d3), Some(b'X' | b'x')) {
                        d3 += 1;
                    }
                    if d3 - (d2 + 1) != 4
                        || glued_before(bytes, s, true)
                        || glued_after(bytes, d3, true)
                    {
                        continue;
                    }
                    let mut id = Vec::with_capacity(18);
                    id.extend_from_slice(tok);
                    id.extend_from_slice(&bytes[e + 1..d2]);
                    id.extend_from_slice(&bytes[d2 + 1..d3]);
                    let before = out.len();
                    self.report(view, (s, d3), &id, &mut today, out);
                    if out.len() > before {
                        skip_until = d3;
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: u32 = 20250601;

    fn find(t: &str) -> Vec<(String, Severity, &'static str)> {
        let det = ResidentIdDetector { today: Some(TODAY) };
        let mut out = Vec::new();
        det.detect(&DetectText::new(t, crate::messages::Lang::Zh), &mut out);
        out.iter()
            .map(|d| (t[d.start..d.end].to_string(), d.severity, d.rule))
            .collect()
    }

    fn with_check(first17: &str) -> String {
        format!("{first17}{}", check_char(first17.as_bytes()) as char)
    }

    #[test]
    fn check_digits() {
        assert_eq!(check_char(b"11010819900307123"), b'8');
        assert_eq!(check_char(b"44030519870612341"), b'3');
        assert_eq!(with_check("11010519491231002"), "11010519491231002X");
    }

    #[test]
    fn finds_valid_ids_with_context() {
        let t = "经审核，王某某（身份证号：110108199003071238）的低保申请已通过。";
        let d = find(t);
        assert_eq!(
            d,
            vec![("110108199003071238".into(), Severity::Review, RULE)]
        );
        let det = ResidentIdDetector { today: Some(TODAY) };
        let mut out = Vec::new();
        det.detect(&DetectText::new(t, crate::messages::Lang::Zh), &mut out);
        assert_eq!(
            out[0].note.as_deref(),
            Some("居民身份证号码（校验码、出生日期有效），上下文“身份证号”，建议去标识化")
        );
        let en = crate::detect::test_support::detect_in(&det, t, crate::messages::Lang::En);
        assert_eq!(
            en[0].note.as_deref(),
            Some("valid GB 11643 check digit; context 身份证号")
        );
        assert_eq!(find("当事人周某，500103199911110563，男").len(), 1);
        assert_eq!(find("失主刘女士的身份证320102198506152343已找到").len(), 1);
    }

    #[test]
    fn lower_case_x_and_groups() {
        assert_eq!(find("号码11010519491231002x。").len(), 1);
        assert_eq!(find("号码11010519491231002X").len(), 1);
        assert_eq!(
            find("号码 110105 19491231 002X 。")[0].0,
            "110105 19491231 002X"
        );
        assert_eq!(
            find("号码110108-19900307-1238")[0].0,
            "110108-19900307-1238"
        );
        // mixed separators or wrong group sizes are not an ID
        assert!(find("110108-19900307 1238").is_empty());
        assert!(find("1101081 9900307 1238").is_empty());
    }

    #[test]
    fn rejects_bad_checksums_dates_prefixes() {
        assert!(find("文件编号110108199003071230。").is_empty());
        assert!(find("合同编号12345678901234567。").is_empty());
        // checksum-valid with impossible dates: Feb 30, month 13, day 00, year 1899
        for body in [
            "11010819900230123",
            "11010819901301123",
            "11010819900100123",
            "11010818990101123",
        ] {
            let id = with_check(body);
            assert!(find(&format!("身份证号{id}")).is_empty(), "{id}");
        }
        // checksum-valid but born after "today"
        assert!(find(&format!("身份证{}", with_check("11010820250602123"))).is_empty());
        assert_eq!(
            find(&format!("身份证{}", with_check("11010820250601123"))).len(),
            1
        );
        // 29 February only in leap years
        assert_eq!(find(&with_check("11010820000229123")).len(), 1);
        assert!(find(&with_check("11010819000229123")).is_empty());
        // no such province
        for p in [
            "00", "16", "20", "38", "47", "55", "60", "66", "70", "72", "80", "84", "89",
        ] {
            assert!(
                find(&with_check(&format!("{p}0108199003071"))).is_empty(),
                "{p}"
            );
        }
    }

    #[test]
    fn permits_and_foreigners() {
        for p in ["810000", "820000", "830000"] {
            assert_eq!(
                find(&with_check(&format!("{p}19900307123"))).len(),
                1,
                "{p}"
            );
        }
        assert!(find(&with_check("81010819900307123")).is_empty());
        assert_eq!(find(&with_check("93115619900307123")).len(), 1);
        assert!(find(&with_check("99915619900307123")).is_empty());
        assert_eq!(find(&with_check("71000019900307123")).len(), 1);
    }

    #[test]
    fn boundaries() {
        let id = "110108199003071238";
        assert!(find(&format!("1{id}")).is_empty());
        assert!(find(&format!("{id}1")).is_empty());
        assert!(find(&format!("9{id}88")).is_empty());
        assert!(find(&format!("ID{id}")).is_empty());
        assert!(find(&format!("{id}abc")).is_empty());
        assert!(find(&format!("0.{id}")).is_empty());
        assert!(find("11010519491231002Xa").is_empty());
        assert_eq!(find(&format!("{id}、{id}")).len(), 2);
        assert_eq!(find(&format!("({id})")).len(), 1);
        assert_eq!(find(id).len(), 1);
    }

    #[test]
    fn legacy_15_digit() {
        let d = find("原身份证号码110108900307123，已换发");
        assert_eq!(
            d,
            vec![("110108900307123".into(), Severity::Review, RULE_15)]
        );
        let d = find("序号110108900307123");
        assert_eq!(d, vec![("110108900307123".into(), Severity::Info, RULE_15)]);
        assert!(find("110108901307123").is_empty()); // month 13
        assert!(find("990108900307123").is_empty()); // no province 99
        assert!(find("1101089003071234").is_empty()); // 16 digits
    }

    #[test]
    fn statistics_and_years_are_not_ids() {
        let t = "2024年国内生产总值1349084亿元，比上年增长5.0%。2023年13800亿元，2019—2024年。";
        assert!(find(t).is_empty());
        assert!(find("订单号123456789012345678901").is_empty());
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), 19700101);
        assert_eq!(civil_from_days(19_767), 20240214);
        assert_eq!(civil_from_days(19_782), 20240229);
        assert_eq!(civil_from_days(11_016), 20000229);
        assert_eq!(civil_from_days(11_018), 20000302);
        assert!(today() > 20250101);
    }
}
