//! The visible text of an HTML page, with a map from each of its chars back to the page source.
//!
//! What a reader of the page sees is what is screened: the text of the elements, entities
//! decoded, white space collapsed as a browser does, a line break for each block element (so a
//! term never matches across two paragraphs), and nothing of `<script>`, `<style>`, `<template>`,
//! comments or tags. Every char of the result knows the byte range of the source it came from, so a
//! finding is reported at the line and column of the page source.

use quick_xml::escape::resolve_html5_entity;

/// The text of a page and its map back to the source.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The visible text.
    pub text: String,
    /// For the i-th char of `text`: the byte range of the source it stands for.
    pub char_map: Vec<(usize, usize)>,
}

impl Extracted {
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        self.char_map.push((start, end));
    }

    fn push_break(&mut self, at: usize, end: usize) {
        // Trailing collapsed space before a break is dropped, as a browser does.
        if self.text.ends_with(' ') {
            self.text.pop();
            self.char_map.pop();
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push('\n', at, end);
        }
    }
}

/// Elements whose content is not text of the page.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object",
];

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "body",
    "head",
    "html",
];

/// Extracts the visible text of `src`.
pub fn extract(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut pre_depth = 0usize;
    let mut pending_space: Option<(usize, usize)> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'<' {
            if let Some(tag) = parse_tag(src, i) {
                let lower = tag.name.to_ascii_lowercase();
                if BLOCKS.contains(&lower.as_str()) {
                    pending_space = None;
                    out.push_break(i, tag.end);
                }
                if lower == "pre" || lower == "textarea" {
                    if tag.closing {
                        pre_depth = pre_depth.saturating_sub(1);
                    } else if !tag.self_closing {
                        pre_depth += 1;
                    }
                }
                i = tag.end;
                if !tag.closing && !tag.self_closing && SKIPPED.contains(&lower.as_str()) {
                    i = skip_raw(src, i, &lower);
                }
                continue;
            }
            if src[i..].starts_with("<!--") {
                i = src[i + 4..]
                    .find("-->")
                    .map_or(src.len(), |p| i + 4 + p + 3);
                continue;
            }
            if src[i..].starts_with("<!") || src[i..].starts_with("<?") {
                i = src[i..].find('>').map_or(src.len(), |p| i + p + 1);
                continue;
            }
        }
        if b == b'&' {
            if let Some((decoded, end)) = entity(src, i) {
                flush_space(&mut out, &mut pending_space);
                for c in decoded.chars() {
                    out.push(c, i, end);
                }
                i = end;
                continue;
            }
        }
        let c = src[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        if pre_depth == 0 && matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            pending_space = Some(match pending_space {
                Some((s, _)) => (s, i + len),
                None => (i, i + len),
            });
        } else {
            flush_space(&mut out, &mut pending_space);
            out.push(c, i, i + len);
        }
        i += len;
    }
    while out.text.ends_with([' ', '\n']) {
        out.text.pop();
        out.char_map.pop();
    }
    out
}

fn flush_space(out: &mut Extracted, pending: &mut Option<(usize, usize)>) {
    if let Some((s, e)) = pending.take() {
        if !out.text.is_empty() && !out.text.ends_with('\n') {
            out.push(' ', s, e);
        }
    }
}

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// Byte offset one past the `>`.
    end: usize,
}

/// Parses a start or end tag at `at` (which holds `<`); `None` if it is not one.
fn parse_tag(src: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = src.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    let name_start = i;
    while i < bytes.len()
        && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b':')
    {
        i += 1;
    }
    let name = &src[name_start..i];
    // Attributes: skip to the `>` that is not inside quotes.
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                let self_closing = i > at + 1 && bytes[i - 1] == b'/';
                return Some(Tag {
                    name,
                    closing,
                    self_closing,
                    end: i + 1,
                });
            }
            None => {}
        }
        i += 1;
    }
    // An unterminated tag runs to the end of the source, as in a browser.
    Some(Tag {
        name,
        closing,
        self_closing: false,
        end: src.len(),
    })
}

/// Skips the raw content of `<script>` and the like, to just past its end tag.
fn skip_raw(src: &str, from: usize, name: &str) -> usize {
    let mut pos = from;
    while let Some(p) = src[pos..].find("</") {
        let close = pos + p;
        let after = &src.as_bytes()[close + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return src[close..].find('>').map_or(src.len(), |q| close + q + 1);
        }
        pos = close + 2;
    }
    src.len()
}

/// Decodes the character reference at `at` (which holds `&`): the text and the offset past `;`.
fn entity(src: &str, at: usize) -> Option<(String, usize)> {
    let rest = &src[at + 1..];
    let semi = rest.bytes().take(42).position(|b| b == b';')?;
    if semi == 0 {
        return None;
    }
    let name = &rest[..semi];
    let end = at + 1 + semi + 1;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some((c.to_string(), end));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    resolve_html5_entity(name).map(|s| (s.to_string(), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source_of<'a>(src: &'a str, x: &Extracted, needle: &str) -> &'a str {
        let cs = x.text[..x.text.find(needle).unwrap()].chars().count();
        let ce = cs + needle.chars().count();
        &src[x.char_map[cs].0..x.char_map[ce - 1].1]
    }

    #[test]
    fn visible_text_with_offsets() {
        let src = "<!DOCTYPE html><html><head><title>通知</title><style>p{color:red}</style>\
                   <script>var a='<p>内部资料</p>';</script></head>\n<body><p>联系电话：\n  <b>13800138000</b></p>\
                   <!-- 内部资料 --><p>A&amp;B&nbsp;再接再&#21169;</p></body></html>";
        let x = extract(src);
        assert_eq!(x.text, "通知\n联系电话： 13800138000\nA&B\u{a0}再接再励");
        assert_eq!(x.char_map.len(), x.text.chars().count());
        assert_eq!(source_of(src, &x, "13800138000"), "13800138000");
        assert_eq!(source_of(src, &x, "再接再励"), "再接再&#21169;");
        assert_eq!(source_of(src, &x, "电话： 1"), "电话：\n  <b>1");
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        for src in [
            "<",
            "<p",
            "&",
            "&#xFFFFFFFF;",
            "<script>",
            "a < b",
            "<!--",
            "<a href='>'>x",
            "&#0;",
        ] {
            let x = extract(src);
            assert_eq!(x.char_map.len(), x.text.chars().count());
        }
        assert_eq!(extract("a < b").text, "a < b");
        assert_eq!(extract("<a href='>'>x</a>").text, "x");
    }
}
