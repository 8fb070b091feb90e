//! The native module `zhscreen._zhscreen`, wrapped by the Python package `zhscreen`.
//!
//! A thin layer over the core crate: it converts arguments and results, maps errors to Python
//! exceptions and releases the GIL around every piece of work done in Rust. It holds no screening
//! logic.
//!
//! - Offsets: a finding's `start`/`end` are Python string indices (code points, the core's
//!   `char_start`/`char_end`); `byte_start`/`byte_end` are the core's UTF-8 byte offsets.
//!   `Report.to_json()` is exactly the core's JSON (the contract of `docs/contract.md`).
//! - Threads: the GIL is released while scanning, building and redacting; a `Screener` is
//!   immutable and shared by any number of threads.
//! - Pickling: a `Screener` pickles as the arguments it was built from plus its ruleset
//!   fingerprint, and is rebuilt on the other side (multiprocessing, Spark); a rebuild that
//!   compiles different rules (a wordlist file changed or is missing there) fails loudly.
//! - Language: `lang="zh"` (the default) or `"en"` chooses the language of the notes;
//!   `with_lang()` gives the same compiled rules in another language. Nothing but `note` changes.

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString, PyTuple};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use zhscreen::{Category, Gate, Lang, Severity, Source, Verdict};

create_exception!(
    zhscreen,
    WordlistError,
    PyValueError,
    "A wordlist is malformed; nothing of it was loaded.\n\n\
     Attributes: `file` (the path, or the name of an in-memory list), `line` (1-based) and \
     `message` (what was wrong and what was expected)."
);

/// `lang=`: `"zh"` or `"en"`, else a ValueError naming what was given.
fn parse_lang(lang: &str) -> PyResult<Lang> {
    lang.parse::<Lang>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The name that `extra=` text carries in errors and rule origins.
const EXTRA_NAME: &str = "<extra>";

/// Maps the core's error to the Python exception a caller expects.
fn to_py_err(py: Python<'_>, err: zhscreen::Error) -> PyErr {
    match err {
        zhscreen::Error::Wordlist {
            file,
            line,
            message,
        } => {
            let exc = WordlistError::new_err(format!("{file}:{line}: {message}"));
            let value = exc.value(py);
            let set = value
                .setattr("file", file)
                .and_then(|()| value.setattr("line", line))
                .and_then(|()| value.setattr("message", message));
            match set {
                Ok(()) => exc,
                Err(e) => e,
            }
        }
        zhscreen::Error::Io { path, source } => {
            let filename = path.display().to_string();
            match errno_of(&source) {
                // OSError(errno, strerror, filename) picks the subclass: FileNotFoundError...
                Some(errno) => {
                    let text = source.to_string();
                    let suffix = format!(" (os error {errno})");
                    let strerror = text.strip_suffix(suffix.as_str()).unwrap_or(&text);
                    PyOSError::new_err((errno, strerror.to_string(), filename))
                }
                None => PyOSError::new_err(format!("{filename}: {source}")),
            }
        }
        zhscreen::Error::Build(message) => {
            PyValueError::new_err(format!("cannot build the ruleset: {message}"))
        }
    }
}

/// The errno for an I/O error, so that Python raises the usual `OSError` subclass.
fn errno_of(e: &std::io::Error) -> Option<i32> {
    use std::io::ErrorKind;
    e.raw_os_error().or(match e.kind() {
        ErrorKind::NotFound => Some(2),          // ENOENT
        ErrorKind::PermissionDenied => Some(13), // EACCES
        ErrorKind::NotADirectory => Some(20),    // ENOTDIR
        ErrorKind::IsADirectory => Some(21),     // EISDIR
        _ => None,
    })
}

/// Python's `repr` of a string, for `__repr__` output that reads like Python.
fn py_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_cow()?.into_owned())
}

fn opt_repr(py: Python<'_>, s: Option<&str>) -> PyResult<String> {
    match s {
        Some(s) => py_repr(py, s),
        None => Ok("None".to_string()),
    }
}

