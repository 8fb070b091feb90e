//! Screeners and the builder that makes them from the default lists and the caller's wordlists.

use crate::args::{self, into_handle, CText, Out};
use crate::error::{guard, guard_value, to_i64, zs_status, Failure, ZS_ERR_ARGUMENT, ZS_ERR_UTF8};
use std::ffi::c_char;
use std::path::PathBuf;
use zhscreen::{Lang, Screener, ScreenerBuilder};

/// A compiled set of rules that screens text.
///
/// Thread safety: a screener is immutable. One screener may be used by any number of threads at
/// once (`zs_scan`, `zs_redact`, `zs_fix` from many threads on the same handle is the intended
/// use); build it once at start-up and share it. Free it once no call uses it any more.
pub struct zs_screener {
    pub(crate) screener: Screener,
    fingerprint: CText,
}

impl zs_screener {
    fn new(screener: Screener) -> zs_screener {
        let fingerprint = CText::new(&screener.ruleset().fingerprint);
        zs_screener {
            screener,
            fingerprint,
        }
    }
}

/// The language of a screener's notes (the `note` of each finding). Only the notes change: the
/// category, gate, severity, rule ids and the fingerprint are the same in every language.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zs_lang {
    /// Chinese, the default: notes as a reviewer would write them.
    ZS_LANG_ZH = 0,
    /// English.
    ZS_LANG_EN = 1,
}

fn c_lang(lang: Lang) -> zs_lang {
    match lang {
        Lang::Zh => zs_lang::ZS_LANG_ZH,
        Lang::En => zs_lang::ZS_LANG_EN,
    }
}

fn lang_of(value: i32) -> Result<Lang, Failure> {
    Lang::ALL
        .into_iter()
        .find(|&l| c_lang(l) as i32 == value)
        .ok_or_else(|| {
            Failure::new(
                ZS_ERR_ARGUMENT,
                format!("`lang` is {value}; expected ZS_LANG_ZH (0) or ZS_LANG_EN (1)"),
            )
        })
}

/// Collects the wordlists a screener is built from.
///
/// Thread safety: not to be used by two threads at once; it may be moved between threads.
#[derive(Debug, Default)]
pub struct zs_builder {
    builder: ScreenerBuilder,
}

/// Creates a screener with the default lists and detectors, and writes it to `*out`.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL` when `out` is NULL, or `ZS_ERR_BUILD`. Free the screener with
/// `zs_screener_free`. Building takes a few milliseconds; the segmenter's dictionary loads on the
/// first scan that needs it.
///
/// # Safety
/// `out` must be NULL or valid for writing one pointer.
#[no_mangle]
pub unsafe extern "C" fn zs_screener_new(out: *mut *mut zs_screener) -> zs_status {
    guard(|| {
        let out = Out::new(out, "out")?;
        let screener = Screener::new()?;
        // SAFETY: the caller guarantees `out` is valid for writing one pointer.
        unsafe { out.write(into_handle(zs_screener::new(screener))) };
        Ok(())
    })
}

/// Frees a screener. NULL is ignored. The handle is invalid afterwards; no other thread may be
/// using it.
///
/// # Safety
/// `screener` must be NULL or a screener from this library that has not been freed.
#[no_mangle]
pub unsafe extern "C" fn zs_screener_free(screener: *mut zs_screener) {
    guard_value((), || {
        // SAFETY: the caller guarantees a live screener or NULL, used by no other thread.
        unsafe { args::free_handle(screener) };
        Ok(())
    })
}

/// The fingerprint of the screener's compiled rules (hex, NUL-terminated), for the audit record:
/// the same rules always give the same value. NULL when `screener` is NULL. Owned by the screener:
/// valid until `zs_screener_free`; do not free it.
///
/// # Safety
/// `screener` must be NULL or a live screener.
#[no_mangle]
pub unsafe extern "C" fn zs_screener_fingerprint(screener: *const zs_screener) -> *const c_char {
    guard_value(std::ptr::null(), || {
        // SAFETY: the caller guarantees a live screener or NULL.
        let s = unsafe { args::handle(screener, "screener") }?;
        Ok(s.fingerprint.ptr())
    })
}

