"""summarize(): document -> engine -> verify -> result; asummarize() for many at once."""

from __future__ import annotations

import time
from typing import Any

from pydantic import BaseModel, Field

from summarizer.cache import ResultCache, cache_key
from summarizer.documents import Document, document_from_text
from summarizer.engines import Engine, Extraction, Usage
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
    cached: bool = False  # served from the result cache: no request was made
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

    The engine is `engine` if given, else the one `settings` choose (see
    choose_engine); `client` is a ready `openai` or instructor client for the LLM engine.
    """
    document = text if isinstance(text, Document) else document_from_text(text)
    engine = engine or choose_engine(settings or Settings(), client)[0]
    started = time.perf_counter()
    extraction = engine.extract(document.text)
    return _result(document, engine, extraction, started)


async def asummarize(
    document: Document, engine: Engine, cache: ResultCache | None = None,
    settings: Settings | None = None,
) -> SummaryResult:
    """summarize() for an event loop: the LLM engine awaits its requests, so many
    articles share the loop; with a cache, an article asked the same way before is
    answered from disk."""  # fmt: skip
    started = time.perf_counter()
    key = None
    if cache is not None and engine.name == "llm":
        key = cache_key(engine.name, engine.model, getattr(engine, "prompt_version", None),
                        settings or Settings(), document.text)  # fmt: skip
        hit = cache.get(key)
        if hit is not None:
            return _from_cache(hit, document, started)
    aextract = getattr(engine, "aextract", None)
    if aextract is not None:
        extraction: Extraction = await aextract(document.text)
    else:  # the rules engine is quick and CPU-bound: no thread would make it quicker
        extraction = engine.extract(document.text)
    result = _result(document, engine, extraction, started)
    if key is not None and cache is not None:
        cache.put(key, result.model_dump_json())
    return result


def _from_cache(stored: str, document: Document, started: float) -> SummaryResult:
    result = SummaryResult.model_validate_json(stored)
    total = round((time.perf_counter() - started) * 1000, 3)
    return result.model_copy(update={
        "document_id": document.id, "path": document.path, "cached": True, "usage": Usage(),
        "timings": Timings(extract_ms=0, verify_ms=0, total_ms=total),
        "warnings": list(document.warnings),
    })  # fmt: skip


def _result(
    document: Document, engine: Engine, extraction: Extraction, started: float
) -> SummaryResult:
    extracted = time.perf_counter()
    report = extraction.verification or verify(extraction.summary, document.text)
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


def choose_engine(settings: Settings, client: Any = None) -> tuple[Engine, str | None]:
    """The engine the settings ask for, and, when `auto` falls back to the rules engine,
    why: llm, or auto with a client or an endpoint and model, is the LLM engine."""
    from summarizer.settings import EngineChoice

    wants_llm = settings.engine is EngineChoice.LLM or (
        settings.engine is EngineChoice.AUTO and (client is not None or settings.llm_configured)
    )
    if wants_llm:
        from summarizer.engines.llm import LLMEngine  # the SDKs load only when used

        return LLMEngine(settings, client=client), None
    if settings.engine is EngineChoice.RULES:
        return RulesEngine(), None
    reason = (
        "no model configured (set SUMMARIZER_MODEL or --model)"
        if settings.base_url or settings.api_key
        else "no LLM endpoint configured"
    )
    return RulesEngine(), f"{reason}; using the offline rules engine"
