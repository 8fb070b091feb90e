#!/usr/bin/env bash
# Runs the whole benchmark (3-4 minutes on two cores) and prints its Markdown table: the same
# table as benches/README.md. Criterion's own output goes to target/zhscreen-bench/bench.log.
#
#   bash benches/report.sh                # the harness
#   bash benches/report.sh --with-peers   # and then benches/peers.sh (Python peers, CLI, binding)
#   bash benches/report.sh 20k            # only the timings whose id contains 20k (criterion filter)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ZHSCREEN_SHARED:=$(cd .. && pwd)/shared}"
export ZHSCREEN_SHARED
out="${ZHSCREEN_BENCH_OUT:-${CARGO_TARGET_DIR:-$(pwd)/target}/zhscreen-bench}"
mkdir -p "$out"
peers=
if [ "${1:-}" = --with-peers ]; then
  peers=1
  shift
fi
echo "report: running the benchmark; criterion's output goes to $out/bench.log" >&2
if ! cargo bench -p zhscreen-benches --bench zhscreen -- "$@" >"$out/bench.log" 2>&1; then
  tail -n 40 "$out/bench.log" >&2
  echo "report: the benchmark failed (log: $out/bench.log)" >&2
  exit 1
fi
cat "$out/table.md"
if [ -n "$peers" ]; then
  echo
  bash benches/peers.sh
fi
