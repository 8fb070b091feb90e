//! Drafts, their versions and their sign-offs, each change written with its audit event in one
//! transaction. Screening happens before (the caller passes the report): a transaction never
//! waits for the screener.

use crate::audit::{self, Event, Kind};
use crate::secret::sha256_hex;
use crate::store::{now, Store};
use crate::users::{self, User};
use crate::workflow::{self, Decision, Role, SignContext, SignRequest, Stage, State};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::json;
use zhscreen::{Report, Severity};

/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest platform name, in characters.
pub const MAX_PLATFORM: usize = 100;
/// The longest opinion, in characters.
pub const MAX_OPINION: usize = 2000;

/// A draft with its history, as `GET /v1/drafts/{id}` returns it.
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    /// The id.
    pub id: i64,
    /// The title.
    pub title: String,
    /// Where it is to be published (门户网站, 微信公众号...).
    pub platform: String,
    /// Where it stands.
    pub state: State,
    /// The current version's number.
    pub version: i64,
    /// Who created it.
    pub created_by: String,
    /// When.
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
    /// Every version, oldest first, each with its report and sign-offs.
    pub versions: Vec<Version>,
    /// The draft's audit events, in order.
    pub events: Vec<Event>,
}

/// One version of a draft.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// 1, 2, 3...
    pub version: i64,
    /// The text.
    pub text: String,
    /// Its zhscreen report (the JSON contract of the CLI and the bindings).
    pub report: Report,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub created_at: String,
    /// Its sign-offs, in order.
    pub signatures: Vec<Signature>,
}

/// One sign-off of a stage.
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// The stage.
    pub stage: Stage,
    /// The decision.
    pub decision: Decision,
    /// The reviewer's opinion (审核意见).
    pub opinion: String,
    /// The reviewer's name.
    pub reviewer: String,
    /// The reviewer's role.
    pub role: Role,
    /// When.
    pub signed_at: String,
    /// The audit event that records it.
    pub event_id: i64,
}

/// A line of the list of drafts.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The id.
    pub id: i64,
    /// The title.
    pub title: String,
    /// The platform.
    pub platform: String,
    /// Where it stands.
    pub state: State,
    /// The current version.
    pub version: i64,
    /// The current version's verdict.
    pub verdict: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What creating or editing a draft returns (`POST /v1/drafts`, `PUT /v1/drafts/{id}`).
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    /// The draft.
    pub id: i64,
    /// The new version.
    pub version: i64,
    /// Where the draft stands now (`awaiting_first`).
    pub state: State,
    /// The new version's report.
    pub report: Report,
}

/// What a sign-off returns.
#[derive(Debug, Clone, Serialize)]
pub struct Signed {
    /// The draft.
    pub id: i64,
    /// The version signed.
    pub version: i64,
    /// Where the draft stands now.
    pub state: State,
    /// The audit event that records the sign-off.
    pub event: Event,
}

fn field(name: &str, value: &str, max: usize, required: bool) -> Result<()> {
    let n = value.chars().count();
    if required && value.trim().is_empty() {
        return Err(Error::BadRequest(format!("the field `{name}` is empty")));
    }
    if n > max {
        return Err(Error::BadRequest(format!(
            "the field `{name}` has {n} characters, more than {max}"
        )));
    }
    Ok(())
}

fn require_editor(user: &User, what: &str) -> Result<()> {
    if user.role != Role::Editor {
        return Err(Error::Forbidden(format!(
            "只有编辑可以{what}：当前用户 {} 的角色是{}（{}）",
            user.name,
            user.role.label_zh(),
            user.role
        )));
    }
    Ok(())
}

fn blocks(report: &Report) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .count()
}

fn insert_version(
    tx: &Transaction<'_>,
    user: &User,
    id: i64,
    version: i64,
    text: &str,
    report: &Report,
    state: State,
) -> Result<()> {
    let report_json = report.to_json();
    tx.execute(
        "INSERT INTO versions (draft_id, version, text, report, verdict, blocks, author, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            version,
            text,
            report_json,
            report.verdict.as_str(),
            blocks(report) as i64,
            user.id,
            now()
        ],
    )?;
    audit::append(
        tx,
        &user.name,
        Kind::DraftScreened,
        Some(id),
        &json!({
            "version": version,
            "verdict": report.verdict.as_str(),
            "findings": report.findings.len(),
            "blocks": blocks(report),
            "ruleset": report.ruleset,
            "text_sha256": sha256_hex(text.as_bytes()),
            "report_sha256": sha256_hex(report_json.as_bytes()),
            "state": state.as_str(),
        }),
    )?;
    Ok(())
}

