"""The command line: a thin layer over the library.

Exit codes: 0 every number proven, 1 some number failed verification (for `eval`: a
measure below its bar), 2 bad input or usage, 3 the LLM provider failed.
"""

from __future__ import annotations

import gc
import io
import json
import logging
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from summarizer import __version__
from summarizer.cache import DEFAULT_MAX_MB, ResultCache, default_cache_dir
from summarizer.cassettes import RecordMode, recorded, recorded_request
from summarizer.cli_options import (
    AllFindingsOption,
    BaseUrlOption,
    CacheDirOption,
    CacheMaxMbOption,
    CassetteOption,
    ChunkCharsOption,
    EngineOption,
    FormatOption,
    LevelOption,
    MaxBytesOption,
    MaxOutputTokensOption,
    MaxTotalTokensOption,
    ModelOption,
    ModeOption,
    NoCacheOption,
    OutputOption,
    PromptsDirOption,
    ReaskOption,
    ReasoningEffortOption,
    ReasoningOption,
    RecordModeOption,
    ReportFormat,
    ReportFormatOption,
    SeedOption,
    StrictOption,
    StrictSchemaOption,
    TemperatureOption,
    TimeoutOption,
    VerboseOption,
)
from summarizer.csv_export import Level
from summarizer.documents import Document
from summarizer.engines import Engine
from summarizer.errors import InputError, SummarizerError, first_problem
from summarizer.evaluate import EvalReport, below_bar, evaluate
from summarizer.gold import load_gold
from summarizer.inputs import items, load_article, sources
from summarizer.outputs import JsonlSink, OutputClosed, to_stdout, write_atomic
from summarizer.pipeline import SummaryResult, choose_engine
from summarizer.records import json_schema
from summarizer.render import eval_json, eval_markdown, eval_table, report_json, report_markdown
from summarizer.report import VerificationReport, report_json_schema
from summarizer.run import Format, Interrupted, Run
from summarizer.settings import EngineChoice, Settings
from summarizer.summaries import load_summary
from summarizer.verify import verify

if TYPE_CHECKING:  # the SDKs load only when the LLM engine is used
    from summarizer.engines.retry import RetryStats

