"""Place names in running text, without a gazetteer: capitalised names after words
that introduce a location ("in Kyiv", "the port city of Odesa"), and country names."""

from __future__ import annotations

import re
from dataclasses import dataclass

COUNTRIES = frozenset(
    """Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
    Bahrain Bangladesh Belarus Belgium Benin Bolivia Bosnia Botswana Brazil Bulgaria Burkina
    Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba
    Cyprus Denmark Djibouti Ecuador Egypt Eritrea Estonia Ethiopia Finland France Gabon Gambia
    Georgia Germany Ghana Greece Guatemala Guinea Haiti Honduras Hungary India Indonesia Iran
    Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan
    Laos Latvia Lebanon Liberia Libya Lithuania Madagascar Malawi Malaysia Mali Mauritania
    Mexico Moldova Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands
    Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines
    Poland Portugal Qatar Romania Russia Rwanda Senegal Serbia Sierra Leone Singapore Slovakia
    Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand
    Togo Tunisia Turkey Türkiye Turkmenistan Uganda Ukraine Uruguay Uzbekistan Venezuela
    Vietnam Yemen Zambia Zimbabwe""".split()
) | {
    "United States", "United Kingdom", "South Africa", "South Sudan", "South Korea",
    "North Korea", "Saudi Arabia", "Sri Lanka", "New Zealand", "Central African Republic",
    "Democratic Republic of the Congo", "Ivory Coast", "Burkina Faso", "El Salvador",
    "Gaza Strip", "West Bank", "Gaza", "U.S.", "US", "UK",
}  # fmt: skip

_NOT_PLACES = frozenset(
    """January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That These Those
    Air Force Army Navy President Minister Ministry Police Parliament Congress Council
    English Christmas Ramadan Easter""".split()
)
_NAME = r"[A-Z][\w’'.-]*[\w]|[A-Z]"
_PLACE = re.compile(
    rf"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|[Oo]n|[Ff]rom|(?:city|town|village|region|province"
    rf"|district|capital|port|suburb|neighbo(?:u)?rhood|area) of)\s+(?:the\s+)?"
    rf"(?P<name>(?:{_NAME})(?:[ -](?:{_NAME}))*)"
)
_COUNTRY = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True)) + r")"
    r"(?![\w])"
)


_DEMONYM_END = re.compile(r"(?:ian|ean|ese|ish|ican|an|i)$")
_FOLLOWER = re.compile(r"\s+([a-z]+)")
_LINKING_WORDS = frozenset(
    "that which where on in at and or as when after before during with by for from to".split()
)


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    name: str
    is_country: bool


def places_in(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Places named between start and end, in order."""
    end = len(text) if end is None else end
    found: list[Place] = []
    for m in _PLACE.finditer(text, start, end):
        name = _clean(m.group("name"))
        if name is None or _is_adjective(name, text[m.end("name") : m.end("name") + 20]):
            continue
        found.append(Place(m.start("name"), name, name in COUNTRIES or f"{name}." in COUNTRIES))
    return found


def first_country(text: str) -> str | None:
    """The first country the text names: most often the one the article is about."""
    m = _COUNTRY.search(text)
    return m.group() if m else None


def _is_adjective(name: str, after: str) -> bool:
    """ "from Nigerian refugee camps": a nationality before a noun, not a place."""
    follower = _FOLLOWER.match(after)
    return bool(_DEMONYM_END.search(name) and follower and follower.group(1) not in _LINKING_WORDS)


def _clean(name: str) -> str | None:
    words = name.replace("’s", "").replace("'s", "").split()
    while words and words[0] in _NOT_PLACES:
        words.pop(0)
    while words and words[-1] in _NOT_PLACES:
        words.pop()
    if not words or any(w in _NOT_PLACES for w in words):
        return None
    return " ".join(words).rstrip(".")
