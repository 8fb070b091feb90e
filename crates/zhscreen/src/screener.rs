//! The screener: builds a ruleset from the default and user lists, and scans text with it.

use crate::category::{Category, Severity};
use crate::defaults::DEFAULT_LISTS;
use crate::detect::{self, DetectText, Detection, Detector};
use crate::error::{Error, Result};
use crate::messages::Lang;
use crate::normalize::{self, Folded};
use crate::report::{Finding, Report, RulesetInfo};
use crate::ruleset::{CategorySet, Diagnostic, Rule, Ruleset, Use};
use crate::wordlist::{self, Wordlist};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Chars of context on each side of a hit that the word-boundary check segments (less where a
/// clause ends sooner). Bounded, so the cost per hit is constant however long the line.
const BOUNDARY_WINDOW_CHARS: usize = 24;

/// Screens text. Build it once (the default lists compile in a few milliseconds; the segmenter
/// dictionary loads on the first boundary check), then share it: it is immutable, `Send + Sync`,
/// and cheap to clone (an `Arc` inside).
///
/// ```
/// let screener = zhscreen::Screener::new()?;
/// let report = screener.scan("出售海洛因，同城送货。");
/// assert_eq!(report.verdict, zhscreen::Verdict::Block);
/// assert_eq!(report.findings[0].text, "海洛因");
/// # Ok::<(), zhscreen::Error>(())
/// ```
#[derive(Clone)]
pub struct Screener {
    inner: Arc<Inner>,
    /// The language of the notes; not part of `inner`, so [`Screener::with_lang`] shares the rules.
    lang: Lang,
}

struct Inner {
    rules: Ruleset,
    detectors: Vec<Box<dyn Detector>>,
    config: Config,
}

/// What a screener was built from, enough to build it again (bindings pickle it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Whether the default lists are included.
    pub defaults: bool,
    /// The user's sources, in order.
    pub sources: Vec<Source>,
}

/// Where a user wordlist comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// One file.
    File(PathBuf),
    /// Every `*.txt` file of a directory (and its subdirectories), in name order.
    Dir(PathBuf),
    /// A list held in memory; `name` stands for the file name in errors.
    Text {
        /// The name used in `name:line` errors and rule origins.
        name: String,
        /// The list itself.
        text: String,
    },
}

impl std::fmt::Debug for Screener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screener")
            .field("rules", &self.inner.rules.rules.len())
            .field("detectors", &self.inner.detectors.len())
            .field("ruleset", &self.inner.rules.info)
            .field("lang", &self.lang)
            .finish()
    }
}

/// Builds a [`Screener`]: the default lists (unless turned off) plus the user's lists, which add
/// entries, override entries of the same category and term, and add exceptions and
/// counter-context words.
///
/// ```
/// let screener = zhscreen::Screener::builder()
///     .wordlist_text("local.txt", "@category advertising\n本店特价 | severity=block\n")
///     .build()?;
/// let report = screener.scan("本店特价，欢迎选购");
/// assert_eq!(report.findings[0].rule, "advertising/本店特价");
/// # Ok::<(), zhscreen::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ScreenerBuilder {
    config: Config,
    lang: Lang,
}

impl Default for ScreenerBuilder {
    fn default() -> Self {
        ScreenerBuilder {
            config: Config {
                defaults: true,
                sources: Vec::new(),
            },
            lang: Lang::default(),
        }
    }
}

impl ScreenerBuilder {
    /// The language of the notes ([`Lang::Zh`] unless set). It changes no machine field and not
    /// the fingerprint; [`Screener::with_lang`] changes it on a built screener.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Whether to include the default lists (on unless turned off).
    pub fn defaults(mut self, on: bool) -> Self {
        self.config.defaults = on;
        self
    }

