"""Extracted counts held against expected ones: the one scorer of `summarizer eval` and of
benchmarks/corpus_accuracy.py. Pure: no file is read here.

A count record is one number of an ArticleSummary (a casualty, an affected-people count,
a munition tally's launched / neutralized / hits) or of a gold fact list. A found record
matches an expected one when subject, value, range top and qualifier agree (and the
event's temporal status, when asked); the group and the event it sits in are reported
but not required to agree. Identical expected records (a toll the gold restates) are
one expected count, and a second found record of a count already matched is an extra
("restated"). Precision is matched over found records, recall matched over expected
counts, as in the benchmark's strict figures.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal

from summarizer.evidence.mention import Value, exact
from summarizer.records import (
    AffectedKind,
    ArticleSummary,
    Outcome,
    Qualifier,
    Quantity,
    TemporalStatus,
)
from summarizer.report import plain
from summarizer.textspans import Sentences

# Gold files written before `temporal_status` said it with `status`.
OLD_STATUS = {"historical": "historical", "planned": "planned", "denied": "negated"}
MUNITION_FIELDS = ("launched", "neutralized", "hits")
# A gold fact of this subject counts something the records have no field for.
UNRECORDED_SUBJECT = "other"

COUNTRY_ALIASES = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "drc": "democratic republic of the congo", "dr congo": "democratic republic of the congo",
    "democratic republic of congo": "democratic republic of the congo",
    "congo-kinshasa": "democratic republic of the congo",
    "türkiye": "turkey", "turkiye": "turkey", "burma": "myanmar",
    "côte d'ivoire": "ivory coast", "cote d'ivoire": "ivory coast",
    "burkina": "burkina faso", "bosnia": "bosnia and herzegovina",
    "gaza": "palestine", "gaza strip": "palestine", "west bank": "palestine",
    "palestinian territories": "palestine", "state of palestine": "palestine",
    "russian federation": "russia", "syrian arab republic": "syria",
}  # fmt: skip


@dataclass(frozen=True)
class CountRecord:
    """One count, with what matching compares and what it reports."""

    path: str  # "events[0].casualties[1].count", or "facts[3]" in a gold fact list
    subject: str  # killed / injured / missing, an affected kind, launched / neutralized / hits
    value: Value
    high: Value | None
    qualifier: str
    temporal_status: str
    country: str | None = None
    date: str | None = None
    quote: str | None = None
    group: str | None = None  # a casualty's group; gold facts have none
    event: int | None = None  # index of its event; gold facts have none
    # Gold facts of one key in one sentence ("two women and two girls") are counts
    # apart: the 2nd is 1, the 3rd 2. A restatement is in another sentence.
    apart: int = 0

    def key(self, with_status: bool = False) -> tuple[object, ...]:
        """What must agree for two records to match."""
        key = (self.subject, self.value, self.high, self.qualifier)
        return (*key, self.temporal_status) if with_status else key

    def describe(self, with_status: bool = False) -> str:
        """The count as a person reads it: "14 injured (exact)", "2 injured children
        (exact)", "10-15 killed (range, historical)"."""
        number = plain(self.value) + (f"-{plain(self.high)}" if self.high is not None else "")
        group = f" {self.group.replace('_', ' ')}" if self.group not in (None, "total") else ""
        hedge = f"{self.qualifier}, {self.temporal_status}" if with_status else self.qualifier
        return f"{number} {self.subject}{group} ({hedge})"


def exact_or_none(value: int | float | Decimal | None) -> Value | None:
    """A number made exact (an int when whole, else a Decimal), so gold ints, record
    floats and scanned decimals compare equal when they state the same value (and
    4099999.9999999995 never equals 4100000); None stays None."""
    return None if value is None else exact(value)


def count_records(summary: ArticleSummary) -> list[CountRecord]:
    """Every count of the summary, in order, with its event's status, country and date."""
    records = []
    for i, e in enumerate(summary.events):
        counts: list[tuple[str, str, Quantity, str | None]] = [
            (f"casualties[{j}].count", c.outcome.value, c.count, c.group.value)
            for j, c in enumerate(e.casualties)
        ]
        # Schema v1 gives affected people no group; one a later schema adds is reported.
        counts += [
            (f"affected[{j}].count", a.kind.value, a.count, _group_of(a))
            for j, a in enumerate(e.affected)
        ]
        for j, m in enumerate(e.munitions):
            counts += [
                (f"munitions[{j}].{name}", name, q, None)
                for name in MUNITION_FIELDS
                if (q := getattr(m, name)) is not None
            ]
        records += [
            CountRecord(
                path=f"events[{i}].{where}",
                subject=subject,
                value=exact(q.value),
                high=exact_or_none(q.high),
                qualifier=q.qualifier.value,
                temporal_status=e.temporal_status.value,
                country=e.location.country,
                date=e.date,
                quote=q.quote,
                group=group,
                event=i,
            )
            for where, subject, q, group in counts
        ]
    return records


