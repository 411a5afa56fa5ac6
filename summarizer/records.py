"""The record types (schema v2): the contract between engines, verifier and output.

Field descriptions double as the LLM's instructions, so they say what to put
in each field, not how the code uses it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

SCHEMA_VERSION = "2"

# Counts are whole: write 14, not 14.0, while keeping 1.5 (million) possible.
Number = Annotated[
    float,
    PlainSerializer(lambda v: int(v) if float(v).is_integer() else v),
]


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    APPROXIMATELY = "approximately"
    UP_TO = "up_to"
    FEWER_THAN = "fewer_than"
    RANGE = "range"


class Outcome(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"


class Group(StrEnum):
    TOTAL = "total"
    CIVILIANS = "civilians"
    CHILDREN = "children"
    EMERGENCY_RESPONDERS = "emergency_responders"
    MILITARY = "military"
    OTHER = "other"


class AffectedKind(StrEnum):
    EVACUATED = "evacuated"
    DISPLACED = "displaced"
    RESCUED = "rescued"
    DETAINED = "detained"


class DamageStatus(StrEnum):
    DESTROYED = "destroyed"
    PARTIALLY_COLLAPSED = "partially_collapsed"
    DAMAGED = "damaged"
    FIRE = "fire"


class Weapon(StrEnum):
    DRONE = "drone"
    DECOY_DRONE = "decoy_drone"
    MISSILE = "missile"
    CRUISE_MISSILE = "cruise_missile"
    BALLISTIC_MISSILE = "ballistic_missile"
    GUIDED_BOMB = "guided_bomb"
    ROCKET = "rocket"
    ARTILLERY = "artillery"
    UNKNOWN = "unknown"


class DatePrecision(StrEnum):
    """UCDP's date precision: the day, 2–6 days, the week, the month, the year."""

    DAY = "day"
    DAYS = "days"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class TemporalStatus(StrEnum):
    CURRENT = "current"
    HISTORICAL = "historical"
    PLANNED = "planned"
    NEGATED = "negated"


class ActorCategory(StrEnum):
    """ACLED's actor categories (its `inter` codes 1–8, in order)."""

    STATE_FORCES = "State forces"
    REBEL_GROUPS = "Rebel groups"
    POLITICAL_MILITIAS = "Political militias"
    IDENTITY_MILITIAS = "Identity militias"
    RIOTERS = "Rioters"
    PROTESTERS = "Protesters"
    CIVILIANS = "Civilians"
    EXTERNAL_OTHER = "External/Other forces"


class EventType(StrEnum):
    """ACLED's six event types, plus one for accidents and natural disasters."""

    BATTLES = "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"
    DISASTER = "Disaster/accident"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Quantity(_Record):
    """A number as the source states it, with its hedge and its source span."""

    value: Number = Field(
        description=(
            "The number exactly as the article states it, never a sum or an estimate of "
            "your own. For a range, its low end. 'a dozen' is 12, 'one death' is 1."
        ),
        ge=0,
    )
    high: Number | None = Field(
        default=None,
        description="The top of a stated range ('10 to 15' gives 15), otherwise null.",
        ge=0,
    )
    qualifier: Qualifier = Field(
        default=Qualifier.EXACT,
        description=(
            "The hedge the article puts on the number: 'at least' -> at_least; 'more than', "
            "'over' -> more_than; 'about', 'around', 'nearly', 'some' -> approximately; "
            "'up to', 'as many as' -> up_to; 'fewer than', 'under' -> fewer_than; a range "
            "-> range; no hedge -> exact. Never record a stronger claim than the article makes."
        ),
    )
    quote: str | None = Field(
        default=None,
        description="The shortest verbatim span of the article that states this number.",
    )
    attributed_to: str | None = Field(
        default=None,
        description="Who reported the number ('regional prosecutor's office'), or null.",
    )

    @model_validator(mode="after")
    def _range_is_ordered(self) -> Quantity:
        if self.high is not None and self.high < self.value:
            raise ValueError("high must not be below value")
        return self


class Casualty(_Record):
    """People killed, injured or missing. One record per stated group; never add groups up."""

    outcome: Outcome = Field(description="killed, injured or missing.")
    group: Group = Field(
        default=Group.TOTAL,
        description=(
            "Who the count is of: total (people in general), civilians, children, "
            "emergency_responders (rescuers, firefighters, medics), military, or other "
            "(police, militants, 'two others'). 'two children and two others' is two records."
        ),
    )
    count: Quantity = Field(description="How many, as stated.")


class Affected(_Record):
    """People evacuated, displaced, rescued or detained."""

    kind: AffectedKind = Field(description="evacuated, displaced, rescued or detained.")
    count: Quantity = Field(description="How many, as stated.")


class Damage(_Record):
    """A damaged structure. Storeys are an attribute of the building, not a count."""

    object: str = Field(description="What was hit, in the article's words ('apartment block').")
    floors: int | None = Field(
        default=None,
        description="Storeys of the building if stated ('23-story' gives 23), otherwise null.",
        ge=0,
    )
    status: DamageStatus = Field(
        default=DamageStatus.DAMAGED,
        description="destroyed, partially_collapsed, damaged, or fire (set on fire, burning).",
    )


