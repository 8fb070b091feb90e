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

/// The text to screen of an uploaded file (the review desk's page): the format from the name's
/// extension (.txt, .md, .html, .docx; unknown ones are sniffed), then the reading path of
/// `zhscreen scan`. An error is one line naming what is wrong, in `lang` (the person uploading
/// reads it on the page).
pub fn read_upload(name: &str, bytes: Vec<u8>, lang: zhscreen::Lang) -> Result<String, String> {
    input::format_from_extension(std::path::Path::new(name))
        .and_then(|hinted| input::from_bytes(name, hinted, bytes))
        .map(|doc| doc.text)
        .map_err(|problem| input::describe(&problem, lang))
}

#[cfg(test)]
mod tests {
    use super::read_upload;
    use zhscreen::Lang;

    #[test]
    fn uploads_are_read_like_scanned_files() {
        let page = "<html><body><p>各单位要再接再<b>励</b></p><script>x()</script></body></html>";
        assert_eq!(
            read_upload("通知.html", page.into(), Lang::Zh).unwrap(),
            "各单位要再接再励"
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("政务公开");
        assert_eq!(
            read_upload("稿件.txt", gbk.into_owned(), Lang::Zh).unwrap(),
            "政务公开"
        );
        let e = read_upload("报表.xls", b"x".to_vec(), Lang::En).unwrap_err();
        assert!(e.contains("unsupported format .xls"), "{e}");
        let e = read_upload("稿件.docx", b"not a zip".to_vec(), Lang::En).unwrap_err();
        assert!(e.contains("not a .docx file"), "{e}");
        let e = read_upload("报表.xls", b"x".to_vec(), Lang::Zh).unwrap_err();
        assert_eq!(e, "不支持 .xls 格式：请将文字导出为 .docx 或 .txt 后再审核");
    }
}
