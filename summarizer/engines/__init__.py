"""Engines turn an article's text into an ArticleSummary."""

from __future__ import annotations

from typing import Protocol

from summarizer.records import ArticleSummary


class Engine(Protocol):
    name: str
    model: str | None

    def extract(self, text: str) -> ArticleSummary: ...
