"""When an event happened: the article's own date, and an event's date from the words
of its sentences ("on Friday", "yesterday", "on Dec. 11", "in April 2015") read
against it. Photo captions and credits are not event text."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.evidence import Kind, Mention
from summarizer.evidence.lexicons import en as lx
from summarizer.records import DatePrecision
from summarizer.textspans import Span, body_start, paragraphs

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"(?i)\b(?:(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"
    r"|(?P<yesterday>yesterday|last night)\b|(?P<today>today|tonight|this morning)\b)"
)
# An earlier date within a week is the news itself ("on Saturday", "on June 19" in a
# report of June 20); beyond it, an event the article recalls.
RECENT = dt.timedelta(days=7)
# A lead may tell of news some weeks old ("crashed ... on May 13" in a report of May 21).
NEWS = dt.timedelta(days=31)
# "in August", "since March", "late October": a month of no stated year. "May" only
# capitalised and after a preposition: it is also a verb.
_MONTH_ALONE = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast)[\s-]+"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b(?![ -]?\d)"
)
_SAYS = "said|says|told|announced|reported|confirmed|stated|added"
_SAID = re.compile(
    rf"(?i)\b(?:{_SAYS}|told(?: [\w.]+){{1,3}}"
    r"|declared|warned|urged|claimed|(?:issued|released|made) (?:a|its|their) statement"
    r"|(?:news|press) conference)\s+(?:(?:late|early)\s+)?(?:on\s+)?\Z"
)
_SAID_REACH = 40
_QUOTE_REACH = 1500
# "On Monday, a hospital spokesperson said ...", "On Monday authorities raised the toll":
# at a sentence's start (`_OPENS`), the day someone spoke or counted, named before who.
_SAID_AFTER = re.compile(
    r"(?i)[,\s]+(?:(?!(?:and|but|who|which|that)\b)[\w'’.-]+\s+){1,4}?"
    rf"(?:{_SAYS}|received (?:information|reports|word)|raised|revised|updated)\b"
)
_LAST_YEAR = re.compile(r",?\s+(?:of\s+)?last\s+year\b")
_BEFORE_TODAY = re.compile(r"(?i)\b(?:last|since|previous)\s+\Z")
_SAID_NEXT = re.compile(rf"\s+(?:{_SAYS})\b")
_OPENS = re.compile(r"(?i)(?:\A|[.;:!?\n\"“]\s*)(?:(?:early|late)\s+)?(?:on\s+)?\Z")
_COUNTED = re.compile(
    r"(?i)\b(?:(?:rose|risen|rises|rising|climbed|climbing|reached|reaching|jumped|increased"
    r"|stood at|stands at)\b[^.;]{0,30}?\s|as of\s+)(?:(?:late|early|earlier|later)\s+)?"
    r"(?:on\s+)?\Z"
)
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# Days of one month: "between 13 and 15 April", "from 3 to 5 March 2025", "March 3-5".
_DAYS = re.compile(
    rf"\b(?:[Bb]etween|[Ff]rom)\s+(?P<first>\d{{1,2}})\s*(?:and|to|-|–)\s*(?P<last>\d{{1,2}})\s+"
    rf"{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|\b{_MONTH.replace('month', 'month2')}\s+(?P<first2>\d{{1,2}})\s*(?:-|–|to)\s*"
    rf"(?P<last2>\d{{1,2}})\b(?:,?\s+(?P<year2>\d{{4}}))?"
)
# "two days ago", "a year ago": counted back from the article's date. Not weeks: "the
# crash two weeks ago" may be the news an article follows up.
_AGO = re.compile(
    r"(?i)\b(?P<count>an?|\d{1,2}|" + "|".join(lx.UNITS) + r")\s+(?P<unit>day|month|year)s?"
    r"\s+ago\b"
)
_PERIOD = re.compile(r"(?i)\b(?P<which>last|this|earlier this|past)\s+(?P<unit>week|month|year)\b")
_BOUND_REACH = 80  # how far after its number a bound date may start
_JOIN = re.compile(r"(?i);\s|,\s+(?:and|but|while|whereas)\s")
# What may stand between a number and a date bound to its verb: "16 were killed in
# 2010", "killing seven in a bomb attack in 1998", "killed 3 people on Monday".
_BOUND = re.compile(
    r"\S*\s+(?:(?!(?:and|but|who|which|that)\b)[\w'’-]+\s+){0,4}(?:in|during|on)\s+"
)
_YEAR_CUE = re.compile(r"(?i)\b(?:in|since|during|by|until|of|early|late|mid-?)\s*\Z")
_FINER = (DatePrecision.UNKNOWN, DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.WEEK,
          DatePrecision.DAYS, DatePrecision.DAY)  # fmt: skip
_LEAD_PARAGRAPHS = 3  # a headline, a date line, then the lead
# A photo's caption or credit: "(AP Photo/Efrem Lukatsky)", "Photo: Reuters",
# "File photo: ...", "Image: ...", "Getty Images".
_CAPTION = re.compile(
    r"(?i)^\s*(?:photo|image|picture|caption|file photo|pictured)\b\s*[:.—–-]"
    r"|\((?:[^()]*\bphoto\b[^()]*|[^()]*getty images[^()]*)\)\s*$"
    r"|\b(?:photo(?:graph)?|image|picture)\s*(?:by|:|credit)\s*[^.]{0,60}$"
)


@dataclass(frozen=True)
class When:
    """An event's date, as precise as its words allow."""

    date: str | None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    precision: DatePrecision
    words: str | None  # the article's words for it
    names_event: bool = False  # "Sunday's landslide": the day of the event itself


