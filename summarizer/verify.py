"""Findings and verdicts: each claimed number held against the numbers of the source."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import islice
from typing import Annotated

from pydantic import BaseModel, Field, PlainSerializer

from summarizer.claims import Claim, Number, exact, model_claims, prose_claims
from summarizer.evidence import (
    Kind,
    Mention,
    Subject,
    detect_language,
    has_lexicon,
    scan,
    subjects_named,
)
from summarizer.records import ArticleSummary, Qualifier


class Status(StrEnum):
    """A verdict: supported (stated, with words that say it counts this), unconfirmed
    (stated, but no words the verifier can read say what it counts), qualifier_mismatch
    (a stronger claim than the source's), misattributed (stated for something else),
    derived (a sum of stated numbers), unsupported (not stated)."""

    SUPPORTED = "supported"
    UNCONFIRMED = "unconfirmed"
    QUALIFIER_MISMATCH = "qualifier_mismatch"
    MISATTRIBUTED = "misattributed"
    DERIVED = "derived"
    UNSUPPORTED = "unsupported"


FAILING = frozenset({Status.UNSUPPORTED, Status.MISATTRIBUTED, Status.QUALIFIER_MISMATCH})
# Under --strict a number is proven only with words that say what it counts.
STRICT_FAILING = FAILING | {Status.UNCONFIRMED}


def failing(strict: bool = False) -> frozenset[Status]:
    """The verdicts that fail the check."""
    return STRICT_FAILING if strict else FAILING


def _json_number(value: Number) -> int | float:
    return value if isinstance(value, int) else float(value)


# Exact in Python; a plain JSON number outside it (ints as ints).
JsonNumber = Annotated[Number, PlainSerializer(_json_number, when_used="json")]


_UNSAID = frozenset({Qualifier.EXACT, Qualifier.RANGE})  # hedges a claim reads without words


class Evidence(BaseModel):
    """A span of the source: text[start:end]."""

    start: int
    end: int
    text: str


class Finding(BaseModel):
    """The verdict on one number (or date) of a summary, with its evidence."""

    path: str = Field(description="Where the number is: events[0].casualties[1].count.")
    value: JsonNumber | str | None = Field(description="The number claimed; a date as ISO.")
    high: JsonNumber | None = None
    qualifier: Qualifier | None = None
    status: Status
    evidence: list[Evidence] = Field(default_factory=list)
    note: str | None = None

    def claimed(self) -> str:
        """The claim as a person reads it: "approximately 80", "10–15", "1.5", a date."""
        if self.value is None or isinstance(self.value, str):
            return str(self.value)
        text = _plain(self.value) + (f"–{_plain(self.high)}" if self.high is not None else "")
        if self.qualifier is not None and self.qualifier not in _UNSAID:
            text = f"{self.qualifier.value.replace('_', ' ')} {text}"
        return text


class VerificationReport(BaseModel):
    """Every number of a summary checked against its source."""

    ok: bool = Field(
        description="No finding failed: none unsupported, misattributed or "
        "qualifier_mismatch (and, under --strict, none unconfirmed)."
    )
    counts: dict[Status, int] = Field(description="How many findings have each verdict.")
    findings: list[Finding]

    @classmethod
    def of(cls, findings: list[Finding], strict: bool = False) -> VerificationReport:
        counts = Counter(f.status for f in findings)
        fails = failing(strict)
        return cls(
            ok=not any(f.status in fails for f in findings),
            counts={s: counts.get(s, 0) for s in Status},
            findings=findings,
        )


def report_json_schema() -> dict[str, object]:
    """The JSON Schema of a verification report as written, checked in under schemas/."""
    schema = VerificationReport.model_json_schema(mode="serialization")
    schema["$id"] = "summarizer/verification_report.schema.json"
    return schema


# What a source hedge lets a record claim: "around 80" may be recorded as
# approximately 80, never as exactly 80.
_WEAKER_OR_EQUAL: dict[Qualifier, frozenset[Qualifier]] = {
    Qualifier.EXACT: frozenset({Qualifier.EXACT, Qualifier.AT_LEAST, Qualifier.UP_TO,
                                Qualifier.APPROXIMATELY}),
    Qualifier.AT_LEAST: frozenset({Qualifier.AT_LEAST}),
    Qualifier.MORE_THAN: frozenset({Qualifier.MORE_THAN, Qualifier.AT_LEAST}),
    Qualifier.APPROXIMATELY: frozenset({Qualifier.APPROXIMATELY}),
    Qualifier.UP_TO: frozenset({Qualifier.UP_TO}),
    Qualifier.FEWER_THAN: frozenset({Qualifier.FEWER_THAN, Qualifier.UP_TO}),
    Qualifier.RANGE: frozenset({Qualifier.RANGE, Qualifier.APPROXIMATELY}),
}  # fmt: skip
# What a source group lets a record call the same people: "4 individuals" are not
# "4 children", but "2 children" may be recorded as civilians, and anyone as total.
_GROUPS_ALLOWED: dict[str | None, frozenset[str]] = {
    "children": frozenset({"children", "civilians", "total", "other"}),
    "civilians": frozenset({"civilians", "total", "other"}),
    "emergency_responders": frozenset({"emergency_responders", "total", "other"}),
    "military": frozenset({"military", "total", "other"}),
    "other": frozenset({"other", "total"}),
}
_ANY_PEOPLE = frozenset({"total", "other"})
# Whitespace that normalising changes: a leading run (dropped), and any run that is not
# already one plain space (made one). Plain single spaces, most of a text, stay as they are.
_ODD_SPACES = re.compile(r"^\s+|\s{2,}|[^\S ]")
_EVIDENCE = 5  # spans a finding lists
_DERIVED_WINDOW = 300
_DERIVED_PARTS = 4
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'",
                              "’": "'", "‚": "'", "–": "-", "—": "-", "‑": "-"})  # fmt: skip


_Key = tuple[Number, Number | None]
# Everything a verdict reads of a mention but its place: kind, what it counts, its noun's
# class, its group, its hedge. Mentions of one value that share it are judged once.
_Sig = tuple[Kind, Subject | None, str | None, str | None, Qualifier]
_Pool = dict[_Sig, list[Mention]]  # one value's trusted mentions by signature, in text order
_INDEX_FROM = 20_000  # characters of text from which quotes are looked up in an index
_QUOTE_KEY = 10  # characters of a quote looked up at once: "killed 4 p" is rarer than "the"
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: what str.isalnum() accepts


class Source:
    """A source text, scanned once and indexed (by value, position and date), so each of
    many claims looks up its candidates instead of reading every number of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions = scan(text)
        self.language = detect_language(text)
        # Can the scanner read, in the text's language, what its counts count?
        self.readable = has_lexicon(self.language)
        self._by_value: dict[_Key, _Pool] = {}
        for m in self.mentions:
            # A number inside an order to the model is not evidence of anything.
            if m.value is not None and not m.untrusted:
                pool = self._by_value.setdefault(_key(m.value, m.high), {})
                pool.setdefault(_sig(m), []).append(m)
        self._positions = _Positions(self.mentions)
        self._dates = _Dates([m for m in self.mentions if m.date])
        self._parts = [m for m in self.mentions if _may_be_part(m)]
        self._sums: dict[tuple[Subject, str | None], dict[Number, list[Mention]]] = {}
        self._normal, self._offsets = _normalised(text)
        self._quote_index: _QuoteIndex | None = None
        self.years = {m.date[:4] for m in self.mentions if m.date and m.date[:1].isdigit()}

    def with_value(self, value: Number, high: Number | None) -> list[Mention]:
        """Trusted mentions of exactly this value and range top, in text order."""
        return list(heapq.merge(*self.pool(value, high).values(), key=_start))

    def pool(self, value: Number, high: Number | None) -> _Pool:
        """Trusted mentions of exactly this value and range top, by signature."""
        return self._by_value.get((value, high), {})

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """Mentions with any character in [start, end), in text order."""
        return self._positions.overlapping(start, end)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that begin in [start, end), in text order."""
        return self._positions.starting_in(start, end)

    def trusted_in(
        self, span: tuple[int, int], value: Number, high: Number | None, sigs: set[_Sig]
    ) -> list[Mention]:
        """Trusted mentions of this value, range top and signature that begin in span."""
        return [m for m in self.starting_in(*span)
                if not m.untrusted and m.value is not None and _sig(m) in sigs
                and _key(m.value, m.high) == (value, high)]  # fmt: skip

    def dated(self, claimed: str) -> list[Mention]:
        """Mentions whose date agrees with a claimed ISO date, in text order."""
        return self._dates.matching(claimed, self.years)

    def sums(self, subject: Subject, group: str | None) -> dict[Number, list[Mention]]:
        """Each sum of two to four exact counts of this subject (and group, if given)
        stated close together, with the first run of counts that makes it."""
        key = (subject, group)
        found = self._sums.get(key)
        if found is None:
            parts = [m for m in self._parts if m.counts is not None
                     and _same_subject(m.counts, subject)
                     and (group is None or m.group == group)]  # fmt: skip
            found = self._sums[key] = _window_sums(parts)
        return found

    def find_quote(self, quote: str) -> tuple[int, int] | None:
        """The span of a quote in the source, ignoring case, spacing and quote styles."""
        needle, _ = _normalised(quote)
        needle = needle.strip()
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


def _key(value: float | Number, high: float | Number | None) -> _Key:
    return exact(value), None if high is None else exact(high)


def verify(
    summary: BaseModel | str, source: str | Source, *, strict: bool = False
) -> VerificationReport:
    """Check every number of a summary (records or plain text) against the source.
    Under `strict`, a number stated without words that say what it counts fails too."""
    src = source if isinstance(source, Source) else Source(source)
    inner = getattr(summary, "summary", None)
    if isinstance(inner, ArticleSummary):  # a whole result of summarize()
        summary = inner
    claims = prose_claims(summary, "text") if isinstance(summary, str) else model_claims(summary)
    return VerificationReport.of([judge(claim, src) for claim in claims], strict=strict)


def judge(claim: Claim, src: Source) -> Finding:
    """The verdict on one claim."""
    if claim.kind is Kind.DATE:
        return _judge_date(claim, src)
    assert isinstance(claim.value, int | Decimal)
    quote_span, quote_note = _check_quote(claim.quote, claim.value, src)
    if claim.quote is not None and quote_span is None:
        # A record that cites words the article does not hold is not proven by it.
        return _finding(claim, Status.UNSUPPORTED, [], quote_note)
    pool = src.pool(claim.value, claim.high)
    candidates = set(pool)
    if claim.qualifier is not Qualifier.RANGE and claim.high is None:
        candidates = {sig for sig in candidates if sig[0] is not Kind.VAGUE}
    same_kind = {sig for sig in candidates if sig[0] is claim.kind}
    fitting = {sig for sig in same_kind if _fits(pool[sig][0], claim)}
    quoted: list[Mention] = []
    if quote_span:  # the mention the quote points at is the best evidence
        quoted = src.trusted_in(quote_span, claim.value, claim.high, same_kind)
        why = _quote_says_otherwise(claim, src, quote_span, quoted, fitting)
        if why:
            return _finding(claim, Status.MISATTRIBUTED, quoted, _join(why, quote_note))
    if fitting:
        return _judge_fitting(claim, src, _Picked(pool, fitting, quoted), quote_note)
    if candidates:
        # Name a count of the same kind first: "four" injured, not "four"-storey.
        best = min(_other_first(sig, claim) for sig in candidates)
        (other,) = _pick(pool, {s for s in candidates if _other_first(s, claim) == best}, n=1)
        why = f"the source gives {other.text!r} for {_what(other)}"
        evidence = _pick(pool, candidates)
        return _finding(claim, Status.MISATTRIBUTED, evidence, _join(why, quote_note))
    parts = _derived_parts(claim, src)
    if parts:
        why = "not stated; the sum of " + " + ".join(repr(m.text) for m in parts)
        return _finding(claim, Status.DERIVED, parts, _join(why, quote_note))
    return _finding(
        claim, Status.UNSUPPORTED, [], _join("the source does not state it", quote_note)
    )


def _sig(m: Mention) -> _Sig:
    return m.kind, m.counts, m.noun_class, m.group, m.qualifier


def _start(m: Mention) -> int:
    return m.start


def _other_first(sig: _Sig, claim: Claim) -> tuple[bool, bool]:
    return sig[0] is not claim.kind, sig[1] is None


def _pick(
    pool: _Pool, sigs: Iterable[_Sig], first: Sequence[Mention] = (), n: int = _EVIDENCE
) -> list[Mention]:
    """The first n mentions of these signatures: those in `first` (the quote's), then the
    rest in text order."""
    wanted = set(sigs)
    out = [m for m in first if _sig(m) in wanted][:n]
    taken = {m.start for m in out}
    rest = heapq.merge(*(pool[sig] for sig in wanted), key=_start)
    out += islice((m for m in rest if m.start not in taken), n - len(out))
    return out


@dataclass(frozen=True)
class _Picked:
    """The mentions that may count what a claim counts, and the quote's among them."""

    pool: _Pool
    fitting: set[_Sig]
    quoted: list[Mention]

    def first(self, sigs: Iterable[_Sig], n: int = _EVIDENCE) -> list[Mention]:
        return _pick(self.pool, sigs, self.quoted, n)


def _quote_says_otherwise(
    claim: Claim,
    src: Source,
    span: tuple[int, int],
    quoted: list[Mention],
    fitting: set[_Sig],
) -> str | None:
    """Why the record's own quote gives its number for something else, if it does."""
    known = [m for m in quoted if m.counts is not None]
    if not known or any(_sig(m) in fitting for m in quoted):
        return None
    if claim.subject in subjects_named(src.text[span[0] : span[1]]):
        return None
    return f"its quote gives {known[0].text!r} for {_what(known[0])}"


def _judge_fitting(claim: Claim, src: Source, found: _Picked, quote_note: str | None) -> Finding:
    """The verdict when the source states the value for something the claim may be:
    supported only where words the scanner reads say it counts what the claim counts."""
    allowed = {sig for sig in found.fitting if claim.qualifier in _WEAKER_OR_EQUAL[sig[4]]}
    if not allowed:
        evidence = found.first(found.fitting)
        note = f"the source says {evidence[0].text!r}, a weaker claim than {claim.qualifier}"
        return _finding(claim, Status.QUALIFIER_MISMATCH, evidence, _join(note, quote_note))
    evidence = found.first(allowed)
    if claim.kind is Kind.COUNT and not src.readable:
        why = (
            f"the source is in {src.language}, which the scanner has no word lists for: "
            "what it counts is unread"
        )
        return _finding(claim, Status.UNCONFIRMED, evidence, _join(why, quote_note))
    if any(_reads(found.pool[sig][0], claim) for sig in allowed):
        return _finding(claim, Status.SUPPORTED, evidence, quote_note)
    why = f"the source gives {evidence[0].text!r} with no words that say what it counts"
    return _finding(claim, Status.UNCONFIRMED, evidence, _join(why, quote_note))


def _reads(m: Mention, claim: Claim) -> bool:
    """Do the source's words say this number counts what the claim counts? A claim that
    names nothing it counts (a plain number, a floor count) asks for no such words."""
    if claim.kind is not Kind.COUNT or claim.subject is None:
        return True
    return m.counts is not None and _same_subject(m.counts, claim.subject)


def _fits(m: Mention, claim: Claim) -> bool:
    """May this source number count what the claim says it counts?"""
    if claim.kind is not Kind.COUNT:
        return True
    if claim.subject is None:
        return True
    if m.counts is not None:
        if not _same_subject(m.counts, claim.subject):
            return False
    elif not _may_count(m, claim.subject):
        return False
    if claim.group is None:
        return True
    return claim.group in _GROUPS_ALLOWED.get(m.group, _ANY_PEOPLE)


def _same_subject(found: Subject, claimed: Subject) -> bool:
    if found is claimed:
        return True
    either = {Subject.KILLED, Subject.INJURED}
    return Subject.CASUALTIES in {found, claimed} and {found, claimed} <= either | {
        Subject.CASUALTIES
    }


def _may_count(m: Mention, claimed: Subject) -> bool:
    """A number whose context names no outcome may still be it, unless its noun rules it
    out: "two nations" are not two dead, "80 drones" are not 80 injured."""
    if m.noun_class == "thing":
        return False
    if m.noun_class == "munition":
        return claimed in {Subject.LAUNCHED, Subject.NEUTRALIZED, Subject.HITS}
    if m.noun_class == "person":
        return claimed not in {Subject.LAUNCHED, Subject.NEUTRALIZED, Subject.HITS}
    return True


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


def _window_sums(parts: list[Mention]) -> dict[Number, list[Mention]]:
    """Each sum of two to four consecutive parts within the window, with the first run
    that makes it (exact arithmetic: no float is ever added)."""
    sums: dict[Number, list[Mention]] = {}
    for i, first in enumerate(parts):
        total: Number = 0
        for j in range(i, min(i + _DERIVED_PARTS, len(parts))):
            if parts[j].end - first.start > _DERIVED_WINDOW:
                break
            total += exact(parts[j].value or 0)
            if j > i and total not in sums:
                sums[total] = parts[i : j + 1]
    return sums


def _derived_parts(claim: Claim, src: Source) -> list[Mention]:
    """Stated numbers of the same kind, close together, that add up to the claim."""
    if claim.kind is not Kind.COUNT or claim.subject is None or claim.high is not None:
        return []
    assert isinstance(claim.value, int | Decimal)
    group = None if claim.group in {None, "total"} else claim.group
    return src.sums(claim.subject, group).get(claim.value, [])


def _judge_date(claim: Claim, src: Source) -> Finding:
    """A date is held to the date its own words name in the source ("June 19, 2025"
    beside 2025-06-20 is wrong even when the article states June 20 for something
    else); words that name none ("on Friday") or are not in the source leave any date
    the article states as evidence."""
    iso = str(claim.value)
    hits = src.dated(iso)
    span = src.find_quote(claim.quote) if claim.quote else None
    named = [m for m in src.starting_in(*span) if m.date] if span else []
    if named:
        agreeing = [m for m in named if m.date and _date_matches(m.date, iso, src.years)]
        if agreeing:
            return _finding(claim, Status.SUPPORTED, agreeing, None)
        why = f"its words {claim.quote!r} give {named[0].text!r}"
        status = Status.MISATTRIBUTED if hits else Status.UNSUPPORTED
        return _finding(claim, status, named + hits, why)
    if hits:
        return _finding(claim, Status.SUPPORTED, hits, None)
    return _finding(claim, Status.UNSUPPORTED, [], "the source states no such date")


def _date_matches(found: str, claimed: str, years: set[str]) -> bool:
    if found == claimed:
        return True
    if found.startswith("--"):  # "June 2" without a year: the article's own year
        return claimed[4:] == found[1:] and claimed[:4] in years
    return len(claimed) < len(found) and found.startswith(claimed)


def _check_quote(
    quote: str | None, value: Number, src: Source
) -> tuple[tuple[int, int] | None, str | None]:
    if quote is None:
        return None, None
    span = src.find_quote(quote)
    if span is None:
        return None, f"the quote is not in the source: {quote!r}"
    inside = [m for m in src.overlapping(*span)
              if m.value is not None and exact(m.value) == value]  # fmt: skip
    if not inside:
        return span, f"the quote does not state {_plain(value)}"
    return span, None


def _finding(
    claim: Claim, status: Status, mentions: Sequence[Mention], note: str | None
) -> Finding:
    if claim.prose:
        note = _join(repr(claim.prose), note)
    return Finding(
        path=claim.path,
        value=claim.value,
        high=claim.high,
        qualifier=claim.qualifier if claim.kind is not Kind.DATE else None,
        status=status,
        evidence=[Evidence(start=m.start, end=m.end, text=m.text) for m in _unique(mentions)],
        note=note,
    )


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    seen: set[int] = set()
    out = []
    for m in mentions:
        if m.start not in seen:
            seen.add(m.start)
            out.append(m)
            if len(out) == _EVIDENCE:
                break
    return out


def _plain(value: Number) -> str:
    """Digits as exact as the number: 14, 1.5, never 1.4999999999999998."""
    return str(value) if isinstance(value, int) else format(value, "f")


def _what(m: Mention) -> str:
    if m.kind is not Kind.COUNT:
        return m.kind.value
    if m.counts is not None:
        return m.counts.value
    return m.noun or "another count"


def _join(*notes: str | None) -> str | None:
    parts = [n for n in notes if n]
    return "; ".join(parts) if parts else None


def _whole_words(text: str, start: int, end: int) -> bool:
    """Does text[start:end] neither begin nor end inside a word or a number?"""
    inside_before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    inside_after = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (inside_before or inside_after)


def _normalised(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with quote marks, dashes and spacing made uniform, and for each
    of its characters the offset it came from."""
    plain = text.translate(_QUOTE_CHARS)
    lowered = plain.lower()
    if len(lowered) != len(plain):  # a few characters ("İ") grow when lowered
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in plain)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for run in _ODD_SPACES.finditer(lowered):
        parts.append(lowered[pos : run.start()])
        offsets.extend(range(pos, run.start()))
        if run.start() > 0:  # leading space is dropped; a run becomes one space
            parts.append(" ")
            offsets.append(run.start())
        pos = run.end()
    parts.append(lowered[pos:])
    offsets.extend(range(pos, len(lowered)))
    return "".join(parts), offsets
