"""The scanner: every number in a text, with its span, value, hedge and kind, and for
counts, what they count. The pieces it joins live beside it: number forms in
`numbers`, non-count kinds in `kinds`, hedges in `hedges`, nouns in `nouns`, and the
words that say what happened in `cues`.
"""

from __future__ import annotations

import re
from typing import Any

from summarizer.evidence.cues import Context, Spans, in_doubt, nearest_cue
from summarizer.evidence.hedges import HEDGEABLE, hedge
from summarizer.evidence.kinds import LIST_GAP, context_kind
from summarizer.evidence.language import detect_language, has_lexicon
from summarizer.evidence.mention import Kind, Mention, Raw
from summarizer.evidence.nouns import INCLUDING, PART_OF, ZERO_PRONOUN, Nominal, noun_phrase
from summarizer.evidence.numbers import merge_ranges, raw_mentions
from summarizer.evidence.subjects import PERSON_SUBJECTS
from summarizer.evidence.untrusted import gives_orders, untrusted_spans
from summarizer.records import Qualifier
from summarizer.textspans import Sentences

# "Among them were", "Of those,", "of whom": words that point back at a toll.
_BACK_REFERENCE = re.compile(
    r"(?i)\b(?:among|of)\s+(?:them|those|whom)\s*,?\s*(?:(?:were|was|are|is)\s+)?$"
)
_BACK_REACH = 200  # characters from the toll: the sentence after it, not the paragraph
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_COORDINATED = re.compile(r"(?i)\s*,?\s*and\s+(?:(?:her|his|their|its|the)\s+)?")


def scan(text: str, *, readable: bool | None = None) -> list[Mention]:
    """Every number in `text`, in order of position. `readable` says whether the scanner
    reads the text's language, for a caller that has detected it already."""
    # Offsets in `lowered` must be those of `text`; it saves case-folding in patterns.
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters ("İ") grow when lowered
        lowered = text.translate(_ASCII_LOWER)
    raws = merge_ranges(text, raw_mentions(text, lowered))
    if not raws:  # no number: nothing the language, sentences or links could change
        return []
    if readable is None:
        readable = has_lexicon(detect_language(text))
    spans = Spans(untrusted_spans(text))
    context = Context(text, lowered, Sentences(text), {}, {}, readable, spans)
    out: list[Mention] = []
    articles: set[int] = set()  # starts of "a man", "an official"
    toll: Mention | None = None  # the last count of people with an outcome
    for raw in raws:
        mention = _mention(context, raw)
        # A hedge can swallow a word the master pattern also read ("as many as 130").
        while out and out[-1].start >= mention.start:
            out.pop()
        if out:
            mention = _beside(text, out, mention, raw)
        if mention.counts is None and toll is not None and _points_back(text, toll, mention):
            mention = mention.model_copy(update={"counts": toll.counts, "partitive": True})
        if mention.counts in PERSON_SUBJECTS:
            toll = mention
        if raw.kind is Kind.COUNT and not raw.numeric and raw.value == 1:
            articles.add(mention.start)
        out.append(mention)
    # "a man" is a count only where something happened to him.
    return [m for m in out if m.counts or m.start not in articles]


def _beside(text: str, out: list[Mention], mention: Mention, raw: Raw) -> Mention:
    """What the number just before says of this one, and this one of it."""
    if _coordinated(text, out[-1], mention):
        if out[-1].counts is None and mention.counts in PERSON_SUBJECTS:
            out[-1] = out[-1].model_copy(
                update={"counts": mention.counts, "phrase_end": mention.phrase_end}
            )
        elif mention.counts is None and out[-1].counts in PERSON_SUBJECTS:
            mention = mention.model_copy(
                update={"counts": out[-1].counts, "phrase_start": out[-1].phrase_start}
            )
    if (
        raw.numeric
        and out[-1].kind is Kind.AGE
        and LIST_GAP.fullmatch(text, out[-1].end, mention.start)
    ):  # "aged 8 and 11"
        mention = mention.model_copy(
            update={"kind": Kind.AGE, "counts": None, "group": None, "noun_class": None}
        )
    return mention


def _points_back(text: str, toll: Mention, mention: Mention) -> bool:
    """ "The blast killed 60 people. Among them were 25 council staff.": a count that
    opens with "among them" or "of those" is a part of the toll just before it."""
    return (
        mention.kind is Kind.COUNT
        and mention.noun_class in {"person", None}
        and mention.start - toll.end <= _BACK_REACH
        and _BACK_REFERENCE.search(text, max(0, mention.start - 40), mention.start) is not None
    )


def _coordinated(text: str, first: Mention, second: Mention) -> bool:
    """ "two children and a woman were killed": people joined by "and" share a verb."""
    return (
        first.noun_class == "person"
        and second.noun_class == "person"
        and _COORDINATED.fullmatch(text, first.phrase_end, second.start) is not None
    )


def _mention(context: Context, raw: Raw) -> Mention:
    text = context.text
    kind = context_kind(text, raw) if raw.numeric else raw.kind
    qualifier, start, end = raw.qualifier, raw.start, raw.end
    if kind in HEDGEABLE and qualifier is not Qualifier.RANGE:
        qualifier, start, end = hedge(text, start, end, qualifier)
    date = raw.date
    if kind is Kind.YEAR and raw.value is not None:
        date = str(int(raw.value))
    counts_something = kind in {Kind.COUNT, Kind.VAGUE} and context.readable
    counted = _counted(context, raw, start, end) if counts_something else {}
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        value=raw.value,
        high=raw.high,
        qualifier=qualifier,
        kind=kind,
        untrusted=_is_untrusted(context, start),
        date=date,
        phrase_start=counted.pop("phrase_start", start),
        phrase_end=counted.pop("phrase_end", end),
        **counted,
    )


def _counted(context: Context, raw: Raw, start: int, end: int) -> dict[str, Any]:
    """What a count counts: its noun, and the nearest word that says what happened."""
    text = context.text
    # "nobody" and "no one" stand for people and take no noun after them
    pronoun = raw.value == 0 and ZERO_PRONOUN.match(text, raw.start) is not None
    nominal = Nominal(end, "person") if pronoun else noun_phrase(text, end)
    nominal.partitive |= INCLUDING.search(text, max(0, start - 40), start) is not None
    counts = nominal.counts
    phrase_start, phrase_end = start, max(end, nominal.end)
    if counts is None and nominal.cls != "thing" and not in_doubt(context, start):
        # "one" and "a" are words of many uses: only a cue right beside them counts.
        lone = raw.value in {0, 1} and not text[raw.start].isdigit()
        whole = PART_OF.search(text, max(0, start - 24), start) is not None
        cue = nearest_cue(context, start, phrase_end, nominal, lone, whole)
        if cue is not None:
            counts = cue[2]
            phrase_start, phrase_end = min(start, cue[0]), max(phrase_end, cue[1])
    return {
        "counts": counts,
        "group": nominal.group,
        "noun": nominal.noun,
        "weapon": nominal.weapon,
        "noun_class": nominal.cls if nominal.cls in {"person", "munition", "thing"} else None,
        "partitive": nominal.partitive,
        "phrase_start": phrase_start,
        "phrase_end": phrase_end,
    }


def _is_untrusted(context: Context, start: int) -> bool:
    """Is the number at start inside a URL, an address or a source line, or in a
    sentence that gives orders rather than news?"""
    if context.untrusted.inside(start):
        return True
    sentence = context.sentence(start)
    known = context.orders.get(sentence.start)
    if known is None:
        known = context.orders[sentence.start] = gives_orders(
            context.text[sentence.start : sentence.end]
        )
    return known
