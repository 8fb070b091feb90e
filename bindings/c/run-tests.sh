#!/usr/bin/env bash
# Tests the C ABI the way C and Java programs use it, and prints `c+java: N passed, M failed`.
#
#   bash bindings/c/run-tests.sh
#
# 1. Installs what is missing (valgrind, Debian's libjna-java, a JDK, pkg-config, a C/C++
#    compiler) with apt-get; skips that when everything is there.
# 2. Builds libzhscreen (.so and .a, debug profile) and writes the corpus fixture: every text with
#    what the Rust API says about it (examples/corpus_fixture.rs).
# 3. Compiles the C tests against the shared and the static library and runs them: the corpus
#    (byte for byte the Rust API's results), the error paths, one screener shared by 16 threads
#    making 10,000 scans each.
# 4. Installs the library into a scratch prefix as the README says and builds the example program
#    with pkg-config, shared and static.
# 5. Runs the C tests under valgrind memcheck (errors, leaks) and checks, with a program that
#    leaks and reads freed memory on purpose, that valgrind does catch both.
# 6. Compiles the Java wrapper and test program against JNA and runs it (corpus, substring
#    offsets, 16 threads, error paths, close).
#
# Each step counts as one test. Logs are kept in <target>/zhscreen-c-run/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

# ---- 1. tools -------------------------------------------------------------------------------
missing=()
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
[ -f /usr/share/java/jna.jar ] || missing+=(libjna-java)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
jna=/usr/share/java/jna.jar

# ---- 2. build -------------------------------------------------------------------------------
target="$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
lib="$target/debug"
work="$target/zhscreen-c-run"
rm -rf "$work"
mkdir -p "$work"

cargo build --quiet -p zhscreen-c --lib
cargo build --quiet -p zhscreen-c --example corpus_fixture
fixture_bin="$lib/examples/corpus_fixture"
"$fixture_bin" "$work/corpus.tsv"
# A smaller fixture for the slow runs (16 threads under valgrind).
"$fixture_bin" "$work/corpus-small.tsv" --ecspell 40 --gov 20 >/dev/null

passed=0
failed=0
step() { # step NAME COMMAND...: runs one test, logs its output, counts it
    local name="$1"
    shift
    local log="$work/$name.log"
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "ok    $name"
    else
        failed=$((failed + 1))
        echo "FAIL  $name (exit $?; log $log)"
        tail -n 30 "$log" | sed 's/^/      /'
    fi
    # The programs' own summary lines, to see what was measured.
    grep -E '^(corpus|errors|threads|java|valgrind [a-z_]+): ' "$log" | sed 's/^/      /' || true
}

# ---- 3. C tests, shared and static ------------------------------------------------------------
cflags=(-std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -pedantic -g -O1 -I "$here/include")
static_deps=(-lgcc_s -lutil -lrt -lpthread -lm -ldl)
for prog in corpus errors threads leak_canary; do
    cc "${cflags[@]}" -o "$work/$prog-shared" "$here/tests/$prog.c" \
        -L "$lib" -lzhscreen "-Wl,-rpath,$lib" -pthread
    cc "${cflags[@]}" -o "$work/$prog-static" "$here/tests/$prog.c" \
        "$lib/libzhscreen.a" "${static_deps[@]}" -pthread
done
mkdir -p "$work/tmp"
for link in shared static; do
    step "corpus-$link" "$work/corpus-$link" "$work/corpus.tsv"
    step "errors-$link" "$work/errors-$link" "$work/tmp"
    step "threads-$link" "$work/threads-$link" "$work/corpus.tsv"
done

# ---- 4. install into a prefix and build the example with pkg-config ---------------------------
prefix="$work/prefix"
version="$(awk '/^#define ZS_VERSION_(MAJOR|MINOR|PATCH) /{v = v (v == "" ? "" : ".") $3} END{print v}' \
    "$here/include/zhscreen.h")"
install -Dm644 "$here/include/zhscreen.h" "$prefix/include/zhscreen.h"
install -Dm755 "$lib/libzhscreen.so" "$prefix/lib/libzhscreen.so"
install -Dm644 "$lib/libzhscreen.a" "$prefix/lib/libzhscreen.a"
mkdir -p "$prefix/lib/pkgconfig"
sed -e "s|@PREFIX@|$prefix|" -e "s|@LIBDIR@|\${prefix}/lib|" \
    -e "s|@INCLUDEDIR@|\${prefix}/include|" -e "s|@VERSION@|$version|" \
    "$here/zhscreen.pc.in" >"$prefix/lib/pkgconfig/zhscreen.pc"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
