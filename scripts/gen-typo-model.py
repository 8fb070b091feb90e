#!/usr/bin/env python3
"""Generates the statistical typo detector's data (crates/zhscreen/src/typo/):

- crates/zhscreen/data/typo_confusions.txt: for every CJK character of the sources, the common
  characters that look or sound like it (human-readable; compiled by build.rs);
- crates/zhscreen/data/typo_ngrams.bin: character 1-, 2- and 3-gram counts of official Chinese
  (pruned, log-quantised; read in place by src/typo/model.rs, format below).

Sources (all recorded in crates/zhscreen/data/README.md):
- confusion sets: ECSpell's shapeConfusion.json, soundConfusion.json and
  NCU_NLPLab_ConfusionSet.txt (aopolin-lv/ECSpell, commit 025bf43f, MIT: data/LICENSE-ECSpell),
  looked for in $ZHSCREEN_SHARED/typo; pycorrector 1.1.4's same_pinyin.txt and same_stroke.txt
  (Apache-2.0: data/LICENSE-pycorrector), read from its wheel, which this script downloads with
  `pip download --no-deps pycorrector==1.1.4` (no install);
- n-grams: $ZHSCREEN_SHARED/corpus/laws.jsonl.xz (laws and regulations, 17.4M characters) and the
  State Council work reports of gov_work_reports.jsonl from 1954 to HELD_OUT_FROM - 1 (official
  documents, PRC Copyright Law art. 5); the reports from HELD_OUT_FROM on are left out so that the
  false-positive figure on them is measured on text the model never saw; plus the words of
  crates/zhscreen/data/jieba-dict.txt (jieba's dictionary, MIT), their inner n-grams counted
  freq / JIEBA_SCALE times (rounded up).
Never ECSpell's sentences: they are for measuring only (scripts/eval-typo.sh).

Binary format (little-endian), version 1:
    b"ZSTYPOM1", u32 chars, u32 bigrams, u32 trigrams, u32 0, u64 characters counted
    chars x u32: the code point of each rank (rank 0 is the boundary: anything not a CJK
                 character of U+4E00..U+9FFF, and the start or end of a run)
    chars x u32: the count of each rank (the boundary's is the number of runs)
    bigrams x u32: keys rank_a << 16 | rank_b, ascending; bigrams x u8: their counts
    trigrams x u32: fingerprints (see fingerprint()), ascending; trigrams x u8: their counts
    A count byte q stands for 2^(q/8) (q = round(8 log2 n)); n-grams seen fewer than MIN_COUNT
    times are left out.

Run:  python3 scripts/gen-typo-model.py        (about 3 minutes, 3 GB of memory)
      python3 scripts/gen-typo-model.py --check (fails if a committed file differs)
"""
import json
import lzma
import math
import os
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates/zhscreen/data"
SHARED = Path(os.environ.get("ZHSCREEN_SHARED", ROOT.parent / "shared"))
PYCORRECTOR = "pycorrector==1.1.4"
HELD_OUT_FROM = 2016
JIEBA_SCALE = 100
MIN_COUNT = 2
# A candidate correction must be a character seen at least this often in the corpus.
MIN_CANDIDATE_COUNT = 20
MASK64 = (1 << 64) - 1


def is_cjk(c):
    return "\u4e00" <= c <= "\u9fff"


def fingerprint(a, b, c):
    """The trigram's u32 fingerprint: the high half of its 48-bit key times a 64-bit odd constant
    (src/typo/model.rs computes the same)."""
    key = (a << 32) | (b << 16) | c
    return ((key * 0x9E3779B97F4A7C15) & MASK64) >> 32


def quantise(n):
    return min(255, round(8 * math.log2(n)))


