"""Reading a summary to verify: records as JSON (an ArticleSummary, a whole result of
summarize, or either in a chat's ```json fence), or a plain-text summary.

JSON from outside is parsed under limits (`parse_json`), so a hostile file is one
line of error, never a traceback: Python's parser recurses once per level of nesting
and will not read an integer of more than 4,300 digits, and it accepts NaN and
Infinity, which JSON does not have."""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

from pydantic import ValidationError

from summarizer.documents import Document
from summarizer.errors import InputError, first_problem
from summarizer.records import ArticleSummary

# A whole result of summarize nests 7 levels deep; 64 leaves room for any metadata a
# JSONL line carries, and stays far below Python's recursion limit.
MAX_JSON_DEPTH = 64
# The digits of one number. A count has no business being longer, and the longest
# float Python or JavaScript writes (0.00012345678901234567) has 21.
MAX_NUMBER_DIGITS = 25

_FENCE = re.compile(r"^\s*```(?:json)?\s*\n|\n\s*```\s*$")
# A JSON string (brackets inside it do not nest), or a bracket.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def load_summary(document: Document) -> ArticleSummary | str:
    """Records from JSON, or the text itself when it is a plain-text summary."""
    text = _FENCE.sub("", document.text).strip()
    label = document.path or "<input>"
    if not text.startswith(("{", "[")):
        return document.text
    try:
        data = parse_json(text, label)
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


def parse_json(text: str, label: str, *, max_digits: int | None = MAX_NUMBER_DIGITS) -> Any:
    """`json.loads` under MAX_JSON_DEPTH and `max_digits`, with NaN and the
    infinities refused: an InputError names `label` and the problem. Malformed JSON
    still raises json.JSONDecodeError, for the caller to word.

    `max_digits=None` (a JSONL input line, whose metadata may hold a checksum or a
    long id) sets no digit limit: an integer too long for Python's int() is kept as
    its digits, a string."""
    depth = _depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputError(
            f"{label}: JSON nested more than {MAX_JSON_DEPTH} levels deep; "
            "nothing read here nests that deep"
        )

    def whole(digits: str) -> int | str:
        if max_digits is None:
            return _int_or_digits(digits)
        _check_digits(digits, label, max_digits)
        return int(digits)

    def fraction(digits: str) -> float:
        if max_digits is not None:
            _check_digits(digits, label, max_digits)
        value = float(digits)
        if not math.isfinite(value):  # 1e400 overflows to infinity
            raise InputError(f"{label}: the number {digits} is too large")
        return value

    def constant(name: str) -> float:
        raise InputError(f"{label}: {name} is not a number JSON allows; give a finite number")

    return json.loads(text, parse_int=whole, parse_float=fraction, parse_constant=constant)


def _depth(text: str) -> int:
    """How deep the text's brackets nest, outside strings; it stops counting just past
    the limit, so a hostile file costs one pass at most."""
    depth = deepest = 0
    for m in _STRING_OR_BRACKET.finditer(text):
        char = m.group()
        if char in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                break
        elif char in ("]", "}"):
            depth -= 1
    return deepest


def _check_digits(number: str, label: str, max_digits: int) -> None:
    if len(number) <= max_digits:
        return
    digits = sum(c.isdigit() for c in number)
    if digits > max_digits:
        raise InputError(
            f"{label}: a number of {digits:,} digits; a number here has at most {max_digits}"
        )


def _int_or_digits(digits: str) -> int | str:
    """The integer, or its digits when Python's int() would refuse them (more than
    sys.get_int_max_str_digits(), 4,300 by default; 0 means no limit, and then 4,300
    still bounds the quadratic conversion)."""
    limit = sys.get_int_max_str_digits() or 4300
    if len(digits.lstrip("-")) > limit:
        return digits
    return int(digits)
