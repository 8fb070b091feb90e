//! Bank card numbers (`personal_info/bank_card`).
//!
//! 16-19 digits, written plain (`6228480012345678903`) or in groups of four with one space or
//! hyphen between them (`6228 4800 1234 5678 903`: the last group may have 1-3 digits), never
//! glued to other letters or digits, never a decimal, a quantity (`...元`) or part of a longer
//! grouped number. The Luhn check must hold: it is what separates a card from an order number.
//!
//! Decision on confidence: with a context word (卡号, 账号, 账户, 开户行, 银行卡...) within 12
//! characters before it, any Luhn-valid 16-19 digit number is reported. Without one, the number
//! must also start with a known issuer prefix: 62 and 60 (UnionPay and domestic issuers), 4
//! (Visa), 51-55 and 2221-2720 (Mastercard), 3528-3589 (JCB), 95 (older domestic cards). One random
//! Luhn-valid run in ten passes the checks with context; without context the prefix keeps
//! document numbers that start with a year (2024...) or a region code out.
//!
//! An 18-digit number that is a valid resident ID or unified social credit code is left to those
//! detectors, and one introduced as an ID (身份证号...) is not a card even when its ID check fails.
//! Everything found is `review`.

use super::{
    context_before, digits_end, glued_after, glued_before, personal, quantity_after, DetectText,
    Detection, Detector, PiiKind,
};
use crate::category::Severity;

/// Rule id.
pub const RULE: &str = "personal_info/bank_card";

/// Context words for bank cards and accounts, most specific first.
pub const CONTEXT: &[&str] = &[
    "银行卡号",
    "银行账号",
    "银行帐号",
    "银行卡",
    "卡号",
    "账号",
    "帐号",
    "账户",
    "帐户",
    "开户银行",
    "开户行",
    "收款人",
    "户名",
];

/// Whether a string of ASCII digits passes the Luhn check.
pub fn luhn_valid(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &b) in digits.iter().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The issuer (or issuer range) a card number's prefix (IIN) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardIssuer {
    /// UnionPay, IIN 62.
    UnionPay,
    /// Domestic issuers, IIN 60.
    Domestic60,
    /// Domestic issuers, IIN 95.
    Domestic95,
    /// Visa, IIN 4.
    Visa,
    /// Mastercard, IIN 51-55.
    Mastercard5,
    /// Mastercard, IIN 2221-2720.
    Mastercard2,
    /// JCB, IIN 3528-3589.
    Jcb,
}

impl CardIssuer {
    /// Every issuer zhscreen knows.
    pub const ALL: [CardIssuer; 7] = [
        CardIssuer::UnionPay,
        CardIssuer::Domestic60,
        CardIssuer::Domestic95,
        CardIssuer::Visa,
        CardIssuer::Mastercard5,
        CardIssuer::Mastercard2,
        CardIssuer::Jcb,
    ];
}

/// The issuer a card number's prefix names, if it is one zhscreen knows.
pub fn issuer(d: &[u8]) -> Option<CardIssuer> {
    let n = |k: usize| {
        d[..k]
            .iter()
            .fold(0u32, |a, &b| a * 10 + u32::from(b - b'0'))
    };
    Some(match n(2) {
        62 => CardIssuer::UnionPay,
        60 => CardIssuer::Domestic60,
        95 => CardIssuer::Domestic95,
        40..=49 => CardIssuer::Visa,
        51..=55 => CardIssuer::Mastercard5,
        _ if (2221..=2720).contains(&n(4)) => CardIssuer::Mastercard2,
        _ if (3528..=3589).contains(&n(4)) => CardIssuer::Jcb,
        _ => return None,
    })
}

/// A card number's digits (up to 19) in a fixed buffer.
struct Digits {
    buf: [u8; 19],
    len: usize,
}