app = typer.Typer(
    help="Typed event records and short summaries of news reports of violent events, "
    "with every number proven against the source text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


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
        list[str],
        typer.Argument(
            help="Articles: text, Markdown or HTML files, directories of them, JSONL files "
            "with one article a line (id, text, any metadata); '-' reads standard input."
        ),
    ],
    engine: EngineOption = None,
    output_format: FormatOption = Format.JSON,
    level: LevelOption = None,
    output: OutputOption = None,
    max_bytes: MaxBytesOption = None,
    base_url: BaseUrlOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    temperature: TemperatureOption = None,
    strict_schema: StrictSchemaOption = None,
    reasoning: ReasoningOption = None,
    reasoning_effort: ReasoningEffortOption = None,
    seed: SeedOption = None,
    timeout: TimeoutOption = None,
    max_output_tokens: MaxOutputTokensOption = None,
    reask: ReaskOption = None,
    max_total_tokens: MaxTotalTokensOption = None,
    chunk_chars: ChunkCharsOption = None,
    prompts_dir: PromptsDirOption = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Read directories' subdirectories too.")
    ] = False,
    concurrency: Annotated[
        int, typer.Option(help="Articles in flight at once.", min=1, max=256)
    ] = 8,
    cache_dir: CacheDirOption = None,
    cache_max_mb: CacheMaxMbOption = DEFAULT_MAX_MB,
    no_cache: NoCacheOption = False,
    resume: Annotated[
        bool, typer.Option(help="Skip articles that already have a result line in --output.")
    ] = False,
    cassette: CassetteOption = None,
    record_mode: RecordModeOption = None,
    all_findings: AllFindingsOption = False,
    strict: StrictOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Extract event records from articles and verify every number in them.

    Exit codes: 0 every number proven, 1 some number failed verification (under --strict,
    unconfirmed ones too), 2 bad input, 3 the LLM provider failed (for several articles,
    the worst of them)."""
    flags = _setting_flags(locals())
    _log_to_stderr(verbose)
    with _errors(verbose):
        settings = _llm_settings(flags, cassette, record_mode)
        files = sources(paths, recursive)
        many = output_format is Format.JSONL or len(files) > 1 or files[0].endswith(".jsonl")
        chosen = _engine(settings)
        cache = _cache(chosen, no_cache or cassette is not None, cache_dir, cache_max_mb)
        run = Run(files, chosen, settings, cache, concurrency, say=_say)
        if resume and output_format is not Format.JSONL:
            raise InputError("--resume continues a JSONL output: use --format jsonl")
        if level is not None and output_format is not Format.CSV:
            raise InputError("--level chooses the rows of a CSV output: use --format csv")
        if all_findings and output_format is not Format.MD:
            raise InputError("--all-findings lists rows of the Markdown report: use --format md")
        # What start-up made (modules, the engine) lives as long as the run: keep it out
        # of the collector's scans, which otherwise grow with it and slow every article.
        gc.freeze()
        try:
            with _recording(cassette, record_mode, settings, chosen):
                if output_format is Format.JSONL:
                    code = run.jsonl(JsonlSink(output, resume))
                elif output_format is Format.CSV:
                    code = run.csv(level or Level.EVENTS, output, many)
                elif output_format is Format.HTML:
                    code = run.html(output, many)
                else:
                    code = run.whole(output_format, output, many, all_findings)
        finally:
            gc.unfreeze()
        calls = _calls(chosen)
        if many:
            typer.echo(run.tally.line() + calls, err=True)
        elif chosen.name == "llm":
            typer.echo(_usage_line(run.results) + calls, err=True)
    raise typer.Exit(code)


class EvalFormat(StrEnum):
    TABLE = "table"
    MD = "md"
    JSON = "json"


@app.command("eval")
def eval_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            help="Pairs NAME.txt (or .md, .html) and NAME.expected.json, the records a "
            "careful coder would write (an ArticleSummary); or NAME.gold.json fact lists."
        ),
    ],
    engine: EngineOption = None,
    output_format: Annotated[
        EvalFormat,
        typer.Option("--format", "-f", help="table (for a terminal), md or json."),
    ] = EvalFormat.TABLE,
    output: OutputOption = None,
    min_recall: Annotated[
        float | None,
        typer.Option(help="Exit 1 when recall of the counts is below this (0-1).", min=0, max=1),
    ] = None,
    min_precision: Annotated[
        float | None,
        typer.Option(help="Exit 1 when precision is below this (0-1).", min=0, max=1),
    ] = None,
    with_status: Annotated[
        bool,
        typer.Option("--with-status", help="A match also needs the event's temporal status."),
    ] = False,
    max_bytes: MaxBytesOption = None,
    base_url: BaseUrlOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    temperature: TemperatureOption = None,
    strict_schema: StrictSchemaOption = None,
    reasoning: ReasoningOption = None,
    reasoning_effort: ReasoningEffortOption = None,
    seed: SeedOption = None,
    timeout: TimeoutOption = None,
    max_output_tokens: MaxOutputTokensOption = None,
    reask: ReaskOption = None,
    max_total_tokens: MaxTotalTokensOption = None,
    chunk_chars: ChunkCharsOption = None,
    prompts_dir: PromptsDirOption = None,
    cache_dir: CacheDirOption = None,
    cache_max_mb: CacheMaxMbOption = DEFAULT_MAX_MB,
    no_cache: NoCacheOption = False,
    cassette: CassetteOption = None,
    record_mode: RecordModeOption = None,
    strict: StrictOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Measure an engine and a model on a directory of articles with expected records:
    precision, recall and F1 of the counts, dates, and the verifier's verdicts.

    Exit codes: 0 measured (failed numbers are in the report, not the exit code),
    1 below --min-recall or --min-precision, 2 bad input, 3 the LLM provider failed."""
    flags = _setting_flags(locals())
    _log_to_stderr(verbose)
    with _errors(verbose):
        settings = _llm_settings(flags, cassette, record_mode)
        gold = load_gold(gold_dir, settings.max_bytes)
        for warning in (w for g in gold for w in g.document.warnings):
            typer.echo(f"warning: {warning}", err=True)
        chosen = _engine(settings)
        cache = _cache(chosen, no_cache or cassette is not None, cache_dir, cache_max_mb)
        with _recording(cassette, record_mode, settings, chosen):
            report = evaluate(
                gold, chosen, settings=settings, cache=cache, with_status=with_status,
                on_article=_progress(len(gold)),
            )  # fmt: skip
        _write_eval(report, output_format, output)
        misses = below_bar(report, min_recall, min_precision)
        for line in misses:
            typer.echo(f"below the bar: {line}", err=True)
    raise typer.Exit(1 if misses else 0)


