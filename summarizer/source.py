"""A source text, scanned once and indexed: its numbers by value, position and date,
its derived sums, and its words for finding a record's quote."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from decimal import MAX_PREC, localcontext
from functools import cached_property

from summarizer import dates
from summarizer.dates import When
from summarizer.evidence import Kind, Mention, Subject, detect_language, has_lexicon, scan
from summarizer.evidence.mention import Value, exact
from summarizer.evidence.subjects import same_subject
from summarizer.records import Qualifier
from summarizer.textspans import Span

# Whitespace that normalising changes: a leading run (dropped), and any run that is not
# already one plain space (made one). Plain single spaces, most of a text, stay as they are.
_ODD_SPACES = re.compile(r"^\s+|\s{2,}|[^\S ]")
_INNER_ODD_SPACES = re.compile(r"\s{2,}|[^\S ]")  # past a leading run: what becomes one space
_DERIVED_WINDOW = 300
_DERIVED_PARTS = 4
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'",
                              "’": "'", "‚": "'", "–": "-", "—": "-", "‑": "-"})  # fmt: skip


_Key = tuple[Value, Value | None]
# Everything a verdict reads of a mention but its place: kind, what it counts, its noun's
# class, its group, its hedge. Mentions of one value that share it are judged once.
Sig = tuple[Kind, Subject | None, str | None, str | None, Qualifier]
Pool = dict[Sig, list[Mention]]  # one value's trusted mentions by signature, in text order
_INDEX_FROM = 20_000  # characters of text from which quotes are looked up in an index
_QUOTE_KEY = 10  # characters of a quote looked up at once: "killed 4 p" is rarer than "the"
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: what str.isalnum() accepts


def sig(m: Mention) -> Sig:
    """A mention's signature: what a verdict reads of it."""
    return m.kind, m.counts, m.noun_class, m.group, m.qualifier


class Source:
    """A source text, scanned once and indexed (by value, position and date), so each of
    many claims looks up its candidates instead of reading every number of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.language = detect_language(text)
        # Can the scanner read, in the text's language, what its counts count?
        self.readable = has_lexicon(self.language)
        self.mentions = scan(text, readable=self.readable)  # the language read once, not twice
        self._by_value: dict[_Key, Pool] = {}
        for m in self.mentions:
            # A number inside an order to the model is not evidence of anything.
            if m.value is not None and not m.untrusted:
                pool = self._by_value.setdefault(_key(m.value, m.high), {})
                pool.setdefault(sig(m), []).append(m)
        self._positions = _Positions(self.mentions)
        self._dates = _Dates([m for m in self.mentions if m.date])
        self._parts = [m for m in self.mentions if _may_be_part(m)]
        self._sums: dict[tuple[Subject, str | None], dict[Value, list[Mention]]] = {}
        self._normal, self._offsets = _normalised(text)
        self._quote_index: _QuoteIndex | None = None
        self.years = {m.date[:4] for m in self.mentions if m.date and m.date[:1].isdigit()}

    @cached_property
    def worked_out_dates(self) -> tuple[Mention | None, list[tuple[int, When]]]:
        """The article's own date, and every date its words give against it ("on
        Saturday", "yesterday"), with where each is stated; worked out once."""
        dated = dates.article_date(self.text, self.mentions)
        anchor = dates.as_date(dated)
        if dated is None or anchor is None:
            return None, []
        return dated, dates.dates_in(self.text, Span(0, len(self.text)), self.mentions, anchor)

    def pool(self, value: Value, high: Value | None) -> Pool:
        """Trusted mentions of exactly this value and range top, by signature."""
        return self._by_value.get((value, high), {})

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions with any character in [start, end), in text order."""
        return self._positions.overlapping(start, end)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that begin in [start, end), in text order."""
        return self._positions.starting_in(start, end)

    def trusted_in(
        self, span: tuple[int, int], value: Value, high: Value | None, sigs: set[Sig]
    ) -> list[Mention]:
        """Trusted mentions of this value, range top and signature that begin in span."""
        return [m for m in self.starting_in(*span)
                if not m.untrusted and m.value is not None and sig(m) in sigs
                and _key(m.value, m.high) == (value, high)]  # fmt: skip

    def dated(self, claimed: str) -> list[Mention]:
        """Mentions whose date agrees with a claimed ISO date, in text order."""
        return self._dates.matching(claimed, self.years)

    def sums(self, subject: Subject, group: str | None) -> dict[Value, list[Mention]]:
        """Each sum of two to four exact counts that may be given as counts of this
        subject (and group, if given), stated close together, with the first run of
        counts that makes it."""
        key = (subject, group)
        found = self._sums.get(key)
        if found is None:
            parts = [m for m in self._parts if m.counts is not None
                     and same_subject(m.counts, subject)
                     and (group is None or m.group == group)]  # fmt: skip
            found = self._sums[key] = _window_sums(parts)
        return found

    def find_quote(self, quote: str) -> tuple[int, int] | None:
        """The span of a quote in the source, ignoring case, spacing and quote styles."""
        needle = _normal_only(quote).strip()
        if not needle:
            return None
        if len(self._normal) < _INDEX_FROM:  # a short text is searched faster than indexed
            at = _search(self._normal, needle)
        else:
            if self._quote_index is None:
                self._quote_index = _QuoteIndex(self._normal)
            at = self._quote_index.find(needle)
        if at < 0:
            return None
        return self._offsets[at], self._offsets[at + len(needle) - 1] + 1


