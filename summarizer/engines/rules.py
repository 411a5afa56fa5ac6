"""The offline rules engine: an ArticleSummary built from the number scanner alone.

It never writes a word of its own: the headline, summary and descriptions are the
article's sentences, and every record carries the span it came from, so each of its
numbers verifies as stated.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from summarizer import dates
from summarizer.actors import Actor, actors
from summarizer.engines import Extraction
from summarizer.evidence import MUNITION_SUBJECTS, Kind, Mention, Subject, gives_orders, scan
from summarizer.evidence.lexicons import en as lx
from summarizer.gazetteer import gazetteer
from summarizer.locations import Setting, code_of, locate, setting
from summarizer.places import Place, places_in
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
from summarizer.textspans import Sentences, Span, body_start, paragraphs

_STOREY_WORD = re.compile(
    r"^\s*-?\s*(?:stor(?:e)?(?:y|ies|eys)|floors?)(?:[\s-]+(?:high|tall)\b(?!-))?", re.I
)
_SUMMARY_SENTENCES = 3
_NEAR = 400  # characters either side of a number that its sentence's words are read in
_HEADLINE_MAX = 160

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
# A running total over a longer time: "have died since 2007", "since the coup", "Since
# hostilities began in October 2023, strikes have killed 520", "killed 1,000 people last
# year", "300 killings this year".
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_RUNNING = re.compile(
    r"(?i)\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:the\s+(?:beginning|start|outbreak|end)\s+of\b"
    rf"|(?:{_MONTHS})\b|(?:19|20)\d\d\b|the\s+(?:coup|war|conflict|insurgency|uprising|invasion"
    r"|revolution|crisis)\b|[\w\s'’-]{0,50}?\b(?:began|erupted|started|broke out)\b)"
    r"|\b(?:(?:so far )?this|last) year\b"
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
_DEFINITE = re.compile(r"(?i)\b(?:the|these|those)\s+\Z")  # "the 40 arrested": told before
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
_DATED = frozenset({Kind.DATE, Kind.YEAR})
_OUTCOMES = {Subject.KILLED: Outcome.KILLED, Subject.INJURED: Outcome.INJURED,
             Subject.MISSING: Outcome.MISSING}  # fmt: skip
_AFFECTED = {
    Subject.EVACUATED: AffectedKind.EVACUATED,
    Subject.DISPLACED: AffectedKind.DISPLACED,
    Subject.RESCUED: AffectedKind.RESCUED,
    Subject.DETAINED: AffectedKind.DETAINED,
}


_R = TypeVar("_R", Casualty, Affected)


_DAYS = (DatePrecision.DAY, DatePrecision.DAYS)
_At = tuple[int, str | None, TemporalStatus]  # paragraph, place, status
_Key = tuple[int, str | None, TemporalStatus, str | None]  # the same, and the day


@dataclass
class _Group:
    place: Place | None
    status: TemporalStatus
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO codes its sentences name as places
    when: dates.When = dates.NO_DATE  # the date its first sentence with one gives


@dataclass
class _Context:
    """What the whole article says that each event's record reads."""

    where: Setting
    anchor: dt.date | None  # the article's date
    dated: dates.When  # the same, as the article states it
    mentions: list[Mention]  # its stated dates
    headline: str
    lead: dates.When = dates.NO_DATE  # the date its lead gives the news
    news: dict[int, str] = field(default_factory=dict)  # by section: its news' country
    leads: dict[int, dates.When] = field(default_factory=dict)  # by section: its news' day
    year: str | None = None  # the article's: its date's, else the latest it states

    @property
    def news_day(self) -> dt.date | None:
        """The day of the article's news: its lead's, else its own date, else (an article
        of no date) the first day of the latest year it states. An event well before it
        is one the article recalls."""
        if self.lead.precision is DatePrecision.DAY and self.lead.date:
            return dt.date.fromisoformat(self.lead.date)
        if self.anchor is None and self.year:
            return dt.date(int(self.year), 1, 1)
        return self.anchor


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
    body = body_start(text)
    sentences = Sentences(text)
    mentions = scan(text) if mentions is None else mentions
    headline, lead = _headline(text, body, sentences)
    summary = " ".join(text[s.start : s.end] for s in lead)
    dated = dates.article_date(text, mentions)
    context = _Context(
        where=setting(text, body),
        anchor=dates.as_date(dated),
        dated=dates.of_anchor(dated),
        # The article's own date dates no event by being stated: the lead's words do.
        mentions=[m for m in mentions if m.kind in _DATED and m is not dated],
        headline=headline,
    )
    stated = [m.date[:4] for m in mentions if m.date and m.date[:1].isdigit()]
    context.year = str(context.anchor.year) if context.anchor else max(stated, default=None)
    context.lead = _lead_date(text, lead, context)
    if context.lead is context.dated:
        later = [s for s in sentences if s.start >= (lead[-1].end if lead else body)]
        context.lead = _news_day_told_later(text, later, context)
    context.leads = _section_dates(text, sentences, context)
    groups = _groups(text, body, sentences, mentions, context)
    context.news = _news(groups, context.where)
    events = [_event(text, group, context) for group in groups]
    return ArticleSummary(
        headline=headline, summary=summary, events=[e for e in events if e is not None]
    )


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
    text: str,
    body: int,
    sentences: Sentences,
    mentions: list[Mention],
    context: _Context,
) -> list[_Group]:
    """Records grouped by paragraph, by the place last named before them, and by whether
    they are news, history or plans. A photo's caption restates; it records nothing."""
    captions = dates.captions(text, body)  # in text order, apart
    caption_starts = [c.start for c in captions]

    def in_caption(at: int) -> bool:
        i = bisect_right(caption_starts, at) - 1
        return i >= 0 and at < captions[i].end

    useful = [
        m
        for m in mentions
        if m.start >= body and _is_record(m) and not _revised(text, m) and not in_caption(m.start)
    ]
    useful.sort(key=lambda m: m.start)
    starts = [m.start for m in useful]
    groups: dict[_Key, _Group] = {}
    days: dict[_At, dates.When] = {}  # the last day given at each paragraph, place, status
    last: dict[int, dates.When] = {}  # the last date each paragraph gave
    # Sentences and paragraphs both run in text order: walk them together, once.
    spans = iter(sentences)
    sentence = next(spans, None)
    for pi, para in enumerate(paragraphs(text)):
        place: Place | None = None
        while sentence is not None and sentence.start < para.start:
            sentence = next(spans, None)
        while sentence is not None and sentence.start < para.end:
            inside = useful[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]
            place = _group_sentence(text, sentence, inside, pi, place, context, groups, days, last)
            sentence = next(spans, None)
    lead = next((s.start for s in sentences if s.start >= body and not _is_headline(text, s)), body)
    return _once(text, list(groups.values()), lead)