/// Writes to `*out` a screener with the same compiled rules as `screener` whose notes are in
/// `lang` (a `zs_lang`). Nothing is rebuilt: the rules are shared, so this is cheap enough to call
/// per request (e.g. from an `Accept-Language` header). The new handle is independent: free it
/// with `zs_screener_free`, before or after `screener`.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, or `ZS_ERR_ARGUMENT` when `lang` is not a `zs_lang`.
///
/// # Safety
/// `screener` must be NULL or a live screener; `out` must be NULL or valid for writing one
/// pointer.
#[no_mangle]
pub unsafe extern "C" fn zs_screener_with_lang(
    screener: *const zs_screener,
    lang: i32,
    out: *mut *mut zs_screener,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live screener or NULL.
        let s = unsafe { args::handle(screener, "screener") }?;
        let out = Out::new(out, "out")?;
        let lang = lang_of(lang)?;
        let other = zs_screener {
            screener: s.screener.with_lang(lang),
            fingerprint: CText::new(&s.screener.ruleset().fingerprint),
        };
        // SAFETY: the caller guarantees `out` is valid for writing one pointer.
        unsafe { out.write(into_handle(other)) };
        Ok(())
    })
}

/// The language of the screener's notes, a `zs_lang`; -1 when `screener` is NULL.
///
/// # Safety
/// `screener` must be NULL or a live screener.
#[no_mangle]
pub unsafe extern "C" fn zs_screener_lang(screener: *const zs_screener) -> i32 {
    guard_value(-1, || {
        // SAFETY: the caller guarantees a live screener or NULL.
        let s = unsafe { args::handle(screener, "screener") }?;
        Ok(c_lang(s.screener.lang()) as i32)
    })
}

/// The id of a `zs_lang` value (`"zh"`, `"en"`), or NULL for a value that is none. Static.
#[no_mangle]
pub extern "C" fn zs_lang_name(lang: i32) -> *const c_char {
    guard_value(std::ptr::null(), || {
        Ok(match lang_of(lang) {
            Ok(Lang::Zh) => c"zh".as_ptr(),
            Ok(Lang::En) => c"en".as_ptr(),
            Err(_) => std::ptr::null(),
        })
    })
}

/// Creates a builder and writes it to `*out`. `with_defaults` is 1 to start from the default
/// lists (user lists then add to them and override entries of the same category and term), or
/// 0 to use only the lists added.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, or `ZS_ERR_ARGUMENT` when `with_defaults` is neither 0 nor 1.
/// Free the builder with `zs_builder_free`.
///
/// # Safety
/// `out` must be NULL or valid for writing one pointer.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_new(
    with_defaults: i32,
    out: *mut *mut zs_builder,
) -> zs_status {
    guard(|| {
        let out = Out::new(out, "out")?;
        let defaults = flag(with_defaults, "with_defaults")?;
        let builder = zs_builder {
            builder: Screener::builder().defaults(defaults),
        };
        // SAFETY: the caller guarantees `out` is valid for writing one pointer.
        unsafe { out.write(into_handle(builder)) };
        Ok(())
    })
}

