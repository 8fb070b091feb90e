//! One-character misspellings of the short formulations and of the leaders' names marked
//! `anywhere`, found without a pattern per misspelling.
//!
//! A short formulation (under 6 characters, or cut short by its punctuation) is too short for
//! exact pieces: it is found by its misspellings, each character replaced by one of its look- or
//! sound-alikes (`data/confusables.txt`, about 300 per character) or two neighbours swapped; so
//! is 习近平 anywhere. As patterns of the screener's automaton those were 48,000 strings over
//! 6,000 characters, and placing them took most of `Screener::new()`.
//!
//! Here a form of `n` characters is cut once, after its first `n / 2`: a substitution at `i`
//! leaves the head intact if `i ≥ n / 2`, the tail if not. Head and tail (the *probes*) are exact
//! patterns of the automaton; a probe hit opens a check of the `n` characters around it against
//! the form (one character off, and that one a listed look-alike). A swap across the cut breaks
//! both probes, so the `n - 1` swaps of a form stay patterns themselves (its own characters: they
//! widen nothing). A form of one character has no probe: its misspellings stay patterns.
//!
//! `Wording::resolve` turns the probe hits of a text into the hits the misspellings gave as
//! patterns (through [`Variants::probe`]): the same spans, for the checker and for the typo
//! detector's protection.

use super::align::is_numeral;
use super::{confusables, data, Anchor, Patterns};
#[cfg(test)]
use rustc_hash::FxHashMap;
use rustc_hash::FxHashSet;

/// A form whose one-character misspellings are searched.
#[derive(Debug)]
struct Target {
    chars: Vec<char>,
    /// What a misspelling found is: `Anchor::Misspelt(form)` or `Anchor::Variant(leader)`.
    anchor: Anchor,
    /// A numeral never substitutes for a numeral (formulations; not names).
    numerals: bool,
    /// Misspellings that are correct strings themselves are not misspellings: the formulations'
    /// and correct phrases' texts (formulations) or the leaders' names (names).
    leaders: bool,
}

/// An exact piece of a target: its head (the misspelling starts where the probe starts) or its
/// tail (ends where it ends).
#[derive(Debug, Clone, Copy)]
struct Probe {
    target: u32,
    tail: bool,
}

/// The targets, their probes and the strings that are never misspellings.
#[derive(Debug, Default)]
pub(super) struct Variants {
    targets: Vec<Target>,
    probes: Vec<Probe>,
    /// The formulations and correct phrases (folded, punctuation removed).
    exact: FxHashSet<String>,
    /// The leaders' names (folded).
    names: FxHashSet<String>,
}

/// Whether `b` may stand for `a` in a misspelling: a Chinese character listed as a look- or
/// sound-alike of `a`, and no numeral for a numeral where `numerals` holds.
fn substitutes(a: char, b: char, numerals: bool) -> bool {
    data::is_han(b) && !(numerals && is_numeral(a) && is_numeral(b)) && confusables::is_listed(a, b)
}

impl Variants {
    pub(super) fn new(exact: FxHashSet<String>, names: FxHashSet<String>) -> Variants {
        Variants {
            exact,
            names,
            ..Variants::default()
        }
    }

    /// Whether the text `v` is a correct string, never a misspelling of the target `t`.
    fn is_correct(&self, t: &Target, v: &str) -> bool {
        if t.leaders {
            self.names.contains(v)
        } else {
            self.exact.contains(v)
        }
    }

    /// Adds the misspellings of the formulation `chars` (folded, punctuation removed), found as
    /// `Anchor::Misspelt(form)`: its probes (or, for one character, its substitutions) and its
    /// swaps become patterns of `pats`.
    pub(super) fn add_formulation(&mut self, pats: &mut Patterns, chars: &[char], form: u32) {
        let anchor = Anchor::Misspelt(form);
        self.add(pats, chars, anchor, true, false);
        for i in 0..chars.len().saturating_sub(1) {
            if chars[i] != chars[i + 1] {
                let mut v = chars.to_vec();
                v.swap(i, i + 1);
                let v: String = v.into_iter().collect();
                if !self.exact.contains(&v) {
                    pats.add(v, anchor);
                }
            }
        }
    }

