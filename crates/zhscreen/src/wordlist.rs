//! The wordlist format (see `wordlists/README.md`): parsing one file into entries, exceptions and
//! counter-context words, with `file:line` errors.

use crate::category::{Category, Severity};
use crate::error::{Error, Result};
use crate::normalize::fold_term;
use std::hash::BuildHasher;

/// One parsed wordlist file.
#[derive(Debug, Clone, Default)]
pub struct Wordlist {
    /// Where it came from: a path, or the name given to an in-memory list.
    pub source: String,
    /// The terms to report.
    pub entries: Vec<Entry>,
    /// `allow:` exceptions.
    pub allows: Vec<ContextWord>,
    /// `counter:` words.
    pub counters: Vec<ContextWord>,
    /// `frame:` words: counter-context of the paragraph or the text whose head holds them.
    pub frames: Vec<ContextWord>,
    /// `condemn:` words: a quoted hit in their sentence is the official condemnatory usage.
    pub condemns: Vec<ContextWord>,
    /// Lines that repeat an earlier entry of the same category with the same metadata.
    pub duplicates: Vec<Duplicate>,
    /// Items of named lists (after `@list NAME`): approved sources, hosts, routing words...
    pub items: Vec<crate::lists::ListItem>,
}

/// An entry: a term to report, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The term as written in the list.
    pub term: String,
    /// The term folded as text is folded; what the matcher looks for.
    pub folded: String,
    /// Its category.
    pub category: Category,
    /// Its severity.
    pub severity: Severity,
    /// The recommended wording.
    pub suggestion: Option<String>,
    /// Whether a hit must be a whole word (segmenter token).
    pub boundary: bool,
    /// Whether noise characters may stand between the term's characters.
    pub noise: bool,
    /// A note for the reviewer.
    pub note: Option<String>,
    /// 1-based line in its source.
    pub line: usize,
}

impl Entry {
    /// Whether two entries say the same thing (ignoring where they stand).
    pub fn same_metadata(&self, other: &Entry) -> bool {
        self.severity == other.severity
            && self.suggestion == other.suggestion
            && self.boundary == other.boundary
            && self.noise == other.noise
            && self.note == other.note
    }
}

/// An `allow:`, `counter:`, `frame:` or `condemn:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextWord {
    /// The text as written.
    pub text: String,
    /// The text folded.
    pub folded: String,
    /// The categories it applies to.
    pub categories: Vec<Category>,
    /// 1-based line in its source.
    pub line: usize,
}

/// A repeated entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The term.
    pub term: String,
    /// The line of the first occurrence.
    pub first_line: usize,
    /// The line of the repetition.
    pub line: usize,
}

#[derive(Debug, Clone, Copy)]
struct FileDefaults {
    category: Option<Category>,
    severity: Option<Severity>,
    boundary: bool,
    noise: Option<bool>,
    /// After `@list NAME`: lines are items of that list, until the next `@category`.
    list: Option<crate::lists::ListName>,
}

