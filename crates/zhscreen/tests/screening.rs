//! The mechanisms of the scan, each on a small list of its own (independent of the defaults).

use zhscreen::{Category, Error, Screener, Severity, Verdict};

const LIST: &str = "\
@category political
台独 | boundary
allow: 平台独家

@category drugs
海洛因
冰毒
冰毒片
counter: 禁毒

@category gambling
网络赌博
counter: 破获 | categories=*

@category insult
SB

@category typo
再接再励 => 再接再厉
按装 => 安装 / 安置

@category advertising
免费领取
领取大礼包

@category opinion
冰毒真香 | noise=off
";

fn screener() -> Screener {
    Screener::builder()
        .defaults(false)
        .wordlist_text("test.txt", LIST)
        .build()
        .unwrap()
}

fn texts(s: &Screener, text: &str) -> Vec<(String, String)> {
    s.scan(text)
        .findings
        .into_iter()
        .map(|f| (f.rule, f.text))
        .collect()
}

#[test]
fn word_boundaries_by_segmentation() {
    let s = screener();
    assert!(texts(&s, "省电视台独家专访").is_empty());
    assert!(texts(&s, "某平台独家发布").is_empty());
    assert_eq!(
        texts(&s, "坚决打击台独分裂活动"),
        vec![("political/台独".into(), "台独".into())]
    );
}

#[test]
fn allow_list_suppresses_overlapping_hits_of_its_category() {
    let s = screener();
    // 台独 would also be whole-word rejected; the allow list makes it certain.
    assert!(texts(&s, "平台独家").is_empty());
}

#[test]
fn counter_context_caps_at_review_within_the_sentence() {
    let s = screener();
    let r = s.scan("禁毒宣传：冰毒的危害");
    assert_eq!(r.verdict, Verdict::Review);
    assert!(r.findings[0].note.as_deref().unwrap().contains("禁毒"));
    // Another sentence: no effect.
    let r = s.scan("禁毒宣传。出售冰毒");
    assert_eq!(r.verdict, Verdict::Block);
    // A counter word scoped to all categories.
    let r = s.scan("警方破获一起网络赌博案件");
    assert_eq!(r.verdict, Verdict::Review);
    // The drugs-only counter word does not lower gambling.
    assert_eq!(s.scan("禁毒，网络赌博").verdict, Verdict::Block);
}

#[test]
fn nested_terms_of_one_category_are_reported_once() {
    let s = screener();
    assert_eq!(
        texts(&s, "出售冰毒片"),
        vec![("drugs/冰毒片".into(), "冰毒片".into())]
    );
}

#[test]
fn overlapping_terms_of_different_categories_are_all_reported() {
    let s = screener();
    let found = texts(&s, "免费领取大礼包");
    assert_eq!(
        found,
        vec![
            ("advertising/免费领取".into(), "免费领取".into()),
            ("advertising/领取大礼包".into(), "领取大礼包".into()),
        ]
    );
    let same = Screener::builder()
        .defaults(false)
        .wordlist_text(
            "a.txt",
            "@category political\n台独 | boundary\n@category expression\n台独 => “台独”\n",
        )
        .build()
        .unwrap();
    let cats: Vec<Category> = same
        .scan("反对台独")
        .findings
        .iter()
        .map(|f| f.category)
        .collect();
    assert_eq!(cats, vec![Category::Political, Category::Expression]);
    let r = s.scan("冰毒真香");
    let cats: Vec<Category> = r.findings.iter().map(|f| f.category).collect();
    assert_eq!(cats, vec![Category::Drugs, Category::Opinion]);
}

#[test]
fn noise_is_skipped_where_allowed_and_offsets_cover_it() {
    let s = screener();
    let text = "出售冰*毒，海 洛 因，賭博，海\u{200B}洛\u{200B}因";
    let r = s.scan(text);
    let spans: Vec<&str> = r.findings.iter().map(|f| &text[f.start..f.end]).collect();
    assert_eq!(spans, vec!["冰*毒", "海 洛 因", "海\u{200B}洛\u{200B}因"]);
    for f in &r.findings {
        assert_eq!(f.text, &text[f.start..f.end]);
        assert_eq!(f.char_start, text[..f.start].chars().count());
        assert_eq!(f.char_end, text[..f.end].chars().count());
    }
    // noise=off: the opinion entry does not match across noise, the drug entry still does.
    let r = s.scan("冰毒*真香");
    assert!(r.findings.iter().all(|f| f.category != Category::Opinion));
}

#[test]
fn ascii_terms_respect_word_edges() {
    let s = screener();
    assert!(texts(&s, "ISBN 978").is_empty());
    assert!(texts(&s, "this book").is_empty());
    assert!(texts(&s, "i s b n").is_empty());
    assert_eq!(texts(&s, "你个ＳＢ！").len(), 1);
    assert_eq!(texts(&s, "sb,走开").len(), 1);
}

#[test]
fn traditional_and_full_width_text_is_folded() {
    let s = screener();
    let text = "網絡賭博";
    let r = s.scan(text);
    assert_eq!(r.findings[0].rule, "gambling/网络赌博");
    assert_eq!(r.findings[0].text, "網絡賭博");
}

