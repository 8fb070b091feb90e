//! The message catalogue: every sentence zhscreen writes for a reviewer, in each language it
//! speaks. Reviewers in a county office read Chinese, so [`Lang::Zh`] is the default; English
//! ([`Lang::En`]) is there for developers and foreign-language desks.
//!
//! Only the reviewer-facing words follow the language: a finding's `note` (and, in the CLI and
//! the service, the words of the human output, the review sheet and the pages). The machine
//! fields (category, gate, severity, rule ids, JSON keys) are stable ASCII ids in every language,
//! and the ruleset's fingerprint does not depend on the language. The notes written in wordlists
//! are data: they are shown as their authors wrote them.
//!
//! ```
//! use zhscreen::{Lang, Screener};
//!
//! let screener = Screener::new()?; // Chinese notes
//! let zh = screener.scan("联系电话：13912345678");
//! assert_eq!(zh.findings[0].note.as_deref(), Some("手机号码（139号段），上下文“联系电话”，建议去标识化"));
//!
//! // The same compiled rules, English notes: cheap, for a service answering per request.
//! let en = screener.with_lang(Lang::En).scan("联系电话：13912345678");
//! assert_eq!(en.findings[0].note.as_deref(), Some("mainland mobile number, allocated segment 139; context 联系电话"));
//! assert_eq!(en.ruleset.fingerprint, zh.ruleset.fingerprint);
//!
//! // Or choose it when building; "zh" and "en" parse.
//! let en = Screener::builder().lang("en".parse()?).build()?;
//! assert_eq!(en.lang(), Lang::En);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How a checker gets the language
//! A [`Detector`](crate::detect::Detector) reads it from the text it is given:
//! `text.lang` of its [`DetectText`](crate::detect::DetectText), and writes its note with
//! `text.lang.messages().some_message(...)`. Code inside the screener uses the screener's
//! language the same way. Never build a reviewer-facing sentence anywhere else.
//!
//! # How to add a message
//! 1. Add a method to [`Messages`] here, with a doc comment saying when it is used and what its
//!    arguments are. Pass facts (a segment, a context word, an enum of formats), not sentences:
//!    each language composes its own sentence from them.
//! 2. Implement it in `zh.rs` ([`Zh`]) and in `en.rs` ([`En`]). The trait has no default
//!    methods, so a message missing in either language does not compile.
//! 3. Write the Chinese the way an experienced reviewer would say it to a colleague: what the
//!    value is, the fact that makes it so, the context word that gave it away, and what to do
//!    (`手机号码（139号段），上下文“联系电话”，建议去标识化`). Chinese punctuation (，；：（）“”),
//!    no English words (a code like `GB 11643` or a brand like `Visa` is fine, a phrase is not).
//!    The English is a plain technical sentence for developers.
//! 4. Add the message to `every_message` in the tests of this module: it checks that the Chinese
//!    has no run of English words ([`english_run`]) and that the two languages differ.
//! 5. Call it from your checker with the language it was given.
//!
//! A fixed word of the review sheet is a field of [`SheetWords`]: add the field, then its word in
//! the `SHEET` statics of `zh.rs` and `en.rs` (a missing one does not compile). Labels of ids
//! ([`Messages::severity`], [`Messages::category`]...) are the only words a report for people
//! should show for an id; the id itself stays in machine output.
//!
//! Helpers shared by both catalogues (the context clause...) live in their own file; keep each
//! language's wording in its own file so a translator reads one file.

mod en;
mod input;
mod zh;

pub use en::En;
pub use input::{ByteFault, InputProblem};
pub use zh::Zh;

use crate::category::{Category, Gate, Severity, Verdict};
use crate::detect::bank_card::CardIssuer;
use crate::detect::passport::DocumentFormat;
use crate::detect::person_name::Group;
use crate::detect::resident_id::IdHolder;
use crate::detect::sensitive::Kind as SensitiveKind;
use crate::lists::HostKind;
use crate::signoff::SignOffLevel;

/// A language zhscreen writes its reviewer-facing words in. The default is Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Lang {
    /// Simplified Chinese (`zh`): the default, for reviewers.
    #[default]
    Zh,
    /// English (`en`).
    En,
}

