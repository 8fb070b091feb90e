//! Embeds every `wordlists/*.txt` file in the library (the default ruleset), and compiles the
//! segmenter's dictionary (`data/jieba-dict.txt`) into a serialized automaton, so that the
//! whole-word check is ready without parsing 349k dictionary lines at run time.

use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use std::{env, fs, path::Path};

fn main() {
    default_lists();
    segmenter_dictionary();
}

/// `data/jieba-dict.txt` (`word freq` per line, from jieba-rs's bundled dictionary: see
/// `data/README.md`) → `$OUT_DIR/jieba-dict.daac`, a charwise automaton whose value is the
/// frequency, and `$OUT_DIR/jieba-dict.rs`, the sum of the frequencies.
fn segmenter_dictionary() {
    let path = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("data")
        .join("jieba-dict.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/import-jieba-dict.sh)", path.display()));
    let mut entries: Vec<(&str, u32)> = Vec::with_capacity(350_000);
    let mut total: u64 = 0;
    let mut seen = std::collections::HashSet::new();
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq: u32 = match fields.next() {
            Some(f) => f.parse().unwrap_or_else(|e| {
                panic!("{}:{}: frequency {f:?}: {e}", path.display(), n + 1)
            }),
            None => 0,
        };
        assert!(
            seen.insert(word),
            "{}:{}: {word:?} appears twice",
            path.display(),
            n + 1
        );
        total += u64::from(freq);
        entries.push((word, freq));
    }
    let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build_with_values(entries.iter().copied())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).to_path_buf();
    fs::write(out.join("jieba-dict.daac"), automaton.serialize()).expect("OUT_DIR is writable");
    fs::write(
        out.join("jieba-dict.rs"),
        format!(
            "/// Words in the dictionary.\npub(crate) const WORDS: usize = {};\n\
             /// The sum of the frequencies of the dictionary's words.\npub(crate) const TOTAL: u64 = {total};\n",
            entries.len()
        ),
    )
    .expect("OUT_DIR is writable");
}

fn default_lists() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("wordlists");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The default wordlists, `(file name, text)`, in name order.\n\
         pub(crate) static DEFAULT_LISTS: &[(&str, &str)] = &[\n",
    );
    for n in &names {
        println!("cargo:rerun-if-changed={}", dir.join(n).display());
        code.push_str(&format!(
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/wordlists/{n}\"))),\n"
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).join("default_lists.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
