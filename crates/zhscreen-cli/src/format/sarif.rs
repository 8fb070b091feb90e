//! SARIF 2.1.0, for review systems and code hosts: one run, one rule per rule id, one result per
//! finding with a 1-based line and column (in Unicode code points, as the run's `columnKind`
//! says), levels `error` (block), `warning` (review) and `note` (warn, info). A suggestion is a
//! fix for plain-text inputs, where the region is the file's own text. Inputs that could not be
//! screened are tool execution notifications, and make the invocation unsuccessful.

use super::{Emit, Scanned, Summary};
use crate::input::{Format, InputError};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Write};
use zhscreen::{Finding, RulesetInfo, Severity};

/// `--format sarif`. Everything is written at the end: SARIF is one document.
#[derive(Debug)]
pub struct Sarif {
    ruleset: RulesetInfo,
    rules: Vec<Value>,
    rule_index: HashMap<String, usize>,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl Sarif {
    /// A SARIF log for a run with these rules.
    pub fn new(ruleset: RulesetInfo) -> Sarif {
        Sarif {
            ruleset,
            rules: Vec::new(),
            rule_index: HashMap::new(),
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }

    fn rule(&mut self, f: &Finding) -> usize {
        if let Some(&i) = self.rule_index.get(&f.rule) {
            return i;
        }
        let term = f.rule.split_once('/').map_or(f.rule.as_str(), |(_, t)| t);
        let i = self.rules.len();
        self.rules.push(json!({
            "id": f.rule,
            "name": f.rule,
            "shortDescription": {
                "text": format!("{} ({}): {}", f.category.label_zh(), f.category, term)
            },
            "fullDescription": {
                "text": format!(
                    "{} — {} ({}), category `{}`",
                    term, f.gate.label_zh(), f.gate, f.category
                )
            },
            "defaultConfiguration": { "level": level(f.category.default_severity()) },
            "properties": {
                "category": f.category.as_str(),
                "gate": f.gate.as_str(),
                "tags": [f.category.as_str(), f.gate.label_zh()]
            }
        }));
        self.rule_index.insert(f.rule.clone(), i);
        i
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Block => "error",
        Severity::Review => "warning",
        Severity::Warn | Severity::Info => "note",
    }
}

/// A relative URI reference for a path: unreserved bytes kept, the rest percent-encoded.
pub fn uri_of(path: &str) -> String {
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Emit for Sarif {
    fn file(&mut self, _out: &mut dyn Write, s: &Scanned) -> io::Result<()> {
        let uri = uri_of(&s.doc.name);
        let plain = matches!(s.doc.format, Format::Text | Format::Markdown);
        for f in &s.report.findings {
            let idx = self.rule(f);
            let loc = s.loc(f);
            let region = json!({
                "startLine": loc.line,
                "startColumn": loc.col,
                "endLine": loc.end_line,
                "endColumn": loc.end_col,
                "snippet": { "text": f.text },
            });
            let mut message = format!("{}「{}」", f.category.label_zh(), f.text);
            if let Some(sugg) = &f.suggestion {
                message.push_str(&format!("，建议改为「{sugg}」"));
            }
            if let Some(note) = &f.note {
                message.push_str(&format!(" ({note})"));
            }
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": idx,
                "level": level(f.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region,
                    }
                }],
                "properties": {
                    "severity": f.severity.as_str(),
                    "category": f.category.as_str(),
                    "gate": f.gate.as_str(),
                    "charStart": f.char_start,
                    "charEnd": f.char_end,
                },
            });
            if let (true, Some(sugg)) = (
                plain && s.doc.encoding == crate::input::Encoding::Utf8,
                &f.suggestion,
            ) {
                let first = sugg.split(['/', '／']).next().unwrap_or("").trim();
                if !first.is_empty() {
                    result["fixes"] = json!([{
                        "description": { "text": format!("建议改为 {first}") },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri },
                            "replacements": [{
                                "deletedRegion": {
                                    "startLine": loc.line, "startColumn": loc.col,
                                    "endLine": loc.end_line, "endColumn": loc.end_col
                                },
                                "insertedContent": { "text": first }
                            }]
                        }]
                    }]);
                }
            }
            self.results.push(result);
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, e: &InputError) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": e.to_string() },
            "locations": [{
                "physicalLocation": { "artifactLocation": { "uri": uri_of(&e.name) } }
            }]
        }));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, sum: &Summary) -> io::Result<()> {
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "zhscreen",
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": std::mem::take(&mut self.rules),
                        "properties": {
                            "rulesetVersion": self.ruleset.version,
                            "rulesetFingerprint": self.ruleset.fingerprint,
                        }
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [{
                    "executionSuccessful": sum.errors == 0,
                    "toolExecutionNotifications": std::mem::take(&mut self.notifications),
                }],
                "results": std::mem::take(&mut self.results),
            }]
        });
        let text = serde_json::to_string_pretty(&log).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            super::uri_of("docs/通知 1.txt"),
            "docs/%E9%80%9A%E7%9F%A5%201.txt"
        );
        assert_eq!(super::uri_of("/tmp/a.txt"), "file:///tmp/a.txt");
    }
}
