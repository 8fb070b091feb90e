//! Home addresses of private persons (`personal_info/home_address`).
//!
//! An address is read as a chain of parts, each a name or a number followed by a suffix that
//! says its level (郴州|市 北湖|区 人民|路 88|号 5|栋 302|室); the suffixes are data
//! (`data/address_suffixes.txt`, see [`AddressRules`]). A chain is reported, at `review`, when it
//! goes below the town (a village, road, number, complex, building, unit or room) and either
//!
//! - follows a residential context word (家住, 住址, 现住, 户籍地址, 居住地, 家庭住址, 暂住,
//!   `，住`...), unless an institution (医院, 学校, 政府, 服务中心...) follows it; or
//! - ends in a residential tail (5栋, 2单元, 302室, 3号楼, 三组 after a village) after a named
//!   part, and no institution cue (办公地址, 活动地点, 位于, 医院, 学校...) stands before it in
//!   the sentence or after it.
//!
//! Institution addresses (县政务服务中心位于…, 办公地址…) are therefore not reported. Redaction
//! keeps the parts down to the town and masks the rest ([`admin_end`]).
//!
//! Cost: the tail check rides on the shared digit scan ([`DetectText::digit_runs`]); the context
//! words come from the screener's one automaton pass ([`Detector::detect_with`]; a small
//! Aho-Corasick searcher when the detector runs alone). Everything else runs only where one of them hits, over a bounded window.
//!
//! ```
//! let screener = zhscreen::Screener::new()?;
//! let r = screener.scan("申请人张某，家住郴州市北湖区人民路88号5栋302室。");
//! let f = r.findings.iter().find(|f| f.rule == "personal_info/home_address").unwrap();
//! assert_eq!(f.text, "郴州市北湖区人民路88号5栋302室");
//! assert_eq!(screener.redact("家住郴州市北湖区人民路88号5栋302室").text,
//!            "家住郴州市北湖区************");
//! # Ok::<(), zhscreen::Error>(())
//! ```

use super::{is_cjk_char, personal, DetectText, Detection, Detector, PiiKind};
use crate::category::Severity;
use crate::error::{Error, Result};
use std::sync::OnceLock;

/// Rule id.
pub const RULE: &str = "personal_info/home_address";

/// The name of the embedded suffix rules, as used in `file:line` errors.
pub const RULES_FILE: &str = "data/address_suffixes.txt";

/// The embedded suffix rules.
pub const RULES_TEXT: &str = include_str!("../../data/address_suffixes.txt");

/// The level of a part of an address, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 省, 自治区, 特别行政区.
    Province,
    /// 市, 州, 盟, 地区.
    Prefecture,
    /// 县, 区, 旗.
    County,
    /// 镇, 乡, 街道, 苏木.
    Town,
    /// 村, 社区, 嘎查, 居委会.
    Village,
    /// 组, 队, 屯 (below the village).
    Group,
    /// 路, 街, 巷, 弄, 胡同.
    Road,
    /// 88号.
    Number,
    /// 小区, 花园, 家园...
    Complex,
    /// 栋, 幢, 号楼, 座.
    Building,
    /// 单元.
    Unit,
    /// 层, 楼.
    Floor,
    /// 室, 房, 户.
    Room,
}

impl Level {
    const ALL: [(&'static str, Level); 13] = [
        ("province", Level::Province),
        ("prefecture", Level::Prefecture),
        ("county", Level::County),
        ("town", Level::Town),
        ("village", Level::Village),
        ("group", Level::Group),
        ("road", Level::Road),
        ("number", Level::Number),
        ("complex", Level::Complex),
        ("building", Level::Building),
        ("unit", Level::Unit),
        ("floor", Level::Floor),
        ("room", Level::Room),
    ];

    /// The level's name in the data file.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("", |(n, _)| n)
    }

    fn parse(s: &str) -> Option<Level> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, l)| *l)
    }

    /// Administrative levels are kept by redaction.
    fn is_admin(self) -> bool {
        self <= Level::Town
    }
}

/// One suffix rule of the data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuffixRule {
    /// Whether the part is a number + suffix (`5栋`) rather than a name + suffix (`人民路`).
    pub numbered: bool,
    /// The level of the part.
    pub level: Level,
    /// The suffix.
    pub suffix: String,
    /// The fewest name characters before the suffix (name parts only).
    pub min_name: usize,
    /// The 1-based line in the data file.
    pub line: usize,
}

