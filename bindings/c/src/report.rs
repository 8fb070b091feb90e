//! Scanning: the report handle, its findings as a C struct, and the report JSON.

use crate::args::{self, into_handle, CText, Out};
use crate::error::{guard, guard_value, zs_status, Failure, ZS_ERR_RANGE};
use crate::screener::zs_screener;
use std::cell::OnceCell;
use std::ffi::{c_char, CString};
use std::ops::Range;
use std::ptr;
use std::sync::OnceLock;
use zhscreen::{Category, Finding, Gate, Report, Severity, SignOffLevel, Verdict};

/// A finding's category. The values are stable; `zs_category_name()` gives the id used in the
/// report JSON (`"personal_info"`).
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zs_category {
    /// Politically sensitive terms.
    ZS_CATEGORY_POLITICAL = 0,
    /// Non-standard official or political wording, with the recommended wording.
    ZS_CATEGORY_EXPRESSION = 1,
    /// Classification marks and internal-document cues.
    ZS_CATEGORY_CONFIDENTIAL = 2,
    /// Personal data: resident ID, mobile, bank card, e-mail, passport...
    ZS_CATEGORY_PERSONAL_INFO = 3,
    /// 淫秽色情.
    ZS_CATEGORY_PORNOGRAPHY = 4,
    /// 赌博.
    ZS_CATEGORY_GAMBLING = 5,
    /// 毒品.
    ZS_CATEGORY_DRUGS = 6,
    /// 暴力、恐怖、教唆犯罪.
    ZS_CATEGORY_VIOLENCE_TERROR = 7,
    /// 邪教、封建迷信.
    ZS_CATEGORY_CULT_SUPERSTITION = 8,
    /// 民族仇恨、民族歧视、宗教歧视.
    ZS_CATEGORY_DISCRIMINATION = 9,
    /// Rumour markers.
    ZS_CATEGORY_RUMOR = 10,
    /// 侮辱、诽谤.
    ZS_CATEGORY_INSULT = 11,
    /// 煽动非法集会、聚众.
    ZS_CATEGORY_ILLEGAL_ASSEMBLY = 12,
    /// Commercial advertising and contact solicitation.
    ZS_CATEGORY_ADVERTISING = 13,
    /// Emotional personal opinion.
    ZS_CATEGORY_OPINION = 14,
    /// Common wrong characters and words, with the correction.
    ZS_CATEGORY_TYPO = 15,
    /// Publishing rules: reposts and sources, title chains, commercial links, demands on the public.
    ZS_CATEGORY_PUBLISHING = 16,
}

/// The review gate (五关) of a finding's category; `zs_gate_name()` gives its id.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zs_gate {
    /// 政治关.
    ZS_GATE_POLITICS = 0,
    /// 法律关.
    ZS_GATE_LAW = 1,
    /// 政策关.
    ZS_GATE_POLICY = 2,
    /// 保密关.
    ZS_GATE_SECRECY = 3,
    /// 文字关.
    ZS_GATE_TEXT = 4,
}

/// How serious a finding is, lowest first; `zs_severity_name()` gives its id.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zs_severity {
    /// For the reviewer's information; leaves the verdict at pass.
    ZS_SEVERITY_INFO = 0,
    /// A fix is suggested; the post may go on.
    ZS_SEVERITY_WARN = 1,
    /// A person must look again before it is published.
    ZS_SEVERITY_REVIEW = 2,
    /// Must not be published as it is.
    ZS_SEVERITY_BLOCK = 3,
}

/// The outcome of a scan: the highest severity found, or pass; `zs_verdict_name()` gives its id.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zs_verdict {
    /// Nothing found (or only info findings).
    ZS_VERDICT_PASS = 0,
    /// Fixes suggested; may be published.
    ZS_VERDICT_WARN = 1,
    /// A person must look again.
    ZS_VERDICT_REVIEW = 2,
    /// Must not be published as it is.
    ZS_VERDICT_BLOCK = 3,
}

