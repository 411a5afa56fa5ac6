"""Number forms and their exact values: digits, number words, dates, clock times,
ordinals, and ranges joined from two numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from summarizer.evidence.kinds import MONEY_BEFORE
from summarizer.evidence.lexicons import en as lx
from summarizer.evidence.mention import Kind, Raw, Value, exact
from summarizer.evidence.nouns import noun_phrase
from summarizer.evidence.patterns import AGED, DAY, MONTH, YEAR, alt, alt_by_initial
from summarizer.records import Qualifier

_NUMBER_WORDS = alt([*lx.UNITS, *lx.TENS, *lx.SCALES, "dozen"])
_ORDINAL_WORDS = alt(list(lx.ORDINALS))
_SCALE_AHEAD = rf"(?=(?:{alt([*lx.SCALES, 'dozen'])})\b)"
# Nouns after which "a" or "an" is one: "a child", "an official", "a death".
_PERSON_ARTICLE_NOUNS = [
    w for w in lx.PERSON_NOUNS if not w.endswith("s") and w not in {"police", "crew", "staff"}
]
_ARTICLE_NOUNS = [*_PERSON_ARTICLE_NOUNS, "death", "fatality", "casualty", "body"]
_PERSON_SINGULAR = alt(_ARTICLE_NOUNS)
# After an adjective only people: "a UN body" and "a new death toll" are no one.
_PERSON_ONLY_SINGULAR = alt([w for w in _PERSON_ARTICLE_NOUNS if w != "body"])
_UNSURE = r"(?:possible|potential|probable|likely|hypothetical|future)"  # "a possible death"

# Thousands in groups: "12,000", Indian "1,50,000", and "12 000" with a plain, thin or
# no-break space (never after a comma: "1, 200" is a list).
_GROUPED = (
    r"\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d{1,2}(?:,\d\d)+,\d{3}"
    r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d|[,.]\d)"
)
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
  | (?P<digits>(?<![\d.,])(?:{_GROUPED}|\d+)(?:\.\d+)?(?![\d])
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
    [
        *lx.UNITS,
        *lx.TENS,
        *lx.SCALES,
        *lx.ORDINALS,
        *(m for m in lx.MONTHS),
        "half",
        "a",
        "an",
        "no",
        "nobody",
        "none",
        "dozen",
        "sept",
    ]
    + [
        name.lower()
        for name in (
            "January February March April June July August September October November December"
        ).split()
    ]
    + [w.split()[0] for w in lx.VAGUE]
)
_TRIGGER = re.compile(rf"(?<!\d)\d+|(?<![a-z0-9])(?:{alt_by_initial(_TRIGGER_WORDS)})(?![a-z])")
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
_RANGE_GAP = re.compile(r"(?i)\s{0,3}(?:-|–|—|to|or)\s{0,3}")
_BETWEEN = re.compile(r"(?i)\bbetween\s+$")
# "rose from 4 to 11", "up from about 27 to 43": a change, not a range
_FROM = re.compile(
    rf"(?i)\bfrom\s+(?:(?:{alt([p for ps in lx.QUALIFIERS_BEFORE.values() for p in ps])})\s*)?$"
)
_DAY_JOIN = re.compile(r"(?i)\s{0,3}(?:&|-|–|—|to|or|and|,\s*and|,\s*or)\s{0,3}")
_LIST_GOES_ON = re.compile(r"(?i)\s{0,3}(?:,|and|or|&)\s{0,3}\d")
_DAY_DATE = re.compile(r"(?:\d{4}|-)-\d\d-\d\d")  # a date that names its day
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_BETWEEN_GAP = re.compile(r"(?i)\s{1,3}and\s{1,3}")

_GLUED_MILLION = re.compile(r"m(?![\w])")
# More digits than any count of people or things: 15 is a quadrillion, and past that a
# float would no longer hold the number exactly.
_MAX_DIGITS = 15
_SEPARATORS = re.compile(r"[, \u00a0\u2009\u202f]")
_LETTERS = re.compile(r"[A-Za-z]+")
_NOT_DIGITS = re.compile(r"\D")
_DATE_PARTS = re.compile(r"[/.]")


def raw_mentions(text: str, lowered: str) -> list[Raw]:
    """Every number form in the text, as read, before context says what each is."""
    out: list[Raw] = []
    # Trying the master pattern only where a digit or a trigger word starts is what makes
    # the scanner fast: most words of a text cannot begin a number.
    last_end = 0
    for token in _TRIGGER.finditer(lowered):
        if token.start() < last_end or not _may_start(lowered, token):
            continue
        m = _MASTER.match(text, token.start())
        if m is not None:
            last_end = m.end()
            out.extend(_read(m))
    return out


def _may_start(lowered: str, token: re.Match[str]) -> bool:
    """ "a", "an" and "no" are mostly no number: only before the words that make them one."""
    word = token.group()
    if word not in _FOLLOWED:
        return True
    follower = _NEXT_WORD.match(lowered, token.end())
    return follower is not None and (
        follower.group(1) in _FOLLOWED[word]
        or (word != "no" and follower.group(2) in _PERSON_ARTICLE_NOUN_SET)
    )


_DATE_FORMS = frozenset({"iso", "numeric_date", "month_day", "day_month", "month_year"})
_FIXED: dict[str, tuple[int | None, Kind]] = {
    "clock": (None, Kind.TIME),
    "vague": (None, Kind.VAGUE),
    "zero": (0, Kind.COUNT),
    "article": (1, Kind.COUNT),
}


def _read(m: re.Match[str]) -> list[Raw]:
    form = m.lastgroup or ""
    start, end = m.span()
    if form == "words":
        return _word_numbers(m.string, start, end)
    if form == "digits":
        return [_digits(m)]
    if form in _DATE_FORMS:
        return [Raw(start, end, None, Kind.DATE, date=_iso_date(m))]
    if form == "ordinal_digits":
        return [Raw(start, end, int(_NOT_DIGITS.sub("", m.group())), Kind.ORDINAL)]
    if form == "ordinal_words":
        return [Raw(start, end, _ordinal_value(m.group()), Kind.ORDINAL)]
    value, kind = _FIXED[form]
    return [Raw(start, end, value, kind)]


def _digits(m: re.Match[str]) -> Raw:
    start, end = m.span()
    number = m.group("digits")
    scale = m.group("dscale")
    core = number[: len(number) - len(scale)] if scale else number
    plain = _SEPARATORS.sub("", core)
    value: Value
    if len(plain) <= _MAX_DIGITS and "." not in plain:
        value = int(plain)  # whole and short, the most common number: what exact() makes
    else:
        value = exact(Decimal(plain))
        if sum(c.isdigit() for c in plain) > _MAX_DIGITS:
            return Raw(start, end, value, Kind.LABEL)  # an ID, a phone number: no count
    if scale:
        value = exact(value * lx.DIGIT_SCALES[scale.strip().lower()])
    elif _GLUED_MILLION.match(m.string, end) and (
        MONEY_BEFORE.search(m.string, max(0, start - 5), start)
        or noun_phrase(m.string, end + 1).cls == "person"
    ):
        value, end = exact(value * 1_000_000), end + 1
    return Raw(start, end, value, Kind.COUNT, numeric=True)


def _word_numbers(text: str, start: int, end: int) -> list[Raw]:
    """Split a run of number words into numbers: "twenty-three" is one, "one two" two."""
    tokens = [(t.group().lower(), t.start(), t.end()) for t in _LETTERS.finditer(text, start, end)]
    words = [t[0] for t in tokens]
    out: list[Raw] = []
    i = 0
    while i < len(tokens):
        value, j = _parse_number_words(words, i)
        if j == i:
            i += 1
            continue
        out.append(Raw(tokens[i][1], tokens[j - 1][2], value, Kind.COUNT, numeric=True))
        i = j
    return out


# Which kind of number word may follow which: "twenty-three", "three hundred and
# five", "two million", but not "three twenty" or "thousand million".
_MAY_FOLLOW: dict[str, frozenset[str | None]] = {
    "unit": frozenset({None, "hundred", "scale", "and", "tens"}),
    "teen": frozenset({None, "hundred", "scale", "and"}),
    "tens": frozenset({None, "hundred", "scale", "and"}),
    "hundred": frozenset({None, "unit", "teen"}),
    "dozen": frozenset({None, "unit", "teen", "tens"}),
    "scale": frozenset({None, "unit", "teen", "tens", "hundred", "dozen"}),
}


def _word_kind(word: str) -> str | None:
    if word in lx.UNITS:
        return "unit" if 0 < lx.UNITS[word] < 10 else "teen"
    if word in lx.TENS:
        return "tens"
    if word == "hundred" or word == "dozen":
        return word
    return "scale" if word in lx.SCALES else None


class _WordNumber:
    """A number being read word by word: the sum of finished scales and the part after."""

    def __init__(self) -> None:
        self.total = 0
        self.current = 0
        self.last: str | None = None
        self.last_scale = 10**18

    def take(self, word: str) -> bool:
        """Add a word to the number; False when it cannot continue it."""
        kind = _word_kind(word)
        if kind is None or self.last not in _MAY_FOLLOW[kind]:
            return False
        if kind == "scale":
            scale = lx.SCALES[word]
            if scale >= self.last_scale:
                return False
            self.total += (self.current or 1) * scale
            self.current, self.last_scale = 0, scale
        elif kind == "hundred":
            if self.current >= 100:
                return False
            self.current = (self.current or 1) * 100
        elif kind == "dozen":
            self.current = (self.current or 1) * 12
        else:
            self.current += lx.UNITS.get(word) or lx.TENS.get(word, 0)
        self.last = kind
        return True


def _parse_number_words(words: list[str], i: int) -> tuple[Value, int]:
    """Parse one number starting at words[i]; return its value and the index after it."""
    n = len(words)
    half = words[i] == "half" and i + 1 < n and words[i + 1] == "a"
    if half:
        i += 1
    number = _WordNumber()
    j = i
    if words[j] == "a":
        number.current, number.last, j = 1, "unit", j + 1
    while j < n:
        if words[j] == "and":
            # "three hundred and five"; an "and" before anything else ends the number
            if number.last not in {"hundred", "scale"} or j + 1 >= n:
                break
            if _word_kind(words[j + 1]) not in {"unit", "teen", "tens"}:
                break
            number.last = "and"
        elif not number.take(words[j]):
            break
        j += 1
    if number.last == "and":
        j -= 1
    whole = number.total + number.current
    if not half:  # a whole number is exact as it is: no fraction or decimal to make
        return whole, j
    value = Fraction(whole, 2)
    return exact(Decimal(value.numerator) / value.denominator), j


def _ordinal_value(word: str) -> int:
    parts = word.lower().split("-")
    if len(parts) == 2:
        return lx.TENS[parts[0]] + lx.ORDINALS[parts[1]]
    return lx.ORDINALS[parts[0]]


def _iso_date(m: re.Match[str]) -> str | None:
    kind = m.lastgroup
    if kind == "iso":
        return m.group()
    if kind == "numeric_date":
        parts = _DATE_PARTS.split(m.group())
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
    day = int(_NOT_DIGITS.sub("", m.group(f"{prefix}_d")))
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def merge_ranges(text: str, raws: list[Raw]) -> list[Raw]:
    """Join "10-15", "10 to 15", "two or three" and "between 10 and 15" into ranges;
    read "Nov. 1 and 2" as two dates and "rose from 27 to 43" as two numbers."""
    out: list[Raw] = []
    for raw in raws:
        prev = out[-1] if out else None
        if prev is not None and _listed_with(text, prev, raw):
            _take_kind(prev, raw)
        elif prev is not None and _range_of(text, prev, raw):
            continue
        out.append(raw)
    return out


def _listed_with(text: str, prev: Raw, raw: Raw) -> bool:
    """ "Nov. 1 and 2", "on March 3, 4 and 5": day numbers listed after a month name.
    Not "On June 20, 12 people were killed" (a comma, then a count) nor "Nov. 3 and 4
    others were hurt" (people after it)."""
    if not (
        raw.numeric
        and prev.kind is Kind.DATE
        and prev.date is not None
        and _DAY_DATE.fullmatch(prev.date) is not None
        and isinstance(raw.value, int)
        and 1 <= raw.value <= 31
        and _DAY_NUMBER.fullmatch(text, raw.start, raw.end) is not None
    ):
        return False
    # after a bare comma, a day only where the list goes on: "3, 4 and 5"
    listed = _DAY_JOIN.fullmatch(text, prev.end, raw.start) or (
        text[prev.end : raw.start].strip() == "," and _LIST_GOES_ON.match(text, raw.end)
    )
    if not listed:
        return False
    nominal = noun_phrase(text, raw.end)
    return not (nominal.cls in {"person", "munition"} and nominal.counts is None)


