"""Long articles in parts: split at paragraph boundaries, merge the parts' events."""

from __future__ import annotations

from summarizer.records import ArticleSummary, Event
from summarizer.textspans import Sentences, paragraphs


def split(text: str, budget: int) -> list[str]:
    """Parts of at most `budget` characters, cut between paragraphs where possible,
    else between sentences, else hard."""
    pieces: list[str] = []
    for para in paragraphs(text):
        block = text[para.start : para.end]
        if len(block) <= budget:
            pieces.append(block)
            continue
        sentences = Sentences(block)
        for s in sentences:
            sentence = block[s.start : s.end]
            pieces += [sentence[i : i + budget] for i in range(0, len(sentence), budget)]
    parts: list[str] = []
    for piece in pieces:
        if parts and len(parts[-1]) + 2 + len(piece) <= budget:
            parts[-1] += "\n\n" + piece
        else:
            parts.append(piece)
    return parts or [text]


def merge(parts: list[ArticleSummary]) -> ArticleSummary:
    """One summary: the first part's headline and summary, and the events of all parts,
    those of the same type, place and date joined into one."""
    events: dict[tuple[str, str, str | None], Event] = {}
    for part in parts:
        for event in part.events:
            key = (event.event_type.value, (event.location.place or "").casefold(), event.date)
            held = events.get(key)
            events[key] = event if held is None else _joined(held, event)
    first = parts[0]
    return ArticleSummary(
        headline=first.headline, summary=first.summary, events=list(events.values())
    )


def _joined(a: Event, b: Event) -> Event:
    def union(xs: list[object], ys: list[object]) -> list[object]:
        out = list(xs)
        for y in ys:
            if y not in out:
                out.append(y)
        return out

    return a.model_copy(
        update={
            "casualties": union(list(a.casualties), list(b.casualties)),
            "affected": union(list(a.affected), list(b.affected)),
            "damage": union(list(a.damage), list(b.damage)),
            "munitions": union(list(a.munitions), list(b.munitions)),
            "sources": union(list(a.sources), list(b.sources)),
        }
    )
