//! The benchmark harness of zhscreen: everything the bench target (`benches/zhscreen.rs`) and the
//! probe binary (`bench-probe`) share.
//!
//! - [`inputs`]: the texts, generated at run time with a fixed seed from the sentences of the
//!   government work reports, with identifiers, full-width and ASCII runs and a few list terms
//!   mixed in; plus the real work reports themselves.
//! - [`dict`]: the dictionaries: the default ruleset's patterns, and 1k/10k/20k/100k terms from
//!   the public lexicon union, cleaned so that every term is a valid wordlist entry.
//! - [`engines`]: the bare matchers, built the same way everywhere.
//! - [`oracle`]: the match counts that must agree between zhscreen and the bare matchers.
//! - [`procfs`]: resident memory from `/proc/self/status`.
//! - [`paths`]: where the shared data is read and the results are written.
//! - [`suite`]: the inputs and dictionaries of one run, built in one place.
#![forbid(unsafe_code)]

pub mod dict;
pub mod engines;
pub mod inputs;
pub mod oracle;
pub mod paths;
pub mod procfs;
pub mod suite;
