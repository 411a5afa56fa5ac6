"""The offline rules engine: an ArticleSummary built from the number scanner alone.

It never writes a word of its own: the headline, summary and descriptions are the
article's sentences, and every record carries the span it came from, so each of its
numbers verifies as stated.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TypeVar

from summarizer.engines import Extraction
from summarizer.evidence import MUNITION_SUBJECTS, Kind, Mention, Subject, gives_orders, scan
from summarizer.evidence.lexicons import en as lx
from summarizer.places import first_country, places_in
from summarizer.records import (
    Affected,
    AffectedKind,
    ArticleSummary,
    Casualty,
    Damage,
    DamageStatus,
    DatePrecision,
    Event,
    EventType,
    Group,
    Location,
    MunitionTally,
    Outcome,
    Quantity,
    TemporalStatus,
    Weapon,
)
from summarizer.source import Source
from summarizer.textspans import Sentences, Span, paragraphs

_STOREY_WORD = re.compile(
    r"^\s*-?\s*(?:stor(?:e)?(?:y|ies|eys)|floors?)(?:[\s-]+(?:high|tall)\b(?!-))?", re.I
)
_SUMMARY_SENTENCES = 3
_NEAR = 400  # characters either side of a number that its sentence's words are read in
_HEADLINE_MAX = 160
_METADATA_LINE = re.compile(r"[A-Z][\w-]{0,20}:\s+\S")

_EVENT_TYPES: list[tuple[re.Pattern[str], EventType, str]] = [
    (re.compile(p, re.I), t, sub)
    for p, t, sub in (
        (r"suicide (?:bomb|attack|blast|vest)", EventType.EXPLOSIONS_REMOTE_VIOLENCE,
         "Suicide bomb"),
        (r"\bdrones?\b|air ?strikes?|air raids?|warplanes?|bombing raids?|fighter jets?",
         EventType.EXPLOSIONS_REMOTE_VIOLENCE, "Air/drone strike"),
        (r"missiles?|shell(?:ing|ed|s)|artillery|rockets?|mortars?",
         EventType.EXPLOSIONS_REMOTE_VIOLENCE, "Shelling/artillery/missile attack"),
        (r"bomb|explosi|\bIEDs?\b|blasts?\b|detonat", EventType.EXPLOSIONS_REMOTE_VIOLENCE,
         "Remote explosive/landmine/IED"),
        # A natural disaster is named before the verbs of fighting: rescuers "battle"
        # floods, and no weapon was named above. Whole words: "stormed" is an assault.
        (r"\b(?:flood(?:s|ed|ing|waters?)?|(?:earth)?quakes?|tremors?|aftershocks?|tsunamis?"
         r"|landslides?|mudslides?|avalanches?|storms?|cyclones?|hurricanes?|typhoons?"
         r"|tornado(?:e?s)?|wildfires?|bushfires?|blizzards?|heat ?waves?|stampedes?"
         r"|capsiz\w*|shipwrecks?|epidemic|cholera)\b",
         EventType.DISASTER, "Disaster/accident"),
        (r"clash|fighting|battle|firefight|gun ?fight|offensive|ambush", EventType.BATTLES,
         "Armed clash"),
        (r"gunm[ae]n|shooting|\bshot\b|opened fire|stabb|massacre|executed",
         EventType.VIOLENCE_AGAINST_CIVILIANS, "Attack"),
        (r"\briot", EventType.RIOTS, "Violent demonstration"),
        (r"protest|demonstrat", EventType.PROTESTS, "Peaceful protest"),
        # Accidents last: a collapse or a crash may be what an attack did.
        (r"\b(?:collaps\w*|collisions?|collided|crash(?:es|ed)?|derail\w*|sank|sinking)\b",
         EventType.DISASTER, "Disaster/accident"),
    )
]  # fmt: skip
# Words that put what follows them in the sentence in the past: "He cited a recent
# strike ... with 28 fatalities". The past perfect ("had been wounded") is not among them:
# reports of today's news use it all the time.
_PAST = re.compile(
    r"(?i)\b(?:previous(?:ly)?|ago|last (?:week|month|year|time)|cited|recalled"
    r"|earlier (?:this|that|in the) (?:week|month|year))\b"
)
# A year other than the article's puts a count in the past where it dates that count:
# right after it, or after "since" before it ("... on Monday, the deadliest since a blast
# in 2019 killed 40"), or leading its sentence ("In 2019, ...").
_IN_YEAR = re.compile(r"(?i)\bin (?P<year>(?:19|20)\d\d)\b")
_YEAR_REACH = 25  # "killed 12 people in Kunduz in 2019", not "... at a market rebuilt in 2019"
_SINCE_YEAR = re.compile(
    r"(?i)\b(?:since|than|after|before|like|compared with)\b[^,;]{0,60}?"
    r"\bin (?P<year>(?:19|20)\d\d)\b"
)
_PLAN_REACH = 25  # "officials said they will evacuate 5,000", not "will hold funerals for 12"
_LEADING_YEAR = re.compile(
    r"\s*(?:(?:Back )?[Ii]n|During|By) (?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+ )?"
    r"(?P<year>(?:19|20)\d\d)\b"
)
# Words just before a count's verb (or between the count and its verb) that make it a
# plan, not a fact.
_PLANNED = re.compile(
    r"(?i)\b(?:plan(?:s|ned)? to|will|would|(?:is|are) to be|set to|expected to|aims? to"
    r"|intends? to|preparing to|ready to)\b"
)
_CLAUSE_EDGE = re.compile(r",(?!\d)|[;:()—–]")  # not the comma of "1,200"
_REVISED_FROM = re.compile(r"(?i)\bfrom\s+$")
_TOLL_CHANGE = re.compile(
    r"(?i)\b(?:rose|risen|rises|climbed|climbs|increased|jumped|grew|revised|raised|up"
    r"|fell|dropped|lowered|down)\b"
)
_DAMAGE_STATUS: list[tuple[re.Pattern[str], DamageStatus]] = [
    (re.compile(r"destroy|razed|flattened|reduced to rubble|levelled|leveled", re.I),
     DamageStatus.DESTROYED),
    (re.compile(r"collaps", re.I), DamageStatus.PARTIALLY_COLLAPSED),
    (re.compile(r"\bfires?\b|blaze|conflagration|burn|ablaze|flames", re.I), DamageStatus.FIRE),
]  # fmt: skip
_ATTRIBUTION = (
    re.compile(r"\b[Aa]ccording to (?P<who>[^,.;]{3,80})"),
    re.compile(
        r"(?P<who>(?:[Tt]he )?[A-Z][\w’'-]*(?: [\w’'-]+){0,5}?) "
        r"(?:reported|said|says|confirmed|stated|announced|told)\b"
    ),
)
_OUTCOMES = {Subject.KILLED: Outcome.KILLED, Subject.INJURED: Outcome.INJURED,
             Subject.MISSING: Outcome.MISSING}  # fmt: skip
_AFFECTED = {
    Subject.EVACUATED: AffectedKind.EVACUATED,
    Subject.DISPLACED: AffectedKind.DISPLACED,
    Subject.RESCUED: AffectedKind.RESCUED,
    Subject.DETAINED: AffectedKind.DETAINED,
}


_R = TypeVar("_R", Casualty, Affected)


@dataclass
class _Group:
    place: str | None
    status: TemporalStatus
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


class RulesEngine:
    """Deterministic extraction; the default when no LLM endpoint is configured."""

    name = "rules"
    model: str | None = None

    def extract(self, text: str) -> Extraction:
        return Extraction(summary=extract(text))

    def extract_from(self, source: Source) -> Extraction:
        """extract() from a text the verifier has scanned: one scan serves both."""
        return Extraction(summary=extract(source.text, source.mentions))


def extract(text: str, mentions: list[Mention] | None = None) -> ArticleSummary:
    """Build the records of an article from its stated numbers (`mentions`: the text's
    scan, when it has been scanned already)."""
    body = _body(text)
    sentences = Sentences(text)
    mentions = scan(text) if mentions is None else mentions
    headline, lead = _headline(text, body, sentences)
    summary = " ".join(text[s.start : s.end] for s in lead)
    article_date = next(
        (m for m in mentions if m.kind is Kind.DATE and m.date and m.date[0].isdigit()), None
    )
    country = first_country(text[body:])
    # The article's year: its dateline's, else the latest it states.
    stated = [m.date[:4] for m in mentions if m.date and m.date[:1].isdigit()]
    year = article_date.date[:4] if article_date and article_date.date else None
    year = year or max(stated, default=None)
    events = [
        _event(text, group, article_date, country, headline)
        for group in _groups(text, body, sentences, mentions, year)
    ]
    return ArticleSummary(
        headline=headline, summary=summary, events=[e for e in events if e is not None]
    )


def _body(text: str) -> int:
    """Where the article starts, after any "Source: ..." style header lines."""
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip() and not _METADATA_LINE.match(line):
            break
        pos += len(line)
    return pos


def _headline(text: str, body: int, sentences: Sentences) -> tuple[str, list[Span]]:
    """A short first paragraph without a full stop is the headline; otherwise the first
    sentence is. The summary is the next sentences of the lead. Sentences that give
    orders to a model are not news and are left out."""
    spans = [s for s in sentences if s.start >= body and not gives_orders(text[s.start : s.end])]
    if not spans:
        return text[body:].strip()[:_HEADLINE_MAX], []
    paras = [p for p in paragraphs(text) if p.start >= body]
    first = paras[0] if paras else spans[0]
    titled = not text[first.start : first.end].endswith(".")
    if len(paras) > 1 and first.end - first.start <= _HEADLINE_MAX and titled:
        headline = text[first.start : first.end]
        rest = [s for s in spans if s.start >= first.end]
        return headline, [s for s in rest if not _is_dateline(text, s)][:_SUMMARY_SENTENCES]
    return _clipped(text[spans[0].start : spans[0].end]), spans[:_SUMMARY_SENTENCES]


def _clipped(sentence: str) -> str:
    """A long first sentence, cut at its last clause break that fits a headline."""
    if len(sentence) <= _HEADLINE_MAX:
        return sentence
    cut = sentence.rfind(", ", 40, _HEADLINE_MAX)
    return sentence[:cut] if cut > 0 else sentence


def _is_dateline(text: str, span: Span) -> bool:
    words = text[span.start : span.end].split()
    return len(words) <= 6 and not text[span.start : span.end].rstrip().endswith(".")


def _groups(
    text: str, body: int, sentences: Sentences, mentions: list[Mention], year: str | None
) -> list[_Group]:
    """Records grouped by paragraph, by the place last named before them, and by whether
    they are news, history or plans."""
    useful = [m for m in mentions if m.start >= body and _is_record(m) and not _revised(text, m)]
    useful.sort(key=lambda m: m.start)
    starts = [m.start for m in useful]
    groups: dict[tuple[int, str | None, TemporalStatus], _Group] = {}
    # Sentences and paragraphs both run in text order: walk them together, once.
    spans = iter(sentences)
    sentence = next(spans, None)
    for pi, para in enumerate(paragraphs(text)):
        place: str | None = None
        while sentence is not None and sentence.start < para.start:
            sentence = next(spans, None)
        while sentence is not None and sentence.start < para.end:
            inside = useful[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
            place = _group_sentence(text, sentence, inside, pi, place, year, groups)
            sentence = next(spans, None)
    return list(groups.values())


def _group_sentence(
    text: str,
    sentence: Span,
    inside: list[Mention],
    pi: int,
    place: str | None,
    year: str | None,
    groups: dict[tuple[int, str | None, TemporalStatus], _Group],
) -> str | None:
    """File one sentence's records into their groups; the place named last in it, else
    the one before, for the sentences that follow."""
    named = [p for p in places_in(text, sentence.start, sentence.end) if not p.is_country]
    named_at = [p.start for p in named]  # in text order
    for m in inside:
        before = bisect_left(named_at, m.start)
        where = named[before - 1].name if before else (named[0].name if named else place)
        status = _temporal_status(text, m, sentence, year)
        group = groups.setdefault((pi, where, status), _Group(where, status))
        if not group.sentences or group.sentences[-1] != sentence:
            group.sentences.append(sentence)
        group.mentions.append(m)
    return named[-1].name if named else place


def _near(sentence: Span, m: Mention) -> Span:
    """The part of a sentence around a number that can bear on it: all of an ordinary
    sentence; in a run-on "sentence" of thousands of characters, a window, so that the
    cost stays linear."""
    return Span(max(sentence.start, m.start - _NEAR), min(sentence.end, m.end + _NEAR))


def _temporal_status(text: str, m: Mention, sentence: Span, year: str | None) -> TemporalStatus:
    """Historical after a past marker earlier in its sentence, or with a year other than
    the article's that dates it ("killed 40 in 2019", "since a blast in 2019 killed 40",
    "In 2019, ..."); planned when the words just before its verb plan it."""
    near = _near(sentence, m)
    clause_start = max(
        [e.end() for e in _CLAUSE_EDGE.finditer(text, near.start, m.start)],
        default=near.start,
    )
    after = _IN_YEAR.search(text, m.phrase_end, min(sentence.end, m.phrase_end + _YEAR_REACH))
    before = _SINCE_YEAR.search(text, clause_start, m.phrase_start)
    leading = _LEADING_YEAR.match(text, sentence.start)
    years = [found.group("year") for found in (after, before, leading) if found]
    if _PAST.search(text, near.start, m.start) or any(y != year for y in years):
        return TemporalStatus.HISTORICAL
    if _PLANNED.search(text, max(clause_start, m.phrase_start - _PLAN_REACH), m.phrase_end):
        return TemporalStatus.PLANNED
    return TemporalStatus.CURRENT


def _revised(text: str, m: Mention) -> bool:
    """An earlier figure the article has since revised: "the toll rose to 43 from 27",
    "climbed from 27 to 43". Its event keeps the newer one."""
    before = text[max(0, m.start - 60) : m.start]
    return bool(_REVISED_FROM.search(before)) and bool(
        _TOLL_CHANGE.search(before.rsplit(".", 1)[-1])
    )


def _is_record(m: Mention) -> bool:
    if m.value is None or m.untrusted or m.kind not in {Kind.COUNT, Kind.STOREYS}:
        return False
    return (
        m.kind is Kind.STOREYS
        or m.counts in _OUTCOMES
        or m.counts in _AFFECTED
        or (m.counts in MUNITION_SUBJECTS)
    )


def _event(
    text: str, group: _Group, article_date: Mention | None, country: str | None, headline: str
) -> Event | None:
    words = " ".join(text[s.start : s.end] for s in group.sentences)
    casualties: dict[tuple[object, ...], Casualty] = {}
    affected: dict[tuple[object, ...], Affected] = {}
    damage: list[Damage] = []
    tallies: dict[str, _Tally] = {}  # by weapon: "45 missiles" is not "458 drones"
    last_weapon = "unknown"
    starts = [s.start for s in group.sentences]  # in text order
    sources: dict[int, str | None] = {}  # who each sentence's figures are attributed to
    for m in group.mentions:
        sentence = group.sentences[bisect_right(starts, m.start) - 1]
        if m.kind is Kind.STOREYS:
            damage.append(_damage(text, m, sentence))
            continue
        if sentence.start not in sources:
            sources[sentence.start] = _attribution(text[sentence.start : sentence.end])
        quantity = _quantity(text, m, sources[sentence.start])
        if m.counts in _OUTCOMES:
            record = Casualty(outcome=_OUTCOMES[m.counts], group=_group(m), count=quantity)
            _keep(casualties, (record.outcome, record.group, m.value, m.high), record)
        elif m.counts in _AFFECTED:
            a = Affected(kind=_AFFECTED[m.counts], count=quantity)
            _keep(affected, (a.kind, m.value, m.high), a)
        elif m.counts is not None:
            last_weapon = m.weapon or last_weapon  # "70 of them": the weapon named before
            tally = tallies.setdefault(last_weapon, _Tally(last_weapon))
            tally.counts.setdefault(m.counts.value, quantity)
            if m.weapon and tally.description is None:
                tally.description = m.noun
    if not (casualties or affected or damage or tallies):
        return None
    quantities = [c.count for c in casualties.values()] + [a.count for a in affected.values()]
    quantities += [q for t in tallies.values() for q in t.counts.values()]
    event_type, sub_event_type = _event_type(words, headline)
    date = article_date if group.status is TemporalStatus.CURRENT else None
    iso = date.date if date else None
    return Event(
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=iso,
        date_text=date.text if date else None,
        date_precision=_precision(iso),
        temporal_status=group.status,
        location=Location(place=group.place, country=country),
        description=text[group.sentences[0].start : group.sentences[0].end],
        casualties=list(casualties.values()),
        affected=list(affected.values()),
        damage=damage,
        munitions=[t.record() for t in tallies.values()],
        sources=sorted({q.attributed_to for q in quantities if q.attributed_to}),
    )


def _quantity(text: str, m: Mention, attributed_to: str | None) -> Quantity:
    return Quantity(
        value=m.value or 0,
        high=m.high,
        qualifier=m.qualifier,
        quote=text[m.phrase_start : m.phrase_end],
        attributed_to=attributed_to,
    )


def _keep(records: dict[tuple[object, ...], _R], key: tuple[object, ...], record: _R) -> None:
    """One record per stated fact; of repeats, the one with the firmest qualifier."""
    held = records.get(key)
    if held is None or (record.count.qualifier == "exact" and held.count.qualifier != "exact"):
        records[key] = record


def _group(m: Mention) -> Group:
    return Group(m.group) if m.group in set(Group) else Group.TOTAL


def _damage(text: str, m: Mention, sentence: Span) -> Damage:
    after = _STOREY_WORD.sub("", text[m.end : m.end + 60], count=1)
    words = re.findall(r"[A-Za-z][\w-]*", after)
    obj = words[0] if words else "building"
    nouns = [i for i, w in enumerate(words[:4]) if w.lower() in lx.BUILDING_NOUNS]
    if nouns:
        last = nouns[0]
        while last + 1 in nouns:  # "apartment block"
            last += 1
        obj = " ".join(words[: last + 1])
    status = DamageStatus.DAMAGED
    near = _near(sentence, m)
    sentence_text = text[near.start : near.end]
    for pattern, candidate in _DAMAGE_STATUS:
        if pattern.search(sentence_text):
            status = candidate
            break
    # "four- to five-storey", "2.5-storey": no one number of floors to record
    whole = m.high is None and m.value is not None and m.value % 1 == 0
    return Damage(object=obj, floors=int(m.value) if whole and m.value else None, status=status)


@dataclass
class _Tally:
    weapon: str
    description: str | None = None
    counts: dict[str, Quantity] = field(default_factory=dict)  # launched, neutralized, hits

    def record(self) -> MunitionTally:
        return MunitionTally(
            weapon=Weapon(self.weapon),
            description=self.description,
            launched=self.counts.get("launched"),
            neutralized=self.counts.get("neutralized"),
            hits=self.counts.get("hits"),
        )


def _event_type(*texts: str) -> tuple[EventType, str]:
    """From the event's own sentences, else from the headline."""
    for words in texts:
        for pattern, event_type, sub in _EVENT_TYPES:
            if pattern.search(words):
                return event_type, sub
    return EventType.VIOLENCE_AGAINST_CIVILIANS, "Attack"


def _precision(date: str | None) -> DatePrecision:
    if date is None:
        return DatePrecision.UNKNOWN
    return {10: DatePrecision.DAY, 7: DatePrecision.MONTH, 4: DatePrecision.YEAR}.get(
        len(date), DatePrecision.UNKNOWN
    )


def _attribution(sentence: str) -> str | None:
    for pattern in _ATTRIBUTION:
        m = pattern.search(sentence)
        if m:
            return m.group("who").strip()
    return None
