"""Word lists per language, as data. English is the only one, and the scanner's
patterns are compiled from it: a second language needs its module here with the same
names AND the scanner's modules made to read the lexicon of the text's language;
registering it here alone would claim a lexicon the scanner does not use. Elsewhere the
scanner finds the numbers but not what they count, and the verifier says so."""

from types import ModuleType

from summarizer.evidence.lexicons import en

LEXICONS: dict[str, ModuleType] = {"en": en}
