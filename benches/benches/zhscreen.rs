//! zhscreen's benchmark: the full pipeline against the bare matchers and the segmenter, on the
//! same inputs, in one run, reported as ratios.
//!
//! `cargo bench -p zhscreen-benches --bench zhscreen` runs everything (about 3-4 minutes on two
//! cores) and ends with a Markdown table, also written to `target/zhscreen-bench/table.md`
//! (`benches/report.sh` runs it and prints only the table). `-- --test` (or `cargo test
//! --benches`) is the smoke run: small inputs, every routine once, every count check.
//! A criterion filter (`-- 20k`) runs only the matching timings; the table shows the rest as `–`.
//!
//! What runs, in order:
//! 1. inputs and dictionaries ([`zhscreen_benches::suite`]), the engines built once;
//! 2. match-count checks: every bare engine finds the same matches with the same semantics, and
//!    zhscreen with a term list reports exactly the findings that follow from them
//!    ([`zhscreen_benches::oracle`]); a disagreement fails the run (exit status 1);
//! 3. timings under criterion (median of 10 samples), per dictionary and text;
//! 4. build times (min of 3, in this process), and in fresh processes (`bench-probe`): the build
//!    memory of each term list and the cold start of the default screener (5 runs);
//! 5. linearity: 1 MiB against 16 MiB of ordinary and adversarial text;
//! 6. the table.
#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark reports on the terminal

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind as AcMatchKind};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput};
use daachorse::{CharwiseDoubleArrayAhoCorasick, MatchKind};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::time::{Duration, Instant};
use zhscreen::normalize::{self, Folded};
use zhscreen::Screener;
use zhscreen_benches::dict::TermList;
use zhscreen_benches::engines::daachorse;
use zhscreen_benches::inputs::{adversarial, truncate_bytes};
use zhscreen_benches::oracle::{self, Check};
use zhscreen_benches::paths;
use zhscreen_benches::suite::{Sizes, Suite};

/// Samples per timing; the table takes their median.
const SAMPLES: usize = 10;
/// Above this many terms the aho-corasick DFA is not built (about 190 MiB at 20k already).
const DFA_MAX_TERMS: usize = 20_000;
const MIB: usize = 1 << 20;

type Result<T> = std::result::Result<T, String>;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Criterion's own rule: without `--bench` (cargo test --benches), or with `--test`, it runs
    // every routine once.
    let smoke = args.iter().any(|a| a == "--test") || !args.iter().any(|a| a == "--bench");
    if let Err(e) = run(smoke) {
        eprintln!("zhscreen bench: {e}");
        std::process::exit(2);
    }
}

/// Per-iteration times (seconds) of every call criterion made, by benchmark id.
#[derive(Clone, Default)]
struct Recorder(Rc<RefCell<BTreeMap<String, Vec<f64>>>>);

impl Recorder {
    fn push(&self, key: &str, seconds: f64) {
        self.0
            .borrow_mut()
            .entry(key.to_string())
            .or_default()
            .push(seconds);
    }

    /// The median of the last [`SAMPLES`] calls (the samples come after the warm-up calls).
    fn median(&self, key: &str) -> Option<f64> {
        let map = self.0.borrow();
        let all = map.get(key)?;
        let mut last: Vec<f64> = all[all.len().saturating_sub(SAMPLES)..].to_vec();
        last.sort_by(f64::total_cmp);
        last.get(last.len() / 2).copied()
    }
}

/// Times `f` under criterion as `group/id`, recording what it measured.
fn time<T>(
    g: &mut BenchmarkGroup<'_, WallTime>,
    rec: &Recorder,
    group: &str,
    id: &str,
    mut f: impl FnMut() -> T,
) {
    let key = format!("{group}/{id}");
    let rec = rec.clone();
    g.bench_function(id, move |b| {
        b.iter_custom(|iters| {
            let t = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            let d = t.elapsed();
            rec.push(&key, d.as_secs_f64() / iters.max(1) as f64);
            d
        })
    });
}

/// The shortest of `n` runs of `f`, in seconds, and its last result.
fn min_of<T>(n: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..n.max(1) {
        let t = Instant::now();
        let r = black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(r);
    }
    (best, last.expect("at least one run"))
}

/// A text and its folded form (what the bare matchers read).
struct Text {
    name: &'static str,
    text: String,
    folded: Folded,
}

impl Text {
    fn new(name: &'static str, text: String) -> Text {
        let folded = normalize::fold(&text);
        Text { name, text, folded }
    }
}

/// The bare engines over one set of patterns.
struct Engines {
    daachorse: CharwiseDoubleArrayAhoCorasick<u32>,
    daachorse_ll: CharwiseDoubleArrayAhoCorasick<u32>,
    ac: AhoCorasick,
    ac_ll: AhoCorasick,
    dfa: Option<AhoCorasick>,
}

fn aho_corasick(
    patterns: &[&str],
    kind: AcMatchKind,
    engine: Option<AhoCorasickKind>,
) -> Result<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(kind)
        .kind(engine)
        .build(patterns)
        .map_err(|e| format!("aho-corasick: {e}"))
}

impl Engines {
    fn build(patterns: &[&str], with_dfa: bool) -> Result<Engines> {
        Ok(Engines {
            daachorse: daachorse(patterns, MatchKind::Standard)?,
            daachorse_ll: daachorse(patterns, MatchKind::LeftmostLongest)?,
            ac: aho_corasick(patterns, AcMatchKind::Standard, None)?,
            ac_ll: aho_corasick(patterns, AcMatchKind::LeftmostLongest, None)?,
            dfa: if with_dfa {
                Some(aho_corasick(
                    patterns,
                    AcMatchKind::Standard,
                    Some(AhoCorasickKind::DFA),
                )?)
            } else {
                None
            },
        })
    }

