"""The verifier's verdicts, on the sample article and on short sentences of our own."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evidence.mention import exact
from summarizer.records import ArticleSummary
from summarizer.render import report_markdown
from summarizer.report import plain
from summarizer.verify import Status, verify
from tests.conftest import FIXTURES

RECORDS = json.loads((FIXTURES / "odesa_records.json").read_text())


def _records(change: Any = None) -> ArticleSummary:
    data = copy.deepcopy(RECORDS)
    if change:
        change(data)
    return ArticleSummary.model_validate(data)


def _status(report: Any, path: str) -> Status:
    (finding,) = [f for f in report.findings if f.path == path]
    return finding.status


def test_correct_records_are_all_supported(sample_text: str) -> None:
    report = verify(_records(), sample_text)
    assert report.ok
    assert {f.status for f in report.findings} == {Status.SUPPORTED}
    assert len(report.findings) > 30


def _set(path: list[Any], value: Any) -> Any:
    def change(data: Any) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "path", "status"),
    [
        pytest.param(_set(["events", 0, "casualties", 1, "count", "value"], 15),
                     "events[0].casualties[1].count", Status.UNSUPPORTED, id="14-injured-as-15"),
        pytest.param(_set(["events", 3, "casualties", 0, "outcome"], "injured"),
                     "events[3].casualties[0].count", Status.MISATTRIBUTED,
                     id="28-dead-recorded-as-injured"),
        pytest.param(_set(["events", 2, "munitions", 0, "launched", "qualifier"], "exact"),
                     "events[2].munitions[0].launched", Status.QUALIFIER_MISMATCH,
                     id="around-80-recorded-as-exactly-80"),
        pytest.param(_set(["events", 0, "damage", 0, "floors"], 14),
                     "events[0].damage[0].floors", Status.MISATTRIBUTED,
                     id="injured-count-recorded-as-storeys"),
        pytest.param(_set(["events", 1, "munitions", 0, "hits", "qualifier"], "more_than"),
                     "events[1].munitions[0].hits", Status.QUALIFIER_MISMATCH,
                     id="at-least-8-recorded-as-more-than-8"),
        pytest.param(_set(["events", 0, "date"], "2025-06-21"), "events[0].date",
                     Status.UNSUPPORTED, id="wrong-event-date"),
    ],
)  # fmt: skip
def test_one_wrong_number_fails_at_its_path(
    sample_text: str, change: Any, path: str, status: Status
) -> None:
    report = verify(_records(change), sample_text)
    assert not report.ok
    assert _status(report, path) is status
    failing = [f.path for f in report.findings if f.status is not Status.SUPPORTED]
    assert failing == [path]


def test_a_weaker_qualifier_than_the_source_is_supported(sample_text: str) -> None:
    # "at least eight" may be recorded as "at least 8"; exact 1 death may be "at least 1".
    change = _set(["events", 0, "casualties", 0, "count", "qualifier"], "at_least")
    assert verify(_records(change), sample_text).ok


def test_a_quote_not_in_the_source_makes_the_number_unsupported(sample_text: str) -> None:
    # The value (14 injured) is right and stated, but the words the record cites are not
    # the article's: a record that invents its evidence proves nothing.
    change = _set(["events", 0, "casualties", 1, "count", "quote"], "fourteen were hurt")
    report = verify(_records(change), sample_text)
    (finding,) = [f for f in report.findings if f.path == "events[0].casualties[1].count"]
    assert finding.status is Status.UNSUPPORTED
    assert finding.note == "the quote is not in the source: 'fourteen were hurt'"
    assert not report.ok


_FERRY = "The ferry sank near the harbour. Rescuers said 9 passengers drowned and 4 were hurt."


@pytest.mark.parametrize(
    ("value", "quote", "status", "note"),
    [
        pytest.param(9, "The ferry sank near the harbour", Status.SUPPORTED,
                     "the quote does not state 9", id="stated-elsewhere-for-this-outcome"),
        pytest.param(11, "The ferry sank near the harbour", Status.UNSUPPORTED,
                     "the source does not state it; the quote does not state 11",
                     id="stated-nowhere"),
        pytest.param(4, "The ferry sank near the harbour", Status.MISATTRIBUTED,
                     "the source gives '4' for injured; the quote does not state 4",
                     id="stated-only-for-another-outcome"),
        pytest.param(9, "9 passengers drowned", Status.SUPPORTED, None, id="quote-states-it"),
        pytest.param(9, "nine passengers drowned", Status.UNSUPPORTED,
                     "the quote is not in the source: 'nine passengers drowned'",
                     id="quote-not-in-source"),
    ],
)  # fmt: skip
def test_a_quote_found_without_the_number_leaves_the_verdict_to_the_other_evidence(
    value: int, quote: str, status: Status, note: str | None
) -> None:
    # Found but silent on the number: the record's number is judged on what the article
    # says elsewhere, and the note says the quote does not hold it.
    finding = _one(verify(_Killed(killed=_Count(value=value, quote=quote)), _FERRY))
    assert (finding.status, finding.note) == (status, note)


def test_quote_matching_ignores_quote_marks_and_spacing(sample_text: str) -> None:
    change = _set(["events", 2, "munitions", 0, "launched", "attributed_to"], None)
    data = _records(change)
    quantity = data.events[2].munitions[0].launched
    assert quantity is not None
    quantity.quote = "Russia  launched around 80 Shahed\nand decoy drones"
    report = verify(data, sample_text)
    (finding,) = [f for f in report.findings if f.path == "events[2].munitions[0].launched"]
    assert finding.note is None


@pytest.mark.parametrize(
    ("source", "summary", "number", "status"),
    [
        ("Shelling killed two children and two other residents in the town.",
         "Shelling killed 4 people.", 4, Status.DERIVED),
        ("The blast killed 5 people, including 2 children.",
         "The blast killed 7 people.", 7, Status.UNSUPPORTED),
        ("At least 31 people are dead. Among the dead is a child.",
         "32 people are dead.", 32, Status.UNSUPPORTED),
        ("Police said 12 people were killed and 40 were wounded.",
         "Police said 12 people were killed.", 12, Status.SUPPORTED),
        ("Police said 12 people were killed and 40 were wounded.",
         "40 people were killed.", 40, Status.MISATTRIBUTED),
        ("Police said 12 people were killed and 40 were wounded.",
         "At least 52 people were killed.", 52, Status.UNSUPPORTED),
        ("Officials said about 300 people were evacuated.",
         "300 people were evacuated.", 300, Status.QUALIFIER_MISMATCH),
        ("Officials said about 300 people were evacuated.",
         "Around 300 people were evacuated.", 300, Status.SUPPORTED),
        ("Dozens of people were injured in the blast.",
         "24 people were injured in the blast.", 24, Status.UNSUPPORTED),
        ("The blast damaged a 12-storey tower.",
         "Twelve people were injured.", 12, Status.MISATTRIBUTED),
        ("The gunman, 19, killed three people in 2019.",
         "The gunman killed three people.", 3, Status.SUPPORTED),
        ("The gunman, 19, killed three people in 2019.",
         "The gunman killed 2019 people.", 2019, Status.MISATTRIBUTED),
        ("The gunman, 19, killed three people in 2019.",
         "The gunman killed 19 people.", 19, Status.MISATTRIBUTED),
        ("Shelling killed three people in the market.",
         "Shelling killed three soldiers in the market.", 3, Status.MISATTRIBUTED),
        ("Shelling killed three children in the market.",
         "Shelling killed three civilians in the market.", 3, Status.SUPPORTED),
    ],
)  # fmt: skip
def test_plain_text_summary_numbers_get_verdicts(
    source: str, summary: str, number: float, status: Status
) -> None:
    report = verify(summary, source)
    (finding,) = [f for f in report.findings if f.value == number]
    assert (finding.path, finding.status) == ("text", status)


def test_prose_fields_are_checked_with_their_own_paths(sample_text: str) -> None:
    change = _set(["headline"], "Russian drones kill 5 in Odesa")
    report = verify(_records(change), sample_text)
    assert _status(report, "headline") is Status.UNSUPPORTED


class Incident(BaseModel):
    place: str
    num_killed: int
    injuredCount: int  # users' schemas name fields as they like
    building_floors: int | None = None


@pytest.mark.parametrize(
    ("incident", "failing"),
    [
        (Incident(place="Kyiv", num_killed=28, injuredCount=142, building_floors=9), set()),
        (Incident(place="Kyiv", num_killed=142, injuredCount=28), {"num_killed", "injuredCount"}),
        (Incident(place="Kyiv", num_killed=28, injuredCount=143), {"injuredCount"}),
        (Incident(place="Kyiv", num_killed=28, injuredCount=142, building_floors=14),
         {"building_floors"}),
    ],
)  # fmt: skip
def test_any_pydantic_model_is_walked_using_field_names(
    sample_text: str, incident: Incident, failing: set[str]
) -> None:
    report = verify(incident, sample_text)
    assert {f.path for f in report.findings if f.status is not Status.SUPPORTED} == failing


def test_a_whole_summarize_result_is_verified_by_its_records(sample_text: str) -> None:
    from summarizer.pipeline import summarize

    result = summarize(sample_text)
    assert verify(result, sample_text).findings == result.verification.findings


class _DatedIncident(BaseModel):
    date: str


@pytest.mark.parametrize("date", ["yesterday", "June 21, 2025", "2025-06-21"])
def test_an_event_date_the_source_does_not_state_is_unsupported(
    sample_text: str, date: str
) -> None:
    incident = {"date": date}
    report = verify(_DatedIncident.model_validate(incident), sample_text)
    assert [f.status for f in report.findings] == [Status.UNSUPPORTED]


_TWO_PLACES = "Two people were killed in the market. In the port, two were injured."


@pytest.mark.parametrize(
    ("quote", "status"),
    [
        pytest.param("Two people were killed", Status.MISATTRIBUTED,
                     id="its-own-quote-gives-the-number-for-another-outcome"),
        pytest.param("two were injured", Status.SUPPORTED, id="its-quote-agrees"),
        pytest.param(None, Status.SUPPORTED, id="no-quote-any-mention-serves"),
    ],
)  # fmt: skip
def test_a_records_quote_is_the_evidence_it_points_at(quote: str | None, status: Status) -> None:
    record = _Injured(injured=_Count(value=2, quote=quote))
    assert _status(verify(record, _TWO_PLACES), "injured") is status


class _Count(BaseModel):
    value: int
    quote: str | None = None


class _Injured(BaseModel):
    injured: _Count


class _Killed(BaseModel):
    killed: _Count


def _one(report: Any) -> Any:
    (finding,) = report.findings
    return finding


class _DatedEvent(BaseModel):
    date: str
    date_text: str | None = None


_DATED = (
    "KHERSON, June 20, 2025 - A drone struck a fuel depot on June 19, 2025, the governor "
    "said. Another attack came on Friday, and a third on June 1."
)


@pytest.mark.parametrize(
    ("date", "words", "status"),
    [
        pytest.param("2025-06-19", "June 19, 2025", Status.SUPPORTED,
                     id="date-agrees-with-its-words"),
        pytest.param("2025-06-20", "June 19, 2025", Status.MISATTRIBUTED,
                     id="date-stated-elsewhere-not-by-its-words"),
        pytest.param("2025-06-21", "June 19, 2025", Status.UNSUPPORTED, id="date-stated-nowhere"),
        pytest.param("2025-06-20", "on Friday", Status.SUPPORTED,
                     id="words-naming-no-date-leave-any-stated-date"),
        pytest.param("2025-06-19", "June 19th", Status.SUPPORTED,
                     id="words-not-in-the-source-leave-any-stated-date"),
        pytest.param("2025-06-19", None, Status.SUPPORTED, id="no-words"),
        pytest.param("2025-06-01", "June 1", Status.SUPPORTED,
                     id="words-that-begin-a-longer-date-are-not-it"),
    ],
)  # fmt: skip
def test_an_event_date_is_held_to_the_date_its_own_words_name(
    date: str, words: str | None, status: Status
) -> None:
    report = verify(_DatedEvent(date=date, date_text=words), _DATED)
    assert _status(report, "date") is status


class _DateList(BaseModel):
    event_date: list[str]


def test_each_date_of_a_list_in_a_date_field_is_checked() -> None:
    report = verify(_DateList(event_date=["2025-06-19", "2025-06-30"]), _DATED)
    assert [f.status for f in report.findings] == [Status.SUPPORTED, Status.UNSUPPORTED]


def test_report_json_has_the_documented_shape(sample_text: str) -> None:
    data = json.loads(verify(_records(), sample_text).model_dump_json())
    assert data["ok"] is True
    finding = data["findings"][0]
    assert set(finding) == {"path", "value", "high", "qualifier", "status", "evidence", "note"}
    assert set(finding["evidence"][0]) == {"start", "end", "text"}


def test_evidence_spans_slice_to_their_text(sample_text: str) -> None:
    for finding in verify(_records(), sample_text).findings:
        for e in finding.evidence:
            assert sample_text[e.start : e.end] == e.text


# --- a wrong outcome in a plain-text summary ----------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("About 25 council staff died when the roof of the town hall fell in.",
                     id="the-source-says-they-died"),
        pytest.param("The blast killed 60 people; about 25 council staff were among the "
                     "victims.", id="among-the-victims"),
    ],
)  # fmt: skip
def test_a_plain_text_summary_with_the_wrong_outcome_is_misattributed(source: str) -> None:
    finding = _one(verify("About 25 council staff were injured.", source))
    assert finding.status is Status.MISATTRIBUTED


def test_a_wrong_outcome_against_a_count_the_scanner_cannot_read_is_not_supported() -> None:
    # The source's 25 has no outcome words the verifier can read: it cannot tell what
    # they count, so it cannot support "injured".
    source = "The blast killed 60 people. About 25 council staff stood at the gate."
    finding = _one(verify("About 25 council staff were injured.", source))
    assert finding.status is Status.UNCONFIRMED


def test_a_count_among_the_dead_of_the_sentence_before_counts_the_dead() -> None:
    source = "The blast killed 60 people. Among them were about 25 council staff."
    finding = _one(verify("About 25 council staff were injured.", source))
    assert finding.status is Status.MISATTRIBUTED


# --- exact values ---------------------------------------------------------------------------

_FLOODS = "Officials said about 4.1 million people were displaced by the floods."


class _Displaced(BaseModel):
    displaced: _Count


class _Hedged(BaseModel):
    value: float
    qualifier: str = "approximately"
    quote: str | None = None


class _Floods(BaseModel):
    displaced: _Hedged


@pytest.mark.parametrize(
    ("value", "status"),
    [
        pytest.param(4100000, Status.SUPPORTED, id="int"),
        pytest.param(4100000.0, Status.SUPPORTED, id="whole-float"),
        pytest.param(4099999.9999999995, Status.UNSUPPORTED, id="the-float-misreading"),
        pytest.param(4100001, Status.UNSUPPORTED, id="off-by-one"),
    ],
)
def test_a_scaled_decimal_is_matched_exactly(value: float, status: Status) -> None:
    record = _Floods(displaced=_Hedged(value=value, quote="about 4.1 million people"))
    assert _one(verify(record, _FLOODS)).status is status


class _Turnout(BaseModel):
    percent: float


@pytest.mark.parametrize(
    ("value", "status"),
    [
        pytest.param(6.4, Status.SUPPORTED, id="a-fraction-binary-floats-cannot-hold"),
        pytest.param(0.3, Status.SUPPORTED, id="a-tenth"),
        pytest.param(6.5, Status.UNSUPPORTED, id="another-fraction"),
    ],
)
def test_a_fractional_value_is_matched_exactly(value: float, status: Status) -> None:
    source = "Turnout fell by 6.4 percent in the north and 0.3 percent in the south."
    assert _one(verify(_Turnout(percent=value), source)).status is status


def test_findings_write_whole_numbers_as_integers_and_fractions_as_numbers() -> None:
    source = "Turnout fell by 6.4 percent after shelling killed 12 people."
    report = verify("Shelling killed 12 people; turnout fell by 6.4 percent.", source)
    values = [f["value"] for f in json.loads(report.model_dump_json())["findings"]]
    assert values == [12, 6.4]
    assert [type(v) for v in values] == [int, float]


def test_a_derived_sum_is_added_exactly() -> None:
    # Past 2**53 a float cannot hold every whole number: added as floats, these two
    # (12345678901234500 + 1000000000001) could never make the odd 12345678902234501.
    source = (
        "The floods displaced 12,345.6789012345 trillion people in the north and "
        "1.000000000001 trillion in the south."
    )
    total = 12345678901234500 + 1000000000001
    assert float(12345678901234500) + float(1000000000001) != total
    finding = _one(verify(_Displaced(displaced=_Count(value=total)), source))
    assert finding.status is Status.DERIVED
    assert finding.value == total
    assert [e.text for e in finding.evidence] == [
        "12,345.6789012345 trillion",
        "1.000000000001 trillion",
    ]


_MANY_DIGITS = "1." + "0" * 38 + "1"  # 40 significant digits: more than a default context


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (14, 14),
        (True, 1),  # a bool is the plain int it stands for
        (14.0, 14),
        (4100000.0, 4100000),
        (1.5, Decimal("1.5")),
        (0.1, Decimal("0.1")),  # the decimal its repr names, not the binary fraction
        (Decimal("4.1E+6"), 4100000),
        (Decimal("2.50"), Decimal("2.5")),
        (Decimal("0.100"), Decimal("0.1")),
        (Decimal(_MANY_DIGITS + "000"), Decimal(_MANY_DIGITS)),  # no digit rounded away
        (Decimal("9" * 40 + ".5"), Decimal("9" * 40 + ".5")),
        (Decimal("1" + "0" * 40 + ".0"), 10**40),
    ],
)
def test_a_claimed_number_is_made_exact(number: float | Decimal, expected: int | Decimal) -> None:
    made = exact(number)
    assert made == expected
    assert type(made) is type(expected)
    assert str(made) == str(expected)  # normalised: Decimal("2.50") == Decimal("2.5") too
    assert hash(made) == hash(expected)  # looked up in the same dict slot as a mention


# --- blank quotes ---------------------------------------------------------------------------


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"])
def test_a_blank_quote_is_judged_as_no_quote(quote: str) -> None:
    record = _Injured(injured=_Count(value=2, quote=quote))
    finding = _one(verify(record, _TWO_PLACES))
    assert finding.status is Status.SUPPORTED
    assert finding.note is None


def test_blank_date_words_are_judged_as_none() -> None:
    report = verify(_DatedEvent(date="2025-06-20", date_text="  "), _DATED)
    assert _status(report, "date") is Status.SUPPORTED


# --- huge numbers ---------------------------------------------------------------------------

_HUGE = 10**5000 - 1  # 5,000 nines: Python writes no int of over 4,300 digits with str()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (14, "14"),
        (Decimal("1.5"), "1.5"),
        (Decimal("0.0001"), "0.0001"),
        (10**30 - 1, "9" * 30),
        (-(10**30) + 1, "-" + "9" * 30),
        (10**30, "1e+30"),
        (15 * 10**40, "1.5e+41"),
        (-(10**40), "-1e+40"),
        (Decimal("1E-40"), "1e-40"),
        (10**32 + 12345, "≈1.00000000000000000000000000012e+32"),
        pytest.param(_HUGE, "≈1e+5000", id="5000-nines"),  # an id: pytest would str() it
    ],
)
def test_numbers_are_written_exactly_or_in_scientific_notation_past_30_digits(
    value: int | Decimal, text: str
) -> None:
    assert plain(value) == text


class _Dead(BaseModel):
    killed: int


def test_a_huge_claimed_number_is_reported_without_a_crash() -> None:
    source = "Shelling killed 4 people."
    finding = _one(verify(_Killed(killed=_Count(value=_HUGE, quote="killed 4")), source))
    assert finding.status is Status.UNSUPPORTED
    assert finding.note == "the source does not state it; the quote does not state ≈1e+5000"
    assert finding.claimed() == "≈1e+5000"
    report = verify(_Dead(killed=_HUGE), source)
    assert "≈1e+5000" in report_markdown(report)
    assert f'"value":{"9" * 5000},' in report.model_dump_json()  # JSON numbers have no limit


def test_a_5000_digit_prose_count_is_reported_without_a_crash() -> None:
    text = "A 5000-digit count: " + "9" * 5000 + " people were killed."
    for source in (text, "Shelling killed 4 people."):
        report = verify(text, source)
        assert report_markdown(report).startswith("# Verification")


@pytest.mark.parametrize("fmt", ["json", "md"])
def test_summarize_on_a_file_with_a_5000_digit_count_does_not_crash(
    tmp_path: Path, fmt: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Shelling killed " + "9" * 5000 + " people on Monday, officials said.\n")
    other = tmp_path / "other.txt"
    other.write_text("A 5000-digit count: " + "9" * 5000 + " people were killed.\n")
    for paths in ([article], [article, other]):
        result = CliRunner().invoke(app, ["summarize", *map(str, paths), "--format", fmt])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code in {0, 1}, result.output
