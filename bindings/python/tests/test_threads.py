"""One screener, many threads: identical reports, and the GIL released while scanning."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable

import pytest

import zhscreen
from conftest import Case, work_report_sentences

THREADS = 4
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
needs_two_cores = pytest.mark.skipif(CORES < 2, reason="a wall-time speed-up needs two cores")


def run_threads(n: int, work: Callable[[int], object]) -> tuple[list[object], float]:
    results: list[object] = [None] * n
    errors: list[BaseException] = []
    barrier = threading.Barrier(n + 1)

    def body(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    assert not errors, errors
    return results, elapsed


def test_threads_produce_identical_reports(screener: zhscreen.Screener, cases: list[Case]) -> None:
    texts = [c.text for c in cases]
    expected = [r.to_json() for r in screener.scan_many(texts)]

    def work(i: int) -> list[str]:
        # Different orders and both entry points, so threads interleave on different texts.
        order = texts if i % 2 == 0 else list(reversed(texts))
        if i < 2:
            got = [screener.scan(t).to_json() for t in order]
        else:
            got = [r.to_json() for r in screener.scan_many(order)]
        return got if i % 2 == 0 else list(reversed(got))

    results, _ = run_threads(THREADS, work)
    for got in results:
        assert got == expected


def test_sixteen_threads_ten_thousand_scans_each(screener: zhscreen.Screener, cases: list[Case]) -> None:
    """One screener, 16 threads, 10,000 scans each going round the corpus from different starts
    (half by `scan`, half by `redact`): every result equal to the one of a single thread."""
    texts = [c.text for c in cases]
    n = len(texts)
    reports = [screener.scan(t).to_json() for t in texts]
    redacted = [screener.redact(t) for t in texts]
    per_thread = 10_000

    def work(i: int) -> int:
        differ = 0
        start = i * n // 16
        for j in range(per_thread):
            k = (start + j) % n
            if i % 2 == 0:
                differ += screener.scan(texts[k]).to_json() != reports[k]
            else:
                differ += screener.redact(texts[k]) != redacted[k]
        return differ

    results, elapsed = run_threads(16, work)
    print(f"16 threads x {per_thread} scans: {elapsed:.2f} s, {sum(results)} differ")  # type: ignore[arg-type]
    assert results == [0] * 16


def long_texts() -> list[str]:
    """Government work-report paragraphs of about 8,000 characters, a few findings in each."""
    sentences = work_report_sentences(limit=6000)
    texts, cur = [], ""
    for i, s in enumerate(sentences):
        cur += s + "。"
        if i % 97 == 0:
            cur += "请加微信13912345678咨询，出售海洛因。"
        if len(cur) >= 8000:
            texts.append(cur)
            cur = ""
    return texts


def speedup(work: Callable[[], object]) -> float:
    """Wall time of THREADS threads each doing `work`, over the time of doing it THREADS times
    in one thread."""
    t0 = time.perf_counter()
    serial = [work() for _ in range(THREADS)]
    serial_time = time.perf_counter() - t0
    results, threaded_time = run_threads(THREADS, lambda i: work())
    assert results == serial
    return threaded_time / serial_time


def check_gil_released(screener: zhscreen.Screener, batch: bool) -> None:
    texts = long_texts()
    # Enough work per thread to dwarf thread start-up: about 0.25 s per serial pass.
    t0 = time.perf_counter()
    screener.scan_many(texts)
    texts = texts * max(1, round(0.25 / max(time.perf_counter() - t0, 1e-6)))

    def scan_all() -> int:
        if batch:
            return sum(len(r.findings) for r in screener.scan_many(texts))
        return sum(len(screener.scan(t).findings) for t in texts)

    # The control: hashing large buffers, which CPython does with the GIL released. When it
    # does not speed up either, another process holds the second core and the ratio says nothing.
    block = os.urandom(1 << 22)
    t0 = time.perf_counter()
    hashlib.sha256(block).digest()
    rounds = max(1, round(0.25 / max(time.perf_counter() - t0, 1e-6)))

    def hash_all() -> bytes:
        h = b""
        for _ in range(rounds):
            h = hashlib.sha256(block + h[:1]).digest()
        return h

    assert scan_all() > 0
    ours, control = [], []
    for _ in range(8):
        control.append(speedup(hash_all))
        ours.append(speedup(scan_all))
        if ours[-1] < 0.85:
            break
    kind = "scan_many" if batch else "scan"
    print(f"\n{kind}: {THREADS} threads vs serial over {len(texts) * THREADS} texts of ~8k chars: "
          f"wall-time ratios {', '.join(f'{r:.2f}' for r in ours)}; "
          f"hashlib control {', '.join(f'{r:.2f}' for r in control)}")
    if min(ours) >= 0.85 and min(control) >= 0.7:
        pytest.skip(f"no spare core during the measurement (control ratios {control})")
    # With the GIL held the ratio would be >= 1.0; on two cores released it is about 0.5.
    assert min(ours) < 0.85, (ours, control)


@needs_two_cores
def test_gil_is_released_while_scanning(screener: zhscreen.Screener) -> None:
    check_gil_released(screener, batch=False)


@needs_two_cores
def test_gil_is_released_for_a_batch(screener: zhscreen.Screener) -> None:
    check_gil_released(screener, batch=True)


@pytest.mark.parametrize("batch", [False, True], ids=["scan", "scan_many"])
def test_other_threads_run_while_scanning(screener: zhscreen.Screener, batch: bool) -> None:
    """Independent of spare cores: while one thread is inside a long scan, another keeps
    running Python code. With the GIL held it would stall for the whole scan."""
    texts = long_texts()
    big = "".join(texts)
    t0 = time.perf_counter()
    screener.scan(big)
    once = time.perf_counter() - t0
    big *= max(1, round(0.6 / max(once, 1e-6)))
    started = threading.Event()
    window: list[float] = []

    def scan() -> None:
        started.set()
        window.append(time.perf_counter())
        if batch:
            screener.scan_many([big])
        else:
            screener.scan(big)
        window.append(time.perf_counter())

    worker = threading.Thread(target=scan)
    worker.start()
    started.wait()
    stamps = []
    while worker.is_alive():
        stamps.append(time.perf_counter())
    worker.join()
    begin, end = window
    inside = [begin] + [t for t in stamps if begin <= t <= end] + [end]
    longest = max(b - a for a, b in zip(inside, inside[1:]))
    print(f"\n{'scan_many' if batch else 'scan'} of {len(big)} chars took {end - begin:.2f} s; the main "
          f"thread ran {len(inside) - 2} loop iterations meanwhile, longest pause {longest * 1000:.1f} ms")
    assert end - begin > 0.3
    assert longest < 0.5 * (end - begin)