    /// Checks that the engines agree on `t`, and returns daachorse's overlapping count.
    fn check(&self, dict: &str, t: &Text, checks: &mut Vec<Check>) -> usize {
        let ft = t.folded.text();
        let ov = self.daachorse.find_overlapping_iter(ft).count();
        let ll = self.daachorse_ll.leftmost_find_iter(ft).count();
        let what = |engine: &str| format!("{dict}, {}: {engine} = daachorse", t.name);
        checks.push(Check {
            what: what("aho-corasick overlapping"),
            expected: ov,
            got: self.ac.find_overlapping_iter(ft).count(),
        });
        checks.push(Check {
            what: what("aho-corasick leftmost-longest"),
            expected: ll,
            got: self.ac_ll.find_iter(ft).count(),
        });
        if let Some(dfa) = &self.dfa {
            checks.push(Check {
                what: what("aho-corasick DFA overlapping"),
                expected: ov,
                got: dfa.find_overlapping_iter(ft).count(),
            });
        }
        ov
    }

    /// Times every engine over `t` in group `group`.
    fn time(&self, g: &mut BenchmarkGroup<'_, WallTime>, rec: &Recorder, group: &str, t: &Text) {
        let ft = t.folded.text();
        time(g, rec, group, "daachorse-overlapping", || {
            self.daachorse.find_overlapping_iter(ft).count()
        });
        time(g, rec, group, "daachorse-leftmost-longest", || {
            self.daachorse_ll.leftmost_find_iter(ft).count()
        });
        time(g, rec, group, "aho-corasick-overlapping", || {
            self.ac.find_overlapping_iter(ft).count()
        });
        time(g, rec, group, "aho-corasick-leftmost-longest", || {
            self.ac_ll.find_iter(ft).count()
        });
        if let Some(dfa) = &self.dfa {
            time(g, rec, group, "aho-corasick-dfa-overlapping", || {
                dfa.find_overlapping_iter(ft).count()
            });
        }
    }
}

/// Build times (seconds) and heap bytes of the engines over one set of patterns.
#[derive(Default)]
struct BuildFigures {
    zhscreen_s: f64,
    zhscreen_bytes: usize,
    daachorse_s: f64,
    daachorse_bytes: usize,
    ac_s: f64,
    ac_bytes: usize,
    ac_kind: String,
    dfa_s: Option<f64>,
    dfa_bytes: Option<usize>,
    /// From a fresh process: build ms, RSS before and after (KiB).
    cold: Option<Value>,
}

fn measure_builds(
    patterns: &[&str],
    screener: impl Fn() -> Result<Screener>,
    with_dfa: bool,
    reps: usize,
) -> Result<BuildFigures> {
    let (zhscreen_s, s) = min_of(reps, &screener);
    let s = s?;
    let (daachorse_s, d) = min_of(reps, || daachorse(patterns, MatchKind::Standard));
    let d = d?;
    let (ac_s, a) = min_of(reps, || aho_corasick(patterns, AcMatchKind::Standard, None));
    let a = a?;
    let mut f = BuildFigures {
        zhscreen_s,
        zhscreen_bytes: s.stats().automaton_bytes,
        daachorse_s,
        daachorse_bytes: d.heap_bytes(),
        ac_s,
        ac_bytes: a.memory_usage(),
        ac_kind: format!("{:?}", a.kind()),
        ..BuildFigures::default()
    };
    if with_dfa {
        let (dfa_s, dfa) = min_of(reps.min(2), || {
            aho_corasick(patterns, AcMatchKind::Standard, Some(AhoCorasickKind::DFA))
        });
        f.dfa_s = Some(dfa_s);
        f.dfa_bytes = Some(dfa?.memory_usage());
    }
    Ok(f)
}

fn probe(args: &[&str]) -> Result<(Value, f64)> {
    let exe = env!("CARGO_BIN_EXE_bench-probe");
    let t = Instant::now();
    let out = Command::new(exe)
        .args(args)
        .output()
        .map_err(|e| format!("{exe}: {e}"))?;
    let wall = t.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "bench-probe {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("bench-probe {args:?}: not JSON ({e})"))?;
    Ok((value, wall))
}

/// Time (fresh process, min of 3) and, where valgrind is installed, instructions (callgrind,
/// deterministic whatever else the machine runs) of one scan of a short and a long input.
struct Linearity {
    input: String,
    short: usize,
    long: usize,
    t_short: f64,
    t_long: f64,
    instr: Option<Instructions>,
}

struct Instructions {
    short: usize,
    long: usize,
    i_short: u64,
    i_long: u64,
}

fn deviation(cost_short: f64, cost_long: f64, short: usize, long: usize) -> f64 {
    (cost_long / cost_short) / (long as f64 / short as f64) - 1.0
}

impl Linearity {
    fn deviation(&self) -> f64 {
        deviation(self.t_short, self.t_long, self.short, self.long)
    }

    fn instr_deviation(&self) -> Option<f64> {
        let i = self.instr.as_ref()?;
        Some(deviation(
            i.i_short as f64,
            i.i_long as f64,
            i.short,
            i.long,
        ))
    }
}

/// The fastest of `reps` scans of `file` by the warmed-up default screener, in a fresh process.
fn probe_scan(file: &Path, reps: usize) -> Result<f64> {
    let (v, _) = probe(&["scan", &file.to_string_lossy(), &reps.to_string()])?;
    v["min_seconds"]
        .as_f64()
        .ok_or_else(|| format!("bench-probe scan {}: no min_seconds", file.display()))
}

/// Whether callgrind can count instructions here (and is not turned off).
fn callgrind_available() -> bool {
    std::env::var("ZHSCREEN_BENCH_CALLGRIND").map_or(true, |v| v != "0")
        && Command::new("valgrind")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
}

