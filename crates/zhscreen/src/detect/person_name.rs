//! Names of people the law wants protected (`personal_info/protected_name`).
//!
//! A 公示 must publish names, so names in general are not personal data to hide. Some people's
//! names are: patients (患者, 病例), minors (未成年人, 儿童), students named with their school
//! (某某小学学生), victims (受害人, 被害人), the parties and suspects of a case (当事人 in a
//! sentence about a case, 犯罪嫌疑人, 被告人) and, where the unit chooses, relief recipients
//! (救助对象, 低保对象). A name is read right after such a word: a surname from
//! `data/surnames.txt` (only those marked `common`) and one or two given-name characters, ended
//! by punctuation or by a word that usually follows a name (因, 于, 在, 同学...). Precision comes
//! first: a given name may not hold function, time or place characters (患者于昨日出院 is no
//! name), names already hidden (王某, 李某某) are not names, and a sentence about awards (荣获,
//! 表彰...) or a name followed by an official title (王明书记) is never reported.
//!
//! The finding is `warn` by default and `review` under [`NamesPolicy::protect`]; the mask keeps
//! the surname (王**, 欧阳**).
//!
//! ```
//! use zhscreen::{NamesPolicy, Screener, Severity};
//! let t = "受害人王小明（男，12岁）在上学途中被撞。";
//! let warn = Screener::new()?.scan(t);
//! assert_eq!(warn.findings[0].text, "王小明");
//! assert_eq!(warn.findings[0].severity, Severity::Warn);
//! let strict = Screener::builder().names(NamesPolicy::protect()).build()?;
//! assert_eq!(strict.scan(t).findings[0].severity, Severity::Review);
//! assert_eq!(strict.redact(t).text, "受害人王**（男，12岁）在上学途中被撞。");
//! # Ok::<(), zhscreen::Error>(())
//! ```

use super::{personal, DetectText, Detection, Detector, PiiKind};
use crate::category::Severity;
use crate::error::{Error, Result};
use std::sync::OnceLock;

/// Rule id.
pub const RULE: &str = "personal_info/protected_name";

/// The name of the embedded surname list, as used in `file:line` errors.
pub const SURNAMES_FILE: &str = "data/surnames.txt";

/// The embedded surname list.
pub const SURNAMES_TEXT: &str = include_str!("../../data/surnames.txt");

/// How names of protected people are reported: the names policy.
///
/// ```
/// use zhscreen::NamesPolicy;
/// assert_eq!("protect".parse::<NamesPolicy>()?, NamesPolicy::protect());
/// assert_eq!("warn".parse::<NamesPolicy>()?, NamesPolicy::default());
/// assert!("hide".parse::<NamesPolicy>().is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct NamesPolicy {
    /// Report at `review` (the name must be hidden before publishing) instead of `warn`.
    pub protect: bool,
    /// Also read names after 救助对象, 低保对象, 特困人员... (off by default: many 公示 of
    /// relief must publish them).
    pub relief_recipients: bool,
}

impl NamesPolicy {
    /// Names of protected people at `review`.
    pub fn protect() -> NamesPolicy {
        NamesPolicy {
            protect: true,
            relief_recipients: false,
        }
    }

    /// The same policy, also reading names of relief recipients (or not).
    pub fn with_relief_recipients(mut self, on: bool) -> NamesPolicy {
        self.relief_recipients = on;
        self
    }

    /// The severity of a protected name under this policy.
    pub fn severity(&self) -> Severity {
        if self.protect {
            Severity::Review
        } else {
            Severity::Warn
        }
    }
}

impl std::str::FromStr for NamesPolicy {
    type Err = String;

    /// `warn` (the default) or `protect`.
    fn from_str(s: &str) -> std::result::Result<NamesPolicy, String> {
        match s {
            "warn" => Ok(NamesPolicy::default()),
            "protect" => Ok(NamesPolicy::protect()),
            other => Err(format!(
                "unknown names policy `{other}` (expected warn or protect)"
            )),
        }
    }
}

