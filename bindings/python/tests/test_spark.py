"""examples/spark_screen.py in Spark local mode: every row screened on the executors matches
Screener.scan in this process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import zhscreen
from conftest import BINDING, Case

pytestmark = pytest.mark.spark
EXAMPLE = BINDING / "examples" / "spark_screen.py"
ROWS = 400


def test_spark_example_screens_a_dataframe(tmp_path: Path, screener: zhscreen.Screener, cases: list[Case]) -> None:
    texts: list[str | None] = [c.text for c in cases[:ROWS - 2]] + [None, "😀出售海洛因🚫"]
    src = tmp_path / "posts.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    lists = tmp_path / "local.txt"
    lists.write_text("@category advertising\n本店特价 | severity=block\n", encoding="utf-8")
    out = tmp_path / "screened"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    proc = subprocess.run(
        [
            sys.executable, str(EXAMPLE),
            "--input", str(src), "--output", str(out), "--master", "local[2]",
            "--partitions", "3", "--redact", "--wordlists", str(lists), "--wordlists-inline",
        ],
        capture_output=True, text=True, env=env, timeout=900, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-6000:]

    rows = {}
    for part in sorted(out.glob("part-*.json")):
        for line in part.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[row["id"]] = row
    assert sorted(rows) == list(range(ROWS))

    local = zhscreen.Screener(extra={str(lists): lists.read_text(encoding="utf-8")})
    verdicts: dict[str, int] = {}
    for i, text in enumerate(texts):
        row = rows[i]
        if text is None:
            assert "verdict" not in row and "report" not in row  # nulls stay null
            verdicts["null"] = verdicts.get("null", 0) + 1
            continue
        report = local.scan(text)
        assert row["text"] == text
        assert row["report"] == report.to_json(), i
        assert row["verdict"] == report.verdict
        assert row["categories"] == sorted({f.category for f in report.findings})
        assert row["redacted"] == local.redact(text)
        verdicts[report.verdict] = verdicts.get(report.verdict, 0) + 1
    # The executors used the pickled screener with the inline list, not the defaults alone.
    assert local.ruleset.fingerprint != screener.ruleset.fingerprint
    assert {json.loads(rows[i]["report"])["ruleset"]["fingerprint"] for i in rows if rows[i].get("report")} == {
        local.ruleset.fingerprint
    }
    assert verdicts.get("block", 0) > 50 and verdicts.get("pass", 0) > 20
    # The example prints the count per verdict.
    printed = dict(line.split("\t") for line in proc.stdout.splitlines() if "\t" in line)
    assert {k: int(v) for k, v in printed.items()} == verdicts
