"""Ordinary deviations of a model's answer from the record schema are mended in one
request, and the result says what was mended. Answers of our own making."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from summarizer.pipeline import summarize
from summarizer.records import ArticleSummary
from summarizer.repair import partial, repaired
from summarizer.settings import Settings
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())


def _event(**changes: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "event_type": "Explosions/Remote violence",
        "description": "A drone hit a block.",
        "casualties": [{"outcome": "killed", "count": {"value": 3}}],
    }
    event.update(changes)
    return event


def _answer(**changes: Any) -> dict[str, Any]:
    return {"headline": "H", "summary": "S.", "events": [_event(**changes)]}


DEVIATIONS = [
    pytest.param({"confidence": 0.9}, "events[0].confidence", None, id="an-unknown-field"),
    pytest.param({"affected": None}, "events[0].affected", "absent", id="null-for-a-list"),
    pytest.param({"temporal_status": None}, "events[0].temporal_status", "absent",
                 id="null-for-a-field-with-a-default"),
    pytest.param({"event_type": "explosions / remote violence"}, "events[0].event_type",
                 "Explosions/Remote violence", id="an-acled-label-in-lower-case"),
    pytest.param({"casualties": [{"outcome": "Killed", "count": {"value": 3}}]},
                 "events[0].casualties[0].outcome", "killed", id="an-enum-in-capitals"),
    pytest.param({"date_precision": "DAY"}, "events[0].date_precision", "day",
                 id="an-enum-shouted"),
    pytest.param({"munitions": [{"weapon": "Cruise-Missile"}]}, "events[0].munitions[0].weapon",
                 "cruise_missile", id="an-enum-with-a-hyphen"),
    pytest.param({"casualties": [{"outcome": "killed",
                                  "count": {"value": 3, "qualifier": "at least"}}]},
                 "events[0].casualties[0].count.qualifier", "at_least", id="a-hedge-word"),
    pytest.param({"casualties": [{"outcome": "killed",
                                  "count": {"value": 3, "qualifier": "about"}}]},
                 "events[0].casualties[0].count.qualifier", "approximately",
                 id="about-is-approximately"),
    pytest.param({"casualties": [{"outcome": "killed",
                                  "count": {"value": 3, "qualifier": "more than"}}]},
                 "events[0].casualties[0].count.qualifier", "more_than", id="more-than"),
    pytest.param({"casualties": [{"outcome": "killed",
                                  "count": {"value": 3, "qualifier": "Up To"}}]},
                 "events[0].casualties[0].count.qualifier", "up_to", id="up-to"),
    pytest.param({"casualties": [{"outcome": "killed",
                                  "count": {"value": 3, "qualifier": "nearly"}}]},
                 "events[0].casualties[0].count.qualifier", "approximately", id="nearly"),
    pytest.param({"date": "2025-06-20T04:30:00Z"}, "events[0].date", "2025-06-20",
                 id="a-datetime-for-a-date"),
    pytest.param({"date": "June 20, 2025"}, "events[0].date", "2025-06-20",
                 id="a-written-date"),
    pytest.param({"casualties": [{"outcome": "killed", "count": {"value": "1,200"}}]},
                 "events[0].casualties[0].count.value", 1200, id="a-number-with-a-comma"),
    pytest.param({"casualties": [{"outcome": "killed", "count": {"value": "1 200"}}]},
                 "events[0].casualties[0].count.value", 1200, id="a-number-with-a-space"),
    pytest.param({"damage": [{"object": "block", "floors": "9"}]}, "events[0].damage[0].floors",
                 9, id="floors-as-a-string"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "path", "to"), DEVIATIONS)
def test_a_deviation_is_mended_and_written_down(change: dict[str, Any], path: str, to: Any) -> None:
    fixed, repairs = repaired(ArticleSummary, _answer(**change))
    ArticleSummary.model_validate(fixed)
    assert [(r.path, r.to) for r in repairs] == [(path, to)]


@pytest.mark.parametrize(("change", "path", "to"), DEVIATIONS)
def test_the_scripted_server_s_deviant_answer_is_read_in_one_request(
    change: dict[str, Any], path: str, to: Any
) -> None:
    # No re-ask: the made-up answer's numbers are not the article's, and only how it
    # was read is at issue here.
    with ScriptedServer([Answer(_answer(**change))]) as server:
        settings = Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY, reask=0)
        result = summarize(SAMPLE.read_text(), settings=settings)
        assert len(server.requests) == 1
    assert [(r.path, r.to) for r in result.repairs] == [(path, to)]


def test_an_answer_that_fits_needs_no_repair() -> None:
    assert repaired(ArticleSummary, REFERENCE)[1] == []


@pytest.mark.parametrize(
    "change",
    [{"event_type": "Shootout"},
     {"casualties": [{"outcome": "killed", "count": {"value": "many"}}]},
     {"date": "last week"}],
)  # fmt: skip
def test_what_cannot_be_mended_is_left_for_validation(change: dict[str, Any]) -> None:
    fixed, repairs = repaired(ArticleSummary, _answer(**change))
    assert repairs == []
    with pytest.raises(ValueError):
        ArticleSummary.model_validate(fixed)


def test_a_deviant_answer_is_read_in_one_request_and_the_result_lists_the_repairs() -> None:
    answer = copy.deepcopy(REFERENCE)
    answer["model_notes"] = "extra"
    first = answer["events"][0]
    first["event_type"] = first["event_type"].upper()
    first["casualties"][0]["outcome"] = "Killed"
    killed = first["casualties"][0]["count"]["value"]
    first["casualties"][0]["count"]["value"] = f"{killed:,}"
    first["affected"][0]["count"]["qualifier"] = "about"
    with ScriptedServer([Answer(answer)]) as server:
        settings = Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY, reask=0)
        result = summarize(SAMPLE.read_text(), settings=settings)
        assert len(server.requests) == 1
    assert result.verification.ok
    mended = {r.path: r.to for r in result.repairs}
    assert mended == {
        "model_notes": None,
        "events[0].event_type": "Explosions/Remote violence",
        "events[0].casualties[0].outcome": "killed",
        "events[0].casualties[0].count.value": killed,
        "events[0].affected[0].count.qualifier": "approximately",
    }
    written = json.loads(result.model_dump_json())["repairs"]
    assert {"path": "model_notes", "from": "extra", "to": None} in written


def test_of_an_answer_off_the_schema_each_event_that_fits_is_kept() -> None:
    answer = _answer()
    answer["events"].append(_event(event_type="Shootout"))
    answer["events"].append(_event(casualties=[{"outcome": "Killed", "count": {"value": 2}}]))
    kept = partial(answer)
    assert len(kept.events) == 2 and kept.events[1].casualties[0].count.value == 2
    assert kept.rejected == [("events[1]", "event_type: Input should be 'Battles', "
                              "'Explosions/Remote violence', 'Violence against civilians', "
                              "'Protests', 'Riots', 'Strategic developments' or "
                              "'Disaster/accident'")]  # fmt: skip
    assert [r.path for r in kept.repairs] == ["events[2].casualties[0].outcome"]


def test_a_partial_answer_without_a_summary_says_so() -> None:
    kept = partial({"headline": "H", "events": [_event()]})
    assert kept.summary == "" and len(kept.events) == 1
    assert kept.rejected == [("summary", "missing or not text")]
