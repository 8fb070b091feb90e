//! De-identification (去标识化) and fixing: rewriting the spans a scan found.
//!
//! Text outside the replaced spans is left byte for byte as it was, and running either twice gives
//! the same result as once (a masked value is no longer detected; a corrected word no longer
//! flagged).

use crate::category::Category;
use crate::detect::registry::mask;
use crate::report::{Finding, Report};
use crate::screener::Screener;
use serde::{Deserialize, Serialize};

/// What to do with the findings of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the text as it is.
    Keep,
    /// Mask it: personal data by its kind (`139****5678`), anything else `*` per character.
    Mask,
    /// Replace it by the entry's suggestion (the first of alternatives separated by `/`); keep
    /// it where there is none.
    Suggest,
}

/// What redaction does per category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedactPolicy {
    actions: [Action; Category::ALL.len()],
}

impl Default for RedactPolicy {
    /// Masks personal data, classification marks and prohibited content; leaves wording, typos,
    /// opinion, rumour markers and advertising for the editor.
    fn default() -> Self {
        let mut p = RedactPolicy {
            actions: [Action::Keep; Category::ALL.len()],
        };
        for c in Category::ALL {
            if c == Category::PersonalInfo
                || c == Category::Confidential
                || c == Category::Insult
                || c.default_severity() == crate::Severity::Block
            {
                p.actions[c as usize] = Action::Mask;
            }
        }
        p
    }
}

impl RedactPolicy {
    /// Personal data only.
    pub fn personal_info_only() -> Self {
        RedactPolicy::none().set(Category::PersonalInfo, Action::Mask)
    }

    /// The policy of `fix`: suggestions for `expression` and `typo`, nothing else.
    pub fn fix() -> Self {
        RedactPolicy::none()
            .set(Category::Expression, Action::Suggest)
            .set(Category::Typo, Action::Suggest)
    }

    /// Keeps everything (a start for building a policy).
    pub fn none() -> Self {
        RedactPolicy {
            actions: [Action::Keep; Category::ALL.len()],
        }
    }

    /// Sets the action for one category.
    pub fn set(mut self, category: Category, action: Action) -> Self {
        self.actions[category as usize] = action;
        self
    }

    /// The action for one category.
    pub fn action(&self, category: Category) -> Action {
        self.actions[category as usize]
    }
}

/// One replaced span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// Byte offset in the input text.
    pub start: usize,
    /// Byte offset one past the end, in the input text.
    pub end: usize,
    /// The category of the finding replaced.
    pub category: Category,
    /// Its rule.
    pub rule: String,
    /// What stood there.
    pub original: String,
    /// What stands there now.
    pub replacement: String,
}

/// The rewritten text and what was replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redaction {
    /// The new text.
    pub text: String,
    /// The replaced spans, in order, with offsets into the input text.
    pub replacements: Vec<Replacement>,
}

impl Screener {
    /// De-identifies `text` with the default policy ([`RedactPolicy::default`]).
    pub fn redact(&self, text: &str) -> Redaction {
        self.redact_with(text, &RedactPolicy::default())
    }

    /// Rewrites `text` per `policy`.
    pub fn redact_with(&self, text: &str, policy: &RedactPolicy) -> Redaction {
        apply(text, &self.scan(text), policy)
    }

    /// Applies the suggestions of `expression` and `typo` findings.
    pub fn fix(&self, text: &str) -> Redaction {
        self.redact_with(text, &RedactPolicy::fix())
    }
}

/// Rewrites `text` from a report of it. Overlapping findings: the first (by start) wins.
pub fn apply(text: &str, report: &Report, policy: &RedactPolicy) -> Redaction {
    let mut out = String::with_capacity(text.len());
    let mut replacements = Vec::new();
    let mut pos = 0;
    for f in &report.findings {
        if f.start < pos || f.end > text.len() {
            continue;
        }
        let Some(replacement) = replacement_for(f, policy.action(f.category)) else {
            continue;
        };
        if replacement == f.text {
            continue;
        }
        out.push_str(&text[pos..f.start]);
        out.push_str(&replacement);
        pos = f.end;
        replacements.push(Replacement {
            start: f.start,
            end: f.end,
            category: f.category,
            rule: f.rule.clone(),
            original: f.text.clone(),
            replacement,
        });
    }
    out.push_str(&text[pos..]);
    Redaction {
        text: out,
        replacements,
    }
}

fn replacement_for(f: &Finding, action: Action) -> Option<String> {
    match action {
        Action::Keep => None,
        Action::Mask => Some(match f.value_kind {
            Some(kind) => mask(kind, &f.text),
            None => f.text.chars().map(|_| '*').collect(),
        }),
        Action::Suggest => {
            let s = f.suggestion.as_deref()?;
            let first = s.split(['/', '／']).next().unwrap_or("").trim();
            (!first.is_empty()).then(|| first.to_string())
        }
    }
}
