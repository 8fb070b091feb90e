//! Sessions of the web page: a random id in an HttpOnly, SameSite=Strict cookie, stored as its
//! SHA-256, with a CSRF token that every form of the session carries back.

use crate::secret;
use crate::store::{unix_now, Store};
use crate::users::{self, User};
use crate::Result;
use rusqlite::{params, OptionalExtension};

/// The session cookie's name.
pub const COOKIE: &str = "zhscreen_session";
/// The cookie of the sign-in form's CSRF token (before there is a session).
pub const LOGIN_COOKIE: &str = "zhscreen_login";
/// How long a session lasts, in seconds (a working day).
pub const LIFETIME: i64 = 12 * 3600;

/// A signed-in user and the CSRF token of the session.
#[derive(Debug, Clone)]
pub struct Session {
    /// The user (active).
    pub user: User,
    /// The token every form must carry.
    pub csrf: String,
}

/// Opens a session for `user`; returns the cookie value.
pub fn open(store: &Store, user: &User) -> Result<String> {
    let id = secret::random_hex(32)?;
    let csrf = secret::random_hex(32)?;
    let now = unix_now();
    store.write(|tx| {
        tx.execute("DELETE FROM sessions WHERE expires_at < ?1", [now])?;
        tx.execute(
            "INSERT INTO sessions (id_hash, user_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                secret::sha256(id.as_bytes()).to_vec(),
                user.id,
                csrf,
                now + LIFETIME
            ],
        )?;
        Ok(())
    })?;
    Ok(id)
}

/// The live session of a cookie value, if any (its user must still be active).
pub fn find(store: &Store, cookie: &str) -> Result<Option<Session>> {
    if cookie.len() != 64 {
        return Ok(None);
    }
    store.read(|c| {
        let found: Option<(i64, String)> = c
            .prepare_cached(
                "SELECT user_id, csrf FROM sessions WHERE id_hash = ?1 AND expires_at >= ?2",
            )?
            .query_row(
                params![secret::sha256(cookie.as_bytes()).to_vec(), unix_now()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((uid, csrf)) = found else {
            return Ok(None);
        };
        let user = users::by_id(c, uid)?;
        Ok(user.active.then_some(Session { user, csrf }))
    })
}

/// Ends a session.
pub fn close(store: &Store, cookie: &str) -> Result<()> {
    store.write(|tx| {
        tx.execute(
            "DELETE FROM sessions WHERE id_hash = ?1",
            [secret::sha256(cookie.as_bytes()).to_vec()],
        )?;
        Ok(())
    })
}
