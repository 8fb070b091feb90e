#!/usr/bin/env bash
# Regenerates crates/zhscreen/data/jieba-dict.txt from the dictionary bundled with the jieba-rs
# crate this workspace locks (Cargo.lock), keeping the word and frequency of each line (the
# part-of-speech tags are not used by the whole-word check). crates/zhscreen/build.rs compiles the
# file into the segmenter's table; src/segment/differential_tests.rs checks, against jieba-rs
# itself, that the segmenter cuts exactly as jieba-rs does with this dictionary.
#
#   bash scripts/import-jieba-dict.sh    # after changing the jieba-rs version in Cargo.toml
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(cargo metadata --format-version 1 --locked |
  python3 -c 'import json,sys; m=json.load(sys.stdin); print(next(p["manifest_path"] for p in m["packages"] if p["name"]=="jieba-rs"))')
src="$(dirname "$manifest")/src/data/dict.txt"
version=$(basename "$(dirname "$manifest")")
out=crates/zhscreen/data/jieba-dict.txt
awk 'NF >= 1 { print $1, (NF >= 2 ? $2 : 0) }' "$src" >"$out"
echo "import-jieba-dict: $out from $version ($(wc -l <"$out") words)" >&2