class MunitionTally(_Record):
    """Weapons used in an attack: how many were launched, neutralized and hit."""

    weapon: Weapon = Field(
        description=(
            "drone, decoy_drone, missile, cruise_missile, ballistic_missile, guided_bomb, "
            "rocket, artillery, or unknown. Mixed drones and decoys are drone."
        ),
    )
    description: str | None = Field(
        default=None, description="The article's words for them ('Shahed and decoy drones')."
    )
    launched: Quantity | None = Field(default=None, description="How many were launched or fired.")
    neutralized: Quantity | None = Field(
        default=None, description="How many were intercepted, shot down or jammed."
    )
    hits: Quantity | None = Field(default=None, description="How many struck or hit their targets.")


class Location(_Record):
    """Where an event happened."""

    place: str | None = Field(
        default=None, description="The town, city or site, in the article's spelling."
    )
    admin1: str | None = Field(
        default=None, description="The region, province or state, if stated."
    )
    country: str | None = Field(
        default=None,
        description=(
            "The country where it happened, from the places named for the event: never "
            "from an actor's nationality ('U.S. forces', 'Russian shelling')."
        ),
    )
    latitude: float | None = Field(
        default=None, ge=-90, le=90, description="Latitude of the place, or null."
    )
    longitude: float | None = Field(
        default=None, ge=-180, le=180, description="Longitude of the place, or null."
    )
    geo_precision: int | None = Field(
        default=None,
        ge=1,
        le=3,
        description=(
            "ACLED's geo_precision of the coordinates: 1 the town itself, 2 near a town or "
            "a part of a region, 3 only the region or the country; null without coordinates."
        ),
    )


class Event(_Record):
    """One violent event (or disaster): what happened, where, when, and its toll."""

    event_type: EventType = Field(
        description=(
            "ACLED event type: Battles; Explosions/Remote violence; Violence against "
            "civilians; Protests; Riots; Strategic developments; or Disaster/accident for "
            "accidents and natural disasters."
        ),
    )
    sub_event_type: str | None = Field(
        default=None,
        description=(
            "ACLED sub-event type, e.g. 'Air/drone strike', 'Shelling/artillery/missile "
            "attack', 'Remote explosive/landmine/IED', 'Suicide bomb', 'Armed clash', "
            "'Attack', 'Agreement'."
        ),
    )
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}(-[01]\d(-[0-3]\d)?)?$",
        description=(
            "ISO date of the event (YYYY-MM-DD, or YYYY-MM / YYYY at coarser precision) "
            "only if the article states it; otherwise null."
        ),
    )
    date_text: str | None = Field(
        default=None, description="The article's words for the date ('June 20, 2025')."
    )
    date_precision: DatePrecision = Field(
        default=DatePrecision.UNKNOWN,
        description=(
            "day; days (a span of 2-6 days); week; month; year; or unknown without a date."
        ),
    )
    temporal_status: TemporalStatus = Field(
        default=TemporalStatus.CURRENT,
        description=(
            "current (the news of the article), historical (an earlier event it recalls), "
            "planned, or negated (the article says it did not happen)."
        ),
    )
    location: Location = Field(default_factory=Location, description="Where it happened.")
    initiator: str | None = Field(
        default=None,
        description="Who carried it out, in the article's words ('Russian forces'), or null.",
    )
    initiator_category: ActorCategory | None = Field(
        default=None, description="ACLED's category of the initiator, when the words say it."
    )
    target: str | None = Field(
        default=None,
        description="Who was attacked, in the article's words ('civilians'); null if unsaid.",
    )
    target_category: ActorCategory | None = Field(
        default=None, description="ACLED's category of the target, when the words say it."
    )
    description: str = Field(description="One sentence on what happened.")
    casualties: list[Casualty] = Field(
        default_factory=list,
        description="People killed, injured or missing: one record per stated group.",
    )
    affected: list[Affected] = Field(
        default_factory=list, description="People evacuated, displaced, rescued or detained."
    )
    damage: list[Damage] = Field(
        default_factory=list, description="Buildings and other structures hit."
    )
    munitions: list[MunitionTally] = Field(
        default_factory=list,
        description="Weapons launched, neutralized and hitting: one tally per kind of weapon.",
    )
    sources: list[str] = Field(
        default_factory=list, description="Who the article cites for this event."
    )


class ArticleSummary(_Record):
    """A news article as typed event records and a short summary."""

    headline: str = Field(description="A short factual headline.")
    summary: str = Field(
        description="At most three sentences. Every number in it must be stated in the article."
    )
    events: list[Event] = Field(
        default_factory=list,
        description="Every violent event or disaster the article reports, one record each.",
    )


def stated(value: float, high: float | None = None, qualifier: Qualifier | None = None) -> str:
    """A number as a person reads it: "approximately 80", "10–15", "14"."""

    def num(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else str(v)

    text = num(value) + (f"–{num(high)}" if high is not None else "")
    if qualifier is not None and qualifier not in {Qualifier.EXACT, Qualifier.RANGE}:
        text = f"{qualifier.value.replace('_', ' ')} {text}"
    return text


def json_schema() -> dict[str, object]:
    """The JSON Schema of ArticleSummary, as checked in under schemas/."""
    schema = ArticleSummary.model_json_schema()
    schema["$id"] = f"summarizer/article_summary.v{SCHEMA_VERSION}.schema.json"
    return schema
