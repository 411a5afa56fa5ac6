"""Accuracy on the shared dev corpus.

Scanner: for each gold fact, is its number found inside its quote, with the right
subject and qualifier? Rules engine: how many gold facts of an outcome (killed,
injured, evacuated, launched, ...) does it record with that value, and how many of
its records are not among the gold facts?

Run: python benchmarks/corpus_accuracy.py [CORPUS_DIR] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from summarizer.engines.rules import extract
from summarizer.evidence import Kind, scan
from summarizer.records import ArticleSummary

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    golds = sorted(corpus.glob("*.gold.json"))
    if not golds:
        print(f"no gold files in {corpus}", file=sys.stderr)
        return 2
    totals = {"facts": 0, "found": 0, "subject": 0, "qualifier": 0}
    engine = {"facts": 0, "recorded": 0, "qualifier": 0, "records": 0, "extra": 0}
    for gold_path in golds:
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text()
        mentions = scan(text)
        facts = json.loads(gold_path.read_text())
        _score_engine(extract(text), facts, engine, gold_path.stem if verbose else None)
        for fact in facts:
            totals["facts"] += 1
            at = text.find(fact["quote"])
            span = (at, at + len(fact["quote"]))
            hits = [
                m
                for m in mentions
                if m.start < span[1] and m.end > span[0] and m.value == fact["quantity"]
            ]
            if not hits:
                if verbose:
                    print(f"MISS   {gold_path.stem}: {fact['quantity']} in {fact['quote']!r}")
                continue
            totals["found"] += 1
            m = hits[0]
            want = fact["subject"]
            got = (m.counts.value if m.counts else None) if m.kind is Kind.COUNT else m.kind.value
            subject_ok = got == want or (
                want == "other" and (m.counts is None or m.kind is not Kind.COUNT)
            )
            subject_ok = subject_ok or (got == "casualties" and want in {"killed", "injured"})
            # A toll the article reports only to deny or doubt is left uncounted on purpose.
            subject_ok = subject_ok or (fact.get("status") == "denied" and got is None)
            totals["subject"] += subject_ok
            qualifier_ok = m.qualifier.value == _qualifier(fact) and m.high == fact.get("high")
            totals["qualifier"] += qualifier_ok
            if verbose and not (subject_ok and qualifier_ok):
                print(
                    f"DIFF   {gold_path.stem}: {fact['quantity']} {want}/{_qualifier(fact)}"
                    f" -> {got}/{m.qualifier.value} in {fact['quote']!r}"
                )
    n = totals["facts"]
    print(f"gold facts: {n} in {len(golds)} articles")
    for key in ("found", "subject", "qualifier"):
        print(f"{key:>10}: {totals[key]}/{n} = {totals[key] / n:.1%}")
    n = engine["facts"]
    print(f"rules engine, gold facts with an outcome: {n}")
    for key in ("recorded", "qualifier"):
        print(f"{key:>10}: {engine[key]}/{n} = {engine[key] / n:.1%}")
    print(
        f"{'extra':>10}: {engine['extra']} of {engine['records']} records not among the gold"
        " facts (the gold lists are not exhaustive)"
    )
    return 0


def _qualifier(fact: dict[str, Any]) -> str:
    """Gold files give a range as its low end with a "high"; the records call it a range."""
    return "range" if fact.get("high") is not None else str(fact["qualifier"])


def _score_engine(
    summary: ArticleSummary,
    facts: list[dict[str, Any]],
    totals: dict[str, int],
    name: str | None,
) -> None:
    records = []
    for e in summary.events:
        records += [(c.outcome.value, c.count) for c in e.casualties]
        records += [(a.kind.value, a.count) for a in e.affected]
        for m in e.munitions:
            records += [
                (k, q)
                for k in ("launched", "neutralized", "hits")
                if (q := getattr(m, k)) is not None
            ]
    gold = {(f["subject"], f["quantity"]) for f in facts}
    for fact in facts:
        if fact["subject"] == "other":
            continue
        totals["facts"] += 1
        hits = [q for s, q in records if s == fact["subject"] and q.value == fact["quantity"]]
        totals["recorded"] += bool(hits)
        totals["qualifier"] += any(
            q.qualifier.value == _qualifier(fact) and q.high == fact.get("high") for q in hits
        )
        if name and not hits:
            print(f"UNRECORDED {name}: {fact['quantity']} {fact['subject']} in {fact['quote']!r}")
    totals["records"] += len(records)
    for s, q in records:
        if (s, q.value) not in gold:
            totals["extra"] += 1
            if name:
                print(f"EXTRA  {name}: {s} {q.value} from {q.quote!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