    /// Adds one wordlist file.
    pub fn wordlist_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.sources.push(Source::File(path.into()));
        self
    }

    /// Adds every `*.txt` file under a directory, in name order.
    pub fn wordlist_dir(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.sources.push(Source::Dir(path.into()));
        self
    }

    /// Adds a file or a directory, whichever `path` is.
    pub fn wordlist_path(self, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        if path.is_dir() {
            self.wordlist_dir(path)
        } else {
            self.wordlist_file(path)
        }
    }

    /// Adds a list held in memory; `name` stands for its file name in errors.
    pub fn wordlist_text(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.config.sources.push(Source::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Reads and compiles everything. A bad file fails the whole build with `file:line`.
    pub fn build(self) -> Result<Screener> {
        Ok(Screener::from_config(self.config)?.with_lang(self.lang))
    }
}

impl Screener {
    /// A screener with the default lists and detectors.
    pub fn new() -> Result<Screener> {
        ScreenerBuilder::default().build()
    }

    /// A builder, starting from the default lists.
    pub fn builder() -> ScreenerBuilder {
        ScreenerBuilder::default()
    }

    /// Builds a screener from a [`Config`] (what [`Screener::config`] returned), with notes in
    /// the default language (then [`Screener::with_lang`]).
    pub fn from_config(config: Config) -> Result<Screener> {
        let mut lists = Vec::new();
        if config.defaults {
            for (name, text) in DEFAULT_LISTS {
                lists.push(wordlist::parse(&format!("wordlists/{name}"), text)?);
            }
        }
        for source in &config.sources {
            load_source(source, &mut lists)?;
        }
        let detectors = detect::registry::default_detectors();
        let detector_ids: Vec<String> = detectors.iter().map(|d| format!("{d:?}")).collect();
        let ids: Vec<&str> = detector_ids.iter().map(String::as_str).collect();
        let rules = Ruleset::compile(&lists, &ids)?;
        Ok(Screener {
            inner: Arc::new(Inner {
                rules,
                detectors,
                config,
            }),
            lang: Lang::default(),
        })
    }

    /// The same screener (the same compiled rules, shared, nothing rebuilt) writing its notes in
    /// `lang`: cheap enough to call per request, e.g. with [`Lang::from_accept_language`].
    ///
    /// ```
    /// use zhscreen::{Lang, Screener};
    /// let zh = Screener::new()?;
    /// let en = zh.with_lang(Lang::En);
    /// let (a, b) = (zh.scan("手机13912345678"), en.scan("手机13912345678"));
    /// assert_eq!(a.findings[0].note.as_deref(), Some("手机号码（139号段），上下文“手机”，建议去标识化"));
    /// assert_eq!(b.findings[0].note.as_deref(), Some("mainland mobile number, allocated segment 139; context 手机"));
    /// assert_eq!((a.findings[0].rule.as_str(), a.ruleset.fingerprint.as_str()),
    ///            (b.findings[0].rule.as_str(), b.ruleset.fingerprint.as_str()));
    /// # Ok::<(), zhscreen::Error>(())
    /// ```
    pub fn with_lang(&self, lang: Lang) -> Screener {
        Screener {
            inner: Arc::clone(&self.inner),
            lang,
        }
    }

    /// The language of this screener's notes.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// What this screener was built from.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The version and fingerprint of the compiled rules.
    pub fn ruleset(&self) -> &RulesetInfo {
        &self.inner.rules.info
    }

    /// Notes about the lists (duplicates, overrides); see also [`crate::lint`].
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.inner.rules.diagnostics
    }

    /// Loads the segmenter's dictionary now (about 50 ms) instead of at the first scan that
    /// needs it. Useful before timing or in a server's start-up.
    pub fn warm_up(&self) {
        self.inner.rules.segmenter.warm();
    }

    /// Counts of entries per category, and of exceptions and counter-context words.
    pub fn stats(&self) -> Stats {
        let mut per_category: Vec<(Category, usize)> =
            Category::ALL.iter().map(|c| (*c, 0)).collect();
        for r in &self.inner.rules.rules {
            per_category[r.category as usize].1 += 1;
        }
        let counters = self
            .inner
            .rules
            .contexts
            .iter()
            .filter(|c| c.counter)
            .count();
        Stats {
            per_category,
            allows: self.inner.rules.contexts.len() - counters,
            counters,
            detectors: self.inner.detectors.len(),
            automaton_bytes: self.inner.rules.matcher.heap_bytes(),
        }
    }

    pub(crate) fn rules(&self) -> &Ruleset {
        &self.inner.rules
    }

    /// Screens `text`. Never fails: any string gives a report.
    pub fn scan(&self, text: &str) -> Report {
        let rules = &self.inner.rules;
        let folded = normalize::fold(text);
        let mut candidates = self.wordlist_hits(text, &folded);
        self.detector_hits(text, folded.has_wide_alnum(), &mut candidates);
        let findings = finish(text, candidates, rules);
        Report::new(findings, rules.info.clone())
    }

    /// Wordlist hits that survive verification, in original byte offsets.
    fn wordlist_hits(&self, text: &str, folded: &Folded) -> Vec<Candidate> {
        let rules = &self.inner.rules;
        let ft = folded.text();
        let mut terms: Vec<(usize, usize, u32)> = Vec::new();
        let mut allows: Vec<(usize, usize, CategorySet)> = Vec::new();
        let mut counters: Vec<(usize, CategorySet)> = Vec::new();
        rules.matcher.for_each(ft, |s, e, p| {
            for u in &rules.uses[p] {
                match *u {
                    // Rejected at once when glued to more ASCII (`vx` inside `qqvxweixin`), so
                    // that a text of such near-hits does not pile them up.
                    Use::Term(i) => {
                        if ascii_edges_ok(ft, s, e, &rules.rules[i as usize]) {
                            terms.push((s, e, i));
                        }
                    }
                    Use::Allow(c) => allows.push((s, e, c)),
                    Use::Counter(c) => counters.push((s, c)),
                }
            }
        });
        if terms.is_empty() {
            return Vec::new();
        }
        allows.sort_unstable_by_key(|a| a.0);
        counters.sort_unstable_by_key(|c| c.0);
        let mut sentence = SentenceCache::default();
        let mut out = Vec::with_capacity(terms.len());
        for (s, e, i) in terms {
            let rule = &rules.rules[i as usize];
            if is_allowed(&allows, rules.max_allow_len, s, e, rule.category) {
                continue;
            }
            let (os, oe) = folded.original_range(s, e);
            if !rule.noise && normalize::contains_noise(&text[os..oe]) {
                continue;
            }
            if rule.boundary && !is_whole_word(ft, s, e, rules) {
                continue;
            }
            let mut severity = rule.severity;
            let mut note = rule.note.clone();
            if severity > Severity::Review && rule.category.counterable() && !counters.is_empty() {
                let (ss, se) = sentence.around(ft, s, e);
                // Counter words sorted by start: only those inside the (bounded) sentence.
                let from = counters.partition_point(|c| c.0 < ss);
                if let Some(&(cs, _)) = counters[from..]
                    .iter()
                    .take_while(|c| c.0 < se)
                    .find(|(_, cats)| cats.contains(rule.category))
                {
                    let word = counter_word_at(ft, cs, rules);
                    severity = Severity::Review;
                    let m = self.lang.messages();
                    note = Some(m.counter_context(note.as_deref(), word));
                }
            }
            out.push(Candidate {
                start: os,
                end: oe,
                category: rule.category,
                severity,
                rule: CandidateRule::Wordlist(i),
                note,
                value_kind: None,
            });
        }
        out
    }

    fn detector_hits(&self, text: &str, wide: bool, out: &mut Vec<Candidate>) {
        if self.inner.detectors.is_empty() {
            return;
        }
        let view = if wide {
            normalize::width_fold(text)
        } else {
            None
        };
        let (view, map) = match view {
            Some((view, map)) => (
                DetectText {
                    text: view.into(),
                    lang: self.lang,
                },
                Some(map),
            ),
            None => (
                DetectText {
                    text: text.into(),
                    lang: self.lang,
                },
                None,
            ),
        };
        let mut found: Vec<Detection> = Vec::new();
        for d in &self.inner.detectors {
            d.detect(&view, &mut found);
        }
        for d in found {
            if d.start >= d.end || d.end > view.text.len() {
                continue;
            }
            let (start, end) = match &map {
                Some(m) => m.original_range(d.start, d.end),
                None => (d.start, d.end),
            };
            if !(text.is_char_boundary(start) && text.is_char_boundary(end)) {
                continue;
            }
            out.push(Candidate {
                start,
                end,
                category: d.category,
                severity: d.severity,
                rule: CandidateRule::Detector(d.rule),
                note: d.note,
                value_kind: Some(d.kind),
            });
        }
    }
}

