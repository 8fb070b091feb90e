"""The language of the notes: Chinese by default, English by option; nothing else changes."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import zhscreen

TEXT = "联系电话：13907351234，身份证号：431022198503152010。某县破获一起贩卖海洛因案件。"
NOTICE = (Path(__file__).resolve().parents[3] / "examples" / "notice.txt").read_text(encoding="utf-8")
# Two English words in a row: what a reviewer who reads no English could not follow.
ENGLISH_RUN = re.compile(r"(?<![A-Za-z0-9_./@])[A-Za-z]{2,}(?:[ ,;:'-]+[A-Za-z]{2,})+(?![A-Za-z0-9_./@])")


def machine(report: zhscreen.Report) -> list[dict[str, object]]:
    return [{k: v for k, v in f.to_dict().items() if k != "note"} for f in report.findings]


def test_default_is_chinese() -> None:
    s = zhscreen.Screener()
    assert s.lang == "zh"
    notes = [f.note for f in s.scan(TEXT).findings]
    assert notes[0] == "手机号码（139号段），上下文“联系电话”，建议去标识化"
    for f in s.scan(NOTICE).findings:
        assert f.note is None or not ENGLISH_RUN.search(f.note), f
    assert any("已由禁止发布降为需复核" in (n or "") for n in notes)


def test_english_by_option_changes_only_the_notes() -> None:
    zh = zhscreen.Screener()
    en = zhscreen.Screener(lang="en")
    assert en.lang == "en"
    a, b = zh.scan(TEXT), en.scan(TEXT)
    assert b.findings[0].note == "mainland mobile number, allocated segment 139; context 联系电话"
    assert machine(a) == machine(b)
    assert a.verdict == b.verdict
    assert a.ruleset == b.ruleset  # the fingerprint does not depend on the language
    w = zh.with_lang("en")
    assert w.lang == "en" and zh.lang == "zh"
    assert w.scan(TEXT) == b
    assert w.with_lang("zh").scan(TEXT) == a


def test_unknown_language_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match=r'unknown language "fr": expected "zh" .* or "en"'):
        zhscreen.Screener(lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match='unknown language ""'):
        zhscreen.Screener().with_lang("")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        zhscreen.Screener(None, None, True, "en")  # type: ignore[misc]


def test_language_survives_pickling_and_shows_in_repr() -> None:
    en = zhscreen.Screener(lang="en")
    back = pickle.loads(pickle.dumps(en))
    assert back.lang == "en"
    assert back.scan(TEXT) == en.scan(TEXT)
    assert pickle.loads(pickle.dumps(zhscreen.Screener())).lang == "zh"
    assert "lang='en'" in repr(en)
