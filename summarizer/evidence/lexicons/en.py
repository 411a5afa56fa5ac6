"""English: the words of news reports that the number scanner reads: number words, hedges, units,
the nouns numbers count and the words that say what happened to them.

Kept apart from the scanner so the vocabulary can grow without touching its logic.
"""

from __future__ import annotations

from summarizer.evidence.subjects import Subject

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "million": 1_000_000,
    "crore": 10_000_000, "crores": 10_000_000, "billion": 1_000_000_000,
}  # fmt: skip
DIGIT_SCALES = {**SCALES, "trillion": 10**12, "bn": 1_000_000_000, "mln": 1_000_000}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000,
}  # fmt: skip

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

VAGUE = (
    "tens of thousands", "hundreds of thousands", "dozens", "scores", "hundreds", "thousands",
    "millions", "several", "multiple", "numerous", "many", "a few", "a handful", "a number of",
    "countless", "a couple of", "a large number of", "a series of",
    *(f"{few} {scale}" for few in ("several", "a few", "many", "some")
      for scale in ("dozen", "hundred", "thousand", "million")),
)  # fmt: skip

# Hedges before a number, strongest claim last within each qualifier.
QUALIFIERS_BEFORE = {
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than",
                 "at the very least"),
    "more_than": ("more than", "over", "in excess of", "upwards of", "upward of", "above",
                  "exceeding", "just over", "well over", "greater than", "beyond", "passes",
                  "passed", "surpassed", "surpasses", "topped", "tops", "exceeded", "exceeds"),
    "approximately": ("about", "around", "approximately", "nearly", "almost", "some", "roughly",
                      "an estimated", "estimated at", "estimated", "close to", "circa", "approx.",
                      "approx", "c.", "~", "an approximate", "approaching", "nearing", "toward",
                      "towards", "close on"),
    "up_to": ("up to", "as many as", "as high as", "at most", "no more than", "a maximum of",
              "not more than", "as much as"),
    "fewer_than": ("fewer than", "less than", "under", "below", "just under"),
}  # fmt: skip

# Words for the thing counted. Group values follow records.Group.
PERSON_GROUPS = {
    "total": ("people", "persons", "person", "individuals", "individual", "victims", "victim",
              "adults", "adult", "lives", "bodies", "body"),
    "children": ("children", "child", "kids", "kid", "boys", "boy", "girls", "girl",
                 "teenagers", "teenager", "teens", "infants", "infant", "babies", "baby",
                 "toddlers", "toddler", "minors", "minor", "schoolchildren", "pupils",
                 "youths", "youth", "newborns", "sons", "son", "daughters", "daughter"),
    "emergency_responders": ("responders", "responder", "rescuers", "rescuer", "firefighters",
                             "firefighter", "firemen", "fireman", "paramedics", "paramedic",
                             "medics", "medic", "rescue workers", "emergency workers",
                             "emergency personnel", "ambulance workers", "aid workers",
                             "humanitarian workers", "doctors", "doctor", "nurses", "nurse",
                             "health workers"),
    "military": ("soldiers", "soldier", "troops", "troop", "servicemen", "serviceman",
                 "servicemembers", "service members", "military personnel", "sailors",
                 "sailor", "marines", "marine", "peacekeepers", "peacekeeper", "airmen",
                 "conscripts", "paratroopers", "commanders", "officers", "officer",
                 "personnel", "army", "reservists", "guardsmen", "crewmen"),
    "civilians": ("civilians", "civilian", "residents", "resident", "villagers", "villager",
                  "passengers", "passenger", "shoppers", "worshippers", "worshipers",
                  "pilgrims", "students", "student", "pedestrians", "pedestrian", "bystanders",
                  "tourists", "tourist", "refugees", "refugee", "migrants", "women", "woman",
                  "men", "man", "elderly", "employees", "employee", "workers", "worker",
                  "staff", "journalists", "journalist", "farmers", "farmer", "fishermen",
                  "miners", "patients", "teachers", "customers", "spectators", "guests",
                  "mourners", "protesters", "protestors", "demonstrators", "family members",
                  "relatives", "inhabitants", "locals", "citizens", "nationals", "crew",
                  "crew members", "members", "occupants", "motorists", "drivers", "driver",
                  "volunteers", "survivors", "survivor", "families", "households"),
    "other": ("others", "police", "policemen", "policeman", "police officers",
              "police officer", "militants", "militant", "fighters", "fighter", "insurgents",
              "insurgent", "rebels", "rebel", "gunmen", "gunman", "attackers", "attacker",
              "suspects", "suspect", "guards", "guard", "security guards", "bodyguards",
              "prisoners", "prisoner", "detainees", "hostages", "hostage", "officials",
              "official", "policewomen", "terrorists", "terrorist", "jihadists", "combatants",
              "bombers", "bomber", "assailants", "separatists", "mercenaries", "agents"),
}  # fmt: skip
PERSON_NOUNS = {w: g for g, words in PERSON_GROUPS.items() for w in words}

