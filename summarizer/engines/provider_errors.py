"""What went wrong with a provider, said in one line a user can act on, with the API
key kept out of every message and log record."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import openai
from instructor.v2.core.errors import InstructorRetryException
from pydantic import ValidationError

from summarizer.cassettes import RERECORD_HINT, SHORTEST_KEY
from summarizer.engines.retry import api_error, cassette_miss
from summarizer.errors import ProviderError, first_problem
from summarizer.settings import Settings

_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_-]{8,}")
_SDK_LOGGERS = frozenset({"instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2"})


class Redactor:
    """Removes the configured key, and anything shaped like a key, from text."""

    def __init__(self, settings: Settings) -> None:
        key = settings.api_key.get_secret_value() if settings.api_key else None
        self._key = key if key and len(key) >= SHORTEST_KEY else None

    def __call__(self, text: str) -> str:
        if self._key:
            text = text.replace(self._key, "[redacted]")
        return _KEY_LIKE.sub("[redacted]", text)


def provider_error(error: BaseException, settings: Settings, redact: Redactor) -> ProviderError:
    """The error as a ProviderError: one line, and the whole story as its detail."""
    message = _described(error, settings)
    tried = api_error(error) or error  # the retry policy marks the HTTP error it gave up on
    attempts = getattr(tried, "attempts", 1)
    asked = getattr(tried, "retry_after", None)
    if asked is not None:
        message += (
            f"; the provider asked to wait {asked:g} s, past the {settings.retry_seconds:g} s"
            " retry budget"
        )
    elif attempts > 1:
        message += f"; gave up after {attempts} attempts in {getattr(tried, 'seconds', 0):.1f} s"
    return ProviderError(redact(message), detail=redact(_story(error)))


def _described(error: BaseException, settings: Settings) -> str:
    if (miss := cassette_miss(error)) is not None:
        cassette = getattr(getattr(miss, "cassette", None), "_path", "the cassette")
        return (
            f"this request is not in {cassette}: the prompt, the schema, the model or a "
            f"request setting changed since it was recorded; {RERECORD_HINT}"
        )
    api = api_error(error)
    return (api and _http_described(api, settings)) or _answer_described(error, settings)


def _http_described(api: openai.OpenAIError, settings: Settings) -> str | None:
    where = settings.base_url or "the OpenAI API"
    model = settings.model
    if isinstance(api, openai.AuthenticationError):
        return f"authentication failed at {where}: check OPENAI_API_KEY"
    if isinstance(api, openai.PermissionDeniedError):
        return f"access denied at {where} (HTTP 403): may this key use model {model!r}?"
    if isinstance(api, openai.NotFoundError):
        return f"model {model!r} not found at {where} (HTTP 404)"
    if isinstance(api, openai.APITimeoutError):
        return f"no answer from {where} within {settings.timeout:g} s"
    if isinstance(api, openai.APIConnectionError):
        return f"cannot reach {where}: {_first_line(str(api.__cause__ or api))}"
    if isinstance(api, openai.RateLimitError):
        return f"rate limited by {where} (HTTP 429)"
    if isinstance(api, openai.APIStatusError):
        body = api.body if isinstance(api.body, dict) else {}
        said = _first_line(str(body.get("message") or api.message))
        verb = "rejected the request" if api.status_code < 500 else "failed"
        return f"{where} {verb} (HTTP {api.status_code}): {said}"
    return None


def _answer_described(error: BaseException, settings: Settings) -> str:
    """What was wrong with an answer that came back."""
    where = settings.base_url or "the OpenAI API"
    problem = _last_problem(error)
    if isinstance(problem, json.JSONDecodeError):
        return f"{where} answered with a body that is not JSON"
    if isinstance(problem, AssertionError) and "Unable to generate a response" in str(problem):
        refusal = str(problem).split("due to", 1)[-1].strip()
        return f"the model refused to answer: {_first_line(refusal)}"
    if "No choices" in str(problem):
        return f"{where} returned no answer (no choices)"
    if isinstance(error, InstructorRetryException):
        return (
            f"the model's answers did not fit the records schema after "
            f"{settings.validation_retries + 1} tries; last problem: {_schema_problem(problem)}"
        )
    return f"{where} failed: {_first_line(str(error))}"


def _last_problem(error: BaseException) -> BaseException:
    """What went wrong in instructor's last try, behind its wrapper."""
    attempts = getattr(error, "failed_attempts", None) or []
    if attempts and attempts[-1].exception is not None:
        return attempts[-1].exception  # type: ignore[no-any-return]
    return error.__cause__ or error


def _schema_problem(problem: BaseException) -> str:
    if isinstance(problem, ValidationError):
        return first_problem(problem)
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
def redacted_logs(redact: Callable[[str], str]) -> Iterator[None]:
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
