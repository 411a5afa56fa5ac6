"""Classes of scanner failure seen on real reports, each pinned by sentences of our own
wording: exact values, years and dates that are not counts, determiners that are not
people, hedges and revised tolls, categories that are not displacement, and text in a
language the scanner has no word lists for.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from summarizer.evidence import detect_language, has_lexicon, scan
from tests.test_evidence import find_mention

CASES = [
    # --- exact values -----------------------------------------------------------------
    pytest.param("About 4.1 million people have fled the fighting.", "4.1",
                 {"value": 4_100_000, "qualifier": "approximately", "counts": "displaced"},
                 id="decimal-million-is-exact"),
    pytest.param("Roughly 2.75 million homes lost power after the storm.", "2.75",
                 {"value": 2_750_000}, id="two-decimals-million"),
    pytest.param("Half a million residents were told to leave the coast.", "Half",
                 {"value": 500_000}, id="half-a-million"),
    pytest.param("The agency said 12 000 people were evacuated overnight.", "12 000",
                 {"value": 12_000, "counts": "evacuated"}, id="space-thousands"),
    pytest.param("The agency said 12\u2009000 people were evacuated overnight.", "12",
                 {"value": 12_000, "counts": "evacuated"}, id="thin-space-thousands"),
    pytest.param("The agency said 12\u00a0000 people were evacuated overnight.", "12",
                 {"value": 12_000, "counts": "evacuated"}, id="no-break-space-thousands"),
    pytest.param("The agency said 3\u202f450 people were evacuated overnight.", "3",
                 {"value": 3_450, "counts": "evacuated"}, id="narrow-no-break-space"),
    pytest.param("Officials said 1,50,000 people were evacuated from the delta.", "1,50,000",
                 {"value": 150_000, "counts": "evacuated"}, id="indian-grouping-lakh"),
    pytest.param("The state said 12,34,567 people were affected by the cyclone.", "12,34,567",
                 {"value": 1_234_567, "counts": "affected"}, id="indian-grouping-ten-lakh"),
    pytest.param("Nearly 1.5 lakh people were displaced by the floods.", "1.5",
                 {"value": 150_000, "qualifier": "approximately", "counts": "displaced"},
                 id="decimal-lakh"),
    pytest.param("Two lakh people were evacuated before landfall.", "Two",
                 {"value": 200_000, "counts": "evacuated"}, id="word-lakh"),
    pytest.param("The state promised 3 crore rupees in compensation.", "3",
                 {"value": 30_000_000, "kind": "money"}, id="crore-rupees"),
    pytest.param("A 6.4 magnitude quake shook the valley.", "6.4",
                 {"value": Decimal("6.4"), "kind": "measure"}, id="fraction-stays-decimal"),
    # --- years and dates are never counts ---------------------------------------------
    pytest.param("The 2024 floods killed 40 people in the valley.", "2024",
                 {"kind": "year", "counts": None}, id="year-before-a-noun"),
    pytest.param("The 2024 floods killed 40 people in the valley.", "40",
                 {"value": 40, "counts": "killed"}, id="count-after-a-year"),
    pytest.param("Survivors of the 1998 embassy bombings marked the day.", "1998",
                 {"kind": "year"}, id="year-before-a-compound"),
    pytest.param("About 2000 soldiers were sent to the border.", "2000",
                 {"kind": "count", "value": 2000}, id="year-shaped-count-of-people"),
    pytest.param("Raids on Nov. 1 and 2 killed 14 soldiers.", "2 ",
                 {"kind": "date", "date": "--11-02", "counts": None}, id="day-after-a-month"),
    pytest.param("Raids on Nov. 1 and 2 killed 14 soldiers.", "14",
                 {"value": 14, "counts": "killed"}, id="count-after-listed-days"),
    pytest.param("Clashes on March 3, 4 and 5, 2023 left nine dead.", "4",
                 {"kind": "date", "date": "--03-04"}, id="days-listed-with-commas"),
    pytest.param("On June 20, 12 people were killed.", "12",
                 {"kind": "count", "counts": "killed"}, id="a-count-after-a-date-and-comma"),
    pytest.param("On 3 June, 15 soldiers died in the raid.", "15",
                 {"kind": "count", "counts": "killed"}, id="a-count-after-day-month"),
    pytest.param("Nov. 3 and 4 others were hurt.", "4",
                 {"kind": "count", "counts": "injured"}, id="people-after-a-listed-number"),
    pytest.param("At 10:30, 12 people were killed.", "12",
                 {"kind": "count", "counts": "killed"}, id="a-count-after-a-clock-time"),
    pytest.param("By 9 a.m., 40 people had been evacuated.", "40",
                 {"kind": "count", "counts": "evacuated"}, id="a-count-after-a-morning-hour"),
    pytest.param("Police said 12345678901234567 people were killed.", "1234",
                 {"kind": "label", "counts": None}, id="too-many-digits-for-a-count"),
    # --- determiners are one only for a victim ----------------------------------------
    pytest.param("Police said a man was killed in the blast.", "a man",
                 {"value": 1, "counts": "killed"}, id="a-victim-is-one"),
    pytest.param("Gunmen torched 4 vans and killed 2 Afghans at the checkpoint.", "4",
                 {"counts": None, "noun_class": "thing"}, id="vans-are-not-people"),
    pytest.param("Gunmen torched 4 vans and killed 2 Afghans at the checkpoint.", "2",
                 {"counts": "killed", "noun_class": "person"}, id="demonym-from-the-list"),
    pytest.param("The council approved 3 plans for new shelters.", "3",
                 {"counts": None, "noun_class": "thing"}, id="plans-are-not-people"),
    # --- hedges anywhere in the phrase, and revised tolls ------------------------------
    pytest.param("By evening the death toll rose toward 300.", "300",
                 {"qualifier": "approximately", "counts": "killed"}, id="rose-toward"),
    pytest.param("At least another 12 people were killed overnight.", "12",
                 {"qualifier": "at_least", "counts": "killed"}, id="hedge-before-another"),
    pytest.param("Up to a total of 40 people are missing.", "40",
                 {"qualifier": "up_to", "counts": "missing"}, id="hedge-before-a-total-of"),
    pytest.param("The blast killed 12, at least, according to medics.", "12",
                 {"qualifier": "at_least", "counts": "killed"}, id="hedge-after-the-number"),
    pytest.param("The death toll rose from about 27 to 43 on Monday.", "43",
                 {"value": 43, "high": None, "qualifier": "exact", "counts": "killed"},
                 id="revised-toll-new-figure"),
    pytest.param("The death toll rose from about 27 to 43 on Monday.", "27",
                 {"value": 27, "high": None, "qualifier": "approximately"},
                 id="revised-toll-old-figure-keeps-its-hedge"),
    pytest.param("The death toll climbed from 15 to 21 overnight.", "21",
                 {"value": 21, "high": None}, id="climbed-from-to"),
    pytest.param("By Friday the death toll was as high as 300.", "300",
                 {"qualifier": "up_to", "counts": "killed"}, id="as-high-as"),
    pytest.param("The bus carried 40 passengers when it overturned, killing sixty.", "40",
                 {"counts": None}, id="another-count-in-words-takes-the-verb"),
    pytest.param("Of 60 passengers, eleven died.", "60",
                 {"counts": None}, id="a-whole-before-a-part-in-words"),
    pytest.param("Between 15 and 21 people were killed.", "15",
                 {"value": 15, "high": 21, "qualifier": "range"}, id="a-real-range-stays"),
    # --- a part that points back at the toll before it -------------------------------
    pytest.param("The blast killed 60 people. Among them were about 25 council staff.", "25",
                 {"counts": "killed", "partitive": True}, id="among-them-points-back"),
    pytest.param("The army said 40 fighters were killed. Of them, 10 were commanders.", "10",
                 {"counts": "killed", "partitive": True}, id="of-them-points-back"),
    pytest.param("Twelve people were hurt in the crash. Of those, 3 remain in hospital.", "3",
                 {"counts": "injured"}, id="of-those-points-back"),
    # --- categories that are not displacement -----------------------------------------
    pytest.param("Nine million people are in need of humanitarian assistance.", "Nine",
                 {"value": 9_000_000, "counts": "in_need"}, id="in-need-of-assistance"),
    pytest.param("Some 80,000 people need food aid after the harvest failed.", "80,000",
                 {"counts": "in_need"}, id="need-aid"),
    pytest.param("The floods affected 2,000 families in the district.", "2,000",
                 {"counts": "affected"}, id="affected"),
    pytest.param("About 2,000 people affected by the floods were evacuated.", "2,000",
                 {"counts": "evacuated"}, id="a-verb-outweighs-affected"),
    # --- a language without a lexicon: numbers found, what they count unread ----------
    pytest.param("El ataque dejó 12 muertos y 30 heridos, según la policía local.", "12",
                 {"value": 12, "counts": None}, id="spanish-dead-unread"),
    pytest.param("El ataque dejó 12 muertos y 30 heridos, según la policía local.", "30",
                 {"value": 30, "counts": None}, id="spanish-wounded-unread"),
    pytest.param("Die Polizei nahm 12 Personen fest, die bei dem Angriff verletzt wurden.",
                 "12", {"value": 12, "counts": None}, id="german-die-is-not-to-die"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "target", "expected"), CASES)
def test_scan(sentence: str, target: str, expected: dict[str, Any]) -> None:
    mention = find_mention(sentence, target)
    actual = {field: getattr(mention, field) for field in expected}
    actual = {k: v.value if hasattr(v, "value") and k != "value" else v for k, v in actual.items()}
    assert actual == expected


@pytest.mark.parametrize(
    "sentence",
    ["About 4.1 million people have fled.", "Nearly 1.5 lakh people were displaced.",
     "Some 0.3 million tonnes of grain were lost.", "Some 2.2 million were evacuated."],
)  # fmt: skip
def test_whole_values_are_ints_never_floats(sentence: str) -> None:
    values = [m.value for m in scan(sentence) if m.value is not None]
    assert values and all(type(v) is int for v in values)


def test_a_list_after_a_comma_is_not_a_thousands_group() -> None:
    mentions = scan("Tallies from the camps were 1, 200 and 3 on Monday.")
    assert [m.value for m in mentions] == [1, 200, 3]


def test_a_determiner_beyond_a_clause_is_no_one() -> None:
    mentions = scan("Three people were wounded after a bomber blew himself up.")
    assert [m.text for m in mentions] == ["Three"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Three people were killed and five were wounded in the attack, police said.", "en"),
     ("El ataque dejó 12 muertos y 30 heridos en la ciudad, según la policía.", "es"),
     ("Die Polizei teilte mit, dass bei dem Angriff 12 Menschen verletzt wurden.", "de"),
     ("L'attaque a fait 12 morts et 30 blessés selon la police de la ville.", "fr"),
     ("В результате удара погибли 12 человек.", "ru"),
     ("4 killed", None)],
)  # fmt: skip
def test_language_is_told_by_its_common_words(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_only_english_has_a_lexicon_and_short_texts_count_as_english() -> None:
    assert has_lexicon("en") and has_lexicon(None)
    assert not has_lexicon("es")


def test_english_counts_are_read_in_short_texts() -> None:
    assert [m.counts and m.counts.value for m in scan("4 killed")] == ["killed"]