# Peoples named by nationality: "Palestinians", "Congolese". A list, not a suffix rule:
# "vans", "plans" and "fans" end like "Afghans".
DEMONYMS = frozenset(
    """afghans albanians algerians americans angolans arabs argentines argentinians armenians
    australians austrians azerbaijanis azeris bahrainis bangladeshis belarusians belgians
    beninese bolivians bosnians brazilians britons bulgarians burkinabe burmese burundians
    cambodians cameroonians canadians chadians chileans chinese colombians congolese
    croatians cubans cypriots czechs danes djiboutians dominicans dutch ecuadorians egyptians
    emiratis eritreans estonians ethiopians europeans filipinos finns french gambians
    georgians germans ghanaians greeks guatemalans guineans haitians hondurans hungarians
    indians indonesians iranians iraqis irish israelis italians ivorians jamaicans japanese
    jordanians kazakhs kenyans koreans kosovars kurds kuwaitis kyrgyz laotians latvians
    lebanese liberians libyans lithuanians malagasy malawians malaysians malians mauritanians
    mexicans moldovans mongolians montenegrins moroccans mozambicans namibians nepalese
    nepalis nicaraguans nigerians nigeriens norwegians omanis pakistanis palestinians
    panamanians paraguayans persians peruvians poles portuguese qataris rohingya romanians
    russians rwandans salvadorans saudis scots senegalese serbs serbians sierra leoneans
    singaporeans slovaks slovenians somalis south africans spaniards sri lankans sudanese
    swedes swiss syrians taiwanese tajiks tanzanians thais tibetans togolese tunisians
    turks turkmen ugandans ukrainians uruguayans uzbeks venezuelans vietnamese yemenis
    zambians zimbabweans pashtuns baloch balochs hazaras tamils sikhs hindus muslims
    christians jews yazidis druze alawites sunnis shias shiites copts uyghurs uighurs
    tutsis hutus fulani tuareg amhara tigrayans oromo""".split()
) | frozenset({"sierra leoneans", "south africans", "sri lankans"})

# Nouns that are themselves the outcome: "28 fatalities", "14 wounded".
OUTCOME_NOUNS = {
    "dead": Subject.KILLED, "deaths": Subject.KILLED, "death": Subject.KILLED,
    "fatalities": Subject.KILLED, "fatality": Subject.KILLED, "killed": Subject.KILLED,
    "lives": Subject.KILLED, "bodies": Subject.KILLED,
    "body": Subject.KILLED, "corpses": Subject.KILLED, "slain": Subject.KILLED,
    "injured": Subject.INJURED, "injuries": Subject.INJURED, "injury": Subject.INJURED,
    "wounded": Subject.INJURED, "hurt": Subject.INJURED, "casualties": Subject.CASUALTIES,
    "casualty": Subject.CASUALTIES, "missing": Subject.MISSING, "evacuees": Subject.EVACUATED,
    "evacuated": Subject.EVACUATED, "displaced": Subject.DISPLACED,
    "arrested": Subject.DETAINED, "arrests": Subject.DETAINED, "detained": Subject.DETAINED,
    "rescued": Subject.RESCUED, "homicides": Subject.KILLED, "homicide victims": Subject.KILLED,
    "murders": Subject.KILLED, "murder victims": Subject.KILLED,
}  # fmt: skip

