"""Ordinary deviations of a model's answer from the record schema, repaired before the
records are validated strictly, and each repair written down.

Models add fields of their own, write `null` for a list, "Killed" for `killed`, "about"
for `approximately`, a datetime for a date and "1,200" for a number. None of that
changes what the answer says, so it is mended rather than sent back; what cannot be
mended is left for validation to reject.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import types
from enum import Enum
from functools import cache
from typing import Annotated, Any, NamedTuple, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidatorFunctionWrapHandler,
    model_validator,
)

from summarizer.evidence.lexicons import en as lx
from summarizer.records import ArticleSummary, Event, Qualifier

_ENUM_KEY = re.compile(r"[\s_/-]+")
# The hedge words a model writes where the schema wants a qualifier: the scanner's own
# hedges, and the few words a model uses that an article does not put before a number.
_HEDGES = {
    **{p: Qualifier(q) for q, phrases in lx.QUALIFIERS_BEFORE.items() for p in phrases},
    "approximate": Qualifier.APPROXIMATELY,
    **dict.fromkeys(("minimum", "min"), Qualifier.AT_LEAST),
    **dict.fromkeys(("maximum", "max"), Qualifier.UP_TO),
    **dict.fromkeys(("exactly", "precisely"), Qualifier.EXACT),
    "between": Qualifier.RANGE,
}
_NUMBER = re.compile(r"[+-]?\d{1,3}(?:[,\s\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
_ISO_DATETIME = re.compile(r"(\d{4}-[01]\d-[0-3]\d)[T ][\d:.]+(?:Z|[+-][\d:]+)?")
_WRITTEN_DATES = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b. %d, %Y")
_DATE_FIELDS = frozenset({"date"})
_SPACE = re.compile(r"\s")


class Repair(BaseModel):
    """One deviation mended: where, what the model wrote, and what it became (None for
    a field dropped, "absent" for a null read as not given)."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    path: str
    from_: Any = Field(default=None, alias="from")
    to: Any = None


def repaired(model: type[BaseModel], data: Any, path: str = "") -> tuple[Any, list[Repair]]:
    """`data` mended to fit `model`, and the repairs made; anything else left as it is."""
    repairs: list[Repair] = []
    return _object(model, data, path, repairs), repairs


class _Field(NamedTuple):
    kind: Any  # the field's type as _resolved reads it
    omissible: bool  # a null is read as not given: the field is optional, with a default


@cache  # by model class: a schema's fields are read once, not once an answer
def _fields(model: type[BaseModel]) -> dict[str, _Field]:
    fields: dict[str, _Field] = {}
    for key, field in model.model_fields.items():
        has_default = field.default is not None or field.default_factory is not None
        omissible = not field.is_required() and has_default
        fields[key] = _Field(_resolved(field.annotation), omissible)
    return fields


def _object(model: type[BaseModel], data: Any, path: str, repairs: list[Repair]) -> Any:
    if not isinstance(data, dict):
        return data
    fields = _fields(model)
    out: dict[str, Any] = {}
    for key, value in data.items():
        field_path = f"{path}.{key}" if path else key
        field = fields.get(key)
        if field is None:
            repairs.append(Repair(path=field_path, from_=value))  # a field of the model's own
            continue
        if value is None and field.omissible:
            repairs.append(Repair(path=field_path, to="absent"))
            continue
        out[key] = _value(field.kind, value, field_path, key, repairs)
    return out


def _value(kind: Any, value: Any, path: str, name: str, repairs: list[Repair]) -> Any:
    if isinstance(kind, list):  # list[X]
        if not isinstance(value, list):
            return value
        return [_value(kind[0], v, f"{path}[{i}]", name, repairs) for i, v in enumerate(value)]
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return _object(kind, value, path, repairs)
    fixed = _scalar(kind, value, name)
    if fixed is not value and fixed != value:
        repairs.append(Repair(path=path, from_=value, to=fixed))
    return fixed


def _resolved(annotation: Any) -> Any:
    """_kind of an annotation, and of a list's items in turn."""
    kind = _kind(annotation)
    return [_resolved(kind[0])] if isinstance(kind, list) else kind