/// The suffix rules: which suffixes end a part of an address, and at which level.
///
/// ```
/// let rules = zhscreen::detect::address::AddressRules::parse("x.txt", "name county 县\nnum room 室\n")?;
/// assert_eq!(rules.rules().len(), 2);
/// let err = zhscreen::detect::address::AddressRules::parse("x.txt", "name hamlet 屯\n").unwrap_err();
/// assert_eq!(err.to_string(), "x.txt:1: unknown level `hamlet` (expected one of province, prefecture, county, town, village, group, road, number, complex, building, unit, floor, room)");
/// # Ok::<(), zhscreen::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressRules {
    named: Vec<SuffixRule>,
    numbered: Vec<SuffixRule>,
}

/// The most name characters before a suffix.
const MAX_NAME: usize = 8;

impl AddressRules {
    /// Parses a rules file (format in the file's header); errors name `file:line`.
    pub fn parse(file: &str, text: &str) -> Result<AddressRules> {
        let mut named = Vec::new();
        let mut numbered = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let err = |m: String| Error::wordlist(file, line, m);
            let fields: Vec<&str> = l.split_whitespace().collect();
            if fields.len() < 3 || fields.len() > 4 {
                return Err(err(format!(
                    "expected `name|num LEVEL SUFFIX [min=N]`, found `{l}`"
                )));
            }
            let numbered_part = match fields[0] {
                "name" => false,
                "num" => true,
                other => {
                    return Err(err(format!(
                        "unknown part kind `{other}` (expected name or num)"
                    )))
                }
            };
            let level = Level::parse(fields[1]).ok_or_else(|| {
                let names: Vec<&str> = Level::ALL.iter().map(|(n, _)| *n).collect();
                err(format!(
                    "unknown level `{}` (expected one of {})",
                    fields[1],
                    names.join(", ")
                ))
            })?;
            let suffix = fields[2];
            if !suffix.chars().all(is_cjk_char) {
                return Err(err(format!(
                    "suffix `{suffix}` must be Chinese characters only"
                )));
            }
            let mut min_name = 2;
            if let Some(m) = fields.get(3) {
                let n = m
                    .strip_prefix("min=")
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| (1..=MAX_NAME).contains(n));
                match n {
                    Some(n) if !numbered_part => min_name = n,
                    Some(_) => return Err(err("min= applies to name parts only".into())),
                    None => {
                        return Err(err(format!(
                            "expected min=N with N from 1 to {MAX_NAME}, found `{m}`"
                        )))
                    }
                }
            }
            let list = if numbered_part {
                &mut numbered
            } else {
                &mut named
            };
            if let Some(prev) = list.iter().find(|r: &&SuffixRule| r.suffix == suffix) {
                return Err(err(format!(
                    "suffix `{suffix}` already defined on line {}",
                    prev.line
                )));
            }
            list.push(SuffixRule {
                numbered: numbered_part,
                level,
                suffix: suffix.to_string(),
                min_name,
                line,
            });
        }
        if named.is_empty() || numbered.is_empty() {
            return Err(Error::wordlist(
                file,
                text.lines().count().max(1),
                "needs at least one `name` and one `num` rule",
            ));
        }
        // Longest suffix first, so 自治区 wins over 区.
        for list in [&mut named, &mut numbered] {
            list.sort_by_key(|r| std::cmp::Reverse(r.suffix.chars().count()));
        }
        Ok(AddressRules { named, numbered })
    }

    /// The embedded rules (`data/address_suffixes.txt`).
    pub fn builtin() -> Result<&'static AddressRules> {
        static RULES: OnceLock<std::result::Result<AddressRules, String>> = OnceLock::new();
        RULES
            .get_or_init(|| AddressRules::parse(RULES_FILE, RULES_TEXT).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Build(e.clone()))
    }

    /// Every rule, name parts first.
    pub fn rules(&self) -> Vec<&SuffixRule> {
        self.named.iter().chain(&self.numbered).collect()
    }

    /// Problems for the maintainer of the file (`lint`): `(line, message)` for each rule that
    /// does not read its own example (12栋 for `num building 栋`, 桐木路 for `name road 路`) as one
    /// whole part: another rule takes it first, or its level makes the chain stop.
    pub fn lint(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for r in self.rules() {
            let example = if r.numbered {
                format!("12{}", r.suffix)
            } else {
                let name: String = "桐木山林".chars().take(r.min_name.max(2)).collect();
                format!("{name}{}", r.suffix)
            };
            let parts = self.parts(&example, 0);
            if parts.len() != 1 || parts[0].end != example.len() || parts[0].level != r.level {
                out.push((
                    r.line,
                    format!(
                        "`{}` ({:?}) does not read its own example `{example}` as one part: it never applies",
                        r.suffix, r.level
                    ),
                ));
            }
        }
        out
    }

    /// The name rule whose suffix starts `s`, if any (longest first).
    fn named_suffix(&self, s: &str, name_chars: usize) -> Option<&SuffixRule> {
        self.named
            .iter()
            .find(|r| name_chars >= r.min_name && s.starts_with(r.suffix.as_str()))
    }

    fn numbered_suffix(&self, s: &str) -> Option<&SuffixRule> {
        self.numbered
            .iter()
            .find(|r| s.starts_with(r.suffix.as_str()))
    }

    /// The parts of the address that starts at `start` in `t`: as long a chain as can be read.
    pub fn parts(&self, t: &str, start: usize) -> Vec<Part> {
        let mut parts: Vec<Part> = Vec::new();
        let mut pos = start;
        while parts.len() < MAX_PARTS && pos - start < MAX_ADDRESS_BYTES {
            let prev = parts.last().map(|p| p.level);
            let Some(part) = self.part_at(t, pos, prev) else {
                break;
            };
            if let Some(prev) = prev {
                // Administrative parts go down and never follow the street-level ones.
                if part.level.is_admin() && (part.level < prev || !prev.is_admin()) {
                    break;
                }
                if part.level <= Level::Group && prev > Level::Group {
                    break;
                }
            }
            pos = part.end;
            parts.push(part);
        }
        parts
    }

    /// One part at `pos`.
    fn part_at(&self, t: &str, pos: usize, prev: Option<Level>) -> Option<Part> {
        let rest = &t[pos..];
        // A number: ASCII (with a letter), Chinese numerals, or a letter alone (A座).
        if let Some(num_end) = numeral_end(rest) {
            let after = &rest[num_end..];
            if let Some(r) = self.numbered_suffix(after) {
                return Some(Part {
                    start: pos,
                    end: pos + num_end + r.suffix.len(),
                    level: r.level,
                    named: false,
                });
            }
            // 5-2-302 and the room after a building or unit (5栋302) stand without a suffix.
            let ascii = rest.as_bytes()[..num_end]
                .iter()
                .all(u8::is_ascii_alphanumeric);
            if let Some(d) = dashed_end(rest) {
                return Some(Part {
                    start: pos,
                    end: pos + d,
                    level: Level::Room,
                    named: false,
                });
            }
            if ascii
                && rest.as_bytes()[..num_end].iter().any(u8::is_ascii_digit)
                && matches!(prev, Some(Level::Building | Level::Unit | Level::Floor))
                && !rest[num_end..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
            {
                return Some(Part {
                    start: pos,
                    end: pos + num_end,
                    level: Level::Room,
                    named: false,
                });
            }
        }
        // A name: 1..=MAX_NAME name characters, then a suffix.
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if n >= 1 {
                if let Some(r) = self
                    .named_suffix(&rest[i..], n)
                    .filter(|r| !word_goes_on(&rest[i..], &r.suffix))
                {
                    // 幸福家园小区, 桐木村村委会: a suffix right after one of the same level
                    let mut end = i + r.suffix.len();
                    while let Some(more) = self
                        .named
                        .iter()
                        .find(|m| m.level == r.level && rest[end..].starts_with(m.suffix.as_str()))
                    {
                        end += more.suffix.len();
                    }
                    // 苏家屯区, 满洲里市, 下花园区, 五寨县: a division whose name ends in a
                    // lower level's suffix
                    let mut level = r.level;
                    if !level.is_admin() || level == Level::Town {
                        if let Some(admin) = self.named.iter().find(|m| {
                            m.level.is_admin()
                                && m.level < level
                                && m.suffix.chars().count() == 1
                                && rest[end..].starts_with(m.suffix.as_str())
                                && !word_goes_on(&rest[end..], &m.suffix)
                        }) {
                            end += admin.suffix.len();
                            level = admin.level;
                        }
                    }
                    return Some(Part {
                        start: pos,
                        end: pos + end,
                        level,
                        named: true,
                    });
                }
            }
            // a function character may not begin a name, but may stand inside one (仙居县, 无为县)
            if n == MAX_NAME || !is_cjk_char(c) || (n == 0 && !is_name_char(c)) {
                break;
            }
        }
        None
    }
}

