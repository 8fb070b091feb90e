//! English: plain technical sentences for developers and foreign-language desks (the notes
//! zhscreen wrote before it spoke Chinese).

use super::{ByteFault, InputKind, InputProblem, Messages, SheetWords, StatsWords};
use crate::category::{Category, Gate, Severity, Verdict};
use crate::detect::bank_card::CardIssuer;
use crate::detect::passport::DocumentFormat;
use crate::detect::person_name::Group;
use crate::detect::resident_id::IdHolder;
use crate::detect::sensitive::Kind as SensitiveKind;
use crate::lists::HostKind;
use crate::signoff::SignOffLevel;

/// The English catalogue.
#[derive(Debug, Clone, Copy, Default)]
pub struct En;

/// `; context 联系电话`, or nothing.
fn context(word: Option<&str>) -> String {
    word.map(|w| format!("; context {w}")).unwrap_or_default()
}

impl Messages for En {
    fn mobile(&self, segment: &str, ctx: Option<&str>) -> String {
        format!(
            "mainland mobile number, allocated segment {segment}{}",
            context(ctx)
        )
    }

    fn resident_id(&self, holder: IdHolder, ctx: Option<&str>) -> String {
        let holder = match holder {
            IdHolder::Mainland => "",
            IdHolder::HongKong => "; residence permit for Hong Kong residents (810000)",
            IdHolder::Macau => "; residence permit for Macau residents (820000)",
            IdHolder::Taiwan => "; residence permit for Taiwan residents (830000)",
            IdHolder::Foreigner => "; foreigner's permanent residence card",
        };
        format!("valid GB 11643 check digit{holder}{}", context(ctx))
    }

    fn resident_id_15(&self, division: &str, birth: &str, ctx: Option<&str>) -> String {
        format!(
            "15-digit first-generation ID: division code {division} and birth date 19{birth}, no check digit{}",
            context(ctx)
        )
    }

    fn landline(
        &self,
        area: &str,
        extension: Option<&str>,
        public_contact: Option<&str>,
        ctx: Option<&str>,
    ) -> String {
        let mut note = format!("landline, area code {area}");
        if let Some(x) = extension {
            note.push_str(", extension ");
            note.push_str(x);
        }
        match public_contact {
            Some(w) => {
                note.push_str("; public contact (");
                note.push_str(w);
                note.push(')');
            }
            None => note.push_str(&context(ctx)),
        }
        note
    }

    fn bank_card(&self, digits: usize, issuer: Option<CardIssuer>, ctx: Option<&str>) -> String {
        let issuer = match issuer {
            Some(CardIssuer::UnionPay) => ", UnionPay IIN 62",
            Some(CardIssuer::Domestic60) => ", domestic IIN 60",
            Some(CardIssuer::Domestic95) => ", domestic IIN 95",
            Some(CardIssuer::Visa) => ", Visa IIN 4",
            Some(CardIssuer::Mastercard5) => ", Mastercard IIN 5",
            Some(CardIssuer::Mastercard2) => ", Mastercard IIN 2",
            Some(CardIssuer::Jcb) => ", JCB IIN 35",
            None => "",
        };
        format!(
            "Luhn-valid {digits}-digit card number{issuer}{}",
            context(ctx)
        )
    }

    fn email(&self, government: bool, ctx: Option<&str>) -> String {
        let what = if government {
            "e-mail address on a government domain (gov.cn): an office's mailbox"
        } else {
            "e-mail address"
        };
        format!("{what}{}", context(ctx))
    }

