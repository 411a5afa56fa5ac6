"""Findings and verdicts: each claimed number held against the numbers of the source."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from enum import StrEnum

from pydantic import BaseModel, Field

from summarizer.claims import Claim, model_claims, prose_claims
from summarizer.evidence import Kind, Mention, Subject, scan, subjects_named
from summarizer.records import ArticleSummary, Qualifier, stated


class Status(StrEnum):
    SUPPORTED = "supported"
    QUALIFIER_MISMATCH = "qualifier_mismatch"
    MISATTRIBUTED = "misattributed"
    DERIVED = "derived"
    UNSUPPORTED = "unsupported"


FAILING = frozenset({Status.UNSUPPORTED, Status.MISATTRIBUTED, Status.QUALIFIER_MISMATCH})


class Evidence(BaseModel):
    start: int
    end: int
    text: str


class Finding(BaseModel):
    path: str
    value: float | str | None
    high: float | None = None
    qualifier: Qualifier | None = None
    status: Status
    evidence: list[Evidence] = Field(default_factory=list)
    note: str | None = None


class VerificationReport(BaseModel):
    ok: bool
    counts: dict[Status, int]
    findings: list[Finding]

    @classmethod
    def of(cls, findings: list[Finding]) -> VerificationReport:
        counts = Counter(f.status for f in findings)
        return cls(
            ok=not any(f.status in FAILING for f in findings),
            counts={s: counts.get(s, 0) for s in Status},
            findings=findings,
        )


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
_DERIVED_WINDOW = 300
_DERIVED_PARTS = 4
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'",
                              "’": "'", "‚": "'", "–": "-", "—": "-", "‑": "-"})  # fmt: skip


class Source:
    """A source text, scanned once, ready to answer for many claims."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions = scan(text)
        self._by_value: dict[float, list[Mention]] = {}
        for m in self.mentions:
            # A number inside an order to the model is not evidence of anything.
            if m.value is not None and not m.untrusted:
                self._by_value.setdefault(m.value, []).append(m)
        self._normal, self._offsets = _normalised(text)
        self.years = {m.date[:4] for m in self.mentions if m.date and m.date[:1].isdigit()}

    def with_value(self, value: float, high: float | None) -> list[Mention]:
        return [m for m in self._by_value.get(value, []) if m.high == high]

    def find_quote(self, quote: str) -> tuple[int, int] | None:
        """The span of a quote in the source, ignoring case, spacing and quote styles."""
        needle, _ = _normalised(quote)
        needle = needle.strip()
        if not needle:
            return None
        at = self._normal.find(needle)
        while at >= 0 and not _whole_words(self._normal, at, at + len(needle)):
            at = self._normal.find(needle, at + 1)  # "June 1" is not in "June 19"
        if at < 0:
            return None
        return self._offsets[at], self._offsets[at + len(needle) - 1] + 1


def verify(summary: BaseModel | str, source: str | Source) -> VerificationReport:
    """Check every number of a summary (records or plain text) against the source."""
    src = source if isinstance(source, Source) else Source(source)
    inner = getattr(summary, "summary", None)
    if isinstance(inner, ArticleSummary):  # a whole result of summarize()
        summary = inner
    claims = (
        prose_claims(summary, "text") if isinstance(summary, str) else model_claims(summary)
    )
    return VerificationReport.of([judge(claim, src) for claim in claims])


