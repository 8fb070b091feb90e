//! The page at `/`: sign in with a name and a token, paste or upload a draft, read it
//! highlighted with its findings, sign a stage, see the history, print the sheet.
//!
//! Sessions are cookies (HttpOnly, SameSite=Strict); every form carries the session's CSRF
//! token (the sign-in form a token of its own cookie), compared in constant time. No page holds
//! a script, and the Content-Security-Policy allows none.

use crate::api::sign_request;
use crate::session::{self, Session, COOKIE, LOGIN_COOKIE};
use crate::{audit, drafts, render, secret, users, Desk, Error, Result};
use axum::extract::{Form, FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use std::sync::Arc;

type Shared = State<Arc<Desk>>;

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub(crate) fn routes() -> Router<Arc<Desk>> {
    Router::new()
        .route("/", get(home))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/drafts", post(create))
        .route("/drafts/{id}", get(show))
        .route("/drafts/{id}/sign", post(sign))
        .route("/drafts/{id}/edit", post(edit))
        .route("/drafts/{id}/sheet", get(sheet))
        .fallback(not_found)
        .layer(axum::middleware::map_response(security_headers))
}

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert("content-security-policy", HeaderValue::from_static(CSP));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A page answering an error: the status, a message in Chinese or as the desk said it.
struct PageError {
    status: StatusCode,
    message: String,
    back: String,
    desk: Arc<Desk>,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = render::error_page(&self.desk, self.status.as_u16(), &self.message, &self.back);
        (self.status, axum::response::Html(body)).into_response()
    }
}

fn page_error(desk: &Arc<Desk>, e: Error, back: &str) -> PageError {
    if let Error::Internal(m) = &e {
        crate::log(&format!("internal error: {m}"));
    }
    let message = match &e {
        Error::Internal(_) => "服务器内部错误，详情见服务日志".to_string(),
        Error::TooLarge(_) => "提交的内容超过大小限制（--max-body）".to_string(),
        other => other.message().to_string(),
    };
    PageError {
        status: e.status(),
        message,
        back: back.to_string(),
        desk: Arc::clone(desk),
    }
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn set_cookie(name: &str, value: &str, max_age: i64) -> (header::HeaderName, String) {
    (
        header::SET_COOKIE,
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}"),
    )
}

async fn current_session(desk: &Arc<Desk>, headers: &HeaderMap) -> Result<Option<Session>> {
    let Some(id) = cookie(headers, COOKIE).map(str::to_string) else {
        return Ok(None);
    };
    desk.blocking(move |d| session::find(&d.store, &id)).await
}

/// The session of the request, or the sign-in page.
async fn need_session(desk: &Arc<Desk>, headers: &HeaderMap) -> Result<Session, Response> {
    match current_session(desk, headers).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(Redirect::to("/").into_response()),
        Err(e) => Err(page_error(desk, e, "/").into_response()),
    }
}

fn check_csrf(desk: &Arc<Desk>, session: &Session, sent: &str, back: &str) -> Result<(), Response> {
    if secret::same(sent.as_bytes(), session.csrf.as_bytes()) {
        Ok(())
    } else {
        Err(page_error(
            desk,
            Error::Forbidden("表单已过期或来源不明（CSRF 校验失败）：请返回页面重新提交".into()),
            back,
        )
        .into_response())
    }
}

async fn login_page(desk: &Arc<Desk>, error: Option<&str>, status: StatusCode) -> Response {
    let csrf = match secret::random_hex(32) {
        Ok(c) => c,
        Err(e) => return page_error(desk, e, "/").into_response(),
    };
    match render::login(desk, &csrf, error) {
        Ok(body) => (
            status,
            [set_cookie(LOGIN_COOKIE, &csrf, 3600)],
            axum::response::Html(body),
        )
            .into_response(),
        Err(e) => page_error(desk, e, "/").into_response(),
    }
}

