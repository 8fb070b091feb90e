#!/usr/bin/env python3
"""Fills the README's <!-- SECTION --> markers from the per-part documents.

The CLI, bindings and benchmark sections are kept beside their code (crates/zhscreen-cli/README.md,
bindings/*/README.md, benches/README.md, fuzz/README.md); this script copies them into README.md
between `<!-- BEGIN X -->` / `<!-- END X -->` markers so the top-level README stays complete.
Run it after editing one of those files; the test suite checks the README is up to date.
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = {
    "CLI": ("crates/zhscreen-cli/README.md", "Command line"),
    "PYTHON": ("bindings/python/README.md", "Python"),
    "C-JAVA": ("bindings/c/README.md", "C and Java"),
    "SPEED": ("benches/README.md", None),
    "RELIABILITY": ("fuzz/README.md", None),
}


def headings(lines):
    """Yields (index, level) of the Markdown headings outside fenced code blocks."""
    fenced = False
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            m = re.match(r"^(#+) ", line)
            if m:
                yield i, len(m.group(1))


def section(name: str) -> str:
    path, title = PARTS[name]
    p = ROOT / path
    if not p.exists():
        return ""
    lines = p.read_text(encoding="utf-8").strip().split("\n")
    found = list(headings(lines))
    top = min((level for _, level in found), default=3)
    # A part with one top heading: the README's section title replaces it.
    if found and found[0] == (0, top) and sum(1 for _, lv in found if lv == top) == 1:
        lines = lines[1:]
        found = [(i - 1, lv) for i, lv in found[1:]]
        top = min((level for _, level in found), default=3)
    for i, level in found:
        lines[i] = "#" * (level + 3 - top) + lines[i][level:]
    body = "\n".join(lines).strip()
    head = f"## {title}\n\n" if title else ""
    return f"{head}{body}\n"


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name in PARTS:
        block = f"<!-- BEGIN {name} -->\n{section(name)}<!-- END {name} -->"
        pattern = re.compile(rf"<!-- BEGIN {name} -->.*?<!-- END {name} -->|<!-- {name} -->", re.S)
        text = pattern.sub(lambda _m: block, text)
    if "--check" in sys.argv:
        if readme.read_text(encoding="utf-8") != text:
            print("README.md is out of date: run python3 scripts/assemble-readme.py", file=sys.stderr)
            return 1
        return 0
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
