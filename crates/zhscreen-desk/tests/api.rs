//! The JSON API over loopback HTTP: authentication, the scan contract, errors, moderations.

mod common;

use common::start;
use serde_json::json;
use zhscreen_desk::DEFAULT_MAX_BODY;

#[test]
fn healthz_needs_no_token_and_names_the_ruleset() {
    let s = start(DEFAULT_MAX_BODY);
    let a = s.get("/healthz", None);
    assert_eq!(a.status, 200);
    let v = a.json();
    assert_eq!(v["status"], "ok");
    let rules = zhscreen::Screener::new().unwrap().ruleset().clone();
    assert_eq!(v["ruleset"]["fingerprint"], rules.fingerprint);
}

#[test]
fn every_v1_endpoint_needs_a_valid_token() {
    let s = start(DEFAULT_MAX_BODY);
    let mut disabled_token = String::new();
    {
        let store = zhscreen_desk::Store::open_existing(&s.db).unwrap();
        let (_, t) = zhscreen_desk::users::add(
            &store,
            "停用者",
            zhscreen_desk::workflow::Role::Editor,
            "cli",
        )
        .unwrap();
        zhscreen_desk::users::disable(&store, "停用者", "cli").unwrap();
        disabled_token.push_str(&t);
    }
    // The editor's token with its last hex digit changed (to another digit, never the same one).
    let last = if s.editor.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{last}", &s.editor[..s.editor.len() - 1]);
    assert_ne!(wrong, s.editor);
    let body = br#"{"text": "x"}"#;
    for (method, path) in [
        ("POST", "/v1/scan"),
        ("POST", "/v1/redact"),
        ("POST", "/v1/fix"),
        ("POST", "/v1/moderations"),
        ("POST", "/v1/drafts"),
        ("GET", "/v1/drafts"),
        ("GET", "/v1/drafts/1"),
        ("PUT", "/v1/drafts/1"),
        ("POST", "/v1/drafts/1/sign"),
        ("GET", "/v1/drafts/1/sheet"),
        ("GET", "/v1/audit"),
        ("GET", "/v1/nothing"),
    ] {
        for token in [
            None,
            Some("nonsense"),
            Some(wrong.as_str()),
            Some(disabled_token.as_str()),
        ] {
            let a = if method == "GET" {
                s.get(path, token)
            } else {
                s.send(method, path, token, body)
            };
            assert_eq!(a.status, 401, "{method} {path} with {token:?}: {}", a.body);
            assert_eq!(a.json()["error"]["code"], "unauthorized");
            assert!(a.header("www-authenticate").is_some());
        }
    }
    // Pages other than the sign-in page send a visitor without a session to it.
    for path in ["/drafts/1", "/drafts/1/sheet"] {
        let a = s.get(path, None);
        assert_eq!(a.status, 303, "{path}");
        assert_eq!(a.header("location"), Some("/"));
    }
}

#[test]
fn scan_redact_and_fix_answer_exactly_the_library_contract() {
    let s = start(DEFAULT_MAX_BODY);
    let screener = zhscreen::Screener::new().unwrap();
    for text in [
        "经审核，王某某（身份证号：110108199003071238）的低保申请已通过。",
        "各单位要再接再励，出售海洛因的广告是国家级最佳。",
        "",
        "今天天气晴朗。",
    ] {
        let a = s.post("/v1/scan", &s.editor, json!({ "text": text }));
        assert_eq!(a.status, 200, "{}", a.body);
        assert_eq!(a.body, screener.scan(text).to_json());
        let a = s.post("/v1/redact", &s.secrecy, json!({ "text": text }));
        assert_eq!(
            a.json(),
            serde_json::to_value(screener.redact(text)).unwrap()
        );
        let a = s.post("/v1/fix", &s.head, json!({ "text": text }));
        assert_eq!(a.json(), serde_json::to_value(screener.fix(text)).unwrap());
    }
}

