"""Rate limits are the normal state of a batch run, not a fault: a 429 is waited out for
as long as the provider asks, within the time budget, without using up the attempt cap
that the other transient faults count; and the run knows what they cost it."""

from __future__ import annotations

import asyncio
import json
import time
from email.utils import formatdate
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest

from summarizer.batch import summarize_all
from summarizer.engines import retry
from summarizer.engines.llm import LLMEngine
from summarizer.engines.retry import RateGate, RetryPolicy, retry_after
from summarizer.errors import ProviderError
from summarizer.inputs import items
from summarizer.pipeline import summarize
from summarizer.settings import Settings
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
FAST: dict[str, Any] = {"backoff_seconds": 0.01, "backoff_max_seconds": 0.05, "reask": 0}


def _corpus(path: Path, n: int) -> Path:
    text = SAMPLE.read_text()
    with path.open("w") as f:
        for i in range(n):  # each its own text: the storm meets every request
            f.write(json.dumps({"id": f"doc-{i}", "text": f"{text}\n\n(copy {i})"}) + "\n")
    return path


def test_a_429_storm_loses_no_article(tmp_path: Path) -> None:
    # Every other request is rate limited. With five tries, each request had one chance
    # in 32 to meet five 429s in a row, and so about 1 article in 30 was lost: this many
    # articles lost some in every run before 429s stopped counting as attempts.
    corpus = _corpus(tmp_path / "corpus.jsonl", 200)
    storm = Answer(status=429, error="slow down", headers={"Retry-After": "0.02"})
    gate = RateGate()
    with ScriptedServer([Answer(REFERENCE)], storm=storm) as server:
        settings = Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY, reask=0)
        engine = LLMEngine(settings, gate=gate)  # max_attempts as the default
        lines = list(summarize_all(items([str(corpus)], 10**6), engine, concurrency=16))
        sent, stormed = len(server.requests), server.stormed
    assert [line.error.message for line in lines if line.error] == []
    assert len(lines) == 200
    stats = gate.stats()
    assert (stats.requests, stats.rate_limited) == (sent, stormed)
    assert stormed >= 200 and stats.waited_seconds >= 0.02


def _settings(server: ScriptedServer, **given: Any) -> Settings:
    return Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY, **{**FAST, **given})


def test_429s_do_not_use_up_the_attempt_cap() -> None:
    limited = Answer(status=429, headers={"retry-after-ms": "10"})
    with ScriptedServer([limited] * 6 + [Answer(REFERENCE)]) as server:
        result = summarize(SAMPLE.read_text(), settings=_settings(server, max_attempts=2))
        assert len(server.requests) == 7
    assert result.verification.ok


def test_a_429_without_a_header_does_not_use_up_the_cap_either() -> None:
    with ScriptedServer([Answer(status=429)] * 4 + [Answer(REFERENCE)]) as server:
        summarize(SAMPLE.read_text(), settings=_settings(server, max_attempts=2))
        assert len(server.requests) == 5


def test_5xx_still_use_up_the_cap_between_429s() -> None:
    limited = Answer(status=429, headers={"retry-after": "0"})
    busy = Answer(status=503, error="overloaded")
    with ScriptedServer([limited, busy, limited, busy, Answer(REFERENCE)]) as server:
        with pytest.raises(ProviderError, match=r"failed \(HTTP 503\).*gave up after 4 attempts"):
            summarize(SAMPLE.read_text(), settings=_settings(server, max_attempts=2))
        assert len(server.requests) == 4


# --- the policy on its own, with errors as the SDK raises them -------------------------


def _error(status: int, headers: dict[str, str] | None = None, **body: Any) -> Exception:
    request = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx2.Response(status, headers=headers or {}, request=request)
    kinds: dict[int, type[openai.APIStatusError]] = {
        429: openai.RateLimitError, 503: openai.InternalServerError
    }  # fmt: skip
    return kinds[status](f"HTTP {status}", response=response, body=body or None)