/// Parses one wordlist. `source` names it in errors (`source:line: ...`).
pub fn parse(source: &str, text: &str) -> Result<Wordlist> {
    let mut list = Wordlist {
        source: source.to_string(),
        ..Wordlist::default()
    };
    let mut defaults = FileDefaults {
        category: None,
        severity: None,
        boundary: false,
        noise: None,
        list: None,
    };
    // (category, folded term) → index into entries; the key is read from the entry, not copied.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // Room for an entry per line: a list is mostly entries (a 100k-term list is 1.8 MB).
    let line_count = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    list.entries.reserve(line_count);
    let mut seen = Seen {
        table: hashbrown::HashTable::with_capacity(line_count),
        hasher: rustc_hash::FxBuildHasher,
    };

    for (n, raw) in lines(text).enumerate() {
        let line_no = n + 1;
        let err = |msg: String| Error::wordlist(source, line_no, msg);
        let line = trim(raw);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(directive) = line.strip_prefix('@') {
            parse_directive(directive, &mut defaults).map_err(err)?;
            continue;
        }
        if let Some(name) = defaults.list {
            list.items
                .push(crate::lists::parse_item(name, line, line_no).map_err(err)?);
            continue;
        }
        if let Some(rest) = strip_keyword(line, "allow:") {
            let word = parse_context(rest, &defaults, "allow").map_err(err)?;
            list.allows.push(ContextWord {
                line: line_no,
                ..word
            });
            continue;
        }
        if let Some(rest) = strip_keyword(line, "counter:") {
            let word = parse_context(rest, &defaults, "counter").map_err(err)?;
            list.counters.push(ContextWord {
                line: line_no,
                ..word
            });
            continue;
        }
        if let Some(rest) = strip_keyword(line, "frame:") {
            let word = parse_context(rest, &defaults, "frame").map_err(err)?;
            list.frames.push(ContextWord {
                line: line_no,
                ..word
            });
            continue;
        }
        if let Some(rest) = strip_keyword(line, "condemn:") {
            let word = parse_context(rest, &defaults, "condemn").map_err(err)?;
            list.condemns.push(ContextWord {
                line: line_no,
                ..word
            });
            continue;
        }
        match expand_slots(line).map_err(err)? {
            // Nearly every line: the entry is read from the line itself, nothing copied first.
            None => {
                let entry = parse_entry(line, &defaults, line_no).map_err(err)?;
                add_entry(&mut list, &mut seen, entry).map_err(err)?;
            }
            Some(variants) => {
                for variant in variants {
                    let entry = parse_entry(&variant, &defaults, line_no).map_err(err)?;
                    add_entry(&mut list, &mut seen, entry).map_err(err)?;
                }
            }
        }
    }
    Ok(list)
}

/// `text.lines()` (lines end at `\n` or `\r\n`; no empty last line after a final `\n`), the
/// line ends found in one `memchr` pass over the whole text rather than one search per line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    memchr::memchr_iter(b'\n', bytes)
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(move |end| {
            let line = match end {
                Some(end) => {
                    let line = &text[start..end];
                    start = end + 1;
                    line.strip_suffix('\r').unwrap_or(line)
                }
                None if start < text.len() => &text[start..],
                None => return None,
            };
            Some(line)
        })
}

/// The entries of a list by (category, folded term): indices into `Wordlist::entries`, hashed
/// and compared through the entry they point to (no copy of the term as a key).
struct Seen {
    table: hashbrown::HashTable<usize>,
    hasher: rustc_hash::FxBuildHasher,
}

impl Seen {
    fn hash_of(&self, e: &Entry) -> u64 {
        self.hasher.hash_one((e.category, e.folded.as_str()))
    }
}

/// Adds `entry` to `list`, or records it as a duplicate of an earlier entry with the same
/// metadata; the same term with other metadata is an error.
fn add_entry(
    list: &mut Wordlist,
    seen: &mut Seen,
    entry: Entry,
) -> std::result::Result<(), String> {
    {
        let line_no = entry.line;
        let hash = seen.hash_of(&entry);
        let entries = &list.entries;
        let same_key = |&i: &usize| {
            let e: &Entry = &entries[i];
            e.category == entry.category && e.folded == entry.folded
        };
        if let Some(&first) = seen.table.find(hash, same_key) {
            let prev: &Entry = &list.entries[first];
            if prev.same_metadata(&entry) {
                list.duplicates.push(Duplicate {
                    term: entry.term,
                    first_line: prev.line,
                    line: line_no,
                });
                return Ok(());
            }
            return Err(format!(
                "`{}` conflicts with line {} (`{}`): the same term in category {} with different \
                 severity, suggestion, options or note",
                entry.term, prev.line, prev.term, entry.category
            ));
        }
        let entries = &list.entries;
        let hasher = &seen.hasher;
        seen.table.insert_unique(hash, entries.len(), |&i| {
            hasher.hash_one((entries[i].category, entries[i].folded.as_str()))
        });
        list.entries.push(entry);
    }
    Ok(())
}

/// Most variants one entry line may stand for (the product of its slots' alternatives).
pub const MAX_SLOT_VARIANTS: usize = 64;

/// Most slots in one term.
pub const MAX_SLOTS: usize = 3;

