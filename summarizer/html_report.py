"""The evidence view (`--format html`): one self-contained page for one article or many,
each article's text with every number the verifier checked highlighted by its verdict,
beside the events and every finding. Built from the Jinja2 template in templates/, with
autoescaping on: article text and record strings are text, never markup."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from summarizer.highlights import Mark, Piece, nested
from summarizer.pipeline import SummaryResult
from summarizer.report import Finding, Status, failing

# Mildest first. Where spans of several findings coincide, the worst nests innermost,
# where its colour is seen.
SEVERITY = (
    Status.SUPPORTED,
    Status.DERIVED,
    Status.UNCONFIRMED,
    Status.QUALIFIER_MISMATCH,
    Status.MISATTRIBUTED,
    Status.UNSUPPORTED,
)
_RANK = {s: i for i, s in enumerate(SEVERITY)}
MEANING = {
    Status.SUPPORTED: "stated, with words that say it counts this",
    Status.DERIVED: "not stated, but a sum of stated numbers",
    Status.UNCONFIRMED: "stated, but no words the verifier reads say what it counts",
    Status.QUALIFIER_MISMATCH: "right number, stronger claim than the source",
    Status.MISATTRIBUTED: "stated, but for something else",
    Status.UNSUPPORTED: "not stated",
}


@dataclass(frozen=True)
class Article:
    """One article's result and the text its evidence offsets point into."""

    result: SummaryResult
    text: str


@dataclass(frozen=True)
class Failure:
    """An article that gave no result, and why."""

    path: str
    message: str

    @property
    def said(self) -> str:
        """The message without the path, which input errors start with."""
        return self.message.removeprefix(f"{self.path}: ")


@dataclass(frozen=True)
class FindingView:
    index: int
    path: str
    status: str
    fails: bool
    claim: str
    evidence: tuple[str, ...]
    located: bool  # some evidence span is highlighted in the text
    quote: str | None  # the record's own quote
    record: str  # the record holding the number, as JSON
    note: str | None


@dataclass(frozen=True)
class Chip:
    """A number shown beside the events, linked to its finding."""

    label: str
    finding: FindingView


@dataclass(frozen=True)
class Fact:
    name: str
    value: str
    chips: tuple[Chip, ...] = ()


@dataclass(frozen=True)
class RecordView:
    kind: str
    label: str
    chips: tuple[Chip, ...]


@dataclass(frozen=True)
class EventView:
    index: int
    title: str
    facts: tuple[Fact, ...]
    records: tuple[RecordView, ...]
    description: Fact | None
    fails: bool


@dataclass(frozen=True)
class ArticleView:
    anchor: str
    source: str
    made_by: str
    ok: bool
    verdict: str
    tally: tuple[tuple[str, int], ...]
    fails: int
    prose: tuple[Fact, ...]
    pieces: list[Piece]
    findings: list[FindingView]
    unlocated: list[FindingView]
    events: list[EventView]
    warnings: tuple[str, ...]


def report_html(
    articles: Sequence[Article], failures: Sequence[Failure] = (), *, strict: bool = False
) -> str:
    """The page: with more than one article (or a failed one), a list of them with their
    verdict tallies first; then each article in a section of its own."""
    views = [_article(n, a, strict) for n, a in enumerate(articles, 1)]
    if len(views) == 1 and not failures:
        title = f"Evidence: {views[0].source}"
    else:
        title = f"Evidence: {len(views) + len(failures)} articles"
    totals = {s.value: sum(dict(v.tally).get(s.value, 0) for v in views) for s in SEVERITY}
    css, js = _asset("report.css"), _asset("report.js")
    return _template().render(
        title=title,
        articles=views,
        failures=failures,
        overview=len(views) + len(failures) > 1,
        strict=strict,
        legend=[(s.value, s.value.replace("_", " "), MEANING[s]) for s in SEVERITY],
        totals=totals,
        any_fails=any(v.fails for v in views),
        css=Markup(css),
        js=Markup(js),
        csp=f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}",
    )


def _article(number: int, article: Article, strict: bool) -> ArticleView:
    result, text = article.result, article.text
    fails = failing(strict)
    dumped = result.summary.model_dump(mode="json")
    # A span is highlighted only where the text holds its words: given another text than
    # the one checked (not normalised, say), a finding is listed apart, not misplaced.
    marks = [
        Mark(e.start, e.end, i, _RANK[f.status])
        for i, f in enumerate(result.verification.findings)
        for e in f.evidence
        if 0 <= e.start < e.end and text[e.start : e.end] == e.text
    ]
    pieces = nested(text, marks)
    located = {p.mark.key for p in pieces if p.mark is not None}
    findings = [
        _finding(i, f, i in located, f.status in fails, dumped)
        for i, f in enumerate(result.verification.findings)
    ]
    by_path: dict[str, list[FindingView]] = {}
    for view in findings:
        by_path.setdefault(view.path, []).append(view)
    counts = result.verification.counts
    made_by = result.engine + (f" ({result.model})" if result.model else "")
    return ArticleView(
        anchor=f"a{number}",
        source=result.path or "text",
        made_by=made_by,
        ok=result.verification.ok,
        verdict=_verdict(result, fails),
        tally=tuple((s.value, counts.get(s, 0)) for s in SEVERITY if counts.get(s, 0)),
        fails=sum(f.fails for f in findings),
        prose=tuple(
            _fact(name, value, name, by_path)
            for name, value in dumped.items()
            if isinstance(value, str)
        ),
        pieces=pieces,
        findings=findings,
        unlocated=[f for f in findings if not f.located],
        events=[_event(i, e, by_path) for i, e in enumerate(dumped.get("events", []))],
        warnings=tuple(result.warnings),
    )


