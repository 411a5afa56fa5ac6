"""Who attacked whom: the initiator and the target of an event, in the article's words.

Every sentence here is invented, in the styles of wire copy, UN updates, police releases
and translated reports; none is taken from a test article.
"""

from __future__ import annotations

import time

import pytest

from summarizer.actors import Actor, actors
from summarizer.records import ActorCategory

STATE = ActorCategory.STATE_FORCES
REBEL = ActorCategory.REBEL_GROUPS
MILITIA = ActorCategory.POLITICAL_MILITIAS
IDENTITY = ActorCategory.IDENTITY_MILITIAS
RIOTERS = ActorCategory.RIOTERS
PROTESTERS = ActorCategory.PROTESTERS
CIVILIANS = ActorCategory.CIVILIANS
EXTERNAL = ActorCategory.EXTERNAL_OTHER

Side = tuple[str, ActorCategory | None] | None

# (text, initiator, target), each side as (name, category) or None.
CASES: list[tuple[str, str, Side, Side]] = [
    # --- state forces ---
    (
        "nation-forces-shelled-killing-civilians",
        "KHARKIV, Ukraine (AP) — Russian forces shelled a village in the Kharkiv region on "
        "Thursday, killing two civilians, the regional governor said.",
        ("Russian forces", STATE),
        ("civilians", CIVILIANS),
    ),
    (
        "passive-killed-by-nationality-shelling-names-the-adjective",
        "Four residents were killed by Russian shelling overnight, local authorities said.",
        ("Russian", STATE),
        ("residents", CIVILIANS),
    ),
    (
        "drone-strike-named-for-its-side-is-the-subject",
        "A Ukrainian drone strike on a bus killed three passengers, Russian-installed "
        "officials said.",
        ("Ukrainian", STATE),
        ("passengers", CIVILIANS),
    ),
    (
        "agent-phrase-strike-by-nation-warplanes",
        "Nine villagers died in a strike by Israeli warplanes on the outskirts of the town.",
        ("Israeli warplanes", STATE),
        ("villagers", CIVILIANS),
    ),
    (
        "police-fired-tear-gas-at-demonstrators",
        "Police in the capital fired tear gas and live rounds at demonstrators on Saturday, "
        "witnesses told Reuters.",
        ("Police", STATE),
        ("demonstrators", PROTESTERS),
    ),
    (
        "soldiers-killed-by-a-bomb-nobody-named",
        "Two soldiers were killed and three wounded when their patrol struck a roadside bomb, "
        "the army said in a statement.",
        None,
        ("soldiers", STATE),
    ),
    (
        "country-as-subject-is-state-forces-and-no-target",
        "Russia launched 120 drones and eight missiles at Ukraine overnight, Kyiv's air force "
        "said.",
        ("Russia", STATE),
        None,
    ),
    (
        "subject-past-a-place-phrase-naming-a-country",
        "Police in Kenya shot dead two protesters during the demonstrations, a rights group said.",
        ("Police", STATE),
        ("protesters", PROTESTERS),
    ),
    (
        "paramilitary-troopers-are-state-forces-and-preferred-to-their-convoy",
        "Maoist rebels ambushed a police convoy, killing 10 paramilitary troopers.",
        ("Maoist rebels", REBEL),
        ("paramilitary troopers", STATE),
    ),
    (
        "its-troops-resolves-to-who-said-so",
        "The army said its troops killed 14 insurgents in an operation near the border.",
        ("army", STATE),
        ("insurgents", REBEL),
    ),
    (
        "possessive-country-before-military",
        "Myanmar's military carried out airstrikes on a village in Sagaing, killing 40 people, "
        "including children, a resistance group said.",
        ("Myanmar's military", STATE),
        ("people", None),
    ),
    # --- rebel groups ---
    (
        "named-group-with-suspected-is-rebels",
        "Suspected Boko Haram insurgents stormed a village in Borno state late on Friday, "
        "abducting at least 20 women, residents said.",
        ("Suspected Boko Haram insurgents", REBEL),
        ("women", CIVILIANS),
    ),
    (
        "claim-of-responsibility-outranks-the-bomber",
        "A suicide bomber detonated an explosives vest at a mosque during Friday prayers. "
        "Islamic State claimed responsibility in a statement.",
        ("Islamic State", REBEL),
        None,
    ),
    (
        "attack-by-group-fighters-with-count-of-people",
        "At least 19 people were killed in an attack by al-Shabaab fighters on a hotel in the "
        "coastal town, police said.",
        ("al-Shabaab fighters", REBEL),
        ("people", None),
    ),
    (
        "group-adjective-before-missile-attack",
        "A Houthi missile attack on the port wounded two crew members, the shipping agency said.",
        ("Houthi", REBEL),
        ("crew members", CIVILIANS),
    ),
    (
        "reuters-dateline-soldiers-before-their-base",
        "MOGADISHU, March 3 (Reuters) - Al Shabaab militants stormed a military base in "
        "central Somalia on Tuesday, killing at least eight soldiers, a military officer said.",
        ("Al Shabaab militants", REBEL),
        ("soldiers", STATE),
    ),
    (
        "translated-report-terrorists-of-group-martyring",
        "Terrorists of the Islamic State group attacked an army checkpoint, martyring three "
        "soldiers.",
        ("Terrorists of the Islamic State group", REBEL),
        ("soldiers", STATE),
    ),
    (
        "named-group-of-unsaid-category-keeps-its-name",
        "Hezbollah said it fired a salvo of rockets at an Israeli army post.",
        ("Hezbollah", None),
        ("Israeli army post", STATE),
    ),
    (
        "proper-name-before-army-is-not-a-state-army",
        "The Northern Liberation Army said its fighters ambushed a government convoy.",
        ("Northern Liberation Army", None),
        ("government convoy", STATE),
    ),
    # --- political militias ---
    (
        "unidentified-gunmen-on-motorbikes-opened-fire",
        "Unidentified gunmen on motorbikes opened fire on a crowd of mourners at a funeral, "
        "killing seven, a local official said.",
        ("Unidentified gunmen", MILITIA),
        ("mourners", CIVILIANS),
    ),
    (
        "armed-men-abducted-students",
        "Armed men abducted 25 students from a secondary school before dawn on Wednesday, "
        "state police said.",
        ("Armed men", MILITIA),
        ("students", CIVILIANS),
    ),
    (
        "bandits-are-a-political-militia",
        "Bandits killed 11 farmers and burned their homes in a raid on a farming community.",
        ("Bandits", MILITIA),
        ("farmers", CIVILIANS),
    ),
    (
        "un-update-non-state-armed-groups",
        "On 4 May, non-State armed groups attacked a health centre in Djugu territory, killing "
        "two health workers and a patient.",
        ("armed groups", MILITIA),
        ("health workers", CIVILIANS),
    ),
    # --- identity militias ---
    (
        "ethnic-name-makes-an-identity-militia",
        "Fulani militiamen raided three Dogon villages, killing at least 30 villagers, "
        "according to local officials.",
        ("Fulani militiamen", IDENTITY),
        ("villagers", CIVILIANS),
    ),
    (
        "herders-as-victims-are-civilians",
        "Two herders were shot dead by soldiers at a checkpoint.",
        ("soldiers", STATE),
        ("herders", CIVILIANS),
    ),
    (
        "armed-herders-as-attackers-are-an-identity-militia",
        "Armed herders attacked farmers in their fields, killing nine.",
        ("Armed herders", IDENTITY),
        ("farmers", CIVILIANS),
    ),
    # --- rioters and protesters ---
    (
        "mob-is-rioters-and-a-police-post-is-state",
        "An angry mob set fire to the police post and beat two officers to death.",
        ("mob", RIOTERS),
        ("police post", STATE),
    ),
    (
        "protesters-hurled-rocks-at-riot-police",
        "Protesters hurled rocks at riot police outside parliament.",
        ("Protesters", PROTESTERS),
        ("riot police", STATE),
    ),
    # --- external/other ---
    (
        "un-peacekeepers-are-external-forces",
        "Two UN peacekeepers were wounded when their base came under mortar fire, the mission "
        "said.",
        None,
        ("UN peacekeepers", EXTERNAL),
    ),
    (
        "private-security-guards-are-external-forces",
        "Private security guards at the mine shot dead three artisanal miners, residents said.",
        ("Private security guards", EXTERNAL),
        ("miners", CIVILIANS),
    ),
    # --- disasters and accidents: a target, never an initiator ---
    (
        "flood-killed-villagers-has-no-initiator",
        "Flash floods swept through the valley on Sunday, killing 12 villagers and destroying "
        "hundreds of homes.",
        None,
        ("villagers", CIVILIANS),
    ),
    (
        "earthquake-victims-are-people-of-no-category",
        "The magnitude 6.8 earthquake killed more than 2,000 people, the interior ministry said.",
        None,
        ("people", None),
    ),
    (
        "factory-explosion-workers-are-civilians",
        "An explosion at a fireworks factory killed 17 workers.",
        None,
        ("workers", CIVILIANS),
    ),
    (
        "landslide-victims-who-died",
        "Eleven miners died when a landslide buried a gold mine.",
        None,
        ("miners", CIVILIANS),
    ),
    (
        "reporting-subject-is-not-the-initiator-of-a-disaster",
        "Police said a flood killed 12 villagers.",
        None,
        ("villagers", CIVILIANS),
    ),
    # --- people's names ---
    (
        "person-name-alone-is-not-an-actor",
        "Mark Davies, 34, opened fire in a supermarket car park, police said.",
        None,
        None,
    ),
    (
        "country-spelled-first-name-is-not-a-state",
        "Chad Wilson attacked two bystanders with a hammer.",
        None,
        ("bystanders", CIVILIANS),
    ),
    (
        "named-person-in-object-is-not-a-target",
        "Gunmen shot dead Abdi Farah, a clan elder, outside his home.",
        ("Gunmen", MILITIA),
        None,
    ),
    # --- nothing said ---
    (
        "nothing-said",
        "The town was quiet on Monday after a week of unrest.",
        None,
        None,
    ),
    (
        "weapon-without-owner-is-not-an-actor",
        "A drone struck a fuel depot, causing a large fire.",
        None,
        None,
    ),
    (
        "pronoun-without-a-speaker-is-not-an-actor",
        "They opened fire without warning.",
        None,
        None,
    ),
    (
        "victims-denied-are-not-a-target",
        "No civilians were hurt in the strike, the ministry said.",
        None,
        None,
    ),
    (
        "shooting-down-drones-is-not-an-attack",
        "Ukraine's air force said it shot down 40 drones.",
        None,
        None,
    ),
    # --- nationality adjectives ---
    (
        "nationality-before-civilians-keeps-civilians",
        "Israeli strikes killed 14 Palestinian civilians, including six children, in central Gaza.",
        ("Israeli", STATE),
        ("Palestinian civilians", CIVILIANS),
    ),
    (
        "nationality-alone-as-a-noun-is-nobody",
        "A Russian was killed in the accident.",
        None,
        None,
    ),
    # --- clashes, counts of the dead, weaker cues ---
    (
        "clashes-between-list-both-sides",
        "Heavy clashes between the army and M23 rebels left dozens dead around the town, a UN "
        "report said.",
        ("army", STATE),
        ("M23 rebels", REBEL),
    ),
    (
        "clashed-with-gives-the-other-side",
        "Troops clashed with militants near the border, killing 12 of them.",
        ("Troops", STATE),
        ("militants", REBEL),
    ),
    (
        "among-the-dead-names-the-target",
        "Among the dead were two journalists and a driver for a local television station, the "
        "press union said.",
        None,
        ("journalists", CIVILIANS),
    ),
    (
        "named-dead-preferred-over-people",
        "Gunmen killed 12 people in the market town. Three police officers were among the dead.",
        ("Gunmen", MILITIA),
        ("police officers", STATE),
    ),
    (
        "at-the-hands-of",
        "Rights groups have documented dozens of deaths at the hands of security forces since "
        "the protests began.",
        ("security forces", STATE),
        None,
    ),
    (
        "blamed-on-is-an-initiator-when-nothing-better",
        "Authorities blamed the bombing on separatists, who have not commented.",
        ("separatists", REBEL),
        None,
    ),
    (
        "first-of-coordinated-subjects",
        "Soldiers and militiamen torched homes and killed 30 civilians, survivors said.",
        ("Soldiers", STATE),
        ("civilians", CIVILIANS),
    ),
    (
        "shot-and-killed-is-active",
        "Israeli soldiers shot and killed a Palestinian teenager in the West Bank, the health "
        "ministry said.",
        ("Israeli soldiers", STATE),
        ("Palestinian teenager", CIVILIANS),
    ),
    (
        "reduced-passive-victims-before-participle",
        "Soldiers killed in the ambush were buried on Friday.",
        None,
        ("Soldiers", STATE),
    ),
    (
        "police-release-suspect-armed-with-rifle",
        "At approximately 11:40 p.m., a suspect armed with a rifle fired several rounds at "
        "responding officers, striking one officer in the leg.",
        ("suspect", None),
        ("officers", None),
    ),
    (
        "all-capitals-headline-is-is-a-verb",
        "THE DEATH TOLL IS RISING AFTER IS MILITANTS ATTACK VILLAGE",
        ("MILITANTS", REBEL),
        None,
    ),
]


