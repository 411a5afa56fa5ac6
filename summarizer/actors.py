"""Who attacked whom: the initiator and the target of a violent event, in the article's
own words, with ACLED's actor category when the words say it.

Read from the event's sentences alone, by rules over words:

* the subject and object of a verb of attack ("militants stormed ...", "... opened fire
  on worshippers", "..., killing 12 civilians");
* passive voice and its agent ("two soldiers were killed", "killed by gunmen", "at the
  hands of", "claimed by Islamic State");
* an attack named for its side ("a Russian drone strike", "an al-Shabaab attack");
* who a count of the dead is of ("among the dead were three police officers").

Nothing is guessed. A person's name is never an actor, a weapon is one only when a side
owns it ("Russian drones", not "a drone"), and when the words do not say who, the answer
is None. Every rule reads a bounded window of words around its cue, so the cost is
linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto

from summarizer.evidence.lexicons import en as lx
from summarizer.records import ActorCategory

_STATE = ActorCategory.STATE_FORCES
_REBEL = ActorCategory.REBEL_GROUPS
_MILITIA = ActorCategory.POLITICAL_MILITIAS
_IDENTITY = ActorCategory.IDENTITY_MILITIAS
_RIOTERS = ActorCategory.RIOTERS
_PROTESTERS = ActorCategory.PROTESTERS
_CIVILIANS = ActorCategory.CIVILIANS
_EXTERNAL = ActorCategory.EXTERNAL_OTHER


@dataclass(frozen=True, slots=True)
class Actor:
    """A side of an event as the article names it: `name` is text[start:end], its
    whitespace collapsed ("Russian forces", "suspected al-Shabaab militants")."""

    name: str
    category: ActorCategory | None
    start: int
    end: int


# --- The words -----------------------------------------------------------------------


class _K(Enum):
    """What a word (or a phrase) is to an actor's name."""

    # heads: the noun that names the actor
    STATE = auto()  # soldiers, police, the army
    REBEL = auto()  # rebels, militants
    MILITIA = auto()  # militia, gunmen, attackers
    HERDER = auto()  # herders: a militia when they attack, civilians when attacked
    RIOTER = auto()
    PROTESTER = auto()
    CIVILIAN = auto()  # civilians, villagers: targets only
    EXTERNAL = auto()  # peacekeepers, private security
    PERSON = auto()  # people, men, fighters: a category only from their qualifiers
    FORCE = auto()  # forces, coalition: a category only from their qualifiers
    WEAPON = auto()  # drones, warplanes: an actor only when a side owns them
    UNIT = auto()  # convoy, checkpoint: an actor only when qualified ("army convoy")
    GROUP = auto()  # a named armed group
    COUNTRY = auto()  # "Russia launched ...": an initiator only
    # modifiers
    NATION = auto()  # Russian, Israeli, U.S.
    STATE_MOD = auto()  # government, regime, federal
    REBEL_MOD = auto()  # Islamist, opposition
    MILITIA_MOD = auto()  # armed, unidentified, masked
    IDENTITY_MOD = auto()  # ethnic, communal, Fulani
    EXTERNAL_MOD = auto()  # UN, peacekeeping
    CIVIL_MOD = auto()  # aid, humanitarian, passenger
    NEUTRAL = auto()  # suspected, unarmed, local: part of the name, no bearing
    ATTACK = auto()  # attack, strike, shelling: a noun for an attack


_HEADS = frozenset(
    {_K.STATE, _K.REBEL, _K.MILITIA, _K.HERDER, _K.RIOTER, _K.PROTESTER, _K.CIVILIAN,
     _K.EXTERNAL, _K.PERSON, _K.FORCE, _K.WEAPON, _K.UNIT, _K.GROUP, _K.COUNTRY}
)  # fmt: skip
# A head word before another head qualifies it: "army helicopters", "refugee camp".
_AS_MODIFIER = {
    _K.STATE: _K.STATE_MOD, _K.REBEL: _K.REBEL_MOD, _K.MILITIA: _K.MILITIA_MOD,
    _K.CIVILIAN: _K.CIVIL_MOD, _K.EXTERNAL: _K.EXTERNAL_MOD, _K.COUNTRY: _K.NATION,
    _K.GROUP: _K.GROUP,
}  # fmt: skip

