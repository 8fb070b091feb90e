//! Status codes, the per-thread last error, and the panic boundary every export goes through.

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// What a call returned. `ZS_OK` is zero; every other value is a failure whose details
/// (`zs_last_error_message()`, and for wordlists `zs_last_error_file()` and
/// `zs_last_error_line()`) are kept for the calling thread.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zs_status {
    /// Success: the outputs were written.
    ZS_OK = 0,
    /// A required pointer argument was NULL (a text pointer may be NULL only with length 0).
    ZS_ERR_NULL = 1,
    /// A text argument was not valid UTF-8.
    ZS_ERR_UTF8 = 2,
    /// A length was larger than this process can address (above `INT64_MAX` / `PTRDIFF_MAX`).
    ZS_ERR_TOO_LARGE = 3,
    /// An argument had a value outside its documented range (an empty path, a flag not 0 or 1).
    ZS_ERR_ARGUMENT = 4,
    /// An index was past the end (`zs_report_finding`).
    ZS_ERR_RANGE = 5,
    /// A wordlist line is malformed; `zs_last_error_file()` and `zs_last_error_line()` say where.
    ZS_ERR_WORDLIST = 6,
    /// A wordlist file or directory could not be read; `zs_last_error_file()` names it.
    ZS_ERR_IO = 7,
    /// The rules could not be compiled (for example too many patterns).
    ZS_ERR_BUILD = 8,
    /// A bug inside zhscreen was caught at the boundary; the message says what. The handles
    /// passed in are still valid and may be freed.
    ZS_ERR_PANIC = 9,
}

pub(crate) use zs_status::*;

impl zs_status {
    /// Every status, in value order.
    pub(crate) const ALL: [zs_status; 10] = [
        ZS_OK,
        ZS_ERR_NULL,
        ZS_ERR_UTF8,
        ZS_ERR_TOO_LARGE,
        ZS_ERR_ARGUMENT,
        ZS_ERR_RANGE,
        ZS_ERR_WORDLIST,
        ZS_ERR_IO,
        ZS_ERR_BUILD,
        ZS_ERR_PANIC,
    ];

    pub(crate) fn name(self) -> &'static std::ffi::CStr {
        match self {
            ZS_OK => c"ZS_OK",
            ZS_ERR_NULL => c"ZS_ERR_NULL",
            ZS_ERR_UTF8 => c"ZS_ERR_UTF8",
            ZS_ERR_TOO_LARGE => c"ZS_ERR_TOO_LARGE",
            ZS_ERR_ARGUMENT => c"ZS_ERR_ARGUMENT",
            ZS_ERR_RANGE => c"ZS_ERR_RANGE",
            ZS_ERR_WORDLIST => c"ZS_ERR_WORDLIST",
            ZS_ERR_IO => c"ZS_ERR_IO",
            ZS_ERR_BUILD => c"ZS_ERR_BUILD",
            ZS_ERR_PANIC => c"ZS_ERR_PANIC",
        }
    }
}

/// Why a call failed: becomes the thread's last error.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: zs_status,
    pub(crate) message: String,
    pub(crate) file: Option<String>,
    pub(crate) line: i64,
}

impl Failure {
    pub(crate) fn new(status: zs_status, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
            file: None,
            line: 0,
        }
    }

    pub(crate) fn null(what: &str) -> Failure {
        Failure::new(ZS_ERR_NULL, format!("`{what}` is NULL"))
    }

    pub(crate) fn at(mut self, file: impl Into<String>, line: i64) -> Failure {
        self.file = Some(file.into());
        self.line = line;
        self
    }

    fn panic(payload: &(dyn std::any::Any + Send)) -> Failure {
        let what = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        Failure::new(
            ZS_ERR_PANIC,
            format!("internal error in zhscreen (please report it): {what}"),
        )
    }
}

impl From<zhscreen::Error> for Failure {
    fn from(e: zhscreen::Error) -> Failure {
        let message = e.to_string();
        match &e {
            zhscreen::Error::Wordlist { file, line, .. } => {
                Failure::new(ZS_ERR_WORDLIST, message).at(file.clone(), to_i64(*line))
            }
            zhscreen::Error::Io { path, .. } => {
                Failure::new(ZS_ERR_IO, message).at(path.display().to_string(), 0)
            }
            zhscreen::Error::Build(_) => Failure::new(ZS_ERR_BUILD, message),
        }
    }
}

pub(crate) fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The last failure of one thread, held as C strings so that pointers to them can be handed out.
struct LastError {
    status: zs_status,
    message: CString,
    file: Option<CString>,
    line: i64,
}

thread_local! {
    static LAST_ERROR: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// A C string of `s`; a NUL inside (a file name could hold one) is shown as `\0`.
fn c_string(s: String) -> CString {
    CString::new(s).unwrap_or_else(|e| {
        let shown = String::from_utf8_lossy(&e.into_vec()).replace('\0', "\\0");
        CString::new(shown).unwrap_or_default()
    })
}

/// Records `f` as the calling thread's last error. Never panics: while the thread is being torn
/// down (no thread-local left) the record is dropped.
fn set_last_error(f: Failure) {
    let record = LastError {
        status: f.status,
        message: c_string(f.message),
        file: f.file.map(c_string),
        line: f.line,
    };
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(record);
        }
    });
}

fn with_last_error<T>(default: T, f: impl FnOnce(&LastError) -> T) -> T {
    LAST_ERROR
        .try_with(|slot| match slot.try_borrow() {
            Ok(slot) => slot.as_ref().map(f),
            Err(_) => None,
        })
        .ok()
        .flatten()
        .unwrap_or(default)
}

