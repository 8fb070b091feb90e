#!/usr/bin/env bash
# Every test of zhscreen: Rust (core, CLI, C ABI), the accuracy tables, C and Java through the C
# ABI under valgrind, Python, the differential tests against independent implementations, and a
# benchmark smoke run. Installs what it needs (Debian packages, a Python venv) on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
: "${ZHSCREEN_SHARED:=$(cd .. && pwd)/shared}"
export ZHSCREEN_SHARED

step() { printf '\n==== %s (%ss) ====\n' "$1" "$SECONDS"; }

step "rustfmt and clippy"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
cargo fmt --all -- --check
cargo clippy --workspace --exclude zhscreen-python --all-targets -- -D warnings

step "documents (links resolve in the repository, README length, code map)"
python3 scripts/check-docs.py

step "Rust tests (core, CLI, C ABI)"
cargo test --workspace --exclude zhscreen-python

step "accuracy tables (corpus, work reports, seeds, ECSpell, held-out posts, all the laws)"
command -v xz >/dev/null || { apt-get update -qq && apt-get install -y -qq xz-utils; }
cargo test --release -p zhscreen --test corpus --test authoritative -- --nocapture --test-threads 1

step "hostile input at full size (64 MiB, 10 MiB line, 16 threads x 10,000 scans)"
cargo test --release -p zhscreen --test reliability

for script in crates/zhscreen-cli/run-tests.sh crates/zhscreen-desk/e2e/run.sh bindings/c/run-tests.sh \
              bindings/python/run-tests.sh tests/differential/run.sh benches/smoke.sh fuzz/replay.sh; do
  step "$script"
  bash "$script"
done

step "done"