/// Instructions of one scan of `file` (callgrind counts only inside `bench_probe::scan_once`).
fn callgrind_scan(file: &Path) -> Result<u64> {
    let out = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--toggle-collect=bench_probe::scan_once",
            "--callgrind-out-file=/dev/null",
            env!("CARGO_BIN_EXE_bench-probe"),
            "scan",
        ])
        .arg(file)
        .arg("1")
        .output()
        .map_err(|e| format!("valgrind: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("callgrind on {}: {stderr}", file.display()));
    }
    stderr
        .lines()
        .find_map(|l| {
            l.split_once("Collected :")
                .map(|(_, n)| n.trim().replace(',', ""))
        })
        .and_then(|n| n.parse().ok())
        .filter(|&n: &u64| n > 0)
        .ok_or_else(|| format!("callgrind on {}: no instruction count", file.display()))
}

/// Measures one kind of input: prefixes of `long` of `short` bytes (time) and of `instr` sizes
/// (instructions).
fn linearity(
    dir: &Path,
    input: &str,
    long: &str,
    short: usize,
    reps: usize,
    instr: Option<(usize, usize)>,
) -> Result<Linearity> {
    let file = |tag: &str, bytes: usize| -> Result<(PathBuf, usize)> {
        let mut text = long.to_string();
        truncate_bytes(&mut text, bytes);
        let path = dir.join(format!("{}-{tag}.txt", slug(input)));
        write_out(&path, &text)?;
        Ok((path, text.len()))
    };
    let (short_path, short_len) = file("short", short)?;
    let (long_path, long_len) = file("long", long.len())?;
    let t_short = probe_scan(&short_path, reps)?;
    let t_long = probe_scan(&long_path, reps)?;
    let mut paths = vec![short_path, long_path];
    let instr = match instr {
        Some((a, b)) => {
            let (pa, la) = file("instr-short", a)?;
            let (pb, lb) = file("instr-long", b)?;
            let counts = Instructions {
                short: la,
                long: lb,
                i_short: callgrind_scan(&pa)?,
                i_long: callgrind_scan(&pb)?,
            };
            paths.extend([pa, pb]);
            Some(counts)
        }
        None => None,
    };
    for p in paths {
        let _ = std::fs::remove_file(p);
    }
    Ok(Linearity {
        input: input.to_string(),
        short: short_len,
        long: long_len,
        t_short,
        t_long,
        instr,
    })
}