/// Runs the body of an export that returns a status: a failure is recorded for the thread, and a
/// panic is caught here and becomes `ZS_ERR_PANIC` instead of unwinding into C (which would abort
/// the host process, a JVM included).
pub(crate) fn guard(body: impl FnOnce() -> Result<(), Failure>) -> zs_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => ZS_OK,
        Ok(Err(failure)) => {
            let status = failure.status;
            set_last_error(failure);
            status
        }
        Err(payload) => {
            set_last_error(Failure::panic(payload.as_ref()));
            ZS_ERR_PANIC
        }
    }
}

/// Runs the body of an export that returns a value (an accessor): on a failure or a panic the
/// failure is recorded and `fallback` returned.
pub(crate) fn guard_value<T>(fallback: T, body: impl FnOnce() -> Result<T, Failure>) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => value,
        Ok(Err(failure)) => {
            set_last_error(failure);
            fallback
        }
        Err(payload) => {
            set_last_error(Failure::panic(payload.as_ref()));
            fallback
        }
    }
}

/// The status of the calling thread's last failed call, or `ZS_OK` when none failed since the
/// thread started or `zs_clear_error()` was called.
#[no_mangle]
pub extern "C" fn zs_last_error_status() -> zs_status {
    guard_value(ZS_ERR_PANIC, || Ok(with_last_error(ZS_OK, |e| e.status)))
}

/// The message of the calling thread's last failed call (UTF-8, NUL-terminated), or NULL when
/// there is none. For wordlist errors it reads `FILE:LINE: what was expected`.
///
/// A call that fails replaces the last error; a call that succeeds leaves it as it was. The
/// pointer stays valid until the next failing call on this thread, `zs_clear_error()`, or the
/// end of the thread. Do not free it.
#[no_mangle]
pub extern "C" fn zs_last_error_message() -> *const c_char {
    guard_value(ptr::null(), || {
        Ok(with_last_error(ptr::null(), |e| e.message.as_ptr()))
    })
}

/// The wordlist file (or the name given to an in-memory list, or the unreadable path) the calling
/// thread's last error is about, or NULL when it names none. Valid as `zs_last_error_message()`.
#[no_mangle]
pub extern "C" fn zs_last_error_file() -> *const c_char {
    guard_value(ptr::null(), || {
        Ok(with_last_error(ptr::null(), |e| {
            e.file.as_ref().map_or(ptr::null(), |f| f.as_ptr())
        }))
    })
}

/// The 1-based wordlist line the calling thread's last error is about, or 0 when it names none.
#[no_mangle]
pub extern "C" fn zs_last_error_line() -> i64 {
    guard_value(0, || Ok(with_last_error(0, |e| e.line)))
}

/// Forgets the calling thread's last error (the pointers handed out for it become invalid).
#[no_mangle]
pub extern "C" fn zs_clear_error() {
    guard_value((), || {
        let _ = LAST_ERROR.try_with(|slot| {
            if let Ok(mut slot) = slot.try_borrow_mut() {
                *slot = None;
            }
        });
        Ok(())
    })
}

/// The name of a status value (`"ZS_ERR_UTF8"`), or NULL for a value that is no status. A static
/// string: do not free it.
#[no_mangle]
pub extern "C" fn zs_status_name(status: i32) -> *const c_char {
    guard_value(ptr::null(), || {
        Ok(zs_status::ALL
            .iter()
            .find(|s| **s as i32 == status)
            .map_or(ptr::null(), |s| s.name().as_ptr()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn message() -> String {
        let p = zs_last_error_message();
        assert!(!p.is_null());
        // SAFETY: a non-NULL last-error message is a NUL-terminated string owned by this thread's
        // record, which no call in between replaces.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        zs_clear_error();
        let status = guard(|| panic!("boom {}", 42));
        assert_eq!(status, ZS_ERR_PANIC);
        assert_eq!(zs_last_error_status(), ZS_ERR_PANIC);
        assert!(message().contains("boom 42"), "{}", message());
        let value = guard_value(7u64, || panic!("static message"));
        assert_eq!(value, 7);
        assert!(message().contains("static message"));
    }

    #[test]
    fn failures_replace_the_record_and_successes_keep_it() {
        zs_clear_error();
        assert!(zs_last_error_message().is_null());
        assert_eq!(zs_last_error_status(), ZS_OK);
        let s = guard(|| Err(Failure::new(ZS_ERR_WORDLIST, "a.txt:3: bad").at("a.txt", 3)));
        assert_eq!(s, ZS_ERR_WORDLIST);
        assert_eq!(guard(|| Ok(())), ZS_OK);
        assert_eq!(message(), "a.txt:3: bad");
        assert_eq!(zs_last_error_line(), 3);
        // SAFETY: the file pointer is non-NULL for this record and NUL-terminated.
        let file = unsafe { CStr::from_ptr(zs_last_error_file()) };
        assert_eq!(file.to_str().unwrap(), "a.txt");
        zs_clear_error();
        assert!(zs_last_error_file().is_null());
        assert_eq!(zs_last_error_line(), 0);
    }

    #[test]
    fn messages_with_nul_are_kept_readable() {
        guard(|| Err(Failure::new(ZS_ERR_IO, "a\0b")));
        assert_eq!(message(), "a\\0b");
    }

    #[test]
    fn status_names_cover_every_value() {
        for s in zs_status::ALL {
            // SAFETY: status names are static NUL-terminated strings.
            let name = unsafe { CStr::from_ptr(zs_status_name(s as i32)) };
            assert!(name.to_str().unwrap().starts_with("ZS_"));
        }
        assert!(zs_status_name(-1).is_null());
        assert!(zs_status_name(zs_status::ALL.len() as i32).is_null());
    }
}
