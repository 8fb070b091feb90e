//! The review desk behind `zhscreen serve`: one process with an embedded SQLite database, a JSON
//! API for content systems (PHP, Node...) that cannot link a C library, the 三审制 sign-off
//! workflow (初审 → 复审 → 终审, 先审后发) and an audit trail in which every event is chained to
//! the previous one by SHA-256 (全程留痕、有据可查), and a small Chinese web page to paste or
//! upload a draft, read its findings, sign a stage and print the 审核表.
//!
//! ```no_run
//! use std::sync::Arc;
//! use zhscreen_desk::{users, workflow::Role, Desk, Options, Store, users::CLI_ACTOR};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let store = Store::open("review.db")?;
//! let (_user, token) = users::add(&store, "张编辑", Role::Editor, CLI_ACTOR)?;
//! println!("{token}"); // Authorization: Bearer <token>
//! let desk = Arc::new(Desk::new(zhscreen::Screener::new()?, store, Options::default()));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! zhscreen_desk::serve(listener, desk, std::future::pending()).await?;
//! # Ok(()) }
//! ```
//!
//! # Modules
//! - [`workflow`]: the rules of the 三审制 (roles, stages, states, what is refused and why);
//! - [`store`]: the SQLite file (WAL, `synchronous = FULL`, one transaction per change);
//! - [`audit`]: the hash chain, appended in the transaction of the change, and its verification;
//! - [`users`], [`session`], [`secret`]: tokens (only their SHA-256 stored, compared in constant
//!   time), sessions of the page with their CSRF tokens;
//! - [`drafts`]: drafts, versions, sign-offs;
//! - `api`, `moderation`: the JSON API; `web`, `render`: the page and the sheet.

mod api;
pub mod audit;
pub mod drafts;
mod error;
mod moderation;
mod render;
pub mod secret;
pub mod session;
pub mod store;
pub mod users;
mod web;
pub mod workflow;

pub use error::{Error, Result};
pub use store::Store;

use axum::Router;
use std::future::Future;
use std::sync::Arc;
use zhscreen::Screener;

/// The default limit of a request body: 1 MiB.
pub const DEFAULT_MAX_BODY: usize = 1 << 20;

/// Turns an uploaded file (name, bytes) into the text to screen: the CLI's reading path
/// (`zhscreen_cli::input`), which decodes GBK and UTF-16, takes the visible text of an HTML page
/// and the paragraphs of a .docx. An error is a message naming what is wrong.
pub type Reader = Arc<dyn Fn(&str, Vec<u8>) -> std::result::Result<String, String> + Send + Sync>;

/// How the desk runs.
#[derive(Clone)]
pub struct Options {
    /// Requests with a larger body are refused with 413.
    pub max_body: usize,
    /// How uploads of the page are read; without one, the page offers no upload.
    pub reader: Option<Reader>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_body: DEFAULT_MAX_BODY,
            reader: None,
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("max_body", &self.max_body)
            .field("reader", &self.reader.is_some())
            .finish()
    }
}

/// The desk: the screener, the database and the templates, shared by every request.
pub struct Desk {
    screener: Screener,
    store: Store,
    options: Options,
    templates: render::Templates,
}

impl Desk {
    /// A desk screening with `screener` and recording into `store`.
    pub fn new(screener: Screener, store: Store, options: Options) -> Desk {
        Desk {
            screener,
            store,
            options,
            templates: render::Templates::new(),
        }
    }

    /// The screener.
    pub fn screener(&self) -> &Screener {
        &self.screener
    }

    /// The screener with notes in `lang`, or in its own language.
    fn screener_in(&self, lang: Option<zhscreen::Lang>) -> Screener {
        self.screener
            .with_lang(lang.unwrap_or(self.screener.lang()))
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs blocking work (the database, a scan) off the async workers.
    async fn blocking<R: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Desk) -> Result<R> + Send + 'static,
    ) -> Result<R> {
        let desk = Arc::clone(self);
        tokio::task::spawn_blocking(move || f(&desk))
            .await
            .map_err(|e| Error::Internal(format!("a worker failed: {e}")))?
    }
}

/// The whole application: the API under `/v1/`, `/healthz`, the page under `/`.
pub fn router(desk: Arc<Desk>) -> Router {
    let limit = desk.options.max_body;
    api::routes()
        .merge(web::routes())
        .layer(axum::extract::DefaultBodyLimit::max(limit))
        .with_state(desk)
}

/// Serves the desk on `listener` until `shutdown` completes, then lets in-flight requests
/// finish and returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    desk: Arc<Desk>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(desk))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Completes on SIGTERM or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

/// One line on standard error (the server's log).
#[allow(clippy::print_stderr)]
pub(crate) fn log(msg: &str) {
    eprintln!("zhscreen serve: {}", msg.replace(['\n', '\r'], " "));
}
