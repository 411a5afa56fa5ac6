"""Which language a text is in, cheaply: enough to know whether the scanner can read
what its numbers count.

A count is only as good as the words around it; in a language without a lexicon the
scanner still finds digits, but cannot say what they count.
"""

from __future__ import annotations

import re
from collections import Counter

from summarizer.evidence.lexicons import LEXICONS

# Short, frequent words that mark a language and rarely occur in the others.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of was were have has been that with from said after by".split()),
    "es": frozenset("el la los las del que y fue en por con según una".split()),
    "fr": frozenset("le la les des du et est ont été dans une par selon qui".split()),
    "de": frozenset("der die das und ist wurden sind nach mit von bei dem ein eine".split()),
    "pt": frozenset("o os da do das dos e foi em com uma segundo não foram".split()),
    "it": frozenset("il gli della di che è sono stati nel una per secondo".split()),
    "nl": frozenset("de het een en van zijn werd door bij dat niet".split()),
}
_SCRIPTS = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
# Any character of the scripts above: a text with none is in none of them, and need not
# have its letters counted.
_ANY_SCRIPT = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff\u0900-\u097f]")


def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each stop word's languages, in the order of _STOP_WORDS: one look-up a word, not
    one a language, with hits counted in the same order (which breaks ties)."""
    found: dict[str, tuple[str, ...]] = {}
    for code, words in _STOP_WORDS.items():
        for word in words:
            found[word] = (*found.get(word, ()), code)
    return found


_LANGUAGES_OF = _languages_of()
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 5_000  # characters: the language of a news report shows in its first lines
_MIN_HITS = 3

LEXICON_LANGUAGES = frozenset(LEXICONS)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there are too few words to
    tell. Cyrillic text is reported as "ru" and Arabic-script text as "ar": scripts,
    not languages, but the scanner has no lexicon for either."""
    sample = text[:_SAMPLE]
    if _ANY_SCRIPT.search(sample):
        letters = sum(1 for c in sample if c.isalpha())
        for code, script in _SCRIPTS:
            if letters and len(script.findall(sample)) > letters / 3:
                return code
    hits: Counter[str] = Counter()
    # Only the stop words, in text order: hits are counted, ties broken, as word by word.
    for word in filter(_LANGUAGES_OF.__contains__, _WORD.findall(sample.lower())):
        for code in _LANGUAGES_OF[word]:
            hits[code] += 1
    if not hits:
        return None
    code, n = hits.most_common(1)[0]
    return code if n >= _MIN_HITS else None


def has_lexicon(language: str | None) -> bool:
    """Can the scanner read what counts count in this language? Unknown counts as
    English: short texts ("4 killed") give too few words to tell."""
    return language is None or language in LEXICON_LANGUAGES
