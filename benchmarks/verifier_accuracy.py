"""How the verifier judges records an extractor would write from gold facts.

For every gold count of an outcome (killed, injured, ..., launched, neutralized, hits)
this builds the record a correct extractor would write, with the gold quote, and checks
that the verifier calls it supported: anything else is a false alarm. Then it spoils
the record three ways an LLM does and checks that the verifier catches each:

- a wrong number (the gold value plus one, where the article does not state it);
- the wrong outcome (killed for injured, launched for neutralized, ...);
- a stronger hedge than the article's ("about 80" written as exactly 80).

Run: python benchmarks/verifier_accuracy.py [DIR ...] [-v]   (default: the shared dev
corpus beside the checkout, and the fixture sets under tests/fixtures)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from summarizer.records import (
    Affected,
    AffectedKind,
    ArticleSummary,
    Casualty,
    Event,
    EventType,
    Group,
    MunitionTally,
    Outcome,
    Qualifier,
    Quantity,
    Weapon,
)
from summarizer.verify import Source, Status, verify

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [
    ROOT.parent / "shared" / "corpus",
    *sorted((ROOT / "tests" / "fixtures").glob("articles*")),
]
_SWAPPED = {
    "killed": "injured", "injured": "killed", "missing": "killed", "evacuated": "killed",
    "displaced": "killed", "rescued": "killed", "detained": "killed",
    "launched": "neutralized", "neutralized": "launched", "hits": "launched",
}  # fmt: skip
_CAUGHT = {Status.UNSUPPORTED, Status.MISATTRIBUTED, Status.QUALIFIER_MISMATCH}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    dirs = [Path(a) for a in argv if a != "-v"] or [d for d in DEFAULT_SETS if d.is_dir()]
    print(f"{'set':32} {'records':>7} {'supported':>10} {'wrong number':>13} "
          f"{'wrong outcome':>14} {'stronger hedge':>15}")  # fmt: skip
    for directory in dirs:
        tally: Counter[str] = Counter()
        for gold in sorted(directory.glob("*.gold.json")):
            text = gold.with_name(gold.name.replace(".gold.json", ".txt")).read_text()
            _score(text, json.loads(gold.read_text()), tally, gold.stem if verbose else None)
        print(f"{directory.name:32} {tally['records']:>7} "
              f"{_rate(tally, 'supported', 'records'):>10} "
              f"{_rate(tally, 'number_caught', 'number_tried'):>13} "
              f"{_rate(tally, 'outcome_caught', 'outcome_tried'):>14} "
              f"{_rate(tally, 'hedge_caught', 'hedge_tried'):>15}")  # fmt: skip
    return 0


def _score(text: str, facts: list[dict[str, Any]], tally: Counter[str], name: str | None) -> None:
    source = Source(text)
    stated = {(f["subject"], f["quantity"]) for f in facts}
    for fact in facts:
        if fact["subject"] not in _SWAPPED or fact.get("status") == "denied":
            continue  # a denied toll is no record to write
        tally["records"] += 1
        status, note = _judge(fact, source)
        tally["supported"] += status in {Status.SUPPORTED, Status.DERIVED}
        if name and status not in {Status.SUPPORTED, Status.DERIVED}:
            print(f"FALSE ALARM {name}: {status} {fact['quantity']} {fact['subject']} "
                  f"in {fact['quote']!r}: {note}")  # fmt: skip
        wrong = fact["quantity"] + 1
        if str(int(wrong)) not in text:
            tally["number_tried"] += 1
            status, _ = _judge({**fact, "quantity": wrong}, source)
            tally["number_caught"] += status in _CAUGHT
            if name and status not in _CAUGHT:
                print(f"MISSED NUMBER {name}: {wrong} {fact['subject']} in {fact['quote']!r}")
        other = _SWAPPED[fact["subject"]]
        if (other, fact["quantity"]) not in stated:
            tally["outcome_tried"] += 1
            status, _ = _judge({**fact, "subject": other}, source)
            tally["outcome_caught"] += status in _CAUGHT
            if name and status not in _CAUGHT:
                print(f"MISSED OUTCOME {name}: {fact['quantity']} {other} (gold "
                      f"{fact['subject']}) in {fact['quote']!r}")  # fmt: skip
        if fact["qualifier"] != "exact" and fact.get("high") is None:
            tally["hedge_tried"] += 1
            status, _ = _judge({**fact, "qualifier": "exact"}, source)
            tally["hedge_caught"] += status in _CAUGHT
            if name and status not in _CAUGHT:
                print(f"MISSED HEDGE {name}: exactly {fact['quantity']} in {fact['quote']!r}")


def _judge(fact: dict[str, Any], source: Source) -> tuple[Status, str | None]:
    """The verdict on the one record the fact makes."""
    high = fact.get("high")
    quantity = Quantity(
        value=fact["quantity"],
        high=high,
        qualifier=Qualifier.RANGE if high is not None else Qualifier(fact["qualifier"]),
        quote=fact["quote"],
    )
    event = Event(event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE, description="An event.")
    subject = fact["subject"]
    if subject in {"killed", "injured", "missing"}:
        event.casualties = [Casualty(outcome=Outcome(subject), group=Group.TOTAL, count=quantity)]
    elif subject in {"evacuated", "displaced", "rescued", "detained"}:
        event.affected = [Affected(kind=AffectedKind(subject), count=quantity)]
    else:
        event.munitions = [MunitionTally(weapon=Weapon.UNKNOWN, **{subject: quantity})]
    summary = ArticleSummary(headline="A report.", summary="A report.", events=[event])
    (finding,) = [f for f in verify(summary, source).findings if f.path.startswith("events")]
    return finding.status, finding.note


def _rate(tally: Counter[str], part: str, whole: str) -> str:
    return f"{tally[part] / tally[whole]:.1%}" if tally[whole] else "-"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
