"""Positive evidence: a count is `supported` only where words the verifier can read say
what it counts; a value stated without them is `unconfirmed`, a warning that fails
under strict verification. Sentences of our own wording."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from summarizer.cache import ResultCache
from summarizer.cli import app
from summarizer.documents import document_from_text
from summarizer.engines import Extraction
from summarizer.pipeline import asummarize, summarize
from summarizer.records import ArticleSummary
from summarizer.render import report_markdown
from summarizer.report import FAILING, Status, VerificationReport, failing
from summarizer.settings import Settings
from summarizer.verify import verify

_CONVOY = "The convoy carried 40 passengers when it was stopped at the border."
_SPANISH = "El ataque dejó 12 muertos y 30 heridos en la ciudad, según las autoridades locales."
_FRENCH = "Selon les autorités, le bombardement a fait 7 morts et 19 blessés dans la ville."


class _Toll(BaseModel):
    killed: int | None = None
    injured: int | None = None
    casualties: int | None = None
    launched: int | None = None


class _Plain(BaseModel):
    count: int  # a field name that says nothing about what is counted


def _verdicts(report: VerificationReport) -> dict[str, Status]:
    return {f.path: f.status for f in report.findings}


@pytest.mark.parametrize(
    ("source", "claim", "status"),
    [
        pytest.param(_CONVOY, _Toll(killed=40), Status.UNCONFIRMED,
                     id="person-noun-with-no-outcome-words"),
        pytest.param("Gunmen stopped the convoy and killed 40 passengers.", _Toll(killed=40),
                     Status.SUPPORTED, id="outcome-words-that-match"),
        pytest.param("Gunmen stopped the convoy and wounded 40 passengers.", _Toll(killed=40),
                     Status.MISATTRIBUTED, id="outcome-words-for-another-outcome"),
        pytest.param("Gunmen killed 40 passengers. The convoy had carried 40 passengers.",
                     _Toll(killed=40), Status.SUPPORTED, id="read-once-is-enough"),
        pytest.param("The blast at the depot killed 12 people.", _Toll(casualties=12),
                     Status.SUPPORTED, id="casualties-counts-the-killed"),
        pytest.param("Crews counted 80 drones over the region.", _Toll(injured=80),
                     Status.MISATTRIBUTED, id="a-noun-that-rules-the-outcome-out"),
        pytest.param("Crews counted 80 drones over the region.", _Toll(launched=80),
                     Status.UNCONFIRMED, id="a-noun-that-fits-but-no-verb"),
        pytest.param("The convoy carried about 40 passengers.", _Toll(killed=40),
                     Status.QUALIFIER_MISMATCH, id="a-weaker-hedge-still-fails"),
        pytest.param(_CONVOY, _Plain(count=40), Status.SUPPORTED,
                     id="a-plain-number-asks-for-no-outcome-words"),
    ],
)  # fmt: skip
def test_a_count_is_supported_only_with_words_that_say_what_it_counts(
    source: str, claim: BaseModel, status: Status
) -> None:
    (finding,) = verify(claim, source).findings
    assert finding.status is status


def test_an_unconfirmed_finding_says_why_and_points_at_the_number() -> None:
    (finding,) = verify(_Toll(killed=40), _CONVOY).findings
    assert finding.note == "the source gives '40' with no words that say what it counts"
    assert [(e.start, e.text) for e in finding.evidence] == [(_CONVOY.index("40"), "40")]


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("Forty passengers were killed at the border.", Status.UNCONFIRMED),
        ("The convoy carried 40 passengers.", Status.SUPPORTED),  # its own words name none
    ],
)
def test_a_prose_number_that_names_an_outcome_needs_the_source_to_name_it(
    summary: str, status: Status
) -> None:
    (finding,) = verify(summary, _CONVOY).findings
    assert finding.status is status


_CASUALTIES = "The blast left 12 casualties at the market."
_TWO_BLASTS = "The first blast left 4 casualties; a second blast killed 2 people."
_NOT_KILLED = "the source gives '12' for casualties, which does not say how many were killed"


@pytest.mark.parametrize(
    ("source", "claim", "status", "note"),
    [
        pytest.param(_CASUALTIES, _Toll(killed=12), Status.UNCONFIRMED, _NOT_KILLED,
                     id="casualties-are-not-the-killed"),
        pytest.param(_CASUALTIES, _Toll(injured=12), Status.UNCONFIRMED,
                     "the source gives '12' for casualties, which does not say how many "
                     "were injured", id="casualties-are-not-the-injured"),
        pytest.param(_CASUALTIES, _Toll(casualties=12), Status.SUPPORTED, None,
                     id="casualties-are-casualties"),
        pytest.param("The blast at the depot killed 12 people.", _Toll(casualties=12),
                     Status.SUPPORTED, None, id="the-killed-are-casualties"),
        pytest.param("The shelling wounded 12 people.", _Toll(casualties=12),
                     Status.SUPPORTED, None, id="the-injured-are-casualties"),
        pytest.param("The shelling wounded 12 people.", _Toll(killed=12),
                     Status.MISATTRIBUTED, "the source gives '12' for injured",
                     id="the-injured-are-not-the-killed"),
        pytest.param("The blast left about 12 casualties.", _Toll(killed=12),
                     Status.QUALIFIER_MISMATCH, "the source says 'about 12', a weaker claim "
                     "than exact", id="a-hedge-still-fails-first"),
        pytest.param(_TWO_BLASTS, _Toll(casualties=6), Status.DERIVED,
                     "not stated; the sum of '4' + '2'", id="casualties-add-up"),
        pytest.param(_TWO_BLASTS, _Toll(killed=6), Status.UNSUPPORTED,
                     "the source does not state it", id="casualties-add-up-to-no-killed"),
    ],
)  # fmt: skip
def test_casualties_prove_casualties_but_neither_killed_nor_injured(
    source: str, claim: BaseModel, status: Status, note: str | None
) -> None:
    (finding,) = verify(claim, source).findings
    assert (finding.status, finding.note) == (status, note)


@pytest.mark.parametrize(
    ("summary", "status"),
    [
        ("12 people were killed in the blast.", Status.UNCONFIRMED),
        ("The blast left 12 dead.", Status.UNCONFIRMED),
        ("The blast left 12 casualties.", Status.SUPPORTED),
    ],
)
def test_a_prose_toll_against_a_count_of_casualties(summary: str, status: Status) -> None:
    (finding,) = verify(summary, _CASUALTIES).findings
    assert finding.status is status
    assert verify(summary, _CASUALTIES, strict=True).ok is (status is Status.SUPPORTED)


def test_unconfirmed_is_a_warning_unless_strict() -> None:
    assert Status.UNCONFIRMED not in FAILING
    assert failing(strict=True) == FAILING | {Status.UNCONFIRMED}
    assert verify(_Toll(killed=40), _CONVOY).ok
    assert not verify(_Toll(killed=40), _CONVOY, strict=True).ok
    assert verify(_Toll(killed=40), "Gunmen killed 40 passengers.", strict=True).ok


def test_a_report_is_judged_again_under_strict() -> None:
    findings = verify(_Toll(killed=40), _CONVOY).findings
    assert VerificationReport.of(findings).ok
    report = VerificationReport.of(findings, strict=True)
    assert not report.ok
    assert report.counts[Status.UNCONFIRMED] == 1


# --- a source in a language the scanner has no word lists for ---------------------------


@pytest.mark.parametrize(
    ("toll", "paths"),
    [
        pytest.param(_Toll(killed=12, injured=30), ["killed", "injured"], id="as-stated"),
        pytest.param(_Toll(killed=30, injured=12), ["killed", "injured"], id="swapped"),
    ],
)
def test_counts_in_a_language_without_a_lexicon_are_never_supported(
    toll: _Toll, paths: list[str]
) -> None:
    report = verify(toll, _SPANISH)
    assert _verdicts(report) == dict.fromkeys(paths, Status.UNCONFIRMED)
    for finding in report.findings:
        assert finding.note == (
            "the source is in es, which the scanner has no word lists for: what it counts is unread"
        )
    assert report.ok and not verify(toll, _SPANISH, strict=True).ok


@pytest.mark.parametrize(
    ("source", "claim", "status"),
    [
        pytest.param(_SPANISH, _Toll(killed=15), Status.UNSUPPORTED, id="a-value-not-stated"),
        pytest.param(_SPANISH, _Plain(count=30), Status.UNCONFIRMED, id="a-plain-count"),
        pytest.param(_FRENCH, _Toll(injured=7), Status.UNCONFIRMED, id="french-too"),
    ],
)  # fmt: skip
def test_a_language_without_a_lexicon_leaves_at_best_unconfirmed(
    source: str, claim: BaseModel, status: Status
) -> None:
    (finding,) = verify(claim, source).findings
    assert finding.status is status


def test_prose_numbers_checked_against_a_spanish_source_are_unconfirmed() -> None:
    (finding,) = verify("Murieron 12 personas.", _SPANISH).findings
    assert finding.status is Status.UNCONFIRMED
    assert "the source is in es" in (finding.note or "")


def test_summarize_under_strict_fails_unconfirmed_numbers() -> None:
    article = f"{_SPANISH}\n\nLos equipos de rescate trabajaron durante la noche en la zona."
    loose = summarize(article)
    assert loose.verification.ok
    assert Status.UNCONFIRMED in {f.status for f in loose.verification.findings}
    assert not summarize(article, settings=Settings(strict=True)).verification.ok


# --- the report and the command line -----------------------------------------------------


def test_the_markdown_report_marks_unconfirmed_as_a_warning() -> None:
    text = report_markdown(verify(_Toll(killed=40), _CONVOY))
    assert "No number failed, but some are unconfirmed" in text
    assert "| *unconfirmed* |" in text
    strict = report_markdown(verify(_Toll(killed=40), _CONVOY, strict=True))
    assert "**Some numbers failed verification.** Under --strict" in strict


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=env or {})
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


def _records(tmp_path: Path, source: str, quote: str, value: int) -> tuple[Path, Path]:
    article = tmp_path / "article.txt"
    article.write_text(source + "\n")
    data: dict[str, Any] = {
        "headline": "A convoy at the border",
        "summary": "A convoy was stopped at the border.",
        "events": [{
            "event_type": "Violence against civilians",
            "description": "A convoy was stopped.",
            "casualties": [{"outcome": "killed", "count": {"value": value, "quote": quote}}],
        }],
    }  # fmt: skip
    ArticleSummary.model_validate(data)
    records = tmp_path / "records.json"
    records.write_text(json.dumps(data))
    return records, article


@pytest.mark.parametrize(
    ("flags", "env", "code"),
    [
        pytest.param([], {}, 0, id="a-warning-by-default"),
        pytest.param(["--strict"], {}, 1, id="strict-flag-fails-it"),
        pytest.param([], {"SUMMARIZER_STRICT": "1"}, 1, id="strict-from-the-environment"),
    ],
)
def test_verify_exit_code_for_a_number_with_no_outcome_words(
    tmp_path: Path, flags: list[str], env: dict[str, str], code: int
) -> None:
    records, article = _records(tmp_path, _CONVOY, "40 passengers", 40)
    exit_code, out = _run("verify", str(records), "--source", str(article), *flags, env=env)
    assert exit_code == code
    statuses = {f["path"]: f["status"] for f in json.loads(out)["findings"]}
    assert statuses["events[0].casualties[0].count"] == "unconfirmed"
    assert json.loads(out)["ok"] is (code == 0)


def test_summarize_strict_exit_code_over_several_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    spanish = tmp_path / "es.txt"
    spanish.write_text(_SPANISH + "\n")
    english = tmp_path / "en.txt"
    english.write_text("A car bomb killed 9 people and wounded 31 in the city on Monday.\n")
    assert _run("summarize", str(english), str(spanish))[0] == 0
    assert _run("summarize", str(english), str(spanish), "--strict")[0] == 1
    assert _run("summarize", str(english), "--strict")[0] == 0
    code, out = _run("summarize", str(spanish), "--strict", "--format", "jsonl")
    assert code == 1
    assert json.loads(out)["result"]["verification"]["ok"] is False


class _CachedModel:
    """An LLM-like engine whose answer names a toll in words the source cannot confirm."""

    name = "llm"
    model = "scripted"
    prompt_version = "test"

    def __init__(self) -> None:
        self.asked = 0

    def extract(self, text: str) -> Extraction:
        raise AssertionError("the async path is used")

    async def aextract(self, text: str) -> Extraction:
        self.asked += 1
        summary = ArticleSummary(headline="Murieron 12 personas.", summary="Un ataque.")
        return Extraction(summary=summary, verification=verify(summary, text))


def test_a_cached_result_is_judged_by_the_runs_own_strictness(tmp_path: Path) -> None:
    engine, cache = _CachedModel(), ResultCache(tmp_path)
    document = document_from_text(_SPANISH)
    first = asyncio.run(asummarize(document, engine, cache, Settings()))
    again = asyncio.run(asummarize(document, engine, cache, Settings(strict=True)))
    assert (engine.asked, again.cached) == (1, True)
    assert first.verification.ok and not again.verification.ok
    assert again.verification.findings == first.verification.findings
