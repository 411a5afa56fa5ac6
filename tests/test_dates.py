"""When the rules engine dates an event: the words of its sentences read against the
article's own date; photo captions are no event text; earlier events are historical."""

from __future__ import annotations

import pytest

from summarizer.engines.rules import extract
from summarizer.records import Event
from summarizer.verify import Status, verify

DATELINE = "KHERSON, Ukraine, June 15, 2025 (Wire) — "  # a Sunday


def _events(body: str) -> list[Event]:
    return extract(DATELINE + body).events


@pytest.mark.parametrize(
    ("words", "date", "precision"),
    [
        ("on Saturday", "2025-06-14", "day"),
        ("late Friday night", "2025-06-13", "day"),
        ("yesterday", "2025-06-14", "day"),
        ("on Sunday", "2025-06-15", "day"),
        ("on June 12", "2025-06-12", "day"),
        ("between 10 and 12 June", "2025-06-10", "days"),
        ("last week", "2025-06-02", "week"),
        ("three days ago", "2025-06-12", "day"),
    ],
)  # fmt: skip
def test_a_day_named_against_the_articles_date(words: str, date: str, precision: str) -> None:
    (event,) = _events(f"Shelling killed 3 people in Kherson {words}, officials said.")
    assert (event.date, event.date_precision.value) == (date, precision)
    assert event.temporal_status.value == "current"


def test_without_words_of_its_own_an_event_takes_the_day_of_the_lead() -> None:
    body = (
        "Shelling killed 3 people in Kherson on Saturday, officials said.\n\n"
        "In Mykolaiv, 2 people were injured, the governor said."
    )
    assert [e.date for e in _events(body)] == ["2025-06-14", "2025-06-14"]


def test_a_lead_may_tell_of_news_some_days_old() -> None:
    body = (
        "A helicopter crashed in Kherson on June 3, killing 4 people, officials said.\n\n"
        "A strike in Kherson on May 20 had killed 2."
    )
    news, earlier = _events(body)
    assert (news.temporal_status.value, news.date) == ("current", "2025-06-03")
    assert (earlier.temporal_status.value, earlier.date) == ("historical", "2025-05-20")


@pytest.mark.parametrize(
    "sentence",
    ["On Sunday, rescuers said 31 people were killed in Saturday's landslide in Kherson.",
     "The death toll from shelling in Kherson rose to 31 on Sunday, officials said. Shells "
     "began falling on the town's market on Saturday."],
)  # fmt: skip
def test_the_day_a_toll_was_counted_is_not_the_day_of_the_event(sentence: str) -> None:
    (event,) = _events(sentence)
    assert event.date == "2025-06-14"


@pytest.mark.parametrize(
    "sentence",
    ["Shelling killed 3 people in Kherson, the military said on Friday.",
     "A police chief on Friday said shelling had killed 3 people in Kherson."],
)  # fmt: skip
def test_the_day_something_was_said_is_not_the_day_of_the_event(sentence: str) -> None:
    (event,) = _events(sentence)
    assert event.date == "2025-06-15"  # the article's own date, not Friday's


def test_a_day_in_quoted_words_is_of_the_day_they_were_spoken() -> None:
    body = (
        "Shelling killed 3 people in Kherson on Saturday.\n\n"
        'The governor said: "Tonight we may find more." At least 14 were injured in Kherson.'
    )
    assert {e.date for e in _events(body)} == {"2025-06-14"}


@pytest.mark.parametrize(
    "body",
    ["A flood killed 3 people in Kherson on Thursday.\n\n"
     "As of Saturday, 400 people in Kherson had been displaced by the flood.",
     "A flood killed 3 people in Kherson on Thursday.\n\n"
     "On Saturday, a city spokesman said 400 people in Kherson had been displaced.",
     "A flood killed 3 people in Kherson on Thursday.\n\n"
     "On Saturday Kherson officials raised the toll to 400 displaced.",
     "A flood killed 3 people in Kherson on Thursday.\n\n"
     "On Saturday, the UN received information that 400 people in Kherson were displaced.",
     "A flood hit Kherson on Thursday, with the toll rising to 3 on Saturday, officials "
     "said, and 400 people displaced.",
     "A flood hit Kherson on Thursday. As of earlier today, 400 people had been displaced."],
)  # fmt: skip
def test_a_day_that_opens_a_statement_or_dates_a_count_dates_no_event(body: str) -> None:
    assert {e.date for e in _events(body)} == {"2025-06-12"}  # the lead's Thursday


def test_a_stated_date_in_the_possessive_names_the_event() -> None:
    (event,) = _events(
        "On Saturday officials raised the toll from June 9's strike on Kherson to 12."
    )
    assert event.date == "2025-06-09"


def test_a_number_takes_the_date_of_its_own_clause() -> None:
    body = "Nine people were killed in Kherson this year, and at least 16 were killed in 2024."
    dated = {e.casualties[0].count.value: e.date for e in _events(body)}
    assert dated == {9: "2025", 16: "2024"}


def test_figures_of_different_days_in_one_paragraph_are_different_events() -> None:
    body = (
        "Shelling killed 3 people in Kherson on Saturday. Another 5 were injured there. "
        "Police in Kherson detained 40 people on Wednesday."
    )
    saturday, wednesday = _events(body)
    assert (saturday.date, [c.count.value for c in saturday.casualties]) == ("2025-06-14", [3, 5])
    assert (wednesday.date, [a.count.value for a in wednesday.affected]) == ("2025-06-11", [40])


