//! `--format html`: a self-contained review sheet (审核表) per input, to print on A4 and sign.
//!
//! Each sheet has the file, the time, the ruleset's version and fingerprint, the verdict in large
//! type; the screened text with every finding highlighted in its severity's colour (a tooltip
//! gives category, rule and suggestion, a superscript number links it to the table); the findings
//! grouped by the five gates; and sign-off boxes for 初审, 复审 and 终审. No external resource is
//! loaded. A small inline script checks that every finding has its highlight and its table row,
//! and records the result on `<html data-selfcheck="ok|fail">` (and in the console on failure).
//!
//! Every word of the sheet is in the run's language (`--lang`, Chinese by default), from the
//! catalogue (`zhscreen::messages`); only the rule ids and the fingerprint are ASCII.

use super::{input_kind, severity_counts, severity_index, Emit, Scanned, Summary};
use crate::input::{Format, InputError};
use std::fmt::Write as _;
use std::io::{self, Write};
use zhscreen::{Finding, Gate, Lang, RulesetInfo, Verdict};

/// The five gates in the order of the sheet.
const GATES: [Gate; 5] = [
    Gate::Politics,
    Gate::Law,
    Gate::Policy,
    Gate::Secrecy,
    Gate::Text,
];

/// `--format html`.
#[derive(Debug)]
pub struct Sheet {
    ruleset: RulesetInfo,
    time: String,
    lang: Lang,
    sheets: Vec<String>,
    errors: Vec<String>,
}

