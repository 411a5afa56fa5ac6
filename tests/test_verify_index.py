"""The verifier's indexes answer exactly what a scan of every mention would: quotes by
their first characters, spans by bisection, dates by value, derived sums by subject.
Each is held to the plain search it replaced, over arbitrary input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.evidence import Kind, Mention, Subject
from summarizer.source import (
    _DERIVED_PARTS,
    _DERIVED_WINDOW,
    _INDEX_FROM,
    Source,
    _Dates,
    _Positions,
    _QuoteIndex,
    _whole_words,
    _window_sums,
)
from summarizer.verify import _date_matches

INDEX = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Few letters, so that quotes recur; digits, marks, an underscore and non-ASCII word
# characters, so that word edges are tested where str.isalnum and \w could disagree.
_TEXT = st.text(alphabet=st.sampled_from(list("ab ab 1,.-_'\"\né²٣\u0301")), max_size=200)


def _plain_find(text: str, needle: str) -> int:
    at = text.find(needle)
    while at >= 0 and not _whole_words(text, at, at + len(needle)):
        at = text.find(needle, at + 1)
    return at


def test_a_long_source_finds_quotes_through_its_index() -> None:
    # Long enough to be indexed; quotes that open with a word, with a mark, short and
    # long, and one that occurs only inside a longer number ("June 1" in "June 19").
    text = "Shelling killed 4 people in Kherson on June 19. " * 450 + '"Quoted," he said.'
    source = Source(text)
    assert len(text) > _INDEX_FROM
    for quote in ["killed 4 people", "killed 4", "June 19", '"quoted," he', "he said"]:
        found = source.find_quote(quote)
        assert found is not None and text[found[0] : found[1]].lower() == quote.lower()
    assert source.find_quote("June 1") is None
    assert source._quote_index is not None


@INDEX
@given(_TEXT, st.data())
def test_a_quote_is_found_where_a_search_of_the_text_finds_it(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 30)))
    needles = [text[start:end], data.draw(_TEXT.map(lambda t: t[:25]))]
    index = _QuoteIndex(text)
    for needle in needles:
        if needle:
            assert index.find(needle) == _plain_find(text, needle), needle


def _mention(start: int, end: int, **fields: object) -> Mention:
    return Mention(
        start=start,
        end=end,
        text="x" * (end - start),
        value=fields.pop("value", None),
        kind=fields.pop("kind", Kind.COUNT),
        phrase_start=start,
        phrase_end=end,
        **fields,
    )


_SPANS = st.lists(
    st.tuples(st.integers(0, 300), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=40,
)


@INDEX
@given(_SPANS, st.integers(-50, 350), st.integers(0, 80))
def test_span_lookups_find_what_a_scan_of_every_mention_finds(
    spans: list[tuple[int, int]], start: int, width: int
) -> None:
    mentions = sorted((_mention(s, e) for s, e in spans), key=lambda m: m.start)
    positions = _Positions(mentions)
    end = start + width
    assert positions.overlapping(start, end) == [
        m for m in mentions if m.start < end and m.end > start
    ]
    assert positions.starting_in(start, end) == [m for m in mentions if start <= m.start < end]


_DATES = st.sampled_from(
    ["2025", "2025-06", "2025-06-20", "2025-06-02", "2024-06-20", "--06-20", "--06-02", "--06"]
)
_CLAIMED = _DATES | st.sampled_from(["2025-0", "2", "2024", "2025-07-01", "June", "-06-20"])


@INDEX
@given(st.lists(_DATES, max_size=12), _CLAIMED, st.sets(st.sampled_from(["2024", "2025"])))
def test_dates_agreeing_with_a_claim_are_those_a_scan_finds(
    dates: list[str], claimed: str, years: set[str]
) -> None:
    dated = [_mention(i * 10, i * 10 + 5, kind=Kind.DATE, date=d) for i, d in enumerate(dates)]
    expected = [m for m in dated if m.date and _date_matches(m.date, claimed, years)]
    assert _Dates(dated).matching(claimed, years) == expected


def _plain_parts(parts: list[Mention], total: int) -> list[Mention]:
    """The derived sum as the verifier first searched for it, claim by claim."""
    for i in range(len(parts)):
        running = 0
        for j in range(i, min(i + _DERIVED_PARTS, len(parts))):
            if parts[j].end - parts[i].start > _DERIVED_WINDOW:
                break
            running += int(parts[j].value or 0)
            if j > i and running == total:
                return parts[i : j + 1]
    return []


@INDEX
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 9)), max_size=15))
def test_derived_sums_are_the_first_run_a_search_finds(gaps_values: list[tuple[int, int]]) -> None:
    parts, at = [], 0
    for gap, value in gaps_values:
        at += gap
        parts.append(_mention(at, at + 2, value=value, counts=Subject.INJURED))
        at += 2
    sums = _window_sums(parts)
    for total in range(0, 40):
        assert sums.get(total, []) == _plain_parts(parts, total)
