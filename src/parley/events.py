"""Events: find and code who did what to whom in each sentence (PLOVER, with CAMEO kept).

The method is a trigger lexicon over the dependency parse, with no statistical model:

1. One linear pass over the tokens looks each verb or noun lemma up in the trigger lexicon
   (``data/events_lexicon.tsv``: lemma -> CAMEO code, with optional argument requirements
   such as "impose" + object "sanctions"). The CAMEO code gives PLOVER type, mode, context,
   QuadClass and Goldstein score through ``data/events_cameo.tsv`` (the official
   CAMEO-to-PLOVER table plus the standard Goldstein weights).
2. For each trigger the parse gives the arguments: the subject (through relative pronouns,
   coordination, control and passives) is the actor; objects and the prepositions "with",
   "to", "against", "on", "near" ... give the recipient. Nominal triggers ("a meeting with",
   "drills near the island") take their actor from a light verb ("launched two drills"), a
   possessor ("whose meeting"), a modifier ("US-China talks") or "between".
3. Auxiliaries, negation, conditionals, control verbs and the nominal's modifiers give the
   status: occurred, planned, negated or hypothetical.
4. Date (``temporal.event_date``), location (a place in the event's clause, else one the
   sentence puts it in, else for meetings the destination of the article's main visit) and
   contexts complete the record; ``why`` names the rule, trigger and arguments.

Precision comes first: an event needs a lexicon trigger and an actor resolved to an
``Actor``; reporting verbs alone are never triggers; types that require a recipient
(COOPERATE, AID, SANCTION) are dropped without one.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from parley import actors as actors_stage
from parley import nlp, temporal
from parley.records import Actor, Article, Event, Location, Timex

# ---------------------------------------------------------------- data tables


@dataclass(frozen=True)
class CameoCode:
    """One row of the CAMEO-to-PLOVER table."""

    cameo: str
    plover_type: str
    mode: str | None
    contexts: tuple[str, ...]
    quad_class: int
    goldstein: float
    description: str


@dataclass(frozen=True)
class Requirement:
    """One alternative condition a lexicon row puts on its trigger's arguments."""

    # obj, subj, notobj, noobj, prep, noprep, pobj, mod, comp, light, under, inprep, all,
    # future, adv, objmod, notown, ownforces, compv, nocomp, notopinion, wants
    kind: str
    words: frozenset[str] = frozenset()
    prep: str = ""  # for pobj: the preposition ("from" in "from:talks")
    parts: tuple[Requirement, ...] = ()  # for all: conditions that must hold together


@dataclass(frozen=True)
class LexEntry:
    """One trigger row: lemma and part of speech -> CAMEO code (and optional overrides)."""

    lemma: str
    pos: str  # V or N
    cameo: str
    plover: str | None
    mode: str | None
    requires: tuple[Requirement, ...]
    flags: frozenset[str]


def _data_lines(name: str) -> Iterator[str]:
    text = resources.files("parley").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return (line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """CAMEO code -> its PLOVER type, mode, contexts, QuadClass and Goldstein score."""
    table: dict[str, CameoCode] = {}
    for row in csv.DictReader(_data_lines("events_cameo.tsv"), delimiter="\t"):
        table[row["cameo"]] = CameoCode(
            cameo=row["cameo"],
            plover_type=row["plover_type"],
            mode=row["mode"] or None,
            contexts=tuple(c for c in row["context"].split(";") if c),
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
            description=row["description"],
        )
    return table


def _parse_requirement(text: str) -> Requirement:
    if "+" in text:  # "obj:missile+!prep:at": every part must hold
        return Requirement("all", parts=tuple(_parse_requirement(t) for t in text.split("+")))
    if text in (
        "noobj",
        "comp",
        "nocomp",
        "light",
        "threat",
        "yield",
        "future",
        "notown",
        "ownforces",
        "wants",
        "notopinion",
        "pair",
        "inf",
        "answers",
    ):
        return Requirement(text)
    if text.startswith("^"):  # "^on": the noun is the object of "on" ("on alert")
        return Requirement("inprep", frozenset(text[1:].split("|")))
    key, _, words = text.partition(":")
    wordset = frozenset(words.split("|"))
    if key in ("obj", "prep", "mod", "under", "pred", "subj", "adv", "objmod", "compv", "subjof"):
        return Requirement(key, wordset)
    if key == "!obj":
        return Requirement("notobj", wordset)
    if key == "!prep":
        return Requirement("noprep", wordset)
    return Requirement("pobj", wordset, prep=key)


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[LexEntry, ...]]:
    """(lemma, "V"|"N") -> the lexicon rows for it, in file order."""
    table = cameo_table()
    rows: dict[tuple[str, str], list[LexEntry]] = {}
    for row in csv.DictReader(_data_lines("events_lexicon.tsv"), delimiter="\t"):
        if row["cameo"] not in table:
            raise ValueError(f"events_lexicon.tsv: unknown CAMEO code {row['cameo']}")
        requires = tuple(_parse_requirement(r) for r in (row["requires"] or "").split())
        for lemma in row["lemmas"].split("|"):
            entry = LexEntry(
                lemma=lemma,
                pos=row["pos"],
                cameo=row["cameo"],
                plover=row["plover"] or None,
                mode=row["mode"] or None,
                requires=requires,
                flags=frozenset((row["flags"] or "").split()),
            )
            rows.setdefault((lemma, row["pos"]), []).append(entry)
    return {key: tuple(entries) for key, entries in rows.items()}


def code(cameo: str) -> CameoCode:
    """The table row for a CAMEO code (falling back to its root)."""
    table = cameo_table()
    return table.get(cameo) or table[cameo[:2]]


# ---------------------------------------------------------------- grammar word lists


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs whose object noun carries the event: "launched drills", "issued a warning".
_LIGHT_VERBS = _words(
    "hold have conduct launch stage carry begin start make pay issue lodge file deliver "
    "give level voice announce order mount open resume stage declare impose observe "
    "sign reach agree renew reiterate repeat step wage continue host attend join "
    "undertake perform kick initiate organize organise call go complete finish insist press "
    "commit perpetrate grant offer slap "
    "express convey extend show put place signal indicate reaffirm affirm demonstrate "
    "wrap conclude push proceed approve authorize authorise keep bring arrange fly emerge"
)
# spaCy sm sometimes mislemmatises ("staged" -> "stag"): accept regular inflections too.
_LIGHT_FORMS = frozenset(
    form
    for verb in _LIGHT_VERBS
    for form in (verb, f"{verb}s", f"{verb}d", f"{verb}ed", f"{verb}ing")
)
# Control verbs putting their complement in the future ("plans to meet").
_PLAN_VERBS = _words(
    "plan intend expect schedule set prepare aim hope want seek wish propose decide "
    "arrange prepare due slate poise vow pledge promise agree offer go"
)
_TRY_VERBS = _words("try attempt consider mull")
# Verbs whose object carries out their to-infinitive ("invited Arata to visit", "urged Y to
# stop"): the complement's actor is that object, and its act is not yet real.
_OBJECT_CONTROL_VERBS = _words(
    "invite urge ask tell order encourage persuade call press request allow permit "
    "authorize authorise force compel advise instruct push pressure lobby implore beg"
)
# Verbs whose subject, not their object, carries out the complement ("promised Y to").
_SUBJECT_CONTROL_VERBS = _words("promise vow pledge threaten swear offer")
# "the first minister to visit Japan since 2019": a description of the person, not a visit.
_DESCRIPTIVE_ORDINALS = _words("first last only second third latest next")
# Nouns of a fight between parties ("clashes between police and protesters").
_FIGHT_NOUNS = _words("clash fighting battle gunbattle firefight skirmish violence exchange")
# Weapons and vehicles after "with" are instruments, never parties ("attacked with drones").
_INSTRUMENT_NOUNS = _words(
    "drone missile rocket bomb shell artillery mortar gun rifle weapon tank grenade "
    "explosive knife aircraft jet warplane helicopter munition bullet baton truck car "
    "firearm machete cannon howitzer airstrike strike fire gas teargas projectile vehicle "
    "device weaponry arm ammunition offensive campaign operation"
)
# Nouns for a settlement named by its "of" object ("the Ukrainian city of Odesa").
_SETTLEMENT_NOUNS = _words(
    "city town village port capital region province district area settlement suburb "
    "island state oblast county municipality"
)
# Adjectives of willingness or readiness taking a to-infinitive ("is ready to send troops"):
# PLOVER reads them as commitments (AGREE for cooperation, THREATEN for conflict).
_WILLING_ADJECTIVES = _words(
    "willing ready prepared committed eager determined keen poised set due likely unwilling"
)
# Verbs whose object event is not (yet) real: "confirmed a meeting", "see a likely meeting".
_UNREAL_GOVERNORS = _words(
    "confirm deny rule expect see seek want propose consider hope anticipate predict "
    "call demand urge request discuss plan schedule arrange prepare envisage mull eye "
    "rule push press favour favor suggest"
)
_PLANNING_GOVERNORS = _words("plan schedule arrange prepare set announce")
_FUTURE_MODIFIERS = _words(
    "planned upcoming scheduled expected next future forthcoming prospective coming"
)
_HYPOTHETICAL_MODIFIERS = _words("likely possible potential hypothetical proposed")
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "’ll"})
_HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "can", "ca", "should"})
_REPORTING_VERBS = _words(
    "say tell add announce state report declare claim insist note warn write explain confirm"
)
# Reporting verbs that turn "Y must do Z" into a demand on Y.
_DEMAND_REPORTING_VERBS = _words(
    "say tell add state declare insist conclude stress argue write maintain assert reiterate "
    "serve notify inform announce"
)
# Verbs whose that-clause reports what the speaker says did not happen.
_DENIAL_VERBS = _words("deny refute dispute")
_AVOIDING_VERBS = _words("avoid refrain abstain shun eschew")
_OBLIGATION_AUX = frozenset({"must", "should", "ought"})
# Movement and access that a concession lets happen ("allowed refugees to return").
_ACCESS_VERBS = _words(
    "enter return cross leave visit travel land access reach transit dock operate "
    "inspect resume reopen attend participate"
)
# A warning threatens when the warner says what it will or would do.
_THREAT_AUX = _FUTURE_AUX | frozenset({"would", "could", "may", "might"})
_SELF_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})
_STATE_FORCES = _words("police army military troops force government authority")
_CONTROLLED = "asked to by"  # the status reason of an object-control complement
_FORESEEN = "foreseen"  # the status reason of "is expected to", "is feared to"
_DECIDED = "decided"  # the status reason of "decided to", "voted to"
_EXPECTATION_VERBS = _words("expect believe think fear predict anticipate forecast")
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
_RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
_NEGATIVE_DETERMINERS = frozenset({"neither", "no"})
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "neither", "nothing"})
# Prepositions whose object is the recipient of an event.
_RECIPIENT_PREPS = _words(
    "with to against on at upon near around off toward towards into onto along"
)
# "concern over the arrests in Georgia" names whose act is reacted to, but "severed ties with
# Israel over the war" gives a reason: its object is a recipient only when nothing else is.
_REASON_PREPS = _words("over")
_ACTIVITY_PREPS = _words("in for on into")
_MEASURE_PREPS = _words("of in")  # "500 million euros in aid", "tonnes of food"
_THEME_RECIPIENT_PREPS = _RECIPIENT_PREPS | _words("for between")
# Missions a country keeps in another: "its embassy in Kabul" names the host.
_HOSTED_NOUNS = _words("embassy consulate mission legation")
# Subjects of a rule or warning, never of a reported act.
_ANY_SUBJECTS = _words("anyone anybody whoever everyone everybody whomever")
# Prepositions whose object is the occasion of an act, not an act it performs.
_CROWD_PLACE_PREPS = _words("in at through outside")
_TARGET_PREPS = _words("in near outside inside across throughout along")
_LOCATIVE_RECIPIENT_PREPS = _words("near around off along at")
_SETTING_PREPS = _words("at during after before since following amid despite notwithstanding")
# Heads of "the two X" / "both X" that stand for the story's two parties.
_PAIR_NOUNS = _words(
    "side sides country countries nation nations government governments leader leaders "
    "neighbour neighbours neighbor neighbors state states capital capitals army armies "
    "military militaries party parties minister ministers president presidents premier "
    "premiers delegation delegations envoy envoys diplomat diplomats official officials"
)
_NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "ISM"})
# Definite nouns standing for an act reported before ("condemned the move"): the act's
# author is the party the reaction answers.
_EVENT_ANAPHORS = _words(
    "move decision step measure measures pact agreement deal accord resolution seizure "
    "launch launches test tests attack attacks strike strikes arrest arrests detention "
    "detentions sanction sanctions ban action actions announcement remarks comments "
    "shelling bombing killing killings raid raids expulsion closure annexation invasion "
    "occupation incursion offensive crackdown execution executions drills exercises "
    "deployment blockade tariffs duties ruling verdict sentence accusation accusations "
    "allegation allegations charge charges criticism claim claims demand demands proposal "
    "offer request ultimatum surcharge surcharges levy embargo restrictions"
)
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Definite nouns standing for an international body named before ("the bloc").
_BODY_ANAPHORS = {
    "bloc": frozenset({"EUR", "IGO"}),
    "alliance": frozenset({"IGO"}),
    "watchdog": frozenset({"UNO", "IGO"}),
}
_REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT"})
_DEFINITE_DETS = frozenset({"the", "this", "these", "that", "those"})
# Purposes that make an arrival of military personnel assistance (manual, AID: "military
# and police assistance including arms and personnel").
_ASSISTANCE_PURPOSES = _words("train help assist support advise protect guard shore bolster")
_NOMINAL_TEMPORAL_PREPS = _words("after during following before since amid ahead")
# Heads of a subject that make an arrival a deployment rather than a visit.
_ARMED_PERSONNEL = _words(
    "troop soldier force peacekeeper contingent battalion brigade unit deployment marine "
    "paratrooper warship army instructor"
)
_PEACEKEEPING_WORDS = _words("peacekeeping peacekeeper peacekeepers")
_MISSION_WORDS = _PEACEKEEPING_WORDS | {"mission"}
_PEACEKEEPING_ENTRY = LexEntry(
    lemma="arrive", pos="V", cameo="074", plover=None, mode=None, requires=(), flags=frozenset()
)
# Marks of a clause or phrase recalling an earlier happening ("after X attacked").
_BACKGROUND_MARKS = _words("after since following")
# Conjunctions the parser may take for prepositions before a finite clause.
_CLAUSE_PREPS = _words("after before since until")
# Definite descriptions standing for a country named earlier ("near the island").
_PLACE_ANAPHORS = _words(
    "island country nation territory peninsula enclave archipelago kingdom republic"
)
# Heads of unnamed groups that take their country from "in"/"from" ("rebels in Ivory Coast").
_GROUP_NOUNS = _words(
    "group party movement rebel insurgent guerrilla militant militia fighter protester "
    "demonstrator student worker activist opposition doctor farmer official leader soldier "
    "troop force settler refugee citizen resident villager people supporter member union "
    "miner teacher lawyer journalist youth crowd mob gunman extremist fundamentalist "
    "nationalist separatist tribesman thousand hundred dozen police policeman prosecutor "
    "investigator judge"
)
_VISIT_NOUNS = _words("trip visit tour journey arrival voyage")
_TRAVEL_CODES = frozenset({"042", "043"})
# Words that count a group: "hundreds of police officers"
_COUNT_WORDS = _words("hundreds thousands dozens scores hundred thousand dozen contingent")
_TRAVEL_VERBS = _words("travel fly head arrive visit tour")
_COOPERATIVE_FUTURE_CODES = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}
_NEEDS_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION"})
# Conflict announced for the future is a threat; a deployment announced ("will send 2,000
# soldiers to the border") stays a planned MOBILIZE: a move, not a verbal threat (manual).
_THREAT_CODES = {"ASSAULT": "138", "COERCE": "132", "SANCTION": "133"}
_REFUSABLE_CODES = {
    "AGREE": "120",
    "CONSULT": "125",  # "will not hold talks": a refusal to meet or negotiate
    "CONCEDE": "124",
    "RETREAT": "124",
    "AID": "122",
    "COOPERATE": "121",
    "SUPPORT": "120",
}
_VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
_VENUE_PREPS = _words("to in at")
_CONFLICT_TYPES = frozenset(
    {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST", "ACCUSE", "REJECT"}
)
# Context keywords read in the event's sentence (PLOVER contexts, manual chapter "Contexts").
_CONTEXT_KEYWORDS = {
    "military": "military troops army navy warship warships missile missiles",
    "economic": "trade tariff tariffs economy economic investment export import",
    "election": "election elections ballot vote voters",
    "cbrn": "nuclear chemical biological",
    "migration": "refugee refugees migrant migrants migration",
    "terrorism": "terrorist terrorists terrorism",
    "cyber": "cyber cyberattack hacker hackers hacking",
    "health": "pandemic epidemic covid vaccine vaccines outbreak",
    "corruption": "corruption bribery",
    "intelligence": "intelligence espionage spy spying",
}
# Natural disasters: a state of emergency declared over one is no repression (manual, COERCE).
_DISASTER_WORDS = _words(
    "flood flooding earthquake quake hurricane typhoon cyclone storm tsunami wildfire "
    "drought landslide mudslide eruption volcano epidemic pandemic outbreak disaster famine "
    "heatwave blizzard snowstorm tornado"
)
_CONTEXT_WORDS = {word: ctx for ctx, words in _CONTEXT_KEYWORDS.items() for word in words.split()}


# ---------------------------------------------------------------- per-document context


@dataclass(frozen=True)
class _Dated:
    """An event whose date the text gave, as a context for the sentences after it."""

    start: int  # sentence start char
    paragraph: int
    type: str
    status: str
    date: str
    precision: str
    parties: frozenset[str]  # countries of its actors and recipients
    simple_past: bool  # told in the simple past: an occasion of the story, not its backstory


# "during the talks", "at that meeting", "on his visit": a sentence set inside an
# occasion told before, which dates it.
_OCCASION_NOUNS = _words(
    "talk talks meeting meetings visit trip summit call conversation session negotiation "
    "negotiations conference ceremony tour"
)
_OCCASION_PREPS = _words("during at on in")
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_OCCASION_DETERMINERS = _words("the that this his her their its those these")


class _DocContext:
    """What every trigger of one document needs: actors by position, places, defaults."""

    def __init__(self, doc: Doc, actors: tuple[Actor, ...], places: tuple[Location, ...]) -> None:
        self.doc = doc
        self.text = nlp.text_of(doc)
        self.actors = actors
        self._token_actors: dict[int, Actor | None] = {}
        self.places = tuple(p for p in places if p.start is not None and p.end is not None)
        self.mentions = sorted(
            (start, end, actor) for actor in actors for start, end in actor.mentions
        )
        self._main_visit: Location | bool | None = False
        # events coded so far, in text order: (sentence start char, trigger lemma, parties)
        self.history: list[tuple[int, str, list[Actor], list[Actor]]] = []
        # (CAMEO code, actors, recipients) of the events coded so far, by trigger token
        self.coded: dict[int, tuple[str, list[Actor], list[Actor]]] = {}
        # events dated by the text so far, in text order, for sentences with no date
        self.dated: list[_Dated] = []

    def paragraph(self, char: int) -> int:
        """Index of the paragraph holding character ``char`` (a line break, or several with
        blank lines between them, ends a paragraph)."""
        return len(_PARAGRAPH_BREAK.findall(self.text, 0, char))

    def actor_at(self, start: int, end: int) -> Actor | None:
        return actors_stage.actor_at(self.actors, start, end)

    def token_actor(self, token: Token) -> Actor | None:
        if token.i not in self._token_actors:  # asked for the same tokens again and again
            self._token_actors[token.i] = self.actor_at(token.idx, token.idx + len(token))
        return self._token_actors[token.i]

    def place_at(self, token: Token) -> Location | None:
        start, end = token.idx, token.idx + len(token)
        for place in self.places:
            if place.start < end and start < place.end:  # type: ignore[operator]
                return place
        return None

    def country_actor(self, country: str | None, exclude: Iterable[str] = ()) -> Actor | None:
        """The document's actor standing for a country (a country itself, else its government)."""
        if not country:
            return None
        banned = set(exclude)
        ranked = sorted(
            (a for a in self.actors if a.country == country and a.id not in banned),
            key=lambda a: (a.kind != "country", a.kind == "person", a.sector != "GOV"),
        )
        return ranked[0] if ranked and ranked[0].kind != "person" else None

    def country_before(self, char: int, exclude: Iterable[str]) -> Actor | None:
        """The country of the nearest state actor mentioned before ``char``, other than the
        excluded actors' own ("the island", "thanked the kingdom" after "Saudi Ambassador
        X"): the country itself where the document has it."""
        banned = set(exclude)
        own = {a.country for a in self.actors if a.id in banned}
        for start, _end, actor in reversed(self.mentions):
            if start >= char or actor.id in banned or actor.country in own:
                continue
            if actor.kind == "country":
                return actor
            if actor.country and actor.country not in _NON_STATE_CODES:
                return self.country_actor(actor.country, banned) or actor
        return None

    def main_visit(self) -> Location | None:
        """The destination of the article's main visit ("a trip to Beijing"), if any."""
        if self._main_visit is False:
            self._main_visit = self._find_main_visit()
        return self._main_visit  # type: ignore[return-value]

    def _find_main_visit(self) -> Location | None:
        for token in self.doc:
            lemma = token.lemma_.lower()
            if token.pos_ == "NOUN" and lemma in _VISIT_NOUNS:
                targets = _prep_objects(token, {"to", "in"})
            elif token.pos_ == "VERB" and lemma in _TRAVEL_VERBS:
                targets = [*_direct_objects(token), *_prep_objects(token, {"to", "in"})]
            else:
                continue
            for target in targets:
                place = self.place_at(target)
                if place is not None:
                    return place
        return None


# ---------------------------------------------------------------- parse helpers


def _conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def _agentive_participle(token: Token) -> bool:
    """A past participle with a by-agent modifying a clause's subject: "supplies donated by
    India arrived", "a strike called by the unions shut airports"; the noun is what the
    participle's verb acts on. On other nouns ("swapped prisoners in a deal mediated by the
    UAE") it is a detail of another act, not a report of its own."""
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and token.head.pos_ in ("NOUN", "PROPN")
        and token.head.dep_ in ("nsubj", "nsubjpass", "ROOT")
        # "aid workers detained by the Taliban were freed": who holds them, not a new arrest;
        # "the administration, backed by the army, said": an alliance, not an act
        and token.lemma_.lower() not in _CAPTIVITY_VERBS | _STANDING_PARTICIPLES
        and any(c.dep_ == "agent" for c in token.children)
    )


