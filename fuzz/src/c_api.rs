//! The C ABI target: sequences of `zs_*` calls, made as a C program makes them, with pointers and
//! lengths built from the fuzz input, checked against the documented statuses and against the
//! Rust API's results for the same text.
//!
//! Every text argument is copied into an allocation of exactly its length, so an address
//! sanitizer reports any read past the length given. Pointers are never invented: an argument is
//! a real buffer, NULL (with length 0 or not), or a real buffer with a length above `INT64_MAX`
//! (which the library must refuse before reading).

use crate::{check_report, mix, screener};
use arbitrary::{Result, Unstructured};
use ffi::*;
use std::ffi::{c_char, CStr, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::ptr::{self, NonNull};
use std::sync::OnceLock;
use zhscreen::{Category, Lang, NamesPolicy, Report, Screener, ScreenerBuilder, Severity, SignOffLevel, Verdict};

/// `include/zhscreen.h` of `bindings/c`, declared as a C program sees it. The library is the
/// crate's `libzhscreen.so`, which cargo builds as a dependency of this package with the same
/// flags (sanitizer coverage and ASan under `cargo fuzz`); `build.rs` puts it on the link path.
#[allow(non_camel_case_types, missing_docs)]
pub mod ffi {
    use std::ffi::c_char;

    pub type zs_status = i32;
    pub const ZS_OK: zs_status = 0;
    pub const ZS_ERR_NULL: zs_status = 1;
    pub const ZS_ERR_UTF8: zs_status = 2;
    pub const ZS_ERR_TOO_LARGE: zs_status = 3;
    pub const ZS_ERR_ARGUMENT: zs_status = 4;
    pub const ZS_ERR_RANGE: zs_status = 5;
    pub const ZS_ERR_WORDLIST: zs_status = 6;
    pub const ZS_ERR_IO: zs_status = 7;
    pub const ZS_ERR_BUILD: zs_status = 8;

    #[repr(C)]
    pub struct zs_screener {
        _opaque: [u8; 0],
    }
    #[repr(C)]
    pub struct zs_builder {
        _opaque: [u8; 0],
    }
    #[repr(C)]
    pub struct zs_report {
        _opaque: [u8; 0],
    }
    #[repr(C)]
    pub struct zs_redaction {
        _opaque: [u8; 0],
    }

    #[repr(C)]
    #[derive(Debug, Clone, Copy)]
    pub struct zs_finding {
        pub category: i32,
        pub gate: i32,
        pub severity: i32,
        pub start: u64,
        pub end: u64,
        pub char_start: u64,
        pub char_end: u64,
        pub utf16_start: u64,
        pub utf16_end: u64,
        pub rule: *const c_char,
        pub rule_len: u64,
        pub text: *const c_char,
        pub text_len: u64,
        pub suggestion: *const c_char,
        pub suggestion_len: u64,
        pub note: *const c_char,
        pub note_len: u64,
    }

    #[repr(C)]
    #[derive(Debug, Clone, Copy)]
    pub struct zs_sign_off_reason {
        pub level: i32,
        pub start: u64,
        pub end: u64,
        pub utf16_start: u64,
        pub utf16_end: u64,
        pub rule: *const c_char,
        pub rule_len: u64,
        pub text: *const c_char,
        pub text_len: u64,
        pub note: *const c_char,
        pub note_len: u64,
    }

    #[link(name = "zhscreen", kind = "dylib")]
    extern "C" {
        pub fn zs_version() -> *const c_char;
        pub fn zs_last_error_status() -> zs_status;
        pub fn zs_last_error_message() -> *const c_char;
        pub fn zs_last_error_file() -> *const c_char;
        pub fn zs_last_error_line() -> i64;
        pub fn zs_clear_error();
        pub fn zs_status_name(status: i32) -> *const c_char;
        pub fn zs_screener_new(out: *mut *mut zs_screener) -> zs_status;
        pub fn zs_screener_free(screener: *mut zs_screener);
        pub fn zs_screener_fingerprint(screener: *const zs_screener) -> *const c_char;
        pub fn zs_screener_with_lang(
            screener: *const zs_screener,
            lang: i32,
            out: *mut *mut zs_screener,
        ) -> zs_status;
        pub fn zs_screener_lang(screener: *const zs_screener) -> i32;
        pub fn zs_lang_name(lang: i32) -> *const c_char;
        pub fn zs_builder_new(with_defaults: i32, out: *mut *mut zs_builder) -> zs_status;
        pub fn zs_builder_add_path(
            builder: *mut zs_builder,
            path: *const c_char,
            path_len: u64,
        ) -> zs_status;
        pub fn zs_builder_add_text(
            builder: *mut zs_builder,
            name: *const c_char,
            name_len: u64,
            text: *const c_char,
            text_len: u64,
        ) -> zs_status;
        pub fn zs_builder_build(
            builder: *const zs_builder,
            out: *mut *mut zs_screener,
        ) -> zs_status;
        pub fn zs_builder_set_lang(builder: *mut zs_builder, lang: i32) -> zs_status;
        pub fn zs_builder_names(
            builder: *mut zs_builder,
            protect: i32,
            relief_recipients: i32,
        ) -> zs_status;
        pub fn zs_builder_typo(builder: *mut zs_builder, on: i32, threshold: f64) -> zs_status;
        pub fn zs_builder_free(builder: *mut zs_builder);
        pub fn zs_category_name(category: i32) -> *const c_char;
        pub fn zs_gate_name(gate: i32) -> *const c_char;
        pub fn zs_severity_name(severity: i32) -> *const c_char;
        pub fn zs_verdict_name(verdict: i32) -> *const c_char;
        pub fn zs_sign_off_level_name(level: i32) -> *const c_char;
        pub fn zs_scan(
            screener: *const zs_screener,
            text: *const c_char,
            text_len: u64,
            out: *mut *mut zs_report,
        ) -> zs_status;
        pub fn zs_report_verdict(report: *const zs_report) -> i32;
        pub fn zs_report_count(report: *const zs_report) -> u64;
        pub fn zs_report_finding(
            report: *const zs_report,
            index: u64,
            out: *mut zs_finding,
        ) -> zs_status;
        pub fn zs_report_json(report: *const zs_report, len: *mut u64) -> *const c_char;
        pub fn zs_report_sign_off_level(report: *const zs_report) -> i32;
        pub fn zs_report_sign_off_count(report: *const zs_report) -> u64;
        pub fn zs_report_sign_off_reason(
            report: *const zs_report,
            index: u64,
            out: *mut zs_sign_off_reason,
        ) -> zs_status;
        pub fn zs_report_free(report: *mut zs_report);
        pub fn zs_redact(
            screener: *const zs_screener,
            text: *const c_char,
            text_len: u64,
            out: *mut *mut zs_redaction,
        ) -> zs_status;
        pub fn zs_fix(
            screener: *const zs_screener,
            text: *const c_char,
            text_len: u64,
            out: *mut *mut zs_redaction,
        ) -> zs_status;
        pub fn zs_redaction_text(redaction: *const zs_redaction, len: *mut u64) -> *const c_char;
        pub fn zs_redaction_count(redaction: *const zs_redaction) -> u64;
        pub fn zs_redaction_free(redaction: *mut zs_redaction);
    }

    /// Every function declared above, to check against the header (`tests/replay.rs`).
    pub const DECLARED: &[&str] = &[
        "zs_version",
        "zs_last_error_status",
        "zs_last_error_message",
        "zs_last_error_file",
        "zs_last_error_line",
        "zs_clear_error",
        "zs_status_name",
        "zs_screener_new",
        "zs_screener_free",
        "zs_screener_fingerprint",
        "zs_screener_with_lang",
        "zs_screener_lang",
        "zs_lang_name",
        "zs_builder_new",
        "zs_builder_add_path",
        "zs_builder_add_text",
        "zs_builder_build",
        "zs_builder_set_lang",
        "zs_builder_names",
        "zs_builder_typo",
        "zs_builder_free",
        "zs_category_name",
        "zs_gate_name",
        "zs_severity_name",
        "zs_verdict_name",
        "zs_sign_off_level_name",
        "zs_scan",
        "zs_report_verdict",
        "zs_report_count",
        "zs_report_finding",
        "zs_report_json",
        "zs_report_sign_off_level",
        "zs_report_sign_off_count",
        "zs_report_sign_off_reason",
        "zs_report_free",
        "zs_redact",
        "zs_fix",
        "zs_redaction_text",
        "zs_redaction_count",
        "zs_redaction_free",
    ];
}

/// An address no call may write to an out-parameter that failed: outputs are written only on
/// `ZS_OK`.
fn sentinel<T>() -> *mut T {
    NonNull::dangling().as_ptr()
}

/// The default screener through the C ABI, made once per process (the handle lives until exit).
fn c_screener() -> *const zs_screener {
    static S: OnceLock<usize> = OnceLock::new();
    *S.get_or_init(|| {
        let mut out: *mut zs_screener = sentinel();
        // SAFETY: `out` is a live local.
        let st = unsafe { zs_screener_new(&mut out) };
        assert_eq!(st, ZS_OK, "zs_screener_new");
        out as usize
    }) as *const zs_screener
}

/// A text argument.
enum Arg {
    /// A buffer of exactly these bytes.
    Bytes(Box<[u8]>),
    /// NULL with length 0: an empty text.
    Null,
    /// NULL with a non-zero length: `ZS_ERR_NULL`.
    NullWithLen(u64),
    /// A real buffer with a length past `INT64_MAX`: `ZS_ERR_TOO_LARGE`, nothing read.
    TooLarge(Box<[u8]>, u64),
}

impl Arg {
    fn parts(&self) -> (*const c_char, u64) {
        match self {
            Arg::Bytes(b) => (b.as_ptr().cast(), b.len() as u64),
            Arg::Null => (ptr::null(), 0),
            Arg::NullWithLen(n) => (ptr::null(), *n),
            Arg::TooLarge(b, n) => (b.as_ptr().cast(), *n),
        }
    }

    /// The bytes the library may read, or the status it must return.
    fn bytes(&self) -> Result<&[u8], zs_status> {
        match self {
            Arg::Bytes(b) => Ok(b),
            Arg::Null => Ok(&[]),
            Arg::NullWithLen(_) => Err(ZS_ERR_NULL),
            Arg::TooLarge(..) => Err(ZS_ERR_TOO_LARGE),
        }
    }

    /// The text the library must see, or the status it must return.
    fn text(&self) -> Result<&str, zs_status> {
        std::str::from_utf8(self.bytes()?).map_err(|_| ZS_ERR_UTF8)
    }
}

fn arg(u: &mut Unstructured<'_>) -> Result<Arg> {
    Ok(match u.int_in_range(0..=11u8)? {
        0 => Arg::Null,
        1 => Arg::NullWithLen(u.int_in_range(1..=u64::MAX)?),
        2 => {
            let len = u.int_in_range(i64::MAX as u64 + 1..=u64::MAX)?;
            Arg::TooLarge(Box::new([b'x']), len)
        }
        3..=6 => {
            let n = u.arbitrary_len::<u8>()?;
            Arg::Bytes(u.bytes(n)?.into())
        }
        _ => {
            let n = u.arbitrary_len::<u8>()?;
            let text = mix(&mut Unstructured::new(u.bytes(n)?));
            Arg::Bytes(text.into_bytes().into_boxed_slice())
        }
    })
}

/// A NUL-terminated string handed out by the library, as UTF-8.
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string that stays valid while the result is used.
unsafe fn c_str<'a>(p: *const c_char) -> Option<&'a str> {
    if p.is_null() {
        return None;
    }
    // SAFETY: by this function's contract.
    let s = unsafe { CStr::from_ptr(p) };
    Some(s.to_str().expect("the library hands out UTF-8"))
}

/// A pointer + length string handed out by the library, checked to have a NUL after it.
///
/// # Safety
/// `p` must be NULL (with `len` 0) or point to `len + 1` readable bytes.
unsafe fn c_bytes<'a>(p: *const c_char, len: u64) -> Option<&'a [u8]> {
    if p.is_null() {
        assert_eq!(len, 0, "a NULL string with a length");
        return None;
    }
    let len = usize::try_from(len).expect("a length that fits");
    // SAFETY: by this function's contract.
    let all = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len + 1) };
    assert_eq!(all[len], 0, "no NUL after a string of the library");
    Some(&all[..len])
}