NO_DATE = When(None, DatePrecision.UNKNOWN, None)


def captions(text: str, body: int = 0) -> list[Span]:
    """The paragraphs that caption or credit a photo."""
    return [
        p for p in paragraphs(text) if p.start >= body and _CAPTION.search(text[p.start : p.end])
    ]


def article_date(text: str, mentions: Sequence[Mention]) -> Mention | None:
    """The date of the article: the first full date of its opening paragraphs (a date
    line, a dateline, the lead; header lines and captions aside); None when they give
    no year."""
    body = body_start(text)
    opening = [
        p
        for p in paragraphs(text)
        if p.start >= body and not _CAPTION.search(text[p.start : p.end])
    ][:_LEAD_PARAGRAPHS]
    full = [m for m in mentions if m.kind is Kind.DATE and m.date and m.date[:1].isdigit()]
    return next(
        (
            m
            for m in full
            if len(m.date or "") == 10 and any(p.start <= m.start < p.end for p in opening)
        ),
        None,
    )


def dates_in(
    text: str, span: Span, mentions: Sequence[Mention], anchor: dt.date | None
) -> list[tuple[int, When]]:
    """Every date the words of a span give, with where it is stated, in order: stated
    dates (their year from the article's when they give none), years ("in 2019"), runs
    of days ("between 13 and 15 April"), and, against the article's date, a month alone
    ("in August"), days ("on Friday", "yesterday") and periods ("last week").
    `mentions`: the text's scan, in text order."""
    # Mentions come in text order: a span's are found by bisection, not a walk of all.
    first = bisect_left(mentions, span.start, key=lambda m: m.start)
    last = bisect_left(mentions, span.end, key=lambda m: m.start)
    inside = mentions[first:last]
    found = [
        (m.start, when)
        for m in inside
        if m.kind is Kind.DATE and m.date and (when := _stated(text, m, anchor)).date
    ]
    found += [
        (m.start, When(m.date, DatePrecision.YEAR, m.text))
        for m in inside
        if m.kind is Kind.YEAR and m.date and _YEAR_CUE.search(text, max(0, m.start - 12), m.start)
    ]
    ranges = [
        (r.start(), r.end(), when)
        for r in _DAYS.finditer(text, span.start, span.end)
        if (when := _days(r, anchor)).date
    ]
    # A range's own dates ("15 April 2025" of "between 13 and 15 April 2025") are in it.
    found = [f for f in found if not any(a <= f[0] < b for a, b, _ in ranges)]
    found += [(a, when) for a, _, when in ranges]
    if anchor is not None:
        # "last year" of "on November 29 last year" is that day's year, no date of its own
        owned = {m.end for m in inside if m.kind is Kind.DATE and _LAST_YEAR.match(text, m.end)}
        readers = ((_RELATIVE, _relative), (_MONTH_ALONE, _month), (_PERIOD, _period), (_AGO, _ago))
        for pattern, read in readers:
            found += [
                (r.start(), read(r, anchor))
                for r in pattern.finditer(text, span.start, span.end)
                if not any(_LAST_YEAR.fullmatch(text, end, r.end()) for end in owned)
                and not _quoted(text, r.start())
            ]
    return sorted((f for f in found if not _reported(text, *f)), key=lambda f: f[0])


