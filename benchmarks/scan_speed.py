"""Scanner throughput against quantulum3, verification latency, and how the cost of
scanning, the rules engine, verification and the whole of summarize() grows with the
length of one text, with targets.

Run: python benchmarks/scan_speed.py [--corpus DIR] [--megabytes 5] [--repeat 3]
                                     [--verify-runs 200] [--sizes 10,100,1000,2000]

The peer, quantulum3, is a benchmark-only extra: pip install -e '.[bench]'. Its parse
time grows faster than linearly with the length of one call's text, so both tools are
compared one article a call, the way each is used; the 5 MB run measures the scanner's
throughput alone. The scaling table times one text of each --sizes KB, made of the
dev corpus's and the fixtures' articles in a fixed shuffled order, cut at a paragraph;
texts over 100 KB repeat the 100 KB text, so every size has the same mix; texts up to
1 MB are timed best of 3, longer ones once.
MB and KB are decimal (10**6 and 10**3 bytes of UTF-8). The script always exits 0;
it prints "MISSED" against any target that was not met.
"""

from __future__ import annotations

import argparse
import gc
import logging
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from summarizer.engines.rules import extract
from summarizer.evidence import scan
from summarizer.pipeline import choose_engine, summarize
from summarizer.records import ArticleSummary
from summarizer.settings import EngineChoice, Settings
from summarizer.verify import verify

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = REPO / "seeds"
FIXTURE = REPO / "tests" / "fixtures" / "odesa_records.json"
FIXTURE_SOURCE = SEEDS / "odesa-kharkiv-2025-06-20.txt"
ARTICLE_SETS = REPO / "tests" / "fixtures"

MB = 1_000_000
KB = 1_000
TARGET_SCANNER_MBPS = 2.0
TARGET_RATIO = 50.0
TARGET_VERIFY_MEDIAN_MS = 10.0
VERIFY_WARMUP = 5
DEFAULT_SIZES_KB = (10, 100, 1000, 2000)
TARGET_SCALING_RATIO = 12.0  # summarize of 1 MB over 100 KB: linear would be 10
TARGET_2MB_SECONDS = 10.0
SCALING_BASE_KB = 100  # longer texts repeat this one: the same mix of articles at each size
SCALING_BEST_OF = 3  # for texts up to 1 MB, so the 1 MB / 100 KB ratio compares like with like
# Only these: a headline may well start "Analysis: " or "LIVE: ".
_HEADER_LINE = re.compile(r"(?:Source|Licen[cs]e|URL):\s")
INSTALL_HINT = "pip install -e '.[bench]'"