fn c_category(c: Category) -> zs_category {
    use zs_category::*;
    match c {
        Category::Political => ZS_CATEGORY_POLITICAL,
        Category::Expression => ZS_CATEGORY_EXPRESSION,
        Category::Confidential => ZS_CATEGORY_CONFIDENTIAL,
        Category::PersonalInfo => ZS_CATEGORY_PERSONAL_INFO,
        Category::Pornography => ZS_CATEGORY_PORNOGRAPHY,
        Category::Gambling => ZS_CATEGORY_GAMBLING,
        Category::Drugs => ZS_CATEGORY_DRUGS,
        Category::ViolenceTerror => ZS_CATEGORY_VIOLENCE_TERROR,
        Category::CultSuperstition => ZS_CATEGORY_CULT_SUPERSTITION,
        Category::Discrimination => ZS_CATEGORY_DISCRIMINATION,
        Category::Rumor => ZS_CATEGORY_RUMOR,
        Category::Insult => ZS_CATEGORY_INSULT,
        Category::IllegalAssembly => ZS_CATEGORY_ILLEGAL_ASSEMBLY,
        Category::Advertising => ZS_CATEGORY_ADVERTISING,
        Category::Opinion => ZS_CATEGORY_OPINION,
        Category::Typo => ZS_CATEGORY_TYPO,
        Category::Publishing => ZS_CATEGORY_PUBLISHING,
    }
}

/// Who must sign a text before it is published (分级审核), lowest first;
/// `zs_sign_off_level_name()` gives its id.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum zs_sign_off_level {
    /// Ordinary information: the deputy in charge signs.
    ZS_SIGN_OFF_STANDARD = 0,
    /// Important information (personnel, fiscal figures, deadlines, county leaders): the leader
    /// in charge signs.
    ZS_SIGN_OFF_IMPORTANT = 1,
    /// Major, sudden or sensitive information: the head of the unit signs, after the county
    /// government office.
    ZS_SIGN_OFF_MAJOR = 2,
}

fn c_sign_off_level(l: SignOffLevel) -> zs_sign_off_level {
    use zs_sign_off_level::*;
    match l {
        SignOffLevel::Standard => ZS_SIGN_OFF_STANDARD,
        SignOffLevel::Important => ZS_SIGN_OFF_IMPORTANT,
        SignOffLevel::Major => ZS_SIGN_OFF_MAJOR,
    }
}

fn c_gate(g: Gate) -> zs_gate {
    use zs_gate::*;
    match g {
        Gate::Politics => ZS_GATE_POLITICS,
        Gate::Law => ZS_GATE_LAW,
        Gate::Policy => ZS_GATE_POLICY,
        Gate::Secrecy => ZS_GATE_SECRECY,
        Gate::Text => ZS_GATE_TEXT,
    }
}

fn c_severity(s: Severity) -> zs_severity {
    use zs_severity::*;
    match s {
        Severity::Info => ZS_SEVERITY_INFO,
        Severity::Warn => ZS_SEVERITY_WARN,
        Severity::Review => ZS_SEVERITY_REVIEW,
        Severity::Block => ZS_SEVERITY_BLOCK,
    }
}

fn c_verdict(v: Verdict) -> zs_verdict {
    use zs_verdict::*;
    match v {
        Verdict::Pass => ZS_VERDICT_PASS,
        Verdict::Warn => ZS_VERDICT_WARN,
        Verdict::Review => ZS_VERDICT_REVIEW,
        Verdict::Block => ZS_VERDICT_BLOCK,
    }
}

const GATES: [Gate; 5] = [
    Gate::Politics,
    Gate::Law,
    Gate::Policy,
    Gate::Secrecy,
    Gate::Text,
];

/// The stable ids of the core, as C strings, indexed by the C enum value. Built once from the
/// core's own `as_str`, so the binding holds no second copy of the names.
fn name_table<T: Copy>(
    all: &[T],
    value: impl Fn(T) -> i32,
    id: impl Fn(T) -> &'static str,
) -> Vec<CString> {
    let mut table: Vec<(i32, CString)> = all
        .iter()
        .map(|&x| (value(x), CString::new(id(x)).unwrap_or_default()))
        .collect();
    table.sort_by_key(|(v, _)| *v);
    table.into_iter().map(|(_, name)| name).collect()
}

fn lookup(table: &'static [CString], value: i32) -> *const c_char {
    usize::try_from(value)
        .ok()
        .and_then(|i| table.get(i))
        .map_or(ptr::null(), |n| n.as_ptr())
}

