"""`--cassette`: a user records a model's answers once and replays them in CI with no
endpoint and no key; a request the cassette does not hold is one clear error.

The answers are recorded here, in each test, from the scripted server on 127.0.0.1."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.cassettes import secrets_in
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
ONE_ATTEMPT = {"SUMMARIZER_MAX_ATTEMPTS": "1"}


def _cli(*args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    if key:
        env["OPENAI_API_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True,
        text=True,
        env={**env, **ONE_ATTEMPT},
        timeout=120,
    )


def _record(cassette: Path, answers: list[Answer], *extra: str) -> subprocess.CompletedProcess[str]:
    with ScriptedServer(answers) as server:
        done = _cli(
            "summarize", str(SAMPLE), "--base-url", server.url, "--model", MODEL,
            "--cassette", str(cassette), "--record-mode", "once", *extra, key=FAKE_KEY,
        )  # fmt: skip
        assert len(server.requests) == 1
    return done


@pytest.fixture
def cassette(tmp_path: Path) -> Path:
    """A cassette of the sample article, recorded; the server is gone afterwards."""
    path = tmp_path / "answers.yaml"
    done = _record(path, [Answer(REFERENCE)])
    assert done.returncode == 0, done.stderr
    return path


def test_recording_writes_a_cassette_without_the_key(cassette: Path) -> None:
    assert cassette.is_file()
    assert secrets_in(cassette, also=FAKE_KEY) == []


def test_a_replay_needs_no_endpoint_no_key_and_no_model(cassette: Path) -> None:
    done = _cli("summarize", str(SAMPLE), "--cassette", str(cassette), "--record-mode", "none")
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    assert (result["engine"], result["model"]) == ("llm", MODEL)
    assert result["verification"]["ok"]
    assert result["summary"]["events"][0]["casualties"][1]["count"]["value"] == 14


def test_once_replays_an_existing_cassette(cassette: Path) -> None:
    done = _cli("summarize", str(SAMPLE), "--cassette", str(cassette))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "changed",
    [["--model", "another-model"], ["--mode", "md_json"], ["--temperature", "0.5"]],
    ids=["model", "mode", "temperature"],
)
def test_a_changed_request_under_none_is_one_line_exit_3(
    cassette: Path, changed: list[str]
) -> None:
    done = _cli(
        "summarize", str(SAMPLE), "--cassette", str(cassette), "--record-mode", "none", *changed
    )
    assert done.returncode == 3
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: this request is not in {cassette}:")
    assert "--record-mode rewrite" in lines[0]


def test_new_episodes_records_what_the_cassette_lacks(cassette: Path) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = _cli(
            "summarize", str(SAMPLE), "--cassette", str(cassette), "--record-mode",
            "new_episodes", "--base-url", server.url, "--mode", "md_json", key=FAKE_KEY,
        )  # fmt: skip
        assert len(server.requests) == 1
    assert done.returncode == 0, done.stderr
    for mode in ("tools", "md_json"):
        replay = _cli("summarize", str(SAMPLE), "--cassette", str(cassette), "--mode", mode,
                      "--record-mode", "none")  # fmt: skip
        assert replay.returncode == 0, replay.stderr


def test_rewrite_records_the_cassette_anew(cassette: Path) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = _cli(
            "summarize", str(SAMPLE), "--cassette", str(cassette), "--record-mode", "rewrite",
            "--base-url", server.url, "--model", "another-model", key=FAKE_KEY,
        )  # fmt: skip
        assert len(server.requests) == 1
    assert done.returncode == 0, done.stderr
    old = _cli("summarize", str(SAMPLE), "--cassette", str(cassette), "--model", MODEL,
               "--record-mode", "none")  # fmt: skip
    assert old.returncode == 3


def test_replaying_a_missing_cassette_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.yaml"
    done = _cli("summarize", str(SAMPLE), "--cassette", str(missing), "--record-mode", "none",
                "--model", MODEL)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: {missing}: no such cassette; record it first with --record-mode once"
    )


def test_a_record_mode_without_a_cassette_is_a_usage_error() -> None:
    done = _cli("summarize", str(SAMPLE), "--record-mode", "none")
    assert done.returncode == 2
    assert "--record-mode needs --cassette" in done.stderr


def test_a_key_in_the_answer_is_caught_before_the_cassette_is_shared(tmp_path: Path) -> None:
    answer = copy.deepcopy(REFERENCE)
    answer["headline"] = f"leaked {FAKE_KEY}"
    path = tmp_path / "leaky.yaml"
    done = _record(path, [Answer(answer)])
    assert done.returncode == 2
    assert "holds what looks like a key or a secret header" in done.stderr
