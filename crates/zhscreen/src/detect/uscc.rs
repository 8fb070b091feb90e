//! Unified social credit codes (统一社会信用代码, GB 32100-2015): `personal_info/uscc`.
//!
//! 18 characters over `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z), as a whole token:
//! - position 1, the registering authority: `1`-`9`, `A`, `N` or `Y`;
//! - position 2, the kind of organisation; positions 3-8, the administrative division (digits);
//! - positions 9-17, the organisation code (GB 11714) with its own check character: weights
//!   3 7 9 10 5 8 4 2 over values 0-9 and A=10 ... Z=35, check = 11 − sum mod 11 (10 → X, 11 → 0);
//! - position 18, the check character: weights 3^i mod 31 over the alphabet's indexes,
//!   check = 31 − sum mod 31 (31 → 0).
//!
//! Both checks must hold. A code names an organisation, not a person: findings are `info` and
//! redaction leaves them unchanged ([`PiiKind::Public`]). An all-digit code may also be a valid
//! resident ID (about one ID in 300 is): which reading wins is decided in one place,
//! `detect/readings.rs`. The bank-card detector never reports a valid code.

use super::{
    context_before, glued_after, glued_before, personal, DetectText, Detection, Detector, PiiKind,
};
use crate::category::Severity;

/// Rule id.
pub const RULE: &str = "personal_info/uscc";

/// Context words for credit codes, most specific first.
pub const CONTEXT: &[&str] = &[
    "统一社会信用代码",
    "社会信用代码",
    "信用代码",
    "组织机构代码",
    "纳税人识别号",
    "税号",
];

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The index of a character in the code alphabet.
fn index(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u32)
}

/// The GB 32100 check character of the first 17 characters (which must be in the alphabet).
pub fn check_char(first17: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (&c, w) in first17.iter().zip(WEIGHTS) {
        sum += index(c)? * w;
    }
    Some(ALPHABET[((31 - sum % 31) % 31) as usize])
}

/// The GB 11714 check character of an organisation code's first 8 characters.
pub fn org_check_char(first8: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (&c, w) in first8.iter().zip(ORG_WEIGHTS) {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        n => b'0' + n as u8,
    })
}

/// Whether `code` (18 characters, upper case, no separators) is a valid unified social credit
/// code: authority, division digits, organisation-code check and code check.
pub fn is_valid(code: &str) -> bool {
    valid(code.as_bytes())
}

fn valid(c: &[u8]) -> bool {
    c.len() == 18
        && matches!(c[0], b'1'..=b'9' | b'A' | b'N' | b'Y')
        && c[2..8].iter().all(u8::is_ascii_digit)
        && check_char(&c[..17]) == Some(c[17])
        && org_check_char(&c[8..16]) == Some(c[16])
}

/// Recognises unified social credit codes.
#[derive(Debug, Default, Clone)]
pub struct UsccDetector;

impl UsccDetector {
    /// The detector.
    pub fn new() -> Self {
        Self
    }
}

impl Detector for UsccDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let tokens = text.alnum_tokens();
        let lang = text.lang;
        let text: &str = &text.text;
        let bytes = text.as_bytes();
        for (s, e) in tokens {
            if e - s != 18
                || !valid(&bytes[s..e])
                || glued_before(bytes, s, false)
                || glued_after(bytes, e, false)
            {
                continue;
            }
            let ctx = context_before(text, s, CONTEXT);
            let note = lang.messages().uscc(ctx);
            out.push(personal(s, e, Severity::Info, RULE, note, PiiKind::Public));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(t: &str) -> Vec<Detection> {
        let mut out = Vec::new();
        UsccDetector.detect(&DetectText::new(t, crate::messages::Lang::Zh), &mut out);
        out
    }

    #[test]
    fn real_codes() {
        assert!(is_valid("91350100M000100Y43"));
        assert!(is_valid("91440300708461136T"));
        let t = "统一社会信用代码：91350100M000100Y43。";
        let d = find(t);
        assert_eq!(d.len(), 1);
        assert_eq!(&t[d[0].start..d[0].end], "91350100M000100Y43");
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].kind, PiiKind::Public);
        assert_eq!(
            d[0].note.as_deref(),
            Some("统一社会信用代码（校验码有效），上下文“统一社会信用代码”，属单位代码、不是个人信息，可以公开")
        );
        let en =
            crate::detect::test_support::detect_in(&UsccDetector, t, crate::messages::Lang::En);
        assert!(en[0]
            .note
            .as_deref()
            .unwrap()
            .ends_with("; context 统一社会信用代码"));
    }

    #[test]
    fn n_y_and_a_authorities() {
        // built with both checks, first character outside python-stdnum's digits-only rule
        for prefix in ["N2110108", "Y1110108", "A1110108"] {
            let org = b"MA01ABCD";
            let mut code = prefix.as_bytes().to_vec();
            code.extend_from_slice(org);
            code.push(org_check_char(org).unwrap());
            let c = check_char(&code).unwrap();
            code.push(c);
            let code = String::from_utf8(code).unwrap();
            assert!(is_valid(&code), "{code}");
            assert_eq!(find(&format!("代码{code}")).len(), 1);
        }
    }

    #[test]
    fn rejects_bad_checks_and_alphabet() {
        assert!(!is_valid("91350100M000100Y44")); // code check
        assert!(!is_valid("91110000100003495T")); // org check holds, code check does not
        assert!(!is_valid("91350100M000100Y4")); // 17
        assert!(!is_valid("91350100m000100Y43")); // lower case
        assert!(!is_valid("I1350100M000100Y43"));
        assert!(!is_valid("0135010000000000X0"));
        // a code check that holds with a broken organisation-code check
        let mut code = b"91350100M000100Y3".to_vec();
        code.push(check_char(&code).unwrap());
        assert!(!is_valid(std::str::from_utf8(&code).unwrap()));
        assert!(find("91350100M000100Y43A").is_empty());
        assert!(find("X91350100M000100Y43").is_empty());
        assert!(find("191350100M000100Y43").is_empty());
    }
}
