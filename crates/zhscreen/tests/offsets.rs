//! Offsets where folding and the detectors' view change byte lengths: full-width digits and
//! letters (three bytes in the text, one in the detectors' view), traditional characters folded
//! to simplified ones, astral characters (four bytes, one char) and noise between them. Every
//! finding must point at the same characters in the caller's text as the plain text's finding,
//! shifted by what stands before it.

mod common;

use common::screener;
use zhscreen::Finding;

/// `(rule, text, char_start, char_end)` of every finding, with byte offsets checked against
/// `text` and its char offsets.
fn spans(text: &str) -> Vec<(String, String, usize, usize)> {
    screener()
        .scan(text)
        .findings
        .into_iter()
        .map(|f: Finding| {
            assert_eq!(&text[f.start..f.end], f.text, "{text}");
            assert_eq!(f.char_start, text[..f.start].chars().count(), "{text}");
            assert_eq!(f.char_end, text[..f.end].chars().count(), "{text}");
            (f.rule, f.text, f.char_start, f.char_end)
        })
        .collect()
}

/// The rule and text of the findings of `text`.
fn found(text: &str) -> Vec<(String, String)> {
    spans(text).into_iter().map(|(r, t, _, _)| (r, t)).collect()
}

#[test]
fn full_width_digits_between_astral_and_traditional_characters() {
    // Prefixes that change bytes and chars differently before the same findings.
    let prefixes = [
        "",
        "𠀀",
        "😀😀，",
        "２０２４年，",
        "賭博網站，",
        "ＡＢ１２𠀀，數量",
        "海\u{200B}洛*因，",
    ];
    let bodies = [
        "联系电话：１３８００１３８０００，欢迎来电。",
        "身份证号１１０１０８１９９００３０７１２３８，住址不详。",
        "邮箱ｌｉ．ｍｉｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ，谢谢。",
        "家住郴州市北湖区人民路８８号，电话０７３１－１２３４５６７８。",
    ];
    let mut checked = 0;
    for body in bodies {
        let alone = spans(body);
        assert!(!alone.is_empty(), "{body}");
        for prefix in prefixes {
            let text = format!("{prefix}{body}");
            let shift = prefix.chars().count();
            let mut with_prefix = spans(&text);
            // The prefix's own findings (賭博網站, 海洛因) stand before the body's.
            with_prefix.retain(|f| f.2 >= shift);
            let shifted: Vec<_> = alone
                .iter()
                .map(|(r, t, s, e)| (r.clone(), t.clone(), s + shift, e + shift))
                .collect();
            assert_eq!(with_prefix, shifted, "{text}");
            checked += shifted.len();
        }
    }
    assert!(checked >= 28, "{checked}");
}

#[test]
fn traditional_and_noisy_terms_point_at_what_was_written() {
    let text = "２０２４年𠀀，有人在網上開設賭博網站，又販賣海-洛-因，電話１３８００１３８０００。";
    let found = found(text);
    for want in ["賭博網站", "海-洛-因", "１３８００１３８０００"] {
        assert!(found.iter().any(|(_, t)| t == want), "{want}: {found:?}");
    }
}
