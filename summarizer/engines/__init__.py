"""Engines turn an article's text into an ArticleSummary."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from summarizer.records import ArticleSummary
from summarizer.repair import Repair
from summarizer.report import VerificationReport

# Where findings about parts of an answer that the schema rejected are reported: not a
# path of the records, since those parts never became records.
REJECTED = "answer."


class Usage(BaseModel):
    """Tokens spent, summed over every request (re-asks and retries included)."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0

    def add(self, prompt: int, completion: int, total: int | None = None) -> None:
        self.requests += 1
        self.prompt_tokens += prompt
        self.completion_tokens += completion
        self.total_tokens += total if total is not None else prompt + completion


class Extraction(BaseModel):
    """An engine's answer and what it cost."""

    summary: ArticleSummary
    # Deviations of the model's answer from the schema, mended before validation.
    repairs: list[Repair] = Field(default_factory=list)
    attempts: int = 1
    usage: Usage = Field(default_factory=Usage)
    prompt_version: str | None = None
    # The engine's own check of the summary against the whole article, when it made one.
    verification: VerificationReport | None = None
    # False while the engine has more to ask (a batch's re-ask round not yet collected):
    # such an answer is given, but not cached as the answer to the question.
    final: bool = Field(default=True, exclude=True)


class Engine(Protocol):
    name: str
    model: str | None

    def extract(self, text: str) -> Extraction: ...
