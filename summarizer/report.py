"""The verification report: verdicts, findings with their evidence, and its JSON Schema."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from summarizer.evidence.mention import ExactValue, Value
from summarizer.records import Qualifier


class Status(StrEnum):
    """A verdict: supported (stated, with words that say it counts this), unconfirmed
    (stated, but no words the verifier can read say what it counts), qualifier_mismatch
    (a stronger claim than the source's), misattributed (stated for something else),
    derived (a sum of stated numbers), unsupported (not stated)."""

    SUPPORTED = "supported"
    UNCONFIRMED = "unconfirmed"
    QUALIFIER_MISMATCH = "qualifier_mismatch"
    MISATTRIBUTED = "misattributed"
    DERIVED = "derived"
    UNSUPPORTED = "unsupported"


FAILING = frozenset({Status.UNSUPPORTED, Status.MISATTRIBUTED, Status.QUALIFIER_MISMATCH})
# Under --strict a number is proven only with words that say what it counts.
STRICT_FAILING = FAILING | {Status.UNCONFIRMED}


def failing(strict: bool = False) -> frozenset[Status]:
    """The verdicts that fail the check."""
    return STRICT_FAILING if strict else FAILING


_UNSAID = frozenset({Qualifier.EXACT, Qualifier.RANGE})  # hedges a claim reads without words
_PLAIN_DIGITS = 30  # digits written out in full; a longer number is written 9.99…e+4999
_PLAIN_LIMIT = 10**_PLAIN_DIGITS


class Evidence(BaseModel):
    """A span of the source: text[start:end]."""

    start: int
    end: int
    text: str


class Finding(BaseModel):
    """The verdict on one number (or date) of a summary, with its evidence."""

    path: str = Field(description="Where the number is: events[0].casualties[1].count.")
    value: ExactValue | str | None = Field(description="The number claimed; a date as ISO.")
    high: ExactValue | None = None
    qualifier: Qualifier | None = None
    status: Status
    evidence: list[Evidence] = Field(default_factory=list)
    note: str | None = None

    def claimed(self) -> str:
        """The claim as a person reads it: "approximately 80", "10–15", "1.5", a date."""
        if self.value is None or isinstance(self.value, str):
            return str(self.value)
        text = plain(self.value) + (f"–{plain(self.high)}" if self.high is not None else "")
        if self.qualifier is not None and self.qualifier not in _UNSAID:
            text = f"{self.qualifier.value.replace('_', ' ')} {text}"
        return text


class VerificationReport(BaseModel):
    """Every number of a summary checked against its source."""

    ok: bool = Field(
        description="No finding failed: none unsupported, misattributed or "
        "qualifier_mismatch (and, under --strict, none unconfirmed)."
    )
    counts: dict[Status, int] = Field(description="How many findings have each verdict.")
    findings: list[Finding]

    @classmethod
    def of(cls, findings: list[Finding], strict: bool = False) -> VerificationReport:
        counts = Counter(f.status for f in findings)
        fails = failing(strict)
        return cls(
            ok=not any(f.status in fails for f in findings),
            counts={s: counts.get(s, 0) for s in Status},
            findings=findings,
        )


def report_json_schema() -> dict[str, object]:
    """The JSON Schema of a verification report as written, checked in under schemas/."""
    schema = VerificationReport.model_json_schema(mode="serialization")
    schema["$id"] = "summarizer/verification_report.schema.json"
    return schema


def plain(value: Value) -> str:
    """Digits as exact as the number: 14, 1.5, never 1.4999999999999998. A number of more
    than 30 digits in scientific notation, to 30 significant digits ("≈" when some are
    left out): Python writes no int of over 4,300 digits, and no reader counts them."""
    if isinstance(value, int):
        if -_PLAIN_LIMIT < value < _PLAIN_LIMIT:
            return str(value)
    elif not value.is_finite() or abs(value.adjusted()) < _PLAIN_DIGITS:
        return format(value, "f")
    return _scientific(Decimal(value))  # Decimal(int) reads any int, however long


def _scientific(number: Decimal) -> str:
    digits = number.as_tuple().digits
    shown = min(len(digits), _PLAIN_DIGITS)
    mantissa, _, exponent = format(number, f".{shown - 1}e").partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    rounded = any(digits[shown:])
    return ("≈" if rounded else "") + f"{mantissa}e{exponent}"
