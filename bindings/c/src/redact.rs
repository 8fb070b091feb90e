//! De-identification (`zs_redact`) and fixing (`zs_fix`): a new text and a count.

use crate::args::{self, into_handle, CText, Out};
use crate::error::{guard, guard_value, zs_status};
use crate::screener::zs_screener;
use std::ffi::c_char;
use std::ptr;
use zhscreen::Redaction;

/// A rewritten text and the number of spans replaced.
///
/// Thread safety: not to be used by two threads at once; it may be moved between threads.
pub struct zs_redaction {
    text: CText,
    count: u64,
}

impl zs_redaction {
    fn new(r: Redaction) -> zs_redaction {
        zs_redaction {
            text: CText::new(&r.text),
            count: r.replacements.len() as u64,
        }
    }
}

/// Which rewrite `rewrite` runs.
#[derive(Clone, Copy)]
enum Rewrite {
    Redact,
    Fix,
}

/// # Safety
/// As `zs_redact`.
unsafe fn rewrite(
    how: Rewrite,
    screener: *const zs_screener,
    text: *const c_char,
    text_len: u64,
    out: *mut *mut zs_redaction,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live screener or NULL.
        let s = unsafe { args::handle(screener, "screener") }?;
        let out = Out::new(out, "out")?;
        // SAFETY: the caller guarantees `text` points to `text_len` readable bytes, or is NULL.
        let text = unsafe { args::text(text, text_len, "text") }?;
        let r = match how {
            Rewrite::Redact => s.screener.redact(text),
            Rewrite::Fix => s.screener.fix(text),
        };
        // SAFETY: the caller guarantees `out` is valid for writing one pointer.
        unsafe { out.write(into_handle(zs_redaction::new(r))) };
        Ok(())
    })
}

/// De-identifies (去标识化) the UTF-8 text `text[0..text_len]` with the default policy: personal
/// data is masked by its kind (`139****5678`, `110108********1238`), classification marks,
/// insults and prohibited content are replaced by `*` per character; wording, typos, opinion,
/// rumour markers and advertising are left for the editor. Text outside the masked spans is kept
/// byte for byte. Writes the result to `*out`.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, `ZS_ERR_UTF8`, or `ZS_ERR_TOO_LARGE`; `*out` is written only
/// on `ZS_OK`. Free the result with `zs_redaction_free`. Safe from many threads on one screener.
///
/// # Safety
/// `screener` must be NULL or a live screener; `text` must be NULL or point to `text_len`
/// readable bytes not changed during the call; `out` must be NULL or valid for writing one
/// pointer.
#[no_mangle]
pub unsafe extern "C" fn zs_redact(
    screener: *const zs_screener,
    text: *const c_char,
    text_len: u64,
    out: *mut *mut zs_redaction,
) -> zs_status {
    // SAFETY: this function's contract is `rewrite`'s.
    unsafe { rewrite(Rewrite::Redact, screener, text, text_len, out) }
}

/// Applies the recommended wording of `expression` and `typo` findings to the UTF-8 text
/// `text[0..text_len]` (the first alternative where a suggestion offers several), and writes the
/// result to `*out`. Statuses and ownership as `zs_redact`.
///
/// # Safety
/// As `zs_redact`.
#[no_mangle]
pub unsafe extern "C" fn zs_fix(
    screener: *const zs_screener,
    text: *const c_char,
    text_len: u64,
    out: *mut *mut zs_redaction,
) -> zs_status {
    // SAFETY: this function's contract is `rewrite`'s.
    unsafe { rewrite(Rewrite::Fix, screener, text, text_len, out) }
}

/// The rewritten text (UTF-8, NUL-terminated, may hold NUL bytes where the input did); its length
/// without the NUL is written to `*len` unless `len` is NULL. Owned by the redaction: valid until
/// `zs_redaction_free`. NULL when `redaction` is NULL.
///
/// # Safety
/// `redaction` must be NULL or a live redaction; `len` must be NULL or valid for writing one
/// `uint64_t`.
#[no_mangle]
pub unsafe extern "C" fn zs_redaction_text(
    redaction: *const zs_redaction,
    len: *mut u64,
) -> *const c_char {
    guard_value(ptr::null(), || {
        // SAFETY: the caller guarantees a live redaction or NULL.
        let r = unsafe { args::handle(redaction, "redaction") }?;
        if let Ok(len) = Out::new(len, "len") {
            // SAFETY: `len` is non-NULL, and the caller guarantees it is valid for one `u64`.
            unsafe { len.write(r.text.len()) };
        }
        Ok(r.text.ptr())
    })
}

/// How many spans were replaced (0 when nothing was, or when `redaction` is NULL).
///
/// # Safety
/// `redaction` must be NULL or a live redaction.
#[no_mangle]
pub unsafe extern "C" fn zs_redaction_count(redaction: *const zs_redaction) -> u64 {
    guard_value(0, || {
        // SAFETY: the caller guarantees a live redaction or NULL.
        let r = unsafe { args::handle(redaction, "redaction") }?;
        Ok(r.count)
    })
}

/// Frees a redaction and its text. NULL is ignored.
///
/// # Safety
/// `redaction` must be NULL or a redaction from this library that has not been freed.
#[no_mangle]
pub unsafe extern "C" fn zs_redaction_free(redaction: *mut zs_redaction) {
    guard_value((), || {
        // SAFETY: the caller guarantees a live redaction or NULL, used by no other thread.
        unsafe { args::free_handle(redaction) };
        Ok(())
    })
}
