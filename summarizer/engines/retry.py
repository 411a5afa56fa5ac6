"""The retry policy for provider calls: transient faults (429, 5xx, dropped connections,
timeouts) are tried again with exponential backoff and full jitter, or after the
provider's own Retry-After. Everything else fails at once, a 429 for an account out of
quota too: retrying a bad key or an unknown model only wastes the user's time.

Rate limits are the normal state of a batch run, not a fault: a 429 is waited out for
as long as the provider asks, within the time budget (`max_seconds`), and does not use
up the attempt cap (`max_attempts`), which counts the other transient faults. A 429
asking for a wait past the budget gives up at once.

A rate limit is the provider's, not one request's: a 429 closes the shared gate for the
wait it asks (one without a header, for at most a first backoff), so every concurrent
request slows down, not just the one that got it. The gate also counts what the run
cost in requests, rate limits and waiting."""

from __future__ import annotations

import asyncio
import logging
import math
import random
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TypeVar

import openai
from pydantic import BaseModel, ConfigDict
from tenacity import AsyncRetrying, RetryCallState

T = TypeVar("T")
log = logging.getLogger("summarizer.retry")

_TRANSIENT_STATUS = frozenset({408, 409, 429})
# OpenAI answers an account out of credit, or past a spending limit, with a 429 too:
# no wait fixes it, so it is not retried at all. Its error type says so, and its code
# says which.
_NO_QUOTA = frozenset({
    "insufficient_quota", "credit_balance_exhausted", "organization_spend_limit_exceeded",
    "project_spend_limit_exceeded", "organization_usage_limit_exceeded",
})  # fmt: skip


class RetryStats(BaseModel):
    """What the provider calls of a run cost, for its closing line."""

    model_config = ConfigDict(frozen=True)

    requests: int = 0  # HTTP requests sent, every retry included
    rate_limited: int = 0  # of them answered 429
    # Wall-clock seconds the gate was closed by rate limits: how long the run stood
    # still, not summed over the requests that stood still together.
    waited_seconds: float = 0.0


@dataclass
class RateGate:
    """Shared by every request to one provider: closed until `opens` after a 429. It
    counts the requests sent through it, the 429s and the time it was closed."""

    opens: float = 0.0  # time.monotonic() at which requests may go again
    _requests: int = field(default=0, repr=False)
    _rate_limited: int = field(default=0, repr=False)
    _waited: float = field(default=0.0, repr=False)
    # An engine's sync `extract` runs its own event loop in a thread: counts may come
    # from several threads at once.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def close_for(self, seconds: float) -> None:
        with self._lock:
            now = time.monotonic()
            until = now + seconds
            if until > self.opens:
                self._waited += until - max(now, self.opens)  # overlaps count once
                self.opens = until

    async def wait(self, deadline: float = math.inf) -> bool:
        """Wait until the gate opens; False, at once, if it opens after `deadline`."""
        while (delay := self.opens - time.monotonic()) > 0:
            if self.opens > deadline:
                return False
            await asyncio.sleep(delay)
        return True

    def sent(self) -> None:
        with self._lock:
            self._requests += 1

    def rate_limited(self) -> None:
        with self._lock:
            self._rate_limited += 1

    def stats(self) -> RetryStats:
        """The counts so far, over every request that went through this gate."""
        with self._lock:
            return RetryStats(
                requests=self._requests,
                rate_limited=self._rate_limited,
                waited_seconds=self._waited,
            )


@dataclass
class RetryPolicy:
    max_attempts: int = 5  # requests that end in a transient fault other than a 429
    max_seconds: float = 120.0  # from the first request, waits included
    backoff_seconds: float = 1.0  # the first wait's upper bound; it doubles each time
    backoff_max_seconds: float = 30.0
    gate: RateGate = field(default_factory=RateGate)

    async def run(self, call: Callable[[], Awaitable[T]]) -> T:
        """The call's result; if no attempt succeeded, the last error, with `.attempts`
        (requests sent) and `.seconds` set on it, and `.retry_after` when the provider
        asked for a wait past the time budget."""
        # The first request waits out any pause, which was asked by a 429 and fits a time
        # budget such as this call's; the budget is for retrying, and starts after it.
        await self.gate.wait()
        started = time.monotonic()
        tries = _Tries(self, deadline=started + self.max_seconds)

        async def attempt() -> T:
            self.gate.sent()
            tries.requests += 1
            return await call()

        try:
            return await tries.retrying()(attempt)
        except Exception as error:
            error.attempts = tries.requests  # type: ignore[attr-defined]
            error.seconds = time.monotonic() - started  # type: ignore[attr-defined]
            raise

    def stats(self) -> RetryStats:
        """The gate's counts: every request sent through it, by every call."""
        return self.gate.stats()