Parse = Callable[[str], Sequence[object]]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Time summarizer.evidence.scan against quantulum3 and time verify().",
    )
    ap.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"directory of *.txt articles to build the text from (default: {DEFAULT_CORPUS})",
    )
    ap.add_argument(
        "--megabytes",
        type=float,
        default=5.0,
        help="repeat the corpus until the text is at least this many MB of UTF-8 (default: 5)",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed scanner runs; the best one counts (default: 3)",
    )
    ap.add_argument(
        "--peer-repeat",
        type=int,
        default=1,
        help="timed quantulum3 runs over the articles; the best one counts (default: 1)",
    )
    ap.add_argument(
        "--verify-runs",
        type=int,
        default=200,
        help=f"timed verify() calls after {VERIFY_WARMUP} warm-up calls (default: 200)",
    )
    ap.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES_KB,
        help="text sizes in KB for the scaling table, comma-separated; empty for none"
        " (default: 10,100,1000,2000)",
    )
    args = ap.parse_args(argv)
    for name in ("megabytes", "repeat", "peer_repeat", "verify_runs"):
        if getattr(args, name) <= 0:
            ap.error(f"--{name.replace('_', '-')} must be positive")
    return args


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of KB sizes: {value!r}") from None
    if any(size <= 0 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def build_text(corpus: Path, megabytes: float) -> tuple[str, str, list[str]]:
    """The benchmark text, a line saying where it came from, and the articles in it."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if corpus.is_dir():
        articles = sorted(corpus.glob("*.txt"))
        origin = f"{len(articles)} files in {corpus} + {len(seeds)} seed(s)"
    else:
        articles = []
        origin = f"corpus dir {corpus} not found; using {len(seeds)} seed(s) only"
    texts = [p.read_text(encoding="utf-8").strip() for p in [*articles, *seeds]]
    base = "\n\n".join(t for t in texts if t)
    if not base:
        raise SystemExit(f"no text found in {corpus} or {SEEDS}")
    base_bytes = len(base.encode("utf-8"))
    copies = max(1, math.ceil(megabytes * MB / base_bytes))
    text = "\n\n".join([base] * copies)
    while len(text.encode("utf-8")) < megabytes * MB:  # the joins make this rare
        text += "\n\n" + base
        copies += 1
    return text, f"{origin}, {base_bytes / KB:.1f} KB x {copies}", [t for t in texts if t]


def best_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    """The fastest of `runs` timed calls, and the result of the last one."""
    best = math.inf
    result: object = None
    for _ in range(runs):
        # Each run starts from a clean heap, as each article of a real run does: the
        # last run's result, kept alive, would make the collector's passes longer.
        result = None
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def load_peer() -> tuple[Parse | None, str]:
    """quantulum3's parser.parse with its warnings and chatter silenced, or why it is missing."""
    logging.getLogger("quantulum3").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # type: ignore[import-untyped]
    except ImportError as exc:
        return None, f"{exc}"

    def parse(text: str) -> Sequence[object]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities: Sequence[object] = parser.parse(text)
        return quantities

    parse("A warm-up of 3 people and 12 km.")  # first-use loading stays out of the timing
    return parse, ""


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def rate(mbps: float) -> str:
    return f"{mbps:.2f}" if mbps >= 1 else f"{mbps:.3g}"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    missed: list[str] = []

    def out(line: str) -> None:
        print(line, flush=True)

    out(
        f"python       {platform.python_implementation()} {platform.python_version()}"
        f"   cpu_count {os.cpu_count()}"
    )
    text, origin, articles = build_text(args.corpus, args.megabytes)
    size_mb = len(text.encode("utf-8")) / MB
    out(f"text         {origin}")

    seconds, mentions = best_time(lambda: scan(text), args.repeat)
    scan_mbps = size_mb / seconds
    ok = scan_mbps >= TARGET_SCANNER_MBPS
    if not ok:
        missed.append("scanner")
    count = len(mentions) if isinstance(mentions, list) else 0
    out(
        f"scanner      {size_mb:.2f} MB   {rate(scan_mbps)} MB/s   {count} mentions"
        f"   best of {args.repeat}   target >= {TARGET_SCANNER_MBPS:g} MB/s: {verdict(ok)}"
    )

    peer, why = load_peer()
    if peer is None:
        out(f"quantulum3   not importable ({why}); install it with: {INSTALL_HINT}")
        out(f"ratio        skipped   target >= {TARGET_RATIO:g}x: not checked")
    else:
        articles_mb = sum(len(a.encode("utf-8")) for a in articles) / MB
        # A small input: many runs, so that one scheduler hiccup does not set the figure.
        own_seconds, _ = best_time(lambda: [scan(a) for a in articles], 20 * args.repeat)
        peer_seconds, results = best_time(lambda: [peer(a) for a in articles], args.peer_repeat)
        own_mbps, peer_mbps = articles_mb / own_seconds, articles_mb / peer_seconds
        found = sum(len(r) for r in results) if isinstance(results, list) else 0
        out(
            f"per article  {len(articles)} articles, {articles_mb * MB / KB:.1f} KB, one call each:"
            f"   scanner {rate(own_mbps)} MB/s"
        )
        out(
            f"quantulum3   {rate(peer_mbps)} MB/s   {found} quantities   {peer_seconds:.1f} s,"
            f" best of {args.peer_repeat}"
        )
        ratio = own_mbps / peer_mbps
        ok = ratio >= TARGET_RATIO
        if not ok:
            missed.append("ratio")
        out(
            f"ratio        {ratio:.0f}x   scanner MB/s / quantulum3 MB/s"
            f"   target >= {TARGET_RATIO:g}x: {verdict(ok)}"
        )

    summary = ArticleSummary.model_validate_json(FIXTURE.read_text(encoding="utf-8"))
    source = FIXTURE_SOURCE.read_text(encoding="utf-8")
    for _ in range(VERIFY_WARMUP):
        verify(summary, source)
    times_ms: list[float] = []
    for _ in range(args.verify_runs):
        start = time.perf_counter()
        verify(summary, source)
        times_ms.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times_ms)
    p95 = (
        statistics.quantiles(times_ms, n=100, method="inclusive")[94]
        if len(times_ms) > 1
        else times_ms[0]
    )
    ok = median < TARGET_VERIFY_MEDIAN_MS
    if not ok:
        missed.append("verify")
    out(
        f"verify       median {median:.2f} ms   p95 {p95:.2f} ms   {args.verify_runs} calls"
        f"   target median < {TARGET_VERIFY_MEDIAN_MS:g} ms: {verdict(ok)}"
    )

    if args.sizes:
        missed += scaling(args.corpus, args.sizes, out)
    out(f"result       MISSED: {', '.join(missed)}" if missed else "result       all targets met")
    return 0


