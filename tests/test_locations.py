"""Where the rules engine puts an event: the places named for it, looked up in GeoNames;
never an actor's nationality or the first country word of the article."""

from __future__ import annotations

import pytest

from summarizer.engines.rules import extract
from summarizer.gazetteer import gazetteer
from summarizer.locations import geocode
from summarizer.places import places_in
from summarizer.records import ArticleSummary, Event, EventType, Location


def _events(text: str) -> list[Event]:
    return extract(text).events


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        pytest.param("U.S. warplanes bombed a house in Basra on Sunday, killing 8 civilians.",
                     "Iraq", "Basra", id="the-place-not-the-attackers-nationality"),
        pytest.param("Russian shelling killed 3 people in Kherson on Monday, officials said.",
                     "Ukraine", "Kherson", id="a-nationality-adjective-is-no-country"),
        pytest.param("Airstrikes killed 14 people in Idlib, the United States said on Monday.",
                     "Syria", "Idlib", id="a-country-that-speaks-is-no-place"),
        pytest.param("KYIV, Ukraine (AP) — A drone attack overnight killed two people, the "
                     "governor said.", "Ukraine", None, id="the-dateline-when-no-place-is-named"),
        pytest.param("NAIROBI, Aug 21 (Wire) - Fighters stormed a displacement camp in "
                     "Sudan's Darfur region on Tuesday, killing at least 40 people in the "
                     "camp near El Fasher.", "Sudan", "Darfur",
                     id="a-bureau-abroad-files-on-the-place-it-names"),
        pytest.param("Gunmen killed 9 people in Odessa, Texas, police said.", "United States",
                     "Odessa", id="a-town-of-a-country-the-article-names"),
        pytest.param("A storm in New Mexico killed 3 people on Monday, officials said.",
                     "United States", "New Mexico", id="new-mexico-is-no-mexico"),
        pytest.param("A missile strike in Ukraine's Kharkiv region killed 4 people on Friday.",
                     "Ukraine", "Kharkiv", id="a-countrys-region"),
        pytest.param("Floods killed 12 villagers in the village of Kwanga Tiro, officials "
                     "said.", None, "Kwanga Tiro", id="a-place-the-words-name-unknown-to-geonames"),
        pytest.param("A bridge collapsed on the Indonesian island of Borneo, killing 11 "
                     "people.", "Indonesia", "Borneo", id="the-nationality-of-a-kind-of-place"),
        pytest.param("A bomb went off in the Somali capital Mogadishu, killing 5 people.",
                     "Somalia", "Mogadishu", id="a-kind-of-place-and-its-name"),
        pytest.param("Gunmen stormed a college in north-eastern Kenya, killing 148 people.",
                     "Kenya", None, id="a-part-of-a-country"),
        pytest.param("POPAYAN, Colombia - Fighting displaced 1,100 people, who shelter in "
                     "the Santa Clara school.", "Colombia", "Santa Clara",
                     id="a-building-named-for-a-town-abroad-is-no-town-abroad"),
        pytest.param("Fighting in eastern Congo killed 12 people on Monday.",
                     "Democratic Republic of the Congo", None, id="congo-is-the-drc"),
    ],
)  # fmt: skip
def test_the_event_is_where_its_place_is(text: str, country: str | None, place: str) -> None:
    (event,) = _events(text)
    assert (event.location.country, event.location.place) == (country, place)


def test_a_headline_nationality_is_no_country() -> None:
    text = (
        "Russian drone attack kills 3\n\n"
        "A drone struck a market on Monday, killing 3 people, Ukrainian officials said."
    )
    assert [e.location.country for e in _events(text)] != ["Russia"]


def test_a_roundup_gives_each_dateline_its_own_country() -> None:
    text = (
        "World briefs\n\n"
        "LAGOS, Nigeria - Gunmen killed 11 people at a market, police said.\n\n"
        "LIMA, Peru - A bus crash killed 6 people, officials said."
    )
    assert [e.location.country for e in _events(text)] == ["Nigeria", "Peru"]


@pytest.mark.parametrize(
    ("phrase", "precision"),
    [("in Kharkiv", 1), ("near Kharkiv", 2), ("on the outskirts of Kharkiv", 2),
     ("in the Kharkiv region", 3)],
)  # fmt: skip
def test_geo_precision_says_how_near_the_point_is(phrase: str, precision: int) -> None:
    (event,) = _events(f"A missile strike {phrase} killed 4 people on Friday.")
    location = event.location
    assert (location.place, location.country, location.geo_precision) == (
        "Kharkiv", "Ukraine", precision,
    )  # fmt: skip
    assert location.admin1 and location.latitude and location.longitude


@pytest.mark.parametrize(
    "text",
    ["Russian Shelling Kills 3 In Donbas Town", "Talks resumed in Nov after a pause.",
     "Aid arrived from Reuters correspondents in Parliament on Monday."],
)  # fmt: skip
def test_words_that_are_not_places_never_get_through(text: str) -> None:
    assert [p.name for p in places_in(text)] == []


def test_a_small_namesake_abroad_is_not_the_place() -> None:
    # "Rann" is also the German name of a Slovenian town; the article points to Nigeria.
    (event,) = _events("An airstrike on a camp in Rann, Nigeria, killed 52 people on Tuesday.")
    assert event.location.country == "Nigeria"
    assert event.location.latitude is None  # not the Slovenian town's point


@pytest.mark.parametrize(
    ("name", "country"),
    [("U.S.", "United States"), ("the DRC", "Democratic Republic of the Congo"),
     ("Gaza", "Palestine"), ("Türkiye", "Turkey"), ("Burma", "Myanmar")],
)  # fmt: skip
def test_the_news_names_for_countries(name: str, country: str) -> None:
    found = gazetteer().country(name)
    assert found is not None and found.name == country


@pytest.mark.parametrize(
    ("people", "country"),
    [("Nigerian", "Nigeria"), ("Ukrainian", "Ukraine"), ("Sudanese", "Sudan"),
     ("Iraqi", "Iraq"), ("Afghan", "Afghanistan"), ("Christian", None)],
)  # fmt: skip
def test_a_nationality_points_to_its_country(people: str, country: str | None) -> None:
    found = gazetteer().country_of_people(people)
    assert (found.name if found else None) == country


@pytest.mark.parametrize(
    ("place", "country", "found"),
    [("Basra", "Iraq", True), ("Odessa", "United States", True), ("Kwanga Tiro", None, False),
     ("Kharkiv", "Iraq", False)],
)  # fmt: skip
def test_places_an_llm_names_get_their_points(place: str, country: str | None, found: bool) -> None:
    named = Location(place=place, country=country)
    summary = ArticleSummary(
        headline="h", summary="s",
        events=[Event(event_type=EventType.BATTLES, description="d", location=named)],
    )  # fmt: skip
    (event,) = geocode(summary).events
    assert (event.location.latitude is not None) is found
    assert event.location.country == country  # a country it gives is never overruled
    if found:
        assert event.location.geo_precision == 1 and event.location.admin1
