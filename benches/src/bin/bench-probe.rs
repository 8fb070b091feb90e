//! A fresh process for the measurements that a warm benchmark process cannot make, and the input
//! writer of `peers.sh`.
//!
//! ```text
//! bench-probe ready         Screener::new(), then warm_up(), then one scan; times and VmRSS as JSON
//! bench-probe jieba         the segmenter before its dictionary was prepared at build time:
//!                           jieba-rs `Jieba::new()` parsing its bundled dictionary; time as JSON
//! bench-probe build FILE    a screener from one wordlist file (no defaults); time, automaton
//!                           bytes and VmRSS before/after as JSON
//! bench-probe builds FILE N a screener from one wordlist file (as `build`) and bare daachorse
//!                           from the same folded terms, alternately N times each in this
//!                           process: the fastest and the median of each, and their ratio
//! bench-probe data DIR      writes the texts and the 20k-term list the peers read, and the match
//!                           counts they must find
//! bench-probe time DIR      times zhscreen over those texts (the 20k list alone, and the
//!                           defaults): the reference of the peers' ratios, as JSON
//! bench-probe scan FILE N [LIST]
//!                           the default screener (or one built from the wordlist LIST alone),
//!                           warmed up, scans FILE N times: a workload for callgrind or perf, and
//!                           the linearity measurement; prints the fastest and the mean scan
//! bench-probe scan-without PARTS FILE N
//!                           the same with the default screener without PARTS (`wording`, `typo`
//!                           or `typo,wording`): the wording checker's cost in instructions
//!                           (callgrind) is `scan-without typo` against `scan-without typo,wording`
//!                           (or `scan` against `scan-without wording`, with the typo detector)
//! bench-probe bare FILE N  bare daachorse (charwise, overlapping) with the default lists'
//!                           patterns over the folded FILE, N times: the pipeline ratio's
//!                           reference in instructions (`--toggle-collect=bench_probe::bare_once`)
//! bench-probe parallel FILE N
//!                           the default screener: `scan` and `scan_parallel` (all cores) of FILE,
//!                           alternately N times each; the fastest of each, and whether the
//!                           reports are identical
//! bench-probe findings FILE the default screener scans each line of FILE (a text per line, or a
//!                           JSON object with a `text` field): one line per `expression` or `typo`
//!                           finding (line, offsets, rule, severity, suggestion), for comparing
//!                           two builds' findings (`scripts/compare-wording.sh`)
//! bench-probe sensitive DIR the peer `sensitive-rs` (built with `--features sensitive-rs`) with
//!                           the 20k terms over the texts `data` wrote: build time, MB/s, what it
//!                           reports and how much of that is in the text
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line tool: JSON on stdout

use daachorse::{CharwiseDoubleArrayAhoCorasick, MatchKind};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use zhscreen::Screener;
use zhscreen_benches::engines::daachorse;
use zhscreen_benches::procfs;
use zhscreen_benches::suite::{Sizes, Suite};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["ready"] => ready(),
        ["jieba"] => jieba(),
        ["build", file] => build(Path::new(file)),
        ["builds", file, n] => builds(Path::new(file), n),
        ["data", dir] => data(Path::new(dir)),
        ["time", dir] => time(Path::new(dir)),
        ["scan", file, n] => scan(Path::new(file), n, None),
        ["scan", file, n, list] => scan(Path::new(file), n, Some(Path::new(list))),
        ["scan-without", parts, file, n] => scan_without(parts, Path::new(file), n),
        ["parallel", file, n] => parallel(Path::new(file), n),
        ["findings", file] => findings(Path::new(file)),
        ["dump", file] => dump(Path::new(file), None),
        ["dump", file, list] => dump(Path::new(file), Some(Path::new(list))),
        ["sensitive", dir] => sensitive(Path::new(dir)),
        ["bare", file, n] => bare(Path::new(file), n),
        _ => Err(
            "usage: bench-probe ready | jieba | build FILE | builds FILE N | data DIR | time DIR | scan FILE N [LIST] \
             | scan-without wording|typo|typo,wording FILE N | parallel FILE N | findings FILE | dump FILE [LIST] | sensitive DIR"
                .to_string(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-probe: {e}");
            ExitCode::from(2)
        }
    }
}