def _run(policy: RetryPolicy, errors: list[Exception]) -> tuple[str, int]:
    """The policy over a call that raises `errors` in turn, then answers: what it
    returned, and how many calls it made."""
    calls = 0

    async def call() -> str:
        nonlocal calls
        calls += 1
        if calls <= len(errors):
            raise errors[calls - 1]
        return "answer"

    return asyncio.run(policy.run(call)), calls


def test_a_retry_after_beyond_the_budget_gives_up_at_once_saying_the_wait() -> None:
    policy = RetryPolicy(max_seconds=5)
    started = time.monotonic()
    with pytest.raises(openai.RateLimitError) as raised:
        _run(policy, [_error(429, {"Retry-After": "30"})])
    assert time.monotonic() - started < 1
    assert (raised.value.attempts, raised.value.retry_after) == (1, 30.0)  # type: ignore[attr-defined]
    assert policy.gate.opens < time.monotonic()  # nobody else is held for a hopeless wait


def test_429s_stop_when_the_next_wait_would_end_past_the_budget() -> None:
    policy = RetryPolicy(max_seconds=0.5)
    started = time.monotonic()
    with pytest.raises(openai.RateLimitError) as raised:
        _run(policy, [_error(429, {"retry-after-ms": "150"})] * 20)
    assert time.monotonic() - started < 0.5
    # Three waits of 0.15 s fit in the 0.5 s budget; a fourth would end past it.
    assert raised.value.attempts == 4  # type: ignore[attr-defined]


def test_429s_without_a_header_are_bounded_by_the_budget() -> None:
    policy = RetryPolicy(max_attempts=2, max_seconds=0.3, backoff_seconds=0.01,
                         backoff_max_seconds=0.02)  # fmt: skip
    started = time.monotonic()
    with pytest.raises(openai.RateLimitError) as raised:
        _run(policy, [_error(429)] * 1000)
    assert time.monotonic() - started < 0.4
    assert raised.value.attempts > 2  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", ["insufficient_quota", "credit_balance_exhausted"])
def test_an_account_out_of_quota_is_not_retried(code: str) -> None:
    policy = RetryPolicy()
    with pytest.raises(openai.RateLimitError):
        _run(policy, [_error(429, code=code, type="insufficient_quota")])
    assert (policy.stats().requests, policy.stats().rate_limited) == (1, 0)


def test_a_pause_past_the_budget_ends_the_retries_it_would_hold() -> None:
    policy = RetryPolicy(max_seconds=1, backoff_seconds=0.01)
    busy = _error(503)

    async def call() -> str:
        policy.gate.close_for(10)  # another request's 429, meanwhile
        raise busy

    started = time.monotonic()
    with pytest.raises(openai.InternalServerError):
        asyncio.run(policy.run(call))
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "150"}, 0.15),
        ({"Retry-After": "2"}, 2.0),
        ({"Retry-After": "0.5"}, 0.5),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),  # the finer one wins
        ({"Retry-After": "-3"}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_headers_are_read(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after(_error(429, headers)) == seconds


def test_retry_after_as_an_http_date_is_read() -> None:
    asked = retry_after(_error(429, {"Retry-After": formatdate(time.time() + 20, usegmt=True)}))
    assert asked is not None and 18 < asked <= 20


def test_the_stats_count_requests_429s_and_the_time_the_gate_was_closed() -> None:
    policy = RetryPolicy(backoff_seconds=0.01)
    limited = _error(429, {"retry-after-ms": "50"})
    assert _run(policy, [limited, _error(503), limited]) == ("answer", 4)
    stats = policy.stats()
    assert isinstance(stats, retry.RetryStats)
    assert (stats.requests, stats.rate_limited) == (4, 2)
    assert stats.waited_seconds == pytest.approx(0.1, abs=0.001)  # the 503's backoff is no 429


def test_pauses_that_overlap_are_counted_once() -> None:
    gate = RateGate()
    gate.close_for(1.0)
    gate.close_for(0.5)  # within the first
    gate.close_for(1.2)  # 0.2 s past it
    assert gate.stats().waited_seconds == pytest.approx(1.2, abs=0.01)
