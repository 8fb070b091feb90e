//! Near-miss alignment: where a formulation stands in a short window of text, and with which
//! edits (optimal string alignment: substitution, insertion, deletion, adjacent swap), under the
//! checker's rules of what counts as a typo.
//!
//! The window is a few characters wider than the formulation on each side, found by an exact
//! piece of it (see `mod.rs`), so the work per hit is bounded by the formulation's length.

use super::confusables;

/// What one edit did, at a position of the formulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EditKind {
    /// The text has another character.
    Sub,
    /// The text has an extra character before this position.
    Ins,
    /// The text lacks this character.
    Del,
    /// The text has this character and the next one swapped.
    Swap,
}

/// One edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edit {
    pub(crate) kind: EditKind,
    /// Position in the formulation (characters, punctuation removed).
    pub(crate) pos: usize,
    /// Whether a substitution is by a confusable character.
    pub(crate) confusable: bool,
}

/// The best alignment found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alignment {
    /// First window character of the span.
    pub(crate) start: usize,
    /// One past the last window character of the span.
    pub(crate) end: usize,
    pub(crate) edits: Vec<Edit>,
}

/// Punctuation a formulation may be written with or without (不忘初心、牢记使命 / 不忘初心，牢记使命
/// / 不忘初心 牢记使命): skipped at no cost inside a span.
pub(crate) fn is_soft_punct(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | ','
            | '“'
            | '”'
            | '‘'
            | '’'
            | '"'
            | '\''
            | '「'
            | '」'
            | '『'
            | '』'
            | '·'
            | '《'
            | '》'
    )
}

/// Particles and conjunctions written inside a formulation in running text (中国特色的社会主义,
/// 全心全意地为人民服务, 党的领导、人民当家作主和依法治国的有机统一), or left out of it
/// (实现中华民族伟大复兴中国梦): free inside a span.
fn is_particle(c: char) -> bool {
    matches!(c, '的' | '地' | '之' | '和' | '与' | '及')
}

/// Numerals never substitute for each other: 三个自信 is history, 四个全面 is not a typo of
/// 五个全面 (a numeral for a homophone is: 金三银山).
pub(crate) fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '两'
            | '百'
            | '千'
            | '万'
            | '零'
            | '〇'
    ) || c.is_ascii_digit()
}

const INF: u16 = u16::MAX / 2;

/// The first test of a piece hit, on the folded text itself. On each side of the piece `s..e`
/// that the formulation goes on, take its next `m` characters (`m` up to 6; soft
/// punctuation and particles skipped): at least `m - k` of them must come within the next `m + k`
/// characters of the text (skipped alike). Each of `k` edits loses at most one of them (a swap
/// loses none) and adds at most one character before them, so this holds for every near miss;
/// most piece hits in another phrase of the same family (中国特色社会主义道路 for
/// 中国特色社会主义理论体系) fail it at once.
pub(crate) fn sides_plausible(
    ft: &str,
    s: usize,
    e: usize,
    kept: &[(u16, char)],
    off: usize,
    plen: usize,
    k: usize,
) -> bool {
    let m = 6;
    let r = kept.partition_point(|x| (x.0 as usize) < off + plen);
    let right = &kept[r..(r + m).min(kept.len())];
    let l = kept.partition_point(|x| (x.0 as usize) < off);
    let left = &kept[l.saturating_sub(m)..l];
    side_plausible(right, ft[e..].chars(), k) && side_plausible(left, ft[..s].chars().rev(), k)
}

/// The characters of a formulation that are neither soft punctuation nor particles, with their
/// positions: what [`sides_plausible`] looks for.
pub(crate) fn kept_chars(pat: &[char]) -> Vec<(u16, char)> {
    pat.iter()
        .enumerate()
        .filter(|(_, c)| !is_soft_punct(**c) && !is_particle(**c))
        .map(|(i, c)| (i as u16, *c))
        .collect()
}