def _article_body(text: str) -> str:
    """An article without its leading "Source: ..." / "License: ..." lines, which in the
    middle of a long text would read as neither header nor news."""
    lines = text.strip().splitlines()
    while lines and (_HEADER_LINE.match(lines[0]) or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).strip()


def scaling_articles(corpus: Path) -> list[str]:
    """Real article text: the dev corpus, then every fixture article set, then the seed."""
    paths = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    for directory in sorted(ARTICLE_SETS.glob("articles*")):
        paths += sorted(directory.glob("*.txt"))
    paths += sorted(SEEDS.glob("*.txt"))
    bodies = [body for p in paths if (body := _article_body(p.read_text(encoding="utf-8")))]
    # Mixed, so that a text of the first 100 KB holds articles of every set, not just
    # the first sets (which differ in how many numbers they hold a kilobyte).
    random.Random(0).shuffle(bodies)
    return bodies


def text_of_size(articles: Sequence[str], size: int) -> str:
    """Articles one after another, separated by blank lines, cut at the last paragraph
    that fits in `size` bytes of UTF-8 (documents of the default 2 MB limit must fit).
    Texts longer than SCALING_BASE_KB are that text repeated, so that every size has the
    same mix of articles and the ratios measure length alone."""
    base = _joined(articles, min(size, SCALING_BASE_KB * KB))
    if size <= SCALING_BASE_KB * KB:
        return base
    return _joined([base], size)


