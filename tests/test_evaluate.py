"""`summarizer eval`'s API: reading a gold directory, running an engine over it, the
report in JSON, Markdown and a terminal table, and the bars a CI run must clear."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from summarizer.cache import ResultCache
from summarizer.engines import Extraction, Usage
from summarizer.errors import InputError, ProviderError
from summarizer.evaluate import CheckScore, CountScore, EvalReport, Totals, below_bar, evaluate
from summarizer.gold import GoldArticle, load_gold
from summarizer.inputs import sources
from summarizer.pipeline import choose_engine
from summarizer.records import ArticleSummary
from summarizer.render import eval_json, eval_markdown, eval_table
from summarizer.report import Status
from summarizer.settings import Settings
from summarizer.verify import verify
from tests.conftest import FIXTURES, ROOT

EVAL_GOLD = FIXTURES / "eval_gold"
MAX = 100_000


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVAL_GOLD / f"{name}.expected.json").read_text())
    return data


def _answers() -> list[ArticleSummary]:
    """What a fallible engine says of the two gold articles: the ferry's "at least 11"
    injured as exactly 11, and the mine's collapse a day late and recorded twice."""
    ferry, mine = _expected("ferry_fire"), _expected("mine_collapse")
    ferry["events"][0]["casualties"][1]["count"]["qualifier"] = "exact"
    mine["events"][0]["date"] = "2024-05-15"
    mine["events"].append(copy.deepcopy(mine["events"][0]))
    mine["events"][1]["affected"] = []
    return [ArticleSummary.model_validate(ferry), ArticleSummary.model_validate(mine)]


class Scripted:
    """An engine that gives prepared answers (or raises prepared errors) in turn."""

    name = "scripted"
    model = "fixed-1"
    prompt_version = "test-7"

    def __init__(self, answers: list[ArticleSummary | Exception]) -> None:
        self.answers = list(answers)

    def extract(self, text: str) -> Extraction:
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        usage = Usage(requests=1, prompt_tokens=100, completion_tokens=20, total_tokens=120)
        return Extraction(summary=answer, usage=usage, prompt_version=self.prompt_version)


@pytest.fixture(scope="module")
def gold() -> list[GoldArticle]:
    return load_gold(EVAL_GOLD, MAX)


@pytest.fixture(scope="module")
def report(gold: list[GoldArticle]) -> EvalReport:
    return evaluate(gold, Scripted([*_answers()]))


# --- reading a gold directory ----------------------------------------------------------


def test_both_gold_forms_load_sorted_by_name(tmp_path: Path) -> None:
    for path in EVAL_GOLD.iterdir():
        shutil.copy(path, tmp_path)
    for suffix in (".gold.json", ".txt"):
        shutil.copy(FIXTURES / "articles" / f"car_bomb{suffix}", tmp_path)
    car, ferry, mine = load_gold(tmp_path, MAX)
    assert [car.name, ferry.name, mine.name] == ["car_bomb", "ferry_fire", "mine_collapse"]
    # The gold fact list: its count records, "other" facts left out.
    facts = json.loads((tmp_path / "car_bomb.gold.json").read_text())
    assert car.summary is None
    assert len(car.expected) == sum(f["subject"] != "other" for f in facts) > 0
    assert car.expected[0].describe() == "14 killed (at_least)"
    # The expected records: their counts, and the records themselves.
    assert ferry.summary is not None and ferry.summary.events[0].location.place == "Kalvik"
    assert [r.describe() for r in ferry.expected] == [
        "4 killed civilians (exact)",
        "11 injured other (at_least)",
        "23 rescued (exact)",
        "150 evacuated (approximately)",
    ]
    # An HTML article is read as its text: no markup, no script.
    assert mine.article.name == "mine_collapse.html"
    assert "copper mine near Calama" in mine.document.text
    assert "<p>" not in mine.document.text and "9000" not in mine.document.text