/// After a failed call: its status, and the thread's last error says it.
fn check_failure(got: zs_status, want: zs_status, call: &str) {
    assert_eq!(got, want, "{call}");
    assert_eq!(
        unsafe { zs_last_error_status() },
        want,
        "{call}: last error status"
    );
    // SAFETY: the message is valid until the next failing call on this thread.
    let msg = unsafe { c_str(zs_last_error_message()) }.expect("a failure has a message");
    assert!(!msg.is_empty(), "{call}: empty error message");
}

/// After a call that must succeed.
fn check_ok(got: zs_status, call: &str) {
    if got != ZS_OK {
        // SAFETY: as in `check_failure`.
        let msg = unsafe { c_str(zs_last_error_message()) };
        panic!("{call}: {got:?} ({msg:?})");
    }
}

/// Compares a C report with the Rust report of the same text, field by field.
///
/// # Safety
/// `r` must be a live report.
unsafe fn check_c_report(u: &mut Unstructured<'_>, r: *mut zs_report, text: &str, core: &Report) {
    check_report(text, core);
    // SAFETY (all calls below): `r` is live by this function's contract; out-parameters are locals.
    unsafe {
        let verdict = zs_report_verdict(r);
        assert_eq!(
            c_str(zs_verdict_name(verdict)),
            Some(core.verdict.as_str()),
            "verdict"
        );
        let n = zs_report_count(r);
        assert_eq!(n, core.findings.len() as u64, "count");
        for (i, f) in core.findings.iter().enumerate() {
            let mut c = std::mem::MaybeUninit::<zs_finding>::uninit();
            check_ok(
                zs_report_finding(r, i as u64, c.as_mut_ptr()),
                "zs_report_finding",
            );
            let c = c.assume_init();
            assert_eq!(
                c_str(zs_category_name(c.category)),
                Some(f.category.as_str())
            );
            assert_eq!(c_str(zs_gate_name(c.gate)), Some(f.gate.as_str()));
            assert_eq!(
                c_str(zs_severity_name(c.severity)),
                Some(f.severity.as_str())
            );
            assert_eq!(
                (c.start, c.end),
                (f.start as u64, f.end as u64),
                "{}",
                f.rule
            );
            assert_eq!(
                (c.char_start, c.char_end),
                (f.char_start as u64, f.char_end as u64)
            );
            let utf16 = |b: usize| text[..b].encode_utf16().count() as u64;
            assert_eq!(
                (c.utf16_start, c.utf16_end),
                (utf16(f.start), utf16(f.end)),
                "{}",
                f.rule
            );
            assert_eq!(c_bytes(c.rule, c.rule_len), Some(f.rule.as_bytes()));
            assert_eq!(
                c_bytes(c.text, c.text_len),
                Some(&text.as_bytes()[f.start..f.end])
            );
            assert_eq!(
                c_bytes(c.suggestion, c.suggestion_len),
                f.suggestion.as_deref().map(str::as_bytes)
            );
            assert_eq!(
                c_bytes(c.note, c.note_len),
                f.note.as_deref().map(str::as_bytes)
            );
        }
        // Past the end: ZS_ERR_RANGE, and the output untouched.
        let past = n.saturating_add(u.int_in_range(0..=3u64).unwrap_or(0));
        let past = if u.arbitrary::<bool>().unwrap_or(false) {
            u64::MAX
        } else {
            past
        };
        let mut c = std::mem::MaybeUninit::<zs_finding>::zeroed();
        let st = zs_report_finding(r, past, c.as_mut_ptr());
        check_failure(st, ZS_ERR_RANGE, "zs_report_finding past the end");
        assert_eq!(
            c.assume_init().start,
            0,
            "zs_report_finding wrote on failure"
        );
        check_failure(
            zs_report_finding(r, 0, ptr::null_mut()),
            ZS_ERR_NULL,
            "finding out NULL",
        );

        // The sign-off: level, reasons field by field, past the end refused.
        assert_eq!(
            c_str(zs_sign_off_level_name(zs_report_sign_off_level(r))),
            Some(core.sign_off.level.as_str()),
            "sign-off level"
        );
        let n = zs_report_sign_off_count(r);
        assert_eq!(n, core.sign_off.reasons.len() as u64, "sign-off count");
        for (i, want) in core.sign_off.reasons.iter().enumerate() {
            let mut c = std::mem::MaybeUninit::<zs_sign_off_reason>::uninit();
            check_ok(
                zs_report_sign_off_reason(r, i as u64, c.as_mut_ptr()),
                "zs_report_sign_off_reason",
            );
            let c = c.assume_init();
            assert_eq!(
                c_str(zs_sign_off_level_name(c.level)),
                Some(want.level.as_str())
            );
            assert_eq!((c.start, c.end), (want.start as u64, want.end as u64));
            let utf16 = |b: usize| text[..b].encode_utf16().count() as u64;
            assert_eq!(
                (c.utf16_start, c.utf16_end),
                (utf16(want.start), utf16(want.end))
            );
            assert_eq!(c_bytes(c.rule, c.rule_len), Some(want.rule.as_bytes()));
            assert_eq!(c_bytes(c.text, c.text_len), Some(want.text.as_bytes()));
            assert_eq!(c_bytes(c.note, c.note_len), Some(want.note.as_bytes()));
        }
        let mut c = std::mem::MaybeUninit::<zs_sign_off_reason>::zeroed();
        check_failure(
            zs_report_sign_off_reason(r, n, c.as_mut_ptr()),
            ZS_ERR_RANGE,
            "zs_report_sign_off_reason past the end",
        );
        assert_eq!(c.assume_init().start, 0, "sign-off reason written on failure");

        let mut len = u64::MAX;
        let json = zs_report_json(r, &mut len);
        assert_eq!(
            c_bytes(json, len),
            Some(core.to_json().as_bytes()),
            "report JSON"
        );
        assert_eq!(zs_report_json(r, ptr::null_mut()), json, "JSON made once");
    }
}