/// Counts of what a screener holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Entries per category, in the order of [`Category::ALL`].
    pub per_category: Vec<(Category, usize)>,
    /// `allow:` exceptions.
    pub allows: usize,
    /// `counter:` words.
    pub counters: usize,
    /// Detectors.
    pub detectors: usize,
    /// Heap bytes of the automaton.
    pub automaton_bytes: usize,
}

#[derive(Debug)]
struct Candidate {
    start: usize,
    end: usize,
    category: Category,
    severity: Severity,
    rule: CandidateRule,
    note: Option<String>,
    value_kind: Option<detect::PiiKind>,
}

#[derive(Debug, Clone, Copy)]
enum CandidateRule {
    Wordlist(u32),
    Detector(&'static str),
}

fn load_source(source: &Source, lists: &mut Vec<Wordlist>) -> Result<()> {
    match source {
        Source::Text { name, text } => lists.push(wordlist::parse(name, text)?),
        Source::File(path) => lists.push(load_file(path)?),
        Source::Dir(dir) => {
            let mut files = Vec::new();
            collect_txt(dir, &mut files)?;
            if files.is_empty() {
                return Err(Error::Io {
                    path: dir.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no wordlist (*.txt) in this directory",
                    ),
                });
            }
            files.sort();
            for f in files {
                lists.push(load_file(&f)?);
            }
        }
    }
    Ok(())
}

