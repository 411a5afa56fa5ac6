"""Recorded model answers (vcrpy cassettes): record a model's answers once, then replay
them with no endpoint and no key, so that a CI run checks the same answers every time.

The project's own test cassettes use the same scrubbing, matching and secret check.
A replayed request must match a recorded one in its method, its path from
`/chat/completions` on and its whole JSON body (prompt, schema, model and every
setting); the host may differ, so a replay needs no endpoint.
"""

from __future__ import annotations

import email.policy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from email.parser import BytesParser
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from summarizer.errors import InputError

# Request and response headers that identify an account, a key or a session.
SECRET_HEADERS = (
    "authorization", "openai-organization", "openai-project", "cookie", "set-cookie",
    "x-request-id", "openai-request-id", "request-id", "api-key", "x-api-key",
)  # fmt: skip
# What a key, a bearer token or a kept secret header looks like in a cassette's YAML;
# narrow enough that the articles in request bodies do not trip it ("Bearer of news",
# "sk-" inside place names run together with hyphens).
SECRET = re.compile(
    r"\bsk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}"
    r"|Bearer\s+[A-Za-z0-9._~+/=-]{20,}"
    r"|(?im:^\s*(?:authorization|cookie|set-cookie|openai-organization|openai-project"
    r"|x-request-id|api-key)\s*:\s*$)"
)
# A key this short ("EMPTY", "x") is a local server's placeholder, no secret, and would
# be found all over the articles and the records.
SHORTEST_KEY = 8
RERECORD_HINT = "re-record it with --record-mode rewrite (or new_episodes to add to it)"


class RecordMode(StrEnum):
    """pytest-recording's modes: `once` records a cassette that does not exist yet and
    replays one that does; `none` only replays; `new_episodes` replays what it holds and
    records the rest; `rewrite` records it anew."""

    ONCE = "once"
    NONE = "none"
    NEW_EPISODES = "new_episodes"
    REWRITE = "rewrite"


def vcr_config(rerecord: str = RERECORD_HINT, key: str | None = None) -> dict[str, Any]:
    """The settings of every cassette; `rerecord` says how to re-record on a mismatch,
    and `key`, the key in use, is blanked wherever a response repeats it."""

    def scrubbed(response: dict[str, Any]) -> dict[str, Any]:
        return scrub_response(response, key)

    def same_body(recorded: Any, replayed: Any) -> None:
        if _parsed(recorded) != _parsed(replayed):
            raise AssertionError(
                "the request body differs from the recorded one (a prompt template, the "
                f"schema, the model or a request setting changed); {rerecord}"
            )

    return {
        "filter_headers": list(SECRET_HEADERS),
        "filter_query_parameters": ["api-key", "api_key", "key"],
        "before_record_response": scrubbed,
        "match_on": ["method", "endpoint", "prompt_body"],
        "decode_compressed_response": True,
        "matchers": {"endpoint": same_endpoint, "prompt_body": same_body},
    }


def scrub_response(response: dict[str, Any], key: str | None = None) -> dict[str, Any]:
    """The response without its secret and rate-limit headers, and without `key` in its
    body: a provider that echoes the key must not put it into a shared file."""
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS or name.lower().startswith("x-ratelimit"):
            del headers[name]
    body = response.get("body", {})
    text = body.get("string")
    if key and len(key) >= SHORTEST_KEY and isinstance(text, bytes | str):
        secret = key.encode() if isinstance(text, bytes) else key
        blank = b"[key removed]" if isinstance(text, bytes) else "[key removed]"
        body["string"] = text.replace(secret, blank)  # type: ignore[arg-type]
    return response


def same_endpoint(recorded: Any, replayed: Any) -> None:
    """Paths agree from `/chat/` on: a `/openai/v1` prefix or another host is no change."""

    def tail(request: Any) -> str:
        path = str(request.path)
        return path[path.find("/chat/") :] if "/chat/" in path else path

    assert tail(recorded) == tail(replayed), f"{tail(recorded)} != {tail(replayed)}"


def _parsed(request: Any) -> object:
    body = request.body or b""
    kind = _content_type(request)
    if kind.startswith("multipart/form-data"):
        return _form(kind, body)
    try:
        return json.loads(body)
    except ValueError:
        return body


def _content_type(request: Any) -> str:
    headers = getattr(request, "headers", None) or {}
    return next((str(v) for k, v in headers.items() if k.lower() == "content-type"), "")


