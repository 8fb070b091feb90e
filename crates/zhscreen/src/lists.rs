//! Named lists: the data of the publishing checks and of sign-off routing that is not a term to
//! report — approved 稿源单位, link hosts and their kinds, 职务 words, surnames, the words that make
//! a demand on the public, and the routing words. They live in wordlist files after a
//! `@list NAME` line (see `wordlists/README.md`), so that a unit adds its own approved sources and
//! hosts the way it adds terms: a user file in its wordlist directory, merged over the defaults.
//!
//! ```
//! let screener = zhscreen::Screener::builder()
//!     .wordlist_text("ours.txt", "@list approved_sources\n维西融媒\n")
//!     .build()?;
//! assert!(screener.scan("来源：维西融媒").findings.is_empty());
//! # Ok::<(), zhscreen::Error>(())
//! ```

use crate::normalize::fold_term;
use crate::ruleset::{Diagnostic, DiagnosticKind};
use crate::signoff::SignOffLevel;
use crate::wordlist::Wordlist;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Which named list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListName {
    /// 稿源单位 whose content may be reposted (option `suffix`: any name ending with the item).
    ApprovedSources,
    /// Sources that are not publishers (网络, 朋友圈, 微信群, 网友...).
    NonPublisherSources,
    /// Labels that introduce a source (来源, 转自...); option `direct`: the name may follow
    /// without a colon.
    RepostMarkers,
    /// Phrases that say a text is a repost (本文转载...), with or without a source.
    RepostClaims,
    /// Link hosts and their kind (`kind=gov|approved|ecommerce|marketplace|shop|shortlink|ad`).
    Hosts,
    /// 职务 words that end a title (书记, 县长, 局长...).
    Titles,
    /// Surnames that may start the name after a title chain.
    Surnames,
    /// What the public may be asked to do (点赞, 转发朋友圈, 关注公众号, 下载APP...).
    EngagementActions,
    /// What turns an invitation into a demand: obligations, quotas, deadlines, screenshot checks.
    CoercionMarkers,
    /// Words that make a sentence forbid the demand rather than make it (不得, 严禁...).
    Negations,
    /// Routing words (`level=major|important`).
    SignOff,
    /// Routine texts whose routing words do not route (森林防火, 暴雨蓝色预警...).
    SignOffRoutine,
}

impl ListName {
    /// Every list, in file order.
    pub const ALL: [ListName; 12] = [
        ListName::ApprovedSources,
        ListName::NonPublisherSources,
        ListName::RepostMarkers,
        ListName::RepostClaims,
        ListName::Hosts,
        ListName::Titles,
        ListName::Surnames,
        ListName::EngagementActions,
        ListName::CoercionMarkers,
        ListName::Negations,
        ListName::SignOff,
        ListName::SignOffRoutine,
    ];

    /// The id written after `@list`.
    pub fn as_str(self) -> &'static str {
        match self {
            ListName::ApprovedSources => "approved_sources",
            ListName::NonPublisherSources => "non_publisher_sources",
            ListName::RepostMarkers => "repost_markers",
            ListName::RepostClaims => "repost_claims",
            ListName::Hosts => "hosts",
            ListName::Titles => "titles",
            ListName::Surnames => "surnames",
            ListName::EngagementActions => "engagement_actions",
            ListName::CoercionMarkers => "coercion_markers",
            ListName::Negations => "negations",
            ListName::SignOff => "sign_off",
            ListName::SignOffRoutine => "sign_off_routine",
        }
    }

    /// The options an item of this list may take (besides `note=`, which every list takes).
    fn options(self) -> &'static str {
        match self {
            ListName::ApprovedSources => "suffix",
            ListName::RepostMarkers => "direct",
            ListName::Hosts => "kind=",
            ListName::SignOff => "level=",
            _ => "",
        }
    }
}

impl fmt::Display for ListName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ListName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ListName::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| {
                let ids: Vec<&str> = ListName::ALL.iter().map(|l| l.as_str()).collect();
                format!("unknown list `{s}` (expected one of: {})", ids.join(", "))
            })
    }
}

/// What kind of site a link host is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HostKind {
    /// A government site (`gov.cn` and its subdomains): passes.
    Gov,
    /// A site the unit approves (central and provincial news units...): passes.
    Approved,
    /// A shopping site (淘宝, 京东...): review.
    Ecommerce,
    /// A marketplace or local-services platform (闲鱼, 58同城, 美团...): review.
    Marketplace,
    /// A shop builder or shop mini-program host (有赞, 微店...): review.
    Shop,
    /// A short-link service: the target cannot be seen, review.
    Shortlink,
    /// An advertising or landing-page host: review.
    Ad,
}

