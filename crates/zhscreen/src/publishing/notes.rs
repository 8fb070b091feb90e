//! Every reviewer-facing text of the publishing checks and of sign-off routing, in one place: the
//! Chinese note the report carries, with its English equivalent beside it (for the message
//! catalogue). The regulations cited are those of `docs/publishing.md`: XX区制度 (XX区政务新媒体信息
//! 审核发布管理制度), 神木办法 (神木市政务新媒体管理办法), 维西制度 (维西傈僳族自治县人民政府政务新媒体
//! 信息审核发布管理制度), 郴州制度 (郴州市政府网站和政务新媒体信息内容管理制度（试行）).

use crate::lists::HostKind;
use crate::signoff::SignOffLevel;

/// A repost that names no source.
pub(crate) fn repost_no_source() -> String {
    // en: "a repost without a named source: a repost must name its source (Shenmu measures art. 13 (2); Weixi rules art. 7)"
    "转载未注明来源：转载须注明信息来源（神木办法第十三条（二）；维西制度第七条）".to_string()
}

/// A source that is not a publisher (网络, 朋友圈...).
pub(crate) fn source_not_publisher(name: &str) -> String {
    // en: "source 「{name}」 is not a publisher: reposts come only from Party and government websites and the news units the authorities approve (XX district rules art. 8; Shenmu art. 13 (2); Weixi art. 7)"
    format!("来源「{name}」不是稿源单位：原则上只转载党委和政府网站以及有关主管部门确定的稿源单位发布的信息（XX区制度第八条；神木办法第十三条（二）；维西制度第七条）")
}

/// A named source that is not on the approved list.
pub(crate) fn source_not_approved(name: &str) -> String {
    // en: "source 「{name}」 is not on the unit's list of approved sources: check it (add it to `@list approved_sources` if it is one)"
    format!("来源「{name}」不在认可的稿源单位名单中，请核实；如属稿源单位，可在 @list approved_sources 中添加（XX区制度第八条；维西制度第七条）")
}

/// A name preceded by `n` titles.
pub(crate) fn title_chain(n: usize) -> String {
    // en: "{n} titles before the name: a county leader's news names at most two of his titles; keep the first two (Weixi rules art. 4 (1))"
    format!("职务称谓{n}个：县级领导新闻报道中的职务称谓根据会议活动内容确定，不必报道担任的全部职务，一般不超过2个；建议保留前两个（维西制度第四条（一））")
}

/// The Chinese name of a kind of host.
fn host_kind(kind: HostKind) -> &'static str {
    // en: government site, approved site, e-commerce site, marketplace, shop or shop mini-program, short link, advertising or landing page
    match kind {
        HostKind::Gov => "政府网站",
        HostKind::Approved => "认可网站",
        HostKind::Ecommerce => "电商网站",
        HostKind::Marketplace => "交易或生活服务平台",
        HostKind::Shop => "网店或小程序商城",
        HostKind::Shortlink => "短链接服务",
        HostKind::Ad => "广告或推广落地页",
    }
}

/// A link to a commercial host.
pub(crate) fn link_commercial(kind: HostKind, host: &str) -> String {
    if kind == HostKind::Shortlink {
        // en: "short link 「{host}」: its target cannot be seen; open it and check it, links to commercial advertising pages are not allowed (XX district art. 8; Weixi art. 7; Chenzhou art. 7)"
        return format!("短链接「{host}」：看不出目标页面，请展开核实；不得链接商业广告页面（XX区制度第八条；维西制度第七条；郴州制度第七条）");
    }
    // en: "link to a {kind} 「{host}」: no commercial advertising and no link to a commercial advertising page (XX district art. 8; Weixi art. 7; Chenzhou art. 7)"
    format!(
        "链接到{}「{host}」：不得刊登商业广告或链接商业广告页面（XX区制度第八条；维西制度第七条；郴州制度第七条）",
        host_kind(kind)
    )
}

/// A link to a host on no list.
pub(crate) fn link_unknown(host: &str) -> String {
    // en: "external link, host 「{host}」: not a government or approved site; check what the page is"
    format!("外部链接，主机「{host}」：不在政府网站和认可网站名单中，请核实链接内容")
}

/// A demand on the public: `marker` makes `action` an obligation.
pub(crate) fn forced_engagement(action: &str, marker: &str) -> String {
    // en: "「{marker}」 makes 「{action}」 a demand: the public must not be forced to download, follow, like or forward (XX district art. 15; Shenmu art. 19); an invitation such as 欢迎关注 is fine"
    format!("「{marker}」使「{action}」成为强制要求：不得强制要求群众下载使用移动客户端或点赞、转发信息（XX区制度第十五条；神木办法第十九条）；“欢迎关注”式的邀请不在此列")
}

/// Who signs at a level (分级审核).
pub(crate) fn signer(level: SignOffLevel) -> &'static str {
    // en: standard: the deputy in charge signs (一般信息由分管负责人终审); important: the leader in charge signs; major: the head of the unit signs, after the county government office
    match level {
        SignOffLevel::Standard => "分管负责人终审",
        SignOffLevel::Important => "分管领导审定签发",
        SignOffLevel::Major => "主要负责人审签，并报县（市）政府办公室审核",
    }
}

/// The default note of a routing word of `level`.
pub(crate) fn sign_off(level: SignOffLevel) -> &'static str {
    match level {
        // en: "ordinary information: the deputy in charge gives the final sign-off (Chenzhou art. 14)"
        SignOffLevel::Standard => "一般信息由分管负责人终审后发布（郴州制度第十四条）",
        // en: "important information: signed by the leader in charge; content about county leaders or other units goes to them first (Weixi art. 9 (2))"
        SignOffLevel::Important => "重要信息由主办单位分管领导审定签发；涉及县级领导和其他单位工作内容的，提前报有关单位和人员审定（维西制度第九条（二））",
        // en: "major, sudden or sensitive information: signed by the head of the unit and reported to the county government office before publication (Weixi art. 4 (2), art. 9 (2); Chenzhou art. 14)"
        SignOffLevel::Major => "重大、突发、敏感信息由主办单位主要负责人审签，发布前报县政府办公室审核（维西制度第四条（二）、第九条（二）；郴州制度第十四条）",
    }
}
