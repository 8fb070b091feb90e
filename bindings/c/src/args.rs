//! Turning C arguments into Rust values: pointer + length into bytes and `&str`, handles into
//! references, and results into out-parameters. Every raw-pointer access of the crate that reads
//! caller memory goes through here.

use crate::error::{Failure, ZS_ERR_NULL, ZS_ERR_TOO_LARGE, ZS_ERR_UTF8};
use std::ffi::c_char;

/// The bytes `ptr[0..len]`. NULL is accepted with length 0 (an empty text).
///
/// # Safety
/// Unless `len` is 0 or `ptr` is NULL, `ptr` must point to `len` readable bytes that stay
/// unchanged for the lifetime `'a` the caller picks (the length of one exported call).
pub(crate) unsafe fn bytes<'a>(
    ptr: *const c_char,
    len: u64,
    what: &str,
) -> Result<&'a [u8], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Failure::new(
            ZS_ERR_NULL,
            format!("`{what}` is NULL but its length is {len}"),
        ));
    }
    let len = usize::try_from(len)
        .ok()
        .filter(|&n| isize::try_from(n).is_ok())
        .ok_or_else(|| {
            Failure::new(
                ZS_ERR_TOO_LARGE,
                format!("`{what}` length {len} is larger than this process can address"),
            )
        })?;
    // SAFETY: `ptr` is non-NULL and, by this function's contract, points to `len` readable bytes
    // that do not change during `'a`; `len` fits in `isize`, as `from_raw_parts` requires; `u8`
    // has alignment 1, so any pointer is aligned.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The UTF-8 text `ptr[0..len]`.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(
    ptr: *const c_char,
    len: u64,
    what: &str,
) -> Result<&'a str, Failure> {
    // SAFETY: the caller upholds the contract of `bytes`, which is this function's contract.
    let b = unsafe { bytes(ptr, len, what) }?;
    std::str::from_utf8(b).map_err(|e| {
        Failure::new(
            ZS_ERR_UTF8,
            format!(
                "`{what}` is not valid UTF-8: bad byte sequence at byte offset {}",
                e.valid_up_to()
            ),
        )
    })
}

/// A shared reference to the object behind a handle.
///
/// # Safety
/// `ptr` must be NULL or a live handle of type `T` returned by this library and not yet freed,
/// and no other thread may be mutating it (only builders are ever mutated).
pub(crate) unsafe fn handle<'a, T>(ptr: *const T, what: &str) -> Result<&'a T, Failure> {
    // SAFETY: by this function's contract a non-NULL `ptr` is a live, aligned `T` created by
    // `Box::into_raw`, not mutated while the reference lives.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(what))
}

/// An exclusive reference to the object behind a handle.
///
/// # Safety
/// `ptr` must be NULL or a live handle of type `T` returned by this library and not yet freed,
/// used by no other thread during the call.
pub(crate) unsafe fn handle_mut<'a, T>(ptr: *mut T, what: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: by this function's contract a non-NULL `ptr` is a live, aligned `T` created by
    // `Box::into_raw`, and nothing else accesses it during the call.
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(what))
}

/// An out-parameter checked up front, written only once the call has succeeded.
pub(crate) struct Out<T> {
    ptr: *mut T,
}

impl<T> Out<T> {
    /// Checks that `ptr` is not NULL.
    pub(crate) fn new(ptr: *mut T, what: &str) -> Result<Out<T>, Failure> {
        if ptr.is_null() {
            Err(Failure::null(what))
        } else {
            Ok(Out { ptr })
        }
    }

    /// Writes `value` without reading or dropping what was there.
    ///
    /// # Safety
    /// The pointer given to [`Out::new`] must be valid for a write of one `T` and aligned.
    pub(crate) unsafe fn write(self, value: T) {
        // SAFETY: the pointer is non-NULL (checked in `new`), and by this function's contract
        // valid and aligned for a `T`; `write` does not drop the old, possibly uninitialised, value.
        unsafe { self.ptr.write(value) }
    }
}

/// Moves `value` to the heap and hands its ownership to the caller as a handle.
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Frees a handle made by [`into_handle`]; NULL is ignored.
///
/// # Safety
/// `ptr` must be NULL or a handle of type `T` returned by this library and not yet freed; it is
/// invalid afterwards.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: by this function's contract `ptr` came from `Box::into_raw` in `into_handle`
        // and has not been freed, so rebuilding the box and dropping it frees it exactly once.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// An owned UTF-8 string with a NUL after it, handed to C as pointer + length. The text may
/// itself hold NUL bytes (an input text can), so C callers are told to use the length.
#[derive(Debug, Clone)]
pub(crate) struct CText(Box<[u8]>);

impl CText {
    pub(crate) fn new(s: &str) -> CText {
        let mut v = Vec::with_capacity(s.len() + 1);
        v.extend_from_slice(s.as_bytes());
        v.push(0);
        CText(v.into_boxed_slice())
    }

    pub(crate) fn ptr(&self) -> *const c_char {
        self.0.as_ptr().cast()
    }

    /// The length in bytes, without the NUL.
    pub(crate) fn len(&self) -> u64 {
        (self.0.len() - 1) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ZS_ERR_UTF8;

    #[test]
    fn empty_text_may_be_null() {
        // SAFETY: length 0: nothing is read.
        assert_eq!(unsafe { text(std::ptr::null(), 0, "text") }.unwrap(), "");
        // SAFETY: NULL with a length is rejected before any read.
        let e = unsafe { text(std::ptr::null(), 3, "text") }.unwrap_err();
        assert_eq!(e.status, ZS_ERR_NULL);
    }

    #[test]
    fn lengths_past_isize_are_refused_before_reading() {
        let one = [b'a'];
        for len in [u64::MAX, i64::MAX as u64 + 1] {
            // SAFETY: the length is refused before the pointer is read.
            let e = unsafe { bytes(one.as_ptr().cast(), len, "text") }.unwrap_err();
            assert_eq!(e.status, ZS_ERR_TOO_LARGE);
        }
    }

    #[test]
    fn invalid_utf8_is_a_status_with_the_offset() {
        let b = b"ab\xe4\xb8";
        // SAFETY: `b` is a live array of that length.
        let e = unsafe { text(b.as_ptr().cast(), b.len() as u64, "text") }.unwrap_err();
        assert_eq!(e.status, ZS_ERR_UTF8);
        assert!(e.message.contains("byte offset 2"), "{}", e.message);
    }

    #[test]
    fn ctext_has_a_nul_after_the_length() {
        let t = CText::new("a\0b");
        assert_eq!(t.len(), 3);
        // SAFETY: the buffer holds len + 1 bytes.
        let all = unsafe { std::slice::from_raw_parts(t.ptr().cast::<u8>(), 4) };
        assert_eq!(all, b"a\0b\0");
    }
}