/// One side of [`sides_plausible`]: `want` the formulation's nearest characters on that side,
/// `text` the text's going away from the piece.
#[inline]
fn side_plausible(want: &[(u16, char)], text: impl Iterator<Item = char>, k: usize) -> bool {
    let m = want.len();
    if m == 0 {
        return true;
    }
    let keep = |c: &char| {
        if ('\u{4e00}'..='\u{9fff}').contains(c) {
            !is_particle(*c)
        } else {
            !is_soft_punct(*c)
        }
    };
    let mut t = ['\0'; 8];
    let mut tn = 0;
    for c in text.filter(keep).take((m + k).min(t.len())) {
        t[tn] = c;
        tn += 1;
    }
    let found = want.iter().filter(|c| t[..tn].contains(&c.1)).count();
    found + k >= m
}

/// A necessary condition for [`align`] to find a near miss, in a few comparisons: `pat[off..off +
/// plen]` stands intact at `win[pi..]`; every other character of `pat` but `k` (each edit loses
/// at most one; particles may be missing) must stand near its place, a little shifted by the
/// edits, punctuation and particles.
/// Most piece hits are in another phrase (社会主义市场经济 for 社会主义核心价值观) and fail it, so
/// the alignment runs rarely.
pub(crate) fn plausible(
    pat: &[char],
    win: &[char],
    pi: usize,
    off: usize,
    plen: usize,
    k: usize,
) -> bool {
    let n = pat.len();
    let rest = n.saturating_sub(plen);
    let (lo, hi) = (k, k + 2);
    let mut missing = 0;
    let found = |at: isize, p: char, before: bool| -> bool {
        // After the piece text may be shifted right (insertions, punctuation); before it, left.
        let (a, b) = if before {
            (at - hi as isize, at + lo as isize)
        } else {
            (at - lo as isize, at + hi as isize)
        };
        (a.max(0)..=b.min(win.len() as isize - 1)).any(|x| win[x as usize] == p)
    };
    for (j, &p) in pat.iter().enumerate().skip(off + plen) {
        let at = (pi + plen + (j - off - plen)) as isize;
        if !is_particle(p) && !found(at, p, false) {
            missing += 1;
            if missing > k {
                return false;
            }
        }
    }
    for j in (0..off).rev() {
        let at = pi as isize - (off - j) as isize;
        if !is_particle(pat[j]) && !found(at, pat[j], true) {
            missing += 1;
            if missing > k {
                return false;
            }
        }
    }
    rest > 0
}