/// Screens Chinese text before it is published: prohibited content, secrets, personal data,
/// advertising, wording and typos.
#[pyclass(frozen, module = "zhscreen")]
struct Screener {
    inner: zhscreen::Screener,
}

#[pymethods]
impl Screener {
    #[new]
    #[pyo3(signature = (wordlists = None, extra = None, defaults = true, *, lang = "zh", names = "warn", names_relief = false, typo = true, typo_threshold = None, wording = None))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        py: Python<'_>,
        wordlists: Option<Vec<PathBuf>>,
        extra: Option<&Bound<'_, PyAny>>,
        defaults: bool,
        lang: &str,
        names: &str,
        names_relief: bool,
        typo: bool,
        typo_threshold: Option<f64>,
        wording: Option<Vec<PathBuf>>,
    ) -> PyResult<Self> {
        let lang = parse_lang(lang)?;
        let extra = match extra {
            Some(e) if !e.is_none() => extra_texts(e)?,
            _ => Vec::new(),
        };
        let policy = names_policy(names, names_relief)?;
        let typo = typo_setting(typo, typo_threshold)?;
        Screener::build(
            py,
            wordlists.unwrap_or_default(),
            extra,
            defaults,
            lang,
            policy,
            typo,
            wording.unwrap_or_default(),
        )
    }

    /// The same compiled rules writing notes in `lang` (`"zh"` or `"en"`); nothing is rebuilt,
    /// so it is cheap enough to call per request.
    fn with_lang(&self, lang: &str) -> PyResult<Screener> {
        Ok(Screener {
            inner: self.inner.with_lang(parse_lang(lang)?),
        })
    }

    /// The language of the notes: `"zh"` or `"en"`.
    #[getter]
    fn lang(&self) -> &'static str {
        self.inner.lang().as_str()
    }

    /// Screens one text. The GIL is released while it runs.
    fn scan(&self, py: Python<'_>, text: PyBackedStr) -> Report {
        let report = py.detach(|| self.inner.scan(&text));
        Report { inner: report }
    }

    /// Screens many texts with the GIL released for the whole batch.
    fn scan_many(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<Report>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "scan_many() takes an iterable of str, not one str (use scan() for one text)",
            ));
        }
        let mut owned: Vec<PyBackedStr> = Vec::new();
        for (i, item) in texts.try_iter()?.enumerate() {
            let item = item?;
            let text = item.extract::<PyBackedStr>().map_err(|e| {
                if item.is_instance_of::<PyString>() {
                    // A str without a UTF-8 form (a lone surrogate): the UnicodeEncodeError
                    // itself, as scan() raises it.
                    return e;
                }
                let kind = item
                    .get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_else(|_| "?".to_string());
                PyTypeError::new_err(format!("scan_many(): item {i} is {kind}, not str"))
            })?;
            owned.push(text);
        }
        let reports: Vec<zhscreen::Report> =
            py.detach(|| owned.iter().map(|t| self.inner.scan(t)).collect());
        Ok(reports.into_iter().map(|inner| Report { inner }).collect())
    }

    /// De-identifies `text`: masks personal data, classification marks and prohibited content.
    fn redact(&self, py: Python<'_>, text: PyBackedStr) -> String {
        py.detach(|| self.inner.redact(&text).text)
    }

    /// Applies the suggested wording of `expression` and `typo` findings.
    fn fix(&self, py: Python<'_>, text: PyBackedStr) -> String {
        py.detach(|| self.inner.fix(&text).text)
    }

    /// Loads the segmenter's dictionary now rather than at the first scan that needs it.
    fn warm_up(&self, py: Python<'_>) {
        py.detach(|| self.inner.warm_up());
    }

    /// The version and fingerprint of the compiled rules.
    #[getter]
    fn ruleset(&self) -> RulesetInfo {
        RulesetInfo {
            inner: self.inner.ruleset().clone(),
        }
    }

    /// Whether the default lists are included.
    #[getter]
    fn defaults(&self) -> bool {
        self.inner.config().defaults
    }

    /// The names policy: `"warn"` (names of protected people at warn) or `"protect"` (at review).
    #[getter]
    fn names(&self) -> &'static str {
        if self.inner.config().names.protect {
            "protect"
        } else {
            "warn"
        }
    }

    /// Whether names of relief recipients (救助对象...) are read too.
    #[getter]
    fn names_relief(&self) -> bool {
        self.inner.config().names.relief_recipients
    }

    /// The statistical typo detector's threshold (a power of ten), or None when it does not run
    /// (`typo=False`, or no default lists).
    #[getter]
    fn typo_threshold(&self) -> Option<f64> {
        self.inner.typo_threshold().map(|t| t.log10_ratio())
    }

    /// The wordlist files and directories, as absolute paths.
    #[getter]
    fn wordlists(&self) -> Vec<std::ffi::OsString> {
        let (paths, _) = self.config_args();
        paths.into_iter().map(PathBuf::into_os_string).collect()
    }

    /// The wording checker's formulations files given as `wording=`, as absolute paths.
    #[getter]
    fn wording(&self) -> Vec<std::ffi::OsString> {
        self.wording_paths()
            .into_iter()
            .map(PathBuf::into_os_string)
            .collect()
    }

    /// The in-memory wordlists given as `extra`: the text itself, a dict of names to texts, or None.
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let (_, extra) = self.config_args();
        match extra.as_slice() {
            [] => Ok(None),
            [(name, text)] if name == EXTRA_NAME => Ok(Some(PyString::new(py, text).into_any())),
            _ => {
                let d = PyDict::new(py);
                for (name, text) in &extra {
                    d.set_item(name, text)?;
                }
                Ok(Some(d.into_any()))
            }
        }
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let (wordlists, extra) = self.config_args();
        let rebuild = py
            .import("zhscreen._zhscreen")?
            .getattr("_rebuild_screener")?;
        let names = self.inner.config().names;
        let args = (
            wordlists,
            extra,
            self.inner.config().defaults,
            self.inner.ruleset().fingerprint.clone(),
            self.inner.lang().as_str(),
            names.protect,
            names.relief_recipients,
            self.inner.config().typo.map(|t| t.log10_ratio()),
            self.wording_paths(),
        )
            .into_pyobject(py)?;
        Ok((rebuild, args))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let (wordlists, extra) = self.config_args();
        let mut paths = Vec::with_capacity(wordlists.len());
        for p in &wordlists {
            paths.push(py_repr(py, &p.display().to_string())?);
        }
        let chars: usize = extra.iter().map(|(_, t)| t.chars().count()).sum();
        let info = self.inner.ruleset();
        Ok(format!(
            "Screener(wordlists=[{}], extra={}, defaults={}, lang='{}', names={:?}, names_relief={}, ruleset={}/{})",
            paths.join(", "),
            if extra.is_empty() {
                "None".to_string()
            } else {
                format!("<{} list(s), {chars} chars>", extra.len())
            },
            if self.inner.config().defaults {
                "True"
            } else {
                "False"
            },
            self.inner.lang(),
            self.names(),
            if self.names_relief() { "True" } else { "False" },
            info.version,
            &info.fingerprint[..info.fingerprint.len().min(12)],
        ))
    }
}