fn run(smoke: bool) -> Result<()> {
    let started = Instant::now();
    let load_start = loadavg();
    let sizes = if smoke { Sizes::smoke() } else { Sizes::full() };
    let reps = if smoke { 1 } else { 3 };
    eprintln!(
        "zhscreen bench: {} run; preparing inputs",
        if smoke { "smoke" } else { "full" }
    );
    let suite = Suite::load(&sizes)?;
    let out_dir = paths::out_dir();
    std::fs::create_dir_all(out_dir.join("lists"))
        .map_err(|e| format!("{}: {e}", out_dir.display()))?;

    let texts = [
        Text::new("work reports", suite.reports.clone()),
        Text::new("article", suite.article.clone()),
    ];

    // The screeners.
    let build_err = |e: zhscreen::Error| e.to_string();
    let default = Screener::new().map_err(build_err)?;
    default.warm_up();
    // The same rules without the wording checker (formulations, enumerations, leaders): its cost.
    let no_wording = Screener::builder()
        .wording(false)
        .build()
        .map_err(build_err)?;
    // The same rules without the statistical typo detector: its cost.
    let no_typo = Screener::builder().typo(false).build().map_err(build_err)?;
    let detectors_only = Screener::builder()
        .defaults(false)
        .build()
        .map_err(build_err)?;
    let jieba = jieba_rs::Jieba::new();
    let list_screener = |list: &TermList| {
        Screener::builder()
            .defaults(false)
            .wordlist_text("bench.txt", list.wordlist())
            .build()
            .map_err(|e| e.to_string())
    };

    // The engines, and the count checks.
    eprintln!("zhscreen bench: building engines and checking match counts");
    let mut checks: Vec<Check> = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let default_patterns: Vec<&str> = suite.default_patterns.iter().map(String::as_str).collect();
    let default_engines = Engines::build(&default_patterns, true)?;
    for t in &texts {
        let n = default_engines.check("default", t, &mut checks);
        counts.insert(format!("default/{}/matches", t.name), n);
        let findings = default.scan(&t.text).findings.len();
        counts.insert(format!("default/{}/findings", t.name), findings);
    }
    let mut lists = Vec::new();
    for list in &suite.lists {
        let patterns = list.patterns();
        let with_dfa = patterns.len() <= DFA_MAX_TERMS && (!smoke || patterns.len() <= 1_000);
        let engines = Engines::build(&patterns, with_dfa)?;
        let screener = list_screener(list)?;
        screener.warm_up();
        for t in &texts {
            let n = engines.check(&list.name, t, &mut checks);
            counts.insert(format!("{}/{}/matches", list.name, t.name), n);
            let got = oracle::political_findings(&screener.scan(&t.text));
            checks.push(Check {
                what: format!(
                    "{}, {}: zhscreen findings = daachorse matches after zhscreen's rules",
                    list.name, t.name
                ),
                expected: oracle::expected_findings(
                    &t.text,
                    &t.folded,
                    &engines.daachorse,
                    &list.entries,
                ),
                got,
            });
            counts.insert(format!("{}/{}/findings", list.name, t.name), got);
        }
        lists.push((list, engines, screener));
    }
    let failed: Vec<&Check> = checks.iter().filter(|c| !c.ok()).collect();
    for c in &failed {
        eprintln!(
            "MISMATCH: {}: expected {}, got {}",
            c.what, c.expected, c.got
        );
    }
    eprintln!(
        "zhscreen bench: {} count checks, {} failed ({:.1}s)",
        checks.len(),
        failed.len(),
        started.elapsed().as_secs_f64()
    );

    // Timings.
    let rec = Recorder::default();
    let mut c = Criterion::default()
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .nresamples(2_000)
        .without_plots()
        .configure_from_args();
    for t in &texts {
        let group = format!("default-{}", slug(t.name));
        let mut g = c.benchmark_group(&group);
        g.sampling_mode(SamplingMode::Flat)
            .throughput(Throughput::Bytes(t.text.len() as u64));
        time(&mut g, &rec, &group, "zhscreen-scan", || {
            default.scan(&t.text).findings.len()
        });
        time(&mut g, &rec, &group, "zhscreen-scan-no-wording", || {
            no_wording.scan(&t.text).findings.len()
        });
        time(&mut g, &rec, &group, "zhscreen-scan-no-typo", || {
            no_typo.scan(&t.text).findings.len()
        });
        time(&mut g, &rec, &group, "fold", || {
            normalize::fold(&t.text).text().len()
        });
        time(&mut g, &rec, &group, "fold+detectors", || {
            detectors_only.scan(&t.text).findings.len()
        });
        default_engines.time(&mut g, &rec, &group, t);
        time(&mut g, &rec, &group, "jieba-cut", || {
            jieba.cut(&t.text, false).len()
        });
        g.finish();
    }
    for (list, engines, screener) in &lists {
        for t in &texts {
            let group = format!("{}-{}", list.name, slug(t.name));
            let mut g = c.benchmark_group(&group);
            g.sampling_mode(SamplingMode::Flat)
                .throughput(Throughput::Bytes(t.text.len() as u64));
            time(&mut g, &rec, &group, "zhscreen-scan", || {
                screener.scan(&t.text).findings.len()
            });
            engines.time(&mut g, &rec, &group, t);
            g.finish();
        }
    }
    {
        let group = "posts";
        let mut g = c.benchmark_group(group);
        g.throughput(Throughput::Bytes(suite.post120.len() as u64));
        let post = suite.post120.as_str();
        time(&mut g, &rec, group, "post120-zhscreen-scan", || {
            default.scan(black_box(post)).findings.len()
        });
        time(&mut g, &rec, group, "post120-zhscreen-scan-no-typo", || {
            no_typo.scan(black_box(post)).findings.len()
        });
        time(&mut g, &rec, group, "post120-fold", || {
            normalize::fold(black_box(post)).text().len()
        });
        time(&mut g, &rec, group, "post120-fold+detectors", || {
            detectors_only.scan(black_box(post)).findings.len()
        });
        let folded_post = normalize::fold(post);
        let fp = folded_post.text();
        time(&mut g, &rec, group, "post120-daachorse-overlapping", || {
            default_engines
                .daachorse
                .find_overlapping_iter(black_box(fp))
                .count()
        });
        let bytes: usize = suite.posts.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        time(&mut g, &rec, group, "all-posts-zhscreen-scan", || {
            suite
                .posts
                .iter()
                .map(|p| default.scan(p).findings.len())
                .sum::<usize>()
        });
        g.finish();
    }
    counts.insert(
        "post120/findings".into(),
        default.scan(&suite.post120).findings.len(),
    );
    let posts_findings: usize = suite
        .posts
        .iter()
        .map(|p| default.scan(p).findings.len())
        .sum();
    counts.insert("posts/findings".into(), posts_findings);

    // Build times and memory.
    eprintln!("zhscreen bench: build times, memory, cold start");
    let mut builds: Vec<(String, usize, BuildFigures)> = Vec::new();
    let mut f = measure_builds(
        &default_patterns,
        || Screener::new().map_err(|e| e.to_string()),
        true,
        reps,
    )?;
    f.cold = None;
    builds.push(("default".into(), default_patterns.len(), f));
    for (list, _, _) in &lists {
        let patterns = list.patterns();
        let with_dfa = patterns.len() <= DFA_MAX_TERMS && (!smoke || patterns.len() <= 1_000);
        let mut f = measure_builds(&patterns, || list_screener(list), with_dfa, reps)?;
        if !smoke || list.name == "1k" {
            let file = out_dir.join("lists").join(format!("{}.txt", list.name));
            std::fs::write(&file, list.wordlist())
                .map_err(|e| format!("{}: {e}", file.display()))?;
            f.cold = Some(probe(&["build", &file.to_string_lossy()])?.0);
        }
        builds.push((list.name.clone(), patterns.len(), f));
    }
    let mut ready = Vec::new();
    for _ in 0..if smoke { 1 } else { 5 } {
        let (mut v, wall) = probe(&["ready"])?;
        v["process_ms"] = json!(wall * 1e3);
        v["jieba_rs_new_ms"] = probe(&["jieba"])?.0["jieba_rs_new_ms"].clone();
        ready.push(v);
    }

    // Linearity: every measurement in a fresh process, so no allocator state carries over.
    let callgrind = !smoke && callgrind_available();
    eprintln!(
        "zhscreen bench: linearity{}",
        if callgrind {
            " (time, and instructions under callgrind)"
        } else {
            ""
        }
    );
    let lin_dir = out_dir.join("linearity");
    std::fs::create_dir_all(&lin_dir).map_err(|e| format!("{}: {e}", lin_dir.display()))?;
    let (short, long) = if smoke {
        (16 << 10, 256 << 10)
    } else {
        (MIB, 16 * MIB)
    };
    let instr = |a: usize| callgrind.then_some((a, 16 * a));
    let long_article = suite.article_of(long);
    let mut lin = vec![
        linearity(
            &lin_dir,
            "article text",
            &long_article,
            short,
            reps,
            instr(64 << 10),
        )?,
        linearity(
            &lin_dir,
            "one term repeated (海洛因)",
            &adversarial::repeated("海洛因", long),
            short,
            reps,
            instr(64 << 10),
        )?,
        linearity(
            &lin_dir,
            "one boundary term repeated (台独)",
            &adversarial::repeated("台独", long),
            short,
            reps,
            instr(16 << 10),
        )?,
        linearity(
            &lin_dir,
            "noise characters only",
            &adversarial::noise(long),
            short,
            reps,
            instr(64 << 10),
        )?,
    ];
    let (line_short, line_long) = if smoke {
        (16 << 10, 160 << 10)
    } else {
        (640 << 10, 10 * MIB)
    };
    lin.push(linearity(
        &lin_dir,
        "one line, no clause break",
        &adversarial::one_line(&long_article, line_long),
        line_short,
        reps,
        instr(64 << 10),
    )?);

    // The table.
    let table = Table {
        smoke,
        suite: &suite,
        texts: &texts,
        rec: &rec,
        counts: &counts,
        checks: &checks,
        builds: &builds,
        ready: &ready,
        lin: &lin,
        default_kind: format!("{:?}", default_engines.ac.kind()),
        load_start,
        elapsed: started.elapsed().as_secs_f64(),
    }
    .render();
    println!("\n{table}");
    write_out(&out_dir.join("table.md"), &table)?;
    let raw: BTreeMap<String, Option<f64>> = rec
        .0
        .borrow()
        .keys()
        .map(|k| (k.clone(), rec.median(k)))
        .collect();
    let results = json!({
        "smoke": smoke,
        "median_seconds": raw,
        "counts": counts,
        "ready": ready,
        "checks_failed": failed.len(),
    });
    write_out(&out_dir.join("results.json"), &results.to_string())?;
    eprintln!(
        "zhscreen bench: done in {:.0}s; table in {}",
        started.elapsed().as_secs_f64(),
        out_dir.join("table.md").display()
    );
    // A plain closing line for CI logs: the match-count checks are the smoke run's tests.
    println!(
        "checks: {} passed, {} failed",
        checks.len() - failed.len(),
        failed.len()
    );
    if !failed.is_empty() {
        eprintln!("zhscreen bench: {} match-count checks FAILED", failed.len());
        std::process::exit(1);
    }
    Ok(())
}