/// The lines an entry line stands for: each slot `[a/b/c]` of its term (before `=>` and `|`)
/// replaced by each of its alternatives, in order (an empty alternative makes the slot optional:
/// `[他/你/]`). `None` for a line without a slot: it stands for itself. Errors: a bracket
/// without its pair, a slot inside a slot, a slot of one alternative, more than [`MAX_SLOTS`]
/// slots or [`MAX_SLOT_VARIANTS`] variants.
fn expand_slots(line: &str) -> std::result::Result<Option<Vec<String>>, String> {
    let term_end = find_byte(line, b'|').unwrap_or(line.len());
    let term_end = find_arrow(&line[..term_end]).unwrap_or(term_end);
    let (term, rest) = line.split_at(term_end);
    if !term.bytes().any(|b| b == b'[' || b == b']') {
        return Ok(None);
    }
    // The term as fixed text and slots.
    enum Part {
        Text(String),
        Slot(Vec<String>),
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut chars = term.char_indices();
    let mut fixed = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '[' => {
                let close = term[i + 1..]
                    .find(']')
                    .ok_or("a slot `[` without its `]`")?;
                let inner = &term[i + 1..i + 1 + close];
                if inner.contains('[') {
                    return Err("a slot inside a slot: slots are one level of `[a/b]`".into());
                }
                let alts: Vec<String> = inner.split('/').map(|a| a.trim().to_string()).collect();
                if alts.len() < 2 {
                    return Err(format!(
                        "the slot `[{inner}]` has one alternative: write `[a/b]`, or `[a/]` for an optional part"
                    ));
                }
                parts.push(Part::Text(std::mem::take(&mut fixed)));
                parts.push(Part::Slot(alts));
                for _ in 0..inner.chars().count() + 1 {
                    chars.next();
                }
            }
            ']' => return Err("a `]` without its slot `[`".into()),
            c => fixed.push(c),
        }
    }
    parts.push(Part::Text(fixed));
    let slots = parts.iter().filter(|p| matches!(p, Part::Slot(_))).count();
    if slots > MAX_SLOTS {
        return Err(format!("{slots} slots in one term; at most {MAX_SLOTS}"));
    }
    let variants: usize = parts
        .iter()
        .map(|p| match p {
            Part::Slot(alts) => alts.len(),
            Part::Text(_) => 1,
        })
        .product();
    if variants > MAX_SLOT_VARIANTS {
        return Err(format!(
            "the slots stand for {variants} terms; at most {MAX_SLOT_VARIANTS}: split the line"
        ));
    }
    let mut out = vec![String::new()];
    for p in &parts {
        match p {
            Part::Text(text) => out.iter_mut().for_each(|o| o.push_str(text)),
            Part::Slot(alts) => {
                out = out
                    .iter()
                    .flat_map(|o| alts.iter().map(move |a| format!("{o}{a}")))
                    .collect();
            }
        }
    }
    Ok(Some(
        out.into_iter().map(|t| format!("{t}{rest}")).collect(),
    ))
}

/// The first `=>` in `s` (the suggestion's arrow). A plain loop: lines are short, too short for
/// `memchr`'s setup to pay.
fn find_arrow(s: &str) -> Option<usize> {
    s.as_bytes().windows(2).position(|w| w == b"=>")
}

/// The first byte `b` in `s` (an ASCII delimiter), by a plain loop as [`find_arrow`].
fn find_byte(s: &str, b: u8) -> Option<usize> {
    s.bytes().position(|c| c == b)
}

/// `s.trim()`, without decoding the ends when they are plainly not white space (an ASCII
/// character other than white space, or a character of U+4000..U+9FFF, where no white space is).
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let plain_start = b.first().is_some_and(|&c| {
        (c < 0x80 && !c.is_ascii_whitespace() && c > 0x1F) || (0xE4..=0xE9).contains(&c)
    });
    let plain_end = match b {
        [.., c] if *c < 0x80 => !c.is_ascii_whitespace() && *c > 0x1F,
        [.., lead, _, _] => (0xE4..=0xE9).contains(lead),
        _ => false,
    };
    if plain_start && plain_end {
        s
    } else {
        s.trim()
    }
}

fn strip_keyword<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    line.strip_prefix(keyword).map(str::trim)
}

