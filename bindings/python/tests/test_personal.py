"""Home addresses, protected names and the names policy through the Python binding."""

from __future__ import annotations

import pickle

import pytest

import zhscreen

VICTIM = "受害人王小明（男，12岁）在上学途中被撞。"


def test_home_address_is_found_and_masked() -> None:
    s = zhscreen.Screener()
    text = "申请人张某，家住郴州市北湖区人民路88号5栋302室。"
    r = s.scan(text)
    f = [f for f in r.findings if f.rule == "personal_info/home_address"]
    assert len(f) == 1 and f[0].text == "郴州市北湖区人民路88号5栋302室"
    assert f[0].severity == "review"
    assert s.redact(text) == "申请人张某，家住郴州市北湖区************。"


def test_names_policy_default_and_protect() -> None:
    default = zhscreen.Screener()
    assert default.names == "warn" and default.names_relief is False
    [f] = default.scan(VICTIM).findings
    assert (f.rule, f.text, f.severity) == ("personal_info/protected_name", "王小明", "warn")
    strict = zhscreen.Screener(names="protect")
    assert strict.names == "protect"
    assert strict.scan(VICTIM).verdict == "review"
    assert strict.redact(VICTIM) == "受害人王**（男，12岁）在上学途中被撞。"
    assert strict.ruleset.fingerprint != default.ruleset.fingerprint
    assert "names='protect'" in repr(strict) or 'names="protect"' in repr(strict)


def test_relief_recipients_only_by_option() -> None:
    text = "救助对象王小明，"
    assert zhscreen.Screener().scan(text).findings == []
    [f] = zhscreen.Screener(names_relief=True).scan(text).findings
    assert f.text == "王小明"


def test_bad_policy_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown names policy `hide`"):
        zhscreen.Screener(names="hide")  # type: ignore[arg-type]


def test_policy_survives_pickling() -> None:
    s = zhscreen.Screener(names="protect", names_relief=True)
    t = pickle.loads(pickle.dumps(s))
    assert (t.names, t.names_relief) == ("protect", True)
    assert t.ruleset == s.ruleset
