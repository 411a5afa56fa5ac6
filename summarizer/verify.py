"""Verdicts: each claimed number of a summary held against the numbers of its source.

The report types live in summarizer.report and the indexed source in summarizer.source;
both are re-exported here, where the public API has always had them."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from pydantic import BaseModel

from summarizer.claims import Claim, model_claims, prose_claims
from summarizer.evidence import Kind, Mention, Subject, subjects_named
from summarizer.evidence.mention import Value, exact
from summarizer.evidence.subjects import same_subject
from summarizer.records import ArticleSummary, DatePrecision, Qualifier
from summarizer.report import (
    FAILING,
    STRICT_FAILING,
    Evidence,
    Finding,
    Status,
    VerificationReport,
    failing,
    plain,
    report_json_schema,
)
from summarizer.source import Pool, Sig, Source, sig

__all__ = [
    "FAILING",
    "STRICT_FAILING",
    "Evidence",
    "Finding",
    "Source",
    "Status",
    "VerificationReport",
    "failing",
    "judge",
    "report_json_schema",
    "verify",
]

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
_EVIDENCE = 5  # spans a finding lists


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
        candidates = {s for s in candidates if s[0] is not Kind.VAGUE}
    same_kind = {s for s in candidates if s[0] is claim.kind}
    fitting = {s for s in same_kind if _fits(pool[s][0], claim)}
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
        best = min(_other_first(s, claim) for s in candidates)
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


def _start(m: Mention) -> int:
    return m.start


def _other_first(s: Sig, claim: Claim) -> tuple[bool, bool]:
    return s[0] is not claim.kind, s[1] is None


def _pick(
    pool: Pool, sigs: Iterable[Sig], first: Sequence[Mention] = (), n: int = _EVIDENCE
) -> list[Mention]:
    """The first n mentions of these signatures: those in `first` (the quote's), then the
    rest in text order."""
    wanted = set(sigs)
    out = [m for m in first if sig(m) in wanted][:n]
    taken = {m.start for m in out}
    # One signature's mentions are in text order already: no merge to make.
    rest = pool[next(iter(wanted))] if len(wanted) == 1 else _merged(pool, wanted)
    out += islice((m for m in rest if m.start not in taken), n - len(out))
    return out


def _merged(pool: Pool, sigs: set[Sig]) -> Iterable[Mention]:
    """These signatures' mentions, in text order."""
    return heapq.merge(*(pool[s] for s in sigs), key=_start)


@dataclass(frozen=True)
class _Picked:
    """The mentions that may count what a claim counts, and the quote's among them."""

    pool: Pool
    fitting: set[Sig]
    quoted: list[Mention]

    def first(self, sigs: Iterable[Sig], n: int = _EVIDENCE) -> list[Mention]:
        return _pick(self.pool, sigs, self.quoted, n)


def _quote_says_otherwise(
    claim: Claim,
    src: Source,
    span: tuple[int, int],
    quoted: list[Mention],
    fitting: set[Sig],
) -> str | None:
    """Why the record's own quote gives its number for something else, if it does."""
    known = [m for m in quoted if m.counts is not None]
    if not known or any(sig(m) in fitting for m in quoted):
        return None
    if claim.subject in subjects_named(src.text[span[0] : span[1]]):
        return None
    return f"its quote gives {known[0].text!r} for {_what(known[0])}"


def _judge_fitting(claim: Claim, src: Source, found: _Picked, quote_note: str | None) -> Finding:
    """The verdict when the source states the value for something the claim may be:
    supported only where words the scanner reads say it counts what the claim counts."""
    allowed = {s for s in found.fitting if claim.qualifier in _WEAKER_OR_EQUAL[s[4]]}
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
    if any(_reads(found.pool[s][0], claim) for s in allowed):
        return _finding(claim, Status.SUPPORTED, evidence, quote_note)
    why = _unread(claim, found, allowed, evidence)
    return _finding(claim, Status.UNCONFIRMED, evidence, _join(why, quote_note))


def _unread(claim: Claim, found: _Picked, allowed: set[Sig], evidence: list[Mention]) -> str:
    """Why the source's words for a number do not prove what the claim counts: they say
    nothing of it, or they count casualties, which may be killed or injured."""
    counted = [found.pool[s][0] for s in allowed if s[1] is not None]
    whole = min(counted, key=_start, default=None)
    if whole is None or claim.subject is None:
        return f"the source gives {evidence[0].text!r} with no words that say what it counts"
    return (
        f"the source gives {whole.text!r} for {_what(whole)}, which does not say how many "
        f"were {claim.subject.value}"
    )


def _reads(m: Mention, claim: Claim) -> bool:
    """Do the source's words say this number counts what the claim counts? A claim that
    names nothing it counts (a plain number, a floor count) asks for no such words."""
    if claim.kind is not Kind.COUNT or claim.subject is None:
        return True
    return m.counts is not None and same_subject(m.counts, claim.subject)


def _fits(m: Mention, claim: Claim) -> bool:
    """May this source number count what the claim says it counts?"""
    if claim.kind is not Kind.COUNT:
        return True
    if claim.subject is None:
        return True
    if m.counts is not None:
        if not _may_include(m.counts, claim.subject):
            return False
    elif not _may_count(m, claim.subject):
        return False
    if claim.group is None:
        return True
    return claim.group in _GROUPS_ALLOWED.get(m.group, _ANY_PEOPLE)


def _may_include(found: Subject, claimed: Subject) -> bool:
    """May a count of `found` be a count of `claimed`, read or not? Casualties may be the
    killed or the injured, though they never prove either (see same_subject)."""
    return same_subject(found, claimed) or (
        found is Subject.CASUALTIES and claimed in {Subject.KILLED, Subject.INJURED}
    )


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
        worked = _worked_out(claim, iso, src, span)  # "December 18" of a report of Feb. 2018
        if worked:
            return worked
        why = f"its words {claim.quote!r} give {named[0].text!r}"
        status = Status.MISATTRIBUTED if hits else Status.UNSUPPORTED
        return _finding(claim, status, named + hits, why)
    if hits:
        return _finding(claim, Status.SUPPORTED, hits, None)
    return _worked_out(claim, iso, src) or _finding(
        claim, Status.UNSUPPORTED, [], "the source states no such date"
    )


def _worked_out(
    claim: Claim, iso: str, src: Source, within: tuple[int, int] | None = None
) -> Finding | None:
    """A date that words of the article (`within` a span, when given) give against its
    own date ("on Saturday", "yesterday", "last week" in a report dated June 15, 2025):
    derived, with both as evidence. A week is dated by its Monday, and said to be one."""
    dated, worked = src.worked_out_dates
    if dated is None:
        return None
    # Else the whole text: a record's words for its date ("Monday") may be stated first
    # in the article's own date line.
    start, end = within or (0, len(src.text))
    for at, when in worked:
        if start <= at < end and when.date == iso and when.words and at != dated.start:
            words = Evidence(start=at, end=at + len(when.words), text=when.words)
            week = "the Monday of " if when.precision is DatePrecision.WEEK else ""
            why = f"{week}{when.words!r} of the article's date, {dated.text}"
            found = _finding(claim, Status.DERIVED, [dated], why)
            return found.model_copy(update={"evidence": [words, *found.evidence]})
    return None


def _date_matches(found: str, claimed: str, years: set[str]) -> bool:
    if found == claimed:
        return True
    if found.startswith("--"):  # "June 2" without a year: the article's own year
        return claimed[4:] == found[1:] and claimed[:4] in years
    return len(claimed) < len(found) and found.startswith(claimed)


def _check_quote(
    quote: str | None, value: Value, src: Source
) -> tuple[tuple[int, int] | None, str | None]:
    if quote is None:
        return None, None
    span = src.find_quote(quote)
    if span is None:
        return None, f"the quote is not in the source: {quote!r}"
    inside = [m for m in src.overlapping(*span)
              if m.value is not None and exact(m.value) == value]  # fmt: skip
    if not inside:
        return span, f"the quote does not state {plain(value)}"
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


def _what(m: Mention) -> str:
    if m.kind is not Kind.COUNT:
        return m.kind.value
    if m.counts is not None:
        return m.counts.value
    return m.noun or "another count"


def _join(*notes: str | None) -> str | None:
    parts = [n for n in notes if n]
    return "; ".join(parts) if parts else None