def _quoted(text: str, at: int) -> bool:
    """Is `at` inside a quotation of its paragraph? There "tonight" or "on Monday" is of
    the day the words were spoken, not of the article's date. (Only the paragraph's last
    `_QUOTE_REACH` characters are read, so that a text of no breaks costs linear time.)"""
    before = text[max(text.rfind("\n", 0, at) + 1, at - _QUOTE_REACH) : at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _reported(text: str, at: int, when: When) -> bool:
    """Is the date at `at` the day something was said ("the military said on Monday",
    "On Monday, police said") or a toll was counted ("the toll rose to 19 on Saturday",
    "as of Saturday"), not the day of the event?"""
    before = max(0, at - _SAID_REACH)
    if _SAID.search(text, before, at) or _COUNTED.search(text, before, at):
        return True
    end = text.find(when.words, at) + len(when.words) if when.words else at
    if _SAID_NEXT.match(text, end):  # "the constable today said"
        return True
    if not _OPENS.search(text, max(0, at - 12), at):
        return False
    return bool(_SAID_AFTER.match(text, end, end + _SAID_REACH + 20))


class Dated:
    """A sentence's dates (`dates_in`), to date each of its numbers by."""

    def __init__(self, text: str, dates: Sequence[tuple[int, When]]) -> None:
        self._text = text
        self._dates = dates
        self._starts = [start for start, _ in dates]
        self._named = next((when for _, when in dates if when.names_event), None)

    def near(self, number: Span) -> When:
        """The date of a number: a day that names its event ("Sunday's landslide")
        wherever it stands; else one bound to the number's verb right after it ("158
        were executed in 2007", "killing seven in a bomb attack in 1998"); else, from the
        number's own clause if it has one ("nine were killed this year, and 16 ..."),
        else from the sentence, the last before it or the first after it, the more
        precise ("Rebels who seized the town in 2012 killed 30 people on Monday"); a
        bare year after it only when bound ("a market rebuilt in 2019" dates nothing)."""
        if self._named is not None:
            return self._named
        text, dates = self._text, self._dates
        first_after = bisect_left(self._starts, number.start)
        for start, when in dates[bisect_left(self._starts, number.end) :]:
            if start - number.end > _BOUND_REACH:
                break
            if _BOUND.fullmatch(text, number.end, start):
                return when
        none: tuple[int | None, When] = (None, NO_DATE)
        after = next(((s, w) for s, w in dates[first_after:] if not _bare_year(w)), none)
        before = dates[first_after - 1] if first_after else none
        clause = _clause(text, number.start)
        own = [w for s, w in (before, after) if s is not None and clause.start <= s < clause.end]
        return finest(own or [w for s, w in (before, after) if s is not None])


def _bare_year(when: When) -> bool:
    """ "2019" of "a market rebuilt in 2019", not "last year": a year that may date
    another verb than the number's."""
    return when.precision is DatePrecision.YEAR and (when.words or "")[:1].isdigit()


def _clause(text: str, at: int) -> Span:
    """The clause around `at`: between the joins of a sentence's clauses ("; ", ", and
    ", ", but ", ", while ") or its ends."""
    start = max((j.end() for j in _JOIN.finditer(text, max(0, at - 300), at)), default=0)
    end = next((j.start() for j in _JOIN.finditer(text, at, at + 300)), len(text))
    return Span(start, end)


def finest(whens: Sequence[When]) -> When:
    """The most precise of some dates (the first of equals; a day that names its event
    first of all); NO_DATE of none."""
    return max(whens, key=lambda w: (w.names_event, _FINER.index(w.precision)), default=NO_DATE)


def is_earlier(when: When, anchor: dt.date | None, recent: dt.timedelta = RECENT) -> bool:
    """Is a date well before `anchor` (its day, week, month or year over more than
    `recent` before it), the event an earlier one that the article recalls?"""
    if anchor is None or when.date is None:
        return False
    return _last_day(when) < anchor - recent


def _last_day(when: When) -> dt.date:
    """The last day a date can mean: its day, its week's Sunday, its month's or year's end."""
    assert when.date is not None
    if when.precision is DatePrecision.YEAR:
        return dt.date(int(when.date), 12, 31)
    if when.precision is DatePrecision.MONTH:
        year, month = int(when.date[:4]), int(when.date[5:7])
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    day = dt.date.fromisoformat(when.date)
    return day + dt.timedelta(days=6) if when.precision is DatePrecision.WEEK else day


def of_anchor(anchor: Mention | None) -> When:
    """The article's date as a When (none when the calendar has no such day)."""
    if anchor is None or not anchor.date or as_date(anchor) is None:
        return NO_DATE
    return When(anchor.date, DatePrecision.DAY, anchor.text)


def as_date(anchor: Mention | None) -> dt.date | None:
    if anchor is None or not anchor.date:
        return None
    try:
        return dt.date.fromisoformat(anchor.date)
    except ValueError:
        return None


def _stated(text: str, m: Mention, anchor: dt.date | None) -> When:
    iso = m.date or ""
    if iso.startswith("--"):  # "Dec. 11": the year is the article's, or the one before
        if anchor is None:
            return NO_DATE
        month_day = iso[2:]
        year = anchor.year - (month_day > anchor.isoformat()[5:])
        if _LAST_YEAR.match(text, m.end):  # "on November 29 last year"
            year = anchor.year - 1
        iso = f"{year}-{month_day}"
    precision = {10: DatePrecision.DAY, 7: DatePrecision.MONTH, 4: DatePrecision.YEAR}
    if len(iso) not in precision or not _real(iso):
        return NO_DATE  # "Feb. 30" is no day to date anything by
    return When(iso, precision[len(iso)], m.text, names_event=_possessive(text, m.end))


def _real(iso: str) -> bool:
    """Is an ISO day, month or year one the calendar has?"""
    try:
        dt.date.fromisoformat((iso + "-01-01")[:10])
    except ValueError:
        return False
    return True


def _days(found: re.Match[str], anchor: dt.date | None) -> When:
    """A span of days in one month: its first day; UCDP's precision of 2-6 days, else
    of a week, else of the month."""
    first = int(found.group("first") or found.group("first2"))
    last = int(found.group("last") or found.group("last2"))
    name = (found.group("month") or found.group("month2")).lower()
    month = lx.MONTHS[name[:3]]
    year_text = found.group("year") or found.group("year2")
    if year_text:
        year = int(year_text)
    elif anchor is not None:
        year = anchor.year - (month > anchor.month)
    else:
        return NO_DATE
    try:
        day = dt.date(year, month, first)
    except ValueError:
        return NO_DATE
    length = last - first + 1
    if not 2 <= length <= 31:
        return NO_DATE
    precision = (
        DatePrecision.DAYS
        if length <= 6
        else DatePrecision.WEEK
        if length <= 7
        else DatePrecision.MONTH
    )
    return When(day.isoformat(), precision, found.group())


def _period(found: re.Match[str], anchor: dt.date) -> When:
    """ "last week" (its Monday), "this month", "last year": of the article's date."""
    unit, back = found.group("unit").lower(), found.group("which").lower() in ("last", "past")
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday() + 7 * back)
        return When(monday.isoformat(), DatePrecision.WEEK, found.group())
    if unit == "month":
        year, month = (anchor.year, anchor.month - 1) if back else (anchor.year, anchor.month)
        if month == 0:
            year, month = year - 1, 12
        return When(f"{year}-{month:02d}", DatePrecision.MONTH, found.group())
    return When(str(anchor.year - back), DatePrecision.YEAR, found.group())


