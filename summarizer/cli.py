"""The command line: a thin layer over the library.

Exit codes: 0 every number proven, 1 some number failed verification, 2 bad input
or usage, 3 the LLM provider failed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from summarizer import __version__
from summarizer.documents import DEFAULT_MAX_BYTES, Document, load_document
from summarizer.engines import Engine
from summarizer.engines.rules import RulesEngine
from summarizer.errors import InputError, SummarizerError
from summarizer.pipeline import SummaryResult, summarize
from summarizer.records import ArticleSummary, json_schema
from summarizer.render import report_json, report_markdown, results_json, results_markdown
from summarizer.settings import EngineChoice, Settings
from summarizer.verify import VerificationReport, verify

app = typer.Typer(
    help="Typed event records and short summaries of news reports of violent events, "
    "with every number proven against the source text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    JSON = "json"
    MD = "md"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
]
MaxBytesOption = Annotated[
    int, typer.Option(help="Refuse input files larger than this many bytes.", min=1)
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """Summarize news reports into verified event records."""


@app.command("summarize")
def summarize_command(
    paths: Annotated[
        list[str], typer.Argument(help="Article files (plain text); '-' reads standard input.")
    ],
    engine: Annotated[
        EngineChoice,
        typer.Option(help="rules (offline), llm, or auto: the LLM when one is configured."),
    ] = EngineChoice.AUTO,
    output_format: FormatOption = Format.JSON,
    output: OutputOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Extract event records from articles and verify every number in them."""
    settings = Settings(engine=engine, max_bytes=max_bytes)
    with _errors():
        chosen = _engine(settings)
        documents = [_load(p, settings.max_bytes) for p in paths]
        results: list[SummaryResult] = [summarize(d, engine=chosen) for d in documents]
        text = results_json(results) if output_format is Format.JSON else results_markdown(results)
        _write(text, output)
    raise typer.Exit(0 if all(r.verification.ok for r in results) else 1)


@app.command("verify")
def verify_command(
    records: Annotated[
        Path,
        typer.Argument(
            help="Records JSON (an ArticleSummary, or a result of 'summarize'), "
            "or a plain-text summary."
        ),
    ],
    source: Annotated[Path, typer.Option(help="The article the records claim to come from.")],
    output_format: FormatOption = Format.JSON,
    output: OutputOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Check every number of a summary against its source article."""
    with _errors():
        article = _load(str(source), max_bytes)
        claimed = load_summary(_load(str(records), max_bytes))
        report: VerificationReport = verify(claimed, article.text)
        if output_format is Format.JSON:
            text = report_json(report)
        else:
            text = report_markdown(report, f"Verification of {records} against {source}")
        _write(text, output)
    raise typer.Exit(0 if report.ok else 1)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the records (ArticleSummary, schema v1)."""
    typer.echo(json.dumps(json_schema(), indent=2))


def load_summary(document: Document) -> ArticleSummary | str:
    """Records from JSON, or the text itself when it is a plain-text summary."""
    text = document.text.strip()
    label = document.path or "<input>"
    if not text.startswith(("{", "[")):
        return text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(
            f"{label}: not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}"
        ) from None
    if isinstance(data, dict) and isinstance(data.get("summary"), dict):
        data = data["summary"]  # a whole result written by 'summarize'
    try:
        return ArticleSummary.model_validate(data)
    except ValidationError as e:
        raise InputError(
            f"{label}: does not match the records schema: {_first_error(e)}"
        ) from None


def _first_error(e: ValidationError) -> str:
    errors = e.errors()
    first = errors[0]
    path = ""
    for part in first["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{path or '(top level)'}: {first['msg']}{more}"


def _engine(settings: Settings) -> Engine:
    if settings.engine is EngineChoice.LLM:
        raise InputError(
            "the LLM engine is not available in this version; use --engine rules"
        )
    if settings.engine is EngineChoice.AUTO:
        reason = (
            "the LLM engine is not available in this version"
            if settings.llm_configured
            else "no LLM endpoint configured"
        )
        typer.echo(f"note: {reason}; using the offline rules engine", err=True)
    return RulesEngine()


def _load(path: str, max_bytes: int) -> Document:
    document = load_document(path, max_bytes=max_bytes)
    for warning in document.warnings:
        typer.echo(f"warning: {warning}", err=True)
    return document


def _write(text: str, output: Path | None) -> None:
    """Write to stdout, or atomically to a file: an old file is replaced whole or not at all."""
    if output is None:
        typer.echo(text)
        return
    directory = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as e:
        raise InputError(f"{output}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _errors() -> Iterator[None]:
    """Turn the errors a user can act on into one line and an exit code."""
    try:
        yield
    except SummarizerError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(error.exit_code) from None


def main() -> None:
    app(prog_name="summarizer")


if __name__ == "__main__":
    main()
