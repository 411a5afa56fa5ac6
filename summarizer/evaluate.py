"""`summarizer eval`: run an engine over the articles of a gold directory
(`summarizer.gold`), verify each result, and match its count records to the expected
ones (`summarizer.scoring`). The report's renderings are in `summarizer.render`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from pydantic import BaseModel, Field

from summarizer import scoring
from summarizer.cache import ResultCache
from summarizer.engines import Engine, Usage
from summarizer.errors import SummarizerError
from summarizer.gold import GoldArticle
from summarizer.pipeline import SummaryResult, asummarize, summarize
from summarizer.report import Status, failing
from summarizer.settings import Settings

# --- the report ------------------------------------------------------------------------


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


class CountScore(BaseModel):
    """Found count records against expected ones."""

    expected: int = 0  # distinct expected counts (a restated toll is one)
    found: int = 0
    matched: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None

    @classmethod
    def of(cls, expected: int, found: int, matched: int) -> CountScore:
        return cls(
            expected=expected,
            found=found,
            matched=matched,
            precision=_rate(scoring.precision(matched, found)),
            recall=_rate(scoring.recall(matched, expected)),
            f1=_rate(scoring.f1(matched, expected, found)),
        )


class CheckScore(BaseModel):
    """Dates or countries of the matched counts whose expected record gives one."""

    checked: int = 0
    right: int = 0
    accuracy: float | None = None

    @classmethod
    def of(cls, checked: int, right: int) -> CheckScore:
        return cls(checked=checked, right=right, accuracy=_rate(scoring.ratio(right, checked)))


class ArticleScore(BaseModel):
    name: str
    counts: CountScore
    dates: CheckScore
    countries: CheckScore
    verification: dict[str, int] = Field(
        description="Findings of each verdict, and 'failed': those that fail the check."
    )
    usage: Usage = Field(default_factory=Usage)
    misses: list[str] = Field(default_factory=list, description="Expected counts not found.")
    extras: list[str] = Field(
        default_factory=list, description="Found counts not expected, or restated."
    )


class Totals(BaseModel):
    counts: CountScore
    dates: CheckScore
    countries: CheckScore
    verification: dict[str, int]
    usage: Usage

    @classmethod
    def of(cls, articles: Sequence[ArticleScore]) -> Totals:
        """The sums over the articles, and the rates of the sums."""
        verification = dict.fromkeys([*(s.value for s in Status), "failed"], 0)
        for a in articles:
            for name, n in a.verification.items():
                verification[name] = verification.get(name, 0) + n
        return cls(
            counts=CountScore.of(
                sum(a.counts.expected for a in articles),
                sum(a.counts.found for a in articles),
                sum(a.counts.matched for a in articles),
            ),
            dates=_sum_checks(a.dates for a in articles),
            countries=_sum_checks(a.countries for a in articles),
            verification=verification,
            usage=_sum_usage(a.usage for a in articles),
        )


def _sum_usage(usages: Iterable[Usage]) -> Usage:
    listed = list(usages)
    return Usage(**{name: sum(getattr(u, name) for u in listed) for name in Usage.model_fields})


def _sum_checks(scores: Iterable[CheckScore]) -> CheckScore:
    listed = list(scores)
    return CheckScore.of(sum(s.checked for s in listed), sum(s.right for s in listed))


class EvalReport(BaseModel):
    """An engine's scores on a gold directory."""

    engine: str
    model: str | None
    prompt_version: str | None
    with_status: bool = Field(
        default=False, description="Did a match also need the event's temporal status?"
    )
    totals: Totals
    articles: list[ArticleScore]


# --- running ---------------------------------------------------------------------------


def evaluate(
    gold: Sequence[GoldArticle],
    engine: Engine,
    *,
    settings: Settings | None = None,
    cache: ResultCache | None = None,
    on_article: Callable[[str], None] | None = None,
    with_status: bool = False,
) -> EvalReport:
    """Run `engine` on each gold article in turn, verify and score it.

    With a `cache`, articles go through `asummarize` in one event loop and an LLM answer
    asked the same way before is read from it; without, through `summarize`.
    `on_article` is called with each article's name before it runs. The first engine
    error stops the run: it is raised with the same type and exit code, its message
    starting with the article's name. `with_status`: a match also needs the temporal
    status of the event to agree.
    """
    settings = settings or Settings()
    results = _run_all(gold, engine, settings, cache, on_article)
    articles = [
        score_article(g, r, with_status=with_status, strict=settings.strict)
        for g, r in zip(gold, results, strict=True)
    ]
    versions = [r.prompt_version for r in results if r.prompt_version]
    return EvalReport(
        engine=engine.name,
        model=engine.model,
        prompt_version=getattr(engine, "prompt_version", None) or next(iter(versions), None),
        with_status=with_status,
        totals=Totals.of(articles),
        articles=articles,
    )