/// A language value: mostly a `zs_lang`, sometimes any `int32_t`.
fn lang_value(u: &mut Unstructured<'_>) -> Result<i32> {
    Ok(match u.int_in_range(0..=5u8)? {
        0..=2 => 0,
        3 | 4 => 1,
        _ => u.arbitrary()?,
    })
}

/// The `Lang` of a `zs_lang` value, or None for a value that is none.
fn lang_of(v: i32) -> Option<Lang> {
    usize::try_from(v)
        .ok()
        .and_then(|i| Lang::ALL.get(i).copied())
}

/// `zs_screener_with_lang` on the process's C screener, then a scan with the new handle against
/// the Rust screener in that language.
fn with_lang_op(u: &mut Unstructured<'_>) -> Result<()> {
    let lang = lang_value(u)?;
    let mut s: *mut zs_screener = sentinel();
    // SAFETY: the default screener is live; `s` is a live local.
    let st = unsafe { zs_screener_with_lang(c_screener(), lang, &mut s) };
    let Some(l) = lang_of(lang) else {
        check_failure(st, ZS_ERR_ARGUMENT, "zs_screener_with_lang");
        assert_eq!(s, sentinel(), "zs_screener_with_lang wrote on failure");
        return Ok(());
    };
    check_ok(st, "zs_screener_with_lang");
    // SAFETY: `s` is the live screener just made.
    assert_eq!(unsafe { zs_screener_lang(s) }, lang, "zs_screener_lang");
    let core = screener().with_lang(l);
    // SAFETY: both fingerprints live as long as their screeners.
    unsafe {
        assert_eq!(
            c_str(zs_screener_fingerprint(s)),
            c_str(zs_screener_fingerprint(c_screener())),
            "the fingerprint does not depend on the language"
        );
    }
    let a = arg(u);
    if let Ok(a) = &a {
        scan_with(u, s, &core, a);
    }
    // SAFETY: `s` is live and freed once.
    unsafe { zs_screener_free(s) };
    a.map(|_| ())
}

