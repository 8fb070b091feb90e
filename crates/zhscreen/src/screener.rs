//! The screener: builds a ruleset from the default and user lists, and scans text with it.
//!
//! The scan's steps, each in its own module: fold the text ([`crate::normalize`]), run the one
//! automaton, verify its hits ([`crate::verify`]), run the detectors ([`crate::detect`]), and merge
//! everything into ordered findings ([`crate::merge`]). Loading the lists is in
//! [`crate::loading`].

use crate::category::Category;
use crate::detect::{self, DetectText, Detection, Detector};
use crate::error::Result;
use crate::loading::{self, Source};
use crate::merge::{self, Candidate, CandidateRule};
use crate::messages::Lang;
use crate::normalize::{self, Folded};
use crate::report::{Report, RulesetInfo};
use crate::ruleset::{ContextKind, Diagnostic, Ruleset, Use};
use crate::stance::{self, PostFrame};
use crate::typo::{self, TypoThreshold};
use crate::verify::{self, ContextHits};
use crate::wording::{self, Wording};
use std::path::PathBuf;
use std::sync::Arc;

/// Screens text. Build it once (the default lists compile in a few milliseconds; the segmenter
/// is prepared on the first boundary check, in about 2 ms), then share it: it is immutable, `Send + Sync`,
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
    /// The wording checker (formulations, enumerations, leaders), with the defaults.
    wording: Option<Wording>,
    /// Text the typo detector leaves alone: the suggestions of `typo` entries (the right
    /// spellings, 张弛有度) and the `allow:` texts that apply to `typo` (侯先生), folded.
    typo_known: aho_corasick::AhoCorasick,
    config: Config,
}

/// The context words of detector `d` (家住, 患者...), or for `d` one past the last detector the
/// sensitive-combination words (确诊, 涉嫌...; [`detect::sensitive`]): the words the screener's
/// one pass finds for the detectors.
fn detector_words_of(detectors: &[Box<dyn Detector>], d: usize) -> &[&'static str] {
    match detectors.get(d) {
        Some(det) => det.context_words(),
        None => detect::sensitive::words(),
    }
}

/// The hits of the one automaton pass that later stages read, in folded byte offsets and in
/// order of their end.
#[derive(Default)]
struct PassHits {
    /// The wording checker's patterns (start, end, pattern).
    wording: Vec<(usize, usize, u32)>,
    /// The detectors' context words (start, end, detector, word).
    context_words: Vec<(usize, usize, u16, u16)>,
    /// The publishing checks' words (start, end, pattern).
    publishing: Vec<(usize, usize, u32)>,
}