@pytest.mark.parametrize(
    ("sentence", "value", "date"),
    [("In 2024, 102 were executed in Kherson and 158 were executed in 2023.", 158, "2023"),
     ("A court in Kherson yesterday cleared a man of killing seven in a bomb attack in 1998.",
      7, "1998")],
)  # fmt: skip
def test_a_date_bound_to_the_numbers_verb_dates_it(sentence: str, value: int, date: str) -> None:
    dated = {c.count.value: e.date for e in _events(sentence) for c in e.casualties}
    assert dated[value] == date


def test_a_figure_of_no_date_is_as_old_as_its_paragraphs_last_date() -> None:
    body = (
        "Shelling killed 3 people in Kherson on Saturday.\n\n"
        "In 1988, a bomb destroyed an airliner over Lockerbie. The bombing killed 270 people."
    )
    current, earlier = _events(body)
    assert (current.temporal_status.value, current.date) == ("current", "2025-06-14")
    assert (earlier.temporal_status.value, earlier.date) == ("historical", "1988")


def test_a_day_of_last_year() -> None:
    (event,) = _events(
        "A helicopter crashed into a pub in Kherson on November 29 last year, killing 10."
    )
    assert (event.temporal_status.value, event.date) == ("historical", "2024-11-29")


@pytest.mark.parametrize(
    ("later", "date"),
    [("The helicopter crashed Saturday night off Kherson.", "2025-06-14"),
     ("The helicopter crashed Saturday night off Kherson. A day earlier, a bombing in Kherson "
      "on Friday had hurt nobody.", "2025-06-15")],
)  # fmt: skip
def test_a_lead_of_no_day_takes_the_day_later_sentences_give_the_event(
    later: str, date: str
) -> None:
    lead = (
        "Seven soldiers were killed when a military helicopter ditched off Kherson. Two were "
        "rescued. The navy is searching for one more."
    )
    body = f"{lead}\n\n{later}"
    assert _events(body)[0].date == date


@pytest.mark.parametrize("words", ["Since Sunday", "Since last Sunday"])
def test_last_or_since_the_articles_own_weekday_is_the_week_before(words: str) -> None:
    (event,) = _events(f"{words}, 30 people have been killed in Kherson.")
    assert event.date == "2025-06-08"


@pytest.mark.parametrize(
    ("words", "date"),
    [("in August", "2024-08"), ("in mid-August", "2024-08"), ("on Dec. 11", "2024-12-11"),
     ("on June 2", "2025-06-02"),
     ("in 2019", "2019"), ("last year", "2024"), ("two years ago", "2023"),
     ("a month ago", "2025-05")],
)  # fmt: skip
def test_an_earlier_toll_is_historical_and_keeps_its_date(words: str, date: str) -> None:
    body = f"Shelling killed 3 people in Kherson on Saturday. A strike {words} killed 12."
    current, earlier = _events(body)
    assert (current.temporal_status.value, current.date) == ("current", "2025-06-14")
    assert (earlier.temporal_status.value, earlier.date) == ("historical", date)


@pytest.mark.parametrize(
    "sentence",
    ["Violence has killed more than 20,000 people in Kherson since 2015.",
     "Since hostilities began in October 2023, strikes have killed more than 520 people in "
     "Kherson.",
     "Almost 20,000 civilians have died in Kherson since the war began.",
     "Attacks in Kherson killed upwards of 1,000 people last year.",
     "More than 300 people have been killed in Kherson so far this year."],
)  # fmt: skip
def test_a_running_total_is_historical(sentence: str) -> None:
    (event,) = _events(f"Shelling killed 3 people in Kherson on Saturday.\n\n{sentence}")[1:]
    assert event.temporal_status.value == "historical"


def test_without_a_date_an_article_is_of_the_latest_year_it_states() -> None:
    text = (
        "IZMIR, Turkey — A quake killed 9 people in Izmir in 2023, officials said.\n\n"
        "A quake off Samos in October 2020 killed 117 people."
    )
    current, earlier = extract(text).events
    assert (current.temporal_status.value, earlier.temporal_status.value) == (
        "current",
        "historical",
    )


def test_a_caption_dates_nothing_and_records_nothing() -> None:
    text = (
        "Strike on Kherson kills 3\n\n"
        "A destroyed house in Kherson on Nov. 3, 2024. 2 killed here. (AP Photo/Jane Doe)\n\n"
        "KHERSON, Ukraine — Shelling killed 3 people in Kherson on Saturday, June 14, 2025, "
        "officials said."
    )
    (event,) = extract(text).events
    assert event.date == "2025-06-14"
    assert [c.count.value for c in event.casualties] == [3]


def test_a_day_worked_out_from_the_articles_date_verifies_as_derived() -> None:
    text = DATELINE + "Shelling killed 3 people in Kherson on Saturday, officials said."
    report = verify(extract(text), text)
    (date,) = [f for f in report.findings if f.path == "events[0].date"]
    assert date.status is Status.DERIVED
    assert [e.text for e in date.evidence] == ["Saturday", "June 15, 2025"]


@pytest.mark.parametrize(
    "text",
    ["KYIV, Feb. 30, 2025 — Shelling killed 3 people in Kherson on Feb. 30, officials said.",
     DATELINE + "Shelling killed 3 people in Kherson on Feb. 29 and June 31, officials said."],
)  # fmt: skip
def test_a_day_the_calendar_lacks_dates_nothing(text: str) -> None:
    (event,) = extract(text).events
    assert event.date is None or not event.date.endswith(("-02-29", "-02-30", "-06-31"))