/// A screener built from the fuzz input through both APIs, compared. A builder on the default
/// lists (`with_defaults` 1) takes its lists but is not built: compiling the defaults takes
/// milliseconds (tens under ASan) and would slow the fuzzer a hundredfold; `zs_screener_new`
/// (the process's C screener) covers it.
fn builder_op(u: &mut Unstructured<'_>) -> Result<()> {
    // An exhausted input reads as 0s: 0 must be the cheap choice.
    let flag = match u.int_in_range(0..=15u8)? {
        15 => 1,
        12..=14 => u.arbitrary::<i32>()?,
        _ => 0,
    };
    let mut b: *mut zs_builder = sentinel();
    // SAFETY: `b` is a live local.
    let st = unsafe { zs_builder_new(flag, &mut b) };
    if flag != 0 && flag != 1 {
        check_failure(st, ZS_ERR_ARGUMENT, "zs_builder_new with a bad flag");
        assert_eq!(b, sentinel(), "zs_builder_new wrote on failure");
        return Ok(());
    }
    check_ok(st, "zs_builder_new");
    let mut mirror: ScreenerBuilder = Screener::builder().defaults(flag == 1);
    let result = builder_steps(u, b, &mut mirror, flag == 0);
    // SAFETY: `b` is live and freed once.
    unsafe { zs_builder_free(b) };
    result
}