impl Digits {
    fn push(&mut self, d: &[u8]) -> bool {
        if self.len + d.len() > self.buf.len() {
            return false;
        }
        self.buf[self.len..self.len + d.len()].copy_from_slice(d);
        self.len += d.len();
        true
    }

    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The digits of a card number written at `s` whose first run ends at `e`, the end of the value,
/// and whether it was written in groups.
fn candidate(bytes: &[u8], s: usize, e: usize) -> Option<(Digits, usize, bool)> {
    let mut d = Digits {
        buf: [0; 19],
        len: 0,
    };
    match e - s {
        16..=19 => {
            d.push(&bytes[s..e]);
            Some((d, e, false))
        }
        4 => {
            let sep = *bytes.get(e)?;
            if !matches!(sep, b' ' | b'-') {
                return None;
            }
            d.push(&bytes[s..e]);
            let mut end = e;
            for group in 1..5 {
                if bytes.get(end) != Some(&sep) {
                    break;
                }
                let ge = digits_end(bytes, end + 1);
                let n = ge - (end + 1);
                if (group < 4 && n == 4) || (group == 4 && (1..=3).contains(&n)) {
                    d.push(&bytes[end + 1..ge]);
                    end = ge;
                } else {
                    break;
                }
            }
            (d.len >= 16).then_some((d, end, true))
        }
        _ => None,
    }
}

/// Recognises bank card numbers.
#[derive(Debug, Default, Clone)]
pub struct BankCardDetector;

impl BankCardDetector {
    /// The detector.
    pub fn new() -> Self {
        Self
    }
}

impl Detector for BankCardDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let digits = text.digit_runs();
        let lang = text.lang;
        let text: &str = &text.text;
        let bytes = text.as_bytes();
        let mut skip_until = 0;
        for (s, e) in digits.iter().copied() {
            if s < skip_until || !matches!(e - s, 4 | 16..=19) || glued_before(bytes, s, e - s == 4)
            {
                continue;
            }
            let Some((d, end, grouped)) = candidate(bytes, s, e) else {
                continue;
            };
            let d = d.as_slice();
            if glued_after(bytes, end, grouped) || quantity_after(text, end) || !luhn_valid(d) {
                continue;
            }
            if d.len() == 18 {
                let as_str = std::str::from_utf8(d).unwrap_or_default();
                if super::readings::is_id_or_code(as_str)
                    || context_before(text, s, super::resident_id::CONTEXT).is_some()
                {
                    continue; // an ID (perhaps mistyped) or a credit code, not a card
                }
            }
            let ctx = context_before(text, s, CONTEXT);
            let iss = issuer(d);
            if ctx.is_none() && iss.is_none() {
                continue;
            }
            let note = lang.messages().bank_card(d.len(), iss, ctx);
            out.push(personal(
                s,
                end,
                Severity::Review,
                RULE,
                note,
                PiiKind::BankCard,
            ));
            skip_until = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(t: &str) -> Vec<Detection> {
        crate::detect::test_support::detect(&BankCardDetector, t)
    }

    fn find(t: &str) -> Vec<String> {
        crate::detect::test_support::find(&BankCardDetector, t)
    }

    /// `body` completed with its Luhn check digit.
    fn card(body: &str) -> String {
        (b'0'..=b'9')
            .map(|c| format!("{body}{}", c as char))
            .find(|s| luhn_valid(s.as_bytes()))
            .unwrap()
    }

    #[test]
    fn luhn() {
        assert!(luhn_valid(b"6228480012345678903"));
        assert!(luhn_valid(b"4111111111111111"));
        assert!(!luhn_valid(b"4111111111111112"));
        assert!(luhn_valid(b"79927398713"));
    }

    #[test]
    fn plain_and_grouped() {
        assert_eq!(
            find("请将补偿款转入账户6228480012345678903。"),
            ["6228480012345678903"]
        );
        let d = detect("请将补偿款转入账户6228480012345678903。");
        assert_eq!(
            d[0].note.as_deref(),
            Some("银行卡号（19位，银联卡号段62开头，校验位有效），上下文“账户”，建议去标识化")
        );
        let en = crate::detect::test_support::detect_in(
            &BankCardDetector,
            "请将补偿款转入账户6228480012345678903。",
            crate::messages::Lang::En,
        );
        assert_eq!(
            en[0].note.as_deref(),
            Some("Luhn-valid 19-digit card number, UnionPay IIN 62; context 账户")
        );
        assert_eq!(
            find("卡号 6228 4800 1234 5678 903，户名张三"),
            ["6228 4800 1234 5678 903"]
        );
        assert_eq!(find("卡号4111-1111-1111-1111"), ["4111-1111-1111-1111"]);
        assert_eq!(find("4111 1111 1111 1111"), ["4111 1111 1111 1111"]);
        for len in 16..=19 {
            let c = card(&format!("62{}", "1".repeat(len - 3)));
            assert_eq!(find(&format!("尾号{c}")), [c], "{len}");
        }
    }

    #[test]
    fn rejects_luhn_invalid_and_wrong_lengths() {
        assert!(find("卡号6228480012345678904").is_empty());
        assert!(find("卡号4111111111111112").is_empty());
        assert!(find(&format!("卡号{}", card("62284800123456"))).is_empty()); // 15 digits
        assert!(find(&format!("卡号{}", card("6228480012345678901"))).is_empty()); // 20 digits
        assert!(find("卡号 4111 1111 1111 111").is_empty());
        assert!(find("卡号 4111 1111 1111-1111").is_empty());
    }

    #[test]
    fn context_or_known_prefix() {
        let order = card("202406150000123");
        assert_eq!(order.len(), 16);
        assert!(find(&format!("订单号{order}")).is_empty());
        assert_eq!(find(&format!("银行卡号：{order}")), [order]);
        let c = card("430105198806150");
        assert!(find(&format!("编号{c}")).len() == 1); // 4: Visa-range prefix
    }

    #[test]
    fn never_inside_longer_runs() {
        let c = "6228480012345678903";
        assert!(find(&format!("1{c}")).is_empty());
        assert!(find(&format!("{c}0")).is_empty());
        assert!(find(&format!("x{c}")).is_empty());
        assert!(find(&format!("{c}元")).is_empty());
        assert!(find(&format!("0.{c}")).is_empty());
        assert!(find("卡号 1234 4111 1111 1111 1111").is_empty());
        assert!(find("卡号 4111 1111 1111 1111 1111 1").is_empty());
        assert!(find("12345678901234567").is_empty());
    }

    #[test]
    fn ids_and_credit_codes_are_not_cards() {
        // a valid resident ID that is also Luhn-valid
        let id = (0..1000)
            .map(|n| {
                let body = format!("11010819900307{n:03}");
                let check = crate::detect::resident_id::check_char(body.as_bytes()) as char;
                format!("{body}{check}")
            })
            .find(|s| s.bytes().all(|b| b.is_ascii_digit()) && luhn_valid(s.as_bytes()))
            .unwrap();
        assert!(find(&format!("卡号{id}")).is_empty(), "{id}");
        // a mistyped ID introduced as one is not a card either
        let bad = (0..100)
            .map(|n| card(&format!("620102199003071{n:02}")))
            .find(|c| !crate::detect::resident_id::is_valid(c))
            .unwrap();
        assert_eq!(find(&format!("编号{bad}")), std::slice::from_ref(&bad));
        assert!(find(&format!("身份证号：{bad}")).is_empty());
    }
}
