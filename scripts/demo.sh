#!/usr/bin/env bash
# Screens the bundled example notice with the default lists, then shows the de-identified and the
# corrected text. Builds the `zhscreen` command on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p zhscreen-cli
zhscreen=target/release/zhscreen
input=${1:-examples/notice.txt}

echo "== zhscreen scan $input"
# Exit status 1 means "findings at or above --fail-on": expected for this example.
"$zhscreen" scan "$input" || [ $? -eq 1 ]
echo
echo "== zhscreen redact $input (personal data de-identified)"
"$zhscreen" redact "$input"
echo
echo "== zhscreen fix $input --diff (wording and typos corrected)"
"$zhscreen" fix --diff "$input" || true
