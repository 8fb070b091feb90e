//! What a scan returns: findings that point into the caller's text, and a verdict.

use crate::category::{Category, Gate, Severity, Verdict};
use crate::detect::PiiKind;
use crate::signoff::SignOff;
use serde::{Deserialize, Serialize};

/// One thing a reviewer should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The category (stable id).
    pub category: Category,
    /// The review gate of the category.
    pub gate: Gate,
    /// How serious it is, after context (counter-context lowers prohibited terms to `review`).
    pub severity: Severity,
    /// The rule that fired: `CATEGORY/TERM` for wordlist entries, e.g. `drugs/海洛因`, or a
    /// detector id such as `personal_info/cn_resident_id`.
    pub rule: String,
    /// UTF-8 byte offset of the first byte in the caller's text.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte (exclusive).
    pub end: usize,
    /// Offset of the first character, in Unicode scalar values.
    pub char_start: usize,
    /// Offset one past the last character, in Unicode scalar values.
    pub char_end: usize,
    /// Exactly `text[start..end]` of the caller's text, noise inside it included.
    pub text: String,
    /// The recommended wording, where there is one.
    pub suggestion: Option<String>,
    /// Why, or what was checked.
    pub note: Option<String>,
    /// For detector findings, the kind of value (used to choose a redaction mask).
    #[serde(skip)]
    pub value_kind: Option<PiiKind>,
}

/// Which rules screened a text: for the audit record (全程留痕、有据可查).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RulesetInfo {
    /// The zhscreen version that compiled the rules.
    pub version: String,
    /// A stable hash of the compiled rules: the same rules give the same value, any change a new one.
    pub fingerprint: String,
}

/// The result of screening one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The highest severity of the findings, or `pass`.
    pub verdict: Verdict,
    /// Ordered by `start`, then `end`.
    pub findings: Vec<Finding>,
    /// The rules that produced it.
    pub ruleset: RulesetInfo,
    /// Who must sign the text before it is published (分级审核), and why. Changes no verdict;
    /// absent from reports of earlier versions (read as `standard` without reasons).
    #[serde(default)]
    pub sign_off: SignOff,
}

impl Report {
    pub(crate) fn new(findings: Vec<Finding>, ruleset: RulesetInfo) -> Report {
        let verdict = findings
            .iter()
            .map(|f| Verdict::from_severity(f.severity))
            .max()
            .unwrap_or(Verdict::Pass);
        Report {
            verdict,
            findings,
            ruleset,
            sign_off: SignOff::default(),
        }
    }

    /// The report as compact JSON: the contract of `docs/contract.md`, which every interface returns.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// The report as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// Whether the verdict is at or above `level` (the `--fail-on` test).
    pub fn fails_at(&self, level: Severity) -> bool {
        self.verdict.reaches(level)
    }

    /// The findings of one category.
    pub fn of(&self, category: Category) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.category == category)
    }
}
