//! The reading half of the `zhscreen` command: bytes of a file or of standard input → decoded
//! text (UTF-8, UTF-16 with a byte-order mark, GBK/GB18030) → the text that is screened (plain
//! text and Markdown as they are, the visible text of an HTML page, the paragraphs of a .docx),
//! and the way back from a finding's offsets to the line and column a reader finds it at.
//!
//! It is a library so that the fuzzer (`fuzz/fuzz_targets/cli_input.rs`) can feed it any file;
//! the command (`src/main.rs`) is its only other user, and it is not a stable API.
//!
//! ```
//! use zhscreen_cli::input::{from_bytes, Format};
//!
//! let page = "<p>各单位要再接再<b>励</b></p>";
//! let doc = from_bytes("通知.html", Some(Format::Html), page.into()).unwrap();
//! assert_eq!((doc.format, doc.text.as_str()), (Format::Html, "各单位要再接再励"));
//! let screener = zhscreen::Screener::new().unwrap();
//! let f = &screener.scan(&doc.text).findings[0];
//! let loc = doc.locate(f.start, f.end, f.char_start, f.char_end);
//! assert_eq!((loc.line, loc.col, loc.end_col), (1, 8, 15)); // columns of the page source
//! doc.check_locations(&screener.scan(&doc.text)).unwrap();
//! ```

pub mod input;
