"""What a count counts: the outcomes and tallies the scanner tells apart."""

from __future__ import annotations

from enum import StrEnum


class Subject(StrEnum):
    """What a count counts, read from the words around it."""

    KILLED = "killed"
    INJURED = "injured"
    CASUALTIES = "casualties"  # killed and injured together, as reports often say
    MISSING = "missing"
    EVACUATED = "evacuated"
    DISPLACED = "displaced"
    RESCUED = "rescued"
    DETAINED = "detained"
    LAUNCHED = "launched"
    NEUTRALIZED = "neutralized"
    HITS = "hits"
    # Never displaced or evacuated: "nine million in need of aid", "2,000 affected".
    IN_NEED = "in_need"
    AFFECTED = "affected"


PERSON_SUBJECTS = frozenset(
    {
        Subject.KILLED,
        Subject.INJURED,
        Subject.CASUALTIES,
        Subject.MISSING,
        Subject.EVACUATED,
        Subject.DISPLACED,
        Subject.RESCUED,
        Subject.DETAINED,
        Subject.IN_NEED,
        Subject.AFFECTED,
    }
)
MUNITION_SUBJECTS = frozenset({Subject.LAUNCHED, Subject.NEUTRALIZED, Subject.HITS})


def same_subject(found: Subject, claimed: Subject) -> bool:
    """May a count the source states for `found` be given as a count of `claimed`? Only
    the same thing, or the killed or the injured as casualties: casualties are killed and
    injured together, so "12 casualties" says neither how many were killed nor how many
    were injured."""
    return found is claimed or (
        claimed is Subject.CASUALTIES and found in {Subject.KILLED, Subject.INJURED}
    )
