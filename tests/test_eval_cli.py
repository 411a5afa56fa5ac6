"""`summarizer eval GOLD_DIR` from the command line: the rules engine, a scripted LLM,
the bars for CI, and the cassette round trip (record once, replay with the server
down, fail clearly on a changed model)."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FAKE_KEY, FIXTURES, ROOT
from tests.scripted_server import MODEL, Answer, ScriptedServer

EVAL_GOLD = FIXTURES / "eval_gold"
REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())


def _eval(*args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    if key:
        env["OPENAI_API_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "eval", *args],
        capture_output=True,
        text=True,
        env={**env, "SUMMARIZER_MAX_ATTEMPTS": "1"},
        timeout=120,
    )


def _totals(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert done.returncode == 0, done.stderr
    totals: dict[str, Any] = json.loads(done.stdout)["totals"]
    return totals


def test_the_rules_engine_gets_a_table_with_precision_recall_and_f1() -> None:
    done = _eval(str(EVAL_GOLD), "--engine", "rules")
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if "precision" in line)
    for column in ("expected", "found", "matched", "precision", "recall", "F1", "dates"):
        assert column in header
    assert "ferry_fire" in done.stdout and "total" in done.stdout


def test_json_gives_the_totals_of_counts_dates_verification_and_usage() -> None:
    totals = _totals(_eval(str(EVAL_GOLD), "--engine", "rules", "--format", "json"))
    assert set(totals) == {"counts", "dates", "countries", "verification", "usage"}
    assert set(totals["counts"]) == {"expected", "found", "matched", "precision", "recall", "f1"}
    assert totals["counts"]["expected"] == 6
    assert totals["verification"]["failed"] == 0


def test_markdown_goes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "eval.md"
    done = _eval(str(EVAL_GOLD), "--engine", "rules", "--format", "md", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("# Evaluation of the rules engine")
    assert "| **total** |" in out.read_text()


def test_the_sample_article_ships_as_an_example_gold_dir() -> None:
    totals = _totals(_eval(str(ROOT / "seeds"), "--engine", "rules", "--format", "json"))
    assert totals["counts"]["expected"] == 12


def _one_count_more(tmp_path: Path) -> Path:
    """eval_gold with one expected count the article does not state: recall 6/7."""
    gold = tmp_path / "gold"
    shutil.copytree(EVAL_GOLD, gold)
    path = gold / "ferry_fire.expected.json"
    expected = json.loads(path.read_text())
    extra = {"outcome": "missing", "group": "total", "count": {"value": 99}}
    expected["events"][0]["casualties"].append(extra)
    path.write_text(json.dumps(expected))
    return gold


@pytest.mark.parametrize(
    ("bar", "code"),
    [(["--min-recall", "0.5"], 0), (["--min-recall", "0.9"], 1), (["--min-precision", "1"], 0)],
)
def test_a_bar_below_the_measure_passes_and_above_it_exits_1(
    tmp_path: Path, bar: list[str], code: int
) -> None:
    # The rules engine on this gold: recall 6/7, precision 6/6.
    done = _eval(str(_one_count_more(tmp_path)), "--engine", "rules", "--format", "json", *bar)
    assert done.returncode == code, done.stderr
    assert ("below the bar: recall 85.7% (6/7)" in done.stderr) is (code == 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(EVAL_GOLD), "--min-recall", "1.5"], "less than or equal to 1"),
        ([str(FIXTURES / "no-such-dir")], "no such directory"),
        ([str(ROOT / "prompts")], "no gold pairs in it"),
    ],
)
def test_bad_input_is_exit_2(args: list[str], message: str) -> None:
    done = _eval(*args, "--engine", "rules")
    assert done.returncode == 2
    assert message in done.stderr


@pytest.fixture
def sample_gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("odesa-kharkiv-2025-06-20.txt", "odesa-kharkiv-2025-06-20.expected.json"):
        shutil.copy(ROOT / "seeds" / name, gold / name)
    return gold


def _record(gold: Path, cassette: Path, answer: dict[str, Any] = REFERENCE) -> dict[str, Any]:
    with ScriptedServer([Answer(answer)]) as server:
        done = _eval(
            str(gold), "--base-url", server.url, "--model", MODEL, "--format", "json",
            "--cassette", str(cassette), "--reask", "0", key=FAKE_KEY,
        )  # fmt: skip
        assert len(server.requests) == 1
    return _totals(done)


def test_a_scripted_llm_is_scored_and_its_usage_summed(sample_gold: Path, tmp_path: Path) -> None:
    # The reference records with one count wrong: 15 injured in Odesa, where the article
    # (and the expected records) say 14.
    answer = copy.deepcopy(REFERENCE)
    answer["events"][0]["casualties"][1]["count"]["value"] = 15
    totals = _record(sample_gold, tmp_path / "answers.yaml", answer)
    assert {k: totals["counts"][k] for k in ("expected", "found", "matched")} == {
        "expected": 12, "found": 12, "matched": 11,
    }  # fmt: skip
    assert totals["counts"]["recall"] == totals["counts"]["precision"] == round(11 / 12, 4)
    assert totals["verification"]["failed"] == 1
    assert totals["usage"]["requests"] == 1


def test_the_cassette_round_trip_replays_with_the_server_down(
    sample_gold: Path, tmp_path: Path
) -> None:
    cassette = tmp_path / "answers.yaml"
    recorded = _record(sample_gold, cassette)
    replayed = _totals(
        _eval(str(sample_gold), "--cassette", str(cassette), "--record-mode", "none", "-f", "json")
    )
    assert replayed["counts"] == recorded["counts"]
    assert replayed["verification"] == recorded["verification"]


def test_a_changed_model_under_none_fails_with_one_line(sample_gold: Path, tmp_path: Path) -> None:
    cassette = tmp_path / "answers.yaml"
    _record(sample_gold, cassette)
    done = _eval(
        str(sample_gold), "--cassette", str(cassette), "--record-mode", "none",
        "--model", "another-model",
    )  # fmt: skip
    assert done.returncode == 3
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: odesa-kharkiv-2025-06-20: this request is not in")
    assert "--record-mode rewrite" in lines[0]


def test_a_second_eval_reads_the_model_s_answers_from_the_cache(
    sample_gold: Path, tmp_path: Path
) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        flags = ["--base-url", server.url, "--model", MODEL, "-f", "json"]
        flags += ["--cache-dir", str(tmp_path / "cache")]
        runs = [_eval(str(sample_gold), *flags, key=FAKE_KEY) for _ in range(2)]
        assert len(server.requests) == 1
    assert _totals(runs[0])["counts"] == _totals(runs[1])["counts"]
    assert _totals(runs[1])["usage"]["requests"] == 0


def test_a_gold_article_s_warnings_reach_stderr(tmp_path: Path) -> None:
    shutil.copytree(EVAL_GOLD, tmp_path / "gold")
    article = tmp_path / "gold" / "ferry_fire.txt"
    article.write_bytes(article.read_bytes() + b" caf\xe9")
    done = _eval(str(tmp_path / "gold"), "--engine", "rules", "-f", "json")
    assert done.returncode == 0, done.stderr
    assert "warning: " in done.stderr and "invalid UTF-8" in done.stderr
