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

/// The detectors see a character the same whatever else the text holds: a full-width digit
/// elsewhere (which once switched the detectors' view to folded punctuation for the whole text)
/// changes none of the findings of a line. A chunked scan relies on it.
#[test]
fn findings_of_a_line_do_not_depend_on_full_width_digits_elsewhere() {
    let lines = [
        "网址www.gov.cn，电话（010）12345678，邮箱abc@qq.com。",
        "访问https://bit.ly/abc（点击领取），电话：010－12345678",
        "联系人张三，手机：138－0013－8000（微信同号）",
        "身份证号：110108199003071238，银行卡：6222 0212 3456 7890 128。",
    ];
    for line in lines {
        let alone = spans(line);
        let with = format!("{line}\n第１章");
        let mut both = spans(&with);
        both.retain(|(_, _, s, _)| *s < line.chars().count());
        assert_eq!(both, alone, "{line}");
    }
    // And the folded punctuation is read: a landline in full-width brackets with ASCII digits.
    assert!(found(lines[0])
        .iter()
        .any(|(r, t)| r == "personal_info/cn_landline" && t == "（010）12345678"));
    assert!(found(lines[1])
        .iter()
        .any(|(r, t)| r.starts_with("publishing/link") && t == "https://bit.ly/abc"));
}
