#!/usr/bin/env python3
"""Checks that the repository's documents hold together (issue 21's rule: every reference
resolves in the repository). Reads the files git tracks; writes nothing.

1. Every relative Markdown link `[text](path)` of a tracked `.md` file names a tracked file or
   directory (the `#fragment` is not checked).
2. No tracked file but the changelog names `DESIGN.md` or `DOMAIN.md`: the design contracts and
   domain facts live in `docs/` (`docs/contract.md`, `docs/design.md`, `docs/domain.md`).
3. README.md has at most 400 lines (details go to `docs/`).
4. ARCHITECTURE.md's code map names every module of each crate and of the C binding: every file
   and directory right under its `src/` appears, in backticks, in its section (`name`, `dir/`, a
   path ending in `/name`, or for a directory a path through it).

Prints one line per problem, `file:line: what`, and exits 1 if there is any; 0 otherwise.

    python3 scripts/check-docs.py
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README_MAX_LINES = 400
# The crates whose modules the code map must list, and the heading text of their section.
CODE_MAP = {
    "crates/zhscreen/src": "`crates/zhscreen/src/`",
    "crates/zhscreen-cli/src": "`crates/zhscreen-cli/src/`",
    "crates/zhscreen-desk/src": "`crates/zhscreen-desk/`",
    "bindings/c/src": "Bindings, tooling, documents",
}
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|!\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def tracked() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    return [p for p in out.decode("utf-8").split("\0") if p]


def check_links(files: list[str], known: set[str], problems: list[str]) -> None:
    for name in files:
        if not name.endswith(".md"):
            continue
        here = Path(name).parent
        in_fence = False
        text = (ROOT / name).read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if FENCE.match(line):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            # Code spans are examples, not links.
            line = re.sub(r"`[^`]*`", "", line)
            for m in LINK.finditer(line):
                target = m.group(1) or m.group(2)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                    continue  # a URL, mailto:, or a fragment of this page
                path = target.split("#", 1)[0]
                resolved = (here / path).as_posix()
                resolved = str(Path(resolved)).replace("\\", "/")
                norm = _normalise(resolved)
                if norm is None or norm not in known:
                    problems.append(f"{name}:{n}: link to {target}: no such file in the repository")


def _normalise(path: str):
    parts: list[str] = []
    for p in path.split("/"):
        if p in ("", "."):
            continue
        if p == "..":
            if not parts:
                return None  # outside the repository
            parts.pop()
        else:
            parts.append(p)
    return "/".join(parts)


def check_external_docs(files: list[str], problems: list[str]) -> None:
    for name in files:
        if name == "CHANGELOG.md" or name == "scripts/check-docs.py":
            continue
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            for doc in ("DESIGN.md", "DOMAIN.md"):
                if doc in line:
                    problems.append(
                        f"{name}:{n}: names {doc}, which is not in the repository "
                        f"(the contracts and facts are in docs/)"
                    )


def check_readme(problems: list[str]) -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").count("\n")
    if lines > README_MAX_LINES:
        problems.append(
            f"README.md:{README_MAX_LINES + 1}: {lines} lines, at most {README_MAX_LINES} "
            f"(move details to docs/)"
        )


def check_code_map(files: list[str], problems: list[str]) -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    sections = re.split(r"^(?=#{2,3} )", text, flags=re.M)
    for src, heading in CODE_MAP.items():
        section = next(
            (s for s in sections if s.startswith("#") and heading in s.splitlines()[0]),
            None,
        )
        if section is None:
            problems.append(f"ARCHITECTURE.md:1: no section headed with {heading}")
            continue
        spans = re.findall(r"`([^`]+)`", section)
        entries = set()
        for f in files:
            if f.startswith(src + "/"):
                rest = f[len(src) + 1 :].split("/")
                entries.add(rest[0] + ("/" if len(rest) > 1 else ""))
        for entry in sorted(entries):
            if not any(_names(s, entry) for s in spans):
                problems.append(
                    f"ARCHITECTURE.md:1: {src}/{entry} is not in the code map's section {heading}"
                )


def _names(span: str, entry: str) -> bool:
    """Whether a code span of the map names `entry` (`x.rs`, `dir/`): the entry itself, a path
    ending in it, or, for a directory, a path through it (`redact/masks.rs`)."""
    if span == entry or span.endswith("/" + entry):
        return True
    return entry.endswith("/") and (span.startswith(entry) or "/" + entry in span)


def main() -> int:
    files = tracked()
    known = set(files)
    for f in files:
        parts = f.split("/")
        for i in range(1, len(parts)):
            known.add("/".join(parts[:i]))
    known.add("")
    problems: list[str] = []
    check_links(files, known, problems)
    check_external_docs(files, problems)
    check_readme(problems)
    check_code_map(files, problems)
    for p in problems:
        print(p)
    if problems:
        print(f"check-docs: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("check-docs: links, references, README length and the code map are consistent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
