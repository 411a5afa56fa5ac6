"""Regressions for the misreadings seen on real reports, held at the verdict: each row is
a wrong record that a misread number once made `supported`, and a right one beside it.
Sentences of our own wording."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from summarizer.records import Qualifier
from summarizer.verify import Status, verify


class _Count(BaseModel):
    value: float
    high: float | None = None
    qualifier: Qualifier = Qualifier.EXACT


class _Killed(BaseModel):
    killed: _Count


class _Injured(BaseModel):
    injured: _Count


class _Displaced(BaseModel):
    displaced: _Count


class _Evacuated(BaseModel):
    evacuated: _Count


def _status(record: BaseModel, source: str) -> Status:
    findings = verify(record, source).findings
    assert len(findings) == 1
    return findings[0].status


_NOT_PROVEN = {
    Status.UNSUPPORTED,
    Status.MISATTRIBUTED,
    Status.QUALIFIER_MISMATCH,
    Status.UNCONFIRMED,
}

WRONG = [
    pytest.param(_Killed(killed=_Count(value=2024)), "The 2024 floods killed 40 people.",
                 id="a-year-is-not-a-toll"),
    pytest.param(_Killed(killed=_Count(value=2)), "Raids on Nov. 1 and 2 killed 14 soldiers.",
                 id="a-day-of-the-month-is-not-a-toll"),
    pytest.param(_Injured(injured=_Count(value=1)),
                 "Three people were wounded after a bomber blew himself up.",
                 id="a-determiner-is-not-a-victim"),
    pytest.param(_Injured(injured=_Count(value=5)),
                 "Gunmen destroyed 5 vans and wounded 3 guards.", id="vans-are-not-people"),
    pytest.param(_Killed(killed=_Count(value=300)), "By evening the death toll rose toward 300.",
                 id="a-hedge-in-the-phrase-is-kept"),
    pytest.param(_Killed(killed=_Count(value=27, high=43, qualifier=Qualifier.RANGE)),
                 "The death toll rose from about 27 to 43.", id="a-revised-toll-is-no-range"),
    pytest.param(_Displaced(displaced=_Count(value=9_000_000)),
                 "Nine million people are in need of humanitarian assistance.",
                 id="in-need-is-not-displaced"),
    pytest.param(_Evacuated(evacuated=_Count(value=2_000)),
                 "The floods affected 2,000 families in the district.",
                 id="affected-is-not-evacuated"),
    pytest.param(_Displaced(displaced=_Count(value=4_099_999.9999999995)),
                 "About 4.1 million people fled the fighting.", id="no-float-artefacts"),
]  # fmt: skip

RIGHT = [
    pytest.param(_Killed(killed=_Count(value=40)), "The 2024 floods killed 40 people.",
                 id="the-toll-after-a-year"),
    pytest.param(_Killed(killed=_Count(value=14)), "Raids on Nov. 1 and 2 killed 14 soldiers.",
                 id="the-toll-after-listed-days"),
    pytest.param(_Killed(killed=_Count(value=300, qualifier=Qualifier.APPROXIMATELY)),
                 "By evening the death toll rose toward 300.", id="the-hedged-toll"),
    pytest.param(_Killed(killed=_Count(value=43)), "The death toll rose from about 27 to 43.",
                 id="the-revised-toll"),
    pytest.param(_Evacuated(evacuated=_Count(value=12_000)),
                 "The agency said 12 000 people were evacuated.", id="space-grouped-thousands"),
    pytest.param(_Evacuated(evacuated=_Count(value=150_000)),
                 "Officials said 1,50,000 people were evacuated.", id="indian-grouping"),
    pytest.param(_Displaced(displaced=_Count(value=150_000, qualifier=Qualifier.APPROXIMATELY)),
                 "Nearly 1.5 lakh people were displaced.", id="lakh"),
    pytest.param(_Displaced(displaced=_Count(value=4_100_000,
                                             qualifier=Qualifier.APPROXIMATELY)),
                 "About 4.1 million people fled the fighting.", id="a-scaled-decimal"),
]  # fmt: skip


@pytest.mark.parametrize(("record", "source"), WRONG)
def test_a_misread_number_no_longer_supports_a_wrong_record(record: BaseModel, source: str) -> None:
    assert _status(record, source) in _NOT_PROVEN


@pytest.mark.parametrize(("record", "source"), RIGHT)
def test_the_right_record_beside_it_is_supported(record: BaseModel, source: str) -> None:
    assert _status(record, source) is Status.SUPPORTED
