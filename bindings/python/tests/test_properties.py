"""Any str through the module: a report whose indices slice the caller's string, or, for a string
that has no UTF-8 form (a lone surrogate), a UnicodeEncodeError; never a crash or a wrong index.
Property tests with Hypothesis, beside the byte-for-byte comparisons with Rust in test_corpus.py."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytest
import zhscreen

VERDICT = {v: i for i, v in enumerate(zhscreen.VERDICTS)}
SEVERITY_VERDICT = {"info": "pass", "warn": "warn", "review": "review", "block": "block"}

PIECES = [
    "海洛因", "台独", "平台独家", "13800138000", "110108199003071238", "再接再励", "賭博網站",
    "绝密★10年", "禁毒", "li.ming@example.com", "ＶＸ", "😀", "🇨🇳", "\u200b", "\u202e", "\x00",
    "𠀀", "①", "㊙", "\r\n", "。", "，",
]

texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.text(max_size=8),  # any code points but surrogates, every plane
        st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=6),
    ),
    max_size=30,
).map("".join)

settings.register_profile(
    "zhscreen", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("zhscreen")


@given(texts)
def test_indices_slice_the_callers_string(text: str) -> None:
    s = SCREENER
    report = s.scan(text)
    encoded = text.encode("utf-8")
    previous = (0, 0)
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert encoded[f.byte_start : f.byte_end].decode("utf-8") == f.text
        assert (f.start, f.end) >= previous
        previous = (f.start, f.end)
    worst = max((VERDICT[SEVERITY_VERDICT[f.severity]] for f in report.findings), default=0)
    assert VERDICT[report.verdict] == worst
    assert zhscreen.Report.from_json(report.to_json()).to_json() == report.to_json()


@given(texts)
def test_redact_and_fix_are_idempotent(text: str) -> None:
    s = SCREENER
    redacted = s.redact(text)
    assert s.redact(redacted) == redacted
    fixed = s.fix(text)
    assert s.fix(fixed) == fixed


@given(st.lists(texts, max_size=5))
def test_scan_many_is_scan_of_each(batch: list[str]) -> None:
    s = SCREENER
    assert [r.to_json() for r in s.scan_many(batch)] == [s.scan(t).to_json() for t in batch]


@given(texts, st.integers(min_value=0), st.integers(min_value=0xD800, max_value=0xDFFF))
def test_a_lone_surrogate_is_an_encode_error(text: str, at: int, surrogate: int) -> None:
    at %= len(text) + 1
    broken = text[:at] + chr(surrogate) + text[at:]
    s = SCREENER
    for call in (s.scan, s.redact, s.fix):
        with pytest.raises(UnicodeEncodeError):
            call(broken)
    with pytest.raises(UnicodeEncodeError):
        s.scan_many([text, broken])


SCREENER = zhscreen.Screener()
