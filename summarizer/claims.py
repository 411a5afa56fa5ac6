"""The numbers a summary claims: every numeric leaf, date and prose number of any
pydantic model, with what the field names say the number should count."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from summarizer.evidence import Kind, Subject, scan
from summarizer.evidence.mention import Value, exact
from summarizer.records import Qualifier

PROSE_FIELDS = frozenset(
    {"headline", "summary", "description", "title", "lead", "text", "date_text"}
)
# Numbers a gazetteer gives, not the article: nothing in the text to hold them against.
LOOKED_UP_FIELDS = frozenset({"latitude", "longitude", "geo_precision"})
DATE_FIELDS = re.compile(r"(?:^|_)date$")
_ISO_DATE = re.compile(r"\d{4}(?:-[01]\d(?:-[0-3]\d)?)?")
_NAME_PARTS = re.compile(r"[_\W]+|(?<=[a-z])(?=[A-Z])")

# Field names and enum values that say what a number counts. Checked leaf first, then
# the leaf's siblings, then up the path, so `casualties[0].count` with
# `outcome="injured"` counts the injured.
_SUBJECT_HINTS: dict[str, Subject] = {
    **dict.fromkeys(("killed", "dead", "deaths", "fatalities", "death_toll", "kills"),
                    Subject.KILLED),
    **dict.fromkeys(("injured", "wounded", "injuries", "hurt"), Subject.INJURED),
    **dict.fromkeys(("casualties", "casualty"), Subject.CASUALTIES),
    **dict.fromkeys(("missing",), Subject.MISSING),
    **dict.fromkeys(("evacuated", "evacuees", "evacuations"), Subject.EVACUATED),
    **dict.fromkeys(("displaced", "refugees"), Subject.DISPLACED),
    **dict.fromkeys(("rescued",), Subject.RESCUED),
    **dict.fromkeys(("detained", "arrested", "arrests", "detentions"), Subject.DETAINED),
    **dict.fromkeys(("launched", "fired"), Subject.LAUNCHED),
    **dict.fromkeys(("neutralized", "neutralised", "intercepted", "shot_down", "downed"),
                    Subject.NEUTRALIZED),
    **dict.fromkeys(("hits", "struck", "impacts"), Subject.HITS),
}  # fmt: skip
_KIND_HINTS: dict[str, Kind] = {
    **dict.fromkeys(("floors", "storeys", "stories", "story", "storey"), Kind.STOREYS),
    **dict.fromkeys(("age", "ages", "age_years"), Kind.AGE),
    **dict.fromkeys(("year",), Kind.YEAR),
    **dict.fromkeys(("percent", "percentage", "pct", "share"), Kind.PERCENT),
    **dict.fromkeys(("cost", "money", "amount_usd", "damage_usd", "price"), Kind.MONEY),
}
_SIDES = frozenset({"initiator", "target", "initiator_category", "target_category"})
_GROUPS = frozenset({"total", "civilians", "children", "emergency_responders", "military", "other"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One number (or date) a summary states, and what it is said to be."""

    path: str
    value: Value | str | None  # a date claim holds its ISO string
    kind: Kind
    high: Value | None = None
    qualifier: Qualifier = Qualifier.EXACT
    subject: Subject | None = None
    group: str | None = None
    quote: str | None = None  # None too when the record's quote is blank
    prose: str | None = None  # the words of a prose number, as written


def model_claims(model: BaseModel, path: str = "") -> Iterator[Claim]:
    """Every checkable number in a pydantic model, walked field by field."""
    yield from _walk(model, path, ())


def prose_claims(text: str, path: str) -> Iterator[Claim]:
    """Every number written in a piece of prose."""
    for m in scan(text):
        if m.kind in {Kind.VAGUE, Kind.LABEL, Kind.TIME}:
            continue  # vague words claim no number; labels and clock times are not tallies
        if m.kind is Kind.DATE:
            if m.date is not None:
                yield Claim(path, m.date, Kind.DATE, prose=m.text)
            continue
        yield Claim(
            path,
            None if m.value is None else exact(m.value),
            m.kind,
            high=None if m.high is None else exact(m.high),
            qualifier=m.qualifier,
            subject=m.counts,
            group=m.group if m.group not in {None, "total"} else None,
            prose=text[m.start : m.end],
        )


