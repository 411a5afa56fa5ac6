"""Scanner accuracy on the shared dev corpus: for each gold fact, is its number found
inside its quote, with the right subject and qualifier?

Run: python benchmarks/corpus_accuracy.py [CORPUS_DIR] [-v]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from summarizer.evidence import Kind, scan

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
    for gold_path in golds:
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text()
        mentions = scan(text)
        for fact in json.loads(gold_path.read_text()):
            totals["facts"] += 1
            at = text.find(fact["quote"])
            span = (at, at + len(fact["quote"]))
            hits = [m for m in mentions
                    if m.start < span[1] and m.end > span[0] and m.value == fact["quantity"]]
            if not hits:
                if verbose:
                    print(f"MISS   {gold_path.stem}: {fact['quantity']} in {fact['quote']!r}")
                continue
            totals["found"] += 1
            m = hits[0]
            want = fact["subject"]
            got = (m.counts.value if m.counts else None) if m.kind is Kind.COUNT else m.kind.value
            subject_ok = got == want or (want == "other" and (m.counts is None or m.kind
                                                                is not Kind.COUNT))
            subject_ok = subject_ok or (got == "casualties" and want in {"killed", "injured"})
            totals["subject"] += subject_ok
            totals["qualifier"] += m.qualifier.value == fact["qualifier"]
            if verbose and (not subject_ok or m.qualifier.value != fact["qualifier"]):
                print(f"DIFF   {gold_path.stem}: {fact['quantity']} {want}/{fact['qualifier']}"
                      f" -> {got}/{m.qualifier.value} in {fact['quote']!r}")
    n = totals["facts"]
    print(f"gold facts: {n} in {len(golds)} articles")
    for key in ("found", "subject", "qualifier"):
        print(f"{key:>10}: {totals[key]}/{n} = {totals[key] / n:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
