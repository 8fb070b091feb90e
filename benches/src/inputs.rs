//! The texts the benchmarks read.
//!
//! Nothing large is committed: the article-like text, the posts and the adversarial inputs are
//! generated at run time, with a fixed seed, from the sentences of the government work reports
//! (`shared/corpus/gov_work_reports.jsonl`), so every run and every machine reads the same bytes.
//!
//! The generator keeps the sentences as they are and mixes in, per sentence:
//! - 3% an identifier clause with its usual context word: a mobile number (half-width, full-width
//!   or grouped), a landline, a resident ID with a valid check digit, a Luhn-valid bank card, an
//!   e-mail address or a passport number;
//! - 3% its ASCII digits written full-width (`２０２４年`), as pasted text often has;
//! - 2% an ASCII run (`GDP`, `5G`, `App`, a web address);
//! - 1% a term of the default wordlists at a random position.
//!
//! The work reports already carry numbers, percentages and dates in most sentences.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use std::path::Path;

/// The seed of every generated input.
pub const SEED: u64 = 0x7a68_7363_7265_656e;

/// The texts of the work reports, one per line of the JSON-lines file.
pub fn load_work_reports(path: &Path) -> Result<Vec<String>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut texts = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let text = value
            .get("text")
            .and_then(|t| t.as_str())
            .ok_or_else(|| format!("{}:{}: no string field `text`", path.display(), n + 1))?;
        texts.push(text.to_string());
    }
    if texts.is_empty() {
        return Err(format!("{}: no texts", path.display()));
    }
    Ok(texts)
}

/// The sentences of `text`: cut after `。！？；` and at line breaks, trimmed, at least 6 chars.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = match c {
            '。' | '！' | '？' | '；' => i + c.len_utf8(),
            '\n' => i,
            _ => continue,
        };
        let s = text[start..end].trim();
        if s.chars().count() >= 6 {
            out.push(s);
        }
        start = i + c.len_utf8();
    }
    let s = text[start..].trim();
    if s.chars().count() >= 6 {
        out.push(s);
    }
    out
}

/// Generates article-like text and posts from real sentences.
pub struct Generator<'a> {
    rng: StdRng,
    sentences: &'a [&'a str],
    terms: &'a [String],
}

impl<'a> Generator<'a> {
    /// A generator over `sentences` (not empty) that mixes in `terms` (may be empty).
    pub fn new(seed: u64, sentences: &'a [&'a str], terms: &'a [String]) -> Self {
        assert!(!sentences.is_empty(), "the generator needs sentences");
        Generator {
            rng: StdRng::seed_from_u64(seed),
            sentences,
            terms,
        }
    }

    /// Appends one sentence, possibly with something mixed in.
    fn sentence(&mut self, out: &mut String) {
        let s = self.sentences[self.rng.random_range(0..self.sentences.len())];
        let roll = self.rng.random_range(0..100u32);
        match roll {
            0..=2 => {
                out.push_str(s);
                let clause = identifier_clause(&mut self.rng);
                out.push_str(&clause);
            }
            3..=5 => out.push_str(&full_width_digits(s)),
            6..=7 => {
                let ascii = ASCII_RUNS[self.rng.random_range(0..ASCII_RUNS.len())];
                let at = self.char_boundary(s);
                out.push_str(&s[..at]);
                out.push_str(ascii);
                out.push_str(&s[at..]);
            }
            8 if !self.terms.is_empty() => {
                let term = &self.terms[self.rng.random_range(0..self.terms.len())];
                let at = self.char_boundary(s);
                out.push_str(&s[..at]);
                out.push_str(term);
                out.push_str(&s[at..]);
            }
            _ => out.push_str(s),
        }
    }

    /// A random char boundary of `s`.
    fn char_boundary(&mut self, s: &str) -> usize {
        let n = s.chars().count();
        let k = self.rng.random_range(0..=n);
        s.char_indices().nth(k).map_or(s.len(), |(i, _)| i)
    }

    /// About `bytes` bytes (cut on a char boundary at or below it) of paragraphs of 2-8
    /// sentences separated by blank lines, like the reports.
    pub fn article(&mut self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 1024);
        while out.len() < bytes {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            for _ in 0..self.rng.random_range(2..=8) {
                self.sentence(&mut out);
            }
        }
        truncate_bytes(&mut out, bytes);
        out
    }

    /// One post of exactly `chars` characters on one line.
    pub fn post(&mut self, chars: usize) -> String {
        let mut out = String::new();
        while out.chars().count() < chars {
            self.sentence(&mut out);
        }
        truncate_chars(&mut out, chars);
        out
    }

    /// `n` posts of `min..=max` characters each.
    pub fn posts(&mut self, n: usize, min: usize, max: usize) -> Vec<String> {
        (0..n)
            .map(|_| {
                let len = self.rng.random_range(min..=max);
                self.post(len)
            })
            .collect()
    }

    /// A 120-character notice: sentences, then a contact number, as government posts end.
    pub fn post_120(&mut self) -> String {
        let contact = "咨询电话：0731-12345678。";
        let mut out = String::new();
        let body = 120 - contact.chars().count();
        while out.chars().count() < body {
            let s = self.sentences[self.rng.random_range(0..self.sentences.len())];
            out.push_str(s);
        }
        truncate_chars(&mut out, body);
        out.push_str(contact);
        out
    }
}