@cache  # by model class: a schema's fields are read once, not once a record
def _checked_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model whose numbers the article can hold, in order."""
    return tuple(name for name in model.model_fields if name not in LOOKED_UP_FIELDS)


@cache  # by field name, of which a schema has few
def _is_date_field(name: str) -> bool:
    return DATE_FIELDS.search(name) is not None


def _walk(model: BaseModel, path: str, hints: tuple[str, ...]) -> Iterator[Claim]:
    own = _own_hints(model)
    for name in _checked_fields(type(model)):
        value = getattr(model, name)
        field_path = f"{path}.{name}" if path else name
        if _is_date_field(name) and isinstance(value, str | dt.date):
            text = value.strip() if isinstance(value, str) else value.isoformat()[:10]
            if text:
                # `date` beside `date_text`: the words it was read from, held like a quote.
                words = _words(_attribute(model, f"{name}_text"))
                yield _date_claim(text, field_path, words)
            continue
        yield from _walk_value(value, name, field_path, (name, *own, *hints))


def _walk_value(value: object, name: str, path: str, hints: tuple[str, ...]) -> Iterator[Claim]:
    if value is None or isinstance(value, bool | Enum):
        return
    if isinstance(value, BaseModel):
        if _is_quantity(value):
            yield _quantity_claim(value, path, hints)
        else:
            yield from _walk(value, path, hints)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk_value(item, name, f"{path}[{i}]", hints)
    elif isinstance(value, int | float | Decimal):
        yield _claim(path, exact(value), None, Qualifier.EXACT, None, hints)
    elif isinstance(value, dt.date):
        yield Claim(path, value.isoformat()[:10], Kind.DATE)
    elif isinstance(value, str) and value.strip():
        if _is_date_field(name):  # an item of a list of dates
            yield _date_claim(value.strip(), path, None)
        elif name in PROSE_FIELDS:
            yield from prose_claims(value, path)


def _date_claim(value: str, path: str, words: str | None) -> Claim:
    """An ISO date as it is; any other text is read as a date, or left unprovable."""
    if _ISO_DATE.fullmatch(value):
        return Claim(path, value, Kind.DATE, quote=words)
    dates = [m.date for m in scan(value) if m.date and m.kind in {Kind.DATE, Kind.YEAR}]
    return Claim(path, dates[0] if len(dates) == 1 else value, Kind.DATE, quote=words, prose=value)


@cache  # by model class and attribute name, of which a schema has few
def _never_has(model: type[BaseModel], name: str) -> bool:
    """Can no instance of this class have the attribute `name` but one set in its own
    __dict__? No field, no class attribute, no private attribute and no extra field by
    that name: pydantic's lookup of it raises, which costs more than the rest of a walk."""
    return (
        name not in model.model_fields
        and not hasattr(model, name)
        and name not in model.__private_attributes__
        and model.model_config.get("extra") != "allow"
    )


def _attribute(model: BaseModel, name: str, default: Any = None) -> Any:
    """getattr(model, name, default), without raising where the class has no such name."""
    if name not in model.__dict__ and _never_has(type(model), name):
        return default
    return getattr(model, name, default)


def _is_quantity(model: BaseModel) -> bool:
    value = _attribute(model, "value")
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _quantity_claim(model: BaseModel, path: str, hints: tuple[str, ...]) -> Claim:
    high = _attribute(model, "high")
    qualifier = _attribute(model, "qualifier", Qualifier.EXACT)
    return _claim(
        path,
        exact(model.value),  # type: ignore[attr-defined]
        exact(high) if isinstance(high, int | float | Decimal) else None,
        Qualifier(qualifier) if qualifier else Qualifier.EXACT,
        _words(_attribute(model, "quote")),
        hints,
    )


def _words(quote: object) -> str | None:
    """A record's quote, or None: a blank quote cites nothing, so it is no quote."""
    return quote if isinstance(quote, str) and quote.strip() else None


def _claim(
    path: str,
    value: Value,
    high: Value | None,
    qualifier: Qualifier,
    quote: str | None,
    hints: tuple[str, ...],
) -> Claim:
    group: str | None = None
    said: Kind | Subject | None = None  # the first hint's word that says what it is
    for hint in hints:
        lower = hint.lower()
        if group is None and lower in _GROUPS:
            group = lower
        if said is None:
            said = _said(lower, hint)
        elif group is not None:
            break  # nothing later can change either
    kind = said if isinstance(said, Kind) else Kind.COUNT
    subject = said if isinstance(said, Subject) else None
    return Claim(path, value, kind, high, qualifier, subject, group, quote)


def _said(lower: str, hint: str) -> Kind | Subject | None:
    """What a hint's first telling word says a number is: a kind, or what it counts."""
    for word in (lower, *_name_parts(hint)):  # "num_killed", "injuredCount"
        if word in _KIND_HINTS:
            return _KIND_HINTS[word]
        if word in _SUBJECT_HINTS:
            return _SUBJECT_HINTS[word]
    return None


def _name_parts(name: str) -> list[str]:
    """The words of a field name; values with spaces are not names and give none."""
    if not name.isidentifier():
        return []
    return [p.lower() for p in _NAME_PARTS.split(name) if p]


def _own_hints(model: BaseModel) -> tuple[str, ...]:
    """String and enum values of a model's own fields: `outcome="injured"` is a hint;
    the sides of an event ("displaced civilians" as its target) say nothing of its
    counts."""
    out: list[str] = []
    for name in _hinting_fields(type(model)):
        value = getattr(model, name)
        if isinstance(value, Enum):
            out.append(str(value.value))
        elif isinstance(value, str) and len(value) <= 40 and name not in PROSE_FIELDS:
            out.append(value)
    return tuple(out)


@cache  # by model class
def _hinting_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields whose values may hint at what a model's numbers count: not its sides."""
    return tuple(name for name in model.model_fields if name not in _SIDES)