fn on_off(value: &str, what: &str) -> Result<bool, String> {
    match value {
        "on" | "yes" | "true" => Ok(true),
        "off" | "no" | "false" => Ok(false),
        _ => Err(format!("`{what}` takes `on` or `off`, not `{value}`")),
    }
}

fn parse_directive(directive: &str, d: &mut FileDefaults) -> Result<(), String> {
    let (key, value) = directive
        .split_once(char::is_whitespace)
        .map(|(k, v)| (k, v.trim()))
        .unwrap_or((directive, ""));
    if value.is_empty() {
        return Err(format!("`@{key}` needs a value"));
    }
    match key {
        "category" => {
            d.category = Some(value.parse()?);
            d.list = None;
        }
        "list" => d.list = Some(value.parse()?),
        "severity" => d.severity = Some(value.parse()?),
        "boundary" => d.boundary = on_off(value, "@boundary")?,
        "noise" => d.noise = Some(on_off(value, "@noise")?),
        _ => {
            return Err(format!(
                "unknown directive `@{key}` (expected @category, @severity, @boundary, @noise or @list)"
            ))
        }
    }
    Ok(())
}

/// Splits `body | options` at the first ` | ` (a `|` with anything around it).
fn split_options(line: &str) -> (&str, Option<&str>) {
    match find_byte(line, b'|') {
        Some(i) => (trim(&line[..i]), Some(trim(&line[i + 1..]))),
        None => (trim(line), None),
    }
}

fn parse_categories(value: &str) -> Result<Vec<Category>, String> {
    if value == "*" {
        return Ok(Category::ALL
            .into_iter()
            .filter(|c| c.counterable())
            .collect());
    }
    let mut cats = Vec::new();
    for part in value.split([',', ' ']).filter(|p| !p.is_empty()) {
        cats.push(part.parse::<Category>()?);
    }
    if cats.is_empty() {
        return Err("`categories=` needs a list of category ids or `*`".into());
    }
    Ok(cats)
}

fn parse_context(rest: &str, d: &FileDefaults, kind: &str) -> Result<ContextWord, String> {
    let (body, options) = split_options(rest);
    if body.is_empty() {
        return Err(format!("`{kind}:` needs a text after it"));
    }
    let mut categories = None;
    if let Some(options) = options {
        let value = options.strip_prefix("categories=").ok_or_else(|| {
            format!("`{kind}:` takes only the option `categories=a,b` or `categories=*`")
        })?;
        // With `categories=` the list may hold spaces after commas.
        categories = Some(parse_categories(value.trim())?);
    }
    let categories = match (categories, d.category) {
        (Some(c), _) => c,
        (None, Some(c)) => vec![c],
        (None, None) => {
            return Err(format!(
                "`{kind}:` outside a file with `@category` needs `| categories=...`"
            ))
        }
    };
    let folded = fold_term(body);
    if folded.is_empty() {
        return Err(format!("`{body}` is only noise and can never match"));
    }
    Ok(ContextWord {
        text: body.to_string(),
        folded,
        categories,
        line: 0,
    })
}