WEAPON_NOUNS = {
    "decoy drones": "decoy_drone", "decoys": "decoy_drone", "decoy": "decoy_drone",
    "drones": "drone", "drone": "drone", "uavs": "drone", "uav": "drone", "shaheds": "drone",
    "shahed": "drone", "geran": "drone", "unmanned aerial vehicles": "drone",
    "cruise missiles": "cruise_missile", "cruise missile": "cruise_missile",
    "ballistic missiles": "ballistic_missile", "ballistic missile": "ballistic_missile",
    "missiles": "missile", "missile": "missile",
    "guided bombs": "guided_bomb", "guided aerial bombs": "guided_bomb",
    "glide bombs": "guided_bomb", "aerial bombs": "guided_bomb", "kabs": "guided_bomb",
    "rockets": "rocket", "rocket": "rocket", "shells": "artillery", "shell": "artillery",
    "artillery shells": "artillery", "mortars": "artillery", "mortar rounds": "artillery",
    "mortar shells": "artillery", "mortar": "artillery", "rounds": "artillery",
    "projectiles": "unknown", "munitions": "unknown", "bombs": "unknown", "grenades": "unknown",
    "explosives": "unknown", "warheads": "unknown", "airstrikes": "unknown",
    "air strikes": "unknown", "strikes": "unknown", "air targets": "unknown",
    "aerial targets": "unknown",
}  # fmt: skip

# Nouns that name things, not people or weapons: a number before them counts neither
# casualties nor munitions ("two attacks", "three buildings").
THING_NOUNS = frozenset(
    """attacks attack bombings blasts blast explosions explosion incidents incident buildings
    building houses house homes home apartments flats vehicles vehicle cars car trucks buses
    markets market marketplaces sites site places locations areas districts regions provinces
    towns villages cities countries nations states sides parties schools hospitals bridges
    vans van pickups jeeps minibuses tractors plans
    boats ships trains aircraft planes jets helicopters tanks positions times rounds occasions
    questions points votes seats weeks days months years hours minutes events stories reports
    structures mosques churches checkpoints bases offices stations shops stores camps
    settlements hamlets neighbourhoods neighborhoods communities facilities clinics
    properties businesses farms dwellings shelters tents huts compounds warehouses factories
    carriers launchers lorries motorcycles ambulances vessels barges weapons rifles guns
    cattle livestock animals cows goats sheep camels calls call kits parcels packages rations
    meals blankets tarpaulins items supplies centres centers""".split()
)

# Words around a number that say what happened to what it counts.
CUES: dict[Subject, tuple[str, ...]] = {
    Subject.KILLED: (r"kill(?:ed|ing|s)?", r"dead", r"died", r"die", r"dies", r"dying", r"deaths?",
                     r"fatalit(?:y|ies)", r"fatally", r"perished", r"slain", r"murder(?:ed|ing)",
                     r"massacred", r"executed", r"drowned", r"bodies", r"death toll", r"toll",
                     r"lost their lives", r"claim(?:ed|ing) the lives", r"lives",
                     r"succumbed", r"shot dead", r"killings", r"buried"),
    Subject.INJURED: (r"injur(?:ed|ing|ies|y|es)", r"wound(?:ed|ing|s)?", r"hurt",
                      r"hospitali[sz](?:ed|ation)", r"in (?:critical|serious|stable) condition",
                      r"treated (?:for|at|in)", r"(?:hospitals?|clinics?|medics|doctors)"
                      r" (?:have |had )?treated", r"taken to (?:the |a )?(?:\w+ )?hospital",
                      r"in hospital",
                      r"intensive care", r"sustained", r"burn(?:ed|t|s)",
                      r"gunshot (?:wounds?|victims)"),
    Subject.CASUALTIES: (r"casualt(?:y|ies)",),
    Subject.MISSING: (r"missing", r"unaccounted(?: for)?", r"disappeared",
                      r"not been (?:located|found|traced)", r"yet to be (?:located|found|traced)"),
    Subject.EVACUATED: (r"evacuat(?:ed|ion|ing|es?)", r"evacuees"),
    Subject.DISPLACED: (r"displac(?:ed|ement|ing)", r"fled", r"flee(?:ing)?", r"homeless",
                        r"forced from their homes", r"uprooted",
                        r"forced to (?:leave|flee)",
                        r"left (?:the|their) (?:homes?|town|village|city|area|region)",
                        r"(?:relief|displacement|evacuation) camps?", r"sheltering"),
    Subject.RESCUED: (r"rescu(?:ed|ing)", r"saved", r"alive", r"freed", r"free(?:ing)?",
                      r"pulled(?: out)?", r"brought out"),
    Subject.DETAINED: (r"arrest(?:ed|s|ing)?", r"detain(?:ed|ing)", r"detention", r"custody",
                       r"captured", r"abduct(?:ed|ing)", r"kidnap(?:ped|ping)",
                       r"taken prisoner", r"taken hostage", r"taken captive", r"taken away",
                       r"(?:held|remained|remain|kept) hostage", r"recaptured", r"rounded up",
                       r"apprehended", r"seized"),
    Subject.IN_NEED: (r"in (?:urgent |dire )?need of (?:\w+ )?(?:assistance|aid|help|support"
                      r"|protection|food|shelter)", r"need(?:s|ed)? (?:\w+ )?(?:assistance|aid)",
                      r"requir(?:e|es|ing) (?:\w+ )?(?:assistance|aid)", r"food[- ]insecure",
                      r"facing (?:acute |severe )?hunger"),
    Subject.AFFECTED: (r"affected", r"impacted"),
    Subject.LAUNCHED: (r"launch(?:ed|es|ing)?", r"fir(?:ed|ing)", r"sent", r"attacked with",
                       r"used", r"dropp(?:ed|ing)(?! (?:from|to|by)\b)"),
    Subject.NEUTRALIZED: (r"intercept(?:ed|ing|s|ion)?", r"shot down", r"shooting down",
                          r"downed", r"brought down", r"jamm(?:ed|ing)", r"jam",
                          r"neutrali[sz](?:ed|ing)",
                          r"destroy(?:ed|ing)?", r"repelled", r"suppressed",
                          r"electronic warfare", r"air defen[cs]es?"),
    Subject.HITS: (r"str(?:uck|ike|ikes|iking)", r"hit(?:s|ting)?", r"impact(?:s|ed)?",
                   r"landed", r"reached"),
}  # fmt: skip