impl Sheet {
    /// A review sheet document stamped with `time`, its words in `lang`.
    pub fn new(ruleset: RulesetInfo, time: String, lang: Lang) -> Sheet {
        Sheet {
            ruleset,
            time,
            lang,
            sheets: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// The time stamp of a sheet: now, or `SOURCE_DATE_EPOCH` (for reproducible sheets), in the
/// system's time zone.
pub fn time_stamp() -> String {
    let tz = jiff::tz::TimeZone::system();
    let ts = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    ts.to_zoned(tz)
        .strftime("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

fn sev_class(f: &Finding) -> &'static str {
    f.severity.as_str()
}

fn tooltip(i: usize, f: &Finding, lang: Lang) -> String {
    let m = lang.messages();
    let w = m.sheet();
    let mut t = format!(
        "#{} {} · {} · {}\n{} {}",
        i + 1,
        m.category(f.category),
        m.gate(f.gate),
        m.severity(f.severity),
        w.rule,
        f.rule
    );
    if let Some(s) = &f.suggestion {
        let _ = write!(t, "\n{} {s}", w.suggestion);
    }
    if let Some(n) = &f.note {
        let _ = write!(t, "\n{} {n}", w.note);
    }
    t
}

/// The screened text with the findings highlighted, one `<div class="ln">` per line.
fn highlighted_text(s: &Scanned, lang: Lang) -> String {
    let text = &s.doc.text;
    let fs = &s.report.findings;
    let mut bounds: Vec<usize> = vec![0, text.len()];
    bounds.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    for f in fs {
        if f.start < f.end && f.end <= text.len() {
            bounds.push(f.start);
            bounds.push(f.end);
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    // Findings are ordered by start; an empty or out-of-range one cannot be shown.
    let mut order: Vec<usize> = (0..fs.len())
        .filter(|&i| fs[i].start < fs[i].end && fs[i].end <= text.len())
        .collect();
    order.sort_by_key(|&i| (fs[i].start, fs[i].end));

    let mut html = String::new();
    let mut line_no = 0usize;
    let mut last_label = 0usize;
    let mut open_line = |html: &mut String, at: usize| {
        line_no += 1;
        let n = if s.doc.format == Format::Html {
            line_no
        } else {
            s.doc.line_index(at) + 1
        };
        let label = if n != last_label {
            n.to_string()
        } else {
            String::new()
        };
        last_label = n;
        let _ = write!(
            html,
            "<div class=\"ln\"><span class=\"no\">{label}</span><span class=\"tx\">"
        );
    };
    open_line(&mut html, 0);
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|&i| fs[i].end > a);
        while next < order.len() && fs[order[next]].start <= a {
            if fs[order[next]].end > a {
                active.push(order[next]);
            }
            next += 1;
        }
        let seg = &text[a..b];
        let (body, newline) = match seg.strip_suffix('\n') {
            Some(body) => (body, true),
            None => (seg, false),
        };
        let body = body.strip_suffix('\r').unwrap_or(body);
        if active.is_empty() {
            html.push_str(&esc(body));
        } else {
            let top = active
                .iter()
                .map(|&i| &fs[i])
                .max_by_key(|f| f.severity)
                .map(sev_class)
                .unwrap_or("info");
            let ids: Vec<String> = active.iter().map(|i| i.to_string()).collect();
            let tip: Vec<String> = active.iter().map(|&i| tooltip(i, &fs[i], lang)).collect();
            let _ = write!(
                html,
                "<mark class=\"sev-{top}\" data-f=\"{}\" title=\"{}\">{}</mark>",
                ids.join(" "),
                esc(&tip.join("\n\n")),
                if body.is_empty() {
                    "&#8203;".to_string()
                } else {
                    esc(body)
                }
            );
            let ending: Vec<String> = active
                .iter()
                .filter(|&&i| fs[i].end == b || (newline && fs[i].end == b - 1))
                .map(|i| (i + 1).to_string())
                .collect();
            if !ending.is_empty() {
                let _ = write!(html, "<sup class=\"fn\">{}</sup>", ending.join(","));
            }
        }
        if newline {
            html.push_str("</span></div>\n");
            if b == text.len() {
                return html; // no empty line after the final line break
            }
            open_line(&mut html, b);
        }
    }
    html.push_str("</span></div>\n");
    html
}

fn findings_table(s: &Scanned, lang: Lang) -> String {
    let m = lang.messages();
    let fs = &s.report.findings;
    let [c_no, c_loc, c_sev, c_cat, c_text, c_sugg, c_rule] = m.sheet().columns;
    let mut html = String::new();
    let _ = writeln!(
        html,
        "<table class=\"findings\"><thead><tr><th class=\"c-no\">{c_no}</th><th class=\"c-loc\">{c_loc}</th>\
         <th class=\"c-sev\">{c_sev}</th><th class=\"c-cat\">{c_cat}</th><th>{c_text}</th><th>{c_sugg}</th>\
         <th>{c_rule}</th></tr></thead>",
    );
    for gate in GATES {
        let rows: Vec<usize> = (0..fs.len()).filter(|&i| fs[i].gate == gate).collect();
        let _ = writeln!(
            html,
            "<tbody data-gate=\"{}\"><tr class=\"gate-row\"><th colspan=\"7\">{} · {}</th></tr>",
            gate.as_str(),
            m.gate(gate),
            m.sheet_gate_count(rows.len())
        );
        for i in rows {
            let f = &fs[i];
            let loc = s.loc(f);
            let (line, col) = m.sheet_position(loc.line, loc.col, s.doc.format == Format::Docx);
            let _ = writeln!(
                html,
                "<tr data-row=\"{i}\" class=\"sev-{sev}\"><td class=\"c-no\">{n}</td><td class=\"c-loc\">{line}<br>{col}</td>\
                 <td class=\"c-sev\"><span class=\"chip sev-{sev}\">{sev_label}</span></td>\
                 <td class=\"c-cat\">{cat_label}</td><td class=\"orig\">{text}</td><td class=\"sugg\">{sugg}</td>\
                 <td class=\"rule\"><code>{rule}</code>{note}</td></tr>",
                n = i + 1,
                sev = f.severity,
                sev_label = m.severity(f.severity),
                cat_label = m.category(f.category),
                text = esc(&f.text),
                sugg = f.suggestion.as_deref().map(esc).unwrap_or_default(),
                rule = esc(&f.rule),
                note = f
                    .note
                    .as_deref()
                    .map(|n| format!("<br><small>{}</small>", esc(n)))
                    .unwrap_or_default(),
            );
        }
        html.push_str("</tbody>\n");
    }
    html.push_str("</table>\n");
    html
}

/// Who must sign (分级审核), and the routing words that say so, above the sign-off boxes.
fn route(s: &Scanned, lang: Lang) -> String {
    let m = lang.messages();
    let so = &s.report.sign_off;
    let line = m.sign_off_line(m.sign_off_level(so.level), &so.signer(lang));
    let mut html = format!(
        "<div class=\"route lvl-{}\" data-sign-off=\"{}\"><p class=\"who\">{}</p>",
        so.level,
        so.level,
        esc(&line)
    );
    if !so.reasons.is_empty() {
        html.push_str("<ul>");
        for r in &so.reasons {
            let loc = s.doc.locate(r.start, r.end, r.char_start, r.char_end);
            let why = m.sign_off_reason_line(&r.text, loc.line, loc.col, &r.note);
            let _ = write!(html, "<li>{}</li>", esc(&why));
        }
        html.push_str("</ul>");
    }
    html.push_str("</div>\n");
    html
}

impl Emit for Sheet {
    fn file(&mut self, _out: &mut dyn Write, s: &Scanned) -> io::Result<()> {
        let n = self.sheets.len() + 1;
        let v = s.report.verdict;
        let m = self.lang.messages();
        let w = m.sheet();
        let mut counts = [0usize; 4];
        for f in &s.report.findings {
            counts[severity_index(f.severity)] += 1;
        }
        let counts = m.sheet_counts(
            s.report.findings.len(),
            &severity_counts(&counts, self.lang),
            s.hidden,
        );
        let content = m.sheet_content(
            input_kind(s.doc.format),
            &s.doc.encoding.as_str().to_uppercase(),
        );
        let [sev_block, sev_review, sev_warn, sev_info] = [
            zhscreen::Severity::Block,
            zhscreen::Severity::Review,
            zhscreen::Severity::Warn,
            zhscreen::Severity::Info,
        ]
        .map(|x| m.severity(x));
        let mut html = String::new();
        let _ = write!(
            html,
            r#"<section class="sheet" id="sheet-{n}" data-findings="{nf}" data-verdict="{v}">
<header>
<h1>{title}</h1>
<p class="sub">{subtitle}</p>
<table class="meta">
<tr><th>{l_file}</th><td class="file">{name}</td><th>{l_time}</th><td>{time}</td></tr>
<tr><th>{l_content}</th><td>{content}</td><th>{l_ruleset}</th><td>{rules}<br><code class="fp" title="{fp}">{fp}</code></td></tr>
</table>
<div class="verdict v-{v}"><div class="label">{l_verdict}</div><div class="big">{verdict}</div><div class="counts">{counts}</div></div>
</header>
<h2>{text_heading}<small>{legend}<mark class="sev-block">{sev_block}</mark> <mark class="sev-review">{sev_review}</mark> <mark class="sev-warn">{sev_warn}</mark> <mark class="sev-info">{sev_info}</mark>{sep}{legend_hint}</small></h2>
<div class="text">
{text}</div>
<h2>{findings_heading}<small>{findings_hint}</small></h2>
{table}<h2>{signoff_heading}<small>{signoff_hint}</small></h2>
{route}<div class="signoff">
"#,
            nf = s.report.findings.len(),
            title = w.title,
            subtitle = w.subtitle,
            l_file = w.file,
            l_time = w.time,
            l_content = w.content,
            l_ruleset = w.ruleset,
            l_verdict = w.verdict,
            text_heading = w.text_heading,
            legend = w.legend,
            legend_hint = w.legend_hint,
            sep = if self.lang == Lang::Zh { "；" } else { "; " },
            findings_heading = w.findings_heading,
            findings_hint = w.findings_hint,
            signoff_heading = w.signoff_heading,
            signoff_hint = w.signoff_hint,
            name = esc(&s.doc.name),
            time = esc(&self.time),
            content = esc(&content),
            rules = esc(&m.sheet_ruleset(&self.ruleset.version)),
            fp = esc(&self.ruleset.fingerprint),
            verdict = m.verdict(v),
            counts = esc(&counts),
            text = highlighted_text(s, self.lang),
            table = findings_table(s, self.lang),
            route = route(s, self.lang),
        );
        let [opinion, signature, date] = w.signoff_fields;
        for (role, who) in w.signoff {
            let _ = writeln!(
                html,
                "<div class=\"box\"><div class=\"role\">{role}<span>{who}</span></div>\
                 <div class=\"field tall\">{opinion}</div><div class=\"field\">{signature}</div>\
                 <div class=\"field\">{date}<span class=\"date\">{blank}</span></div></div>",
                blank = w.blank_date,
            );
        }
        let _ = write!(
            html,
            "</div>\n<footer>{}</footer>\n</section>\n",
            esc(&m.sheet_footer(env!("CARGO_PKG_VERSION")))
        );
        self.sheets.push(html);
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, e: &InputError) -> io::Result<()> {
        self.errors.push(e.line(self.lang));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, sum: &Summary) -> io::Result<()> {
        let worst = sum.worst.unwrap_or(Verdict::Pass);
        let m = self.lang.messages();
        let title = esc(&m.sheet_title(self.sheets.len()));
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{tag}\" data-selfcheck=\"pending\" data-verdict=\"{worst}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"zhscreen {ver}\">\n<title>{title}</title>\n<style>{CSS}</style>\n\
             <script>{EARLY_JS}</script>\n</head>\n<body>\n",
            ver = env!("CARGO_PKG_VERSION"),
            tag = self.lang.html_tag(),
        )?;
        if !self.errors.is_empty() {
            writeln!(
                out,
                "<section class=\"errors\"><h2>{}</h2><ul>",
                m.sheet().errors_heading
            )?;
            for e in &self.errors {
                writeln!(out, "<li>{}</li>", esc(e))?;
            }
            writeln!(out, "</ul></section>")?;
        }
        for s in &self.sheets {
            out.write_all(s.as_bytes())?;
        }
        write!(out, "<script>{CHECK_JS}</script>\n</body>\n</html>\n")?;
        out.flush()
    }
}

const EARLY_JS: &str = "window.__zsErrors=[];window.addEventListener('error',function(e){window.__zsErrors.push(String(e.message));});";

/// Checks that every finding of every sheet has a highlight and a table row.
const CHECK_JS: &str = r#"
(function () {
  var problems = [];
  var sheets = document.querySelectorAll('section.sheet');
  var total = 0, marked = 0;
  for (var s = 0; s < sheets.length; s++) {
    var sheet = sheets[s];
    var n = parseInt(sheet.getAttribute('data-findings'), 10) || 0;
    var ok = 0;
    for (var i = 0; i < n; i++) {
      var mark = sheet.querySelector('.text mark[data-f~="' + i + '"]');
      var row = sheet.querySelector('tr[data-row="' + i + '"]');
      if (!mark) problems.push(sheet.id + ': finding ' + (i + 1) + ' has no highlight');
      if (!row) problems.push(sheet.id + ': finding ' + (i + 1) + ' has no table row');
      if (mark && row) ok++;
    }
    sheet.setAttribute('data-highlighted', String(ok));
    total += n; marked += ok;
  }
  problems = problems.concat(window.__zsErrors || []);
  var root = document.documentElement;
  root.setAttribute('data-findings-total', String(total));
  root.setAttribute('data-highlighted-total', String(marked));
  root.setAttribute('data-selfcheck', problems.length ? 'fail' : 'ok');
  if (problems.length) {
    root.setAttribute('data-selfcheck-problems', problems.join('; '));
    console.error('zhscreen sheet self-check failed: ' + problems.join('; '));
  }
})();
"#;

const CSS: &str = r#"
@page { size: A4; margin: 14mm 13mm 16mm; }
:root {
  --block: #c62828; --block-bg: #fde2e2;
  --review: #d84315; --review-bg: #ffe7d1;
  --warn: #9a7300; --warn-bg: #fff4bf;
  --info: #1565c0; --info-bg: #e1efff;
  --pass: #2e7d32; --line: #90a4ae;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #e8ecef; color: #1f2328; font-size: 14px; line-height: 1.6;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", sans-serif; }
.sheet { width: 210mm; min-height: 297mm; margin: 14px auto; padding: 13mm 13mm 15mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.18); }
h1 { margin: 0; text-align: center; font-size: 26px; letter-spacing: .25em; font-weight: 700;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; }
.sub { margin: 2px 0 10px; text-align: center; color: #546e7a; letter-spacing: .3em; font-size: 12px; }
h2 { margin: 18px 0 6px; font-size: 16px; border-left: 5px solid #37474f; padding-left: 8px; }
h2 small { margin-left: 10px; font-size: 11.5px; font-weight: normal; color: #607d8b; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 7px; vertical-align: top; text-align: left; }
.meta th { width: 5.5em; background: #f3f5f7; white-space: nowrap; font-weight: 600; }
.meta td.file { word-break: break-all; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 11.5px; }
.fp { word-break: break-all; color: #37474f; }
.verdict { --c: var(--pass); margin: 12px 0 4px; border: 3px solid var(--c); color: var(--c);
  text-align: center; padding: 6px 10px 8px; border-radius: 4px; }
.verdict .label { font-size: 12px; letter-spacing: .4em; color: #455a64; }
.verdict .big { font-size: 46px; line-height: 1.25; font-weight: 800; letter-spacing: .35em; padding-left: .35em; }
html:not([lang|="zh"]) h1, html:not([lang|="zh"]) .sub, html:not([lang|="zh"]) .verdict .label,
html:not([lang|="zh"]) .box .role, html:not([lang|="zh"]) .findings .gate-row th { letter-spacing: normal; }
html:not([lang|="zh"]) .verdict .big { font-size: 32px; letter-spacing: normal; padding-left: 0; }
.verdict .counts { margin-top: 2px; font-size: 13px; color: #37474f; }
.v-block { --c: var(--block); background: var(--block-bg); }
.v-review { --c: var(--review); background: var(--review-bg); }
.v-warn { --c: var(--warn); background: var(--warn-bg); }
.v-pass { background: #e8f5e9; }
mark { --c: var(--info); --bg: var(--info-bg); background: var(--bg); color: inherit;
  border-bottom: 2px solid var(--c); padding: 0 1px; border-radius: 2px; cursor: help; }
mark:hover { outline: 2px solid var(--c); }
.sev-block { --c: var(--block); --bg: var(--block-bg); }
.sev-review { --c: var(--review); --bg: var(--review-bg); }
.sev-warn { --c: var(--warn); --bg: var(--warn-bg); }
.sev-info { --c: var(--info); --bg: var(--info-bg); }
.text { border: 1px solid var(--line); padding: 8px 10px 8px 0; font-size: 15px; line-height: 1.95; }
.ln { display: flex; }
.ln .no { flex: none; width: 3.2em; padding-right: .9em; text-align: right; color: #90a4ae;
  font-size: 11px; line-height: 2.65; user-select: none; }
.ln .tx { flex: 1; white-space: pre-wrap; overflow-wrap: anywhere; min-height: 1.95em; }
sup.fn { color: #455a64; font-size: 9.5px; font-weight: 700; margin: 0 1px; }
.findings { font-size: 12.5px; }
.findings thead th { background: #eceff1; }
.findings .gate-row th { background: #cfd8dc; font-size: 13px; letter-spacing: .1em; }
.findings tr { break-inside: avoid; }
.findings tr.sev-block td.c-no, .findings tr.sev-review td.c-no, .findings tr.sev-warn td.c-no,
.findings tr.sev-info td.c-no { border-left: 5px solid var(--c); }
.c-no { width: 2.6em; text-align: center; } .c-loc { width: 5.4em; white-space: nowrap; }
.c-sev { width: 5.4em; } .c-cat { width: 7em; }
.orig { width: 9.5em; font-weight: 600; color: #b71c1c; word-break: break-all; }
.sugg { color: #1b5e20; font-weight: 600; width: 7em; }
.rule small, td small { color: #607d8b; }
.chip { display: inline-block; padding: 0 5px; border-radius: 3px; background: var(--bg); color: var(--c);
  border: 1px solid var(--c); font-weight: 700; font-size: 11.5px; white-space: nowrap; }
.route { border: 2px solid #90a4ae; padding: 4px 10px; margin: 6px 0 8px; break-inside: avoid; }
.route .who { font-weight: 700; margin: 2px 0; }
.route.lvl-important { border-color: #ef6c00; }
.route.lvl-major { border-color: #c62828; background: #fff5f5; }
.route ul { margin: 2px 0 4px; padding-left: 20px; font-size: 12.5px; }
.signoff { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; break-inside: avoid; }
.box { border: 1.5px solid #37474f; min-height: 50mm; padding: 6px 9px; display: flex; flex-direction: column; }
.box .role { font-size: 17px; font-weight: 700; letter-spacing: .3em; border-bottom: 1px solid #90a4ae; padding-bottom: 3px; }
.box .role span { margin-left: 6px; font-size: 11.5px; font-weight: normal; letter-spacing: 0; color: #546e7a; }
.box .field { margin-top: 8px; border-bottom: 1px dotted #90a4ae; min-height: 2em; color: #37474f; }
.box .field.tall { flex: 1; min-height: 5.5em; }
.date { float: right; color: #607d8b; }
footer { margin-top: 10px; font-size: 10.5px; color: #78909c; text-align: center; }
.errors { width: 210mm; margin: 14px auto; padding: 6mm 13mm; background: #fff3f3; border: 1px solid var(--block); }
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; break-after: page; }
  .sheet:last-of-type { break-after: auto; }
  h2 { break-after: avoid; margin-top: 12px; }
  mark { cursor: auto; }
  .text { line-height: 1.75; }
  .verdict .big { font-size: 38px; }
  .box { min-height: 40mm; }
}
"#;
