//! The cost of the home-address and protected-name finders and of the sensitive-combination
//! notes (issue 16), in one run: the pipeline's MB/s with them, the detectors' pass before
//! (the eight detectors that existed) and after (all ten, plus the notes), and the pipeline's
//! MB/s without the new work (the same run's pipeline time less the measured added time).
//!
//! Inputs: the real work reports (3.27 MB), and the same sentences with, in 3% of them, a
//! residential address or a protected name in context (fixed seed), so that the finders do
//! their full work and not only their rejections.
//!
//! ```sh
//! cargo bench -p zhscreen-benches --bench personal          # about 1 minute
//! cargo bench -p zhscreen-benches --bench personal -- --test # once over small inputs (CI)
//! ```
//! The table is printed and written to `target/zhscreen-bench/personal.md`.

#![allow(clippy::print_stdout)] // a benchmark reports on the terminal

use std::hint::black_box;
use std::time::Instant;
use zhscreen::detect::{registry, DetectText, Detection, Detector};
use zhscreen::{Lang, Screener};
use zhscreen_benches::{inputs, paths};

type Result<T> = std::result::Result<T, String>;

/// The minimum of `n` timings of `f`, in seconds.
fn min_of(n: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut out = 0;
    for _ in 0..n {
        let t = Instant::now();
        out = black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, out)
}

fn mbps(bytes: usize, seconds: f64) -> f64 {
    bytes as f64 / 1e6 / seconds
}

/// The work reports' sentences with a residential address or a protected name in 3% of them.
fn with_personal_data(sentences: &[&str]) -> String {
    let mut state: u64 = inputs::SEED;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let roads = ["人民路", "解放路", "五一大道", "建设南路", "青年中路"];
    let villages = ["桐木村", "东山村", "和平村", "石桥村"];
    let names = ["王小明", "李红", "张伟", "刘强", "陈建国"];
    let contexts = ["患者", "受害人", "犯罪嫌疑人"];
    let mut out = String::new();
    for s in sentences {
        out.push_str(s.trim_end_matches(['。', '！', '？', '；']));
        let r = next();
        if r % 100 < 3 {
            let k = (r >> 8) as usize;
            match k % 3 {
                0 => out.push_str(&format!(
                    "，申请人家住北湖区{}{}号{}栋{}单元{}室",
                    roads[k % roads.len()],
                    k % 300 + 1,
                    k % 20 + 1,
                    k % 5 + 1,
                    k % 1800 + 101
                )),
                1 => out.push_str(&format!(
                    "，户籍地址：宜章县梅田镇{}{}组",
                    villages[k % villages.len()],
                    k % 12 + 1
                )),
                _ => out.push_str(&format!(
                    "，{}{}因此受到影响",
                    contexts[k % contexts.len()],
                    names[k % names.len()]
                )),
            }
        }
        out.push('。');
    }
    out
}

/// Runs `detectors` over `text` (and the sensitive-combination notes when `notes`).
fn detect(detectors: &[&dyn Detector], text: &str, notes: bool) -> usize {
    let view = DetectText::new(text, Lang::Zh);
    let mut found: Vec<Detection> = Vec::new();
    for d in detectors {
        d.detect(&view, &mut found);
    }
    if notes {
        zhscreen::detect::sensitive::mark(text, Lang::Zh, &mut found);
    }
    found.len()
}

fn main() -> Result<()> {
    let smoke = std::env::args().any(|a| a == "--test");
    let reps = if smoke { 1 } else { 11 };
    let mut reports = inputs::load_work_reports(&paths::work_reports())?.join("\n");
    if smoke {
        inputs::truncate_bytes(&mut reports, 200_000);
    }
    let sentences: Vec<&str> = inputs::sentences(&reports);
    let seeded = with_personal_data(&sentences);
    let texts = [
        ("work reports", reports.as_str()),
        ("reports + 3% personal data", seeded.as_str()),
    ];

    let screener = Screener::new().map_err(|e| e.to_string())?;
    screener.warm_up();
    let all = registry::default_detectors().map_err(|e| e.to_string())?;
    let new_ones = ["AddressDetector", "PersonNameDetector"];
    let is_new = |d: &dyn Detector| new_ones.iter().any(|n| format!("{d:?}").starts_with(n));
    let after: Vec<&dyn Detector> = all.iter().map(|d| &**d).collect();
    let before: Vec<&dyn Detector> = after.iter().copied().filter(|d| !is_new(*d)).collect();
    let added: Vec<&dyn Detector> = after.iter().copied().filter(|d| is_new(*d)).collect();
    if before.len() + 2 != after.len() {
        return Err(format!("expected 2 new detectors among {}", after.len()));
    }

    let mut table = String::from(
        "| input | MB | pipeline after (MB/s) | pipeline before (MB/s) | detectors before (MB/s) | detectors after (MB/s) | added work (ms) | findings |\n|---|---|---|---|---|---|---|---|\n",
    );
    let mut parts = String::from("\n| new detector alone | MB/s |\n|---|---|\n");
    for (name, text) in texts {
        let bytes = text.len();
        let (t_pipe, n) = min_of(reps, || screener.scan(text).findings.len());
        let (t_before, _) = min_of(reps, || detect(&before, text, false));
        let (t_after, _) = min_of(reps, || detect(&after, text, true));
        let (t_added, m) = min_of(reps, || detect(&added, text, true));
        let pipe_before = bytes as f64 / 1e6 / (t_pipe - t_added).max(1e-9);
        for d in &added {
            let (t, _) = min_of(reps, || detect(&[*d], text, false));
            let name = format!("{d:?}");
            let name = name.split([' ', '{']).next().unwrap_or("");
            parts.push_str(&format!("| {name} | {:.1} |\n", mbps(bytes, t)));
        }
        table.push_str(&format!(
            "| {name} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2} | {n} ({m} address/name) |\n",
            bytes as f64 / 1e6,
            mbps(bytes, t_pipe),
            pipe_before,
            mbps(bytes, t_before),
            mbps(bytes, t_after),
            t_added * 1e3,
        ));
    }
    table.push_str(&parts);
    table.push_str(&format!(
        "\nmin of {reps} runs each; pipeline before = bytes / (pipeline time − added work), both \
         timed in this run. {}\n",
        if smoke {
            "Smoke run: 200 kB, one run, figures meaningless."
        } else {
            ""
        }
    ));
    println!("{table}");
    let out = paths::out_dir();
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    std::fs::write(out.join("personal.md"), &table)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(())
}
