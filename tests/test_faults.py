"""Provider faults, table by table: each is injected by the scripted server over real
HTTP, and the test asserts how many requests the client made and what the user got."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer.errors import ProviderError
from summarizer.pipeline import summarize
from summarizer.settings import Settings
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE, takes_ctrl_c
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
# Small waits keep the matrix fast; the policy's shape is the same at any scale.
FAST: dict[str, Any] = {
    "max_attempts": 3,
    "backoff_seconds": 0.01,
    "backoff_max_seconds": 0.05,
    "timeout": 1.0,
}
OK = "ok"

FAULTS = [
    # (id, what the server answers in turn, requests the client makes, outcome)
    ("429-with-retry-after", [Answer(status=429, headers={"retry-after": "0.2"}),
                              Answer(REFERENCE)], 2, OK),
    ("429-with-retry-after-ms", [Answer(status=429, headers={"retry-after-ms": "150"}),
                                 Answer(REFERENCE)], 2, OK),
    ("429-without-retry-after", [Answer(status=429), Answer(REFERENCE)], 2, OK),
    ("429-past-the-budget", [Answer(status=429, error="slow down",
                                     headers={"retry-after": "600"})], 1,
     "rate limited by {url} (HTTP 429); the provider asked to wait 600 s, past the "
     "120 s retry budget"),
    ("500-once", [Answer(status=500, error="boom"), Answer(REFERENCE)], 2, OK),
    ("502-once", [Answer(status=502, error="bad gateway"), Answer(REFERENCE)], 2, OK),
    ("503-once", [Answer(status=503, error="overloaded"), Answer(REFERENCE)], 2, OK),
    ("503-every-time", [Answer(status=503, error="overloaded")], 3,
     "{url} failed (HTTP 503): overloaded (request made with key [redacted]); "
     "gave up after 3 attempts"),
    ("connection-dropped-once", [Answer(REFERENCE, drop=True), Answer(REFERENCE)], 2, OK),
    ("connection-dropped-every-time", [Answer(REFERENCE, drop=True)], 3,
     "cannot reach {url}: "),
    ("slower-than-the-timeout-once", [Answer(REFERENCE, delay=1.5), Answer(REFERENCE)], 2, OK),
    # instructor's validation loop takes a body it cannot parse for a bad answer and asks
    # again, within its bound, before we report it
    ("body-not-json", [Answer(raw_body=b"<html><body>502 Bad Gateway</body></html>")], 3,
     "{url} answered with a body that is not JSON"),
    ("tool-arguments-not-json-once", [Answer(raw_arguments='{"headline": "Dro'),
                                      Answer(REFERENCE)], 2, OK),
    ("tool-arguments-not-json-every-time", [Answer(raw_arguments='{"headline": "Dro')], 3,
     "the model's answers did not fit the records schema after 3 tries; last problem: "),
    # what fits of an answer off the schema is kept, and the rest fails the check
    ("arguments-off-the-schema", [Answer({"headline": "Drones hit Odesa"})], 3, "unverified"),
    ("finish-reason-length-once", [Answer(REFERENCE, truncate=True), Answer(REFERENCE)], 2, OK),
    ("finish-reason-length-every-time", [Answer(REFERENCE, truncate=True)], 2,
     "the model's answer was cut off at the output-token limit (4096, then 8192)"),
    ("refusal", [Answer(refusal="I can't help with that.")], 1,
     "the model refused to answer: I can't help with that."),
    ("no-choices", [Answer(REFERENCE, no_choices=True)], 1,
     "{url} returned no answer (no choices)"),
    ("401", [Answer(status=401, error="Incorrect API key provided")], 1,
     "authentication failed at {url}: check OPENAI_API_KEY"),
    ("403", [Answer(status=403, error="not allowed")], 1,
     f"access denied at {{url}} (HTTP 403): may this key use model '{MODEL}'?"),
    ("404", [Answer(status=404, error="The model does not exist")], 1,
     f"model '{MODEL}' not found at {{url}} (HTTP 404)"),
    ("400", [Answer(status=400, error="messages: too long")], 1,
     "{url} rejected the request (HTTP 400): messages: too long (request made with key "
     "[redacted])"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "requests", "outcome"),
                         [pytest.param(*f[1:], id=f[0]) for f in FAULTS])  # fmt: skip
def test_fault(
    answers: list[Answer], requests: int, outcome: str, caplog: pytest.LogCaptureFixture
) -> None:
    detail = ""
    with ScriptedServer(answers) as server, caplog.at_level(logging.DEBUG):
        settings = Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY, **FAST)
        try:
            result = summarize(SAMPLE.read_text(), settings=settings)
            got = OK if result.verification.ok else "unverified"
        except ProviderError as error:
            got, detail = str(error), error.detail or ""
        assert len(server.requests) == requests
    assert got.startswith(outcome.format(url=server.url)), got
    assert FAKE_KEY not in got + detail + caplog.text


def test_retry_after_is_waited_for() -> None:
    answers = [Answer(status=429, headers={"retry-after": "1"}), Answer(REFERENCE)]
    with ScriptedServer(answers) as server:
        started = time.monotonic()
        summarize(SAMPLE.read_text(), settings=Settings(
            base_url=server.url, model=MODEL, api_key=FAKE_KEY, **FAST))  # fmt: skip
    assert time.monotonic() - started >= 1.0


def test_a_retry_after_beyond_the_time_budget_gives_up_at_once() -> None:
    answers = [Answer(status=429, headers={"retry-after": "30"}), Answer(REFERENCE)]
    with ScriptedServer(answers) as server:
        started = time.monotonic()
        asked = r"rate limited .* \(HTTP 429\); the provider asked to wait 30 s, past the 5 s"
        with pytest.raises(ProviderError, match=asked):
            summarize(SAMPLE.read_text(), settings=Settings(
                base_url=server.url, model=MODEL, api_key=FAKE_KEY,
                **{**FAST, "max_attempts": 5}, retry_seconds=5))  # fmt: skip
        assert len(server.requests) == 1
    assert time.monotonic() - started < 5


def _cli(*args: str, **kwargs: Any) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update({"OPENAI_API_KEY": FAKE_KEY, "SUMMARIZER_MAX_ATTEMPTS": "2",
                "SUMMARIZER_BACKOFF_SECONDS": "0.01"})  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "summarizer", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        preexec_fn=takes_ctrl_c, **kwargs,
    )  # fmt: skip


def test_a_provider_that_never_recovers_is_exit_3_and_one_line() -> None:
    with ScriptedServer([Answer(status=503, error="overloaded")]) as server:
        done = _cli("summarize", str(SAMPLE), "--base-url", server.url, "--model", MODEL)
        out, err = done.communicate(timeout=60)
    assert done.returncode == 3 and out == ""
    assert err.splitlines() == [
        f"error: {server.url} failed (HTTP 503): overloaded (request made with key [redacted]); "
        "gave up after 2 attempts in " + err.split(" in ")[-1].split("\n")[0]
    ]


def test_verbose_shows_the_retries_and_the_underlying_error() -> None:
    with ScriptedServer([Answer(status=503, error="overloaded")]) as server:
        done = _cli("summarize", str(SAMPLE), "--base-url", server.url, "--model", MODEL, "-v")
        _, err = done.communicate(timeout=60)
    assert done.returncode == 3
    assert "summarizer.retry: attempt 1 failed (HTTP 503); retrying in" in err
    assert "InternalServerError: Error code: 503" in err
    assert "Traceback" not in err


def test_ctrl_c_leaves_no_partial_output(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with ScriptedServer([Answer(REFERENCE, delay=10)]) as server:
        running = _cli("summarize", str(SAMPLE), "--base-url", server.url, "--model", MODEL,
                       "-o", str(target))  # fmt: skip
        deadline = time.monotonic() + 30
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.05)  # the request is in flight
        running.send_signal(signal.SIGINT)
        _, err = running.communicate(timeout=30)
    assert running.returncode == 130
    assert err.strip().splitlines()[-1] == "interrupted; no output written"
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_leaves_an_existing_output_and_the_input_untouched(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(SAMPLE.read_text())
    target = tmp_path / "out.json"
    target.write_text("previous results\n")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    with ScriptedServer([Answer(status=401, error="no")]) as server:
        done = _cli("summarize", str(article), "--base-url", server.url, "--model", MODEL,
                    "-o", str(target))  # fmt: skip
        done.communicate(timeout=60)
    assert done.returncode == 3
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert after == before


def test_transient_retries_do_not_multiply_with_schema_retries() -> None:
    answers = [Answer({"headline": "x"}), Answer(status=503, error="busy"), Answer(REFERENCE)]
    with ScriptedServer(answers) as server:
        result = summarize(SAMPLE.read_text(), settings=Settings(
            base_url=server.url, model=MODEL, api_key=FAKE_KEY, **FAST))  # fmt: skip
        assert len(server.requests) == 3  # off the schema, busy, then right
    assert result.verification.ok


def test_a_ready_client_keeps_its_key_out_and_its_own_retries_off() -> None:
    import openai

    key = "key-of-a-ready-client-0123456789"
    with ScriptedServer([Answer(status=503, error="busy")]) as server:
        client = openai.OpenAI(base_url=server.url, api_key=key)  # SDK retries on by default
        with pytest.raises(ProviderError) as error:
            summarize(SAMPLE.read_text(), client=client,
                      settings=Settings(model=MODEL, **FAST))  # fmt: skip
        assert len(server.requests) == FAST["max_attempts"]
    assert str(error.value).startswith(f"{server.url}/ failed (HTTP 503)")
    assert key not in str(error.value) + (error.value.detail or "")
