"""summarize(): document -> engine -> verify -> result; asummarize() for many at once."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from summarizer.cache import ResultCache, cache_key, code_fingerprint
from summarizer.documents import Document, document_from_text
from summarizer.engines import REJECTED, Engine, Extraction, Usage
from summarizer.engines.rules import RulesEngine
from summarizer.locations import geocode
from summarizer.records import SCHEMA_VERSION, ArticleSummary
from summarizer.repair import Repair
from summarizer.report import VerificationReport
from summarizer.settings import Settings
from summarizer.source import Source
from summarizer.verify import verify


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
    repairs: list[Repair] = Field(default_factory=list)  # mended deviations of its answer
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
    settings = settings or Settings()
    engine = engine or choose_engine(settings, client)[0]
    started = time.perf_counter()
    with collector_paused(engine):
        extraction, source = _extract(engine, document)
        return _result(document, engine, extraction, started, settings.strict, source)


async def asummarize(
    document: Document,
    engine: Engine,
    cache: ResultCache | None = None,
    settings: Settings | None = None,
) -> SummaryResult:
    """summarize() for an event loop: the LLM engine awaits its requests, so many
    articles share the loop; with a cache, an article asked the same way before is
    answered from disk (read and written in a thread, off the loop) and verified anew."""
    started = time.perf_counter()
    strict = settings.strict if settings else False
    key = None
    if cache is not None and engine.name == "llm":
        # The engine's own settings say how it asks; `settings` may be anyone's.
        asked = getattr(engine, "settings", None) or settings or Settings()
        key = cache_key(engine.name, engine.model, getattr(engine, "prompt_version", None),
                        asked, document.text)  # fmt: skip
        hit = await asyncio.to_thread(cache.get, key)
        cached = _from_cache(hit, document, engine, started, strict) if hit else None
        if cached is not None:
            return cached
    aextract = getattr(engine, "aextract", None)
    if aextract is not None:
        extraction: Extraction = await aextract(document.text)
        with collector_paused():
            result = _result(document, engine, extraction, started, strict)
    else:  # the rules engine is quick and CPU-bound: no thread would make it quicker
        with collector_paused():
            extraction, source = _extract(engine, document)
            result = _result(document, engine, extraction, started, strict, source)
    if key is not None and cache is not None and extraction.final:
        entry = CachedAnswer(code=code_fingerprint(), extraction=extraction)
        await asyncio.to_thread(cache.put, key, entry.model_dump_json())
    return result


class CachedAnswer(BaseModel):
    """A cache entry: the engine's extraction, and the code that judged it."""

    code: str
    extraction: Extraction


def _from_cache(
    stored: str, document: Document, engine: Engine, started: float, strict: bool
) -> SummaryResult | None:
    """A stored extraction as a result. Its verdicts stand if this code made them;
    otherwise its records are verified again, keeping the findings of answers the schema
    rejected, since no verifier makes those. None for an entry that does not read."""
    try:
        entry = CachedAnswer.model_validate_json(stored)
    except ValidationError:
        return None
    extraction = entry.extraction
    stored_findings = extraction.verification.findings if extraction.verification else []
    with collector_paused():
        if entry.code != code_fingerprint() or extraction.verification is None:
            rejected = [f for f in stored_findings if f.path.startswith(REJECTED)]
            checked = verify(extraction.summary, document.text).findings + rejected
            extraction = extraction.model_copy(
                update={"verification": VerificationReport.of(checked)}
            )
        extraction = extraction.model_copy(update={"usage": Usage()})
        result = _result(document, engine, extraction, started, strict)
    return result.model_copy(update={"cached": True})


def _extract(engine: Engine, document: Document) -> tuple[Extraction, Source | None]:
    """The engine's records, and the scanned source when the engine read it from one (the
    rules engine builds its records from the same scan the verifier needs)."""
    extract_from = getattr(engine, "extract_from", None)
    if extract_from is None:
        return engine.extract(document.text), None
    source = Source(document.text)
    extraction: Extraction = extract_from(source)
    return extraction, source


def _result(
    document: Document,
    engine: Engine,
    extraction: Extraction,
    started: float,
    strict: bool,
    source: Source | None = None,
) -> SummaryResult:
    extracted = time.perf_counter()
    if extraction.verification is not None:  # the LLM engine verified its own answers
        report = VerificationReport.of(extraction.verification.findings, strict=strict)
    else:
        report = verify(extraction.summary, source or document.text, strict=strict)
    done = time.perf_counter()
    return SummaryResult(
        document_id=document.id,
        path=document.path,
        engine=engine.name,
        model=engine.model,
        prompt_version=extraction.prompt_version,
        # Coordinates are looked up, not read from the text: no verdict rests on them.
        summary=geocode(extraction.summary),
        verification=report,
        attempts=extraction.attempts,
        repairs=extraction.repairs,
        usage=extraction.usage,
        timings=Timings(
            extract_ms=round((extracted - started) * 1000, 3),
            verify_ms=round((done - extracted) * 1000, 3),
            total_ms=round((done - started) * 1000, 3),
        ),
        warnings=list(document.warnings),
    )


@contextmanager
def collector_paused(engine: Engine | None = None) -> Iterator[None]:
    """No cyclic garbage collection while one article is worked on (the LLM engine's
    requests excepted): its scan, records and findings are many objects that live until
    it is done, and each full collection would walk them all again, so a long article
    would take more than its length's share of time. Collection resumes, and catches
    up, afterwards."""
    if (engine is not None and engine.name == "llm") or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
