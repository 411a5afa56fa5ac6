"""Hedges: the words before or after a number that weaken what it claims."""

from __future__ import annotations

import re

from summarizer.evidence.kinds import MONEY_BEFORE
from summarizer.evidence.lexicons import en as lx
from summarizer.evidence.mention import Kind
from summarizer.evidence.patterns import alt
from summarizer.records import Qualifier

ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
QUAL_BEFORE = {p: q for q, phrases in lx.QUALIFIERS_BEFORE.items() for p in phrases}
QUAL_BEFORE_RE = re.compile(rf"(?i)(?<![\w.])(?:{alt(list(QUAL_BEFORE))})\s*$")
QUAL_AFTER_RE = re.compile(
    r"(?i)^(?:(?P<at_least>\s+or\s+(?:even\s+)?(?:more|higher)\b|\s+and\s+counting\b)"
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
    before = QUAL_BEFORE_RE.search(text, max(0, hedge_end - 30), hedge_end)
    if before:
        qualifier = Qualifier(QUAL_BEFORE[before.group().strip().lower()])
        start = before.start()
    after = QUAL_AFTER_RE.match(text[end : end + 16])
    if after and after.lastgroup:
        qualifier = Qualifier(after.lastgroup)
        end += after.end()
    return qualifier, start, end
