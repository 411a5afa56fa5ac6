"""Batch jobs for the OpenAI Batch API and `vllm run-batch`: one chat request a line,
built exactly as the online engine builds it, written to request files beside a job
file that records what was asked, and how."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarizer import chunks
from summarizer.cache import ResultCache, cache_key, endpoint
from summarizer.engines.llm import LLMEngine
from summarizer.errors import InputError
from summarizer.inputs import Item
from summarizer.outputs import write_atomic
from summarizer.records import SCHEMA_VERSION
from summarizer.settings import Settings

CHAT_PATH = "/v1/chat/completions"
JOB_FORMAT = 1
# The request settings a job records: how every line was asked (never the key).
_RECORDED = ("mode", "strict_schema", "temperature", "reasoning", "reasoning_effort", "seed",
             "max_output_tokens", "validation_retries", "reask", "chunk_chars")  # fmt: skip


class RequestFile(BaseModel):
    """One request file of a job: a batch's input."""

    path: str  # beside the job file
    requests: int
    bytes: int


class Article(BaseModel):
    """An article of a job: its id, and the custom ids of its requests (one a part)."""

    id: str
    custom_ids: list[str] = Field(default_factory=list)
    cached: bool = False  # its answer was in the cache: nothing requested
    error: str | None = None  # it could not be read


class BatchJob(BaseModel):
    """What `batch prepare` wrote, and how: enough to submit, and to collect the answers
    as the online engine would have read them."""

    format: int = JOB_FORMAT
    created: str
    inputs: list[str]
    model: str
    endpoint: str
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    settings: dict[str, Any]
    articles: list[Article]
    request_files: list[RequestFile]


def custom_id(article_id: str, part: int, parts: int) -> str:
    """A request's custom id: the article's id, with its part when it has several."""
    return article_id if parts == 1 else f"{article_id}#{part}/{parts}"


def prepare_batch(
    items: Iterable[Item],
    settings: Settings,
    job_path: Path,
    inputs: list[str],
    cache: ResultCache | None = None,
    engine: LLMEngine | None = None,
) -> BatchJob:
    """Write the request files of these articles beside `job_path`, and the job file;
    nothing is sent. An article whose answer is in the cache is not requested."""
    return asyncio.run(aprepare_batch(items, settings, job_path, inputs, cache, engine))


async def aprepare_batch(
    items: Iterable[Item],
    settings: Settings,
    job_path: Path,
    inputs: list[str],
    cache: ResultCache | None = None,
    engine: LLMEngine | None = None,
) -> BatchJob:
    engine = engine or LLMEngine(settings)
    asked = engine.settings
    assert engine.model is not None  # LLMEngine refuses to be made without one
    writer = _RequestWriter(job_path, asked.batch_max_requests, asked.batch_max_bytes)
    articles: list[Article] = []
    seen: set[str] = set()
    try:
        for item in items:
            if item.id in seen:
                raise InputError(f"{item.path}: the id {item.id!r} is given twice")
            seen.add(item.id)
            if item.document is None:
                articles.append(Article(id=item.id, error=str(item.error)))
                continue
            text = item.document.text
            key = cache_key("llm", engine.model, engine.prompt_version, asked, text)
            if cache is not None and cache.get(key) is not None:
                articles.append(Article(id=item.id, cached=True))
                continue
            parts = chunks.split(text, asked.chunk_chars)
            article = Article(id=item.id)
            for number, part in enumerate(parts, 1):
                body = await engine.request_body(engine.prompts.messages(part, number, len(parts)))
                line_id = custom_id(item.id, number, len(parts))
                writer.write({"custom_id": line_id, "method": "POST", "url": CHAT_PATH,
                              "body": body})  # fmt: skip
                article.custom_ids.append(line_id)
            articles.append(article)
    finally:
        files = writer.close()
    job = BatchJob(
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        inputs=inputs,
        model=engine.model,
        endpoint=endpoint(asked.base_url),
        prompt_version=engine.prompt_version,
        settings={name: _plain(getattr(asked, name)) for name in _RECORDED},
        articles=articles,
        request_files=files,
    )
    write_job(job, job_path)
    return job


def write_job(job: BatchJob, path: Path) -> None:
    """Write a job file atomically: a reader sees the old one or the new one, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(job.model_dump_json(indent=2), path)


def read_job(path: Path) -> BatchJob:
    try:
        return BatchJob.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such job file") from None
    except ValueError as error:
        raise InputError(f"{path}: not a job file of this tool ({error})") from None


class _RequestWriter:
    """Request lines into `JOB.requests-N.jsonl` files beside the job file, a new file
    before either limit of the Batch API (requests, bytes) would be passed."""

    def __init__(self, job_path: Path, max_requests: int, max_bytes: int) -> None:
        self._stem = job_path.with_suffix("")
        self._max_requests = max_requests
        self._max_bytes = max_bytes
        self._files: list[RequestFile] = []
        self._out: Any = None

    def write(self, line: dict[str, Any]) -> None:
        data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        if len(data) > self._max_bytes:
            raise InputError(
                f"request {line['custom_id']!r} alone is {len(data):,} bytes, over the "
                f"{self._max_bytes:,} bytes of a batch file"
            )
        last = self._files[-1] if self._files else None
        if (
            last is None
            or last.requests >= self._max_requests
            or last.bytes + len(data) > self._max_bytes
        ):
            self._next_file()
        current = self._files[-1]
        self._out.write(data)
        current.requests += 1
        current.bytes += len(data)

    def _next_file(self) -> None:
        if self._out is not None:
            self._out.close()
        path = Path(f"{self._stem}.requests-{len(self._files) + 1}.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        self._out = path.open("wb")
        self._files.append(RequestFile(path=path.name, requests=0, bytes=0))

    def close(self) -> list[RequestFile]:
        if self._out is not None:
            self._out.close()
            self._out = None
        return self._files


def _plain(value: Any) -> Any:
    """A setting as JSON holds it: an enum by its value."""
    return getattr(value, "value", value)
