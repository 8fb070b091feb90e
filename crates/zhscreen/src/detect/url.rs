//! Links: `http://` and `https://` URLs, bare domains (`item.taobao.com/...`, `www.example.com`)
//! and short links (`t.cn/A6x`). Found here, with the other ASCII detectors; what a link means is
//! decided from its host by the publishing checks (`@list hosts`), so every link found is reported
//! as `publishing/link` and classified by the screener (a government host passes, a shop is
//! `review`, an unknown host `info`).
//!
//! Found from each `.` (Chinese text has few ASCII dots, so most of it is skipped by `memchr`): the
//! host is the run of letters, digits, hyphens and dots around it, with at least two labels; a
//! `http://` or `https://` right before it makes it a URL whatever its last label, otherwise the
//! last label must be a top-level domain of [`TLDS`] (so `3.14`, `v1.2`, `report.pdf`, `No.1`
//! and `e.g.` are not links). A port, path, query and fragment after the host belong to the link;
//! punctuation that ends an English sentence (`.`, `,`, `)`...) does not.
//!
//! Decision: an e-mail address is not a link. A host right after `@`, or a run right before `@`,
//! is left to the e-mail detector ([`super::email`]), so `li.ming@example.com` is reported once,
//! as an e-mail.

use super::{DetectText, Detection, Detector, PiiKind};
use crate::category::{Category, Severity};

/// Rule id of a link before the publishing checks classify it.
pub const RULE: &str = "publishing/link";

/// Top-level domains a bare domain (without `http://`) must end with.
pub const TLDS: &[&str] = &[
    "com", "cn", "net", "org", "gov", "edu", "info", "biz", "io", "co", "me", "tv", "cc", "top",
    "xyz", "vip", "shop", "site", "online", "club", "store", "tech", "app", "link", "live", "fun",
    "pub", "ink", "work", "mobi", "asia", "pro", "wang", "hk", "tw", "mo", "jp", "kr", "uk", "us",
    "de", "fr", "ru", "ly", "gl", "im", "gd", "la", "so", "to", "ai",
];

fn host_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// Characters of a path, query or fragment (RFC 3986 unreserved, reserved and `%`).
fn path_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b':'
                | b'/'
                | b'?'
                | b'#'
                | b'['
                | b']'
                | b'@'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b'%'
        )
}

/// Whether `bytes[..end]` ends with `word`, any case.
fn ends_with_ci(bytes: &[u8], end: usize, word: &[u8]) -> bool {
    end >= word.len() && bytes[end - word.len()..end].eq_ignore_ascii_case(word)
}

/// Whether `host` is a host name: two or more labels of letters, digits and inner hyphens; with
/// `scheme`, any last label, else one of [`TLDS`].
fn valid_host(host: &[u8], scheme: bool) -> bool {
    if host.len() > 253 {
        return false;
    }
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in host.split(|&b| b == b'.') {
        if label.is_empty()
            || label.len() > 63
            || label[0] == b'-'
            || label[label.len() - 1] == b'-'
        {
            return false;
        }
        labels += 1;
        last = label;
    }
    if labels < 2 {
        return false;
    }
    if scheme {
        return true;
    }
    TLDS.iter().any(|t| last.eq_ignore_ascii_case(t.as_bytes()))
}

/// Finds links.
#[derive(Debug, Default, Clone)]
pub struct UrlDetector;

impl UrlDetector {
    /// The detector.
    pub fn new() -> Self {
        Self
    }
}