    fn travel_document(&self, format: DocumentFormat, ctx: Option<&str>) -> String {
        use DocumentFormat as F;
        let what = match format {
            F::PassportE8 => "ordinary passport format (E + 8 digits)",
            F::PassportEL7 => "ordinary passport format (E + letter + 7 digits)",
            F::PassportG8 => "ordinary passport format, older series (G + 8 digits)",
            F::OfficialPassport => "service or diplomatic passport format (SE/DE/PE + 7 digits)",
            F::HongKongPassportK8 => "HKSAR passport format (K + 8 digits)",
            F::HongKongPassportH8 => "HKSAR passport format (H + 8 digits)",
            F::MacauPassport => "MSAR passport format (MA + 7 digits)",
            F::HomeReturn8 => "回乡证 format (H/M + 8 digits)",
            F::HomeReturn10 => "回乡证 format, older (H/M + 10 digits)",
            F::HkMacauPermitC8 => "往来港澳通行证 format (C + 8 digits)",
            F::HkMacauPermitCL7 => "往来港澳通行证 format (C + letter + 7 digits)",
            F::HkMacauPermitW8 => "往来港澳通行证 format, older (W + 8 digits)",
            F::TaiwanPermitL8 => "大陆居民往来台湾通行证 format (L + 8 digits)",
            F::TaiwanPermitT8 => "大陆居民往来台湾通行证 format, older (T + 8 digits)",
            F::CompatriotPermit => "台胞证 format (8 digits)",
        };
        format!("{what}{}", context(ctx))
    }

    fn uscc(&self, ctx: Option<&str>) -> String {
        format!(
            "valid GB 32100 check character and organisation-code check: an organisation's code, not personal{}",
            context(ctx)
        )
    }

    fn home_address(&self, word: &str) -> String {
        format!(
            "private home address; context {word}; de-identify, keeping the county or town at most"
        )
    }

    fn home_address_by_tail(&self, tail: &str) -> String {
        format!("address down to {tail} (a residential tail): if it is a private home, de-identify it, keeping the county or town at most")
    }

    fn protected_name(&self, group: Group, word: &str) -> String {
        let who = match group {
            Group::Patient => "a patient",
            Group::Minor => "a minor",
            Group::Student => "a student named with the school",
            Group::Victim => "a victim",
            Group::Party => "a party to a case",
            Group::Relief => "a relief recipient",
        };
        format!(
            "name of {who}; context {word}; not to be published in full: keep the surname (王**)"
        )
    }

    fn sensitive_combination(&self, note: Option<&str>, kind: SensitiveKind, word: &str) -> String {
        let what = match kind {
            SensitiveKind::Health => "a health condition",
            SensitiveKind::MinorSchool => "a minor's school",
            SensitiveKind::Criminal => "a criminal case",
        };
        let why = format!("sensitive personal information (Personal Information Protection Law, art. 28): in the same sentence as {what} ({word})");
        match note {
            Some(n) => format!("{n}; {why}"),
            None => why,
        }
    }

    fn classification_mark(&self) -> String {
        "classification mark: a classified document must not be published".to_string()
    }

    fn bare_classification_level(&self) -> String {
        "classification level alone on its line (1999 document format)".to_string()
    }

    fn counter_context(&self, note: Option<&str>, word: &str) -> String {
        let why = format!("counter-context 「{word}」 in the same sentence: likely publicity or reporting against it; lowered from block to review");
        match note {
            Some(n) => format!("{n}; {why}"),
            None => why,
        }
    }

    fn frame_context(&self, note: Option<&str>, word: &str) -> String {
        let why = format!("its paragraph or the whole text is headed by 「{word}」: a warning, publicity or a report of enforcement; lowered from block to review");
        match note {
            Some(n) => format!("{n}; {why}"),
            None => why,
        }
    }

    fn quoted_condemnation(&self, note: Option<&str>, word: &str) -> String {
        let why = format!("in quotation marks inside condemnatory wording (「{word}」): the official usage; for information only");
        match note {
            Some(n) => format!("{n}; {why}"),
            None => why,
        }
    }

    fn repost_no_source(&self) -> String {
        "repost without a named source: a repost must name its source (Shenmu measures art. 13 (2); Weixi rules art. 7)".to_string()
    }

    fn source_not_publisher(&self, name: &str) -> String {
        format!("source 「{name}」 is not a publisher: reposts come only from Party and government websites and the news units the authorities approve (XX district rules art. 8; Shenmu art. 13 (2); Weixi art. 7)")
    }