def _direct_objects(token: Token) -> list[Token]:
    found: list[Token] = []
    if _agentive_participle(token):
        found.extend(_conjuncts(token.head))
    for child in token.children:
        if _misread_place(child):
            continue
        if child.dep_ == "ccomp" and nlp.naming_clause(child):
            # "struck what the military called militant hideouts": the hideouts
            found.extend(
                o
                for c in child.children
                if c.dep_ in ("dobj", "oprd") and c.lower_ not in ("what", "which")
                for o in _conjuncts(c)
            )
            continue
        if child.dep_ in ("dobj", "dative", "attr") or (
            child.dep_ == "nsubjpass" and token.pos_ in ("VERB", "AUX")
        ):
            found.extend(_conjuncts(child))
    if (
        not found
        and token.dep_ == "amod"
        and token.pos_ == "VERB"
        and token.i < token.head.i
        and any(c.dep_ == "nsubj" for c in token.children)
    ):
        # "the emir ended pre-publication censorship": a verb with its own subject read as
        # a modifier of its object
        found.append(token.head)
    if not found and any(
        c.dep_ == "advmod" and c.lower_ in ("home", "back") for c in token.children
    ):
        # "called home its ambassador", "sent back 300 refugees": with the adverb first, the
        # parse may read the object as a predicate
        found.extend(o for c in token.children if c.dep_ == "oprd" for o in _conjuncts(c))
    if not found and token.pos_ == "VERB":
        # "attacked and beat olive pickers": two verbs joined share the object after both
        doc = token.doc
        for verb in token.children:
            if (
                verb.dep_ == "conj"
                and verb.pos_ == "VERB"
                and verb.i == token.i + 2
                and doc[token.i + 1].dep_ == "cc"
            ):
                found.extend(o for c in verb.children if c.dep_ == "dobj" for o in _conjuncts(c))
    return found


_PLACE_PREPOSITIONS = _words("outside inside near")


def _misread_place(obj: Token) -> bool:
    """Whether an object is a place misread: in "protested outside parliament" the parser
    can take the preposition for an adjective; the phrase says where, not who was acted on."""
    return obj.dep_ == "dobj" and any(
        c.dep_ == "amod" and c.lower_ in _PLACE_PREPOSITIONS and c.i < obj.i for c in obj.children
    )


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    found: list[Token] = []
    # "sanctions on Iran over its drone deliveries to Russia": the parser may hang a phrase
    # that completes the reason on the verb; it names no party of the act.
    reasons = {
        c.right_edge.i + 1 for c in token.children if c.dep_ == "prep" and c.lower_ == "over"
    }
    for child in token.children:
        if child.i in reasons and child.lower_ in ("to", "from", "with"):
            continue
        if child.dep_ in ("prep", "agent", "prt", "dative") and child.lower_ in wanted:
            for grandchild in child.children:
                # "at students marching towards ...": the students, described by a clause
                described = (
                    nlp.described_noun(grandchild)
                    if child.lower_ in _TARGET_OF_FIRE_PREPS
                    else None
                )
                if described is not None:
                    found.extend(_conjuncts(described))
                elif grandchild.dep_ in ("pobj", "pcomp"):
                    found.extend(_conjuncts(grandchild))
        elif child.lower_ in _PARTICLE_HEADS and not any(g.dep_ == "pobj" for g in child.children):
            # a particle and preposition: "pulled out of the talks", "away from the border"
            # (never "according to", whose object is a source)
            found.extend(_prep_objects(child, wanted))
    return found


_PARTICLE_HEADS = _words("out away off back up down")
# where a participle after the preposition describes a target ("fired at students marching"),
# never "with": "met for hours, with both sides agreeing to ..." is how it went
_TARGET_OF_FIRE_PREPS = _words("at on upon against into toward towards")
# prepositions a row may find on the verb's object as well as on the verb ("a ban on imports")
_OBJECT_PHRASE_PREPS = _words("on against into")
# what a bare refusal answers when it is joined to it: "offered ..., but Jakarta declined"
_PROPOSAL_VERBS = _words("offer propose invite ask request urge suggest demand")
# prepositions whose object may carry a passive act's misattached by-agent ("kidnapped from a
# resort by Abu Sayyaf gunmen")
_AGENT_HOST_PREPS = _words("from in at on near outside inside during after to into across")
# accusations and charges, lawsuits, convictions and arrests (CAMEO 112x, 115, 116, 173)
_LEGAL_CODES = frozenset({"112", "116", "173", "115"})


def _measured(obj: Token, depth: int = 0) -> list[Token]:
    """What an amount measures, through "of"/"in" and the numbers that carry them:
    "$200 of Nigeria's $350 million in loan obligations" -> Nigeria, million, obligations."""
    found: list[Token] = []
    if depth > 3:
        return found
    # "in" measures only an amount ("500 million euros in aid"), never a thing dated by a
    # year ("the 2018 agreement in protest at ...")
    amount = (
        obj.like_num
        or obj.lower_ in _CURRENCY_NOUNS
        or any(c.dep_ == "nummod" and not _year(c) for c in obj.children)
    )
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "in" and not amount:
            continue
        if child.dep_ == "prep" and child.lower_ in _MEASURE_PREPS:
            parts = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("nummod", "quantmod") and child.pos_ == "NUM":
            parts = [child]
        else:
            continue
        for part in parts:
            found.append(part)
            found.extend(_measured(part, depth + 1))
    return found


_CURRENCY_NOUNS = _words(
    "dollar dollars euro euros pound pounds yen yuan rupee rupees franc francs ruble rubles "
    "rouble roubles million billion"
)


def _amount_themes(verb: Token, obj: Token) -> list[Token]:
    """What an amount is of when the parse hangs it on the verb: "approved 61 billion
    dollars in military aid" -> aid."""
    if obj.lemma_.lower() not in _CURRENCY_NOUNS and obj.lower_ not in _CURRENCY_NOUNS:
        return []
    return _prep_objects(verb, {"in"})


def _year(token: Token) -> bool:
    return len(token.text) == 4 and token.text.isdigit() and 1800 < int(token.text) < 2200


_BARE_INFINITIVE_VERBS = _words("let make help have")


def _objects_or_raised(verb: Token) -> list[Token]:
    """Direct objects, and the subject of a to-infinitive the parse hangs on the verb
    ("allowed UN peacekeepers to enter": spaCy makes "peacekeepers" the subject of "enter")."""
    found = _direct_objects(verb)
    for child in verb.children:
        if child.dep_ == "ccomp" and (
            any(c.tag_ == "TO" for c in child.children)
            # a bare infinitive: "would help Minsk offset the effects"; a small clause:
            # "found Shell liable"
            or (
                (
                    child.tag_ == "VB"
                    or child.pos_ == "ADJ"
                    # "let U.N. inspectors back into the country": a particle as predicate
                    or (child.pos_ in ("ADV", "ADP") and child.lower_ in _PARTICLE_HEADS | {"in"})
                    # "let a convoy of trucks enter": read as a present tense after a plural
                    or (child.tag_ == "VBP" and verb.lemma_.lower() in _BARE_INFINITIVE_VERBS)
                )
                and not any(c.dep_ in ("mark", "aux", "auxpass") for c in child.children)
            )
        ):
            found.extend(c for c in child.children if c.dep_ == "nsubj")
    return found


def _has_prep(token: Token, preps: Iterable[str]) -> bool:
    wanted = set(preps)
    return any(
        (c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in wanted)
        # "sent back 300 refugees": the parser may read the particle as an adverb
        # (or "backed away from the edict", "stepped down")
        or (c.dep_ == "advmod" and c.lower_ in _PARTICLE_HEADS and c.lower_ in wanted)
        # "called for Vacco to revive the unit": the preposition marks the clause
        or (
            c.dep_ in ("advcl", "ccomp", "xcomp")
            and any(m.dep_ == "mark" and m.lower_ in wanted and m.i < c.i for m in c.children)
        )
        for c in token.children
    )


def _complement(token: Token) -> Token | None:
    comp = _direct_complement(token)
    if comp is not None and comp.lemma_.lower() in _ASPECTUAL_VERBS:
        # "vowed to keep fighting", "to continue their war": what is kept up is the content
        for child in comp.children:
            if child.dep_ in ("xcomp", "dobj"):
                return child
    return comp


# Verbs of commitment whose promised deployment is help, not a threat.
_COMMITTING_VERBS = _words("pledge promise offer commit")
# Verbs that only carry an act on ("keep fighting", "resume attacks", "step up raids").
_ASPECTUAL_VERBS = _words("continue keep resume pursue step intensify escalate")


def _direct_complement(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") or (child.dep_ == "acl" and token.pos_ == "NOUN"):
            return child
    for child in token.children:
        if _delayed_infinitive(token, child):
            return child
    for obj in _direct_objects(token):  # "accepted an offer to visit", "urged X to stop"
        for child in obj.children:
            if child.dep_ in ("acl", "xcomp", "relcl") and child.pos_ == "VERB":
                return child
    return None


def _delayed_infinitive(verb: Token, clause: Token) -> bool:
    """ "offered on Thursday to mediate": an infinitive after a phrase of time or place is
    read as a purpose clause by the parse; with no object before it, it is the complement."""
    if clause.dep_ != "advcl" or clause.i < verb.i or verb.pos_ != "VERB":
        return False
    if not any(c.tag_ == "TO" for c in clause.children):
        return False
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return False
    between = [c for c in verb.children if verb.i < c.i < clause.i]
    return bool(between) and all(c.dep_ in ("prep", "npadvmod", "advmod") for c in between)


def _is_nominal(token: Token) -> bool:
    """Nouns, and gerunds used as nouns ("whose November meeting", tagged VBG)."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return (
        token.tag_ == "VBG"
        and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        and any(c.dep_ in ("det", "poss", "compound", "amod") for c in token.children)
    )


# ---------------------------------------------------------------- matching the lexicon


def _candidates(token: Token) -> tuple[LexEntry, ...]:
    lex = lexicon()
    if token.ent_type_ in ("DATE", "TIME") and not (token.pos_ == "VERB" and token.is_lower):
        # "in March" names a month, not a march ("voted to end 11 years of sanctions": the
        # tagger may take a verb into a date)
        return ()
    if _is_nominal(token):
        prefix = _hyphen_prefix(token)
        if prefix:
            # the tokenizer splits "build-up", "write-off", "sit-in": the last part heads it
            joined = lex.get((f"{prefix}-{token.lower_}", "N"), ()) or lex.get(
                (f"{prefix}-{token.lemma_.lower()}", "N"), ()
            )
            if joined:
                return joined
        return lex.get((token.lower_, "N"), ()) or lex.get((token.lemma_.lower(), "N"), ())
    if token.pos_ == "VERB":
        lemma = token.lemma_.lower()
        # "re-imposed", "air-dropped" (kept whole by the NLP pass) are "reimpose", "airdrop"
        return lex.get((lemma, "V"), ()) or lex.get((lemma.replace("-", ""), "V"), ())
    if _predicative(token):
        return lex.get((token.lemma_.lower(), "A"), ())  # "was ready to negotiate"
    return ()


_COPULAS = _words("be remain seem appear")


def _hyphen_prefix(token: Token) -> str | None:
    """ "build" for the "up" of "build-up" (three tokens, no spaces), else None."""
    i = token.i
    if i < 2 or token.idx == 0 or nlp.text_of(token.doc)[token.idx - 1] != "-":
        return None  # (a character test first: building tokens is slow)
    hyphen, prefix = token.doc[i - 1], token.doc[i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or prefix.whitespace_:
        return None
    return prefix.lower_


def _predicative(token: Token) -> bool:
    """An adjective predicated of a subject by a copula: "Moldova is ready to join"."""
    return token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.lemma_ in _COPULAS


class _Matcher:
    """Checks lexicon requirements against one trigger's parse."""

    def __init__(self, ctx: _DocContext) -> None:
        self.ctx = ctx

    def word_ok(self, token: Token, words: frozenset[str]) -> bool:
        if "*" in words:
            return True
        if token.lemma_.lower() in words or token.lower_ in words:
            return True
        if words & {"@actor", "@person", "@group", "@org", "@country"}:
            actor = _resolve(self.ctx, token)
            if actor is not None and (
                "@actor" in words
                or (actor.kind == "person" and "@person" in words)
                or (actor.kind == "group" and "@group" in words)  # "released five Americans"
                or (actor.kind == "organisation" and "@org" in words)
                or (actor.kind in ("country", "place") and "@country" in words)
            ):
                return True
        if "@place" not in words:
            return False
        if self.ctx.place_at(token) is not None:
            return True
        # "will return to Colombo": a capital the actor stage read as its state is a place too
        actor = _resolve(self.ctx, token)
        return actor is not None and actor.kind in ("country", "place")

    def object_ok(self, obj: Token, words: frozenset[str]) -> bool:
        """An object or what it measures or classifies: "5 million dollars of aid",
        "500 million euros in aid", "700 kg of medicine", "a military aid program",
        "$200 of Nigeria's $350 million in loan obligations"."""
        if self.word_ok(obj, words):
            return True
        if "*" in words:
            return False
        return any(
            self.word_ok(part, words)
            or any(
                # "water purification units", "tents and water units" (parsed as nmod)
                c.dep_ in ("compound", "nmod") and (c.lemma_.lower() in words or c.lower_ in words)
                for c in part.children
            )
            for part in [obj, *_measured(obj)]
        )

    def holds(self, token: Token, req: Requirement) -> bool:
        if req.kind == "obj":
            return any(
                self.object_ok(o, req.words)
                or any(self.word_ok(t, req.words) for t in _amount_themes(token, o))
                for o in _objects_or_raised(token)
            )
        if req.kind == "inprep":
            return token.dep_ == "pobj" and token.head.lower_ in req.words
        if req.kind == "notobj":
            return not any(self.word_ok(o, req.words) for o in _direct_objects(token))
        if req.kind == "noobj":
            return not any(c.dep_ == "dobj" for c in token.children)
        if req.kind == "prep":
            # "called ... on Tuesday" is no call on anyone: a day is not what the row wants
            wanted = {
                p
                for p in req.words
                if not (
                    p in ("on", "at")
                    and (dated := _prep_objects(token, {p}))
                    and all(o.ent_type_ in ("DATE", "TIME") for o in dated)
                )
            }
            return bool(wanted) and _has_prep(token, wanted)
        if req.kind == "noprep":
            return not _has_prep(token, req.words)
        if req.kind == "all":
            return all(self.holds(token, part) for part in req.parts)
        if req.kind == "pobj":
            # "the cancellation of $180 million of Tanzania's debt": through the amount;
            # "imposed a ban on imports": the parser may hang the phrase on the object
            hosts = [token]
            if token.pos_ == "VERB" and req.prep in _OBJECT_PHRASE_PREPS:
                hosts += [o for o in _direct_objects(token) if o.dep_ == "dobj"]
            return any(
                self.word_ok(part, req.words)
                for host in hosts
                for o in _prep_objects(host, {req.prep})
                for part in (o, *_measured(o))
            )
        if req.kind == "mod":
            return any(
                c.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss")
                and (c.lemma_.lower() in req.words or c.lower_ in req.words)
                for c in token.subtree
                if c.i < token.i
            )
        if req.kind == "subj":
            subject, _ = _subject(token)
            if subject is not None and subject.lower_ in _COUNT_WORDS:
                # "thousands of Taliban fighters massed": the counted noun is the subject
                subject = next(iter(_prep_objects(subject, {"of"})), subject)
            return subject is not None and self.word_ok(subject, req.words)
        if req.kind == "pred":
            # "found a Serbian national guilty": the parser may make the predicate the object
            misread = [c for c in token.children if c.dep_ == "dobj"]
            return any(self.word_ok(t, req.words) for t in [*_predicatives(token), *misread])
        if req.kind == "comp":
            return _complement(token) is not None
        if req.kind == "answers":  # "X offered to send aircraft, but Jakarta declined"
            return (
                token.dep_ == "conj"
                and token.head.lemma_.lower() in _PROPOSAL_VERBS
                and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in token.children)
            )
        if req.kind == "inf":  # "told Turkey to open its ports", not "told X that ..."
            return any(
                c.dep_ in ("xcomp", "ccomp") and any(a.tag_ == "TO" for a in c.children)
                for c in token.children
            )
        if req.kind == "pair":  # "Putin and Bush discussed missile defence"
            subject, passive = _subject(token)
            return (
                subject is not None
                and not passive
                and any(c.dep_ == "conj" for c in subject.children)
                and self.ctx.token_actor(subject) is not None
            )
        if req.kind == "light":
            return (
                _light_verb(token) is not None
                or _reporting_verb(token) is not None
                or _elicitor(token) is not None
            )
        if req.kind == "notopinion":  # "agrees Trump is an opportunist": a view, no pledge
            return not any(
                c.dep_ == "ccomp" and (c.lemma_ == "be" or c.pos_ == "ADJ") for c in token.children
            )
        if req.kind == "nocomp":  # "conceded defeat", not "conceded that the plan failed"
            return not any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
        if req.kind == "notown":  # "ordered French troops to leave", not "its troops"
            return not any(_own(o) for o in _objects_or_raised(token))
        if req.kind == "wants":  # "insists that any deal must allow", "insisted that X go"
            return any(
                c.dep_ == "ccomp"
                and (_mandative(c) or any(a.lower_ in ("must", "should") for a in c.children))
                for c in token.children
            )
        if req.kind == "ownforces":  # "ordered his fighters to halt attacks"
            return _orders_own_forces(token)
        if req.kind == "compv":  # the complement's verb: "ordered X to leave"
            comp = _complement(token)
            return comp is not None and comp.lemma_.lower() in req.words
        if req.kind == "future":  # "would take", "will respond": said of what is to come
            return any(c.dep_ == "aux" and c.lower_ in _THREAT_AUX | {"'d"} for c in token.children)
        if req.kind == "adv":  # "respond decisively", "hit back hard"
            return any(
                c.dep_ in ("advmod", "npadvmod") and c.lower_ in req.words for c in token.children
            )
        if req.kind == "objmod":  # "take all necessary measures", "overwhelming action"
            return any(
                c.dep_ in ("amod", "compound", "det", "predet")
                and (c.lower_ in req.words or c.lemma_ in req.words)
                for o in _direct_objects(token)
                for c in o.children
            )
        if req.kind == "threat":
            return self.threatens(token)
        if req.kind == "yield":
            return self.yields(token)
        if req.kind == "subjof":  # "a ceasefire took effect": the noun is the verb's subject
            return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in req.words
        if req.kind == "under" and token.pos_ == "VERB":
            # a verb's row: the preposition "under" ("placed Bangkok under a state of
            # emergency"), the object or what it is a state of
            return any(
                self.word_ok(o, req.words)
                or any(self.word_ok(m, req.words) for m in _measured(o))
                or any(self.word_ok(g, req.words) for g in _prep_objects(o, {"of"}))
                for o in _prep_objects(token, {"under"})
            )
        if req.kind == "under":
            light = _light_verb(token)
            return light is not None and (
                light.lemma_.lower() in req.words or light.lower_ in req.words
            )
        return False

    def threatens(self, warn: Token) -> bool:
        """Whether a warning is a threat (PLOVER THREATEN) rather than a forecast: "warned
        Iran not to", "warned Moscow against", or "warned that it would retaliate". "Warned
        that inflation could rise" predicts; it threatens nobody."""
        clauses = [c for c in warn.children if c.dep_ in ("ccomp", "xcomp")]
        if not clauses:
            return any(_resolve(self.ctx, o) is not None for o in _direct_objects(warn))
        warner, _ = _subject(warn)
        for clause in clauses:
            if clause.dep_ == "xcomp":
                return True  # "warned them not to cross the line"
            auxes = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
            if not auxes & _THREAT_AUX:
                continue
            subject, _ = _subject(clause)
            if subject is not None and self._same_party(subject, warner):
                return True
            if _penalty_clause(clause):
                return True  # "warned that Pakistan would bear the consequences"
            # "warned that any incursion would be met with force", "would keep targeting ships"
            for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp")):
                inner = self.entry_for(verb) if verb.pos_ == "VERB" else None
                if inner is not None and _entry_type(inner) in _CONFLICT_TYPES:
                    return True
        return False

    def yields(self, allow: Token) -> bool:
        """Whether "allow X to V" concedes something (PLOVER CONCEDE): a named party is let
        act ("allowed Ukraine to use"), or people or goods are let in, out or through
        ("will allow refugees to return"). "The law allows firms to hire" concedes nothing."""
        comp = _complement(allow)
        if comp is None:
            return False
        if comp.lemma_.lower() in _ACCESS_VERBS:
            return True
        parties = [*_direct_objects(allow), *(c for c in comp.children if c.dep_ == "nsubj")]
        granter, _ = _subject(allow)
        own = _resolve(self.ctx, granter) if granter is not None else None
        for party in parties:
            actor = _resolve(self.ctx, party)
            if actor is not None and not _generic(actor) and (own is None or actor.id != own.id):
                return True
        return False

    def _same_party(self, subject: Token, warner: Token | None) -> bool:
        """The warner, or forces it speaks for ("the minister warned that the army will ...")."""
        if subject.lower_ in _SELF_PRONOUNS or subject.lemma_.lower() in _STATE_FORCES:
            return True
        if warner is None:
            return False
        mine, theirs = _resolve(self.ctx, subject), _resolve(self.ctx, warner)
        if mine is None or theirs is None:
            return False
        return mine.id == theirs.id or (mine.country is not None and mine.country == theirs.country)

    def entry_for(self, token: Token) -> LexEntry | None:
        for entry in _candidates(token):
            if not entry.requires or any(self.holds(token, r) for r in entry.requires):
                return entry
        return None


