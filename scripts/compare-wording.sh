#!/usr/bin/env bash
# Compares the wording checker's and the typo detector's findings of two builds of bench-probe
# (`cargo build --release -p zhscreen-benches --bin bench-probe`, one binary copied aside before a
# change): every text of tests/cases/*.jsonl, the State Council work reports, the laws corpus and
# the near misses of scripts/gen-near-misses.py (every short formulation and leader's name with
# each look-alike substitution and each swap, in a sentence). Prints the counts per set; exits 1
# if any finding differs (the first differences are shown).
#
#   scripts/compare-wording.sh /tmp/bench-probe-before target/release/bench-probe
#
# The corpus files are read from ${ZHSCREEN_SHARED:-../shared}/corpus; a set that is missing is
# skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: compare-wording.sh BEFORE_BENCH_PROBE AFTER_BENCH_PROBE}
after=${2:?usage: compare-wording.sh BEFORE_BENCH_PROBE AFTER_BENCH_PROBE}
shared=${ZHSCREEN_SHARED:-../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat tests/cases/*.jsonl > "$work/cases.jsonl"
python3 scripts/gen-near-misses.py > "$work/near.txt"
sets=(cases:"$work/cases.jsonl" near:"$work/near.txt")
if [[ -f $shared/corpus/gov_work_reports.jsonl ]]; then
    sets+=(reports:"$shared/corpus/gov_work_reports.jsonl")
else
    echo "note: no $shared/corpus/gov_work_reports.jsonl: work reports skipped"
fi
if [[ -f $shared/corpus/laws.jsonl.xz ]]; then
    xz -dc "$shared/corpus/laws.jsonl.xz" > "$work/laws.jsonl"
    sets+=(laws:"$work/laws.jsonl")
else
    echo "note: no $shared/corpus/laws.jsonl.xz: laws skipped"
fi

status=0
for set in "${sets[@]}"; do
    name=${set%%:*}
    file=${set#*:}
    "$before" findings "$file" > "$work/$name.before"
    "$after" findings "$file" > "$work/$name.after"
    texts=$(wc -l < "$file")
    if cmp -s "$work/$name.before" "$work/$name.after"; then
        echo "$name: $texts texts, $(wc -l < "$work/$name.after") findings, identical"
    else
        echo "$name: $texts texts, $(wc -l < "$work/$name.before") findings before, $(wc -l < "$work/$name.after") after: DIFFERENT"
        diff "$work/$name.before" "$work/$name.after" | head -20 || true
        status=1
    fi
done
exit $status
