"""The result cache answers only what was asked the same way, is never served stale by
a verifier change, never fails an article when it fails itself, and stays within its
size by evicting what was used least recently."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer import pipeline
from summarizer.batch import summarize_all
from summarizer.cache import ResultCache, cache_key
from summarizer.documents import document_from_text
from summarizer.engines import Extraction
from summarizer.inputs import Item
from summarizer.pipeline import asummarize
from summarizer.records import ArticleSummary
from summarizer.settings import Settings
from summarizer.verify import Status, verify

TEXT = "Shelling killed 4 people in the town on Monday, officials said."


class _Model:
    """An LLM-like engine that answers one toll, and counts how often it was asked."""

    name = "llm"
    model = "scripted"
    prompt_version = "test"

    def __init__(self, settings: Settings | None = None, killed: int = 4) -> None:
        self.settings = settings or Settings(model="scripted")
        self.killed = killed
        self.asked = 0

    def extract(self, text: str) -> Extraction:
        raise AssertionError("the async path is used")

    async def aextract(self, text: str) -> Extraction:
        self.asked += 1
        summary = ArticleSummary(headline=f"Shelling kills {self.killed}", summary="Shelling.")
        return Extraction(summary=summary, verification=verify(summary, text))


def _key(base_url: str | None) -> str:
    settings = Settings(model="m", base_url=base_url)
    return cache_key("llm", "m", "p", settings, TEXT)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("http://127.0.0.1:11434/v1", "http://127.0.0.1:8000/v1", False),  # Ollama, vLLM
        ("http://localhost:8080/v1", "http://127.0.0.1:8080/v1", False),
        ("HTTPS://API.example.org/v1/", "https://api.example.org/v1", True),
        ("https://api.example.org:443/v1", "https://api.example.org/v1", True),
        (None, "https://api.openai.com/v1", True),
    ],
)
def test_the_cache_key_tells_endpoints_apart(a: str | None, b: str | None, same: bool) -> None:
    assert (_key(a) == _key(b)) is same


def test_the_endpoint_is_normalised() -> None:
    from summarizer.cache import endpoint

    assert endpoint("HTTP://Host:80/v1/") == "http://host/v1"


def test_a_verifier_change_is_never_served_stale(tmp_path: Path) -> None:
    engine, cache = _Model(killed=5), ResultCache(tmp_path)  # the text says 4
    document = document_from_text(TEXT)
    first = asyncio.run(asummarize(document, engine, cache))
    assert first.verification.findings[0].status is Status.UNSUPPORTED
    # What other code (an older verifier) might have stored: the number judged supported.
    key = cache_key("llm", engine.model, engine.prompt_version, engine.settings, TEXT)
    stored = json.loads(cache.get(key) or "{}")
    entry = stored.get("extraction", stored)
    for finding in entry["verification"]["findings"]:
        finding["status"] = "supported"
    if "code" in stored:
        stored["code"] = "another version"
    cache.put(key, json.dumps(stored))
    again = asyncio.run(asummarize(document, engine, cache))
    assert (engine.asked, again.cached) == (1, True)
    assert again.verification.findings[0].status is Status.UNSUPPORTED


def test_a_hit_made_by_this_code_is_not_verified_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, cache = _Model(), ResultCache(tmp_path)
    document = document_from_text(TEXT)
    first = asyncio.run(asummarize(document, engine, cache))
    monkeypatch.setattr(pipeline, "verify", _never)
    again = asyncio.run(asummarize(document, engine, cache))
    assert again.cached and again.verification == first.verification


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("verified again")


def test_summarize_all_keys_the_cache_on_the_engine_s_own_settings(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    items = [Item(0, "a.txt", document_from_text(TEXT))]
    cold = _Model(Settings(model="scripted", temperature=0))
    hot = _Model(Settings(model="scripted", temperature=1.5))
    list(summarize_all(items, cold, cache=cache))
    assert cold.asked == 1
    (line,) = summarize_all(items, hot, cache=cache)
    assert line.result is not None and not line.result.cached
    assert hot.asked == 1


def test_a_locked_cache_is_a_miss_not_a_failed_article(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = ResultCache(tmp_path)
    locks = []
    for db in [*tmp_path.glob("*.db"), *tmp_path.glob("*.sqlite3")]:
        lock = sqlite3.connect(db, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        locks.append(lock)
    assert locks, "the cache keeps a database file"
    engine = _Model(killed=4)
    started = time.monotonic()
    result = asyncio.run(asummarize(document_from_text(TEXT), engine, cache))
    assert result.verification.ok and not result.cached
    assert time.monotonic() - started < 8  # a read and a write, each given up after 2 s
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warned) == 1 and "cache" in warned[0]
    for lock in locks:
        lock.rollback()


def test_a_cache_directory_that_cannot_be_made_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    warnings: list[str] = []
    cache = ResultCache(tmp_path / "file" / "cache", warn=warnings.append)
    result = asyncio.run(asummarize(document_from_text(TEXT), _Model(), cache))
    assert result.verification.ok
    assert len(warnings) == 1 and "cannot be opened" in warnings[0]


def test_the_cache_evicts_what_was_used_least_recently(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, max_mb=0.5)
    value = "x" * 60_000  # kept in files beside the database, counted in its volume
    cache.put("first", value)
    for n in range(12):
        cache.put(f"filler-{n}", value)
        assert cache.get("first") == value  # used, so never the least recently used
    assert cache.get("filler-0") is None
    assert cache.info().size_mb <= 0.5
    assert cache.info().entries < 13


def test_after_a_lock_the_run_goes_on_without_the_cache(tmp_path: Path) -> None:
    warnings: list[str] = []
    cache = ResultCache(tmp_path, warn=warnings.append)
    lock = sqlite3.connect(next(tmp_path.glob("*.db")), isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    engine = _Model()
    started = time.monotonic()
    for n in range(3):
        asyncio.run(asummarize(document_from_text(f"{TEXT} ({n})"), engine, cache))
    assert time.monotonic() - started < 4  # one wait for the lock, not one an article
    assert engine.asked == 3 and len(warnings) == 1 and not cache.usable
    lock.rollback()


def test_a_lowered_size_limit_applies_when_the_cache_opens(tmp_path: Path) -> None:
    big = ResultCache(tmp_path)
    for n in range(40):
        big.put(f"k{n}", "x" * 60_000)
    big.close()
    assert ResultCache(tmp_path, max_mb=1).info().size_mb <= 1


@pytest.mark.parametrize(
    ("make", "code", "said"),
    [
        (lambda d: None, 0, "no cache here yet"),
        (lambda d: (d.mkdir(), (d / "cache.db").write_bytes(b"not a database" * 100)), 2,
         "remove the directory to start afresh"),
    ],
    ids=["none-yet", "corrupt"],
)  # fmt: skip
def test_cache_info_says_what_is_there_and_makes_nothing(
    tmp_path: Path, make: Callable[[Path], object], code: int, said: str
) -> None:
    directory = tmp_path / "cache"
    make(directory)
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "cache", "info", "--cache-dir", str(directory)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == code
    assert said in done.stdout + done.stderr
    assert directory.exists() is (code == 2)


def test_cache_info_names_the_limit_in_force(tmp_path: Path) -> None:
    ResultCache(tmp_path).close()
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "cache", "info", "--cache-dir", str(tmp_path)],
        capture_output=True, text=True, timeout=60, env={**os.environ,
                                                         "SUMMARIZER_CACHE_MAX_MB": "5"},
    )  # fmt: skip
    assert "(limit 5 MB" in done.stdout
