"""Highlights of spans of a text as markup that nests: spans that coincide or contain
one another become nested elements, and a span that crosses another's end is cut into
fragments, each a whole element, so no tag is ever closed out of order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlight: text[start:end], for the thing numbered `key`. Of marks with the
    same span, the one of higher `rank` nests inside, where it is seen."""

    start: int
    end: int
    key: int
    rank: int = 0


@dataclass(frozen=True, slots=True)
class Piece:
    """Text, or a mark's element opening ("open", `first` unless it continues a mark cut
    before) or closing ("close")."""

    kind: Literal["text", "open", "close"]
    text: str = ""
    mark: Mark | None = None
    first: bool = False


def _order(m: Mark) -> tuple[int, int, int, int]:
    # Outer before inner: earlier start, then longer, then lower rank.
    return (m.start, -m.end, m.rank, m.key)


def nested(text: str, marks: Iterable[Mark]) -> list[Piece]:
    """The text as pieces whose opens and closes nest. Marks outside the text are cut to
    it; empty ones are left out (the caller lists what has no highlight)."""
    kept = sorted(
        {
            Mark(max(m.start, 0), min(m.end, len(text)), m.key, m.rank)
            for m in marks
            if max(m.start, 0) < min(m.end, len(text))
        },
        key=_order,
    )
    bounds = sorted({0, len(text)} | {m.start for m in kept} | {m.end for m in kept})
    pieces: list[Piece] = []
    stack: list[Mark] = []  # the open elements, outermost first
    active: list[Mark] = []
    opened: set[Mark] = set()
    waiting = iter(kept)
    upcoming = next(waiting, None)
    for a, b in pairwise(bounds):
        active = [m for m in active if m.end > a]
        while upcoming is not None and upcoming.start == a:
            active.append(upcoming)
            upcoming = next(waiting, None)
        active.sort(key=_order)
        same = 0
        while same < min(len(stack), len(active)) and stack[same] == active[same]:
            same += 1
        while len(stack) > same:
            stack.pop()
            pieces.append(Piece("close"))
        for m in active[same:]:
            pieces.append(Piece("open", mark=m, first=m not in opened))
            opened.add(m)
            stack.append(m)
        pieces.append(Piece("text", text[a:b]))
    pieces += [Piece("close") for _ in stack]
    return pieces