_WORDS_BY_KIND: dict[_K, str] = {
    _K.STATE: """army|armies|military|militaries|troops|soldiers|soldier|servicemen|serviceman
        |service members|servicemembers|police|policemen|policeman|policewomen|policewoman
        |police officers|police officer|riot police|gendarmes|gendarme|gendarmerie|marines
        |paratroopers|commandos|conscripts|junta|security forces|security personnel
        |security agents|armed forces|air force|navy|naval forces|national guard|guardsmen
        |national guardsmen|coast guard|border guards|border guard|border police
        |special forces|government forces|government troops|regime forces|idf
        |israel defense forces|israel defence forces|syrian arab army|revolutionary guards
        |revolutionary guard|islamic revolutionary guard corps|irgc|army officers
        |military personnel|army personnel|militarymen|ground forces|defence forces
        |defense forces|task force|troopers|trooper""",
    _K.REBEL: """rebels|rebel|insurgents|insurgent|militants|militant|jihadists|jihadist
        |guerrillas|guerrilla|guerillas|guerilla|separatists|separatist|islamists""",
    _K.MILITIA: """militia|militias|militiamen|militiaman|paramilitaries|gunmen
        |gunman|attackers|attacker|assailants|assailant|bandits|bandit|gangs|gang|gangsters
        |gangster|gang members|armed men|armed group|armed groups|armed gang|armed gangs""",
    _K.HERDER: "herders|herder|herdsmen|herdsman",
    _K.RIOTER: "rioters|rioter|mob|mobs|looters",
    _K.PROTESTER: """protesters|protester|protestors|protestor|demonstrators|demonstrator
        |marchers""",
    _K.CIVILIAN: """civilians|civilian|residents|resident|villagers|villager|worshippers
        |worshipers|worshipper|worshiper|churchgoers|congregants|parishioners|students
        |student|pupils|schoolchildren|schoolgirls|schoolboys|passengers|passenger|shoppers
        |children|child|kids|women|woman|girls|girl|boys|boy|babies|infants|journalists
        |journalist|reporters|reporter|photographers|photojournalist|aid workers|aid worker
        |humanitarian workers|humanitarian worker|health workers|health worker|medics|medic
        |doctors|doctor|nurses|nurse|paramedics|rescuers|rescue workers|firefighters
        |farmers|farmer|fishermen|fisherman|miners|traders|vendors|merchants|pilgrims
        |mourners|refugees|refugee|migrants|displaced people|teachers|teacher|patients
        |pedestrians|motorists|travellers|travelers|commuters|bystanders|tourists|family
        |families|family members|relatives|elderly|wedding guests|guests|locals
        |inhabitants|local residents|clerics|priest|imam|crew|crew members|seafarers
        |workers|worker|employees|employee|staff members|staff member|labourers|laborers""",
    _K.EXTERNAL: """peacekeepers|peacekeeper|blue helmets|mercenaries|mercenary
        |private security|private security guards|security guards|security guard
        |security contractors|private military contractors""",
    _K.PERSON: """people|persons|person|individuals|individual|men|man|youths|youth|fighters
        |fighter|members|member|elements|suspects|suspect|bomber|bombers|suicide bomber
        |suicide bombers|shooter|shooters|sniper|snipers|terrorists|terrorist|extremists
        |extremist|combatants|hunters|vigilantes|vigilante|group|groups|cell|personnel
        |killers|officers|officer""",
    _K.FORCE: """forces|coalition|contingent|brigade|brigades|battalion|battalions|corps
        |front|movement|alliance""",
    _K.WEAPON: """drones|drone|uavs|uav|missiles|missile|rockets|rocket|warplanes|warplane
        |jets|jet|fighter jets|fighter jet|aircraft|planes|plane|helicopters|helicopter
        |gunships|helicopter gunships|artillery|tanks|tank|warships|warship|gunboats
        |mortars""",
    _K.UNIT: """convoy|convoys|patrol|patrols|checkpoint|checkpoints|base|bases|outpost
        |outposts|post|posts|barracks|position|positions|camp|camps|station|stations
        |vehicle|vehicles|truck|trucks|garrison|headquarters|installation|installations
        |bus""",
    _K.NATION: """afghan|albanian|algerian|american|angolan|argentine|armenian|australian
        |austrian|azerbaijani|azeri|bahraini|bangladeshi|belarusian|belgian|beninese
        |bolivian|bosnian|brazilian|british|bulgarian|burkinabe|burmese|burundian|cambodian
        |cameroonian|canadian|central african|chadian|chilean|chinese|colombian|congolese
        |croatian|cuban|cypriot|czech|danish|djiboutian|dominican|dutch|ecuadorian|egyptian
        |emirati|eritrean|estonian|ethiopian|filipino|philippine|finnish|french|gabonese
        |gambian|georgian|german|ghanaian|greek|guatemalan|guinean|haitian|honduran
        |hungarian|indian|indonesian|iranian|iraqi|irish|israeli|italian|ivorian|jamaican
        |japanese|jordanian|kazakh|kenyan|korean|north korean|south korean|kosovar|kuwaiti
        |kyrgyz|laotian|latvian|lebanese|liberian|libyan|lithuanian|malagasy|malawian
        |malaysian|malian|mauritanian|mexican|moldovan|mongolian|montenegrin|moroccan
        |mozambican|namibian|nepalese|nepali|nicaraguan|nigerian|nigerien|norwegian|omani
        |pakistani|palestinian|panamanian|paraguayan|peruvian|polish|portuguese|qatari
        |romanian|russian|rwandan|salvadoran|saudi|senegalese|serbian|sierra leonean
        |singaporean|slovak|slovenian|somali|south african|south sudanese|spanish
        |sri lankan|sudanese|swedish|swiss|syrian|taiwanese|tajik|tanzanian|thai|togolese
        |tunisian|turkish|turkmen|ugandan|ukrainian|uruguayan|uzbek|venezuelan|vietnamese
        |yemeni|zambian|zimbabwean|soviet""",
    _K.COUNTRY: """afghanistan|albania|algeria|angola|argentina|armenia|australia|austria
        |azerbaijan|bahrain|bangladesh|belarus|belgium|benin|bolivia|bosnia|brazil|britain
        |burkina faso|burundi|cambodia|cameroon|canada|chad|chile|china|colombia|congo
        |croatia|cuba|cyprus|denmark|djibouti|ecuador|egypt|eritrea|estonia|ethiopia
        |finland|france|gabon|gambia|georgia|germany|ghana|greece|guatemala|guinea|haiti
        |honduras|hungary|india|indonesia|iran|iraq|ireland|israel|italy|jamaica|japan
        |jordan|kazakhstan|kenya|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|liberia|libya
        |lithuania|madagascar|malawi|malaysia|mali|mauritania|mexico|moldova|mongolia
        |montenegro|morocco|mozambique|myanmar|namibia|nepal|netherlands|nicaragua|niger
        |nigeria|norway|oman|pakistan|palestine|panama|paraguay|peru|philippines|poland
        |portugal|qatar|romania|russia|rwanda|senegal|serbia|sierra leone|singapore
        |slovakia|slovenia|somalia|spain|sudan|sweden|switzerland|syria|taiwan|tajikistan
        |tanzania|thailand|togo|tunisia|turkey|türkiye|turkmenistan|uganda|ukraine|uruguay
        |uzbekistan|venezuela|vietnam|yemen|zambia|zimbabwe|united states|united kingdom
        |south africa|south sudan|south korea|north korea|saudi arabia|sri lanka
        |central african republic|democratic republic of the congo|dr congo|ivory coast
        |el salvador|america""",
    _K.STATE_MOD: "government|regime|federal|state|naval|troop|security|defence|defense|royal",
    _K.REBEL_MOD: """islamist|jihadi|opposition|anti-government|anti-junta|resistance
        |secessionist|insurgency""",
    _K.MILITIA_MOD: "armed|unidentified|unknown|masked|hooded|criminal|heavily-armed|paramilitary",
    _K.IDENTITY_MOD: """ethnic|communal|tribal|clan|community|self-defence|self-defense
        |village|fulani|peul|fula|dogon|dozo|hema|lendu|twa|nuer|lou nuer|dinka|murle
        |shilluk|pokot|turkana|borana|maasai|kikuyu|kalenjin|oromo|amhara|tigrayan|afar
        |hawiye|darod|tiv|jukun|berom|hausa|igbo|yoruba|tuareg|masalit|zaghawa|druze
        |bedouin|alawite|arab|christian|muslim|hindu|buddhist|sunni|shia|shiite|shi'ite
        |anti-balaka|bambara|mossi|toubou|misseriya|rizeigat""",
    _K.EXTERNAL_MOD: "un|u.n.|united nations|peacekeeping",
    _K.CIVIL_MOD: "aid|humanitarian|relief|medical|school|ambulance|commercial",
    _K.NEUTRAL: """suspected|alleged|presumed|purported|unarmed|innocent|local|young|elderly
        |female|male|senior|junior|off-duty|heavily|fellow|displaced|teenage|lone|suicide
        |would-be|foreign|kurdish|plainclothes|uniformed|regular|elite|so-called""",
    _K.ATTACK: """attack|attacks|strike|strikes|airstrike|airstrikes|air strike|air strikes
        |air-strike|air-strikes|air raid|air raids|raid|raids|shelling|shellings
        |bombardment|bombardments|bombing|bombings|ambush|ambushes|assault|assaults
        |offensive|incursion|incursions|fire|gunfire|barrage|barrages|onslaught|operation
        |operations|crackdown|massacre|massacres|killing|killings|shooting|shootings
        |rampage|invasion|counteroffensive|counter-offensive""",
}
# Named armed groups and their ACLED category; None where the category depends on the
# time and place (Hamas, Hezbollah, the RSF): their name is said, their category is not.
_GROUPS: dict[ActorCategory | None, str] = {
    _REBEL: """al-shabaab|al-shabab|al shabaab|al shabab|shabaab|shabab|boko haram|iswap
        |islamic state|islamic state west africa province|islamic state khorasan|isis|isil
        |is|daesh|is-k|isis-k|iskp|al-qaeda|al-qaida|al qaeda|al qaida|aqap|aqim|jnim
        |taliban|ttp|tehrik-e-taliban|tehreek-e-taliban|houthi|houthis|ansar allah
        |ansarallah|ansarullah|farc|eln|m23|adf|allied democratic forces|pkk
        |hayat tahrir al-sham|hts|arakan army|kachin independence army|new people's army
        |npa|abu sayyaf|bla|balochistan liberation army|tplf|free syrian army
        |lord's resistance army|lra|syrian democratic forces|sdf|jaish-e-mohammed
        |lashkar-e-taiba|ansaru|al-nusra|nusra front|national liberation army""",
    _MILITIA: "janjaweed|mai-mai|mai mai|imbonerakure",
    _EXTERNAL: "wagner|wagner group|monusco|minusma|minusca|unifil|unmiss|amisom|atmis",
    None: """hamas|hezbollah|hizbollah|hizbullah|islamic jihad|rsf|rapid support forces
        |fano""",
}
# Names written in capitals only: "IS" is not "is", "US" is not "us".
_ACRONYMS = frozenset(
    """is isis isil is-k isis-k iskp iswap aqap aqim jnim ttp farc eln m23 adf pkk hts npa bla
    tplf lra sdf idf irgc un u.n. us u.s. uk rsf monusco minusma minusca unifil unmiss amisom
    atmis drc""".split()
)
_CAPITALISED = frozenset({_K.NATION, _K.COUNTRY, _K.GROUP})
_EXTRA_COUNTRIES = {"us": _K.COUNTRY, "u.s.": _K.COUNTRY, "uk": _K.COUNTRY, "drc": _K.COUNTRY}