def _group_of(record: object) -> str | None:
    group = getattr(record, "group", None)
    return None if group is None else str(getattr(group, "value", group))


# --- the older gold form: a list of facts ---------------------------------------------


def gold_qualifier(fact: Mapping[str, Any]) -> str:
    """Gold files give a range as its low end with a "high"; the records call it a range."""
    return "range" if fact.get("high") is not None else str(fact["qualifier"])


def complete_fact(
    fact: Mapping[str, Any], extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """A gold fact with the newer fields filled in: from `extra` (an overlay entry for a
    gold file that cannot be edited), else their defaults, the old `status` giving the
    temporal status. A fact already complete comes back unchanged."""
    full = {**fact, **(extra or {})}
    full.setdefault("high", None)
    full.setdefault("country", None)
    full.setdefault("date", None)
    if not full.get("temporal_status"):
        full["temporal_status"] = OLD_STATUS.get(str(full.get("status")), "current")
    return full


def records_from_gold_facts(
    facts: Sequence[Mapping[str, Any]], text: str | None = None
) -> list[CountRecord]:
    """The count records of a gold fact list (facts of subject "other" count nothing the
    records have a field for, and are left out). With the article's `text`, facts of one
    key whose quotes share a sentence are counts apart. ValueError names the first bad
    fact."""
    records = []
    for i, given in enumerate(facts):
        if not isinstance(given, Mapping):
            raise ValueError(f"facts[{i}]: not an object")
        fact = complete_fact(given)
        _check_fact(i, fact)
        if fact["subject"] == UNRECORDED_SUBJECT:
            continue
        records.append(
            CountRecord(
                path=f"facts[{i}]",
                subject=fact["subject"],
                value=exact(fact["quantity"]),
                high=exact_or_none(fact["high"]),
                qualifier=gold_qualifier(fact),
                temporal_status=str(fact["temporal_status"]),
                country=fact["country"],
                date=fact["date"],
                quote=fact.get("quote"),
            )
        )
    return _apart(records, text) if text is not None else records


def _apart(records: list[CountRecord], text: str) -> list[CountRecord]:
    sentences = Sentences(text)
    seen: Counter[tuple[object, ...]] = Counter()
    told = []
    for r in records:
        at = text.find(r.quote) if r.quote else -1
        if at >= 0:
            where = (*r.key(with_status=True), sentences.around(at).start)
            r = replace(r, apart=seen[where])
            seen[where] += 1
        told.append(r)
    return told


def _check_fact(i: int, fact: Mapping[str, Any]) -> None:
    for name in ("quantity", "high"):
        number = fact.get(name)
        # bool is an int to Python, never a count to a reader.
        if isinstance(number, bool) or not isinstance(number, int | float | None):
            raise ValueError(f"facts[{i}].{name}: not a number")
        if isinstance(number, float) and not math.isfinite(number):
            raise ValueError(f"facts[{i}].{name}: not a finite number")
    if fact.get("quantity") is None:
        raise ValueError(f"facts[{i}].quantity: missing")
    # A word outside these would never match, and pass for a miss of the engine's.
    for name, allowed in _FACT_WORDS.items():
        if fact.get(name) not in allowed:
            raise ValueError(
                f"facts[{i}].{name}: {fact.get(name)!r} is not one of {', '.join(allowed)}"
            )
    for name in ("country", "date", "quote"):
        if not isinstance(fact.get(name), str | None):
            raise ValueError(f"facts[{i}].{name}: not a string")


_FACT_WORDS: dict[str, tuple[str, ...]] = {
    "subject": (*(o.value for o in Outcome), *(k.value for k in AffectedKind),
                *MUNITION_FIELDS, UNRECORDED_SUBJECT),
    "qualifier": tuple(q.value for q in Qualifier),
    "temporal_status": tuple(t.value for t in TemporalStatus),
}  # fmt: skip


# --- matching --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """An expected count and the found record that matches it."""

    found: CountRecord
    expected: tuple[CountRecord, ...]  # the expected record and its restatements, in order


@dataclass(frozen=True)
class Extra:
    """A found record that matches no expected count, or one already matched."""

    record: CountRecord
    why: Literal["unmatched", "restated"]


@dataclass(frozen=True)
class Match:
    """Found records held against expected ones."""

    pairs: tuple[Pair, ...]  # in the order of the found records
    misses: tuple[tuple[CountRecord, ...], ...]  # expected counts not found, with restatements
    extras: tuple[Extra, ...]
    expected: int  # distinct expected counts
    found: int  # found records, restated ones included

    @property
    def matched(self) -> int:
        return len(self.pairs)


def _same_group(found: CountRecord, expected: CountRecord) -> bool:
    return found.group == expected.group


def _same_date(found: CountRecord, expected: CountRecord) -> bool:
    return expected.date is None or same_date(found.date, expected.date)


_CLOSENESS: tuple[tuple[Callable[[CountRecord, CountRecord], bool], ...], ...] = (
    (_same_group, _same_date), (_same_group,), (_same_date,), (),
)  # fmt: skip


def match(
    found: Iterable[CountRecord], expected: Iterable[CountRecord], *, with_status: bool = False
) -> Match:
    """Pair found records with expected counts of the same key, one to one, the closest
    first: of its own group and date, then its own group, then its date, then, in order,
    the first left of its key (so that which count gets which date does not hang on the
    order of the events). Found records left over are extras ("restated" when their key
    was expected); expected counts left over are misses.

    Expected records identical in key, group and event are one count (a toll the gold
    restates): a gold fact list has neither group nor event, so its counts of one key are
    one toll, unless told in one sentence. Two records of one key told apart by group or
    event ("2 children injured" and "2 others injured") are two counts, each to be found.
    """
    counts: dict[tuple[object, ...], list[CountRecord]] = {}
    for e in expected:
        counts.setdefault((e.key(with_status), e.group, e.event, e.apart), []).append(e)
    untaken: dict[tuple[object, ...], list[tuple[CountRecord, ...]]] = {}
    for same in counts.values():
        untaken.setdefault(same[0].key(with_status), []).append(tuple(same))
    records = list(found)
    taken: dict[int, tuple[CountRecord, ...]] = {}
    for tier in _CLOSENESS:
        for i, record in enumerate(records):
            left = untaken.get(record.key(with_status))
            if i in taken or not left:
                continue
            mine = [same for same in left if all(agrees(record, same[0]) for agrees in tier)]
            if mine:
                left.remove(mine[0])
                taken[i] = mine[0]
    pairs = tuple(Pair(records[i], taken[i]) for i in sorted(taken))
    extras = tuple(
        Extra(r, "restated" if r.key(with_status) in untaken else "unmatched")
        for i, r in enumerate(records)
        if i not in taken
    )
    paired = {id(p.expected[0]) for p in pairs}
    misses = tuple(tuple(same) for same in counts.values() if id(same[0]) not in paired)
    return Match(pairs, misses, extras, len(counts), len(records))


def near(missed: CountRecord, found: Iterable[CountRecord]) -> list[CountRecord]:
    """The found records of a missed count's subject and value: what it was recorded as."""
    return [r for r in found if (r.subject, r.value) == (missed.subject, missed.value)]


# --- dates and countries of matched counts --------------------------------------------


@dataclass(frozen=True)
class Check:
    """A matched count's date or country held against the expected one."""

    expected: CountRecord
    found: CountRecord
    want: str
    got: str | None
    right: bool


def same_date(got: str | None, want: str) -> bool:
    """Is `got` the date `want`, read at `want`'s precision ("2025-06" holds 2025-06-20)?"""
    return got is not None and got[: len(want)] == want


def fold_country(name: str) -> str:
    """A country name folded for comparison: case, "the", dots and common aliases."""
    key = name.strip().lower().removeprefix("the ").replace(".", "")
    return COUNTRY_ALIASES.get(key, key)


def same_country(got: str | None, want: str) -> bool:
    return got is not None and fold_country(got) == fold_country(want)


def date_checks(pairs: Iterable[Pair]) -> list[Check]:
    """One check per expected record (restatements included) that gives a date."""
    return [
        Check(e, p.found, e.date, p.found.date, same_date(p.found.date, e.date))
        for p in pairs
        for e in p.expected
        if e.date
    ]


def country_checks(pairs: Iterable[Pair]) -> list[Check]:
    """One check per expected record (restatements included) that gives a country."""
    return [
        Check(e, p.found, e.country, p.found.country, same_country(p.found.country, e.country))
        for p in pairs
        for e in p.expected
        if e.country
    ]


# --- rates -----------------------------------------------------------------------------


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide (0/0 is no score, not 0)."""
    return part / whole if whole else None


def precision(matched: int, found: int) -> float | None:
    return ratio(matched, found)


def recall(matched: int, expected: int) -> float | None:
    return ratio(matched, expected)


def f1(matched: int, expected: int, found: int) -> float | None:
    """The harmonic mean of precision and recall, 2·matched / (expected + found): 0 when
    either side has counts and none match, None when neither has any."""
    return ratio(2 * matched, expected + found)
