"""The offline rules engine: extractive, and every number it emits verifies."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.engines.rules import extract
from summarizer.records import ArticleSummary, Event, Quantity
from summarizer.verify import Status, verify
from tests.conftest import FIXTURES, corpus_articles


@pytest.fixture(scope="module")
def sample_summary(sample_text: str) -> ArticleSummary:
    return extract(sample_text)


def _event(summary: ArticleSummary, place: str | None) -> Event:
    (event,) = [e for e in summary.events if e.location.place == place]
    return event


def _casualties(event: Event) -> set[tuple[str, str, float, str]]:
    return {(c.outcome.value, c.group.value, c.count.value, c.count.qualifier.value)
            for c in event.casualties}  # fmt: skip


def test_odesa_event_has_its_dead_injured_responders_and_evacuees(
    sample_summary: ArticleSummary,
) -> None:
    odesa = _event(sample_summary, "Odesa")
    assert {("killed", "total", 1, "exact"), ("injured", "total", 14, "exact"),
            ("injured", "emergency_responders", 3, "exact")} <= _casualties(odesa)  # fmt: skip
    (evacuated,) = odesa.affected
    assert (evacuated.kind.value, evacuated.count.value) == ("evacuated", 600)
    assert evacuated.count.qualifier.value == "approximately"
    assert {(d.floors, d.status.value) for d in odesa.damage} == {
        (4, "partially_collapsed"), (23, "fire")}  # fmt: skip


def test_kharkiv_event_keeps_groups_apart_and_counts_the_drones(
    sample_summary: ArticleSummary,
) -> None:
    kharkiv = _event(sample_summary, "Kharkiv")
    assert _casualties(kharkiv) == {("injured", "children", 2, "exact"),
                                    ("injured", "other", 2, "exact"),
                                    ("injured", "total", 4, "exact")}  # fmt: skip
    (tally,) = kharkiv.munitions
    assert tally.hits is not None
    assert (tally.weapon.value, tally.hits.value, tally.hits.qualifier.value) == (
        "drone", 8, "at_least")  # fmt: skip


def test_night_tally_has_launched_and_neutralized(sample_summary: ArticleSummary) -> None:
    (tally,) = [m for e in sample_summary.events for m in e.munitions if m.launched]
    assert tally.launched is not None and tally.neutralized is not None
    assert (tally.launched.value, tally.launched.qualifier.value) == (80, "approximately")
    assert (tally.neutralized.value, tally.neutralized.qualifier.value) == (70, "approximately")
    assert tally.description == "Shahed and decoy drones"


def test_kyiv_strike_is_a_historical_event_with_its_toll(sample_summary: ArticleSummary) -> None:
    kyiv = _event(sample_summary, "Kyiv")
    assert _casualties(kyiv) == {("killed", "total", 28, "exact"),
                                 ("injured", "total", 142, "exact")}  # fmt: skip
    assert kyiv.temporal_status.value == "historical"
    # "the deadliest assault on the capital this year": the year, no day made up
    assert (kyiv.date, kyiv.date_precision.value) == ("2025", "year")


def test_headline_summary_and_descriptions_are_the_articles_own_words(
    sample_text: str, sample_summary: ArticleSummary
) -> None:
    assert sample_summary.headline in sample_text
    for sentence in sample_summary.summary.split(". "):
        assert sentence.rstrip(".") in sample_text
    for event in sample_summary.events:
        assert event.description in sample_text


def test_every_record_quote_is_a_span_of_the_article(
    sample_text: str, sample_summary: ArticleSummary
) -> None:
    quantities = [q for e in sample_summary.events for q in _quantities(e)]
    assert len(quantities) >= 12
    for q in quantities:
        assert q.quote and q.quote in sample_text


def _quantities(event: Event) -> list[Quantity]:
    out = [c.count for c in event.casualties] + [a.count for a in event.affected]
    for m in event.munitions:
        out += [q for q in (m.launched, m.neutralized, m.hits) if q is not None]
    return out


def test_every_number_of_the_sample_verifies_as_supported(
    sample_text: str, sample_summary: ArticleSummary
) -> None:
    report = verify(sample_summary, sample_text)
    assert report.findings
    assert {f.status for f in report.findings} == {Status.SUPPORTED}


ARTICLES = sorted(FIXTURES.glob("articles*/*.txt")) + corpus_articles()


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: Path(p).stem)
def test_every_number_emitted_on_other_articles_verifies(article: Path) -> None:
    # A date worked out from the article's own ("on Saturday") is derived, not stated.
    text = article.read_text(encoding="utf-8")
    report = verify(extract(text), text)
    assert [
        f
        for f in report.findings
        if f.status is not Status.SUPPORTED
        and not (f.status is Status.DERIVED and f.path.endswith(".date"))
    ] == []


def test_an_article_without_numbers_gives_no_events() -> None:
    summary = extract("Talks between the two sides resumed in Geneva on Tuesday.")
    assert summary.events == []


@pytest.mark.parametrize(
    "revision",
    ["The death toll rose to 43 from 27 overnight.",
     "The death toll climbed from 27 to 43 overnight.",
     "The toll now stands at 43, up from 27 on Sunday."],
)  # fmt: skip
def test_a_revised_toll_keeps_only_the_newer_figure(revision: str) -> None:
    text = f"An airstrike on a market in Kunduz killed 43 people, officials said. {revision}"
    (event,) = extract(text).events
    assert {(c.outcome.value, c.count.value) for c in event.casualties} == {("killed", 43)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("A bomb killed 12 people in Kunduz on Monday. Officials said 30 people "
                     "had been wounded.", {("current", 12), ("current", 30)},
                     id="past-perfect-is-still-news"),
        pytest.param("A bomb killed 12 people in Kunduz on Monday, the deadliest attack since "
                     "a blast in 2019 killed 40.", {("current", 12), ("historical", 40)},
                     id="a-year-puts-its-own-clause-in-the-past"),
        pytest.param("A bomb killed 12 people in Kunduz. In 2019, a blast killed 40 people "
                     "there.", {("current", 12), ("historical", 40)},
                     id="a-leading-year-puts-its-sentence-in-the-past"),
        pytest.param("A bomb killed 12 people in Kunduz. Last year a similar attack killed 30.",
                     {("current", 12), ("historical", 30)}, id="last-year"),
        pytest.param("A bomb killed 12 people in Kunduz. Officials plan to evacuate 5,000 "
                     "residents on Tuesday.", {("current", 12), ("planned", 5000)},
                     id="a-planned-evacuation"),
        pytest.param("Floods hit Kunduz. Up to 5,000 people are expected to be evacuated.",
                     {("planned", 5000)}, id="expected-to-be-evacuated"),
        pytest.param("Police said 12 people may have been killed in Kunduz.",
                     {("current", 12)}, id="uncertain-news-is-not-a-plan"),
        pytest.param("Recent flooding has killed 40 people in Kunduz.", {("current", 40)},
                     id="recent-is-still-news"),
        pytest.param("Residents said they would never forget the attack that killed 12 people.",
                     {("current", 12)}, id="would-elsewhere-in-the-clause"),
        pytest.param("Authorities will hold funerals on Wednesday for the 12 people killed on "
                     "Monday.", {("current", 12)}, id="will-governing-another-verb"),
        pytest.param("Rebels who seized the town in 2012 killed 30 people on Monday.",
                     {("current", 30)}, id="a-year-dating-something-else"),
        pytest.param("A car bomb killed 12 people at a market rebuilt in 2019.",
                     {("current", 12)}, id="a-year-further-on-in-the-clause"),
        pytest.param("Officials plan to evacuate 1,200 residents and 5,000 children from Kunduz.",
                     {("planned", 1200), ("planned", 5000)}, id="a-thousands-comma-is-no-clause"),
    ],
)  # fmt: skip
def test_each_count_is_news_history_or_a_plan(text: str, expected: set[tuple[str, int]]) -> None:
    summary = extract(f"KUNDUZ, Afghanistan, June 3, 2025 (Wire) - {text}")
    found = {(e.temporal_status.value, q.count.value)
             for e in summary.events for q in [*e.casualties, *e.affected]}  # fmt: skip
    assert found == expected


def test_without_a_dated_dateline_the_latest_year_stated_is_the_articles() -> None:
    text = "KUNDUZ (Wire) - Floods have killed 40 people in Kunduz in 2025, officials said."
    (event,) = extract(text).events
    assert event.temporal_status.value == "current"


@pytest.mark.parametrize("copies", [2, 3])
def test_an_article_repeated_gives_its_events_once(sample_text: str, copies: int) -> None:
    # Each copy restates every toll of the first at the same places: one toll, once.
    one = [e.model_dump() for e in extract(sample_text).events]
    many = [e.model_dump() for e in extract("\n\n".join([sample_text] * copies)).events]
    assert many == one


def test_one_long_paragraph_keeps_each_record_with_its_own_sentence() -> None:
    text = " ".join(
        ["Shelling killed 3 people in Kherson on Monday."] * 40
        + ["A drone injured 2 people in Sumy on Monday."] * 40
    )
    events = extract(text).events
    assert [(e.location.place, e.description) for e in events] == [
        ("Kherson", "Shelling killed 3 people in Kherson on Monday."),
        ("Sumy", "A drone injured 2 people in Sumy on Monday."),
    ]
    assert [[c.count.quote for c in e.casualties] for e in events] == [
        ["killed 3 people"], ["injured 2 people"]]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("A magnitude 6.1 quake struck the coast on Monday, killing 12 people.",
         "Disaster/accident"),
        ("An aftershock set off a mudslide that buried 5 people.", "Disaster/accident"),
        ("Cyclone Lena killed 11 people on the island.", "Disaster/accident"),
        ("Rescuers battled floodwaters after the floods killed 14 people.", "Disaster/accident"),
        ("A stampede at the stadium gates killed 9 people.", "Disaster/accident"),
        ("The ferry capsized in the strait and 23 people drowned.", "Disaster/accident"),
        ("Police stormed the compound, and 3 people were killed.",
         "Violence against civilians"),
        ("Shelling made the school collapse, killing 4 people.", "Explosions/Remote violence"),
        ("A drone struck a market during the storm, killing 2 people.",
         "Explosions/Remote violence"),
        ("An outbreak of fighting killed 6 soldiers.", "Battles"),
    ],
)  # fmt: skip
def test_a_disaster_is_never_typed_as_political_violence(text: str, event_type: str) -> None:
    (event,) = extract(text).events
    assert event.event_type.value == event_type


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        pytest.param("Blast in Kherson kills 3\n\nKHERSON, June 15, 2025 — A blast killed 3 "
                     "people in Kherson on Saturday.", [3], id="a-headline-restates-the-body"),
        pytest.param("Police in Istanbul detained 40 people on Wednesday.\n\nIbrahim Sahin "
                     "was among the 40 people detained, police in Ankara said.", [40],
                     id="the-definite-article-points-back-at-another-place"),
        pytest.param("Shelling killed 3 people in Kherson. In Kharkiv, 3 people were killed.",
                     [3, 3], id="other-places-keep-their-own"),
    ],
)  # fmt: skip
def test_every_toll_once(text: str, tolls: list[int]) -> None:
    events = extract(text).events
    counted = [c.count.value for e in events for c in e.casualties]
    counted += [a.count.value for e in events for a in e.affected]
    assert counted == tolls
