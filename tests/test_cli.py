"""The command line as a user meets it: outputs, exit codes, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import _setting_flags, app
from tests.conftest import FIXTURES, SAMPLE

RECORDS = FIXTURES / "odesa_records.json"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env or {})
    # Anything but a clean exit would be a traceback for a user.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def no_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_API_KEY",
                 "SUMMARIZER_BASE_URL"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def test_summarize_sample_prints_verified_records(no_llm: None) -> None:
    code, out, err = run("summarize", str(SAMPLE))
    assert code == 0
    result = json.loads(out)
    assert result["engine"] == "rules"
    assert result["verification"]["ok"] is True
    assert len(result["summary"]["events"]) >= 3
    assert "no LLM endpoint configured" in err


def test_summarize_markdown_is_a_report(no_llm: None) -> None:
    code, out, _ = run("summarize", str(SAMPLE), "--format", "md")
    assert code == 0
    assert out.startswith("# ")
    assert "## Events" in out and "## Numbers" in out and "All numbers proven." in out


def test_summarize_writes_the_output_file(no_llm: None, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = run("summarize", str(SAMPLE), "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["verification"]["ok"] is True
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_summarize_two_articles_gives_an_array(no_llm: None, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("A car bomb killed 9 people and wounded 31 in the city on Monday.\n")
    code, out, _ = run("summarize", str(SAMPLE), str(other))
    assert code == 0
    assert [r["path"] for r in json.loads(out)] == [str(SAMPLE), str(other)]


def test_llm_engine_without_a_model_is_a_usage_error(no_llm: None) -> None:
    code, out, err = run("summarize", str(SAMPLE), "--engine", "llm")
    assert (code, out) == (2, "")
    assert err == "error: no model given: set SUMMARIZER_MODEL or pass --model\n"


def test_verify_correct_records_exits_0(no_llm: None) -> None:
    code, out, _ = run("verify", str(RECORDS), "--source", str(SAMPLE))
    assert code == 0
    assert json.loads(out)["ok"] is True


@pytest.mark.parametrize(
    ("edit", "path", "status"),
    [
        (("events", 0, "casualties", 1, "count", "value", 15),
         "events[0].casualties[1].count", "unsupported"),
        (("events", 3, "casualties", 0, "outcome", "injured"),
         "events[3].casualties[0].count", "misattributed"),
        (("events", 2, "munitions", 0, "launched", "qualifier", "exact"),
         "events[2].munitions[0].launched", "qualifier_mismatch"),
    ],
    ids=["changed-number", "moved-to-wrong-field", "strengthened-qualifier"],
)  # fmt: skip
def test_verify_wrong_records_exit_1_naming_the_path(
    tmp_path: Path, edit: tuple[object, ...], path: str, status: str
) -> None:
    data = json.loads(RECORDS.read_text())
    node = data
    for key in edit[:-2]:
        node = node[key]
    node[edit[-2]] = edit[-1]
    records = tmp_path / "records.json"
    records.write_text(json.dumps(data))
    code, out, _ = run("verify", str(records), "--source", str(SAMPLE))
    assert code == 1
    failing = [(f["path"], f["status"]) for f in json.loads(out)["findings"]
               if f["status"] != "supported"]  # fmt: skip
    assert failing == [(path, status)]


def test_verify_accepts_a_plain_text_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text("Drones killed 1 person in Odesa and injured 15; Russia launched 80.")
    code, out, _ = run("verify", str(summary), "--source", str(SAMPLE), "--format", "md")
    assert code == 1
    assert "unsupported" in out and "qualifier_mismatch" in out


def test_verify_accepts_a_summarize_result(no_llm: None, tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    assert run("summarize", str(SAMPLE), "-o", str(result))[0] == 0
    assert run("verify", str(result), "--source", str(SAMPLE))[0] == 0


def _bad_inputs(tmp: Path) -> dict[str, tuple[list[str], str]]:
    (tmp / "empty.txt").write_text("")
    (tmp / "blank.txt").write_text("  \n\t\n")
    (tmp / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp / "big.txt").write_text("Shelling killed 3 people. " * 200)
    (tmp / "dir").mkdir()
    (tmp / "malformed.json").write_text('{"headline": "x", ')
    (tmp / "wrong.json").write_text(json.dumps(
        {"headline": "x", "summary": "y", "events": [{"event_type": "Battles",
         "description": "z", "casualties": [{"outcome": "killed",
                                              "count": {"value": "many"}}]}]}))  # fmt: skip
    s = str(SAMPLE)
    return {
        "missing-path": (["summarize", str(tmp / "nope.txt")], "no such file"),
        "directory-without-articles": (["summarize", str(tmp / "dir")],
                                       "no .txt, .md or .html articles in it"),
        "empty-file": (["summarize", str(tmp / "empty.txt")], "is empty"),
        "whitespace-only": (["summarize", str(tmp / "blank.txt")], "is empty"),
        "binary-file": (["summarize", str(tmp / "binary.txt")], "binary"),
        "over-size-limit": (["summarize", str(tmp / "big.txt"), "--max-bytes", "1000"],
                            "--max-bytes"),
        "malformed-records": (["verify", str(tmp / "malformed.json"), "--source", s],
                              "not valid JSON"),
        "records-off-schema": (["verify", str(tmp / "wrong.json"), "--source", s],
                               "events[0].casualties[0].count.value"),
        "missing-source": (["verify", str(RECORDS), "--source", str(tmp / "nope.txt")],
                           "no such file"),
        "unknown-engine": (["summarize", s, "--engine", "magic"], "magic"),
        "output-is-a-directory": (["summarize", s, "-o", str(tmp / "dir")], "is a directory"),
        "records-and-source-both-stdin": (["verify", "-", "--source", "-"],
                                          "cannot both be standard input"),
        "bad-setting": (["summarize", s, "--engine", "llm", "--model", "m",
                         "--temperature", "5"], "temperature"),
    }  # fmt: skip


BAD_INPUTS = [
    "missing-path", "directory-without-articles", "empty-file", "whitespace-only", "binary-file",
    "over-size-limit", "malformed-records", "records-off-schema", "missing-source",
    "unknown-engine", "output-is-a-directory", "records-and-source-both-stdin", "bad-setting",
]  # fmt: skip


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_is_one_line_and_exit_2(no_llm: None, tmp_path: Path, case: str) -> None:
    args, expected = _bad_inputs(tmp_path)[case]
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert expected in err
    if case != "unknown-engine":  # usage errors are click's own boxed message
        errors = [line for line in err.splitlines() if not line.startswith("note:")]
        assert len(errors) == 1 and errors[0].startswith("error: ")


def test_verify_reads_records_in_a_json_code_fence(tmp_path: Path) -> None:
    fenced = tmp_path / "answer.md"
    fenced.write_text("```json\n" + RECORDS.read_text() + "\n```\n")
    code, out, _ = run("verify", str(fenced), "--source", str(SAMPLE))
    assert code == 0
    assert json.loads(out)["ok"] is True


def test_size_limit_comes_from_the_environment(no_llm: None) -> None:
    code, _, err = run("summarize", str(SAMPLE), env={"SUMMARIZER_MAX_BYTES": "100"})
    assert code == 2
    assert "over the limit of 100 bytes" in err


def test_output_file_keeps_the_mode_of_the_file_it_replaces(no_llm: None, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o640)
    assert run("summarize", str(SAMPLE), "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_invalid_utf8_is_decoded_with_a_warning(no_llm: None, tmp_path: Path) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Shelling killed 3 people in Kherson caf\xe9s.\n".encode("latin-1"))
    code, out, err = run("summarize", str(article))
    assert code == 0
    assert "warning:" in err and "invalid UTF-8" in err
    assert json.loads(out)["verification"]["ok"] is True


def test_version_and_help() -> None:
    assert run("--version")[1].startswith("summarizer ")
    code, out, _ = run("--help")
    assert code == 0 and "summarize" in out and "verify" in out and "schema" in out


@pytest.mark.parametrize(
    ("params", "flags"),
    [
        ({"model": None, "temperature": None}, {}),
        (
            {"strict_schema": False, "reasoning": False},
            {"strict_schema": False, "reasoning": False},
        ),
        ({"strict": False}, {}),  # left off: SUMMARIZER_STRICT still decides
        ({"strict": True, "reask": 0}, {"strict": True, "reask": 0}),
        ({"cassette": "a.yaml", "verbose": True, "output": None}, {}),  # not settings
    ],
)
def test_only_the_flags_given_become_settings(
    params: dict[str, object], flags: dict[str, object]
) -> None:
    assert _setting_flags(params) == flags


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs a full device")
@pytest.mark.parametrize(
    "args",
    [["schema"], ["eval", str(FIXTURES / "eval_gold"), "--engine", "rules"],
     ["cache", "info", "--cache-dir", "no-such-cache-dir"]],
    ids=["schema", "eval-table", "cache-info"],
)  # fmt: skip
def test_a_full_stdout_is_one_line_and_exit_2_for_every_command(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "summarizer", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("error: standard output: cannot write")
    assert "Traceback" not in done.stderr