/// Words that begin with a suffix's last character: 城镇化, 市场, 村民... are no address part.
const GOES_ON: &[&str] = &[
    "城镇", "城市", "城乡", "城区", "市场", "市民", "市政", "区域", "村民", "村级", "路线", "路径",
    "组织", "组成", "组长", "队伍", "号召", "室内", "园区", "苑囿",
];

/// Whether the suffix at the start of `s` is the start of a longer word (城镇化率).
fn word_goes_on(s: &str, suffix: &str) -> bool {
    let Some(last) = suffix.chars().next_back() else {
        return false;
    };
    let at = suffix.len() - last.len_utf8();
    GOES_ON
        .iter()
        .any(|w| w.starts_with(last) && s[at..].starts_with(w))
}

/// The most parts of one address.
const MAX_PARTS: usize = 16;
/// The longest address, in bytes (about 60 characters).
const MAX_ADDRESS_BYTES: usize = 180;

/// One part of an address, in byte offsets of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Its level.
    pub level: Level,
    /// A name part (人民路) rather than a number part (88号).
    pub named: bool,
}

/// Characters that end a name: function words, and the context words' own characters.
const STOP: &str = "的了是在于与及或等系为因被将把从到对其该此这那住址居籍现并且就又也即旁侧之各每";

fn is_name_char(c: char) -> bool {
    is_cjk_char(c) && !STOP.contains(c)
}