fn builder_steps(
    u: &mut Unstructured<'_>,
    b: *mut zs_builder,
    mirror: &mut ScreenerBuilder,
    build: bool,
) -> Result<()> {
    for _ in 0..u.int_in_range(0..=3u8)? {
        let step = u.int_in_range(0..=7u8)?;
        if step == 5 {
            // A language: a `zs_lang`, or any value (refused, the builder unchanged).
            let lang = lang_value(u)?;
            // SAFETY: `b` is a live builder.
            let st = unsafe { zs_builder_set_lang(b, lang) };
            match lang_of(lang) {
                Some(l) => {
                    check_ok(st, "zs_builder_set_lang");
                    *mirror = std::mem::take(mirror).lang(l);
                }
                None => check_failure(st, ZS_ERR_ARGUMENT, "zs_builder_set_lang"),
            }
        } else if step == 6 {
            // The names policy: two flags, 0 or 1, or any value (refused, unchanged).
            let flag = |u: &mut Unstructured<'_>| -> Result<i32> {
                Ok(match u.int_in_range(0..=4u8)? {
                    0 | 1 => 0,
                    2 | 3 => 1,
                    _ => u.arbitrary()?,
                })
            };
            let (protect, relief) = (flag(u)?, flag(u)?);
            // SAFETY: `b` is a live builder.
            let st = unsafe { zs_builder_names(b, protect, relief) };
            if (0..=1).contains(&protect) && (0..=1).contains(&relief) {
                check_ok(st, "zs_builder_names");
                *mirror = std::mem::take(mirror).names(NamesPolicy {
                    protect: protect == 1,
                    relief_recipients: relief == 1,
                });
            } else {
                check_failure(st, ZS_ERR_ARGUMENT, "zs_builder_names");
            }
        } else if step == 7 {
            // The typo detector: on or off (or any value, refused), a threshold (negative: the
            // default; past 60 or NaN: refused, unchanged).
            let on: i32 = match u.int_in_range(0..=4u8)? {
                0 | 1 => 0,
                2 | 3 => 1,
                _ => u.arbitrary()?,
            };
            let threshold: f64 = match u.int_in_range(0..=3u8)? {
                0 => -1.0,
                1 => 5.0,
                2 => f64::from(u.int_in_range(0..=80u8)?) / 2.0,
                _ => u.arbitrary()?,
            };
            // SAFETY: `b` is a live builder.
            let st = unsafe { zs_builder_typo(b, on, threshold) };
            let t = if threshold < 0.0 {
                Some(zhscreen::TypoThreshold::DEFAULT)
            } else {
                zhscreen::TypoThreshold::new(threshold)
            };
            match (on, t) {
                (0, Some(_)) => {
                    check_ok(st, "zs_builder_typo");
                    *mirror = std::mem::take(mirror).typo(false);
                }
                (1, Some(t)) => {
                    check_ok(st, "zs_builder_typo");
                    *mirror = std::mem::take(mirror).typo_threshold(t);
                }
                _ => check_failure(st, ZS_ERR_ARGUMENT, "zs_builder_typo"),
            }
        } else if step == 0 {
            // A path that cannot exist (its first component does not), so nothing is read.
            let path = match arg(u)? {
                Arg::Bytes(tail) => {
                    let mut p = b"/nonexistent-zhscreen-fuzz/".to_vec();
                    p.extend_from_slice(&tail);
                    Arg::Bytes(p.into_boxed_slice())
                }
                other => other,
            };
            let (p, n) = path.parts();
            // SAFETY: `b` is a live builder; `p` is NULL or points to `n` bytes (or `n` is past
            // `INT64_MAX`, refused before reading).
            let st = unsafe { zs_builder_add_path(b, p, n) };
            match path.bytes() {
                Ok([]) => check_failure(st, ZS_ERR_ARGUMENT, "empty path"),
                Ok(raw) => {
                    check_ok(st, "zs_builder_add_path");
                    *mirror = std::mem::take(mirror).wordlist_path(OsStr::from_bytes(raw));
                }
                Err(want) => check_failure(st, want, "zs_builder_add_path"),
            }
        } else {
            let name = arg(u)?;
            let text = arg(u)?;
            let (np, nn) = name.parts();
            let (tp, tn) = text.parts();
            // SAFETY: `b` is a live builder; each pointer is NULL or points to its length in
            // bytes (or the length is past `INT64_MAX`, refused before reading).
            let st = unsafe { zs_builder_add_text(b, np, nn, tp, tn) };
            let want = name.text().and_then(|n| {
                if n.is_empty() {
                    return Err(ZS_ERR_ARGUMENT);
                }
                Ok((n, text.text()?))
            });
            match want {
                Ok((n, t)) => {
                    check_ok(st, "zs_builder_add_text");
                    *mirror = std::mem::take(mirror).wordlist_text(n, t);
                }
                Err(want) => {
                    check_failure(st, want, "zs_builder_add_text");
                    if want == ZS_ERR_UTF8 && name.text().is_ok_and(|n| !n.is_empty()) {
                        // The text is bad: the error names the list and the line of the bad bytes.
                        let raw = text.bytes().unwrap_or(&[]);
                        let valid =
                            std::str::from_utf8(raw).map_or_else(|e| e.valid_up_to(), |_| 0);
                        let line = raw[..valid].iter().filter(|&&c| c == b'\n').count() + 1;
                        // SAFETY: valid until the next failing call on this thread.
                        let file = unsafe { c_str(zs_last_error_file()) };
                        let shown = name.text().map(|n| n.replace('\0', "\\0")).ok();
                        assert_eq!(file, shown.as_deref());
                        assert_eq!(unsafe { zs_last_error_line() }, line as i64);
                    }
                }
            }
        }
    }

    if !build {
        return Ok(());
    }
    let mut s: *mut zs_screener = sentinel();
    // SAFETY: `b` is live; `s` is a live local.
    let st = unsafe { zs_builder_build(b, &mut s) };
    match mirror.clone().build() {
        Ok(core) => {
            check_ok(st, "zs_builder_build");
            let result = built_screener_checks(u, s, &core);
            // SAFETY: `s` is live and freed once.
            unsafe { zs_screener_free(s) };
            result?;
        }
        Err(e) => {
            let want = match &e {
                zhscreen::Error::Wordlist { .. } => ZS_ERR_WORDLIST,
                zhscreen::Error::Io { .. } => ZS_ERR_IO,
                zhscreen::Error::Build(_) => ZS_ERR_BUILD,
            };
            check_failure(st, want, "zs_builder_build");
            assert_eq!(s, sentinel(), "zs_builder_build wrote on failure");
            // SAFETY: valid until the next failing call on this thread.
            // A C string holds no NUL: the library shows one as `\0`.
            let shown = |s: &str| s.replace('\0', "\\0");
            let msg = unsafe { c_str(zs_last_error_message()) };
            assert_eq!(msg, Some(shown(&e.to_string()).as_str()));
            if let Some((file, line)) = e.location() {
                // SAFETY: as above.
                assert_eq!(
                    unsafe { c_str(zs_last_error_file()) },
                    Some(shown(file).as_str())
                );
                assert_eq!(unsafe { zs_last_error_line() }, line as i64);
            }
        }
    }
    Ok(())
}