#[test]
fn bad_bodies_are_400_or_413_with_a_message() {
    let s = start(4096);
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (b"{\"text\": ".to_vec(), 400, "not the JSON expected"),
        (b"[1,2]".to_vec(), 400, "not the JSON expected"),
        (b"{\"txt\": \"a\"}".to_vec(), 400, "unknown field `txt`"),
        (b"{}".to_vec(), 400, "missing field `text`"),
        (b"{\"text\": 3}".to_vec(), 400, "invalid type"),
        (
            b"{\"text\": \"\xff\xfe\"}".to_vec(),
            400,
            "not UTF-8 (invalid byte at offset 10)",
        ),
        (
            format!("{{\"text\": \"{}\"}}", "长".repeat(2000)).into_bytes(),
            413,
            "larger than the limit",
        ),
    ];
    for (body, status, says) in cases {
        let a = s.send("POST", "/v1/scan", Some(&s.editor), &body);
        assert_eq!(a.status, status, "{}", a.body);
        let v = a.json();
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.contains(says), "{msg}");
        assert!(v["error"]["code"].is_string());
    }
    // Just under the limit is answered.
    let text = "长".repeat(1300);
    let a = s.post("/v1/scan", &s.editor, json!({ "text": text }));
    assert_eq!(a.status, 200, "{}", a.body);
}

#[test]
fn moderations_has_the_cloud_shape_plus_the_report() {
    let s = start(DEFAULT_MAX_BODY);
    let a = s.post(
        "/v1/moderations",
        &s.editor,
        json!({"input": ["公园里的花开了。", "出售海洛因。"], "model": "omni-moderation-latest"}),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    assert!(v["id"].as_str().unwrap().starts_with("modr-"));
    assert!(v["model"].as_str().unwrap().starts_with("zhscreen-"));
    let r = v["results"].as_array().unwrap();
    assert_eq!(r[0]["flagged"], false);
    assert_eq!(r[1]["flagged"], true);
    assert_eq!(r[1]["categories"]["drugs"], true);
    let screener = zhscreen::Screener::new().unwrap();
    assert_eq!(
        r[1]["zhscreen"],
        serde_json::to_value(screener.scan("出售海洛因。")).unwrap()
    );
    let one = s.post(
        "/v1/moderations",
        &s.editor,
        json!({"input": "出售海洛因。"}),
    );
    assert_eq!(one.json()["results"].as_array().unwrap().len(), 1);
    let bad = s.post("/v1/moderations", &s.editor, json!({"input": [1]}));
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("`input[0]` is a number"), "{}", bad.body);
}

#[test]
fn unknown_drafts_and_endpoints_are_404_in_json() {
    let s = start(DEFAULT_MAX_BODY);
    for path in ["/v1/drafts/99", "/v1/drafts/abc", "/v1/nothing"] {
        let a = s.get(path, Some(&s.editor));
        assert_eq!(a.status, 404, "{path}");
        assert_eq!(a.json()["error"]["code"], "not_found");
    }
    let a = s.get("/v1/scan", Some(&s.editor));
    assert_eq!(a.status, 405);
    assert_eq!(a.json()["error"]["code"], "method_not_allowed");
    let a = s.get("/v1/audit?after=x", Some(&s.editor));
    assert_eq!(a.status, 400);
    assert!(
        a.body.contains("`after` must be a whole number"),
        "{}",
        a.body
    );
}

#[test]
fn accept_language_chooses_the_notes_language() {
    let s = start(DEFAULT_MAX_BODY);
    let text = "身份证号：110108199003071238";
    let screener = zhscreen::Screener::new().unwrap();
    for (header, lang) in [
        (None, zhscreen::Lang::Zh),
        (Some("en-US,en;q=0.9"), zhscreen::Lang::En),
        (Some("zh-CN,zh;q=0.9,en;q=0.8"), zhscreen::Lang::Zh),
    ] {
        let mut req = common::agent()
            .post(format!("{}/v1/scan", s.base))
            .header("Authorization", format!("Bearer {}", s.editor));
        if let Some(h) = header {
            req = req.header("Accept-Language", h);
        }
        let mut res = req
            .send(json!({ "text": text }).to_string().as_bytes())
            .unwrap();
        let body = res.body_mut().read_to_string().unwrap();
        assert_eq!(
            body,
            screener.with_lang(lang).scan(text).to_json(),
            "{header:?}"
        );
    }
    assert_ne!(
        screener.with_lang(zhscreen::Lang::En).scan(text).to_json(),
        screener.scan(text).to_json(),
        "the notes differ by language"
    );
}
