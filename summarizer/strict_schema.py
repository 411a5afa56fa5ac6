"""The records' JSON Schema in the subset that strict structured outputs accept: every
object closed (`additionalProperties: false`), every property required, optional ones
nullable instead, and no keyword outside the subset (defaults, bounds, patterns).

OpenAI's strict mode refuses a schema with any of those, and other providers' strict
modes accept the same subset, so it is sent as it is wherever strict output is asked.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

# Keywords the strict subset keeps; anything else (default, minimum, pattern, title...)
# is dropped. Validation of the answer still applies the full rules.
_KEPT = frozenset(
    {"type", "properties", "required", "additionalProperties", "items", "enum", "const",
     "anyOf", "$ref", "$defs", "description"}
)  # fmt: skip


_NAMED = frozenset({"properties", "$defs"})  # maps of names to schemas, not schemas


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s JSON Schema, made strict."""
    schema = copy.deepcopy(model.model_json_schema())
    defs = schema.pop("$defs", {})
    out: dict[str, Any] = _strict(schema)
    if defs:
        out["$defs"] = {name: _strict(definition) for name, definition in defs.items()}
    return out


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _strict(value) for key, value in node.items() if key in _KEPT - _NAMED}
    if "properties" in node:
        optional = set(node["properties"]) - set(node.get("required", []))
        out["properties"] = {
            name: _nullable(_strict(prop)) if name in optional else _strict(prop)
            for name, prop in node["properties"].items()
        }
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    """A property that may be left out becomes one that may be null."""
    options = prop.get("anyOf")
    if options is not None:
        if not any(option.get("type") == "null" for option in options):
            prop = {**prop, "anyOf": [*options, {"type": "null"}]}
        return prop
    description = prop.get("description")
    inner = {key: value for key, value in prop.items() if key != "description"}
    nullable: dict[str, Any] = {"anyOf": [inner, {"type": "null"}]}
    if description is not None:
        nullable["description"] = description
    return nullable


def violations(schema: Any, path: str = "$") -> list[str]:
    """Where a schema breaks the strict subset's rules (empty when it keeps them)."""
    found: list[str] = []
    if isinstance(schema, list):
        for i, item in enumerate(schema):
            found += violations(item, f"{path}[{i}]")
        return found
    if not isinstance(schema, dict):
        return found
    found += [f"{path}: keyword {key!r}" for key in schema if key not in _KEPT]
    if schema.get("type") == "object" or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            found.append(f"{path}: additionalProperties is not false")
        if set(schema.get("properties", {})) != set(schema.get("required", [])):
            found.append(f"{path}: not every property is required")
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            found += violations(sub, f"{path}.{key}.{name}")
    for key in ("items", "anyOf"):
        if key in schema:
            found += violations(schema[key], f"{path}.{key}")
    return found
