"""The Markdown report as an analyst reads it: quotes beside the events, counts with
thousands separators, the records' numbers first, and supported numbers of prose and
dates, and the evidence's offsets, only on request."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.pipeline import SummaryResult, Timings
from summarizer.records import (
    Affected,
    AffectedKind,
    ArticleSummary,
    Casualty,
    Event,
    EventType,
    Outcome,
    Qualifier,
    Quantity,
)
from summarizer.render import report_markdown, results_markdown
from summarizer.report import Evidence, Finding, Status, VerificationReport
from summarizer.verify import verify

FLOODS = (
    "Floods on Monday, June 2, 2025 displaced 9000000 people and killed 1234 in the delta, "
    "officials said."
)


def _floods(headline: str = "Floods displace millions") -> ArticleSummary:
    return ArticleSummary(
        headline=headline,
        summary="Floods on June 2, 2025 displaced 9000000 people.",
        events=[
            Event(
                event_type=EventType.DISASTER,
                date="2025-06-02",
                date_text="June 2, 2025",
                description="Floods displaced 9000000 people on June 2, 2025.",
                casualties=[
                    Casualty(
                        outcome=Outcome.KILLED, count=Quantity(value=1234, quote="killed 1234")
                    )
                ],
                affected=[
                    Affected(
                        kind=AffectedKind.DISPLACED,
                        count=Quantity(value=9_000_000, quote="displaced 9000000 people"),
                    )
                ],
            )
        ],
    )


def _result(summary: ArticleSummary, source: str = FLOODS) -> SummaryResult:
    return SummaryResult(
        document_id="floods",
        path="floods.txt",
        engine="rules",
        model=None,
        summary=summary,
        verification=verify(summary, source),
        timings=Timings(extract_ms=0, verify_ms=0, total_ms=0),
    )


def _table(text: str, header: str) -> list[str]:
    """The rows of the table under `header`, without its header and rule."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def _paths(text: str) -> list[str]:
    return [row.split(" | ")[0].strip("| `") for row in _table(text, "| path |")]


# --- the events table ------------------------------------------------------------------


def test_the_events_table_has_a_quote_column_with_the_events_quotes() -> None:
    text = results_markdown([_result(_floods())])
    header = "| # | type | where | when | status | killed | injured | other records | quotes |"
    assert header in text
    (row,) = _table(text, "| # |")
    assert row.endswith("| “killed 1234”; “displaced 9000000 people” |")


@pytest.mark.parametrize(
    ("quote", "cell"),
    [
        ("killed 3 | 4 people", "“killed 3 \\| 4 people”"),
        ("killed *3* people", "“killed \\*3\\* people”"),
        ("killed\n3   people", "“killed 3 people”"),
        ("killed three people, " + "x" * 80, "“killed three people, " + "x" * 38 + "…”"),
    ],
    ids=["pipe", "emphasis", "newline", "long"],
)  # fmt: skip
def test_a_quote_is_short_and_stays_text_in_its_cell(quote: str, cell: str) -> None:
    summary = ArticleSummary(
        headline="Blast",
        summary="A blast.",
        events=[
            Event(
                event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE,
                description="A blast.",
                casualties=[Casualty(outcome=Outcome.KILLED, count=Quantity(value=3, quote=quote))],
            )
        ],
    )
    (row,) = _table(results_markdown([_result(summary, "A blast killed 3 people.")]), "| # |")
    assert row.endswith(f"| {cell} |")


def test_an_event_without_quotes_has_a_dash() -> None:
    summary = _floods()
    for c in summary.events[0].casualties + summary.events[0].affected:
        c.count.quote = None
    (row,) = _table(results_markdown([_result(summary)]), "| # |")
    assert row.endswith("| — |")


# --- thousands separators --------------------------------------------------------------


