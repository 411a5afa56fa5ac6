"""Many documents: inputs of every kind, one line each in input order, failures kept
apart, the cache, resume, and a rate limit that slows every worker."""

from __future__ import annotations

import asyncio
import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch import BatchLine, summarize_all, summarize_many
from summarizer.engines.llm import LLMEngine
from summarizer.engines.rules import RulesEngine
from summarizer.errors import InputError
from summarizer.html_pages import article_text
from summarizer.inputs import items, sources
from summarizer.outputs import JsonlSink
from summarizer.settings import Settings
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE, takes_ctrl_c
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


def _cli(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "SUMMARIZER_BACKOFF_SECONDS": "0.01", "OPENAI_API_KEY": FAKE_KEY}
    return subprocess.Popen([sys.executable, "-m", "summarizer", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=takes_ctrl_c)  # fmt: skip


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _finished_lines(path: Path) -> int:
    """Lines a running writer has completed; the one it is writing may be cut short."""
    return path.read_text().count("\n") if path.exists() else 0


def _jsonl(path: Path, n: int) -> Path:
    """n articles as JSONL, each a copy of the sample with an id and some metadata."""
    text = SAMPLE.read_text()
    with path.open("w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"doc-{i}", "text": f"{text}\n\n(copy {i})",
                                "source": "wire", "n": i}) + "\n")  # fmt: skip
    return path


def test_a_bad_file_among_good_ones_gets_an_error_line_and_the_others_finish(
    tmp_path: Path,
) -> None:
    for article in ARTICLES[:3]:
        (tmp_path / article.name).write_text(article.read_text())
    (tmp_path / "b-empty.txt").write_text("   \n")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01\x02")
    done = _cli("summarize", str(tmp_path), "--format", "jsonl")
    out, err = done.communicate(timeout=120)
    lines = _lines(out)
    assert [Path(line["path"]).name for line in lines] == sorted(
        [a.name for a in ARTICLES[:3]] + ["b-empty.txt", "c-binary.txt"]
    )
    errors = {Path(line["path"]).name: line["error"] for line in lines if "error" in line}
    assert set(errors) == {"b-empty.txt", "c-binary.txt"}
    assert all(e["kind"] == "input" for e in errors.values())
    assert sum("result" in line for line in lines) == 3
    assert done.returncode == 2  # the worst of the run: bad input
    assert err.strip().splitlines()[-1].startswith("summary: 5 articles, 3 done")


def test_directories_are_read_recursively_with_r_and_html_as_its_text(tmp_path: Path) -> None:
    nested = tmp_path / "wire" / "2025"
    nested.mkdir(parents=True)
    (tmp_path / "top.txt").write_text(ARTICLES[0].read_text())
    (nested / "page.html").write_text(
        "<html><head><style>p{}</style><script>var x = 500;</script></head><body>"
        "<h1>Blast in Lagos</h1><p>A blast killed 3 people and injured 7 on Monday.</p>"
        "</body></html>"
    )
    (nested / "notes.csv").write_text("not,an,article")
    assert [Path(p).name for p in sources([str(tmp_path)])] == ["top.txt"]
    found = sources([str(tmp_path)], recursive=True)
    assert [Path(p).name for p in found] == ["top.txt", "page.html"]
    (page,) = [i for i in items(found, 10**6) if i.path.endswith(".html")]
    assert page.document is not None
    text = "Blast in Lagos\n\nA blast killed 3 people and injured 7 on Monday."
    assert page.document.text == text


def test_an_html_page_is_read_for_its_text_without_scripts() -> None:
    assert article_text("<p>One &amp; two.</p><script>x=1</script>") == "One & two."


def test_jsonl_ids_and_metadata_are_carried_in_input_order(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 6)
    with source.open("a") as f:
        f.write('{"id": "broken", "text": 5}\n')
    lines = list(summarize_all(items([str(source)], 10**6), RulesEngine(), concurrency=3))
    assert [line.id for line in lines] == [f"doc-{i}" for i in range(6)] + [f"{source}:7"]
    assert lines[2].metadata == {"source": "wire", "n": 2}
    assert (lines[2].input, lines[2].line) == (str(source), 3)  # where a resume finds it
    assert lines[-1].error is not None and '"text" field' in lines[-1].error.message


def test_summarize_many_is_an_async_iterator_in_input_order() -> None:
    async def collect() -> list[BatchLine]:
        return [line async for line in summarize_many(
            items([str(a) for a in ARTICLES], 10**6), RulesEngine(), concurrency=4)]  # fmt: skip

    lines = asyncio.run(collect())
    assert [Path(line.path).name for line in lines] == [a.name for a in ARTICLES]
    assert all(line.result is not None for line in lines)


