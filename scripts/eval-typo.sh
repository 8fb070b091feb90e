#!/usr/bin/env bash
# Evaluates the typo findings (category `typo`: the wordlist and the statistical detector,
# docs/typo.md): detection and correction precision / recall at sentence level (SIGHAN's strict
# rule: a sentence counts when its flagged positions are exactly its wrong ones) and at character
# level, on ECSpell's odw train file (even lines tuned the threshold, odd lines are held out);
# then the share of sentences with a `typo/statistical` finding on the State Council work reports
# (2016-2025, which the model never saw, and 1954-2015, which it did), the seed regulations and
# the project's clean cases.
#   bash scripts/eval-typo.sh [--threshold T] [--dump FILE]
# TYPO_EVAL_SHOW=1 prints each finding on clean text to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${ZHSCREEN_SHARED:=$(cd .. && pwd)/shared}"
cargo run --quiet --release -p zhscreen --example typo_eval -- "$ZHSCREEN_SHARED" "$@"
