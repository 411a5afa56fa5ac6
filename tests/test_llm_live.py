"""The LLM engine over real HTTP against the scripted server on 127.0.0.1, as a user
runs it: the CLI, the modes, the re-ask budget, long articles, and errors that never
show the API key."""

from __future__ import annotations

import copy
import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import openai
import pytest

from summarizer.errors import ProviderError
from summarizer.pipeline import summarize
from summarizer.settings import LLMMode, Settings
from summarizer.verify import Status
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
FAST_RETRIES: dict[str, Any] = {"max_attempts": 2, "backoff_seconds": 0.01}
FAST_RETRIES_ENV = {"SUMMARIZER_MAX_ATTEMPTS": "2", "SUMMARIZER_BACKOFF_SECONDS": "0.01"}


def _with_500_dead() -> dict[str, Any]:
    """The reference answer plus a toll the article never states."""
    answer = copy.deepcopy(REFERENCE)
    answer["events"][0]["casualties"].append(
        {"outcome": "killed", "group": "total", "count": {"value": 500, "quote": "500 dead"}}
    )
    return answer


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        env={**clean, **FAST_RETRIES_ENV, **(env or {})},
        timeout=120,
    )


def _settings(server: ScriptedServer, **overrides: Any) -> Settings:
    return Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY, **FAST_RETRIES, **overrides)


def test_cli_runs_the_llm_engine_against_an_openai_compatible_server() -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = _cli("summarize", str(SAMPLE), "--engine", "llm",
                    "--base-url", server.url, "--model", MODEL)  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["engine"] == "llm" and result["model"] == MODEL
    assert len(result["prompt_version"]) == 12
    assert result["attempts"] == 1
    assert result["usage"]["requests"] == 1 and result["usage"]["total_tokens"] > 0
    assert result["verification"]["ok"] is True
    assert len(result["summary"]["events"]) == 4
    assert done.stderr.startswith("usage: 1 request, ")


def test_auto_uses_the_llm_when_an_endpoint_and_a_model_are_set() -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = _cli("summarize", str(SAMPLE),
                    env={"OPENAI_BASE_URL": server.url, "SUMMARIZER_MODEL": MODEL})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["engine"] == "llm"


def test_an_unstated_number_ends_unsupported_after_the_reask() -> None:
    with ScriptedServer([Answer(_with_500_dead())]) as server:
        done = _cli("summarize", str(SAMPLE), "--engine", "llm",
                    "--base-url", server.url, "--model", MODEL, "--reask", "2")  # fmt: skip
        asked = len(server.requests)
    assert done.returncode == 1
    result = json.loads(done.stdout)
    failing = [(f["path"], f["value"], f["status"]) for f in result["verification"]["findings"]
               if f["status"] != "supported"]  # fmt: skip
    assert failing == [("events[0].casualties[3].count", 500, "unsupported")]
    assert result["attempts"] == asked == 3


def test_the_token_budget_stops_the_reask() -> None:
    with ScriptedServer([Answer(_with_500_dead())]) as server:
        result = summarize(SAMPLE.read_text(), settings=_settings(server, max_total_tokens=10))
        assert len(server.requests) == 1
    assert result.attempts == 1
    assert not result.verification.ok


def test_usage_counts_every_request_of_every_attempt() -> None:
    answers = [Answer(REFERENCE, truncate=True), Answer(_with_500_dead()), Answer(REFERENCE)]
    with ScriptedServer(answers) as server:
        result = summarize(SAMPLE.read_text(), settings=_settings(server))
        assert result.usage.requests == len(server.requests) == 3
    assert result.attempts == 2
    assert result.verification.ok


@pytest.mark.parametrize(
    ("mode", "request_shape"),
    [
        (LLMMode.TOOLS, "tools"),
        (LLMMode.JSON_SCHEMA, "json_schema"),
        (LLMMode.JSON, "json_object"),
        (LLMMode.MD_JSON, "plain"),
    ],
)
def test_each_mode_asks_in_its_own_way_and_verifies(mode: LLMMode, request_shape: str) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        result = summarize(SAMPLE.read_text(), settings=_settings(server, mode=mode))
        sent = server.requests[0]
    shape = (
        "tools" if "tools" in sent
        else sent.get("response_format", {}).get("type", "plain")
    )  # fmt: skip
    assert shape == request_shape
    assert result.verification.ok


