"""Many articles at once: a bounded number in flight on one event loop, results handed
back in input order, a failed article reported on its own line without stopping the
others, a repeated id in one input reported, and memory that does not grow with the
corpus (but for the ids of the JSONL input being read)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import threading
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator
from typing import Any, Literal

from pydantic import BaseModel, Field

from summarizer.cache import ResultCache
from summarizer.engines import Engine
from summarizer.errors import SummarizerError
from summarizer.inputs import Item
from summarizer.pipeline import SummaryResult, asummarize
from summarizer.resume import Key as Key  # where resume identity was, for importers
from summarizer.resume import origin, same_file
from summarizer.resume import resume_key as resume_key
from summarizer.settings import Settings

# Finished results may wait for a slow earlier article; this many at most, per worker.
_AHEAD_PER_WORKER = 4


class LineError(BaseModel):
    kind: Literal["input", "provider", "internal"]
    message: str
    detail: str | None = None  # the underlying error, for --verbose


class BatchLine(BaseModel):
    """One input article's line of output: its result, or its error; or, with
    `duplicate_of`, the report of an id its input already gave an earlier article."""

    id: str
    input: str  # the input file as the run named it, "-" for standard input
    input_path: str | None = None  # that file resolved, so a resume finds it from anywhere
    line: int | None = None  # the article's line in a JSONL input
    path: str
    metadata: dict[str, Any] = {}
    duplicate_of: int | None = None  # the line of the first article with this id
    result: SummaryResult | None = None
    error: LineError | None = None
    index: int = Field(default=-1, exclude=True)  # the item's place in the run; not written


async def summarize_many(
    items: Iterable[Item],
    engine: Engine,
    *,
    concurrency: int = 8,
    cache: ResultCache | None = None,
    settings: Settings | None = None,
    skip: Callable[[Item], bool] | None = None,
) -> AsyncIterator[BatchLine]:
    """The line of every item, in input order, with up to `concurrency` in flight; after
    an article whose id its input already gave, a line reporting that. Items `skip`
    takes (an earlier run finished them) get no line, but their ids still count."""
    window = max(1, concurrency) * _AHEAD_PER_WORKER
    running: dict[int, asyncio.Task[BatchLine]] = {}  # by place in the output
    slots = asyncio.Semaphore(max(1, concurrency))
    source = iter(items)
    ids = _FirstLines()
    placed = next_out = 0

    async def one(item: Item) -> BatchLine:
        async with slots:
            return await _line(item, engine, cache, settings)

    def start(work: Coroutine[Any, Any, BatchLine]) -> None:
        nonlocal placed
        running[placed] = asyncio.create_task(work)
        placed += 1

    try:
        while True:
            while len(running) < window and (item := next(source, None)) is not None:
                first = ids.repeated(item)
                if skip is None or not skip(item):
                    start(one(item))
                if first is not None:
                    start(_ready(_duplicate(item, first)))
            if not running:  # room in the window, so the items are exhausted
                return
            yield await running.pop(next_out)
            next_out += 1
    finally:
        for task in running.values():
            task.cancel()


def summarize_all(
    items: Iterable[Item],
    engine: Engine,
    *,
    concurrency: int = 8,
    cache: ResultCache | None = None,
    settings: Settings | None = None,
    skip: Callable[[Item], bool] | None = None,
) -> Iterator[BatchLine]:
    """summarize_many() for synchronous code: lines as they are ready, in order. `skip`
    is called on the worker thread."""
    lines: queue.Queue[BatchLine | BaseException | None] = queue.Queue(maxsize=concurrency * 4)
    running: dict[str, Any] = {}

    async def produce() -> None:
        running["loop"], running["task"] = asyncio.get_running_loop(), asyncio.current_task()
        try:
            async for line in summarize_many(
                items, engine, concurrency=concurrency, cache=cache, settings=settings, skip=skip
            ):
                lines.put(line)
        finally:
            close = getattr(engine, "aclose", None)
            if close is not None:
                await close()  # connections opened in this loop close with it

    def run() -> None:
        try:
            asyncio.run(produce())
        except asyncio.CancelledError:
            pass  # the consumer stopped early
        except BaseException as error:  # handed to the consumer, who raises it
            lines.put(error)
        finally:
            lines.put(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        while (line := lines.get()) is not None:
            if isinstance(line, BaseException):
                raise line
            yield line
    finally:
        # Stopped early (an error, Ctrl-C): cancel what is in flight, and give the
        # loop a moment to close its connections; the thread is a daemon either way.
        if "task" in running and worker.is_alive():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                running["loop"].call_soon_threadsafe(running["task"].cancel)
        deadline = time.monotonic() + 5
        while worker.is_alive() and time.monotonic() < deadline:
            with contextlib.suppress(queue.Empty):
                lines.get(timeout=0.05)


async def _line(
    item: Item, engine: Engine, cache: ResultCache | None, settings: Settings | None
) -> BatchLine:
    where, number = origin(item.path)
    line = BatchLine(id=item.id, input=where, input_path=_resolved(where), line=number,
                     path=item.path, metadata=item.metadata, index=item.index)  # fmt: skip
    if item.document is None:
        assert item.error is not None
        line.error = LineError(kind="input", message=str(item.error))
        return line
    try:
        line.result = await asummarize(item.document, engine, cache, settings)
    except SummarizerError as error:
        kind: Literal["input", "provider"] = "provider" if error.exit_code == 3 else "input"
        line.error = LineError(kind=kind, message=str(error), detail=error.detail)
    except Exception as error:  # one article's bug must not cost the others
        line.error = LineError(kind="internal", message=f"{type(error).__name__}: {error}")
    return line


class _FirstLines:
    """The ids of the JSONL input being read, each with the line that first gave it."""

    def __init__(self) -> None:
        self._input: str | None = None
        self._first: dict[str, int] = {}

    def repeated(self, item: Item) -> int | None:
        """The first line of this item's id, when an earlier line of its input gave it."""
        where, number = origin(item.path)
        if item.given_id is None or number is None:
            return None
        if where != self._input:  # ids need only be unique within their input
            self._input, self._first = where, {}
        first = self._first.setdefault(item.given_id, number)
        return first if first != number else None


def _duplicate(item: Item, first: int) -> BatchLine:
    where, number = origin(item.path)
    message = (f"duplicate id {json.dumps(item.given_id)}: lines {first} and {number} of"
               f" {where}; both are summarized, told apart by their line")  # fmt: skip
    return BatchLine(id=item.id, input=where, input_path=_resolved(where), line=number,
                     path=item.path, duplicate_of=first, index=item.index,
                     error=LineError(kind="input", message=message))  # fmt: skip


def _resolved(where: str) -> str | None:
    """The input file's resolved path; none for standard input."""
    return None if where == "-" else same_file(where)


async def _ready(line: BatchLine) -> BatchLine:
    return line
