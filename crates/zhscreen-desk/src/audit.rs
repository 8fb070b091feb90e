//! The audit trail (全程留痕、有据可查): events appended, never updated, each hashed with the
//! previous event's hash, so that a row altered or deleted afterwards breaks the chain.
//!
//! An event's `hash` is the lowercase hex SHA-256 of the compact JSON array
//! `[id, at, actor, kind, draft_id, data, prev_hash]`, where `data` is the event's data exactly
//! as stored (a JSON text, hashed as a JSON string) and `draft_id` is `null` for events about
//! users. The first event's `prev_hash` is 64 zeros. Anyone can recompute it from the rows
//! (`docs/desk.md` shows how in a few lines of Python).
//!
//! [`verify`] also checks that the tables holding the state agree with the events: every
//! user's role and status, every version's text and report, every signature, every draft's
//! state. Changing a signature's opinion in the database is as visible as changing its event.

use crate::secret::sha256_hex;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The `prev_hash` of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A user was added (`zhscreen users add`).
    UserAdded,
    /// A user was disabled.
    UserDisabled,
    /// An editor created a draft (its first version).
    DraftCreated,
    /// An editor made a new version.
    DraftEdited,
    /// A version was screened.
    DraftScreened,
    /// A reviewer approved a stage.
    DraftSigned,
    /// A reviewer sent the draft back.
    DraftReturned,
}

impl Kind {
    /// The stable id stored in the event.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::UserAdded => "user_added",
            Kind::UserDisabled => "user_disabled",
            Kind::DraftCreated => "draft_created",
            Kind::DraftEdited => "draft_edited",
            Kind::DraftScreened => "draft_screened",
            Kind::DraftSigned => "draft_signed",
            Kind::DraftReturned => "draft_returned",
        }
    }

    /// The Chinese label shown on the page and the sheet.
    pub fn label_zh(kind: &str) -> &'static str {
        match kind {
            "user_added" => "添加用户",
            "user_disabled" => "停用用户",
            "draft_created" => "创建稿件",
            "draft_edited" => "修改稿件（新版本）",
            "draft_screened" => "机器筛查",
            "draft_signed" => "签署同意",
            "draft_returned" => "退回修改",
            _ => "其他",
        }
    }
}

/// One event of the trail, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// 1, 2, 3... in the order they happened.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who: a user name, or `cli` for the command line.
    pub actor: String,
    /// What ([`Kind::as_str`]).
    pub kind: String,
    /// The draft concerned, if any.
    pub draft_id: Option<i64>,
    /// The details (a JSON object).
    pub data: Value,
    /// The previous event's hash ([`GENESIS`] for the first).
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

fn event_hash(
    id: i64,
    at: &str,
    actor: &str,
    kind: &str,
    draft_id: Option<i64>,
    data: &str,
    prev_hash: &str,
) -> String {
    let content = json!([id, at, actor, kind, draft_id, data, prev_hash]).to_string();
    sha256_hex(content.as_bytes())
}

/// Appends an event in the caller's transaction (which holds the write lock: `BEGIN
/// IMMEDIATE`), chained to the last one.
pub fn append(
    tx: &Transaction<'_>,
    actor: &str,
    kind: Kind,
    draft_id: Option<i64>,
    data: &Value,
) -> Result<Event> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = crate::store::now();
    let data_text = data.to_string();
    let hash = event_hash(
        id,
        &at,
        actor,
        kind.as_str(),
        draft_id,
        &data_text,
        &prev_hash,
    );
    tx.execute(
        "INSERT INTO events (id, at, actor, kind, draft_id, data, prev_hash, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            at,
            actor,
            kind.as_str(),
            draft_id,
            data_text,
            prev_hash,
            hash
        ],
    )?;
    Ok(Event {
        id,
        at,
        actor: actor.to_string(),
        kind: kind.as_str().to_string(),
        draft_id,
        data: data.clone(),
        prev_hash,
        hash,
    })
}

struct Row {
    id: i64,
    at: String,
    actor: String,
    kind: String,
    draft_id: Option<i64>,
    data: String,
    prev_hash: String,
    hash: String,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        kind: r.get(3)?,
        draft_id: r.get(4)?,
        data: r.get(5)?,
        prev_hash: r.get(6)?,
        hash: r.get(7)?,
    })
}

