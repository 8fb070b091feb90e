//! The inputs and dictionaries of one run, built the same way by the bench target and by
//! `bench-probe data` (which writes them out for `peers.sh`).

use crate::dict::{self, TermList};
use crate::inputs::{self, Generator, SEED};
use crate::paths;

/// How big the run is.
#[derive(Debug, Clone)]
pub struct Sizes {
    /// Bytes of generated article text.
    pub article_bytes: usize,
    /// Number of posts of 20-200 characters.
    pub posts: usize,
    /// Term lists: name and number of terms (`usize::MAX`: the whole lexicon).
    pub lists: Vec<(&'static str, usize)>,
}

impl Sizes {
    /// The full benchmark: 4 MiB of article text, 1000 posts, 1k/10k/20k/100k terms.
    pub fn full() -> Sizes {
        Sizes {
            article_bytes: 4 << 20,
            posts: 1000,
            lists: vec![
                ("1k", 1_000),
                ("10k", 10_000),
                ("20k", 20_000),
                ("100k", usize::MAX),
            ],
        }
    }

    /// The smoke run: small generated inputs, every dictionary (the count checks need them).
    pub fn smoke() -> Sizes {
        Sizes {
            article_bytes: 256 << 10,
            posts: 50,
            ..Sizes::full()
        }
    }
}

/// Everything a run reads.
#[derive(Debug)]
pub struct Suite {
    /// The real text of the work reports, joined by blank lines.
    pub reports: String,
    /// Generated article-like text.
    pub article: String,
    /// Generated posts of 20-200 characters.
    pub posts: Vec<String>,
    /// The 120-character post.
    pub post120: String,
    /// The usable lexicon terms (the 100k list is all of them).
    pub lexicon_len: usize,
    /// The term lists, smallest first.
    pub lists: Vec<TermList>,
    /// The default ruleset's automaton patterns.
    pub default_patterns: Vec<String>,
    /// The default lists' terms (mixed into the generated text).
    pub default_terms: Vec<String>,
}

impl Suite {
    /// Loads the shared data and generates the inputs.
    pub fn load(sizes: &Sizes) -> Result<Suite, String> {
        let texts = inputs::load_work_reports(&paths::work_reports())?;
        let reports = texts.join("\n\n");
        let sentences = inputs::sentences(&reports);
        let default_terms = dict::default_terms()?;
        let mut g = Generator::new(SEED, &sentences, &default_terms);
        let article = g.article(sizes.article_bytes);
        let mut g = Generator::new(SEED + 1, &sentences, &default_terms);
        let posts = g.posts(sizes.posts, 20, 200);
        let post120 = Generator::new(SEED + 120, &sentences, &default_terms).post_120();
        let lexicon = dict::load_lexicon(&paths::lexicon())?;
        let mut lists = Vec::new();
        for &(name, n) in &sizes.lists {
            lists.push(TermList::new(name, dict::sample(&lexicon, n))?);
        }
        Ok(Suite {
            reports,
            article,
            posts,
            post120,
            lexicon_len: lexicon.len(),
            lists,
            default_patterns: dict::default_patterns()?,
            default_terms,
        })
    }

    /// `bytes` of generated article text from the same seed as [`Suite::article`] (a longer
    /// text starts with the shorter one only up to where the paragraph lengths diverge: use one
    /// long text and cut prefixes from it).
    pub fn article_of(&self, bytes: usize) -> String {
        let sentences = inputs::sentences(&self.reports);
        Generator::new(SEED, &sentences, &self.default_terms).article(bytes)
    }
}
