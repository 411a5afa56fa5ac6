"""A disk cache of LLM answers, so the same article asked the same way is never paid for
twice.

The key covers everything that shapes an answer: engine, endpoint, model, prompt and
schema versions, every request setting and the text. What is stored is the extraction
(records, repairs, usage, verdicts) stamped with a fingerprint of this package's code:
a hit written by other code is verified again, so a change of the verifier is never
served stale, and one written by this code costs no verification at all. The store is
diskcache (SQLite underneath, safe across threads and processes) with a size limit and
least-recently-used eviction.
A cache that fails (locked, corrupt, full, unreadable) is a miss and one warning, never
a failed article.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from summarizer.records import SCHEMA_VERSION
from summarizer.settings import Settings

DEFAULT_MAX_MB = 1024
# What an entry holds; a new layout must not be read as the old one.
_ENTRY_FORMAT = 2
# Settings that change what the model is asked, or how hard we ask.
REQUEST_SETTINGS = (
    "mode", "temperature", "seed", "max_output_tokens", "reask", "max_total_tokens",
    "chunk_chars", "validation_retries", "reasoning", "reasoning_effort", "strict_schema",
)  # fmt: skip
# How long a read or write waits for the database's lock before it counts as a miss:
# another run may hold it, or a thread of this run that is waiting for the interpreter
# while the event loop verifies, which under load takes more than half a second.
_LOCK_SECONDS = 2.0
_MB = 1024 * 1024

log = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """The user's cache directory: $XDG_CACHE_HOME/summarizer or ~/.cache/summarizer."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "summarizer"


def endpoint(base_url: str | None) -> str:
    """The endpoint as one string for all its spellings: scheme and host in lower case,
    no default port, no trailing slash; OpenAI's own when none is set."""
    if not base_url:
        return "https://api.openai.com/v1"
    parts = urlsplit(base_url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    default_port = {"http": 80, "https": 443}.get(scheme)
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    return f"{scheme}://{host}{port}{parts.path.rstrip('/')}"


def cache_key(engine: str, model: str | None, prompt_version: str | None,
              settings: Settings, text: str) -> str:  # fmt: skip
    """The key of an answer: `settings` must be the engine's own, the ones it asks with."""
    parts = {
        "format": _ENTRY_FORMAT,
        "engine": engine,
        "endpoint": endpoint(settings.base_url),
        "model": model,
        "prompt_version": prompt_version,
        "schema_version": SCHEMA_VERSION,
        "request": {name: str(getattr(settings, name)) for name in REQUEST_SETTINGS},
        "text": hashlib.sha256(text.encode()).hexdigest(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """A hash of every module of this package as installed: verdicts made by other code
    (another version, or a verifier edited in a checkout) are not to be trusted."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


class CacheInfo(BaseModel):
    directory: str
    entries: int
    size_mb: float
    max_mb: float


class ResultCache:
    """Answers by key, on disk. The first failure, whatever it is (locked by another run,
    corrupt, full, a layout another version wrote), is a miss or a lost write, one
    warning through `warn`, and the end of the cache for this run: a run must not wait
    on a lock again and again, nor fail an article for it."""

    def __init__(
        self,
        directory: Path,
        max_mb: float = DEFAULT_MAX_MB,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.directory = directory
        self.max_mb = max_mb
        self._warn = warn or log.warning
        self.problem: str | None = None  # why the cache is not used, once it is not
        self._store: Any = None
        try:
            self._store = _opened(directory, max_mb)
        except Exception as error:  # a cache must never fail an article
            self._failed("cannot be opened", error)

    @property
    def usable(self) -> bool:
        return self._store is not None

    def get(self, key: str) -> str | None:
        if self._store is None:
            return None
        try:
            value = self._store.get(key)
        except Exception as error:  # a cache must never fail an article
            self._failed("could not be read", error)
            return None
        return value if isinstance(value, str) else None

    def put(self, key: str, value: str) -> None:
        if self._store is None:
            return
        try:
            self._store.set(key, value)
        except Exception as error:  # a cache must never fail an article
            self._failed("could not be written", error)

    def info(self) -> CacheInfo:
        store = self._store
        entries = len(store) if store is not None else 0
        size = store.volume() if store is not None else 0
        return CacheInfo(directory=str(self.directory), entries=entries,
                         size_mb=round(size / _MB, 2), max_mb=self.max_mb)  # fmt: skip

    def clear(self) -> int:
        """Remove every entry; how many there were."""
        return int(self._store.clear()) if self._store is not None else 0

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def _failed(self, what: str, error: BaseException) -> None:
        if self.problem is not None:
            return
        said = str(error) or "the database stayed locked"
        self.problem = f"{what} ({type(error).__name__}: {said})"
        store, self._store = self._store, None
        if store is not None:
            with contextlib.suppress(Exception):
                store.close()
        self._warn(f"the cache in {self.directory} {self.problem}; going on without it")


def _opened(directory: Path, max_mb: float) -> Any:
    """The store, opened in a thread of its own and given up after the lock wait: diskcache
    waits on a locked database as long as it stays locked while it sets itself up. A
    lowered size limit is applied at once, not one entry per new one."""
    import diskcache  # type: ignore[import-untyped]  # loaded only when a cache is used

    opened: list[Any] = []
    failed: list[BaseException] = []

    def open_store() -> None:
        try:
            store = diskcache.Cache(
                str(directory),
                size_limit=int(max_mb * _MB),
                eviction_policy="least-recently-used",
                # Once full, one entry out per entry in: the least recently used, not
                # the ten oldest at once.
                cull_limit=1,
                timeout=_LOCK_SECONDS,
            )
            store.cull()
            opened.append(store)
        except Exception as error:
            failed.append(error)

    # A daemon thread: one still waiting on a lock must not hold the interpreter open.
    opener = threading.Thread(target=open_store, daemon=True)
    opener.start()
    opener.join(_LOCK_SECONDS * 2)
    if failed:
        raise failed[0]
    if not opened:
        raise TimeoutError(f"the database stayed locked for {_LOCK_SECONDS * 2:g} s")
    return opened[0]