/// Aligns `pat` (a formulation, punctuation removed) with the best span of `win` within `k` edits
/// under the rules: the first and last characters are never deleted; a substitution at either end,
/// or anywhere in a formulation under 10 characters, must be a confusable character; no insertion
/// in a formulation under 6 characters, no deletion under 8; punctuation never substitutes;
/// numerals never substitute for numerals; soft punctuation and particles (的, 地, 和...) inside the span are free. `None` when nothing is within `k` or the text is the
/// formulation exactly (cost 0).
pub(crate) fn align(pat: &[char], win: &[char], k: usize) -> Option<Alignment> {
    let n = pat.len();
    let w = win.len();
    if n < 2 || w == 0 || k == 0 {
        return None;
    }
    let cols = w + 1;
    let mut d = vec![INF; (n + 1) * cols];
    d[..=w].fill(0);
    let indels = n >= 6;
    let deletions = n >= 8;
    let sub_cost = |i: usize, t: char| -> u16 {
        let p = pat[i];
        if p == t {
            return 0;
        }
        if is_soft_punct(t) || (is_numeral(t) && is_numeral(p)) || !super::data::is_han(t) {
            return INF;
        }
        let edge = i == 0 || i + 1 == n;
        if (edge || n < 10) && !confusables::are_confusable(p, t) {
            return INF;
        }
        1
    };
    let kk = k as u16;
    // The cost of inserting each window character (free for punctuation and particles).
    let ins: Vec<u16> = win
        .iter()
        .map(|&t| {
            if is_soft_punct(t) || is_particle(t) {
                0
            } else if indels && super::data::is_han(t) {
                1
            } else {
                INF
            }
        })
        .collect();
    // Rows of nothing but INF: two in a row and no later row can be reached (a row reads the
    // one or two above it), so most windows are ruled out after a few rows.
    let mut dead_rows = 0;
    // The first column of the last two rows below `k` (`cols`: none): a cell left of both can
    // only be reached from its left in its own row, so a row starts there.
    let (mut first_above, mut first_above2) = (0, 0);
    // The last column of the last two rows below `k` (row 0 reaches every column, the row above
    // it none): right of both (and of their reach by one diagonal or swap step), a cell can only
    // be reached from its left in its own row, so a row stops at its first such cell beyond `k`
    // (the cells right of it stay `INF`).
    let (mut last_above, mut last_above2) = (w, 0);
    for i in 1..=n {
        let p = pat[i - 1];
        let p_particle = is_particle(p);
        let mut alive = false;
        let mut first = cols;
        let mut last = 0;
        let reach = (last_above + 1).max(last_above2 + 2);
        let from = first_above.min(first_above2 + 1).max(1);
        for j in from..=w {
            if j > reach && d[i * cols + j - 1] > kk {
                break;
            }
            let t = win[j - 1];
            let diag = d[(i - 1) * cols + j - 1];
            let mut best = if p == t { diag } else { INF };
            // Deletion of pat[i-1]: not at either end, not in a formulation under 8 characters
            // (中国现代化 is a phrase of its own, not 中国式现代化 with a character missing).
            if i > 1 && i < n {
                if p_particle {
                    best = best.min(d[(i - 1) * cols + j]);
                } else if deletions {
                    best = best.min(d[(i - 1) * cols + j] + 1);
                }
            }
            // Insertion of t after pat[..i]: inside the span only.
            if i < n {
                best = best.min(d[i * cols + j - 1].saturating_add(ins[j - 1]));
            }
            if i >= 2 && j >= 2 && p == win[j - 2] && pat[i - 2] == t && p != pat[i - 2] {
                best = best.min(d[(i - 2) * cols + j - 2] + 1);
            }
            // A substitution only where it could matter (the confusable table is a hash lookup).
            if p != t && diag < kk && diag + 1 < best {
                best = best.min(diag + sub_cost(i - 1, t));
            }
            // Costs above k lead nowhere.
            d[i * cols + j] = if best > kk {
                INF
            } else {
                if !alive {
                    alive = true;
                    first = j;
                }
                last = j;
                best
            };
        }
        (first_above2, first_above) = (first_above, first);
        (last_above2, last_above) = (last_above, last);
        dead_rows = if alive { 0 } else { dead_rows + 1 };
        if dead_rows == 2 {
            return None;
        }
    }
    // The earliest end with the least cost.
    let (mut end, mut cost) = (0, INF);
    for j in 1..=w {
        if d[n * cols + j] < cost {
            cost = d[n * cols + j];
            end = j;
        }
    }
    if cost == 0 || cost as usize > k {
        return None;
    }
    // Trace back.
    let mut edits = Vec::new();
    let (mut i, mut j) = (n, end);
    while i > 0 {
        let here = d[i * cols + j];
        if j >= 1 {
            let t = win[j - 1];
            let sc = sub_cost(i - 1, t);
            if sc < INF && d[(i - 1) * cols + j - 1] + sc == here {
                if sc == 1 {
                    edits.push(Edit {
                        kind: EditKind::Sub,
                        pos: i - 1,
                        confusable: confusables::are_confusable(pat[i - 1], t),
                    });
                }
                i -= 1;
                j -= 1;
                continue;
            }
            if i >= 2
                && j >= 2
                && pat[i - 1] == win[j - 2]
                && pat[i - 2] == t
                && pat[i - 1] != pat[i - 2]
                && d[(i - 2) * cols + j - 2] + 1 == here
            {
                edits.push(Edit {
                    kind: EditKind::Swap,
                    pos: i - 2,
                    confusable: false,
                });
                i -= 2;
                j -= 2;
                continue;
            }
            if i < n {
                let c = if is_soft_punct(t) || is_particle(t) {
                    0
                } else {
                    1
                };
                if d[i * cols + j - 1] + c == here {
                    if c == 1 {
                        edits.push(Edit {
                            kind: EditKind::Ins,
                            pos: i,
                            confusable: false,
                        });
                    }
                    j -= 1;
                    continue;
                }
            }
        }
        if i > 1 && i < n && is_particle(pat[i - 1]) && d[(i - 1) * cols + j] == here {
            i -= 1;
            continue;
        }
        if deletions && i > 1 && i < n && d[(i - 1) * cols + j] + 1 == here {
            edits.push(Edit {
                kind: EditKind::Del,
                pos: i - 1,
                confusable: false,
            });
            i -= 1;
            continue;
        }
        // Unreachable for a finite cost; give up rather than loop.
        return None;
    }
    edits.reverse();
    Some(Alignment {
        start: j,
        end,
        edits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(p: &str, t: &str, k: usize) -> Option<(String, Vec<EditKind>)> {
        let pat: Vec<char> = p.chars().collect();
        let win: Vec<char> = t.chars().collect();
        align(&pat, &win, k).map(|a| {
            (
                win[a.start..a.end].iter().collect(),
                a.edits.iter().map(|e| e.kind).collect(),
            )
        })
    }

    #[test]
    fn finds_each_kind_of_edit() {
        let p = "习近平新时代中国特色社会主义思想";
        assert_eq!(
            run(p, "学习习近平新时代中国持色社会主义思想。", 2),
            Some((
                "习近平新时代中国持色社会主义思想".into(),
                vec![EditKind::Sub]
            ))
        );
        assert_eq!(
            run(p, "习近平新时代中国特色社会义思想", 2).map(|r| r.1),
            Some(vec![EditKind::Del])
        );
        assert_eq!(
            run(p, "习近平新时代中国特色社会主义义思想", 2).map(|r| r.1),
            Some(vec![EditKind::Ins])
        );
        assert_eq!(
            run(p, "习近平新时代中国特社色会主义思想", 2).map(|r| r.1),
            Some(vec![EditKind::Swap])
        );
    }

    #[test]
    fn exact_and_far_are_none() {
        assert_eq!(run("不忘初心牢记使命", "不忘初心、牢记使命", 1), None);
        assert_eq!(run("不忘初心牢记使命", "不忘初心 牢记初衷", 1), None);
    }

    #[test]
    fn ends_need_confusables_and_are_never_deleted() {
        // 名 sounds like 命: a typo at the end.
        assert!(run("不忘初心牢记使命", "不忘初心、牢记使名", 1).is_some());
        // 全面从严治军 is another formulation, not a typo: 军 is not confusable with 党.
        assert_eq!(run("全面从严治党", "全面从严治军", 1), None);
        // The last character missing is not a near miss (the text goes on with something else).
        assert_eq!(
            run(
                "实现中华民族伟大复兴的中国梦",
                "实现中华民族伟大复兴的中国式现代化",
                2
            ),
            None
        );
    }

    #[test]
    fn rows_stop_where_nothing_reaches_yet_free_insertions_go_on() {
        // Free punctuation and particles far right of the rows above still extend a row.
        assert!(run("不忘初心牢记使命", "不忘初心、，、牢记使名", 1).is_some());
        assert_eq!(
            run(
                "全面建成社会主义现代化强国",
                "全面建成的社会主义现代化强过",
                2
            )
            .map(|r| r.0),
            Some("全面建成的社会主义现代化强过".into())
        );
        // Rows die out on text that only shares the first characters.
        assert_eq!(
            run(
                "全面建成社会主义现代化强国",
                "全面建成小康社会，开启新征程",
                2
            ),
            None
        );
    }

    #[test]
    fn sides_of_a_piece() {
        let form: Vec<char> = "中国特色社会主义文化".chars().collect();
        let kept = kept_chars(&form);
        let piece = "中国特色社".len();
        // The same family, another phrase: six characters after the piece, two missing.
        assert!(!sides_plausible(
            "中国特色社会主义伟大旗帜",
            0,
            piece,
            &kept,
            0,
            5,
            1
        ));
        assert!(!sides_plausible(
            "人民代表中国特色社会主义制度",
            12,
            12 + piece,
            &kept,
            0,
            5,
            1
        ));
        // A near miss always passes: one character changed, or one added.
        assert!(sides_plausible(
            "中国特色社会主义文华",
            0,
            piece,
            &kept,
            0,
            5,
            1
        ));
        assert!(sides_plausible(
            "中国特色社会主义的文化",
            0,
            piece,
            &kept,
            0,
            5,
            1
        ));
        assert!(sides_plausible(
            "中国特色社会主主义文化",
            0,
            piece,
            &kept,
            0,
            5,
            1
        ));
    }

    #[test]
    fn numerals_never_substitute() {
        assert_eq!(run("四个自信", "三个自信", 1), None);
    }
}
