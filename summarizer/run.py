"""One summarize run of the CLI: articles in, lines out in input order, tallied, and
written as JSONL line by line or as one JSON, Markdown, CSV or HTML document at the end."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path

from summarizer.batch import BatchLine, resume_key, summarize_all
from summarizer.cache import ResultCache
from summarizer.csv_export import EVENT_COLUMNS, NUMBER_COLUMNS, Level, rows, writer
from summarizer.engines import Engine
from summarizer.errors import InputError, ProviderError
from summarizer.html_report import Article, Failure, report_html
from summarizer.inputs import Item, count, items
from summarizer.outputs import JsonlSink, write_atomic
from summarizer.pipeline import SummaryResult
from summarizer.progress import ProgressBar, Tally
from summarizer.render import results_json, results_markdown
from summarizer.settings import Settings


class Format(StrEnum):
    JSON = "json"
    MD = "md"
    JSONL = "jsonl"
    CSV = "csv"
    HTML = "html"


class Interrupted(Exception):
    """Ctrl-C during a JSONL run, after the finished lines were kept."""


class Run:
    """One summarize run over many articles: lines in input order, tallied."""

    def __init__(
        self, files: list[str], engine: Engine, settings: Settings,
        cache: ResultCache | None, concurrency: int, say: Callable[[str], None],
    ) -> None:  # fmt: skip
        self.files, self.engine, self.settings = files, engine, settings
        self.cache, self.concurrency, self.say = cache, concurrency, say
        self.tally = Tally(strict=settings.strict)
        self.results: list[SummaryResult] = []

    def lines(self, skip: Callable[[Item], bool] | None = None) -> Iterator[BatchLine]:
        """Every line of the run in input order; articles `skip` takes get none."""
        todo = items(self.files, self.settings.max_bytes)
        with ProgressBar(count(self.files), self.tally) as bar:
            for line in summarize_all(todo, self.engine, concurrency=self.concurrency,
                                      cache=self.cache, settings=self.settings,
                                      skip=skip):  # fmt: skip
                self.tally.add(line)
                if line.duplicate_of is None:  # a duplicate's report is no article of its own
                    bar.advance()
                for warning in line.result.warnings if line.result else []:
                    self.say(f"warning: {warning}")
                yield line

    def jsonl(self, sink: JsonlSink) -> int:
        """Lines written as they finish; resumed, articles an earlier run finished keep
        its line, and the file ends in input order."""

        def earlier(item: Item) -> bool:
            key = resume_key(item)
            return key is not None and sink.claim(key, item.index)

        through = False
        try:
            for line in self.lines(skip=earlier if sink.resuming else None):
                sink.write(line.model_dump_json(exclude_none=True), line.index)
            through = True
        except KeyboardInterrupt:
            written = self.tally.done + self.tally.failed
            self.say(f"interrupted: {written} finished articles written; --resume continues")
            raise Interrupted from None
        finally:
            for note in sink.close(self.files if through else None):
                self.say(f"note: {note}")
        return self.tally.worst_exit

    def whole(
        self, output_format: Format, output: Path | None, many: bool, all_findings: bool = False
    ) -> int:
        """json or md, written once at the end; one article's failure is its error."""
        lines = list(self.lines())
        if not many:
            (line,) = lines
            _raise_failed(line)
        self.results = [line.result for line in lines if line.result is not None]
        if output_format is Format.MD:
            text = results_markdown(self.results, all_findings=all_findings)
            failed = [f"- {_failure(line)}" for line in lines if line.error]
            if failed:
                text += "\n\n---\n\n# Failed\n\n" + "\n".join(failed)
        elif many:
            text = json.dumps([line.model_dump(mode="json", exclude_none=True) for line in lines],
                              indent=2)  # fmt: skip
        else:
            text = results_json(self.results)
        write_atomic(text, output)
        return self.tally.worst_exit

    def csv(self, level: Level, output: Path | None, many: bool) -> int:
        """One header and the rows of every article, written once at the end; a failed
        article has no rows and is said on stderr (one article's failure is its error)."""
        text = io.StringIO()
        out = writer(text, NUMBER_COLUMNS if level is Level.NUMBERS else EVENT_COLUMNS)
        out.writeheader()
        for line in self.lines():
            if not many:
                _raise_failed(line)
            if line.error is not None:
                self.say(f"error: {_failure(line)}")
            if line.result is not None:
                # Rows, not results, are kept until the end: memory grows with the rows.
                out.writerows(rows(line.result, level, self.settings.strict))
                if not many:  # its usage is said on stderr
                    self.results.append(line.result)
        write_atomic(text.getvalue().removesuffix("\n"), output)  # it adds the last line end
        return self.tally.worst_exit

    def html(self, output: Path | None, many: bool) -> int:
        """The evidence view of every article, written once at the end; one article's
        failure is its error. A result holds no text, so each text is kept as the run
        reads it (the run asks `skip` of every article; this one skips none)."""
        texts: dict[int, str] = {}

        def keep_text(item: Item) -> bool:
            if item.document is not None:
                texts[item.index] = item.document.text
            return False

        lines = list(self.lines(skip=keep_text))
        if not many:
            _raise_failed(lines[0])
        self.results = [line.result for line in lines if line.result is not None]
        articles = [Article(line.result, texts[line.index]) for line in lines if line.result]
        failures = [Failure(line.path, _failure(line)) for line in lines if line.error]
        write_atomic(report_html(articles, failures, strict=self.settings.strict), output)
        return self.tally.worst_exit


def _failure(line: BatchLine) -> str:
    """A failed article's path and message, the path once: input errors name it already."""
    assert line.error is not None
    said = line.error.message
    return said if said.startswith(f"{line.path}:") else f"{line.path}: {said}"


def _raise_failed(line: BatchLine) -> None:
    """A lone article's failure, as the error of the run."""
    if line.error is not None:
        kind = ProviderError if line.error.kind == "provider" else InputError
        raise kind(line.error.message, detail=line.error.detail)
