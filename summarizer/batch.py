"""Many articles at once: a bounded number in flight on one event loop, results handed
back in input order, a failed article reported on its own line without stopping the
others, and memory that does not grow with the corpus."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, Literal

from pydantic import BaseModel

from summarizer.cache import ResultCache
from summarizer.engines import Engine
from summarizer.errors import SummarizerError
from summarizer.inputs import Item
from summarizer.pipeline import SummaryResult, asummarize
from summarizer.settings import Settings

# Finished results may wait for a slow earlier article; this many at most, per worker.
_AHEAD_PER_WORKER = 4


class LineError(BaseModel):
    kind: Literal["input", "provider", "internal"]
    message: str
    detail: str | None = None  # the underlying error, for --verbose


class BatchLine(BaseModel):
    """One input article's line of output: its result, or its error."""

    id: str
    path: str
    metadata: dict[str, Any] = {}
    result: SummaryResult | None = None
    error: LineError | None = None


async def summarize_many(
    items: Iterable[Item],
    engine: Engine,
    *,
    concurrency: int = 8,
    cache: ResultCache | None = None,
    settings: Settings | None = None,
) -> AsyncIterator[BatchLine]:
    """The line of every item, in input order, with up to `concurrency` in flight."""
    window = max(1, concurrency) * _AHEAD_PER_WORKER
    running: dict[int, asyncio.Task[BatchLine]] = {}
    slots = asyncio.Semaphore(max(1, concurrency))
    source = iter(items)
    next_out = 0
    exhausted = False

    async def one(item: Item) -> BatchLine:
        async with slots:
            return await _line(item, engine, cache, settings)

    try:
        while True:
            while not exhausted and len(running) < window:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                running[item.index] = asyncio.create_task(one(item))
            if next_out not in running:
                if exhausted and not running:
                    return
                next_out = min(running)  # indexes may skip (resumed runs)
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
) -> Iterator[BatchLine]:
    """summarize_many() for synchronous code: lines as they are ready, in order."""
    lines: queue.Queue[BatchLine | BaseException | None] = queue.Queue(maxsize=concurrency * 4)
    running: dict[str, Any] = {}

    async def produce() -> None:
        running["loop"], running["task"] = asyncio.get_running_loop(), asyncio.current_task()
        try:
            async for line in summarize_many(
                items, engine, concurrency=concurrency, cache=cache, settings=settings
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
    line = BatchLine(id=item.id, path=item.path, metadata=item.metadata)
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