def _is_headline(text: str, sentence: Span) -> bool:
    return not text[sentence.start : sentence.end].rstrip().endswith((".", '"', "”"))


def _once(text: str, groups: list[_Group], lead: int) -> list[_Group]:
    """Every toll once: a figure a headline, a lead or a later paragraph restates ("2
    killed", "the two deaths") stays with the event that gives its place, and with the
    first of the body's events of one place; events of other places keep their own,
    unless the words point back to it ("among the 40 arrested")."""
    order = sorted(
        groups, key=lambda g: (g.place is None, g.sentences[0].start < lead, g.sentences[0].start)
    )
    held: dict[tuple[object, ...], list[_Group]] = {}
    for group in order:
        kept = []
        for m in group.mentions:
            key = (m.kind, m.counts, m.value, m.high, m.qualifier, group.status)
            holders = held.setdefault(key, [])
            # A headline restates its article's news, wherever the body places it.
            anywhere = group.sentences[0].start < lead or _DEFINITE.search(
                text, max(0, m.start - 12), m.start
            )
            if any(h is not group and (anywhere or _same_place(h, group)) for h in holders):
                continue
            holders.append(group)
            kept.append(m)
        group.mentions = kept
    return [g for g in groups if g.mentions]


def _same_place(a: _Group, b: _Group) -> bool:
    return a.place is None or b.place is None or a.place.name == b.place.name