impl Screener {
    #[allow(clippy::too_many_arguments)]
    fn build(
        py: Python<'_>,
        wordlists: Vec<PathBuf>,
        extra: Vec<(String, String)>,
        defaults: bool,
        lang: Lang,
        names: zhscreen::NamesPolicy,
        typo: Option<zhscreen::TypoThreshold>,
        wording: Vec<PathBuf>,
    ) -> PyResult<Self> {
        let mut builder = zhscreen::Screener::builder()
            .defaults(defaults)
            .lang(lang)
            .names(names)
            .typo(typo.is_some());
        if let Some(t) = typo {
            builder = builder.typo_threshold(t);
        }
        for path in wordlists {
            if path.as_os_str().is_empty() {
                return Err(PyValueError::new_err("a wordlist path is empty"));
            }
            // Absolute, so that a pickled screener rebuilds from the same files whatever the
            // working directory of the process that unpickles it.
            let path = std::path::absolute(&path).unwrap_or(path);
            builder = builder.wordlist_path(path);
        }
        for (name, text) in extra {
            builder = builder.wordlist_text(name, text);
        }
        for path in wording {
            if path.as_os_str().is_empty() {
                return Err(PyValueError::new_err("a wording file path is empty"));
            }
            // Absolute, as the wordlists: a pickle rebuilds from the same file.
            let path = std::path::absolute(&path).unwrap_or(path);
            builder = builder.wording_file(path);
        }
        let inner = py
            .detach(|| builder.build())
            .map_err(|e| to_py_err(py, e))?;
        Ok(Screener { inner })
    }