impl HostKind {
    /// Every kind.
    pub const ALL: [HostKind; 7] = [
        HostKind::Gov,
        HostKind::Approved,
        HostKind::Ecommerce,
        HostKind::Marketplace,
        HostKind::Shop,
        HostKind::Shortlink,
        HostKind::Ad,
    ];

    /// The id used in `kind=`.
    pub fn as_str(self) -> &'static str {
        match self {
            HostKind::Gov => "gov",
            HostKind::Approved => "approved",
            HostKind::Ecommerce => "ecommerce",
            HostKind::Marketplace => "marketplace",
            HostKind::Shop => "shop",
            HostKind::Shortlink => "shortlink",
            HostKind::Ad => "ad",
        }
    }

    /// Whether a link to such a host passes without a finding.
    pub fn passes(self) -> bool {
        matches!(self, HostKind::Gov | HostKind::Approved)
    }
}

impl FromStr for HostKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HostKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown host kind `{s}` (expected gov, approved, ecommerce, marketplace, shop, shortlink or ad)")
            })
    }
}

/// One item of a named list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The list.
    pub list: ListName,
    /// The item as written.
    pub text: String,
    /// What it is compared by: the folded text (a lower-case host for `hosts`).
    pub key: String,
    /// `suffix` (approved sources) or `direct` (repost markers).
    pub flag: bool,
    /// `kind=` of a host.
    pub kind: Option<HostKind>,
    /// `level=` of a routing word.
    pub level: Option<SignOffLevel>,
    /// `note=`.
    pub note: Option<String>,
    /// 1-based line in its source.
    pub line: usize,
}

/// Parses the line of an item of `list` (the wordlist parser calls it after `@list`).
pub(crate) fn parse_item(list: ListName, line: &str, line_no: usize) -> Result<ListItem, String> {
    let (body, options) = match line.find('|') {
        Some(i) => (line[..i].trim(), Some(line[i + 1..].trim())),
        None => (line.trim(), None),
    };
    if body.is_empty() {
        return Err(format!("an item of `@list {list}` with no text"));
    }
    let key = if list == ListName::Hosts {
        host_key(body)?
    } else {
        let k = fold_term(body);
        if k.is_empty() {
            return Err(format!("`{body}` is only noise and can never match"));
        }
        k
    };
    let mut item = ListItem {
        list,
        text: body.to_string(),
        key,
        flag: false,
        kind: None,
        level: None,
        note: None,
        line: line_no,
    };
    let mut rest = options.unwrap_or("");
    if options.is_some() && rest.is_empty() {
        return Err("a `|` with no option after it".into());
    }
    while !rest.is_empty() {
        if let Some(note) = rest.strip_prefix("note=") {
            let note = note.trim();
            if note.is_empty() {
                return Err("`note=` is empty".into());
            }
            item.note = Some(note.to_string());
            break;
        }
        let (opt, tail) = rest.split_once(',').unwrap_or((rest, ""));
        rest = tail.trim_start();
        let (key, value) = opt.trim().split_once('=').unwrap_or((opt.trim(), ""));
        match (list, key.trim(), value.trim()) {
            (ListName::ApprovedSources, "suffix", "") | (ListName::RepostMarkers, "direct", "") => {
                item.flag = true
            }
            (ListName::Hosts, "kind", v) => item.kind = Some(v.parse()?),
            (ListName::SignOff, "level", v) => {
                let level: SignOffLevel = v.parse()?;
                if level == SignOffLevel::Standard {
                    return Err("`level=standard` routes nothing: use major or important".into());
                }
                item.level = Some(level);
            }
            (_, "", _) => return Err("an empty option (two commas, or a trailing `,`)".into()),
            (_, k, _) => {
                let allowed = match list.options() {
                    "" => "only note=".to_string(),
                    o => format!("{o} and note="),
                };
                return Err(format!(
                    "unknown option `{k}` for `@list {list}` (it takes {allowed})"
                ));
            }
        }
    }
    if list == ListName::Hosts && item.kind.is_none() {
        return Err(format!(
            "host `{body}` needs `| kind=...` (gov, approved, ecommerce, marketplace, shop, shortlink or ad)"
        ));
    }
    if list == ListName::SignOff && item.level.is_none() {
        return Err(format!(
            "routing word `{body}` needs `| level=major` or `| level=important`"
        ));
    }
    Ok(item)
}

