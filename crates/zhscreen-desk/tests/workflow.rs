//! The 三审制 through the API: roles (403), order and one stage per person (409), no 终审
//! approval over a `block` finding (409), returns and new versions, and the audit trail.

mod common;

use common::start;
use serde_json::json;
use zhscreen_desk::DEFAULT_MAX_BODY;

const CLEAN: &str = "市政府召开常务会议，研究部署春季农业生产工作。";
const BLOCKED: &str = "本店出售海洛因，欢迎咨询。";

fn create(s: &common::Server, text: &str) -> i64 {
    let a = s.post(
        "/v1/drafts",
        &s.editor,
        json!({"title": "春耕通知", "platform": "门户网站", "text": text}),
    );
    assert_eq!(a.status, 201, "{}", a.body);
    let v = a.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["state"], "awaiting_first");
    assert_eq!(
        v["report"],
        serde_json::to_value(zhscreen::Screener::new().unwrap().scan(text)).unwrap()
    );
    v["id"].as_i64().unwrap()
}

fn state(s: &common::Server, id: i64) -> String {
    s.get(&format!("/v1/drafts/{id}"), Some(&s.head)).json()["state"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn three_stages_in_order_approve_a_clean_draft() {
    let s = start(DEFAULT_MAX_BODY);
    let id = create(&s, CLEAN);
    for (token, stage, next) in [
        (&s.editor, "first", "awaiting_second"),
        (&s.secrecy, "second", "awaiting_final"),
        (&s.head, "final", "approved"),
    ] {
        let a = s.sign(id, token, stage, "approve", "同意");
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.json()["state"], next);
    }
    let d = s.get(&format!("/v1/drafts/{id}"), Some(&s.secrecy)).json();
    assert_eq!(d["title"], "春耕通知");
    assert_eq!(d["platform"], "门户网站");
    let sigs = d["versions"][0]["signatures"].as_array().unwrap();
    let who: Vec<&str> = sigs
        .iter()
        .map(|x| x["reviewer"].as_str().unwrap())
        .collect();
    assert_eq!(who, ["张编辑", "李保密", "王主任"]);
    let kinds: Vec<&str> = d["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "draft_created",
            "draft_screened",
            "draft_signed",
            "draft_signed",
            "draft_signed"
        ]
    );
    // An approved draft cannot be signed again.
    assert_eq!(s.sign(id, &s.head, "final", "approve", "").status, 409);
    assert!(s.verify().is_ok());
}

