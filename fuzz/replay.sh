#!/usr/bin/env bash
# Replays the committed fuzz corpora (fuzz/corpus/<target>/) and any crash reproducers
# (fuzz/regressions/<target>/) through the fuzz targets' own check functions (fuzz/src/lib.rs).
# This is what CI runs: stable Rust, no nightly, no libFuzzer, about half a minute once built.
#
#   fuzz/replay.sh            replay every target
#   fuzz/replay.sh scan_mix   replay one target
#
# The fuzz package is not a member of the workspace (cargo-fuzz builds it with nightly flags), so
# it is built here with its own manifest, into the workspace's target directory, where the
# dependencies the tests already built are reused.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
# A target directory of its own: the C library this package links (libzhscreen.so, no hash in
# its name) would otherwise be overwritten by the workspace's build of the same crate.
target_dir="${CARGO_TARGET_DIR:-$repo/target}/fuzz-replay"

filter=()
if [[ $# -gt 0 ]]; then
    filter=(--exact "$@")
fi

exec cargo test --manifest-path "$here/Cargo.toml" --no-default-features \
    --target-dir "$target_dir" --test replay -- "${filter[@]}"