fn slug(name: &str) -> String {
    name.replace(' ', "-")
}

fn write_out(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn command_line(cmd: &str, args: &[&str], dir: Option<PathBuf>) -> String {
    let mut c = Command::new(cmd);
    c.args(args);
    if let Some(d) = dir {
        c.current_dir(d);
    }
    c.output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "?".into())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "?".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / (1024.0 * 1024.0));
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "?".into());
    format!(
        "{cpu}, {cores} cores, {mem_gib:.0} GiB, Linux {kernel}, {}",
        command_line("rustc", &["--version"], None)
    )
}

struct Table<'a> {
    smoke: bool,
    suite: &'a Suite,
    texts: &'a [Text],
    rec: &'a Recorder,
    counts: &'a BTreeMap<String, usize>,
    checks: &'a [Check],
    builds: &'a [(String, usize, BuildFigures)],
    ready: &'a [Value],
    lin: &'a [Linearity],
    default_kind: String,
    load_start: String,
    elapsed: f64,
}

fn mbps(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / seconds / 1e6
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.retain(|x| x.is_finite());
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

fn mib(bytes: f64) -> String {
    format!("{:.1}", bytes / MIB as f64)
}

fn verdict(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "met",
        Some(false) => "**missed**",
        None => "–",
    }
}