def _predicatives(verb: Token) -> list[Token]:
    """What a verb of naming says its object is: "called X illegal" (oprd), "branded X a
    provocation" (a second object), "described X as illegal"."""
    found: list[Token] = []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") or (
            child.dep_ == "dobj" and objects and child.i != objects[0].i
        ):
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ == "as":
            for part in child.children:
                found.append(part)
                found.extend(g for g in part.children if g.dep_ in ("amod", "compound"))
    for obj in objects[:1]:  # "called the resolution politically motivated", parsed as acl
        found.extend(c for c in obj.children if c.dep_ in ("acl", "amod") and c.i > obj.i)
    return [*found, *(c for t in found for c in t.conjuncts)]


def _is_light(verb: Token) -> bool:
    return verb.lemma_.lower() in _LIGHT_VERBS or verb.lower_ in _LIGHT_FORMS


_ROUND_NOUNS = _words("round rounds session sessions series day days")


# Predicates that report a named act as done, begun or handed over: "the ban took effect",
# "the withdrawal was completed", "a request was sent to London by Madrid"
_EFFECT_VERBS = _words("complete begin start continue resume proceed")
_DELIVERY_VERBS = _words(
    "send hand offer deliver submit present circulate convey transmit relay forward pass"
)


def _reporting_verb(noun: Token) -> Token | None:
    """The main verb that reports the act a subject noun names: "Britain's cancellation of
    Tanzania's debt took effect on Friday", "the build-up of Ethiopian troops continued", "a
    formal apology was offered to Rwanda by Belgium", or any verb when the noun carries its
    own date ("Norway's offer on Tuesday to mediate was the first"). A bare reference as a
    subject ("the invasion caused inflation") reports nothing."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    lemma = verb.lemma_.lower()
    objects = {c.lower_ for c in verb.children if c.dep_ == "dobj"}
    into = {g.lower_ for c in verb.children if c.lower_ == "into" for g in c.children}
    if (
        lemma in _EFFECT_VERBS
        or (lemma == "take" and objects & {"effect", "place"})
        or (lemma in ("come", "enter", "go") and into & {"force", "effect"})
        or (noun.dep_ == "nsubjpass" and lemma in _DELIVERY_VERBS)
    ):
        return verb
    if any(t.ent_type_ in ("DATE", "TIME") for t in noun.subtree if t.i != noun.i):
        return verb
    return None


# Verbs whose object is a reaction they call forth from others ("drew criticism from Berlin").
_ELICITING_VERBS = _words("draw spark prompt provoke trigger earn attract win garner receive")


def _elicitor(noun: Token) -> Token | None:
    """ "Trump's comments drew criticism from Berlin": the verb that calls the reaction
    forth, when the reacting party is named ("from"); None otherwise."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _ELICITING_VERBS:
        return None
    return verb if _prep_objects(noun, {"from"}) or _prep_objects(verb, {"from"}) else None


_ONGOING_TALKS = _words(
    "talk talks negotiation negotiations contact contacts discussion discussions dialogue "
    "consultation consultations"
)


def _light_verb(noun: Token) -> Token | None:
    head = noun.head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in _ROUND_NOUNS
        and head.head.i != noun.i
    ):
        return _light_verb(head.head)  # "will host the next round of talks"
    if (
        noun.dep_ in ("dobj", "nsubjpass", "attr")
        and head.pos_ in ("VERB", "AUX")
        and _is_light(head)
        # "calling the charges baseless" names the charges; it brings none
        and not (head.lemma_.lower() in nlp.NAMING_VERBS and _predicatives(head))
    ):
        return head
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "in"
        and head.head.lemma_ == "be"
        and noun.lemma_.lower() in _ONGOING_TALKS
    ):
        return head.head  # "had been in secret talks with Iran": the copula holds the parties
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in _STATEMENT_NOUNS
        and head.head.i != noun.i
        and not any(c.dep_ == "poss" for c in head.head.children)
    ):
        return _light_verb(head.head)  # "issued statements of support for X"
    if (
        noun.dep_ == "pobj"
        and head.dep_ in ("prep", "prt")
        and head.head.pos_ == "VERB"
        and head.lower_ not in _SETTING_PREPS  # "agreed at that meeting": a setting
    ):
        verb = head.head  # "carried out strikes", "went on strike", "took part in talks"
        if head.lower_ in ("into", "about") and any(c.dep_ == "dobj" for c in verb.children):
            return None  # "opened an inquiry into an airstrike": what the inquiry is about
        if head.lower_ == "to" and any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children):
            return None  # "gave in to opposition demands": what is yielded to
        if head.lower_ in ("on", "over") and any(
            c.dep_ == "dobj" and _candidates(c) for c in verb.children
        ):
            return None  # "opened talks on Seoul's offer of aid": the talks' topic
        if _is_light(verb) or (head.lower_ == "in" and verb.lemma_ == "take"):
            return verb
    return None


# ---------------------------------------------------------------- actors


def _antecedent(pronoun: Token) -> Token | None:
    """What a relative pronoun stands for: "Beijing, which ...", "Xi, ..., whose meeting"."""
    clause = pronoun.head if pronoun.lower_ != "whose" else pronoun.head.head
    while clause.dep_ not in ("relcl", "ROOT") and clause.head.i != clause.i:
        if clause.pos_ in ("VERB", "AUX") and clause.dep_ != "relcl":
            break
        clause = clause.head
    if clause.dep_ == "relcl":
        target = clause.head
        return target.head if target.dep_ == "appos" else (_joiner(target) or target)
    # The parse did not attach the clause: take the noun before the comma that opens
    # the appositive, "Xi, China's most powerful leader, whose ..." -> Xi.
    sent = pronoun.sent
    before = pronoun.i - 1
    if before >= sent.start and pronoun.doc[before].is_punct:
        for i in range(before - 1, sent.start, -1):
            if pronoun.doc[i].text == ",":
                return pronoun.doc[i - 1]
    return pronoun.doc[before] if before >= sent.start else None


_APPOSITION_GAP = frozenset({"turned", ",", "-"})
_BORDER_NOUNS = _words("border frontier boundary")
_OWNERSHIP_PARTICIPLES = _words(
    "own owned flag flagged register registered operate operated lead led"  # "Saudi-led"
)
# Nouns naming others by their relation to the possessor ("Kyiv's allies").
_RELATION_NOUNS = _words(
    "ally allies partner partners neighbour neighbours neighbor neighbors friend friends "
    "enemy enemies rival rivals critic critics opponent opponents backer backers foe foes "
    "adversary adversaries creditor creditors donor donors"
)
# Agreements and processes named after the city where they were made.
_NAMED_TEXTS = _words(
    "agreement agreements accord accords treaty pact protocol convention declaration deal "
    "process format charter communique"
)
# Seas and straits named after a country are not that country ("the South China Sea").
_WATER_NAMES = _words("sea seas strait straits gulf ocean bay channel waters")


_COLLECTIVE_NOUNS = _words("group party movement government organisation organization forces army")


def _resolve(ctx: _DocContext, token: Token) -> Actor | None:
    """The actor a noun phrase headed by ``token`` refers to, if any."""
    if token.lower_ in _RELATIVE_PRONOUNS or token.lower_ == "whose":
        target = _antecedent(token)
        return _resolve(ctx, target) if target is not None and target is not token else None
    actor = ctx.token_actor(token)
    if actor is not None and actor.country is None and token.pos_ == "NOUN":
        # "a spokesman for the UN secretary-general": a placeless role speaks for its body
        for body in _prep_objects(token, {"for", "of"}):
            other = _resolve(ctx, body) or next(  # "the UN secretary-general", parsed ADJ
                (a for c in body.children if c.dep_ == "compound" and (a := ctx.token_actor(c))),
                None,
            )
            if other is not None and other.country is not None:
                return other
    if actor is not None:
        return actor
    if token.pos_ == "PRON":
        return _reported_subject(ctx, token) or _coordinated_object(ctx, token)
    if token.pos_ not in ("NOUN", "PROPN", "NUM") and not (
        token.tag_ == "VBG" and token.dep_ in ("pcomp", "pobj")  # "by Russian shelling"
    ):
        return None
    if token.lemma_.lower() in _COLLECTIVE_NOUNS and any(
        c.dep_ == "poss" and c.lower_ == "whose" for c in token.children
    ):
        # "The Tamil Tiger leader, whose group declared a ceasefire": the leader's side
        owner = _antecedent(next(c for c in token.children if c.lower_ == "whose"))
        if owner is not None and owner is not token:
            return _resolve(ctx, owner)
    if token.lemma_.lower() in _BORDER_NOUNS:
        # "on the border with Kosovo": the other side of the border
        for other in _prep_objects(token, {"with"}):
            actor = _resolve(ctx, other) or _place_actor(ctx, other)
            if actor is not None:
                return actor
    if token.lower_ in _BODY_ANAPHORS and any(
        c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children
    ):
        # "the bloc" after "EU foreign ministers": the international body named last
        for start, _end, actor in reversed(ctx.mentions):
            if start < token.idx and actor.country in _BODY_ANAPHORS[token.lower_]:
                return actor
    # A role followed by its holder's name: "China's top diplomat, Wang Yi",
    # "software mogul turned philanthropist Bill Gates".
    doc, limit = token.doc, min(token.i + 6, token.sent.end)
    for i in range(token.i + 1, limit):
        nxt = doc[i]
        actor = ctx.token_actor(nxt)
        if actor is not None and actor.kind == "person" and nxt.pos_ == "PROPN":
            return actor
        if not (nxt.lower_ in _APPOSITION_GAP or nxt.pos_ in ("NOUN", "PROPN", "ADJ")):
            break
    if token.pos_ == "PROPN" and token.lower_ in _WATER_NAMES:
        return None  # "the South China Sea", "the Taiwan Strait": no country's own
    # Modifiers standing for the whole: "US officials", "China's top envoy"; a named
    # modifier before a pronoun ("his Tanzanian counterpart" is Tanzania's).
    for child in sorted(token.children, key=lambda c: c.pos_ == "PRON"):
        if child.dep_ == "poss" and token.lemma_.lower() in _RELATION_NOUNS:
            continue  # "Kyiv's allies" are not Kyiv
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < token.i:
            actor = ctx.token_actor(child)
            if actor is None and child.lemma_.lower() in _OWNERSHIP_PARTICIPLES:
                # "a Greek-owned cargo ship", "a Liberian-flagged tanker"
                actor = next(
                    (a for g in child.children if (a := ctx.token_actor(g)) is not None), None
                )
            if (
                actor is not None
                and actor.kind == "place"
                and child.dep_ == "compound"
                and token.lemma_.lower() in _NAMED_TEXTS
            ):
                continue  # "the Paris climate agreement": the city is the venue, no party
            if actor is None and child.dep_ == "poss" and child.pos_ == "NOUN":
                actor = _resolve(ctx, child)  # "the U.N. watchdog's board"
            if actor is not None:
                return actor
    # A part or a crowd of a group: "members of the association", "thousands of students".
    if token.pos_ == "NOUN" or token.like_num:
        for of_object in _prep_objects(token, {"of"}):
            actor = _resolve(ctx, of_object)
            if actor is not None:
                return actor
        # An unnamed group placed by origin: "opposition groups in Zimbabwe", "doctors from
        # two American aid groups" -> the country (or organisation) they belong to.
        if token.lower_ in _GROUP_NOUNS or token.lemma_.lower() in _GROUP_NOUNS:
            for origin in _prep_objects(token, {"in", "from"}):
                actor = _resolve(ctx, origin) or _place_actor(ctx, origin)
                if actor is not None:
                    return actor
    return None


def _coordinated_object(ctx: _DocContext, pronoun: Token) -> Actor | None:
    """ "found a Serbian national guilty and sentenced him": an object pronoun of a verb
    coordinated with another stands for that verb's object."""
    verb = pronoun.head
    if (
        pronoun.dep_ != "dobj"
        or pronoun.lower_ not in ("him", "her", "them")
        or verb.dep_ not in ("conj", "advcl")  # "..., accusing him of hostile remarks"
    ):
        return None
    for obj in verb.head.children:
        if obj.dep_ == "dobj" and obj.pos_ != "PRON":
            return _resolve(ctx, obj)
    return None


def _reported_subject(ctx: _DocContext, pronoun: Token) -> Actor | None:
    """A pronoun subject of reported speech is the speaker: "Switzerland said it expelled ..."."""
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
        return None
    if clause.head.lemma_.lower() not in _REPORTING_VERBS:
        return None
    speaker, passive = _subject(clause.head)
    if speaker is None or passive or speaker.pos_ == "PRON":
        return None
    return _resolve(ctx, speaker)


def _most_specific(side: list[tuple[Token, Actor]]) -> list[tuple[Token, Actor]]:
    """A country listed beside one of its own people or bodies is the same party: "met
    South Korea's Foreign Minister Park ..., the first visit by a South Korean minister"
    has one recipient, Park."""
    specific = {a.country for _, a in side if a.kind != "country" and a.country}
    return [(t, a) for t, a in side if a.kind != "country" or a.country not in specific]


def _pair_phrase(token: Token) -> bool:
    """ "the two leaders", "both sides", "the two countries' ministers", "the leaders of the
    two countries": the two parties the story is about, named before."""
    nodes = [token, *(c for c in token.children if c.dep_ == "poss")]
    if token.pos_ == "NOUN":
        nodes.extend(_prep_objects(token, {"of", "from"}))  # "officials from both sides"
    for node in nodes:
        if node.lemma_.lower() not in _PAIR_NOUNS and node.lower_ not in _PAIR_NOUNS:
            continue
        if node.lower_ in ("neighbours", "neighbors") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in node.children
        ):
            return True  # "the neighbours": a pair by definition
        # "the two leaders", "both sides"; not "two Serbian officials" (no determiner)
        definite = any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "their")
            for c in node.children
        )
        if any(
            (c.dep_ == "nummod" and c.lower_ == "two" and definite)
            or (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
            for c in node.children
        ):
            return True
    return False


_PAIR_PEOPLE = _words("ministers leaders presidents premiers envoys")


def _pair_of_people(token: Token) -> bool:
    """ "The ministers will meet again": a definite plural office, with no body of its own
    named, stands for the two office holders the story is about."""
    return (
        token.lower_ in _PAIR_PEOPLE
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in ("compound", "poss", "nmod", "nummod") for c in token.children)
        and not _prep_objects(token, {"of", "from"})
    )


def _pair_parties(ctx: _DocContext, token: Token) -> list[Actor]:
    """The parties that earlier events pair most often (joint actors weigh double, the
    latest of equals wins), else the two countries the document names most."""
    sent_start = token.sent.start_char
    pairs: dict[frozenset[str], tuple[int, int, list[Actor]]] = {}
    for n, (start, _lemma, actors, recipients) in enumerate(ctx.history):
        parties = list({a.id: a for a in (*actors, *recipients)}.values())
        if start >= sent_start or len(parties) < 2:
            continue
        key = frozenset(a.id for a in parties)
        weight = 2 if len(actors) >= 2 else 1  # joint actors pair more surely than A -> B
        count = pairs[key][0] + weight if key in pairs else weight
        pairs[key] = (count, n, parties)
    if pairs:
        return max(pairs.values(), key=lambda v: (v[0], v[1]))[2]
    counts: dict[str, int] = {}
    for actor in ctx.actors:
        if actor.country and actor.country not in _NON_STATE_CODES:
            counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
    top = sorted(counts, key=lambda c: -counts[c])[:2]
    found = [a for c in top if (a := ctx.country_actor(c)) is not None]
    return found if len(found) == 2 else []


def _resolve_all(ctx: _DocContext, tokens: Iterable[Token]) -> list[tuple[Token, Actor]]:
    found: list[tuple[Token, Actor]] = []
    floor = _dateline_end(ctx.doc)
    for token in tokens:
        if token.i < floor:
            continue  # the dateline's place and outlet are never parties
        pair = _pair_parties(ctx, token) if _pair_phrase(token) else []
        if not pair and _pair_of_people(token):
            people = _pair_parties(ctx, token)
            pair = people if all(a.kind == "person" for a in people) else []
        if pair:  # a pair, even where the actor stage took it for one of the two
            for actor in pair:
                if all(actor.id != a.id for _, a in found):
                    found.append((token, actor))
            continue
        for conj in _conjuncts(token):
            actor = _named_settlement(ctx, conj) or _resolve(ctx, conj)
            if actor is None:
                actor = _place_actor(ctx, conj)
            if actor is not None and all(actor.id != a.id for _, a in found):
                found.append((conj, actor))
            # Coordinated modifiers name one party each: "French and Egyptian warships".
            for mod in conj.children:
                if mod.dep_ in ("amod", "compound", "nmod") and any(
                    c.dep_ == "conj" for c in mod.children
                ):
                    for part in _conjuncts(mod):
                        other = ctx.token_actor(part) if part.i >= floor else None
                        if other is not None and all(other.id != a.id for _, a in found):
                            found.append((part, other))
            # "the leaders of France and Germany", "police forces from Uganda, Kenya and
            # Tanzania": one party per country named
            if conj.tag_ == "NNS" and actor is not None:
                for of_object in _prep_objects(conj, {"of", "from"}):
                    for part in _conjuncts(of_object)[1:]:
                        other = _resolve(ctx, part)
                        if other is not None and all(other.id != a.id for _, a in found):
                            found.append((part, other))
    return found


def _aid_purpose(verb: Token) -> Token | None:
    """The purpose clause of a grant or a deployment: "to support the bank", "to train"."""
    for purpose in verb.children:
        if (
            purpose.dep_ in ("advcl", "xcomp")
            and purpose.lemma_.lower() in _ASSISTANCE_PURPOSES
            and any(a.tag_ == "TO" for a in purpose.children)
        ):
            return purpose
    return None


def _crowd(token: Token) -> bool:
    """An unnamed crowd: "hundreds of relatives", "protesters", "a crowd"."""
    return token.lemma_.lower() in _GROUP_NOUNS or token.lower_ in _GROUP_NOUNS


def _instrument(token: Token) -> bool:
    """A weapon or vehicle: the means of an act, not a party to it."""
    return token.lemma_.lower() in _INSTRUMENT_NOUNS or token.lower_ in _INSTRUMENT_NOUNS