    fn source_not_approved(&self, name: &str) -> String {
        format!("source 「{name}」 is not on the list of approved sources: check it, and add it to the unit's `approved_sources` list if it is one (XX district rules art. 8; Weixi art. 7)")
    }

    fn title_chain(&self, titles: usize) -> String {
        format!("{titles} titles before the name: a county leader's news names at most two of his titles; keep the first two (Weixi rules art. 4 (1))")
    }

    fn link_commercial(&self, kind: HostKind, host: &str) -> String {
        let what = match kind {
            HostKind::Shortlink => {
                return format!("short link 「{host}」: its target cannot be seen; open and check it, no link to a commercial advertising page is allowed (XX district art. 8; Weixi art. 7; Chenzhou art. 7)");
            }
            HostKind::Gov => "government site",
            HostKind::Approved => "approved site",
            HostKind::Ecommerce => "e-commerce site",
            HostKind::Marketplace => "marketplace or local-services platform",
            HostKind::Shop => "shop or shop mini-program",
            HostKind::Ad => "advertising or landing page",
        };
        format!("link to a {what} 「{host}」: no commercial advertising and no link to a commercial advertising page (XX district art. 8; Weixi art. 7; Chenzhou art. 7)")
    }

    fn link_unknown(&self, host: &str) -> String {
        format!("external link, host 「{host}」: not a government or approved site; check what the page is")
    }

    fn forced_engagement(&self, action: &str, marker: &str) -> String {
        format!("「{marker}」 makes 「{action}」 a demand: the public must not be forced to download, follow, like or forward (XX district art. 15; Shenmu art. 19); an invitation such as 欢迎关注 is fine")
    }

    fn signer(&self, level: SignOffLevel) -> String {
        match level {
            SignOffLevel::Standard => "the deputy in charge gives the final sign-off",
            SignOffLevel::Important => "the leader in charge signs",
            SignOffLevel::Major => "the head of the unit signs; the county (city) government office reviews it before publication",
        }
        .to_string()
    }

