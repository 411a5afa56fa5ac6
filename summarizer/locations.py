"""Where an event happened: the place named for it, found in the gazetteer, with its
country, first-level region, coordinates and ACLED's geo_precision.

The country comes from the places the article names for the event; then from the
country that the places of its section (the text under one dateline) are in most
often, the dateline's country breaking ties; never from the first country word of the
article or an actor's nationality ("U.S. forces", "Russian shelling")."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.gazetteer import Region, Town, admin1, fold, gazetteer
from summarizer.places import Place, countries_named, places_in
from summarizer.records import ArticleSummary, Location
from summarizer.textspans import paragraphs

# "KYIV, Ukraine (AP) —", "EL OBEID, Sudan, March 14, 2025 —", "BAGHDAD, June 3 (Reuters) -",
# "Chautara, August 13", and the "SYRIA:" of a news roundup.
_DATE = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?)"
_AGENCY = r"\([^()\n]{1,40}\)"
_END = r"(?:[—–-]{1,2}\s|:\s)"
_DATELINE = re.compile(
    rf"(?P<city>[A-Z][A-Z.'’ -]*[A-Z.])(?:,\s*(?P<where>[A-Z][\w.'’ -]*?))??"
    rf"(?:,\s*{_DATE})?\s*(?:{_AGENCY}\s*)?{_END}"
    rf"|(?P<town>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*),\s*{_DATE}\s*(?:{_AGENCY})?\s*(?:{_END}|$)"
)
# A town of another country than the article points to is taken only when it is a big
# one under its own name: "Rann" is also Brežice's German name, and Liancourt is in
# France as well as in Haiti.
_BIG_TOWN = 100_000
_SUBHEADING_WORDS = 12
_DATE_LINE = re.compile(
    r"(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4})"
)


@dataclass(frozen=True)
class Section:
    """The text under one dateline (all of an article that has one or none)."""

    start: int
    dateline: Location | None
    country: str | None  # ISO code: where its places are most often, the dateline's on a tie


@dataclass(frozen=True)
class Setting:
    """What an article says of where its news is."""

    sections: tuple[Section, ...]
    hints: tuple[str, ...]  # ISO codes of the countries it names, then of its nationalities
    names_countries: bool  # does it name any country in so many words?

    starts: tuple[int, ...] = ()  # of the sections, for finding one by offset

    def section(self, at: int) -> Section:
        return self.sections[max(0, bisect_right(self.starts, at) - 1)]


def setting(text: str, body: int = 0) -> Setting:
    """The sections and country hints of an article starting at `body`."""
    named = countries_named(text[body:])
    hints = tuple(named + [c for c in _nationalities(text[body:]) if c not in named])
    starts: dict[int, Location | None] = dict.fromkeys(_subheadings(text, body))
    lead = _lead(text, body)
    for start, m in _datelines(text, body):
        if (place := _dateline(m, hints)) is not None:
            # The headline is the news of the dateline that opens the article.
            starts[body if start <= lead else start] = place
    starts.setdefault(body, None)
    bounds = sorted(starts)
    places = places_in(text, body)
    codes = [(p.start, code) for p in places if (code := _country_code(p, hints))]
    codes += _headline_votes(text, body)
    whole = _ranked(Counter(code for _, code in codes), None, hints)
    by_section: dict[int, Counter[str]] = {start: Counter() for start in bounds}
    for at, code in codes:
        by_section[bounds[max(0, bisect_right(bounds, at) - 1)]][code] += 1
    sections = []
    for start, end in zip(bounds, [*bounds[1:], len(text)], strict=True):
        votes = by_section[start]
        country = _section_country(text, start, end, votes, starts[start], hints) or whole
        sections.append(Section(start, starts[start], country))
    return Setting(tuple(sections), hints, bool(named), tuple(s.start for s in sections))


def _ranked(votes: Counter[str], own: str | None, hints: Sequence[str]) -> str | None:
    """The most voted; on a tie, the dateline's, else the one the article names or whose
    people it names first."""
    rank = {c: i for i, c in enumerate(hints)}
    return min(votes, key=lambda c: (-votes[c], c != own, rank.get(c, len(rank))), default=None)


def _headline_votes(text: str, body: int) -> list[tuple[int, str]]:
    """A headline says where its news is, even in passing: "Iraq car bombings kill 30".
    Each country it names votes once (a nationality does not: "Russian drone attack")."""
    paras = [p for p in paragraphs(text) if p.start >= body][:1]
    if not paras or _ends_sentence(text[paras[0].start : paras[0].end]):
        return []
    line = text[paras[0].start : paras[0].end]
    placed = {p.name for p in places_in(line) if p.is_country}  # voted as places already
    found = gazetteer()
    codes = {c.code for c in found.countries_in(line)}
    codes -= {c.code for name in placed if (c := found.country(name))}
    return [(paras[0].start, code) for code in sorted(codes)]


def _subheadings(text: str, body: int) -> list[int]:
    """Where the items of a roundup begin: short title lines after the lead."""
    lead = _lead(text, body)
    return [
        p.start
        for p in paragraphs(text)
        if p.start > lead
        and _is_subheading(line := text[p.start : p.end])
        and not _DATE_LINE.fullmatch(line.strip())
    ]


def _is_subheading(line: str) -> bool:
    """A short title line ("Standoff in Mumbai enters third day", "KEY FIGURES"), or a
    date line."""
    words = line.split()
    return 0 < len(words) <= _SUBHEADING_WORDS and line[:1].isupper() and not _ends_sentence(line)


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?", '"', "”", ":", ";", ","))


def _section_country(
    text: str,
    start: int,
    end: int,
    votes: Counter[str],
    dateline: Location | None,
    hints: Sequence[str],
) -> str | None:
    """The country of a section's places; on a tie, the dateline's, else the one the
    article names or whose people it names first. With no place
    known, a dateline at home (its country named in the section, or none named) gives
    it; else the country the section names most: a bureau abroad ("NAIROBI —") files on
    the country it names ("Sudan's army")."""
    own = code_of(dateline) if dateline else None
    if votes:
        return _ranked(votes, own, hints)
    named = Counter(c.code for c in gazetteer().countries_in(text, start, end))
    if own and (own in named or not named):
        return own
    return named.most_common(1)[0][0] if named else None


def _lead(text: str, body: int) -> int:
    """Where the lead paragraph starts: after the headline (a first line with no full
    stop, however long) and a date line."""
    paras = [p for p in paragraphs(text) if p.start >= body]
    if paras and not _ends_sentence(text[paras[0].start : paras[0].end]):
        paras = paras[1:]
    lead = next((p for p in paras if not _is_subheading(text[p.start : p.end])), None)
    return lead.start if lead else body


def locate(
    place: Place | None,
    countries: Sequence[str],
    at: int,
    where: Setting,
    news: str | None = None,
) -> Location:
    """The location of an event told from offset `at`, whose place is `place` (None when
    none is named), in sentences that name `countries` (ISO codes) as places; `news`:
    the country of the news its section leads with, for an event of that news."""
    section = where.section(at)
    said = gazetteer().country(place.within) if place and place.within else None
    fallback = (said and said.code) or next(iter(countries), None) or news or section.country
    prefer = [*countries, *([section.country] if section.country else []), *where.hints]
    if place is None:
        return _country_only(fallback)
    found = gazetteer()
    if place.is_country:
        country = found.country(place.name)
        return _country_only(country.code if country else fallback)
    # A building named for a town is placed only in a country the article points to.
    town = _choose(place.name, prefer, where.names_countries, place.within, place.facility)
    if town is not None:
        return _at_town(town, place)
    region = _region(place.name, prefer, where.names_countries)
    if region is not None:  # a state or province: no town to put a point on
        return Location(place=place.name, admin1=region.name, country=_name(region.country_code))
    return _country_only(fallback, place.name)  # named a place by its words alone


def _region(name: str, prefer: Sequence[str], strict: bool) -> Region | None:
    """The region of that name in the first country the article points to; else, unless
    the article names countries, the only region of that name."""
    regions = gazetteer().regions(name)
    for code in prefer:
        for region in regions:
            if region.country_code == code:
                return region
    return regions[0] if len(regions) == 1 and not strict else None


def geocode(summary: ArticleSummary) -> ArticleSummary:
    """The summary with coordinates, region and geo_precision for each event an engine
    placed by name only (an LLM's records): its town looked up in the country it gives."""
    events = [
        e.model_copy(update={"location": _geocoded(e.location)})
        if e.location.place and e.location.latitude is None
        else e
        for e in summary.events
    ]
    return summary.model_copy(update={"events": events})


def _geocoded(location: Location) -> Location:
    found = gazetteer()
    country = found.country(location.country) if location.country else None
    assert location.place is not None
    town = _choose(location.place, [country.code] if country else [], strict=True)
    if town is None or (country is not None and town.country_code != country.code):
        return location
    return location.model_copy(
        update={
            "admin1": location.admin1 or admin1(town.latitude, town.longitude, town.country_code),
            "country": location.country or _name(town.country_code),
            "latitude": town.latitude,
            "longitude": town.longitude,
            "geo_precision": 1,
        }
    )


def _name(code: str) -> str | None:
    country = gazetteer().country_of_code(code)
    return country.name if country else None


def _choose(
    name: str,
    prefer: Sequence[str],
    strict: bool = False,
    within: str | None = None,
    preferred_only: bool = False,
) -> Town | None:
    """Of the towns of a name: the one in the region or country named beside it ("Odessa,
    Texas"); else the most populous in the first country the article points to; else,
    unless only those countries will do, or the article names countries and the town is
    small, the most populous."""
    found = gazetteer()
    towns = found.towns(name)
    if within:
        country = found.country(within)
        beside = [
            t
            for t in towns
            if (country and t.country_code == country.code)
            or fold(admin1(t.latitude, t.longitude, t.country_code) or "").startswith(fold(within))
        ]
        towns = beside or towns
    for code in prefer:
        for town in towns:
            if town.country_code == code:
                return town
    if towns and not preferred_only and (not strict or towns[0].population >= _BIG_TOWN):
        return towns[0]
    return None


def _at_town(town: Town, place: Place) -> Location:
    country = gazetteer().country_of_code(town.country_code)
    return Location(
        place=place.name,
        admin1=admin1(town.latitude, town.longitude, town.country_code),
        country=country.name if country else None,
        latitude=town.latitude,
        longitude=town.longitude,
        geo_precision=3 if place.region else 2 if place.near else 1,
    )


def code_of(location: Location) -> str | None:
    """The ISO code of a location's country."""
    country = gazetteer().country(location.country) if location.country else None
    return country.code if country else None


def _country_only(code: str | None, place: str | None = None) -> Location:
    country = gazetteer().country_of_code(code) if code else None
    return Location(place=place, country=country.name if country else None)


def _country_code(place: Place, hints: Sequence[str]) -> str | None:
    if place.is_country:
        country = gazetteer().country(place.name)
        return country.code if country else None
    town = _choose(place.name, hints, True, place.within, place.facility)
    if town:
        return town.country_code
    region = _region(place.name, hints, strict=True)
    return region.country_code if region else None


def _nationalities(text: str) -> list[str]:
    """ISO codes of the nationalities a text names ("Nigerian authorities"), in order."""
    found = gazetteer()
    seen: dict[str, str | None] = {}
    codes: list[str] = []
    for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", text):
        word = m.group()
        if word not in seen:
            country = found.country_of_people(word)
            seen[word] = country.code if country else None
        code = seen[word]
        if code and code not in codes:
            codes.append(code)
    return codes


def _datelines(text: str, body: int) -> list[tuple[int, re.Match[str]]]:
    return [
        (para.start, m)
        for para in paragraphs(text)
        if para.start >= body and (m := _DATELINE.match(text, para.start, para.end))
    ]


def _dateline(m: re.Match[str], hints: Sequence[str]) -> Location | None:
    """The place a dateline gives: its town, else its country."""
    found = gazetteer()
    city = (m.group("city") or m.group("town")).strip().title()
    where = (m.group("where") or "").strip()
    country = found.country(where) if where else found.country(city)
    if country and not where:  # "GAZA —", "SYRIA:"
        return Location(country=country.name)
    town = _choose(city, [country.code] if country else hints)
    if town and (country is None or town.country_code == country.code):
        return _at_town(town, Place(m.start(), city, is_country=False))
    if country:
        return Location(place=city, country=country.name)
    return None
