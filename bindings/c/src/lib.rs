//! The C ABI of zhscreen, for legacy content-management systems written in C and Java (JNA).
//!
//! This crate builds `libzhscreen.so` / `libzhscreen.a` (library name `zhscreen`) and holds no
//! screening logic: every call hands the caller's text to [`zhscreen::Screener`] and returns what
//! it returned. The header `include/zhscreen.h` is generated from this crate by cbindgen (see
//! `cbindgen.toml`) and is the API's documentation; `tests/header.rs` fails when it is stale.
//!
//! Conventions, after rustls-ffi and regex-capi:
//! - every name starts with `zs_`; objects are opaque handles, each with its free function;
//! - text goes in as pointer + length (UTF-8, no NUL needed); invalid UTF-8 is a status;
//! - every fallible call returns a [`zs_status`] and writes its outputs only on success; the
//!   details of a failure (message, wordlist file and line) are kept per thread;
//! - every export runs inside a panic boundary: a bug in zhscreen becomes `ZS_ERR_PANIC`, never an
//!   unwind into C (which would abort the host process, a JVM included);
//! - integers are `int32_t`, `int64_t` and `uint64_t`, no C `bool` and no `size_t`, so that JNA
//!   maps them without surprises;
//! - a screener is shared by many threads; reports, redactions and builders are not.
//!
//! All of the project's `unsafe` is in this crate, at its edge: reading caller memory and handles
//! ([`args`]), each block with its `SAFETY:` reason.

// The C names (`zs_screener`, `zs_status`) are the API: they stay lower case in Rust too.
#![allow(non_camel_case_types)]

// The modules are declared in the order their items appear in the header (cbindgen follows it).

// Status codes, the per-thread last error, the panic boundary.
pub mod error;

// Screeners and their builder.
pub mod screener;

// Scanning, reports, findings.
pub mod report;

// Redaction and fixing.
pub mod redact;

// Pointer + length to Rust values, handles, out-parameters.
pub mod args;

pub use error::zs_status;
pub use redact::zs_redaction;
pub use report::{
    zs_category, zs_finding, zs_gate, zs_report, zs_severity, zs_sign_off_level,
    zs_sign_off_reason, zs_verdict,
};
pub use screener::{zs_builder, zs_lang, zs_screener};

use std::ffi::{c_char, CStr};

/// Major version of the library this header belongs to (compare with `zs_version()` at run time).
pub const ZS_VERSION_MAJOR: i32 = 0;
/// Minor version of the library this header belongs to.
pub const ZS_VERSION_MINOR: i32 = 1;
/// Patch version of the library this header belongs to.
pub const ZS_VERSION_PATCH: i32 = 0;

const fn parse_version_part(s: &str) -> i32 {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        assert!(b[i].is_ascii_digit(), "version parts are decimal numbers");
        n = n * 10 + (b[i] - b'0') as i32;
        i += 1;
    }
    n
}

// The header's version macros come from the constants above; they must follow Cargo.toml.
const _: () = assert!(
    ZS_VERSION_MAJOR == parse_version_part(env!("CARGO_PKG_VERSION_MAJOR"))
        && ZS_VERSION_MINOR == parse_version_part(env!("CARGO_PKG_VERSION_MINOR"))
        && ZS_VERSION_PATCH == parse_version_part(env!("CARGO_PKG_VERSION_PATCH")),
    "update ZS_VERSION_* in bindings/c/src/lib.rs to the package version, then regenerate the header"
);

const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("the package version holds no NUL"),
    };

/// The version of the library that is loaded (`"0.1.0"`), which may differ from the header's
/// `ZS_VERSION` when an application runs against a newer library. A static string: do not free
/// it.
#[no_mangle]
pub extern "C" fn zs_version() -> *const c_char {
    error::guard_value(std::ptr::null(), || Ok(VERSION.as_ptr()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_package_version() {
        // SAFETY: `zs_version` returns a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(zs_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
        assert_eq!(
            format!("{ZS_VERSION_MAJOR}.{ZS_VERSION_MINOR}.{ZS_VERSION_PATCH}"),
            env!("CARGO_PKG_VERSION")
        );
    }
}
