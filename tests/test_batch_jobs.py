"""Batch jobs: `batch prepare` writes the online engine's own requests, one a line, with
the article's id as custom_id, beside a job file that records how they were asked."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch_jobs import CHAT_PATH, custom_id, prepare_batch, read_job
from summarizer.cache import ResultCache
from summarizer.documents import document_from_text
from summarizer.engines.llm import LLMEngine
from summarizer.inputs import items
from summarizer.pipeline import asummarize
from summarizer.settings import LLMMode, Settings
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))[:3]


def _settings(url: str = "http://127.0.0.1:9/v1", **more: Any) -> Settings:
    return Settings(engine="llm", model=MODEL, base_url=url, api_key=FAKE_KEY, reask=0, **more)


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
