"""The LLM engine: instructor over the openai SDK, for any OpenAI-compatible endpoint,
held to the text by the verifier: numbers that fail the check are sent back with their
evidence, up to --reask times (the evidence-driven re-ask).

Its core is async, so many articles can share one event loop and one rate-limit gate;
`extract` runs it for callers without a loop."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import logging
import ssl
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from typing import Any, TypeVar
from urllib.parse import urlsplit

import instructor
import openai
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.function_calls import response_schema
from instructor.v2.core.hooks import Hooks
from pydantic import SecretStr

from summarizer import chunks
from summarizer.engines import REJECTED, Extraction, Usage
from summarizer.engines.provider_errors import Redactor, provider_error, redacted_logs
from summarizer.engines.retry import RateGate, RetryPolicy, RetryStats
from summarizer.errors import InputError, ProviderError
from summarizer.prompts import Message, Prompts
from summarizer.records import ArticleSummary
from summarizer.repair import LenientSummary, Repair, answer_json, partial
from summarizer.report import FAILING, Finding, Status, VerificationReport
from summarizer.settings import LLMMode, Settings
from summarizer.source import Source
from summarizer.strict_schema import strict_schema
from summarizer.verify import verify

T = TypeVar("T")
Client = instructor.Instructor | instructor.AsyncInstructor

_MODES = {
    LLMMode.TOOLS: instructor.Mode.TOOLS,
    LLMMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
    LLMMode.JSON: instructor.Mode.JSON,
    LLMMode.MD_JSON: instructor.Mode.MD_JSON,
}
# Wrapped once: instructor would otherwise build this class, and its JSON schema, anew
# for every request, at a cost that rivals the rest of an article's work.
_RESPONSE_MODEL = response_schema(LenientSummary)
_STRICT_SCHEMA = strict_schema(LenientSummary)
# instructor's json and md_json modes append the schema to the system message indented,
# which spends a third of its tokens on spaces; compact, it says the same.
_SCHEMA = _RESPONSE_MODEL.model_json_schema()
_INDENTED_SCHEMA = json.dumps(_SCHEMA, indent=2, ensure_ascii=False)
_COMPACT_SCHEMA = json.dumps(_SCHEMA, separators=(",", ":"), ensure_ascii=False)
# A cut-off answer is retried once with this much more room, then reported.
_TRUNCATION_GROWTH = 2


class LLMEngine:
    """Extract records with a model; re-ask with the verifier's findings."""

    name = "llm"

    def __init__(
        self,
        settings: Settings,
        client: Client | openai.OpenAI | openai.AsyncOpenAI | None = None,
        prompts: Prompts | None = None,
        gate: RateGate | None = None,
        chat: bool = True,
    ) -> None:
        """`chat=False` makes an engine for the endpoint's other APIs (files, batches):
        its chat client, and instructor's share of memory, waits for a chat request."""
        if not settings.model:
            raise InputError("no model given: set SUMMARIZER_MODEL or pass --model")
        if isinstance(client, openai.OpenAI | openai.AsyncOpenAI):
            # The client's endpoint and key are the ones to name in errors and to redact.
            settings = settings.model_copy(
                update={"base_url": str(client.base_url), "api_key": SecretStr(client.api_key)}
            )
        self.model: str | None = settings.model
        self.settings = settings
        self.prompts = prompts or Prompts.load(settings.prompts_dir)
        self.prompt_version = self.prompts.version
        self._given = client
        self._clients: tuple[asyncio.AbstractEventLoop, Client] | None = None
        self._retry = RetryPolicy(
            max_attempts=settings.max_attempts,
            max_seconds=settings.retry_seconds,
            backoff_seconds=settings.backoff_seconds,
            backoff_max_seconds=settings.backoff_max_seconds,
            gate=gate or RateGate(),
        )
        # Made now, not at the first request: the first client costs a good part of a
        # second (imports, certificates), and belongs with the engine's setup. The first
        # event loop gets it; later loops get new ones, cheaply, on the same TLS setup.
        self._tls = ssl.create_default_context()
        chats = chat and not _is_instructor(client)
        self._prepared = self._wrapped(self._async_openai()) if chats else None
        self._redact = Redactor(settings)

    def retry_stats(self) -> RetryStats:
        """Requests sent so far, how many were rate-limited, and the time waited."""
        return self._retry.stats()

    def extract(self, text: str) -> Extraction:
        async def once() -> Extraction:
            try:
                return await self.aextract(text)
            finally:
                await self.aclose()  # its connections belong to this call's loop

        return _run(once())

    async def aclose(self) -> None:
        """Close the connections this engine opened in the running loop."""
        if self._clients is not None and not _is_instructor(self._given):
            http = self._clients[1].client
            self._clients = None
            if self._given is None and http is not None:  # a user's client stays theirs
                await http.close()

    async def aextract(self, text: str) -> Extraction:
        usage = Usage()
        source = Source(text)
        parts = chunks.split(text, self.settings.chunk_chars)
        checked: list[tuple[ArticleSummary, VerificationReport]] = []
        attempts = 0
        for number, part in enumerate(parts, 1):
            messages = self.prompts.messages(part, number, len(parts))
            summary, report, tries = await self._extract_checked(messages, source, usage)
            checked.append((summary, report))
            attempts += tries
        summary, report, repairs = assemble(checked, source)
        return self._redacted(
            Extraction(
                summary=summary,
                repairs=repairs,
                attempts=attempts,
                usage=usage,
                prompt_version=self.prompt_version,
                verification=report,
            )
        )

    def _redacted(self, extraction: Extraction) -> Extraction:
        """The extraction with the key taken out of every text in it, wherever the model
        or the provider put it: what we write (outputs, the cache) never holds it."""
        data = extraction.model_dump(mode="json")
        clean = _texts_redacted(data, self._redact)
        return extraction if clean == data else Extraction.model_validate(clean)

    async def _extract_checked(
        self, messages: list[Message], source: Source, usage: Usage
    ) -> tuple[ArticleSummary, VerificationReport, int]:
        """Ask, verify, and re-ask with the failed findings while the budgets allow; keep
        the answer with the fewest failed numbers, and its check."""
        best: tuple[int, ArticleSummary, VerificationReport] | None = None
        attempts = 0
        while True:
            summary = await self._ask(messages, usage)
            attempts += 1
            report = verify(summary, source)
            failing = [f for f in report.findings if f.status in FAILING]
            if best is None or len(failing) < best[0]:
                best = (len(failing), summary, report)
            if not failing or attempts > self.settings.reask:
                return best[1], best[2], attempts
            messages = [*messages, *self.prompts.answered(summary, failing)]
            if not self.affordable(messages, usage):
                return best[1], best[2], attempts

    def affordable(self, messages: list[Message], usage: Usage) -> bool:
        """Would a re-ask of these messages stay within --max-total-tokens? Its prompt is
        estimated at four characters a token, its answer at the output limit."""
        budget = self.settings.max_total_tokens
        if budget is None:
            return True
        estimate = sum(len(m["content"]) for m in messages) // 4
        return usage.total_tokens + estimate + self.settings.max_output_tokens <= budget

    async def _ask(self, messages: list[Message], usage: Usage) -> ArticleSummary:
        first = self.settings.max_output_tokens
        try:
            return await self._create(messages, usage, first)
        except IncompleteOutputException:
            pass
        try:
            return await self._create(messages, usage, first * _TRUNCATION_GROWTH)
        except IncompleteOutputException:
            raise ProviderError(
                f"the model's answer was cut off at the output-token limit ({first}, then "
                f"{first * _TRUNCATION_GROWTH}); raise --max-output-tokens"
            ) from None

    def _sampling(self, limit: int) -> dict[str, Any]:
        """Reasoning models take `max_completion_tokens` (which their reasoning spends
        too) and an effort, and refuse `temperature` and `max_tokens`."""
        if not self.settings.reasoning_model:
            return {"temperature": self.settings.temperature, "max_tokens": limit}
        sampling: dict[str, Any] = {"max_completion_tokens": limit}
        if self.settings.reasoning_effort is not None:
            sampling["reasoning_effort"] = self.settings.reasoning_effort.value
        return sampling

    def _request(self, messages: list[Message], limit: int) -> dict[str, Any]:
        """instructor's arguments for one chat request of these messages."""
        request: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "response_model": _RESPONSE_MODEL,
            "max_retries": self.settings.validation_retries,
            **self._sampling(limit),
        }
        if self.settings.seed is not None:
            request["seed"] = self.settings.seed
        return request

    async def _create(self, messages: list[Message], usage: Usage, limit: int) -> ArticleSummary:
        hooks = Hooks()
        hooks.on("completion:response", lambda response: _count(response, usage))
        request = {**self._request(messages, limit), "hooks": hooks}
        client = self._client()
        try:
            with redacted_logs(self._redact):
                if isinstance(client, instructor.AsyncInstructor):
                    answer = await client.chat.completions.create(**request)
                else:  # a user's own synchronous instructor client, used as it is
                    answer = await asyncio.to_thread(
                        lambda: client.chat.completions.create(**request)
                    )
        except IncompleteOutputException:
            raise
        except InstructorRetryException as error:
            # Off the schema after every retry: keep what fits, rather than nothing.
            data = answer_json(error.last_completion)
            if data is None:
                raise provider_error(error, self.settings, self._redact) from None
            return partial(data)
        except Exception as error:
            raise provider_error(error, self.settings, self._redact) from None
        assert isinstance(answer, ArticleSummary)
        return answer

    def _client(self) -> Client:
        """An instructor client whose every HTTP request goes through the retry policy;
        one per event loop, since async connections belong to the loop that opened
        them. A ready instructor client is used as it is, with its own retries."""
        if _is_instructor(self._given):
            return self._given  # type: ignore[return-value]
        loop = asyncio.get_running_loop()
        if self._clients is None or self._clients[0] is not loop:
            made, self._prepared = self._prepared or self._wrapped(self._async_openai()), None
            self._clients = (loop, made)
        return self._clients[1]

    def _strict_output(self, request: dict[str, Any]) -> dict[str, Any]:
        """Ask for strict structured output where it is asked for at all: `json_schema`
        mode always, tool calling on OpenAI itself (other servers may refuse the flag);
        both with the records' schema in the strict subset. `--no-strict-schema` keeps
        the request as instructor made it."""
        if not self.settings.strict_schema:
            return request
        response_format = request.get("response_format")
        if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
            schema = {"name": "ArticleSummary", "strict": True, "schema": _STRICT_SCHEMA}
            return {**request, "response_format": {"type": "json_schema", "json_schema": schema}}
        if "tools" in request and _is_openai(self.settings.base_url):
            tools = [
                {**tool, "function": {**tool["function"], "strict": True,
                                      "parameters": _STRICT_SCHEMA}}
                for tool in request["tools"]
            ]  # fmt: skip
            return {**request, "tools": tools}
        return request

    def http(self) -> openai.AsyncOpenAI:
        """A client of the endpoint's other APIs (files, batches); `call` retries it."""
        return self._async_openai()

    async def call(self, request: Callable[[], Awaitable[T]]) -> T:
        """One request of the endpoint's other APIs through the engine's retry policy, its
        failure told as the engine tells its own, the key redacted."""
        try:
            with redacted_logs(self._redact):
                return await self._retry.run(request)
        except Exception as error:
            raise provider_error(error, self.settings, self._redact) from None

    async def request_body(self, messages: list[Message]) -> dict[str, Any]:
        """The body of the first chat request the engine sends for these messages, built
        the way it builds it online (instructor's mode, strict output, the compact
        schema, the sampling settings) and not sent: a batch request line's body."""
        client = self._wrapped(self._async_openai(), send=_capture)
        request = self._request(messages, self.settings.max_output_tokens)
        try:
            with _unlogged(_INSTRUCTOR_RETRY_LOGGER):
                await client.chat.completions.create(**request)
        except (_Captured, InstructorRetryException) as error:
            captured = error if isinstance(error, _Captured) else error.__cause__
            if isinstance(captured, _Captured):
                return captured.body
            raise
        raise AssertionError("instructor sent no request")  # pragma: no cover

    def _wrapped(self, http: openai.AsyncOpenAI, send: Any = None) -> instructor.AsyncInstructor:
        completions = http.chat.completions
        raw = completions.create

        async def create(*args: Any, **kwargs: Any) -> Any:
            kwargs = _compact_schema(self._strict_output(kwargs))
            if send is not None:
                return await send(kwargs)
            return await self._retry.run(lambda: raw(*args, **kwargs))

        # Retrying the HTTP request, not instructor's call, keeps the two bounds apart:
        # transient faults here, answers off the schema in instructor.
        completions.create = create  # type: ignore[method-assign]
        made = instructor.from_openai(http, mode=_MODES[self.settings.mode])
        assert isinstance(made, instructor.AsyncInstructor)
        return made

    def _async_openai(self) -> openai.AsyncOpenAI:
        """An async client with the SDK's own retries off: the policy owns retries."""
        given = self._given
        if isinstance(given, openai.AsyncOpenAI):
            return given.with_options(max_retries=0)
        if isinstance(given, openai.OpenAI):
            return openai.AsyncOpenAI(
                api_key=given.api_key,
                base_url=given.base_url,
                organization=given.organization,
                project=given.project,
                timeout=given.timeout,
                default_headers=given._custom_headers,
                max_retries=0,
            )
        key = self.settings.api_key
        return openai.AsyncOpenAI(
            api_key=key.get_secret_value() if key else "not-needed",
            base_url=self.settings.base_url,
            timeout=self.settings.timeout,
            max_retries=0,
            http_client=openai.DefaultAsyncHttpxClient(verify=self._tls),
        )


