"""The stubs serve their purpose: typical code type-checks under mypy --strict, and misuse
does not. (mypy.stubtest, run by run-tests.sh, checks the stubs against the module.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GOOD = '''
import pickle
import zhscreen

screener = zhscreen.Screener(wordlists=[], extra={"a.txt": "@category typo\\n帐户 => 账户\\n"})
report: zhscreen.Report = screener.scan("请核对帐户")
verdict: str = report.verdict
spans: list[tuple[int, int, str]] = [(f.start, f.end, f.text) for f in report.findings]
suggestions: list[str | None] = [f.suggestion for f in report.findings]
fingerprint: str = report.ruleset.fingerprint
reports: list[zhscreen.Report] = screener.scan_many(t for t in ["一", "二"])
clean: str = screener.redact("x") + screener.fix("y")
copy: zhscreen.Screener = pickle.loads(pickle.dumps(screener))
try:
    zhscreen.Screener(extra="bad")
except zhscreen.WordlistError as e:
    where: str = f"{e.file}:{e.line + 1}: {e.message}"
'''

BAD = '''
import zhscreen

screener = zhscreen.Screener(defaults="no")
n: int = screener.scan("文本").verdict
screener.scan(b"bytes")
if screener.scan("x").verdict == "blocked":
    pass
'''


def mypy(tmp_path: Path, name: str, code: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / name
    path.write_text(code, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--strict-equality", "--no-incremental",
         "--config-file", "/dev/null", str(path)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )


def test_typical_code_type_checks(tmp_path: Path) -> None:
    proc = mypy(tmp_path, "good.py", GOOD)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_misuse_is_caught(tmp_path: Path) -> None:
    proc = mypy(tmp_path, "bad.py", BAD)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    lines = sorted({int(line.split(":")[1]) for line in errors})
    # defaults=str, a verdict into int, bytes for str, comparing with a verdict that cannot be.
    assert lines == [4, 5, 6, 7], proc.stdout