def _take_kind(prev: Raw, raw: Raw) -> None:
    raw.kind, raw.numeric = Kind.DATE, False
    raw.date = f"{(prev.date or '')[:-2]}{raw.value:02d}"


def _range_of(text: str, prev: Raw, raw: Raw) -> bool:
    """Make prev the range prev..raw when the words between say so; True if it did."""
    if prev.numeric and raw.kind is Kind.TIME:
        gap = text[prev.end : raw.start]
        if _RANGE_GAP.fullmatch(gap) or _BETWEEN_GAP.fullmatch(gap):
            prev.kind, prev.numeric = Kind.TIME, False  # "between 9 and 11 a.m."
        return False
    if not (prev.numeric and raw.numeric and prev.high is None):
        return False
    if prev.value is None or raw.value is None or raw.value <= prev.value:
        return False
    gap = text[prev.end : raw.start]
    between = _BETWEEN.search(text, max(0, prev.start - 12), prev.start)
    change = _FROM.search(text, max(0, prev.start - 30), prev.start)
    if not (
        (_RANGE_GAP.fullmatch(gap) and not change) or (between and _BETWEEN_GAP.fullmatch(gap))
    ):
        return False
    prev.end, prev.high, prev.qualifier = raw.end, raw.value, Qualifier.RANGE
    if between:
        prev.start = between.start()
    return True
