"""Kinds of numbers that are not counts: storeys, ages, years, percentages, money,
measures and labels, told apart from counts by their neighbours."""

from __future__ import annotations

import re

from summarizer.evidence.lexicons import en as lx
from summarizer.evidence.mention import Kind, Raw
from summarizer.evidence.nouns import counted_noun_at
from summarizer.evidence.patterns import alt

LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*")
_STOREYS_AFTER = re.compile(r"(?i)^\s*-?\s*(?:stor(?:e)?(?:y|ies|eys)|floors?)\b")
_AGE_AFTER = re.compile(r"(?i)^\s*-?\s*years?\s*-?\s*old\b|^\s*-?\s*(?:yr|year)s?-olds?\b")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged|age(?:d)?\s+of|ages)\s+$")
_DECADE_AFTER = re.compile(r"^'?s\b")
_ONE_WORD_PEOPLE = [w for w in lx.PERSON_NOUNS if " " not in w]
_APPOSITION_BEFORE = re.compile(rf"(?:\b(?:{alt(_ONE_WORD_PEOPLE)})|\b[A-Z][a-z]+),\s*$")
_APPOSITION_AFTER = re.compile(r"^\s*(?:,|\))")
_AGE_LIMIT_BEFORE = re.compile(
    r"(?i)\b(?:children|minors|kids|boys|girls|people|teenagers|youths)\s+"
    r"(?:under|below|over|above|aged)\s+(?:the\s+age\s+of\s+)?$"
)
_LIMIT_ENDS = frozenset({"er", "ow", "ve", "ed", "of"})  # under, below, above, aged, of
_PERCENT_AFTER = re.compile(r"(?i)^\s*(?:%|per\s*cent\b|percent\b|percentage points?\b|pc\b)")
MONEY_BEFORE = re.compile(rf"(?:{'|'.join(lx.MONEY_BEFORE)})\s?$")
_MONEY_AFTER = re.compile(rf"(?i)^\s*(?:(?-i:[A-Z][a-z]+)\s+)?(?:{alt(lx.MONEY_AFTER)})\b")
_MEASURE_AFTER = re.compile(rf"(?i)^(?:\s*-\s*|\s*)(?:{alt(lx.MEASURE_UNITS)})(?![\w])")
_LABEL_BEFORE = re.compile(
    rf"(?i:\b(?:{alt(lx.LABEL_WORDS)})\s*#?\s*$)|#\s*$|(?:\b[A-Z][A-Za-z]*|\b[a-z])-?$"
)
_CLOCK_AFTER = re.compile(r"(?i)^\s*(?:GMT|UTC|hrs|local time|[A-Z]ST)\b")
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s$")
_NOT_NAMES = frozenset(
    """the and but in on at by of since about around some nearly almost over only all another
    least than with from to for after before during until between among those these""".split()
) | {p.split()[-1] for p in lx.QUALIFIERS_BEFORE["approximately"]}
_CLOCK_DIGITS = re.compile(r"[012]\d[0-5]\d")  # "0600"
_GROUPED_DIGITS = re.compile(r"\d[,.\s]\d")  # "1,950", "19.50": no year
_YEAR_BEFORE = re.compile(
    r"(?i)\b(?:in|since|of|by|until|till|from|before|after|during|year|early|late|mid|"
    r"spring|summer|autumn|fall|winter|between|through)\s*-?\s*$"
)


def _is_age(text: str, raw: Raw, after: str) -> bool:
    """ "A man, 45, was killed"; "five children under 18"."""
    if raw.high is not None or raw.value is None or raw.value > 120:
        return False
    before = max(0, raw.start - 30)
    # The cheap checks first: an aside needs a comma before and after, a limit its word.
    tail = text[before : raw.start].rstrip()
    if tail.endswith(",") and _APPOSITION_AFTER.match(after):
        return _APPOSITION_BEFORE.search(text, before, raw.start) is not None
    return tail[-2:].lower() in _LIMIT_ENDS and bool(
        _AGE_LIMIT_BEFORE.search(text, before, raw.start)
    )


def context_kind(text: str, raw: Raw) -> Kind:
    """Storeys, ages, money, units and names are told from counts by their neighbours."""
    after = text[raw.end : raw.end + 24]
    before = text[max(0, raw.start - 16) : raw.start]
    return _marked_kind(text, raw, before, after) or _shaped_kind(text, raw, before, after)


def _marked_kind(text: str, raw: Raw, before: str, after: str) -> Kind | None:
    """Kinds a word beside the number names: storeys, ages, percentages, money."""
    if _STOREYS_AFTER.match(after):
        return Kind.STOREYS
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before) or _is_age(text, raw, after):
        return Kind.AGE
    if _PERCENT_AFTER.match(after):
        return Kind.PERCENT
    if MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
        return Kind.MONEY
    return None


def _shaped_kind(text: str, raw: Raw, before: str, after: str) -> Kind:
    """Kinds the number's own shape and place tell: measures, years, clock times, labels."""
    start, end = raw.start, raw.end
    if raw.value is not None and not isinstance(raw.value, int):
        return Kind.MEASURE  # "a 6.4 earthquake": people come whole
    year_shaped = _year_shaped(text, raw)
    if year_shaped and (_DECADE_AFTER.match(after) or _YEAR_BEFORE.search(before)):
        return Kind.YEAR
    if _DECADE_AFTER.match(after):
        return Kind.AGE  # "in their 30s"
    if _CLOCK_DIGITS.fullmatch(text, start, end) and _CLOCK_AFTER.match(after):
        return Kind.TIME  # "0600 GMT"
    if _MEASURE_AFTER.match(after):
        return Kind.MEASURE
    if text[start].isdigit() and (_LABEL_BEFORE.search(before) or _is_model_number(text, raw)):
        return Kind.LABEL
    if year_shaped:
        # "2024 floods", "the 1948 war": a year before a noun, unless the noun right after
        # it is counted ("1500 soldiers", "2000 drones")
        return Kind.COUNT if counted_noun_at(text, end) else Kind.YEAR
    return Kind.COUNT


def _year_shaped(text: str, raw: Raw) -> bool:
    """Written like a year: 1800 to 2099 in four plain digits (or a range of them)."""
    values = [v for v in (raw.value, raw.high) if v is not None]
    return (
        bool(values)
        and all(isinstance(v, int) and 1800 <= v <= 2099 for v in values)
        and not _GROUPED_DIGITS.search(text, raw.start, raw.end)
    )


def _is_model_number(text: str, raw: Raw) -> bool:
    """ "the Boeing 737", "Rescue 1122, the emergency service": a capitalised name right
    before 3+ digits, inside a sentence or named in apposition."""
    core = text[raw.start : raw.end]
    if raw.high is not None or not core.isdigit() or len(core) < 3:
        return False
    name = _NAME_BEFORE.search(text, max(0, raw.start - 30), raw.start)
    if name is None or name.group(1).lower() in _NOT_NAMES:
        return False
    preceding = text[max(0, name.start() - 3) : name.start()].strip()
    inside = preceding != "" and preceding[-1] not in '.!?"“\n'
    return inside or text.startswith(",", raw.end)