    /// The `wording=` files, read back from the core's config.
    fn wording_paths(&self) -> Vec<PathBuf> {
        self.inner
            .config()
            .wording_sources
            .iter()
            .filter_map(|s| match s {
                Source::File(p) | Source::Dir(p) => Some(p.clone()),
                Source::Text { .. } => None,
            })
            .collect()
    }

    /// The constructor arguments that rebuild this screener, read back from the core's config:
    /// the wordlist paths, and the in-memory lists as (name, text).
    fn config_args(&self) -> (Vec<PathBuf>, Vec<(String, String)>) {
        let mut wordlists = Vec::new();
        let mut extra = Vec::new();
        for source in &self.inner.config().sources {
            match source {
                Source::File(p) | Source::Dir(p) => wordlists.push(p.clone()),
                Source::Text { name, text } => extra.push((name.clone(), text.clone())),
            }
        }
        (wordlists, extra)
    }
}

/// `names=` and `names_relief=`: the names policy.
fn names_policy(names: &str, relief: bool) -> PyResult<zhscreen::NamesPolicy> {
    let policy: zhscreen::NamesPolicy = names
        .parse()
        .map_err(|e: String| PyValueError::new_err(format!("names={names:?}: {e}")))?;
    Ok(policy.with_relief_recipients(relief))
}

/// `typo=` and `typo_threshold=`: the typo detector's threshold, `None` when it is off.
fn typo_setting(on: bool, threshold: Option<f64>) -> PyResult<Option<zhscreen::TypoThreshold>> {
    if !on {
        return Ok(None);
    }
    match threshold {
        None => Ok(Some(zhscreen::TypoThreshold::DEFAULT)),
        Some(t) => zhscreen::TypoThreshold::new(t).map(Some).ok_or_else(|| {
            PyValueError::new_err(format!(
                "typo_threshold={t}: expected a number from 0 to 60"
            ))
        }),
    }
}

/// `extra=`: one wordlist text (named `<extra>` in errors), or a mapping of names to texts.
fn extra_texts(extra: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    if let Ok(text) = extra.extract::<String>() {
        return Ok(vec![(EXTRA_NAME.to_string(), text)]);
    }
    let wrong = || {
        PyTypeError::new_err(
            "extra= takes a wordlist text (str) or a mapping of names to wordlist texts",
        )
    };
    let items = extra.call_method0("items").map_err(|_| wrong())?;
    let mut out = Vec::new();
    for item in items.try_iter()? {
        out.push(item?.extract::<(String, String)>().map_err(|_| wrong())?);
    }
    Ok(out)
}

/// Rebuilds a pickled screener and checks it compiled the same rules. `lang` is absent from
/// pickles made before the language option: those were English.
#[pyfunction]
#[pyo3(signature = (wordlists, extra, defaults, fingerprint, lang = "en", names_protect = false, names_relief = false, typo = Some(5.0), wording = Vec::new()))]
#[allow(clippy::too_many_arguments)]
fn _rebuild_screener(
    py: Python<'_>,
    wordlists: Vec<PathBuf>,
    extra: Vec<(String, String)>,
    defaults: bool,
    fingerprint: String,
    lang: &str,
    names_protect: bool,
    names_relief: bool,
    typo: Option<f64>,
    wording: Vec<PathBuf>,
) -> PyResult<Screener> {
    let names = zhscreen::NamesPolicy {
        protect: names_protect,
        relief_recipients: names_relief,
    };
    let typo = typo_setting(typo.is_some(), typo)?;
    let screener = Screener::build(
        py,
        wordlists,
        extra,
        defaults,
        parse_lang(lang)?,
        names,
        typo,
        wording,
    )?;
    let got = &screener.inner.ruleset().fingerprint;
    if *got != fingerprint {
        return Err(PyValueError::new_err(format!(
            "the unpickled screener compiled different rules (fingerprint {got}, pickled \
             {fingerprint}): its wordlist files differ here, or zhscreen is another version; \
             pass the lists as `extra=` texts to ship them inside the pickle"
        )));
    }
    Ok(screener)
}