def _group_sentence(
    text: str,
    sentence: Span,
    inside: list[Mention],
    pi: int,
    place: Place | None,
    context: _Context,
    groups: dict[_Key, _Group],
    days: dict[_At, dates.When],
    last: dict[int, dates.When],
) -> Place | None:
    """File one sentence's records into their groups; the place named last in it, else
    the one before, for the sentences that follow. Figures of different days are
    different events; a figure of no date of its own is of its paragraph's last date
    before it ("... killed 12 on Sunday. Another 5 were wounded."), never of one a later
    sentence gives."""
    stated = dates.dates_in(text, sentence, context.mentions, context.anchor)
    dated = dates.Dated(text, stated)
    found = places_in(text, sentence.start, sentence.end)
    named = [p for p in found if not p.is_country]
    countries = [c.code for p in found if p.is_country and (c := gazetteer().country(p.name))]
    named_at = [p.start for p in named]  # in text order
    filed = []
    for m in inside:
        before = bisect_left(named_at, m.start)
        where = named[before - 1] if before else (named[0] if named else place)
        when = dated.near(Span(m.start, m.end))
        status = _temporal_status(text, m, sentence, context.year)
        # "In 1988, a bomb destroyed the airliner. The bombing killed 270": a figure of
        # no date of its own is as old as its paragraph's last date before it.
        told = when if when.date else last.get(pi, dates.NO_DATE)
        if status is TemporalStatus.CURRENT and dates.is_earlier(told, context.news_day):
            status = TemporalStatus.HISTORICAL
        filed.append((m, where, told, (pi, where.name if where else None, status)))
    for at in {at for *_, at in filed if at not in days}:  # the sentence's own day
        days[at] = next((w for *_, w, a in filed if a == at and w.date), dates.NO_DATE)
    if stated:
        last[pi] = dates.finest([w for _, w in stated])
    for m, where, when, at in filed:
        days[at] = when if when.date else days[at]
        group = groups.setdefault((*at, days[at].date), _Group(where, at[2], when=days[at]))
        if not group.sentences or group.sentences[-1] != sentence:
            group.sentences.append(sentence)
            group.countries += [c for c in countries if c not in group.countries]
        group.mentions.append(m)
    return named[-1] if named else place


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
    clause_end = next(
        (e.start() for e in _CLAUSE_EDGE.finditer(text, m.phrase_end, near.end)), near.end
    )
    after = _IN_YEAR.search(text, m.phrase_end, min(sentence.end, m.phrase_end + _YEAR_REACH))
    before = _SINCE_YEAR.search(text, clause_start, m.phrase_start)
    leading = _LEADING_YEAR.match(text, sentence.start)
    years = [found.group("year") for found in (after, before, leading) if found]
    running = _RUNNING.search(text, clause_start, clause_end) or _RUNNING.match(
        text, sentence.start, m.phrase_start
    )
    if _PAST.search(text, near.start, m.start) or running or any(y != year for y in years):
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


def _lead_date(text: str, lead: list[Span], context: _Context) -> dates.When:
    """The day the lead gives the news ("on Friday", "On June 20, 2025", "on May 13" in a
    report of May 21): the date of every current event whose own sentences give none."""
    for span in lead:
        if news := _news_dates(text, span, context):  # "in 2025 ... on Thursday night": the finer
            return dates.finest(news)
    return context.dated


def _news_day_told_later(text: str, spans: Iterable[Span], context: _Context) -> dates.When:
    """When the lead gives no day, the day later sentences that tell of an event give
    ("the helicopter crashed Saturday night"), if they all give the same one; else, with
    two events of two days, nothing tells which is the news."""
    days: dict[str | None, dates.When] = {}
    for span in spans:
        words = text[span.start : span.end]
        if any(pattern.search(words) for pattern, _, _ in _EVENT_TYPES):
            found = [w for w in _news_dates(text, span, context) if w.precision in _DAYS]
            days.update((w.date, w) for w in found)
    return next(iter(days.values())) if len(days) == 1 else context.dated


