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
            "new_episodes", "--base-url", server.url, "--model", MODEL, "--mode", "md_json",
            key=FAKE_KEY,
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


def test_the_key_a_provider_echoes_is_blanked_in_the_cassette(tmp_path: Path) -> None:
    answer = copy.deepcopy(REFERENCE)
    answer["headline"] = f"leaked {FAKE_KEY}"
    path = tmp_path / "echo.yaml"
    done = _record(path, [Answer(answer)])
    assert done.returncode == 0, done.stderr
    assert FAKE_KEY not in path.read_text()
    assert "[key removed]" in path.read_text()


def test_a_failed_run_that_recorded_a_secret_still_fails_on_it(tmp_path: Path) -> None:
    # The scripted server's error message also repeats the key, which is blanked; the
    # other token is not the key, and only the check finds it.
    path = tmp_path / "failed.yaml"
    leak = Answer(status=400, error="bad request for sk-proj-0123456789abcdefghijkl")
    done = _record(path, [leak])
    assert done.returncode == 2
    assert "holds what looks like a key or a secret header" in done.stderr
    assert "the run failed too" in done.stderr
    assert FAKE_KEY not in path.read_text()


@pytest.mark.parametrize(
    ("content", "mode", "message"),
    [
        (b"hello: [unclosed", "once", "not a cassette (not valid YAML"),
        (b"just text\n", "rewrite", "not a cassette (no list of interactions in it)"),
        (b"\xff\xfe\x00binary", "once", "not a cassette (not UTF-8 text)"),
        (b"", "none", "holds no recorded requests; record it first with --record-mode once"),
    ],
    ids=["not-yaml", "text-under-rewrite", "binary", "empty-under-none"],
)
def test_a_file_that_is_no_cassette_is_refused_and_left_alone(
    tmp_path: Path, content: bytes, mode: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = _cli("summarize", str(SAMPLE), "--base-url", server.url, "--model", MODEL,
                    "--cassette", str(path), "--record-mode", mode, key=FAKE_KEY)  # fmt: skip
        assert server.requests == []
    assert done.returncode == 2
    assert done.stderr.strip() == f"error: {path}: {message}" or message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == content


@pytest.mark.parametrize("where", ["a-directory", "under-a-file"])
def test_a_cassette_path_that_cannot_be_a_file_is_refused_before_any_request(
    tmp_path: Path, where: str
) -> None:
    if where == "a-directory":
        path = tmp_path / "dir.yaml"
        path.mkdir()
    else:
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "answers.yaml"
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = _cli("summarize", str(SAMPLE), "--base-url", server.url, "--model", MODEL,
                    "--cassette", str(path), key=FAKE_KEY)  # fmt: skip
        assert server.requests == []
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("mode", ["rewrite", "new_episodes"])
def test_recording_anew_takes_no_model_from_the_old_cassette(cassette: Path, mode: str) -> None:
    done = _cli("summarize", str(SAMPLE), "--cassette", str(cassette), "--record-mode", mode)
    assert done.returncode == 2
    assert "no model given" in done.stderr