impl Lang {
    /// Every language, default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The stable id: `zh` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for an HTML `lang` attribute or a `Content-Language` header.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The catalogue of this language.
    pub fn messages(self) -> &'static dyn Messages {
        match self {
            Lang::Zh => &Zh,
            Lang::En => &En,
        }
    }

    /// The language an HTTP `Accept-Language` header asks for: the one of highest weight among
    /// those zhscreen speaks (`zh`, `zh-CN`, `zh-Hans`... → `Zh`; `en`, `en-GB`... → `En`; on a
    /// tie, the first listed), and [`Lang::Zh`] when it names neither or cannot be read.
    ///
    /// ```
    /// use zhscreen::Lang;
    /// assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Lang::En);
    /// assert_eq!(Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
    /// assert_eq!(Lang::from_accept_language("fr-FR, de;q=0.5"), Lang::Zh);
    /// assert_eq!(Lang::from_accept_language("en;q=0, *;q=0.1"), Lang::Zh);
    /// ```
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            let lang = if primary.eq_ignore_ascii_case("zh") {
                Lang::Zh
            } else if primary.eq_ignore_ascii_case("en") {
                Lang::En
            } else {
                continue;
            };
            let mut q = 1.0f32;
            for p in parts {
                if let Some(v) = p.trim().strip_prefix("q=") {
                    q = v.trim().parse().unwrap_or(0.0);
                }
            }
            if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map_or(Lang::Zh, |(l, _)| l)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language id that is neither `zh` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

impl std::fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown language {:?}: expected \"zh\" (Chinese, the default) or \"en\" (English)",
            self.0
        )
    }
}

impl std::error::Error for UnknownLang {}

impl std::str::FromStr for Lang {
    type Err = UnknownLang;

    /// `zh` or `en`, in any case, surrounding spaces ignored.
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("zh") {
            Ok(Lang::Zh)
        } else if t.eq_ignore_ascii_case("en") {
            Ok(Lang::En)
        } else {
            Err(UnknownLang(s.to_string()))
        }
    }
}

/// One method per reviewer-facing message; [`Zh`] and [`En`] implement it. Arguments are facts
/// (context words are quoted from the text, as found); each language writes its own sentence.
pub trait Messages: Send + Sync {
    // --- personal data (detect/) ---

    /// A mainland mobile number of the allocated `segment` (`139`), with the context word found
    /// before it, if any.
    fn mobile(&self, segment: &str, context: Option<&str>) -> String;

    /// An 18-digit resident ID (or residence permit / permanent residence card, per `holder`)
    /// whose GB 11643 check digit and birth date are valid.
    fn resident_id(&self, holder: IdHolder, context: Option<&str>) -> String;

    /// A 15-digit first-generation ID: its `division` code and birth date `19{birth}` (`birth`
    /// is `yymmdd`); it has no check digit. Without a context word it is only a hint.
    fn resident_id_15(&self, division: &str, birth: &str, context: Option<&str>) -> String;

    /// A landline number with its `area` code and `extension`; `public_contact` is the word that
    /// makes it an office's published number (咨询电话...), else `context` is the word before it.
    fn landline(
        &self,
        area: &str,
        extension: Option<&str>,
        public_contact: Option<&str>,
        context: Option<&str>,
    ) -> String;

    /// A bank card number of `digits` digits that passes the Luhn check, of a known `issuer`.
    fn bank_card(&self, digits: usize, issuer: Option<CardIssuer>, context: Option<&str>)
        -> String;

    /// An e-mail address; `government` when its domain is under gov.cn (an office's mailbox).
    fn email(&self, government: bool, context: Option<&str>) -> String;

    /// A passport or travel-permit number of the given format.
    fn travel_document(&self, format: DocumentFormat, context: Option<&str>) -> String;

    /// A unified social credit code (GB 32100): an organisation's, public.
    fn uscc(&self, context: Option<&str>) -> String;

    /// A private home address after the residential context `word` (家住, 户籍地址...).
    fn home_address(&self, word: &str) -> String;

    /// An address read by its residential `tail` (5栋, 302室, 三组) without a context word.
    fn home_address_by_tail(&self, tail: &str) -> String;

    /// The name of a protected person of `group`, after the context `word` (患者, 受害人...).
    fn protected_name(&self, group: Group, word: &str) -> String;

    /// A finding's note (`note`, kept in front) when its sentence makes it sensitive personal
    /// information: it is in the same sentence as a fact of `kind`, named by `word`.
    fn sensitive_combination(&self, note: Option<&str>, kind: SensitiveKind, word: &str) -> String;

    // --- classification marks ---

    /// A classification mark with its period (`机密★5年`).
    fn classification_mark(&self) -> String;

    /// A bare classification level alone on its line (`秘　密`, the 1999 document format).
    fn bare_classification_level(&self) -> String;

    // --- the screener ---

    /// A block term lowered to review because the counter-context `word` (禁毒, 破获...) is in
    /// the same sentence; `note` is the term's own note from its wordlist, kept in front.
    fn counter_context(&self, note: Option<&str>, word: &str) -> String;

