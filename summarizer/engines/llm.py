"""The LLM engine: instructor over the openai SDK, for any OpenAI-compatible endpoint,
held to the text by the verifier: numbers that fail the check are sent back once more
with their evidence (the evidence-driven re-ask)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import instructor
import openai
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from pydantic import ValidationError

from summarizer import chunks
from summarizer.engines import Extraction, Usage
from summarizer.engines.retry import RetryPolicy, api_error
from summarizer.errors import InputError, ProviderError
from summarizer.prompts import Message, Prompts
from summarizer.records import ArticleSummary
from summarizer.settings import LLMMode, Settings
from summarizer.verify import FAILING, Source, verify

_MODES = {
    LLMMode.TOOLS: instructor.Mode.TOOLS,
    LLMMode.JSON_SCHEMA: instructor.Mode.JSON_SCHEMA,
    LLMMode.JSON: instructor.Mode.JSON,
    LLMMode.MD_JSON: instructor.Mode.MD_JSON,
}
_SDK_LOGGERS = frozenset({"instructor", "openai", "httpx", "httpx2", "httpcore"})
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_-]{8,}")
# A cut-off answer is retried once with this much more room, then reported.
_TRUNCATION_GROWTH = 2


class LLMEngine:
    """Extract records with a model; re-ask with the verifier's findings."""

    name = "llm"

    def __init__(
        self,
        settings: Settings,
        client: instructor.Instructor | openai.OpenAI | None = None,
        prompts: Prompts | None = None,
    ) -> None:
        if not settings.model:
            raise InputError("no model given: set SUMMARIZER_MODEL or pass --model")
        self.model: str | None = settings.model
        self.settings = settings
        self.prompts = prompts or Prompts.load(settings.prompts_dir)
        self._client = _instructor(client, settings)
        self._retry = RetryPolicy(
            max_attempts=settings.max_attempts,
            max_seconds=settings.retry_seconds,
            backoff_seconds=settings.backoff_seconds,
            backoff_max_seconds=settings.backoff_max_seconds,
        )

    def extract(self, text: str) -> Extraction:
        usage = Usage()
        source = Source(text)
        parts = chunks.split(text, self.settings.chunk_chars)
        summaries: list[ArticleSummary] = []
        attempts = 0
        for number, part in enumerate(parts, 1):
            messages = self.prompts.messages(part, number, len(parts))
            summary, tries = self._extract_checked(messages, source, usage)
            summaries.append(summary)
            attempts += tries
        merged = summaries[0] if len(summaries) == 1 else chunks.merge(summaries)
        return Extraction(
            summary=merged, attempts=attempts, usage=usage, prompt_version=self.prompts.version
        )

    def _extract_checked(
        self, messages: list[Message], source: Source, usage: Usage
    ) -> tuple[ArticleSummary, int]:
        """Ask, verify, and re-ask with the failed findings while the budget allows."""
        attempts = 0
        while True:
            summary = self._ask(messages, usage)
            attempts += 1
            failing = [f for f in verify(summary, source).findings if f.status in FAILING]
            budget = self.settings.max_total_tokens
            if (
                not failing
                or attempts > self.settings.reask
                or (budget is not None and usage.total_tokens >= budget)
            ):
                return summary, attempts
            messages = [
                *messages,
                {"role": "assistant", "content": summary.model_dump_json(exclude_none=True)},
                self.prompts.reask(failing),
            ]

    def _ask(self, messages: list[Message], usage: Usage) -> ArticleSummary:
        first = self.settings.max_output_tokens
        try:
            return self._create(messages, usage, first)
        except IncompleteOutputException:
            pass
        try:
            return self._create(messages, usage, first * _TRUNCATION_GROWTH)
        except IncompleteOutputException:
            raise ProviderError(
                f"the model's answer was cut off at the output-token limit ({first}, then "
                f"{first * _TRUNCATION_GROWTH}); raise --max-output-tokens"
            ) from None

    def _create(self, messages: list[Message], usage: Usage, limit: int) -> ArticleSummary:
        hooks = Hooks()
        hooks.on("completion:response", lambda response: _count(response, usage))
        extra: dict[str, Any] = {}
        if self.settings.seed is not None:
            extra["seed"] = self.settings.seed

        def call() -> ArticleSummary:
            with _redacted_logs(self._redact):
                summary: ArticleSummary = self._client.chat.completions.create(
                    model=self.settings.model,
                    messages=messages,  # type: ignore[arg-type]
                    response_model=ArticleSummary,
                    max_retries=self.settings.validation_retries,
                    temperature=self.settings.temperature,
                    max_tokens=limit,
                    hooks=hooks,
                    **extra,
                )
            return summary

        try:
            summary, _ = self._retry.run(call)
        except IncompleteOutputException:
            raise
        except Exception as error:
            raise self._provider_error(error) from None
        return summary

    def _provider_error(self, error: BaseException) -> ProviderError:
        message, detail = self._described(error)
        attempts = getattr(error, "attempts", 1)
        if attempts > 1:
            message += f"; gave up after {attempts} attempts in {error.seconds:.1f} s"  # type: ignore[attr-defined]
        return ProviderError(self._redact(message), detail=self._redact(detail))

    def _redact(self, text: str) -> str:
        """Providers may echo the key back in an error; it goes no further."""
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        if key:
            text = text.replace(key, "[redacted]")
        return _KEY_LIKE.sub("[redacted]", text)

    def _described(self, error: BaseException) -> tuple[str, str]:
        """One line a user can act on, and the whole story for --verbose."""
        where = self.settings.base_url or "the OpenAI API"
        model = self.settings.model
        detail = _story(error)
        api = api_error(error)
        if isinstance(api, openai.AuthenticationError):
            return f"authentication failed at {where}: check OPENAI_API_KEY", detail
        if isinstance(api, openai.PermissionDeniedError):
            return f"access denied at {where} (HTTP 403): may this key use model {model!r}?", detail
        if isinstance(api, openai.NotFoundError):
            return f"model {model!r} not found at {where} (HTTP 404)", detail
        if isinstance(api, openai.APITimeoutError):
            return f"no answer from {where} within {self.settings.timeout:g} s", detail
        if isinstance(api, openai.APIConnectionError):
            return f"cannot reach {where}: {_first_line(str(api.__cause__ or api))}", detail
        if isinstance(api, openai.RateLimitError):
            return f"rate limited by {where} (HTTP 429)", detail
        if isinstance(api, openai.APIStatusError):
            body = api.body if isinstance(api.body, dict) else {}
            said = _first_line(str(body.get("message") or api.message))
            verb = "rejected the request" if api.status_code < 500 else "failed"
            return f"{where} {verb} (HTTP {api.status_code}): {said}", detail
        problem = _last_problem(error)
        if isinstance(problem, json.JSONDecodeError):
            return f"{where} answered with a body that is not JSON", detail
        if isinstance(problem, AssertionError) and "Unable to generate a response" in str(problem):
            refusal = str(problem).split("due to", 1)[-1].strip()
            return f"the model refused to answer: {_first_line(refusal)}", detail
        if "No choices" in str(problem):
            return f"{where} returned no answer (no choices)", detail
        if isinstance(error, InstructorRetryException):
            tries = self.settings.validation_retries + 1
            return (
                f"the model's answers did not fit the records schema after {tries} tries; "
                f"last problem: {_schema_problem(problem)}",
                detail,
            )
        return f"{where} failed: {_first_line(str(error))}", detail


