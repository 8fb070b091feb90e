//! `zhscreen users add|list|disable`: the users of a review desk database. `add` prints the new
//! API token on one line of standard output (only its hash is stored).

use crate::args::UsersCommand;
use crate::{note, Failure};
use std::io::Write;
use zhscreen_desk::users::{self, CLI_ACTOR};
use zhscreen_desk::Store;

/// Runs `users add|list|disable`; returns the exit status.
pub fn run(cmd: &UsersCommand) -> Result<i32, Failure> {
    let out = &mut std::io::stdout().lock();
    match cmd {
        UsersCommand::Add { db, name, role } => {
            let store = Store::open(db).map_err(super::desk_error)?;
            let (user, token) =
                users::add(&store, name, role.role(), CLI_ACTOR).map_err(super::desk_error)?;
            writeln!(out, "{token}")?;
            out.flush()?;
            note(&format!(
                "added {} ({}, {}): the token above is shown only this once",
                user.name,
                user.role,
                user.role.label_zh()
            ));
            Ok(0)
        }
        UsersCommand::List { db } => {
            let store = Store::open_existing(db).map_err(super::desk_error)?;
            let list = users::list(&store).map_err(super::desk_error)?;
            writeln!(out, "id\tname\trole\tstatus\tadded")?;
            for u in list {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    u.id,
                    u.name,
                    u.role,
                    if u.active { "active" } else { "disabled" },
                    u.created_at
                )?;
            }
            out.flush()?;
            Ok(0)
        }
        UsersCommand::Disable { db, name } => {
            let store = Store::open_existing(db).map_err(super::desk_error)?;
            let u = users::disable(&store, name, CLI_ACTOR).map_err(super::desk_error)?;
            note(&format!("disabled {} ({})", u.name, u.role));
            Ok(0)
        }
    }
}
