//! Users and their API tokens. A token is `zhs_<user id>_<64 hex digits>`: 256 random bits,
//! printed once by `zhscreen users add`; only its SHA-256 is stored, and it is compared in
//! constant time.

use crate::audit::{self, Kind};
use crate::secret;
use crate::store::{now, Store};
use crate::workflow::Role;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

/// A user of the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// The id (part of the token).
    pub id: i64,
    /// The name shown on signatures and in the audit trail.
    pub name: String,
    /// What the user signs.
    pub role: Role,
    /// A disabled user can no longer sign in or call the API.
    pub active: bool,
    /// When the user was added.
    pub created_at: String,
}

/// The actor recorded for changes made from the command line.
pub const CLI_ACTOR: &str = "cli";

/// Checks a user name: 1 to 64 characters, no control characters, not blank at either end.
pub fn check_name(name: &str) -> Result<()> {
    let n = name.chars().count();
    if n == 0 || n > 64 {
        return Err(Error::BadRequest(format!(
            "the user name must have 1 to 64 characters (it has {n})"
        )));
    }
    if name.trim() != name || name.chars().any(char::is_control) {
        return Err(Error::BadRequest(format!(
            "the user name {name:?} has spaces at an end or control characters"
        )));
    }
    if name == CLI_ACTOR {
        return Err(Error::BadRequest(format!(
            "the user name {CLI_ACTOR:?} is reserved for the command line in the audit trail"
        )));
    }
    Ok(())
}

fn user(r: &rusqlite::Row<'_>) -> rusqlite::Result<(User, Vec<u8>)> {
    let role: String = r.get(2)?;
    Ok((
        User {
            id: r.get(0)?,
            name: r.get(1)?,
            role: role.parse().map_err(|e: String| {
                rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, e.into())
            })?,
            active: r.get(3)?,
            created_at: r.get(4)?,
        },
        r.get(5)?,
    ))
}

const COLUMNS: &str = "id, name, role, active, created_at, token_hash";

/// Adds a user and returns it with its token (shown once, never stored).
pub fn add(store: &Store, name: &str, role: Role, actor: &str) -> Result<(User, String)> {
    check_name(name)?;
    store.write(|tx| {
        let taken: Option<i64> = tx
            .query_row("SELECT id FROM users WHERE name = ?1", [name], |r| r.get(0))
            .optional()?;
        if taken.is_some() {
            return Err(Error::Conflict(format!("a user named {name:?} already exists")));
        }
        let at = now();
        // The id is known before the token is made, so that the token can name it.
        let id: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM users", [], |r| r.get(0))?;
        let token = format!("zhs_{id}_{}", secret::random_hex(32)?);
        tx.execute(
            "INSERT INTO users (id, name, role, token_hash, active, created_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![id, name, role.as_str(), secret::sha256(token.as_bytes()).to_vec(), at],
        )?;
        audit::append(
            tx,
            actor,
            Kind::UserAdded,
            None,
            &json!({"user_id": id, "name": name, "role": role.as_str()}),
        )?;
        let user = User {
            id,
            name: name.to_string(),
            role,
            active: true,
            created_at: at,
        };
        Ok((user, token))
    })
}

/// Every user, in the order they were added.
pub fn list(store: &Store) -> Result<Vec<User>> {
    store.read(|c| {
        let mut stmt = c.prepare(&format!("SELECT {COLUMNS} FROM users ORDER BY id"))?;
        let rows = stmt.query_map([], user)?;
        Ok(rows
            .map(|r| r.map(|(u, _)| u))
            .collect::<rusqlite::Result<_>>()?)
    })
}

/// Disables a user by name: the token and every session stop working at once.
pub fn disable(store: &Store, name: &str, actor: &str) -> Result<User> {
    store.write(|tx| {
        let found = tx
            .query_row(
                &format!("SELECT {COLUMNS} FROM users WHERE name = ?1"),
                [name],
                user,
            )
            .optional()?;
        let Some((mut u, _)) = found else {
            return Err(Error::NotFound(format!("no user named {name:?}")));
        };
        if !u.active {
            return Err(Error::Conflict(format!(
                "the user {name:?} is already disabled"
            )));
        }
        tx.execute("UPDATE users SET active = 0 WHERE id = ?1", [u.id])?;
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [u.id])?;
        audit::append(
            tx,
            actor,
            Kind::UserDisabled,
            None,
            &json!({"user_id": u.id, "name": u.name}),
        )?;
        u.active = false;
        Ok(u)
    })
}