def test_a_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 5)
    cache = tmp_path / "cache"
    with ScriptedServer([Answer(REFERENCE)]) as server:
        args = ("summarize", str(source), "--format", "jsonl", "--base-url", server.url,
                "--model", MODEL, "--cache-dir", str(cache))  # fmt: skip
        first, _ = _cli(*args).communicate(timeout=120)
        asked = len(server.requests)
        second, err = _cli(*args).communicate(timeout=120)
        assert len(server.requests) == asked == 5  # the second run asked nothing
    assert [line["result"]["cached"] for line in _lines(second)] == [True] * 5
    assert [line["result"]["cached"] for line in _lines(first)] == [False] * 5
    assert "(5 from the cache)" in err and "tokens: 0" in err
    strip = lambda line: {**line["result"], "cached": None, "timings": None, "usage": None}  # noqa: E731
    assert [strip(x) for x in _lines(first)] == [strip(x) for x in _lines(second)]


def test_the_cache_can_be_listed_and_emptied(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 2)
    cache = str(tmp_path / "cache")
    with ScriptedServer([Answer(REFERENCE)]) as server:
        _cli("summarize", str(source), "--format", "jsonl", "--base-url", server.url,
             "--model", MODEL, "--cache-dir", cache).communicate(timeout=120)  # fmt: skip
    info, _ = _cli("cache", "info", "--cache-dir", cache).communicate(timeout=60)
    assert info.startswith(f"{cache}: 2 answers, ") and "(limit 1,024 MB" in info
    cleared, _ = _cli("cache", "clear", "--cache-dir", cache).communicate(timeout=60)
    assert cleared.strip() == f"{cache}: removed 2 answers"
    info, _ = _cli("cache", "info", "--cache-dir", cache).communicate(timeout=60)
    assert info.startswith(f"{cache}: 0 answers, ")


def test_the_closing_line_says_what_rate_limits_cost(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 4)
    storm = Answer(status=429, error="slow down", headers={"Retry-After": "0.05"})
    with ScriptedServer([Answer(REFERENCE)], storm=storm) as server:
        _, err = _cli("summarize", str(source), "--format", "jsonl", "--base-url", server.url,
                      "--model", MODEL, "--no-cache", "--concurrency", "1",
                      ).communicate(timeout=120)  # fmt: skip
    assert "4 done" in err
    assert "; 8 requests sent, 4 rate-limited, " in err and " s waited" in err


def test_no_cache_asks_again(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 2)
    with ScriptedServer([Answer(REFERENCE)]) as server:
        args = ("summarize", str(source), "--format", "jsonl", "--base-url", server.url,
                "--model", MODEL, "--cache-dir", str(tmp_path / "cache"))  # fmt: skip
        _cli(*args).communicate(timeout=120)
        _cli(*args, "--no-cache").communicate(timeout=120)
        assert len(server.requests) == 4


def test_an_interrupted_run_resumes_with_nothing_missing_and_nothing_twice(
    tmp_path: Path,
) -> None:
    n = 12
    source = _jsonl(tmp_path / "in.jsonl", n)
    out = tmp_path / "out.jsonl"
    with ScriptedServer([Answer(REFERENCE, delay=0.4)]) as server:
        args = ("summarize", str(source), "--format", "jsonl", "-o", str(out), "--base-url",
                server.url, "--model", MODEL, "--concurrency", "2", "--no-cache")  # fmt: skip
        running = _cli(*args)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and _finished_lines(out) < 3:
            time.sleep(0.05)
        running.send_signal(signal.SIGINT)
        _, err = running.communicate(timeout=60)
        assert running.returncode == 130
        assert "--resume continues" in err
        before = [line["id"] for line in _lines(out.read_text())]
        assert 3 <= len(before) < n
        refused = _cli(*args)
        refused.communicate(timeout=60)
        assert refused.returncode == 2  # an existing output is not overwritten
        resumed = _cli(*args, "--resume")
        resumed.communicate(timeout=120)
        assert resumed.returncode == 0
    after = [line["id"] for line in _lines(out.read_text())]
    assert after[: len(before)] == before
    assert sorted(after) == sorted(f"doc-{i}" for i in range(n))  # nothing missing or twice


def test_a_rate_limit_slows_every_worker() -> None:
    docs = [str(a) for a in ARTICLES[:10]]
    answers = [Answer(status=429, headers={"retry-after": "1"}), Answer(REFERENCE, delay=0.3)]
    with ScriptedServer(answers) as server:
        engine = LLMEngine(Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY,
                                    backoff_seconds=0.01, reask=0))  # fmt: skip
        lines = list(summarize_all(items(docs, 10**6), engine, concurrency=4))
        arrivals = list(server.arrivals)
    assert all(line.result is not None for line in lines)
    limited, first_wave = arrivals[0], arrivals[1:4]
    later = arrivals[4:]
    assert all(t - limited < 0.9 for t in first_wave)  # sent before the 429 came back
    # Every request sent after the 429 waited for its Retry-After, not just the retry.
    assert later and min(later) - limited >= 0.95


def test_a_full_disk_ends_the_jsonl_run_with_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FullDisk(io.RawIOBase):
        name = str(tmp_path / "out.jsonl")

        def write(self, data: Any) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("summarizer.outputs.open", lambda *a, **k: FullDisk(), raising=False)
    sink = JsonlSink(tmp_path / "out.jsonl", resume=False)
    with pytest.raises(InputError, match=r"out\.jsonl: cannot write: No space left on device"):
        sink.write('{"id": "a"}')
    sink.close()
