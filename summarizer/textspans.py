"""Sentence and paragraph boundaries, as character spans into the original text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"(\w+)$")
# A full stop ends a sentence unless it closes a one-letter initial ("U.S.") or a
# common title; good enough for finding the clause a number sits in.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt no vs sgt gov sen rep prof capt maj brig adm cpl pvt jr sr"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\S)")
_METADATA_LINE = re.compile(r"[A-Z][\w-]{0,20}:\s+\S")


def body_start(text: str) -> int:
    """Where the article starts, after any "Source: ..." style header lines."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip() and not _METADATA_LINE.match(line):
            break
        pos += len(line)
    return pos


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


class Sentences:
    """The sentences of one text, looked up by character offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        ends = [m.end() for m in _SENTENCE_END.finditer(text) if not _abbreviation(text, m)]
        if not ends or ends[-1] < len(text):
            ends.append(len(text))
        self._ends = ends

    def around(self, pos: int) -> Span:
        """The sentence holding the character at pos."""
        i = bisect_right(self._ends, pos)
        i = min(i, len(self._ends) - 1)
        start = self._ends[i - 1] if i > 0 else 0
        return _trimmed(self.text, start, self._ends[i])

    def __iter__(self) -> Iterator[Span]:
        start = 0
        for end in self._ends:
            span = _trimmed(self.text, start, end)
            if span.end > span.start:
                yield span
            start = end


def paragraphs(text: str) -> list[Span]:
    """Non-empty paragraphs: blocks separated by line breaks."""
    spans: list[Span] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        span = _trimmed(text, start, m.start())
        if span.end > span.start:
            spans.append(span)
        start = m.end()
    span = _trimmed(text, start, len(text))
    if span.end > span.start:
        spans.append(span)
    return spans


def _abbreviation(text: str, m: re.Match[str]) -> bool:
    if m.group() != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, m.start() - 6), m.start())
    if word is None:
        return False
    w = word.group(1)
    return (len(w) == 1 and w.isupper()) or w.lower() in _ABBREVIATIONS


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
