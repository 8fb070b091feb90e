//! Reads lines of text on standard input and prints one report (JSON, one line) per input line,
//! in order, an empty line included. Used by `tests/differential/pii_oracle.py`; with
//! `--redact` it prints `{"redacted": TEXT}` per line instead (`address_oracle.py`):
//!
//! ```sh
//! cargo run --release -p zhscreen --example scan_jsonl < sentences.txt > reports.jsonl
//! cargo run --release -p zhscreen --example scan_jsonl -- --redact < sentences.txt
//! ```

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let redact = std::env::args().any(|a| a == "--redact");
    let screener = zhscreen::Screener::new()?;
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let json = if redact {
            serde_json::json!({ "redacted": screener.redact(&line).text }).to_string()
        } else {
            serde_json::to_string(&screener.scan(&line))?
        };
        if let Err(e) = writeln!(out, "{json}") {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
