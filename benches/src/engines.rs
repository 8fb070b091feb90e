//! The bare matchers, built the same way by the criterion bench and by `bench-probe`.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

/// Bare daachorse (charwise) over `patterns`, each pattern's value its index.
pub fn daachorse<P: AsRef<str>>(
    patterns: &[P],
    kind: MatchKind,
) -> Result<CharwiseDoubleArrayAhoCorasick<u32>, String> {
    CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(kind)
        .build_with_values(patterns.iter().map(AsRef::as_ref).zip(0u32..))
        .map_err(|e| format!("daachorse: {e}"))
}
