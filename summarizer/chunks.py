"""Long articles in parts: split at paragraph boundaries, merge the parts' events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from summarizer.records import ArticleSummary, Event, Quantity
from summarizer.textspans import Sentences, paragraphs

T = TypeVar("T")


def split(text: str, budget: int) -> list[str]:
    """Parts of at most `budget` characters, cut between paragraphs where possible,
    else between sentences, else hard."""
    pieces: list[str] = []
    for para in paragraphs(text):
        block = text[para.start : para.end]
        if len(block) <= budget:
            pieces.append(block)
            continue
        for s in Sentences(block):
            pieces += _cut(block[s.start : s.end], budget)
    parts: list[str] = []
    for piece in pieces:
        if parts and len(parts[-1]) + 2 + len(piece) <= budget:
            parts[-1] += "\n\n" + piece
        else:
            parts.append(piece)
    return parts or [text]


def merge(parts: list[ArticleSummary]) -> ArticleSummary:
    """One summary: the first part's headline and summary, and the events of all parts,
    those of the same type, place, date and temporal status joined into one. Events
    without a place or a date are never joined: nothing says they are the same."""
    events: dict[object, Event] = {}
    for part in parts:
        for event in part.events:
            place, date = event.location.place, event.date
            key: object = (
                (event.event_type, place.casefold(), date, event.temporal_status)
                if place and date
                else id(event)
            )
            held = events.get(key)
            events[key] = event if held is None else _joined(held, event)
    first = parts[0]
    return ArticleSummary(
        headline=first.headline, summary=first.summary, events=list(events.values())
    )


def _joined(a: Event, b: Event) -> Event:
    """a's records and those of b that state something a does not (the same count with
    another quote is the same count)."""

    def union(xs: Sequence[T], ys: Sequence[T], same: Callable[[T], object]) -> list[T]:
        out, seen = list(xs), {same(x) for x in xs}
        for y in ys:
            if same(y) not in seen:
                out.append(y)
                seen.add(same(y))
        return out

    def stated(q: Quantity | None) -> object:
        return None if q is None else (q.value, q.high, q.qualifier)

    return a.model_copy(
        update={
            "casualties": union(a.casualties, b.casualties,
                                lambda c: (c.outcome, c.group, stated(c.count))),
            "affected": union(a.affected, b.affected, lambda x: (x.kind, stated(x.count))),
            "damage": union(a.damage, b.damage, lambda d: (d.object, d.floors, d.status)),
            "munitions": union(a.munitions, b.munitions, lambda m: (
                m.weapon, stated(m.launched), stated(m.neutralized), stated(m.hits))),
            "sources": union(a.sources, b.sources, lambda x: x),
        }
    )  # fmt: skip


def _cut(sentence: str, budget: int) -> list[str]:
    """A sentence longer than the budget, cut between words ("1,234" stays whole)."""
    pieces: list[str] = []
    while len(sentence) > budget:
        at = sentence.rfind(" ", 0, budget)
        at = at if at > 0 else budget
        pieces.append(sentence[:at])
        sentence = sentence[at:].lstrip()
    return [*pieces, sentence] if sentence else pieces
