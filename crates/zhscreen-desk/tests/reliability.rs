//! Load over loopback: 16 concurrent clients × 500 scans, every one answered with the report
//! of the library; concurrent sign-offs leave a chain that verifies. (Kill -9 and restart are
//! in the CLI's tests, which run the `zhscreen serve` process.)

mod common;

use common::{agent, start};
use serde_json::json;
use zhscreen_desk::DEFAULT_MAX_BODY;

#[test]
fn sixteen_clients_times_500_scans_are_all_answered() {
    let s = start(DEFAULT_MAX_BODY);
    let screener = zhscreen::Screener::new().unwrap();
    let texts: Vec<String> = (0..16)
        .map(|i| {
            format!("第{i}号通知：各单位要再接再励，联系电话13800138000，出售海洛因者依法查处。")
        })
        .collect();
    let expected: Vec<String> = texts.iter().map(|t| screener.scan(t).to_json()).collect();
    let answered = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..16)
            .map(|c| {
                let (base, token, text, want) = (&s.base, &s.editor, &texts[c], &expected[c]);
                scope.spawn(move || {
                    let a = agent(); // one keep-alive connection per client
                    let body = json!({ "text": text }).to_string();
                    let mut ok = 0;
                    for _ in 0..500 {
                        let mut res = a
                            .post(format!("{base}/v1/scan"))
                            .header("Authorization", format!("Bearer {token}"))
                            .header("Content-Type", "application/json")
                            .send(body.as_bytes())
                            .expect("answered");
                        assert_eq!(res.status(), 200);
                        assert_eq!(&res.body_mut().read_to_string().unwrap(), want);
                        ok += 1;
                    }
                    ok
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum::<usize>()
    });
    assert_eq!(answered, 16 * 500);
}

#[test]
fn concurrent_sign_offs_on_many_drafts_keep_the_chain_whole() {
    let s = start(DEFAULT_MAX_BODY);
    let ids: Vec<i64> = (0..24)
        .map(|i| {
            s.post(
                "/v1/drafts",
                &s.editor,
                json!({"title": format!("稿件{i}"), "platform": "门户网站", "text": "市政府召开常务会议。"}),
            )
            .json()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    // The three reviewers race through the drafts; each stage is signed exactly once.
    let signed = std::thread::scope(|scope| {
        let hs: Vec<_> = [
            (&s.editor, "first"),
            (&s.secrecy, "second"),
            (&s.head, "final"),
        ]
        .into_iter()
        .map(|(token, stage)| {
            let (s, ids) = (&s, &ids);
            scope.spawn(move || {
                let mut done = 0;
                let mut pending: Vec<i64> = ids.clone();
                for _round in 0..2000 {
                    if pending.is_empty() {
                        break;
                    }
                    pending.retain(|id| {
                        let a = s.sign(*id, token, stage, "approve", "同意");
                        match a.status {
                            200 => {
                                done += 1;
                                false
                            }
                            409 => true, // not its turn yet
                            other => panic!("{other}: {}", a.body),
                        }
                    });
                }
                done
            })
        })
        .collect();
        hs.into_iter()
            .map(|h| h.join().unwrap())
            .collect::<Vec<_>>()
    });
    assert_eq!(signed, [24, 24, 24]);
    let v = s.verify().unwrap();
    assert_eq!(v.events, 4 + 24 * 2 + 24 * 3);
}
