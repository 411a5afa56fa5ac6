"""Batch jobs for the OpenAI Batch API and `vllm run-batch`: one chat request a line,
built exactly as the online engine builds it, written to request files beside a job
file that records what was asked, and how."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, NamedTuple

from openai.types.chat import ChatCompletion
from pydantic import BaseModel, Field, ValidationError

from summarizer import chunks
from summarizer.batch import BatchLine, summarize_all
from summarizer.cache import REQUEST_SETTINGS, ResultCache, cache_key, endpoint
from summarizer.engines import Extraction, Usage
from summarizer.engines.llm import LLMEngine, assemble
from summarizer.errors import InputError, ProviderError
from summarizer.inputs import Item, items
from summarizer.outputs import write_atomic
from summarizer.pipeline import collector_paused
from summarizer.prompts import Message, Prompts
from summarizer.records import SCHEMA_VERSION, ArticleSummary
from summarizer.repair import LenientSummary, answer_json, partial
from summarizer.report import FAILING, Finding, VerificationReport
from summarizer.settings import Settings
from summarizer.source import Source
from summarizer.verify import verify

CHAT_PATH: Literal["/v1/chat/completions"] = "/v1/chat/completions"
# A batch in one of these has its last word: its output (partial when it expired or
# was cancelled) can be downloaded.
ENDED = ("completed", "expired", "cancelled", "failed")
JOB_FORMAT = 1


class RequestFile(BaseModel):
    """One request file of a job: a batch's input."""

    path: str  # beside the job file
    requests: int
    bytes: int
    round: int = 1  # 1: the first requests; 2 on: re-asks about numbers that failed


class Article(BaseModel):
    """An article of a job: its id, and the custom ids of its requests (one a part)."""

    id: str
    digest: str | None = None  # the SHA-256 of its text, by which its answers are found
    custom_ids: list[str] = Field(default_factory=list)
    cached: bool = False  # its answer was in the cache: nothing requested
    error: str | None = None  # it could not be read
    reasks: list[str] = Field(default_factory=list)  # custom ids of its re-asks


class Submitted(BaseModel):
    """A request file sent to the Batch API, and the batch made of it."""

    request_file: str
    input_file_id: str
    batch_id: str
    status: str
    output_file_id: str | None = None
    error_file_id: str | None = None
    request_counts: dict[str, int] = Field(default_factory=dict)

    @property
    def ended(self) -> bool:
        return self.status in ENDED


class BatchJob(BaseModel):
    """What `batch prepare` wrote, and how: enough to submit, and to collect the answers
    as the online engine would have read them."""

    format: int = JOB_FORMAT
    created: str
    inputs: list[str]
    model: str
    endpoint: str
    prompt_version: str
    prompts_dir: str | None = None  # the templates, when not the package's own
    schema_version: str = SCHEMA_VERSION
    settings: dict[str, Any]
    articles: list[Article]
    request_files: list[RequestFile]
    batches: list[Submitted] = Field(default_factory=list)

    @property
    def rounds(self) -> int:
        """Rounds of requests written: the first, and one a re-ask round."""
        return max((f.round for f in self.request_files), default=1)

    def unsent(self) -> list[str]:
        """The request files not yet made into a batch."""
        sent = {b.request_file for b in self.batches}
        return [f.path for f in self.request_files if f.path not in sent]


def custom_id(article_id: str, part: int, parts: int) -> str:
    """A request's custom id: the article's id, with its part when it has several."""
    return article_id if parts == 1 else f"{article_id}#{part}/{parts}"


def reask_id(request: str, round: int) -> str:
    """The custom id of a request's re-ask in a later round."""
    return f"{request}#round{round}"