class _RedactingFilter(logging.Filter):
    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__()
        self._redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        record.msg, record.args = self._redact(message), None
        return True


@contextmanager
def _redacted_logs(redact: Callable[[str], str]) -> Iterator[None]:
    """The SDKs log provider errors, which may echo the key: redact their records while
    they work for us, and leave the loggers as they were afterwards."""
    names = [n for n in list(logging.root.manager.loggerDict)
             if n.split(".")[0] in _SDK_LOGGERS]  # fmt: skip
    loggers = [logging.getLogger(n) for n in names]
    guard = _RedactingFilter(redact)
    for logger in loggers:
        logger.addFilter(guard)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(guard)


def _instructor(
    client: instructor.Instructor | openai.OpenAI | None, settings: Settings
) -> instructor.Instructor:
    if isinstance(client, instructor.Instructor):
        return client
    if client is None:
        client = openai.OpenAI(
            api_key=settings.api_key.get_secret_value() if settings.api_key else "not-needed",
            base_url=settings.base_url,
            timeout=settings.timeout,
            max_retries=0,  # the retry policy owns retries; the SDK's would multiply them
        )
    made = instructor.from_openai(client, mode=_MODES[settings.mode])
    assert isinstance(made, instructor.Instructor)
    return made


def _count(response: Any, usage: Usage) -> None:
    tokens = getattr(response, "usage", None)
    if tokens is None:
        usage.add(0, 0)
    else:
        usage.add(tokens.prompt_tokens or 0, tokens.completion_tokens or 0, tokens.total_tokens)


def _last_problem(error: BaseException) -> BaseException:
    """What went wrong in instructor's last try, behind its wrapper."""
    attempts = getattr(error, "failed_attempts", None) or []
    if attempts and attempts[-1].exception is not None:
        return attempts[-1].exception  # type: ignore[no-any-return]
    return error.__cause__ or error


def _schema_problem(problem: BaseException) -> str:
    if isinstance(problem, ValidationError):
        first = problem.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        return f"{where}: {first['msg']}"
    return _first_line(str(problem))


def _story(error: BaseException) -> str:
    """The chain of errors in full, for --verbose."""
    parts: list[str] = []
    seen: BaseException | None = error
    while seen is not None and len(parts) < 8:
        parts.append(f"{type(seen).__name__}: {str(seen).strip()[:2000]}")
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:300]