    fn sign_off_level(&self, level: SignOffLevel) -> &'static str {
        match level {
            SignOffLevel::Standard => "standard",
            SignOffLevel::Important => "important",
            SignOffLevel::Major => "major",
        }
    }

    fn sign_off_line(&self, level: &str, signer: &str) -> String {
        format!("sign-off: {level} — {signer}")
    }

    fn sign_off_reason_line(&self, word: &str, line: usize, col: usize, note: &str) -> String {
        format!("because of 「{word}」 at {line}:{col}: {note}")
    }

    fn sign_off_reason(&self, level: SignOffLevel) -> String {
        match level {
            SignOffLevel::Standard => "ordinary information: the deputy in charge gives the final sign-off (Chenzhou art. 14)",
            SignOffLevel::Important => "important information: signed by the leader in charge; content about county leaders or other units goes to them first (Weixi art. 9 (2))",
            SignOffLevel::Major => "major, sudden or sensitive information: signed by the head of the unit and reviewed by the county government office before publication (Weixi art. 4 (2), art. 9 (2); Chenzhou art. 14)",
        }
        .to_string()
    }

    fn severity(&self, severity: Severity) -> &'static str {
        severity.as_str()
    }

    fn verdict(&self, verdict: Verdict) -> &'static str {
        match verdict {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn (publish after the fixes)",
            Verdict::Review => "review (a person must check it)",
            Verdict::Block => "block (must not be published)",
        }
    }

    fn category(&self, category: Category) -> &'static str {
        match category {
            Category::Political => "politically sensitive",
            Category::Expression => "non-standard wording",
            Category::Confidential => "classification mark",
            Category::PersonalInfo => "personal data",
            Category::Pornography => "pornography",
            Category::Gambling => "gambling",
            Category::Drugs => "drugs",
            Category::ViolenceTerror => "violence and terrorism",
            Category::CultSuperstition => "cults and superstition",
            Category::Discrimination => "ethnic or religious discrimination",
            Category::Rumor => "rumour",
            Category::Insult => "insult or defamation",
            Category::IllegalAssembly => "illegal assembly",
            Category::Advertising => "advertising",
            Category::Opinion => "emotional opinion",
            Category::Typo => "typo",
            Category::Publishing => "publishing rules",
        }
    }

    fn gate(&self, gate: Gate) -> &'static str {
        match gate {
            Gate::Politics => "politics gate",
            Gate::Law => "law gate",
            Gate::Policy => "policy gate",
            Gate::Secrecy => "secrecy gate",
            Gate::Text => "text gate",
        }
    }

    fn human_suggestion(&self, suggestion: &str) -> String {
        format!("suggestion: {suggestion}")
    }

    fn human_note(&self, note: &str) -> String {
        format!("note: {note}")
    }

    fn human_input(&self, decoded_from: Option<&str>, kind: InputKind) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(enc) = decoded_from {
            parts.push(format!("decoded from {enc}"));
        }
        match kind {
            InputKind::WebPage => parts.push(
                "visible text of the page screened; positions are line:column of the page source"
                    .to_string(),
            ),
            InputKind::Word => parts
                .push("Word paragraphs screened; positions are paragraph:character".to_string()),
            InputKind::Text | InputKind::Markdown => {}
        }
        (!parts.is_empty()).then(|| format!("note: {}", parts.join("; ")))
    }

    fn human_findings(&self, n: usize, counts: &str, hidden: usize) -> String {
        let what = if n == 0 {
            "no findings".to_string()
        } else {
            format!("{} ({counts})", plural(n, "finding"))
        };
        if hidden > 0 {
            format!("{what}, {hidden} below --min-severity hidden")
        } else {
            what
        }
    }

    fn human_verdict(&self, what: &str, verdict: &str) -> String {
        format!("{what} — verdict: {verdict}")
    }

    fn human_run(
        &self,
        files: usize,
        verdicts: &str,
        findings: usize,
        counts: &str,
        hidden: usize,
        errors: usize,
    ) -> String {
        let mut line = format!(
            "Screened {}: {}",
            plural(files, "file"),
            if verdicts.is_empty() {
                "none"
            } else {
                verdicts
            }
        );
        if findings > 0 {
            line.push_str(&format!("; {} ({counts})", plural(findings, "finding")));
        }
        if hidden > 0 {
            line.push_str(&format!("; {hidden} hidden"));
        }
        if errors > 0 {
            line.push_str(&format!(
                "; {} not screened (see errors)",
                plural(errors, "input")
            ));
        }
        line
    }

    fn human_partial_verdict(&self, line: &str, verdict: Option<&str>) -> String {
        match verdict {
            Some(v) => format!("{line} — verdict of the screened files: {v}"),
            None => format!("{line} — no verdict: nothing was screened"),
        }
    }

    fn sheet(&self) -> &'static SheetWords {
        &SHEET
    }

    fn sheet_title(&self, sheets: usize) -> String {
        if sheets == 1 {
            SHEET.title.to_string()
        } else {
            format!("{} ({sheets} sheets)", SHEET.title)
        }
    }

    fn sheet_position(&self, line: usize, col: usize, paragraph: bool) -> (String, String) {
        let unit = if paragraph { "paragraph" } else { "line" };
        (format!("{unit} {line}"), format!("character {col}"))
    }

    fn sheet_gate_count(&self, n: usize) -> String {
        if n == 0 {
            "no findings".to_string()
        } else {
            plural(n, "finding")
        }
    }

    fn sheet_counts(&self, n: usize, counts: &str, hidden: usize) -> String {
        let shown = if n == 0 {
            "no findings".to_string()
        } else {
            format!("{}: {counts}", plural(n, "finding"))
        };
        if hidden > 0 {
            format!("{shown} ({hidden} more below --min-severity not listed)")
        } else {
            shown
        }
    }

    fn sheet_content(&self, kind: InputKind, encoding: &str) -> String {
        let what = match kind {
            InputKind::WebPage => "visible text of a web page (positions in the page source)",
            InputKind::Word => "paragraphs of a Word document (positions: paragraph, character)",
            InputKind::Markdown => "Markdown text",
            InputKind::Text => "plain text",
        };
        format!("{what}, {encoding}")
    }

    fn sheet_ruleset(&self, version: &str) -> String {
        format!("zhscreen rules v{version}")
    }

    fn sheet_footer(&self, version: &str) -> String {
        format!("Made by zhscreen {version}; the ruleset fingerprint identifies the rules of this screening for the audit record.")
    }

    fn wording_formulation(&self, canonical: &str) -> String {
        format!("fixed formulation: write 「{canonical}」 exactly, with no character added, dropped, changed or swapped")
    }

    fn typo_statistical(&self, found: &str, likely: &str, power: u32) -> String {
        let confidence = match power {
            0..=5 => "medium",
            6..=7 => "fairly high",
            _ => "high",
        };
        format!(
            "possible typo (statistical, {confidence} confidence): 「{likely}」 is about 10^{power} times likelier than 「{found}」 in official text; check it"
        )
    }

    fn wording_leader_name(&self, canonical: &str, date: &str) -> String {
        format!("leader's name and title: write 「{canonical}」 (leaders table of {date})")
    }

    fn wording_leader_title_typo(&self, canonical: &str, date: &str) -> String {
        format!("leader's title: write 「{canonical}」 (leaders table of {date})")
    }

    fn wording_leader_title(
        &self,
        name: &str,
        title: &str,
        holders: &str,
        own: &str,
        date: &str,
    ) -> String {
        let held = if holders.is_empty() {
            String::new()
        } else {
            format!(" (held by {holders})")
        };
        format!("{name} does not hold the title {title}{held}; {name}'s title is {own} (leaders table of {date})")
    }

    fn wording_pbsc_order(&self, order: &str, date: &str) -> String {
        format!("the Standing Committee of the Political Bureau in protocol order: {order} (leaders table of {date})")
    }

    fn wording_enumeration_order(&self, name: &str, order: &str) -> String {
        format!("the members of 「{name}」 in their fixed order: {order}")
    }

    fn wording_enumeration_member(&self, name: &str, order: &str) -> String {
        format!("「{name}」 is listed as: {order}")
    }

    fn input_problem(&self, problem: &InputProblem) -> String {
        let at = |what: &str, f: &ByteFault| {
            let s = if f.sequences == 1 { "" } else { "s" };
            format!(
                "{what}: invalid UTF-8 at line {}, column {} (byte {}; {} invalid sequence{s})",
                f.line, f.column, f.byte, f.sequences
            )
        };
        match problem {
            InputProblem::NotFound => "no such file or directory".into(),
            InputProblem::PermissionDenied => "permission denied".into(),
            InputProblem::Io(detail) => detail.clone(),
            InputProblem::LegacyWord { ext } => format!(
                "unsupported format .{ext} (legacy binary Word/WPS): save it as .docx or .txt"
            ),
            InputProblem::UnsupportedExtension { ext } => {
                format!("unsupported format .{ext}: export the text as .docx or .txt")
            }
            InputProblem::UnsupportedZip => {
                "unsupported format (a zip archive that is not a Word document)".into()
            }
            InputProblem::NotDocxContainer => {
                "not a .docx file (no zip container): save it again from Word".into()
            }
            InputProblem::BinaryFile => {
                "binary file (NUL bytes), not text: unsupported format".into()
            }
            InputProblem::DamagedUtf8(f) => at("damaged UTF-8 text", f),
            InputProblem::UnknownEncoding(f) => at(
                "not text in UTF-8, UTF-16 or GB18030/GBK: unsupported encoding",
                f,
            ),
            InputProblem::InvalidUtf16 { encoding } => format!("invalid {encoding} text"),
            InputProblem::DocxZip(detail) => {
                format!("not a valid .docx (zip container: {detail})")
            }
            InputProblem::DocxNoDocumentXml => {
                "not a Word document: the .docx has no word/document.xml".into()
            }
            InputProblem::DocxTooLarge { mib, declared } => format!(
                "word/document.xml is {}{mib} MiB uncompressed: too large to screen",
                if *declared { "" } else { "over " }
            ),
            InputProblem::DocxRead(detail) => {
                format!("cannot read word/document.xml: {detail}")
            }
            InputProblem::DocxMalformedXml { byte, detail } => {
                format!("word/document.xml: malformed XML at byte {byte}: {detail}")
            }
            InputProblem::DocxUnknownEntity { name, byte } => {
                format!("word/document.xml: unknown entity &{name}; at byte {byte}")
            }
        }
    }

    fn cli_error(&self, message: &str) -> String {
        format!("error: {message}")
    }

    fn cli_warning(&self, message: &str) -> String {
        format!("warning: {message}")
    }

    fn cli_output_failed(&self, detail: &str) -> String {
        format!("cannot write the output: {detail}")
    }

    fn cli_no_files(&self) -> String {
        "no file to screen: the directories hold no txt, md, html or docx files (see --glob)".into()
    }

    fn cli_reading_stdin(&self) -> String {
        "reading standard input (end with Ctrl-D)".into()
    }

    fn edit_nothing_to_change(&self, name: &str) -> String {
        format!("{name}: nothing to change")
    }

    fn edit_written(
        &self,
        name: &str,
        fixed: bool,
        spans: usize,
        encoding: &str,
        backup: Option<&str>,
    ) -> String {
        let what = if fixed { "fixed" } else { "masked" };
        let backup = backup.map(|b| format!(", backup {b}")).unwrap_or_default();
        let s = if spans == 1 { "" } else { "s" };
        format!("{name}: {what} {spans} span{s} ({encoding}{backup})")
    }

    fn lists_note(&self) -> &'static str {
        "note"
    }

    fn lists_summary(
        &self,
        problems: usize,
        notes: usize,
        version: &str,
        fingerprint: &str,
    ) -> (String, String) {
        let verdict = if problems == 0 {
            "lists OK".to_string()
        } else {
            format!("{} to fix", plural(problems, "problem"))
        };
        let notes = if notes > 0 {
            format!(" ({})", plural(notes, "note"))
        } else {
            String::new()
        };
        (
            verdict,
            format!("{notes} — ruleset {version} fingerprint {fingerprint}"),
        )
    }

    fn lists_stats(&self) -> &'static StatsWords {
        &STATS
    }
}

