//! `zhscreen serve`, `users` and `audit` as processes over loopback: tokens on stdout, exit
//! statuses, SIGTERM, and `kill -9` during a burst of sign-offs (no acknowledged event lost, a
//! chain that verifies, a restart that picks up where it was).

mod common;

use common::bin;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run zhscreen")
}

fn add_user(db: &Path, name: &str, role: &str) -> String {
    let o = run(&[
        "users",
        "add",
        "--db",
        db.to_str().unwrap(),
        "--name",
        name,
        "--role",
        role,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "one line: {out}");
    out.trim().to_string()
}

struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `zhscreen serve` on a free loopback port and waits for its "listening on" line.
fn serve(db: &Path) -> Served {
    let mut child = bin()
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--db",
            db.to_str().unwrap(),
        ])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn zhscreen serve");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let line = lines.next().expect("a line").expect("readable");
    let base = line
        .split("listening on ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Served { child, base }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn call(
    base: &str,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Result<(u16, Value), ureq::Error> {
    let a = agent();
    let url = format!("{base}{path}");
    let auth = format!("Bearer {token}");
    let mut res = match (method, body) {
        ("GET", _) => a.get(url).header("Authorization", auth).call()?,
        ("POST", Some(b)) => a.post(url).header("Authorization", auth).send_json(b)?,
        ("PUT", Some(b)) => a.put(url).header("Authorization", auth).send_json(b)?,
        other => panic!("{other:?}"),
    };
    let status = res.status().as_u16();
    let v: Value = res.body_mut().read_json()?;
    Ok((status, v))
}

/// `GET /v1/drafts/{id}`: status and the draft.
fn get_draft(base: &str, id: i64, token: &str) -> (u16, Value) {
    call(base, "GET", &format!("/v1/drafts/{id}"), token, None).expect("GET the draft")
}

#[test]
fn users_commands_and_their_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let d = db.to_str().unwrap();
    let token = add_user(&db, "张编辑", "editor");
    assert!(
        token.starts_with("zhs_1_") && token.len() == 6 + 64,
        "{token}"
    );
    add_user(&db, "李保密", "secrecy");
    let o = run(&[
        "users",
        "add",
        "--db",
        d,
        "--name",
        "张编辑",
        "--role",
        "head",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    let o = run(&["users", "add", "--db", d, "--name", "x", "--role", "chief"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["users", "disable", "--db", d, "--name", "李保密"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["users", "disable", "--db", d, "--name", "无此人"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no user named \"无此人\""));
    let o = run(&["users", "list", "--db", d]);
    let list = String::from_utf8(o.stdout).unwrap();
    assert!(list.contains("1\t张编辑\teditor\tactive\t"), "{list}");
    assert!(list.contains("2\t李保密\tsecrecy\tdisabled\t"), "{list}");
    assert!(!list.contains(&token[6..]), "the token is not listed");
    let o = run(&[
        "users",
        "list",
        "--db",
        dir.path().join("none.db").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no such database"));
}

#[test]
fn audit_verify_exits_1_naming_the_altered_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let d = db.to_str().unwrap();
    add_user(&db, "张编辑", "editor");
    add_user(&db, "李保密", "secrecy");
    add_user(&db, "王主任", "head");
    let o = run(&["audit", "verify", "--db", d]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("audit chain intact: 3 events, head "));
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "DROP TRIGGER events_are_never_updated; UPDATE events SET data = replace(data, 'secrecy', 'head') WHERE id = 2;",
    )
    .unwrap();
    drop(c);
    let o = run(&["audit", "verify", "--db", d]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("audit chain broken at event 2:"), "{err}");
}

#[test]
fn sigterm_stops_the_server_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let t = add_user(&db, "张编辑", "editor");
    let mut s = serve(&db);
    let (status, _) = call(
        &s.base,
        "POST",
        "/v1/scan",
        &t,
        Some(json!({"text": "再接再励"})),
    )
    .unwrap();
    assert_eq!(status, 200);
    // A large scan in flight when SIGTERM comes is answered before the server exits. "In
    // flight" is known, not guessed by a sleep: the request asks `Expect: 100-continue`, and
    // the server's "100 Continue" says it has taken the request and its handler is reading the
    // body; SIGTERM is sent then, and the body after it.
    let text = "各单位要再接再励，联系电话13800138000。".repeat(12_000);
    let body = json!({ "text": text }).to_string();
    let conn = RawRequest::start(&s.base, "/v1/scan", &t, body.len());
    let pid = s.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let (status, report) = conn.finish(body.as_bytes());
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["findings"].as_array().unwrap().len(), 24_000);
    let started = Instant::now();
    loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            assert_eq!(st.code(), Some(0));
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "still running 60 s after SIGTERM and its last answer"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A POST written by hand over TCP, so that the test knows when the server has taken it: it
/// asks `Expect: 100-continue` and `start` returns once the server answers "100 Continue".
struct RawRequest {
    stream: std::net::TcpStream,
}

impl RawRequest {
    /// Sends the head of a JSON POST of `len` bytes to `base` + `path` and waits (up to 60 s)
    /// for "100 Continue".
    fn start(base: &str, path: &str, token: &str, len: usize) -> RawRequest {
        let host = base.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(host).expect("connect to the server");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {len}\r\n\
             Expect: 100-continue\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let head = read_head(&mut stream);
        assert!(
            head.starts_with("HTTP/1.1 100"),
            "want 100 Continue, got {head:?}"
        );
        RawRequest { stream }
    }

    /// Sends the body and reads the answer to its end: status and JSON body.
    fn finish(mut self, body: &[u8]) -> (u16, Value) {
        self.stream.write_all(body).expect("send the body");
        let mut answer = Vec::new();
        self.stream
            .read_to_end(&mut answer)
            .expect("read the answer");
        let text = String::from_utf8(answer).expect("a UTF-8 answer");
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no end of head in {text:?}"));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        assert!(
            !head
                .to_ascii_lowercase()
                .contains("transfer-encoding: chunked"),
            "a JSON answer has a length: {head}"
        );
        let v = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body:.200}"));
        (status, v)
    }
}

/// Reads up to the blank line that ends a response head, byte by byte (no read past it).
fn read_head(stream: &mut std::net::TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            Ok(_) => panic!("closed after {:?}", String::from_utf8_lossy(&head)),
            Err(e) => panic!("{e} after {:?}", String::from_utf8_lossy(&head)),
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

#[test]
fn kill_9_during_sign_offs_loses_no_acknowledged_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let editor = add_user(&db, "张编辑", "editor");
    let secrecy = add_user(&db, "李保密", "secrecy");
    let head = add_user(&db, "王主任", "head");
    let mut served = serve(&db);
    let base = served.base.clone();
    const DRAFTS: usize = 40;
    let ids: Vec<i64> = (0..DRAFTS)
        .map(|i| {
            let body = json!({"title": format!("稿件{i}"), "platform": "门户网站", "text": "市政府召开常务会议。"});
            let (st, v) = call(&base, "POST", "/v1/drafts", &editor, Some(body)).unwrap();
            assert_eq!(st, 201);
            v["id"].as_i64().unwrap()
        })
        .collect();
    // Three reviewers sign as fast as they can; every acknowledged sign-off is noted.
    let acked: Arc<Mutex<Vec<(i64, String, i64)>>> = Arc::default(); // (draft, stage, event id)
    let workers: Vec<_> = [
        (editor.clone(), "first"),
        (secrecy.clone(), "second"),
        (head.clone(), "final"),
    ]
    .into_iter()
    .map(|(token, stage)| {
        let (base, ids, acked) = (base.clone(), ids.clone(), Arc::clone(&acked));
        std::thread::spawn(move || {
            let mut pending = ids;
            for _round in 0..500 {
                if pending.is_empty() {
                    return;
                }
                let mut keep = Vec::new();
                for id in pending {
                    let body = json!({"stage": stage, "decision": "approve", "opinion": "同意"});
                    match call(
                        &base,
                        "POST",
                        &format!("/v1/drafts/{id}/sign"),
                        &token,
                        Some(body),
                    ) {
                        Ok((200, v)) => acked.lock().unwrap().push((
                            id,
                            stage.to_string(),
                            v["event"]["id"].as_i64().unwrap(),
                        )),
                        Ok((409, _)) => keep.push(id),
                        Ok((st, v)) => panic!("{st}: {v}"),
                        Err(_) => return, // the server is gone
                    }
                }
                pending = keep;
            }
        })
    })
    .collect();
    // Kill it in the middle of the burst.
    let started = Instant::now();
    while acked.lock().unwrap().len() < 30 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    served.child.kill().unwrap(); // SIGKILL
    served.child.wait().unwrap();
    for w in workers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 30,
        "{} sign-offs before the kill",
        acked.len()
    );
    assert!(
        acked.len() < 3 * DRAFTS,
        "killed before the end of the burst"
    );

    let o = run(&["audit", "verify", "--db", db.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Restart: every acknowledged sign-off is there, and the work goes on to the end.
    let served = serve(&db);
    for (id, stage, event) in &acked {
        let (st, d) = get_draft(&served.base, *id, &editor);
        assert_eq!(st, 200);
        let sigs = d["versions"][0]["signatures"].as_array().unwrap();
        assert!(
            sigs.iter()
                .any(|s| s["stage"] == stage.as_str() && s["event_id"] == *event),
            "draft {id} lost its {stage} sign-off (event {event})"
        );
    }
    for id in &ids {
        for (token, stage) in [(&editor, "first"), (&secrecy, "second"), (&head, "final")] {
            let (_, d) = get_draft(&served.base, *id, token);
            let done = d["versions"][0]["signatures"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["stage"] == stage);
            if !done {
                let body = json!({"stage": stage, "decision": "approve", "opinion": "同意"});
                let (st, v) = call(
                    &served.base,
                    "POST",
                    &format!("/v1/drafts/{id}/sign"),
                    token,
                    Some(body),
                )
                .unwrap();
                assert_eq!(st, 200, "{v}");
            }
        }
        let (_, d) = get_draft(&served.base, *id, &editor);
        assert_eq!(d["state"], "approved");
    }
    drop(served);
    let o = run(&["audit", "verify", "--db", db.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    let expected = 3 + DRAFTS * 2 + DRAFTS * 3;
    assert!(out.contains(&format!("intact: {expected} events")), "{out}");
}
