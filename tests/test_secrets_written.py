"""A key that a provider or a model puts into an answer is never written: not to stdout,
an output file, a JSONL line, nor the cache."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SAMPLE
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())


@pytest.mark.parametrize(
    "key", ["sk-summarizer-test-FAKEKEY-0123456789abcdef", "local-secret-token-abcdefghijkl"]
)
@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_a_key_in_the_model_s_answer_is_never_written(
    tmp_path: Path, key: str, output_format: str
) -> None:
    answer = copy.deepcopy(REFERENCE)
    answer["headline"] = f"Strikes on Odesa {key}"
    answer["events"][0]["description"] = f"Drones hit Odesa (ref {key})."
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    with ScriptedServer([Answer(answer)]) as server:
        args = ["summarize", str(SAMPLE), "--base-url", server.url, "--model", MODEL,
                "--cache-dir", str(cache), "--format", output_format]  # fmt: skip
        to_file = subprocess.run(
            [sys.executable, "-m", "summarizer", *args, "-o", str(out)],
            capture_output=True, text=True, env={**env, "OPENAI_API_KEY": key}, timeout=120,
        )  # fmt: skip
        to_stdout = subprocess.run(
            [sys.executable, "-m", "summarizer", *args, "--no-cache"],
            capture_output=True, text=True, env={**env, "OPENAI_API_KEY": key}, timeout=120,
        )  # fmt: skip
    assert to_file.returncode == 0, to_file.stderr
    assert to_stdout.returncode == 0, to_stdout.stderr
    assert "Strikes on Odesa" in out.read_text()
    assert key not in out.read_text()
    assert key not in to_stdout.stdout and key not in to_stdout.stderr
    for stored in cache.rglob("*"):
        if stored.is_file():
            assert key.encode() not in stored.read_bytes(), stored.name


def test_a_placeholder_key_leaves_the_records_alone(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    with ScriptedServer([Answer(REFERENCE)]) as server:
        done = subprocess.run(
            [sys.executable, "-m", "summarizer", "summarize", str(SAMPLE), "--base-url",
             server.url, "--model", MODEL, "--no-cache"],
            capture_output=True, text=True, env={**env, "OPENAI_API_KEY": "x"}, timeout=120,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    event = json.loads(done.stdout)["summary"]["events"][0]
    assert event["event_type"] == "Explosions/Remote violence"