/// The rules that produced a report: zhscreen's version and the fingerprint of the compiled
/// rules, for the audit record.
#[pyclass(frozen, eq, hash, module = "zhscreen")]
#[derive(PartialEq, Eq, Hash)]
struct RulesetInfo {
    inner: zhscreen::RulesetInfo,
}

#[pymethods]
impl RulesetInfo {
    /// The zhscreen version that compiled the rules.
    #[getter]
    fn version(&self) -> &str {
        &self.inner.version
    }

    /// A stable hash of the compiled rules.
    #[getter]
    fn fingerprint(&self) -> &str {
        &self.inner.fingerprint
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("version", &self.inner.version)?;
        d.set_item("fingerprint", &self.inner.fingerprint)?;
        Ok(d)
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let f = py.import("zhscreen._zhscreen")?.getattr("_ruleset_info")?;
        let args =
            (self.inner.version.clone(), self.inner.fingerprint.clone()).into_pyobject(py)?;
        Ok((f, args))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "RulesetInfo(version={}, fingerprint={})",
            py_repr(py, &self.inner.version)?,
            py_repr(py, &self.inner.fingerprint)?
        ))
    }
}

#[pyfunction]
fn _ruleset_info(version: String, fingerprint: String) -> RulesetInfo {
    RulesetInfo {
        inner: zhscreen::RulesetInfo {
            version,
            fingerprint,
        },
    }
}

/// Whether two findings say the same thing (every field of the JSON contract).
fn same_finding(a: &zhscreen::Finding, b: &zhscreen::Finding) -> bool {
    a.category == b.category
        && a.gate == b.gate
        && a.severity == b.severity
        && a.rule == b.rule
        && a.start == b.start
        && a.end == b.end
        && a.char_start == b.char_start
        && a.char_end == b.char_end
        && a.text == b.text
        && a.suggestion == b.suggestion
        && a.note == b.note
}

/// Where a finding or a sign-off reason sits, in the names Python uses: `start`/`end` index the
/// scanned Python string (code points: the core's char offsets), `byte_start`/`byte_end` are
/// offsets in its UTF-8 encoding, `text` is exactly the span.
struct Span<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
}

impl<'a> Span<'a> {
    /// Sets the span's five keys of a `to_dict` result.
    fn set_items(&self, d: &Bound<'_, PyDict>) -> PyResult<()> {
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("byte_start", self.byte_start)?;
        d.set_item("byte_end", self.byte_end)?;
        d.set_item("text", self.text)
    }
}

impl<'a> From<&'a zhscreen::Finding> for Span<'a> {
    fn from(f: &'a zhscreen::Finding) -> Self {
        Span {
            start: f.char_start,
            end: f.char_end,
            byte_start: f.start,
            byte_end: f.end,
            text: &f.text,
        }
    }
}

impl<'a> From<&'a zhscreen::SignOffReason> for Span<'a> {
    fn from(r: &'a zhscreen::SignOffReason) -> Self {
        Span {
            start: r.char_start,
            end: r.char_end,
            byte_start: r.start,
            byte_end: r.end,
            text: &r.text,
        }
    }
}

/// One thing a reviewer should look at. `start`/`end` index the Python string that was scanned
/// (`text[f.start:f.end] == f.text`); `byte_start`/`byte_end` are offsets in its UTF-8 encoding.
#[pyclass(frozen, module = "zhscreen")]
struct Finding {
    inner: zhscreen::Finding,
}

impl PartialEq for Finding {
    fn eq(&self, other: &Self) -> bool {
        same_finding(&self.inner, &other.inner)
    }
}

