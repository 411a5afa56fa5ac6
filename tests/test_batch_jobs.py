"""Batch jobs: `batch prepare` writes the online engine's own requests, one a line, with
the article's id as custom_id, beside a job file that records how they were asked."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch_jobs import (
    CHAT_PATH,
    batch_status,
    collect_batch,
    custom_id,
    prepare_batch,
    read_job,
    reask_id,
    submit_batch,
)
from summarizer.cache import ResultCache
from summarizer.documents import document_from_text
from summarizer.engines.llm import LLMEngine
from summarizer.errors import InputError
from summarizer.inputs import items
from summarizer.pipeline import asummarize
from summarizer.settings import LLMMode, Settings
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_batch_server import BatchServer
from tests.scripted_server import MODEL, Answer, ScriptedServer, completion

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))[:3]


def _settings(url: str = "http://127.0.0.1:9/v1", **more: Any) -> Settings:
    return Settings(**{"engine": "llm", "model": MODEL, "base_url": url, "api_key": FAKE_KEY,
                       "reask": 0, **more})  # fmt: skip


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _prepare(tmp_path: Path, files: list[Path], **more: Any) -> tuple[Path, Any]:
    job = tmp_path / "job.json"
    paths = [str(f) for f in files]
    return job, prepare_batch(items(paths, 2_000_000), _settings(**more), job, paths)


@pytest.mark.parametrize("mode", list(LLMMode))
def test_a_request_line_is_the_online_engines_request(tmp_path: Path, mode: LLMMode) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        LLMEngine(_settings(server.url, mode=mode)).extract(SAMPLE.read_text())
        (online,) = server.requests
    _prepare(tmp_path, [SAMPLE], mode=mode)
    (line,) = _lines(tmp_path / "job.requests-1.jsonl")
    assert line["body"] == online
    assert (line["method"], line["url"]) == ("POST", CHAT_PATH)


def test_each_article_is_one_line_with_its_id_and_the_job_says_how_it_was_asked(
    tmp_path: Path,
) -> None:
    job, made = _prepare(tmp_path, ARTICLES, seed=7)
    lines = _lines(tmp_path / "job.requests-1.jsonl")
    assert [line["custom_id"] for line in lines] == [a.id for a in made.articles]
    assert len({line["custom_id"] for line in lines}) == len(ARTICLES)
    again = read_job(job)
    assert again == made
    assert (again.model, again.settings["seed"], again.settings["mode"]) == (MODEL, 7, "tools")
    assert again.inputs == [str(a) for a in ARTICLES]
    assert FAKE_KEY not in job.read_text()


def test_an_article_answered_in_the_cache_is_not_requested(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "cache", 10)
    with ScriptedServer([Answer(REFERENCE)]) as server:
        asked = _settings(server.url)
        asyncio.run(asummarize(document_from_text(SAMPLE.read_text()), LLMEngine(asked), cache))
    job = tmp_path / "job.json"
    paths = [str(SAMPLE), str(ARTICLES[0])]
    made = prepare_batch(items(paths, 2_000_000), asked, job, paths, cache)
    cache.close()
    assert [a.cached for a in made.articles] == [True, False]
    assert len(_lines(tmp_path / "job.requests-1.jsonl")) == 1


@pytest.mark.parametrize(("limit", "files"), [({"batch_max_requests": 2}, 2),
                                              ({"batch_max_bytes": 20_000}, 3)])  # fmt: skip
def test_a_job_past_a_files_limit_is_split(
    tmp_path: Path, limit: dict[str, int], files: int
) -> None:
    _, made = _prepare(tmp_path, ARTICLES, **limit)
    assert len(made.request_files) == files
    assert sum(f.requests for f in made.request_files) == len(ARTICLES)
    for f in made.request_files:
        written = tmp_path / f.path
        assert (f.requests, f.bytes) == (len(_lines(written)), written.stat().st_size)


def test_a_long_article_is_one_request_a_part(tmp_path: Path) -> None:
    _, made = _prepare(tmp_path, [SAMPLE], chunk_chars=1200)
    (article,) = made.articles
    parts = len(article.custom_ids)
    assert parts > 1
    assert article.custom_ids == [custom_id(article.id, n, parts) for n in range(1, parts + 1)]


def test_the_cli_prepares_a_job_and_sends_nothing(tmp_path: Path) -> None:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        env = {**os.environ, "OPENAI_API_KEY": FAKE_KEY}
        done = subprocess.run(
            [sys.executable, "-m", "summarizer", "batch", "prepare", str(SAMPLE),
             *map(str, ARTICLES), "--job", str(tmp_path / "job.json"), "--base-url",
             server.url, "--model", MODEL, "--no-cache"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert server.requests == []
    assert done.returncode == 0, done.stderr
    assert "4 articles, 4 requests in 1 file" in done.stderr
    assert read_job(tmp_path / "job.json").request_files[0].requests == 4


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENAI_API_KEY": FAKE_KEY}
    return subprocess.run([sys.executable, "-m", "summarizer", *args], env=env,
                          capture_output=True, text=True, timeout=180)  # fmt: skip


RIGHT = Answer(REFERENCE)


def _vllm_results(
    requests: Path, failed: set[str], answer: Answer = RIGHT, name: str = "results"
) -> Path:
    """What `vllm run-batch` writes for a request file, in input order, as the scripted
    server would answer each request: `answer`; `failed` get an error."""
    out = requests.with_name(f"{name}.jsonl")
    with out.open("w") as f:
        for n, line in enumerate(_lines(requests)):
            body = None if line["custom_id"] in failed else completion(line["body"], answer)
            error = "model overloaded" if body is None else None
            response = (
                {"status_code": 200, "request_id": f"req-{n}", "body": body} if body else None
            )
            f.write(json.dumps({"id": f"vllm-{n}", "custom_id": line["custom_id"],
                                "response": response, "error": error}) + "\n")  # fmt: skip
    return out


def _comparable(line: dict[str, Any]) -> dict[str, Any]:
    result = line.get("result")
    if result is not None:
        result = {**result, "timings": None, "usage": None}
    return {**line, "result": result}


def test_collect_reads_a_vllm_results_file_into_the_lines_of_an_online_run(
    tmp_path: Path,
) -> None:
    inputs = [str(SAMPLE), *map(str, ARTICLES)]
    with ScriptedServer([Answer(REFERENCE)]) as server:
        settings = ("--base-url", server.url, "--model", MODEL, "--reask", "0")
        online = _cli("summarize", *inputs, "--format", "jsonl", "--no-cache", *settings)
        prepared = _cli("batch", "prepare", *inputs, "--job", str(tmp_path / "job.json"),
                        "--no-cache", *settings)  # fmt: skip
    assert prepared.returncode == 0, prepared.stderr
    job = read_job(tmp_path / "job.json")
    failing = job.articles[1].id
    results = _vllm_results(tmp_path / "job.requests-1.jsonl", {failing})
    collected = _cli("batch", "collect", str(tmp_path / "job.json"), "--responses",
                     str(results), "--no-cache")  # fmt: skip
    lines = [json.loads(line) for line in collected.stdout.splitlines()]
    assert [line["id"] for line in lines] == [a.id for a in job.articles]
    assert "model overloaded" in lines[1]["error"]["message"]
    assert lines[1]["error"]["kind"] == "provider"
    sample = lines[0]["result"]["verification"]["findings"]
    assert {f["status"] for f in sample} == {"supported"}
    expected = [json.loads(line) for line in online.stdout.splitlines()]
    assert [_comparable(x) for i, x in enumerate(lines) if i != 1] == [
        _comparable(x) for i, x in enumerate(expected) if i != 1
    ]
    assert collected.returncode == 3  # an article failed at the provider


def test_collect_fills_the_cache_that_an_online_run_then_reads(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    with ScriptedServer([Answer(REFERENCE)]) as server:
        settings = ("--base-url", server.url, "--model", MODEL, "--cache-dir", cache)
        _cli("batch", "prepare", str(SAMPLE), "--job", str(tmp_path / "job.json"), *settings)
        results = _vllm_results(tmp_path / "job.requests-1.jsonl", set())
        collected = _cli("batch", "collect", str(tmp_path / "job.json"), "--responses",
                         str(results), "--cache-dir", cache)  # fmt: skip
        assert collected.returncode == 0, collected.stderr
        online = _cli("summarize", str(SAMPLE), "--format", "jsonl", *settings)
        assert server.requests == []  # every answer came from the batch, through the cache
    assert json.loads(online.stdout)["result"]["cached"] is True


def test_collecting_a_job_never_submitted_says_how_to_go_on(tmp_path: Path) -> None:
    _prepare(tmp_path, [SAMPLE])
    done = _cli("batch", "collect", str(tmp_path / "job.json"))
    assert done.returncode == 2
    assert "not submitted" in done.stderr and "--responses" in done.stderr


FIVE = [SAMPLE, *sorted((FIXTURES / "articles").glob("*.txt"))[:4]]


def _until(job: Path, url: str, status: str) -> list[str]:
    """`batch status` until every batch has `status`; its lines."""
    for _ in range(6):
        lines = _cli("batch", "status", str(job), "--base-url", url).stdout.splitlines()
        if lines and all(f"  {status}  " in line for line in lines):
            return lines
    raise AssertionError(f"never {status}: {lines}")


def test_the_batch_api_flow_from_submit_to_collect(tmp_path: Path) -> None:
    job = tmp_path / "job.json"
    with BatchServer(Answer(REFERENCE)) as server:
        url = server.url
        submitted = _cli("batch", "submit", *map(str, FIVE), "--job", str(job), "--base-url",
                         url, "--model", MODEL)  # fmt: skip
        assert submitted.returncode == 0, submitted.stderr
        server.failed.add(read_job(job).articles[2].id)
        early = _cli("batch", "collect", str(job), "--base-url", url, "--no-cache")
        assert (early.returncode, early.stdout) == (0, "")
        assert "not finished" in early.stderr
        (line,) = _until(job, url, "completed")
        assert "5/5 done" not in line  # one request went to the error file
        collected = _cli("batch", "collect", str(job), "--base-url", url, "--no-cache")
        again = _cli("batch", "collect", str(job), "--base-url", url, "--no-cache")
        resubmitted = _cli("batch", "submit", "--job", str(job), "--base-url", url)
        assert resubmitted.returncode == 0
        assert server.calls.count("POST /v1/files") == 1  # submitting twice sent it once
    lines = [json.loads(x) for x in collected.stdout.splitlines()]
    assert len(lines) == 5
    assert [x.get("error", {}).get("kind") for x in lines] == [None, None, "provider", None, None]
    assert "the model is overloaded" in lines[2]["error"]["message"]
    assert {f["status"] for f in lines[0]["result"]["verification"]["findings"]} == {"supported"}
    strip = [_comparable(json.loads(x)) for x in again.stdout.splitlines()]
    assert strip == [_comparable(x) for x in lines]


def test_an_expired_batch_gives_its_partial_output(tmp_path: Path) -> None:
    job = tmp_path / "job.json"
    with BatchServer(Answer(REFERENCE), expire=True) as server:
        _cli("batch", "submit", *map(str, FIVE), "--job", str(job), "--base-url", server.url,
             "--model", MODEL)  # fmt: skip
        _until(job, server.url, "expired")
        collected = _cli("batch", "collect", str(job), "--base-url", server.url, "--no-cache")
    lines = [json.loads(x) for x in collected.stdout.splitlines()]
    answered = [x for x in lines if "result" in x]
    assert len(answered) == 2 and len(lines) == 5
    assert all("no answer for request" in x["error"]["message"] for x in lines if "error" in x)


def test_a_batch_can_be_cancelled(tmp_path: Path) -> None:
    job = tmp_path / "job.json"
    with BatchServer(Answer(REFERENCE)) as server:
        _cli("batch", "submit", str(SAMPLE), "--job", str(job), "--base-url", server.url,
             "--model", MODEL)  # fmt: skip
        cancelled = _cli("batch", "cancel", str(job), "--base-url", server.url)
        assert cancelled.returncode == 0, cancelled.stderr
        assert "  cancelled  " in cancelled.stdout
        assert any(call.endswith("/cancel") for call in server.calls)


def test_the_flow_from_python(tmp_path: Path) -> None:
    job = tmp_path / "job.json"
    with BatchServer(Answer(REFERENCE)) as server:
        settings = _settings(server.url)
        paths = [str(SAMPLE), str(ARTICLES[0])]
        prepare_batch(items(paths, 2_000_000), settings, job, paths)
        assert collect_batch(job, settings=settings) is None  # not submitted: nothing ended
        submit_batch(job, settings)
        while not all(b.ended for b in batch_status(job, settings).batches):
            pass
        lines = collect_batch(job, settings=settings)
        assert lines is not None
        collected = list(lines)
    assert [line.id for line in collected] == [a.id for a in read_job(job).articles]
    assert all(line.result is not None for line in collected)


def _with_injured(value: int, *more: tuple[int, int]) -> dict[str, Any]:
    """The reference answer with the Odesa injured count changed (the article says 14);
    `more`: (event, value) for the first casualty count of other events."""
    answer = copy.deepcopy(REFERENCE)
    answer["events"][0]["casualties"][1]["count"]["value"] = value
    for event, other in more:
        answer["events"][event]["casualties"][0]["count"]["value"] = other
    return answer


WRONG = Answer(_with_injured(15))


@pytest.mark.parametrize("mode", list(LLMMode))
def test_a_reask_line_is_the_online_engines_reask(tmp_path: Path, mode: LLMMode) -> None:
    with ScriptedServer([WRONG, Answer(REFERENCE)]) as server:
        LLMEngine(_settings(server.url, mode=mode, reask=1)).extract(SAMPLE.read_text())
        _, online = server.requests
    job, _ = _prepare(tmp_path, [SAMPLE], mode=mode, reask=1)
    first = _vllm_results(tmp_path / "job.requests-1.jsonl", set(), WRONG)
    lines = collect_batch(job, [first], _settings(), reask=True)
    assert lines is not None and len(list(lines)) == 1
    (line,) = _lines(tmp_path / "job.round-2.requests-1.jsonl")
    assert line["body"] == online
    assert line["custom_id"] == reask_id(read_job(job).articles[0].id, 2)
    assert read_job(job).rounds == 2


def test_the_rounds_merge_keeping_the_answer_with_fewest_failed_numbers(tmp_path: Path) -> None:
    job, _ = _prepare(tmp_path, [SAMPLE], reask=1)
    first = _vllm_results(tmp_path / "job.requests-1.jsonl", set(), WRONG)
    asked = collect_batch(job, [first], _settings(), reask=True)
    assert asked is not None and list(asked)
    worse = Answer(_with_injured(15, (1, 3)))
    second = _vllm_results(tmp_path / "job.round-2.requests-1.jsonl", set(), worse, "second")
    merged = collect_batch(job, [first, second], _settings())
    assert merged is not None
    (line,) = list(merged)
    assert line.result is not None
    failing = [f for f in line.result.verification.findings if f.status != "supported"]
    assert line.result.attempts == 2 and line.result.usage.requests == 2
    assert [f.path for f in failing] == ["events[0].casualties[1].count"]


def test_a_reask_round_through_the_batch_api(tmp_path: Path) -> None:
    job = tmp_path / "job.json"
    with BatchServer(WRONG, reanswer=Answer(REFERENCE)) as server:
        url = server.url
        _cli("batch", "submit", *map(str, FIVE), "--job", str(job), "--base-url", url,
             "--model", MODEL)  # fmt: skip
        _until(job, url, "completed")
        first = _cli("batch", "collect", str(job), "--reask", "--base-url", url, "--no-cache")
        assert "round 2: asked again about 5 articles (5 requests) in batch-2" in first.stderr
        early = _cli("batch", "collect", str(job), "--base-url", url, "--no-cache")
        assert (early.returncode, early.stdout) == (0, "")
        _until(job, url, "completed")
        merged = _cli("batch", "collect", str(job), "--reask", "--base-url", url, "--no-cache")
        assert "no numbers to ask about again" in merged.stderr  # --reask 1: one round more
        assert server.calls.count("POST /v1/batches") == 2
    before = json.loads(first.stdout.splitlines()[0])["result"]
    after = json.loads(merged.stdout.splitlines()[0])["result"]
    assert before["attempts"] == 1 and not before["verification"]["ok"]
    assert after["attempts"] == 2 and after["usage"]["requests"] == 2
    assert {f["status"] for f in after["verification"]["findings"]} == {"supported"}
    assert len(merged.stdout.splitlines()) == 5


def test_only_a_final_answer_fills_the_cache(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    with ScriptedServer([Answer(REFERENCE)]) as server:
        settings = ("--base-url", server.url, "--model", MODEL, "--cache-dir", cache)
        _cli("batch", "prepare", str(SAMPLE), "--job", str(tmp_path / "job.json"), *settings)
        first = _vllm_results(tmp_path / "job.requests-1.jsonl", set(), WRONG)
        collect = ("batch", "collect", str(tmp_path / "job.json"), "--cache-dir", cache)
        _cli(*collect, "--responses", str(first))
        assert _cli("cache", "info", "--cache-dir", cache).stdout.split(": ")[1].startswith("0 ")
        asked = _cli(*collect, "--responses", str(first), "--reask")
        assert "job.round-2.requests-1.jsonl; run it as the first" in asked.stderr
        second = _vllm_results(tmp_path / "job.round-2.requests-1.jsonl", set(),
                               Answer(REFERENCE), "second")  # fmt: skip
        _cli(*collect, "--responses", str(first), "--responses", str(second))
        online = _cli("summarize", str(SAMPLE), "--format", "jsonl", *settings)
        assert server.requests == []  # the merged answer is the one online asks for
    result = json.loads(online.stdout)["result"]
    assert result["cached"] is True and result["verification"]["ok"]


def test_status_on_a_terminal_is_a_table(tmp_path: Path) -> None:
    job = tmp_path / "job.json"
    with BatchServer(Answer(REFERENCE)) as server:
        _cli("batch", "submit", str(SAMPLE), "--job", str(job), "--base-url", server.url,
             "--model", MODEL)  # fmt: skip
        leader, follower = pty.openpty()
        env = {**os.environ, "OPENAI_API_KEY": FAKE_KEY, "COLUMNS": "120"}
        with os.fdopen(leader, "rb") as screen:
            done = subprocess.run(
                [sys.executable, "-m", "summarizer", "batch", "status", str(job), "--base-url",
                 server.url], env=env, stdout=follower, stderr=subprocess.PIPE, timeout=120,
            )  # fmt: skip
            os.close(follower)
            shown = screen.read1(100_000).decode()
    assert done.returncode == 0, done.stderr
    assert "request file" in shown and "batch-1" in shown and "job.requests-1.jsonl" in shown
    assert "done," not in shown  # the table, not the lines a pipe gets


@pytest.mark.parametrize(
    ("ids", "said"),
    [(["a", "a"], "is given twice"), (["a", "a#round2"], "ends as the custom id of a re-ask")],
    ids=["twice", "a-reask-id"],
)
def test_ids_a_job_cannot_tell_apart_are_refused(tmp_path: Path, ids: list[str], said: str) -> None:
    given = tmp_path / "in.jsonl"
    text = SAMPLE.read_text()
    given.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in ids))
    with pytest.raises(InputError, match=said):
        _prepare(tmp_path, [given])


def test_each_part_of_a_long_article_is_asked_again_in_its_own_conversation(
    tmp_path: Path,
) -> None:
    job, made = _prepare(tmp_path, [SAMPLE], chunk_chars=1200, reask=1)
    first = _vllm_results(tmp_path / "job.requests-1.jsonl", set(), WRONG)
    lines = collect_batch(job, [first], _settings(), reask=True)
    assert lines is not None and len(list(lines)) == 1
    asked = _lines(tmp_path / "job.requests-1.jsonl")
    again = _lines(tmp_path / "job.round-2.requests-1.jsonl")
    (article,) = made.articles
    assert [x["custom_id"] for x in again] == [reask_id(c, 2) for c in article.custom_ids]
    for before, after in zip(asked, again, strict=True):
        assert after["body"]["messages"][:2] == before["body"]["messages"]
        assert [m["role"] for m in after["body"]["messages"][2:]] == ["assistant", "user"]


def test_a_job_prepared_without_reasks_says_so_when_asked_to_reask(tmp_path: Path) -> None:
    job, _ = _prepare(tmp_path, [SAMPLE])  # --reask 0
    first = _vllm_results(tmp_path / "job.requests-1.jsonl", set(), WRONG)
    asked = _cli("batch", "collect", str(job), "--responses", str(first), "--reask", "--no-cache")
    assert "prepared with --reask 0" in asked.stderr
    assert not list(tmp_path.glob("job.round-*"))
    assert read_job(job).rounds == 1
