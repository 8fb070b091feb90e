//! Lint for wordlists: what a list maintainer should fix before the lists go live.
//!
//! ```
//! let screener = zhscreen::Screener::builder()
//!     .defaults(false)
//!     .wordlist_text("mine.txt", "@category typo\n再接再励 => 再接再厉\n再接再励 => 再接再厉\n")
//!     .build()?;
//! let issues = zhscreen::lint::lint(&screener);
//! assert!(issues.iter().any(|i| i.kind == zhscreen::lint::LintKind::Duplicate));
//! # Ok::<(), zhscreen::Error>(())
//! ```

use crate::category::Severity;
use crate::normalize::{contains_noise, fold_term};
use crate::ruleset::DiagnosticKind;
use crate::screener::Screener;
use serde::Serialize;

/// What kind of problem a lint issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LintKind {
    /// The same entry twice in one file.
    Duplicate,
    /// An entry replaces an earlier one with the same category and folded term (a user list
    /// overriding a default is usually intended; twice within the defaults it is not).
    Override,
    /// An `allow:` exception of the same category lies inside the term: every hit is suppressed.
    AlwaysAllowed,
    /// The entry can never match as written (noise inside a `noise=off` term; a term that does not
    /// fold to itself).
    NeverMatches,
    /// The suggestion is itself flagged.
    FlaggedSuggestion,
}

/// One problem found in the lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintIssue {
    /// What kind of problem.
    pub kind: LintKind,
    /// `file:line` of the entry.
    pub origin: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// Checks the compiled lists of `screener`.
pub fn lint(screener: &Screener) -> Vec<LintIssue> {
    let rules = screener.rules();
    let mut issues: Vec<LintIssue> = rules
        .diagnostics
        .iter()
        .map(|d| LintIssue {
            kind: match d.kind {
                DiagnosticKind::Duplicate => LintKind::Duplicate,
                DiagnosticKind::Override => LintKind::Override,
            },
            origin: d.origin.clone(),
            message: d.message.clone(),
        })
        .collect();

    for r in &rules.rules {
        if !r.noise && contains_noise(&r.term) {
            issues.push(LintIssue {
                kind: LintKind::NeverMatches,
                origin: rules.origin(r),
                message: format!(
                    "`{}` has noise characters but `noise=off`: it only matches without them",
                    r.term
                ),
            });
        }
        if fold_term(&r.folded) != r.folded {
            issues.push(LintIssue {
                kind: LintKind::NeverMatches,
                origin: rules.origin(r),
                message: format!("`{}` does not fold to itself; it can never match", r.term),
            });
        }
        for c in rules
            .contexts
            .iter()
            .filter(|c| c.kind == crate::ruleset::ContextKind::Allow)
        {
            if c.categories.contains(r.category) && r.folded.contains(c.folded.as_str()) {
                issues.push(LintIssue {
                    kind: LintKind::AlwaysAllowed,
                    origin: rules.origin(r),
                    message: format!(
                        "`{}` always contains the exception `{}` ({}): it is never reported",
                        r.term, c.text, c.origin
                    ),
                });
            }
        }
        if let Some(s) = &r.suggestion {
            for alt in s
                .split(['/', '／'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                let report = screener.scan(alt);
                let flagged = report.findings.iter().find(|f| {
                    (f.category == r.category && f.severity >= Severity::Warn)
                        || f.severity >= Severity::Review
                });
                if let Some(f) = flagged {
                    issues.push(LintIssue {
                        kind: LintKind::FlaggedSuggestion,
                        origin: rules.origin(r),
                        message: format!(
                            "the suggestion `{alt}` of `{}` is itself flagged by {}",
                            r.term, f.rule
                        ),
                    });
                }
            }
        }
    }
    if let Some(w) = screener.wording() {
        let scan = |text: &str| {
            screener
                .scan(text)
                .findings
                .into_iter()
                .map(|f| (f.rule, f.severity))
                .collect()
        };
        for (problem, origin, message) in w.lint(&scan) {
            issues.push(LintIssue {
                kind: match problem {
                    crate::wording::LintProblem::NeverMatches => LintKind::NeverMatches,
                    crate::wording::LintProblem::FlaggedSuggestion => LintKind::FlaggedSuggestion,
                },
                origin,
                message,
            });
        }
    }
    // The detectors' data files: every address suffix rule reads its example, every surname is
    // read and masked as it should be.
    let data = [
        (
            crate::detect::address::RULES_FILE,
            crate::detect::address::AddressRules::builtin().map_or_else(
                |e| vec![(1, e.to_string())],
                crate::detect::address::AddressRules::lint,
            ),
        ),
        (
            crate::detect::person_name::SURNAMES_FILE,
            crate::detect::person_name::lint_surnames(),
        ),
    ];
    for (file, problems) in data {
        for (line, message) in problems {
            issues.push(LintIssue {
                kind: LintKind::NeverMatches,
                origin: format!("{file}:{line}"),
                message,
            });
        }
    }
    issues.sort_by(|a, b| a.origin.cmp(&b.origin).then(a.message.cmp(&b.message)));
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_of(list: &str) -> Vec<LintIssue> {
        let s = Screener::builder()
            .defaults(false)
            .wordlist_text("t.txt", list)
            .build()
            .unwrap();
        lint(&s)
    }

    #[test]
    fn finds_each_kind() {
        let kinds = |list: &str| {
            lint_of(list)
                .into_iter()
                .map(|i| i.kind)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds("@category drugs\n冰毒\n冰毒\n"),
            vec![LintKind::Duplicate]
        );
        assert_eq!(
            kinds("@category political\n平台独家新闻\nallow: 平台独家\n"),
            vec![LintKind::AlwaysAllowed]
        );
        assert_eq!(
            kinds("@category insult\ns b | noise=off\n"),
            vec![LintKind::NeverMatches]
        );
        assert_eq!(
            kinds("@category typo\n按装 => 安装\n安装\n"),
            vec![LintKind::FlaggedSuggestion]
        );
        assert!(kinds("@category typo\n按装 => 安装\n").is_empty());
    }

    #[test]
    fn overrides_across_lists_are_reported() {
        let s = Screener::builder()
            .defaults(false)
            .wordlist_text("a.txt", "@category drugs\n冰毒\n")
            .wordlist_text("b.txt", "@category drugs\n冰毒 | severity=review\n")
            .build()
            .unwrap();
        let issues = lint(&s);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].kind, LintKind::Override);
        assert_eq!(issues[0].origin, "b.txt:2");
        assert_eq!(s.scan("冰毒").findings[0].severity, Severity::Review);
    }
}