    /// Adds the one-character substitutions of the leader `leader`'s name `chars` (folded),
    /// found as `Anchor::Variant(leader)`.
    pub(super) fn add_name(&mut self, pats: &mut Patterns, chars: &[char], leader: u16) {
        self.add(pats, chars, Anchor::Variant(leader), false, true);
    }

    fn add(
        &mut self,
        pats: &mut Patterns,
        chars: &[char],
        anchor: Anchor,
        numerals: bool,
        leaders: bool,
    ) {
        let t = Target {
            chars: chars.to_vec(),
            anchor,
            numerals,
            leaders,
        };
        if chars.len() < 2 {
            // No exact piece survives a substitution: the misspellings themselves.
            for (i, &a) in chars.iter().enumerate() {
                for b in confusables::of(a) {
                    if substitutes(a, b, numerals) {
                        let mut v = chars.to_vec();
                        v[i] = b;
                        let v: String = v.into_iter().collect();
                        if !self.is_correct(&t, &v) {
                            pats.add(v, anchor);
                        }
                    }
                }
            }
            return;
        }
        let target = self.targets.len() as u32;
        let cut = chars.len() / 2;
        for (piece, tail) in [(&chars[..cut], false), (&chars[cut..], true)] {
            pats.add(
                piece.iter().collect(),
                Anchor::Probe(self.probes.len() as u32),
            );
            self.probes.push(Probe { target, tail });
        }
        self.targets.push(t);
    }

    /// What a misspelling of the target `target` is (the hits [`Variants::probe`] finds are
    /// numbered `base + target`).
    pub(super) fn anchor(&self, target: usize) -> &Anchor {
        &self.targets[target].anchor
    }

