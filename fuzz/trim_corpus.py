#!/usr/bin/env python3
"""Caps a fuzz corpus at a few hundred files while keeping as much edge coverage as it can.

`cargo fuzz cmin` keeps every file that adds a coverage feature, which is a thousand or more
files for these targets. This script reads the per-file coverage that libFuzzer writes during a
merge (`-merge_control_file`), picks files greedily by the number of edges they add (smaller
files first among equals) until the cap or until nothing is added, deletes the rest, and prints
how much of the corpus's edge coverage the kept files hold.

    python3 fuzz/trim_corpus.py FUZZ_BINARY CORPUS_DIR [CAP]

FUZZ_BINARY is the built target (e.g. fuzz/target/x86_64-unknown-linux-gnu/release/scan_bytes).
"""
import os
import subprocess
import sys
import tempfile


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    binary, corpus = sys.argv[1], sys.argv[2]
    cap = int(sys.argv[3]) if len(sys.argv) == 4 else 300
    with tempfile.TemporaryDirectory() as tmp:
        control = os.path.join(tmp, "control.txt")
        empty = os.path.join(tmp, "empty")
        os.mkdir(empty)
        subprocess.run(
            [binary, "-merge=1", "-use_counters=0", "-max_len=4096",
             f"-merge_control_file={control}", empty, corpus],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(control, encoding="utf-8") as f:
            lines = f.read().splitlines()
    n = int(lines[0])
    files = lines[2:2 + n]
    cover = {}
    for line in lines[2 + n:]:
        parts = line.split()
        if parts and parts[0] == "COV":
            cover[int(parts[1])] = set(map(int, parts[2:]))
    everything = set().union(*cover.values()) if cover else set()
    size = {i: os.path.getsize(files[i]) for i in cover}
    kept, covered = [], set()
    while len(kept) < cap:
        best = max(cover, key=lambda i: (len(cover[i] - covered), -size[i]), default=None)
        if best is None or not cover[best] - covered:
            break
        kept.append(best)
        covered |= cover.pop(best)
    keep = {files[i] for i in kept}
    for path in files:
        if path not in keep:
            os.remove(path)
    share = 100.0 * len(covered) / max(1, len(everything))
    print(f"{corpus}: kept {len(keep)} of {n} files, {len(covered)} of {len(everything)} edges ({share:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