# An article id that ends as a re-ask's custom id does could be taken for one.
_REASK_ID = re.compile(r"#round\d+$")


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
    writer = _RequestWriter(job_path.with_suffix(""), asked.batch_max_requests,
                            asked.batch_max_bytes)  # fmt: skip
    bodies = _Bodies(engine)
    articles: list[Article] = []
    seen: set[str] = set()
    try:
        for item in items:
            if item.id in seen:
                raise InputError(f"{item.path}: the id {item.id!r} is given twice")
            if _REASK_ID.search(item.id):
                raise InputError(f"{item.path}: the id {item.id!r} ends as the custom id of a "
                                 "re-ask does (#roundN); give the article another")  # fmt: skip
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
            article = Article(id=item.id, digest=item.document.id)
            for number, part in enumerate(parts, 1):
                body = await bodies.body(engine.prompts.messages(part, number, len(parts)))
                line_id = custom_id(item.id, number, len(parts))
                writer.write(line_id, body)
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
        prompts_dir=None if asked.prompts_dir is None else str(asked.prompts_dir),
        settings={name: _plain(getattr(asked, name)) for name in REQUEST_SETTINGS},
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


class _Bodies:
    """Request bodies as JSON text. instructor turns the system message into its mode's
    and passes an article's own message through unchanged, so one body is built the
    engine's way for each system message, with markers where the articles' messages
    go, and each article's body is that text with its words put in their place: the
    same body, at a small part of the cost. (Where a marker is not found once, every
    body is built whole.)"""

    def __init__(self, engine: LLMEngine) -> None:
        self._engine = engine
        self._templates: dict[tuple[tuple[str, str | None], ...], str | None] = {}

    async def body(self, messages: list[Message]) -> str:
        shape = tuple((m["role"], m["content"] if m["role"] == "system" else None)
                      for m in messages)  # fmt: skip
        if shape not in self._templates:
            self._templates[shape] = await self._template(messages)
        template = self._templates[shape]
        if template is None:
            return _compact(await self._engine.request_body(messages))
        for i, message in enumerate(messages):
            if message["role"] != "system":
                template = template.replace(_marker(i), _compact(message["content"])[1:-1], 1)
        return template

    async def _template(self, messages: list[Message]) -> str | None:
        probe: list[Message] = [
            m if m["role"] == "system" else {**m, "content": _marker(i)}
            for i, m in enumerate(messages)
        ]
        text = _compact(await self._engine.request_body(probe))
        fits = all(text.count(_marker(i)) == 1 for i, m in enumerate(probe)
                   if m["role"] != "system")  # fmt: skip
        return text if fits else None


