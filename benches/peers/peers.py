"""zhscreen's peers on the same texts and the same 20k-term list, in one run.

Run by ``benches/peers.sh``, which writes the inputs (``bench-probe data DIR``), installs the peers
into a virtual environment and passes the ``bench-probe`` binary: ``bench-probe time DIR`` times
zhscreen itself in Rust, once before the peers and once after, and the faster is the reference.

Every matcher reads the folded text (what zhscreen's own automaton reads) and the folded, distinct
terms (exactly its patterns); where its semantics equal daachorse's overlapping search, its match
count must equal the count the harness found, or the run fails. zhscreen itself (Rust, Python
binding, CLI) reads the original text.

Prints a Markdown table: MB/s (10^6 bytes of the original text per second) and the ratio to
zhscreen's own scan with the same 20k list, measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import importlib.metadata
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

TEXTS = ("reports", "article")
LABEL = {"reports": "work reports", "article": "article"}


def timed(fn: Callable[[], object], budget: float = 2.0, max_runs: int = 5) -> tuple[float, object]:
    """Median seconds of up to ``max_runs`` calls, stopping once ``budget`` seconds are spent."""
    times: list[float] = []
    result: object = None
    spent = 0.0
    while len(times) < max_runs and (not times or spent < budget):
        t = time.perf_counter()
        result = fn()
        d = time.perf_counter() - t
        times.append(d)
        spent += d
    return statistics.median(times), result


def reference_run(probe: Path, data: Path) -> dict:
    """zhscreen's own figures over the same texts (``bench-probe time``)."""
    out = subprocess.run([str(probe), "time", str(data)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def version(dist: str) -> str:
    try:
        return f"{dist} {importlib.metadata.version(dist)}"
    except importlib.metadata.PackageNotFoundError:
        return dist


class Row:
    def __init__(self, name: str, note: str = "") -> None:
        self.name = name
        self.note = note
        self.mbps: dict[str, float] = {}
        self.count: dict[str, str] = {}
        self.build_ms: float | None = None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="the directory bench-probe data wrote")
    ap.add_argument(
        "--probe",
        type=Path,
        required=True,
        help="the bench-probe binary: `bench-probe time DATA` times zhscreen in Rust before and "
        "after the peers, and the faster figure is the reference (a burst of load on a shared "
        "machine must not flatter the peers)",
    )
    ap.add_argument("--cli", type=Path, help="the zhscreen binary, if built")
    ap.add_argument("--out", type=Path, help="also write the table here")
    args = ap.parse_args()

    d: Path = args.data
    expected = json.loads((d / "expected.json").read_text(encoding="utf-8"))
    patterns = (d / "patterns-20k.txt").read_text(encoding="utf-8").splitlines()
    texts = {n: (d / f"{n}.txt").read_text(encoding="utf-8") for n in TEXTS}
    folded = {n: (d / f"{n}.folded.txt").read_text(encoding="utf-8") for n in TEXTS}
    size = {n: len(texts[n].encode("utf-8")) for n in TEXTS}
    failures: list[str] = []
    notices: list[str] = []
    rows: list[Row] = []
    references = [reference_run(args.probe, d)]
    list_findings = {n: references[0][n]["list_political_findings"] for n in TEXTS}

    def check(row: Row, name: str, got: int, want: int) -> None:
        row.count[name] = f"{got}" + ("" if got == want else f" (expected {want})")
        if got != want:
            failures.append(f"{row.name}, {LABEL[name]}: {got} matches, daachorse found {want}")

    # sensitive-rs (Rust, crates.io): built into bench-probe; one find_all per text (it caches
    # results per text, and scans at a fraction of a MB/s).
    sensitive = None
    p = subprocess.run([str(args.probe), "sensitive", str(d)], capture_output=True, text=True)
    if p.returncode == 0:
        sensitive = json.loads(p.stdout)
        row = Row(
            "sensitive-rs `Filter::find_all`",
            "sensitive-rs 1.3 (default features: rayon, pinyin and shape variants); one run per text; "
            "reports distinct words: in the text / reported (terms that occur at all)",
        )
        row.build_ms = sensitive["build_ms"]
        for n in TEXTS:
            t = sensitive["texts"][n]
            row.mbps[n] = t["mbps"]
            row.count[n] = f"{t['in_text']} / {t['reported']} ({t['terms_occurring']})"
        rows.append(row)
    else:
        notices.append(f"sensitive-rs: {p.stderr.strip()}")

    # pyahocorasick: a C automaton; iter() reports every (overlapping) match.
    import ahocorasick

    row = Row("pyahocorasick `iter`", version("pyahocorasick"))
    t = time.perf_counter()
    a = ahocorasick.Automaton()
    for i, p in enumerate(patterns):
        a.add_word(p, i)
    a.make_automaton()
    row.build_ms = (time.perf_counter() - t) * 1e3
    for n in TEXTS:
        s, count = timed(lambda: sum(1 for _ in a.iter(folded[n])))
        row.mbps[n] = size[n] / s / 1e6
        check(row, n, count, expected["texts"][n]["overlapping"])
    rows.append(row)

    # ahocorasick_rs: the aho-corasick crate under pyo3, overlapping search.
    import ahocorasick_rs

    for label, kwargs in (("ahocorasick_rs overlapping", {}), ("ahocorasick_rs overlapping, DFA", {"implementation": "DFA"})):
        impl = getattr(ahocorasick_rs, "Implementation", None)
        if kwargs and impl is None:
            continue
        kw = {"implementation": impl.DFA} if kwargs else {}
        row = Row(label, version("ahocorasick_rs"))
        t = time.perf_counter()
        ac = ahocorasick_rs.AhoCorasick(patterns, **kw)
        row.build_ms = (time.perf_counter() - t) * 1e3
        for n in TEXTS:
            s, count = timed(lambda: len(ac.find_matches_as_indexes(folded[n], overlapping=True)))
            row.mbps[n] = size[n] / s / 1e6
            check(row, n, count, expected["texts"][n]["overlapping"])
        rows.append(row)

    # flashtext: pure Python, longest keyword at word starts; other semantics, no count check.
    from flashtext import KeywordProcessor

    row = Row(
        "flashtext `extract_keywords`",
        version("flashtext") + "; longest match at word starts: other semantics, counts not compared",
    )
    t = time.perf_counter()
    kp = KeywordProcessor()
    kp.add_keywords_from_list(patterns)
    row.build_ms = (time.perf_counter() - t) * 1e3
    for n in TEXTS:
        s, found = timed(lambda: kp.extract_keywords(folded[n]), budget=1.0, max_runs=3)
        row.mbps[n] = size[n] / s / 1e6
        row.count[n] = str(len(found))
    rows.append(row)

    # jieba.cut: the segmenter, original text, dictionary loaded first.
    import jieba

    jieba.setLogLevel(60)
    t = time.perf_counter()
    jieba.initialize()
    row = Row("Python jieba `cut` (HMM on, the default)", version("jieba") + "; segmentation, not matching")
    row.build_ms = (time.perf_counter() - t) * 1e3
    for n in TEXTS:
        s, tokens = timed(lambda: sum(1 for _ in jieba.cut(texts[n])), budget=1.0, max_runs=3)
        row.mbps[n] = size[n] / s / 1e6
        row.count[n] = f"{tokens} tokens"
    rows.append(row)

    # zhscreen's Python binding, where it is installed.
    try:
        zhscreen = importlib.import_module("zhscreen")
    except ImportError as e:
        zhscreen = None
        notices.append(f"zhscreen Python binding not installed ({e}): its rows are skipped")
    if zhscreen is not None:
        wl = str(d / "wordlist-20k")
        try:
            screener = zhscreen.Screener(wordlists=[wl], defaults=False)
            label, exact = "zhscreen Python `scan`, 20k list", True
        except TypeError:
            screener = zhscreen.Screener(wordlists=[wl])
            label, exact = "zhscreen Python `scan`, defaults + 20k list", False
        row = Row(label, "the binding, original text")
        for n in TEXTS:
            s, report = timed(lambda: screener.scan(texts[n]))
            row.mbps[n] = size[n] / s / 1e6
            political = sum(1 for f in report.findings if str(getattr(f, "category", "")) == "political")
            if exact:
                check(row, n, political, list_findings[n])
            else:
                row.count[n] = f"{political} political findings"
        rows.append(row)
        default_screener = zhscreen.Screener()
        row = Row("zhscreen Python `scan`, default rules", "the binding")
        for n in TEXTS:
            s, _ = timed(lambda: default_screener.scan(texts[n]))
            row.mbps[n] = size[n] / s / 1e6
        rows.append(row)

    # The CLI: a whole process per file (start, ruleset build, scan, JSON out).
    if args.cli and args.cli.exists():
        cli = str(args.cli)
        help_text = subprocess.run([cli, "scan", "--help"], capture_output=True, text=True).stdout
        variants = [("zhscreen CLI `scan --format json`, default rules", [])]
        if "--wordlists" in help_text:
            no_defaults = next((f for f in ("--no-defaults", "--no-default-lists") if f in help_text), None)
            extra = ["--wordlists", str(d / "wordlist-20k")] + ([no_defaults] if no_defaults else [])
            name = "20k list" if no_defaults else "defaults + 20k list"
            variants.append((f"zhscreen CLI `scan --format json`, {name}", extra))
        for label, extra in variants:
            row = Row(label, "whole process per file, output to /dev/null")
            ok = True
            for n in TEXTS:
                cmd = [cli, "scan", "--format", "json", *extra, str(d / f"{n}.txt")]

                def run() -> int:
                    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                    if p.returncode not in (0, 1):
                        raise RuntimeError(p.stderr.decode("utf-8", "replace").strip())
                    return p.returncode

                try:
                    s, _ = timed(run, budget=2.0, max_runs=3)
                except RuntimeError as e:
                    notices.append(f"{label}: {e}")
                    ok = False
                    break
                row.mbps[n] = size[n] / s / 1e6
            if ok:
                rows.append(row)
    else:
        notices.append("zhscreen CLI not built: its rows are skipped")

    # The CLI on one large file, whole process: all cores (the file cut into chunks), and one
    # core (taskset), alternately.
    large_rows: list[tuple[str, float]] = []
    large = d / "reports-x9.txt"
    if args.cli and args.cli.exists() and large.exists():
        cli = str(args.cli)
        large_size = large.stat().st_size
        cores = len(os.sched_getaffinity(0))
        variants = [(f"all {cores} cores", [])]
        if shutil.which("taskset"):
            variants.append(("one core (`taskset -c 0`): one thread, as before", ["taskset", "-c", "0"]))
        best = {label: float("inf") for label, _ in variants}
        for _ in range(5):
            for label, prefix in variants:
                t = time.perf_counter()
                p = subprocess.run([*prefix, cli, "scan", "--format", "json", str(large)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                best[label] = min(best[label], time.perf_counter() - t)
                if p.returncode not in (0, 1):
                    notices.append(f"CLI on {large.name}: {p.stderr.decode('utf-8', 'replace').strip()}")
        large_rows = [(label, large_size / best[label] / 1e6) for label, _ in variants]
        large_rows.insert(0, (f"{large_size / 1e6:.1f} MB", 0.0))

    references.append(reference_run(args.probe, d))
    ref = Row(
        "zhscreen `scan`, Rust, 20k list (reference)",
        "bench-probe time, in process; the faster of a run before and one after the peers",
    )
    ref_default = Row("zhscreen `scan`, Rust, default rules", "bench-probe time, likewise")
    for n in TEXTS:
        ref.mbps[n] = max(r[n]["list_mbps"] for r in references)
        ref.count[n] = f"{list_findings[n]} findings"
        ref_default.mbps[n] = max(r[n]["default_mbps"] for r in references)
    rows[:0] = [ref, ref_default]

    table = render(rows, ref, expected, notices, large_rows)
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    for f in failures:
        print(f"MISMATCH: {f}", file=sys.stderr)
    return 1 if failures else 0


def render(rows: list[Row], ref: Row, expected: dict, notices: list[str], large_rows: list[tuple[str, float]]) -> str:
    out = [
        "## zhscreen and its peers: the same texts, the same 20k-term list, one run",
        "",
        f"- Python {sys.version.split()[0]}; the 20k list has {expected['terms']} terms; matchers read the "
        "folded text and folded terms (zhscreen's own automaton input), zhscreen the original text.",
        "- MB/s: 10^6 bytes of the original text per second, median of up to 5 runs. "
        "\"vs zhscreen\": the row's MB/s over zhscreen's (Rust, 20k list, same run).",
        "",
        "| row | work reports MB/s | vs zhscreen | article MB/s | vs zhscreen | build ms | matches (reports / article) | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cells = []
        for n in TEXTS:
            v = r.mbps.get(n)
            cells.append("–" if v is None else f"{v:.1f}")
            cells.append("–" if v is None else f"{v / ref.mbps[n]:.2f}x")
        build = "–" if r.build_ms is None else f"{r.build_ms:.0f}"
        counts = " / ".join(r.count.get(n, "–") for n in TEXTS)
        out.append(f"| {r.name} | {' | '.join(cells)} | {build} | {counts} | {r.note} |")
    out.append("")
    out.append(
        f"daachorse (the harness) found {expected['texts']['reports']['overlapping']} and "
        f"{expected['texts']['article']['overlapping']} overlapping matches; every overlapping matcher "
        "above must find the same."
    )
    if large_rows:
        (size, _), *runs = large_rows
        out += [
            "",
            f"### The CLI on one file of {size} (the work reports nine times), whole process",
            "",
            "`zhscreen scan --format json FILE >/dev/null`, default rules, the fastest of 5 runs of each, "
            "alternately: start, ruleset build, reading and decoding, scan, JSON out.",
            "",
            "| CPU | MB/s |",
            "|---|---|",
        ]
        out += [f"| {label} | {mbps:.0f} |" for label, mbps in runs]
    for n in notices:
        out.append(f"\nNote: {n}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
