"""Errors a user can act on, each with the exit code the CLI gives it."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of the errors the CLI turns into a one-line message."""

    exit_code = 2

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail  # the underlying error in full, for --verbose and tests


class InputError(SummarizerError):
    """The input (an article, a records file, a flag) cannot be used."""


class ProviderError(SummarizerError):
    """The LLM provider failed."""

    exit_code = 3