def _progress(total: int) -> Callable[[str], None]:
    """Says each article as it starts, on a terminal: an LLM takes seconds for each."""
    seen = 0

    def say(name: str) -> None:
        nonlocal seen
        seen += 1
        if sys.stderr.isatty():
            typer.echo(f"[{seen}/{total}] {name}", err=True)

    return say


def _write_eval(report: EvalReport, output_format: EvalFormat, output: Path | None) -> None:
    if output_format is EvalFormat.TABLE and output is None:
        # Piped, rich would fit the table to 80 columns and cut its headers short; and
        # rendered first, a full disk or a closed pipe is said as for any output.
        console = Console(
            width=shutil.get_terminal_size().columns if sys.stdout.isatty() else 160,
            file=io.StringIO(),
            force_terminal=sys.stdout.isatty(),
        )
        console.print(eval_table(report))
        to_stdout(console.file.getvalue())  # type: ignore[attr-defined]
        return
    if output_format is EvalFormat.JSON:
        text = eval_json(report)
    elif output_format is EvalFormat.MD:
        text = eval_markdown(report)
    else:  # a table into a file: plain text, no terminal codes
        console = Console(width=160, record=True, file=io.StringIO())
        console.print(eval_table(report))
        text = console.export_text()
    write_atomic(text, output)


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
    output_format: ReportFormatOption = ReportFormat.JSON,
    output: OutputOption = None,
    max_bytes: MaxBytesOption = None,
    strict: StrictOption = False,
    all_findings: AllFindingsOption = False,
) -> None:
    """Check every number of a summary against its source article.

    Exit codes: 0 every number proven, 1 some number failed verification (under
    --strict, unconfirmed ones too), 2 bad input."""
    with _errors():
        if str(records) == "-" and str(source) == "-":
            raise InputError("records and --source cannot both be standard input")
        if all_findings and output_format is not ReportFormat.MD:
            raise InputError("--all-findings lists rows of the Markdown report: use --format md")
        settings = _settings(_setting_flags({"max_bytes": max_bytes, "strict": strict}))
        article = _load(str(source), settings.max_bytes)
        claimed = load_summary(_load(str(records), settings.max_bytes))
        report: VerificationReport = verify(claimed, article.text, strict=settings.strict)
        if output_format is ReportFormat.JSON:
            text = report_json(report)
        else:
            title = f"Verification of {records} against {source}"
            text = report_markdown(report, title, all_findings=all_findings)
        write_atomic(text, output)
    raise typer.Exit(0 if report.ok else 1)


batch_app = typer.Typer(
    help="Jobs for the OpenAI Batch API and vLLM's batch runner: the same requests as "
    "online, written to files.",
    no_args_is_help=True,
)
app.add_typer(batch_app, name="batch")


