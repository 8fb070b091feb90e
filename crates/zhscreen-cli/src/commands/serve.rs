//! `zhscreen serve`: the review desk (`zhscreen_desk`) on a TCP port until SIGTERM or SIGINT,
//! which let the requests in flight finish; exit 0.

use crate::args::{Cli, ServeArgs};
use crate::{note, Failure};
use std::sync::Arc;
use zhscreen_desk::{Desk, Options, Store};

/// Runs `serve`; returns the exit status.
pub fn run(cli: &Cli, args: &ServeArgs) -> Result<i32, Failure> {
    let screener = super::build_screener(cli, &[])?;
    screener.warm_up();
    let store = Store::open(&args.db).map_err(super::desk_error)?;
    // An upload's error is shown on the page, in the language of the desk's words.
    let lang = cli.lang;
    let options = Options {
        max_body: args.max_body,
        // Uploads of the page go through the reading path of `zhscreen scan`.
        reader: Some(Arc::new(move |name: &str, bytes: Vec<u8>| {
            zhscreen_cli::read_upload(name, bytes, lang)
        })),
    };
    let fingerprint = screener.ruleset().fingerprint.clone();
    let desk = Arc::new(Desk::new(screener, store, options));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Failure::Io)?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|e| Failure::Input(format!("cannot listen on {}: {e}", args.listen)))?;
        let addr = listener.local_addr().map_err(Failure::Io)?;
        note(&format!(
            "listening on http://{addr} (database {}, ruleset {fingerprint})",
            args.db.display()
        ));
        zhscreen_desk::serve(listener, desk, zhscreen_desk::shutdown_signal())
            .await
            .map_err(Failure::Io)?;
        note("stopped");
        Ok(0)
    })
}
