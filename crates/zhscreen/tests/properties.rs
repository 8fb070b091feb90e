//! Properties that hold for any input: offsets point into the caller's text, findings are
//! ordered, reports are deterministic, the verdict follows the severities, redaction leaves the
//! rest of the text alone.

use proptest::prelude::*;
use std::sync::OnceLock;
use zhscreen::{Screener, Verdict};

fn screener() -> &'static Screener {
    static S: OnceLock<Screener> = OnceLock::new();
    S.get_or_init(|| Screener::new().expect("defaults compile"))
}

/// Mixed Chinese (simplified and traditional), ASCII, full-width forms, digits, noise,
/// zero-width and format characters, emoji, and pieces of real terms and identifiers.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[一-龥]{1,6}",
        "[a-zA-Z0-9 ]{1,6}",
        "[０-９Ａ-Ｚａ-ｚ]{1,4}",
        "[，。！？；：、“”（）\n]",
        "[\u{200B}\u{200D}\u{FEFF}\u{202E}*·\\-_~ ]{1,3}",
        "[😀🚀🇨🇳①②⑩㊙]",
        Just("海洛因".to_string()),
        Just("賭博網站".to_string()),
        Just("台独".to_string()),
        Just("平台独家".to_string()),
        Just("绝密★10年".to_string()),
        Just("再接再励".to_string()),
        Just("110108199003071238".to_string()),
        Just("13800138000".to_string()),
        Just("li.ming@example.com".to_string()),
        Just("禁毒".to_string()),
        Just("VX".to_string()),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn offsets_point_into_the_original(text in mixed_text()) {
        let r = screener().scan(&text);
        let mut prev = (0, 0);
        for f in &r.findings {
            prop_assert!(f.start < f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
            prop_assert_eq!(f.char_start, text[..f.start].chars().count());
            prop_assert_eq!(f.char_end, text[..f.end].chars().count());
            prop_assert!((f.start, f.end) >= prev, "ordered by start, end");
            prev = (f.start, f.end);
        }
        let verdict = r.findings.iter().map(|f| Verdict::from_severity(f.severity)).max().unwrap_or(Verdict::Pass);
        prop_assert_eq!(r.verdict, verdict);
        prop_assert_eq!(r.to_json(), screener().scan(&text).to_json());
    }

    #[test]
    fn redaction_changes_only_the_spans_and_is_idempotent(text in mixed_text()) {
        let once = screener().redact(&text);
        let mut pos = 0;
        let mut rebuilt = String::new();
        for rep in &once.replacements {
            prop_assert_eq!(&text[rep.start..rep.end], rep.original.as_str());
            rebuilt.push_str(&text[pos..rep.start]);
            rebuilt.push_str(&rep.replacement);
            pos = rep.end;
        }
        rebuilt.push_str(&text[pos..]);
        prop_assert_eq!(&rebuilt, &once.text);
        prop_assert_eq!(screener().redact(&once.text).text, once.text.clone());
    }

    #[test]
    fn concatenation_finds_at_least_the_parts(a in mixed_text(), b in mixed_text()) {
        // A newline between the parts stops every term at the seam.
        let joined = format!("{a}\n{b}");
        let whole = screener().scan(&joined);
        let shift = a.len() + 1;
        let parts = screener().scan(&a).findings.into_iter()
            .chain(screener().scan(&b).findings.into_iter().map(|mut f| { f.start += shift; f.end += shift; f }));
        for f in parts {
            prop_assert!(
                whole.findings.iter().any(|g| g.rule == f.rule && g.start <= f.start && g.end >= f.end),
                "{} at {}..{} lost in the concatenation", f.rule, f.start, f.end
            );
        }
    }
}

#[test]
fn allow_only_user_lists_never_add_findings() {
    let plain = screener();
    let with_allow = Screener::builder()
        .wordlist_text(
            "allow.txt",
            "allow: 出售 | categories=drugs,gambling\nallow: 独家 | categories=political\n",
        )
        .build()
        .unwrap();
    for text in [
        "出售海洛因",
        "平台独家台独",
        "打击台独",
        "网络赌博出售",
        "出售冰毒，再接再励",
    ] {
        let a = plain.scan(text).findings.len();
        let b = with_allow.scan(text).findings.len();
        assert!(b <= a, "{text}: {b} > {a}");
    }
}

#[test]
fn redaction_rescreens_until_nothing_changes() {
    // 台 after the number reads as a quantity (13800138000台); once 台独 is masked the number is a
    // mobile number and is masked in the next round, reported against the caller's offsets.
    let text = "13800138000台独";
    let r = screener().redact(text);
    assert_eq!(r.text, "138****8000**");
    let spans: Vec<(&str, &str)> = r
        .replacements
        .iter()
        .map(|x| (&text[x.start..x.end], x.replacement.as_str()))
        .collect();
    assert_eq!(spans, vec![("13800138000", "138****8000"), ("台独", "**")]);
}