/// Adds a wordlist file, or every `*.txt` file under a directory (in name order), by path: bytes
/// `path[0..path_len]`, no NUL needed. Nothing is read until `zs_builder_build`, which reports an
/// unreadable path as `ZS_ERR_IO` and a malformed line as `ZS_ERR_WORDLIST` with file and line.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, `ZS_ERR_ARGUMENT` (empty path), or `ZS_ERR_UTF8` (on systems
/// whose paths are not bytes).
///
/// # Safety
/// `builder` must be NULL or a live builder used by no other thread; `path` must be NULL or point
/// to `path_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_add_path(
    builder: *mut zs_builder,
    path: *const c_char,
    path_len: u64,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live builder or NULL, used by this thread only.
        let b = unsafe { args::handle_mut(builder, "builder") }?;
        // SAFETY: the caller guarantees `path` points to `path_len` readable bytes, or is NULL.
        let raw = unsafe { args::bytes(path, path_len, "path") }?;
        if raw.is_empty() {
            return Err(Failure::new(ZS_ERR_ARGUMENT, "`path` is empty"));
        }
        let path = path_from_bytes(raw)?;
        b.builder = std::mem::take(&mut b.builder).wordlist_path(path);
        Ok(())
    })
}

/// Adds a wordlist held in memory: UTF-8 text `text[0..text_len]` in the wordlist format, named
/// `name[0..name_len]` in errors and rule origins (like a file name). The text is copied.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, `ZS_ERR_ARGUMENT` (empty name), or `ZS_ERR_UTF8` (with the
/// name as the error's file and the line of the bad bytes). Malformed lines are reported by
/// `zs_builder_build`.
///
/// # Safety
/// `builder` must be NULL or a live builder used by no other thread; `name` and `text` must be
/// NULL or point to `name_len` and `text_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_add_text(
    builder: *mut zs_builder,
    name: *const c_char,
    name_len: u64,
    text: *const c_char,
    text_len: u64,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live builder or NULL, used by this thread only.
        let b = unsafe { args::handle_mut(builder, "builder") }?;
        // SAFETY: the caller guarantees `name` points to `name_len` readable bytes, or is NULL.
        let name = unsafe { args::text(name, name_len, "name") }?;
        if name.is_empty() {
            return Err(Failure::new(ZS_ERR_ARGUMENT, "`name` is empty"));
        }
        // SAFETY: the caller guarantees `text` points to `text_len` readable bytes, or is NULL.
        let raw = unsafe { args::bytes(text, text_len, "text") }?;
        let list = std::str::from_utf8(raw).map_err(|e| {
            let line = raw[..e.valid_up_to()]
                .iter()
                .filter(|&&c| c == b'\n')
                .count()
                + 1;
            Failure::new(
                ZS_ERR_UTF8,
                format!("{name}:{line}: not valid UTF-8 (save the list as UTF-8)"),
            )
            .at(name, to_i64(line))
        })?;
        b.builder = std::mem::take(&mut b.builder).wordlist_text(name, list);
        Ok(())
    })
}

/// Sets the language of the notes of the screeners this builder builds (a `zs_lang`;
/// `ZS_LANG_ZH` unless set).
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, or `ZS_ERR_ARGUMENT` when `lang` is not a `zs_lang` (the
/// builder is then unchanged).
///
/// # Safety
/// `builder` must be NULL or a live builder used by no other thread.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_set_lang(builder: *mut zs_builder, lang: i32) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live builder or NULL, used by this thread only.
        let b = unsafe { args::handle_mut(builder, "builder") }?;
        let lang = lang_of(lang)?;
        b.builder = std::mem::take(&mut b.builder).lang(lang);
        Ok(())
    })
}

/// Sets the names policy: names of protected people (patients, minors, students named with
/// their school, victims, parties in a case) are reported at `warn` when `protect` is 0 (the
/// default) or at `review` when it is 1; `relief_recipients` 1 also reads names after 救助对象,
/// 低保对象... (0 by default). Officials in their duties and award winners are never reported.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, or `ZS_ERR_ARGUMENT` when a flag is neither 0 nor 1 (the
/// builder is then unchanged).
///
/// # Safety
/// `builder` must be NULL or a live builder not used by another thread.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_names(
    builder: *mut zs_builder,
    protect: i32,
    relief_recipients: i32,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live builder or NULL, used by no other thread.
        let b = unsafe { args::handle_mut(builder, "builder") }?;
        let policy = zhscreen::NamesPolicy {
            protect: flag(protect, "protect")?,
            relief_recipients: flag(relief_recipients, "relief_recipients")?,
        };
        b.builder = std::mem::take(&mut b.builder).names(policy);
        Ok(())
    })
}

