//! E-mail addresses (`personal_info/email`).
//!
//! Found from each `@`: the local part is the run of `A-Z a-z 0-9 . _ % + -` before it (at most 64
//! characters, no leading, trailing or doubled dot), the domain the run of letters, digits, dots and
//! hyphens after it, with at least two labels and a top-level label of two or more letters; a
//! trailing dot (end of an English sentence) is not part of it. Chinese characters around the
//! address end it, so `发邮箱li.ming@example.com备案` gives `li.ming@example.com`.
//!
//! Decision: an address on a government domain (`gov.cn` or a subdomain) is an office's mailbox,
//! published on purpose (信箱 for 信访, 政务公开): it is reported at `info`. Every other address is
//! `review`: zhscreen cannot tell a person's from an organisation's.

use super::{context_before, personal, DetectText, Detection, Detector, PiiKind};
use crate::category::Severity;

/// Rule id.
pub const RULE: &str = "personal_info/email";

/// Context words for e-mail addresses, most specific first.
pub const CONTEXT: &[&str] = &[
    "电子邮箱",
    "电子邮件",
    "电子信箱",
    "邮箱",
    "邮件",
    "电邮",
    "信箱",
    "E-mail",
    "e-mail",
    "Email",
    "email",
    "EMAIL",
    "E-MAIL",
    "Mail",
    "mail",
];

fn local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// The end of a valid domain starting at `from`, or `None`.
fn domain_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut end = from;
    while end < bytes.len() && domain_char(bytes[end]) {
        end += 1;
    }
    while end > from && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let domain = &bytes[from..end];
    if domain.is_empty() || domain.len() > 253 {
        return None;
    }
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in domain.split(|&b| b == b'.') {
        if label.is_empty()
            || label.len() > 63
            || label[0] == b'-'
            || label[label.len() - 1] == b'-'
        {
            return None;
        }
        labels += 1;
        last = label;
    }
    (labels >= 2 && last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic)).then_some(end)
}

/// Whether a domain (any case) is `gov.cn` or one of its subdomains.
pub fn is_gov_cn(domain: &str) -> bool {
    let d = domain.to_ascii_lowercase();
    d == "gov.cn" || d.ends_with(".gov.cn")
}

/// Recognises e-mail addresses.
#[derive(Debug, Default, Clone)]
pub struct EmailDetector;

impl EmailDetector {
    /// The detector.
    pub fn new() -> Self {
        Self
    }
}

impl Detector for EmailDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let lang = text.lang;
        let text: &str = &text.text;
        let bytes = text.as_bytes();
        let mut last_end = 0;
        for at in memchr::memchr_iter(b'@', bytes) {
            if at < last_end {
                continue;
            }
            let mut start = at;
            while start > last_end && at - start < 64 && local_char(bytes[start - 1]) {
                start -= 1;
            }
            if start > 0 && local_char(bytes[start - 1]) && start > last_end {
                continue; // local part longer than 64 characters
            }
            if start > 0 && bytes[start - 1] == b'@' {
                continue; // a@b@c
            }
            while start < at && matches!(bytes[start], b'.' | b'-') {
                start += 1;
            }
            let local = &bytes[start..at];
            if local.is_empty()
                || local[local.len() - 1] == b'.'
                || local.windows(2).any(|w| w == b"..")
            {
                continue;
            }
            let Some(end) = domain_end(bytes, at + 1) else {
                continue;
            };
            if bytes.get(end) == Some(&b'@') {
                continue;
            }
            let domain = &text[at + 1..end];
            let government = is_gov_cn(domain);
            let severity = if government {
                Severity::Info
            } else {
                Severity::Review
            };
            let note = lang
                .messages()
                .email(government, context_before(text, start, CONTEXT));
            out.push(personal(start, end, severity, RULE, note, PiiKind::Email));
            last_end = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(t: &str) -> Vec<Detection> {
        crate::detect::test_support::detect(&EmailDetector, t)
    }

    fn find(t: &str) -> Vec<String> {
        crate::detect::test_support::find(&EmailDetector, t)
    }

    #[test]
    fn in_chinese_text() {
        assert_eq!(
            find("材料请发邮箱 li.ming@example.com 备案。"),
            ["li.ming@example.com"]
        );
        assert_eq!(
            find("发邮箱li.ming@example.com备案"),
            ["li.ming@example.com"]
        );
        let d = detect("发邮箱li.ming@example.com备案");
        assert_eq!(
            d[0].note.as_deref(),
            Some("电子邮箱地址，上下文“邮箱”，如为个人邮箱建议去标识化")
        );
        let en = crate::detect::test_support::detect_in(
            &EmailDetector,
            "发邮箱li.ming@example.com备案",
            crate::messages::Lang::En,
        );
        assert_eq!(en[0].note.as_deref(), Some("e-mail address; context 邮箱"));
        assert_eq!(d[0].severity, Severity::Review);
        assert_eq!(
            find("Write to a.b-c+tag@mail.example.org."),
            ["a.b-c+tag@mail.example.org"]
        );
        assert_eq!(find("邮箱：zhang_san@163.com，电话"), ["zhang_san@163.com"]);
        assert_eq!(find("x@a.cn、y@b.com.cn"), ["x@a.cn", "y@b.com.cn"]);
        assert_eq!(find("12345678@qq.com"), ["12345678@qq.com"]);
    }

    #[test]
    fn government_mailboxes_are_info() {
        let d = detect("来信请寄xinfang@hunan.gov.cn。");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(detect("office@GOV.CN")[0].severity, Severity::Info);
        assert_eq!(detect("a@notgov.cn")[0].severity, Severity::Review);
    }

    #[test]
    fn not_addresses() {
        for t in [
            "@人民日报 发布",
            "微博@湖南发布",
            "a@b",
            "a@b.c",
            "a@b.c1",
            "a@-b.com",
            "a@b..com",
            "a.@b.com",
            "a..b@c.com",
            "@example.com",
            "邮箱为l*******@example.com",
            "a@b.com@c.com",
        ] {
            assert!(find(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn long_local_parts_are_not_cut() {
        let t = format!("{}@example.com", "a".repeat(70));
        assert!(find(&t).is_empty());
        let t = format!("{}@example.com", "a".repeat(64));
        assert_eq!(find(&t).len(), 1);
    }
}
