//! Scanning a large text in chunks on several threads, with the same report as one
//! [`Screener::scan`].
//!
//! The text is cut at line starts into chunks of about the requested size. Each chunk is scanned
//! together with a margin of whole lines on each side ([`CHUNK_MARGIN_BYTES`] or more), and keeps
//! only the findings that start inside it; their byte and char offsets are shifted to the whole
//! text, and the chunks' findings are concatenated in order.
//!
//! Why that gives exactly the findings of one scan: a line break is a clause break, so no term,
//! exception or counter-context word matches across it, and the whole-word and counter-context
//! checks stop at it (their window is the clause or the sentence). What looks beyond the line of
//! a finding is bounded and short: the detectors' context words, up to 12 characters (48 bytes)
//! before a value, and the ASCII edge and glue checks, one character on each side. The margin is
//! far wider than that, so a finding that starts inside a chunk is verified on exactly the text
//! it would see in one scan, and is merged with the same neighbours. A text without line breaks
//! is not cut (one chunk). `tests/parallel.rs` checks the reports are identical, on the cases and
//! the work reports, with chunks down to single lines.
//!
//! One check looks further, and is passed on: the frame of the text's headline (a `frame:` word
//! in the head of the first line caps the findings of the whole text, see `stance.rs`), which
//! each chunk that does not start the text receives from `Screener::post_frame`.
//!
//! A checker added to the pipeline must keep to that locality (nothing beyond its line but
//! [`CHUNK_MARGIN_BYTES`] of context), or this module must learn of it.

use crate::report::{Finding, Report};
use crate::screener::Screener;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Texts below this size are scanned in one piece by [`Screener::scan_parallel`]: the gain of a
/// second thread would be a fraction of a millisecond.
pub const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// The smallest chunk [`Screener::scan_parallel`] cuts: each chunk rescans
/// [`CHUNK_MARGIN_BYTES`] on either side and looks up the text's headline.
pub const PARALLEL_CHUNK_MIN_BYTES: usize = 256 << 10;

/// How many chunks [`Screener::scan_parallel`] cuts per thread.
const CHUNKS_PER_THREAD: usize = 8;

/// The context, in bytes of whole lines, scanned on each side of a chunk along with it.
pub const CHUNK_MARGIN_BYTES: usize = 1024;

impl Screener {
    /// Screens `text` like [`Screener::scan`], on up to `threads` threads when the text is large
    /// (at least [`PARALLEL_MIN_BYTES`]): the report is identical, findings, offsets and verdict.
    /// The text is cut at line starts into chunks of about the same size, eight per thread (and
    /// at least [`PARALLEL_CHUNK_MIN_BYTES`] each), taken by the threads as they finish the
    /// previous one: a thread slowed by other work on the machine takes fewer; see
    /// [`Screener::scan_chunked`].
    ///
    /// ```
    /// let screener = zhscreen::Screener::new()?;
    /// let text = "出售海洛因，同城送货。\n".repeat(100_000);
    /// let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    /// assert_eq!(screener.scan_parallel(&text, threads), screener.scan(&text));
    /// # Ok::<(), zhscreen::Error>(())
    /// ```
    pub fn scan_parallel(&self, text: &str, threads: usize) -> Report {
        if threads <= 1 || text.len() < PARALLEL_MIN_BYTES {
            return self.scan(text);
        }
        let chunk_bytes = text
            .len()
            .div_ceil(threads * CHUNKS_PER_THREAD)
            .max(PARALLEL_CHUNK_MIN_BYTES);
        self.scan_chunked(text, chunk_bytes, threads)
    }

