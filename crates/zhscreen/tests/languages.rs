//! The language of the notes: Chinese by default, English by option; nothing else changes.

use zhscreen::messages::english_run;
use zhscreen::{Finding, Lang, Screener};

/// A text with something for every detector and a counter-context lowering.
const EVERYTHING: &str = "联系电话：13907351234，身份证号：431022198503152010，\
    原身份证号码110108900307123，座机(010)62345678转801，咨询电话：0731-84123456，\
    卡号6228 4800 1234 5678 903，邮箱li.ming@example.com，单位邮箱office@hn.gov.cn，\
    护照E12345678，港澳通行证C12345678，统一社会信用代码91350100M000100Y43。\n\
    机密★5年\n秘　密\n某县破获一起贩卖海洛因案件。";

const NOTICE: &str = include_str!("../../../examples/notice.txt");

/// A finding without its note.
fn machine(f: &Finding) -> Finding {
    Finding {
        note: None,
        ..f.clone()
    }
}

#[test]
fn only_the_notes_follow_the_language() {
    let zh = Screener::new().unwrap();
    assert_eq!(zh.lang(), Lang::Zh);
    let en = zh.with_lang(Lang::En);
    let built = Screener::builder().lang(Lang::En).build().unwrap();
    assert_eq!(built.lang(), Lang::En);
    for text in [EVERYTHING, NOTICE] {
        let (a, b, c) = (zh.scan(text), en.scan(text), built.scan(text));
        assert_eq!(a.verdict, b.verdict);
        assert_eq!(a.ruleset, b.ruleset);
        assert_eq!(
            b.ruleset, c.ruleset,
            "the fingerprint does not depend on the language"
        );
        assert_eq!(b.findings, c.findings);
        let ma: Vec<Finding> = a.findings.iter().map(machine).collect();
        let mb: Vec<Finding> = b.findings.iter().map(machine).collect();
        assert_eq!(ma, mb);
        // the JSON keys and every machine value are the same
        let (ja, jb) = (
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap(),
        );
        let keys = |v: &serde_json::Value| {
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_object().unwrap().keys().cloned().collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&ja), keys(&jb));
    }
    // back to Chinese from English gives the Chinese notes again
    assert_eq!(en.with_lang(Lang::Zh).scan(EVERYTHING), zh.scan(EVERYTHING));
}

#[test]
fn every_detector_note_is_chinese_by_default_and_english_by_option() {
    let zh = Screener::new().unwrap();
    let a = zh.scan(EVERYTHING);
    let b = zh.with_lang(Lang::En).scan(EVERYTHING);
    let rules: std::collections::BTreeSet<&str> =
        a.findings.iter().map(|f| f.rule.as_str()).collect();
    for rule in [
        "personal_info/cn_mobile",
        "personal_info/cn_resident_id",
        "personal_info/cn_resident_id_15",
        "personal_info/cn_landline",
        "personal_info/bank_card",
        "personal_info/email",
        "personal_info/passport",
        "personal_info/travel_permit",
        "personal_info/uscc",
        "confidential/classification_mark",
    ] {
        assert!(rules.contains(rule), "{rule} not found in {rules:?}");
    }
    let mut lowered = 0;
    for (fa, fb) in a.findings.iter().zip(&b.findings) {
        let (na, nb) = (fa.note.as_deref(), fb.note.as_deref());
        if fa.rule.starts_with("personal_info/") || fa.rule == "confidential/classification_mark" {
            let (na, nb) = (na.unwrap(), nb.unwrap());
            assert_eq!(english_run(na), None, "{}: {na}", fa.rule);
            assert!(
                english_run(nb).is_some() || nb.contains(" format"),
                "{}: {nb}",
                fa.rule
            );
        }
        if let Some(n) = na.filter(|n| n.contains("已由禁止发布降为需复核")) {
            assert!(n.contains("“破获”"), "{n}");
            assert!(nb.unwrap().contains("counter-context 「破获」"), "{nb:?}");
            lowered += 1;
        }
    }
    assert_eq!(lowered, 1, "{:#?}", a.findings);
}

#[test]
fn the_bundled_example_reads_in_chinese() {
    let report = Screener::new().unwrap().scan(NOTICE);
    assert!(report.findings.len() >= 4, "{:#?}", report.findings);
    for f in &report.findings {
        if let Some(n) = &f.note {
            assert_eq!(english_run(n), None, "{}: {n}", f.rule);
        }
    }
    let mobile = report
        .findings
        .iter()
        .find(|f| f.rule == "personal_info/cn_mobile")
        .unwrap();
    assert_eq!(
        mobile.note.as_deref(),
        Some("手机号码（139号段），上下文“联系电话”，建议去标识化")
    );
}

#[test]
fn languages_parse_with_a_clear_error() {
    assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
    let e = "english".parse::<Lang>().unwrap_err().to_string();
    assert!(
        e.contains("\"english\"") && e.contains("\"zh\"") && e.contains("\"en\""),
        "{e}"
    );
}