fn collect_txt(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect_txt(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

fn load_file(path: &Path) -> Result<Wordlist> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path.display().to_string();
    match String::from_utf8(bytes) {
        Ok(text) => wordlist::parse(&name, &text),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::wordlist(
                &name,
                line,
                "not valid UTF-8 (save the list as UTF-8)",
            ))
        }
    }
}

/// Whether an allow-list hit of the rule's category overlaps `s..e`.
fn is_allowed(
    allows: &[(usize, usize, CategorySet)],
    max_len: usize,
    s: usize,
    e: usize,
    category: Category,
) -> bool {
    if allows.is_empty() {
        return false;
    }
    // Candidates start after s - max_len (else they end before s) and before e.
    let from = allows.partition_point(|a| a.0 + max_len <= s);
    allows[from..]
        .iter()
        .take_while(|a| a.0 < e)
        .any(|&(_, ae, cats)| ae > s && cats.contains(category))
}

/// An ASCII term must not be glued to more ASCII of its kind (`SB` is not in `isbn`).
fn ascii_edges_ok(ft: &str, s: usize, e: usize, rule: &Rule) -> bool {
    use crate::ruleset::AsciiKind;
    let same = |k: Option<AsciiKind>, c: Option<char>| k.is_some() && AsciiKind::of(c) == k;
    !(same(rule.ascii_head, ft[..s].chars().next_back())
        || same(rule.ascii_tail, ft[e..].chars().next()))
}