#[test]
fn the_wrong_role_is_403_and_the_wrong_order_409() {
    let s = start(DEFAULT_MAX_BODY);
    let id = create(&s, CLEAN);
    // Only editors create and edit.
    for token in [&s.secrecy, &s.head] {
        let a = s.post(
            "/v1/drafts",
            token,
            json!({"title": "t", "platform": "p", "text": "x"}),
        );
        assert_eq!(a.status, 403, "{}", a.body);
        let a = s.put(&format!("/v1/drafts/{id}"), token, json!({"text": "x"}));
        assert_eq!(a.status, 403, "{}", a.body);
    }
    // Each stage by its role only.
    for (token, stage) in [
        (&s.secrecy, "first"),
        (&s.head, "first"),
        (&s.editor, "second"),
        (&s.head, "second"),
        (&s.editor, "final"),
        (&s.secrecy, "final"),
    ] {
        let a = s.sign(id, token, stage, "approve", "");
        assert_eq!(a.status, 403, "{stage}: {}", a.body);
        assert_eq!(a.json()["error"]["code"], "forbidden");
    }
    // Out of order.
    let a = s.sign(id, &s.secrecy, "second", "approve", "");
    assert_eq!(a.status, 409, "{}", a.body);
    assert!(a.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("待初审"));
    assert_eq!(s.sign(id, &s.head, "final", "approve", "").status, 409);
    assert_eq!(s.sign(id, &s.editor, "first", "approve", "").status, 200);
    // One stage per person and version: the same editor again, and the other editor.
    let a = s.sign(id, &s.editor, "first", "approve", "");
    assert_eq!(a.status, 409);
    assert!(
        a.body.contains("同一人对同一版本只能签署一个环节"),
        "{}",
        a.body
    );
    let a = s.sign(id, &s.editor2, "first", "approve", "");
    assert_eq!(a.status, 409);
    assert_eq!(s.sign(id, &s.head, "final", "approve", "").status, 409);
    assert_eq!(state(&s, id), "awaiting_second");
    // Bad stage or decision names are 400.
    let a = s.sign(id, &s.secrecy, "second", "maybe", "");
    assert_eq!(a.status, 400);
    assert!(a.body.contains("approve, return"), "{}", a.body);
    // Refusals write nothing.
    let events = s.get("/v1/audit", Some(&s.editor)).json()["events"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(events, 4 + 3); // four users, created, screened, one sign-off
}

#[test]
fn a_block_finding_stops_final_approval_until_a_new_version() {
    let s = start(DEFAULT_MAX_BODY);
    let id = create(&s, BLOCKED);
    assert_eq!(s.sign(id, &s.editor, "first", "approve", "").status, 200);
    assert_eq!(
        s.sign(id, &s.secrecy, "second", "approve", "交终审").status,
        200
    );
    let a = s.sign(id, &s.head, "final", "approve", "同意");
    assert_eq!(a.status, 409, "{}", a.body);
    assert!(a.body.contains("禁止发布"), "{}", a.body);
    // A return needs an opinion, then sends the draft back.
    assert_eq!(s.sign(id, &s.head, "final", "return", " ").status, 400);
    let a = s.sign(id, &s.head, "final", "return", "删除违法内容");
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["state"], "returned");
    assert_eq!(s.sign(id, &s.editor, "first", "approve", "").status, 409);
    // The editor makes version 2; the chain starts over at 初审.
    let a = s.put(
        &format!("/v1/drafts/{id}"),
        &s.editor,
        json!({"text": CLEAN}),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    assert_eq!(
        (v["version"].as_i64(), v["state"].as_str()),
        (Some(2), Some("awaiting_first"))
    );
    assert_eq!(v["report"]["verdict"], "pass");
    // A sign-off of version 1 (stale page) is refused; of version 2 it goes through.
    let stale = s.post(
        &format!("/v1/drafts/{id}/sign"),
        &s.editor,
        json!({"stage": "first", "decision": "approve", "version": 1}),
    );
    assert_eq!(stale.status, 409);
    for (token, stage) in [
        (&s.editor, "first"),
        (&s.secrecy, "second"),
        (&s.head, "final"),
    ] {
        assert_eq!(s.sign(id, token, stage, "approve", "").status, 200);
    }
    let d = s.get(&format!("/v1/drafts/{id}"), Some(&s.editor)).json();
    assert_eq!(d["state"], "approved");
    assert_eq!(d["versions"].as_array().unwrap().len(), 2);
    assert_eq!(d["versions"][0]["signatures"].as_array().unwrap().len(), 3);
    assert_eq!(d["versions"][0]["report"]["verdict"], "block");
    let v = s.verify().unwrap();
    assert_eq!(v.events, 4 + 2 + 3 + 2 + 3);
}

#[test]
fn the_audit_endpoint_pages_the_chain() {
    let s = start(DEFAULT_MAX_BODY);
    let id = create(&s, CLEAN);
    s.sign(id, &s.editor, "first", "approve", "");
    let all = s.get("/v1/audit", Some(&s.secrecy)).json()["events"].clone();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 7);
    assert_eq!(all[0]["prev_hash"], zhscreen_desk::audit::GENESIS);
    for w in all.windows(2) {
        assert_eq!(w[1]["prev_hash"], w[0]["hash"]);
        assert_eq!(
            w[1]["id"].as_i64().unwrap(),
            w[0]["id"].as_i64().unwrap() + 1
        );
    }
    let after = s.get("/v1/audit?after=5&limit=1", Some(&s.secrecy)).json()["events"].clone();
    assert_eq!(after.as_array().unwrap().len(), 1);
    assert_eq!(after[0]["id"], 6);
    assert_eq!(after[0], all[5]);
}

#[test]
fn the_sheet_shows_everything_escaped() {
    let s = start(DEFAULT_MAX_BODY);
    let a = s.post(
        "/v1/drafts",
        &s.editor,
        json!({"title": "<script>alert(1)</script>通知", "platform": "微信公众号",
               "text": "<img src=x onerror=alert(1)>出售海洛因"}),
    );
    let id = a.json()["id"].as_i64().unwrap();
    s.sign(id, &s.editor, "first", "approve", "<b>同意</b>");
    let a = s.get(&format!("/v1/drafts/{id}/sheet"), Some(&s.head));
    assert_eq!(a.status, 200);
    assert!(a.header("content-type").unwrap().starts_with("text/html"));
    let h = &a.body;
    assert!(h.contains("稿件审核表"));
    assert!(
        h.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;通知"),
        "{h}"
    );
    assert!(!h.contains("<script"));
    assert!(!h.contains("<img"));
    assert!(h.contains("&lt;b&gt;同意&lt;&#x2f;b&gt;"));
    assert!(h.contains("<mark class=\"block\""));
    assert!(h.contains("海洛因<sup>"));
    assert!(h.contains("张编辑"));
    assert!(h.contains(&zhscreen::Screener::new().unwrap().ruleset().fingerprint));
}

#[test]
fn the_sheet_says_who_must_sign_a_major_post() {
    let s = start(DEFAULT_MAX_BODY);
    let post = |title: &str, text: &str| {
        let a = s.post(
            "/v1/drafts",
            &s.editor,
            json!({"title": title, "platform": "政府网站", "text": text}),
        );
        a.json()["id"].as_i64().unwrap()
    };
    let major = post(
        "山体滑坡",
        "今日凌晨某镇发生山体滑坡，造成2人死亡、3人受伤。",
    );
    let plain = post("通知", "县图书馆本周六正常开放。");
    let sheet = |id: i64| s.get(&format!("/v1/drafts/{id}/sheet"), Some(&s.head)).body;
    let h = sheet(major);
    assert!(h.contains("分级审核：<strong>重大信息</strong>"), "{h}");
    assert!(h.contains("主要负责人审签"), "{h}");
    assert!(h.contains("死亡"), "{h}");
    let h = sheet(plain);
    assert!(!h.contains("分级审核"), "{h}");
}