/// Whose name it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// 患者, 病例.
    Patient,
    /// 未成年人, 儿童.
    Minor,
    /// A student named with the school.
    Student,
    /// 受害人, 被害人.
    Victim,
    /// A party to or suspect in a case.
    Party,
    /// 救助对象 (by option).
    Relief,
}

impl Group {
    /// Every group.
    pub const ALL: [Group; 6] = [
        Group::Patient,
        Group::Minor,
        Group::Student,
        Group::Victim,
        Group::Party,
        Group::Relief,
    ];
}

/// The context words and whose name follows them.
const CONTEXTS: &[(&str, Group)] = &[
    ("确诊病例", Group::Patient),
    ("病例", Group::Patient),
    ("患者", Group::Patient),
    ("病人", Group::Patient),
    ("病患", Group::Patient),
    ("伤者", Group::Patient),
    ("未成年人", Group::Minor),
    ("未成年", Group::Minor),
    ("儿童", Group::Minor),
    ("女童", Group::Minor),
    ("男童", Group::Minor),
    ("幼儿", Group::Minor),
    ("学生", Group::Student),
    ("受害人", Group::Victim),
    ("被害人", Group::Victim),
    ("受害者", Group::Victim),
    ("被害者", Group::Victim),
    ("被侵害人", Group::Victim),
    ("死者", Group::Victim),
    ("当事人", Group::Party),
    ("犯罪嫌疑人", Group::Party),
    ("嫌疑人", Group::Party),
    ("被告人", Group::Party),
    ("被执行人", Group::Party),
    ("救助对象", Group::Relief),
    ("低保对象", Group::Relief),
    ("特困人员", Group::Relief),
    ("受助人", Group::Relief),
    ("受助者", Group::Relief),
];

/// A school before 学生 makes the student identifiable.
const SCHOOL: &[&str] = &[
    "小学",
    "中学",
    "学校",
    "幼儿园",
    "高中",
    "初中",
    "一中",
    "二中",
    "三中",
    "附中",
    "职中",
];

/// A case in the sentence makes 当事人 a party to it.
const CASE: &[&str] = &[
    "案", "涉嫌", "判决", "起诉", "诉讼", "纠纷", "刑事", "民事", "法院", "仲裁", "犯罪",
];

/// Award and honour words: a sentence with one of them names people to honour them.
const AWARD: &[&str] = &[
    "荣获", "获评", "表彰", "授予", "评为", "获奖", "称号", "先进", "模范", "优秀", "奖励",
];

/// Titles after a name: an official or professional in their duties.
const TITLE: &[&str] = &[
    "书记",
    "县长",
    "市长",
    "省长",
    "镇长",
    "乡长",
    "村长",
    "区长",
    "局长",
    "厅长",
    "处长",
    "科长",
    "部长",
    "主任",
    "主席",
    "院长",
    "校长",
    "委员",
    "代表",
    "同志",
    "老师",
    "教师",
    "医生",
    "护士",
    "民警",
    "警官",
    "法官",
    "检察官",
    "律师",
];

/// What may stand between the context word and the name.
const GAP: &[&str] = &["：", ":", " "];

/// Characters that are not given-name characters: function, time, place and quantity words.
const NOT_GIVEN: &str = "的了是在于与及或等系为因被将把从到向对其该此这那个们所已正均也都亦称说应要会能可不没无有上下中内外前后间面人者家属长数量度情况病症例院部门区县市省村镇乡街路号年月日时昨今去来某氏女男和并且就又即里旁边侧共每各全总另多少第十百千万亿元岁名位次项件围况策施准障务理制体系性化率额费款品类型式规则条目据";

/// Single characters after a name that end it (besides punctuation).
const AFTER: &str = "因于在系被已经将曾等的与和及今现就到入出向从男女家是为称说也均都亦不未犯";

/// Words after a name that end it.
const AFTER_WORDS: &[&str] = &["同学", "小朋友", "先生", "女士"];

