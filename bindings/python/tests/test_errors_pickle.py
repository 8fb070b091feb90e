"""Errors as Python exceptions; user wordlists; pickling for multiprocessing and Spark."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest

import zhscreen

LOCAL = "# 本地词表\n@category advertising\n本店特价 | severity=block\n"
MIXED = "本店特价！身份证号110108199003071238，出售海洛因。"


def test_malformed_wordlist_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "local.txt"
    path.write_text("# 本地词表\n@category advertising\n本店特价\n@severity sometimes\n", encoding="utf-8")
    with pytest.raises(zhscreen.WordlistError) as info:
        zhscreen.Screener(wordlists=[path])
    err = info.value
    assert isinstance(err, ValueError)
    assert err.file == str(path)
    assert err.line == 4
    assert "sometimes" in err.message
    assert str(err).startswith(f"{path}:4: ")


def test_malformed_extra_and_unknown_category() -> None:
    with pytest.raises(zhscreen.WordlistError) as info:
        zhscreen.Screener(extra="@category advertising\n好货 | colour=red\n")
    assert (info.value.file, info.value.line) == ("<extra>", 2)
    with pytest.raises(zhscreen.WordlistError) as info:
        zhscreen.Screener(extra="\n\n@category nonsense\n")
    assert info.value.line == 3 and "nonsense" in str(info.value)


def test_wordlist_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("@category drugs\n".encode() + "海洛因\n".encode("gbk"))
    with pytest.raises(zhscreen.WordlistError) as info:
        zhscreen.Screener(wordlists=[tmp_path])
    assert (info.value.file, info.value.line) == (str(path), 2)
    assert "UTF-8" in info.value.message


def test_wordlist_error_pickles_with_its_attributes(tmp_path: Path) -> None:
    with pytest.raises(zhscreen.WordlistError) as info:
        zhscreen.Screener(extra="词 =>\n")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is zhscreen.WordlistError
    assert (copy.file, copy.line, copy.message, str(copy)) == (
        info.value.file, info.value.line, info.value.message, str(info.value)
    )


def test_io_errors_are_os_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as info:
        zhscreen.Screener(wordlists=[missing])
    assert info.value.filename == str(missing)
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match=r"no wordlist \(\*\.txt\)"):
        zhscreen.Screener(wordlists=[tmp_path / "empty"])
    with pytest.raises(TypeError):
        zhscreen.Screener(wordlists=str(missing))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        zhscreen.Screener(wordlists=[""])


def test_user_lists_add_to_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "local.txt").write_text(LOCAL, encoding="utf-8")
    for s in (zhscreen.Screener(wordlists=[tmp_path / "lists"]), zhscreen.Screener(extra=LOCAL)):
        rules = [f.rule for f in s.scan(MIXED).findings]
        assert rules[0] == "advertising/本店特价" and "drugs/海洛因" in rules
        assert s.ruleset.fingerprint != zhscreen.Screener().ruleset.fingerprint
    only = zhscreen.Screener(extra=LOCAL, defaults=False)
    assert {f.category for f in only.scan(MIXED).findings} == {"advertising", "personal_info"}
    assert only.defaults is False and only.extra == LOCAL and only.wordlists == []


def test_extra_as_named_texts() -> None:
    texts = {"ads.txt": LOCAL, "drugs.txt": "@category drugs\n@severity review\n神仙水\n"}
    s = zhscreen.Screener(extra=texts)
    assert s.extra == texts
    got = {f.rule: f.severity for f in s.scan("本店特价，卖神仙水").findings}
    assert got["advertising/本店特价"] == "block" and got["drugs/神仙水"] == "review"
    with pytest.raises(zhscreen.WordlistError) as info:
        zhscreen.Screener(extra={"ok.txt": LOCAL, "bad.txt": "@category drugs\n\n词 | nope\n"})
    assert (info.value.file, info.value.line) == ("bad.txt", 3)
    with pytest.raises(TypeError, match="extra="):
        zhscreen.Screener(extra=["not", "a", "mapping"])  # type: ignore[arg-type]
    copy = pickle.loads(pickle.dumps(s))
    assert copy.extra == texts and copy.ruleset == s.ruleset


def test_screener_pickles_by_rebuilding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "local.txt"
    path.write_text(LOCAL, encoding="utf-8")
    for s in (
        zhscreen.Screener(),
        zhscreen.Screener(wordlists=[path], extra="@category drugs\n神仙水\n", defaults=False),
    ):
        copy = pickle.loads(pickle.dumps(s))
        assert type(copy) is zhscreen.Screener
        assert copy.ruleset == s.ruleset
        assert (copy.wordlists, copy.extra, copy.defaults) == (s.wordlists, s.extra, s.defaults)
        for text in (MIXED, "卖神仙水", "国务院常务会议"):
            assert copy.scan(text) == s.scan(text)
    # Relative paths are made absolute, so a process with another working directory finds them.
    monkeypatch.chdir(tmp_path)
    relative = zhscreen.Screener(wordlists=["local.txt"])
    assert relative.wordlists == [str(tmp_path / "local.txt")]
    monkeypatch.chdir("/")
    assert pickle.loads(pickle.dumps(relative)).ruleset == relative.ruleset


def test_unpickling_fails_loudly_when_the_rules_changed(tmp_path: Path) -> None:
    path = tmp_path / "local.txt"
    path.write_text(LOCAL, encoding="utf-8")
    data = pickle.dumps(zhscreen.Screener(wordlists=[path]))
    path.write_text(LOCAL + "限时抢购\n", encoding="utf-8")
    with pytest.raises(ValueError, match="different rules"):
        pickle.loads(data)
    path.unlink()
    with pytest.raises(FileNotFoundError):
        pickle.loads(data)


def test_results_pickle(tmp_path: Path) -> None:
    report = zhscreen.Screener().scan(MIXED)
    assert report.findings
    for obj in (report, report.findings[0], report.ruleset):
        assert pickle.loads(pickle.dumps(obj)) == obj
    assert pickle.loads(pickle.dumps(report)).to_json() == report.to_json()


def _scan_in_worker(args: tuple[zhscreen.Screener, str]) -> zhscreen.Report:
    screener, text = args
    return screener.scan(text)


def test_multiprocessing_ships_the_screener() -> None:
    screener = zhscreen.Screener(extra=LOCAL)
    texts = [MIXED, "卖本店特价商品", "国务院常务会议研究部署稳就业工作。"]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        got = pool.map(_scan_in_worker, [(screener, t) for t in texts])
    assert got == [screener.scan(t) for t in texts]
    assert got[0].findings[0].rule == "advertising/本店特价"


WORDING = "# 本省提法\n奋力谱写中国式现代化湖北篇章\n"
SLOGAN_MISSPELT = "全省上下奋力谱写中国式现代化湖北篇张。"


def test_wording_files_add_formulations_and_pickle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "local-wording.txt"
    path.write_text(WORDING, encoding="utf-8")
    plain = zhscreen.Screener(typo=False)
    assert not [f for f in plain.scan(SLOGAN_MISSPELT).findings if f.rule == "expression/formulation"]
    s = zhscreen.Screener(typo=False, wording=[path])
    (f,) = [f for f in s.scan(SLOGAN_MISSPELT).findings if f.rule == "expression/formulation"]
    assert f.suggestion == "奋力谱写中国式现代化湖北篇章"
    assert s.wording == [str(path)]
    assert s.ruleset.fingerprint != plain.ruleset.fingerprint
    # Pickling keeps them (the same rules, rebuilt from the absolute path).
    monkeypatch.chdir(tmp_path)
    relative = zhscreen.Screener(typo=False, wording=["local-wording.txt"])
    monkeypatch.chdir("/")
    copy = pickle.loads(pickle.dumps(relative))
    assert copy.wording == [str(path)]
    assert copy.ruleset == s.ruleset
    assert copy.scan(SLOGAN_MISSPELT) == s.scan(SLOGAN_MISSPELT)
    # A bad line: file and line.
    bad = tmp_path / "bad.txt"
    bad.write_text("奋力谱写新篇章\nenumeration: 三个着力\n", encoding="utf-8")
    with pytest.raises(zhscreen.WordlistError) as info:
        zhscreen.Screener(wording=[bad])
    assert (info.value.file, info.value.line) == (str(bad), 2)
    with pytest.raises(ValueError, match="empty"):
        zhscreen.Screener(wording=[""])
