"""--format csv: ACLED's columns then ours, one row per event (or, with --level numbers,
per checked number), one header over many articles, and text that round-trips."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.csv_export import (
    EVENT_COLUMNS,
    conservative,
    event_row,
    fatalities,
    number_row,
    of_event,
    writer,
)
from summarizer.engines.rules import extract
from summarizer.records import Casualty, Event, EventType, Group, Outcome, Quantity
from summarizer.report import Evidence, Finding, Status
from tests.conftest import CASSETTES, SAMPLE

ACLED = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
OURS = [
    "document_id", "injured", "missing", "evacuated", "displaced", "best", "low", "high",
    "temporal_status", "verified",
]  # fmt: skip
OTHER = "A car bomb killed 9 people and wounded 31 in the city on Monday.\n"


def summarize(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", "--engine", "rules", *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def sample_csv() -> str:
    done = summarize(str(SAMPLE), "--format", "csv")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def sample_json() -> dict[str, object]:
    done = summarize(str(SAMPLE))
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_header_is_acled_columns_in_order_then_ours(sample_csv: str) -> None:
    assert sample_csv.splitlines()[0].split(",") == ACLED + OURS
    assert list(EVENT_COLUMNS) == ACLED + OURS


def test_one_row_per_event(sample_csv: str, sample_json: dict[str, object]) -> None:
    rows = table(sample_csv)
    events = sample_json["summary"]["events"]  # type: ignore[index]
    assert len(rows) == len(events) == 4
    assert [r["event_id_cnty"].rsplit(":", 1)[1] for r in rows] == ["0", "1", "2", "3"]
    assert {r["country"] for r in rows} == {"Ukraine"}
    assert all(r["verified"] == "true" for r in rows)


def test_fatalities_of_the_sample(sample_csv: str) -> None:
    by_place = {r["location"]: r for r in table(sample_csv)}
    odesa, kyiv, kharkiv = by_place["Odesa"], by_place["Kyiv"], by_place["Kharkiv"]
    assert (odesa["fatalities"], odesa["best"], odesa["low"], odesa["high"]) == ("1",) * 4
    assert odesa["injured"] == "14" and odesa["evacuated"] == "600"
    assert odesa["temporal_status"] == "current" and odesa["time_precision"] == "1"
    assert (kyiv["fatalities"], kyiv["injured"], kyiv["temporal_status"]) == (
        "28", "142", "historical",
    )  # fmt: skip
    # "the deadliest assault on the capital this year": a year, and no day made up
    assert (kyiv["event_date"], kyiv["time_precision"]) == ("2025", "3")
    # No killed number stated is no fatality count, not 0.
    assert kharkiv["fatalities"] == kharkiv["best"] == ""


UNFILLED = ("region", "admin2", "admin3", "tags", "timestamp")


def test_places_get_the_gazetteers_codes_regions_and_coordinates(sample_csv: str) -> None:
    by_place = {r["location"]: r for r in table(sample_csv)}
    assert {r["country"] for r in by_place.values()} == {"Ukraine"}
    assert {r["iso"] for r in by_place.values()} == {"804"}  # ISO 3166-1 numeric
    for place in ("Odesa", "Kharkiv", "Kyiv"):
        row = by_place[place]
        assert row["admin1"] and row["geo_precision"] == "1"
        assert 44 < float(row["latitude"]) < 53 and 22 < float(row["longitude"]) < 41
    # The national drone tally names no place: a country, no point on a map.
    national = by_place[""]
    assert national["latitude"] == national["geo_precision"] == national["admin1"] == ""


def test_columns_the_records_cannot_fill_stay_empty(sample_csv: str) -> None:
    for row in table(sample_csv):
        for column in UNFILLED:
            assert row[column] == "", column


def test_pandas_reads_it(sample_csv: str) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is in the dev extra; not installed")
    frame = pandas.read_csv(io.StringIO(sample_csv))
    assert list(frame.columns) == ACLED + OURS
    assert len(frame) == 4
    assert frame["fatalities"].dropna().tolist() == [1, 28]
    assert frame["verified"].tolist() == [True] * 4


def test_two_articles_give_one_header(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(OTHER)
    target = tmp_path / "events.csv"
    done = summarize(str(SAMPLE), str(other), "--format", "csv", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    text = target.read_text()
    assert text.count("event_id_cnty") == 1 and text.endswith("\n")
    rows = table(text)
    assert len(rows) == 5
    assert rows[-1]["fatalities"] == "9" and rows[-1]["injured"] == "31"
    assert len({r["document_id"] for r in rows}) == 2


def test_a_failed_article_has_no_rows_and_is_said(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    other = tmp_path / "other.txt"
    other.write_text(OTHER)
    done = summarize(str(other), str(missing), "--format", "csv")
    assert done.returncode == 2
    assert len(table(done.stdout)) == 1
    assert f"error: {missing}" in done.stderr


def test_number_rows_match_the_findings(sample_json: dict[str, object]) -> None:
    done = summarize(str(SAMPLE), "--format", "csv", "--level", "numbers")
    assert done.returncode == 0, done.stderr
    rows = table(done.stdout)
    findings = sample_json["verification"]["findings"]  # type: ignore[index]
    assert len(rows) == len(findings)
    assert [r["path"] for r in rows] == [f["path"] for f in findings]
    kyiv = next(r for r in rows if r["path"] == "events[3].casualties[0].count")
    assert (kyiv["value"], kyiv["status"], kyiv["quote"]) == ("28", "supported", "28")
    assert kyiv["evidence"] == "1705-1707"


def test_level_needs_csv() -> None:
    done = summarize(str(SAMPLE), "--level", "numbers")
    assert done.returncode == 2
    assert "--format csv" in done.stderr


def test_a_quote_with_a_comma_and_a_double_quote_round_trips() -> None:
    said = 'he said, "28 dead"\nin Kyiv'
    finding = Finding(
        path="events[0].casualties[0].count", value=28, qualifier=None,
        status=Status.SUPPORTED, note=said,
        evidence=[Evidence(start=0, end=10, text=said), Evidence(start=20, end=22, text="28")],
    )  # fmt: skip
    out = io.StringIO()
    w = writer(out, tuple(number_row("doc", finding)))
    w.writeheader()
    w.writerow(number_row("doc", finding))
    (row,) = table(out.getvalue())
    assert row["note"] == said
    assert row["quote"] == f"{said} … 28"
    assert row["evidence"] == "0-10;20-22"
    pandas = pytest.importorskip("pandas", reason="pandas is in the dev extra; not installed")
    assert pandas.read_csv(io.StringIO(out.getvalue()))["note"][0] == said


def killed(value: float, group: Group = Group.TOTAL, high: float | None = None) -> Casualty:
    return Casualty(outcome=Outcome.KILLED, group=group, count=Quantity(value=value, high=high))


@pytest.mark.parametrize(
    ("casualties", "expected"),
    [
        ([], None),
        ([Casualty(outcome=Outcome.INJURED, count=Quantity(value=5))], None),
        ([killed(7)], 7),
        ([killed(2, Group.CHILDREN), killed(5, Group.CIVILIANS)], 5),  # never 7: they overlap
        ([killed(2, Group.CHILDREN), killed(9), killed(5, Group.CIVILIANS)], 9),  # total wins
        ([killed(12), killed(10)], 10),  # reports differ: the lowest
        ([killed(10, high=15)], 10),  # a range: its low end
    ],
    ids=["none", "only-injured", "one", "largest-group", "total", "lowest-total", "range"],
)  # fmt: skip
def test_fatalities_rule(casualties: list[Casualty], expected: float | None) -> None:
    event = Event(event_type=EventType.BATTLES, description="A clash.", casualties=casualties)
    got = fatalities(event)
    assert (got.value if got else None) == expected


def test_a_range_gives_best_low_and_high_and_a_failed_number_is_unverified() -> None:
    event = Event(
        event_type=EventType.BATTLES, description="A clash.", casualties=[killed(10, high=15)]
    )
    wrong = Finding(path="events[2].casualties[0].count", value=10, status=Status.UNSUPPORTED)
    other = Finding(path="events[20].casualties[0].count", value=3, status=Status.UNSUPPORTED)
    row = event_row("doc", 2, event, [wrong])
    assert (row["fatalities"], row["best"], row["low"], row["high"]) == ("10", "10", "10", "15")
    assert row["event_id_cnty"] == "doc:2" and row["verified"] == "false"
    assert event_row("doc", 2, event, [])["verified"] == ""  # nothing checked: neither
    assert of_event([wrong, other], 2) == [wrong]


def test_affected_never_adds_up() -> None:
    two = [(Group.OTHER, Quantity(value=300)), (Group.OTHER, Quantity(value=600))]
    got = conservative(two)
    assert got is not None and got.value == 600


def _summarizer(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_one_article_from_the_llm_engine_gets_its_rows_and_its_usage_line(
    tmp_path: Path,
) -> None:
    # The sample's answer as the scripted server gave it (cassettes/README.md).
    cassette = tmp_path / "answers.yaml"
    recorded = CASSETTES / "test_llm_cassettes" / "test_sample_article_end_to_end.yaml"
    cassette.write_bytes(recorded.read_bytes())
    done = _summarizer("summarize", str(SAMPLE), "--format", "csv", "--cassette", str(cassette),
                       "--record-mode", "none")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(list(csv.DictReader(io.StringIO(done.stdout)))) == 4
    assert done.stderr.startswith("usage: 1 request, ")


def test_a_failed_article_is_named_once(tmp_path: Path) -> None:
    broken = tmp_path / "z.txt"
    broken.write_bytes(b"PK\x03\x04 not an article")
    done = _summarizer("summarize", str(SAMPLE), str(broken), "--engine", "rules",
                       "--format", "csv")  # fmt: skip
    (said,) = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert said.count(str(broken)) == 1


@pytest.mark.parametrize(
    "args",
    [["summarize", str(SAMPLE), "--engine", "rules", "--format", "json", "--all-findings"],
     ["verify", str(SAMPLE), "--source", str(SAMPLE), "--format", "jsonl"],
     ["verify", str(SAMPLE), "--source", str(SAMPLE), "--format", "csv"]],
    ids=["all-findings-outside-md", "verify-jsonl", "verify-csv"],
)  # fmt: skip
def test_options_that_do_not_fit_the_format_are_refused(args: list[str]) -> None:
    assert _summarizer(*args).returncode == 2


def test_a_disaster_targets_no_civilians() -> None:
    text = "An earthquake killed 30 villagers in Herat on Monday, officials said."
    (event,) = extract(text).events
    row = event_row("quake", 0, event, [])
    assert row["event_type"] == "Disaster/accident"
    assert row["civilian_targeting"] == row["actor1"] == ""


@pytest.mark.parametrize(
    ("description", "killed", "fatalities"),
    [("An airstrike on a market killed dozens of people.", None, "12"),
     ("An airstrike on a market killed dozens of people.", 43, "43"),
     ("An airstrike on a market injured dozens of people.", None, ""),
     ("An airstrike on a market killed several people.", None, "")],
)  # fmt: skip
def test_dozens_killed_is_12_in_the_fatalities_column_alone(
    description: str, killed: int | None, fatalities: str
) -> None:
    casualties = [Casualty(outcome=Outcome.KILLED, count=Quantity(value=killed))] if killed else []
    event = Event(event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE, description=description,
                  casualties=casualties)  # fmt: skip
    assert event_row("doc", 0, event, [])["fatalities"] == fatalities
    assert event.casualties == casualties  # the records keep what the article says
