"""Size of what the LLM engine sends for one article, in each mode: the system prompt,
the user message, the schema (as tool parameters, response format, or appended to the
messages by instructor) and the whole request body, in characters and tokens.

The requests are the engine's real ones, caught by an in-process HTTP transport that
answers nothing (no server, no network). Tokens are counted with OpenAI's o200k_base
encoding when the `bpe-openai` package (the `bench` extra; it ships the encodings, so it
works offline) is installed; otherwise they are estimated at four characters a token,
and the output says so.

Run: python benchmarks/prompt_size.py [ARTICLE] [--json PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2 as httpx
import openai

from summarizer.engines.llm import LLMEngine
from summarizer.errors import ProviderError
from summarizer.settings import LLMMode, Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "odesa-kharkiv-2025-06-20.txt"


def token_counter() -> tuple[Callable[[str], int], str]:
    """A token count and the name of how it is counted."""
    try:
        import bpe_openai  # type: ignore[import-untyped]
    except ImportError:
        return (lambda text: round(len(text) / 4)), "estimate: 4 characters a token"
    encoding = bpe_openai.get_encoding("o200k_base")

    def count(text: str) -> int:
        return len(encoding.encode(text))

    return count, "o200k_base (bpe-openai)"


def request_body(mode: LLMMode, article: str) -> dict[str, Any]:
    """The body of the first request the engine sends for the article in this mode."""
    caught: list[dict[str, Any]] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        caught.append(json.loads(request.content))
        return httpx.Response(400, json={"error": {"message": "caught, not answered"}})

    client = openai.AsyncOpenAI(
        api_key="sk-benchmark-not-a-key",
        base_url="http://127.0.0.1:9/v1",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(refuse)),
    )
    engine = LLMEngine(Settings(model="gpt-4o", mode=mode, max_attempts=1), client=client)
    with contextlib.suppress(ProviderError):
        engine.extract(article)
    return caught[0]


def sizes(body: dict[str, Any], tokens: Callable[[str], int]) -> dict[str, dict[str, int]]:
    system, user = (m["content"] for m in body["messages"][:2])
    parts = {"system prompt": system, "user message": user}
    schema = _schema_sent(body)
    if schema is not None:
        parts["schema (request field)"] = json.dumps(schema)
    parts["whole request body"] = json.dumps(body)
    return {name: {"chars": len(text), "tokens": tokens(text)} for name, text in parts.items()}


def _schema_sent(body: dict[str, Any]) -> object | None:
    sent: object | None
    if "tools" in body:
        sent = body["tools"][0]["function"]["parameters"]
    else:
        sent = (body.get("response_format") or {}).get("json_schema")
    return sent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("article", nargs="?", type=Path, default=SAMPLE)
    ap.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON")
    args = ap.parse_args(argv)
    logging.getLogger("instructor").setLevel(logging.CRITICAL)  # each caught request logs
    tokens, how = token_counter()
    article = args.article.read_text(encoding="utf-8")
    print(f"article: {args.article.name}, {len(article):,} characters; tokens: {how}")
    figures: dict[str, Any] = {"tokens": how}
    for mode in LLMMode:
        figures[mode.value] = table = sizes(request_body(mode, article), tokens)
        print(f"\nmode {mode.value}")
        for name, size in table.items():
            print(f"  {name:<24}{size['chars']:>9,} chars{size['tokens']:>9,} tokens")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