    /// A block term lowered to review because the warning or education frame `word` (警方提醒,
    /// 禁毒宣传, 以案释法...) heads its paragraph or the whole text; `note` as above.
    fn frame_context(&self, note: Option<&str>, word: &str) -> String;

    /// A quoted political term inside condemnatory wording `word` (反对“台独”, 粉碎…图谋), the
    /// official usage, lowered to info; `note` as above.
    fn quoted_condemnation(&self, note: Option<&str>, word: &str) -> String;

    // --- publishing (publishing/) and sign-off routing; the regulations cited are those of
    // docs/publishing.md: XX区制度, 神木办法, 维西制度, 郴州制度 ---

    /// A repost that names no source (本文转载 without 来源, or 来源： with nothing after it).
    fn repost_no_source(&self) -> String;

    /// A source `name` (as written) that is not a publisher (网络, 朋友圈, 微信群...).
    fn source_not_publisher(&self, name: &str) -> String;

    /// A source `name` (as written) that is on no approved list.
    fn source_not_approved(&self, name: &str) -> String;

    /// A name preceded by `titles` (3 or more) titles; the suggestion keeps the first two.
    fn title_chain(&self, titles: usize) -> String;

    /// A link to `host`, listed as a commercial `kind` (a short link included).
    fn link_commercial(&self, kind: HostKind, host: &str) -> String;

    /// A link to `host`, which is on no list.
    fn link_unknown(&self, host: &str) -> String;

    /// A demand on the public: the coercion `marker` makes the engagement `action` an obligation.
    fn forced_engagement(&self, action: &str, marker: &str) -> String;

    /// Who signs a text of `level` (分级审核), for the CLI, the review sheet and the bindings.
    fn signer(&self, level: SignOffLevel) -> String;

    /// Why a routing word of `level` raises the sign-off (a reason's default note).
    fn sign_off_reason(&self, level: SignOffLevel) -> String;

    /// The name of a sign-off level (`重大信息`).
    fn sign_off_level(&self, level: SignOffLevel) -> &'static str;

    /// The line of the human output and of the review sheet saying who must sign: the level's
    /// name (from [`Messages::sign_off_level`]) and the signer (from [`Messages::signer`]).
    fn sign_off_line(&self, level: &str, signer: &str) -> String;

    /// One reason of a sign-off: the routing `word` at `line`:`col` of the input, and its note.
    fn sign_off_reason_line(&self, word: &str, line: usize, col: usize, note: &str) -> String;

    // --- labels of the ids, for reports read by people (human output, review sheet, pages) ---

    /// The name of a severity (`需复核`).
    fn severity(&self, severity: Severity) -> &'static str;

    /// What a verdict means for the post (`需人工复核`).
    fn verdict(&self, verdict: Verdict) -> &'static str;

    /// The name of a category (`个人信息`).
    fn category(&self, category: Category) -> &'static str;

    /// The name of one of the five gates (`保密关`).
    fn gate(&self, gate: Gate) -> &'static str;

