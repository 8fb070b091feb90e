//! The publishing category and sign-off routing: every default `@list` item does what its list
//! says, the cases' `sign_off` expectations hold, the State Council work reports and the seed
//! regulations gain no `publishing` finding at `review` or above, and a unit's own lists are
//! merged and change the fingerprint.
#![allow(clippy::print_stdout)] // the figures (work reports, seeds, sign-off cases) are reported

mod common;

use common::{repo, screener};
use serde_json::Value;
use zhscreen::lists::{HostKind, ListName};
use zhscreen::{Category, Report, Screener, Severity, SignOffLevel};

fn publishing(r: &Report) -> Vec<String> {
    r.of(Category::Publishing)
        .map(|f| format!("{}({}) {:?}", f.rule, f.severity, f.text))
        .collect()
}

fn serious(r: &Report) -> Vec<String> {
    r.of(Category::Publishing)
        .filter(|f| f.severity >= Severity::Review)
        .map(|f| format!("{}({}) {:?}", f.rule, f.severity, f.text))
        .collect()
}

fn items(list: ListName) -> Vec<zhscreen::lists::ListItem> {
    screener().named_lists().items(list).cloned().collect()
}

#[test]
fn every_approved_source_passes_and_every_non_publisher_is_review() {
    let mut problems = Vec::new();
    for i in items(ListName::ApprovedSources) {
        let name = if i.flag {
            format!("维西县{}", i.text)
        } else {
            i.text.clone()
        };
        let r = screener().scan(&format!("来源：{name}"));
        if !publishing(&r).is_empty() {
            problems.push(format!("approved {name}: {:?}", publishing(&r)));
        }
    }
    for i in items(ListName::NonPublisherSources) {
        let r = screener().scan(&format!("来源：{}", i.text));
        if !r
            .findings
            .iter()
            .any(|f| f.rule == "publishing/source_not_publisher")
        {
            problems.push(format!("non-publisher {}: {:?}", i.text, publishing(&r)));
        }
    }
    for i in items(ListName::RepostMarkers) {
        let sep = if i.flag { "" } else { "：" };
        let r = screener().scan(&format!("{}{sep}某某文化传媒公司", i.text));
        if !r
            .findings
            .iter()
            .any(|f| f.rule == "publishing/source_not_approved" && f.text == "某某文化传媒公司")
        {
            problems.push(format!("marker {}: {:?}", i.text, publishing(&r)));
        }
    }
    for i in items(ListName::RepostClaims) {
        let r = screener().scan(&format!("{}。", i.text));
        if !r
            .findings
            .iter()
            .any(|f| f.rule == "publishing/repost_no_source")
        {
            problems.push(format!("claim {}: {:?}", i.text, publishing(&r)));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_host_is_classified_by_its_kind() {
    let mut problems = Vec::new();
    for i in items(ListName::Hosts) {
        let kind = i.kind.expect("hosts have a kind");
        let url = format!("https://www.{}/a?id=1", i.key);
        let r = screener().scan(&format!("详见{url}。"));
        let rules: Vec<&str> = r
            .of(Category::Publishing)
            .map(|f| f.rule.as_str())
            .collect();
        let want: &[&str] = match kind {
            HostKind::Gov | HostKind::Approved => &[],
            HostKind::Shortlink => &["publishing/link_shortlink"],
            _ => &["publishing/link_commercial"],
        };
        if rules != want {
            problems.push(format!("{} ({}): {rules:?}", i.key, kind.as_str()));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    let r = screener().scan("详见https://www.example.org/a。");
    assert_eq!(r.findings[0].rule, "publishing/link_unknown");
    assert_eq!(r.findings[0].severity, Severity::Info);
    assert!(r.findings[0]
        .note
        .as_deref()
        .unwrap()
        .contains("www.example.org"));
}

#[test]
fn every_title_and_surname_makes_a_chain() {
    let mut problems = Vec::new();
    for i in items(ListName::Titles) {
        let t = format!("县委常委、副县长、县{}王明出席。", i.text);
        let r = screener().scan(&t);
        let f: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule == "publishing/title_chain")
            .collect();
        if f.len() != 1 || f[0].suggestion.as_deref() != Some("副县长") {
            problems.push(format!("title {}: {:?}", i.text, publishing(&r)));
        }
        let two = format!("副县长、县{}王明出席。", i.text);
        if !publishing(&screener().scan(&two)).is_empty() {
            problems.push(format!("two titles with {} flagged", i.text));
        }
    }
    for i in items(ListName::Surnames) {
        let t = format!("县委常委、副县长、县公安局局长{}明出席。", i.text);
        if !screener()
            .scan(&t)
            .findings
            .iter()
            .any(|f| f.rule == "publishing/title_chain")
        {
            problems.push(format!("surname {}", i.text));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_action_marker_and_negation_does_its_part() {
    let mut problems = Vec::new();
    let demand = |t: &str| {
        screener()
            .scan(t)
            .findings
            .iter()
            .any(|f| f.rule == "publishing/forced_engagement")
    };
    for i in items(ListName::EngagementActions) {
        let action = i.text.replace('…', "“维西发布”");
        if !demand(&format!("每人必须{action}。")) {
            problems.push(format!("action {action} with 必须 not found"));
        }
        if demand(&format!("欢迎{action}。")) {
            problems.push(format!("invitation 欢迎{action} flagged"));
        }
        if demand(&format!("不得强制要求群众{action}。")) {
            problems.push(format!("negated {action} flagged"));
        }
    }
    for i in items(ListName::CoercionMarkers) {
        if !demand(&format!("请大家点赞，{}。", i.text)) {
            problems.push(format!("marker {}", i.text));
        }
    }
    for i in items(ListName::Negations) {
        if demand(&format!("{}要求群众点赞。", i.text)) {
            problems.push(format!("negation {}", i.text));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_routing_word_routes_and_every_routine_text_does_not() {
    let mut problems = Vec::new();
    for i in items(ListName::SignOff) {
        let r = screener().scan(&i.text);
        if r.sign_off.level != i.level.unwrap() || r.sign_off.reasons[0].text != i.text {
            problems.push(format!("{}: {:?}", i.text, r.sign_off));
        }
        if r.sign_off.reasons[0].rule != format!("sign_off/{}", i.text) {
            problems.push(format!("{}: rule {}", i.text, r.sign_off.reasons[0].rule));
        }
    }
    for i in items(ListName::SignOffRoutine) {
        let r = screener().scan(&i.text);
        if r.sign_off.level != SignOffLevel::Standard {
            problems.push(format!("routine {}: {:?}", i.text, r.sign_off));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn cases_route_as_annotated() {
    let path = repo().join("tests/cases/publishing.jsonl");
    let (mut total, mut ok) = (0, 0);
    let mut failures = Vec::new();
    for (n, v) in common::jsonl(&path) {
        let Some(want) = v.get("sign_off").and_then(Value::as_str) else {
            continue;
        };
        total += 1;
        let r = screener().scan(v["text"].as_str().unwrap());
        if r.sign_off.level.as_str() == want {
            ok += 1;
        } else {
            failures.push(format!(
                "publishing.jsonl:{n}: want {want}, got {:?}",
                r.sign_off
            ));
        }
    }
    println!("sign-off cases: {ok}/{total}");
    for f in &failures {
        println!("  {f}");
    }
    assert!(total >= 30 && failures.is_empty(), "{failures:#?}");
}

#[test]
fn sign_off_changes_no_verdict() {
    let t = "今日凌晨某镇发生山体滑坡，造成2人死亡。";
    let r = screener().scan(t);
    assert_eq!(r.sign_off.level, SignOffLevel::Major);
    assert_eq!(r.verdict, zhscreen::Verdict::Pass);
    let reason = &r.sign_off.reasons[0];
    assert_eq!(&t[reason.start..reason.end], reason.text);
    assert!(reason.note.contains("主要负责人"));
    // the JSON contract: a field added, earlier reports still read
    let json: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["sign_off"]["level"], "major");
    assert_eq!(json["sign_off"]["reasons"][0]["rule"], "sign_off/死亡");
    let mut old = json.clone();
    old.as_object_mut().unwrap().remove("sign_off");
    let back: Report = serde_json::from_value(old).unwrap();
    assert_eq!(back.sign_off.level, SignOffLevel::Standard);
}

#[test]
fn work_reports_and_seeds_gain_no_serious_publishing_finding() {
    let mut found = Vec::new();
    let sentences = common::work_report_sentences();
    let (mut major, mut important, mut any) = (0, 0, 0);
    for s in &sentences {
        let r = screener().scan(s);
        any += usize::from(r.of(Category::Publishing).next().is_some());
        for f in serious(&r) {
            found.push(format!("{f} in {s}"));
        }
        match r.sign_off.level {
            SignOffLevel::Major => major += 1,
            SignOffLevel::Important => important += 1,
            SignOffLevel::Standard => {}
        }
    }
    println!(
        "work reports: {} sentences, {any} with a publishing finding of any severity, {} at review or above; sign-off major {major}, important {important}",
        sentences.len(),
        found.len()
    );
    for (p, text) in common::seeds() {
        let r = screener().scan(&text);
        println!(
            "seed {}: publishing {:?}; sign-off {}",
            p.display(),
            publishing(&r),
            r.sign_off.level
        );
        for f in serious(&r) {
            found.push(format!("{f} in {}", p.display()));
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_units_own_lists_are_merged_and_fingerprinted() {
    let mine = "@list approved_sources\n维西融媒\n@list hosts\nshop.example.com | kind=approved\ntaobao.com | kind=approved\n";
    let s = Screener::builder()
        .wordlist_text("mine.txt", mine)
        .build()
        .unwrap();
    assert_ne!(s.ruleset().fingerprint, screener().ruleset().fingerprint);
    assert!(publishing(&screener().scan("来源：维西融媒")).len() == 1);
    assert!(publishing(&s.scan("来源：维西融媒")).is_empty());
    assert!(publishing(&s.scan("见 https://shop.example.com/a")).is_empty());
    assert!(publishing(&s.scan("见 https://item.taobao.com/a")).is_empty());
    let other = Screener::builder()
        .wordlist_text("mine.txt", "@list sign_off\n开闸放水 | level=major\n")
        .build()
        .unwrap();
    assert_ne!(
        other.ruleset().fingerprint,
        screener().ruleset().fingerprint
    );
    assert_eq!(
        other.scan("水库将开闸放水。").sign_off.level,
        SignOffLevel::Major
    );
    // overriding a default is a diagnostic (and so a lint issue)
    assert!(s
        .diagnostics()
        .iter()
        .any(|d| d.message.contains("taobao.com")));
    // bad items fail the load with file:line
    let err = Screener::builder()
        .wordlist_text("mine.txt", "@list hosts\n\ntaobao.com | kind=shopping\n")
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("mine.txt:3") && err.contains("unknown host kind"),
        "{err}"
    );
}

#[test]
fn chunked_scans_route_and_find_as_one_scan() {
    let text = "本文转载。\n县长王强出席。\n某地发生山体滑坡，2人死亡。\n县长再次强调。\n来源：新华社\n今日又有1人死亡，县委常委、副县长、县公安局局长李明到场。\n"
        .repeat(3);
    let one = screener().scan(&text);
    assert_eq!(one.sign_off.level, SignOffLevel::Major);
    for chunk in [1, 40, 200] {
        assert_eq!(
            screener().scan_chunked(&text, chunk, 3),
            one,
            "chunks of {chunk}"
        );
    }
}