impl Hash for Finding {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let f = &self.inner;
        (f.category, f.severity, &f.rule, f.start, f.end, &f.text).hash(state);
    }
}

impl Finding {
    fn span(&self) -> Span<'_> {
        Span::from(&self.inner)
    }
}

#[pymethods]
impl Finding {
    /// The category id, e.g. `personal_info`.
    #[getter]
    fn category(&self) -> &'static str {
        self.inner.category.as_str()
    }

    /// The review gate: politics, law, policy, secrecy or text.
    #[getter]
    fn gate(&self) -> &'static str {
        self.inner.gate.as_str()
    }

    /// info, warn, review or block (after context).
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }

    /// The rule that fired, e.g. `drugs/海洛因` or `personal_info/cn_resident_id`.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }

    /// Index of the first character in the scanned Python string.
    #[getter]
    fn start(&self) -> usize {
        self.span().start
    }

    /// Index one past the last character in the scanned Python string.
    #[getter]
    fn end(&self) -> usize {
        self.span().end
    }

    /// UTF-8 byte offset of the first byte.
    #[getter]
    fn byte_start(&self) -> usize {
        self.span().byte_start
    }

    /// UTF-8 byte offset one past the last byte.
    #[getter]
    fn byte_end(&self) -> usize {
        self.span().byte_end
    }

    /// Exactly the span of the scanned text, noise characters included.
    #[getter]
    fn text(&self) -> &str {
        self.span().text
    }

    /// The recommended wording, where there is one.
    #[getter]
    fn suggestion(&self) -> Option<&str> {
        self.inner.suggestion.as_deref()
    }

    /// Why, or what was checked.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// The finding as a dict with the same keys as the attributes.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let f = &self.inner;
        let d = PyDict::new(py);
        d.set_item("category", f.category.as_str())?;
        d.set_item("gate", f.gate.as_str())?;
        d.set_item("severity", f.severity.as_str())?;
        d.set_item("rule", &f.rule)?;
        self.span().set_items(&d)?;
        d.set_item("suggestion", f.suggestion.as_deref())?;
        d.set_item("note", f.note.as_deref())?;
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Finding>()
            .is_ok_and(|o| same_finding(&self.inner, &o.get().inner))
    }

    fn __hash__(&self) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut h);
        h.finish()
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let f = py
            .import("zhscreen._zhscreen")?
            .getattr("_finding_from_json")?;
        let json = serde_json::to_string(&self.inner)
            .map_err(|e| PyValueError::new_err(format!("cannot serialise the finding: {e}")))?;
        Ok((f, (json,).into_pyobject(py)?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let (f, span) = (&self.inner, self.span());
        let mut s = format!(
            "Finding(category={}, severity={}, rule={}, start={}, end={}, text={}",
            py_repr(py, f.category.as_str())?,
            py_repr(py, f.severity.as_str())?,
            py_repr(py, &f.rule)?,
            span.start,
            span.end,
            py_repr(py, span.text)?,
        );
        if f.suggestion.is_some() {
            s.push_str(&format!(
                ", suggestion={}",
                opt_repr(py, f.suggestion.as_deref())?
            ));
        }
        s.push(')');
        Ok(s)
    }
}

#[pyfunction]
fn _finding_from_json(json: &str) -> PyResult<Finding> {
    let inner: zhscreen::Finding = serde_json::from_str(json)
        .map_err(|e| PyValueError::new_err(format!("not a zhscreen finding: {e}")))?;
    Ok(Finding { inner })
}

/// One routing word that raised a text's sign-off level. `start`/`end` index the Python string
/// that was scanned; `byte_start`/`byte_end` are offsets in its UTF-8 encoding.
#[pyclass(frozen, module = "zhscreen")]
struct SignOffReason {
    inner: zhscreen::SignOffReason,
}

impl SignOffReason {
    fn span(&self) -> Span<'_> {
        Span::from(&self.inner)
    }

    fn dict<'py>(r: &zhscreen::SignOffReason, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("level", r.level.as_str())?;
        d.set_item("rule", &r.rule)?;
        Span::from(r).set_items(&d)?;
        d.set_item("note", &r.note)?;
        Ok(d)
    }
}