const CN_DIGITS: &str = "〇零一二三四五六七八九十百两";

/// The end of a number at the start of `s`: `第`?, then 1-5 ASCII digits with an optional
/// letter before or after, or 1-4 Chinese numerals, or one capital letter.
fn numeral_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    if s.starts_with('第') {
        i = '第'.len_utf8();
    }
    let head = i;
    if b.get(i).is_some_and(u8::is_ascii_uppercase) {
        i += 1;
    }
    let d0 = i;
    while i < b.len() && b[i].is_ascii_digit() && i - d0 < 6 {
        i += 1;
    }
    if i - d0 > 5 {
        return None;
    }
    if i > d0 {
        if b.get(i).is_some_and(u8::is_ascii_uppercase) && i - head == i - d0 {
            i += 1;
        }
        return Some(i);
    }
    if i > head {
        // a letter alone
        return Some(i);
    }
    let mut n = 0;
    for c in s[i..].chars() {
        if n == 4 || !CN_DIGITS.contains(c) {
            break;
        }
        i += c.len_utf8();
        n += 1;
    }
    (n > 0).then_some(i)
}

/// The end of `5-2-302` (two to four groups of ASCII digits joined by `-`) at the start of `s`.
fn dashed_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    loop {
        let g0 = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == g0 || i - g0 > 5 {
            return None;
        }
        groups += 1;
        if groups < 4 && b.get(i) == Some(&b'-') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    let glued = b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.');
    (groups >= 2 && !glued).then_some(i)
}

/// Where the administrative part (down to the town) of an address ends: redaction keeps
/// `value[..admin_end(value)]` and masks the rest.
///
/// ```
/// use zhscreen::detect::address::admin_end;
/// let a = "郴州市北湖区人民路88号5栋302室";
/// assert_eq!(&a[..admin_end(a)], "郴州市北湖区");
/// let v = "宜章县梅田镇桐木村三组";
/// assert_eq!(&v[..admin_end(v)], "宜章县梅田镇");
/// ```
pub fn admin_end(value: &str) -> usize {
    let Ok(rules) = AddressRules::builtin() else {
        return 0;
    };
    let parts = rules.parts(value, 0);
    parts
        .iter()
        .take_while(|p| p.level.is_admin())
        .last()
        .map_or(0, |p| p.end)
}