async fn home(State(desk): Shared, headers: HeaderMap) -> Response {
    let session = match current_session(&desk, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return login_page(&desk, None, StatusCode::OK).await,
        Err(e) => return page_error(&desk, e, "/").into_response(),
    };
    let list = desk
        .blocking(|d| d.store.read(|c| drafts::list(c, 200)))
        .await;
    match list.and_then(|l| render::home(&desk, &session, &l, desk.options.reader.is_some())) {
        Ok(body) => axum::response::Html(body).into_response(),
        Err(e) => page_error(&desk, e, "/").into_response(),
    }
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf: String,
}

async fn login(State(desk): Shared, headers: HeaderMap, Form(f): Form<LoginForm>) -> Response {
    let expected = cookie(&headers, LOGIN_COOKIE).unwrap_or("");
    if expected.is_empty() || !secret::same(expected.as_bytes(), f.csrf.as_bytes()) {
        return login_page(
            &desk,
            Some("登录表单已过期（CSRF 校验失败），请重新输入"),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let opened = desk
        .blocking(move |d| {
            let user = d
                .store
                .read(|c| users::by_name_and_token(c, &f.name, &f.token))?;
            session::open(&d.store, &user)
        })
        .await;
    match opened {
        Ok(id) => (
            StatusCode::SEE_OTHER,
            // Appended, not inserted: two cookies are set.
            AppendHeaders([
                set_cookie(COOKIE, &id, session::LIFETIME),
                set_cookie(LOGIN_COOKIE, "", 0),
                (header::LOCATION, "/".to_string()),
            ]),
        )
            .into_response(),
        Err(Error::Unauthorized(m)) => login_page(&desk, Some(&m), StatusCode::UNAUTHORIZED).await,
        Err(e) => page_error(&desk, e, "/").into_response(),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(State(desk): Shared, headers: HeaderMap, Form(f): Form<CsrfForm>) -> Response {
    let s = match need_session(&desk, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if let Err(r) = check_csrf(&desk, &s, &f.csrf, "/") {
        return r;
    }
    if let Some(id) = cookie(&headers, COOKIE).map(str::to_string) {
        if let Err(e) = desk.blocking(move |d| session::close(&d.store, &id)).await {
            return page_error(&desk, e, "/").into_response();
        }
    }
    (
        StatusCode::SEE_OTHER,
        [
            set_cookie(COOKIE, "", 0),
            (header::LOCATION, "/".to_string()),
        ],
    )
        .into_response()
}

/// The fields of a draft form (multipart: the text pasted or a file uploaded).
#[derive(Default)]
struct DraftForm {
    csrf: String,
    title: String,
    platform: String,
    text: String,
    file: Option<(String, Vec<u8>)>,
}

async fn read_form(desk: &Arc<Desk>, req: Request) -> Result<DraftForm> {
    let mut mp = Multipart::from_request(req, desk)
        .await
        .map_err(|e| Error::BadRequest(format!("表单格式不正确：{e}")))?;
    let mut form = DraftForm::default();
    let too_large = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge(e.body_text())
        } else {
            Error::BadRequest(format!("表单格式不正确：{}", e.body_text()))
        }
    };
    while let Some(field) = mp.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(too_large)?;
            if !bytes.is_empty() {
                form.file = Some((file_name, bytes.to_vec()));
            }
            continue;
        }
        let value = field.text().await.map_err(too_large)?;
        match name.as_str() {
            "csrf" => form.csrf = value,
            "title" => form.title = value,
            "platform" => form.platform = value,
            "text" => form.text = value,
            _ => {}
        }
    }
    Ok(form)
}

/// The text of a draft form: the uploaded file read by the CLI's reading path, or the text.
fn form_text(desk: &Desk, form: &mut DraftForm) -> Result<String> {
    match (form.file.take(), &desk.options.reader) {
        (Some((name, bytes)), Some(reader)) => reader(&name, bytes)
            .map_err(|m| Error::BadRequest(format!("无法读取上传的文件 {name}：{m}"))),
        (Some(_), None) => Err(Error::BadRequest("本审核台未开启文件上传".into())),
        (None, _) => Ok(form.text.replace("\r\n", "\n")),
    }
}

async fn create(State(desk): Shared, headers: HeaderMap, req: Request) -> Response {
    let s = match need_session(&desk, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut form = match read_form(&desk, req).await {
        Ok(f) => f,
        Err(e) => return page_error(&desk, e, "/").into_response(),
    };
    if let Err(r) = check_csrf(&desk, &s, &form.csrf, "/") {
        return r;
    }
    let user = s.user.clone();
    let created = desk
        .blocking(move |d| {
            let text = form_text(d, &mut form)?;
            let report = d.screener.scan(&text);
            drafts::create(&d.store, &user, &form.title, &form.platform, &text, &report)
        })
        .await;
    match created {
        Ok(saved) => Redirect::to(&format!("/drafts/{}", saved.id)).into_response(),
        Err(e) => page_error(&desk, e, "/").into_response(),
    }
}

fn parse_id(desk: &Arc<Desk>, raw: &str) -> Result<i64, Response> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
        page_error(
            desk,
            Error::NotFound(format!("没有编号为 {raw} 的稿件")),
            "/",
        )
        .into_response()
    })
}

