"""The words that say what happened to what a number counts ("killed", "were
evacuated"), and which of them governs a given number."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.evidence.lexicons import en as lx
from summarizer.evidence.patterns import alt
from summarizer.evidence.subjects import MUNITION_SUBJECTS, PERSON_SUBJECTS, Subject
from summarizer.textspans import Sentences, Span

if TYPE_CHECKING:
    from summarizer.evidence.nouns import Nominal

# Every cue starts with a lower-case letter: the lookahead spares the long alternation
# every word's end, where \b holds too.
CUE_RE = re.compile(
    r"\b(?=[a-z])(?:"
    + "|".join(
        rf"(?P<{subject.value}>(?:{'|'.join(patterns)})\b)" for subject, patterns in lx.CUES.items()
    )
    + ")"
)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:while|but|whereas|although)\b")
_MAX_CUE_DISTANCE = 120
_LONE_REACH = 20
# Characters around a number within which a cue may govern it: the reach, with room for
# an aside that counts as no distance (", aged 63,", ", including 23 children,").
_WINDOW = 300
_HYPOTHETICAL = re.compile(r"(?i)\b(?:will|would|until|if|unless)\b")
# Any number word, so that "killing twelve" and "killing sixty" are read alike.
_NUMBER_WORD = alt([*lx.UNITS, *lx.TENS, *lx.SCALES, "a dozen", "dozens", "hundreds"])
_NUMBER_NEXT = re.compile(
    r"\s+(?:at least\s+|more than\s+|about\s+|around\s+|nearly\s+|some\s+|another\s+)?"
    rf"(?:\d|(?:{_NUMBER_WORD})\b)"
)
_MODAL = re.compile(r"(?i)\b(?:could|may|might|would|will|expected to|likely to|set to)\b")
# Another count between a number and its verb takes the verb, unless it is a part of
# the first: "Of 60 passengers, 12 died" but "At least 11 people, four of them children, died".
_COUNT_BETWEEN = re.compile(
    rf"[,;]\s*(?:\d+|(?i:{_NUMBER_WORD}))\b"
    r"(?!\s+of\s+(?:them|whom|those)\b)"
)
# "A woman and her two children were killed": the first shares the second's verb.
_COORDINATED_NP = re.compile(
    r"(?i)\s*,?\s*and\s+(?:(?:her|his|their|its|the|a|an)\s+)?[a-z]+(?=\s)"
)
_WEAPON_RE = re.compile(rf"\b(?:{alt(list(lx.WEAPON_NOUNS))})\b")
_DOUBT = re.compile(
    r"\b(?:denied|deny|denies|denying|whether|not clear|unclear|unconfirmed|false reports?"
    r"|rumou?rs?|no one knows|nobody knows|how many)\b"
)
_TOLL_LINK = re.compile(
    r"(?i)\b(?:rose|risen|climbed|jumped|increased|grew|reached|hit|stands|stood|passed|topped"
    r"|is|was|now)\s+(?:at\s+)?(?:from\s+[\w,]+\s+to\s+|from\s+|to\s+)?$"
)
_CLAUSE_PENALTY = 30
# Words that describe people rather than say what happened to them: a finite verb
# after them says more.
_WEAK = frozenset({Subject.IN_NEED, Subject.AFFECTED})
_AND_PENALTY = 15
# Words that may stand between a count and the verb saying what happened to it.
_AUXILIARIES = re.compile(
    r"(?i)^(?:\s|\b(?:were|was|are|is|have|has|had|been|being|be|got|reportedly|also|later|"
    r"all|both|each|confirmed|believed|feared|thought|said|to|since|already|now|so far)\b)*$"
)
_AND = re.compile(r"(?i)\band\b")
_NEGATION = re.compile(r"(?:\bnot|n['’]t|\bnever|\bno longer)\s+$")
_SPEECH = re.compile(r"(?i)\b(?:said|says|told|reported|added|announced|stated)\b")
# A contrast starts another subject: "deaths last year, while 46,800 migrants reached".
# "Though" often corrects the same toll ("raised the toll to 236, though ... 115").
_CONTRAST = re.compile(r"(?i)\b(?:while|whereas)\b")
# A verb does not reach into a clause of its own: "three were wounded after a bomber
# blew himself up", "killed when 5 rockets hit".
_SUBORDINATE = re.compile(r"(?i)\b(?:after|before|when|because|since|once|until|unless)\b")
_PARTICIPLE_DISTANCE = 2  # a verb right before the number is at distance 1
# Asides between a count and its verb: ", aged 63,", ", Musa Bello, 52,", ", both 19,".
_APPOSITION = re.compile(
    r"\s*,\s*(?:(?:(?:both|all|each)\s+)?(?:aged\s+)?\d{1,3}|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    r"|(?:an?|the)\s+[\w'’-]+(?:\s+[\w'’-]+){0,4}"
    r"|(?:including|among them)\s+[^,;:()]{1,60})"
    r"(?:\s*,\s*(?:aged\s+)?\d{1,3})?\s*,"
)


@dataclass(slots=True)
class _Cues:
    found: list[tuple[int, int, Subject]]  # in text order, apart
    armed: bool  # the sentence names a weapon
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def near(self, start: int, end: int) -> list[tuple[int, int, Subject]]:
        """The cues that end no further than _WINDOW before start or begin no further
        than _WINDOW after end: no farther one can govern the number, and looking only
        here keeps a long sentence with many numbers linear."""
        return self.found[
            bisect_left(self.ends, start - _WINDOW) : bisect_right(self.starts, end + _WINDOW)
        ]


class Spans:
    """Sorted, non-overlapping character spans, asked whether they hold an offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def inside(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


@dataclass(slots=True)
class Context:
    text: str
    lowered: str
    sentences: Sentences
    cues: dict[int, _Cues]  # by sentence start
    orders: dict[int, bool]  # by sentence start: does it give orders to a model?
    # Is the text in a language whose words the scanner reads? Elsewhere it finds the
    # numbers but cannot say what they count.
    readable: bool = True
    untrusted: Spans = field(default_factory=lambda: Spans([]))
    # The last offset asked about and its sentence: a number's doubt, cues and trust all
    # ask, one after the other, for the sentence at its start.
    _asked: int = -1
    _around: Span = field(default_factory=lambda: Span(0, 0))

    def sentence(self, pos: int) -> Span:
        """The sentence holding the character at pos."""
        if pos != self._asked:
            self._asked, self._around = pos, self.sentences.around(pos)
        return self._around


def subjects_named(text: str) -> set[Subject]:
    """The outcomes a piece of text has words for: "were treated for gunshot wounds"
    names the injured, whatever else it names."""
    return {Subject(m.lastgroup) for m in CUE_RE.finditer(text.lower()) if m.lastgroup}


def in_doubt(context: Context, start: int) -> bool:
    """ "Police denied reports that 10 people were killed": not a toll the article gives."""
    sentence = context.sentence(start)
    return _DOUBT.search(context.lowered, max(sentence.start, start - 80), start) is not None


def _sentence_cues(context: Context, start: int) -> _Cues:
    sentence = context.sentence(start)
    cues = context.cues.get(sentence.start)
    if cues is None:
        found = [
            (m.start(), m.end(), Subject(m.lastgroup or ""))
            for m in CUE_RE.finditer(context.lowered, sentence.start, sentence.end)
            # "passengers who were not hurt": a negated verb says nothing happened
            if not _NEGATION.search(context.lowered, max(0, m.start() - 12), m.start())
        ]
        armed = _WEAPON_RE.search(context.lowered, sentence.start, sentence.end) is not None
        cues = context.cues[sentence.start] = _Cues(
            found, armed, [c[0] for c in found], [c[1] for c in found]
        )
    return cues


Cue = tuple[int, int, Subject]  # start, end, what it says happened


@dataclass(frozen=True, slots=True)
class _Look:
    """A search for the cue of one number: where the number's phrase is, and how."""

    context: Context
    start: int
    end: int
    nominal: Nominal
    lone: bool  # "one", "a": a word of many uses
    whole: bool  # the whole of a part: "25 of the 30 rockets"


def nearest_cue(
    context: Context,
    start: int,
    end: int,
    nominal: Nominal,
    lone: bool = False,
    whole: bool = False,
) -> Cue | None:
    """The closest word in the sentence that says what happened to the counted things.
    The whole of a part ("25 of the 30 rockets") takes only a participle right after it
    ("30 rockets fired"): the verbs around it are the part's."""
    look = _Look(context, start, end, nominal, lone, whole)
    reach = _LONE_REACH if lone else _MAX_CUE_DISTANCE
    cues = _sentence_cues(context, start)
    allowed = _allowed(nominal, cues)
    best: tuple[int, Cue] | None = None
    for found in cues.near(start, end):
        cue = _as_said_of(context, found, nominal)
        if cue is None or cue[2] not in allowed:
            continue
        if cue[1] <= start:
            if start - cue[1] > reach and not context.lowered.endswith("toll", cue[0], cue[1]):
                continue  # too far, and only a toll reaches further
            measured = _before(look, cue)
        elif cue[0] >= end:
            measured = _after(look, cue)
        else:
            measured = "", 0
        if measured is None:
            continue
        gap, distance = measured
        # "killed 5 and 10 injured": a cue across an "and" or a comma is a weaker claim.
        distance += _CLAUSE_PENALTY * len(_CLAUSE_BREAK.findall(gap))
        distance += _AND_PENALTY * len(_AND.findall(gap))
        if distance <= reach and (best is None or distance < best[0]):
            best = (distance, cue)
    return best[1] if best else None


def _allowed(nominal: Nominal, cues: _Cues) -> frozenset[Subject]:
    if nominal.cls == "person":
        return PERSON_SUBJECTS
    if nominal.cls == "munition":
        return MUNITION_SUBJECTS
    if cues.armed:
        return PERSON_SUBJECTS | MUNITION_SUBJECTS
    return PERSON_SUBJECTS  # "sent three", "a traffic jam": launch words need weapons


def _as_said_of(context: Context, cue: Cue, nominal: Nominal) -> Cue | None:
    """People are not "shot down" or "intercepted"; "neutralised 60 terrorists" killed them."""
    if nominal.cls != "person" or cue[2] is not Subject.NEUTRALIZED:
        return cue
    if not context.lowered.startswith("neutrali", cue[0]):
        return None
    return cue[0], cue[1], Subject.KILLED


def _before(look: _Look, cue: Cue) -> tuple[str, int] | None:
    """The gap and distance to a cue before the number, or None if it cannot govern it."""
    if look.whole:
        return None
    context, start = look.context, look.start
    gap = context.text[cue[1] : start]
    if _MODAL.search(gap) or _CONTRAST.search(gap) or _SUBORDINATE.search(gap):
        return None  # "the death toll could rise to 100"; "... died, while 40 reached"
    if context.lowered.endswith("toll", cue[0], cue[1]) and _TOLL_LINK.search(
        context.text, max(0, start - 30), start
    ):  # "the death toll from the shelling of the town rose from 12 to 19"
        return "", 0
    return gap, len(gap)


def _after(look: _Look, cue: Cue) -> tuple[str, int] | None:
    """The gap and distance to a cue after the number, or None if it cannot govern it."""
    lowered = look.context.lowered
    if lowered.endswith("toll", cue[0], cue[1]) or lowered.startswith(" toll", cue[1]):
        return None  # a toll names its number after it: "an official said the toll ..."
    gap = look.context.text[look.end : cue[0]]
    if look.lone and _SPEECH.search(gap):
        return None  # "A local official said a driver was killed": he is the speaker
    aside = _APPOSITION.match(gap)  # "one man, aged 63, was killed"
    if aside and _AUXILIARIES.match(gap[aside.end() :]):
        gap = ""
    if (
        _HYPOTHETICAL.search(gap)
        or _COUNT_BETWEEN.search(gap)
        or _NUMBER_NEXT.match(lowered, cue[1])
    ):
        # "100 men ... will fight until we die"; "Of 60 passengers, 12 died";
        # "carrying 40 passengers when it overturned, killing 12"
        return None
    if not gap.strip():
        # A participle right after the noun describes it; a verb right before the
        # number governs it: "rescued six women abducted in the raid" were rescued.
        distance = _PARTICIPLE_DISTANCE
    elif look.whole:
        return None
    else:
        shared = _COORDINATED_NP.match(gap)  # "a man and his daughter were killed"
        verb_gap = gap[shared.end() :] if shared else gap
        distance = 0 if _AUXILIARIES.match(verb_gap) else len(gap)
    if look.nominal.partitive:  # what happened after "of the 30 rockets" happened to the 30
        distance += _CLAUSE_PENALTY
    if cue[2] in _WEAK:  # "2,000 people affected by the floods were evacuated"
        distance += _CLAUSE_PENALTY
    return gap, distance
