"""summarize(): document -> engine -> verify -> result."""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field

from summarizer.documents import Document, document_from_text
from summarizer.engines import Engine, Usage
from summarizer.engines.rules import RulesEngine
from summarizer.records import SCHEMA_VERSION, ArticleSummary
from summarizer.settings import Settings
from summarizer.verify import VerificationReport, verify


class Timings(BaseModel):
    extract_ms: float
    verify_ms: float
    total_ms: float


class SummaryResult(BaseModel):
    """One article's records, their verification, and how they were made."""

    document_id: str
    path: str | None
    engine: str
    model: str | None
    prompt_version: str | None = None
    schema_version: str = SCHEMA_VERSION
    summary: ArticleSummary
    verification: VerificationReport
    attempts: int = 1
    usage: Usage = Field(default_factory=Usage)
    timings: Timings
    warnings: list[str] = Field(default_factory=list)


def summarize(
    text: str | Document,
    *,
    engine: Engine | None = None,
    client: Any = None,
    settings: Settings | None = None,
) -> SummaryResult:
    """Extract an article's records and verify every number in them against it.

    The engine is `engine` if given; else the LLM engine over `client` (a ready
    `openai.OpenAI` or instructor client) when one is passed or `settings` configure an
    endpoint and model; else the offline rules engine.
    """
    document = text if isinstance(text, Document) else document_from_text(text)
    engine = engine or _default_engine(client, settings or Settings())
    started = time.perf_counter()
    extraction = engine.extract(document.text)
    extracted = time.perf_counter()
    report = verify(extraction.summary, document.text)
    done = time.perf_counter()
    return SummaryResult(
        document_id=document.id,
        path=document.path,
        engine=engine.name,
        model=engine.model,
        prompt_version=extraction.prompt_version,
        summary=extraction.summary,
        verification=report,
        attempts=extraction.attempts,
        usage=extraction.usage,
        timings=Timings(
            extract_ms=round((extracted - started) * 1000, 3),
            verify_ms=round((done - extracted) * 1000, 3),
            total_ms=round((done - started) * 1000, 3),
        ),
        warnings=list(document.warnings),
    )


def _default_engine(client: Any, settings: Settings) -> Engine:
    if client is not None or settings.llm_configured:
        from summarizer.engines.llm import LLMEngine  # the SDKs load only when used

        return LLMEngine(settings, client=client)
    return RulesEngine()
