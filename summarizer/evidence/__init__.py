"""The number scanner: every number in a text, with its span, value, hedge and kind,
and for counts, what they count.

It grounds numbers for the verifier, and the offline rules engine builds its records
from what it finds. No library reads news numbers well enough (ranges, hedges, number
words, storeys and ages told apart from counts), so this is our own.
"""

from summarizer.evidence.cues import subjects_named
from summarizer.evidence.language import LEXICON_LANGUAGES, detect_language, has_lexicon
from summarizer.evidence.mention import Kind, Mention
from summarizer.evidence.scanner import scan
from summarizer.evidence.subjects import MUNITION_SUBJECTS, PERSON_SUBJECTS, Subject
from summarizer.evidence.untrusted import gives_orders, untrusted_spans

__all__ = [
    "LEXICON_LANGUAGES",
    "MUNITION_SUBJECTS",
    "PERSON_SUBJECTS",
    "Kind",
    "Mention",
    "Subject",
    "detect_language",
    "gives_orders",
    "has_lexicon",
    "scan",
    "subjects_named",
    "untrusted_spans",
]
