"""Throughput of many documents against an OpenAI-compatible server with a fixed latency:
(a) the peer baseline, a plain sequential loop of instructor calls, the way a user would
script it; (b) summarizer at --concurrency 16; (c) the same run again, from the cache,
repeated (five times by default) because at a tenth of a second one run is at the
mercy of the machine's other work: each run is printed, and the median is compared.
Then peak memory for 10,000 documents streamed from JSONL through the CLI.

The server is the project's scripted one (tests/scripted_server.py), run in its own
process so that it does not share the client's interpreter lock, answering every
request with the sample article's reference records after a fixed delay.

Run: python benchmarks/throughput.py [--documents 200] [--latency 0.3] [--cache-runs 5]
                                    [--memory-documents 10000] [--skip-peer]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import instructor
import openai

from summarizer.batch import summarize_all
from summarizer.cache import ResultCache
from summarizer.engines.llm import LLMEngine
from summarizer.inputs import items
from summarizer.prompts import Prompts
from summarizer.records import ArticleSummary
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "odesa-kharkiv-2025-06-20.txt"
REFERENCE = ROOT / "tests" / "fixtures" / "odesa_records.json"
MODEL = "scripted-model"
KEY = "sk-benchmark-not-a-key-000000"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=200)
    ap.add_argument("--latency", type=float, default=0.3, help="seconds per answer")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--cache-runs", type=int, default=5, help="times to run (c)")
    ap.add_argument("--memory-documents", type=int, default=10_000, help="0 skips it")
    ap.add_argument("--skip-peer", action="store_true", help="leave out (a), the slow one")
    args = ap.parse_args(argv)

    print(f"python {sys.version.split()[0]}, {args.documents} documents, "
          f"{args.latency * 1000:.0f} ms per answer")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp, _server(args.latency) as url:
        corpus = _corpus(Path(tmp) / "corpus.jsonl", args.documents)
        a = None if args.skip_peer else _peer_in_own_process(url, corpus)
        settings = Settings(base_url=url, model=MODEL, api_key=KEY, reask=0)
        cache = ResultCache(Path(tmp) / "cache")
        b = _summarizer(settings, corpus, args.concurrency, cache)
        runs = [_summarizer(settings, corpus, args.concurrency, cache)
                for _ in range(max(1, args.cache_runs))]  # fmt: skip
        cache.close()
    c = statistics.median(runs)
    n = args.documents
    for label, seconds in (("(a) instructor, sequential", a),
                           (f"(b) summarizer, concurrency {args.concurrency}", b),
                           ("(c) summarizer, again from the cache", c)):  # fmt: skip
        if seconds is not None:
            print(f"{label:40} {seconds:8.3f} s  {n / seconds:8.1f} docs/s")
    print(f"(c) runs: {', '.join(f'{r:.3f}' for r in runs)} s; median above")
    if a is not None:
        print(f"(b) vs (a): {a / b:6.1f}x   target >= 12x: {'met' if a / b >= 12 else 'MISSED'}")
    print(f"(c) vs (b): {b / c:6.1f}x   target >= 50x: {'met' if b / c >= 50 else 'MISSED'}")
    if args.memory_documents <= 0:
        return 0

    peak = _peak_memory_mb(args.memory_documents)
    print(f"peak memory, {args.memory_documents} documents from JSONL through the CLI "
          f"(rules engine): {peak:.0f} MB   target < 300 MB: "
          f"{'met' if peak < 300 else 'MISSED'}")  # fmt: skip
    return 0


class _server:
    """The scripted server in a child process; its URL while the block runs."""

    def __init__(self, latency: float) -> None:
        self.latency = latency

    def __enter__(self) -> str:
        code = (
            "import json, sys, time\n"
            "from tests.scripted_server import Answer, ScriptedServer\n"
            f"records = json.load(open({str(REFERENCE)!r}))\n"
            f"with ScriptedServer([Answer(records, delay={self.latency})]) as s:\n"
            "    print(s.url, flush=True)\n"
            "    sys.stdin.read()\n"
        )
        self.process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _corpus(path: Path, n: int) -> Path:
    text = SAMPLE.read_text()
    with path.open("w") as f:
        for i in range(n):  # each text its own, so no two share a cache entry
            f.write(json.dumps({"id": f"doc-{i}", "text": f"{text}\n\n(copy {i})"}) + "\n")
    return path


def _peer_in_own_process(url: str, corpus: Path) -> float:
    """(a) in a process of its own, as a user's script would be, so that its leftovers
    (clients, connections, a grown heap) do not weigh on the runs after it."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from benchmarks.throughput import _sequential_instructor\n"
        "print(_sequential_instructor(sys.argv[1], Path(sys.argv[2])))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, url, str(corpus)], cwd=ROOT,
                          check=True, capture_output=True, text=True)  # fmt: skip
    return float(done.stdout.strip().splitlines()[-1])


def _sequential_instructor(url: str, corpus: Path) -> float:
    """The peer: what a user writes with instructor alone, one article after another."""
    client = instructor.from_openai(openai.OpenAI(base_url=url, api_key=KEY, max_retries=0))
    system = Prompts.load().system
    started = time.perf_counter()
    for raw in corpus.open():
        article = json.loads(raw)["text"]
        client.chat.completions.create(
            model=MODEL,
            response_model=ArticleSummary,
            messages=[
                {"role": "system", "content": system},
                {"role": "user", "content": article},
            ],
        )
    return time.perf_counter() - started


def _summarizer(settings: Settings, corpus: Path, concurrency: int, cache: ResultCache) -> float:
    engine = LLMEngine(settings)
    gc.freeze()  # as the CLI does once its engine is built, for the run
    started = time.perf_counter()
    # Lines are used and let go as they come, as the CLI writes them; holding them all
    # would time the garbage collector as much as the pipeline.
    done = 0
    for line in summarize_all(items([str(corpus)], 10**6), engine, concurrency=concurrency,
                              cache=cache, settings=settings):  # fmt: skip
        if line.result is None:
            raise SystemExit(f"document {line.id} failed: {line.error}")
        done += 1
    elapsed = time.perf_counter() - started
    gc.unfreeze()
    assert done == sum(1 for _ in corpus.open())
    return elapsed


def _peak_memory_mb(n: int) -> float:
    """The CLI's own peak resident memory over n documents, read inside its process."""
    code = (
        "import resource, sys\n"
        "from summarizer.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _corpus(Path(tmp) / "big.jsonl", n)
        out = Path(tmp) / "out.jsonl"
        done = subprocess.run(
            [sys.executable, "-c", code, "summarize", str(corpus), "--engine", "rules",
             "--format", "jsonl", "-o", str(out)],
            check=False, capture_output=True, text=True,
        )  # fmt: skip
        lines = sum(1 for _ in out.open()) if out.exists() else 0
        if lines != n:
            raise SystemExit(f"expected {n} output lines, got {lines}: {done.stderr[-500:]}")
    return int(done.stderr.strip().splitlines()[-1]) / 1024  # ru_maxrss is KiB on Linux


if __name__ == "__main__":
    raise SystemExit(main())