fn built_screener_checks(
    u: &mut Unstructured<'_>,
    s: *mut zs_screener,
    core: &Screener,
) -> Result<()> {
    // SAFETY: `s` is live; the fingerprint lives as long as it.
    let fp = unsafe { c_str(zs_screener_fingerprint(s)) };
    assert_eq!(fp, Some(core.ruleset().fingerprint.as_str()), "fingerprint");
    let a = arg(u)?;
    scan_with(u, s, core, &a);
    Ok(())
}

/// `zs_scan` of one argument on a C screener, against the Rust screener it mirrors.
fn scan_with(u: &mut Unstructured<'_>, s: *const zs_screener, core: &Screener, a: &Arg) {
    let (p, n) = a.parts();
    let mut out: *mut zs_report = sentinel();
    // SAFETY: `s` is live; `p` is NULL or points to `n` bytes (or `n` is refused before reading);
    // `out` is a live local.
    let st = unsafe { zs_scan(s, p, n, &mut out) };
    match a.text() {
        Ok(text) => {
            check_ok(st, "zs_scan");
            assert!(out != sentinel() && !out.is_null());
            // SAFETY: `out` is the live report just made, freed once.
            unsafe {
                check_c_report(u, out, text, &core.scan(text));
                zs_report_free(out);
            }
        }
        Err(want) => {
            check_failure(st, want, "zs_scan");
            assert_eq!(out, sentinel(), "zs_scan wrote on failure");
        }
    }
}