/// Creates a draft (editors only): version 1, waiting for 初审.
pub fn create(
    store: &Store,
    user: &User,
    title: &str,
    platform: &str,
    text: &str,
    report: &Report,
) -> Result<Saved> {
    require_editor(user, "创建稿件")?;
    field("title", title, MAX_TITLE, true)?;
    field("platform", platform, MAX_PLATFORM, true)?;
    field("text", text, usize::MAX, true)?;
    let state = State::AwaitingFirst;
    store.write(|tx| {
        let at = now();
        tx.execute(
            "INSERT INTO drafts (title, platform, state, version, created_by, created_at, updated_at) \
             VALUES (?1, ?2, ?3, 1, ?4, ?5, ?5)",
            params![title, platform, state.as_str(), user.id, at],
        )?;
        let id = tx.last_insert_rowid();
        audit::append(
            tx,
            &user.name,
            Kind::DraftCreated,
            Some(id),
            &json!({
                "title": title, "platform": platform, "version": 1,
                "text_sha256": sha256_hex(text.as_bytes()),
                "chars": text.chars().count(), "state": state.as_str(),
            }),
        )?;
        insert_version(tx, user, id, 1, text, report, state)?;
        Ok(Saved {
            id,
            version: 1,
            state,
            report: report.clone(),
        })
    })
}

/// Makes a new version (editors only): screened again, and the chain starts over at 初审.
pub fn edit(store: &Store, user: &User, id: i64, text: &str, report: &Report) -> Result<Saved> {
    require_editor(user, "修改稿件")?;
    field("text", text, usize::MAX, true)?;
    let state = State::AwaitingFirst;
    store.write(|tx| {
        let (previous, version) = current(tx, id)?;
        let version = version + 1;
        tx.execute(
            "UPDATE drafts SET state = ?1, version = ?2, updated_at = ?3 WHERE id = ?4",
            params![state.as_str(), version, now(), id],
        )?;
        audit::append(
            tx,
            &user.name,
            Kind::DraftEdited,
            Some(id),
            &json!({
                "version": version, "previous_state": previous.as_str(),
                "text_sha256": sha256_hex(text.as_bytes()),
                "chars": text.chars().count(), "state": state.as_str(),
            }),
        )?;
        insert_version(tx, user, id, version, text, report, state)?;
        Ok(Saved {
            id,
            version,
            state,
            report: report.clone(),
        })
    })
}