/// Sets the statistical typo detector (category `typo`, rule `typo/statistical`): off when `on`
/// is 0; on when it is 1 (the default, with the default lists), reporting a character when the
/// corrected text is at least 10^`threshold` times likelier: `threshold` from 0 to 60, or any
/// negative value for the default (5). Higher: fewer and surer findings.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, or `ZS_ERR_ARGUMENT` when `on` is neither 0 nor 1 or the
/// threshold is above 60 or not a number (the builder is then unchanged).
///
/// # Safety
/// `builder` must be NULL or a live builder not used by another thread.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_typo(
    builder: *mut zs_builder,
    on: i32,
    threshold: f64,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live builder or NULL, used by no other thread.
        let b = unsafe { args::handle_mut(builder, "builder") }?;
        let on = flag(on, "on")?;
        let threshold = if threshold < 0.0 {
            zhscreen::TypoThreshold::DEFAULT
        } else {
            zhscreen::TypoThreshold::new(threshold).ok_or_else(|| {
                Failure::new(
                    ZS_ERR_ARGUMENT,
                    format!(
                        "`threshold` is {threshold}; expected 0 to 60, or negative for the default"
                    ),
                )
            })?
        };
        let builder = std::mem::take(&mut b.builder);
        b.builder = if on {
            builder.typo_threshold(threshold)
        } else {
            builder.typo(false)
        };
        Ok(())
    })
}

/// Reads and compiles everything added to the builder and writes the new screener to `*out`.
/// A bad list fails the whole build and loads nothing. The builder is left as it was (free it
/// with `zs_builder_free`; it may build again).
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, `ZS_ERR_WORDLIST` (`zs_last_error_file()` and
/// `zs_last_error_line()` say where), `ZS_ERR_IO` (`zs_last_error_file()` names the path), or
/// `ZS_ERR_BUILD`.
///
/// # Safety
/// `builder` must be NULL or a live builder not being changed by another thread; `out` must be
/// NULL or valid for writing one pointer.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_build(
    builder: *const zs_builder,
    out: *mut *mut zs_screener,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live builder or NULL, not changed during the call.
        let b = unsafe { args::handle(builder, "builder") }?;
        let out = Out::new(out, "out")?;
        let screener = b.builder.clone().build()?;
        // SAFETY: the caller guarantees `out` is valid for writing one pointer.
        unsafe { out.write(into_handle(zs_screener::new(screener))) };
        Ok(())
    })
}

/// Frees a builder. NULL is ignored.
///
/// # Safety
/// `builder` must be NULL or a builder from this library that has not been freed.
#[no_mangle]
pub unsafe extern "C" fn zs_builder_free(builder: *mut zs_builder) {
    guard_value((), || {
        // SAFETY: the caller guarantees a live builder or NULL, used by no other thread.
        unsafe { args::free_handle(builder) };
        Ok(())
    })
}

fn flag(value: i32, what: &str) -> Result<bool, Failure> {
    match value {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(Failure::new(
            ZS_ERR_ARGUMENT,
            format!("`{what}` is {value}; expected 0 or 1"),
        )),
    }
}

#[cfg(unix)]
fn path_from_bytes(raw: &[u8]) -> Result<PathBuf, Failure> {
    use std::os::unix::ffi::OsStrExt;
    Ok(PathBuf::from(std::ffi::OsStr::from_bytes(raw)))
}

#[cfg(not(unix))]
fn path_from_bytes(raw: &[u8]) -> Result<PathBuf, Failure> {
    std::str::from_utf8(raw)
        .map(PathBuf::from)
        .map_err(|_| Failure::new(ZS_ERR_UTF8, "`path` is not valid UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screener_handles_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<zs_screener>();
        fn movable<T: Send>() {}
        movable::<zs_builder>();
    }
}