def _marker(i: int) -> str:
    return f"@@summarizer-message-{i}@@"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _RequestWriter:
    """Request lines into `STEM.requests-N.jsonl` files, a new file before either limit
    of the Batch API (requests, bytes) would be passed; none until a line is written."""

    def __init__(self, stem: Path, max_requests: int, max_bytes: int, round: int = 1) -> None:
        self._stem = stem
        self._max_requests = max_requests
        self._max_bytes = max_bytes
        self._round = round
        self._files: list[RequestFile] = []
        self._out: Any = None

    def write(self, request: str, body: str) -> None:
        """One line: the request's custom id and its body, as JSON text."""
        head = {"custom_id": request, "method": "POST", "url": CHAT_PATH}
        data = (_compact(head)[:-1] + ',"body":' + body + "}\n").encode()
        if len(data) > self._max_bytes:
            raise InputError(
                f"request {request!r} alone is {len(data):,} bytes, over the "
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
        self._files.append(RequestFile(path=path.name, requests=0, bytes=0, round=self._round))

    def close(self) -> list[RequestFile]:
        if self._out is not None:
            self._out.close()
            self._out = None
        return self._files


def _plain(value: Any) -> Any:
    """A setting as JSON holds it: an enum by its value."""
    return getattr(value, "value", value)


class Answer(BaseModel):
    """One request's answer in a batch output file: the chat completion, or the error."""

    body: dict[str, Any] | None = None
    error: str | None = None


def endpoint_engine(job: Path | BatchJob, settings: Settings | None = None) -> LLMEngine:
    """An engine for the endpoint's other APIs, as the job's model: `settings` (the
    environment's when None) give the endpoint and the key."""
    settings = settings or Settings()
    job_model = {"model": (job if isinstance(job, BatchJob) else read_job(job)).model}
    return LLMEngine(settings.model_copy(update=job_model), chat=False)


def submit_batch(job_path: Path, settings: Settings | None = None) -> BatchJob:
    """`asubmit_batch` for callers without an event loop."""
    return asyncio.run(asubmit_batch(job_path, endpoint_engine(job_path, settings)))


def batch_status(
    job_path: Path, settings: Settings | None = None, cancel: bool = False
) -> BatchJob:
    """`astatus` for callers without an event loop."""
    return asyncio.run(astatus(job_path, endpoint_engine(job_path, settings), cancel))


def batch_answers(
    job_path: Path,
    responses: list[Path] | None = None,
    settings: Settings | None = None,
    reask: bool = False,
) -> BatchAnswers | None:
    """The engine that reads a job's answers from `responses` or, without them, from its
    batches' output, downloaded once every batch has ended (None before). With `reask`,
    it also writes the next round's requests (see `finish_round`)."""
    job = read_job(job_path)  # its articles and requests: what a download does not change
    if responses:
        files: list[Path] | None = list(responses)
    else:
        files = asyncio.run(adownload(job_path, endpoint_engine(job, settings)))
    if files is None:
        return None
    limits = settings or Settings()
    asking = _NextRound(job, job_path, limits) if reask else None
    return BatchAnswers(job, Answers(files), asking, local=bool(responses))


def collect_batch(
    job_path: Path,
    responses: list[Path] | None = None,
    settings: Settings | None = None,
    cache: ResultCache | None = None,
    strict: bool = False,
    reask: bool = False,
) -> Iterator[BatchLine] | None:
    """The lines of a job's articles, in input order, as `summarize_many` gives them,
    read from `responses` or, without them, from the batches' output, downloaded once
    every batch has ended (None before). `settings` give the endpoint and the key. With
    `reask`, once the lines are read, the articles whose numbers failed are asked
    again in a new round (`finish_round`), which a later collect merges."""
    engine = batch_answers(job_path, responses, settings, reask)
    if engine is None:
        return None
    asked = engine.settings.model_copy(update={"strict": strict})
    lines = summarize_all(items(engine.inputs, asked.max_bytes), engine, concurrency=4,
                          cache=cache, settings=asked)  # fmt: skip
    if not reask:
        return lines

    def then_ask_again() -> Iterator[BatchLine]:
        yield from lines
        finish_round(engine, job_path, settings)

    return then_ask_again()


class Round(BaseModel):
    """A re-ask round written by a collect: its requests, and its batches once sent."""

    number: int
    articles: int
    request_files: list[RequestFile]
    batches: list[Submitted]


def finish_round(engine: BatchAnswers, job_path: Path, settings: Settings | None = None) -> Round:
    """Record the re-asks `engine` wrote while its answers were read, and, unless its
    answers were local files (`vllm run-batch`), submit them."""
    asking = engine.asking
    if asking is None:
        raise ValueError("this collect was not asked to re-ask")
    files = asking.finish(job_path)
    batches: list[Submitted] = []
    if files and not engine.local:
        job = asyncio.run(asubmit_batch(job_path, endpoint_engine(job_path, settings)))
        batches = [b for b in job.batches if b.request_file in {f.path for f in files}]
    return Round(number=asking.number, articles=len(asking.asked), request_files=files,
                 batches=batches)  # fmt: skip


async def asubmit_batch(job_path: Path, engine: LLMEngine) -> BatchJob:
    """Upload each request file of a job not yet sent (purpose `batch`) and make a batch
    of it; the job file records each batch as soon as it is made, so that submitting
    again sends nothing twice."""
    job = read_job(job_path)
    sent = {b.request_file for b in job.batches}
    http = engine.http()
    try:
        for requests in job.request_files:
            if requests.path in sent:
                continue
            data = (job_path.parent / requests.path).read_bytes()
            upload = await engine.call(
                functools.partial(http.files.create, file=(requests.path, data), purpose="batch")
            )
            metadata = {"job": job_path.name, "request_file": requests.path}
            batch = await engine.call(
                functools.partial(
                    http.batches.create,
                    input_file_id=upload.id,
                    endpoint=CHAT_PATH,
                    completion_window="24h",
                    metadata=metadata,
                )
            )
            job.batches.append(Submitted(request_file=requests.path, input_file_id=upload.id,
                                         batch_id=batch.id, status=batch.status))  # fmt: skip
            write_job(job, job_path)
    finally:
        await http.close()
    return job


async def astatus(job_path: Path, engine: LLMEngine, cancel: bool = False) -> BatchJob:
    """The job with each batch's status and counts as the API gives them now (a batch
    that has ended is not asked again); with `cancel`, each batch still running is
    cancelled first."""
    job = read_job(job_path)
    http = engine.http()
    try:
        for submitted in job.batches:
            if submitted.ended:
                continue
            if cancel:
                await engine.call(functools.partial(http.batches.cancel, submitted.batch_id))
            batch = await engine.call(functools.partial(http.batches.retrieve, submitted.batch_id))
            counts = batch.request_counts
            submitted.status = batch.status
            submitted.output_file_id = batch.output_file_id
            submitted.error_file_id = batch.error_file_id
            submitted.request_counts = counts.model_dump() if counts else {}
        write_job(job, job_path)
    finally:
        await http.close()
    return job


async def adownload(job_path: Path, engine: LLMEngine) -> list[Path] | None:
    """The output and error files of a job's batches, downloaded beside the job file;
    None while a batch has not ended."""
    job = await astatus(job_path, engine)
    if not job.batches or job.unsent() or not all(b.ended for b in job.batches):
        return None
    stem = job_path.with_suffix("")
    found: list[Path] = []
    http = engine.http()
    try:
        for n, submitted in enumerate(job.batches, 1):
            for kind, file_id in (("output", submitted.output_file_id),
                                  ("errors", submitted.error_file_id)):  # fmt: skip
                if file_id is None:
                    continue
                path = Path(f"{stem}.{kind}-{n}.jsonl")
                if not path.exists():  # a second collect reads what the first fetched
                    await engine.call(functools.partial(_download, http, file_id, path))
                found.append(path)
    finally:
        await http.close()
    return found


async def _download(http: Any, file_id: str, path: Path) -> None:
    """A file's content streamed to `path` through a temporary file and a rename."""
    partial_path = path.with_name(f".{path.name}.part")
    async with http.files.with_streaming_response.content(file_id) as response:
        await response.stream_to_file(partial_path)
    partial_path.replace(path)


class Answers:
    """The answers of batch output files by custom id: OpenAI's output and error files
    (any order), or `vllm run-batch`'s results (input order, errors in line, an error
    that may be a string). Only where each line starts is held; a line is read and
    parsed when its answer is asked for, so the files' size does not weigh on memory."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self._paths = list(paths)
        self._at: dict[str, tuple[int, int]] = {}  # custom id: (file, offset)
        for n, path in enumerate(self._paths):
            for offset, line_number, line in _lines_of(path):
                request = _CUSTOM_ID.search(line)
                if request is None:
                    raise InputError(f"{path}:{line_number}: not a batch output line (JSON "
                                     "with custom_id, response and error)")  # fmt: skip
                self._at[json.loads(f'"{request.group(1)}"')] = (n, offset)

    def get(self, request: str) -> Answer | None:
        where = self._at.get(request)
        if where is None:
            return None
        path = self._paths[where[0]]
        with path.open("rb") as f:
            f.seek(where[1])
            line = f.readline()
        try:
            return _answer(json.loads(line))
        except (ValueError, TypeError, AttributeError):
            raise InputError(
                f"{path}: the line of {request!r} is not a batch output line"
            ) from None


# The custom id of an output line, read without parsing the line: its answer can be
# large, and is parsed only when it is read.
_CUSTOM_ID = re.compile(r'"custom_id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _lines_of(path: Path) -> Iterator[tuple[int, int, str]]:
    """Each line of a file that is not blank: where it starts, its number, its text."""
    try:
        f = path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    with f:
        offset = 0
        for number, raw in enumerate(f, 1):
            if raw.strip():
                yield offset, number, raw.decode("utf-8", "replace")
            offset += len(raw)


def _answer(line: dict[str, Any]) -> Answer:
    response = line.get("response") or {}
    body = response.get("body")
    error = line.get("error")
    if error:
        message = error if isinstance(error, str) else error.get("message") or json.dumps(error)
        return Answer(error=str(message))
    status = response.get("status_code", 200)
    if status != 200 or not isinstance(body, dict):
        said = body.get("error", {}).get("message") if isinstance(body, dict) else None
        return Answer(error=f"HTTP {status}: {said or 'no answer'}")
    return Answer(body=body)


class _Checked(NamedTuple):
    summary: ArticleSummary
    report: VerificationReport
    failing: list[Finding]


class BatchAnswers:
    """An engine that asks nothing: each article's answer is read from a finished batch,
    by the custom ids of its requests, as the online engine reads its own, and checked
    against the article; where a part was asked again in later rounds, the answer with
    the fewest failed numbers is kept, as online. Its name, model, prompt version and
    settings are the job's, so that the answer cache files them where an online run
    finds them. With `asking`, each part whose numbers still fail, and which the job's
    --reask allows to be asked again, gets its re-ask written for the next round."""

    name = "llm"

    def __init__(
        self, job: BatchJob, answers: Answers, asking: _NextRound | None = None, local: bool = False
    ) -> None:
        self.model: str | None = job.model
        self.prompt_version = job.prompt_version
        self.settings = job_settings(job)
        self.inputs = job.inputs
        self.asking = asking
        self.local = local  # answers from files given, not downloaded
        self._answers = answers
        self._articles = {a.digest: a for a in job.articles if a.digest}

    def extract(self, text: str) -> Extraction:
        return asyncio.run(self.aextract(text))

    async def aextract(self, text: str) -> Extraction:
        article = self._articles.get(hashlib.sha256(text.encode()).hexdigest())
        if article is None or not article.custom_ids:
            raise ProviderError("this article was not requested in the job")
        usage = Usage()
        with collector_paused():  # reading and checking: CPU work, no request waited on
            source = Source(text)
            answered = [self._rounds(r, article, source, usage) for r in article.custom_ids]
        checked = []
        final = True
        for number, (request, (rounds, cut)) in enumerate(
            zip(article.custom_ids, answered, strict=True), 1
        ):
            best = min(rounds, key=lambda r: len(r.failing))  # the first of the fewest
            checked.append((best.summary, best.report))
            if rounds[-1].failing and len(rounds) <= self.settings.reask and not cut:
                # The online engine would ask again: this is no final answer yet, unless
                # asking again would pass the token budget.
                again = reask_id(request, len(rounds) + 1)
                parts = len(article.custom_ids)
                if self.asking is None or await self.asking.ask(
                    article.id, again, text, number, parts, rounds, usage
                ):
                    final = False
        with collector_paused():
            summary, report, repairs = assemble(checked, source)
        attempts = sum(len(rounds) for rounds, _ in answered)
        return Extraction(summary=summary, repairs=repairs, attempts=attempts, usage=usage,
                          prompt_version=self.prompt_version, verification=report,
                          final=final)  # fmt: skip

    def _rounds(
        self, request: str, article: Article, source: Source, usage: Usage
    ) -> tuple[list[_Checked], bool]:
        """A part's answers, round by round, each checked; and whether a re-ask asked for
        went unanswered (an expired batch, a results file not given)."""
        rounds = [self._checked(self._summary(request, usage), source)]
        asked = set(article.reasks)
        while (later := reask_id(request, len(rounds) + 1)) in asked:
            try:
                rounds.append(self._checked(self._summary(later, usage), source))
            except ProviderError:
                return rounds, True
        return rounds, False

    @staticmethod
    def _checked(summary: ArticleSummary, source: Source) -> _Checked:
        report = verify(summary, source)
        return _Checked(summary, report, [f for f in report.findings if f.status in FAILING])

    def _summary(self, request: str, usage: Usage) -> ArticleSummary:
        answer = self._answers.get(request)
        if answer is None:
            raise ProviderError(f"no answer for request {request!r} in the batch output")
        if answer.error is not None or answer.body is None:
            raise ProviderError(f"the batch answered request {request!r} with an error: "
                                f"{answer.error}")  # fmt: skip
        return _read(answer.body, request, usage)


class _NextRound:
    """The requests of a job's next round: for each part whose numbers failed, the
    conversation so far with the verifier's findings, as the online engine re-asks,
    built by the same request builder, into request files beside the job file."""

    def __init__(self, job: BatchJob, job_path: Path, limits: Settings) -> None:
        settings = job_settings(job)
        prompts = Prompts.load(settings.prompts_dir)
        if prompts.version != job.prompt_version:
            raise InputError(
                f"{job_path}: its requests were written with prompt version "
                f"{job.prompt_version}, and the templates now give {prompts.version}; a "
                "re-ask must continue the conversation its first request began"
            )
        self.number = job.rounds + 1
        self.asked: dict[str, list[str]] = {}  # article id: its re-asks' custom ids
        self._engine = LLMEngine(settings, prompts=prompts)
        self._bodies = _Bodies(self._engine)
        stem = job_path.with_suffix("").with_name(f"{job_path.stem}.round-{self.number}")
        self._writer = _RequestWriter(stem, limits.batch_max_requests, limits.batch_max_bytes,
                                      round=self.number)  # fmt: skip

    async def ask(self, article: str, request: str, text: str, part: int, parts: int,
                  rounds: list[_Checked], usage: Usage) -> bool:  # fmt: skip
        """Write the re-ask of a part after `rounds`; False when --max-total-tokens
        leaves no room for it, as online."""
        prompts = self._engine.prompts
        messages = prompts.messages(chunks.split(text, self._engine.settings.chunk_chars)[part - 1],
                                    part, parts)  # fmt: skip
        for said in rounds:
            messages += prompts.answered(said.summary, said.failing)
        if not self._engine.affordable(messages, usage):
            return False
        self._writer.write(request, await self._bodies.body(messages))
        self.asked.setdefault(article, []).append(request)
        return True

    def finish(self, job_path: Path) -> list[RequestFile]:
        """Close the round's request files and record them, and each article's re-asks,
        in the job file."""
        files = self._writer.close()
        if files:
            job = read_job(job_path)
            for article in job.articles:
                article.reasks += self.asked.get(article.id, [])
            job.request_files += files
            write_job(job, job_path)
        return files


def job_settings(job: BatchJob) -> Settings:
    """The settings a job's requests were made with, as the cache keys answers by."""
    return Settings(engine="llm", model=job.model, base_url=job.endpoint,
                    prompts_dir=job.prompts_dir, **job.settings)  # fmt: skip


def _read(body: dict[str, Any], request: str, usage: Usage) -> ArticleSummary:
    """A chat completion's records, by the tolerant model the online engine validates
    its answers with; what fits of an answer off the schema."""
    try:
        completion = ChatCompletion.model_validate(body)
    except ValueError:
        raise ProviderError(f"request {request!r}: the answer is no chat completion") from None
    if completion.usage is not None:
        tokens = completion.usage
        usage.add(tokens.prompt_tokens, tokens.completion_tokens, tokens.total_tokens)
    choice = completion.choices[0] if completion.choices else None
    if choice is None or choice.finish_reason == "length":
        raise ProviderError(f"request {request!r}: the answer was cut off or empty; "
                            "raise --max-output-tokens and prepare again")  # fmt: skip
    if choice.message.refusal:
        raise ProviderError(f"request {request!r}: the model refused: {choice.message.refusal}")
    data = answer_json(completion)
    if data is None:
        raise ProviderError(f"request {request!r}: the answer holds no JSON object")
    try:
        return LenientSummary.model_validate(data)
    except ValidationError:
        return partial(data)