#[pymethods]
impl SignOffReason {
    /// important or major: the level this word asks for.
    #[getter]
    fn level(&self) -> &'static str {
        self.inner.level.as_str()
    }
    /// `sign_off/WORD`.
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }
    /// Index of the first character in the scanned string.
    #[getter]
    fn start(&self) -> usize {
        self.span().start
    }
    /// Index one past the last character.
    #[getter]
    fn end(&self) -> usize {
        self.span().end
    }
    /// UTF-8 byte offset of the first byte (as in the report JSON).
    #[getter]
    fn byte_start(&self) -> usize {
        self.span().byte_start
    }
    /// UTF-8 byte offset one past the last byte.
    #[getter]
    fn byte_end(&self) -> usize {
        self.span().byte_end
    }
    /// Exactly `text[start:end]`.
    #[getter]
    fn text(&self) -> &str {
        self.span().text
    }
    /// Who must sign, and the rule that says so.
    #[getter]
    fn note(&self) -> &str {
        &self.inner.note
    }
    /// The reason as a dict (`start`/`end` are string indices).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        SignOffReason::dict(&self.inner, py)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<SignOffReason>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let span = self.span();
        Ok(format!(
            "SignOffReason(level={}, rule={}, start={}, end={}, text={})",
            py_repr(py, self.inner.level.as_str())?,
            py_repr(py, &self.inner.rule)?,
            span.start,
            span.end,
            py_repr(py, span.text)?
        ))
    }
}

/// Who must sign a text before it is published (分级审核), and why. It changes no verdict.
#[pyclass(frozen, module = "zhscreen")]
struct SignOff {
    inner: zhscreen::SignOff,
}

#[pymethods]
impl SignOff {
    /// standard, important or major.
    #[getter]
    fn level(&self) -> &'static str {
        self.inner.level.as_str()
    }
    /// The routing words found (first occurrence of each), in text order.
    #[getter]
    fn reasons(&self) -> Vec<SignOffReason> {
        self.inner
            .reasons
            .iter()
            .map(|r| SignOffReason { inner: r.clone() })
            .collect()
    }
    /// Who signs at this level, in Chinese (`lang="zh"`) or English (`lang="en"`).
    #[pyo3(signature = (lang = "zh"))]
    fn signer(&self, lang: &str) -> PyResult<String> {
        let lang: zhscreen::Lang = lang
            .parse()
            .map_err(|e: zhscreen::messages::UnknownLang| PyValueError::new_err(e.to_string()))?;
        Ok(self.inner.signer(lang))
    }
    /// The sign-off as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("level", self.inner.level.as_str())?;
        let mut reasons = Vec::with_capacity(self.inner.reasons.len());
        for r in &self.inner.reasons {
            reasons.push(SignOffReason::dict(r, py)?);
        }
        d.set_item("reasons", reasons)?;
        Ok(d)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<SignOff>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut reasons = Vec::with_capacity(self.inner.reasons.len());
        for r in self.reasons() {
            reasons.push(r.__repr__(py)?);
        }
        Ok(format!(
            "SignOff(level={}, reasons=[{}])",
            py_repr(py, self.inner.level.as_str())?,
            reasons.join(", ")
        ))
    }
}

/// The result of screening one text.
#[pyclass(frozen, module = "zhscreen")]
struct Report {
    inner: zhscreen::Report,
}

impl Report {
    fn same(&self, other: &Report) -> bool {
        let (a, b) = (&self.inner, &other.inner);
        a.verdict == b.verdict
            && a.ruleset == b.ruleset
            && a.sign_off == b.sign_off
            && a.findings.len() == b.findings.len()
            && a.findings
                .iter()
                .zip(&b.findings)
                .all(|(x, y)| same_finding(x, y))
    }
}

