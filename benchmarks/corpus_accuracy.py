"""Strict accuracy of the number scanner and the rules engine against gold facts.

Scanner, per gold fact: is its number found inside its quote with the right value and
range top, counting the right thing, with the right hedge?

Rules engine, strict: every record `extract(text)` makes (casualties, affected people,
munitions launched / neutralized / hitting) is held against the gold tolls. A toll is
the gold facts of one article with the same subject, value, range top, hedge and
temporal status (an article restating "12 killed" has one toll, not two). A record
matches a toll only when all five agree; recall is tolls matched over tolls, precision
is tolls matched over records, so a toll recorded twice costs precision like a record
that matches nothing. Over the matched facts it also scores the event's date (at the
gold date's precision) and country. The loose figures of earlier versions (value and
subject only) are kept beside them. The matching rules are `summarizer.scoring`, the
scorer of `summarizer eval` too.

A set is held out when its directory holds a file named HELD_OUT, or is given with
--held-out; every other set has been used to tune the code, and its figures flatter.

Run: python benchmarks/corpus_accuracy.py [DIR ...] [--held-out DIR] [-v] [--json PATH]
(default: the shared dev corpus beside the checkout, tests/fixtures/articles* and
tests/fixtures/wikinews*)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer import scoring
from summarizer.engines.rules import extract
from summarizer.evidence import Kind, Mention, Subject, scan
from summarizer.evidence.mention import exact
from summarizer.evidence.subjects import same_subject
from summarizer.scoring import CountRecord, Match, exact_or_none, gold_qualifier

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
# The dev corpus is read-only: its facts' status, country and date live here instead.
OVERLAY = FIXTURES / "dev_corpus_events.json"
HELD_OUT_MARK = "HELD_OUT"


@dataclass
class Article:
    name: str
    text: str
    facts: list[dict[str, Any]]  # each with high, temporal_status, country, date set


@dataclass
class ArticleSet:
    path: Path
    name: str
    held_out: bool
    articles: list[Article] = field(default_factory=list)


def load_overlay(path: Path = OVERLAY) -> dict[str, list[dict[str, Any]]]:
    if not path.is_file():
        return {}
    data: dict[str, list[dict[str, Any]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_articles(directory: Path, overlay: dict[str, list[dict[str, Any]]]) -> list[Article]:
    articles = []
    for gold in sorted(directory.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        text = gold.with_name(f"{name}.txt").read_text(encoding="utf-8")
        facts = json.loads(gold.read_text(encoding="utf-8"))
        extra = overlay.get(name, [])
        if extra and len(extra) != len(facts):
            # Zipped by position, a list of another length would pair facts wrongly.
            print(
                f"warning: overlay for {name} has {len(extra)} entries for {len(facts)}"
                " gold facts; not used",
                file=sys.stderr,
            )
            extra = []
        extra = extra or [{} for _ in facts]
        full = [scoring.complete_fact(f, e) for f, e in zip(facts, extra, strict=True)]
        articles.append(Article(name, text, full))
    return articles


def set_name(path: Path) -> str:
    if path.resolve() == DEV_CORPUS.resolve():
        return "shared dev corpus"
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def default_dirs() -> tuple[list[Path], list[str]]:
    """The default sets, and a line for each that is missing."""
    dirs, notes = [], []
    if DEV_CORPUS.is_dir():
        dirs.append(DEV_CORPUS)
    else:
        notes.append("skipped: shared dev corpus (../shared/corpus beside the checkout) not found")
    dirs += sorted(d for d in FIXTURES.glob("articles*") if d.is_dir())
    dirs += sorted(d for d in FIXTURES.glob("wikinews*") if d.is_dir())
    return dirs, notes


def choose_sets(
    dirs: Sequence[Path], held_out: Sequence[Path]
) -> tuple[list[ArticleSet], list[str]]:
    """The sets to score, in order, each loaded and marked tuned or held out."""
    notes: list[str] = []
    if not dirs:
        dirs, notes = default_dirs()
    marked = {d.resolve() for d in held_out}
    chosen = list(dirs) + [d for d in held_out if d.resolve() not in {x.resolve() for x in dirs}]
    overlay = load_overlay()
    sets = []
    for d in chosen:
        articles = load_articles(d, overlay) if d.is_dir() else []
        if not articles:
            notes.append(f"skipped: no gold files in {set_name(d)}")
            continue
        is_held_out = d.resolve() in marked or (d / HELD_OUT_MARK).exists()
        sets.append(ArticleSet(d, set_name(d), is_held_out, articles))
    return sets, notes


def common_args(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("dirs", nargs="*", type=Path, help="article sets (default: all known)")
    ap.add_argument(
        "--held-out",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="score DIR as a held-out set (also: a HELD_OUT file in it)",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list each miss and extra")
    ap.add_argument("--json", type=Path, metavar="PATH", help="write the figures as JSON ('-')")
    return ap


def total(tallies: Iterable[Counter[str]]) -> Counter[str]:
    """The sum of tallies; unlike `+`, it keeps the counts that are zero."""
    out: Counter[str] = Counter()
    for t in tallies:
        out.update(t)
    return out


def pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def frac(part: int, whole: int) -> str:
    return f"{part}/{whole} {pct(part, whole)}" if whole else "-"


def print_tables(
    sets: Sequence[ArticleSet],
    tallies: Sequence[Counter[str]],
    columns: Sequence[tuple[str, Callable[[Counter[str]], str]]],
) -> None:
    """One table for the tuned sets and one for the held-out sets, each with a total."""
    for held_out, title in ((False, "tuned sets (used to fix the code)"), (True, "held-out sets")):
        rows = [(s.name, t) for s, t in zip(sets, tallies, strict=True) if s.held_out is held_out]
        print(f"\n{title}")
        if not rows:
            hint = " (mark a directory with a HELD_OUT file, or pass --held-out DIR)"
            print("  none" + (hint if held_out else ""))
            continue
        if len(rows) > 1:
            rows.append(("all", total(t for _, t in rows)))
        header = ["set", *(c for c, _ in columns)]
        cells = [[name, *(fn(t) for _, fn in columns)] for name, t in rows]
        widths = [max(len(r[i]) for r in [header, *cells]) for i in range(len(header))]
        for row in [header, *cells]:
            cols = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
            print("  ".join([row[0].ljust(widths[0]), *cols]))


def write_json(
    path: Path,
    sets: Sequence[ArticleSet],
    tallies: Sequence[Counter[str]],
    notes: list[str],
    rates: Callable[[Counter[str]], dict[str, float | None]],
) -> None:
    """The counts and rates of every set, and of all tuned and all held-out sets."""
    out: dict[str, Any] = {"notes": notes}
    for held_out, group in ((False, "tuned"), (True, "held_out")):
        rows = [(s.name, t) for s, t in zip(sets, tallies, strict=True) if s.held_out is held_out]
        if rows:
            rows.append(("all", total(t for _, t in rows)))
        out[group] = [{"set": name, **dict(sorted(t.items())), **rates(t)} for name, t in rows]
    text = json.dumps(out, indent=2)
    if str(path) == "-":
        print(text)
    else:
        path.write_text(text + "\n", encoding="utf-8")


def ratio(part: int, whole: int) -> float | None:
    rate = scoring.ratio(part, whole)
    return None if rate is None else round(rate, 4)


# --- the scanner ---------------------------------------------------------------------


_OTHER_SUBJECTS = frozenset({"in_need", "affected"})
_SUBJECT_NAMES = frozenset(s.value for s in Subject)


def _subject_ok(m: Mention, fact: dict[str, Any]) -> tuple[bool, str | None]:
    want = fact["subject"]
    got = (m.counts.value if m.counts else None) if m.kind is Kind.COUNT else m.kind.value
    # The gold lists have no subject for people in need of aid or "affected": theirs is other.
    uncounted = m.counts is None or m.counts.value in _OTHER_SUBJECTS or m.kind is not Kind.COUNT
    ok = got == want or (want == "other" and uncounted)
    # A coarser reading is no miss: 12 killed read as 12 casualties.
    ok = ok or (m.kind is Kind.COUNT and _coarser(m.counts, want))
    # A toll the article reports only to deny or doubt is left uncounted on purpose.
    ok = ok or (fact["temporal_status"] == "negated" and got is None)
    return ok, got


def _coarser(read: Subject | None, want: str) -> bool:
    """May the gold's count of `want` be given as a count of what the scanner read?"""
    return read is not None and want in _SUBJECT_NAMES and same_subject(Subject(want), read)