def _kind(annotation: Any) -> Any:
    """The one type a field holds, Optional and Annotated taken off; a list as [item]."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kind(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds = [_kind(a) for a in get_args(annotation) if a is not type(None)]
        return kinds[0] if len(kinds) == 1 else annotation
    if origin is list:
        return [get_args(annotation)[0]]
    return annotation


def _scalar(kind: Any, value: Any, name: str) -> Any:
    if isinstance(kind, type) and issubclass(kind, Enum) and isinstance(value, str):
        return _enum(kind, value)
    if kind in (int, float) and isinstance(value, str):
        return _number(value, kind)
    if name in _DATE_FIELDS and isinstance(value, str):
        return _date(value)
    return value


@cache  # by enum class
def _enum_values(kind: type[Enum]) -> frozenset[Any]:
    return frozenset(m.value for m in kind)


def _enum(kind: type[Enum], value: str) -> Any:
    if value in _enum_values(kind):
        return value
    key = _ENUM_KEY.sub("", value.strip().lower())
    for member in kind:
        if _ENUM_KEY.sub("", str(member.value).lower()) == key:
            return member.value
    if kind is Qualifier:
        hedge = _HEDGES.get(" ".join(value.strip().lower().replace("_", " ").split()))
        if hedge is not None:
            return hedge.value
    return value


def _number(value: str, kind: type) -> Any:
    found = _NUMBER.fullmatch(value.strip())
    if found is None:
        return value
    plain = re.sub(r"[,\s\u00a0\u202f\u2009]", "", found.group())
    number = float(plain)
    if kind is int or number.is_integer():
        return int(number) if number.is_integer() else value
    return number


def _date(value: str) -> Any:
    text = value.strip()
    stamped = _ISO_DATETIME.fullmatch(text)
    if stamped:
        return stamped.group(1)
    if _SPACE.search(text) is None:  # "2025-06-20": every written form has a space in it
        return value
    for form in _WRITTEN_DATES:
        try:
            return dt.datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return value


class LenientSummary(ArticleSummary):
    __doc__ = ArticleSummary.__doc__
    # The same schema, under the same name, is what the model is shown: only the reading
    # of its answer is lenient.
    model_config = ConfigDict(title="ArticleSummary")

    _repairs: list[Repair] = PrivateAttr(default_factory=list)
    # Parts of an answer that never fit the schema, left out: (path, validation error).
    _rejected: list[tuple[str, str]] = PrivateAttr(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _mend(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> LenientSummary:
        fixed, repairs = repaired(ArticleSummary, data)
        answer: LenientSummary = handler(fixed)
        answer._repairs = repairs
        return answer

    @property
    def repairs(self) -> list[Repair]:
        """What was mended to read this answer."""
        return self._repairs

    @property
    def rejected(self) -> list[tuple[str, str]]:
        """What of the answer was left out because it never fit the schema."""
        return self._rejected


_FENCED = re.compile(r"```(?:json)?\s*(\{.*\})\s*```", re.DOTALL)


def answer_json(completion: Any) -> dict[str, Any] | None:
    """The JSON object a chat completion answered with, from its tool call or its text
    (fenced or not); None when there is none to read."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    calls = getattr(message, "tool_calls", None) or []
    texts = [call.function.arguments for call in calls] + [message.content or ""]
    for text in texts:
        fenced = _FENCED.search(text)
        try:
            data = json.loads(fenced.group(1) if fenced else text)
        except (TypeError, ValueError):
            continue
        if isinstance(data, dict):
            return data
    return None


def partial(data: dict[str, Any]) -> LenientSummary:
    """What of an answer that never fit the schema does fit: each event that validates on
    its own is kept, and each that does not, with the headline or summary if they fail,
    is listed in `rejected` with its validation error."""
    fixed, repairs = repaired(ArticleSummary, data)
    rejected: list[tuple[str, str]] = []
    events: list[Event] = []
    for i, raw in enumerate(fixed.get("events") or []):
        try:
            events.append(Event.model_validate(raw))
        except ValidationError as error:
            rejected.append((f"events[{i}]", _first_error(error)))
    texts: list[str] = []
    for name in ("headline", "summary"):
        value = fixed.get(name)
        texts.append(value if isinstance(value, str) else "")
        if not isinstance(value, str):
            rejected.append((name, "missing or not text"))
    answer = LenientSummary.model_construct(headline=texts[0], summary=texts[1], events=events)
    answer._repairs = repairs
    answer._rejected = rejected
    return answer


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]