# instructor logs each failed call as an error; a request caught unsent is none.
_INSTRUCTOR_RETRY_LOGGER = "instructor.v2.retry"


class _Drop(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


@contextlib.contextmanager
def _unlogged(name: str) -> Iterator[None]:
    logger, drop = logging.getLogger(name), _Drop()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


class _Captured(Exception):  # not an error: the request, caught unsent
    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__("captured")
        self.body = body


async def _capture(body: dict[str, Any]) -> Any:
    raise _Captured(body)


def assemble(
    checked: list[tuple[ArticleSummary, VerificationReport]], source: Source
) -> tuple[ArticleSummary, VerificationReport, list[Repair]]:
    """An article's answer from the checked answers of its parts: merged and checked
    again when there are several; the parts the schema rejected reported as unsupported;
    the repairs made to fit it."""
    if len(checked) == 1:
        summary, report = checked[0]
    else:
        summary = chunks.merge([s for s, _ in checked])
        report = verify(summary, source)
    left_out = [
        Finding(path=f"{REJECTED}{path}", value=None, status=Status.UNSUPPORTED,
                note=f"left out: it did not fit the records schema ({why})")
        for s, _ in checked for path, why in getattr(s, "rejected", [])
    ]  # fmt: skip
    if left_out:
        report = VerificationReport.of(report.findings + left_out)
    return summary, report, [r for s, _ in checked for r in getattr(s, "repairs", [])]


def _compact_schema(request: dict[str, Any]) -> dict[str, Any]:
    messages = request.get("messages") or []
    content = messages[0].get("content") if messages else None
    if not isinstance(content, str) or _INDENTED_SCHEMA not in content:
        return request
    system = {**messages[0], "content": content.replace(_INDENTED_SCHEMA, _COMPACT_SCHEMA)}
    return {**request, "messages": [system, *messages[1:]]}


def _texts_redacted(value: Any, redact: Redactor) -> Any:
    """Each string in `value` redacted; the keys of objects, which are field names, and
    the numbers left as they are."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_texts_redacted(v, redact) for v in value]
    if isinstance(value, dict):
        return {k: _texts_redacted(v, redact) for k, v in value.items()}
    return value


def _is_instructor(client: object) -> bool:
    return isinstance(client, instructor.Instructor | instructor.AsyncInstructor)


def _count(response: Any, usage: Usage) -> None:
    tokens = getattr(response, "usage", None)
    if tokens is None:
        usage.add(0, 0)
    else:
        usage.add(tokens.prompt_tokens or 0, tokens.completion_tokens or 0, tokens.total_tokens)


def _run(work: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end from synchronous code, even inside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


def _is_openai(base_url: str | None) -> bool:
    """Is the endpoint OpenAI's own API (the SDK's default when none is set)?"""
    return base_url is None or urlsplit(base_url).hostname == "api.openai.com"
