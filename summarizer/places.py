"""Place names in running text: capitalised names after words that introduce a
location ("in Kyiv", "the port city of Odesa", "near Basra", "the Kharkiv region"),
kept only when the gazetteer knows them as a town, a region or a country, or the words
around them say they are a place ("the village of Tal Afar")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.gazetteer import gazetteer

_NOT_PLACES = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That These Those
    Air Force Army Navy President Minister Ministry Police Parliament Congress Council
    English Christmas Ramadan Easter Reuters AP AFP Associated Press Twitter Facebook
    Telegram""".split()
)
_NAME = r"[A-Z][\w’'.-]*[\w]|[A-Z]"
# A place the words name as one: "the village of X", "X province".
_KIND_OF = (
    r"city|town|village|region|province|district|capital|port|suburb|neighbo(?:u)?rhood|area|coast"
    r"|state|county|governorate|oblast|municipality|island|settlement|camp|outskirts"
)
_NEAR = r"near|outside|off|edge|north|south|east|west|northeast|northwest|southeast|southwest"
_PLACE = re.compile(
    rf"\b(?P<cue>[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Oo]ff|[Oo]n|[Aa]cross|[Ii]nto|[Tt]hroughout"
    rf"|[Aa]round|(?:{_NEAR}) of|(?:{_KIND_OF}) of|capital,?|city|town|port)\s+(?:the\s+)?"
    # "in north-eastern Kenya", "in central Mali": the part of a country is in it
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|central\s+)?"
    rf"(?P<name>(?:{_NAME})(?:[ -](?:{_NAME}))*)"
    rf"(?P<kind>\s+(?:{_KIND_OF}|areas?|regions?|provinces?|districts?)\b)?"
    # "Odessa, Texas", "Rann, Nigeria": the region or country that tells namesakes apart
    rf"(?:,\s+(?P<within>(?:{_NAME})(?: (?:{_NAME}))?)(?=[\s,.;:)]|$))?"
)
_REGIONS = re.compile(r"(?i)\s*(?:region|province|district|state|county|governorate|oblast)")
_FOLLOWER = re.compile(r"\s+([a-z]+)")
_LINKING_WORDS = frozenset(
    "that which where on in at and or as when after before during with by for from to".split()
)


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    name: str
    is_country: bool
    near: bool = False  # "near X", "outside X", "north of X": not X itself
    region: bool = False  # "the X region", "X province": a region, not its town
    within: str | None = None  # "Texas" of "Odessa, Texas": its region or country
    facility: bool = False  # "the Santa Clara school": named for a place, not in it


def places_in(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Places named between start and end, in order."""
    end = len(text) if end is None else end
    places = gazetteer()
    found: list[Place] = []
    at = start
    # "the Indonesian island of Borneo", "the Syrian city of Aleppo": the nationality
    # says the country of the place named next.
    people: tuple[int, str] | None = None
    while m := _PLACE.search(text, at, end):
        # A name that is no place gives back the words after it: "in the Nigerian city
        # of Jos" goes on from "city of Jos".
        at = m.end()
        name = _clean(m.group("name"))
        if name is None:
            at = m.end("name")
            continue
        cue = m.group("cue").lower()
        kind = (m.group("kind") or "").strip().lower()
        said = (cue.endswith(" of") and not cue.startswith(_NEAR_WORDS)) or bool(kind)
        is_country = places.country(name) is not None
        known = is_country or bool(places.towns(name) or places.regions(name))
        if not (known or said) or _is_adjective(name, text[m.end("name") : m.end("name") + 20]):
            country = places.country_of_people(name.split()[0])
            if country and _KIND_NEXT.match(text, m.end("name")):
                people = (m.end("name"), country.name)
            at = m.end("name")
            continue
        within = _clean(m.group("within") or "")
        if people and not within and m.start("name") - people[0] < _PEOPLE_REACH:
            within = people[1]
        people = None
        found.append(
            Place(
                m.start("name"),
                name,
                is_country,
                near=cue.startswith(_NEAR_WORDS) or cue == "outskirts of",
                region=bool(_REGIONS.fullmatch(kind)) or cue.startswith(_REGION_WORDS),
                within=within,
                # "the Santa Clara school": a building named for a place, maybe abroad
                facility=not kind and bool(_FACILITY_NEXT.match(text, m.end("name"))),
            )
        )
    return found


_NEAR_WORDS = tuple(_NEAR.split("|"))
_FACILITY_NEXT = re.compile(
    r"\s+(?:school|hospital|clinic|mosque|church|temple|market|university|college|stadium"
    r"|prison|jail|hotel|station|mall|street|road|highway)\b"
)
_KIND_NEXT = re.compile(rf"\s+(?:{_KIND_OF})\b")
_PEOPLE_REACH = 30
_REGION_WORDS = ("region", "province", "district", "state", "county", "governorate", "oblast")


def countries_named(text: str) -> list[str]:
    """The ISO codes of the countries a text names anywhere, as places or not, in order
    of first mention: hints for telling one town of a name from another."""
    codes: list[str] = []
    for country in gazetteer().countries_in(text):
        if country.code not in codes:
            codes.append(country.code)
    return codes


def _is_adjective(name: str, after: str) -> bool:
    """ "in Nigerian refugee camps": a nationality before a noun, not a place ("in
    Mumbai has" is a town: Mumbai is no nationality)."""
    follower = _FOLLOWER.match(after)
    people = gazetteer().country_of_people(name.split()[0]) is not None
    return bool(people and follower and follower.group(1) not in _LINKING_WORDS)


def _clean(name: str) -> str | None:
    words = name.split()
    # "in Basra's Hananiyah neighborhood": the possessor is the place we can place;
    # "in Ukraine's Kharkiv region": a country's, what follows it.
    for i, w in enumerate(words):
        if w.endswith(("’s", "'s")):
            owner, owned = [*words[:i], w[:-2]], words[i + 1 :]
            country = gazetteer().country(" ".join(owner))
            words = owned if country and owned else owner
            break
    while words and words[0] in _NOT_PLACES:
        words.pop(0)
    while words and words[-1] in _NOT_PLACES:
        words.pop()
    if not words or any(w in _NOT_PLACES for w in words):
        return None
    return " ".join(words).rstrip(".")