/// A host written in a list: letters, digits, hyphens and dots, at least two labels.
fn host_key(body: &str) -> Result<String, String> {
    let host = body.to_ascii_lowercase();
    let ok_labels = host.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    if !ok_labels || !host.contains('.') {
        return Err(format!(
            "`{body}` is not a host name (letters, digits and hyphens in two or more dot-separated labels, e.g. `taobao.com`)"
        ));
    }
    Ok(host)
}

/// The named lists after merging: per list, items by key; a later item with the same key replaces
/// an earlier one (a unit's `taobao.com | kind=approved` overrides the default).
#[derive(Debug, Clone, Default)]
pub struct NamedLists {
    lists: BTreeMap<ListName, BTreeMap<String, (ListItem, String)>>,
}

impl NamedLists {
    /// Merges the named-list items of `lists` in order; duplicates and overrides become
    /// diagnostics (and so lint issues).
    pub(crate) fn merge(lists: &[Wordlist], diagnostics: &mut Vec<Diagnostic>) -> NamedLists {
        let mut out = NamedLists::default();
        for list in lists {
            for item in &list.items {
                let origin = format!("{}:{}", list.source, item.line);
                let slot = out.lists.entry(item.list).or_default();
                if let Some((prev, prev_origin)) = slot.get(&item.key) {
                    let same = prev.flag == item.flag
                        && prev.kind == item.kind
                        && prev.level == item.level
                        && prev.note == item.note;
                    let duplicate = same && prev_origin.split(':').next() == Some(&list.source);
                    let message = if duplicate {
                        format!(
                            "duplicate entry `{}` in @list {} (first at {prev_origin})",
                            item.text, item.list
                        )
                    } else {
                        format!(
                            "`{}` overrides the entry at {prev_origin} (same @list {} item)",
                            item.text, item.list
                        )
                    };
                    diagnostics.push(Diagnostic {
                        kind: if duplicate {
                            DiagnosticKind::Duplicate
                        } else {
                            DiagnosticKind::Override
                        },
                        origin: origin.clone(),
                        message,
                    });
                }
                slot.insert(item.key.clone(), (item.clone(), origin));
            }
        }
        out
    }

    /// The items of one list, ordered by key.
    pub fn items(&self, list: ListName) -> impl Iterator<Item = &ListItem> {
        self.lists
            .get(&list)
            .into_iter()
            .flat_map(|m| m.values().map(|(item, _)| item))
    }

    /// Where an item was defined (`file:line`).
    pub fn origin(&self, list: ListName, key: &str) -> Option<&str> {
        self.lists.get(&list)?.get(key).map(|(_, o)| o.as_str())
    }

    /// A canonical byte string of what the lists mean, for the ruleset fingerprint.
    pub(crate) fn canonical(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, items) in &self.lists {
            for (key, (item, _)) in items {
                for field in [
                    name.as_str(),
                    key.as_str(),
                    if item.flag { "1" } else { "0" },
                    item.kind.map_or("", HostKind::as_str),
                    item.level.map_or("", SignOffLevel::as_str),
                    item.note.as_deref().unwrap_or(""),
                ] {
                    out.extend((field.len() as u64).to_le_bytes());
                    out.extend(field.as_bytes());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_and_their_options() {
        let i = parse_item(ListName::Hosts, "Item.Taobao.com | kind=ecommerce", 3).unwrap();
        assert_eq!(
            (i.key.as_str(), i.kind),
            ("item.taobao.com", Some(HostKind::Ecommerce))
        );
        let i = parse_item(
            ListName::ApprovedSources,
            "人民政府 | suffix, note=党委和政府网站",
            1,
        )
        .unwrap();
        assert!(i.flag);
        assert_eq!(i.note.as_deref(), Some("党委和政府网站"));
        let i = parse_item(ListName::SignOff, "群体性事件 | level=major", 1).unwrap();
        assert_eq!(i.level, Some(SignOffLevel::Major));
    }

    #[test]
    fn bad_items_say_why() {
        let err = |l, t| parse_item(l, t, 1).unwrap_err();
        assert!(err(ListName::Hosts, "taobao").contains("not a host"));
        assert!(err(ListName::Hosts, "taobao.com").contains("kind="));
        assert!(err(ListName::Hosts, "taobao.com | kind=shopping").contains("unknown host kind"));
        assert!(err(ListName::SignOff, "地震").contains("level="));
        assert!(err(ListName::SignOff, "地震 | level=standard").contains("routes nothing"));
        assert!(err(ListName::Titles, "县长 | suffix").contains("only note="));
        assert!(err(ListName::Titles, "县长 |").contains("no option"));
        assert!("colours"
            .parse::<ListName>()
            .unwrap_err()
            .contains("approved_sources"));
    }
}
