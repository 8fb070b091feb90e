"""The Python surface: offsets as Python string indices, redaction, batches, types, stubs."""

from __future__ import annotations

import ast
import doctest
import json
import random
from pathlib import Path

import pytest

import zhscreen
from conftest import Case

MIXED = "📢紧急扩散！😀王某某身份证号110108199003071238，手机13912345678，𠮷野家门口出售海洛因🚫，赌 博 网 站。"


def check_indices(text: str, report: zhscreen.Report) -> None:
    raw = text.encode("utf-8")
    for f in report.findings:
        assert text[f.start : f.end] == f.text, f
        assert raw[f.byte_start : f.byte_end].decode("utf-8") == f.text, f
        assert len(text[: f.start].encode("utf-8")) == f.byte_start


def test_indices_are_python_string_indices_with_emoji(screener: zhscreen.Screener) -> None:
    report = screener.scan(MIXED)
    cats = {f.category for f in report.findings}
    assert {"personal_info", "drugs", "gambling", "rumor"} <= cats, report
    check_indices(MIXED, report)
    # The astral characters before them make byte, UTF-16 and code point offsets all differ.
    drug = next(f for f in report.findings if f.category == "drugs")
    assert drug.text == "海洛因"
    assert drug.start == MIXED.index("海洛因")
    assert drug.byte_start == len(MIXED[: drug.start].encode("utf-8")) != drug.start
    assert len(MIXED[: drug.start].encode("utf-16-le")) // 2 != drug.start
    gambling = next(f for f in report.findings if f.category == "gambling")
    assert gambling.text == "赌 博 网 站"


def test_indices_hold_with_astral_noise_everywhere(screener: zhscreen.Screener, cases: list[Case]) -> None:
    """Corpus texts with emoji and astral ideographs inserted at random places."""
    rng = random.Random(20240601)
    astral = ["😀", "🚫", "𠮷", "👍🏽", "🇨🇳", "\u200b", "👨‍👩‍👧"]
    seen = 0
    texts = []
    for case in cases:
        chars = list(case.text)
        for _ in range(rng.randint(1, 4)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(astral))
        texts.append("".join(chars))
    for text, report in zip(texts, screener.scan_many(texts)):
        check_indices(text, report)
        seen += len(report.findings)
    assert seen > 500


def test_scan_many_equals_scan(screener: zhscreen.Screener, cases: list[Case]) -> None:
    texts = [c.text for c in cases[:200]]
    assert screener.scan_many(texts) == [screener.scan(t) for t in texts]
    # Any iterable: a generator, a tuple; and an empty one.
    assert screener.scan_many(t for t in texts[:3]) == screener.scan_many(tuple(texts[:3]))
    assert screener.scan_many([]) == []


def test_report_objects(screener: zhscreen.Screener) -> None:
    report = screener.scan("出售海洛因，同城送货。")
    assert report.verdict == "block"
    f = report.findings[0]
    assert (f.category, f.gate, f.severity, f.rule, f.text) == ("drugs", "law", "block", "drugs/海洛因", "海洛因")
    assert (f.start, f.end, f.byte_start, f.byte_end) == (2, 5, 6, 15)
    assert report.ruleset == screener.ruleset
    assert report.ruleset.version == zhscreen.__version__
    assert len(report.ruleset.fingerprint) >= 16
    assert "verdict='block'" in repr(report) and "text='海洛因'" in repr(report)
    assert repr(f).startswith("Finding(category='drugs'")
    assert {f, zhscreen.Report.from_json(report.to_json()).findings[0]} == {f}
    clean = screener.scan("国务院常务会议研究部署稳就业工作。")
    assert clean.verdict == "pass" and clean.findings == []
    assert clean != report and report == screener.scan("出售海洛因，同城送货。")
    assert "出售" not in str(screener) and "Screener(" in repr(screener)


