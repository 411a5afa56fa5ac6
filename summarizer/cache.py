"""A disk cache of LLM results, so the same article asked the same way is never paid for
twice. SQLite from the standard library; the key covers everything that shapes an
answer: engine, model, prompt version, schema version, request settings and the text.
What is stored is the whole result as JSON, verification included: it depends on
nothing but the text and the records, so a hit needs no work at all."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

from summarizer.errors import InputError
from summarizer.records import SCHEMA_VERSION
from summarizer.settings import Settings

# Settings that change what the model is asked, or how hard we ask.
_REQUEST_SETTINGS = (
    "mode", "temperature", "seed", "max_output_tokens", "reask", "max_total_tokens",
    "chunk_chars", "validation_retries", "reasoning", "reasoning_effort", "strict_schema",
)  # fmt: skip


def default_cache_dir() -> Path:
    """The user's cache directory: $XDG_CACHE_HOME/summarizer or ~/.cache/summarizer."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "summarizer"


def cache_key(engine: str, model: str | None, prompt_version: str | None,
              settings: Settings, text: str) -> str:  # fmt: skip
    parts = {
        "engine": engine,
        "model": model,
        "prompt_version": prompt_version,
        "schema_version": SCHEMA_VERSION,
        "request": {name: str(getattr(settings, name)) for name in _REQUEST_SETTINGS},
        "text": hashlib.sha256(text.encode()).hexdigest(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class ResultCache:
    def __init__(self, directory: Path) -> None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            # Opened by the caller, used by the batch's event-loop thread: one at a time.
            self._db = sqlite3.connect(directory / "results.sqlite3", check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")  # other runs may read meanwhile
            # No sync to disk per result: a power cut may lose the newest entries, which a
            # cache can afford, never corrupt the file (that is WAL's promise).
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT)"
            )
        except (OSError, sqlite3.Error) as e:
            raise InputError(f"{directory}: cannot use as cache directory: {e}") from None

    def get(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def put(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self._db.close()
