"""Number forms and their exact values: digits, number words, dates, clock times,
ordinals, and ranges joined from two numbers."""

from __future__ import annotations

import re

from summarizer.evidence.kinds import MONEY_BEFORE
from summarizer.evidence.lexicons import en as lx
from summarizer.evidence.mention import Kind, Raw
from summarizer.evidence.nouns import noun_phrase
from summarizer.evidence.patterns import AGED, DAY, MONTH, YEAR, alt
from summarizer.records import Qualifier

_NUMBER_WORDS = alt([*lx.UNITS, *lx.TENS, *lx.SCALES, "dozen"])
_ORDINAL_WORDS = alt(list(lx.ORDINALS))
_SCALE_AHEAD = r"(?=(?:hundred|thousand|million|billion|dozen)\b)"
# Nouns after which "a" or "an" is one: "a child", "an official", "a death".
_PERSON_ARTICLE_NOUNS = [
    w for w in lx.PERSON_NOUNS if not w.endswith("s") and w not in {"police", "crew", "staff"}
]
_ARTICLE_NOUNS = [*_PERSON_ARTICLE_NOUNS, "death", "fatality", "casualty", "body"]
_PERSON_SINGULAR = alt(_ARTICLE_NOUNS)
# After an adjective only people: "a UN body" and "a new death toll" are no one.
_PERSON_ONLY_SINGULAR = alt([w for w in _PERSON_ARTICLE_NOUNS if w != "body"])
_UNSURE = r"(?:possible|potential|probable|likely|hypothetical|future)"  # "a possible death"

_MASTER = re.compile(
    rf"""
    (?P<iso>\b\d{{4}}-[01]\d-[0-3]\d\b)
  | (?P<numeric_date>\b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b(?!/)|\b\d{{1,2}}\.\d{{1,2}}\.\d{{4}}\b)
  | (?P<month_day>(?P<md_m>{MONTH})\s+(?P<md_d>{DAY})\b(?:,?\s+(?P<md_y>{YEAR})\b)?)
  | (?P<day_month>(?P<dm_d>{DAY})\s+(?:of\s+)?(?P<dm_m>{MONTH})\b(?:,?\s+(?P<dm_y>{YEAR})\b)?)
  | (?P<month_year>(?P<my_m>{MONTH})\s+(?:of\s+)?(?P<my_y>{YEAR})\b)
  | (?P<clock>\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[aApP]\.?[mM]\b\.?)?
        |\b(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?\s*[aApP]\.?[mM]\b\.?)
  | (?P<ordinal_digits>\b\d+(?:st|nd|rd|th)\b)
  | (?P<digits>(?<![\d.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?![\d])
        (?P<dscale>\s*(?i:{alt(list(lx.DIGIT_SCALES))})\b)?)
  | (?P<ordinal_words>(?i:\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-?)?
        (?:{_ORDINAL_WORDS})\b))
  | (?P<words>(?i:\b(?:half\s+a\s+|a\s+{_SCALE_AHEAD})?(?:{_NUMBER_WORDS})
        (?:(?:\s*-\s*|\s+|\s+and\s+)(?:{_NUMBER_WORDS}))*\b))
  | (?P<vague>(?i:\b(?:{alt(lx.VAGUE)})\b))
  | (?P<zero>(?i:\bno[- ]one\b|\bnobody\b|\bnone\b|\bno\b(?=\s+(?:deaths?|casualties|fatalities
        |injuries|one)\b)))
  | (?P<article>(?i:\b(?:a\s+single|an?|one\s+single)
        (?=\s+(?:(?:{AGED}\s+)?(?:{_PERSON_SINGULAR})
                |(?!{_UNSURE}\b)[a-z]+\s+(?:{_PERSON_ONLY_SINGULAR}))\b
        (?!\s+(?:penalty|sentence|threats?|row|squads?|warrants?|certificates?|toll)\b))))
    """,
    re.VERBOSE,
)

