//! Reads JSON strings, one a line, on standard input and prints each one's report (the JSON
//! contract, one line) in order: the Rust side of the Python tests' comparison for texts with line
//! breaks, which the core's line-based `scan_jsonl` example cannot take.
//!
//! ```sh
//! printf '"绝密★10年\\n关于调整防空预案的通知"\n' | cargo run -q -p zhscreen-python --example report_json
//! ```

use std::io::{self, BufRead, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let screener = zhscreen::Screener::new()?;
    let mut out = BufWriter::new(io::stdout().lock());
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        let text: String = serde_json::from_str(&line)
            .map_err(|e| format!("line {}: not a JSON string: {e}", n + 1))?;
        writeln!(out, "{}", screener.scan(&text).to_json())?;
    }
    out.flush()?;
    Ok(())
}
