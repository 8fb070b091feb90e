//! The audit chain detects a row altered or deleted afterwards, in the events or in the tables
//! of state they record, and names the first event that does not verify.

use rusqlite::Connection;
use zhscreen_desk::audit::{self, Broken};
use zhscreen_desk::users::{self, CLI_ACTOR};
use zhscreen_desk::workflow::{Decision, Role, SignRequest, Stage};
use zhscreen_desk::{drafts, Store};

/// A history: 3 users (events 1-3), a draft (4 created, 5 screened), 初审 (6), 复审 returned
/// (7), version 2 (8 edited, 9 screened), 初审 (10).
fn history() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.db");
    let store = Store::open(&path).unwrap();
    let screener = zhscreen::Screener::new().unwrap();
    let ed = users::add(&store, "张编辑", Role::Editor, CLI_ACTOR)
        .unwrap()
        .0;
    let sec = users::add(&store, "李保密", Role::Secrecy, CLI_ACTOR)
        .unwrap()
        .0;
    users::add(&store, "王主任", Role::Head, CLI_ACTOR).unwrap();
    let text = "本店出售海洛因。";
    let d = drafts::create(&store, &ed, "通知", "门户网站", text, &screener.scan(text)).unwrap();
    let sign = |u, stage, decision, opinion| {
        drafts::sign(
            &store,
            u,
            d.id,
            SignRequest { stage, decision },
            opinion,
            None,
        )
        .unwrap()
    };
    sign(&ed, Stage::First, Decision::Approve, "同意");
    sign(&sec, Stage::Second, Decision::Return, "删去违法内容");
    let text = "本店出售文具。";
    drafts::edit(&store, &ed, d.id, text, &screener.scan(text)).unwrap();
    sign(&ed, Stage::First, Decision::Approve, "已改");
    (dir, path)
}

fn verify(path: &std::path::Path) -> Result<audit::Verified, Broken> {
    let store = Store::open_existing(path).unwrap();
    store.read(audit::verify).unwrap()
}

/// Tampers with the database as someone with the file would: triggers dropped first.
fn tamper(path: &std::path::Path, sql: &str) {
    let c = Connection::open(path).unwrap();
    c.execute_batch(
        "DROP TRIGGER events_are_never_updated; DROP TRIGGER events_are_never_deleted;",
    )
    .unwrap();
    c.execute_batch(sql).unwrap();
}

#[test]
fn an_untouched_history_verifies() {
    let (_d, path) = history();
    let v = verify(&path).unwrap();
    assert_eq!(v.events, 10);
    assert_eq!(v.head.len(), 64);
}

#[test]
fn every_kind_of_tampering_is_named_by_its_first_event() {
    let cases: &[(&str, i64, &str)] = &[
        // The events themselves.
        (
            "UPDATE events SET data = replace(data, '删去违法内容', '同意') WHERE id = 7",
            7,
            "does not match its hash",
        ),
        (
            "UPDATE events SET actor = '王主任' WHERE id = 6",
            6,
            "does not match its hash",
        ),
        (
            "UPDATE events SET at = '2020-01-01T00:00:00.000Z' WHERE id = 1",
            1,
            "does not match its hash",
        ),
        ("DELETE FROM events WHERE id = 5", 5, "missing"),
        ("DELETE FROM events WHERE id = 1", 1, "missing"),
        (
            "UPDATE events SET prev_hash = hash WHERE id = 9",
            9,
            "prev_hash",
        ),
        // The tables of state, against what the events say.
        (
            "UPDATE signatures SET opinion = '同意' WHERE event_id = 7",
            7,
            "signature",
        ),
        (
            "UPDATE signatures SET decision = 'approve' WHERE event_id = 7",
            7,
            "signature",
        ),
        ("DELETE FROM signatures WHERE event_id = 10", 10, "removed"),
        (
            "UPDATE users SET role = 'head' WHERE name = '张编辑'",
            1,
            "does not match",
        ),
        (
            "UPDATE users SET active = 0 WHERE name = '李保密'",
            2,
            "does not match",
        ),
        ("UPDATE drafts SET state = 'approved'", 10, "state approved"),
        (
            "UPDATE versions SET text = '本店出售文具。' WHERE version = 1",
            5,
            "text of draft 1 version 1",
        ),
        (
            "UPDATE versions SET report = replace(report, 'block', 'pass') WHERE version = 1",
            5,
            "report",
        ),
    ];
    for (sql, event, says) in cases {
        let (_d, path) = history();
        tamper(&path, sql);
        let b = verify(&path).expect_err(sql);
        assert_eq!(b.event_id, *event, "{sql}: {b}");
        assert!(b.reason.contains(says), "{sql}: {b}");
    }
}

#[test]
fn a_rehashed_event_breaks_the_link_to_the_next() {
    let (_d, path) = history();
    // Change event 6 and recompute its own hash as the code does: event 7 no longer links.
    let c = Connection::open(&path).unwrap();
    c.execute_batch("DROP TRIGGER events_are_never_updated;")
        .unwrap();
    let (id, at, actor, kind, draft, data, prev): (
        i64,
        String,
        String,
        String,
        Option<i64>,
        String,
        String,
    ) = c
        .query_row(
            "SELECT id, at, actor, kind, draft_id, data, prev_hash FROM events WHERE id = 6",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .unwrap();
    let data = data.replace("同意", "不同意");
    let content = serde_json::json!([id, at, actor, kind, draft, data, prev]).to_string();
    let hash = zhscreen_desk::secret::sha256_hex(content.as_bytes());
    c.execute(
        "UPDATE events SET data = ?1, hash = ?2 WHERE id = 6",
        rusqlite::params![data, hash],
    )
    .unwrap();
    c.execute(
        "UPDATE signatures SET opinion = '不同意' WHERE event_id = 6",
        [],
    )
    .unwrap();
    drop(c);
    let b = verify(&path).unwrap_err();
    assert_eq!(b.event_id, 7, "{b}");
    assert!(b.reason.contains("prev_hash"), "{b}");
}

#[test]
fn the_hash_is_the_documented_one() {
    // docs/desk.md tells auditors to recompute sha256 of [id, at, actor, kind, draft_id, data, prev_hash].
    let (_d, path) = history();
    let c = Connection::open(&path).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT id, at, actor, kind, draft_id, data, prev_hash, hash FROM events ORDER BY id",
        )
        .unwrap();
    let mut prev = audit::GENESIS.to_string();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (id, at, actor, kind, draft, data, p, hash) = row.unwrap();
        assert_eq!(p, prev);
        let content = serde_json::json!([id, at, actor, kind, draft, data, p]).to_string();
        assert_eq!(zhscreen_desk::secret::sha256_hex(content.as_bytes()), hash);
        prev = hash;
    }
}