/// The id of a `zs_category` value (`"personal_info"`), or NULL for a value that is none. A
/// static string: do not free it.
#[no_mangle]
pub extern "C" fn zs_category_name(category: i32) -> *const c_char {
    static T: OnceLock<Vec<CString>> = OnceLock::new();
    guard_value(ptr::null(), || {
        let t = T
            .get_or_init(|| name_table(&Category::ALL, |c| c_category(c) as i32, Category::as_str));
        Ok(lookup(t, category))
    })
}

/// The id of a `zs_gate` value (`"secrecy"`), or NULL for a value that is none. Static.
#[no_mangle]
pub extern "C" fn zs_gate_name(gate: i32) -> *const c_char {
    static T: OnceLock<Vec<CString>> = OnceLock::new();
    guard_value(ptr::null(), || {
        let t = T.get_or_init(|| name_table(&GATES, |g| c_gate(g) as i32, Gate::as_str));
        Ok(lookup(t, gate))
    })
}

/// The id of a `zs_severity` value (`"review"`), or NULL for a value that is none. Static.
#[no_mangle]
pub extern "C" fn zs_severity_name(severity: i32) -> *const c_char {
    static T: OnceLock<Vec<CString>> = OnceLock::new();
    guard_value(ptr::null(), || {
        let t = T
            .get_or_init(|| name_table(&Severity::ALL, |s| c_severity(s) as i32, Severity::as_str));
        Ok(lookup(t, severity))
    })
}

/// The id of a `zs_verdict` value (`"pass"`), or NULL for a value that is none. Static.
#[no_mangle]
pub extern "C" fn zs_verdict_name(verdict: i32) -> *const c_char {
    static T: OnceLock<Vec<CString>> = OnceLock::new();
    guard_value(ptr::null(), || {
        let t =
            T.get_or_init(|| name_table(&Verdict::ALL, |v| c_verdict(v) as i32, Verdict::as_str));
        Ok(lookup(t, verdict))
    })
}

/// The id of a `zs_sign_off_level` value (`"major"`), or NULL for a value that is none. Static.
#[no_mangle]
pub extern "C" fn zs_sign_off_level_name(level: i32) -> *const c_char {
    static T: OnceLock<Vec<CString>> = OnceLock::new();
    guard_value(ptr::null(), || {
        let t = T.get_or_init(|| {
            name_table(
                &SignOffLevel::ALL,
                |l| c_sign_off_level(l) as i32,
                SignOffLevel::as_str,
            )
        });
        Ok(lookup(t, level))
    })
}

/// One finding, as filled in by `zs_report_finding`.
///
/// Offsets point into the text that was scanned, end exclusive, in three units: UTF-8 bytes (C),
/// Unicode scalar values, and UTF-16 code units (Java's and JavaScript's `String` indexes).
///
/// The strings are UTF-8 with a NUL after them, owned by the report: valid until
/// `zs_report_free`, not to be freed. Use the lengths: `text` is a slice of the caller's input
/// and may itself hold NUL bytes. `suggestion` and `note` are NULL (length 0) when absent.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct zs_finding {
    /// The category.
    pub category: zs_category,
    /// The review gate of the category.
    pub gate: zs_gate,
    /// The severity, after context (counter-context lowers prohibited terms to review).
    pub severity: zs_severity,
    /// UTF-8 byte offset of the first byte.
    pub start: u64,
    /// UTF-8 byte offset one past the last byte.
    pub end: u64,
    /// Offset of the first character, in Unicode scalar values.
    pub char_start: u64,
    /// Offset one past the last character, in Unicode scalar values.
    pub char_end: u64,
    /// Offset of the first UTF-16 code unit.
    pub utf16_start: u64,
    /// Offset one past the last UTF-16 code unit.
    pub utf16_end: u64,
    /// The rule that fired: `CATEGORY/TERM` for wordlist entries (`drugs/海洛因`), or a detector id
    /// (`personal_info/cn_resident_id`).
    pub rule: *const c_char,
    /// Length of `rule` in bytes.
    pub rule_len: u64,
    /// Exactly the bytes `start..end` of the scanned text.
    pub text: *const c_char,
    /// Length of `text` in bytes (`end - start`).
    pub text_len: u64,
    /// The recommended wording, or NULL.
    pub suggestion: *const c_char,
    /// Length of `suggestion` in bytes (0 when NULL).
    pub suggestion_len: u64,
    /// Why, or what was checked, or NULL.
    pub note: *const c_char,
    /// Length of `note` in bytes (0 when NULL).
    pub note_len: u64,
}