/// Cuts `s` to at most `bytes` bytes on a char boundary.
pub fn truncate_bytes(s: &mut String, bytes: usize) {
    if s.len() > bytes {
        let mut at = bytes;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        s.truncate(at);
    }
}

/// Cuts `s` to at most `chars` characters.
pub fn truncate_chars(s: &mut String, chars: usize) {
    if let Some((i, _)) = s.char_indices().nth(chars) {
        s.truncate(i);
    }
}

const ASCII_RUNS: &[&str] = &[
    "GDP",
    "5G",
    "App",
    "CPI",
    "PM2.5",
    "AI",
    "www.gov.cn",
    "https://www.stats.gov.cn/sj/",
    "ETC",
    "IPv6",
];

/// ASCII digits written full-width: `2024` → `２０２４`.
pub fn full_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn digits(rng: &mut StdRng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// An allocated mainland mobile number (13x, 15x, 18x, 19x segments).
pub fn mobile(rng: &mut StdRng) -> String {
    const HEADS: &[&str] = &[
        "130", "133", "135", "138", "139", "150", "152", "158", "176", "180", "186", "189", "199",
    ];
    format!(
        "{}{}",
        HEADS[rng.random_range(0..HEADS.len())],
        digits(rng, 8)
    )
}

/// A resident ID number with a valid GB 11643 check digit.
pub fn resident_id(rng: &mut StdRng) -> String {
    const REGIONS: &[&str] = &["110101", "310104", "440305", "510107", "330106", "430102"];
    let region = REGIONS[rng.random_range(0..REGIONS.len())];
    let year = rng.random_range(1950..=2005u32);
    let month = rng.random_range(1..=12u32);
    let day = rng.random_range(1..=28u32);
    let body = format!("{region}{year}{month:02}{day:02}{}", digits(rng, 3));
    format!("{body}{}", resident_id_check(&body))
}

/// The GB 11643 check character of the first 17 digits.
pub fn resident_id_check(body17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body17
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// A Luhn-valid UnionPay card number (62..., 16 or 19 digits).
pub fn bank_card(rng: &mut StdRng) -> String {
    let len = if rng.random_bool(0.5) { 16 } else { 19 };
    let body = format!("62{}", digits(rng, len - 3));
    format!("{body}{}", luhn_check(&body))
}

/// The Luhn check digit to append to `body`.
pub fn luhn_check(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    char::from(b'0' + ((10 - sum % 10) % 10) as u8)
}

/// An identifier with the words that usually introduce it, as a sentence of its own.
fn identifier_clause(rng: &mut StdRng) -> String {
    match rng.random_range(0..10u32) {
        0..=2 => {
            let n = mobile(rng);
            let n = match rng.random_range(0..5u32) {
                0 => full_width_digits(&n),
                1 => format!("{} {} {}", &n[..3], &n[3..7], &n[7..]),
                _ => n,
            };
            let ctx = ["联系电话：", "咨询热线：", "手机：", "请拨打"][rng.random_range(0..4)];
            format!("{ctx}{n}。")
        }
        3..=4 => {
            let area = ["010", "021", "0755", "0731"][rng.random_range(0..4)];
            let local = format!("{}{}", rng.random_range(2..=8u8), digits(rng, 7));
            format!("联系电话：{area}-{local}。")
        }
        5 => format!("申请人身份证号：{}。", resident_id(rng)),
        6 => format!("补贴发放至银行卡号{}。", bank_card(rng)),
        7..=8 => {
            let user =
                ["zhangwei", "li.na", "wangfang", "service", "xinxi"][rng.random_range(0..5)];
            let domain = [
                "qq.com",
                "163.com",
                "126.com",
                "example.com",
                "hunan.gov.cn",
            ][rng.random_range(0..5)];
            format!("来信请发邮箱{user}{}@{domain}。", digits(rng, 2))
        }
        _ => format!("护照号码E{}。", digits(rng, 8)),
    }
}

/// The adversarial inputs of the linearity check.
pub mod adversarial {
    use super::*;

    /// `term` repeated up to `bytes` bytes.
    pub fn repeated(term: &str, bytes: usize) -> String {
        let mut s = term.repeat(bytes / term.len().max(1) + 1);
        truncate_bytes(&mut s, bytes);
        s
    }

    /// Only characters that folding drops: spaces, ASCII symbols, dots, bullets, arrows, shapes,
    /// emoji and zero-width characters, in a fixed-seed shuffle.
    pub fn noise(bytes: usize) -> String {
        const NOISE: &[char] = &[
            ' ', '*', '-', '_', '.', '~', '|', '/', '·', '•', '→', '■', '◆', '😀', '\u{200B}',
            '\u{3000}',
        ];
        let mut rng = StdRng::seed_from_u64(SEED ^ 0x6e6f697365);
        let mut s = String::with_capacity(bytes + 4);
        while s.len() < bytes {
            s.push(NOISE[rng.random_range(0..NOISE.len())]);
        }
        truncate_bytes(&mut s, bytes);
        s
    }

    /// `text` as one line with no clause break: line breaks and clause punctuation removed, so
    /// the whole input is one clause and one sentence.
    pub fn one_line(text: &str, bytes: usize) -> String {
        let mut s: String = text
            .chars()
            .filter(|&c| !zhscreen::normalize::is_clause_break(c))
            .collect();
        while s.len() < bytes {
            let again = s.clone();
            s.push_str(&again);
        }
        truncate_bytes(&mut s, bytes);
        s
    }
}

/// A fixed-seed shuffle of `0..n`.
pub fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.shuffle(&mut StdRng::seed_from_u64(seed));
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。国内生产总值达到134.9万亿元、增长5%！\
        城镇新增就业1256万人；全年居民消费价格上涨0.2%。\n短句。";

    #[test]
    fn splits_sentences() {
        let s = sentences(TEXT);
        assert_eq!(s[0], "现在，我代表国务院，向大会报告政府工作。");
        assert_eq!(s[1], "国内生产总值达到134.9万亿元、增长5%！");
        assert_eq!(s[2], "城镇新增就业1256万人；");
        assert_eq!(s[3], "全年居民消费价格上涨0.2%。");
        assert_eq!(s.len(), 4, "short lines are dropped: {s:?}");
    }

    #[test]
    fn check_digits() {
        // GB 11643's published example, and a Luhn example.
        assert_eq!(resident_id_check("11010519491231002"), 'X');
        assert_eq!(luhn_check("7992739871"), '3');
    }

    #[test]
    fn generation_is_fixed_by_the_seed() {
        let s = sentences(TEXT);
        let terms = vec!["海洛因".to_string()];
        let a = Generator::new(SEED, &s, &terms).article(10_000);
        let b = Generator::new(SEED, &s, &terms).article(10_000);
        assert_eq!(a, b);
        assert!(a.len() <= 10_000 && a.len() > 9_990);
        let c = Generator::new(SEED + 1, &s, &terms).article(10_000);
        assert_ne!(a, c);
    }

    #[test]
    fn posts_have_the_asked_lengths() {
        let s = sentences(TEXT);
        let mut g = Generator::new(SEED, &s, &[]);
        for p in g.posts(50, 20, 200) {
            let n = p.chars().count();
            assert!((20..=200).contains(&n), "{n}");
            assert!(!p.contains('\n'));
        }
        let p = g.post_120();
        assert_eq!(p.chars().count(), 120);
        assert!(p.ends_with("0731-12345678。"));
    }

    #[test]
    fn generated_identifiers_are_found_by_zhscreen() {
        let screener = zhscreen::Screener::builder()
            .defaults(false)
            .build()
            .unwrap();
        let mut rng = StdRng::seed_from_u64(SEED);
        for _ in 0..20 {
            for (text, rule) in [
                (
                    format!("身份证号：{}。", resident_id(&mut rng)),
                    "personal_info/cn_resident_id",
                ),
                (
                    format!("手机：{}。", mobile(&mut rng)),
                    "personal_info/cn_mobile",
                ),
                (
                    format!("银行卡号{}。", bank_card(&mut rng)),
                    "personal_info/bank_card",
                ),
            ] {
                let report = screener.scan(&text);
                assert!(
                    report.findings.iter().any(|f| f.rule == rule),
                    "{rule} not found in {text}: {:?}",
                    report.findings
                );
            }
        }
    }

    #[test]
    fn adversarial_inputs() {
        let r = adversarial::repeated("海洛因", 100);
        assert_eq!(r.len(), 99);
        let n = adversarial::noise(1000);
        assert!(n.len() <= 1000 && n.len() > 990);
        assert!(zhscreen::normalize::fold(&n).text().is_empty());
        let l = adversarial::one_line(TEXT, 5000);
        assert!(!l.chars().any(zhscreen::normalize::is_clause_break));
        assert!(l.len() <= 5000 && l.len() > 4990);
    }
}
