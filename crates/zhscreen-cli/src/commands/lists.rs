//! `zhscreen lists check` and `zhscreen lists stats`: lint and count the wordlists in use.

use crate::args::{Cli, ListsCommand, ListsFormat};
use crate::style::Paint;
use crate::Failure;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use zhscreen::lint::{lint, LintIssue, LintKind};
use zhscreen::Screener;

/// Runs `lists check` or `lists stats`; returns the exit status.
pub fn run(cli: &Cli, command: &ListsCommand, paint: Paint) -> Result<i32, Failure> {
    let stdout = std::io::stdout();
    match command {
        ListsCommand::Check { dirs, format } => {
            let screener = super::build_screener(cli, dirs)?;
            let only: Vec<PathBuf> = cli
                .wordlists
                .iter()
                .chain(dirs)
                .chain(&cli.wording)
                .cloned()
                .collect();
            check(&screener, &only, *format, &mut stdout.lock(), paint)
        }
        ListsCommand::Stats { dirs, format } => {
            let screener = super::build_screener(cli, dirs)?;
            stats(&screener, *format, &mut stdout.lock(), paint)
        }
    }
}

/// Whether an issue is a mistake to fix (an override of a default is usually intended).
fn is_problem(i: &LintIssue) -> bool {
    i.kind != LintKind::Override
}

/// `lists check`: prints the lint issues; exit 1 when any is a problem. With `only` non-empty,
/// only the issues of lists under those paths (the lists named on the command line).
pub fn check(
    screener: &Screener,
    only: &[std::path::PathBuf],
    format: ListsFormat,
    out: &mut dyn Write,
    paint: Paint,
) -> Result<i32, Failure> {
    let issues: Vec<LintIssue> = lint(screener)
        .into_iter()
        .filter(|i| {
            only.is_empty()
                || only
                    .iter()
                    .any(|p| i.origin.starts_with(&p.display().to_string()))
        })
        .collect();
    let problems = issues.iter().filter(|i| is_problem(i)).count();
    let info = screener.ruleset();
    match format {
        ListsFormat::Json => {
            #[derive(Serialize)]
            struct Out<'a> {
                ruleset: &'a zhscreen::RulesetInfo,
                problems: usize,
                issues: &'a [LintIssue],
            }
            let text = serde_json::to_string_pretty(&Out {
                ruleset: info,
                problems,
                issues: &issues,
            })
            .map_err(|e| Failure::Input(e.to_string()))?;
            writeln!(out, "{text}")?;
        }
        ListsFormat::Human => {
            let m = screener.lang().messages();
            for i in &issues {
                let kind = serde_json::to_value(i.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                let label = if is_problem(i) {
                    paint.severity(zhscreen::Severity::Review, &kind)
                } else {
                    paint.gutter(&format!("{}: {kind}", m.lists_note()))
                };
                writeln!(out, "{}: {}: {}", paint.bold(&i.origin), label, i.message)?;
            }
            let notes = issues.len() - problems;
            let (verdict, rest) =
                m.lists_summary(problems, notes, &info.version, &info.fingerprint);
            let verdict = if problems == 0 {
                paint.green(&verdict)
            } else {
                paint.severity(zhscreen::Severity::Review, &verdict)
            };
            writeln!(out, "{verdict}{rest}")?;
        }
    }
    out.flush()?;
    Ok(i32::from(problems > 0))
}

/// `lists stats`: entries per category, exceptions, counter-context words, detectors.
pub fn stats(
    screener: &Screener,
    format: ListsFormat,
    out: &mut dyn Write,
    paint: Paint,
) -> Result<i32, Failure> {
    let st = screener.stats();
    let info = screener.ruleset();
    let total: usize = st.per_category.iter().map(|(_, n)| n).sum();
    match format {
        ListsFormat::Json => {
            let per: serde_json::Map<String, serde_json::Value> = st
                .per_category
                .iter()
                .map(|(c, n)| (c.as_str().to_string(), (*n).into()))
                .collect();
            let v = serde_json::json!({
                "ruleset": info,
                "entries": total,
                "per_category": per,
                "allows": st.allows,
                "counters": st.counters,
                "detectors": st.detectors,
                "automaton_bytes": st.automaton_bytes,
                "diagnostics": screener.diagnostics().len(),
            });
            let text =
                serde_json::to_string_pretty(&v).map_err(|e| Failure::Input(e.to_string()))?;
            writeln!(out, "{text}")?;
        }
        ListsFormat::Human => {
            let w = screener.lang().messages().lists_stats();
            let [category, gate, entries] = w.columns;
            let head = format!("{}{}{:>7}", pad(category, 20), pad(gate, 10), entries);
            writeln!(out, "{}", paint.bold(&head))?;
            for (c, n) in &st.per_category {
                writeln!(
                    out,
                    "{}{}{:>7}   {}",
                    pad(c.as_str(), 20),
                    pad(c.gate().label_zh(), 10),
                    n,
                    c.label_zh()
                )?;
            }
            let kib = st.automaton_bytes.div_ceil(1024);
            for (label, n) in [
                (w.total, total),
                (w.allows, st.allows),
                (w.counters, st.counters),
                (w.detectors, st.detectors),
                (w.automaton_kib, kib),
            ] {
                writeln!(out, "{}{n:>7}", pad(label, 30))?;
            }
            let [ruleset, fingerprint] = w.ruleset;
            writeln!(
                out,
                "{ruleset} {} {fingerprint} {}",
                info.version, info.fingerprint
            )?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// `text` followed by spaces up to `width` terminal columns (a Chinese character takes two).
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
