//! `POST /v1/moderations` in the shape of the OpenAI moderation endpoint, so that a content
//! system written against a cloud moderation API switches by changing its base URL.
//!
//! Each result has `flagged` (the verdict is `review` or `block`), `categories` (every zhscreen
//! category id → whether it has a finding of severity `review` or more) and `category_scores`
//! (id → the highest severity found in it as a number: none 0, info 0.25, warn 0.5, review 0.75,
//! block 1; a level, not a probability), plus the whole zhscreen report under `zhscreen`.

use crate::{Error, Result};
use serde_json::{json, Map, Value};
use zhscreen::{Category, Screener, Severity, Verdict};

/// The most inputs one request may hold.
pub const MAX_INPUTS: usize = 1000;

/// The texts of a request: `{"input": "..."}` or `{"input": ["...", ...]}` (other fields, such
/// as `model`, are ignored).
pub fn inputs(body: &Value) -> Result<Vec<String>> {
    let Some(input) = body.get("input") else {
        return Err(Error::BadRequest(
            "missing field `input` (a string or an array of strings)".into(),
        ));
    };
    match input {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => {
            if items.is_empty() {
                return Err(Error::BadRequest("`input` is an empty array".into()));
            }
            if items.len() > MAX_INPUTS {
                return Err(Error::BadRequest(format!(
                    "`input` has {} items, more than {MAX_INPUTS}",
                    items.len()
                )));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_str().map(str::to_string).ok_or_else(|| {
                        Error::BadRequest(format!("`input[{i}]` is {}, not a string", kind(v)))
                    })
                })
                .collect()
        }
        other => Err(Error::BadRequest(format!(
            "`input` is {}: it must be a string or an array of strings",
            kind(other)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn score(s: Severity) -> f64 {
    match s {
        Severity::Info => 0.25,
        Severity::Warn => 0.5,
        Severity::Review => 0.75,
        Severity::Block => 1.0,
    }
}

/// Screens every input and answers in the moderation shape.
pub fn respond(screener: &Screener, id: String, inputs: &[String]) -> Value {
    let ruleset = screener.ruleset();
    let fp: String = ruleset.fingerprint.chars().take(12).collect();
    let results: Vec<Value> = inputs
        .iter()
        .map(|text| {
            let report = screener.scan(text);
            let mut categories = Map::new();
            let mut scores = Map::new();
            for c in Category::ALL {
                let top = report.of(c).map(|f| f.severity).max();
                categories.insert(
                    c.as_str().into(),
                    Value::Bool(top.is_some_and(|s| s >= Severity::Review)),
                );
                scores.insert(c.as_str().into(), json!(top.map_or(0.0, score)));
            }
            json!({
                "flagged": report.verdict >= Verdict::Review,
                "categories": categories,
                "category_scores": scores,
                "zhscreen": report,
            })
        })
        .collect();
    json!({
        "id": id,
        "model": format!("zhscreen-{}-{fp}", ruleset.version),
        "results": results,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_or_an_array_of_strings() {
        assert_eq!(inputs(&json!({"input": "a"})).unwrap(), ["a"]);
        assert_eq!(
            inputs(&json!({"input": ["a", "b"], "model": "x"})).unwrap(),
            ["a", "b"]
        );
        for (body, says) in [
            (json!({}), "missing field `input`"),
            (json!({"input": []}), "empty array"),
            (json!({"input": 3}), "a number"),
            (json!({"input": ["a", null]}), "`input[1]` is null"),
        ] {
            let e = inputs(&body).unwrap_err();
            assert!(e.message().contains(says), "{body}: {e}");
        }
    }

    #[test]
    fn flagged_follows_the_verdict_and_categories_follow_the_findings() {
        let s = Screener::new().unwrap();
        let texts = [
            "今天天气晴朗，市民可前往公园赏花。".to_string(),
            "出售海洛因，价格面议。".to_string(),
        ];
        let out = respond(&s, "modr-1".into(), &texts);
        let r = out["results"].as_array().unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0]["flagged"], false);
        assert_eq!(r[0]["zhscreen"]["verdict"], "pass");
        assert_eq!(r[1]["flagged"], true);
        assert_eq!(r[1]["categories"]["drugs"], true);
        assert_eq!(r[1]["category_scores"]["drugs"], 1.0);
        assert_eq!(r[1]["categories"]["gambling"], false);
        assert_eq!(r[1]["category_scores"]["gambling"], 0.0);
        assert_eq!(
            r[1]["categories"].as_object().unwrap().len(),
            Category::ALL.len()
        );
        assert!(out["model"].as_str().unwrap().starts_with("zhscreen-"));
    }
}