def judge(claim: Claim, src: Source) -> Finding:
    """The verdict on one claim."""
    if claim.kind is Kind.DATE:
        return _judge_date(claim, src)
    assert isinstance(claim.value, float)
    quote_span, quote_note = _check_quote(claim.quote, claim.value, src)
    candidates = src.with_value(claim.value, claim.high)
    if claim.qualifier is not Qualifier.RANGE and claim.high is None:
        candidates = [m for m in candidates if m.kind is not Kind.VAGUE]
    same_kind = [m for m in candidates if m.kind is claim.kind]
    fitting = [m for m in same_kind if _fits(m, claim)]
    if quote_span:  # the mention the quote points at is the best evidence
        quoted = [m for m in same_kind if quote_span[0] <= m.start < quote_span[1]]
        known = [m for m in quoted if m.counts is not None]
        quote_names = claim.subject in subjects_named(src.text[quote_span[0] : quote_span[1]])
        if known and not quote_names and not any(m in fitting for m in quoted):
            # The record's own quote says what the number counts, and it is not this.
            why = f"its quote gives {known[0].text!r} for {_what(known[0])}"
            return _finding(claim, Status.MISATTRIBUTED, quoted, _join(why, quote_note))
        fitting.sort(key=lambda m: not (quote_span[0] <= m.start < quote_span[1]))
    if fitting:
        allowed = [m for m in fitting if claim.qualifier in _WEAKER_OR_EQUAL[m.qualifier]]
        if allowed:
            return _finding(claim, Status.SUPPORTED, allowed, quote_note)
        note = f"the source says {fitting[0].text!r}, a weaker claim than {claim.qualifier}"
        return _finding(claim, Status.QUALIFIER_MISMATCH, fitting, _join(note, quote_note))
    if candidates:
        # Name a count of the same kind first: "four" injured, not "four"-storey.
        other = min(candidates, key=lambda m: (m.kind is not claim.kind, m.counts is None))
        why = f"the source gives {other.text!r} for {_what(other)}"
        return _finding(claim, Status.MISATTRIBUTED, candidates, _join(why, quote_note))
    parts = _derived_parts(claim, src)
    if parts:
        why = "not stated; the sum of " + " + ".join(repr(m.text) for m in parts)
        return _finding(claim, Status.DERIVED, parts, _join(why, quote_note))
    return _finding(
        claim, Status.UNSUPPORTED, [], _join("the source does not state it", quote_note)
    )


def _fits(m: Mention, claim: Claim) -> bool:
    """Does this source number count what the claim says it counts?"""
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


def _derived_parts(claim: Claim, src: Source) -> list[Mention]:
    """Stated numbers of the same kind, close together, that add up to the claim."""
    if claim.kind is not Kind.COUNT or claim.subject is None or claim.high is not None:
        return []
    any_group = claim.group in {None, "total"}
    parts = [m for m in src.mentions if m.kind is Kind.COUNT and m.value is not None
             and m.high is None and m.counts is not None and not m.partitive
             and m.qualifier is Qualifier.EXACT and not m.untrusted
             and _same_subject(m.counts, claim.subject)
             and (any_group or m.group == claim.group)]  # fmt: skip
    for i in range(len(parts)):
        total = 0.0
        for j in range(i, min(i + _DERIVED_PARTS, len(parts))):
            if parts[j].end - parts[i].start > _DERIVED_WINDOW:
                break
            total += parts[j].value or 0
            if j > i and total == claim.value:
                return parts[i : j + 1]
    return []


def _judge_date(claim: Claim, src: Source) -> Finding:
    """A date is held to the date its own words name in the source ("June 19, 2025"
    beside 2025-06-20 is wrong even when the article states June 20 for something
    else); words that name none ("on Friday") or are not in the source leave any date
    the article states as evidence."""
    iso = str(claim.value)
    hits = [m for m in src.mentions if m.date and _date_matches(m.date, iso, src.years)]
    span = src.find_quote(claim.quote) if claim.quote else None
    named = [m for m in src.mentions if m.date and span and span[0] <= m.start < span[1]]
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
    quote: str | None, value: float, src: Source
) -> tuple[tuple[int, int] | None, str | None]:
    if quote is None:
        return None, None
    span = src.find_quote(quote)
    if span is None:
        return None, f"quote not found in the source: {quote!r}"
    inside = [m for m in src.mentions
              if m.start < span[1] and m.end > span[0] and m.value == value]  # fmt: skip
    if not inside:
        return span, f"the quote does not state {stated(value)}"
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
    return out[:5]


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