/// The result of one scan: a verdict, findings ordered by start then end, and the report JSON.
///
/// Thread safety: not to be used by two threads at once (the JSON is made on first request);
/// it may be moved to and freed on another thread.
pub struct zs_report {
    report: Report,
    findings: Vec<FindingText>,
    reasons: Vec<ReasonText>,
    json: OnceCell<CText>,
}

/// One reason of a report's sign-off level, as filled in by `zs_report_sign_off_reason`: a
/// routing word found in the text. Offsets in UTF-8 bytes and UTF-16 code units; the strings
/// belong to the report, as those of `zs_finding`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct zs_sign_off_reason {
    /// The level this word asks for.
    pub level: zs_sign_off_level,
    /// UTF-8 byte offset of the first byte.
    pub start: u64,
    /// UTF-8 byte offset one past the last byte.
    pub end: u64,
    /// Offset of the first UTF-16 code unit.
    pub utf16_start: u64,
    /// Offset one past the last UTF-16 code unit.
    pub utf16_end: u64,
    /// `sign_off/WORD`.
    pub rule: *const c_char,
    /// Length of `rule` in bytes.
    pub rule_len: u64,
    /// Exactly the bytes `start..end` of the scanned text.
    pub text: *const c_char,
    /// Length of `text` in bytes.
    pub text_len: u64,
    /// Who must sign, and the rule that says so.
    pub note: *const c_char,
    /// Length of `note` in bytes.
    pub note_len: u64,
}

/// Where a finding or a sign-off reason sits, as the C structs give it: UTF-8 byte, char and
/// UTF-16 offsets, and NUL-terminated copies of its rule and text, owned by the report.
struct SpanText {
    start: u64,
    end: u64,
    char_start: u64,
    char_end: u64,
    utf16_start: u64,
    utf16_end: u64,
    rule: CText,
    text: CText,
}

impl SpanText {
    /// The span of the core's byte range `bytes` and char range `chars`, found by `rule`.
    fn new(
        utf16: &Utf16Index,
        bytes: Range<usize>,
        chars: Range<usize>,
        rule: &str,
        text: &str,
    ) -> SpanText {
        SpanText {
            start: bytes.start as u64,
            end: bytes.end as u64,
            char_start: chars.start as u64,
            char_end: chars.end as u64,
            utf16_start: utf16.offset(bytes.start, chars.start),
            utf16_end: utf16.offset(bytes.end, chars.end),
            rule: CText::new(rule),
            text: CText::new(text),
        }
    }
}

/// What a sign-off reason needs beyond the core's.
struct ReasonText {
    level: SignOffLevel,
    span: SpanText,
    note: CText,
}

/// What a finding needs beyond the core's: UTF-16 offsets and NUL-terminated strings.
struct FindingText {
    span: SpanText,
    suggestion: Option<CText>,
    note: Option<CText>,
}

impl zs_report {
    fn new(text: &str, report: Report) -> zs_report {
        let utf16 = Utf16Index::new(
            text,
            !report.findings.is_empty() || !report.sign_off.reasons.is_empty(),
        );
        let reasons = report
            .sign_off
            .reasons
            .iter()
            .map(|r| ReasonText {
                level: r.level,
                span: SpanText::new(
                    &utf16,
                    r.start..r.end,
                    r.char_start..r.char_end,
                    &r.rule,
                    &r.text,
                ),
                note: CText::new(&r.note),
            })
            .collect();
        let findings = report
            .findings
            .iter()
            .map(|f| FindingText {
                span: SpanText::new(
                    &utf16,
                    f.start..f.end,
                    f.char_start..f.char_end,
                    &f.rule,
                    &f.text,
                ),
                suggestion: f.suggestion.as_deref().map(CText::new),
                note: f.note.as_deref().map(CText::new),
            })
            .collect();
        zs_report {
            report,
            findings,
            reasons,
            json: OnceCell::new(),
        }
    }

