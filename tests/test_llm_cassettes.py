"""The LLM engine against recorded responses (cassettes/test_llm_cassettes/).

The cassettes were recorded from the scripted OpenAI-compatible server in
tests/scripted_server.py serving the reference answers below; cassettes/README.md says
so for each, and how to re-record them against a real endpoint. In replay (the
default, and CI) the request bodies must match the recorded ones exactly, so a change
of prompt template or schema fails loudly.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summarizer.engines.llm import LLMEngine
from summarizer.errors import ProviderError
from summarizer.pipeline import SummaryResult, summarize
from summarizer.prompts import default_prompts_dir
from summarizer.settings import LLMMode, Settings
from summarizer.verify import Status
from tests.conftest import FIXTURES, RERECORD, Endpoint
from tests.scripted_server import Answer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())


def _with_injured(value: int) -> dict[str, Any]:
    """The reference answer with the Odesa injured count changed (the article says 14)."""
    answer = copy.deepcopy(REFERENCE)
    answer["events"][0]["casualties"][1]["count"]["value"] = value
    return answer


def _run(endpoint: Endpoint, text: str, **settings: Any) -> SummaryResult:
    # One attempt: a replay that does not match is no network fault to retry.
    engine = LLMEngine(
        Settings(
            base_url=endpoint.base_url,
            model=endpoint.model,
            api_key=endpoint.api_key,
            **{"max_attempts": 1, **settings},
        )
    )
    return summarize(text, engine=engine)


@pytest.mark.vcr
def test_sample_article_end_to_end(llm_endpoint: Callable[..., Endpoint], sample_text: str) -> None:
    result = _run(llm_endpoint([Answer(REFERENCE)]), sample_text)
    assert result.engine == "llm"
    assert result.verification.ok
    assert (result.attempts, result.usage.requests) == (1, 1)
    assert result.usage.total_tokens > 0
    assert result.prompt_version is not None and len(result.prompt_version) == 12
    kyiv = [e for e in result.summary.events if e.location.place == "Kyiv"]
    assert [(c.outcome.value, c.count.value) for c in kyiv[0].casualties] == [
        ("killed", 28),
        ("injured", 142),
    ]
    # The model names the places; the gazetteer gives their points and regions.
    where = kyiv[0].location
    assert (round(where.latitude or 0), round(where.longitude or 0)) == (50, 31)
    assert where.geo_precision == 1 and where.admin1


@pytest.mark.vcr
def test_reask_corrects_a_wrong_number(
    llm_endpoint: Callable[..., Endpoint], sample_text: str
) -> None:
    endpoint = llm_endpoint([Answer(_with_injured(15)), Answer(REFERENCE)])
    result = _run(endpoint, sample_text)
    assert (result.attempts, result.usage.requests) == (2, 2)
    assert result.verification.ok
    if endpoint.server is not None:  # what the re-ask said, seen while recording
        reask = endpoint.server.requests[1]["messages"][-1]["content"]
        assert "events[0].casualties[1].count: you wrote 15; verdict unsupported" in reask


@pytest.mark.vcr
def test_plain_json_mode_of_a_local_server(
    llm_endpoint: Callable[..., Endpoint], sample_text: str
) -> None:
    endpoint = llm_endpoint([Answer(REFERENCE)])
    result = _run(endpoint, sample_text, mode=LLMMode.MD_JSON)
    assert result.verification.ok
    assert result.usage.requests == 1


@pytest.mark.vcr
def test_truncated_answer_is_asked_again_with_more_room(
    llm_endpoint: Callable[..., Endpoint], sample_text: str
) -> None:
    endpoint = llm_endpoint([Answer(REFERENCE, truncate=True), Answer(REFERENCE)])
    result = _run(endpoint, sample_text, max_output_tokens=3000)
    assert result.verification.ok
    assert result.usage.requests == 2


@pytest.mark.vcr
def test_answer_truncated_twice_is_one_clear_error(
    llm_endpoint: Callable[..., Endpoint], sample_text: str
) -> None:
    endpoint = llm_endpoint([Answer(REFERENCE, truncate=True)])
    with pytest.raises(ProviderError) as error:
        _run(endpoint, sample_text, max_output_tokens=3000)
    assert str(error.value) == (
        "the model's answer was cut off at the output-token limit (3000, then 6000); "
        "raise --max-output-tokens"
    )


@pytest.mark.replay_only
@pytest.mark.vcr
@pytest.mark.default_cassette("test_sample_article_end_to_end.yaml")
def test_a_changed_template_is_refused_by_the_replay(
    llm_endpoint: Callable[..., Endpoint], sample_text: str, tmp_path: Path
) -> None:
    changed = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), changed)
    system = changed / "system.j2"
    system.write_text(system.read_text().replace("Rules:", "Rules (revised):"))
    endpoint = llm_endpoint([], cassette="test_sample_article_end_to_end")
    with pytest.raises(ProviderError) as error:
        _run(endpoint, sample_text, prompts_dir=changed)
    assert RERECORD in (error.value.detail or "")


@pytest.mark.replay_only
@pytest.mark.vcr
@pytest.mark.default_cassette("test_sample_article_end_to_end.yaml")
def test_the_unchanged_template_replays(
    llm_endpoint: Callable[..., Endpoint], sample_text: str, tmp_path: Path
) -> None:
    copied = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), copied)
    endpoint = llm_endpoint([], cassette="test_sample_article_end_to_end")
    result = _run(endpoint, sample_text, prompts_dir=copied)
    assert {f.status for f in result.verification.findings} == {Status.SUPPORTED}