/// Residential context words, most specific first, and the character each is found by.
const CONTEXT: &[&str] = &[
    "家庭住址",
    "家庭地址",
    "现住址",
    "现住所",
    "户籍地址",
    "户籍所在地",
    "户籍地",
    "居住地址",
    "现居住地",
    "居住地",
    "经常居住地",
    "居住于",
    "居住在",
    "住所地",
    "住址",
    "住所",
    "家住",
    "现住",
    "暂住",
    "常住",
    "住在",
    "住于",
    "现居",
];

/// What may stand between a context word and the address.
const GAP: &[&str] = &["：", ":", " ", "为", "是", "在", "于", "地", "址"];

/// Words after a residential context that make the place an institution (住在医院).
const INSTITUTION: &[&str] = &[
    "医院",
    "卫生院",
    "卫生室",
    "诊所",
    "门诊",
    "学校",
    "小学",
    "中学",
    "大学",
    "学院",
    "幼儿园",
    "政府",
    "服务中心",
    "中心",
    "大厦",
    "大楼",
    "写字楼",
    "广场",
    "公司",
    "银行",
    "酒店",
    "宾馆",
    "派出所",
    "法院",
    "检察院",
    "委员会",
    "办公",
    "会议室",
    "大厅",
    "窗口",
    "园区",
    "商场",
    "市场",
    "超市",
    "福利院",
    "养老院",
    "敬老院",
    "救助站",
    "之家",
];

/// Cues before an address that make it an institution's (办公地址, 活动地点, 位于...).
const INSTITUTION_BEFORE: &[&str] = &[
    "办公地址",
    "单位地址",
    "办公地点",
    "通讯地址",
    "活动地点",
    "举办地点",
    "地点",
    "场所",
    "位于",
    "坐落",
    "设在",
    "设于",
    "搬迁至",
    "迁至",
    "报名",
    "举行",
    "举办",
    "召开",
    "开展",
    "新建",
    "建成",
    "竣工",
    "开工",
    "项目",
];

/// Characters that end an institution's name (县民政局, 服务站, 图书馆, 卫生院, 派出所...): one of
/// them before an address read by its tail makes it the institution's.
const INSTITUTION_CHARS: &[&str] = &["局", "站", "馆", "院", "所", "处", "厅", "部", "委", "办"];

/// What follows an institution's address: the event held or the business done there.
const INSTITUTION_AFTER: &[&str] = &["举行", "召开", "举办", "办理", "办公", "集中", "报到"];

/// How far back (characters, within the sentence) institution cues are looked for.
const BEFORE_CHARS: usize = 24;
/// How far after an address institution words are looked for.
const AFTER_CHARS: usize = 8;

/// Recognises home addresses.
pub struct AddressDetector {
    rules: &'static AddressRules,
    /// The searcher of [`WORDS`] when the detector runs alone (in a screener, its automaton finds
    /// them).
    searcher: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
}

/// The words read before an address: the context words, bare 住 and 组 (for 三组 after a
/// village).
static WORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| CONTEXT.iter().copied().chain(["住", "组"]).collect());

/// The rules, not the searcher: the ruleset fingerprint hashes what a detector prints here, so
/// a change of the data file changes the fingerprint.
impl std::fmt::Debug for AddressDetector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddressDetector")
            .field("rules", self.rules)
            .finish()
    }
}

impl AddressDetector {
    /// The detector with the embedded rules.
    pub fn new() -> Result<AddressDetector> {
        Ok(AddressDetector {
            rules: AddressRules::builtin()?,
            searcher: std::sync::OnceLock::new(),
        })
    }

    /// Context words in `t` from all the hits of [`WORDS`]: `(word start, word end, word)`,
    /// leftmost-longest, left to right. A bare 住 counts after a break or a person's description
    /// (，住郴州市…, 男，汉族，住…).
    fn contexts(&self, t: &str, hits: &[(usize, usize, u32)]) -> Vec<(usize, usize, &'static str)> {
        let mut out = Vec::new();
        for (ms, me, i) in super::leftmost_longest(hits) {
            let Some(&word) = WORDS.get(i as usize) else {
                continue;
            };
            if word == "组" {
                out.push((ms, me, word));
                continue;
            }
            if word == "住" {
                let before = t[..ms].chars().next_back();
                if !before.is_none_or(|c| "，,、；;：:（(男女族".contains(c)) {
                    continue;
                }
            }
            out.push((ms, me, word));
        }
        out
    }

