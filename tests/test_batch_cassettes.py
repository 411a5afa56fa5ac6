"""The Batch API flow against recorded responses (cassettes/test_batch_cassettes/).

The cassette was recorded from the scripted Batch API (tests/scripted_batch_server.py)
over real HTTP on 127.0.0.1; cassettes/README.md says so. Re-recording runs the flow
against that server again:

    .venv/bin/python -m pytest tests/test_batch_cassettes.py --record-mode=rewrite

A hosted Batch API takes up to a day to answer, so it is not re-recorded against one.
In replay (the default, and CI) nothing listens: each upload must match the recorded
one in its fields and its request lines, so a change of prompt, schema or request
setting fails loudly, and every poll, download and re-ask is served as recorded.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch_jobs import batch_status, collect_batch, prepare_batch, read_job, submit_batch
from summarizer.inputs import items
from summarizer.settings import Settings
from tests.conftest import FAKE_KEY, FIXTURES, SAMPLE
from tests.scripted_batch_server import BatchServer
from tests.scripted_server import MODEL, Answer

REFERENCE = json.loads((FIXTURES / "odesa_records.json").read_text())
OTHER = sorted((FIXTURES / "articles").glob("*.txt"))[0]


def _with_injured(value: int) -> dict[str, Any]:
    answer = copy.deepcopy(REFERENCE)
    answer["events"][0]["casualties"][1]["count"]["value"] = value  # the article says 14
    return answer


@pytest.fixture
def batch_api(record_mode: str) -> Iterator[BatchServer | None]:
    """The scripted Batch API while recording; None while replaying, when nothing
    listens, so that the cassette answers or the test fails. It answers first with the
    Odesa records with 15 injured, then, asked again, with the reference records."""
    if record_mode == "none":
        yield None
        return
    with BatchServer(Answer(_with_injured(15)), reanswer=Answer(REFERENCE)) as server:
        yield server


def _until_ended(job: Path, settings: Settings) -> None:
    for _ in range(10):
        if all(b.ended for b in batch_status(job, settings).batches):
            return
    raise AssertionError("the batches never ended")


@pytest.mark.vcr
def test_the_batch_api_flow_with_its_reask_round(
    tmp_path: Path, batch_api: BatchServer | None
) -> None:
    url = "http://127.0.0.1:9/v1" if batch_api is None else batch_api.url
    settings = Settings(engine="llm", model=MODEL, base_url=url, api_key=FAKE_KEY,
                        max_attempts=1)  # fmt: skip
    job = tmp_path / "job.json"
    paths = [str(SAMPLE), str(OTHER)]
    prepare_batch(items(paths, 2_000_000), settings, job, paths)
    if batch_api is not None:  # the second article's request goes to the error file
        batch_api.failed.add(read_job(job).articles[1].id)
    submit_batch(job, settings)
    _until_ended(job, settings)
    first = collect_batch(job, settings=settings, reask=True)
    assert first is not None
    sample, other = list(first)
    assert sample.result is not None and not sample.result.verification.ok
    assert other.error is not None and "the model is overloaded" in other.error.message
    asked = read_job(job)
    assert asked.rounds == 2 and len(asked.batches) == 2  # the re-ask round was submitted
    _until_ended(job, settings)
    merged = collect_batch(job, settings=settings)
    assert merged is not None
    sample, other = list(merged)
    assert sample.result is not None and sample.result.verification.ok
    assert (sample.result.attempts, sample.result.usage.requests) == (2, 2)
    assert other.error is not None