def test_9000000_is_printed_9_000_000_in_both_tables() -> None:
    text = results_markdown([_result(_floods())])
    (event,) = _table(text, "| # |")
    assert "| 1,234 |" in event and "displaced 9,000,000" in event
    rows = dict(zip(_paths(text), _table(text, "| path |"), strict=True))
    assert "| 9,000,000 | supported |" in rows["events[0].affected[0].count"]
    assert "| 1,234 | supported |" in rows["events[0].casualties[0].count"]
    # The quotes and the evidence stay verbatim.
    assert "“displaced 9000000 people”" in event
    assert "“9000000”" in rows["events[0].affected[0].count"]


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (Quantity(value=9_000_000), "9,000,000"),
        (Quantity(value=1234.5), "1,234.5"),
        (Quantity(value=1.5), "1.5"),
        (Quantity(value=999), "999"),
        (Quantity(value=10_000, high=15_000, qualifier=Qualifier.RANGE), "10,000–15,000"),
        (Quantity(value=2000, qualifier=Qualifier.AT_LEAST), "at least 2,000"),
    ],
    ids=["millions", "decimals", "fraction", "hundreds", "range", "qualified"],
)
def test_an_events_count_has_thousands_separators(count: Quantity, shown: str) -> None:
    event = Event(
        event_type=EventType.DISASTER,
        date="2025-06-02",
        description="Floods.",
        casualties=[Casualty(outcome=Outcome.KILLED, count=count)],
    )
    summary = ArticleSummary(headline="Floods", summary="Floods.", events=[event])
    (row,) = _table(results_markdown([_result(summary)]), "| # |")
    assert f"| 2025-06-02 | current | {shown} | — |" in row


@pytest.mark.parametrize(
    ("path", "value", "high", "qualifier", "shown"),
    [
        ("events[0].affected[0].count", 9_000_000, None, None, "9,000,000"),
        ("events[0].affected[0].count", 1234, None, None, "1,234"),
        ("events[0].affected[0].count", 999, None, None, "999"),
        ("events[0].affected[0].count", 10_000, 15_000, Qualifier.RANGE, "10,000–15,000"),
        ("events[0].affected[0].count", 80_000, None, Qualifier.APPROXIMATELY,
         "approximately 80,000"),
        ("events[0].affected[0].count", "1234.5", None, None, "1,234.5"),
        ("events[0].affected[0].count", "1.5", None, None, "1.5"),
        ("events[0].affected[0].count", "0.12345", None, None, "0.12345"),
        ("events[0].affected[0].count", 10**40, None, None, "1e+40"),
        ("summary", 9_000_000, None, None, "9,000,000"),
        ("summary", 2022, None, None, "2022"),  # a year, perhaps
        ("events[0].description", "2022-03", None, None, "2022-03"),
        ("events[0].date", "2025-06-02", None, None, "2025-06-02"),
    ],
    ids=["millions", "thousands", "hundreds", "range", "qualified", "decimals", "fraction",
         "long-decimals", "scientific", "prose", "prose-year", "prose-date", "date"],
)  # fmt: skip
def test_a_claim_has_thousands_separators_but_no_year_or_date_does(
    path: str, value: int | str, high: int | None, qualifier: Qualifier | None, shown: str
) -> None:
    is_number_text = isinstance(value, str) and "-" not in value
    claimed = Decimal(value) if is_number_text else value  # decimals as the verifier holds them
    finding = Finding(
        path=path, value=claimed, high=high, qualifier=qualifier, status=Status.UNSUPPORTED
    )
    text = report_markdown(VerificationReport.of([finding]))
    (row,) = _table(text, "| path |")
    assert f"| `{path}` | {shown} |" in row


def test_the_verdict_line_counts_with_separators() -> None:
    findings = [Finding(path="summary", value=1, status=Status.SUPPORTED)] * 1234
    assert "(1,234 supported)" in report_markdown(VerificationReport.of(findings))


# --- which numbers are listed, and in what order ---------------------------------------


def test_supported_prose_and_date_rows_are_hidden_unless_all_findings() -> None:
    report = _result(_floods()).verification
    hidden = {"headline", "summary", "events[0].date", "events[0].date_text",
              "events[0].description"}  # fmt: skip
    assert all(f.status is Status.SUPPORTED for f in report.findings)
    default = report_markdown(report)
    assert not hidden & set(_paths(default))
    prose = sum(f.path in hidden for f in report.findings)
    assert f"{prose} supported rows of headline, summary, descriptions and dates hidden; " \
        "--all-findings shows them" in default  # fmt: skip
    everything = report_markdown(report, all_findings=True)
    assert sorted(_paths(everything)) == sorted(f.path for f in report.findings)
    assert "hidden" not in everything


