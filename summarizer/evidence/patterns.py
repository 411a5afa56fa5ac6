"""Regular-expression pieces shared by the scanner's modules."""

from __future__ import annotations

import re


def alt(words: tuple[str, ...] | list[str] | set[str] | frozenset[str]) -> str:
    """An alternation of literal words, longest first so that none hides a longer one."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def alt_by_initial(words: tuple[str, ...] | list[str] | set[str] | frozenset[str]) -> str:
    """alt(words) with the words grouped by their first character: "a(?:nd|n|)|b(?:...)".
    It matches what alt() matches, as words of different initials never match at one
    place, but tries a character's words only where that character stands. For
    patterns without IGNORECASE, under which two initials could match one character."""
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rests)})" for c, rests in groups.items())


MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
AGED = r"(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old"  # "a 16-year-old boy", "a four-year-old girl"