fn rss() -> Result<procfs::Memory, String> {
    procfs::memory().ok_or_else(|| "no VmRSS in /proc/self/status".to_string())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// The default screener from a cold process: ready to scan, then with the segmenter loaded.
fn ready() -> Result<(), String> {
    let start = rss()?;
    let t = Instant::now();
    let screener = Screener::new().map_err(|e| e.to_string())?;
    let new_ms = ms(t);
    let after_new = rss()?;
    let t = Instant::now();
    screener.warm_up();
    let warm_ms = ms(t);
    let after_warm = rss()?;
    let t = Instant::now();
    let report = std::hint::black_box(screener.scan("坚决反对台独分裂活动，联系电话13800138000。"));
    let first_scan_us = t.elapsed().as_secs_f64() * 1e6;
    let end = rss()?;
    println!(
        "{}",
        json!({
            "new_ms": new_ms,
            "warm_ms": warm_ms,
            "first_scan_us": first_scan_us,
            "findings": report.findings.len(),
            "rss_start_kib": start.rss_kib,
            "rss_new_kib": after_new.rss_kib,
            "rss_warm_kib": after_warm.rss_kib,
            "hwm_kib": end.hwm_kib,
        })
    );
    Ok(())
}

/// What the first boundary check used to wait for: jieba-rs loading its dictionary.
fn jieba() -> Result<(), String> {
    let t = Instant::now();
    let jieba = std::hint::black_box(jieba_rs::Jieba::new());
    let jieba_rs_new_ms = ms(t);
    drop(jieba);
    println!("{}", json!({ "jieba_rs_new_ms": jieba_rs_new_ms }));
    Ok(())
}

/// The `expression` and `typo` findings of the default screener on each line of `file`, one
/// finding a line: `LINE START END RULE SEVERITY SUGGESTION` (tab-separated).
fn findings(file: &Path) -> Result<(), String> {
    use std::io::Write;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let screener = Screener::new().map_err(|e| e.to_string())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, line) in text.lines().enumerate() {
        let owned;
        let line = if line.starts_with('{') {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", file.display(), i + 1))?;
            owned = v["text"]
                .as_str()
                .ok_or_else(|| format!("{}:{}: no `text` field", file.display(), i + 1))?
                .to_string();
            owned.as_str()
        } else {
            line
        };
        for f in screener.scan(line).findings {
            if matches!(
                f.category,
                zhscreen::Category::Expression | zhscreen::Category::Typo
            ) {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{:?}\t{}",
                    i + 1,
                    f.start,
                    f.end,
                    f.rule,
                    f.severity,
                    f.suggestion.as_deref().unwrap_or("")
                )
                .map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

/// Every finding of the default screener (or of a screener of the wordlist `list` alone), for
/// comparing two builds finding for finding: of each line's `text` when `file` is JSON lines
/// (`*.jsonl`), else of the whole file as one text. One line per finding, `TEXT\tJSON\tKIND`
/// with every field of the finding and its value kind, and one with each report's sign-off.
fn dump(file: &Path, list: Option<&Path>) -> Result<(), String> {
    use std::io::Write;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let screener = match list {
        Some(list) => Screener::builder()
            .defaults(false)
            .wordlist_file(list)
            .build(),
        None => Screener::new(),
    }
    .map_err(|e| e.to_string())?;
    let mut texts = Vec::new();
    if file.extension().is_some_and(|e| e == "jsonl") {
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", file.display(), i + 1))?;
            let t = v["text"]
                .as_str()
                .ok_or_else(|| format!("{}:{}: no `text` field", file.display(), i + 1))?;
            texts.push(t.to_string());
        }
    } else {
        texts.push(text);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, t) in texts.iter().enumerate() {
        let report = screener.scan(t);
        for f in &report.findings {
            let json = serde_json::to_string(f).map_err(|e| e.to_string())?;
            writeln!(out, "{}\t{json}\t{:?}", i + 1, f.value_kind).map_err(|e| e.to_string())?;
        }
        let sign_off = serde_json::to_string(&report.sign_off).map_err(|e| e.to_string())?;
        writeln!(out, "{}\tsign_off {sign_off}", i + 1).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A term-list screener built in a fresh process, so the RSS delta is its own.
fn build(file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let before = rss()?;
    let t = Instant::now();
    let screener = Screener::builder()
        .defaults(false)
        .wordlist_text("bench.txt", text)
        .build()
        .map_err(|e| e.to_string())?;
    let build_ms = ms(t);
    let after = rss()?;
    let stats = screener.stats();
    println!(
        "{}",
        json!({
            "build_ms": build_ms,
            "entries": stats.per_category.iter().map(|(_, n)| n).sum::<usize>(),
            "automaton_bytes": stats.automaton_bytes,
            "rss_before_kib": before.rss_kib,
            "rss_after_kib": after.rss_kib,
            "hwm_kib": after.hwm_kib,
        })
    );
    Ok(())
}

/// A term-list screener's build against bare daachorse's build of the same folded terms (the
/// list's entry lines; a line with slots or options is taken as written), alternately, in one
/// process: the build's cost over the automaton's alone.
fn builds(file: &Path, n: &str) -> Result<(), String> {
    let n: usize = n.parse().map_err(|_| format!("not a count: {n}"))?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut seen = std::collections::HashSet::new();
    let patterns: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '@']))
        .map(zhscreen::normalize::fold_term)
        .filter(|t| !t.is_empty() && seen.insert(t.clone()))
        .collect();
    let (mut screener, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..n.max(1) {
        let t = Instant::now();
        let built = Screener::builder()
            .defaults(false)
            .wordlist_text("bench.txt", text.clone())
            .build()
            .map_err(|e| e.to_string())?;
        screener.push(ms(t));
        drop(std::hint::black_box(built));
        let t = Instant::now();
        let automaton: CharwiseDoubleArrayAhoCorasick<u32> =
            daachorse(&patterns, MatchKind::Standard)?;
        bare.push(ms(t));
        drop(std::hint::black_box(automaton));
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[0], v[v.len() / 2])
    };
    let ((s_min, s_med), (b_min, b_med)) = (stats(&mut screener), stats(&mut bare));
    println!(
        "{}",
        json!({
            "patterns": patterns.len(),
            "runs": n,
            "screener_ms": { "min": s_min, "median": s_med },
            "daachorse_ms": { "min": b_min, "median": b_med },
            "over_daachorse_ms": { "min": s_min - b_min, "median": s_med - b_med },
        })
    );
    Ok(())
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), String> {
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The peers' inputs: the same texts and the 20k-term list as the harness, and the counts.
fn data(dir: &Path) -> Result<(), String> {
    let suite = Suite::load(&Sizes::full())?;
    let list = suite
        .lists
        .iter()
        .find(|l| l.name == "20k")
        .ok_or("no 20k list")?;
    let wordlists = dir.join("wordlist-20k");
    std::fs::create_dir_all(&wordlists).map_err(|e| format!("{}: {e}", wordlists.display()))?;
    write(&wordlists, "bench.txt", &list.wordlist())?;
    write(dir, "terms-20k.txt", &(list.terms.join("\n") + "\n"))?;
    // The largest list too, for profiling a build (`bench-probe build DIR/wordlist-100k.txt`).
    if let Some(big) = suite.lists.iter().find(|l| l.name == "100k") {
        write(dir, "wordlist-100k.txt", &big.wordlist())?;
    }
    write(
        dir,
        "patterns-20k.txt",
        &(list.patterns().join("\n") + "\n"),
    )?;
    let overlapping: CharwiseDoubleArrayAhoCorasick<u32> =
        daachorse(&list.patterns(), MatchKind::Standard)?;
    let leftmost: CharwiseDoubleArrayAhoCorasick<u32> =
        daachorse(&list.patterns(), MatchKind::LeftmostLongest)?;
    let mut texts = serde_json::Map::new();
    for (name, text) in [("article", &suite.article), ("reports", &suite.reports)] {
        let folded = zhscreen::normalize::fold(text);
        write(dir, &format!("{name}.txt"), text)?;
        write(dir, &format!("{name}.folded.txt"), folded.text())?;
        texts.insert(
            name.to_string(),
            json!({
                "bytes": text.len(),
                "folded_bytes": folded.text().len(),
                "overlapping": overlapping.find_overlapping_iter(folded.text()).count(),
                "leftmost_longest": leftmost.leftmost_find_iter(folded.text()).count(),
            }),
        );
    }
    write(dir, "posts.txt", &(suite.posts.join("\n") + "\n"))?;
    // One large file for the CLI's whole-process figure: the work reports nine times (29 MB).
    let mut large = String::with_capacity(9 * (suite.reports.len() + 1));
    for _ in 0..9 {
        large.push_str(&suite.reports);
        large.push('\n');
    }
    write(dir, "reports-x9.txt", &large)?;
    write(dir, "post120.txt", &suite.post120)?;
    let expected = json!({ "terms": list.terms.len(), "texts": texts });
    write(dir, "expected.json", &expected.to_string())?;
    println!("{expected}");
    Ok(())
}

/// The median time of `runs` calls of `f`, in seconds.
fn median_time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// zhscreen over the peers' texts, in this process: the 20k list alone, and the defaults.
fn time(dir: &Path) -> Result<(), String> {
    let list = Screener::builder()
        .defaults(false)
        .wordlist_path(dir.join("wordlist-20k"))
        .build()
        .map_err(|e| e.to_string())?;
    let default = Screener::new().map_err(|e| e.to_string())?;
    default.warm_up();
    let mut out = serde_json::Map::new();
    for name in ["article", "reports"] {
        let path = dir.join(format!("{name}.txt"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let political = zhscreen_benches::oracle::political_findings(&list.scan(&text));
        let mbps = |s: f64| text.len() as f64 / s / 1e6;
        out.insert(
            name.to_string(),
            json!({
                "bytes": text.len(),
                "list_mbps": mbps(median_time(7, || list.scan(&text).findings.len())),
                "default_mbps": mbps(median_time(7, || default.scan(&text).findings.len())),
                "list_political_findings": political,
            }),
        );
    }
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}

/// One scan; a function of its own so that callgrind can count exactly it
/// (`--toggle-collect=bench_probe::scan_once`).
#[inline(never)]
fn scan_once(screener: &Screener, text: &str) -> usize {
    std::hint::black_box(screener.scan(text)).findings.len()
}

/// A profiling and linearity workload: `n` scans of one file with the default rules, or with the
/// wordlist `list` alone (warmed up first), each timed; prints the fastest and the mean.
fn scan(file: &Path, n: &str, list: Option<&Path>) -> Result<(), String> {
    let screener = match list {
        Some(list) => Screener::builder()
            .defaults(false)
            .wordlist_file(list)
            .build(),
        None => Screener::new(),
    }
    .map_err(|e| e.to_string())?;
    scan_with(&screener, file, n)
}

/// `scan` with the default screener less some of its parts (`wording`, `typo`, comma-separated).
fn scan_without(parts: &str, file: &Path, n: &str) -> Result<(), String> {
    let mut builder = Screener::builder();
    for part in parts.split(',') {
        builder = match part {
            "wording" => builder.wording(false),
            "typo" => builder.typo(false),
            _ => return Err(format!("scan-without: not a part: {part} (wording, typo)")),
        };
    }
    let screener = builder.build().map_err(|e| e.to_string())?;
    scan_with(&screener, file, n)
}

fn scan_with(screener: &Screener, file: &Path, n: &str) -> Result<(), String> {
    let n: usize = n.parse().map_err(|_| format!("not a count: {n}"))?;
    let n = n.max(1);
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    screener.warm_up();
    let mut findings = 0;
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        findings = scan_once(screener, &text);
        times.push(t.elapsed().as_secs_f64());
    }
    println!(
        "{}",
        json!({
            "scans": n,
            "bytes": text.len(),
            "findings": findings,
            "min_seconds": times.iter().copied().fold(f64::INFINITY, f64::min),
            "mean_seconds": times.iter().sum::<f64>() / n as f64,
        })
    );
    Ok(())
}

/// Bare daachorse (charwise, overlapping) with the default lists' patterns over the folded `file`,
/// `n` times: the reference of the pipeline's ratio, for callgrind (`bench_probe::bare_once`).
fn bare(file: &Path, n: &str) -> Result<(), String> {
    let n: usize = n.parse().map_err(|_| format!("not a count: {n}"))?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let folded = zhscreen::normalize::fold(&text);
    let patterns = zhscreen_benches::dict::default_patterns()?;
    let automaton: CharwiseDoubleArrayAhoCorasick<u32> = daachorse(&patterns, MatchKind::Standard)?;
    let mut matches = 0;
    let mut best = f64::INFINITY;
    for _ in 0..n.max(1) {
        let t = Instant::now();
        matches = bare_once(&automaton, folded.text());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{}",
        json!({ "patterns": patterns.len(), "bytes": text.len(), "matches": matches, "min_seconds": best })
    );
    Ok(())
}

#[inline(never)]
fn bare_once(automaton: &CharwiseDoubleArrayAhoCorasick<u32>, text: &str) -> usize {
    std::hint::black_box(automaton.find_overlapping_iter(text).count())
}

/// `scan` against `scan_parallel` on all cores, alternately, in one process.
fn parallel(file: &Path, n: &str) -> Result<(), String> {
    let n: usize = n.parse().map_err(|_| format!("not a count: {n}"))?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let screener = Screener::new().map_err(|e| e.to_string())?;
    screener.warm_up();
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let (mut one, mut many) = (f64::INFINITY, f64::INFINITY);
    let mut identical = true;
    for _ in 0..n.max(1) {
        let t = Instant::now();
        let a = std::hint::black_box(screener.scan(&text));
        one = one.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let b = std::hint::black_box(screener.scan_parallel(&text, threads));
        many = many.min(t.elapsed().as_secs_f64());
        identical &= a == b;
    }
    println!(
        "{}",
        json!({
            "bytes": text.len(),
            "threads": threads,
            "scan_seconds": one,
            "parallel_seconds": many,
            "identical": identical,
        })
    );
    Ok(())
}

/// The peer `sensitive-rs`: `Filter::add_words` with the 20k folded terms, `find_all` over each
/// folded text once (it caches results per text, and takes seconds a megabyte). Counts what it
/// reports (distinct words), how many of those occur in the text it was given, and how many of
/// the terms occur in that text at all (daachorse).
#[cfg(feature = "sensitive-rs")]
fn sensitive(dir: &Path) -> Result<(), String> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let patterns_text = read("patterns-20k.txt")?;
    let patterns: Vec<&str> = patterns_text.lines().filter(|l| !l.is_empty()).collect();
    let t = Instant::now();
    let mut filter = sensitive_rs::Filter::new();
    filter.add_words(&patterns);
    let build_ms = ms(t);
    let automaton: CharwiseDoubleArrayAhoCorasick<u32> = daachorse(&patterns, MatchKind::Standard)?;
    let mut texts = serde_json::Map::new();
    for name in ["reports", "article"] {
        let original = read(&format!("{name}.txt"))?;
        let folded = read(&format!("{name}.folded.txt"))?;
        filter.clear_cache();
        let t = Instant::now();
        let found = std::hint::black_box(filter.find_all(&folded));
        let seconds = t.elapsed().as_secs_f64();
        let real = found.iter().filter(|w| folded.contains(w.as_str())).count();
        let mut occurring: Vec<u32> = automaton
            .find_overlapping_iter(&folded)
            .map(|m| m.value())
            .collect();
        occurring.sort_unstable();
        occurring.dedup();
        texts.insert(
            name.to_string(),
            json!({
                "bytes": original.len(),
                "seconds": seconds,
                "mbps": original.len() as f64 / seconds / 1e6,
                "reported": found.len(),
                "in_text": real,
                "terms_occurring": occurring.len(),
            }),
        );
    }
    println!(
        "{}",
        json!({ "terms": patterns.len(), "build_ms": build_ms, "texts": texts })
    );
    Ok(())
}

#[cfg(not(feature = "sensitive-rs"))]
fn sensitive(_dir: &Path) -> Result<(), String> {
    Err("built without the peer: cargo build --release -p zhscreen-benches --features sensitive-rs --bin bench-probe".into())
}
