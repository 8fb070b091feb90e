#!/usr/bin/env bash
# What CI runs for the benchmarks: compiles every bench target, then runs the harness once over
# small inputs (criterion's test mode: every routine once). It checks that the harness works and
# that the match counts agree across engines (a disagreement exits 1). No timing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ZHSCREEN_SHARED:=$(cd .. && pwd)/shared}"
export ZHSCREEN_SHARED
cargo bench -p zhscreen-benches --no-run
cargo bench -p zhscreen-benches --bench zhscreen -- --test
# the review desk: /v1/scan answered with the library's reports by 8 clients (times nothing)
cargo bench -p zhscreen-benches --bench desk -- --test
cargo bench -p zhscreen-benches --bench personal -- --test