def _news_dates(text: str, span: Span, context: _Context) -> list[dates.When]:
    found = dates.dates_in(text, span, context.mentions, context.anchor)
    return [when for _, when in found if not dates.is_earlier(when, context.anchor, dates.NEWS)]


def _section_dates(text: str, sentences: Sentences, context: _Context) -> dict[int, dates.When]:
    """The day each later section of a roundup gives its news, by its first sentences
    ("Twelve people were killed ... yesterday in Aden"); the first section's is the
    lead's."""
    found: dict[int, dates.When] = {}
    spans = list(sentences)
    starts = [s.start for s in spans]
    for section in context.where.sections[1:]:
        first = bisect_left(starts, section.start)
        when = _lead_date(text, spans[first : first + _SUMMARY_SENTENCES], context)
        if when is not context.dated:
            found[section.start] = when
    return found


def _news(groups: list[_Group], where: Setting) -> dict[int, str]:
    """The country of each section's news: that of its first current event placed in so
    many words. The section's other current events, placed by none, are that news too
    ("Among the dead were nine soldiers ..." after "... in Mogadishu")."""
    news: dict[int, str] = {}
    for group in sorted(groups, key=lambda g: g.sentences[0].start):
        at = group.sentences[0].start
        section = where.section(at).start
        if group.place is None or group.status is not TemporalStatus.CURRENT or section in news:
            continue
        code = code_of(locate(group.place, group.countries, at, where))
        if code:
            news[section] = code
    return news


def _event_date(group: _Group, context: _Context) -> dates.When:
    if group.status is TemporalStatus.PLANNED:
        return dates.NO_DATE
    if group.status is TemporalStatus.CURRENT and not group.when.date:
        section = context.where.section(group.sentences[0].start).start
        return context.leads.get(section, context.lead)
    return group.when


def _event(text: str, group: _Group, context: _Context) -> Event | None:
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
    event_type, sub_event_type = _event_type(words, context.headline)
    when = _event_date(group, context)
    initiator, target = _sides(text, group.sentences)
    if event_type is EventType.DISASTER:
        initiator = None  # a flood has victims, no side that attacked
    return Event(
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=when.date,
        date_text=when.words,
        date_precision=when.precision,
        temporal_status=group.status,
        location=_location(group, context),
        initiator=initiator.name if initiator else None,
        initiator_category=initiator.category if initiator else None,
        target=target.name if target else None,
        target_category=target.category if target else None,
        description=text[group.sentences[0].start : group.sentences[0].end],
        casualties=list(casualties.values()),
        affected=list(affected.values()),
        damage=damage,
        munitions=[t.record() for t in tallies.values()],
        sources=sorted({q.attributed_to for q in quantities if q.attributed_to}),
    )


def _location(group: _Group, context: _Context) -> Location:
    at = group.sentences[0].start
    news = context.news.get(context.where.section(at).start)
    return locate(group.place, group.countries, at, context.where, news)


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


def _sides(text: str, sentences: list[Span]) -> tuple[Actor | None, Actor | None]:
    """The event's initiator and target: each the first its sentences name."""
    initiator = target = None
    for span in sentences:
        first, second = actors(text, span.start, span.end)
        initiator, target = initiator or first, target or second
        if initiator and target:
            break
    return initiator, target


def _event_type(*texts: str) -> tuple[EventType, str]:
    """From the event's own sentences, else from the headline."""
    for words in texts:
        for pattern, event_type, sub in _EVENT_TYPES:
            if pattern.search(words):
                return event_type, sub
    return EventType.VIOLENCE_AGAINST_CIVILIANS, "Attack"


def _attribution(sentence: str) -> str | None:
    for pattern in _ATTRIBUTION:
        m = pattern.search(sentence)
        if m:
            return m.group("who").strip()
    return None
