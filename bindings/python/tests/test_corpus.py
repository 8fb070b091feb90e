"""The annotated corpus through Python, scored as the Rust suite scores it
(crates/zhscreen/tests/corpus.rs), and every report compared byte for byte with the Rust API's."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pytest

import zhscreen
from conftest import REPO, Case, shared_dir, work_report_sentences

BOUND = 0.95
ORDER = {v: i for i, v in enumerate(zhscreen.VERDICTS)}
SEVERITY = {s: i for i, s in enumerate(zhscreen.SEVERITIES)}


def strings(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, list):
        return [s for s in v if isinstance(s, str)]
    return []


def categories(spec: dict[str, Any]) -> list[str]:
    cats = strings(spec.get("cat"))
    unknown = [c for c in cats if c not in zhscreen.CATEGORIES]
    assert not unknown, f"unknown categories {unknown}"
    return cats


def spans(text: str, spec: dict[str, Any]) -> list[tuple[int, int]]:
    """The first occurrence of each accepted substring, as string indices."""
    out = []
    for m in strings(spec.get("match")):
        i = text.find(m)
        if i >= 0:
            out.append((i, i + len(m)))
    return out


@dataclass
class Tally:
    ok: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.ok += int(ok)

    def rate(self) -> float:
        return 1.0 if self.total == 0 else self.ok / self.total


@dataclass
class Scores:
    recall: Tally = field(default_factory=Tally)
    clean: Tally = field(default_factory=Tally)
    verdicts: Tally = field(default_factory=Tally)
    suggestions: Tally = field(default_factory=Tally)
    forbidden: Tally = field(default_factory=Tally)
    per_category: dict[str, tuple[Tally, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: (Tally(), Tally()))
    )
    failures: list[str] = field(default_factory=list)


def overlaps(f: zhscreen.Finding, ranges: list[tuple[int, int]]) -> bool:
    return any(f.start < b and f.end > a for a, b in ranges)


def score(screener: zhscreen.Screener, cases: list[Case]) -> Scores:
    s = Scores()
    reports = screener.scan_many(c.text for c in cases)
    for case, report in zip(cases, reports):
        findings = report.findings
        for spec in case.expect:
            cats = categories(spec)
            ranges = spans(case.text, spec)
            assert ranges, f"{case.origin}: expect match not in text"
            hit = next((f for f in findings if f.category in cats and overlaps(f, ranges)), None)
            s.recall.add(hit is not None)
            s.per_category[cats[0]][0].add(hit is not None)
            if hit is None:
                s.failures.append(f"{case.origin} [{case.id}] missed {spec}: {case.text}")
            want = spec.get("suggestion")
            if isinstance(want, str):
                got = hit.suggestion if hit is not None else None
                s.suggestions.add(got == want)
                if got != want:
                    s.failures.append(f"{case.origin} [{case.id}] suggestion {got!r}, want {want!r}")
        for spec in case.forbid:
            cats = categories(spec)
            ranges = spans(case.text, spec)
            bad = next(
                (
                    f
                    for f in findings
                    if f.category in cats
                    and SEVERITY[f.severity] >= SEVERITY[spec.get("severity", "review")]
                    and overlaps(f, ranges)
                ),
                None,
            )
            s.forbidden.add(bad is None)
            s.per_category[cats[0]][1].add(bad is None)
            if bad is not None:
                s.failures.append(f"{case.origin} [{case.id}] forbidden {bad.rule} {bad.text}: {case.text}")
        if case.clean:
            ok = ORDER[report.verdict] <= ORDER["warn"]
            s.clean.add(ok)
            if not ok:
                s.failures.append(f"{case.origin} [{case.id}] not clean: {report}")
        if case.verdict_min is not None or case.verdict_max is not None:
            v = ORDER[report.verdict]
            ok = (case.verdict_min is None or v >= ORDER[case.verdict_min]) and (
                case.verdict_max is None or v <= ORDER[case.verdict_max]
            )
            s.verdicts.add(ok)
            if not ok:
                s.failures.append(
                    f"{case.origin} [{case.id}] verdict {report.verdict} outside "
                    f"{case.verdict_min}..{case.verdict_max}: {report}"
                )
    return s


def test_annotated_cases_meet_the_bounds(screener: zhscreen.Screener, cases: list[Case]) -> None:
    s = score(screener, cases)
    rows = [
        ("recall (expected findings)", s.recall),
        ("clean texts passed", s.clean),
        ("verdicts in range", s.verdicts),
        ("suggestions", s.suggestions),
        ("no forbidden hits", s.forbidden),
    ]
    print(f"\nzhscreen corpus accuracy through Python ({len(cases)} cases)")
    print(f"{'measure':<28} {'ok':>8} {'total':>8} {'rate':>8}")
    for name, t in rows:
        print(f"{name:<28} {t.ok:>8} {t.total:>8} {t.rate():>8.3f}")
    for f in s.failures:
        print(f"  {f}")
    assert s.recall.total > 0 and s.clean.total > 0 and s.verdicts.total > 0
    for name, t in rows:
        assert t.rate() >= BOUND, f"{name}: {t.rate():.3f} < {BOUND}"
    missing = [c for c in zhscreen.CATEGORIES if s.per_category[c][0].total == 0]
    assert not missing, f"categories without positive cases: {missing}"


def comparison_texts(cases: list[Case]) -> list[str]:
    """Every corpus case, ECSpell's official-document sentences, a sample of the work reports,
    and texts with emoji, astral characters and noise."""
    texts = [c.text for c in cases]
    for line in (shared_dir() / "corpus" / "ecspell_odw_train.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 3 and cols[0].strip().isdigit():
            texts.append(cols[1])
    texts.extend(work_report_sentences()[::7])
    texts.extend(
        [
            "",
            "😀出售海洛因🚫，加微信13912345678，身份证号110108199003071238。",
            "𠮷野家 冰*毒 賭博網站 ＡＢＣ１２３ 绝密★10年",
            "紧急扩散！！！速转\r\n第二行：内部资料，不得外传。",
        ]
    )
    return texts


def cargo() -> str:
    exe = shutil.which("cargo")
    if exe is None:
        pytest.fail("cargo is not on PATH: the comparison with the Rust API needs it")
    return exe


def rust_reports(args: list[str], stdin: str) -> list[str]:
    proc = subprocess.run(
        [cargo(), "run", "-q", *args],
        cwd=REPO,
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-4000:]
    out = proc.stdout.decode("utf-8")
    assert out.endswith("\n")
    # Split on "\n" only: JSON escapes it, but not U+2028 and the like that splitlines() cuts at.
    return out[:-1].split("\n")


def test_reports_are_the_rust_api_reports(screener: zhscreen.Screener, cases: list[Case]) -> None:
    texts = comparison_texts(cases)
    # The core's scan_jsonl example reads one text a line; texts with line breaks go through this
    # crate's report_json example, which reads JSON strings.
    one_line = [t for t in texts if "\n" not in t and "\r" not in t]
    multi_line = [t for t in texts if "\n" in t or "\r" in t]
    assert multi_line, "the multi-line path must be exercised"

    got = rust_reports(["--release", "-p", "zhscreen", "--example", "scan_jsonl"], "".join(t + "\n" for t in one_line))
    got += rust_reports(
        ["-p", "zhscreen-python", "--example", "report_json"],
        "".join(json.dumps(t) + "\n" for t in multi_line),
    )
    ordered = one_line + multi_line
    assert len(got) == len(ordered)
    rust_rules = json.loads(got[0])["ruleset"]
    assert rust_rules == screener.ruleset.to_dict(), (
        "the installed module was built from other sources than the Rust examples: reinstall it "
        "(bash bindings/python/run-tests.sh does when the sources change)"
    )
    mine = [r.to_json() for r in screener.scan_many(ordered)]
    diffs = [(t, a, b) for t, a, b in zip(ordered, mine, got) if a != b]
    flagged = sum(1 for j in got if json.loads(j)["findings"])
    print(f"\ncompared {len(ordered)} reports with the Rust API ({len(multi_line)} multi-line); "
          f"{flagged} with findings; {len(diffs)} differ")
    assert flagged > 500, "the comparison must cover many findings"
    for t, a, b in diffs[:5]:
        print(f"text: {t!r}\npython: {a}\nrust:   {b}")
    assert not diffs


def test_json_contract_and_attributes_agree(screener: zhscreen.Screener, cases: list[Case]) -> None:
    n = 0
    for report in screener.scan_many(c.text for c in cases):
        data = json.loads(report.to_json())
        assert data["verdict"] == report.verdict
        assert data["ruleset"] == report.ruleset.to_dict()
        assert zhscreen.Report.from_json(report.to_json()) == report
        d = report.to_dict()
        assert d["verdict"] == report.verdict and d["ruleset"] == data["ruleset"]
        assert len(data["findings"]) == len(report.findings) == len(d["findings"])
        for j, f, fd in zip(data["findings"], report.findings, d["findings"]):
            n += 1
            assert fd == f.to_dict()
            assert (f.start, f.end) == (j["char_start"], j["char_end"])
            assert (f.byte_start, f.byte_end) == (j["start"], j["end"])
            for k in ("category", "gate", "severity", "rule", "text", "suggestion", "note"):
                assert j[k] == getattr(f, k) == fd[k], k
            assert f.category in zhscreen.CATEGORIES
            assert f.gate in zhscreen.GATES
            assert f.severity in zhscreen.SEVERITIES
    assert n > 500
