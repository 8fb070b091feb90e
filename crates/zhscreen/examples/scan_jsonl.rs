//! Reads lines of text on standard input and prints one report (JSON, one line) per input line,
//! in order, an empty line included. Used by `tests/differential/pii_oracle.py`:
//!
//! ```sh
//! cargo run --release -p zhscreen --example scan_jsonl < sentences.txt > reports.jsonl
//! ```

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let screener = zhscreen::Screener::new()?;
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let report = screener.scan(&line);
        let json = serde_json::to_string(&report)?;
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