/// Surnames: single (common, used for finding) and compound; every one for the mask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surnames {
    /// `(surname, common)`, in file order.
    entries: Vec<(String, bool)>,
    /// Indices into `entries` by first character, for the look-up at each candidate name.
    by_first: std::collections::BTreeMap<char, Vec<usize>>,
}

impl Surnames {
    /// Parses a surname list (format in the file's header); errors name `file:line`.
    ///
    /// ```
    /// let s = zhscreen::detect::person_name::Surnames::parse("s.txt", "王 common\n欧阳\n")?;
    /// assert_eq!(s.len(), 2);
    /// let e = zhscreen::detect::person_name::Surnames::parse("s.txt", "王\n王\n").unwrap_err();
    /// assert_eq!(e.to_string(), "s.txt:2: surname `王` already on line 1");
    /// # Ok::<(), zhscreen::Error>(())
    /// ```
    pub fn parse(file: &str, text: &str) -> Result<Surnames> {
        let mut entries: Vec<(String, bool)> = Vec::new();
        let mut lines: Vec<usize> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let err = |m: String| Error::wordlist(file, line, m);
            let mut fields = l.split_whitespace();
            let name = fields.next().unwrap_or_default();
            let common = match fields.next() {
                None => false,
                Some("common") => true,
                Some(other) => {
                    return Err(err(format!(
                        "expected `SURNAME [common]`, found `{other}` after the surname"
                    )))
                }
            };
            if let Some(extra) = fields.next() {
                return Err(err(format!("unexpected `{extra}` at the end of the line")));
            }
            let n = name.chars().count();
            if !(1..=2).contains(&n) || !name.chars().all(super::is_cjk_char) {
                return Err(err(format!(
                    "`{name}`: a surname is one or two Chinese characters"
                )));
            }
            if let Some(k) = entries.iter().position(|(s, _)| s == name) {
                return Err(err(format!(
                    "surname `{name}` already on line {}",
                    lines[k]
                )));
            }
            entries.push((name.to_string(), common));
            lines.push(line);
        }
        if entries.is_empty() {
            return Err(Error::wordlist(file, 1, "no surname in the list"));
        }
        let mut by_first: std::collections::BTreeMap<char, Vec<usize>> = Default::default();
        for (i, (name, _)) in entries.iter().enumerate() {
            if let Some(c) = name.chars().next() {
                by_first.entry(c).or_default().push(i);
            }
        }
        Ok(Surnames { entries, by_first })
    }

    /// The embedded list (`data/surnames.txt`).
    pub fn builtin() -> Result<&'static Surnames> {
        static LIST: OnceLock<std::result::Result<Surnames, String>> = OnceLock::new();
        LIST.get_or_init(|| {
            Surnames::parse(SURNAMES_FILE, SURNAMES_TEXT).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Build(e.clone()))
    }

    /// How many surnames.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list is empty (never, once parsed).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The surnames with their `common` mark.
    pub fn entries(&self) -> impl Iterator<Item = (&str, bool)> {
        self.entries.iter().map(|(s, c)| (s.as_str(), *c))
    }

    /// The byte length of the surname `s` starts with: a compound surname if one matches, else a
    /// single one; `common_only` for finding.
    pub fn surname_len(&self, s: &str, common_only: bool) -> Option<usize> {
        let mut best: Option<usize> = None;
        let first = s.chars().next()?;
        for (name, common) in self
            .by_first
            .get(&first)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
        {
            if (common_only && !common) || !s.starts_with(name.as_str()) {
                continue;
            }
            if best.is_none_or(|b| name.len() > b) {
                best = Some(name.len());
            }
        }
        best
    }
}

/// Problems of the embedded surname list (`data/surnames.txt`) for its maintainer (`lint`):
/// `(line, message)` for a line that does not parse, a `common` surname that is not read as the
/// start of a name after a context word (受害人王晓东，), a surname the mask would not keep whole,
/// and a surname not marked `common` that is read anyway.
pub fn lint_surnames() -> Vec<(usize, String)> {
    match Surnames::parse(SURNAMES_FILE, SURNAMES_TEXT) {
        Err(e) => vec![(e.location().map_or(1, |l| l.1), e.to_string())],
        Ok(_) => match Surnames::builtin() {
            Ok(list) => lint_surname_list(list, SURNAMES_TEXT),
            Err(e) => vec![(1, e.to_string())],
        },
    }
}