    fn finding(&self, i: usize) -> Option<zs_finding> {
        let (f, t): (&Finding, &FindingText) =
            (self.report.findings.get(i)?, self.findings.get(i)?);
        let opt = |s: &Option<CText>| s.as_ref().map_or((ptr::null(), 0), |s| (s.ptr(), s.len()));
        let (suggestion, suggestion_len) = opt(&t.suggestion);
        let (note, note_len) = opt(&t.note);
        let span = &t.span;
        Some(zs_finding {
            category: c_category(f.category),
            gate: c_gate(f.gate),
            severity: c_severity(f.severity),
            start: span.start,
            end: span.end,
            char_start: span.char_start,
            char_end: span.char_end,
            utf16_start: span.utf16_start,
            utf16_end: span.utf16_end,
            rule: span.rule.ptr(),
            rule_len: span.rule.len(),
            text: span.text.ptr(),
            text_len: span.text.len(),
            suggestion,
            suggestion_len,
            note,
            note_len,
        })
    }

    fn sign_off_reason(&self, i: usize) -> Option<zs_sign_off_reason> {
        let t = self.reasons.get(i)?;
        let span = &t.span;
        Some(zs_sign_off_reason {
            level: c_sign_off_level(t.level),
            start: span.start,
            end: span.end,
            utf16_start: span.utf16_start,
            utf16_end: span.utf16_end,
            rule: span.rule.ptr(),
            rule_len: span.rule.len(),
            text: span.text.ptr(),
            text_len: span.text.len(),
            note: t.note.ptr(),
            note_len: t.note.len(),
        })
    }
}

/// UTF-16 offsets from the core's byte and char offsets: a UTF-16 offset is the char offset plus
/// one for every char outside the Basic Multilingual Plane before it (those take two code units;
/// in UTF-8 they are exactly the 4-byte sequences, whose first byte is 0xF0 or above).
struct Utf16Index {
    /// Byte offsets of the chars outside the BMP, ascending.
    astral: Vec<usize>,
}

impl Utf16Index {
    fn new(text: &str, needed: bool) -> Utf16Index {
        let astral = if needed {
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b >= 0xF0)
                .map(|(i, _)| i)
                .collect()
        } else {
            Vec::new()
        };
        Utf16Index { astral }
    }

    fn offset(&self, byte: usize, char_offset: usize) -> u64 {
        (char_offset + self.astral.partition_point(|&p| p < byte)) as u64
    }
}

/// Screens the UTF-8 text `text[0..text_len]` (no NUL needed; NULL is accepted with length 0)
/// and writes the report to `*out`. The text is not kept: it may be freed once this returns.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, `ZS_ERR_UTF8` (invalid UTF-8: the message gives the byte
/// offset), or `ZS_ERR_TOO_LARGE`. `*out` is written only on `ZS_OK`. Free the report with
/// `zs_report_free`. Safe to call from many threads on one screener.
///
/// # Safety
/// `screener` must be NULL or a live screener; `text` must be NULL or point to `text_len`
/// readable bytes not changed during the call; `out` must be NULL or valid for writing one
/// pointer.
#[no_mangle]
pub unsafe extern "C" fn zs_scan(
    screener: *const zs_screener,
    text: *const c_char,
    text_len: u64,
    out: *mut *mut zs_report,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live screener or NULL.
        let s = unsafe { args::handle(screener, "screener") }?;
        let out = Out::new(out, "out")?;
        // SAFETY: the caller guarantees `text` points to `text_len` readable bytes, or is NULL.
        let text = unsafe { args::text(text, text_len, "text") }?;
        let report = zs_report::new(text, s.screener.scan(text));
        // SAFETY: the caller guarantees `out` is valid for writing one pointer.
        unsafe { out.write(into_handle(report)) };
        Ok(())
    })
}

/// The verdict of a report: a `zs_verdict` value, or -1 when `report` is NULL.
///
/// # Safety
/// `report` must be NULL or a live report.
#[no_mangle]
pub unsafe extern "C" fn zs_report_verdict(report: *const zs_report) -> i32 {
    guard_value(-1, || {
        // SAFETY: the caller guarantees a live report or NULL.
        let r = unsafe { args::handle(report, "report") }?;
        Ok(c_verdict(r.report.verdict) as i32)
    })
}

/// The number of findings of a report (0 when `report` is NULL).
///
/// # Safety
/// `report` must be NULL or a live report.
#[no_mangle]
pub unsafe extern "C" fn zs_report_count(report: *const zs_report) -> u64 {
    guard_value(0, || {
        // SAFETY: the caller guarantees a live report or NULL.
        let r = unsafe { args::handle(report, "report") }?;
        Ok(r.report.findings.len() as u64)
    })
}

