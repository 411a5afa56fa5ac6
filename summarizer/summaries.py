"""Reading a summary to verify: records as JSON (an ArticleSummary, a whole result of
summarize, or either in a chat's ```json fence), or a plain-text summary."""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from summarizer.documents import Document
from summarizer.errors import InputError, first_problem
from summarizer.records import ArticleSummary

_FENCE = re.compile(r"^\s*```(?:json)?\s*\n|\n\s*```\s*$")


def load_summary(document: Document) -> ArticleSummary | str:
    """Records from JSON, or the text itself when it is a plain-text summary."""
    text = _FENCE.sub("", document.text).strip()
    label = document.path or "<input>"
    if not text.startswith(("{", "[")):
        return document.text
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
            f"{label}: does not match the records schema: {first_problem(e)}"
        ) from None
