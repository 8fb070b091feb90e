"""The statistical typo detector: on by default, off or stricter by option, pickled with it."""

from __future__ import annotations

import pickle

import pytest

import zhscreen

TEXT = "交通运舒部印发了实施方案。"


def statistical(report: zhscreen.Report) -> list[tuple[str, str | None]]:
    return [(f.text, f.suggestion) for f in report.findings if f.rule == "typo/statistical"]


def test_on_by_default() -> None:
    s = zhscreen.Screener()
    assert s.typo_threshold == 5.0
    assert statistical(s.scan(TEXT)) == [("舒", "输")]
    f = s.scan(TEXT).findings[0]
    assert (f.category, f.severity) == ("typo", "warn")
    assert f.note is not None and f.note.startswith("疑似错别字（统计模型判断")


def test_off_and_stricter() -> None:
    assert zhscreen.Screener(typo=False).typo_threshold is None
    assert statistical(zhscreen.Screener(typo=False).scan(TEXT)) == []
    strict = zhscreen.Screener(typo_threshold=60)
    assert strict.typo_threshold == 60.0
    assert statistical(strict.scan(TEXT)) == []
    assert zhscreen.Screener(defaults=False).typo_threshold is None


@pytest.mark.parametrize("bad", [-1.0, 61.0, float("nan")])
def test_bad_threshold(bad: float) -> None:
    with pytest.raises(ValueError, match="typo_threshold="):
        zhscreen.Screener(typo_threshold=bad)


def test_pickled_with_its_setting() -> None:
    for s in (zhscreen.Screener(typo=False), zhscreen.Screener(typo_threshold=7.5)):
        t = pickle.loads(pickle.dumps(s))
        assert t.typo_threshold == s.typo_threshold
        assert t.scan(TEXT) == s.scan(TEXT)
