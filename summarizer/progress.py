"""Where a run is: a progress bar on a terminal, and the closing tally on stderr."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from summarizer.batch import BatchLine
from summarizer.report import failing


@dataclass
class Tally:
    done: int = 0
    failed: int = 0
    cached: int = 0
    proven: int = 0
    unproven: int = 0
    tokens: int = 0
    duplicates: int = 0  # lines reporting a repeated id: bad input, but no article of their own
    worst_exit: int = 0  # 0 all proven, 1 a number failed, 2 bad input, 3 provider failed
    strict: bool = False  # unconfirmed numbers fail too

    def add(self, line: BatchLine) -> None:
        if line.duplicate_of is not None:
            self.duplicates += 1
            self.worst_exit = max(self.worst_exit, 2)
            return
        if line.error is not None:
            self.failed += 1
            code = 3 if line.error.kind == "provider" else 2
            self.worst_exit = max(self.worst_exit, code)
            return
        assert line.result is not None
        self.done += 1
        self.cached += line.result.cached
        self.tokens += line.result.usage.total_tokens
        findings = line.result.verification.findings
        fails = failing(self.strict)
        bad = sum(f.status in fails for f in findings)
        self.unproven += bad
        self.proven += len(findings) - bad
        if bad or not line.result.verification.ok:
            self.worst_exit = max(self.worst_exit, 1)

    def line(self) -> str:
        n = self.duplicates
        duplicates = f", {n} duplicate id{'' if n == 1 else 's'}" if n else ""
        return (
            f"summary: {self.done + self.failed} articles, {self.done} done"
            f" ({self.cached} from the cache), {self.failed} failed{duplicates}; numbers:"
            f" {self.proven:,} proven, {self.unproven:,} not proven; tokens: {self.tokens:,}"
        )


class ProgressBar:
    """A bar with done, failed and unproven counts and an ETA, on a terminal only:
    pipes and CI get nothing but the closing tally."""

    def __init__(self, total: int | None, tally: Tally) -> None:
        self._tally = tally
        self._bar: Progress | None = None
        if sys.stderr.isatty():
            self._bar = Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("summarizing", total=total, counts="")

    def __enter__(self) -> ProgressBar:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self) -> None:
        if self._bar is not None:
            t = self._tally
            counts = f"{t.failed} failed, {t.unproven} numbers not proven"
            self._bar.update(self._task, advance=1, counts=counts)
