//! The web page over HTTP: sign-in with a CSRF token, cookie flags, forms, escaping, uploads.
//! (The same flows in a real browser: `e2e/run.sh`.)

mod common;

use common::{agent, read, start, Answer, Server};
use zhscreen_desk::DEFAULT_MAX_BODY;

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[at..].split('"').next().unwrap().to_string()
}

fn cookie_of(a: &Answer, name: &str) -> String {
    let c = a
        .headers_named("set-cookie")
        .into_iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no cookie {name}: {:?}", a.headers));
    c.split(';').next().unwrap().to_string()
}

struct Browser<'a> {
    s: &'a Server,
    cookie: String,
    csrf: String,
}

fn form(s: &Server, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Answer {
    let body: String = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    read(
        agent()
            .post(format!("{}{path}", s.base))
            .header("Cookie", cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body.as_bytes())
            .unwrap(),
    )
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn multipart(
    s: &Server,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Answer {
    let boundary = "----zhscreen-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    read(
        agent()
            .post(format!("{}{path}", s.base))
            .header("Cookie", cookie)
            .header(
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .send(&body[..])
            .unwrap(),
    )
}

fn page(s: &Server, path: &str, cookie: &str) -> Answer {
    read(
        agent()
            .get(format!("{}{path}", s.base))
            .header("Cookie", cookie)
            .call()
            .unwrap(),
    )
}

fn sign_in<'a>(s: &'a Server, name: &str, token: &str) -> Browser<'a> {
    let a = s.get("/", None);
    assert_eq!(a.status, 200);
    assert!(a.body.contains("登录审核台"));
    let login_cookie = cookie_of(&a, "zhscreen_login");
    let csrf = hidden(&a.body, "csrf");
    let a = form(
        s,
        "/login",
        &login_cookie,
        &[("name", name), ("token", token), ("csrf", &csrf)],
    );
    assert_eq!(a.status, 303, "{}", a.body);
    let set = a
        .headers_named("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("zhscreen_session="))
        .unwrap()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    let home = page(s, "/", &cookie);
    assert!(home.body.contains(name));
    Browser {
        s,
        csrf: hidden(&home.body, "csrf"),
        cookie,
    }
}

#[test]
fn sign_in_needs_the_form_token_and_the_right_name() {
    let s = start(DEFAULT_MAX_BODY);
    let a = s.get("/", None);
    let login_cookie = cookie_of(&a, "zhscreen_login");
    let csrf = hidden(&a.body, "csrf");
    assert!(a
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'none'"));
    // No CSRF token, or another one: refused.
    let a = form(
        &s,
        "/login",
        &login_cookie,
        &[("name", "张编辑"), ("token", &s.editor)],
    );
    assert_eq!(a.status, 403);
    let a = form(
        &s,
        "/login",
        "",
        &[("name", "张编辑"), ("token", &s.editor), ("csrf", &csrf)],
    );
    assert_eq!(a.status, 403);
    // Wrong name for the token.
    let a = form(
        &s,
        "/login",
        &login_cookie,
        &[("name", "王主任"), ("token", &s.editor), ("csrf", &csrf)],
    );
    assert_eq!(a.status, 401);
    assert!(a.body.contains("姓名或令牌不正确"));
    let b = sign_in(&s, "张编辑", &s.editor);
    assert_eq!(b.csrf.len(), 64);
}

#[test]
fn a_draft_from_the_page_is_escaped_highlighted_and_signed() {
    let s = start(DEFAULT_MAX_BODY);
    let ed = sign_in(&s, "张编辑", &s.editor);
    let text = "<script>alert('x')</script>本店出售海洛因";
    // Without the CSRF token, nothing is created.
    let a = multipart(
        &s,
        "/drafts",
        &ed.cookie,
        &[("title", "t"), ("platform", "p"), ("text", text)],
        None,
    );
    assert_eq!(a.status, 403);
    assert!(a.body.contains("CSRF"));
    let a = multipart(
        &s,
        "/drafts",
        &ed.cookie,
        &[
            ("csrf", &ed.csrf),
            ("title", "<i>标题</i>"),
            ("platform", "门户网站"),
            ("text", text),
        ],
        None,
    );
    assert_eq!(a.status, 303, "{}", a.body);
    let loc = a.header("location").unwrap().to_string();
    let p = page(&s, &loc, &ed.cookie);
    assert_eq!(p.status, 200);
    assert!(!p.body.contains("<script"), "{}", p.body);
    assert!(!p.body.contains("<i>"));
    assert!(p
        .body
        .contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt;"));
    assert!(p.body.contains("&lt;i&gt;标题&lt;&#x2f;i&gt;"));
    assert!(p.body.contains("<mark class=\"block\""));
    assert!(p.body.contains("禁止发布"));
    assert!(p.body.contains("id=\"approve\""));
    // An ordinary post needs only the standard sign-off: no line for it.
    assert!(!p.body.contains("id=\"sign-off\""));
    // Signing without the token is refused; with it, the stage is signed.
    let sign = format!("{loc}/sign");
    let a = form(
        &s,
        &sign,
        &ed.cookie,
        &[("stage", "first"), ("decision", "approve")],
    );
    assert_eq!(a.status, 403);
    let a = form(
        &s,
        &sign,
        &ed.cookie,
        &[
            ("csrf", &ed.csrf),
            ("stage", "first"),
            ("decision", "approve"),
            ("opinion", "<b>同意</b>"),
            ("version", "1"),
        ],
    );
    assert_eq!(a.status, 303, "{}", a.body);
    let p = page(&s, &loc, &ed.cookie);
    assert!(p.body.contains("data-state=\"awaiting_second\""));
    assert!(p.body.contains("&lt;b&gt;同意&lt;&#x2f;b&gt;"));
    // The head cannot sign 复审 (403 page), nor approve 终审 while a block finding stands (409).
    let head = sign_in(&s, "王主任", &s.head);
    let a = form(
        &s,
        &sign,
        &head.cookie,
        &[
            ("csrf", &head.csrf),
            ("stage", "second"),
            ("decision", "approve"),
        ],
    );
    assert_eq!(a.status, 403);
    assert!(a.body.contains("复审"));
    let sec = sign_in(&s, "李保密", &s.secrecy);
    let a = form(
        &s,
        &sign,
        &sec.cookie,
        &[
            ("csrf", &sec.csrf),
            ("stage", "second"),
            ("decision", "approve"),
            ("version", "1"),
        ],
    );
    assert_eq!(a.status, 303);
    let a = form(
        &s,
        &sign,
        &head.cookie,
        &[
            ("csrf", &head.csrf),
            ("stage", "final"),
            ("decision", "approve"),
            ("version", "1"),
        ],
    );
    assert_eq!(a.status, 409);
    assert!(a.body.contains("终审不能同意"));
    // The sheet is there for a session.
    let sheet = page(&s, &format!("{loc}/sheet"), &head.cookie);
    assert_eq!(sheet.status, 200);
    assert!(sheet.body.contains("稿件审核表") && sheet.body.contains("李保密"));
    // Logging out ends the session.
    let a = form(&s, "/logout", &head.cookie, &[("csrf", &head.csrf)]);
    assert_eq!(a.status, 303);
    assert_eq!(page(&s, &loc, &head.cookie).status, 303);
    assert!(s.verify().is_ok());
}

#[test]
fn uploads_go_through_the_reader_and_its_errors_are_shown() {
    let s = start(DEFAULT_MAX_BODY);
    let ed = sign_in(&s, "张编辑", &s.editor);
    let fields = [
        ("csrf", ed.csrf.as_str()),
        ("title", "上传"),
        ("platform", "门户网站"),
    ];
    let a = multipart(
        &s,
        "/drafts",
        &ed.cookie,
        &fields,
        Some(("稿件.txt", "各单位要再接再励。".as_bytes())),
    );
    assert_eq!(a.status, 303, "{}", a.body);
    let p = page(&s, a.header("location").unwrap(), &ed.cookie);
    assert!(p.body.contains("再接再励"), "{}", p.body);
    assert!(p.body.contains("再接再厉"), "the suggestion is shown");
    let a = multipart(&s, "/drafts", &ed.cookie, &fields, Some(("表格.xls", b"x")));
    assert_eq!(a.status, 400);
    assert!(a.body.contains("无法读取上传的文件 表格.xls"), "{}", a.body);
    // An empty draft is refused with the field named.
    let a = multipart(&s, "/drafts", &ed.cookie, &fields, None);
    assert_eq!(a.status, 400);
    assert!(a.body.contains("`text`"), "{}", a.body);
}

#[test]
fn a_disabled_user_loses_the_session_at_once() {
    let s = start(DEFAULT_MAX_BODY);
    let ed = sign_in(&s, "张编辑", &s.editor);
    assert_eq!(page(&s, "/", &ed.cookie).status, 200);
    let store = zhscreen_desk::Store::open_existing(&s.db).unwrap();
    zhscreen_desk::users::disable(&store, "张编辑", "cli").unwrap();
    let p = page(&s, "/", &ed.cookie);
    assert!(p.body.contains("登录审核台"));
    let _ = &ed.s;
}

#[test]
fn the_page_says_who_must_sign_a_major_post() {
    let s = start(DEFAULT_MAX_BODY);
    let ed = sign_in(&s, "张编辑", &s.editor);
    let a = multipart(
        &s,
        "/drafts",
        &ed.cookie,
        &[
            ("csrf", &ed.csrf),
            ("title", "疫情通报"),
            ("platform", "微信公众号"),
            ("text", "我县新增确诊病例2例，均为输入病例。"),
        ],
        None,
    );
    assert_eq!(a.status, 303, "{}", a.body);
    let p = page(&s, a.header("location").unwrap(), &ed.cookie);
    assert!(p.body.contains("id=\"sign-off\""), "{}", p.body);
    assert!(p.body.contains("<strong>重大信息</strong>"), "{}", p.body);
    assert!(p.body.contains("确诊病例"), "{}", p.body);
}
