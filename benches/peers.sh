#!/usr/bin/env bash
# zhscreen against its peers, on the same texts and the same 20k-term list, in one run:
# sensitive-rs (crates.io, built into bench-probe), pyahocorasick, ahocorasick_rs, flashtext and
# Python jieba.cut (from PyPI, in a venv), zhscreen's
# Python binding (where `pip install ./bindings/python` works) and the zhscreen CLI (where it
# builds; also whole-process on one 29 MB file, on all cores and on one). Prints a Markdown table of MB/s and ratios to zhscreen's own scan, and writes it to
# target/zhscreen-bench/peers.md. Exit status 1 if an overlapping matcher's count disagrees.
#
#   bash benches/peers.sh              # everything
#   ZHSCREEN_PEERS_NO_BINDING=1 ...    # skip building the Python binding (it takes minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
: "${ZHSCREEN_SHARED:=$(cd .. && pwd)/shared}"
export ZHSCREEN_SHARED
out="${ZHSCREEN_BENCH_OUT:-${CARGO_TARGET_DIR:-$repo/target}/zhscreen-bench}"
target="${CARGO_TARGET_DIR:-$repo/target}"
data="$out/peers-data"
venv="$out/peers-venv"
mkdir -p "$data"

echo "peers: building bench-probe and writing the inputs to $data" >&2
cargo build --release -q -p zhscreen-benches --features sensitive-rs --bin bench-probe
probe="$target/release/bench-probe"
"$probe" data "$data" >/dev/null

echo "peers: Python environment $venv" >&2
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
py="$venv/bin/python"
if ! "$py" -c 'import ahocorasick, ahocorasick_rs, flashtext, jieba' 2>/dev/null; then
  "$py" -m pip install -q --disable-pip-version-check pyahocorasick ahocorasick_rs flashtext jieba
fi

if [ -z "${ZHSCREEN_PEERS_NO_BINDING:-}" ] && [ -f bindings/python/pyproject.toml ]; then
  # The binding in the environment must be built from this checkout: a stamp of the sources'
  # git trees (and "dirty" when they have uncommitted changes) says which one is installed.
  stamp="$(git rev-parse HEAD:crates/zhscreen HEAD:bindings/python 2>/dev/null | tr '\n' ' ')"
  git diff --quiet HEAD -- crates/zhscreen bindings/python 2>/dev/null || stamp="$stamp dirty $(date +%s)"
  if ! "$py" -c 'import zhscreen' 2>/dev/null || [ -n "${ZHSCREEN_PEERS_REINSTALL:-}" ] \
    || [ "$(cat "$venv/zhscreen-binding.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "peers: pip install ./bindings/python (builds the extension in release mode)" >&2
    if "$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./bindings/python >"$out/peers-binding.log" 2>&1; then
      echo "$stamp" >"$venv/zhscreen-binding.stamp"
    else
      rm -f "$venv/zhscreen-binding.stamp"
      echo "peers: NOTICE: pip install ./bindings/python failed (log: $out/peers-binding.log); the binding's rows are skipped" >&2
    fi
  fi
else
  echo "peers: NOTICE: the Python binding is not installed (no bindings/python/pyproject.toml, or ZHSCREEN_PEERS_NO_BINDING); its rows are skipped" >&2
fi

cli_args=()
if [ -f crates/zhscreen-cli/Cargo.toml ] && cargo build --release -q -p zhscreen-cli 2>"$out/peers-cli.log"; then
  cli_args=(--cli "$target/release/zhscreen")
else
  echo "peers: NOTICE: cargo build --release -p zhscreen-cli failed (log: $out/peers-cli.log); the CLI rows are skipped" >&2
fi

echo "peers: running zhscreen (reference, before and after) and the peers" >&2
"$py" benches/peers/peers.py "$data" --probe "$probe" --out "$out/peers.md" "${cli_args[@]}"
