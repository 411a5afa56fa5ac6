"""The verifier's verdicts, on the sample article and on short sentences of our own."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from pydantic import BaseModel

from summarizer.records import ArticleSummary
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


def test_quote_not_in_the_source_is_noted(sample_text: str) -> None:
    change = _set(["events", 0, "casualties", 1, "count", "quote"], "fourteen were hurt")
    report = verify(_records(change), sample_text)
    (finding,) = [f for f in report.findings if f.path == "events[0].casualties[1].count"]
    assert "quote not found" in (finding.note or "")


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