/// `zs_redact` or `zs_fix` of one argument, against the Rust API.
fn rewrite_op(a: &Arg, fix: bool) {
    let (p, n) = a.parts();
    let mut out: *mut zs_redaction = sentinel();
    // SAFETY: the default screener is live; `p` is NULL or points to `n` bytes (or `n` is
    // refused before reading); `out` is a live local.
    let st = unsafe {
        if fix {
            zs_fix(c_screener(), p, n, &mut out)
        } else {
            zs_redact(c_screener(), p, n, &mut out)
        }
    };
    match a.text() {
        Ok(text) => {
            check_ok(st, "zs_redact/zs_fix");
            let core = if fix {
                screener().fix(text)
            } else {
                screener().redact(text)
            };
            let mut len = u64::MAX;
            // SAFETY: `out` is the live redaction just made, freed once; its text lives as long.
            unsafe {
                let t = zs_redaction_text(out, &mut len);
                assert_eq!(
                    c_bytes(t, len),
                    Some(core.text.as_bytes()),
                    "rewritten text"
                );
                assert_eq!(zs_redaction_count(out), core.replacements.len() as u64);
                zs_redaction_free(out);
            }
        }
        Err(want) => {
            check_failure(st, want, "zs_redact/zs_fix");
            assert_eq!(out, sentinel(), "zs_redact/zs_fix wrote on failure");
        }
    }
}

/// NULL handles and out-parameters everywhere: a status or the documented neutral value.
fn nulls_op(u: &mut Unstructured<'_>) -> Result<()> {
    let a = arg(u)?;
    let (p, n) = a.parts();
    let null = ZS_ERR_NULL;
    // SAFETY: every handle is NULL or the live default screener; `p` is NULL or points to `n`
    // bytes (or `n` is refused before reading); out-parameters are NULL or live locals.
    unsafe {
        let mut r: *mut zs_report = sentinel();
        check_failure(
            zs_scan(ptr::null(), p, n, &mut r),
            null,
            "zs_scan(NULL screener)",
        );
        check_failure(
            zs_scan(c_screener(), p, n, ptr::null_mut()),
            null,
            "zs_scan(out NULL)",
        );
        assert_eq!(r, sentinel());
        let mut red: *mut zs_redaction = sentinel();
        check_failure(
            zs_redact(ptr::null(), p, n, &mut red),
            null,
            "zs_redact(NULL)",
        );
        check_failure(
            zs_fix(c_screener(), p, n, ptr::null_mut()),
            null,
            "zs_fix(out NULL)",
        );
        assert_eq!(red, sentinel());
        let mut len = 7u64;
        assert!(zs_report_json(ptr::null(), &mut len).is_null());
        assert!(zs_redaction_text(ptr::null(), &mut len).is_null());
        assert_eq!(len, 7, "len written for a NULL handle");
        assert_eq!(zs_report_count(ptr::null()), 0);
        assert_eq!(zs_report_verdict(ptr::null()), -1);
        assert_eq!(zs_redaction_count(ptr::null()), 0);
        assert!(zs_screener_fingerprint(ptr::null()).is_null());
        let mut f = std::mem::MaybeUninit::<zs_finding>::uninit();
        check_failure(
            zs_report_finding(ptr::null(), 0, f.as_mut_ptr()),
            null,
            "finding(NULL)",
        );
        check_failure(
            zs_builder_add_text(ptr::null_mut(), p, n, p, n),
            null,
            "add_text(NULL)",
        );
        check_failure(
            zs_builder_add_path(ptr::null_mut(), p, n),
            null,
            "add_path(NULL)",
        );
        let mut s: *mut zs_screener = sentinel();
        check_failure(zs_builder_build(ptr::null(), &mut s), null, "build(NULL)");
        assert_eq!(s, sentinel());
        check_failure(
            zs_builder_new(0, ptr::null_mut()),
            null,
            "zs_builder_new(out NULL)",
        );
        check_failure(
            zs_screener_new(ptr::null_mut()),
            null,
            "zs_screener_new(out NULL)",
        );
        assert_eq!(zs_report_sign_off_level(ptr::null()), -1);
        assert_eq!(zs_report_sign_off_count(ptr::null()), 0);
        let mut reason = std::mem::MaybeUninit::<zs_sign_off_reason>::uninit();
        check_failure(
            zs_report_sign_off_reason(ptr::null(), 0, reason.as_mut_ptr()),
            null,
            "sign_off_reason(NULL)",
        );
        assert_eq!(zs_screener_lang(ptr::null()), -1);
        let mut s2: *mut zs_screener = sentinel();
        check_failure(
            zs_screener_with_lang(ptr::null(), 0, &mut s2),
            null,
            "with_lang(NULL)",
        );
        check_failure(
            zs_screener_with_lang(c_screener(), 0, ptr::null_mut()),
            null,
            "with_lang(out NULL)",
        );
        assert_eq!(s2, sentinel());
        check_failure(zs_builder_set_lang(ptr::null_mut(), 0), null, "set_lang(NULL)");
        check_failure(zs_builder_names(ptr::null_mut(), 0, 0), null, "names(NULL)");
        zs_report_free(ptr::null_mut());
        zs_redaction_free(ptr::null_mut());
        zs_builder_free(ptr::null_mut());
        zs_screener_free(ptr::null_mut());
        zs_clear_error();
        assert_eq!(zs_last_error_status(), ZS_OK);
        assert!(zs_last_error_message().is_null() && zs_last_error_file().is_null());
        assert_eq!(zs_last_error_line(), 0);
    }
    Ok(())
}