@pytest.mark.parametrize(
    ("summary", "path", "verdict"),
    [
        (_floods(headline="Floods displace 8000000"), "headline", "**unsupported**"),
        (_floods().model_copy(update={"summary": "Floods displaced 9000000 on June 3, 2025."}),
         "summary", "**unsupported**"),
    ],
    ids=["headline-number", "summary-date"],
)  # fmt: skip
def test_a_failing_prose_row_is_always_shown(
    summary: ArticleSummary, path: str, verdict: str
) -> None:
    report = verify(summary, FLOODS)
    for all_findings in (False, True):
        text = report_markdown(report, all_findings=all_findings)
        rows = [r for r in _table(text, "| path |") if r.startswith(f"| `{path}` |")]
        assert any(f"| {verdict} |" in r for r in rows), text


def test_an_unconfirmed_prose_row_is_shown() -> None:
    finding = Finding(path="events[0].description", value=40, status=Status.UNCONFIRMED)
    assert _paths(report_markdown(VerificationReport.of([finding]))) == ["events[0].description"]


def test_the_records_numbers_come_before_the_prose_rows() -> None:
    report = verify(_floods(headline="Floods displace 8000000"), FLOODS)
    for all_findings in (False, True):
        paths = _paths(report_markdown(report, all_findings=all_findings))
        records = [p for p in paths if p.endswith(".count")]
        assert records == ["events[0].casualties[0].count", "events[0].affected[0].count"]
        assert paths[: len(records)] == records
        assert "headline" in paths[len(records) :]


def test_only_hidden_rows_leave_no_empty_table() -> None:
    report = verify("Floods displaced 9000000 people.", FLOODS)
    text = report_markdown(report)
    assert "| path |" not in text
    note = "1 supported row of headline, summary, descriptions and dates hidden; "
    assert text.endswith(note + "--all-findings shows them, with the evidence's offsets.")


# --- offsets ---------------------------------------------------------------------------

_OFFSET = re.compile(r"” @\d+")


def test_offsets_are_shown_only_with_all_findings() -> None:
    result = _result(_floods())
    assert not _OFFSET.search(results_markdown([result]))
    assert not _OFFSET.search(report_markdown(result.verification))
    start = FLOODS.index("9000000")
    assert f"“9000000” @{start}" in report_markdown(result.verification, all_findings=True)
    assert f"“9000000” @{start}" in results_markdown([result], all_findings=True)


def test_spans_of_the_same_words_read_once_without_offsets() -> None:
    spans = [(0, "Two"), (26, "two"), (45, "two")]  # "Two died …, two in …: two dead."
    evidence = [Evidence(start=at, end=at + 3, text=words) for at, words in spans]
    finding = Finding(
        path="events[0].casualties[0].count", value=2, status=Status.SUPPORTED, evidence=evidence
    )
    report = VerificationReport.of([finding])
    (row,) = _table(report_markdown(report), "| path |")
    assert "| “Two”; “two” |" in row
    (row,) = _table(report_markdown(report, all_findings=True), "| path |")
    assert "| “Two” @0; “two” @26; “two” @45 |" in row


# --- the command line ------------------------------------------------------------------


def test_verify_all_findings_lists_every_number_with_its_offsets(tmp_path: Path) -> None:
    records = tmp_path / "records.json"
    records.write_text(_floods().model_dump_json())
    source = tmp_path / "floods.txt"
    source.write_text(FLOODS + "\n")
    args = ["verify", str(records), "--source", str(source), "--format", "md"]
    default = CliRunner().invoke(app, args)
    everything = CliRunner().invoke(app, [*args, "--all-findings"])
    assert default.exit_code == everything.exit_code == 0
    assert "--all-findings shows them" in default.stdout
    assert not _OFFSET.search(default.stdout)
    assert "| `events[0].date` |" not in default.stdout
    assert "| `events[0].date` |" in everything.stdout and _OFFSET.search(everything.stdout)


def test_summarize_all_findings_lists_every_number_with_its_offsets(tmp_path: Path) -> None:
    source = tmp_path / "floods.txt"
    source.write_text(FLOODS + "\n")
    args = ["summarize", str(source), "--engine", "rules", "--format", "md"]
    default = CliRunner().invoke(app, args)
    everything = CliRunner().invoke(app, [*args, "--all-findings"])
    assert "--all-findings shows them" in default.stdout
    assert not _OFFSET.search(default.stdout)
    assert "--all-findings shows them" not in everything.stdout
    assert _OFFSET.search(everything.stdout)