/// Fills `*out` with finding `index` (0-based, below `zs_report_count`). The strings it points to
/// belong to the report.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, or `ZS_ERR_RANGE`; `*out` is written only on `ZS_OK`.
///
/// # Safety
/// `report` must be NULL or a live report; `out` must be NULL or valid for writing one
/// `zs_finding`.
#[no_mangle]
pub unsafe extern "C" fn zs_report_finding(
    report: *const zs_report,
    index: u64,
    out: *mut zs_finding,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live report or NULL.
        let r = unsafe { args::handle(report, "report") }?;
        let out = Out::new(out, "out")?;
        let n = r.report.findings.len();
        let finding = usize::try_from(index)
            .ok()
            .and_then(|i| r.finding(i))
            .ok_or_else(|| {
                Failure::new(
                    ZS_ERR_RANGE,
                    format!("finding index {index} is out of range: the report has {n}"),
                )
            })?;
        // SAFETY: the caller guarantees `out` is valid for writing one `zs_finding`.
        unsafe { out.write(finding) };
        Ok(())
    })
}

/// The report as JSON (the contract of docs/contract.md: `verdict`, `findings` with byte and char
/// offsets, `ruleset`), compact, UTF-8, NUL-terminated; its length without the NUL is written to
/// `*len` unless `len` is NULL. Owned by the report: valid until `zs_report_free`; do not free
/// it. NULL when `report` is NULL.
///
/// # Safety
/// `report` must be NULL or a live report used by no other thread; `len` must be NULL or valid
/// for writing one `uint64_t`.
#[no_mangle]
pub unsafe extern "C" fn zs_report_json(report: *const zs_report, len: *mut u64) -> *const c_char {
    guard_value(ptr::null(), || {
        // SAFETY: the caller guarantees a live report or NULL, used by this thread only (the
        // `OnceCell` inside is not shared).
        let r = unsafe { args::handle(report, "report") }?;
        let json = r.json.get_or_init(|| CText::new(&r.report.to_json()));
        if let Ok(len) = Out::new(len, "len") {
            // SAFETY: `len` is non-NULL, and the caller guarantees it is valid for one `u64`.
            unsafe { len.write(json.len()) };
        }
        Ok(json.ptr())
    })
}

/// The sign-off level of a report (分级审核: who must sign before publication): a
/// `zs_sign_off_level` value, or -1 when `report` is NULL. It changes no verdict.
///
/// # Safety
/// `report` must be NULL or a live report.
#[no_mangle]
pub unsafe extern "C" fn zs_report_sign_off_level(report: *const zs_report) -> i32 {
    guard_value(-1, || {
        // SAFETY: the caller guarantees a live report or NULL.
        let r = unsafe { args::handle(report, "report") }?;
        Ok(c_sign_off_level(r.report.sign_off.level) as i32)
    })
}

/// The number of reasons for the sign-off level (0 when `report` is NULL, and for a standard
/// level).
///
/// # Safety
/// `report` must be NULL or a live report.
#[no_mangle]
pub unsafe extern "C" fn zs_report_sign_off_count(report: *const zs_report) -> u64 {
    guard_value(0, || {
        // SAFETY: the caller guarantees a live report or NULL.
        let r = unsafe { args::handle(report, "report") }?;
        Ok(r.reasons.len() as u64)
    })
}

/// Fills `*out` with sign-off reason `index` (0-based, below `zs_report_sign_off_count`). The
/// strings it points to belong to the report.
///
/// Returns `ZS_OK`, `ZS_ERR_NULL`, or `ZS_ERR_RANGE`; `*out` is written only on `ZS_OK`.
///
/// # Safety
/// `report` must be NULL or a live report; `out` must be NULL or valid for writing one
/// `zs_sign_off_reason`.
#[no_mangle]
pub unsafe extern "C" fn zs_report_sign_off_reason(
    report: *const zs_report,
    index: u64,
    out: *mut zs_sign_off_reason,
) -> zs_status {
    guard(|| {
        // SAFETY: the caller guarantees a live report or NULL.
        let r = unsafe { args::handle(report, "report") }?;
        let out = Out::new(out, "out")?;
        let n = r.reasons.len();
        let value = usize::try_from(index)
            .ok()
            .and_then(|i| r.sign_off_reason(i))
            .ok_or_else(|| {
                Failure::new(
                    ZS_ERR_RANGE,
                    format!("sign-off reason index {index} is out of range: the report has {n}"),
                )
            })?;
        // SAFETY: the caller guarantees `out` is valid for writing one `zs_sign_off_reason`.
        unsafe { out.write(value) };
        Ok(())
    })
}