def _named_settlement(ctx: _DocContext, token: Token) -> Actor | None:
    """ "the Ukrainian city of Odesa": the place named by "of" (its own actor, else the
    country it lies in), which says more than the description "Ukrainian city"."""
    if token.lemma_.lower() not in _SETTLEMENT_NOUNS:
        return None
    for name in _prep_objects(token, {"of"}):
        if ctx.place_at(name) is None:
            continue
        actor = ctx.token_actor(name)
        if actor is not None and actor.country:
            return actor
        actor = _place_actor(ctx, name)
        if actor is not None:
            return actor
    return None


def _place_actor(ctx: _DocContext, token: Token) -> Actor | None:
    """A place standing for its country ("visit Washington" -> the USA actor)."""
    place = ctx.place_at(token)
    return ctx.country_actor(place.country) if place is not None else None


def _dateline(doc: Doc) -> tuple[int, str | None]:
    """(first token after the article's wire dateline, or 0; the dateline's country),
    found once per document."""
    key = "parley_dateline"
    if key not in doc.user_data:
        doc.user_data[key] = actors_stage.dateline(doc) or (0, None)
    found: tuple[int, str | None] = doc.user_data[key]
    return found


def _home_country(doc: Doc) -> str | None:
    """The country of the article's wire dateline, if it has one."""
    return _dateline(doc)[1]


def _dateline_end(doc: Doc) -> int:
    """Index of the first token after the article's wire dateline (0 when there is none)."""
    return _dateline(doc)[0]


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject, is passive) of a verb, inherited through coordination and control."""
    node = verb
    # "KYIV (Wire) -- Russia launched": the parser makes the dateline a second subject
    floor = _dateline_end(verb.doc) if verb.sent.start == 0 else 0
    raised = False  # climbed from an active infinitive: "Iraq is said to have fired"
    for _ in range(4):
        for child in node.children:
            if child.i < floor:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    # "BRASILIA (Wire) -- President X hosted": the subject hangs on the
                    # dateline as its apposition
                    after = [a for a in child.children if a.dep_ == "appos" and a.i >= floor]
                    if after:
                        return after[0], child.dep_ == "nsubjpass"
                continue
            if child.dep_ in ("nsubj", "csubj", "expl"):
                if child.lower_ in _RELATIVE_PRONOUNS and node.dep_ == "relcl":
                    # "a statement that accused the leadership": the statement's issuer
                    author = _author_of_text(node.head)
                    if author is not None:
                        return author, False
                return child, False
            if child.dep_ in ("nsubjpass", "csubjpass"):
                # "Iraq is said to have fired", "diplomats were told to leave": the passive
                # subject of a raising or control verb does what the infinitive says
                return child, not raised
        copula = _ranked_first(node)
        if copula is not None:
            node = copula  # "became the first members of Congress to endorse Trump"
            continue
        if node.dep_ == "relcl":
            return _joiner(node.head) or node.head, False
        if _predicative(node):
            node = node.head  # "Moldova is ready to join": the copula holds the subject
            continue
        stranded = _stranded_subject(node)
        if stranded is not None:
            return stranded, False
        controller = _object_controller(node)
        if controller is not None:
            return controller, False
        if (
            node.dep_ == "conj"
            and node.tag_ == "VBD"
            and node.head.dep_ == "ccomp"
            and node.head.tag_ != "VBD"
            and node.head.head.tag_ == "VBD"
            and node.head.head.pos_ == "VERB"
        ):
            # "said that the arrests were deeply worrying and urged Ankara to ...": a past act
            # the parse joined to the reported clause belongs with the reporting verb
            node = node.head.head
            continue
        if (
            node.dep_ == "pcomp"
            and node.head.dep_ == "prep"
            and (node.head.head.lemma_.lower() in _AVOIDING_VERBS or node.head.lower_ == "by")
            and node.head.head.pos_ == "VERB"
        ):
            # "refrained from criticizing Russia", "forestalled talks by issuing an ultimatum"
            # (not "blamed Hamas for refusing": Hamas refused)
            node = node.head.head
            continue
        if node.dep_ in ("conj", "xcomp", "advcl", "pcomp") and node.head.pos_ in ("VERB", "AUX"):
            if node.dep_ == "xcomp" and any(c.tag_ == "TO" for c in node.children):
                raised = raised or not any(c.dep_ == "auxpass" for c in node.children)
            node = node.head
            continue
        if node.dep_ == "xcomp" and node.head.pos_ == "ADJ" and node.head.head.i != node.head.i:
            node = node.head.head  # "Norway is willing to send": the copula holds the subject
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG":
            author = _author_of_text(node.head)
            return (author if author is not None else _joiner(node.head) or node.head), False
        if _agentive_participle(node):
            return node.head, True
        if (
            node.dep_ == "acl"
            and node.tag_ in ("VBN", "VBD")
            and node.head.dep_ == "ROOT"
            and node.head.pos_ in ("PROPN", "NOUN")
            and any(c.dep_ == "relcl" for c in node.head.children)
        ):
            # "Russia, which has troops there, called on ...": a parse with the noun as its
            # root and the main verb as its modifier
            return node.head, False
        if nlp.active_participle(node):
            # "Malaysian police arrested Anwar Ibrahim": a past tense read as a participle
            return node.head, False
        break
    return None, False


# the measures a government announces and takes itself (never a killing or an arrest it reports)
_ANNOUNCED_MEASURE_TYPES = frozenset({"CONCEDE", "RETREAT", "SANCTION", "COERCE"})


_COMPANY_NOUNS = _words("list chorus ranks number group host string line crowd band club")


def _ranked_first(verb: Token) -> Token | None:
    """The copula of "X became the first leader to visit Kyiv" (an infinitive the parser may
    hang on the copula or on its ranked noun): X did it."""
    if not any(c.tag_ == "TO" for c in verb.children):
        return None
    nominal = verb.dep_ in ("acl", "relcl") and verb.head.dep_ == "attr"
    copula = verb.head.head if nominal else verb.head
    if not (nominal or verb.dep_ == "advcl") or copula.lemma_.lower() not in _COPULAS | {"become"}:
        return None
    ranked = any(
        c.dep_ == "attr" and any(m.lower_ in _DESCRIPTIVE_ORDINALS for m in c.children)
        for c in copula.children
    )
    return copula if ranked else None


def _joiner(members: Token) -> Token | None:
    """ "Hollande joined a growing list of leaders who have slammed Trump": whoever joins
    the company of those who act acts as they do."""
    company = members.head.head if members.dep_ == "pobj" and members.head.lower_ == "of" else None
    if company is None or company.lemma_.lower() not in _COMPANY_NOUNS:
        return None
    if company.dep_ != "dobj" or company.head.lemma_.lower() != "join":
        return None
    subject, passive = _subject(company.head)
    return None if passive else subject


def _announcing_authority(ctx: _DocContext, verb: Token) -> Token | None:
    """The government body whose announcement reports an agentless measure, if any."""
    clause = verb
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _ANNOUNCING_VERBS:
        return None
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return None  # "too early to say whether any troops would be withdrawn"
    if _negated(clause.head) or any(c.tag_ == "TO" for c in clause.head.children):
        return None
    reporter, _ = _subject(clause.head)
    actor = _resolve(ctx, reporter) if reporter is not None else None
    if actor is None or actor.sector != "GOV" or actor.kind == "person":
        return None
    return reporter


_ANNOUNCING_VERBS = _words("announce say declare state confirm order decree")


# What a party issues that can condemn, urge or support ("a statement condemning the attack").
_STATEMENT_NOUNS = _words(
    "statement statements letter letters resolution resolutions communique declaration "
    "message note notes decree report speech address editorial appeal motion bill"
)


def _author_of_text(noun: Token) -> Token | None:
    """Who issued a statement that does something: "France issued a statement condemning the
    attack", "France's statement condemning", "a letter signed by 50 senators urging"."""
    if noun.lemma_.lower() not in _STATEMENT_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agents = _prep_objects(child, {"by"})
            if agents:
                return agents[0]
    if noun.head.pos_ != "VERB":
        return None
    if noun.dep_ == "nsubjpass":  # "a statement was issued by the ministry urging ..."
        agents = _prep_objects(noun.head, {"by"})
        return agents[0] if agents else None
    if noun.dep_ == "dobj":  # "France issued a statement condemning ..."
        subject, passive = _subject(noun.head)
        return None if passive else subject
    return None


def _stranded_subject(clause: Token) -> Token | None:
    """ "expelled two diplomats after Warsaw accused Moscow": the parser may read the
    conjunction as a preposition and the clause's subject as its object."""
    if clause.dep_ != "advcl" or clause.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for prep in clause.head.children:
        right_before = prep.right_edge.i == clause.i - 1
        if prep.dep_ == "prep" and prep.lower_ in _CLAUSE_PREPS and right_before:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in ("PROPN", "NOUN", "PRON"):
                return objects[0]
    return None


def _object_controller(verb: Token) -> Token | None:
    """The object that carries out an infinitive: "invited Arata to visit" -> Arata."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i or head.pos_ != "VERB":
        return None
    if head.lemma_.lower() in _SUBJECT_CONTROL_VERBS or _orders_own_forces(head):
        return None  # "ordered his troops to withdraw": the commander's own act
    for child in head.children:
        if child.dep_ == "dobj" and child.i < verb.i:
            # "fired tear gas to clear a blockade": a means serves its user's purpose
            return None if child.lemma_.lower() in _INSTRUMENT_NOUNS else child
    return None


# ---------------------------------------------------------------- status


def _negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "preconj" and child.lower_ == "neither" and child.i < verb.i:
            return True  # "did not dismiss him, and neither apologized": no subject parsed
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.lower_ in _NEGATIVE_SUBJECTS:
                return True
            if any(
                d.dep_ in ("det", "preconj") and d.lower_ in _NEGATIVE_DETERMINERS
                for d in child.children
            ):
                return True  # "no country", "neither Israel nor Hamas"
    return False


# Nouns whose that-clause is a claim, not a reported fact ("reports that troops shot").
_CLAIM_NOUNS = _words(
    "evidence report reports claim claims allegation allegations rumour rumours rumor rumors "
    "suggestion suggestions speculation fear fears possibility sign signs indication "
    "indications suspicion suspicions belief assertion assertions concern concerns "
    "charge charges accusation accusations"
)


def _claim_noun(verb: Token) -> Token | None:
    """The noun a clause is the content of: "reports that its troops had shot" -> reports."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    head = clause.head
    if (
        clause.dep_ in ("acl", "ccomp")
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in _CLAIM_NOUNS
        and (
            clause.dep_ == "ccomp"
            or any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        )
    ):
        return head
    return None


def _verb_status(verb: Token, depth: int = 0) -> tuple[str, str]:
    """(status, reason) of the clause headed by ``verb``."""
    if _predicative(verb):
        verb = verb.head  # "was not ready to talk": the copula carries tense and negation
    if _negated(verb):
        return "negated", "negation"
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _DENIAL_VERBS:
        return "negated", f"'{verb.head.lemma_.lower()}' that"  # "denied that it attacked"
    avoider = verb.head.head if verb.dep_ == "pcomp" else verb.head
    if verb.dep_ in ("xcomp", "pcomp") and avoider.lemma_.lower() in _AVOIDING_VERBS:
        # "has avoided directly criticizing Comey", "refrained from condemning the coup"
        return "negated", f"'{avoider.lemma_.lower()}'"
    claim = _claim_noun(verb)
    if claim is not None:
        # "no evidence that Iran supplied", "reports that its troops shot": told as a claim
        if any(c.dep_ == "det" and c.lower_ in _NEGATIVE_DETERMINERS for c in claim.children):
            return "negated", f"no '{claim.lower_}' that"
        return "hypothetical", f"'{claim.lower_}' that"
    node = verb
    while True:  # "if" anywhere up the coordinated/controlled chain
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in node.children):
            return "hypothetical", "conditional"
        if node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
            continue
        break
    if _mandative(verb):
        return "hypothetical", "mandative"
    auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    conditions = [c for c in verb.children if c.dep_ == "advcl"]
    offered = _FUTURE_AUX | {"would"}
    if verb.dep_ == "ccomp":
        offered = offered | {"could", "might"}  # said of itself: "signalled it could freeze"
    if set(auxes) & offered and any(
        m.dep_ == "mark" and m.lower_ in ("if", "unless") for c in conditions for m in c.children
    ):
        # "would allow aid in if the hostages were freed", "signalled that it could freeze
        # lending unless graft was stamped out": an act offered or held over on a condition
        # (but "Germany could impose sanctions if ..." in the story's own voice is a guess)
        return "hypothetical", "conditional future"
    if any(a in _FUTURE_AUX for a in auxes):
        return "planned", "future auxiliary"
    if "must" in auxes or "ought" in auxes:
        return "planned", "obligation"
    if any(a in _HYPOTHETICAL_AUX for a in auxes):
        return "hypothetical", "modal"
    if "would" in auxes:
        top = verb
        while top.dep_ in ("conj", "xcomp") and top.head.i != top.i:
            top = top.head
        if top.dep_ == "ccomp" and top.head.lemma_.lower() in _REPORTING_VERBS:
            return "planned", "reported future"
        return "hypothetical", "modal"
    if verb.dep_ == "xcomp" and depth < 3:
        head = verb.head
        head_lemma = head.lemma_.lower()
        if head_lemma == "be" and "to" in auxes:
            return "planned", "be to"
        if head_lemma in _DENIAL_VERBS:
            return "negated", f"'{head_lemma}'"  # "denied organising the blockades"
        if head_lemma in ("have", "be") and any(c.lower_ == "yet" for c in head.children):
            return "negated", "'yet to'"  # "Trump has yet to apologize"
        if head_lemma == "hesitate" and _negated(head):
            # "will not hesitate to use force": a resolve to act; "did not hesitate to
            # strike": it struck
            head_auxes = {c.lower_ for c in head.children if c.dep_ == "aux"}
            if head_auxes & (_FUTURE_AUX | _HYPOTHETICAL_AUX | {"would"}):
                return "planned", "'not hesitate' to"
            return "occurred", "'did not hesitate' to"
        if _negated(head):
            return "negated", f"negated '{head_lemma}'"
        if head_lemma in _TRY_VERBS:
            return "hypothetical", f"'{head_lemma}' to"
        if head_lemma in _OBJECT_CONTROL_VERBS and _object_controller(verb) is not None:
            return "planned", f"{_CONTROLLED} '{head_lemma}'"
        if _orders_own_forces(head):
            # "ordered his fighters to halt attacks": decided, not yet carried out
            return "planned", f"ordered ('{head_lemma}')"
        if head.pos_ == "ADJ" and head.lower_ in _WILLING_ADJECTIVES:
            if head.lower_ == "unwilling":
                return "negated", "'unwilling' to"
            return "planned", f"'{head.lower_}' to"
        if "to" in auxes and "have" in auxes and verb.tag_ == "VBN":
            if head_lemma in _EXPECTATION_VERBS | {"suspect", "allege"}:
                return "hypothetical", f"'{head_lemma}' to have"  # "is believed to have"
            return _verb_status(head, depth + 1)  # "is said to have fired": done, as told
        if head.tag_ == "VBN" and "to" in auxes and head_lemma in _EXPECTATION_VERBS:
            # "is expected to meet", "is feared to attack": what others foresee
            return "planned", f"{_FORESEEN} ('{head_lemma}')"
        if head_lemma in _DECISION_VERBS and head_lemma in _PLAN_VERBS:
            # "decided to freeze the assets": planned, but a measure decided is taken
            return "planned", f"{_DECIDED} ('{head_lemma}')"
        if head_lemma in _PLAN_VERBS or (head.tag_ == "VBN" and "to" in auxes):
            # "is scheduled to" (but "were reported killed": done, as told)
            return "planned", f"'{head_lemma}' to"
        return _verb_status(head, depth + 1)
    if verb.dep_ == "ccomp" and "to" in auxes and depth < 3:
        # "expect Beijing to ease", "want Kyiv to cede": another party's act, not yet real
        head_lemma = verb.head.lemma_.lower()
        if head_lemma in _PLAN_VERBS | _UNREAL_GOVERNORS | _OBJECT_CONTROL_VERBS:
            return "planned", f"'{head_lemma}' to"
    if verb.dep_ == "conj" and verb.tag_ == "VB" and depth < 3:
        return _verb_status(verb.head, depth + 1)  # "will meet X and discuss Y"
    if verb.dep_ in ("advcl", "acl", "relcl") and "to" in auxes:
        if verb.dep_ == "advcl" and verb.head.lemma_.lower() in _DECISION_VERBS:
            return "planned", f"{_DECIDED} ('{verb.head.lemma_.lower()}')"  # "voted to expel"
        if (
            verb.lemma_.lower() in _INQUIRY_VERBS
            and verb.head.lemma_.lower() in _INQUIRY_SETUP_VERBS
        ):
            # "set up a commission to investigate the bombing", "sent a team to look into
            # reports": the inquiry begins when the body is set up or sent
            return _verb_status(verb.head, depth + 1)
        copula = _ranked_first(verb)
        if copula is not None:
            # "became the first members of Congress to endorse Trump": done, as its copula
            return _verb_status(copula, depth + 1)
        return "planned", "purpose"
    return "occurred", ""


def _mandative(verb: Token) -> bool:
    """ "demands that Koizumi stop visiting the shrine", "insisted that Japan apologise":
    a subjunctive that-clause says what someone wants done, not what was done."""
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
    # "demanded that the Serbs open a corridor": after a demand, a plural present is one too
    demanded = node.tag_ == "VBP" and node.head.lemma_.lower() in _DEMAND_WORDS
    # "insisted that Tehran release ...": a singular noun takes "releases" in the present, so
    # the bare form after it is the subjunctive the tagger missed
    bare = node.tag_ == "VBP" and any(
        c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") and not c.conjuncts for c in node.children
    )
    return (
        (node.tag_ == "VB" or demanded or bare)
        and node.dep_ in ("ccomp", "acl")
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
        and all(
            c.lower_ in ("be", "not") for c in node.children if c.dep_ in ("aux", "auxpass", "neg")
        )
    )


# Words whose that-clause says what is wanted ("demanded that", "the demand that"); not
# "insist" or "suggest", whose that-clause may be a claim ("insist that they give no support").
_DEMAND_WORDS = _words("demand urge request require propose recommend")
# A body's decision to act ("decided to", "voted to"): the measure is taken by deciding it.
_DECISION_VERBS = _words("decide vote resolve")
_INQUIRY_VERBS = _words("investigate probe examine look")
_INQUIRY_SETUP_VERBS = _words("set establish appoint form create send dispatch name launch open")


def _nominal_status(noun: Token, light: Token | None) -> tuple[str, str]:
    if any(c.dep_ == "det" and c.lower_ in _NEGATIVE_DETERMINERS for c in noun.children):
        return "negated", f"no '{noun.lower_}'"  # "they give no support to Nusra"
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "advmod")}
    if mods & _HYPOTHETICAL_MODIFIERS:
        return "hypothetical", "modifier " + "/".join(sorted(mods & _HYPOTHETICAL_MODIFIERS))
    if mods & _FUTURE_MODIFIERS:
        return "planned", "modifier " + "/".join(sorted(mods & _FUTURE_MODIFIERS))
    if light is not None:
        return _verb_status(light)
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        if lemma in _PLANNING_GOVERNORS and not _negated(head):
            return "planned", f"object of '{lemma}'"
        if lemma in _UNREAL_GOVERNORS:
            return "hypothetical", f"object of '{lemma}'"
        return _verb_status(head)
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return _verb_status(head)
    return "occurred", ""


# ---------------------------------------------------------------- building events


@dataclass
class _Draft:
    trigger: Token
    entry: LexEntry
    rule: str
    actors: list[tuple[Token, Actor]]
    recipients: list[tuple[Token, Actor]]
    status: str
    reason: str
    clause_head: Token
    complement: LexEntry | None = None
    complement_token: Token | None = None
    consumed: tuple[int, ...] = ()


def _flat(requires: Iterable[Requirement]) -> list[Requirement]:
    """Every single condition, with the parts of "all" conditions spelled out."""
    return [p for r in requires for p in (r.parts if r.kind == "all" else (r,))]


@lru_cache(maxsize=512)
def _theme_words(entry: LexEntry) -> frozenset[str]:
    """Object lemmas a row asks for ("sanctions", "troops"): means, never recipients."""
    words: set[str] = set()
    for req in _flat(entry.requires):
        if req.kind == "obj":
            words.update(w for w in req.words if not w.startswith("@") and w != "*")
    return frozenset(words)


