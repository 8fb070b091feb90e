//! Embeds every `wordlists/*.txt` file in the library (the default ruleset), and compiles the
//! segmenter's dictionary (`data/jieba-dict.txt`) into sorted tables read in place, so that the
//! whole-word check is ready without parsing 349k dictionary lines at run time.

use std::{env, fs, path::Path};

fn main() {
    default_lists();
    segmenter_dictionary();
}

/// `data/jieba-dict.txt` (`word freq` per line, from jieba-rs's bundled dictionary: see
/// `data/README.md`) → the words sorted by their bytes, in three files the segmenter reads in
/// place (`include_bytes!`, nothing parsed at run time): `jieba-words.bin` (the words back to
/// back), `jieba-offsets.bin` (where each word starts, and the end: u32 little-endian) and
/// `jieba-freqs.bin` (each word's frequency, u32 little-endian), `jieba-first.bin` (where the
/// words of each first character start, for the Basic Multilingual Plane); and `jieba-dict.rs`,
/// their count and the sum of the frequencies.
fn segmenter_dictionary() {
    let path = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("data")
        .join("jieba-dict.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/import-jieba-dict.sh)", path.display()));
    let mut entries: Vec<(&str, u32)> = Vec::with_capacity(350_000);
    let mut total: u64 = 0;
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split_ascii_whitespace();
        let Some(word) = fields.next() else { continue };
        let freq: u32 = match fields.next() {
            Some(f) => f
                .parse()
                .unwrap_or_else(|e| panic!("{}:{}: frequency {f:?}: {e}", path.display(), n + 1)),
            None => 0,
        };
        total += u64::from(freq);
        entries.push((word, freq));
    }
    entries.sort_unstable_by_key(|e| e.0);
    if let Some(w) = entries.windows(2).find(|w| w[0].0 == w[1].0) {
        panic!("{}: {:?} appears twice", path.display(), w[0].0);
    }
    let mut words = Vec::new();
    let mut offsets = Vec::with_capacity(4 * (entries.len() + 1));
    let mut freqs = Vec::with_capacity(4 * entries.len());
    for (word, freq) in &entries {
        offsets.extend_from_slice(&(words.len() as u32).to_le_bytes());
        words.extend_from_slice(word.as_bytes());
        freqs.extend_from_slice(&freq.to_le_bytes());
    }
    offsets.extend_from_slice(&(words.len() as u32).to_le_bytes());
    // Where the words of each first character of the Basic Multilingual Plane start: entry `c`
    // is the index of the first word whose first character is `c` or later (65,537 entries).
    let mut first = Vec::with_capacity(4 * 0x10001);
    let mut i = 0;
    for c in 0..=0x10000u32 {
        while i < entries.len() && entries[i].0.chars().next().map_or(0, |f| f as u32) < c {
            i += 1;
        }
        first.extend_from_slice(&(i as u32).to_le_bytes());
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets it")).to_path_buf();
    let write =
        |name: &str, bytes: &[u8]| fs::write(out.join(name), bytes).expect("OUT_DIR is writable");
    write("jieba-words.bin", &words);
    write("jieba-offsets.bin", &offsets);
    write("jieba-freqs.bin", &freqs);
    write("jieba-first.bin", &first);
    write(
        "jieba-dict.rs",
        format!(
            "/// Words in the dictionary.\npub(crate) const WORDS: usize = {};\n\
             /// The sum of the frequencies of the dictionary's words.\npub(crate) const TOTAL: u64 = {total};\n",
            entries.len()
        )
        .as_bytes(),
    );
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