def score_scanner(art: Article, tally: Counter[str], verbose: bool) -> None:
    mentions = scan(art.text)
    for fact in art.facts:
        tally["facts"] += 1
        at = art.text.find(fact["quote"])
        inside = [m for m in mentions if at >= 0 and m.start < at + len(fact["quote"])]
        inside = [m for m in inside if m.end > at]
        want = (exact(fact["quantity"]), exact_or_none(fact["high"]))
        hits = [m for m in inside if (exact_or_none(m.value), exact_or_none(m.high)) == want]
        if not hits:
            if verbose:
                seen = ", ".join(f"{m.value}" + (f"-{m.high}" if m.high else "") for m in inside)
                print(
                    f"SCAN MISS   {art.name}: {fact['quantity']}"
                    + (f"-{fact['high']}" if fact["high"] is not None else "")
                    + f" in {fact['quote']!r} (read: {seen or 'nothing'})"
                )
            continue
        tally["found"] += 1
        m = hits[0]
        subject_ok, got = _subject_ok(m, fact)
        qualifier_ok = m.qualifier.value == gold_qualifier(fact)
        tally["subject"] += subject_ok
        tally["hedge"] += qualifier_ok
        if verbose and not (subject_ok and qualifier_ok):
            print(
                f"SCAN DIFF   {art.name}: {fact['quantity']} {fact['subject']}/"
                f"{gold_qualifier(fact)} -> {got}/{m.qualifier.value} in {fact['quote']!r}"
            )