@dataclass(frozen=True, slots=True)
class _Word:
    kind: _K
    category: ActorCategory | None = None  # a named group's
    case: int = 0  # 0: any case; 1: capitalised; 2: in capitals


def _base(word: str) -> str:
    """A word without its possessive: "people's" -> "people"."""
    return word[:-2] if word.endswith("'s") and len(word) > 2 else word


def _phrases(words: str) -> list[tuple[str, ...]]:
    return [tuple(_base(w) for w in p.split()) for p in (w.strip() for w in words.split("|")) if p]


def _lexicon() -> dict[tuple[str, ...], _Word]:
    words: dict[tuple[str, ...], _Word] = {}
    for demonym in lx.DEMONYMS:  # "Palestinians", "Congolese": people, no category
        words[tuple(demonym.split())] = _Word(_K.PERSON, case=1)
    for noun in lx.PERSON_GROUPS["children"]:  # "a teenager", "two pupils"
        if not noun.startswith("youth"):
            words[tuple(noun.split())] = _Word(_K.CIVILIAN)
    for kind, listed in _WORDS_BY_KIND.items():
        for phrase in _phrases(listed):
            words[phrase] = _Word(kind, case=1 if kind in _CAPITALISED else 0)
    for category, listed in _GROUPS.items():
        for phrase in _phrases(listed):
            words[phrase] = _Word(_K.GROUP, category, 1)
    for word, kind in _EXTRA_COUNTRIES.items():
        words[(word,)] = _Word(kind)
    return {
        phrase: _Word(w.kind, w.category, 2 if " ".join(phrase) in _ACRONYMS else w.case)
        for phrase, w in words.items()
    }


_LEXICON = _lexicon()
_FIRST_WORDS = frozenset(p[0] for p in _LEXICON)
_LONGEST = max(len(p) for p in _LEXICON)

# Heads after which a proper name makes an organisation of unknown standing: "Arakan
# Army" is not a state's army. Before militia and rebel heads a name keeps the category.
_ORG_HEADS = frozenset(
    "army armies forces front movement brigade brigades battalion battalions corps alliance"
    " coalition guard group groups".split()
)
_NAMED_HEADS = _ORG_HEADS | frozenset(
    "militia militias militiamen gang gangs rebels separatists insurgents militants fighters"
    " members".split()
)
# "fighters of the Islamic State group", "members of a family", "a group of gunmen".
_MERGE_HEADS = frozenset(
    """group groups members member fighters fighter elements cell contingent unit units
    terrorists militants rebels gunmen insurgents jihadists""".split()
)
# Identity militias keep their category as targets; herders and men become civilians
# or nobody in particular.
_ARMED_PEOPLE = frozenset(
    "fighters fighter elements group groups vigilantes vigilante hunters members".split()
)
# Unqualified forces are an actor ("forces loyal to ..."); a bare "front" is not.
_BARE_FORCES = frozenset({"forces", "coalition"})
_OWNERS = frozenset({_K.COUNTRY, _K.GROUP})
# Words between a side and its attack: "a Russian overnight drone attack".
_FILLERS = frozenset(
    """drone drones missile missiles rocket rockets artillery mortar mortars bomb car truck
    suicide air ground cross-border overnight deadly fresh latest new massive large-scale
    combined retaliatory aerial naval tank sniper ballistic cruise guided glide heavy night
    dawn early morning weekend grenade knife gun arson cluster kamikaze unmanned""".split()
)

