"""The batch path at scale: small articles through `batch prepare`, a submit to the
scripted Batch API (tests/scripted_batch_server.py, in this process's threads), and
`batch collect` with verification, each step as the CLI in a process of its own, timed
and with its own peak resident memory read inside it.

Run: python benchmarks/batch_api.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.scripted_batch_server import BatchServer  # noqa: E402
from tests.scripted_server import Answer  # noqa: E402

SAMPLE = ROOT / "seeds" / "odesa-kharkiv-2025-06-20.txt"
REFERENCE = json.loads((ROOT / "tests" / "fixtures" / "odesa_records.json").read_text())
MODEL = "scripted-model"
KEY = "sk-benchmark-not-a-key-000000"
# The CLI, with its peak resident memory (KiB) as stderr's last line: the kernel's high
# water mark of this program (VmHWM), not getrusage's ru_maxrss, which on Linux keeps
# the resident size of the parent that forked it, here the server holding every file.
_MEASURED = (
    "import re, sys\n"
    "from summarizer.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "status = open('/proc/self/status').read()\n"
    "print(re.search(r'VmHWM:\\s*(\\d+)', status).group(1), file=sys.stderr)\n"
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    n = ap.parse_args(argv).articles
    print(f"python {sys.version.split()[0]}, {n:,} articles")
    with tempfile.TemporaryDirectory() as tmp, BatchServer(Answer(_lead_answer())) as server:
        corpus = _corpus(Path(tmp) / "in.jsonl", n)
        job = Path(tmp) / "job.json"
        common = ("--base-url", server.url)
        seconds, peak, _ = _step("prepare", str(corpus), "--job", str(job), "--model", MODEL,
                                 "--no-cache", *common)  # fmt: skip
        size = sum(p.stat().st_size for p in Path(tmp).glob("job.requests-*.jsonl"))
        _report("prepare", n, seconds, peak, 2000)
        print(f"request files  {size / n / 1024:.1f} KiB an article, {size / 2**20:.0f} MiB")
        _step("submit", "--job", str(job), *common)
        while "completed" not in _step("status", str(job), *common)[2]:
            pass
        out = Path(tmp) / "out.jsonl"
        seconds, peak, _ = _step("collect", str(job), "-o", str(out), "--no-cache", *common)
        lines = sum(1 for _ in out.open())
        if lines != n:
            raise SystemExit(f"expected {n} lines, got {lines}")
        _report("collect", n, seconds, peak, 500)
        print(f"collect   {_numbers(out)}")
    return 0


def _lead_answer() -> dict[str, object]:
    """The reference records of the lead paragraph: its two events, and a summary of it."""
    return {**REFERENCE, "headline": "Russian drones strike Odesa and Kharkiv",
            "summary": REFERENCE["summary"].split(". ")[0] + ".",
            "events": REFERENCE["events"][:2]}  # fmt: skip


def _corpus(path: Path, n: int) -> Path:
    """n small articles: the sample's first paragraph, each made its own by a number."""
    lead = SAMPLE.read_text().split("\n")[0]
    with path.open("w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"doc-{i}", "text": f"{lead}\n\n(item {i})"}) + "\n")
    return path


def _numbers(out: Path) -> str:
    """How many of the collected numbers the articles prove: the answer fits them."""
    statuses: dict[str, int] = {}
    for line in out.open():
        for finding in json.loads(line)["result"]["verification"]["findings"]:
            statuses[finding["status"]] = statuses.get(finding["status"], 0) + 1
    return "numbers: " + ", ".join(f"{count:,} {status}" for status, count in statuses.items())


def _step(command: str, *args: str) -> tuple[float, float, str]:
    """One `summarizer batch` command: its wall time, peak memory (MB) and stdout."""
    env = {**os.environ, "OPENAI_API_KEY": KEY}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, "batch", command, *args],
                          env=env, capture_output=True, text=True, check=False)  # fmt: skip
    seconds = time.perf_counter() - started
    tail = done.stderr.strip().splitlines()
    try:
        peak = int(tail[-1]) / 1024
    except (IndexError, ValueError):
        raise SystemExit(f"batch {command} failed: {done.stderr[-800:]}") from None
    return seconds, peak, done.stdout


def _report(step: str, n: int, seconds: float, peak: float, target: int) -> None:
    rate = n / seconds
    met = "met" if rate >= target else "MISSED"
    memory = "met" if peak < 300 else "MISSED"
    print(f"{step:<8}  {seconds:6.2f} s  {rate:8,.0f} articles/s   target >= {target:,}/s: {met}")
    print(f"{step:<8}  peak memory {peak:.0f} MB   target < 300 MB: {memory}")


if __name__ == "__main__":
    raise SystemExit(main())
