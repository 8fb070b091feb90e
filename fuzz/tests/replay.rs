//! Replays the committed corpora (`corpus/<target>/`) and the crash reproducers
//! (`regressions/<target>/`, when there are any) through the same checks as the fuzz targets, on
//! the stable toolchain and without libFuzzer: `replay.sh` runs it in CI.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(d) => d
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = inputs(&root.join("corpus").join(target));
    assert!(
        !corpus.is_empty(),
        "no corpus for {target}: corpus/{target}/ is empty or missing"
    );
    let regressions = inputs(&root.join("regressions").join(target));
    let mut failed = Vec::new();
    for path in corpus.iter().chain(&regressions) {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs fail (the panic messages are above):\n{}",
        failed.len(),
        corpus.len() + regressions.len(),
        failed.join("\n")
    );
}

#[test]
fn scan_bytes() {
    replay("scan_bytes", zhscreen_fuzz::scan_bytes);
}

#[test]
fn scan_mix() {
    replay("scan_mix", zhscreen_fuzz::scan_mix);
}

#[test]
fn wordlist() {
    replay("wordlist", zhscreen_fuzz::wordlist);
}

#[test]
fn rewrite() {
    replay("rewrite", zhscreen_fuzz::rewrite);
}

#[test]
fn cli_input() {
    replay("cli_input", zhscreen_fuzz::cli_input);
}

#[test]
fn c_abi() {
    replay("c_abi", zhscreen_fuzz::c_abi);
}

/// The `c_abi` target declares the header's functions itself, as a C program includes the header:
/// every function of `bindings/c/include/zhscreen.h` must be declared (and so fuzzed), and
/// nothing else.
#[test]
fn c_abi_declares_every_function_of_the_header() {
    let header = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bindings/c/include/zhscreen.h");
    let text =
        std::fs::read_to_string(&header).unwrap_or_else(|e| panic!("{}: {e}", header.display()));
    let mut in_header: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && !l.starts_with('/'))
        .filter_map(|l| {
            let name_end = l.find('(')?;
            let name_start = l[..name_end].rfind(|c: char| !(c.is_alphanumeric() || c == '_'))? + 1;
            let name = &l[name_start..name_end];
            name.starts_with("zs_").then_some(name)
        })
        .collect();
    in_header.sort_unstable();
    let mut declared = zhscreen_fuzz::c_api::ffi::DECLARED.to_vec();
    declared.sort_unstable();
    assert_eq!(
        declared, in_header,
        "fuzz/src/c_api.rs and the header disagree"
    );
}
