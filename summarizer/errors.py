"""Errors a user can act on, each with the exit code the CLI gives it."""

from __future__ import annotations

from pydantic import ValidationError


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


def first_problem(error: ValidationError) -> str:
    """The first problem of a validation error, at its path: "events[0].date: ..."."""
    errors = error.errors()
    first = errors[0]
    path = ""
    for part in first["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{path or '(top level)'}: {first['msg']}{more}"
