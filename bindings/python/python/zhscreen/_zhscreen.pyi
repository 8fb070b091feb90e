"""Type stubs for the native module (checked against it by ``mypy.stubtest``)."""

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal, final

_Category = Literal[
    "political",
    "expression",
    "confidential",
    "personal_info",
    "pornography",
    "gambling",
    "drugs",
    "violence_terror",
    "cult_superstition",
    "discrimination",
    "rumor",
    "insult",
    "illegal_assembly",
    "advertising",
    "opinion",
    "typo",
    "publishing",
]
_Gate = Literal["politics", "law", "policy", "secrecy", "text"]
_Severity = Literal["info", "warn", "review", "block"]
_Verdict = Literal["pass", "warn", "review", "block"]
_Lang = Literal["zh", "en"]
_SignOffLevel = Literal["standard", "important", "major"]
_StrPath = str | os.PathLike[str]

__all__ = [
    "CATEGORIES",
    "GATES",
    "SEVERITIES",
    "SIGN_OFF_LEVELS",
    "VERDICTS",
    "Finding",
    "Report",
    "RulesetInfo",
    "Screener",
    "SignOff",
    "SignOffReason",
    "WordlistError",
    "__version__",
]

__version__: str
CATEGORIES: tuple[_Category, ...]
GATES: tuple[_Gate, ...]
SEVERITIES: tuple[_Severity, ...]
VERDICTS: tuple[_Verdict, ...]
SIGN_OFF_LEVELS: tuple[_SignOffLevel, ...]

class WordlistError(ValueError):
    """A wordlist is malformed; nothing of it was loaded."""

    file: str
    line: int
    message: str

@final
class RulesetInfo:
    """zhscreen's version and the fingerprint of the compiled rules (for the audit record)."""

    @property
    def version(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...
    def to_dict(self) -> dict[str, str]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Finding:
    """One thing a reviewer should look at.

    ``start``/``end`` index the scanned string (``text[f.start:f.end] == f.text``);
    ``byte_start``/``byte_end`` are offsets in its UTF-8 encoding.
    """

    @property
    def category(self) -> _Category: ...
    @property
    def gate(self) -> _Gate: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def rule(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def suggestion(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class SignOffReason:
    """One routing word that raised a text's sign-off level; ``start``/``end`` index the string."""

    @property
    def level(self) -> _SignOffLevel: ...
    @property
    def rule(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def note(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class SignOff:
    """Who must sign a text before it is published (分级审核), and why; changes no verdict."""

    @property
    def level(self) -> _SignOffLevel: ...
    @property
    def reasons(self) -> list[SignOffReason]: ...
    def signer(self, lang: str = "zh") -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Report:
    """The result of screening one text."""

    @staticmethod
    def from_json(json: str) -> Report: ...
    @property
    def verdict(self) -> _Verdict: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def ruleset(self) -> RulesetInfo: ...
    @property
    def sign_off(self) -> SignOff: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Screener:
    """Screens text. Immutable and thread-safe; scanning releases the GIL."""

    def __new__(
        cls,
        wordlists: Sequence[_StrPath] | None = None,
        extra: str | Mapping[str, str] | None = None,
        defaults: bool = True,
        *,
        lang: _Lang = "zh",
        names: Literal["warn", "protect"] = "warn",
        names_relief: bool = False,
        typo: bool = True,
        typo_threshold: float | None = None,
        wording: Sequence[_StrPath] | None = None,
    ) -> Screener: ...
    def with_lang(self, lang: _Lang) -> Screener: ...
    def scan(self, text: str) -> Report: ...
    def scan_many(self, texts: Iterable[str]) -> list[Report]: ...
    def redact(self, text: str) -> str: ...
    def fix(self, text: str) -> str: ...
    def warm_up(self) -> None: ...
    @property
    def ruleset(self) -> RulesetInfo: ...
    @property
    def defaults(self) -> bool: ...
    @property
    def lang(self) -> _Lang: ...
    @property
    def names(self) -> Literal["warn", "protect"]: ...
    @property
    def names_relief(self) -> bool: ...
    @property
    def typo_threshold(self) -> float | None: ...
    @property
    def wordlists(self) -> list[str]: ...
    @property
    def extra(self) -> str | dict[str, str] | None: ...
    @property
    def wording(self) -> list[str]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
