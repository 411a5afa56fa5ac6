"""Strict structured output: the schema sent keeps the strict subset's rules, json_schema
mode always asks for it, tool calling asks for it on OpenAI only, and it can be turned
off for servers that refuse it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer.engines.llm import LLMEngine
from summarizer.pipeline import summarize
from summarizer.records import ArticleSummary
from summarizer.repair import LenientSummary
from summarizer.settings import LLMMode, Settings
from summarizer.strict_schema import strict_schema, violations
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_server import MODEL, Answer, ScriptedServer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
STRICT = strict_schema(LenientSummary)


def test_the_strict_schema_keeps_every_rule_of_the_strict_subset() -> None:
    assert violations(STRICT) == []


def test_the_plain_schema_breaks_them_so_the_check_can_fail() -> None:
    found = violations(ArticleSummary.model_json_schema())
    assert any("not every property is required" in v for v in found)
    assert any("'default'" in v for v in found)
    open_object = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    assert violations(open_object) == ["$: additionalProperties is not false"]


def test_optional_fields_become_required_and_nullable() -> None:
    quantity = STRICT["$defs"]["Quantity"]
    assert quantity["required"] == list(quantity["properties"])
    assert {"type": "null"} in quantity["properties"]["high"]["anyOf"]
    assert {"type": "null"} in quantity["properties"]["qualifier"]["anyOf"]
    assert quantity["properties"]["value"] == {
        "description": quantity["properties"]["value"]["description"], "type": "number",
    }  # fmt: skip


def _sent(**overrides: Any) -> dict[str, Any]:
    with ScriptedServer([Answer(REFERENCE)]) as server:
        settings = Settings(base_url=server.url, model=MODEL, api_key=FAKE_KEY, **overrides)
        result = summarize(SAMPLE.read_text(), settings=settings)
        assert result.verification.ok
        return server.requests[0]


def test_json_schema_mode_asks_for_strict_output_with_the_strict_schema() -> None:
    sent = _sent(mode=LLMMode.JSON_SCHEMA)
    assert sent["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "ArticleSummary", "strict": True, "schema": STRICT},
    }


def test_strict_output_can_be_turned_off() -> None:
    sent = _sent(mode=LLMMode.JSON_SCHEMA, strict_schema=False)
    assert "strict" not in sent["response_format"]["json_schema"]


def test_tool_calling_on_a_local_server_carries_no_strict_flag() -> None:
    sent = _sent(mode=LLMMode.TOOLS)
    assert "strict" not in sent["tools"][0]["function"]


@pytest.mark.parametrize(
    ("base_url", "strict"),
    [(None, True), ("https://api.openai.com/v1", True), ("http://127.0.0.1:8000/v1", False),
     ("https://example.openai.azure.com/openai", False)],
)  # fmt: skip
def test_tool_calling_is_strict_on_openai_itself(base_url: str | None, strict: bool) -> None:
    engine = LLMEngine(Settings(base_url=base_url, model="gpt-4o-mini", api_key=FAKE_KEY))
    tool = {"type": "function", "function": {"name": "ArticleSummary", "parameters": {}}}
    sent = engine._strict_output({"tools": [tool]})["tools"][0]["function"]
    assert sent.get("strict", False) is strict
    assert (sent["parameters"] == STRICT) is strict
