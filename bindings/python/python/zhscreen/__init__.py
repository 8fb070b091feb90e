"""zhscreen: screens Chinese text before a government account publishes it.

The machine pass that runs before the human reviewers of the 三审制: it finds prohibited content,
classification marks, personal data, advertising, non-standard wording and typos, and says where
(indices into the string you passed), why, and what to write instead.

    >>> import zhscreen
    >>> screener = zhscreen.Screener()
    >>> report = screener.scan("出售海洛因，同城送货。")
    >>> report.verdict
    'block'
    >>> f = report.findings[0]
    >>> (f.category, f.text, f.start, f.end)
    ('drugs', '海洛因', 2, 5)

A ``Screener`` is immutable and thread-safe; scanning releases the GIL, so threads scale across
cores. It pickles (it is rebuilt from its wordlists on the other side), so ``multiprocessing``
and Spark can ship it.
"""

from ._zhscreen import (
    CATEGORIES,
    GATES,
    SEVERITIES,
    SIGN_OFF_LEVELS,
    VERDICTS,
    Finding,
    Report,
    RulesetInfo,
    Screener,
    SignOff,
    SignOffReason,
    WordlistError,
    __version__,
)

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