    /// Screens `text` in chunks of about `chunk_bytes` (each cut at the first line start at or
    /// after that size; a text or a stretch without line breaks stays whole), on up to `threads`
    /// threads (`0` counts as one). Each chunk is scanned with [`CHUNK_MARGIN_BYTES`] or more of
    /// whole lines on each side as context, and keeps the findings that start inside it. The
    /// report is identical to [`Screener::scan`]'s (see the module docs for why).
    ///
    /// ```
    /// let screener = zhscreen::Screener::new()?;
    /// let text = "公告：\n身份证号：\n110108199003071238\n出售海洛因。\n";
    /// // Chunks of one line each: the ID number's context word is on the line before.
    /// assert_eq!(screener.scan_chunked(text, 1, 2), screener.scan(text));
    /// # Ok::<(), zhscreen::Error>(())
    /// ```
    pub fn scan_chunked(&self, text: &str, chunk_bytes: usize, threads: usize) -> Report {
        let cuts = cut_points(text, chunk_bytes.max(1));
        if cuts.len() <= 2 {
            return self.scan(text);
        }
        let chunks = cuts.len() - 1;
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= chunks {
                    break;
                }
                done.push((i, self.scan_chunk(text, cuts[i], cuts[i + 1])));
            }
            done
        };
        let mut results: Vec<Option<Chunk>> = (0..chunks).map(|_| None).collect();
        let threads = threads.clamp(1, chunks);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut all = work();
            for h in handles {
                match h.join() {
                    Ok(done) => all.extend(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            for (i, chunk) in all {
                results[i] = Some(chunk);
            }
        });
        let mut findings = Vec::new();
        let mut sign_off = crate::SignOff::default();
        let mut chars_before = 0;
        for chunk in results.into_iter().flatten() {
            findings.extend(chunk.findings.into_iter().map(|mut f| {
                f.char_start += chars_before;
                f.char_end += chars_before;
                f
            }));
            // The first occurrence of each routing word, as one scan keeps it: the chunk holding
            // it has no earlier one in its margin.
            for mut r in chunk.reasons {
                if sign_off.reasons.iter().all(|k| k.rule != r.rule) {
                    r.char_start += chars_before;
                    r.char_end += chars_before;
                    sign_off.level = sign_off.level.max(r.level);
                    sign_off.reasons.push(r);
                }
            }
            chars_before += chunk.chars;
        }
        let mut report = Report::new(findings, self.ruleset().clone());
        report.sign_off = sign_off;
        report
    }

    /// The findings that start in `start..end`, with byte offsets in the whole text and char
    /// offsets from `start`; and the chars of `start..end`.
    fn scan_chunk(&self, text: &str, start: usize, end: usize) -> Chunk {
        let from = line_start_before(text, start.saturating_sub(CHUNK_MARGIN_BYTES));
        let to = line_start_after(text, end.saturating_add(CHUNK_MARGIN_BYTES));
        let margin_chars = count_chars(&text[from..start]);
        // A chunk that does not start the text is framed by the text's headline (stance.rs).
        let post = (from > 0).then(|| self.post_frame(text));
        let report = self.scan_framed(&text[from..to], post);
        let reasons = report
            .sign_off
            .reasons
            .into_iter()
            .filter(|r| (start..end).contains(&(r.start + from)))
            .map(|mut r| {
                r.start += from;
                r.end += from;
                r.char_start -= margin_chars;
                r.char_end -= margin_chars;
                r
            })
            .collect();
        let findings = report
            .findings
            .into_iter()
            .filter(|f| (start..end).contains(&(f.start + from)))
            .map(|mut f| {
                f.start += from;
                f.end += from;
                f.char_start -= margin_chars;
                f.char_end -= margin_chars;
                f
            })
            .collect();
        Chunk {
            findings,
            reasons,
            chars: count_chars(&text[start..end]),
        }
    }
}

/// One chunk's part of the report.
struct Chunk {
    findings: Vec<Finding>,
    reasons: Vec<crate::SignOffReason>,
    chars: usize,
}

/// `0`, the line starts that end chunks of at least `chunk_bytes`, and `text.len()`.
fn cut_points(text: &str, chunk_bytes: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut at = 0;
    while text.len() - at > chunk_bytes {
        let cut = line_start_after(text, at + chunk_bytes);
        if cut >= text.len() {
            break;
        }
        cuts.push(cut);
        at = cut;
    }
    cuts.push(text.len());
    cuts
}

/// The start of the line holding byte `pos` (`pos` itself if a line starts there).
fn line_start_before(text: &str, pos: usize) -> usize {
    if pos == 0 {
        return 0;
    }
    memchr::memrchr(b'\n', &text.as_bytes()[..pos]).map_or(0, |i| i + 1)
}

/// The first line start at or after byte `pos`, or the end of the text.
fn line_start_after(text: &str, pos: usize) -> usize {
    if pos >= text.len() {
        return text.len();
    }
    if pos > 0 && text.as_bytes()[pos - 1] == b'\n' {
        return pos;
    }
    memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i + 1)
}

/// Unicode scalar values in `s`: its bytes that are not UTF-8 continuation bytes.
fn count_chars(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_at_line_starts() {
        let text = "一二三\n四五\n\n六七八九\n十";
        let cuts = cut_points(text, 1);
        assert_eq!(cuts.first(), Some(&0));
        assert_eq!(cuts.last(), Some(&text.len()));
        for &c in &cuts[1..cuts.len() - 1] {
            assert_eq!(text.as_bytes()[c - 1], b'\n');
        }
        assert_eq!(cuts.len(), 6);
        assert_eq!(cut_points(text, 1000), vec![0, text.len()]);
        assert_eq!(
            cut_points("没有换行的一段话", 1),
            vec![0, "没有换行的一段话".len()]
        );
        assert_eq!(cut_points("", 1), vec![0, 0]);
    }

    #[test]
    fn line_starts() {
        let text = "ab\ncd\n";
        assert_eq!(line_start_before(text, 4), 3);
        assert_eq!(line_start_before(text, 3), 3);
        assert_eq!(line_start_before(text, 1), 0);
        assert_eq!(line_start_after(text, 1), 3);
        assert_eq!(line_start_after(text, 3), 3);
        assert_eq!(line_start_after(text, 5), 6);
        assert_eq!(line_start_after(text, 9), 6);
        assert_eq!(count_chars("a中b"), 3);
    }
}