def _authors(noun: Token) -> list[Token]:
    """Who made a proposal, call or demand: "from Y", "by Y", "Y's"."""
    found = _prep_objects(noun, {"from", "by"})
    found.extend(c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON")
    for acl in noun.children:  # "the proposal put forward by Kyiv", "a plan drawn up by"
        if acl.dep_ == "acl" and acl.tag_ == "VBN":
            found.extend(_prep_objects(acl, {"by"}))
    return found


_GOODS_ORIGIN_VERBS = _words(
    "make produce manufacture import export build grow ship originate assemble source"
)
_OWN_DETERMINERS = _words("its their his her our my")


def _goods_origin(nouns: Iterable[Token]) -> list[Token]:
    """Where goods named on a measure come from: "tariffs on imports from China", "duties on
    vehicles made in China" -> China (a demonym, "Chinese steel", resolves by itself)."""
    found: list[Token] = []
    for noun in nouns:
        found.extend(_prep_objects(noun, {"from"}))
        for acl in noun.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in _GOODS_ORIGIN_VERBS:
                found.extend(_prep_objects(acl, {"in", "from", "by"}))
    return found


def _event_object_parties(
    verb: Token, passive_subject: Token | None, reaction: bool = False
) -> list[Token]:
    """The other party of an act acted upon: "ruled out a ceasefire with Hamas", "called off
    the state visit to France", "threatened strikes against South Korea", "mediated talks
    between Iran and the US". Only for an object that names an act itself (a lexicon noun).
    A reaction to violence ("condemned the attack in Somalia", "the bombing of the embassy")
    answers whoever did it, never where or whom it struck."""
    found: list[Token] = []
    objects = [passive_subject] if passive_subject is not None else _direct_objects(verb)
    for obj in objects:
        if obj.lemma_.lower() in _ROUND_NOUNS:
            obj = next(iter(_prep_objects(obj, {"of"})), obj)  # "a round of talks between"
        if reaction and _violent_act(obj):
            found.extend(_doers(obj))
            continue
        if _candidates(obj) or obj.lemma_.lower() in _HAPPENING_NOUNS:
            found.extend(_prep_objects(obj, _THEME_RECIPIENT_PREPS | {"in"}))
    return found


def _violent_act(noun: Token) -> bool:
    """A word naming an attack or a coercive act ("the bombing", "the arrests", "killed")."""
    return any(_entry_type(e) in _VIOLENT_TYPES for e in _candidates(noun))


# Accidents whose toll a participle gives ("the plane crashed near Goma, killing all 12").
_MISHAP_VERBS = _words("crash collide capsize sink derail collapse overturn plunge topple")


def _mishap_toll(verb: Token) -> bool:
    """A participle giving an accident's toll: the crash killed, nobody attacked."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.head.lemma_.lower() in _MISHAP_VERBS
    )


def _act_as_relative_subject(verb: Token, subject: Token) -> Token | None:
    """The act noun a violent relative clause's subject stands for: "an air strike in western
    Afghanistan that killed 90 villagers", "the shelling of a compound at Qana, which killed
    100" (the parse hangs the clause on the nearest noun, but a place or a building kills
    nobody: the act it belongs to does). None when no act noun governs the clause."""
    if verb.dep_ != "relcl" or subject.lower_ not in _RELATIVE_PRONOUNS:
        return None
    if not _violent_act(verb):
        return None
    node = verb.head
    for _ in range(6):
        if node.pos_ == "NOUN" and _violent_act(node):
            return node
        if node.dep_ not in ("pobj", "prep", "compound", "appos", "conj") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _doers(act: Token) -> list[Token]:
    """Who an act noun says did it: "Russia's attack", "the Russian attack", "the attack by
    Russia" (never its place or victim: "the attack in Somalia", "the bombing of embassies")."""
    return [
        *(c for c in act.children if c.dep_ in ("poss", "amod", "compound") and c.i < act.i),
        *_prep_objects(act, {"by"}),
    ]


# Nouns for political happenings that are no lexicon trigger themselves ("the takeover in
# Niger was condemned").
_HAPPENING_NOUNS = _words("coup takeover putsch election elections vote referendum")


# "met on the sidelines of the ASEAN summit": the gathering is a setting
_SIDELINES = _words("sideline sidelines margin margins")


def _penalty_clause(clause: Token) -> bool:
    """A reported clause that promises its subject a penalty: "Pakistan would bear the
    consequences", "would pay a heavy price"."""
    return (
        clause.dep_ == "ccomp"
        and clause.lemma_.lower() in _SUFFER_VERBS
        and any(o.lemma_.lower() in _PENALTY_NOUNS for o in _direct_objects(clause))
    )


def _warned_party(
    ctx: _DocContext, draft: _Draft, actor_ids: list[str]
) -> list[tuple[Token, Actor]]:
    """ "warned that Pakistan would bear the consequences": the party the warning says will
    suffer, the subject of the warned clause when it is not the warner."""
    subjects = _clause_subjects(draft.trigger)
    return [(t, a) for t, a in _resolve_all(ctx, subjects) if a.id not in actor_ids]


def _clause_subjects(trigger: Token) -> list[Token]:
    """Subjects of the clauses a verb reports: "charged that the United States was ..."."""
    return [
        s
        for c in trigger.children
        if c.dep_ == "ccomp"
        for s in c.children
        if s.dep_ in ("nsubj", "nsubjpass")
    ]


def _without_venues(recipients: list[tuple[Token, Actor]]) -> list[tuple[Token, Actor]]:
    """ "Filed a complaint against Azerbaijan at the ICJ": where a party is named, a body
    "at" which the act happens is its venue, not a second party."""
    recipients = [(t, a) for t, a in recipients if t.lemma_.lower() not in _SIDELINES]
    at_venue = [
        (t, a)
        for t, a in recipients
        if t.dep_ == "pobj" and t.head.lower_ == "at" and a.kind == "organisation"
    ]
    if at_venue and len(at_venue) < len(recipients):
        recipients = [pair for pair in recipients if pair not in at_venue]
    # "detained Malaysian trawlers off North Sumatra": once a party is named, a place the act
    # happens near or off is where, not whom
    where = [
        (t, a)
        for t, a in recipients
        if a.kind == "place" and t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE_RECIPIENT_PREPS
    ]
    if where and len(where) < len(recipients):
        recipients = [pair for pair in recipients if pair not in where]
    return recipients


def _any_instance(trigger: Token) -> bool:
    """A noun trigger for whatever act of its kind may come ("any attack", "any strike")."""
    return trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "any" for c in trigger.children
    )


def _is_theme(obj: Token, themes: frozenset[str]) -> bool:
    """Whether ``obj`` is one of the row's means, itself or by its compound modifier ("halted a
    loan programme for Kenya": the loans are the means, and their party hangs on the head)."""
    return any(
        t.lemma_.lower() in themes or t.lower_ in themes
        for t in (obj, *(c for c in obj.children if c.dep_ == "compound"))
    )


def _theme_recipients(theme: Token) -> list[Token]:
    """The party a means is aimed at, on the means or on what measures it: "sanctions on
    Iran", "duties of 25 percent on Chinese steel", "tariffs on cars made in China"."""
    found: list[Token] = []
    for part in (theme, *_measured(theme)):
        found.extend(_prep_objects(part, _THEME_RECIPIENT_PREPS))
    if not found:
        # a phrase after coordinated means is shared: "sanctions and tariffs on China", and
        # "an air and arms embargo on Libya" (parsed as "air" and "arms embargo")
        for part in theme.conjuncts:
            found.extend(_prep_objects(part, _THEME_RECIPIENT_PREPS))
    if theme.lemma_.lower() in _ENCIRCLING_NOUNS | _OWNED_MEANS:
        # "its blockade of Yemen's port", "froze the assets of seven officials"
        found.extend(_prep_objects(theme, {"of"}))
    found.extend(_goods_origin(found))
    # "an embargo on trade with Iraq", "a ban on flights to Qatar": the partner in the trade
    found.extend(
        p for t in found if t.lemma_.lower() in _DEALINGS for p in _prep_objects(t, _PARTNER_PREPS)
    )
    return found


_DEALINGS = _words(
    "trade commerce dealing dealings business transaction transactions flight flights travel "
    "ties contact contacts import imports export exports"
)
_PARTNER_PREPS = _words("with to from")


_PORTIONS = _words("much most part parts some all swathes swaths half rest")
_ENCIRCLING_NOUNS = _words("blockade siege encirclement occupation")
_OWNED_MEANS = _words("asset assets account accounts holding holdings property properties")
_CAPTIVITY_VERBS = _words("hold detain jail imprison keep")
_TREND_VERBS = _words(
    "rise increase grow climb soar surge double triple fall decline drop decrease slow halve"
)
# "X would bear the consequences", "would pay a heavy price": a penalty promised to X
_SUFFER_VERBS = _words("bear face pay suffer")
_PENALTY_NOUNS = _words("consequence consequences price response retaliation")
_STANDING_PARTICIPLES = _words(
    "back support lead own control run fund finance arm sponsor ally dominate recognise recognize"
)


def _own(obj: Token) -> bool:
    """An object the subject owns ("recalled its ambassador", "withdrew their troops"): the
    actor's own people or means, never the party acted upon."""
    if obj.lemma_.lower() in ("counterpart", "host", "guest"):
        return False  # "his Tanzanian counterpart": the other side by definition
    return any(c.dep_ == "poss" and c.lower_ in _OWN_DETERMINERS for c in obj.children)


# Verbs of command: what one's own forces are ordered to do is the commander's act.
_COMMAND_VERBS = _words("order instruct direct command")
_FORCE_NOUNS = _words(
    "troop army military force soldier fighter police policeman guard unit navy militia "
    "commander gunner marine paratrooper commando battalion"
)


def _orders_own_forces(verb: Token) -> bool:
    """ "ordered his fighters to halt attacks", "instructed the army to withdraw"."""
    return verb.lemma_.lower() in _COMMAND_VERBS and any(
        c.dep_ == "dobj" and _own_forces(c) for c in verb.children
    )


def _own_forces(obj: Token) -> bool:
    """The subject's own armed men: "his fighters", "its troops", "his men", "the army",
    "troops"; not "Serbian troops" or "the rebels' fighters" (another party's), nor bare
    "men"."""
    lemma = obj.lemma_.lower()
    if _own(obj):
        return lemma in _FORCE_NOUNS or lemma == "man"
    if lemma not in _FORCE_NOUNS:
        return False
    return not any(
        c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))
        for c in obj.children
    )


def _foreign_owner(ctx: _DocContext, obj: Token, subject: Token | None) -> bool:
    """ "Pakistan said Indian troops had shelled its posts": the possessive names another
    party than the subject (the actors stage links "its" to Pakistan)."""
    owner = next((ctx.token_actor(c) for c in obj.children if c.dep_ == "poss"), None)
    doer = _resolve(ctx, subject) if subject is not None else None
    return owner is not None and doer is not None and owner.country != doer.country


def _acted_on(entry: LexEntry, theme: Token) -> bool:
    """Whether a theme object is a party acted upon ("expelled two Russian diplomats",
    "seized a British tanker"), not the means ("deployed troops", "supplied the drones"),
    what is given ("approved the extradition of X to Y") or the actor's own ("its envoy")."""
    return (
        entry.cameo[:2] not in ("15", "06")
        and entry.cameo not in ("071", "072", "073", "074")
        and not _own(theme)
        and not _instrument(theme)
    )


def _verb_draft(ctx: _DocContext, verb: Token, entry: LexEntry) -> _Draft:
    subject, passive = _subject(verb)
    actor_tokens: list[Token] = []
    recipient_tokens: list[Token] = []
    themes = _theme_words(entry)
    announced = False  # an agentless measure its authority announces
    if passive:
        actor_tokens.extend(_prep_objects(verb, {"by"}))
        if not actor_tokens:
            # "were kidnapped from a diving resort by Abu Sayyaf gunmen": the parser may hang
            # the agent on the noun before it, or on that noun's apposition ("imposed on the
            # Moluccan capital Ambon by Indonesian security forces")
            actor_tokens.extend(
                agent
                for obj in _prep_objects(verb, _AGENT_HOST_PREPS)
                for host in (obj, *(c for c in obj.children if c.dep_ == "appos"))
                for agent in _prep_objects(host, {"by"})
                if ctx.token_actor(agent) is not None
            )
        if not actor_tokens and entry.cameo[:3] in _LEGAL_CODES:
            # "was indicted for crimes against humanity in Kosovo by the U.N. tribunal": a
            # court or government hung on the charge is who indicts (not "attacks by rebels")
            actor_tokens.extend(
                agent
                for obj in _prep_objects(verb, {"for", "with", "over", "on"})
                for agent in _prep_objects(obj, {"by"})
                if (found := ctx.token_actor(agent)) is not None
                and found.sector in ("JUD", "GOV", "COP")
            )
        if not actor_tokens:
            # "were granted the right to vote and run for office by parliament": an agent the
            # parser hung on an active verb inside the object's clause is this passive's
            actor_tokens.extend(
                p
                for obj in _direct_objects(verb)
                for t in obj.subtree
                if t.dep_ == "agent" and not any(c.dep_ == "auxpass" for c in t.head.children)
                for p in t.children
                if p.dep_ == "pobj"
            )
        if not actor_tokens:
            # "are being rounded up and held by Iraqi troops": passives joined by "and" share
            # their agent
            siblings = [c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"]
            if verb.dep_ == "conj" and verb.head.tag_ == "VBN":
                siblings.append(verb.head)
            actor_tokens.extend(a for sibling in siblings for a in _prep_objects(sibling, {"by"}))
        if not actor_tokens:
            # "was condemned as seriously flawed by Commonwealth observers": or on the
            # predicate the verb's "as" phrase made into a clause
            actor_tokens.extend(
                agent
                for clause in verb.children
                if clause.dep_ in ("advcl", "oprd", "xcomp")
                and any(c.lower_ == "as" for c in clause.children)
                for agent in _prep_objects(clause, {"by"})
            )
        if subject is not None and not actor_tokens and entry.cameo.startswith("084"):
            # "two French nationals held in Iran were released": the state that held them
            actor_tokens.extend(
                place
                for acl in subject.children
                if acl.dep_ == "acl" and acl.lemma_.lower() in _CAPTIVITY_VERBS
                for place in _prep_objects(acl, {"in", "by"})
            )
        if (
            subject is not None
            and not actor_tokens
            and entry.cameo[:2] == "15"
            and any(p.lemma_.lower() in themes for p in (subject, *_measured(subject)))
        ):
            # "Kenyan police were deployed in Nairobi": forces mobilised are their own
            # state's show of force
            actor_tokens.append(subject)
        elif subject is not None and not actor_tokens and "selfpass" in entry.flags:
            # "is opposed to", "have been demobilized": a state of the subject itself
            actor_tokens.append(subject)
        if not actor_tokens and _entry_type(entry) in _ANNOUNCED_MEASURE_TYPES:
            # "A curfew will be enforced in Srinagar, the Kashmir administration announced":
            # a measure with no agent, announced by a government body, is that body's
            announcer = _announcing_authority(ctx, verb)
            if announcer is not None:
                actor_tokens.append(announcer)
                announced = True
        if subject is not None and (subject.lemma_.lower() in themes or subject.lower_ in themes):
            # "new sanctions against Russia were announced by Britain": the passive subject
            # is the means; the party it is aimed at hangs on it. People or ships acted on
            # are parties themselves ("two Chinese diplomats were expelled by Lithuania").
            recipient_tokens.extend(_theme_recipients(subject))
            if _acted_on(entry, subject):
                recipient_tokens.append(subject)
        elif subject is not None:
            recipient_tokens.append(subject)
    elif subject is not None and (act := _act_as_relative_subject(verb, subject)) is not None:
        # "the bombing of the embassy in Belgrade, which killed three journalists": who
        # bombed killed (never the embassy's place), and nobody named if the act names none
        actor_tokens.extend(_doers(act))
    elif subject is not None:
        actor_tokens.append(subject)
    if entry.cameo[:2] in ("18", "19", "20"):
        # "clashes between Serb police and ethnic Albanians killed 51 people", "were killed
        # in fighting between A and B": the fight's parties did the killing
        causes = [subject] if subject is not None and not passive else []
        if passive:
            causes.extend(_prep_objects(verb, {"in", "during"}))
        actor_tokens.extend(
            party
            for cause in causes
            if cause.lemma_.lower() in _FIGHT_NOUNS
            for party in _prep_objects(cause, {"between", "among"})
        )
    if not passive:
        for obj in _objects_or_raised(verb):  # "would help Minsk offset", "allowed X to enter"
            measured = [
                m
                for m in (*_prep_objects(obj, _MEASURE_PREPS), *_amount_themes(verb, obj))
                if m.lemma_.lower() in themes
            ]
            if measured:
                # "pledged 500 million euros in aid to Ukraine": the recipient hangs on the aid
                recipient_tokens.extend(_prep_objects(measured[0], _THEME_RECIPIENT_PREPS))
            if _is_theme(obj, themes):
                # "imposed sanctions on Iran", "deployed troops near": the object is the
                # means; the recipient hangs on it ("aid for Bosnia", "efforts between"), or
                # on what measures it ("duties of 25 percent on Chinese steel"). What is
                # refused is content: "blocked the EU statement on China" refuses the EU.
                if _entry_type(entry) != "REJECT":
                    recipient_tokens.extend(_theme_recipients(obj))
                for acl in (c for c in obj.children if c.dep_ == "acl"):
                    # "revenues owed to the Authority", "arms bound for Kyiv"
                    recipient_tokens.extend(_prep_objects(acl, {"to", "for"}))
                if obj.lemma_.lower() in _HOSTED_NOUNS:
                    # "closed its embassy in Kabul": the host country is the party
                    recipient_tokens.extend(
                        t for t in _prep_objects(obj, {"in"}) if ctx.place_at(t) is not None
                    )
                if _acted_on(entry, obj):
                    # people acted upon are recipients: "expelled two Russian diplomats"
                    # (not "recalled its ambassador": the actor's own envoy)
                    recipient_tokens.append(obj)
            elif _entry_type(entry) in _REACTION_TYPES and _violent_act(obj):
                # "condemned the bombing of U.S. embassies": whoever bombed, not the embassies
                recipient_tokens.extend(_doers(obj))
            elif obj.dep_ != "attr" and (not _own(obj) or _foreign_owner(ctx, obj, subject)):
                recipient_tokens.append(obj)
            if _resolve(ctx, obj) is None:
                # "rejected an offer from Kabul", "accepted demands by the rebels": the
                # author of what is acted on is the party the act answers.
                recipient_tokens.extend(_authors(obj))
    recipient_tokens.extend(_prep_objects(verb, _RECIPIENT_PREPS - {"with"}))
    named_parties: list[Token] = []
    for req in _flat(entry.requires):
        if req.kind == "pobj" and "@actor" in req.words and "mutual" not in entry.flags:
            # "stood by Russia", "spoke up for Bangladesh": the party the row names
            named_parties.extend(_prep_objects(verb, {req.prep}))
        elif req.kind == "pobj" and "*" not in req.words:
            # "withdrew from the talks with Pyongyang": the party hangs on what is left
            for noun in _prep_objects(verb, {req.prep}):
                if noun.lemma_.lower() in req.words or noun.lower_ in req.words:
                    recipient_tokens.extend(_prep_objects(noun, _THEME_RECIPIENT_PREPS))
    withdrawal = (entry.mode or code(entry.cameo).mode) == "withdraw"
    if (_entry_type(entry) == "RETREAT" or withdrawal) and not passive:
        # "withdrew the last of its troops from Mali", "recalled its ambassador from
        # Moscow": the place left is the party
        recipient_tokens.extend(_prep_objects(verb, {"from"}))
        if _has_prep(verb, {"out"}):
            recipient_tokens.extend(_prep_objects(verb, {"of"}))  # "pulled X out of Rwanda"
        for obj in _direct_objects(verb):  # "withdrew the last of its soldiers from Iraq"
            for part in (obj, *_measured(obj)):
                recipient_tokens.extend(_prep_objects(part, {"from"}))
    if entry.cameo in _TRAVEL_CODES and "swap" not in entry.flags:
        # "arrived in Tokyo": the place visited stands for its host country
        recipient_tokens.extend(
            t for t in _prep_objects(verb, {"in", "at"}) if ctx.place_at(t) is not None
        )
    if _entry_type(entry) == "AID" and not passive:
        # "deposited $3 billion in Pakistan's central bank"
        recipient_tokens.extend(_prep_objects(verb, {"in", "into"}))
    if _entry_type(entry) == "AID" and _agentive_participle(verb):
        # "supplies donated by India arrived in Kabul": where the aid went
        carrier = verb.head.head
        if verb.head.dep_ == "nsubj" and carrier.pos_ == "VERB":
            recipient_tokens.extend(_prep_objects(carrier, {"in", "to", "into"}))
            recipient_tokens.extend(_direct_objects(carrier))
    if _entry_type(entry) == "REQUEST" and not passive:
        # "sought more weapons from its allies", "demanded an apology from Tokyo"
        recipient_tokens.extend(_prep_objects(verb, {"from"}))
        for obj in _direct_objects(verb):
            recipient_tokens.extend(_prep_objects(obj, {"from"}))
    if "mutual" not in entry.flags:
        # "mediate between Russia and Ukraine": the parties a third party's act is between
        recipient_tokens.extend(_prep_objects(verb, {"between", "among"}))
    with_tokens = [t for t in _prep_objects(verb, {"with"}) if not _instrument(t)]
    if "mutual" in entry.flags:
        actor_tokens.extend(with_tokens)
    else:
        recipient_tokens.extend(with_tokens)
    if "swap" in entry.flags:
        # "Xi welcomed Putin to Beijing": the guest acts, the host receives; the place the
        # guest came to is where, not a second guest (but "played host to Schroeder" names him)
        actor_tokens, recipient_tokens = (
            [
                t
                for t in recipient_tokens
                if not (
                    t.dep_ == "pobj"
                    and t.head.lower_ in _VENUE_PREPS
                    and getattr(ctx.token_actor(t), "kind", None) != "person"
                )
            ],
            actor_tokens,
        )
    actors = _resolve_all(ctx, actor_tokens)
    # the party a row names ("stood by Russia at the UN") outranks a setting
    recipients = (
        _resolve_all(ctx, named_parties)
        or _resolve_all(ctx, recipient_tokens)
        or _resolve_all(ctx, _prep_objects(verb, _REASON_PREPS))
        or _resolve_all(
            ctx,
            _event_object_parties(
                verb, subject if passive else None, _entry_type(entry) in _REACTION_TYPES
            ),
        )
    )
    purpose = _aid_purpose(verb)
    if not recipients and purpose is not None and _entry_type(entry) in ("AID", "AGREE"):
        # "pledged $500 million to support Yemen's central bank": whom the aid is meant for
        recipients = _resolve_all(ctx, _direct_objects(purpose))
    if not actors and subject is not None and _entry_type(entry) == "PROTEST" and _crowd(subject):
        # "hundreds of relatives marched in Culiacan": an unnamed crowd is the people of the
        # place it marches in
        # "workers at Durban port walked off the job": the place may hang on the crowd
        crowd = [subject, *_prep_objects(subject, {"of"})]
        places = _prep_objects(verb, _CROWD_PLACE_PREPS) + [
            p for c in crowd for p in _prep_objects(c, _CROWD_PLACE_PREPS)
        ]
        places += [c for p in places for c in p.children if c.dep_ == "compound"]  # "Durban port"
        actors = [
            (t, a)
            for t in places
            if (a := ctx.token_actor(t) or _place_actor(ctx, t)) is not None and a.country
        ]
        actors = actors[:1]
    status, reason = _verb_status(verb)
    if announced and status == "planned":
        # "a curfew will be enforced from Monday, the administration announced": a measure
        # its authority announces is decided, not threatened
        reason = f"{_DECIDED} (announced)"
    return _Draft(
        trigger=verb,
        entry=entry,
        rule="verb",
        actors=actors,
        recipients=recipients,
        status=status,
        reason=reason,
        clause_head=verb,
    )


def _nominal_draft(ctx: _DocContext, noun: Token, entry: LexEntry) -> _Draft | None:
    if _trend(noun):
        return None  # "attacks have risen sharply since 2021": a trend, not a reported act
    light = _light_verb(noun)
    actor_tokens: list[Token] = []
    recipient_tokens: list[Token] = []
    if light is not None:
        subject, passive = _subject(light)
        if passive:
            actor_tokens.extend(_prep_objects(light, {"by"}))
            if not actor_tokens and subject is not None and entry.cameo[:2] == "15":
                actor_tokens.append(subject)  # "troops were put on high alert"
        elif subject is not None:
            actor_tokens.append(subject)
        recipient_tokens.extend(_prep_objects(light, _RECIPIENT_PREPS - {"with"}))
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ in ("under", "on")
            and _entry_type(entry) in ("COERCE", "SANCTION")
        ):
            # "placed the opposition leader under house arrest", "put X on trial"
            recipient_tokens.extend(
                o for o in _direct_objects(light) if o.dep_ == "dobj" and not _own(o)
            )
        # "conducted joint exercises with France": the partner hangs on the light verb
        recipient_tokens.extend(t for t in _prep_objects(light, {"with"}) if not _instrument(t))
        recipient_tokens.extend(o for o in _direct_objects(light) if o.dep_ == "dative")
    elif (elicitor := _elicitor(noun)) is not None:
        # "Trump's remarks drew rebukes from the Pentagon": those it came from react to the
        # subject, or to whoever owns it
        actor_tokens.extend(_prep_objects(noun, {"from"}) + _prep_objects(elicitor, {"from"}))
        subject, _ = _subject(elicitor)
        if subject is not None:
            owners = [c for c in subject.children if c.dep_ == "poss"]
            recipient_tokens.extend(owners or [subject])
    else:
        reporter = _reporting_verb(noun)
        if reporter is not None and noun.dep_ == "nsubjpass":
            # "a formal apology was offered to Rwanda by Belgium's prime minister"
            actor_tokens.extend(_prep_objects(reporter, {"by"}))
            recipient_tokens.extend(_prep_objects(reporter, {"to"}))
        host = _activity_host(noun) if "subjof" in entry.flags else None
        if host is not None:
            # "converged for a rally", "shut the city in protest", "remained on alert":
            # the clause's subject carries out the activity the noun names.
            subject, passive = _subject(host)
            if subject is not None and (not passive or entry.cameo[:2] == "15"):
                # "troops were put on high alert": the forces alerted
                actor_tokens.append(subject)
        allowed = host is not None or (
            noun.dep_ in ("nsubj", "nsubjpass", "dobj", "appos", "ROOT")
            or (noun.dep_ == "pobj" and noun.head.lower_ in _NOMINAL_TEMPORAL_PREPS)
        )
        if not allowed:
            return None  # "breakthroughs from the talks": a reference, not a report
    # "hosted a meeting between A and B", "launched mediation between A and B": with a
    # third party as the subject, the parties between whom it happens are the recipients.
    third_party = light is not None and bool(_resolve_all(ctx, actor_tokens))
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
            actor_tokens.append(child)
    actor_tokens.extend(_prep_objects(noun, {"by"}))
    for of_object in _prep_objects(noun, {"of"}):
        # "the expulsion of 45 diplomats by Moscow": the parser hangs "by" on the of-object
        actor_tokens.extend(_prep_objects(of_object, {"by"}))
        if of_object.lower_ in _COUNT_WORDS:
            of_object = next(iter(_prep_objects(of_object, {"of"})), of_object)
        if (
            _entry_type(entry) in ("MOBILIZE", "RETREAT")
            and of_object.lemma_.lower() in _ARMED_PERSONNEL
            and not _resolve_all(ctx, actor_tokens)  # "Ethiopia began a build-up of troops"
        ):
            # "the deployment of Indian troops", "the withdrawal of Syrian troops": theirs
            actor_tokens.append(of_object)
    for participle in noun.children:
        if _agentive_participle(participle):
            # "a general strike called by the unions", "car bombs planted by al-Shabaab"
            actor_tokens.extend(_prep_objects(participle, {"by"}))
    between = _prep_objects(noun, {"between", "among"})
    (recipient_tokens if third_party else actor_tokens).extend(between)
    recipient_tokens.extend(_prep_objects(noun, _RECIPIENT_PREPS))
    if _entry_type(entry) in ("SUPPORT", "AID", "AGREE"):
        # "voiced support for Moldova's bid", "aid for Gaza": whom it is for
        recipient_tokens.extend(_prep_objects(noun, {"for"}))
    if _entry_type(entry) == "AID":
        # "the cancellation of $180 million of Tanzania's debt": whose debt; "a gift of 500
        # pounds of medical supplies to Tanzania": the parser hangs the receiver on the goods
        for part in (p for o in _prep_objects(noun, {"of"}) for p in (o, *_measured(o))):
            recipient_tokens.extend(c for c in part.children if c.dep_ == "poss")
            recipient_tokens.extend(_prep_objects(part, {"to", "for"}))
    if _entry_type(entry) in ("ASSAULT", "COERCE", "ACCUSE", "SANCTION"):
        # "Russia's invasion of Ukraine", "the bombing of Gaza": what is struck;
        # "voiced criticism of Israel's policy": what is criticised; "a boycott of
        # Israeli goods": whose goods
        recipient_tokens.extend(_prep_objects(noun, {"of"}))
    if _entry_type(entry) == "RETREAT":
        # "the release of 400 Palestinian prisoners": those set free (not "the withdrawal of
        # Syrian troops", the retreating side's own men)
        recipient_tokens.extend(
            o for o in _prep_objects(noun, {"of"}) if o.lemma_.lower() not in _ARMED_PERSONNEL
        )
        recipient_tokens.extend(_prep_objects(noun, {"from"}))  # "withdrawal from Lebanon"
    recipients = _resolve_all(ctx, recipient_tokens)
    if not recipients:
        reasons = [*(_prep_objects(light, _REASON_PREPS) if light is not None else [])]
        recipients = _resolve_all(ctx, [*reasons, *_prep_objects(noun, _REASON_PREPS)])
    status, reason = _nominal_status(noun, light)
    return _Draft(
        trigger=noun,
        entry=entry,
        rule="noun" if light is None else f"noun under '{light.lemma_.lower()}'",
        actors=_resolve_all(ctx, actor_tokens),
        recipients=recipients,
        status=status,
        reason=reason,
        clause_head=light if light is not None else noun,
    )