example_works() { # example_works PROGRAM: screens a post as a CMS would
    local out status=0
    out="$(printf '经审核，王某某（身份证号：110108199003071238）的低保申请已通过。\n请按装后使用。' \
        | "$1")" || status=$?
    echo "$out"
    [ "$status" -eq 1 ] \
        && grep -q '^1:14: review \[personal_info\] 110108199003071238' <<<"$out" \
        && grep -q 'write instead: 安装' <<<"$out" \
        && [ "$(printf '出售海洛因' | "$1" --redact)" = "出售***" ]
}
pkg_shared() {
    # shellcheck disable=SC2046
    cc -std=c11 -Wall -Wextra -Werror -o "$work/screen_post-shared" "$here/examples/screen_post.c" \
        $(pkg-config --cflags --libs zhscreen) "-Wl,-rpath,$(pkg-config --variable=libdir zhscreen)" \
        && [ "$(pkg-config --modversion zhscreen)" = "$version" ] \
        && example_works "$work/screen_post-shared"
}
pkg_static() {
    # shellcheck disable=SC2046
    cc -std=c11 -Wall -Wextra -Werror -o "$work/screen_post-static" "$here/examples/screen_post.c" \
        $(pkg-config --cflags zhscreen) "$(pkg-config --variable=staticlib zhscreen)" \
        $(pkg-config --libs-only-l --static zhscreen | sed 's/-lzhscreen//') \
        && ! ldd "$work/screen_post-static" | grep -q libzhscreen \
        && example_works "$work/screen_post-static"
}
step example-pkg-config-shared pkg_shared
step example-pkg-config-static pkg_static
header_cxx() { # the header as C99 and as C++11
    printf '#include <zhscreen.h>\nint main(void) { zs_finding f; (void)f; return ZS_VERSION[0] ? 0 : 1; }\n' \
        >"$work/probe.c"
    cc -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -I "$here/include" "$work/probe.c" \
        && c++ -x c++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only -I "$here/include" "$work/probe.c"
}
step header-c99-cxx11 header_cxx

# ---- 5. valgrind ------------------------------------------------------------------------------
vg=(valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible --suppressions="$here/tests/valgrind.supp"
    --num-callers=80)
memcheck() { # memcheck NAME COMMAND...: clean under memcheck, with a one-line summary
    local name="$1"
    shift
    "${vg[@]}" --log-file="$work/valgrind-$name.txt" "$@"
    local status=$?
    local errors lost
    errors="$(grep -o 'ERROR SUMMARY: [0-9,]* errors' "$work/valgrind-$name.txt" | tail -1)"
    lost="$(grep -E '(definitely|indirectly|possibly) lost:' "$work/valgrind-$name.txt" \
        | sed -E 's/^==[0-9]+== +//' | paste -sd ';' -)"
    echo "valgrind $name: $errors; ${lost:-no leaks possible (all heap blocks freed)}"
    return $status
}
vg_example() {
    printf '经审核，身份证号：110108199003071238。' | memcheck screen_post "$work/screen_post-shared"
    [ $? -eq 1 ] # review verdict; valgrind's own failures exit 99
}
step valgrind-errors memcheck errors "$work/errors-shared" "$work/tmp"
step valgrind-corpus memcheck corpus "$work/corpus-shared" "$work/corpus.tsv"
step valgrind-threads memcheck threads "$work/threads-shared" "$work/corpus-small.tsv" 100
step valgrind-example vg_example
canary() { # valgrind must fail on a leak and on a use after free
    local status=0
    "${vg[@]}" --log-file="$work/valgrind-canary-$1.txt" "$work/leak_canary-shared" "$1" || status=$?
    [ "$status" -eq 99 ] && grep -q "$2" "$work/valgrind-canary-$1.txt"
}
step valgrind-catches-a-leak canary leak 'definitely lost: [1-9]'
step valgrind-catches-use-after-free canary use-after-free 'Invalid read'

# ---- 6. Java ----------------------------------------------------------------------------------
java_tests() {
    rm -rf "$work/java-classes"
    javac -Xlint:all -Werror -d "$work/java-classes" -cp "$jna" \
        $(find "$repo/bindings/java/src" -name '*.java') \
        && java -Djna.library.path="$lib" -cp "$jna:$work/java-classes" \
            org.zhscreen.ZhscreenTest "$work/corpus.tsv"
}
step java java_tests

echo "c+java: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