@batch_app.command("prepare")
def batch_prepare_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles, read as `summarize` reads them (files, directories, JSONL)."
        ),
    ],
    job: Annotated[
        Path, typer.Option("--job", help="The job file to write; its request files go beside it.")
    ],
    max_bytes: MaxBytesOption = None,
    base_url: BaseUrlOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    temperature: TemperatureOption = None,
    strict_schema: StrictSchemaOption = None,
    reasoning: ReasoningOption = None,
    reasoning_effort: ReasoningEffortOption = None,
    seed: SeedOption = None,
    max_output_tokens: MaxOutputTokensOption = None,
    reask: ReaskOption = None,
    chunk_chars: ChunkCharsOption = None,
    prompts_dir: PromptsDirOption = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Read directories' subdirectories too.")
    ] = False,
    cache_dir: CacheDirOption = None,
    cache_max_mb: CacheMaxMbOption = DEFAULT_MAX_MB,
    no_cache: NoCacheOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Write one chat request a line for each article (custom_id: the article's id), in
    request files beside the job file, and the job file: inputs, ids, model, prompt and
    schema versions, settings. Nothing is sent; articles answered in the cache are left
    out. The files are the input of the OpenAI Batch API and of `vllm run-batch`."""
    flags = _setting_flags(locals())
    _log_to_stderr(verbose)
    with _errors(verbose):
        from summarizer.batch_jobs import prepare_batch  # the LLM client: only when asked
        from summarizer.engines.llm import LLMEngine

        settings = _settings(dict(flags))
        files = sources(paths, recursive)
        engine = LLMEngine(settings)
        cache = _cache(engine, no_cache, cache_dir, cache_max_mb)
        try:
            made = prepare_batch(items(files, settings.max_bytes), settings, job, files, cache,
                                 engine)  # fmt: skip
        finally:
            if cache is not None:
                cache.close()
        requests = sum(f.requests for f in made.request_files)
        cached = sum(a.cached for a in made.articles)
        unread = sum(a.error is not None for a in made.articles)
        typer.echo(
            f"{job}: {_count(len(made.articles), 'article')}, {_count(requests, 'request')} in "
            f"{_count(len(made.request_files), 'file')}; {cached} answered in the cache, "
            f"{unread} unreadable",
            err=True,
        )


@batch_app.command("submit")
def batch_submit_command(
    job: Annotated[Path, typer.Option("--job", help="The job file, prepared or to prepare.")],
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Articles to prepare first, as `batch prepare` takes them."),
    ] = None,
    base_url: BaseUrlOption = None,
    model: ModelOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Upload the job's request files (purpose `batch`) and make a batch of each; with
    articles, prepare the job first (with `batch prepare`'s defaults). Submitting again
    sends nothing twice."""
    _log_to_stderr(verbose)
    with _errors(verbose):
        from summarizer.batch_jobs import prepare_batch, submit_batch

        if paths:
            settings = _settings(_setting_flags({"base_url": base_url, "model": model}))
            files = sources(paths, False)
            prepare_batch(items(files, settings.max_bytes), settings, job, files)
        made = submit_batch(job, _endpoint(base_url))
        for submitted in made.batches:
            typer.echo(f"{submitted.batch_id}  {submitted.status}  {submitted.request_file}")


@batch_app.command("status")
def batch_status_command(
    job: Annotated[Path, typer.Argument(help="The job file.")],
    base_url: BaseUrlOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Each batch of the job: its status and request counts, a line each."""
    _log_to_stderr(verbose)
    with _errors(verbose):
        from summarizer.batch_jobs import batch_status

        _batch_lines(batch_status(job, _endpoint(base_url)))


@batch_app.command("cancel")
def batch_cancel_command(
    job: Annotated[Path, typer.Argument(help="The job file.")],
    base_url: BaseUrlOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Cancel each batch of the job that has not ended (its partial output stays)."""
    _log_to_stderr(verbose)
    with _errors(verbose):
        from summarizer.batch_jobs import batch_status

        _batch_lines(batch_status(job, _endpoint(base_url), cancel=True))


def _endpoint(base_url: str | None) -> Settings:
    """The settings of a batch step: the endpoint given, else the environment's."""
    return _settings(_setting_flags({"base_url": base_url}))


def _batch_lines(made: Any) -> None:
    """A line a batch: a table on a terminal, plain lines for a pipe or a script."""
    rows = [
        (b.batch_id, b.status, str(b.request_counts.get("completed", 0)),
         str(b.request_counts.get("total", 0)), str(b.request_counts.get("failed", 0)),
         b.request_file)
        for b in made.batches
    ]  # fmt: skip
    if sys.stdout.isatty():
        from rich.table import Table

        table = Table("batch", "status", "done", "of", "failed", "request file")
        for row in rows:
            table.add_row(*row)
        Console().print(table)
        return
    for batch, status, done, total, failed, requests in rows:
        to_stdout(f"{batch}  {status}  {done}/{total} done, {failed} failed  {requests}\n")


@batch_app.command("collect")
def batch_collect_command(
    job: Annotated[Path, typer.Argument(help="The job file `batch prepare` wrote.")],
    responses: Annotated[
        list[Path] | None,
        typer.Option(
            help="A batch's output file: OpenAI's output or error file, downloaded, or the "
            "results of `vllm run-batch`; once for each file."
        ),
    ] = None,
    reask: Annotated[
        bool,
        typer.Option(
            "--reask",
            help="Ask again about the numbers that failed the check, as the online engine "
            "does, in a new round of requests (submitted, unless --responses are given); "
            "a later collect merges the rounds. As many rounds as the job's --reask.",
        ),
    ] = False,
    output_format: FormatOption = Format.JSONL,
    output: OutputOption = None,
    base_url: BaseUrlOption = None,
    cache_dir: CacheDirOption = None,
    cache_max_mb: CacheMaxMbOption = DEFAULT_MAX_MB,
    no_cache: NoCacheOption = False,
    strict: StrictOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Read each article's answer from the batch output (without --responses: once every
    batch of the job has ended, its output and error files, downloaded), check every
    number against the article, and write one line an article exactly as `summarize`
    does (an unanswered or failed request is the article's error line); final answers
    fill the cache. Not finished yet: one line saying so, exit 0, no output.

    Exit codes as `summarize`'s."""
    _log_to_stderr(verbose)
    with _errors(verbose):
        from summarizer.batch_jobs import batch_answers, finish_round, read_job

        unsent = read_job(job).unsent()
        if not responses and unsent:
            raise InputError(
                f"{job}: not submitted ({', '.join(unsent)}): `summarizer batch submit --job "
                f"{job}` sends it; the output of a run elsewhere (`vllm run-batch`) is read "
                "with --responses"
            )
        endpoint = _endpoint(base_url)
        engine = batch_answers(job, responses, endpoint, reask)
        if engine is None:
            typer.echo(f"{job}: not finished yet; `summarizer batch status` tells", err=True)
            raise typer.Exit(0)
        settings = engine.settings.model_copy(update={"strict": strict})
        cache = _cache(engine, no_cache, cache_dir, cache_max_mb)
        run = Run(engine.inputs, engine, settings, cache, 4, say=_say)
        if output_format is Format.JSONL:
            code = run.jsonl(JsonlSink(output, False))
        elif output_format is Format.CSV:
            code = run.csv(Level.EVENTS, output, True)
        else:
            code = run.whole(output_format, output, True)
        typer.echo(run.tally.line(), err=True)
        if reask:
            _round_lines(finish_round(engine, job, endpoint), job, engine.settings.reask)
    raise typer.Exit(code)


def _round_lines(made: Any, job: Path, rounds: int) -> None:
    if not rounds:
        typer.echo(f"{job}: prepared with --reask 0, so no round follows the first", err=True)
        return
    if not made.request_files:
        typer.echo(f"{job}: no numbers to ask about again", err=True)
        return
    requests = sum(f.requests for f in made.request_files)
    said = (f"{job}: round {made.number}: asked again about {_count(made.articles, 'article')}"
            f" ({_count(requests, 'request')})")  # fmt: skip
    if made.batches:
        batches = ", ".join(b.batch_id for b in made.batches)
        typer.echo(f"{said} in {batches}; collect again once it has ended", err=True)
    else:
        files = ", ".join(f.path for f in made.request_files)
        typer.echo(f"{said} in {files}; run it as the first, then collect with one "
                   "--responses for each results file", err=True)  # fmt: skip


cache_app = typer.Typer(
    help="The LLM answer cache: what it holds, and emptying it.", no_args_is_help=True
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info_command(
    cache_dir: CacheDirOption = None, cache_max_mb: CacheMaxMbOption = DEFAULT_MAX_MB
) -> None:
    """Where the cache is, how many answers it holds, and its size against its limit."""
    with _errors():
        cache = _existing_cache(cache_dir, cache_max_mb)
        if cache is None:
            return
        info = cache.info()
        cache.close()
        to_stdout(
            f"{info.directory}: {_count(info.entries, 'answer')}, {info.size_mb:,.1f} MB"
            f" (limit {info.max_mb:,.0f} MB; --cache-max-mb or SUMMARIZER_CACHE_MAX_MB)\n"
        )


@cache_app.command("clear")
def cache_clear_command(cache_dir: CacheDirOption = None) -> None:
    """Remove every answer from the cache."""
    with _errors():
        cache = _existing_cache(cache_dir, DEFAULT_MAX_MB)
        if cache is None:
            return
        removed = cache.clear()
        cache.close()
        to_stdout(f"{cache.directory}: removed {_count(removed, 'answer')}\n")


def _existing_cache(directory: Path | None, max_mb: float) -> ResultCache | None:
    """The cache to look at, if there is one (nothing is made to look at it); one that
    cannot be opened is an error, with no warning first."""
    directory = directory or default_cache_dir()
    if not directory.exists():
        to_stdout(f"{directory}: no cache here yet\n")
        return None
    cache = ResultCache(directory, max_mb, warn=lambda _: None)
    if not cache.usable:
        raise InputError(
            f"{directory}: the cache {cache.problem}; if it is corrupt, remove the "
            "directory to start afresh"
        )
    return cache


@app.command("schema")
def schema_command(
    report: Annotated[
        bool, typer.Option("--report", help="The verification report's schema instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of the records (ArticleSummary, schema v1), or with --report
    that of the verification report."""
    with _errors():
        to_stdout(json.dumps(report_json_schema() if report else json_schema(), indent=2) + "\n")


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _settings(flags: dict[str, object]) -> Settings:
    try:
        return Settings(**flags)  # type: ignore[arg-type]
    except ValidationError as e:
        raise InputError(f"bad setting: {first_problem(e)}") from None


def _setting_flags(params: Mapping[str, object]) -> dict[str, object]:
    """A command's parameters that name a setting, those given: a flag not given (and
    `--strict`, which has no off form, left off) leaves the setting to the environment
    or its default."""
    given = {k: v for k, v in params.items() if k in Settings.model_fields and v is not None}
    if given.get("strict") is False:
        del given["strict"]
    return given


def _llm_settings(
    flags: Mapping[str, object], cassette: Path | None, record_mode: RecordMode | None
) -> Settings:
    """The settings of the flags given; with a cassette, the LLM engine under `auto`,
    since the cassette stands in for the endpoint, and, for a replay, the model and
    endpoint it was recorded with where none is named."""
    given = dict(flags)
    settings = _settings(given)
    if cassette is None:
        return settings
    replay = record_mode in (None, RecordMode.ONCE, RecordMode.NONE)
    recorded_with = recorded_request(cassette)  # also refuses a file that is no cassette
    if replay and settings.model is None and recorded_with.model:
        given["model"] = recorded_with.model
    if replay and settings.base_url is None and recorded_with.base_url:
        given["base_url"] = recorded_with.base_url
    if settings.engine is EngineChoice.AUTO:
        given["engine"] = EngineChoice.LLM
    return _settings(given)


def _recording(
    cassette: Path | None, record_mode: RecordMode | None, settings: Settings, engine: Engine
) -> AbstractContextManager[None]:
    if cassette is None:
        if record_mode is not None:
            raise InputError("--record-mode needs --cassette FILE")
        return nullcontext()
    if engine.name != "llm":
        typer.echo("note: the rules engine asks no model; the cassette is not used", err=True)
        return nullcontext()
    key = settings.api_key.get_secret_value() if settings.api_key else None
    return recorded(cassette, record_mode or RecordMode.ONCE, key)


def _engine(settings: Settings) -> Engine:
    engine, notice = choose_engine(settings)
    if notice:
        typer.echo(f"note: {notice}", err=True)
    return engine


def _cache(engine: Engine, off: bool, directory: Path | None, max_mb: float) -> ResultCache | None:
    """The LLM engine's answer cache, unless it is turned off; a cache that fails is
    said once on stderr and never fails an article."""
    if engine.name != "llm" or off:
        return None
    return ResultCache(directory or default_cache_dir(), max_mb, warn=_warn)


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def _calls(engine: Engine) -> str:
    """The requests the run sent, and what rate limits cost it, for its closing line."""
    stats = getattr(engine, "retry_stats", None)
    if stats is None:
        return ""
    s: RetryStats = stats()
    if not s.requests:
        return ""
    return (
        f"; {_count(s.requests, 'request')} sent, {s.rate_limited} rate-limited,"
        f" {s.waited_seconds:.1f} s waited"
    )


def _usage_line(results: list[SummaryResult]) -> str:
    requests = sum(r.usage.requests for r in results)
    prompt = sum(r.usage.prompt_tokens for r in results)
    completion = sum(r.usage.completion_tokens for r in results)
    attempts = sum(r.attempts for r in results)
    return (
        f"usage: {_count(requests, 'request')}, {prompt + completion:,} tokens ({prompt:,} prompt"
        f" + {completion:,} completion), {_count(attempts, 'attempt')}, model {results[0].model}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _load(path: str, max_bytes: int) -> Document:
    document = load_article(path, max_bytes)  # a page is checked against its main text
    for warning in document.warnings:
        typer.echo(f"warning: {warning}", err=True)
    return document


@contextmanager
def _errors(verbose: bool = False) -> Iterator[None]:
    """Turn the errors a user can act on into one line and an exit code; --verbose
    adds the underlying error. A reader of the output gone (`| head`) ends the command
    quietly with 0, as it ends the common Unix tools."""
    try:
        yield
    except OutputClosed:
        raise typer.Exit(0) from None
    except SummarizerError as error:
        typer.echo(f"error: {error}", err=True)
        if verbose and error.detail:
            typer.echo(error.detail, err=True)
        raise typer.Exit(error.exit_code) from None
    except Interrupted:
        raise typer.Exit(130) from None
    except KeyboardInterrupt:
        typer.echo("interrupted; no output written", err=True)
        raise typer.Exit(130) from None


def _log_to_stderr(verbose: bool) -> None:
    # instructor logs each failed call; the CLI reports failures itself, in one line,
    # and with --verbose says each retry as it happens.
    logging.getLogger("instructor").addHandler(logging.NullHandler())
    if verbose:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        ours = logging.getLogger("summarizer")
        ours.addHandler(handler)
        ours.setLevel(logging.INFO)


def main() -> None:
    app(prog_name="summarizer")


if __name__ == "__main__":
    main()