def _perfect(verb: Token) -> bool:
    """A present or past perfect: "have fought", "had risen"."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _span_preps(verb: Token, preps: Iterable[str]) -> list[Token]:
    """The verb's prepositions among ``preps`` ("since 2021", "by 40 percent")."""
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps]


def _tally(verb: Token) -> bool:
    """ "have fought three wars since independence in 1947": a count of acts over a span
    sums up history; it reports no one happening."""
    # a span of years or of an era ("since 1947", "since independence", "over the decades");
    # "has launched 300 missiles since Friday" reports this week's barrage
    spans = any(
        (t.like_num and len(t.text) == 4)
        or t.lower_ in ("decades", "years", "centuries")
        or (t.dep_ == "pobj" and t.head.i == prep.i and t.ent_type_ != "DATE")
        for prep in _span_preps(verb, ("since", "over"))
        for t in prep.subtree
    )
    counted = any(
        n.dep_ == "nummod" and n.lower_ not in ("one", "1")
        for o in _direct_objects(verb)
        for n in o.children
    )
    return _perfect(verb) and spans and counted


def _trend(noun: Token) -> bool:
    """A count of acts said to change over a span ("attacks have risen sharply since 2021",
    "strikes fell by 40 percent"); "protests grew across Iran on Sunday" still reports."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in _TREND_VERBS:
        return False
    return _perfect(verb) or bool(_span_preps(verb, ("since", "by", "over")))


def _activity_host(noun: Token) -> Token | None:
    """The verb a noun of activity hangs on through "in", "for", "on" or "into"."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in _ACTIVITY_PREPS and prep.head.pos_ == "VERB":
        return prep.head
    if noun.dep_ == "pobj" and prep.lower_ == "on" and prep.head.lemma_ == "be":
        return prep.head  # "has been on hunger strike", "were on strike"
    return None


def _add_complement_recipients(ctx: _DocContext, draft: _Draft) -> None:
    """The complement's own object is the recipient when the trigger has none:
    "accepted an offer to visit Washington" -> the USA."""
    if draft.recipients or draft.complement_token is None:
        return
    comp = draft.complement_token
    tokens = _prep_objects(comp, _RECIPIENT_PREPS)
    if _entry_type(draft.entry) == "REQUEST" and comp.dep_ == "ccomp":
        # "demanded that the US cancel the sale": the party asked is the clause's subject
        tokens[:0] = [c for c in comp.children if c.dep_ == "nsubj"]
    themes = _theme_words(draft.complement) if draft.complement is not None else frozenset()
    # "offered to mediate between A and B", "to increase imports from Australia"
    tokens.extend(_prep_objects(comp, {"between", "from"}))
    if not any(c.dep_ == "auxpass" for c in comp.children):
        tokens.extend(_prep_objects(comp, {"by"}))  # "vowed to stand by Moldova"
    for obj in _objects_or_raised(comp):  # "refused to allow IAEA inspectors into the site"
        # "to cut supplies to Ukraine", "to host talks between Israel and Hamas"
        tokens.extend(_prep_objects(obj, _RECIPIENT_PREPS | {"from", "between"}))
        if obj.lemma_.lower() not in themes:
            tokens.append(obj)
    actor_ids = {a.id for _, a in draft.actors}
    draft.recipients = [(t, a) for t, a in _resolve_all(ctx, tokens) if a.id not in actor_ids]


def _refined_code(draft: _Draft) -> str:
    """The CAMEO code after the complement and status have had their say."""
    cameo = draft.entry.cameo
    own = code(cameo).plover_type if draft.entry.plover is None else draft.entry.plover
    comp = draft.complement
    if comp is not None:
        comp_type = comp.plover or code(comp.cameo).plover_type
        if own == "AGREE":
            if "done" in comp.flags:
                # "agreed to forgive the debt": agreeing is the act itself (manual, AID)
                return comp.cameo
            if (
                "flip" in draft.entry.flags
                and comp_type == "MOBILIZE"
                and draft.trigger.lemma_.lower() in _COMMITTING_VERBS
            ):
                # "France pledged to send 1,000 troops to Mali": troops promised, a commitment
                # of military aid (0332), where "vowed to send troops" may threaten
                return "0332"
            if "flip" in draft.entry.flags and comp_type in _CONFLICT_TYPES:
                return "138" if comp_type in ("ASSAULT", "MOBILIZE") else "130"
            # "agreed to pull its troops out": an express intent to yield, which the official
            # table codes AGREE (035); a retreat merely announced ("said it would withdraw")
            # is the manual's CONCEDE
            return {
                "CONSULT": "036",
                "COOPERATE": "031",
                "AID": "033",
                "SUPPORT": "032",
                "RETREAT": "035",
                "CONCEDE": "035",
            }.get(comp_type, cameo)
        if own == "REQUEST":
            return {"CONSULT": "106", "AID": "103", "COOPERATE": "101", "RETREAT": "105"}.get(
                comp_type, cameo
            )
        if own == "REJECT" and comp_type == "CONSULT":
            return "125"
        if own == "THREATEN":
            return {"ASSAULT": "138", "SANCTION": "1312", "COERCE": "132"}.get(comp_type, cameo)
    return cameo


def _finish(
    ctx: _DocContext, draft: _Draft, article: Article, timexes: tuple[Timex, ...]
) -> Event | None:
    subject, _ = _subject(draft.trigger) if draft.rule == "verb" else (None, False)
    if subject is not None and subject.lower_ in _RELATIVE_PRONOUNS:
        subject = _antecedent(subject)
    if subject is not None and subject.lower_ in _ANY_SUBJECTS:
        return None  # "anyone who attacked public property": nobody in particular did
    cameo = _refined_code(draft)
    row = code(cameo)
    # An unnamed group of no known country ("ministers", "officials") saying something
    # tells an analyst nothing; doing something material ("police were deployed",
    # "workers walked off the job") is a happening even with its doer unplaced, and is kept
    # with the country unknown, as GDELT keeps "POLICE". Beside a named party it adds nothing.
    named = [(t, a) for t, a in draft.actors if not _generic(a)]
    draft.actors = named or (draft.actors if row.quad_class in _MATERIAL_QUADS else [])
    actor_ids = [a.id for _, a in draft.actors]
    if not actor_ids:
        return None
    overridden = draft.entry.plover is not None and cameo == draft.entry.cameo
    plover = draft.entry.plover if overridden else row.plover_type
    mode = (draft.entry.mode if overridden else None) or row.mode
    if overridden and plover != row.plover_type:
        mode = draft.entry.mode  # the table's mode belongs to the table's type
    recipients = [(t, a) for t, a in draft.recipients if a.id not in actor_ids and not _generic(a)]
    # A state's official acting on the state itself ("warned that Tehran would reduce its
    # cooperation", "called on Kyiv's allies"): the actor's own country is no recipient.
    states = {a.country for _, a in draft.actors if a.sector == "GOV" or a.kind == "country"}
    recipients = [
        (t, a)
        for t, a in recipients
        if not (
            a.country in states and a.kind in ("country", "place") and a.sector in ("GOV", None)
        )
    ]
    if not recipients:
        recipients = _anaphoric_recipients(ctx, draft, actor_ids)
    if plover in _REACTION_TYPES and not recipients:
        recipients = _reaction_recipients(ctx, draft)
    if (
        plover == "ACCUSE"
        and draft.rule == "verb"
        and recipients
        and all(t.dep_ == "pobj" and t.head.lower_ == "to" for t, _ in recipients)
    ):
        # "complained to the Security Council that Ethiopia's decision breaches the law":
        # the body complained to hears the charge; the accused is whom it is about
        about = [
            owner
            for s in _clause_subjects(draft.trigger)
            for owner in (s, *(p for p in s.children if p.dep_ == "poss"))
        ] + _prep_objects(draft.trigger, {"about", "over"})  # "about Russian attacks"
        accused = [(t, a) for t, a in _resolve_all(ctx, about) if a.id not in actor_ids]
        recipients = accused or recipients
    if plover == "ACCUSE" and not recipients and draft.rule == "verb":
        # "Iran charged that the United States was behind the attack": the accused is the
        # subject of what is alleged
        subjects = _clause_subjects(draft.trigger)
        for clause in draft.trigger.children:
            # "condemned what it called the excessive use of force by the authorities": the
            # author of what is named
            if clause.dep_ == "ccomp" and any(
                c.dep_ == "dobj" and c.lower_ == "what" for c in clause.children
            ):
                named = [c for c in clause.children if c.dep_ in ("oprd", "attr")]
                subjects[:0] = [
                    *_prep_objects(clause, {"by"}),
                    *(a for n in named for a in _authors(n)),
                ]
        recipients = [(t, a) for t, a in _resolve_all(ctx, subjects) if a.id not in actor_ids]
    if (plover in ("ASSAULT", "COERCE") or cameo[:2] == "16") and not any(
        a.country for _, a in recipients
    ):
        # "bombed a refugee camp in central Gaza", "carried out air strikes inside
        # Afghanistan": a target of no country is placed by where it is
        recipients = _target_country(ctx, draft, actor_ids) or recipients
    if (plover == "AID" or cameo.startswith("162")) and not recipients:
        # "resumed food distributions in government-held areas of Yemen": aid given (or
        # stopped) where people are goes to that place
        recipients = _target_country(ctx, draft, actor_ids)
        agencies = [a for _, a in draft.actors if a.country in _NON_STATE_CODES]
        if not recipients and agencies and len(agencies) == len(draft.actors):
            # an agency's distributions "in government-held areas" of a datelined story:
            # the home country's people
            home = _home_country(ctx.doc)
            found = ctx.country_actor(home, actor_ids)
            recipients = [(draft.trigger, found)] if found is not None else []
    if (plover == "COERCE" or cameo == "175") and not any(a.country for _, a in recipients):
        # people of no known country repressed by a state: its own (kept, and the state)
        recipients = recipients + _domestic_target(ctx, draft, actor_ids)
    if plover == "PROTEST" and not recipients:
        recipients = _protest_target(ctx, draft, actor_ids)
    if (
        plover == "REJECT"
        and not recipients
        and draft.trigger.dep_ == "conj"
        and draft.trigger.head.lemma_.lower() in _PROPOSAL_VERBS
    ):
        # "Kuala Lumpur offered aircraft, but Jakarta declined": who made the offer
        proposer, _ = _subject(draft.trigger.head)
        recipients = [
            (t, a)
            for t, a in _resolve_all(ctx, [proposer] if proposer is not None else [])
            if a.id not in actor_ids
        ]
    if plover == "THREATEN" and any(_penalty_clause(c) for c in draft.trigger.children):
        # "warned that Pakistan would bear the consequences of any violation of Afghan
        # territory": the threatened party is who will bear them, not what they are for
        recipients = _warned_party(ctx, draft, actor_ids) or recipients
    if plover == "THREATEN" and not recipients:
        recipients = (
            _condition_target(ctx, draft, actor_ids)
            or _sibling_recipients(ctx, draft)
            or _warned_party(ctx, draft, actor_ids)
        )
    recipients = _most_specific(_without_venues(recipients))
    status = draft.status
    if (
        "utter" in draft.entry.flags
        and status in ("planned", "hypothetical")
        and (draft.reason in ("future auxiliary", "reported future", "conditional future", "modal"))
    ):
        # "said it would take all necessary measures": the threat is made as it is said
        status = draft.status = "occurred"
        draft.reason = "threat stated"
    if draft.reason in ("purpose", "mandative"):
        # "resigned to allow elections", "demanded that X withdraw": an aim, not an act
        return None
    date, precision, source = _with_story_date(
        ctx,
        draft,
        status,
        temporal.event_date(ctx.doc, draft.trigger, timexes, article.published, status),
    )
    parties = frozenset(a.country for _, a in (*draft.actors, *recipients) if a.country)
    if status == "occurred" and source == "text" and _after(date, precision, article.published):
        # Nothing dated after the publication can have happened yet ("to visit in June").
        status = draft.status = "planned"
        draft.reason = "dated after publication"
    controlled = draft.reason.startswith(_CONTROLLED)
    # PLOVER: future cooperation is AGREE; announced retreats are CONCEDE. What one party
    # invites or urges another to do is nobody's commitment yet: it stays as it is, planned.
    future = status == "planned" or draft.reason == "conditional future"
    if future and plover in _COOPERATIVE_FUTURE_CODES and not controlled:
        # (a conditional offer, "would send aid if the truce holds", is AGREE too, and stays
        # hypothetical)
        cameo, plover, mode = _COOPERATIVE_FUTURE_CODES[plover], "AGREE", None
        row = code(cameo)
    elif plover == "RETREAT" and future:
        cameo, plover, mode = "080", "CONCEDE", None
        row = code(cameo)
    elif plover in ("SANCTION", "COERCE") and draft.reason.startswith(_DECIDED):
        # "EU ministers decided to freeze the assets of 30 officials", "parliament voted to
        # expel the inspectors": a measure decided is a measure taken, no threat, dated by
        # the decision
        status = draft.status = "occurred"
        dated = temporal.event_date(ctx.doc, draft.trigger, timexes, article.published, status)
        date, precision, source = _with_story_date(ctx, draft, status, dated)
        if source == "text" and _after(date, precision, article.published):
            status = draft.status = "planned"  # "to be enforced from Monday": not yet in force
    elif plover in _THREAT_CODES and future and draft.reason.startswith(_FORESEEN):
        # "Iran is expected to attack the tanker": a forecast by others, nobody's threat
        status = draft.status = "hypothetical"
    elif plover in _THREAT_CODES and future and _any_instance(draft.trigger):
        # "any Chinese attack on Taiwan would draw the US in": whatever attack may come, a
        # supposition; the threat, if one is made, is the response promised to it
        status = draft.status = "hypothetical"
    elif plover in _THREAT_CODES and future:
        # PLOVER: announced or intended conflict ("will impose martial law", "is ready to
        # strike") is a THREATEN, coded as one category rather than ASSAULT + future.
        # Speculation ("may attack") stays hypothetical: nobody has threatened anything.
        cameo, plover, mode = _THREAT_CODES[plover], "THREATEN", None
        row = code(cameo)
        # the threat is made as it is said ("would retaliate if attacked", "will not
        # hesitate to use force"): it occurred, on the day of the saying
        status = draft.status = "occurred"
        draft.reason = f"threat stated ({draft.reason})"
        dated = temporal.event_date(ctx.doc, draft.trigger, timexes, article.published, status)
        if _after(dated[0], dated[1], article.published):
            dated = article.published.isoformat(), "day", "published"
        date, precision, source = _with_story_date(ctx, draft, status, dated)
        if not recipients:
            recipients = _most_specific(
                _condition_target(ctx, draft, actor_ids) or _sibling_recipients(ctx, draft)
            )
    elif status == "negated" and plover in _REFUSABLE_CODES and _refusal(draft.clause_head):
        # "will not accept", "cannot allow": a refusal, which CAMEO and PLOVER code as REJECT.
        cameo, plover, mode, status = _REFUSABLE_CODES[plover], "REJECT", None, "occurred"
        row = code(cameo)
    if plover == "MOBILIZE" and len(actor_ids) > 1 and draft.entry.pos == "N":
        # Exercises held by two or more parties are joint military cooperation.
        cameo, plover, mode = "062", "COOPERATE", None
        row = code(cameo)
    if (
        plover in _NEEDS_RECIPIENT
        and not recipients
        and len(actor_ids) < 2
        and "open" not in draft.entry.flags  # rescues: the victims are seldom named
    ):
        return None  # a compound actor ("X and Y held joint exercises") is its own partner
    sent = draft.trigger.sent
    if cameo.startswith("1724") and any(
        t.pos_ == "NOUN" and t.lemma_.lower() in _DISASTER_WORDS for t in sent
    ):
        return None  # an emergency over a flood or an epidemic represses nobody
    ctx.history.append(
        (
            sent.start_char,
            draft.trigger.lemma_.lower(),
            [a for _, a in draft.actors],
            [a for _, a in recipients],
        )
    )
    ctx.coded[draft.trigger.i] = (cameo, [a for _, a in draft.actors], [a for _, a in recipients])
    if source != "published" and not _in_aside(draft.trigger):
        paragraph = ctx.paragraph(sent.start_char)
        told = _Dated(sent.start_char, paragraph, plover, status, date, precision, parties,
                      _simple_past(draft))  # fmt: skip
        ctx.dated.append(told)
    location = _location(ctx, draft, plover, {t.i for t, _ in draft.actors + recipients})
    return Event(
        type=plover,
        mode=mode,
        contexts=_contexts(row, sent),
        status=status,  # type: ignore[arg-type]
        actor=tuple(actor_ids),
        recipient=tuple(dict.fromkeys(a.id for _, a in recipients)),
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        date_source=source,  # type: ignore[arg-type]
        location=location,
        cameo=cameo,
        quad_class=row.quad_class,
        goldstein=row.goldstein,
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        why=_why(draft, plover, cameo, recipients),
    )