async fn show(State(desk): Shared, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let s = match need_session(&desk, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&desk, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let draft = desk
        .blocking(move |d| d.store.read(|c| drafts::get(c, id)))
        .await;
    match draft.and_then(|dr| render::draft_page(&desk, &s, &dr, desk.options.reader.is_some())) {
        Ok(body) => axum::response::Html(body).into_response(),
        Err(e) => page_error(&desk, e, "/").into_response(),
    }
}

#[derive(Deserialize)]
struct SignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    opinion: String,
    version: Option<i64>,
}

async fn sign(
    State(desk): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<SignForm>,
) -> Response {
    let s = match need_session(&desk, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&desk, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let back = format!("/drafts/{id}");
    if let Err(r) = check_csrf(&desk, &s, &f.csrf, &back) {
        return r;
    }
    let user = s.user.clone();
    let signed = desk
        .blocking(move |d| {
            let req = sign_request(&f.stage, &f.decision)?;
            drafts::sign(&d.store, &user, id, req, f.opinion.trim(), f.version)
        })
        .await;
    match signed {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(e) => page_error(&desk, e, &back).into_response(),
    }
}

async fn edit(
    State(desk): Shared,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let s = match need_session(&desk, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let id = match parse_id(&desk, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let back = format!("/drafts/{id}");
    let mut form = match read_form(&desk, req).await {
        Ok(f) => f,
        Err(e) => return page_error(&desk, e, &back).into_response(),
    };
    if let Err(r) = check_csrf(&desk, &s, &form.csrf, &back) {
        return r;
    }
    let user = s.user.clone();
    let saved = desk
        .blocking(move |d| {
            let text = form_text(d, &mut form)?;
            let report = d.screener.scan(&text);
            drafts::edit(&d.store, &user, id, &text, &report)
        })
        .await;
    match saved {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(e) => page_error(&desk, e, &back).into_response(),
    }
}

async fn sheet(State(desk): Shared, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(r) = need_session(&desk, &headers).await {
        return r;
    }
    let id = match parse_id(&desk, &id) {
        Ok(id) => id,
        Err(r) => return r,
    };
    let got = desk
        .blocking(move |d| d.store.read(|c| Ok((drafts::get(c, id)?, audit::head(c)?))))
        .await;
    match got.and_then(|(draft, head)| render::sheet(&desk, &draft, &head)) {
        Ok(body) => axum::response::Html(body).into_response(),
        Err(e) => page_error(&desk, e, "/").into_response(),
    }
}

async fn not_found(State(desk): Shared) -> Response {
    page_error(&desk, Error::NotFound("没有这个页面".into()), "/").into_response()
}