def test_redact_and_fix(screener: zhscreen.Screener, cases: list[Case]) -> None:
    assert screener.redact("身份证号：110108199003071238") == "身份证号：110108********1238"
    redacted = screener.redact(MIXED)
    assert "110108199003071238" not in redacted and "13912345678" not in redacted
    assert "海洛因" not in redacted and redacted.startswith("📢")
    assert screener.scan(redacted).verdict in ("pass", "warn", "review")
    assert screener.redact(redacted) == redacted
    # fix() rewrites exactly the spans of expression and typo findings with their suggestion
    # (the first of alternatives); an overlapping later finding is left alone.
    changed = 0
    for case in cases:
        report = screener.scan(case.text)
        out, pos = [], 0
        for f in report.findings:
            if f.category not in ("expression", "typo") or f.suggestion is None or f.start < pos:
                continue
            first = f.suggestion.replace("／", "/").split("/")[0].strip()
            if not first or first == f.text:
                continue
            out += [case.text[pos : f.start], first]
            pos = f.end
        expected = "".join(out) + case.text[pos:]
        assert screener.fix(case.text) == expected, case.origin
        changed += expected != case.text
    assert changed >= 50


def test_bad_arguments_raise_clear_errors(screener: zhscreen.Screener) -> None:
    with pytest.raises(TypeError):
        screener.scan(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        screener.scan(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not one str"):
        screener.scan_many("一段文字")
    with pytest.raises(TypeError, match="item 1 is int"):
        screener.scan_many(["好", 1])  # type: ignore[list-item]
    # A lone surrogate has no UTF-8 form: an error, never a wrong offset.
    with pytest.raises(UnicodeEncodeError):
        screener.scan("abc\ud800def")
    with pytest.raises(ValueError, match="not a zhscreen report"):
        zhscreen.Report.from_json('{"verdict": "maybe"}')


def test_constants_match_the_stubs() -> None:
    """The Literal types of the stub list exactly the ids the native module exports."""
    stub = Path(zhscreen.__file__).with_name("_zhscreen.pyi")
    assert Path(zhscreen.__file__).with_name("py.typed").exists()
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    literals: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript):
            target = node.targets[0]
            assert isinstance(target, ast.Name)
            elts = node.value.slice.elts if isinstance(node.value.slice, ast.Tuple) else [node.value.slice]
            literals[target.id] = [e.value for e in elts if isinstance(e, ast.Constant)]
    assert literals["_Category"] == list(zhscreen.CATEGORIES)
    assert sorted(literals["_Gate"]) == sorted(zhscreen.GATES)
    assert literals["_Severity"] == list(zhscreen.SEVERITIES)
    assert literals["_Verdict"] == list(zhscreen.VERDICTS)
    assert len(zhscreen.CATEGORIES) == 17
    assert zhscreen.CATEGORIES[-1] == "publishing"
    assert literals["_SignOffLevel"] == list(zhscreen.SIGN_OFF_LEVELS)


def test_module_docstring_examples() -> None:
    result = doctest.testmod(zhscreen, verbose=False)
    assert result.attempted >= 5 and result.failed == 0


def test_to_dict_is_plain_data(screener: zhscreen.Screener) -> None:
    d = screener.scan(MIXED).to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert set(d["findings"][0]) == {
        "category", "gate", "severity", "rule", "start", "end",
        "byte_start", "byte_end", "text", "suggestion", "note",
    }


def test_sign_off_routes_without_changing_the_verdict() -> None:
    screener = zhscreen.Screener()
    text = "😀今日凌晨某镇发生山体滑坡，造成2人死亡。"
    report = screener.scan(text)
    assert report.verdict == "pass"
    so = report.sign_off
    assert so.level == "major"
    assert zhscreen.SIGN_OFF_LEVELS == ("standard", "important", "major")
    (reason,) = so.reasons
    assert text[reason.start : reason.end] == reason.text == "死亡"
    assert reason.rule == "sign_off/死亡" and reason.level == "major"
    assert text.encode()[reason.byte_start : reason.byte_end].decode() == "死亡"
    assert "主要负责人" in reason.note and "主要负责人" in so.signer()
    assert "head of the unit" in so.signer("en")
    assert report.to_dict()["sign_off"]["reasons"][0]["start"] == reason.start
    assert zhscreen.Report.from_json(report.to_json()) == report
    weather = screener.scan("市气象台发布暴雨蓝色预警，请注意防范。").sign_off
    assert weather.level == "standard" and weather.reasons == []


def test_publishing_findings() -> None:
    screener = zhscreen.Screener()
    report = screener.scan("来源：朋友圈。详见 https://item.taobao.com/item.htm?id=1")
    rules = [f.rule for f in report.findings]
    assert rules == ["publishing/source_not_publisher", "publishing/link_commercial"]
    assert all(f.category == "publishing" and f.gate == "policy" for f in report.findings)