# --- the rules engine ----------------------------------------------------------------


_WHY = {"unmatched": "no such toll", "restated": "a toll already recorded"}


def _score_places(name: str, m: Match, tally: Counter[str], verbose: bool) -> None:
    for label, checks in (("DATE", scoring.date_checks(m.pairs)),
                          ("COUNTRY", scoring.country_checks(m.pairs))):  # fmt: skip
        kind = label.lower()
        tally[f"{kind}_checked"] += len(checks)
        tally[f"{kind}_ok"] += sum(c.right for c in checks)
        if verbose:
            for c in checks:
                if not c.right:
                    print(
                        f"{label:<12}{name}: {c.expected.describe(with_status=True)}:"
                        f" {c.got}, gold {c.want}"
                    )


def _score_status(name: str, m: Match, tally: Counter[str], verbose: bool) -> None:
    """Over counts matched without their status: is the event's status the gold's?"""
    for p in m.pairs:
        want = p.expected[0].temporal_status
        tally["status_checked"] += 1
        tally["status_ok"] += p.found.temporal_status == want
        if verbose and p.found.temporal_status != want:
            got = p.found.temporal_status
            print(f"STATUS      {name}: {p.expected[0].describe()}: {got}, gold {want}")


def _score_loose(records: list[CountRecord], gold: list[CountRecord], tally: Counter[str]) -> None:
    """The old score: a gold fact is recorded by any record of its subject and value."""
    recorded = {(r.subject, r.value) for r in records}
    stated = {(g.subject, g.value) for g in gold}
    tally["loose_facts"] += len(gold)
    tally["loose_recorded"] += sum((g.subject, g.value) in recorded for g in gold)
    tally["loose_extras"] += sum((r.subject, r.value) not in stated for r in records)


