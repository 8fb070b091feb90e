//! The C programs under `tests/` and `examples/`, compiled with the system C compiler against the
//! shared and the static library and run from `cargo test`, so that the C ABI is tested wherever
//! Rust is (as wasmtime's c-api tests do). `run-tests.sh` runs the same programs under valgrind,
//! and the Java test program.
//!
//! `cargo test` does not build a crate's cdylib and staticlib for its integration tests, so the
//! first test to need them runs `cargo build -p zhscreen-c` (same profile) once.

// The C programs' diagnostics are passed on to the test's output.
#![allow(clippy::print_stderr)]

#[path = "support/fixture.rs"]
mod fixture;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Libraries the static library needs from the system (`rustc --print native-static-libs`).
const NATIVE_STATIC_LIBS: &[&str] = &[
    "-lgcc_s",
    "-lutil",
    "-lrt",
    "-lpthread",
    "-lm",
    "-ldl",
    "-lc",
];

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>`: the test binary lives in `target/<profile>/deps/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("the test binary sits in target/<profile>/deps")
        .to_path_buf()
}

fn work_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("zhscreen-c-tests");
    std::fs::create_dir_all(&dir).expect("create the work directory");
    dir
}

/// Builds libzhscreen.so and libzhscreen.a once per test run; returns their directory.
fn libs() -> &'static Path {
    static LIBS: OnceLock<PathBuf> = OnceLock::new();
    LIBS.get_or_init(|| {
        let dir = profile_dir();
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args([
            "build",
            "--quiet",
            "-p",
            "zhscreen-c",
            "--lib",
            "--manifest-path",
        ])
        .arg(crate_dir().join("Cargo.toml"))
        // The target directory this test binary was built in, however it was chosen.
        .arg("--target-dir")
        .arg(dir.parent().expect("target/<profile> has a parent"));
        if dir.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("run cargo build");
        assert!(status.success(), "cargo build -p zhscreen-c failed");
        for lib in ["libzhscreen.so", "libzhscreen.a"] {
            assert!(
                dir.join(lib).is_file(),
                "{} was not built",
                dir.join(lib).display()
            );
        }
        dir
    })
}

/// Writes the corpus fixture (texts and what the Rust API says) for one test; returns its path and
/// the number of cases. Every file a test writes has a name of its own, so that tests may run in
/// parallel, in threads or in processes (nextest).
fn corpus(name: &str) -> (PathBuf, usize) {
    let path = work_dir().join(format!("{name}.tsv"));
    let (cases, findings) =
        fixture::write(&path, fixture::Limits::default()).expect("write the corpus fixture");
    assert!(
        cases > 100 && findings > 100,
        "{cases} cases, {findings} findings"
    );
    (path, cases)
}

fn c_compiler() -> String {
    std::env::var("CC").unwrap_or_else(|_| "cc".to_string())
}

#[derive(Clone, Copy, Debug)]
enum Link {
    Shared,
    Static,
}

/// Compiles C sources into `name` (in the work directory), linked as asked.
fn compile(name: &str, sources: &[&str], link: Link) -> PathBuf {
    let lib_dir = libs();
    let out = work_dir().join(format!("{name}-{link:?}").to_lowercase());
    let mut cmd = Command::new(c_compiler());
    cmd.args([
        "-std=c11",
        "-D_POSIX_C_SOURCE=200809L",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-pedantic",
        "-g",
    ])
    .arg("-I")
    .arg(crate_dir().join("include"))
    .arg("-o")
    .arg(&out);
    for s in sources {
        cmd.arg(crate_dir().join(s));
    }
    match link {
        Link::Shared => {
            cmd.arg("-L").arg(lib_dir).arg("-lzhscreen");
            cmd.arg(format!("-Wl,-rpath,{}", lib_dir.display()));
        }
        Link::Static => {
            cmd.arg(lib_dir.join("libzhscreen.a"));
            cmd.args(NATIVE_STATIC_LIBS);
        }
    }
    cmd.arg("-pthread");
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run the C compiler `{}`: {e}", c_compiler()));
    assert!(
        output.status.success(),
        "compiling {sources:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn run(program: &Path, args: &[&Path]) -> Output {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    output
}

/// The `N passed, M failed` line a test program prints last, as (N, M).
fn summary(output: &Output, name: &str) -> (usize, usize) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with(&format!("{name}: ")) && l.contains(" passed, "))
        .unwrap_or_else(|| panic!("{name} printed no summary:\n{stdout}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number"))
        .collect();
    assert_eq!(numbers.len(), 2, "{line}");
    (numbers[0], numbers[1])
}

