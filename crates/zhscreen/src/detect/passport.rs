//! Passport and travel-permit numbers (`personal_info/passport`, `personal_info/travel_permit`).
//!
//! A whole token (not glued to other ASCII letters or digits) of upper-case letters then digits:
//!
//! | form | document | needs context |
//! |---|---|---|
//! | `E` + 8 digits, `E` + letter + 7 digits | ordinary passport | no |
//! | `G` + 8 digits | ordinary passport, older series | no |
//! | `SE` / `DE` / `PE` + 7 digits | service, diplomatic, public-affairs passport | no |
//! | `K` + 8 digits | HKSAR passport | yes |
//! | `H` + 8 digits | HKSAR passport (with 护照) or 回乡证 | yes |
//! | `MA` + 7 digits | MSAR passport | yes |
//! | `H` / `M` + 8 or 10 digits | 回乡证 (港澳居民来往内地通行证) | yes |
//! | `C` + 8 digits, `C` + letter + 7 digits, older `W` + 8 | 往来港澳通行证 | yes |
//! | `L` + 8 digits, older `T` + 8 | 大陆居民往来台湾通行证 | yes |
//! | 8 digits | 台胞证 (台湾居民来往大陆通行证) | yes: 台胞证 or 通行证 |
//!
//! A single letter and eight digits is too common a shape (part numbers, codes) to report alone:
//! those forms need a context word (护照, 通行证, 回乡证, 台胞证, 证件号...) within 12 characters
//! before them. Everything found is `review`.

use super::{
    context_before, glued_after, glued_before, personal, DetectText, Detection, Detector, PiiKind,
};
use crate::category::Severity;

/// Rule id for passports.
pub const RULE_PASSPORT: &str = "personal_info/passport";
/// Rule id for travel permits (通行证, 回乡证, 台胞证).
pub const RULE_PERMIT: &str = "personal_info/travel_permit";

/// Context words for travel documents, most specific first.
pub const CONTEXT: &[&str] = &[
    "护照号码",
    "护照号",
    "护照",
    "港澳通行证",
    "台湾通行证",
    "来往大陆通行证",
    "来往内地通行证",
    "通行证",
    "回乡证",
    "台胞证",
    "旅行证件",
    "证件号码",
    "证件号",
];

/// Context words that make a bare 8-digit number a 台胞证 number.
const TAIWAN_CONTEXT: &[&str] = &["台胞证", "来往大陆通行证", "通行证"];

/// The format of a passport or travel-permit number (letters and digits), which names the
/// document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentFormat {
    /// Ordinary passport, `E` + 8 digits.
    PassportE8,
    /// Ordinary passport, `E` + letter + 7 digits.
    PassportEL7,
    /// Ordinary passport, older series, `G` + 8 digits.
    PassportG8,
    /// Service or diplomatic passport, `SE`/`DE`/`PE` + 7 digits.
    OfficialPassport,
    /// HKSAR passport, `K` + 8 digits.
    HongKongPassportK8,
    /// HKSAR passport, `H` + 8 digits (only with a passport context word).
    HongKongPassportH8,
    /// MSAR passport, `MA` + 7 digits.
    MacauPassport,
    /// 回乡证, `H`/`M` + 8 digits.
    HomeReturn8,
    /// 回乡证, older, `H`/`M` + 10 digits.
    HomeReturn10,
    /// 往来港澳通行证, `C` + 8 digits.
    HkMacauPermitC8,
    /// 往来港澳通行证, `C` + letter + 7 digits.
    HkMacauPermitCL7,
    /// 往来港澳通行证, older, `W` + 8 digits.
    HkMacauPermitW8,
    /// 大陆居民往来台湾通行证, `L` + 8 digits.
    TaiwanPermitL8,
    /// 大陆居民往来台湾通行证, older, `T` + 8 digits.
    TaiwanPermitT8,
    /// 台胞证, 8 digits.
    CompatriotPermit,
}

impl DocumentFormat {
    /// Every format.
    pub const ALL: [DocumentFormat; 15] = [
        DocumentFormat::PassportE8,
        DocumentFormat::PassportEL7,
        DocumentFormat::PassportG8,
        DocumentFormat::OfficialPassport,
        DocumentFormat::HongKongPassportK8,
        DocumentFormat::HongKongPassportH8,
        DocumentFormat::MacauPassport,
        DocumentFormat::HomeReturn8,
        DocumentFormat::HomeReturn10,
        DocumentFormat::HkMacauPermitC8,
        DocumentFormat::HkMacauPermitCL7,
        DocumentFormat::HkMacauPermitW8,
        DocumentFormat::TaiwanPermitL8,
        DocumentFormat::TaiwanPermitT8,
        DocumentFormat::CompatriotPermit,
    ];
}

/// What a token is: rule, format, whether it needs context.
fn classify(
    letters: &[u8],
    digits: usize,
    passport_ctx: bool,
) -> Option<(&'static str, DocumentFormat, bool)> {
    use DocumentFormat as F;
    use RULE_PASSPORT as P;
    use RULE_PERMIT as T;
    Some(match (letters, digits) {
        (b"E", 8) => (P, F::PassportE8, false),
        ([b'E', _], 7) => (P, F::PassportEL7, false),
        (b"G", 8) => (P, F::PassportG8, false),
        (b"SE" | b"DE" | b"PE", 7) => (P, F::OfficialPassport, false),
        (b"K", 8) => (P, F::HongKongPassportK8, true),
        (b"H", 8) if passport_ctx => (P, F::HongKongPassportH8, true),
        (b"MA", 7) => (P, F::MacauPassport, true),
        (b"H" | b"M", 8) => (T, F::HomeReturn8, true),
        (b"H" | b"M", 10) => (T, F::HomeReturn10, true),
        (b"C", 8) => (T, F::HkMacauPermitC8, true),
        ([b'C', _], 7) => (T, F::HkMacauPermitCL7, true),
        (b"W", 8) => (T, F::HkMacauPermitW8, true),
        (b"L", 8) => (T, F::TaiwanPermitL8, true),
        (b"T", 8) => (T, F::TaiwanPermitT8, true),
        (b"", 8) => (T, F::CompatriotPermit, true),
        _ => return None,
    })
}