    /// The misspelling the probe `probe` hit at `s..e` of `ft` opens, if the text there is one:
    /// pushed to `found` as `(start, end, base + target)`.
    pub(super) fn probe(
        &self,
        ft: &str,
        s: usize,
        e: usize,
        probe: u32,
        base: u32,
        found: &mut Vec<(usize, usize, u32)>,
    ) {
        let p = self.probes[probe as usize];
        let t = &self.targets[p.target as usize];
        let cut = t.chars.len() / 2;
        // The characters on the other side of the probe, compared with the form's as they are
        // read: most probe hits stand in other words, two characters off (the table is read
        // only for a span one character off).
        let mut changed = None;
        let (vs, ve) = if p.tail {
            let mut vs = s;
            let mut it = ft[..s].chars().rev();
            for i in (0..cut).rev() {
                let Some(c) = it.next() else { return };
                vs -= c.len_utf8();
                if c != t.chars[i] {
                    if changed.is_some() {
                        return;
                    }
                    changed = Some((i, c));
                }
            }
            (vs, e)
        } else {
            let mut ve = e;
            let mut it = ft[e..].chars();
            for i in cut..t.chars.len() {
                let Some(c) = it.next() else { return };
                ve += c.len_utf8();
                if c != t.chars[i] {
                    if changed.is_some() {
                        return;
                    }
                    changed = Some((i, c));
                }
            }
            (s, ve)
        };
        let Some((i, c)) = changed else { return };
        if substitutes(t.chars[i], c, t.numerals) && !self.is_correct(t, &ft[vs..ve]) {
            found.push((vs, ve, base + p.target));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{default_wording, Anchor};
    use super::*;
    use crate::matcher::Matcher;

    impl Variants {
        /// Every misspelling as the checker generated them when they were patterns of the
        /// automaton (each substitution by a listed look-alike, each swap of a formulation),
        /// with its anchor: the reference the probes must agree with.
        fn generated(&self) -> Vec<(String, Anchor)> {
            let mut out = Vec::new();
            for t in &self.targets {
                for (i, &a) in t.chars.iter().enumerate() {
                    for &b in confusables::of(a).iter() {
                        if substitutes(a, b, t.numerals) {
                            let mut v = t.chars.clone();
                            v[i] = b;
                            let v: String = v.into_iter().collect();
                            if !self.is_correct(t, &v) {
                                out.push((v, t.anchor));
                            }
                        }
                    }
                }
            }
            out
        }
    }

    /// The hits of misspellings in `text`: by the old patterns (the reference) and by the probes.
    fn both(
        w: &super::super::Wording,
        reference: &Matcher,
        uses: &[Vec<Anchor>],
        text: &str,
    ) -> usize {
        let ft = crate::normalize::fold(text);
        let ft = ft.text();
        let mut want = Vec::new();
        reference.for_each(ft, |s, e, p| {
            for a in &uses[p] {
                want.push((s, e, *a));
            }
        });
        let main =
            Matcher::build(&w.patterns().iter().map(String::as_str).collect::<Vec<_>>()).unwrap();
        let mut hits = Vec::new();
        main.for_each(ft, |s, e, p| hits.push((s, e, p as u32)));
        w.resolve(ft, &mut hits);
        let mut got = Vec::new();
        for (s, e, p) in hits {
            for a in w.uses_of(p) {
                if matches!(a, Anchor::Misspelt(_) | Anchor::Variant(_)) {
                    got.push((s, e, *a));
                }
            }
        }
        for v in [&mut want, &mut got] {
            v.sort_unstable_by_key(|&(s, e, a)| (s, e, format!("{a:?}")));
            v.dedup();
        }
        let missing: Vec<_> = want.iter().filter(|x| !got.contains(x)).take(5).collect();
        let extra: Vec<_> = got.iter().filter(|x| !want.contains(x)).take(5).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{} hits by patterns, {} by probes; missing {missing:?}, extra {extra:?}",
            want.len(),
            got.len()
        );
        want.len()
    }

    /// The probes find exactly the misspellings the patterns found: every generated misspelling
    /// (and the swaps, still patterns) in running text, glued to its neighbours so that
    /// misspellings overlap, and the texts of the project's cases.
    #[test]
    fn probes_find_what_the_patterns_found() {
        let w = default_wording().unwrap();
        let v = &w.variants;
        let generated = v.generated();
        assert!(generated.len() > 40_000, "{}", generated.len());
        let mut index: FxHashMap<&str, usize> = FxHashMap::default();
        let mut patterns: Vec<&str> = Vec::new();
        let mut uses: Vec<Vec<Anchor>> = Vec::new();
        for (p, a) in &generated {
            let i = *index.entry(p.as_str()).or_insert_with(|| {
                patterns.push(p);
                uses.push(Vec::new());
                patterns.len() - 1
            });
            uses[i].push(*a);
        }
        let reference = Matcher::build(&patterns).unwrap();
        // Running text: separated, glued together, at the ends of the text.
        let mut found = 0;
        for (n, chunk) in patterns.chunks(4000).enumerate() {
            let sep = ["，坚持", "", "的", "a1"][n % 4];
            found += both(&w, &reference, &uses, &chunk.join(sep));
        }
        assert!(found >= patterns.len(), "{found} of {}", patterns.len());
        assert_eq!(both(&w, &reference, &uses, "习近坪"), 1);
        assert_eq!(both(&w, &reference, &uses, "x习近坪y𠀀习近坪"), 2);
        assert_eq!(both(&w, &reference, &uses, "习进平同志"), 2);
        let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases");
        for entry in std::fs::read_dir(cases).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "jsonl") {
                let text = std::fs::read_to_string(&path).unwrap();
                both(&w, &reference, &uses, &text);
            }
        }
    }
}
