"""Gold directories: articles beside the records a careful coder would write of them.

A gold directory holds pairs: `NAME.txt` (or `.md`, `.html`, `.htm`) and
`NAME.expected.json`, an ArticleSummary (or a whole `summarize` result corrected by
hand), or `NAME.gold.json`, the older list of gold facts of
benchmarks/corpus_accuracy.py and the shared dev corpus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from summarizer import scoring
from summarizer.documents import DEFAULT_MAX_BYTES, Document, refuse_special_file
from summarizer.errors import InputError, first_problem
from summarizer.inputs import ARTICLE_SUFFIXES, load_article
from summarizer.records import ArticleSummary
from summarizer.summaries import parse_json

EXPECTED_SUFFIX = ".expected.json"
GOLD_FACTS_SUFFIX = ".gold.json"


@dataclass(frozen=True)
class GoldArticle:
    """One article of a gold directory and the counts expected of it."""

    name: str
    article: Path
    gold: Path  # NAME.expected.json or NAME.gold.json
    document: Document
    expected: tuple[scoring.CountRecord, ...]
    summary: ArticleSummary | None = None  # the expected records; None for a gold fact list


def load_gold(directory: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[GoldArticle]:
    """Every gold pair of `directory`, sorted by name. InputError says what is wrong
    with the first bad one."""
    if not directory.is_dir():
        why = "not a directory" if directory.exists() else "no such directory"
        raise InputError(f"{directory}: {why}; give a directory of gold pairs")
    found = _gold_files(directory)
    if not found:
        raise InputError(
            f"{directory}: no gold pairs in it (NAME{EXPECTED_SUFFIX} or NAME{GOLD_FACTS_SUFFIX}"
            " beside NAME.txt, .md or .html)"
        )
    return [_gold_article(name, gold, max_bytes) for name, gold in sorted(found.items())]


def _gold_files(directory: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for suffix in (EXPECTED_SUFFIX, GOLD_FACTS_SUFFIX):
        for gold in directory.glob(f"*{suffix}"):
            name = gold.name.removesuffix(suffix)
            if name in found:
                # Scoring both would count the article twice.
                raise InputError(
                    f"{found[name]} and {gold}: two gold files for one article; keep one"
                )
            found[name] = gold
    return found


def _gold_article(name: str, gold: Path, max_bytes: int) -> GoldArticle:
    article = _article_beside(name, gold)
    summary = _expected_summary(gold) if gold.name.endswith(EXPECTED_SUFFIX) else None
    document = load_article(article, max_bytes)
    expected = (
        scoring.count_records(summary) if summary is not None else _gold_facts(gold, document.text)
    )
    return GoldArticle(name, article, gold, document, tuple(expected), summary)


def _article_beside(name: str, gold: Path) -> Path:
    beside = [gold.with_name(name + s) for s in ARTICLE_SUFFIXES]
    beside = [p for p in beside if p.is_file()]
    if not beside:
        raise InputError(f"{gold}: no article beside it ({name}.txt, .md, .html or .htm)")
    if len(beside) > 1:
        names = ", ".join(p.name for p in beside)
        raise InputError(f"{gold}: several articles beside it ({names}); keep one")
    return beside[0]


def _read_json(path: Path) -> Any:
    refuse_special_file(str(path))  # a FIFO would block read_text() until a writer came
    try:
        return parse_json(path.read_text(encoding="utf-8"), str(path))
    except json.JSONDecodeError as e:
        raise InputError(
            f"{path}: not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}"
        ) from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or type(e).__name__})") from None


def _expected_summary(path: Path) -> ArticleSummary:
    data = _read_json(path)
    if isinstance(data, dict) and isinstance(data.get("summary"), dict):
        data = data["summary"]  # a whole result of 'summarize', corrected by hand
    try:
        return ArticleSummary.model_validate(data)
    except ValidationError as e:
        raise InputError(f"{path}: not a valid ArticleSummary: {first_problem(e)}") from None


def _gold_facts(path: Path, text: str) -> list[scoring.CountRecord]:
    data = _read_json(path)
    if not isinstance(data, list):
        raise InputError(f"{path}: not a gold fact list: the file must hold a JSON array")
    try:
        return scoring.records_from_gold_facts(data, text)
    except ValueError as e:
        raise InputError(f"{path}: {e}") from None