def _ago(found: re.Match[str], anchor: dt.date) -> When:
    """ "three days ago" (that day), "a month ago", "two years ago" (that month, year)."""
    count = found.group("count").lower()
    n = 1 if count in ("a", "an") else int(count) if count.isdigit() else lx.UNITS[count]
    unit = found.group("unit").lower()
    if unit == "day":
        day = anchor - dt.timedelta(days=n)
        return When(day.isoformat(), DatePrecision.DAY, found.group())
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 - n
        return When(f"{months // 12}-{months % 12 + 1:02d}", DatePrecision.MONTH, found.group())
    return When(str(anchor.year - n), DatePrecision.YEAR, found.group())


def _month(found: re.Match[str], anchor: dt.date) -> When:
    """A month alone: of the article's year, or the year before when it is still to come."""
    month = lx.MONTHS[found.group("month")[:3].lower()]
    last = found.group().lower().startswith("last")  # "last August" in an August report
    year = anchor.year - (month > anchor.month or (last and month == anchor.month))
    return When(f"{year}-{month:02d}", DatePrecision.MONTH, found.group())


def _relative(found: re.Match[str], anchor: dt.date) -> When:
    """A day named by its weekday (the last one on or before the article's date),
    "yesterday" or "today"."""
    words = found.group()
    if found.group("weekday"):
        back = (anchor.weekday() - _WEEKDAYS.index(words.lower())) % 7
        # "last Sunday", "since Sunday" in a Sunday's report: the Sunday before.
        if not back and _BEFORE_TODAY.search(
            found.string, max(0, found.start() - 8), found.start()
        ):
            back = 7
        day = anchor - dt.timedelta(days=back)
    elif found.group("yesterday"):
        day = anchor - dt.timedelta(days=1)
    else:
        day = anchor
    return When(
        day.isoformat(),
        DatePrecision.DAY,
        words,
        names_event=_possessive(found.string, found.end()),
    )


def _possessive(text: str, end: int) -> bool:
    """Is the date ending at `end` in the possessive ("Sunday's landslide", "January
    17's airstrike"): the day of the event it names?"""
    return text[end : end + 2] in ("'s", "’s")