@pytest.mark.parametrize("mode", [LLMMode.JSON, LLMMode.MD_JSON])
def test_the_schema_in_the_system_message_is_sent_compact(mode: LLMMode) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        summarize(SAMPLE.read_text(), settings=_settings(server, mode=mode))
        system = server.requests[0]["messages"][0]["content"]
    assert '{"$defs":{' in system
    assert '\n  "$defs": {' not in system


def test_a_ready_client_can_be_passed_in() -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        client = openai.OpenAI(base_url=server.url, api_key=FAKE_KEY, max_retries=0)
        result = summarize(SAMPLE.read_text(), client=client, settings=Settings(model=MODEL))
    assert result.engine == "llm" and result.verification.ok


def _part(*events: dict[str, Any]) -> Answer:
    return Answer({**REFERENCE, "events": list(events)})


def test_a_long_article_is_extracted_in_parts_and_verified_whole() -> None:
    odesa, kharkiv, night, kyiv = REFERENCE["events"]
    odesa_again = copy.deepcopy(odesa)  # a later part restates the Odesa toll
    odesa_again["casualties"][0]["count"]["quote"] = (
        "The regional prosecutor’s office reported one fatality"
    )
    answers = [_part(odesa, kharkiv), _part(night), _part(kyiv, odesa_again), _part()]
    with ScriptedServer(answers) as server:
        result = summarize(SAMPLE.read_text(), settings=_settings(server, chunk_chars=1200))
        users = [r["messages"][1]["content"] for r in server.requests]
    assert len(users) == 4
    assert all(f"(part {n} of 4;" in u for n, u in enumerate(users, 1))
    assert result.attempts == 4
    # Same type, place, date and status join; the undated and placeless stay apart.
    places = [e.location.place for e in result.summary.events]
    assert places == ["Odesa", "Kharkiv", None, "Kyiv"]
    assert len(result.summary.events[0].casualties) == len(odesa["casualties"])
    assert {f.status for f in result.verification.findings} == {Status.SUPPORTED}


def test_an_answer_that_never_fits_the_schema_keeps_what_fits_and_exits_1() -> None:
    answer = copy.deepcopy(REFERENCE)
    answer["events"][1]["casualties"][0]["outcome"] = "exploded"  # no outcome of ours
    with ScriptedServer([Answer(answer)]) as server:
        done = _cli("summarize", str(SAMPLE), "--engine", "llm",
                    "--base-url", server.url, "--model", MODEL)  # fmt: skip
        asked = len(server.requests)
    assert asked == 3  # the first answer and instructor's two validation re-asks
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    kept = result["summary"]["events"]
    assert len(kept) == len(REFERENCE["events"]) - 1
    assert result["summary"]["headline"] == REFERENCE["headline"]
    left_out = [f for f in result["verification"]["findings"] if f["path"].startswith("answer.")]
    assert [(f["path"], f["status"]) for f in left_out] == [("answer.events[1]", "unsupported")]
    assert "casualties.0.outcome" in left_out[0]["note"]