@dataclass
class _Tries:
    """One call's tries so far, and the tenacity hooks that decide them. Each fault is
    judged once, in `retry`, which tenacity runs first: the wait it draws is random, and
    `stop` must see the very wait that `wait` then returns. The later hooks act on what
    it kept here."""

    policy: RetryPolicy
    deadline: float  # time.monotonic() past which no wait may end
    requests: int = 0
    faults: int = 0  # transient faults other than rate limits: they use up the cap
    backoffs: int = 0  # waits of our own choosing: each doubles the next one's bound
    error: BaseException | None = None  # the last fault, once judged worth retrying
    limited: bool = False  # it is a rate limit
    asked: float | None = None  # the wait the provider asked after it, if it said
    pause: float = 0.0  # the wait before the next try

    def retrying(self) -> AsyncRetrying:
        # reraise: the caller wants the provider's error, not tenacity's RetryError.
        return AsyncRetrying(
            retry=self.retry,
            stop=self.stop,
            wait=self.wait,
            before_sleep=self.before_sleep,
            sleep=self.sleep,
            reraise=True,
        )

    def retry(self, state: RetryCallState) -> bool:
        """Whether the last try is worth another, and if so, the wait before it."""
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        if error is None or not is_transient(error):
            return False
        self.limited = isinstance(api_error(error), openai.RateLimitError)
        if self.limited:
            self.policy.gate.rate_limited()
        else:
            self.faults += 1
            if self.faults >= self.policy.max_attempts:
                return False
        self.error, self.asked = error, retry_after(error)
        # A 429 without a header (it is optional) is a rate limit all the same: backed off
        # as a fault is, but not counted against the cap; the time budget bounds it.
        self.pause = self.asked if self.asked is not None else self._backoff()
        return True

    def stop(self, state: RetryCallState) -> bool:
        """Give up at once when the wait would end past the time budget: waiting first,
        only to give up then, would waste the user's time."""
        left = self.deadline - time.monotonic()
        if self.pause <= left:
            return False
        if self.asked is not None:
            error = self._fault()
            error.retry_after = self.asked  # type: ignore[attr-defined]
            log.info(
                "%s: the provider asked to wait %.1f s, past the %.1f s left of the "
                "retry budget; giving up", _what(error), self.asked, max(left, 0.0),
            )  # fmt: skip
        return True

    def wait(self, state: RetryCallState) -> float:
        return self.pause

    def before_sleep(self, state: RetryCallState) -> None:
        what = _what(self._fault())
        log.info("attempt %d failed (%s); retrying in %.1f s", self.requests, what, self.pause)
        if self.limited:
            # The pause a provider asks holds every request. Our own guess, for a 429
            # without a header, holds them no longer than a first backoff: one unlucky
            # call's doubled backoff must not stall the whole run.
            guess = min(self.pause, self.policy.backoff_seconds)
            self.policy.gate.close_for(self.pause if self.asked is not None else guess)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        # Another request's 429 may have closed the gate past this call's budget: then
        # give up now, with the fault the wait was for. Tenacity has no hook after its
        # sleep that may still stop, so the sleep itself raises it.
        if not await self.policy.gate.wait(self.deadline):
            raise self._fault()

    def _fault(self) -> BaseException:
        # `retry` keeps it before tenacity calls any hook that asks for it.
        assert self.error is not None
        return self.error

    def _backoff(self) -> float:
        """Full jitter: anywhere up to a bound that doubles with each wait."""
        self.backoffs += 1
        bound = self.policy.backoff_seconds * 2 ** (self.backoffs - 1)
        return random.uniform(0, min(bound, self.policy.backoff_max_seconds))


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
        if api.type in _NO_QUOTA or api.code in _NO_QUOTA:
            return False
        return api.status_code in _TRANSIENT_STATUS or api.status_code >= 500
    return False


def retry_after(error: BaseException | None) -> float | None:
    """Seconds the provider asked us to wait, from retry-after-ms, or Retry-After in
    seconds or as an HTTP date."""
    api = api_error(error)
    if not isinstance(api, openai.APIStatusError):
        return None
    headers = api.response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            seconds = _until(value) if name == "retry-after" else math.nan
        if math.isfinite(seconds):
            return max(0.0, seconds)
    return None


def _until(date: str) -> float:
    """Seconds from now to an HTTP date; NaN if it is none."""
    try:
        when = parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError):
        return math.nan
    if when.tzinfo is None:  # "-0000": UTC by RFC 5322, but parsed naive
        when = when.replace(tzinfo=UTC)
    return (when - datetime.now(UTC)).total_seconds()


def _what(error: BaseException) -> str:
    api = api_error(error)
    if isinstance(api, openai.APIStatusError):
        return f"HTTP {api.status_code}"
    return type(api or error).__name__
