//! The JSON API: `/healthz`, `/v1/scan`, `/v1/redact`, `/v1/fix`, `/v1/moderations`, drafts and
//! their sign-offs, the sheet and the audit trail. Every `/v1/` call needs
//! `Authorization: Bearer TOKEN`; every error is `{"error": {"code", "message"}}`.

use crate::drafts;
use crate::users::{self, User};
use crate::workflow::{Decision, SignRequest, Stage};
use crate::{audit, moderation, render, Desk, Error, Result};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;
use zhscreen::{Lang, Redaction, Screener};

type Shared = State<Arc<Desk>>;

pub(crate) fn routes() -> Router<Arc<Desk>> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/scan", post(scan))
        .route("/v1/redact", post(redact))
        .route("/v1/fix", post(fix))
        .route("/v1/moderations", post(moderations))
        .route("/v1/drafts", post(create_draft).get(list_drafts))
        .route("/v1/drafts/{id}", get(get_draft).put(edit_draft))
        .route("/v1/drafts/{id}/sign", post(sign))
        .route("/v1/drafts/{id}/sheet", get(sheet))
        .route("/v1/audit", get(audit_events))
        .route("/v1/{*rest}", axum::routing::any(unknown))
        .method_not_allowed_fallback(wrong_method)
}

async fn wrong_method(req: Request) -> Error {
    Error::MethodNotAllowed(format!(
        "{} is not allowed on {}",
        req.method(),
        req.uri().path()
    ))
}

/// A JSON body: 413 above the limit, 400 with a message for a body that is not UTF-8 or not
/// the JSON expected.
pub(crate) struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self> {
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Error::TooLarge("the request body is larger than the limit (--max-body)".into())
                } else {
                    Error::BadRequest(format!("cannot read the request body: {rejection}"))
                }
            })?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            Error::BadRequest(format!(
                "the request body is not UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ))
        })?;
        serde_json::from_str(text).map(Body).map_err(|e| {
            Error::BadRequest(format!("the request body is not the JSON expected: {e}"))
        })
    }
}

/// The user of a valid bearer token.
pub(crate) struct ApiUser(pub User);

impl FromRequestParts<Arc<Desk>> for ApiUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, desk: &Arc<Desk>) -> Result<Self> {
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .ok_or_else(|| Error::Unauthorized("missing `Authorization: Bearer TOKEN`".into()))?;
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                Error::Unauthorized("the Authorization header is not `Bearer TOKEN`".into())
            })?
            .to_string();
        let user = desk
            .blocking(move |d| d.store.read(|c| users::by_token(c, &token)))
            .await?;
        Ok(ApiUser(user))
    }
}

/// The language of the notes, from `Accept-Language` (Chinese unless English is preferred);
/// without the header, the screener's own (`zhscreen serve --lang`).
pub(crate) struct NoteLang(pub Option<zhscreen::Lang>);

impl<S: Send + Sync> FromRequestParts<S> for NoteLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(NoteLang(
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(zhscreen::Lang::from_accept_language),
        ))
    }
}

fn draft_id(raw: &str) -> Result<i64> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Error::NotFound(format!("no draft with id {raw:?} (ids are numbers)")))
}

