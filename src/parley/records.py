"""The record types that stages pass to each other.

Every stage reads the parsed document (a spaCy ``Doc``) plus the records of the
stages before it, and returns records of its own. Records are frozen so a stage
can never change what another stage produced. ``to_dict`` gives the JSON shape
of the extract contract (see ``schema/extract.schema.json``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EventStatus = Literal["occurred", "planned", "negated", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year"]
DateSource = Literal["text", "context", "published"]
Span = tuple[int, int]


@dataclass(frozen=True)
class Article:
    """One dated news document as read from a source."""

    id: str
    published: dt.date
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str | None = None  # the file (and line) it was read from


@dataclass(frozen=True)
class Timex:
    """A temporal expression normalised to a TIMEX3 value.

    ``value`` follows TIMEX3: ``2023-06-18``, ``2023-W24``, ``2022-11``, ``PT7H30M``,
    ``PAST_REF``. ``mod`` carries TIMEX3 modifiers such as ``START`` for "since August".
    """

    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class Actor:
    """A person, organisation, government, group or country named in a document."""

    id: str
    name: str
    country: str | None  # ISO 3166 alpha-3, or IGO/UNO/EUR/NGO/MNC
    sector: str | None  # PLOVER sector: GOV, MIL, COP, JUD, LEG, PTY, REB, OPP, CVL, JRN, BUS ...
    role: str | None
    mentions: tuple[Span, ...]
    kind: str = "person"  # person | organisation | country | group | place (a city as a place)


@dataclass(frozen=True)
class Location:
    """A place resolved to a gazetteer entry."""

    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Event:
    """One coded PLOVER event with the evidence behind it."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]
    status: EventStatus
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    date: str
    date_precision: DatePrecision
    date_source: DateSource
    location: Location | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    sentence: str
    start: int
    end: int
    why: str


@dataclass(frozen=True)
class Quote:
    """Words attributed to a speaker, directly or in reported speech."""

    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None  # actor id
    speaker_text: str | None
    cue: str | None
    via: str | None


@dataclass(frozen=True)
class Extraction:
    """Everything found in one article."""

    article: Article
    timexes: tuple[Timex, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Location, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The extract contract: one JSON object per document."""
        a = self.article
        return {
            "id": a.id,
            "published": a.published.isoformat(),
            "title": a.title,
            "url": a.url,
            "source": a.source,
            "timexes": [_plain(t) for t in self.timexes],
            "actors": [
                {**_plain(x), "mentions": [list(m) for m in x.mentions]} for x in self.actors
            ],
            "events": [_event_dict(e) for e in self.events],
            "quotes": [_plain(q) for q in self.quotes],
        }


@dataclass(frozen=True)
class InputProblem:
    """Bad input: reported in one line naming the file (and line) and the problem."""

    origin: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.message}"


def _plain(record: Any) -> dict[str, Any]:
    return {f.name: _jsonable(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _event_dict(event: Event) -> dict[str, Any]:
    out = _plain(event)
    if event.location is not None:
        loc = out["location"]
        out["location"] = {k: loc[k] for k in ("text", "name", "country", "lat", "lon")}
    return out