def _joined(parts_in: Sequence[str], size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        for part in parts_in:
            parts.append(part)
            length += len(part.encode("utf-8")) + 2
            if length >= size:
                break
    data = "\n\n".join(parts).encode("utf-8")[:size]
    text = data.decode("utf-8", errors="ignore")
    cut = text.rfind("\n")
    return text[:cut].rstrip() if cut > 0 else text


def time_steps(text: str, label: str, runs: int, out: Callable[[str], None]) -> dict[str, float]:
    """Seconds for each step on one text; a progress line after each, since on a long
    text one step may take minutes."""
    engine = choose_engine(Settings(engine=EngineChoice.RULES))[0]
    seconds: dict[str, float] = {}

    def step(name: str, fn: Callable[[], object]) -> object:
        seconds[name], result = best_time(fn, runs)
        out(f"scaling        {label} {name}: {seconds[name]:.2f} s")
        return result

    step("scan", lambda: scan(text))
    summary = step("rules engine", lambda: extract(text))
    assert isinstance(summary, ArticleSummary)
    step("verify", lambda: verify(summary, text))
    step("summarize", lambda: summarize(text, engine=engine))
    return seconds


def scaling(corpus: Path, sizes_kb: Sequence[int], out: Callable[[str], None]) -> list[str]:
    """The scaling table; returns the targets it missed."""
    articles = scaling_articles(corpus)
    if not articles:
        out("scaling      no articles found; skipped")
        return []
    sizes = ", ".join(f"{size} KB" for size in sizes_kb)
    out(f"scaling      texts of {sizes}, from {len(articles)} articles")
    rows: list[tuple[int, float, dict[str, float]]] = []
    for size_kb in sizes_kb:
        text = text_of_size(articles, size_kb * KB)
        runs = SCALING_BEST_OF if size_kb <= 1000 else 1
        seconds = time_steps(text, f"{size_kb} KB", runs, out)
        out(f"scaling      {size_kb} KB done")
        rows.append((size_kb, len(text.encode("utf-8")) / MB, seconds))
    _scaling_table(rows, out)
    unbroken(out)
    return _scaling_targets({size: s["summarize"] for size, _, s in rows}, out)


def unbroken(out: Callable[[str], None]) -> None:
    """Text with no sentence end and a number every few words, where anything that pairs
    each number with each word of its sentence would blow up."""
    clause = "3 people were killed in the town in 2019 and 12 were wounded, "
    seconds = {}
    for size in (10, 100):
        text = (clause * (size * KB // len(clause) + 1))[: size * KB]
        seconds[size] = time_steps(text, f"unbroken {size} KB", 1, out)
    for step in ("scan", "summarize"):
        small, large = seconds[10][step], seconds[100][step]
        out(
            f"unbroken     one 'sentence', {step}: 10 KB {small:.3f} s, 100 KB {large:.3f} s:"
            f" {large / small:.1f}x for 10x the text"
        )


def _scaling_table(
    rows: list[tuple[int, float, dict[str, float]]], out: Callable[[str], None]
) -> None:
    steps = ["scan", "rules engine", "verify", "summarize"]
    out("")
    out(f"{'size':>8}  {'MB':>6}  " + "  ".join(f"{step:>23}" for step in steps))
    for size_kb, mb, seconds in rows:
        cells = [f"{seconds[step]:8.3f} s {rate(mb / seconds[step]):>7} MB/s" for step in steps]
        out(f"{size_kb:>5} KB  {mb:6.3f}  " + "  ".join(f"{c:>23}" for c in cells))
    out("")


def _scaling_targets(summarize_s: dict[int, float], out: Callable[[str], None]) -> list[str]:
    missed = []
    if 100 in summarize_s and 1000 in summarize_s:
        ratio = summarize_s[1000] / summarize_s[100]
        ok = ratio <= TARGET_SCALING_RATIO
        missed += [] if ok else ["scaling ratio"]
        out(
            f"scaling      rules engine summarize 1 MB / 100 KB: {ratio:.1f}x"
            f"   target <= {TARGET_SCALING_RATIO:g}x: {verdict(ok)}"
        )
    else:
        out(
            f"scaling      1 MB / 100 KB not run   target <= {TARGET_SCALING_RATIO:g}x: not checked"
        )
    if 2000 in summarize_s:
        ok = summarize_s[2000] < TARGET_2MB_SECONDS
        missed += [] if ok else ["2 MB summarize"]
        out(
            f"scaling      2 MB summarize: {summarize_s[2000]:.2f} s"
            f"   target < {TARGET_2MB_SECONDS:g} s: {verdict(ok)}"
        )
    else:
        out(f"scaling      2 MB not run   target < {TARGET_2MB_SECONDS:g} s: not checked")
    return missed


if __name__ == "__main__":
    sys.exit(main())