def _side(actor: Actor | None) -> Side:
    return None if actor is None else (actor.name, actor.category)


@pytest.mark.parametrize(
    ("text", "initiator", "target"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_actors(text: str, initiator: Side, target: Side) -> None:
    who, whom = actors(text)
    assert (_side(who), _side(whom)) == (initiator, target)
    for actor in (who, whom):
        if actor is not None:  # the name is the article's words, where they stand
            assert actor.name == " ".join(text[actor.start : actor.end].split())


def test_the_headline_is_not_read_when_the_event_sentences_say_nothing() -> None:
    text = "Russian strike kills four in city\n\nA missile hit a school, killing four people."
    body = text.index("A missile")
    who, whom = actors(text, body)
    assert who is None and _side(whom) == ("people", None)
    assert _side(actors(text)[0]) == ("Russian", STATE)  # the headline, when asked


def test_offsets_are_in_the_whole_text() -> None:
    text = "Earlier story. Gunmen killed two farmers. Later story."
    start, end = text.index("Gunmen"), text.index(" Later")
    who, whom = actors(text, start, end)
    assert who is not None and whom is not None
    assert (text[who.start : who.end], text[whom.start : whom.end]) == ("Gunmen", "farmers")


@pytest.mark.parametrize(
    ("start", "end"), [(10, 10), (50, 5), (0, 0)], ids=["empty", "reversed", "nothing"]
)
def test_an_empty_window_says_nothing(start: int, end: int) -> None:
    assert actors("Militants attacked soldiers near the border.", start, end) == (None, None)


def test_an_end_past_the_text_is_the_text() -> None:
    text = "Militants attacked soldiers."
    assert actors(text, 0, 10_000) == actors(text)


@pytest.mark.parametrize(
    "text",
    [
        # a long article: linear in its length
        "Russian forces shelled the town on Monday, killing three civilians, officials said. "
        * 2_500,
        # one run-on "sentence" of actor words
        "suspected armed militia " * 9_000,
        # runs that make the cues read back and forth as far as they may
        "Militants, " * 20_000,
        "had been " * 25_000 + "killed",
        "the " * 50_000 + "soldiers were killed",
        "killed by by by " * 15_000,
        "a-" * 100_000,
        "Mai " * 50_000,
    ],
    ids=[
        "article",
        "actor-words",
        "commas",
        "auxiliaries",
        "quantifiers",
        "by",
        "hyphens",
        "names",
    ],
)
def test_200_kb_is_read_fast(text: str) -> None:
    assert len(text) >= 200_000
    began = time.perf_counter()
    actors(text)
    assert time.perf_counter() - began < 3.0


def test_a_long_article_still_finds_its_actors() -> None:
    text = "Officials met on Monday. " * 8_000 + "Gunmen opened fire on worshippers."
    who, whom = actors(text)
    assert (_side(who), _side(whom)) == (("Gunmen", MILITIA), ("worshippers", CIVILIANS))
    assert whom is not None and whom.start > 190_000
