//! The page and the 审核表, rendered with minijinja templates (`templates/`, compiled in) that
//! escape every value they show: a draft holding `<script>` shows it as text.

use crate::drafts::{Draft, Version};
use crate::{Desk, Error, Result};
use minijinja::{context, Environment, Value};
use serde::Serialize;
use zhscreen::{Category, Finding, Lang, Report, Severity, SignOffLevel};

pub(crate) struct Templates {
    env: Environment<'static>,
}

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("draft.html", include_str!("../templates/draft.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("sheet.html", include_str!("../templates/sheet.html")),
    ("macros.html", include_str!("../templates/macros.html")),
];

impl Templates {
    pub(crate) fn new() -> Templates {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            // The templates are part of the program: a syntax error fails every test.
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("template {name}: {e}"));
        }
        env.add_filter("zh", zh);
        env.add_filter("localtime", localtime);
        Templates { env }
    }

    pub(crate) fn render(&self, name: &str, ctx: Value) -> Result<String> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| Error::Internal(format!("template {name}: {e:#}")))
    }
}

/// `{{ value | zh("state") }}`: the Chinese label of an id.
fn zh(value: String, what: String) -> String {
    use crate::workflow::{Decision, Role, Stage, State};
    let label = match what.as_str() {
        "state" => value.parse::<State>().ok().map(State::label_zh),
        "stage" => value.parse::<Stage>().ok().map(Stage::label_zh),
        "decision" => value.parse::<Decision>().ok().map(Decision::label_zh),
        "role" => value.parse::<Role>().ok().map(Role::label_zh),
        "verdict" | "severity" => Some(match value.as_str() {
            "pass" => "通过",
            "info" => "提示信息",
            "warn" => "提醒",
            "review" => "需人工复核",
            "block" => "禁止发布",
            _ => "",
        }),
        "category" => value.parse::<Category>().ok().map(Category::label_zh),
        "event" => Some(crate::audit::Kind::label_zh(&value)),
        _ => None,
    };
    label.unwrap_or("").to_string()
}

/// `{{ at | localtime }}`: an RFC 3339 time in the machine's time zone, to the second.
fn localtime(value: String) -> String {
    match value.parse::<jiff::Timestamp>() {
        Ok(ts) => ts
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string(),
        Err(_) => value,
    }
}

/// A piece of the text: plain, or a finding to highlight.
#[derive(Debug, Serialize, PartialEq)]
pub(crate) struct Segment {
    text: String,
    /// The finding's number (1-based) in the report, for the marks.
    n: Option<usize>,
    severity: Option<&'static str>,
    title: Option<String>,
}

fn title(f: &Finding) -> String {
    let mut t = format!("{}：{}", f.category.label_zh(), f.rule);
    if let Some(s) = &f.suggestion {
        t.push_str(&format!("；建议：{s}"));
    }
    if let Some(n) = &f.note {
        t.push_str(&format!("；{n}"));
    }
    t
}

/// Cuts `text` into plain pieces and findings (overlapping findings are cut where the previous
/// one ends; every byte of the text is in exactly one piece).
pub(crate) fn segments(text: &str, report: &Report) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = 0;
    for (i, f) in report.findings.iter().enumerate() {
        let start = f.start.max(at);
        let end = f.end;
        if start >= end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push(Segment {
                text: text[at..start].to_string(),
                n: None,
                severity: None,
                title: None,
            });
        }
        out.push(Segment {
            text: text[start..end].to_string(),
            n: Some(i + 1),
            severity: Some(f.severity.as_str()),
            title: Some(title(f)),
        });
        at = end;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_string(),
            n: None,
            severity: None,
            title: None,
        });
    }
    out
}

#[derive(Serialize)]
struct VersionView<'a> {
    version: &'a Version,
    segments: Vec<Segment>,
    blocks: usize,
    /// The sign-offs by stage: 初审, 复审, 终审 (each the last of that stage for the version).
    stages: Vec<StageView<'a>>,
    /// Who must sign (分级审核), when the report asks for more than the standard sign-off.
    sign_off: Option<SignOffView>,
}