    /// Counts per severity, highest first, zeros left out: `需复核 2 · 建议修改 1`.
    fn severity_counts(&self, counts: &[(Severity, usize)]) -> String {
        let mut parts: Vec<(Severity, usize)> =
            counts.iter().copied().filter(|&(_, n)| n > 0).collect();
        parts.sort_by_key(|p| std::cmp::Reverse(p.0));
        parts
            .iter()
            .map(|&(s, n)| format!("{} {n}", self.severity(s)))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    // --- the human output of `zhscreen scan` ---

    /// The line under a finding with its suggested wording.
    fn human_suggestion(&self, suggestion: &str) -> String;

    /// The line under a finding with its note.
    fn human_note(&self, note: &str) -> String;

    /// What a reader must know about an input that is not plain UTF-8 text: the encoding it was
    /// decoded from, what of it was screened and what positions mean. `None` for plain UTF-8 text.
    fn human_input(&self, decoded_from: Option<&str>, kind: InputKind) -> Option<String>;

    /// An input's findings: `n` shown (`counts` from [`Messages::severity_counts`]), `hidden`
    /// below `--min-severity`.
    fn human_findings(&self, n: usize, counts: &str, hidden: usize) -> String;

    /// The last line of an input, or of a run: `what` then the verdict (already labelled).
    fn human_verdict(&self, what: &str, verdict: &str) -> String;

    /// The run's summary of several inputs: `files` screened (`verdicts`: counts per verdict),
    /// `findings` shown (`counts`), `hidden`, `errors` inputs that could not be read.
    fn human_run(
        &self,
        files: usize,
        verdicts: &str,
        findings: usize,
        counts: &str,
        hidden: usize,
        errors: usize,
    ) -> String;

    /// The end of the run's summary when some inputs could not be read: `line` then the verdict
    /// of those screened (`Some`), or the statement that nothing was screened (`None`).
    fn human_partial_verdict(&self, line: &str, verdict: Option<&str>) -> String;

    // --- the review sheet (审核表) ---

    /// The fixed words of the review sheet.
    fn sheet(&self) -> &'static SheetWords;

    /// The title of a document of `sheets` sheets.
    fn sheet_title(&self, sheets: usize) -> String;

    /// Where a finding is: line (or paragraph) and character.
    fn sheet_position(&self, line: usize, col: usize, paragraph: bool) -> (String, String);

    /// The count beside a gate in the findings table (`未发现问题`, `3 项`).
    fn sheet_gate_count(&self, n: usize) -> String;

    /// The counts under the verdict; `hidden` findings below `--min-severity` not listed.
    fn sheet_counts(&self, n: usize, counts: &str, hidden: usize) -> String;

    /// What the screened content is, and its encoding.
    fn sheet_content(&self, kind: InputKind, encoding: &str) -> String;

    /// The ruleset's version line.
    fn sheet_ruleset(&self, version: &str) -> String;

    /// The footer, with zhscreen's version.
    fn sheet_footer(&self, version: &str) -> String;

    // --- the wording checker (`wording`) ---

    /// A near miss of a fixed formulation; `canonical` is the formulation as it must be written.
    fn wording_formulation(&self, canonical: &str) -> String;

    /// A leader's name written wrong next to a title (or wherever it stands, for names marked
    /// `anywhere`); `canonical` is the right name with its title, `date` the leaders table's date.
    fn wording_leader_name(&self, canonical: &str, date: &str) -> String;

    /// A leader's title misspelt next to the name; `canonical` is the right title with the name.
    fn wording_leader_title_typo(&self, canonical: &str, date: &str) -> String;

    /// `title` next to `name`, who never held it per the table; `holders` are its current
    /// holders (may be empty), `own` the title `name` holds.
    fn wording_leader_title(
        &self,
        name: &str,
        title: &str,
        holders: &str,
        own: &str,
        date: &str,
    ) -> String;

    /// The Standing Committee of the Political Bureau listed out of protocol order; `order` is
    /// the whole committee in order.
    fn wording_pbsc_order(&self, order: &str, date: &str) -> String;

    /// An enumeration (`name`: 新发展理念) listed out of order; `order` its members in order.
    fn wording_enumeration_order(&self, name: &str, order: &str) -> String;

    /// An enumeration listed with one member changed; `order` its members in order.
    fn wording_enumeration_member(&self, name: &str, order: &str) -> String;

    // --- the statistical typo detector (`typo/statistical`) ---

    /// A character the n-gram model finds likely misspelt: `found` is the window as written (up
    /// to two characters each side), `likely` the same window with the correction, which makes
    /// it about `10^power` times likelier in official text (`power` ≥ 0). Says that the finding
    /// is statistical, and how confident it is (from `power`).
    fn typo_statistical(&self, found: &str, likely: &str, power: u32) -> String;

    // --- the command's messages on stderr ---

    /// Why an input could not be screened (stderr, the sheet's list of inputs not screened, the
    /// JSON `error` field). Without the input's name: the caller puts it in front.
    fn input_problem(&self, problem: &InputProblem) -> String;

    /// An error line's text after `zhscreen: ` (`错误：…`).
    fn cli_error(&self, message: &str) -> String;

    /// A warning line's text after `zhscreen: ` (`警告：…`).
    fn cli_warning(&self, message: &str) -> String;

    /// The output could not be written; `detail` is the operating system's words.
    fn cli_output_failed(&self, detail: &str) -> String;

    /// `scan` was given directories holding no file it reads.
    fn cli_no_files(&self) -> String;

    /// `scan` waits for standard input typed at a terminal.
    fn cli_reading_stdin(&self) -> String;

    /// `redact --write` / `fix --write` found nothing to change in `name`.
    fn edit_nothing_to_change(&self, name: &str) -> String;

    /// `redact --write` (`fixed` false) or `fix --write` (`fixed` true) rewrote `spans` spans of
    /// `name` in its `encoding`, keeping a `backup` copy unless told not to.
    fn edit_written(
        &self,
        name: &str,
        fixed: bool,
        spans: usize,
        encoding: &str,
        backup: Option<&str>,
    ) -> String;

    // --- `zhscreen lists check` (the diagnostics themselves are the loader's, in English) ---

    /// The label in front of a diagnostic's kind that is a note, not a problem.
    fn lists_note(&self) -> &'static str;

    /// The last line of `lists check`: `problems` to fix (none: the lists are fine), `notes`
    /// beside them, and the ruleset's `version` and `fingerprint`.
    fn lists_summary(
        &self,
        problems: usize,
        notes: usize,
        version: &str,
        fingerprint: &str,
    ) -> (String, String);

    /// The labels of `zhscreen lists stats`.
    fn lists_stats(&self) -> &'static StatsWords;
}

/// The labels of `zhscreen lists stats`, one set per language.
#[derive(Debug)]
pub struct StatsWords {
    /// Column heads: the category id, its gate, its number of entries.
    pub columns: [&'static str; 3],
    /// Entries of every category.
    pub total: &'static str,
    /// `allow:` exceptions.
    pub allows: &'static str,
    /// `counter:` context words.
    pub counters: &'static str,
    /// Built-in detectors.
    pub detectors: &'static str,
    /// The automaton's size in KiB.
    pub automaton_kib: &'static str,
    /// The words before the ruleset's version and before its fingerprint.
    pub ruleset: [&'static str; 2],
}

/// What kind of input a report is about, for the words that explain positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// The visible text of an HTML page; positions are line:column of the page source.
    WebPage,
    /// The paragraphs of a Word document; positions are paragraph:character.
    Word,
}

impl InputKind {
    /// Every kind.
    pub const ALL: [InputKind; 4] = [
        InputKind::Text,
        InputKind::Markdown,
        InputKind::WebPage,
        InputKind::Word,
    ];
}

/// The fixed words of the review sheet (审核表), one set per language. A struct, so that a word
/// missing in one language does not compile.
#[derive(Debug)]
pub struct SheetWords {
    /// The title (`政务新媒体信息发布审核表`).
    pub title: &'static str,
    /// The line under the title.
    pub subtitle: &'static str,
    /// Label of the file name.
    pub file: &'static str,
    /// Label of the time of the screening.
    pub time: &'static str,
    /// Label of what was screened.
    pub content: &'static str,
    /// Label of the ruleset.
    pub ruleset: &'static str,
    /// Label of the verdict.
    pub verdict: &'static str,
    /// Heading of the screened text.
    pub text_heading: &'static str,
    /// The legend before the severities' colours.
    pub legend: &'static str,
    /// The hint after the legend.
    pub legend_hint: &'static str,
    /// Heading of the findings table.
    pub findings_heading: &'static str,
    /// The note under it.
    pub findings_hint: &'static str,
    /// Column headers: number, position, severity, category, text, suggestion, rule and note.
    pub columns: [&'static str; 7],
    /// Heading of the sign-off boxes.
    pub signoff_heading: &'static str,
    /// The note under it.
    pub signoff_hint: &'static str,
    /// The three reviews (初审, 复审, 终审) and who signs each.
    pub signoff: [(&'static str, &'static str); 3],
    /// Labels of a sign-off box: opinion, signature, date.
    pub signoff_fields: [&'static str; 3],
    /// The blank date to fill in.
    pub blank_date: &'static str,
    /// Label of the rule in a tooltip.
    pub rule: &'static str,
    /// Label of the suggestion in a tooltip.
    pub suggestion: &'static str,
    /// Label of the note in a tooltip.
    pub note: &'static str,
    /// Heading of the inputs that could not be screened.
    pub errors_heading: &'static str,
}

/// The first run of two or more English words in `text` (words of two or more ASCII letters
/// separated only by spaces, hyphens, commas, semicolons, colons or apostrophes), if any. The
/// tests use it to check that Chinese output holds no English phrase; a code (`GB 11643`), a
/// domain (`gov.cn`) or a lone brand (`Visa`) is not a run.
///
/// ```
/// use zhscreen::messages::english_run;
/// assert_eq!(english_run("手机号码（139号段）"), None);
/// assert_eq!(english_run("依据GB 11643，gov.cn邮箱"), None);
/// assert_eq!(english_run("手机号码; context 联系电话"), None);
/// assert_eq!(english_run("mainland mobile number，上下文"), Some("mainland mobile number"));
/// ```
pub fn english_run(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.'))
        {
            i += 1;
            continue;
        }
        // a command-line option (`--min-severity`) is a name, not words
        if i >= 2 && b[i - 1] == b'-' && b[i - 2] == b'-' {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
                i += 1;
            }
            continue;
        }
        // a word starts at i
        let start = i;
        let mut words = 0;
        let mut end = i;
        let mut j = i;
        loop {
            let ws = j;
            while j < b.len() && b[j].is_ascii_alphabetic() {
                j += 1;
            }
            let word_ok = j - ws >= 2
                && !(j < b.len()
                    && (b[j].is_ascii_digit()
                        || b[j] == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_alphabetic)));
            if !word_ok {
                break;
            }
            words += 1;
            end = j;
            let mut k = j;
            while k < b.len() && matches!(b[k], b' ' | b'-' | b',' | b';' | b':' | b'\'') {
                k += 1;
            }
            let option = b[j..k].windows(2).any(|w| w == b"--");
            if k == j || k >= b.len() || !b[k].is_ascii_alphabetic() || option {
                break;
            }
            j = k;
        }
        if words >= 2 {
            return Some(&text[start..end]);
        }
        i = j.max(i + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message with sample arguments, in `lang`. Add yours here.
    fn every_message(lang: Lang) -> Vec<(&'static str, String)> {
        let m = lang.messages();
        let mut out = vec![
            (
                "wording_formulation",
                m.wording_formulation("不忘初心、牢记使命"),
            ),
            (
                "typo_statistical",
                m.typo_statistical("依法刑政", "依法行政", 6),
            ),
            (
                "wording_leader_name",
                m.wording_leader_name("国务院总理李强", "2026-12-07"),
            ),
            (
                "wording_leader_title_typo",
                m.wording_leader_title_typo("习近平总书记", "2026-12-07"),
            ),
            (
                "wording_leader_title",
                m.wording_leader_title(
                    "李强",
                    "全国政协主席",
                    "王沪宁",
                    "国务院总理",
                    "2026-12-07",
                ),
            ),
            (
                "wording_pbsc_order",
                m.wording_pbsc_order("习近平、李强、赵乐际", "2026-12-07"),
            ),
            (
                "wording_enumeration_order",
                m.wording_enumeration_order("新发展理念", "创新、协调、绿色、开放、共享"),
            ),
            (
                "wording_enumeration_member",
                m.wording_enumeration_member("新发展理念", "创新、协调、绿色、开放、共享"),
            ),
            ("mobile", m.mobile("139", Some("联系电话"))),
            ("mobile, no context", m.mobile("139", None)),
            (
                "resident_id_15",
                m.resident_id_15("110108", "900307", Some("身份证")),
            ),
            (
                "resident_id_15, no context",
                m.resident_id_15("110108", "900307", None),
            ),
            (
                "landline",
                m.landline("0731", Some("801"), None, Some("电话")),
            ),
            (
                "landline, public",
                m.landline("010", None, Some("咨询电话"), None),
            ),
            ("landline, bare", m.landline("010", None, None, None)),
            ("bank_card, no issuer", m.bank_card(16, None, Some("卡号"))),
            ("email", m.email(false, Some("邮箱"))),
            ("email, government", m.email(true, None)),
            ("uscc", m.uscc(Some("统一社会信用代码"))),
            ("uscc, no context", m.uscc(None)),
            ("classification_mark", m.classification_mark()),
            ("bare_classification_level", m.bare_classification_level()),
            (
                "counter_context",
                m.counter_context(Some("毒品名称"), "禁毒"),
            ),
            ("counter_context, no note", m.counter_context(None, "破获")),
            (
                "frame_context",
                m.frame_context(Some("毒品名称"), "禁毒宣传"),
            ),
            ("quoted_condemnation", m.quoted_condemnation(None, "反对")),
            ("repost_no_source", m.repost_no_source()),
            ("source_not_publisher", m.source_not_publisher("朋友圈")),
            ("source_not_approved", m.source_not_approved("某某公众号")),
            ("title_chain", m.title_chain(3)),
            ("link_unknown", m.link_unknown("www.example.org")),
            ("forced_engagement", m.forced_engagement("点赞", "必须")),
        ];
        out.push(("home_address", m.home_address("家住")));
        out.push(("home_address_by_tail", m.home_address_by_tail("302室")));
        for g in Group::ALL {
            out.push(("protected_name", m.protected_name(g, "患者")));
        }
        for k in SensitiveKind::ALL {
            out.push((
                "sensitive_combination",
                m.sensitive_combination(Some("x"), k, "确诊"),
            ));
            out.push((
                "sensitive_combination, no note",
                m.sensitive_combination(None, k, "确诊"),
            ));
        }
        for k in HostKind::ALL {
            out.push(("link_commercial", m.link_commercial(k, "item.taobao.com")));
        }
        for l in SignOffLevel::ALL {
            out.push(("signer", m.signer(l)));
            out.push(("sign_off_reason", m.sign_off_reason(l)));
            out.push(("sign_off_level", m.sign_off_level(l).to_string()));
            out.push((
                "sign_off_line",
                m.sign_off_line(m.sign_off_level(l), &m.signer(l)),
            ));
        }
        for h in IdHolder::ALL {
            out.push(("resident_id", m.resident_id(h, Some("身份证号"))));
            out.push(("resident_id, no context", m.resident_id(h, None)));
        }
        for i in CardIssuer::ALL {
            out.push(("bank_card", m.bank_card(19, Some(i), None)));
        }
        for f in DocumentFormat::ALL {
            out.push(("travel_document", m.travel_document(f, Some("护照号"))));
        }
        for s in Severity::ALL {
            out.push(("severity", m.severity(s).to_string()));
        }
        for v in Verdict::ALL {
            out.push(("verdict", m.verdict(v).to_string()));
        }
        for c in Category::ALL {
            out.push(("category", m.category(c).to_string()));
        }
        for g in [
            Gate::Politics,
            Gate::Law,
            Gate::Policy,
            Gate::Secrecy,
            Gate::Text,
        ] {
            out.push(("gate", m.gate(g).to_string()));
        }
        let counts = m.severity_counts(&[(Severity::Warn, 1), (Severity::Block, 2)]);
        out.push(("severity_counts", counts.clone()));
        out.push(("human_suggestion", m.human_suggestion("再接再厉")));
        out.push(("human_note", m.human_note("某说明")));
        for k in InputKind::ALL {
            if let Some(t) = m.human_input(Some("GBK"), k) {
                out.push(("human_input", t));
            }
            out.push(("sheet_content", m.sheet_content(k, "UTF-8")));
        }
        for k in [InputKind::WebPage, InputKind::Word] {
            out.push((
                "human_input, utf-8",
                m.human_input(None, k).unwrap_or_default(),
            ));
        }
        out.push(("human_findings", m.human_findings(3, &counts, 0)));
        out.push(("human_findings, one", m.human_findings(1, &counts, 0)));
        out.push(("human_findings, hidden", m.human_findings(3, &counts, 2)));
        out.push(("human_findings, none", m.human_findings(0, "", 0)));
        out.push((
            "human_verdict",
            m.human_verdict("甲.txt", m.verdict(Verdict::Review)),
        ));
        out.push(("human_run", m.human_run(3, "block 1", 4, &counts, 1, 1)));
        out.push(("human_run, one", m.human_run(1, "pass 1", 0, "", 0, 0)));
        out.push((
            "human_partial_verdict",
            m.human_partial_verdict("x", Some("y")),
        ));
        out.push((
            "human_partial_verdict, none",
            m.human_partial_verdict("x", None),
        ));
        let w = m.sheet();
        for word in [
            w.title,
            w.subtitle,
            w.file,
            w.time,
            w.content,
            w.ruleset,
            w.verdict,
            w.text_heading,
            w.legend,
            w.legend_hint,
            w.findings_heading,
            w.findings_hint,
            w.signoff_heading,
            w.signoff_hint,
            w.blank_date,
            w.rule,
            w.suggestion,
            w.note,
            w.errors_heading,
        ]
        .into_iter()
        .chain(w.columns)
        .chain(w.signoff_fields)
        .chain(w.signoff.iter().flat_map(|&(a, b)| [a, b]))
        {
            out.push(("sheet", word.to_string()));
        }
        out.push(("sheet_title", m.sheet_title(1)));
        out.push(("sheet_title, several", m.sheet_title(3)));
        let (l, c) = m.sheet_position(3, 5, false);
        out.push(("sheet_position", format!("{l} {c}")));
        let (l, c) = m.sheet_position(3, 5, true);
        out.push(("sheet_position, paragraph", format!("{l} {c}")));
        out.push(("sheet_gate_count", m.sheet_gate_count(3)));
        out.push(("sheet_gate_count, none", m.sheet_gate_count(0)));
        out.push(("sheet_counts", m.sheet_counts(3, &counts, 0)));
        out.push(("sheet_counts, hidden", m.sheet_counts(3, &counts, 2)));
        out.push(("sheet_counts, none", m.sheet_counts(0, "", 0)));
        out.push(("sheet_ruleset", m.sheet_ruleset("0.1.0")));
        out.push(("sheet_footer", m.sheet_footer("0.1.0")));
        for (name, problem) in InputProblem::samples() {
            out.push((name, m.input_problem(&problem)));
        }
        out.push(("cli_error", m.cli_error("规则")));
        out.push(("cli_warning", m.cli_warning("规则")));
        out.push(("cli_output_failed", m.cli_output_failed("EPIPE")));
        out.push(("cli_no_files", m.cli_no_files()));
        out.push(("cli_reading_stdin", m.cli_reading_stdin()));
        out.push(("edit_nothing_to_change", m.edit_nothing_to_change("a.txt")));
        out.push((
            "edit_written, masked",
            m.edit_written("a.txt", false, 2, "gb18030", Some("a.txt.bak")),
        ));
        out.push(("lists_note", m.lists_note().to_string()));
        let (v, rest) = m.lists_summary(0, 0, "2025.11", "ab12");
        out.push(("lists_summary, fine", format!("{v}{rest}")));
        let (v, rest) = m.lists_summary(2, 1, "2025.11", "ab12");
        out.push(("lists_summary, problems", format!("{v}{rest}")));
        out.push((
            "edit_written, fixed",
            m.edit_written("a.txt", true, 1, "utf-8", None),
        ));
        out
    }

    #[test]
    fn chinese_messages_have_no_english_phrase() {
        for (name, text) in every_message(Lang::Zh) {
            assert!(!text.is_empty(), "{name}");
            assert_eq!(english_run(&text), None, "{name}: {text}");
            assert!(
                !text.contains("; ") && !text.contains(", "),
                "{name}: ASCII punctuation in {text}"
            );
        }
    }

    #[test]
    fn both_languages_have_every_message_and_they_differ() {
        let zh = every_message(Lang::Zh);
        let en = every_message(Lang::En);
        assert_eq!(zh.len(), en.len());
        for ((name, z), (_, e)) in zh.iter().zip(&en) {
            assert!(!e.is_empty(), "{name}");
            assert_ne!(z, e, "{name}");
            assert!(
                e.bytes().any(|b| b.is_ascii_alphabetic()),
                "{name}: not English: {e}"
            );
        }
        // distinct facts give distinct sentences and labels
        let distinct = [
            "resident_id",
            "bank_card",
            "travel_document",
            "severity",
            "verdict",
            "category",
            "gate",
        ];
        for lang in Lang::ALL {
            let mut seen = std::collections::HashSet::new();
            for (name, t) in every_message(lang) {
                if distinct.contains(&name) {
                    assert!(seen.insert(t.clone()), "{lang}: {name} repeats {t}");
                }
            }
        }
    }

    #[test]
    fn context_words_are_quoted_as_found() {
        for lang in Lang::ALL {
            let m = lang.messages();
            assert!(m.mobile("138", Some("手机号")).contains("手机号"));
            assert!(m
                .landline("010", None, Some("咨询电话"), None)
                .contains("咨询电话"));
            assert!(m
                .counter_context(Some("某笔记"), "禁毒")
                .starts_with("某笔记"));
            assert!(m
                .frame_context(Some("某笔记"), "禁毒宣传")
                .starts_with("某笔记"));
            assert!(m.frame_context(None, "禁毒宣传").contains("禁毒宣传"));
            assert!(m.quoted_condemnation(None, "粉碎").contains("粉碎"));
        }
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert_eq!(" EN ".parse::<Lang>(), Ok(Lang::En));
        let e = "fr".parse::<Lang>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown language \"fr\": expected \"zh\" (Chinese, the default) or \"en\" (English)"
        );
        assert!("".parse::<Lang>().is_err());
        assert!("zh-CN".parse::<Lang>().is_err());
        assert_eq!(Lang::default(), Lang::Zh);
        for l in Lang::ALL {
            assert_eq!(l.to_string().parse::<Lang>(), Ok(l));
        }
    }

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language(""), Lang::Zh);
        assert_eq!(Lang::from_accept_language("en"), Lang::En);
        assert_eq!(Lang::from_accept_language("EN-gb"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("zh-Hans-CN;q=0.5, en;q=0.4"),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_accept_language("de, en;q=0.2, zh;q=0.3"),
            Lang::Zh
        );
        assert_eq!(
            Lang::from_accept_language("de, en;q=0.7, zh;q=0.3"),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language("en;q=abc"), Lang::Zh);
        assert_eq!(Lang::from_accept_language(";;,,;q="), Lang::Zh);
    }

    #[test]
    fn english_runs() {
        assert_eq!(english_run(""), None);
        assert_eq!(english_run("context 身份证号"), None);
        assert_eq!(english_run("SE/DE/PE字头"), None);
        assert_eq!(english_run("valid GB 11643 check digit"), Some("valid GB"));
        assert_eq!(english_run("已找到，e-mail address"), Some("mail address"));
        assert_eq!(english_run("见 no findings。"), Some("no findings"));
        assert_eq!(english_run("x y z"), None);
        assert_eq!(english_run("另有 2 处低于 --min-severity 未显示"), None);
        assert_eq!(english_run("use --min-severity here"), None);
        assert_eq!(english_run("use the --min-severity"), Some("use the"));
    }
}