# --- Cues ------------------------------------------------------------------------------

_REACH = 12  # words read back past adverbs and quantifiers: bounded, so linear
_BARRIERS = frozenset({".", "!", "?", ";", ":", "\n"})
_COMMAS = frozenset({",", "—", "–", ")"})
_BE = frozenset("was were been being is are be got get gets getting".split())
_SKIP_BACK = _BE | frozenset(
    """also reportedly allegedly apparently then later again first initially subsequently
    repeatedly deliberately indiscriminately jointly simultaneously immediately eventually
    had has have having who which that all both each fatally seriously critically badly
    severely slightly lightly mortally brutally reportedly""".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday night morning evening
    afternoon overnight yesterday today tonight earlier dawn dusk weekend midnight noon""".split()
)
_TIME_LEADS = frozenset("on early late last this in at the before around".split())
_NUMBER_WORDS = frozenset(lx.UNITS) | frozenset(lx.TENS) | frozenset(lx.SCALES)
_QUANTIFIERS = _NUMBER_WORDS | frozenset(
    """a an the some several many dozens dozen scores hundreds thousands of least more than
    fewer less about around nearly almost roughly approximately estimated over as all both
    other another his her their its our these those this further additional at up to""".split()
)
# Words before a noun phrase that make it a complement, not a subject.
_EMBEDDING = frozenset(
    """on at in near against into onto with from by for to toward towards among including
    carrying targeting killing hitting wounding injuring attacking between like upon
    outside inside behind across through under no""".split()
)
# Words that may open what follows a subject: "gunmen on motorcycles", "militants, who ...".
_POSTMODIFIERS = frozenset(
    """on in at near outside inside along with from armed riding wearing dressed driving
    aboard believed suspected thought loyal linked allied using disguised""".split()
)
_OBJECT_SKIP = _QUANTIFIERS | frozenset(
    """down dead up fire on at upon into against with toward towards crowd crowds gathering
    gatherings tear gas teargas rubber bullets live ammunition rounds shots warning
    water cannon stones rocks grenades bombs shells rockets missiles mortars drones
    bullets indiscriminately also reportedly mostly mainly largely primarily convoy
    convoys bus buses vehicle vehicles truck trucks car cars minibus boat boats carrying
    transporting and salvo salvos barrage barrages volley volleys wave waves""".split()
)
_REPORTING = frozenset("said says say claimed announced stated reported added confirmed".split())
_POSSESSED = frozenset(
    """aircraft jets warplanes drones forces fighters planes helicopters artillery missiles
    troops soldiers""".split()
)

# Verbs of attack whose subject attacked and whose object was attacked.
_ATTACK_VERBS = frozenset(
    """attacked assaulted shelled bombed bombarded struck hit targeted killed kill kills shot
    shoot shoots murdered massacred executed beheaded stabbed stabs hacked abducted abducts
    kidnapped kidnaps ambushed ambushes raided stormed overran overrun besieged torched
    wounded injured pounded hammered lynched beat beaten clashed fought battled fired
    opened gunned mowed blew detonated launched rammed slaughtered butchered strafed threw
    hurled set martyred""".split()
)
# Of those, the participles that may be passive: "were killed", "killed by".
_PASSIVE = frozenset(
    """attacked assaulted shelled bombed bombarded struck hit targeted killed shot murdered
    massacred executed beheaded stabbed hacked abducted kidnapped ambushed raided overrun
    besieged wounded injured hurt lynched beaten gunned mowed slaughtered butchered maimed
    burned martyred""".split()
)
# Participles that follow their victims with no "were": "12 civilians killed in ...".
_REDUCED = frozenset(
    """killed wounded injured hurt shot abducted kidnapped murdered beheaded executed stabbed
    lynched massacred maimed martyred""".split()
)
_ING = frozenset(
    """killing wounding injuring attacking targeting hitting striking shooting stabbing
    abducting kidnapping ambushing massacring shelling bombing martyring""".split()
)
# Verbs of attack only with the next word: "opened fire", "set fire", "blew himself up".
_NEEDS = {
    "opened": {"fire"}, "set": {"fire"}, "blew": {"up", "himself", "herself", "themselves"},
}  # fmt: skip
_VICTIM_VERBS = frozenset("died perished drowned succumbed".split())
# What follows "12 civilians killed" when it is passive: "in", "during", "when", ...
_AFTER_REDUCED = frozenset(
    """in during on at near outside inside when after while as by across along overnight
    yesterday today since""".split()
)
# Verbs that say a side attacked when an attack noun follows: "carried out airstrikes".
_CARRIED = frozenset("carried conducted staged mounted unleashed".split())
_AGENT_CUES = _PASSIVE | frozenset(
    "out claimed perpetrated committed conducted launched fired staged orchestrated".split()
)
_CLASHES = frozenset(
    """clashes clash fighting battle battles firefight firefights gunfight gunbattle
    gunbattles skirmish skirmishes hostilities confrontation confrontations exchange
    exchanges combat""".split()
)
_DEAD = frozenset("dead killed victims casualties injured wounded fatalities deceased".split())
# Capitalised words that are not names: a name before "militia" or "Army" makes an
# organisation of its own; these do not.
_NOT_NAMES = (
    _QUANTIFIERS
    | _TIME_WORDS
    | frozenset(
        """the a an on in at when after before as while during but and or yesterday meanwhile
    earlier later then police officials witnesses residents local some several many most
    january february march april may june july august september october november december
    according if since although though last there they it he she we his her its their our
    this that these those no none neither nor not every each any what who whom why how where
    which with without from for by to of under over near despite amid among across also
    however instead still yet so such more most few same one first second new heavy
    fierce renewed sporadic overnight suspected""".split()
    )
)

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_](?:[\w'’-]*\w)?|\d(?:[\d,.]*\d)?|\n|[^\w\s'’]")
_CATEGORY_OF = {
    _K.STATE: (_STATE, _STATE), _K.REBEL: (_REBEL, _REBEL), _K.MILITIA: (_MILITIA, _MILITIA),
    _K.HERDER: (_IDENTITY, _CIVILIANS), _K.RIOTER: (_RIOTERS, _RIOTERS),
    _K.PROTESTER: (_PROTESTERS, _PROTESTERS), _K.CIVILIAN: (None, _CIVILIANS),
    _K.EXTERNAL: (_EXTERNAL, _EXTERNAL),
}  # fmt: skip


@dataclass(slots=True)
class _Mention:
    first: int  # token indices
    last: int
    start: int  # character offsets
    end: int
    as_initiator: ActorCategory | None
    as_target: ActorCategory | None
    can_initiate: bool
    can_be_target: bool
    head: str
    unit: bool = False  # a convoy, a base: a target after the people in it


@dataclass(frozen=True, slots=True)
class _Item:
    first: int
    last: int
    kind: _K
    category: ActorCategory | None
    named: bool = False  # a proper name outside the lexicon


Categories = tuple[ActorCategory | None, ActorCategory | None, bool, bool]


def actors(text: str, start: int = 0, end: int | None = None) -> tuple[Actor | None, Actor | None]:
    """The initiator and the target of the event told in text[start:end] (its sentences),
    each None when the words do not say."""
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return None, None
    return _Reading(text, start, end).actors()


# --- The reading -----------------------------------------------------------------------


class _Reading:
    """One pass over the words: noun phrases that name actors, then the cues around them."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.raw: list[str] = []
        self.low: list[str] = []
        self.base: list[str] = []  # without a possessive 's
        self.spans: list[tuple[int, int]] = []
        for m in _TOKEN.finditer(text, start, end):
            low = m.group().lower().replace("’", "'")
            self.raw.append(m.group())
            self.low.append(low)
            self.base.append(_base(low))
            self.spans.append(m.span())
        self.n = len(self.low)
        self.starts: dict[int, _Mention] = {}
        self.ends: dict[int, _Mention] = {}
        self.attack_nouns: dict[int, int] = {}  # first token -> last token
        self.attack_lasts: frozenset[int] = frozenset()
        # (rank, mention). Initiators: 0 claimed the attack, 1 subject or agent of an
        # attack, 2 the side an attack is named for or listed first in a clash, 3 blamed.
        # Targets: 1 object or victim of an attack, 2 named among the dead; a unit
        # ("a police checkpoint") one rank after the people ("policemen").
        self.initiators: list[tuple[int, _Mention]] = []
        self.targets: list[tuple[int, _Mention]] = []
        self._chunk()
        self.attack_lasts = frozenset(self.attack_nouns.values())

    # -- noun phrases --

    def _word(self, i: int) -> tuple[_Word, int] | None:
        """The longest lexicon phrase at token i, and its length."""
        if self.base[i] not in _FIRST_WORDS:
            return self._hyphenated(i)
        for size in range(min(_LONGEST, self.n - i), 0, -1):
            word = _LEXICON.get(tuple(self.base[i : i + size]))
            if word is not None and self._cased(word, i, size):
                return word, size
        return self._hyphenated(i)

    def _cased(self, word: _Word, i: int, size: int) -> bool:
        raws = self.raw[i : i + size]
        if word.case == 1:
            return any(c.isupper() for r in raws for c in r)
        if word.case == 2:
            if not all(r.isupper() for r in raws):
                return False
            # "IS", "US" in a headline in capitals are words, not names
            near = self.raw[max(0, i - 1) : i] + self.raw[i + size : i + size + 1]
            return len(raws[0]) > 2 or any(any(c.islower() for c in r) for r in near)
        return True

    def _hyphenated(self, i: int) -> tuple[_Word, int] | None:
        """ "al-Qaeda-linked", "Saudi-led", "pro-Russian", "machete-wielding"."""
        low = self.base[i]
        if "-" not in low:
            return None
        prefix, _, suffix = low.rpartition("-")
        if low.startswith(("pro-", "anti-")):
            return _Word(_K.NEUTRAL), 1
        if suffix in {"wielding", "toting", "armed"}:
            return _Word(_K.MILITIA_MOD), 1
        if suffix not in {"led", "backed", "linked", "affiliated", "aligned", "allied",
                          "supported", "sponsored", "trained", "funded", "made"}:  # fmt: skip
            return None
        inner = _LEXICON.get((prefix,))
        if inner is not None and inner.kind is _K.GROUP:
            return _Word(_K.GROUP, inner.category), 1
        if suffix == "led" and inner is not None and inner.kind in {_K.NATION, _K.COUNTRY}:
            return _Word(_K.NATION), 1
        return _Word(_K.NEUTRAL), 1

    def _is_name(self, i: int) -> bool:
        raw = self.raw[i]
        return raw[:1].isupper() and raw[:1].isalpha() and self.base[i] not in _NOT_NAMES

    def _chunk(self) -> None:
        """Runs of actor words ("suspected al-Shabaab militants"), each read as one
        noun phrase whose head is its last noun; then "X of Y" joined."""
        found: list[_Mention] = []
        i = 0
        while i < self.n:
            items = self._run(i)
            if not items:
                i += 1
                continue
            mention, resume = self._phrase(items)
            if mention is not None:
                found.append(mention)
            i = max(resume, i + 1)
        for mention in self._merged(found):
            self.starts[mention.first] = mention
            self.ends.setdefault(mention.last, mention)

    def _run(self, i: int) -> list[_Item]:
        items: list[_Item] = []
        while i < self.n:
            word = self._word(i)
            if word is not None and word[0].kind is _K.ATTACK:
                self.attack_nouns[i] = i + word[1] - 1
                break
            if word is not None:
                items.append(_Item(i, i + word[1] - 1, word[0].kind, word[0].category))
                i += word[1]
            elif self._is_name(i):
                items.append(_Item(i, i, _K.NEUTRAL, None, named=True))
                i += 1
            else:
                break
            # A possessive ends the phrase ("the army's shelling") but for a country's
            # or a group's ("Russia's army", "al-Shabaab's fighters").
            if self.base[i - 1] != self.low[i - 1] and items[-1].kind not in _OWNERS:
                break
        return items

    def _phrase(self, items: list[_Item]) -> tuple[_Mention | None, int]:
        """The mention a run of words makes, and the token to read on from."""
        agent = self._agent(items)
        if agent is not None:
            return agent
        heads = [k for k, item in enumerate(items) if item.kind in _HEADS]
        if not heads:
            return None, items[-1].last + 1
        items = items[: heads[-1] + 1]
        head = items[-1]
        head_words = " ".join(self.base[head.first : head.last + 1])
        if head_words not in _NAMED_HEADS:  # "Kharkiv residents" are residents
            names = [k for k, item in enumerate(items) if item.named]
            items = items[names[-1] + 1 :] if names else items
        if head.kind is _K.COUNTRY and not self._country_alone(head):
            return None, head.last + 1
        cats = _categories(items, head_words)
        if cats is None:
            return None, head.last + 1
        mention = self._mention(items[0].first, head.last, cats)
        mention.unit = head.kind is _K.UNIT
        return mention, head.last + 1

    def _agent(self, items: list[_Item]) -> tuple[_Mention | None, int] | None:
        """ "a Russian drone strike", "an al-Shabaab attack", "police raids": the side
        the attack is named for. None when no attack noun follows the run, or when what
        comes before it names no side ("a drone strike", "civilians attack")."""
        k = items[-1].last + 1
        skipped = 0
        while k < self.n and self.base[k] in _FILLERS and skipped < 3:
            k, skipped = k + 1, skipped + 1
        word = self._word(k) if k < self.n else None
        if word is None or word[0].kind is not _K.ATTACK:
            return None
        self.attack_nouns[k] = k + word[1] - 1
        side = list(items)
        while side and side[-1].kind is _K.WEAPON:
            side.pop()
        named = [j for j, item in enumerate(side) if item.named]
        side = side[named[-1] + 1 :] if named else side
        cats = _agent_categories(side, self.base)
        if not side or cats is None:
            return None
        mention = self._mention(side[0].first, side[-1].last, cats)
        self.initiators.append((2, mention))
        self.ends[self.attack_nouns[k]] = mention  # "Israeli strikes killed ..."
        return mention, k

    def _country_alone(self, head: _Item) -> bool:
        """ "Russia", not "Jordan" of "Michael Jordan" or "Chad Smith"."""
        before = head.first - 1
        after = head.last + 1
        return not (
            (before >= 0 and self._is_name(before) and self._word(before) is None)
            or (after < self.n and self._is_name(after) and self._word(after) is None)
        )

    def _mention(self, first: int, last: int, cats: Categories) -> _Mention:
        return _Mention(first, last, self.spans[first][0], self.spans[last][1], *cats,
                        head=self.base[last])  # fmt: skip

    def _merged(self, found: list[_Mention]) -> list[_Mention]:
        """ "members of the security forces", "a group of gunmen": one actor, named by
        the inner phrase's category when the outer has none."""
        out: list[_Mention] = []
        for mention in found:
            if out and self._joins(out[-1], mention):
                outer = out.pop()
                keep_outer = outer.as_initiator is not None or outer.as_target is not None
                source = outer if keep_outer else mention
                mention = _Mention(
                    outer.first, mention.last, outer.start, mention.end, source.as_initiator,
                    source.as_target, source.can_initiate, source.can_be_target, outer.head,
                    source.unit,
                )  # fmt: skip
            out.append(mention)
        return out

    def _joins(self, outer: _Mention, inner: _Mention) -> bool:
        if outer.head not in _MERGE_HEADS:
            return False
        between = self.low[outer.last + 1 : inner.first]
        return (
            0 < len(between) <= 3
            and between[0] in {"of", "from"}
            and all(w in _QUANTIFIERS for w in between[1:])
        )

    # -- roles --

    def actors(self) -> tuple[Actor | None, Actor | None]:
        cues: dict[str, Callable[[int], None]] = {
            "by": self._by, "hands": self._hands, "claimed": self._claimed,
            "blamed": self._blamed, "accused": self._accused, "between": self._between,
            "among": self._among, "left": self._left, "dead": self._dead,
            "came": self._came, "come": self._came, "comes": self._came,
            "lost": self._lost, "included": self._included, "include": self._included,
            "includes": self._included,
        }  # fmt: skip
        for i, w in enumerate(self.low):
            if w in _ATTACK_VERBS:
                self._verb(i)
            elif w in _ING:
                self._target(1, self._object(i))
            elif w in _VICTIM_VERBS:
                self._target(1, self._subject(i))
            elif w in _CARRIED and any(k in self.attack_nouns for k in range(i + 1, i + 6)):
                self._initiator(1, self._subject(i))
            elif w in _BE and i > 0 and self.low[i - 1] in _DEAD:
                self._target(2, self._object(i))  # "the victims were mostly women"
            if w in cues:
                cues[w](i)
        for last in self.attack_nouns.values():
            self._attack_on(last)
        return self._choose()

    def _attack_on(self, last: int) -> None:
        """ "an attack on soldiers", "a raid by militants on a police post"."""
        nxt = last + 1
        if nxt < self.n and self.low[nxt] == "by":
            agent = self._object(nxt, initiator=True, limit=4)
            nxt = agent.last + 1 if agent is not None else self.n
        if nxt < self.n and self.low[nxt] in {"on", "against", "targeting", "of"}:
            self._target(1, self._object(nxt))

    def _choose(self) -> tuple[Actor | None, Actor | None]:
        """The best-attested of each. The initiator: who claimed the attack, else the
        first subject or agent of a verb of attack, else the side an attack is named for,
        else who was blamed. The target: the first named as attacked, preferring one
        whose category the words say ("soldiers" over "people")."""
        who = min(self.initiators, key=lambda rm: (rm[0], rm[1].start), default=None)
        whom = min(
            ((r, m) for r, m in self.targets if who is None or m.start != who[1].start),
            key=lambda rm: (rm[1].as_target is None, rm[0], rm[1].start),
            default=None,
        )
        return (
            self._actor(who[1], who[1].as_initiator) if who else None,
            self._actor(whom[1], whom[1].as_target) if whom else None,
        )

    def _actor(self, m: _Mention, category: ActorCategory | None) -> Actor:
        return Actor(" ".join(self.text[m.start : m.end].split()), category, m.start, m.end)

    def _initiator(self, rank: int, m: _Mention | None) -> None:
        if m is not None and m.can_initiate:
            self.initiators.append((rank, m))

    def _target(self, rank: int, m: _Mention | None) -> None:
        if m is not None and m.can_be_target:
            self.targets.append((rank + m.unit, m))

    def _verb(self, i: int) -> None:
        w = self.low[i]
        after = self.low[i + 1] if i + 1 < self.n else ""
        if (w.startswith("sho") and after == "down") or _NEEDS.get(w, {after}) & {after} == set():
            return  # "shot down 40 drones"; "opened an investigation"
        if w in _PASSIVE and self._is_passive(i):
            self._target(1, self._subject(i))
            return
        self._initiator(1, self._subject(i))
        self._target(1, self._object(i))

    def _is_passive(self, i: int) -> bool:
        k = i - 1
        while k >= 0 and k > i - _REACH and self.low[k] in _SKIP_BACK and self.low[k] not in _BE:
            k -= 1
        if k >= 0 and self.low[k] in _BE:
            return True
        nxt = i + 1
        while nxt < self.n and self.low[nxt] in {"dead", "down"}:
            nxt += 1
        if nxt < self.n and self.low[nxt] == "by":
            return True
        if self.low[i] not in _REDUCED or (i - 1) not in self.ends or self._object(i):
            return False
        if nxt >= self.n or self.low[nxt] in _BARRIERS or self.low[nxt] in _COMMAS:
            return True
        if self.low[nxt] == "and":  # "shot and killed a teenager"; "killed and 20 wounded"
            return nxt + 1 >= self.n or self.low[nxt + 1] not in _ATTACK_VERBS
        return self.low[nxt] in _AFTER_REDUCED

    # - cues -

    def _by(self, i: int) -> None:
        """ "killed by gunmen", "an attack by al-Shabaab", "claimed by Islamic State"."""
        for k in range(i - 1, max(-1, i - 6), -1):
            if self.low[k] in _BARRIERS:
                return
            if self.low[k] in _AGENT_CUES or k in self.attack_nouns or k in self.attack_lasts:
                rank = 0 if self.low[k] == "claimed" else 1
                self._initiator(rank, self._object(i, initiator=True, limit=4))
                return

    def _hands(self, i: int) -> None:
        """ "at the hands of security forces"."""
        if 0 < i < self.n - 1 and self.low[i - 1] == "the" and self.low[i + 1] == "of":
            self._initiator(1, self._object(i + 1, initiator=True, limit=4))

    def _claimed(self, i: int) -> None:
        """ "Islamic State claimed responsibility for the attack"."""
        after = self.low[i + 1 : i + 3]
        if after[:1] in (["responsibility"], ["credit"]) or (
            after[:1] == ["the"] and i + 2 in self.attack_nouns
        ):
            self._initiator(0, self._subject(i))

    def _blamed(self, i: int) -> None:
        """ "officials blamed al-Shabaab for the attack", "blamed the attack on rebels"."""
        m = self._object(i, initiator=True, limit=4)
        if m is not None and m.last + 1 < self.n and self.low[m.last + 1] == "for":
            self._initiator(3, m)
            return
        for k in range(i + 1, min(self.n, i + 8)):
            if self.low[k] in _BARRIERS:
                return
            if self.low[k] == "on":
                self._initiator(3, self._object(k, initiator=True, limit=4))
                return

    def _accused(self, i: int) -> None:
        """ "the army accused rebels of attacking ..."."""
        m = self._object(i, initiator=True, limit=4)
        if m is not None and m.last + 1 < self.n and self.low[m.last + 1] == "of":
            self._initiator(3, m)

    def _between(self, i: int) -> None:
        """ "clashes between troops and militants"."""
        if not any(w in _CLASHES for w in self.low[max(0, i - 3) : i]):
            return
        first = self._object(i, initiator=True, limit=4)
        if first is None or first.last + 1 >= self.n or self.low[first.last + 1] != "and":
            return
        self._initiator(2, first)
        self._target(2, self._object(first.last + 1, limit=4))

    def _among(self, i: int) -> None:
        """ "among the dead were three soldiers", "two medics were among the killed"."""
        k = i + 1
        while k < self.n and self.low[k] in {"the", "those"}:
            k += 1
        if k >= self.n or self.low[k] not in _DEAD:
            return
        if k + 1 < self.n and self.low[k + 1] in _BE:
            self._target(2, self._object(k + 1))
        else:
            self._target(2, self._subject(i))

    def _included(self, i: int) -> None:
        """ "the dead included four children"."""
        if any(w in _DEAD for w in self.low[max(0, i - 2) : i]):
            self._target(2, self._object(i))

    def _left(self, i: int) -> None:
        """ "left 12 villagers dead"."""
        m = self._object(i)
        if m is not None and m.last + 1 < self.n and self.low[m.last + 1] in _DEAD:
            self._target(2, m)

    def _dead(self, i: int) -> None:
        """ "12 civilians dead in ..."."""
        if (i - 1) in self.ends:
            self._target(2, self.ends[i - 1])

    def _came(self, i: int) -> None:
        """ "peacekeepers came under fire"."""
        if self.low[i + 1 : i + 2] == ["under"] and self.low[i + 2 : i + 3] in (
            ["fire"], ["attack"],
        ):  # fmt: skip
            self._target(1, self._subject(i))

    def _lost(self, i: int) -> None:
        """ "three soldiers lost their lives"."""
        if self.low[i + 1 : i + 3] == ["their", "lives"]:
            self._target(1, self._subject(i))

    # - grammar -

    def _subject(self, i: int) -> _Mention | None:
        """The actor named as the subject of the verb at token i: the noun phrase just
        before it, past adverbs, auxiliaries, times, a short postmodifier or a clause set
        off by commas; through "they"/"its forces" to whoever said so."""
        for _ in range(3):
            j = self._back(i - 1)
            if j < 0:
                return None
            said = self._reporter(j)
            if said is not None:
                i = said
                continue
            return self._before(j)
        return None

    def _back(self, j: int) -> int:
        floor = j - _REACH
        while j >= 0 and j > floor:
            if self.low[j] in _SKIP_BACK:
                j -= 1
            elif self.low[j] in _TIME_WORDS:
                j -= 1
                while j >= 0 and self.low[j] in _TIME_LEADS:
                    j -= 1
            else:
                break
        return j

    def _reporter(self, j: int) -> int | None:
        """For "X said they ..." or "X said its aircraft ...": the index of "said"."""
        if self.low[j] in {"it", "they"}:
            k = j - 1
        elif self.low[j] in _POSSESSED and j > 0 and self.low[j - 1] in {"its", "their"}:
            k = j - 2
        else:
            return None
        if k >= 0 and self.low[k] == "that":
            k -= 1
        return k if k >= 0 and self.low[k] in _REPORTING else None

    def _before(self, j: int) -> _Mention | None:
        m = self.ends.get(j)
        subject = self._conjunct(m) if m is not None else None
        if subject is not None:
            return subject
        if self.low[j] in _COMMAS:  # "Militants, who arrived on motorcycles, attacked"
            for k in range(j - 1, max(-1, j - 25), -1):
                if self.low[k] in _BARRIERS:
                    return None
                if self.low[k] in _COMMAS or self.low[k] == "(":
                    m = self.ends.get(k - 1)
                    return self._conjunct(m) if m is not None else None
            return None
        for k in range(j, max(-1, j - 6), -1):  # "gunmen on motorcycles opened fire"
            w = self.low[k]
            if w in _BARRIERS or w in _REPORTING or w in _ATTACK_VERBS or w in _COMMAS:
                return None
            if w in _POSTMODIFIERS and (k - 1) in self.ends:
                return self._conjunct(self.ends[k - 1])
        return None

    def _conjunct(self, m: _Mention) -> _Mention | None:
        """The first of "soldiers and police", unless the phrase is a complement."""
        if self._embedded(m):
            return None
        for _ in range(5):
            k = self._skip_quantifiers(m.first - 1)
            prev = self.ends.get(k - 1) if k >= 1 and self.low[k] in {"and", "or", ","} else None
            if prev is None or self._embedded(prev):
                break
            m = prev
        return m

    def _embedded(self, m: _Mention) -> bool:
        k = self._skip_quantifiers(m.first - 1)
        return k >= 0 and self.low[k] in _EMBEDDING

    def _skip_quantifiers(self, k: int) -> int:
        """Back past "at least 12", "dozens of", "the", "up to"."""
        floor = k - _REACH
        while k >= 0 and k > floor:
            w = self.low[k]
            if w == "to" and k > 0 and self.low[k - 1] == "up":
                k -= 2
                continue
            if w in {"at", "to"}:  # "at least" is skipped at "least"; "at a market" is not
                if not (w == "at" and k + 1 < self.n and self.low[k + 1] == "least"):
                    break
            elif not (w in _QUANTIFIERS or _is_number(w)):
                break
            k -= 1
        return k

    def _object(self, i: int, *, initiator: bool = False, limit: int = 8) -> _Mention | None:
        """The actor named just after token i, past numbers, hedges, prepositions, weapons
        and one adjective of its own: "killing at least 12 civilians", "opened fire on a
        crowd of worshippers", "shot dead three artisanal miners"."""
        k = i + 1
        stop = min(self.n, i + 1 + limit)
        adjective = True  # one unknown word is allowed, just before the actor
        while k < stop:
            m = self.starts.get(k)
            if m is not None:
                if m.can_initiate if initiator else m.can_be_target:
                    return m
                k = m.last + 1
                continue
            w = self.low[k]
            if w == "no":
                return None
            if not (w in _OBJECT_SKIP or _is_number(w)):
                if not (adjective and self._adjective(k)):
                    return None
                adjective = False
            k += 1
        return None

    def _adjective(self, k: int) -> bool:
        """A lowercase word just before an actor's name that is no preposition or verb."""
        w = self.raw[k]
        return (
            w.isalpha()
            and w.islower()
            and (k + 1) in self.starts
            and w not in _EMBEDDING
            and w not in _ATTACK_VERBS
            and w not in _ING
            and w not in _REPORTING
        )


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


def _categories(items: list[_Item], head_words: str) -> Categories | None:
    """The categories of a noun phrase as initiator and as target, and whether it can be
    either; None when the phrase names no actor ("a drone", "the checkpoint")."""
    head = items[-1]
    mods = {_AS_MODIFIER.get(item.kind, item.kind) for item in items[:-1]}
    groups = [item.category for item in items[:-1] if item.kind is _K.GROUP]
    named = any(item.named for item in items[:-1])
    if head.kind is _K.GROUP:
        return head.category, head.category, True, True
    if head.kind is _K.EXTERNAL or (_K.EXTERNAL_MOD in mods and head.kind is not _K.CIVILIAN):
        return _EXTERNAL, _EXTERNAL, True, head.kind is not _K.WEAPON
    if head.kind is _K.COUNTRY:
        return _STATE, None, True, False
    # "Houthi rebels", "Hezbollah fighters"; but "Hamas militants" are militants
    by_group = groups and (groups[0] is not None or head.kind not in _CATEGORY_OF)
    if by_group and head.kind not in {_K.CIVILIAN, _K.PROTESTER, _K.RIOTER}:
        return groups[0], groups[0], True, head.kind is not _K.WEAPON
    if named and head_words in _ORG_HEADS:
        return None, None, True, True
    if _K.IDENTITY_MOD in mods and head.kind in {_K.MILITIA, _K.PERSON, _K.HERDER}:
        armed = head.kind is _K.MILITIA or head_words in _ARMED_PEOPLE
        as_target = _IDENTITY if armed else (_CIVILIANS if head.kind is _K.HERDER else None)
        return _IDENTITY, as_target, True, True
    if head.kind in _CATEGORY_OF:
        as_initiator, as_target = _CATEGORY_OF[head.kind]
        return as_initiator, as_target, True, True
    return _qualified(head, mods, head_words)


def _qualified(head: _Item, mods: set[_K], head_words: str) -> Categories | None:
    """Persons, forces, weapons and units, by their qualifiers: "government forces",
    "rebel drones", "armed men", "an aid convoy"."""
    category: ActorCategory | None = None
    if mods & {_K.NATION, _K.STATE_MOD} and head.kind is not _K.PERSON:
        category = _STATE
    elif _K.STATE_MOD in mods:
        category = _STATE  # "government fighters", "police personnel"
    elif _K.REBEL_MOD in mods:
        category = _REBEL
    elif _K.MILITIA_MOD in mods and head.kind is not _K.WEAPON:
        category = _MILITIA
    if category is not None:
        return category, category, True, head.kind is not _K.WEAPON
    if head.kind is _K.UNIT and _K.CIVIL_MOD in mods:
        return None, _CIVILIANS, False, True  # "an aid convoy", "a refugee camp"
    if head.kind is _K.PERSON or (head.kind is _K.FORCE and head_words in _BARE_FORCES):
        return None, None, True, True
    return None


def _agent_categories(side: list[_Item], base: list[str]) -> Categories | None:
    """The side an attack is named for: "Russian" of "a Russian strike", "police" of
    "a police raid". Civilians, people and weapons name no side."""
    if not side:
        return None
    last = side[-1]
    if last.kind in _HEADS:
        if last.kind in {_K.CIVILIAN, _K.PROTESTER, _K.PERSON, _K.UNIT, _K.WEAPON}:
            return None
        words = " ".join(base[last.first : last.last + 1])
        cats = _categories(side, words)
        return None if cats is None else (cats[0], None, True, False)
    mods = {_AS_MODIFIER.get(item.kind, item.kind) for item in side}
    groups = [item.category for item in side if item.kind is _K.GROUP]
    if groups:
        return groups[0], None, True, False
    if mods & {_K.NATION, _K.STATE_MOD}:
        return _STATE, None, True, False
    if _K.REBEL_MOD in mods:
        return _REBEL, None, True, False
    return None
