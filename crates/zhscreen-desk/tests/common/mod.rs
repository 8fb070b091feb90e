//! A desk on a loopback port for the tests, with one user of each role, and an HTTP client.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use zhscreen_desk::users::{self, CLI_ACTOR};
use zhscreen_desk::workflow::Role;
use zhscreen_desk::{Desk, Options, Store};

pub struct Server {
    pub base: String,
    pub db: PathBuf,
    pub editor: String,
    pub editor2: String,
    pub secrecy: String,
    pub head: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

/// Reads an upload as UTF-8 text (the CLI passes its own reading path; the CLI's tests cover it).
pub fn utf8_reader() -> zhscreen_desk::Reader {
    Arc::new(|name: &str, bytes: Vec<u8>| {
        if !name.ends_with(".txt") {
            return Err(format!("unsupported format: {name}"));
        }
        String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))
    })
}

pub fn start(max_body: usize) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("review.db");
    let store = Store::open(&db).unwrap();
    let token = |name: &str, role| users::add(&store, name, role, CLI_ACTOR).unwrap().1;
    let editor = token("张编辑", Role::Editor);
    let editor2 = token("赵编辑", Role::Editor);
    let secrecy = token("李保密", Role::Secrecy);
    let head = token("王主任", Role::Head);
    let options = Options {
        max_body,
        reader: Some(utf8_reader()),
    };
    let desk = Arc::new(Desk::new(
        zhscreen::Screener::new().unwrap(),
        store,
        options,
    ));
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            zhscreen_desk::serve(listener, desk, async move {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
    });
    let addr = addr_rx.recv().unwrap();
    Server {
        base: format!("http://{addr}"),
        db,
        editor,
        editor2,
        secrecy,
        head,
        stop: Some(stop),
        thread: Some(thread),
        _dir: dir,
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .build()
        .into()
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

fn answer(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    read(res.expect("the request reached the server"))
}

/// A response's status, headers (lossy as text) and body.
pub fn read(mut res: ureq::http::Response<ureq::Body>) -> Answer {
    let headers = res
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    Answer {
        status: res.status().as_u16(),
        headers,
        body: res.body_mut().read_to_string().unwrap_or_default(),
    }
}

impl Server {
    pub fn get(&self, path: &str, token: Option<&str>) -> Answer {
        let mut req = agent().get(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        answer(req.call())
    }

    pub fn send(&self, method: &str, path: &str, token: Option<&str>, body: &[u8]) -> Answer {
        let url = format!("{}{path}", self.base);
        let a = agent();
        let mut req = match method {
            "POST" => a.post(url),
            "PUT" => a.put(url),
            other => panic!("{other}"),
        };
        req = req.header("Content-Type", "application/json");
        if let Some(t) = token {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        answer(req.send(body))
    }

    pub fn post(&self, path: &str, token: &str, body: serde_json::Value) -> Answer {
        self.send("POST", path, Some(token), body.to_string().as_bytes())
    }

    pub fn put(&self, path: &str, token: &str, body: serde_json::Value) -> Answer {
        self.send("PUT", path, Some(token), body.to_string().as_bytes())
    }

    /// Signs a stage; returns the answer.
    pub fn sign(&self, id: i64, token: &str, stage: &str, decision: &str, opinion: &str) -> Answer {
        self.post(
            &format!("/v1/drafts/{id}/sign"),
            token,
            serde_json::json!({"stage": stage, "decision": decision, "opinion": opinion}),
        )
    }

    pub fn verify(&self) -> Result<zhscreen_desk::audit::Verified, zhscreen_desk::audit::Broken> {
        let store = Store::open_existing(&self.db).unwrap();
        store.read(zhscreen_desk::audit::verify).unwrap()
    }
}
