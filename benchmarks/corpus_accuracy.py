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
subject only) are kept beside them.

A set is held out when its directory holds a file named HELD_OUT, or is given with
--held-out; every other set has been used to tune the code, and its figures flatter.

Run: python benchmarks/corpus_accuracy.py [DIR ...] [--held-out DIR] [-v] [--json PATH]
(default: the shared dev corpus beside the checkout, tests/fixtures/articles*, and
tests/fixtures/wikinews_heldout)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from summarizer.engines.rules import extract
from summarizer.evidence import Kind, Mention, Subject, scan
from summarizer.evidence.mention import Value, exact
from summarizer.evidence.subjects import same_subject
from summarizer.records import ArticleSummary, Quantity

ROOT = Path(__file__).resolve().parents[1]
DEV_CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
HELD_OUT_SET = FIXTURES / "wikinews_heldout"
# The dev corpus is read-only: its facts' status, country and date live here instead.
OVERLAY = FIXTURES / "dev_corpus_events.json"
HELD_OUT_MARK = "HELD_OUT"

# Gold files written before `temporal_status` said it with `status`.
_OLD_STATUS = {"historical": "historical", "planned": "planned", "denied": "negated"}
_COUNTRY_ALIASES = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "drc": "democratic republic of the congo", "dr congo": "democratic republic of the congo",
    "democratic republic of congo": "democratic republic of the congo",
    "congo-kinshasa": "democratic republic of the congo",
    "türkiye": "turkey", "turkiye": "turkey", "burma": "myanmar",
    "côte d'ivoire": "ivory coast", "cote d'ivoire": "ivory coast",
    "burkina": "burkina faso", "bosnia": "bosnia and herzegovina",
    "gaza": "palestine", "gaza strip": "palestine", "west bank": "palestine",
    "palestinian territories": "palestine", "state of palestine": "palestine",
    "russian federation": "russia", "syrian arab republic": "syria",
}  # fmt: skip


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


@dataclass(frozen=True)
class Record:
    """One count the engine recorded, with what the strict match compares."""

    subject: str
    value: Value
    high: Value | None
    qualifier: str
    temporal_status: str
    country: str | None
    date: str | None
    quote: str | None

    @property
    def key(self) -> tuple[object, ...]:
        return (self.subject, self.value, self.high, self.qualifier, self.temporal_status)


def exact_or_none(value: int | float | Decimal | None) -> Value | None:
    """A number made exact (an int when whole, else a Decimal), so gold ints, record
    floats and scanned decimals compare equal when they state the same value (and
    4099999.9999999995 never equals 4100000); None stays None."""
    return None if value is None else exact(value)


def gold_qualifier(fact: dict[str, Any]) -> str:
    """Gold files give a range as its low end with a "high"; the records call it a range."""
    return "range" if fact.get("high") is not None else str(fact["qualifier"])


def toll_key(fact: dict[str, Any]) -> tuple[object, ...]:
    return (
        fact["subject"],
        exact(fact["quantity"]),
        exact_or_none(fact["high"]),
        gold_qualifier(fact),
        fact["temporal_status"],
    )


