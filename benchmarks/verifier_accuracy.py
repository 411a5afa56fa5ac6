"""How the verifier judges records an extractor would write from gold facts.

For every gold count of an outcome (killed, injured, ..., launched, neutralized, hits)
that the article does not deny, this builds the record a correct extractor would write:
the gold value, range top and hedge, the gold quote, and the fact's temporal status on
its event. Only `supported` counts as right; `unconfirmed` (the value is stated but the
text does not say what it counts, in verifiers that have that verdict) is shown apart,
and anything else, `derived` included (the quote states the number), is a false alarm.

Then it spoils the record four ways and checks that the verifier catches each:

- a wrong number (the gold value plus one, where the article does not state it);
- the wrong outcome (killed for injured, launched for neutralized, ...);
- a stronger hedge than the article's ("about 80" written as exactly 80);
- the wrong category: a killed or injured count recorded as displaced or evacuated.

The first three are caught by a failing verdict (unsupported, misattributed,
qualifier_mismatch). A wrong category is caught by anything but supported or derived:
`unconfirmed` fails a --strict run, and the point is that it is never passed as stated.

Run: python benchmarks/verifier_accuracy.py [DIR ...] [--held-out DIR] [-v] [--json PATH]
(default sets and the held-out rule: as benchmarks/corpus_accuracy.py)
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from corpus_accuracy import (
    Article,
    choose_sets,
    common_args,
    frac,
    pct,
    print_tables,
    ratio,
    write_json,
)

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
    TemporalStatus,
    Weapon,
)
from summarizer.report import Status
from summarizer.source import Source
from summarizer.verify import verify

_SWAPPED = {
    "killed": "injured", "injured": "killed", "missing": "killed", "evacuated": "killed",
    "displaced": "killed", "rescued": "killed", "detained": "killed",
    "launched": "neutralized", "neutralized": "launched", "hits": "launched",
}  # fmt: skip
_WRONG_CATEGORIES = ("displaced", "evacuated")
_CAUGHT = {Status.UNSUPPORTED, Status.MISATTRIBUTED, Status.QUALIFIER_MISMATCH}
_PASSED = {Status.SUPPORTED, Status.DERIVED}
# Being added to verify.py while this was written; absent before that.
_UNCONFIRMED: Status | None = getattr(Status, "UNCONFIRMED", None)
_COUNT_PATHS = ("events[0].casualties", "events[0].affected", "events[0].munitions")


def _judge(fact: dict[str, Any], source: Source) -> tuple[Status, str | None]:
    """The verdict on the one record the fact makes."""
    high = fact["high"]
    quantity = Quantity(
        value=fact["quantity"],
        high=high,
        qualifier=Qualifier.RANGE if high is not None else Qualifier(fact["qualifier"]),
        quote=fact["quote"],
    )
    event = Event(
        event_type=EventType.EXPLOSIONS_REMOTE_VIOLENCE,
        description="An event.",
        temporal_status=TemporalStatus(fact["temporal_status"]),
    )
    subject = fact["subject"]
    if subject in {"killed", "injured", "missing"}:
        event.casualties = [Casualty(outcome=Outcome(subject), group=Group.TOTAL, count=quantity)]
    elif subject in {"evacuated", "displaced", "rescued", "detained"}:
        event.affected = [Affected(kind=AffectedKind(subject), count=quantity)]
    else:
        event.munitions = [MunitionTally(weapon=Weapon.UNKNOWN, **{subject: quantity})]
    summary = ArticleSummary(headline="A report.", summary="A report.", events=[event])
    findings = verify(summary, source).findings
    finding = next(f for f in findings if f.path.startswith(_COUNT_PATHS))
    return finding.status, finding.note


def _spoil(
    name: str,
    spoiled: dict[str, Any],
    caught: Callable[[Status], bool],
    source: Source,
    tally: Counter[str],
    log: str | None,
) -> None:
    tally[f"{name}_tried"] += 1
    status, _ = _judge(spoiled, source)
    tally[f"{name}_caught"] += caught(status)
    if log and not caught(status):
        print(
            f"MISSED {name.upper():8} {log}: recorded {spoiled['quantity']} {spoiled['subject']}"
            f" ({spoiled['qualifier']}): {status} in {spoiled['quote']!r}"
        )


def _score_correct(
    fact: dict[str, Any], source: Source, tally: Counter[str], log: str | None
) -> None:
    tally["records"] += 1
    status, note = _judge(fact, source)
    if status is Status.SUPPORTED:
        tally["supported"] += 1
        return
    if _UNCONFIRMED is not None and status is _UNCONFIRMED:
        tally["unconfirmed"] += 1
        label = "UNCONFIRMED"
    else:
        tally["false_alarms"] += 1
        label = "FALSE ALARM"
    if log:
        print(
            f"{label:15} {log}: {fact['quantity']} {fact['subject']} ({fact['qualifier']}):"
            f" {status} in {fact['quote']!r}: {note}"
        )


def score_article(art: Article, tally: Counter[str], verbose: bool) -> None:
    source = Source(art.text)
    stated = {(f["subject"], f["quantity"]) for f in art.facts}
    failing: Callable[[Status], bool] = _CAUGHT.__contains__
    for fact in art.facts:
        if fact["subject"] not in _SWAPPED or fact["temporal_status"] == "negated":
            continue  # a denied toll is no record to write
        value, subject = fact["quantity"], fact["subject"]
        log = art.name if verbose else None
        _score_correct(fact, source, tally, log)
        wrong = value + 1
        if str(int(wrong)) not in art.text:
            _spoil("number", {**fact, "quantity": wrong}, failing, source, tally, log)
        if (other := _SWAPPED[subject], value) not in stated:
            _spoil("outcome", {**fact, "subject": other}, failing, source, tally, log)
        if fact["qualifier"] != "exact" and fact["high"] is None:
            _spoil("hedge", {**fact, "qualifier": "exact"}, failing, source, tally, log)
        if subject in {"killed", "injured"}:
            for kind in _WRONG_CATEGORIES:
                if (kind, value) not in stated:
                    spoiled = {**fact, "subject": kind}
                    _spoil("category", spoiled, _PASSED.isdisjoint, source, tally, log)


COUNTS = (
    "articles records supported unconfirmed false_alarms number_tried number_caught"
    " outcome_tried outcome_caught hedge_tried hedge_caught category_tried category_caught"
).split()
COLUMNS: list[tuple[str, Callable[[Counter[str]], str]]] = [
    ("articles", lambda t: str(t["articles"])),
    ("records", lambda t: str(t["records"])),
    ("supported", lambda t: pct(t["supported"], t["records"])),
    ("unconfirmed", lambda t: pct(t["unconfirmed"], t["records"])),
    ("false alarms", lambda t: frac(t["false_alarms"], t["records"])),
    ("wrong number caught", lambda t: pct(t["number_caught"], t["number_tried"])),
    ("wrong outcome caught", lambda t: pct(t["outcome_caught"], t["outcome_tried"])),
    ("stronger hedge caught", lambda t: pct(t["hedge_caught"], t["hedge_tried"])),
    ("wrong category caught", lambda t: pct(t["category_caught"], t["category_tried"])),
]


def rates(t: Counter[str]) -> dict[str, float | None]:
    return {
        "supported_rate": ratio(t["supported"], t["records"]),
        "unconfirmed_rate": ratio(t["unconfirmed"], t["records"]),
        "false_alarm_rate": ratio(t["false_alarms"], t["records"]),
        **{
            f"{spoil}_caught_rate": ratio(t[f"{spoil}_caught"], t[f"{spoil}_tried"])
            for spoil in ("number", "outcome", "hedge", "category")
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = common_args("How the verifier judges right and spoiled records.").parse_args(argv)
    sets, notes = choose_sets(args.dirs, args.held_out)
    for note in notes:
        print(note)
    if not sets:
        print("no article sets to score", file=sys.stderr)
        return 2
    if _UNCONFIRMED is None:
        print("this verifier has no `unconfirmed` verdict: that column stays at 0")
    tallies = []
    for s in sets:
        if args.verbose:
            print(f"\n== {s.name}")
        tally: Counter[str] = Counter(dict.fromkeys(COUNTS, 0))
        for art in s.articles:
            tally["articles"] += 1
            score_article(art, tally, args.verbose)
        tallies.append(tally)
    print_tables(sets, tallies, COLUMNS)
    if args.json:
        write_json(args.json, sets, tallies, notes, rates)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
