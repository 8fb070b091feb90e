"""Shared fixtures: the repository, the test data, one default screener, the corpus cases."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import zhscreen

BINDING = Path(__file__).resolve().parent.parent
REPO = BINDING.parent.parent


def shared_dir() -> Path:
    """`shared/` sits beside the repository; ZHSCREEN_SHARED overrides."""
    env = os.environ.get("ZHSCREEN_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    # The tests are about the installed wheel, not a checkout that happens to be on sys.path.
    where = Path(zhscreen.__file__).resolve()
    if BINDING / "python" in where.parents:
        raise pytest.UsageError(
            f"zhscreen was imported from the source tree ({where}); install it "
            "(pip install ./bindings/python) and run pytest from elsewhere"
        )


@dataclass
class Case:
    origin: str
    id: str
    text: str
    expect: list[dict[str, Any]] = field(default_factory=list)
    forbid: list[dict[str, Any]] = field(default_factory=list)
    clean: bool = False
    verdict_min: str | None = None
    verdict_max: str | None = None


def load_cases(path: Path) -> list[Case]:
    cases = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        v = json.loads(line)
        origin = f"{path.name}:{n}"
        for k in ("verdict_min", "verdict_max"):
            if k in v and v[k] not in zhscreen.VERDICTS:
                raise ValueError(f"{origin}: unknown verdict {v[k]!r}")
        cases.append(
            Case(
                origin=origin,
                id=v.get("id", "?"),
                text=v["text"],
                expect=v.get("expect", []),
                forbid=v.get("forbid", []),
                clean=bool(v.get("clean", False)),
                verdict_min=v.get("verdict_min"),
                verdict_max=v.get("verdict_max"),
            )
        )
    return cases


def all_cases() -> list[Case]:
    """The shared cases, then the project's own, files in name order (as the Rust suite)."""
    cases = load_cases(shared_dir() / "corpus" / "cases.jsonl")
    for f in sorted((REPO / "tests" / "cases").glob("*.jsonl")):
        cases.extend(load_cases(f))
    return cases


@pytest.fixture(scope="session")
def screener() -> zhscreen.Screener:
    s = zhscreen.Screener()
    s.warm_up()
    return s


@pytest.fixture(scope="session")
def cases() -> list[Case]:
    return all_cases()


def work_report_sentences(limit: int | None = None) -> list[str]:
    """Sentences of the State Council work reports, split as the Rust suite splits them."""
    out: list[str] = []
    path = shared_dir() / "corpus" / "gov_work_reports.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        text = json.loads(line).get("text", "")
        for sep in "。！？；":
            text = text.replace(sep, "\n")
        out.extend(s.strip() for s in text.split("\n") if s.strip())
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out