/// [`lint_surnames`] of `list`, parsed from `text`.
fn lint_surname_list(list: &'static Surnames, text: &str) -> Vec<(usize, String)> {
    let det = PersonNameDetector {
        policy: NamesPolicy::default(),
        surnames: list,
        searcher: OnceLock::new(),
    };
    let mut out = Vec::new();
    let mut line = 0;
    for raw in text.lines() {
        line += 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let mut fields = l.split_whitespace();
        let (Some(name), common) = (fields.next(), fields.next() == Some("common")) else {
            continue;
        };
        let full = format!("{name}晓东");
        let t = format!("受害人{full}，");
        let mut found = Vec::new();
        det.detect(
            &DetectText::new(t.as_str(), crate::messages::Lang::Zh),
            &mut found,
        );
        let read: Vec<&str> = found.iter().map(|d| &t[d.start..d.end]).collect();
        if common && read != [full.as_str()] {
            out.push((
                line,
                format!("the common surname `{name}` is not read in `{t}` (read: {read:?})"),
            ));
        }
        if !common && det.surnames.surname_len(&full, true).is_none() && !read.is_empty() {
            out.push((
                line,
                format!("`{name}` is not marked common but is read in `{t}`"),
            ));
        }
        let keep = match det.surnames.surname_len(&full, false) {
            Some(n) if n > 3 => 2,
            _ => 1,
        };
        if keep != name.chars().count() {
            out.push((
                line,
                format!(
                    "the mask of `{full}` would keep {keep} characters, not the surname `{name}`"
                ),
            ));
        }
    }
    out
}

/// The surname length (in chars) the name mask keeps: 2 for a compound surname, else 1.
pub fn mask_keep_chars(value: &str) -> usize {
    match Surnames::builtin() {
        Ok(s) if s.surname_len(value, false).is_some_and(|n| n > 3) => 2,
        _ => 1,
    }
}

/// Finds names of protected people.
pub struct PersonNameDetector {
    policy: NamesPolicy,
    surnames: &'static Surnames,
    /// The searcher of [`WORDS`] when the detector runs alone (in a screener, its automaton finds
    /// them).
    searcher: OnceLock<Option<aho_corasick::AhoCorasick>>,
}

/// The context words of [`CONTEXTS`], in the same order.
static WORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| CONTEXTS.iter().map(|(w, _)| *w).collect());

/// The policy and the surnames, not the searcher: the ruleset fingerprint hashes what a
/// detector prints here, so the names policy and the surname list are part of it.
impl std::fmt::Debug for PersonNameDetector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonNameDetector")
            .field("policy", &self.policy)
            .field("surnames", self.surnames)
            .finish()
    }
}

impl PersonNameDetector {
    /// The detector under `policy`.
    pub fn new(policy: NamesPolicy) -> Result<PersonNameDetector> {
        Ok(PersonNameDetector {
            policy,
            surnames: Surnames::builtin()?,
            searcher: OnceLock::new(),
        })
    }

    /// The length of a name already hidden (王某, 李某某, 张××) at the start of `s`.
    fn hidden_name_at(&self, s: &str) -> Option<usize> {
        let sl = self.surnames.surname_len(s, false)?;
        let n = s[sl..]
            .chars()
            .take(2)
            .take_while(|c| matches!(c, '某' | '×' | '*' | 'X' | 'x' | '＊'))
            .map(char::len_utf8)
            .sum::<usize>();
        (n > 0).then_some(sl + n)
    }