/// The `(start, end)` byte ranges of the links in `text`, left to right.
pub fn find(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut last_end = 0;
    for dot in memchr::memchr_iter(b'.', bytes) {
        if dot < last_end {
            continue;
        }
        let mut hs = dot;
        while hs > last_end && host_char(bytes[hs - 1]) {
            hs -= 1;
        }
        let mut he = dot + 1;
        while he < bytes.len() && host_char(bytes[he]) {
            he += 1;
        }
        last_end = he;
        // the host is neither started nor ended by a dot or hyphen
        while hs < dot && matches!(bytes[hs], b'.' | b'-') {
            hs += 1;
        }
        while he > dot + 1 && matches!(bytes[he - 1], b'.' | b'-') {
            he -= 1;
        }
        if hs >= dot || he <= dot + 1 {
            continue;
        }
        // an e-mail address: the host after `@`, or the local part before it
        if (hs > 0 && bytes[hs - 1] == b'@') || bytes.get(he) == Some(&b'@') {
            continue;
        }
        let scheme_start = if ends_with_ci(bytes, hs, b"https://") {
            Some(hs - 8)
        } else if ends_with_ci(bytes, hs, b"http://") {
            Some(hs - 7)
        } else {
            None
        };
        // Part of something else: `ftp://`, a file path, an identifier, `key:value` (a colon
        // right after a word; `链接：weidian.com`, whose `：` the view folds, is a link).
        let glued_before = hs > 0
            && (matches!(bytes[hs - 1], b'/' | b'_')
                || (bytes[hs - 1] == b':' && hs > 1 && bytes[hs - 2].is_ascii_alphanumeric()));
        if scheme_start.is_none() && glued_before {
            continue;
        }
        if !valid_host(&bytes[hs..he], scheme_start.is_some()) {
            continue;
        }
        let start = scheme_start.filter(|s| !glued(bytes, *s)).unwrap_or(hs);
        if start == hs && scheme_start.is_some() {
            continue; // `xhttp://`: glued to a word before it
        }
        let mut end = he;
        if matches!(bytes.get(end), Some(b':' | b'/' | b'?' | b'#')) {
            let mut p = end;
            while p < bytes.len() && path_char(bytes[p]) {
                p += 1;
            }
            // sentence punctuation and unbalanced closing brackets after the link are not part of it
            // (and an opening bracket: `https://t.cn/A6x（点击领取）`, whose `（` the view folds)
            while p > end
                && matches!(
                    bytes[p - 1],
                    b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'('
                )
            {
                p -= 1;
            }
            let count = |b: u8| bytes[end..p].iter().filter(|&&x| x == b).count();
            let (open, mut close) = (count(b'('), count(b')'));
            while p > end && bytes[p - 1] == b')' && close > open {
                p -= 1;
                close -= 1;
            }
            end = p;
        }
        last_end = last_end.max(end);
        out.push((start, end));
    }
    out
}

/// Whether the scheme at `s` is glued to an ASCII letter or digit before it.
fn glued(bytes: &[u8], s: usize) -> bool {
    s > 0 && bytes[s - 1].is_ascii_alphanumeric()
}

impl Detector for UrlDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        for (start, end) in find(&text.text) {
            out.push(Detection {
                start,
                end,
                category: Category::Publishing,
                severity: Severity::Info,
                rule: RULE,
                note: None,
                kind: PiiKind::Public,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(t: &str) -> Vec<&str> {
        find(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn urls_bare_domains_and_short_links() {
        assert_eq!(
            links("详见https://www.gov.cn/zhengce/2024-01/05/content_1.htm。"),
            ["https://www.gov.cn/zhengce/2024-01/05/content_1.htm"]
        );
        assert_eq!(
            links("复制item.taobao.com/item.htm?id=123打开"),
            ["item.taobao.com/item.htm?id=123"]
        );
        assert_eq!(links("戳t.cn/A6xYz8，马上抢"), ["t.cn/A6xYz8"]);
        assert_eq!(links("官网 WWW.EXAMPLE.COM."), ["WWW.EXAMPLE.COM"]);
        assert_eq!(
            links("(see http://a.example/x(1)) ok"),
            ["http://a.example/x(1)"]
        );
        assert_eq!(
            links("访问http://192.168.1.1:8080/admin"),
            ["http://192.168.1.1:8080/admin"]
        );
        assert_eq!(links("见 example.com, 和 b.cn;"), ["example.com", "b.cn"]);
        assert_eq!(
            links("微店链接:weidian.com/?userid=1234"),
            ["weidian.com/?userid=1234"]
        );
        assert!(links("ftp://files.example.com and key:b.cn").is_empty());
        // The detectors' view folds `（` to `(`: an opening bracket never ends a link.
        assert_eq!(
            links("访问https://bit.ly/abc(点击领取)"),
            ["https://bit.ly/abc"]
        );
    }

    #[test]
    fn look_alikes_are_not_links() {
        for t in [
            "增长5.0%，达到3.14亿元",
            "版本v1.2.3发布",
            "附件report.pdf和data.xlsx",
            "No.1 e.g. i.e. Ph.D",
            "第1.2节",
            "ftp://files.example.com/x",
            "C:/Users/a.b/file.txt",
            "xhttp://example.com",
        ] {
            assert!(links(t).is_empty(), "{t}: {:?}", links(t));
        }
    }

    #[test]
    fn e_mail_addresses_are_left_to_the_e_mail_detector() {
        assert!(links("邮箱li.ming@example.com联系").is_empty());
        assert!(links("zhang@mail.yn.gov.cn").is_empty());
        assert_eq!(links("邮箱a@b.com，网站www.b.com"), ["www.b.com"]);
    }
}
