"""CSV rows of a summarize run: one per event, ACLED's export columns first and then our
own; or one per checked number. A column the records cannot fill stays empty."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from enum import StrEnum
from typing import IO

from summarizer.evidence import Kind, Subject, scan
from summarizer.evidence.mention import exact
from summarizer.gazetteer import gazetteer
from summarizer.pipeline import SummaryResult
from summarizer.records import (
    ActorCategory,
    AffectedKind,
    DatePrecision,
    Event,
    EventType,
    Group,
    Outcome,
    Qualifier,
    Quantity,
)
from summarizer.report import Finding, failing, plain


class Level(StrEnum):
    EVENTS = "events"
    NUMBERS = "numbers"


# ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# Ours: best/low/high are UCDP's deaths estimates; verified: every number of the event proven.
OUR_COLUMNS = (
    "document_id", "injured", "missing", "evacuated", "displaced", "best", "low", "high",
    "temporal_status", "verified",
)  # fmt: skip
EVENT_COLUMNS = ACLED_COLUMNS + OUR_COLUMNS
NUMBER_COLUMNS = (
    "document_id", "path", "value", "high", "qualifier", "status", "quote", "evidence", "note",
)  # fmt: skip

_DOZENS = 12  # ACLED's figure for "dozens" killed
# ACLED's time_precision: 1 the day is known, 2 a few days or the week, 3 only the month
# or the year.
_TIME_PRECISION = {
    DatePrecision.DAY: "1",
    DatePrecision.DAYS: "2",
    DatePrecision.WEEK: "2",
    DatePrecision.MONTH: "3",
    DatePrecision.YEAR: "3",
}
# Only the event types whose ACLED disorder type follows from the type alone: riots are
# political violence or demonstrations by their sub-event, and disasters are not ACLED's.
_DISORDER = {
    EventType.BATTLES: "Political violence",
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: "Political violence",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "Political violence",
    EventType.PROTESTS: "Demonstrations",
    EventType.STRATEGIC_DEVELOPMENTS: "Strategic developments",
}


def writer(out: IO[str], columns: tuple[str, ...]) -> csv.DictWriter[str]:
    """RFC 4180 quoting (a field with a comma, a quote or a line break is quoted, quotes
    doubled) and "\\n" line ends, which pandas, R and spreadsheets all read; columns a row
    does not give are written empty."""
    return csv.DictWriter(out, fieldnames=columns, restval="", lineterminator="\n")


def rows(result: SummaryResult, level: Level, strict: bool = False) -> list[dict[str, str]]:
    """An article's rows at this level."""
    if level is Level.NUMBERS:
        return [number_row(result.document_id, f) for f in result.verification.findings]
    findings = result.verification.findings
    return [
        event_row(result.document_id, i, event, of_event(findings, i), strict)
        for i, event in enumerate(result.summary.events)
    ]


def event_row(
    document_id: str, index: int, event: Event, findings: Iterable[Finding], strict: bool = False
) -> dict[str, str]:
    """One event as ACLED's columns, then ours; `findings` are the event's own."""
    deaths = fatalities(event)
    killed = _count(deaths)
    fails = failing(strict)
    return {
        # ACLED's id is country code and number; ours is the article's id and the
        # event's place in its records (the `events[i]` of the numbers' paths).
        "event_id_cnty": f"{document_id}:{index}",
        "event_date": event.date or "",
        "year": event.date[:4] if event.date else "",
        # No date, no precision of one.
        "time_precision": _TIME_PRECISION.get(event.date_precision, "") if event.date else "",
        "disorder_type": _DISORDER.get(event.event_type, ""),
        "event_type": event.event_type.value,
        "sub_event_type": event.sub_event_type or "",
        "actor1": event.initiator or "",
        "inter1": _category(event.initiator_category),
        "actor2": event.target or "",
        "inter2": _category(event.target_category),
        "interaction": _interaction(event),
        # ACLED's flag of political violence against civilians: a quake targets no one.
        "civilian_targeting": "Civilian targeting"
        if event.target_category is ActorCategory.CIVILIANS
        and _DISORDER.get(event.event_type) == "Political violence"
        else "",
        "iso": _iso(event.location.country),
        "country": event.location.country or "",
        "admin1": event.location.admin1 or "",
        "location": event.location.place or "",
        "latitude": _coordinate(event.location.latitude),
        "longitude": _coordinate(event.location.longitude),
        "geo_precision": str(event.location.geo_precision or ""),
        "source": "; ".join(event.sources),
        "notes": event.description,
        "fatalities": killed,
        "document_id": document_id,
        "injured": _count(conservative(_tolls(event, Outcome.INJURED))),
        "missing": _count(conservative(_tolls(event, Outcome.MISSING))),
        "evacuated": _count(conservative(_affected(event, AffectedKind.EVACUATED))),
        "displaced": _count(conservative(_affected(event, AffectedKind.DISPLACED))),
        "best": killed,
        "low": killed,
        "high": _number(deaths.high) if deaths and deaths.high is not None else killed,
        "temporal_status": event.temporal_status.value,
        # An event with no number to check is neither proven nor not.
        "verified": ("false" if any(f.status in fails for f in findings) else "true")
        if findings
        else "",
    }