_TRIGGER_WORDS = frozenset(
    [*lx.UNITS, *lx.TENS, *lx.SCALES, *lx.ORDINALS, *(m for m in lx.MONTHS), "half", "a", "an",
     "no", "nobody", "none", "dozen", "sept"]
    + [name.lower() for name in ("January February March April June July August September "
                                 "October November December").split()]
    + [w.split()[0] for w in lx.VAGUE]
)
_TRIGGER = re.compile(rf"(?<!\d)\d+|(?<![a-z0-9])(?:{alt(_TRIGGER_WORDS)})(?![a-z])")
# The word after "a", "an" or "no", and the one after that: "a pregnant woman" is one.
_NEXT_WORD = re.compile(rf"[\s-]+(?:{AGED}\s+)?([a-z]+)(?:\s+([a-z]+))?")
_A_NEXT = frozenset(
    [*lx.SCALES, "dozen", "few", "handful", "number", "couple", "large", "series", "single"]
    + [w.split()[0] for w in _ARTICLE_NOUNS]
)
_PERSON_ARTICLE_NOUN_SET = frozenset(_PERSON_ARTICLE_NOUNS) - {"body"}
_FOLLOWED = {
    "a": _A_NEXT,
    "an": _A_NEXT,
    "no": frozenset({"one", "deaths", "death", "casualties", "fatalities", "injuries"}),
}
_RANGE_GAP = re.compile(r"(?i)\s*(?:-|–|—|to|or)\s*")
_BETWEEN = re.compile(r"(?i)\bbetween\s+$")
_FROM = re.compile(r"(?i)\bfrom\s+$")  # "rose from 4 to 11" is a change, not a range
_BETWEEN_GAP = re.compile(r"(?i)\s+and\s+")

_GLUED_MILLION = re.compile(r"m(?![\w])")


def raw_mentions(text: str, lowered: str) -> list[Raw]:
    out: list[Raw] = []
    # Trying the master pattern only where a digit or a trigger word starts is what makes
    # the scanner fast: most words of a text cannot begin a number.
    last_end = 0
    for token in _TRIGGER.finditer(lowered):
        pos = token.start()
        word = token.group()
        if pos < last_end:
            continue
        if word in _FOLLOWED:  # "a", "an", "no": most are no number; look at the next word
            follower = _NEXT_WORD.match(lowered, token.end())
            if follower is None or (
                follower.group(1) not in _FOLLOWED[word]
                and (word == "no" or follower.group(2) not in _PERSON_ARTICLE_NOUN_SET)
            ):
                continue
        m = _MASTER.match(text, pos)
        if m is None:
            continue
        last_end = m.end()
        kind = m.lastgroup
        start, end = m.span()
        if kind == "words":
            out.extend(_word_numbers(text, start, end))
        elif kind == "digits":
            out.append(_digits(m))
        elif kind in {"iso", "numeric_date", "month_day", "day_month", "month_year"}:
            out.append(Raw(start, end, None, Kind.DATE, date=_iso_date(m)))
        elif kind == "clock":
            out.append(Raw(start, end, None, Kind.TIME))
        elif kind == "ordinal_digits":
            out.append(Raw(start, end, float(re.sub(r"\D", "", m.group())), Kind.ORDINAL))
        elif kind == "ordinal_words":
            out.append(Raw(start, end, _ordinal_value(m.group()), Kind.ORDINAL))
        elif kind == "vague":
            out.append(Raw(start, end, None, Kind.VAGUE))
        elif kind == "zero":
            out.append(Raw(start, end, 0, Kind.COUNT))
        elif kind == "article":
            out.append(Raw(start, end, 1, Kind.COUNT))
    return out


def _digits(m: re.Match[str]) -> Raw:
    start, end = m.span()
    number = m.group("digits")
    scale = m.group("dscale")
    core = number[: len(number) - len(scale)] if scale else number
    value = float(core.replace(",", ""))
    if scale:
        value *= lx.DIGIT_SCALES[scale.strip().lower()]
    elif _GLUED_MILLION.match(m.string, end) and (
        MONEY_BEFORE.search(m.string, max(0, start - 5), start)
        or noun_phrase(m.string, end + 1).cls == "person"
    ):
        value, end = value * 1_000_000, end + 1
    return Raw(start, end, value, Kind.COUNT, numeric=True)


def _word_numbers(text: str, start: int, end: int) -> list[Raw]:
    """Split a run of number words into numbers: "twenty-three" is one, "one two" two."""
    tokens = [(t.group().lower(), start + t.start(), start + t.end())
              for t in re.finditer(r"[A-Za-z]+", text[start:end])]  # fmt: skip
    out: list[Raw] = []
    i = 0
    while i < len(tokens):
        value, j = _parse_number_words([t[0] for t in tokens], i)
        if j == i:
            i += 1
            continue
        out.append(Raw(tokens[i][1], tokens[j - 1][2], value, Kind.COUNT, numeric=True))
        i = j
    return out