def _context_date(
    ctx: _DocContext, draft: _Draft, status: str, doers: frozenset[str]
) -> _Dated | None:
    """The date a sentence with no date of its own takes from the story (``None``: the
    publication date stands).

    Wire copy dates an occasion once and tells the rest of it undated: "met on Sunday ...
    The two leaders also signed ...". A sentence set inside an occasion told before takes
    that meeting's date: the last one for "at that meeting", the story's first for "during
    the talks". Otherwise an act in the simple past whose actors (``doers``' countries) took
    part in the last dated act of its paragraph takes its date (a plan, that of the last
    dated plan); with none in its paragraph, the lede's (the story's first dated act, in the
    simple past, day or finer), again if its actors took part: a third party's reaction may
    come days later. A present perfect ("has deployed") or anything else is left to the
    publication date.
    """
    sent = draft.trigger.sent
    before = [d for d in ctx.dated if d.start < sent.start_char]
    if not before:
        return None
    for token in sent:
        if (
            token.lemma_.lower() in _OCCASION_NOUNS
            and token.head.lower_ in _OCCASION_PREPS
            and any(c.dep_ in ("det", "poss") and c.lower_ in _OCCASION_DETERMINERS
                    for c in token.children)
        ):  # fmt: skip
            meetings = [d for d in before if d.type == "CONSULT" and d.status == "occurred"]
            if meetings:
                demonstrative = any(c.lower_ in ("that", "those") for c in token.children)
                return meetings[-1] if demonstrative else meetings[0]
    paragraph = ctx.paragraph(sent.start_char)
    here = [d for d in before if d.paragraph == paragraph]
    if status == "planned":
        plans = [d for d in here if d.status == "planned"]
        return plans[-1] if plans and plans[-1].parties & doers else None
    if status != "occurred" or not _simple_past(draft):
        return None
    acts = [d for d in here if d.status == "occurred"]
    if acts:
        return acts[-1] if acts[-1].parties & doers else None
    lede = next((d for d in before if d.status == "occurred"), None)
    if (
        lede is not None
        and lede.simple_past
        and lede.precision == "day"
        and lede.paragraph <= 1  # the first paragraph, or the one after a headline
        and lede.parties & doers
    ):
        return lede
    return None


def _in_aside(token: Token) -> bool:
    """The token sits in a clause that describes a noun ("Park, who arrived on Sunday,
    ..."): a detail told in passing, which dates nothing else in the story."""
    node, steps = token, 0
    while node.head.i != node.i and steps < 12:
        if node.dep_ in ("relcl", "acl"):
            return True
        node, steps = node.head, steps + 1
    return False


def _with_story_date(
    ctx: _DocContext, draft: _Draft, status: str, dated: tuple[str, str, str]
) -> tuple[str, str, str]:
    """(date, precision, source) with the story's date (`_context_date`) in place of the
    publication date, where the story gives one."""
    if dated[2] == "published":
        doers = frozenset(a.country for _, a in draft.actors if a.country)
        context = _context_date(ctx, draft, status, doers)
        if context is not None:
            return context.date, context.precision, "context"
    return dated


def _simple_past(draft: _Draft) -> bool:
    """The clause is told in the simple past ("signed", "did not meet"), not the present
    perfect or the present."""
    verb = draft.clause_head if draft.clause_head.pos_ in ("VERB", "AUX") else draft.trigger
    while draft.reason.startswith("threat stated") and verb.dep_ in ("ccomp", "xcomp", "conj"):
        verb = verb.head  # "said Cairo would take all measures": a threat is told as "said"
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ == "aux" and c.tag_ == "VBD" and c.lemma_ == "do" for c in verb.children)


# QuadClass of material cooperation and material conflict (verbal ones are 1 and 3)
_MATERIAL_QUADS = frozenset({2, 4})


def _generic(actor: Actor) -> bool:
    """A group named only by a common noun and placed in no country ("officials")."""
    return actor.country is None and actor.kind == "group" and actor.name == actor.name.lower()


def _after(value: str, precision: str, published: dt.date) -> bool:
    """Whether a date value lies wholly after the publication day."""
    if precision == "day":
        return value > published.isoformat()
    if precision == "week":
        year, week = int(value[:4]), int(value[6:8])
        return dt.date.fromisocalendar(year, week, 1) > published
    if precision == "month":
        return (int(value[:4]), int(value[5:7])) > (published.year, published.month)
    return int(value[:4]) > published.year


def _refusal(trigger: Token) -> bool:
    """A negated future or ability: "will not accept", "cannot allow", "would not provide"."""
    auxes = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & (_FUTURE_AUX | _HYPOTHETICAL_AUX | {"would"}))


def _anaphoric_recipients(
    ctx: _DocContext, draft: _Draft, actor_ids: list[str]
) -> list[tuple[Token, Actor]]:
    """ "drills near the island", "closed crossings with the country" -> the country the
    island or country stands for (the last one named before, not the actor's own)."""
    tokens = _prep_objects(draft.trigger, _RECIPIENT_PREPS)
    tokens.extend(
        o for o in _direct_objects(draft.trigger) if o.dep_ == "dobj"
    )  # "thanked the kingdom"
    for obj in _direct_objects(draft.trigger):
        for part in (obj, *_measured(obj)):  # "two of its crossing points with the country"
            tokens.extend(_prep_objects(part, _THEME_RECIPIENT_PREPS))
    for token in tokens:
        if token.lemma_.lower() in _PLACE_ANAPHORS and any(
            c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children
        ):
            actor = ctx.country_before(token.idx, actor_ids)
            if actor is not None:
                return [(token, actor)]
    return []


def _reaction_recipients(ctx: _DocContext, draft: _Draft) -> list[tuple[Token, Actor]]:
    """ "condemned the seizure", "welcomed the decision": a definite noun for an act told in
    an earlier sentence answers that act's actors; an act whose word shares the noun's stem
    ("seizure" ~ "seize") wins over the latest one."""
    if draft.rule != "verb":
        return []
    nouns = [
        o
        for o in _direct_objects(draft.trigger)
        if o.lemma_.lower() in _EVENT_ANAPHORS
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE_DETS for c in o.children)
        and not any(
            c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by")) for c in o.children
        )
    ]
    if not nouns:
        return []
    noun = nouns[0]
    own = {a.country or a.id for _, a in draft.actors}
    sent_start = draft.trigger.sent.start_char
    earlier = [
        (lemma, actors)
        for start, lemma, actors, _ in reversed(ctx.history)
        if start < sent_start and not own & {a.country or a.id for a in actors}
    ]
    stem = noun.lemma_.lower()[:4]
    chosen = next((actors for lemma, actors in earlier if lemma[:4] == stem), None)
    if chosen is None and earlier:
        chosen = earlier[0][1]
    return [(noun, a) for a in chosen or []]


def _domestic_target(
    ctx: _DocContext, draft: _Draft, actor_ids: list[str]
) -> list[tuple[Token, Actor]]:
    """ "the Egyptian government imprisoned thousands of political opponents": a state's
    repression of people it names by no other country is aimed at its own (manual, COERCE)."""
    if draft.rule == "verb":
        objects = _direct_objects(draft.trigger)
    else:  # "placed opposition leader Bobi Wine under house arrest"
        light = _light_verb(draft.trigger)
        objects = _direct_objects(light) if light is not None else []
    if not objects or any(o.pos_ == "PRON" for o in objects):
        return []  # "sentenced him": someone named before, of unknown country
    countries = {a.country for _, a in draft.actors}
    if len(countries) != 1 or not any(
        a.sector in _STATE_SECTORS or a.kind == "country" for _, a in draft.actors
    ):
        return []
    country = next(iter(countries))
    if country is None or country in _NON_STATE_CODES:
        return []
    state = ctx.country_actor(country, actor_ids)
    if state is None or state.kind == "place":
        return []
    return [(draft.trigger, state)]


def _target_country(
    ctx: _DocContext, draft: _Draft, actor_ids: list[str]
) -> list[tuple[Token, Actor]]:
    """ "struck an oil depot in Russia's Belgorod region": a target placed in another country
    names the country attacked. Only a verb with a target object: "clashes in X" say where,
    not whom; a noun only under a light verb ("carried out air strikes inside Afghanistan")."""
    if draft.rule != "verb":
        if draft.clause_head.i == draft.trigger.i:
            return []
        own = {a.country for _, a in draft.actors}
        for place in _prep_objects(draft.clause_head, _TARGET_PREPS):
            actor = _resolve(ctx, place) or _place_actor(ctx, place)
            if actor is not None and actor.country and actor.country not in own | _NON_STATE_CODES:
                return [(place, ctx.country_actor(actor.country, actor_ids) or actor)]
        return []
    objects = _direct_objects(draft.trigger)
    if not objects:
        return []
    own = {a.country for _, a in draft.actors}
    # "seized the village of Krasnohorivka in eastern Ukraine": the place may hang on the name
    named = [n for o in objects for n in (o, *_prep_objects(o, {"of"}))]
    places = [p for o in named for p in _prep_objects(o, _TARGET_PREPS)]
    places.extend(_prep_objects(draft.trigger, _TARGET_PREPS))  # the parser's other attachment
    # "ferried supplies to survivors along Aceh's coast": where those it reaches are
    places.extend(
        p for o in _prep_objects(draft.trigger, {"to"}) for p in _prep_objects(o, _TARGET_PREPS)
    )
    places.extend(  # "struck what X called hideouts in Y": the parser hangs Y on the naming
        p
        for c in draft.trigger.children
        if c.dep_ == "ccomp" and nlp.naming_clause(c)
        for p in _prep_objects(c, _TARGET_PREPS)
    )
    # "in the Kharkiv region": the region named by its modifier
    places.extend(
        c for p in list(places) if p.lemma_.lower() in _SETTLEMENT_NOUNS
        for c in p.children if c.dep_ == "compound"
    )  # fmt: skip
    # "along Aceh's west coast": the place named by its owner
    places.extend(c for p in list(places) for c in p.children if c.dep_ == "poss")
    # "in much of southern Somalia": the place a portion is of
    places.extend(
        o for p in list(places) if p.lemma_.lower() in _PORTIONS for o in _prep_objects(p, {"of"})
    )
    for place in places:
        actor = _named_settlement(ctx, place) or _resolve(ctx, place) or _place_actor(ctx, place)
        if actor is None or not actor.country or actor.country in own:
            continue  # fighting at home names no foreign target
        if actor.country in _NON_STATE_CODES:
            continue
        return [(place, ctx.country_actor(actor.country, actor_ids) or actor)]
    return []


def _sibling_recipients(ctx: _DocContext, draft: _Draft) -> list[tuple[Token, Actor]]:
    """ "condemned the surcharge and said Beijing would take all necessary measures": a
    threat told after the same party's reaction in the same sentence is aimed at the party
    that reaction answered."""
    sent_start = draft.trigger.sent.start_char
    own = {a.country or a.id for _, a in draft.actors}
    for start, _lemma, actors, recipients in reversed(ctx.history):
        if start != sent_start:
            break
        if own & {a.country or a.id for a in actors}:
            others = [a for a in recipients if (a.country or a.id) not in own]
            if others:
                return [(draft.trigger, a) for a in others]
    return []


def _condition_target(
    ctx: _DocContext, draft: _Draft, actor_ids: list[str]
) -> list[tuple[Token, Actor]]:
    """ "threatened an embargo if the junta did not publish a timetable": whoever must act
    to avert a threat is the party threatened."""
    heads = [draft.trigger, draft.clause_head]
    if draft.complement_token is not None:
        heads.append(draft.complement_token)
    node = draft.trigger
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head  # "if Taiwan moves ..., China will not hesitate to use force"
        heads.append(node)
    for head in heads:
        for clause in (t for h in (head, *head.children) for t in h.children):
            if clause.dep_ != "advcl" or not any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children
            ):
                continue
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            found = [(t, a) for t, a in _resolve_all(ctx, subjects) if a.id not in actor_ids]
            if found:
                return found
    return []


def _protest_target(
    ctx: _DocContext, draft: _Draft, actor_ids: list[str]
) -> list[tuple[Token, Actor]]:
    """Whom a street protest is against when no preposition says: the country its slogans
    name ("chanting anti-India slogans"), else the protesters' own state (manual, PROTEST:
    actions directed at "government authorities")."""
    own = {a.country for _, a in draft.actors}
    for place in _prep_objects(draft.clause_head, {"outside", "at", "near", "before"}):
        # "demonstrated outside the US embassy": the mission's state is the target
        if place.lemma_.lower() in _HOSTED_NOUNS:
            actor = _resolve(ctx, place)
            if actor is not None and actor.country and actor.country not in own:
                return [(place, ctx.country_actor(actor.country, actor_ids) or actor)]
    sent = draft.trigger.sent
    for token in sent:
        if token.lower_ == "anti" and token.i + 2 < sent.end and token.nbor(1).text == "-":
            target = ctx.token_actor(token.nbor(2))
            if target is not None and target.country:
                state = ctx.country_actor(target.country, actor_ids) or target
                return [(token.nbor(2), state)]
        if token.lower_.startswith("anti-"):
            country = actors_stage.country_of(token.text[5:])
            state = ctx.country_actor(country, actor_ids)
            if state is not None:
                return [(token, state)]
    countries = {a.country for _, a in draft.actors}
    if len(countries) != 1 or any(a.sector in _STATE_SECTORS for _, a in draft.actors):
        return []
    country = countries.pop()
    if country is None or country in _NON_STATE_CODES:
        return []
    state = ctx.country_actor(country, actor_ids)
    if state is None or state.kind == "place":
        return []  # a city's people are not the state the protest addresses
    return [(draft.trigger, state)]


def _in_clause(token: Token, heads: set[int]) -> bool:
    node = token
    for _ in range(12):
        if node.i in heads:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.i not in heads:
            return False
    return False


_LOCATIVE_PREPS = _words("in at to near outside inside into across along")


def _locative(token: Token) -> bool:
    """A place used as a setting ("in Bali", "visit Beijing"), not as a modifier or an agent
    ("US diplomat", "China's envoy")."""
    if token.dep_ == "pobj":
        return token.head.lower_ in _LOCATIVE_PREPS
    return token.dep_ == "dobj" and token.head.lemma_.lower() in _TRAVEL_VERBS


def _location(
    ctx: _DocContext, draft: _Draft, plover: str, argument_tokens: set[int]
) -> Location | None:
    heads = {draft.trigger.i, draft.clause_head.i}
    sent = draft.trigger.sent
    settings: list[tuple[Location, Token]] = []
    for place in ctx.places:
        if sent.start_char <= place.start < sent.end_char:  # type: ignore[operator]
            span = ctx.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and _locative(span.root):
                settings.append((place, span.root))
    # 1. a setting in the event's own clause ("meeting ... in Bali", "a visit to Beijing")
    for place, root in settings:
        if _in_clause(root, heads) and (root.i not in argument_tokens or plover == "CONSULT"):
            return place
    # 2. a setting the sentence gives ("In Beijing, ...")
    for place, root in settings:
        if root.head.lower_ in ("in", "at") and root.i not in argument_tokens:
            return place
    # 3. meetings take place where the article's main visit goes
    if plover == "CONSULT" or draft.entry.cameo.startswith("04"):
        return ctx.main_visit()
    return None


def _contexts(row: CameoCode, sent: Span) -> tuple[str, ...]:
    found = dict.fromkeys(row.contexts)
    for token in sent:
        context = _CONTEXT_WORDS.get(token.lower_)
        if context is not None:
            found[context] = None
    return tuple(found)


def _role(token: Token, trigger: Token) -> str:
    """How a party hangs on its trigger, for ``why``: "nsubj", "dobj", "prep_on"."""
    if token.dep_ == "pobj":
        return f"prep_{token.head.lower_}"
    if token.dep_ == "nsubj" and token.head.dep_ == "pcomp" and token.head != trigger:
        return f"prep_{token.head.head.lower_}"  # "at students marching ..."
    return token.dep_


