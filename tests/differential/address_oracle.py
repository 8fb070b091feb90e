#!/usr/bin/env python3
"""Differential test of zhscreen's home-address detector against cpca's division names and parser.

Oracle (installed from PyPI when missing, pinned): cpca 0.5.5 (MIT licence), which ships the
administrative divisions of mainland China (``cpca/resources/adcodes.csv``: 3,500 province-,
prefecture- and county-level names with their codes) and a parser that splits an address into
province, city, county and the rest.

zhscreen does not ship division names: it reads an address by the suffixes of its parts
(``crates/zhscreen/data/address_suffixes.txt``). This test puts every county-level division of
cpca's table, under its real prefecture and province, into residential addresses, in context
(家住…) and by the residential tail alone (收件人…，ADDRESS，), and checks that

  1. zhscreen reports the whole address as ``personal_info/home_address`` at ``review``;
  2. redaction keeps exactly the administrative part (province + prefecture + county as cpca
     lists them) and masks the rest character for character;
  3. cpca parses zhscreen's kept part to the same province, city and county as the full address
     (the two agree on where the administrative part ends).

It prints the agreement per check and exits 1 when one is below its bound (2 on a usage error):
99 % for the masks and cpca's reading, 98 % for "reported whole". The misses it prints are known:
division names that begin with a function character (于都县, 于洪区, 即墨市, 将乐县) or hold a
lower level's suffix (绿园区, 下花园区), read short by the suffix rules (about 1.5 % of the
sentences in this session's run, 98.53 %).
Not compared: cpca's placeholder rows (市辖区, 县, 省直辖县级行政区划...), which are no place
names.

Usage:
  python3 tests/differential/address_oracle.py            # builds and runs the example
  python3 tests/differential/address_oracle.py --no-install
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import random
import subprocess
import sys

SEED = 20261207
THRESHOLD = 0.99
ORACLE = "cpca==0.5.5"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县级行政区划")
ROADS = ["人民路", "解放中路", "建设大道", "青年街", "文化巷", "兴业路"]


def ensure_oracle(install: bool):
    try:
        return importlib.import_module("cpca")
    except ImportError:
        if not install:
            sys.exit(f"missing oracle: {ORACLE} (pip install it, or drop --no-install)")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", ORACLE], check=True)
        return importlib.import_module("cpca")


def divisions(cpca) -> list[tuple[str, str, str]]:
    """(province, prefecture, county) names for every county-level row of cpca's table."""
    path = os.path.join(os.path.dirname(cpca.__file__), "resources", "adcodes.csv")
    names: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[row["adcode"][:6]] = row["name"]
    out = []
    for code, name in sorted(names.items()):
        if code[2:] == "0000" or code[4:] == "00" or name in PLACEHOLDERS:
            continue
        province = names.get(code[:2] + "0000", "")
        prefecture = names.get(code[:4] + "00", "")
        if prefecture in PLACEHOLDERS:
            prefecture = ""
        if not province:
            continue
        out.append((province, prefecture, name))
    return out


def run_zhscreen(texts: list[str], redact: bool) -> list[dict]:
    cmd = ["cargo", "run", "--release", "--quiet", "-p", "zhscreen", "--example", "scan_jsonl"]
    if redact:
        cmd += ["--", "--redact"]
    proc = subprocess.run(cmd, input="\n".join(texts) + "\n", capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.exit(2)
    return [json.loads(line) for line in proc.stdout.splitlines()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-install", action="store_true", help="do not pip-install the oracle")
    args = ap.parse_args()
    cpca = ensure_oracle(not args.no_install)
    rng = random.Random(SEED)
    cases = []  # (text, admin, rest)
    for province, prefecture, county in divisions(cpca):
        admin = province + (prefecture if prefecture != province else "") + county
        rest = f"{rng.choice(ROADS)}{rng.randint(1, 399)}号{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(101, 2804)}室"
        cases.append((f"申请人张某，家住{admin}{rest}，现申请临时救助。", admin, rest))
        cases.append((f"收件人：李某，{admin}{rest}，", admin, rest))
    texts = [c[0] for c in cases]
    reports = run_zhscreen(texts, redact=False)
    redacted = run_zhscreen(texts, redact=True)
    if len(reports) != len(cases) or len(redacted) != len(cases):
        sys.exit(f"{len(reports)}/{len(redacted)} outputs for {len(cases)} sentences")

    found = masked = parsed = 0
    misses, bad_masks, disagreements = [], [], []
    kept_parts = []
    for (text, admin, rest), report, red in zip(cases, reports, redacted):
        addr = admin + rest
        hit = any(
            f["rule"] == "personal_info/home_address" and f["severity"] == "review" and f["text"] == addr
            for f in report["findings"]
        )
        found += hit
        if not hit and len(misses) < 15:
            misses.append((text, [(f["rule"], f["text"]) for f in report["findings"]]))
        want = text.replace(addr, admin + "*" * len(rest))
        ok = red["redacted"] == want
        masked += ok
        if not ok and len(bad_masks) < 15:
            bad_masks.append((text, red["redacted"]))
        kept = red["redacted"].split("*")[0]
        kept_parts.append((addr, kept[kept.rfind("，") + 1:].removeprefix("家住")))
    full = cpca.transform([a for a, _ in kept_parts])
    part = cpca.transform([k for _, k in kept_parts])
    cols = ["省", "市", "区"]
    for i, (addr, kept) in enumerate(kept_parts):
        a = tuple(full.iloc[i][c] for c in cols)
        b = tuple(part.iloc[i][c] for c in cols)
        parsed += a == b
        if a != b and len(disagreements) < 15:
            disagreements.append((addr, kept, a, b))

    n = len(cases)
    rows = [
        ("reported whole, at review", found),
        ("redacted to the division names", masked),
        ("cpca reads the kept part alike", parsed),
    ]
    print(f"cpca 0.5.5: {n // 2} county-level divisions, {n} sentences (in context and by tail)")
    ok = True
    bounds = {"reported whole, at review": 0.98}
    for name, k in rows:
        rate = k / n
        ok &= rate >= bounds.get(name, THRESHOLD)
        print(f"  {name:<34} {k:>6}/{n:<6} {rate:.2%}")
    for text, found_ in misses:
        print(f"  missed: {text} {found_}")
    for text, red in bad_masks:
        print(f"  mask: {text} -> {red}")
    for addr, kept, a, b in disagreements:
        print(f"  cpca: {addr} {a} vs kept {kept} {b}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
