"""The command line's options, declared once for every command that takes them."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cassettes import RecordMode
from summarizer.csv_export import Level
from summarizer.run import Format
from summarizer.settings import EngineChoice, LLMMode, ReasoningEffort

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


class ReportFormat(StrEnum):
    """What `verify` writes: a report, not rows of events."""

    JSON = "json"
    MD = "md"


ReportFormatOption = Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")]
LevelOption = Annotated[
    Level | None,
    typer.Option(
        help="With --format csv: a row per event (default), ACLED's columns first, or per "
        "checked number."
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Show retries and the underlying errors.")
]
MaxBytesOption = Annotated[
    int | None,
    typer.Option(help="Refuse input files larger than this many bytes [2000000].", min=1),
]
StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Fail numbers the source states without words that say what they count "
        "(unconfirmed); or set SUMMARIZER_STRICT=1.",
    ),
]


EngineOption = Annotated[
    EngineChoice | None,
    typer.Option(
        help="rules (offline), llm, or auto (default): the LLM when an endpoint and a "
        "model are configured, or a cassette is given."
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1 [env: OPENAI_BASE_URL]"
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(help="Model name [env: SUMMARIZER_MODEL; replaying: the cassette's]"),
]
ModeOption = Annotated[
    LLMMode | None,
    typer.Option(
        help="tools (default), json_schema, json, or md_json for servers without tool calling."
    ),
]
TemperatureOption = Annotated[
    float | None, typer.Option(help="Sampling temperature [0]; not sent to reasoning models.")
]
StrictSchemaOption = Annotated[
    bool | None,
    typer.Option(
        "--strict-schema/--no-strict-schema",
        help="Ask for strict structured output (json_schema mode; tools mode on OpenAI) "
        "[on]; off for servers that refuse it.",
    ),
]
ReasoningOption = Annotated[
    bool | None,
    typer.Option(
        "--reasoning/--no-reasoning",
        help="Ask as for a reasoning model (max_completion_tokens, no temperature) "
        "[by the model's name: o1, o3, o4-mini, gpt-5...; env: SUMMARIZER_REASONING].",
    ),
]
ReasoningEffortOption = Annotated[
    ReasoningEffort | None, typer.Option(help="low, medium or high, for reasoning models only.")
]
SeedOption = Annotated[int | None, typer.Option(help="Sampling seed, where supported.")]
TimeoutOption = Annotated[float | None, typer.Option(help="Seconds per request [120].")]
MaxOutputTokensOption = Annotated[
    int | None, typer.Option(help="Output-token limit per answer [4096].")
]
ReaskOption = Annotated[
    int | None, typer.Option(help="Re-asks for numbers that fail the check [1].")
]
MaxTotalTokensOption = Annotated[
    int | None, typer.Option(help="Stop re-asking once this many tokens are spent.")
]
ChunkCharsOption = Annotated[
    int | None, typer.Option(help="Articles longer than this are extracted in parts [12000].")
]
PromptsDirOption = Annotated[
    Path | None, typer.Option(help="Use the prompt templates in this directory.")
]
CacheDirOption = Annotated[
    Path | None, typer.Option(help="Where LLM results are cached [~/.cache/summarizer].")
]
CacheMaxMbOption = Annotated[
    float,
    typer.Option(
        help="Keep the cache under this size, evicting the least recently used answers.",
        envvar="SUMMARIZER_CACHE_MAX_MB",
        min=1,
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
]
CassetteOption = Annotated[
    Path | None,
    typer.Option(
        help="Record the model's answers into this YAML file, or replay them from it with "
        "no endpoint and no key (see --record-mode). The cache is not used.",
    ),
]
RecordModeOption = Annotated[
    RecordMode | None,
    typer.Option(
        help="With --cassette: once (default; record if the file does not exist, else "
        "replay), none (replay only; a request not in it fails), new_episodes (replay, "
        "record the rest), rewrite (record anew).",
    ),
]
AllFindingsOption = Annotated[
    bool,
    typer.Option(
        "--all-findings",
        help="md: also list supported numbers of headline, summary, descriptions and "
        "dates, and the evidence's offsets.",
    ),
]