    /// The address after a context word ending at `e`.
    fn after_context(&self, t: &str, mut e: usize) -> Vec<Part> {
        for _ in 0..3 {
            match GAP.iter().find(|g| t[e..].starts_with(**g)) {
                Some(g) => e += g.len(),
                None => break,
            }
        }
        self.rules.parts(t, e)
    }
}

/// Whether a chain of parts goes below the town.
fn below_town(parts: &[Part]) -> bool {
    parts.iter().any(|p| p.level > Level::Town)
}

/// The residential tail of a chain read without context: its last part is a building, unit,
/// floor or room, or a numbered group (三组), after at least one named part.
fn residential_tail(parts: &[Part]) -> Option<&Part> {
    let last = parts.last()?;
    let tail = matches!(
        last.level,
        Level::Building | Level::Unit | Level::Floor | Level::Room
    ) || (last.level == Level::Group && !last.named);
    let named = parts
        .iter()
        .any(|p| p.named && p.level <= Level::Complex && p.level != Level::Floor);
    // 幸福村2组 alone is a work unit of the village (道路硬化…); an address names its town too
    if last.level == Level::Group && !parts.iter().any(|p| p.level.is_admin()) {
        return None;
    }
    (tail && named && parts.len() >= 2).then(|| {
        parts
            .iter()
            .find(|p| {
                matches!(
                    p.level,
                    Level::Building | Level::Unit | Level::Room | Level::Group
                ) && !p.named
            })
            .unwrap_or(last)
    })
}

/// Whether any of `words` occurs in `t[a..b]`.
fn any_in(t: &str, a: usize, b: usize, words: &[&str]) -> bool {
    let w = &t[a..b];
    words.iter().any(|x| w.contains(x))
}

/// The byte offset `n` characters after `pos` (or the end).
fn chars_ahead(t: &str, pos: usize, n: usize) -> usize {
    t[pos..]
        .char_indices()
        .nth(n)
        .map_or(t.len(), |(i, _)| pos + i)
}

/// The start of the sentence-bounded window of `n` characters before `pos`.
fn sentence_back(t: &str, pos: usize, n: usize) -> usize {
    let mut a = pos;
    for (k, (i, c)) in t[..pos].char_indices().rev().enumerate() {
        if k == n || super::is_sentence_end(c) {
            break;
        }
        a = i;
    }
    a
}

/// Whether the place after the address, or inside it, is an institution.
fn institution_after(t: &str, parts: &[Part]) -> bool {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    let e = chars_ahead(t, last.end, AFTER_CHARS);
    any_in(t, first.start, e, INSTITUTION) || any_in(t, last.end, e, INSTITUTION_AFTER)
}

impl Detector for AddressDetector {
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
        // Everything up to here has been read as (part of) an address, reported or not.
        let mut seen_until = 0;
        let contexts = self.contexts(t, hits);
        // 三组: Chinese numerals before 组, read by the tail like digits
        let mut tails: Vec<(usize, usize)> = Vec::new();
        for &(s, _, word) in &contexts {
            if word != "组" {
                continue;
            }
            let mut a = s;
            for (k, (i, c)) in t[..s].char_indices().rev().enumerate() {
                if k == 3 || !CN_DIGITS.contains(c) {
                    break;
                }
                a = i;
            }
            if a < s {
                tails.push((a, s));
            }
        }
        for (_, e, word) in contexts {
            if word == "组" || e < seen_until {
                continue;
            }
            let parts = self.after_context(t, e);
            let Some(last) = parts.last() else {
                continue;
            };
            seen_until = last.end;
            if !below_town(&parts) || institution_after(t, &parts) {
                continue;
            }
            out.push(personal(
                parts[0].start,
                last.end,
                Severity::Review,
                RULE,
                text.lang.messages().home_address(word),
                PiiKind::Address,
            ));
        }
        let contexts_until = seen_until;
        let mut seen_until = 0;
        tails.extend(
            text.digit_runs()
                .iter()
                .copied()
                .filter(|&(_, e)| tail_follows(t, e)),
        );
        tails.sort_unstable();
        for (s, _) in tails {
            if s < seen_until || s < contexts_until && covered(out, s) {
                continue;
            }
            // The earliest start in the clause before the number from which the chain reaches it.
            let from = clause_back(t, s, 30);
            let mut found = None;
            let starts = t[from..s].char_indices().map(|(i, _)| from + i);
            for i in starts.chain(std::iter::once(s)) {
                let parts = self.rules.parts(t, i);
                if parts.last().is_some_and(|p| p.end > s) {
                    found = Some(parts);
                    break;
                }
            }
            let Some(parts) = found else { continue };
            let (start, end) = (parts[0].start, parts[parts.len() - 1].end);
            seen_until = end;
            let Some(tail) = residential_tail(&parts) else {
                continue;
            };
            let before = sentence_back(t, start, BEFORE_CHARS);
            if any_in(t, before, start, INSTITUTION_BEFORE)
                || any_in(t, before, start, INSTITUTION)
                || any_in(t, before, start, INSTITUTION_CHARS)
                || institution_after(t, &parts)
            {
                continue;
            }
            out.push(personal(
                start,
                end,
                Severity::Review,
                RULE,
                text.lang
                    .messages()
                    .home_address_by_tail(&t[tail.start..tail.end]),
                PiiKind::Address,
            ));
        }
    }
}