impl Table<'_> {
    fn t(&self, group: &str, id: &str) -> Option<f64> {
        self.rec.median(&format!("{group}/{id}"))
    }

    fn group(&self, dict: &str, text: &Text) -> String {
        format!("{dict}-{}", slug(text.name))
    }

    /// `MB/s | vs daachorse` cells for one row over one text.
    fn cells(&self, dict: &str, id: &str, text: &Text) -> String {
        let g = self.group(dict, text);
        match self.t(&g, id) {
            Some(s) => {
                let ratio = self
                    .t(&g, "daachorse-overlapping")
                    .map_or("–".into(), |d| format!("{:.2}x", d / s));
                format!("{:.0} | {ratio}", mbps(text.text.len(), s))
            }
            None => "– | –".into(),
        }
    }

    fn count(&self, key: &str) -> String {
        self.counts.get(key).map_or("–".into(), |n| n.to_string())
    }

    fn render(&self) -> String {
        let mut o = String::new();
        self.header(&mut o);
        self.targets(&mut o);
        self.default_rules(&mut o);
        self.term_lists(&mut o);
        self.builds(&mut o);
        self.posts(&mut o);
        self.cold_start(&mut o);
        self.linearity(&mut o);
        self.checks(&mut o);
        o
    }

    fn header(&self, o: &mut String) {
        let _ = writeln!(o, "## zhscreen benchmark");
        if self.smoke {
            let _ = writeln!(
                o,
                "\n**Smoke run: small inputs, every routine once. The figures mean nothing; the \
                 count checks do.**"
            );
        }
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let _ = writeln!(
            o,
            "\n- Run: {} UTC, commit {}, {:.0} s in all; load average at start {}, at end {}.",
            command_line("date", &["-u", "+%Y-%m-%d %H:%M"], None),
            command_line("git", &["rev-parse", "--short", "HEAD"], Some(manifest)),
            self.elapsed,
            self.load_start,
            loadavg()
        );
        let _ = writeln!(o, "- Machine: {}.", machine());
        let s = self.suite;
        let _ = writeln!(
            o,
            "- Inputs: the work reports ({:.2} MB of real text); a generated article ({:.2} MB, \
             fixed seed: report sentences with identifiers, full-width and ASCII runs and list terms \
             mixed in); {} posts of 20-200 characters; the 120-character post: `{}`.",
            s.reports.len() as f64 / 1e6,
            s.article.len() as f64 / 1e6,
            s.posts.len(),
            s.post120
        );
        let _ = writeln!(
            o,
            "- Dictionaries: the default ruleset ({} patterns: entries, exceptions and counter \
             words); {} (the 100k list is all {} usable terms of the public lexicon union; the others \
             are nested fixed-seed samples of it).",
            s.default_patterns.len(),
            s.lists
                .iter()
                .map(|l| format!("{} = {} terms", l.name, l.terms.len()))
                .collect::<Vec<_>>()
                .join(", "),
            s.lexicon_len
        );
        let _ = writeln!(
            o,
            "- MB/s is 10^6 bytes of the original text per second, the median of {SAMPLES} \
             criterion samples. \"vs daachorse\" is the time of bare daachorse (charwise, \
             overlapping, the same patterns, the same folded text) divided by the row's time: \
             1.00x is as fast as the bare matcher. Memory is in MiB."
        );
    }

    fn targets(&self, o: &mut String) {
        let _ = writeln!(o, "\n### Targets\n");
        let _ = writeln!(o, "| target | measured | goal | |\n|---|---|---|---|");
        let reports = &self.texts[0];
        let g = self.group("default", reports);
        let tp = self
            .t(&g, "zhscreen-scan")
            .map(|s| mbps(reports.text.len(), s));
        let _ = writeln!(
            o,
            "| full pipeline, default rules, work reports | {} | ≥ 150 MB/s | {} |",
            tp.map_or("–".into(), |v| format!("{v:.0} MB/s")),
            verdict(tp.map(|v| v >= 150.0))
        );
        let wording = match (
            self.t(&g, "zhscreen-scan"),
            self.t(&g, "zhscreen-scan-no-wording"),
        ) {
            (Some(with), Some(without)) => Some((
                mbps(reports.text.len(), with),
                mbps(reports.text.len(), without),
            )),
            _ => None,
        };
        let _ = writeln!(
            o,
            "| wording checker's cost: pipeline with / without it, work reports | {} | ≥ 0.90x | {} |",
            wording.map_or("–".into(), |(w, n)| format!("{w:.0} / {n:.0} MB/s = {:.2}x", w / n)),
            verdict(wording.map(|(w, n)| w / n >= 0.90))
        );
        for t in self.texts {
            let g = self.group("default", t);
            let r = match (
                self.t(&g, "zhscreen-scan"),
                self.t(&g, "daachorse-overlapping"),
            ) {
                (Some(s), Some(d)) => Some(d / s),
                _ => None,
            };
            let _ = writeln!(
                o,
                "| pipeline / bare daachorse, default patterns, {} | {} | ≥ 0.35x | {} |",
                t.name,
                r.map_or("–".into(), |v| format!("{v:.2}x")),
                verdict(r.map(|v| v >= 0.35))
            );
        }
        let p = self.t("posts", "post120-zhscreen-scan").map(|s| s * 1e6);
        let _ = writeln!(
            o,
            "| 120-character post, end to end | {} | ≤ 1.5 µs | {} |",
            p.map_or("–".into(), |v| format!("{v:.2} µs")),
            verdict(p.map(|v| v <= 1.5))
        );
        if let Some((name, n, f)) = self.builds.iter().find(|b| b.0 == "100k") {
            let ms = f.zhscreen_s * 1e3;
            let _ = writeln!(
                o,
                "| {name}-term build ({n} terms), in process, min of 3 | {ms:.0} ms | ≤ 250 ms | {} |",
                verdict(Some(ms <= 250.0))
            );
            if let Some(cold) = f.cold.as_ref().and_then(|c| c["build_ms"].as_f64()) {
                let _ = writeln!(
                    o,
                    "| {name}-term build, fresh process | {cold:.0} ms | ≤ 250 ms | {} |",
                    verdict(Some(cold <= 250.0))
                );
            }
        }
        let new_ms = median(
            self.ready
                .iter()
                .filter_map(|v| v["new_ms"].as_f64())
                .collect(),
        );
        let _ = writeln!(
            o,
            "| default `Screener::new()` cold, median of {} fresh processes | {} | ≤ 100 ms | {} |",
            self.ready.len(),
            new_ms.map_or("–".into(), |v| format!("{v:.1} ms")),
            verdict(new_ms.map(|v| v <= 100.0))
        );
        let warm_ms = median(
            self.ready
                .iter()
                .filter_map(|v| Some(v["new_ms"].as_f64()? + v["warm_ms"].as_f64()?))
                .collect(),
        );
        let _ = writeln!(
            o,
            "| … and `warm_up()`: the segmenter, loaded lazily by the first boundary check | {} | – (paid once, not at start) | {} |",
            warm_ms.map_or("–".into(), |v| format!("{v:.1} ms")),
            if warm_ms.is_some_and(|v| v <= 100.0) { "within 100 ms" } else { "over 100 ms" }
        );
        let segmenter_ms = median(
            self.ready
                .iter()
                .filter_map(|v| v["warm_ms"].as_f64())
                .collect(),
        );
        let jieba_ms = median(
            self.ready
                .iter()
                .filter_map(|v| v["jieba_rs_new_ms"].as_f64())
                .collect(),
        );
        let _ = writeln!(
            o,
            "| segmenter ready: `warm_up()` alone (dictionary prepared at build time), median | {} | ≤ 20 ms | {} |",
            segmenter_ms.map_or("–".into(), |v| format!("{v:.1} ms")),
            verdict(segmenter_ms.map(|v| v <= 20.0))
        );
        let _ = writeln!(
            o,
            "| … the segmenter before: jieba-rs `Jieba::new()` parsing its dictionary, same processes | {} | – | – |",
            jieba_ms.map_or("–".into(), |v| format!("{v:.1} ms")),
        );
        for (key, what) in [
            ("rss_new_kib", "resident after `new()`"),
            ("rss_warm_kib", "resident after `warm_up()`"),
            ("hwm_kib", "peak resident (after a first scan)"),
        ] {
            let kib = median(self.ready.iter().filter_map(|v| v[key].as_f64()).collect());
            let _ = writeln!(
                o,
                "| {what} | {} MiB | ≤ 64 MB | {} |",
                kib.map_or("–".into(), |v| mib(v * 1024.0)),
                verdict(kib.map(|v| v * 1024.0 <= 64e6))
            );
        }
        if let Some(worst) = self
            .lin
            .iter()
            .max_by(|a, b| a.deviation().abs().total_cmp(&b.deviation().abs()))
        {
            let _ = writeln!(
                o,
                "| linearity in time: worst t(16x)/t(1x) against 16 ({}) | {:+.1}% | within ±10% | {} |",
                worst.input,
                worst.deviation() * 100.0,
                verdict(Some(worst.deviation().abs() <= 0.10))
            );
        }
        if let Some((worst, d)) = self
            .lin
            .iter()
            .filter_map(|l| Some((l, l.instr_deviation()?)))
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        {
            let _ = writeln!(
                o,
                "| linearity in instructions (callgrind): worst against 16 ({}) | {:+.1}% | within ±10% | {} |",
                worst.input,
                d * 100.0,
                verdict(Some(d.abs() <= 0.10))
            );
        }
    }

    fn default_rules(&self, o: &mut String) {
        let [a, b] = [&self.texts[0], &self.texts[1]];
        let _ = writeln!(
            o,
            "\n### Default ruleset: the pipeline and its parts, same inputs\n\n\
             | row | {} MB/s | vs daachorse | {} MB/s | vs daachorse |\n|---|---|---|---|---|",
            a.name, b.name
        );
        let rows: [(&str, String); 11] = [
            (
                "zhscreen-scan",
                "zhscreen `scan`, full pipeline (warm)".into(),
            ),
            (
                "zhscreen-scan-no-wording",
                "the same without the wording checker (`wording(false)`)".into(),
            ),
            (
                "zhscreen-scan-no-typo",
                "the same without the statistical typo detector (`typo(false)`)".into(),
            ),
            ("fold", "normalisation alone (`normalize::fold`)".into()),
            ("fold+detectors", "fold + detectors (no lists)".into()),
            (
                "daachorse-overlapping",
                "bare daachorse charwise, overlapping".into(),
            ),
            (
                "daachorse-leftmost-longest",
                "bare daachorse charwise, leftmost-longest".into(),
            ),
            (
                "aho-corasick-overlapping",
                format!("bare aho-corasick overlapping ({})", self.default_kind),
            ),
            (
                "aho-corasick-leftmost-longest",
                "bare aho-corasick leftmost-longest".into(),
            ),
            (
                "aho-corasick-dfa-overlapping",
                "bare aho-corasick DFA, overlapping".into(),
            ),
            ("jieba-cut", "jieba-rs `cut` (no HMM), whole text".into()),
        ];
        for (id, label) in &rows {
            let _ = writeln!(
                o,
                "| {label} | {} | {} |",
                self.cells("default", id, a),
                self.cells("default", id, b)
            );
        }
        let _ = writeln!(
            o,
            "\nFindings of the full pipeline: {} in the work reports, {} in the article; \
             daachorse matches over the folded text: {} and {}.",
            self.count(&format!("default/{}/findings", a.name)),
            self.count(&format!("default/{}/findings", b.name)),
            self.count(&format!("default/{}/matches", a.name)),
            self.count(&format!("default/{}/matches", b.name)),
        );
    }

    fn term_lists(&self, o: &mut String) {
        let [a, b] = [&self.texts[0], &self.texts[1]];
        let _ = writeln!(
            o,
            "\n### Term lists: zhscreen against the bare engines at the same size\n\n\
             zhscreen here is a screener built from the terms alone \
             (`builder().defaults(false).wordlist_text(\"bench.txt\", \"@category political\\n\" + terms)`): \
             fold, one automaton, verification, detectors, report.\n\n\
             | terms | row | {} MB/s | vs daachorse | {} MB/s | vs daachorse | findings / matches ({}) |\n\
             |---|---|---|---|---|---|---|",
            a.name, b.name, a.name
        );
        for list in &self.suite.lists {
            for (id, label) in [
                ("zhscreen-scan", "zhscreen `scan`"),
                ("daachorse-overlapping", "daachorse overlapping"),
                ("daachorse-leftmost-longest", "daachorse leftmost-longest"),
                ("aho-corasick-overlapping", "aho-corasick overlapping"),
                (
                    "aho-corasick-leftmost-longest",
                    "aho-corasick leftmost-longest",
                ),
                (
                    "aho-corasick-dfa-overlapping",
                    "aho-corasick DFA overlapping",
                ),
            ] {
                let g = self.group(&list.name, a);
                if self.t(&g, id).is_none() && id.contains("dfa") {
                    continue;
                }
                let n = match id {
                    "zhscreen-scan" => self.count(&format!("{}/{}/findings", list.name, a.name)),
                    "daachorse-overlapping" => {
                        self.count(&format!("{}/{}/matches", list.name, a.name))
                    }
                    _ => String::new(),
                };
                let _ = writeln!(
                    o,
                    "| {} | {label} | {} | {} | {n} |",
                    list.name,
                    self.cells(&list.name, id, a),
                    self.cells(&list.name, id, b)
                );
            }
        }
    }

    fn builds(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\n### Build time and memory\n\n\
             In-process build times are the minimum of 3; the fresh-process columns come from \
             `bench-probe build` (one process per list: the build's time and its VmRSS delta). \
             \"automaton\" is `Screener::stats().automaton_bytes`; the engines' heap is their own \
             count (daachorse `heap_bytes`, aho-corasick `memory_usage`).\n\n\
             | dictionary | patterns | zhscreen build ms | fresh process ms | RSS delta MiB | automaton MiB | daachorse build ms | heap MiB | aho-corasick build ms | heap MiB | kind | DFA build ms | DFA heap MiB |\n\
             |---|---|---|---|---|---|---|---|---|---|---|---|---|"
        );
        for (name, n, f) in self.builds {
            let cold_ms = f
                .cold
                .as_ref()
                .and_then(|c| c["build_ms"].as_f64())
                .map_or("–".into(), |v| format!("{v:.0}"));
            let delta = f
                .cold
                .as_ref()
                .and_then(|c| Some(c["rss_after_kib"].as_f64()? - c["rss_before_kib"].as_f64()?))
                .map_or("–".into(), |kib| mib(kib * 1024.0));
            let _ = writeln!(
                o,
                "| {name} | {n} | {:.1} | {cold_ms} | {delta} | {} | {:.1} | {} | {:.1} | {} | {} | {} | {} |",
                f.zhscreen_s * 1e3,
                mib(f.zhscreen_bytes as f64),
                f.daachorse_s * 1e3,
                mib(f.daachorse_bytes as f64),
                f.ac_s * 1e3,
                mib(f.ac_bytes as f64),
                f.ac_kind,
                f.dfa_s.map_or("–".into(), |s| format!("{:.0}", s * 1e3)),
                f.dfa_bytes.map_or("–".into(), |b| mib(b as f64)),
            );
        }
        let _ = writeln!(
            o,
            "\nThe default row's zhscreen build is `Screener::new()` in a warm process (lists \
             parsed and folded, automaton, fingerprint); the segmenter loads lazily."
        );
    }

    fn posts(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\n### Posts (default ruleset)\n\n| row | per post | MB/s |\n|---|---|---|"
        );
        let p = self.suite.post120.len();
        for (id, label) in [
            ("post120-zhscreen-scan", "120-character post: `scan`"),
            (
                "post120-zhscreen-scan-no-typo",
                "120-character post: `scan` without the typo detector",
            ),
            ("post120-fold", "120-character post: `fold` alone"),
            (
                "post120-fold+detectors",
                "120-character post: fold + detectors",
            ),
            (
                "post120-daachorse-overlapping",
                "120-character post: bare daachorse over the folded post (default patterns)",
            ),
        ] {
            let cell = self.t("posts", id).map_or("– | –".into(), |s| {
                format!("{:.2} µs | {:.0}", s * 1e6, mbps(p, s))
            });
            let _ = writeln!(o, "| {label} | {cell} |");
        }
        let n = self.suite.posts.len();
        let bytes: usize = self.suite.posts.iter().map(String::len).sum();
        let cell = self
            .t("posts", "all-posts-zhscreen-scan")
            .map_or("– | –".into(), |s| {
                format!(
                    "{:.2} µs (mean) | {:.0}",
                    s * 1e6 / n as f64,
                    mbps(bytes, s)
                )
            });
        let _ = writeln!(
            o,
            "| {n} posts of 20-200 characters: `scan` each | {cell} |"
        );
        let _ = writeln!(
            o,
            "\nFindings: {} in the 120-character post, {} in the {n} posts.",
            self.count("post120/findings"),
            self.count("posts/findings")
        );
    }

    fn cold_start(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\n### Default screener, cold (a fresh `bench-probe ready` process per run)\n\n\
             | run | `new()` ms | RSS after `new()` MiB | `warm_up()` ms | RSS after MiB | first scan µs | peak RSS MiB | whole process ms | jieba-rs `Jieba::new()` ms (the former segmenter) |\n\
             |---|---|---|---|---|---|---|---|---|"
        );
        let f = |v: &Value, k: &str, scale: f64, digits: usize| {
            v[k].as_f64()
                .map_or("–".into(), |x| format!("{:.*}", digits, x * scale))
        };
        let kib = 1024.0 / MIB as f64;
        for (i, v) in self.ready.iter().enumerate() {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                i + 1,
                f(v, "new_ms", 1.0, 1),
                f(v, "rss_new_kib", kib, 1),
                f(v, "warm_ms", 1.0, 1),
                f(v, "rss_warm_kib", kib, 1),
                f(v, "first_scan_us", 1.0, 0),
                f(v, "hwm_kib", kib, 1),
                f(v, "process_ms", 1.0, 0),
                f(v, "jieba_rs_new_ms", 1.0, 1),
            );
        }
    }

    fn linearity(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\n### Cost linear in text length (default ruleset, `scan`)\n\n\
             Time: the fastest of 3 scans in a fresh `bench-probe scan` process per input (wall \
             clock: it includes cache effects, and noise from whatever else runs). Instructions: \
             callgrind's count for one scan (`bench_probe::scan_once`), deterministic, on 64 KiB \
             against 1 MiB (16 KiB against 256 KiB for the boundary term, whose every hit is \
             segmented).\n\n\
             | input | short MiB | long MiB | t short ms | t long ms | time ratio | size ratio | time deviation | instructions short → long | instruction deviation |\n\
             |---|---|---|---|---|---|---|---|---|---|"
        );
        for l in self.lin {
            let (instr, dev) = match (&l.instr, l.instr_deviation()) {
                (Some(i), Some(d)) => (
                    format!(
                        "{:.1}M → {:.1}M ({} KiB → {} KiB)",
                        i.i_short as f64 / 1e6,
                        i.i_long as f64 / 1e6,
                        i.short >> 10,
                        i.long >> 10
                    ),
                    format!("{:+.1}%", d * 100.0),
                ),
                _ => ("–".into(), "–".into()),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {:.1} | {:.1} | {:.2} | {:.2} | {:+.1}% | {instr} | {dev} |",
                l.input,
                mib(l.short as f64),
                mib(l.long as f64),
                l.t_short * 1e3,
                l.t_long * 1e3,
                l.t_long / l.t_short,
                l.long as f64 / l.short as f64,
                l.deviation() * 100.0
            );
        }
    }

    fn checks(&self, o: &mut String) {
        let failed = self.checks.iter().filter(|c| !c.ok()).count();
        let _ = writeln!(
            o,
            "\n### Match-count checks: {} of {} agree\n\n| check | expected | got | |\n|---|---|---|---|",
            self.checks.len() - failed,
            self.checks.len()
        );
        for c in self.checks {
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                c.what,
                c.expected,
                c.got,
                if c.ok() { "ok" } else { "**MISMATCH**" }
            );
        }
    }
}
