"""Specification of the number scanner, `summarizer.evidence.scan`, as a table.

Each case is a sentence in the style of a wire-service report, a target substring that
picks one mention (the one whose text contains, or else overlaps, the first occurrence
of the target), and only the fields of that mention the case is about.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from itertools import pairwise
from typing import Any

import pytest

from summarizer.evidence import Kind, Mention, scan

CASES = [
    # --- digits: separators, decimals, scales ------------------------------------------
    pytest.param(
        "Police said 1,250 people were evacuated from low-lying districts of Sylhet after "
        "the Surma river burst its banks.",
        "1,250",
        {"value": 1250, "kind": "count", "counts": "evacuated", "group": "total", "text": "1,250"},
        id="digits-thousands-separator",
    ),
    pytest.param(
        "Rescue crews pulled 2,300 survivors from collapsed homes in the hours after the "
        "quake, the disaster agency said.",
        "2,300",
        {"value": 2300, "kind": "count", "counts": "rescued"},
        id="digits-survivors-rescued",
    ),
    pytest.param(
        "The UN refugee agency said 12,480 people had crossed into Chad in the past week.",
        "12,480",
        {"value": 12480, "kind": "count", "qualifier": "exact"},
        id="digits-five-figure-separator",
    ),
    pytest.param(
        "Torrential rain dumped 3.5 inches of water on parts of Manila in under six hours.",
        "3.5",
        {"value": Decimal("3.5"), "kind": "measure"},
        id="digits-decimal-measure",
    ),
    pytest.param(
        "More than 1.5 million people have fled their homes since fighting erupted in "
        "Darfur, the United Nations said on Tuesday.",
        "1.5 million",
        {
            "value": 1_500_000,
            "kind": "count",
            "qualifier": "more_than",
            "counts": "displaced",
            "text": "More than 1.5 million",
        },
        id="digits-decimal-million-fled",
    ),
    pytest.param(
        "Aid agencies estimate 2 million people have been displaced by flooding in Sindh province.",
        "2 million",
        {"value": 2_000_000, "kind": "count", "counts": "displaced", "group": "total"},
        id="digits-two-million-displaced",
    ),
    pytest.param(
        "The World Bank pledged $5 million for reconstruction in the quake-hit province.",
        "5 million",
        {"value": 5_000_000, "kind": "money", "counts": None},
        id="money-dollars-million",
    ),
    pytest.param(
        "Insurers put the damage from the blaze at 12.75 million euros.",
        "12.75",
        {"value": 12_750_000, "kind": "money"},
        id="money-euros-after",
    ),
    pytest.param(
        "The government set aside £2.3bn to rebuild flood defences across the region.",
        "2.3bn",
        {"value": 2_300_000_000, "kind": "money"},
        id="money-pounds-bn",
    ),
    pytest.param(
        "Families of the victims will each receive Rs 50,000 in compensation, the state "
        "chief minister announced.",
        "50,000",
        {"value": 50_000, "kind": "money", "counts": None},
        id="money-rupees-before",
    ),
    pytest.param(
        "The kidnappers demanded a ransom of about $2 million for the release of the engineers.",
        "2 million",
        {"value": 2_000_000, "kind": "money", "qualifier": "approximately"},
        id="money-hedge-before-currency-sign",
    ),
    pytest.param(
        "The council approved £1.2m in emergency aid for families hit by the floods.",
        "1.2",
        {"value": 1_200_000, "kind": "money"},
        id="money-pounds-m-suffix",
    ),
    pytest.param(
        "Officials said 1.2m people had been displaced by the drought in the Horn of Africa.",
        "1.2",
        {"value": 1_200_000, "kind": "count", "counts": "displaced"},
        id="digits-m-suffix-people",
    ),
    pytest.param(
        "Nearly three million people were left without power after the storm.",
        "three million",
        {"value": 3_000_000, "kind": "count", "qualifier": "approximately"},
        id="words-three-million",
    ),
    pytest.param(
        "Investigators said US$3 million had been diverted from the relief fund.",
        "3 million",
        {"value": 3_000_000, "kind": "money"},
        id="money-us-dollars-prefix",
    ),
    # --- number words ---------------------------------------------------------------------
    pytest.param(
        "Fourteen people were injured when a minibus collided with a lorry on the outskirts "
        "of Nairobi, police said.",
        "Fourteen",
        {"value": 14, "kind": "count", "counts": "injured", "group": "total"},
        id="words-fourteen-sentence-start",
    ),
    pytest.param(
        "Officials said twenty-three miners were killed in a methane explosion at a coal pit "
        "in Balochistan.",
        "twenty-three",
        {"value": 23, "kind": "count", "counts": "killed", "group": "civilians"},
        id="words-hyphenated-compound",
    ),
    pytest.param(
        "The coast guard recovered the bodies of twenty three migrants off Lampedusa on Sunday.",
        "twenty three",
        {"value": 23, "kind": "count", "counts": "killed", "text": "twenty three"},
        id="words-spaced-compound",
    ),
    pytest.param(
        "The health ministry said one hundred and forty-two people had been hospitalized "
        "after the gas leak.",
        "one hundred",
        {
            "value": 142,
            "kind": "count",
            "counts": "injured",
            "text": "one hundred and forty-two",
        },
        id="words-hundred-and-compound",
    ),
    pytest.param(
        "About two hundred protesters were detained during demonstrations in central "
        "Tbilisi overnight.",
        "two hundred",
        {
            "value": 200,
            "kind": "count",
            "qualifier": "approximately",
            "counts": "detained",
            "group": "civilians",
            "text": "About two hundred",
        },
        id="words-two-hundred",
    ),
    pytest.param(
        "A hundred people were evacuated from the hotel after the bomb threat, a police "
        "spokesman said.",
        "A hundred",
        {"value": 100, "kind": "count", "counts": "evacuated"},
        id="words-a-hundred",
    ),
    pytest.param(
        "Nearly a hundred homes were destroyed when the river broke through an embankment.",
        "a hundred",
        {"value": 100, "kind": "count", "qualifier": "approximately", "counts": None},
        id="words-a-hundred-homes-counts-nothing",
    ),
    pytest.param(
        "Gunmen killed a dozen villagers in an overnight raid in Zamfara state, local "
        "officials said.",
        "a dozen",
        {"value": 12, "kind": "count", "counts": "killed", "group": "civilians"},
        id="words-a-dozen",
    ),
    pytest.param(
        "Half a dozen soldiers were wounded when their convoy hit a roadside bomb in Helmand.",
        "Half a dozen",
        {"value": 6, "kind": "count", "counts": "injured", "group": "military"},
        id="words-half-a-dozen",
    ),
    pytest.param(
        "At least two dozen people were killed in clashes between rival clans near Baidoa.",
        "two dozen",
        {"value": 24, "kind": "count", "qualifier": "at_least", "counts": "killed"},
        id="words-two-dozen",
    ),
    pytest.param(
        "Forty-five passengers were rescued after the ferry capsized on Lake Victoria.",
        "Forty-five",
        {"value": 45, "kind": "count", "counts": "rescued", "group": "civilians"},
        id="words-forty-five-sentence-start",
    ),
    pytest.param(
        "Some fifteen hundred residents fled the fighting in the border town, the Red Cross said.",
        "fifteen hundred",
        {"value": 1500, "kind": "count", "qualifier": "approximately", "counts": "displaced"},
        id="words-fifteen-hundred",
    ),
    pytest.param(
        "The interior ministry said three thousand police officers would be deployed for the vote.",
        "three thousand",
        {"value": 3000, "kind": "count", "group": "other", "counts": None},
        id="words-three-thousand-no-outcome",
    ),
    pytest.param(
        "Eighteen people died after drinking bootleg liquor in a village in Punjab.",
        "Eighteen",
        {"value": 18, "kind": "count", "counts": "killed"},
        id="words-eighteen-died",
    ),
    pytest.param(
        "Rescuers have so far recovered two hundred and five bodies from the mine.",
        "two hundred",
        {"value": 205, "kind": "count", "counts": "killed", "text": "two hundred and five"},
        id="words-two-hundred-and-five",
    ),
    pytest.param(
        "Officials said two thousand five hundred homes were destroyed by the cyclone.",
        "two thousand",
        {"value": 2500, "kind": "count", "counts": None},
        id="words-thousand-and-hundreds",
    ),
    pytest.param(
        "More than a dozen people were wounded when a grenade was thrown into the bar.",
        "a dozen",
        {"value": 12, "qualifier": "more_than", "counts": "injured", "text": "More than a dozen"},
        id="words-more-than-a-dozen",
    ),
    pytest.param(
        "An explosion at a fireworks factory in Sivakasi killed twenty-eight workers.",
        "twenty-eight",
        {"value": 28, "counts": "killed", "group": "civilians"},
        id="words-twenty-eight-workers",
    ),
    # --- one, a, no one ---------------------------------------------------------------------
    pytest.param(
        "Authorities confirmed one death after the bus plunged into a ravine in Himachal Pradesh.",
        "one death",
        {"value": 1, "kind": "count", "counts": "killed"},
        id="one-death",
    ),
    pytest.param(
        "A child was killed and four adults were injured when a mortar round landed in a "
        "school yard in Mogadishu.",
        "A child",
        {"value": 1, "kind": "count", "counts": "killed", "group": "children"},
        id="article-a-child-killed",
    ),
    pytest.param(
        "A child was killed and four adults were injured when a mortar round landed in a "
        "school yard in Mogadishu.",
        "four adults",
        {"value": 4, "kind": "count", "counts": "injured", "group": "total"},
        id="article-a-child-four-adults-injured",
    ),
    pytest.param(
        "A police officer was wounded in the exchange of fire, the provincial governor said.",
        "A police",
        {"value": 1, "kind": "count", "counts": "injured", "group": "other"},
        id="article-a-police-officer",
    ),
    pytest.param(
        "A man was shot dead outside a mosque in north Belfast late on Friday.",
        "A man",
        {"value": 1, "kind": "count", "counts": "killed", "group": "civilians"},
        id="article-a-man-shot-dead",
    ),
    pytest.param(
        "Only a single person was hurt when the gas cylinder exploded, the fire service said.",
        "a single",
        {"value": 1, "kind": "count", "counts": "injured"},
        id="article-a-single-person",
    ),
    pytest.param(
        "No one was killed in the blast, which shattered windows across the block, police said.",
        "No one",
        {"value": 0, "kind": "count", "counts": "killed"},
        id="zero-no-one-killed",
    ),
    pytest.param(
        "Nobody was hurt in the incident, according to a statement from the port authority.",
        "Nobody",
        {"value": 0, "kind": "count", "counts": "injured"},
        id="zero-nobody-hurt",
    ),
    pytest.param(
        "The fire brigade said there were no casualties among the residents of the tower.",
        "no casualties",
        {"value": 0, "kind": "count", "counts": "casualties"},
        id="zero-no-casualties",
    ),
    pytest.param(
        "No deaths were reported after the earthquake, the provincial governor said.",
        "No deaths",
        {"value": 0, "kind": "count", "counts": "killed"},
        id="zero-no-deaths",
    ),
    pytest.param(
        "None of the passengers were hurt when the plane made an emergency landing.",
        "None",
        {"value": 0, "kind": "count", "counts": "injured", "group": "civilians"},
        id="zero-none-of-the-passengers",
    ),
    pytest.param(
        "A woman and her two children were killed when the shell hit their home in Kherson.",
        "two children",
        {"value": 2, "counts": "killed", "group": "children"},
        id="article-a-woman-and-two-children",
    ),
    pytest.param(
        "A woman and her two children were killed when the shell hit their home in Kherson.",
        "A woman",
        {"value": 1, "counts": "killed", "group": "civilians"},
        id="article-a-woman-killed",
    ),
    # --- vague amounts ----------------------------------------------------------------------
    pytest.param(
        "Dozens of people were wounded when police fired tear gas at protesters in Nairobi.",
        "Dozens",
        {"value": None, "high": None, "kind": "vague", "counts": "injured", "group": "total"},
        id="vague-dozens-wounded",
    ),
    pytest.param(
        "Hundreds of residents were evacuated as the wildfire spread towards the coast.",
        "Hundreds",
        {"value": None, "kind": "vague", "counts": "evacuated", "group": "civilians"},
        id="vague-hundreds-evacuated",
    ),
    pytest.param(
        "Several soldiers were killed in an ambush on a patrol near the Malian border.",
        "Several",
        {"value": None, "kind": "vague", "counts": "killed", "group": "military"},
        id="vague-several-killed",
    ),
    pytest.param(
        "Scores of homes were flattened by the cyclone, which made landfall before dawn.",
        "Scores",
        {"value": None, "kind": "vague", "counts": None},
        id="vague-scores-of-homes",
    ),
    pytest.param(
        "A few journalists were briefly detained while covering the rally in Minsk.",
        "A few",
        {"value": None, "kind": "vague", "counts": "detained", "text": "A few"},
        id="vague-a-few-detained",
    ),
    pytest.param(
        "Tens of thousands fled the city as rebels advanced from the north.",
        "Tens of thousands",
        {"value": None, "kind": "vague", "counts": "displaced"},
        id="vague-tens-of-thousands",
    ),
    pytest.param(
        "Many people were injured in the stampede at the stadium gates, witnesses said.",
        "Many",
        {"value": None, "kind": "vague", "counts": "injured"},
        id="vague-many",
    ),
    pytest.param(
        "Several hundred people were evacuated from villages along the river on Monday.",
        "hundred",
        {"value": None, "kind": "vague"},
        id="vague-several-hundred",
    ),
    pytest.param(
        "Thousands of migrants remain stranded at the border crossing, aid groups said.",
        "Thousands",
        {"value": None, "high": None, "kind": "vague", "group": "civilians"},
        id="vague-thousands",
    ),
    pytest.param(
        "Dozens were killed and hundreds injured in the fighting around the airport.",
        "hundreds",
        {"value": None, "kind": "vague", "counts": "injured"},
        id="vague-hundreds-injured-elliptical",
    ),
    # --- ranges -----------------------------------------------------------------------------
    pytest.param(
        "Witnesses said 10-15 gunmen stormed the village before dawn.",
        "10-15",
        {"value": 10, "high": 15, "qualifier": "range", "kind": "count", "text": "10-15"},
        id="range-hyphen",
    ),
    pytest.param(
        "The strike killed 10 to 15 civilians, according to a local monitoring group.",
        "10 to 15",
        {
            "value": 10,
            "high": 15,
            "qualifier": "range",
            "counts": "killed",
            "group": "civilians",
            "text": "10 to 15",
        },
        id="range-to",
    ),
    pytest.param(
        "Between 10 and 15 people are believed to be missing after the landslide.",
        "Between 10",
        {
            "value": 10,
            "high": 15,
            "qualifier": "range",
            "counts": "missing",
            "text": "Between 10 and 15",
        },
        id="range-between-and",
    ),
    pytest.param(
        "Officials said between twenty and thirty houses were swept away.",
        "twenty",
        {
            "value": 20,
            "high": 30,
            "qualifier": "range",
            "counts": None,
            "text": "between twenty and thirty",
        },
        id="range-between-words",
    ),
    pytest.param(
        "Two or three rockets landed near the airport perimeter, a military source said.",
        "Two or three",
        {"value": 2, "high": 3, "qualifier": "range", "counts": "hits", "weapon": "rocket"},
        id="range-two-or-three",
    ),
    pytest.param(
        "The clashes left 300–400 people injured, hospital sources said.",
        "300",
        {"value": 300, "high": 400, "qualifier": "range", "counts": "injured"},
        id="range-en-dash",
    ),
    pytest.param(
        "The death toll from the landslide rose from four to eleven overnight, officials said.",
        "four",
        {"value": 4, "high": None, "qualifier": "exact", "text": "four"},
        id="change-from-to-is-not-range-low",
    ),
    pytest.param(
        "The death toll from the landslide rose from four to eleven overnight, officials said.",
        "eleven",
        {"value": 11, "high": None, "qualifier": "exact", "counts": "killed", "text": "eleven"},
        id="change-from-to-is-not-range-high",
    ),
    pytest.param(
        "The number of detained activists climbed from 20 to 35 by Thursday.",
        "35",
        {"value": 35, "high": None, "qualifier": "exact"},
        id="change-from-to-digits",
    ),
    # --- qualifiers -------------------------------------------------------------------------
    pytest.param(
        "A suicide bomber killed at least eight people at a crowded market in Quetta.",
        "eight",
        {"value": 8, "qualifier": "at_least", "counts": "killed", "text": "at least eight"},
        id="qual-at-least",
    ),
    pytest.param(
        "More than 40 people were wounded in the explosion at the fuel depot.",
        "40",
        {"value": 40, "qualifier": "more_than", "counts": "injured", "text": "More than 40"},
        id="qual-more-than",
    ),
    pytest.param(
        "Over 300 residents were evacuated as the fire approached the village.",
        "300",
        {"value": 300, "qualifier": "more_than", "counts": "evacuated", "text": "Over 300"},
        id="qual-over",
    ),
    pytest.param(
        "The navy said nearly 60 migrants were rescued from a sinking dinghy.",
        "60",
        {"value": 60, "qualifier": "approximately", "counts": "rescued"},
        id="qual-nearly",
    ),
    pytest.param(
        "Almost 2,000 homes were damaged by the storm surge, the governor said.",
        "2,000",
        {"value": 2000, "qualifier": "approximately", "counts": None},
        id="qual-almost",
    ),
    pytest.param(
        "Police estimated that around 80 demonstrators were arrested in the capital.",
        "80",
        {"value": 80, "qualifier": "approximately", "counts": "detained", "text": "around 80"},
        id="qual-around",
    ),
    pytest.param(
        "About 30 police officers were injured in the clashes, the ministry said.",
        "30",
        {"value": 30, "qualifier": "approximately", "counts": "injured", "group": "other"},
        id="qual-about",
    ),
    pytest.param(
        "Approximately 1,200 passengers were evacuated from the terminal after the alarm.",
        "1,200",
        {"value": 1200, "qualifier": "approximately", "counts": "evacuated"},
        id="qual-approximately",
    ),
    pytest.param(
        "Some 5,000 people have fled the fighting in the past week, the agency said.",
        "5,000",
        {"value": 5000, "qualifier": "approximately", "counts": "displaced", "text": "Some 5,000"},
        id="qual-some",
    ),
    pytest.param(
        "Up to 20 people are feared missing after the boat capsized.",
        "20",
        {"value": 20, "qualifier": "up_to", "counts": "missing", "text": "Up to 20"},
        id="qual-up-to",
    ),
    pytest.param(
        "Local officials said as many as 130 people may have died in the flash floods.",
        "130",
        {"value": 130, "qualifier": "up_to", "counts": "killed", "text": "as many as 130"},
        id="qual-as-many-as",
    ),
    pytest.param(
        "Fewer than 10 people were hurt, the airport operator said.",
        "10",
        {"value": 10, "qualifier": "fewer_than", "counts": "injured"},
        id="qual-fewer-than",
    ),
    pytest.param(
        "Less than 50 people turned out for the rally, which was dispersed by police.",
        "50",
        {"value": 50, "qualifier": "fewer_than", "text": "Less than 50"},
        id="qual-less-than",
    ),
    pytest.param(
        "An estimated 4,000 people were displaced by the eruption.",
        "4,000",
        {
            "value": 4000,
            "qualifier": "approximately",
            "counts": "displaced",
            "text": "An estimated 4,000",
        },
        id="qual-an-estimated",
    ),
    pytest.param(
        "No fewer than 17 soldiers were killed when militants overran the outpost.",
        "17",
        {
            "value": 17,
            "qualifier": "at_least",
            "counts": "killed",
            "group": "military",
            "text": "No fewer than 17",
        },
        id="qual-no-fewer-than",
    ),
    pytest.param(
        "Upwards of 200 people were detained after the protests, rights groups said.",
        "200",
        {"value": 200, "qualifier": "more_than", "counts": "detained"},
        id="qual-upwards-of",
    ),
    pytest.param(
        "Just under 70 people have been hospitalized with burns, doctors said.",
        "70",
        {"value": 70, "qualifier": "fewer_than", "counts": "injured"},
        id="qual-just-under",
    ),
    pytest.param(
        "20 or more people were injured in the pile-up on the motorway.",
        "20",
        {"value": 20, "qualifier": "at_least", "counts": "injured", "text": "20 or more"},
        id="qual-or-more-after",
    ),
    pytest.param(
        "Militants fired 100-plus rockets at the town over the weekend.",
        "100",
        {
            "value": 100,
            "qualifier": "more_than",
            "counts": "launched",
            "weapon": "rocket",
            "text": "100-plus",
        },
        id="qual-plus-after",
    ),
    pytest.param(
        "Organisers said 50+ volunteers were injured when the stage collapsed.",
        "50",
        {"value": 50, "qualifier": "more_than", "counts": "injured", "text": "50+"},
        id="qual-plus-sign-after",
    ),
    pytest.param(
        "Officials said 40 or so families were made homeless by the fire.",
        "40",
        {"value": 40, "qualifier": "approximately", "text": "40 or so"},
        id="qual-or-so-after",
    ),
    pytest.param(
        "Some 20-odd fishermen are still unaccounted for after the storm.",
        "20",
        {"value": 20, "qualifier": "approximately", "counts": "missing"},
        id="qual-odd-after",
    ),
    # --- storeys ----------------------------------------------------------------------------
    pytest.param(
        "Fire engulfed a 23-story apartment block in the city centre overnight.",
        "23",
        {"value": 23, "kind": "storeys", "counts": None},
        id="storeys-digits-story",
    ),
    pytest.param(
        "Part of a four-storey building collapsed after the blast, trapping residents.",
        "four",
        {"value": 4, "kind": "storeys", "counts": None},
        id="storeys-words-storey",
    ),
    pytest.param(
        "The fire spread through nine floors of the hotel before it was brought under control.",
        "nine",
        {"value": 9, "kind": "storeys", "counts": None},
        id="storeys-floors",
    ),
    pytest.param(
        "The drone hit a 16-storey residential building in the Shevchenkivskyi district.",
        "16",
        {"value": 16, "kind": "storeys", "counts": None},
        id="storeys-sixteen-storey",
    ),
    # --- ages -------------------------------------------------------------------------------
    pytest.param(
        "Police said a 17-year-old was shot dead near a bus stop in south London.",
        "17",
        {"value": 17, "kind": "age", "counts": None},
        id="age-hyphenated-year-old",
    ),
    pytest.param(
        "The victim, aged 45, was pronounced dead at the scene.",
        "45",
        {"value": 45, "kind": "age", "counts": None},
        id="age-aged",
    ),
    pytest.param(
        "The 54-year-old driver of the lorry was arrested on suspicion of manslaughter.",
        "54",
        {"value": 54, "kind": "age", "counts": None},
        id="age-54-year-old-driver",
    ),
    pytest.param(
        "A fourteen-year-old girl was among those wounded in the shelling.",
        "fourteen",
        {"value": 14, "kind": "age"},
        id="age-words-year-old",
    ),
    pytest.param(
        "Most of those detained were men in their 30s, police said.",
        "30",
        {"value": 30, "kind": "age", "counts": None},
        id="age-in-their-30s",
    ),
    pytest.param(
        "The victims, aged between 18 and 25, were attending a concert.",
        "18",
        {"value": 18, "high": 25, "qualifier": "range", "kind": "age"},
        id="age-range",
    ),
    pytest.param(
        "The two boys, aged 8 and 11, were pulled alive from the rubble.",
        "11",
        {"value": 11, "kind": "age", "counts": None},
        id="age-aged-x-and-y",
    ),
    pytest.param(
        "Gunmen killed 12 people, including a 3-year-old child, in the raid on the village.",
        "3-year",
        {"value": 3, "kind": "age", "counts": None},
        id="age-child-in-apposition",
    ),
    # --- years ------------------------------------------------------------------------------
    pytest.param(
        "It was the deadliest attack on the city in 2007, when a truck bomb killed 140 people.",
        "2007",
        {"value": 2007, "kind": "year", "date": "2007", "counts": None},
        id="year-in",
    ),
    pytest.param(
        "The region has been under a state of emergency since 1994.",
        "1994",
        {"value": 1994, "kind": "year", "date": "1994"},
        id="year-since",
    ),
    pytest.param(
        "The floods were the worst since the 2010 disaster that submerged a fifth of the country.",
        "2010",
        {"kind": "year", "date": "2010", "counts": None},
        id="year-attributive",
    ),
    pytest.param(
        "The insurgency has simmered since the 1990s.",
        "1990",
        {"kind": "year"},
        id="year-decade",
    ),
    pytest.param(
        "Authorities said 2000 people were evacuated from the flood zone.",
        "2000",
        {"value": 2000, "kind": "count", "counts": "evacuated", "date": None},
        id="year-shaped-count-people",
    ),
    pytest.param(
        "The army said 2016 rockets had been fired at its positions since the truce began.",
        "2016",
        {"value": 2016, "kind": "count", "counts": "launched", "weapon": "rocket"},
        id="year-shaped-count-rockets",
    ),
    pytest.param(
        "Twenty-one people were killed in similar floods in mid-2023.",
        "2023",
        {"kind": "year", "date": "2023"},
        id="year-mid",
    ),
    pytest.param(
        "The insurgency between 2010 and 2015 left much of the province in ruins.",
        "2010",
        {"kind": "year", "counts": None},
        id="year-range-between",
    ),
    # --- dates ------------------------------------------------------------------------------
    pytest.param(
        "The drone attack on Odesa took place on June 20, 2025, regional officials said.",
        "June 20",
        {"kind": "date", "date": "2025-06-20", "value": None, "text": "June 20, 2025"},
        id="date-month-day-year",
    ),
    pytest.param(
        "The ceasefire, agreed on 20 June 2025, collapsed within days.",
        "20 June",
        {"kind": "date", "date": "2025-06-20", "text": "20 June 2025"},
        id="date-day-month-year",
    ),
    pytest.param(
        "The bombing on March 3 was the third in the province this year.",
        "March 3",
        {"kind": "date", "date": "--03-03"},
        id="date-month-day-no-year",
    ),
    pytest.param(
        "The dam was breached in May 2024, flooding dozens of villages downstream.",
        "May 2024",
        {"kind": "date", "date": "2024-05"},
        id="date-month-year",
    ),
    pytest.param(
        "The shooting happened on 2024-11-05 outside a polling station, court papers show.",
        "2024-11-05",
        {"kind": "date", "date": "2024-11-05"},
        id="date-iso",
    ),
    pytest.param(
        "The vessel left port on 15/08/2023 with some 300 people on board.",
        "15/08/2023",
        {"kind": "date", "date": "2023-08-15"},
        id="date-numeric-day-first",
    ),
    pytest.param(
        "Protesters have gathered every night since the 3rd of July.",
        "3rd",
        {"kind": "date", "date": "--07-03"},
        id="date-ordinal-of-month",
    ),
    pytest.param(
        "Voting was postponed from Sept. 14, 2022 after the attack on the electoral office.",
        "Sept. 14",
        {"kind": "date", "date": "2022-09-14"},
        id="date-abbreviated-month",
    ),
    pytest.param(
        "Clashes erupted on 1 May and spread to three other cities.",
        "1 May",
        {"kind": "date", "date": "--05-01", "value": None},
        id="date-day-month-no-year",
    ),
    pytest.param(
        "The hijackers who carried out 9/11 killed nearly 3,000 people in New York and Washington.",
        "9/11",
        {"counts": None},
        id="date-nine-eleven",
    ),
    # --- times ------------------------------------------------------------------------------
    pytest.param(
        "The first explosion was heard at 3:40 a.m. on Sunday, residents said.",
        "3:40",
        {"kind": "time", "counts": None},
        id="time-am",
    ),
    pytest.param(
        "A curfew will be in force from 10pm until dawn, the military said.",
        "10pm",
        {"kind": "time"},
        id="time-pm-glued",
    ),
    pytest.param(
        "The gunfire began shortly after 14:30 local time near the presidential palace.",
        "14:30",
        {"kind": "time"},
        id="time-24-hour",
    ),
    pytest.param(
        "The ship sent a distress signal at 1900 GMT before contact was lost.",
        "1900",
        {"kind": "time"},
        id="time-military-gmt-year-shaped",
    ),
    pytest.param(
        "The strikes began at 0600 GMT and continued for several hours.",
        "0600",
        {"kind": "time", "counts": None},
        id="time-military-gmt-leading-zero",
    ),
    pytest.param(
        "The strike hit the depot at 2 p.m. on Monday, the governor said.",
        "2 p.m.",
        {"kind": "time", "value": None, "text": "2 p.m."},
        id="time-p-m-dotted",
    ),
    pytest.param(
        "Between 5 and 7 p.m. the shelling of the district intensified.",
        "5",
        {"kind": "time", "counts": None},
        id="time-range-between-hours",
    ),
    # --- ordinals ---------------------------------------------------------------------------
    pytest.param(
        "It was the second attack on the convoy in a week, the army said.",
        "second",
        {"value": 2, "kind": "ordinal", "counts": None},
        id="ordinal-second",
    ),
    pytest.param(
        "The town was shelled for the 3rd time this month.",
        "3rd",
        {"value": 3, "kind": "ordinal"},
        id="ordinal-digits-3rd",
    ),
    pytest.param(
        "The blast was the deadliest of the twenty-first century in the capital.",
        "twenty-first",
        {"value": 21, "kind": "ordinal"},
        id="ordinal-words-compound",
    ),
    pytest.param(
        "Flames spread quickly from the 12th floor to the roof.",
        "12th",
        {"value": 12, "kind": "ordinal", "counts": None},
        id="ordinal-12th-floor",
    ),
    pytest.param(
        "The first explosion struck a police checkpoint shortly after dawn.",
        "first",
        {"value": 1, "kind": "ordinal", "counts": None},
        id="ordinal-first",
    ),
    pytest.param(
        "Soldiers of the 101st Airborne Division arrived in the city on Thursday.",
        "101st",
        {"value": 101, "kind": "ordinal", "counts": None},
        id="ordinal-101st",
    ),
    # --- percentages ------------------------------------------------------------------------
    pytest.param(
        "Turnout fell to 40% in the districts hit by violence.",
        "40",
        {"value": 40, "kind": "percent", "counts": None},
        id="percent-sign",
    ),
    pytest.param(
        "Food prices have risen 12 percent since the blockade began.",
        "12",
        {"value": 12, "kind": "percent"},
        id="percent-word",
    ),
    pytest.param(
        "Nearly 90 per cent of the buildings in the town were damaged.",
        "90",
        {"value": 90, "kind": "percent", "qualifier": "approximately"},
        id="percent-per-cent-hedged",
    ),
    pytest.param(
        "Power was restored to 7.5% of households by Wednesday evening.",
        "7.5",
        {"value": Decimal("7.5"), "kind": "percent"},
        id="percent-decimal",
    ),
    # --- measures ---------------------------------------------------------------------------
    pytest.param(
        "The blast was heard 30 km away, residents said.",
        "30",
        {"value": 30, "kind": "measure", "counts": None},
        id="measure-km",
    ),
    pytest.param(
        "Police arrived 20 minutes after the first shots were fired.",
        "20",
        {"value": 20, "kind": "measure", "counts": None},
        id="measure-minutes",
    ),
    pytest.param(
        "The siege of the hospital lasted two days before troops withdrew.",
        "two",
        {"value": 2, "kind": "measure", "counts": None},
        id="measure-words-days",
    ),
    pytest.param(
        "Floodwater rose to 16feet in parts of the old town.",
        "16",
        {"value": 16, "kind": "measure"},
        id="measure-glued-feet",
    ),
    pytest.param(
        "A 7.8-magnitude earthquake struck the region before dawn.",
        "7.8",
        {"value": Decimal("7.8"), "kind": "measure", "counts": None},
        id="measure-magnitude",
    ),
    pytest.param(
        "The convoy was ambushed about 40 kilometres north of the capital.",
        "40",
        {"value": 40, "kind": "measure", "qualifier": "approximately"},
        id="measure-hedged-kilometres",
    ),
    pytest.param(
        "Rebels agreed to a three-day truce to allow aid convoys into the city.",
        "three",
        {"value": 3, "kind": "measure", "counts": None},
        id="measure-three-day",
    ),
    pytest.param(
        "The storm brought winds of 120 mph to the coast.",
        "120",
        {"value": 120, "kind": "measure", "counts": None},
        id="measure-mph",
    ),
    pytest.param(
        "The wildfire has destroyed 1,500 hectares of forest near the town.",
        "1,500",
        {"value": 1500, "kind": "measure", "counts": None},
        id="measure-hectares-destroyed",
    ),
    # --- labels -----------------------------------------------------------------------------
    pytest.param(
        "Malaysia Airlines Flight 17 was shot down over eastern Ukraine.",
        "17",
        {"value": 17, "kind": "label", "counts": None},
        id="label-flight",
    ),
    pytest.param(
        "Pakistan scrambled an F-16 after the border incursion.",
        "16",
        {"kind": "label", "counts": None},
        id="label-f-16",
    ),
    pytest.param(
        "The council called for a ceasefire in line with Resolution 2254.",
        "2254",
        {"value": 2254, "kind": "label"},
        id="label-resolution",
    ),
    pytest.param(
        "Train number 91 derailed near the station, injuring passengers.",
        "91",
        {"value": 91, "kind": "label", "counts": None},
        id="label-train-number",
    ),
    pytest.param(
        "The bomb went off on Route 9 near the provincial capital.",
        "9",
        {"value": 9, "kind": "label", "counts": None},
        id="label-route",
    ),
    pytest.param(
        "The Boeing 737 skidded off the runway in heavy rain; all passengers were evacuated.",
        "737",
        {"value": 737, "kind": "label", "counts": None},
        id="label-aircraft-model",
    ),
    pytest.param(
        "Russia fired S-300 missiles at the city, the regional governor said.",
        "300",
        {"value": 300, "kind": "label", "counts": None},
        id="label-s-300",
    ),
    pytest.param(
        "The COVID-19 outbreak killed 400 people in the camp.",
        "19",
        {"value": 19, "kind": "label", "counts": None},
        id="label-covid-19",
    ),
    # --- what counts count: killed ----------------------------------------------------------
    pytest.param(
        "The airstrike hit a wedding party, killing 12 people, local officials said.",
        "12",
        {"value": 12, "counts": "killed", "group": "total"},
        id="killed-verb-before",
    ),
    pytest.param(
        "The ministry said 27 were killed when the bridge gave way.",
        "27",
        {"value": 27, "counts": "killed"},
        id="killed-verb-after-no-noun",
    ),
    pytest.param(
        "Health officials said 31 dead had been recovered from the rubble.",
        "31",
        {"value": 31, "counts": "killed", "noun": "dead"},
        id="killed-dead-noun",
    ),
    pytest.param(
        "Six people died in the fire, which broke out in a crowded textile factory.",
        "Six",
        {"value": 6, "counts": "killed"},
        id="killed-died",
    ),
    pytest.param(
        "The regional health office recorded 19 deaths from the cholera outbreak.",
        "19",
        {"value": 19, "counts": "killed"},
        id="killed-deaths",
    ),
    pytest.param(
        "Police reported 9 fatalities after the lorry ploughed into the crowd.",
        "9",
        {"value": 9, "counts": "killed", "kind": "count"},
        id="killed-fatalities",
    ),
    pytest.param(
        "The death toll has risen to 63, the civil defence agency said.",
        "63",
        {"value": 63, "counts": "killed"},
        id="killed-death-toll",
    ),
    pytest.param(
        "Security forces killed 11 militants in a raid on a hideout in North Waziristan.",
        "11",
        {"value": 11, "counts": "killed", "group": "other"},
        id="killed-militants",
    ),
    pytest.param(
        "Four troops were killed when their vehicle struck a mine.",
        "Four",
        {"value": 4, "counts": "killed", "group": "military"},
        id="killed-troops",
    ),
    pytest.param(
        "Three rescuers died when a wall collapsed on them.",
        "Three",
        {"value": 3, "counts": "killed", "group": "emergency_responders"},
        id="killed-rescuers",
    ),
    pytest.param(
        "At least 14 people, including three children, were killed in the shelling.",
        "three children",
        {"value": 3, "counts": "killed", "group": "children"},
        id="killed-including-children",
    ),
    pytest.param(
        "At least 14 people, including three children, were killed in the shelling.",
        "14",
        {"value": 14, "counts": "killed", "group": "total", "qualifier": "at_least"},
        id="killed-including-children-total",
    ),
    pytest.param(
        "At least 48 people were killed, 12 of them children, the health ministry said.",
        "12",
        {"value": 12, "counts": "killed", "group": "children"},
        id="killed-of-them-children",
    ),
    pytest.param(
        "3 killed, 12 injured in tanker blast in Lagos",
        "3",
        {"value": 3, "counts": "killed"},
        id="killed-headline-style",
    ),
    pytest.param(
        "3 killed, 12 injured in tanker blast in Lagos",
        "12",
        {"value": 12, "counts": "injured"},
        id="injured-headline-style",
    ),
    pytest.param(
        "The strike killed a family of five in Khan Younis, medics said.",
        "five",
        {"value": 5, "counts": "killed"},
        id="killed-family-of-five",
    ),
    # --- injured ----------------------------------------------------------------------------
    pytest.param(
        "Two firefighters were injured tackling the blaze at the chemical plant.",
        "Two",
        {"value": 2, "counts": "injured", "group": "emergency_responders"},
        id="injured-firefighters",
    ),
    pytest.param(
        "Three police officers were hurt when protesters threw stones.",
        "Three",
        {"value": 3, "counts": "injured", "group": "other"},
        id="injured-hurt-police",
    ),
    pytest.param(
        "Nine people were hospitalised after inhaling smoke, the ambulance service said.",
        "Nine",
        {"value": 9, "counts": "injured"},
        id="injured-hospitalised",
    ),
    pytest.param(
        "The ministry said 27 were killed and 14 wounded in the attack.",
        "14",
        {"value": 14, "counts": "injured"},
        id="injured-wounded-after-killed",
    ),
    pytest.param(
        "The bombing killed 28 and injured 142, the health ministry said.",
        "28",
        {"value": 28, "counts": "killed"},
        id="killed-and-injured-first",
    ),
    pytest.param(
        "The bombing killed 28 and injured 142, the health ministry said.",
        "142",
        {"value": 142, "counts": "injured"},
        id="killed-and-injured-second",
    ),
    pytest.param(
        "Two children and two others were injured when a shell hit a bus stop in Donetsk.",
        "Two children",
        {"value": 2, "counts": "injured", "group": "children"},
        id="injured-two-children-and",
    ),
    pytest.param(
        "Two children and two others were injured when a shell hit a bus stop in Donetsk.",
        "two others",
        {"value": 2, "counts": "injured", "group": "other"},
        id="injured-and-two-others",
    ),
    pytest.param(
        "Eleven civilians were wounded when an airstrike hit a market in Idlib.",
        "Eleven",
        {"value": 11, "counts": "injured", "group": "civilians"},
        id="injured-civilians",
    ),
    # --- casualties, missing, evacuated, displaced, rescued, detained -----------------------
    pytest.param(
        "The regional governor reported 40 casualties after the overnight bombardment.",
        "40",
        {"value": 40, "counts": "casualties"},
        id="casualties",
    ),
    pytest.param(
        "Fifteen fishermen are still missing after the storm, the coast guard said.",
        "Fifteen",
        {"value": 15, "counts": "missing", "group": "civilians"},
        id="missing",
    ),
    pytest.param(
        "Authorities evacuated 3,000 residents as the volcano spewed ash.",
        "3,000",
        {"value": 3000, "counts": "evacuated", "group": "civilians"},
        id="evacuated-verb-before",
    ),
    pytest.param(
        "The UN said some 20,000 people fled the town after the militia attack.",
        "20,000",
        {"value": 20000, "counts": "displaced", "qualifier": "approximately"},
        id="displaced-fled",
    ),
    pytest.param(
        "The monsoon floods have displaced 250,000 people across the state.",
        "250,000",
        {"value": 250000, "counts": "displaced"},
        id="displaced-verb",
    ),
    pytest.param(
        "The navy rescued 45 fishermen whose trawler sank off the coast of Kerala.",
        "45",
        {"value": 45, "counts": "rescued", "group": "civilians"},
        id="rescued",
    ),
    pytest.param(
        "Police arrested 14 suspects in dawn raids across Istanbul.",
        "14",
        {"value": 14, "counts": "detained", "group": "other"},
        id="detained-arrested",
    ),
    pytest.param(
        "Security forces detained 37 demonstrators outside parliament.",
        "37",
        {"value": 37, "counts": "detained", "group": "civilians"},
        id="detained-detained",
    ),
    # --- munitions --------------------------------------------------------------------------
    pytest.param(
        "Russia launched 40 drones at Kharkiv overnight, Ukraine's air force said, adding "
        "that air defences shot down 35 of them.",
        "40",
        {"value": 40, "counts": "launched", "weapon": "drone", "noun_class": "munition"},
        id="munitions-launched-drones",
    ),
    pytest.param(
        "Russia launched 40 drones at Kharkiv overnight, Ukraine's air force said, adding "
        "that air defences shot down 35 of them.",
        "35",
        {"value": 35, "counts": "neutralized"},
        id="munitions-shot-down-of-them",
    ),
    pytest.param(
        "At least six missiles struck the city centre, the mayor said.",
        "six",
        {"value": 6, "qualifier": "at_least", "counts": "hits", "weapon": "missile"},
        id="munitions-missiles-struck",
    ),
    pytest.param(
        "The military said it intercepted 25 of the 30 rockets fired from Gaza.",
        "25",
        {"value": 25, "counts": "neutralized"},
        id="munitions-intercepted",
    ),
    pytest.param(
        "The military said it intercepted 25 of the 30 rockets fired from Gaza.",
        "30",
        {"value": 30, "counts": "launched", "weapon": "rocket"},
        id="munitions-rockets-fired",
    ),
    pytest.param(
        "The air force said 12 drones were jammed by electronic warfare.",
        "12",
        {"value": 12, "counts": "neutralized", "weapon": "drone"},
        id="munitions-jammed",
    ),
    pytest.param(
        "Russia attacked with 80 Shahed and decoy drones, the air force said.",
        "80",
        {"value": 80, "counts": "launched", "weapon": "drone"},
        id="munitions-mixed-drones",
    ),
    pytest.param(
        "Two ballistic missiles hit an industrial site on the outskirts of Dnipro.",
        "Two",
        {"value": 2, "counts": "hits", "weapon": "ballistic_missile"},
        id="munitions-ballistic-hit",
    ),
    pytest.param(
        "The air force said it destroyed 33 of 45 drones launched by Russia overnight.",
        "45",
        {"value": 45, "counts": "launched", "weapon": "drone"},
        id="munitions-of-n-drones-launched",
    ),
    pytest.param(
        "The air force said it destroyed 33 of 45 drones launched by Russia overnight.",
        "33",
        {"value": 33, "counts": "neutralized", "weapon": "drone"},
        id="munitions-of-n-drones-destroyed",
    ),
    pytest.param(
        "Russia fired six Kh-101 cruise missiles at the capital overnight.",
        "six",
        {"value": 6, "counts": "launched", "weapon": "cruise_missile"},
        id="munitions-model-designation",
    ),
    pytest.param(
        "More than 70 drones were shot down overnight, the defence ministry said.",
        "70",
        {"value": 70, "qualifier": "more_than", "counts": "neutralized", "weapon": "drone"},
        id="munitions-shot-down-after",
    ),
    pytest.param(
        "Militants fired 12 Grad rockets into the town from across the border.",
        "12",
        {"value": 12, "counts": "launched", "weapon": "rocket", "noun": "Grad rockets"},
        id="munitions-grad-rockets",
    ),
    # --- groups -----------------------------------------------------------------------------
    pytest.param(
        "Five soldiers were wounded in a mortar attack on the base.",
        "Five",
        {"value": 5, "group": "military", "counts": "injured"},
        id="group-soldiers",
    ),
    pytest.param(
        "The strike killed seven civilians, including a pregnant woman.",
        "seven",
        {"value": 7, "group": "civilians", "counts": "killed"},
        id="group-civilians",
    ),
    pytest.param(
        "Eight children were among the dead, hospital officials said.",
        "Eight",
        {"value": 8, "group": "children", "counts": "killed"},
        id="group-children-among-the-dead",
    ),
    pytest.param(
        "Two paramedics were killed when a second strike hit the same site.",
        "Two",
        {"value": 2, "group": "emergency_responders", "counts": "killed"},
        id="group-paramedics-double-tap",
    ),
    pytest.param(
        "Gunmen killed four policemen at a checkpoint in Diyala province.",
        "four",
        {"value": 4, "group": "other", "counts": "killed"},
        id="group-policemen",
    ),
    pytest.param(
        "The Red Cross said 16 Palestinians were wounded in the raid.",
        "16",
        {"value": 16, "group": "total", "counts": "injured"},
        id="group-demonym-total",
    ),
    # --- things count nothing ---------------------------------------------------------------
    pytest.param(
        "Two attacks in as many days killed nine people in the northern city.",
        "Two attacks",
        {"value": 2, "counts": None, "noun_class": "thing"},
        id="things-two-attacks",
    ),
    pytest.param(
        "Two attacks in as many days killed nine people in the northern city.",
        "nine",
        {"value": 9, "counts": "killed"},
        id="things-two-attacks-nine-killed",
    ),
    pytest.param(
        "The blast destroyed three buildings and killed seven people.",
        "three buildings",
        {"value": 3, "counts": None},
        id="things-three-buildings",
    ),
    pytest.param(
        "The blast destroyed three buildings and killed seven people.",
        "seven",
        {"value": 7, "counts": "killed"},
        id="things-three-buildings-seven-killed",
    ),
    pytest.param(
        "Rebels seized five towns and two border crossings during the offensive.",
        "five towns",
        {"value": 5, "counts": None},
        id="things-towns-seized",
    ),
    pytest.param(
        "Floodwaters swept away 120 vehicles and damaged 14 bridges.",
        "120",
        {"value": 120, "counts": None},
        id="things-vehicles",
    ),
    pytest.param(
        "Raiders burned two clinics and made off with some 300 cattle.",
        "300",
        {"value": 300, "counts": None, "noun_class": "thing"},
        id="things-livestock",
    ),
    pytest.param(
        "Residents of 14 settlements along the river were evacuated overnight.",
        "14",
        {"value": 14, "counts": None, "noun_class": "thing"},
        id="things-settlements-evacuated",
    ),
    pytest.param(
        "Officers arrived nine minutes after the first 911 call, police said.",
        "911",
        {"value": 911, "counts": None},
        id="things-emergency-call",
    ),
    # --- compounds: the last noun is the head ---------------------------------------------
    pytest.param(
        "Insurgents captured 20 trucks, including four armoured personnel carriers.",
        "four",
        {"value": 4, "counts": None, "noun_class": "thing"},
        id="compound-personnel-carriers-are-things",
    ),
    pytest.param(
        "Russia launched 64 Geran-type attack drones at the region overnight.",
        "64",
        {"value": 64, "counts": "launched", "noun_class": "munition", "weapon": "drone"},
        id="compound-attack-drones-are-munitions",
    ),
    pytest.param(
        "Three drone attacks on the port killed two dockworkers.",
        "Three",
        {"value": 3, "counts": None, "noun_class": "thing"},
        id="compound-drone-attacks-are-not-drones",
    ),
    pytest.param(
        "The militia freed 16 child soldiers on Sunday.",
        "16",
        {"value": 16, "group": "military", "counts": "rescued"},
        id="compound-child-soldiers-are-soldiers",
    ),
    pytest.param(
        "The navy fired 30 cruise missiles and 12 ballistic missiles.",
        "30",
        {"value": 30, "weapon": "cruise_missile", "noun": "cruise missiles"},
        id="weapons-list-stops-at-the-next-count",
    ),
    # --- asides and participles between a count and its verb -----------------------------
    pytest.param(
        "Medics said one woman, aged 71, was killed when the shell hit her flat.",
        "one woman",
        {"value": 1, "counts": "killed"},
        id="aside-age-between-count-and-verb",
    ),
    pytest.param(
        "One driver, Ali Hassan, 40, was shot dead at the checkpoint.",
        "One driver",
        {"value": 1, "counts": "killed"},
        id="aside-name-and-age-between-count-and-verb",
    ),
    pytest.param(
        "Commandos rescued 23 fishermen kidnapped by pirates last month.",
        "23",
        {"value": 23, "counts": "rescued"},
        id="verb-before-beats-participle-after",
    ),
    pytest.param(
        "Gunmen killed three guards and five others were taken away in a pickup.",
        "five",
        {"value": 5, "counts": "detained"},
        id="taken-away-is-abducted",
    ),
    pytest.param(
        "Guards said 31 of the escaped inmates have been recaptured.",
        "31",
        {"value": 31, "counts": "detained"},
        id="recaptured-is-detained",
    ),
    pytest.param(
        "The district hospital treated 19 people, most of them for burns.",
        "19",
        {"value": 19, "counts": "injured"},
        id="treated-by-a-hospital-is-injured",
    ),
    pytest.param(
        "Helicopters circled the village before dropping six bombs.",
        "six",
        {"value": 6, "counts": "launched", "noun_class": "munition"},
        id="bombs-dropped-are-launched",
    ),
    pytest.param(
        "The number of wounded stood at 58 and counting on Tuesday night.",
        "58",
        {"value": 58, "qualifier": "at_least", "text": "58 and counting"},
        id="qualifier-and-counting",
    ),
    pytest.param(
        "Donors sent 2,400 hygiene kits and 900 tarpaulins to the camp.",
        "2,400",
        {"value": 2400, "counts": None, "noun_class": "thing"},
        id="things-aid-kits",
    ),
    pytest.param(
        "The court ordered the family paid 50,000 Kenyan shillings.",
        "50,000",
        {"value": 50000, "kind": "money"},
        id="money-with-a-nationality",
    ),
    # --- more that a sentence says about its counts ----------------------------------------
    pytest.param(
        "About 200 passengers who were not injured continued by bus.",
        "200",
        {"value": 200, "counts": None},
        id="a-negated-verb-says-nothing-happened",
    ),
    pytest.param(
        "Nine people died at sea last month, while 3,100 migrants reached Lampedusa.",
        "3,100",
        {"value": 3100, "counts": None},
        id="while-starts-another-subject",
    ),
    pytest.param(
        "Twelve (12) suspects were arrested in the operation.",
        "Twelve",
        {"value": 12, "counts": "detained", "noun": "suspects"},
        id="number-restated-in-digits",
    ),
    pytest.param(
        "One soldier, a 22-year-old conscript from Lviv, was wounded in the shelling.",
        "One soldier",
        {"value": 1, "counts": "injured"},
        id="aside-noun-phrase-between-count-and-verb",
    ),
    pytest.param(
        "At least 40 villagers, including 11 children and six women, were killed.",
        "At least 40",
        {"value": 40, "counts": "killed"},
        id="aside-including-between-count-and-verb",
    ),
    pytest.param(
        "Four survivors were taken to the district hospital in Kaedi.",
        "Four",
        {"value": 4, "counts": "injured"},
        id="taken-to-a-named-hospital",
    ),
    pytest.param(
        "Doctors said 31 remained in hospital, five of them in intensive care.",
        "31",
        {"value": 31, "counts": "injured"},
        id="remained-in-hospital",
    ),
    pytest.param(
        "Air defences shot down 52 air targets overnight.",
        "52",
        {"value": 52, "counts": "neutralized", "noun_class": "munition"},
        id="air-targets-are-munitions",
    ),
    pytest.param(
        "Rescuers pulled out a seven-year-old boy alive after 30 hours.",
        "a seven-year-old boy",
        {"value": 1, "counts": "rescued", "noun": "boy"},
        id="a-with-an-age-in-words-is-one",
    ),
    pytest.param(
        "The blast killed a pregnant woman, police said.",
        "a pregnant",
        {"value": 1, "counts": "killed", "noun": "pregnant woman"},
        id="a-with-an-adjective-is-one",
    ),
    pytest.param(
        "An official said the death toll had risen to 14.",
        "14",
        {"value": 14, "counts": "killed"},
        id="a-toll-names-the-number-after-it-not-the-official-before",
    ),
    pytest.param(
        "Officials said the 12 prisoners were treated well in custody.",
        "12",
        {"value": 12, "counts": "detained"},
        id="treated-well-is-not-injured",
    ),
    pytest.param(
        "The number of drone attacks dropped from 40 to 12 a night.",
        "40",
        {"value": 40, "counts": None},
        id="a-falling-number-is-not-a-dropped-bomb",
    ),
    pytest.param(
        "Two passengers weren't hurt in the crash.",
        "Two",
        {"value": 2, "counts": None},
        id="a-contracted-negation",
    ),
    pytest.param(
        "A local official said a driver was killed in the crossfire.",
        "a driver",
        {"value": 1, "counts": "killed", "noun": "driver"},
        id="the-one-spoken-of-not-the-speaker",
    ),
    pytest.param(
        "Only four of the 15 cruise missiles were brought down, the air force said.",
        "15",
        {"value": 15, "counts": None, "noun_class": "munition"},
        id="the-whole-of-a-part-takes-not-the-parts-verb",
    ),
    pytest.param(
        "The toll in Goma rose from 14 to 22 overnight as rescuers pulled more bodies out.",
        "14",
        {"value": 14, "counts": "killed"},
        id="toll-rose-from-n",
    ),
    pytest.param(
        "Rescuers brought out a girl alive after 30 hours under the rubble.",
        "a girl",
        {"value": 1, "counts": "rescued"},
        id="brought-out-is-rescued",
    ),
    pytest.param(
        "At least nine people died. Among the dead was a nurse.",
        "a nurse",
        {"value": 1, "partitive": True},
        id="among-the-dead-is-a-part",
    ),
    pytest.param(
        "The army said it had neutralised more than 40 terrorists near the border.",
        "40",
        {"value": 40, "counts": "killed", "qualifier": "more_than"},
        id="people-neutralised-are-killed",
    ),
    pytest.param(
        "Air defences neutralised 40 drones over the region.",
        "40",
        {"value": 40, "counts": "neutralized"},
        id="drones-neutralised-are-neutralized",
    ),
    pytest.param(
        "Four nurses remained hostage inside the clinic on Monday.",
        "Four",
        {"value": 4, "counts": "detained"},
        id="remained-hostage-is-detained",
    ),
    pytest.param(
        "By Friday some 300 families had left their village.",
        "300",
        {"value": 300, "counts": "displaced"},
        id="left-the-village-is-displaced",
    ),
    pytest.param(
        "Three fishermen have not been located since the storm.",
        "Three",
        {"value": 3, "counts": "missing"},
        id="not-located-is-missing",
    ),
    pytest.param(
        "Police recorded 1,412 homicide victims last year.",
        "1,412",
        {"value": 1412, "counts": "killed"},
        id="homicide-victims-are-killed",
    ),
    pytest.param(
        "About 12,000 people stayed in 210 evacuation centres overnight.",
        "210",
        {"value": 210, "counts": None, "noun_class": "thing"},
        id="evacuation-centres-are-things",
    ),
    pytest.param(
        "The ferry sank some 12 nautical miles off the coast.",
        "12",
        {"value": 12, "kind": "measure"},
        id="nautical-miles-are-a-measure",
    ),
    pytest.param(
        "Losses were estimated at 3.4 billion pesos.",
        "3.4 billion",
        {"value": 3_400_000_000, "kind": "money", "qualifier": "approximately"},
        id="estimated-at-is-approximately",
    ),
    # --- words of many uses: "one", "a", launch and jam words ---------------------------
    pytest.param(
        "One of the soldiers said the convoy had come under fire before 12 people died.",
        "One",
        {"value": 1, "counts": None},
        id="one-of-the-is-not-a-casualty",
    ),
    pytest.param(
        "An official said the figure of 300 dead given earlier had been wrong.",
        "300",
        {"value": 300, "counts": "killed"},
        id="an-official-is-not-counted",
    ),
    pytest.param(
        "Authorities sent three teams of investigators after a traffic jam formed.",
        "three",
        {"value": 3, "counts": None},
        id="launch-and-jam-words-need-a-weapon",
    ),
    pytest.param(
        "The commander said he had over 200 men and they would fight until they died.",
        "200",
        {"value": 200, "qualifier": "more_than", "counts": None},
        id="hypothetical-death-is-not-a-toll",
    ),
    pytest.param(
        "A man and his daughter were killed when the rocket struck their car.",
        "A man",
        {"value": 1, "counts": "killed", "group": "civilians"},
        id="coordinated-nouns-share-the-verb",
    ),
    pytest.param(
        "Officials said there were no casualties after the depot caught fire.",
        "no",
        {"value": 0, "counts": "casualties"},
        id="zero-no-casualties",
    ),
    pytest.param(
        "No-one was hurt when the second device was defused, police said.",
        "No-one",
        {"value": 0, "counts": "injured"},
        id="zero-hyphenated-no-one",
    ),
    pytest.param(
        "Rescue 1122, the provincial emergency service, said its boats had rescued 340 people.",
        "1122",
        {"kind": "label", "counts": None},
        id="label-service-name-in-apposition",
    ),
    pytest.param(
        "Some 600 residents were evacuated, officials said.",
        "600",
        {"kind": "count", "qualifier": "approximately", "counts": "evacuated"},
        id="sentence-initial-hedge-is-not-a-name",
    ),
    pytest.param(
        "The death toll from shelling of the eastern town rose from 12 to 19 on Sunday as "
        "rescuers pulled more bodies from the ruins.",
        "19",
        {"value": 19, "counts": "killed"},
        id="toll-verb-links-a-distant-toll",
    ),
    pytest.param(
        "A man, 45, was killed when the shell hit his car.",
        "45",
        {"kind": "age", "counts": None},
        id="age-in-apposition-after-a-noun",
    ),
    pytest.param(
        "The suspect, 22, shot dead four people before police arrived.",
        "22",
        {"kind": "age", "counts": None},
        id="age-in-apposition-after-suspect",
    ),
    pytest.param(
        "Shelling killed five children under 18 in the village.",
        "18",
        {"kind": "age", "counts": None},
        id="age-limit-after-children",
    ),
    pytest.param(
        "Two Boeing 737 jets crashed, killing 189 people.",
        "Two",
        {"value": 2, "counts": None},
        id="model-number-inside-a-noun-phrase",
    ),
    pytest.param(
        "Of the 60 passengers, 12 were killed.",
        "60",
        {"value": 60, "counts": None},
        id="total-before-a-partitive-count",
    ),
    pytest.param(
        "Of the 60 passengers, 12 were killed.",
        "12",
        {"value": 12, "counts": "killed"},
        id="count-after-a-total",
    ),
    pytest.param(
        "The bus was carrying 40 passengers when it overturned, killing 12.",
        "40",
        {"value": 40, "counts": None},
        id="a-verb-with-its-own-number-is-taken",
    ),
    pytest.param(
        "Two-thirds of the 300 dead were civilians.",
        "Two",
        {"kind": "measure", "counts": None},
        id="fraction-is-not-a-count",
    ),
    pytest.param(
        "Nobody knows how many people were killed.",
        "Nobody",
        {"value": 0, "counts": None},
        id="nobody-knows-is-not-a-toll",
    ),
    pytest.param(
        "None of the passengers were hurt, the airline said.",
        "None",
        {"value": 0, "counts": "injured"},
        id="none-of-the-passengers",
    ),
    pytest.param(
        "The death toll could rise to 100, officials warned.",
        "100",
        {"value": 100, "counts": None},
        id="modal-toll-is-not-a-toll",
    ),
    pytest.param(
        "Police denied reports that 10 people were killed.",
        "10",
        {"value": 10, "counts": None},
        id="denied-report-is-not-a-toll",
    ),
    pytest.param(
        "The blast killed 5 people, including 2 children.",
        "2 children",
        {"value": 2, "counts": "killed", "partitive": True},
        id="inclusion-is-a-part",
    ),
    pytest.param(
        "At least 11 people, four of them children, were killed.",
        "At least 11",
        {"value": 11, "counts": "killed"},
        id="partitive-aside-keeps-the-verb",
    ),
]


def find_mention(sentence: str, target: str) -> Mention:
    """The mention whose text contains the first occurrence of `target`, or else the
    first mention that overlaps it."""
    at = sentence.find(target)
    assert at >= 0, f"target {target!r} not in sentence"
    end = at + len(target)
    mentions = scan(sentence)
    overlapping = [m for m in mentions if m.start < end and at < m.end]
    for m in overlapping:
        if m.start <= at and end <= m.end:
            return m
    if overlapping:
        return overlapping[0]
    found = [(m.text, m.kind.value) for m in mentions]
    raise AssertionError(f"no mention at {target!r}; scanner found {found}")


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


@pytest.mark.parametrize(("sentence", "target", "expected"), CASES)
def test_scan(sentence: str, target: str, expected: dict[str, Any]) -> None:
    mention = find_mention(sentence, target)
    actual = {field: _plain(getattr(mention, field)) for field in expected}
    assert actual == expected


def _sentences() -> list[str]:
    return list(dict.fromkeys(case.values[0] for case in CASES))


@pytest.mark.parametrize(
    "sentence",
    ["An official said the figure of 300 dead given earlier had been wrong.",
     "A senior official said the death toll from the blast stood at 300.",
     "The charges carry a possible death penalty; 300 people attended the hearing.",
     "A UN body said the death toll from the raids stood at 300.",
     "The ministry reported a new death toll of 300.",
     "A local official said 300 people were killed."],
)  # fmt: skip
def test_an_article_without_an_outcome_is_not_a_number(sentence: str) -> None:
    assert [m.text for m in scan(sentence)] == ["300"]


def test_every_mention_text_is_its_span() -> None:
    for sentence in _sentences():
        for m in scan(sentence):
            assert sentence[m.start : m.end] == m.text, (sentence, m)
            assert m.phrase_start <= m.start and m.end <= m.phrase_end, (sentence, m)


def test_vague_amounts_never_carry_a_value() -> None:
    for sentence in _sentences():
        for m in scan(sentence):
            if m.kind is Kind.VAGUE:
                assert m.value is None and m.high is None, (sentence, m)


def test_mentions_are_in_order_and_apart() -> None:
    for sentence in _sentences():
        mentions = scan(sentence)
        for before, after in pairwise(mentions):
            assert before.end <= after.start, (sentence, before, after)


# Every number of the sample article, in order: (target, fields).
SAMPLE_NUMBERS = [
    ("June 20, 2025", {"kind": "date", "date": "2025-06-20"}),
    ("at least one death", {"value": 1, "qualifier": "at_least", "counts": "killed"}),
    ("multiple injuries", {"kind": "vague", "value": None, "counts": "injured"}),
    ("several residential", {"kind": "vague", "value": None}),
    ("four-story", {"value": 4, "kind": "storeys", "counts": None}),
    ("three emergency", {"value": 3, "counts": "injured", "group": "emergency_responders"}),
    ("23-story", {"value": 23, "kind": "storeys"}),
    ("around 600", {"value": 600, "qualifier": "approximately", "counts": "evacuated"}),
    ("one fatality", {"value": 1, "qualifier": "exact", "counts": "killed"}),
    ("14 individuals", {"value": 14, "counts": "injured", "group": "total"}),
    ("at least eight", {"value": 8, "qualifier": "at_least", "counts": "hits",
                        "weapon": "drone"}),
    ("two children", {"value": 2, "counts": "injured", "group": "children"}),
    ("two others", {"value": 2, "counts": "injured", "group": "other"}),
    ("second Russian", {"value": 2, "kind": "ordinal"}),
    ("four individuals", {"value": 4, "counts": "injured"}),
    ("around 80", {"value": 80, "qualifier": "approximately", "counts": "launched",
                   "weapon": "drone", "noun": "Shahed and decoy drones"}),
    ("approximately 70", {"value": 70, "qualifier": "approximately",
                          "counts": "neutralized"}),
    ("two nations", {"value": 2, "kind": "count", "counts": None}),
    ("nine-story", {"value": 9, "kind": "storeys"}),
    ("28 fatalities", {"value": 28, "counts": "killed"}),
    ("142 injuries", {"value": 142, "counts": "injured"}),
    ("June 2 in", {"kind": "date", "date": "--06-02"}),
    ("countless civilians", {"kind": "vague", "value": None}),
]  # fmt: skip


@pytest.mark.parametrize(("target", "expected"), SAMPLE_NUMBERS, ids=[t for t, _ in SAMPLE_NUMBERS])
def test_sample_article_number(sample_text: str, target: str, expected: dict[str, Any]) -> None:
    mention = find_mention(sample_text, target)
    assert {field: _plain(getattr(mention, field)) for field in expected} == expected


def test_sample_article_has_no_other_numbers(sample_text: str) -> None:
    expected = [find_mention(sample_text, target).start for target, _ in SAMPLE_NUMBERS]
    assert [m.start for m in scan(sample_text)] == expected