#[pymethods]
impl Report {
    /// Parses a report in the JSON contract (what `to_json()` returns, or the CLI prints).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Report> {
        let inner: zhscreen::Report = serde_json::from_str(json)
            .map_err(|e| PyValueError::new_err(format!("not a zhscreen report: {e}")))?;
        Ok(Report { inner })
    }

    /// pass, warn, review or block: the highest severity found (`info` leaves it at pass).
    #[getter]
    fn verdict(&self) -> &'static str {
        self.inner.verdict.as_str()
    }

    /// The findings, ordered by position.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.inner
            .findings
            .iter()
            .map(|f| Finding { inner: f.clone() })
            .collect()
    }

    /// The rules that produced this report.
    #[getter]
    fn ruleset(&self) -> RulesetInfo {
        RulesetInfo {
            inner: self.inner.ruleset.clone(),
        }
    }

    /// Who must sign the text before it is published, and why (changes no verdict).
    #[getter]
    fn sign_off(&self) -> SignOff {
        SignOff {
            inner: self.inner.sign_off.clone(),
        }
    }

    /// The report as compact JSON: exactly the core's output (byte offsets in `start`/`end`,
    /// code points in `char_start`/`char_end`).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The report as a dict; findings use the attribute names (`start`/`end` are string indices).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("verdict", self.inner.verdict.as_str())?;
        let mut findings = Vec::with_capacity(self.inner.findings.len());
        for f in &self.inner.findings {
            findings.push(Finding { inner: f.clone() }.to_dict(py)?);
        }
        d.set_item("findings", findings)?;
        d.set_item("ruleset", self.ruleset().to_dict(py)?)?;
        d.set_item("sign_off", self.sign_off().to_dict(py)?)?;
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Report>().is_ok_and(|o| self.same(o.get()))
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let f = py
            .import("zhscreen._zhscreen")?
            .getattr("Report")?
            .getattr("from_json")?;
        Ok((f, (self.inner.to_json(),).into_pyobject(py)?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut findings = Vec::with_capacity(self.inner.findings.len());
        for f in &self.inner.findings {
            findings.push(Finding { inner: f.clone() }.__repr__(py)?);
        }
        Ok(format!(
            "Report(verdict={}, findings=[{}], ruleset={})",
            py_repr(py, self.inner.verdict.as_str())?,
            findings.join(", "),
            self.ruleset().__repr__(py)?
        ))
    }
}

/// The public names of the module (its `__all__`).
const PUBLIC: [&str; 13] = [
    "CATEGORIES",
    "GATES",
    "SEVERITIES",
    "VERDICTS",
    "Finding",
    "Report",
    "RulesetInfo",
    "Screener",
    "SignOff",
    "SignOffReason",
    "SIGN_OFF_LEVELS",
    "WordlistError",
    "__version__",
];

#[pymodule]
fn _zhscreen(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Screener>()?;
    m.add_class::<Report>()?;
    m.add_class::<Finding>()?;
    m.add_class::<RulesetInfo>()?;
    m.add_class::<SignOff>()?;
    m.add_class::<SignOffReason>()?;
    m.add("WordlistError", py.get_type::<WordlistError>())?;
    m.add_function(wrap_pyfunction!(_rebuild_screener, m)?)?;
    m.add_function(wrap_pyfunction!(_finding_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(_ruleset_info, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let ids = |v: Vec<&'static str>| PyTuple::new(py, v);
    m.add(
        "CATEGORIES",
        ids(Category::ALL.iter().map(|c| c.as_str()).collect())?,
    )?;
    let mut gates: Vec<Gate> = Category::ALL.iter().map(|c| c.gate()).collect();
    gates.sort();
    gates.dedup();
    m.add("GATES", ids(gates.iter().map(|g| g.as_str()).collect())?)?;
    m.add(
        "SEVERITIES",
        ids(Severity::ALL.iter().map(|s| s.as_str()).collect())?,
    )?;
    m.add(
        "SIGN_OFF_LEVELS",
        ids(zhscreen::SignOffLevel::ALL
            .iter()
            .map(|l| l.as_str())
            .collect())?,
    )?;
    m.add(
        "VERDICTS",
        ids(Verdict::ALL.iter().map(|v| v.as_str()).collect())?,
    )?;
    // pyo3 lists every added name; the pickling helpers are not part of the API.
    m.setattr("__all__", PUBLIC)?;
    Ok(())
}