/// Whether the hit `s..e` of the folded text is one segmenter token within its clause.
fn is_whole_word(ft: &str, s: usize, e: usize, rules: &Ruleset) -> bool {
    let mut ws = s;
    for (n, (i, c)) in ft[..s].char_indices().rev().enumerate() {
        if n == BOUNDARY_WINDOW_CHARS || normalize::is_clause_break(c) {
            break;
        }
        ws = i;
    }
    let mut we = e;
    for (n, c) in ft[e..].chars().enumerate() {
        if n == BOUNDARY_WINDOW_CHARS || normalize::is_clause_break(c) {
            break;
        }
        we += c.len_utf8();
    }
    rules.segmenter.is_whole_token(&ft[ws..we], s - ws, e - ws)
}

/// Bytes searched on each side of a hit for the end of its sentence: beyond that, the window is
/// taken as the sentence, so that a text without punctuation costs linear time.
const SENTENCE_WINDOW_BYTES: usize = 600;

/// The sentence around a hit, remembered for the hits that follow in the same sentence.
#[derive(Default)]
struct SentenceCache {
    last: Option<(usize, usize)>,
}

impl SentenceCache {
    /// The folded byte range of the sentence holding `s..e`.
    fn around(&mut self, ft: &str, s: usize, e: usize) -> (usize, usize) {
        if let Some((a, b)) = self.last {
            if a <= s && e <= b {
                return (a, b);
            }
        }
        let mut a = s;
        for (i, c) in ft[..s].char_indices().rev() {
            if normalize::is_sentence_end(c) || s - i > SENTENCE_WINDOW_BYTES {
                break;
            }
            a = i;
        }
        let mut b = e;
        for c in ft[e..].chars() {
            if normalize::is_sentence_end(c) || b - e > SENTENCE_WINDOW_BYTES {
                break;
            }
            b += c.len_utf8();
        }
        self.last = Some((a, b));
        (a, b)
    }
}

fn counter_word_at<'a>(ft: &'a str, start: usize, rules: &'a Ruleset) -> &'a str {
    rules
        .contexts
        .iter()
        .filter(|c| c.counter && ft[start..].starts_with(c.folded.as_str()))
        .map(|c| c.text.as_str())
        .max_by_key(|t| t.len())
        .unwrap_or("")
}

/// Orders candidates, keeps the longest of nested ones in a category, and builds findings with
/// char offsets.
fn finish(text: &str, mut cands: Vec<Candidate>, rules: &Ruleset) -> Vec<Finding> {
    if cands.is_empty() {
        return Vec::new();
    }
    // Longest first among those starting together, so containment is seen in one pass.
    cands.sort_by(|a, b| {
        (a.start, std::cmp::Reverse(a.end), a.category).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            b.category,
        ))
    });
    let mut reach = [0usize; Category::ALL.len()];
    let mut kept: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        let r = &mut reach[c.category as usize];
        if c.end <= *r {
            continue; // inside a longer hit of the same category
        }
        *r = c.end;
        kept.push(c);
    }
    kept.sort_by_key(|c| (c.start, c.end, c.category));

    let mut findings = Vec::with_capacity(kept.len());
    let (mut byte_pos, mut char_pos) = (0usize, 0usize);
    for c in kept {
        char_pos += text[byte_pos..c.start].chars().count();
        byte_pos = c.start;
        let span = &text[c.start..c.end];
        let (rule, suggestion) = match c.rule {
            CandidateRule::Wordlist(i) => {
                let r = &rules.rules[i as usize];
                (r.id(), r.suggestion.clone())
            }
            CandidateRule::Detector(id) => (id.to_string(), None),
        };
        findings.push(Finding {
            category: c.category,
            gate: c.category.gate(),
            severity: c.severity,
            rule,
            start: c.start,
            end: c.end,
            char_start: char_pos,
            char_end: char_pos + span.chars().count(),
            text: span.to_string(),
            suggestion,
            note: c.note,
            value_kind: c.value_kind,
        });
    }
    findings
}