#[test]
fn suggestions_and_fix() {
    let s = screener();
    let r = s.scan("大家再接再励，尽快按装。");
    assert_eq!(r.verdict, Verdict::Warn);
    assert_eq!(r.findings[0].suggestion.as_deref(), Some("再接再厉"));
    let fixed = s.fix("大家再接再励，尽快按装。");
    assert_eq!(fixed.text, "大家再接再厉，尽快安装。");
    assert_eq!(fixed.replacements.len(), 2);
    assert_eq!(s.fix(&fixed.text).text, fixed.text, "fix is idempotent");
}

#[test]
fn redaction_masks_and_is_idempotent() {
    let s = screener();
    let text = "出售海洛因，联系13800138000";
    let once = s.redact(text);
    assert!(once.text.starts_with("出售***，"), "{}", once.text);
    assert_eq!(s.redact(&once.text).text, once.text);
}

#[test]
fn findings_are_ordered_and_reports_deterministic() {
    let s = screener();
    let text = "冰毒片和冰毒，网络赌博，再接再励，SB";
    let a = s.scan(text);
    let b = s.scan(text);
    assert_eq!(a.to_json(), b.to_json());
    let keys: Vec<(usize, usize)> = a.findings.iter().map(|f| (f.start, f.end)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn report_json_has_the_contract_fields() {
    let s = screener();
    let r = s.scan("出售冰毒");
    let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(v["verdict"], "block");
    let f = &v["findings"][0];
    for key in [
        "category",
        "gate",
        "severity",
        "rule",
        "start",
        "end",
        "char_start",
        "char_end",
        "text",
        "suggestion",
        "note",
    ] {
        assert!(f.get(key).is_some(), "missing {key}");
    }
    assert_eq!(f["gate"], "law");
    assert!(v["ruleset"]["fingerprint"].as_str().unwrap().len() == 32);
    assert_eq!(v["ruleset"]["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn fingerprint_is_stable_and_changes_with_the_rules() {
    let a = screener().ruleset().fingerprint.clone();
    assert_eq!(a, screener().ruleset().fingerprint);
    let changed = Screener::builder()
        .defaults(false)
        .wordlist_text(
            "test.txt",
            LIST.replace("冰毒片", "冰毒片 | severity=review"),
        )
        .build()
        .unwrap();
    assert_ne!(a, changed.ruleset().fingerprint);
    // Order of lists does not matter, content does.
    let x = "@category drugs\n冰毒\n";
    let y = "@category gambling\n赌球\n";
    let one = Screener::builder()
        .defaults(false)
        .wordlist_text("x", x)
        .wordlist_text("y", y)
        .build()
        .unwrap();
    let two = Screener::builder()
        .defaults(false)
        .wordlist_text("y", y)
        .wordlist_text("x", x)
        .build()
        .unwrap();
    assert_eq!(one.ruleset().fingerprint, two.ruleset().fingerprint);
}

#[test]
fn user_lists_override_severity() {
    let s = Screener::builder()
        .defaults(false)
        .wordlist_text("base.txt", "@category drugs\n冰毒\n")
        .wordlist_text(
            "local.txt",
            "@category drugs\n冰毒 | severity=warn, note=本地口径\n",
        )
        .build()
        .unwrap();
    let f = &s.scan("冰毒").findings[0];
    assert_eq!(f.severity, Severity::Warn);
    assert_eq!(f.note.as_deref(), Some("本地口径"));
}

#[test]
fn a_bad_list_fails_the_whole_build_with_file_and_line() {
    let err = Screener::builder()
        .defaults(false)
        .wordlist_text("good.txt", "@category drugs\n冰毒\n")
        .wordlist_text("bad.txt", "@category drugs\n\n冰毒 | severity=urgent\n")
        .build()
        .unwrap_err();
    assert_eq!(err.location(), Some(("bad.txt", 3)));
    assert!(err.to_string().starts_with("bad.txt:3: "), "{err}");
}

#[test]
fn wordlist_files_and_directories() {
    let dir = std::env::temp_dir().join(format!("zhscreen-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "@category drugs\n冰毒\n").unwrap();
    std::fs::write(dir.join("sub/b.txt"), "@category gambling\n赌球\n").unwrap();
    std::fs::write(dir.join("notes.md"), "not a list").unwrap();
    let s = Screener::builder()
        .defaults(false)
        .wordlist_dir(&dir)
        .build()
        .unwrap();
    assert_eq!(s.scan("冰毒和赌球").findings.len(), 2);
    std::fs::write(dir.join("sub/c.txt"), b"@category drugs\n\xff\xfe\n").unwrap();
    match Screener::builder()
        .defaults(false)
        .wordlist_dir(&dir)
        .build()
    {
        Err(Error::Wordlist { file, line, .. }) => {
            assert!(file.ends_with("c.txt"));
            assert_eq!(line, 2);
        }
        other => panic!("expected a wordlist error, got {other:?}"),
    }
    let missing = Screener::builder()
        .defaults(false)
        .wordlist_file(dir.join("nope.txt"))
        .build();
    assert!(matches!(missing, Err(Error::Io { .. })));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_screener_many_threads() {
    let s = screener();
    let text = "坚决打击台独，出售冰*毒，再接再励，网络赌博";
    let expected = s.scan(text).to_json();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for _ in 0..200 {
                    assert_eq!(s.scan(text).to_json(), expected);
                }
            });
        }
    });
}
