//! What goes wrong at the desk, with the HTTP status each case answers with. Every error of the
//! API is the JSON object `{"error": {"code", "message"}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::fmt;

/// An error of the desk: a refused request, or a failure of the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Malformed JSON, a body that is not UTF-8, a missing or invalid field (400).
    BadRequest(String),
    /// No token, an unknown or disabled user, a wrong token (401).
    Unauthorized(String),
    /// The user's role may not do this (403).
    Forbidden(String),
    /// No such draft, user or page (404).
    NotFound(String),
    /// The endpoint exists but not with this method (405).
    MethodNotAllowed(String),
    /// The request contradicts the state: a stage out of order, a second signature, a blocked
    /// 终审, a user name already taken (409).
    Conflict(String),
    /// The body is larger than `--max-body` (413).
    TooLarge(String),
    /// The audit chain or the database is not what it must be; details went to the log (500).
    Internal(String),
}

/// Result with the desk's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code of the JSON error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "bad_request",
            Error::Unauthorized(_) => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound(_) => "not_found",
            Error::MethodNotAllowed(_) => "method_not_allowed",
            Error::Conflict(_) => "conflict",
            Error::TooLarge(_) => "payload_too_large",
            Error::Internal(_) => "internal",
        }
    }

    /// The message for the client.
    pub fn message(&self) -> &str {
        match self {
            Error::BadRequest(m)
            | Error::Unauthorized(m)
            | Error::Forbidden(m)
            | Error::NotFound(m)
            | Error::MethodNotAllowed(m)
            | Error::Conflict(m)
            | Error::TooLarge(m)
            | Error::Internal(m) => m,
        }
    }

    /// The JSON body of the error.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({"error": {"code": self.code(), "message": self.message()}})
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Internal(format!("database: {e}"))
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if let Error::Internal(m) = &self {
            crate::log(&format!("internal error: {m}"));
        }
        let mut res = (self.status(), axum::Json(self.to_json())).into_response();
        if matches!(self, Error::Unauthorized(_)) {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"zhscreen\""),
            );
        }
        res
    }
}