def _run_all(
    gold: Sequence[GoldArticle],
    engine: Engine,
    settings: Settings,
    cache: ResultCache | None,
    on_article: Callable[[str], None] | None,
) -> list[SummaryResult]:
    if cache is not None:
        return asyncio.run(_arun_all(gold, engine, settings, cache, on_article))
    results = []
    for article in gold:
        if on_article is not None:
            on_article(article.name)
        with _naming(article.name):
            results.append(summarize(article.document, engine=engine, settings=settings))
    return results


async def _arun_all(
    gold: Sequence[GoldArticle],
    engine: Engine,
    settings: Settings,
    cache: ResultCache,
    on_article: Callable[[str], None] | None,
) -> list[SummaryResult]:
    results = []
    try:
        for article in gold:
            if on_article is not None:
                on_article(article.name)
            with _naming(article.name):
                results.append(await asummarize(article.document, engine, cache, settings))
    finally:
        close = getattr(engine, "aclose", None)
        if close is not None:  # the LLM engine's connections belong to this loop
            await close()
    return results


@contextmanager
def _naming(name: str) -> Iterator[None]:
    """Errors of one article say which: the same error, so its type and exit code stay."""
    try:
        yield
    except SummarizerError as error:
        error.args = (f"{name}: {error}", *error.args[1:])
        raise
    except Exception as error:
        error.add_note(f"while evaluating {name}")
        raise


def score_article(
    article: GoldArticle, result: SummaryResult, *, with_status: bool = False, strict: bool = False
) -> ArticleScore:
    """One article's result held against its gold."""
    found = scoring.count_records(result.summary)
    m = scoring.match(found, article.expected, with_status=with_status)
    dates = scoring.date_checks(m.pairs)
    countries = scoring.country_checks(m.pairs)
    misses = []
    for same in m.misses:
        near = "; ".join(r.describe(with_status) for r in scoring.near(same[0], found))
        misses.append(same[0].describe(with_status) + (f"; found as {near}" if near else ""))
    extras = [
        e.record.describe(with_status) + (", restated" if e.why == "restated" else "")
        for e in m.extras
    ]
    return ArticleScore(
        name=article.name,
        counts=CountScore.of(m.expected, m.found, m.matched),
        dates=CheckScore.of(len(dates), sum(c.right for c in dates)),
        countries=CheckScore.of(len(countries), sum(c.right for c in countries)),
        verification=verification_counts(result, strict),
        usage=result.usage,
        misses=misses,
        extras=extras,
    )


def verification_counts(result: SummaryResult, strict: bool = False) -> dict[str, int]:
    """Findings of each verdict, and "failed": those that fail the check."""
    counts = {s.value: result.verification.counts.get(s, 0) for s in Status}
    counts["failed"] = sum(counts[s.value] for s in failing(strict))
    return counts


def below_bar(
    report: EvalReport, min_recall: float | None = None, min_precision: float | None = None
) -> list[str]:
    """A line for each total under its bar (none: the run passes). A rate with nothing
    to measure (no counts expected, or none found) is under any bar above 0."""
    c = report.totals.counts
    lines = []
    for name, bar, part, whole, nothing in (
        ("recall", min_recall, c.matched, c.expected, "no counts are expected"),
        ("precision", min_precision, c.matched, c.found, "no counts were found"),
    ):
        if not bar:  # no bar, or a bar of 0, which anything clears
            continue
        if not whole:
            lines.append(f"{name} cannot be measured ({nothing}); the bar is {bar:.1%}")
        elif part / whole < bar:  # the exact rate: the report's is rounded
            lines.append(f"{name} {part / whole:.1%} ({part}/{whole}) is below the bar {bar:.1%}")
    return lines