/// Recognises passport and travel-permit numbers.
#[derive(Debug, Default, Clone)]
pub struct PassportDetector;

impl PassportDetector {
    /// The detector.
    pub fn new() -> Self {
        Self
    }
}

impl Detector for PassportDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let tokens = text.alnum_tokens();
        let lang = text.lang;
        let text: &str = &text.text;
        let bytes = text.as_bytes();
        for (s, e) in tokens {
            let tok = &bytes[s..e];
            if !matches!(tok.len(), 8..=11) {
                continue;
            }
            let nl = tok.iter().take_while(|b| b.is_ascii_uppercase()).count();
            if nl > 2 || !tok[nl..].iter().all(u8::is_ascii_digit) {
                continue;
            }
            // the shape first (cheap), the context only for shapes that are documents
            if classify(&tok[..nl], tok.len() - nl, true).is_none()
                || glued_before(bytes, s, nl == 0)
                || glued_after(bytes, e, nl == 0)
            {
                continue;
            }
            let ctx = context_before(text, s, CONTEXT);
            let passport_ctx = ctx.is_some_and(|w| w.starts_with("护照"));
            let Some((rule, what, weak)) = classify(&tok[..nl], tok.len() - nl, passport_ctx)
            else {
                continue;
            };
            if weak && ctx.is_none() {
                continue;
            }
            if nl == 0 && context_before(text, s, TAIWAN_CONTEXT).is_none() {
                continue;
            }
            let note = lang.messages().travel_document(what, ctx);
            out.push(personal(
                s,
                e,
                Severity::Review,
                rule,
                note,
                PiiKind::Document,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(t: &str) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        PassportDetector.detect(&DetectText::new(t, crate::messages::Lang::Zh), &mut out);
        out.iter()
            .map(|d| (t[d.start..d.end].to_string(), d.rule))
            .collect()
    }

    fn one(t: &str) -> Option<(String, &'static str)> {
        let f = find(t);
        assert!(f.len() <= 1, "{t}: {f:?}");
        f.into_iter().next()
    }

    #[test]
    fn strong_passport_formats_need_no_context() {
        for v in [
            "E12345678",
            "EA1234567",
            "EJ1234567",
            "G12345678",
            "SE1234567",
            "DE1234567",
            "PE1234567",
        ] {
            assert_eq!(
                one(&format!("持{v}出境")),
                Some((v.to_string(), RULE_PASSPORT)),
                "{v}"
            );
        }
    }

    #[test]
    fn weak_formats_need_context() {
        for v in [
            "K12345678",
            "H12345678",
            "MA1234567",
            "M12345678",
            "H1234567890",
            "C12345678",
            "CA1234567",
            "W12345678",
            "L12345678",
            "T12345678",
            "12345678",
        ] {
            assert_eq!(one(&format!("编号{v}")), None, "{v}");
        }
        assert_eq!(
            one("护照号码：K12345678"),
            Some(("K12345678".into(), RULE_PASSPORT))
        );
        assert_eq!(
            one("护照H12345678"),
            Some(("H12345678".into(), RULE_PASSPORT))
        );
        assert_eq!(
            one("回乡证H12345678"),
            Some(("H12345678".into(), RULE_PERMIT))
        );
        assert_eq!(
            one("回乡证号M1234567890"),
            Some(("M1234567890".into(), RULE_PERMIT))
        );
        assert_eq!(
            one("往来港澳通行证号码C12345678"),
            Some(("C12345678".into(), RULE_PERMIT))
        );
        assert_eq!(
            one("港澳通行证CA1234567"),
            Some(("CA1234567".into(), RULE_PERMIT))
        );
        assert_eq!(
            one("证件号：W12345678"),
            Some(("W12345678".into(), RULE_PERMIT))
        );
        assert_eq!(
            one("赴台通行证L12345678"),
            Some(("L12345678".into(), RULE_PERMIT))
        );
        assert_eq!(
            one("台胞证号码12345678。"),
            Some(("12345678".into(), RULE_PERMIT))
        );
        assert_eq!(one("护照号码12345678。"), None); // bare digits need 台胞证 / 通行证
        assert_eq!(one("台胞证办理咨询电话：0731-84123456"), None); // part of a phone number
    }

    #[test]
    fn boundaries_and_shapes() {
        assert_eq!(one("护照E123456789"), None); // 9 digits
        assert_eq!(one("护照E1234567"), None); // 7 digits
        assert_eq!(one("护照XE12345678"), None); // glued letter
        assert_eq!(one("护照e12345678"), None); // lower case
        assert_eq!(one("护照1E12345678"), None);
        assert_eq!(one("护照E12345678X"), None);
        assert_eq!(one("护照E12345678.5"), None);
        assert_eq!(one("护照ABC1234567"), None);
        let two: Vec<String> = find("护照号E12345678、EA7654321")
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(two, ["E12345678", "EA7654321"]);
    }
}