async fn healthz(State(desk): Shared) -> Json<Value> {
    Json(json!({"status": "ok", "ruleset": desk.screener.ruleset()}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextBody {
    text: String,
}

async fn scan(
    State(desk): Shared,
    _u: ApiUser,
    NoteLang(lang): NoteLang,
    Body(b): Body<TextBody>,
) -> Result<Response> {
    // A post scans in microseconds: on the connection's own thread. A long text goes to a
    // blocking worker so that it cannot hold up other connections.
    let report = if b.text.len() <= INLINE_SCAN {
        desk.screener_in(lang).scan(&b.text)
    } else {
        desk.blocking(move |d| Ok(d.screener_in(lang).scan(&b.text)))
            .await?
    };
    Ok(json_text(report.to_json()))
}

/// Texts up to this many bytes are scanned on the async worker (a few tens of microseconds at
/// most; the scan is linear in the text).
const INLINE_SCAN: usize = 8 * 1024;

async fn redact(
    State(desk): Shared,
    _u: ApiUser,
    NoteLang(lang): NoteLang,
    Body(b): Body<TextBody>,
) -> Result<Json<Value>> {
    rewrite(desk, lang, b.text, Screener::redact).await
}

async fn fix(
    State(desk): Shared,
    _u: ApiUser,
    NoteLang(lang): NoteLang,
    Body(b): Body<TextBody>,
) -> Result<Json<Value>> {
    rewrite(desk, lang, b.text, Screener::fix).await
}

/// `/v1/redact` and `/v1/fix`: the text rewritten on a blocking worker, as the library's JSON.
async fn rewrite(
    desk: Arc<Desk>,
    lang: Option<Lang>,
    text: String,
    how: fn(&Screener, &str) -> Redaction,
) -> Result<Json<Value>> {
    let r = desk
        .blocking(move |d| Ok(how(&d.screener_in(lang), &text)))
        .await?;
    Ok(Json(serde_json::to_value(r).map_err(internal)?))
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

fn json_text(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn moderations(
    State(desk): Shared,
    _u: ApiUser,
    NoteLang(lang): NoteLang,
    Body(b): Body<Value>,
) -> Result<Json<Value>> {
    let inputs = moderation::inputs(&b)?;
    let id = format!("modr-{}", crate::secret::random_hex(12)?);
    let out = desk
        .blocking(move |d| Ok(moderation::respond(&d.screener_in(lang), id, &inputs)))
        .await?;
    Ok(Json(out))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewDraft {
    title: String,
    platform: String,
    text: String,
}

async fn create_draft(
    State(desk): Shared,
    ApiUser(user): ApiUser,
    NoteLang(lang): NoteLang,
    Body(b): Body<NewDraft>,
) -> Result<(StatusCode, Json<drafts::Saved>)> {
    let saved = desk
        .blocking(move |d| {
            let report = d
                .screener
                .with_lang(lang.unwrap_or(d.screener.lang()))
                .scan(&b.text);
            drafts::create(&d.store, &user, &b.title, &b.platform, &b.text, &report)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    text: String,
}

async fn edit_draft(
    State(desk): Shared,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    NoteLang(lang): NoteLang,
    Body(b): Body<Edit>,
) -> Result<Json<drafts::Saved>> {
    let id = draft_id(&id)?;
    let saved = desk
        .blocking(move |d| {
            let report = d
                .screener
                .with_lang(lang.unwrap_or(d.screener.lang()))
                .scan(&b.text);
            drafts::edit(&d.store, &user, id, &b.text, &report)
        })
        .await?;
    Ok(Json(saved))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sign {
    stage: String,
    decision: String,
    #[serde(default)]
    opinion: String,
    #[serde(default)]
    version: Option<i64>,
}

pub(crate) fn sign_request(stage: &str, decision: &str) -> Result<SignRequest> {
    Ok(SignRequest {
        stage: stage.parse::<Stage>().map_err(Error::BadRequest)?,
        decision: decision.parse::<Decision>().map_err(Error::BadRequest)?,
    })
}

async fn sign(
    State(desk): Shared,
    ApiUser(user): ApiUser,
    Path(id): Path<String>,
    Body(b): Body<Sign>,
) -> Result<Json<drafts::Signed>> {
    let id = draft_id(&id)?;
    let req = sign_request(&b.stage, &b.decision)?;
    let signed = desk
        .blocking(move |d| drafts::sign(&d.store, &user, id, req, &b.opinion, b.version))
        .await?;
    Ok(Json(signed))
}

async fn get_draft(
    State(desk): Shared,
    _u: ApiUser,
    Path(id): Path<String>,
) -> Result<Json<drafts::Draft>> {
    let id = draft_id(&id)?;
    Ok(Json(
        desk.blocking(move |d| d.store.read(|c| drafts::get(c, id)))
            .await?,
    ))
}

#[derive(Deserialize)]
struct ListQuery {
    limit: Option<usize>,
}

async fn list_drafts(
    State(desk): Shared,
    _u: ApiUser,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>> {
    let limit = q.limit.unwrap_or(100).min(1000);
    let list = desk
        .blocking(move |d| d.store.read(|c| drafts::list(c, limit)))
        .await?;
    Ok(Json(json!({"drafts": list})))
}

async fn sheet(State(desk): Shared, _u: ApiUser, Path(id): Path<String>) -> Result<Html<String>> {
    let id = draft_id(&id)?;
    let d2 = Arc::clone(&desk);
    let (draft, head) = desk
        .blocking(move |d| d.store.read(|c| Ok((drafts::get(c, id)?, audit::head(c)?))))
        .await?;
    render::sheet(&d2, &draft, &head).map(Html)
}

#[derive(Deserialize)]
struct AuditQuery {
    after: Option<String>,
    limit: Option<String>,
}

async fn audit_events(
    State(desk): Shared,
    _u: ApiUser,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Value>> {
    let number = |name: &str, v: Option<String>, default: i64| -> Result<i64> {
        match v {
            None => Ok(default),
            Some(s) => s.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                Error::BadRequest(format!("`{name}` must be a whole number ≥ 0, not {s:?}"))
            }),
        }
    };
    let after = number("after", q.after, 0)?;
    let limit = number("limit", q.limit, 1000)?.clamp(1, 10_000) as usize;
    let events = desk
        .blocking(move |d| d.store.read(|c| audit::after(c, after, limit)))
        .await?;
    Ok(Json(json!({"events": events})))
}

async fn unknown(_u: ApiUser, req: Request) -> Error {
    Error::NotFound(format!(
        "no such endpoint: {} {}",
        req.method(),
        req.uri().path()
    ))
}
