"""Word lists per language, as data. English is complete; another language gets a
module of the same names here and an entry in LEXICONS. Until the scanner's patterns are
built per language, only English is read: elsewhere the scanner finds the numbers but
not what they count, and the verifier says so."""

from types import ModuleType

from summarizer.evidence.lexicons import en

LEXICONS: dict[str, ModuleType] = {"en": en}
