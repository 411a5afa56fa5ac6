"""What a count counts: the noun phrase after a number ("three emergency responders",
"80 Shahed drones") and whether it is people, munitions or things."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.evidence.cues import CUE_RE
from summarizer.evidence.lexicons import en as lx
from summarizer.evidence.patterns import AGED, alt
from summarizer.evidence.subjects import Subject

_PUNCTUATION = re.compile(r"[^\s\w-]")
_DIGIT = re.compile(r"\d")
ZERO_PRONOUN = re.compile(r"(?i)no[- ]one|nobody")
_WORD = re.compile(r"[A-Za-z][\w'’-]*\w|[A-Za-z]")
_RESTATED = re.compile(r"\s*\(\d[\d,]*\)")
_AGE_ADJECTIVE = re.compile(rf"(?i)\s+{AGED}(?=\s)")
_OF_PRONOUN = re.compile(r"(?i)\s+of\s+(?:them|whom|those)\b")
# "killing nine people, including six policemen": the six share the nine's verb.
INCLUDING = re.compile(
    r"(?i)\b(?:including|among them|among whom|of whom"
    r"|among (?:the )?(?:dead|injured|wounded|killed|victims)(?:\s+(?:is|are|was|were))?)\s+$"
)
# "four of the 12 missiles were brought down": the 12 are the whole, the verb is the four's.
PART_OF = re.compile(
    rf"(?i)\b(?:\d[\d,]*|(?:{alt([*lx.UNITS, *lx.TENS])})(?:-[a-z]+)?|most|half|none)"
    r"\s+of\s+(?:the\s+)?$"
)
# "33 of 45 drones": the noun comes after the total.
_OF_TOTAL = re.compile(r"\s+of\s+(?:the\s+)?(?P<total>\d[\d,]*|[A-Za-z]+(?:-[A-Za-z]+)?)\s+")
_STOP_WORDS = frozenset(
    """were was is are be been being have has had in on at by from to and or with for who
    that which as after when while during since including said says say according but than
    of into near across amid among between""".split()
)
NUMBER_WORD_SET = frozenset([*lx.UNITS, *lx.TENS])
_PRONOUNS = frozenset({"them", "those", "these", "whom", "which", "us", "each", "all"})


@dataclass(slots=True)
class Nominal:
    end: int
    cls: str = "none"  # person, munition, thing, unknown or none
    noun: str | None = None
    group: str | None = None
    weapon: str | None = None
    counts: Subject | None = None
    partitive: bool = False  # "25 of the 30 rockets"


def noun_phrase(text: str, pos: int) -> Nominal:
    """The head noun after a number: "three emergency responders", "80 Shahed drones"."""
    window = text[pos : pos + 80]
    if window[:1].isalpha():  # "16feet": glued words are units, handled elsewhere
        return Nominal(pos)
    restated = _RESTATED.match(window)  # "Seventeen (17) suspects"
    if restated:
        pos += restated.end()
        window = text[pos : pos + 80]
    age = _AGE_ADJECTIVE.match(window)  # "a 16-year-old boy"
    if age:
        pos += age.end()
        window = text[pos : pos + 80]
    of_total = _OF_TOTAL.match(window)
    total = of_total.group("total") if of_total else ""
    partitive = total[:1].isdigit() or total.lower().split("-")[0] in NUMBER_WORD_SET
    if of_total and partitive:
        pos += of_total.end() - 1
        window = text[pos : pos + 80]
    partitive = partitive or _OF_PRONOUN.match(window) is not None  # "11 of them children"
    nominal = _noun_words(text, pos, window)
    nominal.partitive = partitive
    return nominal


_Word = tuple[str, int, int]  # lower-cased word, start, end


def _phrase_words(pos: int, window: str) -> list[_Word]:
    """Up to six words after a number, to the first punctuation or number."""
    words: list[_Word] = []
    capitalised = False  # the last word
    cursor = 0
    for w in _WORD.finditer(window):
        if w.start() - cursor == 1 and window[cursor] == " ":
            pass  # one space, the most common gap, holds neither punctuation nor a number
        elif _PUNCTUATION.search(window, cursor, w.start()):
            break
        elif _DIGIT.search(window, cursor, w.start()) and not capitalised:
            # "2024 floods killed 40 people": another number starts another phrase, but a
            # model number after a name ("three Boeing 737 jets") does not
            break
        word = w.group()
        words.append((word.lower().replace("’", "'"), pos + w.start(), pos + w.end()))
        capitalised = word[0].isupper()
        cursor = w.end()
        if len(words) == 6:
            break
    return words


def counted_noun_at(text: str, pos: int) -> bool:
    """Is the word right after pos a noun for people, munitions or an outcome?"""
    words = _phrase_words(pos, text[pos : pos + 40])
    if not words or words[0][1] - pos > 2:
        return False
    found = _head_at(text, pos, words, 0)
    return found is not None and (found.cls in {"person", "munition"} or found.counts is not None)


def _noun_words(text: str, pos: int, window: str) -> Nominal:
    words = _phrase_words(pos, window)
    i = 1 if words[:1] and words[0][0] == "of" and len(words) > 1 else 0
    while i < len(words) and i < 5:
        word = words[i][0]
        if word in _STOP_WORDS:
            break
        head = _head_at(text, pos, words, i)
        if head is not None:
            return head
        if CUE_RE.fullmatch(word) and _compound_head(words, i + 1) is None:
            break  # "450 families fled": the verb ends the phrase; "637 evacuation centres" not
        if word in _PRONOUNS:
            return _pronoun(words, i)
        i += 1
    unknown = bool(words) and words[0][0] not in _STOP_WORDS
    return Nominal(pos, "unknown" if unknown else "none")


def _head_at(text: str, pos: int, words: list[_Word], i: int) -> Nominal | None:
    """The noun phrase whose first noun is words[i], if it is one."""
    pair = f"{words[i][0]} {words[i + 1][0]}" if i + 1 < len(words) else ""
    for phrase, width in ((pair, 2), (words[i][0], 1)):
        found = _classify_noun(phrase) if phrase else None
        if found is None:
            continue
        # The head is the last noun of a compound: "armoured personnel carriers" are
        # things, "attack drones" munitions, "child soldiers" soldiers.
        while (head := _compound_head(words, i + width)) is not None:
            found, i, width = head
        cls, group, weapon, counts = found
        end = words[i + width - 1][2]
        if cls == "munition":
            end, weapon = _extend_weapons(text, words, i + width, end, weapon)
        return Nominal(end, cls, text[pos:end].strip(" -"), group, weapon, counts)
    return None


def _pronoun(words: list[_Word], i: int) -> Nominal:
    """ "11 of them children": a person noun just after the pronoun says who."""
    for later in words[i + 1 : i + 3]:
        if later[0] in lx.PERSON_NOUNS:
            return Nominal(later[2], "person", words[i][0], lx.PERSON_NOUNS[later[0]])
    return Nominal(words[i][2], "unknown", words[i][0])


def _compound_head(
    words: list[_Word], j: int
) -> tuple[tuple[str, str | None, str | None, Subject | None], int, int] | None:
    """A noun right after a noun, which the first one modifies; an outcome word after a
    noun ("people killed") says what happened to it and is left to the cue search."""
    for width in (2, 1):
        if j + width > len(words):
            continue
        phrase = " ".join(w for w, _, _ in words[j : j + width])
        found = None if phrase in lx.OUTCOME_NOUNS else _classify_noun(phrase)
        if found is not None:
            return found, j, width
    return None


def _classify_noun(phrase: str) -> tuple[str, str | None, str | None, Subject | None] | None:
    if phrase in lx.OUTCOME_NOUNS:
        return "person", "total", None, lx.OUTCOME_NOUNS[phrase]
    if phrase in lx.PERSON_NOUNS:
        return "person", lx.PERSON_NOUNS[phrase], None, None
    if phrase in lx.WEAPON_NOUNS:
        return "munition", None, lx.WEAPON_NOUNS[phrase], None
    if phrase in lx.THING_NOUNS:
        return "thing", None, None, None
    if phrase in lx.DEMONYMS:  # "Palestinians", "Iraqis", "Congolese"
        return "person", "total", None, None
    return None


def _extend_weapons(
    text: str, words: list[_Word], i: int, end: int, weapon: str | None
) -> tuple[int, str | None]:
    """Take in "... and decoy drones" after "80 Shahed"; mixed drones count as drones."""
    if i >= len(words) or words[i][0] not in {"and", "or"}:
        return end, weapon
    kinds = {weapon}
    for j in range(i + 1, min(i + 4, len(words))):
        if words[j][0] in NUMBER_WORD_SET or _DIGIT.search(text, words[j - 1][2], words[j][1]):
            break  # "112 drones and six missiles": a count of its own
        other = lx.WEAPON_NOUNS.get(words[j][0])
        if other is None:
            if len(kinds) > 1:
                break
            continue
        kinds.add(other)
        end = words[j][2]
    if kinds <= {"drone", "decoy_drone"} and len(kinds) > 1:
        return end, "drone"
    return end, kinds.pop() if len(kinds) == 1 else "unknown"