const COLUMNS: &str = "id, at, actor, kind, draft_id, data, prev_hash, hash";

fn to_event(r: Row) -> Result<Event> {
    let data = serde_json::from_str(&r.data)
        .map_err(|e| Error::Internal(format!("audit event {}: its data is not JSON: {e}", r.id)))?;
    Ok(Event {
        id: r.id,
        at: r.at,
        actor: r.actor,
        kind: r.kind,
        draft_id: r.draft_id,
        data,
        prev_hash: r.prev_hash,
        hash: r.hash,
    })
}

/// Events with an id above `after`, in order, at most `limit`.
pub fn after(conn: &Connection, after: i64, limit: usize) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE id > ?1 ORDER BY id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![after, limit as i64], row)?;
    rows.map(|r| to_event(r?)).collect()
}

/// The events of one draft, in order.
pub fn of_draft(conn: &Connection, draft_id: i64) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM events WHERE draft_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![draft_id], row)?;
    rows.map(|r| to_event(r?)).collect()
}

/// The number of events and the last hash (the head to keep to detect a cut tail).
pub fn head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_string())))
}

/// An intact trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// How many events.
    pub events: i64,
    /// The last event's hash (all zeros when there is none).
    pub head: String,
}

/// The first event that does not verify, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The event's id.
    pub event_id: i64,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "event {}: {}", self.event_id, self.reason)
    }
}

fn broken(event_id: i64, reason: impl Into<String>) -> Broken {
    Broken {
        event_id,
        reason: reason.into(),
    }
}