/// What a screener was built from, enough to build it again (bindings pickle it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// Whether the default lists are included.
    pub defaults: bool,
    /// The user's sources, in order.
    pub sources: Vec<Source>,
    /// How names of protected people are reported (`warn` unless `protect`).
    pub names: detect::person_name::NamesPolicy,
    /// Leaves out the wording checker (formulations, enumerations, leaders) that comes with the
    /// defaults; for measuring its cost.
    pub no_wording: bool,
    /// The statistical typo detector's threshold ([`crate::typo`]), `None` when it is off. It
    /// runs with the defaults only.
    pub typo: Option<TypoThreshold>,
    /// The user's formulations files for the wording checker (the format of
    /// `data/formulations.txt`), in order, added to the default ones.
    pub wording_sources: Vec<Source>,
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
                names: Default::default(),
                no_wording: false,
                typo: Some(TypoThreshold::DEFAULT),
                wording_sources: Vec::new(),
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

    /// Whether to run the wording checker (formulations, enumerations, leaders' names and titles;
    /// see [`crate::wording`]). On with the defaults unless turned off; never without them.
    pub fn wording(mut self, on: bool) -> Self {
        self.config.no_wording = !on;
        self
    }

    /// Adds a formulations file of the user's to the wording checker: formulations (a provincial
    /// slogan), `correct:` phrases and enumerations in the format of `data/formulations.txt`
    /// (`docs/wording.md`); a bad line fails the build with `file:line`. It needs the checker
    /// (on with the default lists).
    ///
    /// ```
    /// let screener = zhscreen::Screener::builder()
    ///     .wording_text("local.txt", "奋力谱写中国式现代化湖北篇章\n")
    ///     .build()?;
    /// let r = screener.scan("奋力谱写中国式现代化湖北篇张。");
    /// assert_eq!(r.findings[0].suggestion.as_deref(), Some("奋力谱写中国式现代化湖北篇章"));
    /// # Ok::<(), zhscreen::Error>(())
    /// ```
    pub fn wording_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.wording_sources.push(Source::File(path.into()));
        self
    }

    /// Adds a formulations file held in memory ([`ScreenerBuilder::wording_file`]); `name`
    /// stands for its file name in errors.
    pub fn wording_text(mut self, name: impl Into<String>, text: impl Into<String>) -> Self {
        self.config.wording_sources.push(Source::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Whether to run the statistical typo detector ([`crate::typo`]). On with the defaults
    /// unless turned off (at [`TypoThreshold::DEFAULT`]); never without them.
    pub fn typo(mut self, on: bool) -> Self {
        self.config.typo = match (on, self.config.typo) {
            (false, _) => None,
            (true, Some(t)) => Some(t),
            (true, None) => Some(TypoThreshold::DEFAULT),
        };
        self
    }

    /// Runs the statistical typo detector with this threshold (higher: fewer, surer findings).
    pub fn typo_threshold(mut self, threshold: TypoThreshold) -> Self {
        self.config.typo = Some(threshold);
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

    /// The names policy: names of protected people (patients, minors, victims, parties in a
    /// case...) at `warn` (the default) or, with [`NamesPolicy::protect`](crate::NamesPolicy),
    /// at `review`; optionally relief recipients too.
    pub fn names(mut self, policy: detect::person_name::NamesPolicy) -> Self {
        self.config.names = policy;
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
        let lists = loading::load_lists(&config)?;
        let detectors = detect::registry::detectors(config.names)?;
        let mut detector_ids: Vec<String> = detectors.iter().map(|d| format!("{d:?}")).collect();
        // The statistical typo detector changes findings with its threshold and its model: both
        // are part of the fingerprint (it runs only with the default lists).
        if let Some(t) = config.typo.filter(|_| config.defaults) {
            detector_ids.push(format!(
                "typo/statistical threshold {} model {}",
                t.log10_ratio(),
                typo::MODEL_DIGEST
            ));
        }
        let ids: Vec<&str> = detector_ids.iter().map(String::as_str).collect();
        let wording = if config.defaults && !config.no_wording {
            let mut user = Vec::new();
            for source in &config.wording_sources {
                user.extend(loading::source_texts(source)?);
            }
            Some(wording::default_wording_with(&user)?)
        } else if !config.wording_sources.is_empty() {
            return Err(crate::Error::Build(
                "a wording file needs the wording checker, which runs with the default lists (not turned off)".to_string(),
            ));
        } else {
            None
        };
        // The detectors' context words (家住, 患者...) are patterns of the one automaton too, and
        // so are the sensitive-combination words (确诊, 涉嫌...), as a last "detector".
        let detector_words: Vec<(u16, u16, &str)> = (0..=detectors.len())
            .flat_map(|d| {
                detector_words_of(&detectors, d)
                    .iter()
                    .enumerate()
                    .map(move |(w, word)| (d as u16, w as u16, *word))
            })
            .collect();
        let rules = Ruleset::compile(
            lists,
            &ids,
            wording.as_ref().map(|w| (w.patterns(), w.digest())),
            &detector_words,
        )?;
        let known: Vec<String> = rules
            .rules
            .iter()
            .filter(|r| r.category == Category::Typo)
            .filter_map(|r| r.suggestion.as_deref())
            .chain(
                rules
                    .contexts
                    .iter()
                    .filter(|c| {
                        c.kind == ContextKind::Allow && c.categories.contains(Category::Typo)
                    })
                    .map(|c| c.text.as_str()),
            )
            .map(|t| normalize::fold(t).text().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        let typo_known = aho_corasick::AhoCorasick::new(&known)
            .map_err(|e| crate::Error::Build(format!("the typo detector's known words: {e}")))?;
        Ok(Screener {
            inner: Arc::new(Inner {
                rules,
                detectors,
                wording,
                typo_known,
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

    /// The merged `@list` items: approved sources, hosts, titles, routing words...
    pub fn named_lists(&self) -> &crate::lists::NamedLists {
        &self.inner.rules.named
    }

    /// Notes about the lists (duplicates, overrides); see also [`crate::lint`].
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.inner.rules.diagnostics
    }

    /// Prepares the segmenter now (its dictionary is embedded; adding the ruleset's boundary
    /// terms takes about 2 ms), and the wording checker's look-alike table, instead of at the
    /// first scan that needs them. Useful before timing
    /// or in a server's start-up.
    pub fn warm_up(&self) {
        self.inner.rules.segmenter.warm();
        if let Some(w) = &self.inner.wording {
            w.warm();
        }
        if self.typo_threshold().is_some() {
            typo::warm();
        }
    }

    /// The threshold of the statistical typo detector, `None` when it does not run (turned off,
    /// or no default lists).
    pub fn typo_threshold(&self) -> Option<TypoThreshold> {
        self.inner
            .config
            .typo
            .filter(|_| self.inner.config.defaults)
    }

    /// Every character the typo detector finds suspicious in `text`, before its threshold and
    /// protections, in the original offsets: for tuning and evaluating it
    /// (`scripts/eval-typo.sh`). Empty when the detector does not run.
    pub fn typo_suspects(&self, text: &str) -> Vec<typo::Suspect> {
        if self.typo_threshold().is_none() {
            return Vec::new();
        }
        let folded = normalize::fold(text);
        let mut found = Vec::new();
        typo::suspects(folded.text(), &self.inner.rules.segmenter, 0.0, &mut found);
        found
            .into_iter()
            .filter_map(|mut s| {
                let (start, end) = folded.original_range(s.start, s.end);
                let window = folded.original_range(s.window.0, s.window.1);
                (text.is_char_boundary(start) && text.is_char_boundary(end) && start < end).then(
                    || {
                        (s.start, s.end, s.window) = (start, end, window);
                        s
                    },
                )
            })
            .collect()
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
            .filter(|c| c.kind != ContextKind::Allow)
            .count();
        Stats {
            per_category,
            allows: self.inner.rules.contexts.len() - counters,
            counters,
            detectors: self.inner.detectors.len(),
            automaton_bytes: self.inner.rules.matcher.heap_bytes(),
        }
    }

    pub(crate) fn wording(&self) -> Option<&Wording> {
        self.inner.wording.as_ref()
    }

    pub(crate) fn rules(&self) -> &Ruleset {
        &self.inner.rules
    }

    /// Screens `text`. Never fails: any string gives a report.
    pub fn scan(&self, text: &str) -> Report {
        self.scan_framed(text, None)
    }

    /// Screens `text`, part of a larger text whose headline's frame is `post` (`None`: `text` is
    /// the whole text, its own headline counts); see [`crate::stance`].
    pub(crate) fn scan_framed(&self, text: &str, post: Option<PostFrame>) -> Report {
        let rules = &self.inner.rules;
        let folded = normalize::fold(text);
        let mut found = PassHits::default();
        let mut candidates = self.wordlist_hits(text, &folded, &mut found, post);
        let mut wording_hits = found.wording;
        if let Some(w) = &self.inner.wording {
            w.resolve(folded.text(), &mut wording_hits);
        }
        self.wording_hits(text, &folded, &wording_hits, &mut candidates);
        self.detector_hits(text, &folded, &found.context_words, &mut candidates);
        let (publishing, sign_off) =
            rules
                .publishing
                .check(text, &folded, &found.publishing, self.lang);
        candidates.extend(publishing.into_iter().map(|h| Candidate {
            start: h.start,
            end: h.end,
            category: Category::Publishing,
            severity: h.severity,
            rule: CandidateRule::Detector(h.rule),
            note: Some(h.note),
            value_kind: None,
            suggestion: h.suggestion,
        }));
        self.typo_hits(text, &folded, &wording_hits, &mut candidates);
        let findings = merge::findings(text, candidates, rules);
        let mut report = Report::new(findings, rules.info.clone());
        report.sign_off = sign_off;
        report
    }

    /// Wordlist hits that survive verification, in original byte offsets. `found` receives the
    /// hits of the automaton's other patterns for the later stages.
    fn wordlist_hits(
        &self,
        text: &str,
        folded: &Folded,
        found: &mut PassHits,
        post: Option<PostFrame>,
    ) -> Vec<Candidate> {
        let rules = &self.inner.rules;
        let ft = folded.text();
        let mut terms: Vec<(usize, usize, u32)> = Vec::new();
        let mut ctx = ContextHits {
            post,
            ..ContextHits::default()
        };
        rules.matcher.for_each(ft, |s, e, p| {
            for u in &rules.uses[p] {
                match *u {
                    // Rejected at once when glued to more ASCII (`vx` inside `qqvxweixin`), so
                    // that a text of such near-hits does not pile them up.
                    Use::Term(i) => {
                        if verify::ascii_edges_ok(ft, s, e, &rules.rules[i as usize]) {
                            terms.push((s, e, i));
                        }
                    }
                    Use::Allow(c) => ctx.allows.push((s, e, c)),
                    Use::Counter(c) => ctx.counters.push((s, c)),
                    Use::Frame(c) => ctx.frames.push((s, e, c)),
                    Use::Condemn(c) => ctx.condemns.push((s, c)),
                    Use::Wording(w) => found.wording.push((s, e, w)),
                    Use::Detector { detector, word } => {
                        found.context_words.push((s, e, detector, word));
                    }
                    Use::Publishing(w) => found.publishing.push((s, e, w)),
                }
            }
        });
        if terms.is_empty() {
            return Vec::new();
        }
        verify::verify_terms(text, folded, rules, self.lang, terms, ctx)
    }

    /// The frame of the headline of `text` (its first non-empty line's head), for the chunks of
    /// a text that do not start with it. Folds and matches at most the first
    /// `4 × HEAD_MAX_BYTES` bytes of that line.
    pub(crate) fn post_frame(&self, text: &str) -> PostFrame {
        let rules = &self.inner.rules;
        let hs = stance::first_line_start(text);
        let mut cut = text[hs..]
            .find('\n')
            .map_or(text.len(), |i| hs + i)
            .min(hs + 4 * stance::HEAD_MAX_BYTES);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let folded = normalize::fold(&text[..cut]);
        let mut frames = Vec::new();
        rules.matcher.for_each(folded.text(), |s, e, p| {
            for u in &rules.uses[p] {
                if let Use::Frame(c) = *u {
                    frames.push((s, e, c));
                }
            }
        });
        verify::post_frame_of(folded.text(), &mut frames, rules)
    }

    /// Findings of the wording checker, in original offsets.
    fn wording_hits(
        &self,
        text: &str,
        folded: &Folded,
        hits: &[(usize, usize, u32)],
        out: &mut Vec<Candidate>,
    ) {
        let Some(w) = &self.inner.wording else {
            return;
        };
        let mut found = Vec::new();
        let ft = folded.text();
        let rules = &self.inner.rules;
        let between_tokens = |s: usize, e: usize| verify::is_between_tokens(ft, s, e, rules);
        w.check(ft, hits, &between_tokens, &mut found);
        for h in found {
            let (start, end) = folded.original_range(h.start, h.end);
            if !(text.is_char_boundary(start) && text.is_char_boundary(end)) || start >= end {
                continue;
            }
            out.push(Candidate {
                start,
                end,
                category: Category::Expression,
                severity: h.severity,
                rule: CandidateRule::Wording(h.rule, h.suggestion),
                note: Some(h.note.render(self.lang.messages())),
                value_kind: None,
                suggestion: None,
            });
        }
    }

    /// The hits of each detector's context words in the bytes of the detectors' view `view`
    /// (`map`: from the view to the original, if they differ), and last those of the
    /// sensitive-combination words ([`detector_words_of`]), ordered by start then end: each
    /// hit of the folded text where the word stands exactly in the view, which is what a search
    /// of the view itself finds.
    pub(crate) fn context_words_in_view(
        &self,
        folded: &Folded,
        view: &str,
        map: Option<&normalize::WidthMap>,
        context_words: &[(usize, usize, u16, u16)],
    ) -> Vec<detect::ContextHits> {
        let detectors = &self.inner.detectors;
        let mut words: Vec<detect::ContextHits> = vec![Vec::new(); detectors.len() + 1];
        for &(s, e, d, w) in context_words {
            let Some(word) = detector_words_of(detectors, d as usize).get(w as usize) else {
                continue;
            };
            let (os, oe) = folded.original_range(s, e);
            let (vs, ve) = match map {
                Some(m) => (m.view_offset(os), m.view_offset(oe)),
                None => (os, oe),
            };
            if vs >= ve
                || ve > view.len()
                || !view.is_char_boundary(vs)
                || !view.is_char_boundary(ve)
            {
                continue;
            }
            if let Some(i) = view[vs..ve].find(word) {
                words[d as usize].push((vs + i, vs + i + word.len(), u32::from(w)));
            }
        }
        for hits in &mut words {
            hits.sort_unstable();
            hits.dedup();
        }
        words
    }

    /// The detectors' view of `text` and the hits of each detector's context words in it, as
    /// [`Screener::scan`] hands them to the detectors (for the tests of the shared pass).
    #[cfg(test)]
    pub(crate) fn context_words_of(&self, text: &str) -> (String, Vec<detect::ContextHits>) {
        let folded = normalize::fold(text);
        let mut found = PassHits::default();
        self.wordlist_hits(text, &folded, &mut found, None);
        let (view, map) = match normalize::width_fold(text) {
            Some((v, m)) => (v, Some(m)),
            _ => (text.to_string(), None),
        };
        let hits = self.context_words_in_view(&folded, &view, map.as_ref(), &found.context_words);
        (view, hits)
    }

    /// Findings of the statistical typo detector, in original offsets: none where another
    /// candidate (a wordlist term, a name, an address, the wording checker) already stands, nor
    /// inside a pattern of the wording checker (`wording`: a leader's name, a formulation, as
    /// found in the folded text).
    fn typo_hits(
        &self,
        text: &str,
        folded: &Folded,
        wording: &[(usize, usize, u32)],
        out: &mut Vec<Candidate>,
    ) {
        let Some(threshold) = self.typo_threshold() else {
            return;
        };
        let rules = &self.inner.rules;
        let ft = folded.text();
        let mut found = Vec::new();
        typo::suspects(
            ft,
            &rules.segmenter,
            threshold.log10_ratio() as f32,
            &mut found,
        );
        if found.is_empty() {
            return;
        }
        let wording = typo::Spans::new(wording.iter().map(|&(b, e, _)| (b, e)));
        let others = typo::Spans::new(out.iter().map(|c| (c.start, c.end)));
        for s in typo::decide(found, threshold) {
            if wording.overlaps(s.start, s.end) {
                continue;
            }
            let (mut lo, mut hi) = (s.start.saturating_sub(60), (s.end + 60).min(ft.len()));
            while !ft.is_char_boundary(lo) {
                lo -= 1;
            }
            while !ft.is_char_boundary(hi) {
                hi += 1;
            }
            if self
                .inner
                .typo_known
                .find_overlapping_iter(&ft[lo..hi])
                .any(|m| lo + m.start() < s.end && s.start < lo + m.end())
            {
                continue;
            }
            let (start, end) = folded.original_range(s.start, s.end);
            if !(text.is_char_boundary(start) && text.is_char_boundary(end)) || start >= end {
                continue;
            }
            if others.overlaps(start, end) {
                continue;
            }
            // Noise between the characters (海*洛*因) is evasion, not a typo, and hides from the
            // detectors what would protect the window: left alone.
            let (ws, we) = folded.original_range(s.window.0, s.window.1);
            if text.get(ws..we).is_none_or(normalize::contains_noise) {
                continue;
            }
            let severity = if self.completes_wording(ft, &s) {
                crate::Severity::Review
            } else {
                crate::Severity::Warn
            };
            let mut likely = ft[s.window.0..s.start].to_string();
            likely.push(s.likely);
            likely.push_str(&ft[s.end..s.window.1]);
            let note = self.lang.messages().typo_statistical(
                &ft[s.window.0..s.window.1],
                &likely,
                s.margin.floor() as u32,
            );
            out.push(Candidate {
                start,
                end,
                category: Category::Typo,
                severity,
                rule: CandidateRule::Detector(typo::RULE),
                note: Some(note),
                value_kind: None,
                suggestion: Some(s.likely.to_string()),
            });
        }
    }

    /// Whether the correction of `s` makes a pattern of the wording checker (a leader's name, a
    /// fixed formulation) that the text as written does not have, within 12 characters.
    fn completes_wording(&self, ft: &str, s: &typo::Suspect) -> bool {
        if self.inner.wording.is_none() {
            return false;
        }
        let rules = &self.inner.rules;
        let lo = ft[..s.start]
            .char_indices()
            .rev()
            .nth(11)
            .map_or(0, |(i, _)| i);
        let hi = ft[s.end..]
            .char_indices()
            .nth(12)
            .map_or(ft.len(), |(i, _)| s.end + i);
        let wording_at = |window: &str, at: usize| {
            let mut hits = Vec::new();
            rules.matcher.for_each(window, |b, e, p| {
                for u in &rules.uses[p] {
                    if let Use::Wording(w) = *u {
                        hits.push((b, e, w));
                    }
                }
            });
            if let Some(w) = &self.inner.wording {
                w.resolve(window, &mut hits);
            }
            let mut hit: Vec<String> = Vec::new();
            for (b, e, _) in hits {
                if b <= at && at < e {
                    hit.push(window[b..e].to_string());
                }
            }
            hit
        };
        let mut corrected = ft[lo..s.start].to_string();
        corrected.push(s.likely);
        corrected.push_str(&ft[s.end..hi]);
        let before = wording_at(&ft[lo..hi], s.start - lo);
        wording_at(&corrected, s.start - lo)
            .iter()
            .any(|w| !before.contains(w))
    }

    /// Findings of the detectors. `context_words`: the hits of their context words in the folded
    /// text (start, end, detector, word).
    fn detector_hits(
        &self,
        text: &str,
        folded: &Folded,
        context_words: &[(usize, usize, u16, u16)],
        out: &mut Vec<Candidate>,
    ) {
        if self.inner.detectors.is_empty() {
            return;
        }
        let (view, map) = match normalize::width_fold(text) {
            Some((view, map)) => (DetectText::new(view, self.lang), Some(map)),
            None => (DetectText::new(text, self.lang), None),
        };
        let detectors = &self.inner.detectors;
        let words = self.context_words_in_view(folded, &view.text, map.as_ref(), context_words);
        let mut found: Vec<Detection> = Vec::new();
        for (d, hits) in detectors.iter().zip(&words) {
            if d.context_words().is_empty() {
                d.detect(&view, &mut found);
            } else {
                d.detect_with(&view, hits, &mut found);
            }
        }
        detect::readings::settle(&view.text, &mut found);
        detect::sensitive::mark_with(&view.text, view.lang, &mut found, &words[detectors.len()]);
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
            let (mut severity, mut rule, mut note) = (d.severity, d.rule, d.note);
            if rule == detect::url::RULE {
                // a link is judged by its host: the publishing lists say which pass
                match self
                    .inner
                    .rules
                    .publishing
                    .classify_link(&view.text[d.start..d.end], self.lang)
                {
                    Some((s, r, n)) => (severity, rule, note) = (s, r, Some(n)),
                    None => continue,
                }
            }
            out.push(Candidate {
                start,
                end,
                category: d.category,
                severity,
                rule: CandidateRule::Detector(rule),
                note,
                value_kind: Some(d.kind),
                suggestion: None,
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
    /// Counter-context words: `counter:`, `frame:` and `condemn:`.
    pub counters: usize,
    /// Detectors.
    pub detectors: usize,
    /// Heap bytes of the automaton.
    pub automaton_bytes: usize,
}