/// `1 finding`, `2 findings`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

static SHEET: SheetWords = SheetWords {
    title: "Review sheet for publication on government new media",
    subtitle: "machine screening · review before publishing · three reviews",
    file: "File",
    time: "Screened at",
    content: "Content",
    ruleset: "Ruleset",
    verdict: "Verdict",
    text_heading: "1. Text",
    legend: "Findings are coloured by severity: ",
    legend_hint: "hover for category, rule and suggestion",
    findings_heading: "2. Findings",
    findings_hint: "grouped by the five gates: politics, law, policy, secrecy, text",
    columns: [
        "No.",
        "Position",
        "Severity",
        "Category",
        "Text",
        "Suggestion",
        "Rule / note",
    ],
    signoff_heading: "3. Sign-off",
    signoff_hint:
        "machine screening does not replace the reviewers: three reviews before publishing",
    signoff: [
        ("First review", "editor"),
        ("Second review", "secrecy reviewer"),
        ("Final review", "head of office"),
    ],
    signoff_fields: ["Opinion:", "Signature:", "Date:"],
    blank_date: "______ (yyyy-mm-dd)",
    rule: "rule",
    suggestion: "suggestion",
    note: "note",
    errors_heading: "Files that could not be screened",
};

static STATS: StatsWords = StatsWords {
    columns: ["category", "gate", "entries"],
    total: "total entries",
    allows: "allow: exceptions",
    counters: "counter: context words",
    detectors: "detectors",
    automaton_kib: "automaton KiB",
    ruleset: ["ruleset", "fingerprint"],
};