/// Frees a report and every string it handed out. NULL is ignored.
///
/// # Safety
/// `report` must be NULL or a report from this library that has not been freed.
#[no_mangle]
pub unsafe extern "C" fn zs_report_free(report: *mut zs_report) {
    guard_value((), || {
        // SAFETY: the caller guarantees a live report or NULL, used by no other thread.
        unsafe { args::free_handle(report) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn name(p: *const c_char) -> &'static str {
        assert!(!p.is_null());
        // SAFETY: the name tables are static NUL-terminated strings.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    #[test]
    fn c_values_and_names_follow_the_core() {
        for (i, c) in Category::ALL.into_iter().enumerate() {
            assert_eq!(c_category(c) as usize, i, "{c}");
            assert_eq!(name(zs_category_name(i as i32)), c.as_str());
        }
        for (i, g) in GATES.into_iter().enumerate() {
            assert_eq!(name(zs_gate_name(i as i32)), g.as_str());
        }
        for (i, s) in Severity::ALL.into_iter().enumerate() {
            assert_eq!(name(zs_severity_name(i as i32)), s.as_str());
        }
        for (i, v) in Verdict::ALL.into_iter().enumerate() {
            assert_eq!(name(zs_verdict_name(i as i32)), v.as_str());
        }
        assert!(zs_category_name(-1).is_null());
        assert!(zs_category_name(17).is_null());
        for (i, l) in SignOffLevel::ALL.into_iter().enumerate() {
            assert_eq!(name(zs_sign_off_level_name(i as i32)), l.as_str());
        }
        assert!(zs_sign_off_level_name(3).is_null());
        assert!(zs_gate_name(5).is_null());
        assert!(zs_severity_name(4).is_null());
        assert!(zs_verdict_name(i32::MIN).is_null());
    }

    #[test]
    fn sign_off_through_the_c_abi() {
        let s = zhscreen::Screener::new().unwrap();
        let text = "😀某镇发生山体滑坡，造成2人死亡。";
        let r = zs_report::new(text, s.scan(text));
        // SAFETY: a live report, and valid out-parameters.
        unsafe {
            assert_eq!(
                zs_report_sign_off_level(&r),
                zs_sign_off_level::ZS_SIGN_OFF_MAJOR as i32
            );
            assert_eq!(zs_report_sign_off_count(&r), 1);
            let mut out = std::mem::MaybeUninit::<zs_sign_off_reason>::uninit();
            assert_eq!(
                zs_report_sign_off_reason(&r, 0, out.as_mut_ptr()),
                crate::error::zs_status::ZS_OK
            );
            let reason = out.assume_init();
            let start = text.find("死亡").unwrap();
            assert_eq!(reason.start as usize, start);
            assert_eq!(
                reason.utf16_start as usize,
                text[..start].encode_utf16().count()
            );
            let t = std::slice::from_raw_parts(reason.text as *const u8, reason.text_len as usize);
            assert_eq!(t, "死亡".as_bytes());
            assert_eq!(
                zs_report_sign_off_reason(&r, 1, out.as_mut_ptr()),
                crate::error::zs_status::ZS_ERR_RANGE
            );
            assert_eq!(zs_report_sign_off_level(ptr::null()), -1);
        }
    }

    #[test]
    fn utf16_offsets_count_astral_chars_twice() {
        let text = "😀a𠀀b";
        let idx = Utf16Index::new(text, true);
        for (byte, ch) in text.char_indices().map(|(b, _)| b).zip(0..) {
            let expect = text[..byte].encode_utf16().count() as u64;
            assert_eq!(idx.offset(byte, ch), expect, "at byte {byte}");
        }
        assert_eq!(
            idx.offset(text.len(), 4),
            text.encode_utf16().count() as u64
        );
    }
}