def test_an_old_gold_status_is_read_as_the_temporal_status(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Two people were killed in 2019.")
    (tmp_path / "a.gold.json").write_text(json.dumps([{
        "quantity": 2, "subject": "killed", "qualifier": "exact", "quote": "Two people",
        "status": "historical",
    }]))  # fmt: skip
    (gold,) = load_gold(tmp_path, MAX)
    assert gold.expected[0].describe(with_status=True) == "2 killed (exact, historical)"


_SUMMARY = {"headline": "h", "summary": "s", "events": []}
_BAD_OUTCOME = {**_SUMMARY, "events": [{"event_type": "Battles", "description": "d",
                "casualties": [{"outcome": "dead", "count": {"value": 2}}]}]}  # fmt: skip


def _files(**files: str | dict[str, Any] | list[Any]) -> Callable[[Path], Path]:
    """A gold directory holding these files (name with "__" for "."), JSON as given."""

    def make(where: Path) -> Path:
        where.mkdir()
        for name, content in files.items():
            text = content if isinstance(content, str) else json.dumps(content)
            (where / name.replace("__", ".")).write_text(text)
        return where

    return make


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: p / "missing", r"missing: no such directory; give a directory",
                     id="no-such-directory"),
        pytest.param(lambda p: _files(a__txt="x")(p) / "a.txt",
                     r"a\.txt: not a directory; give a directory of gold pairs",
                     id="not-a-directory"),
        pytest.param(_files(a__txt="An article.", notes__json="{}"),
                     r"g: no gold pairs in it \(NAME\.expected\.json or NAME\.gold\.json beside",
                     id="no-gold-pairs"),
        pytest.param(_files(a__expected__json=_SUMMARY, b__txt="An article."),
                     r"a\.expected\.json: no article beside it \(a\.txt, \.md, \.html or \.htm\)$",
                     id="expected-without-article"),
        pytest.param(_files(a__expected__json="{'headline': 1}", a__txt="An article."),
                     r"a\.expected\.json: not valid JSON: Expecting property name enclosed in"
                     r" double quotes at line 1, column 2$", id="expected-not-json"),
        pytest.param(_files(a__expected__json=_BAD_OUTCOME, a__txt="An article."),
                     r"a\.expected\.json: not a valid ArticleSummary: "
                     r"events\[0\]\.casualties\[0\]\.outcome: Input should be 'killed', ",
                     id="expected-not-an-article-summary"),
        pytest.param(_files(a__expected__json=[_SUMMARY], a__txt="An article."),
                     r"a\.expected\.json: not a valid ArticleSummary: \(top level\): ",
                     id="expected-a-list"),
        pytest.param(_files(a__gold__json=_SUMMARY, a__txt="An article."),
                     r"a\.gold\.json: not a gold fact list: the file must hold a JSON array$",
                     id="gold-facts-not-a-list"),
        pytest.param(_files(a__gold__json=[{"subject": "killed", "qualifier": "exact"}],
                            a__txt="An article."),
                     r"a\.gold\.json: facts\[0\]\.quantity: missing$", id="gold-fact-bad"),
        pytest.param(_files(a__gold__json=[], a__expected__json=_SUMMARY, a__txt="x"),
                     r"a\.expected\.json and .*a\.gold\.json: two gold files for one article",
                     id="two-gold-files"),
        pytest.param(_files(a__expected__json=_SUMMARY, a__txt="x", a__html="<p>x</p>"),
                     r"a\.expected\.json: several articles beside it \(a\.txt, a\.html\); keep",
                     id="two-articles"),
        pytest.param(_files(a__expected__json=_SUMMARY, a__txt="x" * (MAX + 1)),
                     r"a\.txt: is 100,001 bytes, over the limit of 100,000 bytes",
                     id="article-too-large"),
    ],
)  # fmt: skip
def test_a_bad_gold_directory_is_one_clear_message(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    directory = make(tmp_path / "g")
    with pytest.raises(InputError, match=message) as raised:
        load_gold(directory, MAX)
    assert raised.value.exit_code == 2


@pytest.mark.parametrize("directory", [ROOT / "seeds", EVAL_GOLD], ids=["seeds", "eval_gold"])
def test_every_expected_file_here_is_proven_by_its_article(directory: Path) -> None:
    for article in load_gold(directory, MAX):
        assert article.summary is not None
        report = verify(article.summary, article.document.text)
        assert {f.status for f in report.findings} == {Status.SUPPORTED}, article.name


def test_a_summarize_of_the_seeds_directory_reads_only_the_article() -> None:
    assert [Path(p).name for p in sources([str(ROOT / "seeds")])] == [
        "odesa-kharkiv-2025-06-20.txt"
    ]


# --- running an engine -------------------------------------------------------------------


def test_the_rules_engine_finds_every_count_of_the_two_plain_articles(
    gold: list[GoldArticle],
) -> None:
    engine, _ = choose_engine(Settings(engine="rules"))
    seen: list[str] = []
    report = evaluate(gold, engine, on_article=seen.append)
    assert seen == ["ferry_fire", "mine_collapse"]
    assert (report.engine, report.model) == ("rules", None)
    t = report.totals
    assert (t.counts.expected, t.counts.matched, t.counts.recall) == (6, 6, 1.0)
    assert [a.misses for a in report.articles] == [[], []]
    assert (t.dates.checked, t.dates.right, t.countries.checked, t.countries.right) == (6, 6, 6, 6)
    assert t.verification["failed"] == 0
    assert t.usage == Usage()


def test_a_scripted_engine_is_scored_count_by_count(report: EvalReport) -> None:
    ferry, mine = report.articles
    assert (report.engine, report.model, report.prompt_version) == ("scripted", "fixed-1", "test-7")
    assert ferry.misses == ["11 injured other (at_least); found as 11 injured other (exact)"]
    assert ferry.extras == ["11 injured other (exact)"]
    assert (ferry.counts.expected, ferry.counts.found, ferry.counts.matched) == (4, 4, 3)
    assert mine.misses == []
    assert mine.extras == ["4 missing (exact), restated"]
    assert (mine.counts.expected, mine.counts.found, mine.counts.matched) == (2, 3, 2)
    assert (mine.dates.checked, mine.dates.right) == (2, 0)  # a day late
    assert (mine.countries.checked, mine.countries.right) == (2, 2)
    # The verifier's verdicts: "exactly 11" is a stronger claim than "at least 11".
    assert ferry.verification["qualifier_mismatch"] == 1
    assert ferry.verification["failed"] == 1
    assert mine.verification["failed"] >= 1  # the late date is not the article's
    t = report.totals
    assert (t.counts.expected, t.counts.found, t.counts.matched) == (6, 7, 5)
    assert (t.counts.precision, t.counts.recall, t.counts.f1) == (0.7143, 0.8333, 0.7692)
    assert (t.dates.checked, t.dates.right, t.dates.accuracy) == (5, 3, 0.6)
    assert t.verification["failed"] == ferry.verification["failed"] + mine.verification["failed"]
    assert t.usage == Usage(requests=2, prompt_tokens=200, completion_tokens=40, total_tokens=240)


def test_a_miss_says_what_the_count_was_found_as(gold: list[GoldArticle]) -> None:
    ferry = _expected("ferry_fire")
    ferry["events"][0]["casualties"][0]["count"]["qualifier"] = "at_least"
    answer = ArticleSummary.model_validate(ferry)
    report = evaluate(gold[:1], Scripted([answer]))
    assert report.articles[0].misses == [
        "4 killed civilians (exact); found as 4 killed civilians (at_least)"
    ]


def test_with_status_a_match_needs_the_temporal_status(gold: list[GoldArticle]) -> None:
    mine = _expected("mine_collapse")
    mine["events"][0]["temporal_status"] = "historical"
    answer = ArticleSummary.model_validate(mine)
    loose = evaluate(gold[1:], Scripted([answer]))
    strict = evaluate(gold[1:], Scripted([answer]), with_status=True)
    assert loose.totals.counts.matched == 2
    assert strict.totals.counts.matched == 0
    assert strict.with_status and not loose.with_status
    assert strict.articles[0].misses[0] == (
        "4 missing (exact, current); found as 4 missing (exact, historical)"
    )


@pytest.mark.parametrize("cached", [False, True], ids=["summarize", "asummarize-with-cache"])
def test_an_engine_error_stops_the_run_and_names_the_article(
    gold: list[GoldArticle], tmp_path: Path, cached: bool
) -> None:
    error = ProviderError("the server answered 500", detail="HTTP 500 from the endpoint")
    seen: list[str] = []
    cache = ResultCache(tmp_path) if cached else None
    engine = Scripted([_answers()[0], error, _answers()[1]])
    with pytest.raises(ProviderError) as raised:
        evaluate(gold + gold, engine, cache=cache, on_article=seen.append)
    assert str(raised.value) == "mine_collapse: the server answered 500"
    assert raised.value.exit_code == 3
    assert raised.value.detail == "HTTP 500 from the endpoint"
    assert seen == ["ferry_fire", "mine_collapse"]  # no article after the failing one


def test_an_unexpected_error_keeps_its_type_with_a_note(gold: list[GoldArticle]) -> None:
    with pytest.raises(KeyError) as raised:
        evaluate(gold, Scripted([KeyError("events")]))
    assert raised.value.__notes__ == ["while evaluating ferry_fire"]


class CachedLLM(Scripted):
    """An engine the result cache serves: an "llm" with an async extract."""

    name = "llm"

    def __init__(self, answers: list[ArticleSummary | Exception]) -> None:
        super().__init__(answers)
        self.closed = 0

    async def aextract(self, text: str) -> Extraction:
        return self.extract(text)

    async def aclose(self) -> None:
        self.closed += 1


def test_with_a_cache_an_article_asked_before_is_not_asked_again(
    gold: list[GoldArticle], tmp_path: Path
) -> None:
    cache = ResultCache(tmp_path)
    first_engine, again_engine = CachedLLM(list(_answers())), CachedLLM([])
    first = evaluate(gold, first_engine, cache=cache)
    again = evaluate(gold, again_engine, cache=cache)  # no answers left: any ask would fail
    assert first_engine.answers == [] and (first_engine.closed, again_engine.closed) == (1, 1)
    assert again.totals.counts == first.totals.counts
    assert again.totals.usage == Usage()  # a cached result cost nothing this time
    assert first.totals.usage.requests == 2


def test_the_rules_engine_scores_the_same_with_and_without_a_cache(
    gold: list[GoldArticle], tmp_path: Path
) -> None:
    engine, _ = choose_engine(Settings(engine="rules"))
    with_cache = evaluate(gold, engine, cache=ResultCache(tmp_path))
    assert with_cache == evaluate(gold, engine)


# --- the report ----------------------------------------------------------------------------

_COUNTS = ["expected", "found", "matched", "precision", "recall", "f1"]
_CHECKS = ["checked", "right", "accuracy"]
_VERDICTS = [*(s.value for s in Status), "failed"]
_USAGE = ["requests", "prompt_tokens", "completion_tokens", "total_tokens"]


def test_the_json_has_the_documented_shape(report: EvalReport) -> None:
    data = json.loads(eval_json(report))
    assert set(data) == {"engine", "model", "prompt_version", "with_status", "totals", "articles"}
    totals = data["totals"]
    assert list(totals) == ["counts", "dates", "countries", "verification", "usage"]
    assert list(totals["counts"]) == _COUNTS
    assert list(totals["dates"]) == list(totals["countries"]) == _CHECKS
    assert list(totals["verification"]) == _VERDICTS
    assert list(totals["usage"]) == _USAGE
    article = data["articles"][0]
    assert set(article) == {"name", "counts", "dates", "countries", "verification", "usage",
                            "misses", "extras"}  # fmt: skip
    assert list(article["counts"]) == _COUNTS and list(article["verification"]) == _VERDICTS
    assert EvalReport.model_validate(data) == report  # it reads back as it was written


def test_a_rate_with_nothing_to_divide_is_null(gold: list[GoldArticle]) -> None:
    empty = ArticleSummary.model_validate(_SUMMARY)
    data = json.loads(eval_json(evaluate(gold[:1], Scripted([empty]))))
    assert data["totals"]["counts"] == {"expected": 4, "found": 0, "matched": 0,
                                        "precision": None, "recall": 0.0, "f1": 0.0}  # fmt: skip
    assert data["totals"]["dates"] == {"checked": 0, "right": 0, "accuracy": None}


def test_the_markdown_has_a_row_per_article_a_total_and_the_misses(report: EvalReport) -> None:
    md = eval_markdown(report)
    lines = md.splitlines()
    assert lines[0] == "# Evaluation of the scripted (fixed-1) engine, prompts test-7"
    header = lines.index(
        "| article | expected | found | matched | precision | recall | F1 | dates |"
        " failed numbers |"
    )
    rows = lines[header + 2 : header + 5]
    failed = [a.verification["failed"] for a in report.articles]
    assert rows == [
        f"| ferry\\_fire | 4 | 4 | 3 | 75.0% | 75.0% | 75.0% | 3/3 | {failed[0]} |",
        f"| mine\\_collapse | 2 | 3 | 2 | 66.7% | 100.0% | 80.0% | 0/2 | {failed[1]} |",
        f"| **total** | 6 | 7 | 5 | 71.4% | 83.3% | 76.9% | 3/5 | {sum(failed)} |",
    ]
    misses = md[md.index("## Misses and extras") :]
    assert misses.splitlines()[2:] == [
        "### ferry\\_fire",
        "",
        "- miss: 11 injured other (at\\_least); found as 11 injured other (exact)",
        "- extra: 11 injured other (exact)",
        "",
        "### mine\\_collapse",
        "",
        "- extra: 4 missing (exact), restated",
    ]


def test_the_terminal_table_has_the_same_rows(report: EvalReport) -> None:
    table = eval_table(report)
    assert [c.header for c in table.columns][:4] == ["article", "expected", "found", "matched"]
    assert table.row_count == 3
    console = Console(width=200, record=True)
    console.print(table)
    text = console.export_text()
    assert "ferry_fire" in text and "71.4%" in text and "total" in text


def _totals(expected: int, found: int, matched: int) -> EvalReport:
    totals = Totals(counts=CountScore.of(expected, found, matched), dates=CheckScore(),
                    countries=CheckScore(), verification={}, usage=Usage())  # fmt: skip
    return EvalReport(engine="e", model=None, prompt_version=None, totals=totals, articles=[])


@pytest.mark.parametrize(
    ("counts", "min_recall", "min_precision", "lines"),
    [
        pytest.param((6, 7, 5), None, None, [], id="no-bars"),
        pytest.param((6, 7, 5), 0.8, 0.7, [], id="both-cleared"),
        pytest.param((6, 7, 5), 5 / 6, 5 / 7, [], id="a-rate-at-its-bar-clears-it"),
        pytest.param((6, 7, 5), 0.9, None, ["recall 83.3% (5/6) is below the bar 90.0%"],
                     id="recall-below"),
        pytest.param((6, 7, 5), 0.9, 0.75, ["recall 83.3% (5/6) is below the bar 90.0%",
                                             "precision 71.4% (5/7) is below the bar 75.0%"],
                     id="both-below"),
        pytest.param((0, 0, 0), 0.5, 0.0,
                     ["recall cannot be measured (no counts are expected); the bar is 50.0%"],
                     id="nothing-expected"),
        pytest.param((3, 0, 0), 0.0, 0.5,
                     ["precision cannot be measured (no counts were found); the bar is 50.0%"],
                     id="nothing-found"),
    ],
)  # fmt: skip
def test_below_bar(
    counts: tuple[int, int, int],
    min_recall: float | None,
    min_precision: float | None,
    lines: list[str],
) -> None:
    assert below_bar(_totals(*counts), min_recall, min_precision) == lines