fn corpus_through(link: Link) {
    let (fixture, cases) = corpus(&format!("corpus-{link:?}").to_lowercase());
    let program = compile("corpus", &["tests/corpus.c"], link);
    let output = run(&program, &[&fixture]);
    let (passed, failed) = summary(&output, "corpus");
    assert_eq!(
        (passed, failed),
        (cases, 0),
        "{link:?}: cases identical to the Rust API"
    );
    assert!(output.status.success());
}

#[test]
fn corpus_through_the_shared_library_matches_the_rust_api() {
    corpus_through(Link::Shared);
}

#[test]
fn corpus_through_the_static_library_matches_the_rust_api() {
    corpus_through(Link::Static);
}

#[test]
fn error_paths() {
    let program = compile("errors", &["tests/errors.c"], Link::Shared);
    let tmp = work_dir().join("errors-tmp");
    std::fs::create_dir_all(&tmp).expect("create a temporary directory");
    let output = run(&program, &[&tmp]);
    let (passed, failed) = summary(&output, "errors");
    assert_eq!(failed, 0);
    assert!(passed > 150, "{passed} checks");
    assert!(output.status.success());
}

#[test]
fn one_screener_shared_by_sixteen_threads() {
    let (fixture, cases) = corpus("corpus-threads");
    let program = compile("threads", &["tests/threads.c"], Link::Shared);
    // One round of the corpus per thread here; `run-tests.sh` makes the full 10,000 scans each.
    let per_thread = cases.to_string();
    let output = run(&program, &[&fixture, Path::new(&per_thread)]);
    assert_eq!(summary(&output, "threads"), (33, 0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!("{} scans of {cases} texts, 0 differ", 16 * cases)),
        "{stdout}"
    );
    assert!(output.status.success());
}

#[test]
fn the_example_program_screens_a_post() {
    use std::io::Write;
    let program = compile("screen_post", &["examples/screen_post.c"], Link::Static);
    let post = "经审核，王某某（身份证号：110108199003071238）的低保申请已通过。\n请按装后使用。";
    let screen = |args: &[&str]| {
        let mut child = Command::new(&program)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("run screen_post");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(post.as_bytes())
            .expect("write the post");
        child.wait_with_output().expect("screen_post finishes")
    };
    let human = screen(&[]);
    assert_eq!(human.status.code(), Some(1), "review verdict exits 1");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("1:14: review [personal_info] 110108199003071238"),
        "{text}"
    );
    assert!(
        text.contains("2:2: warn [typo] 按装") && text.contains("write instead: 安装"),
        "{text}"
    );

    let json = screen(&["--json"]);
    let report: serde_json::Value =
        serde_json::from_slice(&json.stdout).expect("--json prints JSON");
    let rust = zhscreen::Screener::new()
        .expect("default screener")
        .scan(post)
        .to_json();
    assert_eq!(
        report,
        serde_json::from_str::<serde_json::Value>(&rust).expect("JSON")
    );

    let bad = work_dir().join("screen_post-bad-list.txt");
    std::fs::write(&bad, "@category typo\nx | severity=zz\n").expect("write a bad list");
    let failed = screen(&["-w", bad.to_str().expect("UTF-8 path")]);
    assert_eq!(failed.status.code(), Some(2));
}

#[test]
fn the_header_compiles_as_c99_and_as_cplusplus() {
    let include = crate_dir().join("include");
    let probe = work_dir().join("header-probe.c");
    std::fs::write(
        &probe,
        "#include <zhscreen.h>\n\
         #if ZS_VERSION_NUMBER < 100\n#error ZS_VERSION_NUMBER\n#endif\n\
         static const char v[] = ZS_VERSION;\n\
         int main(void) { zs_finding f; (void)f; return (int)sizeof v > 0 ? 0 : 1; }\n",
    )
    .expect("write the probe");
    for (compiler, args) in [
        (
            c_compiler(),
            vec![
                "-std=c99",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-pedantic",
                "-fsyntax-only",
            ],
        ),
        (
            "c++".to_string(),
            vec![
                "-x",
                "c++",
                "-std=c++11",
                "-Wall",
                "-Wextra",
                "-Werror",
                "-fsyntax-only",
            ],
        ),
    ] {
        let output = Command::new(&compiler)
            .args(&args)
            .arg("-I")
            .arg(&include)
            .arg(&probe)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {compiler}: {e}"));
        assert!(
            output.status.success(),
            "{compiler} {args:?}:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