def _form(kind: str, body: bytes | str) -> object:
    """A multipart upload by its fields (name, file name, content): its boundary is
    drawn anew for every request, and says nothing."""
    raw = body.encode() if isinstance(body, str) else body
    message = BytesParser(policy=email.policy.HTTP).parsebytes(
        f"content-type: {kind}\r\n\r\n".encode() + raw
    )
    if not message.is_multipart():
        return raw
    return sorted(
        (part.get_param("name", header="content-disposition") or "", part.get_filename() or "",
         part.get_payload(decode=True) or b"")
        for part in message.iter_parts()
    )  # fmt: skip


def secrets_in(path: Path, also: str | None = None) -> list[int]:
    """The lines of a cassette that hold something like a key (or `also`, the key in
    use), so that it is not committed."""
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = {text.count("\n", 0, m.start()) + 1 for m in SECRET.finditer(text)}
    if also and len(also) >= SHORTEST_KEY:
        start = text.find(also)
        while start >= 0:
            lines.add(text.count("\n", 0, start) + 1)
            start = text.find(also, start + 1)
    return sorted(lines)


def read_cassette(path: Path) -> list[Any] | None:
    """The cassette's recorded interactions; None when there is none yet (no file, or
    an empty one). A file that is not a cassette is an InputError, never overwritten."""
    import yaml

    if not path.exists():
        return None
    if not path.is_file():
        raise InputError(f"{path}: not a cassette file")
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) if text.strip() else None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a cassette (not UTF-8 text)") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or type(e).__name__})") from None
    except yaml.YAMLError as e:
        problem = str(e).splitlines()[0]
        raise InputError(f"{path}: not a cassette (not valid YAML: {problem})") from None
    if data is None:
        return None
    interactions = data.get("interactions") if isinstance(data, dict) else None
    if not isinstance(interactions, list):
        raise InputError(f"{path}: not a cassette (no list of interactions in it)")
    return interactions


@contextmanager
def recorded(path: Path, mode: RecordMode, key: str | None = None) -> Iterator[None]:
    """Every model request in the block is replayed from the cassette at `path`, or
    recorded into it, as `mode` says. Whatever was recorded, even by a run that failed,
    is checked for secrets."""
    import vcr  # type: ignore[import-untyped]  # loaded only when a cassette is used

    held = read_cassette(path)  # a file that is no cassette is refused, even to rewrite
    if mode is RecordMode.NONE and not held:
        why = "holds no recorded requests" if path.exists() else "no such cassette"
        raise InputError(f"{path}: {why}; record it first with --record-mode once")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such directory for the cassette")
    if mode is RecordMode.REWRITE:
        path.unlink(missing_ok=True)
    config = vcr_config(key=key)
    recorder = vcr.VCR(
        record_mode="new_episodes" if mode is RecordMode.REWRITE else mode.value,
        **{k: v for k, v in config.items() if k != "matchers"},
    )
    for name, matcher in config["matchers"].items():
        recorder.register_matcher(name, matcher)
    failed: BaseException | None = None
    try:
        with recorder.use_cassette(str(path)):
            yield
    except BaseException as error:
        failed = error
        raise
    finally:
        if mode is not RecordMode.NONE and path.is_file() and (lines := secrets_in(path, key)):
            where = ", ".join(map(str, lines[:5]))
            also = f" (the run failed too: {str(failed).splitlines()[0]})" if failed else ""
            raise InputError(
                f"{path}: line {where} holds what looks like a key or a secret header; "
                f"remove it before the cassette is shared{also}"
            ) from failed


class Recorded(NamedTuple):
    """What a cassette's first request asked: a replay asks the same by default."""

    model: str | None
    base_url: str | None


def recorded_request(path: Path) -> Recorded:
    """The model and the endpoint (the URL before `/chat/`) of the cassette's first
    request; neither when it has none, or it is not of chat requests."""
    interactions = read_cassette(path)
    try:
        request = interactions[0]["request"]  # type: ignore[index]
        body = json.loads(request["body"])
        uri = str(request["uri"])
    except (ValueError, KeyError, IndexError, TypeError):
        return Recorded(None, None)
    model = body.get("model") if isinstance(body, dict) else None
    base_url = uri[: uri.find("/chat/")] if "/chat/" in uri else None
    return Recorded(model if isinstance(model, str) else None, base_url)
