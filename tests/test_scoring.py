"""The scorer of `summarizer eval` and of the corpus benchmark: which found counts match
which expected ones, and the rates made of them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from summarizer.records import ArticleSummary
from summarizer.scoring import (
    CountRecord,
    count_records,
    country_checks,
    date_checks,
    f1,
    fold_country,
    match,
    precision,
    recall,
    records_from_gold_facts,
    same_country,
    same_date,
)


def rec(
    text: str,
    *,
    status: str = "current",
    group: str | None = None,
    event: int | None = None,
    date: str | None = None,
    country: str | None = None,
) -> CountRecord:
    """A record from "14 injured exact" or "10-15 killed range"."""
    number, subject, qualifier = text.split()
    low, _, high = number.partition("-")
    return CountRecord(
        path="test",
        subject=subject,
        value=int(low),
        high=int(high) if high else None,
        qualifier=qualifier,
        temporal_status=status,
        country=country,
        date=date,
        group=group,
        event=event,
    )


# --- records of a summary --------------------------------------------------------------

SUMMARY = ArticleSummary.model_validate(
    {
        "headline": "h",
        "summary": "s",
        "events": [
            {
                "event_type": "Explosions/Remote violence",
                "description": "d",
                "date": "2025-06-20",
                "location": {"place": "Odesa", "country": "Ukraine"},
                "casualties": [
                    {"outcome": "killed", "count": {"value": 1.0, "quote": "one fatality"}},
                    {"outcome": "injured", "group": "children",
                     "count": {"value": 10, "high": 15, "qualifier": "range"}},
                ],
                "affected": [{"kind": "evacuated",
                              "count": {"value": 1.5, "qualifier": "approximately"}}],
                "munitions": [{"weapon": "drone",
                               "launched": {"value": 80, "qualifier": "approximately"},
                               "hits": {"value": 8, "qualifier": "at_least"}}],
            },
            {
                "event_type": "Battles",
                "description": "d",
                "temporal_status": "historical",
                "casualties": [{"outcome": "missing", "count": {"value": 3}}],
            },
        ],
    }
)  # fmt: skip


def test_count_records_lists_every_count_in_order_with_its_event() -> None:
    found = count_records(SUMMARY)
    assert [(r.path, r.subject, r.group, r.event) for r in found] == [
        ("events[0].casualties[0].count", "killed", "total", 0),
        ("events[0].casualties[1].count", "injured", "children", 0),
        ("events[0].affected[0].count", "evacuated", None, 0),
        ("events[0].munitions[0].launched", "launched", None, 0),
        ("events[0].munitions[0].hits", "hits", None, 0),
        ("events[1].casualties[0].count", "missing", "total", 1),
    ]
    killed, injured, evacuated, *_, missing = found
    assert (killed.date, killed.country) == ("2025-06-20", "Ukraine")
    assert killed.temporal_status == "current"
    assert (missing.date, missing.country, missing.temporal_status) == (None, None, "historical")
    assert killed.quote == "one fatality"
    # Values are exact: a whole float is an int, 1.5 the decimal it names.
    assert type(killed.value) is int and killed.value == 1
    assert (injured.value, injured.high, injured.qualifier) == (10, 15, "range")
    assert evacuated.value == Decimal("1.5")


def test_describe_reads_as_a_person_would() -> None:
    found = count_records(SUMMARY)
    assert found[0].describe() == "1 killed (exact)"
    assert found[1].describe() == "10-15 injured children (range)"
    assert found[2].describe() == "1.5 evacuated (approximately)"
    assert found[5].describe(with_status=True) == "3 missing (exact, historical)"


# --- records of a gold fact list ---------------------------------------------------------


def fact(**given: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"quantity": 12, "subject": "killed", "qualifier": "exact", "quote": "q"}
    return {**base, **given}


def test_gold_facts_give_count_records_and_other_is_dropped() -> None:
    facts = [
        fact(subject="other", quantity=3),
        fact(quantity=10, high=15, qualifier="approximately"),
        fact(status="denied"),
        fact(status="historical", temporal_status="current", country="Chad", date="2024-05"),
    ]
    got = records_from_gold_facts(facts)
    assert [(r.path, r.describe(with_status=True)) for r in got] == [
        ("facts[1]", "10-15 killed (range, current)"),  # a "high" makes it a range
        ("facts[2]", "12 killed (exact, negated)"),  # old status: denied -> negated
        ("facts[3]", "12 killed (exact, current)"),  # a temporal_status wins over status
    ]
    assert (got[2].country, got[2].date, got[2].quote) == ("Chad", "2024-05", "q")
    assert (got[0].group, got[0].event) == (None, None)


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        pytest.param(["12 killed"], r"^facts\[0\]: not an object$", id="not-an-object"),
        pytest.param([fact(), {"subject": "killed", "qualifier": "exact"}],
                     r"^facts\[1\]\.quantity: missing$", id="no-quantity"),
        pytest.param([fact(quantity="12")], r"^facts\[0\]\.quantity: not a number$",
                     id="quantity-a-string"),
        pytest.param([fact(quantity=True)], r"^facts\[0\]\.quantity: not a number$",
                     id="quantity-a-bool"),
        pytest.param([fact(subject=None)], r"^facts\[0\]\.subject: None is not one of killed,",
                     id="no-subject"),
        pytest.param([fact(subject="dead")], r"^facts\[0\]\.subject: 'dead' is not one of",
                     id="an-unknown-subject"),
        pytest.param([fact(qualifier="roughly")], r"^facts\[0\]\.qualifier: 'roughly' is not",
                     id="an-unknown-qualifier"),
        pytest.param([fact(temporal_status="past")], r"^facts\[0\]\.temporal_status: 'past'",
                     id="an-unknown-status"),
        pytest.param([fact(quantity=float("nan"))], r"^facts\[0\]\.quantity: not a finite",
                     id="quantity-nan"),
        pytest.param([fact(high=float("inf"))], r"^facts\[0\]\.high: not a finite",
                     id="high-infinite"),
        pytest.param([fact(date=2024)], r"^facts\[0\]\.date: not a string$", id="date-a-number"),
    ],
)  # fmt: skip
def test_a_bad_gold_fact_is_named(facts: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        records_from_gold_facts(facts)


# --- matching ----------------------------------------------------------------------------


def _described(records: Any) -> list[str]:
    return [r.describe() for r in records]


@pytest.mark.parametrize(
    ("found", "expected", "matched", "misses", "extras"),
    [
        pytest.param([rec("14 injured exact")], [rec("14 injured exact")],
                     ["14 injured (exact)"], [], [], id="exact-match"),
        pytest.param([rec("14 injured approximately")], [rec("14 injured exact")],
                     [], ["14 injured (exact)"], [("14 injured (approximately)", "unmatched")],
                     id="wrong-qualifier-is-a-miss-and-an-extra"),
        pytest.param([rec("10-15 killed range")], [rec("10-16 killed range")],
                     [], ["10-16 killed (range)"], [("10-15 killed (range)", "unmatched")],
                     id="range-top-must-agree"),
        pytest.param([rec("14 killed exact")], [rec("14 injured exact")],
                     [], ["14 injured (exact)"], [("14 killed (exact)", "unmatched")],
                     id="subject-must-agree"),
        pytest.param([rec("4 injured exact"), rec("4 injured exact")], [rec("4 injured exact")],
                     ["4 injured (exact)"], [], [("4 injured (exact)", "restated")],
                     id="restated-record-is-an-extra"),
        pytest.param([rec("3 injured exact", group="civilians")],
                     [rec("3 injured exact", group="emergency_responders")],
                     ["3 injured civilians (exact)"], [], [], id="group-not-required"),
        pytest.param([rec("12 killed exact")], [rec("12 killed exact"), rec("12 killed exact")],
                     ["12 killed (exact)"], [], [], id="gold-restatements-collapse"),
        pytest.param([rec("2 injured exact", group="other"),
                      rec("2 injured exact", group="children")],
                     [rec("2 injured exact", group="children"),
                      rec("2 injured exact", group="other")],
                     ["2 injured other (exact)", "2 injured children (exact)"], [], [],
                     id="same-key-two-groups-are-two-counts"),
        pytest.param([rec("2 injured exact", group="other")],
                     [rec("2 injured exact", group="children"),
                      rec("2 injured exact", group="other")],
                     ["2 injured other (exact)"], ["2 injured children (exact)"], [],
                     id="a-found-record-takes-its-own-group-first"),
        pytest.param([rec("3 killed exact", event=0), rec("3 killed exact", event=0)],
                     [rec("3 killed exact", event=0), rec("3 killed exact", event=1)],
                     ["3 killed (exact)", "3 killed (exact)"], [], [],
                     id="same-key-two-events-are-two-counts"),
        pytest.param([rec("28 killed exact", status="current")],
                     [rec("28 killed exact", status="historical")],
                     ["28 killed (exact)"], [], [], id="status-ignored-by-default"),
        pytest.param([], [rec("1 missing exact")], [], ["1 missing (exact)"], [],
                     id="nothing-found"),
    ],
)  # fmt: skip
def test_match(
    found: list[CountRecord],
    expected: list[CountRecord],
    matched: list[str],
    misses: list[str],
    extras: list[tuple[str, str]],
) -> None:
    m = match(found, expected)
    assert _described(p.found for p in m.pairs) == matched
    assert _described(same[0] for same in m.misses) == misses
    assert [(e.record.describe(), e.why) for e in m.extras] == extras
    assert (m.found, m.matched) == (len(found), len(matched))


def test_the_temporal_status_must_agree_when_asked() -> None:
    found, expected = [rec("28 killed exact")], [rec("28 killed exact", status="historical")]
    m = match(found, expected, with_status=True)
    assert (m.matched, len(m.misses), len(m.extras)) == (0, 1, 1)


def test_a_pair_reports_group_and_keeps_the_gold_restatements() -> None:
    expected = [rec("12 killed exact", date="2024"), rec("12 killed exact", date="2024")]
    (pair,) = match([rec("12 killed exact", group="civilians")], expected).pairs
    assert pair.expected == tuple(expected)
    assert (pair.found.group, pair.expected[0].group) == ("civilians", None)


def test_restated_gold_counts_once_in_recall_and_extras_count_in_precision() -> None:
    found = [rec("12 killed exact"), rec("12 killed exact"), rec("5 injured exact")]
    expected = [rec("12 killed exact"), rec("12 killed exact"), rec("3 missing exact")]
    m = match(found, expected)
    assert (m.expected, m.found, m.matched) == (2, 3, 1)
    assert (recall(m.matched, m.expected), precision(m.matched, m.found)) == (1 / 2, 1 / 3)
    assert f1(m.matched, m.expected, m.found) == pytest.approx(2 * 1 / (2 + 3))


def test_gold_counts_of_one_key_in_one_sentence_are_apart_and_in_two_a_restatement() -> None:
    text = "Two killed in blast\n\nThe dead were two women and two girls, police said."
    fact = {"subject": "killed", "quantity": 2, "qualifier": "exact"}
    facts = [{**fact, "quote": q} for q in ("Two killed", "two women", "two girls")]
    expected = records_from_gold_facts(facts, text)
    assert [r.apart for r in expected] == [0, 0, 1]
    m = match([rec("2 killed exact"), rec("2 killed exact")], expected)
    assert (m.expected, m.matched, m.extras) == (2, 2, ())


def test_counts_of_one_key_pair_by_date_whatever_the_order_of_the_events() -> None:
    expected = [rec("1 killed exact", date="2025-06-20", event=0),
                rec("1 killed exact", date="2025-06-19", event=1)]  # fmt: skip
    found = [rec("1 killed exact", date="2025-06-19", event=0),
             rec("1 killed exact", date="2025-06-20", event=1)]  # fmt: skip
    checks = date_checks(match(found, expected).pairs)
    assert [c.right for c in checks] == [True, True]


@pytest.mark.parametrize(
    ("matched", "expected", "found", "rates"),
    [
        pytest.param(0, 0, 0, (None, None, None), id="nothing-either-side"),
        pytest.param(0, 3, 0, (None, 0.0, 0.0), id="nothing-found"),
        pytest.param(0, 0, 2, (0.0, None, 0.0), id="nothing-expected"),
        pytest.param(2, 4, 2, (1.0, 0.5, 2 / 3), id="half-recall"),
        pytest.param(3, 3, 3, (1.0, 1.0, 1.0), id="perfect"),
    ],
)  # fmt: skip
def test_rates(matched: int, expected: int, found: int, rates: tuple[float | None, ...]) -> None:
    assert (precision(matched, found), recall(matched, expected),
            f1(matched, expected, found)) == pytest.approx(rates)  # fmt: skip


# --- dates and countries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("got", "want", "right"),
    [
        ("2025-06-20", "2025-06-20", True),
        ("2025-06-20", "2025-06", True),  # read at the expected date's precision
        ("2025-06-20", "2025", True),
        ("2025-07-01", "2025-06", False),
        ("2025-06", "2025-06-20", False),  # a coarser date is not the day
        (None, "2025", False),
    ],
)
def test_same_date(got: str | None, want: str, right: bool) -> None:
    assert same_date(got, want) is right


@pytest.mark.parametrize(
    ("got", "want", "right"),
    [
        ("United States", "United States", True),
        ("U.S.", "United States", True),
        ("USA", "united states", True),
        ("the Gaza Strip", "Palestine", True),
        ("DR Congo", "Democratic Republic of the Congo", True),
        ("Türkiye", "Turkey", True),
        ("Niger", "Nigeria", False),
        (None, "Chile", False),
    ],
)
def test_same_country(got: str | None, want: str, right: bool) -> None:
    assert same_country(got, want) is right


def test_fold_country() -> None:
    assert fold_country("  The Russian Federation ") == "russia"


def test_dates_and_countries_are_checked_per_expected_record_that_gives_one() -> None:
    expected = [
        rec("12 killed exact", date="2025-06", country="Ukraine"),
        rec("12 killed exact", date="2025-06", country=None),  # restated, no country
        rec("3 injured exact", date=None, country="Ukraine"),
        rec("9 missing exact", date="2025", country="Ukraine"),  # not found: not checked
    ]
    found = [
        rec("12 killed exact", date="2025-06-20", country="Russia"),
        rec("3 injured exact", date="2024-01-01", country="Ukraine"),
    ]
    pairs = match(found, expected).pairs
    dates, countries = date_checks(pairs), country_checks(pairs)
    assert [(c.got, c.want, c.right) for c in dates] == [
        ("2025-06-20", "2025-06", True),
        ("2025-06-20", "2025-06", True),
    ]
    assert [(c.got, c.want, c.right) for c in countries] == [
        ("Russia", "Ukraine", False),
        ("Ukraine", "Ukraine", True),
    ]
