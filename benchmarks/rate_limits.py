"""A 429 storm at full scale: many articles against a server that answers every other
request (by default) with HTTP 429 and a Retry-After, with the retry policy as a user
gets it (five attempts, a 120 s time budget). Prints the articles that succeeded, the
requests sent and rate limited, the seconds the run stood still for rate limits, and
the wall time.

The server is the project's scripted one (tests/scripted_server.py), run in its own
process as benchmarks/throughput.py runs it, so that it does not share the client's
interpreter lock.

Run: python benchmarks/rate_limits.py [--articles 100] [--concurrency 16] [--every 2]
                                      [--retry-after 1] [--header Retry-After]
                                      [--latency 0.3]
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import KEY, MODEL, REFERENCE, ROOT, _corpus  # the same corpus and answers

from summarizer.batch import summarize_all
from summarizer.engines.llm import LLMEngine
from summarizer.engines.retry import RateGate
from summarizer.inputs import items
from summarizer.settings import Settings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--every", type=int, default=2, help="one request in this many is a 429")
    ap.add_argument("--retry-after", type=float, default=1.0, help="seconds the 429 asks")
    ap.add_argument("--header", default="Retry-After",
                    choices=["Retry-After", "retry-after-ms", "none"])  # fmt: skip
    ap.add_argument("--latency", type=float, default=0.3, help="seconds per good answer")
    args = ap.parse_args(argv)

    # instructor logs each failed call; the lines below report the failures once.
    logging.getLogger("instructor").addHandler(logging.NullHandler())
    headers = _headers(args.header, args.retry_after)
    print(f"python {sys.version.split()[0]}, {args.articles} articles, concurrency "
          f"{args.concurrency}, 1 request in {args.every} answered 429 "
          f"{json.dumps(headers)}, {args.latency * 1000:.0f} ms per good answer")  # fmt: skip
    gate = RateGate()
    with tempfile.TemporaryDirectory() as tmp, _server(args, headers) as server:
        corpus = _corpus(Path(tmp) / "corpus.jsonl", args.articles)
        settings = Settings(base_url=server.url, model=MODEL, api_key=KEY, reask=0)
        engine = LLMEngine(settings, gate=gate)
        started = time.perf_counter()
        lines = list(summarize_all(items([str(corpus)], 10**6), engine,
                                   concurrency=args.concurrency))  # fmt: skip
        wall = time.perf_counter() - started
    failed = [line for line in lines if line.error is not None]
    stats = gate.stats()
    print(f"articles succeeded:        {len(lines) - len(failed)} / {len(lines)}")
    print(f"requests sent:             {stats.requests} (the server counted {server.requests})")
    print(f"rate limited (429):        {stats.rate_limited} (the server sent {server.stormed})")
    print(f"seconds waited for limits: {stats.waited_seconds:.1f}")
    print(f"wall time:                 {wall:.1f} s")
    for line in failed[:5]:
        assert line.error is not None
        print(f"  {line.id}: {line.error.message}")
    return 1 if failed else 0


def _headers(header: str, seconds: float) -> dict[str, str]:
    if header == "none":
        return {}
    if header == "retry-after-ms":
        return {header: f"{seconds * 1000:g}"}
    return {header: f"{seconds:g}"}


class _server:
    """The scripted server, storm and all, in a child process; it reports the requests
    it answered when the block ends."""

    def __init__(self, args: argparse.Namespace, headers: dict[str, str]) -> None:
        self.code = (
            "import json, sys\n"
            "from tests.scripted_server import Answer, ScriptedServer\n"
            f"records = json.load(open({str(REFERENCE)!r}))\n"
            f"storm = Answer(status=429, error='slow down', headers={headers!r})\n"
            f"with ScriptedServer([Answer(records, delay={args.latency})], storm=storm,\n"
            f"                    storm_every={args.every}) as s:\n"
            "    print(s.url, flush=True)\n"
            "    sys.stdin.read()\n"
            "    print(len(s.requests), s.stormed, flush=True)\n"
        )
        self.url = ""
        self.requests = self.stormed = 0

    def __enter__(self) -> _server:
        self.process = subprocess.Popen([sys.executable, "-c", self.code], cwd=ROOT, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self.process.communicate(timeout=30)  # closes stdin: the server stops
        counts = out.split()
        if len(counts) == 2:
            self.requests, self.stormed = int(counts[0]), int(counts[1])


if __name__ == "__main__":
    raise SystemExit(main())
