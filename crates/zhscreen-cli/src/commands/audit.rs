//! `zhscreen audit verify`: checks the hash chain of a review desk database and the tables of
//! state against it; exit 0 when intact, 1 naming the first event that does not verify.

use crate::args::AuditCommand;
use crate::Failure;
use std::io::Write;
use zhscreen_desk::{audit, Store};

/// Runs `audit verify`; returns the exit status (0 intact, 1 broken, 2 on errors).
pub fn run(cmd: &AuditCommand) -> Result<i32, Failure> {
    let out = &mut std::io::stdout().lock();
    match cmd {
        AuditCommand::Verify { db } => {
            let store = Store::open_existing(db).map_err(super::desk_error)?;
            match store.read(audit::verify).map_err(super::desk_error)? {
                Ok(v) => {
                    writeln!(
                        out,
                        "audit chain intact: {} events, head {}",
                        v.events, v.head
                    )?;
                    out.flush()?;
                    Ok(0)
                }
                Err(b) => {
                    // The desk's audit messages are English (not yet in the catalogue).
                    crate::error(zhscreen::Lang::En, &format!("audit chain broken at {b}"));
                    Ok(1)
                }
            }
        }
    }
}
