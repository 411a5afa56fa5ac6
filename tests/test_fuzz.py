"""Properties that hold for any input: the scanner and the verifier never raise, spans
are true, a number written in digits is always found, and JSON that does not fit the
schema is a clear input error."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from summarizer.documents import document_from_text
from summarizer.errors import InputError
from summarizer.evidence import scan
from summarizer.records import (
    Affected,
    AffectedKind,
    ArticleSummary,
    Casualty,
    Damage,
    DamageStatus,
    Event,
    EventType,
    Group,
    Location,
    MunitionTally,
    Outcome,
    Qualifier,
    Quantity,
    Weapon,
)
from summarizer.summaries import load_summary
from summarizer.verify import verify

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text with the characters news has, plus anything at all.
NEWSY = st.text(
    alphabet=st.sampled_from(list("0123456789 ,.-–%$:;'\"()\n") + list("aAkilednjurtwofsv"))
    | st.characters(),
    max_size=300,
)


@FUZZ
@given(NEWSY)
def test_scanner_never_raises_and_its_spans_are_true(text: str) -> None:
    for m in scan(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert 0 <= m.phrase_start <= m.start and m.end <= m.phrase_end <= len(text)


@FUZZ
@given(NEWSY, st.integers(min_value=0, max_value=10**9), NEWSY)
def test_a_number_in_digits_is_always_found(before: str, number: int, after: str) -> None:
    text = f"{before} {number} {after}"
    at = len(before) + 1
    assert any(m.start <= at < m.end for m in scan(text)), (text, scan(text))


_words = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
_quantities = st.builds(
    Quantity,
    value=st.integers(min_value=0, max_value=10**7) | st.floats(0, 1e7, allow_nan=False),
    qualifier=st.sampled_from(Qualifier),
    quote=st.none() | _words,
    attributed_to=st.none() | _words,
)
_events = st.builds(
    Event,
    event_type=st.sampled_from(EventType),
    date=st.none() | st.dates().map(lambda d: d.isoformat()),
    date_text=st.none() | _words,
    location=st.builds(Location, place=st.none() | _words),
    description=_words,
    casualties=st.lists(st.builds(Casualty, outcome=st.sampled_from(Outcome),
                                  group=st.sampled_from(Group), count=_quantities), max_size=3),
    affected=st.lists(st.builds(Affected, kind=st.sampled_from(AffectedKind),
                                count=_quantities), max_size=2),
    damage=st.lists(st.builds(Damage, object=_words, floors=st.none() | st.integers(0, 200),
                              status=st.sampled_from(DamageStatus)), max_size=2),
    munitions=st.lists(st.builds(MunitionTally, weapon=st.sampled_from(Weapon),
                                 launched=st.none() | _quantities), max_size=2),
)  # fmt: skip
_summaries = st.builds(
    ArticleSummary, headline=_words, summary=_words, events=st.lists(_events, max_size=3)
)


@FUZZ
@given(_summaries, NEWSY)
def test_verifier_never_raises_on_records_that_fit_the_schema(
    records: ArticleSummary, source: str
) -> None:
    report = verify(records, source)
    warnings = {"supported", "derived", "unconfirmed"}
    assert report.ok == all(f.status.value in warnings for f in report.findings)
    strict = verify(records, source, strict=True)
    assert strict.ok == all(f.status.value in {"supported", "derived"} for f in strict.findings)


_json: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                  max_size=4),
    max_leaves=20,
)  # fmt: skip


@FUZZ
@given(_json)
def test_json_off_the_schema_is_an_input_error(data: Any) -> None:
    document = document_from_text(json.dumps(data), path="records.json")
    try:
        fits = ArticleSummary.model_validate(data.get("summary", data)
                                             if isinstance(data, dict) else data)  # fmt: skip
    except ValidationError:
        fits = None
    try:
        loaded = load_summary(document)
    except InputError as error:
        assert fits is None
        assert "\n" not in str(error) and str(error).startswith("records.json: ")
        return
    if isinstance(loaded, str):  # not JSON of an object or list: a plain-text summary
        assert not json.dumps(data).startswith(("{", "["))
    else:
        assert loaded == fits