def _parse_number_words(words: list[str], i: int) -> tuple[float, int]:
    """Parse one number starting at words[i]; return its value and the index after it."""
    n = len(words)
    factor = 1.0
    if words[i] == "half" and i + 1 < n and words[i + 1] == "a":
        factor, i = 0.5, i + 1
    total, current = 0.0, 0.0
    last: str | None = None  # kind of the previous word
    last_scale = float("inf")
    j = i
    if words[j] == "a":
        current, last, j = 1.0, "unit", j + 1
    while j < n:
        w = words[j]
        if w == "and":
            if last in {"hundred", "scale"} and j + 1 < n and (
                words[j + 1] in lx.UNITS or words[j + 1] in lx.TENS
            ):
                last, j = "and", j + 1
                continue
            break
        if w in lx.UNITS:
            v = lx.UNITS[w]
            kind = "unit" if 0 < v < 10 else "teen"
            if not (last is None or last in {"hundred", "scale", "and"}
                    or (last == "tens" and kind == "unit")):  # fmt: skip
                break
            current += v
        elif w in lx.TENS:
            kind = "tens"
            if last not in {None, "hundred", "scale", "and"}:
                break
            current += lx.TENS[w]
        elif w == "hundred":
            kind = "hundred"
            if last not in {"unit", "teen", None} or current >= 100:
                break
            current = (current or 1) * 100
        elif w == "dozen":
            kind = "dozen"
            if last not in {"unit", "teen", "tens", None}:
                break
            current = (current or 1) * 12
        elif w in lx.SCALES:
            kind = "scale"
            scale = lx.SCALES[w]
            if last in {"and", "scale"} or scale >= last_scale:
                break
            total += (current or 1) * scale
            current, last_scale = 0.0, scale
        else:
            break
        last = kind
        j += 1
    if last == "and":
        j -= 1
    return (total + current) * factor, j


def _ordinal_value(word: str) -> float:
    parts = re.split(r"-", word.lower())
    if len(parts) == 2:
        return float(lx.TENS[parts[0]] + lx.ORDINALS[parts[1]])
    return float(lx.ORDINALS[parts[0]])


def _iso_date(m: re.Match[str]) -> str | None:
    kind = m.lastgroup
    if kind == "iso":
        return m.group()
    if kind == "numeric_date":
        parts = re.split(r"[/.]", m.group())
        if len(parts) < 3 or len(parts[2]) != 4:
            return None  # "9/11", "5/6/24": no year we can trust
        a, b, year = int(parts[0]), int(parts[1]), parts[2]
        if "." in m.group() or a > 12:
            day, month = a, b
        elif b > 12:
            month, day = a, b
        else:
            return None  # 05/06/2024: month and day cannot be told apart
        return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 else None
    prefix = {"month_day": "md", "day_month": "dm", "month_year": "my"}[kind or ""]
    month = lx.MONTHS[m.group(f"{prefix}_m")[:3].lower()]
    year = m.group(f"{prefix}_y")
    if prefix == "my":
        return f"{year}-{month:02d}"
    day = int(re.sub(r"\D", "", m.group(f"{prefix}_d")))
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def merge_ranges(text: str, raws: list[Raw]) -> list[Raw]:
    """Join "10-15", "10 to 15", "two or three" and "between 10 and 15" into ranges."""
    out: list[Raw] = []
    for raw in raws:
        prev = out[-1] if out else None
        if prev is not None and prev.numeric and raw.kind is Kind.TIME:
            gap = text[prev.end : raw.start]
            if _RANGE_GAP.fullmatch(gap) or _BETWEEN_GAP.fullmatch(gap):
                prev.kind, prev.numeric = Kind.TIME, False
        if (
            prev is not None
            and prev.numeric
            and raw.numeric
            and prev.high is None
            and prev.value is not None
            and raw.value is not None
            and raw.value > prev.value
        ):
            gap = text[prev.end : raw.start]
            between = _BETWEEN.search(text, max(0, prev.start - 12), prev.start)
            change = _FROM.search(text, max(0, prev.start - 8), prev.start)
            if (_RANGE_GAP.fullmatch(gap) and not change) or (
                between and _BETWEEN_GAP.fullmatch(gap)
            ):
                prev.end, prev.high, prev.qualifier = raw.end, raw.value, Qualifier.RANGE
                if between:
                    prev.start = between.start()
                continue
        out.append(raw)
    return out

