"""Hedges: the words before or after a number that weaken what it claims."""

from __future__ import annotations

import re

from summarizer.evidence.kinds import MONEY_BEFORE
from summarizer.evidence.lexicons import en as lx
from summarizer.evidence.mention import Kind
from summarizer.evidence.patterns import alt
from summarizer.records import Qualifier

_QUAL_BEFORE = {p: q for q, phrases in lx.QUALIFIERS_BEFORE.items() for p in phrases}
# A hedge may stand a word or two from its number: "at least another 12", "nearly a
# further 300", "up to a total of 40".
_FILLER = r"(?:\s+(?:another|a\s+further|an\s+additional|a\s+total\s+of|in\s+all))?"
_QUAL_BEFORE_RE = re.compile(rf"(?i)(?<![\w.])({alt(list(_QUAL_BEFORE))}){_FILLER}\s*$")
# The last word of every hedge before a number: where the word before it is none of
# these, there is no hedge to look for.
_LAST_WORDS = frozenset(p.split()[-1].lower() for p in _QUAL_BEFORE) | {
    "another", "further", "additional", "of", "all",
}  # fmt: skip
_OPENERS = "([{\"'“‘"
_QUAL_AFTER_RE = re.compile(
    r"(?i)^(?:(?P<at_least>\s+or\s+(?:even\s+)?(?:more|higher)\b|\s+and\s+counting\b"
    r"|,?\s+at\s+(?:the\s+)?(?:very\s+)?least\b)"
    r"|(?P<more_than>\+|-plus\b)"
    r"|(?P<approximately>\s+or\s+so\b|-?odd\b))"
)

HEDGEABLE = frozenset(
    {Kind.COUNT, Kind.VAGUE, Kind.MEASURE, Kind.PERCENT, Kind.MONEY, Kind.AGE, Kind.STOREYS}
)


def hedge(text: str, start: int, end: int, qualifier: Qualifier) -> tuple[Qualifier, int, int]:
    """The hedge around the number at text[start:end], and the span that takes it in."""
    currency = MONEY_BEFORE.search(text, max(0, start - 5), start)
    hedge_end = currency.start() if currency else start
    tail = text[max(0, hedge_end - 20) : hedge_end].rsplit(None, 1)
    last = tail[-1].lstrip(_OPENERS).lower() if tail else ""
    before = None
    if last in _LAST_WORDS:
        before = _QUAL_BEFORE_RE.search(text, max(0, hedge_end - 45), hedge_end)
    if before:
        qualifier = Qualifier(_QUAL_BEFORE[before.group(1).lower()])
        start = before.start()
    after = _QUAL_AFTER_RE.match(text[end : end + 16])
    if after and after.lastgroup:
        qualifier = Qualifier(after.lastgroup)
        end += after.end()
    return qualifier, start, end
