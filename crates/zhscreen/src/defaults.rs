//! The default wordlists, embedded at build time from `wordlists/*.txt` (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/default_lists.rs"));

/// The names and texts of the default lists, e.g. to show or export them.
pub fn default_lists() -> impl Iterator<Item = (&'static str, &'static str)> {
    DEFAULT_LISTS.iter().copied()
}
