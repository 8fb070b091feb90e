//! `/v1/scan` of the review desk (`zhscreen serve`) against the in-process `Screener::scan` of
//! the same 120-character posts, in the same run: scans per second, p50 and p99 latency, with 8
//! concurrent keep-alive clients over loopback. Prints a table and writes it to
//! `target/zhscreen-bench/desk.md` (raw figures in `desk.json`).
//!
//! `cargo bench -p zhscreen-benches --bench desk` (about a minute after compiling);
//! `-- --test` runs a few requests only (the smoke run: checks the answers, times nothing).

#![allow(clippy::print_stdout, clippy::print_stderr)] // a benchmark reports on the terminal

use std::sync::Arc;
use std::time::{Duration, Instant};
use zhscreen_benches::inputs::{self, Generator, SEED};
use zhscreen_benches::paths;

const CLIENTS: usize = 8;
const POSTS: usize = 1000;

struct Figures {
    name: String,
    scans: usize,
    seconds: f64,
    p50_us: f64,
    p99_us: f64,
}

impl Figures {
    fn new(name: &str, mut latencies: Vec<Duration>, wall: Duration) -> Figures {
        latencies.sort();
        let at = |q: f64| {
            let i = ((latencies.len() as f64 - 1.0) * q).round() as usize;
            latencies[i].as_secs_f64() * 1e6
        };
        Figures {
            name: name.to_string(),
            scans: latencies.len(),
            seconds: wall.as_secs_f64(),
            p50_us: at(0.50),
            p99_us: at(0.99),
        }
    }

    fn per_second(&self) -> f64 {
        self.scans as f64 / self.seconds
    }
}

/// Runs `work(client, i)` for i in 0..per_client on `clients` threads; latencies of each call.
fn concurrent(
    clients: usize,
    per_client: usize,
    limit: Duration,
    work: impl Fn(usize, usize) + Sync,
) -> (Vec<Duration>, Duration) {
    let start = Instant::now();
    let lat = std::thread::scope(|s| {
        let hs: Vec<_> = (0..clients)
            .map(|c| {
                let work = &work;
                s.spawn(move || {
                    let mut lat = Vec::with_capacity(per_client);
                    for i in 0..per_client {
                        if start.elapsed() > limit {
                            break;
                        }
                        let t = Instant::now();
                        work(c, i);
                        lat.push(t.elapsed());
                    }
                    lat
                })
            })
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().expect("client thread"))
            .collect::<Vec<_>>()
    });
    (lat, start.elapsed())
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--test");
    let per_client = if smoke { 20 } else { 3000 };
    let limit = Duration::from_secs(if smoke { 60 } else { 120 });

    let texts = inputs::load_work_reports(&paths::work_reports()).unwrap_or_else(|e| {
        eprintln!("desk bench: {e} (set ZHSCREEN_SHARED)");
        std::process::exit(2)
    });
    let joined = texts.join("\n\n");
    let sentences = inputs::sentences(&joined);
    let terms = zhscreen_benches::dict::default_terms().expect("default terms");
    let mut g = Generator::new(SEED + 15, &sentences, &terms);
    let posts: Vec<String> = (0..POSTS).map(|_| g.post(120)).collect();
    let bodies: Vec<String> = posts
        .iter()
        .map(|p| serde_json::json!({ "text": p }).to_string())
        .collect();

    let screener = zhscreen::Screener::new().expect("default rules");
    screener.warm_up();
    let expected: Vec<String> = posts.iter().map(|p| screener.scan(p).to_json()).collect();

    // The desk, in this process, on a free loopback port, with a database of its own.
    let dir = tempfile::tempdir().expect("temp dir");
    let store = zhscreen_desk::Store::open(dir.path().join("bench.db")).expect("database");
    let (_, token) = zhscreen_desk::users::add(
        &store,
        "bench",
        zhscreen_desk::workflow::Role::Editor,
        zhscreen_desk::users::CLI_ACTOR,
    )
    .expect("user");
    let desk = Arc::new(zhscreen_desk::Desk::new(
        screener.clone(),
        store,
        zhscreen_desk::Options::default(),
    ));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind loopback");
    let url = format!("http://{}/v1/scan", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = rt.spawn(zhscreen_desk::serve(listener, desk, async {
        let _ = stopped.await;
    }));

    let agents: Vec<ureq::Agent> = (0..CLIENTS)
        .map(|_| {
            ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .into()
        })
        .collect();
    let auth = format!("Bearer {token}");
    let post = |c: usize, i: usize| {
        let k = (c * 7919 + i) % POSTS;
        let mut res = agents[c]
            .post(&url)
            .header("Authorization", &auth)
            .header("Content-Type", "application/json")
            .send(bodies[k].as_bytes())
            .expect("answered");
        let body = res.body_mut().read_to_string().expect("body");
        assert_eq!(body, expected[k], "the desk answers the library's report");
    };
    // Warm-up: connections open, caches filled.
    concurrent(CLIENTS, 50, limit, post);

    let (lat, wall) = concurrent(CLIENTS, per_client, limit, post);
    let http = Figures::new("`POST /v1/scan`, 8 keep-alive clients", lat, wall);
    let (lat, wall) = concurrent(CLIENTS, per_client, limit, |c, i| {
        std::hint::black_box(screener.scan(&posts[(c * 7919 + i) % POSTS]));
    });
    let local8 = Figures::new("in-process `scan`, 8 threads", lat, wall);
    let (lat, wall) = concurrent(1, per_client, limit, |_, i| {
        std::hint::black_box(screener.scan(&posts[i % POSTS]));
    });
    let local1 = Figures::new("in-process `scan`, 1 thread", lat, wall);

    let _ = stop.send(());
    let _ = rt.block_on(server);

    if smoke {
        println!(
            "desk bench (smoke): {} requests answered with the library's reports",
            http.scans
        );
        return;
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut table = String::new();
    table.push_str(&format!(
        "120-character posts ({POSTS} distinct, generated from the work reports), {} cores, load {}\n\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    ));
    table.push_str("| path | scans | scans/s | p50 µs | p99 µs |\n|---|---:|---:|---:|---:|\n");
    for f in [&http, &local8, &local1] {
        table.push_str(&format!(
            "| {} | {} | {:.0} | {:.0} | {:.0} |\n",
            f.name,
            f.scans,
            f.per_second(),
            f.p50_us,
            f.p99_us
        ));
    }
    table.push_str(&format!(
        "\nHTTP / in-process (8 threads) throughput: {:.2}x; HTTP p50 / in-process p50 (1 thread): {:.1}x\n",
        http.per_second() / local8.per_second(),
        http.p50_us / local1.p50_us
    ));
    print!("{table}");
    let out = paths::out_dir();
    let _ = std::fs::create_dir_all(&out);
    let json = serde_json::json!([&http, &local8, &local1]
        .iter()
        .map(|f| serde_json::json!({"path": f.name, "scans": f.scans, "seconds": f.seconds,
                                    "per_second": f.per_second(), "p50_us": f.p50_us, "p99_us": f.p99_us}))
        .collect::<Vec<_>>());
    let _ = std::fs::write(out.join("desk.md"), &table);
    let _ = std::fs::write(out.join("desk.json"), json.to_string());
}