/// The active user a bearer token belongs to.
pub fn by_token(conn: &Connection, token: &str) -> Result<User> {
    let refused = || {
        Error::Unauthorized(
            "the token is not valid (unknown, mistyped or of a disabled user)".into(),
        )
    };
    let id: i64 = token
        .strip_prefix("zhs_")
        .and_then(|rest| rest.split_once('_'))
        .and_then(|(id, _)| id.parse().ok())
        .ok_or_else(|| Error::Unauthorized("the token is not a zhscreen token (zhs_...)".into()))?;
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users WHERE id = ?1"))?;
    let found = stmt.query_row([id], user).optional()?;
    let Some((u, hash)) = found else {
        return Err(refused());
    };
    // Compare whatever was found, in constant time, before looking at the status.
    let ok = secret::same(&secret::sha256(token.as_bytes()), &hash);
    if !ok || !u.active {
        return Err(refused());
    }
    Ok(u)
}

/// The active user with this name and token (the sign-in page).
pub fn by_name_and_token(conn: &Connection, name: &str, token: &str) -> Result<User> {
    let u = by_token(conn, token.trim())
        .map_err(|_| Error::Unauthorized("姓名或令牌不正确，或该用户已停用".into()))?;
    if u.name != name.trim() {
        return Err(Error::Unauthorized(
            "姓名或令牌不正确，或该用户已停用".into(),
        ));
    }
    Ok(u)
}

/// A user by id, active or not (for names on signatures).
pub fn by_id(conn: &Connection, id: i64) -> Result<User> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users WHERE id = ?1"))?;
    stmt.query_row([id], user)
        .optional()?
        .map(|(u, _)| u)
        .ok_or_else(|| Error::NotFound(format!("no user with id {id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path().join("d.db")).unwrap();
        (dir, s)
    }

    #[test]
    fn a_token_finds_its_user_and_nothing_else_does() {
        let (_d, s) = store();
        let (u, token) = add(&s, "张编辑", Role::Editor, CLI_ACTOR).unwrap();
        assert!(token.starts_with(&format!("zhs_{}_", u.id)));
        let found = s.read(|c| by_token(c, &token)).unwrap();
        assert_eq!(found, u);
        // One digit changed, a token of another id, garbage.
        let mut wrong = token.clone().into_bytes();
        let last = wrong.len() - 1;
        wrong[last] = if wrong[last] == b'0' { b'1' } else { b'0' };
        let wrong = String::from_utf8(wrong).unwrap();
        for t in [wrong.as_str(), "zhs_2_00", "zhs_x_1", "Bearer", ""] {
            let e = s.read(|c| by_token(c, t)).unwrap_err();
            assert!(matches!(e, Error::Unauthorized(_)), "{t}: {e:?}");
        }
        // The token itself is stored nowhere.
        let stored: Vec<u8> = s
            .read(|c| Ok(c.query_row("SELECT token_hash FROM users", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(stored.len(), 32);
        assert!(!String::from_utf8_lossy(&stored).contains(&token[8..]));
    }

    #[test]
    fn disabling_stops_the_token_and_is_audited() {
        let (_d, s) = store();
        let (_, token) = add(&s, "李审", Role::Secrecy, CLI_ACTOR).unwrap();
        disable(&s, "李审", CLI_ACTOR).unwrap();
        assert!(s.read(|c| by_token(c, &token)).is_err());
        assert!(matches!(
            disable(&s, "李审", CLI_ACTOR),
            Err(Error::Conflict(_))
        ));
        assert!(matches!(
            disable(&s, "nobody", CLI_ACTOR),
            Err(Error::NotFound(_))
        ));
        let events = s.read(|c| audit::after(c, 0, 10)).unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["user_added", "user_disabled"]);
        assert!(!list(&s).unwrap()[0].active);
    }

    #[test]
    fn names_are_checked_and_unique() {
        let (_d, s) = store();
        add(&s, "王", Role::Head, CLI_ACTOR).unwrap();
        assert!(matches!(
            add(&s, "王", Role::Editor, CLI_ACTOR),
            Err(Error::Conflict(_))
        ));
        for bad in ["", " 王", "a\nb", CLI_ACTOR, &"长".repeat(65)] {
            assert!(
                matches!(
                    add(&s, bad, Role::Editor, CLI_ACTOR),
                    Err(Error::BadRequest(_))
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn sign_in_needs_the_name_of_the_token() {
        let (_d, s) = store();
        let (_, t1) = add(&s, "甲", Role::Editor, CLI_ACTOR).unwrap();
        add(&s, "乙", Role::Head, CLI_ACTOR).unwrap();
        assert!(s.read(|c| by_name_and_token(c, "甲", &t1)).is_ok());
        assert!(s.read(|c| by_name_and_token(c, "乙", &t1)).is_err());
    }
}