fn current(conn: &Connection, id: i64) -> Result<(State, i64)> {
    let found: Option<(String, i64)> = conn
        .query_row(
            "SELECT state, version FROM drafts WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (state, version) =
        found.ok_or_else(|| Error::NotFound(format!("no draft with id {id}")))?;
    Ok((state.parse().map_err(Error::Internal)?, version))
}

/// Signs a stage of the current version (see [`workflow::check_sign`] for the rules). With
/// `expected_version`, a sign-off of a version that is no longer the current one is refused.
pub fn sign(
    store: &Store,
    user: &User,
    id: i64,
    req: SignRequest,
    opinion: &str,
    expected_version: Option<i64>,
) -> Result<Signed> {
    field(
        "opinion",
        opinion,
        MAX_OPINION,
        req.decision == Decision::Return,
    )
    .map_err(|e| match (req.decision, opinion.trim().is_empty()) {
        (Decision::Return, true) => {
            Error::BadRequest("退回修改须填写审核意见（the field `opinion` is empty）".into())
        }
        _ => e,
    })?;
    store.write(|tx| {
        let (state, version) = current(tx, id)?;
        if let Some(v) = expected_version {
            if v != version {
                return Err(Error::Conflict(format!(
                    "稿件已有新版本：您审阅的是第 {v} 版，当前是第 {version} 版，请重新审阅"
                )));
            }
        }
        let signed_by_signer: Option<Stage> = tx
            .query_row(
                "SELECT stage FROM signatures WHERE draft_id = ?1 AND version = ?2 AND user_id = ?3",
                params![id, version, user.id],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .map(|s| s.parse().map_err(Error::Internal))
            .transpose()?;
        let block_findings: i64 = tx.query_row(
            "SELECT blocks FROM versions WHERE draft_id = ?1 AND version = ?2",
            params![id, version],
            |r| r.get(0),
        )?;
        let ctx = SignContext {
            state,
            role: user.role,
            signed_by_signer,
            block_findings: block_findings as usize,
        };
        let next = workflow::check_sign(&ctx, &req).map_err(|refusal| match refusal {
            workflow::Refusal::WrongRole { .. } => Error::Forbidden(refusal.to_string()),
            _ => Error::Conflict(refusal.to_string()),
        })?;
        let at = now();
        tx.execute(
            "UPDATE drafts SET state = ?1, updated_at = ?2 WHERE id = ?3",
            params![next.as_str(), at, id],
        )?;
        let kind = match req.decision {
            Decision::Approve => Kind::DraftSigned,
            Decision::Return => Kind::DraftReturned,
        };
        let event = audit::append(
            tx,
            &user.name,
            kind,
            Some(id),
            &json!({
                "version": version, "stage": req.stage.as_str(),
                "decision": req.decision.as_str(), "opinion": opinion,
                "user_id": user.id, "role": user.role.as_str(), "state": next.as_str(),
            }),
        )?;
        tx.execute(
            "INSERT INTO signatures (event_id, draft_id, version, stage, decision, opinion, user_id, signed_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                event.id,
                id,
                version,
                req.stage.as_str(),
                req.decision.as_str(),
                opinion,
                user.id,
                event.at
            ],
        )?;
        Ok(Signed {
            id,
            version,
            state: next,
            event,
        })
    })
}

/// A draft with all its versions, sign-offs and events.
pub fn get(conn: &Connection, id: i64) -> Result<Draft> {
    let found = conn
        .query_row(
            "SELECT title, platform, state, version, created_by, created_at, updated_at FROM drafts WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?;
    let (title, platform, state, version, created_by, created_at, updated_at) =
        found.ok_or_else(|| Error::NotFound(format!("no draft with id {id}")))?;
    let mut names = std::collections::HashMap::new();
    let mut name_of = |uid: i64| -> Result<(String, Role)> {
        if let Some(n) = names.get(&uid) {
            return Ok(Clone::clone(n));
        }
        let u = users::by_id(conn, uid)?;
        names.insert(uid, (u.name.clone(), u.role));
        Ok((u.name, u.role))
    };
    let mut versions = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT version, text, report, author, created_at FROM versions WHERE draft_id = ?1 ORDER BY version",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (v, text, report, author, at) = row?;
            let report: Report = serde_json::from_str(&report).map_err(|e| {
                Error::Internal(format!(
                    "draft {id} version {v}: stored report unreadable: {e}"
                ))
            })?;
            versions.push(Version {
                version: v,
                text,
                report,
                author: name_of(author)?.0,
                created_at: at,
                signatures: Vec::new(),
            });
        }
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT version, stage, decision, opinion, user_id, signed_at, event_id FROM signatures \
             WHERE draft_id = ?1 ORDER BY event_id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        for row in rows {
            let (v, stage, decision, opinion, uid, at, event_id) = row?;
            let (reviewer, role) = name_of(uid)?;
            let sig = Signature {
                stage: stage.parse().map_err(Error::Internal)?,
                decision: decision.parse().map_err(Error::Internal)?,
                opinion,
                reviewer,
                role,
                signed_at: at,
                event_id,
            };
            if let Some(ver) = versions.iter_mut().find(|x| x.version == v) {
                ver.signatures.push(sig);
            }
        }
    }
    Ok(Draft {
        id,
        title,
        platform,
        state: state.parse().map_err(Error::Internal)?,
        version,
        created_by: name_of(created_by)?.0,
        created_at,
        updated_at,
        versions,
        events: audit::of_draft(conn, id)?,
    })
}

/// The most recently changed drafts, at most `limit`.
pub fn list(conn: &Connection, limit: usize) -> Result<Vec<Summary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.title, d.platform, d.state, d.version, v.verdict, d.updated_at \
         FROM drafts d JOIN versions v ON v.draft_id = d.id AND v.version = d.version \
         ORDER BY d.updated_at DESC, d.id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    rows.map(|row| {
        let (id, title, platform, state, version, verdict, updated_at) = row?;
        Ok(Summary {
            id,
            title,
            platform,
            state: state.parse().map_err(Error::Internal)?,
            version,
            verdict,
            updated_at,
        })
    })
    .collect()
}