def _complete(fact: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A gold fact with the newer fields filled in, from the overlay or their defaults."""
    full = {**fact, **extra}
    full.setdefault("high", None)
    full.setdefault("country", None)
    full.setdefault("date", None)
    if not full.get("temporal_status"):
        full["temporal_status"] = _OLD_STATUS.get(str(full.get("status")), "current")
    return full


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
        full = [_complete(f, e) for f, e in zip(facts, extra, strict=True)]
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
    if HELD_OUT_SET.is_dir():
        dirs.append(HELD_OUT_SET)
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
    return round(part / whole, 4) if whole else None


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


def engine_records(summary: ArticleSummary) -> list[Record]:
    """Every count of the summary, with its event's status, country and date."""
    records = []
    for e in summary.events:
        counts: list[tuple[str, Quantity]] = [(c.outcome.value, c.count) for c in e.casualties]
        counts += [(a.kind.value, a.count) for a in e.affected]
        for m in e.munitions:
            counts += [(k, q) for k in ("launched", "neutralized", "hits") if (q := getattr(m, k))]
        for subject, q in counts:
            records.append(
                Record(
                    subject,
                    exact(q.value),
                    exact_or_none(q.high),
                    q.qualifier.value,
                    str(e.temporal_status.value),
                    e.location.country,
                    e.date,
                    q.quote,
                )
            )
    return records


def _country(name: str) -> str:
    """A country name folded for comparison: case, "the", dots and common aliases."""
    key = name.strip().lower().removeprefix("the ").replace(".", "")
    return _COUNTRY_ALIASES.get(key, key)


def _describe(key: tuple[object, ...]) -> str:
    subject, value, high, qualifier, status = key
    number = f"{value}" + (f"-{high}" if high is not None else "")
    return f"{number} {subject} ({qualifier}, {status})"


def _match(
    records: list[Record], tolls: dict[tuple[object, ...], list[dict[str, Any]]]
) -> tuple[dict[tuple[object, ...], Record], list[tuple[Record, str]]]:
    """Each toll's first matching record, and the records left over with why."""
    matched: dict[tuple[object, ...], Record] = {}
    extras: list[tuple[Record, str]] = []
    for r in records:
        if r.key not in tolls:
            extras.append((r, "no such toll"))
        elif r.key in matched:
            extras.append((r, "a toll already recorded"))
        else:
            matched[r.key] = r
    return matched, extras


def _score_places(
    name: str,
    matched: dict[tuple[object, ...], Record],
    tolls: dict[tuple[object, ...], list[dict[str, Any]]],
    tally: Counter[str],
    verbose: bool,
) -> None:
    for key, r in matched.items():
        for fact in tolls[key]:
            if gold_date := fact["date"]:
                ok = r.date is not None and r.date[: len(gold_date)] == gold_date
                tally["date_checked"] += 1
                tally["date_ok"] += ok
                if verbose and not ok:
                    print(f"DATE        {name}: {_describe(key)}: {r.date}, gold {gold_date}")
            if gold_country := fact["country"]:
                ok = r.country is not None and _country(r.country) == _country(gold_country)
                tally["country_checked"] += 1
                tally["country_ok"] += ok
                if verbose and not ok:
                    print(f"COUNTRY     {name}: {_describe(key)}: {r.country}, gold {gold_country}")


def _score_loose(art: Article, records: list[Record], tally: Counter[str]) -> None:
    """The old score: a gold fact is recorded by any record of its subject and value."""
    recorded = {(r.subject, r.value) for r in records}
    gold = {(f["subject"], exact(f["quantity"])) for f in art.facts}
    for fact in art.facts:
        if fact["subject"] != "other":
            tally["loose_facts"] += 1
            tally["loose_recorded"] += (fact["subject"], exact(fact["quantity"])) in recorded
    tally["loose_extras"] += sum((r.subject, r.value) not in gold for r in records)


def score_engine(art: Article, tally: Counter[str], verbose: bool) -> None:
    records = engine_records(extract(art.text))
    tolls: dict[tuple[object, ...], list[dict[str, Any]]] = {}
    for fact in art.facts:
        if fact["subject"] != "other":
            tolls.setdefault(toll_key(fact), []).append(fact)
    matched, extras = _match(records, tolls)
    tally["tolls"] += len(tolls)
    tally["tolls_matched"] += len(matched)
    tally["records"] += len(records)
    tally["restated_extras"] += sum(why != "no such toll" for _, why in extras)
    _score_places(art.name, matched, tolls, tally, verbose)
    _score_loose(art, records, tally)
    if not verbose:
        return
    for key, facts in tolls.items():
        if key not in matched:
            near = [_describe(r.key) for r in records if r.key[:2] == key[:2]]
            print(
                f"MISS        {art.name}: {_describe(key)} in {facts[0]['quote']!r}"
                + (f" (recorded as {'; '.join(near)})" if near else "")
            )
    for r, why in extras:
        print(f"EXTRA       {art.name}: {_describe(r.key)}, {why}, from {r.quote!r}")


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
    ("loose recall", lambda t: frac(t["loose_recorded"], t["loose_facts"])),
    ("loose extras", lambda t: f"{t['loose_extras']} of {t['records']}"),
]


COUNTS = (
    "articles facts found subject hedge tolls tolls_matched records restated_extras"
    " date_checked date_ok country_checked country_ok loose_facts loose_recorded loose_extras"
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
        "\nover matched facts whose gold gives one. loose: value and subject only."
    )
    if args.json:
        write_json(args.json, sets, tallies, notes, rates)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