def _verdict(result: SummaryResult, fails: frozenset[Status]) -> str:
    statuses = {f.status for f in result.verification.findings}
    if statuses & fails or not result.verification.ok:
        return "Some numbers failed verification."
    if Status.UNCONFIRMED in statuses:
        return "No number failed, but some are unconfirmed."
    return "All numbers proven." if statuses else "No numbers to check."


def _finding(
    index: int, f: Finding, located: bool, fails: bool, summary: dict[str, Any]
) -> FindingView:
    leaf, record = _resolve(summary, f.path)
    quote = leaf.get("quote") if isinstance(leaf, dict) else None
    return FindingView(
        index=index,
        path=f.path,
        status=f.status.value,
        fails=fails,
        claim=f.claimed(),
        evidence=tuple(dict.fromkeys(e.text for e in f.evidence)),
        located=located,
        quote=quote if isinstance(quote, str) else None,
        record="" if record is None else _json(record),
        note=f.note,
    )


_STEP = re.compile(r"\.?(\w+)|\[(\d+)\]")


def _resolve(summary: dict[str, Any], path: str) -> tuple[Any, Any]:
    """The value at a finding's path, and the record that holds it: the innermost list
    item below an event (a casualty, a damage record), else the value itself. (None,
    None) for a path that is not in the records."""
    value: Any = summary
    record: Any = None
    items = 0
    for name, index in _STEP.findall(path):
        try:
            value = value[int(index)] if index else value[name]
        except (KeyError, IndexError, TypeError):
            return None, None
        if index:
            items += 1
            record = value if items > 1 else record
    return value, value if record is None else record


def _json(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)


def _chips(path: str, by_path: dict[str, list[FindingView]], name: str = "") -> tuple[Chip, ...]:
    prefix = f"{name} " if name else ""
    return tuple(Chip(prefix + f.claim, f) for f in by_path.get(path, []))


def _fact(name: str, value: Any, path: str, by_path: dict[str, list[FindingView]]) -> Fact:
    return Fact(name.replace("_", " "), _shown(value), _chips(path, by_path))


def _shown(value: Any) -> str:
    """A field's value as a reader reads it: a place's names joined and its other parts
    named, lists joined, an enum's underscores as spaces."""
    if isinstance(value, dict):
        named = [v for v in value.values() if isinstance(v, str)]
        rest = [f"{k.replace('_', ' ')} {v}" for k, v in value.items()
                if v is not None and not isinstance(v, str)]  # fmt: skip
        return ", ".join(named) + (f" ({', '.join(rest)})" if rest else "")
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, str) and " " not in value:
        return value.replace("_", " ")
    return str(value)


def _event(i: int, event: dict[str, Any], by_path: dict[str, list[FindingView]]) -> EventView:
    """An event's scalar fields as facts (new fields show up as they come), and its lists
    of records, each with its numbers as chips."""
    kind = str(event.get("event_type", "event"))
    title = kind + (f" / {event['sub_event_type']}" if event.get("sub_event_type") else "")
    facts: list[Fact] = []
    records: list[RecordView] = []
    for name, value in event.items():
        if name in {"event_type", "sub_event_type"} or value in (None, [], {}):
            continue
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            records += [_record(name, f"events[{i}].{name}[{j}]", v, by_path)
                        for j, v in enumerate(value)]  # fmt: skip
        else:
            fact = _fact(name, value, f"events[{i}].{name}", by_path)
            facts += [fact] if fact.value or fact.chips else []
    chips = [c for r in records for c in r.chips] + [c for f in facts for c in f.chips]
    description = next((f for f in facts if f.name == "description"), None)
    facts = [f for f in facts if f is not description]
    fails = any(c.finding.fails for c in chips)
    return EventView(i, title, tuple(facts), tuple(records), description, fails)


def _record(
    kind: str, path: str, record: dict[str, Any], by_path: dict[str, list[FindingView]]
) -> RecordView:
    words: list[str] = []
    chips: list[Chip] = []
    for name, value in record.items():
        found = _chips(f"{path}.{name}", by_path, "" if name == "count" else name)
        if found:
            chips += found
        elif isinstance(value, str):
            words.append(_shown(value))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            words.append(f"{name.replace('_', ' ')} {value}")
    return RecordView(kind.replace("_", " "), " · ".join(words), tuple(chips))


def _hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


@cache
def _asset(name: str) -> str:
    return (resources.files("summarizer") / "templates" / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    # Autoescape for every template: the page's name ends in .j2, which
    # select_autoescape would not recognise as HTML.
    return Environment(
        loader=PackageLoader("summarizer", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _template() -> Template:
    return _environment().get_template("report.html.j2")
