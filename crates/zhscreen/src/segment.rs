//! Word boundaries by segmentation, for entries that must be whole words (台独 must not fire in
//! 平台独家 or 电视台独家).
//!
//! The segmenter is jieba-rs with its bundled dictionary, plus the boundary terms of the ruleset
//! added as words (so that 打击台独 segments as 打击/台独, and a hit counts only if it comes out as
//! exactly one token). Loading it costs ~50 ms and ~25 MiB, so it is built on first use, and
//! screeners with the same boundary terms share one instance.

use jieba_rs::Jieba;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// A segmenter that knows a ruleset's boundary terms.
pub(crate) struct Segmenter {
    terms: Vec<String>,
    jieba: OnceLock<Arc<Jieba>>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("terms", &self.terms.len())
            .field("loaded", &self.jieba.get().is_some())
            .finish()
    }
}

impl Segmenter {
    pub(crate) fn new(mut terms: Vec<String>) -> Segmenter {
        terms.sort();
        terms.dedup();
        Segmenter {
            terms,
            jieba: OnceLock::new(),
        }
    }

    fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| shared_jieba(&self.terms))
    }

    /// Whether the span `start..end` of `clause` comes out as exactly one token.
    pub(crate) fn is_whole_token(&self, clause: &str, start: usize, end: usize) -> bool {
        self.jieba()
            .cut(clause, false)
            .iter()
            .any(|t| t.byte_start == start && t.byte_end == end)
    }

    /// Loads the dictionary now rather than on the first boundary check.
    pub(crate) fn warm(&self) {
        self.jieba();
    }
}

/// One jieba per distinct set of added terms, alive while any screener uses it.
fn shared_jieba(terms: &[String]) -> Arc<Jieba> {
    static CACHE: OnceLock<Mutex<HashMap<[u8; 32], Weak<Jieba>>>> = OnceLock::new();
    let mut hasher = Sha256::new();
    for t in terms {
        hasher.update(t.as_bytes());
        hasher.update([0]);
    }
    let key: [u8; 32] = hasher.finalize().into();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(j) = map.get(&key).and_then(Weak::upgrade) {
        return j;
    }
    let mut jieba = Jieba::new();
    for t in terms {
        jieba.add_word(t, None, None);
    }
    let jieba = Arc::new(jieba);
    map.retain(|_, w| w.strong_count() > 0);
    map.insert(key, Arc::downgrade(&jieba));
    jieba
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_tokens_only() {
        let s = Segmenter::new(vec!["台独".to_string()]);
        let check = |clause: &str, term: &str| {
            let start = clause.find(term).unwrap();
            s.is_whole_token(clause, start, start + term.len())
        };
        assert!(check("坚决反对台独分裂活动", "台独"));
        assert!(!check("省电视台独家专访", "台独"));
        assert!(!check("平台独家发布", "台独"));
    }
}