def _why(draft: _Draft, plover: str, cameo: str, recipients: list[tuple[Token, Actor]]) -> str:
    word = draft.trigger.lemma_.lower() if draft.rule == "verb" else draft.trigger.lower_
    prefix = _hyphen_prefix(draft.trigger)
    if prefix and draft.rule != "verb" and (f"{prefix}-{word}", "N") in lexicon():
        word = f"{prefix}-{word}"  # "build-up", not its last token
    rule = "adjective" if draft.entry.pos == "A" else draft.rule
    parts = [f"{rule} '{word}' (lexicon {plover} {cameo})"]
    for token, actor in [*draft.actors, *recipients]:
        parts.append(f"{_role(token, draft.trigger)}={actor.name}")
    if draft.complement is not None:
        parts.append(f"complement '{draft.complement.lemma}'")
    if draft.reason:
        parts.append(f"status {draft.status} ({draft.reason})")
    return " ".join(parts)


_DEMAND_ENTRY = LexEntry(
    lemma="must", pos="V", cameo="100", plover=None, mode=None, requires=(), flags=frozenset()
)


def _reported_demands(ctx: _DocContext, doc: Doc, triggers: dict[int, LexEntry]) -> list[_Draft]:
    """ "X said (that) Y must/should do Z": a demand by X on Y (CAMEO 10, PLOVER REQUEST).

    The obligation's own verb is what is demanded, not an event, so its trigger is consumed.
    """
    drafts: list[_Draft] = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _DEMAND_REPORTING_VERBS:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or not any(
                c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in clause.children
            ):
                continue
            speaker, passive = _subject(verb)
            addressee, _ = _subject(clause)
            if speaker is None or passive or addressee is None:
                continue
            actors = _resolve_all(ctx, [speaker])
            recipients = _resolve_all(ctx, [addressee])
            if (
                not actors
                or not recipients
                or {a.id for _, a in actors} & {a.id for _, a in recipients}
            ):
                continue
            inner = [
                t.i
                for t in clause.subtree
                if t.i in triggers and (t.i == clause.i or t.dep_ != "ccomp")
            ]
            status, reason = _verb_status(verb)
            drafts.append(
                _Draft(
                    trigger=verb,
                    entry=_DEMAND_ENTRY,
                    rule=f"demand '{clause.lemma_.lower()}' under",
                    actors=actors,
                    recipients=recipients,
                    status=status,
                    reason=reason,
                    clause_head=verb,
                    consumed=tuple(inner),
                )
            )
    return drafts


_CONTENT_PREPS = _words("to for on")


def _nominal_content(verb: Token, triggers: dict[int, LexEntry]) -> Token | None:
    """A noun trigger naming what is agreed, called for or consented to: "agreed to a
    ceasefire", "called for an investigation", "agreed on talks"."""
    for noun in _prep_objects(verb, _CONTENT_PREPS):
        entry = triggers.get(noun.i)
        if entry is not None and entry.pos == "N":
            return noun
    return None


def _description(verb: Token) -> bool:
    """ "the first South Korean minister to visit Japan since 2019": an infinitive that
    ranks the noun it modifies describes a person, it reports no act."""
    if verb.dep_ not in ("relcl", "acl") or not any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children
    ):
        return False
    copula = _ranked_first(verb)
    if copula is not None and copula.lemma_.lower() == "become":
        # "became the first members of Congress to endorse Trump": news of the act ("is the
        # first president to visit France since 2015" describes the visitor)
        return False
    return any(
        c.dep_ in ("amod", "advmod") and (c.lower_ in _DESCRIPTIVE_ORDINALS or c.tag_ == "JJS")
        for c in verb.head.children
    )


def _background(token: Token, triggers: dict[int, LexEntry]) -> bool:
    """An earlier happening a sentence recalls to date or explain its main event: "one day
    after a jet shot down a helicopter", "since last month's invasion", "whom they had taken
    hostage". Coded only when the sentence has no other event to report."""
    clause = token
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "prep", "aux")}
    stranded = _stranded_subject(clause)
    if stranded is not None:
        marks.add(stranded.head.lower_)
    if clause.dep_ == "pobj" and clause.head.lower_ in _BACKGROUND_MARKS:
        inside = {clause.i}
    elif (clause.dep_ == "advcl" and marks & _BACKGROUND_MARKS) or (
        clause.dep_ == "relcl" and marks & {"had", "'d"}  # "whom they had taken hostage"
    ):
        inside = {t.i for t in clause.subtree}
    else:
        return False
    sent = token.sent
    return any(sent.start <= i < sent.end and i not in inside for i in triggers)


def _rejects_a_claim(verb: Token) -> bool:
    """ "rejects that description and says ...", "rejected that it had attacked": a that-clause
    and no object is a dispute over facts, which refuses nothing (manual, REJECT modes)."""
    if any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
        return False
    return any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )


_ALLEGING_VERBS = _words("allege charge accuse complain")


def _alleged(accuse: Token, triggers: dict[int, LexEntry]) -> set[int]:
    """Triggers inside what an accusation alleges ("accused the RSF of shelling a market,
    killing 12"): the allegation is not a reported act."""
    contents = _prep_objects(accuse, {"of"})
    for obj in _direct_objects(accuse):  # the parser may hang "of" on the accused
        contents.extend(_prep_objects(obj, {"of"}))
    alleged = [c for c in contents if c.tag_ == "VBG" or c.i in triggers]
    if accuse.lemma_.lower() in _ALLEGING_VERBS:
        # "alleged that Chinese vessels had attacked its boat": what is alleged
        alleged.extend(c for c in accuse.children if c.dep_ == "ccomp")
    for saying in accuse.children:
        # "condemned the strikes, saying they had killed eight women": the charge it makes
        if saying.dep_ == "advcl" and saying.lemma_.lower() in _REPORTING_VERBS:
            alleged.extend(c for c in saying.children if c.dep_ == "ccomp")
    found = {
        t.i for c in alleged for t in c.subtree if t.i in triggers and not _dated_description(t, c)
    }
    if alleged:  # a participle with no subject of its own tells the alleged act's toll
        found.update(
            c.i
            for c in accuse.children
            if c.dep_ == "advcl"
            and c.tag_ == "VBG"
            and c.i in triggers
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        )
    return found


def _actors_from_governor(ctx: _DocContext, trigger: Token) -> list[tuple[Token, Actor]]:
    """The doer of an act named with no doer of its own, from the event it belongs to: what a
    state is summoned over is its own act ("summoned Israel's envoy to protest a police raid"),
    and what happens during a described act is that act's doer's ("a raid, during which
    hundreds of worshippers were detained")."""
    node = trigger
    for _ in range(6):
        if node.head.i == node.i:
            return []
        described = node.dep_ == "relcl"
        node = node.head
        coded = ctx.coded.get(node.i)
        if coded is None:
            continue
        cameo, actors, recipients = coded
        if cameo.startswith("114"):
            return [(node, a) for a in recipients if a.country]
        if described:
            return [(node, a) for a in actors]
        return []
    return []


def _dated_description(trigger: Token, content: Token) -> bool:
    """ "accusing Kigali of sending troops to back the M23 rebels who fought their way into
    Goma last week": a relative clause with its own date inside what is alleged describes a
    known happening, not part of the charge."""
    node = trigger
    while node.i != content.i and node.head.i != node.i:
        if node.dep_ == "relcl":
            return any(t.ent_type_ in ("DATE", "TIME") for t in node.subtree)
        node = node.head
    return False


def _protest_topic(verb: Token, entry: LexEntry, triggers: dict[int, LexEntry]) -> bool:
    """ "rallied outside parliament, demanding more protection": what a protest demands is
    its topic, not a further event (manual, PROTEST)."""
    if _entry_type(entry) != "REQUEST" or verb.dep_ not in ("advcl", "conj"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    main = triggers.get(verb.head.i)
    return main is not None and _entry_type(main) == "PROTEST"


def _condition(token: Token, triggers: dict[int, LexEntry]) -> bool:
    """ "would retaliate if Israel attacked", "will release them unless the army withdraws": a
    condition set on another event is part of that threat or offer, not a reported act."""
    clause = token
    if token.pos_ in ("NOUN", "PROPN"):
        light = _light_verb(token)  # "if it went ahead with a nuclear test"
        if light is None:
            return False
        clause = light
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "advcl" or not any(
        m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children
    ):
        return False
    head = clause.head
    return head.i in triggers or (head.dep_ in ("xcomp", "ccomp") and head.head.i in triggers)


def _troop_arrival(draft: _Draft) -> bool:
    """ "NATO peacekeeping troops arrived in Bosnia": armed forces arriving make no visit."""
    if draft.rule != "verb" or draft.entry.cameo not in _TRAVEL_CODES:
        return False
    subject, _ = _subject(draft.trigger)
    if subject is None:
        return False
    counted = [g for c in subject.children if c.lower_ == "of" for g in c.children]
    if subject.pos_ in ("NUM", "NOUN") and subject.lower_ in _COUNT_WORDS and counted:
        subject = counted[0]  # "hundreds of police officers"
    return (
        subject.lemma_.lower() in _ARMED_PERSONNEL
        or subject.lemma_.lower() == "police"
        # "Kenyan police officers arrived in Port-au-Prince" (one officer may visit)
        or (
            subject.tag_ == "NNS"
            and any(c.lemma_.lower() == "police" for c in subject.children if c.dep_ == "compound")
        )
    )


def _sent_to_help(ctx: _DocContext, draft: _Draft) -> bool:
    """Troops deployed to another state with a purpose of help ("to help", "to train")."""
    if draft.rule != "verb" or draft.entry.cameo != "154":
        return False
    if _in_a_mission(draft.trigger):
        # "will send troops to Somalia as part of a new African Union mission"
        own = {a.country for _, a in draft.actors}
        return any(a.country and a.country not in own for _, a in draft.recipients)
    if draft.status != "occurred":
        return False
    purpose = _aid_purpose(draft.trigger)
    if purpose is None:
        return False
    own = {a.country for _, a in draft.actors}
    foreign = any(a.country and a.country not in own for _, a in draft.recipients)
    if not foreign:
        # "sent 1,200 troops to help Sri Lanka cope with the tsunami": the party helped
        helped = [
            (t, a)
            for t, a in _resolve_all(ctx, _objects_or_raised(purpose))
            if a.country and a.country not in own
        ]
        draft.recipients.extend(helped)
        foreign = bool(helped)
    return foreign


def _in_a_mission(verb: Token) -> bool:
    """Forces sent "as part of" a peacekeeping or stabilisation mission or force."""
    for prep in verb.children:
        if (
            prep.dep_ == "prep"
            and prep.lower_ == "as"
            and any(part.lemma_.lower() == "part" for part in prep.children)
        ):
            return any(t.lemma_.lower() in _MISSION_WORDS for t in prep.subtree)
    return False


def _assisting(arrival: Token) -> bool:
    """ "instructors arrived in Bamako to train Malian forces": sent to help the host."""
    return _aid_purpose(arrival) is not None


def _peacekeeping(token: Token) -> bool:
    return any(t.lemma_.lower() in _PEACEKEEPING_WORDS for t in token.subtree)


def _entry_type(entry: LexEntry) -> str:
    return entry.plover or code(entry.cameo).plover_type


def _same_happening(verb: Token, triggers: dict[int, LexEntry]) -> bool:
    """ "attacked the city, killing four people and damaging the port": a participle clause
    with no subject of its own tells more of the main event, which alone is coded."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.pos_ == "VERB" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "advcl" or clause.tag_ != "VBG":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in (*clause.children, *verb.children)):
        return False
    main = triggers.get(clause.head.i)
    if main is not None and main.cameo.startswith("145"):
        # "rioted in Vlora, setting fire to government buildings": the riot's own violence
        return _entry_type(triggers[verb.i]) in _CONFLICT_TYPES
    if main is not None and verb.lemma_.lower() == "end" and verb.i == clause.i:
        # "agreed to return to the talks, ending a 13-month boycott": what the act ends
        return True
    if (
        main is not None
        and verb.i == clause.i
        and verb.lemma_.lower() in ("allow", "permit", "let", "enable", "lift")
        and _entry_type(main) in ("RETREAT", "CONCEDE")
    ):
        # "lifted its blockade of the port, allowing fuel tankers to dock": what the
        # concession lets happen is the same happening
        return True
    if main is not None and verb.i == clause.i and _defiance(verb):
        # "recognised Slovenia, brushing aside Belgrade's objections", "occupied farms,
        # defying a court order": the act is the defiance, told twice
        return True
    if (
        main is not None
        and verb.i == clause.i
        and verb.lemma_.lower() in _KEEPING_OUT_VERBS
        and _entry_type(main) in ("COERCE", "SANCTION")
    ):
        # "sealed off the West Bank, barring Palestinians from entering": the closure
        return True
    return main is not None and _entry_type(main) == _entry_type(triggers[verb.i])


_DEFYING_VERBS = _words("defy brush ignore flout disregard shrug override overrule snub")
_SPURNED_NOUNS = _words(
    "objection objections protest protests appeal appeals demand demands call calls plea pleas "
    "warning warnings criticism pressure request requests"
)
_KEEPING_OUT_VERBS = _words("bar prevent stop keep block")


def _defiance(verb: Token) -> bool:
    """A participle that only says what the act brushed aside: "defying a court order",
    "rejecting Moscow's demands for his extradition"."""
    lemma = verb.lemma_.lower()
    if lemma in _DEFYING_VERBS:
        return True
    return lemma in ("reject", "dismiss", "rebuff") and any(
        o.lemma_.lower() in _SPURNED_NOUNS or o.lower_ in _SPURNED_NOUNS
        for o in _direct_objects(verb)
    )


def _purpose_of_a_protest_note(verb: Token, triggers: dict[int, LexEntry]) -> bool:
    """ "summoned Japan's ambassador to protest against a textbook": the summons is the
    protest (ACCUSE); the purpose clause is no street protest of its own."""
    if verb.lemma_.lower() != "protest" or verb.dep_ not in ("advcl", "xcomp"):
        return False
    main = triggers.get(verb.head.i)
    return main is not None and _entry_type(main) in ("ACCUSE", "SANCTION")


# ---------------------------------------------------------------- entry point


def find_events(
    doc: Doc,
    article: Article,
    timexes: tuple[Timex, ...],
    actors: tuple[Actor, ...],
    places: tuple[Location, ...],
) -> tuple[Event, ...]:
    """Every coded event in ``doc``: one per trigger token, in text order."""
    if not actors:
        return ()
    ctx = _DocContext(doc, actors, places)
    found = actors_stage.dateline(doc)
    if found is not None and found[0] < len(doc):
        # "LA PAZ, Nov 8 (Wire) --": the dateline's date is the report's, never an act's
        body = doc[found[0]].idx
        timexes = tuple(t for t in timexes if t.start >= body)
    matcher = _Matcher(ctx)
    triggers: dict[int, LexEntry] = {}
    for token in doc:
        if nlp.naming_clause(token):
            continue  # "what the military called hideouts" names; it calls for nothing
        if token.pos_ in ("VERB", "NOUN", "PROPN") or _predicative(token):
            entry = matcher.entry_for(token)
            if entry is not None and "skip" not in entry.flags:  # "a heart attack"
                triggers[token.i] = entry
    # A complement folded into its governing trigger ("agreed to cooperate",
    # "threatened to attack") is not an event of its own.
    complements: dict[int, tuple[LexEntry, Token]] = {}
    consumed: set[int] = set()
    complement_tokens: dict[int, Token] = {}
    background: list[int] = []  # coded only in a sentence that reports nothing else
    for i, entry in triggers.items():
        if entry.pos == "V" and (
            _description(doc[i])
            or _same_happening(doc[i], triggers)
            or _purpose_of_a_protest_note(doc[i], triggers)
        ):
            consumed.add(i)
        if _condition(doc[i], triggers):
            consumed.add(i)
        elif _background(doc[i], triggers):
            background.append(i)
        if entry.pos == "V":
            # "ended mediation efforts", "cancelled the visit": the verb codes the event and
            # its object noun is what it acts on, not a second event.
            for obj in _direct_objects(doc[i]):
                if obj.i in triggers and triggers[obj.i].pos == "N":
                    consumed.add(obj.i)
            for req in _flat(entry.requires):
                # "agreed to their demand": the row names what it acts on through a
                # preposition; that noun is no second event
                if req.kind == "pobj":
                    consumed.update(
                        o.i
                        for o in _prep_objects(doc[i], {req.prep})
                        if o.i in triggers and o.lemma_.lower() in req.words
                    )
            if _protest_topic(doc[i], entry, triggers):
                consumed.add(i)
            if _entry_type(entry) == "ACCUSE":
                consumed.update(_alleged(doc[i], triggers))
            if _entry_type(entry) == "REJECT" and _rejects_a_claim(doc[i]):
                consumed.add(i)
            if _entry_type(entry) == "REJECT":
                # "vetoed a resolution condemning the annexation": what is rejected is
                # content, not an act
                consumed.update(
                    t.i
                    for obj in _direct_objects(doc[i])
                    for t in obj.subtree
                    if t.i in triggers and t.i != i
                )
            purpose = _aid_purpose(doc[i]) if _entry_type(entry) in ("AID", "AGREE") else None
            if purpose is not None:
                consumed.add(purpose.i)  # "pledged $500 million to support X": one grant
            # "a missile barrage hit Kyiv": a noun subject naming the same act as its verb
            for subj in doc[i].children:
                if (
                    subj.dep_ == "nsubj"
                    and subj.i in triggers
                    and triggers[subj.i].pos == "N"
                    and _entry_type(triggers[subj.i]) == _entry_type(entry)
                ):
                    consumed.add(subj.i)
        if entry.pos == "N" and "subjof" in entry.flags:
            host = _activity_host(doc[i])
            if host is not None and host.i in triggers:
                # "suspended the pact in protest at the launch": the motive of another act
                consumed.add(i)
        if "consume" in entry.flags:
            content = _nominal_content(doc[i], triggers)
            if content is not None:
                # "agreed to a ceasefire to allow aid in": the ceasefire is what is agreed
                consumed.update(t.i for t in content.subtree if t.i in triggers)
            comp = _complement(doc[i]) or content
            if comp is None:
                continue
            complement_tokens[i] = comp
            if comp.i in triggers:
                complements[i] = (triggers[comp.i], comp)
            # What is agreed, demanded or refused is content, not a further event.
            consumed.update(t.i for t in comp.subtree if t.i in triggers)
    demands = _reported_demands(ctx, doc, triggers)
    for draft in demands:
        consumed.update(draft.consumed)
    events: list[Event] = []
    for draft in demands:
        event = _finish(ctx, draft, article, timexes)
        if event is not None:
            events.append(event)

    def code(i: int, entry: LexEntry) -> Event | None:
        token = doc[i]
        if entry.pos == "V" and (_tally(token) or _mishap_toll(token)):
            return None
        draft = (
            _nominal_draft(ctx, token, entry)
            if entry.pos == "N"
            else _verb_draft(ctx, token, entry)
        )
        if draft is None:
            return None
        if _troop_arrival(draft):
            # PLOVER AID covers military personnel sent as peacekeepers; other arrivals of
            # troops are movements this stage does not code.
            subject, _ = _subject(token)
            if subject is None or not (_peacekeeping(subject) or _assisting(token)):
                return None
            draft.entry = replace(_PEACEKEEPING_ENTRY, lemma=entry.lemma)
        elif _sent_to_help(ctx, draft):
            # "dispatched soldiers to the Central African Republic to help protect its
            # government": forces sent to a state's aid are military assistance (CAMEO 074)
            draft.entry = replace(_PEACEKEEPING_ENTRY, lemma=entry.lemma)
        if not draft.actors:
            draft.actors = _actors_from_governor(ctx, token)
            if draft.actors and draft.reason == "purpose":
                # "summoned the envoy to protest a raid": the raid protested has happened
                draft.status, draft.reason = "occurred", "act protested"
        if i in complements:
            draft.complement = complements[i][0]
        if i in complement_tokens:
            draft.complement_token = complement_tokens[i]
            _add_complement_recipients(ctx, draft)
        return _finish(ctx, draft, article, timexes)

    recalled = set(background)
    for i, entry in triggers.items():
        if i not in consumed and i not in recalled:
            event = code(i, entry)
            if event is not None:
                events.append(event)
    # "The protests began after police arrested ...": an earlier happening a sentence
    # recalls is its event when the rest of the sentence codes none.
    reporting = {e.start for e in events}
    recalls = [code(i, triggers[i]) for i in background if i not in consumed
               and doc[i].sent.start_char not in reporting]  # fmt: skip
    events.extend(e for e in recalls if e is not None)
    events.sort(key=lambda e: e.start)  # stable: text order within a sentence
    # Manual, MOBILIZE: a mobilisation reported with the assault it serves ("units were
    # activated and returned fire") is coded as the ASSAULT only.
    assaults = {e.start for e in events if e.type == "ASSAULT"}
    return tuple(e for e in events if not (e.type == "MOBILIZE" and e.start in assaults))
