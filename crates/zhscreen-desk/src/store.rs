//! The database: one SQLite file in WAL mode, its schema, and a small pool of connections.
//!
//! Every change of state runs in one `BEGIN IMMEDIATE` transaction together with the audit
//! event that records it ([`Store::write`]), so the two are committed or lost together, and
//! writers from several processes (`zhscreen serve` and `zhscreen users add`) take turns.
//! `synchronous = FULL`: a transaction that returned is on disk, whatever happens to the process.

use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The schema version this code writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS users (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('editor', 'secrecy', 'head')),
    token_hash  BLOB NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS drafts (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    platform    TEXT NOT NULL,
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    draft_id    INTEGER NOT NULL REFERENCES drafts (id),
    version     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    report      TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    blocks      INTEGER NOT NULL,
    author      INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (draft_id, version)
);
CREATE TABLE IF NOT EXISTS signatures (
    event_id    INTEGER PRIMARY KEY REFERENCES events (id),
    draft_id    INTEGER NOT NULL REFERENCES drafts (id),
    version     INTEGER NOT NULL,
    stage       TEXT NOT NULL,
    decision    TEXT NOT NULL,
    opinion     TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    signed_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS signatures_by_version ON signatures (draft_id, version);
CREATE TABLE IF NOT EXISTS events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    draft_id    INTEGER,
    data        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_draft ON events (draft_id, id);
CREATE TRIGGER IF NOT EXISTS events_are_never_updated BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TABLE IF NOT EXISTS sessions (
    id_hash     BLOB PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    csrf        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
);
"#;

/// The desk's database.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Store {
    /// Opens (and creates, if needed) the database at `path`: WAL mode, the schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn = connect(&path, true)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(Error::Internal(format!(
                "{}: the database has schema version {version}, newer than this zhscreen \
                 ({SCHEMA_VERSION}): use the zhscreen that wrote it",
                path.display()
            )));
        }
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Internal(format!(
                "{}: cannot switch the database to WAL mode (journal mode {mode})",
                path.display()
            )));
        }
        conn.execute_batch(SCHEMA)
            .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        Ok(Store {
            path,
            idle: Mutex::new(vec![conn]),
        })
    }

    /// Opens an existing database; an error names the file when there is none.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "{}: no such database (create it with `zhscreen users add --db {}`)",
                path.display(),
                path.display()
            )));
        }
        Store::open(path)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with a connection of the pool (for reads).
    pub fn read<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        let conn = self.take()?;
        let out = f(&conn);
        self.give_back(conn);
        out
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction and commits when it returns `Ok`; nothing is
    /// written when it returns an error.
    pub fn write<R>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<R>) -> Result<R> {
        let mut conn = self.take()?;
        let out = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let r = f(&tx)?;
            tx.commit()?;
            Ok(r)
        })();
        self.give_back(conn);
        out
    }

    fn take(&self) -> Result<Connection> {
        let pooled = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        match pooled {
            Some(c) => Ok(c),
            None => connect(&self.path, false),
        }
    }

    fn give_back(&self, conn: Connection) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < 8 {
                idle.push(conn);
            }
        }
    }
}

fn connect(path: &Path, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags).map_err(|e| {
        Error::Internal(format!("{}: cannot open the database: {e}", path.display()))
    })?;
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

/// The current time, RFC 3339 in UTC with milliseconds (what every row and event records).
pub fn now() -> String {
    format!("{:.3}", jiff::Timestamp::now())
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_wal_mode_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.db");
        let store = Store::open(&path).unwrap();
        let mode: String = store
            .read(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        Store::open_existing(&path).unwrap();
    }

    #[test]
    fn a_missing_database_is_named() {
        let e = Store::open_existing("/nonexistent/x.db").unwrap_err();
        assert!(e.message().contains("/nonexistent/x.db"), "{e}");
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("d.db")).unwrap();
        let r: Result<()> = store.write(|tx| {
            tx.execute(
                "INSERT INTO users (name, role, token_hash, created_at) VALUES ('a', 'editor', x'00', 'now')",
                [],
            )?;
            Err(Error::Conflict("no".into()))
        });
        assert!(r.is_err());
        let n: i64 = store
            .read(|c| Ok(c.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn events_cannot_be_updated_or_deleted_through_sql() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("d.db")).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO events (at, actor, kind, data, prev_hash, hash) VALUES ('t', 'a', 'k', '{}', 'p', 'h')",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        for sql in ["UPDATE events SET actor = 'b'", "DELETE FROM events"] {
            let e = store.write(|tx| Ok(tx.execute(sql, [])?)).unwrap_err();
            assert!(e.message().contains("append-only"), "{e}");
        }
    }
}