def test_an_answer_with_no_json_at_all_is_still_a_provider_error() -> None:
    with ScriptedServer([Answer(raw_arguments='{"headline": "Dro')]) as server:
        done = _cli("summarize", str(SAMPLE), "--engine", "llm",
                    "--base-url", server.url, "--model", MODEL)  # fmt: skip
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.startswith("error: the model's answers did not fit the records schema")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (Answer(status=401, error="Incorrect API key provided"),
         "authentication failed at {url}: check OPENAI_API_KEY"),
        (Answer(status=404, error="The model does not exist"),
         f"model '{MODEL}' not found at {{url}}"),
        (Answer(status=400, error="bad request"),
         "{url} rejected the request (HTTP 400): bad request (request made with key [redacted])"),
        (None, "cannot reach {url}: "),
    ],
    ids=["401", "404", "400", "unreachable"],
)  # fmt: skip
def test_provider_errors_are_one_line_exit_3_and_never_show_the_key(
    answer: Answer | None, message: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    env = {"OPENAI_API_KEY": FAKE_KEY}
    out = tmp_path / "out.json"
    if answer is None:
        url = f"http://127.0.0.1:{_closed_port()}/v1"
        done = _cli("summarize", str(SAMPLE), "--base-url", url, "--model", MODEL,
                    "-o", str(out), "--max-bytes", "100000", env=env)  # fmt: skip
    else:
        with ScriptedServer([answer]) as server:
            url = server.url
            done = _cli("summarize", str(SAMPLE), "--base-url", url, "--model", MODEL,
                        "-o", str(out), env=env)  # fmt: skip
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: " + message.format(url=url))
    # The library path, with its logging captured.
    with caplog.at_level(logging.DEBUG), pytest.raises(ProviderError) as error:
        if answer is None:
            summarize(SAMPLE.read_text(), settings=Settings(
                base_url=url, model=MODEL, api_key=FAKE_KEY, **FAST_RETRIES))  # fmt: skip
        else:
            with ScriptedServer([answer]) as server:
                summarize(SAMPLE.read_text(), settings=_settings(server))
    written = [done.stdout, done.stderr, str(error.value), error.value.detail or "",
               caplog.text, *(p.read_text() for p in tmp_path.iterdir())]  # fmt: skip
    assert not any(FAKE_KEY in w for w in written)


def test_the_reask_keeps_the_better_answer() -> None:
    worse = _with_500_dead()
    worse["events"][1]["casualties"][0]["count"]["value"] = 3  # and a second wrong number
    with ScriptedServer([Answer(_with_500_dead()), Answer(worse)]) as server:
        result = summarize(SAMPLE.read_text(), settings=_settings(server))
    failing = [f for f in result.verification.findings if f.status is not Status.SUPPORTED]
    assert result.attempts == 2 and len(failing) == 1


def test_a_reask_that_would_pass_the_token_budget_is_not_sent() -> None:
    with ScriptedServer([Answer(_with_500_dead())]) as server:
        first = summarize(SAMPLE.read_text(), settings=_settings(server, reask=0))
        spent = first.usage.total_tokens
        # Room for what the first answer cost, not for a longer re-ask with its answer.
        result = summarize(SAMPLE.read_text(), settings=_settings(
            server, max_total_tokens=spent + 1000))  # fmt: skip
    assert result.attempts == 1 and result.usage.total_tokens == spent


def test_settings_that_ask_for_rules_get_rules_even_with_an_endpoint() -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        result = summarize(SAMPLE.read_text(), settings=_settings(server, engine="rules"))
        assert server.requests == []
    assert result.engine == "rules"


@pytest.mark.parametrize(
    ("model", "reasoning", "effort", "sent_keys", "absent_keys"),
    [
        pytest.param("gpt-4o-mini", None, None, {"temperature": 0.0, "max_tokens": 4096},
                     {"max_completion_tokens", "reasoning_effort"}, id="a-chat-model"),
        pytest.param("o3-mini", None, None, {"max_completion_tokens": 4096},
                     {"temperature", "max_tokens", "reasoning_effort"}, id="o-series-by-name"),
        pytest.param("gpt-5-mini", None, "high",
                     {"max_completion_tokens": 4096, "reasoning_effort": "high"},
                     {"temperature", "max_tokens"}, id="gpt-5-with-effort"),
        pytest.param("openai/o4-mini", None, None, {"max_completion_tokens": 4096},
                     {"temperature", "max_tokens"}, id="a-provider-prefix"),
        pytest.param("my-local-reasoner", True, "low",
                     {"max_completion_tokens": 4096, "reasoning_effort": "low"},
                     {"temperature", "max_tokens"}, id="named-reasoning-by-flag"),
        pytest.param("o3-mini", False, "high", {"temperature": 0.0, "max_tokens": 4096},
                     {"max_completion_tokens", "reasoning_effort"}, id="turned-off-by-flag"),
    ],
)  # fmt: skip
def test_reasoning_models_are_asked_with_their_own_parameters(
    model: str,
    reasoning: bool | None,
    effort: str | None,
    sent_keys: dict[str, Any],
    absent_keys: set[str],
) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        settings = _settings(server, reasoning=reasoning, reasoning_effort=effort)
        summarize(SAMPLE.read_text(), settings=settings.model_copy(update={"model": model}))
        sent = server.requests[0]
    assert sent["model"] == model
    assert {key: sent.get(key) for key in sent_keys} == sent_keys
    assert absent_keys.isdisjoint(sent)


def test_the_cli_takes_reasoning_flags() -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = _cli("summarize", str(SAMPLE), "--engine", "llm", "--base-url", server.url,
                    "--model", "local-model", "--reasoning",
                    "--reasoning-effort", "medium")  # fmt: skip
        sent = server.requests[0]
    assert done.returncode == 0, done.stderr
    assert sent["max_completion_tokens"] == 4096 and sent["reasoning_effort"] == "medium"
    assert "temperature" not in sent