fn parse_entry(line: &str, d: &FileDefaults, line_no: usize) -> Result<Entry, String> {
    let category = d
        .category
        .ok_or("an entry before `@category`: name the category first (e.g. `@category drugs`)")?;
    let (body, options) = split_options(line);
    let (term, suggestion) = match find_arrow(body) {
        Some(i) => {
            let (t, s) = (&body[..i], trim(&body[i + 2..]));
            if s.is_empty() {
                return Err("`=>` with no suggestion after it".into());
            }
            (trim(t), Some(s.to_string()))
        }
        None => (body, None),
    };
    if term.is_empty() {
        return Err("an entry with no term".into());
    }
    let folded = fold_term(term);
    if folded.is_empty() {
        return Err(format!("`{term}` is only noise and can never match"));
    }
    if folded.chars().any(crate::normalize::is_clause_break) {
        return Err(format!(
            "`{term}` contains clause punctuation, which text never matches across; split it"
        ));
    }
    let ascii_only = folded.bytes().all(|b| b.is_ascii_alphanumeric());
    let mut entry = Entry {
        term: term.to_string(),
        folded,
        category,
        severity: d.severity.unwrap_or(category.default_severity()),
        suggestion,
        boundary: d.boundary,
        noise: d.noise.unwrap_or(!ascii_only),
        note: None,
        line: line_no,
    };
    if let Some(options) = options {
        let mut rest = options;
        while !rest.is_empty() {
            if let Some(note) = rest.strip_prefix("note=") {
                let note = note.trim();
                if note.is_empty() {
                    return Err("`note=` is empty".into());
                }
                entry.note = Some(note.to_string());
                break;
            }
            let (opt, tail) = rest.split_once(',').unwrap_or((rest, ""));
            rest = tail.trim_start();
            let opt = opt.trim();
            let (key, value) = opt.split_once('=').unwrap_or((opt, ""));
            match (key.trim(), value.trim()) {
                ("severity", v) => entry.severity = v.parse()?,
                ("boundary", "") => entry.boundary = true,
                ("boundary", v) => entry.boundary = on_off(v, "boundary")?,
                ("noise", "") => entry.noise = true,
                ("noise", v) => entry.noise = on_off(v, "noise")?,
                ("", _) => return Err("an empty option (two commas, or a trailing `|`)".into()),
                (k, _) => {
                    return Err(format!(
                        "unknown option `{k}` (expected severity=, boundary, noise=, note=)"
                    ))
                }
            }
        }
    }
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# 毒品
@category drugs
@severity block

海洛因
K粉 | boundary
麻古 | severity=review, note=也是地名，请结合上下文
饮鸠止渴 => 饮鸩止渴
SB

allow: 平台独家
counter: 禁毒
counter: 打击 | categories=*
frame: 禁毒宣传
condemn: 反对 | categories=political
";

    #[test]
    fn parses_entries_and_options() {
        let list = parse("drugs.txt", SAMPLE).unwrap();
        assert_eq!(list.entries.len(), 5);
        let k = &list.entries[1];
        assert_eq!((k.term.as_str(), k.folded.as_str()), ("K粉", "k粉"));
        assert!(k.boundary && k.noise);
        let m = &list.entries[2];
        assert_eq!(m.severity, Severity::Review);
        assert_eq!(m.note.as_deref(), Some("也是地名，请结合上下文"));
        assert_eq!(list.entries[3].suggestion.as_deref(), Some("饮鸩止渴"));
        assert!(
            !list.entries[4].noise,
            "ASCII-only terms default to noise=off"
        );
        assert_eq!(list.allows[0].categories, vec![Category::Drugs]);
        assert!(list.counters[1].categories.contains(&Category::Gambling));
        assert!(!list.counters[1]
            .categories
            .contains(&Category::Confidential));
        assert_eq!(list.frames[0].text, "禁毒宣传");
        assert_eq!(list.frames[0].categories, vec![Category::Drugs]);
        assert_eq!((list.frames[0].line, list.condemns[0].line), (14, 15));
        assert_eq!(list.condemns[0].categories, vec![Category::Political]);
    }

    #[test]
    fn slots_stand_for_their_alternatives() {
        let list = parse(
            "x.txt",
            "@category violence_terror\n我[要/就]捅死[他/你/] | note=威胁\n",
        )
        .unwrap();
        let terms: Vec<&str> = list.entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(
            terms,
            [
                "我要捅死他",
                "我要捅死你",
                "我要捅死",
                "我就捅死他",
                "我就捅死你",
                "我就捅死"
            ]
        );
        assert!(list.entries.iter().all(|e| e.line == 2 && e.note.is_some()));
        // A variant equal to an earlier entry is a duplicate, not an error.
        let dup = parse("x.txt", "@category insult\n狗官\n[狗/]官\n").unwrap();
        assert_eq!((dup.entries.len(), dup.duplicates.len()), (2, 1));
        assert_eq!(expand_slots("甲 => 乙 | note=[x]").unwrap(), None);
        assert_eq!(
            expand_slots("[甲/丙] => 乙[x] | note=[x]").unwrap(),
            Some(vec![
                "甲 => 乙[x] | note=[x]".to_string(),
                "丙 => 乙[x] | note=[x]".to_string()
            ])
        );
    }

    #[test]
    fn bad_slots_name_the_line() {
        let e = |t: &str| error_of(&format!("@category insult\n\n{t}"));
        assert_eq!(e("狗[官").0, 3);
        assert!(e("狗[官").1.contains("without its `]`"));
        assert!(e("狗官]").1.contains("without its slot"));
        assert!(e("狗[官]").1.contains("one alternative"));
        assert!(e("[a/[b/c]]").1.contains("slot inside a slot"));
        assert!(e("[a/b][c/d][e/f][g/h]").1.contains("at most 3"));
        assert!(e("[a/b/c/d/e][a/b/c/d/e][a/b/c/d/e]")
            .1
            .contains("125 terms"));
        assert!(e("[/]").1.contains("no term"));
    }

    #[test]
    fn frame_and_condemn_lines_name_their_errors() {
        let (line, msg) = error_of(
            "@category drugs
frame:",
        );
        assert_eq!(line, 2);
        assert!(msg.contains("`frame:` needs a text"), "{msg}");
        assert!(error_of("condemn: 反对")
            .1
            .contains("`condemn:` outside a file with `@category`"));
        assert!(
            error_of("@category political\ncondemn: 反对 | severity=info")
                .1
                .contains("`condemn:` takes only the option")
        );
    }

    fn error_of(text: &str) -> (usize, String) {
        match parse("x.txt", text) {
            Err(Error::Wordlist { line, message, .. }) => (line, message),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(error_of("海洛因").0, 1);
        let (line, msg) = error_of("@category drugs\n\n冰毒 | severity=fatal");
        assert_eq!(line, 3);
        assert!(msg.contains("fatal"), "{msg}");
        assert!(error_of("@category narcotics")
            .1
            .contains("unknown category"));
        assert!(error_of("@category drugs\n冰毒 =>")
            .1
            .contains("suggestion"));
        assert!(error_of("@category drugs\n* *").1.contains("never match"));
        assert!(error_of("@category drugs\n冰毒 | colour=red")
            .1
            .contains("unknown option"));
        assert!(error_of("@category drugs\n冰毒，海洛因")
            .1
            .contains("punctuation"));
        assert!(error_of("counter: 打击").1.contains("categories"));
        assert!(error_of("@color red").1.contains("unknown directive"));
        let (line, msg) = error_of("@category drugs\n冰毒\n冰 毒 | severity=warn");
        assert_eq!(line, 3);
        assert!(msg.contains("line 2"), "{msg}");
    }

    /// `fold_term` folds without an offset map when it can: the same text as `fold`, on every
    /// line of the default lists and on strings mixing every kind of character folding treats
    /// differently.
    #[test]
    fn terms_fold_as_text_folds() {
        use crate::normalize::{fold, fold_term};
        let same = |t: &str| assert_eq!(fold_term(t), fold(t).text().to_string(), "{t:?}");
        for (_, text) in crate::defaults::default_lists() {
            text.lines().for_each(same);
        }
        let alphabet: Vec<char> =
            "aZ9 .-_|*@#~，。、“冰毒賭博網站ＡＢ１２＠⑴㈱ﬁ\u{200B}\u{FE0F}\u{3000}😀é·—"
                .chars()
                .collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 9) {
                t.push(alphabet[((seed >> (8 + 5 * k)) % alphabet.len() as u64) as usize]);
            }
            same(&t);
        }
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb",
            "a\r",
            "\r\n",
            "甲\n\n乙\r",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "海洛因",
            " 海洛因\u{3000}",
            "\u{3000}",
            "a\u{0B}",
            "\u{0B}a",
            "冰毒\t",
            "\u{A0}x",
            "x\u{85}",
            "é",
            "毒 \u{2028}",
            "\u{1F}a\u{1F}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn duplicates_are_recorded_not_fatal() {
        let list = parse("x.txt", "@category drugs\n冰毒\n冰毒").unwrap();
        assert_eq!(list.entries.len(), 1);
        assert_eq!(list.duplicates[0].first_line, 2);
        assert_eq!(list.duplicates[0].line, 3);
    }
}