def texts():
    with lzma.open(SHARED / "corpus/laws.jsonl.xz", "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["text"]
    year = None
    with open(SHARED / "corpus/gov_work_reports.jsonl", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            # an NPC resolution (no year) follows the report it approves
            year = int(doc["year"]) if doc["year"] else year
            if year < HELD_OUT_FROM:
                yield doc["text"]


def runs(text):
    run = []
    for c in text:
        if is_cjk(c):
            run.append(c)
        elif run:
            yield run
            run = []
    if run:
        yield run


def count():
    uni, bi, tri = Counter(), Counter(), Counter()
    runs_n = 0
    for text in texts():
        for run in runs(text):
            runs_n += 1
            uni.update(run)
            seq = ["\0"] + run + ["\0"]
            bi.update(zip(seq, seq[1:]))
            tri.update(zip(seq, seq[1:], seq[2:]))
    for n, line in enumerate((DATA / "jieba-dict.txt").read_text(encoding="utf-8").splitlines()):
        fields = line.split()
        word, freq = fields[0], int(fields[1])
        if len(word) < 2 or not all(is_cjk(c) for c in word):
            continue
        k = -(-freq // JIEBA_SCALE)
        for i in range(len(word) - 1):
            bi[(word[i], word[i + 1])] += k
        for i in range(len(word) - 2):
            tri[(word[i], word[i + 1], word[i + 2])] += k
    return uni, bi, tri, runs_n


def confusions(uni):
    sets = {}

    def add(k, vs):
        if len(k) == 1 and is_cjk(k):
            sets.setdefault(k, set()).update(v for v in vs if len(v) == 1 and is_cjk(v) and v != k)

    for name in ("soundConfusion.json", "shapeConfusion.json"):
        with open(SHARED / "typo" / name, encoding="utf-8") as f:
            for k, v in json.load(f).items():
                add(k, v)
    with open(SHARED / "typo/NCU_NLPLab_ConfusionSet.txt", encoding="utf-8") as f:
        for line in f:
            k, _, v = line.strip().partition(",")
            add(k, list(v))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PYCORRECTOR],
            check=True,
        )
        wheel = next(Path(tmp).glob("pycorrector-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            for name in ("same_pinyin.txt", "same_stroke.txt"):
                for line in z.read(f"pycorrector/data/{name}").decode("utf-8").splitlines():
                    if line.startswith("#") or not line.strip():
                        continue
                    fields = line.split("\t")
                    add(fields[0], "".join(fields[1:]))
            licence = z.read("pycorrector-1.1.4.dist-info/licenses/LICENSE").decode("utf-8")
    lines = [
        "# Generated by scripts/gen-typo-model.py: ECSpell's shapeConfusion.json, soundConfusion.json and",
        "# NCU_NLPLab_ConfusionSet.txt (aopolin-lv/ECSpell, commit 025bf43f, MIT: LICENSE-ECSpell) and",
        "# pycorrector 1.1.4's same_pinyin.txt and same_stroke.txt (Apache-2.0: LICENSE-pycorrector),",
        f"# each set made symmetric and kept to characters seen {MIN_CANDIDATE_COUNT}+ times in the corpus.",
        "# Each line: a character, a space, the characters that look or sound like it (the typo",
        "# detector's candidate corrections). Do not edit: run the script.",
    ]
    sym = {}
    for k, vs in sets.items():
        for v in vs:
            sym.setdefault(k, set()).add(v)
            sym.setdefault(v, set()).add(k)
    for k in sorted(sym):
        cands = sorted(v for v in sym[k] if uni[v] >= MIN_CANDIDATE_COUNT)
        if cands:
            lines.append(f"{k} {''.join(cands)}")
    return "\n".join(lines) + "\n", licence


def model(uni, bi, tri, runs_n):
    chars = ["\0"] + sorted(uni, key=lambda c: (-uni[c], c))
    assert len(chars) < 65536
    rank = {c: i for i, c in enumerate(chars)}
    counts = [runs_n] + [uni[c] for c in chars[1:]]
    bigrams = sorted(
        ((rank[a] << 16) | rank[b], quantise(n))
        for (a, b), n in bi.items()
        if n >= MIN_COUNT and a in rank and b in rank
    )
    trig = {}
    for (a, b, c), n in tri.items():
        if n >= MIN_COUNT and a in rank and b in rank and c in rank:
            f = fingerprint(rank[a], rank[b], rank[c])
            trig[f] = max(trig.get(f, 0), quantise(n))
    trigrams = sorted(trig.items())
    out = bytearray(b"ZSTYPOM1")
    out += struct.pack("<IIIIQ", len(chars), len(bigrams), len(trigrams), 0, sum(uni.values()))
    out += struct.pack(f"<{len(chars)}I", *(ord(c) for c in chars))
    out += struct.pack(f"<{len(chars)}I", *counts)
    out += struct.pack(f"<{len(bigrams)}I", *(k for k, _ in bigrams))
    out += bytes(q for _, q in bigrams)
    out += struct.pack(f"<{len(trigrams)}I", *(k for k, _ in trigrams))
    out += bytes(q for _, q in trigrams)
    return bytes(out), (len(chars), len(bigrams), len(trigrams))


def main():
    uni, bi, tri, runs_n = count()
    conf, licence = confusions(uni)
    blob, sizes = model(uni, bi, tri, runs_n)
    outputs = {
        DATA / "typo_confusions.txt": conf.encode("utf-8"),
        DATA / "typo_ngrams.bin": blob,
        DATA / "LICENSE-pycorrector": licence.encode("utf-8"),
    }
    if "--check" in sys.argv:
        stale = [str(p) for p, b in outputs.items() if not p.exists() or p.read_bytes() != b]
        if stale:
            sys.exit(f"stale: {', '.join(stale)}: run python3 scripts/gen-typo-model.py")
        return
    for p, b in outputs.items():
        p.write_bytes(b)
    print(
        f"typo_ngrams.bin: {len(blob)} bytes, {sizes[0]} characters, {sizes[1]} bigrams, "
        f"{sizes[2]} trigrams; typo_confusions.txt: {conf.count(chr(10)) - 6} characters"
    )


if __name__ == "__main__":
    main()
