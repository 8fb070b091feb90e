#!/usr/bin/env python3
"""Generated near misses of the wording checker's short formulations and leaders' names, one
sentence a line on stdout: for the comparison of two builds' findings
(scripts/compare-wording.sh).

Every formulation of crates/zhscreen/data/formulations.txt of at most 8 characters without its
punctuation (the ones found by their misspellings, and a few more), every form the checker makes
from crates/zhscreen/data/leaders.txt (title + name, name + short title, name + 同志) and every
leader's name, each with each character replaced by each of its look- and sound-alikes of
crates/zhscreen/data/confusables.txt (Chinese characters only) and each pair of neighbours
swapped, put in a sentence. Deterministic: no randomness, the order of the data files.
"""
import os
import sys

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "zhscreen", "data")
SOFT_PUNCT = set("、，,“”‘’\"'「」『』·《》")
FRAMES = ["我们要坚持{}，推动各项工作。", "会上强调{}的重要意义。", "{}"]


def is_han(c):
    # as crates/zhscreen/src/wording/data.rs `is_han`
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


def strip(text):
    return "".join(c for c in text if c not in SOFT_PUNCT)


def confusables():
    table = {}
    with open(os.path.join(DATA, "confusables.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, others = line[0], line[1:]
            table.setdefault(key, []).extend(c for c in others if not c.isspace())
    return table


def forms():
    out = []
    with open(os.path.join(DATA, "formulations.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith(("correct:", "enumeration:")):
                continue
            text = strip(line.split("|", 1)[0].strip())
            if 2 <= len(text) <= 8:
                out.append(text)
    name = None
    with open(os.path.join(DATA, "leaders.txt"), encoding="utf-8") as f:
        for line in f:
            body = line.split("#", 1)[0].rstrip()
            if not body.strip() or body.startswith("@"):
                continue
            head, _, opts = body.strip().partition("|")
            head = head.strip()
            if not body.startswith((" ", "\t")):
                name = head
                out.append(name)
                if len(name) >= 3:
                    out.append(name + "同志")
                continue
            out.append(head + name)
            for opt in opts.split(","):
                key, _, value = opt.strip().partition("=")
                if key == "short":
                    out.append(name + value.strip())
    seen = set()
    return [x for x in out if not (x in seen or seen.add(x))]


def main():
    table = confusables()
    n = 0
    for form in forms():
        variants = []
        for i, c in enumerate(form):
            for o in table.get(c, []):
                if is_han(o):
                    variants.append(form[:i] + o + form[i + 1 :])
            if i + 1 < len(form) and form[i] != form[i + 1]:
                variants.append(form[:i] + form[i + 1] + form[i] + form[i + 2 :])
        for v in variants:
            sys.stdout.write(FRAMES[n % len(FRAMES)].format(v) + "\n")
            n += 1
    sys.stderr.write(f"{n} sentences\n")


if __name__ == "__main__":
    main()