/// Whether an address detection already covers byte `s`.
fn covered(out: &[Detection], s: usize) -> bool {
    out.iter()
        .rev()
        .take_while(|d| d.rule == RULE)
        .any(|d| d.start <= s && s < d.end)
}

/// Whether what follows the digits ending at `e` can be a residential number part
/// (号, 栋, 单元, 室, 组, 5-2-302...).
fn tail_follows(t: &str, e: usize) -> bool {
    let rest = &t[e..];
    let rest = rest
        .strip_prefix(|c: char| c.is_ascii_uppercase())
        .unwrap_or(rest);
    if let Some(after) = rest.strip_prefix('-') {
        return after.starts_with(|c: char| c.is_ascii_digit());
    }
    rest.starts_with([
        '号', '栋', '幢', '座', '楼', '排', '单', '门', '层', '室', '房', '户', '组', '队', '社',
        '巷', '弄', '段', '期', '区', '村',
    ])
}

/// The start of the clause before `pos`, at most `n` characters back: after the last
/// punctuation or stop character.
fn clause_back(t: &str, pos: usize, n: usize) -> usize {
    let mut a = pos;
    for (k, (i, c)) in t[..pos].char_indices().rev().enumerate() {
        if k == n || !(is_name_char(c) || c.is_ascii_alphanumeric() || c == '-') {
            break;
        }
        a = i;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{detect, find};

    fn d() -> AddressDetector {
        AddressDetector::new().unwrap()
    }

    #[test]
    fn the_data_file_parses_and_every_rule_is_used() {
        let rules = AddressRules::builtin().unwrap();
        for r in rules.rules() {
            // every rule reads its own example
            let example = if r.numbered {
                format!("12{}", r.suffix)
            } else {
                format!("{}{}", &"桐木山林"[..3 * r.min_name.max(2)], r.suffix)
            };
            let parts = rules.parts(&example, 0);
            assert_eq!(parts.len(), 1, "line {}: {example} {parts:?}", r.line);
            assert_eq!(parts[0].end, example.len(), "line {}: {example}", r.line);
        }
        assert_eq!(rules.lint(), Vec::new());
    }

    #[test]
    fn lint_names_a_rule_that_never_applies() {
        // a one-character name before 木 ends the part there: 桐木路 is read as 桐木 + 路 (no
        // part), so `路` never reads its example
        let rules = AddressRules::parse(
            "x.txt",
            "name county 县\nname village 木 min=1\nname road 路\nnum room 室\n",
        )
        .unwrap();
        let issues = rules.lint();
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].0, 3);
        assert!(issues[0].1.contains("`路`"), "{issues:?}");
    }

    #[test]
    fn rules_errors_name_the_line() {
        let e = |t: &str| AddressRules::parse("a.txt", t).unwrap_err().to_string();
        assert_eq!(
            e("name county 县\nnum room\n"),
            "a.txt:2: expected `name|num LEVEL SUFFIX [min=N]`, found `num room`"
        );
        assert_eq!(
            e("street county 县\n"),
            "a.txt:1: unknown part kind `street` (expected name or num)"
        );
        assert_eq!(
            e("name county 县\nname town 县\n"),
            "a.txt:2: suffix `县` already defined on line 1"
        );
        assert_eq!(
            e("name county X\n"),
            "a.txt:1: suffix `X` must be Chinese characters only"
        );
        assert_eq!(
            e("name county 县 min=9\n"),
            "a.txt:1: expected min=N with N from 1 to 8, found `min=9`"
        );
        assert_eq!(
            e("num room 室 min=1\n"),
            "a.txt:1: min= applies to name parts only"
        );
        assert_eq!(
            e("# only a comment\nnum room 室\n"),
            "a.txt:2: needs at least one `name` and one `num` rule"
        );
    }

    #[test]
    fn parts_of_an_address() {
        let rules = AddressRules::builtin().unwrap();
        let t = "郴州市北湖区人民路88号5栋2单元302室";
        let levels: Vec<(&str, Level)> = rules
            .parts(t, 0)
            .iter()
            .map(|p| (&t[p.start..p.end], p.level))
            .collect();
        assert_eq!(
            levels,
            [
                ("郴州市", Level::Prefecture),
                ("北湖区", Level::County),
                ("人民路", Level::Road),
                ("88号", Level::Number),
                ("5栋", Level::Building),
                ("2单元", Level::Unit),
                ("302室", Level::Room)
            ]
        );
        let t = "新疆维吾尔自治区乌鲁木齐市天山区";
        assert_eq!(rules.parts(t, 0).len(), 3);
    }

    #[test]
    fn in_context() {
        assert_eq!(
            find(
                &d(),
                "张某，家住郴州市北湖区人民路88号5栋302室，系退休职工。"
            ),
            ["郴州市北湖区人民路88号5栋302室"]
        );
        assert_eq!(
            find(&d(), "户籍地址：湖南省宜章县梅田镇桐木村三组"),
            ["湖南省宜章县梅田镇桐木村三组"]
        );
        assert_eq!(find(&d(), "现住幸福家园小区"), ["幸福家园小区"]);
        assert_eq!(
            find(&d(), "李某，男，汉族，住长沙市开福区湘江中路二段36号"),
            ["长沙市开福区湘江中路二段36号"]
        );
        assert_eq!(
            find(&d(), "家庭住址为北京市朝阳区建国路8号院3号楼2单元1501"),
            ["北京市朝阳区建国路8号院3号楼2单元1501"]
        );
    }

    #[test]
    fn by_residential_tail() {
        assert_eq!(
            find(&d(), "王某某，郴州市北湖区人民路88号5栋302室，"),
            ["郴州市北湖区人民路88号5栋302室"]
        );
        assert_eq!(find(&d(), "地址：阳光小区5-2-302"), ["阳光小区5-2-302"]);
        assert_eq!(
            find(&d(), "联系人：张某，金色家园3栋2单元"),
            ["金色家园3栋2单元"]
        );
    }

    #[test]
    fn not_below_the_town_or_not_residential() {
        assert!(find(&d(), "现住宜章县。").is_empty());
        assert!(find(&d(), "家住湖南省郴州市北湖区").is_empty());
        assert!(find(&d(), "县政务服务中心位于人民路88号3栋").is_empty());
        assert!(find(&d(), "办公地址：郴州市北湖区人民路88号5栋302室").is_empty());
        assert!(find(&d(), "活动地点：青年路12号2单元").is_empty());
        assert!(find(&d(), "患者住在县人民医院3号楼502室").is_empty());
        assert!(find(&d(), "住在人民路88号县人民医院").is_empty());
        assert!(find(&d(), "住院治疗3天").is_empty());
        assert!(find(&d(), "新建保障性住房3栋，共120套").is_empty());
        assert!(find(&d(), "全市建成12栋安置房").is_empty());
        assert!(find(&d(), "第3组由张某负责").is_empty());
        assert!(find(&d(), "幸福村2组、3组的道路硬化工程已完工").is_empty());
        assert_eq!(
            find(&d(), "户主张某某，苏仙区白露塘镇观山洞村6组"),
            ["苏仙区白露塘镇观山洞村6组"]
        );
        assert!(find(&d(), "居民入住幸福家园小区").is_empty());
        assert!(find(&d(), "2024年第5号公告").is_empty());
        assert!(find(&d(), "常住人口城镇化率达到66%").is_empty());
        assert!(find(&d(), "家住人口城镇化").is_empty());
    }

    #[test]
    fn masked_addresses_are_not_found_again() {
        let t = "家住郴州市北湖区************";
        assert!(detect(&d(), t).is_empty());
        assert_eq!(admin_end("人民路88号"), 0);
    }
}