MONEY_BEFORE = (r"[$€£¥₹₴]", r"US\$", r"USD ?", r"EUR ?", r"GBP ?", r"Rs\.? ?")
MONEY_AFTER = ("dollars", "euros", "pounds", "rupees", "yuan", "yen", "rubles", "roubles",
               "hryvnias", "hryvnia", "naira", "shillings", "dinars", "francs", "pesos",
               "usd", "eur", "gbp")  # fmt: skip
MEASURE_UNITS = (
    "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "mi", "miles", "mile",
    "metres", "meters", "metre", "meter", "m", "feet", "foot", "ft", "inches", "inch", "cm",
    "mm", "kg", "kilograms", "kilogram", "kilos", "tons", "ton", "tonnes", "tonne", "lbs",
    "lb", "gallons", "gallon", "litres", "liters", "litre", "liter", "barrels", "hectares",
    "acres", "sq", "square", "mph", "km/h", "kph", "knots", "degrees", "seconds", "second",
    "minutes", "minute", "mins", "min", "hours", "hour", "hrs", "hr", "days", "day", "weeks",
    "week", "months", "month", "years", "year", "decades", "decade", "centuries", "century",
    "nights", "night", "nautical miles", "kilotons", "megatons", "megawatts", "mw", "gw",
    "calibre", "caliber",
    "magnitude", "volts", "kv", "°c", "°f", "yards", "yard", "thirds", "third", "quarters",
    "fifths", "tenths", "halves",
)  # fmt: skip
# A word before a number that makes it a name, not an amount: "Flight 17", "Resolution 2254".
LABEL_WORDS = (
    "flight", "train", "route", "highway", "resolution", "article", "section", "chapter",
    "page", "room", "gate", "platform", "bus", "line", "no.", "no", "number", "unit", "version",
    "category", "level", "phase", "grade", "district", "sector", "zone", "block", "building",
    "apartment", "house", "interstate", "road", "street", "exit", "channel", "terminal",
    "hall", "ward", "precinct", "battalion", "brigade", "regiment", "division", "group",
    "squad", "team", "tier", "stage", "act", "code", "bill", "law", "decree", "protocol",
    "paragraph", "clause", "item", "case", "file", "id", "tv", "radio", "mp", "model", "type",
    "series", "mark", "ms", "formula", "magnitude", "#",
)  # fmt: skip

BUILDING_NOUNS = frozenset(
    """block building high-rise highrise tower house home apartment apartments complex
    skyscraper hotel hospital school mall centre center dormitory residence structure
    office warehouse factory plant station church mosque market shop store""".split()
)