    /// The name (byte length) at the start of `s`, if one is there.
    fn name_at(&self, s: &str) -> Option<usize> {
        let sl = self.surnames.surname_len(s, true)?;
        let mut end = sl;
        let mut best = None;
        for (given, c) in s[sl..].chars().enumerate() {
            if given == 2 || !super::is_cjk_char(c) || NOT_GIVEN.contains(c) {
                break;
            }
            end += c.len_utf8();
            if ends_name(&s[end..]) {
                best = Some(end);
            }
        }
        // the longest reading that ends well, unless a title follows (王明书记)
        let end = best?;
        (!TITLE.iter().any(|t| s[end..].starts_with(t))).then_some(end)
    }
}

/// Whether the text after a name ends it.
fn ends_name(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) if !super::is_cjk_char(c) => !c.is_ascii_alphanumeric(),
        Some(c) => AFTER.contains(c) || AFTER_WORDS.iter().any(|w| rest.starts_with(w)),
    }
}

impl Detector for PersonNameDetector {
    fn detect(&self, text: &DetectText<'_>, out: &mut Vec<Detection>) {
        let hits = super::context_hits(&self.searcher, &WORDS, &text.text);
        self.detect_with(text, &hits, out);
    }

    fn context_words(&self) -> &[&'static str] {
        &WORDS
    }