class _Positions:
    """Mentions by where they start, for span lookups by bisection."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self._sorted = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._sorted]
        self._reach = max((m.end - m.start for m in mentions), default=0)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        return self._sorted[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        # No mention is longer than _reach, so none that starts earlier reaches `start`.
        return [m for m in self.starting_in(start - self._reach, end) if m.end > start]


class _Dates:
    """Dated mentions by the claims they agree with: the same date; "June 2" without a
    year for any year the article states; a longer date for its month or year."""

    def __init__(self, dated: list[Mention]) -> None:
        self._dated = dated
        self._exact: dict[str, list[int]] = {}
        self._within: dict[str, list[int]] = {}  # by each proper prefix of the date
        for i, m in enumerate(dated):
            date = m.date or ""
            self._exact.setdefault(date, []).append(i)
            if not date.startswith("--"):
                for n in range(len(date)):
                    self._within.setdefault(date[:n], []).append(i)

    def matching(self, claimed: str, years: set[str]) -> list[Mention]:
        found = {*self._exact.get(claimed, ()), *self._within.get(claimed, ())}
        yearless = "-" + claimed[4:]
        if yearless.startswith("--") and claimed[:4] in years:
            found.update(self._exact.get(yearless, ()))
        return [self._dated[i] for i in sorted(found)]


class _QuoteIndex:
    """Where a normalised quote first occurs as whole words: candidates are looked up by
    the quote's first characters at the starts of words, not searched for."""

    def __init__(self, normal: str) -> None:
        self._normal = normal
        self._by_prefix: dict[str, list[int]] = {}
        self._by_word: dict[str, list[int]] = {}
        for word in _WORD.finditer(normal):
            at = word.start()
            self._by_word.setdefault(word.group(), []).append(at)
            self._by_prefix.setdefault(normal[at : at + _QUOTE_KEY], []).append(at)

    def find(self, needle: str) -> int:
        """The first offset where needle stands as whole words, or -1."""
        first = _WORD.match(needle)
        if first is None:  # a quote that opens with a mark: search for it
            return _search(self._normal, needle)
        # A whole-word match of a quote that opens with a word starts where that word
        # does in the text.
        if len(needle) >= _QUOTE_KEY:
            starts = self._by_prefix.get(needle[:_QUOTE_KEY], ())
        else:
            starts = self._by_word.get(first.group(), ())
        for at in starts:
            if self._normal.startswith(needle, at) and _whole_words(
                self._normal, at, at + len(needle)
            ):
                return at
        return -1


def _search(text: str, needle: str) -> int:
    """The first offset where needle stands as whole words in text, or -1."""
    at = text.find(needle)
    while at >= 0 and not _whole_words(text, at, at + len(needle)):
        at = text.find(needle, at + 1)  # "June 1" is not in "June 19"
    return at


def _key(value: Value, high: Value | None) -> _Key:
    return exact(value), None if high is None else exact(high)


def _may_be_part(m: Mention) -> bool:
    """Can this mention be one of the stated numbers a derived sum adds up?"""
    return (
        m.kind is Kind.COUNT
        and m.value is not None
        and m.high is None
        and m.counts is not None
        and not m.partitive
        and m.qualifier is Qualifier.EXACT
        and not m.untrusted
    )


def _window_sums(parts: list[Mention]) -> dict[Value, list[Mention]]:
    """Each sum of two to four consecutive parts within the window, with the first run
    that makes it (exact arithmetic: no float is ever added, no digit rounded away)."""
    sums: dict[Value, list[Mention]] = {}
    with localcontext(prec=MAX_PREC):
        for i, first in enumerate(parts):
            total: Value = 0
            for j in range(i, min(i + _DERIVED_PARTS, len(parts))):
                if parts[j].end - first.start > _DERIVED_WINDOW:
                    break
                total += exact(parts[j].value or 0)
                if j > i and total not in sums:
                    sums[total] = parts[i : j + 1]
    return sums


def _whole_words(text: str, start: int, end: int) -> bool:
    """Does text[start:end] neither begin nor end inside a word or a number?"""
    inside_before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    inside_after = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (inside_before or inside_after)


class _Offsets:
    """Where each character of a normalised text came from, kept as the starts of the
    stretches copied unchanged (a character a stretch), not as one number a character."""

    def __init__(self) -> None:
        self._normal: list[int] = []
        self._original: list[int] = []

    def add(self, normal: int, original: int) -> None:
        self._normal.append(normal)
        self._original.append(original)

    def __getitem__(self, at: int) -> int:
        i = bisect_right(self._normal, at) - 1
        return self._original[i] + at - self._normal[i]


def _lowered(text: str) -> str:
    """Lower-cased text with quote marks and dashes made uniform, a character for each."""
    plain = text.translate(_QUOTE_CHARS)
    lowered = plain.lower()
    if len(lowered) != len(plain):  # a few characters ("İ") grow when lowered
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in plain)
    return lowered


def _normal_only(text: str) -> str:
    """What _normalised makes of a text, without the offsets a quote has no use for."""
    # str.lstrip() takes what ^\s+ does: the same characters are whitespace to both.
    return _INNER_ODD_SPACES.sub(" ", _lowered(text).lstrip())


def _normalised(text: str) -> tuple[str, _Offsets]:
    """Lower-cased text with quote marks, dashes and spacing made uniform, and for each
    of its characters the offset it came from."""
    lowered = _lowered(text)
    parts: list[str] = []
    offsets = _Offsets()
    size = pos = 0
    for run in _ODD_SPACES.finditer(lowered):
        offsets.add(size, pos)
        parts.append(lowered[pos : run.start()])
        size += run.start() - pos
        if run.start() > 0:  # leading space is dropped; a run becomes one space
            offsets.add(size, run.start())
            parts.append(" ")
            size += 1
        pos = run.end()
    offsets.add(size, pos)
    parts.append(lowered[pos:])
    return "".join(parts), offsets