/// The report's sign-off level in the reviewer's words, and the routing words that raised it.
#[derive(Serialize)]
struct SignOffView {
    level: &'static str,
    signer: String,
    words: Vec<String>,
}

fn sign_off_view(report: &Report) -> Option<SignOffView> {
    let s = &report.sign_off;
    if s.level == SignOffLevel::Standard {
        return None;
    }
    let m = Lang::Zh.messages();
    let mut words: Vec<String> = Vec::new();
    for r in &s.reasons {
        if !words.contains(&r.text) {
            words.push(r.text.clone());
        }
    }
    Some(SignOffView {
        level: m.sign_off_level(s.level),
        signer: m.signer(s.level),
        words,
    })
}

#[derive(Serialize)]
struct StageView<'a> {
    stage: &'static str,
    signature: Option<&'a crate::drafts::Signature>,
}

fn version_view(v: &Version) -> VersionView<'_> {
    use crate::workflow::Stage;
    VersionView {
        version: v,
        segments: segments(&v.text, &v.report),
        blocks: v
            .report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Block)
            .count(),
        stages: Stage::ALL
            .iter()
            .map(|s| StageView {
                stage: s.as_str(),
                signature: v.signatures.iter().rev().find(|x| x.stage == *s),
            })
            .collect(),
        sign_off: sign_off_view(&v.report),
    }
}

fn versions_view(draft: &Draft) -> Vec<VersionView<'_>> {
    draft.versions.iter().map(version_view).collect()
}

/// The 审核表 of a draft: a self-contained page to print.
pub(crate) fn sheet(desk: &Desk, draft: &Draft, head: &(i64, String)) -> Result<String> {
    desk.templates.render(
        "sheet.html",
        context! {
            draft => draft,
            versions => versions_view(draft),
            ruleset => desk.screener.ruleset(),
            head_id => head.0,
            head_hash => head.1,
            printed_at => crate::store::now(),
        },
    )
}

/// The page of one draft.
pub(crate) fn draft_page(
    desk: &Desk,
    session: &crate::session::Session,
    draft: &Draft,
    upload: bool,
) -> Result<String> {
    let current = draft.versions.last().map(version_view);
    let can_sign = draft.state.awaiting() == Some(session.user.role.stage());
    desk.templates.render(
        "draft.html",
        context! {
            user => session.user,
            csrf => session.csrf,
            draft => draft,
            current => current,
            versions => versions_view(draft),
            can_sign => can_sign,
            sign_stage => session.user.role.stage().as_str(),
            upload => upload,
        },
    )
}

pub(crate) fn home(
    desk: &Desk,
    session: &crate::session::Session,
    drafts: &[crate::drafts::Summary],
    upload: bool,
) -> Result<String> {
    desk.templates.render(
        "home.html",
        context! { user => session.user, csrf => session.csrf, drafts => drafts, upload => upload },
    )
}

pub(crate) fn login(desk: &Desk, csrf: &str, error: Option<&str>) -> Result<String> {
    desk.templates
        .render("login.html", context! { csrf => csrf, error => error })
}

pub(crate) fn error_page(desk: &Desk, status: u16, message: &str, back: &str) -> String {
    desk.templates
        .render(
            "error.html",
            context! { status => status, message => message, back => back },
        )
        .unwrap_or_else(|_| "<!doctype html><title>错误</title><p>服务器内部错误".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_the_text_once() {
        let s = zhscreen::Screener::new().unwrap();
        let text = "<b>出售海洛因</b>，联系13800138000。";
        let r = s.scan(text);
        assert!(r.findings.len() >= 2);
        let segs = segments(text, &r);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
        assert!(segs.iter().any(|s| s.n.is_some() && s.text == "海洛因"));
    }

    #[test]
    fn labels_are_chinese() {
        assert_eq!(zh("awaiting_second".into(), "state".into()), "待复审");
        assert_eq!(zh("block".into(), "verdict".into()), "禁止发布");
        assert_eq!(zh("drugs".into(), "category".into()), "毒品");
        assert_eq!(zh("draft_signed".into(), "event".into()), "签署同意");
    }
}
