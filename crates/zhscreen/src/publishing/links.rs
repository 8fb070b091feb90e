//! Links by their host (不得链接商业广告页面: XX区制度第八条, 维西制度第七条, 郴州制度第七条).
//!
//! The URLs are found by [`crate::detect::url`]; here the host is looked up in `@list hosts`, the
//! longest listed suffix winning (`item.taobao.com` → `taobao.com`):
//!
//! | kind | finding |
//! |---|---|
//! | `gov` (`gov.cn` and its subdomains), `approved` | none: the link passes |
//! | `ecommerce`, `marketplace`, `shop`, `ad` | `review`, [`super::LINK_COMMERCIAL`] |
//! | `shortlink` | `review`, [`super::LINK_SHORTLINK`]: the target cannot be seen |
//! | not listed (an IP address too) | `info`, [`super::LINK_UNKNOWN`], the host in the note |
//!
//! Decision: commercial links are category `publishing`, not `advertising`: what is wrong is the
//! link a government account publishes (a rule of the publishing regulations), whatever the page
//! says; the advertising category is for advertising wording in the text itself.

use super::{LINK_COMMERCIAL, LINK_SHORTLINK, LINK_UNKNOWN};
use crate::category::Severity;
use crate::lists::HostKind;
use crate::messages::Messages;
use rustc_hash::FxHashMap;

/// The host of a URL as the detector found it (with or without a scheme), lower-cased.
pub(crate) fn host_of(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    host.to_string()
}

/// The kind of `host` by the longest listed suffix.
pub(crate) fn kind_of(host: &str, hosts: &FxHashMap<String, HostKind>) -> Option<HostKind> {
    let mut h = host;
    loop {
        if let Some(k) = hosts.get(h) {
            return Some(*k);
        }
        h = h.split_once('.')?.1;
    }
}

pub(super) fn classify(
    url: &str,
    hosts: &FxHashMap<String, HostKind>,
    m: &dyn Messages,
) -> Option<(Severity, &'static str, String)> {
    let host = host_of(url);
    match kind_of(&host, hosts) {
        Some(k) if k.passes() => None,
        Some(HostKind::Shortlink) => Some((
            Severity::Review,
            LINK_SHORTLINK,
            m.link_commercial(HostKind::Shortlink, &host),
        )),
        Some(k) => Some((
            Severity::Review,
            LINK_COMMERCIAL,
            m.link_commercial(k, &host),
        )),
        None => Some((Severity::Info, LINK_UNKNOWN, m.link_unknown(&host))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_by_longest_suffix() {
        let hosts: FxHashMap<String, HostKind> = [
            ("gov.cn".to_string(), HostKind::Gov),
            ("taobao.com".to_string(), HostKind::Ecommerce),
            ("s.click.taobao.com".to_string(), HostKind::Shortlink),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            host_of("HTTPS://Item.Taobao.com/item.htm?id=1"),
            "item.taobao.com"
        );
        assert_eq!(host_of("www.gov.cn."), "www.gov.cn");
        assert_eq!(host_of("http://1.2.3.4:8080/x"), "1.2.3.4");
        assert_eq!(
            kind_of("item.taobao.com", &hosts),
            Some(HostKind::Ecommerce)
        );
        assert_eq!(
            kind_of("s.click.taobao.com", &hosts),
            Some(HostKind::Shortlink)
        );
        assert_eq!(kind_of("www.yn.gov.cn", &hosts), Some(HostKind::Gov));
        assert_eq!(kind_of("notgov.cn", &hosts), None);
        let m = crate::messages::Lang::Zh.messages();
        assert!(classify("http://www.gov.cn/zhengce", &hosts, m).is_none());
        assert_eq!(
            classify("example.org", &hosts, m).unwrap().0,
            Severity::Info
        );
        assert!(classify("example.org", &hosts, m)
            .unwrap()
            .2
            .contains("example.org"));
    }
}
