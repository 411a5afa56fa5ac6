"""Recorded model answers (vcrpy cassettes): record a model's answers once, then replay
them with no endpoint and no key, so that a CI run checks the same answers every time.

The project's own test cassettes use the same scrubbing, matching and secret check.
A replayed request must match a recorded one in its method, its path from
`/chat/completions` on and its whole JSON body (prompt, schema, model and every
setting); the host may differ, so a replay needs no endpoint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from summarizer.errors import InputError

# Request and response headers that identify an account, a key or a session.
SECRET_HEADERS = (
    "authorization", "openai-organization", "openai-project", "cookie", "set-cookie",
    "x-request-id", "openai-request-id", "request-id", "api-key", "x-api-key",
)  # fmt: skip
# What a key, a bearer token or a kept secret header looks like in a cassette's YAML.
SECRET = re.compile(
    r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+\S{8,}|^\s*(?:authorization|cookie|set-cookie|"
    r"openai-organization|openai-project|x-request-id|api-key)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
RERECORD_HINT = "re-record it with --record-mode rewrite (or new_episodes to add to it)"


class RecordMode(StrEnum):
    """pytest-recording's modes: `once` records a cassette that does not exist yet and
    replays one that does; `none` only replays; `new_episodes` replays what it holds and
    records the rest; `rewrite` records it anew."""

    ONCE = "once"
    NONE = "none"
    NEW_EPISODES = "new_episodes"
    REWRITE = "rewrite"


def vcr_config(rerecord: str = RERECORD_HINT) -> dict[str, Any]:
    """The settings of every cassette; `rerecord` says how to re-record on a mismatch."""

    def same_body(recorded: Any, replayed: Any) -> None:
        if _parsed(recorded) != _parsed(replayed):
            raise AssertionError(
                "the request body differs from the recorded one (a prompt template, the "
                f"schema, the model or a request setting changed); {rerecord}"
            )

    return {
        "filter_headers": list(SECRET_HEADERS),
        "filter_query_parameters": ["api-key", "api_key", "key"],
        "before_record_response": scrub_response,
        "match_on": ["method", "endpoint", "prompt_body"],
        "decode_compressed_response": True,
        "matchers": {"endpoint": same_endpoint, "prompt_body": same_body},
    }


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """The response without its secret and rate-limit headers."""
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS or name.lower().startswith("x-ratelimit"):
            del headers[name]
    return response


def same_endpoint(recorded: Any, replayed: Any) -> None:
    """Paths agree from `/chat/` on: a `/openai/v1` prefix or another host is no change."""

    def tail(request: Any) -> str:
        path = str(request.path)
        return path[path.find("/chat/") :] if "/chat/" in path else path

    assert tail(recorded) == tail(replayed), f"{tail(recorded)} != {tail(replayed)}"


def _parsed(request: Any) -> object:
    body = request.body or b""
    try:
        return json.loads(body)
    except ValueError:
        return body


def secrets_in(path: Path, also: str | None = None) -> list[int]:
    """The lines of a cassette that hold something like a key (or `also`, the key in
    use), so that it is not committed."""
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = {text.count("\n", 0, m.start()) + 1 for m in SECRET.finditer(text)}
    if also:
        start = text.find(also)
        while start >= 0:
            lines.add(text.count("\n", 0, start) + 1)
            start = text.find(also, start + 1)
    return sorted(lines)


@contextmanager
def recorded(path: Path, mode: RecordMode, key: str | None = None) -> Iterator[None]:
    """Every model request in the block is replayed from the cassette at `path`, or
    recorded into it, as `mode` says; a written cassette is checked for secrets."""
    import vcr  # type: ignore[import-untyped]  # loaded only when a cassette is used

    if mode is RecordMode.NONE and not path.is_file():
        raise InputError(f"{path}: no such cassette; record it first with --record-mode once")
    if path.exists() and not path.is_file():
        raise InputError(f"{path}: not a cassette file")
    if mode is RecordMode.REWRITE:
        path.unlink(missing_ok=True)
    config = vcr_config()
    recorder = vcr.VCR(
        record_mode="new_episodes" if mode is RecordMode.REWRITE else mode.value,
        **{k: v for k, v in config.items() if k != "matchers"},
    )
    for name, matcher in config["matchers"].items():
        recorder.register_matcher(name, matcher)
    before = path.stat().st_mtime_ns if path.is_file() else None
    with recorder.use_cassette(str(path)):
        yield
    written = path.is_file() and path.stat().st_mtime_ns != before
    if written and (lines := secrets_in(path, key)):
        where = ", ".join(map(str, lines[:5]))
        raise InputError(
            f"{path}: line {where} holds what looks like a key or a secret header; "
            "remove it before the cassette is shared"
        )


class Recorded(NamedTuple):
    """What a cassette's first request asked: a replay asks the same by default."""

    model: str | None
    base_url: str | None


def recorded_request(path: Path) -> Recorded:
    """The model and the endpoint (the URL before `/chat/`) of the cassette's first
    request; neither when the file is not a cassette of chat requests."""
    import yaml

    try:
        request = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"][0]["request"]
        body = json.loads(request["body"])
        uri = str(request["uri"])
    except (OSError, ValueError, yaml.YAMLError, KeyError, IndexError, TypeError):
        return Recorded(None, None)
    model = body.get("model") if isinstance(body, dict) else None
    base_url = uri[: uri.find("/chat/")] if "/chat/" in uri else None
    return Recorded(model if isinstance(model, str) else None, base_url)