def _category(category: ActorCategory | None) -> str:
    return category.value if category else ""


def _interaction(event: Event) -> str:
    """ACLED's pair of actor categories, "State forces-Civilians", when both are known."""
    first, second = event.initiator_category, event.target_category
    return f"{first.value}-{second.value}" if first and second else ""


def _iso(country: str | None) -> str:
    """ACLED's `iso`: the ISO 3166-1 numeric code of the country."""
    found = gazetteer().country(country) if country else None
    return str(found.iso_numeric) if found and found.iso_numeric else ""


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def fatalities(event: Event) -> Quantity | None:
    """The event's conservative killed figure (see `conservative`); with no killed number
    stated, ACLED's 12 for "dozens" killed in its description; else None: never 0, which
    the article did not say. The 12 lives in this column alone, never in the records."""
    stated = conservative(_tolls(event, Outcome.KILLED))
    if stated is not None:
        return stated
    dozens = [m for m in scan(event.description) if m.kind is Kind.VAGUE
              and m.counts is Subject.KILLED and m.text.lower() == "dozens"]  # fmt: skip
    return Quantity(value=_DOZENS, qualifier=Qualifier.APPROXIMATELY) if dozens else None


def conservative(tolls: Iterable[tuple[Group, Quantity]]) -> Quantity | None:
    """The `total` group's count if there is one, the lowest if several differ (ACLED's
    rule when reports differ); else the largest single group's count. Never a sum: the
    groups may overlap (children are civilians too). A range counts by its low end."""
    stated = list(tolls)
    totals = [q for group, q in stated if group is Group.TOTAL]
    if totals:
        return min(totals, key=lambda q: q.value)
    return max((q for _, q in stated), key=lambda q: q.value, default=None)


def number_row(document_id: str, finding: Finding) -> dict[str, str]:
    """One checked number: its verdict, the source's words for it and their offsets."""
    value = finding.value
    return {
        "document_id": document_id,
        "path": finding.path,
        "value": value if isinstance(value, str) else "" if value is None else plain(value),
        "high": plain(finding.high) if finding.high is not None else "",
        "qualifier": finding.qualifier.value if finding.qualifier else "",
        "status": finding.status.value,
        "quote": " … ".join(e.text for e in finding.evidence),
        "evidence": ";".join(f"{e.start}-{e.end}" for e in finding.evidence),
        "note": finding.note or "",
    }


def of_event(findings: list[Finding], index: int) -> list[Finding]:
    """The findings on event `index`: events[1]'s, never events[10]'s."""
    here = f"events[{index}]"
    return [f for f in findings if f.path == here or f.path.startswith((here + ".", here + "["))]


def _tolls(event: Event, outcome: Outcome) -> list[tuple[Group, Quantity]]:
    return [(c.group, c.count) for c in event.casualties if c.outcome is outcome]


def _affected(event: Event, kind: AffectedKind) -> list[tuple[Group, Quantity]]:
    # Affected people have no group: each record is a single group's count.
    return [(Group.OTHER, a.count) for a in event.affected if a.kind is kind]


def _count(quantity: Quantity | None) -> str:
    return _number(quantity.value) if quantity else ""


def _number(value: float) -> str:
    return plain(exact(value))