/// Walks the whole chain, then checks the state tables against it. `Ok(Err(..))` names the
/// first event that does not verify; `Err` is a database that cannot be read.
pub fn verify(conn: &Connection) -> Result<std::result::Result<Verified, Broken>> {
    let mut prev = GENESIS.to_string();
    let mut expected_id = 1;
    // What the events say the state tables must hold.
    let mut users: HashMap<i64, (i64, String, String, bool)> = HashMap::new(); // id → (event, name, role, active)
    let mut versions: HashMap<(i64, i64), (i64, String, String)> = HashMap::new(); // → (event, text sha, report sha)
    let mut signatures: HashMap<i64, Value> = HashMap::new(); // event id → data
    let mut drafts: HashMap<i64, (i64, String)> = HashMap::new(); // → (event, state)

    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM events ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let e = row(r)?;
        if e.id != expected_id {
            return Ok(Err(broken(
                expected_id,
                format!("missing: the next event in the table is {}", e.id),
            )));
        }
        if e.prev_hash != prev {
            return Ok(Err(broken(
                e.id,
                "its prev_hash is not the previous event's hash (an event before it was changed or removed)",
            )));
        }
        let h = event_hash(
            e.id,
            &e.at,
            &e.actor,
            &e.kind,
            e.draft_id,
            &e.data,
            &e.prev_hash,
        );
        if h != e.hash {
            return Ok(Err(broken(
                e.id,
                "its content does not match its hash (the row was changed)",
            )));
        }
        let data: Value = match serde_json::from_str(&e.data) {
            Ok(v) => v,
            Err(err) => return Ok(Err(broken(e.id, format!("its data is not JSON: {err}")))),
        };
        let int = |k: &str| data.get(k).and_then(Value::as_i64).unwrap_or(-1);
        let string = |k: &str| {
            data.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        match e.kind.as_str() {
            "user_added" => {
                users.insert(int("user_id"), (e.id, string("name"), string("role"), true));
            }
            "user_disabled" => {
                if let Some(u) = users.get_mut(&int("user_id")) {
                    u.0 = e.id;
                    u.3 = false;
                }
            }
            "draft_screened" => {
                versions.insert(
                    (e.draft_id.unwrap_or(-1), int("version")),
                    (e.id, string("text_sha256"), string("report_sha256")),
                );
            }
            "draft_signed" | "draft_returned" => {
                signatures.insert(e.id, data.clone());
            }
            _ => {}
        }
        if let (Some(d), Some(state)) = (e.draft_id, data.get("state").and_then(Value::as_str)) {
            drafts.insert(d, (e.id, state.to_string()));
        }
        prev = e.hash;
        expected_id += 1;
    }
    drop(rows);
    drop(stmt);
    let verified = Verified {
        events: expected_id - 1,
        head: prev,
    };

    // The state tables against the events. The first mismatch is named by its event.
    let mut problems: Vec<Broken> = Vec::new();
    let mut stmt = conn.prepare("SELECT id, name, role, active FROM users")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name, role, active): (i64, String, String, bool) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        match users.remove(&id) {
            None => problems.push(broken(
                verified.events + 1,
                format!("user {name:?} (id {id}) has no user_added event"),
            )),
            Some((ev, n, ro, ac)) if (n != name || ro != role || ac != active) => problems.push(
                broken(ev, format!("user {name:?} (id {id}) does not match its events (name, role or status changed)")),
            ),
            Some(_) => {}
        }
    }
    drop(rows);
    drop(stmt);
    let mut stmt = conn.prepare("SELECT draft_id, version, text, report FROM versions")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (d, v, text, report): (i64, i64, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        match versions.remove(&(d, v)) {
            None => problems.push(broken(
                verified.events + 1,
                format!("draft {d} version {v} has no draft_screened event"),
            )),
            Some((ev, ts, rs)) => {
                if ts != sha256_hex(text.as_bytes()) {
                    problems.push(broken(
                        ev,
                        format!(
                            "the text of draft {d} version {v} was changed after it was screened"
                        ),
                    ));
                } else if rs != sha256_hex(report.as_bytes()) {
                    problems.push(broken(
                        ev,
                        format!(
                            "the report of draft {d} version {v} was changed after it was screened"
                        ),
                    ));
                }
            }
        }
    }
    drop(rows);
    drop(stmt);
    let mut stmt = conn.prepare(
        "SELECT event_id, draft_id, version, stage, decision, opinion, user_id FROM signatures",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let ev: i64 = r.get(0)?;
        let got = json!({
            "draft_id": r.get::<_, i64>(1)?, "version": r.get::<_, i64>(2)?,
            "stage": r.get::<_, String>(3)?, "decision": r.get::<_, String>(4)?,
            "opinion": r.get::<_, String>(5)?, "user_id": r.get::<_, i64>(6)?,
        });
        match signatures.remove(&ev) {
            None => problems.push(broken(
                ev,
                "a signature refers to this event, which is not a sign-off",
            )),
            Some(data) => {
                let same = ["version", "stage", "decision", "opinion", "user_id"]
                    .iter()
                    .all(|k| data.get(*k) == got.get(*k));
                if !same {
                    problems.push(broken(
                        ev,
                        "the signature recorded by this event was changed in the signatures table",
                    ));
                }
            }
        }
    }
    drop(rows);
    drop(stmt);
    let mut stmt = conn.prepare("SELECT id, state FROM drafts")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (d, state): (i64, String) = (r.get(0)?, r.get(1)?);
        match drafts.remove(&d) {
            None => problems.push(broken(
                verified.events + 1,
                format!("draft {d} has no event"),
            )),
            Some((ev, s)) if s != state => problems.push(broken(
                ev,
                format!("draft {d} is in state {state} but its last event says {s}"),
            )),
            Some(_) => {}
        }
    }
    drop(rows);
    drop(stmt);
    // Rows the events name that are gone from the tables.
    for (id, (ev, name, _, _)) in users {
        problems.push(broken(
            ev,
            format!("user {name:?} (id {id}) was removed from the users table"),
        ));
    }
    for ((d, v), (ev, _, _)) in versions {
        problems.push(broken(
            ev,
            format!("draft {d} version {v} was removed from the versions table"),
        ));
    }
    for ev in signatures.keys() {
        problems.push(broken(
            *ev,
            "the signature of this event was removed from the signatures table",
        ));
    }
    for (d, (ev, _)) in drafts {
        problems.push(broken(
            ev,
            format!("draft {d} was removed from the drafts table"),
        ));
    }
    Ok(match problems.into_iter().min_by_key(|b| b.event_id) {
        Some(b) => Err(b),
        None => Ok(verified),
    })
}