    fn detect_with(
        &self,
        text: &DetectText<'_>,
        hits: &[(usize, usize, u32)],
        out: &mut Vec<Detection>,
    ) {
        let t: &str = &text.text;
        for (ms, me, i) in super::leftmost_longest(hits) {
            let Some(&(word, group)) = CONTEXTS.get(i as usize) else {
                continue;
            };
            if group == Group::Relief && !self.policy.relief_recipients {
                continue;
            }
            let sent = super::sentence_around(t, ms, me, 80);
            if AWARD.iter().any(|w| sent.contains(w)) {
                continue;
            }
            let before = &t[super::chars_back(t, ms, 20)..ms];
            let ok = match group {
                Group::Student => SCHOOL.iter().any(|w| before.contains(w)),
                Group::Party if word == "当事人" => CASE.iter().any(|w| sent.contains(w)),
                _ => true,
            };
            if !ok {
                continue;
            }
            let mut pos = me;
            if let Some(g) = GAP.iter().find(|g| t[pos..].starts_with(**g)) {
                pos += g.len();
            }
            // 受害人王小明、李红: a list of names
            for _ in 0..8 {
                if let Some(len) = self.hidden_name_at(&t[pos..]) {
                    // 梁某、谢晓东: a name already hidden, then maybe more
                    pos += len;
                    match t[pos..].strip_prefix(['、', '和']) {
                        Some(rest) => pos = t.len() - rest.len(),
                        None => break,
                    }
                    continue;
                }
                let Some(len) = self.name_at(&t[pos..]) else {
                    break;
                };
                out.push(personal(
                    pos,
                    pos + len,
                    self.policy.severity(),
                    RULE,
                    text.lang.messages().protected_name(group, word),
                    PiiKind::PersonName,
                ));
                pos += len;
                match t[pos..].strip_prefix(['、', '和']) {
                    Some(rest) => pos = t.len() - rest.len(),
                    None => break,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{detect, find};

    fn d() -> PersonNameDetector {
        PersonNameDetector::new(NamesPolicy::default()).unwrap()
    }

    #[test]
    fn the_surname_list_parses() {
        let s = Surnames::builtin().unwrap();
        assert!(s.len() > 500, "{}", s.len());
        assert!(s.entries().filter(|(_, c)| *c).count() >= 100);
        assert_eq!(s.surname_len("欧阳修", false), Some(6));
        assert_eq!(s.surname_len("和平", true), None);
        assert_eq!(s.surname_len("和平", false), Some(3));
        assert_eq!(mask_keep_chars("欧阳小明"), 2);
        assert_eq!(mask_keep_chars("王小明"), 1);
    }

    #[test]
    fn every_surname_is_read_and_masked() {
        let s = Surnames::builtin().unwrap();
        let policy = NamesPolicy::default();
        let det = PersonNameDetector::new(policy).unwrap();
        for (name, common) in s.entries() {
            let full = format!("{name}晓东");
            // the mask keeps exactly the surname
            let keep = mask_keep_chars(&full);
            assert_eq!(keep, name.chars().count(), "{name}");
            // only common surnames start a name after a context word
            let found = find(&det, &format!("受害人{full}，"));
            if common {
                assert_eq!(found, std::slice::from_ref(&full), "{name}");
            } else if s.surname_len(&full, true).is_none() {
                assert!(found.is_empty(), "{name}: {found:?}");
            }
        }
    }

    #[test]
    fn surname_lint() {
        assert_eq!(lint_surnames(), Vec::new());
        // a compound 王晓 makes the mask of 王晓东 keep two characters, not the surname 王
        let text = "王 common\n# x\n王晓\n";
        let list = Box::leak(Box::new(Surnames::parse("s.txt", text).unwrap()));
        let issues = lint_surname_list(list, text);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].0, 1);
        assert!(issues[0].1.contains("keep 2"), "{issues:?}");
    }

    #[test]
    fn surname_errors_name_the_line() {
        let e = |t: &str| Surnames::parse("s.txt", t).unwrap_err().to_string();
        assert_eq!(
            e("王\n王小明\n"),
            "s.txt:2: `王小明`: a surname is one or two Chinese characters"
        );
        assert_eq!(
            e("王 rare\n"),
            "s.txt:1: expected `SURNAME [common]`, found `rare` after the surname"
        );
        assert_eq!(
            e("王 common x\n"),
            "s.txt:1: unexpected `x` at the end of the line"
        );
        assert_eq!(e("# nothing\n"), "s.txt:1: no surname in the list");
    }

    #[test]
    fn names_in_protected_contexts() {
        assert_eq!(find(&d(), "患者王小明因发热就诊"), ["王小明"]);
        assert_eq!(find(&d(), "受害人：李红，女，15岁"), ["李红"]);
        assert_eq!(
            find(&d(), "受害人王小明、李红在事故中受伤"),
            ["王小明", "李红"]
        );
        assert_eq!(find(&d(), "县第一中学学生张伟同学"), ["张伟"]);
        assert_eq!(find(&d(), "犯罪嫌疑人欧阳明于3月被抓获"), ["欧阳明"]);
        assert_eq!(find(&d(), "该案当事人刘强不服判决"), ["刘强"]);
        assert_eq!(find(&d(), "犯罪嫌疑人梁某、谢晓东已被抓获"), ["谢晓东"]);
        assert_eq!(find(&d(), "幼儿园中班幼儿胡一鸣在园内摔伤"), ["胡一鸣"]);
    }

    #[test]
    fn not_names_or_not_protected() {
        for t in [
            "患者王某因发热就诊",
            "患者李某某，男",
            "患者于昨日出院",
            "学生安全教育",
            "当事人双方的",
            "学生张伟参加比赛",
            "当事人刘强到窗口办理",
            "患者王明书记看望",
            "荣获表彰的学生代表、患者王小明",
            "救助对象王小明，",
            "患者高度重视",
            "学生方面，",
            "扩大救助对象范围，",
        ] {
            assert!(find(&d(), t).is_empty(), "{t}: {:?}", find(&d(), t));
        }
        let relief =
            PersonNameDetector::new(NamesPolicy::default().with_relief_recipients(true)).unwrap();
        assert_eq!(find(&relief, "救助对象王小明，"), ["王小明"]);
    }

    #[test]
    fn the_policy_is_part_of_the_fingerprint() {
        let a = crate::Screener::new().unwrap();
        let b = crate::Screener::builder()
            .names(NamesPolicy::protect())
            .build()
            .unwrap();
        assert_ne!(a.ruleset().fingerprint, b.ruleset().fingerprint);
        assert!(format!("{:?}", d()).len() < 20_000);
    }

    #[test]
    fn severity_follows_the_policy() {
        let t = "患者王小明，";
        assert_eq!(detect(&d(), t)[0].severity, Severity::Warn);
        let p = PersonNameDetector::new(NamesPolicy::protect()).unwrap();
        assert_eq!(detect(&p, t)[0].severity, Severity::Review);
    }
}