/// The name functions on any value: a name exactly for the values that exist.
fn names_op(u: &mut Unstructured<'_>) -> Result<()> {
    let v: i32 = u.arbitrary()?;
    let idx = usize::try_from(v).ok();
    let name = |f: unsafe extern "C" fn(i32) -> *const c_char| {
        // SAFETY: the name functions take any value and return a static string or NULL.
        unsafe { c_str(f(v)) }
    };
    let at = |all: &[&'static str]| idx.and_then(|i| all.get(i).copied());
    let cats: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    let sevs: Vec<&str> = Severity::ALL.iter().map(|s| s.as_str()).collect();
    let verdicts: Vec<&str> = Verdict::ALL.iter().map(|s| s.as_str()).collect();
    let gates: Vec<&str> = Category::ALL.iter().map(|c| c.gate().as_str()).collect();
    assert_eq!(name(zs_category_name), at(&cats), "zs_category_name({v})");
    assert_eq!(name(zs_severity_name), at(&sevs), "zs_severity_name({v})");
    assert_eq!(name(zs_verdict_name), at(&verdicts), "zs_verdict_name({v})");
    let levels: Vec<&str> = SignOffLevel::ALL.iter().map(|l| l.as_str()).collect();
    let langs: Vec<&str> = Lang::ALL.iter().map(|l| l.as_str()).collect();
    assert_eq!(
        name(zs_sign_off_level_name),
        at(&levels),
        "zs_sign_off_level_name({v})"
    );
    assert_eq!(name(zs_lang_name), at(&langs), "zs_lang_name({v})");
    let gate = name(zs_gate_name);
    assert_eq!(gate.is_some(), (0..5).contains(&v), "zs_gate_name({v})");
    if let Some(g) = gate {
        assert!(gates.contains(&g), "zs_gate_name({v}) = {g}");
    }
    let status = name(zs_status_name);
    assert_eq!(
        status.is_some(),
        (0..=9).contains(&v),
        "zs_status_name({v})"
    );
    assert!(status.is_none_or(|s| s.starts_with("ZS_")));
    // SAFETY: a static string.
    let version = unsafe { c_str(zs_version()) };
    assert_eq!(
        version,
        Some(screener().ruleset().version.as_str()),
        "zs_version"
    );
    Ok(())
}

/// Up to 16 C calls chosen by the fuzz input.
pub fn c_abi(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
}

fn run(u: &mut Unstructured<'_>) -> Result<()> {
    for _ in 0..16 {
        if u.is_empty() {
            break;
        }
        match u.int_in_range(0..=10u8)? {
            10 => with_lang_op(u)?,
            0..=3 => {
                let a = arg(u)?;
                let s = c_screener();
                scan_with(u, s, screener(), &a);
            }
            4 => rewrite_op(&arg(u)?, false),
            5 => rewrite_op(&arg(u)?, true),
            6 | 7 => builder_op(u)?,
            8 => nulls_op(u)?,
            _ => names_op(u)?,
        }
    }
    Ok(())
}
