"""The retry policy for provider calls: transient faults (429, 5xx, dropped connections,
timeouts) are tried again with exponential backoff and full jitter, or after the
provider's own Retry-After, bounded by attempts and by total time. Everything else
fails at once: retrying a bad key or an unknown model only wastes the user's time.

A rate limit is the provider's, not one request's: a 429 closes the shared gate for
the wait it asks, so every concurrent request slows down, not just the one that got
it."""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

T = TypeVar("T")
log = logging.getLogger("summarizer.retry")

_TRANSIENT_STATUS = frozenset({408, 409, 429})


@dataclass
class RateGate:
    """Shared by every request to one provider: closed until `opens` after a 429."""

    opens: float = 0.0  # time.monotonic() at which requests may go again

    def close_for(self, seconds: float) -> None:
        self.opens = max(self.opens, time.monotonic() + seconds)

    async def wait(self) -> None:
        while (delay := self.opens - time.monotonic()) > 0:
            await asyncio.sleep(delay)


@dataclass
class RetryPolicy:
    max_attempts: int = 5
    max_seconds: float = 120.0
    backoff_seconds: float = 1.0  # the first wait's upper bound; it doubles each time
    backoff_max_seconds: float = 30.0
    gate: RateGate = field(default_factory=RateGate)

    async def run(self, call: Callable[[], Awaitable[T]]) -> T:
        """The call's result; if no attempt succeeded, the last error, with `.attempts`
        and `.seconds` set on it."""
        started = time.monotonic()
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.max_attempts) | stop_before_delay(self.max_seconds),
            wait=self._wait,
            retry=retry_if_exception(is_transient),
            reraise=True,
            before_sleep=_say_retrying,
        )
        attempts = 0

        async def attempt() -> T:
            nonlocal attempts
            await self.gate.wait()
            attempts += 1
            return await call()

        try:
            return await retrying(attempt)
        except Exception as error:
            error.attempts = attempts  # type: ignore[attr-defined]
            error.seconds = time.monotonic() - started  # type: ignore[attr-defined]
            raise

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        asked = retry_after(error)
        if asked is None:
            backoff = wait_random_exponential(
                multiplier=self.backoff_seconds, max=self.backoff_max_seconds
            )
            asked = float(backoff(state))
        if isinstance(api_error(error), openai.RateLimitError):
            self.gate.close_for(asked)
        return asked


E = TypeVar("E", bound=BaseException)


def _behind(error: BaseException | None, kind: type[E]) -> E | None:
    """The first error of `kind` in the chain of causes that led to `error`."""
    seen = error
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def api_error(error: BaseException | None) -> openai.OpenAIError | None:
    """The openai SDK's error behind an exception (instructor wraps them)."""
    return _behind(error, openai.OpenAIError)


def cassette_miss(error: BaseException | None) -> BaseException | None:
    """A replayed cassette's refusal of a request it does not hold, behind the SDK's
    connection error: no fault of the network, so never retried."""
    errors = sys.modules.get("vcr.errors")  # vcrpy is loaded only when a cassette is used
    refusal: type[BaseException] | None = getattr(
        errors, "CannotOverwriteExistingCassetteException", None
    )
    return None if refusal is None else _behind(error, refusal)


def is_transient(error: BaseException) -> bool:
    if cassette_miss(error) is not None:
        return False
    api = api_error(error)
    if isinstance(api, openai.APIConnectionError):  # timeouts and dropped connections too
        return True
    if isinstance(api, openai.APIStatusError):
        return api.status_code in _TRANSIENT_STATUS or api.status_code >= 500
    return False


def retry_after(error: BaseException | None) -> float | None:
    """Seconds the provider asked us to wait, from retry-after-ms or Retry-After."""
    api = api_error(error)
    if not isinstance(api, openai.APIStatusError):
        return None
    headers = api.response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            continue  # an HTTP date: fall back to our own backoff
    return None


def _say_retrying(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    api = api_error(error)
    if isinstance(api, openai.APIStatusError):
        what = f"HTTP {api.status_code}"
    else:
        what = type(api or error).__name__
    wait = state.next_action.sleep if state.next_action else 0.0
    log.info("attempt %d failed (%s); retrying in %.1f s", state.attempt_number, what, wait)
