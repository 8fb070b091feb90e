//! Properties that hold for any input: offsets point into the caller's text, findings are
//! ordered, reports are deterministic, the verdict follows the severities, redaction leaves the
//! rest of the text alone.

mod common;

use common::screener;
use proptest::prelude::*;
use zhscreen::{Screener, Verdict};

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

/// A user list of `allow:` lines only: pieces of default terms, whole terms, ordinary words and
/// random characters, for one category, several, or all.
fn allow_only_list() -> impl Strategy<Value = String> {
    let term = prop_oneof![
        Just("出售"),
        Just("海洛因"),
        Just("台独"),
        Just("独家"),
        Just("平台"),
        Just("赌博"),
        Just("網站"),
        Just("再接再"),
        Just("接再励"),
        Just("禁毒"),
        Just("138"),
        Just("绝密"),
        Just("VX"),
    ]
    .prop_map(str::to_string);
    let term = prop_oneof![3 => term, 1 => "[一-龥]{1,3}"];
    let categories = prop_oneof![
        Just(""),
        Just(" | categories=*"),
        Just(" | categories=political"),
        Just(" | categories=drugs,gambling"),
        Just(" | categories=typo,advertising,personal_info"),
    ];
    proptest::collection::vec((term, categories), 1..6).prop_map(|lines| {
        let mut list = String::from("@category drugs\n");
        for (term, categories) in lines {
            list.push_str(&format!("allow: {term}{categories}\n"));
        }
        list
    })
}

proptest! {
    // Each case builds a screener on the default lists: fewer cases than the others.
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// An allow entry can hide a finding and so uncover a shorter one that the longer finding of
    /// the same category contained: "never adds findings" means that nothing is flagged outside
    /// what the default lists alone flag, in the same category.
    #[test]
    fn allow_only_user_lists_never_add_findings(
        list in allow_only_list(),
        texts in proptest::collection::vec(mixed_text(), 6),
    ) {
        let with_allow = Screener::builder()
            .wordlist_text("allow.txt", &list)
            .build()
            .expect("an allow-only list compiles");
        for text in texts {
            let plain = screener().scan(&text);
            for g in &with_allow.scan(&text).findings {
                prop_assert!(
                    plain.findings.iter().any(|f| f.category == g.category
                        && f.start <= g.start && g.end <= f.end),
                    "{} at {}..{} appeared with the allow list\n{}", g.rule, g.start, g.end, list
                );
            }
        }
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