def score_engine(art: Article, tally: Counter[str], verbose: bool) -> None:
    records = scoring.count_records(extract(art.text))
    gold = scoring.records_from_gold_facts(art.facts, art.text)
    m = scoring.match(records, gold, with_status=True)
    tally["tolls"] += m.expected
    tally["tolls_matched"] += m.matched
    tally["records"] += m.found
    tally["restated_extras"] += sum(e.why == "restated" for e in m.extras)
    _score_places(art.name, m, tally, verbose)
    _score_status(art.name, scoring.match(records, gold), tally, verbose)
    _score_loose(records, gold, tally)
    if not verbose:
        return
    for same in m.misses:
        near = [r.describe(with_status=True) for r in scoring.near(same[0], records)]
        print(
            f"MISS        {art.name}: {same[0].describe(with_status=True)} in {same[0].quote!r}"
            + (f" (recorded as {'; '.join(near)})" if near else "")
        )
    for e in m.extras:
        print(
            f"EXTRA       {art.name}: {e.record.describe(with_status=True)}, {_WHY[e.why]},"
            f" from {e.record.quote!r}"
        )


COLUMNS: list[tuple[str, Callable[[Counter[str]], str]]] = [
    ("articles", lambda t: str(t["articles"])),
    ("gold facts", lambda t: str(t["facts"])),
    ("found", lambda t: pct(t["found"], t["facts"])),
    ("counts right", lambda t: pct(t["subject"], t["facts"])),
    ("hedge", lambda t: pct(t["hedge"], t["facts"])),
    ("strict recall", lambda t: frac(t["tolls_matched"], t["tolls"])),
    ("strict precision", lambda t: frac(t["tolls_matched"], t["records"])),
    ("date", lambda t: frac(t["date_ok"], t["date_checked"])),
    ("country", lambda t: frac(t["country_ok"], t["country_checked"])),
    ("status", lambda t: frac(t["status_ok"], t["status_checked"])),
    ("restated", lambda t: str(t["restated_extras"])),
    ("loose recall", lambda t: frac(t["loose_recorded"], t["loose_facts"])),
    ("loose extras", lambda t: f"{t['loose_extras']} of {t['records']}"),
]


COUNTS = (
    "articles facts found subject hedge tolls tolls_matched records restated_extras"
    " date_checked date_ok country_checked country_ok status_checked status_ok"
    " loose_facts loose_recorded loose_extras"
).split()


def rates(t: Counter[str]) -> dict[str, float | None]:
    return {
        "found_rate": ratio(t["found"], t["facts"]),
        "subject_rate": ratio(t["subject"], t["facts"]),
        "hedge_rate": ratio(t["hedge"], t["facts"]),
        "strict_recall": ratio(t["tolls_matched"], t["tolls"]),
        "strict_precision": ratio(t["tolls_matched"], t["records"]),
        "date_accuracy": ratio(t["date_ok"], t["date_checked"]),
        "country_accuracy": ratio(t["country_ok"], t["country_checked"]),
        "status_accuracy": ratio(t["status_ok"], t["status_checked"]),
        "loose_recall": ratio(t["loose_recorded"], t["loose_facts"]),
    }


def score_set(articles: Iterable[Article], verbose: bool) -> Counter[str]:
    # Every count is present, zero or not, so the JSON always has the same keys.
    tally: Counter[str] = Counter(dict.fromkeys(COUNTS, 0))
    for art in articles:
        tally["articles"] += 1
        score_scanner(art, tally, verbose)
        score_engine(art, tally, verbose)
    return tally


def main(argv: Sequence[str] | None = None) -> int:
    args = common_args("Strict accuracy of the scanner and the rules engine.").parse_args(argv)
    sets, notes = choose_sets(args.dirs, args.held_out)
    for note in notes:
        print(note)
    if not sets:
        print("no article sets to score", file=sys.stderr)
        return 2
    tallies = []
    for s in sets:
        if args.verbose:
            print(f"\n== {s.name}")
        tallies.append(score_set(s.articles, args.verbose))
    print_tables(sets, tallies, COLUMNS)
    print(
        "\nfound: number, range top inside the quote; counts right, hedge: of all gold facts."
        "\nstrict: same subject, value, range top, hedge and temporal status; a toll restated"
        "\nin one article is one toll, and a second record of it is an extra. date, country:"
        "\nover matched facts whose gold gives one. status: over counts matched on all but"
        "\ntheir status, is it the gold's? restated: records of a toll already recorded (a toll"
        "\ncounted twice). loose: value and subject only."
    )
    if args.json:
        write_json(args.json, sets, tallies, notes, rates)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
